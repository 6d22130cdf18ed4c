//! Usage files of `import terraform --usage`: any text reads or fails with an error; a
//! usage that reads drives the fixture plan to valid TOML or an error.
#![no_main]

use libfuzzer_sys::fuzz_target;
use vpceplan::import::{Usage, import_terraform_plan};

const PLAN: &str = include_str!("../../tests/fixtures/terraform/plan.json");

fuzz_target!(|data: &[u8]| {
    let Ok(src) = std::str::from_utf8(data) else { return };
    if let Ok(usage) = Usage::from_toml_str(src, "usage.toml") {
        if let Ok(r) = import_terraform_plan(PLAN, "plan.json", &usage) {
            if let Err(e) = r.scenario_toml.parse::<toml::Table>() {
                panic!("the imported scenario is not TOML: {e}\n{}", r.scenario_toml);
            }
        }
    }
});
