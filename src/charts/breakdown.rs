//! Cost breakdown: monthly cost by component as stacked bars, one bar per
//! design (or scenario).

use plotters::coord::Shift;
use plotters::prelude::*;

use super::format::{Scale, fmt_usd_axis, fmt_usd_scaled};
use super::layout::{
    AXIS_SIZE, Alert, BAR_MARGIN_LEFT, BAR_MARGIN_RIGHT, INK, LegendEntry, NOTE_SIZE,
    PLOTTABLE_MAX, PxRect, Swatch, TICK_SIZE, area_rect, axis_descs, bar_chart, bold_style,
    draw_bar, draw_legend, draw_no_data, draw_text_centered, fit_labels, frame, legend_width,
    linear_range, measure, palette, plottable, text_style,
};
use super::{Chart, Result, render};

/// One cost component of one design, e.g. `Interface endpoint hours`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CostComponent {
    /// Component name, shown in the legend. Components with the same name
    /// in different bars share a colour.
    pub name: String,
    /// Monthly cost in USD. Negative values (credits) stack below zero;
    /// NaN/infinite values are skipped.
    pub usd: f64,
}

/// One stacked bar: a design or scenario and its cost components.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct BreakdownBar {
    /// Design name, shown under the bar (wrapped when long).
    pub name: String,
    /// Components, stacked bottom to top in the order of first appearance
    /// across all bars.
    pub components: Vec<CostComponent>,
}

/// Input for [`cost_breakdown`].
#[derive(Debug, Clone, PartialEq)]
pub struct CostBreakdown {
    /// Chart title.
    pub title: String,
    /// X axis description; defaults to `Design`.
    pub x_label: String,
    /// Y axis description with its unit; defaults to `Cost (USD/month)`.
    pub y_label: String,
    /// One bar per design.
    pub bars: Vec<BreakdownBar>,
}

impl Default for CostBreakdown {
    fn default() -> Self {
        CostBreakdown {
            title: "Monthly cost by component".to_string(),
            x_label: "Design".to_string(),
            y_label: "Cost (USD/month)".to_string(),
            bars: Vec::new(),
        }
    }
}

/// Render a stacked bar chart of monthly cost by component, one bar per
/// design, with the total above each bar. Returns `(svg, png)`.
pub fn cost_breakdown(breakdown: &CostBreakdown) -> Result<(String, Vec<u8>)> {
    render(breakdown)
}

/// Y-axis label area width, pixels.
const Y_AREA: i32 = 104;
/// Names under bars wrap to at most this many lines.
const NAME_LINES: usize = 4;

impl CostBreakdown {
    /// Distinct component names in order of first appearance.
    fn component_names(&self) -> Vec<&str> {
        let mut names: Vec<&str> = Vec::new();
        for bar in &self.bars {
            for c in &bar.components {
                if !names.contains(&c.name.as_str()) {
                    names.push(&c.name);
                }
            }
        }
        names
    }
}

/// A bar segment: component index and value range `[from, to]` in USD.
struct Segment {
    component: usize,
    from: f64,
    to: f64,
}

/// Stack one bar's components: positives up from zero, negatives down
/// (saturating at the plottable limit). Returns the segments and the
/// (bottom, top, total) of the stack.
fn stack(bar: &BreakdownBar, names: &[&str]) -> (Vec<Segment>, f64, f64, f64) {
    let (mut up, mut down) = (0.0, 0.0);
    let mut segments = Vec::new();
    for (idx, name) in names.iter().enumerate() {
        for c in bar.components.iter().filter(|c| c.name == *name) {
            if !plottable(c.usd) || c.usd == 0.0 {
                continue;
            }
            let (from, to) = if c.usd > 0.0 {
                let from = up;
                up = (up + c.usd).min(PLOTTABLE_MAX);
                (from, up)
            } else {
                let from = down;
                down = (down + c.usd).max(-PLOTTABLE_MAX);
                (from, down)
            };
            segments.push(Segment {
                component: idx,
                from,
                to,
            });
        }
    }
    (segments, down, up, up + down)
}

impl Chart for CostBreakdown {
    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<()> {
        let names = self.component_names();
        // Legend lists the top of the stack first, like the bars read.
        let entries: Vec<LegendEntry> = names
            .iter()
            .enumerate()
            .rev()
            .map(|(i, n)| {
                let label = if n.trim().is_empty() { "(unnamed)" } else { n };
                LegendEntry::new(label, Swatch::Fill(palette(i)))
            })
            .collect();
        let heading = "Component";
        let (plot_area, legend_rect) = frame(root, &self.title, legend_width(heading, &entries)?)?;
        draw_legend(root, legend_rect, heading, &entries)?;

        let stacks: Vec<_> = self.bars.iter().map(|b| stack(b, &names)).collect();
        let lo = stacks.iter().map(|s| s.1).fold(0.0, f64::min);
        let hi = stacks.iter().map(|s| s.2).fold(0.0, f64::max);
        let (mut lo, hi) = linear_range(lo, hi, true, 0.1);
        if lo < 0.0 {
            // Room under credits for their total.
            lo -= (hi - lo) * 0.06;
        }
        let n = self.bars.len().max(1);

        // Wrap names to the slot width to size the label area under the axis;
        // step the font down before cutting names short.
        let plot_w = area_rect(&plot_area).width() - Y_AREA - BAR_MARGIN_LEFT - BAR_MARGIN_RIGHT;
        let slot_w = plot_w / n as i32;
        let name_width = (slot_w - 8).max(20);
        let bar_names: Vec<(&str, i32)> = self
            .bars
            .iter()
            .map(|b| (b.name.as_str(), name_width))
            .collect();
        let (name_style, wrapped) = fit_labels(
            &bar_names,
            NAME_LINES,
            &[TICK_SIZE, TICK_SIZE - 1.0, TICK_SIZE - 2.0],
        )?;
        let line_h = measure(&name_style, "Ag")?.1 + 3;
        let max_lines = wrapped.iter().map(Vec::len).max().unwrap_or(1) as i32;
        let desc_h = measure(&text_style(AXIS_SIZE, INK), "Ag")?.1;
        let x_area = 12 + max_lines * line_h + 14 + desc_h + 6;

        let y_scale = Scale::for_magnitude(lo.abs().max(hi.abs()));
        let (x_desc, y_desc) = axis_descs(&plot_area, &self.x_label, &self.y_label)?;
        let chart = bar_chart(
            &plot_area,
            x_area,
            Y_AREA,
            n as f64,
            lo..hi,
            &x_desc,
            &y_desc,
            &|v| fmt_usd_scaled(*v, y_scale),
        )?;

        let plot = area_rect(chart.plotting_area());
        if self.bars.is_empty() {
            draw_no_data(root, plot, "No designs to compare")?;
            return Ok(());
        }

        let total_style = bold_style(NOTE_SIZE, INK);
        for (i, ((segments, bottom, top, total), lines)) in stacks.iter().zip(&wrapped).enumerate()
        {
            let center = i as f64 + 0.5;
            let cx = chart.backend_coord(&(center, 0.0)).0;
            let half = ((slot_w as f64 * 0.6 / 2.0) as i32).clamp(3, 55);
            for seg in segments {
                let (_, y_from) = chart.backend_coord(&(center, seg.from.clamp(lo, hi)));
                let (_, y_to) = chart.backend_coord(&(center, seg.to.clamp(lo, hi)));
                let r = PxRect::new((cx - half, y_from), (cx + half, y_to));
                draw_bar(root, r, palette(seg.component), Alert::None)?;
                // Thin white separator between stacked segments.
                root.draw(&PathElement::new(
                    vec![(r.x0, y_to), (r.x1, y_to)],
                    WHITE.stroke_width(1),
                ))?;
            }
            if segments.is_empty() {
                let (_, y0) = chart.backend_coord(&(center, 0.0));
                root.draw(&PathElement::new(
                    vec![(cx - half, y0), (cx + half, y0)],
                    INK.stroke_width(2),
                ))?;
            }

            // Total above the stack (or below it when the bar is all credit).
            let total_text = fmt_usd_axis(*total);
            let (_, th) = measure(&total_style, &total_text)?;
            let ty = if *top > 0.0 || *bottom >= 0.0 {
                chart.backend_coord(&(center, top.clamp(lo, hi))).1 - th - 6
            } else {
                chart.backend_coord(&(center, bottom.clamp(lo, hi))).1 + 6
            };
            draw_text_centered(root, &total_text, &total_style, cx, ty)?;

            for (j, line) in lines.iter().enumerate() {
                draw_text_centered(
                    root,
                    line,
                    &name_style,
                    cx,
                    plot.y1 + 10 + j as i32 * line_h,
                )?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn comp(name: &str, usd: f64) -> CostComponent {
        CostComponent {
            name: name.to_string(),
            usd,
        }
    }

    #[test]
    fn components_keep_first_appearance_order() {
        let b = CostBreakdown {
            bars: vec![
                BreakdownBar {
                    name: "a".into(),
                    components: vec![comp("hours", 1.0), comp("data", 2.0)],
                },
                BreakdownBar {
                    name: "b".into(),
                    components: vec![comp("tgw", 1.0), comp("hours", 3.0)],
                },
            ],
            ..CostBreakdown::default()
        };
        assert_eq!(b.component_names(), vec!["hours", "data", "tgw"]);
    }

    #[test]
    fn stacking_splits_credits_and_skips_bad_values() {
        let names = ["a", "b", "c", "d"];
        let bar = BreakdownBar {
            name: "x".into(),
            components: vec![
                comp("b", 30.0),
                comp("a", 10.0),
                comp("c", -5.0),
                comp("d", f64::NAN),
            ],
        };
        let (segments, bottom, top, total) = stack(&bar, &names);
        assert_eq!(segments.len(), 3);
        // Stacked in legend order: a first, then b.
        assert_eq!(
            (segments[0].component, segments[0].from, segments[0].to),
            (0, 0.0, 10.0)
        );
        assert_eq!(
            (segments[1].component, segments[1].from, segments[1].to),
            (1, 10.0, 40.0)
        );
        assert_eq!(
            (segments[2].component, segments[2].from, segments[2].to),
            (2, 0.0, -5.0)
        );
        assert_eq!((bottom, top, total), (-5.0, 40.0, 35.0));
    }
}
