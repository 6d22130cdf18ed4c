//! `vpceplan run`: price and size scenarios, print a summary, write reports.

use super::{Env, Exit, MaxChars, ScenarioPaths, charts as chart_files};
use crate::error::Result;
use crate::ops::evaluate::{compare_all, evaluate_paths, ok};
use crate::ops::{Evaluated, Outcome};
use crate::output::write_atomic;
use crate::report;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The workbook `--format xlsx` writes into the report folder.
pub const WORKBOOK: &str = "vpceplan.xlsx";

/// Arguments of `vpceplan run`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub paths: ScenarioPaths,
    /// Report folder.
    #[arg(long, default_value = "reports", value_name = "DIR")]
    pub out: PathBuf,
    /// What to print on stdout (xlsx: the table, and OUT/vpceplan.xlsx written too).
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// Print only; write no report files.
    #[arg(long)]
    pub no_write: bool,
    /// Also draw charts (SVG and PNG) next to the CSVs: cost by component, cost
    /// against traffic and spokes with break-evens, per-AZ load, failover.
    #[arg(long)]
    pub charts: bool,
    #[command(flatten)]
    pub max_chars: MaxChars,
}

/// Output format of `run`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// An aligned table on stdout.
    Table,
    /// JSON on stdout.
    Json,
    /// summary.csv on stdout.
    Csv,
    /// The table on stdout, and every report in one workbook, OUT/vpceplan.xlsx.
    Xlsx,
    /// GitHub-flavoured Markdown on stdout, for a pull-request comment (see --max-chars).
    Markdown,
}

pub fn run(env: &Env, args: &Args) -> Result<Exit> {
    let Args {
        paths: ScenarioPaths { paths },
        out,
        format,
        no_write,
        charts,
        max_chars: MaxChars { max_chars },
    } = args;
    let (out, format, no_write, charts, max_chars) =
        (out.as_path(), *format, *no_write, *charts, *max_chars);
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
    let evaluated = evaluate_paths(env, paths)?;
    env.report_evaluated(&evaluated);
    let Evaluated {
        loaded,
        notes: _,
        region_loss,
        outcomes,
        failed,
    } = evaluated;
    if !no_write {
        // Per-scenario files first, summary last: a complete summary.csv means a complete run.
        let failed_over = write_results(env, out, &outcomes, &region_loss)?;
        if charts {
            let comparisons = compare_all(env, &loaded);
            let planned = chart_files::plan(env, &loaded, &comparisons, &outcomes);
            let drawn = chart_files::draw(env, &planned)?;
            chart_files::write(out, &planned, &drawn)?;
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
    outcomes: &[Outcome],
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
