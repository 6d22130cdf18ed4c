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
//! - [`breakeven`]: exact crossings of two designs along one axis.

pub mod apply;
pub mod axis;
pub mod breakeven;
pub mod fast;
pub mod file;
pub mod fmt;
pub mod inputs;
pub mod keys;
pub mod plan;
pub mod stream;

pub use file::{Sweep, load};
pub use plan::Plan;

use crate::error::{Error, Result};
use indicatif::ProgressBar;
use std::io::Write;

/// Default `--max-points`: a sweep larger than this needs `--yes`.
pub const DEFAULT_MAX_POINTS: u64 = 1_000_000;

/// A shard: the `index`-th (1-based) of `count` equal slices.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    pub index: u64,
    pub count: u64,
}

impl std::str::FromStr for Shard {
    type Err = String;
    fn from_str(s: &str) -> std::result::Result<Shard, String> {
        let bad = || {
            format!(
                "`{s}` is not a shard: write I/N, e.g. 3/8 for the third of eight (I from 1 to N)"
            )
        };
        let (i, n) = s.split_once('/').ok_or_else(bad)?;
        let index: u64 = i.trim().parse().map_err(|_| bad())?;
        let count: u64 = n.trim().parse().map_err(|_| bad())?;
        if count == 0 || index == 0 || index > count {
            return Err(bad());
        }
        Ok(Shard { index, count })
    }
}

impl Shard {
    /// The whole sweep as one shard.
    pub const ALL: Shard = Shard { index: 1, count: 1 };

    /// Items `start..end` of this shard out of `total`: slice I is
    /// `total·(I−1)/N .. total·I/N`, so the slices are as equal as whole items allow and
    /// together cover every item exactly once, in order.
    pub fn range(self, total: u64) -> (u64, u64) {
        let t = u128::from(total);
        let at = |i: u64| (t * u128::from(i) / u128::from(self.count)) as u64;
        (at(self.index - 1), at(self.index))
    }

    /// Whether this shard writes the CSV header (the first one does).
    pub fn writes_header(self) -> bool {
        self.index == 1
    }

    /// File name of this shard's part of `stem.csv`: `stem.csv` for a whole sweep, else
    /// `stem.part-0003-of-0008.csv` (names sort in shard order).
    pub fn file_name(self, stem: &str) -> String {
        if self.count == 1 {
            format!("{stem}.csv")
        } else {
            let w = self.count.to_string().len().max(4);
            format!(
                "{stem}.part-{:0w$}-of-{:0w$}.csv",
                self.index,
                self.count,
                w = w
            )
        }
    }
}

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

/// Write `breakeven.csv` rows for this shard's slice of the other axes' combinations.
pub fn write_breakeven<W: Write + Send>(
    plan: &Plan<'_>,
    pool: &rayon::ThreadPool,
    out: &mut W,
    shard: Shard,
    header: bool,
) -> Result<()> {
    let Some(spec) = &plan.sweep.breakeven else {
        return Err(Error::Msg("the sweep has no [breakeven] table".into()));
    };
    let be = breakeven::Breakeven::new(plan, spec);
    if header {
        out.write_all(&be.header())
            .map_err(|e| Error::Msg(format!("cannot write breakeven.csv: {e}")))?;
    }
    let (start, end) = shard.range(be.combos());
    stream::stream(pool, out, start, end, 256, None, |a, b, buf| {
        be.write_range(buf, a, b)
    })
    .map_err(|e| Error::Msg(format!("cannot write breakeven.csv: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_cover_every_point_once_in_order() {
        for total in [0u64, 1, 7, 100, 1001] {
            for n in 1..=9u64 {
                let mut next = 0;
                for i in 1..=n {
                    let (a, b) = Shard { index: i, count: n }.range(total);
                    assert_eq!(a, next);
                    assert!(b - a <= total / n + 1);
                    next = b;
                }
                assert_eq!(next, total);
            }
        }
        assert_eq!(Shard { index: 1, count: 3 }.range(u64::MAX).1, u64::MAX / 3);
    }

    #[test]
    fn shard_syntax() {
        assert_eq!("2/8".parse::<Shard>(), Ok(Shard { index: 2, count: 8 }));
        assert!("0/8".parse::<Shard>().is_err());
        assert!("9/8".parse::<Shard>().is_err());
        assert!("8".parse::<Shard>().is_err());
        assert_eq!(
            Shard { index: 3, count: 8 }.file_name("sweep"),
            "sweep.part-0003-of-0008.csv"
        );
        assert_eq!(Shard::ALL.file_name("sweep"), "sweep.csv");
    }
}
