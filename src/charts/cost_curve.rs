//! Cost curve: monthly cost of each design against a swept quantity, with
//! break-even points marked and labelled.

use plotters::coord::Shift;
use plotters::coord::ranged1d::{Ranged, ValueFormatter};
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;

use super::format::{
    Scale, fmt_quantity, fmt_quantity_compact, fmt_quantity_label, fmt_usd_compact, fmt_usd_scaled,
};
use super::layout::{
    AXIS_SIZE, FRAME, INK, LabelRequest, LegendEntry, MUTED, NOTE_SIZE, Swatch, TICK_SIZE,
    area_rect, axis_descs, draw_legend, draw_no_data, draw_text, ellipsize_middle, frame,
    legend_width, linear_range, measure, palette, place_labels, plottable, sample_polyline,
    text_style,
};
use super::{Chart, Result, render};

/// One design's cost line.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Series {
    /// Design name, shown in the legend.
    pub name: String,
    /// `(swept value, monthly cost in USD)` points. Order does not matter
    /// (they are sorted by x); NaN/infinite points are skipped, and so are
    /// non-positive values on a log axis.
    pub points: Vec<(f64, f64)>,
}

/// A point where two designs cost the same.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct BreakEven {
    /// Swept value at which the costs are equal (same unit as the x axis).
    pub x: f64,
    /// Monthly cost in USD at that point.
    pub cost_usd: f64,
    /// Label to print; `None` prints `break-even <x> <x_unit>`
    /// (e.g. `break-even 1,234 GB`).
    pub label: Option<String>,
}

/// Input for [`cost_curve`].
#[derive(Debug, Clone, PartialEq)]
pub struct CostCurve {
    /// Chart title.
    pub title: String,
    /// X axis description with its unit, e.g. `Data processed (GB/month)`.
    pub x_label: String,
    /// Short x unit used in break-even labels, e.g. `GB` or `spokes`.
    pub x_unit: String,
    /// Y axis description with its unit; defaults to `Cost (USD/month)`.
    pub y_label: String,
    /// One line per design.
    pub series: Vec<Series>,
    /// Break-even points to mark (see [`find_break_evens`]).
    pub break_evens: Vec<BreakEven>,
    /// Logarithmic x axis.
    pub log_x: bool,
    /// Logarithmic y axis.
    pub log_y: bool,
}

impl Default for CostCurve {
    fn default() -> Self {
        CostCurve {
            title: "Monthly cost".to_string(),
            x_label: String::new(),
            x_unit: String::new(),
            y_label: "Cost (USD/month)".to_string(),
            series: Vec::new(),
            break_evens: Vec::new(),
            log_x: false,
            log_y: false,
        }
    }
}

/// Render a cost curve chart: one line per design, break-even points marked
/// with a dot and a staggered label. Returns `(svg, png)`.
pub fn cost_curve(curve: &CostCurve) -> Result<(String, Vec<u8>)> {
    render(curve)
}

/// Finite points of `series`, sorted by x.
fn clean_points(points: &[(f64, f64)], keep: impl Fn(f64, f64) -> bool) -> Vec<(f64, f64)> {
    let mut pts: Vec<(f64, f64)> = points
        .iter()
        .copied()
        .filter(|&(x, y)| plottable(x) && plottable(y) && keep(x, y))
        .collect();
    pts.sort_by(|a, b| a.0.total_cmp(&b.0));
    pts
}

/// Linear interpolation of the sorted polyline `pts` at `x` (which must lie
/// within its x range).
fn interpolate(pts: &[(f64, f64)], x: f64) -> Option<f64> {
    let i = pts.partition_point(|p| p.0 < x);
    let hi = pts.get(i)?;
    if hi.0 == x || i == 0 {
        return (hi.0 == x).then_some(hi.1);
    }
    let lo = pts[i - 1];
    let t = (x - lo.0) / (hi.0 - lo.0);
    Some(lo.1 + t * (hi.1 - lo.1))
}

/// Where each pair of series cross, by linear interpolation between their
/// points (over the x range both cover). Touching without changing order is
/// not a break-even. Results are sorted by x and carry no custom label.
pub fn find_break_evens(series: &[Series]) -> Vec<BreakEven> {
    let cleaned: Vec<Vec<(f64, f64)>> = series
        .iter()
        .map(|s| clean_points(&s.points, |_, _| true))
        .collect();
    let mut out = Vec::new();
    for (i, a) in cleaned.iter().enumerate() {
        for b in &cleaned[i + 1..] {
            let (Some(a0), Some(a1), Some(b0), Some(b1)) =
                (a.first(), a.last(), b.first(), b.last())
            else {
                continue;
            };
            let (lo, hi) = (a0.0.max(b0.0), a1.0.min(b1.0));
            if lo > hi {
                continue;
            }
            let mut xs: Vec<f64> = a
                .iter()
                .chain(b.iter())
                .map(|p| p.0)
                .filter(|x| (lo..=hi).contains(x))
                .collect();
            xs.sort_by(f64::total_cmp);
            xs.dedup();

            // Last point where the difference was non-zero, and whether the
            // points after it (up to now) were exact ties.
            let mut last_nonzero: Option<(f64, f64)> = None;
            let mut first_tie: Option<f64> = None;
            for &x in &xs {
                let (Some(ya), Some(yb)) = (interpolate(a, x), interpolate(b, x)) else {
                    continue;
                };
                let d = ya - yb;
                if d == 0.0 {
                    first_tie.get_or_insert(x);
                    continue;
                }
                if let Some((px, pd)) = last_nonzero
                    && pd.signum() != d.signum()
                {
                    let cross = match first_tie {
                        Some(t) => t,
                        None => px - pd * (x - px) / (d - pd),
                    };
                    if let Some(cost) =
                        interpolate(a, cross).filter(|c| plottable(*c) && plottable(cross))
                    {
                        out.push(BreakEven {
                            x: cross,
                            cost_usd: cost,
                            label: None,
                        });
                    }
                }
                last_nonzero = Some((x, d));
                first_tie = None;
            }
        }
    }
    out.sort_by(|p, q| p.x.total_cmp(&q.x));
    out
}

/// Axis range covering `values`.
///
/// Linear: see [`linear_range`]. Log: whole decades around the positive
/// values, so the axis always has labelled ticks.
fn axis_range(values: &[f64], log: bool, from_zero: bool, top_pad: f64) -> (f64, f64) {
    let usable = values
        .iter()
        .copied()
        .filter(|v| plottable(*v) && (!log || *v >= LOG_MIN));
    let (lo, hi) = usable.fold((f64::INFINITY, f64::NEG_INFINITY), |(l, h), v| {
        (l.min(v), h.max(v))
    });
    if lo > hi {
        return if log { (1.0, 10.0) } else { (0.0, 1.0) };
    }
    if log {
        let lo_exp = lo.log10().floor();
        let hi_exp = (hi.log10() + (1.0 + top_pad).log10())
            .ceil()
            .max(lo_exp + 1.0);
        return (10f64.powf(lo_exp), 10f64.powf(hi_exp));
    }
    linear_range(lo, hi, from_zero, top_pad)
}

/// Smallest value kept on a log axis; with [`PLOTTABLE_MAX`] it bounds the
/// axis to 600 decades, all of them normal floats.
const LOG_MIN: f64 = 1e-300;

/// Cleaned data, ready to draw.
struct Prepared {
    series: Vec<(String, Vec<(f64, f64)>)>,
    break_evens: Vec<(f64, f64, String)>,
}

impl CostCurve {
    /// Whether a point can sit on this chart's axes (log axes need
    /// positive values).
    fn keep(&self, x: f64, y: f64) -> bool {
        (!self.log_x || x >= LOG_MIN) && (!self.log_y || y >= LOG_MIN)
    }

    fn prepare(&self) -> Prepared {
        let series = self
            .series
            .iter()
            .map(|s| {
                let name = if s.name.trim().is_empty() {
                    "(unnamed)".to_string()
                } else {
                    s.name.clone()
                };
                (name, clean_points(&s.points, |x, y| self.keep(x, y)))
            })
            .collect();
        let break_evens = self
            .break_evens
            .iter()
            .filter(|b| plottable(b.x) && plottable(b.cost_usd) && self.keep(b.x, b.cost_usd))
            .map(|b| {
                let label = match &b.label {
                    Some(l) => l.clone(),
                    None => format!("break-even {} {}", fmt_quantity_label(b.x), self.x_unit)
                        .trim_end()
                        .to_string(),
                };
                (b.x, b.cost_usd, label)
            })
            .collect();
        Prepared {
            series,
            break_evens,
        }
    }

    /// Draw axes, lines and break-evens; returns how many break-even labels
    /// had to be left out for lack of room.
    fn plot<DB, X, Y>(
        &self,
        root: &DrawingArea<DB, Shift>,
        plot_area: &DrawingArea<DB, Shift>,
        x_coord: X,
        y_coord: Y,
        data: &Prepared,
        y_fmt: &dyn Fn(&f64) -> String,
    ) -> Result<usize>
    where
        DB: DrawingBackend,
        X: Ranged<ValueType = f64> + ValueFormatter<f64>,
        Y: Ranged<ValueType = f64> + ValueFormatter<f64>,
    {
        let (x_desc, y_desc) = axis_descs(plot_area, &self.x_label, &self.y_label)?;
        let mut chart = ChartBuilder::on(plot_area)
            .margin_top(8)
            .margin_left(12)
            .margin_right(24)
            .margin_bottom(12)
            .x_label_area_size(62)
            .y_label_area_size(104)
            .build_cartesian_2d(x_coord, y_coord)?;
        chart
            .configure_mesh()
            .x_desc(x_desc.as_str())
            .y_desc(y_desc.as_str())
            .axis_desc_style(text_style(AXIS_SIZE, INK))
            .label_style(text_style(TICK_SIZE, INK))
            .x_label_formatter(&|v| {
                if self.log_x {
                    fmt_quantity_compact(*v)
                } else {
                    fmt_quantity(*v)
                }
            })
            .y_label_formatter(y_fmt)
            .x_labels(10)
            .y_labels(10)
            .bold_line_style(GRID_STYLE)
            .light_line_style(TRANSPARENT)
            .axis_style(INK.stroke_width(1))
            .draw()?;

        let bounds = area_rect(chart.plotting_area());
        if data.series.iter().all(|(_, pts)| pts.is_empty()) {
            draw_no_data(root, bounds, "No data to plot")?;
        }

        let mut line_pixels = Vec::new();
        for (i, (_, pts)) in data.series.iter().enumerate() {
            let color = palette(i);
            chart.draw_series(LineSeries::new(pts.iter().copied(), color.stroke_width(3)))?;
            if pts.len() <= 15 {
                chart.draw_series(pts.iter().map(|&p| Circle::new(p, 4, color.filled())))?;
            }
            let px: Vec<(i32, i32)> = pts.iter().map(|p| chart.backend_coord(p)).collect();
            sample_polyline(&px, &mut line_pixels);
        }

        // Break-even dots, then their labels placed around them. Several
        // pairs crossing at the same spot share one dot and label.
        let note = text_style(NOTE_SIZE, INK);
        let mut requests: Vec<LabelRequest> = Vec::new();
        let mut labels: Vec<String> = Vec::new();
        for (x, y, label) in &data.break_evens {
            let anchor = chart.backend_coord(&(*x, *y));
            let label = ellipsize_middle(&note, label, bounds.width() / 2)?;
            let duplicate = requests.iter().zip(&labels).any(|(r, l)| {
                (r.anchor.0 - anchor.0).abs() <= 2
                    && (r.anchor.1 - anchor.1).abs() <= 2
                    && *l == label
            });
            if duplicate {
                continue;
            }
            let (w, h) = measure(&note, &label)?;
            requests.push(LabelRequest {
                anchor,
                size: (w + 10, h + 8),
            });
            labels.push(label);
        }
        // Past a dozen, labels stop helping: the rest keep their dots and
        // are counted in the legend.
        let mut spots = place_labels(
            &requests[..requests.len().min(MAX_LABELS)],
            &line_pixels,
            bounds.inflate(-2),
        );
        spots.resize(requests.len(), None);
        for (req, spot) in requests.iter().zip(&spots) {
            if let Some(spot) = spot.filter(|s| s.leader) {
                let end = spot.rect.nearest_point(req.anchor);
                root.draw(&PathElement::new(
                    vec![req.anchor, end],
                    MUTED.stroke_width(1),
                ))?;
            }
        }
        for req in &requests {
            root.draw(&Circle::new(req.anchor, 6, INK.filled()))?;
            root.draw(&Circle::new(req.anchor, 6, WHITE.stroke_width(2)))?;
        }
        for (spot, label) in spots.iter().zip(&labels) {
            let Some(spot) = spot else { continue };
            let r = spot.rect;
            root.draw(&Rectangle::new(
                [(r.x0, r.y0), (r.x1, r.y1)],
                WHITE.mix(0.92).filled(),
            ))?;
            root.draw(&Rectangle::new(
                [(r.x0, r.y0), (r.x1, r.y1)],
                FRAME.stroke_width(1),
            ))?;
            draw_text(root, label, &note, r.x0 + 5, r.y0 + 4)?;
        }
        Ok(spots.iter().filter(|s| s.is_none()).count())
    }
}

/// Tick positions for a log axis over `[lo, hi]` (whole decades): every
/// decade, plus 2x and 5x steps when the axis spans few decades.
fn log_ticks(lo: f64, hi: f64) -> Vec<f64> {
    if !(lo > 0.0 && hi > lo && lo.is_finite() && hi.is_finite()) {
        return Vec::new();
    }
    let first = lo.log10().floor() as i32;
    let last = hi.log10().ceil() as i32;
    let decades = last - first;
    let step = (decades / 8).max(1);
    let multiples: &[f64] = match decades {
        0..=1 => &[1.0, 2.0, 3.0, 5.0],
        2..=3 => &[1.0, 2.0, 5.0],
        _ => &[1.0],
    };
    let mut ticks = Vec::new();
    let mut exp = first;
    while exp <= last {
        for m in multiples {
            let v = m * 10f64.powi(exp);
            if v >= lo * (1.0 - 1e-9) && v <= hi * (1.0 + 1e-9) {
                ticks.push(v);
            }
        }
        exp += step;
    }
    ticks
}

/// Most break-even labels drawn on one chart.
const MAX_LABELS: usize = 12;

const GRID_STYLE: ShapeStyle = ShapeStyle {
    color: RGBAColor(0xE2, 0xE2, 0xE2, 1.0),
    filled: false,
    stroke_width: 1,
};

impl Chart for CostCurve {
    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<()> {
        let data = self.prepare();

        let mut entries: Vec<LegendEntry> = data
            .series
            .iter()
            .enumerate()
            .map(|(i, (name, pts))| {
                let label = if pts.is_empty() {
                    format!("{name} (no data)")
                } else {
                    name.clone()
                };
                LegendEntry::new(label, Swatch::Line(palette(i)))
            })
            .collect();
        // Sized for the worst case; the real count is known after plotting.
        let break_even_entry = |left_out: usize| match left_out {
            0 => "break-even".to_string(),
            n => format!("break-even ({n} not labelled)"),
        };
        // First, so that it survives a legend too long for the panel.
        if !data.break_evens.is_empty() {
            entries.insert(
                0,
                LegendEntry::new(
                    break_even_entry(data.break_evens.len().saturating_sub(1)),
                    Swatch::Dot(INK),
                ),
            );
        }
        let heading = "Design";
        let (plot_area, legend_rect) = frame(root, &self.title, legend_width(heading, &entries)?)?;

        let xs: Vec<f64> = data
            .series
            .iter()
            .flat_map(|(_, pts)| pts.iter().map(|p| p.0))
            .chain(data.break_evens.iter().map(|b| b.0))
            .collect();
        let ys: Vec<f64> = data
            .series
            .iter()
            .flat_map(|(_, pts)| pts.iter().map(|p| p.1))
            .chain(data.break_evens.iter().map(|b| b.1))
            .collect();
        let (x0, x1) = axis_range(&xs, self.log_x, false, 0.0);
        let (y0, y1) = axis_range(&ys, self.log_y, true, 0.08);

        let y_scale = Scale::for_magnitude(y0.abs().max(y1.abs()));
        let linear_usd = move |v: &f64| fmt_usd_scaled(*v, y_scale);
        let log_usd = |v: &f64| fmt_usd_compact(*v);
        let lin = |a: f64, b: f64| RangedCoordf64::from(a..b);
        let log =
            |a: f64, b: f64| LogCoord::from((a..b).log_scale()).with_key_points(log_ticks(a, b));
        let left_out = match (self.log_x, self.log_y) {
            (false, false) => self.plot(
                root,
                &plot_area,
                lin(x0, x1),
                lin(y0, y1),
                &data,
                &linear_usd,
            )?,
            (true, false) => self.plot(
                root,
                &plot_area,
                log(x0, x1),
                lin(y0, y1),
                &data,
                &linear_usd,
            )?,
            (false, true) => {
                self.plot(root, &plot_area, lin(x0, x1), log(y0, y1), &data, &log_usd)?
            }
            (true, true) => {
                self.plot(root, &plot_area, log(x0, x1), log(y0, y1), &data, &log_usd)?
            }
        };
        if let Some(first) = entries.first_mut().filter(|_| !data.break_evens.is_empty()) {
            first.label = break_even_entry(left_out);
        }
        draw_legend(root, legend_rect, heading, &entries)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn series(name: &str, points: &[(f64, f64)]) -> Series {
        Series {
            name: name.to_string(),
            points: points.to_vec(),
        }
    }

    #[test]
    fn break_even_of_two_lines() {
        // a = 100 + 0.01x, b = 0.02x -> equal at x = 10,000, cost 200.
        let a = series("a", &[(0.0, 100.0), (20_000.0, 300.0)]);
        let b = series("b", &[(0.0, 0.0), (20_000.0, 400.0)]);
        let be = find_break_evens(&[a, b]);
        assert_eq!(be.len(), 1);
        assert!((be[0].x - 10_000.0).abs() < 1e-6, "{be:?}");
        assert!((be[0].cost_usd - 200.0).abs() < 1e-6);
        assert_eq!(be[0].label, None);
    }

    #[test]
    fn break_even_on_different_grids_and_unsorted_points() {
        let a = series("a", &[(10.0, 50.0), (0.0, 50.0)]);
        let b = series(
            "b",
            &[
                (0.0, 0.0),
                (2.0, 20.0),
                (4.0, 40.0),
                (6.0, 60.0),
                (10.0, 100.0),
            ],
        );
        let be = find_break_evens(&[a, b]);
        assert_eq!(be.len(), 1);
        assert!((be[0].x - 5.0).abs() < 1e-9, "{be:?}");
    }

    #[test]
    fn touching_is_not_a_break_even_but_a_tie_run_is_a_crossing() {
        // Same cost at x=0, then a stays cheaper: no break-even.
        let a = series("a", &[(0.0, 0.0), (10.0, 10.0)]);
        let b = series("b", &[(0.0, 0.0), (10.0, 20.0)]);
        assert!(find_break_evens(&[a, b]).is_empty());
        // Equal over [2, 4], order swaps after: break-even where the tie starts.
        let a = series("a", &[(0.0, 0.0), (2.0, 5.0), (4.0, 5.0), (6.0, 5.0)]);
        let b = series("b", &[(0.0, 5.0), (2.0, 5.0), (4.0, 5.0), (6.0, 0.0)]);
        let be = find_break_evens(&[a, b]);
        assert_eq!(be.len(), 1, "{be:?}");
        assert_eq!(be[0].x, 2.0);
    }

    #[test]
    fn break_evens_of_three_series_are_sorted_and_skip_bad_points() {
        let a = series("a", &[(0.0, 10.0), (10.0, 10.0), (f64::NAN, 1.0)]);
        let b = series("b", &[(0.0, 0.0), (10.0, 20.0)]);
        let c = series("c", &[(0.0, 16.0), (10.0, 6.0), (5.0, f64::INFINITY)]);
        let be = find_break_evens(&[a, b, c]);
        let xs: Vec<f64> = be.iter().map(|b| b.x).collect();
        assert_eq!(xs.len(), 3, "{be:?}");
        assert!(xs.windows(2).all(|w| w[0] <= w[1]));
    }

    #[test]
    fn break_evens_of_degenerate_input() {
        assert!(find_break_evens(&[]).is_empty());
        assert!(find_break_evens(&[series("only", &[(1.0, 1.0)])]).is_empty());
        assert!(find_break_evens(&[series("a", &[]), series("b", &[(1.0, 1.0)])]).is_empty());
        // Disjoint x ranges never cross.
        let a = series("a", &[(0.0, 0.0), (1.0, 1.0)]);
        let b = series("b", &[(2.0, 5.0), (3.0, -5.0)]);
        assert!(find_break_evens(&[a, b]).is_empty());
    }

    #[test]
    fn linear_axis_ranges() {
        assert_eq!(axis_range(&[], false, true, 0.1), (0.0, 1.0));
        assert_eq!(axis_range(&[0.0, 0.0], false, true, 0.0), (0.0, 1.0));
        assert_eq!(axis_range(&[5.0], false, true, 0.0), (0.0, 5.0));
        assert_eq!(axis_range(&[5.0], false, true, 0.1), (0.0, 5.5));
        let (lo, hi) = axis_range(&[5.0], false, false, 0.0);
        assert!(lo < 5.0 && hi > 5.0);
        let (lo, hi) = axis_range(&[-10.0, 20.0, f64::NAN], false, true, 0.0);
        assert_eq!((lo, hi), (-10.0, 20.0));
    }

    #[test]
    fn extreme_values_are_skipped_or_bounded() {
        assert_eq!(axis_range(&[f64::MAX, 1e301], false, true, 0.1), (0.0, 1.0));
        let (lo, hi) = axis_range(&[1e-320, 1e300], true, true, 0.1);
        assert_eq!((lo, hi), (1e300, 1e301));
        let (lo, hi) = axis_range(&[1e-300, 1e300], true, true, 0.0);
        assert!(lo > 0.0 && hi.is_finite() && lo < hi, "{lo} {hi}");
        let a = series("a", &[(0.0, 0.0), (1e300, 1e300)]);
        let b = series("b", &[(0.0, 1e300), (1e300, 0.0)]);
        for be in find_break_evens(&[a, b]) {
            assert!(be.x.is_finite() && be.cost_usd.is_finite(), "{be:?}");
        }
    }

    #[test]
    fn log_axis_ranges_cover_whole_decades_of_positive_values() {
        assert_eq!(axis_range(&[20.0, 80.0], true, true, 0.0), (10.0, 100.0));
        assert_eq!(axis_range(&[0.0, -5.0], true, true, 0.0), (1.0, 10.0));
        assert_eq!(axis_range(&[100.0], true, true, 0.0), (100.0, 1000.0));
        let (lo, hi) = axis_range(&[0.0, 3.0, 4_000.0], true, true, 0.0);
        assert_eq!((lo, hi), (1.0, 10_000.0));
    }

    #[test]
    fn log_ticks_are_round_numbers_inside_the_range() {
        assert_eq!(log_ticks(1.0, 10.0), vec![1.0, 2.0, 3.0, 5.0, 10.0]);
        assert_eq!(
            log_ticks(10.0, 1000.0),
            vec![10.0, 20.0, 50.0, 100.0, 200.0, 500.0, 1000.0]
        );
        assert_eq!(
            log_ticks(1.0, 1e6),
            vec![1.0, 10.0, 100.0, 1e3, 1e4, 1e5, 1e6]
        );
        let wide = log_ticks(1e-3, 1e15);
        assert!(wide.len() <= 10 && wide.len() >= 5, "{wide:?}");
        assert!(log_ticks(0.0, 10.0).is_empty());
        assert!(log_ticks(10.0, 10.0).is_empty());
        assert!(log_ticks(f64::NAN, 10.0).is_empty());
    }

    #[test]
    fn default_break_even_label_uses_the_unit() {
        let curve = CostCurve {
            x_unit: "GB".to_string(),
            break_evens: vec![
                BreakEven {
                    x: 1234.4,
                    cost_usd: 10.0,
                    label: None,
                },
                BreakEven {
                    x: 5.0,
                    cost_usd: 1.0,
                    label: Some("custom".to_string()),
                },
                BreakEven {
                    x: f64::NAN,
                    cost_usd: 1.0,
                    label: None,
                },
            ],
            ..CostCurve::default()
        };
        let labels: Vec<String> = curve
            .prepare()
            .break_evens
            .into_iter()
            .map(|b| b.2)
            .collect();
        assert_eq!(labels, vec!["break-even 1,234 GB", "custom"]);
    }
}
