//! `vpceplan pricing diff OLD NEW [--scenarios PATHS...] [--out DIR]`: which prices a
//! price-book update changes, and how every scenario's monthly cost moves.

use super::common::{Env, expand, files};
use super::{Exit, TextFormat};
use crate::engine::evaluate;
use crate::error::Result;
use crate::output::write_atomic;
use crate::pricing::PriceBook;
use crate::pricing::diff::{ChangeKind, MoveStatus, PriceDiff, ScenarioMove, diff_books};
use crate::report::diff::{
    price_diff_sheet, price_diff_table, scenario_diff_sheet, scenario_diff_table,
};
use crate::scenario;
use rayon::prelude::*;
use rust_decimal::Decimal;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The word that names the compiled-in book instead of a folder.
pub const BUILTIN: &str = "builtin";

/// A price book named on the command line: a folder, or `builtin`.
fn load_book(arg: &Path) -> Result<PriceBook> {
    if arg.as_os_str() == BUILTIN {
        PriceBook::builtin()
    } else {
        PriceBook::load_dir(arg)
    }
}

/// One scenario file priced under one book: it did not load, or the exact monthly total
/// of each scenario it holds (one, or one per valid design of a workload).
enum Priced {
    Failed(String),
    Totals(Vec<(String, std::result::Result<Decimal, String>)>),
}

fn price(file: &Path, book: &PriceBook, notes: &mut BTreeSet<String>) -> Priced {
    let loaded = match scenario::load(file, book) {
        Ok(s) => s,
        Err(e) => return Priced::Failed(e.to_string()),
    };
    let expanded = expand(vec![Ok(loaded)], &book.quotas);
    notes.extend(expanded.notes);
    Priced::Totals(
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
fn pair(file: &Path, old: Priced, new: Priced) -> Vec<ScenarioMove> {
    let shown = file.display().to_string();
    let mv = |name: &str, old, new| ScenarioMove {
        name: name.to_string(),
        file: shown.clone(),
        old,
        new,
    };
    match (old, new) {
        (Priced::Failed(a), Priced::Failed(b)) => vec![mv(&shown, Err(a), Err(b))],
        (Priced::Failed(a), Priced::Totals(n)) => n
            .into_iter()
            .map(|(name, t)| mv(&name, Err(a.clone()), t))
            .collect(),
        (Priced::Totals(o), Priced::Failed(b)) => o
            .into_iter()
            .map(|(name, t)| mv(&name, t, Err(b.clone())))
            .collect(),
        (Priced::Totals(o), Priced::Totals(n)) => {
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

pub fn diff(
    env: &Env,
    old: &Path,
    new: &Path,
    scenarios: &[PathBuf],
    out: Option<&Path>,
    format: TextFormat,
    max_chars: usize,
) -> Result<Exit> {
    let old_book = load_book(old)?;
    let new_book = load_book(new)?;
    diff_loaded(env, &old_book, &new_book, scenarios, out, format, max_chars)
}

/// `pricing diff` of two loaded books (also printed by `pricing fetch`).
pub fn diff_loaded(
    env: &Env,
    old_book: &PriceBook,
    new_book: &PriceBook,
    scenarios: &[PathBuf],
    out: Option<&Path>,
    format: TextFormat,
    max_chars: usize,
) -> Result<Exit> {
    let prices = diff_books(old_book, new_book);

    // Scenarios: the paths given, else scenarios/ when there is one (prices only otherwise).
    let files = if scenarios.is_empty() && !Path::new("scenarios").is_dir() {
        env.warn("no scenarios/ folder here: comparing prices only\n  hint: pass --scenarios PATHS to see how designs move");
        Vec::new()
    } else {
        files(scenarios)?
    };
    // Workload scenarios are compiled into one scenario per design, as `run` does.
    let per_file: Vec<(Vec<ScenarioMove>, BTreeSet<String>)> = env.pool.install(|| {
        files
            .par_iter()
            .map(|f| {
                let mut notes = BTreeSet::new();
                let old = price(f, old_book, &mut notes);
                let new = price(f, new_book, &mut notes);
                (pair(f, old, new), notes)
            })
            .collect()
    });
    let mut moves = Vec::new();
    for (m, notes) in per_file {
        for n in notes {
            env.warn(&n);
        }
        moves.extend(m);
    }

    if format == TextFormat::Markdown {
        let md = crate::report::markdown::pricing_diff_md(
            &old_book.origin,
            &new_book.origin,
            &prices,
            &moves,
        );
        out_raw!(
            "{}",
            crate::report::markdown::fit(
                &md,
                max_chars,
                "`vpceplan pricing diff OLD NEW --format markdown` prints all of it."
            )
        );
    } else {
        print_tables(old_book, new_book, &prices, &moves);
    }
    if let Some(dir) = out {
        write_atomic(
            &dir.join("price_diff.csv"),
            &env.csv(price_diff_sheet(&prices).to_csv()),
        )?;
        write_atomic(
            &dir.join("scenario_diff.csv"),
            &env.csv(scenario_diff_sheet(&moves).to_csv()),
        )?;
        if !env.quiet {
            eprintln!(
                "wrote {} and {}",
                dir.join("price_diff.csv").display(),
                dir.join("scenario_diff.csv").display()
            );
        }
    }
    Ok(if moves.iter().any(|m| m.status().failed()) {
        1
    } else {
        0
    })
}

/// The terminal form of a price-book diff: the price changes, then the scenario moves.
fn print_tables(
    old_book: &PriceBook,
    new_book: &PriceBook,
    prices: &PriceDiff,
    moves: &[ScenarioMove],
) {
    out!("prices: {} → {}", old_book.origin, new_book.origin);
    if prices.changes.is_empty() {
        out!("no price changes");
    } else {
        out_raw!("{}", price_diff_table(prices));
    }
    out!(
        "{} added, {} removed, {} changed; {} unchanged ({} with only a new effective date, source or verified flag)",
        prices.count(ChangeKind::Added),
        prices.count(ChangeKind::Removed),
        prices.count(ChangeKind::Changed),
        prices.unchanged,
        prices.metadata_only
    );
    if !moves.is_empty() {
        out!();
        out!("scenarios (monthly cost):");
        out_raw!("{}", scenario_diff_table(moves));
        for m in moves {
            for (book, origin, r) in [
                ("OLD", &old_book.origin, &m.old),
                ("NEW", &new_book.origin, &m.new),
            ] {
                if let Err(msg) = r {
                    out!("{} fails under {book} ({origin}): {msg}", m.name);
                }
            }
        }
        let count = |s: MoveStatus| moves.iter().filter(|m| m.status() == s).count();
        let failed = moves.iter().filter(|m| m.status().failed()).count();
        out!(
            "{} scenario(s): {} changed, {} same, {failed} failed under one book or both",
            moves.len(),
            count(MoveStatus::Changed),
            count(MoveStatus::Same)
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn totals(v: &[(&str, std::result::Result<Decimal, &str>)]) -> Priced {
        Priced::Totals(
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
            Priced::Failed("bad Region".into()),
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

        let m = pair(f, Priced::Failed("x".into()), Priced::Failed("y".into()));
        assert_eq!(
            (m[0].name.as_str(), m[0].status()),
            ("w.toml", MoveStatus::FailsBoth)
        );
    }
}
