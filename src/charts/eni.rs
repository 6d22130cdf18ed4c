//! ENI load: per-AZ load of each endpoint or resource, with all AZs up and
//! with one AZ lost, against the sustained and burst bandwidth limits.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::FontTransform;

use super::format::{fmt_quantity, fmt_quantity_label};
use super::layout::{
    ALERT, ALERT_DARK, AXIS_SIZE, Alert, BAR_MARGIN_LEFT, BAR_MARGIN_RIGHT, GRID, INK, LegendEntry,
    MUTED, NOTE_SIZE, PxRect, Swatch, TICK_SIZE, area_rect, axis_descs, bar_chart, dashed_hline,
    draw_bar, draw_legend, draw_no_data, draw_text, draw_text_backed, draw_text_centered,
    fit_labels, frame, legend_width, linear_range, measure, plottable, text_style,
};
use super::{Chart, Result, render};

/// Load on one AZ's endpoint network interface.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AzLoad {
    /// AZ name or id, e.g. `use1-az1`.
    pub az: String,
    /// Load in Gbps with every AZ up.
    pub normal_gbps: f64,
    /// Load in Gbps after one AZ is lost; `None` marks this AZ as the one
    /// that was lost (drawn as "lost" instead of a bar).
    pub az_lost_gbps: Option<f64>,
}

/// Per-AZ loads of one endpoint or resource.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ResourceLoad {
    /// Endpoint or resource name, shown under its group of bars.
    pub name: String,
    /// One entry per AZ the endpoint has an interface in.
    pub azs: Vec<AzLoad>,
}

/// Input for [`eni_load`].
#[derive(Debug, Clone, PartialEq)]
pub struct EniLoad {
    /// Chart title.
    pub title: String,
    /// Y axis description with its unit; defaults to `Load per AZ (Gbps)`.
    pub y_label: String,
    /// Sustained bandwidth limit per AZ in Gbps (default 10). Bars above it
    /// are hatched red; a non-finite or non-positive value draws no line.
    pub sustained_limit_gbps: f64,
    /// Burst bandwidth limit per AZ in Gbps (default 40). Bars above it are
    /// solid red; a non-finite or non-positive value draws no line.
    pub burst_limit_gbps: f64,
    /// Endpoints or resources, one group of bars each.
    pub resources: Vec<ResourceLoad>,
    /// Unit of the loads and limits, printed with the limit values; defaults
    /// to `Gbps` (`qps` for Route 53 Resolver IPs).
    pub unit: String,
}

impl Default for EniLoad {
    fn default() -> Self {
        EniLoad {
            title: "Endpoint load per AZ".to_string(),
            y_label: "Load per AZ (Gbps)".to_string(),
            sustained_limit_gbps: 10.0,
            burst_limit_gbps: 40.0,
            resources: Vec::new(),
            unit: "Gbps".to_string(),
        }
    }
}

/// Render per-AZ ENI load as grouped bars (resource, then AZ; all AZs up and
/// one AZ lost side by side) with the sustained and burst limits as dashed
/// lines. Bars over a limit are hatched or solid red. Returns `(svg, png)`.
pub fn eni_load(load: &EniLoad) -> Result<(String, Vec<u8>)> {
    render(load)
}

/// Bar colour with every AZ up.
const NORMAL: RGBColor = RGBColor(0x4E, 0x79, 0xA7);
/// Bar colour with one AZ lost.
const LOST: RGBColor = RGBColor(0xB0, 0x7A, 0xA1);
/// Sustained limit line.
const SUSTAINED: RGBColor = RGBColor(0xC4, 0x6A, 0x00);
/// Burst limit line.
const BURST: RGBColor = ALERT_DARK;
/// Neutral fill for legend swatches that apply to either bar colour.
const NEUTRAL: RGBColor = RGBColor(0xCC, 0xCC, 0xCC);

const Y_AREA: i32 = 90;
/// Gap between resource groups, in AZ slots.
const GROUP_GAP: f64 = 0.6;

/// A valid positive limit, or `None`.
fn limit(v: f64) -> Option<f64> {
    (plottable(v) && v > 0.0).then_some(v)
}

/// A drawable load: finite and not negative.
fn load(v: f64) -> Option<f64> {
    (plottable(v) && v >= 0.0).then_some(v)
}

/// The limits to draw as lines for loads up to `max_load`: each when the loads reach a
/// tenth of it; the burst limit also when a load is over the sustained limit or when it
/// equals the sustained limit drawn. A limit far above every load would squash the bars.
fn scaled_limits(
    max_load: f64,
    sustained: Option<f64>,
    burst: Option<f64>,
) -> (Option<f64>, Option<f64>) {
    let s = sustained.filter(|s| max_load >= s * 0.1);
    let b = burst.filter(|b| {
        sustained.is_some_and(|s| max_load > s) || max_load >= b * 0.1 || s.is_some_and(|s| *b <= s)
    });
    (s, b)
}

/// How `v` compares to the limits.
pub(crate) fn alert_for(v: f64, soft: Option<f64>, hard: Option<f64>) -> Alert {
    if hard.is_some_and(|h| v > h) {
        Alert::FarOver
    } else if soft.is_some_and(|s| v > s) {
        Alert::Over
    } else {
        Alert::None
    }
}

/// X positions (in slot units) of each resource group: start, end and AZ
/// slot starts.
struct Slots {
    groups: Vec<(f64, f64, Vec<f64>)>,
    total: f64,
}

fn slots(resources: &[ResourceLoad]) -> Slots {
    let mut cursor = GROUP_GAP / 2.0;
    let mut groups = Vec::with_capacity(resources.len());
    for r in resources {
        let start = cursor;
        let mut azs = Vec::with_capacity(r.azs.len());
        for _ in &r.azs {
            azs.push(cursor);
            cursor += 1.0;
        }
        if r.azs.is_empty() {
            cursor += 1.0;
        }
        groups.push((start, cursor, azs));
        cursor += GROUP_GAP;
    }
    let total = (cursor - GROUP_GAP / 2.0).max(1.0);
    Slots { groups, total }
}

impl Chart for EniLoad {
    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<()> {
        let sustained = limit(self.sustained_limit_gbps);
        let burst = limit(self.burst_limit_gbps);

        let mut entries = vec![
            LegendEntry::new("All AZs up", Swatch::Fill(NORMAL)),
            LegendEntry::new("One AZ lost", Swatch::Fill(LOST)),
        ];
        if let Some(s) = sustained {
            entries.push(LegendEntry::new(
                format!(
                    "Over sustained limit ({} {})",
                    fmt_quantity_label(s),
                    self.unit
                )
                .trim_end()
                .replace(" )", ")"),
                Swatch::Hatched {
                    fill: NEUTRAL,
                    hatch: ALERT,
                },
            ));
        }
        if let Some(b) = burst {
            entries.push(LegendEntry::new(
                format!("Over burst limit ({} {})", fmt_quantity_label(b), self.unit)
                    .trim_end()
                    .replace(" )", ")"),
                Swatch::Hatched {
                    fill: ALERT,
                    hatch: ALERT_DARK,
                },
            ));
        }
        // A limit far above every load would flatten the bars to nothing: it is
        // left off the scale and the legend says so.
        let max_load = self
            .resources
            .iter()
            .flat_map(|r| &r.azs)
            .flat_map(|a| [load(a.normal_gbps), a.az_lost_gbps.and_then(load)])
            .flatten()
            .fold(0.0, f64::max);
        let (sustained_line, burst_line) = scaled_limits(max_load, sustained, burst);
        for (lim, line, color, what) in [
            (sustained, sustained_line, SUSTAINED, "Sustained limit"),
            (burst, burst_line, BURST, "Burst limit"),
        ] {
            match (lim, line) {
                (Some(_), Some(_)) => entries.push(LegendEntry::new(what, Swatch::Dashed(color))),
                (Some(l), None) => entries.push(LegendEntry::new(
                    format!(
                        "{what} {} {}: above the scale",
                        fmt_quantity_label(l),
                        self.unit
                    )
                    .replace("  ", " "),
                    Swatch::Dashed(color),
                )),
                _ => {}
            }
        }
        let heading = "Per-AZ load";
        let (plot_area, legend_rect) = frame(root, &self.title, legend_width(heading, &entries)?)?;
        draw_legend(root, legend_rect, heading, &entries)?;

        let values = self.resources.iter().flat_map(|r| {
            r.azs
                .iter()
                .flat_map(|a| [load(a.normal_gbps), a.az_lost_gbps.and_then(load)])
        });
        let max = values
            .flatten()
            .chain(sustained_line)
            .chain(burst_line)
            .fold(0.0, f64::max);
        let (_, hi) = linear_range(0.0, max, true, 0.12);

        let layout = slots(&self.resources);

        // Label area: AZ row, up to three lines of resource name, axis title.
        // Names are wrapped to their group's width, estimated from the plot
        // width before the chart exists.
        let az_style = text_style(NOTE_SIZE - 1.0, MUTED);
        let plot_w = area_rect(&plot_area).width() - Y_AREA - BAR_MARGIN_LEFT - BAR_MARGIN_RIGHT;
        let px_per_slot = f64::from(plot_w) / layout.total;
        let names: Vec<(&str, i32)> = self
            .resources
            .iter()
            .zip(&layout.groups)
            .map(|(r, (start, end, _))| {
                (
                    r.name.as_str(),
                    (((end - start) * px_per_slot) as i32 + 4).max(20),
                )
            })
            .collect();
        let (name_style, wrapped) =
            fit_labels(&names, 3, &[TICK_SIZE, TICK_SIZE - 1.0, TICK_SIZE - 2.0])?;
        let name_lines = wrapped.iter().map(Vec::len).max().unwrap_or(1) as i32;
        let az_h = measure(&az_style, "Ag")?.1;
        let line_h = measure(&name_style, "Ag")?.1 + 3;
        let desc_h = measure(&text_style(AXIS_SIZE, INK), "Ag")?.1;
        let names_top = 8 + az_h + 10;
        let x_area = names_top + name_lines * line_h + 12 + desc_h + 6;

        let (x_desc, y_desc) = axis_descs(&plot_area, "Endpoint / resource and AZ", &self.y_label)?;
        let chart = bar_chart(
            &plot_area,
            x_area,
            Y_AREA,
            layout.total,
            0.0..hi,
            &x_desc,
            &y_desc,
            &|v| fmt_quantity(*v),
        )?;

        let plot = area_rect(chart.plotting_area());
        if self.resources.iter().all(|r| r.azs.is_empty()) {
            draw_no_data(root, plot, "No endpoint load to plot")?;
        }

        // Values go on top of the bars only if every one of them fits, so
        // the chart never shows some values and not others.
        let value_style = text_style(NOTE_SIZE - 2.0, INK);
        let bar_w = chart.backend_coord(&(BAR_B.1, 0.0)).0 - chart.backend_coord(&(BAR_B.0, 0.0)).0;
        let mut widest = 0;
        for a in self.resources.iter().flat_map(|r| &r.azs) {
            for v in [load(a.normal_gbps), a.az_lost_gbps.and_then(load)]
                .into_iter()
                .flatten()
            {
                widest = widest.max(measure(&value_style, &fmt_quantity(v))?.0);
            }
        }
        let show_values = widest <= bar_w + 2;
        let lost_style = text_style(NOTE_SIZE - 2.0, ALERT);
        let lost_fits = measure(&lost_style, "lost")?.0 <= bar_w;

        // Everything drawn in the plot, for placing the limit labels.
        let mut obstacles: Vec<PxRect> = Vec::new();
        let mut values: Vec<(String, i32, i32)> = Vec::new();
        for ((r, (start, end, az_slots)), lines) in
            self.resources.iter().zip(&layout.groups).zip(&wrapped)
        {
            // Separator before each group except the first.
            if *start > GROUP_GAP {
                let x = chart.backend_coord(&(start - GROUP_GAP / 2.0, 0.0)).0;
                root.draw(&PathElement::new(
                    vec![(x, plot.y0), (x, plot.y1 + names_top + name_lines * line_h)],
                    GRID.stroke_width(1),
                ))?;
            }
            for (a, slot) in r.azs.iter().zip(az_slots) {
                let bars = [
                    (slot + BAR_A.0, slot + BAR_A.1, Some(a.normal_gbps), NORMAL),
                    (slot + BAR_B.0, slot + BAR_B.1, a.az_lost_gbps, LOST),
                ];
                for (x0, x1, value, color) in bars {
                    let (px0, base) = chart.backend_coord(&(x0, 0.0));
                    let px1 = chart.backend_coord(&(x1, 0.0)).0;
                    let cx = (px0 + px1) / 2;
                    let Some(value) = value else {
                        // This AZ is the one that was lost: say so where its
                        // bar would be, upright when the bar is too narrow.
                        let (tw, th) = measure(&lost_style, "lost")?;
                        if lost_fits {
                            draw_text_centered(root, "lost", &lost_style, cx, base - th - 4)?;
                            obstacles.push(PxRect::new(
                                (cx - tw / 2, base - th - 4),
                                (cx + tw / 2, base),
                            ));
                        } else {
                            let upright = lost_style.transform(FontTransform::Rotate270);
                            root.draw_text("lost", &upright, (cx - th / 2, base - 4))?;
                            obstacles.push(PxRect::new(
                                (cx - th / 2, base - 4 - tw),
                                (cx + th / 2, base),
                            ));
                        }
                        continue;
                    };
                    let Some(v) = load(value) else { continue };
                    let top = chart.backend_coord(&(x0, v)).1;
                    let alert = alert_for(v, sustained, burst);
                    let bar = PxRect::new((px0, base), (px1.max(px0 + 1), top));
                    draw_bar(root, bar, color, alert)?;
                    obstacles.push(bar);
                    if show_values {
                        // Drawn after the limit lines, which may cross them.
                        let text = fmt_quantity(v);
                        let (tw, th) = measure(&value_style, &text)?;
                        obstacles
                            .push(PxRect::new((cx - tw / 2, top - th - 3), (cx + tw / 2, top)));
                        values.push((text, cx, top - th - 3));
                    }
                }
                // AZ label under its pair of bars; shorten if it does not fit.
                let (sx0, _) = chart.backend_coord(&(*slot, 0.0));
                let (sx1, _) = chart.backend_coord(&(slot + 1.0, 0.0));
                let room = sx1 - sx0 - 2;
                let short = a.az.rsplit('-').next().unwrap_or(&a.az);
                let az_text = if measure(&az_style, &a.az)?.0 <= room {
                    a.az.clone()
                } else if measure(&az_style, short)?.0 <= room {
                    short.to_string()
                } else {
                    String::new()
                };
                draw_text_centered(root, &az_text, &az_style, (sx0 + sx1) / 2, plot.y1 + 8)?;
            }
            // Resource name under the group.
            let gx0 = chart.backend_coord(&(*start, 0.0)).0;
            let gx1 = chart.backend_coord(&(*end, 0.0)).0;
            for (j, line) in lines.iter().enumerate() {
                draw_text_centered(
                    root,
                    line,
                    &name_style,
                    (gx0 + gx1) / 2,
                    plot.y1 + names_top + j as i32 * line_h,
                )?;
            }
        }

        // Limit lines, labelled where the label covers no bar.
        for (lim, color, what) in [
            (burst_line, BURST, "burst"),
            (sustained_line, SUSTAINED, "sustained"),
        ] {
            let Some(lim) = lim else { continue };
            let y = chart.backend_coord(&(0.0, lim)).1;
            dashed_hline(root, plot.x0, plot.x1, y, color, 2)?;
            let text = format!("{what} limit {} {}", fmt_quantity_label(lim), self.unit)
                .trim_end()
                .to_string();
            let style = text_style(NOTE_SIZE, color);
            let (w, h) = measure(&style, &text)?;
            let r = place_on_line((w + 8, h + 6), y, plot, &obstacles);
            root.draw(&Rectangle::new(
                [(r.x0, r.y0), (r.x1, r.y1)],
                WHITE.mix(0.85).filled(),
            ))?;
            draw_text(root, &text, &style, r.x0 + 4, r.y0 + 3)?;
            obstacles.push(r);
        }
        for (text, cx, y) in &values {
            draw_text_backed(root, text, &value_style, *cx, *y)?;
        }
        Ok(())
    }
}

/// Bar positions within an AZ slot (fractions of the slot): all AZs up, one
/// AZ lost.
const BAR_A: (f64, f64) = (0.1, 0.48);
const BAR_B: (f64, f64) = (0.52, 0.9);

/// Where to put a label of `size` on the horizontal line at `y` inside
/// `plot`: just above (or else below) the line, as far right as possible
/// without touching `obstacles`; at the right end above the line if no spot
/// is free.
fn place_on_line(size: (i32, i32), y: i32, plot: PxRect, obstacles: &[PxRect]) -> PxRect {
    let (w, h) = size;
    let above = |x1: i32| PxRect::new((x1 - w, y - h - 2), (x1, y - 2));
    let below = |x1: i32| PxRect::new((x1 - w, y + 3), (x1, y + h + 3));
    let free = |r: &PxRect| {
        plot.contains_rect(r) && obstacles.iter().all(|o| o.inflate(2).overlap(r) == 0)
    };
    let mut x1 = plot.x1 - 4;
    while x1 - w >= plot.x0 {
        for r in [above(x1), below(x1)] {
            if free(&r) {
                return r;
            }
        }
        x1 -= 10;
    }
    above(plot.x1 - 4).clamp_into(&plot)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn far_off_limits_stay_off_the_scale() {
        let (s, b) = (Some(10.0), Some(40.0));
        // Loads near or over a limit keep it on the scale.
        assert_eq!(scaled_limits(3.0, s, b), (s, None));
        assert_eq!(scaled_limits(4.0, s, b), (s, b));
        assert_eq!(scaled_limits(12.0, s, b), (s, b));
        // Loads far below both: neither line, so the bars can be seen.
        assert_eq!(scaled_limits(0.05, s, b), (None, None));
        assert_eq!(scaled_limits(0.0, s, b), (None, None));
        // A burst limit equal to the sustained one goes with it.
        assert_eq!(
            scaled_limits(10.0, Some(50.0), Some(50.0)),
            (Some(50.0), Some(50.0))
        );
        assert_eq!(scaled_limits(1.0, None, None), (None, None));
    }

    #[test]
    fn off_scale_limits_are_in_the_legend_with_their_unit() {
        let load = EniLoad {
            resources: vec![ResourceLoad {
                name: "resolver".into(),
                azs: vec![AzLoad {
                    az: "use1-az1".into(),
                    normal_gbps: 2.0,
                    az_lost_gbps: None,
                }],
            }],
            sustained_limit_gbps: 10_000.0,
            burst_limit_gbps: 10_000.0,
            unit: "qps".into(),
            y_label: "Queries per IP (qps)".into(),
            ..EniLoad::default()
        };
        let (svg, _) = eni_load(&load).expect("renders");
        // (The legend wraps the entry after "above".)
        assert!(svg.contains("Sustained limit 10,000 qps: above"), "{svg}");
        assert!(svg.contains("Over burst limit (10,000 qps)"));
        assert!(!svg.contains("Gbps"));
    }

    #[test]
    fn limit_labels_avoid_bars() {
        let plot = PxRect::new((0, 0), (500, 300));
        // A tall bar at the right end crossing the line at y = 100.
        let bars = [PxRect::new((440, 50), (480, 300))];
        let r = place_on_line((120, 20), 100, plot, &bars);
        assert!(bars.iter().all(|b| b.overlap(&r) == 0), "{r:?}");
        assert!(r.y1 <= 100 || r.y0 >= 100, "label sits beside the line");
        // No obstacles: right end, above the line.
        let r = place_on_line((120, 20), 100, plot, &[]);
        assert_eq!((r.x1, r.y1), (496, 98));
        // Line at the very top: the label goes below it.
        let r = place_on_line((120, 20), 5, plot, &[]);
        assert!(r.y0 > 5);
    }

    #[test]
    fn alert_levels() {
        let (s, b) = (Some(10.0), Some(40.0));
        assert_eq!(alert_for(5.0, s, b), Alert::None);
        assert_eq!(alert_for(10.0, s, b), Alert::None);
        assert_eq!(alert_for(10.5, s, b), Alert::Over);
        assert_eq!(alert_for(41.0, s, b), Alert::FarOver);
        assert_eq!(alert_for(1e9, None, None), Alert::None);
    }

    #[test]
    fn invalid_limits_and_loads_are_ignored() {
        assert_eq!(limit(f64::NAN), None);
        assert_eq!(limit(0.0), None);
        assert_eq!(limit(-1.0), None);
        assert_eq!(limit(10.0), Some(10.0));
        assert_eq!(load(-1.0), None);
        assert_eq!(load(f64::INFINITY), None);
        assert_eq!(load(0.0), Some(0.0));
    }

    #[test]
    fn slot_layout_leaves_gaps_between_groups() {
        let az = |n: &str| AzLoad {
            az: n.into(),
            normal_gbps: 1.0,
            az_lost_gbps: Some(1.5),
        };
        let res = vec![
            ResourceLoad {
                name: "a".into(),
                azs: vec![az("1"), az("2"), az("3")],
            },
            ResourceLoad {
                name: "empty".into(),
                azs: vec![],
            },
            ResourceLoad {
                name: "b".into(),
                azs: vec![az("1")],
            },
        ];
        let s = slots(&res);
        assert_eq!(s.groups.len(), 3);
        assert_eq!(s.groups[0].2.len(), 3);
        assert!((s.groups[1].0 - (s.groups[0].1 + GROUP_GAP)).abs() < 1e-9);
        assert!(s.groups[2].1 <= s.total + GROUP_GAP);
        assert!(slots(&[]).total >= 1.0);
    }
}
