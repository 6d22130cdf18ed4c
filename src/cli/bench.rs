//! `vpceplan bench`: a fixed sweep end to end (parse, plan, evaluate, write CSV), timed,
//! with the process's peak memory. A measurement to record in BENCHMARKS.md, never a test.

use super::{Env, Exit};
use crate::error::{Error, Result};
use crate::money::grouped;
use crate::sweep::{self, Plan};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// The benchmark's scenario: endpoints, a NAT gateway, a Resolver endpoint and a zone,
/// swept over two structural axes (AZs of one endpoint, limits profile) and three fast
/// ones (hours, NAT traffic on a log scale, endpoint traffic across the tier boundaries).
const BENCH_SWEEP: &str = r#"
name = "bench"
region = "us-east-1"

[[gateway_endpoint]]
service = "s3"
gb_per_month = 300000

[[interface_endpoint]]
service = "ecr.dkr"
azs = 3
gb_per_month = 300
peak_gbps = 2.0

[[interface_endpoint]]
service = "ecr.api"
azs = 3
gb_per_month = 30
peak_gbps = 0.5

[[nat_gateway]]
count = 3
gb_per_month = 2000
peak_gbps = 1.5

[[resolver_endpoint]]
direction = "inbound"
ips = 2
queries_per_month = 50000000

[[hosted_zone]]
count = 1

[sweep]
"interface_endpoint[1].azs" = [2, 3]
limits = ["seed", "current"]
hours_per_month = [730, 744]
"nat_gateway[0].gb_per_month" = { log_from = 1, log_to = 10000000, points = 25 }
"interface_endpoint[0].gb_per_month" = { from = 0, to = INNER_TO, step = 250 }
"#;

/// Points per value of the innermost axis.
const OUTER: u64 = 2 * 2 * 2 * 25;

/// The design benchmark (`--design`): issue 10's workload sweep. The workload of
/// scenarios/ecr-s3-spokes.toml (six services, S3 among them) as spokes go from 1 to 500,
/// traffic per spoke from 1 GB to 10 PB (10^7 GB) a month on a log scale and AZs from 2 to
/// 6, for four designs: every point a design compiled from a workload.
const DESIGN_SWEEP: &str = r#"
name = "design-bench"
region = "us-east-1"

[workload]
spokes = 20
azs = 3
services = ["s3", "ecr.api", "ecr.dkr", "logs", "sts", "kms"]
gb_per_month_per_spoke = 500
peak_gbps_per_spoke = 1.0

[sweep]
spokes = { from = 1, to = 500, step = 1 }
gb_per_month_per_spoke = { log_from = 1, log_to = 10000000, points = GB_POINTS }
azs = [2, 3, 4, 5, 6]
designs = ["nat", "distributed", "centralized", "gateway-where-possible"]
"#;

/// Points of the design benchmark per value of its traffic axis.
const DESIGN_OUTER: u64 = 500 * 5 * 4;

/// The benchmark sweep's text for `points` points.
pub fn bench_text(points: u64, design: bool) -> Result<String> {
    let outer = if design { DESIGN_OUTER } else { OUTER };
    if points < outer || !points.is_multiple_of(outer) {
        return Err(Error::Msg(format!(
            "--points must be a multiple of {outer} (got {points})"
        )));
    }
    let inner = points / outer;
    Ok(if design {
        DESIGN_SWEEP.replace("GB_POINTS", &inner.to_string())
    } else {
        BENCH_SWEEP.replace("INNER_TO", &((inner - 1) * 250).to_string())
    })
}

/// Peak resident set size of this process in bytes (Linux: VmHWM).
pub fn peak_rss() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = s.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

struct Counting<W> {
    inner: W,
    bytes: u64,
}

impl<W: Write> Write for Counting<W> {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(b)?;
        self.bytes += n as u64;
        Ok(n)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// CPU time (user + system) of this process so far, in seconds (Linux: /proc/self/stat,
/// in clock ticks of 1/100 s).
pub fn cpu_seconds() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name (which is in parentheses and may hold spaces).
    let rest = &s[s.rfind(')')? + 2..];
    let f: Vec<&str> = rest.split_whitespace().collect();
    let utime: f64 = f.get(11)?.parse().ok()?;
    let stime: f64 = f.get(12)?.parse().ok()?;
    Some((utime + stime) / 100.0)
}

/// One timed run: parse, plan, evaluate, write. Returns (seconds, bytes written).
fn run_once(env: &Env, text: &str, points: u64, path: Option<&Path>) -> Result<(f64, f64, u64)> {
    let t0 = Instant::now();
    let sw = sweep::file::from_text("bench.toml", Path::new("."), text, &env.book)?;
    if sw.total != points {
        return Err(Error::Msg(format!(
            "internal: the bench sweep has {} points, not {points}",
            sw.total
        )));
    }
    let plan = Plan::new(&sw, &env.book, false);
    let t_parse = t0.elapsed().as_secs_f64();
    let chunk = sweep::stream::DEFAULT_CHUNK;
    let bytes = match path {
        Some(p) => {
            let f = std::fs::File::create(p).map_err(|e| Error::io(p, e))?;
            let mut w = Counting {
                inner: std::io::BufWriter::with_capacity(1 << 20, f),
                bytes: 0,
            };
            sweep::write_sweep(&plan, &env.pool, &mut w, (0, points), true, chunk, None)
                .map_err(|e| Error::io(p, e))?;
            w.flush().map_err(|e| Error::io(p, e))?;
            w.bytes
        }
        None => {
            let mut w = Counting {
                inner: std::io::sink(),
                bytes: 0,
            };
            sweep::write_sweep(&plan, &env.pool, &mut w, (0, points), true, chunk, None)
                .map_err(|e| Error::Msg(e.to_string()))?;
            w.bytes
        }
    };
    Ok((t0.elapsed().as_secs_f64(), t_parse, bytes))
}

/// Arguments of `vpceplan bench`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Points in the benchmark sweep (a multiple of 200; with --design, of 10000).
    #[arg(long, default_value_t = 1_000_000)]
    pub points: u64,
    /// The design sweep: a workload's four designs as spokes (1-500), traffic per
    /// spoke (1 GB-10 PB, log) and AZs (2-6) vary, instead of explicit resources.
    #[arg(long)]
    pub design: bool,
    /// Write the CSV here [default: a temporary file, deleted after].
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Write the CSV to nowhere (times parsing, evaluation and formatting only).
    #[arg(long)]
    pub sink: bool,
    /// Run the benchmark this many times; report the best and the median.
    #[arg(long, default_value_t = 1, value_name = "N")]
    pub repeat: u32,
}

pub fn run(env: &Env, args: &Args) -> Result<Exit> {
    let Args {
        points,
        ref out,
        sink,
        repeat,
        design,
    } = *args;
    let out = out.as_deref();
    let text = bench_text(points, design)?;
    let threads = env.pool.current_num_threads();
    let tmp;
    let path: Option<PathBuf> = if sink {
        None
    } else if let Some(p) = out {
        Some(p.to_path_buf())
    } else {
        tmp = tempfile::tempdir().map_err(|e| Error::io(std::env::temp_dir(), e))?;
        Some(tmp.path().join("sweep.csv"))
    };
    let cpu0 = cpu_seconds();
    let mut times = Vec::new();
    let mut parse = 0.0;
    let mut bytes = 0;
    for _ in 0..repeat.max(1) {
        let (t, p, b) = run_once(env, &text, points, path.as_deref())?;
        times.push(t);
        parse = p;
        bytes = b;
    }
    let cpu = match (cpu0, cpu_seconds()) {
        (Some(a), Some(b)) => Some(b - a),
        _ => None,
    };
    let mut sorted = times.clone();
    sorted.sort_by(f64::total_cmp);
    let best = sorted[0];
    let median = sorted[sorted.len() / 2];
    let wall: f64 = times.iter().sum();
    let load = std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|s| s.split_whitespace().next().map(str::to_string));
    out!(
        "vpceplan bench{}: {} points, {threads} thread(s), {} run(s)",
        if design { " --design" } else { "" },
        grouped(points),
        times.len()
    );
    out!("  parse + plan    {parse:.4} s");
    out!(
        "  end to end      best {best:.3} s ({:.0} points/s), median {median:.3} s ({:.0} points/s)",
        points as f64 / best.max(1e-9),
        points as f64 / median.max(1e-9)
    );
    out!(
        "  CSV written     {:.1} MB to {}",
        bytes as f64 / 1e6,
        path.as_ref()
            .map_or("a sink (--sink)".to_string(), |p| p.display().to_string())
    );
    if let Some(c) = cpu {
        out!(
            "  CPU time        {c:.2} s for {wall:.2} s of runs ({:.2} cores busy on average)",
            c / wall.max(1e-9)
        );
    }
    match peak_rss() {
        Some(b) => out!("  peak RSS        {:.1} MB (VmHWM)", b as f64 / 1e6),
        None => out!("  peak RSS        unknown (no /proc/self/status)"),
    }
    if let Some(l) = load {
        out!("  load average    {l} (1 min; other work on the machine slows the runs)");
    }
    Ok(0)
}
