//! The keys of a sweep file's own tables, `[sweep]` and `[breakeven]`, declared once in
//! the form of [`crate::scenario::keys`]: the sweep parser reads them, and `vpceplan
//! schema sweep` turns them into `schemas/sweep.schema.json`. (The rest of a sweep file is
//! a scenario, described by the scenario key table.)

use crate::scenario::DesignKind;
use crate::scenario::keys::{Key, Ty};

const fn key(name: &'static str, ty: Ty, doc: &'static str) -> Key {
    Key {
        name,
        ty,
        required: false,
        default: None,
        doc,
    }
}

/// `designs` in `[sweep]`: the designs of a workload, as an axis (column `design`).
pub const DESIGNS: Key = key(
    "designs",
    Ty::Choices(DesignKind::NAMES),
    "Designs of the workload to sweep (column `design`); default: those of its [compare].",
);

/// `scenarios` in `[sweep]`: other scenario files, as an axis (column `scenario`).
pub const SCENARIOS: Key = key(
    "scenarios",
    Ty::Names,
    "Scenario files to sweep instead of a scenario in this file (paths relative to the sweep file; column `scenario`).",
);

/// The named axes of `[sweep]`; every other key of `[sweep]` is an axis over scenario keys.
pub const SWEEP_KEYS: &[Key] = &[DESIGNS, SCENARIOS];

/// An explicit list of values: `{ values = [...] }`.
pub const VALUES: &[&str] = &["values"];
/// An exact decimal range: `{ from = 0, to = 1, step = 0.1 }`.
pub const RANGE: &[&str] = &["from", "to", "step"];
/// A log range: `{ log_from = 1, log_to = 10000000, points = 60, digits = 3 }`.
pub const LOG_RANGE: &[&str] = &["log_from", "log_to", "points", "digits"];
/// Which scenario keys an axis sets, when not its own name.
pub const KEY_PATHS: &[&str] = &["key", "keys"];

/// Keys of an axis written as a table.
pub const AXIS_KEYS: &[Key] = &[
    key("values", Ty::List, "The values, as a list."),
    key(
        "from",
        Ty::Number,
        "First value of an exact decimal range (with `to` and `step`).",
    ),
    key(
        "to",
        Ty::Number,
        "Last value of the range (included when on the step).",
    ),
    key("step", Ty::Number, "Step of the range (above 0)."),
    key(
        "log_from",
        Ty::Number,
        "First value of a log range (with `log_to` and `points`).",
    ),
    key("log_to", Ty::Number, "Last value of the log range."),
    key(
        "points",
        Ty::Whole {
            min: 1,
            max: u32::MAX as u64,
        },
        "Number of values of the log range, evenly spaced in log scale.",
    ),
    Key {
        name: "digits",
        ty: Ty::Whole { min: 1, max: 28 },
        required: false,
        default: Some("3"),
        doc: "Significant digits each value of the log range is rounded to.",
    },
    key(
        "key",
        Ty::Text,
        "The scenario key the axis sets, e.g. \"nat_gateway[0].gb_per_month\" (default: the axis name).",
    ),
    key(
        "keys",
        Ty::Names,
        "Every scenario key the axis sets (each scenario gets the keys it has).",
    ),
];

/// Keys of `[breakeven]`.
pub const BREAKEVEN_KEYS: &[Key] = &[
    Key {
        name: "axis",
        ty: Ty::Text,
        required: true,
        default: None,
        doc: "The numeric sweep axis to solve along.",
    },
    key(
        "designs",
        Ty::TextPair,
        "The two designs (or scenarios) to compare (default: the two of a two-valued axis).",
    ),
];

/// Names of a list of keys.
pub fn names(keys: &[Key]) -> Vec<&'static str> {
    keys.iter().map(|k| k.name).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_axis_forms_are_the_axis_keys() {
        let mut forms: Vec<&str> = [VALUES, RANGE, LOG_RANGE, KEY_PATHS].concat();
        forms.sort_unstable();
        let mut keys = names(AXIS_KEYS);
        keys.sort_unstable();
        assert_eq!(forms, keys);
    }
}
