//! A thin wrapper around a bitmap backend that improves two things plotters
//! 0.3.7 draws poorly on bitmaps:
//!
//! * text: plotters' `ab_glyph` renderer drops each glyph's left side
//!   bearing, so letters are unevenly spaced (`$ 8,000`, `s ervices`). Here
//!   every glyph is placed at its true position from the same DejaVu Sans
//!   data and the same advance widths that plotters uses to measure text, so
//!   layouts computed with plotters' measurements still fit;
//! * thick lines and circles: plotters fills each segment of a wide
//!   polyline as an aliased polygon, which makes sloped series lines look
//!   wobbly, and its circles are jagged. Lines wider than one pixel (butt
//!   ends, round joins) and circles are rasterised here with anti-aliasing.
//!
//! Everything else is passed straight to the wrapped backend.

use std::sync::OnceLock;

use ab_glyph::{Font, FontRef, ScaleFont, point};
use ab_glyph_rasterizer::Rasterizer;
use plotters::style::FontStyle;
use plotters::style::text_anchor::{HPos, VPos};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind,
};

use super::{ChartError, Result};

/// Parsed DejaVu Sans faces.
struct Faces {
    regular: FontRef<'static>,
    bold: FontRef<'static>,
}

fn faces() -> Result<&'static Faces> {
    static FACES: OnceLock<Option<Faces>> = OnceLock::new();
    FACES
        .get_or_init(|| {
            Some(Faces {
                regular: FontRef::try_from_slice(dejavu::sans::regular()).ok()?,
                bold: FontRef::try_from_slice(dejavu::sans::bold()).ok()?,
            })
        })
        .as_ref()
        .ok_or(ChartError::Font)
}

/// Baseline of top-anchored text, as a fraction of the font size. Puts the
/// cap height just under the anchor, like SVG's `dy="0.76em"` does.
const BASELINE: f32 = 0.66;

/// Bitmap backend wrapper with correct glyph placement and anti-aliased
/// thick lines.
pub(crate) struct Polished<DB> {
    inner: DB,
    faces: &'static Faces,
}

impl<DB: DrawingBackend> Polished<DB> {
    pub(crate) fn new(inner: DB) -> Result<Self> {
        Ok(Polished {
            inner,
            faces: faces()?,
        })
    }

    /// Blend `color` at `alpha` coverage onto pixel `(x, y)` if it is on
    /// the canvas.
    fn blend(
        &mut self,
        (x, y): BackendCoord,
        color: BackendColor,
        alpha: f32,
    ) -> std::result::Result<(), DrawingErrorKind<DB::ErrorType>> {
        let (w, h) = self.inner.get_size();
        if alpha <= 0.003 || x < 0 || y < 0 || x >= w as i32 || y >= h as i32 {
            return Ok(());
        }
        self.inner.draw_pixel(
            (x, y),
            BackendColor {
                alpha: color.alpha * f64::from(alpha.min(1.0)),
                rgb: color.rgb,
            },
        )
    }

    /// Anti-aliased polyline of width `width`. Returns `false` (drawing
    /// nothing) when the path is too large to rasterise in one buffer, so
    /// the caller can fall back to the plain backend.
    fn stroke(
        &mut self,
        pts: &[BackendCoord],
        width: f32,
        color: BackendColor,
    ) -> std::result::Result<bool, DrawingErrorKind<DB::ErrorType>> {
        let hw = width / 2.0;
        let pad = hw.ceil() as i32 + 2;
        let (Some(min_x), Some(max_x), Some(min_y), Some(max_y)) = (
            pts.iter().map(|p| p.0).min(),
            pts.iter().map(|p| p.0).max(),
            pts.iter().map(|p| p.1).min(),
            pts.iter().map(|p| p.1).max(),
        ) else {
            return Ok(true);
        };
        let (bw, bh) = (
            i64::from(max_x) - i64::from(min_x) + 2 * i64::from(pad),
            i64::from(max_y) - i64::from(min_y) + 2 * i64::from(pad),
        );
        let (cw, ch) = self.inner.get_size();
        // Paths far larger than the canvas (or near the i32 limits) are left
        // to the plain backend.
        if bw * bh > 4 * i64::from(cw) * i64::from(ch)
            || min_x < -(1 << 20)
            || min_y < -(1 << 20)
            || max_x > 1 << 20
            || max_y > 1 << 20
        {
            return Ok(false);
        }
        let (x0, y0) = (min_x - pad, min_y - pad);
        // Coverage of the whole stroke: each piece (segment quad, round
        // join) is rasterised on its own and merged with `max`, so pieces
        // that overlap do not darken each other's anti-aliased edges.
        let (bw, bh) = (bw as usize, bh as usize);
        let mut coverage = vec![0f32; bw * bh];
        let mut pieces: Vec<Vec<(f32, f32)>> = Vec::new();
        for seg in pts.windows(2) {
            let (a, b) = (seg[0], seg[1]);
            let (ax, ay, bx, by) = (a.0 as f32, a.1 as f32, b.0 as f32, b.1 as f32);
            let (dx, dy) = (bx - ax, by - ay);
            let len = (dx * dx + dy * dy).sqrt();
            if len < f32::EPSILON {
                continue;
            }
            let (nx, ny) = (-dy / len * hw, dx / len * hw);
            pieces.push(vec![
                (ax + nx, ay + ny),
                (bx + nx, by + ny),
                (bx - nx, by - ny),
                (ax - nx, ay - ny),
            ]);
        }
        if pts.len() > 2 {
            for p in &pts[1..pts.len() - 1] {
                const N: usize = 16;
                pieces.push(
                    (0..N)
                        .map(|i| {
                            let t = i as f32 * std::f32::consts::TAU / N as f32;
                            (p.0 as f32 + hw * t.cos(), p.1 as f32 + hw * t.sin())
                        })
                        .collect(),
                );
            }
        }
        for piece in &pieces {
            merge_polygon(&mut coverage, (bw, bh), (x0, y0), &[piece]);
        }
        self.blend_coverage(&coverage, bw, (x0, y0), color)?;
        Ok(true)
    }

    /// Blend `color` through a coverage buffer `width` wide whose top-left
    /// is at canvas `origin`.
    fn blend_coverage(
        &mut self,
        coverage: &[f32],
        width: usize,
        origin: (i32, i32),
        color: BackendColor,
    ) -> std::result::Result<(), DrawingErrorKind<DB::ErrorType>> {
        for (i, a) in coverage.iter().enumerate() {
            if *a > 0.003 {
                let (x, y) = ((i % width) as i32 + origin.0, (i / width) as i32 + origin.1);
                self.blend((x, y), color, *a)?;
            }
        }
        Ok(())
    }

    /// Anti-aliased disc or ring. Returns `false` (drawing nothing) for
    /// circles too large for one buffer.
    fn circle(
        &mut self,
        center: BackendCoord,
        radius: u32,
        stroke: u32,
        fill: bool,
        color: BackendColor,
    ) -> std::result::Result<bool, DrawingErrorKind<DB::ErrorType>> {
        let (cw, ch) = self.inner.get_size();
        if radius > cw.max(ch) {
            return Ok(false);
        }
        let (cx, cy, r) = (center.0 as f32, center.1 as f32, radius as f32);
        let (outer, inner) = if fill {
            (r + 0.5, None)
        } else {
            let half = stroke.max(1) as f32 / 2.0;
            (r + half, Some((r - half).max(0.0)))
        };
        let pad = outer.ceil() as i32 + 2;
        let origin = (center.0 - pad, center.1 - pad);
        let side = (2 * pad + 1) as usize;
        let mut coverage = vec![0f32; side * side];
        let outer_loop = circle_loop(cx, cy, outer, false);
        match inner.filter(|r| *r > 0.0) {
            Some(ir) => {
                let inner_loop = circle_loop(cx, cy, ir, true);
                merge_polygon(
                    &mut coverage,
                    (side, side),
                    origin,
                    &[&outer_loop, &inner_loop],
                );
            }
            None => merge_polygon(&mut coverage, (side, side), origin, &[&outer_loop]),
        }
        self.blend_coverage(&coverage, side, origin, color)?;
        Ok(true)
    }
}

/// Rasterise the closed loops `loops` (canvas pixel coordinates; loops of
/// opposite winding cut holes) with anti-aliasing and merge them into
/// `coverage` (a `size` buffer whose top-left is at canvas `origin`) by
/// taking the maximum per pixel.
fn merge_polygon(
    coverage: &mut [f32],
    size: (usize, usize),
    origin: (i32, i32),
    loops: &[&[(f32, f32)]],
) {
    let all = || loops.iter().flat_map(|l| l.iter());
    let min_x = all().map(|p| p.0).fold(f32::INFINITY, f32::min);
    let min_y = all().map(|p| p.1).fold(f32::INFINITY, f32::min);
    let max_x = all().map(|p| p.0).fold(f32::NEG_INFINITY, f32::max);
    let max_y = all().map(|p| p.1).fold(f32::NEG_INFINITY, f32::max);
    let min_x = (min_x.floor() as i32 - origin.0).max(0);
    let min_y = (min_y.floor() as i32 - origin.1).max(0);
    let max_x = (max_x.ceil() as i32 - origin.0 + 1).min(size.0 as i32);
    let max_y = (max_y.ceil() as i32 - origin.1 + 1).min(size.1 as i32);
    if min_x >= max_x || min_y >= max_y {
        return;
    }
    let (w, h) = ((max_x - min_x) as usize, (max_y - min_y) as usize);
    let mut raster = Rasterizer::new(w, h);
    let (ox, oy) = ((origin.0 + min_x) as f32, (origin.1 + min_y) as f32);
    for poly in loops {
        for (i, a) in poly.iter().enumerate() {
            let b = poly[(i + 1) % poly.len()];
            raster.draw_line(point(a.0 - ox, a.1 - oy), point(b.0 - ox, b.1 - oy));
        }
    }
    raster.for_each_pixel_2d(|x, y, a| {
        let idx = (y as usize + min_y as usize) * size.0 + x as usize + min_x as usize;
        if let Some(c) = coverage.get_mut(idx) {
            *c = c.max(a.min(1.0));
        }
    });
}

/// A circle of radius `r` around `(cx, cy)` as a polygon; `reverse` winds
/// it the other way (for cutting a hole).
fn circle_loop(cx: f32, cy: f32, r: f32, reverse: bool) -> Vec<(f32, f32)> {
    const N: usize = 48;
    (0..N)
        .map(|i| {
            let t = i as f32 * std::f32::consts::TAU / N as f32;
            let t = if reverse { -t } else { t };
            (cx + r * t.cos(), cy + r * t.sin())
        })
        .collect()
}

impl<DB: DrawingBackend> DrawingBackend for Polished<DB> {
    type ErrorType = DB::ErrorType;

    fn get_size(&self) -> (u32, u32) {
        self.inner.get_size()
    }

    fn ensure_prepared(&mut self) -> std::result::Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.ensure_prepared()
    }

    fn present(&mut self) -> std::result::Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.present()
    }

    fn draw_pixel(
        &mut self,
        point: BackendCoord,
        color: BackendColor,
    ) -> std::result::Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.draw_pixel(point, color)
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> std::result::Result<(), DrawingErrorKind<Self::ErrorType>> {
        if style.stroke_width() > 1
            && self.stroke(&[from, to], style.stroke_width() as f32, style.color())?
        {
            return Ok(());
        }
        self.inner.draw_line(from, to, style)
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> std::result::Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.draw_rect(upper_left, bottom_right, style, fill)
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> std::result::Result<(), DrawingErrorKind<Self::ErrorType>> {
        let pts: Vec<BackendCoord> = path.into_iter().collect();
        if style.stroke_width() > 1
            && self.stroke(&pts, style.stroke_width() as f32, style.color())?
        {
            return Ok(());
        }
        self.inner.draw_path(pts, style)
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> std::result::Result<(), DrawingErrorKind<Self::ErrorType>> {
        if self.circle(center, radius, style.stroke_width(), fill, style.color())? {
            return Ok(());
        }
        self.inner.draw_circle(center, radius, style, fill)
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> std::result::Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.fill_polygon(vert, style)
    }

    fn blit_bitmap(
        &mut self,
        pos: BackendCoord,
        (iw, ih): (u32, u32),
        src: &[u8],
    ) -> std::result::Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.blit_bitmap(pos, (iw, ih), src)
    }

    fn draw_text<TStyle: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &TStyle,
        pos: BackendCoord,
    ) -> std::result::Result<(), DrawingErrorKind<Self::ErrorType>> {
        let color = style.color();
        if color.alpha == 0.0 {
            return Ok(());
        }
        let font = match style.style() {
            FontStyle::Bold => &self.faces.bold,
            _ => &self.faces.regular,
        };
        let size = style.size() as f32;
        let scaled = font.as_scaled(size);

        // Same advances and kerning as plotters' text measurement.
        let mut glyphs = Vec::with_capacity(text.len());
        let mut pen = 0.0f32;
        let mut prev = None;
        for ch in text.chars() {
            let id = scaled.glyph_id(ch);
            if let Some(p) = prev {
                pen += scaled.kern(p, id);
            }
            glyphs.push(id.with_scale_and_position(size, point(pen, size * BASELINE)));
            pen += scaled.h_advance(id);
            prev = Some(id);
        }
        let width = pen as i32;
        let height = (f64::from(size) / 1.24) as i32;
        let dx = match style.anchor().h_pos {
            HPos::Left => 0,
            HPos::Right => -width,
            HPos::Center => -width / 2,
        };
        let dy = match style.anchor().v_pos {
            VPos::Top => 0,
            VPos::Center => -height / 2,
            VPos::Bottom => -height,
        };
        let trans = style.transform();

        let (cw, ch) = self.inner.get_size();
        let mut cover = Vec::new();
        for glyph in glyphs {
            if let Some(outline) = font.outline_glyph(glyph) {
                let b = outline.px_bounds();
                let (bx, by) = (b.min.x as i32, b.min.y as i32);
                // Skip glyphs wholly off the canvas (very long labels).
                let c0 = trans.transform(bx + dx, by + dy);
                let c1 = trans.transform(b.max.x as i32 + dx, b.max.y as i32 + dy);
                let (xs, ys) = (
                    (c0.0.min(c1.0), c0.0.max(c1.0)),
                    (c0.1.min(c1.1), c0.1.max(c1.1)),
                );
                if pos.0 + xs.1 < 0
                    || pos.0 + xs.0 >= cw as i32
                    || pos.1 + ys.1 < 0
                    || pos.1 + ys.0 >= ch as i32
                {
                    continue;
                }
                outline.draw(|gx, gy, c| {
                    let (tx, ty) = trans.transform(bx + gx as i32 + dx, by + gy as i32 + dy);
                    cover.push((pos.0 + tx, pos.1 + ty, c));
                });
            }
        }
        for (x, y, c) in cover {
            self.blend((x, y), color, c)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use plotters::prelude::*;

    use super::Polished;
    use crate::charts::layout::{INK, text_style};

    fn canvas(
        draw: impl FnOnce(&DrawingArea<Polished<BitMapBackend>, plotters::coord::Shift>),
    ) -> Vec<u8> {
        crate::charts::ensure_font().expect("font");
        let mut buf = vec![255u8; 200 * 100 * 3];
        {
            let backend =
                Polished::new(BitMapBackend::with_buffer(&mut buf, (200, 100))).expect("faces");
            let root = backend.into_drawing_area();
            draw(&root);
            root.present().expect("present");
        }
        buf
    }

    /// Columns (x) that have at least one dark pixel.
    fn inked_columns(buf: &[u8]) -> Vec<usize> {
        (0..200)
            .filter(|x| (0..100).any(|y| buf[(y * 200 + x) * 3] < 128))
            .collect()
    }

    #[test]
    fn text_is_drawn_inside_its_measured_box() {
        let style = text_style(20.0, INK);
        let (w, h) = style.font.box_size("Sample $8,000").expect("measure");
        let buf = canvas(|root| {
            root.draw_text("Sample $8,000", &style, (10, 30))
                .expect("draw");
        });
        let cols = inked_columns(&buf);
        let (first, last) = (cols[0], cols[cols.len() - 1]);
        assert!((10..=13).contains(&first), "starts at {first}");
        assert!(
            last <= 10 + w as usize + 1,
            "ends at {last}, measured width {w}"
        );
        let rows: Vec<usize> = (0..100)
            .filter(|y| (0..200).any(|x| buf[(y * 200 + x) * 3] < 128))
            .collect();
        assert!(rows[0] >= 28, "top row {}", rows[0]);
        assert!(*rows.last().expect("rows") <= 30 + h as usize + 5);
    }

    #[test]
    fn glyphs_keep_their_side_bearings() {
        // "ll": two glyphs with equal bearings must be separated by a gap
        // of blank columns on both sides of each stem.
        let style = text_style(40.0, INK);
        let buf = canvas(|root| {
            root.draw_text("l l", &style, (10, 10)).expect("draw");
        });
        let cols = inked_columns(&buf);
        assert!(
            cols[0] > 10,
            "first stem starts at the bearing, not at the pen: {}",
            cols[0]
        );
    }

    #[test]
    fn circles_are_antialiased_discs_and_rings() {
        let buf = canvas(|root| {
            root.draw(&Circle::new((50, 50), 20, BLACK.filled()))
                .expect("disc");
            root.draw(&Circle::new((150, 50), 20, BLACK.stroke_width(2)))
                .expect("ring");
        });
        let px = |x: usize, y: usize| buf[(y * 200 + x) * 3];
        assert_eq!(px(50, 50), 0, "disc is filled");
        assert_eq!(px(150, 50), 255, "ring is hollow");
        assert!(px(170, 50) < 60, "ring has its outline: {}", px(170, 50));
        assert_eq!(px(50, 75), 255, "nothing outside the disc");
        // Grey pixels around the disc (left half of the canvas) are its
        // blended edge; a jagged disc has none.
        let greys = (0..100 * 100)
            .filter(|i| {
                let v = px(i % 100, i / 100);
                v > 20 && v < 235
            })
            .count();
        assert!(greys > 40, "disc edge is blended: {greys}");
    }

    #[test]
    fn thick_lines_are_antialiased() {
        let buf = canvas(|root| {
            root.draw(&PathElement::new(
                vec![(10, 10), (190, 60)],
                BLACK.stroke_width(3),
            ))
            .expect("draw");
        });
        let greys = buf.chunks(3).filter(|p| p[0] > 20 && p[0] < 235).count();
        let blacks = buf.chunks(3).filter(|p| p[0] <= 20).count();
        assert!(blacks > 200, "line body drawn: {blacks}");
        assert!(greys > 100, "edges are blended: {greys}");
    }
}
