//! `vpceplan report` and `run --charts` end to end on a temp dir: chart files are real
//! PNGs and well-formed SVGs with the expected titles, axis labels, series and break-even
//! labels; index.html is self-contained, holds every monthly figure of the CSVs written in
//! the same run and escapes hostile names; the output is byte-identical for any
//! `--threads`.

use crate::common::{read_csv, stderr, stdout, tmp, tree, vpceplan, write};
use std::path::Path;

const ECR: &str = include_str!("../../scenarios/ecr-s3-spokes.toml");
const S3: &str = include_str!("../../scenarios/s3-single-vpc-workload.toml");
const CONSOLE: &str = include_str!("../../scenarios/console-private-access.toml");
const PAYMENTS: &str = include_str!("../../scenarios/global-payments-failover-workload.toml");

fn setup() -> tempfile::TempDir {
    let d = tmp();
    write(d.path(), "scenarios/ecr-s3-spokes.toml", ECR);
    write(d.path(), "scenarios/s3-single-vpc-workload.toml", S3);
    write(d.path(), "scenarios/console-private-access.toml", CONSOLE);
    write(
        d.path(),
        "scenarios/global-payments-failover-workload.toml",
        PAYMENTS,
    );
    d
}

/// Width and height of a PNG, after checking its signature and first chunk.
fn png_dims(png: &[u8]) -> (u32, u32) {
    assert!(png.len() > 1000, "PNG too short: {} bytes", png.len());
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n", "PNG signature");
    assert_eq!(&png[12..16], b"IHDR");
    (
        u32::from_be_bytes([png[16], png[17], png[18], png[19]]),
        u32::from_be_bytes([png[20], png[21], png[22], png[23]]),
    )
}

/// The text of every `<text>` of an SVG document, which must parse.
fn svg_texts(svg: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(svg).expect("SVG is well-formed XML");
    assert_eq!(doc.root_element().tag_name().name(), "svg");
    doc.descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|t| t.text().unwrap_or("").trim().to_string())
        .collect()
}

/// Check `<dir>/<stem>.png` and `.svg`; return the SVG's texts.
fn chart(out: &Path, dir: &str, stem: &str) -> Vec<String> {
    let png = std::fs::read(out.join(dir).join(format!("{stem}.png")))
        .unwrap_or_else(|e| panic!("{dir}/{stem}.png: {e}"));
    assert_eq!(png_dims(&png), (1200, 700), "{dir}/{stem}.png");
    let svg = std::fs::read_to_string(out.join(dir).join(format!("{stem}.svg")))
        .unwrap_or_else(|e| panic!("{dir}/{stem}.svg: {e}"));
    svg_texts(&svg)
}

fn has(texts: &[String], wanted: &str) {
    assert!(
        texts.iter().any(|t| t == wanted),
        "no <text> {wanted:?} in {texts:?}"
    );
}

fn money_ticks(texts: &[String]) -> usize {
    texts
        .iter()
        .filter(|t| {
            t.strip_prefix('$').is_some_and(|b| {
                let b = b.trim_end_matches(['k', 'M', 'B']);
                !b.is_empty()
                    && b.chars()
                        .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
            })
        })
        .count()
}

#[test]
fn report_writes_charts_and_a_self_contained_page() {
    let d = setup();
    let o = vpceplan(d.path(), &["report", "scenarios", "--out", "out"]);
    assert!(o.status.success(), "{}\n{}", stdout(&o), stderr(&o));
    let out = d.path().join("out");

    // Cost against traffic: log axes, one line per design, exact break-evens labelled
    // with the figures of breakeven.csv.
    let t = chart(&out, "ecr-s3-spokes", "cost-vs-traffic");
    has(&t, "ecr-s3-spokes: monthly cost vs traffic");
    has(&t, "Traffic (GB/month, log scale; workload: 10,000 GB)");
    has(&t, "Cost (USD/month, log scale)");
    for design in [
        "nat",
        "distributed",
        "centralized",
        "gateway-where-possible",
    ] {
        has(&t, design);
    }
    has(&t, "distributed = centralized: 59,130 GB");
    has(&t, "nat = distributed: 18,771 GB");
    assert!(money_ticks(&t) >= 3, "money ticks read as dollars: {t:?}");
    let be = std::fs::read_to_string(out.join("breakeven.csv")).unwrap();
    assert!(
        be.contains(
            "ecr-s3-spokes,distributed,centralized,traffic_gb_per_month,centralized,59130,"
        ),
        "{be}"
    );

    // Cost against spokes.
    let t = chart(&out, "ecr-s3-spokes", "cost-vs-spokes");
    has(&t, "ecr-s3-spokes: monthly cost vs spoke VPCs");
    has(&t, "Spoke VPCs (workload: 20)");
    has(&t, "Cost (USD/month)");
    has(&t, "distributed = centralized: 8.43 spokes");
    assert!(money_ticks(&t) >= 3, "{t:?}");

    // Cost by component, one bar per priced design, totals to the cent.
    let t = chart(&out, "ecr-s3-spokes", "cost-breakdown");
    has(&t, "ecr-s3-spokes: monthly cost by component");
    has(&t, "$1,745.40");
    has(&t, "NAT gateway hours");
    has(&t, "Route 53 Profile hours");
    for design in [
        "nat",
        "distributed",
        "centralized",
        "gateway-where-possible",
    ] {
        has(&t, design);
    }

    // Per-AZ load with the profile's limits (seed: NAT gateways 5 / 100 Gbps).
    let t = chart(&out, "ecr-s3-spokes/nat", "load-nat_gateway");
    has(&t, "ecr-s3-spokes/nat: load per NAT gateway");
    has(&t, "Load per NAT gateway (Gbps)");
    has(&t, "Over sustained limit (5 Gbps)");
    has(&t, "Over burst limit (100 Gbps)");
    has(&t, "lost");
    let t = chart(
        &out,
        "global-payments-failover-workload/distributed",
        "load-interface_endpoint_eni",
    );
    has(&t, "sustained limit 10 Gbps");

    // Failover: before and after losing the primary.
    let t = chart(
        &out,
        "global-payments-failover-workload/distributed",
        "failover-us-east-1",
    );
    has(&t, "us-east-1");
    has(&t, "us-west-2");
    has(&t, "failed");
    has(&t, "Before failover");
    has(&t, "After failover");

    // Explicit scenario: one bar, its load charts (no chart for all-zero loads).
    let t = chart(&out, "console-private-access", "cost-breakdown");
    has(&t, "$212.20");
    assert!(
        !out.join("console-private-access/load-interface_endpoint_eni.svg")
            .exists(),
        "no traffic, no load chart"
    );

    // The page: every monthly figure of summary.csv and compare.csv is in it.
    let html = std::fs::read_to_string(out.join("index.html")).unwrap();
    let summary = read_csv(&out.join("summary.csv"));
    let col =
        |rows: &[Vec<String>], name: &str| rows[0].iter().position(|h| h == name).expect(name);
    let m = col(&summary, "monthly_usd");
    let status = col(&summary, "status");
    let error = col(&summary, "error");
    let mut checked = 0;
    let mut invalid = 0;
    for r in &summary[1..] {
        if r[status] == "invalid" {
            // A design that cannot serve its workload: named, with its reason, not priced.
            assert!(r[m].is_empty(), "an invalid design is not priced: {r:?}");
            assert!(
                html.contains(&format!(">{}<", r[0])),
                "{} not in page",
                r[0]
            );
            let reason = vpceplan::text::untext_cell(&r[error]).to_string();
            let shown = reason
                .replace('&', "&amp;")
                .replace('<', "&lt;")
                .replace('>', "&gt;");
            assert!(
                html.contains(&shown),
                "reason of {} not in page: {reason}",
                r[0]
            );
            invalid += 1;
            continue;
        }
        assert!(
            html.contains(&format!(">{}<", r[m])),
            "summary monthly {} of {} not in index.html",
            r[m],
            r[0]
        );
        assert!(
            html.contains(&format!(">{}<", r[0])),
            "{} not in page",
            r[0]
        );
        checked += 1;
    }
    assert_eq!(checked, 1 + 4 + 2 + 1);
    assert!(
        invalid > 0,
        "the invalid designs are rows of summary.csv too"
    );
    let compare = read_csv(&out.join("compare.csv"));
    let m = col(&compare, "monthly_usd");
    let design = col(&compare, "design");
    let reason = col(&compare, "invalid_reason");
    for r in &compare[1..] {
        if r[m].is_empty() {
            // An invalid design: its reason is on the page instead.
            let shown = vpceplan::report::html::esc(vpceplan::text::untext_cell(&r[reason]));
            assert!(html.contains(&shown), "{}", r[reason]);
            continue;
        }
        assert!(
            html.contains(&format!(">{}<", r[m])),
            "{} {}",
            r[design],
            r[m]
        );
    }
    assert!(html.contains("59130 GB/month (distributed cheaper above)"));
    assert!(html.contains("8.426384 spokes (centralized cheaper from 9)"));

    // Self-contained: no script, no external resource; every inline SVG parses.
    assert!(html.starts_with("<!DOCTYPE html>"));
    for banned in ["<script", "<link", " src=", "@import", "url("] {
        assert!(!html.contains(banned), "{banned} in index.html");
    }
    let mut svgs = 0;
    for part in html.split("<svg ").skip(1) {
        let end = part.find("</svg>").expect("closed svg");
        svg_texts(&format!("<svg {}</svg>", &part[..end]));
        svgs += 1;
    }
    let files = tree(&out);
    let pngs = files.iter().filter(|(p, _)| p.ends_with(".png")).count();
    assert_eq!(svgs, pngs, "every chart inline");
    // Assumptions.
    for wanted in [
        "1 GB = 2^30 = 1,073,741,824 bytes",
        "half away from zero",
        "730 h",
        "Limits profiles used",
        "interface_endpoint_eni",
        "2026-11-30",
        "built-in",
    ] {
        assert!(html.contains(wanted), "{wanted} not in the assumptions");
    }
    // Written atomically: no temporary file left.
    assert!(
        files.iter().all(|(p, _)| !p.ends_with(".tmp")),
        "temp files left"
    );
}

#[test]
fn report_escapes_hostile_names() {
    let d = tmp();
    let hostile = r#"<img src=x onerror=alert(1)> & "q" 'r'"#;
    write(
        d.path(),
        "scenarios/evil.toml",
        &format!(
            "name = '''{hostile}'''\nregion = \"us-east-1\"\n\n[[interface_endpoint]]\nname = \"<b>bold</b\"\nservice = \"s3\"\nazs = 2\ngb_per_month = 1000\npeak_gbps = 12\n"
        ),
    );
    let o = vpceplan(d.path(), &["report", "scenarios", "--out", "out"]);
    assert!(o.status.success(), "{}\n{}", stdout(&o), stderr(&o));
    let out = d.path().join("out");
    let html = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(!html.contains("<img"), "raw markup from a name");
    assert!(!html.contains("<b>bold"), "raw markup from a block name");
    assert!(html.contains("&lt;img src=x onerror=alert(1)&gt; &amp; &quot;q&quot; &#39;r&#39;"));
    // Links to the chart files are percent-encoded.
    assert!(html.contains("href=\"%3Cimg%20src%3Dx%20onerror%3Dalert%281%29%3E%20%26%20%22q%22%20%27r%27/cost-breakdown.svg\""));
    // The charts themselves land in the scenario's folder, and their SVG escapes the name.
    let t = chart(&out.join(hostile), "", "cost-breakdown");
    has(&t, &format!("{hostile}: monthly cost by component"));
    let svg = std::fs::read_to_string(out.join(hostile).join("cost-breakdown.svg")).unwrap();
    assert!(!svg.contains("<img"));
    let t = chart(&out.join(hostile), "", "load-interface_endpoint_eni");
    assert!(t.iter().any(|x| x.contains("bold")), "{t:?}");
}

#[test]
fn report_is_identical_for_any_thread_count() {
    let d = setup();
    for (threads, dir) in [("1", "one"), ("4", "four")] {
        let o = vpceplan(
            d.path(),
            &["--threads", threads, "report", "scenarios", "--out", dir],
        );
        assert!(o.status.success(), "{}", stderr(&o));
    }
    let a = tree(&d.path().join("one"));
    let b = tree(&d.path().join("four"));
    assert_eq!(
        a.iter().map(|x| &x.0).collect::<Vec<_>>(),
        b.iter().map(|x| &x.0).collect::<Vec<_>>()
    );
    for ((p, x), (_, y)) in a.iter().zip(&b) {
        assert!(x == y, "{p} differs between --threads 1 and 4");
    }
}

#[test]
fn run_charts_land_next_to_the_csvs() {
    let d = setup();
    let o = vpceplan(
        d.path(),
        &[
            "run",
            "scenarios/ecr-s3-spokes.toml",
            "--out",
            "out",
            "--charts",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let out = d.path().join("out");
    assert!(out.join("ecr-s3-spokes/nat/line_items.csv").exists());
    let t = chart(&out, "ecr-s3-spokes", "cost-vs-traffic");
    has(&t, "distributed = centralized: 59,130 GB");
    chart(&out, "ecr-s3-spokes", "cost-breakdown");
    chart(&out, "ecr-s3-spokes/centralized", "load-tgw_attachment_az");
    assert!(!out.join("index.html").exists(), "run writes no page");

    // Without --charts, no chart.
    let o = vpceplan(
        d.path(),
        &["run", "scenarios/ecr-s3-spokes.toml", "--out", "plain"],
    );
    assert!(o.status.success());
    assert!(
        tree(&d.path().join("plain"))
            .iter()
            .all(|(p, _)| p.ends_with(".csv"))
    );

    // --charts writes files: not with --no-write.
    let o = vpceplan(d.path(), &["run", "scenarios", "--charts", "--no-write"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("--charts"), "{}", stderr(&o));
}

#[test]
fn report_of_a_failing_scenario_still_writes_the_page() {
    let d = tmp();
    write(d.path(), "scenarios/a.toml", CONSOLE);
    write(
        d.path(),
        "scenarios/b.toml",
        "name = \"broken\"\nregion = \"us-east-1\"\nbogus = 1\n",
    );
    let o = vpceplan(d.path(), &["report", "scenarios", "--out", "out"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let html = std::fs::read_to_string(d.path().join("out/index.html")).unwrap();
    assert!(html.contains("212.20"));
    assert!(html.contains("bogus"), "the error is shown");
}

const NAT_VS_EP: &str = include_str!("../../sweeps/nat-vs-endpoints.toml");
const SIX_NAT: &str = include_str!("../../sweeps/six-services-nat.toml");
const SIX_EP: &str = include_str!("../../sweeps/six-services-endpoints.toml");

#[test]
fn sweep_charts_draw_cost_along_the_axis_with_the_crossings() {
    let d = tmp();
    write(d.path(), "sweeps/nat-vs-endpoints.toml", NAT_VS_EP);
    write(d.path(), "sweeps/six-services-nat.toml", SIX_NAT);
    write(d.path(), "sweeps/six-services-endpoints.toml", SIX_EP);
    for (threads, dir) in [("1", "one"), ("2", "two")] {
        let o = vpceplan(
            d.path(),
            &[
                "--threads",
                threads,
                "sweep",
                "sweeps/nat-vs-endpoints.toml",
                "--out",
                dir,
                "--charts",
            ],
        );
        assert!(o.status.success(), "{}", stderr(&o));
    }
    let out = d.path().join("one");
    // One chart per month length (the other axis), as the CSVs hold them.
    let be = read_csv(&out.join("breakeven.csv"));
    assert_eq!(be.len(), 1 + 3);
    for (i, hours) in ["720", "730", "744"].iter().enumerate() {
        let t = chart(&out, "", &format!("cost-vs-gb-{:03}", i + 1));
        has(
            &t,
            &format!("nat-vs-endpoints: monthly cost vs gb (hours_per_month = {hours})"),
        );
        has(&t, "gb (log scale)");
        has(&t, "Cost (USD/month, log scale)");
        has(&t, "six-services-nat");
        has(&t, "six-services-endpoints");
        let row = be.iter().find(|r| r[0] == *hours).expect("breakeven row");
        has(
            &t,
            &format!("six-services-nat = six-services-endpoints: {} gb", row[4]),
        );
        assert!(money_ticks(&t) >= 3, "{t:?}");
    }
    assert!(!out.join("cost-vs-gb-004.svg").exists());
    assert_eq!(
        tree(&out),
        tree(&d.path().join("two")),
        "same bytes for any --threads"
    );

    // Charts need the whole sweep.csv.
    let o = vpceplan(
        d.path(),
        &[
            "sweep",
            "sweeps/nat-vs-endpoints.toml",
            "--shard",
            "1/2",
            "--charts",
            "--out",
            "part",
        ],
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("--charts"), "{}", stderr(&o));
}
