//! GitHub-flavoured Markdown for pull-request comments: `run`, `compare`, `check` and
//! `pricing diff` with `--format markdown`. Results in, text out.
//!
//! Money is printed as the CSVs print it (rounded once, by [`crate::money`]); deltas carry
//! a sign and a percentage of the old (or cheapest) figure. Every piece of user text is
//! escaped so that it reads as written and cannot open a link, an image or HTML. A comment
//! longer than the cap (GitHub's is [`GITHUB_COMMENT_LIMIT`] characters) is cut at a line
//! and says so ([`fit`]).

use super::Outcome;
use super::compare::{nat_vs_endpoint_words, spokes_words, traffic_words};
use super::sheet::fmt_pct;
use crate::designs::compare::{Comparison, az_loss_label};
use crate::money::{fmt_cents, fmt_fine, fmt_qty};
use crate::pricing::PriceRow;
use crate::pricing::diff::{ChangeKind, MoveStatus, PriceDiff, ScenarioMove, pct_change};
use rust_decimal::Decimal;
use std::fmt::Write as _;

/// The most characters GitHub takes in one issue or pull-request comment.
pub const GITHUB_COMMENT_LIMIT: usize = 65_536;

/// Escape text for a Markdown table cell or line: the characters that would start
/// emphasis, code, links, HTML or a new cell are backslash-escaped, line breaks become
/// spaces.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '#' | '!' => {
                out.push('\\');
                out.push(c);
            }
            '\r' => {}
            '\n' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

/// A Markdown table; `right` lists the right-aligned (numeric) columns.
struct Table {
    header: Vec<&'static str>,
    right: Vec<usize>,
    rows: Vec<Vec<String>>,
}

impl Table {
    fn new(header: &[&'static str], right: &[usize]) -> Table {
        Table {
            header: header.to_vec(),
            right: right.to_vec(),
            rows: Vec::new(),
        }
    }

    fn render(&self, out: &mut String) {
        let line = |cells: &mut dyn Iterator<Item = String>, out: &mut String| {
            out.push('|');
            for c in cells {
                out.push(' ');
                out.push_str(&c);
                out.push_str(" |");
            }
            out.push('\n');
        };
        line(&mut self.header.iter().map(|h| h.to_string()), out);
        line(
            &mut (0..self.header.len()).map(|i| {
                if self.right.contains(&i) {
                    "---:".to_string()
                } else {
                    "---".to_string()
                }
            }),
            out,
        );
        for r in &self.rows {
            line(&mut r.iter().cloned(), out);
        }
        out.push('\n');
    }
}

fn dash() -> String {
    "-".into()
}

/// `+1.00` / `-1.00` / `0.00`: a sign on every non-zero figure.
fn signed(s: String) -> String {
    if s.starts_with('-') || s.chars().all(|c| c == '0' || c == '.') {
        s
    } else {
        format!("+{s}")
    }
}

/// A money delta with its percentage of `base`: `+161.40 (+6.67 %)`.
fn delta(base: Decimal, d: Decimal) -> String {
    match pct_change(base, d) {
        Some(p) => format!("{} ({} %)", signed(fmt_cents(d)), signed(fmt_pct(p))),
        None => signed(fmt_cents(d)),
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// Cut `md` to at most `limit` characters at a line boundary, with a closing note that
/// says how much was left out; unchanged when it fits.
pub fn fit(md: &str, limit: usize, whole: &str) -> String {
    let total = md.chars().count();
    if total <= limit {
        return md.to_string();
    }
    let lines: Vec<&str> = md.split_inclusive('\n').collect();
    let note = |shown: usize| {
        format!(
            "\n> [!NOTE]\n> Cut to fit a comment of {limit} characters: {shown} of {} lines shown. {whole}\n",
            lines.len()
        )
    };
    // The note's length barely depends on the count shown; leave room for its longest form.
    let room = limit.saturating_sub(note(lines.len()).chars().count());
    let mut out = String::new();
    let mut used = 0;
    let mut shown = 0;
    for l in &lines {
        let n = l.chars().count();
        if used + n > room {
            break;
        }
        out.push_str(l);
        used += n;
        shown += 1;
    }
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
    out.push_str(&note(shown));
    // A note longer than the limit itself (a tiny --max-chars) is cut too.
    out.chars().take(limit).collect()
}

/// `vpceplan run --format markdown`: one row per scenario and priced design with its
/// monthly and hourly totals, then the designs left out as invalid and the failures, each
/// with its reason.
pub fn summary_md(outcomes: &[Outcome]) -> String {
    let mut out = String::from("### vpceplan run\n\n");
    let mut t = Table::new(
        &[
            "scenario",
            "region",
            "monthly USD",
            "hourly USD",
            "GB/month",
            "USD per GB",
            "min headroom %",
            "status",
            "AZ loss",
        ],
        &[2, 3, 4, 5, 6],
    );
    let mut invalid = Vec::new();
    let mut failed = Vec::new();
    for o in outcomes {
        match o {
            Ok(e) => t.rows.push(vec![
                esc(&e.scenario),
                esc(&e.region),
                fmt_cents(e.monthly),
                fmt_fine(e.hourly),
                fmt_qty(e.gb_processed),
                e.usd_per_gb.map(fmt_fine).unwrap_or_else(dash),
                e.min_headroom_pct
                    .map(|h| format!("{h:.1}"))
                    .unwrap_or_else(dash),
                status(e.status.as_str()),
                status(e.az_loss_status.as_str()),
            ]),
            Err(f) => {
                let name = if f.name.is_empty() { &f.file } else { &f.name };
                t.rows.push(vec![
                    esc(name),
                    String::new(),
                    dash(),
                    dash(),
                    dash(),
                    dash(),
                    dash(),
                    format!("**{}**", f.status()),
                    String::new(),
                ]);
                if f.invalid {
                    invalid.push((name, &f.message));
                } else {
                    failed.push((name, &f.message));
                }
            }
        }
    }
    let priced = outcomes.iter().filter(|o| o.is_ok()).count();
    let _ = writeln!(
        out,
        "{} priced, {} invalid, {} failed.\n",
        plural(priced, "scenario or design", "scenarios and designs"),
        invalid.len(),
        failed.len()
    );
    t.render(&mut out);
    reasons(&mut out, "Invalid designs (not priced)", &invalid);
    reasons(&mut out, "Failures", &failed);
    out
}

/// A status, in bold when it is not `ok`.
fn status(s: &str) -> String {
    if s == "ok" {
        s.to_string()
    } else {
        format!("**{s}**")
    }
}

fn reasons(out: &mut String, title: &str, items: &[(&String, &String)]) {
    if items.is_empty() {
        return;
    }
    let _ = writeln!(out, "**{title}**\n");
    for (name, why) in items {
        let _ = writeln!(out, "- {}: {}", esc(name), esc(why));
    }
    out.push('\n');
}

/// `vpceplan compare --format markdown`: per workload, its designs side by side with the
/// difference of each from the cheapest (sign and percentage), the invalid designs and
/// errors with their reasons, and the exact break-evens.
pub fn compare_md(cs: &[Comparison]) -> String {
    let mut out = String::from("### vpceplan compare\n\n");
    for c in cs {
        let _ = writeln!(out, "#### {}\n", esc(&c.scenario));
        let workload = if c.spokes == 0 && c.services == 0 {
            String::new()
        } else {
            format!(
                " · {} × {} AZs · {} · {} GB/month",
                plural(c.spokes as usize, "spoke", "spokes"),
                c.azs,
                plural(c.services, "service", "services"),
                fmt_qty(c.traffic_gb)
            )
        };
        let _ = writeln!(
            out,
            "`{}` · {}{workload} · {} h/month\n",
            c.file.replace('`', "'"),
            esc(&c.region),
            c.hours_per_month
        );
        let cheapest = c
            .designs
            .iter()
            .filter_map(|a| a.ok().map(|e| e.monthly))
            .min();
        let mut t = Table::new(
            &[
                "design",
                "valid",
                "monthly USD",
                "vs cheapest",
                "hourly USD",
                "USD per GB",
                "worst headroom %",
                "status",
                "survives AZ loss",
                "survives Region loss",
            ],
            &[2, 3, 4, 5, 6],
        );
        let mut invalid = Vec::new();
        let mut errors = Vec::new();
        for a in &c.designs {
            let e = a.ok();
            let valid = match (&a.plan.invalid, &a.eval) {
                (Some(r), _) => {
                    invalid.push((&a.plan.design, r));
                    "**invalid**".to_string()
                }
                (None, Some(Err(m))) => {
                    errors.push((&a.plan.design, m));
                    "**error**".to_string()
                }
                _ => "yes".to_string(),
            };
            let vs = match (e, cheapest) {
                (Some(e), Some(low)) if e.monthly == low => "cheapest".to_string(),
                (Some(e), Some(low)) => delta(low, e.monthly - low),
                _ => dash(),
            };
            t.rows.push(vec![
                esc(&a.plan.design),
                valid,
                e.map(|e| fmt_cents(e.monthly)).unwrap_or_else(dash),
                vs,
                e.map(|e| fmt_fine(e.hourly)).unwrap_or_else(dash),
                a.usd_per_gb().map(fmt_fine).unwrap_or_else(dash),
                e.and_then(|e| e.min_headroom_pct)
                    .map(|h| format!("{h:.1}"))
                    .unwrap_or_else(dash),
                e.map(|e| status(e.status.as_str())).unwrap_or_else(dash),
                e.map(|e| esc(az_loss_label(e.az_loss_status)))
                    .unwrap_or_else(dash),
                if e.is_some() {
                    esc(&a.region_loss.label())
                } else {
                    dash()
                },
            ]);
        }
        t.render(&mut out);
        reasons(&mut out, "Invalid designs (not priced)", &invalid);
        reasons(&mut out, "Errors", &errors);
        if !c.pairs.is_empty() {
            let mut b = Table::new(&["pair", "traffic (GB/month)", "spokes"], &[]);
            for p in &c.pairs {
                b.rows.push(vec![
                    esc(&format!("{} vs {}", p.a, p.b)),
                    esc(&match &p.traffic {
                        Ok(x) => traffic_words(x, &p.a, &p.b, c.traffic_gb),
                        Err(e) => format!("n/a: {e}"),
                    }),
                    esc(&match &p.spokes {
                        Ok(x) => spokes_words(x, &p.a, &p.b),
                        Err(e) => format!("n/a: {e}"),
                    }),
                ]);
            }
            out.push_str("**Break-even** (exact)\n\n");
            b.render(&mut out);
        }
        let _ = writeln!(out, "{}\n", esc(&nat_vs_endpoint_words(c)));
    }
    out
}

/// One pin that moved: its key, the pinned and the computed value, and the difference.
#[derive(Debug, Clone, PartialEq)]
pub struct Drift {
    pub key: &'static str,
    pub expected: String,
    pub got: String,
    pub difference: String,
}

/// What `check` found for one scenario or design.
#[derive(Debug, Clone, PartialEq)]
pub enum Checked {
    /// Could not be evaluated: the name (or file) and the message.
    Failed { name: String, message: String },
    /// No pins: what and why.
    Unpinned(String),
    /// Pins compared (`at`: file and line of the pins).
    Pinned {
        name: String,
        at: String,
        drifts: Vec<Drift>,
    },
}

/// `vpceplan check --format markdown`: the counts, then a table of every drifted pin
/// (expected, computed, difference), the failures with their messages, and the scenarios
/// that held.
pub fn check_md(found: &[Checked]) -> String {
    let mut out = String::from("### vpceplan check\n\n");
    let pinned = found
        .iter()
        .filter(|f| matches!(f, Checked::Pinned { .. }))
        .count();
    let drifted = found
        .iter()
        .filter(|f| matches!(f, Checked::Pinned { drifts, .. } if !drifts.is_empty()))
        .count();
    let failed: Vec<(&String, &String)> = found
        .iter()
        .filter_map(|f| match f {
            Checked::Failed { name, message } => Some((name, message)),
            _ => None,
        })
        .collect();
    let unpinned = found
        .iter()
        .filter(|f| matches!(f, Checked::Unpinned(_)))
        .count();
    let verdict = if drifted == 0 && failed.is_empty() {
        "✅ every pin holds"
    } else {
        "❌ pins moved or scenarios failed"
    };
    let _ = writeln!(
        out,
        "{verdict}: {pinned} pinned, {} ok, {drifted} drifted, {} failed, {unpinned} without pins.\n",
        pinned - drifted,
        failed.len()
    );
    let mut t = Table::new(
        &["scenario", "pin", "expected", "got", "difference", "where"],
        &[2, 3, 4],
    );
    for f in found {
        if let Checked::Pinned { name, at, drifts } = f {
            for d in drifts {
                t.rows.push(vec![
                    esc(name),
                    esc(d.key),
                    esc(&d.expected),
                    esc(&d.got),
                    esc(&d.difference),
                    esc(at),
                ]);
            }
        }
    }
    if !t.rows.is_empty() {
        out.push_str("**Drifted pins**\n\n");
        t.render(&mut out);
    }
    reasons(&mut out, "Failures", &failed);
    let held: Vec<String> = found
        .iter()
        .filter_map(|f| match f {
            Checked::Pinned { name, drifts, .. } if drifts.is_empty() => Some(esc(name)),
            _ => None,
        })
        .collect();
    if !held.is_empty() {
        let _ = writeln!(out, "Pins that hold: {}.\n", held.join(", "));
    }
    out
}

fn tier(r: &PriceRow) -> String {
    match r.tier_to {
        Some(t) => format!("{}–{}", r.tier_from.normalize(), t.normalize()),
        None => format!("{}+", r.tier_from.normalize()),
    }
}

/// `vpceplan pricing diff --format markdown`: the prices added, removed or changed (with
/// signed deltas and percentages), then each scenario's monthly cost under both books with
/// its delta, a total over the scenarios priced under both, and the failures with their
/// messages.
pub fn pricing_diff_md(
    old_origin: &str,
    new_origin: &str,
    d: &PriceDiff,
    moves: &[ScenarioMove],
) -> String {
    let mut out = String::from("### vpceplan pricing diff\n\n");
    let _ = writeln!(
        out,
        "Prices: {} → {}: {} added, {} removed, {} changed; {} unchanged ({} with only a new effective date, source or verified flag).\n",
        esc(old_origin),
        esc(new_origin),
        d.count(ChangeKind::Added),
        d.count(ChangeKind::Removed),
        d.count(ChangeKind::Changed),
        d.unchanged,
        d.metadata_only
    );
    if !d.changes.is_empty() {
        let mut t = Table::new(
            &[
                "change",
                "region",
                "component",
                "variant",
                "tier",
                "unit",
                "old USD",
                "new USD",
                "delta USD",
                "delta %",
            ],
            &[6, 7, 8, 9],
        );
        for c in &d.changes {
            let row = c.new.as_ref().or(c.old.as_ref());
            let usd = |r: &Option<PriceRow>| {
                r.as_ref()
                    .map(|r| r.usd.normalize().to_string())
                    .unwrap_or_else(dash)
            };
            t.rows.push(vec![
                c.kind.to_string(),
                esc(&c.region),
                esc(&c.component),
                esc(&c.variant),
                row.map(tier).unwrap_or_default(),
                esc(&row.map(|r| r.unit.clone()).unwrap_or_default()),
                usd(&c.old),
                usd(&c.new),
                c.delta()
                    .map_or_else(dash, |x| signed(x.normalize().to_string())),
                c.pct().map_or_else(dash, |p| signed(fmt_pct(p))),
            ]);
        }
        t.render(&mut out);
    }
    if moves.is_empty() {
        return out;
    }
    out.push_str("**Scenarios** (monthly cost)\n\n");
    let mut t = Table::new(
        &[
            "scenario",
            "old USD",
            "new USD",
            "delta USD",
            "delta %",
            "status",
        ],
        &[1, 2, 3, 4],
    );
    let (mut old_total, mut new_total, mut both) = (Decimal::ZERO, Decimal::ZERO, 0usize);
    let mut failed = Vec::new();
    for m in moves {
        let total = |r: &Result<Decimal, String>| match r {
            Ok(d) => fmt_cents(*d),
            Err(_) => "error".into(),
        };
        if let (Ok(o), Ok(n)) = (&m.old, &m.new) {
            old_total += *o;
            new_total += *n;
            both += 1;
        }
        for (book, r) in [("OLD", &m.old), ("NEW", &m.new)] {
            if let Err(msg) = r {
                failed.push((m.name.clone(), format!("fails under {book}: {msg}")));
            }
        }
        let st = match m.status() {
            MoveStatus::Same => "same".to_string(),
            MoveStatus::Changed => "changed".to_string(),
            MoveStatus::FailsOld => "**fails under OLD**".to_string(),
            MoveStatus::FailsNew => "**fails under NEW**".to_string(),
            MoveStatus::FailsBoth => "**fails under both**".to_string(),
        };
        t.rows.push(vec![
            esc(&m.name),
            total(&m.old),
            total(&m.new),
            m.delta().map_or_else(dash, |x| signed(fmt_cents(x))),
            m.pct().map_or_else(dash, |p| signed(fmt_pct(p))),
            st,
        ]);
    }
    if both > 0 {
        let d = new_total - old_total;
        t.rows.push(vec![
            format!(
                "**total** ({})",
                plural(both, "priced under both", "priced under both")
            ),
            format!("**{}**", fmt_cents(old_total)),
            format!("**{}**", fmt_cents(new_total)),
            format!("**{}**", signed(fmt_cents(d))),
            pct_change(old_total, d).map_or_else(dash, |p| format!("**{}**", signed(fmt_pct(p)))),
            String::new(),
        ]);
    }
    t.render(&mut out);
    let count = |s: MoveStatus| moves.iter().filter(|m| m.status() == s).count();
    let _ = writeln!(
        out,
        "{}: {} changed, {} same, {} failed under one book or both.\n",
        plural(moves.len(), "scenario", "scenarios"),
        count(MoveStatus::Changed),
        count(MoveStatus::Same),
        moves.iter().filter(|m| m.status().failed()).count()
    );
    let refs: Vec<(&String, &String)> = failed.iter().map(|(a, b)| (a, b)).collect();
    reasons(&mut out, "Failures", &refs);
    out
}
