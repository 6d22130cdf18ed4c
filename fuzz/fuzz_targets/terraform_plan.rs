//! `terraform show -json` plans: any text imports or fails with an error; an imported
//! scenario is valid TOML, and parsing it against the built-in book does not panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;
use vpceplan::import::{Usage, import_terraform_plan};
use vpceplan::pricing::PriceBook;

static BOOK: OnceLock<PriceBook> = OnceLock::new();
static USAGE: OnceLock<Usage> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let Ok(src) = std::str::from_utf8(data) else { return };
    let book = BOOK.get_or_init(|| PriceBook::builtin().expect("built-in book"));
    let fixture = USAGE.get_or_init(|| {
        Usage::from_toml_str(include_str!("../../tests/fixtures/terraform/usage.toml"), "usage.toml")
            .expect("fixture usage")
    });
    let with_region = Usage { region: Some("us-east-1".into()), ..Usage::default() };
    for usage in [&Usage::default(), &with_region, fixture] {
        if let Ok(r) = import_terraform_plan(src, "plan.json", usage) {
            if let Err(e) = r.scenario_toml.parse::<toml::Table>() {
                panic!("the imported scenario is not TOML: {e}\n{}", r.scenario_toml);
            }
            let _ = vpceplan::scenario::parse_scenario("imported.toml", &r.scenario_toml, book);
        }
    }
});
