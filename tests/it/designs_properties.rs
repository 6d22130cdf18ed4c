//! Invariants of design compilation and break-even over generated workloads (proptest):
//! nothing panics, and at every reported break-even the engine's costs of the two designs
//! swap order.

use proptest::prelude::*;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;
use vpceplan::designs::breakeven::Cheaper;
use vpceplan::designs::compare::comparison;
use vpceplan::designs::{Scale, compile, names};
use vpceplan::engine::evaluate;
use vpceplan::pricing::PriceBook;
use vpceplan::scenario::{Scenario, parse_scenario};

fn book() -> PriceBook {
    PriceBook::builtin().expect("book")
}

fn workload(spokes: u64, azs: u64, gb: u64, onprem: u64, existing: bool, svc: usize) -> String {
    let services = ["s3", "sts", "ecr.dkr", "dynamodb"];
    let list: Vec<String> = services[..svc].iter().map(|s| format!("\"{s}\"")).collect();
    format!(
        "name = \"p\"\nregion = \"us-east-1\"\n[workload]\nspokes = {spokes}\nazs = {azs}\n\
         services = [{}]\ngb_per_month_per_spoke = {gb}\nonprem_gb_per_month = {onprem}\n\
         existing_tgw_attachments = {existing}\n\
         [compare]\ndesigns = [\"nat\", \"distributed\", \"centralized\", \"centralized-phz\", \"gateway-where-possible\", \"gateway-only\"]\n",
        list.join(", ")
    )
}

fn cost(s: &Scenario, design: &str, scale: Scale) -> Decimal {
    let b = book();
    let d = names(s)
        .into_iter()
        .find(|d| d.as_ref().is_some_and(|d| d.name == design))
        .expect("design");
    evaluate(&compile(s, &d, scale, &b.quotas).scenario, &b)
        .expect("evaluates")
        .monthly
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn break_evens_are_where_the_engine_costs_swap(
        spokes in 1u64..40, azs in 1u64..4, gb in 1u64..400_000, onprem in 0u64..3, svc in 1usize..5,
        existing in any::<bool>(),
    ) {
        let b = book();
        let onprem = onprem * 1000;
        let s = parse_scenario("p.toml", &workload(spokes, azs, gb, onprem, existing, svc), &b).expect("parses");
        let c = comparison(&s, &b);
        for p in &c.pairs {
            let t = p.traffic.as_ref().expect("traffic break-even");
            for x in &t.crossings {
                // Just below and just above the crossing (relative 1e-9).
                let lo = Scale { traffic: x.at * dec!(0.999999999), spokes: None };
                let hi = Scale { traffic: x.at * dec!(1.000000001), spokes: None };
                let below = cost(&s, &p.a, lo) - cost(&s, &p.b, lo);
                let above = cost(&s, &p.a, hi) - cost(&s, &p.b, hi);
                match x.after {
                    Cheaper::A => prop_assert!(below > Decimal::ZERO && above < Decimal::ZERO, "{} vs {} at {}", p.a, p.b, x.at),
                    Cheaper::B => prop_assert!(below < Decimal::ZERO && above > Decimal::ZERO, "{} vs {} at {}", p.a, p.b, x.at),
                    Cheaper::Equal => {}
                }
            }
            let n = p.spokes.as_ref().expect("spoke break-even");
            for x in &n.crossings {
                // Whole spoke counts either side of the crossing order the designs as said.
                let below = x.at.ceil() - Decimal::ONE;
                let above = x.at.floor() + Decimal::ONE;
                let at = |k: Decimal| Scale { traffic: Decimal::ONE, spokes: Some(k.try_into().unwrap_or(1)) };
                if below >= Decimal::ONE {
                    let d = cost(&s, &p.a, at(below)) - cost(&s, &p.b, at(below));
                    let ok = match x.after { Cheaper::A => d >= Decimal::ZERO, Cheaper::B => d <= Decimal::ZERO, Cheaper::Equal => true };
                    prop_assert!(ok, "{} vs {} below {} spokes", p.a, p.b, x.at);
                }
                let d = cost(&s, &p.a, at(above)) - cost(&s, &p.b, at(above));
                let ok = match x.after { Cheaper::A => d < Decimal::ZERO, Cheaper::B => d > Decimal::ZERO, Cheaper::Equal => true };
                prop_assert!(ok, "{} vs {} at {} spokes", p.a, p.b, x.at);
            }
        }
    }

    #[test]
    fn workload_parsing_and_comparison_never_panic(src in "[a-z_=\\[\\]\" 0-9.\\n-]{0,300}") {
        let b = book();
        let full = format!("region = \"us-east-1\"\n[workload]\nazs = 2\nservices = [\"s3\"]\n{src}");
        if let Ok(s) = parse_scenario("p.toml", &full, &b) {
            let _ = comparison(&s, &b);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    /// A design's cost three ways: `compare`'s figure, the engine on the explicit resources
    /// the design compiles to, and the break-even cost function at x = 1 (traffic as
    /// written) and x = spokes. All must be the same exact decimal.
    #[test]
    fn compare_cost_equals_the_compiled_resources_and_the_cost_functions(
        spokes in 1u64..30, azs in 1u64..4, gb in 0u64..400_000, onprem in 0u64..5_000,
        existing in any::<bool>(), svc in 1usize..5,
    ) {
        use vpceplan::designs::breakeven::{cost_fn, Param};
        let b = book();
        let s = parse_scenario("p.toml", &workload(spokes, azs, gb, onprem, existing, svc), &b).unwrap();
        let cmp = comparison(&s, &b);
        for (d, a) in names(&s).iter().zip(cmp.designs.iter()) {
            let Some(e) = a.ok() else { continue };
            let compiled = evaluate(&compile(&s, d, Scale::ONE, &b.quotas).scenario, &b).unwrap();
            prop_assert_eq!(e.monthly, compiled.monthly);
            if let Ok(f) = cost_fn(&s, d, Param::Traffic, &b) {
                prop_assert_eq!(f.value(Decimal::ONE), compiled.monthly);
            }
            if let Ok(f) = cost_fn(&s, d, Param::Spokes, &b) {
                prop_assert_eq!(f.value(Decimal::from(spokes)), compiled.monthly);
            }
        }
    }
}
