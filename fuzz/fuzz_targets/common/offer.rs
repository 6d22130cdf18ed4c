//! What every imported offer must satisfy, whatever the input format.

use std::sync::OnceLock;
use vpceplan::import::{PriceRow, write_price_csv};
use vpceplan::pricing::PriceBook;

static BUILTIN: OnceLock<PriceBook> = OnceLock::new();

const REGIONS: &str = include_str!("../../../pricing/regions.csv");
const LIMITS: &str = include_str!("../../../pricing/limits.csv");

pub fn check(rows: &[PriceRow]) {
    let text = write_price_csv(rows).expect("imported rows always write");
    // The CLI keeps the rows of Regions the book lists, then validates; those rows alone
    // must make a valid book that holds exactly them.
    let book_regions = &BUILTIN.get_or_init(|| PriceBook::builtin().expect("built-in book")).regions;
    let known: Vec<PriceRow> = rows
        .iter()
        .filter(|r| book_regions.contains_key(&r.region))
        .cloned()
        .collect();
    if known.is_empty() {
        return;
    }
    let text_known = write_price_csv(&known).expect("write");
    match PriceBook::from_texts(
        "fuzz",
        ("prices.csv", &text_known),
        ("regions.csv", REGIONS),
        ("limits.csv", LIMITS),
    ) {
        Ok(book) => assert_eq!(book.rows, known, "price book does not read back\n{text}"),
        Err(e) => panic!("imported rows do not make a valid book: {e}\n{text_known}"),
    }
}
