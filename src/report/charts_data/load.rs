//! Per-AZ load of each block against its limits, all AZs up and one AZ lost, one chart
//! per kind of limited unit (`load-<limit>`).

use super::*;

/// How a kind of limited unit is named on its load chart: (title part, y-axis label).
fn unit_words(limit: &str, unit: &str) -> (String, String) {
    let (what, per) = match limit {
        "interface_endpoint_eni" => ("load per interface endpoint ENI", "Load per ENI"),
        "gwlb_endpoint" => ("load per GWLB endpoint", "Load per endpoint"),
        "nat_gateway" => ("load per NAT gateway", "Load per NAT gateway"),
        "tgw_attachment_az" => ("load per TGW attachment and AZ", "Load per attachment-AZ"),
        "resolver_ip" => ("queries per Resolver IP", "Queries per IP"),
        _ => ("load per unit", "Load per unit"),
    };
    (what.to_string(), format!("{per} ({unit})"))
}

/// A block's name on a chart: its label (`s3 (20 spokes)`), or its id when it has none.
pub(super) fn block_name(r: &CapacityRow) -> String {
    match r.resource.strip_prefix(&r.block).map(str::trim) {
        Some(label) if !label.is_empty() => label.to_string(),
        _ => r.resource.clone(),
    }
}

/// The AZ a block loses in the engine's AZ-loss case: the one holding the most of its
/// units (the first of them on a tie).
fn lost_az(rows: &[&CapacityRow]) -> usize {
    let mut best = 0;
    for (i, r) in rows.iter().enumerate() {
        if r.units > rows[best].units {
            best = i;
        }
    }
    best
}

/// Per-AZ load charts of one evaluation, one per kind of limited unit, with the limits of
/// the scenario's profile as the capacity rows carry them. A kind whose every load is
/// zero gets no chart.
pub fn load_charts(e: &Evaluation) -> Vec<PlannedChart> {
    let (name, profile, capacity, dir) = (&e.scenario, &e.limits, &e.capacity, &e.scenario);
    let mut limits: Vec<&str> = Vec::new();
    for r in capacity {
        if !limits.contains(&r.limit.as_str()) {
            limits.push(&r.limit);
        }
    }
    let mut out = Vec::new();
    for limit in limits {
        let rows: Vec<&CapacityRow> = capacity.iter().filter(|r| r.limit == limit).collect();
        let mut blocks: Vec<&str> = Vec::new();
        for r in &rows {
            if !blocks.contains(&r.resource.as_str()) {
                blocks.push(&r.resource);
            }
        }
        let resources: Vec<ResourceLoad> = blocks
            .iter()
            .map(|b| {
                let azs: Vec<&CapacityRow> =
                    rows.iter().copied().filter(|r| r.resource == *b).collect();
                let lost = lost_az(&azs);
                let units: Vec<u64> = azs.iter().map(|r| r.units).collect();
                let per_az = if units.iter().all(|u| *u == units[0]) && units[0] > 1 {
                    format!(": {} per AZ", units[0])
                } else {
                    String::new()
                };
                ResourceLoad {
                    name: format!("{}{per_az}", block_name(azs[0])),
                    azs: azs
                        .iter()
                        .enumerate()
                        .map(|(i, r)| AzLoad {
                            az: r.az.clone(),
                            normal_gbps: r.load,
                            az_lost_gbps: if i == lost { None } else { r.az_loss_load },
                        })
                        .collect(),
                }
            })
            .collect();
        // Nothing to see on a chart where every load is zero (the tables say so).
        let idle = rows
            .iter()
            .all(|r| r.load == 0.0 && r.az_loss_load.is_none_or(|l| l == 0.0));
        if idle {
            continue;
        }
        let first = rows[0];
        let (what, y_label) = unit_words(limit, &first.unit);
        out.push(PlannedChart {
            dir: dir.to_string(),
            stem: format!("load-{limit}"),
            caption: format!(
                "{} per AZ of each block of {name}, with all AZs up and with one AZ lost (each block loses the AZ holding most of its units; the survivors carry its whole load). Dashed lines: the limits of profile `{profile}`, {} {} sustained and {} {} burst; bars above a limit are red.",
                capitalise(&what),
                fmt_f(first.sustained),
                first.unit,
                fmt_f(first.burst),
                first.unit
            ),
            input: ChartInput::Load(EniLoad {
                title: format!("{name}: {what}"),
                y_label,
                sustained_limit_gbps: first.sustained,
                burst_limit_gbps: first.burst,
                resources,
                unit: first.unit.clone(),
            }),
        });
    }
    out
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// A limit or load for text: shortest form that reads back the same.
pub(super) fn fmt_f(v: f64) -> String {
    format!("{v}")
}
