//! Tables as Word tables: the header row repeated on every page, no row split across a page,
//! figures aligned as the Markdown says (right for figures), and column widths worked out
//! here so that every word processor shows the same grid (figures never wrap).

use super::body::Body;
use super::xml::{esc, RunStyle};
use crate::render::pdf::{plain_text, Align, Span, Table};

/// The text width of an A4 page with the PDF's 22 mm side margins, in twips.
pub const TEXT_WIDTH: u32 = 9412;
/// Left and right padding of each cell, in twips (1 mm).
const CELL_PAD: u32 = 57;
/// Table text sizes in half-points, largest first: 9 pt as the PDF's tables, smaller for a
/// table whose figures would not otherwise fit across the page.
const SIZES: [u32; 4] = [18, 16, 14, 13];
/// A table this short is kept on one page (with its caption); a longer one may break
/// between rows, its header row repeated.
const KEEP_TOGETHER: usize = 15;

/// Advance width of `c` in Arial, in thousandths of an em (near enough to lay out a grid).
fn advance(c: char, bold: bool) -> u32 {
    let w = match c {
        '0'..='9' | '£' | '$' | '€' | '_' => 556,
        ' ' | '.' | ',' | ':' | ';' | '!' | 'i' | 'j' | 'l' | '\'' | '|' => 278,
        '(' | ')' | '[' | ']' | '-' | 'f' | 't' | 'r' | '/' => 333,
        '%' => 889,
        'm' | 'M' | 'W' => 833,
        'w' => 722,
        'A'..='Z' => 667,
        c if c.is_alphabetic() => 556,
        _ => 584,
    };
    if bold {
        w + w / 12
    } else {
        w
    }
}

/// Width of `text` at `size` half-points, in twips (a point is 20 twips), with 5% and a
/// little more to spare: word processors round, and a figure that only just fits wraps.
fn width(text: &str, bold: bool, size: u32) -> u32 {
    let milli: u32 = text.chars().map(|c| advance(c, bold)).sum();
    // milli/1000 em × (size/2) pt × 20 twips/pt.
    let exact = milli * size * 10 / 1000;
    if exact == 0 {
        0
    } else {
        exact + exact / 20 + 20
    }
}

/// (widest unbreakable word, whole text on one line) of a cell, in twips.
fn cell_widths(spans: &[Span], header: bool, size: u32) -> (u32, u32) {
    let bold = header || spans.iter().any(|s| s.style.bold);
    let text = plain_text(spans);
    let word = text
        .split_whitespace()
        .map(|w| width(w, bold, size))
        .max()
        .unwrap_or(0);
    (word, width(&text, bold, size))
}

/// The text size (half-points) for `t`: the largest at which every column's widest word fits
/// across the page, or the smallest.
pub fn size_for(t: &Table) -> u32 {
    SIZES
        .iter()
        .copied()
        .find(|&size| needed(t, size).0.iter().sum::<u32>() <= TEXT_WIDTH)
        .unwrap_or(SIZES[SIZES.len() - 1])
}

/// Per column: (least width, widest cell on one line), padding included. The least width is
/// the widest word, and for a first column of row labels at least a fifth of the page (as
/// far as its labels need), so that labels do not wrap a word a line beside wide figures.
fn needed(t: &Table, size: u32) -> (Vec<u32>, Vec<u32>) {
    let n = t.aligns.len().max(t.head.len()).max(1);
    let mut min = vec![0u32; n];
    let mut max = vec![0u32; n];
    for (r, row) in std::iter::once(&t.head).chain(t.rows.iter()).enumerate() {
        for (c, cell) in row.iter().enumerate().take(n) {
            let (w, full) = cell_widths(cell, r == 0, size);
            min[c] = min[c].max(w + 2 * CELL_PAD);
            max[c] = max[c].max(full + 2 * CELL_PAD);
        }
    }
    if n > 2 && matches!(t.aligns.first(), Some(Align::Left) | None) {
        min[0] = min[0].max(max[0].min(TEXT_WIDTH / 5));
    }
    (min, max)
}

/// Column widths in twips that add up to the text width: each column gets at least its
/// widest word and shares what is left in proportion to how much more it would need to set
/// every cell on one line (the automatic table layout browsers use).
pub fn column_widths(t: &Table, size: u32) -> Vec<u32> {
    let (min, max) = needed(t, size);
    let total = u64::from(TEXT_WIDTH);
    let sum = |v: &[u32]| v.iter().map(|&x| u64::from(x)).sum::<u64>();
    let (min_sum, max_sum) = (sum(&min), sum(&max));
    let widths: Vec<u64> = if max_sum <= total {
        // Everything fits on one line: spread the room left in proportion to the widths.
        max.iter()
            .map(|&w| u64::from(w) * total / max_sum.max(1))
            .collect()
    } else if min_sum >= total {
        min.iter()
            .map(|&w| u64::from(w) * total / min_sum.max(1))
            .collect()
    } else {
        let room = total - min_sum;
        let want = max_sum - min_sum;
        min.iter()
            .zip(&max)
            .map(|(&lo, &hi)| u64::from(lo) + u64::from(hi - lo) * room / want.max(1))
            .collect()
    };
    let mut widths: Vec<u32> = widths
        .into_iter()
        .map(|w| u32::try_from(w).unwrap_or(TEXT_WIDTH))
        .collect();
    // Rounding down leaves a few twips: the first column takes them.
    let used: u32 = widths.iter().sum();
    if let Some(first) = widths.first_mut() {
        *first += TEXT_WIDTH.saturating_sub(used);
    }
    widths
}

/// Writes `t` as a Word table.
pub fn table(b: &mut Body<'_>, t: &Table) {
    let size = size_for(t);
    let widths = column_widths(t, size);
    let caption = t.caption.as_deref().map(plain_text).unwrap_or_default();
    b.out
        .push_str("<w:tbl><w:tblPr><w:tblStyle w:val=\"CabinetTable\"/>");
    b.out
        .push_str(&format!("<w:tblW w:w=\"{TEXT_WIDTH}\" w:type=\"dxa\"/>"));
    b.out.push_str("<w:tblLayout w:type=\"fixed\"/>");
    b.out.push_str(&format!(
        "<w:tblCellMar><w:left w:w=\"{CELL_PAD}\" w:type=\"dxa\"/><w:right w:w=\"{CELL_PAD}\" w:type=\"dxa\"/></w:tblCellMar>"
    ));
    b.out.push_str("<w:tblLook w:val=\"0420\" w:firstRow=\"1\" w:lastRow=\"0\" w:firstColumn=\"0\" w:lastColumn=\"0\" w:noHBand=\"1\" w:noVBand=\"1\"/>");
    if !caption.is_empty() {
        b.out
            .push_str(&format!("<w:tblCaption w:val=\"{}\"/>", esc(&caption)));
    }
    b.out.push_str("</w:tblPr><w:tblGrid>");
    for w in &widths {
        b.out.push_str(&format!("<w:gridCol w:w=\"{w}\"/>"));
    }
    b.out.push_str("</w:tblGrid>");
    let keep = t.rows.len() <= KEEP_TOGETHER;
    let last = t.rows.len();
    for (r, row) in std::iter::once(&t.head).chain(t.rows.iter()).enumerate() {
        let header = r == 0;
        b.out.push_str("<w:tr><w:trPr><w:cantSplit/>");
        if header {
            b.out.push_str("<w:tblHeader/>");
        }
        b.out.push_str("</w:trPr>");
        for (c, w) in widths.iter().enumerate() {
            let empty = Vec::new();
            let cell = row.get(c).unwrap_or(&empty);
            b.out.push_str(&format!(
                "<w:tc><w:tcPr><w:tcW w:w=\"{w}\" w:type=\"dxa\"/>"
            ));
            if header {
                b.out
                    .push_str("<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"EDF1F5\"/>");
            }
            b.out
                .push_str("</w:tcPr><w:p><w:pPr><w:pStyle w:val=\"TableText\"/>");
            // Rows of a short table keep with the next, so the table stays on one page.
            if header || (keep && r < last) {
                b.out.push_str("<w:keepNext/>");
            }
            match t.aligns.get(c) {
                Some(Align::Right) => b.out.push_str("<w:jc w:val=\"right\"/>"),
                Some(Align::Center) => b.out.push_str("<w:jc w:val=\"center\"/>"),
                _ => {}
            }
            b.out.push_str("</w:pPr>");
            b.spans(
                cell,
                RunStyle {
                    bold: header,
                    size: (size != SIZES[0]).then_some(size),
                    ..RunStyle::default()
                },
            );
            b.out.push_str("</w:p></w:tc>");
        }
        b.out.push_str("</w:tr>");
    }
    b.out.push_str("</w:tbl>");
    // Word needs a paragraph between two tables, or it joins them; this one also spaces the
    // table from what follows.
    b.out
        .push_str("<w:p><w:pPr><w:pStyle w:val=\"AfterTable\"/></w:pPr></w:p>");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::pdf::report_blocks;
    use crate::render::pdf::Block;

    fn first_table(md: &str) -> Table {
        report_blocks(md)
            .into_iter()
            .find_map(|b| match b {
                Block::Table(t) => Some(t),
                _ => None,
            })
            .expect("a table")
    }

    #[test]
    fn columns_fill_the_text_width_and_figures_never_wrap() {
        let t = first_table(
            "| £m | 2016/17 | 2017/18 | 2018/19 | 2019/20 | 2020/21 | Cumulative | Payback |\n\
             | :--- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n\
             | Net Investment / (Saving) of a long description that wraps | (11.994) | (1,234.567) | 0.000 | 0.000 | 0.000 | (4.636) | Year 2 |\n",
        );
        let size = size_for(&t);
        assert_eq!(size, 18);
        let w = column_widths(&t, size);
        assert_eq!(w.iter().sum::<u32>(), TEXT_WIDTH);
        for (c, cell) in t.rows[0].iter().enumerate().skip(1) {
            let text = plain_text(cell);
            assert!(
                w[c] >= width(&text, false, size) + 2 * CELL_PAD,
                "column {c} ({text}) is {} twips",
                w[c]
            );
        }
        // The label column takes what the figures leave, so its text wraps instead.
        assert!(w[0] < width(&plain_text(&t.rows[0][0]), false, size));
    }

    #[test]
    fn a_table_too_wide_for_the_page_is_set_smaller() {
        let months = "| Month | Apr | May | Jun | Jul | Aug | Sep | Oct | Nov | Dec | Jan | Feb | Mar | Total |\n\
                      |:--|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n\
                      | Reduction on the starting number | (1,000.5) | (1,000.5) | (1,000.5) | (1,000.5) | (1,000.5) | (1,000.5) | (1,000.5) | (1,000.5) | (1,000.5) | (1,000.5) | (1,000.5) | (1,000.5) | (12,006.0) |\n";
        let t = first_table(months);
        let size = size_for(&t);
        assert!(size < 18, "{size}");
        let (min, _) = needed(&t, size);
        assert!(min.iter().sum::<u32>() <= TEXT_WIDTH || size == 13);
        let blocks = Vec::new();
        let charts = std::collections::HashMap::new();
        let mut b = Body::new(&blocks, &charts);
        table(&mut b, &t);
        assert!(b.out.contains(&format!("<w:sz w:val=\"{size}\"/>")));
    }

    #[test]
    fn header_repeats_rows_never_split_and_figures_align_right() {
        let t = first_table("| Item | 2016/17 |\n|:--|--:|\n| A | (0.165) |\n");
        let blocks = Vec::new();
        let charts = std::collections::HashMap::new();
        let mut b = Body::new(&blocks, &charts);
        table(&mut b, &t);
        let rows: Vec<&str> = b.out.split("<w:tr>").skip(1).collect();
        assert_eq!(rows.len(), 2);
        assert!(rows[0].contains("<w:tblHeader/>"));
        assert!(!rows[1].contains("<w:tblHeader/>"));
        assert!(rows.iter().all(|r| r.contains("<w:cantSplit/>")));
        let figure = rows[1].split("<w:tc>").nth(2).expect("second cell");
        assert!(figure.contains("<w:jc w:val=\"right\"/>"));
        assert!(figure.contains(">(0.165)<"));
    }
}
