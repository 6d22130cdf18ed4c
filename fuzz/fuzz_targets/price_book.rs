//! Price books: any prices.csv text either loads or is rejected with an error; a loaded
//! book prices any quantity without panicking.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rust_decimal::Decimal;
use vpceplan::pricing::PriceBook;

const REGIONS: &str = include_str!("../../pricing/regions.csv");
const LIMITS: &str = include_str!("../../pricing/limits.csv");

fuzz_target!(|data: &[u8]| {
    let Ok(src) = std::str::from_utf8(data) else { return };
    if let Ok(book) = PriceBook::from_texts("fuzz", ("prices.csv", src), ("regions.csv", REGIONS), ("limits.csv", LIMITS)) {
        for r in book.rows.clone() {
            for q in [Decimal::ONE, Decimal::from(1_048_577u64), Decimal::MAX] {
                let _ = book.charge(&r.region, &r.component, &r.variant, Decimal::ZERO, q);
                let _ = book.charge(&r.region, &r.component, &r.variant, Decimal::MAX, q);
            }
        }
    }
});
