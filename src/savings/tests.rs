//! Plans computed by hand: us-east-1 list prices (NAT $0.045/h and $0.045/GB, interface
//! endpoint $0.01 per endpoint-AZ-hour and $0.01/GB tier 1, gateway endpoints free),
//! 730-hour months.

use super::input::read_traffic_csv;
use super::*;
use crate::scenario::parse_scenario;
use rust_decimal_macros::dec;

fn book() -> PriceBook {
    PriceBook::builtin().expect("built-in book")
}

const HEAD: &str = "service,source,account,region,resource_kind,resource,az,interface_id,records,bytes,gb_observed,gb_per_month\n";

fn run(baseline: &str, traffic: &str, opts: &Options) -> Result<BaselinePlan> {
    let b = book();
    let s = parse_scenario("baseline.toml", baseline, &b).expect("baseline parses");
    let t = read_traffic_csv(&format!("{HEAD}{traffic}"), "traffic.csv").expect("traffic parses");
    plan(&s, baseline, &t, "traffic.csv", None, opts, &b)
}

fn saving<'a>(r: &'a RegionPlan, d: &str) -> &'a Saving {
    r.savings.iter().find(|s| s.design == d).expect(d)
}

const NAT_HEAVY: &str = r#"name = "nat-heavy"
region = "us-east-1"
hours_per_month = 730

[[nat_gateway]]
name = "111111111111 nat-0a1"
count = 1
gb_per_month = "12000"

[[nat_gateway]]
name = "111111111111 nat-0a2"
count = 1
gb_per_month = "8000"
"#;

// nat-0a1 (use1-az1): S3 3 parts, DynamoDB 1 part of the bytes; nat-0a2 (use1-az2): S3.
const NAT_HEAVY_TRAFFIC: &str = "s3,spoke,111111111111,us-east-1,nat_gateway,nat-0a1,use1-az1,eni-1,3,3221225472,3,3\n\
dynamodb,spoke,111111111111,us-east-1,nat_gateway,nat-0a1,use1-az1,eni-1,1,1073741824,1,1\n\
s3,spoke,111111111111,us-east-1,nat_gateway,nat-0a2,use1-az2,eni-2,1,1073741824,1,1\n";

#[test]
fn nat_heavy_account_saves_the_whole_nat_bill_with_gateway_endpoints() {
    let p = run(NAT_HEAVY, NAT_HEAVY_TRAFFIC, &Options::default()).unwrap();
    assert_eq!(p.regions.len(), 1);
    let r = &p.regions[0];
    // Baseline: 2 NAT × 730 h × $0.045 = 65.70; 20,000 GB × $0.045 = 900.00; 965.70.
    assert_eq!(r.baseline.as_ref().unwrap().monthly, dec!(965.70));
    // 12,000 GB split 3:1 by the flow logs' bytes: S3 9,000 + 8,000 = 17,000; DynamoDB 3,000.
    assert_eq!(r.moving["s3"].spoke_gb, dec!(17000));
    assert_eq!(r.moving["dynamodb"].spoke_gb, dec!(3000));
    // One account (no ENI map): 1 spoke; its NAT gateways in 2 AZs: 2 AZs.
    assert_eq!((r.spokes, r.azs), (1, 2));
    // nat: 1 spoke × 2 AZs NAT gateways carrying the 20,000 GB: the baseline again.
    assert_eq!(saving(r, "nat").monthly, Some(dec!(965.70)));
    assert_eq!(saving(r, "nat").saving, Some(dec!(0)));
    // gateway-where-possible: S3 and DynamoDB through free gateway endpoints: $0.
    let g = saving(r, "gateway-where-possible");
    assert_eq!(g.monthly, Some(dec!(0)));
    assert_eq!(g.saving, Some(dec!(965.70)));
    assert!(
        g.moves
            .contains("s3 17000 GB: NAT gateway → gateway endpoint"),
        "{}",
        g.moves
    );
    // distributed: 2 services × 2 AZs × 730 h × $0.01 = 29.20; 20,000 GB × $0.01 = 200.00;
    // 229.20, so the saving is 965.70 − 229.20 = 736.50 a month, 8,838.00 a year.
    let d = saving(r, "distributed");
    assert_eq!(d.monthly, Some(dec!(229.20)));
    assert_eq!(d.saving, Some(dec!(736.50)));
    assert_eq!(r.best().unwrap().design, "gateway-where-possible");
    assert_eq!(p.best_saving(), dec!(965.70));
    let csv = String::from_utf8(crate::report::savings::savings_sheet(&p).to_csv()).unwrap();
    assert!(
        csv.contains("us-east-1,distributed,yes,,965.70,229.20,736.50,8838.00,20000,1,2,"),
        "{csv}"
    );
}

#[test]
fn nat_kept_for_internet_traffic_stays_in_every_design() {
    let base = r#"name = "mixed"
region = "us-east-1"

[[nat_gateway]]
name = "111111111111 nat-0a1"
gb_per_month = "12000"
"#;
    let traffic = "s3,spoke,111111111111,us-east-1,nat_gateway,nat-0a1,use1-az1,eni-1,1,1000,1,1\n\
internet,spoke,111111111111,us-east-1,nat_gateway,nat-0a1,use1-az1,eni-1,1,1000,1,1\n";
    let p = run(base, traffic, &Options::default()).unwrap();
    let r = &p.regions[0];
    // Baseline: 730 × 0.045 = 32.85 + 12,000 × 0.045 = 540.00: 572.85.
    assert_eq!(r.baseline.as_ref().unwrap().monthly, dec!(572.85));
    // Half the bytes are internet: 6,000 GB stay on the NAT gateway, 6,000 GB of S3 move.
    assert_eq!(r.moving["s3"].spoke_gb, dec!(6000));
    // No `nat` design: the NAT gateway stays anyway.
    assert!(r.savings.iter().all(|s| s.design != "nat"));
    assert!(r.notes.iter().any(|n| n.starts_with("nat: not compiled")));
    // gateway-where-possible: NAT 32.85 + 6,000 × 0.045 = 270.00 → 302.85; saving 270.00.
    let g = saving(r, "gateway-where-possible");
    assert_eq!(g.monthly, Some(dec!(302.85)));
    assert_eq!(g.saving, Some(dec!(270.00)));
    // distributed: 302.85 + S3 endpoint in 1 AZ: 7.30 + 6,000 × 0.01 = 60.00 → 370.15;
    // saving 572.85 − 370.15 = 202.70.
    let d = saving(r, "distributed");
    assert_eq!(d.monthly, Some(dec!(370.15)));
    assert_eq!(d.saving, Some(dec!(202.70)));
    let stays: Vec<_> = p
        .attribution
        .iter()
        .filter(|a| a.outcome.code() == "stays")
        .collect();
    assert_eq!(stays.len(), 1);
    assert_eq!(stays[0].gb, dec!(6000));
}

#[test]
fn unattributed_traffic_is_an_error_naming_file_line_and_block() {
    // nat-0a2 carries 8,000 GB and no traffic row names it.
    let traffic = "s3,spoke,111111111111,us-east-1,nat_gateway,nat-0a1,use1-az1,eni-1,1,1000,1,1\n";
    let e = run(NAT_HEAVY, traffic, &Options::default())
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("baseline.toml:11: `nat_gateway[1].gb_per_month`: 111111111111 nat-0a2 (nat_gateway) has 8000 GB a month"),
        "{e}"
    );
    assert!(e.contains("--allow-unattributed"), "{e}");
    // Allowed: nat-0a2 stays as it is in every design, so it saves nothing; it is said.
    let opts = Options {
        allow_unattributed: true,
        ..Options::default()
    };
    let p = run(NAT_HEAVY, traffic, &opts).unwrap();
    let r = &p.regions[0];
    assert_eq!(p.unattributed_gb(), dec!(8000));
    assert!(p.notes.iter().any(|n| n.contains("unattributed")));
    // gateway-where-possible keeps nat-0a2: 32.85 + 8,000 × 0.045 = 360.00 → 392.85;
    // saving 965.70 − 392.85 = 572.85 (nat-0a1's hours and bytes).
    let g = saving(r, "gateway-where-possible");
    assert_eq!(g.monthly, Some(dec!(392.85)));
    assert_eq!(g.saving, Some(dec!(572.85)));
}

#[test]
fn endpoint_with_onprem_clients_makes_nat_invalid_and_keeps_an_entry_endpoint() {
    let base = r#"name = "hub"
region = "us-east-1"

[[interface_endpoint]]
name = "999999999999 vpce-0ecr"
service = "unknown"
azs = 2
gb_per_month = "1000"
"#;
    let traffic = "ecr.dkr,onprem,999999999999,us-east-1,interface_endpoint,vpce-0ecr,use1-az1,eni-3,1,3000,6,6\n\
ecr.dkr,spoke,999999999999,us-east-1,interface_endpoint,vpce-0ecr,use1-az1,eni-3,1,1000,2,2\n";
    let p = run(base, traffic, &Options::default()).unwrap();
    let r = &p.regions[0];
    // Baseline: 2 AZ × 730 × 0.01 = 14.60 + 1,000 × 0.01 = 10.00: 24.60.
    assert_eq!(r.baseline.as_ref().unwrap().monthly, dec!(24.60));
    assert_eq!(r.moving["ecr.dkr"].onprem_gb, dec!(750));
    assert_eq!(r.moving["ecr.dkr"].spoke_gb, dec!(250));
    let nat = r.assessed("nat").unwrap();
    assert!(nat.plan.invalid.is_some());
    assert_eq!(saving(r, "nat").saving, None);
    // distributed adds a Resolver inbound endpoint for the on-premises clients
    // (2 IPs × 730 × 0.125 = 182.50): 1 endpoint in 1 AZ (7.30) + 10.00 + 182.50 = 199.80,
    // a saving of 24.60 − 199.80 = −175.20 (more expensive).
    let d = saving(r, "distributed");
    assert_eq!(d.monthly, Some(dec!(199.80)));
    assert_eq!(d.saving, Some(dec!(-175.20)));
    assert!(
        d.moves.contains("stays on interface endpoint"),
        "{}",
        d.moves
    );
}

#[test]
fn idle_and_other_blocks_stay_and_regions_are_planned_apart() {
    let base = r#"name = "two"
region = "us-east-1"

[[nat_gateway]]
name = "111111111111 nat-0e1"
region = "eu-west-1"
gb_per_month = "5000"

[[interface_endpoint]]
name = "222222222222 vpce-0tmp"
service = "unknown"
azs = 1
gb_per_month = "0"

[[hosted_zone]]
name = "222222222222 hosted zones"
count = 2
"#;
    let traffic = "s3,spoke,111111111111,eu-west-1,nat_gateway,nat-0e1,euw1-az1,eni-9,1,10,1,1\n\
s3,spoke,333333333333,us-east-1,nat_gateway,nat-0zz,use1-az1,eni-8,1,10,1,1\n";
    let p = run(base, traffic, &Options::default()).unwrap();
    let eu = p.regions.iter().find(|r| r.region == "eu-west-1").unwrap();
    let us = p.regions.iter().find(|r| r.region == "us-east-1").unwrap();
    // us-east-1: the idle endpoint (7.30) and two zones (1.00; wherever the book places
    // global services) stay; nothing moves.
    assert!(us.comparison.is_none());
    let not_eu: Decimal = p
        .regions
        .iter()
        .filter(|r| r.region != "eu-west-1")
        .map(|r| {
            assert!(r.comparison.is_none());
            r.baseline.as_ref().unwrap().monthly
        })
        .sum();
    assert_eq!(not_eu, dec!(8.30));
    assert!(
        p.notes
            .iter()
            .any(|n| n.contains("vpce-0tmp") && n.contains("idle"))
    );
    assert!(
        p.notes
            .iter()
            .any(|n| n.contains("line 3") && n.contains("nat-0zz"))
    );
    // eu-west-1 NAT: 730 × 0.048 + 5,000 × 0.048 = 35.04 + 240.00 = 275.04; the gateway
    // endpoint design costs nothing there.
    assert_eq!(eu.baseline.as_ref().unwrap().monthly, dec!(275.04));
    assert_eq!(
        saving(eu, "gateway-where-possible").saving,
        Some(dec!(275.04))
    );
    assert_eq!(p.baseline_monthly(), Some(dec!(283.34)));
}

#[test]
fn options_are_checked() {
    let opts = Options {
        designs: vec!["nope".into()],
        ..Options::default()
    };
    let e = run(NAT_HEAVY, NAT_HEAVY_TRAFFIC, &opts)
        .unwrap_err()
        .to_string();
    assert!(e.contains("unknown design `nope`"), "{e}");
    let opts = Options {
        peak_factor: 0.0,
        ..Options::default()
    };
    assert!(run(NAT_HEAVY, NAT_HEAVY_TRAFFIC, &opts).is_err());
    // Spokes and AZs as given replace the counted ones.
    let opts = Options {
        spokes: Some(4),
        azs: Some(3),
        designs: vec!["distributed".into()],
        ..Options::default()
    };
    let p = run(NAT_HEAVY, NAT_HEAVY_TRAFFIC, &opts).unwrap();
    let r = &p.regions[0];
    assert_eq!((r.spokes, r.azs), (4, 3));
    // 4 spokes × 2 services × 3 AZs × 730 × 0.01 = 175.20 + 200.00 = 375.20.
    assert_eq!(saving(r, "distributed").monthly, Some(dec!(375.20)));
}

#[test]
fn labels_split_into_account_and_resource() {
    assert_eq!(split_label("111 nat-0a1"), Some(("111", "nat-0a1")));
    assert_eq!(split_label("111 nat-0a1 #2"), Some(("111", "nat-0a1")));
    assert_eq!(split_label("222 hosted zones"), None);
    assert_eq!(split_label("console"), None);
}

#[test]
fn traffic_no_endpoint_carries_stays_on_the_nat_gateway() {
    for svc in [
        "internet",
        "amazon",
        "ec2",
        "execute-api",
        "cloudfront",
        "route53",
    ] {
        assert!(stays_at_nat(svc).is_some(), "{svc}");
    }
    for svc in ["s3", "dynamodb", "ecr.dkr", "logs", "kinesisvideo"] {
        assert!(stays_at_nat(svc).is_none(), "{svc}");
    }
    let base = r#"name = "ec2"
region = "us-east-1"

[[nat_gateway]]
name = "111111111111 nat-0a1"
gb_per_month = "1000"
"#;
    // 1 part S3, 3 parts EC2 instance addresses: 250 GB move, 750 GB stay.
    let traffic = "s3,spoke,111111111111,us-east-1,nat_gateway,nat-0a1,use1-az1,eni-1,1,1,1,1\n\
ec2,spoke,111111111111,us-east-1,nat_gateway,nat-0a1,use1-az1,eni-1,1,3,1,1\n";
    let p = run(base, traffic, &Options::default()).unwrap();
    let r = &p.regions[0];
    assert_eq!(r.moving["s3"].spoke_gb, dec!(250));
    assert!(!r.moving.contains_key("ec2"));
    // Baseline 32.85 + 1,000 × 0.045 = 77.85; gateway-where-possible keeps the NAT with
    // 750 GB: 32.85 + 33.75 = 66.60; saving 11.25 (250 GB × $0.045).
    assert_eq!(
        saving(r, "gateway-where-possible").saving,
        Some(dec!(11.25))
    );
}
