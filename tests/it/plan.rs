//! `vpceplan plan`: properties of the library's plan on random NAT-heavy baselines, and
//! the command on files written by the tests, with figures computed by hand.

use proptest::prelude::*;
use rust_decimal::Decimal;
use std::fmt::Write as _;
use vpceplan::engine::evaluate;
use vpceplan::money::cents;
use vpceplan::pricing::PriceBook;
use vpceplan::report::savings as render;
use vpceplan::savings::{Options, Outcome, input::read_traffic_csv, plan};
use vpceplan::scenario::parse_scenario;

const HEAD: &str = "service,source,account,region,resource_kind,resource,az,interface_id,records,bytes,gb_observed,gb_per_month\n";
const SERVICES: &[&str] = &["s3", "dynamodb", "ecr.api", "internet"];

/// A baseline of NAT gateways (GB given) and the traffic rows of their flow logs
/// (bytes per service given).
fn files(nats: &[(Decimal, Vec<u64>)]) -> (String, String) {
    let mut b = String::from("name = \"prop\"\nregion = \"us-east-1\"\n");
    let mut t = String::from(HEAD);
    for (i, (gb, weights)) in nats.iter().enumerate() {
        let _ = write!(
            b,
            "\n[[nat_gateway]]\nname = \"111111111111 nat-{i}\"\ngb_per_month = \"{gb}\"\n"
        );
        for (svc, w) in SERVICES.iter().zip(weights) {
            if *w > 0 {
                let _ = writeln!(
                    t,
                    "{svc},spoke,111111111111,us-east-1,nat_gateway,nat-{i},use1-az{},eni-{i},1,{w},1,1",
                    i % 3 + 1
                );
            }
        }
    }
    (b, t)
}

fn nats() -> impl Strategy<Value = Vec<(Decimal, Vec<u64>)>> {
    prop::collection::vec(
        (
            (0u64..50_000_000, 0u32..4).prop_map(|(m, s)| Decimal::new(m as i64, s)),
            prop::collection::vec(0u64..1_000_000, 4)
                .prop_filter("some bytes", |w| w.iter().any(|x| *x > 0)),
        ),
        1..5,
    )
}

fn priced(
    nats: &[(Decimal, Vec<u64>)],
    book: &PriceBook,
) -> (
    vpceplan::savings::BaselinePlan,
    vpceplan::scenario::Scenario,
) {
    let (b, t) = files(nats);
    let s = parse_scenario("b.toml", &b, book).expect("baseline parses");
    let rows = read_traffic_csv(&t, "t.csv").expect("traffic parses");
    let p = plan(&s, &b, &rows, "t.csv", None, &Options::default(), book).expect("plans");
    (p, s)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Saving = baseline − design exactly, for every priced design; the design's cost is
    /// the engine's for the design's own scenario; savings.csv prints the exact saving
    /// rounded once, within a cent of the difference of the rounded columns; the billed GB
    /// of each block are split without loss.
    #[test]
    fn saving_is_baseline_minus_design(nats in nats()) {
        let book = PriceBook::builtin().unwrap();
        let (p, s) = priced(&nats, &book);
        let whole = evaluate(&s, &book).unwrap().monthly;
        prop_assert_eq!(p.baseline_monthly(), Some(whole));
        let csv = String::from_utf8(render::savings_sheet(&p).to_csv()).unwrap();
        for r in &p.regions {
            let base = r.baseline.as_ref().unwrap().monthly;
            for sv in &r.savings {
                let a = r.assessed(&sv.design).unwrap();
                let Some(m) = sv.monthly else { continue };
                let own = evaluate(&a.plan.scenario, &book).unwrap().monthly;
                prop_assert_eq!(m, own);
                prop_assert_eq!(sv.saving, Some(base - m));
                let line = csv
                    .lines()
                    .find(|l| l.starts_with(&format!("{},{},", r.region, sv.design)))
                    .unwrap();
                let cells: Vec<&str> = line.split(',').collect();
                let (pb, pd, ps): (Decimal, Decimal, Decimal) = (
                    cells[4].parse().unwrap(),
                    cells[5].parse().unwrap(),
                    cells[6].parse().unwrap(),
                );
                prop_assert_eq!(ps, cents(base - m));
                prop_assert!((ps - (pb - pd)).abs() <= Decimal::new(1, 2));
                let year: Decimal = cells[7].parse().unwrap();
                prop_assert_eq!(year, cents((base - m) * Decimal::from(12)));
            }
        }
        for (i, (gb, _)) in nats.iter().enumerate() {
            let block = format!("nat_gateway[{i}]");
            let sum: Decimal = p
                .attribution
                .iter()
                .filter(|a| a.block == block)
                .map(|a| a.gb)
                .sum();
            prop_assert_eq!(sum, *gb);
        }
        // Gateway endpoints are free and remove NAT processing: never dearer than today
        // when every service is S3 or DynamoDB or stays on NAT.
        for r in &p.regions {
            if r.moving.keys().all(|k| k == "s3" || k == "dynamodb")
                && let Some(sv) = r.savings.iter().find(|s| s.design == "gateway-where-possible")
            {
                prop_assert!(sv.saving.unwrap() >= Decimal::ZERO);
            }
        }
    }

    /// More traffic never lowers the baseline, and never lowers the saving of moving S3
    /// traffic to gateway endpoints.
    #[test]
    fn more_traffic_never_lowers_the_baseline(nats in nats(), extra in 0u64..10_000_000, which in 0usize..4) {
        let book = PriceBook::builtin().unwrap();
        let (p0, _) = priced(&nats, &book);
        let mut more = nats.clone();
        let i = which % more.len();
        more[i].0 += Decimal::from(extra);
        let (p1, _) = priced(&more, &book);
        prop_assert!(p1.baseline_monthly().unwrap() >= p0.baseline_monthly().unwrap());
        prop_assert!(p1.best_saving() >= p0.best_saving());
        let moved0: Decimal = p0.attribution.iter().filter(|a| a.outcome == Outcome::Moves).map(|a| a.gb).sum();
        let moved1: Decimal = p1.attribution.iter().filter(|a| a.outcome == Outcome::Moves).map(|a| a.gb).sum();
        prop_assert!(moved1 >= moved0);
    }
}

// ---------------------------------------------------------------------------------------
// The command, end to end: `import cur` → `import flow-logs` → `plan`.

use crate::common::{self, stderr, stdout, tmp, vpceplan, write};
use std::path::Path;

const CUR_HEAD: &str = "bill_billing_period_start_date,bill_payer_account_id,line_item_line_item_type,line_item_usage_account_id,line_item_usage_type,line_item_operation,line_item_resource_id,line_item_usage_amount,line_item_unblended_rate,line_item_unblended_cost,line_item_currency_code,product_region_code\n";

/// A NAT-heavy account in two Regions, October 2026 (744 h): nat-0a1 and nat-0a2 in
/// us-east-1 ($0.045/h, $0.045/GB), nat-0e1 in eu-west-1 ($0.048/h, $0.048/GB).
fn cur_rows() -> String {
    let row = |ut: &str, res: &str, amount: &str, rate: &str, cost: &str, region: &str| {
        format!(
            "2026-10-01T00:00:00.000Z,999999999999,Usage,111111111111,{ut},NatGateway,{res},{amount},{rate},{cost},USD,{region}\n"
        )
    };
    [
        row(
            "NatGateway-Hours",
            "arn:aws:ec2:us-east-1:111111111111:natgateway/nat-0a1",
            "744",
            "0.045",
            "33.48",
            "us-east-1",
        ),
        row(
            "NatGateway-Hours",
            "arn:aws:ec2:us-east-1:111111111111:natgateway/nat-0a2",
            "744",
            "0.045",
            "33.48",
            "us-east-1",
        ),
        row(
            "NatGateway-Bytes",
            "arn:aws:ec2:us-east-1:111111111111:natgateway/nat-0a1",
            "12000",
            "0.045",
            "540",
            "us-east-1",
        ),
        row(
            "NatGateway-Bytes",
            "arn:aws:ec2:us-east-1:111111111111:natgateway/nat-0a2",
            "8000",
            "0.045",
            "360",
            "us-east-1",
        ),
        row(
            "EU-NatGateway-Hours",
            "nat-0e1",
            "744",
            "0.048",
            "35.712",
            "eu-west-1",
        ),
        row(
            "EU-NatGateway-Bytes",
            "nat-0e1",
            "5000",
            "0.048",
            "240",
            "eu-west-1",
        ),
    ]
    .concat()
}

const ENIS: &str = "interface_id,kind,resource,account,region,az,service,vpc,vpc_cidr
eni-0000000000000a001,nat_gateway,nat-0a1,111111111111,us-east-1,use1-az1,,vpc-0a,10.1.0.0/16
eni-0000000000000a002,nat_gateway,nat-0a2,111111111111,us-east-1,use1-az2,,vpc-0a,10.1.0.0/16
eni-0000000000000e001,nat_gateway,nat-0e1,111111111111,eu-west-1,euw1-az1,,vpc-0e,10.3.0.0/16
";

/// Outside legs of the NAT gateways, with the version 5 service field: nat-0a1 S3 3 GiB
/// and DynamoDB 1 GiB; nat-0a2 S3 1 GiB; nat-0e1 S3 1 GiB and 1 GiB to the internet.
const FLOWS: &str = "version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status pkt-dst-aws-service
5 111111111111 eni-0000000000000a001 10.1.0.9 52.216.7.1 40000 443 6 100 3221225472 1790812800 1793440800 ACCEPT OK S3
5 111111111111 eni-0000000000000a001 10.1.0.9 52.94.1.1 40001 443 6 100 1073741824 1790812800 1793440800 ACCEPT OK DYNAMODB
5 111111111111 eni-0000000000000a002 10.1.1.9 52.216.7.2 40000 443 6 100 1073741824 1790812800 1793440800 ACCEPT OK S3
5 111111111111 eni-0000000000000e001 10.3.0.9 52.218.1.1 40000 443 6 100 1073741824 1790812800 1793440800 ACCEPT OK S3
5 111111111111 eni-0000000000000e001 10.3.0.9 93.184.216.34 40000 443 6 100 1073741824 1790812800 1793440800 ACCEPT OK -
";

/// Runs the two imports in `dir`; returns (baseline.toml, traffic.csv, enis.csv).
fn imports(dir: &Path) -> (String, String, String) {
    write(dir, "cur.csv", &format!("{CUR_HEAD}{}", cur_rows()));
    write(dir, "enis.csv", ENIS);
    write(dir, "flows.log", FLOWS);
    let o = vpceplan(dir, &["import", "cur", "cur.csv", "--out", "cur"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = vpceplan(
        dir,
        &[
            "import",
            "flow-logs",
            "flows.log",
            "--enis",
            "enis.csv",
            "--out",
            "flows",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    (
        "cur/baseline.toml".into(),
        "flows/traffic.csv".into(),
        "enis.csv".into(),
    )
}

fn row<'a>(csv: &'a str, region: &str, design: &str) -> Vec<&'a str> {
    let line = csv
        .lines()
        .find(|l| l.starts_with(&format!("{region},{design},")))
        .unwrap_or_else(|| panic!("no {region} {design} row in\n{csv}"));
    line.split(',').collect()
}

#[test]
fn nat_heavy_account_in_two_regions_end_to_end() {
    let t = tmp();
    let dir = t.path();
    let (baseline, traffic, enis) = imports(dir);
    let o = vpceplan(
        dir,
        &[
            "plan",
            &baseline,
            "--traffic",
            &traffic,
            "--enis",
            &enis,
            "--out",
            "plan",
            "--designs",
            "nat,distributed,centralized-profile,gateway-where-possible,gateway-only",
        ],
    );
    assert!(o.status.success(), "{}\n{}", stdout(&o), stderr(&o));
    let csv = std::fs::read_to_string(dir.join("plan/savings.csv")).unwrap();
    // us-east-1 baseline: 2 NAT × 744 h × $0.045 = 66.96; 20,000 GB × $0.045 = 900.00;
    // 966.96. The flow logs split nat-0a1's 12,000 GB 3:1 (S3 9,000, DynamoDB 3,000) and
    // give nat-0a2's 8,000 GB to S3. One VPC (vpc-0a) in 2 AZs.
    let b = row(&csv, "us-east-1", "baseline");
    assert_eq!(
        &b[4..11],
        ["966.96", "966.96", "0.00", "0.00", "20000", "1", "2"]
    );
    // gateway-where-possible: both services on free gateway endpoints, no NAT left: the
    // saving is the whole 966.96 a month, 11,603.52 a year.
    let g = row(&csv, "us-east-1", "gateway-where-possible");
    assert_eq!(&g[4..8], ["966.96", "0.00", "966.96", "11603.52"]);
    // distributed: 2 services × 2 AZs × 744 h × $0.01 = 29.76 + 20,000 GB × $0.01 = 200.00
    // = 229.76; saving 966.96 − 229.76 = 737.20, × 12 = 8,846.40.
    let d = row(&csv, "us-east-1", "distributed");
    assert_eq!(&d[4..8], ["966.96", "229.76", "737.20", "8846.40"]);
    // nat: 1 VPC × 2 AZs of NAT gateways carry it all: today's bill again.
    let n = row(&csv, "us-east-1", "nat");
    assert_eq!(&n[4..8], ["966.96", "966.96", "0.00", "0.00"]);
    // eu-west-1 baseline: 744 × $0.048 = 35.712 + 5,000 × $0.048 = 240.00 → 275.712.
    // Half the bytes go to the internet: the NAT gateway stays with 2,500 GB
    // (35.712 + 120.00 = 155.712), so no `nat` design there.
    let b = row(&csv, "eu-west-1", "baseline");
    assert_eq!(&b[4..6], ["275.71", "275.71"]);
    assert!(!csv.contains("eu-west-1,nat,"), "{csv}");
    // gateway-where-possible: 155.712; saving 275.712 − 155.712 = 120.00.
    let g = row(&csv, "eu-west-1", "gateway-where-possible");
    assert_eq!(&g[4..8], ["275.71", "155.71", "120.00", "1440.00"]);
    // distributed: 155.712 + S3 endpoint in 1 AZ (744 × $0.011 = 8.184) + 2,500 × $0.01
    // = 25.00 → 188.896; saving 86.816 → 86.82.
    let d = row(&csv, "eu-west-1", "distributed");
    assert_eq!(&d[4..7], ["275.71", "188.90", "86.82"]);
    // The table ends with the best design of each Region: 966.96 + 120.00 = 1,086.96 a
    // month, 13,043.52 a year, against a baseline of 966.96 + 275.712 = 1,242.672.
    let out = stdout(&o);
    assert!(
        out.contains("baseline 1242.67 USD/month; best design per Region saves 1086.96 USD/month (13043.52 USD/year)"),
        "{out}"
    );
    assert!(
        out.contains("s3 17000 GB: NAT gateway → gateway endpoint"),
        "{out}"
    );
    assert!(
        out.contains("interface endpoint vs NAT, per endpoint-AZ in us-east-1"),
        "{out}"
    );
    // The join, explicit: nat-0e1's internet half stays.
    let attr = std::fs::read_to_string(dir.join("plan/attribution.csv")).unwrap();
    assert!(
        attr.contains("eu-west-1,111111111111,nat-0e1,nat_gateway[0],"),
        "{attr}"
    );
    assert!(attr.contains(",internet,spoke,"), "{attr}");
    assert!(
        attr.contains(",2500,stays,`internet` traffic is not an AWS service an endpoint serves"),
        "{attr}"
    );
    for f in ["breakeven.csv", "plan.html", "plan.xlsx"] {
        assert!(dir.join("plan").join(f).is_file(), "{f}");
    }
    let html = std::fs::read_to_string(dir.join("plan/plan.html")).unwrap();
    assert!(
        html.contains("<h2 id=\"savings\">Savings against the baseline: baseline-2026-10</h2>"),
        "{html}"
    );
    assert!(html.contains("966.96"), "{html}");
    // Markdown for a pull-request comment.
    let o = vpceplan(
        dir,
        &[
            "plan",
            &baseline,
            "--traffic",
            &traffic,
            "--enis",
            &enis,
            "--format",
            "markdown",
        ],
    );
    let md = stdout(&o);
    assert!(md.starts_with("### vpceplan plan\n"), "{md}");
    assert!(
        md.contains("| gateway-where-possible | yes | 0.00 | 966.96 | 11603.52 |"),
        "{md}"
    );
}

#[test]
fn unattributed_traffic_fails_and_writes_nothing() {
    let t = tmp();
    let dir = t.path();
    let (baseline, _, enis) = imports(dir);
    // Flow logs of nat-0a1 only: nat-0a2 and nat-0e1 carry GB nothing explains.
    let only = "service,source,account,region,resource_kind,resource,az,interface_id,records,bytes,gb_observed,gb_per_month\n\
s3,spoke,111111111111,us-east-1,nat_gateway,nat-0a1,use1-az1,eni-0000000000000a001,1,1000,1,1\n";
    write(dir, "only.csv", only);
    let o = vpceplan(
        dir,
        &[
            "plan",
            &baseline,
            "--traffic",
            "only.csv",
            "--enis",
            &enis,
            "--out",
            "plan",
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("cur/baseline.toml:") && err.contains("`nat_gateway[2].gb_per_month`: 111111111111 nat-0a2 (nat_gateway) has 8000 GB a month"),
        "{err}"
    );
    assert!(err.contains("hint: "), "{err}");
    assert!(!dir.join("plan").exists());
    // Allowed: they stay as they are; the saving is nat-0a1's alone. nat-0a2 stays, so no
    // `nat` design; gateway-where-possible keeps nat-0a2 and nat-0e1:
    // us-east-1 966.96 − (33.48 + 360.00) = 573.48.
    let o = vpceplan(
        dir,
        &[
            "plan",
            &baseline,
            "--traffic",
            "only.csv",
            "--allow-unattributed",
            "--out",
            "plan",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let csv = std::fs::read_to_string(dir.join("plan/savings.csv")).unwrap();
    let g = row(&csv, "us-east-1", "gateway-where-possible");
    assert_eq!(&g[4..7], ["966.96", "393.48", "573.48"]);
    assert!(!csv.contains("us-east-1,nat,"), "{csv}");
    assert!(stdout(&o).contains("note: unattributed, kept as it is in every design"));
}

#[test]
fn bad_inputs_name_file_line_and_key() {
    let t = tmp();
    let dir = t.path();
    let (baseline, traffic, _) = imports(dir);
    write(dir, "bad.csv", "service,source,account\ns3,spoke,1\n");
    let o = vpceplan(dir, &["plan", &baseline, "--traffic", "bad.csv"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("error: bad.csv:1: `region`: no `region` column"),
        "{}",
        stderr(&o)
    );
    let text = std::fs::read_to_string(dir.join(&traffic)).unwrap();
    let mut lines: Vec<&str> = text.lines().collect();
    let broken = lines[2].replace(",spoke,", ",space,");
    lines[2] = &broken;
    write(dir, "bad2.csv", &lines.join("\n"));
    let o = vpceplan(dir, &["plan", &baseline, "--traffic", "bad2.csv"]);
    assert!(
        stderr(&o).contains("error: bad2.csv:3: `source`: unknown source \"space\""),
        "{}",
        stderr(&o)
    );
    // A baseline that does not parse names its own file and line.
    write(
        dir,
        "b.toml",
        "name = \"x\"\nregion = \"us-east-1\"\n\n[[nat_gateway]]\ngb_per_month = \"-5\"\n",
    );
    let o = vpceplan(dir, &["plan", "b.toml", "--traffic", &traffic]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("b.toml:5"), "{}", stderr(&o));
    // A workload scenario is not a baseline.
    let o = vpceplan(
        &common::root(),
        &[
            "plan",
            "scenarios/ecr-s3-spokes.toml",
            "--traffic",
            &dir.join(&traffic).display().to_string(),
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("the baseline is a workload scenario"),
        "{}",
        stderr(&o)
    );
    // Unknown design.
    let o = vpceplan(
        dir,
        &[
            "plan",
            &baseline,
            "--traffic",
            &traffic,
            "--designs",
            "nat,hub",
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("unknown design `hub`"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn the_html_report_gains_the_savings_section() {
    let t = tmp();
    let dir = t.path();
    let (baseline, traffic, enis) = imports(dir);
    let scenario = common::root()
        .join("scenarios/console-private-access.toml")
        .display()
        .to_string();
    // us-east-1's traffic only: nat-0e1 in eu-west-1 stays as it is (allowed).
    let text = std::fs::read_to_string(dir.join(&traffic)).unwrap();
    let us: String = text
        .lines()
        .filter(|l| !l.contains(",eu-west-1,"))
        .map(|l| format!("{l}\n"))
        .collect();
    write(dir, "us.csv", &us);
    let o = vpceplan(
        dir,
        &[
            "report",
            &scenario,
            "--out",
            "rep",
            "--baseline",
            &baseline,
            "--traffic",
            "us.csv",
            "--enis",
            &enis,
            "--allow-unattributed",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let html = std::fs::read_to_string(dir.join("rep/index.html")).unwrap();
    assert!(
        html.contains("Savings against the baseline: baseline-2026-10"),
        "{html}"
    );
    assert!(
        html.contains("(savings against the baseline)</a>"),
        "{html}"
    );
    let csv = std::fs::read_to_string(dir.join("rep/savings.csv")).unwrap();
    assert_eq!(
        &row(&csv, "us-east-1", "distributed")[4..8],
        ["966.96", "229.76", "737.20", "8846.40"]
    );
    assert!(dir.join("rep/attribution.csv").is_file());
    // --traffic without --baseline is a usage error.
    let o = vpceplan(
        dir,
        &["report", &scenario, "--out", "rep2", "--traffic", &traffic],
    );
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn a_price_the_book_lacks_is_an_error_for_that_design_only() {
    let t = tmp();
    let dir = t.path();
    let (baseline, traffic, enis) = imports(dir);
    // The built-in book without eu-west-1's endpoint-hour row.
    let book = dir.join("book");
    std::fs::create_dir_all(&book).unwrap();
    for f in std::fs::read_dir(common::root().join("pricing")).unwrap() {
        let f = f.unwrap().path();
        if f.extension().is_some_and(|x| x == "csv") {
            let text = std::fs::read_to_string(&f).unwrap();
            let kept: String = text
                .lines()
                .filter(|l| !l.starts_with("eu-west-1,interface_endpoint_hour,"))
                .map(|l| format!("{l}\n"))
                .collect();
            std::fs::write(book.join(f.file_name().unwrap()), kept).unwrap();
        }
    }
    let o = vpceplan(
        dir,
        &[
            "--pricing",
            "book",
            "plan",
            &baseline,
            "--traffic",
            &traffic,
            "--enis",
            &enis,
            "--designs",
            "distributed,gateway-where-possible",
            "--out",
            "plan",
        ],
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.contains(
            "error: distributed: no price for `interface_endpoint_hour` in Region eu-west-1"
        ),
        "{out}"
    );
    let csv = std::fs::read_to_string(dir.join("plan/savings.csv")).unwrap();
    assert!(
        row(&csv, "eu-west-1", "distributed")
            .join(",")
            .contains("no price for `interface_endpoint_hour` in Region eu-west-1")
    );
    // The other designs are planned: eu-west-1 gateway-where-possible saves 120.00.
    assert_eq!(
        &row(&csv, "eu-west-1", "gateway-where-possible")[4..7],
        ["275.71", "155.71", "120.00"]
    );
}
