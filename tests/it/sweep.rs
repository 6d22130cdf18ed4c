//! Sweeps end to end: the fast path against the engine, determinism across threads and
//! chunks, shards, streaming, the size guard, break-even values computed by hand.

use proptest::prelude::*;
use std::path::{Path, PathBuf};
use std::process::Command;
use vpceplan::pricing::PriceBook;
use vpceplan::sweep::{self, Plan, Shard, Sweep};

fn book() -> PriceBook {
    PriceBook::builtin().unwrap()
}

fn pool(n: usize) -> rayon::ThreadPool {
    rayon::ThreadPoolBuilder::new()
        .num_threads(n)
        .build()
        .unwrap()
}

fn load(text: &str) -> Sweep {
    sweep::file::from_text("t.toml", Path::new("."), text, &book()).unwrap()
}

/// The whole sweep (or a shard of it) as CSV bytes.
fn csv(sw: &Sweep, threads: usize, chunk: u64, shard: Shard, reference: bool) -> Vec<u8> {
    let b = book();
    let plan = Plan::new(sw, &b, reference);
    let mut out = Vec::new();
    sweep::write_sweep(
        &plan,
        &pool(threads),
        &mut out,
        shard.range(sw.total),
        shard.writes_header(),
        chunk,
        None,
    )
    .unwrap();
    out
}

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_vpceplan"))
}

/// A sweep with every fast key kind, tier crossings, structural axes and invalid points.
const MIXED: &str = r#"
name = "mixed"
region = "us-east-1"

[[interface_endpoint]]
service = "s3"
azs = 3
gb_per_month = 100
peak_gbps = 2.5

[[interface_endpoint]]
service = "sts"
azs = 2

[[nat_gateway]]
count = 3
gb_per_month = 500

[[tgw_attachment]]
count = 4
gb_per_month = 100

[[resolver_endpoint]]
direction = "inbound"
ips = 3
queries_per_month = 2000000

[[hosted_zone]]
count = 30

[[route53_profile]]
vpc_associations = 120

[sweep]
region = ["us-east-1", "us-west-2"]
limits = ["seed", "current"]
"interface_endpoint[0].gb_per_month" = [0, 1048575.5, 1048576, 6000000.25]
"nat_gateway[0].peak_gbps" = { from = 0, to = 30, step = 7.5 }
"interface_endpoint[*].count" = [1, 2]
hours_per_month = [720, 744]
"#;

#[test]
fn fast_path_equals_engine_on_a_mixed_sweep() {
    let sw = load(MIXED);
    assert_eq!(sw.total, 2 * 2 * 4 * 5 * 2 * 2);
    let fast = csv(&sw, 2, 17, Shard::ALL, false);
    let reference = csv(&sw, 2, 17, Shard::ALL, true);
    assert_eq!(
        String::from_utf8(fast).unwrap(),
        String::from_utf8(reference).unwrap()
    );
}

#[test]
fn same_bytes_for_any_thread_count_and_chunk_size() {
    let sw = load(MIXED);
    let one = csv(&sw, 1, 1 << 16, Shard::ALL, false);
    for threads in [1, 2, 3, 4] {
        for chunk in [1, 7, 100, 1 << 16] {
            assert!(
                csv(&sw, threads, chunk, Shard::ALL, false) == one,
                "threads {threads}, chunk {chunk}"
            );
        }
    }
}

#[test]
fn shards_concatenate_to_the_full_sweep() {
    let sw = load(MIXED);
    let full = csv(&sw, 2, 64, Shard::ALL, false);
    for n in 1..=7u64 {
        let mut cat = Vec::new();
        for i in 1..=n {
            cat.extend(csv(&sw, 2, 64, Shard { index: i, count: n }, false));
        }
        assert!(cat == full, "{n} shards");
    }
    // More shards than points: the extra shards are empty, the concatenation still whole.
    let small = load(
        "region = \"us-east-1\"\n[[hosted_zone]]\n[sweep]\nhours_per_month = [720, 730, 744]\n",
    );
    let full = csv(&small, 1, 64, Shard::ALL, false);
    let mut cat = Vec::new();
    for i in 1..=5 {
        cat.extend(csv(&small, 1, 64, Shard { index: i, count: 5 }, false));
    }
    assert_eq!(cat, full);
}

#[test]
fn a_sweep_larger_than_the_chunk_streams_every_row() {
    let sw = load(
        "region = \"us-east-1\"\n[[nat_gateway]]\ncount = 2\n[sweep]\n\"nat_gateway[0].gb_per_month\" = { from = 0, to = 9999, step = 1 }\nhours_per_month = [730, 744]\n",
    );
    let out = csv(&sw, 2, 1000, Shard::ALL, false);
    let text = String::from_utf8(out).unwrap();
    assert_eq!(text.lines().count(), 1 + 20_000);
    let last = text.lines().last().unwrap();
    assert!(last.starts_with("9999,744,"), "{last}");
    // 2 × 744 × 0.045 + 9999 × 0.045 = 66.96 + 449.955 = 516.915 → 516.92
    assert!(last.contains(",516.92,"), "{last}");
}

#[test]
fn rows_carry_exact_axis_values_and_figures() {
    let sw = load(
        "name = \"zone\"\nregion = \"us-east-1\"\n[[nat_gateway]]\ncount = 1\n[sweep]\n\"nat_gateway[0].gb_per_month\" = { from = 0, to = 1, step = 0.1 }\n",
    );
    let text = String::from_utf8(csv(&sw, 1, 64, Shard::ALL, false)).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 12);
    assert_eq!(
        lines[0],
        "nat_gateway[0].gb_per_month,scenario,design,monthly_usd,hourly_usd,usd_per_gb,min_headroom_pct,status,az_loss_status,quotas,valid,reason"
    );
    // 730 × 0.045 + 0.3 × 0.045 = 32.85 + 0.0135
    assert_eq!(
        lines[4],
        "0.3,zone,zone,32.86,0.045018,109.545,100.00,ok,down,ok,yes,"
    );
    assert!(lines[11].starts_with("1,zone,"));
}

#[test]
fn invalid_points_say_why() {
    let sw = load(MIXED);
    let text = String::from_utf8(csv(&sw, 1, 64, Shard::ALL, false)).unwrap();
    let bad = text
        .lines()
        .find(|l| l.starts_with("us-west-2,seed,1048575.5,"))
        .unwrap();
    assert!(
        bad.ends_with(",no,no price for `interface_endpoint_gb` in Region us-west-2 in the price book (built-in)"),
        "{bad}"
    );
}

#[test]
fn breakeven_by_hand_exact() {
    let out = tempfile::tempdir().unwrap();
    let st = bin()
        .current_dir(repo())
        .args(["sweep", "sweeps/nat-vs-endpoints.toml", "--quiet", "--out"])
        .arg(out.path())
        .status()
        .unwrap();
    assert!(st.success());
    let be = std::fs::read_to_string(out.path().join("breakeven.csv")).unwrap();
    // NAT 2·h·0.045 + 0.045 g = endpoints 12·h·0.01 + 0.01 g  ⇔  g = 6h/7
    //   720 h: 617.142857…, 730 h: 625.714285…, 744 h: 637.714285…
    //   cost there (730 h): 65.70 + 0.045 × 625.714285… = 93.857142… → 93.86
    assert_eq!(
        be,
        "hours_per_month,axis,design_a,design_b,crossing,monthly_usd_a,monthly_usd_b,cheaper_below,cheaper_above,method,note\n\
720,gb,six-services-nat,six-services-endpoints,617.142857,92.57,92.57,six-services-nat,six-services-endpoints,exact,\n\
730,gb,six-services-nat,six-services-endpoints,625.714286,93.86,93.86,six-services-nat,six-services-endpoints,exact,\n\
744,gb,six-services-nat,six-services-endpoints,637.714286,95.66,95.66,six-services-nat,six-services-endpoints,exact,\n"
    );
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

#[test]
fn breakeven_by_hand_sampled_tiers_and_never() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    // A: six endpoints in one AZ, 0.06 h + 0.01 g. B: one NAT gateway, 0.045 h + 0.045 g.
    write(
        d,
        "a.toml",
        "name = \"a\"\nregion = \"us-east-1\"\n[[interface_endpoint]]\nservice = \"s3\"\nazs = 1\ncount = 6\ngb_per_month = 300\n",
    );
    write(
        d,
        "b.toml",
        "name = \"b\"\nregion = \"us-east-1\"\n[[nat_gateway]]\ncount = 1\ngb_per_month = 300\n",
    );
    // Along hours (a whole number: sampled): A − B = 0.015 h − 0.035 g.
    //   g = 300: zero at h = 700 exactly → crossing 700.
    //   g = 300.1: zero at h = 700.2333… → first sample where B is cheaper: 701.
    //   g = 0: 0.015 h > 0 everywhere → never, B cheaper.
    let sweep = write(
        d,
        "s.toml",
        r#"
[sweep]
scenarios = ["a.toml", "b.toml"]
g = { keys = ["interface_endpoint[0].gb_per_month", "nat_gateway[0].gb_per_month"], values = [0, 300, 300.1] }
hours_per_month = { from = 690, to = 710, step = 1 }

[breakeven]
axis = "hours_per_month"
"#,
    );
    let st = bin()
        .args(["sweep", "--quiet", "--out"])
        .arg(d.join("out"))
        .arg(&sweep)
        .status()
        .unwrap();
    assert!(st.success());
    let be = std::fs::read_to_string(d.join("out/breakeven.csv")).unwrap();
    assert_eq!(
        be,
        "g,axis,design_a,design_b,crossing,monthly_usd_a,monthly_usd_b,cheaper_below,cheaper_above,method,note\n\
0,hours_per_month,a,b,never,,,b,b,sampled,\n\
300,hours_per_month,a,b,700,45.00,45.00,a,b,sampled,\n\
300.1,hours_per_month,a,b,701,45.06,45.05,a,b,sampled,\n"
    );
    // Along traffic (exact), across the interface data tier at 1,048,576 GB: with one
    // hour-free comparison, A = 43.80 + 0.01 g (tier 1), 0.006 g past it; B = 32.85 + 0.045 g.
    //   A − B = 10.95 − 0.035 g → zero at g = 312.857142… (730 h).
    let sweep = write(
        d,
        "t.toml",
        r#"
[sweep]
scenarios = ["a.toml", "b.toml"]
g = { keys = ["interface_endpoint[0].gb_per_month", "nat_gateway[0].gb_per_month"], from = 0, to = 6000000, step = 1000000 }

[breakeven]
axis = "g"
designs = ["b", "a"]
"#,
    );
    let st = bin()
        .args(["sweep", "--quiet", "--out"])
        .arg(d.join("out2"))
        .arg(&sweep)
        .status()
        .unwrap();
    assert!(st.success());
    let be = std::fs::read_to_string(d.join("out2/breakeven.csv")).unwrap();
    // at the crossing: 32.85 + 0.045 × 312.857142… = 46.928571… → 46.93
    assert_eq!(
        be,
        "axis,design_a,design_b,crossing,monthly_usd_a,monthly_usd_b,cheaper_below,cheaper_above,method,note\n\
g,b,a,312.857143,46.93,46.93,b,a,exact,\n"
    );
}

#[test]
fn breakeven_finds_a_crossing_past_a_tier_bend_between_samples() {
    // The designs are sampled at 0 and 2,000,000 GB only; the crossing lies just past the
    // interface data tier at 1,048,576 GB, which the exact method evaluates too.
    //   A: one interface endpoint in one AZ: 7.30 + 0.01 g, past the tier 0.006 per GB.
    //   B: cross-AZ transfer billed on one side, 0.01 g, plus a hosted zone: 0.50 + 0.01 g.
    // A − B = 6.80 up to the tier (B cheaper), then 6.80 − 0.004 (g − 1,048,576): zero at
    // g = 1,048,576 + 1,700 = 1,050,276. (Interpolating between the samples alone would
    // say 3,573.6.)
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(
        d,
        "a.toml",
        "name = \"a\"\nregion = \"us-east-1\"\n[[interface_endpoint]]\nservice = \"s3\"\nazs = 1\ngb_per_month = 1\n",
    );
    write(
        d,
        "b.toml",
        "name = \"b\"\nregion = \"us-east-1\"\n[[data_transfer]]\nkind = \"cross-az\"\nbilled_sides = 1\ngb_per_month = 1\n[[hosted_zone]]\ncount = 1\n",
    );
    let sweep = write(
        d,
        "s.toml",
        r#"
[sweep]
scenarios = ["a.toml", "b.toml"]
g = { keys = ["interface_endpoint[0].gb_per_month", "data_transfer[0].gb_per_month"], values = [0, 2000000] }
[breakeven]
axis = "g"
"#,
    );
    let st = bin()
        .args(["sweep", "--quiet", "--out"])
        .arg(d.join("out"))
        .arg(&sweep)
        .status()
        .unwrap();
    assert!(st.success());
    let be = std::fs::read_to_string(d.join("out/breakeven.csv")).unwrap();
    // cost there: 0.50 + 0.01 × 1,050,276 = 10,503.26
    assert_eq!(
        be,
        "axis,design_a,design_b,crossing,monthly_usd_a,monthly_usd_b,cheaper_below,cheaper_above,method,note\n\
g,a,b,1050276,10503.26,10503.26,b,a,exact,\n"
    );
}

#[test]
fn the_size_guard_asks_for_yes() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let o = bin()
        .current_dir(repo())
        .args([
            "sweep",
            "sweeps/lambda-endpoint.toml",
            "--max-points",
            "1000",
            "--out",
        ])
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("2,040 points") && err.contains("--yes"),
        "{err}"
    );
    assert!(!out.exists());
    // a shard under the limit runs without --yes
    let o = bin()
        .current_dir(repo())
        .args([
            "sweep",
            "sweeps/lambda-endpoint.toml",
            "--max-points",
            "1000",
            "--shard",
            "2/3",
            "--quiet",
            "--out",
        ])
        .arg(&out)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(out.join("sweep.part-0002-of-0003.csv").exists());
    let o = bin()
        .current_dir(repo())
        .args([
            "sweep",
            "sweeps/lambda-endpoint.toml",
            "--max-points",
            "1000",
            "--yes",
            "--out",
        ])
        .arg(&out)
        .output()
        .unwrap();
    assert!(o.status.success());
    let text = std::fs::read_to_string(out.join("sweep.csv")).unwrap();
    assert_eq!(text.lines().count(), 2041);
    // not a terminal: no progress bar, one summary line
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(!err.contains('\r') && !err.contains("eta"), "{err}");
}

#[test]
fn cli_shards_concatenate_and_quiet_is_quiet() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path();
    let run = |extra: &[&str]| {
        let o = bin()
            .current_dir(repo())
            .args(["sweep", "sweeps/lambda-endpoint.toml", "--quiet", "--out"])
            .arg(out)
            .args(extra)
            .output()
            .unwrap();
        assert!(o.status.success());
        assert!(
            o.stderr.is_empty(),
            "{}",
            String::from_utf8_lossy(&o.stderr)
        );
    };
    run(&["--threads", "1"]);
    let full = std::fs::read(out.join("sweep.csv")).unwrap();
    for i in 1..=4 {
        run(&["--threads", "2", "--shard", &format!("{i}/4")]);
    }
    let mut cat = Vec::new();
    for i in 1..=4 {
        cat.extend(std::fs::read(out.join(format!("sweep.part-{i:04}-of-0004.csv"))).unwrap());
    }
    assert!(cat == full);
    run(&["--no-header", "--threads", "3"]);
    let headless = std::fs::read(out.join("sweep.csv")).unwrap();
    let nl = full.iter().position(|b| *b == b'\n').unwrap();
    assert!(headless == full[nl + 1..]);
}

#[test]
fn count_shows_the_points_without_running() {
    let o = bin()
        .current_dir(repo())
        .args(["sweep", "sweeps/lambda-endpoint.toml", "--count"])
        .output()
        .unwrap();
    assert!(o.status.success());
    assert_eq!(
        String::from_utf8_lossy(&o.stdout),
        "2,040 points: interface_endpoint[0].azs (2) × interface_endpoint[0].gb_per_month (60) × interface_endpoint[0].peak_gbps (17)\n"
    );
}

#[test]
fn designs_on_explicit_scenarios_are_refused_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(
        dir.path(),
        "s.toml",
        "region = \"us-east-1\"\n[[hosted_zone]]\n[sweep]\ndesigns = [\"nat\", \"distributed\"]\n",
    );
    let o = bin().arg("sweep").arg(&p).output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains(":4: `sweep.designs`")
            && err.contains("[workload]")
            && err.contains("scenarios = "),
        "{err}"
    );
}

#[test]
fn example_sweeps_run() {
    for f in [
        "sweeps/nat-vs-endpoints.toml",
        "sweeps/lambda-endpoint.toml",
    ] {
        let sw = sweep::load(&repo().join(f), &book()).unwrap();
        let fast = csv(&sw, 2, 100, Shard::ALL, false);
        let reference = csv(&sw, 2, 100, Shard::ALL, true);
        assert!(fast == reference, "{f}");
    }
}

// ---------------------------------------------------------------------------------------
// Property test: random scenarios, random axes, fast path == engine, row for row.

fn dec_str(mantissa: u64, scale: u32) -> String {
    rust_decimal::Decimal::from_i128_with_scale(i128::from(mantissa), scale)
        .normalize()
        .to_string()
}

prop_compose! {
    fn amount()(m in prop_oneof![0u64..2_000, 0u64..20_000_000, 0u64..9_000_000_000], s in 0u32..4) -> String {
        dec_str(m, s)
    }
}

prop_compose! {
    fn scenario_and_sweep()(
        ifaces in proptest::collection::vec((1u64..4, 1u64..4, amount(), 0u32..400), 1..4),
        nat in proptest::option::of((1u64..5, amount(), 0u32..200)),
        tgw in proptest::option::of((1u64..6, amount(), any::<bool>())),
        resolver in proptest::option::of((2u64..7, amount(), 0u32..40000)),
        zones in 0u64..40,
        checks in 0u64..70,
        non_aws in any::<bool>(),
        assoc in proptest::option::of(0u64..250),
        nlb in proptest::option::of(amount()),
        xaz in proptest::option::of((1u32..3, amount())),
        inter in proptest::option::of((amount(), prop::sample::select(vec!["eu-west-1", "us-east-2"]))),
        gateway in proptest::option::of((1u64..4, amount())),
        gwlb in proptest::option::of((1u64..4, amount(), 0u32..300)),
        arc in proptest::option::of(1u64..3),
        hours in prop_oneof![Just(None), Just(Some("[720, 730, 744]"))],
        region in prop_oneof![Just(None), Just(Some("[\"us-east-1\", \"us-west-2\"]"))],
        limits in prop_oneof![Just(None), Just(Some("[\"seed\", \"current\"]"))],
        gb_vals in proptest::collection::vec(amount(), 1..4),
        peak_vals in proptest::collection::vec(0u32..500, 1..3),
        count_vals in proptest::collection::vec(1u64..5, 1..3),
        other_vals in proptest::collection::vec(1u64..4, 1..3),
    ) -> String {
        let mut s = String::from("name = \"prop\"\nregion = \"us-east-1\"\n");
        for (count, azs, gb, peak) in &ifaces {
            s += &format!("[[interface_endpoint]]\nservice = \"svc\"\ncount = {count}\nazs = {azs}\ngb_per_month = \"{gb}\"\npeak_gbps = {}\n", f64::from(*peak) / 10.0);
        }
        if let Some((count, gb, peak)) = &nat {
            s += &format!("[[nat_gateway]]\ncount = {count}\ngb_per_month = \"{gb}\"\npeak_gbps = {}\n", f64::from(*peak) / 10.0);
        }
        if let Some((count, gb, existing)) = &tgw {
            s += &format!("[[tgw_attachment]]\ncount = {count}\ngb_per_month = \"{gb}\"\nexisting = {existing}\n");
        }
        if let Some((ips, q, qps)) = &resolver {
            s += &format!("[[resolver_endpoint]]\ndirection = \"outbound\"\nips = {ips}\nqueries_per_month = \"{q}\"\npeak_qps = {qps}\n");
        }
        if zones > 0 {
            s += &format!("[[hosted_zone]]\ncount = {zones}\n");
        }
        if checks > 0 {
            let t = if non_aws { "non-aws" } else { "aws" };
            s += &format!("[[health_check]]\ncount = {checks}\ntype = \"{t}\"\noptional_features = 1\n");
        }
        if let Some(a) = assoc {
            s += &format!("[[route53_profile]]\nvpc_associations = {a}\n");
        }
        if let Some(n) = &nlb {
            s += &format!("[[nlb]]\nnlcu_per_hour = \"{n}\"\n");
        }
        if let Some((sides, gb)) = &xaz {
            s += &format!("[[data_transfer]]\nkind = \"cross-az\"\nbilled_sides = {sides}\ngb_per_month = \"{gb}\"\n");
        }
        if let Some((gb, to)) = &inter {
            s += &format!("[[data_transfer]]\nkind = \"inter-region\"\nto_region = \"{to}\"\ngb_per_month = \"{gb}\"\n");
        }
        if let Some((count, gb)) = &gateway {
            s += &format!("[[gateway_endpoint]]\nservice = \"s3\"\ncount = {count}\ngb_per_month = \"{gb}\"\n");
        }
        if let Some((count, gb, peak)) = &gwlb {
            s += &format!("[[gwlb_endpoint]]\ncount = {count}\ngb_per_month = \"{gb}\"\npeak_gbps = {}\n", f64::from(*peak) / 10.0);
        }
        if let Some(count) = arc {
            s += &format!("[[arc_cluster]]\ncount = {count}\n");
        }
        s += "[sweep]\n";
        if let Some(r) = region { s += &format!("region = {r}\n"); }
        if let Some(l) = limits { s += &format!("limits = {l}\n"); }
        let list = |v: &[String]| v.iter().map(|x| format!("\"{x}\"")).collect::<Vec<_>>().join(", ");
        let whole = |v: &[u64]| v.iter().map(|c| c.to_string()).collect::<Vec<_>>().join(", ");
        s += &format!("\"interface_endpoint[0].gb_per_month\" = [{}]\n", list(&gb_vals));
        s += &format!("\"interface_endpoint[*].peak_gbps\" = [{}]\n", peak_vals.iter().map(|p| (f64::from(*p) / 10.0).to_string()).collect::<Vec<_>>().join(", "));
        s += &format!("\"interface_endpoint[0].count\" = [{}]\n", whole(&count_vals));
        // More axes while the sweep stays small (each point is also run through the engine).
        let mut points = gb_vals.len() * peak_vals.len() * count_vals.len();
        let mut axis = |s: &mut String, line: String, n: usize| {
            if points * n <= 400 {
                points *= n;
                *s += &line;
            }
        };
        if nat.is_some() {
            axis(&mut s, format!("\"nat_gateway[0].gb_per_month\" = [{}]\n", list(&gb_vals)), gb_vals.len());
        }
        if resolver.is_some() {
            axis(&mut s, "\"resolver_endpoint[0].queries_per_month\" = [0, 999999999, 1000000001, 5e9]\n".into(), 4);
        }
        if tgw.is_some() {
            axis(&mut s, format!("\"tgw_attachment[0].count\" = [{}]\n", whole(&other_vals)), other_vals.len());
        }
        if inter.is_some() {
            axis(&mut s, format!("\"data_transfer[*].gb_per_month\" = [{}]\n", list(&gb_vals)), gb_vals.len());
        } else if xaz.is_some() {
            axis(&mut s, "\"data_transfer[0].gb_per_month\" = [0, 100.5]\n".into(), 2);
        }
        if gateway.is_some() {
            axis(&mut s, format!("\"gateway_endpoint[0].count\" = [{}]\n", whole(&other_vals)), other_vals.len());
        }
        if gwlb.is_some() {
            axis(&mut s, format!("\"gwlb_endpoint[0].gb_per_month\" = [{}]\n", list(&gb_vals)), gb_vals.len());
        }
        if arc.is_some() {
            axis(&mut s, format!("\"arc_cluster[0].count\" = [{}]\n", whole(&other_vals)), other_vals.len());
        }
        if checks > 0 {
            axis(&mut s, "\"health_check[0].optional_features\" = [0, 2]\n".into(), 2);
        }
        if nlb.is_some() {
            axis(&mut s, "\"nlb[0].count\" = [1, 3]\n".into(), 2);
        }
        if let Some(h) = hours { s += &format!("hours_per_month = {h}\n"); }
        s
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, .. ProptestConfig::default() })]

    #[test]
    fn fast_path_equals_engine_on_random_sweeps(text in scenario_and_sweep()) {
        let sw = load(&text);
        let fast = String::from_utf8(csv(&sw, 2, 50, Shard::ALL, false)).unwrap();
        let reference = String::from_utf8(csv(&sw, 1, 50, Shard::ALL, true)).unwrap();
        for (f, r) in fast.lines().zip(reference.lines()) {
            prop_assert_eq!(f, r, "sweep:\n{}", text);
        }
        prop_assert_eq!(fast.lines().count(), reference.lines().count());
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, .. ProptestConfig::default() })]

    /// Stronger than the rows: the exact figures (money to the last decimal, f64 capacity
    /// figures to the last bit) of every point.
    #[test]
    fn fast_figures_equal_engine_figures_exactly(text in scenario_and_sweep()) {
        let sw = load(&text);
        let b = book();
        let plan = Plan::new(&sw, &b, false);
        let mut w = vpceplan::sweep::plan::Worker::default();
        for p in 0..sw.total {
            let d = plan.digits(p);
            let combo = plan.combo(&d, &mut w);
            let fast = plan.outcome(&combo, &d, &mut w, None);
            let engine = plan.reference_outcome(&d);
            prop_assert_eq!(&fast, &engine, "point {} of\n{}", p, text);
        }
    }
}

#[test]
fn breakeven_is_the_same_through_the_engine_and_in_shards() {
    let dir = tempfile::tempdir().unwrap();
    let run = |name: &str, extra: &[&str]| {
        let out = dir.path().join(name);
        let o = bin()
            .current_dir(repo())
            .args(["sweep", "sweeps/nat-vs-endpoints.toml", "--quiet", "--out"])
            .arg(&out)
            .args(extra)
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        out
    };
    let fast = run("fast", &[]);
    let reference = run("ref", &["--reference"]);
    for f in ["sweep.csv", "breakeven.csv"] {
        assert_eq!(
            std::fs::read_to_string(fast.join(f)).unwrap(),
            std::fs::read_to_string(reference.join(f)).unwrap(),
            "{f}"
        );
    }
    let shards = run("s1", &["--shard", "1/2"]);
    run("s1", &["--shard", "2/2"]);
    for stem in ["sweep", "breakeven"] {
        let mut cat =
            std::fs::read_to_string(shards.join(format!("{stem}.part-0001-of-0002.csv"))).unwrap();
        cat +=
            &std::fs::read_to_string(shards.join(format!("{stem}.part-0002-of-0002.csv"))).unwrap();
        assert_eq!(
            cat,
            std::fs::read_to_string(fast.join(format!("{stem}.csv"))).unwrap(),
            "{stem}"
        );
    }
}

/// The benchmark runs (its figures are recorded in BENCHMARKS.md, never asserted).
#[test]
fn bench_runs_and_reports() {
    let o = bin()
        .args(["bench", "--points", "2000", "--sink", "--repeat", "2"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let s = String::from_utf8_lossy(&o.stdout);
    assert!(
        s.contains("2,000 points") && s.contains("points/s") && s.contains("peak RSS"),
        "{s}"
    );
    let o = bin().args(["bench", "--points", "2001"]).output().unwrap();
    assert!(!o.status.success());
}

/// `bench --design`: the workload sweep, its rows those of the same sweep run by `sweep`
/// (first row by hand: 1 spoke, 1 GB, 2 AZs, NAT: 2 gateways × 730 h × 0.045 = 65.70
/// + 1 GB × 0.045 = 65.745 → 65.75; USD per GB 65.745 / 1 GB).
#[test]
fn bench_design_runs_the_workload_sweep() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("bench.csv");
    let o = bin()
        .args([
            "bench",
            "--design",
            "--points",
            "20000",
            "--threads",
            "2",
            "--out",
        ])
        .arg(&out)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let s = String::from_utf8_lossy(&o.stdout);
    assert!(s.contains("bench --design: 20,000 points"), "{s}");
    let csv = std::fs::read_to_string(&out).unwrap();
    assert_eq!(csv.lines().count(), 1 + 20_000);
    assert_eq!(
        csv.lines().nth(1).unwrap(),
        "1,1,2,design-bench,nat,65.75,0.090062,65.745,90.00,ok,ok,ok,yes,"
    );
    let o = bin()
        .args(["bench", "--design", "--points", "25000"])
        .output()
        .unwrap();
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("multiple of 10000"));
}

// ---------------------------------------------------------------------------------------
// Workload scenarios: designs compiled as `vpceplan compare` compiles them.

fn sweep_file(dir: &Path, body: &str) -> PathBuf {
    write(dir, "s.toml", body)
}

fn run_sweep(file: &Path, out: &Path, extra: &[&str]) -> String {
    let o = bin()
        .args(["sweep", "--quiet", "--out"])
        .arg(out)
        .arg(file)
        .args(extra)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    std::fs::read_to_string(out.join("sweep.csv")).unwrap()
}

#[test]
fn workload_designs_give_the_figures_of_compare() {
    let dir = tempfile::tempdir().unwrap();
    let scen = repo().join("scenarios/ecr-s3-spokes.toml");
    // No `designs` axis: the designs of the scenario's [compare], side by side.
    let f = sweep_file(
        dir.path(),
        &format!(
            "[sweep]\nscenarios = [{:?}]\nspokes = [20]\ngb_per_month_per_spoke = [500]\n",
            scen.display().to_string()
        ),
    );
    let csv = run_sweep(&f, &dir.path().join("out"), &[]);
    // The pins of scenarios/ecr-s3-spokes.toml (worked by hand there); USD per GB over
    // the workload's 10,000 GB, as compare.csv shows it.
    assert_eq!(
        csv,
        "spokes,gb_per_month_per_spoke,scenario,design,monthly_usd,hourly_usd,usd_per_gb,min_headroom_pct,status,az_loss_status,quotas,valid,reason\n\
20,500,ecr-s3-spokes,nat,2421.00,3.316438,0.2421,93.33,ok,ok,increase needed,yes,\n\
20,500,ecr-s3-spokes,distributed,2728.00,3.736986,0.2728,99.44,ok,ok,ok,yes,\n\
20,500,ecr-s3-spokes,centralized,1745.40,2.390959,0.17454,86.67,ok,ok,ok,yes,\n\
20,500,ecr-s3-spokes,gateway-where-possible,2273.33,3.114155,0.227333,99.44,ok,ok,ok,yes,\n"
    );
}

#[test]
fn workload_sweeps_fast_equals_engine_and_invalid_designs_say_why() {
    let dir = tempfile::tempdir().unwrap();
    let scen = repo().join("scenarios/s3-single-vpc-workload.toml");
    let f = sweep_file(
        dir.path(),
        &format!(
            "[sweep]\nscenarios = [{:?}]\ngb_per_month_per_spoke = {{ log_from = 10, log_to = 10000000, points = 7 }}\nazs = [1, 2, 3]\nhours_per_month = [720, 744]\ndesigns = [\"gateway-where-possible\", \"distributed\", \"gateway-only\", \"nat\", \"centralized\"]\n",
            scen.display().to_string()
        ),
    );
    let fast = run_sweep(&f, &dir.path().join("fast"), &["--threads", "2"]);
    let reference = run_sweep(
        &f,
        &dir.path().join("ref"),
        &["--reference", "--threads", "1"],
    );
    assert_eq!(fast, reference);
    assert_eq!(fast.lines().count(), 1 + 7 * 3 * 2 * 5);
    let bad = fast.lines().find(|l| l.contains(",gateway-only,")).unwrap();
    assert!(
        bad.contains(",no,\"invalid design: a gateway endpoint cannot serve"),
        "{bad}"
    );
}

#[test]
fn unknown_designs_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let scen = repo().join("scenarios/ecr-s3-spokes.toml");
    let f = sweep_file(
        dir.path(),
        &format!(
            "[sweep]\nscenarios = [{:?}]\ndesigns = [\"nat\", \"hub-and-spoke\"]\n",
            scen.display().to_string()
        ),
    );
    let o = bin().arg("sweep").arg(&f).output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("unknown design `hub-and-spoke`") && err.contains("gateway-where-possible"),
        "{err}"
    );
}

#[test]
fn breakeven_along_spokes_is_exact_and_agrees_with_compare() {
    // scenarios/ecr-s3-spokes.toml, by hand: distributed 136.40·N, centralized
    // 715.40 + 51.50·N → N = 715.40 / 84.90 = 8.426384…; at N: 136.40 × 8.426384… = 1149.36.
    // `vpceplan compare` reports the same 8.426384 spokes.
    let dir = tempfile::tempdir().unwrap();
    let scen = repo().join("scenarios/ecr-s3-spokes.toml");
    let f = sweep_file(
        dir.path(),
        &format!(
            "[sweep]\nscenarios = [{:?}]\nspokes = {{ from = 1, to = 200, step = 1 }}\ngb_per_month_per_spoke = [500, 100000]\ndesigns = [\"distributed\", \"centralized\"]\n[breakeven]\naxis = \"spokes\"\n",
            scen.display().to_string()
        ),
    );
    let csv = run_sweep(&f, &dir.path().join("out"), &[]);
    let be = std::fs::read_to_string(dir.path().join("out/breakeven.csv")).unwrap();
    assert_eq!(
        be,
        "scenario,gb_per_month_per_spoke,axis,design_a,design_b,crossing,monthly_usd_a,monthly_usd_b,cheaper_below,cheaper_above,method,note\n\
ecr-s3-spokes,500,spokes,distributed,centralized,8.426384,1149.36,1149.36,distributed,centralized,exact,\n\
ecr-s3-spokes,100000,spokes,distributed,centralized,never,,,distributed,distributed,exact,\n"
    );
    // the sweep's rows agree: distributed cheaper at 8 spokes, centralized at 9
    assert!(csv.contains("\n8,500,ecr-s3-spokes,distributed,1091.20,"));
    assert!(csv.contains("\n8,500,ecr-s3-spokes,centralized,1127.40,"));
    assert!(csv.contains("\n9,500,ecr-s3-spokes,distributed,1227.60,"));
    assert!(csv.contains("\n9,500,ecr-s3-spokes,centralized,1178.90,"));
}

// Property: break-even crossings are where the costs meet, and between them the cheaper
// design is the one the rows say.

prop_compose! {
    fn two_designs()(
        iface_azs in 1u64..4, iface_count in 1u64..8,
        nat_count in 1u64..4, zones in 0u64..40,
        hi in prop_oneof![1_000u64..100_000, 1_000_000u64..8_000_000],
    ) -> (String, String, u64) {
        let a = format!("name = \"a\"\nregion = \"us-east-1\"\n[[interface_endpoint]]\nservice = \"s3\"\nazs = {iface_azs}\ncount = {iface_count}\ngb_per_month = 1\n");
        let mut b = format!("name = \"b\"\nregion = \"us-east-1\"\n[[nat_gateway]]\ncount = {nat_count}\ngb_per_month = 1\n");
        if zones > 0 {
            b += &format!("[[hosted_zone]]\ncount = {zones}\n");
        }
        (a, b, hi)
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, .. ProptestConfig::default() })]

    #[test]
    fn breakeven_crossings_are_where_costs_meet((a, b, hi) in two_designs()) {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        write(d, "a.toml", &a);
        write(d, "b.toml", &b);
        let text = format!(
            "[sweep]\nscenarios = [\"a.toml\", \"b.toml\"]\ng = {{ keys = [\"interface_endpoint[0].gb_per_month\", \"nat_gateway[0].gb_per_month\"], from = 0, to = {hi}, step = {} }}\n[breakeven]\naxis = \"g\"\n",
            hi / 40
        );
        let sw = sweep::file::from_text("s.toml", d, &text, &book()).unwrap();
        let bk = book();
        let plan = Plan::new(&sw, &bk, false);
        let mut out = Vec::new();
        sweep::write_breakeven(&plan, &pool(1), &mut out, Shard::ALL, true).unwrap();
        let be = String::from_utf8(out).unwrap();
        // the costs of both designs at any g, through the engine
        let cost = |which: usize, g: rust_decimal::Decimal| -> rust_decimal::Decimal {
            let text = if which == 0 { &a } else { &b };
            let mut s = vpceplan::scenario::parse_scenario("x.toml", text, &bk).unwrap();
            s.resources[0].gb_per_month = g;
            vpceplan::engine::evaluate(&s, &bk).unwrap().monthly
        };
        let dec = |x: &str| x.parse::<rust_decimal::Decimal>().unwrap();
        let rows: Vec<Vec<String>> = be.lines().skip(1).map(|l| l.split(',').map(str::to_string).collect()).collect();
        prop_assert!(!rows.is_empty());
        let mut edges = vec![rust_decimal::Decimal::ZERO];
        for r in &rows {
            // axis,design_a,design_b,crossing,monthly_a,monthly_b,below,above,method,note
            prop_assert_eq!(r[8].as_str(), "exact");
            if r[3] != "never" {
                let x = dec(&r[3]);
                // equal to the cent at the (6-place) crossing
                let (ca, cb) = (cost(0, x), cost(1, x));
                prop_assert!((ca - cb).abs() < dec("0.01"), "{} vs {} at {}\n{}", ca, cb, x, be);
                prop_assert_eq!(&r[4], &r[5]);
                edges.push(x);
            }
        }
        edges.push(dec(&hi.to_string()));
        // between crossings, the cheaper design is the one named
        let segments: Vec<String> = if rows[0][3] == "never" {
            vec![rows[0][6].clone()]
        } else {
            let mut v = vec![rows[0][6].clone()];
            for r in &rows { v.push(r[7].clone()); }
            v
        };
        for (i, w) in segments.iter().enumerate() {
            let (lo, up) = (edges[i], edges[i + 1]);
            if up - lo < dec("0.001") { continue; }
            let mid = (lo + up) / rust_decimal::Decimal::TWO;
            let (ca, cb) = (cost(0, mid), cost(1, mid));
            let want = if ca < cb { "a" } else if cb < ca { "b" } else { "equal" };
            prop_assert_eq!(w.as_str(), want, "segment {}..{} at {}: a {} b {}\n{}", lo, up, mid, ca, cb, be);
        }
    }
}
