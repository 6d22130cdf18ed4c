//! Reading cells of Arrow record batches (from Parquet files) as text, whatever the
//! physical type the writer chose: strings (plain, large, view or dictionary), integers,
//! floats (written as the shortest decimal that reads back the same, so an exported
//! `0.045` stays `0.045`), decimals, timestamps and dates (as ISO dates), and string maps.

use std::fmt::Write as _;

use arrow_array::cast::AsArray;
use arrow_array::types::{
    Date32Type, Decimal128Type, Float32Type, Float64Type, Int8Type, Int16Type, Int32Type,
    Int64Type, TimestampMicrosecondType, TimestampMillisecondType, TimestampNanosecondType,
    TimestampSecondType, UInt8Type, UInt16Type, UInt32Type, UInt64Type,
};
use arrow_array::{Array, ArrayRef, MapArray};
use arrow_schema::{DataType, TimeUnit};

/// A column of one batch, ready to be read cell by cell.
pub struct Column {
    array: ArrayRef,
    /// Dictionary columns: the value index of each row.
    dict_keys: Option<Vec<usize>>,
}

impl Column {
    pub fn new(array: ArrayRef) -> Self {
        let dict_keys = array.as_any_dictionary_opt().map(|d| d.normalized_keys());
        Column { array, dict_keys }
    }

    /// Appends the text of row `i` to `out` (nothing for a null). Unreadable types are an
    /// error naming the type.
    pub fn write(&self, i: usize, out: &mut String) -> Result<(), String> {
        if self.array.is_null(i) {
            return Ok(());
        }
        if let (Some(keys), Some(d)) = (&self.dict_keys, self.array.as_any_dictionary_opt()) {
            let k = keys.get(i).copied().unwrap_or(0);
            return write_cell(d.values().as_ref(), k, out);
        }
        write_cell(self.array.as_ref(), i, out)
    }

    /// For a map column: the value of the first key that folds (see
    /// [`fold`]) to one of `keys`, appended to `out`.
    pub fn write_map_value(&self, i: usize, keys: &[&str], out: &mut String) -> Result<(), String> {
        if self.array.is_null(i) {
            return Ok(());
        }
        let Some(map) = self.array.as_map_opt() else {
            return Ok(());
        };
        map_lookup(map, i, keys, out)
    }
}

fn map_lookup(map: &MapArray, i: usize, keys: &[&str], out: &mut String) -> Result<(), String> {
    let offsets = map.value_offsets();
    let (start, end) = (offsets[i] as usize, offsets[i + 1] as usize);
    let mut key = String::new();
    for want in keys {
        for j in start..end {
            key.clear();
            write_cell(map.keys().as_ref(), j, &mut key)?;
            if fold(&key) == *want {
                return write_cell(map.values().as_ref(), j, out);
            }
        }
    }
    Ok(())
}

fn write_cell(a: &dyn Array, i: usize, out: &mut String) -> Result<(), String> {
    if a.is_null(i) {
        return Ok(());
    }
    let _ = match a.data_type() {
        DataType::Utf8 => write!(out, "{}", a.as_string::<i32>().value(i)),
        DataType::LargeUtf8 => write!(out, "{}", a.as_string::<i64>().value(i)),
        DataType::Utf8View => write!(out, "{}", a.as_string_view().value(i)),
        DataType::Float64 => write!(out, "{}", a.as_primitive::<Float64Type>().value(i)),
        DataType::Float32 => write!(out, "{}", a.as_primitive::<Float32Type>().value(i)),
        DataType::Int64 => write!(out, "{}", a.as_primitive::<Int64Type>().value(i)),
        DataType::Int32 => write!(out, "{}", a.as_primitive::<Int32Type>().value(i)),
        DataType::Int16 => write!(out, "{}", a.as_primitive::<Int16Type>().value(i)),
        DataType::Int8 => write!(out, "{}", a.as_primitive::<Int8Type>().value(i)),
        DataType::UInt64 => write!(out, "{}", a.as_primitive::<UInt64Type>().value(i)),
        DataType::UInt32 => write!(out, "{}", a.as_primitive::<UInt32Type>().value(i)),
        DataType::UInt16 => write!(out, "{}", a.as_primitive::<UInt16Type>().value(i)),
        DataType::UInt8 => write!(out, "{}", a.as_primitive::<UInt8Type>().value(i)),
        DataType::Decimal128(_, _) => {
            write!(
                out,
                "{}",
                a.as_primitive::<Decimal128Type>().value_as_string(i)
            )
        }
        DataType::Date32 => {
            let d = i64::from(a.as_primitive::<Date32Type>().value(i));
            write_date(d, out);
            Ok(())
        }
        DataType::Timestamp(unit, _) => {
            let (v, per_day) = match unit {
                TimeUnit::Second => (a.as_primitive::<TimestampSecondType>().value(i), 86_400),
                TimeUnit::Millisecond => (
                    a.as_primitive::<TimestampMillisecondType>().value(i),
                    86_400_000,
                ),
                TimeUnit::Microsecond => (
                    a.as_primitive::<TimestampMicrosecondType>().value(i),
                    86_400_000_000,
                ),
                TimeUnit::Nanosecond => (
                    a.as_primitive::<TimestampNanosecondType>().value(i),
                    86_400_000_000_000,
                ),
            };
            write_date(v.div_euclid(per_day), out);
            Ok(())
        }
        DataType::Boolean => write!(out, "{}", a.as_boolean().value(i)),
        other => return Err(format!("a column of type {other} cannot be read as text")),
    };
    Ok(())
}

/// Appends the ISO date of a day count since 1970-01-01 (proleptic Gregorian calendar).
fn write_date(days: i64, out: &mut String) {
    // Civil-from-days: eras of 400 years (146,097 days), March-based years.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    let _ = write!(out, "{y:04}-{m:02}-{d:02}");
}

/// A column name folded for comparison: lower case, letters and digits only.
pub fn fold(name: &str) -> String {
    name.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_from_day_counts() {
        let s = |d| {
            let mut o = String::new();
            write_date(d, &mut o);
            o
        };
        assert_eq!(s(0), "1970-01-01");
        assert_eq!(s(20_727), "2026-10-01"); // 56 years: 14 leap days; 56×365+14 = 20,454; + 273 (Jan–Sep 2026)
        assert_eq!(s(-1), "1969-12-31");
        assert_eq!(s(11_016), "2000-02-29");
    }
}
