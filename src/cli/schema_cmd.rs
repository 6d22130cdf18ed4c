//! `vpceplan schema [scenario|sweep] [--out FILE]`: the JSON Schema of scenario or sweep
//! files, generated from the key tables the parsers read.

use super::Exit;
use crate::error::Result;
use crate::output::write_atomic;
use crate::schema::{Which, render};
use std::path::Path;

pub fn schema(which: Which, out: Option<&Path>) -> Result<Exit> {
    let text = render(which);
    match out {
        Some(p) => write_atomic(p, text.as_bytes())?,
        None => out_raw!("{text}"),
    }
    Ok(0)
}
