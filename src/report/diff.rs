//! Renderers of `vpceplan pricing diff`: `price_diff.csv`, `scenario_diff.csv` and the
//! terminal tables. Prices print exactly as the books hold them; scenario totals and
//! their deltas are exact until printed, then rounded once to the cent.

use super::sheet::{Cell, Sheet};
use super::table::Table;
use crate::money::fmt_cents;
use crate::money::fmt_pct;
use crate::pricing::PriceRow;
use crate::pricing::diff::{MoveStatus, PriceChange, PriceDiff, ScenarioMove};
use rust_decimal::Decimal;

/// Columns of `price_diff.csv`.
pub const PRICE_DIFF_HEADER: &[&str] = &[
    "change",
    "region",
    "component",
    "variant",
    "tier_from",
    "old_tier_to",
    "new_tier_to",
    "unit",
    "old_usd",
    "new_usd",
    "delta_usd",
    "delta_pct",
    "changed_fields",
    "old_effective",
    "new_effective",
];

fn unit(c: &PriceChange) -> String {
    match (&c.old, &c.new) {
        (Some(o), Some(n)) if o.unit != n.unit => format!("{} → {}", o.unit, n.unit),
        (_, Some(r)) | (Some(r), None) => r.unit.clone(),
        (None, None) => String::new(),
    }
}

fn side<T>(r: &Option<PriceRow>, f: impl Fn(&PriceRow) -> T) -> Option<T> {
    r.as_ref().map(f)
}

/// `price_diff.csv`: one row per added, removed or changed price.
pub fn price_diff_sheet(d: &PriceDiff) -> Sheet {
    let mut s = Sheet::new("price diff", PRICE_DIFF_HEADER);
    let tier_to = |r: &Option<PriceRow>| match side(r, |r| r.tier_to).flatten() {
        Some(t) => Cell::Number(t),
        None => Cell::Empty,
    };
    let price = |r: &Option<PriceRow>| side(r, |r| Cell::Price(r.usd)).unwrap_or(Cell::Empty);
    let text = |r: &Option<PriceRow>, f: fn(&PriceRow) -> &String| {
        side(r, |r| Cell::text(f(r))).unwrap_or(Cell::Empty)
    };
    s.rows = d
        .changes
        .iter()
        .map(|c| {
            vec![
                Cell::text(c.kind.as_str()),
                Cell::text(&c.region),
                Cell::text(&c.component),
                Cell::text(&c.variant),
                Cell::Number(c.tier_from),
                tier_to(&c.old),
                tier_to(&c.new),
                Cell::text(unit(c)),
                price(&c.old),
                price(&c.new),
                c.delta().map_or(Cell::Empty, Cell::Price),
                c.pct().map_or(Cell::Empty, Cell::PctExact),
                Cell::text(c.fields.join(" ")),
                text(&c.old, |r| &r.effective),
                text(&c.new, |r| &r.effective),
            ]
        })
        .collect();
    s
}

/// Columns of `scenario_diff.csv`.
pub const SCENARIO_DIFF_HEADER: &[&str] = &[
    "scenario",
    "file",
    "status",
    "old_monthly_usd",
    "new_monthly_usd",
    "delta_usd",
    "delta_pct",
    "old_error",
    "new_error",
];

/// `scenario_diff.csv`: one row per scenario, failures included with their message.
pub fn scenario_diff_sheet(moves: &[ScenarioMove]) -> Sheet {
    let mut s = Sheet::new("scenario diff", SCENARIO_DIFF_HEADER);
    let total = |r: &Result<Decimal, String>| r.as_ref().map_or(Cell::Empty, |d| Cell::Money(*d));
    let error = |r: &Result<Decimal, String>| match r {
        Ok(_) => Cell::Empty,
        Err(m) => Cell::text(m.replace('\n', " ")),
    };
    s.rows = moves
        .iter()
        .map(|m| {
            vec![
                Cell::text(&m.name),
                Cell::text(&m.file),
                Cell::text(m.status().as_str()),
                total(&m.old),
                total(&m.new),
                m.delta().map_or(Cell::Empty, Cell::Money),
                m.pct().map_or(Cell::Empty, Cell::PctExact),
                error(&m.old),
                error(&m.new),
            ]
        })
        .collect();
    s
}

fn tier(from: Decimal, to: Option<Decimal>) -> String {
    match to {
        Some(t) => format!("{}–{}", from.normalize(), t.normalize()),
        None => format!("{}+", from.normalize()),
    }
}

/// The price changes as a terminal table.
pub fn price_diff_table(d: &PriceDiff) -> String {
    let mut t = Table::new(
        &[
            "change",
            "region",
            "component",
            "variant",
            "tier",
            "unit",
            "old_usd",
            "new_usd",
            "delta_usd",
            "delta_%",
        ],
        &[6, 7, 8, 9],
    );
    for c in &d.changes {
        let old_tier = side(&c.old, |r| tier(r.tier_from, r.tier_to));
        let new_tier = side(&c.new, |r| tier(r.tier_from, r.tier_to));
        let tier = match (old_tier, new_tier) {
            (Some(a), Some(b)) if a != b => format!("{a} → {b}"),
            (_, Some(x)) | (Some(x), None) => x,
            (None, None) => String::new(),
        };
        let usd = |r: &Option<PriceRow>| {
            side(r, |r| r.usd.normalize().to_string()).unwrap_or_else(|| "-".into())
        };
        t.rows.push(vec![
            c.kind.to_string(),
            c.region.clone(),
            c.component.clone(),
            c.variant.clone(),
            tier,
            unit(c),
            usd(&c.old),
            usd(&c.new),
            c.delta()
                .map_or_else(|| "-".into(), |d| signed(d.normalize().to_string())),
            c.pct().map_or_else(|| "-".into(), |p| signed(fmt_pct(p))),
        ]);
    }
    t.render()
}

/// A leading `+` on positive deltas, so a rise reads as one.
fn signed(s: String) -> String {
    if s.starts_with('-') || s.chars().all(|c| c == '0' || c == '.') {
        s
    } else {
        format!("+{s}")
    }
}

/// The scenario moves as a terminal table.
pub fn scenario_diff_table(moves: &[ScenarioMove]) -> String {
    let mut t = Table::new(
        &[
            "scenario",
            "old_monthly_usd",
            "new_monthly_usd",
            "delta_usd",
            "delta_%",
            "status",
        ],
        &[1, 2, 3, 4],
    );
    for m in moves {
        let total = |r: &Result<Decimal, String>| match r {
            Ok(d) => fmt_cents(*d),
            Err(_) => "error".into(),
        };
        let status = match m.status() {
            MoveStatus::Same => "same",
            MoveStatus::Changed => "changed",
            MoveStatus::FailsOld => "fails under OLD",
            MoveStatus::FailsNew => "fails under NEW",
            MoveStatus::FailsBoth => "fails under both",
        };
        t.rows.push(vec![
            m.name.clone(),
            total(&m.old),
            total(&m.new),
            m.delta()
                .map_or_else(|| "-".into(), |d| signed(fmt_cents(d))),
            m.pct().map_or_else(|| "-".into(), |p| signed(fmt_pct(p))),
            status.into(),
        ]);
    }
    t.render()
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn deltas_are_rounded_once_and_signed() {
        let moves = vec![
            ScenarioMove {
                name: "a".into(),
                file: "a.toml".into(),
                // 16.425 → 16.43 and 16.424 → 16.42 printed; the exact delta −0.001
                // prints as 0.00, not as the −0.01 of the rounded totals.
                old: Ok(dec!(16.425)),
                new: Ok(dec!(16.424)),
            },
            ScenarioMove {
                name: "-b".into(),
                file: "b.toml".into(),
                old: Err("no price\n  hint: add one".into()),
                new: Ok(dec!(182.5)),
            },
        ];
        let csv = String::from_utf8(scenario_diff_sheet(&moves).to_csv()).unwrap();
        assert_eq!(
            csv,
            "scenario,file,status,old_monthly_usd,new_monthly_usd,delta_usd,delta_pct,old_error,new_error\n\
             a,a.toml,changed,16.43,16.42,0.00,-0.01,,\n\
             '-b,b.toml,fails_old,,182.50,,,no price   hint: add one,\n"
        );
        let table = scenario_diff_table(&moves);
        assert!(table.contains("fails under OLD"), "{table}");
        assert_eq!(signed("1.00".into()), "+1.00");
        assert_eq!(signed("0.00".into()), "0.00");
        assert_eq!(signed("-1".into()), "-1");
    }
}
