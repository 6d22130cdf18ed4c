//! Failover: load per Region before and after a Region fails over, against
//! each Region's capacity.

use plotters::coord::Shift;
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;

use super::eni::alert_for;
use super::format::{fmt_quantity, fmt_quantity_label};
use super::layout::{
    ALERT, AXIS_SIZE, GRID, INK, LegendEntry, MUTED, NOTE_SIZE, PxRect, Swatch, TICK_SIZE,
    area_rect, draw_bar, draw_legend, draw_no_data, draw_text_centered, ellipsize, frame,
    legend_width, measure, text_style, wrap_text,
};
use super::{Chart, Result, render};

/// Load and capacity of one Region.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RegionLoad {
    /// Region name, e.g. `us-east-1`.
    pub region: String,
    /// Load before the failover, in the chart's unit.
    pub before: f64,
    /// Load after the failover, in the chart's unit.
    pub after: f64,
    /// Capacity in the chart's unit; a non-finite or negative value draws no
    /// capacity line.
    pub capacity: f64,
    /// This Region is the one that failed (its after-failover bar is replaced
    /// by a "failed" mark).
    pub failed: bool,
}

/// Input for [`failover`].
#[derive(Debug, Clone, PartialEq)]
pub struct FailoverLoad {
    /// Chart title.
    pub title: String,
    /// Y axis description with its unit; defaults to `Load (Gbps)`.
    pub y_label: String,
    /// Short unit for capacity labels; defaults to `Gbps`.
    pub unit: String,
    /// One group of bars per Region.
    pub regions: Vec<RegionLoad>,
}

impl Default for FailoverLoad {
    fn default() -> Self {
        FailoverLoad {
            title: "Load per Region before and after failover".to_string(),
            y_label: "Load (Gbps)".to_string(),
            unit: "Gbps".to_string(),
            regions: Vec::new(),
        }
    }
}

/// Render load per Region before and after failover as grouped bars with a
/// capacity line per Region; bars over capacity are hatched red.
/// Returns `(svg, png)`.
pub fn failover(load: &FailoverLoad) -> Result<(String, Vec<u8>)> {
    render(load)
}

const BEFORE: RGBColor = RGBColor(0x4E, 0x79, 0xA7);
const AFTER: RGBColor = RGBColor(0xF2, 0x8E, 0x2B);
const CAPACITY: RGBColor = RGBColor(0x22, 0x22, 0x22);
const NEUTRAL: RGBColor = RGBColor(0xCC, 0xCC, 0xCC);

const Y_AREA: i32 = 90;
/// Gap between Region groups, in group widths.
const GAP: f64 = 0.5;

fn finite_non_negative(v: f64) -> Option<f64> {
    (v.is_finite() && v >= 0.0).then_some(v)
}

impl Chart for FailoverLoad {
    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<()> {
        let entries = vec![
            LegendEntry::new("Before failover", Swatch::Fill(BEFORE)),
            LegendEntry::new("After failover", Swatch::Fill(AFTER)),
            LegendEntry::new("Capacity", Swatch::Line(CAPACITY)),
            LegendEntry::new(
                "Over capacity",
                Swatch::Hatched {
                    fill: NEUTRAL,
                    hatch: ALERT,
                },
            ),
        ];
        let heading = "Load";
        let (plot_area, legend_rect) = frame(root, &self.title, legend_width(heading, &entries)?)?;
        draw_legend(root, legend_rect, heading, &entries)?;

        let max = self
            .regions
            .iter()
            .flat_map(|r| [r.before, r.after, r.capacity])
            .filter_map(finite_non_negative)
            .fold(0.0, f64::max);
        let hi = if max > 0.0 { max * 1.12 } else { 1.0 };
        let n = self.regions.len();
        let total = (n as f64 * (1.0 + GAP)).max(1.0);

        let name_style = text_style(TICK_SIZE, INK);
        let cap_style = text_style(NOTE_SIZE - 1.0, MUTED);
        let line_h = measure(&name_style, "Ag")?.1 + 3;
        let cap_h = measure(&cap_style, "Ag")?.1;
        let desc_h = measure(&text_style(AXIS_SIZE, INK), "Ag")?.1;
        let x_area = 10 + 2 * line_h + 4 + cap_h + 14 + desc_h + 6;

        let mut chart = ChartBuilder::on(&plot_area)
            .margin_top(8)
            .margin_left(12)
            .margin_right(24)
            .margin_bottom(8)
            .x_label_area_size(x_area)
            .y_label_area_size(Y_AREA)
            .build_cartesian_2d(RangedCoordf64::from(0.0..total), RangedCoordf64::from(0.0..hi))?;
        chart
            .configure_mesh()
            .disable_x_mesh()
            .x_labels(0)
            .x_desc("Region")
            .y_desc(self.y_label.as_str())
            .axis_desc_style(text_style(AXIS_SIZE, INK))
            .label_style(text_style(TICK_SIZE, INK))
            .y_label_formatter(&|v| fmt_quantity(*v))
            .y_labels(8)
            .bold_line_style(GRID.stroke_width(1))
            .light_line_style(TRANSPARENT)
            .axis_style(INK.stroke_width(1))
            .draw()?;

        let plot = area_rect(chart.plotting_area());
        if self.regions.is_empty() {
            draw_no_data(root, plot, "No Regions to plot")?;
            return Ok(());
        }

        let note_style = text_style(NOTE_SIZE - 1.0, INK);
        for (i, r) in self.regions.iter().enumerate() {
            let start = GAP / 2.0 + i as f64 * (1.0 + GAP);
            let capacity = finite_non_negative(r.capacity);
            let bars = [
                (start + 0.06, start + 0.47, Some(r.before), BEFORE),
                (start + 0.53, start + 0.94, (!r.failed).then_some(r.after), AFTER),
            ];
            for (x0, x1, value, color) in bars {
                let (px0, base) = chart.backend_coord(&(x0, 0.0));
                let px1 = chart.backend_coord(&(x1, 0.0)).0;
                let Some(value) = value else {
                    let style = text_style(NOTE_SIZE, ALERT);
                    let text = ellipsize(&style, "failed", (px1 - px0 + 16).max(8))?;
                    let (_, th) = measure(&style, &text)?;
                    draw_text_centered(root, &text, &style, (px0 + px1) / 2, base - th - 4)?;
                    continue;
                };
                let Some(v) = finite_non_negative(value) else {
                    continue;
                };
                let top = chart.backend_coord(&(x0, v)).1;
                let alert = alert_for(v, capacity, None);
                draw_bar(root, PxRect::new((px0, base), (px1.max(px0 + 1), top)), color, alert)?;
                let text = fmt_quantity(v);
                let (tw, th) = measure(&note_style, &text)?;
                if tw <= px1 - px0 + 4 {
                    draw_text_centered(root, &text, &note_style, (px0 + px1) / 2, top - th - 3)?;
                }
            }

            let (gx0, _) = chart.backend_coord(&(start, 0.0));
            let (gx1, _) = chart.backend_coord(&(start + 1.0, 0.0));
            if let Some(cap) = capacity {
                let y = chart.backend_coord(&(start, cap)).1;
                root.draw(&PathElement::new(
                    vec![(gx0 - 6, y), (gx1 + 6, y)],
                    CAPACITY.stroke_width(3),
                ))?;
            }

            // Region name and capacity under the group.
            let label_w = (gx1 - gx0 + 20).max(20);
            let lines = wrap_text(&name_style, &r.region, label_w, 2)?;
            let cx = (gx0 + gx1) / 2;
            let mut y = plot.y1 + 10;
            for line in &lines {
                draw_text_centered(root, line, &name_style, cx, y)?;
                y += line_h;
            }
            if let Some(cap) = capacity {
                let text = format!("capacity {} {}", fmt_quantity_label(cap), self.unit);
                let text = ellipsize(&cap_style, text.trim_end(), label_w)?;
                draw_text_centered(root, &text, &cap_style, cx, y + 4)?;
            }
        }
        Ok(())
    }
}
