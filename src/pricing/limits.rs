//! Capacity limits as named profiles (`seed`, `current`, or any a user adds).

use crate::error::{Error, Result};
use std::collections::BTreeMap;

/// One capacity limit.
#[derive(Debug, Clone, PartialEq)]
pub struct Limit {
    pub sustained: f64,
    pub burst: f64,
    /// `Gbps` or `qps`.
    pub unit: String,
    pub source: String,
}

impl Limit {
    /// This limit's row under [`LIMIT_COLUMNS`], for `resource` in `profile`.
    pub fn row(&self, profile: &str, resource: &str) -> Vec<String> {
        vec![
            profile.to_string(),
            resource.to_string(),
            format!("{}", self.sustained),
            format!("{}", self.burst),
            self.unit.clone(),
            self.source.clone(),
        ]
    }
}

/// Columns of a listing of limits, one row per profile and resource ([`Limit::row`]),
/// as `pricing limits` prints it and the report page shows it.
pub const LIMIT_COLUMNS: &[&str] = &[
    "profile",
    "resource",
    "sustained",
    "burst",
    "unit",
    "source",
];

/// The columns of [`LIMIT_COLUMNS`] that hold numbers (aligned right).
pub const LIMIT_NUMBER_COLUMNS: &[usize] = &[2, 3];

/// All limit profiles: profile → resource → limit.
#[derive(Debug, Clone, Default)]
pub struct Limits {
    pub profiles: BTreeMap<String, BTreeMap<String, Limit>>,
}

/// Resource ids a profile may hold: the limits the rule table's capacity checks name
/// (`rules::limit_ids`; a test there keeps the two lists equal — the book is a layer
/// below the rules and does not import them).
pub const LIMIT_RESOURCES: &[&str] = &[
    "interface_endpoint_eni",
    "gwlb_endpoint",
    "nat_gateway",
    "tgw_attachment_az",
    "resolver_ip",
    "regional_nat_gateway_az",
    "resource_endpoint_az",
    "service_network_endpoint_az",
    "vpn_tunnel",
    "direct_connect_dedicated_1g",
    "direct_connect_dedicated_10g",
    "direct_connect_dedicated_100g",
    "direct_connect_dedicated_400g",
    "direct_connect_hosted_50m",
    "direct_connect_hosted_100m",
    "direct_connect_hosted_200m",
    "direct_connect_hosted_300m",
    "direct_connect_hosted_400m",
    "direct_connect_hosted_500m",
    "direct_connect_hosted_1g",
    "direct_connect_hosted_2g",
    "direct_connect_hosted_5g",
    "direct_connect_hosted_10g",
    "direct_connect_hosted_25g",
    "nat_gateway_connections",
];

#[derive(Debug, serde::Deserialize)]
struct RawLimit {
    profile: String,
    resource: String,
    sustained: String,
    burst: String,
    unit: String,
    #[serde(default)]
    source: String,
}

impl Limits {
    /// Parse `limits.csv`.
    pub fn parse(file: &str, text: &str) -> Result<Limits> {
        let mut rdr = csv::ReaderBuilder::new()
            .trim(csv::Trim::All)
            .from_reader(text.as_bytes());
        let mut out = Limits::default();
        for (n, rec) in rdr.deserialize::<RawLimit>().enumerate() {
            let line = n + 2;
            let err = |m: String| Error::Book {
                file: file.to_string(),
                line,
                message: m,
            };
            let r = rec.map_err(|e| err(format!("cannot read row: {e}")))?;
            let known = LIMIT_RESOURCES;
            if !known.contains(&r.resource.as_str()) {
                return Err(err(format!(
                    "unknown resource `{}`; limits are for {}",
                    r.resource,
                    known.join(", ")
                )));
            }
            let num = |k: &str, s: &str| -> Result<f64> {
                match s.parse::<f64>() {
                    Ok(v) if v.is_finite() && v > 0.0 => Ok(v),
                    _ => Err(err(format!("`{k}` = `{s}` must be a positive number"))),
                }
            };
            let sustained = num("sustained", &r.sustained)?;
            let burst = num("burst", &r.burst)?;
            if burst < sustained {
                return Err(err(format!("burst {burst} is below sustained {sustained}")));
            }
            let prev = out.profiles.entry(r.profile.clone()).or_default().insert(
                r.resource.clone(),
                Limit {
                    sustained,
                    burst,
                    unit: r.unit,
                    source: r.source,
                },
            );
            if prev.is_some() {
                return Err(err(format!(
                    "`{}` is listed twice in profile `{}`",
                    r.resource, r.profile
                )));
            }
        }
        Ok(out)
    }

    /// A limit, or an error naming the profile and resource.
    pub fn get(&self, profile: &str, resource: &str) -> Result<&Limit> {
        self.profiles
            .get(profile)
            .and_then(|p| p.get(resource))
            .ok_or_else(|| Error::MissingLimit {
                profile: profile.to_string(),
                resource: resource.to_string(),
            })
    }

    /// Profile names.
    pub fn names(&self) -> Vec<String> {
        self.profiles.keys().cloned().collect()
    }
}
