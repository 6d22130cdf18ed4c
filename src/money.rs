//! Money: exact decimals from parse to print, rounded once, at output.
//!
//! The one rounding rule of vpceplan is [`ROUNDING`]: half away from zero ("round half up"
//! as an accountant says it), applied only when a figure is formatted for a report.
//! Totals and amounts of money print to the cent; hourly amounts, USD per GB and unit
//! rates print to [`RATE_DP`] places so that a $0.0035 rate is not shown as $0.00.

use rust_decimal::{Decimal, RoundingStrategy};
use std::str::FromStr;

/// The one rounding rule: half away from zero, applied at output only.
pub const ROUNDING: RoundingStrategy = RoundingStrategy::MidpointAwayFromZero;
/// Decimal places for monthly amounts and totals.
pub const MONEY_DP: u32 = 2;
/// Decimal places for hourly amounts, USD per GB and unit rates.
pub const RATE_DP: u32 = 6;

/// Round a monthly amount or total to cents with [`ROUNDING`].
///
/// ```
/// use rust_decimal_macros::dec;
/// assert_eq!(vpceplan::money::cents(dec!(0.125)), dec!(0.13));
/// assert_eq!(vpceplan::money::cents(dec!(212.2)), dec!(212.20));
/// ```
pub fn cents(d: Decimal) -> Decimal {
    d.round_dp_with_strategy(MONEY_DP, ROUNDING)
}

/// Round an hourly amount, a rate or a USD-per-GB figure with [`ROUNDING`].
pub fn fine(d: Decimal) -> Decimal {
    d.round_dp_with_strategy(RATE_DP, ROUNDING)
}

/// Format a monthly amount as a fixed two-place string ("212.20"); an amount that rounds
/// to zero prints as "0.00", never "-0.00".
pub fn fmt_cents(d: Decimal) -> String {
    let c = cents(d);
    if c.is_zero() {
        "0.00".to_string()
    } else {
        format!("{c:.2}")
    }
}

/// Format an hourly amount or rate with up to six places, trailing zeros kept to two.
pub fn fmt_fine(d: Decimal) -> String {
    let r = fine(d).normalize();
    if r.scale() < 2 {
        format!("{:.2}", r)
    } else {
        r.to_string()
    }
}

/// Format a quantity exactly, without trailing zeros.
pub fn fmt_qty(d: Decimal) -> String {
    d.normalize().to_string()
}

/// Format exact percentage points to two places by the one rounding rule.
pub fn fmt_pct(d: Decimal) -> String {
    let r = d.round_dp_with_strategy(2, ROUNDING);
    if r.is_zero() {
        "0.00".to_string()
    } else {
        format!("{r:.2}")
    }
}

/// `digits` (ASCII digits, no sign) with `,` between groups of three from the right:
/// `1073741824` → `1,073,741,824`.
pub fn group_digits(digits: &str) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

/// A count with thousands separators, for messages and pages (`59,130`).
pub fn grouped(n: u64) -> String {
    group_digits(&n.to_string())
}

/// Parse a decimal exactly: input that cannot be represented is rejected, never rounded.
pub fn parse_exact(s: &str) -> Option<Decimal> {
    let t = s.trim();
    if t.is_empty() {
        return None;
    }
    Decimal::from_str_exact(t)
        .ok()
        .or_else(|| Decimal::from_scientific(t).ok())
        .or_else(|| {
            // `from_str_exact` rejects "+1"; accept a leading plus sign.
            t.strip_prefix('+').and_then(|u| Decimal::from_str(u).ok())
        })
}

/// Convert an f64 that came from a TOML float literal into the decimal the user wrote.
///
/// Rust prints an f64 as the shortest string that reads back as the same number, which is
/// the literal the user typed for any literal of 15 or fewer significant digits.
pub fn from_toml_float(f: f64) -> Option<Decimal> {
    if !f.is_finite() {
        return None;
    }
    parse_exact(&format!("{f}"))
}

/// Split `total` in proportion to whole-number `weights`; the parts add up to exactly
/// `total` (the last non-zero weight takes the remainder).
pub fn split_weighted(total: Decimal, weights: &[u64]) -> Vec<Decimal> {
    let sum: u64 = weights.iter().sum();
    if sum == 0 {
        return vec![Decimal::ZERO; weights.len()];
    }
    let last = weights.iter().rposition(|w| *w > 0).unwrap_or(0);
    let mut out = Vec::with_capacity(weights.len());
    let mut given = Decimal::ZERO;
    for (i, w) in weights.iter().enumerate() {
        if i == last {
            out.push(total - given);
        } else if *w == 0 {
            out.push(Decimal::ZERO);
        } else {
            let part = (total / Decimal::from(sum) * Decimal::from(*w)).trunc_with_scale(20);
            given += part;
            out.push(part);
        }
    }
    out
}

/// Split `total` into `n` parts that add up to exactly `total`.
///
/// ```
/// use rust_decimal_macros::dec;
/// let parts = vpceplan::money::split_even(dec!(10), 3);
/// assert_eq!(parts.iter().sum::<rust_decimal::Decimal>(), dec!(10));
/// ```
///
/// Every part but the last is `total / n` truncated to 20 places; the last takes the
/// remainder, so a per-AZ breakdown always sums to its block's figure to the last digit.
pub fn split_even(total: Decimal, n: usize) -> Vec<Decimal> {
    if n == 0 {
        return Vec::new();
    }
    let (part, last) = split_even_parts(total, n);
    let mut out = vec![part; n];
    out[n - 1] = last;
    out
}

/// The parts of [`split_even`] without a list: every part but the last, and the last
/// (both `total` when `n` ≤ 1).
pub fn split_even_parts(total: Decimal, n: usize) -> (Decimal, Decimal) {
    if n <= 1 {
        return (total, total);
    }
    let part = (total / Decimal::from(n as u64)).trunc_with_scale(20);
    (part, total - part * Decimal::from((n - 1) as u64))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn rounding_is_half_away_from_zero_at_the_cent() {
        assert_eq!(cents(dec!(0.005)), dec!(0.01));
        assert_eq!(cents(dec!(0.015)), dec!(0.02)); // banker's rounding would give 0.02 too
        assert_eq!(cents(dec!(0.025)), dec!(0.03)); // banker's rounding would give 0.02
        assert_eq!(cents(dec!(212.195)), dec!(212.20));
        assert_eq!(cents(dec!(-0.005)), dec!(-0.01));
        assert_eq!(fmt_cents(dec!(212.2)), "212.20");
        assert_eq!(fmt_cents(dec!(0)), "0.00");
        assert_eq!(fmt_cents(dec!(-0.001)), "0.00");
    }

    #[test]
    fn fine_keeps_small_rates_visible() {
        assert_eq!(fmt_fine(dec!(0.0035)), "0.0035");
        assert_eq!(fmt_fine(dec!(0.29068493150684931506849315)), "0.290685");
        assert_eq!(fmt_fine(dec!(2.5)), "2.50");
        assert_eq!(fmt_fine(dec!(0.0000005)), "0.000001");
    }

    #[test]
    fn parse_is_exact() {
        assert_eq!(parse_exact("0.01"), Some(dec!(0.01)));
        assert_eq!(parse_exact("1e3"), Some(dec!(1000)));
        assert_eq!(parse_exact("+5"), Some(dec!(5)));
        assert_eq!(parse_exact("abc"), None);
        assert_eq!(parse_exact(""), None);
        assert_eq!(from_toml_float(0.1), Some(dec!(0.1)));
        assert_eq!(from_toml_float(1234.5678), Some(dec!(1234.5678)));
        assert_eq!(from_toml_float(f64::NAN), None);
    }

    #[test]
    fn split_even_sums_exactly() {
        let parts = split_even(dec!(1000), 3);
        assert_eq!(parts.len(), 3);
        assert_eq!(parts.iter().copied().sum::<Decimal>(), dec!(1000));
        assert_eq!(parts[0], dec!(333.33333333333333333333));
        assert_eq!(split_even(dec!(10), 1), vec![dec!(10)]);
        assert!(split_even(dec!(10), 0).is_empty());
    }

    #[test]
    fn split_weighted_sums_exactly() {
        let parts = split_weighted(dec!(100), &[1, 2, 0]);
        assert_eq!(parts.iter().copied().sum::<Decimal>(), dec!(100));
        assert_eq!(parts[0], dec!(33.33333333333333333333));
        assert_eq!(parts[2], dec!(0));
        assert_eq!(split_weighted(dec!(5), &[0, 0]), vec![dec!(0), dec!(0)]);
    }
}
