//! The HTML report in a real browser: headless Chromium (Debian's `chromium`, which
//! `.ci/run` installs) opens `vpceplan report`'s page from disk and
//! - renders it: a screenshot at 1280 px is a real picture (kept, with the others, in
//!   `target/tmp/browser/` for a person to look at);
//! - lays it out: measured by a small script in a test-only copy of the page (the shipped
//!   page has no script), nothing reaches past the viewport at 1280 px (nor at 800 px)
//!   except tables inside their own scrolling boxes, and every chart is drawn full size
//!   and visible;
//! - prints it: `--print-to-pdf` gives an A4 PDF of a sane number of pages, whose first
//!   page (through `pdftoppm`, also installed by `.ci/run`) is not blank.
//!
//! Without Chromium the test fails on CI (`.ci/run` sets `CI=true` and installs it); on a
//! developer's machine without Chromium it says it is skipped and how to run it, so the
//! README's `cargo test` works on a fresh machine.

use crate::common::*;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn on_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false" && v != "0")
}

/// Chromium, or `None` on a developer's machine without it (never on CI).
fn chromium() -> Option<PathBuf> {
    let candidates = [
        std::env::var_os("VPCEPLAN_CHROMIUM").map(PathBuf::from),
        Some(PathBuf::from("/usr/bin/chromium")),
        Some(PathBuf::from("/usr/bin/chromium-browser")),
    ];
    if let Some(p) = candidates.into_iter().flatten().find(|p| p.is_file()) {
        return Some(p);
    }
    assert!(
        !on_ci(),
        "headless Chromium is needed on CI to check the HTML report: `apt-get install -y chromium` (.ci/run does), or set VPCEPLAN_CHROMIUM=PATH"
    );
    eprintln!(
        "browser test SKIPPED: no Chromium here; `apt-get install -y chromium poppler-utils` (or VPCEPLAN_CHROMIUM=PATH) runs it, and CI always does"
    );
    None
}

/// Run Chromium headless with the flags this machine needs, a fresh profile, and at most
/// two minutes; returns stdout.
fn headless(chrome: &Path, args: &[String]) -> String {
    let profile = tmp();
    let mut child = Command::new(chrome)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            "--force-device-scale-factor=1",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start Chromium");
    let mut out = String::new();
    let start = Instant::now();
    let mut stdout = child.stdout.take().expect("stdout");
    let reader = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = std::io::Read::read_to_string(&mut stdout, &mut s);
        s
    });
    loop {
        if let Some(status) = child.try_wait().expect("wait for Chromium") {
            assert!(status.success(), "Chromium failed: {args:?}");
            break;
        }
        if start.elapsed() > Duration::from_secs(120) {
            let _ = child.kill();
            panic!("Chromium took over two minutes: {args:?}");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    out.push_str(&reader.join().unwrap_or_default());
    out
}

fn url(p: &Path) -> String {
    format!("file://{}", p.display())
}

/// Writes into the page what the test checks, as JSON in `<pre id="vpceplan-measure">`.
const MEASURE: &str = r#"
(function () {
  var vw = document.documentElement.clientWidth;
  var out = { viewport: vw, scrollWidth: document.documentElement.scrollWidth,
              overflow: [], charts: [], figures: 0, tables: 0, scrolled: 0 };
  var all = document.body.getElementsByTagName('*');
  for (var i = 0; i < all.length; i++) {
    var el = all[i];
    var box = el.closest('div.scroll');
    if (box && box !== el) continue;          /* inside a scrolling box: may be wider */
    if (el.closest('svg') && el.tagName.toLowerCase() !== 'svg') continue;
    var r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    if (r.right > vw + 0.5 || r.left < -0.5) {
      out.overflow.push(el.tagName.toLowerCase() + ' ' + (el.id || '') + ' right=' + Math.round(r.right));
    }
  }
  var tables = document.querySelectorAll('table');
  out.tables = tables.length;
  out.unboxed = 0;
  for (var t = 0; t < tables.length; t++) {
    if (!tables[t].parentElement.matches('div.scroll')) out.unboxed++;
  }
  var boxes = document.querySelectorAll('div.scroll');
  for (var b = 0; b < boxes.length; b++) {
    if (boxes[b].scrollWidth > boxes[b].clientWidth + 1) out.scrolled++;
  }
  var figs = document.querySelectorAll('figure');
  out.figures = figs.length;
  for (var j = 0; j < figs.length; j++) {
    var svg = figs[j].querySelector('svg');
    if (!svg) { out.charts.push({ missing: true }); continue; }
    var rr = svg.getBoundingClientRect();
    var st = getComputedStyle(svg);
    var drawn = svg.querySelectorAll('rect, path, polyline, line, circle, text').length;
    out.charts.push({ w: Math.round(rr.width), h: Math.round(rr.height),
                      left: Math.round(rr.left), right: Math.round(rr.right),
                      visible: st.display !== 'none' && st.visibility !== 'hidden' && st.opacity !== '0',
                      drawn: drawn });
  }
  var pre = document.createElement('pre');
  pre.id = 'vpceplan-measure';
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
})();
"#;

fn measure(chrome: &Path, page: &Path, width: u32) -> serde_json::Value {
    let html = std::fs::read_to_string(page).unwrap();
    assert!(
        !html.contains("<script"),
        "the shipped page carries a script"
    );
    let copy = page.with_file_name(format!("measure-{width}.html"));
    std::fs::write(
        &copy,
        html.replace("</body>", &format!("<script>{MEASURE}</script>\n</body>")),
    )
    .unwrap();
    let dom = headless(
        chrome,
        &[
            format!("--window-size={width},900"),
            "--run-all-compositor-stages-before-draw".into(),
            "--virtual-time-budget=10000".into(),
            "--dump-dom".into(),
            url(&copy),
        ],
    );
    let start = dom
        .find("<pre id=\"vpceplan-measure\">")
        .expect("the measuring script ran");
    let rest = &dom[start + "<pre id=\"vpceplan-measure\">".len()..];
    let json = &rest[..rest.find("</pre>").expect("end of the measure")];
    let json = json
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
    serde_json::from_str(&json).expect("measure is JSON")
}

/// Width, height and the share of pixels that differ from the top-left one.
fn png_stats(p: &Path) -> (u32, u32, f64) {
    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(p).unwrap()));
    let mut reader = decoder.read_info().expect("a PNG");
    let mut buf = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut buf).expect("PNG frame");
    let px = info.color_type.samples();
    let data = &buf[..info.buffer_size()];
    let first = &data[..px];
    let differ = data
        .chunks(px)
        .filter(|c| c[..3.min(px)] != first[..3.min(px)])
        .count();
    (
        info.width,
        info.height,
        differ as f64 / (data.len() / px) as f64,
    )
}

/// Where the pictures stay for a person to look at.
fn keep(name: &str, from: &Path) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("browser");
    std::fs::create_dir_all(&dir).unwrap();
    let to = dir.join(name);
    std::fs::copy(from, &to).unwrap();
    to
}

fn pdf_pages(pdf: &[u8]) -> usize {
    let text = String::from_utf8_lossy(pdf);
    text.match_indices("/Type /Page")
        .filter(|(i, _)| !text[i + "/Type /Page".len()..].starts_with('s'))
        .count()
}

#[test]
fn the_report_renders_fits_1280_px_shows_every_chart_and_prints() {
    let Some(chrome) = chromium() else { return };
    // Every kind of section: a workload with four designs (wide tables, break-evens, cost
    // curves), an explicit scenario, a failover workload with an invalid design, and a
    // scenario that fails (a misspelt key: a long error message).
    let dir = tmp();
    let bad = "region = \"us-east-1\"\n[[nat_gateway]]\ncount = 2\ngb_per_mnth = 100\n";
    let eu_path = write(
        dir.path(),
        "a-very-long-scenario-file-name-that-does-not-parse.toml",
        bad,
    );
    let out = dir.path().join("report");
    let o = vpceplan(
        &root(),
        &[
            "report",
            "--quiet",
            "--out",
            out.to_str().unwrap(),
            "scenarios/ecr-s3-spokes.toml",
            "scenarios/console-private-access.toml",
            "scenarios/global-payments-failover-workload.toml",
            eu_path.to_str().unwrap(),
        ],
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let page = out.join("index.html");
    let html = std::fs::read_to_string(&page).unwrap();
    let figures = html.matches("<figure>").count();
    assert!(figures >= 12, "{figures} charts");

    // The page as a person sees it at 1280 px.
    let shot = out.join("report-1280.png");
    headless(
        &chrome,
        &[
            "--window-size=1280,2400".into(),
            "--run-all-compositor-stages-before-draw".into(),
            "--virtual-time-budget=10000".into(),
            format!("--screenshot={}", shot.display()),
            url(&page),
        ],
    );
    let (w, h, ink) = png_stats(&shot);
    keep("report-1280.png", &shot);
    assert_eq!((w, h), (1280, 2400));
    assert!(ink > 0.02, "the screenshot is nearly blank ({ink})");

    for width in [1280, 800] {
        let m = measure(&chrome, &page, width);
        assert_eq!(m["viewport"], width, "{m}");
        assert!(
            m["scrollWidth"].as_u64().unwrap() <= width as u64,
            "the page scrolls sideways at {width} px: {m}"
        );
        assert_eq!(m["overflow"], serde_json::json!([]), "at {width} px: {m}");
        assert_eq!(m["unboxed"], 0, "a table outside a scrolling box: {m}");
        assert_eq!(m["figures"], figures as u64);
        for c in m["charts"].as_array().unwrap() {
            assert_eq!(c["visible"], true, "{c}");
            // Charts are 1200 × 700 SVGs scaled to the column: full width, right shape.
            let (cw, ch) = (c["w"].as_f64().unwrap(), c["h"].as_f64().unwrap());
            assert!(
                cw >= (width as f64 - 80.0).min(1200.0),
                "chart {cw} px wide at {width}: {c}"
            );
            assert!(
                (ch / cw - 700.0 / 1200.0).abs() < 0.02,
                "chart shape {cw}×{ch}: {c}"
            );
            assert!(
                c["left"].as_f64().unwrap() >= 0.0 && c["right"].as_f64().unwrap() <= width as f64
            );
            assert!(c["drawn"].as_u64().unwrap() > 20, "an empty chart: {c}");
        }
        if width == 800 {
            // The designs table is wider than 800 px: its box scrolls, the page does not.
            assert!(m["scrolled"].as_u64().unwrap() >= 1, "{m}");
        }
    }

    // Printed to PDF (A4, the page's print styles).
    let pdf = out.join("report.pdf");
    headless(
        &chrome,
        &[
            "--no-pdf-header-footer".into(),
            "--run-all-compositor-stages-before-draw".into(),
            "--virtual-time-budget=10000".into(),
            format!("--print-to-pdf={}", pdf.display()),
            url(&page),
        ],
    );
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    keep("report.pdf", &pdf);
    let pages = pdf_pages(&bytes);
    // About a page per two charts, plus the tables: far fewer than one page per chart.
    assert!(
        (4..=figures + 8).contains(&pages),
        "{pages} pages for {figures} charts"
    );
    let pdftoppm = Path::new("/usr/bin/pdftoppm");
    if !pdftoppm.is_file() {
        assert!(!on_ci(), "pdftoppm (poppler-utils) is needed on CI");
        eprintln!("pdftoppm not found: the printed pages are not rendered");
        return;
    }
    let prefix = out.join("page");
    for (first, name) in [(1, "print-page-1"), (3, "print-page-3")] {
        let st = Command::new(pdftoppm)
            .args([
                "-png",
                "-r",
                "60",
                "-f",
                &first.to_string(),
                "-l",
                &first.to_string(),
                "-singlefile",
            ])
            .arg(&pdf)
            .arg(&prefix)
            .status()
            .expect("pdftoppm");
        assert!(st.success());
        let png = prefix.with_extension("png");
        let (pw, ph, ink) = png_stats(&png);
        // A4 at 60 dpi: 496 × 702.
        assert!(
            (490..=500).contains(&pw) && (695..=710).contains(&ph),
            "{pw}×{ph}"
        );
        assert!(ink > 0.01, "printed page {first} is nearly blank ({ink})");
        keep(&format!("{name}.png"), &png);
    }
}
