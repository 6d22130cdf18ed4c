//! `vpceplan pricing diff OLD NEW [--scenarios PATHS...] [--out DIR]`: which prices a
//! price-book update changes, and how every scenario's monthly cost moves.

use super::Exit;
use super::common::{Env, files};
use crate::engine::evaluate;
use crate::error::Result;
use crate::output::write_atomic;
use crate::pricing::PriceBook;
use crate::pricing::diff::{ChangeKind, MoveStatus, ScenarioMove, diff_books};
use crate::report::diff::{
    price_diff_sheet, price_diff_table, scenario_diff_sheet, scenario_diff_table,
};
use crate::scenario;
use rayon::prelude::*;
use rust_decimal::Decimal;
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

/// Price one scenario file under one book: its name (when it loaded) and its exact total.
fn price(file: &Path, book: &PriceBook) -> (Option<String>, std::result::Result<Decimal, String>) {
    match scenario::load(file, book) {
        Err(e) => (None, Err(e.to_string())),
        Ok(s) => {
            let name = Some(s.name.clone());
            (
                name,
                evaluate(&s, book)
                    .map(|e| e.monthly)
                    .map_err(|e| e.to_string()),
            )
        }
    }
}

pub fn diff(
    env: &Env,
    old: &Path,
    new: &Path,
    scenarios: &[PathBuf],
    out: Option<&Path>,
) -> Result<Exit> {
    let old_book = load_book(old)?;
    let new_book = load_book(new)?;
    let prices = diff_books(&old_book, &new_book);

    // Scenarios: the paths given, else scenarios/ when there is one (prices only otherwise).
    let files = if scenarios.is_empty() && !Path::new("scenarios").is_dir() {
        env.warn("no scenarios/ folder here: comparing prices only\n  hint: pass --scenarios PATHS to see how designs move");
        Vec::new()
    } else {
        files(scenarios)?
    };
    let moves: Vec<ScenarioMove> = env.pool.install(|| {
        files
            .par_iter()
            .map(|f| {
                let (old_name, old_total) = price(f, &old_book);
                let (new_name, new_total) = price(f, &new_book);
                let file = f.display().to_string();
                ScenarioMove {
                    name: new_name.or(old_name).unwrap_or_else(|| file.clone()),
                    file,
                    old: old_total,
                    new: new_total,
                }
            })
            .collect()
    });

    out!("prices: {} → {}", old_book.origin, new_book.origin);
    if prices.changes.is_empty() {
        out!("no price changes");
    } else {
        out_raw!("{}", price_diff_table(&prices));
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
        out_raw!("{}", scenario_diff_table(&moves));
        for m in &moves {
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
    if let Some(dir) = out {
        write_atomic(
            &dir.join("price_diff.csv"),
            &price_diff_sheet(&prices).to_csv(),
        )?;
        write_atomic(
            &dir.join("scenario_diff.csv"),
            &scenario_diff_sheet(&moves).to_csv(),
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
