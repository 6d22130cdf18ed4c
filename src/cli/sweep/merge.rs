//! `vpceplan sweep merge`: the parts of a sharded sweep checked against their manifests,
//! then joined into sweep.csv and breakeven.csv, atomically.

use super::charts_from;
use crate::cli::{Env, Exit};
use crate::error::{Error, Result};
use crate::money::grouped;
use crate::sweep::{self, manifest};
use std::path::{Path, PathBuf};

/// Arguments of `vpceplan sweep merge`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Folders holding the parts (the shards' --out); usually one.
    #[arg(required = true, value_name = "DIR")]
    dirs: Vec<PathBuf>,
    /// Where to write: a folder gets sweep.csv and breakeven.csv; FILE.csv gets the
    /// sweep rows, and FILE.breakeven.csv beside it the break-even rows
    /// [default: the first DIR].
    #[arg(long, value_name = "DIR|FILE.csv")]
    out: Option<PathBuf>,
    /// Also draw cost against the swept axis from the merged CSVs, as `sweep --charts`.
    #[arg(long)]
    charts: bool,
    /// With --charts: the sweep file the shards ran [default: the path their
    /// manifests record]; checked against the manifests' SHA-256.
    #[arg(long, value_name = "FILE", requires = "charts")]
    sweep: Option<PathBuf>,
    /// With --charts: draw at most this many charts.
    #[arg(long, value_name = "N", default_value_t = 24)]
    max_charts: usize,
}

/// `vpceplan sweep merge DIR... [--out DIR|FILE.csv] [--charts [--sweep FILE]]`.
pub fn run(env: &Env, args: &Args) -> Result<Exit> {
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
