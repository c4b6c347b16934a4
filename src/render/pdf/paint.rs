//! The painter: turns drawing calls in PDF user space (points, y up) into the bytes of a PDF
//! content stream, tracking text objects, fonts and colours so the stream stays small, and
//! recording which glyphs each face showed (for the font subsets and their Unicode maps).
//!
//! Text is written as 2-byte glyph ids of the full face (`Identity-H`); the font objects map
//! them to the subset's renumbered glyphs with a `/CIDToGIDMap`, so nothing painted has to
//! wait for the subset to be made.

use super::fonts::{Face, Fonts};
use super::layout::Rgb;
use super::objects::num;

/// Rounds to 1/100 pt: enough precision, short numbers, stable bytes.
pub fn r(v: f32) -> f32 {
    (v * 100.0).round() / 100.0 + 0.0
}

/// The glyphs shown, per face: for each glyph id, the character it was shown for, plus one
/// (0: not shown). The first character wins, which is what the Unicode map can say.
#[derive(Debug, Default, Clone)]
pub struct Used(pub Vec<Vec<u32>>);

impl Used {
    fn mark(&mut self, face: Face, count: u16, gid: u16, c: char) {
        if self.0.len() <= face.index() {
            self.0.resize(face.index() + 1, Vec::new());
        }
        let v = &mut self.0[face.index()];
        if v.is_empty() {
            v.resize(usize::from(count).max(1), 0);
        }
        if let Some(slot) = v.get_mut(usize::from(gid)) {
            if *slot == 0 {
                *slot = c as u32 + 1;
            }
        }
    }

    /// Adds the glyphs `later` noted (on later pages): a glyph keeps the character it was
    /// first shown for, as if one pass had painted every page.
    pub fn merge(&mut self, later: Used) {
        if self.0.len() < later.0.len() {
            self.0.resize(later.0.len(), Vec::new());
        }
        for (mine, theirs) in self.0.iter_mut().zip(later.0) {
            if mine.is_empty() {
                *mine = theirs;
                continue;
            }
            for (slot, c) in mine.iter_mut().zip(theirs) {
                if *slot == 0 {
                    *slot = c;
                }
            }
        }
    }

    /// The glyphs of `face` shown, with their characters, in glyph order.
    pub fn glyphs(&self, face: Face) -> impl Iterator<Item = (u16, char)> + '_ {
        self.0
            .get(face.index())
            .into_iter()
            .flatten()
            .enumerate()
            .filter(|(_, c)| **c != 0)
            .filter_map(|(g, c)| Some((u16::try_from(g).ok()?, char::from_u32(*c - 1)?)))
    }

    pub fn any(&self, face: Face) -> bool {
        self.0
            .get(face.index())
            .is_some_and(|v| v.iter().any(|c| *c != 0))
    }

    /// Every face that showed a glyph, in face order.
    pub fn faces(&self) -> impl Iterator<Item = Face> + '_ {
        (0..self.0.len()).map(Face::at).filter(|f| self.any(*f))
    }
}

#[derive(Default)]
pub struct Painter {
    /// The content stream so far.
    pub out: Vec<u8>,
    pub used: Used,
    in_text: bool,
    font: Option<(Face, f32)>,
    fill: Option<Rgb>,
    stroke: Option<Rgb>,
    width: Option<f32>,
    dashed: bool,
    marked: bool,
}

impl Painter {
    /// A painter for the next page, carrying over the glyphs shown so far.
    pub fn with_used(used: Used) -> Painter {
        Painter {
            used,
            ..Painter::default()
        }
    }

    fn op(&mut self, s: &str) {
        self.out.extend_from_slice(s.as_bytes());
        self.out.push(b'\n');
    }

    fn nums(&mut self, values: &[f32]) {
        for v in values {
            num(&mut self.out, *v, 100);
            self.out.push(b' ');
        }
    }

    fn end_text(&mut self) {
        if self.in_text {
            self.op("ET");
            self.in_text = false;
        }
    }

    fn colour(&mut self, c: Rgb, op: &str) {
        for v in [c.0, c.1, c.2] {
            num(&mut self.out, v.clamp(0.0, 1.0), 1000);
            self.out.push(b' ');
        }
        self.op(op);
    }

    fn set_fill(&mut self, c: Rgb) {
        if self.fill != Some(c) {
            self.colour(c, "rg");
            self.fill = Some(c);
        }
    }

    fn set_stroke(&mut self, c: Rgb, width: f32, dashed: bool) {
        if self.stroke != Some(c) {
            self.colour(c, "RG");
            self.stroke = Some(c);
        }
        let w = r(width.max(0.05));
        if self.width != Some(w) {
            self.nums(&[w]);
            self.op("w");
            self.width = Some(w);
        }
        if self.dashed != dashed {
            // Dotted: round caps on zero-length dashes, 3 pt apart.
            self.op(if dashed {
                "1 J [0 3] 0 d"
            } else {
                "0 J [] 0 d"
            });
            self.dashed = dashed;
        }
    }

    /// Text with its baseline origin at `(x, y)`, rotated `angle` degrees anticlockwise.
    /// `s` has already been reduced to characters the faces can show (`Fonts::displayable`);
    /// anything else shows as `.notdef`.
    #[allow(clippy::too_many_arguments)]
    pub fn text(
        &mut self,
        fonts: &Fonts,
        (x, y): (f32, f32),
        face: Face,
        size: f32,
        c: Rgb,
        s: &str,
        angle: f32,
    ) {
        if s.is_empty() {
            return;
        }
        if !self.in_text {
            self.op("BT");
            self.in_text = true;
        }
        let size = r(size);
        self.set_fill(c);
        if angle == 0.0 {
            self.out.extend_from_slice(b"1 0 0 1 ");
        } else {
            let (sin, cos) = angle.to_radians().sin_cos();
            for v in [cos, sin, -sin, cos] {
                num(&mut self.out, v, 10000);
                self.out.push(b' ');
            }
        }
        self.nums(&[x, y]);
        self.op("Tm");
        // Each run of characters in the face that shows them (text measured by the layout
        // is in those faces already; furniture and chart labels may switch), one after the
        // other: each `Tj` moves the pen on by the widths it showed.
        let mut run: Option<Face> = None;
        for ch in s.chars() {
            let Some((f, ch)) = fonts.resolve(face, ch) else {
                continue;
            };
            if run != Some(f) {
                if run.is_some() {
                    self.op(")Tj");
                }
                if self.font != Some((f, size)) {
                    self.out.push(b'/');
                    self.out.extend_from_slice(f.resource().as_bytes());
                    self.out.push(b' ');
                    self.nums(&[size]);
                    self.op("Tf");
                    self.font = Some((f, size));
                }
                // Two bytes per glyph in a literal string (half the size of hex, so half the
                // bytes to deflate); only the delimiters, the backslash and CR (which a
                // reader would turn into LF) need escaping.
                self.out.push(b'(');
                run = Some(f);
            }
            let metrics = fonts.face(f);
            // `resolve` only gives a face that has the glyph: never `.notdef`.
            let gid = metrics.glyph(ch).unwrap_or(0);
            self.used.mark(f, metrics.glyph_count(), gid, ch);
            for b in gid.to_be_bytes() {
                match b {
                    b'(' | b')' | b'\\' => self.out.extend_from_slice(&[b'\\', b]),
                    b'\r' => self.out.extend_from_slice(b"\\r"),
                    _ => self.out.push(b),
                }
            }
        }
        if run.is_some() {
            self.op(")Tj");
        }
    }

    fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, paint: &str) {
        self.nums(&[r(x), r(y), r(w), r(h)]);
        self.out.extend_from_slice(b"re ");
        self.op(paint);
    }

    pub fn fill_rect(&mut self, x: f32, y: f32, w: f32, h: f32, c: Rgb) {
        self.end_text();
        self.set_fill(c);
        self.rect(x, y, w, h, "f");
    }

    pub fn stroke_rect(&mut self, x: f32, y: f32, w: f32, h: f32, c: Rgb, width: f32) {
        self.end_text();
        self.set_stroke(c, width, false);
        self.rect(x, y, w, h, "S");
    }

    fn path(&mut self, points: &[(f32, f32)]) {
        for (i, p) in points.iter().enumerate() {
            self.nums(&[r(p.0), r(p.1)]);
            self.op(if i == 0 { "m" } else { "l" });
        }
    }

    pub fn polyline(&mut self, points: &[(f32, f32)], c: Rgb, width: f32, dashed: bool) {
        if points.len() < 2 {
            return;
        }
        self.end_text();
        self.set_stroke(c, width, dashed);
        self.path(points);
        self.op("S");
    }

    pub fn polygon(&mut self, points: &[(f32, f32)], c: Rgb) {
        if points.len() < 3 {
            return;
        }
        self.end_text();
        self.set_fill(c);
        self.path(points);
        self.op("h f");
    }

    /// A circle from four Bézier arcs, filled or stroked.
    pub fn circle(&mut self, cx: f32, cy: f32, radius: f32, c: Rgb, fill: bool, width: f32) {
        self.end_text();
        if fill {
            self.set_fill(c);
        } else {
            self.set_stroke(c, width, false);
        }
        let k = 0.552_284_8 * radius;
        let rr = radius;
        self.nums(&[r(cx + rr), r(cy)]);
        self.op("m");
        let arcs = [
            [cx + rr, cy + k, cx + k, cy + rr, cx, cy + rr],
            [cx - k, cy + rr, cx - rr, cy + k, cx - rr, cy],
            [cx - rr, cy - k, cx - k, cy - rr, cx, cy - rr],
            [cx + k, cy - rr, cx + rr, cy - k, cx + rr, cy],
        ];
        for a in arcs {
            self.nums(&a.map(r));
            self.op("c");
        }
        self.op(if fill { "h f" } else { "h S" });
    }

    pub fn save(&mut self) {
        self.end_text();
        self.op("q");
    }

    /// Restores the graphics state and forgets what it knew about it.
    pub fn restore(&mut self) {
        self.end_text();
        self.op("Q");
        let (out, used, marked) = (
            std::mem::take(&mut self.out),
            std::mem::take(&mut self.used),
            self.marked,
        );
        *self = Painter {
            out,
            used,
            marked,
            ..Painter::default()
        };
    }

    pub fn clip(&mut self, x: f32, y: f32, w: f32, h: f32) {
        self.end_text();
        self.rect(x, y, w, h, "W n");
    }

    /// Opens a marked-content sequence: a structure element's content (`Some(mcid)`) or an
    /// artifact (`None`). `tag` is a structure role (a PDF name without its slash).
    pub fn begin_marked(&mut self, tag: &str, mcid: Option<usize>) {
        self.end_marked();
        self.end_text();
        self.out.push(b'/');
        self.out.extend_from_slice(tag.as_bytes());
        match mcid {
            Some(id) => {
                self.out.extend_from_slice(b"<</MCID ");
                self.out.extend_from_slice(id.to_string().as_bytes());
                self.op(">>BDC");
            }
            None => self.op(" BMC"),
        }
        self.marked = true;
    }

    pub fn end_marked(&mut self) {
        if self.marked {
            self.end_text();
            self.op("EMC");
            self.marked = false;
        }
    }

    /// Closes whatever is open and returns the page's content and the glyphs shown so far.
    pub fn finish(mut self) -> (Vec<u8>, Used) {
        self.end_marked();
        self.end_text();
        (self.out, self.used)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::pdf::fonts::fonts;

    /// Every glyph id survives the literal string, whatever its bytes: in Noto Sans "E", "F"
    /// and "y" are glyphs 0x28, 0x29 and 0x5C, the bytes of `(`, `)` and `\`.
    #[test]
    fn glyph_strings_parse_back_to_the_glyph_ids() {
        let fonts = fonts().unwrap();
        let m = fonts.face(Face::Bold);
        let text = "EFy (a\\b) £–’\r";
        let mut p = Painter::default();
        p.text(
            fonts,
            (10.0, 20.0),
            Face::Bold,
            12.0,
            Rgb(0.0, 0.0, 0.0),
            text,
            0.0,
        );
        let (content, used) = p.finish();
        let ops = lopdf::content::Content::decode(&content)
            .unwrap()
            .operations;
        let shown: Vec<&lopdf::Object> = ops
            .iter()
            .filter(|o| o.operator == "Tj")
            .map(|o| &o.operands[0])
            .collect();
        assert_eq!(shown.len(), 1);
        // Every character but the CR: a control character is not drawn.
        let want: Vec<u8> = text
            .chars()
            .filter(|c| !c.is_control())
            .filter_map(|c| m.glyph(c))
            .flat_map(u16::to_be_bytes)
            .collect();
        assert_eq!(want.len(), 2 * (text.chars().count() - 1));
        assert_eq!(shown[0].as_str().unwrap(), want.as_slice());
        assert!(ops.iter().any(|o| o.operator == "Tf"));
        // The glyphs shown are recorded with their characters, for the Unicode map.
        let chars: String = used.glyphs(Face::Bold).map(|(_, c)| c).collect();
        for c in "EFy(a\\b)£–’".chars() {
            assert!(chars.contains(c), "{c} in {chars}");
        }
        assert!(!used.any(Face::Regular));
    }
}
