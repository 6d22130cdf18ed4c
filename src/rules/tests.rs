//! The rule table is complete: every kind the parser reads has a rule, every rule's
//! components and keys exist where they must, every component has a price.

use super::*;
use crate::pricing::PriceBook;
use crate::scenario::{keys, parse_scenario};

/// One block of every table the parser knows, with the options that change a kind's
/// charges (existing attachments, both transfer kinds, both check types).
const EVERY_TABLE: &str = r#"
region = "us-east-1"
[[interface_endpoint]]
service = "s3"
azs = 2
[[gateway_endpoint]]
service = "s3"
[[gwlb_endpoint]]
[[nat_gateway]]
[[tgw_attachment]]
[[tgw_attachment]]
existing = true
[[resolver_endpoint]]
direction = "inbound"
[[hosted_zone]]
[[health_check]]
type = "aws"
[[health_check]]
type = "non-aws"
[[data_transfer]]
kind = "cross-az"
gb_per_month = 1
[[data_transfer]]
kind = "inter-region"
to_region = "us-west-2"
gb_per_month = 1
[[arc_cluster]]
[[route53_profile]]
[[nlb]]
[[regional_nat_gateway]]
azs = 2
[[resource_gateway]]
[[resource_configuration]]
service_network_associations = 1
[[resource_endpoint]]
azs = 2
gb_per_month = 1
[[service_network_endpoint]]
azs = 2
gb_per_month = 1
[[lattice_service]]
requests_per_month = 1
[[direct_connect]]
port_speed = "1G"
location = "EqDC2"
gb_per_month = 1
[[vpn_connection]]
"#;

fn book() -> PriceBook {
    PriceBook::builtin().expect("book")
}

#[test]
fn every_table_the_parser_reads_has_its_rule_and_every_rule_a_table() {
    let s = parse_scenario("every.toml", EVERY_TABLE, &book()).expect("parses");
    for r in &s.resources {
        let rule = of(&r.kind);
        assert!(
            r.block.starts_with(&format!("{}[", rule.table)),
            "{} has the rule of {}",
            r.block,
            rule.table
        );
    }
    for rule in ALL {
        assert!(
            s.resources.iter().any(|r| of(&r.kind).table == rule.table),
            "no block of table {} in the test scenario (or the parser does not read it)",
            rule.table
        );
        assert_eq!(by_table(rule.table).map(|r| r.table), Some(rule.table));
    }
    let mut t: Vec<&str> = tables().collect();
    t.sort();
    t.dedup();
    assert_eq!(t.len(), ALL.len(), "two rules share a table");
}

#[test]
fn fast_keys_are_keys_of_their_table() {
    for rule in ALL {
        for (k, _) in rule.fast_keys {
            assert!(
                keys::table(rule.table).and_then(|t| t.key(k)).is_some(),
                "{}.{k} is not a key of the table",
                rule.table
            );
        }
    }
}

#[test]
fn every_component_is_charged_by_a_rule_and_priced_in_us_east_1_or_global() {
    let s = parse_scenario("every.toml", EVERY_TABLE, &book()).expect("parses");
    let b = book();
    for c in Component::ALL {
        let charged = s.resources.iter().any(|r| {
            (of(&r.kind).charges)(&r.kind)
                .iter()
                .any(|ch| ch.component == *c && of(&r.kind).table == c.info().table)
        });
        assert!(charged, "component {} is charged by no rule", c.id());
        let variant = c.sample_variant();
        let unpriced = UNPRICED.iter().any(|(u, _)| u == c);
        // Global components are priced under the book's `global` Region, the others in
        // us-east-1.
        let region = if c.is_global() {
            crate::pricing::GLOBAL
        } else {
            "us-east-1"
        };
        assert_eq!(
            b.has(region, c.id(), variant),
            !unpriced,
            "the built-in book's {region} price for {} (listed unpriced: {unpriced})",
            c.id()
        );
        assert_eq!(Component::parse(c.id()), Some(*c));
        // The book's unit for the component is the rule's.
        for row in b.ladder(region, c.id(), variant).unwrap_or_default() {
            assert_eq!(row.unit, c.info().unit, "{}", c.id());
        }
    }
}

#[test]
fn quantities_by_hand() {
    use rust_decimal_macros::dec;
    let n = Nums {
        count: 3,
        azs: 2,
        gb: dec!(10.5),
        peak_gbps: 0.0,
        queries: dec!(2500000),
        peak_qps: 0.0,
        nlcu: dec!(1.5),
        assoc: 120,
        features: 2,
        ips: 4,
        sides: 2,
        resp: dec!(0.25),
        conns: 0.0,
        copies: 1,
        controls: 0,
    };
    let h = dec!(730);
    let q = |x: Qty| x.of(&n, h).unwrap();
    assert_eq!(q(Qty::AzHours), dec!(4380)); // 3 × 2 × 730
    assert_eq!(q(Qty::UnitHours), dec!(2190)); // 3 × 730
    assert_eq!(q(Qty::GbSides), dec!(21)); // 10.5 × 2
    assert_eq!(q(Qty::IpHours), dec!(8760)); // 3 × 4 × 730
    assert_eq!(q(Qty::MillionQueries), dec!(2.5));
    assert_eq!(q(Qty::Features), dec!(6));
    assert_eq!(q(Qty::NlcuHours), dec!(3285)); // 3 × 1.5 × 730
    assert_eq!(q(Qty::AssocHours), dec!(262800)); // 3 × 120 × 730
    // 3 services × 730 h × 300,000 free = 657,000,000 free requests
    let lattice = |r: Decimal| {
        Qty::BillableMillionRequests
            .of(&Nums { queries: r, ..n }, h)
            .unwrap()
    };
    assert_eq!(lattice(dec!(657000000)), dec!(0));
    assert_eq!(lattice(dec!(1000)), dec!(0));
    assert_eq!(lattice(dec!(1657000000.5)), dec!(1000.0000005)); // (1,657,000,000.5 − 657,000,000) / 10^6
    // A cross-Region endpoint's 10.5 GB: 25 % responses (2.625), 75 % requests (7.875).
    assert_eq!(q(Qty::GbResponses), dec!(2.625));
    assert_eq!(q(Qty::GbRequests), dec!(7.875));
    // 7 IPs over 3 AZs: 3, 2, 2 — 7 in all, 3 in the fullest
    let r = Nums {
        count: 1,
        ips: 7,
        azs: 3,
        ..n
    };
    assert_eq!(Units::Ips.per_az(&r), vec![3, 2, 2]);
    assert_eq!(Units::Ips.layout(&r), (7, 3));
    assert_eq!(Units::PerAz.layout(&n), (6, 3));
    assert_eq!(Units::RoundRobin.layout(&n), (3, 2));
}

#[test]
fn limit_ids_are_in_both_profiles() {
    let b = book();
    // The ids the book accepts are the ids the rules check against, no more.
    let mut ids: Vec<&str> = limit_ids().collect();
    let mut accepted = crate::pricing::limits::LIMIT_RESOURCES.to_vec();
    ids.sort_unstable();
    ids.dedup();
    accepted.sort_unstable();
    assert_eq!(ids, accepted);
    for id in limit_ids() {
        for profile in ["seed", "current"] {
            assert!(
                b.limits.get(profile, id).is_ok(),
                "no limit {id} in profile {profile}"
            );
        }
    }
    // A Direct Connect block is checked against its port's limit.
    let dx = Kind::DirectConnect {
        port: "hosted-500M",
        location: "EqDC2".into(),
        existing: false,
    };
    let cap = of(&dx).capacity.unwrap();
    assert_eq!(cap.limit_id(&dx), "direct_connect_hosted_500m");
    assert_eq!(
        b.limits.get("seed", cap.limit_id(&dx)).unwrap().sustained,
        0.5
    );
}

#[test]
fn global_kinds_charge_global_components_only() {
    // A kind is global exactly when every one of its charges is a global component, and
    // the table names agree with the kinds.
    let s = parse_scenario("every.toml", EVERY_TABLE, &book()).expect("parses");
    for r in &s.resources {
        let charges = (of(&r.kind).charges)(&r.kind);
        for c in charges {
            assert_eq!(
                c.component.is_global(),
                is_global(&r.kind),
                "{} charges {}",
                r.block,
                c.component.id()
            );
        }
        assert_eq!(table_is_global(of(&r.kind).table), is_global(&r.kind));
        // The parser books global blocks under the book's `global` Region.
        assert_eq!(
            r.region == crate::pricing::GLOBAL,
            is_global(&r.kind),
            "{}",
            r.block
        );
    }
}

#[test]
fn quota_uses_count_in_their_quotas_scope_and_every_quota_is_used() {
    use crate::pricing::{Quota, Scope};
    let mut used = std::collections::BTreeSet::new();
    for r in ALL {
        for u in r.quotas {
            used.insert(u.quota);
            let ok = matches!(
                (u.counted, u.quota.scope()),
                (Counted::PerVpc, Scope::Vpc)
                    | (Counted::PerAz, Scope::Az)
                    | (Counted::Units, Scope::AccountRegion | Scope::Account)
                    | (Counted::Tgws, Scope::AccountRegion)
                    | (Counted::PerTgw, Scope::Resource("transit-gateway"))
                    | (
                        Counted::AssocPerUnit | Counted::Ips | Counted::ControlsPerUnit,
                        Scope::Resource(_)
                    )
            );
            assert!(
                ok,
                "{}: {:?} does not count in the scope of {}",
                r.table,
                u.counted,
                u.quota.id()
            );
        }
    }
    for q in Quota::ALL {
        assert!(used.contains(q), "no rule uses quota {}", q.id());
    }
}
