//! The price book: list prices per Region × component × variant × tier, the Regions the
//! tool knows, and the capacity-limit profiles. All three are data (CSV files under
//! `pricing/`); the default book is compiled into the binary so the tool works anywhere.

pub mod coverage;
mod date;
pub mod diff;
mod files;
pub mod ladder;
pub mod limits;
pub mod quotas;

pub use date::{DEFAULT_MAX_BOOK_AGE_DAYS, days_between, today};

pub use files::{
    PRICE_CSV_HEADER, builtin_regions, merge_rows, write_prices_csv, write_regions_csv,
};
use files::{book_err, check_ladder, parse_prices, parse_regions};
pub use ladder::{Ladder, LadderError, Tier, TierSlice, ladder_error};
pub use limits::{LIMIT_COLUMNS, LIMIT_NUMBER_COLUMNS, Limit, Limits};
pub use quotas::{QUOTA_COLUMNS, Quota, QuotaRow, Quotas, Scope};

use crate::error::{Error, Result};
use rust_decimal::Decimal;
use std::collections::BTreeMap;
use std::path::Path;

const PRICES_CSV: &str = include_str!("../../pricing/prices.csv");
const REGIONS_CSV: &str = include_str!("../../pricing/regions.csv");
const LIMITS_CSV: &str = include_str!("../../pricing/limits.csv");
const BOOK_CSV: &str = include_str!("../../pricing/book.csv");
const QUOTAS_CSV: &str = include_str!("../../pricing/quotas.csv");

/// The price book's Region of global prices: AWS bills Route 53 hosted zones and health
/// checks and Route 53 ARC clusters without a Region ([`crate::rules::Component::is_global`]).
/// It is not a Region of `regions.csv`: scenarios cannot be placed in it; blocks of global
/// kinds are booked in it whatever the scenario's Region.
pub const GLOBAL: &str = "global";

/// The variant of a row that prices every variant the book has no row of its own for
/// (e.g. `inter_region_gb` to any destination Region not listed).
pub const ANY_VARIANT: &str = "*";

/// Every component id the engine may ask the book for, in the book's order: the rule
/// table's ([`crate::rules::Component`]).
pub const COMPONENTS: &[&str] = &crate::rules::COMPONENT_IDS;

/// One row of `prices.csv`.
#[derive(Debug, Clone, PartialEq)]
pub struct PriceRow {
    pub region: String,
    pub component: String,
    pub variant: String,
    pub tier_from: Decimal,
    /// `None` is an open-ended top tier.
    pub tier_to: Option<Decimal>,
    pub unit: String,
    pub usd: Decimal,
    pub effective: String,
    pub source: String,
    pub verified: bool,
}

/// A Region the book knows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegionInfo {
    pub region: String,
    pub billing_prefix: String,
    pub name: String,
    pub az_id_prefix: String,
}

/// A loaded, validated price book.
#[derive(Debug, Clone)]
pub struct PriceBook {
    /// Where the book came from ("built-in" or a folder).
    pub origin: String,
    pub rows: Vec<PriceRow>,
    /// (region, component, variant) → its ladder (row indexes sorted by tier_from).
    ladders: BTreeMap<(String, String, String), Ladder>,
    pub regions: BTreeMap<String, RegionInfo>,
    pub limits: Limits,
    /// AWS service quotas (`quotas.csv`), with any raised values applied.
    pub quotas: Quotas,
    /// The day the book's prices were taken (`YYYY-MM-DD`), from book.csv, else the
    /// latest `effective` date of its rows.
    pub snapshot: Option<String>,
    /// Where [`PriceBook::snapshot`] comes from.
    pub snapshot_from: String,
    /// The text of the book's regions.csv and limits.csv (to write a derived book).
    pub regions_csv: String,
    pub limits_csv: String,
    /// The text of the book's quotas.csv (to write a derived book).
    pub quotas_csv: String,
    /// The book's identity: SHA-256 of its price, Region, limit and quota files (and of a
    /// `--quotas` file of raised values), whatever folder they sit in (book.csv, only a
    /// date for age warnings, changes no figure and is left out).
    pub identity: BookIdentity,
}

/// What identifies a price book: the SHA-256 of each of its files (`prices.csv`,
/// `regions.csv`, `limits.csv`, `quotas.csv`; the built-in ones where a folder has none;
/// then a `--quotas` file of raised values, if any), and one digest of them all. Two books
/// with the same digest price and count everything alike.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BookIdentity {
    /// SHA-256 of the lines `<sha256 of the file>  <name>` for the files, in the order
    /// prices.csv, regions.csv, limits.csv, quotas.csv (what `sha256sum` prints for them).
    pub sha256: String,
    /// (file name, SHA-256 of its bytes), in that order.
    pub files: Vec<(String, String)>,
}

impl BookIdentity {
    fn of(prices: &str, regions: &str, limits: &str, quotas: &str) -> BookIdentity {
        let files: Vec<(String, String)> = [
            ("prices.csv", prices),
            ("regions.csv", regions),
            ("limits.csv", limits),
            ("quotas.csv", quotas),
        ]
        .iter()
        .map(|(n, t)| (n.to_string(), crate::digest::sha256_hex(t.as_bytes())))
        .collect();
        Self::of_files(files)
    }

    fn of_files(files: Vec<(String, String)>) -> BookIdentity {
        let listing: String = files.iter().map(|(n, h)| format!("{h}  {n}\n")).collect();
        BookIdentity {
            sha256: crate::digest::sha256_hex(listing.as_bytes()),
            files,
        }
    }

    /// The identity with file `name` (its text) in place of the one of that name, or
    /// added after the others.
    fn with_file(&self, name: &str, text: &str) -> BookIdentity {
        let mut files = self.files.clone();
        let h = crate::digest::sha256_hex(text.as_bytes());
        match files.iter_mut().find(|(n, _)| n == name) {
            Some(f) => f.1 = h,
            None => files.push((name.to_string(), h)),
        }
        Self::of_files(files)
    }
}

impl PriceBook {
    /// The book compiled into the binary (the files under `pricing/` at build time).
    pub fn builtin() -> Result<PriceBook> {
        Self::from_texts(
            "built-in",
            ("pricing/prices.csv", PRICES_CSV),
            ("pricing/regions.csv", REGIONS_CSV),
            ("pricing/limits.csv", LIMITS_CSV),
        )?
        .with_book_csv("pricing/book.csv", BOOK_CSV)
    }

    /// The book with the quotas table of `text` (`quotas.csv`) in place of the built-in
    /// one.
    pub fn with_quotas(mut self, file: &str, text: &str) -> Result<PriceBook> {
        self.quotas = Quotas::parse(file, text)?;
        self.quotas_csv = text.to_string();
        self.identity = self.identity.with_file("quotas.csv", text);
        Ok(self)
    }

    /// The book with an account's raised quota values (`--quotas FILE`: `id,value` rows).
    pub fn with_quota_overrides(mut self, file: &str, text: &str) -> Result<PriceBook> {
        self.quotas = self.quotas.with_overrides(file, text)?;
        self.identity = self.identity.with_file("quota-overrides.csv", text);
        Ok(self)
    }

    /// Read the book's metadata file (`book.csv`: `key,value` rows; `snapshot` is the
    /// day the prices were taken, `YYYY-MM-DD`; other keys are informative).
    pub fn with_book_csv(mut self, file: &str, text: &str) -> Result<PriceBook> {
        let mut rdr = csv::ReaderBuilder::new()
            .trim(csv::Trim::All)
            .flexible(true)
            .from_reader(text.as_bytes());
        let headers = rdr
            .headers()
            .map_err(|e| book_err(file, 1, format!("cannot read the header: {e}")))?
            .clone();
        if headers.get(0) != Some("key") || headers.get(1) != Some("value") {
            return Err(book_err(file, 1, "the header must start with key,value"));
        }
        for (n, rec) in rdr.records().enumerate() {
            let line = n + 2;
            let r = rec.map_err(|e| book_err(file, line, format!("cannot read row: {e}")))?;
            if r.get(0) == Some("snapshot") {
                let v = r.get(1).unwrap_or("").to_string();
                if date::parse(&v).is_none() {
                    return Err(book_err(
                        file,
                        line,
                        format!("`snapshot` = `{v}` is not a date YYYY-MM-DD"),
                    ));
                }
                self.snapshot = Some(v);
                self.snapshot_from = file.to_string();
            }
        }
        Ok(self)
    }

    /// Days from the book's snapshot to `today` (`None` when the book has no date).
    pub fn age_days(&self, today: &str) -> Option<i64> {
        days_between(self.snapshot.as_deref()?, today)
    }

    /// Load a book from a folder holding `prices.csv`, and optionally `regions.csv` and
    /// `limits.csv` (the built-in ones are used where a folder lacks them).
    pub fn load_dir(dir: &Path) -> Result<PriceBook> {
        let read = |name: &str, fallback: &'static str| -> Result<(String, String)> {
            let p = dir.join(name);
            let shown = p.display().to_string();
            if p.exists() {
                let text = std::fs::read_to_string(&p).map_err(|e| Error::io(&p, e))?;
                Ok((shown, text))
            } else if fallback.is_empty() {
                Err(Error::Msg(format!(
                    "{shown}: not found\n  hint: a price-book folder needs prices.csv (see docs/pricing.md, \"Updating prices\")"
                )))
            } else {
                Ok((format!("pricing/{name} (built-in)"), fallback.to_string()))
            }
        };
        if !dir.is_dir() {
            return Err(Error::Msg(format!(
                "{}: price-book folder not found\n  hint: pass a folder holding prices.csv to --pricing",
                dir.display()
            )));
        }
        let prices = read("prices.csv", "")?;
        let regions = read("regions.csv", REGIONS_CSV)?;
        let limits = read("limits.csv", LIMITS_CSV)?;
        let quotas = read("quotas.csv", QUOTAS_CSV)?;
        let book = Self::from_texts(
            &dir.display().to_string(),
            (&prices.0, &prices.1),
            (&regions.0, &regions.1),
            (&limits.0, &limits.1),
        )?
        .with_quotas(&quotas.0, &quotas.1)?;
        let meta = dir.join("book.csv");
        if meta.exists() {
            let text = std::fs::read_to_string(&meta).map_err(|e| Error::io(&meta, e))?;
            book.with_book_csv(&meta.display().to_string(), &text)
        } else {
            Ok(book)
        }
    }

    /// Build a book from the texts of its three price files (name, content), with the
    /// built-in quotas table (see [`PriceBook::with_quotas`]).
    pub fn from_texts(
        origin: &str,
        prices: (&str, &str),
        regions: (&str, &str),
        limits: (&str, &str),
    ) -> Result<PriceBook> {
        let identity = BookIdentity::of(prices.1, regions.1, limits.1, QUOTAS_CSV);
        let quotas = Quotas::parse("pricing/quotas.csv (built-in)", QUOTAS_CSV)?;
        let regions_csv = regions.1.to_string();
        let limits_csv = limits.1.to_string();
        let regions = parse_regions(regions.0, regions.1)?;
        let rows = parse_prices(prices.0, prices.1, &regions)?;
        let limits = Limits::parse(limits.0, limits.1)?;
        // Without a book.csv, the book is as old as its newest row.
        let snapshot = rows
            .iter()
            .filter(|r| date::parse(&r.effective).is_some())
            .map(|r| r.effective.clone())
            .max();
        let mut ladders: BTreeMap<(String, String, String), Vec<usize>> = BTreeMap::new();
        for (i, r) in rows.iter().enumerate() {
            ladders
                .entry((r.region.clone(), r.component.clone(), r.variant.clone()))
                .or_default()
                .push(i);
        }
        let mut resolved = BTreeMap::new();
        for ((region, component, variant), mut idx) in ladders {
            idx.sort_by(|a, b| rows[*a].tier_from.cmp(&rows[*b].tier_from));
            check_ladder(prices.0, &region, &component, &variant, &idx, &rows)?;
            let mut ladder = Ladder::new(
                idx.iter()
                    .map(|&i| (rows[i].tier_from, rows[i].tier_to, rows[i].usd)),
            );
            ladder.rows = idx;
            resolved.insert((region, component, variant), ladder);
        }
        Ok(PriceBook {
            origin: origin.to_string(),
            rows,
            ladders: resolved,
            regions,
            limits,
            quotas,
            identity,
            snapshot,
            snapshot_from: "the latest effective date of its rows".to_string(),
            regions_csv,
            limits_csv,
            quotas_csv: QUOTAS_CSV.to_string(),
        })
    }

    /// The ladder that prices a key: its own, else the Region's `*` ladder of the
    /// component (a price for every variant without a row of its own).
    pub fn tier_ladder(&self, region: &str, component: &str, variant: &str) -> Option<&Ladder> {
        let key = |v: &str| (region.to_string(), component.to_string(), v.to_string());
        self.ladders.get(&key(variant)).or_else(|| {
            if variant.is_empty() || variant == ANY_VARIANT {
                None
            } else {
                self.ladders.get(&key(ANY_VARIANT))
            }
        })
    }

    /// Whether the book has a ladder for this key.
    pub fn has(&self, region: &str, component: &str, variant: &str) -> bool {
        self.tier_ladder(region, component, variant).is_some()
    }

    /// The rows of one ladder, lowest tier first.
    pub fn ladder(&self, region: &str, component: &str, variant: &str) -> Option<Vec<&PriceRow>> {
        self.tier_ladder(region, component, variant)
            .map(|l| l.rows.iter().map(|i| &self.rows[*i]).collect())
    }

    /// The error for a price the book lacks.
    pub fn missing(&self, region: &str, component: &str, variant: &str) -> Error {
        Error::MissingPrice {
            region: region.to_string(),
            component: component.to_string(),
            variant: variant.to_string(),
            book: self.origin.clone(),
        }
    }

    /// Price `qty` units of a component that follow `already` units billed earlier in the
    /// same month (tiers apply to the Region's monthly total, not to each block).
    ///
    /// A zero quantity needs no price. A non-zero quantity the book cannot price is an
    /// error naming the Region and the component.
    pub fn charge(
        &self,
        region: &str,
        component: &str,
        variant: &str,
        already: Decimal,
        qty: Decimal,
    ) -> Result<Vec<TierSlice>> {
        if qty.is_zero() {
            return Ok(Vec::new());
        }
        let Some(ladder) = self.tier_ladder(region, component, variant) else {
            return Err(self.missing(region, component, variant));
        };
        ladder
            .slices(already, qty)
            .map_err(|e| ladder_error(e, region, component, ladder))
    }

    /// The Regions of the book, as `region (name)` strings, for error hints.
    pub fn region_list(&self) -> String {
        self.regions.keys().cloned().collect::<Vec<_>>().join(", ")
    }

    /// Whether `region` is a Region of the book or its [`GLOBAL`] price Region (what
    /// `pricing show --region` and `pricing coverage --region` take).
    pub fn knows_region(&self, region: &str) -> bool {
        region == GLOBAL || self.regions.contains_key(region)
    }

    /// Rows flagged unverified that a set of (region, component, variant) keys use.
    pub fn unverified(
        &self,
        keys: impl IntoIterator<Item = (String, String, String)>,
    ) -> Vec<&PriceRow> {
        let mut out: Vec<&PriceRow> = Vec::new();
        for (region, component, variant) in keys {
            if let Some(l) = self.tier_ladder(&region, &component, &variant) {
                for &i in &l.rows {
                    if !self.rows[i].verified
                        && !out.iter().any(|r| std::ptr::eq(*r, &self.rows[i]))
                    {
                        out.push(&self.rows[i]);
                    }
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn book() -> PriceBook {
        PriceBook::builtin().expect("built-in book loads")
    }

    #[test]
    fn builtin_book_loads_with_us_east_1_and_global_complete() {
        let b = book();
        for c in crate::rules::Component::ALL {
            if crate::rules::UNPRICED.iter().any(|(u, _)| u == c) {
                continue;
            }
            let variant = c.sample_variant();
            let region = if c.is_global() { GLOBAL } else { "us-east-1" };
            assert!(b.has(region, c.id(), variant), "{region} lacks {}", c.id());
            // A global price has no Regional rows, and the other way round.
            let other = if c.is_global() { "us-east-1" } else { GLOBAL };
            assert!(!b.has(other, c.id(), variant), "{other} has {}", c.id());
        }
    }

    #[test]
    fn global_prices_live_under_global_only() {
        // A hosted-zone row under a Region is refused with the fix in the message.
        let e = rejected("us-east-1,hosted_zone_month,,0,,z,0.5,d,s,yes\n");
        assert!(
            e.contains("global price") && e.contains("prices.csv:2") && e.contains("`global`"),
            "{e}"
        );
        // A Regional component under `global` is refused.
        let e = rejected("global,nat_gateway_hour,,0,,h,0.045,d,s,yes\n");
        assert!(e.contains("billed per Region"), "{e}");
        // Global rows load, and are the ladder of every scenario Region's global blocks.
        let b = with_prices("global,arc_cluster_hour,,0,,cluster-hour,2.5,d,s,no\n").unwrap();
        assert!(b.has(GLOBAL, "arc_cluster_hour", ""));
        assert!(b.knows_region(GLOBAL) && b.knows_region("eu-west-1"));
        assert!(
            !b.regions.contains_key(GLOBAL),
            "global is not a scenario Region"
        );
    }

    #[test]
    fn interface_data_tiers_follow_price_list_ranges() {
        let b = book();
        // 2,000,000 GB: 1,048,576 × 0.01 + 951,424 × 0.006
        //   = 10,485.76 + 5,708.544 = 16,194.304
        let s = b
            .charge(
                "us-east-1",
                "interface_endpoint_gb",
                "",
                dec!(0),
                dec!(2000000),
            )
            .unwrap();
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].qty, dec!(1048576));
        assert_eq!(s[1].qty, dec!(951424));
        let total: Decimal = s.iter().map(|x| x.amount).sum();
        assert_eq!(total, dec!(16194.304));
    }

    #[test]
    fn tiers_continue_from_earlier_blocks() {
        let b = book();
        // 1,000,000 already billed; 100,000 more: 48,576 × 0.01 + 51,424 × 0.006
        //   = 485.76 + 308.544 = 794.304
        let s = b
            .charge(
                "us-east-1",
                "interface_endpoint_gb",
                "",
                dec!(1000000),
                dec!(100000),
            )
            .unwrap();
        let total: Decimal = s.iter().map(|x| x.amount).sum();
        assert_eq!(total, dec!(794.304));
        // top tier: 6,000,000 from zero = 10,485.76 + 4,194,304 × 0.006 + 757,120 × 0.004
        //   = 10,485.76 + 25,165.824 + 3,028.48 = 38,680.064
        let s = b
            .charge(
                "us-east-1",
                "interface_endpoint_gb",
                "",
                dec!(0),
                dec!(6000000),
            )
            .unwrap();
        assert_eq!(s.iter().map(|x| x.amount).sum::<Decimal>(), dec!(38680.064));
    }

    #[test]
    fn missing_price_names_region_and_component() {
        let b = book();
        let e = b
            .charge("af-south-1", "interface_endpoint_gb", "", dec!(0), dec!(1))
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("af-south-1") && e.contains("interface_endpoint_gb"),
            "{e}"
        );
        // a zero quantity needs no price
        assert!(
            b.charge("af-south-1", "interface_endpoint_gb", "", dec!(0), dec!(0))
                .unwrap()
                .is_empty()
        );
    }

    fn with_prices(extra: &str) -> Result<PriceBook> {
        let prices = format!(
            "region,component,variant,tier_from,tier_to,unit,usd,effective,source,verified\n{extra}"
        );
        PriceBook::from_texts(
            "test",
            ("prices.csv", &prices),
            ("regions.csv", REGIONS_CSV),
            ("limits.csv", LIMITS_CSV),
        )
    }

    /// The error a bad book gives.
    fn rejected(prices: &str) -> String {
        match with_prices(prices) {
            Ok(_) => "accepted".to_string(),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn bad_books_are_rejected() {
        let dup = "us-east-1,nat_gateway_hour,,0,,h,0.045,d,s,yes\nus-east-1,nat_gateway_hour,,0,,h,0.045,d,s,yes\n";
        assert!(rejected(dup).contains("overlapping"), "{}", rejected(dup));
        let overlap = "global,hosted_zone_month,,0,30,z,0.5,d,s,yes\nglobal,hosted_zone_month,,25,,z,0.1,d,s,yes\n";
        assert!(
            rejected(overlap).contains("overlap"),
            "{}",
            rejected(overlap)
        );
        let gap = "global,hosted_zone_month,,0,20,z,0.5,d,s,yes\nglobal,hosted_zone_month,,25,,z,0.1,d,s,yes\n";
        assert!(rejected(gap).contains("gap"), "{}", rejected(gap));
        let neg = "us-east-1,nat_gateway_hour,,0,,h,-0.045,d,s,yes\n";
        let e = with_prices(neg).unwrap_err().to_string();
        assert!(e.contains("negative") && e.contains("prices.csv:2"), "{e}");
        let nan = "us-east-1,nat_gateway_hour,,0,,h,cheap,d,s,yes\n";
        assert!(rejected(nan).contains("not a decimal"), "{}", rejected(nan));
        let region = "mars-1,nat_gateway_hour,,0,,h,1,d,s,yes\n";
        assert!(rejected(region).contains("mars-1"), "{}", rejected(region));
        let comp = "us-east-1,warp_drive,,0,,h,1,d,s,yes\n";
        assert!(rejected(comp).contains("warp_drive"), "{}", rejected(comp));
    }

    #[test]
    fn closed_top_tier_is_an_error_past_it() {
        let b = with_prices("global,hosted_zone_month,,0,25,z,0.5,d,s,yes\n").unwrap();
        assert!(
            b.charge(GLOBAL, "hosted_zone_month", "", dec!(0), dec!(25))
                .is_ok()
        );
        let e = b
            .charge(GLOBAL, "hosted_zone_month", "", dec!(0), dec!(26))
            .unwrap_err();
        assert!(e.to_string().contains("past the last tier"));
    }
}
