//! Plain-text tables for the terminal.

use crate::money::{fmt_cents, fmt_fine, fmt_qty};
use crate::ops::Outcome;

/// A table of text cells; numbers right-aligned.
#[derive(Debug, Default, Clone)]
pub struct Table {
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
    /// Columns to right-align.
    pub right: Vec<usize>,
}

impl Table {
    pub fn new(header: &[&str], right: &[usize]) -> Table {
        Table {
            header: header.iter().map(|s| s.to_string()).collect(),
            rows: Vec::new(),
            right: right.to_vec(),
        }
    }

    /// Render with two spaces between columns.
    pub fn render(&self) -> String {
        let n = self.header.len();
        let mut w = vec![0usize; n];
        for r in std::iter::once(&self.header).chain(self.rows.iter()) {
            for (i, c) in r.iter().enumerate().take(n) {
                w[i] = w[i].max(c.chars().count());
            }
        }
        let mut out = String::new();
        let line = |r: &Vec<String>, out: &mut String| {
            let mut s = String::new();
            for (i, width) in w.iter().enumerate() {
                let c = r.get(i).map(String::as_str).unwrap_or("");
                let pad = width.saturating_sub(c.chars().count());
                if i > 0 {
                    s.push_str("  ");
                }
                if self.right.contains(&i) {
                    s.push_str(&" ".repeat(pad));
                    s.push_str(c);
                } else {
                    s.push_str(c);
                    if i + 1 < n {
                        s.push_str(&" ".repeat(pad));
                    }
                }
            }
            out.push_str(s.trim_end());
            out.push('\n');
        };
        line(&self.header, &mut out);
        let rule: Vec<String> = w.iter().map(|x| "-".repeat(*x)).collect();
        line(&rule, &mut out);
        for r in &self.rows {
            line(r, &mut out);
        }
        out
    }
}

/// The summary table `vpceplan run` prints.
pub fn summary_table(outcomes: &[Outcome]) -> String {
    let mut t = Table::new(
        &[
            "scenario",
            "region",
            "monthly_usd",
            "hourly_usd",
            "gb_per_month",
            "usd_per_gb",
            "min_headroom_%",
            "status",
            "az_loss",
            "quotas",
        ],
        &[2, 3, 4, 5, 6],
    );
    for o in outcomes {
        match o {
            Ok(e) => t.rows.push(vec![
                e.scenario.clone(),
                e.region.clone(),
                fmt_cents(e.monthly),
                fmt_fine(e.hourly),
                fmt_qty(e.gb_processed),
                e.usd_per_gb.map(fmt_fine).unwrap_or_else(|| "-".into()),
                e.min_headroom_pct
                    .map(|h| format!("{h:.1}"))
                    .unwrap_or_else(|| "-".into()),
                e.status.to_string(),
                e.az_loss_status.to_string(),
                e.quotas.standing.to_string(),
            ]),
            Err(f) => t.rows.push(vec![
                if f.name.is_empty() {
                    f.file.clone()
                } else {
                    f.name.clone()
                },
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                f.status().to_uppercase(),
                String::new(),
                super::failed_quotas(f).to_string(),
            ]),
        }
    }
    t.render()
}
