//! Aggregation of export rows into a [`BillSummary`]: usage per account × Region ×
//! component × resource, the usage types this tool does not price, and the line items that
//! are not usage.
//!
//! Line item types: `Usage`, `DiscountedUsage` and `SavingsPlanCoveredUsage` (CUR) and
//! `ChargeCategory = Usage` (FOCUS, except `ChargeClass = Correction`) are usage: their
//! quantities and unblended (billed) costs are summed. Every other type (`Tax`, `Credit`,
//! `Refund`, `Fee`, `RIFee`, `SavingsPlan*` fees and negations, `BundledDiscount`,
//! `Discount`, FOCUS `Purchase`, `Credit`, `Tax`, `Adjustment`, corrections) is left out of
//! the quantities and reported per type; where such a line item names a usage type this
//! tool prices (a credit against NAT gateway bytes, say), its cost is kept against that
//! usage as an adjustment, so the reconciliation can show the export's net cost beside
//! the list-price figure. This follows the CUR guide: only usage line items carry usage
//! amounts; credits, refunds and discounts are separate line items with their own cost.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt;

use rust_decimal::Decimal;

use super::error::{BillError, Result};
use super::schema::Format;
use crate::import::usage_type::{
    Classified, Component, NotPriced, Scope, UnitKind, UsageAttrs, classify, recognize,
    region_for_prefix,
};

/// The Region key of global services (Route 53 hosted zones, health checks).
pub const GLOBAL: &str = "global";

/// Most distinct rates kept per aggregate (for the reconciliation's "both rates").
const MAX_RATES: usize = 6;

/// Where a row is, for messages: a CSV line or a Parquet row (both 1-based).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RowPos {
    Line(u64),
    Row(u64),
}

impl fmt::Display for RowPos {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RowPos::Line(n) => write!(f, "line {n}"),
            RowPos::Row(n) => write!(f, "row {n}"),
        }
    }
}

/// One export row, as text, with the fields the importer reads. Empty means absent.
#[derive(Clone, Copy, Debug, Default)]
pub struct Row<'a> {
    pub kind: &'a str,
    pub charge_class: &'a str,
    pub usage_type: &'a str,
    pub operation: &'a str,
    pub amount: &'a str,
    pub cost: &'a str,
    pub rate: &'a str,
    pub currency: &'a str,
    pub account: &'a str,
    pub resource: &'a str,
    pub region: &'a str,
    pub from_region: &'a str,
    pub to_region: &'a str,
    pub period: &'a str,
    pub payer: &'a str,
    pub unit: &'a str,
}

/// Names of the columns a row came from (for messages).
#[derive(Clone, Copy, Debug)]
pub struct ColumnNames<'a> {
    pub kind: &'a str,
    pub amount: &'a str,
    pub cost: &'a str,
    pub rate: &'a str,
    pub currency: &'a str,
    pub period: &'a str,
}

/// Usage of one account × Region × component × variant × resource.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct UsageKey {
    pub account: String,
    /// Region code, or [`GLOBAL`].
    pub region: String,
    pub component: Component,
    /// Destination Region (inter-Region), check type (health checks), else empty.
    pub variant: String,
    /// The export's resource id (empty when the export has none for the rows, and for
    /// cross-AZ and inter-Region transfer, which is kept per account and Region).
    pub resource: String,
}

/// Figures of one [`UsageKey`].
#[derive(Clone, Debug, Default, PartialEq)]
pub struct UsageFigures {
    /// Quantity in the price book's unit ([`Component::book_unit`]; queries in millions).
    pub quantity: Decimal,
    /// Sum of the unblended (FOCUS: billed) cost, USD.
    pub cost: Decimal,
    pub line_items: u64,
    /// The export usage types that fed it (`USE1-NatGateway-Bytes`...).
    pub usage_types: BTreeSet<String>,
    /// Distinct unit rates (the rate column, else cost / quantity), in the book's unit; at
    /// most a few.
    pub rates: BTreeSet<Decimal>,
}

/// A usage type this tool does not price, per account and Region.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct OtherKey {
    pub account: String,
    /// The row's Region code (may be empty).
    pub region: String,
    pub usage_type: String,
}

/// Figures of a usage type this tool does not price.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct OtherFigures {
    pub quantity: Decimal,
    pub cost: Decimal,
    pub line_items: u64,
    /// Why it is not priced: `unknown usage type`, `operation not priced`...
    pub reason: String,
}

/// Line items that are not usage, per type, account and usage type.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct NonUsageKey {
    /// Line item type (`Credit`, `Tax`...) or FOCUS charge category.
    pub kind: String,
    pub account: String,
    pub region: String,
    pub usage_type: String,
}

/// Figures of non-usage line items.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct NonUsageFigures {
    pub cost: Decimal,
    pub line_items: u64,
    /// The priced usage they adjust, when the usage type is one this tool prices.
    pub applies_to: Option<(Component, String)>,
}

/// A month of cost exports, summarised.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct BillSummary {
    /// The files read, in order.
    pub files: Vec<String>,
    pub formats: BTreeSet<Format>,
    /// Billing period, `YYYY-MM`.
    pub period: String,
    /// Payer (billing) accounts seen.
    pub payers: BTreeSet<String>,
    /// Rows read (all types).
    pub rows: u64,
    pub usage: BTreeMap<UsageKey, UsageFigures>,
    pub other_usage: BTreeMap<OtherKey, OtherFigures>,
    pub non_usage: BTreeMap<NonUsageKey, NonUsageFigures>,
}

impl BillSummary {
    /// Days in the billing month (28 to 31); `None` before any row is read.
    pub fn days_in_month(&self) -> Option<u32> {
        let y: i32 = self.period.get(..4)?.parse().ok()?;
        let m: u32 = self.period.get(5..7)?.parse().ok()?;
        Some(match m {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
            2 => 28,
            _ => return None,
        })
    }

    /// Hours in the billing month (days × 24).
    pub fn hours_in_month(&self) -> Option<u32> {
        self.days_in_month().map(|d| d * 24)
    }

    /// Total usage cost of the usage types this tool prices.
    pub fn priced_cost(&self) -> Decimal {
        self.usage.values().map(|f| f.cost).sum()
    }

    /// Total cost of the other usage types.
    pub fn other_cost(&self) -> Decimal {
        self.other_usage.values().map(|f| f.cost).sum()
    }

    /// Total cost of non-usage line items.
    pub fn non_usage_cost(&self) -> Decimal {
        self.non_usage.values().map(|f| f.cost).sum()
    }
}

/// Whether a line item type (CUR) or charge category (FOCUS) is usage.
fn is_usage(format: Format, kind: &str, charge_class: &str) -> bool {
    match format {
        Format::Focus => {
            kind.eq_ignore_ascii_case("Usage") && !charge_class.eq_ignore_ascii_case("Correction")
        }
        Format::Cur2 | Format::LegacyCur => matches!(
            kind,
            "Usage" | "DiscountedUsage" | "SavingsPlanCoveredUsage"
        ),
    }
}

/// `YYYY-MM` of an ISO date or date-time.
fn month_of(s: &str) -> Option<&str> {
    let m = s.trim().get(..7)?;
    let b = m.as_bytes();
    (b[..4].iter().all(u8::is_ascii_digit) && b[4] == b'-' && b[5..].iter().all(u8::is_ascii_digit))
        .then_some(m)
}

type Class = std::result::Result<Classified, NotPriced>;

/// Builds a [`BillSummary`] from rows, file after file.
pub struct Aggregator {
    summary: BillSummary,
    period_file: String,
    class_cache: HashMap<String, Class>,
    usage_index: HashMap<String, usize>,
    usage: Vec<(UsageKey, UsageFigures)>,
    other_index: HashMap<String, usize>,
    other: Vec<(OtherKey, OtherFigures)>,
    key_buf: String,
    million: Decimal,
}

impl Default for Aggregator {
    fn default() -> Self {
        Self::new()
    }
}

impl Aggregator {
    pub fn new() -> Self {
        Aggregator {
            summary: BillSummary::default(),
            period_file: String::new(),
            class_cache: HashMap::new(),
            usage_index: HashMap::new(),
            usage: Vec::new(),
            other_index: HashMap::new(),
            other: Vec::new(),
            key_buf: String::new(),
            million: Decimal::from(1_000_000u32),
        }
    }

    /// Starts a file.
    pub fn begin_file(&mut self, file: &str, format: Format) {
        self.summary.files.push(file.to_string());
        self.summary.formats.insert(format);
    }

    fn classify_cached(&mut self, row: &Row<'_>) -> Option<Class> {
        self.key_buf.clear();
        for part in [
            row.usage_type,
            row.operation,
            row.region,
            row.from_region,
            row.to_region,
        ] {
            self.key_buf.push_str(part);
            self.key_buf.push('\u{1f}');
        }
        if let Some(c) = self.class_cache.get(self.key_buf.as_str()) {
            return Some(c.clone());
        }
        let rec = recognize(row.usage_type.trim())?;
        let region = if row.region.eq_ignore_ascii_case(GLOBAL) {
            ""
        } else {
            row.region
        };
        let attrs = UsageAttrs {
            operation: row.operation,
            region_code: region,
            from_region_code: row.from_region,
            to_region_code: row.to_region,
        };
        let resolve = |p: &str| region_for_prefix(p).map(str::to_string);
        let c = match classify(&rec, &attrs, &resolve) {
            Ok(k) if !k.component.in_baseline() => Err(NotPriced::NotInBaseline),
            other => other,
        };
        self.class_cache.insert(self.key_buf.clone(), c.clone());
        Some(c)
    }

    /// Adds one row.
    pub fn add(
        &mut self,
        format: Format,
        row: &Row<'_>,
        file: &str,
        pos: RowPos,
        cols: &ColumnNames<'_>,
    ) -> Result<()> {
        let bad = |column: &str, message: String| BillError::BadValue {
            file: file.to_string(),
            row: pos.to_string(),
            column: column.to_string(),
            message,
        };
        // One month only.
        let Some(month) = month_of(row.period) else {
            return Err(bad(
                cols.period,
                format!(
                    "\"{}\" is not a billing period start date (YYYY-MM-DD...)",
                    row.period
                ),
            ));
        };
        if self.summary.period.is_empty() {
            self.summary.period = month.to_string();
            self.period_file = file.to_string();
        } else if self.summary.period != month {
            return Err(BillError::MixedPeriods {
                file: file.to_string(),
                row: pos.to_string(),
                detail: format!(
                    "column `{}`: billing period {month} differs from {} (first seen in {})",
                    cols.period, self.summary.period, self.period_file
                ),
            });
        }
        // One currency, the book's.
        let currency = row.currency.trim();
        if currency != "USD" {
            let known = currency.len() == 3 && currency.bytes().all(|b| b.is_ascii_uppercase());
            return Err(BillError::Currency {
                file: file.to_string(),
                row: pos.to_string(),
                column: cols.currency.to_string(),
                value: currency.to_string(),
                why: if known {
                    "is not USD"
                } else {
                    "is not a currency code vpceplan knows"
                },
            });
        }
        let cost = parse_money(row.cost).ok_or_else(|| {
            bad(
                cols.cost,
                format!(
                    "\"{}\" is not a number; the cost column must hold one",
                    row.cost
                ),
            )
        })?;
        self.summary.rows += 1;
        if !row.payer.is_empty() && !self.summary.payers.contains(row.payer) {
            self.summary.payers.insert(row.payer.to_string());
        }
        let class = self.classify_cached(row);
        let account = row.account.trim();
        if !is_usage(format, row.kind.trim(), row.charge_class.trim()) {
            let kind = if row.kind.trim().is_empty() {
                "(empty)".to_string()
            } else if format == Format::Focus && row.charge_class.eq_ignore_ascii_case("Correction")
            {
                format!("{} (correction)", row.kind.trim())
            } else {
                row.kind.trim().to_string()
            };
            let (region, applies_to) = match &class {
                Some(Ok(c)) => (
                    scope_name(&c.scope).to_string(),
                    Some((c.component, c.variant.clone())),
                ),
                _ => (row.region.trim().to_string(), None),
            };
            let key = NonUsageKey {
                kind,
                account: account.to_string(),
                region,
                usage_type: row.usage_type.trim().to_string(),
            };
            let e = self.summary.non_usage.entry(key).or_default();
            e.cost += cost;
            e.line_items += 1;
            e.applies_to = applies_to;
            return Ok(());
        }
        let amount_text = row.amount;
        let amount = if amount_text.trim().is_empty() {
            Decimal::ZERO
        } else {
            parse_money(amount_text).ok_or_else(|| {
                bad(
                    cols.amount,
                    format!("\"{amount_text}\" is not a number; the usage amount must be one"),
                )
            })?
        };
        match class {
            Some(Ok(c)) => {
                let quantity = if c.component.unit_kind() == UnitKind::MillionQueries {
                    amount / self.million
                } else {
                    amount
                };
                let rate = if row.rate.trim().is_empty() {
                    (!quantity.is_zero())
                        .then(|| cost.checked_div(quantity))
                        .flatten()
                        .map(|r| r.round_dp(8).normalize())
                } else {
                    let r = parse_money(row.rate).ok_or_else(|| {
                        bad(cols.rate, format!("\"{}\" is not a number", row.rate))
                    })?;
                    Some(if c.component.unit_kind() == UnitKind::MillionQueries {
                        (r * self.million).normalize()
                    } else {
                        r.normalize()
                    })
                };
                let region = scope_name(&c.scope);
                // Transfer is billed per account and Region (the baseline has one block
                // for it); its resource ids (every instance) are not kept.
                let resource = match c.component {
                    Component::CrossAzGb | Component::InterRegionGb => "",
                    _ => row.resource.trim(),
                };
                self.key_buf.clear();
                for part in [account, region, c.component.id(), &c.variant, resource] {
                    self.key_buf.push_str(part);
                    self.key_buf.push('\u{1f}');
                }
                let idx = match self.usage_index.get(self.key_buf.as_str()) {
                    Some(&i) => i,
                    None => {
                        let key = UsageKey {
                            account: account.to_string(),
                            region: region.to_string(),
                            component: c.component,
                            variant: c.variant.clone(),
                            resource: resource.to_string(),
                        };
                        self.usage.push((key, UsageFigures::default()));
                        self.usage_index
                            .insert(self.key_buf.clone(), self.usage.len() - 1);
                        self.usage.len() - 1
                    }
                };
                let f = &mut self.usage[idx].1;
                f.quantity += quantity;
                f.cost += cost;
                f.line_items += 1;
                if !f.usage_types.contains(row.usage_type.trim()) {
                    f.usage_types.insert(row.usage_type.trim().to_string());
                }
                if let Some(r) = rate
                    && f.rates.len() < MAX_RATES
                {
                    f.rates.insert(r);
                }
            }
            other => {
                let reason = match other {
                    None => "usage type not priced by vpceplan",
                    Some(Err(NotPriced::UnsupportedOperation)) => {
                        "operation not priced by vpceplan"
                    }
                    Some(Err(NotPriced::PublicDnsQueries)) => {
                        "public (authoritative) DNS queries, not Resolver queries"
                    }
                    Some(Err(NotPriced::UnknownRegion)) => "billing prefix names no known Region",
                    Some(Err(NotPriced::NotInBaseline)) => {
                        "priced by the book, but import cur does not rebuild its blocks yet"
                    }
                    Some(Ok(_)) => unreachable!("handled above"),
                };
                let region = row.region.trim();
                let usage_type = row.usage_type.trim();
                self.key_buf.clear();
                for part in [account, region, usage_type] {
                    self.key_buf.push_str(part);
                    self.key_buf.push('\u{1f}');
                }
                let idx = match self.other_index.get(self.key_buf.as_str()) {
                    Some(&i) => i,
                    None => {
                        let key = OtherKey {
                            account: account.to_string(),
                            region: region.to_string(),
                            usage_type: usage_type.to_string(),
                        };
                        let figures = OtherFigures {
                            reason: reason.to_string(),
                            ..Default::default()
                        };
                        self.other.push((key, figures));
                        self.other_index
                            .insert(self.key_buf.clone(), self.other.len() - 1);
                        self.other.len() - 1
                    }
                };
                let f = &mut self.other[idx].1;
                f.quantity += amount;
                f.cost += cost;
                f.line_items += 1;
            }
        }
        Ok(())
    }

    /// The summary of everything added.
    pub fn finish(mut self) -> BillSummary {
        self.summary.usage = self.usage.into_iter().collect();
        self.summary.other_usage = self.other.into_iter().collect();
        self.summary
    }
}

/// The Region key of a scope.
pub fn scope_name(scope: &Scope) -> &str {
    match scope {
        Scope::Region(r) => r,
        Scope::Global => GLOBAL,
    }
}

/// Parses an exact decimal (plain or scientific notation, as exports write them).
pub fn parse_money(s: &str) -> Option<Decimal> {
    crate::money::parse_exact(s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    const COLS: ColumnNames<'static> = ColumnNames {
        kind: "k",
        amount: "a",
        cost: "c",
        rate: "r",
        currency: "cur",
        period: "p",
    };

    fn row<'a>(kind: &'a str, ut: &'a str, amount: &'a str, cost: &'a str) -> Row<'a> {
        Row {
            kind,
            usage_type: ut,
            amount,
            cost,
            currency: "USD",
            account: "111111111111",
            period: "2026-10-01T00:00:00Z",
            ..Default::default()
        }
    }

    #[test]
    fn usage_is_summed_and_the_rest_reported() {
        let mut a = Aggregator::new();
        a.begin_file("f", Format::Cur2);
        let pos = RowPos::Line(2);
        for r in [
            row("Usage", "EU-NatGateway-Bytes", "100", "4.8"),
            row("Usage", "EU-NatGateway-Bytes", "50", "2.4"),
            row("Credit", "EU-NatGateway-Bytes", "0", "-1.5"),
            row("Tax", "", "0", "3"),
            row("Usage", "BoxUsage:m5.large", "730", "70.08"),
            row("Usage", "USE1-DNS-Queries", "2000000", "0.8"),
        ] {
            a.add(Format::Cur2, &r, "f", pos, &COLS).unwrap();
        }
        let s = a.finish();
        assert_eq!(s.period, "2026-10");
        assert_eq!(s.hours_in_month(), Some(744)); // 31 days × 24
        let nat = s
            .usage
            .iter()
            .find(|(k, _)| k.component == Component::NatGatewayGb)
            .unwrap();
        assert_eq!(nat.0.region, "eu-west-1");
        assert_eq!((nat.1.quantity, nat.1.cost), (dec!(150), dec!(7.2)));
        assert_eq!(
            nat.1.rates.iter().copied().collect::<Vec<_>>(),
            vec![dec!(0.048)]
        );
        // 2,000,000 queries = 2 million; 0.8 / 2 = 0.40 per million
        let q = s
            .usage
            .iter()
            .find(|(k, _)| k.component == Component::ResolverQueries)
            .unwrap();
        assert_eq!(
            (q.1.quantity, q.1.rates.first().copied()),
            (dec!(2), Some(dec!(0.4)))
        );
        assert_eq!(s.other_cost(), dec!(70.08));
        assert_eq!(s.non_usage_cost(), dec!(1.5)); // -1.5 credit + 3 tax
        let credit = s
            .non_usage
            .iter()
            .find(|(k, _)| k.kind == "Credit")
            .unwrap();
        assert_eq!(
            credit.1.applies_to,
            Some((Component::NatGatewayGb, String::new()))
        );
    }

    #[test]
    fn one_month_one_currency() {
        let mut a = Aggregator::new();
        let mut r = row("Usage", "EU-NatGateway-Bytes", "1", "1");
        a.add(Format::Cur2, &r, "a.csv", RowPos::Line(2), &COLS)
            .unwrap();
        r.period = "2026-11-01T00:00:00Z";
        let e = a
            .add(Format::Cur2, &r, "b.csv", RowPos::Line(7), &COLS)
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("b.csv, line 7") && e.contains("2026-11") && e.contains("a.csv"),
            "{e}"
        );
        r.period = "2026-10-01";
        r.currency = "EUR";
        let e = a
            .add(Format::Cur2, &r, "b.csv", RowPos::Line(8), &COLS)
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("line 8") && e.contains("EUR") && e.contains("not USD"),
            "{e}"
        );
        r.currency = "";
        let e = a
            .add(Format::Cur2, &r, "b.csv", RowPos::Line(9), &COLS)
            .unwrap_err()
            .to_string();
        assert!(e.contains("not a currency code"), "{e}");
    }
}
