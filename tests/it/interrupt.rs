//! Interrupting a long run leaves nothing half-written under a final name, and earlier
//! reports intact.

use crate::common::*;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const BIG_SWEEP: &str = "name = \"big\"\nregion = \"us-east-1\"\n\
[[interface_endpoint]]\nservice = \"lambda\"\nazs = 3\ngb_per_month = 2000\npeak_gbps = 1.5\n\
[sweep]\n\"interface_endpoint[0].gb_per_month\" = { from = 0, to = 200000000, step = 1 }\n";

fn temp_files(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().to_string())
                .filter(|n| n.starts_with('.') && n.ends_with(".tmp"))
                .collect()
        })
        .unwrap_or_default()
}

/// Start a 200-million-point sweep over an existing report, stop it once it is writing,
/// and check the earlier `sweep.csv` is untouched.
fn interrupt_sweep(signal: &str) {
    let d = tmp();
    let small = write(
        d.path(),
        "small.toml",
        "name = \"big\"\nregion = \"us-east-1\"\n[[interface_endpoint]]\nservice = \"lambda\"\nazs = 3\n\
         [sweep]\n\"interface_endpoint[0].gb_per_month\" = [1, 2, 3]\n",
    );
    let out = d.path().join("out");
    let o = vpceplan(
        d.path(),
        &["sweep", small.to_str().unwrap(), "--out", "out", "--quiet"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let before = std::fs::read(out.join("sweep.csv")).expect("earlier sweep.csv");
    assert_eq!(String::from_utf8_lossy(&before).lines().count(), 4);

    let big = write(d.path(), "big.toml", BIG_SWEEP);
    let mut child = Command::new(env!("CARGO_BIN_EXE_vpceplan"))
        .current_dir(d.path())
        .args([
            "sweep",
            big.to_str().unwrap(),
            "--out",
            "out",
            "--yes",
            "--quiet",
            "--threads",
            "1",
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start sweep");
    // Wait until the sweep is writing its temporary file (or give up after 20 s).
    let start = Instant::now();
    while temp_files(&out).is_empty() && start.elapsed() < Duration::from_secs(20) {
        std::thread::sleep(Duration::from_millis(20));
    }
    std::thread::sleep(Duration::from_millis(200));
    let still_running = child.try_wait().expect("poll").is_none();
    assert!(
        still_running,
        "the sweep finished before it could be interrupted; make it bigger"
    );
    if signal == "KILL" {
        child.kill().expect("kill");
    } else {
        let ok = Command::new("kill")
            .args([format!("-{signal}"), child.id().to_string()])
            .status();
        assert!(ok.map(|s| s.success()).unwrap_or(false), "kill -{signal}");
    }
    // Give it 20 s to stop; a signal that does not stop it fails the test (never hangs it).
    let start = Instant::now();
    let status = loop {
        if let Some(st) = child.try_wait().expect("poll") {
            break Some(st);
        }
        if start.elapsed() > Duration::from_secs(20) {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let status = status.unwrap_or_else(|| panic!("the sweep ignored SIG{signal}"));
    assert!(!status.success(), "an interrupted sweep does not exit 0");
    let after = std::fs::read(out.join("sweep.csv")).expect("sweep.csv still there");
    assert_eq!(
        after, before,
        "the earlier sweep.csv is intact, not replaced by a partial one"
    );
}

#[test]
fn killed_sweep_leaves_the_earlier_sweep_csv_intact() {
    interrupt_sweep("KILL");
}

#[test]
fn ctrl_c_sweep_leaves_the_earlier_sweep_csv_intact() {
    // A shell starting background jobs makes them ignore SIGINT, and the ignoring is
    // inherited: then Ctrl-C cannot reach the sweep, and there is nothing to test.
    if sigint_ignored() {
        eprintln!("skipped: SIGINT is ignored in this process (started in the background)");
        return;
    }
    interrupt_sweep("INT");
}

#[test]
fn terminated_sweep_leaves_the_earlier_sweep_csv_intact() {
    interrupt_sweep("TERM");
}

/// Whether SIGINT (signal 2) is ignored, from the SigIgn mask in /proc/self/status.
fn sigint_ignored() -> bool {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("SigIgn:"))
                .and_then(|l| u64::from_str_radix(l[7..].trim(), 16).ok())
        })
        .is_some_and(|mask| mask & (1 << 1) != 0)
}

#[test]
fn killed_run_never_leaves_a_partial_summary() {
    // A run over many scenarios killed at random moments: whatever summary.csv exists is
    // either the earlier complete one or a new complete one.
    let d = tmp();
    for i in 0..200 {
        write(
            d.path(),
            &format!("in/s{i:03}.toml"),
            &format!(
                "region = \"us-east-1\"\n[[interface_endpoint]]\nservice = \"s3\"\nazs = 3\ncount = {}\ngb_per_month = {}\n",
                i + 1,
                i * 1000
            ),
        );
    }
    let o = vpceplan(d.path(), &["run", "in", "--out", "out", "--quiet"]);
    assert!(o.status.success());
    let complete = std::fs::read(d.path().join("out/summary.csv")).unwrap();
    for delay_ms in [5u64, 20, 60] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_vpceplan"))
            .current_dir(d.path())
            .args(["run", "in", "--out", "out", "--quiet", "--threads", "1"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start run");
        std::thread::sleep(Duration::from_millis(delay_ms));
        let _ = child.kill();
        let _ = child.wait();
        let now = std::fs::read(d.path().join("out/summary.csv")).unwrap();
        assert_eq!(
            now, complete,
            "summary.csv is whole (same input, same bytes) after a kill at {delay_ms} ms"
        );
        for entry in std::fs::read_dir(d.path().join("out")).unwrap().flatten() {
            let p = entry.path();
            if p.is_dir() {
                for f in [
                    "line_items.csv",
                    "capacity.csv",
                    "per_az.csv",
                    "accounts.csv",
                ] {
                    if let Ok(b) = std::fs::read(p.join(f)) {
                        assert!(b.ends_with(b"\n"), "{} is cut short", p.join(f).display());
                    }
                }
            }
        }
    }
}
