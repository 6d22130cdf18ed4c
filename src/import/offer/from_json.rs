//! Streaming reader for AWS Price List bulk offers in JSON form.
//!
//! The offer is read with `serde_json`'s streaming deserializer and `DeserializeSeed`
//! visitors over the `products` and `terms` maps, so that nothing but the needed product
//! attributes of relevant products (SKU -> usage type, operation, Region codes) is kept.
//! OnDemand price dimensions are handed to the shared collector as they stream past; other
//! term types are only counted.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::io::{BufReader, Read};

use serde::Deserialize;
use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, Visitor};

use super::super::error::{ImportError, Result};
use super::super::usage_type::Recognized;
use super::{Collector, ImportResult, OfferMeta, ProductAttrs, SkipReason};

#[derive(Deserialize, Default)]
#[serde(default)]
struct RawAttributes {
    usagetype: Option<String>,
    operation: Option<String>,
    #[serde(rename = "regionCode")]
    region_code: Option<String>,
    #[serde(rename = "fromRegionCode")]
    from_region_code: Option<String>,
    #[serde(rename = "toRegionCode")]
    to_region_code: Option<String>,
    #[serde(rename = "locationType")]
    location_type: Option<String>,
}

#[derive(Deserialize)]
struct RawProduct {
    #[serde(default)]
    attributes: RawAttributes,
}

#[derive(Deserialize)]
struct RawDimension {
    #[serde(default)]
    unit: String,
    #[serde(rename = "beginRange", default)]
    begin_range: String,
    #[serde(rename = "endRange", default)]
    end_range: String,
    #[serde(rename = "pricePerUnit", default)]
    price_per_unit: BTreeMap<String, String>,
}

#[derive(Deserialize)]
struct RawTerm {
    #[serde(rename = "priceDimensions", default)]
    price_dimensions: BTreeMap<String, RawDimension>,
}

/// A price dimension read before its product (terms before products).
struct Buffered {
    sku: String,
    location: String,
    dim: RawDimension,
}

struct State {
    source_name: String,
    collector: Collector,
    meta: OfferMeta,
    products: HashMap<String, (ProductAttrs, Recognized)>,
    products_done: bool,
    saw_terms: bool,
    buffered: Vec<Buffered>,
    error: Option<ImportError>,
}

impl State {
    fn add(&mut self, sku: &str, location: &str, dim: &RawDimension) -> Result<()> {
        let Some((attrs, rec)) = self.products.get(sku) else {
            // Not a product vpceplan prices (already counted when the product was read).
            return Ok(());
        };
        let usd = dim.price_per_unit.get("USD").map(String::as_str);
        let currency = dim
            .price_per_unit
            .keys()
            .cloned()
            .collect::<Vec<_>>()
            .join("/");
        self.collector.add_dimension(
            attrs,
            rec,
            &dim.unit,
            &dim.begin_range,
            &dim.end_range,
            usd,
            &currency,
            location,
        )
    }

    fn fail<E: de::Error>(&mut self, err: ImportError) -> E {
        self.error = Some(err);
        E::custom("import stopped")
    }
}

struct OfferSeed<'s>(&'s mut State);

impl<'de> DeserializeSeed<'de> for OfferSeed<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> std::result::Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for OfferSeed<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an AWS Price List offer object")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> std::result::Result<(), A::Error> {
        let state = self.0;
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "offerCode" => state.meta.offer_code = map.next_value::<Option<String>>()?,
                "version" => state.meta.version = map.next_value::<Option<String>>()?,
                "publicationDate" => {
                    state.meta.publication_date = map.next_value::<Option<String>>()?
                }
                "products" => {
                    map.next_value_seed(ProductsSeed(&mut *state))?;
                    state.products_done = true;
                }
                "terms" => {
                    map.next_value_seed(TermsSeed(&mut *state))?;
                    state.saw_terms = true;
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(())
    }
}

struct ProductsSeed<'s>(&'s mut State);

impl<'de> DeserializeSeed<'de> for ProductsSeed<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> std::result::Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for ProductsSeed<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("the offer's products: a map from SKU to product")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> std::result::Result<(), A::Error> {
        let state = self.0;
        while let Some(sku) = map.next_key::<String>()? {
            let product: RawProduct = map.next_value()?;
            let a = product.attributes;
            let Some(usage_type) = a.usagetype else {
                state.collector.skipped.add(
                    SkipReason::UnknownUsageType,
                    format!("(no usagetype) {sku}"),
                );
                continue;
            };
            let attrs = ProductAttrs {
                usage_type,
                operation: a.operation.unwrap_or_default(),
                region_code: a.region_code.unwrap_or_default(),
                from_region_code: a.from_region_code.unwrap_or_default(),
                to_region_code: a.to_region_code.unwrap_or_default(),
                location_type: a.location_type.unwrap_or_default(),
            };
            if let Some(rec) = state.collector.observe_product(&attrs) {
                state.products.insert(sku, (attrs, rec));
            }
        }
        Ok(())
    }
}

struct TermsSeed<'s>(&'s mut State);

impl<'de> DeserializeSeed<'de> for TermsSeed<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> std::result::Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for TermsSeed<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("the offer's terms: a map from term type to terms")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> std::result::Result<(), A::Error> {
        let state = self.0;
        while let Some(term_type) = map.next_key::<String>()? {
            if term_type == "OnDemand" {
                map.next_value_seed(OnDemandSeed(&mut *state))?;
            } else {
                let skus = map.next_value_seed(CountKeys)?;
                if skus > 0 {
                    state.collector.skipped.add_n(
                        SkipReason::NotOnDemand,
                        skus,
                        format!("{term_type} terms"),
                    );
                }
            }
        }
        Ok(())
    }
}

/// Counts the keys of a map, ignoring the values.
struct CountKeys;

impl<'de> DeserializeSeed<'de> for CountKeys {
    type Value = u64;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> std::result::Result<u64, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for CountKeys {
    type Value = u64;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a map of terms by SKU")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> std::result::Result<u64, A::Error> {
        let mut n = 0;
        while map.next_key::<IgnoredAny>()?.is_some() {
            map.next_value::<IgnoredAny>()?;
            n += 1;
        }
        Ok(n)
    }
}

struct OnDemandSeed<'s>(&'s mut State);

impl<'de> DeserializeSeed<'de> for OnDemandSeed<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> std::result::Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for OnDemandSeed<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("OnDemand terms: a map from SKU to terms")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> std::result::Result<(), A::Error> {
        let state = self.0;
        while let Some(sku) = map.next_key::<String>()? {
            map.next_value_seed(SkuTermsSeed {
                state: &mut *state,
                sku: &sku,
            })?;
        }
        Ok(())
    }
}

struct SkuTermsSeed<'s> {
    state: &'s mut State,
    sku: &'s str,
}

impl<'de> DeserializeSeed<'de> for SkuTermsSeed<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> std::result::Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for SkuTermsSeed<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("the terms of one SKU: a map from offer term code to term")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> std::result::Result<(), A::Error> {
        let state = self.state;
        let sku = self.sku;
        while let Some(term_code) = map.next_key::<String>()? {
            let term: RawTerm = map.next_value()?;
            // Skip the work for SKUs that map to nothing, once products are known.
            if state.products_done && !state.products.contains_key(sku) {
                continue;
            }
            for (rate_code, dim) in term.price_dimensions {
                let location = format!(
                    "JSON path terms.OnDemand.{sku}.{term_code}.priceDimensions.{rate_code}"
                );
                if state.products_done {
                    if let Err(e) = state.add(sku, &location, &dim) {
                        return Err(state.fail(e));
                    }
                } else {
                    state.buffered.push(Buffered {
                        sku: sku.to_string(),
                        location,
                        dim,
                    });
                }
            }
        }
        Ok(())
    }
}

fn json_error(source_name: &str, e: serde_json::Error) -> ImportError {
    if e.is_io() {
        let kind = e.io_error_kind().unwrap_or(std::io::ErrorKind::Other);
        return ImportError::Io {
            source_name: source_name.to_string(),
            source: std::io::Error::new(kind, e.to_string()),
        };
    }
    let text = e.to_string();
    let message = text
        .rsplit_once(" at line ")
        .map_or(text.as_str(), |(m, _)| m)
        .to_string();
    ImportError::Json {
        source_name: source_name.to_string(),
        line: e.line(),
        column: e.column(),
        message,
    }
}

pub(crate) fn import(reader: impl Read, source_name: &str) -> Result<ImportResult> {
    let mut state = State {
        source_name: source_name.to_string(),
        collector: Collector::new(source_name),
        meta: OfferMeta::default(),
        products: HashMap::new(),
        products_done: false,
        saw_terms: false,
        buffered: Vec::new(),
        error: None,
    };
    let mut de = serde_json::Deserializer::from_reader(BufReader::new(reader));
    let outcome = OfferSeed(&mut state)
        .deserialize(&mut de)
        .and_then(|()| de.end());
    if let Err(e) = outcome {
        return Err(match state.error.take() {
            Some(err) => err,
            None => json_error(source_name, e),
        });
    }
    let missing = |field| ImportError::MissingMetadata {
        source_name: state.source_name.clone(),
        field,
    };
    if !state.products_done {
        return Err(missing("products"));
    }
    if !state.saw_terms {
        return Err(missing("terms"));
    }
    for b in std::mem::take(&mut state.buffered) {
        state.add(&b.sku, &b.location, &b.dim)?;
    }
    state.collector.finish(state.meta)
}
