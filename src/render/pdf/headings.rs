//! Post-processing the parsed blocks: a `Table: ` paragraph becomes the caption of the table
//! after it; headings are numbered in document order and given unique anchors (GitHub-style
//! slugs, or an explicit `{#id}`); and the list of headings for the contents and outline.

use super::blocks::Block;
use super::measure::{plain_text, Span};
use std::collections::HashSet;

/// A paragraph starting `Table: ` right before a table becomes its caption.
pub fn attach_captions(blocks: &mut Vec<Block>) {
    let mut i = 0;
    while i < blocks.len() {
        match &mut blocks[i] {
            Block::Quote(inner) | Block::Footnote { blocks: inner, .. } => attach_captions(inner),
            Block::List { items, .. } => items.iter_mut().for_each(attach_captions),
            _ => {}
        }
        let is_caption = matches!(&blocks[i], Block::Para(spans) if plain_text(spans).starts_with("Table: "))
            && matches!(blocks.get(i + 1), Some(Block::Table(_)));
        if is_caption {
            let Block::Para(mut spans) = blocks.remove(i) else {
                unreachable!()
            };
            strip_prefix(&mut spans, "Table: ");
            if let Some(Block::Table(t)) = blocks.get_mut(i) {
                t.caption = Some(spans);
            }
        }
        i += 1;
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
                let mut candidate = base.clone();
                let mut n = 0;
                while !seen.insert(candidate.clone()) {
                    n += 1;
                    candidate = format!("{base}-{n}");
                }
                *anchor = candidate;
            }
            Block::Quote(inner) | Block::Footnote { blocks: inner, .. } => {
                number_headings(inner, seen, index)
            }
            Block::List { items, .. } => {
                for item in items {
                    number_headings(item, seen, index);
                }
            }
            _ => {}
        }
    }
}

/// GitHub-style anchor: lower case, punctuation dropped, spaces as hyphens.
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
    }
}
