//! The collector both offer formats feed: each price dimension classified (usage type →
//! component and Region), scaled to the book's unit, and gathered into tier ladders that
//! must cover every quantity.

use super::*;

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

fn parse_decimal(source_name: &str, location: &str, field: &str, value: &str) -> Result<Decimal> {
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
            // Only the cost-export importer gives it.
            NotPriced::NotInBaseline => SkipReason::UnsupportedOperation,
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
