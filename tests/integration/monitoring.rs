//! Follow-up reports (monitoring, scenario, improvement plan): the bundled examples check with
//! only their sources' real oddities and build in all three formats; every slip of the
//! seed-faithful fixtures is found at its file, line and column; planted slips are caught; and
//! the printed variances and favourable / adverse labels follow the figures.

use crate::{listing, place, repo, Example};
use cabinet::codes::Code;
use cabinet::Checked;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    repo().join("tests/fixtures/seed-faithful").join(name)
}

/// Checks a seed-faithful fixture alongside the bundled initiative files (approved profiles).
fn check_fixture(name: &str) -> Checked {
    cabinet::check_inputs(&[fixture(name), repo().join("inputs/initiatives")])
}

/// Every diagnostic about `file` as (line, column, code), sorted.
fn found(checked: &Checked, file: &str) -> Vec<(usize, usize, &'static str)> {
    let mut out: Vec<_> = checked
        .diagnostics
        .iter()
        .filter_map(|d| {
            let (f, l, c) = place(checked, d, &repo())?;
            f.ends_with(file).then_some((l, c, d.code.id()))
        })
        .collect();
    out.sort();
    out
}

/// The 1-based line and column of the `nth` (0-based) `needle` on the first line of `path`
/// that contains `marker`.
fn spot(path: &Path, marker: &str, needle: &str, nth: usize) -> (usize, usize) {
    let text = std::fs::read_to_string(path).expect("fixture");
    let (i, line) = text
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains(marker))
        .unwrap_or_else(|| panic!("no line with `{marker}` in {}", path.display()));
    let byte = line
        .match_indices(needle)
        .nth(nth)
        .unwrap_or_else(|| panic!("no `{needle}` #{nth} on line {}", i + 1))
        .0;
    (i + 1, line[..byte].chars().count() + 1)
}

/// Asserts the diagnostics of a fixture are exactly `expected` (marker, needle, nth, code).
fn assert_caught(name: &str, expected: &[(&str, &str, usize, Code)]) {
    let checked = check_fixture(name);
    let path = fixture(name);
    let mut want: Vec<_> = expected
        .iter()
        .map(|(marker, needle, nth, code)| {
            let (l, c) = spot(&path, marker, needle, *nth);
            (l, c, code.id())
        })
        .collect();
    want.sort();
    assert_eq!(
        found(&checked, name),
        want,
        "\n{}",
        listing(&checked, &repo())
    );
}

#[test]
fn bundled_examples_check_with_only_their_sources_oddities() {
    let checked = cabinet::check_inputs(&[repo().join("inputs")]);
    assert!(!checked.has_errors(), "{}", listing(&checked, &repo()));
    let f = &checked.workspace.follow_ups;
    assert_eq!(
        (f.monitoring.len(), f.scenarios.len(), f.plans.len()),
        (2, 1, 1)
    );
    let mut by_file: BTreeMap<(String, &str), usize> = BTreeMap::new();
    for d in &checked.diagnostics {
        let (file, _, _) = place(&checked, d, &repo()).expect("located");
        *by_file.entry((file, d.code.id())).or_default() += 1;
    }
    let ours: Vec<_> = by_file
        .into_iter()
        .filter(|((f, _), _)| !f.contains("initiatives/") && !f.ends_with("report.yaml"))
        .map(|((f, c), n)| (f, c, n))
        .collect();
    // Seed 000's £5.7m of mitigations adding to £5.571m, and its Table 1 of rounded
    // estimates; seed 001's £8.9m pressure of £8.3m, and its Table 1 over-spends in £000.
    let expect = [
        ("inputs/monitoring-2018.yaml", "W0208", 7),
        ("inputs/monitoring-2018.yaml", "W0404", 1),
        ("inputs/scenarios.yaml", "W0208", 3),
        ("inputs/scenarios.yaml", "W0404", 1),
    ];
    let expect: Vec<_> = expect
        .iter()
        .map(|(f, c, n)| (f.to_string(), *c, *n))
        .collect();
    assert_eq!(ours, expect, "{}", listing(&checked, &repo()));
}

#[test]
fn seed_000_slips_are_each_found_where_they_are() {
    let net = "label: Net Saving, target: (880.0)";
    let t1 = "label: LAC reduction, group: flow";
    assert_caught(
        "monitoring-2018.yaml",
        &[
            // CYPS 2: both Cost Reduction rows printed twice, once with (0.402).
            (
                "type: saving, label: Cost Reduction (Gross £m), target: (0.402)",
                "{",
                0,
                Code::DuplicateLine,
            ),
            (
                "type: net, label: Cost Reduction (Net £m), target: (0.402)",
                "{",
                0,
                Code::DuplicateLine,
            ),
            // CYPS 6: a variance where target equals forecast, twice; (880.0) for (0.088).
            (
                "target: (0.088), forecast: (0.088), variance: (0.044)",
                "(0.044)",
                0,
                Code::VarianceMismatch,
            ),
            (net, "(0.044)", 0, Code::VarianceMismatch),
            (net, "(880.0)", 0, Code::OutOfScale),
            (net, "(880.0)", 1, Code::OutOfScale),
            (net, "(880.0)", 0, Code::NetMismatch),
            (net, "(880.0)", 1, Code::NetMismatch),
            (net, "(880.0)", 0, Code::TargetOffProfile),
            // CYPS 9: the 2017/18 saving copied into 2018/19, and the net that follows it.
            ("target: (0.330)", "(0.330)", 0, Code::TargetOffProfile),
            ("target: (0.780)", "(0.780)", 0, Code::TargetOffProfile),
            // Mitigations of "an estimated £5.7m" whose items add to £5.571m.
            ("stated_total: 5.700", "5.700", 0, Code::ItemsTotalMismatch),
            // Table 1's rounded figures, not declared `rounded`.
            (
                "label: Discharges, group: flow",
                "-239",
                0,
                Code::MonthlyMismatch,
            ),
            (t1, "-151", 0, Code::MonthlyMismatch),
            (t1, "-5", 0, Code::MonthlyMismatch),
            (t1, "-9", 0, Code::MonthlyMismatch),
            (t1, "-10", 0, Code::MonthlyMismatch),
            (t1, "-5", 1, Code::MonthlyMismatch),
            ("    closing: [605", "590", 0, Code::MonthlyMismatch),
        ],
    );
}

#[test]
fn seed_001_002_and_003_slips_are_found_and_nothing_else() {
    assert_caught(
        "scenarios.yaml",
        &[
            (
                "stated_total: \"8,900\"",
                "\"8,900\"",
                0,
                Code::ItemsTotalMismatch,
            ),
            ("year: 2013/14", "\"-3,379\"", 0, Code::RoundingDifference),
            ("year: 2015/16", "\"-6,000\"", 0, Code::RoundingDifference),
            ("year: 2016/17", "\"-6,603\"", 0, Code::RoundingDifference),
        ],
    );
    assert_caught(
        "lac-sufficiency.yaml",
        &[("count: 7, of: 64", "10%", 0, Code::PercentMismatch)],
    );
    assert_caught("improvement-plan.yaml", &[]);
}

fn build(ex: &Example) -> PathBuf {
    let checked = ex.check();
    assert!(!checked.has_errors(), "{}", listing(&checked, &ex.dir()));
    let out = ex.tmp.path().join("output");
    let all: Vec<cabinet::model::PaperId> = checked.workspace.papers().collect();
    cabinet::build::run(&checked, &all, &out, None).expect("build");
    out
}

fn read(out: &Path, name: &str) -> String {
    std::fs::read_to_string(out.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

#[test]
fn build_renders_all_four_kinds_in_three_formats() {
    let ex = Example::all();
    let out = build(&ex);
    for stem in [
        "monitoring-2018",
        "lac-sufficiency",
        "scenarios",
        "improvement-plan",
    ] {
        let pdf = std::fs::read(out.join(format!("{stem}.pdf"))).expect("pdf");
        assert!(pdf.starts_with(b"%PDF-"), "{stem}.pdf");
        let html = read(&out, &format!("{stem}.html"));
        assert!(html.contains("<caption>"), "{stem}.html");
        if stem != "lac-sufficiency" {
            assert!(html.contains("<svg"), "{stem}.html has no chart");
        }
        assert!(
            read(&out, &format!("{stem}.md")).contains("### Rounding"),
            "{stem}.md"
        );
    }
    let md = read(&out, "monitoring-2018.md");
    // Seed 000's correct rows, with computed variances and labels.
    for row in [
        "| Investment (£m) | 0.442 | 0.442 | 0.442 | 0.000 | On target |",
        "| **Cost Reduction (Net £m)** | **(0.844)** | **(0.844)** | **(0.844)** | **0.000** | **On target** |",
        "| **Net Saving** | **(0.088)** | **(0.088)** | **(0.088)** | **0.000** | **On target** |",
        "| Investment (£m) | (0.450) | (0.450) | (0.450) | 0.000 | On target |",
        "| LAC Reduction | 27 | 27 | 27 | 0 | On target |",
        "| **Total of the items** | **5.571** |",
        "| Not itemised in the source | 0.129 |",
        "| **Total as stated** | **5.700** |",
        "| **Total actual** | **3** | **13** | **23** |",
        "| Reduction on the starting number | 0.5% | 2.6% | 6.5% |",
        "| LAC reduction (as printed in the source) | −11 | −5 | −9 |",
    ] {
        assert!(md.contains(row), "missing `{row}` in\n{md}");
    }
    assert!(md.contains("![") && md.contains("(charts/monitoring-2018-net-by-initiative.svg"));
    let lac = read(&out, "lac-sufficiency.md");
    assert!(
        lac.contains("| Children In Care | 29.8 | 42.3 | 12.5 | Overspend | Red |"),
        "{lac}"
    );
    assert!(lac.contains("| Admissions in the past 3 months progressed by the Duty and Assessment Service (3.2) | 7 | 64 | 11% |"));
    let sc = read(&out, "scenarios.md");
    assert!(
        sc.contains(
            "| 2016/17 | 16,672 | 18,673 | (2,001) | 18,781 | (2,109) | 18,981 | (2,309) |"
        ),
        "{sc}"
    );
    assert!(
        sc.contains("| 2013/14 | 9,999 | 13,379 | (3,380) | 347 | 342 |"),
        "{sc}"
    );
    let plan = read(&out, "improvement-plan.md");
    assert!(plan.contains("| **Total** | **1,329** |"), "{plan}");
    assert!(plan.contains("**£8k + £106k + £10k = £124k**"), "{plan}");
}

#[test]
fn favourable_adverse_and_rag_follow_the_figures() {
    let ex = Example::all();
    let f = "monitoring-2018.yaml";
    ex.plant(
        f,
        "target: 0.442, forecast: 0.442, variance: 0.000",
        "target: 0.442, forecast: 0.500, variance: 0.058",
    )
    .plant(
        f,
        "target: (1.286), forecast: (1.286), variance: 0.000",
        "target: (1.286), forecast: (1.386), variance: (0.100)",
    )
    .plant(
        f,
        "target: (0.844), forecast: (0.844), variance: 0.000",
        "target: (0.844), forecast: (0.886), variance: (0.042)",
    )
    .plant(
        f,
        "Additional Foster Placements, target: 15, forecast: 15, variance: 0",
        "Additional Foster Placements, target: 15, forecast: 12, variance: -3",
    )
    // CYPS 3: a saving of 0.100 against 0.132 leaves the net 0.032 (40%) adverse: red.
    .plant(
        f,
        "target: (0.132), forecast: (0.132), variance: 0.000",
        "target: (0.132), forecast: (0.100), variance: 0.032",
    )
    .plant(
        f,
        "target: (0.081), forecast: (0.081), variance: 0.000 }",
        "target: (0.081), forecast: (0.049), variance: 0.032 }",
    )
    .plant(
        f,
        "    title: \"Special Guardianship Looked After Children\"",
        "    title: Special Guardianship Looked After Children\n    rag: red",
    );
    let out = build(&ex);
    let md = read(&out, "monitoring-2018.md");
    for row in [
        "| Investment (£m) | 0.442 | 0.500 | 0.442 | 0.058 | Adverse |",
        "| Cost Reduction (Gross £m) | (1.286) | (1.386) | (1.286) | (0.100) | Favourable |",
        "| **Cost Reduction (Net £m)** | **(0.844)** | **(0.886)** | **(0.844)** | **(0.042)** | **Favourable** |",
        "| Additional Foster Placements | 15 | 12 |  | −3 | Adverse |",
        "| CYPS 3 – Special Guardianship Looked After Children | (0.081) | (0.049) | 0.032 | Adverse | Red |",
    ] {
        assert!(md.contains(row), "missing `{row}` in\n{md}");
    }
    // A stated status the figures do not support is an error, pointing at it.
    ex.plant(f, "    rag: red", "    rag: amber");
    let checked = ex.check();
    let d = checked
        .diagnostics
        .iter()
        .find(|d| d.code == Code::RagMismatch)
        .expect("E0402");
    let (_, line, col) = place(&checked, d, &ex.dir()).unwrap();
    assert_eq!((line, col), spot(&ex.file(f), "    rag: amber", "amber", 0));
}

/// Plants one slip in a copy of the examples and returns the codes found in that file.
fn planted(file: &str, from: &str, to: &str) -> Vec<&'static str> {
    let ex = Example::all();
    ex.plant(file, from, to);
    let checked = ex.check();
    found(&checked, file)
        .into_iter()
        .map(|(_, _, c)| c)
        .collect()
}

#[test]
fn planted_slips_are_caught() {
    // On the annual basis a negative investment is a sign slip (seed 000 prints CYPS 9's
    // (0.450) on the incremental basis, where it is the fall from 0.900 to 0.450).
    let codes = planted(
        "monitoring-2018.yaml",
        "basis: incremental  ",
        "basis: annual  ",
    );
    assert!(codes.contains(&"E0205"), "{codes:?}");
    for (file, from, to, code) in [
        ("monitoring-2018.yaml", "type: kpi, label: Agency", "type: kpis, label: Agency", "E0107"),
        ("monitoring-2018.yaml", "months: [Apr, May, Jun", "months: [Apr, Jun, Jun", "E0407"),
        ("monitoring-2018.yaml", "months: [Jan-18, Feb-18", "months: [Jan-18, Mar-18", "E0408"),
        ("monitoring-2018.yaml", "    unitemised: 0.129", "    unitemised: 0.229", "E0403"),
        ("monitoring-2018.yaml", "remaining: [601, 588", "remaining: [601, 589", "E0405"),
        ("lac-sufficiency.yaml", "budget: 29.8, actual: 42.3, variance: 12.5", "budget: 29.8, actual: 42.3, variance: 11.5", "E0401"),
        ("lac-sufficiency.yaml", "count: 293, of: 607", "count: 293, of: 207", "E0107"),
        ("scenarios.yaml", "variance: [\"-2,001\"", "variance: [\"-2,010\"", "E0401"),
        ("scenarios.yaml", "years: [2016/17, 2017/18, 2018/19]", "years: [2016/17, 2018/19, 2019/20]", "E0103"),
        ("improvement-plan.yaml", "total_saving: \"1,329\"", "total_saving: \"1,339\"", "E0403"),
        ("improvement-plan.yaml", "  - risk: Lack of Business Support Officer (BSO) capacity", "  - risk: Lack of Business Support Officer (BSO) capacity\n    likelihood: 2\n    impact: 2\n    rating: red", "E0402"),
        ("improvement-plan.yaml", "        saving: 95", "        saving: -95", "E0205"),
    ] {
        let codes = planted(file, from, to);
        assert!(codes.contains(&code), "{file}: `{to}` should give {code}, got {codes:?}");
    }
}

#[test]
fn the_examples_validate_against_their_json_schemas() {
    for (file, kind) in [
        ("monitoring-2018.yaml", "monitoring"),
        ("lac-sufficiency.yaml", "monitoring"),
        ("scenarios.yaml", "scenario"),
        ("improvement-plan.yaml", "improvement-plan"),
    ] {
        let schema: serde_json::Value =
            serde_json::from_str(&cabinet::monitoring::schema(kind).expect("a kind")).unwrap();
        let v = jsonschema::validator_for(&schema).expect("schema compiles");
        let text = std::fs::read_to_string(repo().join("inputs").join(file)).unwrap();
        let doc: serde_json::Value = serde_saphyr::from_str(&text).unwrap();
        let errors: Vec<String> = v
            .iter_errors(&doc)
            .map(|e| format!("{e} at {}", e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{file}: {errors:?}");
        let mut bad = doc.clone();
        bad["lines_typo"] = serde_json::json!(1);
        assert!(
            v.iter_errors(&bad).count() >= 1,
            "{file}: unknown keys are refused"
        );
    }
    assert!(cabinet::monitoring::schema("report").is_none());
}
