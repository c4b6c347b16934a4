//! Fonts: the four Noto Sans faces (embedded from bytes, never from the system), their
//! advance-width metrics, and the per-document subsets handed to printpdf.

use printpdf::ParsedFont;
use std::collections::{BTreeMap, BTreeSet};
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

    fn bytes(self) -> &'static [u8] {
        match self {
            Face::Regular => notosans::REGULAR_TTF,
            Face::Bold => notosans::BOLD_TTF,
            Face::Italic => notosans::ITALIC_TTF,
            Face::BoldItalic => notosans::BOLD_ITALIC_TTF,
        }
    }

    fn postscript_name(self) -> &'static str {
        [
            "NotoSans-Regular",
            "NotoSans-Bold",
            "NotoSans-Italic",
            "NotoSans-BoldItalic",
        ][self.index()]
    }
}

/// Metrics of one face, in em units (1.0 = the font size).
pub struct FaceMetrics {
    pub font: ParsedFont,
    upem: f32,
    /// hhea ascender / descender (descender positive, below the baseline).
    pub ascent: f32,
    pub descent: f32,
    ascii: [f32; 128],
}

impl FaceMetrics {
    fn load(face: Face) -> Result<FaceMetrics, String> {
        let mut warnings = Vec::new();
        let mut font = ParsedFont::from_bytes(face.bytes(), 0, &mut warnings)
            .ok_or_else(|| format!("cannot parse the embedded font {}", face.postscript_name()))?;
        font.font_name = Some(face.postscript_name().to_string());
        let upem = f32::from(font.units_per_em.max(1));
        let mut m = FaceMetrics {
            ascent: f32::from(font.font_metrics.ascent) / upem,
            descent: -f32::from(font.font_metrics.descent) / upem,
            font,
            upem,
            ascii: [0.0; 128],
        };
        for c in 0u8..128 {
            m.ascii[usize::from(c)] = m.raw_advance(char::from(c));
        }
        Ok(m)
    }

    pub fn glyph(&self, c: char) -> Option<u16> {
        self.font.lookup_glyph_index(c as u32)
    }

    fn raw_advance(&self, c: char) -> f32 {
        let gid = self.glyph(c).unwrap_or(0);
        f32::from(self.font.get_glyph_width(gid).unwrap_or(0)) / self.upem
    }

    /// Advance width of `c` in em.
    pub fn advance(&self, c: char) -> f32 {
        match self.ascii.get(c as usize) {
            Some(w) => *w,
            None => self.raw_advance(c),
        }
    }

    pub fn width(&self, text: &str) -> f32 {
        text.chars().map(|c| self.advance(c)).sum()
    }
}

/// The four faces, parsed once per process.
pub struct Fonts {
    faces: Vec<FaceMetrics>,
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
            Ok(Fonts { faces })
        })
        .as_ref()
        .map_err(Clone::clone)
}

impl Fonts {
    pub fn face(&self, face: Face) -> &FaceMetrics {
        &self.faces[face.index()]
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

/// Builds the font printpdf embeds for `face`: a subset holding only the glyphs of `used`
/// (glyph ids renumbered, `.notdef` kept as 0), or the whole face if subsetting fails.
pub fn pdf_font(face: Face, used: &BTreeSet<char>) -> ParsedFont {
    let fonts = match fonts() {
        Ok(f) => f,
        Err(_) => unreachable!("fonts are loaded before any PDF font is built"),
    };
    let full = &fonts.face(face).font;
    let mut remapper = subsetter::GlyphRemapper::new();
    let mut chars: Vec<(char, u16)> = Vec::new();
    for c in used {
        if let Some(gid) = full.lookup_glyph_index(*c as u32) {
            chars.push((*c, gid));
        }
    }
    let mut gids: Vec<u16> = chars.iter().map(|(_, g)| *g).collect();
    gids.sort_unstable();
    gids.dedup();
    for g in &gids {
        remapper.remap(*g);
    }
    let Ok(bytes) = subsetter::subset(face.bytes(), 0, &remapper) else {
        return full.clone();
    };
    let mut codepoint_to_glyph = BTreeMap::new();
    let mut glyph_widths = BTreeMap::new();
    glyph_widths.insert(0, full.get_glyph_width(0).unwrap_or(0));
    for (c, gid) in &chars {
        if let Some(new) = remapper.get(*gid) {
            codepoint_to_glyph.insert(*c as u32, new);
            glyph_widths.insert(new, full.get_glyph_width(*gid).unwrap_or(0));
        }
    }
    let mut font = full.clone();
    font.font_name = Some(format!(
        "{}+{}",
        subset_tag(face, &gids),
        face.postscript_name()
    ));
    font.original_bytes = bytes;
    font.codepoint_to_glyph = codepoint_to_glyph;
    font.glyph_widths = glyph_widths;
    font
}

/// Six capital letters naming a subset (PDF 32000-1 §9.6.4), derived from its glyphs so the
/// same document always gets the same tag.
fn subset_tag(face: Face, gids: &[u16]) -> String {
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
