//! Cost against the workload's traffic and spoke count, one line per design from its
//! exact piecewise-linear cost function, the exact break-evens marked
//! (`cost-vs-traffic`, `cost-vs-spokes`).

use super::*;

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
pub(super) fn group(d: Decimal) -> String {
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
