//! Sweep files: parse, and for small sweeps plan and stream every row (and break-evens).
//! Must never panic; any text is either a sweep or an error.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;
use vpceplan::pricing::PriceBook;
use vpceplan::sweep::{self, Shard};

static BOOK: OnceLock<PriceBook> = OnceLock::new();
static POOL: OnceLock<rayon::ThreadPool> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let Ok(src) = std::str::from_utf8(data) else { return };
    let book = BOOK.get_or_init(|| PriceBook::builtin().expect("built-in book"));
    let pool = POOL.get_or_init(|| {
        rayon::ThreadPoolBuilder::new().num_threads(1).build().expect("pool")
    });
    // Relative scenario paths resolve against a folder with nothing in it.
    let Ok(sw) = sweep::file::from_text("fuzz.toml", std::path::Path::new("/nonexistent"), src, book) else {
        return;
    };
    if sw.total == 0 || sw.total > 2_000 {
        return;
    }
    let plan = sweep::plan::Plan::new(&sw, book, false);
    let mut out = Vec::new();
    let _ = sweep::write_sweep(&plan, pool, &mut out, (0, sw.total), true, 64, None);
    if sw.breakeven.is_some() {
        let mut be = Vec::new();
        let _ = sweep::write_breakeven(&plan, pool, &mut be, Shard { index: 1, count: 1 }, true);
    }
});
