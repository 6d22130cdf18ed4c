//! Batch sweeps: a scenario evaluated over the cartesian product of axes, streamed to
//! `sweep.csv`, with break-even curves in `breakeven.csv`.
//!
//! - [`file`]: the sweep file (a scenario plus `[sweep]` axes and `[breakeven]`);
//! - [`axis`]: exact expansion of lists, decimal ranges and log ranges;
//! - [`apply`]: the one place where axis values become a scenario;
//! - [`fast`]: axis values bound to a compiled [`crate::program::Program`] (no parsing,
//!   no explain strings, no allocation per point), equal to the engine;
//! - [`inputs`]: `[workload]` keys as the inputs of compiled designs;
//! - [`plan`]: point numbering, compiled combinations, CSV rows;
//! - [`stream`]: ordered, chunked, parallel writing with bounded memory;
//! - [`breakeven`]: exact crossings of two designs along one axis;
//! - [`chart_axes`]: what `--charts` draws cost against, for the renderer;
//! - [`shard`]: a sweep cut into N slices for job arrays, [`manifest`]: what each shard
//!   wrote, [`merge`]: the parts checked against their manifests and joined.

pub mod apply;
pub mod axis;
pub mod breakeven;
pub mod chart_axes;
pub mod fast;
pub mod file;
pub mod fmt;
pub mod inputs;
pub mod keys;
pub mod manifest;
pub mod merge;
pub mod plan;
pub mod shard;
pub mod stream;

pub use chart_axes::{ChartAxes, chart_axes};
pub use file::{Sweep, load};
pub use plan::Plan;
pub use shard::{BatchSystem, Shard, ShardSpec};

use crate::error::{Error, Result};
use indicatif::ProgressBar;
use std::io::Write;

/// Default `--max-points`: a sweep larger than this needs `--yes`.
pub const DEFAULT_MAX_POINTS: u64 = 1_000_000;

/// Write the rows of points `start..end` (and the header first when asked).
pub fn write_sweep<W: Write + Send>(
    plan: &Plan<'_>,
    pool: &rayon::ThreadPool,
    out: &mut W,
    (start, end): (u64, u64),
    header: bool,
    chunk: u64,
    progress: Option<&ProgressBar>,
) -> std::io::Result<()> {
    if header {
        out.write_all(&plan.header())?;
    }
    stream::stream(pool, out, start, end, chunk, progress, |a, b, buf| {
        let mut w = plan::Worker::default();
        plan.write_range(buf, a, b, &mut w);
    })
}

/// Write `breakeven.csv` rows for this shard's slice of the other axes' combinations;
/// returns the slice written, `(start, end, total)` in combinations.
pub fn write_breakeven<W: Write + Send>(
    plan: &Plan<'_>,
    pool: &rayon::ThreadPool,
    out: &mut W,
    shard: Shard,
    header: bool,
) -> Result<(u64, u64, u64)> {
    let Some(spec) = &plan.sweep.breakeven else {
        return Err(Error::Msg("the sweep has no [breakeven] table".into()));
    };
    let be = breakeven::Breakeven::new(plan, spec);
    if header {
        out.write_all(&be.header())
            .map_err(|e| Error::Msg(format!("cannot write breakeven.csv: {e}")))?;
    }
    let total = be.combos();
    let (start, end) = shard.range(total);
    stream::stream(pool, out, start, end, 256, None, |a, b, buf| {
        be.write_range(buf, a, b)
    })
    .map_err(|e| Error::Msg(format!("cannot write breakeven.csv: {e}")))?;
    Ok((start, end, total))
}
