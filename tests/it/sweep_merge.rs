//! `vpceplan sweep --shard` manifests and `vpceplan sweep merge`: a good set of parts merges
//! into exactly the bytes of a single run; every broken layout (missing, duplicated,
//! truncated, corrupted, foreign: another sweep, price book, version or N) is refused,
//! naming the shard and the command that re-runs it, and nothing is written.

use crate::common;

use crate::common::{root, stderr, tmp, vpceplan};
use std::path::Path;
use std::process::Output;

/// A copy of the repository's sweeps/ and pricing/ in a fresh folder, so that tests may
/// edit them.
fn workspace() -> tempfile::TempDir {
    let d = tmp();
    for sub in ["sweeps", "pricing"] {
        std::fs::create_dir_all(d.path().join(sub)).unwrap();
        for e in std::fs::read_dir(root().join(sub)).unwrap() {
            let e = e.unwrap();
            std::fs::copy(e.path(), d.path().join(sub).join(e.file_name())).unwrap();
        }
    }
    d
}

const BE: &str = "sweeps/nat-vs-endpoints.toml";
const LAMBDA: &str = "sweeps/lambda-endpoint.toml";

fn ok(o: &Output) {
    assert!(o.status.success(), "{}", stderr(o));
}

/// Run shard i/n of `sweep` into `out` (relative to `dir`), with extra options.
fn shard(dir: &Path, sweep: &str, i: u64, n: u64, out: &str, extra: &[&str]) {
    let s = format!("{i}/{n}");
    let mut args = vec!["sweep", sweep, "--quiet", "--shard", &s, "--out", out];
    args.extend_from_slice(extra);
    ok(&vpceplan(dir, &args));
}

fn all_shards(dir: &Path, sweep: &str, n: u64, out: &str) {
    for i in 1..=n {
        shard(dir, sweep, i, n, out, &[]);
    }
}

/// A single run's sweep.csv and breakeven.csv (when there is one).
fn whole(dir: &Path, sweep: &str, out: &str) -> (Vec<u8>, Option<Vec<u8>>) {
    ok(&vpceplan(
        dir,
        &["sweep", sweep, "--quiet", "--threads", "1", "--out", out],
    ));
    let o = dir.join(out);
    (
        std::fs::read(o.join("sweep.csv")).unwrap(),
        std::fs::read(o.join("breakeven.csv")).ok(),
    )
}

fn merge(dir: &Path, args: &[&str]) -> Output {
    let mut a = vec!["sweep", "merge"];
    a.extend_from_slice(args);
    vpceplan(dir, &a)
}

/// Files in a folder, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    v.sort();
    v
}

/// The merge was refused (exit 1), wrote nothing, and its message has every `want`.
fn refused(dir: &Path, parts: &str, want: &[&str]) -> String {
    let before = names(&dir.join(parts));
    let o = merge(dir, &[parts]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    for w in want {
        assert!(err.contains(w), "missing `{w}` in:\n{err}");
    }
    assert!(err.contains("nothing written"), "{err}");
    assert_eq!(names(&dir.join(parts)), before, "the merge wrote something");
    err
}

#[test]
fn a_good_set_merges_into_the_bytes_of_a_single_run() {
    let w = workspace();
    let d = w.path();
    let (full, be) = whole(d, BE, "whole");
    let be = be.expect("nat-vs-endpoints has a [breakeven]");
    // Any N, more shards than break-even combinations (3) or than some slices hold.
    for n in [1u64, 2, 3, 7] {
        let out = format!("parts-{n}");
        for i in 1..=n {
            let threads = (1 + i % 3).to_string();
            shard(d, BE, i, n, &out, &["--threads", &threads]);
        }
        let o = merge(d, &[&out]);
        ok(&o);
        assert!(
            stderr(&o).contains(&format!("merged {n} shard")),
            "{}",
            stderr(&o)
        );
        let p = d.join(&out);
        assert!(std::fs::read(p.join("sweep.csv")).unwrap() == full, "{n}");
        assert!(std::fs::read(p.join("breakeven.csv")).unwrap() == be, "{n}");
    }
    // a sweep without [breakeven]; the merged file to a FILE.csv elsewhere
    let (full, be) = whole(d, LAMBDA, "lw");
    assert!(be.is_none());
    all_shards(d, LAMBDA, 5, "lp");
    ok(&merge(d, &["lp", "--out", "merged/lambda.csv", "--quiet"]));
    assert!(std::fs::read(d.join("merged/lambda.csv")).unwrap() == full);
    assert_eq!(names(&d.join("merged")), ["lambda.csv"]);
    // with break-even rows and --out FILE.csv: FILE.breakeven.csv beside it
    ok(&merge(d, &["parts-3", "--out", "m/all.csv"]));
    assert_eq!(names(&d.join("m")), ["all.breakeven.csv", "all.csv"]);
    // --no-header on every shard: the merge is the single run without its header
    for i in 1..=3 {
        shard(d, LAMBDA, i, 3, "nh", &["--no-header"]);
    }
    ok(&merge(d, &["nh", "--quiet"]));
    let nl = full.iter().position(|b| *b == b'\n').unwrap();
    assert!(std::fs::read(d.join("nh/sweep.csv")).unwrap() == full[nl + 1..]);
    // --csv-bom: the byte-order mark is shard 1's, as it is the single run's
    ok(&vpceplan(
        d,
        &["sweep", BE, "--quiet", "--csv-bom", "--out", "bom-whole"],
    ));
    for i in 1..=3 {
        shard(d, BE, i, 3, "bom", &["--csv-bom"]);
    }
    ok(&merge(d, &["bom", "--quiet"]));
    for f in ["sweep.csv", "breakeven.csv"] {
        let merged = std::fs::read(d.join("bom").join(f)).unwrap();
        assert!(merged.starts_with(b"\xEF\xBB\xBF"), "{f}");
        assert!(
            merged == std::fs::read(d.join("bom-whole").join(f)).unwrap(),
            "{f}"
        );
    }
    // re-running a shard writes the same bytes and the same manifest
    let m = d.join("parts-3/sweep.part-0002-of-0003.manifest.json");
    let before = std::fs::read(&m).unwrap();
    shard(d, BE, 2, 3, "parts-3", &["--threads", "2"]);
    assert!(std::fs::read(&m).unwrap() == before);
}

#[test]
fn the_manifest_records_the_sweep_the_book_and_each_part() {
    let w = workspace();
    let d = w.path();
    shard(d, BE, 1, 3, "p", &[]);
    let text = std::fs::read_to_string(d.join("p/sweep.part-0001-of-0003.manifest.json")).unwrap();
    let m: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(m["format"], "vpceplan-sweep-shard/1");
    assert_eq!(m["vpceplan_version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(m["shard"]["index"], 1);
    assert_eq!(m["shard"]["count"], 3);
    // 2 scenarios × 3 month lengths × 29 traffic values = 174 points; shard 1 of 3 is
    // points 0..58 (174·1/3), with the header line.
    assert_eq!(m["sweep"]["points"], 174);
    let sp = &m["parts"]["sweep"];
    assert_eq!(
        (sp["start"].as_u64(), sp["end"].as_u64()),
        (Some(0), Some(58))
    );
    assert_eq!(sp["rows"], 58);
    assert_eq!(sp["header"], true);
    let bytes = std::fs::read(d.join("p/sweep.part-0001-of-0003.csv")).unwrap();
    assert_eq!(sp["bytes"].as_u64(), Some(bytes.len() as u64));
    assert_eq!(sp["sha256"], vpceplan::digest::sha256_hex(&bytes));
    assert_eq!(bytes.iter().filter(|&&b| b == b'\n').count(), 59);
    // break-even: 3 month lengths are 3 combinations; shard 1 of 3 has the first
    let bp = &m["parts"]["breakeven"];
    assert_eq!(bp["file"], "breakeven.part-0001-of-0003.csv");
    assert_eq!(
        (bp["start"].as_u64(), bp["end"].as_u64()),
        (Some(0), Some(1))
    );
    assert_eq!(bp["total"], 3);
    assert_eq!(bp["rows"], 1);
    // the sweep file and the two scenario files it sweeps, each with its own SHA-256
    let files = m["sweep"]["files"].as_array().unwrap();
    assert_eq!(files.len(), 3);
    let nat = std::fs::read(d.join("sweeps/six-services-nat.toml")).unwrap();
    assert_eq!(files[1]["sha256"], vpceplan::digest::sha256_hex(&nat));
    // the price book: each file's SHA-256, as `sha256sum` prints it
    let prices = std::fs::read(root().join("pricing/prices.csv")).unwrap();
    assert_eq!(m["price_book"]["origin"], "built-in");
    assert_eq!(
        m["price_book"]["files"][0]["sha256"],
        vpceplan::digest::sha256_hex(&prices)
    );
    // the same book given as a folder (the same files) has the same identity
    shard(d, BE, 2, 3, "p", &["--pricing", "pricing"]);
    shard(d, BE, 3, 3, "p", &[]);
    let text2 = std::fs::read_to_string(d.join("p/sweep.part-0002-of-0003.manifest.json")).unwrap();
    let m2: serde_json::Value = serde_json::from_str(&text2).unwrap();
    assert_eq!(m2["price_book"]["origin"], "pricing");
    assert_eq!(m2["price_book"]["sha256"], m["price_book"]["sha256"]);
    ok(&merge(d, &["p"]));
}

#[test]
fn a_missing_shard_is_refused_with_the_command_to_re_run_it() {
    let w = workspace();
    let d = w.path();
    all_shards(d, BE, 4, "p");
    for f in [
        "sweep.part-0003-of-0004.csv",
        "breakeven.part-0003-of-0004.csv",
        "sweep.part-0003-of-0004.manifest.json",
    ] {
        std::fs::remove_file(d.join("p").join(f)).unwrap();
    }
    let err = refused(
        d,
        "p",
        &[
            "shard 3/4: missing",
            "vpceplan sweep sweeps/nat-vs-endpoints.toml --shard 3/4 --out p",
            "--array=3",
        ],
    );
    assert!(!err.contains("shard 2/4"), "{err}");
    // re-running it as told mends the set
    shard(d, BE, 3, 4, "p", &[]);
    ok(&merge(d, &["p"]));
    // the last shard missing (a set cut short, like `cat` of what is there)
    std::fs::remove_file(d.join("p/sweep.part-0004-of-0004.manifest.json")).unwrap();
    refused(
        d,
        "p",
        &["shard 4/4: p/sweep.part-0004-of-0004.csv is there but not its manifest"],
    );
}

#[test]
fn an_interrupted_shard_is_named() {
    let w = workspace();
    let d = w.path();
    all_shards(d, BE, 2, "p");
    // what an interrupted run leaves: its temporary file, and neither part nor manifest
    for f in [
        "sweep.part-0002-of-0002.csv",
        "sweep.part-0002-of-0002.manifest.json",
    ] {
        std::fs::remove_file(d.join("p").join(f)).unwrap();
    }
    std::fs::write(
        d.join("p/.sweep.part-0002-of-0002.csv.Ab12Cd.tmp"),
        "half a row",
    )
    .unwrap();
    refused(
        d,
        "p",
        &[
            "shard 2/2: missing",
            "says its run was interrupted",
            "--shard 2/2",
        ],
    );
}

#[test]
fn a_duplicated_shard_is_refused() {
    let w = workspace();
    let d = w.path();
    all_shards(d, BE, 4, "p");
    // the same shard in two folders given to merge
    std::fs::create_dir_all(d.join("again")).unwrap();
    for f in [
        "sweep.part-0002-of-0004.csv",
        "sweep.part-0002-of-0004.manifest.json",
    ] {
        std::fs::copy(d.join("p").join(f), d.join("again").join(f)).unwrap();
    }
    let o = merge(d, &["p", "again"]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("shard 2/4: its manifest is there 2 times")
            && err.contains("keep one and remove the others")
            && err.contains("nothing written"),
        "{err}"
    );
    assert!(!d.join("p/sweep.csv").exists());
    // shard 2's files copied over shard 3's names: shard 2's rows twice, shard 3's none
    for stem in ["sweep", "breakeven"] {
        std::fs::copy(
            d.join(format!("p/{stem}.part-0002-of-0004.csv")),
            d.join(format!("p/{stem}.part-0003-of-0004.csv")),
        )
        .unwrap();
    }
    std::fs::copy(
        d.join("p/sweep.part-0002-of-0004.manifest.json"),
        d.join("p/sweep.part-0003-of-0004.manifest.json"),
    )
    .unwrap();
    refused(
        d,
        "p",
        &[
            "shard 3/4: p/sweep.part-0003-of-0004.manifest.json is named for shard 3/4 but records shard 2/4",
            "--shard 3/4",
        ],
    );
}

#[test]
fn a_truncated_or_corrupted_part_is_refused() {
    let w = workspace();
    let d = w.path();
    all_shards(d, BE, 4, "p");
    // truncated mid-row, as a full disk or a killed copy leaves it
    let p2 = d.join("p/sweep.part-0002-of-0004.csv");
    let bytes = std::fs::read(&p2).unwrap();
    std::fs::write(&p2, &bytes[..bytes.len() / 2]).unwrap();
    // one byte changed, the size kept: 0 → 9 in the first digit found
    let p4 = d.join("p/breakeven.part-0004-of-0004.csv");
    let mut be = std::fs::read(&p4).unwrap();
    let at = be.iter().position(|b| b.is_ascii_digit()).unwrap();
    be[at] = if be[at] == b'9' { b'8' } else { b'9' };
    std::fs::write(&p4, &be).unwrap();
    let err = refused(
        d,
        "p",
        &[
            "shard 2/4: p/sweep.part-0002-of-0004.csv has",
            "and its manifest says 44 rows in",
            "truncated since it was written",
            "shard 4/4: p/breakeven.part-0004-of-0004.csv has the",
            "but not the same ones",
            "corrupted or edited",
            "--shard 2/4",
            "--shard 4/4",
            "--array=2,4",
        ],
    );
    assert!(!err.contains("--shard 1/4"), "{err}");
    // a part deleted while its manifest stays
    std::fs::remove_file(d.join("p/breakeven.part-0001-of-0004.csv")).unwrap();
    refused(
        d,
        "p",
        &["shard 1/4: p/breakeven.part-0001-of-0004.csv is missing (its manifest lists it)"],
    );
}

#[test]
fn parts_of_another_sweep_are_refused() {
    let w = workspace();
    let d = w.path();
    all_shards(d, BE, 4, "p");
    // a scenario file the sweep reads is edited before shard 3 is re-run: same sweep
    // file, same N, same names, different rows
    let nat = d.join("sweeps/six-services-nat.toml");
    let text = std::fs::read_to_string(&nat).unwrap();
    std::fs::write(&nat, text.replacen("count = 2", "count = 3", 1)).unwrap();
    assert_ne!(
        std::fs::read_to_string(&nat).unwrap(),
        text,
        "the edit took"
    );
    shard(d, BE, 3, 4, "p", &[]);
    refused(
        d,
        "p",
        &[
            "shard 3/4: of another sweep: nat-vs-endpoints",
            "where 3 shards are of sweeps/nat-vs-endpoints.toml",
            "six-services-nat.toml differs",
            "--shard 3/4",
        ],
    );
    // another sweep file altogether, cut in the same number of shards, in the same folder
    std::fs::write(&nat, &text).unwrap();
    shard(d, BE, 3, 4, "p", &[]);
    ok(&merge(d, &["p", "--quiet"]));
    let other = std::fs::read_to_string(d.join(BE))
        .unwrap()
        .replace("[720, 730, 744]", "[730, 744]");
    std::fs::write(d.join("sweeps/other.toml"), other).unwrap();
    shard(d, "sweeps/other.toml", 1, 4, "p", &[]);
    refused(
        d,
        "p",
        &[
            "shard 1/4: of another sweep: other (sweeps/other.toml",
            "vpceplan sweep sweeps/nat-vs-endpoints.toml --shard 1/4 --out p",
        ],
    );
}

#[test]
fn parts_priced_with_another_book_are_refused() {
    let w = workspace();
    let d = w.path();
    all_shards(d, BE, 4, "p");
    // the same book with one price raised: NAT GB in us-east-1, 0.045 → 0.05
    let prices = d.join("pricing/prices.csv");
    let text = std::fs::read_to_string(&prices).unwrap();
    let row = "us-east-1,nat_gateway_gb,,0,,GB,0.045,";
    assert!(text.contains(row));
    std::fs::write(
        &prices,
        text.replace(row, "us-east-1,nat_gateway_gb,,0,,GB,0.05,"),
    )
    .unwrap();
    shard(d, BE, 2, 4, "p", &["--pricing", "pricing"]);
    refused(
        d,
        "p",
        &[
            "shard 2/4: priced with another price book: pricing",
            "where 3 shards used built-in",
            "prices.csv differs",
            "--shard 2/4",
        ],
    );
}

#[test]
fn parts_of_another_version_or_manifest_format_are_refused() {
    let w = workspace();
    let d = w.path();
    all_shards(d, BE, 3, "p");
    let m = d.join("p/sweep.part-0001-of-0003.manifest.json");
    let text = std::fs::read_to_string(&m).unwrap();
    let version = format!("\"vpceplan_version\": \"{}\"", env!("CARGO_PKG_VERSION"));
    assert!(text.contains(&version));
    std::fs::write(
        &m,
        text.replace(&version, "\"vpceplan_version\": \"9.9.9\""),
    )
    .unwrap();
    refused(
        d,
        "p",
        &[
            "shard 1/3: written by vpceplan 9.9.9, where 2 shards were written by",
            "--shard 1/3",
        ],
    );
    std::fs::write(
        &m,
        text.replace("vpceplan-sweep-shard/1", "vpceplan-sweep-shard/2"),
    )
    .unwrap();
    refused(
        d,
        "p",
        &["shard 1/3: its manifest", "`vpceplan-sweep-shard/2`"],
    );
    std::fs::write(&m, "{ not json").unwrap();
    refused(d, "p", &["shard 1/3: its manifest", "cannot be read"]);
}

#[test]
fn parts_of_two_shardings_or_none_are_refused() {
    let w = workspace();
    let d = w.path();
    all_shards(d, BE, 2, "p");
    all_shards(d, BE, 3, "p");
    refused(
        d,
        "p",
        &["parts of 2 different shardings: of 2 shards (6 files), of 3 shards (9 files)"],
    );
    std::fs::create_dir_all(d.join("empty")).unwrap();
    let o = merge(d, &["empty"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("no shard parts here"), "{}", stderr(&o));
    let o = merge(d, &["nowhere"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("nowhere: cannot read"),
        "{}",
        stderr(&o)
    );
    // a part numbered past N
    let p = d.join("q");
    all_shards(d, LAMBDA, 2, "q");
    std::fs::write(p.join("sweep.part-0005-of-0002.csv"), "x\n").unwrap();
    refused(d, "q", &["numbered 5 of 2"]);
}

#[test]
fn a_stale_part_of_another_sweep_is_replaced_or_named() {
    let w = workspace();
    let d = w.path();
    // shard 2 of a sweep with break-even parts, then the same folder reused for one without
    all_shards(d, BE, 2, "p");
    for i in 1..=2 {
        std::fs::rename(
            d.join(format!("p/breakeven.part-000{i}-of-0002.csv")),
            d.join(format!("keep-{i}.csv")),
        )
        .unwrap();
    }
    all_shards(d, LAMBDA, 2, "p");
    ok(&merge(d, &["p", "--quiet"]));
    assert!(!d.join("p/breakeven.csv").exists());
    // a break-even part a shard of this sweep did not write is named, not joined
    std::fs::rename(
        d.join("keep-1.csv"),
        d.join("p/breakeven.part-0001-of-0002.csv"),
    )
    .unwrap();
    refused(
        d,
        "p",
        &["shard 1/2: p/breakeven.part-0001-of-0002.csv is not in its manifest"],
    );
    // re-running the shard removes it
    shard(d, LAMBDA, 1, 2, "p", &[]);
    assert!(!d.join("p/breakeven.part-0001-of-0002.csv").exists());
    ok(&merge(d, &["p", "--quiet"]));
}

#[test]
fn shards_from_job_array_variables() {
    let w = workspace();
    let d = w.path();
    let (full, _) = whole(d, LAMBDA, "whole");
    let run = |spec: &str, vars: &[(&str, &str)]| {
        let mut c = std::process::Command::new(env!("CARGO_BIN_EXE_vpceplan"));
        c.current_dir(d)
            .args(["sweep", LAMBDA, "--quiet", "--out", "p", "--shard", spec]);
        for v in [
            "SLURM_ARRAY_TASK_ID",
            "SLURM_ARRAY_TASK_MAX",
            "AWS_BATCH_JOB_ARRAY_INDEX",
            "AWS_BATCH_JOB_ARRAY_SIZE",
            "JOB_COMPLETION_INDEX",
        ] {
            c.env_remove(v);
        }
        c.envs(vars.iter().copied());
        c.output().unwrap()
    };
    // Slurm --array=1-3 is 1..3; AWS Batch and Kubernetes count from 0.
    ok(&run(
        "slurm/3",
        &[("SLURM_ARRAY_TASK_ID", "1"), ("SLURM_ARRAY_TASK_MAX", "3")],
    ));
    ok(&run(
        "aws-batch",
        &[
            ("AWS_BATCH_JOB_ARRAY_INDEX", "1"),
            ("AWS_BATCH_JOB_ARRAY_SIZE", "3"),
        ],
    ));
    ok(&run("k8s/3", &[("JOB_COMPLETION_INDEX", "2")]));
    assert_eq!(
        names(&d.join("p")),
        [
            "sweep.part-0001-of-0003.csv",
            "sweep.part-0001-of-0003.manifest.json",
            "sweep.part-0002-of-0003.csv",
            "sweep.part-0002-of-0003.manifest.json",
            "sweep.part-0003-of-0003.csv",
            "sweep.part-0003-of-0003.manifest.json",
        ]
    );
    ok(&merge(d, &["p", "--quiet"]));
    assert!(std::fs::read(d.join("p/sweep.csv")).unwrap() == full);
    // outside a job array: a message naming the variable, exit 2, nothing written
    let o = run("slurm/3", &[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("SLURM_ARRAY_TASK_ID, which is not set")
            && stderr(&o).contains("--array=1-3"),
        "{}",
        stderr(&o)
    );
    let o = run("k8s/3", &[("JOB_COMPLETION_INDEX", "3")]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("completions: 3"), "{}", stderr(&o));
    // --count shows the shard the variables give
    let o = vpceplan(d, &["sweep", LAMBDA, "--count", "--shard", "2/3"]);
    assert!(common::stdout(&o).contains("shard 2/3: points 680..1360 (680)"));
}

#[test]
fn merge_draws_charts_from_the_merged_sweep() {
    let w = workspace();
    let d = w.path();
    all_shards(d, BE, 2, "p");
    let o = merge(d, &["p", "--charts"]);
    ok(&o);
    let files = names(&d.join("p"));
    assert!(
        files
            .iter()
            .any(|f| f.starts_with("cost-vs-gb-") && f.ends_with(".svg")),
        "{files:?}"
    );
    // the same charts as a single run draws
    ok(&vpceplan(
        d,
        &["sweep", BE, "--quiet", "--charts", "--out", "w"],
    ));
    for f in files.iter().filter(|f| f.ends_with(".svg")) {
        assert!(
            std::fs::read(d.join("p").join(f)).unwrap()
                == std::fs::read(d.join("w").join(f)).unwrap(),
            "{f}"
        );
    }
    // --sweep naming another file than the shards ran
    let o = merge(d, &["p", "--charts", "--sweep", LAMBDA]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("not the sweep the shards ran"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn plain_sweep_invocations_still_work() {
    let w = workspace();
    let d = w.path();
    // `vpceplan sweep FILE` with options before and after the file, and no subcommand
    ok(&vpceplan(d, &["--quiet", "sweep", "--out", "a", LAMBDA]));
    ok(&vpceplan(d, &["sweep", LAMBDA, "--out", "b", "--quiet"]));
    assert!(d.join("a/sweep.csv").exists() && d.join("b/sweep.csv").exists());
    // no manifest for a whole sweep
    assert_eq!(names(&d.join("a")), ["sweep.csv"]);
    let o = vpceplan(d, &["sweep"]);
    assert_eq!(o.status.code(), Some(2));
}
