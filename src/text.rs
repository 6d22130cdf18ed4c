//! Spreadsheet-safe text cells: what every CSV writer (reports, the price book, sweeps)
//! and reader (the price book, `sweep merge`, sweep charts) shares. A leaf: it imports
//! nothing of the crate.

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

#[cfg(test)]
mod tests {
    use super::*;

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
