//! Results → chart inputs: which charts a scenario gets and what goes in them.
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

/// Monthly cost of an evaluation per component, exact, in the book's component order;
/// components that cost nothing are left out.
pub fn cost_by_component(e: &Evaluation) -> Vec<(String, Decimal)> {
    let mut sums: Vec<(String, Decimal)> = Vec::new();
    for l in &e.lines {
        match sums.iter_mut().find(|(c, _)| *c == l.component) {
            Some((_, v)) => *v = v.saturating_add(l.monthly),
            None => sums.push((l.component.clone(), l.monthly)),
        }
    }
    let rank = |c: &str| Component::parse(c).map_or(usize::MAX, |c| c as usize);
    sums.sort_by(|a, b| rank(&a.0).cmp(&rank(&b.0)).then(a.0.cmp(&b.0)));
    sums.retain(|(_, v)| !v.is_zero());
    sums
}

fn bar(name: &str, e: &Evaluation) -> BreakdownBar {
    BreakdownBar {
        name: name.to_string(),
        components: cost_by_component(e)
            .into_iter()
            .map(|(c, v)| CostComponent {
                name: component_label(&c).to_string(),
                usd: to_f64(v),
            })
            .collect(),
    }
}

/// Cost by component of an explicit scenario: one bar.
pub fn scenario_breakdown(e: &Evaluation) -> PlannedChart {
    PlannedChart {
        dir: e.scenario.clone(),
        stem: "cost-breakdown".into(),
        caption: format!(
            "Monthly cost of {} by price-book component (USD/month, {} h/month); the total is above the bar.",
            e.scenario, e.hours_per_month
        ),
        input: ChartInput::Breakdown(CostBreakdown {
            title: format!("{}: monthly cost by component", e.scenario),
            x_label: "Scenario".into(),
            y_label: "Cost (USD/month)".into(),
            bars: vec![bar(&e.scenario, e)],
        }),
    }
}

/// Cost by component of every priced design of a workload: one bar per design.
pub fn designs_breakdown(c: &Comparison) -> Option<PlannedChart> {
    let bars: Vec<BreakdownBar> = c
        .designs
        .iter()
        .filter_map(|a| a.ok().map(|e| bar(&a.plan.design, e)))
        .collect();
    if bars.is_empty() {
        return None;
    }
    let left_out: Vec<&str> = c
        .designs
        .iter()
        .filter(|a| a.ok().is_none())
        .map(|a| a.plan.design.as_str())
        .collect();
    let mut caption = format!(
        "Monthly cost of each design of {} by price-book component (USD/month, {} h/month); totals above the bars.",
        c.scenario, c.hours_per_month
    );
    if !left_out.is_empty() {
        caption.push_str(&format!(
            " Not priced (invalid or failed): {}.",
            left_out.join(", ")
        ));
    }
    Some(PlannedChart {
        dir: c.scenario.clone(),
        stem: "cost-breakdown".into(),
        caption,
        input: ChartInput::Breakdown(CostBreakdown {
            title: format!("{}: monthly cost by component", c.scenario),
            x_label: "Design".into(),
            y_label: "Cost (USD/month)".into(),
            bars,
        }),
    })
}

/// How a kind of limited unit is named on its load chart: (title part, y-axis label).
fn unit_words(limit: &str, unit: &str) -> (String, String) {
    let (what, per) = match limit {
        "interface_endpoint_eni" => ("load per interface endpoint ENI", "Load per ENI"),
        "gwlb_endpoint" => ("load per GWLB endpoint", "Load per endpoint"),
        "nat_gateway" => ("load per NAT gateway", "Load per NAT gateway"),
        "tgw_attachment_az" => ("load per TGW attachment and AZ", "Load per attachment-AZ"),
        "resolver_ip" => ("queries per Resolver IP", "Queries per IP"),
        _ => ("load per unit", "Load per unit"),
    };
    (what.to_string(), format!("{per} ({unit})"))
}

/// A block's name on a chart: its label (`s3 (20 spokes)`), or its id when it has none.
fn block_name(r: &CapacityRow) -> String {
    match r.resource.strip_prefix(&r.block).map(str::trim) {
        Some(label) if !label.is_empty() => label.to_string(),
        _ => r.resource.clone(),
    }
}

/// The AZ a block loses in the engine's AZ-loss case: the one holding the most of its
/// units (the first of them on a tie).
fn lost_az(rows: &[&CapacityRow]) -> usize {
    let mut best = 0;
    for (i, r) in rows.iter().enumerate() {
        if r.units > rows[best].units {
            best = i;
        }
    }
    best
}

/// Per-AZ load charts of one evaluation, one per kind of limited unit, with the limits of
/// the scenario's profile as the capacity rows carry them. A kind whose every load is
/// zero gets no chart.
pub fn load_charts(e: &Evaluation) -> Vec<PlannedChart> {
    let (name, profile, capacity, dir) = (&e.scenario, &e.limits, &e.capacity, &e.scenario);
    let mut limits: Vec<&str> = Vec::new();
    for r in capacity {
        if !limits.contains(&r.limit.as_str()) {
            limits.push(&r.limit);
        }
    }
    let mut out = Vec::new();
    for limit in limits {
        let rows: Vec<&CapacityRow> = capacity.iter().filter(|r| r.limit == limit).collect();
        let mut blocks: Vec<&str> = Vec::new();
        for r in &rows {
            if !blocks.contains(&r.resource.as_str()) {
                blocks.push(&r.resource);
            }
        }
        let resources: Vec<ResourceLoad> = blocks
            .iter()
            .map(|b| {
                let azs: Vec<&CapacityRow> =
                    rows.iter().copied().filter(|r| r.resource == *b).collect();
                let lost = lost_az(&azs);
                let units: Vec<u64> = azs.iter().map(|r| r.units).collect();
                let per_az = if units.iter().all(|u| *u == units[0]) && units[0] > 1 {
                    format!(": {} per AZ", units[0])
                } else {
                    String::new()
                };
                ResourceLoad {
                    name: format!("{}{per_az}", block_name(azs[0])),
                    azs: azs
                        .iter()
                        .enumerate()
                        .map(|(i, r)| AzLoad {
                            az: r.az.clone(),
                            normal_gbps: r.load,
                            az_lost_gbps: if i == lost { None } else { r.az_loss_load },
                        })
                        .collect(),
                }
            })
            .collect();
        // Nothing to see on a chart where every load is zero (the tables say so).
        let idle = rows
            .iter()
            .all(|r| r.load == 0.0 && r.az_loss_load.is_none_or(|l| l == 0.0));
        if idle {
            continue;
        }
        let first = rows[0];
        let (what, y_label) = unit_words(limit, &first.unit);
        out.push(PlannedChart {
            dir: dir.to_string(),
            stem: format!("load-{limit}"),
            caption: format!(
                "{} per AZ of each block of {name}, with all AZs up and with one AZ lost (each block loses the AZ holding most of its units; the survivors carry its whole load). Dashed lines: the limits of profile `{profile}`, {} {} sustained and {} {} burst; bars above a limit are red.",
                capitalise(&what),
                fmt_f(first.sustained),
                first.unit,
                fmt_f(first.burst),
                first.unit
            ),
            input: ChartInput::Load(EniLoad {
                title: format!("{name}: {what}"),
                y_label,
                sustained_limit_gbps: first.sustained,
                burst_limit_gbps: first.burst,
                resources,
                unit: first.unit.clone(),
            }),
        });
    }
    out
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// A limit or load for text: shortest form that reads back the same.
fn fmt_f(v: f64) -> String {
    format!("{v}")
}

/// The busiest unit of a Region (highest load as % of its sustained limit), if the Region
/// has a limited unit.
fn busiest<'a>(rows: &'a [CapacityRow], region: &str) -> Option<&'a CapacityRow> {
    rows.iter()
        .filter(|r| r.region == region && r.utilization_pct.is_finite())
        .fold(None, |best: Option<&CapacityRow>, r| match best {
            Some(b) if b.utilization_pct >= r.utilization_pct => Some(b),
            _ => Some(r),
        })
}

/// The busiest unit's load as % of its sustained limit (0 without a limited unit).
fn busiest_pct(rows: &[CapacityRow], region: &str) -> f64 {
    busiest(rows, region).map_or(0.0, |r| r.utilization_pct)
}

/// `us-east-1 1.000 Gbps per ENI of 10 (10.0 %)` for a caption.
fn busiest_words(rows: &[CapacityRow], region: &str) -> String {
    match busiest(rows, region) {
        Some(r) => format!(
            "{region} {:.3} of {} {} on {} ({:.1} %)",
            r.load,
            fmt_f(r.sustained),
            r.unit,
            block_name(r),
            r.utilization_pct
        ),
        None => format!("{region} no limited unit"),
    }
}

/// Failover charts of one design: for each Region that may be lost, every Region's
/// busiest unit before (the priced normal state) and after (the survivor carrying all the
/// traffic), as % of its sustained limit. `failed_over`: (lost Region, the survivor's
/// capacity rows), as [`crate::engine::capacity`] gives them.
pub fn failover_charts(
    normal: &Evaluation,
    regions: &[String],
    failed_over: &[(String, Vec<CapacityRow>)],
) -> Vec<PlannedChart> {
    let mut out = Vec::new();
    for (lost, rows) in failed_over {
        if normal.capacity.is_empty() && rows.is_empty() {
            continue;
        }
        let loads: Vec<RegionLoad> = regions
            .iter()
            .map(|r| RegionLoad {
                region: r.clone(),
                before: busiest_pct(&normal.capacity, r),
                after: if r == lost { 0.0 } else { busiest_pct(rows, r) },
                capacity: 100.0,
                failed: r == lost,
            })
            .collect();
        let before: Vec<String> = regions
            .iter()
            .map(|r| busiest_words(&normal.capacity, r))
            .collect();
        let after: Vec<String> = regions
            .iter()
            .filter(|r| *r != lost)
            .map(|r| busiest_words(rows, r))
            .collect();
        out.push(PlannedChart {
            dir: normal.scenario.clone(),
            stem: format!("failover-{lost}"),
            caption: format!(
                "{}: the busiest unit (ENI, NAT gateway, attachment-AZ, Resolver IP) of each Region before and after {lost} is lost, as % of its sustained limit (profile `{}`); 100 % is the sustained limit. After the failover the surviving Region carries all the traffic. Busiest unit per Region before: {}; after: {}.",
                normal.scenario,
                normal.limits,
                before.join("; "),
                after.join("; ")
            ),
            input: ChartInput::Failover(FailoverLoad {
                title: format!(
                    "{}: busiest unit per Region, before and after losing {lost}",
                    normal.scenario
                ),
                y_label: "Busiest unit (% of sustained limit)".into(),
                unit: "%".into(),
                regions: loads,
            }),
        });
    }
    out
}

/// Designs of a workload with their exact cost functions in one parameter; designs that
/// are not priced or whose function cannot be built are left out (with the reason).
fn cost_fns(
    s: &Scenario,
    c: &Comparison,
    param: Param,
    book: &PriceBook,
) -> (Vec<(String, CostFn)>, Vec<String>) {
    let mut fns = Vec::new();
    let mut skipped = Vec::new();
    for (choice, a) in names(s).iter().zip(&c.designs) {
        if a.ok().is_none() {
            continue;
        }
        match breakeven::cost_fn(s, choice, param, book) {
            Ok(f) => fns.push((a.plan.design.clone(), f)),
            Err(e) => skipped.push(format!("{}: {}", a.plan.design, e)),
        }
    }
    (fns, skipped)
}

/// One break-even between two cost functions, in chart units.
struct Cross {
    x: Decimal,
    cost: Decimal,
    a: String,
    b: String,
}

/// Every crossing of every pair over `[lo, ∞)`, exact (from [`breakeven::solve`]), with
/// the parameter mapped by `to_x`.
fn crossings(
    fns: &[(String, CostFn)],
    lo: Decimal,
    to_x: impl Fn(&breakeven::Crossing) -> Decimal,
) -> Vec<Cross> {
    let mut out = Vec::new();
    for i in 0..fns.len() {
        for j in i + 1..fns.len() {
            let be = breakeven::solve(&fns[i].1, &fns[j].1, lo, None);
            for x in &be.crossings {
                out.push(Cross {
                    x: to_x(x),
                    cost: fns[i].1.value(x.at),
                    a: fns[i].0.clone(),
                    b: fns[j].0.clone(),
                });
            }
        }
    }
    out.sort_by_key(|p| p.x);
    out
}

/// `10^k` as a decimal, `None` out of range.
fn pow10(k: i32) -> Option<Decimal> {
    let mut v = Decimal::ONE;
    for _ in 0..k.unsigned_abs() {
        v = if k >= 0 {
            v.checked_mul(Decimal::TEN)?
        } else {
            v.checked_div(Decimal::TEN)?
        };
    }
    Some(v)
}

/// Log-scale samples per decade on the traffic curve (values at every sample are exact).
const PER_DECADE: i32 = 12;
/// The traffic curve spans at least this many decades either side of the workload.
const TRAFFIC_DECADES: i32 = 2;
/// Break-evens within this many decades of the workload widen the traffic range.
const TRAFFIC_REACH: i32 = 4;

/// End a cost-curve caption with what the chart leaves out: the `beyond` break-evens
/// outside the range drawn (they are in the table) and the designs in `skipped` whose
/// cost function could not be built.
fn note_left_out(caption: &mut String, beyond: usize, skipped: &[String]) {
    if beyond > 0 {
        caption.push_str(&format!(
            " {beyond} break-even(s) outside the range drawn are in the table."
        ));
    }
    if !skipped.is_empty() {
        caption.push_str(&format!(" Left out: {}.", skipped.join("; ")));
    }
}

/// Cost against the workload's traffic (GB/month, log scales), one line per design, the
/// exact break-evens marked. `None` when the workload has no traffic or no design is
/// priced.
pub fn traffic_curve(s: &Scenario, c: &Comparison, book: &PriceBook) -> Option<PlannedChart> {
    let t = c.traffic_gb;
    if t <= Decimal::ZERO || s.workload.is_none() {
        return None;
    }
    let (fns, skipped) = cost_fns(s, c, Param::Traffic, book);
    if fns.is_empty() {
        return None;
    }
    let gb = |m: Decimal| m.checked_mul(t).unwrap_or(Decimal::MAX);
    let all = crossings(&fns, Decimal::ZERO, |x| {
        x.num
            .checked_mul(t)
            .and_then(|n| n.checked_div(x.den))
            .unwrap_or_else(|| gb(x.at))
    });
    // Range: whole decades around the workload, widened to break-evens within reach.
    let decade = |v: Decimal| -> i32 { to_f64(v).log10().floor() as i32 };
    let home = decade(t);
    let home_top = to_f64(t).log10().ceil() as i32;
    let (mut lo, mut hi) = (home - TRAFFIC_DECADES, home_top + TRAFFIC_DECADES);
    for x in &all {
        if x.x > Decimal::ZERO {
            let d = decade(x.x);
            if d >= home - TRAFFIC_REACH && d < home + TRAFFIC_REACH {
                lo = lo.min(d);
                hi = hi.max(d + 1);
            }
        }
    }
    // Never past the top of a closed tier ladder (the engine would refuse the volume).
    let top = fns.iter().filter_map(|(_, f)| f.hi()).min().map(gb);
    let (Some(lo_gb), Some(mut hi_gb)) = (pow10(lo), pow10(hi)) else {
        return None;
    };
    if let Some(top) = top {
        hi_gb = hi_gb.min(top);
    }
    if hi_gb <= lo_gb {
        return None;
    }
    // Sample multipliers: log-spaced, plus every breakpoint and break-even (exact x).
    let mut xs: Vec<Decimal> = Vec::new();
    for k in lo * PER_DECADE..=hi * PER_DECADE {
        let v = 10f64.powf(f64::from(k) / f64::from(PER_DECADE));
        if let Some(d) = Decimal::from_f64(v) {
            let d = d.round_sf(6).unwrap_or(d);
            if d >= lo_gb && d <= hi_gb {
                xs.push(d);
            }
        }
    }
    xs.push(lo_gb);
    xs.push(hi_gb);
    for (_, f) in &fns {
        xs.extend(f.breakpoints().into_iter().map(gb));
    }
    let shown: Vec<&Cross> = all
        .iter()
        .filter(|x| x.x >= lo_gb && x.x <= hi_gb)
        .collect();
    xs.extend(shown.iter().map(|x| x.x));
    xs.retain(|x| *x >= lo_gb && *x <= hi_gb);
    xs.sort();
    xs.dedup();
    let series: Vec<Series> = fns
        .iter()
        .map(|(name, f)| Series {
            name: name.clone(),
            points: xs
                .iter()
                .filter_map(|x| Some((*x, x.checked_div(t)?)))
                .map(|(x, m)| (to_f64(x), to_f64(f.value(m))))
                .collect(),
        })
        .collect();
    let log_y = series.iter().all(|s| s.points.iter().all(|p| p.1 > 0.0));
    let break_evens = shown
        .iter()
        .map(|x| BreakEven {
            x: to_f64(x.x),
            cost_usd: to_f64(x.cost),
            label: Some(format!(
                "{} = {}: {} GB",
                x.a,
                x.b,
                group(fine(x.x).round_dp(0))
            )),
        })
        .collect();
    let mut caption = format!(
        "Monthly cost of each design of {} as its traffic is scaled (all of it together; 1 GB = 2^30 bytes), from each design's exact piecewise-linear cost function; the workload as written has {} GB/month. Dots: exact break-evens (see the break-even table).",
        c.scenario,
        fmt_qty(t)
    );
    note_left_out(&mut caption, all.len() - shown.len(), &skipped);
    Some(PlannedChart {
        dir: c.scenario.clone(),
        stem: "cost-vs-traffic".into(),
        caption,
        input: ChartInput::Curve(CostCurve {
            title: format!("{}: monthly cost vs traffic", c.scenario),
            x_label: format!(
                "Traffic (GB/month, log scale; workload: {} GB)",
                group(t.round_dp(0))
            ),
            x_unit: "GB".into(),
            y_label: if log_y {
                "Cost (USD/month, log scale)".into()
            } else {
                "Cost (USD/month)".into()
            },
            series,
            break_evens,
            log_x: true,
            log_y,
            point_markers: false,
        }),
    })
}

/// Cost against the spoke count (traffic per spoke fixed), one line per design, the exact
/// break-evens marked. `None` without a workload or a priced design.
pub fn spokes_curve(s: &Scenario, c: &Comparison, book: &PriceBook) -> Option<PlannedChart> {
    let w = s.workload.as_ref()?;
    let (fns, skipped) = cost_fns(s, c, Param::Spokes, book);
    if fns.is_empty() {
        return None;
    }
    let n = w.spokes.max(1);
    let all = crossings(&fns, Decimal::ONE, |x| x.at);
    // Range: 1 to twice the workload (at least 10), widened to break-evens up to 10×.
    let reach = Decimal::from(n.saturating_mul(10).max(50));
    let mut hi = Decimal::from(n.saturating_mul(2).max(10));
    for x in &all {
        if x.x <= reach {
            hi = hi.max((x.x * Decimal::new(125, 2)).ceil());
        }
    }
    if let Some(top) = fns.iter().filter_map(|(_, f)| f.hi()).min() {
        hi = hi.min(top.floor());
    }
    let lo = Decimal::ONE;
    if hi <= lo {
        return None;
    }
    // The lines are straight between breakpoints: the ends, the breakpoints and the
    // break-evens are all the points they need, each exact.
    let mut xs: Vec<Decimal> = vec![lo, hi];
    for (_, f) in &fns {
        xs.extend(f.breakpoints());
    }
    let shown: Vec<&Cross> = all.iter().filter(|x| x.x >= lo && x.x <= hi).collect();
    xs.extend(shown.iter().map(|x| x.x));
    xs.retain(|x| *x >= lo && *x <= hi);
    xs.sort();
    xs.dedup();
    let series: Vec<Series> = fns
        .iter()
        .map(|(name, f)| Series {
            name: name.clone(),
            points: xs
                .iter()
                .map(|x| (to_f64(*x), to_f64(f.value(*x))))
                .collect(),
        })
        .collect();
    let break_evens = shown
        .iter()
        .map(|x| BreakEven {
            x: to_f64(x.x),
            cost_usd: to_f64(x.cost),
            label: Some(format!(
                "{} = {}: {} spokes",
                x.a,
                x.b,
                fmt_qty(x.x.round_dp(2))
            )),
        })
        .collect();
    let mut caption = format!(
        "Monthly cost of each design of {} against the number of spoke VPCs (traffic per spoke as written), from each design's exact piecewise-linear cost function; the workload as written has {n} spoke(s). Dots: exact break-evens; a design is cheaper from the next whole spoke count.",
        c.scenario
    );
    note_left_out(&mut caption, all.len() - shown.len(), &skipped);
    Some(PlannedChart {
        dir: c.scenario.clone(),
        stem: "cost-vs-spokes".into(),
        caption,
        input: ChartInput::Curve(CostCurve {
            title: format!("{}: monthly cost vs spoke VPCs", c.scenario),
            x_label: format!("Spoke VPCs (workload: {n})"),
            x_unit: "spokes".into(),
            y_label: "Cost (USD/month)".into(),
            series,
            break_evens,
            log_x: false,
            log_y: false,
            point_markers: false,
        }),
    })
}

/// A whole number with thousands separators (`59,130`).
fn group(d: Decimal) -> String {
    let s = d.normalize().to_string();
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i.to_string(), Some(f.to_string())),
        None => (s, None),
    };
    let (sign, digits) = match int.strip_prefix('-') {
        Some(d) => ("-", d.to_string()),
        None => ("", int),
    };
    let out = crate::money::group_digits(&digits);
    match frac {
        Some(f) => format!("{sign}{out}.{f}"),
        None => format!("{sign}{out}"),
    }
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
mod tests {
    use super::*;
    use crate::designs::compare::comparison;
    use crate::engine::evaluate;
    use crate::scenario::parse_scenario;
    use rust_decimal_macros::dec;

    fn book() -> PriceBook {
        PriceBook::builtin().expect("built-in book")
    }

    fn ecr(book: &PriceBook) -> (Scenario, Comparison) {
        let s = parse_scenario(
            "ecr-s3-spokes.toml",
            include_str!("../../scenarios/ecr-s3-spokes.toml"),
            book,
        )
        .expect("parses");
        let c = comparison(&s, book);
        (s, c)
    }

    fn curve(p: &PlannedChart) -> &CostCurve {
        match &p.input {
            ChartInput::Curve(c) => c,
            other => panic!("not a curve: {other:?}"),
        }
    }

    #[test]
    fn traffic_curve_is_exact_at_every_point_and_marks_solved_break_evens() {
        let book = book();
        let (s, c) = ecr(&book);
        let p = traffic_curve(&s, &c, &book).expect("a curve");
        assert_eq!(
            (p.dir.as_str(), p.stem.as_str()),
            ("ecr-s3-spokes", "cost-vs-traffic")
        );
        let cc = curve(&p);
        assert!(cc.log_x && cc.log_y);
        let names: Vec<&str> = cc.series.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "nat",
                "distributed",
                "centralized",
                "gateway-where-possible"
            ]
        );
        let t = dec!(10000);
        for (series, choice) in cc.series.iter().zip(names_of(&s)) {
            let f = breakeven::cost_fn(&s, &choice, Param::Traffic, &book).unwrap();
            // The range is whole decades around the workload: 100 to 1,000,000 GB.
            assert_eq!(series.points.first().unwrap().0, 100.0);
            assert_eq!(series.points.last().unwrap().0, 1_000_000.0);
            for &(x, y) in &series.points {
                let xd = Decimal::from_f64(x).unwrap();
                let exact = to_f64(f.value(xd / t));
                assert!(
                    (y - exact).abs() <= exact.abs() * 1e-12,
                    "{x}: {y} vs {exact}"
                );
            }
            // The workload as written is a point of the line, at the engine's figure.
            let at = series
                .points
                .iter()
                .find(|p| p.0 == 10_000.0)
                .expect("x = T");
            let e = c
                .designs
                .iter()
                .find(|a| a.plan.design == series.name)
                .unwrap();
            assert_eq!(at.1, to_f64(e.ok().unwrap().monthly));
        }
        // The break-evens of breakeven.csv, at both lines' common cost.
        let xs: Vec<f64> = cc.break_evens.iter().map(|b| b.x).collect();
        for want in [
            5972.727272727272,
            18771.428571428572,
            34366.153846153844,
            59130.0,
        ] {
            assert!(
                xs.iter().any(|x| (x - want).abs() < 1e-6),
                "{want} in {xs:?}"
            );
        }
        let b = cc
            .break_evens
            .iter()
            .find(|b| b.x == 59130.0)
            .expect("distributed = centralized");
        assert_eq!(
            b.label.as_deref(),
            Some("distributed = centralized: 59,130 GB")
        );
        // distributed: 2,628 + 0.01·T at T = 59,130.
        assert!((b.cost_usd - 3219.30).abs() < 1e-9, "{}", b.cost_usd);
    }

    fn names_of(s: &Scenario) -> Vec<Option<crate::scenario::DesignChoice>> {
        names(s)
    }

    #[test]
    fn spokes_curve_has_straight_exact_lines_and_break_evens() {
        let book = book();
        let (s, c) = ecr(&book);
        let p = spokes_curve(&s, &c, &book).expect("a curve");
        let cc = curve(&p);
        assert!(!cc.log_x && !cc.log_y && !cc.point_markers);
        // 1 to twice the workload; lines given by their ends, breakpoints and crossings.
        for series in &cc.series {
            assert_eq!(series.points.first().unwrap().0, 1.0);
            assert_eq!(series.points.last().unwrap().0, 40.0);
            assert!(series.points.len() <= 2 + cc.break_evens.len() + 4);
        }
        let dist = &cc.series[1];
        // distributed: 136.40 per spoke (README's worked comparison).
        assert!((dist.points.last().unwrap().1 - 136.40 * 40.0).abs() < 1e-9);
        let b = cc
            .break_evens
            .iter()
            .find(|b| (b.x - 8.426383981154299).abs() < 1e-12)
            .expect("distributed = centralized");
        assert_eq!(
            b.label.as_deref(),
            Some("distributed = centralized: 8.43 spokes")
        );
        assert!((b.cost_usd - 136.40 * b.x).abs() < 1e-6);
    }

    #[test]
    fn no_traffic_no_traffic_curve() {
        let book = book();
        let s = parse_scenario(
            "c.toml",
            include_str!("../../scenarios/console-private-access-workload.toml"),
            &book,
        )
        .unwrap();
        let c = comparison(&s, &book);
        assert!(traffic_curve(&s, &c, &book).is_none());
        assert!(spokes_curve(&s, &c, &book).is_some());
    }

    const BUSY: &str = r#"
name = "busy"
region = "us-east-1"
limits = "current"

[[interface_endpoint]]
name = "s3"
service = "s3"
azs = ["use1-az1", "use1-az2", "use1-az4"]
count = 2
gb_per_month = 1000
peak_gbps = 66

[[nat_gateway]]
count = 2
azs = 2
gb_per_month = 10
peak_gbps = 1
"#;

    #[test]
    fn load_charts_use_the_scenarios_profile_and_mark_the_lost_az() {
        let book = book();
        let s = parse_scenario("busy.toml", BUSY, &book).unwrap();
        let e = evaluate(&s, &book).unwrap();
        let charts = load_charts(&e);
        let stems: Vec<&str> = charts.iter().map(|c| c.stem.as_str()).collect();
        assert_eq!(stems, ["load-interface_endpoint_eni", "load-nat_gateway"]);
        let ChartInput::Load(l) = &charts[0].input else {
            panic!()
        };
        // Profile `current`: interface endpoint ENIs 10 Gbps sustained, 100 burst.
        assert_eq!((l.sustained_limit_gbps, l.burst_limit_gbps), (10.0, 100.0));
        assert_eq!(l.unit, "Gbps");
        assert_eq!(l.resources.len(), 1);
        let r = &l.resources[0];
        assert_eq!(r.name, "s3: 2 per AZ");
        // 66 Gbps over 6 ENIs = 11 each; losing one AZ leaves 4 ENIs: 16.5 each.
        assert_eq!(r.azs.len(), 3);
        assert!((r.azs[0].normal_gbps - 11.0).abs() < 1e-12);
        assert_eq!(r.azs[0].az_lost_gbps, None, "the first AZ is the one lost");
        assert!((r.azs[1].az_lost_gbps.unwrap() - 16.5).abs() < 1e-12);
        assert!(
            charts[0]
                .caption
                .contains("profile `current`, 10 Gbps sustained and 100 Gbps burst")
        );
        let ChartInput::Load(n) = &charts[1].input else {
            panic!()
        };
        assert_eq!((n.sustained_limit_gbps, n.burst_limit_gbps), (5.0, 100.0));
    }

    #[test]
    fn cost_by_component_is_exact_and_in_book_order() {
        let book = book();
        let s = parse_scenario("busy.toml", BUSY, &book).unwrap();
        let e = evaluate(&s, &book).unwrap();
        let parts = cost_by_component(&e);
        let total = parts.iter().fold(Decimal::ZERO, |a, (_, v)| a + v);
        assert_eq!(total, e.monthly);
        let ids: Vec<&str> = parts.iter().map(|p| p.0.as_str()).collect();
        assert_eq!(
            ids,
            [
                "interface_endpoint_hour",
                "interface_endpoint_gb",
                "nat_gateway_hour",
                "nat_gateway_gb"
            ]
        );
        let p = scenario_breakdown(&e);
        let ChartInput::Breakdown(b) = &p.input else {
            panic!()
        };
        assert_eq!(b.bars.len(), 1);
        assert_eq!(b.bars[0].components[0].name, "Interface endpoint hours");
    }

    #[test]
    fn failover_chart_shows_the_busiest_unit_before_and_after() {
        let book = book();
        let s = parse_scenario(
            "p.toml",
            include_str!("../../scenarios/global-payments-failover-workload.toml"),
            &book,
        )
        .unwrap();
        let c = comparison(&s, &book);
        let charts = comparison_charts(&s, &c, &book);
        let fo: Vec<&PlannedChart> = charts
            .iter()
            .filter(|p| p.stem.starts_with("failover-"))
            .collect();
        assert_eq!(fo.len(), 1);
        assert_eq!(fo[0].dir, "global-payments-failover-workload/distributed");
        let ChartInput::Failover(f) = &fo[0].input else {
            panic!()
        };
        let r: Vec<(&str, f64, f64, bool)> = f
            .regions
            .iter()
            .map(|r| (r.region.as_str(), r.before, r.after, r.failed))
            .collect();
        // 2 Gbps over 2 ENIs = 1 Gbps = 10 % of 10 Gbps, in us-east-1 before and us-west-2
        // after.
        assert_eq!(
            r,
            [
                ("us-east-1", 10.0, 0.0, true),
                ("us-west-2", 0.0, 10.0, false)
            ]
        );
        assert!(f.regions.iter().all(|r| r.capacity == 100.0));
    }

    #[test]
    fn groups_thousands() {
        assert_eq!(group(dec!(59130)), "59,130");
        assert_eq!(group(dec!(1234567.5)), "1,234,567.5");
        assert_eq!(group(dec!(-1000)), "-1,000");
        assert_eq!(group(dec!(12)), "12");
    }
}
