//! `vpceplan plan`: properties of the library's plan on random NAT-heavy baselines, and
//! the command on files written by the tests, with figures computed by hand.

mod common;

use proptest::prelude::*;
use rust_decimal::Decimal;
use std::fmt::Write as _;
use vpceplan::engine::evaluate;
use vpceplan::money::cents;
use vpceplan::plan::{Options, Outcome, input::read_traffic_csv, plan, render};
use vpceplan::pricing::PriceBook;
use vpceplan::scenario::parse_scenario;

const HEAD: &str = "service,source,account,region,resource_kind,resource,az,interface_id,records,bytes,gb_observed,gb_per_month\n";
const SERVICES: &[&str] = &["s3", "dynamodb", "ecr.api", "internet"];

/// A baseline of NAT gateways (GB given) and the traffic rows of their flow logs
/// (bytes per service given).
fn files(nats: &[(Decimal, Vec<u64>)]) -> (String, String) {
    let mut b = String::from("name = \"prop\"\nregion = \"us-east-1\"\n");
    let mut t = String::from(HEAD);
    for (i, (gb, weights)) in nats.iter().enumerate() {
        let _ = write!(
            b,
            "\n[[nat_gateway]]\nname = \"111111111111 nat-{i}\"\ngb_per_month = \"{gb}\"\n"
        );
        for (svc, w) in SERVICES.iter().zip(weights) {
            if *w > 0 {
                let _ = writeln!(
                    t,
                    "{svc},spoke,111111111111,us-east-1,nat_gateway,nat-{i},use1-az{},eni-{i},1,{w},1,1",
                    i % 3 + 1
                );
            }
        }
    }
    (b, t)
}

fn nats() -> impl Strategy<Value = Vec<(Decimal, Vec<u64>)>> {
    prop::collection::vec(
        (
            (0u64..50_000_000, 0u32..4).prop_map(|(m, s)| Decimal::new(m as i64, s)),
            prop::collection::vec(0u64..1_000_000, 4).prop_filter("some bytes", |w| {
                w.iter().any(|x| *x > 0)
            }),
        ),
        1..5,
    )
}

fn priced(
    nats: &[(Decimal, Vec<u64>)],
    book: &PriceBook,
) -> (vpceplan::plan::Plan, vpceplan::scenario::Scenario) {
    let (b, t) = files(nats);
    let s = parse_scenario("b.toml", &b, book).expect("baseline parses");
    let rows = read_traffic_csv(&t, "t.csv").expect("traffic parses");
    let p = plan(&s, &b, &rows, "t.csv", None, &Options::default(), book).expect("plans");
    (p, s)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Saving = baseline − design exactly, for every priced design; the design's cost is
    /// the engine's for the design's own scenario; savings.csv prints the exact saving
    /// rounded once, within a cent of the difference of the rounded columns; the billed GB
    /// of each block are split without loss.
    #[test]
    fn saving_is_baseline_minus_design(nats in nats()) {
        let book = PriceBook::builtin().unwrap();
        let (p, s) = priced(&nats, &book);
        let whole = evaluate(&s, &book).unwrap().monthly;
        prop_assert_eq!(p.baseline_monthly(), Some(whole));
        let csv = String::from_utf8(render::savings_sheet(&p).to_csv()).unwrap();
        for r in &p.regions {
            let base = r.baseline.as_ref().unwrap().monthly;
            for sv in &r.savings {
                let a = r.assessed(&sv.design).unwrap();
                let Some(m) = sv.monthly else { continue };
                let own = evaluate(&a.plan.scenario, &book).unwrap().monthly;
                prop_assert_eq!(m, own);
                prop_assert_eq!(sv.saving, Some(base - m));
                let line = csv
                    .lines()
                    .find(|l| l.starts_with(&format!("{},{},", r.region, sv.design)))
                    .unwrap();
                let cells: Vec<&str> = line.split(',').collect();
                let (pb, pd, ps): (Decimal, Decimal, Decimal) = (
                    cells[4].parse().unwrap(),
                    cells[5].parse().unwrap(),
                    cells[6].parse().unwrap(),
                );
                prop_assert_eq!(ps, cents(base - m));
                prop_assert!((ps - (pb - pd)).abs() <= Decimal::new(1, 2));
                let year: Decimal = cells[7].parse().unwrap();
                prop_assert_eq!(year, cents((base - m) * Decimal::from(12)));
            }
        }
        for (i, (gb, _)) in nats.iter().enumerate() {
            let block = format!("nat_gateway[{i}]");
            let sum: Decimal = p
                .attribution
                .iter()
                .filter(|a| a.block == block)
                .map(|a| a.gb)
                .sum();
            prop_assert_eq!(sum, *gb);
        }
        // Gateway endpoints are free and remove NAT processing: never dearer than today
        // when every service is S3 or DynamoDB or stays on NAT.
        for r in &p.regions {
            if r.moving.keys().all(|k| k == "s3" || k == "dynamodb")
                && let Some(sv) = r.savings.iter().find(|s| s.design == "gateway-where-possible")
            {
                prop_assert!(sv.saving.unwrap() >= Decimal::ZERO);
            }
        }
    }

    /// More traffic never lowers the baseline, and never lowers the saving of moving S3
    /// traffic to gateway endpoints.
    #[test]
    fn more_traffic_never_lowers_the_baseline(nats in nats(), extra in 0u64..10_000_000, which in 0usize..4) {
        let book = PriceBook::builtin().unwrap();
        let (p0, _) = priced(&nats, &book);
        let mut more = nats.clone();
        let i = which % more.len();
        more[i].0 += Decimal::from(extra);
        let (p1, _) = priced(&more, &book);
        prop_assert!(p1.baseline_monthly().unwrap() >= p0.baseline_monthly().unwrap());
        prop_assert!(p1.best_saving() >= p0.best_saving());
        let moved0: Decimal = p0.attribution.iter().filter(|a| a.outcome == Outcome::Moves).map(|a| a.gb).sum();
        let moved1: Decimal = p1.attribution.iter().filter(|a| a.outcome == Outcome::Moves).map(|a| a.gb).sum();
        prop_assert!(moved1 >= moved0);
    }
}
