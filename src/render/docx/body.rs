//! The document body: each block of the parsed report as WordprocessingML paragraphs, lists,
//! tables and pictures, in the order the PDF lays them out. Headings use Word's built-in
//! heading styles and carry bookmarks, so the navigation pane, the contents field and links
//! within the report all work.

use super::table;
use super::xml::{esc, field_begin, field_end, run, RunStyle};
use crate::chart::Chart;
use crate::render::pdf::{chart_id, plain_text, Block, Link, Span};
use std::collections::HashMap;

/// A chart shown as a PNG picture, embedded in `word/media/`: drawn only when the archive is
/// written (see `package::zip`), a few at a time, so the pictures of a long report are never
/// all held at once.
pub struct Image<'a> {
    pub rel: String,
    pub file: String,
    pub chart: &'a Chart,
}

/// A numbering instance (`w:num`): which definition it uses and where it starts.
pub struct ListInstance {
    pub abstract_id: u32,
    pub start: u64,
}

/// Abstract numbering definitions in `numbering.xml`.
pub const BULLETS: u32 = 0;
pub const DECIMAL: u32 = 1;
pub const LETTERS: u32 = 2;

/// The chart picture's width: as in the PDF (135 mm), in EMU (36,000 a millimetre).
const CHART_WIDTH_EMU: u64 = 135 * 36_000;
/// Charts are drawn at 3× their design size: about 270 dpi at 135 mm.
pub const CHART_SCALE: u32 = 3;

/// Builds `word/document.xml`'s body and collects what it refers to.
pub struct Body<'a> {
    pub out: String,
    charts: &'a HashMap<String, &'a Chart>,
    pub images: Vec<Image<'a>>,
    /// External link targets, in order of first use (relationship `rIdL<n>`).
    pub links: Vec<String>,
    pub lists: Vec<ListInstance>,
    /// Heading anchor → bookmark name.
    bookmarks: HashMap<String, String>,
    /// Level-2 headings (the PDF's contents list): bookmark and text.
    toc: Vec<(String, String)>,
    next_bookmark: usize,
    next_picture: usize,
    page_break: bool,
    pub errors: Vec<String>,
}

/// How a paragraph is set: its style, list membership and indentation.
#[derive(Default, Clone)]
struct Para<'s> {
    style: Option<&'s str>,
    /// (numbering instance, level).
    numbered: Option<(usize, usize)>,
    /// Left indent in twips (list continuation paragraphs, quotes in lists).
    indent: Option<u32>,
    keep_next: bool,
    align: Option<&'static str>,
}

/// The Word style of a Markdown heading level.
pub fn heading_style(level: u8) -> String {
    format!("Heading{}", level.clamp(1, 6))
}

impl<'a> Body<'a> {
    pub fn new(blocks: &[Block], charts: &'a HashMap<String, &'a Chart>) -> Body<'a> {
        let mut bookmarks = HashMap::new();
        let mut toc = Vec::new();
        collect_headings(blocks, &mut bookmarks, &mut toc);
        Body {
            out: String::with_capacity(64 * 1024),
            charts,
            images: Vec::new(),
            links: Vec::new(),
            lists: Vec::new(),
            bookmarks,
            toc,
            next_bookmark: 0,
            next_picture: 1,
            page_break: false,
            errors: Vec::new(),
        }
    }

    /// Writes `blocks` at list depth `depth` (0 outside lists).
    pub fn blocks(&mut self, blocks: &[Block], depth: usize) {
        let mut k = 0;
        while k < blocks.len() {
            if depth == 0 {
                let n = recommendations(&blocks[k..]);
                if n > 0 {
                    self.recommendations(&blocks[k..k + n]);
                    k += n;
                    continue;
                }
            }
            self.block(&blocks[k], depth);
            k += 1;
        }
    }

    fn block(&mut self, block: &Block, depth: usize) {
        let indent = (depth > 0).then(|| list_indent(depth));
        match block {
            Block::Heading {
                level,
                spans,
                anchor,
                ..
            } => {
                let style = heading_style(*level);
                let para = Para {
                    style: Some(&style),
                    keep_next: true,
                    ..Para::default()
                };
                let bookmark = self.bookmarks.get(anchor).cloned();
                self.paragraph(&para, |b| {
                    if let Some(name) = &bookmark {
                        let id = b.next_bookmark;
                        b.next_bookmark += 1;
                        b.out.push_str(&format!(
                            "<w:bookmarkStart w:id=\"{id}\" w:name=\"{name}\"/>"
                        ));
                        b.spans(spans, RunStyle::default());
                        b.out.push_str(&format!("<w:bookmarkEnd w:id=\"{id}\"/>"));
                    } else {
                        b.spans(spans, RunStyle::default());
                    }
                });
            }
            Block::Para(spans) => {
                let para = Para {
                    indent,
                    ..Para::default()
                };
                self.paragraph(&para, |b| b.spans(spans, RunStyle::default()));
            }
            Block::List {
                start,
                tight: _,
                items,
            } => self.list(*start, items, depth),
            Block::Quote(inner) => {
                // Quoted paragraphs take the Quote style; anything else in the quote as usual.
                for b in inner {
                    match b {
                        Block::Para(spans) => {
                            let para = Para {
                                style: Some("Quote"),
                                indent: indent.map(|i| i + 567),
                                ..Para::default()
                            };
                            self.paragraph(&para, |w| w.spans(spans, RunStyle::default()));
                        }
                        other => self.block(other, depth),
                    }
                }
            }
            Block::Code(text) => {
                let para = Para {
                    style: Some("Code"),
                    indent,
                    ..Para::default()
                };
                self.paragraph(&para, |b| {
                    run(
                        &mut b.out,
                        text,
                        RunStyle {
                            code: true,
                            ..RunStyle::default()
                        },
                    )
                });
            }
            Block::Table(t) => {
                if std::mem::take(&mut self.page_break) {
                    self.out
                        .push_str("<w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>");
                }
                if let Some(caption) = &t.caption {
                    let para = Para {
                        style: Some("Caption"),
                        keep_next: true,
                        ..Para::default()
                    };
                    self.paragraph(&para, |b| b.spans(caption, RunStyle::default()));
                }
                table::table(self, t);
            }
            Block::Figure { url, alt } => self.figure(url, alt),
            Block::Rule => {
                self.out.push_str(
                    "<w:p><w:pPr><w:pBdr><w:bottom w:val=\"single\" w:sz=\"6\" w:space=\"1\" \
                     w:color=\"BFBFBF\"/></w:pBdr></w:pPr></w:p>",
                );
            }
            Block::PageBreak => self.page_break = true,
            Block::Footnote { label, blocks } => {
                let para = Para {
                    indent,
                    ..Para::default()
                };
                let (first, rest) = match blocks.split_first() {
                    Some((Block::Para(spans), rest)) => (Some(spans), rest),
                    _ => (None, blocks.as_slice()),
                };
                self.paragraph(&para, |b| {
                    run(&mut b.out, &format!("[{label}] "), RunStyle::default());
                    if let Some(spans) = first {
                        b.spans(spans, RunStyle::default());
                    }
                });
                self.blocks(rest, depth);
            }
            Block::Contents => self.contents(),
        }
    }

    /// Writes one paragraph; `content` writes its runs.
    fn paragraph(&mut self, para: &Para<'_>, content: impl FnOnce(&mut Self)) {
        self.out.push_str("<w:p>");
        let mut p = String::new();
        if let Some(s) = para.style {
            p.push_str(&format!("<w:pStyle w:val=\"{s}\"/>"));
        }
        if para.keep_next {
            p.push_str("<w:keepNext/>");
        }
        if std::mem::take(&mut self.page_break) {
            p.push_str("<w:pageBreakBefore/>");
        }
        if let Some((num, level)) = para.numbered {
            p.push_str(&format!(
                "<w:numPr><w:ilvl w:val=\"{level}\"/><w:numId w:val=\"{}\"/></w:numPr>",
                num + 1
            ));
        }
        if let Some(left) = para.indent {
            p.push_str(&format!("<w:ind w:left=\"{left}\"/>"));
        }
        if let Some(jc) = para.align {
            p.push_str(&format!("<w:jc w:val=\"{jc}\"/>"));
        }
        if !p.is_empty() {
            self.out.push_str("<w:pPr>");
            self.out.push_str(&p);
            self.out.push_str("</w:pPr>");
        }
        content(self);
        self.out.push_str("</w:p>");
    }

    /// Runs for `spans`, links as Word hyperlinks (to a heading's bookmark, or external).
    pub fn spans(&mut self, spans: &[Span], base: RunStyle) {
        for s in spans {
            let style = RunStyle {
                bold: base.bold || s.style.bold,
                italic: base.italic || s.style.italic,
                strike: base.strike || s.style.strike,
                code: base.code || s.style.code,
                link: s.link.is_some(),
                size: base.size,
            };
            match &s.link {
                None => run(&mut self.out, &s.text, style),
                Some(Link::Anchor(a)) => match self.bookmarks.get(a) {
                    Some(name) => {
                        self.out.push_str(&format!(
                            "<w:hyperlink w:anchor=\"{name}\" w:history=\"1\">"
                        ));
                        run(&mut self.out, &s.text, style);
                        self.out.push_str("</w:hyperlink>");
                    }
                    // A link to no heading of this report: its text only.
                    None => run(
                        &mut self.out,
                        &s.text,
                        RunStyle {
                            link: false,
                            ..style
                        },
                    ),
                },
                Some(Link::Uri(uri)) => {
                    let n = match self.links.iter().position(|l| l == uri) {
                        Some(n) => n,
                        None => {
                            self.links.push(uri.clone());
                            self.links.len() - 1
                        }
                    };
                    self.out.push_str(&format!(
                        "<w:hyperlink r:id=\"rIdL{}\" w:history=\"1\">",
                        n + 1
                    ));
                    run(&mut self.out, &s.text, style);
                    self.out.push_str("</w:hyperlink>");
                }
            }
        }
    }

    fn new_list(&mut self, abstract_id: u32, start: u64) -> usize {
        self.lists.push(ListInstance { abstract_id, start });
        self.lists.len() - 1
    }

    fn list(&mut self, start: Option<u64>, items: &[Vec<Block>], depth: usize) {
        let num = match start {
            Some(s) => self.new_list(DECIMAL, s),
            None => self.new_list(BULLETS, 1),
        };
        let level = depth.min(8);
        for item in items {
            let (first, rest) = match item.split_first() {
                Some((Block::Para(spans), rest)) => (Some(spans), rest),
                _ => (None, item.as_slice()),
            };
            let para = Para {
                style: Some("ListParagraph"),
                numbered: Some((num, level)),
                ..Para::default()
            };
            self.paragraph(&para, |b| {
                if let Some(spans) = first {
                    b.spans(spans, RunStyle::default());
                }
            });
            self.blocks(rest, depth + 1);
        }
    }

    /// Lettered recommendations (`**a.** text`, `**b.** …`) as a Word lettered list, so that
    /// a recommendation added in Word letters itself and the ones after it.
    fn recommendations(&mut self, paras: &[Block]) {
        let num = self.new_list(LETTERS, 1);
        for b in paras {
            let Block::Para(spans) = b else { continue };
            let para = Para {
                style: Some("Recommendation"),
                numbered: Some((num, 0)),
                ..Para::default()
            };
            let mut rest: Vec<Span> = spans[1..].to_vec();
            if let Some(first) = rest.first_mut() {
                first.text = first.text.trim_start().to_string();
            }
            self.paragraph(&para, |w| w.spans(&rest, RunStyle::default()));
        }
    }

    /// The contents list: a Word TOC field over the level-2 headings (as the PDF lists),
    /// with its entries already filled in and linked, so it reads right before Word updates
    /// it (which adds the page numbers).
    fn contents(&mut self) {
        if self.toc.is_empty() {
            return;
        }
        let para = Para {
            style: Some("TOCHeading"),
            keep_next: true,
            ..Para::default()
        };
        self.paragraph(&para, |b| run(&mut b.out, "Contents", RunStyle::default()));
        let toc = std::mem::take(&mut self.toc);
        let last = toc.len() - 1;
        for (k, (bookmark, text)) in toc.iter().enumerate() {
            self.out
                .push_str("<w:p><w:pPr><w:pStyle w:val=\"TOC2\"/></w:pPr>");
            if k == 0 {
                field_begin(&mut self.out, "TOC \\o \"2-2\" \\h \\z \\u");
            }
            self.out.push_str(&format!(
                "<w:hyperlink w:anchor=\"{bookmark}\" w:history=\"1\">"
            ));
            run(&mut self.out, text, RunStyle::default());
            self.out.push_str("</w:hyperlink>");
            if k == last {
                field_end(&mut self.out);
            }
            self.out.push_str("</w:p>");
        }
        self.toc = toc;
    }

    /// A chart as a PNG picture with its title and description as alternative text, then its
    /// description in the text (the data table follows in the Markdown); other images print
    /// their alternative text, as in the PDF.
    fn figure(&mut self, url: &str, alt: &str) {
        let chart = chart_id(url).and_then(|id| self.charts.get(id).map(|c| (id, *c)));
        let Some((id, chart)) = chart else {
            if chart_id(url).is_some() {
                self.errors.push(format!(
                    "the Markdown shows the chart `{url}` but no such chart was supplied"
                ));
            }
            let para = Para::default();
            self.paragraph(&para, |b| {
                run(
                    &mut b.out,
                    &format!("[Image: {alt}]"),
                    RunStyle {
                        italic: true,
                        ..RunStyle::default()
                    },
                )
            });
            return;
        };
        let n = self.next_picture;
        self.next_picture += 1;
        let rel = format!("rIdI{n}");
        let file = format!("{id}.png");
        let description = if chart.description.trim().is_empty() {
            alt.to_string()
        } else {
            chart.description.clone()
        };
        let (cx, cy) = (
            CHART_WIDTH_EMU,
            CHART_WIDTH_EMU * u64::from(Chart::HEIGHT) / u64::from(Chart::WIDTH),
        );
        let (title, descr) = (
            esc(&chart.title),
            esc(&format!("{}. {description}", chart.title)),
        );
        let para = Para {
            keep_next: true,
            align: Some("center"),
            style: Some("Figure"),
            ..Para::default()
        };
        self.paragraph(&para, |b| {
            b.out.push_str(&format!(
                "<w:r><w:drawing><wp:inline distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\">\
                 <wp:extent cx=\"{cx}\" cy=\"{cy}\"/><wp:effectExtent l=\"0\" t=\"0\" r=\"0\" b=\"0\"/>\
                 <wp:docPr id=\"{n}\" name=\"Chart {n}\" title=\"{title}\" descr=\"{descr}\"/>\
                 <wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect=\"1\"/></wp:cNvGraphicFramePr>\
                 <a:graphic><a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/picture\">\
                 <pic:pic><pic:nvPicPr><pic:cNvPr id=\"{n}\" name=\"{file}\" descr=\"{descr}\"/><pic:cNvPicPr/></pic:nvPicPr>\
                 <pic:blipFill><a:blip r:embed=\"{rel}\"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>\
                 <pic:spPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"{cx}\" cy=\"{cy}\"/></a:xfrm>\
                 <a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></pic:spPr></pic:pic>\
                 </a:graphicData></a:graphic></wp:inline></w:drawing></w:r>"
            ));
        });
        let para = Para {
            style: Some("ChartDescription"),
            ..Para::default()
        };
        self.paragraph(&para, |b| {
            run(&mut b.out, &description, RunStyle::default())
        });
        self.images.push(Image { rel, file, chart });
    }
}

/// Left indent of list content at `depth`, in twips (as the numbering levels indent).
pub fn list_indent(depth: usize) -> u32 {
    360 * (depth.min(9) as u32 + 1)
}

/// Bookmarks for every heading (`_Toc<n>`: Word's own prefix for headings a contents field
/// links to, hidden from the bookmark list), and the level-2 headings for the contents.
fn collect_headings(
    blocks: &[Block],
    bookmarks: &mut HashMap<String, String>,
    toc: &mut Vec<(String, String)>,
) {
    for b in blocks {
        match b {
            Block::Heading {
                level,
                spans,
                anchor,
                index,
            } => {
                let name = format!("_Toc{index:08}");
                bookmarks.insert(anchor.clone(), name.clone());
                if *level == 2 {
                    toc.push((name, plain_text(spans)));
                }
            }
            Block::Quote(inner) | Block::Footnote { blocks: inner, .. } => {
                collect_headings(inner, bookmarks, toc)
            }
            Block::List { items, .. } => {
                for i in items {
                    collect_headings(i, bookmarks, toc);
                }
            }
            _ => {}
        }
    }
}

/// How many paragraphs from the start of `blocks` are lettered recommendations: `**a.** …`,
/// `**b.** …` in order, each a bold letter label followed by text. Word letters a list a to z
/// and then aa, bb …; councils go on aa, ab …, so a longer run keeps its printed letters.
fn recommendations(blocks: &[Block]) -> usize {
    let mut n = 0;
    for b in blocks {
        let Block::Para(spans) = b else { break };
        let Some(first) = spans.first() else { break };
        let want = match u8::try_from(n).ok().filter(|n| *n < 26) {
            Some(k) => format!("{}.", char::from(b'a' + k)),
            None => return 0,
        };
        if !(first.style.bold && first.link.is_none() && first.text == want && spans.len() > 1) {
            break;
        }
        n += 1;
    }
    // A run ended by a 27th lettered paragraph would be cut short: keep it as printed.
    if n == 26 && recommendations_continue(&blocks[n..]) {
        return 0;
    }
    n
}

fn recommendations_continue(blocks: &[Block]) -> bool {
    matches!(blocks.first(), Some(Block::Para(spans))
        if spans.first().is_some_and(|s| s.style.bold && s.text == "aa."))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::pdf::report_blocks;

    fn body(md: &str) -> (String, usize) {
        let blocks = report_blocks(md);
        let charts = HashMap::new();
        let mut b = Body::new(&blocks, &charts);
        b.blocks(&blocks, 0);
        (b.out, b.lists.len())
    }

    #[test]
    fn headings_take_word_heading_styles_and_bookmarks() {
        let (xml, _) = body("# Title\n\n## 1. Recommendations\n\nSee [the summary](#1-recommendations).\n\n### Detail\n");
        assert!(xml.contains("<w:pStyle w:val=\"Heading1\"/>"));
        assert!(xml.contains("<w:pStyle w:val=\"Heading2\"/>"));
        assert!(xml.contains("<w:pStyle w:val=\"Heading3\"/>"));
        // The contents lists the level-2 heading, linked to its bookmark, inside a TOC field.
        assert!(xml.contains("TOC \\o &quot;2-2&quot;"));
        assert!(xml.contains("w:name=\"_Toc00000001\""));
        assert_eq!(xml.matches("w:anchor=\"_Toc00000001\"").count(), 2);
    }

    #[test]
    fn lettered_recommendations_become_a_lettered_list() {
        let (xml, lists) =
            body("Cabinet are asked to:\n\n**a.** Note this;\n\n**b.** Approve that.\n\nAfter.\n");
        assert_eq!(lists, 1);
        assert_eq!(xml.matches("<w:numId w:val=\"1\"/>").count(), 2);
        // The letter comes from the numbering, not the text.
        assert!(!xml.contains(">a.<"));
        assert!(xml.contains(">Note this;<"));
        // Out of order: printed as written.
        let (xml, lists) = body("**b.** Approve.\n\n**c.** Note.\n");
        assert_eq!(lists, 0);
        assert!(xml.contains(">b.<") && xml.contains(">c.<"));
    }

    #[test]
    fn lists_number_from_their_start_and_nest() {
        let blocks = report_blocks("3. three\n4. four\n   - inner\n");
        let charts = HashMap::new();
        let mut b = Body::new(&blocks, &charts);
        b.blocks(&blocks, 0);
        assert_eq!(b.lists.len(), 2);
        assert_eq!((b.lists[0].abstract_id, b.lists[0].start), (DECIMAL, 3));
        assert_eq!(b.lists[1].abstract_id, BULLETS);
        assert!(b.out.contains("<w:ilvl w:val=\"1\"/>"));
    }

    #[test]
    fn a_page_break_starts_the_next_paragraph_on_a_new_page() {
        let (xml, _) = body("Before.\n\n<!-- cabinet:pagebreak -->\n\n### Appendix\n");
        let at = xml.find("<w:pageBreakBefore/>").expect("page break");
        assert!(xml[at..].contains("Appendix"));
        assert!(!xml[..at].contains("Appendix"));
    }

    #[test]
    fn a_missing_chart_is_an_error_and_other_images_print_their_alt_text() {
        let blocks = report_blocks("![A chart](charts/nope.svg)\n\n![Logo](images/logo.png)\n");
        let charts = HashMap::new();
        let mut b = Body::new(&blocks, &charts);
        b.blocks(&blocks, 0);
        assert_eq!(b.errors.len(), 1);
        assert!(b.out.contains("[Image: Logo]"));
    }
}
