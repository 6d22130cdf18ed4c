//! `vpceplan pricing diff`: two small books written here, five scenarios, every delta
//! computed by hand in the comments.

use crate::common::*;
use std::path::Path;

const HEAD: &str =
    "region,component,variant,tier_from,tier_to,unit,usd,effective,source,verified\n";

const OLD: &str = "\
us-east-1,interface_endpoint_hour,,0,,endpoint-AZ-hour,0.01,2026-01-01,old,yes
us-east-1,interface_endpoint_gb,,0,1048576,GB,0.01,2026-01-01,old,yes
us-east-1,interface_endpoint_gb,,1048576,5242880,GB,0.006,2026-01-01,old,yes
us-east-1,interface_endpoint_gb,,5242880,,GB,0.004,2026-01-01,old,yes
us-east-1,resolver_endpoint_ip_hour,,0,,ENI-hour,0.125,2026-01-01,old,yes
global,hosted_zone_month,,0,25,zone-month,0.50,2026-01-01,old,yes
global,hosted_zone_month,,25,,zone-month,0.10,2026-01-01,old,yes
us-east-1,nlb_hour,,0,,NLB-hour,0.0225,2026-01-01,old,yes
us-east-1,nat_gateway_hour,,0,,NAT-hour,0.045,2026-01-01,old,yes
";

/// Endpoint hours +10 %, the second GB tier and Resolver IPs cheaper, NLB hours gone, a
/// Resolver price for eu-west-1 added, the NAT gateway row restamped (same price).
const NEW: &str = "\
us-east-1,interface_endpoint_hour,,0,,endpoint-AZ-hour,0.011,2026-02-01,new,yes
us-east-1,interface_endpoint_gb,,0,1048576,GB,0.01,2026-01-01,old,yes
us-east-1,interface_endpoint_gb,,1048576,5242880,GB,0.005,2026-02-01,new,yes
us-east-1,interface_endpoint_gb,,5242880,,GB,0.004,2026-01-01,old,yes
us-east-1,resolver_endpoint_ip_hour,,0,,ENI-hour,0.1,2026-02-01,new,yes
global,hosted_zone_month,,0,25,zone-month,0.5,2026-01-01,old,yes
global,hosted_zone_month,,25,,zone-month,0.10,2026-01-01,old,yes
us-east-1,nat_gateway_hour,,0,,NAT-hour,0.045,2026-02-01,new,yes
eu-west-1,resolver_endpoint_ip_hour,,0,,ENI-hour,0.125,2026-02-01,new,yes
";

fn setup(dir: &Path) {
    write(dir, "old/prices.csv", &format!("{HEAD}{OLD}"));
    write(dir, "new/prices.csv", &format!("{HEAD}{NEW}"));
    // old: 2 × 2 AZ × 730 h × 0.01 = 29.20; 2 IPs × 730 h × 0.125 = 182.50; zone 0.50
    //      = 212.20
    // new: 2 × 2 × 730 × 0.011 = 32.12; 2 × 730 × 0.1 = 146.00; 0.50 = 178.62
    // delta −33.58; −33.58 / 212.20 × 100 = −15.8247 → −15.82
    write(
        dir,
        "scenarios/a-console.toml",
        "name = \"a-console\"\nregion = \"us-east-1\"\n\
         [[interface_endpoint]]\nservice = \"console\"\nazs = 2\n\
         [[interface_endpoint]]\nservice = \"signin\"\nazs = 2\n\
         [[resolver_endpoint]]\ndirection = \"inbound\"\nips = 2\n\
         [[hosted_zone]]\ncount = 1\n",
    );
    // old: no eu-west-1 Resolver price → fails; new: 2 × 730 × 0.125 = 182.50
    write(
        dir,
        "scenarios/b-eu.toml",
        "name = \"b-eu\"\nregion = \"eu-west-1\"\n\
         [[resolver_endpoint]]\ndirection = \"inbound\"\nips = 2\n",
    );
    // old: 730 × 0.0225 = 16.425 → 16.43 (half away from zero); new: no NLB price → fails
    write(
        dir,
        "scenarios/c-nlb.toml",
        "name = \"c-nlb\"\nregion = \"us-east-1\"\n[[nlb]]\nazs = 1\n",
    );
    // old: 730 × 0.01 = 7.30; 1,048,576 × 0.01 + 951,424 × 0.006 = 10,485.76 + 5,708.544
    //      = 16,194.304; total 16,201.604 → 16,201.60
    // new: 730 × 0.011 = 8.03; 10,485.76 + 951,424 × 0.005 = 4,757.12 → 15,242.88;
    //      total 15,250.91
    // delta −950.694 → −950.69; −950.694 / 16,201.604 × 100 = −5.8679 → −5.87
    write(
        dir,
        "scenarios/d-big.toml",
        "name = \"d-big\"\nregion = \"us-east-1\"\n\
         [[interface_endpoint]]\nservice = \"s3\"\nazs = 1\ngb_per_month = 2000000\n",
    );
    // 1 zone × 0.50 under both: same
    write(
        dir,
        "scenarios/e-zone.toml",
        "name = \"e-zone\"\nregion = \"us-east-1\"\n[[hosted_zone]]\ncount = 1\n",
    );
}

#[test]
fn diff_lists_price_changes_and_scenario_moves_computed_by_hand() {
    let dir = tmp();
    setup(dir.path());
    let o = vpceplan(
        dir.path(),
        &["pricing", "diff", "old", "new", "--out", "diff"],
    );
    // b-eu fails under OLD and c-nlb under NEW: exit 1.
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let prices = std::fs::read_to_string(dir.path().join("diff/price_diff.csv")).unwrap();
    assert_eq!(
        prices,
        "change,region,component,variant,tier_from,old_tier_to,new_tier_to,unit,old_usd,new_usd,delta_usd,delta_pct,changed_fields,old_effective,new_effective\n\
         added,eu-west-1,resolver_endpoint_ip_hour,,0,,,ENI-hour,,0.125,,,,,2026-02-01\n\
         changed,us-east-1,interface_endpoint_gb,,1048576,5242880,5242880,GB,0.006,0.005,-0.001,-16.67,usd,2026-01-01,2026-02-01\n\
         changed,us-east-1,interface_endpoint_hour,,0,,,endpoint-AZ-hour,0.01,0.011,0.001,10.00,usd,2026-01-01,2026-02-01\n\
         removed,us-east-1,nlb_hour,,0,,,NLB-hour,0.0225,,,,,2026-01-01,\n\
         changed,us-east-1,resolver_endpoint_ip_hour,,0,,,ENI-hour,0.125,0.1,-0.025,-20.00,usd,2026-01-01,2026-02-01\n"
    );
    let scen = std::fs::read_to_string(dir.path().join("diff/scenario_diff.csv")).unwrap();
    let lines: Vec<&str> = scen.lines().collect();
    assert_eq!(
        lines[0],
        "scenario,file,status,old_monthly_usd,new_monthly_usd,delta_usd,delta_pct,old_error,new_error"
    );
    assert_eq!(
        lines[1],
        "a-console,scenarios/a-console.toml,changed,212.20,178.62,-33.58,-15.82,,"
    );
    assert!(
        lines[2].starts_with("b-eu,scenarios/b-eu.toml,fails_old,,182.50,,,")
            && lines[2].contains("resolver_endpoint_ip_hour")
            && lines[2].ends_with(','),
        "{}",
        lines[2]
    );
    assert!(
        lines[3].starts_with("c-nlb,scenarios/c-nlb.toml,fails_new,16.43,,,,,")
            && lines[3].contains("nlb_hour"),
        "{}",
        lines[3]
    );
    assert_eq!(
        lines[4],
        "d-big,scenarios/d-big.toml,changed,16201.60,15250.91,-950.69,-5.87,,"
    );
    assert_eq!(
        lines[5],
        "e-zone,scenarios/e-zone.toml,same,0.50,0.50,0.00,0.00,,"
    );
    assert_eq!(lines.len(), 6);

    let text = stdout(&o);
    assert!(text.contains("prices: old → new"), "{text}");
    assert!(
        text.contains(
            "1 added, 1 removed, 3 changed; 5 unchanged (1 with only a new effective date, source or verified flag)"
        ),
        "{text}"
    );
    let row = |name: &str| {
        text.lines()
            .find(|l| l.starts_with(&format!("{name} ")))
            .unwrap_or_else(|| panic!("no row {name} in\n{text}"))
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    assert_eq!(
        row("a-console"),
        "a-console 212.20 178.62 -33.58 -15.82 changed"
    );
    assert_eq!(row("b-eu"), "b-eu error 182.50 - - fails under OLD");
    assert_eq!(row("c-nlb"), "c-nlb 16.43 error - - fails under NEW");
    assert_eq!(row("e-zone"), "e-zone 0.50 0.50 0.00 0.00 same");
    // The failures are shown with their message, not hidden.
    assert!(
        text.contains("b-eu fails under OLD (old): no price for `resolver_endpoint_ip_hour` in Region eu-west-1"),
        "{text}"
    );
    assert!(
        text.contains("c-nlb fails under NEW (new): no price for `nlb_hour`"),
        "{text}"
    );
    assert!(
        text.contains("5 scenario(s): 2 changed, 1 same, 2 failed under one book or both"),
        "{text}"
    );
    // A price rise reads as one in the table.
    let hour = text
        .lines()
        .find(|l| l.contains("interface_endpoint_hour"))
        .unwrap();
    assert!(hour.contains("+0.001") && hour.contains("+10.00"), "{hour}");
}

#[test]
fn scenarios_can_be_chosen_and_all_pricing_is_exit_zero() {
    let dir = tmp();
    setup(dir.path());
    let o = vpceplan(
        dir.path(),
        &[
            "pricing",
            "diff",
            "old",
            "new",
            "--scenarios",
            "scenarios/a-console.toml",
            "scenarios/e-zone.toml",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("2 scenario(s): 1 changed, 1 same, 0 failed"));
    assert!(
        !dir.path().join("diff").exists(),
        "nothing written without --out"
    );
}

#[test]
fn builtin_names_the_compiled_in_book() {
    let dir = tmp();
    // A copy of the built-in book: no price changes, every bundled scenario the same.
    for f in ["prices.csv", "regions.csv", "limits.csv"] {
        let text = std::fs::read_to_string(root().join("pricing").join(f)).unwrap();
        write(dir.path(), &format!("copy/{f}"), &text);
    }
    let copy = dir.path().join("copy");
    let o = vpceplan(
        &root(),
        &["pricing", "diff", "builtin", copy.to_str().unwrap()],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(text.contains("prices: built-in → "), "{text}");
    assert!(text.contains("no price changes"), "{text}");
    assert!(
        text.contains("0 changed,") && text.contains(" 0 failed"),
        "{text}"
    );
}

#[test]
fn without_scenarios_folder_prices_are_still_compared() {
    let dir = tmp();
    setup(dir.path());
    std::fs::remove_dir_all(dir.path().join("scenarios")).unwrap();
    let o = vpceplan(dir.path(), &["pricing", "diff", "old", "new", "--out", "d"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("comparing prices only"),
        "{}",
        stderr(&o)
    );
    let scen = std::fs::read_to_string(dir.path().join("d/scenario_diff.csv")).unwrap();
    assert_eq!(scen.lines().count(), 1, "header only");
}

#[test]
fn a_book_that_does_not_load_is_an_error_naming_it() {
    let dir = tmp();
    setup(dir.path());
    let o = vpceplan(dir.path(), &["pricing", "diff", "old", "missing"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("missing"), "{}", stderr(&o));
}

#[test]
fn workload_scenarios_are_compared_design_by_design() {
    // The built-in book with the interface-endpoint hour raised from 0.01 to 0.011.
    let dir = tmp();
    let prices = std::fs::read_to_string(root().join("pricing/prices.csv")).unwrap();
    let edited = prices.replace(
        "us-east-1,interface_endpoint_hour,,0,,endpoint-AZ-hour,0.01,",
        "us-east-1,interface_endpoint_hour,,0,,endpoint-AZ-hour,0.011,",
    );
    assert_ne!(prices, edited, "the built-in row to edit is there");
    write(dir.path(), "next/prices.csv", &edited);
    let next = dir.path().join("next");
    let o = vpceplan(
        &root(),
        &[
            "--quiet",
            "pricing",
            "diff",
            "builtin",
            next.to_str().unwrap(),
            "--scenarios",
            "scenarios/lambda-workload.toml",
            "--out",
            dir.path().join("d").to_str().unwrap(),
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let scen = std::fs::read_to_string(dir.path().join("d/scenario_diff.csv")).unwrap();
    // nat: no interface endpoint, 188.55 both times.
    // distributed: 3 endpoint-AZs × 730 h × 0.001 = +2.19; 41.90 → 44.09;
    //   2.19 / 41.90 × 100 = 5.2267 → 5.23
    assert_eq!(
        scen,
        "scenario,file,status,old_monthly_usd,new_monthly_usd,delta_usd,delta_pct,old_error,new_error\n\
         lambda-workload/nat,scenarios/lambda-workload.toml,same,188.55,188.55,0.00,0.00,,\n\
         lambda-workload/distributed,scenarios/lambda-workload.toml,changed,41.90,44.09,2.19,5.23,,\n"
    );
}
