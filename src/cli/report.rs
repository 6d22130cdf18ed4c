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
    /// A baseline from `import cur` (baseline.toml): the page gains its savings section
    /// against every design (see `vpceplan plan`), and OUT gains savings.csv and
    /// attribution.csv. Needs --traffic.
    #[arg(long, value_name = "FILE", requires = "traffic")]
    pub baseline: Option<PathBuf>,
    /// With --baseline: traffic.csv of `import flow-logs`.
    #[arg(long, value_name = "FILE", requires = "baseline")]
    pub traffic: Option<PathBuf>,
    /// With --baseline: the ENI map given to `import flow-logs` (its vpc column counts
    /// the spokes).
    #[arg(long, value_name = "FILE", requires = "baseline")]
    pub enis: Option<PathBuf>,
    /// With --baseline: keep NAT gateways and endpoints no flow-log row explains as they
    /// are (else an error).
    #[arg(long, requires = "baseline")]
    pub allow_unattributed: bool,
}

pub fn run(env: &Env, args: &Args) -> Result<Exit> {
    let out: &Path = &args.out;
    // The baseline's plan first: a bad baseline or traffic file stops the report before
    // anything is written.
    let savings = match (&args.baseline, &args.traffic) {
        (Some(b), Some(t)) => {
            let opts = crate::savings::Options {
                allow_unattributed: args.allow_unattributed,
                ..Default::default()
            };
            Some(super::plan::load_plan(
                env,
                b,
                t,
                args.enis.as_deref(),
                &opts,
            )?)
        }
        _ => None,
    };
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
    if let Some(p) = &savings {
        if super::plan::failed(p) {
            failed = true;
        }
        write_atomic(
            &out.join("attribution.csv"),
            &env.csv(crate::report::savings::attribution_sheet(p).to_csv()),
        )?;
        write_atomic(
            &out.join("savings.csv"),
            &env.csv(crate::report::savings::savings_sheet(p).to_csv()),
        )?;
        sections.push(Section::Savings(p));
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
