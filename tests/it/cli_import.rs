//! End-to-end tests of `vpceplan pricing import` and `vpceplan import terraform`.

use crate::common::*;
use std::path::Path;
use vpceplan::pricing::PriceBook;

fn pricelist(name: &str) -> String {
    root()
        .join("tests/fixtures/pricelist")
        .join(name)
        .display()
        .to_string()
}

fn terraform(name: &str) -> String {
    root()
        .join("tests/fixtures/terraform")
        .join(name)
        .display()
        .to_string()
}

fn p(path: &Path) -> &str {
    path.to_str().expect("utf-8 path")
}

#[test]
fn pricing_import_writes_a_loadable_merged_book_and_prints_what_it_skipped() {
    let dir = tmp();
    let book_dir = dir.path().join("book");
    let o = vpceplan(
        &root(),
        &[
            "pricing",
            "import",
            &pricelist("vpc-offer.csv"),
            &pricelist("route53-offer.json"),
            "--out",
            p(&book_dir),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(
        text.contains(
            "CSV offer AmazonVPC version 20261120192132, published 2026-11-20: 20 price row(s)"
        ),
        "{text}"
    );
    assert!(text.contains("JSON offer AmazonRoute53"), "{text}");
    assert!(text.contains("skipped: 4 item(s)"), "{text}");
    assert!(
        text.contains(
            "[unsupported-operation]; e.g. USE1-TransitGateway-Hours (TransitGatewayPeering)"
        ),
        "{text}"
    );
    assert!(text.contains("[public-dns-queries]"), "{text}");
    assert!(text.contains("wrote "), "{text}");

    let book = PriceBook::load_dir(&book_dir).expect("written book loads");
    let usd = |region: &str, component: &str| -> Vec<String> {
        book.ladder(region, component, "")
            .unwrap_or_default()
            .iter()
            .map(|r| r.usd.to_string())
            .collect()
    };
    assert_eq!(
        usd("eu-west-1", "interface_endpoint_gb"),
        ["0.011", "0.0066", "0.0044"]
    );
    assert_eq!(usd("eu-west-1", "interface_endpoint_hour"), ["0.011"]);
    assert_eq!(usd("us-east-1", "resolver_queries"), ["0.4", "0.2"]);
    // Kept from the built-in book: components no offer carries.
    assert_eq!(usd("us-east-1", "gateway_endpoint_hour"), ["0"]);
    assert_eq!(usd("global", "arc_cluster_hour"), ["2.5"]);
    let eu = &book
        .ladder("eu-west-1", "interface_endpoint_hour", "")
        .unwrap()[0];
    assert!(eu.verified);
    assert_eq!(eu.effective, "2026-11-20");

    // Importing again into the same folder merges into its prices.csv: same bytes.
    let first = std::fs::read(book_dir.join("prices.csv")).unwrap();
    let o = vpceplan(
        &root(),
        &[
            "pricing",
            "import",
            &pricelist("vpc-offer.json"),
            "--out",
            p(&book_dir),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("kept from the "), "{}", stdout(&o));
    assert_eq!(std::fs::read(book_dir.join("prices.csv")).unwrap(), first);
    // No temporary files left behind.
    let names: Vec<String> = std::fs::read_dir(&book_dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    assert_eq!(names, ["prices.csv"]);
}

#[test]
fn pricing_import_tells_csv_from_json_by_content() {
    let dir = tmp();
    // A JSON offer under a .csv name, with a byte-order mark and blank lines first.
    let json = std::fs::read_to_string(pricelist("vpc-offer.json")).unwrap();
    let misnamed = write(dir.path(), "offer.csv", &format!("\u{feff}\n\n  {json}"));
    let o = vpceplan(
        &root(),
        &[
            "pricing",
            "import",
            p(&misnamed),
            "--out",
            p(&dir.path().join("b")),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("JSON offer AmazonVPC"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn pricing_import_leaves_out_regions_the_book_does_not_list() {
    let dir = tmp();
    let csv = write(
        dir.path(),
        "hk.csv",
        "\"FormatVersion\",\"v1.0\"\n\"Publication Date\",\"2026-12-01T00:00:00Z\"\n\
         \"Version\",\"20261201000000\"\n\"OfferCode\",\"AmazonVPC\"\n\
         \"SKU\",\"TermType\",\"Unit\",\"PricePerUnit\",\"Currency\",\"usageType\",\"Region Code\"\n\
         \"S1\",\"OnDemand\",\"Hrs\",\"0.012\",\"USD\",\"APE2-VpcEndpoint-Hours\",\"ap-east-2\"\n\
         \"S2\",\"OnDemand\",\"Hrs\",\"0.012\",\"USD\",\"EUC1-VpcEndpoint-Hours\",\"eu-central-1\"\n",
    );
    let out = dir.path().join("b");
    let o = vpceplan(&root(), &["pricing", "import", p(&csv), "--out", p(&out)]);
    assert!(o.status.success(), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("1 row(s) for Regions the price book does not list left out: ap-east-2"),
        "{err}"
    );
    assert!(err.contains("hint: add them to"), "{err}");
    let book = PriceBook::load_dir(&out).unwrap();
    assert!(book.has("eu-central-1", "interface_endpoint_hour", ""));
}

#[test]
fn pricing_import_errors_write_nothing() {
    let dir = tmp();
    let bad = write(
        dir.path(),
        "bad.json",
        "{\"offerCode\": \"AmazonVPC\", \"products\": [",
    );
    let out = dir.path().join("b");
    let o = vpceplan(&root(), &["pricing", "import", p(&bad), "--out", p(&out)]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.starts_with("error: "), "{err}");
    assert!(err.contains("bad.json, line 1, column"), "{err}");
    assert!(!out.join("prices.csv").exists());

    // An offer with nothing vpceplan prices.
    let none = write(
        dir.path(),
        "none.csv",
        "\"FormatVersion\",\"v1.0\"\n\"Publication Date\",\"2026-12-01T00:00:00Z\"\n\
         \"Version\",\"1\"\n\"OfferCode\",\"AmazonS3\"\n\
         \"SKU\",\"TermType\",\"Unit\",\"PricePerUnit\",\"Currency\",\"usageType\"\n\
         \"S1\",\"OnDemand\",\"GB-Mo\",\"0.023\",\"USD\",\"TimedStorage-ByteHrs\"\n",
    );
    let o = vpceplan(&root(), &["pricing", "import", p(&none), "--out", p(&out)]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("no price for a vpceplan component"),
        "{}",
        stderr(&o)
    );
    assert!(!out.join("prices.csv").exists());

    let o = vpceplan(
        &root(),
        &[
            "pricing",
            "import",
            p(&dir.path().join("missing.csv")),
            "--out",
            p(&out),
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("missing.csv"), "{}", stderr(&o));

    // --out is required, and so is a file.
    let o = vpceplan(&root(), &["pricing", "import", p(&bad)]);
    assert_eq!(o.status.code(), Some(2));
    let o = vpceplan(&root(), &["pricing", "import", "--out", p(&out)]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn import_terraform_prints_a_scenario_that_runs() {
    let o = vpceplan(
        &root(),
        &[
            "import",
            "terraform",
            &terraform("plan.json"),
            "--usage",
            &terraform("usage.toml"),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    let t: toml::Table = toml::from_str(&text).expect("stdout is the scenario TOML");
    assert_eq!(t["region"].as_str(), Some("us-east-1"));
    assert_eq!(t["name"].as_str(), Some("console-private-access"));
    let err = stderr(&o);
    assert!(
        err.contains("not imported: aws_s3_bucket.logs: resource type aws_s3_bucket"),
        "{err}"
    );
    assert!(err.contains("assumed figure(s) marked"), "{err}");

    // Written with --out, then priced by `vpceplan run`.
    let dir = tmp();
    let scenario = dir.path().join("imported/plan.toml");
    let o = vpceplan(
        &root(),
        &[
            "import",
            "terraform",
            &terraform("plan.json"),
            "--usage",
            &terraform("usage.toml"),
            "--out",
            p(&scenario),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).starts_with("wrote "), "{}", stdout(&o));
    assert_eq!(std::fs::read_to_string(&scenario).unwrap(), text);
    let o = vpceplan(&root(), &["run", "--no-write", "--quiet", p(&scenario)]);
    assert!(o.status.success(), "{}", stderr(&o));
    let line = stdout(&o)
        .lines()
        .find(|l| l.starts_with("console-private-access "))
        .map(str::to_string)
        .expect("scenario row");
    assert!(line.contains("789.08"), "{line}");
}

#[test]
fn import_terraform_region_and_errors() {
    // Region from the command line when the plan does not tell it.
    let dir = tmp();
    let plan = write(
        dir.path(),
        "plan.json",
        r#"{"resource_changes":[{"address":"aws_nat_gateway.a","mode":"managed","type":"aws_nat_gateway","change":{"actions":["create"],"after":{}}}]}"#,
    );
    let o = vpceplan(&root(), &["import", "terraform", p(&plan)]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("cannot tell the Region"),
        "{}",
        stderr(&o)
    );
    let o = vpceplan(
        &root(),
        &["import", "terraform", p(&plan), "--region", "eu-central-1"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("region = \"eu-central-1\"\n"),
        "{}",
        stdout(&o)
    );

    // A Region the price book does not know: the scenario is printed, the exit is 1.
    let o = vpceplan(
        &root(),
        &["import", "terraform", p(&plan), "--region", "xx-nowhere-1"],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o).contains("region = \"xx-nowhere-1\""),
        "{}",
        stdout(&o)
    );
    assert!(
        stderr(&o).contains("the imported scenario does not validate"),
        "{}",
        stderr(&o)
    );

    let usage = write(dir.path(), "usage.toml", "[default]\ngb = 5\n");
    let o = vpceplan(
        &root(),
        &["import", "terraform", p(&plan), "--usage", p(&usage)],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("usage.toml, table [default], key \"gb\": unknown key"),
        "{}",
        stderr(&o)
    );

    let o = vpceplan(
        &root(),
        &["import", "terraform", p(&dir.path().join("nope.json"))],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("nope.json"), "{}", stderr(&o));
}
