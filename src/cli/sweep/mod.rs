//! `vpceplan sweep`: evaluate every point of a sweep file in parallel, streamed to
//! `sweep.csv` (and `breakeven.csv`), atomically; with `--shard`, one slice of it as part
//! files and their manifest. `vpceplan sweep merge`: the parts checked and joined.

mod merge;

use super::{Env, Exit};
use crate::error::{Error, Result};
use crate::output::{write_atomic, write_atomic_with};
use crate::sweep::manifest::{self, Manifest, Tally};
use crate::sweep::{self, Plan, Shard, ShardSpec};
use indicatif::{ProgressBar, ProgressStyle};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Arguments of `vpceplan sweep`: a sweep file to run, or `merge`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub command: Option<SweepCommand>,
    #[command(flatten)]
    pub run: RunArgs,
}

#[derive(Debug, clap::Subcommand)]
pub enum SweepCommand {
    /// Check the parts of a sharded sweep against their manifests (every shard 1..N there
    /// once, all of the same sweep, price book and vpceplan version, rows and SHA-256 as
    /// written) and only then join them into sweep.csv and breakeven.csv, atomically.
    /// Any problem is listed with the command that re-runs the shard, and nothing is
    /// written (exit status 1).
    Merge(merge::Args),
}

/// `vpceplan sweep FILE`'s options.
#[derive(Debug, clap::Args)]
pub struct RunArgs {
    /// Sweep file: a scenario plus a [sweep] table of axes.
    #[arg(required = true)]
    file: Option<PathBuf>,
    /// Report folder [default: reports/sweeps/NAME].
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// Evaluate only the I-th of N equal slices of the points (I from 1 to N), written as
    /// sweep.part-I-of-N.csv (breakeven.part-I-of-N.csv) with a manifest,
    /// sweep.part-I-of-N.manifest.json; `vpceplan sweep merge` checks and joins them.
    /// SYSTEM/N takes I from a job array: slurm/N (SLURM_ARRAY_TASK_ID, --array=1-N),
    /// aws-batch[/N] (AWS_BATCH_JOB_ARRAY_INDEX + 1; N defaults to
    /// AWS_BATCH_JOB_ARRAY_SIZE), k8s/N (JOB_COMPLETION_INDEX + 1).
    #[arg(long, value_name = "I/N")]
    shard: Option<ShardSpec>,
    /// Write no header line (shard 1 included).
    #[arg(long)]
    no_header: bool,
    /// Refuse sweeps (or shards) of more points than this unless --yes.
    #[arg(long, value_name = "N", default_value_t = sweep::DEFAULT_MAX_POINTS)]
    max_points: u64,
    /// Run a sweep over --max-points.
    #[arg(long, short = 'y')]
    yes: bool,
    /// Print the number of points and the axes, and stop.
    #[arg(long)]
    count: bool,
    /// Also draw cost against the swept axis (SVG and PNG next to sweep.csv), one line
    /// per design, the crossings of breakeven.csv marked: one chart per combination of
    /// the other axes, at most --max-charts of them.
    #[arg(long)]
    charts: bool,
    /// With --charts: draw at most this many charts (an evenly spaced selection of the
    /// other axes' combinations).
    #[arg(long, value_name = "N", default_value_t = 24)]
    max_charts: usize,
    /// Evaluate every point with the full engine instead of the fast path (slow; for
    /// checking the fast path).
    #[arg(long, hide = true)]
    reference: bool,
    /// Points per streamed chunk (memory use scales with it).
    #[arg(long, value_name = "N", default_value_t = sweep::stream::DEFAULT_CHUNK, hide = true)]
    chunk: u64,
}

/// `vpceplan sweep FILE` or `vpceplan sweep merge DIR...`.
pub fn run(env: &Env, args: &Args) -> Result<Exit> {
    match (&args.command, &args.run.file) {
        (Some(SweepCommand::Merge(m)), _) => merge::run(env, m),
        (None, Some(file)) => sweep(env, file, &args.run),
        (None, None) => {
            eprintln!("error: vpceplan sweep needs a sweep FILE (or `sweep merge DIR`)");
            Ok(2)
        }
    }
}

use crate::money::grouped;

/// Run one sweep file (or one shard of it).
fn sweep(env: &Env, file: &Path, args: &RunArgs) -> Result<Exit> {
    // The shard first: a job array's missing variable is told before any work.
    let sharded = match args.shard {
        None => None,
        Some(spec) => match spec.resolve(|k| std::env::var(k).ok()) {
            Ok(s) => Some(s),
            Err(e) => {
                eprintln!("error: --shard: {e}");
                return Ok(2);
            }
        },
    };
    let sw = sweep::load(file, &env.book)?;
    let shard = sharded.unwrap_or(Shard::ALL);
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
        if sharded.is_some() {
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
    if args.charts && sharded.is_some() {
        eprintln!(
            "error: --charts draws from the whole sweep.csv, and --shard {shard} writes a part of it\n  hint: merge the parts with `vpceplan sweep merge DIR --charts` (or sweep without --shard)"
        );
        return Ok(2);
    }
    if n > args.max_points && !args.yes {
        eprintln!(
            "error: {}: this sweep has {} points{} ({shape}), over the limit of {}\n  hint: run it anyway with --yes, raise --max-points, or split it with --shard I/N (see docs/sweeps.md, \"Big sweeps\")",
            sw.file,
            grouped(n),
            if sharded.is_some() {
                format!(" in shard {shard}")
            } else {
                String::new()
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
    let name = |stem: &str| match sharded {
        Some(s) => s.part_name(stem),
        None => format!("{stem}.csv"),
    };
    // A shard's manifest vouches for its parts: the old one goes before they are
    // replaced, the new one comes after they are in place.
    let manifest_path = sharded.map(|s| out.join(s.manifest_name()));
    if let Some(p) = &manifest_path {
        remove_stale(p)?;
    }
    let csv_path = out.join(name("sweep"));
    // The byte-order mark goes with the header: only the file that starts the CSV has it.
    let bom = |w: &mut dyn std::io::Write, path: &std::path::Path| -> Result<()> {
        if env.csv_bom && header {
            w.write_all(crate::output::UTF8_BOM)
                .map_err(|e| Error::io(path, e))?;
        }
        Ok(())
    };
    let mut counted = None;
    write_atomic_with(&csv_path, |w| {
        let mut t = Tally::when(sharded.is_some(), w);
        bom(&mut t, &csv_path)?;
        sweep::write_sweep(
            &plan,
            &env.pool,
            &mut t,
            (start, end),
            header,
            args.chunk,
            progress.as_ref(),
        )
        .map_err(|e| Error::io(&csv_path, e))?;
        counted = Some(t.finish());
        Ok(())
    })?;
    if let Some(p) = &progress {
        p.finish_and_clear();
    }
    let mut written = vec![csv_path.display().to_string()];
    let mut be_part = None;
    let be_path = out.join(name("breakeven"));
    if sw.breakeven.is_some() {
        write_atomic_with(&be_path, |w| {
            let mut t = Tally::when(sharded.is_some(), w);
            bom(&mut t, &be_path)?;
            let range = sweep::write_breakeven(&plan, &env.pool, &mut t, shard, header)?;
            be_part = Some((range, t.finish()));
            Ok(())
        })?;
        written.push(be_path.display().to_string());
    } else if sharded.is_some() {
        // a part of this name left by another sweep is not this shard's
        remove_stale(&be_path)?;
    }
    if let (Some(s), Some(mpath), Some(c)) = (sharded, &manifest_path, counted) {
        let part = |file: &Path, (start, end, total): (u64, u64, u64), c: manifest::Counted| {
            manifest::Part {
                file: file
                    .file_name()
                    .map(|n| n.to_string_lossy().to_string())
                    .unwrap_or_default(),
                start,
                end,
                total,
                header,
                rows: c.records - u64::from(header && c.records > 0),
                bytes: c.bytes,
                sha256: c.sha256,
            }
        };
        let m = Manifest {
            format: manifest::FORMAT.into(),
            vpceplan_version: manifest::VERSION.into(),
            shard: manifest::ShardId {
                index: s.index,
                count: s.count,
            },
            sweep: manifest::sweep_id(&sw)?,
            price_book: manifest::book_id(&env.book),
            parts: manifest::Parts {
                sweep: part(&csv_path, (start, end, sw.total), c),
                breakeven: be_part.map(|(r, c)| part(&be_path, r, c)),
            },
        };
        write_atomic(mpath, &m.to_bytes())?;
        written.push(mpath.display().to_string());
    }
    // The rate is the sweep's: charts are drawn after the clock stops.
    let secs = t0.elapsed().as_secs_f64();
    if args.charts {
        charts_from(
            env,
            &sw,
            &out,
            ("sweep.csv", "breakeven.csv"),
            args.max_charts,
            &mut written,
        )?;
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

/// Remove a file this run replaces, if it is there.
fn remove_stale(p: &Path) -> Result<()> {
    match std::fs::remove_file(p) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(Error::io(p, e)),
    }
}

/// Draw cost against the swept axis from the sweep.csv (and breakeven.csv) just written.
pub(super) fn charts_from(
    env: &Env,
    sw: &sweep::Sweep,
    out: &Path,
    (sweep_name, be_name): (&str, &str),
    max: usize,
    written: &mut Vec<String>,
) -> Result<()> {
    use crate::report::sweep_charts::sweep_charts;
    let Some(axes) = sweep::chart_axes(sw) else {
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
    let sweep_csv = open(sweep_name)?
        .ok_or_else(|| Error::Msg(format!("{}: {sweep_name} is missing", out.display())))?;
    let be = if sw.breakeven.is_some() {
        open(be_name)?
    } else {
        None
    };
    let got = sweep_charts(&axes, sweep_csv, be, max, "").map_err(|e| {
        Error::Msg(format!(
            "{}: cannot read {sweep_name} back: {e}",
            out.display()
        ))
    })?;
    let drawn = super::charts::draw(env, &got.charts)?;
    super::charts::write(out, &got.charts, &drawn)?;
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
