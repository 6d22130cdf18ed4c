//! Shared drawing helpers: palette, text measuring and wrapping, the page
//! frame (title, plot area, legend panel), bars with over-limit styling and
//! collision-avoiding label placement.
//!
//! Everything here works in backend pixel coordinates on the root drawing
//! area, whose origin is the top-left corner of the image.

use std::cell::RefCell;
use std::collections::HashMap;

use plotters::coord::Shift;
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::{FontStyle, FontTransform};

use super::{ChartError, FONT_FAMILY, HEIGHT, Result, WIDTH};

/// Fixed series palette (Tableau 10 order, red moved last because the load
/// charts use red to flag limits being exceeded).
pub(crate) const PALETTE: [RGBColor; 10] = [
    RGBColor(0x4E, 0x79, 0xA7), // blue
    RGBColor(0xF2, 0x8E, 0x2B), // orange
    RGBColor(0x59, 0xA1, 0x4F), // green
    RGBColor(0xB0, 0x7A, 0xA1), // purple
    RGBColor(0x76, 0xB7, 0xB2), // teal
    RGBColor(0xED, 0xC9, 0x48), // yellow
    RGBColor(0x9C, 0x75, 0x5F), // brown
    RGBColor(0xFF, 0x9D, 0xA7), // pink
    RGBColor(0xBA, 0xB0, 0xAC), // grey
    RGBColor(0xE1, 0x57, 0x59), // red
];

/// Colour of the `i`-th series, cycling through [`PALETTE`].
pub(crate) fn palette(i: usize) -> RGBColor {
    PALETTE[i % PALETTE.len()]
}

/// Body text.
pub(crate) const INK: RGBColor = RGBColor(0x22, 0x22, 0x22);
/// Secondary text and leader lines.
pub(crate) const MUTED: RGBColor = RGBColor(0x66, 0x66, 0x66);
/// Grid lines.
pub(crate) const GRID: RGBColor = RGBColor(0xE2, 0xE2, 0xE2);
/// Frame of the legend panel and label boxes.
pub(crate) const FRAME: RGBColor = RGBColor(0xBB, 0xBB, 0xBB);
/// Over a limit.
pub(crate) const ALERT: RGBColor = RGBColor(0xD6, 0x27, 0x28);
/// Far over a limit (fill is ALERT, hatch and border this).
pub(crate) const ALERT_DARK: RGBColor = RGBColor(0x7F, 0x11, 0x11);

/// Tick label size.
pub(crate) const TICK_SIZE: f64 = 15.0;
/// Axis description size.
pub(crate) const AXIS_SIZE: f64 = 17.0;
/// Legend entry size.
pub(crate) const LEGEND_SIZE: f64 = 15.0;
/// Annotation size (break-even labels, bar values).
pub(crate) const NOTE_SIZE: f64 = 14.0;

/// Largest magnitude drawn. Anything beyond (like NaN and infinities) is
/// skipped, so that sums, padding and pixel mapping never overflow.
pub(crate) const PLOTTABLE_MAX: f64 = 1e300;

/// Whether `v` can be drawn: finite and at most [`PLOTTABLE_MAX`] in size.
pub(crate) fn plottable(v: f64) -> bool {
    v.is_finite() && v.abs() <= PLOTTABLE_MAX
}

/// A linear axis range over data from `lo` to `hi` that is safe to draw:
/// starting at zero when `from_zero` and nothing is negative, widened when
/// empty or vanishingly thin (which also covers "all zero"), and padded at
/// the top by `top_pad` times its span. Bad bounds give `0..1`.
pub(crate) fn linear_range(lo: f64, hi: f64, from_zero: bool, top_pad: f64) -> (f64, f64) {
    if !(plottable(lo) && plottable(hi)) || lo > hi {
        return (0.0, 1.0);
    }
    let (mut lo, mut hi) = (lo, hi);
    if from_zero && lo >= 0.0 {
        lo = 0.0;
    }
    let magnitude = lo.abs().max(hi.abs());
    if hi - lo <= 1e-200 || hi - lo <= magnitude * 1e-12 {
        if magnitude <= 1e-200 {
            return (0.0, 1.0);
        }
        let d = magnitude * 0.1;
        lo = if from_zero && lo >= 0.0 { 0.0 } else { lo - d };
        hi += d;
    }
    (lo, hi + (hi - lo) * top_pad)
}

/// Text style in the chart family, top-left anchored.
pub(crate) fn text_style(size: f64, color: RGBColor) -> TextStyle<'static> {
    FontDesc::new(FontFamily::Name(FONT_FAMILY), size, FontStyle::Normal)
        .color(&color)
        .pos(Pos::new(HPos::Left, VPos::Top))
}

/// Bold text style in the chart family, top-left anchored.
pub(crate) fn bold_style(size: f64, color: RGBColor) -> TextStyle<'static> {
    FontDesc::new(FontFamily::Name(FONT_FAMILY), size, FontStyle::Bold)
        .color(&color)
        .pos(Pos::new(HPos::Left, VPos::Top))
}

thread_local! {
    /// Text sizes already measured during the current render: each chart is
    /// laid out twice (SVG, then PNG) and wrapping measures the same
    /// prefixes repeatedly.
    static MEASURED: RefCell<HashMap<MeasureKey, (i32, i32)>> = RefCell::new(HashMap::new());
}

/// Text, font size bits, bold, quarter turns of rotation.
type MeasureKey = (String, u64, bool, u8);

/// Forget cached text sizes (called at the start of every render, so the
/// cache never outgrows one chart).
pub(crate) fn clear_measure_cache() {
    MEASURED.with(|m| m.borrow_mut().clear());
}

/// Pixel size `(width, height)` of `text` in `style`.
pub(crate) fn measure(style: &TextStyle, text: &str) -> Result<(i32, i32)> {
    let turns = match style.font.get_transform() {
        FontTransform::None => 0,
        FontTransform::Rotate90 => 1,
        FontTransform::Rotate180 => 2,
        FontTransform::Rotate270 => 3,
    };
    let key = (
        text.to_string(),
        style.font.get_size().to_bits(),
        matches!(style.font.get_style(), FontStyle::Bold),
        turns,
    );
    if let Some(size) = MEASURED.with(|m| m.borrow().get(&key).copied()) {
        return Ok(size);
    }
    let (w, h) = style
        .font
        .box_size(text)
        .map_err(|e| ChartError::Drawing(format!("cannot measure text: {e}")))?;
    let size = (w as i32, h as i32);
    MEASURED.with(|m| m.borrow_mut().insert(key, size));
    Ok(size)
}

/// Draw `text` with its top-left corner at `(x, y)`.
pub(crate) fn draw_text<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    text: &str,
    style: &TextStyle,
    x: i32,
    y: i32,
) -> Result<()> {
    root.draw_text(text, &style.pos(Pos::new(HPos::Left, VPos::Top)), (x, y))?;
    Ok(())
}

/// Draw `text` horizontally centred on `cx`, top at `y`.
pub(crate) fn draw_text_centered<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    text: &str,
    style: &TextStyle,
    cx: i32,
    y: i32,
) -> Result<()> {
    let (w, _) = measure(style, text)?;
    draw_text(root, text, style, cx - w / 2, y)
}

/// Draw `text` centred on `cx`, top at `y`, on a white backing so that a
/// line passing under it does not cross the glyphs.
pub(crate) fn draw_text_backed<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    text: &str,
    style: &TextStyle,
    cx: i32,
    y: i32,
) -> Result<()> {
    let (w, h) = measure(style, text)?;
    root.draw(&Rectangle::new(
        [(cx - w / 2 - 2, y - 1), (cx + w / 2 + 2, y + h + 1)],
        WHITE.filled(),
    ))?;
    draw_text(root, text, style, cx - w / 2, y)
}

/// An axis-aligned rectangle in pixels, `x0 <= x1`, `y0 <= y1`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct PxRect {
    pub x0: i32,
    pub y0: i32,
    pub x1: i32,
    pub y1: i32,
}

impl PxRect {
    /// Rectangle from two corners in any order.
    pub(crate) fn new(a: (i32, i32), b: (i32, i32)) -> Self {
        PxRect {
            x0: a.0.min(b.0),
            y0: a.1.min(b.1),
            x1: a.0.max(b.0),
            y1: a.1.max(b.1),
        }
    }

    pub(crate) fn width(&self) -> i32 {
        self.x1 - self.x0
    }

    pub(crate) fn height(&self) -> i32 {
        self.y1 - self.y0
    }

    /// Area shared with `other`, in square pixels.
    pub(crate) fn overlap(&self, other: &PxRect) -> i64 {
        let w = (self.x1.min(other.x1) - self.x0.max(other.x0)).max(0) as i64;
        let h = (self.y1.min(other.y1) - self.y0.max(other.y0)).max(0) as i64;
        w * h
    }

    /// Whether `other` lies entirely inside `self`.
    pub(crate) fn contains_rect(&self, other: &PxRect) -> bool {
        other.x0 >= self.x0 && other.x1 <= self.x1 && other.y0 >= self.y0 && other.y1 <= self.y1
    }

    pub(crate) fn contains(&self, p: (i32, i32)) -> bool {
        p.0 >= self.x0 && p.0 <= self.x1 && p.1 >= self.y0 && p.1 <= self.y1
    }

    /// `self` grown by `by` pixels on every side.
    pub(crate) fn inflate(&self, by: i32) -> PxRect {
        PxRect {
            x0: self.x0 - by,
            y0: self.y0 - by,
            x1: self.x1 + by,
            y1: self.y1 + by,
        }
    }

    /// The point of `self` closest to `p`.
    pub(crate) fn nearest_point(&self, p: (i32, i32)) -> (i32, i32) {
        (p.0.clamp(self.x0, self.x1), p.1.clamp(self.y0, self.y1))
    }

    /// `self` moved by the smallest shift that puts it inside `bounds`
    /// (aligned to the top-left of `bounds` if it is larger).
    pub(crate) fn clamp_into(&self, bounds: &PxRect) -> PxRect {
        let dx = if self.x1 > bounds.x1 {
            bounds.x1 - self.x1
        } else {
            0
        };
        let dy = if self.y1 > bounds.y1 {
            bounds.y1 - self.y1
        } else {
            0
        };
        let mut r = PxRect {
            x0: self.x0 + dx,
            y0: self.y0 + dy,
            x1: self.x1 + dx,
            y1: self.y1 + dy,
        };
        if r.x0 < bounds.x0 {
            r.x1 += bounds.x0 - r.x0;
            r.x0 = bounds.x0;
        }
        if r.y0 < bounds.y0 {
            r.y1 += bounds.y0 - r.y0;
            r.y0 = bounds.y0;
        }
        r
    }
}

/// Pixel rectangle covered by a drawing area.
pub(crate) fn area_rect<DB: DrawingBackend, CT: CoordTranslate>(
    area: &DrawingArea<DB, CT>,
) -> PxRect {
    let (xs, ys) = area.get_pixel_range();
    PxRect {
        x0: xs.start,
        y0: ys.start,
        x1: xs.end,
        y1: ys.end,
    }
}

/// A piece of text that may end a line.
struct Chunk {
    /// Byte offset of the chunk in the source text.
    start: usize,
    text: String,
    /// Whether whitespace followed it in the source.
    space_after: bool,
}

/// Split `text` into chunks that may end a line: after whitespace (which is
/// dropped) or after `-`, `/`, `_`, `,`, `)`, `+` and `.` (which are kept).
fn break_chunks(text: &str) -> Vec<Chunk> {
    let mut chunks: Vec<Chunk> = Vec::new();
    let mut current = String::new();
    let mut start = 0;
    for (i, ch) in text.char_indices() {
        if ch.is_whitespace() {
            if !current.is_empty() {
                chunks.push(Chunk {
                    start,
                    text: std::mem::take(&mut current),
                    space_after: true,
                });
            } else if let Some(last) = chunks.last_mut() {
                // Space after a chunk that ended at a break character.
                last.space_after = true;
            }
        } else {
            if current.is_empty() {
                start = i;
            }
            current.push(ch);
            if matches!(ch, '-' | '/' | '_' | ',' | ')' | '+' | '.') {
                chunks.push(Chunk {
                    start,
                    text: std::mem::take(&mut current),
                    space_after: false,
                });
            }
        }
    }
    if !current.is_empty() {
        chunks.push(Chunk {
            start,
            text: current,
            space_after: true,
        });
    }
    chunks
}

/// `text` shortened with a trailing ellipsis so that it is at most `max_w`
/// pixels wide.
pub(crate) fn ellipsize(style: &TextStyle, text: &str, max_w: i32) -> Result<String> {
    if measure(style, text)?.0 <= max_w {
        return Ok(text.to_string());
    }
    let chars: Vec<char> = text.trim_end().chars().collect();
    let shortened = |keep: usize| {
        chars[..keep]
            .iter()
            .collect::<String>()
            .trim_end()
            .to_string()
            + "…"
    };
    let most = chars.len().min(max_glyphs(max_w));
    Ok(shortened(longest_fit(most, |n| {
        Ok(measure(style, &shortened(n))?.0 <= max_w)
    })?))
}

/// `text` shortened in the middle (`head…tail`) to at most `max_w` pixels,
/// keeping both ends: names often differ only in their last characters.
pub(crate) fn ellipsize_middle(style: &TextStyle, text: &str, max_w: i32) -> Result<String> {
    let text = text.trim();
    if measure(style, text)?.0 <= max_w {
        return Ok(text.to_string());
    }
    let chars: Vec<char> = text.chars().collect();
    let tail_of = |n: usize| {
        chars[chars.len() - n..]
            .iter()
            .collect::<String>()
            .trim_start()
            .to_string()
    };
    // The tail gets up to half of the room, the head whatever is left.
    let tail_max = chars.len().min(max_glyphs(max_w / 2));
    let tail_n = longest_fit(tail_max, |n| {
        Ok(measure(style, &format!("…{}", tail_of(n)))?.0 <= max_w / 2)
    })?;
    let tail = tail_of(tail_n);
    let head_max = (chars.len() - tail_n).min(max_glyphs(max_w));
    let joined = |n: usize| {
        format!(
            "{}…{tail}",
            chars[..n].iter().collect::<String>().trim_end()
        )
    };
    let head_n = longest_fit(head_max, |n| Ok(measure(style, &joined(n))?.0 <= max_w))?;
    Ok(joined(head_n))
}

/// An upper bound on how many glyphs fit in `width` pixels (no glyph of
/// the chart font at chart sizes is narrower than 2 px), to keep searches
/// over very long text short.
fn max_glyphs(width: i32) -> usize {
    (width.max(0) / 2) as usize + 1
}

/// Largest `n` in `0..=max` with `fits(n)`, assuming `fits` is monotone
/// (true up to some point, false after); 0 if none fits.
fn longest_fit(max: usize, fits: impl Fn(usize) -> Result<bool>) -> Result<usize> {
    let (mut lo, mut hi) = (0usize, max);
    while lo < hi {
        let mid = (lo + hi).div_ceil(2);
        if fits(mid)? {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    Ok(lo)
}

/// Word-wrap `text` to lines at most `max_w` pixels wide, at most
/// `max_lines` lines. When text has to be dropped, the last line shows the
/// rest of the text shortened in the middle (`head…tail`), so the end of a
/// long name stays visible.
pub(crate) fn wrap_text(
    style: &TextStyle,
    text: &str,
    max_w: i32,
    max_lines: usize,
) -> Result<Vec<String>> {
    let max_lines = max_lines.max(1);
    // Lines and the byte offset in `text` where each starts.
    let mut lines: Vec<(usize, String)> = Vec::new();
    let mut line = String::new();
    let mut line_start = 0;
    let mut space_before_next = false;

    // Stops as soon as one line more than allowed has been filled, so very
    // long text costs no more than what is shown.
    'chunks: for chunk in break_chunks(text) {
        let candidate = if line.is_empty() {
            chunk.text.clone()
        } else if space_before_next {
            format!("{line} {}", chunk.text)
        } else {
            format!("{line}{}", chunk.text)
        };
        if measure(style, &candidate)?.0 <= max_w {
            if line.is_empty() {
                line_start = chunk.start;
            }
            line = candidate;
        } else {
            if !line.is_empty() {
                lines.push((line_start, std::mem::take(&mut line)));
                if lines.len() > max_lines {
                    break 'chunks;
                }
            }
            line_start = chunk.start;
            // A chunk wider than a whole line is broken between characters.
            for (offset, ch) in chunk.text.char_indices() {
                let next = format!("{line}{ch}");
                if !line.is_empty() && measure(style, &next)?.0 > max_w {
                    lines.push((line_start, std::mem::take(&mut line)));
                    if lines.len() > max_lines {
                        break 'chunks;
                    }
                    line_start = chunk.start + offset;
                    line.push(ch);
                } else {
                    line = next;
                }
            }
        }
        space_before_next = chunk.space_after;
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push((line_start, line));
    }

    if lines.len() > max_lines {
        let rest_start = lines[max_lines - 1].0;
        lines.truncate(max_lines - 1);
        let rest = text.get(rest_start..).unwrap_or_default();
        lines.push((rest_start, ellipsize_middle(style, rest, max_w)?));
    }
    Ok(lines.into_iter().map(|(_, l)| l).collect())
}

/// Axis descriptions shortened (in the middle, so a trailing unit stays
/// visible) to fit along the plot area: `(x, y)`.
pub(crate) fn axis_descs<DB: DrawingBackend>(
    plot_area: &DrawingArea<DB, Shift>,
    x: &str,
    y: &str,
) -> Result<(String, String)> {
    let style = text_style(AXIS_SIZE, INK);
    let r = area_rect(plot_area);
    Ok((
        ellipsize_middle(&style, x, (r.width() - 160).max(40))?,
        ellipsize_middle(&style, y, (r.height() - 120).max(40))?,
    ))
}

/// Left margin of a bar chart's plot, in pixels.
pub(crate) const BAR_MARGIN_LEFT: i32 = 12;
/// Right margin of a bar chart's plot, in pixels.
pub(crate) const BAR_MARGIN_RIGHT: i32 = 24;

/// Set up a bar chart on `plot_area`: x from 0 to `x_max` (bars are drawn by the
/// caller, so no x labels or x grid), y over `y` with 8 labels written by `y_fmt`,
/// light horizontal grid lines, and the axis descriptions (see [`axis_descs`]).
/// `x_area` and `y_area` are the pixels kept for the labels under and left of it.
#[allow(clippy::too_many_arguments)]
pub(crate) fn bar_chart<'a, DB: DrawingBackend>(
    plot_area: &'a DrawingArea<DB, Shift>,
    x_area: i32,
    y_area: i32,
    x_max: f64,
    y: std::ops::Range<f64>,
    x_desc: &str,
    y_desc: &str,
    y_fmt: &dyn Fn(&f64) -> String,
) -> Result<ChartContext<'a, DB, Cartesian2d<RangedCoordf64, RangedCoordf64>>> {
    let mut chart = ChartBuilder::on(plot_area)
        .margin_top(8)
        .margin_left(BAR_MARGIN_LEFT)
        .margin_right(BAR_MARGIN_RIGHT)
        .margin_bottom(8)
        .x_label_area_size(x_area)
        .y_label_area_size(y_area)
        .build_cartesian_2d(RangedCoordf64::from(0.0..x_max), RangedCoordf64::from(y))?;
    chart
        .configure_mesh()
        .disable_x_mesh()
        .x_labels(0)
        .x_desc(x_desc)
        .y_desc(y_desc)
        .axis_desc_style(text_style(AXIS_SIZE, INK))
        .label_style(text_style(TICK_SIZE, INK))
        .y_label_formatter(y_fmt)
        .y_labels(8)
        .bold_line_style(GRID.stroke_width(1))
        .light_line_style(TRANSPARENT)
        .axis_style(INK.stroke_width(1))
        .draw()?;
    Ok(chart)
}

/// Wrap every `(label, width)` to its width in pixels in at most
/// `max_lines` lines, at the first of `sizes` where all of them fit uncut;
/// otherwise at the last size, cut short with an ellipsis.
pub(crate) fn fit_labels(
    labels: &[(&str, i32)],
    max_lines: usize,
    sizes: &[f64],
) -> Result<(TextStyle<'static>, Vec<Vec<String>>)> {
    let smallest = sizes.last().copied().unwrap_or(TICK_SIZE);
    for &size in sizes {
        let style = text_style(size, INK);
        let mut wrapped = Vec::with_capacity(labels.len());
        for (label, width) in labels {
            // One line more than allowed tells whether the label fits.
            wrapped.push(wrap_text(&style, label, *width, max_lines + 1)?);
        }
        if wrapped.iter().all(|lines| lines.len() <= max_lines) {
            return Ok((style, wrapped));
        }
    }
    let style = text_style(smallest, INK);
    let mut wrapped = Vec::with_capacity(labels.len());
    for (label, width) in labels {
        wrapped.push(wrap_text(&style, label, *width, max_lines)?);
    }
    Ok((style, wrapped))
}

/// Draw the chart title centred at the top; returns the height it used.
/// Long titles shrink, then wrap to two lines.
fn draw_title<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, title: &str) -> Result<i32> {
    let max_w = WIDTH as i32 - 40;
    for size in [26.0, 23.0, 20.0] {
        let style = bold_style(size, INK);
        let (w, h) = measure(&style, title)?;
        if w <= max_w {
            draw_text(root, title, &style, (WIDTH as i32 - w) / 2, 14)?;
            return Ok(14 + h + 16);
        }
    }
    let style = bold_style(20.0, INK);
    let lines = wrap_text(&style, title, max_w, 2)?;
    let line_h = measure(&style, "Ag")?.1 + 4;
    for (i, line) in lines.iter().enumerate() {
        draw_text_centered(root, line, &style, WIDTH as i32 / 2, 12 + line_h * i as i32)?;
    }
    Ok(12 + line_h * lines.len() as i32 + 12)
}

/// Split the page into title, plot area and a legend panel `legend_w`
/// pixels wide on the right. Returns the plot area and the legend rectangle.
pub(crate) fn frame<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    title: &str,
    legend_w: i32,
) -> Result<(DrawingArea<DB, Shift>, PxRect)> {
    let title_h = draw_title(root, title)?;
    let (_, body) = root.split_vertically(title_h);
    let (plot, legend) = body.split_horizontally(WIDTH as i32 - legend_w);
    let r = area_rect(&legend);
    let legend_rect = PxRect {
        x0: r.x0 + 4,
        y0: r.y0 + 10,
        x1: r.x1 - 14,
        y1: (HEIGHT as i32 - 20).max(r.y0 + 20),
    };
    Ok((plot, legend_rect))
}

/// How a legend entry is drawn.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Swatch {
    /// A solid line (series in a line chart).
    Line(RGBColor),
    /// A dashed line (reference limits).
    Dashed(RGBColor),
    /// A filled box (bar colours).
    Fill(RGBColor),
    /// A filled box with diagonal hatching (bars over a limit).
    Hatched { fill: RGBColor, hatch: RGBColor },
    /// A dot (marked points).
    Dot(RGBColor),
}

/// One legend line.
#[derive(Debug, Clone)]
pub(crate) struct LegendEntry {
    pub label: String,
    pub swatch: Swatch,
}

impl LegendEntry {
    pub(crate) fn new(label: impl Into<String>, swatch: Swatch) -> Self {
        LegendEntry {
            label: label.into(),
            swatch,
        }
    }
}

const SWATCH_W: i32 = 28;
const LEGEND_PAD: i32 = 12;
const LEGEND_MIN_W: i32 = 170;
const LEGEND_MAX_W: i32 = 300;

/// Width of a legend panel that fits `entries` (clamped to a sane range;
/// longer labels wrap).
pub(crate) fn legend_width(heading: &str, entries: &[LegendEntry]) -> Result<i32> {
    let style = text_style(LEGEND_SIZE, INK);
    let mut widest = measure(&bold_style(LEGEND_SIZE, INK), heading)?.0;
    for e in entries {
        widest = widest.max(SWATCH_W + 8 + measure(&style, &e.label)?.0);
    }
    Ok((widest + 2 * LEGEND_PAD + 18).clamp(LEGEND_MIN_W, LEGEND_MAX_W))
}

/// Draw a legend panel inside `rect`: heading, then one swatch and wrapped
/// label per entry. Entries that do not fit are summarised as "+N more".
/// Nothing is drawn when there are no entries.
pub(crate) fn draw_legend<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    rect: PxRect,
    heading: &str,
    entries: &[LegendEntry],
) -> Result<()> {
    if entries.is_empty() {
        return Ok(());
    }
    let style = text_style(LEGEND_SIZE, INK);
    let head_style = bold_style(LEGEND_SIZE, INK);
    let line_h = measure(&style, "Ag")?.1 + 5;
    let label_w = rect.width() - 2 * LEGEND_PAD - SWATCH_W - 8;

    // Lay out first so the frame can hug the content; long labels get
    // fewer lines when that lets every entry fit.
    let heading_lines = wrap_text(&head_style, heading, rect.width() - 2 * LEGEND_PAD, 2)?;
    let mut blocks: Vec<(Vec<String>, Swatch)> = Vec::new();
    let mut content_h = 0;
    for max_lines in [3, 2, 1] {
        blocks.clear();
        for e in entries {
            blocks.push((wrap_text(&style, &e.label, label_w, max_lines)?, e.swatch));
        }
        content_h = LEGEND_PAD
            + heading_lines.len() as i32 * line_h
            + 6
            + blocks
                .iter()
                .map(|(l, _)| l.len() as i32 * line_h + 6)
                .sum::<i32>()
            + LEGEND_PAD;
        if content_h <= rect.height() {
            break;
        }
    }
    let frame_rect = PxRect {
        y1: (rect.y0 + content_h).min(rect.y1),
        ..rect
    };
    root.draw(&Rectangle::new(
        [
            (frame_rect.x0, frame_rect.y0),
            (frame_rect.x1, frame_rect.y1),
        ],
        WHITE.filled(),
    ))?;
    root.draw(&Rectangle::new(
        [
            (frame_rect.x0, frame_rect.y0),
            (frame_rect.x1, frame_rect.y1),
        ],
        FRAME.stroke_width(1),
    ))?;

    let x = rect.x0 + LEGEND_PAD;
    let mut y = rect.y0 + LEGEND_PAD;
    for line in &heading_lines {
        draw_text(root, line, &head_style, x, y)?;
        y += line_h;
    }
    y += 6;
    for (i, (lines, swatch)) in blocks.iter().enumerate() {
        let block_h = lines.len() as i32 * line_h;
        if y + block_h > rect.y1 - LEGEND_PAD {
            let more = format!("+{} more", blocks.len() - i);
            draw_text(root, &more, &text_style(LEGEND_SIZE, MUTED), x, y)?;
            break;
        }
        draw_swatch(root, *swatch, x, y + 1, SWATCH_W, line_h - 7)?;
        for (j, line) in lines.iter().enumerate() {
            draw_text(root, line, &style, x + SWATCH_W + 8, y + j as i32 * line_h)?;
        }
        y += block_h + 6;
    }
    Ok(())
}

fn draw_swatch<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    swatch: Swatch,
    x: i32,
    y: i32,
    w: i32,
    h: i32,
) -> Result<()> {
    let mid = y + h / 2;
    match swatch {
        Swatch::Line(c) => {
            root.draw(&PathElement::new(
                vec![(x, mid), (x + w, mid)],
                c.stroke_width(3),
            ))?;
        }
        Swatch::Dashed(c) => dashed_hline(root, x, x + w, mid, c, 2)?,
        Swatch::Fill(c) => draw_bar(root, PxRect::new((x, y), (x + w, y + h)), c, Alert::None)?,
        Swatch::Hatched { fill, hatch } => {
            let r = PxRect::new((x, y), (x + w, y + h));
            root.draw(&Rectangle::new([(r.x0, r.y0), (r.x1, r.y1)], fill.filled()))?;
            hatch_rect(root, r, hatch)?;
            root.draw(&Rectangle::new(
                [(r.x0, r.y0), (r.x1, r.y1)],
                hatch.stroke_width(2),
            ))?;
        }
        Swatch::Dot(c) => {
            root.draw(&Circle::new((x + w / 2, mid), 5, c.filled()))?;
            root.draw(&Circle::new((x + w / 2, mid), 5, WHITE.stroke_width(1)))?;
        }
    }
    Ok(())
}

/// A horizontal dashed line from `x0` to `x1` at height `y`.
pub(crate) fn dashed_hline<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    x0: i32,
    x1: i32,
    y: i32,
    color: RGBColor,
    width: u32,
) -> Result<()> {
    const DASH: i32 = 10;
    const GAP: i32 = 6;
    let mut x = x0;
    while x < x1 {
        let end = (x + DASH).min(x1);
        root.draw(&PathElement::new(
            vec![(x, y), (end, y)],
            color.stroke_width(width),
        ))?;
        x += DASH + GAP;
    }
    Ok(())
}

/// How strongly a bar exceeds its limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Alert {
    /// Within limits: plain fill.
    None,
    /// Over the soft (sustained) limit: red hatching and border over the fill.
    Over,
    /// Over the hard (burst) limit: solid red with dark hatching.
    FarOver,
}

/// Draw one bar in pixel space, styled by how far it exceeds its limit.
pub(crate) fn draw_bar<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    r: PxRect,
    fill: RGBColor,
    alert: Alert,
) -> Result<()> {
    // Never work on more than the canvas (and a border for the outline).
    let canvas = PxRect::new((-4, -4), (WIDTH as i32 + 4, HEIGHT as i32 + 4));
    let r = PxRect {
        x0: r.x0.clamp(canvas.x0, canvas.x1),
        y0: r.y0.clamp(canvas.y0, canvas.y1),
        x1: r.x1.clamp(canvas.x0, canvas.x1),
        y1: r.y1.clamp(canvas.y0, canvas.y1),
    };
    let corners = [(r.x0, r.y0), (r.x1, r.y1)];
    match alert {
        Alert::None => {
            root.draw(&Rectangle::new(corners, fill.filled()))?;
        }
        Alert::Over => {
            root.draw(&Rectangle::new(corners, fill.filled()))?;
            hatch_rect(root, r, ALERT)?;
            root.draw(&Rectangle::new(corners, ALERT.stroke_width(2)))?;
        }
        Alert::FarOver => {
            root.draw(&Rectangle::new(corners, ALERT.filled()))?;
            hatch_rect(root, r, ALERT_DARK)?;
            root.draw(&Rectangle::new(corners, ALERT_DARK.stroke_width(2)))?;
        }
    }
    Ok(())
}

/// Diagonal hatching (45 degrees, 8 px apart) clipped to `r`.
pub(crate) fn hatch_rect<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    r: PxRect,
    color: RGBColor,
) -> Result<()> {
    const STEP: i32 = 8;
    let h = r.height();
    if h <= 0 || r.width() <= 0 {
        return Ok(());
    }
    // Lines y = y1 - (x - k) for k stepping across the rectangle.
    let mut k = r.x0 - h;
    while k <= r.x1 {
        let (sx, ex) = (k.max(r.x0), (k + h).min(r.x1));
        if sx < ex {
            let start = (sx, r.y1 - (sx - k));
            let end = (ex, r.y1 - (ex - k));
            root.draw(&PathElement::new(vec![start, end], color.stroke_width(2)))?;
        }
        k += STEP;
    }
    Ok(())
}

/// Write a muted "no data" note in the middle of `r`.
pub(crate) fn draw_no_data<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    r: PxRect,
    what: &str,
) -> Result<()> {
    let style = text_style(AXIS_SIZE, MUTED);
    let (_, h) = measure(&style, what)?;
    draw_text_centered(
        root,
        what,
        &style,
        (r.x0 + r.x1) / 2,
        (r.y0 + r.y1) / 2 - h / 2,
    )
}

/// Input for one label to place near an anchor point.
#[derive(Debug, Clone, Copy)]
pub(crate) struct LabelRequest {
    /// The point the label annotates.
    pub anchor: (i32, i32),
    /// Size of the label box (text plus padding).
    pub size: (i32, i32),
}

/// Where a label ended up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct LabelSpot {
    /// The label box.
    pub rect: PxRect,
    /// Whether the box is away from its anchor and needs a leader line.
    pub leader: bool,
}

/// Place labels next to their anchors without overlapping each other, the
/// anchors themselves, or (as far as possible) the plotted lines.
///
/// Candidates are tried above/below and right/left/centre of the anchor at
/// growing distances (staggering); each is scored by overlap with placed
/// labels and anchors, line pixels it covers, and distance. `line_pixels`
/// are sampled points of the drawn lines; `bounds` is the plot area labels
/// must stay in. A label that cannot be placed without covering another one
/// is left out (`None`); its anchor is still drawn by the caller.
pub(crate) fn place_labels(
    requests: &[LabelRequest],
    line_pixels: &[(i32, i32)],
    bounds: PxRect,
) -> Vec<Option<LabelSpot>> {
    const DOT: i32 = 7;
    const GAP: i32 = 8;
    const LEVELS: i32 = 12;
    let anchors: Vec<PxRect> = requests
        .iter()
        .map(|r| {
            PxRect::new(
                (r.anchor.0 - DOT, r.anchor.1 - DOT),
                (r.anchor.0 + DOT, r.anchor.1 + DOT),
            )
        })
        .collect();

    let mut placed: Vec<PxRect> = Vec::with_capacity(requests.len());
    let mut out = Vec::with_capacity(requests.len());
    for req in requests {
        let (ax, ay) = req.anchor;
        let (w, h) = req.size;
        // (score, overlaps another label, rect, needs a leader line)
        let mut best: Option<(i64, bool, PxRect, bool)> = None;
        for level in 0..LEVELS {
            let d = GAP + level * (h + 6);
            let tops = [ay - d - h, ay + d];
            let lefts = [
                ax + GAP,
                ax - GAP - w,
                ax - w / 2,
                ax + GAP + w / 2,
                ax - GAP - w - w / 2,
            ];
            for (ti, top) in tops.iter().enumerate() {
                for (li, left) in lefts.iter().enumerate() {
                    let rect = PxRect::new((*left, *top), (left + w, top + h));
                    if !bounds.contains_rect(&rect) {
                        continue;
                    }
                    let label_overlap: i64 =
                        placed.iter().map(|p| p.inflate(3).overlap(&rect)).sum();
                    let anchor_overlap: i64 = anchors.iter().map(|a| a.overlap(&rect)).sum();
                    let hit = rect.inflate(2);
                    let covered = line_pixels.iter().filter(|p| hit.contains(**p)).count() as i64;
                    let score = label_overlap * 1_000_000
                        + anchor_overlap * 100_000
                        + covered * 400
                        + i64::from(level) * 900
                        + (ti as i64) * 40
                        + (li as i64) * 20;
                    if best.as_ref().is_none_or(|(s, ..)| score < *s) {
                        best = Some((score, label_overlap > 0, rect, level > 0 || li > 2));
                    }
                }
            }
        }
        let spot = match best {
            Some((_, false, rect, leader)) => Some(LabelSpot { rect, leader }),
            Some((_, true, ..)) => None,
            None => {
                // Nothing fits inside the bounds (tiny plot or huge label):
                // put it above-right and pull it back in as far as possible.
                let rect = PxRect::new((ax + GAP, ay - GAP - h), (ax + GAP + w, ay - GAP))
                    .clamp_into(&bounds);
                let free = placed.iter().all(|p| p.overlap(&rect) == 0);
                free.then_some(LabelSpot { rect, leader: true })
            }
        };
        if let Some(spot) = &spot {
            placed.push(spot.rect);
        }
        out.push(spot);
    }
    out
}

/// Sample the polyline `points` every few pixels, for collision tests.
pub(crate) fn sample_polyline(points: &[(i32, i32)], out: &mut Vec<(i32, i32)>) {
    const STEP: f64 = 3.0;
    if let Some(first) = points.first() {
        out.push(*first);
    }
    for pair in points.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        let (dx, dy) = (f64::from(b.0 - a.0), f64::from(b.1 - a.1));
        let len = (dx * dx + dy * dy).sqrt();
        let n = (len / STEP).ceil().clamp(1.0, 10_000.0) as i32;
        for i in 1..=n {
            let t = f64::from(i) / f64::from(n);
            out.push((a.0 + (dx * t).round() as i32, a.1 + (dy * t).round() as i32));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn style() -> TextStyle<'static> {
        super::super::ensure_font().expect("font");
        text_style(15.0, INK)
    }

    #[test]
    fn linear_ranges_are_safe() {
        assert_eq!(linear_range(0.0, 0.0, true, 0.1), (0.0, 1.0));
        assert_eq!(linear_range(5.0, 5.0, true, 0.0), (0.0, 5.0));
        assert_eq!(linear_range(5.0, 10.0, false, 0.0), (5.0, 10.0));
        assert_eq!(linear_range(0.0, 10.0, true, 0.1), (0.0, 11.0));
        assert_eq!(linear_range(-10.0, 20.0, true, 0.0), (-10.0, 20.0));
        let (lo, hi) = linear_range(5.0, 5.0, false, 0.0);
        assert!(lo < 5.0 && hi > 5.0);
        // Vanishingly thin or tiny data widens to something drawable.
        assert_eq!(linear_range(5e-324, 5e-324, true, 0.1), (0.0, 1.0));
        let (lo, hi) = linear_range(1e20, 1e20 + 1.0, false, 0.0);
        assert!(hi - lo >= 1e18, "{lo} {hi}");
        // Out of range or inverted input.
        assert_eq!(linear_range(f64::NAN, 1.0, true, 0.0), (0.0, 1.0));
        assert_eq!(linear_range(0.0, f64::MAX, true, 0.0), (0.0, 1.0));
        assert_eq!(linear_range(2.0, 1.0, true, 0.0), (0.0, 1.0));
        let (lo, hi) = linear_range(-PLOTTABLE_MAX, PLOTTABLE_MAX, false, 0.5);
        assert!(lo.is_finite() && hi.is_finite() && (hi - lo).is_finite());
        assert!(plottable(PLOTTABLE_MAX) && !plottable(1e301) && !plottable(f64::NAN));
    }

    #[test]
    fn measuring_is_cached_per_style_and_rotation() {
        let s = style();
        let wide = measure(&s, "rotate me").expect("ok");
        let upright = measure(&s.transform(FontTransform::Rotate270), "rotate me").expect("ok");
        assert_eq!((wide.0, wide.1), (upright.1, upright.0));
        let bigger = measure(&text_style(30.0, INK), "rotate me").expect("ok");
        assert!(bigger.0 > wide.0);
        assert_eq!(measure(&s, "rotate me").expect("ok"), wide);
    }

    #[test]
    fn wrap_keeps_every_word_when_it_fits() {
        let s = style();
        let text = "Centralized interface endpoints in a shared services VPC";
        let lines = wrap_text(&s, text, 150, 10).expect("wraps");
        assert!(lines.len() > 1, "{lines:?}");
        for l in &lines {
            assert!(measure(&s, l).expect("measures").0 <= 150, "{l} too wide");
        }
        assert_eq!(lines.join(" "), text);
    }

    #[test]
    fn wrap_breaks_at_hyphens_and_long_words() {
        let s = style();
        let lines = wrap_text(&s, "hub-and-spoke-with-transit-gateway", 120, 10).expect("wraps");
        assert!(lines.len() > 1);
        assert_eq!(lines.concat(), "hub-and-spoke-with-transit-gateway");
        let word = "x".repeat(200);
        let lines = wrap_text(&s, &word, 100, 100).expect("wraps");
        assert!(lines.len() > 1);
        assert_eq!(lines.concat(), word);
    }

    #[test]
    fn wrap_truncates_in_the_middle_keeping_the_end() {
        let s = style();
        let text = format!("{}the end", "word ".repeat(100));
        let lines = wrap_text(&s, &text, 120, 2).expect("wraps");
        assert_eq!(lines.len(), 2);
        assert!(lines[0].starts_with("word"), "{lines:?}");
        assert!(
            lines[1].contains('…') && lines[1].ends_with("end"),
            "{lines:?}"
        );
        assert!(measure(&s, &lines[1]).expect("measures").0 <= 120);
        let one =
            wrap_text(&s, "com.amazonaws.eu-central-1.service-number-7", 150, 1).expect("wraps");
        assert_eq!(one.len(), 1);
        assert!(
            one[0].starts_with("com.") && one[0].ends_with("-7"),
            "{one:?}"
        );
    }

    #[test]
    fn middle_ellipsis_fits_and_keeps_short_text() {
        let s = style();
        assert_eq!(ellipsize_middle(&s, "  short ", 200).expect("ok"), "short");
        let m = ellipsize_middle(&s, &"abcdefghij".repeat(10), 100).expect("ok");
        assert!(
            m.starts_with('a') && m.ends_with('j') && m.contains('…'),
            "{m}"
        );
        assert!(measure(&s, &m).expect("ok").0 <= 100);
        // Too narrow for anything but the ellipsis: still no panic.
        assert_eq!(ellipsize_middle(&s, "abcdef", 1).expect("ok"), "…");
    }

    #[test]
    fn wrap_keeps_spaces_after_break_characters() {
        let s = style();
        let text = "Centralized endpoints + TGW, shared-services VPC";
        assert_eq!(
            wrap_text(&s, text, 2_000, 1).expect("wraps"),
            vec![text.to_string()]
        );
        let lines = wrap_text(&s, text, 120, 10).expect("wraps");
        assert_eq!(lines.join(" ").replace("- ", "-"), text, "{lines:?}");
    }

    #[test]
    fn wrap_empty_text_is_one_empty_line() {
        assert_eq!(
            wrap_text(&style(), "", 100, 3).expect("wraps"),
            vec![String::new()]
        );
    }

    #[test]
    fn ellipsize_shortens_only_when_needed() {
        let s = style();
        assert_eq!(ellipsize(&s, "short", 200).expect("ok"), "short");
        let long = ellipsize(&s, &"long name ".repeat(20), 200).expect("ok");
        assert!(long.ends_with('…'));
        assert!(measure(&s, &long).expect("measures").0 <= 200);
    }

    #[test]
    fn labels_at_the_same_anchor_are_staggered_without_overlap() {
        let bounds = PxRect::new((0, 0), (800, 500));
        let requests: Vec<LabelRequest> = (0..6)
            .map(|_| LabelRequest {
                anchor: (400, 250),
                size: (150, 22),
            })
            .collect();
        let spots: Vec<LabelSpot> = place_labels(&requests, &[], bounds)
            .into_iter()
            .flatten()
            .collect();
        assert_eq!(spots.len(), 6, "all six fit");
        for (i, a) in spots.iter().enumerate() {
            assert!(bounds.contains_rect(&a.rect), "{a:?} outside");
            for b in &spots[i + 1..] {
                assert_eq!(a.rect.overlap(&b.rect), 0, "{a:?} overlaps {b:?}");
            }
        }
    }

    #[test]
    fn labels_avoid_lines_when_there_is_room() {
        let bounds = PxRect::new((0, 0), (800, 500));
        // A horizontal line just above the anchor: the label should go below.
        let mut line = Vec::new();
        sample_polyline(&[(0, 230), (800, 230)], &mut line);
        let spots = place_labels(
            &[LabelRequest {
                anchor: (400, 250),
                size: (150, 22),
            }],
            &line,
            bounds,
        );
        let r = spots[0].expect("placed").rect;
        assert!(
            line.iter().all(|p| !r.contains(*p)),
            "{r:?} covers the line"
        );
    }

    #[test]
    fn labels_stay_in_bounds_near_edges() {
        let bounds = PxRect::new((100, 50), (700, 450));
        let spots = place_labels(
            &[
                LabelRequest {
                    anchor: (699, 51),
                    size: (180, 22),
                },
                LabelRequest {
                    anchor: (101, 449),
                    size: (180, 22),
                },
            ],
            &[],
            bounds,
        );
        for s in spots {
            let s = s.expect("placed");
            assert!(bounds.contains_rect(&s.rect), "{s:?}");
        }
    }

    #[test]
    fn oversized_label_is_clamped_into_bounds_origin() {
        let bounds = PxRect::new((0, 0), (100, 100));
        let spots = place_labels(
            &[LabelRequest {
                anchor: (50, 50),
                size: (300, 20),
            }],
            &[],
            bounds,
        );
        let spot = spots[0].expect("placed");
        assert_eq!(spot.rect.x0, 0);
        assert!(spot.leader);
    }

    #[test]
    fn labels_that_cannot_fit_are_left_out_rather_than_overlapping() {
        // Room for a handful of labels only.
        let bounds = PxRect::new((0, 0), (300, 120));
        let requests: Vec<LabelRequest> = (0..40)
            .map(|_| LabelRequest {
                anchor: (150, 60),
                size: (120, 20),
            })
            .collect();
        let spots = place_labels(&requests, &[], bounds);
        let placed: Vec<LabelSpot> = spots.iter().flatten().copied().collect();
        assert!(!placed.is_empty());
        assert!(placed.len() < 40, "some are left out");
        for (i, a) in placed.iter().enumerate() {
            for b in &placed[i + 1..] {
                assert_eq!(a.rect.overlap(&b.rect), 0, "{a:?} overlaps {b:?}");
            }
        }
    }

    #[test]
    fn hatch_and_rect_geometry() {
        let r = PxRect::new((10, 20), (0, 0));
        assert_eq!((r.x0, r.y0, r.x1, r.y1), (0, 0, 10, 20));
        assert_eq!(r.overlap(&PxRect::new((5, 5), (15, 15))), 50);
        assert_eq!(r.overlap(&PxRect::new((11, 0), (15, 15))), 0);
        assert_eq!(r.nearest_point((20, 5)), (10, 5));
        let moved = PxRect::new((90, 90), (120, 110)).clamp_into(&PxRect::new((0, 0), (100, 100)));
        assert_eq!(moved, PxRect::new((70, 80), (100, 100)));
    }

    #[test]
    fn polyline_sampling_is_dense() {
        let mut out = Vec::new();
        sample_polyline(&[(0, 0), (30, 0)], &mut out);
        assert!(out.len() >= 10);
        assert_eq!(out.first(), Some(&(0, 0)));
        assert_eq!(out.last(), Some(&(30, 0)));
    }
}
