//! `index.html` of `vpceplan report`: one self-contained page (inline CSS and SVG, no
//! script, no external resource) with the summary, each scenario's comparison and
//! break-evens, the charts and the assumptions behind every figure.
//!
//! Figures are printed exactly as the CSVs of the same run print them (same rounding, by
//! [`crate::money`]), so any number on the page can be found in a CSV. Every piece of user
//! text (scenario, design and block names, file paths, messages) is HTML-escaped; chart
//! SVG comes from plotters, which escapes the text it draws.

use super::charts_data::{PlannedChart, component_label, cost_by_component};
use super::compare::{nat_vs_endpoint_words, spokes_words, traffic_words};
use crate::designs::compare::{
    Assessed, Comparison, RegionLossOutcome, az_loss_label, units_needed,
};
use crate::engine::{BYTES_PER_GB, Evaluation};
use crate::money::{MONEY_DP, RATE_DP, fmt_cents, fmt_fine, fmt_qty};
use crate::ops::FailedScenario;
use crate::ops::Outcome;
use crate::pricing::PriceBook;
use crate::pricing::{LIMIT_COLUMNS, LIMIT_NUMBER_COLUMNS};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

/// Escape text for HTML element content and attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Percent-encode a relative path for an `href` (segments kept, `/` as is).
pub fn href(path: &str) -> String {
    let mut out = String::new();
    for b in path.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                out.push(b as char)
            }
            _ => {
                let _ = write!(out, "%{b:02X}");
            }
        }
    }
    out
}

/// A chart drawn for the page: where it is planned to go and its SVG.
#[derive(Debug, Clone)]
pub struct DrawnChart<'a> {
    pub plan: &'a PlannedChart,
    pub svg: &'a str,
}

/// One scenario's part of the page.
#[derive(Debug, Clone)]
pub enum Section<'a> {
    /// An explicit scenario, evaluated.
    Explicit {
        eval: &'a Evaluation,
        charts: Vec<DrawnChart<'a>>,
    },
    /// A workload (or failover) scenario compiled into designs and compared.
    Compared {
        comparison: &'a Comparison,
        charts: Vec<DrawnChart<'a>>,
    },
    /// A scenario that could not be read or evaluated.
    Failed(&'a FailedScenario),
    /// Today's resources against every design (`report --baseline`, `plan`).
    Savings(&'a crate::savings::BaselinePlan),
}

/// Everything the page shows.
pub struct Page<'a> {
    /// The summary rows, as in `summary.csv`.
    pub outcomes: &'a [Outcome],
    pub sections: Vec<Section<'a>>,
    pub book: &'a PriceBook,
    /// Notes of the run (invalid designs left out...), shown under the summary.
    pub notes: &'a [String],
}

pub(crate) const CSS: &str = r#"
:root { color-scheme: light; }
body { font-family: "DejaVu Sans", Verdana, "Segoe UI", Helvetica, Arial, sans-serif;
  color: #222; margin: 0 auto; max-width: 1260px; padding: 16px 24px 48px; line-height: 1.4; }
h1 { font-size: 1.7em; margin-bottom: 0.2em; }
h2 { border-bottom: 2px solid #4E79A7; padding-bottom: 4px; margin-top: 2.2em; }
h3 { margin-top: 1.6em; }
details { margin: 1.2em 0; padding-left: 10px; border-left: 3px solid #dde3ea; }
summary { cursor: pointer; margin-bottom: 0.4em; }
p.meta, p.file { color: #555; margin-top: 0; }
table { border-collapse: collapse; margin: 0.6em 0 1em; font-size: 0.86em; }
th, td { border: 1px solid #ccc; padding: 3px 7px; vertical-align: top; }
th { background: #eef2f7; text-align: left; }
td.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.nw { white-space: nowrap; }
tr.bad td, td.bad { background: #fdecea; }
td.warn { background: #fff6e0; }
.status-ok { color: #2e7d32; }
.status-burst { color: #b26a00; font-weight: bold; }
.status-over, .status-down, .status-error { color: #c62828; font-weight: bold; }
figure { margin: 1em 0 2em; }
figure svg { width: 100%; height: auto; max-width: 1200px; border: 1px solid #e3e3e3; }
figure svg text { font-family: "DejaVu Sans", Verdana, sans-serif; }
figcaption { font-size: 0.86em; color: #444; max-width: 1200px; }
nav ol { columns: 2; font-size: 0.9em; }
ul.notes, ul.warn { font-size: 0.86em; }
ul.warn li { color: #8a5a00; }
code { background: #f3f3f3; padding: 0 3px; }
/* A table wider than the page scrolls on its own; the page never scrolls sideways. */
div.scroll { overflow-x: auto; max-width: 100%; }
div.scroll > table { margin: 0.6em 0 1em; }
td, th { overflow-wrap: break-word; }
td.n, td.nw { overflow-wrap: normal; }
@page { size: A4; margin: 12mm 10mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 9pt; line-height: 1.3; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  nav { display: none; }
  h1, h2, h3 { break-after: avoid; }
  h2 { margin-top: 1.4em; }
  div.scroll { overflow: visible; }
  table { font-size: 7.5pt; width: 100%; }
  th, td { padding: 2px 4px; }
  tr, figure, img, svg { break-inside: avoid; }
  thead { display: table-header-group; }
  details { border-left: none; padding-left: 0; }
  details > summary { list-style: none; }
  figure { margin: 0.6em 0 1em; }
  figure svg { max-width: 100%; border: none; }
  figcaption { font-size: 7.5pt; }
  a { color: inherit; text-decoration: none; }
}
"#;

/// A cell that does not wrap (Regions, statuses).
fn nowrap(s: &str) -> String {
    format!("<td class=\"nw\">{}</td>", esc(s))
}

fn status_td(s: &str) -> String {
    format!("<td class=\"nw status-{0}\">{0}</td>", esc(s))
}

fn num(s: &str) -> String {
    format!("<td class=\"n\">{}</td>", esc(s))
}

fn text(s: &str) -> String {
    format!("<td>{}</td>", esc(s))
}

fn header(cols: &[&str]) -> String {
    let mut h = String::from("<tr>");
    for c in cols {
        let _ = write!(h, "<th>{}</th>", esc(c));
    }
    h.push_str("</tr>\n");
    h
}

/// The whole page.
pub fn index_html(page: &Page) -> Vec<u8> {
    let mut h = String::new();
    h.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    h.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    h.push_str("<title>vpceplan report</title>\n<style>");
    h.push_str(CSS);
    h.push_str("</style>\n</head>\n<body>\n");
    let _ = writeln!(
        h,
        "<h1>vpceplan report</h1>\n<p class=\"meta\">vpceplan {} · price book: {} · {} · see <a href=\"#assumptions\">Assumptions</a></p>",
        esc(env!("CARGO_PKG_VERSION")),
        esc(&page.book.origin),
        plural(page.outcomes.len(), "result", "results"),
    );

    // Contents.
    h.push_str("<nav><h2>Contents</h2><ol>\n<li><a href=\"#summary\">Summary</a></li>\n");
    for (i, s) in page.sections.iter().enumerate() {
        let _ = writeln!(
            h,
            "<li><a href=\"#s{}\">{}</a></li>",
            i + 1,
            esc(&section_name(s))
        );
    }
    h.push_str("<li><a href=\"#assumptions\">Assumptions</a></li>\n</ol></nav>\n");

    summary(&mut h, page);
    for (i, s) in page.sections.iter().enumerate() {
        let id = format!("s{}", i + 1);
        match s {
            Section::Explicit { eval, charts } => explicit(&mut h, &id, eval, charts),
            Section::Compared { comparison, charts } => compared(&mut h, &id, comparison, charts),
            Section::Savings(p) => h.push_str(&super::savings::plan_html_section(p, &id)),
            Section::Failed(f) => {
                let _ = writeln!(
                    h,
                    "<h2 id=\"{id}\">{}</h2>\n<p class=\"file\">{}</p>\n<p class=\"status-error\">error: {}</p>",
                    esc(&failed_name(f)),
                    esc(&f.file),
                    esc(&f.message)
                );
            }
        }
    }
    assumptions(&mut h, page);
    h.push_str("</body>\n</html>\n");
    h.into_bytes()
}

fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

fn failed_name(f: &FailedScenario) -> String {
    if f.name.is_empty() {
        f.file.clone()
    } else {
        f.name.clone()
    }
}

fn section_name(s: &Section) -> String {
    match s {
        Section::Explicit { eval, .. } => eval.scenario.clone(),
        Section::Compared { comparison, .. } => {
            format!("{} (designs compared)", comparison.scenario)
        }
        Section::Failed(f) => format!("{} (error)", failed_name(f)),
        Section::Savings(p) => format!("{} (savings against the baseline)", p.baseline_name),
    }
}

fn summary(h: &mut String, page: &Page) {
    h.push_str("<h2 id=\"summary\">Summary</h2>\n");
    h.push_str("<p>One row per scenario and per priced design (<code>scenario/design</code>), as in <code>summary.csv</code>. Money in USD; status against the sustained and burst limits of each scenario's limits profile, normally and with one AZ lost.</p>\n<div class=\"scroll\"><table>\n");
    h.push_str(&header(&[
        "scenario",
        "region",
        "monthly (USD)",
        "hourly (USD)",
        "GB/month",
        "USD per GB",
        "endpoint-hours",
        "min headroom %",
        "status",
        "AZ loss",
    ]));
    for o in page.outcomes {
        match o {
            Ok(e) => {
                let _ = writeln!(
                    h,
                    "<tr>{}{}{}{}{}{}{}{}{}{}</tr>",
                    text(&e.scenario),
                    nowrap(&e.region),
                    num(&fmt_cents(e.monthly)),
                    num(&fmt_fine(e.hourly)),
                    num(&fmt_qty(e.gb_processed)),
                    num(&e.usd_per_gb.map(fmt_fine).unwrap_or_else(|| "-".into())),
                    num(&fmt_qty(e.endpoint_hours)),
                    num(&e
                        .min_headroom_pct
                        .map(|p| format!("{p:.2}"))
                        .unwrap_or_else(|| "-".into())),
                    status_td(e.status.as_str()),
                    status_td(e.az_loss_status.as_str()),
                );
            }
            Err(f) => {
                let _ = writeln!(
                    h,
                    "<tr class=\"bad\">{}<td colspan=\"7\">{}</td>{}<td></td></tr>",
                    text(&failed_name(f)),
                    esc(&f.message),
                    status_td(f.status()),
                );
            }
        }
    }
    h.push_str("</table></div>\n");
    if !page.notes.is_empty() {
        h.push_str("<ul class=\"notes\">\n");
        for n in page.notes {
            let _ = writeln!(h, "<li>{}</li>", esc(n));
        }
        h.push_str("</ul>\n");
    }
}

fn figures(h: &mut String, charts: &[DrawnChart], dir: &str) {
    for c in charts.iter().filter(|c| c.plan.dir == dir) {
        let _ = writeln!(
            h,
            "<figure>\n{}\n<figcaption>{} Files: <a href=\"{}\">SVG</a>, <a href=\"{}\">PNG</a>.</figcaption>\n</figure>",
            c.svg.trim(),
            esc(&c.plan.caption),
            href(&c.plan.svg_path()),
            href(&c.plan.png_path()),
        );
    }
}

fn warnings(h: &mut String, e: &Evaluation) {
    if e.warnings.is_empty() {
        return;
    }
    h.push_str("<ul class=\"warn\">\n");
    for w in &e.warnings {
        let _ = writeln!(h, "<li>warning: {}</li>", esc(w));
    }
    h.push_str("</ul>\n");
}

/// The AWS service quotas a scenario passes (increases needed, hard limits), or one line
/// saying it is within them.
fn quotas(h: &mut String, q: &crate::quotas::QuotaReport) {
    let over: Vec<&crate::quotas::QuotaCount> = q
        .counts
        .iter()
        .filter(|c| c.standing != crate::quotas::Standing::Ok)
        .collect();
    if over.is_empty() {
        let _ = writeln!(
            h,
            "<p class=\"quotas\">Within every AWS service quota it uses ({} counted).</p>",
            q.counts.len()
        );
        return;
    }
    h.push_str("<div class=\"scroll\"><table>\n");
    h.push_str(&header(&[
        "AWS service quota",
        "where",
        "need",
        "quota",
        "default",
        "adjustable",
        "status",
    ]));
    for c in over {
        let class = match c.standing {
            crate::quotas::Standing::Impossible => "bad",
            _ => "warn",
        };
        let _ = writeln!(
            h,
            "<tr>{}{}{}{}{}{}<td class=\"nw {class}\">{}</td></tr>",
            text(&c.description),
            text(&c.scope),
            num(&crate::quotas::thousands(c.need)),
            num(&crate::quotas::thousands(c.value)),
            num(&crate::quotas::thousands(c.default)),
            text(if c.adjustable { "yes" } else { "no" }),
            esc(c.standing.as_str()),
        );
    }
    h.push_str("</table></div>\n");
}

/// Cost by component and the capacity of each block of one evaluation.
fn details(h: &mut String, e: &Evaluation) {
    h.push_str("<div class=\"scroll\"><table>\n");
    h.push_str(&header(&["component", "monthly (USD)"]));
    for (c, v) in cost_by_component(e) {
        let _ = writeln!(
            h,
            "<tr><td>{} <code>{}</code></td>{}</tr>",
            esc(component_label(&c)),
            esc(&c),
            num(&fmt_cents(v))
        );
    }
    let _ = writeln!(
        h,
        "<tr><th>total</th>{}</tr>\n</table></div>",
        num(&fmt_cents(e.monthly))
    );
    accounts_table(h, e, None);
    if e.capacity.is_empty() {
        return;
    }
    h.push_str("<div class=\"scroll\"><table>\n");
    h.push_str(&header(&[
        "block",
        "limit",
        "region",
        "AZs",
        "units per AZ",
        "load per unit",
        "sustained",
        "burst",
        "status",
        "load with one AZ lost",
        "AZ-loss status",
    ]));
    let mut seen: Vec<(&str, &str)> = Vec::new();
    for r in &e.capacity {
        if seen.contains(&(r.resource.as_str(), r.limit.as_str())) {
            continue;
        }
        seen.push((&r.resource, &r.limit));
        let rows: Vec<_> = e
            .capacity
            .iter()
            .filter(|x| x.resource == r.resource && x.limit == r.limit)
            .collect();
        let units: Vec<String> = rows.iter().map(|x| x.units.to_string()).collect();
        let _ = writeln!(
            h,
            "<tr>{}{}{}{}{}{}{}{}{}{}{}</tr>",
            text(&r.resource),
            text(&r.limit),
            nowrap(&r.region),
            num(&rows.len().to_string()),
            num(&units.join(" / ")),
            num(&format!("{:.3} {}", r.load, r.unit)),
            num(&format!("{} {}", r.sustained, r.unit)),
            num(&format!("{} {}", r.burst, r.unit)),
            status_td(r.status.as_str()),
            num(&r
                .az_loss_load
                .map(|l| format!("{l:.3} {}", r.unit))
                .unwrap_or_else(|| "-".into())),
            status_td(r.az_loss_status.as_str()),
        );
    }
    h.push_str("</table></div>\n");
}

/// Each account's bill (when the scenario has accounts of its own); `design` names the
/// design in a comparison.
fn accounts_table(h: &mut String, e: &Evaluation, design: Option<&str>) {
    if !super::shows_accounts(e) {
        return;
    }
    let _ = writeln!(
        h,
        "<h4>Accounts{}</h4>\n<p>{} billing: monthly is the blended cost (AWS's split of a consolidated bill's tiered usage); unblended lays the tiers over the blocks in file order. See <code>accounts.csv</code>.</p>\n<div class=\"scroll\"><table>",
        design.map(|d| format!(" — {}", esc(d))).unwrap_or_default(),
        esc(e.billing.as_str())
    );
    h.push_str(&header(&[
        "account",
        "accounts",
        "monthly (USD)",
        "hourly (USD)",
        "each (USD)",
        "unblended (USD)",
    ]));
    for a in &e.accounts {
        let _ = writeln!(
            h,
            "<tr>{}{}{}{}{}{}</tr>",
            text(&a.id),
            num(&a.copies.to_string()),
            num(&fmt_cents(a.monthly)),
            num(&fmt_fine(a.hourly)),
            num(&fmt_cents(a.each())),
            num(&fmt_cents(a.unblended)),
        );
    }
    h.push_str("</table></div>\n");
}

fn explicit(h: &mut String, id: &str, e: &Evaluation, charts: &[DrawnChart]) {
    let _ = writeln!(
        h,
        "<h2 id=\"{id}\">{}</h2>\n<p class=\"file\">{} · {} · {} h/month · limits profile <code>{}</code></p>",
        esc(&e.scenario),
        esc(&e.file),
        esc(&e.region),
        e.hours_per_month,
        esc(&e.limits)
    );
    let _ = writeln!(
        h,
        "<p>Monthly <b>{} USD</b> · hourly {} USD · {} GB/month processed · status <span class=\"status-{}\">{}</span>, with one AZ lost <span class=\"status-{}\">{}</span></p>",
        esc(&fmt_cents(e.monthly)),
        esc(&fmt_fine(e.hourly)),
        esc(&fmt_qty(e.gb_processed)),
        e.status.as_str(),
        e.status.as_str(),
        e.az_loss_status.as_str(),
        e.az_loss_status.as_str(),
    );
    warnings(h, e);
    quotas(h, &e.quotas);
    details(h, e);
    figures(h, charts, &e.scenario);
}

fn valid_cell(a: &Assessed) -> String {
    match (&a.plan.invalid, &a.eval) {
        (Some(r), _) => format!("<td class=\"bad\">INVALID: {}</td>", esc(r)),
        (None, Some(Err(m))) => format!("<td class=\"bad\">ERROR: {}</td>", esc(m)),
        _ => "<td>yes</td>".to_string(),
    }
}

fn region_loss_cell(a: &Assessed) -> String {
    if a.ok().is_none() {
        return text("-");
    }
    let class = match &a.region_loss {
        RegionLossOutcome::Error(_) | RegionLossOutcome::NotProvisioned { .. } => " class=\"bad\"",
        RegionLossOutcome::Checked { status, .. } if status.as_str() != "ok" => " class=\"warn\"",
        _ => "",
    };
    let mut t = a.region_loss.label();
    if let RegionLossOutcome::Error(m) = &a.region_loss {
        t = format!("error: {m}");
    }
    format!("<td{class}>{}</td>", esc(&t))
}

fn compared(h: &mut String, id: &str, c: &Comparison, charts: &[DrawnChart]) {
    // A provider's failover setup has no workload: no spokes, services or traffic.
    let workload = if c.spokes == 0 && c.services == 0 {
        String::new()
    } else {
        format!(
            "{} × {} AZs · {} · {} GB/month · ",
            plural(c.spokes as usize, "spoke", "spokes"),
            c.azs,
            plural(c.services, "service", "services"),
            esc(&fmt_qty(c.traffic_gb)),
        )
    };
    let _ = writeln!(
        h,
        "<h2 id=\"{id}\">{}</h2>\n<p class=\"file\">{} · {} · {workload}{} h/month</p>",
        esc(&c.scenario),
        esc(&c.file),
        esc(&c.region),
        c.hours_per_month
    );
    h.push_str("<h3>Designs</h3>\n<div class=\"scroll\"><table>\n");
    h.push_str(&header(&[
        "design",
        "valid",
        "quotas",
        "monthly (USD)",
        "hourly (USD)",
        "USD per GB",
        "endpoint-hours",
        "worst headroom %",
        "status",
        "survives AZ loss",
        "survives Region loss",
        "blast radius",
        "least privilege",
    ]));
    for a in &c.designs {
        let e = a.ok();
        let dash = || "-".to_string();
        let _ = writeln!(
            h,
            "<tr>{}{}{}{}{}{}{}{}{}{}{}{}{}</tr>",
            text(&a.plan.design),
            valid_cell(a),
            match a.quota_standing() {
                Some(s) => {
                    let class = match s {
                        crate::quotas::Standing::Ok => "",
                        crate::quotas::Standing::Increase => " warn",
                        crate::quotas::Standing::Impossible => " bad",
                    };
                    format!("<td class=\"nw{class}\">{}</td>", esc(s.as_str()))
                }
                None => text("-"),
            },
            num(&e.map(|e| fmt_cents(e.monthly)).unwrap_or_else(dash)),
            num(&e.map(|e| fmt_fine(e.hourly)).unwrap_or_else(dash)),
            num(&a.usd_per_gb().map(fmt_fine).unwrap_or_else(dash)),
            num(&e.map(|e| fmt_qty(e.endpoint_hours)).unwrap_or_else(dash)),
            num(&e
                .and_then(|e| e.min_headroom_pct)
                .map(|p| format!("{p:.2}"))
                .unwrap_or_else(dash)),
            match e {
                Some(e) => status_td(e.status.as_str()),
                None => text("-"),
            },
            text(
                &e.map(|e| az_loss_label(e.az_loss_status).to_string())
                    .unwrap_or_else(dash)
            ),
            region_loss_cell(a),
            text(&a.plan.flags.blast_radius.to_string()),
            text(&a.plan.flags.least_privilege.to_string()),
        );
    }
    h.push_str("</table></div>\n");
    // Quota increases each design needs before it can be built.
    let mut inc = String::new();
    for a in &c.designs {
        for q in a.quotas.iter().flat_map(|q| q.increases()) {
            let _ = writeln!(
                inc,
                "<tr>{}{}{}{}{}{}</tr>",
                text(&a.plan.design),
                text(&q.description),
                text(&q.scope),
                num(&crate::quotas::thousands(q.need)),
                num(&crate::quotas::thousands(q.value)),
                num(&crate::quotas::thousands(q.default)),
            );
        }
    }
    if !inc.is_empty() {
        h.push_str("<h3>Quota increases needed</h3>\n<p>Adjustable AWS service quotas each design passes: request them before building.</p>\n<div class=\"scroll\"><table>\n");
        h.push_str(&header(&[
            "design",
            "AWS service quota",
            "where",
            "need",
            "quota",
            "default",
        ]));
        h.push_str(&inc);
        h.push_str("</table></div>\n");
    }
    for a in &c.designs {
        if let Some(line) = super::compare::failover_month_words(a) {
            let _ = writeln!(h, "<p>{}</p>", esc(&line));
        }
    }
    for a in &c.designs {
        if let Some(e) = a.ok() {
            accounts_table(h, e, Some(&a.plan.design));
        }
    }
    for a in &c.designs {
        if let Some(e) = a.ok() {
            for w in &e.warnings {
                let _ = writeln!(
                    h,
                    "<ul class=\"warn\"><li>warning: {}: {}</li></ul>",
                    esc(&a.plan.design),
                    esc(w)
                );
            }
        }
    }

    // Capacity short of the sustained limit, in units that can be added.
    let mut short = String::new();
    for a in &c.designs {
        if let Some(e) = a.ok() {
            for u in units_needed(e) {
                if u.short() {
                    let _ = writeln!(
                        short,
                        "<tr>{}{}{}{}{}{}</tr>",
                        text(&a.plan.design),
                        text(&u.resource),
                        text(&u.have_words()),
                        num(&format!("{:.3} {}", u.load, u.unit)),
                        text(&u.need_words(false)),
                        text(&u.need_words(true)),
                    );
                }
            }
        }
    }
    if !short.is_empty() {
        h.push_str(
            "<h3>Capacity short of the sustained limit</h3>\n<div class=\"scroll\"><table>\n",
        );
        h.push_str(&header(&[
            "design",
            "block",
            "has",
            "load",
            "needs at sustained",
            "needs within burst",
        ]));
        h.push_str(&short);
        h.push_str("</table></div>\n");
    }

    if !c.pairs.is_empty() {
        h.push_str("<h3>Break-even</h3>\n<p>Exact, from the designs' piecewise-linear cost functions (as in <code>breakeven.csv</code>): the traffic (all of it scaled together) and the spoke count at which the cheaper design changes.</p>\n<div class=\"scroll\"><table>\n");
        h.push_str(&header(&["pair", "traffic (GB/month)", "spokes"]));
        for p in &c.pairs {
            let _ = writeln!(
                h,
                "<tr>{}{}{}</tr>",
                text(&format!("{} vs {}", p.a, p.b)),
                text(&match &p.traffic {
                    Ok(b) => traffic_words(b, &p.a, &p.b, c.traffic_gb),
                    Err(e) => format!("n/a: {}", e.replace('\n', " ")),
                }),
                text(&match &p.spokes {
                    Ok(b) => spokes_words(b, &p.a, &p.b),
                    Err(e) => format!("n/a: {}", e.replace('\n', " ")),
                }),
            );
        }
        h.push_str("</table></div>\n");
    }
    let _ = writeln!(h, "<p>{}.</p>", esc(&nat_vs_endpoint_words(c)));

    h.push_str("<h3>Charts</h3>\n");
    figures(h, charts, &c.scenario);
    for a in &c.designs {
        let Some(e) = a.ok() else { continue };
        let _ = writeln!(
            h,
            "<details open>\n<summary><b>{}</b> · {} USD/month · status <span class=\"status-{}\">{}</span>, one AZ lost <span class=\"status-{}\">{}</span> · cost by component, capacity and load charts</summary>",
            esc(&a.plan.design),
            esc(&fmt_cents(e.monthly)),
            e.status.as_str(),
            e.status.as_str(),
            e.az_loss_status.as_str(),
            e.az_loss_status.as_str(),
        );
        details(h, e);
        figures(h, charts, &e.scenario);
        h.push_str("</details>\n");
    }
}

fn evaluations<'a>(page: &'a Page) -> Vec<&'a Evaluation> {
    page.outcomes
        .iter()
        .filter_map(|o| o.as_ref().ok())
        .collect()
}

fn assumptions(h: &mut String, page: &Page) {
    let book = page.book;
    h.push_str("<h2 id=\"assumptions\">Assumptions</h2>\n<ul>\n");
    let dates: BTreeSet<&str> = book.rows.iter().map(|r| r.effective.as_str()).collect();
    let _ = writeln!(
        h,
        "<li><b>Price book</b>: {} ({} price rows; effective dates {}). The rows used are listed below.</li>",
        esc(&book.origin),
        book.rows.len(),
        match (dates.first(), dates.last()) {
            (Some(a), Some(b)) if a == b => esc(a),
            (Some(a), Some(b)) => format!("{} to {}", esc(a), esc(b)),
            _ => "none".into(),
        }
    );
    let evals = evaluations(page);
    let mut hours: BTreeMap<u32, usize> = BTreeMap::new();
    for e in &evals {
        *hours.entry(e.hours_per_month).or_default() += 1;
    }
    let _ = writeln!(
        h,
        "<li><b>Hours per month</b>: {} (a partial hour bills as a full hour).</li>",
        if hours.is_empty() {
            "none evaluated".to_string()
        } else {
            hours
                .iter()
                .map(|(k, n)| format!("{k} h ({})", plural(*n, "result", "results")))
                .collect::<Vec<_>>()
                .join(", ")
        }
    );
    let _ = writeln!(
        h,
        "<li><b>GB</b>: 1 GB = 2^30 = {} bytes, as AWS bills it; a monthly volume becomes an average rate as GB × 2^30 × 8 / (hours × 3600) / 10^9 Gbps. The load of a block is the larger of its stated peak and that average.</li>",
        crate::money::grouped(BYTES_PER_GB as u64)
    );
    let _ = writeln!(
        h,
        "<li><b>Rounding</b>: money is computed exactly (decimal) and rounded once, at output, half away from zero: monthly amounts to {MONEY_DP} places (cents), hourly amounts, USD per GB and rates to {RATE_DP} places. Charts draw the exact figures converted to floating point.</li>"
    );
    h.push_str("<li><b>Break-even</b>: exact roots of the difference of two designs' piecewise-linear cost functions (tiered prices apply to the Region's monthly total), read off the engine and checked against it.</li>\n");
    h.push_str("<li><b>Capacity</b>: a block's load is spread evenly over its units; losing an AZ takes out the AZ holding most of the block's units and the survivors carry the whole load.</li>\n</ul>\n");

    // Limits profiles used.
    let profiles: BTreeSet<&str> = evals.iter().map(|e| e.limits.as_str()).collect();
    h.push_str("<h3>Limits profiles used</h3>\n<div class=\"scroll\"><table>\n");
    h.push_str(&header(LIMIT_COLUMNS));
    for p in &profiles {
        if let Some(limits) = book.limits.profiles.get(*p) {
            for (res, l) in limits {
                let cells: String = l
                    .row(p, res)
                    .iter()
                    .enumerate()
                    .map(|(i, c)| {
                        if LIMIT_NUMBER_COLUMNS.contains(&i) {
                            num(c)
                        } else {
                            text(c)
                        }
                    })
                    .collect();
                let _ = writeln!(h, "<tr>{cells}</tr>");
            }
        }
    }
    h.push_str("</table></div>\n");

    // Price rows used by any evaluation.
    let mut used: BTreeSet<(String, String, String, usize)> = BTreeSet::new();
    for e in &evals {
        for l in &e.lines {
            used.insert((
                l.region.clone(),
                l.component.clone(),
                l.variant.clone(),
                l.tier,
            ));
        }
    }
    h.push_str("<h3>Prices used</h3>\n<div class=\"scroll\"><table>\n");
    h.push_str(&header(&[
        "region",
        "component",
        "variant",
        "tier",
        "from",
        "to",
        "unit",
        "USD",
        "effective",
        "verified",
        "source",
    ]));
    for (region, component, variant, tier) in &used {
        let Some(ladder) = book.ladder(region, component, variant) else {
            continue;
        };
        let Some(r) = ladder.get(tier.saturating_sub(1)) else {
            continue;
        };
        let _ = writeln!(
            h,
            "<tr>{}{}{}{}{}{}{}{}{}{}{}</tr>",
            text(region),
            text(component),
            text(variant),
            num(&tier.to_string()),
            num(&fmt_qty(r.tier_from)),
            num(&r.tier_to.map(fmt_qty).unwrap_or_default()),
            text(&r.unit),
            num(&r.usd.normalize().to_string()),
            text(&r.effective),
            if r.verified {
                text("yes")
            } else {
                "<td class=\"warn\">no</td>".to_string()
            },
            text(&r.source),
        );
    }
    h.push_str("</table></div>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            esc("<script>alert('x')</script> & \"q\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"
        );
        assert_eq!(esc("plain-name_1"), "plain-name_1");
    }

    #[test]
    fn hrefs_are_percent_encoded() {
        assert_eq!(href("a b/c#d.svg"), "a%20b/c%23d.svg");
        assert_eq!(href("x\"><y/z.png"), "x%22%3E%3Cy/z.png");
        assert_eq!(
            href("ecr-s3-spokes/nat/load.svg"),
            "ecr-s3-spokes/nat/load.svg"
        );
    }

    #[test]
    fn groups_thousands() {
        assert_eq!(crate::money::grouped(1_073_741_824), "1,073,741,824");
        assert_eq!(crate::money::grouped(12), "12");
    }
}
