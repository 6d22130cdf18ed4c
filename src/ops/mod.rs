//! The library layer between the command line and the engine, as cargo's `ops`: each
//! function does one thing a command needs — find and load scenario files, compile
//! workloads into one scenario per design, evaluate everything once, check pins, pair
//! scenarios under two price books — and returns data (results, notes, warnings). It
//! prints nothing and writes no file: the CLI ([`crate::cli`]) parses the arguments,
//! calls these, renders the results ([`crate::report`]) and writes them.
//!
//! - [`load`]: scenario files found and loaded in parallel; [`Outcome`] and
//!   [`FailedScenario`], the result types every renderer reads;
//! - [`evaluate`]: workloads expanded into designs, every scenario evaluated once (a
//!   design's evaluation taken from its comparison when there is one);
//! - [`check`]: `[expect]` pins against the evaluation ([`Drift`], [`Checked`]);
//! - [`price_diff`]: each scenario priced under two books and paired by name.

pub mod check;
pub mod evaluate;
pub mod load;
pub mod price_diff;

pub use check::{Checked, Drift};
pub use evaluate::{Evaluated, Expanded};
pub use load::{FailedScenario, Loaded, Outcome};

use crate::error::{Error, Result};
use crate::pricing::PriceBook;

/// What every operation works with: the price book in use and the worker threads.
pub struct Context {
    pub book: PriceBook,
    pub pool: rayon::ThreadPool,
}

impl Context {
    /// A context of `book`, with `threads` worker threads (all cores when `None`).
    pub fn new(book: PriceBook, threads: Option<usize>) -> Result<Context> {
        let mut b = rayon::ThreadPoolBuilder::new();
        if let Some(n) = threads {
            if n == 0 {
                return Err(Error::Msg("--threads must be at least 1".into()));
            }
            b = b.num_threads(n);
        }
        let pool = b
            .build()
            .map_err(|e| Error::Msg(format!("cannot start worker threads: {e}")))?;
        Ok(Context { book, pool })
    }
}
