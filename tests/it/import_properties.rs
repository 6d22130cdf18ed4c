//! Importers never panic, whatever the input (proptest): random bytes, and fixtures with
//! random bytes changed, cut short or spliced.

use proptest::prelude::*;
use std::path::PathBuf;
use vpceplan::import::{Usage, import_offer_csv, import_offer_json, import_terraform_plan};

fn fixture(dir: &str, name: &str) -> Vec<u8> {
    std::fs::read(
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(dir)
            .join(name),
    )
    .expect("fixture exists")
}

/// `base` with some bytes replaced and the end possibly cut off.
fn mutate(base: &[u8], edits: &[(usize, u8)], cut: usize) -> Vec<u8> {
    let mut v = base.to_vec();
    for &(at, b) in edits {
        if !v.is_empty() {
            let i = at % v.len();
            v[i] = b;
        }
    }
    let keep = v.len().saturating_sub(cut % (v.len() + 1));
    v.truncate(keep);
    v
}

/// Bytes that matter to the formats, so mutations hit structure, not just text.
fn structural() -> impl Strategy<Value = u8> {
    prop_oneof![
        Just(b'"'),
        Just(b','),
        Just(b'\n'),
        Just(b'{'),
        Just(b'}'),
        Just(b'['),
        Just(b']'),
        Just(b':'),
        Just(b'-'),
        Just(b'0'),
        Just(b'.'),
        any::<u8>(),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn offers_from_random_bytes_do_not_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let _ = import_offer_csv(&bytes[..], "random.csv");
        let _ = import_offer_json(&bytes[..], "random.json");
    }

    #[test]
    fn mutated_csv_offer_does_not_panic(
        edits in proptest::collection::vec((any::<usize>(), structural()), 0..12),
        cut in any::<usize>(),
    ) {
        let v = mutate(&fixture("pricelist", "vpc-offer.csv"), &edits, cut);
        let _ = import_offer_csv(&v[..], "mutated.csv");
    }

    #[test]
    fn mutated_json_offers_do_not_panic(
        edits in proptest::collection::vec((any::<usize>(), structural()), 0..12),
        cut in any::<usize>(),
        terms_first in any::<bool>(),
    ) {
        let name = if terms_first { "vpc-offer-terms-first.json" } else { "route53-offer.json" };
        let v = mutate(&fixture("pricelist", name), &edits, cut);
        let _ = import_offer_json(&v[..], "mutated.json");
    }

    #[test]
    fn mutated_plans_and_usage_do_not_panic(
        edits in proptest::collection::vec((any::<usize>(), structural()), 0..12),
        cut in any::<usize>(),
        usage_edits in proptest::collection::vec((any::<usize>(), structural()), 0..4),
    ) {
        let plan = mutate(&fixture("terraform", "plan.json"), &edits, cut);
        let usage_text = mutate(&fixture("terraform", "usage.toml"), &usage_edits, 0);
        let usage = Usage::from_toml_str(&String::from_utf8_lossy(&usage_text), "u.toml")
            .unwrap_or_default();
        if let Ok(r) = import_terraform_plan(&String::from_utf8_lossy(&plan), "p.json", &usage) {
            // Whatever was imported is valid TOML.
            prop_assert!(toml::from_str::<toml::Table>(&r.scenario_toml).is_ok(), "{}", r.scenario_toml);
        }
    }
}
