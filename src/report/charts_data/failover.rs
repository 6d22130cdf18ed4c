//! Failover designs: the busiest unit of each Region before and after a Region is lost,
//! against its sustained limit (`failover-<lost Region>`).

use super::load::{block_name, fmt_f};
use super::*;

/// The busiest unit of a Region (highest load as % of its sustained limit), if the Region
/// has a limited unit.
fn busiest<'a>(rows: &'a [CapacityRow], region: &str) -> Option<&'a CapacityRow> {
    rows.iter()
        .filter(|r| r.region == region && r.utilization_pct.is_finite())
        .fold(None, |best: Option<&CapacityRow>, r| match best {
            Some(b) if b.utilization_pct >= r.utilization_pct => Some(b),
            _ => Some(r),
        })
}

/// The busiest unit's load as % of its sustained limit (0 without a limited unit).
fn busiest_pct(rows: &[CapacityRow], region: &str) -> f64 {
    busiest(rows, region).map_or(0.0, |r| r.utilization_pct)
}

/// `us-east-1 1.000 Gbps per ENI of 10 (10.0 %)` for a caption.
fn busiest_words(rows: &[CapacityRow], region: &str) -> String {
    match busiest(rows, region) {
        Some(r) => format!(
            "{region} {:.3} of {} {} on {} ({:.1} %)",
            r.load,
            fmt_f(r.sustained),
            r.unit,
            block_name(r),
            r.utilization_pct
        ),
        None => format!("{region} no limited unit"),
    }
}

/// Failover charts of one design: for each Region that may be lost, every Region's
/// busiest unit before (the priced normal state) and after (the survivor carrying all the
/// traffic), as % of its sustained limit. `failed_over`: (lost Region, the survivor's
/// capacity rows), as [`crate::engine::capacity`] gives them.
pub fn failover_charts(
    normal: &Evaluation,
    regions: &[String],
    failed_over: &[(String, Vec<CapacityRow>)],
) -> Vec<PlannedChart> {
    let mut out = Vec::new();
    for (lost, rows) in failed_over {
        if normal.capacity.is_empty() && rows.is_empty() {
            continue;
        }
        let loads: Vec<RegionLoad> = regions
            .iter()
            .map(|r| RegionLoad {
                region: r.clone(),
                before: busiest_pct(&normal.capacity, r),
                after: if r == lost { 0.0 } else { busiest_pct(rows, r) },
                capacity: 100.0,
                failed: r == lost,
            })
            .collect();
        let before: Vec<String> = regions
            .iter()
            .map(|r| busiest_words(&normal.capacity, r))
            .collect();
        let after: Vec<String> = regions
            .iter()
            .filter(|r| *r != lost)
            .map(|r| busiest_words(rows, r))
            .collect();
        out.push(PlannedChart {
            dir: normal.scenario.clone(),
            stem: format!("failover-{lost}"),
            caption: format!(
                "{}: the busiest unit (ENI, NAT gateway, attachment-AZ, Resolver IP) of each Region before and after {lost} is lost, as % of its sustained limit (profile `{}`); 100 % is the sustained limit. After the failover the surviving Region carries all the traffic. Busiest unit per Region before: {}; after: {}.",
                normal.scenario,
                normal.limits,
                before.join("; "),
                after.join("; ")
            ),
            input: ChartInput::Failover(FailoverLoad {
                title: format!(
                    "{}: busiest unit per Region, before and after losing {lost}",
                    normal.scenario
                ),
                y_label: "Busiest unit (% of sustained limit)".into(),
                unit: "%".into(),
                regions: loads,
            }),
        });
    }
    out
}
