//! `bill.csv` and `reconcile.csv`, as bytes (the CLI writes them atomically). Money is
//! rounded to the cent at output only ([`crate::money`]); quantities print exactly.

use super::reconcile::{Reconciliation, shown_rates};
use super::summary::BillSummary;
use crate::report::{Cell, Sheet};

/// Columns of `bill.csv`.
pub const BILL_HEADER: &[&str] = &[
    "account",
    "region",
    "component",
    "variant",
    "resource",
    "usage_type",
    "quantity",
    "unit",
    "export_cost_usd",
    "line_items",
];

/// Columns of `reconcile.csv`.
pub const RECONCILE_HEADER: &[&str] = &[
    "account",
    "region",
    "usage_type",
    "component",
    "variant",
    "unit",
    "export_quantity",
    "vpceplan_quantity",
    "export_rate",
    "book_rate",
    "export_usage_usd",
    "export_adjustments_usd",
    "export_cost_usd",
    "vpceplan_cost_usd",
    "difference_usd",
    "status",
    "explanation",
];

/// The usage summary: one row per account × Region × component × variant × resource.
pub fn bill_sheet(s: &BillSummary) -> Sheet {
    let mut sheet = Sheet::new("bill", BILL_HEADER);
    for (k, f) in &s.usage {
        sheet.rows.push(vec![
            Cell::Text(k.account.clone()),
            Cell::Text(k.region.clone()),
            Cell::Text(k.component.id().to_string()),
            Cell::Text(k.variant.clone()),
            Cell::Text(k.resource.clone()),
            Cell::Text(
                f.usage_types
                    .iter()
                    .cloned()
                    .collect::<Vec<_>>()
                    .join(" + "),
            ),
            Cell::Number(f.quantity),
            Cell::Text(k.component.book_unit().to_string()),
            Cell::Money(f.cost),
            Cell::Int(i64::try_from(f.line_items).unwrap_or(i64::MAX)),
        ]);
    }
    sheet
}

/// `bill.csv`.
pub fn bill_csv(s: &BillSummary) -> Vec<u8> {
    bill_sheet(s).to_csv()
}

/// The reconciliation table.
pub fn reconcile_sheet(r: &Reconciliation) -> Sheet {
    let mut sheet = Sheet::new("reconcile", RECONCILE_HEADER);
    for row in &r.rows {
        let priced = row.vpceplan_cost.is_some();
        sheet.rows.push(vec![
            Cell::Text(row.account.clone()),
            Cell::Text(row.region.clone()),
            Cell::Text(row.usage_type.clone()),
            Cell::Text(row.component.clone()),
            Cell::Text(row.variant.clone()),
            Cell::Text(row.unit.clone()),
            Cell::Number(row.export_quantity),
            if priced {
                Cell::Number(row.vpceplan_quantity)
            } else {
                Cell::Empty
            },
            Cell::Text(shown_rates(&row.export_rates)),
            Cell::Text(shown_rates(&row.book_rates)),
            Cell::Money(row.export_usage_cost),
            Cell::Money(row.export_adjustments),
            Cell::Money(row.export_cost),
            row.vpceplan_cost.map_or(Cell::Empty, Cell::Money),
            if priced {
                Cell::Money(row.difference)
            } else {
                Cell::Empty
            },
            Cell::Text(row.status.id().to_string()),
            Cell::Text(row.explanation.clone()),
        ]);
    }
    sheet
}

/// `reconcile.csv`.
pub fn reconcile_csv(r: &Reconciliation) -> Vec<u8> {
    reconcile_sheet(r).to_csv()
}
