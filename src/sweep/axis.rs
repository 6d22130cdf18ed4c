//! Axes: the values one sweep key takes, expanded exactly.
//!
//! - a list, `azs = [2, 3]` or `region = ["us-east-1", "eu-west-1"]` (any TOML values,
//!   lists included);
//! - an exact decimal range, `{ from = 0, to = 1, step = 0.1 }`: `from + k × step` for every
//!   whole k with the value ≤ `to`, computed in `Decimal` (0..=1 step 0.1 is exactly 11
//!   values, the last exactly 1);
//! - a log range, `{ log_from = 1, log_to = 10000000, points = 60, digits = 3 }`: `points`
//!   values spaced evenly in log scale, each rounded to `digits` significant digits
//!   (default 3) with the one rounding rule of [`crate::money::ROUNDING`]; the rounded value
//!   is the one used and the one written, and the ends are exactly `log_from` and `log_to`.
//!   The log arithmetic is `rust_decimal`'s own (no platform `libm`), so the values are the
//!   same on every machine.
//!
//! A range stores three numbers, not its values, so a ten-million-value axis costs nothing.

use crate::money::{ROUNDING, from_toml_float, parse_exact};
use rust_decimal::{Decimal, MathematicalOps};
use toml::Value;

/// Default significant digits of a log range.
pub const DEFAULT_LOG_DIGITS: u32 = 3;

/// One value of a list axis.
#[derive(Debug, Clone, PartialEq)]
pub struct Val {
    /// The value as set into the scenario document.
    pub value: Value,
    /// The exact number, for numeric values.
    pub num: Option<Decimal>,
    /// The value as written in the CSV (before CSV quoting).
    pub shown: String,
}

impl Val {
    /// A numeric value.
    pub fn number(d: Decimal) -> Val {
        let d = d.normalize();
        Val {
            value: doc_value(d),
            num: Some(d),
            shown: d.to_string(),
        }
    }

    fn from_toml(v: &Value) -> Result<Val, String> {
        match v {
            Value::Integer(i) => Ok(Val::number(Decimal::from(*i))),
            Value::Float(f) => from_toml_float(*f)
                .map(Val::number)
                .ok_or_else(|| format!("{f} is not a finite decimal number")),
            Value::String(s) => Ok(Val {
                value: v.clone(),
                num: parse_exact(s).map(|d| d.normalize()),
                shown: s.clone(),
            }),
            Value::Boolean(b) => Ok(Val {
                value: v.clone(),
                num: None,
                shown: b.to_string(),
            }),
            Value::Array(items) => {
                let shown: Result<Vec<String>, String> = items
                    .iter()
                    .map(|x| Val::from_toml(x).map(|v| v.shown))
                    .collect();
                Ok(Val {
                    value: v.clone(),
                    num: None,
                    shown: shown?.join(";"),
                })
            }
            Value::Datetime(d) => Ok(Val {
                value: v.clone(),
                num: None,
                shown: d.to_string(),
            }),
            Value::Table(_) => Err("a table cannot be an axis value".into()),
        }
    }
}

/// How a number goes into a scenario document: a TOML integer when it is whole, else a
/// string holding the exact decimal (the scenario parser reads both exactly).
pub fn doc_value(d: Decimal) -> Value {
    let n = d.normalize();
    if n.scale() == 0
        && let Ok(i) = i64::try_from(n)
    {
        return Value::Integer(i);
    }
    Value::String(n.to_string())
}

/// The values of an axis.
#[derive(Debug, Clone, PartialEq)]
pub enum Values {
    /// `from + k × step`, k in `0..n`.
    Range {
        from: Decimal,
        step: Decimal,
        n: u64,
    },
    /// Explicit values (lists and log ranges).
    List(Vec<Val>),
}

impl Values {
    /// Number of values.
    pub fn len(&self) -> u64 {
        match self {
            Values::Range { n, .. } => *n,
            Values::List(v) => v.len() as u64,
        }
    }

    /// Whether there are none (never, once parsed).
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The number at index `i`, for numeric values.
    pub fn num(&self, i: u64) -> Option<Decimal> {
        match self {
            // Cannot overflow: every value of the range lies between `from` and `to`.
            Values::Range { from, step, .. } => Some(*from + *step * Decimal::from(i)),
            Values::List(v) => v[i as usize].num,
        }
    }

    /// The value at index `i`.
    pub fn get(&self, i: u64) -> Val {
        match self {
            Values::Range { .. } => Val::number(self.num(i).unwrap_or_default()),
            Values::List(v) => v[i as usize].clone(),
        }
    }

    /// Whether every value is a number.
    pub fn all_numeric(&self) -> bool {
        match self {
            Values::Range { .. } => true,
            Values::List(v) => v.iter().all(|x| x.num.is_some()),
        }
    }

    /// Smallest and largest number (numeric axes).
    pub fn bounds(&self) -> Option<(Decimal, Decimal)> {
        match self {
            Values::Range { from, .. } => Some((*from, self.num(self.len() - 1)?)),
            Values::List(v) => {
                let mut it = v.iter().map(|x| x.num);
                let first = it.next()??;
                let mut lo = first;
                let mut hi = first;
                for x in it {
                    let x = x?;
                    lo = lo.min(x);
                    hi = hi.max(x);
                }
                Some((lo, hi))
            }
        }
    }
}

fn number(v: &Value, key: &str) -> Result<Decimal, String> {
    let d = match v {
        Value::Integer(i) => Some(Decimal::from(*i)),
        Value::Float(f) => from_toml_float(*f),
        Value::String(s) => parse_exact(s),
        _ => None,
    };
    d.ok_or_else(|| format!("`{key}` must be a number, got {v}"))
}

/// Largest number of values one axis may have (the sweep's own limit is `--max-points`).
pub const MAX_AXIS_VALUES: u64 = 1 << 40;

/// Parse an axis spec: a list, a scalar (one value), or a table with `values`, a decimal
/// range or a log range. `key`/`keys` are taken out by the caller before this.
pub fn parse_values(v: &Value) -> Result<Values, (String, String)> {
    let bad = |m: String, h: &str| (m, h.to_string());
    match v {
        Value::Array(items) => {
            if items.is_empty() {
                return Err(bad(
                    "an axis needs at least one value".into(),
                    "write e.g. `[2, 3]`",
                ));
            }
            let vals: Result<Vec<Val>, String> = items.iter().map(Val::from_toml).collect();
            Ok(Values::List(
                vals.map_err(|m| bad(m, "use numbers, strings or lists"))?,
            ))
        }
        Value::Table(t) => {
            let has = |k: &str| t.contains_key(k);
            if has("values") {
                if let Some(k) = t.keys().find(|k| k.as_str() != "values") {
                    return Err(bad(
                        format!("`{k}` does not go with `values`"),
                        "give either `values`, or `from`/`to`/`step`, or `log_from`/`log_to`/`points`",
                    ));
                }
                return parse_values(&t["values"]);
            }
            if has("from") || has("to") || has("step") {
                for k in t.keys() {
                    if !super::keys::RANGE.contains(&k.as_str()) {
                        return Err(bad(
                            format!("`{k}` does not go with a from/to/step range"),
                            "a decimal range is `{ from = 0, to = 1, step = 0.1 }`",
                        ));
                    }
                }
                let get = |k: &str| -> Result<Decimal, (String, String)> {
                    match t.get(k) {
                        Some(v) => number(v, k).map_err(|m| bad(m, "use a number")),
                        None => Err(bad(
                            format!("a range needs `{k}`"),
                            "a decimal range is `{ from = 0, to = 1, step = 0.1 }`",
                        )),
                    }
                };
                return range(get("from")?, get("to")?, get("step")?);
            }
            if has("log_from") || has("log_to") || has("points") {
                for k in t.keys() {
                    if !super::keys::LOG_RANGE.contains(&k.as_str()) {
                        return Err(bad(
                            format!("`{k}` does not go with a log range"),
                            "a log range is `{ log_from = 1, log_to = 10000000, points = 60 }` (optional `digits = 3`)",
                        ));
                    }
                }
                let get = |k: &str| -> Result<Decimal, (String, String)> {
                    match t.get(k) {
                        Some(v) => number(v, k).map_err(|m| bad(m, "use a number")),
                        None => Err(bad(
                            format!("a log range needs `{k}`"),
                            "a log range is `{ log_from = 1, log_to = 10000000, points = 60 }`",
                        )),
                    }
                };
                let whole = |k: &str, d: Decimal| -> Result<u32, (String, String)> {
                    if d.fract().is_zero()
                        && let Ok(n) = u32::try_from(d)
                    {
                        return Ok(n);
                    }
                    Err(bad(format!("`{k}` must be a whole number"), "e.g. 60"))
                };
                let points = whole("points", get("points")?)?;
                let digits = match t.get("digits") {
                    Some(v) => whole(
                        "digits",
                        number(v, "digits").map_err(|m| bad(m, "use 1 to 28"))?,
                    )?,
                    None => DEFAULT_LOG_DIGITS,
                };
                return log_range(get("log_from")?, get("log_to")?, points, digits)
                    .map(Values::List);
            }
            Err(bad(
                "an axis table needs `values`, a `from`/`to`/`step` range or a `log_from`/`log_to`/`points` range".into(),
                "e.g. `{ from = 1, to = 200, step = 1 }`",
            ))
        }
        scalar => Ok(Values::List(vec![
            Val::from_toml(scalar).map_err(|m| bad(m, "use a number or a string"))?,
        ])),
    }
}

/// An exact decimal range, `to` included when it lands on the step grid.
pub fn range(from: Decimal, to: Decimal, step: Decimal) -> Result<Values, (String, String)> {
    if step <= Decimal::ZERO {
        return Err((
            format!("`step` must be above 0 (got {step})"),
            "ranges go upwards: from ≤ to, step > 0".into(),
        ));
    }
    if to < from {
        return Err((
            format!("`to` ({to}) is below `from` ({from})"),
            "ranges go upwards: from ≤ to, step > 0".into(),
        ));
    }
    let span = (to - from).checked_div(step).ok_or_else(|| {
        (
            "the range has too many values".into(),
            "use a larger step".into(),
        )
    })?;
    let k = span.floor();
    let mut n = u64::try_from(k)
        .ok()
        .and_then(|k| k.checked_add(1))
        .filter(|n| *n <= MAX_AXIS_VALUES)
        .ok_or_else(|| {
            (
                format!("the range has {k} values or more"),
                "use a larger step".to_string(),
            )
        })?;
    // Guard the division's last digit: the last value must not pass `to`.
    while n > 1 && from + step * Decimal::from(n - 1) > to {
        n -= 1;
    }
    Ok(Values::Range {
        from: from.normalize(),
        step: step.normalize(),
        n,
    })
}

/// `points` log-spaced values from `from` to `to`, rounded to `digits` significant digits.
pub fn log_range(
    from: Decimal,
    to: Decimal,
    points: u32,
    digits: u32,
) -> Result<Vec<Val>, (String, String)> {
    let hint = "a log range is `{ log_from = 1, log_to = 10000000, points = 60 }`".to_string();
    if from <= Decimal::ZERO || to <= from {
        return Err((
            format!("a log range needs 0 < log_from < log_to (got {from} and {to})"),
            hint,
        ));
    }
    if points < 2 {
        return Err(("a log range needs at least 2 points".into(), hint));
    }
    if !(1..=28).contains(&digits) {
        return Err((
            format!("`digits` must be 1 to 28 (got {digits})"),
            "3 is the default".into(),
        ));
    }
    let overflow = || {
        (
            "the log range is too wide to compute exactly".to_string(),
            "keep log_to / log_from under 1e28".to_string(),
        )
    };
    let ln = (to / from).checked_ln().ok_or_else(overflow)?;
    let last = Decimal::from(points - 1);
    let mut out: Vec<Val> = Vec::with_capacity(points as usize);
    for i in 0..points {
        let v = if i == 0 {
            from
        } else if i == points - 1 {
            to
        } else {
            let e = (ln * Decimal::from(i) / last)
                .checked_exp()
                .ok_or_else(overflow)?;
            let raw = from.checked_mul(e).ok_or_else(overflow)?;
            raw.round_sf_with_strategy(digits, ROUNDING)
                .ok_or_else(overflow)?
        };
        let v = v.normalize();
        if let Some(prev) = out.last().and_then(|p| p.num)
            && v <= prev
        {
            return Err((
                format!(
                    "with {digits} significant digits, points {i} and {} of the log range are both {v}",
                    i + 1
                ),
                "raise `digits` or lower `points`".into(),
            ));
        }
        out.push(Val::number(v));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn spec(s: &str) -> Values {
        let t: toml::Table = toml::from_str(&format!("x = {s}")).unwrap();
        parse_values(&t["x"]).unwrap()
    }

    fn spec_err(s: &str) -> String {
        let t: toml::Table = toml::from_str(&format!("x = {s}")).unwrap();
        parse_values(&t["x"]).unwrap_err().0
    }

    fn nums(v: &Values) -> Vec<Decimal> {
        (0..v.len()).map(|i| v.num(i).unwrap()).collect()
    }

    #[test]
    fn decimal_range_zero_to_one_by_a_tenth_is_exactly_eleven_values() {
        let v = spec("{ from = 0, to = 1, step = 0.1 }");
        assert_eq!(v.len(), 11);
        let n = nums(&v);
        assert_eq!(n[3], dec!(0.3)); // 0.1 + 0.1 + 0.1 in f64 is 0.30000000000000004
        assert_eq!(n[10], dec!(1));
        assert_eq!(v.get(7).shown, "0.7");
        assert_eq!(v.get(10).shown, "1");
    }

    #[test]
    fn range_counts() {
        assert_eq!(spec("{ from = 1, to = 200, step = 1 }").len(), 200);
        // `to` off the grid is not reached.
        let v = spec("{ from = 0, to = 1, step = 0.3 }");
        assert_eq!(nums(&v), vec![dec!(0), dec!(0.3), dec!(0.6), dec!(0.9)]);
        // a third: the division is not exact, the count still is
        let v = spec("{ from = 0, to = 1, step = \"0.3333333333333333333333333333\" }");
        assert_eq!(v.len(), 4);
        assert!(v.num(3).unwrap() <= dec!(1));
        assert_eq!(spec("{ from = 5, to = 5, step = 1 }").len(), 1);
        assert_eq!(spec("{ from = 0, to = 1e6, step = 1 }").len(), 1_000_001);
        assert_eq!(
            spec("{ from = 0, to = 1e6, step = 1 }").bounds(),
            Some((dec!(0), dec!(1000000)))
        );
    }

    #[test]
    fn bad_ranges_say_why() {
        assert!(spec_err("{ from = 1, to = 0, step = 1 }").contains("below"));
        assert!(spec_err("{ from = 0, to = 1, step = 0 }").contains("above 0"));
        assert!(spec_err("{ from = 0, to = 1 }").contains("needs `step`"));
        assert!(spec_err("{ from = 0, to = 1, step = 1, stepp = 2 }").contains("stepp"));
        assert!(spec_err("[]").contains("at least one"));
    }

    #[test]
    fn log_range_is_rounded_deterministically_and_ends_exactly() {
        let v = spec("{ log_from = 1, log_to = 10000000, points = 60 }");
        assert_eq!(v.len(), 60);
        let n = nums(&v);
        assert_eq!(n[0], dec!(1));
        assert_eq!(n[59], dec!(10000000));
        assert!(n.windows(2).all(|w| w[0] < w[1]));
        for x in &n {
            // at most 3 significant digits
            assert_eq!(x.round_sf_with_strategy(3, ROUNDING).unwrap(), *x, "{x}");
        }
        // 1..1000 in 4 points lands on the decades
        let v = spec("{ log_from = 1, log_to = 1000, points = 4 }");
        assert_eq!(nums(&v), vec![dec!(1), dec!(10), dec!(100), dec!(1000)]);
        let v = spec("{ log_from = 1, log_to = 100, points = 5, digits = 4 }");
        assert_eq!(
            nums(&v),
            vec![dec!(1), dec!(3.162), dec!(10), dec!(31.62), dec!(100)]
        );
        assert_eq!(v.get(1).shown, "3.162");
        // expanding twice gives the same values
        assert_eq!(
            spec("{ log_from = 1, log_to = 10000000, points = 60 }"),
            spec("{ log_from = 1, log_to = 10000000, points = 60 }")
        );
    }

    #[test]
    fn log_range_refuses_collisions() {
        let e = spec_err("{ log_from = 1, log_to = 2, points = 50, digits = 1 }");
        assert!(e.contains("significant digits"), "{e}");
        assert!(spec_err("{ log_from = 0, log_to = 2, points = 5 }").contains("0 < log_from"));
    }

    #[test]
    fn lists_keep_any_value() {
        let v = spec("[\"us-east-1\", \"eu-west-1\"]");
        assert_eq!(v.len(), 2);
        assert_eq!(v.get(1).shown, "eu-west-1");
        assert_eq!(v.get(1).num, None);
        let v = spec("[[\"use1-az1\", \"use1-az2\"], 3]");
        assert_eq!(v.get(0).shown, "use1-az1;use1-az2");
        assert_eq!(v.get(1).num, Some(dec!(3)));
        let v = spec("[0.1, 2.50, \"1000.125\"]");
        assert_eq!(nums(&v), vec![dec!(0.1), dec!(2.5), dec!(1000.125)]);
        assert_eq!(v.get(0).value, Value::String("0.1".into()));
        assert_eq!(v.get(1).shown, "2.5");
        let v = spec("{ values = [1, 2] }");
        assert_eq!(v.len(), 2);
        assert_eq!(spec("\"us-east-1\"").len(), 1);
    }

    #[test]
    fn doc_values_are_exact() {
        assert_eq!(doc_value(dec!(3.00)), Value::Integer(3));
        assert_eq!(doc_value(dec!(0.10)), Value::String("0.1".into()));
        assert_eq!(
            doc_value(dec!(100000000000000000000)),
            Value::String("100000000000000000000".into())
        );
    }
}
