//! `vpceplan import cur`: fixtures written from the export schemas (tests/export_writer),
//! with hand-computed figures; bad inputs; and a property test that a scenario priced by
//! vpceplan, written out as a synthetic CUR, reads back and reconciles to the cent.

use crate::export_writer;

use std::path::Path;

use crate::common::{stderr, stdout, tmp, vpceplan};
use crate::export_writer::{Item, cur2_csv, cur2_parquet, focus_csv, gzip, legacy_csv};
use parquet::basic::Compression;
use proptest::prelude::*;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;
use vpceplan::bill::reconcile::{Status, reconcile};
use vpceplan::bill::{Aggregator, baseline::baseline, read::read_csv};
use vpceplan::pricing::PriceBook;

const A: &str = "111111111111";
const B: &str = "222222222222";
const NET: &str = "999999999999";

fn u(
    account: &str,
    region: &str,
    ut: &str,
    res: &str,
    amount: &str,
    rate: &str,
    cost: &str,
) -> Item {
    Item::usage(account, region, ut, res, amount, rate, cost)
}

/// `vpceplan import cur FILE --out OUT`, run in `dir`.
fn import_cur(dir: &Path, file: &Path, out: &Path) -> std::process::Output {
    vpceplan(
        dir,
        &[
            "import",
            "cur",
            file.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ],
    )
}

/// Rows of a CSV file as maps from header to value.
fn csv_rows(path: &Path) -> Vec<std::collections::BTreeMap<String, String>> {
    let mut r = csv::Reader::from_path(path).unwrap();
    let h = r.headers().unwrap().clone();
    r.records()
        .map(|rec| {
            let rec = rec.unwrap();
            h.iter()
                .zip(rec.iter())
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect()
        })
        .collect()
}

fn find<'a>(
    rows: &'a [std::collections::BTreeMap<String, String>],
    pairs: &[(&str, &str)],
) -> &'a std::collections::BTreeMap<String, String> {
    rows.iter()
        .find(|r| {
            pairs
                .iter()
                .all(|(k, v)| r.get(*k).map(String::as_str) == Some(*v))
        })
        .unwrap_or_else(|| panic!("no row with {pairs:?} in {rows:#?}"))
}

/// A NAT-heavy account in two Regions (October 2026: 31 days = 744 h).
fn nat_heavy() -> Vec<Item> {
    vec![
        // us-east-1 (no prefix on NAT usage types): 2 NAT gateways all month.
        u(
            A,
            "us-east-1",
            "NatGateway-Hours",
            "arn:aws:ec2:us-east-1:111111111111:natgateway/nat-a1",
            "744",
            "0.045",
            "33.48",
        ),
        u(
            A,
            "us-east-1",
            "NatGateway-Hours",
            "arn:aws:ec2:us-east-1:111111111111:natgateway/nat-a2",
            "744",
            "0.045",
            "33.48",
        ),
        u(
            A,
            "us-east-1",
            "NatGateway-Bytes",
            "arn:aws:ec2:us-east-1:111111111111:natgateway/nat-a1",
            "12000",
            "0.045",
            "540",
        ),
        u(
            A,
            "us-east-1",
            "NatGateway-Bytes",
            "arn:aws:ec2:us-east-1:111111111111:natgateway/nat-a2",
            "8000",
            "0.045",
            "360",
        ),
        // eu-west-1 (prefix EU): 1 NAT gateway; its bytes in three line items.
        u(
            A,
            "eu-west-1",
            "EU-NatGateway-Hours",
            "nat-e1",
            "744",
            "0.048",
            "35.712",
        ),
        u(
            A,
            "eu-west-1",
            "EU-NatGateway-Bytes",
            "nat-e1",
            "2000",
            "0.048",
            "96",
        ),
        u(
            A,
            "eu-west-1",
            "EU-NatGateway-Bytes",
            "nat-e1",
            "2000",
            "0.048",
            "96",
        ),
        u(
            A,
            "eu-west-1",
            "EU-NatGateway-Bytes",
            "nat-e1",
            "1000",
            "0.048",
            "48",
        ),
        // Not priced by vpceplan, and not usage.
        u(
            A,
            "us-east-1",
            "BoxUsage:m5.large",
            "i-0abc",
            "744",
            "0.096",
            "71.424",
        ),
        u(A, "", "", "", "0", "", "50").kind("Tax"),
    ]
}

#[test]
fn nat_heavy_account_in_two_regions_from_cur2_parquet() {
    let dir = tmp();
    let file = dir.path().join("cur-00001.snappy.parquet");
    cur2_parquet(&nat_heavy(), &file, Compression::SNAPPY);
    let out = dir.path().join("out");
    let o = import_cur(dir.path(), &file, &out);
    assert!(o.status.success(), "{}{}", stdout(&o), stderr(&o));
    let text = stdout(&o);
    // 33.48 × 2 + 540 + 360 + 35.712 + 96 + 96 + 48 = 1,242.672
    assert!(text.contains("usage vpceplan prices: $1242.67"), "{text}");
    assert!(text.contains("other usage: $71.42"), "{text}");
    assert!(
        text.contains("not usage (tax, credits, fees...): $50.00"),
        "{text}"
    );
    assert!(
        text.contains("vpceplan $1242.67 vs export $1242.67"),
        "{text}"
    );
    let bill = csv_rows(&out.join("bill.csv"));
    let e1 = find(
        &bill,
        &[("region", "eu-west-1"), ("component", "nat_gateway_gb")],
    );
    assert_eq!(e1["quantity"], "5000"); // 2000 + 2000 + 1000 GB
    assert_eq!(e1["export_cost_usd"], "240.00"); // 5000 × 0.048
    assert_eq!(e1["line_items"], "3");
    let rec = csv_rows(&out.join("reconcile.csv"));
    for r in rec.iter().filter(|r| !r["component"].is_empty()) {
        assert_eq!(r["status"], "matches", "{r:?}");
    }
    let box_usage = find(&rec, &[("usage_type", "BoxUsage:m5.large")]);
    assert_eq!(box_usage["status"], "explained");
    assert!(box_usage["explanation"].contains("unknown usage type"));
    let toml = std::fs::read_to_string(out.join("baseline.toml")).unwrap();
    assert!(toml.contains("hours_per_month = 744"), "{toml}");
    assert!(toml.contains("region = \"us-east-1\""), "{toml}"); // the Region with the most cost
    assert_eq!(toml.matches("[[nat_gateway]]").count(), 3, "{toml}");
    assert!(toml.contains("name = \"111111111111 nat-a1\""), "{toml}");
    // The baseline is a valid scenario: `run` prices it to the same total.
    let o = vpceplan(
        dir.path(),
        &[
            "run",
            out.join("baseline.toml").to_str().unwrap(),
            "--no-write",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("1242.67"), "{}", stdout(&o));
}

/// A shared-services hub in a network account (legacy CUR, gzip CSV).
fn hub() -> Vec<Item> {
    vec![
        // Three interface endpoints in 2 AZs all month: 2 × 744 = 1,488 endpoint-AZ-hours.
        u(
            NET,
            "us-east-1",
            "USE1-VpcEndpoint-Hours",
            "vpce-s3",
            "1488",
            "0.01",
            "14.88",
        ),
        u(
            NET,
            "us-east-1",
            "USE1-VpcEndpoint-Hours",
            "vpce-ecr",
            "1488",
            "0.01",
            "14.88",
        ),
        u(
            NET,
            "us-east-1",
            "USE1-VpcEndpoint-Hours",
            "vpce-logs",
            "1488",
            "0.01",
            "14.88",
        ),
        u(
            NET,
            "us-east-1",
            "USE1-VpcEndpoint-Bytes",
            "vpce-s3",
            "20000",
            "0.01",
            "200",
        ),
        u(
            NET,
            "us-east-1",
            "USE1-VpcEndpoint-Bytes",
            "vpce-ecr",
            "10000",
            "0.01",
            "100",
        ),
        u(
            NET,
            "us-east-1",
            "USE1-VpcEndpoint-Bytes",
            "vpce-logs",
            "5000",
            "0.01",
            "50",
        ),
        // An endpoint in 1 AZ for half the month: 372 h.
        u(
            NET,
            "us-east-1",
            "USE1-VpcEndpoint-Hours",
            "vpce-tmp",
            "372",
            "0.01",
            "3.72",
        ),
        // TGW: the hub's attachment and one per spoke account; bytes sent in by each.
        u(
            NET,
            "us-east-1",
            "USE1-TransitGateway-Hours",
            "tgw-attach-hub",
            "744",
            "0.05",
            "37.2",
        ),
        u(
            A,
            "us-east-1",
            "USE1-TransitGateway-Hours",
            "tgw-attach-a",
            "744",
            "0.05",
            "37.2",
        ),
        u(
            B,
            "us-east-1",
            "USE1-TransitGateway-Hours",
            "tgw-attach-b",
            "744",
            "0.05",
            "37.2",
        ),
        u(
            A,
            "us-east-1",
            "USE1-TransitGateway-Bytes",
            "tgw-attach-a",
            "20000",
            "0.02",
            "400",
        ),
        u(
            B,
            "us-east-1",
            "USE1-TransitGateway-Bytes",
            "tgw-attach-b",
            "15000",
            "0.02",
            "300",
        ),
        u(
            NET,
            "us-east-1",
            "USE1-TransitGateway-Bytes",
            "tgw-attach-hub",
            "35000",
            "0.02",
            "700",
        ),
        // Resolver inbound endpoint, 2 IPs: 1,488 IP-hours × 0.125 = 186; 3 M queries × 0.40/M = 1.20.
        u(
            NET,
            "us-east-1",
            "USE1-ResolverNetworkInterface",
            "rslvr-in-1",
            "1488",
            "0.125",
            "186",
        ),
        u(
            NET,
            "us-east-1",
            "USE1-DNS-Queries",
            "rslvr-in-1",
            "3000000",
            "0.0000004",
            "1.2",
        ),
        // 3 private hosted zones (global): 3 × 0.50.
        u(NET, "", "HostedZone", "Z123", "3", "0.5", "1.5"),
        // Cross-AZ at a negotiated 0.008 instead of the book's 0.01: 1,000 GB = 8.00.
        u(
            NET,
            "us-east-1",
            "USE1-DataTransfer-Regional-Bytes",
            "",
            "1000",
            "0.008",
            "8",
        ),
        // A credit against endpoint bytes.
        u(
            NET,
            "us-east-1",
            "USE1-VpcEndpoint-Bytes",
            "vpce-s3",
            "0",
            "",
            "-25",
        )
        .kind("Credit"),
    ]
}

#[test]
fn shared_services_hub_from_legacy_gzip_csv() {
    let dir = tmp();
    let file = dir.path().join("hub-00001.csv.gz");
    std::fs::write(&file, gzip(&legacy_csv(&hub()))).unwrap();
    let out = dir.path().join("out");
    let o = import_cur(dir.path(), &file, &out);
    assert!(o.status.success(), "{}{}", stdout(&o), stderr(&o));
    let rec = csv_rows(&out.join("reconcile.csv"));
    // Endpoint bytes: 35,000 GB × 0.01 = 350.00 both sides; the export's net is 325.00.
    let b = find(
        &rec,
        &[("account", NET), ("component", "interface_endpoint_gb")],
    );
    assert_eq!(
        (
            b["export_cost_usd"].as_str(),
            b["vpceplan_cost_usd"].as_str()
        ),
        ("325.00", "350.00")
    );
    assert_eq!(b["status"], "explained");
    assert!(
        b["explanation"].contains("credits, refunds or discounts of -25"),
        "{b:?}"
    );
    // Endpoint hours: 3 × 1,488 + 372 = 4,836 in the export; the baseline counts vpce-tmp
    // as 1 AZ all month: 3 × 1,488 + 744 = 5,208 → 52.08 vs 48.36.
    let h = find(
        &rec,
        &[("account", NET), ("component", "interface_endpoint_hour")],
    );
    assert_eq!(
        (
            h["export_quantity"].as_str(),
            h["vpceplan_quantity"].as_str()
        ),
        ("4836", "5208")
    );
    assert_eq!(
        (
            h["export_cost_usd"].as_str(),
            h["vpceplan_cost_usd"].as_str()
        ),
        ("48.36", "52.08")
    );
    assert_eq!(h["status"], "explained");
    assert!(
        h["explanation"].contains("whole resources all month"),
        "{h:?}"
    );
    // Cross-AZ: a different price, both rates shown.
    let x = find(&rec, &[("component", "cross_az_gb")]);
    assert_eq!(
        (
            x["export_cost_usd"].as_str(),
            x["vpceplan_cost_usd"].as_str()
        ),
        ("8.00", "10.00")
    );
    assert!(
        x["explanation"].contains("different price: export 0.008 vs book 0.01"),
        "{x:?}"
    );
    // TGW bytes per account, each matching: 400, 300, 700.
    assert_eq!(
        find(&rec, &[("account", A), ("component", "tgw_gb")])["vpceplan_cost_usd"],
        "400.00"
    );
    assert_eq!(
        find(&rec, &[("account", NET), ("component", "tgw_gb")])["status"],
        "matches"
    );
    // Resolver: 186.00 + 1.20, queries in millions.
    let q = find(&rec, &[("component", "resolver_queries")]);
    assert_eq!(
        (
            q["export_quantity"].as_str(),
            q["vpceplan_cost_usd"].as_str()
        ),
        ("3", "1.20")
    );
    assert_eq!(
        find(&rec, &[("component", "resolver_endpoint_ip_hour")])["vpceplan_cost_usd"],
        "186.00"
    );
    // Hosted zones are global.
    let z = find(&rec, &[("component", "hosted_zone_month")]);
    assert_eq!(
        (z["region"].as_str(), z["status"].as_str()),
        ("global", "matches")
    );
    let toml = std::fs::read_to_string(out.join("baseline.toml")).unwrap();
    assert!(toml.contains("direction = \"inbound\""), "{toml}");
    assert!(toml.contains("queries_per_month = \"3000000\""), "{toml}");
    assert!(toml.contains("billed_sides = 1"), "{toml}");
    assert!(
        stdout(&o).contains("vpce-tmp: 372 h in the export, 744 h in the baseline"),
        "{}",
        stdout(&o)
    );
}

/// An organisation whose interface-endpoint GB cross the first tier (1,048,576 GB) only
/// together: FOCUS CSV, two accounts in one consolidated bill.
#[test]
fn organisation_crossing_a_tier_boundary_from_focus() {
    // AWS's split in the export: A 700,000 × 0.01 + 100,000 × 0.006 = 7,600.00;
    // B 348,576 × 0.01 + 51,424 × 0.006 = 3,485.76 + 308.544 = 3,794.304;
    // together 1,048,576 × 0.01 + 151,424 × 0.006 = 10,485.76 + 908.544 = 11,394.304.
    let items = vec![
        u(
            A,
            "us-east-1",
            "USE1-VpcEndpoint-Hours",
            "vpce-a",
            "1488",
            "0.01",
            "14.88",
        ),
        u(
            B,
            "us-east-1",
            "USE1-VpcEndpoint-Hours",
            "vpce-b",
            "1488",
            "0.01",
            "14.88",
        ),
        u(
            A,
            "us-east-1",
            "USE1-VpcEndpoint-Bytes",
            "vpce-a",
            "700000",
            "0.01",
            "7000",
        ),
        u(
            A,
            "us-east-1",
            "USE1-VpcEndpoint-Bytes",
            "vpce-a",
            "100000",
            "0.006",
            "600",
        ),
        u(
            B,
            "us-east-1",
            "USE1-VpcEndpoint-Bytes",
            "vpce-b",
            "348576",
            "0.01",
            "3485.76",
        ),
        u(
            B,
            "us-east-1",
            "USE1-VpcEndpoint-Bytes",
            "vpce-b",
            "51424",
            "0.006",
            "308.544",
        ),
    ];
    let dir = tmp();
    let file = dir.path().join("focus.csv");
    std::fs::write(&file, focus_csv(&items)).unwrap();
    let out = dir.path().join("out");
    let o = import_cur(dir.path(), &file, &out);
    assert!(o.status.success(), "{}{}", stdout(&o), stderr(&o));
    assert!(stdout(&o).contains("FOCUS export"), "{}", stdout(&o));
    let rec = csv_rows(&out.join("reconcile.csv"));
    // vpceplan fills the ladder in block order (A first): A 800,000 × 0.01 = 8,000.00;
    // B 248,576 × 0.01 + 151,424 × 0.006 = 3,394.304. Each account is off by 400, the
    // Region's total is not.
    let a = find(
        &rec,
        &[("account", A), ("component", "interface_endpoint_gb")],
    );
    let b = find(
        &rec,
        &[("account", B), ("component", "interface_endpoint_gb")],
    );
    assert_eq!(
        (
            a["export_cost_usd"].as_str(),
            a["vpceplan_cost_usd"].as_str()
        ),
        ("7600.00", "8000.00")
    );
    assert_eq!(
        (
            b["export_cost_usd"].as_str(),
            b["vpceplan_cost_usd"].as_str()
        ),
        ("3794.30", "3394.30")
    );
    for r in [a, b] {
        assert_eq!(r["status"], "explained", "{r:?}");
        assert!(
            r["explanation"].contains("tier split across accounts"),
            "{r:?}"
        );
    }
    assert!(
        stdout(&o).contains("vpceplan $11424.06 vs export $11424.06"),
        "{}",
        stdout(&o)
    ); // 11,394.304 + 2 × 14.88
}

#[test]
fn a_difference_nothing_explains_is_flagged() {
    // 100 GB at the book's 0.045 is 4.50; the export says 5.00 at the same rate.
    let items = vec![
        u(
            A,
            "us-east-1",
            "NatGateway-Hours",
            "nat-1",
            "744",
            "0.045",
            "33.48",
        ),
        u(
            A,
            "us-east-1",
            "NatGateway-Bytes",
            "nat-1",
            "100",
            "0.045",
            "5",
        ),
    ];
    let dir = tmp();
    let file = dir.path().join("cur.csv");
    std::fs::write(&file, cur2_csv(&items)).unwrap();
    let out = dir.path().join("out");
    let args = [
        "import",
        "cur",
        file.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ];
    let o = vpceplan(dir.path(), &args);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    assert!(
        stderr(&o).contains("1 reconciliation row(s) differ"),
        "{}",
        stderr(&o)
    );
    let rec = csv_rows(&out.join("reconcile.csv"));
    let r = find(&rec, &[("component", "nat_gateway_gb")]);
    assert_eq!(
        (r["status"].as_str(), r["difference_usd"].as_str()),
        ("unreconciled", "0.50")
    );
    assert!(r["explanation"].contains("same rates (0.045)"), "{r:?}");
    let mut allow = args.to_vec();
    allow.push("--allow-unreconciled");
    assert!(vpceplan(dir.path(), &allow).status.success());
}

#[test]
fn a_price_the_book_lacks_is_unreconciled_not_zero() {
    // ap-east-1 has no NAT price in the built-in book.
    let items = vec![u(
        A,
        "ap-east-1",
        "APE1-NatGateway-Hours",
        "nat-1",
        "744",
        "0.056",
        "41.664",
    )];
    let dir = tmp();
    let file = dir.path().join("cur.csv");
    std::fs::write(&file, cur2_csv(&items)).unwrap();
    let out = dir.path().join("out");
    let o = import_cur(dir.path(), &file, &out);
    if PriceBook::builtin()
        .unwrap()
        .has("ap-east-1", "nat_gateway_hour", "")
    {
        return; // the book has learnt it: nothing to show here
    }
    assert_eq!(o.status.code(), Some(1), "{}{}", stdout(&o), stderr(&o));
    let rec = csv_rows(&out.join("reconcile.csv"));
    let r = find(&rec, &[("component", "nat_gateway_hour")]);
    assert_eq!(r["status"], "unreconciled");
    assert!(
        r["explanation"].contains("no price for `nat_gateway_hour` in Region ap-east-1"),
        "{r:?}"
    );
}

/// Every bad input: a clear error naming the file and the row or column; nothing written.
#[test]
fn bad_inputs_name_the_file_and_leave_nothing() {
    let dir = tmp();
    let good = vec![u(
        A,
        "us-east-1",
        "NatGateway-Hours",
        "nat-1",
        "744",
        "0.045",
        "33.48",
    )];
    let mut mixed = good.clone();
    let mut next = good[0].clone();
    next.period = "2026-11-01T00:00:00.000Z".into();
    mixed.push(next);
    let mut odd_currency = good.clone();
    odd_currency[0].currency = "XBT1".into();
    let no_cost = String::from_utf8(cur2_csv(&good))
        .unwrap()
        .replace("line_item_unblended_cost", "line_item_net_cost");
    let full_gz = gzip(&cur2_csv(&vec![good[0].clone(); 2000]));
    let pq = dir.path().join("whole.parquet");
    cur2_parquet(&good, &pq, Compression::SNAPPY);
    let pq_bytes = std::fs::read(&pq).unwrap();
    let cases: Vec<(&str, Vec<u8>, &[&str])> = vec![
        (
            "notes.csv",
            b"date,amount\n2026-10-01,5\n".to_vec(),
            &["notes.csv", "not an AWS cost export"],
        ),
        ("empty.csv", Vec::new(), &["empty.csv", "empty"]),
        (
            "nocost.csv",
            no_cost.into_bytes(),
            &["nocost.csv", "line_item_unblended_cost"],
        ),
        (
            "mixed.csv",
            cur2_csv(&mixed),
            &[
                "mixed.csv, line 3",
                "2026-11",
                "bill_billing_period_start_date",
            ],
        ),
        (
            "currency.csv",
            cur2_csv(&odd_currency),
            &["currency.csv, line 2", "line_item_currency_code", "XBT1"],
        ),
        (
            "cut.csv.gz",
            full_gz[..full_gz.len() / 2].to_vec(),
            &["cut.csv.gz", "truncated"],
        ),
        (
            "cut.parquet",
            pq_bytes[..pq_bytes.len() - 20].to_vec(),
            &["cut.parquet", "truncated"],
        ),
    ];
    for (name, bytes, wants) in cases {
        let f = dir.path().join(name);
        std::fs::write(&f, bytes).unwrap();
        let out = dir.path().join(format!("out-{name}"));
        let o = vpceplan(
            dir.path(),
            &[
                "import",
                "cur",
                f.to_str().unwrap(),
                "--out",
                out.to_str().unwrap(),
            ],
        );
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(1), "{name}: {err}");
        for w in wants {
            assert!(err.contains(w), "{name}: wanted {w:?} in {err}");
        }
        assert!(!out.exists(), "{name}: {} was created", out.display());
    }
    // A month across two files: the second file's row is named.
    let f1 = dir.path().join("a.csv");
    let f2 = dir.path().join("b.csv");
    std::fs::write(&f1, cur2_csv(&good)).unwrap();
    std::fs::write(&f2, cur2_csv(&mixed[1..])).unwrap();
    let o = vpceplan(
        dir.path(),
        &[
            "import",
            "cur",
            f1.to_str().unwrap(),
            f2.to_str().unwrap(),
            "--out",
            "x",
        ],
    );
    assert!(
        stderr(&o).contains("b.csv, line 2") && stderr(&o).contains("first seen in"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn gzip_parquet_and_plain_csv_agree() {
    let dir = tmp();
    let items = nat_heavy();
    let a = dir.path().join("a.csv");
    let b = dir.path().join("b.csv.gz");
    let c = dir.path().join("c.parquet");
    std::fs::write(&a, cur2_csv(&items)).unwrap();
    std::fs::write(&b, gzip(&cur2_csv(&items))).unwrap();
    cur2_parquet(&items, &c, export_writer::gzip_parquet());
    let mut outs = Vec::new();
    for f in [&a, &b, &c] {
        let out = dir
            .path()
            .join(format!("out-{}", f.file_name().unwrap().to_string_lossy()));
        let o = vpceplan(
            dir.path(),
            &[
                "import",
                "cur",
                f.to_str().unwrap(),
                "--out",
                out.to_str().unwrap(),
            ],
        );
        assert!(o.status.success(), "{}", stderr(&o));
        outs.push(std::fs::read(out.join("reconcile.csv")).unwrap());
    }
    assert_eq!(outs[0], outs[1]);
    assert_eq!(outs[0], outs[2]);
}

// ---------------------------------------------------------------------------------------
// Property: a scenario priced by vpceplan, written as a synthetic CUR, reconciles.
// ---------------------------------------------------------------------------------------

#[derive(Clone, Debug)]
enum Res {
    Nat { eu: bool, gb: u32 },
    Endpoint { azs: u8, gb: u32 },
    Tgw { gb: u32 },
    CrossAz { gb: u32 },
    Resolver { ips: u8, queries: u32 },
    Zones { n: u8 },
}

fn res() -> impl Strategy<Value = (Res, bool)> {
    let r = prop_oneof![
        (any::<bool>(), 0u32..2_000_000).prop_map(|(eu, gb)| Res::Nat { eu, gb }),
        (1u8..4, 0u32..900_000).prop_map(|(azs, gb)| Res::Endpoint { azs, gb }),
        (0u32..100_000).prop_map(|gb| Res::Tgw { gb }),
        (1u32..100_000).prop_map(|gb| Res::CrossAz { gb }),
        (2u8..7, 0u32..2_000_000_000).prop_map(|(ips, queries)| Res::Resolver { ips, queries }),
        (1u8..40).prop_map(|n| Res::Zones { n }),
    ];
    (r, any::<bool>())
}

/// The export usage type of an engine line item (component, Region).
fn usage_type(component: &str, region: &str, variant: &str) -> String {
    let p = if region == "eu-west-1" { "EU" } else { "USE1" };
    let body = match component {
        "nat_gateway_hour" => {
            return if p == "USE1" {
                "NatGateway-Hours".into()
            } else {
                format!("{p}-NatGateway-Hours")
            };
        }
        "nat_gateway_gb" => "NatGateway-Bytes",
        "interface_endpoint_hour" => "VpcEndpoint-Hours",
        "interface_endpoint_gb" => "VpcEndpoint-Bytes",
        "tgw_attachment_hour" => "TransitGateway-Hours",
        "tgw_gb" => "TransitGateway-Bytes",
        "cross_az_gb" => "DataTransfer-Regional-Bytes",
        "resolver_endpoint_ip_hour" => "ResolverNetworkInterface",
        "resolver_queries" => "DNS-Queries",
        "hosted_zone_month" => return "HostedZone".into(),
        other => panic!("no usage type for {other} {variant}"),
    };
    format!("{p}-{body}")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn a_priced_scenario_written_as_a_cur_reconciles_to_the_cent(
        resources in proptest::collection::vec(res(), 1..8)
    ) {
        let book = PriceBook::builtin().unwrap();
        // The scenario, one block per resource, named by its resource id.
        let mut toml = String::from("name = \"p\"\nregion = \"us-east-1\"\nhours_per_month = 744\n");
        let mut owner = std::collections::BTreeMap::new();
        for (i, (r, second)) in resources.iter().enumerate() {
            let id = format!("res-{i:02}");
            let account = if *second { B } else { A };
            owner.insert(id.clone(), (account, matches!(r, Res::CrossAz { .. } | Res::Zones { .. })));
            let block = match r {
                Res::Nat { eu, gb } => format!("[[nat_gateway]]\nname = \"{id}\"\n{}gb_per_month = {gb}\n", if *eu { "region = \"eu-west-1\"\n" } else { "" }),
                Res::Endpoint { azs, gb } => format!("[[interface_endpoint]]\nname = \"{id}\"\nservice = \"s3\"\nazs = {azs}\ngb_per_month = {gb}\n"),
                Res::Tgw { gb } => format!("[[tgw_attachment]]\nname = \"{id}\"\ngb_per_month = {gb}\n"),
                Res::CrossAz { gb } => format!("[[data_transfer]]\nname = \"{id}\"\nkind = \"cross-az\"\nbilled_sides = 1\ngb_per_month = {gb}\n"),
                Res::Resolver { ips, queries } => format!("[[resolver_endpoint]]\nname = \"{id}\"\ndirection = \"inbound\"\nips = {ips}\nqueries_per_month = {queries}\n"),
                Res::Zones { n } => format!("[[hosted_zone]]\nname = \"{id}\"\ncount = {n}\n"),
            };
            toml.push('\n');
            toml.push_str(&block);
        }
        let s = vpceplan::scenario::parse_scenario("p.toml", &toml, &book).unwrap();
        let e = vpceplan::engine::evaluate(&s, &book).unwrap();
        // Each line item → one usage row of the export.
        let mut items = Vec::new();
        for l in &e.lines {
            let (account, aggregated) = owner[&l.label];
            let qty = if l.component == "resolver_queries" { l.quantity * Decimal::from(1_000_000) } else { l.quantity };
            let rate = if l.component == "resolver_queries" { l.rate / Decimal::from(1_000_000) } else { l.rate };
            let region = if l.component == "hosted_zone_month" { "" } else { l.region.as_str() };
            items.push(Item::usage(
                account,
                region,
                &usage_type(&l.component, &l.region, &l.variant),
                if aggregated { "" } else { &l.label },
                &qty.normalize().to_string(),
                &rate.normalize().to_string(),
                &l.monthly.normalize().to_string(),
            ));
        }
        let bytes = cur2_csv(&items);
        let mut agg = Aggregator::new();
        read_csv(&bytes[..], false, "synthetic.csv", &mut agg).unwrap();
        let summary = agg.finish();
        let base = baseline(&summary, "back");
        let back = vpceplan::scenario::parse_scenario("back.toml", &base.toml, &book).unwrap();
        let e2 = vpceplan::engine::evaluate(&back, &book).unwrap();
        let rec = reconcile(&summary, &base, &e2.lines, &[], &book);
        for r in &rec.rows {
            prop_assert!(r.status != Status::Unreconciled, "{r:?}\n{toml}\n{}", base.toml);
        }
        let (export_total, vp_total) = rec.totals();
        prop_assert!((export_total - vp_total).abs() <= dec!(0.01), "{export_total} vs {vp_total}");
        prop_assert!((e.monthly - e2.monthly).abs() <= dec!(0.01), "{} vs {}", e.monthly, e2.monthly);
    }
}
