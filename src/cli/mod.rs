//! The command line: one module per command and subcommand, mirroring `vpceplan --help`
//! (`run.rs`, `check.rs`, `sweep/merge.rs`, `pricing/diff.rs`, `import/cur.rs`...). Each
//! holds its `clap::Args` struct and a `run` that parses nothing more: it calls the
//! library ([`crate::ops`] and the modules below it), renders the results
//! ([`crate::report`]) and writes them. Only this layer touches the file system and the
//! terminal.

/// `println!` that ignores a closed stdout (`vpceplan ... | head` is not an error).
macro_rules! out {
    ($($t:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout().lock(), $($t)*);
    }};
}
/// `print!` that ignores a closed stdout.
macro_rules! out_raw {
    ($($t:tt)*) => {{
        use std::io::Write as _;
        let _ = write!(std::io::stdout().lock(), $($t)*);
    }};
}

mod bench;
mod charts;
mod check;
mod compare;
mod completions;
mod env;
mod import;
mod man;
mod plan;
mod pricing;
mod report;
mod run;
mod schema;
mod sweep;
mod validate;

pub use env::Env;

use clap::{Parser, Subcommand};
use std::path::PathBuf;

/// Plan the cost and capacity of AWS PrivateLink and VPC endpoint designs.
#[derive(Debug, Parser)]
#[command(name = "vpceplan", version, about, long_about = None)]
pub struct Cli {
    /// Price-book folder (prices.csv, optional regions.csv, limits.csv and quotas.csv)
    /// instead of the built-in book.
    #[arg(long, global = true, value_name = "DIR")]
    pub pricing: Option<PathBuf>,
    /// An account's AWS service quotas: a CSV of `id,value` rows (ids from the price
    /// book's quotas.csv, `vpceplan pricing quotas`) with the values the account has
    /// been granted, instead of AWS's defaults.
    #[arg(long, global = true, value_name = "FILE")]
    pub quotas: Option<PathBuf>,
    /// Worker threads (default: all cores). Output is identical whatever the count.
    #[arg(long, global = true, value_name = "N")]
    pub threads: Option<usize>,
    /// Print less: no warnings, no progress.
    #[arg(long, short, global = true)]
    pub quiet: bool,
    /// Start every CSV report written to a file with a UTF-8 byte-order mark, so that
    /// spreadsheets (Excel) open it as UTF-8 (`×`, `→`, `–` in labels and notes).
    #[arg(long, global = true)]
    pub csv_bom: bool,
    /// Warn (once) when the price book's snapshot is older than this many days; 0 never
    /// warns. Also VPCEPLAN_MAX_BOOK_AGE. [default: 180]
    #[arg(long, global = true, value_name = "DAYS")]
    pub max_book_age: Option<u32>,
    #[command(subcommand)]
    pub command: Command,
}

/// The commands, in `vpceplan --help` order; each variant's arguments live in its module.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Price and size scenarios; print a summary and write CSV reports.
    Run(run::Args),
    /// Write everything `run` and `compare` write, every chart as SVG and PNG, and
    /// OUT/index.html: one self-contained page with the summary, each scenario's
    /// comparison and break-evens, the charts and the assumptions.
    Report(report::Args),
    /// Check every scenario's [expect] pins; exit non-zero on any drift.
    Check(check::Args),
    /// Compare every design of each workload scenario side by side, with exact
    /// break-evens; scenarios without a [workload] are skipped.
    Compare(compare::Args),
    /// Today's resources (a baseline from `import cur`) against every design the traffic
    /// (traffic.csv from `import flow-logs`) allows: cost, saving per month and per year,
    /// which traffic moves, capacity, blast radius, break-evens. See docs/plan.md.
    Plan(plan::Args),
    /// Parse and validate scenarios without pricing them.
    Validate(validate::Args),
    /// Evaluate a sweep file's points in parallel; stream them to sweep.csv (and the
    /// break-even crossings to breakeven.csv). `sweep merge` joins the parts of a sharded
    /// sweep. See docs/sweeps.md.
    #[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
    Sweep(sweep::Args),
    /// Time a fixed sweep end to end (parse, evaluate, write CSV) and report points per
    /// second and peak memory. Use --threads to compare thread counts.
    Bench(bench::Args),
    /// Inspect the price book and capacity limits; import AWS Price List offers.
    Pricing(pricing::Args),
    /// Import designs from other tools.
    Import(import::Args),
    /// Write the JSON Schema (draft 2020-12) of scenario or sweep files, for editors
    /// that validate and complete TOML (Taplo / Even Better TOML, JetBrains). The
    /// repository ships both in schemas/.
    Schema(schema::Args),
    /// Print a completion script for a shell (bash, zsh, fish, powershell, elvish).
    Completions(completions::Args),
    /// Print the man page, or write one page per command into a folder.
    Man(man::Args),
}

/// Scenario files or folders, the first argument of most commands.
#[derive(Debug, Clone, clap::Args)]
pub struct ScenarioPaths {
    /// Scenario files or folders [default: scenarios/].
    pub paths: Vec<PathBuf>,
}

/// `--max-chars`: the cap of a Markdown comment (GitHub's limit by default).
#[derive(Debug, Clone, Copy, clap::Args)]
pub struct MaxChars {
    /// With --format markdown: cut the output at a line to at most this many characters,
    /// with a note saying so (GitHub takes 65536 in a comment).
    #[arg(long, value_name = "N", default_value_t = crate::report::markdown::GITHUB_COMMENT_LIMIT)]
    pub max_chars: usize,
}

/// `--format table|markdown` and `--max-chars`, of `compare`, `check` and `pricing diff`.
#[derive(Debug, Clone, Copy, clap::Args)]
pub struct TextOutput {
    /// What to print on stdout.
    #[arg(long, value_enum, default_value_t = TextFormat::Table)]
    pub format: TextFormat,
    #[command(flatten)]
    pub max_chars: MaxChars,
}

/// Output format of `compare`, `check` and `pricing diff`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum TextFormat {
    /// Aligned text for the terminal.
    Table,
    /// GitHub-flavoured Markdown, for a pull-request comment (see --max-chars).
    Markdown,
}

/// Exit status: 0 all good, 1 something failed (a scenario, a drift), 2 bad usage.
pub type Exit = i32;

/// Run a parsed command line; returns the exit status.
pub fn run(cli: Cli) -> Exit {
    let env = match Env::new(&cli) {
        Ok(e) => e,
        Err(e) => {
            eprintln!("error: {e}");
            return 2;
        }
    };
    let res = match &cli.command {
        Command::Run(a) => run::run(&env, a),
        Command::Report(a) => report::run(&env, a),
        Command::Check(a) => check::run(&env, a),
        Command::Compare(a) => compare::run(&env, a),
        Command::Plan(a) => plan::run(&env, a),
        Command::Validate(a) => validate::run(&env, a),
        Command::Sweep(a) => sweep::run(&env, a),
        Command::Bench(a) => bench::run(&env, a),
        Command::Pricing(a) => pricing::run(&env, a),
        Command::Import(a) => import::run(&env, a),
        Command::Schema(a) => schema::run(a),
        Command::Completions(a) => completions::run(a),
        Command::Man(a) => man::run(a),
    };
    match res {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e}");
            1
        }
    }
}
