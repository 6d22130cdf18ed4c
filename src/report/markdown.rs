//! GitHub-flavoured Markdown for pull-request comments: `run`, `compare`, `check` and
//! `pricing diff` with `--format markdown`. Results in, text out.
//!
//! Money is printed as the CSVs print it (rounded once, by [`crate::money`]); deltas carry
//! a sign and a percentage of the old (or cheapest) figure. Every piece of user text is
//! escaped so that it reads as written and cannot open a link, an image or HTML. A comment
//! longer than the cap (GitHub's is [`GITHUB_COMMENT_LIMIT`] characters) is cut at a line
//! and says so ([`fit`]).

use super::compare::{nat_vs_endpoint_words, spokes_words, traffic_words};
use crate::designs::compare::{Comparison, az_loss_label};
use crate::money::fmt_pct;
use crate::money::{fmt_cents, fmt_fine, fmt_qty};
use crate::ops::{Checked, Outcome};
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
                "quotas",
                "monthly USD",
                "vs cheapest",
                "hourly USD",
                "USD per GB",
                "worst headroom %",
                "status",
                "survives AZ loss",
                "survives Region loss",
            ],
            &[3, 4, 5, 6, 7],
        );
        let mut invalid = Vec::new();
        let mut errors = Vec::new();
        let mut increases: Vec<(&String, String)> = Vec::new();
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
            for q in a.quotas.iter().flat_map(|q| q.increases()) {
                increases.push((&a.plan.design, q.words()));
            }
            t.rows.push(vec![
                esc(&a.plan.design),
                valid,
                match a.quota_standing() {
                    Some(crate::quotas::Standing::Ok) => "ok".to_string(),
                    Some(s) => format!("**{}**", s.as_str()),
                    None => dash(),
                },
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
        let increases: Vec<(&String, &String)> = increases.iter().map(|(d, w)| (*d, w)).collect();
        reasons(
            &mut out,
            "Quota increases needed (adjustable AWS service quotas)",
            &increases,
        );
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
    let labels: Vec<(String, &String)> = found
        .iter()
        .filter_map(|f| match f {
            Checked::Failed(f) => Some((f.label().to_string(), &f.message)),
            _ => None,
        })
        .collect();
    let failed: Vec<(&String, &String)> = labels.iter().map(|(a, b)| (a, *b)).collect();
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ops::{Drift, FailedScenario};
    use crate::pricing::PriceBook;
    use crate::pricing::diff::PriceChange;
    use crate::scenario::parse_scenario;
    use rust_decimal_macros::dec;

    fn book() -> PriceBook {
        PriceBook::builtin().expect("built-in book")
    }

    #[test]
    fn user_text_cannot_open_markup() {
        assert_eq!(
            esc("a|b <img> [x](y) *z* `c` _u_\nnext"),
            "a\\|b \\<img\\> \\[x\\](y) \\*z\\* \\`c\\` \\_u\\_ next"
        );
        assert_eq!(esc("ecr-s3-spokes/nat"), "ecr-s3-spokes/nat");
    }

    #[test]
    fn run_summary_with_totals_invalid_designs_and_failures() {
        // The seed post's console design: 2 endpoints × 2 AZ × 730 h × $0.01 = 29.20,
        // 2 Resolver IPs × 730 h × $0.125 = 182.50, one zone 0.50: 212.20 a month,
        // 212.20 / 730 = 0.290685 an hour.
        let s = parse_scenario(
            "c.toml",
            "name = \"console\"\nregion = \"us-east-1\"\n[[interface_endpoint]]\nservice = \"console\"\nazs = 2\n[[interface_endpoint]]\nservice = \"signin\"\nazs = 2\n[[resolver_endpoint]]\ndirection = \"inbound\"\n[[hosted_zone]]\n",
            &book(),
        )
        .unwrap();
        let e = crate::engine::evaluate(&s, &book()).unwrap();
        let outcomes = vec![
            Ok(e),
            Err(FailedScenario {
                file: "w.toml".into(),
                name: "w/nat".into(),
                message: "`payments` has no public endpoint".into(),
                invalid: true,
            }),
            Err(FailedScenario {
                file: "bad|name.toml".into(),
                name: String::new(),
                message: "bad.toml:3: unknown key\n  hint: fix it".into(),
                invalid: false,
            }),
        ];
        assert_eq!(
            summary_md(&outcomes),
            "### vpceplan run\n\n\
             1 scenario or design priced, 1 invalid, 1 failed.\n\n\
             | scenario | region | monthly USD | hourly USD | GB/month | USD per GB | min headroom % | status | AZ loss |\n\
             | --- | --- | ---: | ---: | ---: | ---: | ---: | --- | --- |\n\
             | console | us-east-1 | 212.20 | 0.290685 | 0 | - | 100.0 | ok | ok |\n\
             | w/nat |  | - | - | - | - | - | **invalid** |  |\n\
             | bad\\|name.toml |  | - | - | - | - | - | **error** |  |\n\n\
             **Invalid designs (not priced)**\n\n\
             - w/nat: \\`payments\\` has no public endpoint\n\n\
             **Failures**\n\n\
             - bad\\|name.toml: bad.toml:3: unknown key   hint: fix it\n\n"
        );
    }

    #[test]
    fn compare_gives_each_design_its_signed_difference_from_the_cheapest() {
        // One spoke in 2 AZs sending 1000 GB a month to STS:
        //   nat: 2 NAT gateways × 730 h × $0.045 = 65.70, 1000 GB × $0.045 = 45.00: 110.70
        //   distributed: 2 endpoint-AZs × 730 h × $0.01 = 14.60, 1000 GB × $0.01 = 10.00: 24.60
        //   nat − distributed = 86.10, 86.10 / 24.60 = +350.00 %.
        let s = parse_scenario(
            "w.toml",
            "name = \"w\"\nregion = \"us-east-1\"\n[workload]\nspokes = 1\nazs = 2\nservices = [\"sts\"]\ngb_per_month_per_spoke = 1000\n[compare]\ndesigns = [\"nat\", \"distributed\"]\n",
            &book(),
        )
        .unwrap();
        let c = crate::designs::compare::comparison(&s, &book());
        let md = compare_md(&[c]);
        let table = "| design | valid | quotas | monthly USD | vs cheapest | hourly USD | USD per GB | worst headroom % | status | survives AZ loss | survives Region loss |\n\
             | --- | --- | --- | ---: | ---: | ---: | ---: | ---: | --- | --- | --- |\n\
             | nat | yes | ok | 110.70 | +86.10 (+350.00 %) | 0.151644 | 0.1107 | 100.0 | ok | yes | no (one Region) |\n\
             | distributed | yes | ok | 24.60 | cheapest | 0.033699 | 0.0246 | 100.0 | ok | yes | no (one Region) |\n\n";
        assert!(
            md.starts_with(&format!(
                "### vpceplan compare\n\n#### w\n\n`w.toml` · us-east-1 · 1 spoke × 2 AZs · 1 service · 1000 GB/month · 730 h/month\n\n{table}**Break-even** (exact)\n\n\
                 | pair | traffic (GB/month) | spokes |\n| --- | --- | --- |\n\
                 | nat vs distributed | never (distributed cheaper throughout) | never (distributed cheaper throughout) |\n\n"
            )),
            "{md}"
        );
    }

    #[test]
    fn check_lists_drifted_pins_and_failures() {
        let found = vec![
            Checked::Pinned {
                name: "a".into(),
                at: "a.toml:9".into(),
                drifts: vec![Drift {
                    key: "monthly_usd",
                    expected: "15.00".into(),
                    got: "14.60".into(),
                    difference: "-0.40".into(),
                }],
            },
            Checked::Pinned {
                name: "b".into(),
                at: "b.toml:3".into(),
                drifts: vec![],
            },
            Checked::Failed(FailedScenario {
                file: "c.toml".into(),
                name: "c".into(),
                message: "no price".into(),
                invalid: false,
            }),
            Checked::Unpinned("d (no [expect] pins)".into()),
        ];
        assert_eq!(
            check_md(&found),
            "### vpceplan check\n\n\
             ❌ pins moved or scenarios failed: 2 pinned, 1 ok, 1 drifted, 1 failed, 1 without pins.\n\n\
             **Drifted pins**\n\n\
             | scenario | pin | expected | got | difference | where |\n\
             | --- | --- | ---: | ---: | ---: | --- |\n\
             | a | monthly\\_usd | 15.00 | 14.60 | -0.40 | a.toml:9 |\n\n\
             **Failures**\n\n\
             - c: no price\n\n\
             Pins that hold: b.\n\n"
        );
        assert!(check_md(&found[1..2]).contains("✅ every pin holds: 1 pinned, 1 ok"));
    }

    fn row(usd: Decimal) -> PriceRow {
        PriceRow {
            region: "us-east-1".into(),
            component: "nat_gateway_gb".into(),
            variant: String::new(),
            tier_from: Decimal::ZERO,
            tier_to: None,
            unit: "GB".into(),
            usd,
            effective: "2026-11-30".into(),
            source: "test".into(),
            verified: true,
        }
    }

    #[test]
    fn pricing_diff_signs_deltas_and_totals_the_scenarios_priced_under_both() {
        let d = PriceDiff {
            changes: vec![PriceChange {
                kind: ChangeKind::Changed,
                region: "us-east-1".into(),
                component: "nat_gateway_gb".into(),
                variant: String::new(),
                tier_from: Decimal::ZERO,
                old: Some(row(dec!(0.045))),
                new: Some(row(dec!(0.05))),
                fields: vec!["usd"],
            }],
            unchanged: 53,
            metadata_only: 0,
        };
        let moves = vec![
            // 13598.55 → 15098.55: +1500.00, 1500 / 13598.55 = +11.03 %.
            ScenarioMove {
                name: "snowflake".into(),
                file: "s.toml".into(),
                old: Ok(dec!(13598.55)),
                new: Ok(dec!(15098.55)),
            },
            // 212.20 → 200.00: −12.20, −12.20 / 212.20 = −5.75 %.
            ScenarioMove {
                name: "console".into(),
                file: "c.toml".into(),
                old: Ok(dec!(212.20)),
                new: Ok(dec!(200.00)),
            },
            ScenarioMove {
                name: "arc".into(),
                file: "a.toml".into(),
                old: Ok(dec!(1904.40)),
                new: Err("no price for `arc_cluster_hour`".into()),
            },
        ];
        // Total of the two priced under both: 13810.75 → 15298.55, +1487.80, +10.77 %.
        assert_eq!(
            pricing_diff_md("built-in", "next", &d, &moves),
            "### vpceplan pricing diff\n\n\
             Prices: built-in → next: 0 added, 0 removed, 1 changed; 53 unchanged (0 with only a new effective date, source or verified flag).\n\n\
             | change | region | component | variant | tier | unit | old USD | new USD | delta USD | delta % |\n\
             | --- | --- | --- | --- | --- | --- | ---: | ---: | ---: | ---: |\n\
             | changed | us-east-1 | nat\\_gateway\\_gb |  | 0+ | GB | 0.045 | 0.05 | +0.005 | +11.11 |\n\n\
             **Scenarios** (monthly cost)\n\n\
             | scenario | old USD | new USD | delta USD | delta % | status |\n\
             | --- | ---: | ---: | ---: | ---: | --- |\n\
             | snowflake | 13598.55 | 15098.55 | +1500.00 | +11.03 | changed |\n\
             | console | 212.20 | 200.00 | -12.20 | -5.75 | changed |\n\
             | arc | 1904.40 | error | - | - | **fails under NEW** |\n\
             | **total** (2 priced under both) | **13810.75** | **15298.55** | **+1487.80** | **+10.77** |  |\n\n\
             3 scenarios: 2 changed, 0 same, 1 failed under one book or both.\n\n\
             **Failures**\n\n\
             - arc: fails under NEW: no price for \\`arc\\_cluster\\_hour\\`\n\n"
        );
    }

    #[test]
    fn a_long_comment_is_cut_at_a_line_with_a_note() {
        let md: String = (0..1000).map(|i| format!("| row {i} |\n")).collect();
        assert_eq!(fit(&md, 1_000_000, "x"), md);
        let cut = fit(&md, 2000, "Run it locally for all of it.");
        assert!(cut.chars().count() <= 2000, "{}", cut.chars().count());
        assert!(cut.starts_with("| row 0 |\n| row 1 |\n"));
        let shown = cut.lines().filter(|l| l.starts_with("| row")).count();
        assert!(cut.ends_with(&format!(
            "\n> [!NOTE]\n> Cut to fit a comment of 2000 characters: {shown} of 1000 lines shown. Run it locally for all of it.\n"
        )));
        // Whole lines only, and as many as fit.
        assert!(shown > 150, "{shown}");
        assert!(
            cut.lines()
                .all(|l| l.is_empty() || l.starts_with("| row") || l.starts_with('>'))
        );
        assert!(fit(&md, 10, "x").chars().count() <= 10);
    }
}
