//! LibreOffice round trip: the workbook and the CSV reports open in LibreOffice Calc
//! (`libreoffice --headless --convert-to csv`), every figure comes back as the same number,
//! and neutralised text comes back as text, not as a formula's result.
//!
//! Skipped, with a message, where neither `libreoffice` nor `soffice` is on the PATH.

use crate::common::*;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// CSV export: comma, double quote, UTF-8, from line 1, raw values (not "as shown").
const CSV_EXPORT: &str =
    "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false";
/// CSV import: comma, double quote, UTF-8, from line 1.
const CSV_IMPORT: &str = "--infilter=CSV:44,34,76,1";
/// The same, every sheet to its own file `NAME-SHEET.csv` (LibreOffice 7.2+; older ones
/// write the first sheet only, as `NAME.csv`).
const CSV_EXPORT_ALL_SHEETS: &str =
    "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1";

fn office() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    for dir in std::env::split_paths(&path) {
        for name in ["libreoffice", "soffice"] {
            let p = dir.join(name);
            if p.is_file() {
                return Some(p);
            }
        }
    }
    None
}

/// Convert `input` to CSV into `outdir` with its own user profile (so parallel runs and a
/// running LibreOffice do not collide); at most two minutes.
fn convert(office: &Path, profile: &Path, filter: &str, input: &Path, outdir: &Path) {
    let mut cmd = Command::new(office);
    cmd.arg(format!(
        "-env:UserInstallation=file://{}",
        profile.display()
    ))
    .args(["--headless", "--norestore"]);
    if input.extension().is_some_and(|e| e == "csv") {
        // The reports are UTF-8 without a byte-order mark: say so, as a user does in the
        // import dialog (LibreOffice otherwise guesses from the locale).
        cmd.arg(CSV_IMPORT);
    }
    let mut child = cmd
        .args(["--convert-to", filter, "--outdir"])
        .arg(outdir)
        .arg(input)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start LibreOffice");
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().expect("wait for LibreOffice") {
            assert!(
                status.success(),
                "LibreOffice failed on {}",
                input.display()
            );
            return;
        }
        if start.elapsed() > Duration::from_secs(120) {
            let _ = child.kill();
            panic!("LibreOffice took over two minutes on {}", input.display());
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// The CSV LibreOffice wrote for `stem` (and sheet `sheet` of a workbook).
fn converted(outdir: &Path, stem: &str, sheet: Option<&str>) -> Option<Vec<Vec<String>>> {
    let name = match sheet {
        Some(s) => format!("{stem}-{s}.csv"),
        None => format!("{stem}.csv"),
    };
    let p = outdir.join(name);
    p.is_file().then(|| read_csv(&p))
}

fn places(s: &str) -> i32 {
    s.split_once('.').map_or(0, |(_, f)| f.len() as i32)
}

/// Compare what LibreOffice gave back with what vpceplan wrote. Numbers compare as numbers
/// (to within half a unit of the CSV's last place; percentages may come back as `12.5%`
/// from the workbook, in percent of the CSV's percentage points); text compares exactly.
fn compare(what: &str, want: &[Vec<String>], got: &[Vec<String>]) -> usize {
    assert_eq!(got.len(), want.len(), "{what}: row count");
    let header = &want[0];
    let mut numbers = 0;
    for (r, (w, g)) in want.iter().zip(got).enumerate() {
        for (c, wf) in w.iter().enumerate() {
            let gf = g.get(c).map(String::as_str).unwrap_or("");
            let at = format!("{what} row {} column {}", r + 1, header[c]);
            if r > 0 && wf.parse::<f64>().is_ok() && !wf.is_empty() {
                numbers += 1;
                let x: f64 = gf
                    .trim_end_matches('%')
                    .parse()
                    .unwrap_or_else(|_| panic!("{at}: `{gf}` is not the number `{wf}`"));
                let wv: f64 = wf.parse().unwrap();
                let tol = 0.5 * 10f64.powi(-places(wf)) + 1e-9 * wv.abs().max(1.0);
                assert!((x - wv).abs() <= tol, "{at}: `{gf}` vs `{wf}`");
            } else {
                assert_eq!(gf, wf, "{at}");
            }
        }
    }
    numbers
}

#[test]
fn workbook_and_csv_survive_a_libreoffice_round_trip() {
    let Some(office) = office() else {
        let on_ci = std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false" && v != "0");
        assert!(
            !on_ci,
            "LibreOffice is needed on CI for the spreadsheet round trip: `apt-get install -y libreoffice-calc` (.ci/run does)"
        );
        eprintln!(
            "LibreOffice round trip SKIPPED: no libreoffice or soffice on the PATH; `apt-get install -y libreoffice-calc` runs it, and CI always does"
        );
        return;
    };
    let work = tmp();
    let out = work.path().join("reports");
    let o = vpceplan(
        &root(),
        &[
            "run",
            "--quiet",
            "--format",
            "xlsx",
            "--out",
            out.to_str().unwrap(),
            "scenarios",
            "tests/fixtures/injection",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let profile = work.path().join("profile");

    // The workbook, every sheet.
    let xdir = work.path().join("from-xlsx");
    convert(
        &office,
        &profile,
        CSV_EXPORT_ALL_SHEETS,
        &out.join("vpceplan.xlsx"),
        &xdir,
    );
    let mut numbers = 0;
    let mut sheets = 0;
    for (sheet, want) in csv_sheets(&out) {
        let got = converted(&xdir, "vpceplan", Some(&sheet)).or_else(|| {
            // LibreOffice before 7.2 exports the first sheet only, without a sheet suffix.
            (sheet == "summary")
                .then(|| converted(&xdir, "vpceplan", None))
                .flatten()
        });
        let Some(got) = got else {
            eprintln!("note: this LibreOffice exported no CSV for sheet `{sheet}`");
            continue;
        };
        sheets += 1;
        numbers += compare(&format!("vpceplan.xlsx sheet {sheet}"), &want, &got);
    }
    assert!(
        sheets >= 1 && numbers > 50,
        "{sheets} sheet(s), {numbers} numbers"
    );

    // The CSV reports: summary and the injection fixture's line items.
    let cdir = work.path().join("from-csv");
    for (csv, stem) in [
        (out.join("summary.csv"), "summary"),
        (out.join("=1+1").join("line_items.csv"), "line_items"),
    ] {
        convert(&office, &profile, CSV_EXPORT, &csv, &cdir);
        let got = converted(&cdir, stem, None).expect("converted CSV");
        numbers += compare(&csv.display().to_string(), &read_csv(&csv), &got);
        if stem == "summary" {
            // Neutralised text stays text: `'=1+1`, not the formula's result 2.
            assert!(got.iter().any(|r| r[0] == "'=1+1"), "{got:?}");
        }
    }

    // Control: the same text, not neutralised, is run as a formula by LibreOffice.
    let control = work.path().join("control.csv");
    std::fs::write(&control, "name,usd\n=1+1,-5\n").unwrap();
    let ctl_dir = work.path().join("control");
    convert(&office, &profile, CSV_EXPORT, &control, &ctl_dir);
    let ctl = converted(&ctl_dir, "control", None).expect("control CSV");
    eprintln!(
        "LibreOffice round trip: {sheets} sheet(s) and 2 CSV files, {numbers} numbers compared; an unneutralised `=1+1` comes back as `{}`",
        ctl[1][0]
    );
    assert_eq!(ctl[1][1], "-5", "a negative number stays a number");
}
