//! `vpceplan sweep`: evaluate every point of a sweep file in parallel, streamed to
//! `sweep.csv` (and `breakeven.csv`), atomically; with `--shard`, one slice of it as part
//! files and their manifest. `vpceplan sweep merge`: the parts checked and joined.

use super::Exit;
use super::common::Env;
use crate::error::{Error, Result};
use crate::output::{write_atomic, write_atomic_with};
use crate::sweep::manifest::{self, Manifest, Tally};
use crate::sweep::{self, Plan, Shard, ShardSpec};
use indicatif::{ProgressBar, ProgressStyle};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Options of `vpceplan sweep`.
#[derive(Debug, Clone)]
pub struct SweepArgs {
    pub file: PathBuf,
    pub out: Option<PathBuf>,
    pub shard: Option<ShardSpec>,
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
    let sw = sweep::load(&args.file, &env.book)?;
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
            "error: {}: this sweep has {} points{} ({shape}), over the limit of {}\n  hint: run it anyway with --yes, raise --max-points, or split it with --shard I/N (see README.md, \"Big sweeps\")",
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

/// Options of `vpceplan sweep merge`.
#[derive(Debug, Clone)]
pub struct MergeArgs {
    pub dirs: Vec<PathBuf>,
    pub out: Option<PathBuf>,
    pub charts: bool,
    /// The sweep file for --charts [default: the one the manifests record].
    pub sweep: Option<PathBuf>,
    pub max_charts: usize,
}

/// `vpceplan sweep merge DIR... [--out DIR|FILE.csv] [--charts [--sweep FILE]]`.
pub fn merge(env: &Env, args: &MergeArgs) -> Result<Exit> {
    let outputs = sweep::merge::Outputs::from_arg(args.out.as_deref(), &args.dirs);
    let m = sweep::merge::merge(&args.dirs, &outputs, &env.pool)?;
    let mut written: Vec<String> = m.written.iter().map(|p| p.display().to_string()).collect();
    if args.charts {
        // The sweep file the parts were written from (its axes name the charts' axes).
        let file = args
            .sweep
            .clone()
            .unwrap_or_else(|| PathBuf::from(&m.sweep.file));
        let sw = sweep::load(&file, &env.book).map_err(|e| {
            Error::Msg(format!(
                "{e}\n  hint: --charts reads the sweep file the shards ran ({}); where it is elsewhere here, name it with --sweep FILE",
                m.sweep.file
            ))
        })?;
        let id = manifest::sweep_id(&sw)?;
        if id.sha256 != m.sweep.sha256 {
            return Err(Error::Msg(format!(
                "{}: not the sweep the shards ran (its files hash to {}, the manifests' to {}); the merged CSVs are written, no charts drawn\n  hint: name the sweep file the shards ran with --sweep FILE",
                file.display(),
                id.sha256,
                m.sweep.sha256
            )));
        }
        let dir = outputs
            .sweep
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let be_name = outputs
            .breakeven
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        let sweep_name = outputs
            .sweep
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        charts_from(
            env,
            &sw,
            dir,
            (&sweep_name, &be_name),
            args.max_charts,
            &mut written,
        )?;
    }
    if !env.quiet {
        eprintln!(
            "merged {} shard{} of {}: {} points, {} sweep rows{} → {}",
            m.shards,
            if m.shards == 1 { "" } else { "s" },
            m.sweep.file,
            grouped(m.sweep.points),
            grouped(m.sweep_rows),
            match m.breakeven_rows {
                Some(r) => format!(", {} break-even rows", grouped(r)),
                None => String::new(),
            },
            written.join(", ")
        );
    }
    Ok(0)
}

/// Draw cost against the swept axis from the sweep.csv (and breakeven.csv) just written.
fn charts_from(
    env: &Env,
    sw: &sweep::Sweep,
    out: &Path,
    (sweep_name, be_name): (&str, &str),
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
