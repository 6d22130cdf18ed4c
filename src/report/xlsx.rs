//! Spreadsheet export: named [`Sheet`]s of typed cells in, the bytes of one `.xlsx`
//! workbook out.
//!
//! Each sheet becomes a worksheet with a bold header row, frozen, with an autofilter, and
//! columns sized to their contents. Numbers are stored as numbers: money with a currency
//! format (`$#,##0.00`), hourly amounts and USD per GB with six places, unit prices with
//! up to ten, percentages as fractions with a `0.00%` format. The exact decimal is rounded
//! by the rule of [`crate::money`] (as the CSV is) and only then converted to the `f64`
//! a spreadsheet cell holds; this conversion happens here and nowhere else.
//!
//! Text is neutralised against formula injection exactly as in the CSV reports
//! ([`super::text_cell`]): a cell of text never starts with `=`, `+`, `-`, `@`, tab or
//! carriage return, so exporting the sheet to CSV later cannot turn it into a formula.
//!
//! The bytes are deterministic: the document's creation time is fixed, so the same
//! sheets always give the same file.

use super::sheet::{Cell, Sheet};
use crate::error::{Error, Result};
use crate::money::{cents, fine};
use crate::text::text_cell;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, Worksheet, XlsxError};

/// Number format of money cells.
pub const MONEY_FORMAT: &str = "$#,##0.00";
/// Number format of hourly amounts and USD per GB (six places, as the CSV).
pub const RATE_FORMAT: &str = "$#,##0.00####";
/// Number format of unit prices (exact up to ten places).
pub const PRICE_FORMAT: &str = "$#,##0.00########";
/// Number format of percentages (stored as fractions: 0.125 shows as 12.50%).
pub const PERCENT_FORMAT: &str = "0.00%";

/// Excel's limit on the characters of one cell.
const MAX_CELL_CHARS: usize = 32_767;
/// Widest column, in characters.
const MAX_WIDTH: usize = 60;

struct Formats {
    header: Format,
    money: Format,
    rate: Format,
    price: Format,
    percent: Format,
    fixed: Vec<Format>,
}

impl Formats {
    fn new() -> Formats {
        Formats {
            header: Format::new().set_bold(),
            money: Format::new().set_num_format(MONEY_FORMAT),
            rate: Format::new().set_num_format(RATE_FORMAT),
            price: Format::new().set_num_format(PRICE_FORMAT),
            percent: Format::new().set_num_format(PERCENT_FORMAT),
            fixed: (0..=10u8)
                .map(|p| {
                    let f = if p == 0 {
                        "#,##0".to_string()
                    } else {
                        format!("#,##0.{}", "0".repeat(usize::from(p)))
                    };
                    Format::new().set_num_format(f)
                })
                .collect(),
        }
    }
}

/// The workbook holding `sheets`, in order, as `.xlsx` bytes.
///
/// Fails only when a sheet breaks a limit of the format (a bad or repeated sheet name,
/// more than 1,048,576 rows or 16,384 columns).
pub fn workbook(sheets: &[Sheet]) -> Result<Vec<u8>> {
    let mut wb = Workbook::new();
    // Fixed creation time: the same report gives the same bytes.
    let created = ExcelDateTime::from_ymd(2000, 1, 1).map_err(xerr("document properties"))?;
    wb.set_properties(
        &DocProperties::new()
            .set_creation_datetime(&created)
            .set_title("vpceplan report"),
    );
    let formats = Formats::new();
    let mut seen = std::collections::BTreeSet::new();
    for s in sheets {
        // Excel compares sheet names without regard to case.
        if !seen.insert(s.name.to_lowercase()) {
            return Err(Error::Msg(format!(
                "cannot write the spreadsheet: two sheets are named `{}`",
                s.name
            )));
        }
        let ws = wb.add_worksheet();
        write_sheet(ws, s, &formats).map_err(xerr(&format!("sheet `{}`", s.name)))?;
    }
    wb.save_to_buffer().map_err(xerr("workbook"))
}

fn xerr(what: &str) -> impl Fn(XlsxError) -> Error + '_ {
    move |e| Error::Msg(format!("cannot write the spreadsheet ({what}): {e}"))
}

fn to_f64(d: Decimal) -> f64 {
    d.to_f64().unwrap_or(0.0)
}

/// Cut a text to Excel's cell limit, on a character boundary.
fn fit(s: String) -> String {
    match s.char_indices().nth(MAX_CELL_CHARS) {
        Some((i, _)) => s[..i].to_string(),
        None => s,
    }
}

/// Approximate display width of a cell, in characters.
fn width(c: &Cell) -> usize {
    let text = c.csv_text();
    let n = text.chars().count();
    match c {
        // Thousands separators and the currency sign.
        Cell::Money(_) | Cell::Rate(_) | Cell::Price(_) => n + n / 3 + 1,
        Cell::Float(..) | Cell::Number(_) | Cell::Int(_) => n + n / 3,
        Cell::Pct(_) | Cell::PctExact(_) => n + 1,
        Cell::Empty | Cell::Text(_) => text.lines().map(|l| l.chars().count()).max().unwrap_or(0),
    }
}

fn write_sheet(ws: &mut Worksheet, s: &Sheet, f: &Formats) -> std::result::Result<(), XlsxError> {
    ws.set_name(&s.name)?;
    let ncols = s
        .header
        .len()
        .max(s.rows.iter().map(Vec::len).max().unwrap_or(0));
    let mut widths = vec![0usize; ncols];
    for (c, h) in s.header.iter().enumerate() {
        let col = col_num(c)?;
        ws.write_string_with_format(0, col, fit(text_cell(h)), &f.header)?;
        // Room for the autofilter button.
        widths[c] = h.chars().count() + 3;
    }
    for (r, row) in s.rows.iter().enumerate() {
        let rn = u32::try_from(r + 1).map_err(|_| XlsxError::RowColumnLimitError)?;
        for (c, cell) in row.iter().enumerate() {
            let col = col_num(c)?;
            widths[c] = widths[c].max(width(cell));
            match cell {
                Cell::Empty => {}
                Cell::Text(t) => {
                    ws.write_string(rn, col, fit(text_cell(t)))?;
                }
                Cell::Number(d) => {
                    ws.write_number(rn, col, to_f64(*d))?;
                }
                Cell::Int(i) => {
                    ws.write_number(rn, col, *i as f64)?;
                }
                Cell::Float(x, p) => {
                    let fmt = &f.fixed[usize::from(*p).min(f.fixed.len() - 1)];
                    write_float(ws, rn, col, *x, fmt)?;
                }
                Cell::Money(d) => {
                    ws.write_number_with_format(rn, col, to_f64(cents(*d)), &f.money)?;
                }
                Cell::Rate(d) => {
                    ws.write_number_with_format(rn, col, to_f64(fine(*d)), &f.rate)?;
                }
                Cell::Price(d) => {
                    ws.write_number_with_format(rn, col, to_f64(*d), &f.price)?;
                }
                Cell::Pct(x) => {
                    write_float(ws, rn, col, *x / 100.0, &f.percent)?;
                }
                Cell::PctExact(d) => {
                    let frac =
                        d.round_dp_with_strategy(2, crate::money::ROUNDING) / Decimal::ONE_HUNDRED;
                    ws.write_number_with_format(rn, col, to_f64(frac), &f.percent)?;
                }
            }
        }
    }
    if ncols > 0 {
        let last_row = u32::try_from(s.rows.len()).map_err(|_| XlsxError::RowColumnLimitError)?;
        ws.set_freeze_panes(1, 0)?;
        ws.autofilter(0, 0, last_row, col_num(ncols - 1)?)?;
    }
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(col_num(c)?, (*w).clamp(4, MAX_WIDTH) as f64 + 1.0)?;
    }
    Ok(())
}

/// A measured figure; a NaN or infinity (never produced by the engine) is left blank
/// rather than written as a number a spreadsheet cannot hold.
fn write_float(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    x: f64,
    fmt: &Format,
) -> std::result::Result<(), XlsxError> {
    if x.is_finite() {
        ws.write_number_with_format(row, col, x, fmt)?;
    }
    Ok(())
}

fn col_num(c: usize) -> std::result::Result<u16, XlsxError> {
    u16::try_from(c).map_err(|_| XlsxError::RowColumnLimitError)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn sample() -> Sheet {
        let mut s = Sheet::new("t", &["name", "usd"]);
        s.rows
            .push(vec![Cell::text("=1+1"), Cell::Money(dec!(-2.5))]);
        s
    }

    #[test]
    fn same_sheets_give_the_same_bytes() {
        let a = workbook(&[sample()]).unwrap();
        let b = workbook(&[sample()]).unwrap();
        assert_eq!(a, b);
        assert!(a.starts_with(b"PK"), "a zip file");
    }

    #[test]
    fn bad_sheet_names_are_errors_not_panics() {
        let mut s = sample();
        s.name = "a/b".into();
        let e = workbook(&[s]).unwrap_err().to_string();
        assert!(e.contains("sheet `a/b`"), "{e}");
        let e = workbook(&[sample(), sample()]).unwrap_err().to_string();
        assert!(e.contains("two sheets are named `t`"), "{e}");
    }

    #[test]
    fn long_text_is_cut_to_the_cell_limit() {
        let mut s = Sheet::new("t", &["x"]);
        s.rows.push(vec![Cell::text("é".repeat(40_000))]);
        assert!(workbook(&[s]).is_ok());
        assert_eq!(fit("ab".into()), "ab");
    }
}
