//! Fonts: the four Noto Sans faces (embedded from bytes, never from the system), their
//! glyph ids and advance widths (ttf-parser), and what the PDF font objects state about them.

use std::sync::OnceLock;

/// One of the embedded faces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Face {
    Regular,
    Bold,
    Italic,
    BoldItalic,
}

impl Face {
    pub const ALL: [Face; 4] = [Face::Regular, Face::Bold, Face::Italic, Face::BoldItalic];

    pub fn new(bold: bool, italic: bool) -> Face {
        match (bold, italic) {
            (false, false) => Face::Regular,
            (true, false) => Face::Bold,
            (false, true) => Face::Italic,
            (true, true) => Face::BoldItalic,
        }
    }

    pub fn index(self) -> usize {
        self as usize
    }

    /// The PDF resource name (`/F1` …), fixed so output bytes never depend on a counter.
    pub fn resource(self) -> &'static str {
        ["F1", "F2", "F3", "F4"][self.index()]
    }

    pub fn bytes(self) -> &'static [u8] {
        match self {
            Face::Regular => notosans::REGULAR_TTF,
            Face::Bold => notosans::BOLD_TTF,
            Face::Italic => notosans::ITALIC_TTF,
            Face::BoldItalic => notosans::BOLD_ITALIC_TTF,
        }
    }

    pub fn postscript_name(self) -> &'static str {
        [
            "NotoSans-Regular",
            "NotoSans-Bold",
            "NotoSans-Italic",
            "NotoSans-BoldItalic",
        ][self.index()]
    }
}

/// Metrics of one face, in em units (1.0 = the font size), read with ttf-parser (zero-copy
/// over the embedded bytes, so loading a face costs microseconds).
pub struct FaceMetrics {
    face: ttf_parser::Face<'static>,
    upem: f32,
    /// hhea ascender / descender (descender positive, below the baseline).
    pub ascent: f32,
    pub descent: f32,
    ascii: [f32; 128],
    /// Glyph ids of ASCII characters: most text is ASCII, and a cmap search per character
    /// is the costliest part of painting text.
    ascii_gid: [u16; 128],
}

impl FaceMetrics {
    fn load(face: Face) -> Result<FaceMetrics, String> {
        let parsed = ttf_parser::Face::parse(face.bytes(), 0).map_err(|e| {
            format!(
                "cannot parse the embedded font {}: {e}",
                face.postscript_name()
            )
        })?;
        let upem = f32::from(parsed.units_per_em().max(1));
        let hhea = parsed.tables().hhea;
        let mut m = FaceMetrics {
            ascent: f32::from(hhea.ascender) / upem,
            descent: -f32::from(hhea.descender) / upem,
            face: parsed,
            upem,
            ascii: [0.0; 128],
            ascii_gid: [0; 128],
        };
        for c in 0u8..128 {
            let gid = m.lookup(char::from(c)).unwrap_or(0);
            m.ascii_gid[usize::from(c)] = gid;
            m.ascii[usize::from(c)] = f32::from(m.advance_units(gid)) / upem;
        }
        Ok(m)
    }

    fn lookup(&self, c: char) -> Option<u16> {
        self.face.glyph_index(c).map(|g| g.0)
    }

    /// The glyph id of `c`, if the face has one.
    pub fn glyph(&self, c: char) -> Option<u16> {
        match self.ascii_gid.get(c as usize) {
            Some(0) => None,
            Some(g) => Some(*g),
            None => self.lookup(c),
        }
    }

    /// Advance width of glyph `gid` in font units.
    pub fn advance_units(&self, gid: u16) -> u16 {
        self.face
            .glyph_hor_advance(ttf_parser::GlyphId(gid))
            .unwrap_or(0)
    }

    pub fn units_per_em(&self) -> u16 {
        self.face.units_per_em()
    }

    pub fn glyph_count(&self) -> u16 {
        self.face.number_of_glyphs()
    }

    /// What a PDF font descriptor states about the face, in 1/1000 em.
    pub fn descriptor(&self) -> Descriptor {
        let k = |v: f32| (v * 1000.0 / self.upem).round() as i32;
        let b = self.face.global_bounding_box();
        let weight = f32::from(self.face.weight().to_number());
        Descriptor {
            ascent: k(self.ascent * self.upem),
            descent: -k(self.descent * self.upem),
            cap_height: k(f32::from(
                self.face
                    .capital_height()
                    .unwrap_or(self.face.tables().hhea.ascender),
            )),
            italic_angle: self.face.italic_angle().round() as i32,
            // No table states the stem width; the usual estimate from the weight class.
            stem_v: 50 + (weight / 65.0).powi(2).round() as i32,
            bbox: [
                k(f32::from(b.x_min)),
                k(f32::from(b.y_min)),
                k(f32::from(b.x_max)),
                k(f32::from(b.y_max)),
            ],
        }
    }

    /// Advance width of `c` in em.
    pub fn advance(&self, c: char) -> f32 {
        match self.ascii.get(c as usize) {
            Some(w) => *w,
            None => f32::from(self.advance_units(self.glyph(c).unwrap_or(0))) / self.upem,
        }
    }

    pub fn width(&self, text: &str) -> f32 {
        text.chars().map(|c| self.advance(c)).sum()
    }
}

/// Font descriptor values, in 1/1000 em (PDF 32000-1 §9.8).
pub struct Descriptor {
    pub ascent: i32,
    pub descent: i32,
    pub cap_height: i32,
    pub italic_angle: i32,
    pub stem_v: i32,
    pub bbox: [i32; 4],
}

/// The four faces, parsed once per process.
pub struct Fonts {
    faces: Vec<FaceMetrics>,
    /// The regular face has a glyph for every printable ASCII character, so
    /// [`Fonts::displayable`] leaves them all as they are.
    ascii: bool,
}

static FONTS: OnceLock<Result<Fonts, String>> = OnceLock::new();

/// The shared font set.
pub fn fonts() -> Result<&'static Fonts, String> {
    FONTS
        .get_or_init(|| {
            let faces = Face::ALL
                .iter()
                .map(|f| FaceMetrics::load(*f))
                .collect::<Result<Vec<_>, _>>()?;
            let ascii = faces
                .first()
                .is_some_and(|f| (' '..='~').all(|c| f.glyph(c).is_some()));
            Ok(Fonts { faces, ascii })
        })
        .as_ref()
        .map_err(Clone::clone)
}

impl Fonts {
    pub fn face(&self, face: Face) -> &FaceMetrics {
        &self.faces[face.index()]
    }

    /// Whether every printable ASCII character is displayable as itself.
    pub fn shows_ascii(&self) -> bool {
        self.ascii
    }

    /// Width in points of `text` set in `face` at `size`.
    pub fn width(&self, face: Face, size: f32, text: &str) -> f32 {
        self.face(face).width(text) * size
    }

    /// The character actually drawn for `c`: control characters vanish, tabs become spaces,
    /// and characters Noto Sans lacks fall back to a close relative (or `?`).
    pub fn displayable(&self, c: char) -> Option<char> {
        match c {
            '\t' => return Some(' '),
            '\u{ad}' | '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}' => {
                return None
            }
            c if c.is_control() => return None,
            _ => {}
        }
        let regular = self.face(Face::Regular);
        if regular.glyph(c).is_some() {
            return Some(c);
        }
        let fallback = match c {
            '\u{2212}' | '\u{2010}' | '\u{2011}' => '-',
            '\u{2007}' | '\u{2009}' | '\u{202f}' | '\u{2002}' | '\u{2003}' => ' ',
            '\u{2713}' | '\u{2714}' => 'x',
            _ => '?',
        };
        Some(fallback)
    }
}

/// Six capital letters naming a subset (PDF 32000-1 §9.6.4), derived from its glyphs so the
/// same document always gets the same tag.
pub fn subset_tag(face: Face, gids: &[u16]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325 ^ face.index() as u64;
    for g in gids {
        for b in g.to_be_bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    (0..6)
        .map(|i| char::from(b'A' + ((h >> (i * 5)) % 26) as u8))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn faces_load_and_measure() {
        let f = fonts().unwrap();
        for face in Face::ALL {
            let m = f.face(face);
            assert!(m.glyph('a').is_some());
            assert!(m.glyph('£').is_some());
            assert!(m.advance('m') > m.advance('i'));
            assert!(m.ascent > 0.5 && m.descent > 0.1);
        }
        assert!(f.width(Face::Bold, 10.0, "Total") > f.width(Face::Regular, 10.0, "Total"));
    }

    #[test]
    fn digits_are_tabular() {
        let f = fonts().unwrap();
        for face in Face::ALL {
            let m = f.face(face);
            let w0 = m.advance('0');
            for d in '1'..='9' {
                assert!((m.advance(d) - w0).abs() < 1e-6, "{face:?} {d}");
            }
        }
    }
}
