//! The Word file of the bundled MTFS report, read back: the package parts, reproducible
//! bytes, headings and tables as the PDF's blocks have them, and every chart's picture.

use crate::render::pdf::{plain_text, report_blocks, Block};
use crate::render::{Formats, Rendered};
use std::io::Read;

/// The MTFS report (the one with initiatives) rendered as Markdown and Word.
fn mtfs() -> Rendered {
    let inputs = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("inputs");
    let checked = crate::check_inputs(&[inputs]);
    let k = checked
        .workspace
        .reports
        .iter()
        .position(|r| !r.initiatives.is_empty())
        .expect("the MTFS report");
    let only = Formats {
        md: true,
        html: false,
        pdf: false,
        docx: true,
    };
    crate::render::render_paper_in(&checked, crate::model::PaperId::Report(k), None, None, only)
        .expect("render")
}

fn file<'a>(r: &'a Rendered, ext: &str) -> &'a [u8] {
    &r.files
        .iter()
        .find(|a| a.name.ends_with(ext))
        .expect(ext)
        .bytes
}

fn part(docx: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).expect("a zip");
    let mut text = String::new();
    zip.by_name(name)
        .expect(name)
        .read_to_string(&mut text)
        .expect("UTF-8");
    text
}

/// The text of every `<w:t>` between `from` and `to` in `xml`, as one string.
fn texts(xml: &str) -> String {
    let mut out = String::new();
    for piece in xml.split("<w:t xml:space=\"preserve\">").skip(1) {
        let end = piece.find("</w:t>").unwrap_or(piece.len());
        out.push_str(
            &piece[..end]
                .replace("&amp;", "&")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\""),
        );
    }
    out
}

#[test]
fn the_same_report_gives_the_same_bytes_with_fixed_dates() {
    let (a, b) = (mtfs(), mtfs());
    assert_eq!(file(&a, ".docx"), file(&b, ".docx"));
    let docx = file(&a, ".docx");
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).expect("a zip");
    for i in 0..zip.len() {
        let entry = zip.by_index(i).expect("entry");
        let t = entry.last_modified().expect("a date");
        assert_eq!(
            (t.year(), t.month(), t.day(), t.hour(), t.minute()),
            (1980, 1, 1, 0, 0),
            "{}",
            entry.name()
        );
    }
}

#[test]
fn headings_and_tables_follow_the_pdfs_blocks() {
    let r = mtfs();
    let md = String::from_utf8(file(&r, ".md").to_vec()).expect("UTF-8");
    let doc = part(file(&r, ".docx"), "word/document.xml");
    let blocks = report_blocks(&md);
    // Every heading, in order, with its Word heading style.
    let want: Vec<String> = crate::render::pdf::headings(&blocks)
        .into_iter()
        .map(|(_, level, text, _)| format!("Heading{level}:{text}"))
        .collect();
    let got: Vec<String> = doc
        .split("<w:pStyle w:val=\"Heading")
        .skip(1)
        .map(|p| {
            let level = &p[..1];
            let end = p.find("</w:p>").unwrap_or(p.len());
            format!("Heading{level}:{}", texts(&p[..end]))
        })
        .collect();
    assert_eq!(got, want);
    // As many tables, each with one repeated header row, every row kept whole.
    let tables = blocks
        .iter()
        .filter(|b| matches!(b, Block::Table(_)))
        .count();
    assert!(tables > 30, "{tables} tables");
    assert_eq!(doc.matches("<w:tbl>").count(), tables);
    assert_eq!(doc.matches("<w:tblHeader/>").count(), tables);
    assert_eq!(
        doc.matches("<w:tr>").count(),
        doc.matches("<w:cantSplit/>").count()
    );
    // Every figure of every table is in the Word text, in table order.
    let all = texts(&doc);
    let mut at = 0;
    for b in &blocks {
        let Block::Table(t) = b else { continue };
        for row in &t.rows {
            for cell in row {
                let text = plain_text(cell);
                if text.is_empty() {
                    continue;
                }
                let found = all[at..].find(&text);
                assert!(found.is_some(), "`{text}` missing after byte {at}");
                at += found.unwrap_or(0);
            }
        }
    }
}

#[test]
fn the_document_follows_the_schema_order_word_insists_on() {
    let r = mtfs();
    let docx = file(&r, ".docx");
    for name in [
        "word/document.xml",
        "word/styles.xml",
        "word/numbering.xml",
        "word/header1.xml",
    ] {
        assert_eq!(
            super::styles::order::misplaced(&part(docx, name)),
            Vec::<String>::new(),
            "{name}"
        );
    }
}

#[test]
fn every_chart_is_a_png_with_alternative_text() {
    let r = mtfs();
    let docx = file(&r, ".docx");
    let doc = part(docx, "word/document.xml");
    let md = String::from_utf8(file(&r, ".md").to_vec()).expect("UTF-8");
    let figures = md.matches("](charts/").count();
    assert_eq!(figures, 20);
    assert_eq!(doc.matches("<wp:docPr ").count(), figures);
    for pr in doc.split("<wp:docPr ").skip(1) {
        let descr = pr
            .split("descr=\"")
            .nth(1)
            .and_then(|d| d.split('"').next())
            .unwrap_or("");
        assert!(descr.len() > 40, "short alt text: {descr}");
    }
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).expect("a zip");
    let pngs: Vec<String> = zip
        .file_names()
        .filter(|n| n.starts_with("word/media/"))
        .map(str::to_string)
        .collect();
    assert_eq!(pngs.len(), figures);
    let mut png = Vec::new();
    zip.by_name(&pngs[0])
        .expect("png")
        .read_to_end(&mut png)
        .expect("read");
    assert!(png.starts_with(b"\x89PNG"));
    // Print resolution: three times the 480 px design width.
    assert_eq!(
        u32::from_be_bytes([png[16], png[17], png[18], png[19]]),
        1440
    );
}

#[test]
fn properties_header_and_footer_come_from_the_report() {
    let r = mtfs();
    let docx = file(&r, ".docx");
    let core = part(docx, "docProps/core.xml");
    assert!(
        core.contains("<dc:title>Medium Term Financial Strategy (MTFS) Update Report</dc:title>")
    );
    assert!(core.contains("<dc:language>en-GB</dc:language>"));
    assert!(core.contains("2016-11-14T00:00:00Z"));
    assert!(core.contains("<dc:creator>Anne Ellis"));
    let header = part(docx, "word/header1.xml");
    assert!(header.contains("Cabinet"));
    assert!(header.contains("14 November 2016"));
    let footer = part(docx, "word/footer1.xml");
    assert!(footer.contains(" PAGE </w:instrText>"));
    assert!(footer.contains(" NUMPAGES </w:instrText>"));
    let doc = part(docx, "word/document.xml");
    assert!(doc.contains("<w:pgSz w:w=\"11906\" w:h=\"16838\"/>"));
    let styles = part(docx, "word/styles.xml");
    assert!(styles.contains("<w:lang w:val=\"en-GB\""));
    assert!(styles.contains("<w:name w:val=\"heading 1\"/>"));
}
