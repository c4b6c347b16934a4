//! The layout engine: flows blocks down A4 pages into a display list (positioned text, rules,
//! fills, links, charts), with keep-with-next headings, widow/orphan control, lists, quotes,
//! code, figures and page breaks. Tables live in `table.rs`, page furniture in `furniture.rs`.

use super::blocks::Block;
use super::fonts::{Face, Fonts};
use super::measure::{self, Line, Link, Span, TextSpec};
use std::collections::HashMap;

// A4 portrait in points, y measured down from the top edge.
pub const PAGE_W: f32 = 595.276;
pub const PAGE_H: f32 = 841.89;
const MM: f32 = 72.0 / 25.4;
pub const LEFT: f32 = 22.0 * MM;
pub const RIGHT: f32 = PAGE_W - 22.0 * MM;
pub const TOP: f32 = 26.0 * MM;
pub const BOTTOM: f32 = PAGE_H - 22.0 * MM;

pub const BODY: TextSpec = TextSpec {
    size: 10.5,
    bold: false,
    italic: false,
};
pub const BODY_LH: f32 = 15.0;
pub const PARA_GAP: f32 = 7.5;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rgb(pub f32, pub f32, pub f32);

pub const TEXT: Rgb = Rgb(0.1, 0.1, 0.1);
pub const HEADING: Rgb = Rgb(0.05, 0.19, 0.34);
pub const LINK: Rgb = Rgb(0.06, 0.3, 0.62);
pub const GREY: Rgb = Rgb(0.38, 0.38, 0.38);
pub const RULE: Rgb = Rgb(0.45, 0.45, 0.45);
pub const LIGHT_RULE: Rgb = Rgb(0.78, 0.78, 0.78);
pub const FILL: Rgb = Rgb(0.93, 0.945, 0.96);
pub const CODE_FILL: Rgb = Rgb(0.95, 0.95, 0.95);

/// Where a link annotation goes.
#[derive(Debug, Clone, PartialEq)]
pub enum Target {
    Uri(String),
    /// A heading, by index.
    Heading(usize),
}

/// One thing drawn on a page. `node` is the structure element the content belongs to
/// (`None`: an artifact such as page furniture or a repeated table header).
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// `y` is the baseline.
    Text {
        x: f32,
        y: f32,
        face: Face,
        size: f32,
        text: String,
        color: Rgb,
        node: Option<usize>,
    },
    Line {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        width: f32,
        color: Rgb,
        dotted: bool,
    },
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        color: Rgb,
    },
    Link {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        target: Target,
    },
    Chart {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        id: String,
        node: Option<usize>,
    },
    /// The page number of heading `heading`, right-aligned at `right` (filled in once every
    /// page is laid out).
    PageRef {
        heading: usize,
        right: f32,
        y: f32,
        face: Face,
        size: f32,
        color: Rgb,
        node: Option<usize>,
    },
}

#[derive(Debug, Clone, Default)]
pub struct Page {
    pub items: Vec<Item>,
}

/// Where a heading landed.
#[derive(Debug, Clone, PartialEq)]
pub struct HeadingPos {
    pub level: u8,
    pub text: String,
    pub page: usize,
    /// Top of the heading's first line.
    pub y: f32,
}

/// A structure element for the tagged-PDF tree.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub role: &'static str,
    pub parent: Option<usize>,
    pub alt: Option<String>,
    /// For table header cells: `Column` or `Row`.
    pub scope: Option<&'static str>,
}

/// How a table was split over pages (for tests and diagnostics).
#[derive(Debug, Clone, PartialEq)]
pub struct TableChunk {
    pub page: usize,
    /// Body rows on this page, by index.
    pub rows: Vec<usize>,
    /// (top, bottom) of the header row and of each body row drawn on this page.
    pub header: (f32, f32),
    pub spans: Vec<(f32, f32)>,
}

/// The laid-out document.
#[derive(Debug, Default)]
pub struct Laid {
    pub pages: Vec<Page>,
    pub headings: Vec<Option<HeadingPos>>,
    pub nodes: Vec<Node>,
    pub tables: Vec<Vec<TableChunk>>,
}

pub struct Flow<'a> {
    pub fonts: &'a Fonts,
    pub charts: &'a HashMap<String, &'a crate::chart::Chart>,
    pub out: Laid,
    /// Top of the free space on the current page.
    pub y: f32,
    /// Collapsed vertical gap waiting to be inserted before the next content.
    pending: f32,
    /// Nothing placed on the current page yet.
    pub fresh: bool,
    anchors: HashMap<String, usize>,
    /// Every heading (index, level, text) for the contents list.
    pub toc: Vec<(usize, u8, String)>,
    stack: Vec<usize>,
    /// Content placed now is an artifact (not part of the structure tree).
    pub artifact: bool,
    pub errors: Vec<String>,
}

impl<'a> Flow<'a> {
    pub fn new(
        fonts: &'a Fonts,
        charts: &'a HashMap<String, &'a crate::chart::Chart>,
        blocks: &[Block],
    ) -> Self {
        let all = super::blocks::headings(blocks);
        let mut f = Flow {
            fonts,
            charts,
            out: Laid {
                headings: vec![None; all.len()],
                ..Laid::default()
            },
            y: TOP,
            pending: 0.0,
            fresh: true,
            anchors: all.iter().map(|h| (h.3.clone(), h.0)).collect(),
            toc: all.iter().map(|h| (h.0, h.1, h.2.clone())).collect(),
            stack: Vec::new(),
            artifact: false,
            errors: Vec::new(),
        };
        f.out.pages.push(Page::default());
        let root = f.open("Document");
        debug_assert_eq!(root, 0);
        f
    }

    // ----- structure tree -----

    pub fn open(&mut self, role: &'static str) -> usize {
        if self.artifact {
            self.stack.push(usize::MAX);
            return usize::MAX;
        }
        let id = self.out.nodes.len();
        self.out.nodes.push(Node {
            role,
            parent: self.stack.last().copied(),
            alt: None,
            scope: None,
        });
        self.stack.push(id);
        id
    }

    pub fn close(&mut self) {
        self.stack.pop();
    }

    pub fn node(&self) -> Option<usize> {
        if self.artifact {
            return None;
        }
        self.stack.last().copied().filter(|n| *n != usize::MAX)
    }

    // ----- vertical space and pages -----

    pub fn page(&self) -> usize {
        self.out.pages.len() - 1
    }

    pub fn new_page(&mut self) {
        self.out.pages.push(Page::default());
        self.y = TOP;
        self.pending = 0.0;
        self.fresh = true;
    }

    pub fn gap(&mut self, g: f32) {
        self.pending = self.pending.max(g);
    }

    /// Space left below the pending gap.
    pub fn room(&self) -> f32 {
        BOTTOM - self.y - if self.fresh { 0.0 } else { self.pending }
    }

    /// Starts a new page unless `h` points fit (or the page is still empty).
    pub fn need(&mut self, h: f32) {
        if !self.fresh && h > self.room() + 0.01 {
            self.new_page();
        }
    }

    /// Commits the pending gap: content is about to be placed at `self.y`.
    pub fn start(&mut self) {
        if !self.fresh {
            self.y += self.pending;
        }
        self.pending = 0.0;
        self.fresh = false;
    }

    pub fn push(&mut self, item: Item) {
        self.out.pages.last_mut().expect("a page").items.push(item);
    }

    // ----- text -----

    pub fn lines(&self, spans: &[Span], spec: TextSpec, width: f32) -> Vec<Line> {
        measure::with_styles(measure::break_lines(spans, self.fonts, spec, width), spans)
    }

    /// Distance from the top of a line box to its baseline (CSS half-leading).
    pub fn baseline(&self, spec: TextSpec, lh: f32) -> f32 {
        let m = self.fonts.face(spec.face(Default::default()));
        (lh - (m.ascent + m.descent) * spec.size) / 2.0 + m.ascent * spec.size
    }

    /// Draws one line with its top at `top`, starting at `x`.
    pub fn draw_line(
        &mut self,
        line: &Line,
        spans: &[Span],
        spec: TextSpec,
        x: f32,
        top: f32,
        lh: f32,
        color: Rgb,
    ) {
        let base = top + self.baseline(spec, lh);
        let node = self.node();
        let asc = self.fonts.face(Face::Regular).ascent * spec.size;
        for f in &line.frags {
            let link = spans.get(f.span).and_then(|s| s.link.clone());
            let target = match &link {
                Some(Link::Uri(u)) => Some(Target::Uri(u.clone())),
                Some(Link::Anchor(a)) => self.anchors.get(a).map(|i| Target::Heading(*i)),
                None => None,
            };
            let fx = x + f.x;
            if f.style.code {
                self.push(Item::Rect {
                    x: fx - 1.0,
                    y: base - asc,
                    w: f.width + 2.0,
                    h: spec.size * 1.3,
                    color: CODE_FILL,
                });
            }
            if f.text.trim().is_empty() {
                continue;
            }
            let col = if target.is_some() { LINK } else { color };
            self.push(Item::Text {
                x: fx,
                y: base,
                face: f.face,
                size: spec.size,
                text: f.text.clone(),
                color: col,
                node,
            });
            if f.style.strike {
                let sy = base - spec.size * 0.3;
                self.push(Item::Line {
                    x1: fx,
                    y1: sy,
                    x2: fx + f.width,
                    y2: sy,
                    width: spec.size * 0.06,
                    color: col,
                    dotted: false,
                });
            }
            if let Some(target) = target {
                self.push(Item::Line {
                    x1: fx,
                    y1: base + spec.size * 0.12,
                    x2: fx + f.width,
                    y2: base + spec.size * 0.12,
                    width: 0.4,
                    color: col,
                    dotted: false,
                });
                self.push(Item::Link {
                    x: fx,
                    y: top,
                    w: f.width,
                    h: lh,
                    target,
                });
            }
        }
    }

    /// A paragraph with widow/orphan control (no page starts or ends with a single line of
    /// it). Returns the page and baseline of its first line.
    pub fn paragraph(
        &mut self,
        spans: &[Span],
        spec: TextSpec,
        lh: f32,
        x: f32,
        w: f32,
        color: Rgb,
    ) -> (usize, f32) {
        let lines = self.lines(spans, spec, w);
        self.place_lines(&lines, spans, spec, lh, x, color)
    }

    pub fn place_lines(
        &mut self,
        lines: &[Line],
        spans: &[Span],
        spec: TextSpec,
        lh: f32,
        x: f32,
        color: Rgb,
    ) -> (usize, f32) {
        let n = lines.len();
        let mut first = None;
        let mut i = 0;
        while i < n {
            let left = n - i;
            let fit = (self.room() / lh + 0.001).floor().max(0.0) as usize;
            let take = if left <= fit {
                left
            } else {
                // Split, leaving at least two lines on each page.
                let t = fit.min(left.saturating_sub(2));
                if t >= 2 {
                    t
                } else if !self.fresh {
                    self.new_page();
                    continue;
                } else {
                    fit.clamp(1, left)
                }
            };
            self.start();
            for line in &lines[i..i + take] {
                if first.is_none() {
                    first = Some((self.page(), self.y + self.baseline(spec, lh)));
                }
                let top = self.y;
                self.draw_line(line, spans, spec, x, top, lh, color);
                self.y += lh;
            }
            i += take;
            if i < n {
                self.new_page();
            }
        }
        first.unwrap_or((self.page(), self.y))
    }

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
                self.open("P");
                self.gap(0.0);
                let at = self.paragraph(spans, BODY, BODY_LH, x, w, TEXT);
                self.close();
                self.gap(PARA_GAP);
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
        let lead = self.lead(rest, w);
        self.need(h + after + lead);
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
            let top = self.y;
            self.draw_line(line, spans, spec, x, top, lh, HEADING);
            self.y += lh;
        }
        self.close();
        self.gap(after);
        first
    }

    /// The height the start of `rest` needs on the same page as a heading before it.
    fn lead(&self, rest: &[Block], w: f32) -> f32 {
        let Some(b) = rest.first() else { return 0.0 };
        match b {
            Block::Para(spans) => {
                let n = self.lines(spans, BODY, w).len();
                (if n <= 3 { n } else { 2 }) as f32 * BODY_LH
            }
            Block::Heading { level, spans, .. } => {
                let (spec, lh, before, after) = Self::heading_spec(*level);
                before
                    + self.lines(spans, spec, w).len() as f32 * lh
                    + after
                    + self.lead(&rest[1..], w)
            }
            Block::List { items, .. } => items.first().map_or(0.0, |i| self.lead(i, w - 18.0)),
            Block::Quote(inner) => self.lead(inner, w - 14.0),
            Block::Footnote { blocks, .. } => self.lead(blocks, w),
            Block::Code(_) => 2.0 * 13.0 + 8.0,
            Block::Table(t) => self.table_lead(t, w),
            Block::Figure { url, .. } => self.figure_height(url, w),
            Block::Rule | Block::PageBreak | Block::Contents => 0.0,
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
        let indent = indent.max(marker_width + 2.0);
        for (k, item) in items.iter().enumerate() {
            if k > 0 {
                self.gap(if tight { 3.0 } else { PARA_GAP });
            }
            self.open("LI");
            let lbl = self.open("Lbl");
            self.close();
            self.open("LBody");
            let at = self.blocks(item, x + indent, w - indent, depth + 1);
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
        let indent = 14.0;
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
            self.draw_line(line, &spans, spec, x + 6.0, top, lh, TEXT);
            self.y += lh;
        }
        self.close();
        self.gap(PARA_GAP);
        first.unwrap_or((self.page(), self.y))
    }
}
