//! The HTML page's typeface: the PDF's Noto Sans, cut down to the characters the page uses
//! and embedded as `@font-face` data URLs, so the single-file page looks the same on every
//! machine without fetching or finding a font.
//!
//! `subsetter` (also used for the PDF) keeps the glyphs but drops the `cmap` and `OS/2`
//! tables, which a PDF does without and a browser does not: they are added back here, the
//! `cmap` written for the subset's glyph numbers, the `OS/2` copied from the whole face.

use base64::Engine;
use std::collections::BTreeSet;

/// One of the four embedded Noto Sans faces, by its CSS weight and style.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Face {
    pub weight: u16,
    pub italic: bool,
}

impl Face {
    pub const ALL: [Face; 4] = [
        Face {
            weight: 400,
            italic: false,
        },
        Face {
            weight: 700,
            italic: false,
        },
        Face {
            weight: 400,
            italic: true,
        },
        Face {
            weight: 700,
            italic: true,
        },
    ];

    pub fn bytes(self) -> &'static [u8] {
        match (self.weight >= 700, self.italic) {
            (false, false) => notosans::REGULAR_TTF,
            (true, false) => notosans::BOLD_TTF,
            (false, true) => notosans::ITALIC_TTF,
            (true, true) => notosans::BOLD_ITALIC_TTF,
        }
    }
}

/// The faces a page uses: regular and bold always (text, headings, table heads), italic ones
/// only where the page has emphasis.
fn faces(html: &str) -> &'static [Face] {
    if html.contains("<em>") || html.contains("<i>") {
        &Face::ALL
    } else {
        &Face::ALL[..2]
    }
}

/// The `@font-face` rules for a page whose text is `html` (tags and all: the letters of tag
/// names are in every subset anyway, as printable ASCII always is).
pub fn font_faces(html: &str) -> String {
    // Printable ASCII and the typography of the page template (dashes, quotes, currency)
    // always, whatever the body holds.
    let mut chars: BTreeSet<char> = (' '..='~').chain("–—‘’“”£€…•·×−".chars()).collect();
    chars.extend(characters(html).filter(|c| !c.is_control()));
    let mut css = String::new();
    for &face in faces(html) {
        let Some(font) = subset(face, &chars) else {
            continue;
        };
        let weight = face.weight;
        let style = if face.italic { "italic" } else { "normal" };
        css.push_str(&format!(
            "@font-face {{ font-family: \"Noto Sans\"; font-weight: {weight}; font-style: {style}; font-display: block; src: url(data:font/ttf;base64,{}) format(\"truetype\"); }}\n",
            base64::engine::general_purpose::STANDARD.encode(font)
        ));
    }
    css
}

/// The distinct characters of `text`, in order. A page of 10,000 initiatives has 300 million
/// characters and a few hundred distinct ones: each is marked in a bit set of the Basic
/// Multilingual Plane (8 KiB) rather than looked up in a tree, which took a fifth of the time
/// of making the page.
fn characters(text: &str) -> impl Iterator<Item = char> {
    const BMP: usize = 0x1_0000;
    let mut seen = vec![0u64; BMP / 64];
    let mut beyond: BTreeSet<char> = BTreeSet::new();
    for c in text.chars() {
        let n = c as usize;
        match seen.get_mut(n / 64) {
            Some(word) => *word |= 1 << (n % 64),
            None => {
                beyond.insert(c);
            }
        }
    }
    let bmp = (0..BMP)
        .filter(move |&n| seen[n / 64] & (1 << (n % 64)) != 0)
        .filter_map(|n| char::from_u32(n as u32));
    bmp.chain(beyond)
}

/// A TrueType font of `face` with the glyphs of `chars` (those it has) and a `cmap` for them.
/// `None` if the face cannot be read or cut (the page then falls back to the next font).
pub fn subset(face: Face, chars: &BTreeSet<char>) -> Option<Vec<u8>> {
    let parsed = ttf_parser::Face::parse(face.bytes(), 0).ok()?;
    let mut remapper = subsetter::GlyphRemapper::new();
    // The missing-glyph outline first, as glyph 0 of the subset.
    remapper.remap(0);
    let mut mapped: Vec<(char, u16)> = Vec::new();
    for &c in chars {
        // A cmap format 4 maps the Basic Multilingual Plane, which is all council text uses.
        if u32::from(c) > 0xFFFF {
            continue;
        }
        if let Some(g) = parsed.glyph_index(c) {
            mapped.push((c, remapper.remap(g.0)));
        }
    }
    let cut = subsetter::subset(face.bytes(), 0, &remapper).ok()?;
    let os2 = parsed
        .raw_face()
        .table(ttf_parser::Tag::from_bytes(b"OS/2"))?;
    with_tables(&cut, &[(*b"cmap", cmap(&mapped)), (*b"OS/2", os2.to_vec())])
}

/// A `cmap` with one format 4 subtable (Windows, Unicode BMP): one segment per character.
fn cmap(mapped: &[(char, u16)]) -> Vec<u8> {
    let mut segments: Vec<(u16, u16)> = mapped.iter().map(|(c, g)| (*c as u16, *g)).collect();
    segments.sort_unstable();
    segments.push((0xFFFF, 0));
    let seg_count = segments.len() as u16;
    let mut search_range = 2u16;
    let mut entry_selector = 0u16;
    while search_range * 2 <= seg_count * 2 {
        search_range *= 2;
        entry_selector += 1;
    }
    let mut sub = Vec::new();
    let len = 16 + 8 * usize::from(seg_count);
    for v in [
        4u16,
        len as u16,
        0,
        seg_count * 2,
        search_range,
        entry_selector,
        seg_count * 2 - search_range,
    ] {
        sub.extend(v.to_be_bytes());
    }
    for (c, _) in &segments {
        sub.extend(c.to_be_bytes()); // end codes
    }
    sub.extend(0u16.to_be_bytes()); // reserved pad
    for (c, _) in &segments {
        sub.extend(c.to_be_bytes()); // start codes
    }
    for (c, g) in &segments {
        // glyph = char + delta (mod 65536); the final segment maps 0xFFFF to glyph 0.
        let delta = if *c == 0xFFFF {
            1u16
        } else {
            g.wrapping_sub(*c)
        };
        sub.extend(delta.to_be_bytes());
    }
    for _ in &segments {
        sub.extend(0u16.to_be_bytes()); // id range offsets
    }
    let mut out = Vec::new();
    out.extend(0u16.to_be_bytes()); // version
    out.extend(1u16.to_be_bytes()); // one subtable
    out.extend(3u16.to_be_bytes()); // Windows
    out.extend(1u16.to_be_bytes()); // Unicode BMP
    out.extend(12u32.to_be_bytes()); // its offset
    out.extend(sub);
    out
}

fn checksum(data: &[u8]) -> u32 {
    data.chunks(4).fold(0u32, |sum, c| {
        let mut word = [0u8; 4];
        word[..c.len()].copy_from_slice(c);
        sum.wrapping_add(u32::from_be_bytes(word))
    })
}

/// The sfnt `font` with `extra` tables added: the table directory rebuilt in tag order, each
/// table 4-byte aligned with its checksum, and `head`'s whole-font checksum set.
fn with_tables(font: &[u8], extra: &[([u8; 4], Vec<u8>)]) -> Option<Vec<u8>> {
    let u16_at = |o: usize| Some(u16::from_be_bytes(font.get(o..o + 2)?.try_into().ok()?));
    let u32_at = |o: usize| Some(u32::from_be_bytes(font.get(o..o + 4)?.try_into().ok()?));
    let count = usize::from(u16_at(4)?);
    let mut tables: Vec<([u8; 4], Vec<u8>)> = Vec::with_capacity(count + extra.len());
    for i in 0..count {
        let rec = 12 + 16 * i;
        let tag: [u8; 4] = font.get(rec..rec + 4)?.try_into().ok()?;
        let offset = u32_at(rec + 8)? as usize;
        let len = u32_at(rec + 12)? as usize;
        if !extra.iter().any(|(t, _)| *t == tag) {
            tables.push((tag, font.get(offset..offset + len)?.to_vec()));
        }
    }
    tables.extend(extra.iter().cloned());
    tables.sort_by_key(|t| t.0);
    let n = tables.len() as u16;
    let mut range = 1u16;
    let mut selector = 0u16;
    while range * 2 <= n {
        range *= 2;
        selector += 1;
    }
    let mut out = Vec::new();
    out.extend(font.get(0..4)?); // sfnt version
    for v in [n, range * 16, selector, n * 16 - range * 16] {
        out.extend(v.to_be_bytes());
    }
    let mut offset = 12 + 16 * tables.len();
    let mut head_at = None;
    for (tag, data) in &tables {
        if tag == b"head" {
            head_at = Some(offset);
        }
        let sum = if tag == b"head" {
            // Its checksum is taken with checkSumAdjustment zeroed.
            let mut zeroed = data.clone();
            if let Some(adj) = zeroed.get_mut(8..12) {
                adj.fill(0);
            }
            checksum(&zeroed)
        } else {
            checksum(data)
        };
        out.extend(tag);
        out.extend(sum.to_be_bytes());
        out.extend((offset as u32).to_be_bytes());
        out.extend((data.len() as u32).to_be_bytes());
        offset += data.len().div_ceil(4) * 4;
    }
    for (tag, data) in &tables {
        let start = out.len();
        out.extend(data);
        if tag == b"head" {
            out[start + 8..start + 12].fill(0);
        }
        out.resize(start + data.len().div_ceil(4) * 4, 0);
    }
    if let Some(h) = head_at {
        let adjust = 0xB1B0_AFBAu32.wrapping_sub(checksum(&out));
        out[h + 8..h + 12].copy_from_slice(&adjust.to_be_bytes());
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_characters_of_a_page_are_each_distinct_one_in_order() {
        let text = "b£a\u{1F600}–a\u{10000}b£\u{FFFF}\u{0}";
        let want: Vec<char> = text
            .chars()
            .collect::<BTreeSet<char>>()
            .into_iter()
            .collect();
        assert_eq!(characters(text).collect::<Vec<char>>(), want);
        assert_eq!(characters("").count(), 0);
    }

    #[test]
    fn the_subset_maps_each_character_to_the_same_outline_as_the_whole_face() {
        let chars: BTreeSet<char> = "Net £1,234.5 (saving) – Öffentlich".chars().collect();
        for face in Face::ALL {
            let bytes = subset(face, &chars).expect("a subset");
            let cut = ttf_parser::Face::parse(&bytes, 0).expect("the subset parses");
            let whole = ttf_parser::Face::parse(face.bytes(), 0).unwrap();
            for &c in &chars {
                let g = cut
                    .glyph_index(c)
                    .unwrap_or_else(|| panic!("{c:?} in the subset"));
                let w = whole.glyph_index(c).unwrap();
                assert_eq!(
                    cut.glyph_hor_advance(g),
                    whole.glyph_hor_advance(w),
                    "{c:?}"
                );
                assert_eq!(
                    cut.glyph_bounding_box(g),
                    whole.glyph_bounding_box(w),
                    "{c:?}"
                );
            }
            assert!(cut.glyph_index('Z').is_none(), "only what was asked for");
            assert!(cut.tables().os2.is_some());
            // The whole-font checksum a sanitiser checks.
            assert_eq!(checksum(&bytes), 0xB1B0_AFBA);
            assert!(bytes.len() < face.bytes().len() / 4, "{}", bytes.len());
        }
    }

    #[test]
    fn the_rules_are_the_same_for_the_same_page_and_italics_only_where_used() {
        let page = "<p>Net saving: <strong>(1.914)</strong></p>";
        assert_eq!(font_faces(page), font_faces(page));
        assert_eq!(font_faces(page).matches("@font-face").count(), 2);
        let emphasised = "<p><em>Note</em></p>";
        assert_eq!(font_faces(emphasised).matches("@font-face").count(), 4);
        assert!(font_faces(page).contains("font-weight: 700; font-style: normal"));
    }
}
