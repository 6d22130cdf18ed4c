//! `vpceplan validate`: parse and validate scenarios without pricing them.

use super::{Env, Exit, ScenarioPaths};
use crate::designs;
use crate::error::Result;
use crate::ops::load::{files, load_all};

/// Arguments of `vpceplan validate`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub paths: ScenarioPaths,
}

pub fn run(env: &Env, args: &Args) -> Result<Exit> {
    let files = files(&args.paths.paths)?;
    let loaded = load_all(env, &files);
    let mut bad = 0;
    for l in &loaded {
        match l {
            Ok(s) if designs::is_compiled(s) => out!(
                "ok     {} ({}, workload: {} designs)",
                s.file,
                s.name,
                designs::names(s).len()
            ),
            Ok(s) => out!(
                "ok     {} ({}, {} blocks)",
                s.file,
                s.name,
                s.resources.len()
            ),
            Err(f) => {
                bad += 1;
                out!("FAIL   {}", f.file);
                eprintln!("error: {}", f.message);
            }
        }
    }
    out!("{} valid, {bad} invalid", loaded.len() - bad);
    Ok(if bad > 0 { 1 } else { 0 })
}
