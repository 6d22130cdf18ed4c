//! `vpceplan report`: everything `run` and `compare` write, every chart as SVG and PNG
//! next to the CSVs, and `index.html`, one self-contained page that shows it all.

use super::run::write_results;
use super::{Env, Exit, ScenarioPaths, charts as chart_files};
use crate::error::Result;
use crate::ops::Evaluated;
use crate::ops::evaluate::{compare_all, evaluate_loaded, outcome_of};
use crate::ops::load::{files, load_all};
use crate::output::write_atomic;
use crate::report;
use crate::report::compare::{breakeven_csv, compare_csv};
use crate::report::html::{DrawnChart, Page, Section, index_html};
use std::path::{Path, PathBuf};

/// The page's file name in the report folder.
pub const INDEX: &str = "index.html";

/// Arguments of `vpceplan report`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub paths: ScenarioPaths,
    /// Report folder.
    #[arg(long, default_value = "reports", value_name = "DIR")]
    pub out: PathBuf,
}

pub fn run(env: &Env, args: &Args) -> Result<Exit> {
    let out: &Path = &args.out;
    // Compare first: the designs' evaluations are then reused, not priced twice.
    let loaded = load_all(env, &files(&args.paths.paths)?);
    let comparisons = compare_all(env, &loaded);
    let evaluated = evaluate_loaded(env, loaded, Some(&comparisons));
    env.report_evaluated(&evaluated);
    let Evaluated {
        loaded,
        notes,
        region_loss,
        outcomes,
        mut failed,
    } = evaluated;
    for c in comparisons.iter().flatten() {
        if c.designs.iter().any(|a| matches!(a.eval, Some(Err(_)))) {
            failed = true;
        }
    }

    // CSVs first, as `run` and `compare` write them.
    write_results(env, out, &outcomes, &region_loss)?;
    let compared: Vec<_> = comparisons.iter().flatten().cloned().collect();
    write_atomic(
        &out.join("breakeven.csv"),
        &env.csv(breakeven_csv(&compared)),
    )?;
    write_atomic(&out.join("compare.csv"), &env.csv(compare_csv(&compared)))?;

    // Charts next to them.
    let planned = chart_files::plan(env, &loaded, &comparisons, &outcomes);
    let drawn = chart_files::draw(env, &planned)?;
    chart_files::write(out, &planned, &drawn)?;
    write_atomic(
        &out.join("summary.csv"),
        &env.csv(report::summary_csv(&outcomes)),
    )?;

    // The page last: a complete index.html means a complete report.
    let charts_of = |dir: &str| -> Vec<DrawnChart> {
        let sub = format!("{dir}/");
        planned
            .iter()
            .zip(&drawn)
            .filter(|(p, _)| p.dir == dir || p.dir.starts_with(&sub))
            .map(|(p, (svg, _))| DrawnChart { plan: p, svg })
            .collect()
    };
    let mut sections = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    for (l, c) in loaded.iter().zip(&comparisons) {
        match (l, c) {
            (Err(f), _) => sections.push(Section::Failed(f)),
            (Ok(s), Some(c)) => {
                if seen.insert(s.name.clone()) {
                    sections.push(Section::Compared {
                        comparison: c,
                        charts: charts_of(&c.scenario),
                    });
                }
            }
            (Ok(s), None) => match outcome_of(s, &outcomes) {
                Some(Ok(e)) => {
                    seen.insert(s.name.clone());
                    sections.push(Section::Explicit {
                        eval: e,
                        charts: charts_of(&e.scenario),
                    })
                }
                Some(Err(f)) => sections.push(Section::Failed(f)),
                None => {}
            },
        }
    }
    let page = Page {
        outcomes: &outcomes,
        sections,
        book: &env.book,
        notes: &notes,
    };
    write_atomic(&out.join(INDEX), &index_html(&page))?;
    if !env.quiet {
        eprintln!(
            "report written to {} ({} charts)",
            out.join(INDEX).display(),
            planned.len()
        );
    }
    Ok(if failed { 1 } else { 0 })
}
