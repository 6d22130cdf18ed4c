//! How a price-book update moves every scenario: each file priced under the old and the
//! new book (workloads compiled into their designs, as `run` does), and the scenarios of
//! the two paired by name. What `pricing diff` and `pricing fetch` print, as data.

use super::Context;
use super::evaluate::expand;
use crate::engine::evaluate;
use crate::pricing::PriceBook;
use crate::pricing::diff::ScenarioMove;
use crate::scenario;
use rayon::prelude::*;
use rust_decimal::Decimal;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// One scenario file priced under one book: it did not load, or the exact monthly total
/// of each scenario it holds (one, or one per valid design of a workload).
#[derive(Debug, Clone, PartialEq)]
pub enum FileTotals {
    Failed(String),
    Totals(Vec<(String, std::result::Result<Decimal, String>)>),
}

/// The moves of every scenario of `files` from `old` to `new`, in file order, and per
/// file the notes on invalid designs (each file's notes sorted and unique).
pub fn scenario_moves(
    cx: &Context,
    old: &PriceBook,
    new: &PriceBook,
    files: &[PathBuf],
) -> Vec<(Vec<ScenarioMove>, BTreeSet<String>)> {
    cx.pool.install(|| {
        files
            .par_iter()
            .map(|f| {
                let mut notes = BTreeSet::new();
                let o = price(f, old, &mut notes);
                let n = price(f, new, &mut notes);
                (pair(f, o, n), notes)
            })
            .collect()
    })
}

/// One file priced under `book`; notes on invalid designs go to `notes`.
pub fn price(file: &Path, book: &PriceBook, notes: &mut BTreeSet<String>) -> FileTotals {
    let loaded = match scenario::load(file, book) {
        Ok(s) => s,
        Err(e) => return FileTotals::Failed(e.to_string()),
    };
    let expanded = expand(vec![Ok(loaded)], &book.quotas);
    notes.extend(expanded.notes);
    FileTotals::Totals(
        expanded
            .scenarios
            .into_iter()
            .flatten()
            .map(|s| {
                let total = evaluate(&s, book)
                    .map(|e| e.monthly)
                    .map_err(|e| e.to_string());
                (s.name, total)
            })
            .collect(),
    )
}

/// Pair the scenarios of one file under the old and the new book by name.
pub fn pair(file: &Path, old: FileTotals, new: FileTotals) -> Vec<ScenarioMove> {
    let shown = file.display().to_string();
    let mv = |name: &str, old, new| ScenarioMove {
        name: name.to_string(),
        file: shown.clone(),
        old,
        new,
    };
    match (old, new) {
        (FileTotals::Failed(a), FileTotals::Failed(b)) => vec![mv(&shown, Err(a), Err(b))],
        (FileTotals::Failed(a), FileTotals::Totals(n)) => n
            .into_iter()
            .map(|(name, t)| mv(&name, Err(a.clone()), t))
            .collect(),
        (FileTotals::Totals(o), FileTotals::Failed(b)) => o
            .into_iter()
            .map(|(name, t)| mv(&name, t, Err(b.clone())))
            .collect(),
        (FileTotals::Totals(o), FileTotals::Totals(n)) => {
            let missing =
                |name: &str| Err(format!("{shown}: no valid design `{name}` under this book"));
            let mut out: Vec<ScenarioMove> = o
                .iter()
                .map(|(name, t)| {
                    let new = n
                        .iter()
                        .find(|(x, _)| x == name)
                        .map_or_else(|| missing(name), |(_, t)| t.clone());
                    mv(name, t.clone(), new)
                })
                .collect();
            for (name, t) in &n {
                if !o.iter().any(|(x, _)| x == name) {
                    out.push(mv(name, missing(name), t.clone()));
                }
            }
            out
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pricing::diff::MoveStatus;
    use rust_decimal_macros::dec;

    fn totals(v: &[(&str, std::result::Result<Decimal, &str>)]) -> FileTotals {
        FileTotals::Totals(
            v.iter()
                .map(|(n, t)| (n.to_string(), t.map_err(str::to_string)))
                .collect(),
        )
    }

    #[test]
    fn designs_pair_by_name_and_a_load_failure_covers_every_design() {
        let f = Path::new("w.toml");
        let m = pair(
            f,
            FileTotals::Failed("bad Region".into()),
            totals(&[("w/a", Ok(dec!(1))), ("w/b", Ok(dec!(2)))]),
        );
        assert_eq!(m.len(), 2);
        assert!(m.iter().all(|x| x.status() == MoveStatus::FailsOld));
        assert_eq!(m[1].old, Err("bad Region".into()));

        let m = pair(
            f,
            totals(&[("w/a", Ok(dec!(1))), ("w/b", Ok(dec!(2)))]),
            totals(&[("w/b", Ok(dec!(3))), ("w/c", Ok(dec!(4)))]),
        );
        let got: Vec<(&str, MoveStatus)> =
            m.iter().map(|x| (x.name.as_str(), x.status())).collect();
        assert_eq!(
            got,
            vec![
                ("w/a", MoveStatus::FailsNew),
                ("w/b", MoveStatus::Changed),
                ("w/c", MoveStatus::FailsOld)
            ]
        );
        assert!(
            m[0].new
                .as_ref()
                .unwrap_err()
                .contains("no valid design `w/a`")
        );

        let m = pair(
            f,
            FileTotals::Failed("x".into()),
            FileTotals::Failed("y".into()),
        );
        assert_eq!(
            (m[0].name.as_str(), m[0].status()),
            ("w.toml", MoveStatus::FailsBoth)
        );
    }
}
