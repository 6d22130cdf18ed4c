//! Text every layer shares: spreadsheet-safe cells, what every CSV writer (reports, the
//! price book, sweeps) and reader (the price book, `sweep merge`, sweep charts) uses; and
//! the nearest spelling of a misspelt name, for "did you mean" hints (scenario keys,
//! quota ids). A leaf: it imports nothing of the crate.

/// Neutralise a text cell against spreadsheet formula injection (OWASP): a text value
/// starting with `=`, `+`, `-`, `@`, tab or carriage return gets a leading `'`.
/// Numeric cells are written by the renderers as numbers and never pass through here.
///
/// ```
/// use vpceplan::text::text_cell;
/// assert_eq!(text_cell("=1+1"), "'=1+1");
/// assert_eq!(text_cell("-5 GB"), "'-5 GB");
/// assert_eq!(text_cell("console"), "console");
/// ```
pub fn text_cell(s: &str) -> String {
    if needs_neutralising(s) {
        format!("'{s}")
    } else {
        s.to_string()
    }
}

/// Whether [`text_cell`] would change `s`: it starts with a guarded character, or with
/// `'` before one (so that [`untext_cell`] gives back exactly what was written).
pub fn needs_neutralising(s: &str) -> bool {
    match s.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => true,
        Some('\'') => needs_neutralising(&s[1..]),
        _ => false,
    }
}

/// Undo [`text_cell`]: drop the `'` it added. Used where vpceplan reads back a CSV it
/// wrote (the price book); `untext_cell(&text_cell(s)) == s` for every `s`.
///
/// ```
/// use vpceplan::text::{text_cell, untext_cell};
/// assert_eq!(untext_cell(&text_cell("=1+1")), "=1+1");
/// assert_eq!(untext_cell(&text_cell("'=1+1")), "'=1+1");
/// assert_eq!(untext_cell("'quoted'"), "'quoted'");
/// ```
pub fn untext_cell(s: &str) -> &str {
    match s.strip_prefix('\'') {
        Some(rest) if needs_neutralising(rest) => rest,
        _ => s,
    }
}

/// The edit distance of two short strings, for "did you mean" hints.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != *cb);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// The known name nearest to `name`, when it is close enough to be a typo.
pub fn nearest<'a>(name: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    known
        .into_iter()
        .map(|k| (distance(name, k), k))
        .filter(|(d, k)| *d <= (k.len() / 3).max(1))
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_spelling() {
        assert_eq!(
            nearest("gb_per_mnth", ["gb_per_month", "peak_gbps"]),
            Some("gb_per_month")
        );
        assert_eq!(nearest("zzz", ["gb_per_month", "peak_gbps"]), None);
        assert_eq!(distance("kitten", "sitting"), 3);
    }

    #[test]
    fn every_guarded_first_character_is_neutralised() {
        for s in ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(text_cell(s), format!("'{s}"), "{s:?}");
            assert_eq!(untext_cell(&text_cell(s)), s);
        }
        for s in ["", "a=1", " =1", "'a", "'", "1-2", "console"] {
            assert_eq!(text_cell(s), s, "{s:?}");
        }
        // A text that looks neutralised already gets one more quote, so reading back is exact.
        assert_eq!(text_cell("'=1"), "''=1");
        for s in ["'=1", "''-", "'", "''", "'a"] {
            assert_eq!(untext_cell(&text_cell(s)), s, "{s:?}");
        }
    }
}
