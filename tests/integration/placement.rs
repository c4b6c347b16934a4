//! An initiative's subsection in the author's order: `summary:` as a list places its
//! paragraphs, its financial table (`show: profile`) and its chart (`show: chart`); the same
//! order in the Markdown, the HTML page, the PDF and the Word file; each misuse named at its
//! place; and a summary written as one text keeps the order it always had.

use crate::{cabinet, listing, place, Example};
use cabinet::codes::Code;

const CYPS2: &str = "initiatives/cyps-2.yaml";

/// Replaces CYPS 2's `summary:` with `summary` (YAML from the `summary:` key on).
fn with_summary(summary: &str) -> Example {
    let ex = Example::new();
    let path = ex.file(CYPS2);
    let text = std::fs::read_to_string(&path).expect("cyps-2");
    let start = text.find("summary: |").expect("a summary");
    let end = text.find("\nfinance:").expect("finance");
    std::fs::write(
        &path,
        format!("{}{}{}", &text[..start], summary, &text[end..]),
    )
    .expect("write");
    ex
}

const PLACED: &str = "summary:
  - text: |
      3.44 Family Group Conferencing engages the wider family early.
  - show: profile
  - text: 3.45 The proposal is to deliver the service in-house.
  - show: chart
  - text: 3.46 It could prevent 15 children entering care in the first year.
";

/// Where each of `marks` first appears in `text`, in order; panics naming one not found.
fn positions(text: &str, marks: &[&str]) -> Vec<usize> {
    marks
        .iter()
        .map(|m| text.find(m).unwrap_or_else(|| panic!("`{m}` not found")))
        .collect()
}

#[test]
fn placed_parts_print_in_the_authors_order_in_every_format() {
    let ex = with_summary(PLACED);
    let checked = ex.check();
    assert!(
        !checked.diagnostics.iter().any(|d| d.is_error()),
        "{}",
        listing(&checked, &ex.dir())
    );
    let out = ex.tmp.path().join("out");
    let run = cabinet(
        ex.tmp.path(),
        &["build", "inputs", "--output", out.to_str().unwrap(), "-q"],
    );
    run.assert_code(0);
    // Text, table, text, chart, text: each mark is found after the one before it.
    let marks = [
        "3.44 Family Group Conferencing engages",
        "Family Group Conferencing: financial profile",
        "3.45 The proposal is to deliver",
        "LAC Reduction by year",
        "3.46 It could prevent 15 children",
    ];
    let in_order = |what: &str, text: &str| {
        let p = positions(text, &marks);
        assert!(p.windows(2).all(|w| w[0] < w[1]), "{what}: {p:?}");
    };
    let md = std::fs::read_to_string(out.join("report.md")).expect("md");
    let section = &md[md.find("### CYPS 2").expect("CYPS 2")..md.find("### CYPS 3").expect("3")];
    in_order("Markdown", section);
    let html = crate::html_text(&std::fs::read_to_string(out.join("report.html")).expect("html"));
    let html = &html[html.find("CYPS 2 – Family Group Conferencing").expect("h")..];
    // The chart's description is its alternative text in HTML: look for the chart's heading.
    let html_marks = [
        "3.44 Family Group Conferencing engages",
        "Family Group Conferencing: financial profile",
        "3.45 The proposal is to deliver",
        "3.46 It could prevent 15 children",
    ];
    let p = positions(html, &html_marks);
    assert!(p.windows(2).all(|w| w[0] < w[1]), "HTML: {p:?}");
    if let Some(pdf) =
        crate::initiatives::pdf_text(&std::fs::read(out.join("report.pdf")).expect("pdf"))
    {
        let pdf = &pdf[pdf
            .find("3.44 Family Group Conferencing engages")
            .expect("pdf 3.44")..];
        let p = positions(
            pdf,
            &[
                "3.44 Family Group Conferencing engages",
                "Family Group Conferencing: financial profile",
                "3.45 The proposal is to deliver",
                "3.46 It could prevent 15 children",
            ],
        );
        assert!(p.windows(2).all(|w| w[0] < w[1]), "PDF: {p:?}");
    }
    let docx = crate::docx::text_of(&out.join("report.docx"));
    let docx = &docx[docx
        .find("3.44 Family Group Conferencing engages")
        .expect("docx 3.44")..];
    let p = positions(
        docx,
        &[
            "3.44 Family Group Conferencing engages",
            "3.45 The proposal is to deliver",
            "3.46 It could prevent 15 children",
        ],
    );
    assert!(p.windows(2).all(|w| w[0] < w[1]), "Word: {p:?}");
}

#[test]
fn a_list_of_paragraphs_alone_keeps_the_usual_order_and_text_alone_prints_as_before() {
    // Without `show:` items the table and chart come first, as for a summary in one text.
    let ex = with_summary("summary:\n  - text: 3.44 First.\n  - text: 3.45 Second.\n");
    let out = ex.tmp.path().join("out");
    cabinet(
        ex.tmp.path(),
        &[
            "build",
            "inputs",
            "--output",
            out.to_str().unwrap(),
            "-q",
            "--format",
            "md",
        ],
    )
    .assert_code(0);
    let md = std::fs::read_to_string(out.join("report.md")).expect("md");
    let section = &md[md.find("### CYPS 2").expect("CYPS 2")..md.find("### CYPS 3").expect("3")];
    let p = positions(
        section,
        &[
            "financial profile",
            "LAC Reduction by year",
            "3.44 First.",
            "3.45 Second.",
        ],
    );
    assert!(p.windows(2).all(|w| w[0] < w[1]), "{p:?}\n{section}");
}

#[test]
fn each_misuse_of_show_is_named_at_its_place() {
    // (summary, code, the value pointed at, which occurrence of it in the summary, message)
    for (summary, code, at, nth, message) in [
        (
            "summary:\n  - show: graph\n",
            Code::BadValue,
            ": graph",
            0,
            "`show: graph` is not a part of an initiative",
        ),
        (
            "summary:\n  - show: chart\n  - text: Between.\n  - show: chart\n",
            Code::BadValue,
            ": chart",
            1,
            "`show: chart` is given twice",
        ),
        (
            "summary:\n  - table: own\n    caption: Own\n    columns: [2016/17]\n    rows: []\n",
            Code::BadValue,
            ": own",
            0,
            "a table cannot stand in an initiative's summary",
        ),
    ] {
        let ex = with_summary(summary);
        let checked = ex.check();
        let all = listing(&checked, &ex.dir());
        let errors: Vec<_> = checked
            .diagnostics
            .iter()
            .filter(|d| d.is_error())
            .collect();
        assert_eq!(errors.len(), 1, "{summary}: {all}");
        let d = errors[0];
        assert_eq!((d.code, d.message.as_str()), (code, message), "{all}");
        let text = std::fs::read_to_string(ex.file(CYPS2)).expect("cyps-2");
        let start = text.find("summary:").expect("summary");
        let offset = start
            + text[start..]
                .match_indices(at)
                .nth(nth)
                .map(|(i, _)| i + 2)
                .expect("at");
        let line = text[..offset].matches('\n').count() + 1;
        let col = offset - text[..offset].rfind('\n').map_or(0, |i| i + 1) + 1;
        assert_eq!(
            place(&checked, d, &ex.dir()),
            Some((CYPS2.to_string(), line, col)),
            "{summary}: {all}"
        );
    }
}

#[test]
fn show_in_a_report_section_is_named() {
    let ex = Example::all();
    ex.plant(
        "report.yaml",
        "  background:\n    - text: |\n",
        "  background:\n    - show: profile\n    - text: |\n",
    );
    let checked = ex.check();
    let all = listing(&checked, &ex.dir());
    let d = checked
        .diagnostics
        .iter()
        .find(|d| d.code == Code::BadValue)
        .unwrap_or_else(|| panic!("{all}"));
    assert_eq!(
        d.message, "`show:` places a part of an initiative, in the initiative's own `summary`",
        "{all}"
    );
    assert_eq!(
        checked.diagnostics.iter().filter(|d| d.is_error()).count(),
        1,
        "{all}"
    );
}
