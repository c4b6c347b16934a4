//! Control characters in input text. YAML's double-quoted escapes (`"\0"`, `"\a"`, `"\e"`,
//! `"\x1b"`, `"\u0007"`) put characters into a text that no page can show and that make HTML
//! and SVG files invalid (the parser itself already refuses such characters typed raw). Each
//! one is an error at the text that holds it, found by walking the file's YAML tree with the
//! place of every value; the file still loads, so its other problems are reported in the same
//! run.

use crate::codes::Code;
use crate::diagnostic::Diagnostic;
use crate::source::FileId;
use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::Spanned;

/// A YAML node, keeping only what the check needs: texts, and where everything is.
enum Node {
    Text(String),
    List(Vec<Spanned<Node>>),
    Map(Vec<(Spanned<Node>, Spanned<Node>)>),
    Other,
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Node;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("any YAML value")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Node, E> {
                Ok(Node::Text(v.to_string()))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Node, E> {
                Ok(Node::Text(v))
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<Node, E> {
                Ok(Node::Other)
            }
            fn visit_i64<E: de::Error>(self, _: i64) -> Result<Node, E> {
                Ok(Node::Other)
            }
            fn visit_u64<E: de::Error>(self, _: u64) -> Result<Node, E> {
                Ok(Node::Other)
            }
            fn visit_i128<E: de::Error>(self, _: i128) -> Result<Node, E> {
                Ok(Node::Other)
            }
            fn visit_u128<E: de::Error>(self, _: u128) -> Result<Node, E> {
                Ok(Node::Other)
            }
            fn visit_f64<E: de::Error>(self, _: f64) -> Result<Node, E> {
                Ok(Node::Other)
            }
            fn visit_unit<E: de::Error>(self) -> Result<Node, E> {
                Ok(Node::Other)
            }
            fn visit_none<E: de::Error>(self) -> Result<Node, E> {
                Ok(Node::Other)
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Node, D::Error> {
                Node::deserialize(d)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element()? {
                    items.push(item);
                }
                Ok(Node::List(items))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
                let mut entries = Vec::new();
                while let Some(key) = map.next_key()? {
                    entries.push((key, map.next_value()?));
                }
                Ok(Node::Map(entries))
            }
        }
        d.deserialize_any(V)
    }
}

/// Whether `c` is a control character a text may not hold (tab, line feed and carriage
/// return are layout, not controls).
pub fn forbidden(c: char) -> bool {
    c.is_control() && !matches!(c, '\t' | '\n' | '\r')
}

/// An error for each text of the file `text` that holds a control character. Only a file
/// with a backslash can (the YAML parser refuses raw ones), so others cost nothing; a file the
/// parser cannot read gives nothing here (its syntax error is reported by the load).
pub fn check(id: FileId, text: &str, options: serde_saphyr::Options) -> Vec<Diagnostic> {
    if !text.contains('\\') {
        return Vec::new();
    }
    let Ok(root) = serde_saphyr::from_str_with_options::<Spanned<Node>>(text, options) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    walk(id, &root, &mut out);
    out
}

fn walk(id: FileId, node: &Spanned<Node>, out: &mut Vec<Diagnostic>) {
    match &node.value {
        Node::Text(t) => {
            if let Some(c) = t.chars().find(|&c| forbidden(c)) {
                out.push(
                    Diagnostic::error(
                        Code::ControlCharacter,
                        format!(
                            "this text holds the control character U+{:04X}, which no page can show",
                            u32::from(c)
                        ),
                    )
                    .at(id, crate::validate::at(node), "control character")
                    .hint("delete the escape (`\\0`, `\\a`, `\\e`, `\\x..`, `\\u....`) from the quoted text"),
                );
            }
        }
        Node::List(items) => items.iter().for_each(|i| walk(id, i, out)),
        Node::Map(entries) => {
            for (k, v) in entries {
                walk(id, k, out);
                walk(id, v, out);
            }
        }
        Node::Other => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(yaml: &str) -> Vec<(String, std::ops::Range<usize>)> {
        check(FileId(0), yaml, serde_saphyr::Options::default())
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
