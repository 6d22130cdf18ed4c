//! AWS Price List offers in JSON form (streamed): any bytes import or fail with an error;
//! what imports writes a price book that reads back to the same rows and validates.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "common/offer.rs"]
mod offer;

fuzz_target!(|data: &[u8]| {
    if let Ok(r) = vpceplan::import::import_offer_json(data, "fuzz.json") {
        offer::check(&r.rows);
    }
});
