//! The engine: a validated [`Scenario`] and a [`PriceBook`] in, priced line items, totals
//! and capacity checks out. Pure: no I/O, no global state, the same answer on any thread.

mod capacity;
mod cost;

/// The capacity status and the load convention are the rule table's ([`crate::rules`]).
pub use crate::rules::{BYTES_PER_GB, Status, avg_gbps};
pub use capacity::{CapacityRow, az_loss_load_text};
pub use cost::LineItem;

use crate::error::Result;
use crate::pricing::PriceBook;
use crate::scenario::Scenario;
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// The per-AZ key for costs that belong to no AZ (hosted zones, queries, transfer...).
pub const REGIONAL: &str = "regional";

/// Everything computed for one scenario.
#[derive(Debug, Clone, PartialEq)]
pub struct Evaluation {
    pub scenario: String,
    pub file: String,
    pub region: String,
    pub hours_per_month: u32,
    pub limits: String,
    pub lines: Vec<LineItem>,
    pub capacity: Vec<CapacityRow>,
    /// Exact monthly total: the sum of the line items, computed per ladder (see the
    /// engine's `Priced::monthly`).
    pub monthly: Decimal,
    /// Exact hourly total (monthly / hours_per_month).
    pub hourly: Decimal,
    /// Monthly cost per "region/AZ" label; Regional costs under "region/regional", global
    /// ones (Route 53, ARC) under "global/".
    pub per_az: BTreeMap<String, Decimal>,
    /// GB per month processed by endpoints and NAT gateways (the service traffic).
    pub gb_processed: Decimal,
    /// monthly / gb_processed, when any traffic is processed.
    pub usd_per_gb: Option<Decimal>,
    /// Interface/GWLB endpoint-AZ-hours per month.
    pub endpoint_hours: Decimal,
    /// Lowest headroom % over all capacity rows in the normal state.
    pub min_headroom_pct: Option<f64>,
    /// Worst status in the normal state.
    pub status: Status,
    /// Worst status with one AZ lost.
    pub az_loss_status: Status,
    /// Warnings to show with the result (unverified prices used...).
    pub warnings: Vec<String>,
    /// Volume tiers across accounts: consolidated or separate.
    pub billing: crate::scenario::Billing,
    /// Each account's monthly and hourly cost, in the scenario's account order; they add
    /// up to `monthly` exactly (see [`crate::accounts`]).
    pub accounts: Vec<crate::accounts::AccountCost>,
    /// The blocks counted against AWS service quotas ([`crate::quotas`]).
    pub quotas: crate::quotas::QuotaReport,
}

/// Price and size one scenario.
pub fn evaluate(s: &Scenario, book: &PriceBook) -> Result<Evaluation> {
    let priced = cost::price(s, book)?;
    let capacity = capacity::check(s, book)?;
    let monthly = priced.monthly;
    let mut per_az: BTreeMap<String, Decimal> = BTreeMap::new();
    for l in &priced.lines {
        // Global charges (Route 53, ARC) belong to no Region and no AZ: `global/`.
        let az = if l.region == crate::pricing::GLOBAL {
            ""
        } else if l.az.is_empty() {
            REGIONAL
        } else {
            &l.az
        };
        let key = format!("{}/{az}", l.region);
        let e = per_az.entry(key).or_insert(Decimal::ZERO);
        *e = cost::add(*e, l.monthly, &s.name)?;
    }
    let hourly = monthly / Decimal::from(s.hours_per_month);
    let gb_processed = priced.gb_processed;
    let usd_per_gb = if gb_processed.is_zero() {
        None
    } else {
        monthly.checked_div(gb_processed)
    };
    let min_headroom_pct = capacity
        .iter()
        .map(|c| c.headroom_pct)
        .fold(None, |acc: Option<f64>, h| {
            Some(acc.map_or(h, |a| a.min(h)))
        });
    let status = capacity
        .iter()
        .map(|c| c.status)
        .max()
        .unwrap_or(Status::Ok);
    let az_loss_status = capacity
        .iter()
        .map(|c| c.az_loss_status)
        .max()
        .unwrap_or(Status::Ok);
    let mut warnings = Vec::new();
    for r in book.unverified(priced.keys_used) {
        warnings.push(format!(
            "price {} {}{} = ${} is marked unverified in the price book ({})",
            r.region,
            r.component,
            if r.variant.is_empty() {
                String::new()
            } else {
                format!(" ({})", r.variant)
            },
            r.usd.normalize(),
            r.source
        ));
    }
    Ok(Evaluation {
        scenario: s.name.clone(),
        file: s.file.clone(),
        region: s.region.clone(),
        hours_per_month: s.hours_per_month,
        limits: s.limits.clone(),
        lines: priced.lines,
        capacity,
        monthly,
        hourly,
        per_az,
        gb_processed,
        usd_per_gb,
        endpoint_hours: priced.endpoint_hours,
        min_headroom_pct,
        status,
        az_loss_status,
        warnings,
        billing: s.accounts.billing,
        accounts: priced.accounts,
        quotas: crate::quotas::count(&s.resources, &book.quotas),
    })
}

/// Capacity checks alone, without pricing: for states that are sized but not billed
/// (the failed-over state of a failover setup), where a Region may lack prices.
pub fn capacity(s: &Scenario, book: &PriceBook) -> Result<Vec<CapacityRow>> {
    capacity::check(s, book)
}

/// Worst normal-state and AZ-loss status over capacity rows (`ok` when none).
pub fn worst_status(rows: &[CapacityRow]) -> (Status, Status) {
    let n = rows.iter().map(|c| c.status).max().unwrap_or(Status::Ok);
    let a = rows
        .iter()
        .map(|c| c.az_loss_status)
        .max()
        .unwrap_or(Status::Ok);
    (n, a)
}
