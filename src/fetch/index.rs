//! The two index files of the AWS Price List bulk API, and URL resolution.
//!
//! * The offer index (`/offers/v1.0/aws/index.json`) lists every service's offer; each
//!   entry carries `currentRegionIndexUrl`, a path relative to the index's host.
//! * A service's Region index (`.../current/region_index.json`) maps each Region code to
//!   `currentVersionUrl`, the path of that Region's current offer file (`index.json`; the
//!   same folder holds `index.csv`).

use serde::Deserialize;
use std::collections::BTreeMap;

/// One entry of the offer index.
#[derive(Debug, Clone, Deserialize)]
pub struct OfferEntry {
    #[serde(rename = "offerCode", default)]
    pub offer_code: String,
    #[serde(rename = "currentVersionUrl", default)]
    pub current_version_url: String,
    #[serde(rename = "currentRegionIndexUrl", default)]
    pub current_region_index_url: Option<String>,
}

/// The offer index (`index.json`).
#[derive(Debug, Clone, Deserialize)]
pub struct OfferIndex {
    #[serde(rename = "publicationDate", default)]
    pub publication_date: String,
    pub offers: BTreeMap<String, OfferEntry>,
}

/// One Region of a service's Region index.
#[derive(Debug, Clone, Deserialize)]
pub struct RegionEntry {
    #[serde(rename = "regionCode", default)]
    pub region_code: String,
    #[serde(rename = "currentVersionUrl")]
    pub current_version_url: String,
}

/// A service's Region index (`region_index.json`).
#[derive(Debug, Clone, Deserialize)]
pub struct RegionIndex {
    #[serde(rename = "publicationDate", default)]
    pub publication_date: String,
    pub regions: BTreeMap<String, RegionEntry>,
}

/// Parse an offer index; the error says what is wrong in words a user can act on.
pub fn parse_offer_index(bytes: &[u8]) -> Result<OfferIndex, String> {
    let idx: OfferIndex = serde_json::from_slice(bytes).map_err(|e| {
        format!("not an AWS Price List offer index (a JSON object with an \"offers\" map): {e}")
    })?;
    if idx.offers.is_empty() {
        return Err("the offer index lists no offers".into());
    }
    Ok(idx)
}

/// Parse a service's Region index.
pub fn parse_region_index(bytes: &[u8]) -> Result<RegionIndex, String> {
    let idx: RegionIndex = serde_json::from_slice(bytes).map_err(|e| {
        format!("not an AWS Price List Region index (a JSON object with a \"regions\" map): {e}")
    })?;
    if idx.regions.is_empty() {
        return Err("the Region index lists no Regions".into());
    }
    Ok(idx)
}

/// Resolve `reference` (absolute URL, host-relative `/path` or relative `path`) against
/// the URL `base` it was read from.
pub fn join_url(base: &str, reference: &str) -> String {
    if reference.starts_with("http://") || reference.starts_with("https://") {
        return reference.to_string();
    }
    // scheme://host[:port] of the base
    let origin_end = base
        .find("://")
        .and_then(|i| base[i + 3..].find('/').map(|j| i + 3 + j))
        .unwrap_or(base.len());
    if reference.starts_with('/') {
        return format!("{}{}", &base[..origin_end], reference);
    }
    let dir_end = base
        .rfind('/')
        .filter(|&i| i >= origin_end)
        .map_or(base.len(), |i| i);
    format!("{}/{}", &base[..dir_end], reference)
}

/// The URL of a Region's offer in the other form: `index.json` ↔ `index.csv`.
pub fn with_form(url: &str, csv: bool) -> String {
    match (csv, url.strip_suffix(".json")) {
        (true, Some(stem)) => format!("{stem}.csv"),
        _ => url.to_string(),
    }
}

/// The stable URL of a service's current offer for one Region, for manual downloads:
/// `…/offers/v1.0/aws/SERVICE/current/REGION/index.json` (the bulk API serves it beside
/// the versioned path).
pub fn current_region_offer_url(index_url: &str, offer: &str, region: &str, csv: bool) -> String {
    let ext = if csv { "csv" } else { "json" };
    join_url(
        index_url,
        &format!("/offers/v1.0/aws/{offer}/current/{region}/index.{ext}"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_resolve_like_a_browser() {
        let idx = "https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/index.json";
        assert_eq!(
            join_url(idx, "/offers/v1.0/aws/AmazonVPC/current/region_index.json"),
            "https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/AmazonVPC/current/region_index.json"
        );
        assert_eq!(
            join_url(idx, "AmazonVPC/x.json"),
            "https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/AmazonVPC/x.json"
        );
        assert_eq!(join_url(idx, "http://h/a"), "http://h/a");
        assert_eq!(
            join_url("http://127.0.0.1:80", "/a"),
            "http://127.0.0.1:80/a"
        );
        assert_eq!(
            with_form("http://h/o/AmazonVPC/2026/eu-west-1/index.json", true),
            "http://h/o/AmazonVPC/2026/eu-west-1/index.csv"
        );
        assert_eq!(
            current_region_offer_url(idx, "AmazonEC2", "eu-west-1", false),
            "https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/AmazonEC2/current/eu-west-1/index.json"
        );
    }

    #[test]
    fn indexes_parse_and_reject_other_json() {
        let o = parse_offer_index(
            br#"{"formatVersion":"v1.0","publicationDate":"2026-11-30T00:00:00Z","offers":{"AmazonVPC":{"offerCode":"AmazonVPC","currentVersionUrl":"/offers/v1.0/aws/AmazonVPC/current/index.json","currentRegionIndexUrl":"/offers/v1.0/aws/AmazonVPC/current/region_index.json"}}}"#,
        )
        .unwrap();
        assert!(o.offers["AmazonVPC"].current_region_index_url.is_some());
        assert!(parse_offer_index(b"{\"regions\":{}}").is_err());
        assert!(parse_offer_index(b"<html>").is_err());
        let r = parse_region_index(
            br#"{"regions":{"eu-west-1":{"regionCode":"eu-west-1","currentVersionUrl":"/offers/v1.0/aws/AmazonVPC/20261120192132/eu-west-1/index.json"}}}"#,
        )
        .unwrap();
        assert_eq!(r.regions["eu-west-1"].region_code, "eu-west-1");
        assert!(parse_region_index(b"{\"regions\":{}}").is_err());
    }
}
