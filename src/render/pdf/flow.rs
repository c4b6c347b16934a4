//! Flowing blocks: dispatches each Markdown block to its layout (paragraphs, headings with
//! keep-with-next, nested lists with markers, block quotes with a rule, code, rules, page
//! breaks, footnotes) and measures what must follow a heading onto its page.

use super::blocks::Block;
use super::fonts::Face;
use super::layout::CODE_FILL;
use super::layout::{
    Flow, HeadingPos, Item, BODY, BODY_LH, BOTTOM, GREY, HEADING, LIGHT_RULE, PARA_GAP, TEXT, TOP,
};
use super::measure::{self, Span, TextSpec};

/// The narrowest column nested lists and quotes indent down to.
const MIN_COLUMN: f32 = 150.0;

impl<'a> Flow<'a> {
    // ----- blocks -----

    /// Lays out `blocks` in the column `x .. x + w`. Returns where the first line went.
    pub fn blocks(
        &mut self,
        blocks: &[Block],
        x: f32,
        w: f32,
        depth: usize,
    ) -> Option<(usize, f32)> {
        let mut first = None;
        for (i, b) in blocks.iter().enumerate() {
            let at = self.block(b, &blocks[i + 1..], x, w, depth);
            first = first.or(at);
        }
        first
    }

    fn block(
        &mut self,
        b: &Block,
        rest: &[Block],
        x: f32,
        w: f32,
        depth: usize,
    ) -> Option<(usize, f32)> {
        match b {
            Block::Heading {
                level,
                spans,
                index,
                ..
            } => Some(self.heading(*level, spans, *index, rest, x, w)),
            Block::Para(spans) => {
                // A short lead-in ("… as shown below:", "Table 2: …") stays with what follows.
                let text = measure::plain_text(spans);
                let lead_in = text.trim_end().ends_with(':')
                    || (text.starts_with("Table ")
                        && matches!(rest.first(), Some(Block::Table(_))));
                if lead_in && !rest.is_empty() {
                    let n = self.line_count(spans, BODY, w);
                    if n <= 3 {
                        let (g, lead) = self.lead(rest, w);
                        self.need(n as f32 * BODY_LH + PARA_GAP.max(g) + lead);
                    }
                }
                self.open("P");
                self.gap(0.0);
                let at = self.paragraph(spans, BODY, BODY_LH, x, w, TEXT);
                self.close();
                self.gap(if self.tight { 3.0 } else { PARA_GAP });
                Some(at)
            }
            Block::List {
                start,
                tight,
                items,
            } => self.list(*start, *tight, items, x, w, depth),
            Block::Quote(inner) => self.quote(inner, x, w, depth),
            Block::Code(text) => Some(self.code(text, x, w)),
            Block::Table(t) => {
                self.table(t, x, w);
                None
            }
            Block::Figure { url, alt } => {
                self.figure(url, alt, x, w);
                None
            }
            Block::Rule => {
                self.gap(8.0);
                self.need(1.0);
                self.start();
                let y = self.y;
                self.push(Item::Line {
                    x1: x,
                    y1: y,
                    x2: x + w,
                    y2: y,
                    width: 0.5,
                    color: LIGHT_RULE,
                    dotted: false,
                });
                self.y += 0.5;
                self.gap(8.0);
                None
            }
            Block::PageBreak => {
                if !self.fresh {
                    self.new_page();
                }
                None
            }
            Block::Footnote { label, blocks } => {
                let spec = TextSpec { size: 9.0, ..BODY };
                self.open("Note");
                let mut first = None;
                for (k, b) in blocks.iter().enumerate() {
                    if let Block::Para(spans) = b {
                        let mut s = spans.clone();
                        if k == 0 {
                            s.insert(0, Span::plain(format!("[{label}] ")));
                        }
                        self.open("P");
                        let at = self.paragraph(&s, spec, 12.5, x, w, GREY);
                        self.close();
                        self.gap(4.0);
                        first = first.or(Some(at));
                    } else {
                        first = first.or(self.block(b, &[], x, w, depth));
                    }
                }
                self.close();
                self.gap(PARA_GAP);
                first
            }
            Block::Contents => {
                self.contents(x, w);
                None
            }
        }
    }

    pub fn heading_spec(level: u8) -> (TextSpec, f32, f32, f32) {
        // (spec, line height, space before, space after)
        match level {
            1 => (
                TextSpec {
                    size: 20.0,
                    bold: true,
                    italic: false,
                },
                25.0,
                0.0,
                14.0,
            ),
            2 => (
                TextSpec {
                    size: 14.5,
                    bold: true,
                    italic: false,
                },
                19.0,
                18.0,
                6.0,
            ),
            3 => (
                TextSpec {
                    size: 12.0,
                    bold: true,
                    italic: false,
                },
                16.0,
                14.0,
                4.0,
            ),
            4 => (
                TextSpec {
                    size: 10.5,
                    bold: true,
                    italic: false,
                },
                15.0,
                11.0,
                3.0,
            ),
            _ => (
                TextSpec {
                    size: 10.5,
                    bold: true,
                    italic: true,
                },
                15.0,
                10.0,
                2.0,
            ),
        }
    }

    fn heading(
        &mut self,
        level: u8,
        spans: &[Span],
        index: usize,
        rest: &[Block],
        x: f32,
        w: f32,
    ) -> (usize, f32) {
        let (spec, lh, before, after) = Self::heading_spec(level);
        let lines = self.lines(spans, spec, w);
        let h = lines.len() as f32 * lh;
        self.gap(before);
        let (g, lead) = self.lead(rest, w);
        self.need(h + after.max(g) + lead);
        self.start();
        let role = ["H1", "H2", "H3", "H4", "H5", "H6"][usize::from(level.clamp(1, 6)) - 1];
        self.open(role);
        let first = (self.page(), self.y + self.baseline(spec, lh));
        self.out.headings[index] = Some(HeadingPos {
            level,
            text: measure::plain_text(spans),
            page: self.page(),
            y: self.y,
        });
        for line in &lines {
            // A heading taller than a page goes on over the next (never over the footer).
            if self.y + lh > BOTTOM + 0.01 && self.y > TOP + 0.01 {
                self.new_page();
                self.start();
            }
            let top = self.y;
            self.draw_line(line, spans, spec, (x, top), lh, HEADING);
            self.y += lh;
        }
        self.close();
        self.gap(after);
        first
    }

    /// The height the start of `rest` needs on the same page as a heading before it.
    /// What the start of `rest` needs on the same page as the block before it: the gap
    /// above it (gaps collapse, so the larger of two adjacent gaps applies) and its height.
    pub(super) fn lead(&self, rest: &[Block], w: f32) -> (f32, f32) {
        let Some(b) = rest.first() else {
            return (0.0, 0.0);
        };
        match b {
            Block::Para(spans) => {
                let n = self.line_count(spans, BODY, w);
                (0.0, (if n <= 3 { n } else { 2 }) as f32 * BODY_LH)
            }
            Block::Heading { level, spans, .. } => {
                let (spec, lh, before, after) = Self::heading_spec(*level);
                let (g, c) = self.lead(&rest[1..], w);
                (
                    before,
                    self.line_count(spans, spec, w) as f32 * lh + after.max(g) + c,
                )
            }
            Block::List { items, .. } => {
                items.first().map_or((0.0, 0.0), |i| self.lead(i, w - 18.0))
            }
            Block::Quote(inner) => (PARA_GAP, self.lead(inner, w - 14.0).1),
            Block::Footnote { blocks, .. } => self.lead(blocks, w),
            Block::Code(_) => (PARA_GAP, 2.0 * 13.0),
            Block::Table(t) => (PARA_GAP + 2.0, self.table_lead(t, w)),
            Block::Figure { url, .. } => (PARA_GAP + 4.0, self.figure_height(url, w)),
            Block::Rule | Block::PageBreak | Block::Contents => (0.0, 0.0),
        }
    }

    fn list(
        &mut self,
        start: Option<u64>,
        tight: bool,
        items: &[Vec<Block>],
        x: f32,
        w: f32,
        depth: usize,
    ) -> Option<(usize, f32)> {
        let indent = 18.0;
        self.open("L");
        let mut first = None;
        let marker_width = match start {
            Some(s) => {
                let last = format!("{}.", s + items.len() as u64);
                self.fonts.width(Face::Regular, BODY.size, &last) + 5.0
            }
            None => indent,
        };
        // Deep nesting stops indenting once the column would get too narrow.
        let indent = indent
            .max(marker_width + 2.0)
            .min((w - MIN_COLUMN).max(0.0));
        for (k, item) in items.iter().enumerate() {
            if k > 0 {
                self.gap(if tight { 3.0 } else { PARA_GAP });
            }
            self.open("LI");
            let lbl = self.open("Lbl");
            self.close();
            self.open("LBody");
            let was_tight = std::mem::replace(&mut self.tight, tight);
            let at = self.blocks(item, x + indent, w - indent, depth + 1);
            self.tight = was_tight;
            self.close();
            self.close();
            let marker = match start {
                Some(s) => format!("{}.", s + k as u64),
                None => ["\u{2022}", "\u{2013}", "\u{2022}"][depth % 3].to_string(),
            };
            let (page, base) = at.unwrap_or((self.page(), self.y));
            let mw = self.fonts.width(Face::Regular, BODY.size, &marker);
            let mx = if start.is_some() {
                x + indent - 5.0 - mw
            } else {
                x + (indent - mw) / 2.0 - 2.0
            };
            self.out.pages[page].items.push(Item::Text {
                x: mx,
                y: base,
                face: Face::Regular,
                size: BODY.size,
                text: marker,
                color: TEXT,
                node: Some(lbl),
            });
            first = first.or(Some((page, base)));
            if tight {
                self.pending = self.pending.min(3.0);
            }
        }
        self.close();
        self.gap(PARA_GAP);
        first
    }

    fn quote(&mut self, inner: &[Block], x: f32, w: f32, depth: usize) -> Option<(usize, f32)> {
        let indent = 14.0f32.min((w - MIN_COLUMN).max(0.0));
        self.gap(PARA_GAP);
        self.open("BlockQuote");
        let at = self.blocks(inner, x + indent, w - indent, depth);
        self.close();
        let (p0, b0) = at.unwrap_or((self.page(), self.y));
        let top = b0 - BODY.size;
        let (p1, bottom) = (self.page(), self.y);
        for p in p0..=p1 {
            let y1 = if p == p0 { top } else { TOP };
            let y2 = if p == p1 { bottom } else { self.page_bottom(p) };
            if y2 > y1 {
                self.out.pages[p].items.push(Item::Line {
                    x1: x + 3.0,
                    y1,
                    x2: x + 3.0,
                    y2,
                    width: 2.0,
                    color: LIGHT_RULE,
                    dotted: false,
                });
            }
        }
        self.gap(PARA_GAP);
        at
    }

    /// The lowest text baseline on page `p` (plus descent), for rules that run to a page end.
    fn page_bottom(&self, p: usize) -> f32 {
        self.out.pages[p]
            .items
            .iter()
            .filter_map(|i| match i {
                Item::Text { y, size, .. } => Some(y + size * 0.3),
                _ => None,
            })
            .fold(TOP, f32::max)
    }

    fn code(&mut self, text: &str, x: f32, w: f32) -> (usize, f32) {
        let spec = TextSpec { size: 9.0, ..BODY };
        let lh = 13.0;
        // Keep indentation: leading spaces become no-break spaces, which never collapse.
        let kept: Vec<String> = text
            .replace('\t', "    ")
            .lines()
            .map(|l| {
                let n = l.len() - l.trim_start_matches(' ').len();
                format!("{}{}", "\u{a0}".repeat(n), &l[n..])
            })
            .collect();
        let spans: Vec<Span> = vec![Span::plain(kept.join("\n"))];
        let lines = self.lines(&spans, spec, w - 12.0);
        self.gap(PARA_GAP);
        self.open("Code");
        let mut first = None;
        for line in &lines {
            self.need(lh);
            self.start();
            let top = self.y;
            self.push(Item::Rect {
                x,
                y: top,
                w,
                h: lh,
                color: CODE_FILL,
            });
            first = first.or(Some((self.page(), top + self.baseline(spec, lh))));
            self.draw_line(line, &spans, spec, (x + 6.0, top), lh, TEXT);
            self.y += lh;
        }
        self.close();
        self.gap(PARA_GAP);
        first.unwrap_or((self.page(), self.y))
    }
}
