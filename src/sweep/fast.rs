//! Binding a sweep's fast axes to a compiled [`Program`]: per point only the few numbers
//! the axes touch change (a block's GB, count, peak... or the hours), so each point is a
//! patch of the program's block numbers and an evaluation with no parsing and no
//! allocation.
//!
//! The property tests in `tests/sweep.rs` compare this path with the engine on random
//! scenarios and axes: the exact figures of every point (money to the last decimal,
//! capacity to the last bit) and the CSV rows.

use super::apply::{Field, Target, float_of};
pub use crate::program::{Fallback, Figures, Outcome, Program, Scratch};
use crate::scenario::Scenario;
use rust_decimal::Decimal;

/// One fast key's binding: which blocks it patches, and how.
#[derive(Debug, Clone)]
pub struct Binding {
    /// Index of the point's value this key takes.
    pub slot: usize,
    pub field: Field,
    pub hours: bool,
    pub resources: Vec<usize>,
}

impl Binding {
    pub fn new(slot: usize, target: &Target, field: Field, s: &Scenario) -> Binding {
        Binding {
            slot,
            field,
            hours: matches!(target, Target::Hours),
            resources: target.resources(s),
        }
    }
}

/// A value of a fast axis, in every form a key may need.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Num {
    pub dec: Decimal,
    pub float: f64,
    pub whole: u64,
}

impl Num {
    pub fn new(d: Decimal) -> Num {
        let dec = d.normalize();
        Num {
            dec,
            float: float_of(dec),
            whole: u64::try_from(dec).unwrap_or(0),
        }
    }
}

/// Which blocks the bindings change, and whether they change the hours: what
/// [`Program::fold`] may not fold.
pub fn varying(p: &Program, bindings: &[Binding]) -> (Vec<bool>, bool) {
    let mut var = vec![false; p.base().len()];
    for b in bindings {
        for &i in &b.resources {
            var[i] = true;
        }
    }
    (var, bindings.iter().any(|b| b.hours))
}

/// Evaluate one point: binding `b` takes `values[b.slot]`. USD per GB is over
/// `traffic_gb` when given (a design: the workload's GB), else over the processed GB.
pub fn eval(
    p: &Program,
    scratch: &mut Scratch,
    bindings: &[Binding],
    values: &[Num],
    traffic_gb: Option<Decimal>,
) -> Result<Outcome, Fallback> {
    let mut hours = p.hours();
    scratch.load(p);
    for b in bindings {
        let v = &values[b.slot];
        if b.hours {
            hours = u32::try_from(v.whole).map_err(|_| Fallback)?;
            continue;
        }
        for &i in &b.resources {
            b.field.set(&mut scratch.nums[i], v.dec, v.float, v.whole);
        }
    }
    p.eval_nums(scratch, hours, traffic_gb)
}

/// Evaluate a point and return, for each ladder, its total quantity and the quantities
/// where its price changes. `None` when the point is not valid.
pub fn ladder_totals(
    p: &Program,
    scratch: &mut Scratch,
    bindings: &[Binding],
    values: &[Num],
) -> Option<(Vec<Decimal>, Vec<Vec<Decimal>>)> {
    match eval(p, scratch, bindings, values, None) {
        Ok(Outcome::Valid(_)) => Some(p.ladder_totals(scratch)),
        _ => None,
    }
}
