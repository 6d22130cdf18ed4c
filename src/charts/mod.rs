//! Charts for vpceplan reports, rendered with plotters.
//!
//! Every renderer is a pure function: it takes plain data (`f64` and
//! `String` fields, money already converted from exact decimals by the
//! caller) and returns the same chart twice, as an SVG document (`String`)
//! and as a PNG image (`Vec<u8>`, [`WIDTH`] x [`HEIGHT`] pixels). Nothing
//! touches the file system.
//!
//! Text is drawn with DejaVu Sans, embedded through the `dejavu` crate and
//! registered once with plotters' `ab_glyph` font table under the family name
//! [`FONT_FAMILY`], so neither fontconfig nor freetype is needed. The PNG
//! goes through a small backend wrapper that places glyphs and anti-aliases
//! wide lines better than plotters' bitmap backend does on its own.
//!
//! Charts:
//! * [`cost_curve`]: monthly cost against a swept quantity, one line per
//!   design, break-even points marked and labelled;
//! * [`cost_breakdown`]: stacked monthly cost by component, one bar per design;
//! * [`eni_load`]: per-AZ endpoint load, normal and with one AZ lost, against
//!   the sustained and burst limits;
//! * [`failover`]: load per Region before and after a failover, against each
//!   Region's capacity.
//!
//! Bad numbers never panic: NaN, infinities and magnitudes beyond 1e300 are
//! skipped, values that cannot sit on a log axis are dropped, empty inputs
//! give an empty chart with a "no data" note, and over-long names are
//! wrapped or shortened in the middle.
//!
//! `examples/chart_gallery.rs` renders every chart with sample data into a
//! directory for eyeballing: `cargo run --example chart_gallery -- DIR`.

mod breakdown;
mod cost_curve;
mod eni;
mod failover;
mod format;
mod layout;
mod raster;

use std::sync::OnceLock;

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::FontStyle;

pub use breakdown::{BreakdownBar, CostBreakdown, CostComponent, cost_breakdown};
pub use cost_curve::{BreakEven, CostCurve, Series, cost_curve, find_break_evens};
pub use eni::{AzLoad, EniLoad, ResourceLoad, eni_load};
pub use failover::{FailoverLoad, RegionLoad, failover};
pub use format::fmt_usd_axis;

/// Width of every chart, in pixels (SVG user units and PNG pixels).
pub const WIDTH: u32 = 1200;
/// Height of every chart, in pixels (SVG user units and PNG pixels).
pub const HEIGHT: u32 = 700;
/// Font family every chart uses; DejaVu Sans is registered under it.
pub const FONT_FAMILY: &str = "sans-serif";

/// Why a chart could not be rendered.
#[derive(Debug, thiserror::Error)]
pub enum ChartError {
    /// The embedded font was rejected by plotters' font loader.
    #[error("embedded DejaVu Sans font could not be registered with plotters")]
    Font,
    /// A plotters drawing operation failed.
    #[error("chart drawing failed: {0}")]
    Drawing(String),
    /// The rendered bitmap could not be encoded as PNG.
    #[error("PNG encoding failed: {0}")]
    Png(#[from] png::EncodingError),
}

impl<E: std::error::Error + Send + Sync> From<DrawingAreaErrorKind<E>> for ChartError {
    fn from(err: DrawingAreaErrorKind<E>) -> Self {
        ChartError::Drawing(err.to_string())
    }
}

/// Result of a chart renderer.
pub type Result<T, E = ChartError> = std::result::Result<T, E>;

/// Register DejaVu Sans (regular and bold) as [`FONT_FAMILY`], once per process.
fn ensure_font() -> Result<()> {
    static REGISTERED: OnceLock<bool> = OnceLock::new();
    let ok = *REGISTERED.get_or_init(|| {
        plotters::style::register_font(FONT_FAMILY, FontStyle::Normal, dejavu::sans::regular())
            .is_ok()
            && plotters::style::register_font(FONT_FAMILY, FontStyle::Bold, dejavu::sans::bold())
                .is_ok()
    });
    if ok { Ok(()) } else { Err(ChartError::Font) }
}

/// A chart that can draw itself on any plotters backend.
trait Chart {
    /// Draw the whole chart on `root`, which is [`WIDTH`] x [`HEIGHT`] and
    /// already filled white.
    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<()>;
}

/// Render `chart` to an SVG string and a PNG byte vector.
fn render(chart: &impl Chart) -> Result<(String, Vec<u8>)> {
    ensure_font()?;
    layout::clear_measure_cache();

    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, HEIGHT)).into_drawing_area();
        root.fill(&WHITE)?;
        chart.draw(&root)?;
        root.present()?;
    }

    let mut rgb = vec![0u8; WIDTH as usize * HEIGHT as usize * 3];
    {
        let backend = raster::Polished::new(BitMapBackend::with_buffer(&mut rgb, (WIDTH, HEIGHT)))?;
        let root = backend.into_drawing_area();
        root.fill(&WHITE)?;
        chart.draw(&root)?;
        root.present()?;
    }

    Ok((svg, encode_png(&rgb, WIDTH, HEIGHT)?))
}

/// Encode a packed RGB8 buffer as a PNG file in memory.
fn encode_png(rgb: &[u8], width: u32, height: u32) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut out, width, height);
        encoder.set_color(png::ColorType::Rgb);
        encoder.set_depth(png::BitDepth::Eight);
        encoder.set_compression(png::Compression::Default);
        let mut writer = encoder.write_header()?;
        writer.write_image_data(rgb)?;
        writer.finish()?;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn font_registers_and_measures_text() {
        ensure_font().expect("font registers");
        let font = FontDesc::new(FontFamily::Name(FONT_FAMILY), 20.0, FontStyle::Normal);
        let (w, h) = font.box_size("break-even").expect("font is available");
        assert!(w > 50 && w < 200, "width {w}");
        assert!(h > 5 && h < 40, "height {h}");
        // Registering is idempotent.
        ensure_font().expect("second call is fine");
    }

    #[test]
    fn png_encoder_writes_signature_and_size() {
        let rgb = vec![255u8; 4 * 3 * 3];
        let png = encode_png(&rgb, 4, 3).expect("encodes");
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
        assert_eq!(u32::from_be_bytes([png[16], png[17], png[18], png[19]]), 4);
        assert_eq!(u32::from_be_bytes([png[20], png[21], png[22], png[23]]), 3);
    }

    #[test]
    fn png_encoder_rejects_short_buffer() {
        let rgb = vec![0u8; 5];
        assert!(matches!(encode_png(&rgb, 4, 3), Err(ChartError::Png(_))));
    }
}
