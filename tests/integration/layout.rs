//! The PDF's layout as a reader sees it (poppler's `pdftotext -bbox`, every word with its
//! box), on a report built to strain it (`tests/fixtures/wide`): seven years of figures in
//! the thousands, a 500-character heading, a 120-character word and a long e-mail address.
//! No figure is broken across lines, no word lies outside the margins or runs into the
//! footer, and nothing is cut off. On a machine without poppler-utils the test says so and
//! passes, except in CI (`CI` set), where it must run.

use crate::repo;
use crate::tagged::{html_tables, Tagged};
use std::collections::HashSet;
use std::process::Command;

/// A word of the PDF: page (0-based), box (x0, y0, x1, y1) from the top-left, text.
struct Word {
    page: usize,
    x0: f32,
    y0: f32,
    x1: f32,
    y1: f32,
    text: String,
}

fn attr(tag: &str, name: &str) -> f32 {
    let at = tag.find(&format!("{name}=\"")).expect("attribute") + name.len() + 2;
    let end = tag[at..].find('"').expect("attribute end") + at;
    tag[at..end].parse().expect("a number")
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// Each page's width and height.
type Sizes = Vec<(f32, f32)>;

/// Every word of `pdf` with its box, and each page's size, from `pdftotext -bbox`.
fn words(pdf: &std::path::Path) -> Option<(Vec<Word>, Sizes)> {
    let out = match Command::new("pdftotext")
        .args(["-bbox", &pdf.to_string_lossy(), "-"])
        .output()
    {
        Ok(o) => String::from_utf8_lossy(&o.stdout).into_owned(),
        Err(_) if std::env::var_os("CI").is_none() => {
            eprintln!("note: `pdftotext` not installed (apt-get install poppler-utils); layout checks skipped");
            return None;
        }
        Err(e) => panic!("`pdftotext` is needed in CI: {e}"),
    };
    let mut words = Vec::new();
    let mut pages = Vec::new();
    for line in out.lines() {
        let line = line.trim();
        if line.starts_with("<page ") {
            pages.push((attr(line, "width"), attr(line, "height")));
        } else if line.starts_with("<word ") {
            let text_at = line.find('>').expect("word tag") + 1;
            let text_end = line.rfind("</word>").expect("word end");
            words.push(Word {
                page: pages.len() - 1,
                x0: attr(line, "xMin"),
                y0: attr(line, "yMin"),
                x1: attr(line, "xMax"),
                y1: attr(line, "yMax"),
                text: unescape(&line[text_at..text_end]),
            });
        }
    }
    Some((words, pages))
}

#[test]
fn seven_years_of_thousands_and_a_500_character_heading_stay_whole_and_inside_the_page() {
    let tmp = tempfile::TempDir::new().expect("temp dir");
    let out = tmp.path().join("out");
    let fixture = repo().join("tests/fixtures/wide");
    crate::cabinet(
        tmp.path(),
        &[
            "build",
            fixture.to_str().expect("utf-8"),
            "--output",
            out.to_str().expect("utf-8"),
        ],
    )
    .assert_code(0);
    let pdf = out.join("report.pdf");
    let html = std::fs::read_to_string(out.join("report.html")).expect("html");

    // The table structure still equals the HTML's, split columns and all, and the PDF keeps
    // the PDF/UA rules.
    let read = Tagged::load(&std::fs::read(&pdf).expect("pdf"));
    assert_eq!(
        crate::structure::pdf_ua_problems(&read),
        Vec::<String>::new()
    );
    let tagged = read.tables();
    let page = html_tables(&html);
    assert_eq!(tagged, page);

    let Some((words, pages)) = words(&pdf) else {
        return;
    };
    // Margins: 22 mm left and right, and nothing of the body below 22 mm from the foot of
    // the page, where only the footer ("Page N of M") is.
    let mm = 72.0 / 25.4;
    let texts: HashSet<&str> = words.iter().map(|w| w.text.as_str()).collect();
    for w in &words {
        let (pw, ph) = pages[w.page];
        assert!(
            w.x0 >= 22.0 * mm - 0.5 && w.x1 <= pw - 22.0 * mm + 0.5,
            "page {}: `{}` runs outside the margins ({}–{})",
            w.page + 1,
            w.text,
            w.x0,
            w.x1
        );
        let footer = w.y0 > ph - 22.0 * mm;
        if footer {
            assert!(
                ["Page", "of"].contains(&w.text.as_str()) || w.text.parse::<usize>().is_ok(),
                "page {}: `{}` is drawn in the footer",
                w.page + 1,
                w.text
            );
        } else {
            assert!(
                w.y1 <= ph - 22.0 * mm + 0.5,
                "page {}: `{}` runs into the footer",
                w.page + 1,
                w.text
            );
        }
    }
    // No figure broken across lines: every figure of every table is one word of the PDF.
    let mut figures = 0;
    for table in &page {
        for row in &table.rows {
            for cell in row {
                let t = cell.text.trim();
                if t.chars().any(|c| c.is_ascii_digit())
                    && t.chars().all(|c| c.is_ascii_digit() || "(),.-".contains(c))
                {
                    figures += 1;
                    assert!(texts.contains(t), "the figure {t} is broken across lines");
                }
            }
        }
    }
    assert!(figures > 100, "{figures}");
    assert!(
        texts.contains("(1,108.766)") && texts.contains("31,964.194"),
        "the computed totals are printed"
    );
    // Nothing cut off: the long heading, word and e-mail address are all there, in order.
    let all: String = words.iter().map(|w| w.text.as_str()).collect();
    let heading: String = ("A very long heading that keeps going ".repeat(14)[..500])
        .split_whitespace()
        .collect();
    assert!(all.contains(&heading), "the 500-character heading is cut");
    assert!(
        all.contains(&"Supercalifragilistic".repeat(6)),
        "the long word is cut"
    );
    assert!(
        all.contains("children.and.young.peoples.services.finance.team@rotherham-metropolitan-borough.example.gov.uk"),
        "the e-mail address is cut"
    );
}

#[test]
fn a_column_too_wide_for_the_page_even_alone_is_reported_by_the_build() {
    let tmp = tempfile::TempDir::new().expect("temp dir");
    let inputs = tmp.path().join("inputs");
    std::fs::create_dir_all(inputs.join("initiatives")).expect("dirs");
    let fixture = repo().join("tests/fixtures/wide");
    for f in ["report.yaml", "initiatives/cyps-1.yaml"] {
        std::fs::copy(fixture.join(f), inputs.join(f)).expect("copy");
    }
    let report = std::fs::read_to_string(inputs.join("report.yaml")).expect("report");
    let huge = "9".repeat(120);
    let report = report.replace(
        "    More text after the long heading.\n",
        &format!("    More text after the long heading.\n\n    Table: Huge figures\n\n    | Line | Amount |\n    |:--|--:|\n    | A | {huge} |\n"),
    );
    std::fs::write(inputs.join("report.yaml"), report).expect("write");
    let run = crate::cabinet(
        tmp.path(),
        &["build", "inputs", "--output", "out", "--quiet"],
    );
    run.assert_code(0);
    assert_eq!(
        run.stderr,
        "warning[W0901]: report.pdf: the table `Huge figures` has a column `Amount` too wide for the page even beside its row headers alone, so its figures are broken across lines\n"
    );
}
