//! Several documents typeset as ONE PDF (an agenda pack): each part (front sheet, a report,
//! an exemption notice) starts on a new page, carries its own running header and bookmark,
//! and the pages are numbered continuously. Built from the same blocks, layout engine,
//! emitter and finisher as a single report; only the furniture and outline differ.

use super::blocks::{self, Block};
use super::fonts::{Face, Fonts};
use super::layout::{self, HeadingPos, Item, Laid, GREY, LEFT, LIGHT_RULE, PAGE_H, PAGE_W, RIGHT};
use super::{emit, finish, fonts, headings, PdfMeta, DEFAULT};
use std::collections::{HashMap, HashSet};

const MM: f32 = 72.0 / 25.4;
const FURNITURE_SIZE: f32 = 8.0;

/// One part of a pack.
#[derive(Debug, Clone)]
pub struct Part {
    /// The part's Markdown (a report's canonical Markdown, or generated text).
    pub markdown: String,
    /// Running header on the part's pages, left and right.
    pub header_left: String,
    pub header_right: String,
    /// The part's top-level bookmark; the part's `##` headings are nested under it.
    pub bookmark: String,
}

/// A typeset pack.
#[derive(Debug, Clone)]
pub struct Typeset {
    pub bytes: Vec<u8>,
    /// The page (1-based) on which each part starts.
    pub starts: Vec<usize>,
    pub pages: usize,
}

/// Where each part would start (1-based pages) and the page count, without emitting a PDF.
pub fn starts(
    parts: &[Part],
    charts: &HashMap<String, &crate::chart::Chart>,
) -> Result<(Vec<usize>, usize), String> {
    let (laid, starts, _) = lay_out(parts, charts)?;
    Ok((starts.iter().map(|s| s + 1).collect(), laid.pages.len()))
}

/// Parses every part, numbers the headings across the whole pack (anchors unique), and flows
/// the parts one after the other, each from the top of a new page. Returns the layout, the
/// 0-based start page of each part, and the first heading index of each part.
fn lay_out(
    parts: &[Part],
    charts: &HashMap<String, &crate::chart::Chart>,
) -> Result<(Laid, Vec<usize>, Vec<usize>), String> {
    let fonts = fonts::fonts()?;
    let mut parsed: Vec<Vec<Block>> = parts.iter().map(|p| blocks::parse(&p.markdown)).collect();
    let mut seen = HashSet::new();
    let mut index = 0;
    let mut first_heading = Vec::new();
    for b in &mut parsed {
        first_heading.push(index);
        headings::number_headings(b, &mut seen, &mut index);
    }
    let all: Vec<Block> = parsed.concat();
    let mut flow = layout::Flow::new(fonts, charts, &all);
    let mut starts = Vec::new();
    for (i, b) in parsed.iter().enumerate() {
        let empty = flow.out.pages.last().is_some_and(|p| p.items.is_empty());
        if i > 0 && !(flow.fresh && empty) {
            flow.new_page();
        }
        starts.push(flow.page());
        flow.blocks(b, LEFT, RIGHT - LEFT, 0);
    }
    if !flow.errors.is_empty() {
        return Err(flow.errors.join("; "));
    }
    if flow.out.pages.len() > 1 && flow.out.pages.last().is_some_and(|p| p.items.is_empty()) {
        let last = flow.out.pages.len() - 1;
        // Only drop it if no part starts on it.
        if !starts.contains(&last) {
            flow.out.pages.pop();
        }
    }
    Ok((flow.out, starts, first_heading))
}

/// Typesets the parts into one tagged PDF, pages numbered "`numbering` N" continuously.
pub fn render(
    parts: &[Part],
    meta: &PdfMeta,
    charts: &HashMap<String, &crate::chart::Chart>,
    numbering: &str,
) -> Result<Typeset, crate::Error> {
    let fail = |message: String| crate::Error::Pdf {
        name: meta.title.clone(),
        message,
    };
    let fonts = fonts::fonts().map_err(fail)?;
    let (mut laid, starts, first_heading) = lay_out(parts, charts).map_err(fail)?;
    furnish(&mut laid, fonts, parts, &starts, numbering);
    let emitted = emit::pages(&laid, fonts, charts, DEFAULT.tagged).map_err(fail)?;
    let outline = outline_headings(&laid.headings, &first_heading, parts, &starts);
    let markdown: String = parts
        .iter()
        .map(|p| {
            format!(
                "{}\u{1e}{}\u{1e}{}\u{1e}{}",
                p.markdown, p.header_left, p.header_right, p.bookmark
            )
        })
        .collect::<Vec<_>>()
        .join("\u{1d}");
    let bytes = finish::Finish {
        meta,
        headings: &outline,
        nodes: &laid.nodes,
        tagged: DEFAULT.tagged,
        subset: DEFAULT.subset,
        id: super::content_id(&format!("{numbering}\u{1d}{markdown}"), meta, charts),
    }
    .run(emitted)
    .map_err(fail)?;
    Ok(Typeset {
        bytes,
        starts: starts.iter().map(|s| s + 1).collect(),
        pages: laid.pages.len(),
    })
}

/// The headings as the outline should show them: the finisher nests level 3 under level 2,
/// so each part's bookmark (at its first heading, titled `bookmark`) becomes level 2, the
/// part's `##` sections level 3, and everything else is left out.
fn outline_headings(
    headings: &[Option<HeadingPos>],
    first_heading: &[usize],
    parts: &[Part],
    starts: &[usize],
) -> Vec<Option<HeadingPos>> {
    let mut out: Vec<Option<HeadingPos>> = headings
        .iter()
        .map(|h| {
            h.as_ref().map(|h| HeadingPos {
                level: if h.level == 2 { 3 } else { 9 },
                ..h.clone()
            })
        })
        .collect();
    for (k, part) in parts.iter().enumerate() {
        let first = first_heading[k];
        let next = first_heading.get(k + 1).copied().unwrap_or(headings.len());
        let pos = HeadingPos {
            level: 2,
            text: part.bookmark.clone(),
            page: starts[k],
            y: layout::TOP,
        };
        if first < next {
            // The part's first heading carries the bookmark (it is at the top of its page).
            out[first] = Some(match &headings[first] {
                Some(h) if h.page == starts[k] => HeadingPos {
                    level: 2,
                    text: part.bookmark.clone(),
                    ..h.clone()
                },
                _ => pos,
            });
        }
    }
    out
}

/// Running header (the part's own texts over a rule) and a "`numbering` N" footer on every
/// page, as artifacts.
fn furnish(laid: &mut Laid, fonts: &Fonts, parts: &[Part], starts: &[usize], numbering: &str) {
    let size = FURNITURE_SIZE;
    let header_base = 14.0 * MM;
    let rule_y = 16.5 * MM;
    let footer_base = PAGE_H - 12.0 * MM;
    let mut part = 0;
    for (p, page) in laid.pages.iter_mut().enumerate() {
        while part + 1 < starts.len() && starts[part + 1] <= p {
            part += 1;
        }
        let (left, right) = parts.get(part).map_or(("", ""), |x| {
            (x.header_left.as_str(), x.header_right.as_str())
        });
        let right_w = fonts.width(Face::Regular, size, right);
        let left = fit(fonts, size, left, (RIGHT - LEFT) - right_w - 12.0);
        let mut items = Vec::new();
        if !left.is_empty() {
            items.push(text(LEFT, header_base, &left, size));
        }
        if !right.is_empty() {
            items.push(text(RIGHT - right_w, header_base, right, size));
        }
        items.push(Item::Line {
            x1: LEFT,
            y1: rule_y,
            x2: RIGHT,
            y2: rule_y,
            width: 0.5,
            color: LIGHT_RULE,
            dotted: false,
        });
        let footer = format!("{numbering} {}", p + 1);
        let fw = fonts.width(Face::Regular, size, &footer);
        items.push(text((PAGE_W - fw) / 2.0, footer_base, &footer, size));
        items.append(&mut page.items);
        page.items = items;
    }
}

fn text(x: f32, y: f32, s: &str, size: f32) -> Item {
    Item::Text {
        x,
        y,
        face: Face::Regular,
        size,
        text: s.to_string(),
        color: GREY,
        node: None,
    }
}

/// `s`, shortened with an ellipsis to fit `w` points.
fn fit(fonts: &Fonts, size: f32, s: &str, w: f32) -> String {
    if fonts.width(Face::Regular, size, s) <= w {
        return s.to_string();
    }
    let mut out = String::new();
    for c in s.chars() {
        if fonts.width(Face::Regular, size, &format!("{out}{c}\u{2026}")) > w {
            break;
        }
        out.push(c);
    }
    format!("{}\u{2026}", out.trim_end())
}
