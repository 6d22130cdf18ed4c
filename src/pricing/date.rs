//! Calendar days for the book's age: `YYYY-MM-DD` dates, today's date (UTC), and the
//! days between two dates. No time zones, no clock beyond the system's.

/// A book older than this many days gets a warning (`--max-book-age`,
/// `VPCEPLAN_MAX_BOOK_AGE`; 0 turns the warning off).
pub const DEFAULT_MAX_BOOK_AGE_DAYS: i64 = 180;

/// Days since 1970-01-01 of a `YYYY-MM-DD` date; `None` unless it is one.
pub fn parse(s: &str) -> Option<i64> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<i64> {
        let t = s.get(r)?;
        t.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| t.parse().ok())?
    };
    let (y, m, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    if !(1..=12).contains(&m) || d < 1 || d > days_in_month(y, m) {
        return None;
    }
    Some(days_from_civil(y, m, d))
}

fn days_in_month(y: i64, m: i64) -> i64 {
    match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 (proleptic Gregorian; H. Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

/// Today's date (UTC) as `YYYY-MM-DD`. `VPCEPLAN_TODAY=YYYY-MM-DD` overrides the clock
/// (for tests and reproducible runs).
pub fn today() -> String {
    if let Ok(t) = std::env::var("VPCEPLAN_TODAY")
        && parse(&t).is_some()
    {
        return t;
    }
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let (y, m, d) = civil_from_days((secs / 86_400) as i64);
    format!("{y:04}-{m:02}-{d:02}")
}

/// Days from `from` to `to` (negative when `to` is earlier); `None` unless both are dates.
pub fn days_between(from: &str, to: &str) -> Option<i64> {
    Some(parse(to)? - parse(from)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_round_trip_and_count_days() {
        assert_eq!(parse("1970-01-01"), Some(0));
        assert_eq!(parse("2000-03-01"), Some(11_017));
        // 2024 is a leap year: 2024-02-28 → 2024-03-01 is 2 days
        assert_eq!(days_between("2024-02-28", "2024-03-01"), Some(2));
        // 2026-11-30 → 2027-05-29: 1 (to Dec 1) + 31 + 31 + 28 + 31 + 30 (to May 1) + 28 = 180 days
        assert_eq!(days_between("2026-11-30", "2027-05-29"), Some(180));
        assert_eq!(parse("2026-02-29"), None);
        assert_eq!(parse("2026-13-01"), None);
        assert_eq!(parse("26-1-1"), None);
        for z in [0, 11_017, 20_000, 20_788, -1] {
            let (y, m, d) = civil_from_days(z);
            assert_eq!(parse(&format!("{y:04}-{m:02}-{d:02}")), Some(z));
        }
        assert!(parse(&today()).is_some());
    }
}
