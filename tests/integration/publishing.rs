//! Publishing safely (issue 17): nothing exempt reaches a public file, for every kind of paper
//! and every command that writes (`build`, `charts`, `pack`); a pack never mixes reports that
//! share a file name; outputs never collide; templates named by a paper file stay inside the
//! inputs and cannot reach the environment or put script in a page; text cannot move a chart;
//! and usage errors exit 2.

use crate::{cabinet, listing, Example};
use cabinet::codes::Code;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The bundled papers of each kind, with the file they are in.
const PAPERS: [&str; 6] = [
    "report.yaml",
    "budget-monitoring-2016-09.yaml",
    "monitoring-2018.yaml",
    "lac-sufficiency.yaml",
    "scenarios.yaml",
    "improvement-plan.yaml",
];

/// Every file under `dir`, by its name relative to `dir` (`/`-separated).
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(root, &p, out);
            } else {
                let rel = p.strip_prefix(root).expect("inside");
                let name = rel.to_string_lossy().replace('\\', "/");
                out.insert(name, std::fs::read(&p).expect("read"));
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

/// The text a reader (or a search engine) gets from a file: PDFs through `pdftotext`, Word
/// files from their XML.
fn readable(path: &Path, bytes: &[u8]) -> String {
    if path.extension().is_some_and(|e| e == "pdf") {
        let o = std::process::Command::new("pdftotext")
            .args([path.to_str().expect("utf-8"), "-"])
            .output();
        match o {
            Ok(o) => return String::from_utf8_lossy(&o.stdout).into_owned(),
            Err(e) if std::env::var_os("CI").is_some() => panic!("pdftotext is needed in CI: {e}"),
            Err(_) => return String::new(),
        }
    }
    if path.extension().is_some_and(|e| e == "docx") {
        // Compressed XML: the words as Word shows them.
        return crate::docx::text_of(path);
    }
    let text = String::from_utf8_lossy(bytes).into_owned();
    if path.extension().is_some_and(|e| e == "html") {
        return crate::html_text(&text);
    }
    if path.extension().is_some_and(|e| e == "svg") {
        // What the chart says (its title, description and labels), not its coordinates.
        let doc = roxmltree::Document::parse(&text).expect("SVG is XML");
        return doc
            .descendants()
            .filter_map(|n| n.text())
            .collect::<Vec<_>>()
            .join(" ");
    }
    text
}

/// The public files of an output folder: everything outside `exempt/` and cabinet's own
/// bookkeeping.
fn public_files(out: &Path) -> Vec<(String, String)> {
    tree(out)
        .into_iter()
        .filter(|(n, _)| !n.starts_with("exempt/") && !n.starts_with(".cabinet/"))
        .map(|(n, b)| {
            let text = readable(&out.join(&n), &b);
            (n, text)
        })
        .collect()
}

/// Figures (`1.234`, `(0.165)`, `12,458`) a Markdown file prints.
fn figures(md: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut cur = String::new();
    for c in md.chars().chain(std::iter::once(' ')) {
        if c.is_ascii_digit() || c == '.' || c == ',' {
            cur.push(c);
        } else {
            let t = cur.trim_matches(|c| c == '.' || c == ',');
            // Only figures distinctive enough to mean something: 5 characters with a decimal
            // point or a thousands comma (years, dates and paragraph numbers such as `3.2.1`
            // are not evidence).
            if t.len() >= 5 && (t.contains('.') || t.contains(',')) && t.matches('.').count() < 2 {
                out.insert(t.to_string());
            }
            cur.clear();
        }
    }
    out
}

/// Writes a marker sentence at the start of a paper's summary and marks it exempt.
fn make_exempt(ex: &Example, file: &str, marker: &str) {
    let path = ex.file(file);
    let text = std::fs::read_to_string(&path).expect("paper");
    let at = text.find("summary: |\n").expect("a summary block") + "summary: |\n".len();
    let indent: String = text[at..].chars().take_while(|c| *c == ' ').collect();
    let mut text = format!("{}{indent}{marker}\n\n{}", &text[..at], &text[at..]);
    if text.contains("\nexempt: false\n") {
        text = text.replacen("\nexempt: false\n", "\nexempt: { paragraph: 3 }\n", 1);
    } else {
        text.push_str("exempt:\n  paragraph: 3\n");
    }
    std::fs::write(&path, text).expect("write");
}

fn run_ok(ex: &Example, args: &[&str]) -> crate::Run {
    let run = cabinet(ex.tmp.path(), args);
    run.assert_code(0);
    run
}

/// Mark one paper of each kind exempt: no public file (Markdown, HTML, PDF, SVG, PNG, the
/// pack's PDFs and index) carries its text or any figure only it prints, whichever command
/// wrote the folder; and the build summary counts every exempt paper.
#[test]
fn an_exempt_paper_of_every_kind_stays_out_of_every_public_file() {
    let ex = Example::all();
    // First, public: what each paper prints that no other paper does.
    let out = ex.tmp.path().join("first");
    run_ok(
        &ex,
        &["build", "inputs", "--output", out.to_str().unwrap(), "-q"],
    );
    let md = |name: &str| std::fs::read_to_string(out.join(name)).expect(name);
    let stems: Vec<&str> = PAPERS.iter().map(|p| p.trim_end_matches(".yaml")).collect();
    let all_figures: Vec<BTreeSet<String>> = stems
        .iter()
        .map(|s| figures(&md(&format!("{s}.md"))))
        .collect();
    let exempt = [1usize, 2, 4, 5];
    let mut secret: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for &k in &exempt {
        let only: Vec<String> = all_figures[k]
            .iter()
            .filter(|f| (0..PAPERS.len()).all(|j| j == k || !all_figures[j].contains(*f)))
            .cloned()
            .collect();
        secret.insert(PAPERS[k], only);
    }
    // Most print figures of their own (the 2016 monitoring report prints none in tables).
    assert!(
        secret.values().filter(|f| !f.is_empty()).count() >= 3,
        "{secret:?}"
    );
    for &k in &exempt {
        make_exempt(
            &ex,
            PAPERS[k],
            &format!("SECRETMARK{k} not for publication."),
        );
    }
    // A pack with the exempt papers as exempt items, the cabinet report public.
    let mut pack = std::fs::read_to_string(ex.file("pack-2016-11-14.yaml")).expect("pack");
    pack = pack.replace(
        "  - number: 7\n    title: September Financial Monitoring Report 2016/17\n    report: budget-monitoring-2016-09.yaml\n",
        "  - number: 7\n    title: September Financial Monitoring Report 2016/17\n    report: budget-monitoring-2016-09.yaml\n    exempt: { paragraph: 3 }\n",
    );
    for (n, k) in [(10, 2usize), (11, 4), (12, 5)] {
        pack.push_str(&format!(
            "  - number: {n}\n    title: Item {n}\n    report: {}\n    exempt: {{ paragraph: 3 }}\n",
            PAPERS[k]
        ));
    }
    std::fs::write(ex.file("pack-2016-11-14.yaml"), pack).expect("pack");

    let out = ex.tmp.path().join("out");
    let o = out.to_str().unwrap();
    let build = run_ok(&ex, &["build", "inputs", "--output", o]);
    assert!(
        build
            .stderr
            .contains("built 7 report(s) (5 exempt, not for publication"),
        "{}",
        build.stderr
    );
    // PNGs too (from the exempt papers only: drawing every chart as a PNG is slow in a debug
    // build, and the route is the same whichever papers are beside them).
    let only_exempt = ex.tmp.path().join("exempt-inputs");
    std::fs::create_dir_all(&only_exempt).expect("folder");
    for &k in &exempt {
        std::fs::copy(ex.file(PAPERS[k]), only_exempt.join(PAPERS[k])).expect("copy");
    }
    run_ok(
        &ex,
        &["charts", "exempt-inputs", "--output", o, "--png", "1"],
    );
    assert!(
        tree(&out.join("exempt/charts"))
            .keys()
            .any(|n| n.ends_with(".png")),
        "the exempt papers' PNGs are drawn, under exempt/"
    );
    run_ok(&ex, &["pack", "inputs/pack-2016-11-14.yaml", "--output", o]);

    let files = public_files(&out);
    assert!(files.iter().any(|(n, _)| n == "pack-2016-11-14-public.pdf"));
    for (name, text) in &files {
        for &k in &exempt {
            let stem = stems[k];
            assert!(
                !name.contains(&format!("{stem}.")) && !name.contains(&format!("/{stem}-")),
                "{name} is a public output of exempt {stem}"
            );
            assert!(
                !text.contains(&format!("SECRETMARK{k}")),
                "{name} carries the text of {stem}"
            );
            if name.ends_with(".png") {
                continue;
            }
            let printed = figures(text);
            for f in &secret[PAPERS[k]] {
                assert!(!printed.contains(f), "{name} carries {f} of {stem}");
            }
        }
    }
    // They are all there, apart.
    let exempt_tree = tree(&out.join("exempt"));
    for &k in &exempt {
        for ext in ["md", "html", "pdf"] {
            assert!(
                exempt_tree.contains_key(&format!("{}.{ext}", stems[k])),
                "{}.{ext}",
                stems[k]
            );
        }
    }
    let exempt_pack = readable(
        &out.join("exempt/pack-2016-11-14-exempt.pdf"),
        &std::fs::read(out.join("exempt/pack-2016-11-14-exempt.pdf")).expect("exempt pack"),
    );
    if !exempt_pack.is_empty() {
        assert!(
            exempt_pack.contains("SECRETMARK2"),
            "the exempt pack has them"
        );
    }
}

/// A clerk's exempt marking on an agenda item keeps the paper out of the public folder even
/// when the paper's own file forgot to say so.
#[test]
fn an_item_a_pack_marks_exempt_is_built_as_exempt() {
    let ex = Example::all();
    let pack = std::fs::read_to_string(ex.file("pack-2016-11-14.yaml")).expect("pack");
    let pack = pack.replace(
        "    report: budget-monitoring-2016-09.yaml\n",
        "    report: budget-monitoring-2016-09.yaml\n    exempt: { paragraph: 1 }\n",
    );
    std::fs::write(ex.file("pack-2016-11-14.yaml"), pack).expect("pack");
    let out = ex.tmp.path().join("out");
    run_ok(
        &ex,
        &["build", "inputs", "--output", out.to_str().unwrap(), "-q"],
    );
    assert!(out.join("exempt/budget-monitoring-2016-09.pdf").is_file());
    assert!(!out.join("budget-monitoring-2016-09.pdf").exists());
}

/// Two reports with the same file name in different folders, one public and one exempt, in
/// one pack: the public pack is the same bytes every run and never shows the exempt report's
/// text, figures or charts.
#[test]
fn a_pack_never_mixes_same_named_public_and_exempt_reports() {
    let ex = Example::new();
    let dir = ex.dir();
    std::fs::create_dir_all(dir.join("secret/initiatives")).expect("folders");
    std::fs::rename(dir.join("report.yaml"), dir.join("public.yaml")).expect("move");
    std::fs::create_dir_all(dir.join("public")).expect("folder");
    std::fs::rename(dir.join("public.yaml"), dir.join("public/report.yaml")).expect("move");
    // The exempt report: its own initiative, with figures no public paper has, and its own
    // programme chart under the same chart name as the public one's.
    let init = std::fs::read_to_string(crate::example_dir().join("initiatives/cyps-2.yaml"))
        .expect("initiative")
        .replace("reference: CYPS 2", "reference: SECRET 1")
        .replace("title: Family Group Conferencing", "title: Covert Disposal");
    let init = scale_figures(&init);
    std::fs::write(dir.join("secret/initiatives/secret-1.yaml"), init).expect("write");
    let report = String::from(
        "kind: report\ncommittee: Cabinet\nmeeting_date: 2016-11-14\ntitle: SECRETTITLE land\n\
         summary: |\n  SECRETSUMMARY for members only.\nrecommendations:\n  - Note the report.\n\
         exempt:\n  paragraph: 3\ninitiatives: [SECRET 1]\n",
    );
    std::fs::write(dir.join("secret/report.yaml"), report).expect("write");
    let pack = String::from(
        "kind: pack\nauthority: Rotherham MBC\ncommittee: Cabinet\nmeeting_date: 2016-11-14\n\
         items:\n  - number: 1\n    title: MTFS\n    report: public/report.yaml\n\
         \x20 - number: 2\n    title: Land\n    report: secret/report.yaml\n    exempt: { paragraph: 3 }\n",
    );
    std::fs::write(dir.join("pack.yaml"), pack).expect("pack");
    let checked = ex.check();
    assert!(!checked.has_errors(), "{}", listing(&checked, &dir));

    let secret_figures = {
        let out = ex.tmp.path().join("probe");
        run_ok(
            &ex,
            &["build", "inputs", "--output", out.to_str().unwrap(), "-q"],
        );
        let md = std::fs::read_to_string(out.join("exempt/report.md")).expect("md");
        let public = std::fs::read_to_string(out.join("report.md")).expect("md");
        let public = figures(&public);
        figures(&md)
            .into_iter()
            .filter(|f| !public.contains(f))
            .collect::<Vec<_>>()
    };
    assert!(secret_figures.len() >= 5, "{secret_figures:?}");

    let mut first: Option<BTreeMap<String, Vec<u8>>> = None;
    for run in 0..20 {
        let out = ex.tmp.path().join(format!("pack{run}"));
        run_ok(
            &ex,
            &[
                "pack",
                "inputs/pack.yaml",
                "--output",
                out.to_str().unwrap(),
                "-q",
            ],
        );
        let files = tree(&out);
        let files: BTreeMap<String, Vec<u8>> = files
            .into_iter()
            .filter(|(n, _)| !n.starts_with(".cabinet/"))
            .collect();
        match &first {
            None => {
                for (name, text) in public_files(&out) {
                    for word in ["SECRETTITLE", "SECRETSUMMARY", "SECRET 1", "Covert"] {
                        assert!(!text.contains(word), "{name} carries {word}");
                    }
                    let printed = figures(&text);
                    for f in &secret_figures {
                        assert!(!printed.contains(f), "{name} carries {f}");
                    }
                }
                first = Some(files);
            }
            Some(f) => assert!(*f == files, "run {run} made different bytes"),
        }
    }
}

/// Multiplies every figure of an initiative file's finance and KPI rows by 7, so they are its
/// own (the file stays consistent: totals scale with their rows).
fn scale_figures(yaml: &str) -> String {
    yaml.lines()
        .map(|l| {
            let t = l.trim_start();
            if [
                "values:",
                "cumulative:",
                "total:",
                "funding_sought:",
                "savings:",
            ]
            .iter()
            .any(|k| t.starts_with(k))
                && !t.contains('~')
            {
                let mut out = String::new();
                let mut num = String::new();
                for c in l.chars().chain(std::iter::once('\n')) {
                    if c.is_ascii_digit() || c == '.' {
                        num.push(c);
                        continue;
                    }
                    if !num.is_empty() {
                        let dp = num.split('.').nth(1).map_or(0, str::len);
                        let v: f64 = num.parse().unwrap_or(0.0) * 7.0;
                        out.push_str(&format!("{v:.dp$}"));
                        num.clear();
                    }
                    if c != '\n' {
                        out.push(c);
                    }
                }
                out
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

/// A public report whose text names another report's chart does not show it: not in a
/// build, not in a pack.
#[test]
fn a_report_can_show_only_its_own_charts() {
    let ex = Example::all();
    ex.plant(
        "exempt-land-disposal.yaml",
        "initiatives: []",
        "initiatives: [CYPS 2]",
    );
    ex.plant(
        "budget-monitoring-2016-09.yaml",
        "summary: |\n",
        "summary: |\n  ![stolen](charts/exempt-land-disposal-cyps-2-profile.svg)\n\n",
    );
    let out = ex.tmp.path().join("out");
    let o = out.to_str().unwrap();
    let build = cabinet(ex.tmp.path(), &["build", "inputs", "--output", o, "-q"]);
    build.assert_code(1);
    assert!(build.stderr.contains("no such chart"), "{}", build.stderr);
    let pack = cabinet(
        ex.tmp.path(),
        &["pack", "inputs/pack-2016-11-14.yaml", "--output", o, "-q"],
    );
    pack.assert_code(1);
    assert!(pack.stderr.contains("no such chart"), "{}", pack.stderr);
    assert!(!out.join("pack-2016-11-14-public.pdf").exists());
}

/// Two papers or two charts that would write the same file: `check` names both, with line and
/// column, before anything is written.
#[test]
fn colliding_output_names_are_check_errors_naming_both_files() {
    struct Case {
        name: &'static str,
        files: &'static [(&'static str, &'static str)],
        /// (file, line, column) of the error, then of the other place.
        at: (&'static str, usize, usize),
        also: (&'static str, usize, usize),
        message: &'static str,
    }
    const REPORT: &str = "kind: report\ncommittee: Cabinet\nmeeting_date: 2016-11-14\ntitle: T\nsummary: S\nrecommendations: [Note]\ninitiatives: []\n";
    let cases = [
        Case {
            name: "same stem in two folders",
            files: &[("a/report.yaml", REPORT), ("b/report.yaml", REPORT)],
            at: ("b/report.yaml", 1, 1),
            also: ("a/report.yaml", 1, 1),
            message: "`{b/report.yaml}` and `{a/report.yaml}` would both write `report.md`, one replacing the other",
        },
        Case {
            name: "case and punctuation",
            files: &[("Report.yaml", REPORT), ("report!.yaml", REPORT)],
            at: ("report!.yaml", 1, 1),
            also: ("Report.yaml", 1, 1),
            message: "`{report!.yaml}` and `{Report.yaml}` would both write `report.md`, one replacing the other",
        },
    ];
    for case in cases {
        let tmp = tempfile::tempdir().expect("tmp");
        for (name, text) in case.files {
            let p = tmp.path().join(name);
            std::fs::create_dir_all(p.parent().expect("parent")).expect("dir");
            std::fs::write(p, text).expect("write");
        }
        let checked = cabinet::check_inputs(&[tmp.path().to_path_buf()]);
        let found: Vec<_> = checked
            .diagnostics
            .iter()
            .filter(|d| d.code == Code::OutputCollision)
            .collect();
        assert_eq!(
            found.len(),
            1,
            "{}: {}",
            case.name,
            listing(&checked, tmp.path())
        );
        let d = found[0];
        let at = crate::place(&checked, d, tmp.path()).expect("place");
        assert_eq!((at.0.as_str(), at.1, at.2), case.at, "{}", case.name);
        let other = d.secondary[0].clone();
        let rel = |f: cabinet::source::FileId| {
            let p = &checked.sources.get(f).path;
            p.strip_prefix(tmp.path())
                .unwrap_or(p)
                .to_string_lossy()
                .replace('\\', "/")
        };
        let (line, col) = checked.sources.line_col(other.file, other.span.start);
        assert_eq!(
            (rel(other.file).as_str(), line, col),
            case.also,
            "{}",
            case.name
        );
        let shown = |f: &str| tmp.path().join(f).display().to_string();
        let mut message = case.message.to_string();
        for (f, _) in case.files {
            message = message.replace(&format!("{{{f}}}"), &shown(f));
        }
        assert_eq!(d.message, message, "{}", case.name);
    }
}

/// Initiatives whose chart files would collide: references differing only in accents, or
/// only after the 60th character. The error points at both references.
#[test]
fn initiatives_whose_charts_collide_are_named_at_their_references() {
    let long = "CYPS ".to_string() + &"x".repeat(70);
    for (a, b) in [
        ("CYPS É", "CYPS È"),
        (
            format!("{long}1").leak() as &str,
            format!("{long}2").leak() as &str,
        ),
    ] {
        let ex = Example::new();
        ex.plant(
            "initiatives/cyps-2.yaml",
            "reference: CYPS 2",
            &format!("reference: \"{a}\""),
        );
        ex.plant(
            "initiatives/cyps-3.yaml",
            "reference: CYPS 3",
            &format!("reference: \"{b}\""),
        );
        ex.plant("report.yaml", "CYPS 2,", &format!("\"{a}\","));
        ex.plant("report.yaml", "CYPS 3,", &format!("\"{b}\","));
        let checked = ex.check();
        let found: Vec<_> = checked
            .diagnostics
            .iter()
            .filter(|d| d.code == Code::OutputCollision)
            .collect();
        assert_eq!(found.len(), 1, "{a}: {}", listing(&checked, &ex.dir()));
        let at = crate::place(&checked, found[0], &ex.dir()).expect("place");
        assert_eq!((at.0.as_str(), at.1), ("initiatives/cyps-3.yaml", 3), "{a}");
        assert!(
            found[0].message.contains("charts/report-"),
            "{}",
            found[0].message
        );
        let out = ex.tmp.path().join("out");
        cabinet(
            ex.tmp.path(),
            &["build", "inputs", "--output", out.to_str().unwrap(), "-q"],
        )
        .assert_code(1);
        assert!(!out.exists(), "nothing is written");
    }
}

/// A paper file's `templates:` may only name a folder inside the inputs; templates cannot
/// read the environment; a page template cannot put script in a page.
#[test]
fn templates_named_by_a_paper_stay_inside_the_inputs_and_cannot_run_or_read() {
    let ex = Example::new();
    let outside = ex.tmp.path().join("elsewhere");
    std::fs::create_dir_all(&outside).expect("dir");
    std::fs::write(
        outside.join("report.md.tera"),
        "{{ get_env(name=\"HOME\") }}",
    )
    .expect("t");
    ex.plant(
        "report.yaml",
        "exempt: false",
        "exempt: false\ntemplates: ../elsewhere",
    );
    let checked = ex.check();
    let d = checked
        .diagnostics
        .iter()
        .find(|d| d.code == Code::TemplatesOutsideInputs)
        .unwrap_or_else(|| panic!("{}", listing(&checked, &ex.dir())));
    let at = crate::place(&checked, d, &ex.dir()).expect("place");
    assert_eq!(at.0, "report.yaml");
    assert_eq!(
        d.message,
        "the templates folder `../elsewhere` is outside the input folder"
    );
    let out = ex.tmp.path().join("out");
    let o = out.to_str().unwrap();
    cabinet(ex.tmp.path(), &["build", "inputs", "--output", o, "-q"]).assert_code(1);

    // Inside the inputs: allowed, but `get_env` is refused...
    let inside = ex.file("templates");
    std::fs::create_dir_all(&inside).expect("dir");
    std::fs::write(
        inside.join("report.md.tera"),
        "{{ get_env(name=\"HOME\") }}",
    )
    .expect("t");
    ex.plant(
        "report.yaml",
        "templates: ../elsewhere",
        "templates: templates",
    );
    let run = cabinet(ex.tmp.path(), &["build", "inputs", "--output", o, "-q"]);
    run.assert_code(1);
    assert!(
        run.stderr
            .contains("`get_env()` is not available in cabinet templates"),
        "{}",
        run.stderr
    );
    // ...and a page template that writes script makes no page.
    std::fs::remove_file(inside.join("report.md.tera")).expect("rm");
    let page = cabinet::render::templates::BUILT_IN
        .iter()
        .find(|(n, _)| *n == "report.html.tera")
        .expect("page")
        .1
        .replacen(
            "</body>",
            "<script>fetch('//evil.example')</script></body>",
            1,
        );
    std::fs::write(inside.join("report.html.tera"), page).expect("t");
    let run = cabinet(ex.tmp.path(), &["build", "inputs", "--output", o, "-q"]);
    run.assert_code(1);
    assert!(
        run.stderr.contains("a `<script>` element"),
        "{}",
        run.stderr
    );
    assert!(!out.exists(), "nothing is written");
}

/// Narrative that spells a chart placeholder (old or new form) stays text: every chart is
/// inlined once, where its figure is.
#[test]
fn narrative_cannot_move_a_chart() {
    let ex = Example::new();
    ex.plant(
        "report.yaml",
        "  background: |\n",
        "  background: |\n    cabinet-chart-placeholder-0-7f3a and cabinet-chart-0 and [link](cabinet-chart-1)\n\n",
    );
    let out = ex.tmp.path().join("out");
    run_ok(
        &ex,
        &["build", "inputs", "--output", out.to_str().unwrap(), "-q"],
    );
    let page = std::fs::read_to_string(out.join("report.html")).expect("page");
    let charts = std::fs::read_dir(out.join("charts"))
        .expect("charts")
        .count();
    assert_eq!(page.matches("<svg").count(), charts);
    assert_eq!(
        page.matches("<figure class=\"chart\">\n<svg").count(),
        charts,
        "each chart in its figure"
    );
    assert!(page.contains("cabinet-chart-placeholder-0-7f3a and cabinet-chart-0"));
}

/// Control characters written as YAML escapes are errors at their place, in every kind of
/// file, alongside the file's other problems.
#[test]
fn control_characters_are_refused_at_their_place() {
    let ex = Example::all();
    ex.plant(
        "initiatives/cyps-2.yaml",
        "title: Family Group Conferencing",
        "title: \"Family \\a Group \\e[31m\"",
    );
    ex.plant(
        "monitoring-2018.yaml",
        "title: \"16/17 Budget",
        "title: \"\\0 16/17 Budget",
    );
    ex.plant("initiatives/cyps-2.yaml", "(0.463)", "(0.643)");
    let checked = ex.check();
    let found: Vec<_> = checked
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::ControlCharacter)
        .map(|d| crate::place(&checked, d, &ex.dir()).expect("place"))
        .collect();
    assert_eq!(
        found,
        [
            ("initiatives/cyps-2.yaml".to_string(), 6, 8),
            ("monitoring-2018.yaml".to_string(), 31, 8)
        ]
    );
    assert!(
        checked
            .diagnostics
            .iter()
            .any(|d| d.code == Code::NetMismatch),
        "the file's other problems are still reported"
    );
}

/// Every HTML page and SVG chart of every example, and of a hostile one, parses: SVG as XML,
/// HTML with no tokenizer error and balanced elements.
#[test]
fn every_svg_is_xml_and_every_page_parses() {
    let ex = Example::all();
    let evil = "<b>&amp;</b> ]]> <!-- --> \u{a0} ' \" < > & 😀 \u{200b}";
    ex.plant(
        "initiatives/cyps-2.yaml",
        "title: Family Group Conferencing",
        &format!("title: '{}'", evil.replace('\'', "''")),
    );
    let out = ex.tmp.path().join("out");
    run_ok(
        &ex,
        &["build", "inputs", "--output", out.to_str().unwrap(), "-q"],
    );
    let mut seen = (0, 0);
    for (name, bytes) in tree(&out) {
        let text = String::from_utf8(bytes).unwrap_or_default();
        if name.ends_with(".svg") {
            roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
            seen.0 += 1;
        } else if name.ends_with(".html") {
            if let Err(e) = crate::html_parses(&text) {
                panic!("{name}: {e}");
            }
            seen.1 += 1;
        }
    }
    assert!(seen.0 >= 26 && seen.1 == 7, "{seen:?}");
}

/// Usage errors exit 2, as the README says.
#[test]
fn usage_errors_exit_2() {
    let ex = Example::all();
    let run = cabinet(
        ex.tmp.path(),
        &["build", "inputs", "--templates", "no-such-folder", "-q"],
    );
    run.assert_code(2);
    assert!(run
        .stderr
        .contains("the templates folder `no-such-folder` does not exist"));
    let run = cabinet(ex.tmp.path(), &["pack", "no-such-pack.yaml"]);
    run.assert_code(2);
    assert!(
        run.stderr
            .contains("there is no pack file `no-such-pack.yaml`"),
        "{}",
        run.stderr
    );
    std::fs::remove_file(ex.file("pack-2016-11-14.yaml")).expect("rm");
    let run = cabinet(ex.tmp.path(), &["pack"]);
    run.assert_code(2);
    assert!(
        run.stderr.contains("there is no `kind: pack` file"),
        "{}",
        run.stderr
    );
}
