//! `vpceplan compare`: every design of each workload side by side, with exact
//! break-evens; `--out DIR` writes `compare.csv` and `breakeven.csv` atomically.

use super::common::{Env, files, load_all};
use super::{Exit, TextFormat};
use crate::designs::compare::{Comparison, comparison};
use crate::designs::is_compiled;
use crate::error::{Error, Result};
use crate::output::write_atomic;
use crate::report::compare::{breakeven_csv, compare_csv, compare_table};
use rayon::prelude::*;
use std::io::Write;
use std::path::{Path, PathBuf};

pub fn compare(
    env: &Env,
    paths: &[PathBuf],
    out: Option<&Path>,
    format: TextFormat,
    max_chars: usize,
) -> Result<Exit> {
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
            "{explicit} scenario(s) of explicit resources skipped: compare needs a [workload] (see README.md, section \"Designs, failover and break-even\")"
        ));
    }
    if workloads.is_empty() {
        return Err(Error::Msg(
            "no workload scenarios to compare\n  hint: a scenario needs a [workload] table (spokes, azs, services, traffic) and optionally [compare] designs = [...]".into(),
        ));
    }
    let comparisons: Vec<Comparison> = env.pool.install(|| {
        workloads
            .par_iter()
            .map(|s| comparison(s, &env.book))
            .collect()
    });
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
    let text = match format {
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
            max_chars,
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
