//! `vpceplan sweep`: evaluate every point of a sweep file in parallel, streamed to
//! `sweep.csv` (and `breakeven.csv`), atomically.

use super::Exit;
use super::common::Env;
use crate::error::{Error, Result};
use crate::output::write_atomic_with;
use crate::sweep::{self, Plan, Shard};
use indicatif::{ProgressBar, ProgressStyle};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::time::Instant;

/// Options of `vpceplan sweep`.
#[derive(Debug, Clone)]
pub struct SweepArgs {
    pub file: PathBuf,
    pub out: Option<PathBuf>,
    pub shard: Option<Shard>,
    pub no_header: bool,
    pub max_points: u64,
    pub yes: bool,
    pub chunk: u64,
    pub reference: bool,
    pub count: bool,
    /// Draw cost against the swept axis next to sweep.csv.
    pub charts: bool,
    /// At most this many charts.
    pub max_charts: usize,
}

pub use crate::money::grouped;

pub fn sweep(env: &Env, args: &SweepArgs) -> Result<Exit> {
    let sw = sweep::load(&args.file, &env.book)?;
    let shard = args.shard.unwrap_or(Shard::ALL);
    let (start, end) = shard.range(sw.total);
    let n = end - start;
    let shape = sw
        .axes
        .iter()
        .map(|a| format!("{} ({})", a.name, grouped(a.values.len())))
        .collect::<Vec<_>>()
        .join(" × ");
    if args.count {
        out!("{} points: {shape}", grouped(sw.total));
        if shard != Shard::ALL {
            out!(
                "shard {}/{}: points {}..{} ({})",
                shard.index,
                shard.count,
                start,
                end,
                grouped(n)
            );
        }
        return Ok(0);
    }
    if args.charts && shard != Shard::ALL {
        eprintln!(
            "error: --charts draws from the whole sweep.csv, and --shard {}/{} writes a part of it\n  hint: draw the charts from a whole sweep (or concatenate the parts and sweep without --shard)",
            shard.index, shard.count
        );
        return Ok(2);
    }
    if n > args.max_points && !args.yes {
        eprintln!(
            "error: {}: this sweep has {} points{} ({shape}), over the limit of {}\n  hint: run it anyway with --yes, raise --max-points, or split it with --shard I/N (see README.md, \"Big sweeps\")",
            sw.file,
            grouped(n),
            if shard == Shard::ALL {
                String::new()
            } else {
                format!(" in shard {}/{}", shard.index, shard.count)
            },
            grouped(args.max_points)
        );
        return Ok(2);
    }
    let out = args
        .out
        .clone()
        .unwrap_or_else(|| PathBuf::from("reports").join("sweeps").join(&sw.name));
    let header = !args.no_header && shard.writes_header();
    // Unverified prices the scenarios use as written (points elsewhere in the sweep, in
    // other Regions, may use others; `vpceplan run` on a point shows its own).
    if !env.quiet {
        let mut seen = std::collections::BTreeSet::new();
        for s in &sw.base_scenarios {
            if let Ok(e) = crate::engine::evaluate(s, &env.book) {
                for w in e.warnings {
                    if seen.insert(w.clone()) {
                        env.warn(&format!("{}: {w}", s.name));
                    }
                }
            }
        }
    }
    let plan = Plan::new(&sw, &env.book, args.reference);
    let progress = (!env.quiet && std::io::stderr().is_terminal() && n > args.chunk).then(|| {
        let p = ProgressBar::new(n);
        if let Ok(style) = ProgressStyle::with_template(
            "{bar:40} {human_pos}/{human_len} points  {per_sec}  eta {eta}",
        ) {
            p.set_style(style);
        }
        p
    });
    let t0 = Instant::now();
    let csv_path = out.join(shard.file_name("sweep"));
    // The byte-order mark goes with the header: only the file that starts the CSV has it.
    let bom = |w: &mut dyn std::io::Write, path: &std::path::Path| -> Result<()> {
        if env.csv_bom && header {
            w.write_all(crate::output::UTF8_BOM)
                .map_err(|e| Error::io(path, e))?;
        }
        Ok(())
    };
    write_atomic_with(&csv_path, |w| {
        bom(w, &csv_path)?;
        sweep::write_sweep(
            &plan,
            &env.pool,
            w,
            (start, end),
            header,
            args.chunk,
            progress.as_ref(),
        )
        .map_err(|e| Error::io(&csv_path, e))
    })?;
    if let Some(p) = &progress {
        p.finish_and_clear();
    }
    let mut written = vec![csv_path.display().to_string()];
    if sw.breakeven.is_some() {
        let be_path = out.join(shard.file_name("breakeven"));
        write_atomic_with(&be_path, |w| {
            bom(w, &be_path)?;
            sweep::write_breakeven(&plan, &env.pool, w, shard, header)
        })?;
        written.push(be_path.display().to_string());
    }
    // The rate is the sweep's: charts are drawn after the clock stops.
    let secs = t0.elapsed().as_secs_f64();
    if args.charts {
        charts(env, &sw, &out, args.max_charts, &mut written)?;
    }
    if !env.quiet {
        eprintln!(
            "{} points in {secs:.2} s ({:.0} points/s) → {}",
            grouped(n),
            n as f64 / secs.max(1e-9),
            written.join(", ")
        );
    }
    Ok(0)
}

/// Draw cost against the swept axis from the sweep.csv (and breakeven.csv) just written.
fn charts(
    env: &Env,
    sw: &sweep::Sweep,
    out: &std::path::Path,
    max: usize,
    written: &mut Vec<String>,
) -> Result<()> {
    use crate::report::sweep_charts::{chart_axes, sweep_charts};
    let Some(axes) = chart_axes(sw) else {
        env.warn(&format!(
            "{}: no numeric axis with two values or more to draw cost against; no charts",
            sw.file
        ));
        return Ok(());
    };
    let open = |name: &str| -> Result<Option<std::io::BufReader<std::fs::File>>> {
        let p = out.join(name);
        if !p.exists() {
            return Ok(None);
        }
        let f = std::fs::File::open(&p).map_err(|e| Error::io(&p, e))?;
        Ok(Some(std::io::BufReader::new(f)))
    };
    let sweep_csv = open("sweep.csv")?
        .ok_or_else(|| Error::Msg(format!("{}: sweep.csv is missing", out.display())))?;
    let be = if sw.breakeven.is_some() {
        open("breakeven.csv")?
    } else {
        None
    };
    let got = sweep_charts(&axes, sweep_csv, be, max, "").map_err(|e| {
        Error::Msg(format!(
            "{}: cannot read sweep.csv back: {e}",
            out.display()
        ))
    })?;
    let drawn = super::charts_out::draw(env, &got.charts)?;
    super::charts_out::write(out, &got.charts, &drawn)?;
    if let Some(first) = got.charts.first() {
        written.push(format!(
            "{} chart{} ({}{})",
            got.charts.len(),
            if got.charts.len() == 1 { "" } else { "s" },
            out.join(first.svg_path()).display(),
            if got.charts.len() > 1 { ", ..." } else { "" }
        ));
    }
    if got.combos > got.charts.len() as u64 && !env.quiet {
        eprintln!(
            "charts: {} of {} combinations of {} (an evenly spaced selection; --max-charts N for more)",
            got.charts.len(),
            grouped(got.combos),
            axes.others.join(" × ")
        );
    }
    Ok(())
}
