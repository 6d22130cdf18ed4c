//! Number formatting for axis ticks and annotations.
//!
//! Money is always shown as dollars (`$1,200`, `$12.5k`, `$3M`), quantities
//! with thousands separators or an SI-style suffix, never as raw floats such
//! as `1200.0000001`.

/// Magnitude suffix used for compact labels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Scale {
    /// Plain units with thousands separators (`1,200`).
    Unit,
    /// Thousands (`12.5k`).
    Kilo,
    /// Millions (`1.2M`).
    Mega,
    /// Billions (`3B`).
    Giga,
}

impl Scale {
    /// The scale that suits a magnitude: plain below 10,000, then k / M / B.
    ///
    /// Boundaries are set just below the next power so that a value which
    /// would round up (e.g. 999,999 -> "1000k") moves to the next suffix.
    pub(crate) fn for_magnitude(abs: f64) -> Self {
        if abs < 9_999.5 {
            Scale::Unit
        } else if abs < 999_995.0 {
            Scale::Kilo
        } else if abs < 999_995_000.0 {
            Scale::Mega
        } else {
            Scale::Giga
        }
    }

    /// Like [`Scale::for_magnitude`] but switching to `k` from 1,000, for
    /// log axes whose ticks jump by decades (`100`, `1k`, `10k`).
    pub(crate) fn compact_for(abs: f64) -> Self {
        match Scale::for_magnitude(abs) {
            Scale::Unit if abs >= 999.5 => Scale::Kilo,
            scale => scale,
        }
    }

    fn divisor(self) -> f64 {
        match self {
            Scale::Unit => 1.0,
            Scale::Kilo => 1e3,
            Scale::Mega => 1e6,
            Scale::Giga => 1e9,
        }
    }

    fn suffix(self) -> &'static str {
        match self {
            Scale::Unit => "",
            Scale::Kilo => "k",
            Scale::Mega => "M",
            Scale::Giga => "B",
        }
    }
}

/// Format a dollar amount for an axis tick or a short annotation.
///
/// * below $10,000: whole dollars with thousands separators (`$1,200`), cents
///   only when the value is not a whole dollar (`$12.50`), and a few more
///   decimals for tiny non-zero amounts (`$0.001`);
/// * from $10,000: one suffix per magnitude with at most two decimals
///   (`$12.5k`, `$1.25M`, `$3B`);
/// * negative amounts carry a leading minus (`-$1.2k`);
/// * values that round to zero print as `$0`; NaN and infinities print as an
///   empty string so that a bad tick never shows garbage.
pub fn fmt_usd_axis(value: f64) -> String {
    if !value.is_finite() {
        return String::new();
    }
    fmt_usd_scaled(value, Scale::for_magnitude(value.abs()))
}

/// Format a dollar amount with a fixed magnitude suffix, so that every tick
/// on one axis reads the same way (`$0`, `$2.5k`, `$5k`, ...).
pub(crate) fn fmt_usd_scaled(value: f64, scale: Scale) -> String {
    if !value.is_finite() {
        return String::new();
    }
    let body = fmt_scaled(value.abs(), scale);
    if body == "0" {
        return "$0".to_string();
    }
    if value < 0.0 {
        format!("-${body}")
    } else {
        format!("${body}")
    }
}

/// Format a plain quantity (GB, spokes, Gbps) for an axis tick: thousands
/// separators below 10,000, k / M / B above, at most two decimals.
pub(crate) fn fmt_quantity(value: f64) -> String {
    fmt_quantity_in(value, Scale::for_magnitude)
}

/// Format a quantity for a log-axis tick: plain below 1,000, then
/// `1k`, `10k`, `1M`, ...
pub(crate) fn fmt_quantity_compact(value: f64) -> String {
    fmt_quantity_in(value, Scale::compact_for)
}

/// A quantity in the scale `scale_for` picks for its magnitude: at most two
/// decimals (grouped by thousands) at unit scale, otherwise with the scale's suffix.
fn fmt_quantity_in(value: f64, scale_for: fn(f64) -> Scale) -> String {
    if !value.is_finite() {
        return String::new();
    }
    let abs = value.abs();
    let body = match scale_for(abs) {
        Scale::Unit => fmt_decimals(abs, 2),
        scale => fmt_scaled(abs, scale),
    };
    with_sign(value, body)
}

/// `body`, the formatted magnitude of `value`, with a leading minus when `value`
/// is negative and does not print as `0`.
fn with_sign(value: f64, body: String) -> String {
    if value < 0.0 && body != "0" {
        format!("-{body}")
    } else {
        body
    }
}

/// Format a dollar amount for a log-axis tick: `$100`, `$1k`, `$10k`, ...
pub(crate) fn fmt_usd_compact(value: f64) -> String {
    fmt_usd_scaled(value, Scale::compact_for(value.abs()))
}

/// Format a quantity exactly enough for an annotation such as a break-even
/// point: whole numbers with separators from 100 up (`1,234`), otherwise at
/// most two decimals (`12.5`).
pub(crate) fn fmt_quantity_label(value: f64) -> String {
    if !value.is_finite() {
        return String::new();
    }
    let abs = value.abs();
    let body = if abs >= EXPONENT_FROM {
        fmt_exponent(abs)
    } else if abs >= 99.995 {
        group_thousands(abs.round())
    } else {
        fmt_decimals(abs, 2)
    };
    with_sign(value, body)
}

/// Magnitudes from here on print in exponent form (`1.5e18`): a suffix
/// and separators would make labels hundreds of characters long.
const EXPONENT_FROM: f64 = 1e15;

/// `abs` in exponent form with at most one decimal (`1.5e18`, `2e300`).
fn fmt_exponent(abs: f64) -> String {
    let text = format!("{abs:.1e}");
    text.replacen(".0e", "e", 1)
}

/// Non-negative magnitude in the given scale, without sign or currency.
fn fmt_scaled(abs: f64, scale: Scale) -> String {
    if abs >= EXPONENT_FROM {
        return fmt_exponent(abs);
    }
    match scale {
        Scale::Unit => {
            let cents = (abs * 100.0).round();
            if cents == 0.0 {
                if abs > 0.0 {
                    // Tiny but not zero: keep two significant digits.
                    let decimals = (-abs.log10()).ceil() as usize + 1;
                    fmt_decimals(abs, decimals.min(9))
                } else {
                    "0".to_string()
                }
            } else if cents % 100.0 == 0.0 {
                group_thousands(abs.round())
            } else {
                let whole = (cents / 100.0).trunc();
                let frac = cents - whole * 100.0;
                format!("{}.{:02}", group_thousands(whole), frac as u64)
            }
        }
        _ => {
            let scaled = abs / scale.divisor();
            let body = fmt_decimals(scaled, 2);
            if body == "0" {
                "0".to_string()
            } else {
                format!("{body}{}", scale.suffix())
            }
        }
    }
}

/// `value` rounded to at most `decimals` places, trailing zeros trimmed,
/// integer part grouped by thousands.
fn fmt_decimals(value: f64, decimals: usize) -> String {
    let text = format!("{value:.decimals$}");
    let (int_part, frac_part) = match text.split_once('.') {
        Some((i, f)) => (i, f.trim_end_matches('0')),
        None => (text.as_str(), ""),
    };
    let grouped = int_part
        .parse::<f64>()
        .map(group_thousands)
        .unwrap_or_else(|_| int_part.to_string());
    if frac_part.is_empty() {
        grouped
    } else {
        format!("{grouped}.{frac_part}")
    }
}

/// A whole, non-negative number with `,` between groups of three digits.
fn group_thousands(whole: f64) -> String {
    crate::money::group_digits(&format!("{:.0}", whole.abs()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usd_small_and_whole_amounts() {
        assert_eq!(fmt_usd_axis(0.0), "$0");
        assert_eq!(fmt_usd_axis(-0.0), "$0");
        assert_eq!(fmt_usd_axis(7.0), "$7");
        assert_eq!(fmt_usd_axis(12.5), "$12.50");
        assert_eq!(fmt_usd_axis(0.05), "$0.05");
        assert_eq!(fmt_usd_axis(0.001), "$0.001");
        assert_eq!(fmt_usd_axis(999.0), "$999");
    }

    #[test]
    fn usd_thousands_use_separators_and_no_float_noise() {
        assert_eq!(fmt_usd_axis(1200.0000001), "$1,200");
        assert_eq!(fmt_usd_axis(1199.9999999), "$1,200");
        assert_eq!(fmt_usd_axis(1234.56), "$1,234.56");
        assert_eq!(fmt_usd_axis(9_999.0), "$9,999");
        assert_eq!(fmt_usd_axis(999.999), "$1,000");
    }

    #[test]
    fn usd_large_amounts_use_suffixes() {
        assert_eq!(fmt_usd_axis(10_000.0), "$10k");
        assert_eq!(fmt_usd_axis(12_500.0), "$12.5k");
        assert_eq!(fmt_usd_axis(12_346.0), "$12.35k");
        assert_eq!(fmt_usd_axis(999_999.0), "$1M");
        assert_eq!(fmt_usd_axis(1_250_000.0), "$1.25M");
        assert_eq!(fmt_usd_axis(3e9), "$3B");
        assert_eq!(fmt_usd_axis(1.5e12), "$1,500B");
        assert_eq!(fmt_usd_axis(1.5e18), "$1.5e18");
        assert_eq!(fmt_usd_axis(f64::MAX), "$1.8e308");
        assert_eq!(fmt_usd_axis(-2e20), "-$2e20");
    }

    #[test]
    fn usd_negative_and_non_finite() {
        assert_eq!(fmt_usd_axis(-1200.0), "-$1,200");
        assert_eq!(fmt_usd_axis(-12_000.0), "-$12k");
        assert_eq!(fmt_usd_axis(f64::NAN), "");
        assert_eq!(fmt_usd_axis(f64::INFINITY), "");
        assert_eq!(fmt_usd_axis(f64::NEG_INFINITY), "");
    }

    #[test]
    fn usd_fixed_scale_keeps_one_style_per_axis() {
        assert_eq!(fmt_usd_scaled(0.0, Scale::Kilo), "$0");
        assert_eq!(fmt_usd_scaled(2_500.0, Scale::Kilo), "$2.5k");
        assert_eq!(fmt_usd_scaled(500.0, Scale::Kilo), "$0.5k");
        assert_eq!(fmt_usd_scaled(2_500.0, Scale::Unit), "$2,500");
    }

    #[test]
    fn quantities() {
        assert_eq!(fmt_quantity(0.0), "0");
        assert_eq!(fmt_quantity(2.5), "2.5");
        assert_eq!(fmt_quantity(1_000.0), "1,000");
        assert_eq!(fmt_quantity(0.001), "0");
        assert_eq!(fmt_quantity(9_999.0), "9,999");
        assert_eq!(fmt_quantity(50_000.0), "50k");
        assert_eq!(fmt_quantity(2.5e6), "2.5M");
        assert_eq!(fmt_quantity(-3.0), "-3");
        assert_eq!(fmt_quantity_label(1234.4), "1,234");
        assert_eq!(fmt_quantity_label(1_234_567.0), "1,234,567");
        assert_eq!(fmt_quantity_label(12.346), "12.35");
        assert_eq!(fmt_quantity_label(7.0), "7");
        assert_eq!(fmt_quantity_label(f64::NAN), "");
        assert_eq!(fmt_quantity_label(1e300), "1e300");
        assert_eq!(fmt_quantity(3e16), "3e16");
    }

    #[test]
    fn compact_formats_for_log_axes() {
        assert_eq!(fmt_quantity_compact(100.0), "100");
        assert_eq!(fmt_quantity_compact(0.5), "0.5");
        assert_eq!(fmt_quantity_compact(1_000.0), "1k");
        assert_eq!(fmt_quantity_compact(2_000.0), "2k");
        assert_eq!(fmt_quantity_compact(1e6), "1M");
        assert_eq!(fmt_quantity_compact(f64::NAN), "");
        assert_eq!(fmt_usd_compact(10.0), "$10");
        assert_eq!(fmt_usd_compact(0.01), "$0.01");
        assert_eq!(fmt_usd_compact(1_000.0), "$1k");
        assert_eq!(fmt_usd_compact(5e8), "$500M");
        assert_eq!(fmt_usd_compact(999_999.0), "$1M");
    }

    #[test]
    fn thousands_grouping() {
        assert_eq!(group_thousands(0.0), "0");
        assert_eq!(group_thousands(999.0), "999");
        assert_eq!(group_thousands(1000.0), "1,000");
        assert_eq!(group_thousands(1_234_567.0), "1,234,567");
    }
}
