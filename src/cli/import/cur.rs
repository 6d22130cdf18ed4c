//! `vpceplan import cur FILE... [--out DIR]`: a month of AWS cost exports into a usage
//! summary (`bill.csv`), a baseline scenario of today's resources (`baseline.toml`) and a
//! reconciliation of the export's cost with vpceplan's for it (`reconcile.csv`).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::bill::{self, baseline, reconcile, render};
use crate::cli::{Env, Exit};
use crate::error::{Error, Result};
use crate::money::fmt_cents;
use crate::output::write_atomic;

/// Arguments of `vpceplan import cur`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Export files of one month: CUR 2.0 (Parquet or gzip CSV), legacy CUR (CSV or gzip
    /// CSV) or FOCUS (CSV, gzip CSV or Parquet); the form is told by content.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Folder for bill.csv, baseline.toml and reconcile.csv.
    #[arg(long, value_name = "DIR", default_value = "reports/cur")]
    pub out: PathBuf,
    /// Name of the baseline scenario [default: baseline-YYYY-MM].
    #[arg(long)]
    pub name: Option<String>,
    /// Exit 0 even when a difference over a cent is not explained.
    #[arg(long)]
    pub allow_unreconciled: bool,
}

/// `vpceplan import cur`.
pub fn run(env: &Env, args: &Args) -> Result<Exit> {
    let summary = bill::read_exports(&args.files).map_err(|e| Error::Msg(e.to_string()))?;
    let name = args
        .name
        .clone()
        .unwrap_or_else(|| format!("baseline-{}", summary.period));
    let base = baseline::baseline(&summary, &name);
    let out = &args.out;
    let baseline_path = out.join("baseline.toml");
    let shown_baseline = baseline_path.display().to_string();
    let mut scenario = crate::scenario::parse_scenario(&shown_baseline, &base.toml, &env.book)
        .map_err(|e| Error::Msg(format!("the baseline scenario does not validate: {e}")))?;
    // Blocks the book cannot price are left out of the priced scenario, and their
    // reconciliation rows say why: never a silent zero.
    let mut unpriced: Vec<(String, String)> = Vec::new();
    for b in &base.blocks {
        let missing: Vec<String> = b
            .prices
            .iter()
            .filter(|(c, v)| !env.book.has(&b.region, c, v))
            .map(|(c, v)| {
                if v.is_empty() {
                    format!("`{c}`")
                } else {
                    format!("`{c}` ({v})")
                }
            })
            .collect();
        if !missing.is_empty() {
            unpriced.push((
                b.label.clone(),
                format!(
                    "no price for {} in Region {} in the price book ({})",
                    missing.join(", "),
                    b.region,
                    env.book.origin
                ),
            ));
        }
    }
    let left_out: BTreeSet<&str> = unpriced.iter().map(|(l, _)| l.as_str()).collect();
    scenario
        .resources
        .retain(|r| !left_out.contains(r.label.as_str()));
    let evaluation = crate::engine::evaluate(&scenario, &env.book)?;
    let rec = reconcile::reconcile(&summary, &base, &evaluation.lines, &unpriced, &env.book);

    // Everything is computed: write the three files, each atomically.
    let bill_path = out.join("bill.csv");
    let rec_path = out.join("reconcile.csv");
    write_atomic(&bill_path, &render::bill_csv(&summary))?;
    write_atomic(&baseline_path, base.toml.as_bytes())?;
    write_atomic(&rec_path, &render::reconcile_csv(&rec))?;

    let formats: Vec<&str> = summary.formats.iter().map(|f| f.name()).collect();
    out!(
        "{} file(s), {} export, billing period {}: {} line item(s), {} account(s)",
        summary.files.len(),
        formats.join(" + "),
        summary.period,
        crate::money::grouped(summary.rows),
        summary
            .usage
            .keys()
            .map(|k| k.account.as_str())
            .chain(summary.other_usage.keys().map(|k| k.account.as_str()))
            .collect::<BTreeSet<_>>()
            .len()
    );
    out!(
        "  usage vpceplan prices: ${}; other usage: ${} ({} usage type(s)); not usage (tax, credits, fees...): ${}",
        fmt_cents(summary.priced_cost()),
        fmt_cents(summary.other_cost()),
        summary
            .other_usage
            .keys()
            .map(|k| k.usage_type.as_str())
            .collect::<BTreeSet<_>>()
            .len(),
        fmt_cents(summary.non_usage_cost())
    );
    let (export_total, vp_total) = rec.totals();
    out!(
        "  baseline: {} block(s) in {} ({} h month); vpceplan ${} vs export ${} (net of adjustments)",
        base.blocks.len(),
        // Every Region the blocks are in (a baseline may span several; the scenario's
        // own Region is only the default of blocks that name none).
        base.blocks
            .iter()
            .map(|b| b.region.as_str())
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect::<Vec<_>>()
            .join(", "),
        base.hours_per_month,
        fmt_cents(vp_total),
        fmt_cents(export_total)
    );
    const SHOWN: usize = 10;
    for n in base.notes.iter().take(SHOWN) {
        out!("  note: {n}");
    }
    if base.notes.len() > SHOWN {
        out!(
            "  ... and {} more note(s), at the end of {shown_baseline}",
            base.notes.len() - SHOWN
        );
    }
    for w in &evaluation.warnings {
        env.warn(w);
    }
    out!(
        "wrote {}, {}, {}",
        bill_path.display(),
        shown_baseline,
        rec_path.display()
    );
    let bad = rec.unreconciled();
    if bad.is_empty() {
        return Ok(0);
    }
    eprintln!(
        "{} reconciliation row(s) differ by more than a cent for no known reason:",
        bad.len()
    );
    for r in bad.iter().take(20) {
        eprintln!(
            "  {} {} {}: export ${} vs vpceplan ${}: {}",
            r.account,
            r.region,
            r.usage_type,
            fmt_cents(r.export_cost),
            r.vpceplan_cost.map_or("-".to_string(), fmt_cents),
            r.explanation
        );
    }
    if bad.len() > 20 {
        eprintln!("  ... and {} more", bad.len() - 20);
    }
    if args.allow_unreconciled {
        eprintln!("  (--allow-unreconciled: exit status 0)");
        Ok(0)
    } else {
        eprintln!(
            "  hint: see {}; pass --allow-unreconciled to accept them",
            Path::new(&rec_path).display()
        );
        Ok(1)
    }
}
