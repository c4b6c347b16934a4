//! Council page furniture: the running header (committee left, meeting/item right, over a
//! rule), the "Page N of M" footer, and the contents list of the report's sections whose
//! page numbers are filled in once every page is laid out.

use super::fonts::{Face, Fonts};
use super::layout::{
    Flow, Item, Laid, Page, Target, BODY, BODY_LH, BOTTOM, GREY, HEADING, LEFT, LIGHT_RULE, PAGE_H,
    PAGE_W, RIGHT, TEXT,
};
use super::measure::Span;

const MM: f32 = 72.0 / 25.4;
const FURNITURE_SIZE: f32 = 8.0;
/// Width kept free for a contents page number.
const NUMBER_W: f32 = 26.0;

impl<'a> Flow<'a> {
    /// The contents list: every h2 with a dotted leader, its page number and a link.
    pub fn contents(&mut self, x: f32, w: f32) {
        let entries: Vec<(usize, String)> = self
            .toc
            .iter()
            .filter(|t| t.1 == 2)
            .map(|t| (t.0, t.2.clone()))
            .collect();
        if entries.is_empty() {
            return;
        }
        let (spec, lh, before, after) = Self::heading_spec(2);
        self.gap(before);
        self.need(lh + after + 2.0 * BODY_LH);
        self.start();
        self.open("TOC");
        let title = [Span::plain("Contents")];
        let lines = self.lines(&title, spec, w);
        for line in &lines {
            let top = self.y;
            self.open("Caption");
            self.draw_line(line, &title, spec, (x, top), lh, HEADING);
            self.close();
            self.y += lh;
        }
        self.y += after;
        for (index, text) in entries {
            let spans = [Span::plain(text)];
            let lines = self.lines(&spans, BODY, w - NUMBER_W - 12.0);
            let h = lines.len() as f32 * BODY_LH;
            self.need(h.min(3.0 * BODY_LH));
            self.start();
            let mut top = self.y;
            self.open("TOCI");
            // The entry's text and page number are the Link that owns its annotation, so a
            // screen reader announces the link by its text (PDF/UA-1 7.18.5).
            let node = self.open("Link");
            for line in &lines {
                // An entry longer than a page goes on over the next, each page's part a link.
                if self.y + BODY_LH > BOTTOM + 0.01 {
                    self.push(Item::Link {
                        x,
                        y: top,
                        w,
                        h: self.y - top,
                        target: Target::Heading(index),
                    });
                    self.new_page();
                    self.start();
                    top = self.y;
                }
                let t = self.y;
                self.draw_line(line, &spans, BODY, (x, t), BODY_LH, TEXT);
                self.y += BODY_LH;
            }
            let base = self.y - BODY_LH + self.baseline(BODY, BODY_LH);
            let end = x + lines.last().map_or(0.0, |l| l.width) + 4.0;
            let lead_end = x + w - NUMBER_W;
            if lead_end > end + 4.0 {
                self.push(Item::Line {
                    x1: end,
                    y1: base,
                    x2: lead_end,
                    y2: base,
                    width: 0.9,
                    color: GREY,
                    dotted: true,
                });
            }
            self.push(Item::PageRef {
                heading: index,
                right: x + w,
                y: base,
                face: Face::Regular,
                size: BODY.size,
                color: TEXT,
                node: Some(node),
            });
            self.push(Item::Link {
                x,
                y: top,
                w,
                h: self.y - top,
                target: Target::Heading(index),
            });
            self.close();
            self.close();
            self.y += 2.0;
        }
        self.close();
        self.gap(22.0);
    }
}

/// Adds the running header and the footer to every page, as artifacts.
pub fn furnish(laid: &mut Laid, fonts: &Fonts, left: &str, right: &str) {
    let total = laid.pages.len();
    let left = fit_left(fonts, left, right);
    for (p, page) in laid.pages.iter_mut().enumerate() {
        furnish_page(
            page,
            fonts,
            &left,
            right,
            &format!("Page {} of {}", p + 1, total),
        );
    }
}

/// `left`, shortened with an ellipsis to leave room for `right` on the header line.
pub(super) fn fit_left(fonts: &Fonts, left: &str, right: &str) -> String {
    let right_w = fonts.width(Face::Regular, FURNITURE_SIZE, right);
    fit(fonts, FURNITURE_SIZE, left, (RIGHT - LEFT) - right_w - 12.0)
}

/// One page's furniture, as artifacts: `left` and `right` (already fitted) over a light rule at
/// the top, `footer` centred at the foot. One definition for reports and packs, so their pages
/// carry the same furniture in the same places.
pub(super) fn furnish_page(page: &mut Page, fonts: &Fonts, left: &str, right: &str, footer: &str) {
    let size = FURNITURE_SIZE;
    let header_base = 14.0 * MM;
    let rule_y = 16.5 * MM;
    let footer_base = PAGE_H - 12.0 * MM;
    let mut items = Vec::new();
    if !left.is_empty() {
        items.push(text(LEFT, header_base, left, size));
    }
    if !right.is_empty() {
        let right_w = fonts.width(Face::Regular, size, right);
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
    let fw = fonts.width(Face::Regular, size, footer);
    items.push(text((PAGE_W - fw) / 2.0, footer_base, footer, size));
    // Furniture first: it sits under the body in the content stream.
    items.append(&mut page.items);
    page.items = items;
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
