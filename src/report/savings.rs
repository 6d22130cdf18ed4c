//! Renderers of `vpceplan plan` (a baseline against every design, [`crate::savings`]): `savings.csv`, `attribution.csv`, `breakeven.csv` (as sheets, so
//! the same tables become workbook sheets), the terminal table, Markdown and an HTML
//! section. Plan in, bytes out.

use super::compare::{nat_vs_endpoint_words, spokes_words, traffic_words};
use super::{Cell, Sheet, Table};
use crate::designs::compare::{Assessed, az_loss_label};
use crate::money::{fmt_cents, fmt_qty};
use crate::savings::{BaselinePlan as Plan, Outcome, RegionPlan};
use rust_decimal::Decimal;
use std::fmt::Write as _;

/// Columns of `savings.csv`.
pub const SAVINGS_HEADER: &[&str] = &[
    "region",
    "design",
    "valid",
    "invalid_reason",
    "baseline_monthly_usd",
    "design_monthly_usd",
    "saving_monthly_usd",
    "saving_yearly_usd",
    "moving_gb_per_month",
    "spokes",
    "azs",
    "moves",
    "endpoint_hours",
    "min_headroom_pct",
    "status",
    "az_loss_status",
    "survives_az_loss",
    "blast_radius",
    "least_privilege",
    "quotas",
    "error",
];

fn moving_gb(r: &RegionPlan) -> Decimal {
    r.moving.values().map(|m| m.total()).sum()
}

fn assessed_cells(a: Option<&Assessed>) -> Vec<Cell> {
    let e = a.and_then(|a| a.ok());
    vec![
        e.map(|e| Cell::Number(e.endpoint_hours))
            .unwrap_or(Cell::Empty),
        e.and_then(|e| e.min_headroom_pct)
            .map(Cell::Pct)
            .unwrap_or(Cell::Empty),
        e.map(|e| Cell::text(e.status.to_string()))
            .unwrap_or(Cell::Empty),
        e.map(|e| Cell::text(e.az_loss_status.to_string()))
            .unwrap_or(Cell::Empty),
        e.map(|e| Cell::text(az_loss_label(e.az_loss_status)))
            .unwrap_or(Cell::Empty),
    ]
}

/// `savings.csv`: per Region, the baseline's row, then one row per design.
pub fn savings_sheet(p: &Plan) -> Sheet {
    let mut s = Sheet::new("savings", SAVINGS_HEADER);
    for r in &p.regions {
        let base = r.baseline.as_ref().ok();
        let gb = moving_gb(r);
        let mut row = vec![
            Cell::text(&r.region),
            Cell::text("baseline"),
            Cell::text(if r.baseline.is_ok() { "yes" } else { "no" }),
            Cell::Empty,
            base.map(|e| Cell::Money(e.monthly)).unwrap_or(Cell::Empty),
            base.map(|e| Cell::Money(e.monthly)).unwrap_or(Cell::Empty),
            Cell::Money(Decimal::ZERO),
            Cell::Money(Decimal::ZERO),
            Cell::Number(gb),
            Cell::Int(r.spokes as i64),
            Cell::Int(r.azs as i64),
            Cell::text("today's resources, as imported"),
        ];
        row.extend(vec![
            base.map(|e| Cell::Number(e.endpoint_hours))
                .unwrap_or(Cell::Empty),
            base.and_then(|e| e.min_headroom_pct)
                .map(Cell::Pct)
                .unwrap_or(Cell::Empty),
            base.map(|e| Cell::text(e.status.to_string()))
                .unwrap_or(Cell::Empty),
            base.map(|e| Cell::text(e.az_loss_status.to_string()))
                .unwrap_or(Cell::Empty),
            base.map(|e| Cell::text(az_loss_label(e.az_loss_status)))
                .unwrap_or(Cell::Empty),
            Cell::Empty,
            Cell::Empty,
            Cell::Empty,
            match &r.baseline {
                Err(m) => Cell::text(m.replace('\n', " ")),
                Ok(_) => Cell::Empty,
            },
        ]);
        s.rows.push(row);
        for sv in &r.savings {
            let a = r.assessed(&sv.design);
            let invalid = a.and_then(|a| a.plan.invalid.clone());
            let error = match a.map(|a| &a.eval) {
                Some(Some(Err(m))) => m.replace('\n', " "),
                _ => String::new(),
            };
            let mut row = vec![
                Cell::text(&r.region),
                Cell::text(&sv.design),
                Cell::text(if invalid.is_some() || !error.is_empty() {
                    "no"
                } else {
                    "yes"
                }),
                invalid.map(Cell::Text).unwrap_or(Cell::Empty),
                base.map(|e| Cell::Money(e.monthly)).unwrap_or(Cell::Empty),
                sv.monthly.map(Cell::Money).unwrap_or(Cell::Empty),
                sv.saving.map(Cell::Money).unwrap_or(Cell::Empty),
                sv.saving
                    .map(|v| Cell::Money(v * Decimal::from(12)))
                    .unwrap_or(Cell::Empty),
                Cell::Number(gb),
                Cell::Int(r.spokes as i64),
                Cell::Int(r.azs as i64),
                Cell::text(&sv.moves),
            ];
            row.extend(assessed_cells(a));
            row.push(
                a.map(|a| Cell::text(a.plan.flags.blast_radius.code()))
                    .unwrap_or(Cell::Empty),
            );
            row.push(
                a.map(|a| Cell::text(a.plan.flags.least_privilege.code()))
                    .unwrap_or(Cell::Empty),
            );
            row.push(
                a.and_then(|a| a.quota_standing())
                    .map(|q| Cell::text(q.as_str()))
                    .unwrap_or(Cell::Empty),
            );
            row.push(if error.is_empty() {
                Cell::Empty
            } else {
                Cell::Text(error)
            });
            s.rows.push(row);
        }
    }
    s
}

/// Columns of `attribution.csv`.
pub const ATTRIBUTION_HEADER: &[&str] = &[
    "region",
    "account",
    "resource",
    "block",
    "baseline_line",
    "service",
    "source",
    "traffic_line",
    "flow_bytes",
    "flow_gb_per_month",
    "billed_gb",
    "attributed_gb",
    "outcome",
    "reason",
];

/// `attribution.csv`: how each baseline block's billed GB were split by the flow logs.
pub fn attribution_sheet(p: &Plan) -> Sheet {
    let mut s = Sheet::new("attribution", ATTRIBUTION_HEADER);
    let opt = |l: Option<usize>| l.map(|l| Cell::Int(l as i64)).unwrap_or(Cell::Empty);
    for a in &p.attribution {
        s.rows.push(vec![
            Cell::text(&a.region),
            Cell::text(&a.account),
            Cell::text(&a.resource),
            Cell::text(&a.block),
            opt(a.block_line),
            Cell::text(&a.service),
            Cell::text(&a.source),
            opt(a.traffic_line),
            Cell::Int(i64::try_from(a.flow_bytes).unwrap_or(i64::MAX)),
            Cell::Number(a.flow_gb_per_month),
            Cell::Number(a.billed_gb),
            Cell::Number(a.gb),
            Cell::text(a.outcome.code()),
            Cell::text(match &a.outcome {
                Outcome::Stays(r) => r.as_str(),
                Outcome::Unattributed => "no flow-log row names the resource; kept as it is",
                Outcome::Moves => "",
            }),
        ]);
    }
    s
}

/// `breakeven.csv` of a plan: the Regions' design pairs, as `compare` writes them.
pub fn breakeven_bytes(p: &Plan) -> Vec<u8> {
    let cs: Vec<_> = p
        .regions
        .iter()
        .filter_map(|r| r.comparison.clone())
        .collect();
    super::compare::breakeven_csv(&cs)
}

/// The workbook's sheets: savings, attribution.
pub fn sheets(p: &Plan) -> Vec<Sheet> {
    vec![savings_sheet(p), attribution_sheet(p)]
}

fn money_or_dash(d: Option<Decimal>) -> String {
    d.map(fmt_cents).unwrap_or_else(|| "-".into())
}

fn yearly(d: Option<Decimal>) -> Option<Decimal> {
    d.map(|v| v * Decimal::from(12))
}

/// Rows of one Region's savings table: design, valid, monthly, saving/month, saving/year,
/// headroom, AZ loss, blast radius, moves.
fn region_rows(r: &RegionPlan) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let base = r.baseline.as_ref().ok();
    rows.push(vec![
        "baseline".to_string(),
        if base.is_some() { "yes" } else { "ERROR" }.to_string(),
        money_or_dash(base.map(|e| e.monthly)),
        "0.00".into(),
        "0.00".into(),
        base.and_then(|e| e.min_headroom_pct)
            .map(|h| format!("{h:.1}"))
            .unwrap_or_else(|| "-".into()),
        base.map(|e| az_loss_label(e.az_loss_status).to_string())
            .unwrap_or_else(|| "-".into()),
        "-".into(),
        "-".into(),
        "today's resources".into(),
    ]);
    for s in &r.savings {
        let a = r.assessed(&s.design);
        let e = a.and_then(|a| a.ok());
        let valid = match a {
            Some(a) if a.plan.invalid.is_some() => "INVALID",
            Some(a) if matches!(a.eval, Some(Err(_))) => "ERROR",
            _ => "yes",
        };
        rows.push(vec![
            s.design.clone(),
            valid.to_string(),
            money_or_dash(s.monthly),
            money_or_dash(s.saving),
            money_or_dash(yearly(s.saving)),
            e.and_then(|e| e.min_headroom_pct)
                .map(|h| format!("{h:.1}"))
                .unwrap_or_else(|| "-".into()),
            e.map(|e| az_loss_label(e.az_loss_status).to_string())
                .unwrap_or_else(|| "-".into()),
            a.and_then(|a| a.quota_standing())
                .map(|q| q.as_str().to_string())
                .unwrap_or_else(|| "-".into()),
            a.map(|a| a.plan.flags.blast_radius.to_string())
                .unwrap_or_else(|| "-".into()),
            if e.is_some() {
                s.moves.clone()
            } else {
                "-".into()
            },
        ]);
    }
    rows
}

const COLUMNS: &[&str] = &[
    "design",
    "valid",
    "monthly_usd",
    "saving_usd_month",
    "saving_usd_year",
    "worst_headroom_%",
    "survives_az_loss",
    "quotas",
    "blast_radius",
    "moves",
];

fn headline(r: &RegionPlan) -> String {
    format!(
        "{} GB/month of AWS-service traffic moves ({} service(s)); {}",
        fmt_qty(moving_gb(r)),
        r.moving.len(),
        r.shape_from
    )
}

fn region_messages(r: &RegionPlan) -> Vec<String> {
    let mut out = Vec::new();
    if let Err(m) = &r.baseline {
        out.push(format!("error: baseline: {}", m.replace('\n', " ")));
    }
    if let Some(c) = &r.comparison {
        for a in &c.designs {
            if let Some(why) = &a.plan.invalid {
                out.push(format!("invalid: {}: {why} (not priced)", a.plan.design));
            }
            if let Some(Err(m)) = &a.eval {
                out.push(format!(
                    "error: {}: {}",
                    a.plan.design,
                    m.replace('\n', " ")
                ));
            }
        }
    }
    for n in &r.notes {
        out.push(format!("note: {n}"));
    }
    out
}

fn total_line(p: &Plan) -> String {
    let mut best = Vec::new();
    for r in &p.regions {
        if let Some(b) = r.best()
            && let Some(v) = b.saving
            && v > Decimal::ZERO
        {
            best.push(format!("{} {} {}", r.region, b.design, fmt_cents(v)));
        }
    }
    let total = p.best_saving();
    format!(
        "baseline {} USD/month; best design per Region saves {} USD/month ({} USD/year){}",
        money_or_dash(p.baseline_monthly()),
        fmt_cents(total),
        fmt_cents(total * Decimal::from(12)),
        if best.is_empty() {
            String::new()
        } else {
            format!(" ({})", best.join(", "))
        }
    )
}

/// The terminal report of a plan.
pub fn plan_table(p: &Plan) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "== {} ({} + {}) · {} h/month · peaks = {} × the month's average rate",
        p.baseline_name, p.baseline_file, p.traffic_file, p.hours_per_month, p.peak_factor
    );
    for r in &p.regions {
        let _ = writeln!(out, "-- {}", r.region);
        if r.comparison.is_some() {
            let _ = writeln!(out, "   {}", headline(r));
            let mut t = Table::new(COLUMNS, &[2, 3, 4, 5]);
            t.rows = region_rows(r);
            out.push_str(&t.render());
        } else {
            let _ = writeln!(
                out,
                "   baseline {} USD/month",
                money_or_dash(r.baseline.as_ref().ok().map(|e| e.monthly))
            );
        }
        for m in region_messages(r) {
            let _ = writeln!(out, "{m}");
        }
        if let Some(c) = &r.comparison {
            if !c.pairs.is_empty() {
                out.push_str("break-even (exact):\n");
                let mut t = Table::new(&["pair", "traffic (GB/month)", "spokes"], &[]);
                for pr in &c.pairs {
                    t.rows.push(vec![
                        format!("{} vs {}", pr.a, pr.b),
                        match &pr.traffic {
                            Ok(b) => traffic_words(b, &pr.a, &pr.b, c.traffic_gb),
                            Err(e) => format!("n/a: {}", e.replace('\n', " ")),
                        },
                        match &pr.spokes {
                            Ok(b) => spokes_words(b, &pr.a, &pr.b),
                            Err(e) => format!("n/a: {}", e.replace('\n', " ")),
                        },
                    ]);
                }
                out.push_str(&t.render());
            }
            let _ = writeln!(out, "{}", nat_vs_endpoint_words(c));
        }
    }
    for n in &p.notes {
        let _ = writeln!(out, "note: {n}");
    }
    let _ = writeln!(out, "{}", total_line(p));
    out
}

fn md_table(out: &mut String, header: &[&str], rows: &[Vec<String>]) {
    use super::markdown::esc;
    let _ = writeln!(out, "| {} |", header.join(" | "));
    let _ = writeln!(
        out,
        "|{}|",
        header.iter().map(|_| "---").collect::<Vec<_>>().join("|")
    );
    for r in rows {
        let cells: Vec<String> = r.iter().map(|c| esc(c)).collect();
        let _ = writeln!(out, "| {} |", cells.join(" | "));
    }
    out.push('\n');
}

/// `vpceplan plan --format markdown`: the same tables for a pull-request comment.
pub fn plan_md(p: &Plan) -> String {
    use super::markdown::esc;
    let mut out = String::from("### vpceplan plan\n\n");
    let _ = writeln!(
        out,
        "`{}` + `{}` · {} h/month · peaks = {} × the month's average rate\n",
        p.baseline_file.replace('`', "'"),
        p.traffic_file.replace('`', "'"),
        p.hours_per_month,
        p.peak_factor
    );
    for r in &p.regions {
        let _ = writeln!(out, "#### {}\n", esc(&r.region));
        if r.comparison.is_some() {
            let _ = writeln!(out, "{}\n", esc(&headline(r)));
            md_table(&mut out, COLUMNS, &region_rows(r));
        } else {
            let _ = writeln!(
                out,
                "baseline {} USD/month\n",
                money_or_dash(r.baseline.as_ref().ok().map(|e| e.monthly))
            );
        }
        let msgs = region_messages(r);
        for m in &msgs {
            let _ = writeln!(out, "- {}", esc(m));
        }
        if !msgs.is_empty() {
            out.push('\n');
        }
        if let Some(c) = &r.comparison {
            let rows: Vec<Vec<String>> = c
                .pairs
                .iter()
                .map(|pr| {
                    vec![
                        format!("{} vs {}", pr.a, pr.b),
                        match &pr.traffic {
                            Ok(b) => traffic_words(b, &pr.a, &pr.b, c.traffic_gb),
                            Err(e) => format!("n/a: {e}"),
                        },
                        match &pr.spokes {
                            Ok(b) => spokes_words(b, &pr.a, &pr.b),
                            Err(e) => format!("n/a: {e}"),
                        },
                    ]
                })
                .collect();
            if !rows.is_empty() {
                out.push_str("**Break-even** (exact)\n\n");
                md_table(&mut out, &["pair", "traffic (GB/month)", "spokes"], &rows);
            }
            let _ = writeln!(out, "{}\n", esc(&nat_vs_endpoint_words(c)));
        }
    }
    for n in &p.notes {
        let _ = writeln!(out, "- note: {}", esc(n));
    }
    let _ = writeln!(out, "\n**{}**", esc(&total_line(p)));
    out
}

/// The plan as a section of an HTML page (its heading has id `id`), text escaped; the
/// classes are the report page's.
pub fn plan_html_section(p: &Plan, id: &str) -> String {
    use super::html::esc;
    let mut out = format!(
        "<h2 id=\"{}\">Savings against the baseline: {}</h2>\n",
        esc(id),
        esc(&p.baseline_name)
    );
    let _ = writeln!(
        out,
        "<p class=\"file\">{} + {} · {} h/month · peaks = {} × the month's average rate · saving = the Region's baseline − the design, per month and × 12 per year</p>",
        esc(&p.baseline_file),
        esc(&p.traffic_file),
        p.hours_per_month,
        p.peak_factor
    );
    for r in &p.regions {
        let _ = writeln!(out, "<h3>{}</h3>", esc(&r.region));
        if r.comparison.is_some() {
            let _ = writeln!(out, "<p>{}</p>", esc(&headline(r)));
            out.push_str("<div class=\"scroll\"><table>\n<tr>");
            for h in COLUMNS {
                let _ = write!(out, "<th>{}</th>", esc(h));
            }
            out.push_str("</tr>\n");
            for row in region_rows(r) {
                out.push_str("<tr>");
                for (i, c) in row.iter().enumerate() {
                    if (2..=5).contains(&i) {
                        let _ = write!(out, "<td class=\"n\">{}</td>", esc(c));
                    } else {
                        let _ = write!(out, "<td>{}</td>", esc(c));
                    }
                }
                out.push_str("</tr>\n");
            }
            out.push_str("</table></div>\n");
        } else {
            let _ = writeln!(
                out,
                "<p>baseline {} USD/month; nothing to move</p>",
                money_or_dash(r.baseline.as_ref().ok().map(|e| e.monthly))
            );
        }
        let msgs = region_messages(r);
        if !msgs.is_empty() {
            out.push_str("<ul class=\"notes\">\n");
            for m in msgs {
                let _ = writeln!(out, "<li>{}</li>", esc(&m));
            }
            out.push_str("</ul>\n");
        }
    }
    if !p.notes.is_empty() {
        out.push_str("<ul class=\"notes\">\n");
        for n in &p.notes {
            let _ = writeln!(out, "<li>note: {}</li>", esc(n));
        }
        out.push_str("</ul>\n");
    }
    let _ = writeln!(out, "<p><strong>{}</strong></p>", esc(&total_line(p)));
    out
}

/// A self-contained HTML page holding the plan's section (the report page's style).
pub fn plan_html(p: &Plan) -> Vec<u8> {
    let mut out = String::from(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>vpceplan plan</title>\n<style>",
    );
    out.push_str(super::html::CSS);
    out.push_str("</style>\n</head>\n<body>\n<h1>vpceplan plan</h1>\n");
    out.push_str(&plan_html_section(p, "savings"));
    out.push_str("</body>\n</html>\n");
    out.into_bytes()
}
