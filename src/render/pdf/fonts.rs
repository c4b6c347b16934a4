//! Fonts: the four Noto Sans faces (embedded from bytes, never from the system) and the
//! fallback fonts a report or the command line names by file, their glyph ids and advance
//! widths (ttf-parser), which face shows each character, and what the PDF font objects state
//! about them. Nothing is looked up on the system: a document's fonts are the built-in faces
//! and the files named for it, so the same inputs always give the same PDF.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

/// One of a document's faces: a built-in Noto Sans face, or the `n`-th fallback font.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Face {
    Regular,
    Bold,
    Italic,
    BoldItalic,
    Fallback(u8),
}

/// At most this many fallback fonts per document (resource names are fixed strings).
pub const MAX_FALLBACKS: usize = 32;

const RESOURCES: [&str; 4 + MAX_FALLBACKS] = [
    "F1", "F2", "F3", "F4", "F5", "F6", "F7", "F8", "F9", "F10", "F11", "F12", "F13", "F14", "F15",
    "F16", "F17", "F18", "F19", "F20", "F21", "F22", "F23", "F24", "F25", "F26", "F27", "F28",
    "F29", "F30", "F31", "F32", "F33", "F34", "F35", "F36",
];

impl Face {
    /// The built-in faces.
    pub const ALL: [Face; 4] = [Face::Regular, Face::Bold, Face::Italic, Face::BoldItalic];

    pub fn new(bold: bool, italic: bool) -> Face {
        match (bold, italic) {
            (false, false) => Face::Regular,
            (true, false) => Face::Bold,
            (false, true) => Face::Italic,
            (true, true) => Face::BoldItalic,
        }
    }

    /// The face's place in [`Fonts`]: the built-in faces first, then the fallbacks.
    pub fn index(self) -> usize {
        match self {
            Face::Regular => 0,
            Face::Bold => 1,
            Face::Italic => 2,
            Face::BoldItalic => 3,
            Face::Fallback(n) => 4 + usize::from(n),
        }
    }

    /// The face at `index` of [`Fonts`].
    pub fn at(index: usize) -> Face {
        match index {
            0 => Face::Regular,
            1 => Face::Bold,
            2 => Face::Italic,
            3 => Face::BoldItalic,
            n => Face::Fallback(u8::try_from(n - 4).unwrap_or(u8::MAX)),
        }
    }

    /// The PDF resource name (`/F1` …), fixed so output bytes never depend on a counter.
    pub fn resource(self) -> &'static str {
        RESOURCES.get(self.index()).copied().unwrap_or("F36")
    }

    fn builtin(self) -> (&'static [u8], &'static str) {
        match self {
            Face::Regular => (notosans::REGULAR_TTF, "NotoSans-Regular"),
            Face::Bold => (notosans::BOLD_TTF, "NotoSans-Bold"),
            Face::Italic => (notosans::ITALIC_TTF, "NotoSans-Italic"),
            Face::BoldItalic | Face::Fallback(_) => {
                (notosans::BOLD_ITALIC_TTF, "NotoSans-BoldItalic")
            }
        }
    }
}

/// Metrics of one face, in em units (1.0 = the font size), read with ttf-parser (zero-copy
/// over the font's bytes, so loading a face costs microseconds).
#[derive(Clone)]
pub struct FaceMetrics {
    face: ttf_parser::Face<'static>,
    /// The font program and its index in a collection (`.ttc`).
    data: &'static [u8],
    collection_index: u32,
    /// The PostScript name (letters, digits and `-` only).
    name: String,
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
    fn load(data: &'static [u8], index: u32, fallback_name: &str) -> Result<FaceMetrics, String> {
        let parsed = ttf_parser::Face::parse(data, index)
            .map_err(|e| format!("cannot parse the font {fallback_name}: {e}"))?;
        let name = parsed
            .names()
            .into_iter()
            .filter(|n| n.name_id == ttf_parser::name_id::POST_SCRIPT_NAME)
            .find_map(|n| n.to_string())
            .unwrap_or_else(|| fallback_name.to_string());
        let name: String = name
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
            .take(60)
            .collect();
        let upem = f32::from(parsed.units_per_em().max(1));
        let hhea = parsed.tables().hhea;
        let mut m = FaceMetrics {
            ascent: f32::from(hhea.ascender) / upem,
            descent: -f32::from(hhea.descender) / upem,
            face: parsed,
            data,
            collection_index: index,
            name: if name.is_empty() {
                "Font".to_string()
            } else {
                name
            },
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
        self.face.glyph_index(c).map(|g| g.0).filter(|g| *g != 0)
    }

    /// The glyph id of `c`, if the face has one.
    pub fn glyph(&self, c: char) -> Option<u16> {
        match self.ascii_gid.get(c as usize) {
            Some(0) => None,
            Some(g) => Some(*g),
            None => self.lookup(c),
        }
    }

    /// The font program's bytes and its index in a collection.
    pub fn program(&self) -> (&'static [u8], u32) {
        (self.data, self.collection_index)
    }

    /// The PostScript name of the face.
    pub fn postscript_name(&self) -> &str {
        &self.name
    }

    /// Whether the glyphs are TrueType outlines (what the PDF embeds as `/FontFile2`).
    pub fn truetype(&self) -> bool {
        self.face.tables().glyf.is_some()
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

/// A document's faces: the four built-in ones, then its fallback fonts in the order named.
pub struct Fonts {
    faces: Vec<FaceMetrics>,
    /// The regular face has a glyph for every printable ASCII character, so
    /// [`Fonts::resolve`] leaves them all as they are.
    ascii: bool,
    /// The files the fallbacks were read from, in order.
    pub fallback_files: Vec<PathBuf>,
}

static FONTS: OnceLock<Result<Fonts, String>> = OnceLock::new();

/// The built-in faces alone, parsed once per process.
pub fn fonts() -> Result<&'static Fonts, String> {
    FONTS
        .get_or_init(|| {
            let faces = Face::ALL
                .iter()
                .map(|f| {
                    let (data, name) = f.builtin();
                    FaceMetrics::load(data, 0, name)
                })
                .collect::<Result<Vec<_>, _>>()?;
            let ascii = faces
                .first()
                .is_some_and(|f| (' '..='~').all(|c| f.glyph(c).is_some()));
            Ok(Fonts {
                faces,
                ascii,
                fallback_files: Vec::new(),
            })
        })
        .as_ref()
        .map_err(Clone::clone)
}

/// Font files read so far, by path (each read once per process and kept for its life).
static FILES: OnceLock<Mutex<HashMap<PathBuf, &'static [u8]>>> = OnceLock::new();
/// Font sets made so far, by their fallback files.
static SETS: OnceLock<Mutex<HashMap<Vec<PathBuf>, &'static Fonts>>> = OnceLock::new();

/// Reads and checks one fallback font file: a TrueType font (`.ttf`, or the first face of a
/// `.ttc` collection).
pub fn fallback(path: &Path) -> Result<FaceMetrics, String> {
    let files = FILES.get_or_init(Default::default);
    let data = {
        let mut files = files.lock().unwrap_or_else(|e| e.into_inner());
        match files.get(path) {
            Some(d) => *d,
            None => {
                let bytes = std::fs::read(path)
                    .map_err(|e| format!("cannot read the font `{}`: {e}", path.display()))?;
                // Kept for the life of the process, as the built-in faces are: the faces
                // borrow from it, and a build names a handful of font files at most.
                let data: &'static [u8] = Box::leak(bytes.into_boxed_slice());
                files.insert(path.to_path_buf(), data);
                data
            }
        }
    };
    if let Err(e) = ttf_parser::Face::parse(data, 0) {
        return Err(format!(
            "`{}` is not a font cabinet can read ({e})",
            path.display()
        ));
    }
    let m = FaceMetrics::load(data, 0, &path.display().to_string())?;
    if !m.truetype() {
        return Err(format!(
            "`{}` has CFF (PostScript) outlines; cabinet embeds TrueType fonts (.ttf) only",
            path.display()
        ));
    }
    Ok(m)
}

/// The built-in faces and the fallback fonts in `files`, in that order (made once per list).
pub fn fonts_with(files: &[PathBuf]) -> Result<&'static Fonts, String> {
    let base = fonts()?;
    if files.is_empty() {
        return Ok(base);
    }
    let sets = SETS.get_or_init(Default::default);
    if let Some(set) = sets.lock().unwrap_or_else(|e| e.into_inner()).get(files) {
        return Ok(set);
    }
    let mut faces = base.faces.clone();
    for f in files.iter().take(MAX_FALLBACKS) {
        faces.push(fallback(f)?);
    }
    let set: &'static Fonts = Box::leak(Box::new(Fonts {
        faces,
        ascii: base.ascii,
        fallback_files: files.to_vec(),
    }));
    sets.lock()
        .unwrap_or_else(|e| e.into_inner())
        .insert(files.to_vec(), set);
    Ok(set)
}

/// Characters with no visible form of their own (zero-width spaces and joiners, direction
/// marks and embeddings, variation selectors, soft hyphens): never drawn, never missing.
pub fn invisible(c: char) -> bool {
    matches!(c,
        '\u{ad}' | '\u{34f}' | '\u{61c}' | '\u{115f}' | '\u{1160}' | '\u{17b4}' | '\u{17b5}'
        | '\u{180b}'..='\u{180f}' | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}'
        | '\u{2060}'..='\u{206f}' | '\u{3164}' | '\u{fe00}'..='\u{fe0f}' | '\u{feff}'
        | '\u{ffa0}' | '\u{fff0}'..='\u{fff8}' | '\u{1bca0}'..='\u{1bca3}'
        | '\u{1d173}'..='\u{1d17a}' | '\u{e0000}'..='\u{e0fff}')
        || (c.is_control() && c != '\n' && c != '\t')
}

impl Fonts {
    pub fn face(&self, face: Face) -> &FaceMetrics {
        self.faces.get(face.index()).unwrap_or(&self.faces[0])
    }

    /// Whether every printable ASCII character is displayable as itself.
    pub fn shows_ascii(&self) -> bool {
        self.ascii
    }

    /// Width in points of `text` set in `face` at `size`, each character in the face that
    /// shows it.
    pub fn width(&self, face: Face, size: f32, text: &str) -> f32 {
        if text.is_ascii() && self.ascii {
            return self.face(face).width(text) * size;
        }
        text.chars()
            .filter_map(|c| self.resolve(face, c))
            .map(|(f, c)| self.face(f).advance(c))
            .sum::<f32>()
            * size
    }

    /// The face and character actually drawn for `c` wanted in `face`: the face itself if
    /// it has the glyph, else the first fallback font that has it; a close relative in the
    /// face (`-` for a minus sign) where none has; failing all, the replacement character
    /// `�` (never a `.notdef` box, which PDF/UA forbids). `None`: nothing to draw (a control
    /// or an invisible character). `\t` becomes a space.
    pub fn resolve(&self, face: Face, c: char) -> Option<(Face, char)> {
        if c == '\t' {
            return Some((face, ' '));
        }
        if invisible(c) || c.is_control() {
            return None;
        }
        if self.face(face).glyph(c).is_some() {
            return Some((face, c));
        }
        if let Some(i) = (4..self.faces.len()).find(|i| self.faces[*i].glyph(c).is_some()) {
            return Some((Face::at(i), c));
        }
        // A styled face lacking what the regular one has.
        if self.faces[0].glyph(c).is_some() {
            return Some((Face::Regular, c));
        }
        let near = match c {
            '\u{2212}' | '\u{2010}' | '\u{2011}' => '-',
            '\u{2007}' | '\u{2009}' | '\u{202f}' | '\u{2002}' | '\u{2003}' => ' ',
            '\u{2713}' | '\u{2714}' => 'x',
            _ => '\u{fffd}',
        };
        match self.face(face).glyph(near) {
            Some(_) => Some((face, near)),
            None => Some((face, '?')),
        }
    }

    /// Whether some face shows `c` as itself (or it has no visible form to show).
    pub fn shows(&self, c: char) -> bool {
        c == '\t'
            || c == '\n'
            || invisible(c)
            || c.is_control()
            || self.faces.iter().any(|f| f.glyph(c).is_some())
    }

    /// The character actually drawn for `c` in the regular face (see [`Fonts::resolve`]).
    pub fn displayable(&self, c: char) -> Option<char> {
        self.resolve(Face::Regular, c).map(|(_, c)| c)
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
