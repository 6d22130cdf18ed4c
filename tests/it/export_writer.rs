//! Synthetic cost exports for the tests, written from the documented schemas (AWS Data
//! Exports user guide: the CUR 2.0 table dictionary, legacy CUR line item columns, FOCUS
//! 1.0 with AWS columns): CSV with the csv crate, gzip with flate2, Parquet with the
//! parquet crate's Arrow writer (the `product` column a map<string, string>, the billing
//! period a timestamp, amounts and costs doubles, as the dictionary types them).
#![allow(dead_code)]

use std::io::Write;
use std::path::Path;
use std::sync::Arc;

use arrow_array::builder::{MapBuilder, StringBuilder};
use arrow_array::{ArrayRef, Float64Array, RecordBatch, StringArray, TimestampMillisecondArray};
use parquet::arrow::ArrowWriter;
use parquet::basic::{Compression, GzipLevel};
use parquet::file::properties::WriterProperties;

/// One export line item.
#[derive(Clone, Debug)]
pub struct Item {
    pub kind: String,
    pub usage_type: String,
    pub operation: String,
    pub amount: String,
    pub cost: String,
    pub rate: String,
    pub account: String,
    pub resource: String,
    pub region: String,
    pub period: String,
    pub currency: String,
}

impl Item {
    /// A usage line item of October 2026, in USD.
    pub fn usage(
        account: &str,
        region: &str,
        usage_type: &str,
        resource: &str,
        amount: &str,
        rate: &str,
        cost: &str,
    ) -> Item {
        Item {
            kind: "Usage".into(),
            usage_type: usage_type.into(),
            operation: operation_of(usage_type).into(),
            amount: amount.into(),
            cost: cost.into(),
            rate: rate.into(),
            account: account.into(),
            resource: resource.into(),
            region: region.into(),
            period: "2026-10-01T00:00:00.000Z".into(),
            currency: "USD".into(),
        }
    }

    pub fn kind(mut self, kind: &str) -> Item {
        self.kind = kind.into();
        self
    }
}

/// The operation AWS bills a usage type under (the ones the tests use).
pub fn operation_of(usage_type: &str) -> &'static str {
    if usage_type.contains("TransitGateway") {
        "TransitGatewayVPC"
    } else if usage_type.contains("NatGateway") {
        "NatGateway"
    } else if usage_type.contains("VpcEndpoint") {
        "VpcEndpointUsage"
    } else if usage_type.contains("LoadBalancer") || usage_type.contains("LCU") {
        "LoadBalancing:Network"
    } else {
        ""
    }
}

fn write_csv(header: &[&str], rows: Vec<Vec<String>>) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(header).unwrap();
    for r in rows {
        w.write_record(r).unwrap();
    }
    w.into_inner().unwrap()
}

pub const CUR2_COLUMNS: &[&str] = &[
    "identity_line_item_id",
    "bill_billing_period_start_date",
    "bill_payer_account_id",
    "line_item_line_item_type",
    "line_item_usage_account_id",
    "line_item_product_code",
    "line_item_usage_type",
    "line_item_operation",
    "line_item_resource_id",
    "line_item_usage_amount",
    "line_item_unblended_rate",
    "line_item_unblended_cost",
    "line_item_currency_code",
    "product_region_code",
    "pricing_unit",
];

/// CUR 2.0 as CSV.
pub fn cur2_csv(items: &[Item]) -> Vec<u8> {
    let rows = items
        .iter()
        .enumerate()
        .map(|(i, it)| {
            vec![
                format!("id{i}"),
                it.period.clone(),
                "999999999999".into(),
                it.kind.clone(),
                it.account.clone(),
                "AmazonEC2".into(),
                it.usage_type.clone(),
                it.operation.clone(),
                it.resource.clone(),
                it.amount.clone(),
                it.rate.clone(),
                it.cost.clone(),
                it.currency.clone(),
                it.region.clone(),
                "Hrs".into(),
            ]
        })
        .collect();
    write_csv(CUR2_COLUMNS, rows)
}

/// Legacy CUR as CSV.
pub fn legacy_csv(items: &[Item]) -> Vec<u8> {
    let header = [
        "identity/LineItemId",
        "bill/PayerAccountId",
        "bill/BillingPeriodStartDate",
        "lineItem/UsageAccountId",
        "lineItem/LineItemType",
        "lineItem/UsageType",
        "lineItem/Operation",
        "lineItem/ResourceId",
        "lineItem/UsageAmount",
        "lineItem/CurrencyCode",
        "lineItem/UnblendedRate",
        "lineItem/UnblendedCost",
        "product/region",
        "pricing/unit",
    ];
    let rows = items
        .iter()
        .enumerate()
        .map(|(i, it)| {
            vec![
                format!("id{i}"),
                "999999999999".into(),
                it.period.clone(),
                it.account.clone(),
                it.kind.clone(),
                it.usage_type.clone(),
                it.operation.clone(),
                it.resource.clone(),
                it.amount.clone(),
                it.currency.clone(),
                it.rate.clone(),
                it.cost.clone(),
                it.region.clone(),
                "Hrs".into(),
            ]
        })
        .collect();
    write_csv(&header, rows)
}

/// FOCUS 1.0 charge category of a CUR line item type.
fn charge_category(kind: &str) -> &'static str {
    match kind {
        "Usage" => "Usage",
        "Tax" => "Tax",
        "Credit" | "Refund" => "Credit",
        _ => "Adjustment",
    }
}

/// FOCUS 1.0 (with AWS columns) as CSV.
pub fn focus_csv(items: &[Item]) -> Vec<u8> {
    let header = [
        "BillingAccountId",
        "BillingPeriodStart",
        "BillingPeriodEnd",
        "ChargeCategory",
        "ChargeClass",
        "SubAccountId",
        "ServiceName",
        "x_UsageType",
        "x_Operation",
        "ResourceId",
        "RegionId",
        "ConsumedQuantity",
        "ConsumedUnit",
        "ContractedUnitPrice",
        "BilledCost",
        "BillingCurrency",
        "SkuId",
    ];
    let rows = items
        .iter()
        .map(|it| {
            vec![
                "999999999999".into(),
                it.period
                    .replace(".000Z", "Z")
                    .replace('T', " ")
                    .replace('Z', ""),
                "2026-11-01 00:00:00".into(),
                charge_category(&it.kind).into(),
                String::new(),
                it.account.clone(),
                "Amazon Virtual Private Cloud".into(),
                it.usage_type.clone(),
                it.operation.clone(),
                it.resource.clone(),
                it.region.clone(),
                it.amount.clone(),
                "GB".into(),
                it.rate.clone(),
                it.cost.clone(),
                it.currency.clone(),
                "SKU123".into(),
            ]
        })
        .collect();
    write_csv(&header, rows)
}

/// Gzip of some bytes.
pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}

fn ms_of(period: &str) -> i64 {
    // YYYY-MM-DD at midnight UTC, as milliseconds since 1970.
    let y: i64 = period[..4].parse().unwrap();
    let m: i64 = period[5..7].parse().unwrap();
    let d: i64 = period[8..10].parse().unwrap();
    let (y2, m2) = if m <= 2 { (y - 1, m + 9) } else { (y, m - 3) };
    let era = y2.div_euclid(400);
    let yoe = y2 - era * 400;
    let doy = (153 * m2 + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    (era * 146_097 + doe - 719_468) * 86_400_000
}

/// CUR 2.0 as Parquet: the Region only in the `product` map (key `region_code`), as some
/// exports leave the static column out.
pub fn cur2_parquet(items: &[Item], path: &Path, compression: Compression) {
    let s = |f: &dyn Fn(&Item) -> String| -> ArrayRef {
        Arc::new(StringArray::from(items.iter().map(f).collect::<Vec<_>>()))
    };
    let num = |f: &dyn Fn(&Item) -> String| -> ArrayRef {
        Arc::new(Float64Array::from(
            items
                .iter()
                .map(|i| f(i).parse::<f64>().ok())
                .collect::<Vec<_>>(),
        ))
    };
    let mut map = MapBuilder::new(None, StringBuilder::new(), StringBuilder::new());
    for it in items {
        map.keys().append_value("product_name");
        map.values().append_value("Amazon Virtual Private Cloud");
        if !it.region.is_empty() {
            map.keys().append_value("region_code");
            map.values().append_value(&it.region);
        }
        map.append(true).unwrap();
    }
    let period: ArrayRef = Arc::new(TimestampMillisecondArray::from(
        items.iter().map(|i| ms_of(&i.period)).collect::<Vec<_>>(),
    ));
    let batch = RecordBatch::try_from_iter(vec![
        ("bill_billing_period_start_date", period),
        ("bill_payer_account_id", s(&|_| "999999999999".into())),
        ("line_item_line_item_type", s(&|i| i.kind.clone())),
        ("line_item_usage_account_id", s(&|i| i.account.clone())),
        ("line_item_usage_type", s(&|i| i.usage_type.clone())),
        ("line_item_operation", s(&|i| i.operation.clone())),
        ("line_item_resource_id", s(&|i| i.resource.clone())),
        ("line_item_usage_amount", num(&|i| i.amount.clone())),
        ("line_item_unblended_rate", s(&|i| i.rate.clone())),
        ("line_item_unblended_cost", num(&|i| i.cost.clone())),
        ("line_item_currency_code", s(&|i| i.currency.clone())),
        ("product", Arc::new(map.finish()) as ArrayRef),
    ])
    .unwrap();
    let props = WriterProperties::builder()
        .set_compression(compression)
        .set_max_row_group_row_count(Some(4))
        .build();
    let f = std::fs::File::create(path).unwrap();
    let mut w = ArrowWriter::try_new(f, batch.schema(), Some(props)).unwrap();
    w.write(&batch).unwrap();
    w.close().unwrap();
}

/// Gzip Parquet compression (as VPC flow logs use).
pub fn gzip_parquet() -> Compression {
    Compression::GZIP(GzipLevel::default())
}
