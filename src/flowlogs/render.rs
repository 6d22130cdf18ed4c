//! `traffic.csv` and the `[workload.traffic]` TOML fragment, as bytes.

use std::fmt::Write as _;

use rust_decimal::Decimal;

use super::traffic::{Source, TrafficSummary};
use crate::money::fmt_qty;
use crate::report::{Cell, Sheet};

/// Columns of `traffic.csv`.
pub const TRAFFIC_HEADER: &[&str] = &[
    "service",
    "source",
    "account",
    "region",
    "resource_kind",
    "resource",
    "az",
    "interface_id",
    "records",
    "bytes",
    "gb_observed",
    "gb_per_month",
];

/// GB rounded to six places for reports (the scenario's smallest GB figure).
fn gb6(d: Decimal) -> Decimal {
    d.round_dp_with_strategy(6, crate::money::ROUNDING)
}

/// `traffic.csv`: one row per resource × service × source.
pub fn traffic_sheet(t: &TrafficSummary) -> Sheet {
    let factor = t.month_factor();
    let mut s = Sheet::new("traffic", TRAFFIC_HEADER);
    for r in &t.rows {
        let gb = TrafficSummary::gb(r.bytes);
        s.rows.push(vec![
            Cell::Text(r.service.clone()),
            Cell::Text(r.source.id().to_string()),
            Cell::Text(r.account.clone()),
            Cell::Text(r.region.clone()),
            Cell::Text(r.kind.id().to_string()),
            Cell::Text(r.resource.clone()),
            Cell::Text(r.az.clone()),
            Cell::Text(r.interface_id.clone()),
            Cell::Int(i64::try_from(r.records).unwrap_or(i64::MAX)),
            Cell::Int(i64::try_from(r.bytes).unwrap_or(i64::MAX)),
            Cell::Number(gb6(gb)),
            Cell::Number(gb6(gb * factor)),
        ]);
    }
    s
}

pub fn traffic_csv(t: &TrafficSummary) -> Vec<u8> {
    traffic_sheet(t).to_csv()
}

fn quote(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// Services that are not a workload's AWS service.
fn not_a_service(s: &str) -> bool {
    matches!(s, "internet" | "private")
}

/// The `[workload.traffic.<service>]` tables of the AWS services seen.
pub fn workload_fragment(t: &TrafficSummary) -> String {
    let per = t.per_service();
    let spokes = t.spokes();
    let n = spokes.len().max(1);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# Traffic from VPC flow logs ({} record(s)); GB are 2^30 bytes per month of {} h{}.",
        t.records,
        t.hours_per_month,
        match t.window {
            Some((s, e)) if e > s => format!(
                ", scaled from the logs' {} h window",
                fmt_qty((Decimal::from(e - s) / Decimal::from(3600u32)).round_dp(2))
            ),
            _ => ", as logged (the logs have no start/end times)".to_string(),
        }
    );
    let services: Vec<&String> = per.keys().filter(|s| !not_a_service(s)).collect();
    let _ = writeln!(
        out,
        "# Paste into the workload: [workload] spokes = {} (VPCs seen), services = [{}]",
        spokes.len(),
        services
            .iter()
            .map(|s| quote(s))
            .collect::<Vec<_>>()
            .join(", ")
    );
    if per.contains_key("amazon") {
        let _ = writeln!(
            out,
            "# \"amazon\": AWS addresses ip-ranges.json gives to no one service (ECR, CloudWatch, STS... share them); split it by hand."
        );
    }
    if per.contains_key("ec2") {
        let _ = writeln!(
            out,
            "# \"ec2\": EC2 instance addresses (often other companies' public services), not the EC2 API; an endpoint will not carry it."
        );
    }
    for (service, by_source) in &per {
        if not_a_service(service) {
            continue;
        }
        let _ = writeln!(out);
        let _ = writeln!(out, "[workload.traffic.{}]", quote(service));
        for (source, (gb, vpcs)) in by_source {
            match source {
                Source::Spoke => {
                    let per_spoke = gb / Decimal::from(n as u64);
                    let _ = writeln!(
                        out,
                        "gb_per_month_per_spoke = {}  # {} GB/month over {} spoke(s)",
                        quote(&fmt_qty(gb6(per_spoke))),
                        fmt_qty(gb6(*gb)),
                        n
                    );
                    if vpcs.len() != n {
                        let _ = writeln!(out, "# (seen from {} of the {} spokes)", vpcs.len(), n);
                    }
                }
                Source::OnPrem => {
                    let _ = writeln!(out, "onprem_gb_per_month = {}", quote(&fmt_qty(gb6(*gb))));
                }
                Source::OtherVpc => {
                    let _ = writeln!(
                        out,
                        "other_vpc_gb_per_month = {}",
                        quote(&fmt_qty(gb6(*gb)))
                    );
                }
            }
        }
    }
    for s in ["internet", "private"] {
        if let Some(m) = per.get(s) {
            let total: Decimal = m.values().map(|(g, _)| *g).sum();
            let _ = writeln!(
                out,
                "\n# {s}: {} GB/month (not an AWS service; not part of the workload)",
                fmt_qty(gb6(total))
            );
        }
    }
    out
}
