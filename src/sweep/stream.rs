//! Streaming rows in order with bounded memory.
//!
//! The range of items (points, or break-even combinations) is cut into chunks. The
//! workers fill one chunk in parallel — a buffer per slice of the chunk, each slice's
//! bytes depending on its items only — while the previous chunk's buffers are written out
//! in order. At most two chunks are in memory, whatever the sweep's size, and the output
//! is the same bytes for any number of threads.

use indicatif::ProgressBar;
use rayon::prelude::*;
use std::io::Write;

/// Points per chunk by default.
pub const DEFAULT_CHUNK: u64 = 1 << 16;

/// Write the rows of items `start..end` to `out`, in order. `fill(a, b, buf)` appends the
/// rows of items `a..b` to `buf`.
pub fn stream<W, F>(
    pool: &rayon::ThreadPool,
    out: &mut W,
    start: u64,
    end: u64,
    chunk: u64,
    progress: Option<&ProgressBar>,
    fill: F,
) -> std::io::Result<()>
where
    W: Write + Send,
    F: Fn(u64, u64, &mut Vec<u8>) + Sync,
{
    let chunk = chunk.max(1);
    let threads = pool.current_num_threads().max(1) as u64;
    // Several slices per thread so that work-stealing evens out uneven slices.
    let slice = chunk.div_ceil(threads * 4).max(1);
    let compute = |a: u64, b: u64| -> Vec<Vec<u8>> {
        let n = (b - a).div_ceil(slice);
        (0..n)
            .into_par_iter()
            .map(|k| {
                let s = a + k * slice;
                let e = (s + slice).min(b);
                let mut buf = Vec::with_capacity(((e - s) * 128) as usize);
                fill(s, e, &mut buf);
                buf
            })
            .collect()
    };
    pool.install(|| {
        let mut pending: Option<(Vec<Vec<u8>>, u64)> = None;
        let mut pos = start;
        loop {
            let next = (pos < end).then(|| (pos, (pos + chunk).min(end)));
            if pending.is_none() && next.is_none() {
                return Ok(());
            }
            let to_write = pending.take();
            let (written, computed) = rayon::join(
                || -> std::io::Result<()> {
                    if let Some((bufs, n)) = to_write {
                        for b in &bufs {
                            out.write_all(b)?;
                        }
                        if let Some(p) = progress {
                            p.inc(n);
                        }
                    }
                    Ok(())
                },
                || next.map(|(a, b)| (compute(a, b), b - a)),
            );
            written?;
            pending = computed;
            if let Some((_, b)) = next {
                pos = b;
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(threads: usize, start: u64, end: u64, chunk: u64) -> Vec<u8> {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        let mut out = Vec::new();
        stream(&pool, &mut out, start, end, chunk, None, |a, b, buf| {
            for i in a..b {
                buf.extend_from_slice(format!("{i}\n").as_bytes());
            }
        })
        .unwrap();
        out
    }

    #[test]
    fn rows_come_out_in_order_for_any_threads_and_chunks() {
        let want: Vec<u8> = (5..10_005u64)
            .flat_map(|i| format!("{i}\n").into_bytes())
            .collect();
        for threads in [1, 2, 3] {
            for chunk in [1, 7, 1000, 1 << 16] {
                assert_eq!(run(threads, 5, 10_005, chunk), want, "{threads} {chunk}");
            }
        }
        assert!(run(2, 3, 3, 10).is_empty());
    }

    #[test]
    fn a_write_error_stops_the_stream() {
        struct Full;
        impl Write for Full {
            fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
                Err(std::io::Error::other("disk full"))
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Ok(())
            }
        }
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(2)
            .build()
            .unwrap();
        let e = stream(&pool, &mut Full, 0, 100, 10, None, |_, _, buf| {
            buf.push(b'x')
        })
        .unwrap_err();
        assert_eq!(e.to_string(), "disk full");
    }
}
