//! Scenario files: parse and, when valid, evaluate and render. Must never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;
use vpceplan::pricing::PriceBook;

static BOOK: OnceLock<PriceBook> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let Ok(src) = std::str::from_utf8(data) else { return };
    let book = BOOK.get_or_init(|| PriceBook::builtin().expect("built-in book"));
    if let Ok(s) = vpceplan::scenario::parse_scenario("fuzz.toml", src, book) {
        if vpceplan::designs::is_compiled(&s) {
            // Workload scenarios: every design, its failover state and the break-evens.
            let c = vpceplan::designs::compare::comparison(&s, book);
            let _ = vpceplan::report::compare::compare_table(&c);
            let _ = vpceplan::report::compare::compare_csv(std::slice::from_ref(&c));
            let _ = vpceplan::report::compare::breakeven_csv(std::slice::from_ref(&c));
        }
        if let Ok(e) = vpceplan::engine::evaluate(&s, book) {
            let _ = vpceplan::report::line_items_csv(&e);
            let _ = vpceplan::report::capacity_csv(&e);
            let _ = vpceplan::report::evaluation_json(&e);
        }
    }
});
