//! Renderers: results in, bytes out. Nothing here touches the file system.
//!
//! Every money figure passes through [`crate::money`] exactly once, here, at output.

pub mod compare;
mod table;

pub use table::{Table, summary_table};

use crate::engine::{Evaluation, az_loss_label};
use crate::money::{fmt_cents, fmt_fine, fmt_qty};
use serde_json::{Value, json};

/// The outcome of one scenario: evaluated, or failed with a message.
pub type Outcome = std::result::Result<Evaluation, FailedScenario>;

/// A scenario that could not be evaluated.
#[derive(Debug, Clone, PartialEq)]
pub struct FailedScenario {
    /// The scenario's file.
    pub file: String,
    /// Its name, when the file got that far.
    pub name: String,
    pub message: String,
}

/// Neutralise a text cell against spreadsheet formula injection (OWASP): a text value
/// starting with `=`, `+`, `-`, `@`, tab or carriage return gets a leading `'`.
/// Numeric cells are written by the renderers as numbers and never pass through here.
pub fn text_cell(s: &str) -> String {
    match s.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{s}"),
        _ => s.to_string(),
    }
}

fn f3(x: f64) -> String {
    format!("{x:.3}")
}

fn f2(x: f64) -> String {
    format!("{x:.2}")
}

fn csv_bytes(header: &[&str], rows: impl IntoIterator<Item = Vec<String>>) -> Vec<u8> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    // Writing to a Vec cannot fail.
    let _ = w.write_record(header);
    for r in rows {
        let _ = w.write_record(&r);
    }
    w.into_inner().unwrap_or_default()
}

/// Columns of `summary.csv`.
pub const SUMMARY_HEADER: &[&str] = &[
    "scenario",
    "file",
    "region",
    "hours_per_month",
    "limits",
    "monthly_usd",
    "hourly_usd",
    "gb_per_month",
    "usd_per_gb",
    "endpoint_hours",
    "min_headroom_pct",
    "status",
    "az_loss_status",
    "error",
];

/// `summary.csv`: one row per scenario, failed ones included with their error.
pub fn summary_csv(outcomes: &[Outcome]) -> Vec<u8> {
    let rows = outcomes.iter().map(|o| match o {
        Ok(e) => vec![
            text_cell(&e.scenario),
            text_cell(&e.file),
            e.region.clone(),
            e.hours_per_month.to_string(),
            text_cell(&e.limits),
            fmt_cents(e.monthly),
            fmt_fine(e.hourly),
            fmt_qty(e.gb_processed),
            e.usd_per_gb.map(fmt_fine).unwrap_or_default(),
            fmt_qty(e.endpoint_hours),
            e.min_headroom_pct.map(f2).unwrap_or_default(),
            e.status.to_string(),
            e.az_loss_status.to_string(),
            String::new(),
        ],
        Err(f) => {
            let mut r = vec![String::new(); SUMMARY_HEADER.len()];
            r[0] = text_cell(&f.name);
            r[1] = text_cell(&f.file);
            r[11] = "error".into();
            r[13] = text_cell(&f.message.replace('\n', " "));
            r
        }
    });
    csv_bytes(SUMMARY_HEADER, rows)
}

/// Columns of `line_items.csv`.
pub const LINE_ITEMS_HEADER: &[&str] = &[
    "scenario",
    "block",
    "label",
    "component",
    "variant",
    "region",
    "az",
    "tier",
    "quantity",
    "unit",
    "rate_usd",
    "hourly_usd",
    "monthly_usd",
    "explain",
];

/// `line_items.csv` for one scenario.
pub fn line_items_csv(e: &Evaluation) -> Vec<u8> {
    let rows = e.lines.iter().map(|l| {
        vec![
            text_cell(&e.scenario),
            l.block.clone(),
            text_cell(&l.label),
            l.component.clone(),
            text_cell(&l.variant),
            l.region.clone(),
            text_cell(&l.az),
            l.tier.to_string(),
            fmt_qty(l.quantity),
            text_cell(&l.unit),
            l.rate.normalize().to_string(),
            fmt_fine(l.hourly),
            fmt_cents(l.monthly),
            text_cell(&l.explain),
        ]
    });
    csv_bytes(LINE_ITEMS_HEADER, rows)
}

/// Columns of `capacity.csv`.
pub const CAPACITY_HEADER: &[&str] = &[
    "resource",
    "block",
    "limit",
    "region",
    "az",
    "units",
    "unit",
    "load_gbps",
    "avg_gbps",
    "sustained_gbps",
    "burst_gbps",
    "headroom_gbps",
    "headroom_pct",
    "utilization_pct",
    "status",
    "az_loss_load_gbps",
    "az_loss_status",
];

/// `capacity.csv` for one scenario. Figures are per unit (ENI, NAT gateway, attachment
/// AZ, Resolver IP); Resolver rows are in queries per second, as the `unit` column says.
pub fn capacity_csv(e: &Evaluation) -> Vec<u8> {
    capacity_rows_csv(&e.capacity)
}

/// `capacity.csv` from capacity rows alone (a failed-over state, sized but not priced).
pub fn capacity_rows_csv(rows: &[crate::engine::CapacityRow]) -> Vec<u8> {
    let rows = rows.iter().map(|c| {
        vec![
            text_cell(&c.resource),
            c.block.clone(),
            c.limit.clone(),
            c.region.clone(),
            text_cell(&c.az),
            c.units.to_string(),
            c.unit.clone(),
            f3(c.load),
            f3(c.avg_load),
            f3(c.sustained),
            f3(c.burst),
            f3(c.headroom),
            f2(c.headroom_pct),
            f2(c.utilization_pct),
            c.status.to_string(),
            c.az_loss_load.map(f3).unwrap_or_default(),
            c.az_loss_status.to_string(),
        ]
    });
    csv_bytes(CAPACITY_HEADER, rows)
}

/// `per_az.csv` for one scenario: monthly and hourly cost per Region/AZ.
pub fn per_az_csv(e: &Evaluation) -> Vec<u8> {
    let rows = e.per_az.iter().map(|(k, v)| {
        let (region, az) = k.split_once('/').unwrap_or((k.as_str(), ""));
        vec![
            region.to_string(),
            text_cell(az),
            fmt_fine(*v / rust_decimal::Decimal::from(e.hours_per_month)),
            fmt_cents(*v),
        ]
    });
    csv_bytes(&["region", "az", "hourly_usd", "monthly_usd"], rows)
}

/// One evaluation as JSON (money as exact strings rounded by the output rule).
pub fn evaluation_json(e: &Evaluation) -> Value {
    json!({
        "scenario": e.scenario,
        "file": e.file,
        "region": e.region,
        "hours_per_month": e.hours_per_month,
        "limits": e.limits,
        "monthly_usd": fmt_cents(e.monthly),
        "hourly_usd": fmt_fine(e.hourly),
        "gb_per_month": fmt_qty(e.gb_processed),
        "usd_per_gb": e.usd_per_gb.map(fmt_fine),
        "endpoint_hours": fmt_qty(e.endpoint_hours),
        "min_headroom_pct": e.min_headroom_pct,
        "status": e.status.as_str(),
        "az_loss_status": e.az_loss_status.as_str(),
        "per_az": e.per_az.iter().map(|(k, v)| (k.clone(), Value::String(fmt_cents(*v)))).collect::<serde_json::Map<_, _>>(),
        "warnings": e.warnings,
        "line_items": e.lines.iter().map(|l| json!({
            "block": l.block, "label": l.label, "component": l.component, "variant": l.variant,
            "region": l.region, "az": l.az, "tier": l.tier, "quantity": fmt_qty(l.quantity),
            "unit": l.unit, "rate_usd": l.rate.normalize().to_string(),
            "hourly_usd": fmt_fine(l.hourly), "monthly_usd": fmt_cents(l.monthly), "explain": l.explain,
        })).collect::<Vec<_>>(),
        "capacity": e.capacity.iter().map(|c| json!({
            "resource": c.resource, "limit": c.limit, "region": c.region, "az": c.az, "units": c.units,
            "unit": c.unit, "load": c.load, "avg_load": c.avg_load, "sustained": c.sustained,
            "burst": c.burst, "headroom": c.headroom, "headroom_pct": c.headroom_pct,
            "utilization_pct": c.utilization_pct, "status": c.status.as_str(),
            "az_loss_load": c.az_loss_load, "az_loss_status": c.az_loss_status.as_str(),
            "az_loss_label": az_loss_label(c),
        })).collect::<Vec<_>>(),
    })
}

/// All outcomes as one JSON document.
pub fn outcomes_json(outcomes: &[Outcome]) -> Vec<u8> {
    let v: Vec<Value> = outcomes
        .iter()
        .map(|o| match o {
            Ok(e) => evaluation_json(e),
            Err(f) => {
                json!({"scenario": f.name, "file": f.file, "status": "error", "error": f.message})
            }
        })
        .collect();
    let mut out = serde_json::to_vec_pretty(&json!({ "scenarios": v })).unwrap_or_default();
    out.push(b'\n');
    out
}
