//! AWS Price List bulk offer import (CSV and JSON) into price-book rows: what an import
//! returns (rows, what was skipped and why) here; the collector both formats feed
//! ([`collector`]: usage type → component, Region, tiers); the CSV reader ([`from_csv`]);
//! the streaming JSON reader ([`from_json`]).
//!
//! The offer files are streamed: the CSV row by row, the JSON through a streaming
//! deserializer ([`from_json`]). Only the price dimensions that map to a vpceplan
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

use super::error::{ImportError, Result};
use super::usage_type::{
    Base, Classified, Component, NotPriced, Recognized, Scope, UnitKind, UsageAttrs, check_regions,
    classify, recognize, region_for_prefix,
};

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

mod collector;
mod from_csv;
mod from_json;

pub(crate) use collector::{Collector, OfferMeta, ProductAttrs};
pub use from_csv::import_offer_csv;

/// Imports an AWS Price List bulk offer in JSON form without holding the file in memory.
///
/// Products keep only the attributes needed (usage type, operation, Region codes); OnDemand
/// terms are processed as they stream. Products normally come before terms; if terms come
/// first, their price dimensions are buffered in compact form until the products are read.
pub fn import_offer_json(reader: impl Read, source_name: &str) -> Result<ImportResult> {
    check_regions().map_err(|e| ImportError::Regions(e.to_string()))?;
    from_json::import(reader, source_name)
}
