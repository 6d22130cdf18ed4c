//! AWS Price List offer import: CSV and JSON fixtures, exact decimals, tiers, Regions,
//! skipped reasons, and the price book writer.

use std::fs::File;
use std::io::BufReader;
use std::path::PathBuf;
use std::str::FromStr;

use rust_decimal::Decimal;
use vpceplan::import::{
    ImportError, ImportResult, PriceRow, SkipReason, import_offer_csv, import_offer_json,
};
use vpceplan::pricing::PriceBook;
use vpceplan::pricing::{merge_rows, write_prices_csv};

const REGIONS_CSV: &str = include_str!("../../pricing/regions.csv");
const LIMITS_CSV: &str = include_str!("../../pricing/limits.csv");

/// Loads a written price book with the project's own loader (which validates it).
fn load_book(prices: &str) -> PriceBook {
    PriceBook::from_texts(
        "written",
        ("prices.csv", prices),
        ("regions.csv", REGIONS_CSV),
        ("limits.csv", LIMITS_CSV),
    )
    .unwrap_or_else(|e| panic!("written book does not load: {e}\n{prices}"))
}

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/pricelist")
        .join(name)
}

fn csv_fixture(name: &str) -> ImportResult {
    let file = File::open(fixture(name)).expect("fixture exists");
    import_offer_csv(BufReader::new(file), name).expect("fixture imports")
}

fn json_fixture(name: &str) -> ImportResult {
    let file = File::open(fixture(name)).expect("fixture exists");
    import_offer_json(file, name).expect("fixture imports")
}

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).expect("test decimal")
}

/// (tier_from, tier_to, usd) of the rows of one key, in order.
fn tiers(
    r: &ImportResult,
    region: &str,
    component: &str,
    variant: &str,
) -> Vec<(String, String, String)> {
    r.rows
        .iter()
        .filter(|row| row.region == region && row.component == component && row.variant == variant)
        .map(|row| {
            (
                row.tier_from.to_string(),
                row.tier_to.map(|t| t.to_string()).unwrap_or_default(),
                row.usd.to_string(),
            )
        })
        .collect()
}

fn one(r: &ImportResult, region: &str, component: &str, variant: &str) -> PriceRow {
    let rows: Vec<&PriceRow> = r
        .rows
        .iter()
        .filter(|row| row.region == region && row.component == component && row.variant == variant)
        .collect();
    assert_eq!(rows.len(), 1, "{region} {component} {variant}: {rows:?}");
    rows[0].clone()
}

fn t(from: &str, to: &str, usd: &str) -> (String, String, String) {
    (from.to_string(), to.to_string(), usd.to_string())
}

#[test]
fn csv_offer_maps_usage_types_to_components_for_every_region() {
    let r = csv_fixture("vpc-offer.csv");
    assert_eq!(r.offer_code, "AmazonVPC");
    assert_eq!(r.version, "20261120192132");
    assert_eq!(r.effective, "2026-11-20");

    assert_eq!(
        tiers(&r, "us-east-1", "interface_endpoint_gb", ""),
        vec![
            t("0", "1048576", "0.01"),
            t("1048576", "5242880", "0.006"),
            t("5242880", "", "0.004"),
        ]
    );
    assert_eq!(
        tiers(&r, "eu-west-1", "interface_endpoint_gb", ""),
        vec![
            t("0", "1048576", "0.011"),
            t("1048576", "5242880", "0.0066"),
            t("5242880", "", "0.0044"),
        ]
    );
    // EU- prefix with an empty Region Code: eu-west-1 from the prefix (not "EUW1").
    let eu = one(&r, "eu-west-1", "interface_endpoint_hour", "");
    assert_eq!(eu.usd, d("0.011"));
    assert_eq!(eu.unit, "endpoint-AZ-hour");
    assert_eq!(
        one(&r, "ap-southeast-1", "interface_endpoint_hour", "").usd,
        d("0.013")
    );

    // Unprefixed us-east-1 NAT rows, one with and one without a Region Code.
    let nat_h = one(&r, "us-east-1", "nat_gateway_hour", "");
    assert_eq!(nat_h.usd, d("0.045"));
    assert_eq!(nat_h.unit, "NAT-hour");
    assert!(
        nat_h.source.ends_with("usage type NatGateway-Hours"),
        "{}",
        nat_h.source
    );
    assert_eq!(one(&r, "us-east-1", "nat_gateway_gb", "").usd, d("0.045"));
    assert_eq!(one(&r, "eu-west-1", "nat_gateway_hour", "").usd, d("0.048"));

    assert_eq!(
        one(&r, "us-east-1", "gwlb_endpoint_hour", "").usd,
        d("0.01")
    );
    assert_eq!(
        one(&r, "us-east-1", "gwlb_endpoint_gb", "").usd,
        d("0.0035")
    );
    assert_eq!(
        one(&r, "us-east-1", "tgw_attachment_hour", "").usd,
        d("0.05")
    );
    assert_eq!(one(&r, "us-east-1", "tgw_gb", "").usd, d("0.02"));
    let xaz = one(&r, "us-east-1", "cross_az_gb", "");
    assert_eq!(
        (xaz.usd, xaz.unit.as_str()),
        (d("0.01"), "GB per direction")
    );

    // Inter-Region: from the From/To Region Code columns, or from both prefixes.
    assert_eq!(
        one(&r, "us-east-1", "inter_region_gb", "us-west-2").usd,
        d("0.02")
    );
    assert_eq!(
        one(&r, "us-east-1", "inter_region_gb", "eu-central-1").usd,
        d("0.02")
    );

    // The Site-to-Site VPN connection-hour (USE1-VPN-Usage-Hours, operation
    // CreateVpnConnection): $0.05 per connection-hour.
    let vpn = one(&r, "us-east-1", "vpn_connection_hour", "");
    assert_eq!((vpn.usd, vpn.unit.as_str()), (d("0.05"), "connection-hour"));

    assert_eq!(r.rows.len(), 20, "{:#?}", r.rows);
    for row in &r.rows {
        assert_eq!(row.effective, "2026-11-20");
        assert!(row.verified);
        assert!(
            row.source
                .starts_with("AWS Price List AmazonVPC version 20261120192132; usage type "),
            "{}",
            row.source
        );
    }
}

#[test]
fn csv_offer_reports_what_it_skipped() {
    let r = csv_fixture("vpc-offer.csv");
    let s = &r.skipped;
    assert_eq!(s.count(SkipReason::NotOnDemand), 1);
    assert!(s.has_example(SkipReason::NotOnDemand, "USE1-NatGateway-Hours (Reserved)"));
    assert_eq!(s.count(SkipReason::UnknownUsageType), 1);
    assert!(s.has_example(SkipReason::UnknownUsageType, "USW2-LAX1-NatGateway-Hours"));
    assert_eq!(s.count(SkipReason::UnsupportedOperation), 1);
    assert!(s.has_example(
        SkipReason::UnsupportedOperation,
        "USE1-TransitGateway-Hours (TransitGatewayPeering)"
    ));
    assert_eq!(s.count(SkipReason::NonUsdCurrency), 1);
    assert!(s.has_example(SkipReason::NonUsdCurrency, "APS1-NatGateway-Hours (CNY)"));
    assert_eq!(s.total(), 4);
    // The CNY row did not become an ap-southeast-1 NAT price.
    assert!(tiers(&r, "ap-southeast-1", "nat_gateway_hour", "").is_empty());
    let text = s.to_string();
    assert!(text.contains("skipped: 4 item(s)"), "{text}");
    assert!(text.contains("[unknown-usage-type]"), "{text}");
}

#[test]
fn json_offer_gives_the_same_rows_as_csv() {
    let from_csv = csv_fixture("vpc-offer.csv");
    let from_json = json_fixture("vpc-offer.json");
    assert_eq!(from_json.rows, from_csv.rows);
    assert_eq!(from_json.offer_code, "AmazonVPC");
    assert_eq!(from_json.effective, "2026-11-20");
    let s = &from_json.skipped;
    assert_eq!(s.count(SkipReason::NotOnDemand), 1);
    assert!(s.has_example(SkipReason::NotOnDemand, "Reserved terms"));
    assert_eq!(s.count(SkipReason::UnknownUsageType), 1);
    assert_eq!(s.count(SkipReason::UnsupportedOperation), 1);
    assert_eq!(s.count(SkipReason::NonUsdCurrency), 1);
}

#[test]
fn json_offer_with_terms_before_products() {
    let normal = json_fixture("vpc-offer.json");
    let reordered = json_fixture("vpc-offer-terms-first.json");
    assert_eq!(reordered.rows, normal.rows);
    assert_eq!(
        reordered.skipped.count(SkipReason::UnsupportedOperation),
        normal.skipped.count(SkipReason::UnsupportedOperation)
    );
}

#[test]
fn route53_offer_resolver_queries_hosted_zones_health_checks() {
    let r = json_fixture("route53-offer.json");
    assert_eq!(r.effective, "2026-11-15");
    assert_eq!(
        one(&r, "us-east-1", "resolver_endpoint_ip_hour", "").usd,
        d("0.125")
    );
    assert_eq!(
        one(&r, "eu-west-1", "resolver_endpoint_ip_hour", "").usd,
        d("0.125")
    );
    // Per-query prices become per-million prices, tier bounds in millions, exactly.
    assert_eq!(
        tiers(&r, "us-east-1", "resolver_queries", ""),
        vec![t("0", "1000", "0.4"), t("1000", "", "0.2")]
    );
    // Global prices are written once, under the book's `global` Region, and for no Region.
    for region in ["eu-west-1", "us-east-1"] {
        assert!(
            r.rows
                .iter()
                .all(|x| !(x.region == region && x.component.starts_with("h"))),
            "{region} has a hosted-zone or health-check row"
        );
    }
    {
        let region = "global";
        assert_eq!(
            tiers(&r, region, "hosted_zone_month", ""),
            vec![t("0", "25", "0.5"), t("25", "", "0.1")]
        );
        // The free tier is imported as an exact 0.
        assert_eq!(
            tiers(&r, region, "health_check_month", "aws"),
            vec![t("0", "50", "0"), t("50", "", "0.5")]
        );
        assert_eq!(
            tiers(&r, region, "health_check_month", "non-aws"),
            vec![t("0", "", "0.75")]
        );
        assert_eq!(
            tiers(&r, region, "health_check_feature_month", "aws"),
            vec![t("0", "", "1")]
        );
    }
    assert!(
        r.rows
            .iter()
            .filter(|x| x.component == "resolver_queries")
            .all(|x| x.unit == "million queries")
    );
    // Public DNS queries (no prefix, no Region) are not Resolver queries.
    assert_eq!(r.skipped.count(SkipReason::PublicDnsQueries), 2);
    assert!(
        r.skipped
            .has_example(SkipReason::UnknownUsageType, "Traffic-Flow-Policy-Records")
    );
    assert!(
        r.notes.iter().any(|n| n.contains("under Region `global`")),
        "{:?}",
        r.notes
    );
    // Rows are sorted by Region, component, variant, tier_from.
    let keys: Vec<_> = r
        .rows
        .iter()
        .map(|x| {
            (
                x.region.clone(),
                x.component.clone(),
                x.variant.clone(),
                x.tier_from,
            )
        })
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
}

#[test]
fn written_price_book_has_the_committed_format_and_reads_back() {
    let r = csv_fixture("vpc-offer.csv");
    let text = write_prices_csv(&r.rows).unwrap();
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some("region,component,variant,tier_from,tier_to,unit,usd,effective,source,verified")
    );
    assert!(text.contains(
        "us-east-1,interface_endpoint_gb,,1048576,5242880,GB,0.006,2026-11-20,\
         AWS Price List AmazonVPC version 20261120192132; usage type USE1-VpcEndpoint-Bytes,yes\n"
    ));
    assert!(text.contains("us-east-1,interface_endpoint_gb,,5242880,,GB,0.004,"));
    assert!(text.contains("us-east-1,inter_region_gb,us-west-2,0,,GB,0.02,"));
    let back = load_book(&text);
    assert_eq!(back.rows, r.rows);
}

#[test]
fn committed_price_book_reads_and_merges() {
    let existing = PriceBook::builtin().unwrap().rows;
    let before = existing.len();
    let resolver_q = existing
        .iter()
        .filter(|x| x.region == "us-east-1" && x.component == "resolver_queries")
        .count();
    assert_eq!(resolver_q, 2);
    let eu_hour = existing
        .iter()
        .find(|x| x.region == "eu-west-1" && x.component == "interface_endpoint_hour")
        .unwrap();
    assert!(!eu_hour.verified);

    let imported = csv_fixture("vpc-offer.csv");
    let merged = merge_rows(existing, &imported.rows);
    // The unverified eu-west-1 endpoint-hour figure is replaced by the imported one.
    let eu: Vec<_> = merged
        .iter()
        .filter(|x| x.region == "eu-west-1" && x.component == "interface_endpoint_hour")
        .collect();
    assert_eq!(eu.len(), 1);
    assert_eq!(eu[0].usd, d("0.011"));
    assert!(eu[0].verified);
    assert_eq!(eu[0].effective, "2026-11-20");
    // Components the offer does not cover are kept (gateway endpoints, queries...).
    assert!(
        merged
            .iter()
            .any(|x| x.region == "us-east-1" && x.component == "gateway_endpoint_hour")
    );
    assert!(
        merged
            .iter()
            .any(|x| x.region == "global" && x.component == "arc_cluster_hour")
    );
    // us-east-1 -> us-east-2 is not in the offer: kept as it was.
    assert!(
        merged
            .iter()
            .any(|x| x.component == "inter_region_gb" && x.variant == "us-east-2")
    );
    // New keys are added: us-east-1 -> eu-central-1 (1); the eu-west-1 data tiers (3)
    // replace the book's own three.
    assert_eq!(merged.len(), before + 1);
    // The merged book loads with the project's loader, and gives the imported ladder.
    let book = load_book(&write_prices_csv(&merged).unwrap());
    let ladder = book
        .ladder("eu-west-1", "interface_endpoint_gb", "")
        .unwrap();
    let usd: Vec<Decimal> = ladder.iter().map(|r| r.usd).collect();
    assert_eq!(usd, vec![d("0.011"), d("0.0066"), d("0.0044")]);
}

const META: &str = "\"FormatVersion\",\"v1.0\"\n\"Disclaimer\",\"x, y\"\n\
\"Publication Date\",\"2026-12-01T00:00:00Z\"\n\"Version\",\"20261201000000\"\n\"OfferCode\",\"AmazonVPC\"\n";

#[test]
fn csv_columns_are_found_by_name_in_any_order() {
    let text = format!(
        "{META}\"Currency\",\"PricePerUnit\",\"Unit\",\"usageType\",\"TermType\",\"SKU\",\"EndingRange\",\"StartingRange\",\"Region Code\"\n\
         \"USD\",\"0.0120000000\",\"Hrs\",\"EUC1-VpcEndpoint-Hours\",\"OnDemand\",\"S1\",\"Inf\",\"0\",\"eu-central-1\"\n"
    );
    let r = import_offer_csv(text.as_bytes(), "reordered.csv").unwrap();
    assert_eq!(r.rows.len(), 1);
    assert_eq!(r.rows[0].region, "eu-central-1");
    assert_eq!(r.rows[0].usd, d("0.012"));
    assert_eq!(r.effective, "2026-12-01");
}

#[test]
fn errors_name_file_line_field_and_what_to_do() {
    let header = "\"SKU\",\"TermType\",\"Unit\",\"PricePerUnit\",\"Currency\",\"usageType\"\n";
    let bad_price = format!(
        "{META}{header}\"S1\",\"OnDemand\",\"Hrs\",\"0.01x\",\"USD\",\"USE1-VpcEndpoint-Hours\"\n"
    );
    let err = import_offer_csv(bad_price.as_bytes(), "bad.csv").unwrap_err();
    let msg = err.to_string();
    assert!(msg.starts_with("bad.csv, line 7: price \"0.01x\""), "{msg}");
    assert!(msg.contains("re-download"), "{msg}");

    let missing_col =
        format!("{META}\"SKU\",\"TermType\",\"Unit\",\"PricePerUnit\",\"usageType\"\n");
    let err = import_offer_csv(missing_col.as_bytes(), "nocur.csv").unwrap_err();
    assert!(
        err.to_string()
            .starts_with("nocur.csv, line 6: the header row has no \"Currency\" column"),
        "{err}"
    );

    let no_date = "\"FormatVersion\",\"v1.0\"\n\"Version\",\"1\"\n\"OfferCode\",\"AmazonVPC\"\n\
                   \"SKU\",\"TermType\",\"Unit\",\"PricePerUnit\",\"Currency\",\"usageType\"\n";
    let err = import_offer_csv(no_date.as_bytes(), "nodate.csv").unwrap_err();
    assert!(
        err.to_string().contains("\"publicationDate\" is missing"),
        "{err}"
    );

    // A price of an irrelevant row is not even parsed; a bad range of a relevant one is.
    let bad_range = format!(
        "{META}\"SKU\",\"TermType\",\"Unit\",\"PricePerUnit\",\"Currency\",\"usageType\",\"StartingRange\",\"EndingRange\"\n\
         \"S0\",\"OnDemand\",\"Hrs\",\"garbage\",\"USD\",\"USE1-Something-Else\",\"0\",\"Inf\"\n\
         \"S1\",\"OnDemand\",\"GB\",\"0.01\",\"USD\",\"USE1-VpcEndpoint-Bytes\",\"10\",\"5\"\n"
    );
    let err = import_offer_csv(bad_range.as_bytes(), "range.csv").unwrap_err();
    assert!(
        err.to_string()
            .starts_with("range.csv, line 8: range end \"5\""),
        "{err}"
    );

    let json = r#"{"offerCode":"AmazonVPC","version":"1","publicationDate":"2026-01-01T00:00:00Z",
      "products":{"S1":{"sku":"S1","attributes":{"usagetype":"USE1-VpcEndpoint-Hours","regionCode":"us-east-1"}}},
      "terms":{"OnDemand":{"S1":{"S1.T":{"priceDimensions":{"S1.T.R":{"unit":"Hrs","beginRange":"0","endRange":"Inf","pricePerUnit":{"USD":"1e-2"}}}}}}}}"#;
    let err = import_offer_json(json.as_bytes(), "bad.json").unwrap_err();
    assert!(
        err.to_string().starts_with(
            "bad.json, JSON path terms.OnDemand.S1.S1.T.priceDimensions.S1.T.R: price \"1e-2\""
        ),
        "{err}"
    );

    let truncated = &json[..json.len() / 2];
    let err = import_offer_json(truncated.as_bytes(), "cut.json").unwrap_err();
    assert!(matches!(err, ImportError::Json { line: 2, .. }), "{err:?}");
    assert!(
        err.to_string().starts_with("cut.json, line 2, column"),
        "{err}"
    );

    let err = import_offer_json(&b"[1,2]"[..], "array.json").unwrap_err();
    assert!(
        err.to_string().contains("an AWS Price List offer object"),
        "{err}"
    );
}

#[test]
fn conflicting_duplicates_are_left_out_not_picked() {
    let header = "\"SKU\",\"TermType\",\"Unit\",\"PricePerUnit\",\"Currency\",\"usageType\",\"Region Code\"\n";
    let text = format!(
        "{META}{header}\
         \"S1\",\"OnDemand\",\"Hrs\",\"0.01\",\"USD\",\"USE1-VpcEndpoint-Hours\",\"us-east-1\"\n\
         \"S2\",\"OnDemand\",\"Hrs\",\"0.0100\",\"USD\",\"USE1-VpcEndpoint-Hours\",\"us-east-1\"\n\
         \"S3\",\"OnDemand\",\"Hrs\",\"0.045\",\"USD\",\"NatGateway-Hours\",\"\"\n\
         \"S4\",\"OnDemand\",\"Hrs\",\"0.05\",\"USD\",\"USE1-NatGateway-Hours\",\"\"\n"
    );
    let r = import_offer_csv(text.as_bytes(), "dup.csv").unwrap();
    assert_eq!(r.rows.len(), 1);
    assert_eq!(r.rows[0].component, "interface_endpoint_hour");
    assert_eq!(r.skipped.count(SkipReason::DuplicatePrice), 1);
    assert_eq!(r.skipped.count(SkipReason::ConflictingPrices), 1);
}

#[test]
fn gaps_in_tiers_and_unknown_prefixes_are_reported() {
    let header = "\"SKU\",\"TermType\",\"Unit\",\"PricePerUnit\",\"Currency\",\"usageType\",\"StartingRange\",\"EndingRange\"\n";
    let text = format!(
        "{META}{header}\
         \"S1\",\"OnDemand\",\"GB\",\"0.01\",\"USD\",\"USE1-VpcEndpoint-Bytes\",\"0\",\"1048576\"\n\
         \"S1\",\"OnDemand\",\"GB\",\"0.004\",\"USD\",\"USE1-VpcEndpoint-Bytes\",\"5242880\",\"Inf\"\n\
         \"S2\",\"OnDemand\",\"Hrs\",\"0.01\",\"USD\",\"ZZZ9-VpcEndpoint-Hours\",\"0\",\"Inf\"\n\
         \"S3\",\"OnDemand\",\"GB-Mo\",\"0.01\",\"USD\",\"USE1-NatGateway-Bytes\",\"0\",\"Inf\"\n"
    );
    let r = import_offer_csv(text.as_bytes(), "gaps.csv").unwrap();
    assert!(r.rows.is_empty(), "{:?}", r.rows);
    assert_eq!(r.skipped.count(SkipReason::InvalidTiers), 1);
    assert_eq!(r.skipped.count(SkipReason::UnknownRegion), 1);
    assert!(
        r.skipped
            .has_example(SkipReason::UnknownRegion, "ZZZ9-VpcEndpoint-Hours")
    );
    assert_eq!(r.skipped.count(SkipReason::UnexpectedUnit), 1);
}

#[test]
fn garbage_input_is_an_error_not_a_panic() {
    for input in [
        &b""[..],
        b"\xff\xfe\x00garbage",
        b"\"SKU\"\n",
        b"{}",
        b"{\"products\": 3}",
        b"{\"products\": {}, \"terms\": {\"OnDemand\": []}}",
    ] {
        let _ = import_offer_csv(input, "garbage");
        let _ = import_offer_json(input, "garbage");
    }
    let r = import_offer_csv(&b"\"SKU\"\n"[..], "x.csv");
    assert!(r.is_err());
}
