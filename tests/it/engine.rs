//! Engine figures computed by hand (arithmetic in the comments).

use approx::assert_relative_eq;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;
use vpceplan::engine::{Evaluation, Status, evaluate};
use vpceplan::pricing::PriceBook;
use vpceplan::scenario::parse_scenario;

fn eval(src: &str) -> Evaluation {
    let book = PriceBook::builtin().expect("book");
    let s = parse_scenario("t.toml", src, &book).expect("scenario parses");
    evaluate(&s, &book).expect("evaluates")
}

fn component(e: &Evaluation, c: &str) -> Decimal {
    e.lines
        .iter()
        .filter(|l| l.component == c)
        .map(|l| l.monthly)
        .sum()
}

#[test]
fn console_private_access_is_212_20() {
    let e = eval(include_str!("../../scenarios/console-private-access.toml"));
    // 2 endpoints × 2 AZ × 730 h × 0.01 = 29.20
    assert_eq!(component(&e, "interface_endpoint_hour"), dec!(29.20));
    // 2 IPs × 730 h × 0.125 = 182.50
    assert_eq!(component(&e, "resolver_endpoint_ip_hour"), dec!(182.50));
    assert_eq!(component(&e, "hosted_zone_month"), dec!(0.50));
    assert_eq!(e.monthly, dec!(212.20));
    assert_eq!(e.endpoint_hours, dec!(2920));
}

#[test]
fn one_endpoint_in_two_azs_is_1460_hours_and_14_60() {
    let e = eval("region = \"us-east-1\"\n[[interface_endpoint]]\nservice = \"sts\"\nazs = 2\n");
    assert_eq!(e.endpoint_hours, dec!(1460));
    assert_eq!(e.monthly, dec!(14.60));
    // per AZ: 730 h × 0.01 = 7.30 each
    assert_eq!(e.per_az.get("us-east-1/az1"), Some(&dec!(7.30)));
    assert_eq!(e.per_az.get("us-east-1/az2"), Some(&dec!(7.30)));
    // hourly: 14.60 / 730 = 0.02
    assert_eq!(e.hourly, dec!(0.02));
}

#[test]
fn data_tiers_apply_to_the_regional_total_across_blocks() {
    // Two blocks of 700,000 GB: tier 1 ends at 1,048,576.
    //   block 1: 700,000 × 0.01 = 7,000
    //   block 2: 348,576 × 0.01 + 351,424 × 0.006 = 3,485.76 + 2,108.544 = 5,594.304
    //   hours: 2 blocks × 2 AZ × 730 × 0.01 = 29.20
    //   total = 7,000 + 5,594.304 + 29.20 = 12,623.504
    let e = eval(
        "region = \"us-east-1\"\n[[interface_endpoint]]\nservice = \"s3\"\nazs = 2\ngb_per_month = 700000\n\
         [[interface_endpoint]]\nservice = \"ecr.dkr\"\nazs = 2\ngb_per_month = 700000\n",
    );
    assert_eq!(e.monthly, dec!(12623.504));
    let b2: Decimal = e
        .lines
        .iter()
        .filter(|l| l.block == "interface_endpoint[1]" && l.component == "interface_endpoint_gb")
        .map(|l| l.monthly)
        .sum();
    assert_eq!(b2, dec!(5594.304));
    assert!(e.lines.iter().any(|l| l.tier == 2 && l.rate == dec!(0.006)));
}

#[test]
fn per_az_costs_and_line_items_sum_to_the_total() {
    let e = eval(
        "region = \"us-east-1\"\n[[interface_endpoint]]\nservice = \"s3\"\nazs = 3\ncount = 7\ngb_per_month = 1000\n\
         [[nat_gateway]]\ncount = 3\ngb_per_month = 100.1\n[[hosted_zone]]\ncount = 30\n",
    );
    let per_az: Decimal = e.per_az.values().copied().sum();
    let lines: Decimal = e.lines.iter().map(|l| l.monthly).sum();
    assert_eq!(per_az, e.monthly);
    assert_eq!(lines, e.monthly);
    // 7 × 3 × 730 × 0.01 = 153.30; 1000 × 0.01 = 10; NAT 3 × 730 × 0.045 = 98.55;
    // NAT data 100.1 × 0.045 = 4.5045; zones 25 × 0.5 + 5 × 0.1 = 13.00
    assert_eq!(e.monthly, dec!(279.3545));
}

#[test]
fn hours_per_month_is_a_setting() {
    let e = eval("region = \"us-east-1\"\nhours_per_month = 720\n[[nat_gateway]]\ncount = 2\n");
    // 2 × 720 × 0.045 = 64.80
    assert_eq!(e.monthly, dec!(64.80));
    assert_eq!(e.hourly, dec!(0.09));
}

#[test]
fn free_allowances_and_second_tiers() {
    // 60 AWS health checks: first 50 free, 10 × 0.50 = 5.00; 2 optional features each:
    // 120 × 1.00 = 120.00. Profile with 150 associations: 730 × 0.75 = 547.50, plus
    // 50 × 730 × 0.0014 = 51.10. 1.5 billion Resolver queries: 1000 × 0.40 + 500 × 0.20 = 500.
    let e = eval(
        "region = \"us-east-1\"\n[[health_check]]\ncount = 60\noptional_features = 2\n\
         [[route53_profile]]\nvpc_associations = 150\n\
         [[resolver_endpoint]]\ndirection = \"outbound\"\nips = 2\nqueries_per_month = 1500000000\n",
    );
    assert_eq!(component(&e, "health_check_month"), dec!(5.00));
    assert_eq!(component(&e, "health_check_feature_month"), dec!(120.00));
    assert_eq!(component(&e, "route53_profile_hour"), dec!(547.50));
    assert_eq!(
        component(&e, "route53_profile_association_hour"),
        dec!(51.10)
    );
    assert_eq!(component(&e, "resolver_queries"), dec!(500));
}

#[test]
fn transfer_is_billed_per_side_and_per_destination() {
    // cross-AZ: 1000 GB × 2 sides × 0.01 = 20; inter-Region to us-west-2: 500 × 0.02 = 10
    let e = eval(
        "region = \"us-east-1\"\n[[data_transfer]]\nkind = \"cross-az\"\ngb_per_month = 1000\n\
         [[data_transfer]]\nkind = \"inter-region\"\nto_region = \"us-west-2\"\ngb_per_month = 500\n",
    );
    assert_eq!(component(&e, "cross_az_gb"), dec!(20));
    assert_eq!(component(&e, "inter_region_gb"), dec!(10));
    assert_eq!(e.monthly, dec!(30));
}

#[test]
fn nlb_and_arc_and_tgw() {
    // NLB: 730 × 0.0225 = 16.425; 2 NLCU × 730 × 0.006 = 8.76. ARC: 730 × 2.5 = 1825.
    // TGW: 3 × 730 × 0.05 = 109.50 + 100 GB × 0.02 = 2.
    let e = eval(
        "region = \"us-east-1\"\n[[nlb]]\nnlcu_per_hour = 2\n[[arc_cluster]]\ncount = 1\n\
         [[tgw_attachment]]\ncount = 3\ngb_per_month = 100\n",
    );
    assert_eq!(component(&e, "nlb_hour"), dec!(16.425));
    assert_eq!(component(&e, "nlb_nlcu_hour"), dec!(8.76));
    assert_eq!(component(&e, "arc_cluster_hour"), dec!(1825));
    assert_eq!(component(&e, "tgw_attachment_hour"), dec!(109.50));
    assert_eq!(component(&e, "tgw_gb"), dec!(2));
    assert!(
        !e.warnings.is_empty(),
        "unverified NLB/ARC prices are flagged"
    );
}

#[test]
fn capacity_spreads_peak_over_enis_and_over_survivors_on_az_loss() {
    // 2 endpoints × 3 AZ = 6 ENIs; 30 Gbps peak → 5 Gbps per ENI (50 % of 10, headroom 5).
    // Lose one AZ (2 ENIs): 30 / 4 = 7.5 Gbps, still ok.
    let e = eval(
        "region = \"us-east-1\"\n[[interface_endpoint]]\nservice = \"s3\"\nazs = 3\ncount = 2\npeak_gbps = 30\n",
    );
    assert_eq!(e.capacity.len(), 3);
    let c = &e.capacity[0];
    assert_eq!(c.units, 2);
    assert_relative_eq!(c.load, 5.0);
    assert_relative_eq!(c.headroom, 5.0);
    assert_relative_eq!(c.headroom_pct, 50.0);
    assert_relative_eq!(c.utilization_pct, 50.0);
    assert_eq!(c.status, Status::Ok);
    assert_relative_eq!(c.az_loss_load.unwrap(), 7.5);
    assert_eq!(c.az_loss_status, Status::Ok);

    // 1 endpoint × 2 AZ, 30 Gbps: 15 per ENI → burst; AZ lost: 30 on one ENI → burst;
    // 90 Gbps: 45 per ENI → over (burst limit 40).
    let e = eval(
        "region = \"us-east-1\"\n[[interface_endpoint]]\nservice = \"s3\"\nazs = 2\npeak_gbps = 30\n",
    );
    assert_eq!(e.status, Status::Burst);
    assert_eq!(e.az_loss_status, Status::Burst);
    assert_relative_eq!(e.min_headroom_pct.unwrap(), -50.0);
    let e = eval(
        "region = \"us-east-1\"\n[[interface_endpoint]]\nservice = \"s3\"\nazs = 2\npeak_gbps = 90\n",
    );
    assert_eq!(e.status, Status::Over);
    // The `current` profile scales to 100 Gbps per ENI: 45 is burst, not over.
    let e = eval(
        "region = \"us-east-1\"\nlimits = \"current\"\n[[interface_endpoint]]\nservice = \"s3\"\nazs = 2\npeak_gbps = 90\n",
    );
    assert_eq!(e.status, Status::Burst);
    // A single-AZ endpoint does not survive the loss of its AZ.
    let e = eval(
        "region = \"us-east-1\"\n[[interface_endpoint]]\nservice = \"s3\"\nazs = 1\npeak_gbps = 1\n",
    );
    assert_eq!(e.az_loss_status, Status::Down);
    assert!(e.capacity[0].az_loss_load.is_none());
}

#[test]
fn average_rate_floors_the_load_when_no_peak_is_given() {
    // 1,000,000 GB/month over 730 h: 1e6 × 2^30 × 8 / (730 × 3600) / 1e9 = 3.26862... Gbps,
    // over 2 ENIs = 1.63431... each.
    let e = eval(
        "region = \"us-east-1\"\n[[interface_endpoint]]\nservice = \"s3\"\nazs = 2\ngb_per_month = 1000000\n",
    );
    let want = 1e6 * 1_073_741_824.0 * 8.0 / (730.0 * 3600.0) / 1e9 / 2.0;
    assert_relative_eq!(e.capacity[0].load, want, max_relative = 1e-12);
    assert_relative_eq!(e.capacity[0].load, 1.634_31, max_relative = 1e-5);
}

#[test]
fn nat_gateways_are_one_per_az_and_resolver_ips_are_checked_in_qps() {
    // 4 NAT gateways over 3 AZs: 2,1,1; 12 Gbps → 3 per NAT (limit 5 sustained).
    // Losing the AZ with 2 leaves 2 NATs: 6 each → burst (scales to 100).
    let e = eval("region = \"us-east-1\"\n[[nat_gateway]]\ncount = 4\nazs = 3\npeak_gbps = 12\n");
    assert_eq!(
        e.capacity.iter().map(|c| c.units).collect::<Vec<_>>(),
        vec![2, 1, 1]
    );
    assert_relative_eq!(e.capacity[0].load, 3.0);
    assert_relative_eq!(e.capacity[0].az_loss_load.unwrap(), 6.0);
    assert_eq!(e.az_loss_status, Status::Burst);
    let e = eval(
        "region = \"us-east-1\"\n[[resolver_endpoint]]\ndirection = \"inbound\"\nips = 3\npeak_qps = 24000\n",
    );
    assert_eq!(e.capacity[0].unit, "qps");
    assert_relative_eq!(e.capacity[0].load, 8000.0);
    assert_relative_eq!(e.capacity[0].az_loss_load.unwrap(), 12000.0);
    assert_eq!(e.az_loss_status, Status::Over);
}

#[test]
fn absurd_quantities_are_an_overflow_error_not_a_panic() {
    let book = PriceBook::builtin().unwrap();
    // The parser refuses such volumes; the engine's checked arithmetic is the second line
    // of defence, for scenarios built in code (designs, sweeps).
    let mut s = parse_scenario(
        "t.toml",
        "region = \"us-east-1\"\n[[nat_gateway]]\n[[nat_gateway]]\n",
        &book,
    )
    .unwrap();
    for r in &mut s.resources {
        r.gb_per_month = dec!(70000000000000000000000000000);
    }
    let e = evaluate(&s, &book).unwrap_err().to_string();
    assert!(e.contains("too large"), "{e}");
}
