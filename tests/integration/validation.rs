//! One row per rule, in the style of just's `analysis_error!`: take a copy of the real example,
//! plant one slip, check, and assert the diagnostic's code, severity, file, line and column,
//! and that no error appears other than the ones the slip is known to cause.

use crate::{check_bin, listing, place, Example};
use cabinet::codes::Code;
use cabinet::diagnostic::Severity;

/// One planted slip and what `check` must say about it.
struct Case {
    /// File of the example (relative to `inputs/`) the slip is planted in.
    file: &'static str,
    /// Text that occurs exactly once in `file`, and what it becomes.
    from: &'static str,
    to: &'static str,
    /// A second slip, in another file, for rules about two files: (file, from, to).
    and: Option<(&'static str, &'static str, &'static str)>,
    code: Code,
    severity: Severity,
    /// Where the diagnostic points: file relative to `inputs/`, 1-based line and column.
    at: (&'static str, usize, usize),
    /// Other errors the same slip is bound to cause (a stated figure that no longer adds up,
    /// say), by code. Any error not listed here fails the case.
    also: &'static [Code],
    /// Text that must appear in the message.
    message: &'static str,
    /// Text that must appear in one of the hints.
    hint: &'static str,
    /// Also run the binary on the copy and check its exit code and short output.
    binary: bool,
}

impl Case {
    const DEFAULT: Case = Case {
        file: "",
        from: "",
        to: "",
        and: None,
        code: Code::Io,
        severity: Severity::Error,
        at: ("", 0, 0),
        also: &[],
        message: "",
        hint: "",
        binary: false,
    };

    fn run(&self, name: &str) {
        let ex = Example::new();
        ex.plant(self.file, self.from, self.to);
        if let Some((file, from, to)) = self.and {
            ex.plant(file, from, to);
        }
        let checked = ex.check();
        let root = ex.dir();
        let all = listing(&checked, &root);
        let (file, line, col) = self.at;

        let found: Vec<usize> = checked
            .diagnostics
            .iter()
            .enumerate()
            .filter(|(_, d)| d.code == self.code)
            .filter(|(_, d)| place(&checked, d, &root) == Some((file.to_string(), line, col)))
            .map(|(i, _)| i)
            .collect();
        assert_eq!(
            found.len(),
            1,
            "{name}: expected exactly one {} at {file}:{line}:{col}; got:\n{all}",
            self.code.id()
        );
        let d = &checked.diagnostics[found[0]];
        assert_eq!(
            d.severity,
            self.severity,
            "{name}: severity of {}\n{all}",
            self.code.id()
        );
        assert!(
            d.message.contains(self.message),
            "{name}: message `{}` should contain `{}`",
            d.message,
            self.message
        );
        assert!(
            self.hint.is_empty() || d.hints.iter().any(|h| h.contains(self.hint)),
            "{name}: hints {:?} should contain `{}`",
            d.hints,
            self.hint
        );
        let mut others: Vec<Code> = checked
            .diagnostics
            .iter()
            .enumerate()
            .filter(|(i, d)| *i != found[0] && d.is_error())
            .map(|(_, d)| d.code)
            .collect();
        others.sort();
        let mut also = self.also.to_vec();
        also.sort();
        assert_eq!(others, also, "{name}: other errors\n{all}");

        if self.binary {
            let cwd = ex.tmp.path();
            let run = check_bin(cwd, "inputs");
            let expected = if checked.has_errors() { 1 } else { 0 };
            run.assert_code(expected);
            let severity = match self.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            };
            let line_start = format!(
                "inputs/{file}:{line}:{col}: {severity}[{}]: ",
                self.code.id()
            );
            assert!(
                run.stderr.lines().any(|l| l.starts_with(&line_start)),
                "{name}: stderr should have a line starting `{line_start}`:\n{}",
                run.stderr
            );
        }
    }
}

/// `slip!(name { field: value, ... })`: one test per planted slip.
macro_rules! slip {
    ($name:ident { $($field:ident : $value:expr),* $(,)? }) => {
        #[test]
        fn $name() {
            Case { $($field: $value,)* ..Case::DEFAULT }.run(stringify!($name));
        }
    };
}

const CYPS2: &str = "initiatives/cyps-2.yaml";
const CYPS3: &str = "initiatives/cyps-3.yaml";
const CYPS5: &str = "initiatives/cyps-5.yaml";
const CYPS7: &str = "initiatives/cyps-7.yaml";
const REPORT: &str = "report.yaml";

/// A file that cannot be read at all (bad YAML, wrong shape) has its own error, and nothing
/// else: the report that lists it is not told that no file has its reference (issue 21).
const UNREADABLE: &[Code] = &[];

#[test]
fn the_real_example_has_no_errors_and_six_rounding_warnings() {
    let ex = Example::new();
    let checked = ex.check();
    let all = listing(&checked, &ex.dir());
    assert!(!checked.has_errors(), "{all}");
    assert_eq!(checked.diagnostics.len(), 6, "{all}");
    assert!(
        checked
            .diagnostics
            .iter()
            .all(|d| d.code == Code::RoundingDifference),
        "{all}"
    );
    assert_eq!(checked.workspace.reports.len(), 1);
    assert_eq!(checked.workspace.initiatives.len(), 11);
}

// ---- YAML and shape -------------------------------------------------------------------------

slip!(yaml_syntax_tab_indentation {
    file: CYPS2,
    from: "\n  years: [2016/17",
    to: "\n\tyears: [2016/17",
    code: Code::YamlSyntax,
    message: "a tab character is used for indentation",
    hint: "indent with spaces",
    // At the tab itself.
    at: (CYPS2, 16, 1),
    also: UNREADABLE,
    binary: true,
});

slip!(yaml_syntax_unclosed_bracket {
    file: CYPS2,
    from: "values: [0.100, (0.001), (0.463), (1.090), (1.750)]",
    to: "values: [0.100, (0.001), (0.463), (1.090), (1.750)",
    code: Code::YamlSyntax,
    at: (CYPS2, 27, 15),
    also: UNREADABLE,
});

slip!(wrong_type_list_for_text {
    file: CYPS2,
    from: "title: Family Group Conferencing",
    to: "title: [Family, Group, Conferencing]",
    code: Code::WrongType,
    at: (CYPS2, 6, 8),
    also: UNREADABLE,
    binary: true,
});

slip!(wrong_type_yes_no {
    file: REPORT,
    from: "key_decision: true",
    to: "key_decision: perhaps",
    code: Code::WrongType,
    at: (REPORT, 10, 15),
});

slip!(unknown_field_typo {
    file: CYPS2,
    from: "  gross_saving:\n    label: Gross Saving",
    to: "  gross_savings:\n    label: Gross Saving",
    code: Code::UnknownField,
    message: "gross_savings",
    at: (CYPS2, 21, 3),
    also: UNREADABLE,
    binary: true,
});

slip!(missing_field_title {
    file: CYPS2,
    from: "title: Family Group Conferencing\n",
    to: "",
    code: Code::MissingField,
    message: "title",
    at: (CYPS2, 4, 1),
    also: UNREADABLE,
});

slip!(missing_field_nested {
    // No gross saving row: the error names the `finance:` mapping that lacks it.
    file: CYPS2,
    from: "  gross_saving:\n    label: Gross Saving\n    values: [0.000, (0.165), (0.627), (1.254), (1.914)]\n    cumulative: (3.960)\n",
    to: "",
    code: Code::MissingField,
    message: "gross_saving",
    at: (CYPS2, 15, 1),
    also: UNREADABLE,
});

slip!(missing_field_in_list_item {
    // An investment line without figures: the error names the line (`- label:`).
    file: CYPS2,
    from: "      values: [0.100, 0.164, 0.164, 0.164, 0.164]\n",
    to: "",
    code: Code::MissingField,
    message: "values",
    at: (CYPS2, 18, 7),
    also: UNREADABLE,
});

slip!(duplicate_key {
    file: CYPS2,
    from: "title: Family Group Conferencing\n",
    to: "title: Family Group Conferencing\ntitle: Family Group Conferences\n",
    code: Code::DuplicateKey,
    message: "title",
    at: (CYPS2, 7, 1),
    also: UNREADABLE,
});

slip!(unknown_kind {
    file: CYPS2,
    from: "kind: initiative",
    to: "kind: initiatve",
    code: Code::UnknownKind,
    message: "initiatve",
    at: (CYPS2, 4, 7),
    also: UNREADABLE,
});

// ---- Figures, years, dates ------------------------------------------------------------------

slip!(bad_figure_word {
    file: CYPS2,
    from: "[0.100, 0.164,",
    to: "[0.100, abc,",
    code: Code::BadFigure,
    message: "`abc`",
    at: (CYPS2, 19, 23),
    binary: true,
});

slip!(bad_year_not_consecutive_halves {
    file: CYPS2,
    from: "[2016/17, 2017/18,",
    to: "[2016/17, 2016-18,",
    code: Code::BadYear,
    message: "2016-18",
    at: (CYPS2, 16, 20),
});

slip!(bad_year_two_digit {
    file: CYPS2,
    from: "years: [2016/17,",
    to: "years: [16/17,",
    code: Code::BadYear,
    message: "16/17",
    at: (CYPS2, 16, 11),
});

slip!(years_not_consecutive {
    file: CYPS2,
    from: "[2016/17, 2017/18, 2018/19, 2019/20, 2020/21]",
    to: "[2016/17, 2017/18, 2019/20, 2020/21, 2021/22]",
    code: Code::YearsNotConsecutive,
    message: "2019/20 does not follow 2017/18",
    at: (CYPS2, 16, 29),
});

slip!(row_length {
    file: CYPS2,
    from: "values: [0.100, 0.164, 0.164, 0.164, 0.164]",
    to: "values: [0.100, 0.164, 0.164, 0.164]",
    code: Code::RowLength,
    message: "4 figures",
    at: (CYPS2, 19, 15),
});

slip!(years_of_a_report_leave_a_gap {
    // Spans may differ; a year none of the report's initiatives covers may not (issue 18).
    file: CYPS2,
    from: "[2016/17, 2017/18, 2018/19, 2019/20, 2020/21]",
    to: "[2022/23, 2023/24, 2024/25, 2025/26, 2026/27]",
    code: Code::YearsInconsistent,
    message: "no initiative of this report covers 2021/22: `CYPS 2` covers 2022/23 to 2026/27 and `CYPS 1A` covers 2016/17 to 2020/21",
    at: (CYPS2, 16, 10),
    binary: true,
});

slip!(bad_date {
    file: REPORT,
    from: "meeting_date: 2016-11-14",
    to: "meeting_date: 2016-11-31",
    code: Code::BadDate,
    at: (REPORT, 8, 15),
});

slip!(bad_value_status {
    file: CYPS2,
    from: "status: proposed",
    to: "status: propsed",
    code: Code::BadValue,
    at: (CYPS2, 10, 9),
});

slip!(empty_title {
    file: CYPS2,
    from: "title: Family Group Conferencing",
    to: "title: \"\"",
    code: Code::EmptyText,
    at: (CYPS2, 6, 8),
});

// ---- Stated figures against computed ones ---------------------------------------------------

slip!(net_mismatch {
    file: CYPS2,
    from: "(0.463)",
    to: "(0.643)",
    code: Code::NetMismatch,
    message: "the net figure for 2018/19 is stated as (0.643) but the figures add up to (0.463)",
    at: (CYPS2, 26, 30),
    binary: true,
});

slip!(cumulative_beyond_rounding {
    file: CYPS2,
    from: "cumulative: 0.756",
    to: "cumulative: 0.765",
    code: Code::CumulativeMismatch,
    message: "stated as 0.765 but the figures add up to 0.756",
    at: (CYPS2, 20, 19),
    binary: true,
});

slip!(cumulative_within_rounding {
    file: CYPS2,
    from: "cumulative: 0.756",
    to: "cumulative: 0.757",
    code: Code::RoundingDifference,
    severity: Severity::Warning,
    at: (CYPS2, 20, 19),
    binary: true,
});

slip!(payback_mismatch {
    file: CYPS5,
    from: "payback: Year 3",
    to: "payback: Year 2",
    code: Code::PaybackMismatch,
    message: "Year 3 (2018/19)",
    at: (CYPS5, 26, 12),
});

slip!(out_of_scale_error {
    // The (880.0)-for-(0.088) slip: digits reversed into the net row.
    file: CYPS3,
    from: "(0.095)",
    to: "(590.0)",
    code: Code::OutOfScale,
    at: (CYPS3, 22, 30),
});

slip!(out_of_scale_warning {
    // £k typed into a £m table: 95.0 for 0.095, a few hundred times the table's median.
    file: CYPS3,
    from: "(0.095)",
    to: "(95.0)",
    code: Code::OutOfScale,
    severity: Severity::Warning,
    at: (CYPS3, 22, 30),
    also: &[Code::NetMismatch],
});

slip!(sign_slip_negative_investment {
    file: CYPS7,
    from: "[0.000, 0.090,",
    to: "[0.000, (0.090),",
    code: Code::SignSlip,
    at: (CYPS7, 18, 23),
    // The stated Cumulative no longer adds up either. (The initiative is rejected there, so
    // its net and payback are not compared.)
    also: &[Code::CumulativeMismatch],
});

slip!(sign_slip_positive_gross_saving {
    file: CYPS7,
    from: "values: [0.000, (0.132),",
    to: "values: [0.000, 0.132,",
    code: Code::SignSlip,
    at: (CYPS7, 22, 21),
    also: &[Code::CumulativeMismatch],
});

slip!(kpi_total_mismatch {
    file: CYPS2,
    from: "total: 102",
    to: "total: 112",
    code: Code::KpiTotalMismatch,
    message: "stated as 112 but the values add up to 102",
    at: (CYPS2, 41, 12),
});

slip!(published_total_beyond_rounding {
    file: REPORT,
    from: "investment: [0.179, 3.607,",
    to: "investment: [0.179, 3.670,",
    code: Code::PublishedTotalMismatch,
    message: "investment for 2017/18",
    at: (REPORT, 96, 23),
    binary: true,
});

slip!(published_total_within_rounding {
    file: REPORT,
    from: "investment: [0.179, 3.607,",
    to: "investment: [0.179, 3.608,",
    code: Code::RoundingDifference,
    severity: Severity::Warning,
    message: "investment for 2017/18",
    at: (REPORT, 96, 23),
});

// ---- Cross-file rules -----------------------------------------------------------------------

slip!(unknown_initiative_with_suggestion {
    file: REPORT,
    from: "CYPS 9, CYPS 10]",
    to: "CYPS 9, CYSP 10]",
    code: Code::UnknownInitiative,
    message: "no initiative file has the reference `CYSP 10`; did you mean `CYPS 10`?",
    at: (REPORT, 87, 97),
    binary: true,
});

slip!(duplicate_reference_across_files {
    file: CYPS3,
    from: "reference: CYPS 3",
    to: "reference: CYPS 2",
    code: Code::DuplicateReference,
    at: (CYPS3, 3, 12),
    // The report still lists CYPS 3, which now no file has.
    also: &[Code::UnknownInitiative],
});

slip!(initiative_listed_twice {
    // Listed again under another spelling: references compare ignoring case and spaces.
    file: REPORT,
    from: "CYPS 9, CYPS 10]",
    to: "CYPS 9, CYPS 10, cyps2]",
    code: Code::DuplicateReference,
    message: "`cyps2` is listed twice",
    at: (REPORT, 87, 106),
});

slip!(financial_section_cannot_be_omitted {
    file: REPORT,
    from: "negatives: brackets\n",
    to: "negatives: brackets\nomit: [financial]\n",
    code: Code::BadValue,
    message: "financial",
    at: (REPORT, 87, 8),
});

// ---- One slip, one error: what a broken initiative does to the report that lists it ----------

#[test]
fn a_rejected_initiative_does_not_make_the_report_complain() {
    // CYPS 2 fails its own checks (a bad figure). The report lists it: it must not be told that
    // no file has the reference `CYPS 2` (with a "did you mean `CYPS 3`?"), nor that all
    // thirteen non-zero published totals are out because CYPS 2 is missing from the sums.
    let ex = Example::new();
    ex.plant(CYPS2, "[0.100, 0.164,", "[0.100, abc,");
    let checked = ex.check();
    let all = listing(&checked, &ex.dir());
    let errors: Vec<Code> = checked
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.code)
        .collect();
    assert_eq!(errors, [Code::BadFigure], "{all}");
    // The report is not built without one of its initiatives.
    assert!(checked.workspace.reports.is_empty());
}

#[test]
fn a_report_listing_an_unreadable_initiative_is_not_told_it_is_missing() {
    // A misspelt kind, a syntax error, a tab: CYPS 2 cannot be read. The report listing it
    // says nothing (its file's own error is the one problem), and nor do the published
    // totals that leave it out, nor W0304 about the others.
    for (from, to) in [
        ("kind: initiative", "kind: initiatve"),
        ("\n  years: [2016/17", "\n\tyears: [2016/17"),
        ("title: Family Group Conferencing", "title: [Family Group"),
    ] {
        let ex = Example::new();
        ex.plant(CYPS2, from, to);
        let checked = ex.check();
        let all = listing(&checked, &ex.dir());
        let codes: Vec<Code> = checked
            .diagnostics
            .iter()
            .filter(|d| d.is_error())
            .map(|d| d.code)
            .collect();
        assert_eq!(codes.len(), 1, "{to}: one error only\n{all}");
        assert!(
            !checked.diagnostics.iter().any(|d| matches!(
                d.code,
                Code::UnknownInitiative | Code::PublishedTotalMismatch | Code::UnusedInitiative
            )),
            "{to}:\n{all}"
        );
    }
}

#[test]
fn an_initiative_is_called_unused_only_when_every_report_could_be_read() {
    let unused = |ex: &Example| -> Vec<(String, usize, usize)> {
        let checked = ex.check();
        checked
            .diagnostics
            .iter()
            .filter(|d| d.code == Code::UnusedInitiative)
            .filter_map(|d| place(&checked, d, &ex.dir()))
            .collect()
    };
    let drop_cyps10 = |ex: &Example| {
        ex.plant(REPORT, ", CYPS 9, CYPS 10]", ", CYPS 9]");
    };
    // Listed by no report: W0304, at its reference (not at the comment on line 1).
    let ex = Example::new();
    drop_cyps10(&ex);
    let line = std::fs::read_to_string(ex.file("initiatives/cyps-10.yaml"))
        .unwrap()
        .lines()
        .position(|l| l.starts_with("reference:"))
        .unwrap()
        + 1;
    assert_eq!(
        unused(&ex),
        [("initiatives/cyps-10.yaml".to_string(), line, 12)]
    );
    // A second report that cannot be read may list it: nothing is said.
    let report = std::fs::read_to_string(ex.file(REPORT)).unwrap();
    std::fs::write(
        ex.file("other.yaml"),
        report.replace("title: Medium Term", "title: [Medium Term"),
    )
    .unwrap();
    assert_eq!(unused(&ex), []);
    // A second report that reads, lists it, but fails its own checks: it is listed.
    std::fs::write(
        ex.file("other.yaml"),
        report
            .replace("meeting_date: 2016-11-14", "meeting_date: 2016-11-31")
            .replace(
                "initiatives: [CYPS 1A, CYPS 1B",
                "initiatives: [CYPS 10, CYPS 1A, CYPS 1B",
            )
            .replace("title: Medium Term", "title: Other Medium Term"),
    )
    .unwrap();
    assert_eq!(unused(&ex), []);
}

#[test]
fn an_unreadable_year_does_not_also_break_the_next_one() {
    // `2016-18` is refused; 2018/19 after it is not then said not to follow 2016/17.
    let ex = Example::new();
    ex.plant(CYPS2, "[2016/17, 2017/18,", "[2016/17, 2016-18,");
    let checked = ex.check();
    assert!(
        !checked
            .diagnostics
            .iter()
            .any(|d| d.code == Code::YearsNotConsecutive),
        "{}",
        listing(&checked, &ex.dir())
    );
}
