//! `vpceplan compare`, and `run`/`check` on workload scenarios, end to end on a temp dir.

use std::path::Path;
use std::process::{Command, Output};

fn vpceplan(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_vpceplan"))
        .args(args)
        .current_dir(cwd)
        .output()
        .expect("run vpceplan")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).to_string()
}

const ECR: &str = include_str!("../../scenarios/ecr-s3-spokes.toml");
const S3: &str = include_str!("../../scenarios/s3-single-vpc-workload.toml");

fn setup() -> tempfile::TempDir {
    let d = tempfile::tempdir().expect("temp dir");
    let sc = d.path().join("scenarios");
    std::fs::create_dir(&sc).unwrap();
    std::fs::write(sc.join("ecr-s3-spokes.toml"), ECR).unwrap();
    std::fs::write(sc.join("s3-single-vpc-workload.toml"), S3).unwrap();
    d
}

#[test]
fn compare_prints_tables_and_writes_csvs_atomically() {
    let d = setup();
    let o = vpceplan(&["compare", "scenarios", "--out", "out"], d.path());
    let out = text(&o.stdout);
    assert!(o.status.success(), "{out}\n{}", text(&o.stderr));
    assert!(
        out.contains("== ecr-s3-spokes (scenarios/ecr-s3-spokes.toml)"),
        "{out}"
    );
    assert!(out.contains("2421.00") && out.contains("1745.40"), "{out}");
    assert!(
        out.contains("8.426384 spokes (centralized cheaper from 9)"),
        "{out}"
    );
    assert!(
        out.contains("59130 GB/month (distributed cheaper above)"),
        "{out}"
    );
    assert!(out.contains("above 208.571429 GB/month"), "{out}");
    assert!(out.contains("invalid: gateway-only:"), "{out}");
    let csv = std::fs::read_to_string(d.path().join("out/compare.csv")).unwrap();
    let mut lines = csv.lines();
    assert!(lines.next().unwrap().starts_with(
        "scenario,file,design,valid,invalid_reason,monthly_usd,hourly_usd,gb_per_month,usd_per_gb,endpoint_hours"
    ));
    assert!(
        csv.contains("ecr-s3-spokes,scenarios/ecr-s3-spokes.toml,nat,yes,,2421.00,"),
        "{csv}"
    );
    assert!(
        csv.contains(",centralized,yes,,1745.40,") && csv.contains(",hub,hard,"),
        "{csv}"
    );
    assert!(
        csv.contains("s3-single-vpc-workload,scenarios/s3-single-vpc-workload.toml,nat,no,"),
        "{csv}"
    );
    assert_eq!(csv.lines().count(), 1 + 4 + 4);
    let be = std::fs::read_to_string(d.path().join("out/breakeven.csv")).unwrap();
    assert!(
        be.contains("ecr-s3-spokes,distributed,centralized,traffic_gb_per_month,centralized,59130,59130,distributed,"),
        "{be}"
    );
    assert!(be.contains("centralized cheaper from 9 spokes"), "{be}");
    // Nothing but the two reports in the folder: no temp files left behind.
    let mut names: Vec<String> = std::fs::read_dir(d.path().join("out"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    names.sort();
    assert_eq!(names, ["breakeven.csv", "compare.csv"]);
}

#[test]
fn compare_output_does_not_depend_on_thread_count() {
    let d = setup();
    let a = vpceplan(&["--threads", "1", "compare", "--out", "a"], d.path());
    let b = vpceplan(&["--threads", "4", "compare", "--out", "b"], d.path());
    assert!(a.status.success() && b.status.success());
    assert_eq!(a.stdout, b.stdout);
    for f in ["compare.csv", "breakeven.csv"] {
        assert_eq!(
            std::fs::read(d.path().join("a").join(f)).unwrap(),
            std::fs::read(d.path().join("b").join(f)).unwrap()
        );
    }
}

#[test]
fn compare_without_workloads_says_what_is_missing() {
    let d = tempfile::tempdir().unwrap();
    std::fs::write(
        d.path().join("x.toml"),
        "region = \"us-east-1\"\n[[nat_gateway]]\ncount = 1\n",
    )
    .unwrap();
    let o = vpceplan(&["compare", "x.toml"], d.path());
    assert_eq!(o.status.code(), Some(1));
    let e = text(&o.stderr);
    assert!(
        e.contains("no workload scenarios") && e.contains("[workload]"),
        "{e}"
    );
}

#[test]
fn compare_neutralises_formula_cells() {
    let d = tempfile::tempdir().unwrap();
    std::fs::write(
        d.path().join("x.toml"),
        ECR.replace("name = \"ecr-s3-spokes\"", "name = \"=HYPERLINK(1)\"")
            .replace("[expect.designs.nat]\nmonthly_usd = \"2421.00\"", ""),
    )
    .unwrap();
    let o = vpceplan(&["compare", "x.toml", "--out", "o"], d.path());
    assert!(o.status.success(), "{}", text(&o.stderr));
    let csv = std::fs::read_to_string(d.path().join("o/compare.csv")).unwrap();
    assert!(csv.contains("'=HYPERLINK(1)"), "{csv}");
    assert!(!csv.contains(",=HYPERLINK"), "{csv}");
}

#[test]
fn run_writes_one_result_per_design_and_skips_invalid_ones() {
    let d = setup();
    let o = vpceplan(&["run", "--out", "rep"], d.path());
    assert!(o.status.success(), "{}", text(&o.stderr));
    let out = text(&o.stdout);
    assert!(
        out.contains("ecr-s3-spokes/centralized") && out.contains("1745.40"),
        "{out}"
    );
    let err = text(&o.stderr);
    assert!(
        err.contains("s3-single-vpc-workload/nat: invalid design, not priced"),
        "{err}"
    );
    let li = d
        .path()
        .join("rep/ecr-s3-spokes/centralized/line_items.csv");
    let li = std::fs::read_to_string(li).unwrap();
    assert!(
        li.contains("route53_profile_hour") && li.contains("tgw_gb"),
        "{li}"
    );
    assert!(d.path().join("rep/ecr-s3-spokes/nat/capacity.csv").exists());
    assert!(!d.path().join("rep/s3-single-vpc-workload/nat").exists());
    let summary = std::fs::read_to_string(d.path().join("rep/summary.csv")).unwrap();
    assert!(
        summary.contains("ecr-s3-spokes/gateway-where-possible,"),
        "{summary}"
    );
}

#[test]
fn run_sizes_the_failed_over_state_of_failover_designs() {
    let d = tempfile::tempdir().unwrap();
    std::fs::write(
        d.path().join("gp.toml"),
        include_str!("../../scenarios/global-payments-failover-workload.toml"),
    )
    .unwrap();
    let o = vpceplan(&["run", "gp.toml", "--out", "rep"], d.path());
    assert!(o.status.success(), "{}", text(&o.stderr));
    let cap = std::fs::read_to_string(d.path().join(
        "rep/global-payments-failover-workload/distributed/region-loss-us-east-1/capacity.csv",
    ))
    .unwrap();
    // us-west-2's set to its own service carries the 2 Gbps: 1 Gbps per ENI, 2 with an
    // AZ lost.
    assert!(
        cap.contains("payments → us-west-2 service (us-west-2),interface_endpoint[1],interface_endpoint_eni,us-west-2,usw2-az1,1,Gbps,1.000,"),
        "{cap}"
    );
    assert!(
        cap.lines().skip(1).all(|l| l.contains(",us-west-2,")),
        "{cap}"
    );
}

#[test]
fn check_pins_each_design() {
    let d = setup();
    let o = vpceplan(&["check"], d.path());
    let out = text(&o.stdout);
    assert!(o.status.success(), "{out}");
    assert!(out.contains("ok     ecr-s3-spokes/nat"), "{out}");
    assert!(
        out.contains("ok     s3-single-vpc-workload/gateway-only"),
        "{out}"
    );
    assert!(out.contains("8 pinned, 8 ok, 0 drifted"), "{out}");
    // A moved pin is a drift that names the design and the pin.
    std::fs::write(
        d.path().join("scenarios/ecr-s3-spokes.toml"),
        ECR.replace("monthly_usd = \"2421.00\"", "monthly_usd = \"2400.00\""),
    )
    .unwrap();
    // An invalid design pinned valid drifts too.
    std::fs::write(
        d.path().join("scenarios/s3-single-vpc-workload.toml"),
        S3.replace(
            "[expect.designs.nat]\nvalid = false",
            "[expect.designs.nat]\nvalid = true",
        ),
    )
    .unwrap();
    let o = vpceplan(&["check"], d.path());
    let out = text(&o.stdout);
    assert_eq!(o.status.code(), Some(1), "{out}");
    assert!(
        out.contains("DRIFT  ecr-s3-spokes/nat (scenarios/ecr-s3-spokes.toml:"),
        "{out}"
    );
    assert!(
        out.contains("monthly_usd: expected 2400.00, got 2421.00 (+21.00)"),
        "{out}"
    );
    assert!(out.contains("DRIFT  s3-single-vpc-workload/nat"), "{out}");
    assert!(out.contains("valid: expected true, got false"), "{out}");
}
