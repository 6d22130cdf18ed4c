//! AWS Price List offers in CSV form, streamed row by row (columns found by name).

use super::*;

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
    check_regions().map_err(|e| ImportError::Regions(e.to_string()))?;
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
