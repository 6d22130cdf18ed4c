//! The price book's CSV files, read and written here only: `prices.csv` (parsed and
//! checked by the loader, written by `pricing import` and `pricing fetch`) and
//! `regions.csv` (parsed once; the importers' billing-prefix table reads it through
//! [`builtin_regions`]).

use super::{GLOBAL, PriceRow, REGIONS_CSV, RegionInfo};
use crate::error::{Error, Result};
use crate::money::parse_exact;
use crate::text::text_cell;
use rust_decimal::Decimal;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

/// The header of the price book (`pricing/prices.csv`).
pub const PRICE_CSV_HEADER: [&str; 10] = [
    "region",
    "component",
    "variant",
    "tier_from",
    "tier_to",
    "unit",
    "usd",
    "effective",
    "source",
    "verified",
];

#[derive(Debug, serde::Deserialize)]
struct RawPriceRow {
    region: String,
    component: String,
    #[serde(default)]
    variant: String,
    tier_from: String,
    #[serde(default)]
    tier_to: String,
    unit: String,
    usd: String,
    effective: String,
    source: String,
    #[serde(default)]
    verified: String,
}

#[derive(Debug, serde::Deserialize)]
struct RawRegion {
    region: String,
    billing_prefix: String,
    name: String,
    az_id_prefix: String,
}

pub(super) fn book_err(file: &str, line: usize, message: impl Into<String>) -> Error {
    Error::Book {
        file: file.to_string(),
        line,
        message: message.into(),
    }
}

pub(super) fn parse_regions(file: &str, text: &str) -> Result<BTreeMap<String, RegionInfo>> {
    let mut rdr = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let mut out = BTreeMap::new();
    for (n, rec) in rdr.deserialize::<RawRegion>().enumerate() {
        let line = n + 2;
        let r = rec.map_err(|e| book_err(file, line, format!("cannot read row: {e}")))?;
        if r.region.is_empty() {
            return Err(book_err(file, line, "empty `region`"));
        }
        let info = RegionInfo {
            region: r.region.clone(),
            billing_prefix: r.billing_prefix,
            name: r.name,
            az_id_prefix: r.az_id_prefix,
        };
        if out.insert(r.region.clone(), info).is_some() {
            return Err(book_err(
                file,
                line,
                format!("Region {} is listed twice", r.region),
            ));
        }
    }
    Ok(out)
}

pub(super) fn parse_prices(
    file: &str,
    text: &str,
    regions: &BTreeMap<String, RegionInfo>,
) -> Result<Vec<PriceRow>> {
    let mut rdr = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for (n, rec) in rdr.deserialize::<RawPriceRow>().enumerate() {
        let line = n + 2;
        let mut r = rec.map_err(|e| {
            book_err(
                file,
                line,
                format!("cannot read row: {e}\n  hint: the header is region,component,variant,tier_from,tier_to,unit,usd,effective,source,verified"),
            )
        })?;
        // Text written neutralised against formula injection (`'=...`) reads back as written.
        for f in [
            &mut r.region,
            &mut r.component,
            &mut r.variant,
            &mut r.unit,
            &mut r.effective,
            &mut r.source,
        ] {
            if crate::text::untext_cell(f).len() != f.len() {
                f.remove(0);
            }
        }
        if r.region != GLOBAL && !regions.contains_key(&r.region) {
            return Err(book_err(
                file,
                line,
                format!(
                    "unknown Region `{}`\n  hint: add it to regions.csv (or write `{GLOBAL}` for Route 53 hosted zones, health checks and ARC)",
                    r.region
                ),
            ));
        }
        let Some(component) = crate::rules::Component::parse(&r.component) else {
            return Err(book_err(
                file,
                line,
                format!(
                    "unknown component `{}`\n  hint: components are {}",
                    r.component,
                    crate::rules::component_ids().collect::<Vec<_>>().join(", ")
                ),
            ));
        };
        match (component.is_global(), r.region == GLOBAL) {
            (true, false) => {
                return Err(book_err(
                    file,
                    line,
                    format!(
                        "`{}` is a global price: AWS bills it without a Region, so the book prices it once, under Region `{GLOBAL}` (found `{}`)\n  hint: write `{GLOBAL}` in the region column of this row (one row per tier for the whole book)",
                        r.component, r.region
                    ),
                ));
            }
            (false, true) => {
                return Err(book_err(
                    file,
                    line,
                    format!(
                        "`{}` is billed per Region: Region `{GLOBAL}` holds only Route 53 hosted zones, health checks and ARC clusters",
                        r.component
                    ),
                ));
            }
            _ => {}
        }
        let dec = |key: &str, s: &str| -> Result<Decimal> {
            let d = parse_exact(s).ok_or_else(|| {
                book_err(
                    file,
                    line,
                    format!("`{key}` = `{s}` is not a decimal number"),
                )
            })?;
            if d.is_sign_negative() && !d.is_zero() {
                return Err(book_err(file, line, format!("`{key}` = `{s}` is negative")));
            }
            Ok(d)
        };
        let tier_from = dec("tier_from", &r.tier_from)?;
        let tier_to = if r.tier_to.is_empty() || r.tier_to.eq_ignore_ascii_case("inf") {
            None
        } else {
            Some(dec("tier_to", &r.tier_to)?)
        };
        if let Some(to) = tier_to
            && to <= tier_from
        {
            return Err(book_err(
                file,
                line,
                format!("tier_to {to} is not above tier_from {tier_from}"),
            ));
        }
        let usd = dec("usd", &r.usd)?;
        let verified = match r.verified.to_ascii_lowercase().as_str() {
            "" | "yes" | "true" => true,
            "no" | "false" => false,
            other => {
                return Err(book_err(
                    file,
                    line,
                    format!("`verified` = `{other}`: write yes or no"),
                ));
            }
        };
        rows.push(PriceRow {
            region: r.region,
            component: r.component,
            variant: r.variant,
            tier_from,
            tier_to,
            unit: r.unit,
            usd,
            effective: r.effective,
            source: r.source,
            verified,
        });
    }
    Ok(rows)
}

pub(super) fn check_ladder(
    file: &str,
    region: &str,
    component: &str,
    variant: &str,
    idx: &[usize],
    rows: &[PriceRow],
) -> Result<()> {
    let name = if variant.is_empty() {
        format!("{component} in {region}")
    } else {
        format!("{component} ({variant}) in {region}")
    };
    let first = &rows[idx[0]];
    if !first.tier_from.is_zero() {
        return Err(book_err(
            file,
            0,
            format!(
                "{name}: the lowest tier starts at {} instead of 0",
                first.tier_from
            ),
        ));
    }
    for w in idx.windows(2) {
        let (a, b) = (&rows[w[0]], &rows[w[1]]);
        match a.tier_to {
            None => {
                return Err(book_err(
                    file,
                    0,
                    format!(
                        "{name}: duplicate or overlapping tiers (an open-ended tier from {} and another from {})",
                        a.tier_from, b.tier_from
                    ),
                ));
            }
            Some(to) if to != b.tier_from => {
                let what = if to > b.tier_from {
                    "overlap"
                } else {
                    "leave a gap"
                };
                return Err(book_err(
                    file,
                    0,
                    format!(
                        "{name}: tiers {}–{} and {}–… {what}",
                        a.tier_from, to, b.tier_from
                    ),
                ));
            }
            _ => {}
        }
    }
    Ok(())
}

fn fmt_decimal(d: Decimal) -> String {
    d.normalize().to_string()
}

/// Writes rows in the price book format (`pricing/prices.csv`), header first. Text fields
/// are neutralised against formula injection ([`crate::text::text_cell`]).
pub fn write_prices_csv(rows: &[PriceRow]) -> Result<String> {
    let bad = |e: String| Error::Msg(format!("cannot write the price book: {e}"));
    let mut wtr = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    let map_csv = |e: csv::Error| bad(e.to_string());
    wtr.write_record(PRICE_CSV_HEADER).map_err(map_csv)?;
    for r in rows {
        let tier_from = fmt_decimal(r.tier_from);
        let tier_to = r.tier_to.map(fmt_decimal).unwrap_or_default();
        let usd = fmt_decimal(r.usd);
        // Text is neutralised against formula injection (the book is opened in
        // spreadsheets); the price-book loader drops the added `'` again.
        wtr.write_record([
            text_cell(&r.region),
            text_cell(&r.component),
            text_cell(&r.variant),
            tier_from,
            tier_to,
            text_cell(&r.unit),
            usd,
            text_cell(&r.effective),
            text_cell(&r.source),
            (if r.verified { "yes" } else { "no" }).to_string(),
        ])
        .map_err(map_csv)?;
    }
    let bytes = wtr
        .into_inner()
        .map_err(|e| bad(e.into_error().to_string()))?;
    String::from_utf8(bytes).map_err(|e| bad(e.to_string()))
}

/// Merges imported rows into an existing book: every (Region, component, variant) the
/// import covers replaces all the existing rows of that key (tiers included); the others
/// are kept. The result is sorted by Region, component, variant and tier, as the
/// importers sort their rows.
pub fn merge_rows(existing: Vec<PriceRow>, imported: &[PriceRow]) -> Vec<PriceRow> {
    let covered: BTreeSet<(&str, &str, &str)> = imported
        .iter()
        .map(|r| (r.region.as_str(), r.component.as_str(), r.variant.as_str()))
        .collect();
    let mut out: Vec<PriceRow> = existing
        .into_iter()
        .filter(|r| {
            !covered.contains(&(r.region.as_str(), r.component.as_str(), r.variant.as_str()))
        })
        .collect();
    out.extend(imported.iter().cloned());
    out.sort_by(|a, b| sort_key(a).cmp(&sort_key(b)));
    out
}

/// `regions.csv` text of parsed Regions, in the book's order.
pub fn write_regions_csv(regions: &BTreeMap<String, RegionInfo>) -> Result<String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let bad = |e: csv::Error| Error::Msg(format!("cannot write regions: {e}"));
    w.write_record(["region", "billing_prefix", "name", "az_id_prefix"])
        .map_err(bad)?;
    for r in regions.values() {
        w.write_record([&r.region, &r.billing_prefix, &r.name, &r.az_id_prefix])
            .map_err(bad)?;
    }
    let bytes = w
        .into_inner()
        .map_err(|e| Error::Msg(format!("cannot write regions: {e}")))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// The Regions of the built-in `pricing/regions.csv`, parsed once by [`parse_regions`]
/// (an error in the committed file is an error, not an empty table).
pub fn builtin_regions() -> Result<&'static BTreeMap<String, RegionInfo>> {
    static REGIONS: OnceLock<std::result::Result<BTreeMap<String, RegionInfo>, String>> =
        OnceLock::new();
    REGIONS
        .get_or_init(|| {
            parse_regions("pricing/regions.csv", REGIONS_CSV).map_err(|e| e.to_string())
        })
        .as_ref()
        .map_err(|e| Error::Msg(e.clone()))
}

fn sort_key(r: &PriceRow) -> (&str, &str, &str, Decimal) {
    (&r.region, &r.component, &r.variant, r.tier_from)
}
