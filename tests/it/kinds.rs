//! The resource kinds and designs of issue 15 against hand arithmetic: Regional NAT
//! gateways, resource gateways and configurations, resource and service-network endpoints,
//! VPC Lattice services, Direct Connect and Site-to-Site VPN; the designs `nat-regional`,
//! `resource-endpoint`, `service-network`, `lattice-service` and the on-premises transport.
//! us-east-1 and 730 hours a month unless said otherwise; the rates are the built-in
//! book's (`pricing/prices.csv`, each row with its source).

use approx::assert_relative_eq;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;
use vpceplan::designs::breakeven::Cheaper;
use vpceplan::designs::compare::comparison;
use vpceplan::designs::{Plan, plans};
use vpceplan::engine::{Evaluation, Status, evaluate};
use vpceplan::pricing::PriceBook;
use vpceplan::scenario::{Scenario, parse_scenario};

fn book() -> PriceBook {
    PriceBook::builtin().expect("book")
}

fn sc(src: &str) -> Scenario {
    parse_scenario("t.toml", src, &book()).unwrap_or_else(|e| panic!("{e}"))
}

fn eval(src: &str) -> Evaluation {
    evaluate(&sc(src), &book()).unwrap_or_else(|e| panic!("{e}"))
}

fn component(e: &Evaluation, c: &str) -> Decimal {
    e.lines
        .iter()
        .filter(|l| l.component == c)
        .map(|l| l.monthly)
        .sum()
}

fn quantity(e: &Evaluation, c: &str) -> Decimal {
    e.lines
        .iter()
        .filter(|l| l.component == c)
        .map(|l| l.quantity)
        .sum()
}

fn plan(s: &Scenario, name: &str) -> Plan {
    plans(s, &book().quotas)
        .into_iter()
        .find(|p| p.design == name)
        .unwrap_or_else(|| panic!("no design {name}"))
}

fn monthly(p: &Plan) -> Decimal {
    evaluate(&p.scenario, &book())
        .unwrap_or_else(|e| panic!("{}: {e}", p.design))
        .monthly
}

/// (table, count, AZs or connections, GB) of each compiled block.
fn blocks(p: &Plan) -> Vec<(&'static str, u64, usize, Decimal)> {
    p.scenario
        .resources
        .iter()
        .map(|r| {
            (
                vpceplan::rules::of(&r.kind).table,
                r.count,
                r.azs.len(),
                r.gb_per_month,
            )
        })
        .collect()
}

// ---------------------------------------------------------------------------------------
// Kinds, one block at a time.

#[test]
fn regional_nat_gateway_is_billed_per_active_az_hour_and_per_gb() {
    let e = eval(
        "region = \"us-east-1\"\n[[regional_nat_gateway]]\ncount = 2\nazs = 3\ngb_per_month = 1000\npeak_gbps = 6\n",
    );
    // 2 gateways × 3 active AZs × 730 h = 4,380 NAT-AZ-hours × 0.045 = 197.10
    assert_eq!(quantity(&e, "regional_nat_gateway_hour"), dec!(4380));
    assert_eq!(component(&e, "regional_nat_gateway_hour"), dec!(197.10));
    // 1,000 GB × 0.045 = 45.00
    assert_eq!(component(&e, "regional_nat_gateway_gb"), dec!(45.00));
    assert_eq!(e.monthly, dec!(242.10));
    // 2 gateways in each of 3 AZs: 6 units; 6 Gbps / 6 = 1 Gbps each against 5 (seed);
    // losing an AZ leaves 4: 6 / 4 = 1.5 Gbps each.
    let c = &e.capacity[0];
    assert_eq!(c.limit, "regional_nat_gateway_az");
    assert_relative_eq!(c.load, 1.0);
    assert_relative_eq!(c.sustained, 5.0);
    assert_relative_eq!(c.az_loss_load.unwrap(), 1.5);
    assert_eq!(c.status, Status::Ok);
}

#[test]
fn regional_nat_gateway_in_another_region_and_a_missing_price() {
    let e = eval("region = \"eu-west-1\"\n[[regional_nat_gateway]]\nazs = 2\ngb_per_month = 100\n");
    // 1 × 2 AZs × 730 h × 0.048 = 70.08; 100 GB × 0.048 = 4.80 → 74.88
    assert_eq!(e.monthly, dec!(74.88));
    // The book has no Tokyo Regional NAT data price: an error naming the Region and the
    // component, never a zero.
    let s =
        sc("region = \"ap-northeast-1\"\n[[regional_nat_gateway]]\nazs = 2\ngb_per_month = 100\n");
    let err = evaluate(&s, &book()).unwrap_err().to_string();
    assert!(err.contains("ap-northeast-1"), "{err}");
    assert!(err.contains("regional_nat_gateway_gb"), "{err}");
    // Without data the hours alone are priced: 2 × 730 × 0.062 = 90.52
    let e = eval("region = \"ap-northeast-1\"\n[[regional_nat_gateway]]\nazs = 2\n");
    assert_eq!(e.monthly, dec!(90.52));
}

#[test]
fn resource_endpoints_are_billed_per_endpoint_hour_and_resource_gb() {
    let e = eval(
        "region = \"us-east-1\"\n[[resource_endpoint]]\ncount = 3\nazs = 2\ngb_per_month = 2000\npeak_gbps = 1.5\n",
    );
    // 3 endpoints × 730 h × 0.02 = 43.80 (per endpoint, not per AZ)
    assert_eq!(quantity(&e, "resource_endpoint_hour"), dec!(2190));
    assert_eq!(component(&e, "resource_endpoint_hour"), dec!(43.80));
    // 2,000 GB × 0.01 = 20.00
    assert_eq!(component(&e, "vpc_resource_gb"), dec!(20.00));
    assert_eq!(e.monthly, dec!(63.80));
    // 3 endpoints × 2 AZs = 6 ENIs; 1.5 Gbps / 6 = 0.25 Gbps each against 10 (seed)
    let c = &e.capacity[0];
    assert_eq!(c.limit, "resource_endpoint_az");
    assert_relative_eq!(c.load, 0.25);
}

#[test]
fn resource_data_is_tiered_on_the_regions_total_over_both_endpoint_types() {
    let e = eval(
        "region = \"us-east-1\"\n[[resource_endpoint]]\nazs = 2\ngb_per_month = 1000000\n\
         [[service_network_endpoint]]\ncount = 2\nazs = 2\ngb_per_month = 100000\n",
    );
    // 1,100,000 GB on one ladder: 1,048,576 × 0.01 = 10,485.76; 51,424 × 0.006 = 308.544
    assert_eq!(component(&e, "vpc_resource_gb"), dec!(10794.304));
    // Hours: 1 resource endpoint × 730 × 0.02 = 14.60; service-network endpoints: none
    assert_eq!(component(&e, "resource_endpoint_hour"), dec!(14.60));
    assert_eq!(e.monthly, dec!(10808.904));
    let sn: Decimal = e
        .lines
        .iter()
        .filter(|l| l.block == "service_network_endpoint[0]")
        .map(|l| l.monthly)
        .sum();
    // The service-network block comes second on the ladder: 48,576 × 0.01 + 51,424 × 0.006
    // = 485.76 + 308.544 = 794.304
    assert_eq!(sn, dec!(794.304));
}

#[test]
fn resource_configurations_pay_per_service_network_association_hour() {
    let e = eval(
        "region = \"us-east-1\"\n[[resource_configuration]]\ncount = 2\nservice_network_associations = 1\n\
         [[resource_configuration]]\nname = \"through endpoints only\"\ncount = 5\n\
         [[resource_gateway]]\nazs = 2\n",
    );
    // 2 configurations × 1 association × 730 h × 0.10 = 146.00; none associated: 0; the
    // resource gateway has no charge of its own (none was found).
    assert_eq!(quantity(&e, "service_network_resource_hour"), dec!(1460));
    assert_eq!(e.monthly, dec!(146.00));
    assert!(
        e.lines
            .iter()
            .all(|l| l.block == "resource_configuration[0]")
    );
}

#[test]
fn lattice_services_bill_hours_gb_and_requests_past_the_free_ones() {
    let e = eval(
        "region = \"us-east-1\"\n[[lattice_service]]\ncount = 2\ngb_per_month = 500\nrequests_per_month = 1000000000\n",
    );
    // 2 services × 730 h × 0.025 = 36.50
    assert_eq!(component(&e, "lattice_service_hour"), dec!(36.50));
    // 500 GB × 0.025 = 12.50
    assert_eq!(component(&e, "lattice_service_gb"), dec!(12.50));
    // free: 300,000 × 2 services × 730 h = 438,000,000; billable 562,000,000 = 562 M × 0.10
    // = 56.20
    assert_eq!(quantity(&e, "lattice_requests"), dec!(562));
    assert_eq!(component(&e, "lattice_requests"), dec!(56.20));
    assert_eq!(e.monthly, dec!(105.20));
    // Under the free requests: nothing for requests.
    let e = eval("region = \"us-east-1\"\n[[lattice_service]]\nrequests_per_month = 219000000\n");
    // 1 × 730 × 0.025 = 18.25; 219,000,000 = 300,000 × 730 exactly: all free
    assert_eq!(e.monthly, dec!(18.25));
}

#[test]
fn direct_connect_ports_and_transfer_out_by_location() {
    let e = eval(
        "region = \"us-east-1\"\n[[direct_connect]]\ncount = 2\nport_speed = \"10G\"\nlocation = \"EqDC2\"\ngb_per_month = 10000\npeak_gbps = 12\n",
    );
    // 2 ports × 730 h × 2.25 = 3,285.00
    assert_eq!(component(&e, "dx_port_hour"), dec!(3285.00));
    // 10,000 GB × 0.02 (us-east-1 → EqDC2) = 200.00
    assert_eq!(component(&e, "dx_transfer_out_gb"), dec!(200.00));
    assert_eq!(e.monthly, dec!(3485.00));
    // 12 Gbps over 2 connections: 6 each against a 10 Gbps port; one lost: 12 on the other
    let c = &e.capacity[0];
    assert_eq!(c.limit, "direct_connect_dedicated_10g");
    assert_relative_eq!(c.load, 6.0);
    assert_eq!(c.status, Status::Ok);
    assert_relative_eq!(c.az_loss_load.unwrap(), 12.0);
    assert_eq!(c.az_loss_status, Status::Over);

    // Hosted 500 Mbps that exists already: only the transfer out, at eu-west-1's rate to
    // EqDC2: 1,000 GB × 0.0282 = 28.20
    let e = eval(
        "region = \"eu-west-1\"\n[[direct_connect]]\nconnection_type = \"hosted\"\nport_speed = \"500M\"\nlocation = \"EqDC2\"\ngb_per_month = 1000\nexisting = true\n",
    );
    assert_eq!(e.monthly, dec!(28.20));
    assert_eq!(component(&e, "dx_port_hour"), dec!(0));
    assert_eq!(e.capacity[0].limit, "direct_connect_hosted_500m");

    // A location the book has no rate for: an error naming Region, component and location.
    let s = sc(
        "region = \"us-east-1\"\n[[direct_connect]]\nport_speed = \"1G\"\nlocation = \"XYZ9\"\ngb_per_month = 1\n",
    );
    let err = evaluate(&s, &book()).unwrap_err().to_string();
    for part in ["us-east-1", "dx_transfer_out_gb", "XYZ9"] {
        assert!(err.contains(part), "{err}");
    }
}

#[test]
fn direct_connect_port_types_and_speeds_are_checked() {
    let b = book();
    let bad = parse_scenario(
        "t.toml",
        "region = \"us-east-1\"\n[[direct_connect]]\nport_speed = \"500M\"\nlocation = \"EqDC2\"\n",
        &b,
    )
    .unwrap_err()
    .to_string();
    // Dedicated ports are 1, 10, 100 and 400 Gbps.
    assert!(bad.contains("port_speed"), "{bad}");
    assert!(bad.contains("1G, 10G, 100G, 400G"), "{bad}");
}

#[test]
fn vpn_connections_pay_connection_hours_and_transfer_out_has_no_price() {
    let e = eval("region = \"us-east-1\"\n[[vpn_connection]]\ncount = 2\npeak_gbps = 2\n");
    // 2 connections × 730 h × 0.05 = 73.00
    assert_eq!(e.monthly, dec!(73.00));
    // 2 Gbps over 2 connections: 1 Gbps each against a 1.25 Gbps tunnel; one lost: 2 Gbps
    let c = &e.capacity[0];
    assert_eq!(c.limit, "vpn_tunnel");
    assert_relative_eq!(c.load, 1.0);
    assert_eq!(c.az_loss_status, Status::Over);
    // No AWS figure for VPN transfer out was found: GB out over VPN is an error naming
    // the Region and the component.
    let s = sc("region = \"us-east-1\"\n[[vpn_connection]]\ngb_per_month = 10\n");
    let err = evaluate(&s, &book()).unwrap_err().to_string();
    assert!(err.contains("us-east-1"), "{err}");
    assert!(err.contains("vpn_transfer_out_gb"), "{err}");
    // Existing connections: no connection-hours.
    let e = eval("region = \"us-east-1\"\n[[vpn_connection]]\nexisting = true\n");
    assert_eq!(e.monthly, dec!(0));
}

// ---------------------------------------------------------------------------------------
// Designs.

const NAT_PAIR: &str = r#"
name = "w"
region = "us-east-1"
[workload]
spokes = 4
azs = 3
services = ["sts", "kms"]
gb_per_month_per_spoke = 100
peak_gbps_per_spoke = 0.5
[compare]
designs = ["nat", "nat-regional"]
"#;

#[test]
fn nat_regional_is_one_gateway_per_spoke_active_in_each_az() {
    let s = sc(NAT_PAIR);
    let p = plan(&s, "nat-regional");
    assert!(p.invalid.is_none());
    // 4 Regional NAT gateways, each active in 3 AZs, carrying 4 × 100 GB
    assert_eq!(blocks(&p), vec![("regional_nat_gateway", 4, 3, dec!(400))]);
    // 4 × 3 × 730 × 0.045 = 394.20; 400 × 0.045 = 18.00 → 412.20: the zonal layout's
    // 12 NAT gateways cost the same (12 × 730 × 0.045 + 400 × 0.045 = 412.20).
    assert_eq!(monthly(&p), dec!(412.20));
    assert_eq!(monthly(&plan(&s, "nat")), dec!(412.20));
}

#[test]
fn compare_shows_nat_and_nat_regional_with_their_break_even() {
    let s = sc(NAT_PAIR);
    let c = comparison(&s, &book());
    let pair = c
        .pairs
        .iter()
        .find(|p| p.a == "nat" && p.b == "nat-regional")
        .expect("the pair");
    // At the same per-AZ-hour and per-GB rates the two cost the same at every volume and
    // spoke count: no crossing, equal from the start.
    let t = pair.traffic.as_ref().expect("traffic break-even");
    assert_eq!(t.at_lo, Cheaper::Equal);
    assert!(t.crossings.is_empty());
    let n = pair.spokes.as_ref().expect("spokes break-even");
    assert_eq!(n.at_lo, Cheaper::Equal);

    // With a Regional NAT hour of 0.06 against the zonal 0.045 (and the same GB rate) the
    // zonal layout is cheaper at every volume: the lines never cross.
    let b = edited_book(&[(
        "us-east-1,regional_nat_gateway_hour,,0,,NAT-AZ-hour,0.045,",
        "us-east-1,regional_nat_gateway_hour,,0,,NAT-AZ-hour,0.06,",
    )]);
    let s = parse_scenario("t.toml", NAT_PAIR, &b).unwrap();
    let c = comparison(&s, &b);
    let pair = c.pairs.iter().find(|p| p.b == "nat-regional").unwrap();
    let t = pair.traffic.as_ref().unwrap();
    assert_eq!(t.at_lo, Cheaper::A);
    assert!(t.crossings.is_empty());
}

/// The built-in book with rows edited (`from` → `to`, each present once).
fn edited_book(edits: &[(&str, &str)]) -> PriceBook {
    let mut prices = include_str!("../../pricing/prices.csv").to_string();
    for (from, to) in edits {
        assert_eq!(prices.matches(from).count(), 1, "{from}");
        prices = prices.replace(from, to);
    }
    PriceBook::from_texts(
        "edited",
        ("prices.csv", &prices),
        ("regions.csv", include_str!("../../pricing/regions.csv")),
        ("limits.csv", include_str!("../../pricing/limits.csv")),
    )
    .unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn nat_regional_break_even_where_the_data_rates_differ() {
    // A book where the Regional gateway's hour is dearer (0.06) and its GB cheaper (0.035)
    // than the zonal one's (0.045 / 0.045): per month, zonal = 12 × 730 × 0.045 + 0.045 x
    // = 394.20 + 0.045 x; Regional = 12 × 730 × 0.06 + 0.035 x = 525.60 + 0.035 x; equal at
    // 0.01 x = 131.40 → x = 13,140 GB a month, 32.85 times the 400 GB written.
    let b = edited_book(&[
        (
            "us-east-1,regional_nat_gateway_hour,,0,,NAT-AZ-hour,0.045,",
            "us-east-1,regional_nat_gateway_hour,,0,,NAT-AZ-hour,0.06,",
        ),
        (
            "us-east-1,regional_nat_gateway_gb,,0,,GB,0.045,",
            "us-east-1,regional_nat_gateway_gb,,0,,GB,0.035,",
        ),
    ]);
    let s = parse_scenario("t.toml", NAT_PAIR, &b).unwrap();
    let c = comparison(&s, &b);
    let pair = c.pairs.iter().find(|p| p.b == "nat-regional").unwrap();
    let t = pair.traffic.as_ref().unwrap();
    assert_eq!(t.at_lo, Cheaper::A);
    assert_eq!(t.crossings.len(), 1);
    assert_eq!(t.crossings[0].at, dec!(32.85));
}

const PRIVATE_API: &str = r#"
name = "api"
region = "us-east-1"
[workload]
pattern = "private-api"
spokes = 3
azs = 2
services = ["orders-api"]
gb_per_month_per_spoke = 100
requests_per_month_per_spoke = 10000000
"#;

#[test]
fn private_api_designs_side_by_side() {
    let s = sc(PRIVATE_API);
    let names: Vec<String> = plans(&s, &book().quotas)
        .into_iter()
        .map(|p| p.design)
        .collect();
    assert_eq!(
        names,
        ["resource-endpoint", "service-network", "lattice-service"]
    );

    // resource-endpoint: the provider's resource gateway (no charge found) and one resource
    // configuration (not in a service network: no charge); a resource endpoint in each of
    // the 3 spokes: 3 × 730 × 0.02 = 43.80; 3 × 100 GB × 0.01 = 3.00 → 46.80
    let p = plan(&s, "resource-endpoint");
    assert!(p.invalid.is_none(), "{:?}", p.invalid);
    assert_eq!(
        blocks(&p),
        vec![
            ("resource_gateway", 1, 2, dec!(0)),
            ("resource_configuration", 1, 0, dec!(0)),
            ("resource_endpoint", 3, 2, dec!(300)),
        ]
    );
    assert_eq!(monthly(&p), dec!(46.80));

    // service-network: the configuration in one service network: 1 × 1 × 730 × 0.10 =
    // 73.00; a service-network endpoint in each spoke (no hourly charge); 300 GB × 0.01 =
    // 3.00 → 76.00
    let p = plan(&s, "service-network");
    assert_eq!(
        blocks(&p),
        vec![
            ("resource_gateway", 1, 2, dec!(0)),
            ("resource_configuration", 1, 0, dec!(0)),
            ("service_network_endpoint", 3, 2, dec!(300)),
        ]
    );
    assert_eq!(monthly(&p), dec!(76.00));

    // lattice-service: one VPC Lattice service: 730 × 0.025 = 18.25; 300 GB × 0.025 =
    // 7.50; 3 × 10,000,000 = 30 M requests, under the free 300,000 × 730 = 219 M → 25.75
    let p = plan(&s, "lattice-service");
    assert_eq!(blocks(&p), vec![("lattice_service", 1, 0, dec!(300))]);
    assert_eq!(
        p.scenario.resources[0].kind,
        vpceplan::scenario::Kind::LatticeService {
            requests_per_month: dec!(30000000),
        }
    );
    assert_eq!(monthly(&p), dec!(25.75));
}

#[test]
fn private_api_break_even_between_resource_endpoints_and_a_service_network() {
    let s = sc(PRIVATE_API);
    let c = comparison(&s, &book());
    let pair = c
        .pairs
        .iter()
        .find(|p| p.a == "resource-endpoint" && p.b == "service-network")
        .unwrap();
    // Over spokes n (100 GB each): endpoints 14.60 n + 1.00 n = 15.60 n; service network
    // 73.00 + 1.00 n. Equal at 14.60 n = 73.00 → n = 5: endpoints cheaper below 5 spokes.
    let n = pair.spokes.as_ref().unwrap();
    assert_eq!(n.at_lo, Cheaper::A);
    assert_eq!(n.crossings.len(), 1);
    assert_eq!(n.crossings[0].at, dec!(5));
    // Over traffic, the GB rates are the same ladder: the 43.80 vs 73.00 gap stays.
    let t = pair.traffic.as_ref().unwrap();
    assert_eq!(t.at_lo, Cheaper::A);
    assert!(t.crossings.is_empty());
    // No NAT-versus-endpoint figure for a private API.
    assert!(c.nat_vs_endpoint.is_err());
}

#[test]
fn lattice_break_even_past_the_free_requests() {
    let s = sc(PRIVATE_API);
    let c = comparison(&s, &book());
    let pair = c
        .pairs
        .iter()
        .find(|p| p.a == "service-network" && p.b == "lattice-service")
        .unwrap();
    // Over spokes n (100 GB and 10 M requests each):
    //   service network: 73.00 + 100 × 0.01 n = 73.00 + 1.00 n
    //   Lattice service: 18.25 + 100 × 0.025 n = 18.25 + 2.50 n, plus requests past the
    //     free 300,000 × 730 = 219 M: (10 n − 219) × 0.10 = 1.00 n − 21.90 once n > 21.9
    //     → 3.50 n − 3.65
    //   equal at 73.00 + n = 3.50 n − 3.65 → 2.5 n = 76.65 → n = 30.66 (the line before
    //   the free requests run out would say 36.5)
    let n = pair.spokes.as_ref().unwrap();
    assert_eq!(n.at_lo, Cheaper::B);
    assert_eq!(n.crossings.len(), 1);
    assert_eq!(n.crossings[0].at, dec!(30.66));
    // Either side, the engine agrees: at 30 spokes 103.00 vs 101.35; at 31, 104.00 vs
    // 104.85.
    for (spokes, sn, lattice) in [
        (30, dec!(103.00), dec!(101.35)),
        (31, dec!(104.00), dec!(104.85)),
    ] {
        let s = sc(&PRIVATE_API.replace("spokes = 3\n", &format!("spokes = {spokes}\n")));
        assert_eq!(monthly(&plan(&s, "service-network")), sn);
        assert_eq!(monthly(&plan(&s, "lattice-service")), lattice);
    }
}

#[test]
fn private_api_refuses_the_other_designs_and_remote_clients() {
    let s = sc(&format!(
        "{PRIVATE_API}[compare]\ndesigns = [\"resource-endpoint\", \"nat\", \"distributed\"]\n"
    ));
    for d in ["nat", "distributed"] {
        let why = plan(&s, d).invalid.expect("invalid");
        assert!(why.contains("private-api"), "{why}");
    }
    // The private-API designs on a services workload are invalid too.
    let s = sc(&format!(
        "{}[compare]\ndesigns = [\"nat\", \"service-network\"]\n",
        NAT_PAIR.replace("[compare]\ndesigns = [\"nat\", \"nat-regional\"]\n", "")
    ));
    let why = plan(&s, "service-network").invalid.expect("invalid");
    assert!(why.contains("pattern = \"private-api\""), "{why}");
    // On-premises clients of a private API are not modelled: a clear error on the key.
    let err = parse_scenario(
        "t.toml",
        &format!("{PRIVATE_API}onprem_gb_per_month = 5\n"),
        &book(),
    )
    .unwrap_err()
    .to_string();
    assert!(err.contains("workload.onprem_gb_per_month"), "{err}");
}

#[test]
fn resource_gateway_must_share_an_az_with_the_consumers() {
    let s = sc(&PRIVATE_API.replace(
        "azs = 2\n",
        "azs = [\"use1-az1\", \"use1-az2\"]\nhub_azs = [\"use1-az4\", \"use1-az6\"]\n",
    ));
    let why = plan(&s, "resource-endpoint").invalid.expect("invalid");
    assert!(why.contains("share none"), "{why}");
    // The Lattice service has no resource gateway: still valid.
    assert!(plan(&s, "lattice-service").invalid.is_none());
}

/// A workload with on-premises clients; the transport keys go after it, then `[compare]`.
const ONPREM: &str = r#"
name = "onprem"
region = "us-east-1"
[workload]
spokes = 2
azs = 2
services = ["s3"]
gb_per_month_per_spoke = 100
onprem_gb_per_month = 1000
remote_peak_gbps = 1.5
"#;

const THREE: &str =
    "[compare]\ndesigns = [\"distributed\", \"centralized\", \"gateway-where-possible\"]\n";

#[test]
fn on_premises_transport_is_priced_in_every_design() {
    let without = sc(&format!("{ONPREM}{THREE}"));
    let with = sc(&format!(
        "{ONPREM}onprem_transport = \"direct-connect\"\ndx_port_speed = \"1G\"\ndx_location = \"EqDC2\"\nonprem_connections = 2\nonprem_out_share = 0.5\n{THREE}"
    ));
    // The Direct Connect block in every design: 2 ports × 730 × 0.30 = 438.00; half of the
    // 1,000 on-premises GB flow out: 500 × 0.02 = 10.00 → 448.00 on top of each design.
    for d in ["distributed", "centralized", "gateway-where-possible"] {
        let (a, b) = (plan(&without, d), plan(&with, d));
        assert!(b.invalid.is_none(), "{d}: {:?}", b.invalid);
        assert_eq!(monthly(&b) - monthly(&a), dec!(448.00), "{d}");
        let dx = b
            .scenario
            .resources
            .iter()
            .find(|r| vpceplan::rules::of(&r.kind).table == "direct_connect")
            .expect("a Direct Connect block");
        assert_eq!((dx.count, dx.azs.len(), dx.gb_per_month), (2, 2, dec!(500)));
        assert_relative_eq!(dx.peak_gbps, 1.5);
    }
}

#[test]
fn on_premises_over_vpn_and_over_existing_connections() {
    let designs = "[compare]\ndesigns = [\"distributed\"]\n";
    let without = sc(&format!("{ONPREM}{designs}"));
    let d0 = monthly(&plan(&without, "distributed"));
    // VPN, nothing flowing out: 2 connections × 730 × 0.05 = 73.00 more.
    let vpn = sc(&format!(
        "{ONPREM}onprem_transport = \"vpn\"\nonprem_connections = 2\nonprem_out_share = 0\n{designs}"
    ));
    assert_eq!(monthly(&plan(&vpn, "distributed")) - d0, dec!(73.00));
    // VPN with GB flowing out: no price for VPN transfer out, so the design cannot be
    // priced and says why (Region and component).
    let vpn_out = sc(&format!("{ONPREM}onprem_transport = \"vpn\"\n{designs}"));
    let c = comparison(&vpn_out, &book());
    let err = match &c.designs[0].eval {
        Some(Err(e)) => e.clone(),
        other => panic!("expected a pricing error, got {other:?}"),
    };
    assert!(
        err.contains("us-east-1") && err.contains("vpn_transfer_out_gb"),
        "{err}"
    );
    // Existing Direct Connect: only the transfer out, 1,000 × 0.02 = 20.00 more.
    let dx = sc(&format!(
        "{ONPREM}onprem_transport = \"direct-connect\"\ndx_port_speed = \"10G\"\ndx_location = \"EqDC2\"\nonprem_existing = true\n{designs}"
    ));
    assert_eq!(monthly(&plan(&dx, "distributed")) - d0, dec!(20.00));
}

#[test]
fn transport_keys_need_their_transport() {
    let err = parse_scenario(
        "t.toml",
        &format!("{ONPREM}dx_port_speed = \"1G\"\n"),
        &book(),
    )
    .unwrap_err()
    .to_string();
    assert!(err.contains("onprem_transport"), "{err}");
    let err = parse_scenario(
        "t.toml",
        &format!("{ONPREM}onprem_transport = \"direct-connect\"\ndx_port_speed = \"1G\"\n"),
        &book(),
    )
    .unwrap_err()
    .to_string();
    assert!(err.contains("dx_location"), "{err}");
}

// ---------------------------------------------------------------------------------------
// Terraform plan import of the new kinds.

fn res(address: &str, rtype: &str, after: serde_json::Value) -> serde_json::Value {
    serde_json::json!({
        "address": address, "mode": "managed", "type": rtype,
        "change": { "actions": ["create"], "after": after }
    })
}

#[test]
fn terraform_plan_of_the_new_kinds_imports_and_prices() {
    use vpceplan::import::{Usage, import_terraform_plan};
    let plan = serde_json::json!({
        "resource_changes": [
            res("aws_nat_gateway.regional", "aws_nat_gateway", serde_json::json!({
                "availability_mode": "regional",
                "availability_zone_address": [
                    {"availability_zone": "us-east-1a"}, {"availability_zone": "us-east-1b"},
                    {"availability_zone": "us-east-1c"}]})),
            res("aws_vpclattice_resource_gateway.api", "aws_vpclattice_resource_gateway",
                serde_json::json!({"subnet_ids": ["s-a", "s-b"], "ipv4_addresses_per_eni": 32})),
            res("aws_vpclattice_resource_configuration.api", "aws_vpclattice_resource_configuration",
                serde_json::json!({"name": "api", "port_ranges": ["443"]})),
            res("aws_vpclattice_service_network_resource_association.api",
                "aws_vpclattice_service_network_resource_association", serde_json::json!({})),
            res("aws_vpc_endpoint.api", "aws_vpc_endpoint", serde_json::json!({
                "vpc_endpoint_type": "Resource", "subnet_ids": ["s-1", "s-2"]})),
            res("aws_vpc_endpoint.sn", "aws_vpc_endpoint", serde_json::json!({
                "vpc_endpoint_type": "ServiceNetwork", "subnet_ids": ["s-1", "s-2", "s-3"]})),
            res("aws_vpclattice_service.orders", "aws_vpclattice_service", serde_json::json!({"name": "orders"})),
            res("aws_dx_connection.primary", "aws_dx_connection", serde_json::json!({
                "bandwidth": "10Gbps", "location": "EqDC2"})),
            res("aws_vpn_connection.backup", "aws_vpn_connection", serde_json::json!({"type": "ipsec.1"})),
            res("aws_customer_gateway.dc", "aws_customer_gateway", serde_json::json!({})),
        ],
        "configuration": {
            "provider_config": { "aws": { "name": "aws",
                "expressions": { "region": { "constant_value": "us-east-1" } } } },
            "root_module": { "resources": [
                { "address": "aws_vpclattice_service_network_resource_association.api",
                  "type": "aws_vpclattice_service_network_resource_association",
                  "expressions": { "resource_configuration_identifier": {
                      "references": ["aws_vpclattice_resource_configuration.api.id",
                                     "aws_vpclattice_resource_configuration.api"] } } }
            ] }
        }
    });
    let usage = Usage::from_toml_str(
        r#"
[default]
gb_per_month = 0
["aws_nat_gateway.regional"]
gb_per_month = 1000
["aws_vpc_endpoint.api"]
gb_per_month = 2000
["aws_vpclattice_service.orders"]
gb_per_month = 500
requests_per_month = 1000000000
["aws_dx_connection.primary"]
gb_per_month = 10000
peak_gbps = 4
"#,
        "usage.toml",
    )
    .unwrap();
    let r = import_terraform_plan(&plan.to_string(), "plan.json", &usage)
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(r.unsupported.is_empty(), "{:?}", r.unsupported);
    let s = parse_scenario("imported.toml", &r.scenario_toml, &book())
        .unwrap_or_else(|e| panic!("{e}\n{}", r.scenario_toml));
    let tables: Vec<&str> = s
        .resources
        .iter()
        .map(|r| vpceplan::rules::of(&r.kind).table)
        .collect();
    for t in [
        "regional_nat_gateway",
        "resource_gateway",
        "resource_configuration",
        "resource_endpoint",
        "service_network_endpoint",
        "lattice_service",
        "direct_connect",
        "vpn_connection",
    ] {
        assert!(
            tables.contains(&t),
            "{t} not imported:\n{}",
            r.scenario_toml
        );
    }
    let e = evaluate(&s, &book()).unwrap_or_else(|e| panic!("{e}\n{}", r.scenario_toml));
    // By hand (us-east-1, 730 h):
    //   Regional NAT, 3 active AZs: 3 × 730 × 0.045 = 98.55; 1,000 GB × 0.045 = 45.00
    //   resource gateway: 0; configuration in 1 service network: 730 × 0.10 = 73.00
    //   resource endpoint: 730 × 0.02 = 14.60; 2,000 GB × 0.01 = 20.00
    //   service-network endpoint: no hourly charge, 0 GB
    //   Lattice service: 730 × 0.025 = 18.25; 500 × 0.025 = 12.50; (1,000 M − 219 M free)
    //     × 0.10 = 78.10
    //   Direct Connect 10G: 730 × 2.25 = 1,642.50; 10,000 GB × 0.02 = 200.00
    //   VPN: 730 × 0.05 = 36.50
    //   total 98.55 + 45 + 73 + 14.60 + 20 + 18.25 + 12.50 + 78.10 + 1,642.50 + 200 + 36.50
    //   = 2,239.00
    assert_eq!(e.monthly, dec!(2239.00), "{}", r.scenario_toml);
    let gw = s
        .resources
        .iter()
        .find(|r| vpceplan::rules::of(&r.kind).table == "resource_gateway")
        .unwrap();
    assert_eq!(
        gw.kind,
        vpceplan::scenario::Kind::ResourceGateway { ipv4_per_eni: 32 }
    );
}

// ---------------------------------------------------------------------------------------
// Price List import of the new kinds' usage types.

#[test]
fn price_list_rows_of_the_new_kinds_become_book_rows() {
    use vpceplan::import::import_offer_csv;
    let head = "\"FormatVersion\",\"v1.0\"\n\"Disclaimer\",\"test\"\n\"Publication Date\",\"2026-11-20T19:21:32Z\"\n\"Version\",\"20261120192132\"\n\"OfferCode\",\"AmazonVPC\"\n\
        \"SKU\",\"OfferTermCode\",\"RateCode\",\"TermType\",\"PriceDescription\",\"EffectiveDate\",\"StartingRange\",\"EndingRange\",\"Unit\",\"PricePerUnit\",\"Currency\",\"Product Family\",\"serviceCode\",\"Location\",\"Location Type\",\"Group\",\"usageType\",\"operation\",\"Region Code\",\"From Region Code\",\"To Region Code\"\n";
    let row = |sku: &str, unit: &str, usd: &str, usage: &str, op: &str, region: &str| {
        format!(
            "\"{sku}\",\"JRTCKXETXF\",\"{sku}.JRTCKXETXF.6YS6EN2CT7\",\"OnDemand\",\"x\",\"2026-11-01\",\"0\",\"Inf\",\"{unit}\",\"{usd}\",\"USD\",\"x\",\"AmazonVPC\",\"x\",\"AWS Region\",\"\",\"{usage}\",\"{op}\",\"{region}\",\"\",\"\"\n"
        )
    };
    let csv = [
        row(
            "A1",
            "Hrs",
            "0.0480000000",
            "EU-RegionalNatGateway-Hours",
            "NatGateway",
            "eu-west-1",
        ),
        row(
            "A2",
            "GB",
            "0.0480000000",
            "EU-RegionalNatGateway-Bytes",
            "NatGateway",
            "eu-west-1",
        ),
        row(
            "A3",
            "Hrs",
            "0.0200000000",
            "USE1-VpcEndpoint-Resource-Hours",
            "VpcResourceConsumer",
            "us-east-1",
        ),
        row(
            "A4",
            "Hrs",
            "0.0250000000",
            "USE1-VPCLattice-Service-Hourly",
            "",
            "us-east-1",
        ),
        row(
            "A5",
            "GB",
            "0.0250000000",
            "USE1-VPCLattice-DataProcessing-Bytes",
            "",
            "us-east-1",
        ),
        row(
            "A6",
            "Hrs",
            "0.1000000000",
            "USE1-VpcLattice-Service-Network-Resource-Hours",
            "",
            "us-east-1",
        ),
        row(
            "A7",
            "Hrs",
            "2.2500000000",
            "USE1-EqDC2-PortUsage:10G",
            "",
            "us-east-1",
        ),
        row(
            "A8",
            "Hrs",
            "0.0600000000",
            "USE1-EqDC2-HCPortUsage:100M",
            "",
            "us-east-1",
        ),
        row(
            "A9",
            "GB",
            "0.0200000000",
            "USE1-EqDC2-DataXfer-Out:dc.3",
            "",
            "us-east-1",
        ),
        row(
            "B1",
            "Hrs",
            "0.0500000000",
            "USE1-VPN-Usage-Hours:ipsec.1",
            "CreateVpnConnection",
            "us-east-1",
        ),
        // Not priced: the provider side of resource data, another VPN operation.
        row(
            "B2",
            "GB",
            "0.0060000000",
            "USE1-VpcResource-Provider-Bytes",
            "",
            "us-east-1",
        ),
        row(
            "B3",
            "Hrs",
            "0.0500000000",
            "USE1-VPN-Usage-Hours",
            "CreateVpnConnection:Accelerated",
            "us-east-1",
        ),
    ]
    .concat();
    let r = import_offer_csv(
        std::io::BufReader::new(format!("{head}{csv}").as_bytes()),
        "o.csv",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let got: Vec<(String, String, String, String, String)> = r
        .rows
        .iter()
        .map(|x| {
            (
                x.region.clone(),
                x.component.clone(),
                x.variant.clone(),
                x.unit.clone(),
                x.usd.normalize().to_string(),
            )
        })
        .collect();
    let want = |rg: &str, c: &str, v: &str, u: &str, usd: &str| {
        (
            rg.to_string(),
            c.to_string(),
            v.to_string(),
            u.to_string(),
            usd.to_string(),
        )
    };
    for w in [
        want(
            "eu-west-1",
            "regional_nat_gateway_hour",
            "",
            "NAT-AZ-hour",
            "0.048",
        ),
        want("eu-west-1", "regional_nat_gateway_gb", "", "GB", "0.048"),
        want(
            "us-east-1",
            "resource_endpoint_hour",
            "",
            "endpoint-hour",
            "0.02",
        ),
        want(
            "us-east-1",
            "lattice_service_hour",
            "",
            "service-hour",
            "0.025",
        ),
        want("us-east-1", "lattice_service_gb", "", "GB", "0.025"),
        want(
            "us-east-1",
            "service_network_resource_hour",
            "",
            "resource-hour",
            "0.1",
        ),
        want(
            "us-east-1",
            "dx_port_hour",
            "dedicated-10G",
            "port-hour",
            "2.25",
        ),
        want(
            "us-east-1",
            "dx_port_hour",
            "hosted-100M",
            "port-hour",
            "0.06",
        ),
        want("us-east-1", "dx_transfer_out_gb", "EqDC2", "GB", "0.02"),
        want(
            "us-east-1",
            "vpn_connection_hour",
            "",
            "connection-hour",
            "0.05",
        ),
    ] {
        assert!(got.contains(&w), "{w:?} not in {got:#?}");
    }
    assert_eq!(got.len(), 10, "{got:#?}");
    assert_eq!(r.skipped.total(), 2, "{}", r.skipped);
}

// ---------------------------------------------------------------------------------------
// Service quotas of the new kinds (pricing/quotas.csv; VPC Lattice, VPN and Direct Connect
// quota pages).

#[test]
fn the_new_kinds_count_against_their_quotas() {
    use vpceplan::pricing::Quota;
    use vpceplan::quotas::Standing;
    let need = |e: &Evaluation, q: Quota| {
        let c = e
            .quotas
            .counts
            .iter()
            .find(|c| c.quota == q)
            .unwrap_or_else(|| panic!("{} not counted", q.id()));
        (c.need, c.value, c.standing)
    };
    // 51 VPN connections in one Region: one past the 50 a Region allows by default.
    let e = eval("region = \"us-east-1\"\n[[vpn_connection]]\ncount = 51\n");
    assert_eq!(
        need(&e, Quota::VpnConnectionsPerRegion),
        (51, 50, Standing::Increase)
    );
    // 6 + 5 Direct Connect connections: 11 against 10 per location (one location taken).
    let e = eval(
        "region = \"us-east-1\"\n[[direct_connect]]\ncount = 6\nport_speed = \"1G\"\nlocation = \"EqDC2\"\n\
         [[direct_connect]]\ncount = 5\nport_speed = \"10G\"\nlocation = \"EqDC2\"\nexisting = true\n",
    );
    assert_eq!(
        need(&e, Quota::DxConnectionsPerLocation),
        (11, 10, Standing::Increase)
    );
    // Lattice services and resource configurations: 2,000 a Region each.
    let e = eval(
        "region = \"us-east-1\"\n[[lattice_service]]\ncount = 2000\n[[resource_configuration]]\ncount = 1999\n[[resource_configuration]]\ncount = 2\n",
    );
    assert_eq!(
        need(&e, Quota::LatticeServicesPerRegion),
        (2000, 2000, Standing::Ok)
    );
    assert_eq!(
        need(&e, Quota::ResourceConfigurationsPerRegion),
        (2001, 2000, Standing::Increase)
    );
    // A design's resource gateway: one in the provider (hub) VPC.
    let s = sc(PRIVATE_API);
    let p = plan(&s, "resource-endpoint");
    let e = evaluate(&p.scenario, &book()).unwrap();
    assert_eq!(
        need(&e, Quota::ResourceGatewaysPerVpc),
        (1, 500, Standing::Ok)
    );
    assert_eq!(
        need(&e, Quota::ResourceConfigurationsPerRegion),
        (1, 2000, Standing::Ok)
    );
}
