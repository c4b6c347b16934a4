//! Markdown → blocks: parses the report Markdown (pulldown-cmark, GFM tables) into the block
//! tree the layout engine flows; raw HTML becomes plain text, `<!-- cabinet:pagebreak -->` a
//! page break, a `Table: ` paragraph the caption of the table after it.

use super::headings;
use super::measure::{Link, Span, Style};
use pulldown_cmark::{Alignment, CodeBlockKind, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use std::collections::HashSet;
use std::iter::Peekable;

/// The page-break marker the Markdown renderer writes on its own line.
pub const PAGE_BREAK: &str = "<!-- cabinet:pagebreak -->";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Center,
    Right,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub caption: Option<Vec<Span>>,
    pub aligns: Vec<Align>,
    pub head: Vec<Vec<Span>>,
    pub rows: Vec<Vec<Vec<Span>>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// `index` counts headings in document order; `anchor` is the link target (slug).
    Heading {
        level: u8,
        spans: Vec<Span>,
        anchor: String,
        index: usize,
    },
    Para(Vec<Span>),
    List {
        start: Option<u64>,
        tight: bool,
        items: Vec<Vec<Block>>,
    },
    Quote(Vec<Block>),
    Code(String),
    Table(Table),
    /// An image on its own paragraph.
    Figure {
        url: String,
        alt: String,
    },
    Rule,
    PageBreak,
    Footnote {
        label: String,
        blocks: Vec<Block>,
    },
    /// The contents list (inserted by the renderer, not written in Markdown).
    Contents,
}

/// Parses `markdown` into blocks, numbering headings and giving each a unique anchor.
pub fn parse(markdown: &str) -> Vec<Block> {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_TASKLISTS;
    let mut events = Parser::new_ext(markdown, options).peekable();
    let mut blocks = block_list(&mut events, None);
    headings::attach_captions(&mut blocks);
    let mut seen = HashSet::new();
    let mut index = 0;
    headings::number_headings(&mut blocks, &mut seen, &mut index);
    blocks
}

type Events<'a> = Peekable<Parser<'a>>;

fn is_inline(e: &Event) -> bool {
    match e {
        Event::Text(_)
        | Event::Code(_)
        | Event::InlineHtml(_)
        | Event::InlineMath(_)
        | Event::DisplayMath(_)
        | Event::FootnoteReference(_)
        | Event::SoftBreak
        | Event::HardBreak
        | Event::TaskListMarker(_) => true,
        Event::Start(t) => matches!(
            t,
            Tag::Emphasis
                | Tag::Strong
                | Tag::Strikethrough
                | Tag::Superscript
                | Tag::Subscript
                | Tag::Link { .. }
                | Tag::Image { .. }
        ),
        // The end of an inline span belongs to the paragraph it is in: a tight list item's
        // `(*AW*)` is one line, not "(AW" and a ")" below it.
        Event::End(t) => matches!(
            t,
            TagEnd::Emphasis
                | TagEnd::Strong
                | TagEnd::Strikethrough
                | TagEnd::Superscript
                | TagEnd::Subscript
                | TagEnd::Link
                | TagEnd::Image
        ),
        _ => false,
    }
}

fn block_list(ev: &mut Events, end: Option<TagEnd>) -> Vec<Block> {
    let mut out = Vec::new();
    while let Some(peek) = ev.peek() {
        if is_inline(peek) {
            // Inline content straight inside a container: a tight list item.
            let (spans, image) = inlines(ev, None);
            out.push(para_or_figure(spans, image));
            continue;
        }
        let Some(e) = ev.next() else { break };
        match e {
            Event::End(t) if Some(t) == end => return out,
            Event::End(_) => {}
            Event::Start(Tag::Paragraph) => {
                let (spans, image) = inlines(ev, Some(TagEnd::Paragraph));
                out.push(para_or_figure(spans, image));
            }
            Event::Start(Tag::Heading { level, id, .. }) => {
                let (spans, _) = inlines(ev, Some(TagEnd::Heading(level)));
                out.push(Block::Heading {
                    level: heading_level(level),
                    spans,
                    anchor: id.map(|s| s.to_string()).unwrap_or_default(),
                    index: 0,
                });
            }
            Event::Start(Tag::BlockQuote(kind)) => {
                out.push(Block::Quote(block_list(ev, Some(TagEnd::BlockQuote(kind)))));
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                let _ = matches!(kind, CodeBlockKind::Fenced(_));
                let mut text = String::new();
                for e in ev.by_ref() {
                    match e {
                        Event::Text(t) => text.push_str(&t),
                        Event::End(TagEnd::CodeBlock) => break,
                        _ => {}
                    }
                }
                out.push(Block::Code(text.trim_end_matches('\n').to_string()));
            }
            Event::Start(Tag::HtmlBlock) => {
                let mut text = String::new();
                for e in ev.by_ref() {
                    match e {
                        Event::Html(t) | Event::Text(t) => text.push_str(&t),
                        Event::End(TagEnd::HtmlBlock) => break,
                        _ => {}
                    }
                }
                html_block(&text, &mut out);
            }
            Event::Html(t) => html_block(&t, &mut out),
            Event::Start(Tag::List(start)) => {
                let mut items = Vec::new();
                let mut tight = true;
                while let Some(e) = ev.next() {
                    match e {
                        Event::Start(Tag::Item) => {
                            tight &= !matches!(ev.peek(), Some(Event::Start(Tag::Paragraph)));
                            items.push(block_list(ev, Some(TagEnd::Item)));
                        }
                        Event::End(TagEnd::List(_)) => break,
                        _ => {}
                    }
                }
                out.push(Block::List {
                    start,
                    tight,
                    items,
                });
            }
            Event::Start(Tag::Table(aligns)) => out.push(Block::Table(table(ev, aligns))),
            Event::Start(Tag::FootnoteDefinition(label)) => {
                let blocks = block_list(ev, Some(TagEnd::FootnoteDefinition));
                out.push(Block::Footnote {
                    label: label.to_string(),
                    blocks,
                });
            }
            Event::Start(Tag::DefinitionList) => {
                out.extend(block_list(ev, Some(TagEnd::DefinitionList)));
            }
            Event::Start(Tag::DefinitionListTitle) => {
                let (mut spans, _) = inlines(ev, Some(TagEnd::DefinitionListTitle));
                for s in &mut spans {
                    s.style.bold = true;
                }
                out.push(Block::Para(spans));
            }
            Event::Start(Tag::DefinitionListDefinition) => {
                out.push(Block::Quote(block_list(
                    ev,
                    Some(TagEnd::DefinitionListDefinition),
                )));
            }
            Event::Start(Tag::MetadataBlock(_)) => {
                for e in ev.by_ref() {
                    if matches!(e, Event::End(TagEnd::MetadataBlock(_))) {
                        break;
                    }
                }
            }
            Event::Rule => out.push(Block::Rule),
            Event::Start(_) => {}
            _ => {}
        }
    }
    out
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// Raw HTML is never interpreted: the page-break comment breaks the page, anything else is
/// printed as the text it is.
fn html_block(text: &str, out: &mut Vec<Block>) {
    let mut pending = String::new();
    for line in text.lines() {
        if line.trim() == PAGE_BREAK {
            if !pending.trim().is_empty() {
                out.push(Block::Para(vec![Span::plain(
                    pending.trim_end().to_string(),
                )]));
            }
            pending.clear();
            out.push(Block::PageBreak);
        } else {
            pending.push_str(line);
            pending.push('\n');
        }
    }
    if !pending.trim().is_empty() {
        out.push(Block::Para(vec![Span::plain(
            pending.trim_end().to_string(),
        )]));
    }
}

fn para_or_figure(spans: Vec<Span>, image: Option<(String, String)>) -> Block {
    match image {
        Some((url, alt)) if spans.iter().all(|s| s.text.trim().is_empty()) => {
            Block::Figure { url, alt }
        }
        Some((_, alt)) => {
            // An image among other text: print its alternative text.
            let mut spans = spans;
            spans.push(Span::styled(
                format!("[{alt}]"),
                Style {
                    italic: true,
                    ..Style::default()
                },
            ));
            Block::Para(spans)
        }
        None => Block::Para(spans),
    }
}

/// Collects inline events up to `end` (or, with `None`, up to the next non-inline event).
/// Returns the spans and the first image on its own (url, alt).
fn inlines(ev: &mut Events, end: Option<TagEnd>) -> (Vec<Span>, Option<(String, String)>) {
    let mut spans: Vec<Span> = Vec::new();
    let mut style = Style::default();
    let (mut bold, mut italic, mut strike) = (0u32, 0u32, 0u32);
    let mut links: Vec<Option<Link>> = Vec::new();
    let mut image: Option<(String, String)> = None;
    let push = |spans: &mut Vec<Span>, text: &str, style: Style, link: Option<Link>| {
        if text.is_empty() {
            return;
        }
        match spans.last_mut() {
            Some(last) if last.style == style && last.link == link => last.text.push_str(text),
            _ => spans.push(Span {
                text: text.to_string(),
                style,
                link,
            }),
        }
    };
    loop {
        if end.is_none() {
            match ev.peek() {
                Some(p) if is_inline(p) => {}
                _ => break,
            }
        }
        let Some(e) = ev.next() else { break };
        let link = links.last().cloned().flatten();
        match e {
            Event::End(t) if Some(t) == end => break,
            Event::Text(t) | Event::InlineMath(t) | Event::DisplayMath(t) => {
                push(&mut spans, &t, style, link)
            }
            Event::InlineHtml(t) | Event::Html(t) => push(&mut spans, &t, style, link),
            Event::Code(t) => push(
                &mut spans,
                &t,
                Style {
                    code: true,
                    ..style
                },
                link,
            ),
            Event::FootnoteReference(l) => push(&mut spans, &format!("[{l}]"), style, link),
            Event::SoftBreak => push(&mut spans, " ", style, link),
            Event::HardBreak => push(&mut spans, "\n", style, link),
            Event::TaskListMarker(done) => {
                push(&mut spans, if done { "[x] " } else { "[ ] " }, style, link)
            }
            Event::Start(Tag::Strong) => bold += 1,
            Event::End(TagEnd::Strong) => bold = bold.saturating_sub(1),
            Event::Start(Tag::Emphasis) => italic += 1,
            Event::End(TagEnd::Emphasis) => italic = italic.saturating_sub(1),
            Event::Start(Tag::Strikethrough) => strike += 1,
            Event::End(TagEnd::Strikethrough) => strike = strike.saturating_sub(1),
            Event::Start(Tag::Link { dest_url, .. }) => {
                let url = dest_url.to_string();
                links.push(if let Some(anchor) = url.strip_prefix('#') {
                    Some(Link::Anchor(anchor.to_string()))
                } else if url.is_empty() {
                    None
                } else {
                    Some(Link::Uri(url))
                });
            }
            Event::End(TagEnd::Link) => {
                links.pop();
            }
            Event::Start(Tag::Image { dest_url, .. }) => {
                let mut alt = String::new();
                for e in ev.by_ref() {
                    match e {
                        Event::Text(t) | Event::Code(t) => alt.push_str(&t),
                        Event::SoftBreak | Event::HardBreak => alt.push(' '),
                        Event::End(TagEnd::Image) => break,
                        _ => {}
                    }
                }
                if image.is_none() && spans.iter().all(|s| s.text.trim().is_empty()) {
                    image = Some((dest_url.to_string(), alt));
                } else {
                    push(
                        &mut spans,
                        &format!("[{alt}]"),
                        Style {
                            italic: true,
                            ..style
                        },
                        link,
                    );
                }
            }
            _ => {}
        }
        style = Style {
            bold: bold > 0,
            italic: italic > 0,
            code: false,
            strike: strike > 0,
        };
    }
    // An image followed by more text is not a figure.
    if let Some((_, alt)) = &image {
        if spans.iter().any(|s| !s.text.trim().is_empty()) {
            let alt = alt.clone();
            image = None;
            spans.insert(
                0,
                Span::styled(
                    format!("[{alt}]"),
                    Style {
                        italic: true,
                        ..Style::default()
                    },
                ),
            );
        }
    }
    // Trim the paragraph's outer whitespace.
    if let Some(first) = spans.first_mut() {
        first.text = first.text.trim_start().to_string();
    }
    if let Some(last) = spans.last_mut() {
        last.text = last.text.trim_end().to_string();
    }
    spans.retain(|s| !s.text.is_empty());
    (spans, image)
}

fn table(ev: &mut Events, aligns: Vec<Alignment>) -> Table {
    let aligns: Vec<Align> = aligns
        .iter()
        .map(|a| match a {
            Alignment::Right => Align::Right,
            Alignment::Center => Align::Center,
            _ => Align::Left,
        })
        .collect();
    let mut head = Vec::new();
    let mut rows = Vec::new();
    let mut row: Vec<Vec<Span>> = Vec::new();
    while let Some(e) = ev.next() {
        match e {
            Event::Start(Tag::TableCell) => row.push(inlines(ev, Some(TagEnd::TableCell)).0),
            Event::End(TagEnd::TableHead) => head = std::mem::take(&mut row),
            Event::End(TagEnd::TableRow) => rows.push(std::mem::take(&mut row)),
            Event::End(TagEnd::Table) => break,
            _ => {}
        }
    }
    let n = aligns.len().max(head.len());
    for r in std::iter::once(&mut head).chain(rows.iter_mut()) {
        r.resize(n, Vec::new());
    }
    Table {
        caption: None,
        aligns,
        head,
        rows,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::pdf::measure::plain_text;

    #[test]
    fn emphasis_ending_a_tight_list_item_stays_in_its_paragraph() {
        let b = parse("- starting spring 2013 (*AW*)\n- next\n");
        let Block::List { items, .. } = &b[0] else {
            panic!("{b:?}")
        };
        assert_eq!(items[0].len(), 1, "{:?}", items[0]);
        let Block::Para(spans) = &items[0][0] else {
            panic!("{:?}", items[0])
        };
        assert_eq!(plain_text(spans), "starting spring 2013 (AW)");
    }

    #[test]
    fn parses_the_report_constructs() {
        let md = "# Title\n\nIntro **bold** and *it* [link](https://x.org).\n\n\
                  ## 1. Recommendations\n\n- one\n- two\n  1. nested\n\n> quoted\n\n\
                  Table: Table 1: Costs\n\n| Item | 2016/17 |\n|:--|--:|\n| A | (0.165) |\n| **Total** | **0.164** |\n\n\
                  ![Chart of costs](charts/cyps-2.svg)\n\n<!-- cabinet:pagebreak -->\n\n<div>raw</div>\n\n## Appendix\n";
        let b = parse(md);
        assert!(matches!(
            &b[0],
            Block::Heading {
                level: 1,
                index: 0,
                ..
            }
        ));
        let Block::Para(spans) = &b[1] else {
            panic!("{:?}", b[1])
        };
        assert!(spans.iter().any(|s| s.style.bold && s.text == "bold"));
        assert!(spans
            .iter()
            .any(|s| s.link == Some(Link::Uri("https://x.org".into()))));
        assert!(
            matches!(&b[2], Block::Heading { level: 2, anchor, .. } if anchor == "1-recommendations")
        );
        let Block::List {
            items,
            start: None,
            tight: true,
        } = &b[3]
        else {
            panic!("{:?}", b[3])
        };
        assert_eq!(items.len(), 2);
        assert!(matches!(items[1][1], Block::List { start: Some(1), .. }));
        assert!(matches!(&b[4], Block::Quote(_)));
        let Block::Table(t) = &b[5] else {
            panic!("{:?}", b[5])
        };
        assert_eq!(plain_text(t.caption.as_ref().unwrap()), "Table 1: Costs");
        assert_eq!(t.aligns, [Align::Left, Align::Right]);
        assert_eq!(t.rows.len(), 2);
        assert!(t.rows[1][1][0].style.bold);
        assert_eq!(
            b[6],
            Block::Figure {
                url: "charts/cyps-2.svg".into(),
                alt: "Chart of costs".into()
            }
        );
        assert_eq!(b[7], Block::PageBreak);
        assert_eq!(b[8], Block::Para(vec![Span::plain("<div>raw</div>")]));
        assert!(matches!(&b[9], Block::Heading { index: 2, .. }));
    }
}
