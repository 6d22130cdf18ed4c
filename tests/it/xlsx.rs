//! `vpceplan run --format xlsx`: one workbook, read back with calamine (values) and as
//! sheet XML (formats, frozen header, autofilter, column widths), checked cell by cell
//! against the CSV reports of the same run.

use crate::common::*;
use calamine::{Data, Reader, Xlsx, open_workbook};
use std::io::Read;
use std::path::Path;

fn run_xlsx(out: &Path, extra: &[&str]) -> std::process::Output {
    let mut args = vec!["run", "--format", "xlsx", "--out", out.to_str().unwrap()];
    args.extend_from_slice(extra);
    vpceplan(&root(), &args)
}

/// Decimal places of a CSV number ("212.20" → 2).
fn places(s: &str) -> i32 {
    s.split_once('.').map_or(0, |(_, f)| f.len() as i32)
}

#[test]
fn workbook_holds_every_csv_figure_as_a_number() {
    let out = tmp();
    let o = run_xlsx(out.path(), &["--quiet", "scenarios"]);
    assert!(o.status.success(), "{}", stderr(&o));
    // stdout is the summary table, as with --format table.
    assert!(
        stdout(&o)
            .lines()
            .any(|l| l.starts_with("console-private-access ") && l.contains("212.20")),
        "{}",
        stdout(&o)
    );
    let mut wb: Xlsx<_> = open_workbook(out.path().join("vpceplan.xlsx")).expect("workbook");
    assert_eq!(
        wb.sheet_names(),
        vec![
            "summary",
            "line items",
            "capacity",
            "per AZ",
            "quotas",
            "accounts"
        ]
    );
    let mut numbers = 0;
    for (name, csv) in csv_sheets(out.path()) {
        let range = wb.worksheet_range(&name).expect("sheet");
        let rows: Vec<&[Data]> = range.rows().collect();
        assert_eq!(rows.len(), csv.len(), "rows of sheet {name}");
        let header = &csv[0];
        for (r, (xrow, crow)) in rows.iter().zip(csv.iter()).enumerate() {
            for (c, want) in crow.iter().enumerate() {
                let got = xrow.get(c).unwrap_or(&Data::Empty);
                let at = format!("sheet {name} row {} column {}", r + 1, header[c]);
                match got {
                    Data::Empty => assert_eq!(want, "", "{at}"),
                    Data::String(s) => assert_eq!(s, want, "{at}"),
                    Data::Float(x) => {
                        numbers += 1;
                        let w: f64 = want.parse().unwrap_or_else(|_| panic!("{at}: `{want}`"));
                        let x = if header[c].ends_with("_pct") {
                            x * 100.0
                        } else {
                            *x
                        };
                        let tol = 0.5 * 10f64.powi(-places(want)) + 1e-9 * w.abs().max(1.0);
                        assert!((x - w).abs() <= tol, "{at}: {x} vs `{want}`");
                        // Money is stored already rounded: it prints exactly as the CSV.
                        if header[c].ends_with("_usd") {
                            assert_eq!(format!("{x:.*}", places(want) as usize), *want, "{at}");
                        }
                    }
                    other => panic!("{at}: unexpected {other:?}"),
                }
            }
        }
    }
    assert!(numbers > 500, "only {numbers} numeric cells");
    // Failed-over states of failover designs are in the capacity sheet too.
    let cap = wb.worksheet_range("capacity").unwrap();
    assert!(
        cap.rows().any(|r| r[0]
            == Data::String(
                "global-payments-failover-workload/distributed/region-loss-us-east-1".into()
            )),
        "no failed-over state in the capacity sheet"
    );
}

fn zip_text(path: &Path, entry: &str) -> String {
    let f = std::fs::File::open(path).unwrap();
    let mut z = zip::ZipArchive::new(f).unwrap();
    let mut s = String::new();
    z.by_name(entry)
        .unwrap_or_else(|e| panic!("{entry}: {e}"))
        .read_to_string(&mut s)
        .unwrap();
    s
}

#[test]
fn workbook_has_currency_formats_frozen_headers_filters_and_sized_columns() {
    let out = tmp();
    let o = run_xlsx(out.path(), &["--quiet", "scenarios"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let book = out.path().join("vpceplan.xlsx");
    let styles = zip_text(&book, "xl/styles.xml");
    for f in ["$#,##0.00", "$#,##0.00####", "0.00%", "#,##0.000"] {
        assert!(
            styles.contains(&format!("formatCode=\"{f}\"")),
            "no number format {f} in {styles}"
        );
    }
    for n in 1..=5 {
        let sheet = zip_text(&book, &format!("xl/worksheets/sheet{n}.xml"));
        assert!(
            sheet.contains("state=\"frozen\""),
            "sheet{n}: header not frozen"
        );
        assert!(
            sheet.contains("<autoFilter ref=\"A1:"),
            "sheet{n}: no autofilter"
        );
        assert!(
            sheet.contains("customWidth=\"1\""),
            "sheet{n}: columns not sized"
        );
        assert!(!sheet.contains("<f>"), "sheet{n}: a formula was written");
    }
}

#[test]
fn workbook_is_byte_identical_whatever_the_thread_count() {
    let a = tmp();
    let b = tmp();
    for (dir, threads) in [(&a, "1"), (&b, "4")] {
        let o = run_xlsx(dir.path(), &["--quiet", "--threads", threads, "scenarios"]);
        assert!(o.status.success(), "{}", stderr(&o));
    }
    let x = std::fs::read(a.path().join("vpceplan.xlsx")).unwrap();
    let y = std::fs::read(b.path().join("vpceplan.xlsx")).unwrap();
    assert!(x == y, "workbooks differ between --threads 1 and 4");
}

#[test]
fn failed_scenarios_are_error_rows_of_the_workbook_summary() {
    let dir = tmp();
    write(
        dir.path(),
        "bad.toml",
        "name = \"bad\"\nregion = \"af-south-1\"\n[[nat_gateway]]\ncount = 1\n",
    );
    std::fs::copy(
        root().join("scenarios/console-private-access.toml"),
        dir.path().join("console.toml"),
    )
    .unwrap();
    let out = dir.path().join("out");
    let o = vpceplan(
        dir.path(),
        &["run", "--quiet", "--format", "xlsx", "--out", "out", "."],
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let mut wb: Xlsx<_> = open_workbook(out.join("vpceplan.xlsx")).expect("workbook");
    let summary = wb.worksheet_range("summary").unwrap();
    let rows: Vec<&[Data]> = summary.rows().collect();
    let bad = rows
        .iter()
        .find(|r| r[0] == Data::String("bad".into()))
        .expect("bad row");
    assert_eq!(bad[11], Data::String("error".into()));
    assert_eq!(bad[5], Data::Empty);
    match &bad[13] {
        Data::String(m) => assert!(m.contains("nat_gateway_hour"), "{m}"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn format_xlsx_with_no_write_is_a_usage_error() {
    let out = tmp();
    let o = run_xlsx(out.path(), &["--no-write", "scenarios"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--no-write"), "{}", stderr(&o));
    assert!(!out.path().join("vpceplan.xlsx").exists());
}
