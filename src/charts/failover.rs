//! Failover: load per Region before and after a Region fails over, against
//! each Region's capacity.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::FontTransform;

use super::eni::alert_for;
use super::format::{fmt_quantity, fmt_quantity_label};
use super::layout::{
    ALERT, AXIS_SIZE, BAR_MARGIN_LEFT, BAR_MARGIN_RIGHT, INK, LegendEntry, MUTED, NOTE_SIZE,
    PxRect, Swatch, TICK_SIZE, area_rect, axis_descs, bar_chart, draw_bar, draw_legend,
    draw_no_data, draw_text_backed, draw_text_centered, ellipsize, fit_labels, frame, legend_width,
    linear_range, measure, plottable, text_style,
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
    (plottable(v) && v >= 0.0).then_some(v)
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
        let (_, hi) = linear_range(0.0, max, true, 0.12);
        let n = self.regions.len();
        let total = (n as f64 * (1.0 + GAP)).max(1.0);

        // Region names wrap to their group's width (estimated before the
        // chart exists), shrinking the font before cutting them short.
        let plot_w = area_rect(&plot_area).width() - Y_AREA - BAR_MARGIN_LEFT - BAR_MARGIN_RIGHT;
        let group_w = (f64::from(plot_w) / total * (1.0 + GAP * 0.8)) as i32;
        let names: Vec<(&str, i32)> = self
            .regions
            .iter()
            .map(|r| (r.region.as_str(), group_w.max(20)))
            .collect();
        let (name_style, wrapped) =
            fit_labels(&names, 2, &[TICK_SIZE, TICK_SIZE - 1.0, TICK_SIZE - 2.0])?;
        let name_lines = wrapped.iter().map(Vec::len).max().unwrap_or(1) as i32;
        let cap_style = text_style(NOTE_SIZE - 1.0, MUTED);
        let line_h = measure(&name_style, "Ag")?.1 + 3;
        let cap_h = measure(&cap_style, "Ag")?.1;
        let desc_h = measure(&text_style(AXIS_SIZE, INK), "Ag")?.1;
        let x_area = 10 + name_lines * line_h + 4 + cap_h + 14 + desc_h + 6;

        let (x_desc, y_desc) = axis_descs(&plot_area, "Region", &self.y_label)?;
        let chart = bar_chart(
            &plot_area,
            x_area,
            Y_AREA,
            total,
            0.0..hi,
            &x_desc,
            &y_desc,
            &|v| fmt_quantity(*v),
        )?;

        let plot = area_rect(chart.plotting_area());
        if self.regions.is_empty() {
            draw_no_data(root, plot, "No Regions to plot")?;
            return Ok(());
        }

        // Values on top of the bars only if every one of them fits.
        let note_style = text_style(NOTE_SIZE - 1.0, INK);
        let bar_w = chart.backend_coord(&(BAR_B.1, 0.0)).0 - chart.backend_coord(&(BAR_B.0, 0.0)).0;
        let mut widest = 0;
        for r in &self.regions {
            for v in [r.before, r.after]
                .into_iter()
                .filter_map(finite_non_negative)
            {
                widest = widest.max(measure(&note_style, &fmt_quantity(v))?.0);
            }
        }
        let show_values = widest <= bar_w + 4;

        let mut values: Vec<(String, i32, i32)> = Vec::new();
        for ((i, r), lines) in self.regions.iter().enumerate().zip(&wrapped) {
            let start = GAP / 2.0 + i as f64 * (1.0 + GAP);
            let capacity = finite_non_negative(r.capacity);
            let bars = [
                (start + BAR_A.0, start + BAR_A.1, Some(r.before), BEFORE),
                (
                    start + BAR_B.0,
                    start + BAR_B.1,
                    (!r.failed).then_some(r.after),
                    AFTER,
                ),
            ];
            for (x0, x1, value, color) in bars {
                let (px0, base) = chart.backend_coord(&(x0, 0.0));
                let px1 = chart.backend_coord(&(x1, 0.0)).0;
                let cx = (px0 + px1) / 2;
                let Some(value) = value else {
                    // The failed Region: a mark where its bar would be,
                    // upright when the bar is too narrow for it.
                    let style = text_style(NOTE_SIZE, ALERT);
                    let (tw, th) = measure(&style, "failed")?;
                    if tw <= px1 - px0 + 4 {
                        draw_text_centered(root, "failed", &style, cx, base - th - 4)?;
                    } else {
                        let upright = style.transform(FontTransform::Rotate270);
                        root.draw_text("failed", &upright, (cx - th / 2, base - 4))?;
                    }
                    continue;
                };
                let Some(v) = finite_non_negative(value) else {
                    continue;
                };
                let top = chart.backend_coord(&(x0, v)).1;
                let alert = alert_for(v, capacity, None);
                draw_bar(
                    root,
                    PxRect::new((px0, base), (px1.max(px0 + 1), top)),
                    color,
                    alert,
                )?;
                if show_values {
                    // Drawn last: capacity lines may cross them.
                    let text = fmt_quantity(v);
                    let (_, th) = measure(&note_style, &text)?;
                    values.push((text, cx, top - th - 3));
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
            let cx = (gx0 + gx1) / 2;
            let mut y = plot.y1 + 10;
            for line in lines {
                draw_text_centered(root, line, &name_style, cx, y)?;
                y += line_h;
            }
            if let Some(cap) = capacity {
                let text = capacity_label(&cap_style, cap, &self.unit, label_w)?;
                draw_text_centered(root, &text, &cap_style, cx, y + 4)?;
            }
        }
        for (text, cx, y) in &values {
            draw_text_backed(root, text, &note_style, *cx, *y)?;
        }
        Ok(())
    }
}

/// Bar positions within a Region group (fractions of the group width):
/// before and after failover.
const BAR_A: (f64, f64) = (0.06, 0.47);
const BAR_B: (f64, f64) = (0.53, 0.94);

/// The longest of "capacity 40 Gbps", "cap. 40 Gbps", "40 Gbps" that fits
/// in `width` pixels (the last one cut short if even that does not fit).
fn capacity_label(style: &TextStyle, cap: f64, unit: &str, width: i32) -> Result<String> {
    let value = format!("{} {}", fmt_quantity_label(cap), unit);
    let value = value.trim_end();
    let candidates = [format!("capacity {value}"), format!("cap. {value}")];
    for text in candidates {
        if measure(style, &text)?.0 <= width {
            return Ok(text);
        }
    }
    ellipsize(style, value, width)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::layout::text_style;

    #[test]
    fn capacity_label_shortens_to_fit() {
        crate::charts::ensure_font().expect("font");
        let style = text_style(14.0, INK);
        assert_eq!(
            capacity_label(&style, 40.0, "Gbps", 500).expect("ok"),
            "capacity 40 Gbps"
        );
        let narrow = measure(&style, "cap. 40 Gbps").expect("ok").0;
        assert_eq!(
            capacity_label(&style, 40.0, "Gbps", narrow).expect("ok"),
            "cap. 40 Gbps"
        );
        let tiny = capacity_label(&style, 40.0, "Gbps", 30).expect("ok");
        assert!(measure(&style, &tiny).expect("ok").0 <= 30, "{tiny}");
        assert_eq!(
            capacity_label(&style, 1234.0, "", 500).expect("ok"),
            "capacity 1,234"
        );
    }
}
