//! Capacity: load per unit (ENI, NAT gateway, attachment, Resolver IP) against the limits
//! profile, normally and with one AZ lost.
//!
//! A block's peak is spread evenly over its units. The load used is the larger of the
//! stated peak and the month's average rate (so a block with traffic but no peak is not
//! shown as idle). Losing an AZ takes out the AZ holding the most units of the block; the
//! survivors carry the whole load.

use super::avg_gbps;
use super::cost::units_per_az;
use crate::error::Result;
use crate::pricing::PriceBook;
use crate::scenario::{Kind, Scenario};

/// Load against a limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Status {
    /// At or below the sustained limit.
    Ok,
    /// Above sustained, within burst.
    Burst,
    /// Above the burst limit.
    Over,
    /// No unit survives (a single-AZ block with its AZ lost).
    Down,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Ok => "ok",
            Status::Burst => "burst",
            Status::Over => "over",
            Status::Down => "down",
        }
    }

    /// Classify a per-unit load.
    pub fn of(load: f64, sustained: f64, burst: f64) -> Status {
        // A tolerance of a millionth of the limit keeps an exactly-at-limit load "ok"
        // despite binary rounding.
        if load <= sustained * (1.0 + 1e-9) {
            Status::Ok
        } else if load <= burst * (1.0 + 1e-9) {
            Status::Burst
        } else {
            Status::Over
        }
    }
}

impl std::fmt::Display for Status {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Text for the AZ-loss load of a row.
pub fn az_loss_label(row: &CapacityRow) -> String {
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

/// Check every block that has a limit.
pub(crate) fn check(s: &Scenario, book: &PriceBook) -> Result<Vec<CapacityRow>> {
    let mut out = Vec::new();
    for r in &s.resources {
        let nazs = r.azs.len();
        let (limit_id, units, peak, avg) = match &r.kind {
            Kind::InterfaceEndpoint { .. } => (
                "interface_endpoint_eni",
                vec![r.count; nazs],
                r.peak_gbps,
                avg_gbps(r.gb_per_month, s.hours_per_month),
            ),
            Kind::GwlbEndpoint => (
                "gwlb_endpoint",
                units_per_az(r.count, nazs),
                r.peak_gbps,
                avg_gbps(r.gb_per_month, s.hours_per_month),
            ),
            Kind::NatGateway => (
                "nat_gateway",
                units_per_az(r.count, nazs),
                r.peak_gbps,
                avg_gbps(r.gb_per_month, s.hours_per_month),
            ),
            Kind::TgwAttachment { .. } => (
                "tgw_attachment_az",
                vec![r.count; nazs],
                r.peak_gbps,
                avg_gbps(r.gb_per_month, s.hours_per_month),
            ),
            Kind::ResolverEndpoint {
                ips,
                queries_per_month,
                peak_qps,
                ..
            } => {
                use rust_decimal::prelude::ToPrimitive;
                let q = queries_per_month.to_f64().unwrap_or(f64::INFINITY);
                (
                    "resolver_ip",
                    units_per_az(r.count.saturating_mul(*ips), nazs),
                    *peak_qps,
                    q / (f64::from(s.hours_per_month) * 3600.0),
                )
            }
            _ => continue,
        };
        let limit = book.limits.get(&s.limits, limit_id)?;
        let total_units: u64 = units.iter().sum();
        if total_units == 0 {
            continue;
        }
        let load_total = peak.max(avg);
        let per_unit = load_total / total_units as f64;
        let avg_unit = avg / total_units as f64;
        let worst_az = units.iter().copied().max().unwrap_or(0);
        let survivors = total_units - worst_az;
        let az_loss_load = if survivors == 0 {
            None
        } else {
            Some(load_total / survivors as f64)
        };
        let az_loss_status = match az_loss_load {
            Some(l) => Status::of(l, limit.sustained, limit.burst),
            // No unit survives: the block is down, whatever it carried.
            None => Status::Down,
        };
        let status = Status::of(per_unit, limit.sustained, limit.burst);
        for (az, u) in r.azs.iter().zip(units.iter()) {
            if *u == 0 {
                continue;
            }
            out.push(CapacityRow {
                resource: if r.label == r.kind.table() {
                    r.block.clone()
                } else {
                    format!("{} {}", r.block, r.label)
                },
                block: r.block.clone(),
                limit: limit_id.to_string(),
                region: r.region.clone(),
                az: az.clone(),
                units: *u,
                unit: limit.unit.clone(),
                load: per_unit,
                avg_load: avg_unit,
                sustained: limit.sustained,
                burst: limit.burst,
                headroom: limit.sustained - per_unit,
                headroom_pct: (limit.sustained - per_unit) / limit.sustained * 100.0,
                utilization_pct: per_unit / limit.sustained * 100.0,
                status,
                az_loss_load,
                az_loss_status,
            });
        }
    }
    Ok(out)
}
