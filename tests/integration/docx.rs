//! Word output through the binary: `build` writes a `.docx` per report (exempt ones under
//! `exempt/` only), the same bytes every time, kept on a rebuild when nothing changed;
//! `--format` writes only what it names; the pack writes each public report's Word file.

use crate::{cabinet, Example};
use std::path::Path;

fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .map(|d| {
            d.flatten()
                .filter(|e| e.path().is_file())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

/// The text of a Word file: every XML part, tags dropped (a word per run, as Word shows it).
pub fn text_of(path: &Path) -> String {
    use std::io::Read;
    let bytes = std::fs::read(path).expect("docx");
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
    let mut text = String::new();
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).expect("entry");
        if !entry.name().ends_with(".xml") {
            continue;
        }
        let mut xml = String::new();
        entry.read_to_string(&mut xml).expect("UTF-8");
        let mut inside = false;
        for c in xml.chars() {
            match c {
                '<' => inside = true,
                '>' => inside = false,
                c if !inside => text.push(c),
                _ => {}
            }
        }
        text.push('\n');
    }
    text.replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
}

fn build(ex: &Example, out: &str, extra: &[&str]) -> crate::Run {
    let mut args = vec!["build", "inputs", "--output", out];
    args.extend_from_slice(extra);
    cabinet(ex.tmp.path(), &args)
}

#[test]
fn build_writes_a_word_file_per_report_exempt_ones_apart() {
    let ex = Example::all();
    build(&ex, "out", &["-q"]).assert_code(0);
    let out = ex.tmp.path().join("out");
    let public = names(&out);
    for stem in [
        "report",
        "monitoring-2018",
        "scenarios",
        "improvement-plan",
        "budget-monitoring-2016-09",
        "lac-sufficiency",
    ] {
        assert!(
            public.contains(&format!("{stem}.docx")),
            "{stem}: {public:?}"
        );
    }
    assert!(
        !public.iter().any(|n| n.starts_with("exempt-")),
        "{public:?}"
    );
    assert!(names(&out.join("exempt")).contains(&"exempt-land-disposal.docx".to_string()));
    let docx = std::fs::read(out.join("report.docx")).expect("docx");
    assert!(docx.starts_with(b"PK\x03\x04"));
}

#[test]
fn the_same_inputs_give_the_same_word_bytes_and_a_rebuild_keeps_them() {
    let ex = Example::new();
    build(&ex, "a", &["-q"]).assert_code(0);
    build(&ex, "b", &["-q"]).assert_code(0);
    let (a, b) = (ex.tmp.path().join("a"), ex.tmp.path().join("b"));
    assert_eq!(
        std::fs::read(a.join("report.docx")).expect("a"),
        std::fs::read(b.join("report.docx")).expect("b")
    );
    let again = build(&ex, "a", &["--verbose"]);
    again.assert_code(0);
    assert!(
        again.stderr.contains(&format!(
            "unchanged {}",
            Path::new("a").join("report.docx").display()
        )),
        "{}",
        again.stderr
    );
    // A changed figure makes a new Word file.
    ex.plant(
        "initiatives/cyps-2.yaml",
        "- name: LAC Reduction",
        "- name: LAC Reductions",
    );
    let changed = build(&ex, "a", &[]);
    changed.assert_code(0);
    assert!(
        changed.stderr.contains(&format!(
            "wrote {}",
            Path::new("a").join("report.docx").display()
        )),
        "{}",
        changed.stderr
    );
}

#[test]
fn format_writes_only_the_formats_named() {
    let ex = Example::new();
    build(&ex, "out", &["-q", "--format", "pdf,docx"]).assert_code(0);
    let out = ex.tmp.path().join("out");
    assert_eq!(names(&out), ["report.docx", "report.pdf"]);
    // Chart files go with the Markdown and the HTML page.
    assert!(names(&out.join("charts")).is_empty());
    build(&ex, "md", &["-q", "--format", "md"]).assert_code(0);
    let md = ex.tmp.path().join("md");
    assert_eq!(names(&md), ["report.md"]);
    assert!(!names(&md.join("charts")).is_empty());
    let bad = build(&ex, "x", &["--format", "rtf"]);
    bad.assert_code(2);
    assert!(
        bad.stderr
            .contains("invalid value 'rtf' for '--format <FORMATS>'"),
        "{}",
        bad.stderr
    );
}

#[test]
fn the_pack_writes_each_public_reports_word_file() {
    let ex = Example::all();
    cabinet(
        ex.tmp.path(),
        &[
            "pack",
            "inputs/pack-2016-11-14.yaml",
            "--inputs",
            "inputs",
            "--output",
            "out",
            "-q",
        ],
    )
    .assert_code(0);
    let files = names(&ex.tmp.path().join("out"));
    assert!(files.contains(&"report.docx".to_string()), "{files:?}");
    // The exempt item's report is in the exempt pack only, never as a Word file.
    assert!(
        !files.iter().any(|f| f.contains("exempt-land")),
        "{files:?}"
    );
}
