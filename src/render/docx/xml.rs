//! Text into WordprocessingML: escaping for element text and attribute values, and runs of
//! text with their line breaks and tabs.

/// `s` escaped for XML text or a double-quoted attribute. A character XML 1.0 cannot carry
/// (a control character other than tab and line breaks) becomes U+FFFD, visibly, rather than
/// being dropped or making the file unreadable.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

/// Character formatting of one run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RunStyle {
    pub bold: bool,
    pub italic: bool,
    pub strike: bool,
    pub code: bool,
    /// The `Hyperlink` character style (blue, underlined).
    pub link: bool,
    /// A size other than the paragraph style's, in half-points.
    pub size: Option<u32>,
}

impl RunStyle {
    fn properties(&self) -> String {
        let mut p = String::new();
        if self.link {
            p.push_str("<w:rStyle w:val=\"Hyperlink\"/>");
        }
        if self.code {
            p.push_str(
                "<w:rFonts w:ascii=\"Courier New\" w:hAnsi=\"Courier New\" w:cs=\"Courier New\"/>",
            );
        }
        if self.bold {
            p.push_str("<w:b/><w:bCs/>");
        }
        if self.italic {
            p.push_str("<w:i/><w:iCs/>");
        }
        if self.strike {
            p.push_str("<w:strike/>");
        }
        if let Some(size) = self.size {
            p.push_str(&format!(
                "<w:sz w:val=\"{size}\"/><w:szCs w:val=\"{size}\"/>"
            ));
        }
        p
    }
}

/// Appends `text` as one or more runs in `style`: a `\n` becomes a line break and a tab a tab
/// (Word ignores both inside `w:t`).
pub fn run(out: &mut String, text: &str, style: RunStyle) {
    if text.is_empty() {
        return;
    }
    let props = style.properties();
    out.push_str("<w:r>");
    if !props.is_empty() {
        out.push_str("<w:rPr>");
        out.push_str(&props);
        out.push_str("</w:rPr>");
    }
    let mut first = true;
    for line in text.split('\n') {
        if !first {
            out.push_str("<w:br/>");
        }
        first = false;
        let mut first_piece = true;
        for piece in line.split('\t') {
            if !first_piece {
                out.push_str("<w:tab/>");
            }
            first_piece = false;
            if !piece.is_empty() {
                out.push_str("<w:t xml:space=\"preserve\">");
                out.push_str(&esc(piece));
                out.push_str("</w:t>");
            }
        }
    }
    out.push_str("</w:r>");
}

/// A complex field (`PAGE`, `NUMPAGES`, `TOC` …) with `shown` as its current result.
pub fn field(out: &mut String, instruction: &str, shown: &str) {
    field_begin(out, instruction);
    run(out, shown, RunStyle::default());
    field_end(out);
}

/// The start of a field whose result follows (up to [`field_end`]).
pub fn field_begin(out: &mut String, instruction: &str) {
    out.push_str(
        "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText xml:space=\"preserve\"> ",
    );
    out.push_str(&esc(instruction));
    out.push_str(" </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>");
}

pub fn field_end(out: &mut String) {
    out.push_str("<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_replaces_what_xml_cannot_carry() {
        assert_eq!(
            esc("a < b & \"c\" > d"),
            "a &lt; b &amp; &quot;c&quot; &gt; d"
        );
        assert_eq!(esc("bell\u{7}"), "bell\u{fffd}");
        assert_eq!(esc("£(0.165)"), "£(0.165)");
    }

    #[test]
    fn runs_carry_breaks_tabs_and_formatting() {
        let mut s = String::new();
        run(
            &mut s,
            "a\nb\tc",
            RunStyle {
                bold: true,
                ..RunStyle::default()
            },
        );
        assert_eq!(
            s,
            "<w:r><w:rPr><w:b/><w:bCs/></w:rPr><w:t xml:space=\"preserve\">a</w:t><w:br/>\
             <w:t xml:space=\"preserve\">b</w:t><w:tab/><w:t xml:space=\"preserve\">c</w:t></w:r>"
        );
    }
}
