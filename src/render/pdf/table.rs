//! Tables: column widths from content (text columns flexible), wrapped cells, right-aligned
//! figures with hanging brackets, bold total rows, thin rules, the caption above, and page
//! splitting between rows with the header row repeated on every page.
//!
//! A figure is never broken across lines. A table whose columns cannot all fit the page at
//! their narrowest (seven years of figures in the thousands) is split into groups of columns
//! laid out one after the other, each with the row headers (the first column) repeated; the
//! structure tree still holds one table whose rows carry every cell, so a screen reader reads
//! it whole, and the repeated row headers are artifacts. A column too wide for the page even
//! on its own beside the row headers is the one case where figures break, with a warning.

use super::blocks::{Align, Table};
use super::layout::{
    Flow, Item, TableChunk, BOTTOM, FILL, GREY, HEADING, LIGHT_RULE, PARA_GAP, RULE, TEXT, TOP,
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
/// The caption repeated above a continuation (next page, or the table's next columns).
const CONTINUED: TextSpec = TextSpec {
    size: 8.5,
    bold: true,
    italic: false,
};
const CONTINUED_LH: f32 = 12.0;

/// Geometry of one group of a table's columns (the whole table, unless it is split).
pub struct Geom {
    pub spec: TextSpec,
    pub lh: f32,
    /// The table's columns in this group, in order.
    cols: Vec<usize>,
    /// Width of each column of the group.
    pub widths: Vec<f32>,
    /// Extra right inset per column of the group for figures without a closing bracket, so
    /// digits line up with those of bracketed negatives.
    inset: Vec<f32>,
    has_head: bool,
    /// The group's first column is the row headers repeated (an artifact).
    repeats_stub: bool,
}

/// How a table is laid out: its column groups, and a problem to report if a column cannot
/// fit the page even beside the row headers alone.
pub struct Plan {
    pub groups: Vec<Geom>,
    pub too_wide: Option<String>,
}

/// One row, broken into lines per cell of a group.
#[derive(Clone)]
struct RowBox {
    cells: Vec<Vec<Line>>,
    h: f32,
    bold_total: bool,
}

/// The structure elements of one table row, made when the row is first drawn and entered
/// again by the rest of a split row and by later column groups.
#[derive(Clone, Default)]
struct RowNodes {
    tr: Option<usize>,
    /// Each cell's element, by table column.
    cells: Vec<Option<usize>>,
}

pub fn is_figure(text: &str) -> bool {
    let t = text.trim();
    !t.is_empty()
        && t.chars().any(|c| c.is_ascii_digit())
        && t.chars()
            .all(|c| c.is_ascii_digit() || "().,-−–%£$€ *".contains(c))
}

/// Column widths for `cols` in `w` points from their narrowest and natural widths: all
/// natural if they fit, the spare width going to text columns; between narrowest and natural
/// if not; scaled from the narrowest (text and figures then break) as a last resort.
fn distribute(min: &[f32], max: &[f32], right: &[bool], w: f32) -> Vec<f32> {
    let n = min.len();
    let (smin, smax): (f32, f32) = (min.iter().sum(), max.iter().sum());
    if smax <= w {
        let flexible: Vec<usize> = (0..n).filter(|c| !right[*c]).collect();
        let mut widths = max.to_vec();
        let extra = w - smax;
        if flexible.is_empty() {
            widths
                .iter_mut()
                .for_each(|x| *x += extra / n.max(1) as f32);
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
        min.iter().map(|m| m * w / smin.max(0.001)).collect()
    }
}

/// The columns after the first, split into as few consecutive groups as fit beside the first
/// column (`stub`, the row headers) in `w`, as even in count as they can be. A column that
/// cannot fit even alone gets a group of its own, and is returned as the second value.
fn column_groups(stub: f32, min: &[f32], w: f32) -> (Vec<Vec<usize>>, Option<usize>) {
    let n = min.len();
    let fits = |group: &[usize]| stub + group.iter().map(|c| min[*c]).sum::<f32>() <= w + 0.01;
    let too_wide = (1..n).find(|c| !fits(&[*c]));
    for k in 1..n {
        // Aim for an even share of columns per group; a group that would overflow closes
        // early, and the split is retried with more groups if the columns run past k.
        let target = (n - 1).div_ceil(k);
        let mut groups: Vec<Vec<usize>> = vec![Vec::new()];
        for c in 1..n {
            let last = groups.last_mut().expect("a group");
            let mut with = last.clone();
            with.push(c);
            if !last.is_empty() && (last.len() >= target || !fits(&with)) {
                groups.push(vec![c]);
            } else {
                last.push(c);
            }
        }
        if groups.len() <= k || k == n - 1 {
            return (groups, too_wide);
        }
    }
    (vec![(1..n).collect()], too_wide)
}

impl<'a> Flow<'a> {
    /// The narrowest and natural width of each column (padding included) and each column's
    /// figure inset. A figure's narrowest width is all of it: figures never break.
    fn column_extents(&self, t: &Table, spec: TextSpec) -> (Vec<f32>, Vec<f32>, Vec<f32>) {
        let n = t.aligns.len().max(1);
        let head_spec = TextSpec { bold: true, ..spec };
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
            let empty = Vec::new();
            let cell = |r: &Vec<Vec<Span>>| r.get(c).unwrap_or(&empty).clone();
            let body: Vec<String> = t
                .rows
                .iter()
                .map(|r| measure::plain_text(&cell(r)))
                .collect();
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
                .map(|r| (cell(r), spec, inset[c]))
                .chain(has_head.then(|| (cell(&t.head), head_spec, 0.0)));
            for (cell, sp, extra) in cells {
                let (lo, hi) = measure::extent(&cell, self.fonts, sp);
                let lo = if is_figure(&measure::plain_text(&cell)) {
                    hi
                } else {
                    lo
                };
                min[c] = min[c].max(lo + extra);
                max[c] = max[c].max(hi + extra);
            }
            min[c] += 2.0 * PAD_X;
            max[c] += 2.0 * PAD_X;
        }
        (min, max, inset)
    }

    /// How the table is laid out in `w` points: whole, or in groups of columns.
    pub fn table_plan(&self, t: &Table, w: f32) -> Plan {
        let n = t.aligns.len().max(1);
        let spec = TextSpec {
            size: if n > 6 { 8.5 } else { 9.0 },
            bold: false,
            italic: false,
        };
        let lh = (spec.size * 1.36).round();
        let has_head = t
            .head
            .iter()
            .any(|c| !measure::plain_text(c).trim().is_empty());
        let (min, max, inset) = self.column_extents(t, spec);
        let right: Vec<bool> = (0..n)
            .map(|c| t.aligns.get(c) == Some(&Align::Right))
            .collect();
        let geom = |cols: Vec<usize>, repeats_stub: bool| {
            let pick = |v: &[f32]| cols.iter().map(|c| v[*c]).collect::<Vec<f32>>();
            let r: Vec<bool> = cols.iter().map(|c| right[*c]).collect();
            Geom {
                spec,
                lh,
                widths: distribute(&pick(&min), &pick(&max), &r, w),
                inset: pick(&inset),
                cols,
                has_head,
                repeats_stub,
            }
        };
        if min.iter().sum::<f32>() <= w + 0.01 || n < 2 {
            return Plan {
                groups: vec![geom((0..n).collect(), false)],
                too_wide: None,
            };
        }
        // The row headers are text and may wrap: beside a group they take at most a third of
        // the width, or their narrowest if that is wider.
        let stub = min[0].max(max[0].min(w / 3.0));
        let (groups, too_wide) = column_groups(stub, &min, w);
        let too_wide = too_wide.map(|c| {
            let name = measure::plain_text(t.head.get(c).map_or(&[][..], |h| &h[..]));
            let caption = t.caption.as_deref().map(measure::plain_text);
            format!(
                "the table {}has a column{} too wide for the page even beside its row headers \
                 alone, so its figures are broken across lines",
                caption.map_or(String::new(), |c| format!("`{c}` ")),
                if name.trim().is_empty() {
                    format!(" ({})", c + 1)
                } else {
                    format!(" `{}`", name.trim())
                }
            )
        });
        Plan {
            groups: groups
                .into_iter()
                .enumerate()
                .map(|(k, g)| {
                    let cols: Vec<usize> = std::iter::once(0).chain(g).collect();
                    geom(cols, k > 0)
                })
                .collect(),
            too_wide,
        }
    }

    fn row_box(&self, g: &Geom, cells: &[Vec<Span>], head: bool) -> RowBox {
        let spec = TextSpec {
            bold: head,
            ..g.spec
        };
        let empty = Vec::new();
        let lines: Vec<Vec<Line>> = g
            .cols
            .iter()
            .enumerate()
            .map(|(k, c)| {
                let cell = cells.get(*c).unwrap_or(&empty);
                let inset = if head {
                    0.0
                } else {
                    g.inset.get(k).copied().unwrap_or(0.0)
                };
                let w = g.widths.get(k).copied().unwrap_or(20.0) - 2.0 * PAD_X - inset;
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
        let plan = self.table_plan(t, w);
        let Some(g) = plan.groups.first() else {
            return 0.0;
        };
        let cap = self.caption_lines(t, w).len() as f32 * CAPTION_LH + 4.0;
        let head = if g.has_head {
            self.row_box(g, &t.head, true).h
        } else {
            0.0
        };
        let first = t.rows.first().map_or(0.0, |r| self.row_box(g, r, false).h);
        cap + head + first + 2.0
    }

    pub fn table(&mut self, t: &Table, x: f32, w: f32) {
        let plan = self.table_plan(t, w);
        if let Some(problem) = plan.too_wide {
            self.out.warnings.push(problem);
        }
        let caption = self.caption_lines(t, w);
        let cap_spans = t.caption.clone().unwrap_or_default();
        let cap_h = caption.len() as f32 * CAPTION_LH;
        let mut head_nodes = RowNodes::default();
        let mut row_nodes = vec![RowNodes::default(); t.rows.len()];

        self.gap(PARA_GAP + 2.0);
        self.open("Table");
        let groups = plan.groups.len();
        for (k, g) in plan.groups.iter().enumerate() {
            let head = g.has_head.then(|| self.row_box(g, &t.head, true));
            let head_h = head.as_ref().map_or(0.0, |h| h.h);
            let rows: Vec<RowBox> = t.rows.iter().map(|r| self.row_box(g, r, false)).collect();
            let first_h = rows.first().map_or(0.0, |r| r.h);
            let mut chunks: Vec<TableChunk> = Vec::new();
            let total_w: f32 = g.widths.iter().sum();
            if k == 0 {
                self.need(cap_h + 4.0 + head_h + first_h);
                self.start();
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
            } else {
                // The next columns, as a table of their own below the last: its caption
                // says which part it is.
                self.gap(PARA_GAP + 2.0);
                self.need(CONTINUED_LH + 2.0 + head_h + first_h);
                self.start();
                let note = format!("(columns {} of {groups})", k + 1);
                self.continued(&cap_spans, &note, x, w);
            }
            let mut chunk = self.table_header(
                g,
                head.as_ref(),
                &t.head,
                &t.aligns,
                x,
                false,
                &mut head_nodes,
            );
            if k == 0 {
                // The body rows, wherever they are drawn, are one TBody after the THead.
                self.open("TBody");
            }
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
                        // case where a row is divided; its cells go on on the next page).
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
                        let note = if groups > 1 {
                            format!("(columns {} of {groups}, continued)", k + 1)
                        } else {
                            "(continued)".to_string()
                        };
                        self.continued(&cap_spans, &note, x, w);
                        chunk = self.table_header(
                            g,
                            head.as_ref(),
                            &t.head,
                            &t.aligns,
                            x,
                            true,
                            &mut head_nodes,
                        );
                        queue.push_front((i, row));
                        continue;
                    }
                }
                let rule = !chunk.rows.is_empty();
                self.table_row(g, &row, &t.rows[i], &t.aligns, x, rule, &mut row_nodes[i]);
                chunk.rows.push(i);
                chunk.spans.push((self.y - row.h, self.y));
            }
            self.finish_chunk(&mut chunks, chunk, x, total_w);
            self.out.tables.push(chunks);
        }
        self.close();
        self.close();
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

    /// Above a continuation: "<caption> <note>" in small grey, as an artifact, in as many
    /// lines as it takes.
    fn continued(&mut self, spans: &[Span], note: &str, x: f32, w: f32) {
        let artifact = std::mem::replace(&mut self.artifact, true);
        let caption = measure::plain_text(spans);
        let text = if caption.trim().is_empty() {
            note.to_string()
        } else {
            format!("{} {note}", caption.trim())
        };
        let spans = [Span::plain(text)];
        let lines = self.lines(&spans, CONTINUED, w);
        for line in &lines {
            let top = self.y;
            self.draw_line(line, &spans, CONTINUED, (x, top), CONTINUED_LH, GREY);
            self.y += CONTINUED_LH;
        }
        self.y += 2.0;
        self.artifact = artifact;
    }

    #[allow(clippy::too_many_arguments)]
    fn table_header(
        &mut self,
        g: &Geom,
        head: Option<&RowBox>,
        cells: &[Vec<Span>],
        aligns: &[Align],
        x: f32,
        repeat: bool,
        nodes: &mut RowNodes,
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
        // The header row is one THead's TR, made by the first group of columns.
        let thead = nodes.tr.is_none();
        if thead {
            self.open("THead");
        }
        self.cells(g, head, cells, aligns, x, true, nodes);
        if thead {
            self.close();
        }
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

    #[allow(clippy::too_many_arguments)]
    fn table_row(
        &mut self,
        g: &Geom,
        row: &RowBox,
        cells: &[Vec<Span>],
        aligns: &[Align],
        x: f32,
        rule: bool,
        nodes: &mut RowNodes,
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
        self.cells(g, row, cells, aligns, x, false, nodes);
    }

    /// Draws a row's cells of one column group. The row's elements are made the first time
    /// the row is drawn and entered again after that (the rest of a row split over pages,
    /// the row's cells in a later group), so each row is one TR holding all its cells.
    #[allow(clippy::too_many_arguments)]
    fn cells(
        &mut self,
        g: &Geom,
        row: &RowBox,
        cells: &[Vec<Span>],
        aligns: &[Align],
        x: f32,
        head: bool,
        nodes: &mut RowNodes,
    ) {
        let spec = TextSpec {
            bold: head,
            ..g.spec
        };
        let top = self.y;
        match nodes.tr {
            Some(tr) => self.enter(tr),
            None => nodes.tr = Some(self.open("TR")).filter(|n| *n != usize::MAX),
        }
        if nodes.cells.len() < cells.len() {
            nodes.cells.resize(cells.len(), None);
        }
        let mut cx = x;
        for (k, lines) in row.cells.iter().enumerate() {
            let c = g.cols.get(k).copied().unwrap_or(k);
            let cw = g.widths.get(k).copied().unwrap_or(0.0);
            let spans = cells.get(c).cloned().unwrap_or_default();
            let text = measure::plain_text(&spans);
            // The row headers repeated beside a later group of columns are not read again.
            let repeated = k == 0 && g.repeats_stub;
            let was = self.artifact;
            self.artifact |= repeated;
            match nodes.cells.get(c).copied().flatten() {
                Some(node) if !repeated => self.enter(node),
                _ => {
                    // The same roles as the HTML table's cells; an empty cell keeps its place.
                    let (role, scope) = match crate::render::cells::kind(head, c, &text) {
                        Cell::ColumnHeader => ("TH", Some("Column")),
                        Cell::RowHeader => ("TH", Some("Row")),
                        Cell::Data => ("TD", None),
                    };
                    let node = self.open(role);
                    if let Some(n) = self.out.nodes.get_mut(node) {
                        n.scope = scope;
                        if let Some(slot) = nodes.cells.get_mut(c) {
                            *slot = Some(node);
                        }
                    }
                }
            }
            let align = aligns.get(c).copied().unwrap_or(Align::Left);
            let inset = if !head && is_figure(&text) && !text.trim_end().ends_with(')') {
                g.inset.get(k).copied().unwrap_or(0.0)
            } else {
                0.0
            };
            for (j, line) in lines.iter().enumerate() {
                let lx = match align {
                    Align::Left => cx + PAD_X,
                    Align::Right => cx + cw - PAD_X - inset - line.width,
                    Align::Center => cx + (cw - line.width) / 2.0,
                };
                let ltop = top + PAD_Y + j as f32 * g.lh;
                self.draw_line(line, &spans, spec, (lx, ltop), g.lh, TEXT);
            }
            self.close();
            self.artifact = was;
            cx += cw;
        }
        self.close();
        self.y = top + row.h;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_split_into_even_groups_that_fit() {
        // Eight figure columns of 60 beside row headers of 100, in 470: four and four.
        let min = [100.0, 60.0, 60.0, 60.0, 60.0, 60.0, 60.0, 60.0, 60.0];
        let (groups, too_wide) = column_groups(100.0, &min, 470.0);
        assert_eq!(groups, [vec![1, 2, 3, 4], vec![5, 6, 7, 8]]);
        assert_eq!(too_wide, None);
        // Two hundred columns: as many groups as it takes, every one fitting.
        let min: Vec<f32> = std::iter::once(80.0).chain([55.0; 200]).collect();
        let (groups, _) = column_groups(80.0, &min, 470.0);
        assert!(groups.len() >= 29, "{}", groups.len());
        for g in &groups {
            assert!(80.0 + g.len() as f32 * 55.0 <= 470.0, "{g:?}");
        }
        let all: Vec<usize> = groups.concat();
        assert_eq!(all, (1..=200).collect::<Vec<_>>());
        // A column wider than the page beside the row headers is named.
        let (_, too_wide) = column_groups(100.0, &[100.0, 50.0, 400.0], 470.0);
        assert_eq!(too_wide, Some(2));
    }

    #[test]
    fn widths_fill_the_line_and_never_go_below_the_narrowest_when_they_fit() {
        let w = distribute(&[50.0, 40.0], &[200.0, 40.0], &[false, true], 150.0);
        assert!((w.iter().sum::<f32>() - 150.0).abs() < 0.01);
        assert!(w[1] >= 40.0 - 0.01);
        let w = distribute(&[50.0, 40.0], &[60.0, 40.0], &[false, true], 150.0);
        assert!((w[0] - 110.0).abs() < 0.01, "{w:?}");
    }
}
