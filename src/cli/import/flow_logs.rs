//! `vpceplan import flow-logs FILE... --enis MAP [--ip-ranges FILE] [--out DIR]`: VPC flow
//! logs into GB per month per AWS service and source (`traffic.csv`) and the
//! `[workload.traffic]` tables of a workload (`workload-traffic.toml`).

use std::path::PathBuf;

use crate::cli::{Env, Exit};
use crate::error::{Error, Result};
use crate::flowlogs::{self, EniMap, IpRanges, Traffic, net::Cidr, render};
use crate::output::write_atomic;

/// Arguments of `vpceplan import flow-logs`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Flow-log files: text (default format, or a custom format with its header line),
    /// gzip text, or Parquet; told by content.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// ENI map (CSV: interface_id,kind,resource,account,region[,az,service,vpc,vpc_cidr]).
    #[arg(long, value_name = "FILE")]
    pub enis: PathBuf,
    /// AWS ip-ranges.json, to tell the service of an address where the logs lack the
    /// version 5 pkt-*-aws-service fields. Never downloaded: give a local copy.
    #[arg(long, value_name = "FILE")]
    pub ip_ranges: Option<PathBuf>,
    /// On-premises CIDRs, comma-separated (clients there count as on-premises traffic).
    #[arg(long, value_name = "CIDRS", value_delimiter = ',')]
    pub onprem: Vec<String>,
    /// Hours in the month the GB are scaled to (from the logs' time window).
    #[arg(long, value_name = "H", default_value_t = 730)]
    pub hours_per_month: u32,
    /// Folder for traffic.csv and workload-traffic.toml.
    #[arg(long, value_name = "DIR", default_value = "reports/flow-logs")]
    pub out: PathBuf,
}

/// `vpceplan import flow-logs`.
pub fn run(env: &Env, args: &Args) -> Result<Exit> {
    let flow = |e: flowlogs::FlowError| Error::Msg(e.to_string());
    let enis_text = crate::error::read_text_file(&args.enis)?;
    let enis = EniMap::from_csv(&enis_text, &args.enis.display().to_string()).map_err(flow)?;
    let ranges = match &args.ip_ranges {
        Some(p) => {
            let text = crate::error::read_text_file(p)?;
            Some(IpRanges::from_json(&text, &p.display().to_string()).map_err(flow)?)
        }
        None => None,
    };
    let mut onprem = Vec::new();
    for c in &args.onprem {
        onprem.push(Cidr::parse(c).ok_or_else(|| {
            Error::Msg(format!(
                "--onprem: \"{c}\" is not a CIDR\n  hint: write --onprem 10.100.0.0/16,192.168.0.0/16"
            ))
        })?);
    }
    if !(1..=744).contains(&args.hours_per_month) {
        return Err(Error::Msg(
            "--hours-per-month must be between 1 and 744".to_string(),
        ));
    }
    let mut traffic = Traffic::new(&enis, ranges.as_ref(), &onprem);
    for f in &args.files {
        flowlogs::read_flow_log(f, &mut traffic).map_err(flow)?;
    }
    let t = traffic.finish(args.hours_per_month);
    let csv_path = args.out.join("traffic.csv");
    let toml_path = args.out.join("workload-traffic.toml");
    write_atomic(&csv_path, &render::traffic_csv(&t))?;
    write_atomic(&toml_path, render::workload_fragment(&t).as_bytes())?;
    out!(
        "{} file(s): {} record(s); counted {}; left out: {} of unmapped ENIs, {} rejected, {} without data, {} NAT inside legs",
        args.files.len(),
        crate::money::grouped(t.records),
        crate::money::grouped(t.rows.iter().map(|r| r.records).sum()),
        crate::money::grouped(t.skipped.unmapped),
        crate::money::grouped(t.skipped.rejected),
        crate::money::grouped(t.skipped.no_data),
        crate::money::grouped(t.skipped.inside_leg),
    );
    for (service, by_source) in t.per_service() {
        for (source, (gb, _)) in by_source {
            out!(
                "  {service:<20} {:<9} {} GB/month",
                source.id(),
                crate::money::fmt_qty(gb.round_dp(3))
            );
        }
    }
    if ranges.is_none() {
        env.warn("no --ip-ranges file: public addresses without a logged pkt-*-aws-service count as `internet`");
    }
    out!("wrote {}, {}", csv_path.display(), toml_path.display());
    Ok(0)
}
