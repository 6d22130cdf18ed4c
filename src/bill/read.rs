//! Streaming readers: CSV (plain or gzip) row by row, Parquet batch by batch, each row
//! handed to the [`Aggregator`] and dropped. Memory stays bounded by one CSV record or one
//! Parquet batch (plus the aggregates, one per account × Region × component × resource).

use std::io::BufRead;
use std::path::{Path, PathBuf};

use parquet::arrow::ProjectionMask;
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;

use super::error::{BillError, Result};
use super::schema::{Columns, Format};
use super::summary::{Aggregator, BillSummary, ColumnNames, Row, RowPos};
use crate::import::columnar::Column;
use crate::import::columnar::fold;
use crate::import::input::{self, Input, is_truncation};

/// Parquet rows per batch.
const BATCH: usize = 8192;

/// Reads every file into one summary (one billing month across all of them).
pub fn read_exports(files: &[PathBuf]) -> Result<BillSummary> {
    if files.is_empty() {
        return Err(BillError::Empty(
            "no export file given\n  hint: pass the export's files (*.csv, *.csv.gz or *.parquet)"
                .to_string(),
        ));
    }
    crate::import::usage_type::check_regions().map_err(|e| BillError::Regions(e.to_string()))?;
    let mut agg = Aggregator::new();
    for f in files {
        read_export(f, &mut agg)?;
    }
    let summary = agg.finish();
    if summary.rows == 0 {
        return Err(BillError::Empty(format!(
            "{}: no line items in the export file(s)\n  hint: check that the files hold the month's data, not only a header",
            files
                .iter()
                .map(|f| f.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        )));
    }
    Ok(summary)
}

/// Reads one file (CSV, gzip CSV or Parquet, told by content) into `agg`.
pub fn read_export(path: &Path, agg: &mut Aggregator) -> Result<()> {
    let shown = path.display().to_string();
    let opened = input::open(path).map_err(|e| BillError::Io {
        file: shown.clone(),
        message: e.to_string(),
    })?;
    match opened {
        Input::Text { reader, gzip } => read_csv(reader, gzip, &shown, agg),
        Input::Parquet(file) => read_parquet(file, &shown, agg),
    }
}

fn names(cols: &Columns) -> ColumnNames<'_> {
    ColumnNames {
        kind: cols.name(cols.kind),
        amount: cols.name(cols.amount),
        cost: cols.name(cols.cost),
        rate: cols.rate.map_or("", |i| cols.name(i)),
        currency: cols.name(cols.currency),
        period: cols.name(cols.period),
    }
}

fn csv_err(e: csv::Error, gzip: bool, file: &str, line: u64) -> BillError {
    let line = e.position().map_or(line, |p| p.line());
    match e.into_kind() {
        csv::ErrorKind::Io(io) if is_truncation(&io, gzip) => BillError::Truncated {
            file: file.to_string(),
            detail: format!("the gzip stream stops or breaks after line {line}: {io}"),
        },
        csv::ErrorKind::Io(io) => BillError::Io {
            file: file.to_string(),
            message: io.to_string(),
        },
        other => BillError::Csv {
            file: file.to_string(),
            line,
            message: format!("{other:?}"),
        },
    }
}

/// Reads a CSV export (CUR 2.0, legacy CUR or FOCUS) from `reader`.
pub fn read_csv(reader: impl BufRead, gzip: bool, file: &str, agg: &mut Aggregator) -> Result<()> {
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(false)
        .from_reader(reader);
    let header = match rdr.byte_headers() {
        Ok(h) => h.clone(),
        Err(e) => return Err(csv_err(e, gzip, file, 1)),
    };
    if header.is_empty() || (header.len() == 1 && header[0].is_empty()) {
        return Err(BillError::NotAnExport {
            file: file.to_string(),
            detail: "the file is empty".to_string(),
        });
    }
    let header_text: Vec<String> = header
        .iter()
        .map(|h| String::from_utf8_lossy(h).into_owned())
        .collect();
    let cols = Columns::from_header(&header_text, file)?;
    agg.begin_file(file, cols.format);
    let col_names = names(&cols);
    let mut record = csv::ByteRecord::new();
    let mut line: u64 = 1;
    let mut region_buf = String::new();
    loop {
        match rdr.read_byte_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => return Err(csv_err(e, gzip, file, line + 1)),
        }
        line = record.position().map_or(line + 1, |p| p.line());
        let get = |i: Option<usize>| -> Result<&str> {
            let Some(i) = i else { return Ok("") };
            let bytes = record.get(i).unwrap_or(b"");
            std::str::from_utf8(bytes).map_err(|_| BillError::Csv {
                file: file.to_string(),
                line,
                message: format!("column `{}` is not UTF-8 text", cols.name(i)),
            })
        };
        let mut row = Row {
            kind: get(Some(cols.kind))?,
            charge_class: get(cols.charge_class)?,
            usage_type: get(Some(cols.usage_type))?,
            operation: get(cols.operation)?,
            amount: get(Some(cols.amount))?,
            cost: get(Some(cols.cost))?,
            rate: get(cols.rate)?,
            currency: get(Some(cols.currency))?,
            account: get(Some(cols.account))?,
            resource: get(cols.resource)?,
            region: get(cols.region)?,
            from_region: get(cols.from_region)?,
            to_region: get(cols.to_region)?,
            period: get(Some(cols.period))?,
            payer: get(cols.payer)?,
            unit: get(cols.unit)?,
        };
        if row.amount.is_empty() {
            row.amount = get(cols.amount_fallback)?;
        }
        if row.region.is_empty() && cols.product_map.is_some() {
            // CUR 2.0 CSV writes the `product` map as JSON text.
            region_buf.clear();
            if let Ok(serde_json::Value::Object(m)) =
                serde_json::from_str::<serde_json::Value>(get(cols.product_map)?)
            {
                for want in ["regioncode", "region"] {
                    if let Some(v) = m
                        .iter()
                        .find(|(k, _)| fold(k) == want)
                        .and_then(|(_, v)| v.as_str())
                    {
                        region_buf.push_str(v);
                        break;
                    }
                }
            }
            row.region = &region_buf;
        }
        agg.add(cols.format, &row, file, RowPos::Line(line), &col_names)?;
    }
    Ok(())
}

fn parquet_err(e: impl std::fmt::Display, file: &str) -> BillError {
    let message = e.to_string();
    let lower = message.to_ascii_lowercase();
    if lower.contains("footer")
        || lower.contains("eof")
        || lower.contains("end of file")
        || lower.contains("less than")
        || lower.contains("out of range")
    {
        BillError::Truncated {
            file: file.to_string(),
            detail: format!("the Parquet data ends early: {message}"),
        }
    } else if lower.contains("codec") || lower.contains("compression") || lower.contains("feature")
    {
        BillError::Parquet {
            file: file.to_string(),
            message: format!(
                "{message}; vpceplan reads Parquet compressed with Snappy or gzip (or not compressed)"
            ),
        }
    } else {
        BillError::Parquet {
            file: file.to_string(),
            message,
        }
    }
}

/// Reads a Parquet export, batch by batch, only the columns it needs.
pub fn read_parquet(file: std::fs::File, shown: &str, agg: &mut Aggregator) -> Result<()> {
    let builder =
        ParquetRecordBatchReaderBuilder::try_new(file).map_err(|e| parquet_err(e, shown))?;
    let header: Vec<String> = builder
        .schema()
        .fields()
        .iter()
        .map(|f| f.name().clone())
        .collect();
    let cols = Columns::from_header(&header, shown)?;
    agg.begin_file(shown, cols.format);
    let col_names = names(&cols);
    let wanted = cols.wanted();
    let mask = ProjectionMask::roots(builder.parquet_schema(), wanted.iter().copied());
    let reader = builder
        .with_projection(mask)
        .with_batch_size(BATCH)
        .build()
        .map_err(|e| parquet_err(e, shown))?;
    // Position of an original column in the projected batch.
    let at = |i: Option<usize>| i.and_then(|i| wanted.iter().position(|w| *w == i));
    let slots = [
        at(Some(cols.kind)),
        at(cols.charge_class),
        at(Some(cols.usage_type)),
        at(cols.operation),
        at(Some(cols.amount)),
        at(cols.amount_fallback),
        at(Some(cols.cost)),
        at(cols.rate),
        at(Some(cols.currency)),
        at(Some(cols.account)),
        at(cols.resource),
        at(cols.region),
        at(cols.from_region),
        at(cols.to_region),
        at(Some(cols.period)),
        at(cols.payer),
        at(cols.unit),
    ];
    let map_slot = at(cols.product_map);
    let mut bufs: Vec<String> = vec![String::new(); slots.len() + 3];
    let mut row_no: u64 = 0;
    for batch in reader {
        let batch = batch.map_err(|e| parquet_err(e, shown))?;
        let columns: Vec<Column> = batch.columns().iter().cloned().map(Column::new).collect();
        for i in 0..batch.num_rows() {
            row_no += 1;
            for (b, slot) in bufs.iter_mut().zip(slots.iter()) {
                b.clear();
                if let Some(s) = slot {
                    columns[*s].write(i, b).map_err(|m| BillError::BadValue {
                        file: shown.to_string(),
                        row: RowPos::Row(row_no).to_string(),
                        column: cols.name(wanted[*s]).to_string(),
                        message: m,
                    })?;
                }
            }
            let n = slots.len();
            for b in &mut bufs[n..] {
                b.clear();
            }
            if let Some(m) = map_slot {
                let map_err = |msg: String| BillError::BadValue {
                    file: shown.to_string(),
                    row: RowPos::Row(row_no).to_string(),
                    column: "product".to_string(),
                    message: msg,
                };
                if bufs[11].is_empty() {
                    let (head, tail) = bufs.split_at_mut(n);
                    let _ = head;
                    columns[m]
                        .write_map_value(i, &["regioncode", "region"], &mut tail[0])
                        .map_err(map_err)?;
                }
                if bufs[12].is_empty() {
                    let (_, tail) = bufs.split_at_mut(n);
                    columns[m]
                        .write_map_value(i, &["fromregioncode"], &mut tail[1])
                        .map_err(map_err)?;
                }
                if bufs[13].is_empty() {
                    let (_, tail) = bufs.split_at_mut(n);
                    columns[m]
                        .write_map_value(i, &["toregioncode"], &mut tail[2])
                        .map_err(map_err)?;
                }
            }
            let pick = |main: usize, extra: usize| -> &str {
                if bufs[main].is_empty() {
                    &bufs[extra]
                } else {
                    &bufs[main]
                }
            };
            let row = Row {
                kind: &bufs[0],
                charge_class: &bufs[1],
                usage_type: &bufs[2],
                operation: &bufs[3],
                amount: if bufs[4].is_empty() {
                    &bufs[5]
                } else {
                    &bufs[4]
                },
                cost: &bufs[6],
                rate: &bufs[7],
                currency: &bufs[8],
                account: &bufs[9],
                resource: &bufs[10],
                region: pick(11, n),
                from_region: pick(12, n + 1),
                to_region: pick(13, n + 2),
                period: &bufs[14],
                payer: &bufs[15],
                unit: &bufs[16],
            };
            agg.add(cols.format, &row, shown, RowPos::Row(row_no), &col_names)?;
        }
    }
    Ok(())
}

/// Which format a file is, for messages (reads only its header or footer).
pub fn sniff_format(path: &Path) -> Result<Format> {
    let shown = path.display().to_string();
    let io = |e: std::io::Error| BillError::Io {
        file: shown.clone(),
        message: e.to_string(),
    };
    match input::open(path).map_err(io)? {
        Input::Text { reader, gzip } => {
            let mut rdr = csv::ReaderBuilder::new().from_reader(reader);
            let h = rdr.headers().map_err(|e| csv_err(e, gzip, &shown, 1))?;
            let names: Vec<String> = h.iter().map(str::to_string).collect();
            Ok(Columns::from_header(&names, &shown)?.format)
        }
        Input::Parquet(f) => {
            let b =
                ParquetRecordBatchReaderBuilder::try_new(f).map_err(|e| parquet_err(e, &shown))?;
            let names: Vec<String> = b
                .schema()
                .fields()
                .iter()
                .map(|f| f.name().clone())
                .collect();
            Ok(Columns::from_header(&names, &shown)?.format)
        }
    }
}
