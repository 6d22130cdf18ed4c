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

pub fn completions(shell: clap_complete::Shell) -> Result<Exit> {
    let _ = std::io::stdout().lock().write_all(&script(shell));
    Ok(0)
}
