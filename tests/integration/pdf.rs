//! The example's PDF checked by structure and extracted text with poppler's tools
//! (`pdfinfo`, `pdffonts`, `pdftotext`), as a reader's software sees it. On a machine without
//! poppler-utils the test says so and passes, except in CI (`CI` set), where it must run.

use crate::Example;
use cabinet::model::PaperId;
use cabinet::render::render_paper;
use std::process::Command;

fn tool(name: &str, args: &[&str]) -> Option<String> {
    match Command::new(name).args(args).output() {
        Ok(o) => Some(String::from_utf8_lossy(&o.stdout).into_owned()),
        Err(_) if std::env::var_os("CI").is_none() => {
            eprintln!("note: `{name}` not installed (apt-get install poppler-utils); PDF text checks skipped");
            None
        }
        Err(e) => panic!("`{name}` is needed in CI: {e}"),
    }
}

#[test]
fn example_pdf_has_metadata_fonts_sections_and_figures_in_reading_order() {
    let ex = Example::new();
    let checked = ex.check();
    let ws = &checked.workspace;
    let report = &ws.reports[0];
    let rendered = render_paper(&checked, PaperId::Report(0), None, None).unwrap();
    let pdf = &rendered
        .files
        .iter()
        .find(|a| a.name.ends_with(".pdf"))
        .unwrap()
        .bytes;
    assert!(pdf.starts_with(b"%PDF-"));
    let path = ex.tmp.path().join("report.pdf");
    std::fs::write(&path, pdf).unwrap();
    let p = path.to_str().unwrap();

    let Some(info) = tool("pdfinfo", &[p]) else {
        return;
    };
    assert!(
        info.contains(&format!("Title:           {}", report.title)),
        "{info}"
    );
    assert!(info.contains("Tagged:          yes"), "{info}");
    assert!(
        info.contains("CreationDate:    Mon Nov 14"),
        "the date comes from the meeting: {info}"
    );
    assert!(
        info.contains("Page size:       595.276 x 841.89 pts (A4)"),
        "{info}"
    );

    let fonts = tool("pdffonts", &[p]).unwrap();
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(!rows.is_empty());
    for r in rows {
        let cols: Vec<&str> = r.split_whitespace().collect();
        assert!(r.contains("NotoSans"), "only the embedded Noto Sans: {r}");
        assert_eq!(cols[cols.len() - 5], "yes", "embedded: {r}");
    }

    let text = tool("pdftotext", &["-layout", p, "-"]).unwrap();
    // Every numbered section, in order (the contents list comes first, so search after it).
    let body_start = text
        .find("Summary sheet\nItem")
        .or_else(|| text.rfind("Summary sheet"))
        .unwrap();
    let mut at = body_start;
    for heading in [
        "1. Recommendations",
        "2. Background",
        "3. Key Issues",
        "4. Options considered",
        "5. Consultation",
        "6. Timetable",
        "7. Financial and Procurement Implications",
        "8. Legal Implications",
        "9. Human Resources Implications",
        "10. Implications for Children",
        "11. Equalities",
        "12. Implications for Partners",
        "13. Risks and Mitigation",
        "14. Accountable Officers",
        "Appendix 1",
    ] {
        let found = text[at..]
            .find(heading)
            .unwrap_or_else(|| panic!("`{heading}` missing or out of order"));
        at += found;
    }
    // Every figure of the programme summary, computed, in a row of extracted text.
    let figs = cabinet::calc::programme(
        &ws.initiatives_of(report)
            .map(|i| cabinet::calc::initiative(&i.finance))
            .collect::<Vec<_>>()
            .iter()
            .collect::<Vec<_>>(),
    );
    let line = text
        .lines()
        .find(|l| {
            l.trim_start()
                .starts_with("Savings / Cost Avoidance (from Investment)")
        })
        .expect("programme row");
    for v in &figs.gross_saving {
        assert!(line.contains(&v.to_string()), "{v} not in `{line}`");
    }
    assert!(text.contains(&format!(
        "Page 1 of {}",
        info.lines()
            .find(|l| l.starts_with("Pages:"))
            .unwrap()
            .split_whitespace()
            .last()
            .unwrap()
    )));
}
