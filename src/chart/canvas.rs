//! Drawing primitives in logical units (the chart's WIDTH × HEIGHT design grid) on any
//! plotters backend, and the one-time registration of the embedded Noto Sans fonts.

use super::plot::Colour;
use super::Chart;
use plotters::coord::Shift;
use plotters::prelude::{Circle, DrawingArea, DrawingBackend, PathElement, Polygon, Rectangle};
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::{FontDesc, FontFamily, FontStyle, RGBColor, ShapeStyle, TextStyle};
use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::OnceLock;

/// The family every chart text uses. It is registered with Noto Sans, so no system font or
/// fontconfig is ever consulted; SVG output names real fonts (see `output.rs`).
pub(crate) const FAMILY: &str = "sans-serif";

/// plotters' ab_glyph text size is the font's ascent − descent in pixels, not its em size.
/// For Noto Sans that is (2189 + 600) / 2048 em, read from the font's hhea table.
pub(crate) const LINE_PER_EM: f64 = 2789.0 / 2048.0;

/// With `VPos::Top`, ab_glyph draws the baseline half the plotters size below the anchor.
pub(crate) const BASELINE_PER_EM: f64 = LINE_PER_EM / 2.0;

/// Registers Noto Sans (regular, bold, italic) for every family name charts use, once.
pub(crate) fn register_fonts() -> Result<(), String> {
    static DONE: OnceLock<Result<(), String>> = OnceLock::new();
    DONE.get_or_init(|| {
        let faces = [
            (FontStyle::Normal, notosans::REGULAR_TTF),
            (FontStyle::Bold, notosans::BOLD_TTF),
            (FontStyle::Italic, notosans::ITALIC_TTF),
        ];
        for family in [FAMILY, "Noto Sans"] {
            for (style, bytes) in faces {
                plotters::style::register_font(family, style, bytes).map_err(|_| {
                    format!("the embedded Noto Sans {} font is invalid", style.as_str())
                })?;
            }
        }
        Ok(())
    })
    .clone()
}

/// What a measured width depends on besides the text.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
struct WidthKey {
    backend: &'static str,
    size: u64,
    bold: bool,
}

/// Measured widths beyond this many are forgotten (a build of 1,000 initiatives measures a
/// few thousand distinct labels).
const WIDTHS_KEPT: usize = 50_000;

thread_local! {
    /// Text widths measured on this thread, in backend pixels.
    static WIDTHS: RefCell<HashMap<WidthKey, HashMap<String, u32>>> = RefCell::new(HashMap::new());
}

fn rgb(c: Colour) -> RGBColor {
    RGBColor(c.0, c.1, c.2)
}

/// A drawing area seen in logical units: `s` device pixels per logical pixel.
pub(crate) struct Canvas<'a, DB: DrawingBackend> {
    area: &'a DrawingArea<DB, Shift>,
    s: f64,
    /// Logical width and height of the whole area.
    pub w: f64,
    pub h: f64,
    name: &'a str,
}

impl<'a, DB: DrawingBackend> Canvas<'a, DB> {
    pub fn new(
        area: &'a DrawingArea<DB, Shift>,
        name: &'a str,
    ) -> Result<Self, crate::error::Error> {
        let (pw, ph) = area.dim_in_pixel();
        if pw == 0 || ph == 0 {
            return Err(crate::error::Error::Chart {
                name: name.to_string(),
                message: "the drawing area is empty".to_string(),
            });
        }
        // Layout is done on the design grid; a larger area (PNG at print scale, PDF) scales
        // every length alike, and a different aspect ratio gets a wider or taller grid.
        let s = (pw as f64 / Chart::WIDTH as f64).min(ph as f64 / Chart::HEIGHT as f64);
        Ok(Canvas {
            area,
            s,
            w: pw as f64 / s,
            h: ph as f64 / s,
            name,
        })
    }

    pub fn err(&self, e: impl std::fmt::Display) -> crate::error::Error {
        crate::error::Error::Chart {
            name: self.name.to_string(),
            message: e.to_string(),
        }
    }

    fn px(&self, v: f64) -> i32 {
        (v * self.s).round() as i32
    }

    fn pt(&self, (x, y): (f64, f64)) -> (i32, i32) {
        (self.px(x), self.px(y))
    }

    fn stroke(&self, width: f64) -> u32 {
        ((width * self.s).round() as u32).max(1)
    }

    fn font(&self, em: f64, bold: bool) -> TextStyle<'static> {
        let style = if bold {
            FontStyle::Bold
        } else {
            FontStyle::Normal
        };
        TextStyle::from(FontDesc::new(
            FontFamily::Name(FAMILY),
            em * LINE_PER_EM * self.s,
            style,
        ))
    }

    /// Width of `text` in logical units, as the renderer will lay it out.
    ///
    /// Remembered per backend, size and weight: labels are measured over and over while a
    /// legend or axis is fitted, and plotters' own measurement looks the font up and copies
    /// its tables on every call (a sixth of drawing an SVG chart).
    pub fn text_width(&self, text: &str, em: f64, bold: bool) -> Result<f64, crate::error::Error> {
        let key = WidthKey {
            backend: std::any::type_name::<DB>(),
            size: (em * LINE_PER_EM * self.s).to_bits(),
            bold,
        };
        if let Some(w) = WIDTHS.with(|c| c.borrow().get(&key).and_then(|m| m.get(text)).copied()) {
            return Ok(w as f64 / self.s);
        }
        let (w, _) = self
            .area
            .estimate_text_size(text, &self.font(em, bold))
            .map_err(|e| self.err(e))?;
        WIDTHS.with(|c| {
            let mut c = c.borrow_mut();
            if c.values().map(HashMap::len).sum::<usize>() >= WIDTHS_KEPT {
                c.clear();
            }
            c.entry(key).or_default().insert(text.to_string(), w);
        });
        Ok(w as f64 / self.s)
    }

    /// Writes `text` with its baseline at `y`, aligned on `x` as `align` says.
    #[allow(clippy::too_many_arguments)]
    pub fn text(
        &self,
        text: &str,
        x: f64,
        y: f64,
        em: f64,
        bold: bool,
        colour: Colour,
        align: HPos,
    ) -> Result<(), crate::error::Error> {
        let fill = rgb(colour);
        let style = self
            .font(em, bold)
            .color(&fill)
            .pos(Pos::new(align, VPos::Top));
        let top = (self.px(x), self.px(y - em * BASELINE_PER_EM));
        self.area
            .draw(&plotters::element::Text::new(text.to_string(), top, style))
            .map_err(|e| self.err(e))
    }

    pub fn fill(&self, colour: Colour) -> Result<(), crate::error::Error> {
        self.area.fill(&rgb(colour)).map_err(|e| self.err(e))
    }

    /// A filled rectangle between two corners.
    pub fn rect(
        &self,
        a: (f64, f64),
        b: (f64, f64),
        colour: Colour,
    ) -> Result<(), crate::error::Error> {
        let style = ShapeStyle::from(&rgb(colour)).filled();
        self.area
            .draw(&Rectangle::new([self.pt(a), self.pt(b)], style))
            .map_err(|e| self.err(e))
    }

    pub fn line(
        &self,
        points: &[(f64, f64)],
        colour: Colour,
        width: f64,
    ) -> Result<(), crate::error::Error> {
        let pts: Vec<(i32, i32)> = points.iter().map(|&p| self.pt(p)).collect();
        let style = ShapeStyle::from(&rgb(colour)).stroke_width(self.stroke(width));
        self.area
            .draw(&PathElement::new(pts, style))
            .map_err(|e| self.err(e))
    }

    /// A polyline drawn as dashes of `dash` with gaps of `gap`, continuing round corners.
    pub fn dashed(
        &self,
        points: &[(f64, f64)],
        colour: Colour,
        width: f64,
        (dash, gap): (f64, f64),
    ) -> Result<(), crate::error::Error> {
        let mut on = true;
        let mut left = dash;
        let mut current: Vec<(f64, f64)> = points.first().copied().into_iter().collect();
        for pair in points.windows(2) {
            let (mut x, mut y) = pair[0];
            let (x1, y1) = pair[1];
            let mut len = ((x1 - x).powi(2) + (y1 - y).powi(2)).sqrt();
            while len > 0.0 {
                let step = left.min(len);
                x += (x1 - x) * step / len;
                y += (y1 - y) * step / len;
                len -= step;
                left -= step;
                if on {
                    current.push((x, y));
                }
                if left <= 1e-9 {
                    if on {
                        self.line(&current, colour, width)?;
                        current.clear();
                    } else {
                        current = vec![(x, y)];
                    }
                    on = !on;
                    left = if on { dash } else { gap };
                }
            }
        }
        if on && current.len() > 1 {
            self.line(&current, colour, width)?;
        }
        Ok(())
    }

    pub fn circle(&self, c: (f64, f64), r: f64, colour: Colour) -> Result<(), crate::error::Error> {
        let style = ShapeStyle::from(&rgb(colour)).filled();
        let r = ((r * self.s).round() as u32).max(1);
        self.area
            .draw(&Circle::new(self.pt(c), r, style))
            .map_err(|e| self.err(e))
    }

    pub fn polygon(
        &self,
        points: &[(f64, f64)],
        colour: Colour,
    ) -> Result<(), crate::error::Error> {
        let pts: Vec<(i32, i32)> = points.iter().map(|&p| self.pt(p)).collect();
        let style = ShapeStyle::from(&rgb(colour)).filled();
        self.area
            .draw(&Polygon::new(pts, style))
            .map_err(|e| self.err(e))
    }
}
