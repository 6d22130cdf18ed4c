//! Invariants over generated scenarios (proptest).

use proptest::prelude::*;
use rust_decimal::Decimal;
use vpceplan::engine::evaluate;
use vpceplan::pricing::PriceBook;
use vpceplan::scenario::parse_scenario;

fn book() -> PriceBook {
    PriceBook::builtin().expect("book")
}

fn monthly(src: &str) -> Decimal {
    let b = book();
    let s = parse_scenario("p.toml", src, &b).expect("parses");
    evaluate(&s, &b).expect("evaluates").monthly
}

/// A mixed scenario with the given knobs.
#[allow(clippy::too_many_arguments)]
fn scenario(
    gb: u64,
    gb2: u64,
    count: u64,
    azs: u64,
    nat: u64,
    zones: u64,
    hours: u64,
    peak: f64,
) -> String {
    format!(
        "region = \"us-east-1\"\nhours_per_month = {hours}\n\
         [[interface_endpoint]]\nservice = \"s3\"\nazs = {azs}\ncount = {count}\ngb_per_month = {gb}\npeak_gbps = {peak}\n\
         [[interface_endpoint]]\nservice = \"sts\"\nazs = {azs}\ngb_per_month = {gb2}\n\
         [[nat_gateway]]\ncount = {nat}\ngb_per_month = {gb2}\n\
         [[hosted_zone]]\ncount = {zones}\n\
         [[resolver_endpoint]]\ndirection = \"inbound\"\nips = 2\nqueries_per_month = {}\n",
        gb * 1000
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn more_of_anything_never_costs_less(
        gb in 0u64..8_000_000, extra in 0u64..3_000_000, gb2 in 0u64..100_000,
        count in 1u64..5, azs in 1u64..4, nat in 1u64..4, zones in 1u64..40, hours in 600u64..744,
    ) {
        let base = monthly(&scenario(gb, gb2, count, azs, nat, zones, hours, 1.0));
        prop_assert!(monthly(&scenario(gb + extra, gb2, count, azs, nat, zones, hours, 1.0)) >= base);
        prop_assert!(monthly(&scenario(gb, gb2 + extra, count, azs, nat, zones, hours, 1.0)) >= base);
        prop_assert!(monthly(&scenario(gb, gb2, count + 1, azs, nat, zones, hours, 1.0)) >= base);
        prop_assert!(monthly(&scenario(gb, gb2, count, azs + 1, nat, zones, hours, 1.0)) >= base);
        prop_assert!(monthly(&scenario(gb, gb2, count, azs, nat + 1, zones, hours, 1.0)) >= base);
        prop_assert!(monthly(&scenario(gb, gb2, count, azs, nat, zones + 1, hours, 1.0)) >= base);
        prop_assert!(monthly(&scenario(gb, gb2, count, azs, nat, zones, hours + 1, 1.0)) >= base);
    }

    #[test]
    fn per_az_and_line_items_sum_to_the_total(
        gb in 0u64..8_000_000, gb2 in 0u64..100_000, count in 1u64..5, azs in 1u64..4,
        nat in 1u64..7, zones in 0u64..40,
    ) {
        let b = book();
        let s = parse_scenario("p.toml", &scenario(gb, gb2, count, azs, nat, zones.max(1), 730, 2.0), &b).unwrap();
        let e = evaluate(&s, &b).unwrap();
        let per_az: Decimal = e.per_az.values().copied().sum();
        let lines: Decimal = e.lines.iter().map(|l| l.monthly).sum();
        prop_assert_eq!(per_az, e.monthly);
        prop_assert_eq!(lines, e.monthly);
    }

    #[test]
    fn splitting_a_block_never_changes_the_cost(total in 0u64..9_000_000, cut in 0.0f64..1.0) {
        let a = (total as f64 * cut) as u64;
        let one = format!(
            "region = \"us-east-1\"\n[[interface_endpoint]]\nservice = \"s3\"\nazs = 2\ncount = 2\ngb_per_month = {total}\n"
        );
        let two = format!(
            "region = \"us-east-1\"\n[[interface_endpoint]]\nservice = \"s3\"\nazs = 2\ngb_per_month = {a}\n\
             [[interface_endpoint]]\nservice = \"s3\"\nazs = 2\ngb_per_month = {}\n", total - a
        );
        prop_assert_eq!(monthly(&one), monthly(&two));
    }

    #[test]
    fn tiered_price_equals_the_sum_of_its_slices_around_boundaries(
        boundary in prop::sample::select(vec![0u64, 1_048_576, 5_242_880]),
        offset in -3i64..3, frac in 0u32..1000,
    ) {
        let b = book();
        let q = Decimal::from((boundary as i64 + offset).max(0)) + Decimal::new(frac.into(), 3);
        let slices = b.charge("us-east-1", "interface_endpoint_gb", "", Decimal::ZERO, q).unwrap();
        let by_slices: Decimal = slices.iter().map(|s| s.qty * s.rate).sum();
        // The same by hand: the tier edges of the Price List.
        let t1 = Decimal::from(1_048_576u64);
        let t2 = Decimal::from(5_242_880u64);
        let r = |x: Decimal| x.max(Decimal::ZERO);
        let want = q.min(t1) * Decimal::new(1, 2)
            + r(q.min(t2) - t1) * Decimal::new(6, 3)
            + r(q - t2) * Decimal::new(4, 3);
        prop_assert_eq!(by_slices, want);
        prop_assert_eq!(slices.iter().map(|s| s.qty).sum::<Decimal>(), q);
    }

    #[test]
    fn headroom_falls_as_peak_rises_and_az_loss_is_never_lighter(
        p in 0.0f64..200.0, dp in 0.0f64..50.0, azs in 1u64..4, count in 1u64..4,
    ) {
        let b = book();
        let ev = |peak: f64| {
            let s = parse_scenario("p.toml", &scenario(0, 0, count, azs, 1, 1, 730, peak), &b).unwrap();
            evaluate(&s, &b).unwrap()
        };
        let (lo, hi) = (ev(p), ev(p + dp));
        prop_assert!(hi.min_headroom_pct.unwrap() <= lo.min_headroom_pct.unwrap() + 1e-9);
        for c in &lo.capacity {
            if let Some(l) = c.az_loss_load {
                prop_assert!(l + 1e-12 >= c.load);
            }
        }
    }

    #[test]
    fn scenario_parser_never_panics(src in "\\PC{0,200}") {
        let b = book();
        let _ = parse_scenario("fuzz.toml", &src, &b);
    }

    #[test]
    fn numeric_fields_never_panic(v in prop::sample::select(vec![
        "-1", "0", "1e30", "\"1e30\"", "\"abc\"", "nan", "inf", "-inf", "1.5", "[1,2]", "{a=1}",
        "\"99999999999999999999999999999\"", "9223372036854775807", "true",
    ]), key in prop::sample::select(vec!["gb_per_month", "peak_gbps", "count", "azs"])) {
        let b = book();
        let src = format!("region = \"us-east-1\"\n[[interface_endpoint]]\nservice = \"s3\"\nazs = 2\n{key} = {v}\n")
            .replace("azs = 2\nazs", "azs");
        if let Ok(s) = parse_scenario("p.toml", &src, &b) {
            let _ = evaluate(&s, &b);
        }
    }
}
