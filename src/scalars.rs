//! The scalars of a YAML text with their places, read by the YAML event parser serde-saphyr
//! itself uses: one walk for the rules that look at every text as written (control characters
//! that escapes put in a value, characters no font can show), so both see the file the same
//! way.

use std::ops::Range;

/// A scalar of a YAML text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scalar {
    /// The value after YAML escape processing (`"\a"` is the bell character).
    pub value: String,
    /// Where it is written.
    pub span: Range<usize>,
    /// A mapping key, not a value (keys are never printed).
    pub is_key: bool,
}

/// Every scalar of `text`, in order, up to the first syntax error (reported by the load).
pub fn scalars(text: &str) -> Vec<Scalar> {
    use granit_parser::{Event, Parser};
    // For each open collection: is it a mapping, and is its next node a key?
    let mut stack: Vec<(bool, bool)> = Vec::new();
    let mut out = Vec::new();
    for next in Parser::new_from_str(text) {
        let Ok((event, span)) = next else { break };
        let is_key = matches!(stack.last(), Some((true, true)));
        match event {
            Event::Scalar(value, ..) => {
                if let Some(r) = span.byte_range() {
                    out.push(Scalar {
                        value: value.into_owned(),
                        span: r,
                        is_key,
                    });
                }
                flip(&mut stack);
            }
            Event::Alias(..) => flip(&mut stack),
            Event::MappingStart(..) => stack.push((true, true)),
            Event::SequenceStart(..) => stack.push((false, false)),
            Event::MappingEnd | Event::SequenceEnd => {
                stack.pop();
                flip(&mut stack);
            }
            _ => {}
        }
    }
    out
}

/// In a mapping, a key is followed by its value and a value by the next key.
fn flip(stack: &mut [(bool, bool)]) {
    if let Some((true, key)) = stack.last_mut() {
        *key = !*key;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_and_values_with_their_places_and_escapes_resolved() {
        let text = "kind: report\ntitle: \"A \\a b\"\nlist: [x, {k: v}]\n";
        let s = scalars(text);
        let shown: Vec<(&str, &str, bool)> = s
            .iter()
            .map(|x| (x.value.as_str(), &text[x.span.clone()], x.is_key))
            .collect();
        assert_eq!(
            shown,
            [
                ("kind", "kind", true),
                ("report", "report", false),
                ("title", "title", true),
                ("A \u{7} b", "\"A \\a b\"", false),
                ("list", "list", true),
                ("x", "x", false),
                ("k", "k", true),
                ("v", "v", false),
            ]
        );
    }
}
