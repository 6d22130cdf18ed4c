//! `traffic.csv` (written by `vpceplan import flow-logs`) read back: one row per resource ×
//! service × source, with the file, line and column of anything wrong.

use crate::error::{Error, Result};
use crate::money::parse_exact;
use rust_decimal::Decimal;

/// Where traffic comes from, as `traffic.csv` names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Source {
    /// The spoke VPC the resource is in.
    Spoke,
    /// On-premises clients.
    OnPrem,
    /// Clients in other VPCs.
    OtherVpc,
}

impl Source {
    pub fn parse(s: &str) -> Option<Source> {
        Some(match s {
            "spoke" => Source::Spoke,
            "onprem" => Source::OnPrem,
            "other-vpc" => Source::OtherVpc,
            _ => return None,
        })
    }

    pub fn id(self) -> &'static str {
        match self {
            Source::Spoke => "spoke",
            Source::OnPrem => "onprem",
            Source::OtherVpc => "other-vpc",
        }
    }
}

/// One row of `traffic.csv`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrafficRow {
    /// 1-based line in the file.
    pub line: usize,
    /// Workload service name (`s3`, `ecr.dkr`), or `internet`, `private`, `amazon`.
    pub service: String,
    pub source: Source,
    pub account: String,
    pub region: String,
    /// `nat_gateway`, `interface_endpoint`, ...
    pub resource_kind: String,
    /// The resource id (`nat-0a1`, `vpce-0ecr`).
    pub resource: String,
    pub az: String,
    /// Bytes the flow logs counted (the weight of the row in its resource's traffic).
    pub bytes: u64,
    /// The flow logs' GB per month (shown beside the bill's, for a sanity check).
    pub gb_per_month: Decimal,
}

/// Columns `plan` needs from `traffic.csv`.
pub const NEEDED: &[&str] = &[
    "service",
    "source",
    "account",
    "region",
    "resource_kind",
    "resource",
    "az",
    "bytes",
    "gb_per_month",
];

/// Read `traffic.csv` text; `file` names it in messages.
pub fn read_traffic_csv(text: &str, file: &str) -> Result<Vec<TrafficRow>> {
    let mut rdr = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers = rdr
        .headers()
        .map_err(|e| {
            Error::input(
                file,
                Some(1),
                "",
                format!("malformed CSV: {e}"),
                "give the traffic.csv that `vpceplan import flow-logs` writes",
            )
        })?
        .clone();
    let names: Vec<String> = headers
        .iter()
        .map(|h| h.trim_start_matches('\u{feff}').to_ascii_lowercase())
        .collect();
    let mut col = Vec::with_capacity(NEEDED.len());
    for n in NEEDED {
        match names.iter().position(|h| h == n) {
            Some(i) => col.push(i),
            None => {
                return Err(Error::input(
                    file,
                    Some(1),
                    *n,
                    format!(
                        "no `{n}` column: this is not a traffic.csv of `vpceplan import flow-logs`"
                    ),
                    format!(
                        "the header needs {} (run `vpceplan import flow-logs ... --out DIR` and give DIR/traffic.csv)",
                        NEEDED.join(",")
                    ),
                ));
            }
        }
    }
    let mut rows = Vec::new();
    for rec in rdr.records() {
        let rec = rec.map_err(|e| {
            let line = e.position().map(|p| p.line() as usize);
            Error::input(file, line, "", format!("malformed CSV: {e}"), "fix the row")
        })?;
        let line = rec.position().map_or(0, |p| p.line() as usize);
        let get = |k: usize| rec.get(col[k]).unwrap_or("").trim();
        let need = |k: usize| -> Result<String> {
            let v = get(k);
            if v.is_empty() {
                Err(Error::input(
                    file,
                    Some(line),
                    NEEDED[k],
                    format!("empty `{}`", NEEDED[k]),
                    "every row names its service, source, account, Region, resource kind and resource",
                ))
            } else {
                Ok(v.to_string())
            }
        };
        let service = need(0)?.to_ascii_lowercase();
        let source_text = need(1)?;
        let source = Source::parse(&source_text).ok_or_else(|| {
            Error::input(
                file,
                Some(line),
                "source",
                format!("unknown source \"{source_text}\""),
                "use spoke, onprem or other-vpc",
            )
        })?;
        let bytes_text = get(7);
        let bytes: u64 = bytes_text.parse().map_err(|_| {
            Error::input(
                file,
                Some(line),
                "bytes",
                format!("\"{bytes_text}\" is not a whole number of bytes"),
                "give the byte count the flow logs carried (0 or more)",
            )
        })?;
        let gb_text = get(8);
        let gb_per_month = parse_exact(gb_text)
            .filter(|d| !d.is_sign_negative())
            .ok_or_else(|| {
                Error::input(
                    file,
                    Some(line),
                    "gb_per_month",
                    format!("\"{gb_text}\" is not a number of GB (0 or more)"),
                    "give GB per month as a plain decimal, e.g. 12.5",
                )
            })?;
        rows.push(TrafficRow {
            line,
            service,
            source,
            account: need(2)?,
            region: need(3)?,
            resource_kind: need(4)?,
            resource: need(5)?,
            az: get(6).to_string(),
            bytes,
            gb_per_month,
        });
    }
    if rows.is_empty() {
        return Err(Error::input(
            file,
            None,
            "",
            "no traffic rows",
            "the flow logs counted nothing for the mapped ENIs; check the --enis map of `import flow-logs`",
        ));
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    const HEAD: &str = "service,source,account,region,resource_kind,resource,az,interface_id,records,bytes,gb_observed,gb_per_month\n";

    #[test]
    fn reads_rows_with_their_lines() {
        let t = format!(
            "{HEAD}s3,spoke,111,us-east-1,nat_gateway,nat-0a1,use1-az1,eni-1,2,4294967296,4,4\necr.dkr,onprem,999,us-east-1,interface_endpoint,vpce-0ecr,use1-az1,eni-3,1,6442450944,6,6.5\n"
        );
        let rows = read_traffic_csv(&t, "t.csv").unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].line, 2);
        assert_eq!(rows[0].bytes, 4_294_967_296);
        assert_eq!(rows[1].source, Source::OnPrem);
        assert_eq!(rows[1].gb_per_month, dec!(6.5));
        assert_eq!(rows[1].line, 3);
    }

    #[test]
    fn bad_input_names_file_line_and_key() {
        let e = read_traffic_csv("service,source\ns3,spoke\n", "t.csv")
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with("t.csv:1: `account`: no `account` column"),
            "{e}"
        );
        let t = format!("{HEAD}s3,spoke,111,us-east-1,nat_gateway,nat-0a1,az1,eni,1,x12,1,1\n");
        let e = read_traffic_csv(&t, "t.csv").unwrap_err().to_string();
        assert!(e.starts_with("t.csv:2: `bytes`: \"x12\""), "{e}");
        let t = format!("{HEAD}s3,cloud,111,us-east-1,nat_gateway,nat-0a1,az1,eni,1,1,1,1\n");
        let e = read_traffic_csv(&t, "t.csv").unwrap_err().to_string();
        assert!(
            e.starts_with("t.csv:2: `source`: unknown source \"cloud\""),
            "{e}"
        );
        let t = format!("{HEAD}s3,spoke,111,us-east-1,nat_gateway,nat-0a1,az1,eni,1,1,1,-1\n");
        let e = read_traffic_csv(&t, "t.csv").unwrap_err().to_string();
        assert!(e.starts_with("t.csv:2: `gb_per_month`"), "{e}");
        let t = format!("{HEAD}s3,spoke,,us-east-1,nat_gateway,nat-0a1,az1,eni,1,1,1,1\n");
        let e = read_traffic_csv(&t, "t.csv").unwrap_err().to_string();
        assert!(e.starts_with("t.csv:2: `account`: empty"), "{e}");
        let e = read_traffic_csv(HEAD, "t.csv").unwrap_err().to_string();
        assert!(e.contains("no traffic rows"), "{e}");
    }
}
