//! `vpceplan bench`: a fixed sweep end to end (parse, plan, evaluate, write CSV), timed,
//! with the process's peak memory. A measurement to record in BENCHMARKS.md, never a test.

use super::Exit;
use super::common::Env;
use crate::error::{Error, Result};
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

/// The benchmark sweep's text for `points` points.
pub fn bench_text(points: u64) -> Result<String> {
    if points < OUTER || !points.is_multiple_of(OUTER) {
        return Err(Error::Msg(format!(
            "--points must be a multiple of {OUTER} (got {points})"
        )));
    }
    let inner = points / OUTER;
    Ok(BENCH_SWEEP.replace("INNER_TO", &((inner - 1) * 250).to_string()))
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

pub fn bench(env: &Env, points: u64, out: Option<&Path>, sink: bool) -> Result<Exit> {
    let text = bench_text(points)?;
    let threads = env.pool.current_num_threads();
    let t0 = Instant::now();
    let sw = sweep::file::from_text("bench.toml", Path::new("."), &text, &env.book)?;
    assert_eq!(sw.total, points, "the bench sweep has the asked size");
    let plan = Plan::new(&sw, &env.book, false);
    let t_parse = t0.elapsed();
    let tmp;
    let path: Option<PathBuf> = if sink {
        None
    } else if let Some(p) = out {
        Some(p.to_path_buf())
    } else {
        tmp = tempfile::tempdir().map_err(|e| Error::io(std::env::temp_dir(), e))?;
        Some(tmp.path().join("sweep.csv"))
    };
    let bytes = match &path {
        Some(p) => {
            let f = std::fs::File::create(p).map_err(|e| Error::io(p, e))?;
            let mut w = Counting {
                inner: std::io::BufWriter::with_capacity(1 << 20, f),
                bytes: 0,
            };
            sweep::write_sweep(
                &plan,
                &env.pool,
                &mut w,
                (0, points),
                true,
                sweep::stream::DEFAULT_CHUNK,
                None,
            )
            .map_err(|e| Error::io(p, e))?;
            w.flush().map_err(|e| Error::io(p, e))?;
            w.bytes
        }
        None => {
            let mut w = Counting {
                inner: std::io::sink(),
                bytes: 0,
            };
            sweep::write_sweep(
                &plan,
                &env.pool,
                &mut w,
                (0, points),
                true,
                sweep::stream::DEFAULT_CHUNK,
                None,
            )
            .map_err(|e| Error::Msg(e.to_string()))?;
            w.bytes
        }
    };
    let total = t0.elapsed().as_secs_f64();
    let rss = peak_rss();
    out!(
        "vpceplan bench: {} points, {threads} thread(s)",
        super::sweep_cmd::grouped(points)
    );
    out!("  parse + plan    {:.4} s", t_parse.as_secs_f64());
    out!(
        "  end to end      {total:.3} s, {:.0} points/s",
        points as f64 / total.max(1e-9)
    );
    out!(
        "  CSV written     {:.1} MB to {}",
        bytes as f64 / 1e6,
        path.as_ref()
            .map_or("a sink (--sink)".to_string(), |p| p.display().to_string())
    );
    match rss {
        Some(b) => out!("  peak RSS        {:.1} MB (VmHWM)", b as f64 / 1e6),
        None => out!("  peak RSS        unknown (no /proc/self/status)"),
    }
    Ok(0)
}
