//! A document laid out in parts that each start at the top of a page (a pack's reports, a
//! report's pages before and after a page break): every part by a flow of its own, on all
//! cores, and the layouts joined into what one flow through all of them would have made.
//!
//! A flow at the top of a fresh page is in the same state whatever came before it (a gap
//! still pending there is dropped by the first content, and every structure element but the
//! root is closed), so the join is exact: byte for byte the same PDF. The flows share what
//! does cross parts, the headings (numbered across the whole document, so that a link or the
//! contents list in one part can point at a heading in another).

use super::blocks::Block;
use super::fonts::Fonts;
use super::layout::{self, HeadingIndex, Laid, LEFT, RIGHT};
use std::collections::HashMap;
use std::convert::Infallible;

/// One part laid out by a flow of its own, from the top of a fresh page.
#[derive(Debug)]
pub(super) struct PartLaid {
    pub laid: Laid,
    /// The flow ended with nothing placed on its current page yet.
    fresh: bool,
    pub errors: Vec<String>,
}

impl PartLaid {
    /// Whether the next part starts on this part's last page: one flow through every part
    /// starts a new page for the next part unless its page is still fresh and blank.
    fn leaves_blank_page(&self) -> bool {
        self.fresh && self.laid.pages.last().is_some_and(|p| p.items.is_empty())
    }
}

/// Lays out one part's (numbered) blocks from the top of a page, knowing every heading of the
/// document. The part may show only the charts of `charts` in its `chart_scope` (see
/// [`layout::Flow::chart_scope`]).
pub(super) fn lay_out_part(
    fonts: &Fonts,
    charts: &HashMap<String, &crate::chart::Chart>,
    index: &HeadingIndex,
    blocks: &[Block],
    chart_scope: &str,
) -> PartLaid {
    let _t = crate::trace::span(|| "pdf: lay out a part".into());
    let mut flow = layout::Flow::with_headings(fonts, charts, index);
    flow.chart_scope = chart_scope.to_string();
    flow.blocks(blocks, LEFT, RIGHT - LEFT, 0);
    PartLaid {
        fresh: flow.fresh,
        errors: flow.errors,
        laid: flow.out,
    }
}

/// Every part laid out, on all cores, in order; part `k` in chart scope `scopes[k]` (none
/// when `scopes` is shorter).
pub(super) fn lay_out_all(
    fonts: &Fonts,
    charts: &HashMap<String, &crate::chart::Chart>,
    index: &HeadingIndex,
    parts: &[&[Block]],
    scopes: &[&str],
) -> Vec<PartLaid> {
    let laid = crate::parallel::parallel_map_by(
        parts.len(),
        |k| parts[k].len(),
        |k| {
            let scope = scopes.get(k).copied().unwrap_or("");
            Ok::<_, Infallible>(lay_out_part(fonts, charts, index, parts[k], scope))
        },
    );
    laid.into_iter().map(infallible).collect()
}

/// Every part's layout problems, in document order.
pub(super) fn errors(parts: &[PartLaid]) -> Vec<String> {
    parts
        .iter()
        .flat_map(|p| p.errors.iter().cloned())
        .collect()
}

/// The page (0-based) on which each part starts, and the number of pages.
pub(super) fn starts(parts: &[PartLaid]) -> (Vec<usize>, usize) {
    let mut starts = Vec::new();
    let mut pages = 0;
    let mut blank = false;
    for p in parts {
        let start = if blank { pages - 1 } else { pages };
        starts.push(start);
        pages = start + p.laid.pages.len();
        blank = p.leaves_blank_page();
    }
    // A blank page at the very end goes, unless a part starts on it.
    let last_blank = parts
        .last()
        .and_then(|p| p.laid.pages.last())
        .is_some_and(|p| p.items.is_empty());
    if pages > 1 && last_blank && !starts.contains(&(pages - 1)) {
        pages -= 1;
    }
    (starts, pages)
}

/// The parts joined into one layout, and the page (0-based) on which each starts.
pub(super) fn join(parts: Vec<PartLaid>) -> (Laid, Vec<usize>) {
    let (starts, pages) = starts(&parts);
    let mut laid = Laid::default();
    for (p, start) in parts.into_iter().zip(&starts) {
        if laid.pages.len() > *start {
            // The previous part's last page is blank: this part starts on it.
            debug_assert!(laid.pages.last().is_some_and(|p| p.items.is_empty()));
            laid.pages.pop();
        }
        laid.append(p.laid);
    }
    laid.pages.truncate(pages);
    (laid, starts)
}

pub(super) fn infallible<T>(r: Result<T, Infallible>) -> T {
    match r {
        Ok(t) => t,
        Err(never) => match never {},
    }
}
