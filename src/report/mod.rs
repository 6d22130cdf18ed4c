//! Renderers: results in, bytes out. Nothing here touches the file system.
//!
//! Every money figure passes through [`crate::money`] exactly once, here, at output.

pub mod charts_data;
pub mod compare;
pub mod diff;
pub mod html;
pub mod markdown;
pub mod savings;
mod sheet;
pub mod sweep_charts;
mod table;
pub mod xlsx;

pub use sheet::{Cell, Sheet};
pub use table::{Table, summary_table};

use crate::engine::{Evaluation, az_loss_load_text};
use crate::money::{fmt_cents, fmt_fine, fmt_qty};
use crate::ops::{FailedScenario, Outcome};
use serde_json::{Value, json};

/// CSV bytes from rows of already rendered fields (text already passed through
/// [`crate::text::text_cell`]); the typed [`Sheet::to_csv`] is preferred for new reports.
pub(crate) fn csv_bytes(header: &[&str], rows: impl IntoIterator<Item = Vec<String>>) -> Vec<u8> {
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

fn f3(x: f64) -> Cell {
    Cell::Float(x, 3)
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
    "quotas",
];

/// The `quotas` cell of a scenario that was not priced: `impossible` when it is over a
/// hard AWS quota, else empty (not counted).
pub fn failed_quotas(f: &FailedScenario) -> &'static str {
    if f.invalid && f.message.starts_with(crate::quotas::IMPOSSIBLE) {
        crate::quotas::Standing::Impossible.as_str()
    } else {
        ""
    }
}

/// The summary: one row per scenario, failed ones included with their error.
pub fn summary_sheet(outcomes: &[Outcome]) -> Sheet {
    let mut s = Sheet::new("summary", SUMMARY_HEADER);
    s.rows = outcomes
        .iter()
        .map(|o| match o {
            Ok(e) => vec![
                Cell::text(&e.scenario),
                Cell::text(&e.file),
                Cell::text(&e.region),
                Cell::Int(i64::from(e.hours_per_month)),
                Cell::text(&e.limits),
                Cell::Money(e.monthly),
                Cell::Rate(e.hourly),
                Cell::Number(e.gb_processed),
                e.usd_per_gb.map_or(Cell::Empty, Cell::Rate),
                Cell::Number(e.endpoint_hours),
                e.min_headroom_pct.map_or(Cell::Empty, Cell::Pct),
                Cell::text(e.status.to_string()),
                Cell::text(e.az_loss_status.to_string()),
                Cell::Empty,
                Cell::text(e.quotas.standing.as_str()),
            ],
            Err(f) => {
                let mut r = vec![Cell::Empty; SUMMARY_HEADER.len()];
                r[0] = Cell::text(&f.name);
                r[1] = Cell::text(&f.file);
                r[11] = Cell::text(f.status());
                r[13] = Cell::text(f.message.replace('\n', " "));
                r[14] = Cell::text(failed_quotas(f));
                r
            }
        })
        .collect();
    s
}

/// `summary.csv`: one row per scenario, failed ones included with their error.
pub fn summary_csv(outcomes: &[Outcome]) -> Vec<u8> {
    summary_sheet(outcomes).to_csv()
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
    "account",
];

/// The line items of one scenario (the scenario is the first column; the paying account
/// the last, so that the earlier columns keep their places).
pub fn line_item_rows(e: &Evaluation) -> Vec<Vec<Cell>> {
    e.lines
        .iter()
        .map(|l| {
            vec![
                Cell::text(&e.scenario),
                Cell::text(&l.block),
                Cell::text(&l.label),
                Cell::text(&l.component),
                Cell::text(&l.variant),
                Cell::text(&l.region),
                Cell::text(&l.az),
                Cell::Int(i64::try_from(l.tier).unwrap_or(i64::MAX)),
                Cell::Number(l.quantity),
                Cell::text(&l.unit),
                Cell::Price(l.rate),
                Cell::Rate(l.hourly),
                Cell::Money(l.monthly),
                Cell::text(&l.explain),
                Cell::text(&l.account),
            ]
        })
        .collect()
}

/// `line_items.csv` for one scenario.
pub fn line_items_csv(e: &Evaluation) -> Vec<u8> {
    let mut s = Sheet::new("line items", LINE_ITEMS_HEADER);
    s.rows = line_item_rows(e);
    s.to_csv()
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

/// The capacity rows of one scenario, as in `capacity.csv`.
pub fn capacity_rows(e: &Evaluation) -> Vec<Vec<Cell>> {
    capacity_cells(&e.capacity)
}

/// Capacity rows as cells, as in `capacity.csv`.
pub fn capacity_cells(rows: &[crate::engine::CapacityRow]) -> Vec<Vec<Cell>> {
    rows.iter()
        .map(|c| {
            vec![
                Cell::text(&c.resource),
                Cell::text(&c.block),
                Cell::text(&c.limit),
                Cell::text(&c.region),
                Cell::text(&c.az),
                Cell::Int(i64::try_from(c.units).unwrap_or(i64::MAX)),
                Cell::text(&c.unit),
                f3(c.load),
                f3(c.avg_load),
                f3(c.sustained),
                f3(c.burst),
                f3(c.headroom),
                Cell::Pct(c.headroom_pct),
                Cell::Pct(c.utilization_pct),
                Cell::text(c.status.to_string()),
                c.az_loss_load.map_or(Cell::Empty, f3),
                Cell::text(c.az_loss_status.to_string()),
            ]
        })
        .collect()
}

/// `capacity.csv` for one scenario. Figures are per unit (ENI, NAT gateway, attachment
/// AZ, Resolver IP); Resolver rows are in queries per second, as the `unit` column says.
pub fn capacity_csv(e: &Evaluation) -> Vec<u8> {
    capacity_rows_csv(&e.capacity)
}

/// `capacity.csv` from capacity rows alone (a failed-over state, sized but not priced).
pub fn capacity_rows_csv(rows: &[crate::engine::CapacityRow]) -> Vec<u8> {
    let mut s = Sheet::new("capacity", CAPACITY_HEADER);
    s.rows = capacity_cells(rows);
    s.to_csv()
}

/// Columns of `quotas.csv`: every AWS service quota the scenario uses, where it needs the
/// most, the account's value and how it stands.
pub const QUOTAS_HEADER: &[&str] = &[
    "quota",
    "description",
    "scope",
    "need",
    "quota_value",
    "default",
    "adjustable",
    "status",
];

/// The quota rows of one scenario, as in `quotas.csv`.
pub fn quota_rows(e: &Evaluation) -> Vec<Vec<Cell>> {
    e.quotas
        .counts
        .iter()
        .map(|c| {
            let int = |v: u64| Cell::Int(i64::try_from(v).unwrap_or(i64::MAX));
            vec![
                Cell::text(c.quota.id()),
                Cell::text(&c.description),
                Cell::text(&c.scope),
                int(c.need),
                int(c.value),
                int(c.default),
                Cell::text(if c.adjustable { "yes" } else { "no" }),
                Cell::text(c.standing.as_str()),
            ]
        })
        .collect()
}

/// `quotas.csv` for one scenario.
pub fn quotas_csv(e: &Evaluation) -> Vec<u8> {
    let mut s = Sheet::new("quotas", QUOTAS_HEADER);
    s.rows = quota_rows(e);
    s.to_csv()
}

/// Columns of `per_az.csv`.
pub const PER_AZ_HEADER: &[&str] = &["region", "az", "hourly_usd", "monthly_usd"];

/// The per-AZ rows of one scenario, as in `per_az.csv`.
pub fn per_az_rows(e: &Evaluation) -> Vec<Vec<Cell>> {
    e.per_az
        .iter()
        .map(|(k, v)| {
            let (region, az) = k.split_once('/').unwrap_or((k.as_str(), ""));
            vec![
                Cell::text(region),
                Cell::text(az),
                Cell::Rate(*v / rust_decimal::Decimal::from(e.hours_per_month)),
                Cell::Money(*v),
            ]
        })
        .collect()
}

/// `per_az.csv` for one scenario: monthly and hourly cost per Region/AZ.
pub fn per_az_csv(e: &Evaluation) -> Vec<u8> {
    let mut s = Sheet::new("per AZ", PER_AZ_HEADER);
    s.rows = per_az_rows(e);
    s.to_csv()
}

/// Whether reports show an evaluation's accounts: it has accounts of its own (more than
/// one, or one named other than the default `main`).
pub fn shows_accounts(e: &Evaluation) -> bool {
    e.accounts.len() > 1
        || e.accounts
            .first()
            .is_some_and(|a| a.id != crate::scenario::DEFAULT_ACCOUNT)
}

/// Columns of `accounts.csv`.
pub const ACCOUNTS_HEADER: &[&str] = &[
    "account",
    "accounts",
    "billing",
    "monthly_usd",
    "hourly_usd",
    "monthly_usd_each",
    "unblended_monthly_usd",
    "share_pct",
];

/// Each account's bill in one scenario, as in `accounts.csv`: the blended monthly cost
/// (AWS's rule for a consolidated bill's tiered usage; see [`crate::accounts`]), hourly,
/// per identical account (one per spoke for `spoke`), the unblended sum of its line items,
/// and its share of the total.
pub fn accounts_rows(e: &Evaluation) -> Vec<Vec<Cell>> {
    e.accounts
        .iter()
        .map(|a| {
            let share = if e.monthly.is_zero() {
                Cell::Empty
            } else {
                use rust_decimal::prelude::ToPrimitive;
                Cell::Pct(
                    (a.monthly / e.monthly * rust_decimal::Decimal::ONE_HUNDRED)
                        .to_f64()
                        .unwrap_or(0.0),
                )
            };
            vec![
                Cell::text(&a.id),
                Cell::Int(i64::try_from(a.copies).unwrap_or(i64::MAX)),
                Cell::text(e.billing.as_str()),
                Cell::Money(a.monthly),
                Cell::Rate(a.hourly),
                Cell::Money(a.each()),
                Cell::Money(a.unblended),
                share,
            ]
        })
        .collect()
}

/// The accounts of the scenarios that have accounts of their own, as a text table for
/// `run`'s stdout (empty when none has).
pub fn accounts_text(outcomes: &[Outcome]) -> String {
    let mut t = Table::new(
        &[
            "scenario",
            "account",
            "accounts",
            "billing",
            "monthly_usd",
            "hourly_usd",
            "monthly_usd_each",
            "unblended_usd",
        ],
        &[2, 4, 5, 6, 7],
    );
    for e in outcomes.iter().filter_map(|o| o.as_ref().ok()) {
        if !shows_accounts(e) {
            continue;
        }
        for a in &e.accounts {
            t.rows.push(vec![
                e.scenario.clone(),
                a.id.clone(),
                a.copies.to_string(),
                e.billing.as_str().to_string(),
                fmt_cents(a.monthly),
                fmt_fine(a.hourly),
                fmt_cents(a.each()),
                fmt_cents(a.unblended),
            ]);
        }
    }
    if t.rows.is_empty() {
        return String::new();
    }
    format!(
        "accounts (monthly is the blended cost, AWS's split of tiered usage; each: one of the identical accounts):\n{}",
        t.render()
    )
}

/// `accounts.csv` for one scenario: each account's monthly and hourly total.
pub fn accounts_csv(e: &Evaluation) -> Vec<u8> {
    let mut s = Sheet::new("accounts", ACCOUNTS_HEADER);
    s.rows = accounts_rows(e);
    s.to_csv()
}

/// A failed-over state of a failover design: its report folder relative to the output
/// (`<scenario>/region-loss-<Region>`) and its capacity rows (sized, not priced).
pub type FailedOver = (String, Vec<crate::engine::CapacityRow>);

/// The sheets of `vpceplan run`'s workbook: summary, line items (all scenarios), capacity,
/// per AZ and quotas (with a scenario column first). The capacity rows of each scenario are
/// followed by those of its failed-over states (`<scenario>/region-loss-<Region>` in the
/// scenario column), as the CSV reports hold them.
pub fn run_sheets(outcomes: &[Outcome], failed_over: &[FailedOver]) -> Vec<Sheet> {
    let evals: Vec<&Evaluation> = outcomes.iter().filter_map(|o| o.as_ref().ok()).collect();
    let mut lines = Sheet::new("line items", LINE_ITEMS_HEADER);
    let mut cap_header = vec!["scenario"];
    cap_header.extend_from_slice(CAPACITY_HEADER);
    let mut capacity = Sheet::new("capacity", &cap_header);
    let mut az_header = vec!["scenario"];
    az_header.extend_from_slice(PER_AZ_HEADER);
    let mut per_az = Sheet::new("per AZ", &az_header);
    let mut acc_header = vec!["scenario"];
    acc_header.extend_from_slice(ACCOUNTS_HEADER);
    let mut accounts = Sheet::new("accounts", &acc_header);
    let mut q_header = vec!["scenario"];
    q_header.extend_from_slice(QUOTAS_HEADER);
    let mut quotas = Sheet::new("quotas", &q_header);
    fn named(name: &str, rows: Vec<Vec<Cell>>) -> Vec<Vec<Cell>> {
        rows.into_iter()
            .map(|r| {
                let mut row = Vec::with_capacity(r.len() + 1);
                row.push(Cell::text(name));
                row.extend(r);
                row
            })
            .collect()
    }
    for e in evals {
        lines.rows.extend(line_item_rows(e));
        capacity.rows.extend(named(&e.scenario, capacity_rows(e)));
        let prefix = format!("{}/region-loss-", e.scenario);
        let mut states: Vec<&FailedOver> = failed_over
            .iter()
            .filter(|(rel, _)| rel.starts_with(&prefix))
            .collect();
        states.sort_by(|a, b| a.0.cmp(&b.0));
        for (rel, rows) in states {
            capacity.rows.extend(named(rel, capacity_cells(rows)));
        }
        per_az.rows.extend(named(&e.scenario, per_az_rows(e)));
        quotas.rows.extend(named(&e.scenario, quota_rows(e)));
        accounts.rows.extend(named(&e.scenario, accounts_rows(e)));
    }
    vec![
        summary_sheet(outcomes),
        lines,
        capacity,
        per_az,
        quotas,
        accounts,
    ]
}

/// `vpceplan.xlsx`: the workbook of [`run_sheets`].
pub fn run_workbook(
    outcomes: &[Outcome],
    failed_over: &[FailedOver],
) -> crate::error::Result<Vec<u8>> {
    xlsx::workbook(&run_sheets(outcomes, failed_over))
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
        "billing": e.billing.as_str(),
        "accounts": e.accounts.iter().map(|a| json!({
            "account": a.id, "accounts": a.copies, "monthly_usd": fmt_cents(a.monthly),
            "hourly_usd": fmt_fine(a.hourly), "monthly_usd_each": fmt_cents(a.each()),
            "unblended_monthly_usd": fmt_cents(a.unblended),
        })).collect::<Vec<_>>(),
        "line_items": e.lines.iter().map(|l| json!({
            "block": l.block, "account": l.account, "label": l.label, "component": l.component, "variant": l.variant,
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
            "az_loss_label": az_loss_load_text(c),
        })).collect::<Vec<_>>(),
        "quotas": e.quotas.standing.as_str(),
        "quota_counts": e.quotas.counts.iter().map(|c| json!({
            "quota": c.quota.id(), "description": c.description, "scope": c.scope,
            "need": c.need, "quota_value": c.value, "default": c.default,
            "adjustable": c.adjustable, "status": c.standing.as_str(),
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
                json!({"scenario": f.name, "file": f.file, "status": f.status(), "error": f.message})
            }
        })
        .collect();
    let mut out = serde_json::to_vec_pretty(&json!({ "scenarios": v })).unwrap_or_default();
    out.push(b'\n');
    out
}
