//! `vpceplan schema [scenario|sweep] [--out FILE]`: the JSON Schema of scenario or sweep
//! files, generated from the key tables the parsers read.

use super::Exit;
use crate::error::Result;
use crate::output::write_atomic;
use crate::schema::{Which, render};
use std::path::PathBuf;

/// Arguments of `vpceplan schema`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Which schema.
    #[arg(value_enum, default_value_t = Which::Scenario)]
    pub which: Which,
    /// Write it to FILE (atomically) instead of stdout.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

pub fn run(args: &Args) -> Result<Exit> {
    let text = render(args.which);
    match &args.out {
        Some(p) => write_atomic(p, text.as_bytes())?,
        None => out_raw!("{text}"),
    }
    Ok(0)
}
