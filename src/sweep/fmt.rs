//! Allocation-free formatting of sweep figures into a reusable byte buffer.
//!
//! Each function writes exactly the text of its counterpart in [`crate::money`] (or of the
//! report's `{:.2}` for percentages); the tests below pin that equivalence, so the sweep's
//! fast path and the engine's reports can never print a figure differently. Rounding is
//! the one rule of [`crate::money::ROUNDING`] (half away from zero), applied here, at
//! output, only.

use crate::money::{MONEY_DP, RATE_DP};
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

/// `d` rounded to `dp` places with [`ROUNDING`] (half away from zero): sign, mantissa and
/// scale. The same result as `round_dp_with_strategy`, by integer arithmetic on the
/// mantissa (pinned by the tests against `crate::money`).
fn round_parts(d: Decimal, dp: u32) -> (bool, u128, u32) {
    let negative = d.is_sign_negative();
    let m = d.mantissa().unsigned_abs();
    let s = d.scale();
    if s <= dp {
        return (negative, m, s);
    }
    let p = POW10[(s - dp) as usize];
    let (q, r) = match (u64::try_from(m), u64::try_from(p)) {
        (Ok(mm), Ok(pp)) => (u128::from(mm / pp), u128::from(mm % pp)),
        _ => (m / p, m % p),
    };
    // r ≥ p/2, without overflow
    let q = if r >= p - r { q + 1 } else { q };
    // A result rounded to zero carries no sign (as rust_decimal's rounding gives it).
    (negative && q != 0, q, dp)
}

/// [`crate::money::fmt_cents`]: a monthly amount, two places.
pub fn push_cents(buf: &mut Vec<u8>, d: Decimal) {
    let (negative, mut m, mut scale) = round_parts(d, MONEY_DP);
    if scale < MONEY_DP {
        m *= POW10[(MONEY_DP - scale) as usize];
        scale = MONEY_DP;
    }
    push_scaled(buf, negative, m, scale);
}

/// [`crate::money::fmt_fine`]: an hourly amount or a rate, up to six places, at least two.
pub fn push_fine(buf: &mut Vec<u8>, d: Decimal) {
    let (negative, mut m, mut scale) = round_parts(d, RATE_DP);
    // normalize: drop trailing zeros (a zero has scale 0 and no sign in rust_decimal),
    // in 64-bit arithmetic when the mantissa fits
    if let Ok(mut small) = u64::try_from(m) {
        while scale > 0 && small % 10 == 0 {
            small /= 10;
            scale -= 1;
        }
        m = u128::from(small);
    }
    while scale > 0 && m % 10 == 0 {
        m /= 10;
        scale -= 1;
    }
    let negative = negative && m != 0;
    if scale < 2 {
        m *= POW10[(2 - scale) as usize];
        scale = 2;
    }
    push_scaled(buf, negative, m, scale);
}

/// [`crate::money::fmt_qty`]: a quantity exactly, without trailing zeros.
pub fn push_qty(buf: &mut Vec<u8>, d: Decimal) {
    push_decimal(buf, d.normalize(), 0);
}

/// A percentage the way the reports print it: `format!("{x:.2}")`.
///
/// Rounds by `(x·100).round()` when `x·100` is clearly away from a midpoint (the product's
/// error is far below the margin kept), which gives the digits of the exact decimal
/// expansion that `{:.2}` rounds; near a midpoint, or for huge or non-finite values, it
/// asks `{:.2}` itself.
pub fn push_f2(buf: &mut Vec<u8>, x: f64) {
    let a = x.abs();
    if a < 1e12 {
        let y = a * 100.0;
        let n = y.round();
        if (y - n).abs() < 0.499_999 {
            if x.is_sign_negative() {
                buf.push(b'-');
            }
            push_scaled(buf, false, n as u128, 2);
            return;
        }
    }
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
    push_csv_field(&mut b, &crate::text::text_cell(s));
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
            dec!(-0.0000001),
            dec!(-0.0000005),
            dec!(-0.004),
            dec!(-0.00),
            dec!(0.995),
            dec!(-0.995),
            dec!(9.9999995),
        ] {
            assert_eq!(s(|b| push_cents(b, d)), fmt_cents(d), "cents {d}");
            assert_eq!(s(|b| push_fine(b, d)), fmt_fine(d), "fine {d}");
            assert_eq!(s(|b| push_qty(b, d)), fmt_qty(d), "qty {d}");
        }
    }

    #[test]
    fn the_rounding_rule_is_the_one_implemented_here() {
        // `round_parts` rounds half away from zero; a change of the rule must change it.
        assert_eq!(
            crate::money::ROUNDING,
            rust_decimal::RoundingStrategy::MidpointAwayFromZero
        );
    }

    #[test]
    fn csv_fields_are_quoted_when_needed() {
        assert_eq!(s(|b| push_csv_field(b, "us-east-1")), "us-east-1");
        assert_eq!(s(|b| push_csv_field(b, "a,b")), "\"a,b\"");
        assert_eq!(s(|b| push_csv_field(b, "say \"hi\"")), "\"say \"\"hi\"\"\"");
        assert_eq!(String::from_utf8(csv_text("=1+1")).unwrap(), "'=1+1");
    }

    fn f2(x: f64) -> String {
        s(|b| push_f2(b, x))
    }

    #[test]
    fn f2_matches_std_formatting() {
        for x in [
            0.0,
            -0.0,
            0.005,
            0.015,
            0.125,
            0.375,
            -0.001,
            -0.005,
            1.005,
            99.995,
            100.0,
            -3.2857,
            89.674999999,
            1e11,
            1e12,
            1e300,
            -1e300,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::MIN_POSITIVE,
            12345.675,
        ] {
            assert_eq!(f2(x), format!("{x:.2}"), "{x}");
        }
    }

    proptest! {
        #[test]
        fn f2_matches_std_on_random_floats(x in any::<f64>(), y in -1e7f64..1e7, c in -100_000i64..100_000) {
            prop_assert_eq!(f2(x), format!("{x:.2}"));
            prop_assert_eq!(f2(y), format!("{y:.2}"));
            // values on and near the cent midpoints
            let m = (c as f64 + 0.5) / 100.0;
            prop_assert_eq!(f2(m), format!("{m:.2}"));
            let z = 100.0 - (c as f64) / 1000.0;
            prop_assert_eq!(f2(z), format!("{z:.2}"));
        }

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
