//! The three export formats and their columns, found by name.
//!
//! Names are compared after folding case and dropping everything but letters and digits,
//! so legacy CUR's `lineItem/UsageType` and CUR 2.0's `line_item_usage_type` are one name
//! (`lineitemusagetype`). Which format a file is in follows from the columns it has.
//!
//! | what | CUR 2.0 | legacy CUR | FOCUS 1.0+ (with AWS columns) |
//! |---|---|---|---|
//! | line item type | `line_item_line_item_type` | `lineItem/LineItemType` | `ChargeCategory` (+ `ChargeClass`) |
//! | usage type | `line_item_usage_type` | `lineItem/UsageType` | `x_UsageType` |
//! | operation | `line_item_operation` | `lineItem/Operation` | `x_Operation` |
//! | quantity | `line_item_usage_amount` | `lineItem/UsageAmount` | `ConsumedQuantity` |
//! | cost | `line_item_unblended_cost` | `lineItem/UnblendedCost` | `BilledCost` |
//! | rate | `line_item_unblended_rate` | `lineItem/UnblendedRate` | `ContractedUnitPrice` |
//! | currency | `line_item_currency_code` | `lineItem/CurrencyCode` | `BillingCurrency` |
//! | account | `line_item_usage_account_id` | `lineItem/UsageAccountId` | `SubAccountId` |
//! | resource | `line_item_resource_id` | `lineItem/ResourceId` | `ResourceId` |
//! | Region | `product_region_code` (or `product` map `region_code`/`region`) | `product/regionCode`, `product/region` | `RegionId` |
//! | transfer ends | `product_from_region_code`, `product_to_region_code` | `product/fromRegionCode`, `product/toRegionCode` | (from the usage type's prefixes) |
//! | billing period | `bill_billing_period_start_date` | `bill/BillingPeriodStartDate` | `BillingPeriodStart` |
//! | payer | `bill_payer_account_id` | `bill/PayerAccountId` | `BillingAccountId` |
//! | unit | `pricing_unit` | `pricing/unit` | `PricingUnit` |
//!
//! Sources: AWS Data Exports user guide, "CUR 2.0 table dictionary" and "FOCUS 1.0 with AWS
//! columns" (docs.aws.amazon.com/cur/latest/userguide), legacy CUR "Line item details".

use super::error::{BillError, Result};
use crate::import::columnar::fold;

/// Which export a file is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Format {
    /// CUR 2.0 from Data Exports (snake_case columns, a `product` map).
    Cur2,
    /// The legacy Cost and Usage Report (`lineItem/...` columns).
    LegacyCur,
    /// FOCUS 1.0 or later with AWS columns.
    Focus,
}

impl Format {
    /// Name for messages and reports.
    pub fn name(self) -> &'static str {
        match self {
            Format::Cur2 => "CUR 2.0",
            Format::LegacyCur => "legacy CUR",
            Format::Focus => "FOCUS",
        }
    }
}

/// Where each field of a row is, as column indexes into the file's header.
#[derive(Clone, Debug)]
pub struct Columns {
    pub format: Format,
    /// Header names as written (for messages).
    pub names: Vec<String>,
    pub kind: usize,
    pub charge_class: Option<usize>,
    pub usage_type: usize,
    pub operation: Option<usize>,
    pub amount: usize,
    /// FOCUS: `PricingQuantity`, used where `ConsumedQuantity` is empty.
    pub amount_fallback: Option<usize>,
    pub cost: usize,
    pub rate: Option<usize>,
    pub currency: usize,
    pub account: usize,
    pub resource: Option<usize>,
    pub region: Option<usize>,
    pub from_region: Option<usize>,
    pub to_region: Option<usize>,
    pub period: usize,
    pub payer: Option<usize>,
    pub unit: Option<usize>,
    /// CUR 2.0 `product` map column.
    pub product_map: Option<usize>,
}

impl Columns {
    /// Finds the columns in a header. `file` is for messages.
    pub fn from_header<S: AsRef<str>>(header: &[S], file: &str) -> Result<Columns> {
        let names: Vec<String> = header
            .iter()
            .map(|h| h.as_ref().trim_start_matches('\u{feff}').trim().to_string())
            .collect();
        let folded: Vec<String> = names.iter().map(|n| fold(n)).collect();
        let find = |cands: &[&str]| {
            cands
                .iter()
                .find_map(|c| folded.iter().position(|f| f == c))
        };
        // FOCUS 1.0 names the charge kind `ChargeCategory`; the 0.5 preview `ChargeType`.
        let has_focus =
            find(&["billedcost"]).is_some() && find(&["chargecategory", "chargetype"]).is_some();
        let has_cur = find(&["lineitemusagetype"]).is_some();
        let format = if has_cur {
            if names.iter().any(|n| n.contains('/')) {
                Format::LegacyCur
            } else {
                Format::Cur2
            }
        } else if has_focus {
            Format::Focus
        } else {
            let shown: Vec<&str> = names.iter().take(6).map(String::as_str).collect();
            return Err(BillError::NotAnExport {
                file: file.to_string(),
                detail: format!(
                    "no `line_item_usage_type`, `lineItem/UsageType` or `BilledCost` column (the header starts {})",
                    if shown.is_empty() {
                        "with nothing".to_string()
                    } else {
                        shown.join(", ")
                    }
                ),
            });
        };
        let need = |cands: &[&str], shown: &str, hint: &str| {
            find(cands).ok_or_else(|| BillError::MissingColumn {
                file: file.to_string(),
                format: format.name(),
                column: shown.to_string(),
                hint: hint.to_string(),
            })
        };
        let cur_hint = "the export's standard columns include it; check that this is a complete, unedited export file";
        Ok(match format {
            Format::Cur2 | Format::LegacyCur => {
                let legacy = format == Format::LegacyCur;
                let n = |cur2: &'static str, old: &'static str| if legacy { old } else { cur2 };
                Columns {
                    format,
                    kind: need(
                        &["lineitemlineitemtype"],
                        n("line_item_line_item_type", "lineItem/LineItemType"),
                        cur_hint,
                    )?,
                    charge_class: None,
                    usage_type: need(
                        &["lineitemusagetype"],
                        n("line_item_usage_type", "lineItem/UsageType"),
                        cur_hint,
                    )?,
                    operation: find(&["lineitemoperation"]),
                    amount: need(
                        &["lineitemusageamount"],
                        n("line_item_usage_amount", "lineItem/UsageAmount"),
                        cur_hint,
                    )?,
                    amount_fallback: None,
                    cost: need(
                        &["lineitemunblendedcost"],
                        n("line_item_unblended_cost", "lineItem/UnblendedCost"),
                        cur_hint,
                    )?,
                    rate: find(&["lineitemunblendedrate"]),
                    currency: need(
                        &["lineitemcurrencycode"],
                        n("line_item_currency_code", "lineItem/CurrencyCode"),
                        cur_hint,
                    )?,
                    account: need(
                        &["lineitemusageaccountid"],
                        n("line_item_usage_account_id", "lineItem/UsageAccountId"),
                        cur_hint,
                    )?,
                    resource: find(&["lineitemresourceid"]),
                    region: find(&["productregioncode", "productregion"]),
                    from_region: find(&["productfromregioncode"]),
                    to_region: find(&["producttoregioncode"]),
                    period: need(
                        &["billbillingperiodstartdate"],
                        n(
                            "bill_billing_period_start_date",
                            "bill/BillingPeriodStartDate",
                        ),
                        cur_hint,
                    )?,
                    payer: find(&["billpayeraccountid"]),
                    unit: find(&["pricingunit"]),
                    product_map: if legacy { None } else { find(&["product"]) },
                    names,
                }
            }
            Format::Focus => {
                let focus_hint = "FOCUS exports carry it; check that this is a complete export";
                Columns {
                    format,
                    kind: need(
                        &["chargecategory", "chargetype"],
                        "ChargeCategory",
                        focus_hint,
                    )?,
                    charge_class: find(&["chargeclass"]),
                    usage_type: need(
                        &["xusagetype"],
                        "x_UsageType",
                        "create the export from the \"FOCUS 1.0 with AWS columns\" table: only it names the AWS usage type of each row",
                    )?,
                    operation: find(&["xoperation"]),
                    amount: need(&["consumedquantity"], "ConsumedQuantity", focus_hint)?,
                    amount_fallback: find(&["pricingquantity"]),
                    cost: need(&["billedcost"], "BilledCost", focus_hint)?,
                    rate: find(&["contractedunitprice", "listunitprice"]),
                    currency: need(&["billingcurrency"], "BillingCurrency", focus_hint)?,
                    account: need(&["subaccountid"], "SubAccountId", focus_hint)?,
                    resource: find(&["resourceid"]),
                    region: find(&["regionid", "region"]),
                    from_region: None,
                    to_region: None,
                    period: need(&["billingperiodstart"], "BillingPeriodStart", focus_hint)?,
                    payer: find(&["billingaccountid"]),
                    unit: find(&["pricingunit", "consumedunit"]),
                    product_map: None,
                    names,
                }
            }
        })
    }

    /// The header name of column `i`.
    pub fn name(&self, i: usize) -> &str {
        self.names.get(i).map_or("?", String::as_str)
    }

    /// Every column a reader must fetch, sorted and without repeats.
    pub fn wanted(&self) -> Vec<usize> {
        let mut v: Vec<usize> = [
            Some(self.kind),
            self.charge_class,
            Some(self.usage_type),
            self.operation,
            Some(self.amount),
            self.amount_fallback,
            Some(self.cost),
            self.rate,
            Some(self.currency),
            Some(self.account),
            self.resource,
            self.region,
            self.from_region,
            self.to_region,
            Some(self.period),
            self.payer,
            self.unit,
            self.product_map,
        ]
        .into_iter()
        .flatten()
        .collect();
        v.sort_unstable();
        v.dedup();
        v
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_are_told_by_their_columns() {
        let cur2 = [
            "bill_billing_period_start_date",
            "line_item_line_item_type",
            "line_item_usage_type",
            "line_item_usage_amount",
            "line_item_unblended_cost",
            "line_item_currency_code",
            "line_item_usage_account_id",
            "product",
        ];
        let c = Columns::from_header(&cur2, "f").unwrap();
        assert_eq!(c.format, Format::Cur2);
        assert_eq!(c.product_map, Some(7));
        let legacy: Vec<String> = [
            "bill/BillingPeriodStartDate",
            "lineItem/LineItemType",
            "lineItem/UsageType",
            "lineItem/UsageAmount",
            "lineItem/UnblendedCost",
            "lineItem/CurrencyCode",
            "lineItem/UsageAccountId",
            "product/region",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let c = Columns::from_header(&legacy, "f").unwrap();
        assert_eq!((c.format, c.region), (Format::LegacyCur, Some(7)));
        let e = Columns::from_header(&["a", "b"], "x.csv")
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("x.csv") && e.contains("not an AWS cost export"),
            "{e}"
        );
        let e = Columns::from_header(&cur2[1..], "y.csv")
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("y.csv") && e.contains("bill_billing_period_start_date"),
            "{e}"
        );
        let focus = ["BilledCost", "ChargeCategory", "ConsumedQuantity"];
        let e = Columns::from_header(&focus, "z").unwrap_err().to_string();
        assert!(e.contains("x_UsageType"), "{e}");
    }
}
