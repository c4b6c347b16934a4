//! Rendering: the example's Markdown and HTML pinned as snapshots, every section present in
//! every format, figures following an edit, hostile narrative made harmless, and byte-identical
//! output from run to run.

use crate::{cabinet, Example};
use cabinet::model::Money;
use cabinet::model::PaperId;
use cabinet::render::{render_paper, Rendered};

/// Renders the first report of an input folder in memory.
fn render(ex: &Example) -> Rendered {
    let checked = ex.check();
    assert!(!checked.has_errors(), "{:?}", checked.diagnostics);
    render_paper(&checked, PaperId::Report(0), None, None).expect("render")
}

fn text(r: &Rendered, ext: &str) -> String {
    let a = r.files.iter().find(|a| a.name.ends_with(ext)).expect(ext);
    String::from_utf8(a.bytes.clone()).expect("utf-8")
}

/// The table row starting with `label` in the Markdown, as its cells: in the last table with
/// `caption` (the first bundled report also carries the source's own Table 2, typed by hand in
/// its text, before the computed one of section 7).
fn row<'a>(md: &'a str, caption: &str, label: &str) -> Vec<&'a str> {
    let start = md
        .rfind(caption)
        .unwrap_or_else(|| panic!("no table `{caption}`"));
    let line = md[start..]
        .lines()
        .find(|l| {
            l.starts_with(&format!("| {label} |")) || l.starts_with(&format!("| **{label}** |"))
        })
        .unwrap_or_else(|| panic!("no row `{label}` in `{caption}`"));
    line.trim_matches('|')
        .split('|')
        .map(|c| c.trim().trim_matches('*'))
        .collect()
}

#[test]
fn example_markdown_snapshot() {
    let r = render(&Example::new());
    insta::assert_snapshot!("example_report_md", text(&r, ".md"));
}

/// The page with each embedded font's data left out (the fonts have a test of their own).
fn without_font_data(page: &str) -> String {
    let mut out = String::with_capacity(page.len());
    let mut rest = page;
    while let Some(at) = rest.find("base64,") {
        out.push_str(&rest[..at + "base64,".len()]);
        out.push('…');
        rest = &rest[at..];
        rest = &rest[rest.find(')').unwrap_or(rest.len())..];
    }
    out.push_str(rest);
    out
}

#[test]
fn example_html_snapshot() {
    let r = render(&Example::new());
    insta::assert_snapshot!("example_report_html", without_font_data(&text(&r, ".html")));
}

#[test]
fn every_section_is_in_markdown_and_html() {
    let r = render(&Example::new());
    let (md, html) = (text(&r, ".md"), text(&r, ".html"));
    let sections = [
        "Summary sheet",
        "1. Recommendations",
        "2. Background",
        "3. Key Issues",
        "4. Options considered and recommended proposal",
        "5. Consultation",
        "6. Timetable and Accountability for Implementing this Decision",
        "7. Financial and Procurement Implications",
        "8. Legal Implications",
        "9. Human Resources Implications",
        "10. Implications for Children and Young People and Vulnerable Adults",
        "11. Equalities and Human Rights Implications",
        "12. Implications for Partners and Other Directorates",
        "13. Risks and Mitigation",
        "14. Accountable Officers and Approvals",
        "Appendix 1: Investment and Savings Proposals",
    ];
    for s in sections {
        assert!(md.contains(&format!("## {s}\n")), "Markdown lacks `{s}`");
        assert!(html.contains(&format!(">{s}</h2>")), "HTML lacks `{s}`");
    }
    for reference in [
        "CYPS 1A", "CYPS 1B", "CYPS 2", "CYPS 3", "CYPS 4", "CYPS 5", "CYPS 6", "CYPS 7", "CYPS 8",
        "CYPS 9", "CYPS 10",
    ] {
        let caption = format!("Table: {reference} – ");
        assert!(md.contains(&caption), "no financial table for {reference}");
        assert!(
            md.contains(&format!("### Investment Bid: {reference} – ")),
            "no bid form for {reference}"
        );
    }
    assert_eq!(html.matches("<h1").count(), 1, "one h1");
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"en-GB\">"));
}

#[test]
fn programme_totals_are_the_sums_of_the_initiatives() {
    let ex = Example::new();
    let checked = ex.check();
    let md = text(&render(&ex), ".md");
    // Independent of the renderer: add up the model's figures here.
    let ws = &checked.workspace;
    let years = ws.initiatives[0].finance.years.len();
    let mut investment = vec![Money::ZERO; years];
    for i in &ws.initiatives {
        for line in i.finance.investment.iter().filter(|l| l.in_totals) {
            for (t, v) in investment.iter_mut().zip(&line.values) {
                *t = *t + *v;
            }
        }
    }
    let printed = row(
        &md,
        "Table: Table 2: Investment Bids – Summary of Cost and Benefit",
        "Investment",
    );
    for (y, total) in investment.iter().enumerate() {
        assert_eq!(printed[y + 1], total.to_string(), "year {y}");
    }
}

#[test]
fn changing_one_figure_changes_every_dependent_total() {
    let before = Example::new();
    let after = Example::new();
    // CYPS 2, 2018/19: investment 0.164 → 0.264, with its stated net and cumulatives kept true.
    after.plant(
        "initiatives/cyps-2.yaml",
        "values: [0.100, 0.164, 0.164, 0.164, 0.164]",
        "values: [0.100, 0.164, 0.264, 0.164, 0.164]",
    );
    let text_after = std::fs::read_to_string(after.file("initiatives/cyps-2.yaml")).unwrap();
    let fixed = text_after
        .replacen("cumulative: 0.756", "cumulative: 0.856", 1)
        .replacen("(0.463)", "(0.363)", 1)
        .replacen("cumulative: (3.204)", "cumulative: (3.104)", 1);
    std::fs::write(after.file("initiatives/cyps-2.yaml"), fixed).unwrap();
    // The published Table 2 would now (rightly) be an error: this officer also updates it.
    after.plant(
        "report.yaml",
        "investment: [0.179, 3.607, 3.716, 3.527, 3.579]",
        "investment: [0.179, 3.607, 3.816, 3.527, 3.579]",
    );
    after.plant(
        "report.yaml",
        "net: [0.179, 1.331, (1.474), (4.534), (6.022)]",
        "net: [0.179, 1.331, (1.374), (4.534), (6.022)]",
    );
    let (md0, md1) = (text(&render(&before), ".md"), text(&render(&after), ".md"));
    let delta = Money::parse("0.100").unwrap();
    let cell = |md: &str, caption: &str, label: &str, col: usize| {
        Money::parse(row(md, caption, label)[col]).unwrap()
    };
    let prog = "Table: Table 2: Investment Bids – Summary of Cost and Benefit";
    let by_init = "Table: Net investment / (saving) by initiative and year";
    let own = "Table: CYPS 2 – Family Group Conferencing: financial profile";
    for (caption, label, col) in [
        (prog, "Investment", 3),
        (prog, "Investment", 6),
        (prog, "Net Investment / (Saving)", 3),
        (prog, "Net Investment / (Saving)", 6),
        (prog, "Cumulative net", 3),
        (prog, "Cumulative net", 5),
        (by_init, "CYPS 2 – Family Group Conferencing", 3),
        (by_init, "Total net", 6),
        (own, "Investment", 3),
        (own, "Net Investment / (Saving)", 3),
        (own, "Cumulative net", 4),
    ] {
        assert_eq!(
            cell(&md1, caption, label, col),
            cell(&md0, caption, label, col) + delta,
            "{caption} / {label} / column {col}"
        );
    }
    // Figures that do not depend on CYPS 2 stay as they were.
    assert_eq!(
        row(&md0, prog, "Investment")[2],
        row(&md1, prog, "Investment")[2]
    );
    assert_eq!(
        row(&md0, by_init, "CYPS 5 – Edge of Care"),
        row(&md1, by_init, "CYPS 5 – Edge of Care")
    );
}

#[test]
fn hostile_narrative_renders_as_harmless_text() {
    let ex = Example::new();
    ex.plant(
        "initiatives/cyps-2.yaml",
        "3.44 Family Group Conferencing is an effective tool",
        "3.44 <script>alert('x')</script> <img src=x onerror=alert(1)> [click](javascript:alert(1)) <a href=\"javascript:alert(2)\">a</a> Family Group Conferencing is an effective tool",
    );
    let html = text(&render(&ex), ".html");
    assert!(
        !html.contains("<script"),
        "a script element reached the page"
    );
    assert!(!html.contains("<img"), "an img element reached the page");
    assert!(
        !html.contains("<a href=\"javascript"),
        "an a element reached the page"
    );
    let lower = html.to_ascii_lowercase();
    // Inside tags only: the same words as escaped text are harmless and expected.
    let in_tags = lower
        .split('<')
        .skip(1)
        .map(|t| t.split('>').next().unwrap_or(""));
    assert!(
        !in_tags.clone().any(|t| t.contains("javascript:")),
        "a javascript: link reached the page"
    );
    assert!(
        !in_tags.clone().any(|t| t.contains("onerror")),
        "an event handler attribute reached the page"
    );
    assert!(
        html.contains("[click]") || html.contains("click"),
        "the link text is kept"
    );
    assert!(
        html.contains("&lt;script&gt;alert"),
        "the text is kept, escaped"
    );
}

#[test]
fn outputs_are_byte_identical_from_run_to_run() {
    let ex = Example::new();
    let out1 = ex.tmp.path().join("out1");
    let out2 = ex.tmp.path().join("out2");
    for out in [&out1, &out2] {
        cabinet(
            ex.tmp.path(),
            &[
                "build",
                "inputs",
                "--output",
                out.to_str().unwrap(),
                "--quiet",
            ],
        )
        .assert_code(0);
    }
    let mut names: Vec<_> = walk(&out1);
    names.sort();
    assert!(names.iter().any(|n| n.ends_with(".md")) && names.iter().any(|n| n.ends_with(".html")));
    for n in &names {
        let a = std::fs::read(out1.join(n)).unwrap();
        let b = std::fs::read(out2.join(n)).unwrap();
        assert!(a == b, "{n} differs between two builds");
    }
    assert_eq!(names.len(), walk(&out2).len());
}

fn walk(dir: &std::path::Path) -> Vec<String> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(
                walk(&p)
                    .into_iter()
                    .map(|n| format!("{}/{n}", e.file_name().to_string_lossy())),
            );
        } else {
            out.push(e.file_name().to_string_lossy().into_owned());
        }
    }
    out
}

#[test]
fn editing_one_figure_rewrites_only_the_dependent_charts() {
    let ex = Example::new();
    let out = ex.tmp.path().join("out");
    let out_s = out.to_str().unwrap();
    let first = cabinet(ex.tmp.path(), &["charts", "inputs", "--output", out_s]);
    first.assert_code(0);
    let before: Vec<(String, Vec<u8>)> = walk(&out.join("charts"))
        .into_iter()
        .map(|n| {
            (
                n.clone(),
                std::fs::read(out.join("charts").join(&n)).unwrap(),
            )
        })
        .collect();
    // CYPS 3's 2019/20 gross saving, and its stated net and cumulatives, as a finance officer would.
    let path = ex.file("initiatives/cyps-3.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("(0.330)"), "fixture changed: {text}");
    std::fs::write(
        &path,
        text.replace("(0.330)", "(0.340)")
            .replace("(1.056)", "(1.066)")
            .replace("(0.175)", "(0.185)")
            .replace("(0.540)", "(0.550)"),
    )
    .unwrap();
    // Table 2 as published must follow too, or check (rightly) refuses the edit.
    ex.plant(
        "report.yaml",
        "gross_saving: [0.000, (2.276), (5.190), (8.061), (9.601)]",
        "gross_saving: [0.000, (2.276), (5.190), (8.071), (9.601)]",
    );
    ex.plant(
        "report.yaml",
        "net: [0.179, 1.331, (1.474), (4.534), (6.022)]",
        "net: [0.179, 1.331, (1.474), (4.544), (6.022)]",
    );
    let second = cabinet(ex.tmp.path(), &["charts", "inputs", "--output", out_s]);
    second.assert_code(0);
    let changed: Vec<String> = before
        .iter()
        .filter(|(n, bytes)| std::fs::read(out.join("charts").join(n)).unwrap() != *bytes)
        .map(|(n, _)| n.clone())
        .collect();
    let mut expected = vec![
        "report-cyps-3-profile.svg".to_string(),
        "report-programme-net-by-initiative.svg".to_string(),
        "report-programme-summary.svg".to_string(),
    ];
    expected.sort();
    let mut changed_sorted = changed.clone();
    changed_sorted.sort();
    assert_eq!(changed_sorted, expected);
    assert!(
        second.stderr.contains(&format!(
            "3 chart file(s) updated, {} unchanged",
            before.len() - 3
        )),
        "{}",
        second.stderr
    );
}

#[test]
fn a_failed_write_leaves_every_previous_output_intact_and_says_what_was_not_updated() {
    let ex = Example::new();
    let out = ex.tmp.path().join("out");
    let out_s = out.to_str().unwrap();
    cabinet(
        ex.tmp.path(),
        &["build", "inputs", "--output", out_s, "--quiet"],
    )
    .assert_code(0);
    let before: Vec<(String, Vec<u8>)> = walk(&out)
        .into_iter()
        .map(|n| (n.clone(), std::fs::read(out.join(&n)).unwrap()))
        .collect();
    // Change a figure (and what states it), then make one chart impossible to write: a folder
    // where the file should go. (Permissions would not stop root, who runs CI.)
    let text = std::fs::read_to_string(ex.file("report.yaml")).unwrap();
    std::fs::write(
        ex.file("report.yaml"),
        text.replace(
            "title: Medium Term Financial Strategy (MTFS) Update Report",
            "title: Medium Term Financial Strategy (MTFS) Update Report (revised)",
        ),
    )
    .unwrap();
    let victim = out.join("charts/report-programme-summary.svg");
    std::fs::remove_file(&victim).unwrap();
    std::fs::create_dir(&victim).unwrap();
    let run = cabinet(ex.tmp.path(), &["build", "inputs", "--output", out_s]);
    run.assert_code(1);
    assert!(
        run.stderr
            .contains("were not updated and keep their previous contents"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("report.md") && run.stderr.contains("report.pdf"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("panicked"));
    for (n, bytes) in &before {
        if n.ends_with("report-programme-summary.svg") {
            continue;
        }
        assert!(
            std::fs::read(out.join(n)).unwrap() == *bytes,
            "{n} changed after a failed build"
        );
    }
    let leftovers: Vec<String> = walk(&out)
        .into_iter()
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(
        leftovers.is_empty(),
        "temporary files left behind: {leftovers:?}"
    );
}

/// `cabinet build inputs --output <tmp>/<folder> --quiet`, then `extra`, in the example's
/// folder: the output folder and the run.
fn build_into(ex: &Example, folder: &str, extra: &[&str]) -> (std::path::PathBuf, crate::Run) {
    let out = ex.tmp.path().join(folder);
    let out_s = out.to_str().expect("utf-8 path");
    let mut args = vec!["build", "inputs", "--output", out_s, "--quiet"];
    args.extend_from_slice(extra);
    let run = cabinet(ex.tmp.path(), &args);
    (out, run)
}

/// Every file under `dir` (relative name → bytes), temporary files included.
fn tree(dir: &std::path::Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    fn walk(
        root: &std::path::Path,
        dir: &std::path::Path,
        out: &mut std::collections::BTreeMap<String, Vec<u8>>,
    ) {
        for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(root, &p, out);
            } else {
                let name = p.strip_prefix(root).expect("inside").display().to_string();
                out.insert(name, std::fs::read(&p).expect("read"));
            }
        }
    }
    let mut out = std::collections::BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

#[test]
fn a_build_that_fails_to_render_one_report_changes_no_file() {
    // The other reports render, and their files are staged while the failing one renders;
    // none may reach the output folder, and no temporary file may be left there.
    let ex = Example::all();
    let (out, first) = build_into(&ex, "out", &[]);
    assert!(first.status.success(), "{}", first.stderr);
    let before = tree(&out);
    assert!(before.len() > 40, "{} files", before.len());

    ex.plant("initiatives/cyps-2.yaml", "[~, 16.393,", "[~, 16.394,");
    let templates = ex.tmp.path().join("templates");
    std::fs::create_dir(&templates).expect("templates folder");
    std::fs::write(templates.join("scenario.md.tera"), "{{ no_such_value }}\n").expect("template");
    let t = templates.to_str().expect("utf-8 path");
    let (_, failed) = build_into(&ex, "out", &["--templates", t]);
    assert!(
        !failed.status.success(),
        "the broken template must fail the build"
    );
    assert!(failed.stderr.contains("no_such_value"), "{}", failed.stderr);
    assert!(tree(&out) == before, "the output folder changed");

    // Into a folder that did not exist: it still does not.
    let (fresh, failed) = build_into(&ex, "fresh", &["--templates", t]);
    assert!(!failed.status.success());
    assert!(
        !fresh.exists(),
        "{:?}",
        tree(&fresh).keys().collect::<Vec<_>>()
    );
}

/// The names a verbose build says it reused (taken from the last build, not made again).
fn reused(run: &crate::Run) -> std::collections::BTreeSet<String> {
    run.stderr
        .lines()
        .filter_map(|l| l.strip_prefix("reused "))
        .map(|l| l.split(' ').next().unwrap_or_default().to_string())
        .collect()
}

#[test]
fn a_rebuild_reuses_what_it_wrote_and_makes_again_what_changed() {
    let ex = Example::all();
    let build = |extra: &[&str]| {
        let out = ex.tmp.path().join("out");
        let mut args = vec![
            "build",
            "inputs",
            "--output",
            out.to_str().expect("utf-8"),
            "-v",
        ];
        args.extend_from_slice(extra);
        let run = crate::cabinet(ex.tmp.path(), &args);
        assert!(run.status.success(), "{}", run.stderr);
        (out, run)
    };
    let (out, first) = build(&[]);
    assert!(reused(&first).is_empty(), "nothing to reuse the first time");
    let before = tree(&out);
    // Nothing changed: every PDF, page and chart is reused, exempt ones included.
    let (_, again) = build(&[]);
    let all = reused(&again);
    let kinds = |ext: &str| all.iter().filter(|n| n.ends_with(ext)).count();
    assert_eq!((kinds(".pdf"), kinds(".html")), (7, 7), "{all:?}");
    assert!(kinds(".svg") >= 26, "{all:?}");
    assert!(all.contains("exempt/exempt-land-disposal.pdf"), "{all:?}");
    assert!(tree(&out) == before, "a rebuild of nothing changes nothing");
    // A charted KPI of CYPS 2 changes: its report's PDF, page and that chart are made again;
    // CYPS 3's chart in the same report and the monitoring report are reused.
    ex.plant(
        "initiatives/cyps-2.yaml",
        "[0, 15, 27, 30, 30]",
        "[0, 16, 27, 30, 30]",
    );
    ex.plant("initiatives/cyps-2.yaml", "total: 102", "total: 103");
    let (_, changed) = build(&[]);
    let r = reused(&changed);
    for made in [
        "report.pdf",
        "report.html",
        "charts/report-cyps-2-kpi-1.svg",
    ] {
        assert!(!r.contains(made), "{made} was reused");
    }
    for kept in [
        "charts/report-cyps-3-profile.svg",
        "monitoring-2018.pdf",
        "monitoring-2018.html",
    ] {
        assert!(r.contains(kept), "{kept} was made again");
    }
    // Another HTML template: every page is made again, with the data unchanged.
    let templates = ex.file("templates");
    std::fs::create_dir(&templates).expect("templates folder");
    let html = cabinet::render::templates::BUILT_IN
        .iter()
        .find(|(n, _)| *n == "report.html.tera")
        .expect("built-in")
        .1
        .replacen("<main", "<main data-template=\"ours\"", 1);
    std::fs::write(templates.join("report.html.tera"), html).expect("template");
    let (out, other) = build(&["--templates", templates.to_str().expect("utf-8 path")]);
    assert!(!reused(&other).iter().any(|n| n.ends_with(".html")));
    let page = std::fs::read_to_string(out.join("monitoring-2018.html")).expect("page");
    assert!(page.contains("data-template=\"ours\""));
}

/// Issue 17: a page, PDF or chart edited after the build (by hand, or by someone with write
/// access to a shared or deployed output folder) never survives a rebuild, whatever it still
/// ends with; and what is read back is never inlined into a page unchecked.
#[test]
fn tampered_outputs_are_restored_by_the_next_build() {
    let ex = Example::all();
    let (out, first) = build_into(&ex, "out", &[]);
    assert!(first.status.success(), "{}", first.stderr);
    let before = tree(&out);
    let script = "<script>alert(document.cookie)</script>";
    // A page: script after the body, its last line (as a mark would be) kept.
    let page = std::fs::read_to_string(out.join("report.html")).expect("page");
    let (body, last) = page.trim_end().rsplit_once('\n').expect("lines");
    std::fs::write(
        out.join("report.html"),
        format!("{body}\n{script}\n{last}\n"),
    )
    .expect("plant");
    // A chart: script inside the SVG, which the page inlines.
    let chart = out.join("charts/report-cyps-3-profile.svg");
    let svg = std::fs::read_to_string(&chart).expect("chart");
    std::fs::write(
        &chart,
        svg.replacen("</svg>", &format!("{script}</svg>"), 1),
    )
    .expect("plant");
    // A PDF: a JavaScript action inserted before its first object, trailer and ID untouched.
    let pdf = out.join("monitoring-2018.pdf");
    let mut bytes = std::fs::read(&pdf).expect("pdf");
    let at = bytes
        .windows(6)
        .position(|w| w == b"stream")
        .expect("stream");
    bytes.splice(
        at..at,
        b"/OpenAction<</S/JavaScript/JS(app.alert(1))>>"
            .iter()
            .copied(),
    );
    std::fs::write(&pdf, &bytes).expect("plant");
    // An exempt report's page too.
    let exempt = out.join("exempt/exempt-land-disposal.html");
    let text = std::fs::read_to_string(&exempt).expect("exempt page");
    std::fs::write(
        &exempt,
        text.replacen("<main", &format!("{script}<main"), 1),
    )
    .expect("plant");

    let (_, rebuilt) = build_into(&ex, "out", &[]);
    assert!(rebuilt.status.success(), "{}", rebuilt.stderr);
    let after = tree(&out);
    for (name, bytes) in &before {
        assert!(after.get(name) == Some(bytes), "{name} was not restored");
    }
    for (name, bytes) in &after {
        if name.ends_with(".html") || name.ends_with(".svg") {
            let text = String::from_utf8_lossy(bytes);
            assert!(!text.contains("<script"), "{name} carries script");
        }
    }
}

#[test]
fn without_a_cache_folder_nothing_is_reused_and_the_output_is_the_same() {
    let ex = Example::all();
    let out = ex.tmp.path().join("out");
    let run = |cache: &str| {
        let out_s = out.to_str().expect("utf-8");
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_cabinet"));
        child
            .args(["build", "inputs", "--output", out_s, "--verbose"])
            .current_dir(ex.tmp.path())
            .env("CABINET_CACHE_DIR", cache);
        let o = child.output().expect("run");
        assert!(o.status.success());
        String::from_utf8_lossy(&o.stderr).into_owned()
    };
    run("");
    let before = tree(&out);
    let second = run("");
    assert!(!second.contains("\nreused "), "{second}");
    assert!(tree(&out) == before);
}

/// Issue 21: a report names its council, shown on the front page with the Public or Exempt
/// marking clerks expect, and carried in the PDF's metadata (an exempt one says so on every
/// page's running header too).
#[test]
fn the_council_and_the_public_or_exempt_marking_are_on_the_front_page_and_in_the_pdf() {
    let ex = Example::all();
    let checked = ex.check();
    let ws = &checked.workspace;
    let find = |stem: &str| {
        ws.reports
            .iter()
            .position(|r| {
                checked
                    .sources
                    .get(r.file)
                    .path
                    .ends_with(format!("{stem}.yaml"))
            })
            .unwrap_or_else(|| panic!("{stem}"))
    };
    let council = "Rotherham Metropolitan Borough Council";
    for (stem, marking, exempt) in [
        ("report", "Public report", false),
        (
            "exempt-land-disposal",
            "Exempt report – not for publication: paragraph 3 of Part 1 of Schedule 12A to the Local Government Act 1972",
            true,
        ),
    ] {
        let i = find(stem);
        let report = &ws.reports[i];
        assert_eq!(report.council.as_deref(), Some(council));
        let meta = cabinet::render::pdf_meta(report);
        assert!(meta.subject.starts_with(&format!("{council}. {marking}.")), "{}", meta.subject);
        assert_eq!(meta.keywords.first().map(String::as_str), Some(council));
        assert_eq!(
            meta.keywords.last().map(String::as_str),
            Some(if exempt { "exempt" } else { "public" })
        );
        assert_eq!(meta.header_right.starts_with("NOT FOR PUBLICATION"), exempt);
        let rendered = render_paper(&checked, PaperId::Report(i), None, None).unwrap();
        let md = text(&rendered, ".md");
        assert!(
            md.starts_with(&format!("**{council}** · **{marking}**\n\n# ")),
            "{}",
            &md[..200]
        );
    }
    // Every follow-up kind shares the front page.
    let scenarios = ex.file("scenarios.yaml");
    assert!(std::fs::read_to_string(scenarios)
        .unwrap()
        .contains("council: Dorset County Council"));
    let run = cabinet(
        ex.tmp.path(),
        &["build", "inputs", "--output", "out", "--quiet"],
    );
    run.assert_code(0);
    let md = std::fs::read_to_string(ex.tmp.path().join("out/scenarios.md")).unwrap();
    assert!(
        md.starts_with("**Dorset County Council** · **Public report**\n"),
        "{md}"
    );
}

/// The Markdown of the bundled 2016 report built from a copy with `slips` planted.
fn report_md(ex: &Example) -> String {
    let checked = ex.check();
    assert!(
        !checked.has_errors(),
        "{}",
        crate::listing(&checked, &ex.dir())
    );
    let r = render_paper(&checked, PaperId::Report(0), None, None).unwrap();
    text(&r, ".md")
}

/// The lines of the Markdown table with this caption.
fn table_lines(md: &str, caption: &str) -> Vec<String> {
    md.split(&format!("Table: {caption}\n\n"))
        .nth(1)
        .unwrap_or_else(|| panic!("no table `{caption}`"))
        .lines()
        .take_while(|l| l.starts_with('|'))
        .map(str::to_string)
        .collect()
}

/// Issue 21, what the page says: a pure-cost bid has no empty saving series and no sentence
/// about "none in the years shown"; `net.label` is the net row's label; the published
/// caption heads the programme table; KPI figures are grouped in thousands everywhere.
#[test]
fn pure_cost_bids_net_labels_captions_and_kpi_figures_print_as_given() {
    let ex = Example::new();
    ex.plant(
        "initiatives/cyps-2.yaml",
        "  net:\n    values:",
        "  net:\n    label: Net Cost / (Saving)\n    values:",
    );
    ex.plant(
        "initiatives/cyps-2.yaml",
        "values: [0, 15, 27, 30, 30]\n    total: 102",
        "values: [0, 1500, 2700, 3000, 3000]\n    total: 10200",
    );
    let md = report_md(&ex);

    // CYPS 1B saves nothing: its chart and data have no saving series.
    let cyps1b = "Chart data: CYPS 1B – Therapeutic Service: investment and net by year (£m)";
    let rows: Vec<String> = table_lines(&md, cyps1b)
        .iter()
        .skip(2)
        .map(|l| l.split('|').nth(1).unwrap().trim().to_string())
        .collect();
    assert_eq!(rows, ["Investment", "Net", "Cumulative net"]);
    assert!(!md.contains("none in the years shown"), "no such sentence");
    assert!(md.contains(
        "No year shown has a net saving, so there is no payback or cumulative break-even within these years."
    ));
    let out = ex.tmp.path().join("out");
    let run = cabinet(
        ex.tmp.path(),
        &[
            "build",
            "inputs",
            "--output",
            out.to_str().unwrap(),
            "--quiet",
        ],
    );
    run.assert_code(0);
    let svg = std::fs::read_to_string(out.join("charts/report-cyps-1b-profile.svg")).unwrap();
    assert!(
        !svg.contains("Gross Saving"),
        "no legend entry for an empty series"
    );
    let svg = std::fs::read_to_string(out.join("charts/report-cyps-2-profile.svg")).unwrap();
    assert!(
        svg.contains("Net Cost / (Saving)"),
        "the net's label in the legend"
    );

    // `net.label` in the table and the chart data.
    let cyps2 = table_lines(
        &md,
        "CYPS 2 – Family Group Conferencing: financial profile (£m)",
    );
    assert!(
        cyps2
            .iter()
            .any(|l| l.starts_with("| **Net Cost / (Saving)** |")),
        "{cyps2:?}"
    );
    let data = table_lines(
        &md,
        "Chart data: CYPS 2 – Family Group Conferencing: investment, saving and net by year (£m)",
    );
    assert!(
        data.iter()
            .any(|l| l.starts_with("| Net Cost / (Saving) |")),
        "{data:?}"
    );

    // The published totals' caption heads the computed programme table.
    table_lines(
        &md,
        "Table 2: Investment Bids – Summary of Cost and Benefit (£m)",
    );

    // KPI figures grouped in thousands in the KPI table and the chart data alike.
    let kpi = table_lines(&md, "CYPS 2: key performance indicators");
    assert_eq!(
        kpi[2],
        "| LAC Reduction (children) | 0 | 1,500 | 2,700 | 3,000 | 3,000 | 10,200 |"
    );
    let data = table_lines(
        &md,
        "Chart data: CYPS 2 – Family Group Conferencing: LAC Reduction by year (children)",
    );
    assert_eq!(
        data[2],
        "| LAC Reduction | 0 | 1,500 | 2,700 | 3,000 | 3,000 | 10,200 |"
    );
}

/// Chart data tables: gathered in an appendix by default (each chart says where, with a
/// link), or after each chart with `chart_data: inline`; every chart's table either way.
/// In HTML the chart's caption is its description, not its title again.
#[test]
fn chart_data_tables_go_in_an_appendix_or_after_each_chart() {
    let charts = |md: &str| md.matches("](charts/").count();
    let ex = Example::new();
    let md = report_md(&ex);
    let n = charts(&md);
    assert!(n > 10, "{n} charts");
    let appendix = md
        .split("## Appendix: Chart data")
        .nth(1)
        .expect("the appendix");
    assert_eq!(appendix.matches("Table: Chart data: ").count(), n);
    assert_eq!(
        md.matches("Table: Chart data: ").count(),
        n,
        "tables only in the appendix"
    );
    assert_eq!(
        md.matches("The figures of this chart are in the table of the same name in [Appendix: Chart data](#appendix-chart-data).").count(),
        n
    );

    let ex = Example::new();
    ex.plant(
        "report.yaml",
        "negatives: brackets",
        "negatives: brackets\nchart_data: inline",
    );
    let md = report_md(&ex);
    assert!(!md.contains("Appendix: Chart data"));
    assert_eq!(md.matches("Table: Chart data: ").count(), n);
    // Each table straight after its chart.
    for part in md.split("](charts/").skip(1) {
        let next = part.split("\n\n").nth(1).unwrap_or_default();
        assert!(
            next.starts_with("Table: Chart data: "),
            "{}",
            &part[..200.min(part.len())]
        );
    }

    // A misspelt placement is refused with the ones there are.
    let ex = Example::new();
    ex.plant(
        "report.yaml",
        "negatives: brackets",
        "negatives: brackets\nchart_data: appendx",
    );
    let checked = ex.check();
    let d = checked
        .diagnostics
        .iter()
        .find(|d| d.is_error())
        .expect("an error");
    assert_eq!(d.message, "unknown chart data placement `appendx`");

    // HTML: the caption under a chart is its description alone.
    let ex = Example::new();
    let checked = ex.check();
    let r = render_paper(&checked, PaperId::Report(0), None, None).unwrap();
    let html = text(&r, ".html");
    let captions: Vec<&str> = html
        .split("<figcaption>")
        .skip(1)
        .map(|c| c.split("</figcaption>").next().unwrap())
        .collect();
    assert_eq!(captions.len(), n);
    for c in captions {
        assert!(
            !c.contains("<strong>") && !c.contains("by year (£m)"),
            "{c}"
        );
    }
}

/// Issue 21: the HTML is set in the PDF's typeface, Noto Sans, embedded in the single file as
/// web fonts cut to the page's characters: every character of the page has its glyph, and
/// the fonts cost the page tens of kilobytes, not the 400 KB of the whole faces.
#[test]
fn the_html_embeds_noto_sans_cut_to_the_characters_of_the_page() {
    use base64::Engine;
    let ex = Example::new();
    let checked = ex.check();
    let r = render_paper(&checked, PaperId::Report(0), None, None).unwrap();
    let html = text(&r, ".html");
    let rules: Vec<&str> = html
        .split("@font-face {")
        .skip(1)
        .map(|r| r.split('}').next().unwrap())
        .collect();
    assert_eq!(
        rules.len(),
        2,
        "regular and bold (the page has no emphasis)"
    );
    let css: usize = rules.iter().map(|r| r.len()).sum();
    assert!(css < 48 * 1024, "{css} bytes of fonts");
    let body = html.split("<body>").nth(1).unwrap();
    // The page's text: everything outside tags (entities are ASCII).
    let mut visible = String::new();
    let mut in_tag = false;
    for c in body.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag && !c.is_whitespace() => visible.push(c),
            _ => {}
        }
    }
    assert!(visible.contains('£') && visible.contains('–'));
    for (rule, weight) in rules.iter().zip(["400", "700"]) {
        assert!(rule.contains("font-family: \"Noto Sans\""), "{rule:.80}");
        assert!(
            rule.contains(&format!("font-weight: {weight}")),
            "{rule:.80}"
        );
        let data = rule
            .split("data:font/ttf;base64,")
            .nth(1)
            .unwrap()
            .split(')')
            .next()
            .unwrap();
        let font = base64::engine::general_purpose::STANDARD
            .decode(data)
            .expect("base64");
        let face = ttf_parser::Face::parse(&font, 0).expect("a font");
        for c in visible.chars() {
            assert!(face.glyph_index(c).is_some(), "{c:?} ({:04X})", c as u32);
        }
    }
    assert!(
        html.contains("font-family: \"Noto Sans\", Arial"),
        "the page's own rule uses it"
    );
}
