//! Renderers for `vpceplan compare`: the side-by-side table, `compare.csv` and
//! `breakeven.csv`. Comparisons in, bytes out.

use super::{Table, csv_bytes};
use crate::designs::breakeven::{BreakEven, Cheaper, Crossing};
use crate::designs::compare::{Assessed, Comparison, FailoverMonth, az_loss_label, units_needed};
use crate::money::{fine, fmt_cents, fmt_fine, fmt_qty};
use crate::text::text_cell;
use rust_decimal::Decimal;

/// The `quotas` cell: ok, increase needed, impossible; `-` when not counted.
fn quotas_cell(a: &Assessed) -> String {
    a.quota_standing()
        .map(|s| s.as_str().to_string())
        .unwrap_or_else(|| "-".into())
}

/// The quota increases a design needs, one per quota: `quota: need N, default D (where)`.
pub fn quota_increases(a: &Assessed) -> Vec<String> {
    a.quotas
        .iter()
        .flat_map(|q| q.increases())
        .map(|c| c.words())
        .collect()
}

fn valid_cell(a: &Assessed) -> String {
    match (&a.plan.invalid, &a.eval) {
        (Some(_), _) => "INVALID".into(),
        (None, Some(Err(_))) => "ERROR".into(),
        _ => "yes".into(),
    }
}

fn name_of<'a>(c: Cheaper, a: &'a str, b: &'a str) -> &'a str {
    match c {
        Cheaper::A => a,
        Cheaper::B => b,
        Cheaper::Equal => "neither",
    }
}

/// A traffic crossing in GB per month: the root times the workload's volume.
fn traffic_at(c: &Crossing, gb: Decimal) -> Decimal {
    c.num
        .checked_mul(gb)
        .and_then(|n| n.checked_div(c.den))
        .or_else(|| c.at.checked_mul(gb))
        .unwrap_or(Decimal::MAX)
}

/// The first whole spoke count above a crossing.
fn first_whole_above(at: Decimal) -> Decimal {
    at.floor() + Decimal::ONE
}

/// A traffic break-even in words.
pub fn traffic_words(b: &BreakEven, a: &str, bn: &str, gb: Decimal) -> String {
    if b.crossings.is_empty() {
        return never(b, a, bn);
    }
    b.crossings
        .iter()
        .map(|c| {
            format!(
                "{} GB/month ({} cheaper above)",
                fmt_qty(fine(traffic_at(c, gb))),
                name_of(c.after, a, bn)
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// A spoke-count break-even in words.
pub fn spokes_words(b: &BreakEven, a: &str, bn: &str) -> String {
    let words = if b.crossings.is_empty() {
        never(b, a, bn)
    } else {
        b.crossings
            .iter()
            .map(|c| {
                format!(
                    "{} spokes ({} cheaper from {})",
                    fmt_qty(fine(c.at)),
                    name_of(c.after, a, bn),
                    first_whole_above(c.at)
                )
            })
            .collect::<Vec<_>>()
            .join("; ")
    };
    match b.split_at {
        Some(x) => format!("{words}; {}", split_note(x)),
        None => words,
    }
}

/// Where a spoke break-even stops holding: a design splits its hub there.
fn split_note(x: Decimal) -> String {
    format!(
        "searched below {x} spokes: from {x} a centralized hub splits to stay within AWS quotas",
        x = fmt_qty(x)
    )
}

fn never(b: &BreakEven, a: &str, bn: &str) -> String {
    match b.at_lo {
        Cheaper::Equal => "never (equal throughout)".into(),
        c => format!("never ({} cheaper throughout)", name_of(c, a, bn)),
    }
}

fn plural(n: u64, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// A failover design's month with the provider's Region lost, in words (`None` when the
/// design has no such month).
pub fn failover_month_words(a: &Assessed) -> Option<String> {
    let normal = a.ok().map(|e| e.monthly);
    match &a.failover_month {
        FailoverMonth::None => None,
        FailoverMonth::NoPath { lost, reason } => Some(format!(
            "failover month: {}: the provider's {lost} lost: down: {reason}",
            a.plan.design
        )),
        FailoverMonth::Error { lost, message } => Some(format!(
            "failover month: {}: the provider's {lost} lost: error: {}",
            a.plan.design,
            message.replace('\n', " ")
        )),
        FailoverMonth::Priced {
            lost,
            eval,
            transfer_gb,
        } => {
            let delta = normal.map(|n| eval.monthly - n).unwrap_or_default();
            Some(format!(
                "failover month: {}: the provider's {lost} lost, every resource still billed: {} a month ({}{} against the normal month; {} GB inter-Region), status {}",
                a.plan.design,
                fmt_cents(eval.monthly),
                if delta.is_sign_negative() { "" } else { "+" },
                fmt_cents(delta),
                fmt_qty(*transfer_gb),
                eval.status
            ))
        }
    }
}

/// The comparison table of one workload, as text.
pub fn compare_table(c: &Comparison) -> String {
    let mut out = String::new();
    out.push_str(&format!("== {} ({})\n", c.scenario, c.file));
    out.push_str(&format!(
        "   {} · {} × {} AZs · {} · {} GB/month (1 GB = 2^30 bytes; {} h/month)\n",
        c.region,
        plural(c.spokes, "spoke", "spokes"),
        c.azs,
        plural(c.services as u64, "service", "services"),
        fmt_qty(c.traffic_gb),
        c.hours_per_month
    ));
    let mut t = Table::new(
        &[
            "design",
            "valid",
            "quotas",
            "monthly_usd",
            "hourly_usd",
            "usd_per_gb",
            "endpoint_hours",
            "worst_headroom_%",
            "survives_az_loss",
            "survives_region_loss",
            "blast_radius",
            "least_privilege",
        ],
        &[3, 4, 5, 6, 7],
    );
    for a in &c.designs {
        let e = a.ok();
        t.rows.push(vec![
            a.plan.design.clone(),
            valid_cell(a),
            quotas_cell(a),
            e.map(|e| fmt_cents(e.monthly))
                .unwrap_or_else(|| "-".into()),
            e.map(|e| fmt_fine(e.hourly)).unwrap_or_else(|| "-".into()),
            a.usd_per_gb().map(fmt_fine).unwrap_or_else(|| "-".into()),
            e.map(|e| fmt_qty(e.endpoint_hours))
                .unwrap_or_else(|| "-".into()),
            e.and_then(|e| e.min_headroom_pct)
                .map(|h| format!("{h:.1}"))
                .unwrap_or_else(|| "-".into()),
            e.map(|e| az_loss_label(e.az_loss_status).to_string())
                .unwrap_or_else(|| "-".into()),
            if e.is_some() {
                a.region_loss.label()
            } else {
                "-".into()
            },
            a.plan.flags.blast_radius.to_string(),
            a.plan.flags.least_privilege.to_string(),
        ]);
    }
    out.push_str(&t.render());
    for a in &c.designs {
        if let Some(r) = &a.plan.invalid {
            out.push_str(&format!("invalid: {}: {r} (not priced)\n", a.plan.design));
        }
        if let Some(Err(m)) = &a.eval {
            out.push_str(&format!(
                "error: {}: {}\n",
                a.plan.design,
                m.replace('\n', " ")
            ));
        }
        if let crate::designs::compare::RegionLossOutcome::Error(m) = &a.region_loss {
            out.push_str(&format!(
                "error: {} (failed-over state): {}\n",
                a.plan.design,
                m.replace('\n', " ")
            ));
        }
    }
    for a in &c.designs {
        if let Some(line) = failover_month_words(a) {
            out.push_str(&line);
            out.push('\n');
        }
    }
    let mut acc = Table::new(
        &[
            "design",
            "account",
            "accounts",
            "monthly_usd",
            "hourly_usd",
            "monthly_usd_each",
            "unblended_usd",
        ],
        &[2, 3, 4, 5, 6],
    );
    let mut billing = None;
    for a in &c.designs {
        if let Some(e) = a.ok().filter(|e| super::shows_accounts(e)) {
            billing = Some(e.billing);
            for x in &e.accounts {
                acc.rows.push(vec![
                    a.plan.design.clone(),
                    x.id.clone(),
                    x.copies.to_string(),
                    fmt_cents(x.monthly),
                    fmt_fine(x.hourly),
                    fmt_cents(x.each()),
                    fmt_cents(x.unblended),
                ]);
            }
        }
    }
    if let Some(b) = billing {
        out.push_str(&format!(
            "accounts ({} billing; monthly is the blended cost, AWS's split of tiered usage):\n",
            b.as_str()
        ));
        out.push_str(&acc.render());
    }
    let mut inc = Table::new(
        &["design", "quota", "need", "quota_value", "where"],
        &[2, 3],
    );
    for a in &c.designs {
        for q in a.quotas.iter().flat_map(|q| q.increases()) {
            inc.rows.push(vec![
                a.plan.design.clone(),
                q.description.clone(),
                crate::quotas::thousands(q.need),
                if q.value == q.default {
                    format!("{} (default)", crate::quotas::thousands(q.value))
                } else {
                    format!(
                        "{} (default {})",
                        crate::quotas::thousands(q.value),
                        crate::quotas::thousands(q.default)
                    )
                },
                q.scope.clone(),
            ]);
        }
    }
    if !inc.rows.is_empty() {
        out.push_str("quota increases needed (adjustable AWS service quotas the design passes; request them before building):\n");
        out.push_str(&inc.render());
    }
    let mut short = Table::new(
        &[
            "design",
            "resource",
            "have",
            "load",
            "needs_at_sustained",
            "needs_within_burst",
        ],
        &[3],
    );
    for a in &c.designs {
        if let Some(e) = a.ok() {
            for u in units_needed(e) {
                if u.short() {
                    short.rows.push(vec![
                        a.plan.design.clone(),
                        u.resource.clone(),
                        u.have_words(),
                        format!("{:.3} {}", u.load, u.unit),
                        u.need_words(false),
                        u.need_words(true),
                    ]);
                }
            }
        }
    }
    if !short.rows.is_empty() {
        out.push_str("capacity short of the sustained limit, in units that can be added (limits profile of the scenario):\n");
        out.push_str(&short.render());
    }
    if !c.pairs.is_empty() {
        out.push_str("break-even (exact, from the piecewise-linear cost functions):\n");
        let mut t = Table::new(&["pair", "traffic (GB/month)", "spokes"], &[]);
        for p in &c.pairs {
            t.rows.push(vec![
                format!("{} vs {}", p.a, p.b),
                match &p.traffic {
                    Ok(b) => traffic_words(b, &p.a, &p.b, c.traffic_gb),
                    Err(e) => format!("n/a: {}", e.replace('\n', " ")),
                },
                match &p.spokes {
                    Ok(b) => spokes_words(b, &p.a, &p.b),
                    Err(e) => format!("n/a: {}", e.replace('\n', " ")),
                },
            ]);
        }
        out.push_str(&t.render());
    }
    out.push_str(&nat_vs_endpoint_words(c));
    out.push('\n');
    out
}

/// The interface endpoint vs NAT gateway break-even of a comparison's Region, in words.
pub fn nat_vs_endpoint_words(c: &Comparison) -> String {
    match &c.nat_vs_endpoint {
        Ok(n) => {
            let shared = match n.vs_shared.crossings.first() {
                Some(x) => format!("above {} GB/month", fmt_qty(fine(x.at))),
                None => never(&n.vs_shared, "interface endpoint", "NAT"),
            };
            format!(
                "interface endpoint vs NAT, per endpoint-AZ in {}: the endpoint is cheaper {shared} when the NAT gateway is there anyway; against a NAT gateway dedicated to the traffic: {}",
                c.region,
                match n.vs_dedicated.crossings.first() {
                    Some(x) => format!("endpoint cheaper above {} GB/month", fmt_qty(fine(x.at))),
                    None => never(&n.vs_dedicated, "endpoint", "NAT"),
                }
            )
        }
        Err(e) => format!(
            "interface endpoint vs NAT per endpoint-AZ in {}: n/a: {}",
            c.region,
            e.replace('\n', " ")
        ),
    }
}

/// Columns of `compare.csv`.
pub const COMPARE_HEADER: &[&str] = &[
    "scenario",
    "file",
    "design",
    "valid",
    "invalid_reason",
    "monthly_usd",
    "hourly_usd",
    "gb_per_month",
    "usd_per_gb",
    "endpoint_hours",
    "min_headroom_pct",
    "status",
    "az_loss_status",
    "survives_az_loss",
    "survives_region_loss",
    "region_loss_status",
    "region_loss_az_loss_status",
    "blast_radius",
    "least_privilege",
    "error",
    "quotas",
    "quota_increases",
    "failover_lost_region",
    "failover_monthly_usd",
    "failover_status",
    "failover_transfer_gb",
];

/// `compare.csv`: one row per design of every workload. The failover month's columns come
/// last, so that the earlier columns keep their places.
pub fn compare_csv(cs: &[Comparison]) -> Vec<u8> {
    use crate::designs::compare::RegionLossOutcome as R;
    let rows = cs.iter().flat_map(|c| {
        c.designs.iter().map(move |a| {
            let e = a.ok();
            let (rl_status, rl_az) = match &a.region_loss {
                R::Checked {
                    status, az_loss, ..
                } => (status.to_string(), az_loss.to_string()),
                R::NotProvisioned { .. } => ("down".to_string(), "down".to_string()),
                _ => (String::new(), String::new()),
            };
            let error = match (&a.eval, &a.region_loss) {
                (Some(Err(m)), _) => m.replace('\n', " "),
                (_, R::Error(m)) => m.replace('\n', " "),
                _ => String::new(),
            };
            vec![
                text_cell(&c.scenario),
                text_cell(&c.file),
                text_cell(&a.plan.design),
                if a.plan.invalid.is_some() {
                    "no".into()
                } else {
                    "yes".into()
                },
                text_cell(a.plan.invalid.as_deref().unwrap_or("")),
                e.map(|e| fmt_cents(e.monthly)).unwrap_or_default(),
                e.map(|e| fmt_fine(e.hourly)).unwrap_or_default(),
                fmt_qty(a.plan.traffic_gb),
                a.usd_per_gb().map(fmt_fine).unwrap_or_default(),
                e.map(|e| fmt_qty(e.endpoint_hours)).unwrap_or_default(),
                e.and_then(|e| e.min_headroom_pct)
                    .map(|h| format!("{h:.2}"))
                    .unwrap_or_default(),
                e.map(|e| e.status.to_string()).unwrap_or_default(),
                e.map(|e| e.az_loss_status.to_string()).unwrap_or_default(),
                e.map(|e| text_cell(az_loss_label(e.az_loss_status)))
                    .unwrap_or_default(),
                if e.is_some() {
                    text_cell(&a.region_loss.label())
                } else {
                    String::new()
                },
                if e.is_some() {
                    rl_status
                } else {
                    String::new()
                },
                if e.is_some() { rl_az } else { String::new() },
                a.plan.flags.blast_radius.code().to_string(),
                a.plan.flags.least_privilege.code().to_string(),
                text_cell(&error),
                a.quota_standing()
                    .map(|s| s.as_str().to_string())
                    .unwrap_or_default(),
                text_cell(&quota_increases(a).join("; ")),
            ]
            .into_iter()
            .chain(failover_cells(&a.failover_month))
            .collect::<Vec<String>>()
        })
    });
    csv_bytes(COMPARE_HEADER, rows)
}

/// The failover month's cells of `compare.csv`: lost Region, monthly, status, transfer.
fn failover_cells(m: &FailoverMonth) -> [String; 4] {
    match m {
        FailoverMonth::None => Default::default(),
        FailoverMonth::NoPath { lost, .. } => {
            [text_cell(lost), String::new(), "down".into(), String::new()]
        }
        FailoverMonth::Error { lost, .. } => [
            text_cell(lost),
            String::new(),
            "error".into(),
            String::new(),
        ],
        FailoverMonth::Priced {
            lost,
            eval,
            transfer_gb,
        } => [
            text_cell(lost),
            fmt_cents(eval.monthly),
            eval.status.to_string(),
            fmt_qty(*transfer_gb),
        ],
    }
}

/// Columns of `breakeven.csv`.
pub const BREAKEVEN_HEADER: &[&str] = &[
    "scenario",
    "design_a",
    "design_b",
    "parameter",
    "cheaper_at_start",
    "crossing",
    "crossing_exact",
    "cheaper_above",
    "note",
];

/// `breakeven.csv`: one row per crossing (or one `never` row) per pair and parameter.
/// `crossing` is rounded to 6 places; `crossing_exact` is the root as `Decimal` division
/// gives it (28 significant digits).
pub fn breakeven_csv(cs: &[Comparison]) -> Vec<u8> {
    let mut rows: Vec<Vec<String>> = Vec::new();
    for c in cs {
        for p in &c.pairs {
            for (param, res) in [("traffic_gb_per_month", &p.traffic), ("spokes", &p.spokes)] {
                let base = |r: &mut Vec<String>| {
                    r.push(text_cell(&c.scenario));
                    r.push(text_cell(&p.a));
                    r.push(text_cell(&p.b));
                    r.push(param.to_string());
                };
                match res {
                    Err(e) => {
                        let mut r = Vec::new();
                        base(&mut r);
                        r.extend([
                            String::new(),
                            String::new(),
                            String::new(),
                            String::new(),
                            text_cell(&format!("n/a: {}", e.replace('\n', " "))),
                        ]);
                        rows.push(r);
                    }
                    Ok(b) => {
                        let lo = name_of(b.at_lo, &p.a, &p.b).to_string();
                        if b.crossings.is_empty() {
                            let mut r = Vec::new();
                            base(&mut r);
                            r.extend([
                                text_cell(&lo),
                                "never".into(),
                                "never".into(),
                                String::new(),
                                b.split_at.map(split_note).unwrap_or_default(),
                            ]);
                            rows.push(r);
                        }
                        for x in &b.crossings {
                            let exact = if param == "spokes" {
                                x.at
                            } else {
                                traffic_at(x, c.traffic_gb)
                            };
                            let note = if param == "spokes" {
                                let mut n = format!(
                                    "{} cheaper from {} spokes",
                                    name_of(x.after, &p.a, &p.b),
                                    first_whole_above(x.at)
                                );
                                if let Some(s) = b.split_at {
                                    n = format!("{n}; {}", split_note(s));
                                }
                                n
                            } else {
                                String::new()
                            };
                            let mut r = Vec::new();
                            base(&mut r);
                            r.extend([
                                text_cell(&lo),
                                fmt_qty(fine(exact)),
                                exact.normalize().to_string(),
                                text_cell(name_of(x.after, &p.a, &p.b)),
                                text_cell(&note),
                            ]);
                            rows.push(r);
                        }
                    }
                }
            }
        }
    }
    csv_bytes(BREAKEVEN_HEADER, rows)
}
