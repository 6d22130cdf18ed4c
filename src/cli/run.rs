//! `vpceplan run`: price and size scenarios, print a summary, write reports.

use super::charts_out::{self, compare_all};
use super::common::{Env, Evaluated, evaluate_paths, ok};
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
    charts: bool,
    max_chars: usize,
) -> Result<Exit> {
    if charts && no_write {
        eprintln!(
            "error: --charts writes charts next to the CSVs and --no-write writes nothing\n  hint: drop one of them"
        );
        return Ok(2);
    }
    if format == Format::Xlsx && no_write {
        eprintln!(
            "error: --format xlsx writes {} and --no-write writes nothing\n  hint: drop one of them",
            out.join(WORKBOOK).display()
        );
        return Ok(2);
    }
    let Evaluated {
        loaded,
        notes: _,
        region_loss,
        outcomes,
        failed,
    } = evaluate_paths(env, paths)?;
    if !no_write {
        // Per-scenario files first, summary last: a complete summary.csv means a complete run.
        let failed_over = write_results(env, out, &outcomes, &region_loss)?;
        if charts {
            let comparisons = compare_all(env, &loaded);
            let planned = charts_out::plan(env, &loaded, &comparisons, &outcomes);
            let drawn = charts_out::draw(env, &planned)?;
            charts_out::write(out, &planned, &drawn)?;
        }
        if format == Format::Xlsx {
            write_atomic(
                &out.join(WORKBOOK),
                &report::run_workbook(&outcomes, &failed_over)?,
            )?;
        }
        write_atomic(
            &out.join("summary.csv"),
            &env.csv(report::summary_csv(&outcomes)),
        )?;
    }
    let text = match format {
        Format::Table | Format::Xlsx => {
            let mut t = report::summary_table(&outcomes);
            t.push_str(&report::accounts_text(&outcomes));
            t.into_bytes()
        }
        Format::Json => report::outcomes_json(&outcomes),
        Format::Csv => report::summary_csv(&outcomes),
        Format::Markdown => report::markdown::fit(
            &report::markdown::summary_md(&outcomes),
            max_chars,
            "`vpceplan run --format markdown` prints all of it.",
        )
        .into_bytes(),
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

/// Write the per-scenario CSVs of a run (line items, capacity, per AZ, quotas) and the capacity of
/// failover designs' failed-over states; returns those states for the workbook.
pub(super) fn write_results(
    env: &Env,
    out: &Path,
    outcomes: &[report::Outcome],
    region_loss: &[(PathBuf, crate::scenario::Scenario)],
) -> Result<Vec<report::FailedOver>> {
    for e in ok(outcomes) {
        let dir = out.join(&e.scenario);
        write_atomic(
            &dir.join("line_items.csv"),
            &env.csv(report::line_items_csv(e)),
        )?;
        write_atomic(&dir.join("capacity.csv"), &env.csv(report::capacity_csv(e)))?;
        write_atomic(&dir.join("per_az.csv"), &env.csv(report::per_az_csv(e)))?;
        write_atomic(&dir.join("accounts.csv"), &env.csv(report::accounts_csv(e)))?;
        write_atomic(&dir.join("quotas.csv"), &env.csv(report::quotas_csv(e)))?;
    }
    // Failed-over states of failover designs: sized (capacity.csv), not priced.
    let mut failed_over = Vec::new();
    for (rel, survivor) in region_loss {
        match crate::engine::capacity(survivor, &env.book) {
            Ok(rows) => {
                write_atomic(
                    &out.join(rel).join("capacity.csv"),
                    &env.csv(report::capacity_rows_csv(&rows)),
                )?;
                failed_over.push((rel.to_string_lossy().replace('\\', "/"), rows));
            }
            Err(e) => env.warn(&format!("{}: {e}", survivor.name)),
        }
    }
    Ok(failed_over)
}
