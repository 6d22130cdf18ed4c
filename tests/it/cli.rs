//! End-to-end tests of the `vpceplan` binary: bundled scenarios, golden reports, bad input.

use crate::common::*;
use std::path::Path;

#[test]
fn cli_definition_is_consistent() {
    use clap::CommandFactory;
    vpceplan::cli::Cli::command().debug_assert();
}

#[test]
fn run_on_bundled_scenarios_succeeds_and_prints_console_total() {
    let out = tmp();
    let o = vpceplan(&root(), &["run", "--out", out.path().to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    let line = text
        .lines()
        .find(|l| l.starts_with("console-private-access "))
        .expect("console row");
    assert!(line.contains("212.20"), "{line}");
    assert!(out.path().join("summary.csv").is_file());
    assert!(
        out.path()
            .join("console-private-access/line_items.csv")
            .is_file()
    );
    assert!(
        out.path()
            .join("console-private-access/capacity.csv")
            .is_file()
    );
}

/// Golden reports: `VPCEPLAN_BLESS=1 cargo test --test it cli::golden` rewrites them after a
/// deliberate change; otherwise any difference fails with a diff-like message.
#[test]
fn golden_reports_for_bundled_scenarios() {
    let out = tmp();
    let o = vpceplan(
        &root(),
        &[
            "run",
            "--quiet",
            "--out",
            out.path().to_str().unwrap(),
            "scenarios",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let golden = root().join("tests/golden/reports");
    let got = tree(out.path());
    if std::env::var_os("VPCEPLAN_BLESS").is_some() {
        let _ = std::fs::remove_dir_all(&golden);
        for (rel, bytes) in &got {
            write(&golden, rel, &String::from_utf8_lossy(bytes));
        }
        return;
    }
    assert!(
        golden.is_dir(),
        "no golden reports yet: run `VPCEPLAN_BLESS=1 cargo test --test it cli::golden`"
    );
    let want = tree(&golden);
    let names = |t: &Vec<(String, Vec<u8>)>| t.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
    assert_eq!(
        names(&got),
        names(&want),
        "report files differ from tests/golden/reports (VPCEPLAN_BLESS=1 to accept)"
    );
    for ((name, g), (_, w)) in got.iter().zip(want.iter()) {
        if g != w {
            let (g, w) = (String::from_utf8_lossy(g), String::from_utf8_lossy(w));
            let first = g
                .lines()
                .zip(w.lines())
                .position(|(a, b)| a != b)
                .unwrap_or(0);
            panic!(
                "{name} differs from golden at line {}:\n  golden: {}\n  got:    {}\n(VPCEPLAN_BLESS=1 to accept a deliberate change)",
                first + 1,
                w.lines().nth(first).unwrap_or(""),
                g.lines().nth(first).unwrap_or("")
            );
        }
    }
}

#[test]
fn output_is_identical_whatever_the_thread_count() {
    let a = tmp();
    let b = tmp();
    let oa = vpceplan(
        &root(),
        &[
            "run",
            "--quiet",
            "--threads",
            "1",
            "--out",
            a.path().to_str().unwrap(),
        ],
    );
    let ob = vpceplan(
        &root(),
        &[
            "run",
            "--quiet",
            "--threads",
            "7",
            "--out",
            b.path().to_str().unwrap(),
        ],
    );
    assert!(oa.status.success() && ob.status.success());
    assert_eq!(stdout(&oa), stdout(&ob));
    assert_eq!(tree(a.path()), tree(b.path()));
    let ja = vpceplan(
        &root(),
        &["run", "--no-write", "--format", "json", "--threads", "1"],
    );
    let jb = vpceplan(
        &root(),
        &["run", "--no-write", "--format", "json", "--threads", "3"],
    );
    assert_eq!(ja.stdout, jb.stdout);
}

#[test]
fn check_passes_on_bundled_pins() {
    let o = vpceplan(&root(), &["check"]);
    assert!(o.status.success(), "{}{}", stdout(&o), stderr(&o));
    assert!(stdout(&o).contains("ok     console-private-access"));
    assert!(stdout(&o).contains("0 drifted, 0 failed"));
}

#[test]
fn check_reports_drift_with_expected_got_and_difference() {
    let d = tmp();
    let f = write(
        d.path(),
        "drift.toml",
        "region = \"us-east-1\"\n[[interface_endpoint]]\nservice = \"sts\"\nazs = 2\n\n[expect]\nmonthly_usd = \"15.00\"\nstatus = \"burst\"\n",
    );
    let o = vpceplan(d.path(), &["check", f.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let s = stdout(&o);
    // 1 endpoint × 2 AZ × 730 h × $0.01 = 14.60; pinned 15.00 → −0.40
    assert!(s.contains("DRIFT  drift"), "{s}");
    assert!(
        s.contains("monthly_usd: expected 15.00, got 14.60 (-0.40)"),
        "{s}"
    );
    assert!(s.contains("status: expected burst, got ok"), "{s}");
    assert!(
        s.contains("drift.toml:6"),
        "points at the [expect] line: {s}"
    );
}

#[test]
fn json_output_holds_exact_money_strings() {
    let o = vpceplan(
        &root(),
        &[
            "run",
            "--no-write",
            "--format",
            "json",
            "scenarios/console-private-access.toml",
        ],
    );
    assert!(o.status.success());
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("valid JSON");
    let s = &v["scenarios"][0];
    assert_eq!(s["monthly_usd"], "212.20");
    // 212.20 / 730 = 0.290684931... → 0.290685
    assert_eq!(s["hourly_usd"], "0.290685");
    assert_eq!(s["line_items"].as_array().map(|a| a.len()), Some(7));
}

fn bad(src: &str) -> (i32, String) {
    let d = tmp();
    let f = write(d.path(), "bad.toml", src);
    let o = vpceplan(d.path(), &["run", "--no-write", f.to_str().unwrap()]);
    (o.status.code().unwrap_or(-1), stderr(&o))
}

#[test]
fn misspelt_key_names_file_line_and_key() {
    let (code, e) = bad(
        "region = \"us-east-1\"\n\n[[interface_endpoint]]\nservice = \"s3\"\nazs = 2\ngb_per_mnth = 5\n",
    );
    assert_eq!(code, 1);
    assert!(e.contains("bad.toml:6"), "{e}");
    assert!(e.contains("gb_per_mnth"), "{e}");
    assert!(e.contains("hint:"), "{e}");
}

#[test]
fn negative_quantity_names_block_key_and_line() {
    let (code, e) = bad("region = \"us-east-1\"\n[[nat_gateway]]\ncount = 1\ngb_per_month = -5\n");
    assert_eq!(code, 1);
    assert!(e.contains("bad.toml:4"), "{e}");
    assert!(e.contains("`nat_gateway[0].gb_per_month`"), "{e}");
    assert!(e.contains("negative"), "{e}");
}

#[test]
fn zero_azs_unknown_region_and_key_misplacement_are_errors() {
    let (_, e) = bad("region = \"us-east-1\"\n[[interface_endpoint]]\nservice = \"s3\"\nazs = 0\n");
    assert!(
        e.contains("bad.toml:4")
            && e.contains("interface_endpoint[0].azs")
            && e.contains("at least 1"),
        "{e}"
    );
    let (_, e) = bad("region = \"us-east-9\"\n");
    assert!(
        e.contains("bad.toml:1")
            && e.contains("unknown Region `us-east-9`")
            && e.contains("us-east-1"),
        "{e}"
    );
    let (_, e) = bad("region = \"us-east-1\"\n[[hosted_zone]]\ncount = 1\nips = 3\n");
    assert!(
        e.contains("bad.toml:4") && e.contains("does not apply to a hosted_zone block"),
        "{e}"
    );
    let (_, e) = bad("region = \"us-east-1\"\n[[interface_endpoint]]\nazs = 2\n");
    assert!(
        e.contains("bad.toml:2") && e.contains("missing key `service`"),
        "{e}"
    );
    let (_, e) = bad("region = \"us-east-1\"\n[[warp_gate]]\ncount = 1\n");
    assert!(e.contains("warp_gate"), "{e}");
    let (_, e) = bad(
        "region = \"us-east-1\"\n[[interface_endpoint]]\nservice = \"email-smtp\"\nazs = [\"use1-az1\", \"use1-az2\"]\n",
    );
    assert!(
        e.contains("bad.toml:4") && e.contains("use1-az2") && e.contains("SES"),
        "{e}"
    );
    let (_, e) = bad(
        "region = \"us-east-1\"\n[[interface_endpoint]]\nservice = \"s3\"\nazs = [\"usw2-az1\"]\n",
    );
    assert!(e.contains("not in Region us-east-1"), "{e}");
    let (_, e) = bad("region = \"us-east-1\"\n[[interface_endpoint\n");
    assert!(e.contains("bad.toml:2"), "{e}");
    let (_, e) = bad("region = \"us-east-1\"\nhours_per_month = 800\n");
    assert!(e.contains("744"), "{e}");
}

#[test]
fn missing_price_is_an_error_naming_region_and_component() {
    let (code, e) = bad(
        "region = \"ca-central-1\"\n[[interface_endpoint]]\nservice = \"s3\"\nazs = 2\ngb_per_month = 100\n",
    );
    assert_eq!(code, 1);
    assert!(
        e.contains("interface_endpoint_gb") && e.contains("ca-central-1"),
        "{e}"
    );
    // without data the same endpoint prices fine: 2 AZ × 730 h × $0.011 = 16.06
    let d = tmp();
    let f = write(
        d.path(),
        "ok.toml",
        "region = \"ca-central-1\"\n[[interface_endpoint]]\nservice = \"s3\"\nazs = 2\n",
    );
    let o = vpceplan(d.path(), &["run", "--no-write", f.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("16.06"));
    assert!(
        stderr(&o).contains("unverified"),
        "the ca-central-1 hourly price is flagged: {}",
        stderr(&o)
    );
}

#[test]
fn one_bad_scenario_does_not_stop_the_others() {
    let d = tmp();
    write(
        d.path(),
        "in/a-good.toml",
        "region = \"us-east-1\"\n[[hosted_zone]]\ncount = 1\n",
    );
    write(
        d.path(),
        "in/b-bad.toml",
        "region = \"us-east-1\"\n[[hosted_zone]]\ncount = -1\n",
    );
    write(
        d.path(),
        "in/c-good.toml",
        "region = \"us-east-1\"\n[[hosted_zone]]\ncount = 2\n",
    );
    let o = vpceplan(d.path(), &["run", "in", "--out", "rep"]);
    assert_eq!(o.status.code(), Some(1), "a failure shows in the exit code");
    let summary = std::fs::read_to_string(d.path().join("rep/summary.csv")).unwrap();
    let lines: Vec<&str> = summary.lines().collect();
    assert_eq!(lines.len(), 4, "{summary}");
    assert!(
        lines[1].starts_with("a-good,") && lines[1].contains(",0.50,"),
        "{summary}"
    );
    assert!(
        lines[2].contains(",error,") && lines[2].contains("b-bad.toml:3"),
        "{summary}"
    );
    assert!(
        lines[3].starts_with("c-good,") && lines[3].contains(",1.00,"),
        "{summary}"
    );
    assert!(d.path().join("rep/c-good/line_items.csv").is_file());
}

#[test]
fn custom_price_book_folder_is_used_and_validated() {
    let d = tmp();
    write(
        d.path(),
        "book/prices.csv",
        "region,component,variant,tier_from,tier_to,unit,usd,effective,source,verified\nglobal,hosted_zone_month,,0,,zone-month,0.75,2026-12-01,test,yes\n",
    );
    let f = write(
        d.path(),
        "s.toml",
        "region = \"us-east-1\"\n[[hosted_zone]]\ncount = 4\n",
    );
    let o = vpceplan(
        d.path(),
        &[
            "--pricing",
            "book",
            "run",
            "--no-write",
            f.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("3.00"), "4 × 0.75: {}", stdout(&o));
    write(
        d.path(),
        "bad/prices.csv",
        "region,component,variant,tier_from,tier_to,unit,usd,effective,source,verified\nglobal,hosted_zone_month,,0,,zone-month,-1,2026-12-01,test,yes\n",
    );
    let o = vpceplan(
        d.path(),
        &["--pricing", "bad", "run", "--no-write", f.to_str().unwrap()],
    );
    assert_ne!(o.status.code(), Some(0));
    assert!(
        stderr(&o).contains("prices.csv:2") && stderr(&o).contains("negative"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn missing_default_folder_and_paths_get_hints() {
    let d = tmp();
    let o = vpceplan(d.path(), &["run"]);
    assert_ne!(o.status.code(), Some(0));
    assert!(
        stderr(&o).contains("no scenarios/ folder"),
        "{}",
        stderr(&o)
    );
    let o = vpceplan(d.path(), &["validate", "nope.toml"]);
    assert!(
        stderr(&o).contains("nope.toml: no such file"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn read_only_output_folder_is_a_clear_error() {
    let d = tmp();
    let f = write(
        d.path(),
        "s.toml",
        "region = \"us-east-1\"\n[[hosted_zone]]\ncount = 1\n",
    );
    // A file where the report folder should be.
    write(d.path(), "rep", "not a folder");
    let o = vpceplan(d.path(), &["run", f.to_str().unwrap(), "--out", "rep"]);
    assert_ne!(o.status.code(), Some(0));
    assert!(stderr(&o).contains("rep"), "{}", stderr(&o));
    assert_eq!(
        std::fs::read_to_string(d.path().join("rep")).unwrap(),
        "not a folder"
    );
}

#[test]
fn validate_and_pricing_show() {
    let o = vpceplan(&root(), &["validate"]);
    assert!(o.status.success());
    assert!(stdout(&o).contains("0 invalid"));
    let o = vpceplan(
        Path::new("/"),
        &[
            "pricing",
            "show",
            "--region",
            "us-east-1",
            "--component",
            "interface_endpoint_gb",
        ],
    );
    assert!(
        o.status.success(),
        "the built-in book works from any folder"
    );
    let s = stdout(&o);
    assert!(
        s.contains("0–1048576") && s.contains("1048576–5242880") && s.contains("5242880+"),
        "{s}"
    );
    assert!(s.contains("3 rows"), "{s}");
    let o = vpceplan(
        Path::new("/"),
        &["pricing", "limits", "--profile", "current"],
    );
    assert!(stdout(&o).contains("interface_endpoint_eni") && stdout(&o).contains("100"));
}

#[test]
fn absurd_counts_and_volumes_are_rejected_with_file_line_and_key() {
    let (code, e) = bad(
        "region = \"us-east-1\"\n[[interface_endpoint]]\nservice = \"s3\"\nazs = 32\ncount = 9223372036854775807\n",
    );
    assert_eq!(code, 1);
    assert!(
        e.contains("bad.toml:5") && e.contains("beyond any real deployment"),
        "{e}"
    );
    // 10^25 GB: refused where it is written, not computed into a wrapped or rounded number.
    let (code, e) = bad("region = \"us-east-1\"\n[[nat_gateway]]\ngb_per_month = 1e25\n");
    assert_eq!(code, 1);
    assert!(
        e.contains("bad.toml:3")
            && e.contains("`nat_gateway[0].gb_per_month`")
            && e.contains("beyond any real deployment"),
        "{e}"
    );
    let (_, e) = bad(
        "region = \"us-east-1\"\n[[nat_gateway]]\ngb_per_month = \"70000000000000000000000000000\"\n",
    );
    assert!(e.contains("beyond any real deployment"), "{e}");
    // The largest accepted volume prices exactly: 10^15 × 0.045 + 730 × 0.045 = 45,000,000,000,032.85
    let d = tmp();
    let f = write(
        d.path(),
        "big.toml",
        "region = \"us-east-1\"\n[[nat_gateway]]\ngb_per_month = 1e15\n",
    );
    let o = vpceplan(
        d.path(),
        &["run", "--no-write", "--format", "csv", f.to_str().unwrap()],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("45000000000032.85"), "{}", stdout(&o));
}

/// A full disk: a 16 KiB tmpfs where the machine allows mounting one (root on Linux),
/// otherwise skipped with a message.
#[test]
fn full_disk_is_a_clear_error_and_leaves_no_partial_report() {
    let d = tmp();
    let mnt = d.path().join("tiny");
    std::fs::create_dir_all(&mnt).unwrap();
    let mounted = std::process::Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=16k", "tmpfs"])
        .arg(&mnt)
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false);
    if !mounted {
        eprintln!("skipped: cannot mount a tmpfs here (needs root on Linux)");
        return;
    }
    let o = vpceplan(
        &root(),
        &["run", "--quiet", "--out", mnt.join("rep").to_str().unwrap()],
    );
    let files = tree(&mnt);
    let _ = std::process::Command::new("umount").arg(&mnt).output();
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("No space left on device"),
        "{}",
        stderr(&o)
    );
    assert!(
        !files.iter().any(|(n, _)| n.ends_with("summary.csv")),
        "no summary.csv after a failed run"
    );
    // Every report file that exists is complete: it ends with a newline and parses as CSV.
    for (name, bytes) in files {
        assert!(
            !name.rsplit('/').next().unwrap_or("").starts_with('.'),
            "temporary file left behind: {name}"
        );
        assert!(bytes.ends_with(b"\n"), "{name} is cut short");
    }
}

#[cfg(unix)]
#[test]
fn reports_are_readable_by_others_like_ordinary_files() {
    use std::os::unix::fs::PermissionsExt;
    let d = tmp();
    let f = write(
        d.path(),
        "s.toml",
        "region = \"us-east-1\"\n[[hosted_zone]]\ncount = 1\n",
    );
    let o = vpceplan(
        d.path(),
        &["run", "-q", f.to_str().unwrap(), "--out", "rep"],
    );
    assert!(o.status.success());
    let mode = std::fs::metadata(d.path().join("rep/summary.csv"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o044, 0o044 & !umask(), "mode {mode:o}");
}

#[cfg(unix)]
fn umask() -> u32 {
    // The test process's umask, read from /proc where available (0o022 otherwise).
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("Umask:"))
                .map(|l| l[6..].trim().to_string())
        })
        .and_then(|m| u32::from_str_radix(&m, 8).ok())
        .unwrap_or(0o022)
}
