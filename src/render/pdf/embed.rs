//! Embedding the faces a document shows (built-in and fallback): for each, a Type0 font with Identity-H encoding
//! whose codes are the full face's glyph ids, a CIDFontType2 descendant with the advance
//! widths of the glyphs used, a `/CIDToGIDMap` from those ids to the subset's renumbered
//! glyphs, the subset itself (`/FontFile2`, only the glyphs used) and a ToUnicode map so
//! text can be searched, copied and read aloud.

use super::fonts::{self, Face, Fonts};
use super::objects::{int, ints, reference_value, refs, Dict, Pdf};
use super::paint::Used;

/// Writes the fonts of every face in `used`; returns each face's resource name and font
/// object. `subset: false` embeds whole faces (for measurements).
pub fn fonts(pdf: &mut Pdf, fonts: &Fonts, used: &Used, subset: bool) -> Vec<(Face, u32)> {
    used.faces()
        .map(|f| (f, font(pdf, fonts, f, used, subset)))
        .collect()
}

fn font(pdf: &mut Pdf, fonts: &Fonts, face: Face, used: &Used, subset: bool) -> u32 {
    let m = fonts.face(face);
    let glyphs: Vec<(u16, char)> = used.glyphs(face).collect();
    let gids: Vec<u16> = glyphs.iter().map(|(g, _)| *g).collect();

    // The subset, and where each used glyph ended up in it.
    let mut remapper = subsetter::GlyphRemapper::new();
    for g in &gids {
        remapper.remap(*g);
    }
    let (data, index) = m.program();
    let subset_bytes = if subset {
        subsetter::subset(data, index, &remapper).ok()
    } else {
        None
    };
    let (program, map, name) = match subset_bytes {
        Some(bytes) => {
            let max = gids.last().copied().unwrap_or(0);
            let mut map = vec![0u8; (usize::from(max) + 1) * 2];
            for g in &gids {
                let new = remapper.get(*g).unwrap_or(0);
                map[usize::from(*g) * 2..usize::from(*g) * 2 + 2]
                    .copy_from_slice(&new.to_be_bytes());
            }
            let name = format!("{}+{}", fonts::subset_tag(face, &gids), m.postscript_name());
            (bytes, Some(map), name)
        }
        // Subsetting failed or was not asked for: the whole face, glyph ids unchanged.
        None => (data.to_vec(), None, m.postscript_name().to_string()),
    };

    let file = pdf.add_stream(
        Dict::new().int("Length1", program.len() as i64).end(),
        program,
        true,
    );
    let d = m.descriptor();
    let flags = 32 | if d.italic_angle != 0 { 64 } else { 0 };
    let bbox = ints(&d.bbox.map(i64::from));
    let descriptor = pdf.add(
        Dict::new()
            .name("Type", "FontDescriptor")
            .name("FontName", &name)
            .int("Flags", flags)
            .raw("FontBBox", &bbox)
            .int("ItalicAngle", i64::from(d.italic_angle))
            .int("Ascent", i64::from(d.ascent))
            .int("Descent", i64::from(d.descent))
            .int("CapHeight", i64::from(d.cap_height))
            .int("StemV", i64::from(d.stem_v))
            .r("FontFile2", file)
            .end(),
    );
    let cid_to_gid = match map {
        Some(map) => reference_value(pdf.add_stream(Dict::new().end(), map, true)),
        None => b"/Identity".to_vec(),
    };
    let upem = f32::from(m.units_per_em().max(1));
    let cid_font = pdf.add(
        Dict::new()
            .name("Type", "Font")
            .name("Subtype", "CIDFontType2")
            .name("BaseFont", &name)
            .raw(
                "CIDSystemInfo",
                b"<</Registry(Adobe)/Ordering(Identity)/Supplement 0>>",
            )
            .r("FontDescriptor", descriptor)
            .raw(
                "W",
                &widths(&gids, |g| {
                    (f32::from(m.advance_units(g)) * 1000.0 / upem).round() as u64
                }),
            )
            .raw("CIDToGIDMap", &cid_to_gid)
            .end(),
    );
    let to_unicode = pdf.add_stream(Dict::new().end(), cmap(&glyphs), true);
    pdf.add(
        Dict::new()
            .name("Type", "Font")
            .name("Subtype", "Type0")
            .name("BaseFont", &name)
            .name("Encoding", "Identity-H")
            .raw("DescendantFonts", &refs([cid_font]))
            .r("ToUnicode", to_unicode)
            .end(),
    )
}

/// The `/W` array: runs of consecutive glyph ids with their widths, `[g [w w …] g' […] …]`.
fn widths(gids: &[u16], width: impl Fn(u16) -> u64) -> Vec<u8> {
    let mut out = vec![b'['];
    let mut prev: Option<u16> = None;
    for g in gids {
        match prev {
            Some(p) if p.checked_add(1) == Some(*g) => out.push(b' '),
            Some(_) => {
                out.extend_from_slice(b"] ");
                int(&mut out, u64::from(*g));
                out.push(b'[');
            }
            None => {
                int(&mut out, u64::from(*g));
                out.push(b'[');
            }
        }
        int(&mut out, width(*g));
        prev = Some(*g);
    }
    if prev.is_some() {
        out.push(b']');
    }
    out.push(b']');
    out
}

/// The ToUnicode CMap: each glyph id to the character it was shown for.
fn cmap(glyphs: &[(u16, char)]) -> Vec<u8> {
    let mut out = String::from(
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n\
         /CIDSystemInfo <</Registry (Adobe) /Ordering (UCS) /Supplement 0>> def\n\
         /CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n\
         1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n",
    );
    // At most 100 entries per block (PDF 32000-1 §9.10.3).
    for chunk in glyphs.chunks(100) {
        out.push_str(&format!("{} beginbfchar\n", chunk.len()));
        for (g, c) in chunk {
            out.push_str(&format!("<{g:04X}> <"));
            let mut buf = [0u16; 2];
            // A joined Arabic form reads as the letter it stands for.
            for u in super::arabic::letter(*c).encode_utf16(&mut buf) {
                out.push_str(&format!("{u:04X}"));
            }
            out.push_str(">\n");
        }
        out.push_str("endbfchar\n");
    }
    out.push_str("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    out.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_group_consecutive_glyphs() {
        let w = widths(&[3, 4, 5, 9, 11, 12], |g| u64::from(g) * 10);
        assert_eq!(
            String::from_utf8(w).unwrap(),
            "[3[30 40 50] 9[90] 11[110 120]]"
        );
        assert_eq!(widths(&[], |_| 0), b"[]");
    }

    #[test]
    fn the_unicode_map_covers_every_glyph_in_blocks_of_100() {
        let glyphs: Vec<(u16, char)> = (1..=150u16)
            .map(|g| (g, char::from_u32(0x40 + u32::from(g)).unwrap()))
            .chain([(200, '😀')])
            .collect();
        let m = String::from_utf8(cmap(&glyphs)).unwrap();
        assert!(m.contains("100 beginbfchar\n<0001> <0041>\n"));
        assert!(m.contains("51 beginbfchar\n"));
        assert!(m.contains("<00C8> <D83DDE00>\n"), "surrogate pair");
        assert_eq!(m.matches("endbfchar").count(), 2);
    }
}
