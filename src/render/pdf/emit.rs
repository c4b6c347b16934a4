//! Emitting: turns the laid-out pages into content streams (text, rules, fills, charts drawn
//! through the plotters backend, marked content for tagging) and the link annotations each
//! page carries, noting the glyphs shown for the font subsets.

use super::chart_backend::PdfBackend;
use super::fonts::Fonts;
use super::layout::{Item, Laid, Target, PAGE_H};
use super::paint::{r, Painter, Used};
use plotters::prelude::IntoDrawingArea;
use std::collections::HashMap;

/// What the writer needs to know about the emitted content to build the structure tree.
#[derive(Debug, Default)]
pub struct Marks {
    /// Per page, the structure node of each marked-content id (MCID = index).
    pub mcids: Vec<Vec<usize>>,
    /// Per page, the link annotations in order, with the structure node and the text they
    /// cover.
    pub links: Vec<Vec<(Option<usize>, String)>>,
}

/// Where a link annotation goes.
#[derive(Debug, Clone)]
pub enum LinkTo {
    Uri(String),
    /// A page (0-based) and the height on it to show at the top of the window.
    Page {
        page: usize,
        top: f32,
    },
}

/// A link annotation: its rectangle `[x0, y0, x1, y1]` in user space and where it goes.
#[derive(Debug, Clone)]
pub struct Annot {
    pub rect: [f32; 4],
    pub to: LinkTo,
}

/// One emitted page.
pub struct PageOut {
    pub content: Vec<u8>,
    pub annots: Vec<Annot>,
}

/// Everything emitted for a document.
pub struct Emitted {
    pub pages: Vec<PageOut>,
    pub marks: Marks,
    pub used: Used,
}

/// Below this many items (a few pages' worth) a second thread costs more than it saves.
pub(super) const SPLIT_ITEMS: usize = 4000;

/// Paints every page of `laid`: on two cores when there is enough to share, each half
/// noting the glyphs it shows, merged in page order, so the result is what one pass would
/// make.
pub fn pages(
    laid: &Laid,
    fonts: &Fonts,
    charts: &HashMap<String, &crate::chart::Chart>,
    tagged: bool,
) -> Result<Emitted, String> {
    let items: usize = laid.pages.iter().map(|p| p.items.len()).sum();
    let run = |range| paint_range(laid, fonts, charts, tagged, range);
    let n = laid.pages.len();
    if items < SPLIT_ITEMS || n < 2 {
        return run(0..n);
    }
    let mut split = 0;
    let mut acc = 0;
    while split < n && acc < items / 2 {
        acc += laid.pages[split].items.len();
        split += 1;
    }
    let (first, second) = std::thread::scope(|s| {
        let second = s.spawn(|| run(split..n));
        let first = run(0..split);
        let second = second
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (first, second)
    });
    let (mut first, second) = (first?, second?);
    first.pages.extend(second.pages);
    first.marks.mcids.extend(second.marks.mcids);
    first.marks.links.extend(second.marks.links);
    first.used.merge(second.used);
    Ok(first)
}

/// Paints the pages in `range`, in order.
pub(super) fn paint_range(
    laid: &Laid,
    fonts: &Fonts,
    charts: &HashMap<String, &crate::chart::Chart>,
    tagged: bool,
    range: std::ops::Range<usize>,
) -> Result<Emitted, String> {
    let mut out = Emitted {
        pages: Vec::with_capacity(range.len()),
        marks: Marks::default(),
        used: Used::default(),
    };
    for page in &laid.pages[range] {
        let (page, mcids, links, used) = one_page(
            page,
            laid,
            fonts,
            charts,
            tagged,
            std::mem::take(&mut out.used),
        )?;
        out.pages.push(page);
        out.marks.mcids.push(mcids);
        out.marks.links.push(links);
        out.used = used;
    }
    Ok(out)
}

/// What painting one page gives: the page, its marked-content nodes and links (for the
/// structure tree), and the glyphs shown so far.
type PagePainted = (PageOut, Vec<usize>, Vec<(Option<usize>, String)>, Used);

fn one_page(
    page: &super::layout::Page,
    laid: &Laid,
    fonts: &Fonts,
    charts: &HashMap<String, &crate::chart::Chart>,
    tagged: bool,
    used: Used,
) -> Result<PagePainted, String> {
    let mut p = Painter::with_used(used);
    let mut annots = Vec::new();
    let mut mcids: Vec<usize> = Vec::new();
    let mut links: Vec<(Option<usize>, String)> = Vec::new();
    // The marked-content sequence currently open: Some(node) or None (artifact).
    let mut open: Option<Option<usize>> = None;
    let mut last_text: (Option<usize>, String) = (None, String::new());
    for item in &page.items {
        let node = match item {
            Item::Text { node, .. } | Item::Chart { node, .. } | Item::PageRef { node, .. } => {
                *node
            }
            Item::Line { .. } | Item::Rect { .. } | Item::Link { .. } => None,
        };
        // A link is an annotation, not content: it opens no marked-content sequence.
        if tagged && !matches!(item, Item::Link { .. }) && open != Some(node) {
            match node {
                Some(n) => {
                    p.begin_marked(laid.nodes[n].role, Some(mcids.len()));
                    mcids.push(n);
                }
                None => p.begin_marked("Artifact", None),
            }
            open = Some(node);
        }
        match item {
            Item::Text {
                x,
                y,
                face,
                size,
                text,
                color,
                node,
            } => {
                p.text(fonts, (*x, PAGE_H - y), *face, *size, *color, text, 0.0);
                last_text = (*node, text.trim().to_string());
            }
            Item::PageRef {
                heading,
                right,
                y,
                face,
                size,
                color,
                ..
            } => {
                let n = laid
                    .headings
                    .get(*heading)
                    .and_then(|h| h.as_ref())
                    .map_or(String::from("?"), |h| (h.page + 1).to_string());
                let w = fonts.width(*face, *size, &n);
                p.text(
                    fonts,
                    (right - w, PAGE_H - y),
                    *face,
                    *size,
                    *color,
                    &n,
                    0.0,
                );
            }
            Item::Line {
                x1,
                y1,
                x2,
                y2,
                width,
                color,
                dotted,
            } => {
                p.polyline(
                    &[(*x1, PAGE_H - y1), (*x2, PAGE_H - y2)],
                    *color,
                    *width,
                    *dotted,
                );
            }
            Item::Rect { x, y, w, h, color } => p.fill_rect(*x, PAGE_H - y - h, *w, *h, *color),
            Item::Link { x, y, w, h, target } => {
                let to = match target {
                    Target::Uri(u) => LinkTo::Uri(u.clone()),
                    Target::Heading(i) => {
                        let Some(Some(hp)) = laid.headings.get(*i) else {
                            continue;
                        };
                        LinkTo::Page {
                            page: hp.page,
                            top: r(PAGE_H - hp.y + 10.0),
                        }
                    }
                };
                let (x0, y0) = (r(*x), r(PAGE_H - y - h));
                annots.push(Annot {
                    rect: [x0, y0, r(x0 + w), r(y0 + h)],
                    to,
                });
                links.push(last_text.clone());
            }
            Item::Chart { x, y, w, h, id, .. } => {
                let chart = charts
                    .get(id.as_str())
                    .ok_or_else(|| format!("chart `{id}` was not supplied"))?;
                let size = (crate::chart::Chart::WIDTH, crate::chart::Chart::HEIGHT);
                let scale = w / size.0 as f32;
                let top = PAGE_H - y;
                p.save();
                p.clip(*x, top - h, *w, *h);
                {
                    let backend = PdfBackend {
                        painter: &mut p,
                        fonts,
                        x: *x,
                        top,
                        scale,
                        size,
                    };
                    let area = backend.into_drawing_area();
                    chart.draw(&area).map_err(|e| e.to_string())?;
                    area.present().map_err(|e| format!("chart `{id}`: {e}"))?;
                }
                p.restore();
            }
        }
    }
    let (content, used) = p.finish();
    Ok((PageOut { content, annots }, mcids, links, used))
}
