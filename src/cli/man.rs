//! `vpceplan man [--out DIR]`: man pages generated from the clap definition: `vpceplan.1`
//! on stdout, or it and `vpceplan-COMMAND.1` for every subcommand (nested ones as
//! `vpceplan-pricing-diff.1`) written into a folder.

use super::{Cli, Exit};
use crate::error::{Error, Result};
use crate::output::write_atomic;
use clap::CommandFactory;
use std::io::Write;
use std::path::PathBuf;

/// Every page: (file name, roff text), the top-level page first.
pub fn pages() -> Result<Vec<(String, Vec<u8>)>> {
    let mut cmd = Cli::command();
    cmd.build();
    let mut out = Vec::new();
    collect(&cmd, "vpceplan", &mut out)?;
    Ok(out)
}

fn collect(cmd: &clap::Command, name: &str, out: &mut Vec<(String, Vec<u8>)>) -> Result<()> {
    let page = cmd
        .clone()
        .name(name.to_string())
        .bin_name(name.replace('-', " "))
        .version(env!("CARGO_PKG_VERSION"));
    let mut buf = Vec::new();
    clap_mangen::Man::new(page)
        .render(&mut buf)
        .map_err(|e| Error::Msg(format!("cannot render the man page of {name}: {e}")))?;
    out.push((format!("{name}.1"), buf));
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        if sub.get_name() == "help" {
            continue;
        }
        collect(sub, &format!("{name}-{}", sub.get_name()), out)?;
    }
    Ok(())
}

/// Arguments of `vpceplan man`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Write vpceplan.1 and vpceplan-COMMAND.1 for every subcommand into DIR
    /// (atomically) instead of printing vpceplan.1.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
}

pub fn run(args: &Args) -> Result<Exit> {
    let pages = pages()?;
    match args.out.as_deref() {
        Some(dir) => {
            for (name, text) in &pages {
                write_atomic(&dir.join(name), text)?;
            }
            eprintln!("{} man pages written to {}", pages.len(), dir.display());
        }
        None => {
            if let Some((_, text)) = pages.first() {
                let _ = std::io::stdout().lock().write_all(text);
            }
        }
    }
    Ok(0)
}
