//! Allocation-free formatting of sweep figures into a reusable byte buffer.
//!
//! Each function writes exactly the text of its counterpart in [`crate::money`] (or of the
//! report's `{:.2}` for percentages); the tests below pin that equivalence, so the sweep's
//! fast path and the engine's reports can never print a figure differently. Rounding is
//! the one rule of [`crate::money::ROUNDING`], applied here, at output, only.

use crate::money::{MONEY_DP, RATE_DP, ROUNDING};
use rust_decimal::Decimal;
use std::io::Write;

const POW10: [u128; 29] = {
    let mut t = [1u128; 29];
    let mut i = 1;
    while i < 29 {
        t[i] = t[i - 1] * 10;
        i += 1;
    }
    t
};

/// Write `|mantissa| / 10^scale` with exactly `scale` fraction digits (none when 0).
fn push_scaled(buf: &mut Vec<u8>, negative: bool, m: u128, scale: u32) {
    if negative {
        buf.push(b'-');
    }
    let mut ib = itoa::Buffer::new();
    if scale == 0 {
        if let Ok(small) = u64::try_from(m) {
            buf.extend_from_slice(ib.format(small).as_bytes());
        } else {
            buf.extend_from_slice(ib.format(m).as_bytes());
        }
        return;
    }
    let p = POW10[scale as usize];
    let (int, frac) = if let (Ok(mm), Ok(pp)) = (u64::try_from(m), u64::try_from(p)) {
        (u128::from(mm / pp), u128::from(mm % pp))
    } else {
        (m / p, m % p)
    };
    if let Ok(small) = u64::try_from(int) {
        buf.extend_from_slice(ib.format(small).as_bytes());
    } else {
        buf.extend_from_slice(ib.format(int).as_bytes());
    }
    buf.push(b'.');
    let digits = if let Ok(small) = u64::try_from(frac) {
        ib.format(small)
    } else {
        ib.format(frac)
    };
    for _ in digits.len()..scale as usize {
        buf.push(b'0');
    }
    buf.extend_from_slice(digits.as_bytes());
}

/// Write `d` (already rounded) with at least `min_dp` fraction digits.
fn push_decimal(buf: &mut Vec<u8>, d: Decimal, min_dp: u32) {
    let negative = d.is_sign_negative();
    let mut m = d.mantissa().unsigned_abs();
    let mut scale = d.scale();
    if scale < min_dp {
        m *= POW10[(min_dp - scale) as usize];
        scale = min_dp;
    }
    push_scaled(buf, negative, m, scale);
}

/// [`crate::money::fmt_cents`]: a monthly amount, two places.
pub fn push_cents(buf: &mut Vec<u8>, d: Decimal) {
    let r = d.round_dp_with_strategy(MONEY_DP, ROUNDING);
    push_decimal(buf, r, MONEY_DP);
}

/// [`crate::money::fmt_fine`]: an hourly amount or a rate, up to six places, at least two.
pub fn push_fine(buf: &mut Vec<u8>, d: Decimal) {
    let r = d.round_dp_with_strategy(RATE_DP, ROUNDING).normalize();
    push_decimal(buf, r, 2);
}

/// [`crate::money::fmt_qty`]: a quantity exactly, without trailing zeros.
pub fn push_qty(buf: &mut Vec<u8>, d: Decimal) {
    push_decimal(buf, d.normalize(), 0);
}

/// A percentage the way the reports print it: `format!("{x:.2}")`.
pub fn push_f2(buf: &mut Vec<u8>, x: f64) {
    // Writing to a Vec cannot fail.
    let _ = write!(buf, "{x:.2}");
}

/// Append a CSV field, quoted when it holds a comma, a quote or a line break (the csv
/// crate's "necessary" rule).
pub fn push_csv_field(buf: &mut Vec<u8>, s: &str) {
    if s.bytes().any(|b| matches!(b, b',' | b'"' | b'\n' | b'\r')) {
        buf.push(b'"');
        for b in s.bytes() {
            if b == b'"' {
                buf.push(b'"');
            }
            buf.push(b);
        }
        buf.push(b'"');
    } else {
        buf.extend_from_slice(s.as_bytes());
    }
}

/// A text cell: neutralised against formula injection, then CSV-quoted as needed.
pub fn csv_text(s: &str) -> Vec<u8> {
    let mut b = Vec::new();
    push_csv_field(&mut b, &crate::report::text_cell(s));
    b
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::money::{fmt_cents, fmt_fine, fmt_qty};
    use proptest::prelude::*;
    use rust_decimal_macros::dec;

    fn s(f: impl Fn(&mut Vec<u8>)) -> String {
        let mut b = Vec::new();
        f(&mut b);
        String::from_utf8(b).unwrap()
    }

    #[test]
    fn matches_money_on_edge_cases() {
        for d in [
            dec!(0),
            dec!(-0),
            dec!(0.005),
            dec!(0.015),
            dec!(0.025),
            dec!(-0.005),
            dec!(-0.001),
            dec!(212.195),
            dec!(212.2),
            dec!(1234567890.125),
            dec!(0.0035),
            dec!(0.0000005),
            dec!(0.29068493150684931506849315),
            dec!(2.5),
            dec!(1000),
            dec!(1e20),
            dec!(79228162514264337593543950335),
            dec!(-79228162514264337593543950335),
            dec!(0.0000000000000000000000000001),
            dec!(625.71428571428571428571428571),
        ] {
            assert_eq!(s(|b| push_cents(b, d)), fmt_cents(d), "cents {d}");
            assert_eq!(s(|b| push_fine(b, d)), fmt_fine(d), "fine {d}");
            assert_eq!(s(|b| push_qty(b, d)), fmt_qty(d), "qty {d}");
        }
    }

    #[test]
    fn csv_fields_are_quoted_when_needed() {
        assert_eq!(s(|b| push_csv_field(b, "us-east-1")), "us-east-1");
        assert_eq!(s(|b| push_csv_field(b, "a,b")), "\"a,b\"");
        assert_eq!(s(|b| push_csv_field(b, "say \"hi\"")), "\"say \"\"hi\"\"\"");
        assert_eq!(String::from_utf8(csv_text("=1+1")).unwrap(), "'=1+1");
    }

    proptest! {
        #[test]
        fn matches_money_on_random_decimals(m in any::<i128>(), scale in 0u32..=28) {
            let m = m % 79_228_162_514_264_337_593_543_950_335i128;
            let d = Decimal::from_i128_with_scale(m, scale);
            prop_assert_eq!(s(|b| push_cents(b, d)), fmt_cents(d));
            prop_assert_eq!(s(|b| push_fine(b, d)), fmt_fine(d));
            prop_assert_eq!(s(|b| push_qty(b, d)), fmt_qty(d));
        }
    }
}
