//! Emitting: turns the laid-out pages into printpdf pages (content operations, link
//! annotations, charts drawn through the plotters backend, marked content for tagging),
//! embeds the font subsets under fixed resource names and returns printpdf's lopdf document.

use super::chart_backend::PdfBackend;
use super::fonts::{self, Face, Fonts};
use super::layout::{Item, Laid, Target, PAGE_H};
use super::paint::{r, Painter};
use plotters::prelude::IntoDrawingArea;
use printpdf::{
    Actions, BorderArray, ColorArray, Destination, FontId, HighlightingMode, LinkAnnotation, Mm,
    Op, PdfDocument, PdfFont, PdfPage, PdfSaveOptions, Pt, Rect, TextItem,
};
use std::collections::{BTreeSet, HashMap};

/// What the writer needs to know about the emitted content to build the structure tree.
#[derive(Debug, Default)]
pub struct Marks {
    /// Per page, the structure node of each marked-content id (MCID = index).
    pub mcids: Vec<Vec<usize>>,
    /// Per page, the link annotations in the order printpdf writes them, with the structure
    /// node and the text they cover.
    pub links: Vec<Vec<(Option<usize>, String)>>,
}

/// Builds the printpdf pages for `laid`.
pub fn pages(
    laid: &Laid,
    fonts: &Fonts,
    charts: &HashMap<String, &crate::chart::Chart>,
    tagged: bool,
) -> Result<(Vec<PdfPage>, Marks), String> {
    let mut out = Vec::new();
    let mut marks = Marks::default();
    for page in &laid.pages {
        let mut p = Painter::default();
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
                        p.begin_marked(laid.nodes[n].role, Some(mcids.len() as i64));
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
                    p.text((*x, PAGE_H - y), *face, *size, *color, text, 0.0);
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
                    p.text((right - w, PAGE_H - y), *face, *size, *color, &n, 0.0);
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
                    let actions = match target {
                        Target::Uri(u) => Actions::uri(u.clone()),
                        Target::Heading(i) => {
                            let Some(Some(hp)) = laid.headings.get(*i) else {
                                continue;
                            };
                            Actions::go_to(Destination::Xyz {
                                page: hp.page + 1,
                                left: None,
                                top: Some(r(PAGE_H - hp.y + 10.0)),
                                zoom: None,
                            })
                        }
                    };
                    let rect =
                        Rect::from_xywh(Pt(r(*x)), Pt(r(PAGE_H - y - h)), Pt(r(*w)), Pt(r(*h)));
                    p.push_raw(Op::LinkAnnotation {
                        link: LinkAnnotation::new(
                            rect,
                            actions,
                            Some(BorderArray::Solid([0.0, 0.0, 0.0])),
                            Some(ColorArray::Transparent),
                            Some(HighlightingMode::Invert),
                        ),
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
        out.push(PdfPage::new(Mm(210.0), Mm(297.0), p.finish()));
        marks.mcids.push(mcids);
        marks.links.push(links);
    }
    Ok((out, marks))
}

/// The characters each face shows, read back from the operations.
fn used_chars(pages: &[PdfPage]) -> [BTreeSet<char>; 4] {
    let mut used: [BTreeSet<char>; 4] = Default::default();
    for page in pages {
        let mut face = None;
        for op in &page.ops {
            match op {
                Op::SetFont {
                    font: printpdf::PdfFontHandle::External(id),
                    ..
                } => {
                    face = Face::ALL.iter().position(|f| f.resource() == id.0);
                }
                Op::ShowText { items } => {
                    if let Some(i) = face {
                        for item in items {
                            if let TextItem::Text(t) = item {
                                used[i].extend(t.chars());
                            }
                        }
                    }
                }
                _ => {}
            }
        }
    }
    used
}

/// Puts the pages and the font subsets into a printpdf document and returns printpdf's
/// lopdf rendering of it (resource names fixed, no random ids left but the trailer's), or
/// the errors printpdf reported.
pub fn document(pages: Vec<PdfPage>, title: &str, subset: bool) -> Result<lopdf::Document, String> {
    let used = used_chars(&pages);
    let mut doc = PdfDocument::new(title);
    for face in Face::ALL {
        let chars = &used[face.index()];
        if chars.is_empty() {
            continue;
        }
        let font = if subset {
            fonts::pdf_font(face, chars)
        } else {
            fonts::fonts()
                .map(|f| f.face(face).font.clone())
                .unwrap_or_else(|_| fonts::pdf_font(face, chars))
        };
        doc.resources
            .fonts
            .map
            .insert(FontId(face.resource().to_string()), PdfFont::new(font));
    }
    doc.with_pages(pages);
    let opts = PdfSaveOptions {
        optimize: true,
        subset_fonts: false,
        secure: true,
        image_optimization: None,
    };
    let mut warnings = Vec::new();
    let lo = doc.to_lopdf_document(&opts, &mut warnings);
    let errors: Vec<String> = warnings
        .into_iter()
        .filter(|w| w.severity == printpdf::PdfParseErrorSeverity::Error)
        .map(|w| w.msg)
        .collect();
    if errors.is_empty() {
        Ok(lo)
    } else {
        Err(errors.join("; "))
    }
}
