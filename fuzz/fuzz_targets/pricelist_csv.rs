//! AWS Price List offers in CSV form: any bytes import or fail with an error; what imports
//! writes a price book that reads back to the same rows and, for the Regions the book
//! knows, validates.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "common/offer.rs"]
mod offer;

fuzz_target!(|data: &[u8]| {
    if let Ok(r) = vpceplan::import::import_offer_csv(data, "fuzz.csv") {
        offer::check(&r.rows);
    }
});
