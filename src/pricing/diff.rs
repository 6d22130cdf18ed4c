//! Price-book diff: which prices an update adds, removes or changes, so a new book is
//! reviewed like a code change.
//!
//! Rows are matched on Region × component × variant × tier (the tier's lower bound,
//! `tier_from`, which names a tier on its ladder). A matched row is *changed* when its
//! price, its upper bound or its unit differs; rows that differ only in `effective`,
//! `source` or `verified` are counted, not listed (an import restamps every row).

use super::{PriceBook, PriceRow};
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// What happened to one price row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ChangeKind {
    /// Only in the new book.
    Added,
    /// Only in the old book.
    Removed,
    /// In both, with another price, upper bound or unit.
    Changed,
}

impl ChangeKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ChangeKind::Added => "added",
            ChangeKind::Removed => "removed",
            ChangeKind::Changed => "changed",
        }
    }
}

impl std::fmt::Display for ChangeKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One added, removed or changed price row.
#[derive(Debug, Clone, PartialEq)]
pub struct PriceChange {
    pub kind: ChangeKind,
    pub region: String,
    pub component: String,
    pub variant: String,
    /// Lower bound of the tier (0 for an untiered price).
    pub tier_from: Decimal,
    /// The row in the old book (`None` when added).
    pub old: Option<PriceRow>,
    /// The row in the new book (`None` when removed).
    pub new: Option<PriceRow>,
    /// For a changed row, what changed: `usd`, `tier_to`, `unit`.
    pub fields: Vec<&'static str>,
}

impl PriceChange {
    /// New price − old price, exact; `None` unless the row is in both books.
    pub fn delta(&self) -> Option<Decimal> {
        match (&self.old, &self.new) {
            (Some(o), Some(n)) => n.usd.checked_sub(o.usd),
            _ => None,
        }
    }

    /// The change in percent of the old price, exact; `None` when the old price is zero
    /// or the row is not in both books.
    pub fn pct(&self) -> Option<Decimal> {
        let old = self.old.as_ref()?.usd;
        pct_change(old, self.delta()?)
    }
}

/// `delta / old × 100`, exact; `None` when `old` is zero (or on overflow).
pub fn pct_change(old: Decimal, delta: Decimal) -> Option<Decimal> {
    if old.is_zero() {
        return None;
    }
    delta.checked_div(old)?.checked_mul(Decimal::ONE_HUNDRED)
}

/// The differences between two books' prices.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PriceDiff {
    /// Added, removed and changed rows, sorted by Region, component, variant, tier.
    pub changes: Vec<PriceChange>,
    /// Rows in both books with the same price, upper bound and unit.
    pub unchanged: usize,
    /// Of the unchanged rows, those whose `effective`, `source` or `verified` differ.
    pub metadata_only: usize,
}

impl PriceDiff {
    /// How many changes of one kind.
    pub fn count(&self, kind: ChangeKind) -> usize {
        self.changes.iter().filter(|c| c.kind == kind).count()
    }
}

type Key = (String, String, String, Decimal);

fn keyed(book: &PriceBook) -> BTreeMap<Key, &PriceRow> {
    book.rows
        .iter()
        .map(|r| {
            (
                (
                    r.region.clone(),
                    r.component.clone(),
                    r.variant.clone(),
                    r.tier_from.normalize(),
                ),
                r,
            )
        })
        .collect()
}

/// Compare the prices of two books.
pub fn diff_books(old: &PriceBook, new: &PriceBook) -> PriceDiff {
    let o = keyed(old);
    let n = keyed(new);
    let mut out = PriceDiff::default();
    let mut keys: Vec<&Key> = o.keys().chain(n.keys()).collect();
    keys.sort();
    keys.dedup();
    for k in keys {
        let (a, b) = (o.get(k).copied(), n.get(k).copied());
        let (kind, fields) = match (a, b) {
            (Some(a), Some(b)) => {
                let mut f = Vec::new();
                if a.usd != b.usd {
                    f.push("usd");
                }
                if a.tier_to != b.tier_to {
                    f.push("tier_to");
                }
                if a.unit != b.unit {
                    f.push("unit");
                }
                if f.is_empty() {
                    out.unchanged += 1;
                    if a.effective != b.effective
                        || a.source != b.source
                        || a.verified != b.verified
                    {
                        out.metadata_only += 1;
                    }
                    continue;
                }
                (ChangeKind::Changed, f)
            }
            (None, Some(_)) => (ChangeKind::Added, Vec::new()),
            (Some(_), None) => (ChangeKind::Removed, Vec::new()),
            (None, None) => continue,
        };
        out.changes.push(PriceChange {
            kind,
            region: k.0.clone(),
            component: k.1.clone(),
            variant: k.2.clone(),
            tier_from: k.3,
            old: a.cloned(),
            new: b.cloned(),
            fields,
        });
    }
    out
}

/// How a scenario's monthly cost moves from the old book to the new one.
#[derive(Debug, Clone, PartialEq)]
pub struct ScenarioMove {
    /// The scenario's name (its file when it did not load under either book).
    pub name: String,
    pub file: String,
    /// Exact monthly total under the old book, or why it could not be priced.
    pub old: Result<Decimal, String>,
    /// Exact monthly total under the new book, or why it could not be priced.
    pub new: Result<Decimal, String>,
}

/// Where a scenario stands after a price-book change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MoveStatus {
    /// Priced under both books, same total to the last digit.
    Same,
    /// Priced under both books, another total.
    Changed,
    /// Fails under the old book only.
    FailsOld,
    /// Fails under the new book only.
    FailsNew,
    /// Fails under both.
    FailsBoth,
}

impl MoveStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            MoveStatus::Same => "same",
            MoveStatus::Changed => "changed",
            MoveStatus::FailsOld => "fails_old",
            MoveStatus::FailsNew => "fails_new",
            MoveStatus::FailsBoth => "fails_both",
        }
    }

    /// Whether the scenario failed under either book.
    pub fn failed(self) -> bool {
        matches!(
            self,
            MoveStatus::FailsOld | MoveStatus::FailsNew | MoveStatus::FailsBoth
        )
    }
}

impl std::fmt::Display for MoveStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl ScenarioMove {
    pub fn status(&self) -> MoveStatus {
        match (&self.old, &self.new) {
            (Ok(a), Ok(b)) if a == b => MoveStatus::Same,
            (Ok(_), Ok(_)) => MoveStatus::Changed,
            (Err(_), Ok(_)) => MoveStatus::FailsOld,
            (Ok(_), Err(_)) => MoveStatus::FailsNew,
            (Err(_), Err(_)) => MoveStatus::FailsBoth,
        }
    }

    /// New total − old total, exact (round it once, at output).
    pub fn delta(&self) -> Option<Decimal> {
        match (&self.old, &self.new) {
            (Ok(a), Ok(b)) => b.checked_sub(*a),
            _ => None,
        }
    }

    /// The move in percent of the old total, exact; `None` when the old total is zero.
    pub fn pct(&self) -> Option<Decimal> {
        pct_change(*self.old.as_ref().ok()?, self.delta()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    const REGIONS: &str = include_str!("../../pricing/regions.csv");
    const LIMITS: &str = include_str!("../../pricing/limits.csv");
    const HEAD: &str =
        "region,component,variant,tier_from,tier_to,unit,usd,effective,source,verified\n";

    fn book(rows: &str) -> PriceBook {
        PriceBook::from_texts(
            "t",
            ("prices.csv", &format!("{HEAD}{rows}")),
            ("regions.csv", REGIONS),
            ("limits.csv", LIMITS),
        )
        .unwrap()
    }

    #[test]
    fn added_removed_changed_and_metadata_only() {
        let old = book(
            "us-east-1,nat_gateway_hour,,0,,NAT-hour,0.045,2026-01-01,a,yes\n\
             us-east-1,nat_gateway_gb,,0,,GB,0.045,2026-01-01,a,yes\n\
             global,hosted_zone_month,,0,25,zone-month,0.50,2026-01-01,a,yes\n\
             global,hosted_zone_month,,25,,zone-month,0.10,2026-01-01,a,yes\n\
             us-east-1,nlb_hour,,0,,NLB-hour,0.0225,2026-01-01,a,no\n",
        );
        let new = book(
            "us-east-1,nat_gateway_hour,,0,,NAT-hour,0.05,2026-02-01,b,yes\n\
             us-east-1,nat_gateway_gb,,0,,GB,0.0450,2026-02-01,b,yes\n\
             global,hosted_zone_month,,0,10,zone-month,0.5,2026-01-01,a,yes\n\
             global,hosted_zone_month,,10,,zone-month,0.10,2026-01-01,a,yes\n\
             us-east-1,cross_az_gb,,0,,GB,0.01,2026-02-01,b,yes\n",
        );
        let d = diff_books(&old, &new);
        let got: Vec<(ChangeKind, &str, String, Vec<&str>)> = d
            .changes
            .iter()
            .map(|c| {
                (
                    c.kind,
                    c.component.as_str(),
                    c.tier_from.to_string(),
                    c.fields.clone(),
                )
            })
            .collect();
        assert_eq!(
            got,
            vec![
                // `global` (hosted zones) sorts before us-east-1.
                // 0–25 became 0–10: same price (0.50 = 0.5), another upper bound.
                (
                    ChangeKind::Changed,
                    "hosted_zone_month",
                    "0".into(),
                    vec!["tier_to"]
                ),
                (ChangeKind::Added, "hosted_zone_month", "10".into(), vec![]),
                (
                    ChangeKind::Removed,
                    "hosted_zone_month",
                    "25".into(),
                    vec![]
                ),
                (ChangeKind::Added, "cross_az_gb", "0".into(), vec![]),
                (
                    ChangeKind::Changed,
                    "nat_gateway_hour",
                    "0".into(),
                    vec!["usd"]
                ),
                (ChangeKind::Removed, "nlb_hour", "0".into(), vec![]),
            ]
        );
        // nat_gateway_gb: 0.045 = 0.0450, only the date and source moved.
        assert_eq!((d.unchanged, d.metadata_only), (1, 1));
        let nat = &d.changes[4];
        // 0.05 − 0.045 = 0.005; 0.005 / 0.045 × 100 = 11.11…
        assert_eq!(nat.delta(), Some(dec!(0.005)));
        assert_eq!(
            crate::money::fmt_pct(nat.pct().unwrap()),
            "11.11".to_string()
        );
        assert_eq!(d.changes[3].delta(), None); // cross_az_gb, added
        assert_eq!(d.count(ChangeKind::Added), 2);
    }

    #[test]
    fn scenario_moves() {
        let m = |old: Result<Decimal, String>, new: Result<Decimal, String>| ScenarioMove {
            name: "s".into(),
            file: "s.toml".into(),
            old,
            new,
        };
        // 212.20 → 178.62: −33.58, −33.58 / 212.2 × 100 = −15.8247…
        let a = m(Ok(dec!(212.2)), Ok(dec!(178.62)));
        assert_eq!(a.status(), MoveStatus::Changed);
        assert_eq!(a.delta(), Some(dec!(-33.58)));
        assert_eq!(crate::money::fmt_pct(a.pct().unwrap()), "-15.82");
        assert_eq!(m(Ok(dec!(1.0)), Ok(dec!(1))).status(), MoveStatus::Same);
        let b = m(Err("no price".into()), Ok(dec!(1)));
        assert_eq!(
            (b.status(), b.delta(), b.pct()),
            (MoveStatus::FailsOld, None, None)
        );
        assert!(b.status().failed());
        assert_eq!(
            m(Ok(dec!(1)), Err("x".into())).status(),
            MoveStatus::FailsNew
        );
        assert_eq!(
            m(Err("x".into()), Err("y".into())).status(),
            MoveStatus::FailsBoth
        );
        assert_eq!(m(Ok(dec!(0)), Ok(dec!(5))).pct(), None);
    }

    #[test]
    fn a_free_price_has_no_percentage() {
        assert_eq!(pct_change(dec!(0), dec!(1)), None);
        assert_eq!(pct_change(dec!(4), dec!(-1)), Some(dec!(-25)));
    }

    #[test]
    fn a_book_against_itself_has_no_changes() {
        let b = PriceBook::builtin().unwrap();
        let d = diff_books(&b, &b);
        assert!(d.changes.is_empty());
        assert_eq!(d.unchanged, b.rows.len());
        assert_eq!(d.metadata_only, 0);
    }
}
