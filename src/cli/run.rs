//! `vpceplan run`: price and size scenarios, print a summary, write reports.

use super::common::{
    Env, check_unique_names, evaluate_all, expand, files, load_all, ok, report_failures,
};
use super::{Exit, Format};
use crate::error::Result;
use crate::output::write_atomic;
use crate::report;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The workbook `--format xlsx` writes into the report folder.
pub const WORKBOOK: &str = "vpceplan.xlsx";

pub fn run(
    env: &Env,
    paths: &[PathBuf],
    out: &Path,
    format: Format,
    no_write: bool,
) -> Result<Exit> {
    if format == Format::Xlsx && no_write {
        eprintln!(
            "error: --format xlsx writes {} and --no-write writes nothing\n  hint: drop one of them",
            out.join(WORKBOOK).display()
        );
        return Ok(2);
    }
    let files = files(paths)?;
    let expanded = expand(load_all(env, &files));
    for n in &expanded.notes {
        env.warn(n);
    }
    let mut outcomes = evaluate_all(env, expanded.scenarios);
    check_unique_names(&mut outcomes);
    let failed = report_failures(&outcomes);
    for e in ok(&outcomes) {
        for w in &e.warnings {
            env.warn(&format!("{}: {w}", e.scenario));
        }
    }
    if !no_write {
        // Per-scenario files first, summary last: a complete summary.csv means a complete run.
        for e in ok(&outcomes) {
            let dir = out.join(&e.scenario);
            write_atomic(&dir.join("line_items.csv"), &report::line_items_csv(e))?;
            write_atomic(&dir.join("capacity.csv"), &report::capacity_csv(e))?;
            write_atomic(&dir.join("per_az.csv"), &report::per_az_csv(e))?;
        }
        // Failed-over states of failover designs: sized (capacity.csv), not priced.
        let mut failed_over = Vec::new();
        for (rel, survivor) in &expanded.region_loss {
            match crate::engine::capacity(survivor, &env.book) {
                Ok(rows) => {
                    write_atomic(
                        &out.join(rel).join("capacity.csv"),
                        &report::capacity_rows_csv(&rows),
                    )?;
                    failed_over.push((rel.to_string_lossy().replace('\\', "/"), rows));
                }
                Err(e) => env.warn(&format!("{}: {e}", survivor.name)),
            }
        }
        if format == Format::Xlsx {
            write_atomic(
                &out.join(WORKBOOK),
                &report::run_workbook(&outcomes, &failed_over)?,
            )?;
        }
        write_atomic(&out.join("summary.csv"), &report::summary_csv(&outcomes))?;
    }
    let text = match format {
        Format::Table | Format::Xlsx => report::summary_table(&outcomes).into_bytes(),
        Format::Json => report::outcomes_json(&outcomes),
        Format::Csv => report::summary_csv(&outcomes),
    };
    let mut so = std::io::stdout().lock();
    let _ = so.write_all(&text);
    if !no_write && !env.quiet {
        if format == Format::Xlsx {
            eprintln!(
                "reports written to {} (workbook: {})",
                out.display(),
                out.join(WORKBOOK).display()
            );
        } else {
            eprintln!("reports written to {}", out.display());
        }
    }
    Ok(if failed { 1 } else { 0 })
}
