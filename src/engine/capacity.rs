//! Capacity: load per unit (ENI, NAT gateway, attachment, Resolver IP) against the limits
//! profile, normally and with one AZ lost, as the rule of each block's kind says
//! ([`crate::rules::Capacity::check`]): one row per AZ holding units.

use crate::error::Result;
use crate::pricing::PriceBook;
use crate::rules::{self, Nums, Status};
use crate::scenario::Scenario;

/// Text for the AZ-loss load of a row (`-` when no unit survives).
pub fn az_loss_load_text(row: &CapacityRow) -> String {
    match row.az_loss_load {
        Some(l) => format!("{l:.3}"),
        None => "-".to_string(),
    }
}

/// One capacity check: the units of one block in one AZ.
#[derive(Debug, Clone, PartialEq)]
pub struct CapacityRow {
    /// `block label`, e.g. `interface_endpoint[0] console`.
    pub resource: String,
    pub block: String,
    /// Limit id in the profile, e.g. `interface_endpoint_eni`.
    pub limit: String,
    pub region: String,
    pub az: String,
    /// Units of the block in this AZ (ENIs, NAT gateways, IPs...).
    pub units: u64,
    /// `Gbps`, or `qps` for Resolver IPs.
    pub unit: String,
    /// Load per unit, normal state.
    pub load: f64,
    /// The month's average rate per unit (by the stated GB convention).
    pub avg_load: f64,
    pub sustained: f64,
    pub burst: f64,
    /// sustained − load (negative when above sustained).
    pub headroom: f64,
    /// headroom / sustained × 100.
    pub headroom_pct: f64,
    /// load / sustained × 100.
    pub utilization_pct: f64,
    pub status: Status,
    /// Load per unit with one AZ lost; `None` when no unit survives.
    pub az_loss_load: Option<f64>,
    pub az_loss_status: Status,
}

/// Check every block whose rule has a capacity check.
pub(crate) fn check(s: &Scenario, book: &PriceBook) -> Result<Vec<CapacityRow>> {
    let mut out = Vec::new();
    for r in &s.resources {
        let nums = Nums::of(r);
        for cap in rules::capacities(&r.kind) {
            rows_of(s, r, &nums, cap, book, &mut out)?;
        }
    }
    Ok(out)
}

/// The rows of one capacity check of block `r`.
fn rows_of(
    s: &Scenario,
    r: &crate::scenario::Resource,
    nums: &Nums,
    cap: rules::Capacity,
    book: &PriceBook,
    out: &mut Vec<CapacityRow>,
) -> Result<()> {
    {
        // A check that does not apply (no connection count given) needs no limit.
        if cap.load == rules::Load::Connections && nums.conns <= 0.0 {
            return Ok(());
        }
        let limit = book.limits.get(&s.limits, cap.limit_id(&r.kind))?;
        let Some(c) = cap.check(nums, s.hours_per_month, limit) else {
            return Ok(());
        };
        for (az, u) in r.azs.iter().zip(cap.units.per_az(nums)) {
            if u == 0 {
                continue;
            }
            out.push(CapacityRow {
                resource: if r.label == rules::of(&r.kind).table {
                    r.block.clone()
                } else {
                    format!("{} {}", r.block, r.label)
                },
                block: r.block.clone(),
                limit: cap.limit_id(&r.kind).to_string(),
                region: r.region.clone(),
                az: az.clone(),
                units: u,
                unit: limit.unit.clone(),
                load: c.per_unit,
                avg_load: c.avg_unit,
                sustained: limit.sustained,
                burst: limit.burst,
                headroom: c.headroom,
                headroom_pct: c.headroom_pct,
                utilization_pct: c.utilization_pct,
                status: c.status,
                az_loss_load: c.az_loss_load,
                az_loss_status: c.az_loss_status,
            });
        }
    }
    Ok(())
}
