//! `cabinet pack`: the bundled agenda pack for the Cabinet meeting of 14 November 2016. The
//! agenda's page numbers are checked against where each item really starts (poppler's
//! `pdftotext`, page by page), the bookmarks against the agenda order (lopdf), and every
//! public output against the exempt report's text. Without poppler the text checks are
//! skipped with a note, except in CI (`CI` set), where they must run.

use crate::{cabinet, listing, Example};
use cabinet::pack::render::{render_pack, PackOutput};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;

const PACK: &str = "pack-2016-11-14.yaml";

/// Sentences that appear only in the exempt report (inputs/exempt-land-disposal.yaml).
const EXEMPT_TEXT: [&str; 4] = [
    "marsh-fritillary survey found no protected habitat",
    "The second-placed bidder offered £1.42m with no planning condition",
    "Holding costs of the empty site are about £60,000 a year",
    "conditional on planning consent for forty-two homes",
];

fn pdftotext(pdf: &Path, page: Option<usize>) -> Option<String> {
    let mut args: Vec<String> = vec!["-layout".into()];
    if let Some(p) = page {
        args.extend(["-f".into(), p.to_string(), "-l".into(), p.to_string()]);
    }
    args.push(pdf.to_string_lossy().into_owned());
    args.push("-".into());
    match Command::new("pdftotext").args(&args).output() {
        Ok(o) => Some(String::from_utf8_lossy(&o.stdout).into_owned()),
        Err(_) if std::env::var_os("CI").is_none() => {
            eprintln!("note: `pdftotext` not installed (apt-get install poppler-utils); PDF text checks skipped");
            None
        }
        Err(e) => panic!("`pdftotext` is needed in CI: {e}"),
    }
}

/// Checks the copy, renders its pack and writes the files to `<tmp>/output`.
fn render(ex: &Example) -> (PackOutput, PathBuf, cabinet::Checked) {
    let checked = ex.check();
    assert!(!checked.has_errors(), "{}", listing(&checked, &ex.dir()));
    assert_eq!(checked.workspace.packs.len(), 1);
    let pack = &checked.workspace.packs[0];
    let out = render_pack(&checked, pack, None, &mut |_| {}).expect("render pack");
    let dir = ex.tmp.path().join("output");
    for f in &out.files {
        let path = dir.join(&f.name);
        std::fs::create_dir_all(path.parent().expect("folder")).expect("output dir");
        std::fs::write(path, &f.bytes).expect("write");
    }
    (out, dir, checked)
}

/// Without whitespace: pdftotext breaks lines and pads columns wherever it likes.
fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn agenda_page_numbers_are_the_pages_where_items_start() {
    let ex = Example::all();
    let (out, dir, checked) = render(&ex);
    let pack = &checked.workspace.packs[0];
    // Items with a paper have a page; the others (apologies, declarations...) have none.
    for (item, page) in pack.items.iter().zip(&out.item_pages) {
        assert_eq!(
            item.report.is_some(),
            page.is_some(),
            "item {}",
            item.number
        );
    }
    let public = dir.join("pack-2016-11-14-public.pdf");
    let Some(agenda_text) = pdftotext(&dir.join("pack-2016-11-14-agenda.pdf"), None) else {
        return;
    };
    // The page printed at the end of each item's first agenda line.
    let mut printed: HashMap<String, usize> = HashMap::new();
    for line in agenda_text.lines() {
        let words: Vec<&str> = line.split_whitespace().collect();
        if words.len() < 3 {
            continue;
        }
        if let (Some(item), Ok(page)) = (
            pack.items.iter().find(|i| i.number == words[0]),
            words[words.len() - 1].parse::<usize>(),
        ) {
            printed.insert(item.number.clone(), page);
        }
    }
    for (item, page) in pack.items.iter().zip(&out.item_pages) {
        assert_eq!(
            printed.get(&item.number).copied(),
            *page,
            "agenda page of item {}\n{agenda_text}",
            item.number
        );
        let Some(p) = page else { continue };
        let text = pdftotext(&public, Some(*p)).expect("pdftotext");
        let header = format!("Item {} ·", item.number);
        assert!(
            text.contains(&header),
            "page {p} has no `{header}`:\n{text}"
        );
        assert!(
            squash(&text).contains(&squash(&item.title)) || text.contains("Not for publication"),
            "page {p} does not show item {}",
            item.number
        );
        let before = pdftotext(&public, Some(p - 1)).expect("pdftotext");
        assert!(
            !before.contains(&header),
            "item {} starts before page {p}",
            item.number
        );
    }
    // The public pack's own agenda prints the same numbers as the agenda front sheet.
    let public_agenda: String = (1..=out.agenda_pages)
        .map(|p| pdftotext(&public, Some(p)).expect("pdftotext"))
        .collect();
    assert_eq!(
        squash(&public_agenda)
            .replace("Page1", "")
            .replace("Page2", ""),
        squash(&agenda_text)
            .replace("Page1", "")
            .replace("Page2", "")
    );
    // Continuous numbering: the last page says so.
    let last = pdftotext(&public, Some(out.public_pages)).expect("pdftotext");
    assert!(last.contains(&format!("Page {}", out.public_pages)));
}

/// Decodes a PDF text string (PDFDocEncoding taken as Latin-1, or UTF-16BE with a BOM).
fn pdf_text(o: &lopdf::Object) -> String {
    let b = o.as_str().expect("string");
    if b.starts_with(&[0xfe, 0xff]) {
        let u: Vec<u16> = b[2..]
            .chunks(2)
            .map(|c| u16::from_be_bytes([c[0], c[1]]))
            .collect();
        String::from_utf16_lossy(&u)
    } else {
        b.iter().map(|&c| c as char).collect()
    }
}

/// The outline's top-level entries: title, page (1-based) and number of children.
fn bookmarks(pdf: &Path) -> Vec<(String, usize, usize)> {
    let doc = lopdf::Document::load(pdf).expect("load pdf");
    let pages: HashMap<lopdf::ObjectId, usize> = doc
        .get_pages()
        .into_iter()
        .map(|(n, id)| (id, n as usize))
        .collect();
    let catalog = doc.catalog().expect("catalog");
    let outlines = doc
        .get_dictionary(
            catalog
                .get(b"Outlines")
                .and_then(|o| o.as_reference())
                .expect("outline"),
        )
        .expect("outlines");
    let mut out = Vec::new();
    let mut next = outlines.get(b"First").and_then(|o| o.as_reference()).ok();
    while let Some(id) = next {
        let d = doc.get_dictionary(id).expect("entry");
        let title = pdf_text(d.get(b"Title").expect("title"));
        let dest = d.get(b"Dest").and_then(|o| o.as_array()).expect("dest");
        let page = pages[&dest[0].as_reference().expect("page ref")];
        let mut kids = 0;
        let mut k = d.get(b"First").and_then(|o| o.as_reference()).ok();
        while let Some(kid) = k {
            kids += 1;
            k = doc
                .get_dictionary(kid)
                .expect("kid")
                .get(b"Next")
                .and_then(|o| o.as_reference())
                .ok();
        }
        out.push((title, page, kids));
        next = d.get(b"Next").and_then(|o| o.as_reference()).ok();
    }
    out
}

#[test]
fn bookmarks_follow_the_agenda_with_report_sections_nested() {
    let ex = Example::all();
    let (out, dir, checked) = render(&ex);
    let pack = &checked.workspace.packs[0];
    let marks = bookmarks(&dir.join("pack-2016-11-14-public.pdf"));
    let mut expected = vec![("Front sheet and agenda".to_string(), 1)];
    for (item, page) in pack.items.iter().zip(&out.item_pages) {
        if let Some(p) = page {
            expected.push((format!("Item {}: {}", item.number, item.title), *p));
        }
    }
    let got: Vec<(String, usize)> = marks.iter().map(|m| (m.0.clone(), m.1)).collect();
    assert_eq!(got, expected);
    // The MTFS report (item 6) has its sections under its bookmark; the exempt notice none.
    assert!(marks[1].2 >= 5, "{marks:?}");
    assert_eq!(marks.last().map(|m| m.2), Some(0));
}

#[test]
fn no_exempt_text_in_any_public_output() {
    let ex = Example::all();
    let (_, dir, _) = render(&ex);
    let exempt_pdf = dir.join("exempt/pack-2016-11-14-exempt.pdf");
    let mut public: Vec<(String, String)> = Vec::new();
    let mut stack = vec![dir.clone()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).expect("read output") {
            let path = e.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
            } else if path != exempt_pdf {
                let text = if path.extension().is_some_and(|e| e == "pdf") {
                    match pdftotext(&path, None) {
                        Some(t) => t,
                        None => continue,
                    }
                } else if path.extension().is_some_and(|e| e == "docx") {
                    crate::docx::text_of(&path)
                } else {
                    std::fs::read_to_string(&path).expect("text output")
                };
                public.push((path.display().to_string(), squash(&text)));
            }
        }
    }
    assert!(public.iter().any(|(p, _)| p.ends_with("-index.html")));
    for sentence in EXEMPT_TEXT {
        for (path, text) in &public {
            assert!(
                !text.contains(&squash(sentence)),
                "`{sentence}` is in {path}"
            );
        }
    }
    // The exempt pack does hold them (so the check above is not vacuous), under its header.
    if let Some(text) = pdftotext(&exempt_pdf, None) {
        for sentence in EXEMPT_TEXT {
            assert!(
                squash(&text).contains(&squash(sentence)),
                "`{sentence}` missing"
            );
        }
        assert!(text.contains("NOT FOR PUBLICATION"));
    }
    // The index lists the exempt item by title and paragraph only.
    let index = std::fs::read_to_string(dir.join("pack-2016-11-14-index.html")).expect("index");
    assert!(index.contains("Disposal of Land at Riverside Depot"));
    assert!(index.contains("paragraph 3 of Part 1 of Schedule 12A"));
    assert!(!index.contains("exempt-land-disposal.html"));
    assert!(index.contains("href=\"report.html\""));
}

#[test]
fn build_keeps_exempt_reports_apart() {
    let ex = Example::all();
    let run = cabinet(ex.tmp.path(), &["build", "--quiet"]);
    run.assert_code(0);
    let out = ex.tmp.path().join("output");
    assert!(!out.join("exempt-land-disposal.pdf").exists());
    assert!(!out.join("exempt-land-disposal.html").exists());
    assert!(out.join("exempt/exempt-land-disposal.pdf").exists());
    assert!(out.join("report.pdf").exists());
}

#[test]
fn supplementary_items_leave_the_main_pack_numbering_unchanged() {
    let ex = Example::all();
    let (before, _, _) = render(&ex);
    // A late report, added after the pack was published.
    let late = std::fs::read_to_string(ex.file("budget-monitoring-2016-09.yaml"))
        .expect("read")
        .replace(
            "title: September Financial Monitoring Report 2016/17",
            "title: Revised Capital Programme 2016/17",
        );
    std::fs::write(ex.file("late.yaml"), late).expect("write");
    ex.plant(
        PACK,
        "  - number: 8\n",
        "  - number: 7a\n    title: Revised Capital Programme 2016/17\n    report: late.yaml\n    supplementary: true\n  - number: 8\n",
    );
    let (after, dir, checked) = render(&ex);
    let pack = &checked.workspace.packs[0];
    let late_at = pack
        .items
        .iter()
        .position(|i| i.number == "7a")
        .expect("7a");
    let mut kept = after.item_pages.clone();
    kept.remove(late_at);
    assert_eq!(kept, before.item_pages, "main pack renumbered");
    assert_eq!(after.public_pages, before.public_pages);
    assert_eq!(after.item_pages[late_at], None);
    assert_eq!(after.supplementary_item_pages[late_at], Some(2));
    let supp = dir.join("pack-2016-11-14-supplementary.pdf");
    assert!(supp.exists());
    if let Some(agenda) = pdftotext(&dir.join("pack-2016-11-14-agenda.pdf"), None) {
        let line = agenda
            .lines()
            .find(|l| l.trim_start().starts_with("7a "))
            .expect("7a listed");
        assert!(squash(line).ends_with("tofollow"), "{line}");
        let p2 = pdftotext(&supp, Some(2)).expect("pdftotext");
        assert!(
            p2.contains("Item 7a ·") && p2.contains("Supplementary page 2"),
            "{p2}"
        );
        let p1 = pdftotext(&supp, Some(1)).expect("pdftotext");
        assert!(p1.contains("Supplementary page 2"), "{p1}");
    }
}

#[test]
fn pack_output_is_deterministic() {
    let ex = Example::all();
    let (a, _, _) = render(&ex);
    let (b, _, _) = render(&ex);
    assert_eq!(a.files.len(), b.files.len());
    for (x, y) in a.files.iter().zip(&b.files) {
        assert_eq!(x.name, y.name);
        assert!(x.bytes == y.bytes, "{} differs between runs", x.name);
    }
}

/// What `check` prints about the pack file, one line each.
fn pack_lines(ex: &Example) -> Vec<String> {
    crate::errors::short(&ex.check(), &ex.dir())
        .into_iter()
        .filter(|l| l.starts_with(PACK))
        .collect()
}

#[test]
fn pack_file_problems_are_located() {
    // Three independent slips in the bundled pack, each told once at its place.
    let ex = Example::all();
    ex.plant(PACK, "report: report.yaml", "report: nosuch.yaml")
        .plant(PACK, "exempt: { paragraph: 3 }", "exempt: { paragraph: 9 }")
        .plant(PACK, "  - number: 2\n", "  - number: 1\n");
    assert_eq!(
        pack_lines(&ex),
        [
            "pack-2016-11-14.yaml:37:13: error[E0501]: two agenda items are numbered `1`",
            "pack-2016-11-14.yaml:51:13: error[E0502]: there is no file `nosuch.yaml`",
            "pack-2016-11-14.yaml:61:13: error[E0503]: paragraph 9 is not a paragraph of Schedule 12A",
        ]
    );

    // An exempt report listed as a public item is refused.
    let ex = Example::all();
    ex.plant(PACK, "    exempt: { paragraph: 3 }\n", "");
    assert_eq!(
        pack_lines(&ex),
        ["pack-2016-11-14.yaml:60:13: error[E0504]: the report `exempt-land-disposal.yaml` is exempt, but item 9 is not"]
    );
}

#[test]
fn pack_command_writes_every_output_and_a_summary() {
    let ex = Example::all();
    let run = cabinet(ex.tmp.path(), &["pack"]);
    run.assert_code(0);
    for name in [
        "pack-2016-11-14-agenda.pdf",
        "pack-2016-11-14-public.pdf",
        "exempt/pack-2016-11-14-exempt.pdf",
        "pack-2016-11-14-index.html",
    ] {
        assert!(ex.tmp.path().join("output").join(name).exists(), "{name}");
    }
    assert!(!ex
        .tmp
        .path()
        .join("output/pack-2016-11-14-supplementary.pdf")
        .exists());
    assert!(run.stderr.contains("9 item(s)"), "{}", run.stderr);
    assert!(run.stderr.contains("public pack"), "{}", run.stderr);
    // Unchanged on a second run.
    let again = cabinet(ex.tmp.path(), &["pack", "inputs/pack-2016-11-14.yaml"]);
    again.assert_code(0);
    assert!(
        again.stderr.contains("0 file(s) written"),
        "{}",
        again.stderr
    );
}

#[test]
fn the_example_pack_validates_against_its_json_schema() {
    let schema: serde_json::Value =
        serde_json::from_str(&cabinet::scaffold::schema_for_kind("pack").expect("pack schema"))
            .expect("json");
    let v = jsonschema::validator_for(&schema).expect("schema compiles");
    let text = std::fs::read_to_string(crate::example_dir().join(PACK)).expect("read");
    let doc: serde_json::Value = serde_saphyr::from_str(&text).expect("yaml");
    let errors: Vec<String> = v.iter_errors(&doc).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:?}");
    let mut bad = doc.clone();
    bad["items"][0]["exempt_typo"] = serde_json::json!(1);
    assert!(v.iter_errors(&bad).count() >= 1, "unknown keys are refused");
}

/// The front sheet and the meeting's index page are templates like every page: a templates
/// folder given to the build replaces them, and a replacement that writes script is refused.
#[test]
fn the_front_sheet_and_index_come_from_templates_that_can_be_replaced() {
    let ex = Example::all();
    let checked = ex.check();
    let pack = &checked.workspace.packs[0];
    let dir = ex.tmp.path().join("house-templates");
    std::fs::create_dir_all(&dir).expect("templates dir");
    let built_in = |name: &str| {
        cabinet::render::templates::BUILT_IN
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, t)| t.to_string())
            .expect("built-in template")
    };
    let front = built_in("pack-front.md.tera").replace(
        "**{{ authority }}**",
        "**{{ authority }}**\n\nPrinted on recycled paper.",
    );
    let index = built_in("pack-index.html.tera")
        .replace("<main>", "<main><p class=\"house\">House style index</p>");
    std::fs::write(dir.join("pack-front.md.tera"), front).expect("front");
    std::fs::write(dir.join("pack-index.html.tera"), &index).expect("index");
    let out = render_pack(&checked, pack, Some(&dir), &mut |_| {}).expect("render pack");
    let page = out
        .files
        .iter()
        .find(|f| f.name.ends_with("-index.html"))
        .expect("index page");
    let page = String::from_utf8(page.bytes.clone()).expect("utf-8");
    assert!(page.contains("House style index"), "{page}");
    let pdf = out
        .files
        .iter()
        .find(|f| f.name.ends_with("-public.pdf"))
        .expect("public pack");
    let path = ex.tmp.path().join("public.pdf");
    std::fs::write(&path, &pdf.bytes).expect("write pdf");
    if let Some(text) = pdftotext(&path, Some(1)) {
        assert!(squash(&text).contains("Printedonrecycledpaper."), "{text}");
    }

    let hostile = index.replace("<main>", "<main><script>alert(1)</script>");
    std::fs::write(dir.join("pack-index.html.tera"), hostile).expect("index");
    let err = match render_pack(&checked, pack, Some(&dir), &mut |_| {}) {
        Ok(_) => panic!("a template writing script must be refused"),
        Err(e) => e.to_string(),
    };
    assert!(err.contains("pack-index.html.tera"), "{err}");
    assert!(err.to_lowercase().contains("script"), "{err}");
}
