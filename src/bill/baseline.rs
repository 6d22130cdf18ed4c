//! A [`BillSummary`] as a baseline scenario: today's resources, explicit, with the hours
//! and GB of the export's month, ready for the engine to price.
//!
//! One block per resource the export names (a NAT gateway, an endpoint, an attachment,
//! a Resolver endpoint, an NLB), labelled `ACCOUNT RESOURCE`; per account and Region for
//! what the export does not split by resource (cross-AZ and inter-Region transfer, hosted
//! zones, health checks). The scenario's `hours_per_month` is the month's hours (days ×
//! 24), so a resource that ran all month has exactly the export's hours.
//!
//! What a block cannot say exactly is rounded up and noted (the reconciliation then shows
//! the quantity difference): a resource that ran part of the month counts as a whole one
//! (NAT gateways, endpoint AZs, attachments, Resolver IPs: hours ÷ month hours, rounded
//! up); a Resolver endpoint has at least 2 IPs; an endpoint's service is not in the export
//! (the block says `service = "unknown"`). Hosted zones and health checks are global: the
//! AWS Price List gives their prices without a Region prefix, the book files them under its
//! `global` Region, and the engine books their blocks there whatever the scenario's Region.
//!
//! All accounts go into one scenario, so volume tiers apply to their combined usage, as
//! under consolidated billing (AWS Billing guide, "Volume discounts").

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt::Write as _;

use rust_decimal::Decimal;

use super::summary::{BillSummary, GLOBAL, UsageKey};
use crate::import::usage_type::Component;
use crate::money::fmt_qty;

/// Where a Regional charge the export gives without a Region is placed (AWS's prefix-less
/// Regional usage types are us-east-1's).
const NO_REGION_HOME: &str = "us-east-1";

/// A block of the baseline, for mapping the engine's line items back to the export.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BaselineBlock {
    /// The block's `name` (the engine's line item label).
    pub label: String,
    pub account: String,
    /// The export's Region key (a Region code, or [`GLOBAL`]).
    pub bill_region: String,
    /// Region the block is priced in.
    pub region: String,
    /// The export's resource id (empty for per-account blocks).
    pub resource: String,
    /// Scenario table (`nat_gateway`...).
    pub table: &'static str,
    /// The price-book keys (component, variant) the block is charged under, for a
    /// non-zero quantity: the engine needs a price for each.
    pub prices: Vec<(&'static str, String)>,
}

/// The baseline scenario.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Baseline {
    /// Scenario TOML text.
    pub toml: String,
    /// Region of the scenario (the one with the most priced cost).
    pub region: String,
    pub hours_per_month: u32,
    pub blocks: Vec<BaselineBlock>,
    /// What was rounded, placed or left out, in words.
    pub notes: Vec<String>,
    /// Index of `blocks` by label.
    by_label: HashMap<String, usize>,
}

impl Baseline {
    /// The block with this label.
    pub fn block(&self, label: &str) -> Option<&BaselineBlock> {
        self.by_label.get(label).map(|&i| &self.blocks[i])
    }
}

/// A TOML basic string.
fn quote(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// The last path segment of an ARN-style resource id (`.../nat-0abc` → `nat-0abc`).
pub fn short_resource(id: &str) -> &str {
    id.rsplit(['/', ':']).next().unwrap_or(id)
}

/// Whole units that ran `hours` in a month of `month_hours`: rounded up, at least 1.
fn units(hours: Decimal, month_hours: Decimal) -> u64 {
    if hours <= Decimal::ZERO || month_hours.is_zero() {
        return 1;
    }
    let n = (hours / month_hours).ceil();
    u64::try_from(n).unwrap_or(u64::MAX).max(1)
}

#[derive(Default)]
struct Unit {
    hours: Decimal,
    gb: Decimal,
    /// Resolver queries (millions) or NLCU-hours.
    extra: Decimal,
    has_hours: bool,
}

/// Builds the baseline scenario of a summary, named `name`.
pub fn baseline(summary: &BillSummary, name: &str) -> Baseline {
    let h = summary.hours_in_month().unwrap_or(730);
    let hd = Decimal::from(h);
    // The scenario's Region: the one with the most priced cost (ties: first by name).
    let mut by_region: BTreeMap<&str, Decimal> = BTreeMap::new();
    for (k, f) in &summary.usage {
        if k.region != GLOBAL {
            *by_region.entry(&k.region).or_default() += f.cost;
        }
    }
    let region = by_region
        .iter()
        .fold(None::<(&str, Decimal)>, |best, (r, c)| match best {
            Some((_, bc)) if bc >= *c => best,
            _ => Some((r, *c)),
        })
        .map_or("us-east-1".to_string(), |(r, _)| r.to_string());

    // Gather per block.
    type UnitKey = (String, String, &'static str, String);
    let mut unit_map: BTreeMap<UnitKey, Unit> = BTreeMap::new();
    let mut counts: BTreeMap<(String, &'static str, String), Decimal> = BTreeMap::new();
    let mut notes = Vec::new();
    let mut resolver_queries: Vec<(&UsageKey, Decimal)> = Vec::new();
    for (k, f) in &summary.usage {
        let ukey = |table: &'static str, resource: &str| {
            (
                k.account.clone(),
                k.region.clone(),
                table,
                resource.to_string(),
            )
        };
        let q = f.quantity;
        match k.component {
            Component::NatGatewayHour
            | Component::InterfaceEndpointHour
            | Component::GwlbEndpointHour
            | Component::TgwAttachmentHour
            | Component::ResolverEndpointIpHour
            | Component::NlbHour => {
                let table = k.component.table();
                let u = unit_map.entry(ukey(table, &k.resource)).or_default();
                u.hours += q;
                u.has_hours = true;
            }
            Component::NatGatewayGb
            | Component::InterfaceEndpointGb
            | Component::GwlbEndpointGb
            | Component::TgwGb => {
                let table = k.component.table();
                unit_map.entry(ukey(table, &k.resource)).or_default().gb += q;
            }
            Component::NlbNlcuHour => {
                unit_map.entry(ukey("nlb", &k.resource)).or_default().extra += q;
            }
            Component::ResolverQueries => resolver_queries.push((k, q)),
            Component::CrossAzGb => {
                unit_map.entry(ukey("data_transfer", "")).or_default().gb += q;
            }
            Component::InterRegionGb => {
                let key = (
                    k.account.clone(),
                    k.region.clone(),
                    "data_transfer",
                    format!("to {}", k.variant),
                );
                unit_map.entry(key).or_default().gb += q;
            }
            Component::HostedZoneMonth => {
                *counts
                    .entry((k.account.clone(), "hosted_zone", String::new()))
                    .or_default() += q;
            }
            Component::HealthCheckMonth => {
                *counts
                    .entry((k.account.clone(), "health_check", k.variant.clone()))
                    .or_default() += q;
            }
            Component::HealthCheckFeatureMonth => {
                *counts
                    .entry((k.account.clone(), "health_check_feature", k.variant.clone()))
                    .or_default() += q;
            }
            // The summary counts these as usage the baseline does not rebuild
            // (`Component::in_baseline`): they never reach it.
            Component::RegionalNatGatewayHour
            | Component::RegionalNatGatewayGb
            | Component::ResourceEndpointHour
            | Component::VpcResourceGb
            | Component::ServiceNetworkResourceHour
            | Component::LatticeServiceHour
            | Component::LatticeServiceGb
            | Component::VpnConnectionHour
            | Component::DxPortHour
            | Component::DxTransferOutGb => {}
        }
    }
    // Resolver queries go with their endpoint, else with the account's first endpoint in
    // the Region; without one they cannot be priced on their own.
    for (k, q) in resolver_queries {
        let own = (
            k.account.clone(),
            k.region.clone(),
            "resolver_endpoint",
            k.resource.clone(),
        );
        let target = if unit_map.contains_key(&own) {
            Some(own)
        } else {
            unit_map
                .keys()
                .find(|(a, r, t, _)| *a == k.account && *r == k.region && *t == "resolver_endpoint")
                .cloned()
        };
        match target {
            Some(t) => {
                if let Some(u) = unit_map.get_mut(&t) {
                    u.extra += q;
                }
            }
            None => notes.push(format!(
                "{} million Resolver queries of account {} in {} left out: the export has no Resolver endpoint there to carry them",
                fmt_qty(q),
                k.account,
                k.region
            )),
        }
    }

    let mut toml = String::new();
    let _ = writeln!(
        toml,
        "# Baseline: today's resources from the cost export(s) of {} ({} h in the month).",
        if summary.period.is_empty() {
            "an unknown month"
        } else {
            &summary.period
        },
        h
    );
    let _ = writeln!(
        toml,
        "# Written by `vpceplan import cur`; one block per resource the export names, labelled \"ACCOUNT RESOURCE\"."
    );
    let _ = writeln!(toml, "name = {}", quote(name));
    let _ = writeln!(
        toml,
        "description = {}",
        quote(&format!(
            "Baseline from {} cost export file(s), billing period {}",
            summary.files.len(),
            summary.period
        ))
    );
    let _ = writeln!(toml, "region = {}", quote(&region));
    let _ = writeln!(toml, "hours_per_month = {h}");

    let mut blocks: Vec<BaselineBlock> = Vec::new();
    let mut labels: HashSet<String> = HashSet::new();
    let mut label_of = |account: &str, what: &str| -> String {
        let base = format!("{account} {what}");
        let mut label = base.clone();
        let mut n = 2;
        while labels.contains(&label) {
            label = format!("{base} #{n}");
            n += 1;
        }
        labels.insert(label.clone());
        label
    };
    for ((account, bill_region, table, resource), u) in &unit_map {
        let place = if bill_region == GLOBAL {
            NO_REGION_HOME.to_string()
        } else {
            bill_region.clone()
        };
        let what = match (*table, resource.as_str()) {
            ("data_transfer", "") => format!("cross-AZ {bill_region}"),
            ("data_transfer", to) => format!("{bill_region} {to}"),
            (_, "") => format!("{table} {bill_region}"),
            (_, r) => short_resource(r).to_string(),
        };
        let label = label_of(account, &what);
        let _ = writeln!(toml);
        let _ = writeln!(toml, "[[{table}]]");
        let _ = writeln!(toml, "name = {}", quote(&label));
        if place != region {
            let _ = writeln!(toml, "region = {}", quote(&place));
        }
        let n = units(u.hours, hd);
        // Resolver endpoints: 2 to 6 IPs each; more IP-hours means more endpoints.
        let (rcount, rips) = if n <= 6 {
            (1, n.max(2))
        } else {
            (n.div_ceil(6), 6)
        };
        let baseline_units = if *table == "resolver_endpoint" {
            rcount * rips
        } else {
            n
        };
        let shown_hours = fmt_qty(u.hours);
        match *table {
            "nat_gateway" | "gwlb_endpoint" => {
                let _ = writeln!(toml, "count = {n}");
                let _ = writeln!(toml, "gb_per_month = {}", quote(&fmt_qty(u.gb)));
            }
            "interface_endpoint" => {
                let _ = writeln!(
                    toml,
                    "service = \"unknown\"  # the export does not name the endpoint's service"
                );
                let _ = writeln!(toml, "azs = {n}");
                let _ = writeln!(toml, "gb_per_month = {}", quote(&fmt_qty(u.gb)));
            }
            "tgw_attachment" => {
                let _ = writeln!(toml, "count = {n}");
                let _ = writeln!(toml, "gb_per_month = {}", quote(&fmt_qty(u.gb)));
            }
            "resolver_endpoint" => {
                let direction = if short_resource(resource).starts_with("rslvr-out") {
                    "outbound"
                } else {
                    "inbound"
                };
                let _ = writeln!(toml, "direction = \"{direction}\"");
                if rcount > 1 {
                    let _ = writeln!(toml, "count = {rcount}");
                }
                let _ = writeln!(toml, "ips = {rips}");
                let _ = writeln!(
                    toml,
                    "queries_per_month = {}",
                    quote(&fmt_qty(u.extra * Decimal::from(1_000_000u32)))
                );
            }
            "nlb" => {
                let _ = writeln!(toml, "count = {n}");
                let per_hour = (u.extra / (hd * Decimal::from(n))).round_dp(12);
                let _ = writeln!(toml, "nlcu_per_hour = {}", quote(&fmt_qty(per_hour)));
            }
            "data_transfer" => {
                if let Some(to) = resource.strip_prefix("to ") {
                    let _ = writeln!(toml, "kind = \"inter-region\"");
                    let _ = writeln!(toml, "to_region = {}", quote(to));
                } else {
                    let _ = writeln!(toml, "kind = \"cross-az\"");
                    let _ = writeln!(
                        toml,
                        "billed_sides = 1  # the export's GB already count each direction"
                    );
                }
                let _ = writeln!(toml, "gb_per_month = {}", quote(&fmt_qty(u.gb)));
            }
            _ => {}
        }
        if u.has_hours && u.hours != Decimal::from(baseline_units) * hd {
            notes.push(format!(
                "{label}: {shown_hours} h in the export, {} h in the baseline (whole units all month{})",
                fmt_qty(Decimal::from(baseline_units) * hd),
                if *table == "resolver_endpoint" {
                    "; a Resolver endpoint has 2 to 6 IPs"
                } else {
                    ""
                }
            ));
        }
        if !u.has_hours && *table != "data_transfer" {
            notes.push(format!(
                "{label}: the export has GB but no hours for it; the baseline counts one unit all month"
            ));
        }
        let prices = match (*table, resource.strip_prefix("to ")) {
            ("data_transfer", Some(to)) => vec![("inter_region_gb", to.to_string())],
            ("data_transfer", None) => vec![("cross_az_gb", String::new())],
            (t, _) => {
                let (hour, other) = match t {
                    "nat_gateway" => ("nat_gateway_hour", "nat_gateway_gb"),
                    "interface_endpoint" => ("interface_endpoint_hour", "interface_endpoint_gb"),
                    "gwlb_endpoint" => ("gwlb_endpoint_hour", "gwlb_endpoint_gb"),
                    "tgw_attachment" => ("tgw_attachment_hour", "tgw_gb"),
                    "resolver_endpoint" => ("resolver_endpoint_ip_hour", "resolver_queries"),
                    _ => ("nlb_hour", "nlb_nlcu_hour"),
                };
                let mut v = vec![(hour, String::new())];
                if !(u.gb.is_zero() && u.extra.is_zero()) {
                    v.push((other, String::new()));
                }
                v
            }
        };
        blocks.push(BaselineBlock {
            label,
            account: account.clone(),
            bill_region: bill_region.clone(),
            region: place,
            resource: resource.clone(),
            table,
            prices,
        });
    }
    // Per-account counts: hosted zones, health checks (with their optional features).
    let features: BTreeMap<(String, String), Decimal> = counts
        .iter()
        .filter(|((_, t, _), _)| *t == "health_check_feature")
        .map(|((a, _, v), q)| ((a.clone(), v.clone()), *q))
        .collect();
    for ((account, table, variant), q) in &counts {
        if *table == "health_check_feature" {
            continue;
        }
        let n = u64::try_from(q.ceil()).unwrap_or(u64::MAX).max(1);
        let what = if *table == "hosted_zone" {
            "hosted zones".to_string()
        } else {
            format!("health checks {variant}")
        };
        let label = label_of(account, &what);
        let _ = writeln!(toml);
        let _ = writeln!(toml, "[[{table}]]");
        let _ = writeln!(toml, "name = {}", quote(&label));
        let _ = writeln!(toml, "count = {n}");
        if *table == "health_check" {
            let _ = writeln!(toml, "type = {}", quote(variant));
            if let Some(f) = features.get(&(account.clone(), variant.clone())) {
                let per = u64::try_from((*f / Decimal::from(n)).ceil()).unwrap_or(0);
                let _ = writeln!(toml, "optional_features = {per}");
                if Decimal::from(per * n) != *f {
                    notes.push(format!(
                        "{label}: {} optional feature-months over {n} checks, {} in the baseline",
                        fmt_qty(*f),
                        per * n
                    ));
                }
            }
        }
        if Decimal::from(n) != *q {
            notes.push(format!(
                "{label}: {} in the export (part of a month), {n} in the baseline",
                fmt_qty(*q)
            ));
        }
        let mut prices = vec![if *table == "hosted_zone" {
            ("hosted_zone_month", String::new())
        } else {
            ("health_check_month", variant.clone())
        }];
        if *table == "health_check" && features.contains_key(&(account.clone(), variant.clone())) {
            prices.push(("health_check_feature_month", variant.clone()));
        }
        blocks.push(BaselineBlock {
            label,
            account: account.clone(),
            bill_region: GLOBAL.to_string(),
            region: crate::pricing::GLOBAL.to_string(),
            resource: String::new(),
            table,
            prices,
        });
    }
    for ((account, variant), f) in &features {
        if !counts.contains_key(&(account.clone(), "health_check", variant.clone())) {
            notes.push(format!(
                "account {account}: {} optional health-check feature-months ({variant}) without health checks left out",
                fmt_qty(*f)
            ));
        }
    }
    if blocks.iter().any(|b| b.bill_region == GLOBAL) {
        notes.push(format!(
            "hosted zones and health checks are global; they are priced at the book's `{}` rows",
            crate::pricing::GLOBAL
        ));
    }
    if !notes.is_empty() {
        let _ = writeln!(toml);
        let _ = writeln!(toml, "# Notes of the import:");
        for n in &notes {
            let line: String = n
                .chars()
                .map(|c| if c.is_control() { ' ' } else { c })
                .collect();
            let _ = writeln!(toml, "# - {line}");
        }
    }
    let by_label = blocks
        .iter()
        .enumerate()
        .map(|(i, b)| (b.label.clone(), i))
        .collect();
    Baseline {
        toml,
        region,
        hours_per_month: h,
        blocks,
        notes,
        by_label,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bill::schema::Format;
    use crate::bill::summary::{Aggregator, ColumnNames, Row, RowPos};

    fn summary(rows: &[(&str, &str, &str, &str, &str)]) -> BillSummary {
        let cols = ColumnNames {
            kind: "k",
            amount: "a",
            cost: "c",
            rate: "r",
            currency: "cur",
            period: "p",
        };
        let mut a = Aggregator::new();
        for (account, region, ut, res, amount) in rows {
            let r = Row {
                kind: "Usage",
                usage_type: ut,
                amount,
                cost: "1",
                currency: "USD",
                account,
                region,
                resource: res,
                period: "2026-09-01",
                ..Default::default()
            };
            a.add(Format::Cur2, &r, "f", RowPos::Line(2), &cols)
                .unwrap();
        }
        a.finish()
    }

    #[test]
    fn counts_are_rounded_up_to_whole_units_and_noted() {
        // September: 30 days = 720 h.
        let s = summary(&[
            // 8 IPs all month (5,760 IP-hours) need 2 endpoints of at most 6 IPs: 2 × 6.
            (
                "1",
                "us-east-1",
                "USE1-ResolverNetworkInterface",
                "rslvr-out-1",
                "5760",
            ),
            // 3 AWS health checks, 4 optional feature-months: 2 per check, rounded up.
            ("1", "", "Health-Check-AWS", "", "3"),
            ("1", "", "Health-Check-Option-AWS", "", "4"),
            // 2.5 zone-months (a zone created mid-month): 3 zones.
            ("1", "", "HostedZone", "", "2.5"),
        ]);
        let b = baseline(&s, "t");
        assert_eq!(b.hours_per_month, 720);
        assert!(
            b.toml
                .contains("direction = \"outbound\"\ncount = 2\nips = 6"),
            "{}",
            b.toml
        );
        assert!(
            b.toml.contains("type = \"aws\"\noptional_features = 2"),
            "{}",
            b.toml
        );
        assert!(
            b.toml
                .contains("[[hosted_zone]]\nname = \"1 hosted zones\"\ncount = 3"),
            "{}",
            b.toml
        );
        let notes = b.notes.join("\n");
        assert!(
            notes.contains("5760 h in the export, 8640 h in the baseline"),
            "{notes}"
        ); // 12 × 720
        assert!(
            notes.contains("4 optional feature-months over 3 checks, 6 in the baseline"),
            "{notes}"
        );
        assert!(
            notes.contains("2.5 in the export (part of a month), 3 in the baseline"),
            "{notes}"
        );
        let book = crate::pricing::PriceBook::builtin().unwrap();
        crate::scenario::parse_scenario("t.toml", &b.toml, &book).unwrap();
        assert_eq!(
            b.block("1 hosted zones").map(|x| x.region.as_str()),
            Some("global")
        );
    }
}
