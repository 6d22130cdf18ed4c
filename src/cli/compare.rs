//! `vpceplan compare`: every design of each workload side by side, with exact
//! break-evens; `--out DIR` writes `compare.csv` and `breakeven.csv` atomically.

use super::{Env, Exit, ScenarioPaths, TextFormat, TextOutput};
use crate::designs::compare::Comparison;
use crate::designs::is_compiled;
use crate::error::{Error, Result};
use crate::ops::evaluate::comparisons;
use crate::ops::load::{files, load_all};
use crate::output::write_atomic;
use crate::report::compare::{breakeven_csv, compare_csv, compare_table};
use std::io::Write;
use std::path::PathBuf;

/// Arguments of `vpceplan compare`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub paths: ScenarioPaths,
    /// Folder to write compare.csv and breakeven.csv into (atomically).
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    #[command(flatten)]
    pub output: TextOutput,
}

pub fn run(env: &Env, args: &Args) -> Result<Exit> {
    let paths = &args.paths.paths;
    let out = args.out.as_deref();
    let files = files(paths)?;
    let loaded = load_all(env, &files);
    let mut failed = false;
    let mut explicit = 0usize;
    let mut workloads = Vec::new();
    for l in loaded {
        match l {
            Err(f) => {
                failed = true;
                eprintln!("error: {}", f.message);
            }
            Ok(s) if is_compiled(&s) => workloads.push(s),
            Ok(_) => explicit += 1,
        }
    }
    if explicit > 0 && !paths.is_empty() {
        env.warn(&format!(
            "{explicit} scenario(s) of explicit resources skipped: compare needs a [workload] (see docs/designs.md)"
        ));
    }
    if workloads.is_empty() {
        return Err(Error::Msg(
            "no workload scenarios to compare\n  hint: a scenario needs a [workload] table (spokes, azs, services, traffic) and optionally [compare] designs = [...]".into(),
        ));
    }
    let comparisons: Vec<Comparison> = comparisons(env, &workloads);
    for c in &comparisons {
        for a in &c.designs {
            if matches!(a.eval, Some(Err(_))) {
                failed = true;
            }
            if let Some(Ok(e)) = &a.eval {
                for w in &e.warnings {
                    env.warn(&format!("{}: {w}", e.scenario));
                }
            }
        }
    }
    let text = match args.output.format {
        TextFormat::Table => {
            let mut text = String::new();
            for (i, c) in comparisons.iter().enumerate() {
                if i > 0 {
                    text.push('\n');
                }
                text.push_str(&compare_table(c));
            }
            text
        }
        TextFormat::Markdown => crate::report::markdown::fit(
            &crate::report::markdown::compare_md(&comparisons),
            args.output.max_chars.max_chars,
            "`vpceplan compare --format markdown` prints all of it.",
        ),
    };
    if let Some(dir) = out {
        // Break-evens first, designs last: a complete compare.csv means a complete run.
        write_atomic(
            &dir.join("breakeven.csv"),
            &env.csv(breakeven_csv(&comparisons)),
        )?;
        write_atomic(
            &dir.join("compare.csv"),
            &env.csv(compare_csv(&comparisons)),
        )?;
    }
    let mut so = std::io::stdout().lock();
    let _ = so.write_all(text.as_bytes());
    if let Some(dir) = out
        && !env.quiet
    {
        eprintln!("compare.csv and breakeven.csv written to {}", dir.display());
    }
    Ok(if failed { 1 } else { 0 })
}
