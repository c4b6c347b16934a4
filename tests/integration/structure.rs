//! The PDF/UA-1 rules a machine can check, held on every bundled report and on the agenda
//! pack, by reading each PDF back (`tagged.rs`): every table equals its HTML table cell by
//! cell, headers included; the structure of tables, lists and the contents list is what
//! ISO 14289-1 7.2 allows; headings do not skip a level; every marked-content id is in the
//! structure tree once and every one in the tree is in the content; links carry their text
//! and their annotation; figures have alternative text; notes have unique IDs; no `.notdef`
//! glyph is shown and every glyph maps to Unicode; the catalog and XMP claim PDF/UA-1.

use crate::tagged::{html_tables, xmp, Kid, Table, Tagged};
use crate::{cabinet, Example};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

/// Every bundled report built by the binary into `<tmp>/out`: (PDF, its HTML page) pairs.
fn build_all(ex: &Example) -> Vec<(PathBuf, PathBuf)> {
    let out = ex.tmp.path().join("out");
    cabinet(
        ex.tmp.path(),
        &[
            "build",
            "inputs",
            "--output",
            out.to_str().expect("utf-8 path"),
        ],
    )
    .assert_code(0);
    let mut pairs = Vec::new();
    for dir in [out.clone(), out.join("exempt")] {
        for entry in std::fs::read_dir(&dir).expect("output dir") {
            let path = entry.expect("entry").path();
            if path.extension().is_some_and(|e| e == "pdf") {
                pairs.push((path.clone(), path.with_extension("html")));
            }
        }
    }
    pairs.sort();
    pairs
}

/// The agenda pack of the bundled meeting, built by the binary: its PDFs and the HTML pages
/// of the reports it carries.
fn build_pack(ex: &Example) -> (Vec<PathBuf>, Vec<PathBuf>) {
    let out = ex.tmp.path().join("pack");
    cabinet(
        ex.tmp.path(),
        &[
            "pack",
            "inputs/pack-2016-11-14.yaml",
            "--inputs",
            "inputs",
            "--output",
            out.to_str().expect("utf-8 path"),
        ],
    )
    .assert_code(0);
    let (mut pdfs, mut pages) = (Vec::new(), Vec::new());
    for entry in std::fs::read_dir(&out).expect("pack dir") {
        let path = entry.expect("entry").path();
        match path.extension().and_then(|e| e.to_str()) {
            Some("pdf") => pdfs.push(path),
            Some("html") if !path.to_string_lossy().ends_with("-index.html") => pages.push(path),
            _ => {}
        }
    }
    // The exempt pack and papers are kept apart, and held to the same rules.
    if let Ok(exempt) = std::fs::read_dir(out.join("exempt")) {
        for entry in exempt {
            let path = entry.expect("entry").path();
            if path.extension().is_some_and(|e| e == "pdf") {
                pdfs.push(path);
            }
        }
    }
    pdfs.sort();
    pages.sort();
    (pdfs, pages)
}

/// Where two tables differ, cell by cell (empty when they are the same).
fn table_differences(what: &str, pdf: &Table, html: &Table) -> Vec<String> {
    let mut out = Vec::new();
    if pdf.caption != html.caption {
        out.push(format!(
            "{what}: caption {:?} in the PDF, {:?} in the HTML",
            pdf.caption, html.caption
        ));
    }
    if pdf.rows.len() != html.rows.len() {
        out.push(format!(
            "{what}: {} rows in the PDF, {} in the HTML",
            pdf.rows.len(),
            html.rows.len()
        ));
    }
    for (r, (p, h)) in pdf.rows.iter().zip(&html.rows).enumerate() {
        if p.len() != h.len() {
            out.push(format!(
                "{what}, row {r}: {} cells in the PDF, {} in the HTML",
                p.len(),
                h.len()
            ));
        }
        for (c, (pc, hc)) in p.iter().zip(h).enumerate() {
            if pc != hc {
                out.push(format!(
                    "{what}, row {r}, cell {c}: PDF {pc:?}, HTML {hc:?}"
                ));
            }
        }
    }
    out
}

fn read(path: &Path) -> Tagged {
    Tagged::load(&std::fs::read(path).expect("read pdf"))
}

#[test]
fn every_table_of_every_bundled_report_is_tagged_as_its_html_table_cell_by_cell() {
    let ex = Example::all();
    let pairs = build_all(&ex);
    assert!(pairs.len() >= 7, "{pairs:?}");
    let mut tables = 0;
    let mut problems = Vec::new();
    for (pdf, html) in &pairs {
        let name = pdf
            .file_name()
            .expect("name")
            .to_string_lossy()
            .into_owned();
        let tagged = read(pdf).tables();
        let page_html = std::fs::read_to_string(html).expect("html page");
        // A chart is a figure, never titled as a table ("Table 1: …").
        assert!(
            !page_html.contains("-title\">Table "),
            "{name}: a chart titled as a table"
        );
        assert!(
            !page_html.contains("<figcaption><strong>Table "),
            "{name}: a chart captioned as a table"
        );
        let page = html_tables(&page_html);
        if tagged.len() != page.len() {
            problems.push(format!(
                "{name}: {} tables in the PDF, {} in the HTML",
                tagged.len(),
                page.len()
            ));
        }
        for (i, (p, h)) in tagged.iter().zip(&page).enumerate() {
            problems.extend(table_differences(&format!("{name}, table {}", i + 1), p, h));
            // What the rules ask of every table, whatever the HTML says.
            assert!(
                h.caption.as_deref().is_some_and(|c| !c.is_empty()),
                "{name} table {}: no caption",
                i + 1
            );
            for row in &h.rows {
                for cell in row {
                    assert!(
                        cell.kind == "td" || !cell.text.is_empty(),
                        "{name} table {}: empty header cell",
                        i + 1
                    );
                }
            }
        }
        tables += page.len();
    }
    assert!(
        problems.is_empty(),
        "{} differences:\n{}",
        problems.len(),
        problems.join("\n")
    );
    // The MTFS report alone has 77 tables.
    assert!(tables > 100, "{tables}");
}

#[test]
fn the_pack_carries_each_report_s_tables_as_its_html_page_does() {
    let ex = Example::all();
    let (pdfs, pages) = build_pack(&ex);
    let public = pdfs
        .iter()
        .find(|p| p.to_string_lossy().ends_with("-public.pdf"))
        .expect("public pack");
    let tagged = read(public).tables();
    assert!(!pages.is_empty());
    // In pack order: the items' pages sorted by where their first table is.
    let mut pages: Vec<(usize, Vec<Table>, &PathBuf)> = pages
        .iter()
        .map(|p| {
            let html = html_tables(&std::fs::read_to_string(p).expect("page"));
            let first = html
                .first()
                .and_then(|h| tagged.iter().position(|t| t == h))
                .unwrap_or(usize::MAX);
            (first, html, p)
        })
        .collect();
    pages.sort_by_key(|p| p.0);
    let mut from = 0;
    for (_, html, page) in &pages {
        assert!(!html.is_empty());
        // The report's tables appear in the pack, in order and unchanged.
        let at = (from..tagged.len())
            .find(|&i| tagged[i..].len() >= html.len() && tagged[i..i + html.len()] == html[..])
            .unwrap_or_else(|| {
                let i = (from..tagged.len())
                    .find(|&i| tagged[i].caption == html[0].caption)
                    .unwrap_or_else(|| {
                        panic!(
                            "{}'s first table {:?} is not in the pack",
                            page.display(),
                            html[0].caption
                        )
                    });
                let diff: Vec<String> = tagged[i..]
                    .iter()
                    .zip(html)
                    .enumerate()
                    .flat_map(|(k, (p, h))| table_differences(&format!("table {}", k + 1), p, h))
                    .collect();
                panic!(
                    "{}'s tables are not in the pack as in its page:\n{}",
                    page.display(),
                    diff.join("\n")
                )
            });
        from = at + html.len();
    }
}

/// Every problem with the PDF/UA-1 rules this test can check on one file.
pub fn pdf_ua_problems(t: &Tagged) -> Vec<String> {
    let mut out = Vec::new();
    let catalog = t.doc.catalog().expect("catalog");
    if catalog.get(b"Lang").is_err() {
        out.push("7.2: no /Lang in the catalog".into());
    }
    let mark = catalog.get(b"MarkInfo").ok().map(|m| t.resolve(m));
    if !mark
        .and_then(|m| m.as_dict().ok())
        .is_some_and(|m| m.get(b"Marked").and_then(|v| v.as_bool()).unwrap_or(false))
    {
        out.push("6.2: /MarkInfo /Marked is not true".into());
    }
    let prefs = catalog.get(b"ViewerPreferences").ok().map(|m| t.resolve(m));
    if !prefs.and_then(|m| m.as_dict().ok()).is_some_and(|m| {
        m.get(b"DisplayDocTitle")
            .and_then(|v| v.as_bool())
            .unwrap_or(false)
    }) {
        out.push("7.1-10: DisplayDocTitle is not true".into());
    }
    let x = xmp(t);
    if !x.contains("<pdfuaid:part>1</pdfuaid:part>") {
        out.push("5-1/5-2: the XMP does not say pdfuaid:part 1".into());
    }
    if !x.contains(
        "<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>",
    ) {
        out.push("5: the XMP has no extension schema for pdfuaid".into());
    }
    if !x.contains("<dc:title>") {
        out.push("7.1-9: no dc:title in the XMP".into());
    }

    let role = |e: usize| t.elems[e].role.as_str();
    let kid_roles = |e: usize| -> Vec<&str> { t.children(e).into_iter().map(role).collect() };
    let mut headings: Vec<u8> = Vec::new();
    let mut note_ids = HashSet::new();
    for e in t.walk() {
        let kids = kid_roles(e);
        let parent = t.elems[e].parent.map(role).unwrap_or("");
        match role(e) {
            "Table" => {
                let body: Vec<&str> = kids.iter().copied().filter(|k| *k != "Caption").collect();
                let caption_ok = kids.iter().filter(|k| **k == "Caption").count() <= 1
                    && kids
                        .iter()
                        .position(|k| *k == "Caption")
                        .is_none_or(|i| i == 0 || i + 1 == kids.len());
                if !caption_ok
                    || body
                        .iter()
                        .any(|k| !["TR", "THead", "TBody", "TFoot"].contains(k))
                {
                    out.push(format!("7.2-3: Table kids {kids:?}"));
                }
                if body.iter().filter(|k| **k == "THead").count() > 1 {
                    out.push("7.2-11: more than one THead".into());
                }
                if body.contains(&"THead") && !body.contains(&"TBody") {
                    out.push("7.2-14: a THead without a TBody".into());
                }
                // Regular rows: every row has as many cells as the first (no spans are made).
                let rows: Vec<usize> = t
                    .children(e)
                    .into_iter()
                    .flat_map(|p| {
                        if role(p) == "TR" {
                            vec![p]
                        } else {
                            t.children(p)
                        }
                    })
                    .filter(|r| role(*r) == "TR")
                    .collect();
                let widths: HashSet<usize> = rows.iter().map(|r| t.children(*r).len()).collect();
                if widths.len() > 1 {
                    out.push(format!("7.2-42: rows of different lengths {widths:?}"));
                }
            }
            "THead" | "TBody" | "TFoot" => {
                if parent != "Table" {
                    out.push(format!("7.2-5/6/7: {} under {parent}", role(e)));
                }
                if kids.iter().any(|k| *k != "TR") {
                    out.push(format!("7.2-36/37/38: {} kids {kids:?}", role(e)));
                }
            }
            "TR" => {
                if !["Table", "THead", "TBody", "TFoot"].contains(&parent) {
                    out.push(format!("7.2-4: TR under {parent}"));
                }
                if kids.iter().any(|k| *k != "TH" && *k != "TD") {
                    out.push(format!("7.2-10: TR kids {kids:?}"));
                }
            }
            "TH" | "TD" => {
                if parent != "TR" {
                    out.push(format!("7.2-8/9: {} under {parent}", role(e)));
                }
                if role(e) == "TH" && t.elems[e].scope.is_none() {
                    out.push("7.5: a TH without /Scope".into());
                }
            }
            "L" if kids
                .iter()
                .enumerate()
                .any(|(i, k)| !(["L", "LI"].contains(k) || (*k == "Caption" && i == 0))) =>
            {
                out.push(format!("7.2-19: L kids {kids:?}"))
            }
            "LI" => {
                if parent != "L" {
                    out.push(format!("7.2-17: LI under {parent}"));
                }
                if kids.iter().any(|k| *k != "Lbl" && *k != "LBody") {
                    out.push(format!("7.2-20: LI kids {kids:?}"));
                }
            }
            "LBody" if parent != "LI" => out.push(format!("7.2-18: LBody under {parent}")),
            "TOC"
                if kids.iter().enumerate().any(|(i, k)| {
                    !(["TOC", "TOCI"].contains(k) || (*k == "Caption" && i == 0))
                }) =>
            {
                out.push(format!("7.2-27: TOC kids {kids:?}"))
            }
            "TOCI" if parent != "TOC" => out.push(format!("7.2-26: TOCI under {parent}")),
            "Figure"
                if t.elems[e]
                    .alt
                    .as_deref()
                    .is_none_or(|a| a.trim().is_empty()) =>
            {
                out.push("7.3: a Figure without /Alt".into())
            }
            "Note" => match &t.elems[e].id {
                Some(id) if !id.is_empty() => {
                    if !note_ids.insert(id.clone()) {
                        out.push(format!("7.9-2: Note ID {id} twice"));
                    }
                }
                _ => out.push("7.9-1: a Note without /ID".into()),
            },
            "Link" => {
                let objr = t.elems[e]
                    .kids
                    .iter()
                    .filter(|k| matches!(k, Kid::Objr(_)))
                    .count();
                if objr == 0 {
                    out.push("7.18.5: a Link element without its annotation".into());
                }
                if t.text_of(e).trim().is_empty() {
                    out.push("7.18.5: a Link element without its text".into());
                }
            }
            r if r.len() == 2 && r.starts_with('H') => {
                let level = r.as_bytes()[1] - b'0';
                if headings.last().is_some_and(|l| level > l + 1)
                    || (headings.is_empty() && level != 1)
                {
                    out.push(format!("7.4.2: H{level} after {:?}", headings.last()));
                }
                if t.text_of(e).trim().is_empty() {
                    out.push(format!("7.4: an empty {r}"));
                }
                headings.push(level);
            }
            _ => {}
        }
    }

    // Every MCID in the content is in the tree exactly once, and every one in the tree is
    // in the content (nothing read twice, nothing skipped, nothing pointing nowhere).
    let mut in_tree: HashMap<(usize, i64), usize> = HashMap::new();
    for e in &t.elems {
        for k in &e.kids {
            if let Kid::Mcid { page, mcid } = k {
                *in_tree.entry((*page, *mcid)).or_default() += 1;
            }
        }
    }
    let mut in_content = HashSet::new();
    for (p, mcids) in t.content_mcids.iter().enumerate() {
        for m in mcids {
            if !in_content.insert((p, *m)) {
                out.push(format!("page {}: MCID {m} twice in the content", p + 1));
            }
            match in_tree.get(&(p, *m)) {
                Some(1) => {}
                Some(n) => out.push(format!("page {}: MCID {m} in the tree {n} times", p + 1)),
                None => out.push(format!("page {}: MCID {m} not in the tree", p + 1)),
            }
        }
    }
    for key in in_tree.keys() {
        if !in_content.contains(key) {
            out.push(format!(
                "page {}: MCID {} in the tree but not in the content",
                key.0 + 1,
                key.1
            ));
        }
    }
    if !t.unmarked.is_empty() {
        out.push(format!(
            "7.1-3: text neither tagged nor an artifact: {:?}",
            t.unmarked
        ));
    }

    // Annotations: every link is owned by a Link element and says what it is.
    let owned: HashSet<lopdf::ObjectId> = t
        .elems
        .iter()
        .filter(|e| e.role == "Link")
        .flat_map(|e| e.kids.iter())
        .filter_map(|k| match k {
            Kid::Objr(id) => Some(*id),
            _ => None,
        })
        .collect();
    for page in &t.pages {
        let d = t.dict(*page);
        let annots = match d.get(b"Annots").map(|a| t.resolve(a)) {
            Ok(lopdf::Object::Array(a)) => a.clone(),
            _ => Vec::new(),
        };
        if !annots.is_empty()
            && d.get(b"Tabs").ok().and_then(|v| v.as_name().ok()) != Some(b"S".as_slice())
        {
            out.push("7.18.3: a page with annotations lacks /Tabs /S".into());
        }
        for a in annots {
            let id = a.as_reference().expect("annotation reference");
            if !owned.contains(&id) {
                out.push(format!(
                    "7.18.5-1: annotation {id:?} is not in a Link element"
                ));
            }
            let contents = t
                .dict(id)
                .get(b"Contents")
                .map(crate::tagged::text_string)
                .unwrap_or_default();
            if contents.trim().is_empty() {
                out.push(format!("7.18.5-2: annotation {id:?} has no /Contents"));
            }
        }
    }

    // Fonts: every one embedded; no .notdef shown; every glyph shown maps to Unicode.
    for (_, obj) in t.doc.objects.iter() {
        if let Ok(d) = obj.as_dict() {
            if d.get(b"Type").ok().and_then(|v| v.as_name().ok())
                == Some(b"FontDescriptor".as_slice())
                && d.get(b"FontFile2").is_err()
                && d.get(b"FontFile3").is_err()
            {
                out.push("7.21.4.1: a font is not embedded".into());
            }
        }
    }
    if t.notdef > 0 {
        out.push(format!("7.21.8: {} .notdef glyph(s) shown", t.notdef));
    }
    if !t.unmapped.is_empty() {
        out.push(format!(
            "7.21.7: glyphs with no Unicode value: {:?}",
            &t.unmapped[..t.unmapped.len().min(5)]
        ));
    }
    out
}

#[test]
fn every_bundled_pdf_and_the_pack_keep_the_checkable_pdf_ua_rules() {
    let ex = Example::all();
    let mut files: Vec<PathBuf> = build_all(&ex).into_iter().map(|(pdf, _)| pdf).collect();
    files.extend(build_pack(&ex).0);
    assert!(files.len() >= 10, "{files:?}");
    let mut problems = Vec::new();
    for f in &files {
        for p in pdf_ua_problems(&read(f)) {
            problems.push(format!(
                "{}: {p}",
                f.file_name().expect("name").to_string_lossy()
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
