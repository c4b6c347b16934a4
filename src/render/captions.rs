//! Table captions in the canonical Markdown: every table leaves the Markdown stage with a
//! `Table: …` caption line, so that the HTML `<caption>`, the PDF's tagged `Caption` and the
//! Markdown itself name each table the same way (screen readers list tables by caption).
//!
//! A table that already has one keeps it. A source-style title in the paragraph just before
//! a table ("Table 1: Budget proposals…", "Table 3 – Adult Social Care…") becomes its caption.
//! Any other table is captioned by the heading of the section it sits in (numbered when one
//! section holds several such tables), the nearest thing the author wrote to a name for it.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use std::collections::HashMap;

/// The prefix that makes a paragraph the caption of the table right after it.
const PREFIX: &str = "Table: ";

/// `markdown` with a caption line before every table that lacks one.
pub fn complete(markdown: &str) -> String {
    let inserts = inserts(markdown);
    if inserts.is_empty() {
        return markdown.to_string();
    }
    let extra: usize = inserts.iter().map(|(_, s)| s.len()).sum();
    let mut out = String::with_capacity(markdown.len() + extra);
    let mut at = 0;
    for (offset, text) in inserts {
        out.push_str(&markdown[at..offset]);
        out.push_str(&text);
        at = offset;
    }
    out.push_str(&markdown[at..]);
    out
}

/// The last block seen before a table, as far as captions are concerned.
enum Before {
    /// A paragraph starting `Table: ` (the table is captioned already).
    Caption,
    /// A one-line paragraph that reads as a table title, starting at this offset.
    Title(usize),
    Other,
}

/// Where to insert what, in order of offset.
fn inserts(markdown: &str) -> Vec<(usize, String)> {
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let mut out = Vec::new();
    let mut heading: Option<String> = None;
    // Tables captioned from each heading so far, to number the second and later ones.
    let mut per_heading: HashMap<String, usize> = HashMap::new();
    let mut tables = 0usize;
    let mut before = Before::Other;
    let mut events = Parser::new_ext(markdown, options).into_offset_iter();
    while let Some((event, range)) = events.next() {
        match event {
            Event::Start(Tag::Heading { .. }) => {
                let mut text = String::new();
                for (e, _) in events.by_ref() {
                    match e {
                        Event::Text(t) | Event::Code(t) => text.push_str(&t),
                        Event::SoftBreak | Event::HardBreak => text.push(' '),
                        Event::End(TagEnd::Heading(_)) => break,
                        _ => {}
                    }
                }
                heading = Some(text.trim().to_string());
                before = Before::Other;
            }
            Event::Start(Tag::Paragraph) => {
                let source = &markdown[range.clone()];
                before = if source.starts_with(PREFIX) {
                    Before::Caption
                } else if is_title(source) {
                    Before::Title(range.start)
                } else {
                    Before::Other
                };
                skip_to_end(&mut events, TagEnd::Paragraph);
            }
            Event::Start(Tag::Table(_)) => {
                tables += 1;
                match std::mem::replace(&mut before, Before::Other) {
                    Before::Caption => {}
                    Before::Title(at) => out.push((at, PREFIX.to_string())),
                    Before::Other => {
                        let name = match &heading {
                            Some(h) if !h.is_empty() => {
                                let n = per_heading.entry(h.clone()).or_insert(0);
                                *n += 1;
                                if *n == 1 {
                                    h.clone()
                                } else {
                                    format!("{h} (table {n})")
                                }
                            }
                            _ => format!("Table {tables}"),
                        };
                        let line_start = markdown[..range.start].rfind('\n').map_or(0, |i| i + 1);
                        // The table's own line prefix (a quote's `> `, a list item's indent)
                        // keeps the caption in the same container.
                        let prefix = &markdown[line_start..range.start];
                        out.push((
                            range.start,
                            format!("{PREFIX}{}\n{}\n{prefix}", escape(&name), prefix.trim_end()),
                        ));
                    }
                }
                skip_to_end(&mut events, TagEnd::Table);
            }
            // Anything else (a list, a quote, a rule, the end of a container) comes between
            // a title and the table.
            _ => before = Before::Other,
        }
    }
    out
}

fn skip_to_end<'a>(
    events: &mut impl Iterator<Item = (Event<'a>, std::ops::Range<usize>)>,
    end: TagEnd,
) {
    for (e, _) in events.by_ref() {
        if e == Event::End(end) {
            break;
        }
    }
}

/// A one-line paragraph like "Table 1: …", "Table 3 – …" or "Table 4 Corporate …": the
/// title a council paper prints above its table.
fn is_title(source: &str) -> bool {
    let line = source.trim_end();
    let Some(rest) = line.strip_prefix("Table ") else {
        return false;
    };
    let number: String = rest.chars().take_while(|c| c.is_ascii_digit()).collect();
    let after = &rest[number.len()..];
    // "Table 1: …", "Table 3 – …", "Table 4 Corporate …", but not "Table 1 (below) shows …".
    let titled = after.starts_with(':')
        || [" –", " —", " -", " :"]
            .iter()
            .any(|p| after.starts_with(p))
        || after
            .strip_prefix(' ')
            .and_then(|a| a.chars().next())
            .is_some_and(char::is_uppercase);
    !number.is_empty()
        && titled
        && !line.contains('\n')
        && !line.ends_with('.')
        && line.chars().count() <= 200
}

/// Heading text made safe to write back as Markdown: characters that would start markup are
/// backslash-escaped.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '!' | '#' | '~' | '&'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const TABLE: &str = "| a | b |\n|---|--:|\n| x | 1 |\n";

    #[test]
    fn a_table_with_a_caption_keeps_it() {
        let md = format!("## S\n\nTable: Costs (£m)\n\n{TABLE}");
        assert_eq!(complete(&md), md);
    }

    #[test]
    fn a_source_title_above_a_table_becomes_its_caption() {
        for title in [
            "Table 1: Budget proposals",
            "Table 3 – Adult Social Care Funding Proposals",
            "Table 4 Corporate Support Services Funding Proposals",
        ] {
            let md = format!("## S\n\n{title}\n\n{TABLE}");
            assert_eq!(
                complete(&md),
                format!("## S\n\nTable: {title}\n\n{TABLE}"),
                "{title}"
            );
        }
        // Prose that mentions a table is not a title.
        let md = format!("## S\n\nTable 1 (below) shows the costs.\n\n{TABLE}");
        assert!(complete(&md).contains("Table: S\n\n| a"));
    }

    #[test]
    fn other_tables_are_named_by_their_section() {
        let md = format!(
            "# T\n\n## 2. *Costs* & more\n\nText:\n\n{TABLE}\nMore.\n\n{TABLE}\n## Next\n\n{TABLE}"
        );
        let out = complete(&md);
        assert_eq!(
            out,
            format!(
                "# T\n\n## 2. *Costs* & more\n\nText:\n\nTable: 2. Costs \\& more\n\n{TABLE}\nMore.\n\n\
                 Table: 2. Costs \\& more (table 2)\n\n{TABLE}\n## Next\n\nTable: Next\n\n{TABLE}"
            )
        );
        // With no heading at all, tables are numbered.
        assert_eq!(complete(TABLE), format!("Table: Table 1\n\n{TABLE}"));
    }

    #[test]
    fn a_quoted_or_listed_table_is_captioned_inside_its_container() {
        let md = "## Q\n\n> | a |\n> |---|\n> | 1 |\n";
        let out = complete(md);
        assert_eq!(out, "## Q\n\n> Table: Q\n>\n> | a |\n> |---|\n> | 1 |\n");
        let blocks = crate::render::html::body(&out, &HashMap::new()).body;
        assert!(blocks.contains("<caption>Q</caption>"), "{blocks}");
    }
}
