//! Post-processing the parsed blocks: a `Table: ` paragraph becomes the caption of the table
//! after it; headings are numbered in document order and given unique anchors (GitHub-style
//! slugs, or an explicit `{#id}`); and the list of headings for the contents and outline.

use super::blocks::Block;
use super::measure::{plain_text, Span};
use std::collections::{HashMap, HashSet};

/// A paragraph starting `Table: ` right before a table becomes its caption.
pub fn attach_captions(blocks: &mut Vec<Block>) {
    // One pass into a new vector: removing each caption in place moved every block after
    // it, quadratic in a report with thousands of tables.
    let old = std::mem::take(blocks);
    blocks.reserve(old.len());
    let mut caption: Option<Vec<Span>> = None;
    for mut block in old {
        match &mut block {
            Block::Quote(inner) | Block::Footnote { blocks: inner, .. } => attach_captions(inner),
            Block::List { items, .. } => items.iter_mut().for_each(attach_captions),
            _ => {}
        }
        // A "Table: …" paragraph right before a table is that table's caption.
        if let Some(spans) = caption.take() {
            match &mut block {
                Block::Table(t) => {
                    let mut spans = spans;
                    strip_prefix(&mut spans, "Table: ");
                    t.caption = Some(spans);
                }
                _ => blocks.push(Block::Para(spans)),
            }
        }
        match block {
            Block::Para(spans) if plain_text(&spans).starts_with("Table: ") => {
                caption = Some(spans);
            }
            other => blocks.push(other),
        }
    }
    if let Some(spans) = caption {
        blocks.push(Block::Para(spans));
    }
}

fn strip_prefix(spans: &mut Vec<Span>, prefix: &str) {
    let mut left = prefix.len();
    while left > 0 && !spans.is_empty() {
        let n = spans[0].text.len();
        if n <= left {
            spans.remove(0);
            left -= n;
        } else {
            spans[0].text.drain(..left);
            left = 0;
        }
    }
    if let Some(first) = spans.first_mut() {
        first.text = first.text.trim_start().to_string();
    }
}

pub fn number_headings(blocks: &mut [Block], seen: &mut HashSet<String>, index: &mut usize) {
    number(blocks, seen, index, &mut HashMap::new());
}

/// `next` remembers, per slug, the suffix to try first: without it, the n-th "Financial
/// profile" heading tried all n-1 taken anchors first (quadratic in a 1,000-initiative report).
fn number(
    blocks: &mut [Block],
    seen: &mut HashSet<String>,
    index: &mut usize,
    next: &mut HashMap<String, usize>,
) {
    for b in blocks {
        match b {
            Block::Heading {
                spans,
                anchor,
                index: i,
                ..
            } => {
                *i = *index;
                *index += 1;
                let base = if anchor.is_empty() {
                    slug(&plain_text(spans))
                } else {
                    anchor.clone()
                };
                let mut n = next.get(&base).copied().unwrap_or(0);
                let name = |n: usize| {
                    if n == 0 {
                        base.clone()
                    } else {
                        format!("{base}-{n}")
                    }
                };
                let mut candidate = name(n);
                while !seen.insert(candidate.clone()) {
                    n += 1;
                    candidate = name(n);
                }
                next.insert(base.clone(), n + 1);
                *anchor = candidate;
            }
            Block::Quote(inner) | Block::Footnote { blocks: inner, .. } => {
                number(inner, seen, index, next)
            }
            Block::List { items, .. } => {
                for item in items {
                    number(item, seen, index, next);
                }
            }
            _ => {}
        }
    }
}

pub fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.trim().chars() {
        if c.is_alphanumeric() || c == '-' || c == '_' {
            out.extend(c.to_lowercase());
        } else if c == ' ' {
            out.push('-');
        }
    }
    if out.is_empty() {
        out.push_str("section");
    }
    out
}

/// Every heading, in document order, as (index, level, text, anchor).
pub fn headings(blocks: &[Block]) -> Vec<(usize, u8, String, String)> {
    let mut out = Vec::new();
    fn walk(blocks: &[Block], out: &mut Vec<(usize, u8, String, String)>) {
        for b in blocks {
            match b {
                Block::Heading {
                    level,
                    spans,
                    anchor,
                    index,
                } => out.push((*index, *level, plain_text(spans), anchor.clone())),
                Block::Quote(inner) | Block::Footnote { blocks: inner, .. } => walk(inner, out),
                Block::List { items, .. } => items.iter().for_each(|i| walk(i, out)),
                _ => {}
            }
        }
    }
    walk(blocks, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::pdf::blocks::parse;

    #[test]
    fn slugs_are_unique() {
        let b = parse("## A\n\n## A\n");
        let h = headings(&b);
        assert_eq!(h[0].3, "a");
        assert_eq!(h[1].3, "a-1");
        // Suffixes skip anchors already taken, however they were taken.
        let b = parse("## A\n\n## A-1\n\n## A\n\n## A\n\n## B\n\n## A\n");
        let anchors: Vec<String> = headings(&b).into_iter().map(|h| h.3).collect();
        assert_eq!(anchors, ["a", "a-1", "a-2", "a-3", "b", "a-4"]);
    }

    #[test]
    fn a_table_paragraph_captions_only_the_table_right_after_it() {
        let md = "Table: One\n\n| a |\n|---|\n| 1 |\n\nTable: stray\n\nText.\n\n\
                  Table: Table: Two\n\n| b |\n|---|\n| 2 |\n\n> Table: Three\n>\n> | c |\n> |---|\n> | 3 |\n\n\
                  Table: last\n";
        let b = parse(md);
        let kinds: Vec<String> = b
            .iter()
            .map(|b| match b {
                Block::Table(t) => format!("table:{}", plain_text(t.caption.as_ref().unwrap())),
                Block::Para(s) => format!("para:{}", plain_text(s)),
                Block::Quote(inner) => match &inner[0] {
                    Block::Table(t) => {
                        format!("quoted:{}", plain_text(t.caption.as_ref().unwrap()))
                    }
                    _ => "quote".into(),
                },
                _ => "other".into(),
            })
            .collect();
        assert_eq!(
            kinds,
            [
                "table:One",
                "para:Table: stray",
                "para:Text.",
                "table:Table: Two",
                "quoted:Three",
                "para:Table: last"
            ]
        );
    }
}
