//! Several documents typeset as ONE PDF (an agenda pack): each part (front sheet, a report,
//! an exemption notice) starts on a new page, carries its own running header and bookmark,
//! and the pages are numbered continuously. Built from the same blocks, layout engine,
//! emitter and finisher as a single report; only the furniture and outline differ. Each part
//! is laid out by a flow of its own (on all cores) and the layouts are joined into what one
//! flow through the whole pack would make; the cover can be laid out again alone.

use super::blocks::{self, Block};
use super::fonts::Fonts;
use super::furniture;
use super::layout::{self, HeadingEntry, HeadingIndex, HeadingPos, Laid};
use super::parts::{self, infallible, PartLaid};
use super::{emit, finish, fonts, headings, PdfMeta, DEFAULT};
use std::collections::{HashMap, HashSet};
use std::convert::Infallible;

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
    /// The scope of the part's charts: its Markdown's `charts/<key>.svg` is the chart
    /// `<scope>:<key>` of the pack's chart table, so a part shows only its own report's
    /// charts. Empty for a part with no charts of its own (the cover, a notice).
    pub chart_scope: String,
}

/// A typeset pack.
#[derive(Debug, Clone)]
pub struct Typeset {
    pub bytes: Vec<u8>,
    /// The page (1-based) on which each part starts.
    pub starts: Vec<usize>,
    pub pages: usize,
}

/// A pack laid out: what [`render`] emits.
#[derive(Debug)]
pub struct Layout {
    pub laid: Laid,
    /// The page (0-based) on which each part starts.
    pub starts: Vec<usize>,
    /// The index of each part's first heading (the next part's, if it has none).
    pub first_heading: Vec<usize>,
}

/// Lays out `parts` as one document: the first is the cover, see [`PackLayout`].
pub fn lay_out(
    parts: &[Part],
    charts: &HashMap<String, &crate::chart::Chart>,
    fallbacks: &[std::path::PathBuf],
) -> Result<Layout, String> {
    let Some((cover, body)) = parts.split_first() else {
        // No part at all: the one blank page of a flow over nothing.
        let fonts = fonts::fonts_with(fallbacks)?;
        return Ok(Layout {
            laid: layout::Flow::new(fonts, charts, &[]).out,
            starts: Vec::new(),
            first_heading: Vec::new(),
        });
    };
    Ok(PackLayout::new(cover, body, charts, fallbacks)?.join())
}

/// A pack being laid out: the cover (the first part) and the body (every other part).
///
/// Each part starts from the top of a page, and a flow at the top of a fresh page is in the
/// same state whatever came before it (a gap still pending there is dropped by the first
/// content, and every structure element but the root is closed), so every part is laid out
/// by a flow of its own, on all cores, and the layouts are joined ([`Laid::append`]) into
/// what one flow through all the parts would have made: byte for byte the same PDF. The flows
/// share what does cross parts: the headings, numbered across the whole pack (anchors unique,
/// so a link in one part can point at a heading in another).
///
/// The cover (an agenda listing the page on which each item starts) is laid out again each
/// time its page numbers change, without the body: the body depends on the cover only through
/// the cover's headings (which number the body's), and is laid out again only if those change.
pub struct PackLayout<'a> {
    body: &'a [Part],
    charts: &'a HashMap<String, &'a crate::chart::Chart>,
    fonts: &'static Fonts,
    /// Every heading of the pack, the cover's first.
    headings: Vec<HeadingEntry>,
    /// The same, as every part's flow uses them.
    index: HeadingIndex,
    /// How many of `headings` are the cover's.
    cover_headings: usize,
    first_heading: Vec<usize>,
    /// The cover, then each part of the body.
    parts: Vec<PartLaid>,
}

impl<'a> PackLayout<'a> {
    /// Parses and numbers every part, then lays each out (on all cores).
    pub fn new(
        cover: &Part,
        body: &'a [Part],
        charts: &'a HashMap<String, &'a crate::chart::Chart>,
        fallbacks: &[std::path::PathBuf],
    ) -> Result<Self, String> {
        let fonts = fonts::fonts_with(fallbacks)?;
        let parsed = crate::parallel::parallel_map(body.len() + 1, |k| {
            let part = if k == 0 { cover } else { &body[k - 1] };
            Ok::<_, Infallible>(blocks::parse(&part.markdown))
        });
        let mut parsed: Vec<Vec<Block>> = parsed.into_iter().map(infallible).collect();
        let (first_heading, index) = number_parts(&mut parsed);
        let cover_headings = first_heading.get(1).copied().unwrap_or(index);
        let headings: Vec<HeadingEntry> =
            parsed.iter().flat_map(|b| headings::headings(b)).collect();
        let index = HeadingIndex::new(&headings);
        let slices: Vec<&[Block]> = parsed.iter().map(Vec::as_slice).collect();
        let scopes: Vec<&str> = std::iter::once(cover)
            .chain(body)
            .map(|p| p.chart_scope.as_str())
            .collect();
        let parts = parts::lay_out_all(fonts, charts, &index, &slices, &scopes);
        let layout = PackLayout {
            body,
            charts,
            fonts,
            headings,
            index,
            cover_headings,
            first_heading,
            parts,
        };
        layout.check()?;
        Ok(layout)
    }

    /// Lays out `cover` in place of the cover, keeping the body's layout if `cover` has the
    /// same headings as the old one (and laying everything out again if not).
    pub fn set_cover(&mut self, cover: &Part) -> Result<(), String> {
        let mut blocks = blocks::parse(&cover.markdown);
        headings::number_headings(&mut blocks, &mut HashSet::new(), &mut 0);
        if headings::headings(&blocks)[..] != self.headings[..self.cover_headings] {
            let fallbacks = self.fonts.fallback_files.clone();
            *self = PackLayout::new(cover, self.body, self.charts, &fallbacks)?;
            return Ok(());
        }
        self.parts[0] = parts::lay_out_part(
            self.fonts,
            self.charts,
            &self.index,
            &blocks,
            &cover.chart_scope,
        );
        self.check()
    }

    /// Every part's layout problems, in pack order, as one error.
    fn check(&self) -> Result<(), String> {
        let errors = parts::errors(&self.parts);
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors.join("; "))
        }
    }

    /// The page (0-based) on which each part starts, and the number of pages.
    pub fn starts(&self) -> (Vec<usize>, usize) {
        parts::starts(&self.parts)
    }

    /// The parts joined into one layout.
    pub fn join(self) -> Layout {
        let (laid, starts) = parts::join(self.parts);
        Layout {
            laid,
            starts,
            first_heading: self.first_heading,
        }
    }
}

/// Numbers every part's headings in pack order (the first of two equal headings keeps the
/// plain anchor); returns each part's first heading index and the number of headings.
fn number_parts(parsed: &mut [Vec<Block>]) -> (Vec<usize>, usize) {
    let mut seen = HashSet::new();
    let mut index = 0;
    let mut first_heading = Vec::new();
    for b in parsed.iter_mut() {
        first_heading.push(index);
        headings::number_headings(b, &mut seen, &mut index);
    }
    (first_heading, index)
}

/// Typesets the parts, laid out as `layout` ([`lay_out`] or [`PackLayout::join`]), into one
/// tagged PDF, pages numbered "`numbering` N" continuously.
pub fn render(
    parts: &[Part],
    layout: Layout,
    meta: &PdfMeta,
    charts: &HashMap<String, &crate::chart::Chart>,
    numbering: &str,
) -> Result<Typeset, crate::error::Error> {
    let fail = |message: String| crate::error::Error::Pdf {
        name: meta.title.clone(),
        message,
    };
    let fonts = fonts::fonts_with(&meta.fonts).map_err(fail)?;
    let Layout {
        mut laid,
        starts,
        first_heading,
    } = layout;
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
        fonts,
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
    let mut part = 0;
    for (p, page) in laid.pages.iter_mut().enumerate() {
        while part + 1 < starts.len() && starts[part + 1] <= p {
            part += 1;
        }
        let (left, right) = parts.get(part).map_or(("", ""), |x| {
            (x.header_left.as_str(), x.header_right.as_str())
        });
        let left = furniture::fit_left(fonts, left, right);
        let footer = format!("{numbering} {}", p + 1);
        furniture::furnish_page(page, fonts, &left, right, &footer);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chart::Chart;
    use crate::render::pdf::blocks::PAGE_BREAK;
    use crate::render::pdf::layout::{Item, Target, LEFT, RIGHT};

    /// The pack laid out by one flow through every part, each from the top of a new page (as
    /// it was before the parts were laid out one by one): what the joined layout must equal.
    fn one_flow(parts: &[Part], charts: &HashMap<String, &Chart>) -> Result<Layout, String> {
        let fonts = fonts::fonts()?;
        let mut parsed: Vec<Vec<Block>> =
            parts.iter().map(|p| blocks::parse(&p.markdown)).collect();
        let (first_heading, _) = number_parts(&mut parsed);
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
            if !starts.contains(&last) {
                flow.out.pages.pop();
            }
        }
        Ok(Layout {
            laid: flow.out,
            starts,
            first_heading,
        })
    }

    fn part(markdown: &str) -> Part {
        Part {
            markdown: markdown.to_string(),
            header_left: String::new(),
            header_right: String::new(),
            bookmark: String::new(),
            chart_scope: String::new(),
        }
    }

    fn paragraphs(n: usize, what: &str) -> String {
        (0..n)
            .map(|i| {
                format!(
                    "Paragraph {i} of {what}: the committee is asked to note the position set \
                     out in this section, which is long enough to wrap over several lines of \
                     the column and so to fill pages at a realistic rate.\n\n"
                )
            })
            .collect()
    }

    /// A cover and four parts: same-named headings in several parts (anchors numbered across
    /// the pack), links from each part to headings in others, an empty part (the next starts
    /// on the same page), a part ending in a page break (the next starts on its blank page),
    /// multi-page parts with nested lists, a quote, a table split over pages and a chart, and
    /// a trailing blank page.
    fn pack() -> Vec<Part> {
        let cover = String::from(
            "# Cabinet\n\nSee [the findings](#findings-1), [the background](#background-1) and \
             [report B](#report-b).\n\n## Background\n\nCover text with a \
             [web link](https://example.org).\n\n## Agenda\n\n| Item | Business | Page |\n\
             | :-- | :-- | --: |\n| 1 | Report A | 3 |\n| 2 | Report B | |\n",
        );
        let a = format!(
            "# Report A\n\n## Background\n\n{}- item one\n  - nested, see [the findings](#findings)\n  \
             - nested two\n- item two\n\n> A quote with a link to [report B](#report-b).\n\n{}\n\
             ![Bars](charts/bars.svg)\n\n## Background\n\nBack to [the cover](#cabinet) and to \
             [the second findings](#findings-1).\n\n{}\n\n{PAGE_BREAK}\n",
            paragraphs(40, "report A"),
            super::super::tests::big_table(90),
            paragraphs(3, "the end of report A"),
        );
        let b = format!(
            "# Report B\n\n## Findings\n\n{}## Findings\n\nSee [report A's background](#background-1)\n\n\
             1. first\n2. second, with [a link home](#cabinet)\n",
            paragraphs(12, "report B")
        );
        let notice = format!("# Item 9: exempt\n\n**Not for publication.**\n\n{PAGE_BREAK}\n");
        vec![part(&cover), part(""), part(&a), part(&b), part(&notice)]
    }

    fn chart() -> Chart {
        let table = crate::chart::DataTable {
            caption: "Savings".into(),
            header: vec!["Year".into(), "£m".into()],
            rows: vec![vec!["2017/18".into(), "1.0".into()]],
        };
        crate::chart::followup::bars(
            crate::chart::followup::Frame {
                id: "bars".into(),
                title: "Savings by year".into(),
                description: "Savings rise from 1.0 to 2.0.".into(),
                table,
                unit: "£m".into(),
                decimals: Some(1),
                negatives: Default::default(),
            },
            vec!["2017/18".into(), "2018/19".into()],
            "Saving",
            vec![1.into(), 2.into()],
        )
    }

    /// Asserts that two layouts are the same, page by page first (for a readable failure).
    fn assert_same(joined: &Layout, whole: &Layout) {
        assert_eq!(joined.starts, whole.starts);
        assert_eq!(joined.first_heading, whole.first_heading);
        assert_eq!(joined.laid.pages.len(), whole.laid.pages.len());
        for (p, (a, b)) in joined.laid.pages.iter().zip(&whole.laid.pages).enumerate() {
            assert_eq!(a.items, b.items, "page {p}");
        }
        assert_eq!(joined.laid.headings, whole.laid.headings);
        assert_eq!(joined.laid.nodes, whole.laid.nodes);
        assert_eq!(joined.laid.tables, whole.laid.tables);
        assert!(joined.laid == whole.laid);
    }

    #[test]
    fn parts_laid_out_one_by_one_join_into_the_one_flow_layout() {
        let chart = chart();
        let charts = HashMap::from([("bars".to_string(), &chart)]);
        let parts = pack();
        let joined = lay_out(&parts, &charts, &[]).unwrap();
        let whole = one_flow(&parts, &charts).unwrap();
        assert_same(&joined, &whole);

        // The pack exercises what the join has to get right.
        let starts = &joined.starts;
        let part_of = |page: usize| starts.iter().rposition(|s| *s <= page).unwrap();
        assert_eq!(starts[1], starts[2], "the empty part shares its page");
        assert!(starts[3] > starts[2] + 2, "report A runs over pages");
        let laid = &joined.laid;
        assert!(
            laid.pages.last().is_some_and(|p| !p.items.is_empty()),
            "the trailing blank page went"
        );
        assert!(
            laid.tables
                .iter()
                .any(|t| t.len() > 1 && t[0].page > starts[2]),
            "report A's table is split over pages"
        );
        assert!(laid.nodes.iter().any(|n| n.bbox.is_some()), "a chart");
        let mut across = 0;
        for (p, page) in laid.pages.iter().enumerate() {
            for item in &page.items {
                if let Item::Link {
                    target: Target::Heading(h),
                    ..
                } = item
                {
                    let at = laid.headings[*h].as_ref().unwrap().page;
                    if part_of(at) != part_of(p) {
                        across += 1;
                    }
                }
            }
        }
        assert!(across >= 6, "links across parts: {across}");
        // Anchors are numbered across the pack, not per part.
        let b = headings::headings(&blocks::parse(&parts[3].markdown));
        assert_eq!(b.len(), 3);
        assert_eq!(joined.first_heading[3] + 3, joined.first_heading[4]);
    }

    #[test]
    fn a_new_cover_is_laid_out_alone_and_joins_as_one_flow() {
        let chart = chart();
        let charts = HashMap::from([("bars".to_string(), &chart)]);
        let parts = pack();
        let (cover, body) = parts.split_first().unwrap();
        let mut layout = PackLayout::new(cover, body, &charts, &[]).unwrap();

        // Longer by two pages or so, with the same headings: every later part moves down.
        let mut longer = parts.clone();
        longer[0].markdown.push_str(&paragraphs(60, "the cover"));
        layout.set_cover(&longer[0]).unwrap();
        let whole = one_flow(&longer, &charts).unwrap();
        assert!(whole.starts[2] > one_flow(&parts, &charts).unwrap().starts[2]);
        assert_eq!(
            layout.starts(),
            (whole.starts.clone(), whole.laid.pages.len())
        );

        // Other headings on the cover number (and anchor) the body's differently.
        let mut other = longer.clone();
        other[0].markdown = "# Findings\n\n## Report B\n\n## Extra\n\nText.\n".into();
        layout.set_cover(&other[0]).unwrap();
        let whole_other = one_flow(&other, &charts).unwrap();
        assert_eq!(whole_other.first_heading[2], 3);
        assert_same(&layout.join(), &whole_other);

        let mut layout = PackLayout::new(cover, body, &charts, &[]).unwrap();
        layout.set_cover(&longer[0]).unwrap();
        assert_same(&layout.join(), &whole);
    }

    #[test]
    fn layout_problems_are_reported_in_pack_order() {
        let charts = HashMap::new();
        let parts = vec![
            part("# Cover\n"),
            part("![A](charts/first.svg)\n"),
            part("Fine.\n"),
            part("![B](charts/second.svg)\n"),
        ];
        let err = lay_out(&parts, &charts, &[]).unwrap_err();
        assert_eq!(Err(err.clone()), one_flow(&parts, &charts).map(|_| ()));
        assert!(err.find("first").unwrap() < err.find("second").unwrap());
    }
}
