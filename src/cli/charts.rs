//! Charts for `run --charts`, `report` and `sweep --charts`: which to draw (from the
//! results), drawing them on the worker threads, writing them next to the CSVs.

use super::Env;
use crate::designs::compare::Comparison;
use crate::error::{Error, Result};
use crate::ops::evaluate::outcome_of;
use crate::ops::{Loaded, Outcome};
use crate::output::write_atomic;
use crate::report::charts_data::{PlannedChart, comparison_charts, evaluation_charts};
use crate::scenario::Scenario;
use rayon::prelude::*;
use std::collections::BTreeSet;
use std::path::Path;

/// Every chart of a run, in scenario order: per explicit scenario its cost by component
/// and load charts; per workload the designs side by side and each design's own charts.
/// A scenario whose name was already used gets no charts (its results are an error).
pub fn plan(
    env: &Env,
    loaded: &[Loaded],
    comparisons: &[Option<Comparison>],
    outcomes: &[Outcome],
) -> Vec<PlannedChart> {
    let mut seen: BTreeSet<&str> = BTreeSet::new();
    let mut jobs: Vec<(&Scenario, Option<&Comparison>)> = Vec::new();
    for (l, c) in loaded.iter().zip(comparisons) {
        let Ok(s) = l else { continue };
        if !seen.insert(&s.name) {
            continue;
        }
        jobs.push((s, c.as_ref()));
    }
    let per: Vec<Vec<PlannedChart>> = env.pool.install(|| {
        jobs.par_iter()
            .map(|(s, c)| match c {
                Some(c) => comparison_charts(s, c, &env.book),
                None => match outcome_of(s, outcomes) {
                    Some(Ok(e)) => evaluation_charts(e),
                    _ => Vec::new(),
                },
            })
            .collect()
    });
    per.into_iter().flatten().collect()
}

/// Draw every chart on the worker threads; results keep the order of `planned`.
pub fn draw(env: &Env, planned: &[PlannedChart]) -> Result<Vec<(String, Vec<u8>)>> {
    env.pool.install(|| {
        planned
            .par_iter()
            .map(|p| {
                p.input
                    .render()
                    .map_err(|e| Error::Msg(format!("{}: chart {}: {e}", p.dir, p.stem)))
            })
            .collect()
    })
}

/// Write each chart as `<out>/<dir>/<stem>.svg` and `.png`, atomically.
pub fn write(out: &Path, planned: &[PlannedChart], drawn: &[(String, Vec<u8>)]) -> Result<()> {
    for (p, (svg, png)) in planned.iter().zip(drawn) {
        write_atomic(&out.join(p.svg_path()), svg.as_bytes())?;
        write_atomic(&out.join(p.png_path()), png)?;
    }
    Ok(())
}
