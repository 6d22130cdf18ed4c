//! Typed report sheets: one model of a report table, rendered as CSV text or as an XLSX
//! worksheet (see [`super::xlsx`]).
//!
//! A [`Cell`] says what a value is (text, exact quantity, money, rate, percentage...), not
//! how it is printed. Each renderer turns it into its own form: CSV prints money to the
//! cent by the one rounding rule of [`crate::money`]; XLSX stores the same rounded figure as
//! a number with a currency format. Text is neutralised against formula injection by both
//! renderers ([`crate::text::text_cell`]); numbers never are, so a negative number stays a number.

use crate::money::{fmt_cents, fmt_fine, fmt_pct, fmt_qty};
use crate::text::text_cell;
use rust_decimal::Decimal;

/// One typed cell of a report sheet.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Nothing (an optional figure that does not apply).
    Empty,
    /// Text; neutralised against formula injection by every renderer.
    Text(String),
    /// An exact quantity (GB, hours, queries): CSV prints it exactly, without trailing zeros.
    Number(Decimal),
    /// A whole number (hours per month, tier, units).
    Int(i64),
    /// A measured figure (Gbps, qps) shown with a fixed number of decimal places.
    Float(f64, u8),
    /// A monthly amount or total in USD: rounded to the cent ([`crate::money::cents`]).
    Money(Decimal),
    /// An hourly amount or USD per GB: rounded to six places ([`crate::money::fine`]).
    Rate(Decimal),
    /// A unit price as the price book holds it: exact.
    Price(Decimal),
    /// Percentage points from a measured figure (12.5 means 12.5 %), two places.
    Pct(f64),
    /// Percentage points from an exact computation, rounded to two places by the
    /// rounding rule of [`crate::money`].
    PctExact(Decimal),
}

impl Cell {
    /// A text cell.
    pub fn text(s: impl Into<String>) -> Cell {
        Cell::Text(s.into())
    }

    /// The cell as CSV text: text neutralised, numbers printed by the output rule.
    pub fn csv_text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(s) => text_cell(s),
            Cell::Number(d) => fmt_qty(*d),
            Cell::Int(i) => i.to_string(),
            Cell::Float(x, p) => format!("{x:.*}", usize::from(*p)),
            Cell::Money(d) => fmt_cents(*d),
            Cell::Rate(d) => fmt_fine(*d),
            Cell::Price(d) => d.normalize().to_string(),
            Cell::Pct(x) => format!("{x:.2}"),
            Cell::PctExact(d) => fmt_pct(*d),
        }
    }

    /// Whether the cell is a number (CSV and XLSX keep it numeric).
    pub fn is_numeric(&self) -> bool {
        !matches!(self, Cell::Empty | Cell::Text(_))
    }
}

/// A named table of typed cells: one CSV file, or one worksheet of a workbook.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Sheet {
    /// Worksheet name (at most 31 characters, none of `[]:*?/\`).
    pub name: String,
    pub header: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

impl Sheet {
    /// An empty sheet with a header.
    pub fn new(name: &str, header: &[&str]) -> Sheet {
        Sheet {
            name: name.to_string(),
            header: header.iter().map(|h| h.to_string()).collect(),
            rows: Vec::new(),
        }
    }

    /// The sheet as CSV: header, then one line per row, `\n` line ends.
    pub fn to_csv(&self) -> Vec<u8> {
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::Any(b'\n'))
            .from_writer(Vec::new());
        // Writing to a Vec cannot fail.
        let _ = w.write_record(self.header.iter().map(|h| text_cell(h)));
        for r in &self.rows {
            let _ = w.write_record(r.iter().map(Cell::csv_text));
        }
        w.into_inner().unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn numbers_stay_numbers_in_csv() {
        let mut s = Sheet::new("t", &["a", "b", "c", "d", "e"]);
        s.rows.push(vec![
            Cell::Money(dec!(-0.405)),
            Cell::Rate(dec!(-0.0000005)),
            Cell::Float(-1.5, 3),
            Cell::PctExact(dec!(-12.345)),
            Cell::text("-12"),
        ]);
        assert_eq!(
            String::from_utf8(s.to_csv()).unwrap(),
            "a,b,c,d,e\n-0.41,-0.000001,-1.500,-12.35,'-12\n"
        );
    }
}
