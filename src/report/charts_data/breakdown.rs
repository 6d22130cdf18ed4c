//! Cost by component, stacked: one bar per priced design of a workload, or one bar for
//! an explicit scenario (`cost-breakdown`).

use super::*;

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
