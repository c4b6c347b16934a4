//! The one escaper for markup: text placed in HTML, SVG or XML (element content or a quoted
//! attribute value). The one escaper for Markdown is [`crate::text::escape`].

use std::borrow::Cow;

/// `text` safe inside HTML, SVG or XML, as content or as a double- or single-quoted attribute
/// value: `& < > " '` become references, and the characters XML 1.0 forbids (control
/// characters other than tab, line feed and carriage return, and U+FFFE, U+FFFF) become
/// U+FFFD, so that a file is always well-formed even if such a character slipped past the
/// input checks, and a reader sees that something was there.
pub fn markup(text: &str) -> Cow<'_, str> {
    let needs = |c: char| matches!(c, '&' | '<' | '>' | '"' | '\'') || !xml_char(c);
    if !text.chars().any(needs) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if !xml_char(c) => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Whether XML 1.0 allows `c` in a document.
pub fn xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{d7ff}' | '\u{e000}'..='\u{fffd}' | '\u{10000}'..)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_escapes_what_could_end_text_or_a_value() {
        assert_eq!(markup("plain £1.5m – ok"), "plain £1.5m – ok");
        assert!(matches!(markup("plain"), Cow::Borrowed(_)));
        assert_eq!(
            markup(r#"<a href="x" title='y'>&amp;</a>"#),
            "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;"
        );
    }

    #[test]
    fn characters_xml_forbids_are_replaced_visibly() {
        assert_eq!(
            markup("a\u{0}b\u{7}c\u{1b}d"),
            "a\u{fffd}b\u{fffd}c\u{fffd}d"
        );
        assert_eq!(markup("tab\tnew\nline\r"), "tab\tnew\nline\r");
        assert_eq!(markup("\u{fffe}\u{ffff}"), "\u{fffd}\u{fffd}");
        assert_eq!(markup("emoji 😀"), "emoji 😀");
    }
}
