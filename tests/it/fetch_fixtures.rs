//! Fixture AWS Price List files in the real formats (offer index, Region indexes, Region
//! offers as JSON and CSV) for three Regions, built in code. The prices are test figures
//! shaped like the published ones, not an AWS publication.
#![allow(dead_code)]

use serde_json::{Map, Value, json};

pub const REGIONS: [&str; 3] = ["us-east-1", "eu-west-1", "ap-southeast-1"];
pub const SERVICES: [&str; 5] = [
    "AmazonVPC",
    "AmazonEC2",
    "AWSDataTransfer",
    "AmazonRoute53",
    "AWSELB",
];
pub const VERSION: &str = "20261130120000";

fn prefix(region: &str) -> &'static str {
    match region {
        "us-east-1" => "USE1",
        "eu-west-1" => "EU",
        _ => "APS1",
    }
}

fn location(region: &str) -> &'static str {
    match region {
        "us-east-1" => "US East (N. Virginia)",
        "eu-west-1" => "EU (Ireland)",
        _ => "Asia Pacific (Singapore)",
    }
}

/// Fixture prices per Region: (interface hour, NAT, TGW hour, cross-AZ, out to other
/// Regions, NLB hour).
pub fn prices(
    region: &str,
) -> (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
) {
    match region {
        "us-east-1" => ("0.01", "0.045", "0.05", "0.01", "0.02", "0.0225"),
        "eu-west-1" => ("0.011", "0.048", "0.05", "0.01", "0.02", "0.0252"),
        _ => ("0.013", "0.059", "0.07", "0.01", "0.09", "0.0252"),
    }
}

/// One product with its OnDemand price dimensions (begin, end, USD).
pub struct Item {
    pub family: &'static str,
    pub usagetype: String,
    pub operation: &'static str,
    pub unit: &'static str,
    pub tiers: Vec<(&'static str, &'static str, String)>,
    /// Region code attributes: (regionCode, fromRegionCode, toRegionCode).
    pub codes: (Option<String>, Option<String>, Option<String>),
}

fn item(
    family: &'static str,
    usagetype: String,
    operation: &'static str,
    unit: &'static str,
    tiers: Vec<(&'static str, &'static str, String)>,
    region: Option<&str>,
) -> Item {
    Item {
        family,
        usagetype,
        operation,
        unit,
        tiers,
        codes: (region.map(str::to_string), None, None),
    }
}

fn flat(p: &str) -> Vec<(&'static str, &'static str, String)> {
    vec![("0", "Inf", p.to_string())]
}

/// The products of one service's offer for one Region.
pub fn items(service: &str, region: &str, nat_override: Option<&str>) -> Vec<Item> {
    let p = prefix(region);
    let (ie, nat, tgw, xaz, out, nlb) = prices(region);
    let nat = nat_override.unwrap_or(nat);
    let r = Some(region);
    match service {
        "AmazonVPC" => vec![
            item(
                "VpcEndpoint",
                format!("{p}-VpcEndpoint-Hours"),
                "VpcEndpoint",
                "Hrs",
                flat(ie),
                r,
            ),
            item(
                "VpcEndpoint",
                format!("{p}-VpcEndpoint-Bytes"),
                "VpcEndpoint",
                "GB",
                vec![
                    ("0", "1048576", "0.01".into()),
                    ("1048576", "5242880", "0.006".into()),
                    ("5242880", "Inf", "0.004".into()),
                ],
                r,
            ),
            item(
                "VpcEndpoint",
                format!("{p}-VpcEndpoint-GWLBE-Hours"),
                "VpcEndpoint",
                "Hrs",
                flat(ie),
                r,
            ),
            item(
                "VpcEndpoint",
                format!("{p}-VpcEndpoint-GWLBE-Bytes"),
                "VpcEndpoint",
                "GB",
                flat("0.0035"),
                r,
            ),
            item(
                "TransitGateway",
                format!("{p}-TransitGateway-Hours"),
                "TransitGatewayVPC",
                "hour",
                flat(tgw),
                r,
            ),
            item(
                "TransitGateway",
                format!("{p}-TransitGateway-Bytes"),
                "TransitGatewayVPC",
                "GB",
                flat("0.02"),
                r,
            ),
            // a product vpceplan does not price, as real offers have many
            item(
                "IP Address",
                format!("{p}-PublicIPv4:InUseAddress"),
                "",
                "Hrs",
                flat("0.005"),
                r,
            ),
        ],
        "AmazonEC2" => {
            let nat_prefix = if region == "us-east-1" {
                String::new()
            } else {
                format!("{p}-")
            };
            vec![
                item(
                    "NAT Gateway",
                    format!("{nat_prefix}NatGateway-Hours"),
                    "NatGateway",
                    "Hrs",
                    flat(nat),
                    r,
                ),
                item(
                    "NAT Gateway",
                    format!("{nat_prefix}NatGateway-Bytes"),
                    "NatGateway",
                    "GB",
                    flat(nat),
                    r,
                ),
                item(
                    "Compute Instance",
                    format!("{p}-BoxUsage:t3.micro"),
                    "RunInstances",
                    "Hrs",
                    flat("0.0104"),
                    r,
                ),
            ]
        }
        "AWSDataTransfer" => {
            let mut v = vec![item(
                "Data Transfer",
                format!("{p}-DataTransfer-Regional-Bytes"),
                "",
                "GB",
                flat(xaz),
                r,
            )];
            for other in REGIONS.iter().filter(|o| **o != region) {
                v.push(Item {
                    family: "Data Transfer",
                    usagetype: format!("{p}-{}-AWS-Out-Bytes", prefix(other)),
                    operation: "",
                    unit: "GB",
                    tiers: flat(out),
                    codes: (None, Some(region.to_string()), Some(other.to_string())),
                });
            }
            v
        }
        "AmazonRoute53" => vec![
            item(
                "DNS Query",
                format!("{p}-ResolverNetworkInterface"),
                "",
                "Hrs",
                flat("0.125"),
                r,
            ),
            item(
                "DNS Query",
                format!("{p}-DNS-Queries"),
                "",
                "Queries",
                vec![
                    ("0", "1000000000", "0.0000004".into()),
                    ("1000000000", "Inf", "0.0000002".into()),
                ],
                r,
            ),
            // global Route 53 prices appear without a Region
            item(
                "DNS Zone",
                "HostedZone".into(),
                "",
                "HostedZone",
                vec![("0", "25", "0.5".into()), ("25", "Inf", "0.1".into())],
                None,
            ),
            item(
                "DNS Health Check",
                "Health-Check-AWS".into(),
                "",
                "Health-Check",
                flat("0.5"),
                None,
            ),
            item(
                "DNS Health Check",
                "Health-Check-Non-AWS".into(),
                "",
                "Health-Check",
                flat("0.75"),
                None,
            ),
            item(
                "DNS Health Check",
                "Health-Check-Option-AWS".into(),
                "",
                "Health-Check-Option",
                flat("1.00"),
                None,
            ),
            item(
                "DNS Health Check",
                "Health-Check-Option-Non-AWS".into(),
                "",
                "Health-Check-Option",
                flat("2.00"),
                None,
            ),
        ],
        "AWSELB" => vec![
            item(
                "Load Balancer-Network",
                format!("{p}-LoadBalancerUsage"),
                "LoadBalancing:Network",
                "Hrs",
                flat(nlb),
                r,
            ),
            item(
                "Load Balancer-Network",
                format!("{p}-LCUUsage"),
                "LoadBalancing:Network",
                "LCU-Hrs",
                flat("0.006"),
                r,
            ),
            item(
                "Load Balancer-Application",
                format!("{p}-LoadBalancerUsage"),
                "LoadBalancing:Application",
                "Hrs",
                flat("0.0225"),
                r,
            ),
        ],
        _ => Vec::new(),
    }
}

fn sku(service: &str, region: &str, i: usize) -> String {
    format!(
        "{}{}{:04}",
        &service[..3.min(service.len())].to_ascii_uppercase(),
        prefix(region),
        i
    )
}

/// A Region offer in JSON form.
pub fn offer_json(service: &str, region: &str, items: &[Item]) -> String {
    let mut products = Map::new();
    let mut ondemand = Map::new();
    for (i, it) in items.iter().enumerate() {
        let s = sku(service, region, i);
        let mut attrs = Map::new();
        attrs.insert("servicecode".into(), json!(service));
        attrs.insert("location".into(), json!(location(region)));
        attrs.insert("locationType".into(), json!("AWS Region"));
        attrs.insert("usagetype".into(), json!(it.usagetype));
        attrs.insert("operation".into(), json!(it.operation));
        if let Some(c) = &it.codes.0 {
            attrs.insert("regionCode".into(), json!(c));
        }
        if let Some(c) = &it.codes.1 {
            attrs.insert("fromRegionCode".into(), json!(c));
        }
        if let Some(c) = &it.codes.2 {
            attrs.insert("toRegionCode".into(), json!(c));
        }
        products.insert(
            s.clone(),
            json!({"sku": s, "productFamily": it.family, "attributes": Value::Object(attrs)}),
        );
        let term = format!("{s}.JRTCKXETXF");
        let mut dims = Map::new();
        for (j, (b, e, p)) in it.tiers.iter().enumerate() {
            let rate = format!("{term}.{j:010}");
            dims.insert(
                rate.clone(),
                json!({"rateCode": rate, "description": format!("{} {}", it.usagetype, p),
                       "beginRange": b, "endRange": e, "unit": it.unit,
                       "pricePerUnit": {"USD": p}, "appliesTo": []}),
            );
        }
        ondemand.insert(
            s.clone(),
            json!({ term.clone(): {"offerTermCode": "JRTCKXETXF", "sku": s,
                "effectiveDate": "2026-11-01T00:00:00Z", "priceDimensions": Value::Object(dims),
                "termAttributes": {}}}),
        );
    }
    serde_json::to_string_pretty(&json!({
        "formatVersion": "v1.0",
        "disclaimer": "vpceplan test fixture shaped like an AWS Price List offer; not an AWS publication",
        "offerCode": service,
        "version": VERSION,
        "publicationDate": "2026-11-30T12:00:00Z",
        "products": Value::Object(products),
        "terms": {"OnDemand": Value::Object(ondemand), "Reserved": {}}
    }))
    .expect("json")
}

/// A Region offer in CSV form.
pub fn offer_csv(service: &str, region: &str, items: &[Item]) -> String {
    let mut s = String::new();
    s.push_str("\"FormatVersion\",\"v1.0\"\n");
    s.push_str("\"Disclaimer\",\"vpceplan test fixture; not an AWS publication\"\n");
    s.push_str("\"Publication Date\",\"2026-11-30T12:00:00Z\"\n");
    s.push_str(&format!("\"Version\",\"{VERSION}\"\n"));
    s.push_str(&format!("\"OfferCode\",\"{service}\"\n"));
    s.push_str("\"SKU\",\"OfferTermCode\",\"RateCode\",\"TermType\",\"PriceDescription\",\"EffectiveDate\",\"StartingRange\",\"EndingRange\",\"Unit\",\"PricePerUnit\",\"Currency\",\"Product Family\",\"serviceCode\",\"Location\",\"Location Type\",\"usageType\",\"operation\",\"Region Code\",\"From Region Code\",\"To Region Code\"\n");
    for (i, it) in items.iter().enumerate() {
        let sk = sku(service, region, i);
        for (j, (b, e, p)) in it.tiers.iter().enumerate() {
            s.push_str(&format!(
                "\"{sk}\",\"JRTCKXETXF\",\"{sk}.JRTCKXETXF.{j:010}\",\"OnDemand\",\"{}\",\"2026-11-01\",\"{b}\",\"{e}\",\"{}\",\"{p}\",\"USD\",\"{}\",\"{service}\",\"{}\",\"AWS Region\",\"{}\",\"{}\",\"{}\",\"{}\",\"{}\"\n",
                it.usagetype,
                it.unit,
                it.family,
                location(region),
                it.usagetype,
                it.operation,
                it.codes.0.clone().unwrap_or_default(),
                it.codes.1.clone().unwrap_or_default(),
                it.codes.2.clone().unwrap_or_default(),
            ));
        }
    }
    s
}

pub const INDEX_PATH: &str = "/offers/v1.0/aws/index.json";

pub fn region_index_path(service: &str) -> String {
    format!("/offers/v1.0/aws/{service}/current/region_index.json")
}

pub fn region_offer_path(service: &str, region: &str, csv: bool) -> String {
    format!(
        "/offers/v1.0/aws/{service}/{VERSION}/{region}/index.{}",
        if csv { "csv" } else { "json" }
    )
}

pub fn offer_index() -> String {
    let mut offers = Map::new();
    for s in SERVICES.iter().chain(["AmazonS3"].iter()) {
        offers.insert(
            s.to_string(),
            json!({"offerCode": s,
                   "versionIndexUrl": format!("/offers/v1.0/aws/{s}/index.json"),
                   "currentVersionUrl": format!("/offers/v1.0/aws/{s}/current/index.json"),
                   "currentRegionIndexUrl": region_index_path(s)}),
        );
    }
    serde_json::to_string_pretty(&json!({
        "formatVersion": "v1.0",
        "disclaimer": "vpceplan test fixture",
        "publicationDate": "2026-11-30T12:00:00Z",
        "offers": Value::Object(offers)
    }))
    .expect("json")
}

pub fn region_index(service: &str) -> String {
    let mut regions = Map::new();
    for r in REGIONS {
        regions.insert(
            r.to_string(),
            json!({"regionCode": r, "currentVersionUrl": region_offer_path(service, r, false)}),
        );
    }
    serde_json::to_string_pretty(&json!({
        "formatVersion": "v1.0",
        "disclaimer": "vpceplan test fixture",
        "publicationDate": "2026-11-30T12:00:00Z",
        "regions": Value::Object(regions)
    }))
    .expect("json")
}
