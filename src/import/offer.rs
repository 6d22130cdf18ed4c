//! AWS Price List bulk offer import (CSV and JSON) into price-book rows.
//!
//! The offer files are streamed: the CSV row by row, the JSON through a streaming
//! deserializer (see `offer_json`). Only the price dimensions that map to a vpceplan
//! component are kept in memory (a few thousand at most, even for the EC2 offer); the
//! prices are parsed as exact decimals and never pass through a float.
//!
//! Usage types are mapped to components for every Region in the file by the shared table
//! of [`super::usage_type`].
//!
//! The Region is the row's `regionCode` (`Region Code`) attribute when present, else the one
//! the billing prefix names (table from `pricing/regions.csv`, plus prefixes learnt from the
//! file's own rows that carry both); Region-scoped usage types without a prefix are us-east-1.
//! Route 53's global prices (hosted zones, health checks) carry no Region: they are written
//! under the book's `global` Region ([`crate::pricing::GLOBAL`]).

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::io::{BufRead, Read};

use rust_decimal::Decimal;

use crate::report::text_cell;

use super::error::{ImportError, Result};
use super::usage_type::{
    Base, Classified, Component, NotPriced, Recognized, Scope, UnitKind, UsageAttrs, classify,
    recognize, region_for_prefix,
};

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

/// How many distinct examples a [`SkipTally`] keeps.
pub const MAX_SKIP_EXAMPLES: usize = 5;

pub use crate::pricing::PriceRow;

fn sort_key(r: &PriceRow) -> (&str, &str, &str, Decimal) {
    (&r.region, &r.component, &r.variant, r.tier_from)
}

/// Why a price dimension (or product) of an offer was not imported.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SkipReason {
    /// A Reserved (or other non-OnDemand) term.
    NotOnDemand,
    /// The usage type maps to no vpceplan component.
    UnknownUsageType,
    /// The usage type is known but its operation is not the one vpceplan prices
    /// (e.g. `TransitGatewayPeering`, `LoadBalancing:Application`).
    UnsupportedOperation,
    /// Global (authoritative) Route 53 DNS queries, not Resolver queries.
    PublicDnsQueries,
    /// The price is not in USD.
    NonUsdCurrency,
    /// A Local Zone, Wavelength Zone or Outposts location rather than a Region.
    NotARegion,
    /// The Region could not be told (unknown billing prefix, no Region code).
    UnknownRegion,
    /// The unit is not the one the component is priced in.
    UnexpectedUnit,
    /// The same price was already imported from another row.
    DuplicatePrice,
    /// Two rows give different prices for the same Region, component, variant and tier:
    /// all rows of that component are left out rather than one picked.
    ConflictingPrices,
    /// The tiers of a component do not start at 0, overlap, leave a gap or do not end open.
    InvalidTiers,
}

impl SkipReason {
    /// Short stable identifier.
    pub fn id(self) -> &'static str {
        match self {
            SkipReason::NotOnDemand => "not-on-demand",
            SkipReason::UnknownUsageType => "unknown-usage-type",
            SkipReason::UnsupportedOperation => "unsupported-operation",
            SkipReason::PublicDnsQueries => "public-dns-queries",
            SkipReason::NonUsdCurrency => "non-usd-currency",
            SkipReason::NotARegion => "not-a-region",
            SkipReason::UnknownRegion => "unknown-region",
            SkipReason::UnexpectedUnit => "unexpected-unit",
            SkipReason::DuplicatePrice => "duplicate-price",
            SkipReason::ConflictingPrices => "conflicting-prices",
            SkipReason::InvalidTiers => "invalid-tiers",
        }
    }
}

impl fmt::Display for SkipReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = match self {
            SkipReason::NotOnDemand => "not an OnDemand term (Reserved or other)",
            SkipReason::UnknownUsageType => "usage type maps to no vpceplan component",
            SkipReason::UnsupportedOperation => "operation not priced by vpceplan",
            SkipReason::PublicDnsQueries => "public (authoritative) DNS queries, not Resolver",
            SkipReason::NonUsdCurrency => "price not in USD",
            SkipReason::NotARegion => "location is not an AWS Region (Local Zone, Outposts...)",
            SkipReason::UnknownRegion => "Region unknown (billing prefix not recognised)",
            SkipReason::UnexpectedUnit => "unit does not match the component",
            SkipReason::DuplicatePrice => "duplicate of a price already imported",
            SkipReason::ConflictingPrices => "conflicting prices for the same tier: left out",
            SkipReason::InvalidTiers => "tiers do not cover 0 to infinity without gaps: left out",
        };
        f.write_str(text)
    }
}

/// Count and first examples of one skip reason.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SkipTally {
    pub count: u64,
    /// Up to [`MAX_SKIP_EXAMPLES`] distinct examples (usage types, SKUs...).
    pub examples: Vec<String>,
}

/// What was skipped, as counts per reason plus examples. Items are counted per CSV row or
/// JSON price dimension, except that a JSON product with an unknown usage type counts once
/// (its terms are not looked at) and a non-OnDemand JSON term counts once per SKU.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SkipSummary {
    pub by_reason: BTreeMap<SkipReason, SkipTally>,
}

impl SkipSummary {
    /// Records one skipped item.
    pub fn add(&mut self, reason: SkipReason, example: impl Into<String>) {
        self.add_n(reason, 1, example);
    }

    pub(crate) fn add_n(&mut self, reason: SkipReason, n: u64, example: impl Into<String>) {
        let tally = self.by_reason.entry(reason).or_default();
        tally.count += n;
        let example = example.into();
        if tally.examples.len() < MAX_SKIP_EXAMPLES && !tally.examples.contains(&example) {
            tally.examples.push(example);
        }
    }

    /// Count for one reason (0 if none).
    pub fn count(&self, reason: SkipReason) -> u64 {
        self.by_reason.get(&reason).map_or(0, |t| t.count)
    }

    /// Total skipped items.
    pub fn total(&self) -> u64 {
        self.by_reason.values().map(|t| t.count).sum()
    }

    /// Whether any reason has an example equal to `example`.
    pub fn has_example(&self, reason: SkipReason, example: &str) -> bool {
        self.by_reason
            .get(&reason)
            .is_some_and(|t| t.examples.iter().any(|e| e == example))
    }
}

impl fmt::Display for SkipSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.by_reason.is_empty() {
            return writeln!(f, "skipped: nothing");
        }
        writeln!(f, "skipped: {} item(s)", self.total())?;
        for (reason, tally) in &self.by_reason {
            writeln!(
                f,
                "  {:>8}  {} [{}]; e.g. {}",
                tally.count,
                reason,
                reason.id(),
                tally.examples.join(", ")
            )?;
        }
        Ok(())
    }
}

/// The outcome of importing one offer file.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportResult {
    /// The offer code (`AmazonVPC`, `AmazonEC2`, `AmazonRoute53`, ...).
    pub offer_code: String,
    /// The offer version.
    pub version: String,
    /// The date part of the offer's publication date, used as every row's `effective`.
    pub effective: String,
    /// Price rows, sorted by Region, component, variant, tier_from.
    pub rows: Vec<PriceRow>,
    /// What was not imported, and why.
    pub skipped: SkipSummary,
    /// Remarks about the import (e.g. how global prices were spread over Regions).
    pub notes: Vec<String>,
}

// ---------------------------------------------------------------------------------------
// Shared collector
// ---------------------------------------------------------------------------------------

/// The product attributes the importer needs (everything else is dropped while reading).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct ProductAttrs {
    pub usage_type: String,
    pub operation: String,
    pub region_code: String,
    pub from_region_code: String,
    pub to_region_code: String,
    pub location_type: String,
}

/// Offer-level metadata.
#[derive(Clone, Debug, Default)]
pub(crate) struct OfferMeta {
    pub offer_code: Option<String>,
    pub version: Option<String>,
    pub publication_date: Option<String>,
}

/// Whether a range end means "no upper end" (empty, `Inf`).
fn is_open_end(s: &str) -> bool {
    let t = s.trim();
    t.is_empty() || t.eq_ignore_ascii_case("inf") || t.eq_ignore_ascii_case("infinity")
}

#[derive(Clone, Debug)]
struct Pending {
    attrs: ProductAttrs,
    recognized: Recognized,
    unit: String,
    begin: Decimal,
    end: Option<Decimal>,
    usd: Decimal,
}

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Target {
    Region(String),
    Global,
}

#[derive(Clone, Debug)]
struct Entry {
    tier_to: Option<Decimal>,
    usd: Decimal,
    usage_type: String,
}

type Key3 = (Target, Component, String);

/// Gathers the relevant price dimensions of one offer, then turns them into rows.
pub(crate) struct Collector {
    source_name: String,
    pending: Vec<Pending>,
    learned: BTreeMap<String, String>,
    pub(crate) skipped: SkipSummary,
}

pub(crate) fn parse_decimal(
    source_name: &str,
    location: &str,
    field: &str,
    value: &str,
) -> Result<Decimal> {
    let invalid = |reason: String| ImportError::InvalidNumber {
        source_name: source_name.to_string(),
        location: location.to_string(),
        field: field.to_string(),
        value: value.to_string(),
        reason,
    };
    let d = Decimal::from_str_exact(value.trim()).map_err(|e| invalid(e.to_string()))?;
    if d.is_sign_negative() && !d.is_zero() {
        return Err(invalid("it is negative".to_string()));
    }
    Ok(d)
}

impl Collector {
    pub(crate) fn new(source_name: &str) -> Self {
        Collector {
            source_name: source_name.to_string(),
            pending: Vec::new(),
            learned: BTreeMap::new(),
            skipped: SkipSummary::default(),
        }
    }

    /// Looks at a product: learns its Region and billing prefix, and tells whether its
    /// usage type is one vpceplan can price. Unknown usage types are counted as skipped.
    pub(crate) fn observe_product(&mut self, attrs: &ProductAttrs) -> Option<Recognized> {
        let region = attrs.region_code.trim();
        match recognize(&attrs.usage_type) {
            Some(rec) => {
                if let (Some(prefix), None) = (&rec.prefix, &rec.dest_prefix)
                    && !region.is_empty()
                    && is_region_location(&attrs.location_type)
                {
                    self.learned
                        .entry(prefix.clone())
                        .or_insert_with(|| region.to_string());
                }
                if rec.base == Base::InterRegionOut {
                    for (code, prefix) in [
                        (attrs.from_region_code.trim(), &rec.prefix),
                        (attrs.to_region_code.trim(), &rec.dest_prefix),
                    ] {
                        if let Some(prefix) = prefix
                            && !code.is_empty()
                        {
                            self.learned
                                .entry(prefix.clone())
                                .or_insert_with(|| code.to_string());
                        }
                    }
                }
                Some(rec)
            }
            None => {
                self.skipped
                    .add(SkipReason::UnknownUsageType, attrs.usage_type.as_str());
                None
            }
        }
    }

    /// Adds one OnDemand price dimension of a recognised product. `usd` is the USD price,
    /// or `None` if the dimension has no USD price (`currency` then names what it has).
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn add_dimension(
        &mut self,
        attrs: &ProductAttrs,
        recognized: &Recognized,
        unit: &str,
        begin: &str,
        end: &str,
        usd: Option<&str>,
        currency: &str,
        location: &str,
    ) -> Result<()> {
        let Some(usd) = usd else {
            self.skipped.add(
                SkipReason::NonUsdCurrency,
                format!("{} ({})", attrs.usage_type, currency),
            );
            return Ok(());
        };
        let usd = parse_decimal(&self.source_name, location, "price", usd)?;
        let begin = if begin.trim().is_empty() {
            Decimal::ZERO
        } else {
            parse_decimal(&self.source_name, location, "range start", begin)?
        };
        let end = if is_open_end(end) {
            None
        } else {
            Some(parse_decimal(
                &self.source_name,
                location,
                "range end",
                end,
            )?)
        };
        if let Some(e) = end
            && e <= begin
        {
            return Err(ImportError::InvalidNumber {
                source_name: self.source_name.clone(),
                location: location.to_string(),
                field: "range end".to_string(),
                value: e.to_string(),
                reason: format!("it is not above the range start {begin}"),
            });
        }
        self.pending.push(Pending {
            attrs: attrs.clone(),
            recognized: recognized.clone(),
            unit: unit.to_string(),
            begin,
            end,
            usd,
        });
        Ok(())
    }

    fn resolve_prefix(&self, prefix: &str) -> Option<String> {
        region_for_prefix(prefix)
            .map(str::to_string)
            .or_else(|| self.learned.get(prefix).cloned())
    }

    /// Region, component and variant of a pending dimension.
    fn classify(
        &self,
        p: &Pending,
    ) -> std::result::Result<(Target, Component, String), SkipReason> {
        let attrs = &p.attrs;
        if !attrs.location_type.trim().is_empty() && !is_region_location(&attrs.location_type) {
            return Err(SkipReason::NotARegion);
        }
        let usage = UsageAttrs {
            operation: &attrs.operation,
            region_code: &attrs.region_code,
            from_region_code: &attrs.from_region_code,
            to_region_code: &attrs.to_region_code,
        };
        let resolve = |prefix: &str| self.resolve_prefix(prefix);
        let Classified {
            scope,
            component,
            variant,
        } = classify(&p.recognized, &usage, &resolve).map_err(|e| match e {
            NotPriced::UnsupportedOperation => SkipReason::UnsupportedOperation,
            NotPriced::PublicDnsQueries => SkipReason::PublicDnsQueries,
            NotPriced::UnknownRegion => SkipReason::UnknownRegion,
        })?;
        let target = match scope {
            Scope::Region(r) => Target::Region(r),
            Scope::Global => Target::Global,
        };
        Ok((target, component, variant))
    }

    /// Turns the gathered dimensions into sorted rows.
    pub(crate) fn finish(mut self, meta: OfferMeta) -> Result<ImportResult> {
        let missing = |field| ImportError::MissingMetadata {
            source_name: self.source_name.clone(),
            field,
        };
        let offer_code = meta
            .offer_code
            .filter(|s| !s.trim().is_empty())
            .ok_or_else(|| missing("offerCode"))?;
        let version = meta
            .version
            .filter(|s| !s.trim().is_empty())
            .ok_or_else(|| missing("version"))?;
        let publication = meta
            .publication_date
            .filter(|s| !s.trim().is_empty())
            .ok_or_else(|| missing("publicationDate"))?;
        let effective = date_part(&publication).ok_or_else(|| ImportError::InvalidDate {
            source_name: self.source_name.clone(),
            value: publication.clone(),
        })?;

        let pending = std::mem::take(&mut self.pending);
        let mut entries: BTreeMap<Key3, BTreeMap<Decimal, Entry>> = BTreeMap::new();
        let mut conflicts: BTreeSet<Key3> = BTreeSet::new();
        for p in &pending {
            let (target, component, variant) = match self.classify(p) {
                Ok(c) => c,
                Err(reason) => {
                    let example = if reason == SkipReason::UnsupportedOperation {
                        format!("{} ({})", p.attrs.usage_type, p.attrs.operation)
                    } else {
                        p.attrs.usage_type.clone()
                    };
                    self.skipped.add(reason, example);
                    continue;
                }
            };
            let Some((begin, end, usd)) = scale(component, &p.unit, p.begin, p.end, p.usd) else {
                self.skipped.add(
                    SkipReason::UnexpectedUnit,
                    format!("{} ({})", p.attrs.usage_type, p.unit),
                );
                continue;
            };
            let key = (target, component, variant);
            let tiers = entries.entry(key.clone()).or_default();
            match tiers.get(&begin) {
                Some(existing) if existing.usd == usd && existing.tier_to == end => {
                    self.skipped
                        .add(SkipReason::DuplicatePrice, p.attrs.usage_type.as_str());
                }
                Some(existing) => {
                    self.skipped.add(
                        SkipReason::ConflictingPrices,
                        format!(
                            "{} {} vs {} {}",
                            existing.usage_type, existing.usd, p.attrs.usage_type, usd
                        ),
                    );
                    conflicts.insert(key);
                }
                None => {
                    tiers.insert(
                        begin,
                        Entry {
                            tier_to: end,
                            usd,
                            usage_type: p.attrs.usage_type.clone(),
                        },
                    );
                }
            }
        }
        for key in &conflicts {
            entries.remove(key);
        }

        // Global prices (hosted zones, health checks) go under the book's `global` Region.
        let mut notes = Vec::new();
        if entries.keys().any(|(t, _, _)| *t == Target::Global) {
            notes.push(format!(
                "global prices (hosted zones, health checks) written under Region `{}`",
                crate::pricing::GLOBAL
            ));
        }

        let mut rows = Vec::new();
        for ((target, component, variant), tiers) in entries {
            let region = match target {
                Target::Region(r) => r,
                Target::Global => crate::pricing::GLOBAL.to_string(),
            };
            if let Err(detail) = check_tiers(&tiers) {
                self.skipped.add(
                    SkipReason::InvalidTiers,
                    format!("{region} {} {variant}: {detail}", component.id()),
                );
                continue;
            }
            for (begin, entry) in tiers {
                rows.push(PriceRow {
                    region: region.clone(),
                    component: component.id().to_string(),
                    variant: variant.clone(),
                    tier_from: begin.normalize(),
                    tier_to: entry.tier_to.map(|d| d.normalize()),
                    unit: component.book_unit().to_string(),
                    usd: entry.usd.normalize(),
                    effective: effective.clone(),
                    source: format!(
                        "AWS Price List {offer_code} version {version}; usage type {}",
                        entry.usage_type
                    ),
                    verified: true,
                });
            }
        }
        rows.sort_by(|a, b| sort_key(a).cmp(&sort_key(b)));
        Ok(ImportResult {
            offer_code,
            version,
            effective,
            rows,
            skipped: self.skipped,
            notes,
        })
    }
}

fn is_region_location(location_type: &str) -> bool {
    let t = location_type.trim();
    t.is_empty() || t.eq_ignore_ascii_case("AWS Region")
}

/// `YYYY-MM-DD` from the start of an ISO date-time.
fn date_part(s: &str) -> Option<String> {
    let d = s.trim().get(..10)?;
    let b = d.as_bytes();
    let digits = |r: std::ops::Range<usize>| r.into_iter().all(|i| b[i].is_ascii_digit());
    if digits(0..4) && b[4] == b'-' && digits(5..7) && b[7] == b'-' && digits(8..10) {
        Some(d.to_string())
    } else {
        None
    }
}

/// Converts the offer's range and price into the book's unit. `None` if the unit does not
/// fit the component.
fn scale(
    component: Component,
    unit: &str,
    begin: Decimal,
    end: Option<Decimal>,
    usd: Decimal,
) -> Option<(Decimal, Option<Decimal>, Decimal)> {
    let u = unit.trim().to_ascii_lowercase();
    match component.unit_kind() {
        UnitKind::Hour => (u.contains("hr") || u.contains("hour")).then_some((begin, end, usd)),
        UnitKind::Gb => {
            matches!(u.as_str(), "gb" | "gigabyte" | "gigabytes").then_some((begin, end, usd))
        }
        UnitKind::MillionQueries => {
            let million = Decimal::from(1_000_000u32);
            if u.contains("million") {
                Some((begin, end, usd))
            } else if u.contains("quer") {
                let begin = begin.checked_div(million)?;
                let end = match end {
                    Some(e) => Some(e.checked_div(million)?),
                    None => None,
                };
                Some((begin, end, usd.checked_mul(million)?))
            } else {
                None
            }
        }
        UnitKind::Monthly => {
            (!(u.contains("hr") || u.contains("hour") || u == "gb")).then_some((begin, end, usd))
        }
    }
}

fn check_tiers(tiers: &BTreeMap<Decimal, Entry>) -> std::result::Result<(), String> {
    let mut expected = Some(Decimal::ZERO);
    for (begin, entry) in tiers {
        match expected {
            Some(e) if e == *begin => {}
            Some(e) => return Err(format!("a tier starts at {begin}, expected {e}")),
            None => return Err(format!("a tier starts at {begin} after an open-ended tier")),
        }
        expected = entry.tier_to;
    }
    match expected {
        None => Ok(()),
        Some(e) => Err(format!(
            "the last tier ends at {e} instead of being open-ended"
        )),
    }
}

// ---------------------------------------------------------------------------------------
// CSV offer
// ---------------------------------------------------------------------------------------

fn norm_header(h: &str) -> String {
    h.trim()
        .trim_start_matches('\u{feff}')
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}

struct Columns {
    term_type: usize,
    unit: usize,
    price: usize,
    currency: usize,
    usage_type: usize,
    starting_range: Option<usize>,
    ending_range: Option<usize>,
    operation: Option<usize>,
    region_code: Option<usize>,
    from_region_code: Option<usize>,
    to_region_code: Option<usize>,
    location_type: Option<usize>,
}

impl Columns {
    fn from_header(header: &csv::StringRecord, source_name: &str, line: u64) -> Result<Self> {
        let names: Vec<String> = header.iter().map(norm_header).collect();
        let find = |name: &str| names.iter().position(|n| n == name);
        let need = |name: &str, shown: &str| {
            find(name).ok_or_else(|| ImportError::MissingColumn {
                source_name: source_name.to_string(),
                line,
                column: shown.to_string(),
            })
        };
        Ok(Columns {
            term_type: need("termtype", "TermType")?,
            unit: need("unit", "Unit")?,
            price: need("priceperunit", "PricePerUnit")?,
            currency: need("currency", "Currency")?,
            usage_type: need("usagetype", "usageType")?,
            starting_range: find("startingrange"),
            ending_range: find("endingrange"),
            operation: find("operation"),
            region_code: find("regioncode"),
            from_region_code: find("fromregioncode"),
            to_region_code: find("toregioncode"),
            location_type: find("locationtype"),
        })
    }
}

fn field(record: &csv::StringRecord, idx: Option<usize>) -> &str {
    idx.and_then(|i| record.get(i)).unwrap_or("")
}

fn csv_error(source_name: &str, err: &csv::Error, fallback_line: u64) -> ImportError {
    if let csv::ErrorKind::Io(io) = err.kind() {
        return ImportError::Io {
            source_name: source_name.to_string(),
            source: std::io::Error::new(io.kind(), io.to_string()),
        };
    }
    ImportError::Csv {
        source_name: source_name.to_string(),
        line: err.position().map_or(fallback_line, |p| p.line()),
        message: err.to_string(),
    }
}

/// Imports an AWS Price List bulk offer in CSV form, streaming it row by row.
///
/// The file starts with metadata lines (`"FormatVersion","v1.0"`, `"Disclaimer",...`,
/// `"Publication Date",...`, `"Version",...`, `"OfferCode",...`), then a header row (the
/// first row with a `SKU` column); columns are found by name, in any order. Only
/// `OnDemand` rows are imported.
pub fn import_offer_csv(reader: impl BufRead, source_name: &str) -> Result<ImportResult> {
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(reader);
    let mut record = csv::StringRecord::new();
    let mut meta = OfferMeta::default();
    let mut line: u64 = 0;
    let header_line = loop {
        match rdr.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => {
                return Err(ImportError::NoCsvHeader {
                    source_name: source_name.to_string(),
                });
            }
            Err(e) => return Err(csv_error(source_name, &e, line + 1)),
        }
        line = record.position().map_or(line + 1, |p| p.line());
        if record.iter().any(|f| norm_header(f) == "sku") {
            break line;
        }
        let first = norm_header(record.get(0).unwrap_or(""));
        let value = record.get(1).map(|v| v.trim().to_string());
        match first.as_str() {
            "publicationdate" => meta.publication_date = value,
            "version" => meta.version = value,
            "offercode" => meta.offer_code = value,
            _ => {}
        }
        if line > 100 {
            return Err(ImportError::NoCsvHeader {
                source_name: source_name.to_string(),
            });
        }
    };
    let cols = Columns::from_header(&record, source_name, header_line)?;
    let mut collector = Collector::new(source_name);
    loop {
        match rdr.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => return Err(csv_error(source_name, &e, line + 1)),
        }
        line = record.position().map_or(line + 1, |p| p.line());
        let usage_type = field(&record, Some(cols.usage_type));
        let term_type = field(&record, Some(cols.term_type)).trim();
        if !term_type.eq_ignore_ascii_case("OnDemand") {
            collector.skipped.add(
                SkipReason::NotOnDemand,
                format!("{usage_type} ({term_type})"),
            );
            continue;
        }
        let attrs = ProductAttrs {
            usage_type: usage_type.to_string(),
            operation: field(&record, cols.operation).to_string(),
            region_code: field(&record, cols.region_code).to_string(),
            from_region_code: field(&record, cols.from_region_code).to_string(),
            to_region_code: field(&record, cols.to_region_code).to_string(),
            location_type: field(&record, cols.location_type).to_string(),
        };
        let Some(rec) = collector.observe_product(&attrs) else {
            continue;
        };
        let currency = field(&record, Some(cols.currency)).trim();
        let price = field(&record, Some(cols.price));
        let usd = currency.eq_ignore_ascii_case("USD").then_some(price);
        let location = format!("line {line}");
        collector.add_dimension(
            &attrs,
            &rec,
            field(&record, Some(cols.unit)),
            field(&record, cols.starting_range),
            field(&record, cols.ending_range),
            usd,
            currency,
            &location,
        )?;
    }
    collector.finish(meta)
}

/// Imports an AWS Price List bulk offer in JSON form without holding the file in memory.
///
/// Products keep only the attributes needed (usage type, operation, Region codes); OnDemand
/// terms are processed as they stream. Products normally come before terms; if terms come
/// first, their price dimensions are buffered in compact form until the products are read.
pub fn import_offer_json(reader: impl Read, source_name: &str) -> Result<ImportResult> {
    super::offer_json::import(reader, source_name)
}

// ---------------------------------------------------------------------------------------
// Price book CSV
// ---------------------------------------------------------------------------------------

fn fmt_decimal(d: Decimal) -> String {
    d.normalize().to_string()
}

/// Writes rows in the price book format (`pricing/prices.csv`), header first. Text fields
/// are neutralised against formula injection ([`crate::report::text_cell`]).
pub fn write_price_csv(rows: &[PriceRow]) -> Result<String> {
    let io_err = |e: std::io::Error| ImportError::Io {
        source_name: "price book output".to_string(),
        source: e,
    };
    let mut wtr = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    let map_csv = |e: csv::Error| ImportError::Csv {
        source_name: "price book output".to_string(),
        line: 0,
        message: e.to_string(),
    };
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
    let bytes = wtr.into_inner().map_err(|e| io_err(e.into_error()))?;
    String::from_utf8(bytes).map_err(|e| {
        io_err(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            e.to_string(),
        ))
    })
}

/// Merges imported rows into an existing book: every (Region, component, variant) the
/// import covers replaces all the existing rows of that key (tiers included); the others
/// are kept. The result is sorted like [`ImportResult::rows`].
pub fn merge_price_rows(existing: Vec<PriceRow>, imported: &[PriceRow]) -> Vec<PriceRow> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_part_checks_format() {
        assert_eq!(
            date_part("2026-11-20T19:21:32Z").as_deref(),
            Some("2026-11-20")
        );
        assert_eq!(date_part("2026-11-20").as_deref(), Some("2026-11-20"));
        assert_eq!(date_part("20261120"), None);
        assert_eq!(date_part("2026-1Ä-20T"), None);
    }

    #[test]
    fn tiers_must_cover_everything() {
        let e = |to: Option<i64>| Entry {
            tier_to: to.map(Decimal::from),
            usd: Decimal::ONE,
            usage_type: String::new(),
        };
        let mut t = BTreeMap::new();
        t.insert(Decimal::ZERO, e(Some(10)));
        t.insert(Decimal::from(10), e(None));
        assert!(check_tiers(&t).is_ok());
        t.insert(Decimal::from(20), e(None));
        assert!(check_tiers(&t).is_err());
        let mut gap = BTreeMap::new();
        gap.insert(Decimal::ZERO, e(Some(10)));
        gap.insert(Decimal::from(11), e(None));
        assert!(check_tiers(&gap).is_err());
    }
}
