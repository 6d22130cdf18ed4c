//! Results → chart inputs: which charts a scenario gets and what goes in them, one file
//! per kind of chart ([`breakdown`], [`load`], [`failover`], [`curves`]); this file holds
//! what they share (the chart types, component names, exact decimals to `f64`) and the
//! lists of charts a scenario gets.
//!
//! Pure functions: evaluations, comparisons and the designs' exact cost functions in,
//! [`crate::charts`] inputs out. Money stays an exact `Decimal` until here, where it is
//! converted to `f64` for drawing only; every figure a chart shows is also in a CSV.
//!
//! Charts per scenario (file stems in brackets):
//! - cost by component, stacked: one bar per valid design of a workload, or one bar for an
//!   explicit scenario [`cost-breakdown`];
//! - cost against the workload's traffic (GB/month, log scales) and spoke count, one line
//!   per design from its exact piecewise-linear cost function, break-evens from
//!   [`breakeven::solve`] marked [`cost-vs-traffic`, `cost-vs-spokes`];
//! - per-AZ load of each block against the sustained and burst limits of the scenario's
//!   limits profile, all AZs up and one AZ lost, one chart per kind of limited unit
//!   [`load-<limit>`, e.g. `load-interface_endpoint_eni`];
//! - for failover designs, the busiest unit of each Region before and after losing a
//!   Region, against its sustained limit [`failover-<lost Region>`].

use crate::charts::{
    self, AzLoad, BreakEven, BreakdownBar, CostBreakdown, CostComponent, CostCurve, EniLoad,
    FailoverLoad, RegionLoad, ResourceLoad, Series,
};
use crate::designs::breakeven::{self, CostFn, Param};
use crate::designs::compare::Comparison;
use crate::designs::{RegionLoss, names};
use crate::engine::{CapacityRow, Evaluation};
use crate::money::{fine, fmt_qty};
use crate::pricing::PriceBook;
use crate::rules::Component;
use crate::scenario::Scenario;
use rust_decimal::Decimal;
use rust_decimal::prelude::FromPrimitive;

mod breakdown;
mod curves;
mod failover;
mod load;

pub use breakdown::{cost_by_component, designs_breakdown, scenario_breakdown};
pub use curves::{spokes_curve, traffic_curve};
pub use failover::failover_charts;
pub use load::load_charts;

/// The input of one chart.
#[derive(Debug, Clone, PartialEq)]
pub enum ChartInput {
    Curve(CostCurve),
    Breakdown(CostBreakdown),
    Load(EniLoad),
    Failover(FailoverLoad),
}

impl ChartInput {
    /// Render as `(svg, png)`.
    pub fn render(&self) -> charts::Result<(String, Vec<u8>)> {
        match self {
            ChartInput::Curve(c) => charts::cost_curve(c),
            ChartInput::Breakdown(b) => charts::cost_breakdown(b),
            ChartInput::Load(l) => charts::eni_load(l),
            ChartInput::Failover(f) => charts::failover(f),
        }
    }

    /// The chart's title.
    pub fn title(&self) -> &str {
        match self {
            ChartInput::Curve(c) => &c.title,
            ChartInput::Breakdown(b) => &b.title,
            ChartInput::Load(l) => &l.title,
            ChartInput::Failover(f) => &f.title,
        }
    }
}

/// A chart to draw, and where it goes.
#[derive(Debug, Clone, PartialEq)]
pub struct PlannedChart {
    /// Folder relative to the report folder: the scenario's (`ecr-s3-spokes`) or a
    /// design's (`ecr-s3-spokes/nat`), where its CSVs are.
    pub dir: String,
    /// File name without extension (`cost-breakdown`...); `.svg` and `.png` are added.
    pub stem: String,
    /// What the chart shows and how to read it, in a sentence or two (plain text).
    pub caption: String,
    pub input: ChartInput,
}

impl PlannedChart {
    /// Path of the SVG relative to the report folder.
    pub fn svg_path(&self) -> String {
        self.path("svg")
    }

    /// Path of the PNG relative to the report folder.
    pub fn png_path(&self) -> String {
        self.path("png")
    }

    fn path(&self, ext: &str) -> String {
        if self.dir.is_empty() {
            format!("{}.{ext}", self.stem)
        } else {
            format!("{}/{}.{ext}", self.dir, self.stem)
        }
    }
}

/// A legend name for a price-book component.
pub fn component_label(id: &str) -> &str {
    Component::parse(id).map_or(id, |c| c.info().label)
}

/// The nearest `f64` to an exact decimal, whatever its scale (`Decimal::to_f64` can be
/// one unit in the last place off, differently for `1745.4` and `1745.4000`).
fn to_f64(d: Decimal) -> f64 {
    d.to_string().parse().unwrap_or(f64::NAN)
}

/// Every chart of a workload (or failover) scenario: the designs side by side (cost by
/// component, cost against traffic and spokes) in the scenario's folder, and each priced
/// design's load and failover charts in the design's folder.
pub fn comparison_charts(s: &Scenario, c: &Comparison, book: &PriceBook) -> Vec<PlannedChart> {
    let mut out = Vec::new();
    out.extend(designs_breakdown(c));
    out.extend(traffic_curve(s, c, book));
    out.extend(spokes_curve(s, c, book));
    let regions: Vec<String> = s
        .failover
        .as_ref()
        .map(|f| f.regions.to_vec())
        .unwrap_or_default();
    for a in &c.designs {
        let Some(e) = a.ok() else { continue };
        out.extend(load_charts(e));
        if matches!(a.plan.region_loss, RegionLoss::Check { .. }) {
            out.extend(failover_charts(
                e,
                &regions,
                &failed_over_rows(c, &a.plan.design, book),
            ));
        }
    }
    out
}

/// The failed-over states of one design, sized by the engine: (lost Region, rows).
/// States that cannot be sized are left out (the comparison reports them).
pub fn failed_over_rows(
    c: &Comparison,
    design: &str,
    book: &PriceBook,
) -> Vec<(String, Vec<CapacityRow>)> {
    let Some(a) = c.designs.iter().find(|a| a.plan.design == design) else {
        return Vec::new();
    };
    match &a.plan.region_loss {
        RegionLoss::Check { cases } => cases
            .iter()
            .filter_map(|(lost, sc)| Some((lost.clone(), crate::engine::capacity(sc, book).ok()?)))
            .collect(),
        _ => Vec::new(),
    }
}

/// Every chart of an explicit scenario: cost by component and its load charts.
pub fn evaluation_charts(e: &Evaluation) -> Vec<PlannedChart> {
    let mut out = vec![scenario_breakdown(e)];
    out.extend(load_charts(e));
    out
}

#[cfg(test)]
mod tests;
