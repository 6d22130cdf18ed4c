//! Who pays what (issue 11), computed by hand (arithmetic in the comments): global prices,
//! accounts and their totals, consolidated vs separate billing across tier boundaries,
//! the Global Payments provider and consumer bills, cross-Region endpoints' transfer, NAT
//! connections per destination, SES API traffic, and the errors of bad account input.

use proptest::prelude::*;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;
use vpceplan::accounts::AccountCost;
use vpceplan::designs::compare::{FailoverMonth, assess};
use vpceplan::designs::plans;
use vpceplan::engine::{Evaluation, Status, evaluate};
use vpceplan::pricing::PriceBook;
use vpceplan::scenario::{Kind, Scenario, parse_scenario};

fn book() -> PriceBook {
    PriceBook::builtin().expect("book")
}

fn sc(src: &str) -> Scenario {
    parse_scenario("t.toml", src, &book()).unwrap_or_else(|e| panic!("{e}"))
}

fn eval(src: &str) -> Evaluation {
    evaluate(&sc(src), &book()).unwrap_or_else(|e| panic!("{e}"))
}

fn err(src: &str) -> String {
    match parse_scenario("t.toml", src, &book()) {
        Ok(_) => panic!("expected an error"),
        Err(e) => e.to_string(),
    }
}

fn account<'a>(e: &'a Evaluation, id: &str) -> &'a AccountCost {
    e.accounts
        .iter()
        .find(|a| a.id == id)
        .unwrap_or_else(|| panic!("no account {id} in {:?}", e.accounts))
}

fn component(e: &Evaluation, c: &str) -> Decimal {
    e.lines
        .iter()
        .filter(|l| l.component == c)
        .map(|l| l.monthly)
        .sum()
}

/// The design `name` of a workload scenario, evaluated.
fn design(s: &Scenario, name: &str) -> Evaluation {
    let p = plans(s, &book().quotas)
        .into_iter()
        .find(|p| p.design == name)
        .unwrap_or_else(|| panic!("no design {name}"));
    evaluate(&p.scenario, &book()).unwrap_or_else(|e| panic!("{e}"))
}

/// Accounts add up to the design's total, both ways, to the last digit.
fn adds_up(e: &Evaluation) {
    let blended: Decimal = e.accounts.iter().map(|a| a.monthly).sum();
    let unblended: Decimal = e.accounts.iter().map(|a| a.unblended).sum();
    assert_eq!(blended, e.monthly, "{:?}", e.accounts);
    assert_eq!(unblended, e.monthly, "{:?}", e.accounts);
}

// ---- global prices ----

#[test]
fn global_services_price_in_any_region_and_book_under_global() {
    // eu-west-1: one NAT gateway 730 × 0.048 = 35.04; one private hosted zone 0.50
    // (global: Route 53 has no Regional price) → 35.54.
    let e = eval(
        "region = \"eu-west-1\"\n[[nat_gateway]]\ncount = 1\n[[hosted_zone]]\ncount = 1\n\
         [[health_check]]\ncount = 1\n[[arc_cluster]]\ncount = 1\n",
    );
    assert_eq!(component(&e, "nat_gateway_hour"), dec!(35.04));
    assert_eq!(component(&e, "hosted_zone_month"), dec!(0.50));
    // one AWS health check: within the 50 free → 0; ARC 730 × 2.50 = 1,825.00
    assert_eq!(component(&e, "health_check_month"), dec!(0));
    assert_eq!(component(&e, "arc_cluster_hour"), dec!(1825.00));
    assert_eq!(e.monthly, dec!(1860.54)); // 35.04 + 0.50 + 0 + 1,825
    for l in &e.lines {
        let global = matches!(
            l.component.as_str(),
            "hosted_zone_month" | "health_check_month" | "arc_cluster_hour"
        );
        assert_eq!(l.region == "global", global, "{l:?}");
    }
    // The per-AZ view books them under `global/`.
    assert_eq!(e.per_az.get("global/"), Some(&dec!(1825.50)));
}

#[test]
fn a_global_block_given_a_region_is_an_error_naming_the_key() {
    let m = err("region = \"us-east-1\"\n[[hosted_zone]]\ncount = 1\nregion = \"eu-west-1\"\n");
    assert!(m.contains("t.toml:4") || m.contains("t.toml"), "{m}");
    assert!(m.contains("region") && m.contains("global"), "{m}");
    let m = err("region = \"us-east-1\"\n[[arc_cluster]]\nregion = \"us-west-2\"\n");
    assert!(m.contains("arc_cluster") && m.contains("global"), "{m}");
}

// ---- accounts ----

const TWO_ACCOUNTS: &str = r#"
region = "us-east-1"
[accounts]
names = ["network", "app"]
[[interface_endpoint]]
service = "sts"
azs = 2
gb_per_month = 100
[[interface_endpoint]]
service = "kms"
azs = 1
gb_per_month = 300
account = "app"
[[hosted_zone]]
count = 2
account = "app"
[[nat_gateway]]
count = 1
account = "app"
"#;

#[test]
fn line_items_carry_their_account_and_accounts_add_up() {
    let e = eval(TWO_ACCOUNTS);
    // network (the default, first named): sts 2 AZ × 730 × 0.01 = 14.60; 100 GB × 0.01 = 1.00
    //   → 15.60
    // app: kms 730 × 0.01 = 7.30; 300 GB × 0.01 = 3.00; 2 zones × 0.50 = 1.00;
    //   NAT 730 × 0.045 = 32.85 → 44.15
    // total 59.75
    assert_eq!(e.monthly, dec!(59.75));
    assert_eq!(account(&e, "network").monthly, dec!(15.60));
    assert_eq!(account(&e, "app").monthly, dec!(44.15));
    // hourly = monthly / 730: 15.60 / 730 = 0.02136986...
    assert_eq!(account(&e, "network").hourly, dec!(15.60) / dec!(730));
    adds_up(&e);
    for l in &e.lines {
        let want = if l.block == "interface_endpoint[0]" {
            "network"
        } else {
            "app"
        };
        assert_eq!(l.account, want, "{l:?}");
    }
    // Declaration order is report order.
    let ids: Vec<&str> = e.accounts.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["network", "app"]);
}

#[test]
fn a_scenario_without_accounts_has_one_main_account() {
    let e = eval(include_str!("../../scenarios/console-private-access.toml"));
    assert_eq!(e.accounts.len(), 1);
    assert_eq!(e.accounts[0].id, "main");
    assert_eq!(e.accounts[0].monthly, dec!(212.20));
    adds_up(&e);
}

/// Two accounts each sending 600,000 GB through one interface endpoint in one AZ.
fn across_the_tier(billing: &str) -> Evaluation {
    eval(&format!(
        "region = \"us-east-1\"\n[accounts]\nnames = [\"a\", \"b\"]\nbilling = \"{billing}\"\n\
         [[interface_endpoint]]\nservice = \"s3\"\nazs = 1\ngb_per_month = 600000\naccount = \"a\"\n\
         [[interface_endpoint]]\nservice = \"s3\"\nazs = 1\ngb_per_month = 600000\naccount = \"b\"\n\
         [[hosted_zone]]\ncount = 20\naccount = \"a\"\n[[hosted_zone]]\ncount = 20\naccount = \"b\"\n"
    ))
}

#[test]
fn consolidated_billing_tiers_the_organizations_total_and_separate_each_accounts() {
    // Consolidated (one Organization): 1,200,000 GB on one ladder:
    //   1,048,576 × 0.01 = 10,485.76; 151,424 × 0.006 = 908.544 → 11,394.304
    //   40 zones on one ladder: 25 × 0.50 + 15 × 0.10 = 14.00
    //   hours 2 × 730 × 0.01 = 14.60 → 11,422.904 → 11,422.90
    let c = across_the_tier("consolidated");
    assert_eq!(component(&c, "interface_endpoint_gb"), dec!(11394.304));
    assert_eq!(component(&c, "hosted_zone_month"), dec!(14.00));
    assert_eq!(c.monthly, dec!(11422.904));
    // Blended: each account used half of each ladder → half of each: 11,422.904 / 2.
    assert_eq!(account(&c, "a").monthly, dec!(5711.452));
    assert_eq!(account(&c, "b").monthly, dec!(5711.452));
    // Unblended: the tiers laid over the blocks in file order: a's 600,000 GB all in
    // tier 1 (6,000) and its 20 zones at 0.50 (10.00); b's GB 448,576 × 0.01 = 4,485.76 +
    // 151,424 × 0.006 = 908.544, its zones 5 × 0.50 + 15 × 0.10 = 4.00.
    assert_eq!(account(&c, "a").unblended, dec!(6017.30)); // 6,000 + 10 + 7.30
    assert_eq!(account(&c, "b").unblended, dec!(5405.604)); // 5,394.304 + 4 + 7.30
    adds_up(&c);
    // Separate: each account on its own ladders: 600,000 × 0.01 = 6,000; 20 zones × 0.50
    // = 10; 7.30 → 6,017.30 each, 12,034.60 in all: 611.696 more than consolidated.
    let s = across_the_tier("separate");
    assert_eq!(s.monthly, dec!(12034.60));
    assert_eq!(account(&s, "a").monthly, dec!(6017.30));
    assert_eq!(account(&s, "b").monthly, dec!(6017.30));
    adds_up(&s);
    assert_eq!(s.monthly - c.monthly, dec!(611.696));
}

#[test]
fn hub_and_spoke_accounts_split_the_centralized_design() {
    // ecr-s3-spokes (20 spokes, 3 AZs, 6 services, 10,000 GB) with hub-and-spoke accounts.
    let src = include_str!("../../scenarios/ecr-s3-spokes.toml").replace(
        "dns_queries_per_month = 0",
        "dns_queries_per_month = 0\naccounts = \"hub-and-spoke\"",
    );
    let s = sc(&src);
    let e = design(&s, "centralized");
    // Same total as with one account: 1,745.40 (consolidated; no tier is crossed).
    assert_eq!(e.monthly, dec!(1745.40));
    // network: hub endpoints 6 × 3 AZ × 730 × 0.01 = 131.40; 10,000 GB × 0.01 = 100.00;
    //   its own TGW attachment 730 × 0.05 = 36.50; TGW data it sends (the responses,
    //   response_share 0.5): 5,000 GB × 0.02 = 100.00; Route 53 Profile 730 × 0.75 =
    //   547.50 → 915.40
    // spoke (20 accounts): 20 attachments × 730 × 0.05 = 730.00; their requests 5,000 GB ×
    //   0.02 = 100.00 → 830.00, 41.50 each
    assert_eq!(account(&e, "network").monthly, dec!(915.40));
    let spoke = account(&e, "spoke");
    assert_eq!(spoke.copies, 20);
    assert_eq!(spoke.monthly, dec!(830.00));
    assert_eq!(spoke.each(), dec!(41.50));
    adds_up(&e);
    // Distributed: every endpoint is in a spoke: 2,728.00, all the spokes' (136.40 each).
    let d = design(&s, "distributed");
    assert_eq!(d.monthly, dec!(2728.00));
    assert_eq!(account(&d, "spoke").monthly, dec!(2728.00));
    assert_eq!(account(&d, "spoke").each(), dec!(136.40));
    assert_eq!(account(&d, "network").monthly, dec!(0));
    adds_up(&d);
}

#[test]
fn separate_billing_of_per_spoke_accounts_tiers_each_spoke_alone() {
    // 2 spokes, 1 AZ, one service, 800,000 GB per spoke: distributed puts one endpoint in
    // each spoke account.
    let src = |billing: &str| {
        format!(
            "name = \"t\"\nregion = \"us-east-1\"\n[accounts]\nbilling = \"{billing}\"\n\
             [workload]\nspokes = 2\nazs = 1\nservices = [\"sts\"]\n\
             gb_per_month_per_spoke = 800000\naccounts = \"hub-and-spoke\"\n\
             [compare]\ndesigns = [\"distributed\"]\n"
        )
    };
    // Consolidated: 1,600,000 GB on one ladder: 10,485.76 + 551,424 × 0.006 = 3,308.544 →
    // 13,794.304; hours 2 × 730 × 0.01 = 14.60 → 13,808.904
    let c = design(&sc(&src("consolidated")), "distributed");
    assert_eq!(c.monthly, dec!(13808.904));
    // Separate: each spoke 800,000 × 0.01 = 8,000 + 7.30 → 8,007.30; 16,014.60 in all.
    let s = design(&sc(&src("separate")), "distributed");
    assert_eq!(s.monthly, dec!(16014.60));
    assert_eq!(account(&s, "spoke").each(), dec!(8007.30));
    adds_up(&c);
    adds_up(&s);
}

#[test]
fn bad_account_input_names_file_line_and_key() {
    // A block naming an undeclared account.
    let m = err(
        "region = \"us-east-1\"\n[accounts]\nnames = [\"a\"]\n[[nat_gateway]]\naccount = \"b\"\n",
    );
    assert!(
        m.contains("t.toml:5") && m.contains("nat_gateway[0].account") && m.contains("`b`"),
        "{m}"
    );
    // A default that is not declared.
    let m = err("region = \"us-east-1\"\n[accounts]\nnames = [\"a\"]\ndefault = \"z\"\n");
    assert!(
        m.contains("t.toml:4") && m.contains("accounts.default"),
        "{m}"
    );
    // An account listed twice.
    let m = err("region = \"us-east-1\"\n[accounts]\nnames = [\"a\", \"a\"]\n");
    assert!(m.contains("accounts.names") && m.contains("twice"), "{m}");
    // An unknown billing.
    let m = err("region = \"us-east-1\"\n[accounts]\nbilling = \"shared\"\n");
    assert!(m.contains("accounts.billing"), "{m}");
    // A block assigned to the per-spoke accounts of a layout.
    let m = err(
        "region = \"us-east-1\"\n[workload]\nspokes = 2\nazs = 1\nservices = [\"sts\"]\n\
         accounts = \"hub-and-spoke\"\n[[nat_gateway]]\naccount = \"spoke\"\n",
    );
    assert!(
        m.contains("nat_gateway[0].account") && m.contains("per spoke"),
        "{m}"
    );
}

// ---- cross-Region PrivateLink ----

#[test]
fn a_cross_region_endpoint_pays_inter_region_transfer_each_way() {
    let e = eval(
        "region = \"us-east-1\"\n[accounts]\nnames = [\"consumer\"]\n\
         [[interface_endpoint]]\nservice = \"payments\"\nservice_region = \"us-west-2\"\n\
         azs = 2\ngb_per_month = 1000\nresponse_share = 0.25\n",
    );
    // hours 2 AZ × 730 × 0.01 = 14.60; GB 1,000 × 0.01 = 10.00 (no premium);
    // requests 750 GB us-east-1 → us-west-2 × 0.02 = 15.00;
    // responses 250 GB us-west-2 → us-east-1 × 0.02 = 5.00 → 44.60
    assert_eq!(e.monthly, dec!(44.60));
    let transfer: Vec<_> = e
        .lines
        .iter()
        .filter(|l| l.component == "inter_region_gb")
        .map(|l| {
            (
                l.region.as_str(),
                l.variant.as_str(),
                l.quantity,
                l.monthly,
                l.account.as_str(),
            )
        })
        .collect();
    assert_eq!(
        transfer,
        vec![
            ("us-east-1", "us-west-2", dec!(750), dec!(15.00), "consumer"),
            ("us-west-2", "us-east-1", dec!(250), dec!(5.00), "consumer"),
        ]
    );
    // The same endpoint in its service's Region pays no transfer: 24.60.
    let same = eval(
        "region = \"us-east-1\"\n[[interface_endpoint]]\nservice = \"payments\"\nazs = 2\n\
         gb_per_month = 1000\n",
    );
    assert_eq!(same.monthly, dec!(24.60));
    // service_region equal to the endpoint's Region, and response_share without a
    // service_region, are errors naming the key.
    let m = err(
        "region = \"us-east-1\"\n[[interface_endpoint]]\nservice = \"x\"\nazs = 1\n\
         service_region = \"us-east-1\"\n",
    );
    assert!(m.contains("interface_endpoint[0].service_region"), "{m}");
    let m = err(
        "region = \"us-east-1\"\n[[interface_endpoint]]\nservice = \"x\"\nazs = 1\n\
         response_share = 0.3\n",
    );
    assert!(m.contains("interface_endpoint[0].response_share"), "{m}");
}

// ---- the Global Payments pattern, by role ----

#[test]
fn global_payments_consumer_pays_its_endpoints_and_zones_not_arc() {
    let e = eval(include_str!(
        "../../scenarios/global-payments-failover-consumer.toml"
    ));
    // 4 sets × 2 AZ × 730 × 0.01 = 58.40; 2,000 GB × 0.01 = 20.00; 2 zones × 0.50 = 1.00
    assert_eq!(e.monthly, dec!(79.40));
    assert_eq!(component(&e, "arc_cluster_hour"), dec!(0));
    assert!(
        e.lines
            .iter()
            .all(|l| l.component != "arc_cluster_hour" && l.component != "health_check_month")
    );
    assert_eq!(account(&e, "consumer").monthly, dec!(79.40));

    let s = sc(include_str!(
        "../../scenarios/global-payments-failover-workload.toml"
    ));
    let p = plans(&s, &book().quotas)
        .into_iter()
        .find(|p| p.design == "distributed")
        .unwrap();
    assert!(
        p.scenario
            .resources
            .iter()
            .all(|r| !matches!(r.kind, Kind::ArcCluster { .. }) && r.account == "consumer")
    );
    let a = assess(p, &book());
    let normal = a.eval.clone().unwrap().unwrap();
    assert_eq!(normal.monthly, dec!(79.40));
    // A month with the provider's us-east-1 lost: the us-east-1 VPC reaches the us-west-2
    // service through its cross-Region set: + 1,000 GB × 0.02 each way = 40.00 → 119.40.
    match &a.failover_month {
        FailoverMonth::Priced {
            lost,
            eval,
            transfer_gb,
        } => {
            assert_eq!(lost, "us-east-1");
            assert_eq!(eval.monthly, dec!(119.40));
            assert_eq!(*transfer_gb, dec!(2000));
            assert_eq!(eval.status, Status::Ok);
            assert_eq!(account(eval, "consumer").monthly, dec!(119.40));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn global_payments_provider_pays_nlbs_arc_health_checks_and_the_failover_zone() {
    let s = sc(include_str!(
        "../../scenarios/global-payments-failover-provider.toml"
    ));
    let e = design(&s, "provider");
    // NLBs 2 × 730 × 0.0225 = 32.85; 2.74 NLCU × 730 × 0.006 = 12.0012;
    // ARC 730 × 2.50 = 1,825; 2 health checks free; 1 zone 0.50 → 1,870.3512
    assert_eq!(component(&e, "nlb_hour"), dec!(32.85));
    assert_eq!(component(&e, "nlb_nlcu_hour"), dec!(12.0012));
    assert_eq!(component(&e, "arc_cluster_hour"), dec!(1825));
    assert_eq!(component(&e, "hosted_zone_month"), dec!(0.50));
    assert_eq!(e.monthly, dec!(1870.3512));
    assert_eq!(account(&e, "provider").monthly, e.monthly);
    // The two bills together: 79.40 + 1,870.3512 = 1,949.7512 (the old single-party
    // figure 1,904.40 had the ARC but no NLBs).
}

#[test]
fn a_consumer_given_arc_or_a_provider_without_nlbs_is_an_error() {
    let consumer = include_str!("../../scenarios/global-payments-failover-workload.toml").replace(
        "cross_region_sets = true",
        "cross_region_sets = true\narc = true",
    );
    let m = err(&consumer);
    assert!(m.contains("failover.arc") && m.contains("provider"), "{m}");
    let provider = include_str!("../../scenarios/global-payments-failover-provider.toml")
        .replace("nlbs_per_region = 1", "nlbs_per_region = 0");
    let m = err(&provider);
    assert!(m.contains("failover.nlbs_per_region"), "{m}");
}

// ---- NAT connections per destination, SES API ----

#[test]
fn nat_gateways_are_checked_against_55000_connections_per_destination() {
    // 120,000 connections to one destination over 2 NAT gateways: 60,000 each >
    // 55,000 → over; 100,000 → 50,000 each → ok (90.9 % used: headroom 1 − 50/55 = 9.09 %).
    let over = eval(
        "region = \"us-east-1\"\n[[nat_gateway]]\ncount = 2\nconnections_per_destination = 120000\n",
    );
    assert_eq!(over.status, Status::Over);
    let ok = eval(
        "region = \"us-east-1\"\n[[nat_gateway]]\ncount = 2\nconnections_per_destination = 100000\n",
    );
    assert_eq!(ok.status, Status::Ok);
    let row = ok
        .capacity
        .iter()
        .find(|c| c.limit == "nat_gateway_connections")
        .expect("a connections row");
    approx::assert_relative_eq!(row.load, 50000.0, max_relative = 1e-12);
    // No count given: no connections row (the check does not apply).
    let none = eval("region = \"us-east-1\"\n[[nat_gateway]]\ncount = 2\n");
    assert!(
        none.capacity
            .iter()
            .all(|c| c.limit != "nat_gateway_connections")
    );
}

#[test]
fn ses_api_traffic_keeps_a_nat_path_or_invalidates_endpoint_designs() {
    let base = include_str!("../../scenarios/ses-smtp-workload.toml");
    let with = base.replace(
        "peak_gbps_per_spoke = 0.1",
        "peak_gbps_per_spoke = 0.1\nses_api_gb_per_month_per_spoke = 10",
    );
    let s = sc(&with);
    // centralized-phz: 210.90 as before, plus NAT gateways for the SES API in every spoke
    // AZ: 4 spokes × 3 AZs = 12 × 730 × 0.045 = 394.20; 4 × 10 GB × 0.045 = 1.80 → 606.90
    assert_eq!(design(&s, "centralized-phz").monthly, dec!(606.90));
    // nat: its NAT gateways carry the SES API too: 403.20 + 40 GB × 0.045 = 1.80 → 405.00
    assert_eq!(design(&s, "nat").monthly, dec!(405.00));
    // ses_api_path = "none": endpoint designs are invalid, saying why.
    let none = with.replace(
        "ses_api_gb_per_month_per_spoke = 10",
        "ses_api_gb_per_month_per_spoke = 10\nses_api_path = \"none\"",
    );
    let s = sc(&none);
    let p = plans(&s, &book().quotas)
        .into_iter()
        .find(|p| p.design == "centralized-phz")
        .unwrap();
    let why = p.invalid.expect("invalid");
    assert!(why.contains("SES API") && why.contains("SMTP"), "{why}");
}

// ---- invariants ----

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Per-account figures (blended and unblended) add up to the design total exactly,
    /// under either billing, whatever the owners and volumes; separate billing never
    /// costs less than consolidated.
    #[test]
    fn accounts_add_up_and_separate_never_costs_less(
        gb in prop::collection::vec(0u64..900_000, 3),
        zones in prop::collection::vec(1u64..40, 3),
        owners in prop::collection::vec(0usize..3, 6),
        queries in 0u64..3_000,
    ) {
        let ids = ["a", "b", "c"];
        let src = |billing: &str| {
            format!(
                "region = \"us-east-1\"\n[accounts]\nnames = [\"a\", \"b\", \"c\"]\nbilling = \"{billing}\"\n\
                 [[interface_endpoint]]\nservice = \"s3\"\nazs = 1\ngb_per_month = {}\naccount = \"{}\"\n\
                 [[interface_endpoint]]\nservice = \"sts\"\nazs = 2\ngb_per_month = {}\naccount = \"{}\"\n\
                 [[interface_endpoint]]\nservice = \"kms\"\nazs = 3\ngb_per_month = {}\naccount = \"{}\"\n\
                 [[hosted_zone]]\ncount = {}\naccount = \"{}\"\n\
                 [[hosted_zone]]\ncount = {}\naccount = \"{}\"\n\
                 [[resolver_endpoint]]\ndirection = \"inbound\"\nips = 2\nqueries_per_month = {}\naccount = \"{}\"\n",
                gb[0], ids[owners[0]], gb[1], ids[owners[1]], gb[2], ids[owners[2]],
                zones[0], ids[owners[3]], zones[1] + zones[2], ids[owners[4]],
                queries * 1_000_000, ids[owners[5]],
            )
        };
        let c = eval(&src("consolidated"));
        let s = eval(&src("separate"));
        adds_up(&c);
        adds_up(&s);
        prop_assert!(s.monthly >= c.monthly, "{} < {}", s.monthly, c.monthly);
        // Under separate billing each account's blended and unblended figures agree.
        for a in &s.accounts {
            prop_assert_eq!(a.monthly, a.unblended);
        }
        // Hourly is monthly over the month's hours.
        for a in &c.accounts {
            prop_assert_eq!(a.hourly, a.monthly / dec!(730));
        }
    }
}
