//! `vpceplan pricing diff OLD NEW [--scenarios PATHS...] [--out DIR]`: which prices a
//! price-book update changes, and how every scenario's monthly cost moves.

use crate::cli::{Env, Exit, TextFormat, TextOutput};
use crate::error::Result;
use crate::ops::load::files;
use crate::ops::price_diff::scenario_moves;
use crate::output::write_atomic;
use crate::pricing::PriceBook;
use crate::pricing::diff::{ChangeKind, MoveStatus, PriceDiff, ScenarioMove, diff_books};
use crate::report::diff::{
    price_diff_sheet, price_diff_table, scenario_diff_sheet, scenario_diff_table,
};
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

/// Arguments of `vpceplan pricing diff`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The old book: a folder (prices.csv, optional regions.csv, limits.csv) or
    /// `builtin` for the compiled-in book.
    pub old: PathBuf,
    /// The new book: a folder or `builtin`.
    pub new: PathBuf,
    /// Scenario files or folders [default: scenarios/, when there is one].
    #[arg(long, num_args = 1.., value_name = "PATHS")]
    pub scenarios: Vec<PathBuf>,
    /// Also write DIR/price_diff.csv and DIR/scenario_diff.csv.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    #[command(flatten)]
    pub output: TextOutput,
}

pub fn run(env: &Env, args: &Args) -> Result<Exit> {
    let old_book = load_book(&args.old)?;
    let new_book = load_book(&args.new)?;
    diff_loaded(
        env,
        &old_book,
        &new_book,
        &args.scenarios,
        args.out.as_deref(),
        args.output,
    )
}

/// `pricing diff` of two loaded books (also printed by `pricing fetch`).
pub fn diff_loaded(
    env: &Env,
    old_book: &PriceBook,
    new_book: &PriceBook,
    scenarios: &[PathBuf],
    out: Option<&Path>,
    output: TextOutput,
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
    let per_file = scenario_moves(env, old_book, new_book, &files);
    let mut moves = Vec::new();
    for (m, notes) in per_file {
        for n in notes {
            env.warn(&n);
        }
        moves.extend(m);
    }

    if output.format == TextFormat::Markdown {
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
                output.max_chars.max_chars,
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
