//! Follow-up reports (monitoring, scenario, improvement plan): the bundled examples check with
//! only their sources' real oddities and build in all three formats; every slip of the
//! seed-faithful fixtures is found at its file, line and column; planted slips are caught; and
//! the printed variances and favourable / adverse labels follow the figures.

use crate::{listing, place, repo, Example};
use cabinet::codes::Code;
use cabinet::Checked;
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    repo().join("tests/fixtures/seed-faithful").join(name)
}

/// Checks a seed-faithful fixture alongside the bundled initiative files (approved profiles).
fn check_fixture(name: &str) -> Checked {
    cabinet::check_inputs(&[fixture(name), repo().join("inputs/initiatives")])
}

/// Every diagnostic about `file` as (line, column, code, message), sorted.
fn found(checked: &Checked, file: &str) -> Vec<(usize, usize, &'static str, String)> {
    let mut out: Vec<_> = checked
        .diagnostics
        .iter()
        .filter_map(|d| {
            let (f, l, c) = place(checked, d, &repo())?;
            f.ends_with(file)
                .then(|| (l, c, d.code.id(), d.message.clone()))
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

/// Asserts the diagnostics of a fixture are exactly `expected`: (marker, needle, nth) find
/// the place, then the code and the exact message.
fn assert_caught(name: &str, expected: &[(&str, &str, usize, Code, &str)]) {
    let checked = check_fixture(name);
    let path = fixture(name);
    let mut want: Vec<_> = expected
        .iter()
        .map(|(marker, needle, nth, code, message)| {
            let (l, c) = spot(&path, marker, needle, *nth);
            (l, c, code.id(), message.to_string())
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
    let ours: Vec<String> = crate::errors::short(&checked, &repo())
        .into_iter()
        .filter(|l| !l.starts_with("inputs/initiatives/") && !l.starts_with("inputs/report.yaml"))
        .collect();
    // Seed 000's £5.7m of mitigations adding to £5.571m, and its Table 1 of rounded
    // estimates; seed 001's £8.9m pressure of £8.3m, and its Table 1 over-spends in £000.
    assert_eq!(
        ours,
        [
            "inputs/monitoring-2018.yaml:135:19: warning[W0404]: In year mitigations: the stated total 5.700 is 0.129 more than its items, which add up to 5.571",
            "inputs/monitoring-2018.yaml:239:120: warning[W0208]: Table 1: Right Child, Right Care – estimated LAC numbers, April 2018 to March 2019: the total of `Discharges` is stated as -239 but the figures give -240 (a rounding difference of 1)",
            "inputs/monitoring-2018.yaml:241:72: warning[W0208]: Table 1: Right Child, Right Care – estimated LAC numbers, April 2018 to March 2019: `LAC reduction` for May is stated as -5 but the figures give -6 (a rounding difference of 1)",
            "inputs/monitoring-2018.yaml:241:76: warning[W0208]: Table 1: Right Child, Right Care – estimated LAC numbers, April 2018 to March 2019: `LAC reduction` for Jun is stated as -9 but the figures give -10 (a rounding difference of 1)",
            "inputs/monitoring-2018.yaml:241:80: warning[W0208]: Table 1: Right Child, Right Care – estimated LAC numbers, April 2018 to March 2019: `LAC reduction` for Jul is stated as -10 but the figures give -9 (a rounding difference of 1)",
            "inputs/monitoring-2018.yaml:241:107: warning[W0208]: Table 1: Right Child, Right Care – estimated LAC numbers, April 2018 to March 2019: `LAC reduction` for Jan is stated as -5 but the figures give -4 (a rounding difference of 1)",
            "inputs/monitoring-2018.yaml:241:127: warning[W0208]: Table 1: Right Child, Right Care – estimated LAC numbers, April 2018 to March 2019: the total of `LAC reduction` is stated as -151 but the figures give -152 (a rounding difference of 1)",
            "inputs/monitoring-2018.yaml:243:25: warning[W0208]: Table 1: Right Child, Right Care – estimated LAC numbers, April 2018 to March 2019: the closing number for Jun is stated as 590 but the figures give 589 (a rounding difference of 1)",
            "inputs/scenarios.yaml:44:69: warning[W0208]: 2013/14: the Over-spend (budget − actual) is stated as (3,379) but the figures give (3,380) (a rounding difference of 1)",
            "inputs/scenarios.yaml:46:70: warning[W0208]: 2015/16: the Over-spend (budget − actual) is stated as (6,000) but the figures give (6,001) (a rounding difference of 1)",
            "inputs/scenarios.yaml:47:70: warning[W0208]: 2016/17: the Over-spend (budget − actual) is stated as (6,603) but the figures give (6,602) (a rounding difference of 1)",
            "inputs/scenarios.yaml:78:19: warning[W0404]: Care and Protection budget pressure: the stated total 8,900 is 600 more than its items, which add up to 8,300",
        ]
    );
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
                "CYPS 2: the saving line (`Cost Reduction (Gross £m)`) appears twice",
            ),
            (
                "type: net, label: Cost Reduction (Net £m), target: (0.402)",
                "{",
                0,
                Code::DuplicateLine,
                "CYPS 2: the net line (`Cost Reduction (Net £m)`) appears twice",
            ),
            // CYPS 6: a variance where target equals forecast, twice; (880.0) for (0.088), told
            // once as out of scale (not again as a net that does not add up, or off the profile).
            (
                "target: (0.088), forecast: (0.088), variance: (0.044)",
                "(0.044)",
                0,
                Code::VarianceMismatch,
                "CYPS 6 Cost Reduction (Net) (£m): target and forecast are both (0.088), so there is no variance, but (0.044) is stated",
            ),
            (net, "(0.044)", 0, Code::VarianceMismatch, "CYPS 6 Net Saving: target and forecast are both (880.0), so there is no variance, but (0.044) is stated"),
            (net, "(880.0)", 0, Code::OutOfScale, "CYPS 6 Net Saving target: (880.0) is 1,000 times or more the typical figure of this table (0.088)"),
            (net, "(880.0)", 1, Code::OutOfScale, "CYPS 6 Net Saving forecast: (880.0) is 1,000 times or more the typical figure of this table (0.088)"),
            // CYPS 9: the 2017/18 saving copied into 2018/19, and the net that follows it.
            (
                "target: (0.330)",
                "(0.330)",
                0,
                Code::TargetOffProfile,
                "CYPS 9 Cost Reduction (Net) (£m): the target (0.330) differs from the approved profile ((0.385) in CYPS 9's file, as the change on the year before)",
            ),
            (
                "target: (0.780)",
                "(0.780)",
                0,
                Code::TargetOffProfile,
                "CYPS 9 Net Saving: the target (0.780) differs from the approved profile ((0.835) in CYPS 9's file, as the change on the year before)",
            ),
            // Mitigations of "an estimated £5.7m" whose items add to £5.571m.
            (
                "stated_total: 5.700",
                "5.700",
                0,
                Code::ItemsTotalMismatch,
                "the total of In year mitigations is stated as 5.700 but the figures give 5.571 (a difference of 0.129)",
            ),
            // Table 1's rounded figures, not declared `rounded`.
            (
                "label: Discharges, group: flow",
                "-239",
                0,
                Code::MonthlyMismatch,
                "Table 1: Right Child, Right Care – estimated LAC numbers, April 2018 to March 2019: the total of `Discharges` is stated as -239 but the figures give -240 (a difference of 1)",
            ),
            (t1, "-151", 0, Code::MonthlyMismatch, "Table 1: Right Child, Right Care – estimated LAC numbers, April 2018 to March 2019: the total of `LAC reduction` is stated as -151 but the figures give -152 (a difference of 1)"),
            (t1, "-5", 0, Code::MonthlyMismatch, "Table 1: Right Child, Right Care – estimated LAC numbers, April 2018 to March 2019: `LAC reduction` for May is stated as -5 but the figures give -6 (a difference of 1)"),
            (t1, "-9", 0, Code::MonthlyMismatch, "Table 1: Right Child, Right Care – estimated LAC numbers, April 2018 to March 2019: `LAC reduction` for Jun is stated as -9 but the figures give -10 (a difference of 1)"),
            (t1, "-10", 0, Code::MonthlyMismatch, "Table 1: Right Child, Right Care – estimated LAC numbers, April 2018 to March 2019: `LAC reduction` for Jul is stated as -10 but the figures give -9 (a difference of 1)"),
            (t1, "-5", 1, Code::MonthlyMismatch, "Table 1: Right Child, Right Care – estimated LAC numbers, April 2018 to March 2019: `LAC reduction` for Jan is stated as -5 but the figures give -4 (a difference of 1)"),
            ("    closing: [605", "590", 0, Code::MonthlyMismatch, "Table 1: Right Child, Right Care – estimated LAC numbers, April 2018 to March 2019: the closing number for Jun is stated as 590 but the figures give 589 (a difference of 1)"),
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
                "the total of Care and Protection budget pressure is stated as 8,900 but the figures give 8,300 (a difference of 600)",
            ),
            (
                "year: 2013/14",
                "\"-3,379\"",
                0,
                Code::RoundingDifference,
                "2013/14: the Over-spend (budget − actual) is stated as (3,379) but the figures give (3,380) (a rounding difference of 1)",
            ),
            (
                "year: 2015/16",
                "\"-6,000\"",
                0,
                Code::RoundingDifference,
                "2015/16: the Over-spend (budget − actual) is stated as (6,000) but the figures give (6,001) (a rounding difference of 1)",
            ),
            (
                "year: 2016/17",
                "\"-6,603\"",
                0,
                Code::RoundingDifference,
                "2016/17: the Over-spend (budget − actual) is stated as (6,603) but the figures give (6,602) (a rounding difference of 1)",
            ),
        ],
    );
    assert_caught(
        "lac-sufficiency.yaml",
        &[("count: 7, of: 64", "10%", 0, Code::PercentMismatch, "Admissions in the past 3 months progressed by the Duty and Assessment Service (3.2): 7 of 64 is stated as 10% but is 10.9%")],
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

/// Plants one slip in a copy of the examples and returns what `check` prints about that
/// file, one line each (`file:line:col: severity[code]: message`).
fn planted(file: &str, from: &str, to: &str) -> Vec<String> {
    let ex = Example::all();
    ex.plant(file, from, to);
    let checked = ex.check();
    crate::errors::short(&checked, &ex.dir())
        .into_iter()
        .filter(|l| l.starts_with(&format!("{file}:")))
        .collect()
}

/// A slip planted in a bundled follow-up paper, and every line `check` then prints about
/// that file beyond what it prints about the unchanged file, exactly.
struct Slip {
    file: &'static str,
    from: &'static str,
    to: &'static str,
    expect: &'static [&'static str],
}

const SLIPS: &[Slip] = &[
    // On the annual basis a negative investment is a sign slip (seed 000 prints CYPS 9's
    // (0.450) on the incremental basis, where it is the fall from 0.900 to 0.450).
    Slip {
        file: "monitoring-2018.yaml",
        from: "basis: incremental  ",
        to: "basis: annual  ",
        expect: &[
            "monitoring-2018.yaml:45:61: warning[W0409]: CYPS 1A Investment (£m): the target 0.442 differs from the approved profile (1.718 in CYPS 1A's file)",
            "monitoring-2018.yaml:46:67: warning[W0409]: CYPS 1A Cost Reduction (Gross £m): the target (1.286) differs from the approved profile ((2.660) in CYPS 1A's file)",
            "monitoring-2018.yaml:47:62: warning[W0409]: CYPS 1A Cost Reduction (Net £m): the target (0.844) differs from the approved profile ((0.942) in CYPS 1A's file)",
            "monitoring-2018.yaml:59:61: warning[W0409]: CYPS 2 Investment (£m): the target 0.000 differs from the approved profile (0.164 in CYPS 2's file)",
            "monitoring-2018.yaml:60:67: warning[W0409]: CYPS 2 Cost Reduction (Gross £m): the target (0.462) differs from the approved profile ((0.627) in CYPS 2's file)",
            "monitoring-2018.yaml:61:62: warning[W0409]: CYPS 2 Cost Reduction (Net £m): the target (0.462) differs from the approved profile ((0.463) in CYPS 2's file)",
            "monitoring-2018.yaml:68:61: warning[W0409]: CYPS 3 Investment (£m): the target 0.051 differs from the approved profile (0.103 in CYPS 3's file)",
            "monitoring-2018.yaml:69:67: warning[W0409]: CYPS 3 Cost Reduction (Gross £m): the target (0.132) differs from the approved profile ((0.198) in CYPS 3's file)",
            "monitoring-2018.yaml:70:62: warning[W0409]: CYPS 3 Cost Reduction (Net £m): the target (0.081) differs from the approved profile ((0.095) in CYPS 3's file)",
            "monitoring-2018.yaml:83:61: warning[W0409]: CYPS 5 Investment (£m): the target 0.000 differs from the approved profile (0.350 in CYPS 5's file)",
            "monitoring-2018.yaml:84:67: warning[W0409]: CYPS 5 Cost Reduction (Net) (£m): the target (0.429) differs from the approved profile ((0.594) in CYPS 5's file)",
            "monitoring-2018.yaml:85:49: warning[W0409]: CYPS 5 Net Saving: the target (0.429) differs from the approved profile ((0.244) in CYPS 5's file)",
            "monitoring-2018.yaml:94:67: warning[W0409]: CYPS 6 Cost Reduction (Net) (£m): the target (0.088) differs from the approved profile ((0.132) in CYPS 6's file)",
            "monitoring-2018.yaml:95:49: warning[W0409]: CYPS 6 Net Saving: the target (0.088) differs from the approved profile ((0.132) in CYPS 6's file)",
            "monitoring-2018.yaml:111:61: error[E0205]: CYPS 9 Investment (£m): the target (0.450) has the wrong sign",
            "monitoring-2018.yaml:111:61: warning[W0409]: CYPS 9 Investment (£m): the target (0.450) differs from the approved profile (0.450 in CYPS 9's file)",
            "monitoring-2018.yaml:111:80: error[E0205]: CYPS 9 Investment (£m): the forecast (0.450) has the wrong sign",
            "monitoring-2018.yaml:112:67: warning[W0409]: CYPS 9 Cost Reduction (Net) (£m): the target (0.385) differs from the approved profile ((0.715) in CYPS 9's file)",
            "monitoring-2018.yaml:113:49: warning[W0409]: CYPS 9 Net Saving: the target (0.835) differs from the approved profile ((0.265) in CYPS 9's file)",
        ],
    },
    Slip {
        file: "monitoring-2018.yaml",
        from: "type: kpi, label: Agency",
        to: "type: kpis, label: Agency",
        expect: &[
            "monitoring-2018.yaml:114:17: error[E0107]: unknown line type `kpis`",
        ],
    },
    Slip {
        file: "monitoring-2018.yaml",
        from: "months: [Apr, May, Jun",
        to: "months: [Apr, Jun, Jun",
        expect: &[
            "monitoring-2018.yaml:234:19: error[E0408]: `Jun` does not follow `Apr`",
            "monitoring-2018.yaml:234:24: error[E0407]: the month `Jun` appears twice",
        ],
    },
    Slip {
        file: "monitoring-2018.yaml",
        from: "months: [Jan-18, Feb-18",
        to: "months: [Jan-18, Mar-18",
        expect: &[
            "monitoring-2018.yaml:270:22: error[E0408]: `Mar-18` does not follow `Jan-18`",
            "monitoring-2018.yaml:270:30: error[E0407]: the month `Mar-18` appears twice",
        ],
    },
    Slip {
        file: "monitoring-2018.yaml",
        from: "    unitemised: 0.129",
        to: "    unitemised: 0.229",
        expect: &[
            "monitoring-2018.yaml:135:19: error[E0403]: the total of In year mitigations is stated as 5.700 but the figures give 5.800 (a difference of 0.100)",
        ],
    },
    Slip {
        file: "monitoring-2018.yaml",
        from: "remaining: [601, 588",
        to: "remaining: [601, 589",
        expect: &[
            "monitoring-2018.yaml:282:22: error[E0405]: Table 2: Right Child, Right Care – target and actual discharges: number remaining for Feb-18 is stated as 589 but the figures give 588 (a difference of 1)",
        ],
    },
    Slip {
        file: "lac-sufficiency.yaml",
        from: "budget: 29.8, actual: 42.3, variance: 12.5",
        to: "budget: 29.8, actual: 42.3, variance: 11.5",
        expect: &[
            "lac-sufficiency.yaml:53:72: error[E0401]: the variance of Children In Care (actual − budget) is stated as 11.5 but the figures give 12.5 (a difference of 1.0)",
        ],
    },
    Slip {
        file: "lac-sufficiency.yaml",
        from: "count: 293, of: 607",
        to: "count: 293, of: 207",
        expect: &[
            "lac-sufficiency.yaml:89:7: error[E0107]: LAC in commissioned placements, January 2018 (2.2): 293 of 207 is not a proportion",
        ],
    },
    Slip {
        file: "scenarios.yaml",
        from: "variance: [\"-2,001\"",
        to: "variance: [\"-2,010\"",
        expect: &[
            "scenarios.yaml:58:18: error[E0401]: Best Case 2016/17: the Shortfall (budget − actual) is stated as (2,010) but the figures give (2,001) (a difference of 9)",
        ],
    },
    Slip {
        file: "scenarios.yaml",
        from: "years: [2016/17, 2017/18, 2018/19]",
        to: "years: [2016/17, 2018/19, 2019/20]",
        expect: &[
            "scenarios.yaml:50:20: error[E0103]: 2018/19 does not follow 2016/17",
        ],
    },
    Slip {
        file: "improvement-plan.yaml",
        from: "total_saving: \"1,329\"",
        to: "total_saving: \"1,339\"",
        expect: &[
            "improvement-plan.yaml:163:15: error[E0403]: the total target saving is stated as 1,339 but the figures give 1,329 (a difference of 10)",
        ],
    },
    Slip {
        file: "improvement-plan.yaml",
        from: "  - risk: Lack of Business Support Officer (BSO) capacity",
        to: "  - risk: Lack of Business Support Officer (BSO) capacity\n    likelihood: 2\n    impact: 2\n    rating: red",
        expect: &[
            "improvement-plan.yaml:206:13: error[E0402]: the RAG status is stated as Red but likelihood × impact make it Green",
        ],
    },
    Slip {
        file: "improvement-plan.yaml",
        from: "        saving: 95",
        to: "        saving: -95",
        // The negative saving is the slip; the total it throws out is not told again.
        expect: &[
            "improvement-plan.yaml:46:17: error[E0205]: objective 1: a target saving of (95.000) is negative",
        ],
    },
];

#[test]
fn planted_slips_are_caught() {
    let clean: Vec<String> = {
        let ex = Example::all();
        crate::errors::short(&ex.check(), &ex.dir())
    };
    let mut failures = Vec::new();
    for slip in SLIPS {
        let got: Vec<String> = planted(slip.file, slip.from, slip.to)
            .into_iter()
            .filter(|l| !clean.contains(l))
            .collect();
        if got != slip.expect {
            failures.push(format!(
                "{}: `{}`:\n  got:\n    {}\n  expected:\n    {}",
                slip.file,
                slip.to,
                got.join("\n    "),
                slip.expect.join("\n    ")
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
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
