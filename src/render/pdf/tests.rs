//! Tests of the whole PDF renderer: pagination of long tables, determinism, and a smoke test
//! through `pdftotext` (skipped when poppler is not installed).

use super::layout::{Item, BOTTOM, TOP};
use super::paint::Used;
use super::*;
use crate::model::Date;
use std::collections::HashMap;

pub fn meta() -> PdfMeta {
    PdfMeta {
        title: "Medium Term Financial Strategy – Update".into(),
        author: "Anne Ellis".into(),
        subject: "Cabinet report".into(),
        keywords: vec!["MTFS".into(), "investment".into()],
        lang: "en-GB".into(),
        date: Date {
            year: 2016,
            month: 11,
            day: 14,
        },
        header_left: "Cabinet and Commissioners’ Decision Making Meeting".into(),
        header_right: "14 November 2016 · Item 7".into(),
        fonts: Vec::new(),
    }
}

/// A financial table of 8 columns and `rows` rows, every tenth a bold total.
pub fn big_table(rows: usize) -> String {
    let mut s = String::from("Table: Table 9: Programme by line (£m)\n\n| Line | 2016/17 | 2017/18 | 2018/19 | 2019/20 | 2020/21 | Cumulative | Payback |\n|:--|--:|--:|--:|--:|--:|--:|--:|\n");
    for i in 0..rows {
        let v = |k: usize| {
            let x = ((i * 37 + k * 11) % 2000) as f64 / 1000.0;
            if (i + k).is_multiple_of(3) {
                format!("({x:.3})")
            } else {
                format!("{x:.3}")
            }
        };
        if i % 10 == 9 {
            s.push_str(&format!("| **Subtotal {i}** | **{}** | **{}** | **{}** | **{}** | **{}** | **{}** | **Year 2** |\n", v(1), v(2), v(3), v(4), v(5), v(6)));
        } else {
            let label = if i % 7 == 3 {
                format!("Line {i}: a longer description that must wrap inside its cell")
            } else {
                format!("Line {i}")
            };
            s.push_str(&format!(
                "| {label} | {} | {} | {} | {} | {} | {} | |\n",
                v(1),
                v(2),
                v(3),
                v(4),
                v(5),
                v(6)
            ));
        }
    }
    s
}

/// Every text item inside the margins, and no two on one baseline overlapping.
fn check_geometry(laid: &layout::Laid) {
    let fonts = fonts::fonts().unwrap();
    for page in &laid.pages {
        // No two pieces of text on one baseline overlap.
        let mut runs: Vec<(f32, f32, f32)> = page
            .items
            .iter()
            .filter_map(|i| match i {
                Item::Text {
                    x,
                    y,
                    face,
                    size,
                    text,
                    ..
                } => Some((*y, *x, x + fonts.width(*face, *size, text.trim_end()))),
                _ => None,
            })
            .collect();
        runs.sort_by(|a, b| (a.0, a.1).partial_cmp(&(b.0, b.1)).unwrap());
        for w in runs.windows(2) {
            if (w[0].0 - w[1].0).abs() < 0.01 {
                assert!(w[0].2 <= w[1].1 + 0.01, "overlap at y {}: {:?}", w[0].0, w);
            }
        }
        for item in &page.items {
            if let Item::Text {
                x,
                y,
                face,
                size,
                text,
                ..
            } = item
            {
                let w = fonts.width(*face, *size, text.trim_end());
                assert!(
                    *x >= layout::LEFT - 20.0 && x + w <= layout::RIGHT + 0.5,
                    "{text:?} at {x}+{w}"
                );
                assert!(*y > 0.0 && *y < layout::PAGE_H, "{text:?} at y {y}");
            }
        }
    }
}

fn no_charts() -> HashMap<String, &'static crate::chart::Chart> {
    HashMap::new()
}

#[test]
fn a_200_row_table_repeats_its_header_and_never_splits_a_row() {
    let md = format!(
        "# Title\n\n## Figures\n\nIntro.\n\n{}\n\nAfter.\n",
        big_table(200)
    );
    let charts = no_charts();
    let laid = lay_out(&md, &meta(), &charts).unwrap();
    let chunks = &laid.tables[0];
    assert!(chunks.len() >= 5, "{} pages", chunks.len());
    let rows: Vec<usize> = chunks.iter().flat_map(|c| c.rows.iter().copied()).collect();
    assert_eq!(
        rows,
        (0..200).collect::<Vec<_>>(),
        "every row once, in order"
    );
    for (k, c) in chunks.iter().enumerate() {
        assert!(!c.rows.is_empty());
        // The header row heads every page, above the first row.
        assert!(c.header.1 > c.header.0, "page {k}: no header");
        assert!((c.spans[0].0 - c.header.1).abs() < 0.01);
        for (top, bottom) in &c.spans {
            assert!(
                *top >= TOP - 0.01 && *bottom <= BOTTOM + 0.01,
                "row outside the body: {top}..{bottom}"
            );
        }
        // The header text is drawn on that page.
        let texts: Vec<&str> = laid.pages[c.page]
            .items
            .iter()
            .filter_map(|i| match i {
                Item::Text { text, y, .. } if *y > c.header.0 && *y < c.header.1 => {
                    Some(text.as_str())
                }
                _ => None,
            })
            .collect();
        assert!(texts.contains(&"Cumulative"), "page {}: {texts:?}", c.page);
        if k > 0 {
            assert_eq!(c.page, chunks[k - 1].page + 1);
        }
    }
}

#[test]
fn nothing_is_drawn_outside_the_margins() {
    let word = "x".repeat(300);
    let md = format!(
        "# T\n\n## A\n\n{word} and text.\n\n- item {word}\n\n> {word}\n\n{}\n",
        big_table(30)
    );
    let charts = no_charts();
    let laid = lay_out(&md, &meta(), &charts).unwrap();
    check_geometry(&laid);
}

#[test]
fn headings_keep_with_next_and_paragraphs_avoid_widows() {
    // Fill most of a page, then a heading that would be stranded at its foot.
    let filler = "Words in a line of ordinary report prose. ".repeat(14);
    let mut md = String::from("# T\n\n");
    for _ in 0..5 {
        md.push_str(&format!("{filler}\n\n"));
    }
    md.push_str("## Stranded?\n\n");
    md.push_str(&format!("{}\n", filler.repeat(3)));
    let charts = no_charts();
    let laid = lay_out(&md, &meta(), &charts).unwrap();
    let h = laid
        .headings
        .iter()
        .flatten()
        .find(|h| h.text == "Stranded?")
        .unwrap();
    // Whatever page it is on, at least two lines of its paragraph follow it there.
    let after = laid.pages[h.page]
        .items
        .iter()
        .filter(|i| matches!(i, Item::Text { y, size, .. } if *y > h.y + 20.0 && (*size - 10.5).abs() < 0.01))
        .count();
    assert!(
        after >= 2,
        "heading on page {} is followed by {after} line(s)",
        h.page
    );
    // No page holds a single line of body text at its top or foot from a split paragraph.
    for page in &laid.pages {
        let body: Vec<f32> = page
            .items
            .iter()
            .filter_map(|i| match i {
                Item::Text { y, size, .. } if (*size - 10.5).abs() < 0.01 => Some(*y),
                _ => None,
            })
            .collect();
        let mut ys = body.clone();
        ys.dedup();
        assert!(
            ys.is_empty() || ys.len() >= 2,
            "a page with a single body line"
        );
    }
}

#[test]
fn two_renders_are_byte_identical() {
    let md = format!("# Title\n\n## One\n\nText with [a link](https://example.org) and [a cross-reference](#two).\n\n## Two\n\n### Sub\n\n{}\n", big_table(40));
    let charts = no_charts();
    let a = render(&md, &meta(), &charts).unwrap();
    let b = render(&md, &meta(), &charts).unwrap();
    assert!(a.starts_with(b"%PDF-1.7"));
    assert!(a == b, "renders differ");
    let c = render(&md.replace("Sub", "Subsection"), &meta(), &charts).unwrap();
    assert!(a != c);
}

fn example() -> Option<(String, Vec<crate::chart::Chart>, String)> {
    let inputs = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("inputs");
    let checked = crate::check_inputs(&[inputs]);
    // The 2016 MTFS report (inputs/ also holds the agenda pack's other reports).
    let ws = &checked.workspace;
    let id = ws
        .papers()
        .find(|&id| matches!(id, crate::model::PaperId::Report(i) if !ws.reports[i].initiatives.is_empty()))?;
    let route = crate::render::Route::of(ws, &checked.sources, id);
    let prepared = crate::render::prepare(ws, id, &route, None).ok()?;
    let (md, charts, slug) = (prepared.markdown, prepared.charts, route.slug);
    Some((md, charts, slug))
}

fn chart_map<'a>(
    charts: &'a [crate::chart::Chart],
    slug: &str,
) -> HashMap<String, &'a crate::chart::Chart> {
    charts
        .iter()
        .map(|c| (crate::render::view::chart_key(slug, c), c))
        .collect()
}

fn pdftotext(pdf: &[u8], layout: bool) -> Option<String> {
    let dir = tempfile::tempdir().ok()?;
    let path = dir.path().join("t.pdf");
    std::fs::write(&path, pdf).ok()?;
    let mut cmd = std::process::Command::new("pdftotext");
    if layout {
        cmd.arg("-layout");
    }
    let out = cmd.arg(&path).arg("-").output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

#[test]
fn smoke_the_example_report_through_pdftotext() {
    let Some((md, charts, slug)) = example() else {
        panic!("the example report did not render");
    };
    let map = chart_map(&charts, &slug);
    check_geometry(&lay_out(&md, &meta(), &map).unwrap());
    let pdf = render(&md, &meta(), &map).unwrap();
    assert!(pdf.starts_with(b"%PDF"));
    let Some(text) = pdftotext(&pdf, false) else {
        eprintln!("pdftotext is not installed: text check skipped");
        return;
    };
    assert!(text.contains("Medium Term Financial Strategy"), "no title");
    assert!(text.contains("2. Background"), "no heading");
    assert!(text.contains("Contents"));
    let chart = charts.first().expect("a chart");
    let caption_start: String = chart.title.chars().take(30).collect();
    assert!(
        text.contains(&caption_start),
        "no figure caption {caption_start:?}"
    );
    assert!(text.contains("Page 1 of"));
}

/// Writes the example report and a long-table sample to /tmp/pdf for inspection:
/// `cargo test --lib render::pdf::tests::write_samples -- --ignored --nocapture`.
#[test]
#[ignore]
fn write_samples() {
    std::fs::create_dir_all("/tmp/pdf").unwrap();
    let (md, charts, slug) = example().unwrap();
    let map = chart_map(&charts, &slug);
    let t = std::time::Instant::now();
    let pdf = render(&md, &meta(), &map).unwrap();
    eprintln!("example: {} bytes in {:?}", pdf.len(), t.elapsed());
    for (tagged, subset) in [(false, true), (true, false), (false, false)] {
        let o = Options { tagged, subset };
        let n = render_with(&md, &meta(), &map, o).unwrap().0.len();
        eprintln!("example with {o:?}: {n} bytes");
    }
    std::fs::write("/tmp/pdf/example.pdf", &pdf).unwrap();
    std::fs::write("/tmp/pdf/example.md", &md).unwrap();

    let doc = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/input-format.md"))
        .unwrap();
    let doc = doc.replacen("# Input format", "## Input format", 1);
    let sample = format!(
        "# Sample report: layout stress test\n\n## 1. Summary\n\nThis sample mixes **bold**, *italic*, `code`, ~~struck~~ text, a [link](https://example.org/a/very/long/path/that/might/need/breaking) and a cross-reference to [the appendix](#appendix-1-big-table). Unicode: “quotes”, en–dash, £1.5m, −0.165, café.\n\n1. First point\n2. Second point with a nested list:\n   - nested bullet\n   - another, with a long line that wraps around onto the next line of the page to check the hanging indent\n3. Third\n\n> A block quote that runs over more than one line, to show the rule at its left and how it is indented from the text around it.\n\n<div class=\"x\">Raw <b>HTML</b> stays text.</div>\n\nA word of 300 characters: {}\n\n{}\n\n<!-- cabinet:pagebreak -->\n\n## Appendix 1: Big table\n\n{}\n",
        "w".repeat(300),
        doc,
        big_table(200)
    );
    let t = std::time::Instant::now();
    let pdf = render(&sample, &meta(), &map).unwrap();
    eprintln!("sample: {} bytes in {:?}", pdf.len(), t.elapsed());
    std::fs::write("/tmp/pdf/sample.pdf", &pdf).unwrap();
}

#[test]
fn catalog_outline_metadata_and_links() {
    use lopdf::{Document, Object};
    let md = "# Title\n\n## One\n\nSee [the web](https://example.org) and [two](#two).\n\n### One A\n\n### One B\n\n## Two\n\nText.\n";
    let charts = no_charts();
    let pdf = render(md, &meta(), &charts).unwrap();
    let doc = Document::load_mem(&pdf).unwrap();
    let catalog = doc.catalog().unwrap();
    let string = |o: &Object| match o {
        Object::String(b, _) if b.starts_with(&[0xfe, 0xff]) => String::from_utf16(
            &b[2..]
                .chunks(2)
                .map(|c| u16::from_be_bytes([c[0], c[1]]))
                .collect::<Vec<_>>(),
        )
        .unwrap(),
        Object::String(b, _) => String::from_utf8(b.clone()).unwrap(),
        other => panic!("not a string: {other:?}"),
    };
    assert_eq!(string(catalog.get(b"Lang").unwrap()), "en-GB");
    assert_eq!(
        catalog.get(b"PageMode").unwrap().as_name().unwrap(),
        b"UseOutlines"
    );
    let prefs = doc
        .dereference(catalog.get(b"ViewerPreferences").unwrap())
        .unwrap()
        .1
        .as_dict()
        .unwrap();
    assert!(prefs.get(b"DisplayDocTitle").unwrap().as_bool().unwrap());
    assert!(catalog.get(b"StructTreeRoot").is_ok());

    let info_ref = doc.trailer.get(b"Info").unwrap().as_reference().unwrap();
    let info = doc.get_dictionary(info_ref).unwrap();
    assert_eq!(string(info.get(b"Title").unwrap()), meta().title);
    assert_eq!(
        string(info.get(b"CreationDate").unwrap()),
        "D:20161114000000Z"
    );
    assert_eq!(string(info.get(b"Keywords").unwrap()), "MTFS; investment");

    // Outline: One (One A, One B), Two — document order, nested.
    let outlines = doc
        .get_dictionary(catalog.get(b"Outlines").unwrap().as_reference().unwrap())
        .unwrap();
    let item = |id: lopdf::ObjectId| doc.get_dictionary(id).unwrap();
    let first = item(outlines.get(b"First").unwrap().as_reference().unwrap());
    assert_eq!(string(first.get(b"Title").unwrap()), "One");
    let kid = item(first.get(b"First").unwrap().as_reference().unwrap());
    assert_eq!(string(kid.get(b"Title").unwrap()), "One A");
    let kid2 = item(kid.get(b"Next").unwrap().as_reference().unwrap());
    assert_eq!(string(kid2.get(b"Title").unwrap()), "One B");
    let second = item(first.get(b"Next").unwrap().as_reference().unwrap());
    assert_eq!(string(second.get(b"Title").unwrap()), "Two");
    assert!(second.get(b"Next").is_err());

    // Links: the URI, the cross-reference, and the contents entries (GoTo).
    let page = doc.get_pages()[&1];
    let annots = doc
        .get_dictionary(page)
        .unwrap()
        .get(b"Annots")
        .unwrap()
        .as_array()
        .unwrap()
        .clone();
    let kinds: Vec<Vec<u8>> = annots
        .iter()
        .map(|a| {
            let d = doc.dereference(a).unwrap().1.as_dict().unwrap();
            let action = d.get(b"A").unwrap().as_dict().unwrap();
            action.get(b"S").unwrap().as_name().unwrap().to_vec()
        })
        .collect();
    assert!(kinds.iter().any(|k| k == b"URI"));
    assert!(
        kinds.iter().filter(|k| *k == b"GoTo").count() >= 3,
        "{kinds:?}"
    );
}

#[test]
fn hostile_input_stays_inside_the_page() {
    let mut md = String::from("# T\n\n");
    for d in 0..40 {
        md.push_str(&format!(
            "{}- level {d} {}\n",
            "  ".repeat(d),
            "word ".repeat(d)
        ));
    }
    md.push('\n');
    md.push_str(&format!("{}deep quote\n\n", "> ".repeat(40)));
    md.push_str("Control \u{7}chars\u{0} and \u{202e}bidi and emoji 😀 and CJK 漢字.\n\n");
    md.push_str("| a |\n|---|\n| **only** |\n\n| | | | | | | | | | | | | | |\n|-|-|-|-|-|-|-|-|-|-|-|-|-|-|\n| 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10 | 11 | 12 | 13 | 14 |\n\n");
    md.push_str("<script>alert(1)</script>\n\n![](charts/../../etc/passwd.svg)\n\n[x](javascript:alert(1))\n");
    let charts = no_charts();
    let laid = lay_out(&md, &meta(), &charts).unwrap();
    let fonts = fonts::fonts().unwrap();
    for page in &laid.pages {
        for item in &page.items {
            if let Item::Text {
                x,
                face,
                size,
                text,
                ..
            } = item
            {
                let w = fonts.width(*face, *size, text.trim_end());
                assert!(
                    *x >= layout::LEFT - 20.0 && x + w <= layout::RIGHT + 0.5,
                    "{text:?} at {x}+{w}"
                );
            }
        }
    }
    assert!(render(&md, &meta(), &charts).is_ok());
    assert!(render("", &meta(), &charts).unwrap().starts_with(b"%PDF"));
}

#[test]
fn a_heading_never_ends_a_page_above_its_table_or_list() {
    let charts = no_charts();
    for n in 0..45 {
        let mut md = String::from("# T\n\n");
        for i in 0..n {
            md.push_str(&format!("Paragraph {i} of filler text.\n\n"));
        }
        md.push_str("### Investment Bid\n\n| Item | Details |\n| :--- | :--- |\n| Title | Edge of Care |\n| Area | Children |\n\n");
        md.push_str("The staffing implications are:\n\n- one\n- two\n");
        let laid = lay_out(&md, &meta(), &charts).unwrap();
        let h = laid
            .headings
            .iter()
            .flatten()
            .find(|h| h.text == "Investment Bid")
            .unwrap();
        assert_eq!(
            h.page,
            laid.tables[0][0].page,
            "with {n} paragraphs the heading is on page {}",
            h.page + 1
        );
        // The lead-in paragraph shares a page with the first list item.
        let page_of = |needle: &str| {
            laid.pages
                .iter()
                .position(|p| {
                    p.items
                        .iter()
                        .any(|i| matches!(i, Item::Text { text, .. } if text.trim() == needle))
                })
                .unwrap()
        };
        assert_eq!(
            page_of("The staffing implications are:"),
            page_of("one"),
            "with {n} paragraphs"
        );
    }
}

#[test]
fn the_document_id_follows_every_input() {
    let charts = no_charts();
    let md = "# Title\n\nSome text of more than eight bytes.\n";
    let id = document_id(md, &meta(), &charts);
    assert_eq!(id, document_id(md, &meta(), &charts), "deterministic");
    let mut seen = vec![id];
    // One byte changed anywhere, a byte moved between fields, or any metadata field changed:
    // a different ID every time.
    for (i, c) in md.char_indices() {
        if c.is_ascii_alphabetic() {
            let mut edited = md.to_string();
            edited.replace_range(i..i + 1, if c == 'x' { "y" } else { "x" });
            seen.push(document_id(&edited, &meta(), &charts));
        }
    }
    let mut m = meta();
    m.title.push('!');
    seen.push(document_id(md, &m, &charts));
    let mut m = meta();
    m.header_left = format!("{}{}", m.header_left, m.header_right);
    m.header_right.clear();
    seen.push(document_id(md, &m, &charts));
    let mut m = meta();
    m.date.day += 1;
    seen.push(document_id(md, &m, &charts));
    let n = seen.len();
    seen.sort();
    seen.dedup();
    assert_eq!(seen.len(), n, "every change gives a new ID");
}

/// The document laid out by one flow through all its blocks (as before reports were laid out
/// in parts split at page breaks): what [`lay_out`]'s joined parts must equal.
fn one_flow(markdown: &str, charts: &HashMap<String, &crate::chart::Chart>) -> layout::Laid {
    let fonts = fonts::fonts().unwrap();
    let blocks = report_blocks(markdown);
    let mut flow = layout::Flow::new(fonts, charts, &blocks);
    flow.blocks(&blocks, layout::LEFT, layout::RIGHT - layout::LEFT, 0);
    assert!(flow.errors.is_empty(), "{:?}", flow.errors);
    if flow.out.pages.len() > 1 && flow.out.pages.last().is_some_and(|p| p.items.is_empty()) {
        flow.out.pages.pop();
    }
    furniture::furnish(
        &mut flow.out,
        fonts,
        &meta().header_left,
        &meta().header_right,
    );
    flow.out
}

fn assert_same_layout(joined: &layout::Laid, whole: &layout::Laid, what: &str) {
    assert_eq!(joined.pages.len(), whole.pages.len(), "{what}: pages");
    for (p, (a, b)) in joined.pages.iter().zip(&whole.pages).enumerate() {
        assert_eq!(a.items, b.items, "{what}: page {p}");
    }
    assert_eq!(joined.headings, whole.headings, "{what}: headings");
    assert_eq!(joined.nodes, whole.nodes, "{what}: structure");
    assert_eq!(joined.tables, whole.tables, "{what}: tables");
    assert!(joined == whole, "{what}");
}

#[test]
fn a_report_laid_out_in_parts_at_its_page_breaks_is_laid_out_as_one_flow() {
    use blocks::PAGE_BREAK;
    let para = |n: usize| -> String {
        (0..n)
            .map(|i| format!("Paragraph {i}: the committee is asked to note the position set out here, which wraps over several lines of the column.\n\n"))
            .collect()
    };
    let cases = [
        // Links across the break both ways, a table split over pages, a heading and a
        // lead-in just before the break (they look ahead at it), a break on a fresh page
        // (two in a row), a break at the very end.
        format!(
            "# Report\n\n## Before\n\nSee [the appendix](#appendix) below.\n\n{}\n{}\n\n## Ending on a heading\n\n{PAGE_BREAK}\n\n## Appendix\n\nBack to [before](#before).\n\n{}As follows:\n\n{PAGE_BREAK}\n\n{PAGE_BREAK}\n\n## Last\n\n{}\n\n{PAGE_BREAK}\n",
            para(30),
            big_table(70),
            para(12),
            para(3)
        ),
        // A break as the very first block and no break at all.
        format!("{PAGE_BREAK}\n\n# Report\n\n{}", para(5)),
        format!("# Report\n\n## Only\n\n{}", para(60)),
    ];
    let charts = no_charts();
    for (k, md) in cases.iter().enumerate() {
        let joined = lay_out(md, &meta(), &charts).unwrap();
        assert_same_layout(&joined, &one_flow(md, &charts), &format!("case {k}"));
    }
    // The bundled MTFS report: 69 pages, the appendix after a page break.
    if let Some((md, charts, slug)) = example() {
        assert!(md.contains(PAGE_BREAK));
        let charts = chart_map(&charts, &slug);
        let joined = lay_out(&md, &meta(), &charts).unwrap();
        assert!(joined.pages.len() > 60);
        assert_same_layout(&joined, &one_flow(&md, &charts), "example");
    }
}

#[test]
fn pages_painted_on_two_cores_are_painted_as_in_one_pass() {
    // The bundled MTFS report (69 pages with charts) is large enough to be split.
    let (md, charts, slug) = example().expect("the bundled example renders");
    let charts = chart_map(&charts, &slug);
    let laid = lay_out(&md, &meta(), &charts).unwrap();
    let items: usize = laid.pages.iter().map(|p| p.items.len()).sum();
    assert!(items >= emit::SPLIT_ITEMS, "{items} items: not split");
    let fonts = fonts::fonts().unwrap();
    let split = emit::pages(&laid, fonts, &charts, true).unwrap();
    let whole = emit::paint_range(&laid, fonts, &charts, true, 0..laid.pages.len()).unwrap();
    assert_eq!(split.pages.len(), whole.pages.len());
    for (p, (a, b)) in split.pages.iter().zip(&whole.pages).enumerate() {
        assert!(a.content == b.content, "page {p}: content");
        assert_eq!(
            format!("{:?}", a.annots),
            format!("{:?}", b.annots),
            "page {p}"
        );
    }
    assert_eq!(split.marks.mcids, whole.marks.mcids);
    assert_eq!(split.marks.links, whole.marks.links);
    assert_eq!(
        split.used.0, whole.used.0,
        "glyphs and the characters they stand for"
    );
    // And glyphs first met in the second half keep their first character there too.
    let mut first = Used(vec![Vec::new(); 2]);
    let mut second = Used(vec![Vec::new(); 2]);
    first.0[0] = vec![0, 66, 0];
    second.0[0] = vec![65, 67, 68];
    second.0[1] = vec![0, 69];
    first.merge(second);
    assert_eq!(first.0[0], vec![65, 66, 68]);
    assert_eq!(first.0[1], vec![0, 69]);
}

/// A table of `years` year columns of figures in the thousands, with a label and a total.
pub fn wide_table(years: usize) -> String {
    let mut s = String::from("Table: Programme in the thousands (£m)\n\n| £m |");
    for y in 0..years {
        s.push_str(&format!(" {}/{:02} |", 2016 + y, (17 + y) % 100));
    }
    s.push_str(" Cumulative |\n|:--|");
    s.push_str(&"--:|".repeat(years + 1));
    s.push('\n');
    for (label, neg) in [
        ("Investment", false),
        ("Gross saving", true),
        ("**Net**", false),
    ] {
        s.push_str(&format!("| {label} |"));
        for y in 0..=years {
            let v = format!(
                "{},{:03}.{:03}",
                1 + y % 9,
                (y * 137) % 1000,
                (y * 71) % 1000
            );
            s.push_str(&if neg {
                format!(" ({v}) |")
            } else {
                format!(" {v} |")
            });
        }
        s.push('\n');
    }
    s
}

/// Writes wide tables and long headings to /tmp/pdf/wide.pdf for inspection:
/// `cargo test --lib render::pdf::tests::write_wide -- --ignored --nocapture`.
#[test]
#[ignore]
fn write_wide() {
    std::fs::create_dir_all("/tmp/pdf").unwrap();
    let heading: String = "Long heading words ".repeat(27);
    let md = format!(
        "# Title\n\n## 1. Seven years\n\n{}\n\n## 2. Six years\n\n{}\n\n## 3. Two hundred years\n\n{}\n\n## {}\n\nText.\n\n## {}\n\nText.\n",
        wide_table(7),
        wide_table(6),
        wide_table(200),
        heading.trim(),
        "x".repeat(500)
    );
    let pdf = render(&md, &meta(), &no_charts()).unwrap();
    std::fs::write("/tmp/pdf/wide.pdf", &pdf).unwrap();
    std::fs::write("/tmp/pdf/wide.md", &md).unwrap();
}

#[test]
fn a_table_too_wide_for_the_page_splits_its_columns_and_never_breaks_a_figure() {
    let charts = no_charts();
    for years in [7, 12, 200] {
        let md = format!("# T\n\n## Figures\n\n{}\n", wide_table(years));
        let laid = lay_out(&md, &meta(), &charts).unwrap();
        check_geometry(&laid);
        assert!(laid.warnings.is_empty(), "{:?}", laid.warnings);
        // Several groups of columns, each its own run of chunks.
        assert!(
            laid.tables.len() >= 2,
            "{years} years: {} groups",
            laid.tables.len()
        );
        // Every figure is drawn whole, on one line.
        let drawn: std::collections::HashSet<String> = laid
            .pages
            .iter()
            .flat_map(|p| p.items.iter())
            .filter_map(|i| match i {
                Item::Text { text, .. } => Some(text.trim().to_string()),
                _ => None,
            })
            .collect();
        let table = blocks::parse(&wide_table(years));
        let Some(blocks::Block::Table(t)) = table.first() else {
            panic!("a table")
        };
        for row in &t.rows {
            for cell in &row[1..] {
                let text = measure::plain_text(cell);
                assert!(drawn.contains(text.trim()), "{years} years: {text} broken");
            }
        }
        // The row headers are repeated beside every group, as artifacts: the structure has
        // one Investment row header.
        let headers = laid
            .pages
            .iter()
            .flat_map(|p| p.items.iter())
            .filter(|i| matches!(i, Item::Text { text, .. } if text.trim() == "Investment"))
            .collect::<Vec<_>>();
        assert_eq!(headers.len(), laid.tables.len());
        let tagged = headers
            .iter()
            .filter(|i| matches!(i, Item::Text { node: Some(_), .. }))
            .count();
        assert_eq!(tagged, 1);
    }
    // A figure wider than the page beside its row headers breaks, and is reported.
    let md = format!(
        "Table: Too wide\n\n| Line | Huge |\n|:--|--:|\n| A | {} |\n",
        "9".repeat(120)
    );
    let laid = lay_out(&md, &meta(), &charts).unwrap();
    assert_eq!(
        laid.warnings,
        ["the table `Too wide` has a column `Huge` too wide for the page even beside its row headers alone, so its figures are broken across lines"]
    );
}

#[test]
fn a_heading_taller_than_a_page_goes_on_over_the_next_and_never_over_the_footer() {
    let md = format!("# T\n\n## {}\n\nText.\n", "word ".repeat(1200));
    let charts = no_charts();
    let laid = lay_out(&md, &meta(), &charts).unwrap();
    check_geometry(&laid);
    for page in &laid.pages {
        for item in &page.items {
            if let Item::Text {
                y, node: Some(_), ..
            } = item
            {
                assert!(*y <= BOTTOM + 0.01, "text at {y}, below {BOTTOM}");
            }
        }
    }
    assert!(laid.pages.len() >= 3);
}
