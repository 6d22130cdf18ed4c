//! The built-in book outside us-east-1: a workload in eu-west-1 (and in every Region the
//! book prices completely) prices every design it allows, with figures pinned by hand;
//! `pricing coverage` says what each Region lacks; an old book warns once.

use crate::common::*;
use vpceplan::pricing::PriceBook;
use vpceplan::pricing::coverage::{Status, coverage};

/// The issue's example: a four-service, five-spoke workload.
fn workload(region: &str) -> String {
    format!(
        r#"name = "four-services-{region}"
region = "{region}"

[workload]
spokes = 5
azs = 3
services = ["s3", "ecr.api", "ecr.dkr", "logs"]
gb_per_month_per_spoke = 100
peak_gbps_per_spoke = 0.5
onprem_gb_per_month = 0
dns_queries_per_month = 0

[compare]
designs = ["nat", "distributed", "centralized", "gateway-where-possible"]
"#
    )
}

fn run_csv(dir: &std::path::Path, file: &std::path::Path) -> Vec<(String, String, String)> {
    let o = vpceplan(
        dir,
        &[
            "run",
            file.to_str().unwrap(),
            "--no-write",
            "--format",
            "csv",
        ],
    );
    assert!(o.status.success(), "{}\n{}", stdout(&o), stderr(&o));
    let mut r = csv::Reader::from_reader(o.stdout.as_slice());
    let h = r.headers().unwrap().clone();
    let col = |n: &str| h.iter().position(|x| x == n).unwrap();
    let (s, m, st) = (col("scenario"), col("monthly_usd"), col("status"));
    r.records()
        .map(|x| {
            let x = x.unwrap();
            (x[s].to_string(), x[m].to_string(), x[st].to_string())
        })
        .collect()
}

#[test]
fn eu_west_1_prices_every_design_of_the_workload() {
    let d = tmp();
    let f = write(d.path(), "w.toml", &workload("eu-west-1"));
    let got = run_csv(d.path(), &f);
    // 5 spokes × 3 AZs, 4 services, 100 GB per spoke (500 GB), 730 h, eu-west-1 prices:
    // NAT 0.048/h and /GB; endpoint 0.011 per endpoint-AZ-hour, 0.01/GB (first tier);
    // TGW 0.05/h, 0.02/GB; Route 53 Profile 0.75/h.
    //   nat: 15 NAT × 730 × 0.048 = 525.60; 500 × 0.048 = 24.00 → 549.60
    //   distributed: 4 × 5 × 3 = 60 endpoint-AZs × 730 × 0.011 = 481.80; 500 × 0.01 = 5.00
    //     → 486.80
    //   centralized: hub 4 × 3 = 12 endpoint-AZs × 730 × 0.011 = 96.36; 500 × 0.01 = 5.00;
    //     6 TGW attachments × 730 × 0.05 = 219.00; 500 × 0.02 = 10.00; Profile 730 × 0.75
    //     = 547.50 → 877.86
    //   gateway-where-possible: S3 free by gateway; 3 × 15 = 45 endpoint-AZs × 730 ×
    //     0.011 = 361.35; 3/4 × 500 = 375 GB × 0.01 = 3.75 → 365.10
    let want = [
        ("four-services-eu-west-1/nat", "549.60"),
        ("four-services-eu-west-1/distributed", "486.80"),
        ("four-services-eu-west-1/centralized", "877.86"),
        ("four-services-eu-west-1/gateway-where-possible", "365.10"),
    ];
    assert_eq!(got.len(), 4, "{got:?}");
    for (name, usd) in want {
        let row = got
            .iter()
            .find(|(n, _, _)| n == name)
            .unwrap_or_else(|| panic!("{name}: {got:?}"));
        assert_eq!((row.1.as_str(), row.2.as_str()), (usd, "ok"), "{name}");
    }
}

/// The components a single-Region workload's designs draw on.
const WORKLOAD_COMPONENTS: &[&str] = &[
    "interface_endpoint_hour",
    "interface_endpoint_gb",
    "gateway_endpoint_hour",
    "gateway_endpoint_gb",
    "nat_gateway_hour",
    "nat_gateway_gb",
    "tgw_attachment_hour",
    "tgw_gb",
    "route53_profile_hour",
    "route53_profile_association_hour",
];

#[test]
fn every_region_the_book_prices_completely_prices_the_workload() {
    let book = PriceBook::builtin().unwrap();
    // The `global` row (Route 53 and ARC, priced without a Region) is no Region to place
    // a workload in.
    let claimed: Vec<String> = coverage(&book, None)
        .into_iter()
        .filter(|r| r.region != vpceplan::pricing::GLOBAL)
        .filter(|r| {
            r.cells
                .iter()
                .filter(|c| WORKLOAD_COMPONENTS.contains(&c.component))
                .all(|c| c.status != Status::Missing)
        })
        .map(|r| r.region)
        .collect();
    // The README's "Prices" section lists these; a Region added to the book shows here.
    assert_eq!(claimed, vec!["eu-west-1", "us-east-1"]);
    let d = tmp();
    for region in &claimed {
        let f = write(d.path(), &format!("{region}.toml"), &workload(region));
        let got = run_csv(d.path(), &f);
        assert_eq!(got.len(), 4, "{region}: {got:?}");
        assert!(got.iter().all(|(_, _, s)| s == "ok"), "{region}: {got:?}");
    }
}

#[test]
fn a_region_without_prices_still_fails_with_no_price() {
    let d = tmp();
    let f = write(d.path(), "w.toml", &workload("af-south-1"));
    let o = vpceplan(d.path(), &["run", f.to_str().unwrap(), "--no-write"]);
    assert_eq!(o.status.code(), Some(1));
    let e = stderr(&o);
    assert!(
        e.contains("no price for `interface_endpoint_hour` in Region af-south-1"),
        "{e}"
    );
}

#[test]
fn coverage_shows_what_each_region_lacks() {
    let d = tmp();
    let o = vpceplan(d.path(), &["pricing", "coverage", "--csv"]);
    assert!(o.status.success());
    let text = stdout(&o);
    let mut r = csv::Reader::from_reader(text.as_bytes());
    let h = r.headers().unwrap().clone();
    let col = |n: &str| h.iter().position(|x| x == n).unwrap();
    let rows: Vec<csv::StringRecord> = r.records().map(|x| x.unwrap()).collect();
    let get =
        |region: &str, c: &str| rows.iter().find(|x| &x[0] == region).unwrap()[col(c)].to_string();
    assert_eq!(get("us-east-1", "nat_gateway_hour"), "priced");
    assert_eq!(get("eu-west-1", "interface_endpoint_hour"), "unverified");
    assert_eq!(get("eu-west-1", "nlb_hour"), "missing");
    assert_eq!(get("eu-west-1", "cross_az_gb"), "priced");
    assert_eq!(get("sa-east-1", "nat_gateway_gb"), "priced");
    let o = vpceplan(
        d.path(),
        &["pricing", "coverage", "--region", "ap-southeast-1"],
    );
    let text = stdout(&o);
    assert!(
        text.contains("interface_endpoint_gb") && text.contains("no price past 1048576"),
        "{text}"
    );
    let o = vpceplan(d.path(), &["pricing", "coverage", "--region", "mars-1"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("unknown Region `mars-1`"));
}

#[test]
fn an_old_book_warns_once_and_the_limit_is_configurable() {
    let d = tmp();
    let run = |envs: &[(&str, &str)], args: &[&str]| {
        let mut c = std::process::Command::new(env!("CARGO_BIN_EXE_vpceplan"));
        c.current_dir(d.path())
            .args(args)
            .env_remove("VPCEPLAN_MAX_BOOK_AGE");
        for (k, v) in envs {
            c.env(k, v);
        }
        c.output().unwrap()
    };
    // book.csv: snapshot 2026-12-01; 2027-07-01 is 212 days later (31+31+28+31+30+31+30)
    let o = run(&[("VPCEPLAN_TODAY", "2027-07-01")], &["pricing", "limits"]);
    let e = stderr(&o);
    assert_eq!(e.matches("price book is 212 days old").count(), 1, "{e}");
    assert!(e.contains("vpceplan pricing fetch"), "{e}");
    let o = run(
        &[("VPCEPLAN_TODAY", "2027-07-01")],
        &["--max-book-age", "365", "pricing", "limits"],
    );
    assert!(!stderr(&o).contains("days old"));
    let o = run(
        &[
            ("VPCEPLAN_TODAY", "2027-07-01"),
            ("VPCEPLAN_MAX_BOOK_AGE", "0"),
        ],
        &["pricing", "limits"],
    );
    assert!(!stderr(&o).contains("days old"));
    let o = run(&[("VPCEPLAN_TODAY", "2026-12-02")], &["pricing", "limits"]);
    assert!(!stderr(&o).contains("days old"));
    let o = run(&[("VPCEPLAN_MAX_BOOK_AGE", "soon")], &["pricing", "limits"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("VPCEPLAN_MAX_BOOK_AGE"));
}

#[test]
fn a_star_row_prices_destinations_without_a_row_of_their_own() {
    let book = PriceBook::builtin().unwrap();
    // eu-west-1 → us-west-1 has its own row; → eu-central-1 falls to the `*` row
    let own = book
        .ladder("eu-west-1", "inter_region_gb", "us-west-1")
        .unwrap();
    assert_eq!(own[0].variant, "us-west-1");
    let any = book
        .ladder("eu-west-1", "inter_region_gb", "eu-central-1")
        .unwrap();
    assert_eq!(any[0].variant, "*");
    assert!(!any[0].verified);
    // us-east-1 → us-east-2 keeps its own (cheaper) price
    let e = book
        .ladder("us-east-1", "inter_region_gb", "us-east-2")
        .unwrap();
    assert_eq!(e[0].usd.to_string(), "0.01");
    // no `*` fallback for a component without variants
    assert!(book.ladder("af-south-1", "nat_gateway_hour", "").is_none());
}
