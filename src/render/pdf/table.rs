//! Tables: column widths from content (text columns flexible), wrapped cells, right-aligned
//! figures with hanging brackets, bold total rows, thin rules, the caption above, and page
//! splitting between rows with the header row repeated on every page.

use super::blocks::{Align, Table};
use super::layout::{
    Flow, Item, TableChunk, BOTTOM, FILL, HEADING, LIGHT_RULE, PARA_GAP, RULE, TEXT, TOP,
};
use super::measure::{self, Line, Span, TextSpec};
use crate::render::cells::Cell;

const PAD_X: f32 = 4.0;
const PAD_Y: f32 = 3.0;
const CAPTION: TextSpec = TextSpec {
    size: 9.5,
    bold: true,
    italic: false,
};
const CAPTION_LH: f32 = 13.0;

/// Column geometry of one table.
pub struct Geom {
    pub spec: TextSpec,
    pub lh: f32,
    pub widths: Vec<f32>,
    /// Extra right inset per column for figures without a closing bracket, so digits line up
    /// with those of bracketed negatives.
    inset: Vec<f32>,
    has_head: bool,
}

/// One row, broken into lines per cell.
#[derive(Clone)]
struct RowBox {
    cells: Vec<Vec<Line>>,
    h: f32,
    bold_total: bool,
}

fn is_figure(text: &str) -> bool {
    let t = text.trim();
    !t.is_empty()
        && t.chars().any(|c| c.is_ascii_digit())
        && t.chars()
            .all(|c| c.is_ascii_digit() || "().,-−–%£$€ *".contains(c))
}

impl<'a> Flow<'a> {
    pub fn table_geom(&self, t: &Table, w: f32) -> Geom {
        let n = t.aligns.len().max(1);
        let spec = TextSpec {
            size: if n > 6 { 8.5 } else { 9.0 },
            ..TextSpec {
                size: 9.0,
                bold: false,
                italic: false,
            }
        };
        let head_spec = TextSpec { bold: true, ..spec };
        let lh = (spec.size * 1.36).round();
        let has_head = t
            .head
            .iter()
            .any(|c| !measure::plain_text(c).trim().is_empty());
        let mut min = vec![0.0f32; n];
        let mut max = vec![0.0f32; n];
        let mut inset = vec![0.0f32; n];
        let paren = self
            .fonts
            .width(super::fonts::Face::Regular, spec.size, ")");
        for c in 0..n {
            let right = t.aligns.get(c) == Some(&Align::Right);
            let body: Vec<String> = t.rows.iter().map(|r| measure::plain_text(&r[c])).collect();
            if right
                && body.iter().any(|s| s.trim_end().ends_with(')'))
                && body
                    .iter()
                    .any(|s| is_figure(s) && !s.trim_end().ends_with(')'))
            {
                inset[c] = paren;
            }
            let cells = t
                .rows
                .iter()
                .map(|r| (&r[c], spec, inset[c]))
                .chain(has_head.then(|| (&t.head[c], head_spec, 0.0)));
            for (cell, sp, extra) in cells {
                let (lo, hi) = measure::extent(cell, self.fonts, sp);
                min[c] = min[c].max(lo + extra);
                max[c] = max[c].max(hi + extra);
            }
            min[c] += 2.0 * PAD_X;
            max[c] += 2.0 * PAD_X;
        }
        let (smin, smax): (f32, f32) = (min.iter().sum(), max.iter().sum());
        let widths = if smax <= w {
            // Everything fits unbroken: give the spare width to the text columns.
            let flexible: Vec<usize> = (0..n)
                .filter(|c| t.aligns.get(*c) != Some(&Align::Right))
                .collect();
            let mut widths = max.clone();
            let extra = w - smax;
            if flexible.is_empty() {
                widths.iter_mut().for_each(|x| *x += extra / n as f32);
            } else {
                let weight: f32 = flexible.iter().map(|c| max[*c]).sum();
                for c in flexible {
                    widths[c] += extra * max[c] / weight.max(1.0);
                }
            }
            widths
        } else if smin <= w {
            let span = (smax - smin).max(0.001);
            (0..n)
                .map(|c| min[c] + (w - smin) * (max[c] - min[c]) / span)
                .collect()
        } else {
            min.iter().map(|m| m * w / smin).collect()
        };
        Geom {
            spec,
            lh,
            widths,
            inset,
            has_head,
        }
    }

    fn row_box(&self, g: &Geom, cells: &[Vec<Span>], head: bool) -> RowBox {
        let spec = TextSpec {
            bold: head,
            ..g.spec
        };
        let lines: Vec<Vec<Line>> = cells
            .iter()
            .enumerate()
            .map(|(c, cell)| {
                let inset = if head {
                    0.0
                } else {
                    g.inset.get(c).copied().unwrap_or(0.0)
                };
                let w = g.widths.get(c).copied().unwrap_or(20.0) - 2.0 * PAD_X - inset;
                if cell.is_empty() {
                    Vec::new()
                } else {
                    self.lines(cell, spec, w)
                }
            })
            .collect();
        let n = lines.iter().map(Vec::len).max().unwrap_or(0).max(1);
        let texts: Vec<&Vec<Span>> = cells
            .iter()
            .filter(|c| !measure::plain_text(c).trim().is_empty())
            .collect();
        let bold_total = !head
            && !texts.is_empty()
            && texts.iter().all(|c| {
                c.iter()
                    .filter(|s| !s.text.trim().is_empty())
                    .all(|s| s.style.bold)
            });
        RowBox {
            cells: lines,
            h: n as f32 * g.lh + 2.0 * PAD_Y,
            bold_total,
        }
    }

    fn caption_lines(&self, t: &Table, w: f32) -> Vec<Line> {
        match &t.caption {
            Some(c) => self.lines(c, CAPTION, w),
            None => Vec::new(),
        }
    }

    /// Height of the caption, header and first row: what must share a page with a heading.
    pub fn table_lead(&self, t: &Table, w: f32) -> f32 {
        let g = self.table_geom(t, w);
        let cap = self.caption_lines(t, w).len() as f32 * CAPTION_LH + 4.0;
        let head = if g.has_head {
            self.row_box(&g, &t.head, true).h
        } else {
            0.0
        };
        let first = t.rows.first().map_or(0.0, |r| self.row_box(&g, r, false).h);
        cap + head + first + 2.0
    }

    pub fn table(&mut self, t: &Table, x: f32, w: f32) {
        let g = self.table_geom(t, w);
        let head = g.has_head.then(|| self.row_box(&g, &t.head, true));
        let head_h = head.as_ref().map_or(0.0, |h| h.h);
        let rows: Vec<RowBox> = t.rows.iter().map(|r| self.row_box(&g, r, false)).collect();
        let caption = self.caption_lines(t, w);
        let cap_spans = t.caption.clone().unwrap_or_default();
        let cap_h = caption.len() as f32 * CAPTION_LH;

        self.gap(PARA_GAP + 2.0);
        let first_h = rows.first().map_or(0.0, |r| r.h);
        self.need(cap_h + 4.0 + head_h + first_h);
        self.start();
        self.open("Table");
        if !caption.is_empty() {
            self.open("Caption");
            for line in &caption {
                let top = self.y;
                self.draw_line(line, &cap_spans, CAPTION, (x, top), CAPTION_LH, HEADING);
                self.y += CAPTION_LH;
            }
            self.close();
            self.y += 4.0;
        }
        let mut chunks: Vec<TableChunk> = Vec::new();
        let mut chunk = self.table_header(&g, head.as_ref(), &t.head, &t.aligns, x, false);
        // The body rows, wherever they are drawn, are one TBody after the THead.
        self.open("TBody");
        let total_w: f32 = g.widths.iter().sum();
        let mut queue: std::collections::VecDeque<(usize, RowBox)> =
            rows.into_iter().enumerate().collect();
        while let Some((i, mut row)) = queue.pop_front() {
            if self.y + row.h > BOTTOM + 0.01 {
                let empty = chunk.rows.is_empty();
                let fit = ((BOTTOM - self.y - 2.0 * PAD_Y) / g.lh).floor().max(0.0) as usize;
                let full_page_rows =
                    ((BOTTOM - TOP - head_h - 16.0 - 2.0 * PAD_Y) / g.lh).floor() as usize;
                let lines = row.cells.iter().map(Vec::len).max().unwrap_or(1);
                if lines > full_page_rows && fit >= 1 && (empty || fit >= 3) {
                    // A row taller than a whole page: split it between lines (the only
                    // case where a row is divided).
                    let rest = RowBox {
                        cells: row
                            .cells
                            .iter()
                            .map(|c| c.iter().skip(fit).cloned().collect())
                            .collect(),
                        h: (lines - fit) as f32 * g.lh + 2.0 * PAD_Y,
                        bold_total: row.bold_total,
                    };
                    row.cells.iter_mut().for_each(|c| c.truncate(fit));
                    row.h = fit as f32 * g.lh + 2.0 * PAD_Y;
                    queue.push_front((i, rest));
                } else if !empty || self.y > TOP + head_h + cap_h + 8.0 {
                    self.finish_chunk(&mut chunks, chunk, x, total_w);
                    self.new_page();
                    self.start();
                    self.continued(&caption, &cap_spans, x);
                    chunk = self.table_header(&g, head.as_ref(), &t.head, &t.aligns, x, true);
                    queue.push_front((i, row));
                    continue;
                }
            }
            self.table_row(&g, &row, &t.rows[i], &t.aligns, x, !chunk.rows.is_empty());
            chunk.rows.push(i);
            chunk.spans.push((self.y - row.h, self.y));
        }
        self.finish_chunk(&mut chunks, chunk, x, total_w);
        self.close();
        self.close();
        self.out.tables.push(chunks);
        self.gap(PARA_GAP + 2.0);
    }

    fn finish_chunk(&mut self, chunks: &mut Vec<TableChunk>, chunk: TableChunk, x: f32, w: f32) {
        let y = self.y;
        self.push(Item::Line {
            x1: x,
            y1: y,
            x2: x + w,
            y2: y,
            width: 0.8,
            color: RULE,
            dotted: false,
        });
        chunks.push(chunk);
    }

    /// On a continuation page: "<caption> (continued)" in small grey, as an artifact.
    fn continued(&mut self, caption: &[Line], spans: &[Span], x: f32) {
        if caption.is_empty() {
            return;
        }
        let artifact = std::mem::replace(&mut self.artifact, true);
        let spec = TextSpec {
            size: 8.5,
            bold: true,
            italic: false,
        };
        let mut text = measure::plain_text(spans);
        text.push_str(" (continued)");
        let lines = self.lines(&[Span::plain(text.clone())], spec, RIGHT_LIMIT - x);
        if let Some(line) = lines.first() {
            let top = self.y;
            self.draw_line(
                line,
                &[Span::plain(text)],
                spec,
                (x, top),
                12.0,
                super::layout::GREY,
            );
            self.y += 14.0;
        }
        self.artifact = artifact;
    }

    fn table_header(
        &mut self,
        g: &Geom,
        head: Option<&RowBox>,
        cells: &[Vec<Span>],
        aligns: &[Align],
        x: f32,
        repeat: bool,
    ) -> TableChunk {
        let total_w: f32 = g.widths.iter().sum();
        let top = self.y;
        self.push(Item::Line {
            x1: x,
            y1: top,
            x2: x + total_w,
            y2: top,
            width: 0.8,
            color: RULE,
            dotted: false,
        });
        let mut chunk = TableChunk {
            page: self.page(),
            rows: Vec::new(),
            header: (top, top),
            spans: Vec::new(),
        };
        let Some(head) = head else { return chunk };
        self.push(Item::Rect {
            x,
            y: top,
            w: total_w,
            h: head.h,
            color: FILL,
        });
        let was = self.artifact;
        let artifact = std::mem::replace(&mut self.artifact, repeat || was);
        self.open("THead");
        self.cells(g, head, cells, aligns, x, true);
        self.close();
        self.artifact = artifact;
        let y = self.y;
        self.push(Item::Line {
            x1: x,
            y1: y,
            x2: x + total_w,
            y2: y,
            width: 0.6,
            color: RULE,
            dotted: false,
        });
        chunk.header = (top, y);
        chunk
    }

    fn table_row(
        &mut self,
        g: &Geom,
        row: &RowBox,
        cells: &[Vec<Span>],
        aligns: &[Align],
        x: f32,
        rule: bool,
    ) {
        let total_w: f32 = g.widths.iter().sum();
        let y = self.y;
        if row.bold_total {
            self.push(Item::Line {
                x1: x,
                y1: y,
                x2: x + total_w,
                y2: y,
                width: 0.6,
                color: RULE,
                dotted: false,
            });
        } else if rule {
            self.push(Item::Line {
                x1: x,
                y1: y,
                x2: x + total_w,
                y2: y,
                width: 0.3,
                color: LIGHT_RULE,
                dotted: false,
            });
        }
        self.cells(g, row, cells, aligns, x, false);
    }

    fn cells(
        &mut self,
        g: &Geom,
        row: &RowBox,
        cells: &[Vec<Span>],
        aligns: &[Align],
        x: f32,
        head: bool,
    ) {
        let spec = TextSpec {
            bold: head,
            ..g.spec
        };
        let top = self.y;
        self.open("TR");
        let mut cx = x;
        for (c, lines) in row.cells.iter().enumerate() {
            let cw = g.widths.get(c).copied().unwrap_or(0.0);
            let spans = cells.get(c).cloned().unwrap_or_default();
            let text = measure::plain_text(&spans);
            // The same roles as the HTML table's cells; an empty cell keeps its place.
            let (role, scope) = match crate::render::cells::kind(head, c, &text) {
                Cell::ColumnHeader => ("TH", Some("Column")),
                Cell::RowHeader => ("TH", Some("Row")),
                Cell::Data => ("TD", None),
            };
            let node = self.open(role);
            if let Some(n) = self.out.nodes.get_mut(node) {
                n.scope = scope;
            }
            let align = aligns.get(c).copied().unwrap_or(Align::Left);
            let inset = if !head && is_figure(&text) && !text.trim_end().ends_with(')') {
                g.inset[c]
            } else {
                0.0
            };
            for (k, line) in lines.iter().enumerate() {
                let lx = match align {
                    Align::Left => cx + PAD_X,
                    Align::Right => cx + cw - PAD_X - inset - line.width,
                    Align::Center => cx + (cw - line.width) / 2.0,
                };
                let ltop = top + PAD_Y + k as f32 * g.lh;
                self.draw_line(line, &spans, spec, (lx, ltop), g.lh, TEXT);
            }
            self.close();
            cx += cw;
        }
        self.close();
        self.y = top + row.h;
    }
}

const RIGHT_LIMIT: f32 = super::layout::RIGHT;
