//! What a sweep's charts run along (`sweep --charts`, `sweep merge --charts`): the axis
//! along x and the axes whose combinations make the charts, worked out from the sweep
//! here and handed to the renderer ([`crate::report::sweep_charts`]) as plain data.

use super::Sweep;
use super::file::AxisKind;

/// What to chart of a sweep: the axis along x and the axes whose combinations make the
/// charts.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartAxes {
    /// The sweep's name (titles).
    pub sweep: String,
    /// Column of the axis along x.
    pub axis: String,
    /// Logarithmic x (and y, when the costs span decades).
    pub log_x: bool,
    /// Columns of the other key axes, in `sweep.csv` order.
    pub others: Vec<String>,
    /// Number of their combinations.
    pub combos: u64,
    /// More than one scenario is swept (lines are named `scenario/design` where the two
    /// differ).
    pub multi_scenario: bool,
}

/// The axis a sweep's charts run along: the `[breakeven]` axis, else the numeric key axis
/// with the most values (the first of equals). `None` when no key axis is numeric with
/// two values or more.
pub fn chart_axes(sw: &Sweep) -> Option<ChartAxes> {
    let numeric = |i: usize| {
        let a = &sw.axes[i];
        a.kind == AxisKind::Keys && a.values.len() >= 2 && a.values.all_numeric()
    };
    let axis = match &sw.breakeven {
        Some(b) if numeric(b.axis) => b.axis,
        _ => {
            let mut best: Option<usize> = None;
            for i in 0..sw.axes.len() {
                if numeric(i)
                    && best.is_none_or(|b| sw.axes[i].values.len() > sw.axes[b].values.len())
                {
                    best = Some(i);
                }
            }
            best?
        }
    };
    let a = &sw.axes[axis];
    // A `from`/`to`/`step` range is linear by construction; lists (log ranges among
    // them) spanning two decades or more get a log axis.
    let log_x = !matches!(a.values, super::axis::Values::Range { .. })
        && a.values.bounds().is_some_and(|(lo, hi)| {
            lo > rust_decimal::Decimal::ZERO && hi >= lo * rust_decimal::Decimal::ONE_HUNDRED
        });
    let others: Vec<usize> = (0..sw.axes.len())
        .filter(|&i| i != axis && sw.axes[i].kind == AxisKind::Keys)
        .collect();
    Some(ChartAxes {
        sweep: sw.name.clone(),
        axis: a.name.clone(),
        log_x,
        others: others.iter().map(|&i| sw.axes[i].name.clone()).collect(),
        combos: others
            .iter()
            .map(|&i| sw.axes[i].values.len())
            .fold(1u64, u64::saturating_mul),
        multi_scenario: sw.base_scenarios.len() > 1,
    })
}
