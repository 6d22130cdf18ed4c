//! Design compilation, validity, failover and break-even, against hand arithmetic
//! (us-east-1, 730 h unless said otherwise).

use super::breakeven::{self, Cheaper, Param};
use super::compare::{FailoverMonth, RegionLossOutcome, assess, comparison, units_needed};
use super::*;
use crate::engine::{Status, evaluate};
use crate::pricing::PriceBook;
use crate::scenario::{Kind, parse_scenario};
use approx::assert_relative_eq;
use rust_decimal_macros::dec;

fn book() -> PriceBook {
    PriceBook::builtin().expect("built-in book")
}

fn sc(src: &str) -> Scenario {
    parse_scenario("t.toml", src, &book()).unwrap_or_else(|e| panic!("{e}"))
}

fn plan(s: &Scenario, name: &str) -> Plan {
    plans(s, &book().quotas)
        .into_iter()
        .find(|p| p.design == name)
        .unwrap_or_else(|| panic!("no design {name}"))
}

fn monthly(p: &Plan) -> Decimal {
    evaluate(&p.scenario, &book())
        .unwrap_or_else(|e| panic!("{e}"))
        .monthly
}

/// (table, label, count, azs, gb, peak) of each compiled block.
fn blocks(p: &Plan) -> Vec<(&'static str, String, u64, usize, Decimal, f64)> {
    p.scenario
        .resources
        .iter()
        .map(|r| {
            (
                crate::rules::of(&r.kind).table,
                r.label.clone(),
                r.count,
                r.azs.len(),
                r.gb_per_month,
                r.peak_gbps,
            )
        })
        .collect()
}

const TWO_SERVICES: &str = r#"
name = "w"
region = "us-east-1"
[workload]
spokes = 4
azs = 3
services = ["sts", "kms"]
gb_per_month_per_spoke = 100
peak_gbps_per_spoke = 0.5
[compare]
designs = ["nat", "distributed"]
"#;

#[test]
fn nat_compiles_to_one_nat_gateway_per_az_per_spoke() {
    let s = sc(TWO_SERVICES);
    let p = plan(&s, "nat");
    assert_eq!(p.scenario.name, "w/nat");
    let b = blocks(&p);
    assert_eq!(b.len(), 1);
    // 4 spokes × 3 AZs = 12 NAT gateways carrying 4 × 100 GB, 4 × 0.5 Gbps
    assert_eq!(b[0].0, "nat_gateway");
    assert_eq!((b[0].2, b[0].3, b[0].4), (12, 3, dec!(400)));
    assert_relative_eq!(b[0].5, 2.0);
    // 12 × 730 × 0.045 = 394.20; 400 GB × 0.045 = 18.00 → 412.20
    assert_eq!(monthly(&p), dec!(412.20));
    assert!(p.invalid.is_none());
    assert_eq!(p.flags.least_privilege, LeastPrivilege::NoEndpointPolicy);
    // Each NAT: 2.0 Gbps / 12 = 0.1667 Gbps (peak above the month's average)
    let e = evaluate(&p.scenario, &book()).unwrap();
    assert_relative_eq!(e.capacity[0].load, 2.0 / 12.0, max_relative = 1e-12);
}

#[test]
fn distributed_compiles_to_an_endpoint_per_service_per_spoke_per_az() {
    let s = sc(TWO_SERVICES);
    let p = plan(&s, "distributed");
    let b = blocks(&p);
    // 100 GB per spoke split evenly: 50 GB to each service; 0.25 Gbps each
    assert_eq!(
        b.iter().map(|x| (x.0, x.2, x.3, x.4)).collect::<Vec<_>>(),
        vec![
            ("interface_endpoint", 4, 3, dec!(200)),
            ("interface_endpoint", 4, 3, dec!(200)),
        ]
    );
    assert_relative_eq!(b[0].5, 1.0);
    // 2 services × 4 spokes × 3 AZs × 730 × 0.01 = 175.20; 400 GB × 0.01 = 4 → 179.20
    let e = evaluate(&p.scenario, &book()).unwrap();
    assert_eq!(e.monthly, dec!(179.20));
    assert_eq!(e.endpoint_hours, dec!(17520)); // 24 endpoint-AZs × 730 h
    assert_eq!(p.flags.blast_radius, BlastRadius::PerVpc);
    // ids are numbered per table in order
    assert_eq!(p.scenario.resources[1].block, "interface_endpoint[1]");
}

#[test]
fn distributed_puts_remote_clients_on_the_entry_vpc_with_a_resolver() {
    let s = sc(r#"
name = "w"
region = "us-east-1"
[workload]
spokes = 3
azs = 2
services = ["s3"]
gb_per_month_per_spoke = 1000
peak_gbps_per_spoke = 1.0
onprem_gb_per_month = 500
remote_peak_gbps = 2.0
[compare]
designs = ["distributed"]
"#);
    let p = plan(&s, "distributed");
    let b = blocks(&p);
    assert_eq!(b[0].1, "s3 (spokes 2–3)");
    assert_eq!((b[0].2, b[0].4), (2, dec!(2000)));
    assert_eq!(b[1].1, "s3 (entry VPC, with remote clients)");
    assert_eq!((b[1].2, b[1].4), (1, dec!(1500)));
    assert_relative_eq!(b[1].5, 3.0);
    assert_eq!(b[2].0, "resolver_endpoint");
    // 3 endpoints × 2 AZ × 7.30 = 43.80; 3,500 GB × 0.01 = 35; Resolver 2 × 730 × 0.125
    // = 182.50 → 261.30
    assert_eq!(monthly(&p), dec!(261.30));
    // The entry VPC's ENIs carry 3 Gbps / 2 = 1.5 Gbps each
    let e = evaluate(&p.scenario, &book()).unwrap();
    let entry = e
        .capacity
        .iter()
        .find(|c| c.block == "interface_endpoint[1]")
        .unwrap();
    assert_relative_eq!(entry.load, 1.5, max_relative = 1e-12);
}

const HUB: &str = r#"
name = "w"
region = "us-east-1"
[workload]
spokes = 3
azs = 2
services = ["sts", "kms"]
gb_per_month_per_spoke = 100
peak_gbps_per_spoke = 1.0
[compare]
designs = ["centralized", "centralized-phz"]
"#;

#[test]
fn centralized_compiles_to_hub_endpoints_tgw_and_a_route53_profile() {
    let s = sc(HUB);
    let p = plan(&s, "centralized");
    let b = blocks(&p);
    let kinds: Vec<_> = b.iter().map(|x| (x.0, x.2, x.3, x.4)).collect();
    assert_eq!(
        kinds,
        vec![
            ("interface_endpoint", 1, 2, dec!(150)), // sts: 3 × 50 GB
            ("interface_endpoint", 1, 2, dec!(150)), // kms
            ("tgw_attachment", 3, 2, dec!(300)),     // spokes send 300 GB into the TGW
            ("tgw_attachment", 1, 2, dec!(0)),       // hub: load only
            ("route53_profile", 1, 0, dec!(0)),
        ]
    );
    assert_relative_eq!(b[3].5, 3.0); // the hub carries every spoke's 1 Gbps
    match &p.scenario.resources[4].kind {
        Kind::Route53Profile { vpc_associations } => assert_eq!(*vpc_associations, 4),
        k => panic!("{k:?}"),
    }
    // endpoints 2 × 2 AZ × 7.30 = 29.20 + 300 GB × 0.01 = 3.00
    // TGW 4 attachments × 730 × 0.05 = 146.00 + 300 GB × 0.02 = 6.00
    // Profile 730 × 0.75 = 547.50 (4 associations included) → 731.70
    assert_eq!(monthly(&p), dec!(731.70));
    assert_eq!(p.flags.blast_radius, BlastRadius::Hub { spokes: 3 });
    assert_eq!(
        p.flags.least_privilege,
        LeastPrivilege::Shared { spokes: 3 }
    );
    // Shared private hosted zones instead: 2 zones × 0.50 = 1.00 → 731.70 − 547.50 + 1
    let q = plan(&s, "centralized-phz");
    assert!(matches!(
        q.scenario.resources[4].kind,
        Kind::HostedZone { .. }
    ));
    assert_eq!(monthly(&q), dec!(185.20));
}

#[test]
fn centralized_with_existing_attachments_adds_only_tgw_processing() {
    let s = sc(&HUB.replace("spokes = 3", "spokes = 3\nexisting_tgw_attachments = true"));
    let p = plan(&s, "centralized");
    // 731.70 − 146.00 attachment-hours that are already paid for = 585.70
    assert_eq!(monthly(&p), dec!(585.70));
    let e = evaluate(&p.scenario, &book()).unwrap();
    assert!(e.lines.iter().all(|l| l.component != "tgw_attachment_hour"));
    assert!(e.lines.iter().any(|l| l.component == "tgw_gb"));
}

const GATEWAY: &str = r#"
name = "w"
region = "us-east-1"
[workload]
spokes = 2
azs = 2
services = ["s3", "dynamodb", "sts"]
[workload.traffic.s3]
gb_per_month_per_spoke = 1000
other_vpc_gb_per_month = 200
[workload.traffic.dynamodb]
gb_per_month_per_spoke = 100
[workload.traffic.sts]
gb_per_month_per_spoke = 10
[compare]
designs = ["gateway-where-possible", "gateway-only", "nat"]
"#;

#[test]
fn gateway_where_possible_uses_interface_endpoints_only_for_remote_clients() {
    let s = sc(GATEWAY);
    let p = plan(&s, "gateway-where-possible");
    let b: Vec<_> = blocks(&p).into_iter().map(|x| (x.0, x.2, x.4)).collect();
    assert_eq!(
        b,
        vec![
            ("gateway_endpoint", 2, dec!(2000)),
            ("interface_endpoint", 1, dec!(200)), // s3 for the other VPC's clients
            ("gateway_endpoint", 2, dec!(200)),
            ("interface_endpoint", 2, dec!(20)), // sts in each spoke
        ]
    );
    // No on-premises clients: no Resolver endpoint.
    // s3 remote endpoint 2 AZ × 7.30 = 14.60 + 200 × 0.01 = 2.00;
    // sts 2 endpoints × 2 AZ × 7.30 = 29.20 + 20 × 0.01 = 0.20 → 46.00
    assert_eq!(monthly(&p), dec!(46.00));
    assert!(p.invalid.is_none());
}

#[test]
fn gateway_endpoints_cannot_serve_remote_clients() {
    let s = sc(GATEWAY);
    let p = plan(&s, "gateway-only");
    let r = p.invalid.expect("invalid");
    assert!(
        r.contains("other-VPC") && r.contains("`s3`") && r.contains("gateway"),
        "{r}"
    );
    for (key, kind) in [
        ("onprem_gb_per_month", "on-premises"),
        ("other_region_gb_per_month", "other-Region"),
    ] {
        let s = sc(&GATEWAY.replace("other_vpc_gb_per_month", key));
        let r = plan(&s, "gateway-only").invalid.expect("invalid");
        assert!(r.contains(kind), "{r}");
    }
    // nat: remote clients are out of a NAT gateway's reach
    let r = plan(&s, "nat").invalid.expect("invalid");
    assert!(r.contains("other-VPC"), "{r}");
    // Without remote clients gateway-only is valid and costs what gateway-where-possible does.
    let s = sc(&GATEWAY.replace("other_vpc_gb_per_month = 200", ""));
    let a = plan(&s, "gateway-only");
    assert!(a.invalid.is_none());
    // sts only: 29.20 + 0.20
    assert_eq!(monthly(&a), dec!(29.40));
}

#[test]
fn invalid_designs_say_why() {
    // A provider's endpoint service has no public endpoint: NAT cannot reach it.
    let s = sc(&TWO_SERVICES.replace(
        "[compare]",
        "[workload.traffic.kms]\npublic_endpoint = false\n[compare]",
    ));
    let r = plan(&s, "nat").invalid.expect("invalid");
    assert!(r.contains("`kms` has no public endpoint"), "{r}");
    // On-premises clients (DNS queries alone say so) rule NAT out.
    let s = sc(&TWO_SERVICES.replace("spokes = 4", "spokes = 4\ndns_queries_per_month = 1000"));
    assert!(plan(&s, "nat").invalid.unwrap().contains("on-premises"));
    // OpenSearch Serverless behind a hub cannot use shared PHZs (seed).
    let s = sc(&HUB.replace(r#"["sts", "kms"]"#, r#"["aoss"]"#));
    assert!(plan(&s, "centralized").invalid.is_none());
    assert!(
        plan(&s, "centralized-phz")
            .invalid
            .unwrap()
            .contains("Route 53 Profile")
    );
}

#[test]
fn ses_smtp_endpoints_in_unsupported_az_ids_are_invalid() {
    let src = r#"
name = "mail"
region = "us-east-1"
[workload]
spokes = 2
azs = ["use1-az1", "use1-az3"]
hub_azs = ["use1-az1", "use1-az4"]
services = ["email-smtp"]
gb_per_month_per_spoke = 10
[compare]
designs = ["nat", "distributed", "centralized-phz", "gateway-where-possible"]
"#;
    let s = sc(src);
    for d in ["distributed", "gateway-where-possible"] {
        let r = plan(&s, d).invalid.expect("invalid");
        assert!(r.contains("use1-az3"), "{r}");
    }
    assert!(plan(&s, "nat").invalid.is_none());
    let hub = plan(&s, "centralized-phz");
    assert!(hub.invalid.is_none());
    // Invalid designs are not priced.
    let a = assess(plan(&s, "distributed"), &book());
    assert!(a.eval.is_none());
    // Without hub_azs the hub lives in the spokes' AZs and is invalid too.
    let s = sc(&src.replace("hub_azs = [\"use1-az1\", \"use1-az4\"]\n", ""));
    assert!(plan(&s, "centralized-phz").invalid.is_some());
}

const FAILOVER: &str = r#"
name = "gp"
region = "us-east-1"
[workload]
spokes = 1
azs = ["use1-az1", "use1-az2"]
services = ["payments"]
gb_per_month_per_spoke = 2000
peak_gbps_per_spoke = 2.0
[workload.traffic.payments]
public_endpoint = false
[failover]
mode = "active-passive"
regions = ["us-east-1", "us-west-2"]
secondary_azs = ["usw2-az1", "usw2-az2"]
standby_endpoints = true
cross_region_sets = true
[compare]
designs = ["distributed"]
"#;

#[test]
fn active_passive_prices_both_regions_and_survives_region_loss() {
    let s = sc(FAILOVER);
    let p = plan(&s, "distributed");
    let regions: Vec<(&str, &str, u64)> = p
        .scenario
        .resources
        .iter()
        .map(|r| (crate::rules::of(&r.kind).table, r.region.as_str(), r.count))
        .collect();
    assert_eq!(
        regions,
        vec![
            ("interface_endpoint", "us-east-1", 1), // → us-east-1 service, carries traffic
            ("interface_endpoint", "us-east-1", 1), // → us-west-2 service
            ("interface_endpoint", "us-west-2", 1), // → us-east-1 service (cross-Region)
            ("interface_endpoint", "us-west-2", 1),
            ("hosted_zone", "global", 2), // one per Region; ARC is the provider's
        ]
    );
    assert_eq!(p.scenario.resources[0].gb_per_month, dec!(2000));
    assert_eq!(p.scenario.resources[2].gb_per_month, dec!(0));
    // The consumer's sets to the other Region's service are cross-Region endpoints.
    let cross: Vec<Option<&str>> = p
        .scenario
        .resources
        .iter()
        .filter_map(|r| match &r.kind {
            Kind::InterfaceEndpoint { service_region, .. } => Some(service_region.as_deref()),
            _ => None,
        })
        .collect();
    assert_eq!(
        cross,
        vec![None, Some("us-west-2"), Some("us-east-1"), None]
    );
    // Everything is the consumer's.
    assert!(p.scenario.resources.iter().all(|r| r.account == "consumer"));
    // 4 sets × 2 AZ × 730 × 0.01 = 58.40; 2,000 GB × 0.01 = 20; 2 zones × 0.50 = 1
    // → 79.40 (no ARC: the provider's bill)
    assert_eq!(monthly(&p), dec!(79.40));
    // us-east-1 lost: us-west-2's set to its own service carries 2 Gbps on 2 ENIs.
    let RegionLoss::Check { cases } = &p.region_loss else {
        panic!("{:?}", p.region_loss)
    };
    assert_eq!(cases.len(), 1);
    assert_eq!(cases[0].0, "us-east-1");
    let survivor = &cases[0].1;
    assert!(survivor.resources.iter().all(|r| r.region == "us-west-2"));
    let carrying: Vec<_> = survivor
        .resources
        .iter()
        .filter(|r| r.gb_per_month > Decimal::ZERO)
        .collect();
    assert_eq!(carrying.len(), 1);
    assert_eq!(
        carrying[0].label,
        "payments → us-west-2 service (us-west-2)"
    );
    let rows = crate::engine::capacity(survivor, &book()).unwrap();
    let r = rows.iter().find(|r| r.block == carrying[0].block).unwrap();
    assert_relative_eq!(r.load, 1.0, max_relative = 1e-12);
    assert_relative_eq!(r.az_loss_load.unwrap(), 2.0, max_relative = 1e-12);
    let a = assess(p, &book());
    assert_eq!(
        a.region_loss,
        RegionLossOutcome::Checked {
            lost: "us-east-1".into(),
            status: Status::Ok,
            az_loss: Status::Ok
        }
    );
}

#[test]
fn unprovisioned_standby_is_cheaper_and_does_not_survive_region_loss() {
    let s = sc(&FAILOVER.replace("standby_endpoints = true", "standby_endpoints = false"));
    let p = plan(&s, "distributed");
    // 79.40 − us-west-2's 2 sets × 2 AZ × 7.30 = 29.20 → 50.20
    assert_eq!(monthly(&p), dec!(50.20));
    let a = assess(p, &book());
    assert_eq!(
        a.region_loss,
        RegionLossOutcome::NotProvisioned {
            lost: "us-east-1".into()
        }
    );
    assert_eq!(a.region_loss.status(), Some(Status::Down));
}

#[test]
fn active_active_checks_the_survivor_carrying_everything() {
    // 50 Gbps split over two Regions, 2 ENIs each: normally 12.5 Gbps per ENI (burst);
    // a Region lost: 50 / 2 = 25 Gbps per ENI (burst); one more AZ lost: 50 on 1 ENI
    // (over the 40 Gbps burst).
    let src = FAILOVER
        .replace("active-passive", "active-active")
        .replace("standby_endpoints = true\n", "")
        .replace("cross_region_sets = true", "cross_region_sets = false")
        .replace(
            "gb_per_month_per_spoke = 2000",
            "gb_per_month_per_spoke = 0",
        )
        .replace("peak_gbps_per_spoke = 2.0", "peak_gbps_per_spoke = 50.0");
    let s = sc(&src);
    let p = plan(&s, "distributed");
    // 2 Regions × 1 endpoint × 2 AZ × 7.30 = 29.20; zones 1 → 30.20
    assert_eq!(monthly(&p), dec!(30.20));
    let e = evaluate(&p.scenario, &book()).unwrap();
    assert_eq!(e.status, Status::Burst);
    assert_relative_eq!(e.capacity[0].load, 12.5, max_relative = 1e-12);
    let a = assess(p, &book());
    match &a.region_loss {
        RegionLossOutcome::Checked {
            status, az_loss, ..
        } => {
            assert_eq!(*status, Status::Burst);
            assert_eq!(*az_loss, Status::Over);
        }
        other => panic!("{other:?}"),
    }
    // With traffic, the secondary Region needs us-west-2 endpoint GB prices, which the
    // built-in book lacks: an error naming the Region and the component.
    let s = sc(&src.replace("gb_per_month_per_spoke = 0", "gb_per_month_per_spoke = 10"));
    let a = assess(plan(&s, "distributed"), &book());
    let Some(Err(m)) = &a.eval else {
        panic!("expected a pricing error")
    };
    assert!(
        m.contains("us-west-2") && m.contains("interface_endpoint_gb"),
        "{m}"
    );
}

const PROVIDER: &str = r#"
name = "gp-provider"
region = "us-east-1"
[failover]
mode = "active-passive"
regions = ["us-east-1", "us-west-2"]
role = "provider"
nlcu_per_hour = 2
"#;

#[test]
fn provider_prices_nlbs_in_both_regions() {
    let s = sc(PROVIDER);
    let ps = plans(&s, &book().quotas);
    assert_eq!(ps.len(), 1);
    assert_eq!(ps[0].design, "provider");
    let p = ps.into_iter().next().unwrap();
    // us-east-1 NLB 730 × 0.0225 = 16.425 + 2 NLCU × 730 × 0.006 = 8.76;
    // us-west-2 standby NLB 16.425 (no NLCU; us-east-1's figure, unverified); ARC 1,825;
    // 2 health checks free (first 50); provider PHZ 0.50 → 1,867.11
    let e = evaluate(&p.scenario, &book()).unwrap();
    assert_eq!(e.monthly, dec!(1867.11));
    // Everything is the provider's: ARC, health checks and the failover zone included.
    assert!(p.scenario.resources.iter().all(|r| r.account == "provider"));
    let kinds: Vec<&str> = p
        .scenario
        .resources
        .iter()
        .map(|r| crate::rules::of(&r.kind).table)
        .collect();
    assert!(kinds.contains(&"arc_cluster") && kinds.contains(&"health_check"));
    let a = assess(p, &book());
    // NLBs have no limit in the profile: nothing to exceed in the failed-over state.
    assert_eq!(a.region_loss.status(), Some(Status::Ok));
    // The month with us-east-1 lost: both NLBs still billed, the 2 NLCUs on us-west-2's:
    // the same 1,867.11.
    match &a.failover_month {
        FailoverMonth::Priced { lost, eval, .. } => {
            assert_eq!(lost, "us-east-1");
            assert_eq!(eval.monthly, dec!(1867.11));
        }
        other => panic!("{other:?}"),
    }
    // Without standby NLBs the consumers have nothing to fail over to.
    let s = sc(&PROVIDER.replace(
        "role = \"provider\"",
        "role = \"provider\"\nstandby_endpoints = false",
    ));
    let a = assess(plans(&s, &book().quotas).remove(0), &book());
    assert!(
        matches!(a.failover_month, FailoverMonth::NoPath { .. }),
        "{:?}",
        a.failover_month
    );
    assert_eq!(a.failover_month.status(), Some(Status::Down));
}

#[test]
fn break_even_of_designs_is_exact() {
    let s = sc(include_str!("../../scenarios/ecr-s3-spokes.toml"));
    let d = |n: &str| s.compare.designs.iter().find(|d| d.name == n).cloned();
    let b = book();
    // Spokes: distributed 136.40·N; centralized 715.40 + 51.50·N → N = 715.40 / 84.90
    let fd = breakeven::cost_fn(&s, &d("distributed"), Param::Spokes, &b).unwrap();
    let fc = breakeven::cost_fn(&s, &d("centralized"), Param::Spokes, &b).unwrap();
    assert_eq!(fd.value(dec!(20)), dec!(2728.00));
    assert_eq!(fc.value(dec!(20)), dec!(1745.40));
    let r = breakeven::solve(&fd, &fc, dec!(1), None);
    assert_eq!(r.at_lo, Cheaper::A);
    assert_eq!(r.crossings.len(), 1);
    let c = &r.crossings[0];
    assert_eq!(c.num * dec!(84.90), c.den * dec!(715.40));
    assert_eq!(c.at, dec!(8.426383981154299175500588928));
    assert_eq!(c.after, Cheaper::B);
    // The Profile's association tier (100 included) bends centralized at N + 1 = 100.
    assert!(fc.breakpoints().contains(&dec!(99)));
    let at150 = compile(
        &s,
        &d("centralized"),
        Scale {
            traffic: Decimal::ONE,
            spokes: Some(150),
        },
        &b.quotas,
    );
    assert_eq!(
        fc.value(dec!(150)),
        evaluate(&at150.scenario, &b).unwrap().monthly
    );
    // Traffic (x = multiple of the 10,000 GB): 2,628 + 100x vs 1,445.40 + 300x
    // → x = 1,182.60 / 200 = 5.913 → 59,130 GB/month, distributed cheaper above.
    let td = breakeven::cost_fn(&s, &d("distributed"), Param::Traffic, &b).unwrap();
    let tc = breakeven::cost_fn(&s, &d("centralized"), Param::Traffic, &b).unwrap();
    let r = breakeven::solve(&td, &tc, dec!(0), None);
    assert_eq!(r.at_lo, Cheaper::B);
    let c = &r.crossings[0];
    assert_eq!(c.num * dec!(10000) / c.den, dec!(59130));
    assert_eq!(c.after, Cheaper::A);
    // NAT vs distributed over traffic: 1,971 + 450x vs 2,628 + 100x → x = 657/350
    // = 1.877142857… → 18,771.428571… GB/month
    let tn = breakeven::cost_fn(&s, &d("nat"), Param::Traffic, &b).unwrap();
    let r = breakeven::solve(&tn, &td, dec!(0), None);
    let c = &r.crossings[0];
    assert_eq!(c.num * dec!(350), c.den * dec!(657));
    // …and over spokes NAT (121.05·N) stays cheaper than distributed (136.40·N).
    let sn = breakeven::cost_fn(&s, &d("nat"), Param::Spokes, &b).unwrap();
    let r = breakeven::solve(&sn, &fd, dec!(1), None);
    assert!(r.crossings.is_empty());
    assert_eq!(r.at_lo, Cheaper::A);
}

#[test]
fn comparison_pairs_only_valid_designs_and_counts_enis_for_the_burst() {
    let s = sc(include_str!(
        "../../scenarios/snowflake-image-pull-workload.toml"
    ));
    let c = comparison(&s, &book());
    assert_eq!(c.designs.len(), 3);
    assert_eq!(c.pairs.len(), 3);
    assert_eq!(c.traffic_gb, dec!(300330));
    // The all-interface design's S3 endpoint: 143.2 Gbps on 3 ENIs; the limits profile
    // (seed: 10 sustained, 40 burst per ENI) needs ⌈14.32⌉ = 15 and ⌈3.58⌉ = 4 ENIs.
    let d = c
        .designs
        .iter()
        .find(|a| a.plan.design == "distributed")
        .unwrap();
    let u = units_needed(d.ok().unwrap());
    let s3 = u.iter().find(|u| u.resource.ends_with(" s3")).unwrap();
    assert_eq!((s3.have, s3.at_sustained, s3.at_burst), (3, 15, 4));
    assert_relative_eq!(s3.load, 143.2, max_relative = 1e-12);
    // In the units AWS sells: one endpoint has one ENI in each of its 3 AZs, so 15 ENIs at
    // 10 Gbps are ⌈15/3⌉ = 5 endpoints in those AZs (or 15 AZs), 4 within the burst
    // ⌈4/3⌉ = 2 endpoints (6 ENIs).
    assert!(s3.short());
    assert_eq!((s3.azs, s3.per_az), (3, 1));
    assert_eq!(s3.have_words(), "1 endpoint × 3 AZs (one ENI each)");
    assert!(
        s3.need_words(false)
            .starts_with("5 endpoints in its 3 AZs (15 ENIs at 10 Gbps each), or 15 AZs"),
        "{}",
        s3.need_words(false)
    );
    assert!(
        s3.need_words(true)
            .starts_with("2 endpoints in its 3 AZs (6 ENIs at 40 Gbps each)"),
        "{}",
        s3.need_words(true)
    );
    // NAT: 145.7 Gbps over 3 gateways; a NAT gateway scales from 5 to 100 Gbps by itself,
    // so only ⌈145.7/100⌉ = 2 counts: the 3 it has are enough (not "30 NAT gateways").
    let n = c.designs.iter().find(|a| a.plan.design == "nat").unwrap();
    let u = units_needed(n.ok().unwrap());
    assert_eq!((u[0].have, u[0].at_sustained, u[0].at_burst), (3, 30, 2));
    assert_eq!(u[0].needed(false), 2);
    assert!(!u[0].short());
    assert!(
        u[0].need_words(false)
            .starts_with("2 NAT gateways (100 Gbps each")
    );
    let s = sc(include_str!("../../scenarios/s3-single-vpc-workload.toml"));
    let c = comparison(&s, &book());
    assert_eq!(c.pairs.len(), 1); // gateway-only and nat are invalid
    assert_eq!(c.pairs[0].a, "gateway-where-possible");
}

#[test]
fn workload_scenario_parse_errors_name_file_line_and_key() {
    let b = book();
    let err = |src: &str| parse_scenario("w.toml", src, &b).unwrap_err().to_string();
    let e = err(&TWO_SERVICES.replace(r#"["nat", "distributed"]"#, r#"["nat", "hub"]"#));
    assert!(
        e.contains("w.toml:11:")
            && e.contains("`compare.designs`")
            && e.contains("unknown design `hub`"),
        "{e}"
    );
    let e = err(&TWO_SERVICES.replace(
        "[compare]",
        "[workload.traffic.s3]\ngb_per_month_per_spoke = 1\n[compare]",
    ));
    assert!(
        e.contains("`workload.traffic.s3`") && e.contains("not in `services`"),
        "{e}"
    );
    let e = err(&format!("{TWO_SERVICES}\n[expect]\nmonthly_usd = \"1\"\n"));
    assert!(e.contains("[expect.designs.nat]"), "{e}");
    let e = err(&format!(
        "{TWO_SERVICES}\n[expect.designs.centralized]\nmonthly_usd = \"1\"\n"
    ));
    assert!(e.contains("design `centralized` is not compiled"), "{e}");
    let e = err(&TWO_SERVICES.replace("azs = 3\n", ""));
    assert!(e.contains("missing key `azs`"), "{e}");
    let e = err(&TWO_SERVICES.replace("spokes = 4", "spokes = 4\nbogus = 1"));
    assert!(
        e.contains("unknown key `bogus` in [workload]") && e.contains("w.toml:"),
        "{e}"
    );
    let e = err(&FAILOVER.replace(
        r#"["us-east-1", "us-west-2"]"#,
        r#"["us-east-1", "us-east-1"]"#,
    ));
    assert!(
        e.contains("`failover.regions`") && e.contains("both Regions"),
        "{e}"
    );
    let e = err(&FAILOVER
        .replace("active-passive", "active-active")
        .replace("standby_endpoints = true", "standby_endpoints = false"));
    assert!(e.contains("active-active has no standby"), "{e}");
    let e = err(&TWO_SERVICES.replace("peak_gbps_per_spoke = 0.5", "peak_gbps_per_spoke = -1"));
    assert!(
        e.contains("`workload.peak_gbps_per_spoke`") && e.contains("negative"),
        "{e}"
    );
    let e = err(&TWO_SERVICES.replace("= 100\n", "= 2e12\n"));
    assert!(
        e.contains("`workload.gb_per_month_per_spoke`") && e.contains("zettabyte"),
        "{e}"
    );
    let e = err(&HUB.replace("[compare]", "[workload.traffic.sts]\ngb_per_month_per_spoke = 1\n[workload.traffic.kms]\ngb_per_month_per_spoke = 1\n[compare]"));
    assert!(e.contains("would be ignored"), "{e}");
}

#[test]
fn per_service_shares_split_the_workload_figures_exactly() {
    // 100 GB over 3 services without their own figure: 33.33…, 33.33…, 33.34… (exact sum)
    let s = sc(r#"
name = "w"
region = "us-east-1"
[workload]
azs = 2
services = ["a", "b", "c", "d"]
gb_per_month_per_spoke = 100
[workload.traffic.d]
gb_per_month_per_spoke = 7
"#);
    let w = s.workload.as_ref().unwrap();
    assert_eq!(w.spokes, 1);
    let total: Decimal = w.services.iter().map(|x| x.gb_per_month_per_spoke).sum();
    assert_eq!(total, dec!(107));
    assert_eq!(w.services[3].gb_per_month_per_spoke, dec!(7));
    // the default designs are the issue's four
    let names: Vec<_> = s.compare.designs.iter().map(|d| d.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "nat",
            "distributed",
            "centralized",
            "gateway-where-possible"
        ]
    );
}

#[test]
fn every_shipped_workload_scenario_compiles_without_panics_at_any_scale() {
    for (name, src) in [
        ("ecr", include_str!("../../scenarios/ecr-s3-spokes.toml")),
        (
            "gp",
            include_str!("../../scenarios/global-payments-failover-workload.toml"),
        ),
        (
            "ses",
            include_str!("../../scenarios/ses-smtp-workload.toml"),
        ),
    ] {
        let s = sc(src);
        for d in names(&s) {
            for spokes in [1u64, 2, 1000] {
                for t in [dec!(0), dec!(0.5), dec!(1000000)] {
                    let p = compile(
                        &s,
                        &d,
                        Scale {
                            traffic: t,
                            spokes: Some(spokes),
                        },
                        &book().quotas,
                    );
                    assert!(p.scenario.name.starts_with(&s.name), "{name}");
                }
            }
        }
    }
}
