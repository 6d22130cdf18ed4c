//! What every command shares: the library's context (price book, worker threads) built
//! once from the global options, how warnings and failures are printed, and how CSV
//! files are written.

use super::Cli;
use crate::error::{Error, Result};
use crate::ops::{Context, Evaluated};
use crate::pricing::PriceBook;

/// The run's environment: the library's [`Context`] and the global output options.
pub struct Env {
    pub cx: Context,
    pub quiet: bool,
    /// `--csv-bom`: CSV reports written to files start with a UTF-8 byte-order mark.
    pub csv_bom: bool,
}

/// The book and the pool are the context's: `env.book`, `env.pool`.
impl std::ops::Deref for Env {
    type Target = Context;
    fn deref(&self) -> &Context {
        &self.cx
    }
}

impl Env {
    pub fn new(cli: &Cli) -> Result<Env> {
        let mut book = match &cli.pricing {
            Some(dir) => PriceBook::load_dir(dir)?,
            None => PriceBook::builtin()?,
        };
        if let Some(f) = &cli.quotas {
            let text = crate::error::read_text_file(f)?;
            book = book.with_quota_overrides(&f.display().to_string(), &text)?;
        }
        let env = Env {
            cx: Context::new(book, cli.threads)?,
            quiet: cli.quiet,
            csv_bom: cli.csv_bom,
        };
        env.warn_if_old(cli.max_book_age)?;
        Ok(env)
    }

    /// Warn once when the book's snapshot is older than the allowed age
    /// (`--max-book-age`, else `VPCEPLAN_MAX_BOOK_AGE`, else 180 days; 0: never).
    fn warn_if_old(&self, flag: Option<u32>) -> Result<()> {
        let max = match flag {
            Some(d) => i64::from(d),
            None => match std::env::var("VPCEPLAN_MAX_BOOK_AGE") {
                Ok(v) if !v.trim().is_empty() => v.trim().parse::<u32>().map(i64::from).map_err(|_| {
                    Error::Msg(format!(
                        "VPCEPLAN_MAX_BOOK_AGE = `{v}` is not a number of days\n  hint: e.g. VPCEPLAN_MAX_BOOK_AGE=90, or 0 to turn the warning off"
                    ))
                })?,
                _ => crate::pricing::DEFAULT_MAX_BOOK_AGE_DAYS,
            },
        };
        if max == 0 {
            return Ok(());
        }
        let today = crate::pricing::today();
        match self.book.age_days(&today) {
            Some(age) if age > max => self.warn(&format!(
                "the {} price book is {age} days old (snapshot {}, from {}; the limit is {max} days)\n  hint: refresh it with `vpceplan pricing fetch --regions REGION,...` and pass --pricing price-book; --max-book-age DAYS (0: never) changes the limit",
                self.book.origin,
                self.book.snapshot.as_deref().unwrap_or("?"),
                self.book.snapshot_from
            )),
            _ => {}
        }
        Ok(())
    }

    /// A CSV report as written to a file: with a UTF-8 byte-order mark under `--csv-bom`.
    pub fn csv(&self, bytes: Vec<u8>) -> Vec<u8> {
        crate::output::csv_file(bytes, self.csv_bom)
    }

    /// Print a warning on stderr unless --quiet.
    pub fn warn(&self, msg: &str) {
        if !self.quiet {
            eprintln!("warning: {msg}");
        }
    }

    /// What an evaluation has to say, on stderr: the invalid designs left out and the
    /// scenarios that cannot be built (warnings), each failure (errors), then each
    /// evaluation's warnings.
    pub fn report_evaluated(&self, ev: &Evaluated) {
        for n in &ev.notes {
            self.warn(n);
        }
        for f in ev.impossible() {
            self.warn(&format!(
                "{}: cannot be built, not priced: {}",
                f.name, f.message
            ));
        }
        for f in ev.failures() {
            eprintln!("error: {}", f.message);
        }
        for w in ev.warnings() {
            self.warn(&w);
        }
    }
}
