//! Flow-log readers: text (the default version 2 format, or any custom format with its
//! header line of field names; fields space-separated, `-` for a missing value), gzip (as
//! S3 delivers them), and Parquet. Streamed record by record into a [`Traffic`].

use std::io::BufRead;
use std::path::Path;

use parquet::arrow::ProjectionMask;
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;

use super::error::{FlowError, Result};
use super::traffic::{Record, Traffic};
use crate::bill::summary::RowPos;
use crate::import::columnar::Column;
use crate::import::columnar::fold;
use crate::import::input::{self, Input, is_truncation};

/// The fields of the default (version 2) format, in order.
pub const DEFAULT_FORMAT: [&str; 14] = [
    "version",
    "account-id",
    "interface-id",
    "srcaddr",
    "dstaddr",
    "srcport",
    "dstport",
    "protocol",
    "packets",
    "bytes",
    "start",
    "end",
    "action",
    "log-status",
];

/// Field positions.
#[derive(Clone, Debug)]
struct Fields {
    interface_id: usize,
    srcaddr: usize,
    dstaddr: usize,
    bytes: usize,
    srcport: Option<usize>,
    dstport: Option<usize>,
    start: Option<usize>,
    end: Option<usize>,
    action: Option<usize>,
    log_status: Option<usize>,
    pkt_srcaddr: Option<usize>,
    pkt_dstaddr: Option<usize>,
    pkt_src_service: Option<usize>,
    pkt_dst_service: Option<usize>,
    flow_direction: Option<usize>,
}

impl Fields {
    fn from_names<S: AsRef<str>>(names: &[S], file: &str) -> Result<Fields> {
        let folded: Vec<String> = names.iter().map(|n| fold(n.as_ref())).collect();
        let find = |n: &str| folded.iter().position(|f| f == n);
        let need = |n: &str, shown: &str| {
            find(n).ok_or_else(|| {
                FlowError::new(file, "header", format!("no `{shown}` field"))
                    .hint("flow logs need interface-id, srcaddr, dstaddr and bytes; add them to the flow log's format")
            })
        };
        Ok(Fields {
            interface_id: need("interfaceid", "interface-id")?,
            srcaddr: need("srcaddr", "srcaddr")?,
            dstaddr: need("dstaddr", "dstaddr")?,
            bytes: need("bytes", "bytes")?,
            srcport: find("srcport"),
            dstport: find("dstport"),
            start: find("start"),
            end: find("end"),
            action: find("action"),
            log_status: find("logstatus"),
            pkt_srcaddr: find("pktsrcaddr"),
            pkt_dstaddr: find("pktdstaddr"),
            pkt_src_service: find("pktsrcawsservice"),
            pkt_dst_service: find("pktdstawsservice"),
            flow_direction: find("flowdirection"),
        })
    }

    fn wanted(&self) -> Vec<usize> {
        let mut v: Vec<usize> = [
            Some(self.interface_id),
            Some(self.srcaddr),
            Some(self.dstaddr),
            Some(self.bytes),
            self.srcport,
            self.dstport,
            self.start,
            self.end,
            self.action,
            self.log_status,
            self.pkt_srcaddr,
            self.pkt_dstaddr,
            self.pkt_src_service,
            self.pkt_dst_service,
            self.flow_direction,
        ]
        .into_iter()
        .flatten()
        .collect();
        v.sort_unstable();
        v.dedup();
        v
    }
}

/// Reads one flow-log file (text, gzip text or Parquet, told by content) into `traffic`.
pub fn read_flow_log(path: &Path, traffic: &mut Traffic<'_>) -> Result<()> {
    let shown = path.display().to_string();
    let opened =
        input::open(path).map_err(|e| FlowError::new(&shown, "", format!("cannot read: {e}")))?;
    match opened {
        Input::Text { reader, gzip } => read_text(reader, gzip, &shown, traffic),
        Input::Parquet(file) => read_parquet(file, &shown, traffic),
    }
}

fn dash(s: &str) -> &str {
    if s == "-" { "" } else { s }
}

/// Reads text flow logs from `reader`.
pub fn read_text(
    mut reader: impl BufRead,
    gzip: bool,
    file: &str,
    traffic: &mut Traffic<'_>,
) -> Result<()> {
    let mut line = String::new();
    let mut n: u64 = 0;
    let mut fields: Option<Fields> = None;
    let mut width = 0;
    let mut spans: Vec<(usize, usize)> = Vec::with_capacity(32);
    loop {
        line.clear();
        let got = reader.read_line(&mut line).map_err(|e| {
            if is_truncation(&e, gzip) {
                FlowError::new(
                    file,
                    format!("after line {n}"),
                    format!("the gzip stream is truncated or damaged: {e}"),
                )
                .hint("download the file again")
            } else {
                FlowError::new(file, format!("line {}", n + 1), format!("cannot read: {e}"))
            }
        })?;
        if got == 0 {
            break;
        }
        n += 1;
        let text = line.trim_end_matches(['\n', '\r']);
        if text.trim().is_empty() {
            continue;
        }
        spans.clear();
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            let start = i;
            while i < bytes.len() && !bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            if i > start {
                spans.push((start, i));
            }
        }
        let part = |k: usize| &text[spans[k].0..spans[k].1];
        let f = match &fields {
            Some(f) => f,
            None => {
                // A header line names the fields; without one, the default format.
                let first = if spans.is_empty() { "" } else { part(0) };
                let is_header = !first.bytes().all(|b| b.is_ascii_digit());
                let f = if is_header {
                    width = spans.len();
                    let names: Vec<&str> = (0..spans.len()).map(part).collect();
                    let f = Fields::from_names(&names, file)?;
                    fields = Some(f);
                    continue;
                } else {
                    width = DEFAULT_FORMAT.len();
                    Fields::from_names(&DEFAULT_FORMAT, file)?
                };
                fields = Some(f);
                fields.as_ref().expect("just set")
            }
        };
        if spans.len() != width {
            return Err(FlowError::new(
                file,
                format!("line {n}"),
                format!(
                    "{} field(s) where the format has {width}",
                    spans.len()
                ),
            )
            .hint("every record must have the fields of the header line (or of the default version 2 format)"));
        }
        let get = |i: Option<usize>| i.map_or("", |i| dash(part(i)));
        let rec = Record {
            interface_id: get(Some(f.interface_id)),
            srcaddr: get(Some(f.srcaddr)),
            dstaddr: get(Some(f.dstaddr)),
            bytes: get(Some(f.bytes)),
            srcport: get(f.srcport),
            dstport: get(f.dstport),
            start: get(f.start),
            end: get(f.end),
            action: get(f.action),
            log_status: get(f.log_status),
            pkt_srcaddr: get(f.pkt_srcaddr),
            pkt_dstaddr: get(f.pkt_dstaddr),
            pkt_src_service: get(f.pkt_src_service),
            pkt_dst_service: get(f.pkt_dst_service),
            flow_direction: get(f.flow_direction),
        };
        traffic.add(&rec, file, RowPos::Line(n))?;
    }
    if fields.is_none() {
        return Err(
            FlowError::new(file, "", "the file holds no flow-log record")
                .hint("pass VPC flow log files (text, gzip or Parquet)"),
        );
    }
    Ok(())
}

/// Reads a Parquet flow-log file batch by batch.
pub fn read_parquet(file: std::fs::File, shown: &str, traffic: &mut Traffic<'_>) -> Result<()> {
    let perr = |e: &dyn std::fmt::Display| {
        let m = e.to_string();
        let lower = m.to_ascii_lowercase();
        if lower.contains("footer") || lower.contains("eof") || lower.contains("end of file") {
            FlowError::new(shown, "", format!("the Parquet file is truncated: {m}"))
                .hint("download the file again")
        } else {
            FlowError::new(shown, "", format!("cannot read the Parquet data: {m}"))
        }
    };
    let builder = ParquetRecordBatchReaderBuilder::try_new(file).map_err(|e| perr(&e))?;
    let names: Vec<String> = builder
        .schema()
        .fields()
        .iter()
        .map(|f| f.name().clone())
        .collect();
    let f = Fields::from_names(&names, shown)?;
    let wanted = f.wanted();
    let mask = ProjectionMask::roots(builder.parquet_schema(), wanted.iter().copied());
    let reader = builder
        .with_projection(mask)
        .with_batch_size(8192)
        .build()
        .map_err(|e| perr(&e))?;
    let at = |i: Option<usize>| i.and_then(|i| wanted.iter().position(|w| *w == i));
    let slots = [
        at(Some(f.interface_id)),
        at(Some(f.srcaddr)),
        at(Some(f.dstaddr)),
        at(Some(f.bytes)),
        at(f.srcport),
        at(f.dstport),
        at(f.start),
        at(f.end),
        at(f.action),
        at(f.log_status),
        at(f.pkt_srcaddr),
        at(f.pkt_dstaddr),
        at(f.pkt_src_service),
        at(f.pkt_dst_service),
        at(f.flow_direction),
    ];
    let mut bufs = vec![String::new(); slots.len()];
    let mut row: u64 = 0;
    for batch in reader {
        let batch = batch.map_err(|e| perr(&e))?;
        let cols: Vec<Column> = batch.columns().iter().cloned().map(Column::new).collect();
        for i in 0..batch.num_rows() {
            row += 1;
            for (b, s) in bufs.iter_mut().zip(slots.iter()) {
                b.clear();
                if let Some(s) = s {
                    cols[*s].write(i, b).map_err(|m| {
                        FlowError::new(shown, format!("row {row}, column {}", names[wanted[*s]]), m)
                    })?;
                }
            }
            let g = |k: usize| dash(bufs[k].as_str());
            let rec = Record {
                interface_id: g(0),
                srcaddr: g(1),
                dstaddr: g(2),
                bytes: g(3),
                srcport: g(4),
                dstport: g(5),
                start: g(6),
                end: g(7),
                action: g(8),
                log_status: g(9),
                pkt_srcaddr: g(10),
                pkt_dstaddr: g(11),
                pkt_src_service: g(12),
                pkt_dst_service: g(13),
                flow_direction: g(14),
            };
            traffic.add(&rec, shown, RowPos::Row(row))?;
        }
    }
    Ok(())
}
