//! Designs counted against AWS service quotas (issue 17), by hand: a workload at exactly a
//! quota and one past it, adjustable and hard quotas, the centralized hub's splits and
//! what they add, and the 100,000-spoke centralized design.
//!
//! Prices: us-east-1 of the built-in book, 730 h. Quotas: the built-in pricing/quotas.csv.

use rust_decimal::Decimal;
use rust_decimal_macros::dec;
use vpceplan::designs::compare::{Assessed, comparison};
use vpceplan::engine::evaluate;
use vpceplan::pricing::{PriceBook, Quota};
use vpceplan::quotas::Standing;
use vpceplan::scenario::{Kind, Scenario, parse_scenario};

fn book() -> PriceBook {
    PriceBook::builtin().unwrap()
}

/// The ecr-s3-spokes workload (6 services, 3 AZs, 500 GB a month per spoke) with
/// `spokes` spokes and a `[compare]` table.
fn ecr(spokes: u64, compare: &str) -> Scenario {
    let src = include_str!("../../scenarios/ecr-s3-spokes.toml");
    let head = src.split("[compare]").next().unwrap();
    let text = format!("{}\n[compare]\n{compare}\n", head)
        .replace("spokes = 20 ", &format!("spokes = {spokes} "));
    parse_scenario("ecr.toml", &text, &book()).unwrap_or_else(|e| panic!("{e}"))
}

fn design<'a>(a: &'a [Assessed], name: &str) -> &'a Assessed {
    a.iter().find(|a| a.plan.design == name).unwrap()
}

fn need(a: &Assessed, q: Quota) -> (u64, u64, Standing) {
    let c = a
        .quotas
        .as_ref()
        .expect("counted")
        .counts
        .iter()
        .find(|c| c.quota == q)
        .unwrap_or_else(|| panic!("{} not counted", q.id()));
    (c.need, c.value, c.standing)
}

fn increases(a: &Assessed) -> Vec<(&'static str, u64, u64)> {
    a.quotas
        .as_ref()
        .unwrap()
        .increases()
        .map(|c| (c.quota.id(), c.need, c.default))
        .collect()
}

#[test]
fn centralized_100000_spokes_splits_into_21_transit_gateways() {
    let b = book();
    let s = ecr(100_000, "designs = [\"centralized\"]");
    let c = comparison(&s, &b);
    let a = design(&c.designs, "centralized");
    assert_eq!(a.plan.invalid, None);
    // Split (split_on_quota = "any", the default):
    // - one hub VPC holds the 6 endpoints (≤ 50);
    // - each transit gateway takes the hub's attachment and 5,000 − 1 = 4,999 spokes:
    //   T = ⌈100,000 / 4,999⌉ = 21 (20 × 4,999 = 99,980);
    // - a VPC attaches to at most 5 transit gateways: the hub VPC is replicated
    //   R = ⌈21 / 5⌉ = 5 times, each with the 6 endpoints;
    // - Profiles per replica: 4 full replicas of 5 × 4,999 = 24,995 spokes + 1 hub VPC:
    //   ⌈24,996 / 1,000⌉ = 25 each; the last has 20 spokes + 1: 1 → 101 Profiles,
    //   associated with 100,000 spokes + 5 hub VPCs = 100,005 VPCs.
    let rs = &a.plan.scenario.resources;
    let hub_endpoints: Vec<u64> = rs
        .iter()
        .filter(|r| matches!(r.kind, Kind::InterfaceEndpoint { .. }))
        .map(|r| r.count)
        .collect();
    assert_eq!(hub_endpoints, vec![5; 6]);
    let attachments: Vec<u64> = rs
        .iter()
        .filter(|r| matches!(r.kind, Kind::TgwAttachment { .. }))
        .map(|r| r.count)
        .collect();
    assert_eq!(attachments, vec![100_000, 21]);
    let profile = rs
        .iter()
        .find(|r| matches!(r.kind, Kind::Route53Profile { .. }))
        .unwrap();
    assert_eq!(profile.count, 101);
    assert_eq!(
        profile.kind,
        Kind::Route53Profile {
            vpc_associations: 100_005
        }
    );
    // Within every split quota, at exactly some of them:
    assert_eq!(
        need(a, Quota::TgwAttachmentsPerTgw),
        (5000, 5000, Standing::Ok)
    );
    assert_eq!(need(a, Quota::TgwsPerVpc), (5, 5, Standing::Ok));
    assert_eq!(
        need(a, Quota::InterfaceEndpointsPerVpc),
        (6, 50, Standing::Ok)
    );
    // ⌈100,005 / 101⌉ = 991 VPCs per Profile.
    assert_eq!(need(a, Quota::VpcsPerProfile), (991, 1000, Standing::Ok));
    // The account-wide counts have no split: quota increases.
    assert_eq!(a.quota_standing(), Some(Standing::Increase));
    assert_eq!(
        increases(a),
        vec![("tgws_per_region", 21, 5), ("profiles_per_region", 101, 5)]
    );
    // Cost (50,000,000 GB a month in all):
    //   hub endpoints 5 × 6 × 3 AZs × 730 × 0.01 = 657.00
    //   endpoint data: 1,048,576 × 0.01 + 4,194,304 × 0.006 + 44,757,120 × 0.004
    //                = 10,485.76 + 25,165.824 + 179,028.48 = 214,680.064
    //   attachments (100,000 + 21) × 730 × 0.05 = 3,650,766.50
    //   TGW data 50,000,000 × 0.02 = 1,000,000
    //   Profiles 101 × 730 × 0.75 = 55,297.50
    //   associations (100,005 − 100) × 730 × 0.0014 = 102,102.91
    //   → 5,023,503.974
    let e = a.ok().unwrap();
    assert_eq!(e.monthly, dec!(5023503.974));
    // Unsplit it was 4,967,494.286 (issue 17's 4.97 M): the split adds 4 hubs'
    // endpoints (525.60), 20 hub attachments (730.00), 100 Profiles (54,750.00) and 4
    // more associations (4.088) = 56,009.688.
    assert_eq!(e.monthly - dec!(4967494.286), dec!(56009.688));
}

#[test]
fn centralized_100000_spokes_without_splitting_adjustable_quotas() {
    let b = book();
    for policy in ["hard", "never"] {
        let s = ecr(
            100_000,
            &format!("designs = [\"centralized\"]\nsplit_on_quota = \"{policy}\""),
        );
        let c = comparison(&s, &b);
        let a = design(&c.designs, "centralized");
        // One transit gateway, one hub, one Profile: the unsplit design, valid, after
        // increases of two adjustable quotas (attachments per transit gateway is
        // adjustable per the current AWS page).
        assert_eq!(a.plan.invalid, None, "{policy}");
        assert_eq!(a.ok().unwrap().monthly, dec!(4967494.286), "{policy}");
        assert_eq!(
            increases(a),
            vec![
                ("tgw_attachments_per_tgw", 100_001, 5000),
                ("vpcs_per_profile", 100_001, 1000)
            ],
            "{policy}"
        );
    }
}

/// A centralized design sharing DNS through private hosted zones, `spokes` spokes.
fn phz(spokes: u64, policy: &str) -> Scenario {
    ecr(
        spokes,
        &format!("designs = [\"centralized-phz\"]\nsplit_on_quota = \"{policy}\""),
    )
}

#[test]
fn shared_zones_at_the_hard_limit_and_one_past_it() {
    let b = book();
    // 299 spokes + the hub: 300 VPCs per zone, the hard limit: ok.
    let c = comparison(&phz(299, "never"), &b);
    let a = design(&c.designs, "centralized-phz");
    assert_eq!(need(a, Quota::VpcsPerHostedZone), (300, 300, Standing::Ok));
    assert_eq!(a.quota_standing(), Some(Standing::Ok));
    // 300 spokes: 301, not adjustable, no split allowed: impossible, with the reason.
    let c = comparison(&phz(300, "never"), &b);
    let a = design(&c.designs, "centralized-phz");
    assert_eq!(a.quota_standing(), Some(Standing::Impossible));
    assert!(a.ok().is_none());
    assert_eq!(
        a.plan.invalid.as_deref(),
        Some(
            "over a hard AWS quota: VPCs associated with a private hosted zone needs 301, the limit is 300 (each of `private hosted zones shared with the spokes, one per service`); it cannot be raised on request"
        )
    );
    // The default splits: each zone twice (⌈301 / 300⌉), 12 zones instead of 6, at
    // $0.50 a zone-month: 3.00 more than the same design with 6 zones.
    for policy in ["any", "hard"] {
        let c = comparison(&phz(300, policy), &b);
        let a = design(&c.designs, "centralized-phz");
        assert_eq!(a.quota_standing(), Some(Standing::Ok), "{policy}");
        // 2 × 6 zones, 6 × (300 spokes + 1 hub) = 1,806 associations: ⌈1806 / 12⌉ = 151.
        assert_eq!(need(a, Quota::VpcsPerHostedZone), (151, 300, Standing::Ok));
        assert_eq!(
            need(a, Quota::HostedZonesPerAccount),
            (12, 500, Standing::Ok)
        );
        let split = a.ok().unwrap().monthly;
        let unsplit = evaluate(
            &vpceplan::designs::compile(
                &phz(300, "never"),
                &phz(300, "never").compare.designs.first().cloned(),
                vpceplan::designs::Scale::ONE,
                &b.quotas,
            )
            .scenario,
            &b,
        )
        .unwrap()
        .monthly;
        assert_eq!(split - unsplit, dec!(3.00), "{policy}");
    }
}

#[test]
fn nat_gateways_per_az_at_the_quota_and_one_past_it() {
    let b = book();
    // The nat design puts one NAT gateway per spoke in each AZ, all in one account for
    // now: 5 spokes → 5 per AZ, the default; 6 → 6, an increase.
    let c = comparison(&ecr(5, "designs = [\"nat\"]"), &b);
    let a = design(&c.designs, "nat");
    assert_eq!(need(a, Quota::NatGatewaysPerAz), (5, 5, Standing::Ok));
    assert_eq!(a.quota_standing(), Some(Standing::Ok));
    let c = comparison(&ecr(6, "designs = [\"nat\"]"), &b);
    let a = design(&c.designs, "nat");
    assert_eq!(need(a, Quota::NatGatewaysPerAz), (6, 5, Standing::Increase));
    assert_eq!(increases(a), vec![("nat_gateways_per_az", 6, 5)]);
    // Still valid and priced: 6 × 3 = 18 NAT gateways × 730 × 0.045 = 591.30;
    // 3,000 GB × 0.045 = 135.00 → 726.30.
    assert_eq!(a.ok().unwrap().monthly, dec!(726.30));
}

#[test]
fn gateway_endpoints_per_region_at_the_quota_and_one_past_it() {
    let b = book();
    let c = comparison(&ecr(20, "designs = [\"gateway-where-possible\"]"), &b);
    let a = design(&c.designs, "gateway-where-possible");
    assert_eq!(
        need(a, Quota::GatewayEndpointsPerRegion),
        (20, 20, Standing::Ok)
    );
    // Each spoke: 5 interface endpoints and 1 gateway endpoint.
    assert_eq!(
        need(a, Quota::InterfaceEndpointsPerVpc),
        (5, 50, Standing::Ok)
    );
    assert_eq!(
        need(a, Quota::GatewayEndpointsPerVpc),
        (1, 255, Standing::Ok)
    );
    let c = comparison(&ecr(21, "designs = [\"gateway-where-possible\"]"), &b);
    let a = design(&c.designs, "gateway-where-possible");
    assert_eq!(increases(a), vec![("gateway_endpoints_per_region", 21, 20)]);
}

/// A workload of `n` interface services (no gateway services), 10 spokes in 2 AZs.
fn many(n: usize, policy: &str) -> Scenario {
    let services: Vec<String> = (0..n).map(|i| format!("\"svc{i}\"")).collect();
    let text = format!(
        "name = \"many\"\nregion = \"us-east-1\"\n[workload]\nspokes = 10\nazs = 2\nservices = [{}]\ngb_per_month_per_spoke = 0\n[compare]\ndesigns = [\"distributed\", \"centralized\"]\nsplit_on_quota = \"{policy}\"\n",
        services.join(", ")
    );
    parse_scenario("many.toml", &text, &book()).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn hub_endpoints_past_50_split_into_two_hub_vpcs() {
    let b = book();
    // 50 services: one hub VPC, at the quota.
    let c = comparison(&many(50, "any"), &b);
    let cen = design(&c.designs, "centralized");
    assert_eq!(
        need(cen, Quota::InterfaceEndpointsPerVpc),
        (50, 50, Standing::Ok)
    );
    let at50 = cen.ok().unwrap().monthly;
    // 51: two hub VPCs of 26 and 25 endpoints, each attached to the transit gateway and
    // associated with the Profile: one more attachment (730 × 0.05 = 36.50) and one
    // more endpoint (2 AZs × 730 × 0.01 = 14.60).
    let c = comparison(&many(51, "any"), &b);
    let cen = design(&c.designs, "centralized");
    assert_eq!(
        need(cen, Quota::InterfaceEndpointsPerVpc),
        (26, 50, Standing::Ok)
    );
    assert_eq!(cen.quota_standing(), Some(Standing::Ok));
    assert_eq!(cen.ok().unwrap().monthly - at50, dec!(36.50) + dec!(14.60));
    let rs = &cen.plan.scenario.resources;
    let profile = rs
        .iter()
        .find(|r| matches!(r.kind, Kind::Route53Profile { .. }))
        .unwrap();
    // 10 spokes + 2 hub VPCs.
    assert_eq!(
        profile.kind,
        Kind::Route53Profile {
            vpc_associations: 12
        }
    );
    // The distributed design cannot split a spoke: 51 endpoints in each, an increase.
    let dis = design(&c.designs, "distributed");
    assert_eq!(
        increases(dis),
        vec![("interface_endpoints_per_vpc", 51, 50)]
    );
    // split_on_quota = "hard": the hub keeps its 51 endpoints and asks for an increase.
    let c = comparison(&many(51, "hard"), &b);
    let cen = design(&c.designs, "centralized");
    assert_eq!(
        increases(cen),
        vec![("interface_endpoints_per_vpc", 51, 50)]
    );
    assert_eq!(cen.ok().unwrap().monthly - at50, dec!(14.60));
}

#[test]
fn raised_quotas_avoid_the_split() {
    // An account granted 10,000 attachments per transit gateway: 9,999 spokes stay on
    // one, 10,000 need two.
    let b = book()
        .with_quota_overrides("acct.csv", "id,value\ntgw_attachments_per_tgw,10000\n")
        .unwrap();
    let c = comparison(&ecr(9_999, "designs = [\"centralized\"]"), &b);
    let a = design(&c.designs, "centralized");
    assert_eq!(
        need(a, Quota::TgwAttachmentsPerTgw),
        (10_000, 10_000, Standing::Ok)
    );
    assert_eq!(need(a, Quota::TgwsPerRegion), (1, 5, Standing::Ok));
    let c = comparison(&ecr(10_000, "designs = [\"centralized\"]"), &b);
    let a = design(&c.designs, "centralized");
    assert_eq!(need(a, Quota::TgwsPerRegion), (2, 5, Standing::Ok));
    // 9,999 + 1 hub on the first, 1 + 1 on the second.
    assert_eq!(
        need(a, Quota::TgwAttachmentsPerTgw),
        (10_000, 10_000, Standing::Ok)
    );
    let _ = Decimal::ZERO;
}

/// The whole sweep as CSV text, through the compiled designs (`reference`: the engine).
fn sweep_csv(dir: &std::path::Path, text: &str, reference: bool) -> String {
    use vpceplan::sweep::{self, Plan, Shard};
    let b = book();
    let sw = sweep::file::from_text("s.toml", dir, text, &b).unwrap_or_else(|e| panic!("{e}"));
    let plan = Plan::new(&sw, &b, reference);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(2)
        .build()
        .unwrap();
    let mut out = Vec::new();
    sweep::write_sweep(
        &plan,
        &pool,
        &mut out,
        Shard::ALL.range(sw.total),
        true,
        7,
        None,
    )
    .unwrap();
    String::from_utf8(out).unwrap()
}

/// `(spokes, design) → (quotas, valid)` of a sweep's rows.
fn quota_cells(csv: &str) -> Vec<(u64, String, String, String)> {
    let mut lines = csv.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let at = |name: &str| header.iter().position(|h| *h == name).unwrap();
    let (spokes, design, quotas, valid) = (at("spokes"), at("design"), at("quotas"), at("valid"));
    lines
        .map(|l| {
            // No quoted commas before the reason column.
            let f: Vec<&str> = l.split(',').collect();
            (
                f[spokes].parse().unwrap(),
                f[design].to_string(),
                f[quotas].to_string(),
                f[valid].to_string(),
            )
        })
        .collect()
}

#[test]
fn a_sweep_over_spokes_shows_where_each_design_needs_an_increase() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("ecr.toml"),
        include_str!("../../scenarios/ecr-s3-spokes.toml"),
    )
    .unwrap();
    let text = "[sweep]\nscenarios = [\"ecr.toml\"]\nspokes = { from = 1, to = 25, step = 1 }\ndesigns = [\"nat\", \"gateway-where-possible\", \"centralized\"]\n";
    let fast = sweep_csv(dir.path(), text, false);
    // The engine gives the same bytes.
    assert_eq!(fast, sweep_csv(dir.path(), text, true));
    let header = fast.lines().next().unwrap();
    assert!(
        header.ends_with("status,az_loss_status,quotas,valid,reason"),
        "{header}"
    );
    for (spokes, design, quotas, valid) in quota_cells(&fast) {
        // nat: one NAT gateway per spoke in each AZ, 5 per AZ at most by default;
        // gateway-where-possible: one S3 gateway endpoint per spoke, 20 per Region.
        let want = match design.as_str() {
            "nat" if spokes > 5 => "increase needed",
            "gateway-where-possible" if spokes > 20 => "increase needed",
            _ => "ok",
        };
        assert_eq!(
            (quotas.as_str(), valid.as_str()),
            (want, "yes"),
            "{design} at {spokes}"
        );
    }
}

#[test]
fn a_sweep_over_spokes_shows_where_a_design_stops_being_buildable() {
    let dir = tempfile::tempdir().unwrap();
    let src = include_str!("../../scenarios/ecr-s3-spokes.toml");
    let head = src.split("[compare]").next().unwrap();
    std::fs::write(
        dir.path().join("phz.toml"),
        format!("{head}[compare]\ndesigns = [\"centralized-phz\"]\nsplit_on_quota = \"never\"\n"),
    )
    .unwrap();
    let text = "[sweep]\nscenarios = [\"phz.toml\"]\nspokes = { from = 297, to = 302, step = 1 }\n";
    let fast = sweep_csv(dir.path(), text, false);
    assert_eq!(fast, sweep_csv(dir.path(), text, true));
    let rows = quota_cells(&fast);
    assert_eq!(rows.len(), 6);
    for (spokes, _, quotas, valid) in &rows {
        // Each shared zone is associated with the hub and every spoke: 300 VPCs at most.
        if *spokes < 300 {
            assert_eq!((quotas.as_str(), valid.as_str()), ("ok", "yes"), "{spokes}");
        } else {
            assert_eq!(
                (quotas.as_str(), valid.as_str()),
                ("impossible", "no"),
                "{spokes}"
            );
        }
    }
    let row300 = fast.lines().find(|l| l.starts_with("300,")).unwrap();
    assert!(
        row300.ends_with(",,,,,,impossible,no,\"over a hard AWS quota: VPCs associated with a private hosted zone needs 301, the limit is 300 (each of `private hosted zones shared with the spokes, one per service`); it cannot be raised on request\""),
        "{row300}"
    );
}
