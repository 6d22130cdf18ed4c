//! Formula injection (OWASP "CSV injection"): text that starts with `=`, `+`, `-`, `@`, tab
//! or carriage return is neutralised with a leading `'` in every CSV report and in the
//! workbook, while numbers, negative ones included, stay numbers.

use crate::common::*;
use calamine::{Data, Reader, Xlsx, open_workbook};
use std::path::Path;

const GUARDED: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

fn fixture() -> std::path::PathBuf {
    root().join("tests/fixtures/injection/formula-names.toml")
}

/// Run the injection fixture with `--format xlsx` into `out`.
fn run_fixture(out: &Path) {
    let o = vpceplan(
        &root(),
        &[
            "run",
            "--quiet",
            "--format",
            "xlsx",
            "--out",
            out.to_str().unwrap(),
            fixture().to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
}

fn is_number(s: &str) -> bool {
    vpceplan::money::parse_exact(s).is_some()
}

/// Every field of a CSV is a number or text that cannot start a formula.
fn assert_csv_safe(p: &Path) {
    for (i, row) in read_csv(p).iter().enumerate() {
        for f in row {
            assert!(
                is_number(f) || !f.starts_with(GUARDED),
                "{}:{}: `{f}` would run as a formula",
                p.display(),
                i + 1
            );
        }
    }
}

#[test]
fn csv_reports_neutralise_text_and_keep_negative_numbers() {
    let out = tmp();
    run_fixture(out.path());
    let dir = out.path().join("=1+1");
    for p in [
        out.path().join("summary.csv"),
        dir.join("line_items.csv"),
        dir.join("capacity.csv"),
        dir.join("per_az.csv"),
        dir.join("accounts.csv"),
    ] {
        assert_csv_safe(&p);
    }
    let summary = read_csv(&out.path().join("summary.csv"));
    assert_eq!(summary[1][0], "'=1+1");
    // min_headroom_pct: a negative number, not neutralised.
    assert_eq!(summary[1][10], "-20.00");
    let lines = read_csv(&dir.join("line_items.csv"));
    let labels: Vec<&str> = lines[1..].iter().map(|r| r[2].as_str()).collect();
    assert!(labels.contains(&"'-2+3"), "{labels:?}");
    assert!(labels.contains(&"'@SUM(1,2)"), "{labels:?}");
    assert!(labels.contains(&"'+cmd|' /C calc'!A0"), "{labels:?}");
    // The scenario parser trims names: "\r=2*3" arrives as "=2*3".
    assert!(labels.contains(&"'=2*3"), "{labels:?}");
    let cap = read_csv(&dir.join("capacity.csv"));
    let eni = &cap[1];
    assert_eq!(
        eni[0], "interface_endpoint[0] -2+3",
        "not first: left as is"
    );
    assert_eq!(eni[11], "-2.000", "headroom_gbps stays a number");
    assert_eq!(eni[12], "-20.00", "headroom_pct stays a number");
}

#[test]
fn workbook_neutralises_text_and_keeps_negative_numbers() {
    let out = tmp();
    run_fixture(out.path());
    let mut wb: Xlsx<_> = open_workbook(out.path().join("vpceplan.xlsx")).expect("workbook");
    for name in wb.sheet_names() {
        let range = wb.worksheet_range(&name).expect("sheet");
        for row in range.rows() {
            for c in row {
                if let Data::String(s) = c {
                    assert!(
                        !s.starts_with(GUARDED),
                        "sheet {name}: `{s}` would run as a formula"
                    );
                }
            }
        }
    }
    let summary = wb.worksheet_range("summary").unwrap();
    assert_eq!(summary.get((1, 0)), Some(&Data::String("'=1+1".into())));
    assert_eq!(summary.get((1, 5)), Some(&Data::Float(256.88)));
    // -20 % is stored as the number -0.2 with a percent format.
    assert_eq!(summary.get((1, 10)), Some(&Data::Float(-0.2)));
    let lines = wb.worksheet_range("line items").unwrap();
    assert_eq!(lines.get((1, 2)), Some(&Data::String("'-2+3".into())));
    let cap = wb.worksheet_range("capacity").unwrap();
    // scenario, resource, ..., headroom_gbps is column 12 (after the scenario column).
    assert_eq!(cap.get((1, 0)), Some(&Data::String("'=1+1".into())));
    assert_eq!(cap.get((1, 12)), Some(&Data::Float(-2.0)));
}

#[test]
fn price_book_written_by_import_is_neutralised_and_reads_back_exactly() {
    use vpceplan::pricing::PriceBook;
    use vpceplan::pricing::{PriceRow, write_prices_csv};
    let row = PriceRow {
        region: "us-east-1".into(),
        component: "nat_gateway_hour".into(),
        variant: String::new(),
        tier_from: 0.into(),
        tier_to: None,
        unit: "-hour".into(),
        usd: "0.045".parse().unwrap(),
        effective: "=TODAY()".into(),
        source: "@import; '=already quoted".into(),
        verified: true,
    };
    let text = write_prices_csv(std::slice::from_ref(&row)).unwrap();
    let body = text.lines().nth(1).unwrap();
    assert_eq!(
        body,
        "us-east-1,nat_gateway_hour,,0,,'-hour,0.045,'=TODAY(),'@import; '=already quoted,yes"
    );
    let book = PriceBook::from_texts(
        "t",
        ("prices.csv", &text),
        ("regions.csv", include_str!("../../pricing/regions.csv")),
        ("limits.csv", include_str!("../../pricing/limits.csv")),
    )
    .unwrap();
    assert_eq!(book.rows, vec![row]);
}
