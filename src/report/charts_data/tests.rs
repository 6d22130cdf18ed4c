use super::curves::group;
use super::*;
use crate::designs::compare::comparison;
use crate::engine::evaluate;
use crate::scenario::parse_scenario;
use rust_decimal_macros::dec;

fn book() -> PriceBook {
    PriceBook::builtin().expect("built-in book")
}

fn ecr(book: &PriceBook) -> (Scenario, Comparison) {
    let s = parse_scenario(
        "ecr-s3-spokes.toml",
        include_str!("../../../scenarios/ecr-s3-spokes.toml"),
        book,
    )
    .expect("parses");
    let c = comparison(&s, book);
    (s, c)
}

fn curve(p: &PlannedChart) -> &CostCurve {
    match &p.input {
        ChartInput::Curve(c) => c,
        other => panic!("not a curve: {other:?}"),
    }
}

#[test]
fn traffic_curve_is_exact_at_every_point_and_marks_solved_break_evens() {
    let book = book();
    let (s, c) = ecr(&book);
    let p = traffic_curve(&s, &c, &book).expect("a curve");
    assert_eq!(
        (p.dir.as_str(), p.stem.as_str()),
        ("ecr-s3-spokes", "cost-vs-traffic")
    );
    let cc = curve(&p);
    assert!(cc.log_x && cc.log_y);
    let names: Vec<&str> = cc.series.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "nat",
            "distributed",
            "centralized",
            "gateway-where-possible"
        ]
    );
    let t = dec!(10000);
    for (series, choice) in cc.series.iter().zip(names_of(&s)) {
        let f = breakeven::cost_fn(&s, &choice, Param::Traffic, &book).unwrap();
        // The range is whole decades around the workload: 100 to 1,000,000 GB.
        assert_eq!(series.points.first().unwrap().0, 100.0);
        assert_eq!(series.points.last().unwrap().0, 1_000_000.0);
        for &(x, y) in &series.points {
            let xd = Decimal::from_f64(x).unwrap();
            let exact = to_f64(f.value(xd / t));
            assert!(
                (y - exact).abs() <= exact.abs() * 1e-12,
                "{x}: {y} vs {exact}"
            );
        }
        // The workload as written is a point of the line, at the engine's figure.
        let at = series
            .points
            .iter()
            .find(|p| p.0 == 10_000.0)
            .expect("x = T");
        let e = c
            .designs
            .iter()
            .find(|a| a.plan.design == series.name)
            .unwrap();
        assert_eq!(at.1, to_f64(e.ok().unwrap().monthly));
    }
    // The break-evens of breakeven.csv, at both lines' common cost.
    let xs: Vec<f64> = cc.break_evens.iter().map(|b| b.x).collect();
    for want in [
        5972.727272727272,
        18771.428571428572,
        34366.153846153844,
        59130.0,
    ] {
        assert!(
            xs.iter().any(|x| (x - want).abs() < 1e-6),
            "{want} in {xs:?}"
        );
    }
    let b = cc
        .break_evens
        .iter()
        .find(|b| b.x == 59130.0)
        .expect("distributed = centralized");
    assert_eq!(
        b.label.as_deref(),
        Some("distributed = centralized: 59,130 GB")
    );
    // distributed: 2,628 + 0.01·T at T = 59,130.
    assert!((b.cost_usd - 3219.30).abs() < 1e-9, "{}", b.cost_usd);
}

fn names_of(s: &Scenario) -> Vec<Option<crate::scenario::DesignChoice>> {
    names(s)
}

#[test]
fn spokes_curve_has_straight_exact_lines_and_break_evens() {
    let book = book();
    let (s, c) = ecr(&book);
    let p = spokes_curve(&s, &c, &book).expect("a curve");
    let cc = curve(&p);
    assert!(!cc.log_x && !cc.log_y && !cc.point_markers);
    // 1 to twice the workload; lines given by their ends, breakpoints and crossings.
    for series in &cc.series {
        assert_eq!(series.points.first().unwrap().0, 1.0);
        assert_eq!(series.points.last().unwrap().0, 40.0);
        assert!(series.points.len() <= 2 + cc.break_evens.len() + 4);
    }
    let dist = &cc.series[1];
    // distributed: 136.40 per spoke (docs/designs.md, "A worked comparison").
    assert!((dist.points.last().unwrap().1 - 136.40 * 40.0).abs() < 1e-9);
    let b = cc
        .break_evens
        .iter()
        .find(|b| (b.x - 8.426383981154299).abs() < 1e-12)
        .expect("distributed = centralized");
    assert_eq!(
        b.label.as_deref(),
        Some("distributed = centralized: 8.43 spokes")
    );
    assert!((b.cost_usd - 136.40 * b.x).abs() < 1e-6);
}

#[test]
fn no_traffic_no_traffic_curve() {
    let book = book();
    let s = parse_scenario(
        "c.toml",
        include_str!("../../../scenarios/console-private-access-workload.toml"),
        &book,
    )
    .unwrap();
    let c = comparison(&s, &book);
    assert!(traffic_curve(&s, &c, &book).is_none());
    assert!(spokes_curve(&s, &c, &book).is_some());
}

const BUSY: &str = r#"
name = "busy"
region = "us-east-1"
limits = "current"

[[interface_endpoint]]
name = "s3"
service = "s3"
azs = ["use1-az1", "use1-az2", "use1-az4"]
count = 2
gb_per_month = 1000
peak_gbps = 66

[[nat_gateway]]
count = 2
azs = 2
gb_per_month = 10
peak_gbps = 1
"#;

#[test]
fn load_charts_use_the_scenarios_profile_and_mark_the_lost_az() {
    let book = book();
    let s = parse_scenario("busy.toml", BUSY, &book).unwrap();
    let e = evaluate(&s, &book).unwrap();
    let charts = load_charts(&e);
    let stems: Vec<&str> = charts.iter().map(|c| c.stem.as_str()).collect();
    assert_eq!(stems, ["load-interface_endpoint_eni", "load-nat_gateway"]);
    let ChartInput::Load(l) = &charts[0].input else {
        panic!()
    };
    // Profile `current`: interface endpoint ENIs 10 Gbps sustained, 100 burst.
    assert_eq!((l.sustained_limit_gbps, l.burst_limit_gbps), (10.0, 100.0));
    assert_eq!(l.unit, "Gbps");
    assert_eq!(l.resources.len(), 1);
    let r = &l.resources[0];
    assert_eq!(r.name, "s3: 2 per AZ");
    // 66 Gbps over 6 ENIs = 11 each; losing one AZ leaves 4 ENIs: 16.5 each.
    assert_eq!(r.azs.len(), 3);
    assert!((r.azs[0].normal_gbps - 11.0).abs() < 1e-12);
    assert_eq!(r.azs[0].az_lost_gbps, None, "the first AZ is the one lost");
    assert!((r.azs[1].az_lost_gbps.unwrap() - 16.5).abs() < 1e-12);
    assert!(
        charts[0]
            .caption
            .contains("profile `current`, 10 Gbps sustained and 100 Gbps burst")
    );
    let ChartInput::Load(n) = &charts[1].input else {
        panic!()
    };
    assert_eq!((n.sustained_limit_gbps, n.burst_limit_gbps), (5.0, 100.0));
}

#[test]
fn cost_by_component_is_exact_and_in_book_order() {
    let book = book();
    let s = parse_scenario("busy.toml", BUSY, &book).unwrap();
    let e = evaluate(&s, &book).unwrap();
    let parts = cost_by_component(&e);
    let total = parts.iter().fold(Decimal::ZERO, |a, (_, v)| a + v);
    assert_eq!(total, e.monthly);
    let ids: Vec<&str> = parts.iter().map(|p| p.0.as_str()).collect();
    assert_eq!(
        ids,
        [
            "interface_endpoint_hour",
            "interface_endpoint_gb",
            "nat_gateway_hour",
            "nat_gateway_gb"
        ]
    );
    let p = scenario_breakdown(&e);
    let ChartInput::Breakdown(b) = &p.input else {
        panic!()
    };
    assert_eq!(b.bars.len(), 1);
    assert_eq!(b.bars[0].components[0].name, "Interface endpoint hours");
}

#[test]
fn failover_chart_shows_the_busiest_unit_before_and_after() {
    let book = book();
    let s = parse_scenario(
        "p.toml",
        include_str!("../../../scenarios/global-payments-failover-workload.toml"),
        &book,
    )
    .unwrap();
    let c = comparison(&s, &book);
    let charts = comparison_charts(&s, &c, &book);
    let fo: Vec<&PlannedChart> = charts
        .iter()
        .filter(|p| p.stem.starts_with("failover-"))
        .collect();
    assert_eq!(fo.len(), 1);
    assert_eq!(fo[0].dir, "global-payments-failover-workload/distributed");
    let ChartInput::Failover(f) = &fo[0].input else {
        panic!()
    };
    let r: Vec<(&str, f64, f64, bool)> = f
        .regions
        .iter()
        .map(|r| (r.region.as_str(), r.before, r.after, r.failed))
        .collect();
    // 2 Gbps over 2 ENIs = 1 Gbps = 10 % of 10 Gbps, in us-east-1 before and us-west-2
    // after.
    assert_eq!(
        r,
        [
            ("us-east-1", 10.0, 0.0, true),
            ("us-west-2", 0.0, 10.0, false)
        ]
    );
    assert!(f.regions.iter().all(|r| r.capacity == 100.0));
}

#[test]
fn groups_thousands() {
    assert_eq!(group(dec!(59130)), "59,130");
    assert_eq!(group(dec!(1234567.5)), "1,234,567.5");
    assert_eq!(group(dec!(-1000)), "-1,000");
    assert_eq!(group(dec!(12)), "12");
}
