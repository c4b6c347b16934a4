//! Control characters in input text. YAML's double-quoted escapes (`"\0"`, `"\a"`, `"\e"`,
//! `"\x1b"`, `"\u0007"`) put characters into a text that no page can show and that make HTML
//! and SVG files invalid (the parser itself already refuses such characters typed raw). Each
//! one is an error at the text that holds it, found among the file's scalars
//! ([`crate::scalars`]); the file still loads, so its other problems are reported in the same
//! run.

use crate::codes::Code;
use crate::diagnostic::Diagnostic;
use crate::source::FileId;

/// Whether `c` is a control character a text may not hold (tab, line feed and carriage
/// return are layout, not controls).
pub fn forbidden(c: char) -> bool {
    c.is_control() && !matches!(c, '\t' | '\n' | '\r')
}

/// An error for each text of the file `text` that holds a control character (keys too: a key
/// that holds one is not the key it looks like). Only a file with a backslash can (the YAML
/// parser refuses raw ones), so others cost nothing.
pub fn check(id: FileId, text: &str) -> Vec<Diagnostic> {
    if !text.contains('\\') {
        return Vec::new();
    }
    crate::scalars::scalars(text)
        .into_iter()
        .filter_map(|s| {
            let c = s.value.chars().find(|&c| forbidden(c))?;
            Some(
                Diagnostic::error(
                    Code::ControlCharacter,
                    format!(
                        "this text holds the control character U+{:04X}, which no page can show",
                        u32::from(c)
                    ),
                )
                .at(id, s.span, "control character")
                .hint("delete the escape (`\\0`, `\\a`, `\\e`, `\\x..`, `\\u....`) from the quoted text"),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(yaml: &str) -> Vec<(String, std::ops::Range<usize>)> {
        check(FileId(0), yaml)
            .into_iter()
            .map(|d| {
                (
                    d.message.clone(),
                    d.primary.map(|l| l.span).unwrap_or_default(),
                )
            })
            .collect()
    }

    #[test]
    fn each_text_with_a_control_escape_is_named_at_its_place() {
        let yaml = "kind: initiative\ntitle: \"Bell \\a here\"\nkpis:\n  - name: \"Esc \\e[31m\"\n  - name: fine \\a plain\nnote: \"tab\\tand\\nline\"\n";
        let got = found(yaml);
        assert_eq!(got.len(), 2, "{got:?}");
        assert_eq!(
            got[0].0,
            "this text holds the control character U+0007, which no page can show"
        );
        assert_eq!(&yaml[got[0].1.clone()], "\"Bell \\a here\"");
        assert!(got[1].0.contains("U+001B"));
        assert_eq!(&yaml[got[1].1.clone()], "\"Esc \\e[31m\"");
    }

    #[test]
    fn keys_and_unicode_escapes_count_too_and_a_clean_file_costs_nothing() {
        let got = found("\"k\\x00ey\": 1\nv: \"\\u0085\"\n");
        assert_eq!(got.len(), 2, "{got:?}");
        assert!(found("title: Plain £ text – no escapes\n").is_empty());
        assert!(found("title: \"\\u00e9t\\u00e9 \\\" quoted\"\n").is_empty());
    }
}
