//! No character lost: a report quoting names in Welsh, Polish, Arabic, Hebrew and Chinese
//! (`tests/fixtures/scripts`). Without fallback fonts `check` names every run of characters no
//! font can show, at its file, line and column; with the report's `fonts:` (or `--font`) the
//! PDF embeds them and gives every name back to `pdftotext`, right-to-left names in their
//! reading order, and keeps the PDF/UA rules (no `.notdef`, Unicode for every glyph).

use crate::structure::pdf_ua_problems;
use crate::tagged::Tagged;
use crate::{cabinet, repo};
use std::path::{Path, PathBuf};
use std::process::Command;

const NAMES: [&str; 9] = [
    "Siân Llŷr",
    "Łukasz Wiśniewski",
    "محمد علي حسن",
    "דוד כהן",
    "王小明",
    "李华",
    "張偉",
    "(Welsh)",
    "(Polish)",
];

/// The fixture copied to `<tmp>/inputs`, its fonts to `<tmp>/fonts`; `fonts: false` drops
/// the report's `fonts:` list.
fn copy(tmp: &Path, fonts: bool) -> PathBuf {
    let from = repo().join("tests/fixtures");
    let inputs = tmp.join("inputs");
    std::fs::create_dir_all(inputs.join("initiatives")).expect("dirs");
    std::fs::create_dir_all(tmp.join("fonts")).expect("dirs");
    for f in std::fs::read_dir(from.join("fonts")).expect("fonts") {
        let f = f.expect("entry").path();
        std::fs::copy(&f, tmp.join("fonts").join(f.file_name().expect("name"))).expect("copy");
    }
    std::fs::copy(
        from.join("scripts/initiatives/cyps-1.yaml"),
        inputs.join("initiatives/cyps-1.yaml"),
    )
    .expect("copy");
    let mut report = std::fs::read_to_string(from.join("scripts/report.yaml")).expect("report");
    if !fonts {
        let start = report.find("fonts:\n").expect("fonts key");
        let end = report[start..].find("sections:").expect("next key") + start;
        report.replace_range(start..end, "");
    }
    std::fs::write(inputs.join("report.yaml"), report).expect("write");
    inputs
}

fn font(name: &str) -> String {
    repo()
        .join("tests/fixtures/fonts")
        .join(name)
        .to_string_lossy()
        .into_owned()
}

#[test]
fn check_names_each_run_of_characters_no_font_can_show_at_its_place() {
    let tmp = tempfile::TempDir::new().expect("temp dir");
    copy(tmp.path(), false);
    let run = cabinet(
        tmp.path(),
        &["check", "--diagnostic-format", "short", "--quiet", "inputs"],
    );
    run.assert_code(0);
    let text = std::fs::read_to_string(tmp.path().join("inputs/report.yaml")).expect("report");
    // Where each run is: line and column (in characters, from 1) of its first character.
    let place = |run: &str| {
        let at = text.find(run).expect("in the file");
        let line = text[..at].matches('\n').count() + 1;
        let col = text[..at]
            .rsplit('\n')
            .next()
            .expect("line")
            .chars()
            .count()
            + 1;
        (line, col)
    };
    let mut want = String::new();
    for run in ["محمد", "علي", "حسن", "דוד", "כהן", "王小明", "李华", "張偉"]
    {
        let (line, col) = place(run);
        let points: Vec<String> = run
            .chars()
            .map(|c| format!("U+{:04X}", u32::from(c)))
            .collect();
        want.push_str(&format!(
            "inputs/report.yaml:{line}:{col}: warning[W0903]: `{run}` ({}) cannot be shown in the PDF: neither Noto Sans nor any font named for it has these characters\n",
            points.join(" ")
        ));
    }
    assert_eq!(run.stderr, want);
    // The same fonts named on the command line leave nothing to say.
    let run = cabinet(
        tmp.path(),
        &[
            "check",
            "--quiet",
            "--font",
            &font("noto-sans-arabic-subset.ttf"),
            "--font",
            &font("noto-sans-hebrew-subset.ttf"),
            "--font",
            &font("droid-sans-fallback-subset.ttf"),
            "inputs",
        ],
    );
    run.assert_code(0);
    assert_eq!(run.stderr, "");
}

#[test]
fn a_file_that_is_not_a_font_is_an_error_at_its_line() {
    let tmp = tempfile::TempDir::new().expect("temp dir");
    let inputs = copy(tmp.path(), true);
    let report = std::fs::read_to_string(inputs.join("report.yaml")).expect("report");
    std::fs::write(
        inputs.join("report.yaml"),
        report.replace("../fonts/noto-sans-hebrew-subset.ttf", "report.yaml"),
    )
    .expect("write");
    let run = cabinet(
        tmp.path(),
        &["check", "--diagnostic-format", "short", "--quiet", "inputs"],
    );
    run.assert_code(1);
    let line = report
        .lines()
        .position(|l| l.contains("noto-sans-hebrew"))
        .expect("line")
        + 1;
    assert!(
        run.stderr.starts_with(&format!(
            "inputs/report.yaml:{line}:5: error[E0902]: `inputs/report.yaml` is not a font cabinet can read (unknown magic)\n"
        )),
        "{}",
        run.stderr
    );
    // And the Hebrew it was named for is reported as unshowable.
    assert!(
        run.stderr.contains("`דוד` (U+05D3 U+05D5 U+05D3)"),
        "{}",
        run.stderr
    );
}

#[test]
fn with_fallback_fonts_the_pdf_shows_every_name_and_gives_it_back() {
    let tmp = tempfile::TempDir::new().expect("temp dir");
    copy(tmp.path(), true);
    let run = cabinet(
        tmp.path(),
        &["build", "inputs", "--output", "out", "--quiet"],
    );
    run.assert_code(0);
    assert_eq!(run.stderr, "", "no warning: every character is shown");
    let pdf = tmp.path().join("out/report.pdf");
    let tagged = Tagged::load(&std::fs::read(&pdf).expect("pdf"));
    assert_eq!(pdf_ua_problems(&tagged), Vec::<String>::new());
    // The text as the structure tree holds it: every name, in its reading order.
    let all: String = tagged.text.values().cloned().collect::<Vec<_>>().join(" ");
    assert!(!all.contains('\u{fffd}'), "a replacement mark: {all}");
    let Ok(out) = Command::new("pdftotext")
        .args([pdf.to_str().expect("utf-8"), "-"])
        .output()
    else {
        assert!(
            std::env::var_os("CI").is_none(),
            "pdftotext is needed in CI"
        );
        eprintln!("note: `pdftotext` not installed; text checks skipped");
        return;
    };
    // poppler marks right-to-left runs with embedding controls; they are not text.
    let text: String = String::from_utf8_lossy(&out.stdout)
        .chars()
        .filter(|c| !('\u{202a}'..='\u{202e}').contains(c))
        .collect();
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for name in NAMES {
        assert!(
            text.contains(name),
            "`{name}` not in the PDF's text:\n{text}"
        );
    }
    let fonts = Command::new("pdffonts")
        .arg(&pdf)
        .output()
        .expect("pdffonts");
    let fonts = String::from_utf8_lossy(&fonts.stdout).into_owned();
    for face in [
        "NotoSansArabic-Regular",
        "NotoSansHebrew-Regular",
        "DroidSansFallback",
    ] {
        let row = fonts
            .lines()
            .find(|l| l.contains(face))
            .unwrap_or_else(|| panic!("{face} not embedded:\n{fonts}"));
        assert!(
            row.contains("CID TrueType      Identity-H       yes yes yes"),
            "{row}"
        );
    }
}
