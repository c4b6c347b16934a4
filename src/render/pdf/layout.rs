//! The layout engine: flows blocks down A4 pages into a display list (positioned text, rules,
//! fills, links, charts), with keep-with-next headings, widow/orphan control, lists, quotes,
//! code, figures and page breaks. Tables live in `table.rs`, page furniture in `furniture.rs`.
//! Flows can share one document's headings and their layouts be joined, so that the parts of
//! a pack are laid out separately (`pack.rs`).

use super::blocks::Block;
use super::fonts::{Face, Fonts};
use super::measure::{self, Line, Link, Span, TextSpec};
use std::borrow::Cow;
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

#[derive(Debug, Clone, Default, PartialEq)]
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
    /// For figures: the bounding box in PDF user space (x0, y0, x1, y1).
    pub bbox: Option<[f32; 4]>,
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
#[derive(Debug, Default, PartialEq)]
pub struct Laid {
    pub pages: Vec<Page>,
    pub headings: Vec<Option<HeadingPos>>,
    pub nodes: Vec<Node>,
    /// How each table (each group of a table's columns) was split over pages.
    pub tables: Vec<Vec<TableChunk>>,
    /// What could not be laid out as it should (a table column wider than the page), for the
    /// build to report; the document is still made.
    pub warnings: Vec<String>,
}

/// The lines of the text measured last by [`Flow::line_count`], and what they were made from.
struct Memo {
    spans: Vec<Span>,
    spec: TextSpec,
    width: f32,
    lines: Vec<Line>,
}

impl Memo {
    /// Made from the same text, style and width (compared by value: a different text at the
    /// same address must not match).
    fn is(&self, spans: &[Span], spec: TextSpec, width: f32) -> bool {
        self.spec == spec && self.width.to_bits() == width.to_bits() && self.spans == spans
    }
}

pub struct Flow<'a> {
    pub fonts: &'a Fonts,
    pub charts: &'a HashMap<String, &'a crate::chart::Chart>,
    /// Whose charts this flow may show. In a pack, the charts of every part share one table,
    /// keyed `<scope>:<key>`, and each part's flow looks its Markdown's `charts/<key>.svg` up
    /// in its own scope only: a report can show only its own charts, whatever its text names.
    /// Empty (a report on its own): keys are looked up as they are.
    pub chart_scope: String,
    pub out: Laid,
    /// Top of the free space on the current page.
    pub y: f32,
    /// Collapsed vertical gap waiting to be inserted before the next content.
    pub pending: f32,
    /// Nothing placed on the current page yet.
    pub fresh: bool,
    /// Heading indices by anchor, for links. Borrowed when flows share one document's.
    anchors: Cow<'a, HashMap<String, usize>>,
    /// Every heading (index, level, text) for the contents list.
    pub toc: Cow<'a, [(usize, u8, String)]>,
    stack: Vec<usize>,
    /// Content placed now is an artifact (not part of the structure tree).
    pub artifact: bool,
    /// Inside a tight list item: paragraphs are followed by a small gap.
    pub tight: bool,
    pub errors: Vec<String>,
    memo: std::cell::RefCell<Option<Memo>>,
}

impl Laid {
    /// Appends `part`, laid out by a flow of its own, as if this layout's flow had carried
    /// on into it from the top of a new page: its pages follow ours, its structure root is
    /// ours (its other elements come after ours) and its headings and table chunks move down
    /// by our page count. Heading indices are not moved: the part's flow was made with the
    /// whole document's headings ([`Flow::with_headings`]), so they are the document's
    /// already, and so are the links and contents entries that point at them.
    pub fn append(&mut self, part: Laid) {
        let page0 = self.pages.len();
        // An empty layout takes the part's root as its own; otherwise the part's root
        // (element 0) is ours and its element `n` follows our last.
        let base = self.nodes.len();
        let count = part.nodes.len();
        let node = |n: usize| match n {
            _ if base == 0 => n,
            0 => 0,
            n if n < count => base + n - 1,
            // Not an element (an artifact's `usize::MAX`): left as it is.
            n => n,
        };
        for mut page in part.pages {
            for item in &mut page.items {
                item.renumber(&node);
            }
            self.pages.push(page);
        }
        let mut nodes = part.nodes.into_iter();
        if base > 0 {
            nodes.next();
        }
        for n in nodes {
            // Every field is named so that a new index field cannot be missed here.
            let Node {
                role,
                parent,
                alt,
                scope,
                bbox,
            } = n;
            self.nodes.push(Node {
                role,
                parent: parent.map(node),
                alt,
                scope,
                bbox,
            });
        }
        if self.headings.len() < part.headings.len() {
            self.headings.resize(part.headings.len(), None);
        }
        for (i, h) in part.headings.into_iter().enumerate() {
            if let Some(h) = h {
                debug_assert!(self.headings[i].is_none(), "heading {i} laid out twice");
                self.headings[i] = Some(HeadingPos {
                    page: h.page + page0,
                    ..h
                });
            }
        }
        self.warnings.extend(part.warnings);
        for table in part.tables {
            self.tables.push(
                table
                    .into_iter()
                    .map(|c| TableChunk {
                        page: c.page + page0,
                        ..c
                    })
                    .collect(),
            );
        }
    }
}

impl Item {
    /// Maps the structure element the item belongs to through `node`.
    fn renumber(&mut self, node: &impl Fn(usize) -> usize) {
        // Every field is named so that a new index field cannot be missed here. Headings
        // (`Target::Heading`, `PageRef::heading`) are the document's already, see
        // [`Laid::append`].
        match self {
            Item::Text {
                x: _,
                y: _,
                face: _,
                size: _,
                text: _,
                color: _,
                node: n,
            }
            | Item::Chart {
                x: _,
                y: _,
                w: _,
                h: _,
                id: _,
                node: n,
            }
            | Item::PageRef {
                heading: _,
                right: _,
                y: _,
                face: _,
                size: _,
                color: _,
                node: n,
            } => *n = n.map(node),
            Item::Line {
                x1: _,
                y1: _,
                x2: _,
                y2: _,
                width: _,
                color: _,
                dotted: _,
            }
            | Item::Rect {
                x: _,
                y: _,
                w: _,
                h: _,
                color: _,
            }
            | Item::Link {
                x: _,
                y: _,
                w: _,
                h: _,
                target: _,
            } => {}
        }
    }
}

/// A heading as the flow knows it: (index, level, text, anchor), see
/// [`super::headings::headings`].
pub type HeadingEntry = (usize, u8, String, String);

/// A document's headings as a flow uses them: by anchor for links, and in order for the
/// contents list. Made once and lent to every flow when flows lay out the parts of one
/// document (a pack's thousands of headings, rather than copied into each part's flow).
#[derive(Debug, Clone, Default)]
pub struct HeadingIndex {
    anchors: HashMap<String, usize>,
    toc: Vec<(usize, u8, String)>,
}

impl HeadingIndex {
    /// From every heading of the document, numbered in document order.
    pub fn new(all: &[HeadingEntry]) -> Self {
        HeadingIndex {
            anchors: all.iter().map(|h| (h.3.clone(), h.0)).collect(),
            toc: all.iter().map(|h| (h.0, h.1, h.2.clone())).collect(),
        }
    }
}

impl<'a> Flow<'a> {
    pub fn new(
        fonts: &'a Fonts,
        charts: &'a HashMap<String, &'a crate::chart::Chart>,
        blocks: &[Block],
    ) -> Self {
        let index = HeadingIndex::new(&super::headings::headings(blocks));
        Self::make(
            fonts,
            charts,
            Cow::Owned(index.anchors),
            Cow::Owned(index.toc),
        )
    }

    /// A flow that knows the headings of `index` rather than those of the blocks it will lay
    /// out: links and the contents list can then point at headings that another flow lays
    /// out, as when the parts of a pack are laid out one by one.
    pub fn with_headings(
        fonts: &'a Fonts,
        charts: &'a HashMap<String, &'a crate::chart::Chart>,
        index: &'a HeadingIndex,
    ) -> Self {
        Self::make(
            fonts,
            charts,
            Cow::Borrowed(&index.anchors),
            Cow::Borrowed(&index.toc),
        )
    }

    fn make(
        fonts: &'a Fonts,
        charts: &'a HashMap<String, &'a crate::chart::Chart>,
        anchors: Cow<'a, HashMap<String, usize>>,
        toc: Cow<'a, [(usize, u8, String)]>,
    ) -> Self {
        let mut f = Flow {
            fonts,
            charts,
            chart_scope: String::new(),
            out: Laid {
                headings: vec![None; toc.len()],
                ..Laid::default()
            },
            y: TOP,
            pending: 0.0,
            fresh: true,
            anchors,
            toc,
            stack: Vec::new(),
            artifact: false,
            tight: false,
            errors: Vec::new(),
            memo: std::cell::RefCell::new(None),
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
            bbox: None,
        });
        self.stack.push(id);
        id
    }

    pub fn close(&mut self) {
        self.stack.pop();
    }

    /// Makes an element opened before the current one (and since closed) current again, so
    /// that what is placed now joins it: the rest of a table row split over pages, the cells
    /// of a row drawn in a later group of columns. Closed with [`Flow::close`].
    pub fn enter(&mut self, node: usize) {
        self.stack
            .push(if self.artifact { usize::MAX } else { node });
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
        let mut memo = self.memo.borrow_mut();
        if let Some(m) = memo.take_if(|m| m.is(spans, spec, width)) {
            return m.lines;
        }
        measure::with_styles(measure::break_lines(spans, self.fonts, spec, width), spans)
    }

    /// How many lines `spans` take, for looking ahead (keeping a heading with what follows
    /// it, a chart with its description). The lines are kept for the [`Flow::lines`] call
    /// that lays the same text out next, so looking ahead does not break it twice.
    pub fn line_count(&self, spans: &[Span], spec: TextSpec, width: f32) -> usize {
        let lines = self.lines(spans, spec, width);
        let n = lines.len();
        *self.memo.borrow_mut() = Some(Memo {
            spans: spans.to_vec(),
            spec,
            width,
            lines,
        });
        n
    }

    /// Distance from the top of a line box to its baseline (CSS half-leading).
    pub fn baseline(&self, spec: TextSpec, lh: f32) -> f32 {
        let m = self.fonts.face(spec.face(Default::default()));
        (lh - (m.ascent + m.descent) * spec.size) / 2.0 + m.ascent * spec.size
    }

    /// Draws one line in a line box of height `lh` whose top-left corner is `(x, top)`.
    pub fn draw_line(
        &mut self,
        line: &Line,
        spans: &[Span],
        spec: TextSpec,
        (x, top): (f32, f32),
        lh: f32,
        color: Rgb,
    ) {
        let base = top + self.baseline(spec, lh);
        let node = self.node();
        let asc = self.fonts.face(Face::Regular).ascent * spec.size;
        for (k, f) in line.frags.iter().enumerate() {
            let link = spans.get(f.span).and_then(|s| s.link.clone());
            let target = match &link {
                // Only web and mail links become live; anything else (javascript:,
                // relative paths with no base in a PDF) stays plain text.
                Some(Link::Uri(u)) if safe_uri(u) => Some(Target::Uri(u.clone())),
                Some(Link::Uri(_)) => None,
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
            // Link text gets its own Link element, which also owns the annotation.
            let node = match (&target, node) {
                (Some(_), Some(_)) => {
                    let n = self.open("Link");
                    self.close();
                    Some(n)
                }
                _ => node,
            };
            self.push(Item::Text {
                x: fx,
                y: base,
                face: f.face,
                size: spec.size,
                text: if k + 1 == line.frags.len() && line.space_after {
                    format!("{} ", f.text)
                } else {
                    f.text.clone()
                },
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
                self.draw_line(line, spans, spec, (x, top), lh, color);
                self.y += lh;
            }
            i += take;
            if i < n {
                self.new_page();
            }
        }
        first.unwrap_or((self.page(), self.y))
    }
}

fn safe_uri(u: &str) -> bool {
    let lower = u.trim().to_ascii_lowercase();
    ["https://", "http://", "mailto:"]
        .iter()
        .any(|p| lower.starts_with(p))
        && !u.chars().any(char::is_control)
}
