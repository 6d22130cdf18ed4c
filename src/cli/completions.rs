//! `vpceplan completions SHELL`: a completion script generated from the clap definition.

use super::{Cli, Exit};
use crate::error::Result;
use clap::CommandFactory;
use std::io::Write;

/// The completion script for `shell`, as bytes.
pub fn script(shell: clap_complete::Shell) -> Vec<u8> {
    let mut cmd = Cli::command();
    let mut buf = Vec::new();
    clap_complete::generate(shell, &mut cmd, "vpceplan", &mut buf);
    buf
}

/// Arguments of `vpceplan completions`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The shell.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

pub fn run(args: &Args) -> Result<Exit> {
    let _ = std::io::stdout().lock().write_all(&script(args.shell));
    Ok(0)
}
