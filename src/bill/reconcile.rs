//! The export's cost against vpceplan's, per account × Region × usage type.
//!
//! For each price-book component (and variant) an account used in a Region: the export's
//! quantity, rates and usage cost, the credits, refunds and discounts the export books
//! against the same usage type, and the engine's quantity, rates and cost for the
//! baseline's blocks of that account. The difference (export net − vpceplan) is split:
//!
//! * adjustments: the credits, refunds and discounts (vpceplan prices at list);
//! * price: export quantity × (export rate − vpceplan's average rate); explained when the
//!   export's rates are not the book's (both are shown), or, across accounts, when the
//!   Region's total for the component reconciles (a tier ladder shared by the accounts
//!   of a consolidated bill splits differently between them than in block order);
//! * quantity: (export − baseline quantity) × vpceplan's rate; explained when the
//!   baseline counts whole resources all month where the export has part of a month.
//!
//! What is left over a cent is unexplained: the row is `unreconciled`. Usage types this
//! tool does not price, and non-usage line items (tax, fees...), are rows of their own,
//! explained as such.

use std::collections::{BTreeMap, BTreeSet};

use rust_decimal::Decimal;

use super::baseline::Baseline;
use super::summary::BillSummary;
use crate::engine::LineItem;
use crate::import::usage_type::{Component, UnitKind};
use crate::money::fmt_fine;
use crate::pricing::PriceBook;

/// One cent: differences up to it are matches.
pub fn tolerance() -> Decimal {
    Decimal::new(1, 2)
}

/// How a row reconciles.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Status {
    /// Within a cent.
    Matches,
    /// Different, for reasons given.
    Explained,
    /// A difference over a cent that is not explained.
    Unreconciled,
}

impl Status {
    pub fn id(self) -> &'static str {
        match self {
            Status::Matches => "matches",
            Status::Explained => "explained",
            Status::Unreconciled => "unreconciled",
        }
    }
}

/// One row of `reconcile.csv`.
#[derive(Clone, Debug, PartialEq)]
pub struct ReconcileRow {
    pub account: String,
    pub region: String,
    /// The export's usage type(s), ` + `-joined; for non-usage rows the line item type.
    pub usage_type: String,
    /// Price-book component ("" for usage types vpceplan does not price).
    pub component: String,
    pub variant: String,
    pub unit: String,
    pub export_quantity: Decimal,
    pub vpceplan_quantity: Decimal,
    pub export_rates: Vec<Decimal>,
    pub book_rates: Vec<Decimal>,
    pub export_usage_cost: Decimal,
    pub export_adjustments: Decimal,
    /// Net: usage cost + adjustments.
    pub export_cost: Decimal,
    /// `None` where vpceplan does not price the row.
    pub vpceplan_cost: Option<Decimal>,
    /// export_cost − vpceplan_cost (0 where vpceplan does not price the row).
    pub difference: Decimal,
    /// The part of the difference no reason explains.
    pub unexplained: Decimal,
    pub status: Status,
    pub explanation: String,
}

/// The reconciliation table.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Reconciliation {
    pub rows: Vec<ReconcileRow>,
}

impl Reconciliation {
    /// Rows flagged unreconciled.
    pub fn unreconciled(&self) -> Vec<&ReconcileRow> {
        self.rows
            .iter()
            .filter(|r| r.status == Status::Unreconciled)
            .collect()
    }

    /// Export net cost and vpceplan cost of the rows vpceplan prices.
    pub fn totals(&self) -> (Decimal, Decimal) {
        let mut e = Decimal::ZERO;
        let mut v = Decimal::ZERO;
        for r in &self.rows {
            if let Some(c) = r.vpceplan_cost {
                e += r.export_cost;
                v += c;
            }
        }
        (e, v)
    }
}

type Key = (String, String, Component, String);

#[derive(Default)]
struct Side {
    quantity: Decimal,
    cost: Decimal,
    rates: BTreeSet<Decimal>,
    usage_types: BTreeSet<String>,
}

fn component_by_id(id: &str) -> Option<Component> {
    Component::from_id(id)
}

fn rates_text(r: &[Decimal]) -> String {
    r.iter()
        .map(|d| fmt_fine(*d))
        .collect::<Vec<_>>()
        .join(" / ")
}

/// Reconciles a summary with the engine's line items for its baseline. `unpriced` lists
/// the baseline blocks left out of the priced scenario, with the reason (a price the book
/// lacks): their rows are unreconciled. `book` is the price book the baseline was priced
/// with: an export rate on the component's tier ladder is the book's price.
pub fn reconcile(
    summary: &BillSummary,
    baseline: &Baseline,
    lines: &[LineItem],
    unpriced: &[(String, String)],
    book: &PriceBook,
) -> Reconciliation {
    let mut export: BTreeMap<Key, Side> = BTreeMap::new();
    for (k, f) in &summary.usage {
        let e = export
            .entry((
                k.account.clone(),
                k.region.clone(),
                k.component,
                k.variant.clone(),
            ))
            .or_default();
        e.quantity += f.quantity;
        e.cost += f.cost;
        e.rates.extend(f.rates.iter().copied());
        e.usage_types.extend(f.usage_types.iter().cloned());
    }
    let other_types: BTreeSet<(&str, &str)> = summary
        .other_usage
        .keys()
        .map(|o| (o.account.as_str(), o.usage_type.as_str()))
        .collect();
    let mut adjustments: BTreeMap<Key, Decimal> = BTreeMap::new();
    let mut other_adjustments: BTreeMap<(String, String), Decimal> = BTreeMap::new();
    let mut non_usage_rows: BTreeMap<(String, String, String), (Decimal, u64)> = BTreeMap::new();
    for (k, f) in &summary.non_usage {
        match &f.applies_to {
            Some((c, v)) => {
                *adjustments
                    .entry((k.account.clone(), k.region.clone(), *c, v.clone()))
                    .or_default() += f.cost;
            }
            None if !k.usage_type.is_empty()
                && other_types.contains(&(k.account.as_str(), k.usage_type.as_str())) =>
            {
                *other_adjustments
                    .entry((k.account.clone(), k.usage_type.clone()))
                    .or_default() += f.cost;
            }
            None => {
                let e = non_usage_rows
                    .entry((k.account.clone(), k.region.clone(), k.kind.clone()))
                    .or_default();
                e.0 += f.cost;
                e.1 += f.line_items;
            }
        }
    }
    let mut engine: BTreeMap<Key, Side> = BTreeMap::new();
    for l in lines {
        let (Some(b), Some(c)) = (baseline.block(&l.label), component_by_id(&l.component)) else {
            continue;
        };
        let e = engine
            .entry((
                b.account.clone(),
                b.bill_region.clone(),
                c,
                l.variant.clone(),
            ))
            .or_default();
        e.quantity += l.quantity;
        e.cost += l.monthly;
        e.rates.insert(l.rate.normalize());
    }
    // Keys of blocks that could not be priced.
    let mut unpriced_keys: BTreeMap<Key, String> = BTreeMap::new();
    for (label, why) in unpriced {
        if let Some(b) = baseline.block(label) {
            for (c, v) in &b.prices {
                if let Some(c) = component_by_id(c) {
                    unpriced_keys
                        .entry((b.account.clone(), b.bill_region.clone(), c, v.clone()))
                        .or_insert_with(|| why.clone());
                }
            }
        }
    }

    let keys: BTreeSet<Key> = export
        .keys()
        .chain(engine.keys())
        .chain(adjustments.keys())
        .cloned()
        .collect();
    let tol = tolerance();
    let empty = Side::default();
    let mut rows = Vec::new();
    // Price effects whose rates are the book's: candidates for a tier split.
    let mut split_candidates: Vec<usize> = Vec::new();
    for key in &keys {
        let (account, region, component, variant) = key;
        let ex = export.get(key).unwrap_or(&empty);
        let en = engine.get(key).unwrap_or(&empty);
        let adj = adjustments.get(key).copied().unwrap_or_default();
        let net = ex.cost + adj;
        let priced = !unpriced_keys.contains_key(key);
        let vp = priced.then_some(en.cost);
        let diff = net - en.cost;
        let mut reasons: Vec<String> = Vec::new();
        let mut unexplained = Decimal::ZERO;
        let mut tier_candidate = false;
        if let Some(why) = unpriced_keys.get(key) {
            reasons.push(format!("not priced: {why}"));
            unexplained = diff;
        } else if diff.abs() > tol {
            if !adj.is_zero() {
                reasons.push(format!(
                    "credits, refunds or discounts of {} in the export (vpceplan prices at list)",
                    fmt_fine(adj)
                ));
            }
            let r_v = if en.quantity.is_zero() {
                None
            } else {
                en.cost.checked_div(en.quantity)
            };
            match r_v {
                None => {
                    if !ex.cost.is_zero() {
                        reasons.push("not in the baseline (see the import's notes)".to_string());
                        unexplained += ex.cost;
                    }
                }
                Some(r_v) => {
                    let price = ex.cost - ex.quantity * r_v;
                    let qty = (ex.quantity - en.quantity) * r_v;
                    if price.abs() > tol / Decimal::TWO {
                        // Global charges are priced under the book's `global` Region,
                        // which is the export's key for them too.
                        let priced_in = region.as_str();
                        let ladder: BTreeSet<Decimal> = book
                            .ladder(priced_in, component.id(), variant)
                            .map(|rows| rows.iter().map(|r| r.usd.normalize()).collect())
                            .unwrap_or_else(|| en.rates.clone());
                        let foreign: Vec<Decimal> = ex.rates.difference(&ladder).copied().collect();
                        if !foreign.is_empty() {
                            reasons.push(format!(
                                "different price: export {} vs book {} per {}",
                                rates_text(&ex.rates.iter().copied().collect::<Vec<_>>()),
                                rates_text(&ladder.iter().copied().collect::<Vec<_>>()),
                                component.book_unit()
                            ));
                        } else {
                            unexplained += price;
                            tier_candidate = true;
                        }
                    }
                    if qty.abs() > tol / Decimal::TWO {
                        let whole_units =
                            matches!(component.unit_kind(), UnitKind::Hour | UnitKind::Monthly)
                                && en.quantity > ex.quantity;
                        if whole_units {
                            reasons.push(format!(
                                "quantity: export {} vs baseline {} {} (the baseline counts whole resources all month)",
                                crate::money::fmt_qty(ex.quantity),
                                crate::money::fmt_qty(en.quantity),
                                component.book_unit()
                            ));
                        } else {
                            reasons.push(format!(
                                "quantity: export {} vs baseline {} {}",
                                crate::money::fmt_qty(ex.quantity),
                                crate::money::fmt_qty(en.quantity),
                                component.book_unit()
                            ));
                            unexplained += qty;
                        }
                    }
                }
            }
        }
        let status = if !priced || unexplained.abs() > tol {
            Status::Unreconciled
        } else if diff.abs() > tol {
            Status::Explained
        } else {
            Status::Matches
        };
        if tier_candidate {
            split_candidates.push(rows.len());
        }
        let mut usage_type: Vec<String> = ex.usage_types.iter().cloned().collect();
        if usage_type.is_empty() {
            usage_type.push(format!("({})", component.id()));
        }
        rows.push(ReconcileRow {
            account: account.clone(),
            region: region.clone(),
            usage_type: usage_type.join(" + "),
            component: component.id().to_string(),
            variant: variant.clone(),
            unit: component.book_unit().to_string(),
            export_quantity: ex.quantity,
            vpceplan_quantity: en.quantity,
            export_rates: ex.rates.iter().copied().collect(),
            book_rates: en.rates.iter().copied().collect(),
            export_usage_cost: ex.cost,
            export_adjustments: adj,
            export_cost: net,
            vpceplan_cost: vp,
            difference: diff,
            unexplained,
            status,
            explanation: reasons.join("; "),
        });
    }
    // A tier ladder shared by several accounts: when the Region's total for the component
    // reconciles, the accounts' price differences are the split of the tiers.
    let mut groups: BTreeMap<(String, String, String), (Decimal, usize)> = BTreeMap::new();
    for r in &rows {
        let g = groups
            .entry((r.region.clone(), r.component.clone(), r.variant.clone()))
            .or_default();
        g.0 += r.unexplained;
        g.1 += 1;
    }
    for i in split_candidates {
        let r = &rows[i];
        let (g, accounts) = groups
            .get(&(r.region.clone(), r.component.clone(), r.variant.clone()))
            .copied()
            .unwrap_or_default();
        if accounts > 1 && g.abs() <= tol {
            let r = &mut rows[i];
            let reason = "tier split across accounts: the Region's total for this component reconciles (a consolidated bill shares the tiers; vpceplan fills them in block order)";
            r.explanation = if r.explanation.is_empty() {
                reason.to_string()
            } else {
                format!("{}; {reason}", r.explanation)
            };
            r.unexplained = Decimal::ZERO;
            if r.status == Status::Unreconciled {
                r.status = Status::Explained;
            }
        } else if rows[i].explanation.is_empty() || rows[i].status == Status::Unreconciled {
            let r = &mut rows[i];
            let reason = format!(
                "unexplained: same rates ({}) but a different cost",
                rates_text(&r.book_rates)
            );
            r.explanation = if r.explanation.is_empty() {
                reason
            } else {
                format!("{}; {reason}", r.explanation)
            };
        }
    }
    // Usage types vpceplan does not price.
    for (k, f) in &summary.other_usage {
        let adj = other_adjustments
            .get(&(k.account.clone(), k.usage_type.clone()))
            .copied()
            .unwrap_or_default();
        rows.push(ReconcileRow {
            account: k.account.clone(),
            region: k.region.clone(),
            usage_type: k.usage_type.clone(),
            component: String::new(),
            variant: String::new(),
            unit: String::new(),
            export_quantity: f.quantity,
            vpceplan_quantity: Decimal::ZERO,
            export_rates: Vec::new(),
            book_rates: Vec::new(),
            export_usage_cost: f.cost,
            export_adjustments: adj,
            export_cost: f.cost + adj,
            vpceplan_cost: None,
            difference: Decimal::ZERO,
            unexplained: Decimal::ZERO,
            status: Status::Explained,
            explanation: format!("unknown usage type: {}", f.reason),
        });
    }
    for ((account, region, kind), (cost, n)) in non_usage_rows {
        rows.push(ReconcileRow {
            account,
            region,
            usage_type: format!("({kind})"),
            component: String::new(),
            variant: String::new(),
            unit: String::new(),
            export_quantity: Decimal::ZERO,
            vpceplan_quantity: Decimal::ZERO,
            export_rates: Vec::new(),
            book_rates: Vec::new(),
            export_usage_cost: Decimal::ZERO,
            export_adjustments: cost,
            export_cost: cost,
            vpceplan_cost: None,
            difference: Decimal::ZERO,
            unexplained: Decimal::ZERO,
            status: Status::Explained,
            explanation: format!("{n} {kind} line item(s), not usage: left out of the baseline"),
        });
    }
    Reconciliation { rows }
}

/// The rates of a row, as shown.
pub fn shown_rates(r: &[Decimal]) -> String {
    rates_text(r)
}
