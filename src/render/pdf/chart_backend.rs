//! A plotters `DrawingBackend` that paints straight into the PDF content stream: lines,
//! rectangles, paths, polygons and circles as vector operations, and text as real PDF text in
//! the embedded Noto Sans (so chart labels stay selectable and searchable).

use super::fonts::{Face, Fonts};
use super::layout::Rgb;
use super::paint::Painter;
use plotters_backend::text_anchor::{HPos, VPos};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind,
    FontStyle, FontTransform,
};

/// Never produced: painting into a buffer cannot fail.
#[derive(Debug)]
pub struct NoError;

impl std::fmt::Display for NoError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PDF chart backend error")
    }
}

impl std::error::Error for NoError {}

/// Draws a `width` × `height` pixel chart into the box whose top-left corner is at
/// (`x`, `top`) in PDF user space (y up), scaled by `scale` points per pixel.
pub struct PdfBackend<'a> {
    pub painter: &'a mut Painter,
    pub fonts: &'a Fonts,
    pub x: f32,
    pub top: f32,
    pub scale: f32,
    pub size: (u32, u32),
}

type Result = std::result::Result<(), DrawingErrorKind<NoError>>;

/// Colour with its alpha flattened onto the white page (no transparency groups needed).
fn rgb(c: BackendColor) -> Rgb {
    let a = c.alpha.clamp(0.0, 1.0) as f32;
    let mix = |v: u8| a * f32::from(v) / 255.0 + (1.0 - a);
    Rgb(mix(c.rgb.0), mix(c.rgb.1), mix(c.rgb.2))
}

fn face(style: FontStyle) -> Face {
    match style {
        FontStyle::Bold => Face::Bold,
        FontStyle::Italic | FontStyle::Oblique => Face::Italic,
        FontStyle::Normal => Face::Regular,
    }
}

impl PdfBackend<'_> {
    fn p(&self, c: BackendCoord) -> (f32, f32) {
        (
            self.x + c.0 as f32 * self.scale,
            self.top - c.1 as f32 * self.scale,
        )
    }

    fn stroke(&self, s: u32) -> f32 {
        (s.max(1) as f32 * self.scale).max(0.25)
    }
}

impl DrawingBackend for PdfBackend<'_> {
    type ErrorType = NoError;

    fn get_size(&self) -> (u32, u32) {
        self.size
    }

    fn ensure_prepared(&mut self) -> Result {
        Ok(())
    }

    fn present(&mut self) -> Result {
        Ok(())
    }

    fn draw_pixel(&mut self, point: BackendCoord, color: BackendColor) -> Result {
        if color.alpha > 0.0 {
            let (x, y) = self.p(point);
            self.painter
                .fill_rect(x, y - self.scale, self.scale, self.scale, rgb(color));
        }
        Ok(())
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Result {
        if style.color().alpha > 0.0 {
            let w = self.stroke(style.stroke_width());
            let pts = [self.p(from), self.p(to)];
            self.painter.polyline(&pts, rgb(style.color()), w, false);
        }
        Ok(())
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result {
        if style.color().alpha == 0.0 {
            return Ok(());
        }
        let (x0, y0) = self.p(upper_left);
        let (x1, y1) = self.p(bottom_right);
        let (x, y, w, h) = (x0.min(x1), y0.min(y1), (x1 - x0).abs(), (y1 - y0).abs());
        if fill {
            // Plotters' rectangles include their last pixel.
            self.painter.fill_rect(
                x,
                y - self.scale,
                w + self.scale,
                h + self.scale,
                rgb(style.color()),
            );
        } else {
            let sw = self.stroke(style.stroke_width());
            self.painter.stroke_rect(x, y, w, h, rgb(style.color()), sw);
        }
        Ok(())
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result {
        if style.color().alpha > 0.0 {
            let pts: Vec<(f32, f32)> = path.into_iter().map(|c| self.p(c)).collect();
            let w = self.stroke(style.stroke_width());
            self.painter.polyline(&pts, rgb(style.color()), w, false);
        }
        Ok(())
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result {
        if style.color().alpha > 0.0 {
            let (x, y) = self.p(center);
            let w = self.stroke(style.stroke_width());
            self.painter.circle(
                x,
                y,
                radius as f32 * self.scale,
                rgb(style.color()),
                fill,
                w,
            );
        }
        Ok(())
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Result {
        if style.color().alpha > 0.0 {
            let pts: Vec<(f32, f32)> = vert.into_iter().map(|c| self.p(c)).collect();
            self.painter.polygon(&pts, rgb(style.color()));
        }
        Ok(())
    }

    fn draw_text<T: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &T,
        pos: BackendCoord,
    ) -> Result {
        let color = style.color();
        if color.alpha == 0.0 || text.is_empty() {
            return Ok(());
        }
        let text: String = text
            .chars()
            .filter_map(|c| self.fonts.displayable(c))
            .collect();
        let face = face(style.style());
        let m = self.fonts.face(face);
        // Plotters' text size is the line height (ascent + descent), as ab_glyph reads it.
        let line = style.size() as f32 * self.scale;
        let size = line / (m.ascent + m.descent);
        let width = self.fonts.width(face, size, &text);
        // Offsets along the text direction (dx) and downwards across it (dy), in points,
        // matching where ab_glyph puts the baseline for each anchor.
        let dx = match style.anchor().h_pos {
            HPos::Left => 0.0,
            HPos::Center => -width / 2.0,
            HPos::Right => -width,
        };
        let dy = match style.anchor().v_pos {
            VPos::Top => line / 2.0,
            VPos::Center => 0.0,
            VPos::Bottom => -line / 2.0,
        };
        // Screen rotation is clockwise with y down; PDF angles are anticlockwise with y up.
        let angle: f32 = match style.transform() {
            FontTransform::None => 0.0,
            FontTransform::Rotate90 => -90.0,
            FontTransform::Rotate180 => 180.0,
            FontTransform::Rotate270 => 90.0,
        };
        let (sin, cos) = angle.to_radians().sin_cos();
        let (px, py) = self.p(pos);
        // Along-text unit vector (cos, sin); "down" across the text is (sin, -cos).
        let x = px + dx * cos + dy * sin;
        let y = py + dx * sin - dy * cos;
        self.painter
            .text(self.fonts, (x, y), face, size, rgb(color), &text, angle);
        Ok(())
    }

    fn estimate_text_size<T: BackendTextStyle>(
        &self,
        text: &str,
        style: &T,
    ) -> std::result::Result<(u32, u32), DrawingErrorKind<NoError>> {
        let line = style.size() as f32;
        let f = face(style.style());
        let m = self.fonts.face(f);
        let w = self.fonts.width(f, line / (m.ascent + m.descent), text);
        Ok((w.round() as u32, line.round() as u32))
    }

    fn blit_bitmap(&mut self, _pos: BackendCoord, _size: (u32, u32), _src: &[u8]) -> Result {
        // Charts are vector only; bitmaps are not drawn.
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::pdf::fonts::fonts;
    use plotters::prelude::*;

    #[test]
    fn draws_vectors_and_real_text() {
        let mut painter = Painter::default();
        let fonts = fonts().unwrap();
        {
            let backend = PdfBackend {
                painter: &mut painter,
                fonts,
                x: 50.0,
                top: 700.0,
                scale: 0.5,
                size: (640, 360),
            };
            let area = backend.into_drawing_area();
            area.fill(&WHITE).unwrap();
            area.draw(&Rectangle::new([(10, 10), (100, 50)], BLUE.filled()))
                .unwrap();
            area.draw(&PathElement::new(vec![(0, 0), (50, 80), (90, 20)], RED))
                .unwrap();
            area.draw(&Circle::new((200, 200), 5, GREEN.filled()))
                .unwrap();
            area.draw(&Text::new(
                "£1.2m",
                (300, 100),
                ("sans-serif", 14).into_font(),
            ))
            .unwrap();
            area.present().unwrap();
        }
        let (content, used) = painter.finish();
        // The label is real text: one text-showing operation of the glyphs of "£1.2m", in
        // the order of the string, and the glyphs are recorded for the font subset.
        let regular = fonts.face(Face::Regular);
        let mut shown_op = vec![b'('];
        for c in "£1.2m".chars() {
            shown_op.extend(regular.glyph(c).unwrap().to_be_bytes());
        }
        shown_op.extend(b")Tj");
        let content = String::from_utf8_lossy(&content).into_owned();
        assert_eq!(content.matches("Tj").count(), 1);
        let raw = String::from_utf8_lossy(&shown_op).into_owned();
        assert!(content.contains(&raw), "{content}");
        let shown: String = used.glyphs(Face::Regular).map(|(_, c)| c).collect();
        for c in "£1.2m".chars() {
            assert!(shown.contains(c), "{shown}");
        }
        // Lines are stroked paths, the circle is filled Bézier arcs.
        assert!(content.contains(" l\nS\n"), "{content}");
        assert!(content.contains(" c\nh f\n"), "{content}");
    }
}
