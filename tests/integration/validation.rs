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
    /// The message, exactly (error text is interface).
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
        assert_eq!(d.message, self.message, "{name}: the message, exactly");
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
    message: "illegal placement of ':' indicator",
    at: (CYPS2, 27, 15),
    also: UNREADABLE,
});

slip!(wrong_type_list_for_text {
    file: CYPS2,
    from: "title: Family Group Conferencing",
    to: "title: [Family, Group, Conferencing]",
    code: Code::WrongType,
    message: "`title` takes text",
    at: (CYPS2, 6, 8),
    also: UNREADABLE,
    binary: true,
});

slip!(wrong_type_yes_no {
    file: REPORT,
    from: "key_decision: true",
    to: "key_decision: perhaps",
    code: Code::WrongType,
    message: "`key_decision` takes `true` or `false`, not `perhaps`",
    at: (REPORT, 10, 15),
});

slip!(unknown_field_typo {
    file: CYPS2,
    from: "  gross_saving:\n    label: Gross Saving",
    to: "  gross_savings:\n    label: Gross Saving",
    code: Code::UnknownField,
    message: "unknown key `gross_savings` in `finance`; did you mean `gross_saving`?",
    at: (CYPS2, 21, 3),
    also: UNREADABLE,
    binary: true,
});

slip!(missing_field_title {
    file: CYPS2,
    from: "title: Family Group Conferencing\n",
    to: "",
    code: Code::MissingField,
    message: "missing field `title`",
    at: (CYPS2, 4, 1),
    also: UNREADABLE,
});

slip!(missing_field_nested {
    // No gross saving row: the error names the `finance:` mapping that lacks it.
    file: CYPS2,
    from: "  gross_saving:\n    label: Gross Saving\n    values: [0.000, (0.165), (0.627), (1.254), (1.914)]\n    cumulative: (3.960)\n",
    to: "",
    code: Code::MissingField,
    message: "missing field `gross_saving`",
    hint: "a bid that saves nothing writes its saving row as zeros, one per year",
    at: (CYPS2, 15, 1),
    also: UNREADABLE,
});

slip!(missing_field_in_list_item {
    // An investment line without figures: the error names the line (`- label:`).
    file: CYPS2,
    from: "      values: [0.100, 0.164, 0.164, 0.164, 0.164]\n",
    to: "",
    code: Code::MissingField,
    message: "missing field `values`",
    at: (CYPS2, 18, 7),
    also: UNREADABLE,
});

slip!(duplicate_key {
    file: CYPS2,
    from: "title: Family Group Conferencing\n",
    to: "title: Family Group Conferencing\ntitle: Family Group Conferences\n",
    code: Code::DuplicateKey,
    message: "`title` is given twice",
    at: (CYPS2, 7, 1),
    also: UNREADABLE,
});

slip!(unknown_kind {
    file: CYPS2,
    from: "kind: initiative",
    to: "kind: initiatve",
    code: Code::UnknownKind,
    message: "unknown kind `initiatve`",
    at: (CYPS2, 4, 7),
    also: UNREADABLE,
});

// ---- Figures, years, dates ------------------------------------------------------------------

slip!(bad_figure_word {
    file: CYPS2,
    from: "[0.100, 0.164,",
    to: "[0.100, abc,",
    code: Code::BadFigure,
    message: "Investment: `abc` is not a figure (the figure is not a number)",
    at: (CYPS2, 19, 23),
    binary: true,
});

slip!(bad_year_not_consecutive_halves {
    file: CYPS2,
    from: "[2016/17, 2017/18,",
    to: "[2016/17, 2016-18,",
    code: Code::BadYear,
    message: "`2016-18` is not a financial year: the second half must be the year after the first",
    at: (CYPS2, 16, 20),
});

slip!(bad_year_two_digit {
    file: CYPS2,
    from: "years: [2016/17,",
    to: "years: [16/17,",
    code: Code::BadYear,
    message: "`16/17` is not a financial year: a financial year is written like `2016/17`",
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
    message: "Investment has 4 figures but `finance.years` lists 5 years",
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
    message: "`2016-11-31` is not a date",
    at: (REPORT, 8, 15),
});

slip!(bad_value_status {
    file: CYPS2,
    from: "status: proposed",
    to: "status: propsed",
    code: Code::BadValue,
    message: "unknown status `propsed`",
    at: (CYPS2, 10, 9),
});

slip!(empty_title {
    file: CYPS2,
    from: "title: Family Group Conferencing",
    to: "title: \"\"",
    code: Code::EmptyText,
    message: "the title is empty",
    at: (CYPS2, 6, 8),
});

// ---- Stated figures against computed ones ---------------------------------------------------

slip!(net_mismatch {
    file: CYPS2,
    from: "(0.463)",
    to: "(0.643)",
    code: Code::NetMismatch,
    message: "the net figure for 2018/19 is stated as (0.643) but the figures add up to (0.463) (a difference of 0.180)",
    at: (CYPS2, 26, 30),
    binary: true,
});

slip!(cumulative_beyond_rounding {
    file: CYPS2,
    from: "cumulative: 0.756",
    to: "cumulative: 0.765",
    code: Code::CumulativeMismatch,
    message: "the Cumulative of `Investment` is stated as 0.765 but the figures add up to 0.756 (a difference of 0.009)",
    at: (CYPS2, 20, 19),
    binary: true,
});

slip!(cumulative_within_rounding {
    file: CYPS2,
    from: "cumulative: 0.756",
    to: "cumulative: 0.757",
    code: Code::RoundingDifference,
    message: "the Cumulative of `Investment` is stated as 0.757 but the figures add up to 0.756 (a rounding difference of 0.001)",
    severity: Severity::Warning,
    at: (CYPS2, 20, 19),
    binary: true,
});

slip!(payback_mismatch {
    file: CYPS5,
    from: "payback: Year 3",
    to: "payback: Year 2",
    code: Code::PaybackMismatch,
    message:
        "the payback is stated as `Year 2` but the first year of net saving is Year 3 (2018/19)",
    at: (CYPS5, 26, 12),
});

slip!(out_of_scale_error {
    // The (880.0)-for-(0.088) slip: digits reversed into the net row.
    file: CYPS3,
    from: "(0.095)",
    to: "(590.0)",
    code: Code::OutOfScale,
    message: "Net: (590.000) is 1,000 times or more the typical figure of this table (0.175)",
    at: (CYPS3, 22, 30),
});

slip!(out_of_scale_warning {
    // £k typed into a £m table: 95.0 for 0.095, a few hundred times the table's median.
    file: CYPS3,
    from: "(0.095)",
    to: "(95.0)",
    code: Code::OutOfScale,
    message: "Net: (95.000) is 100 times or more the typical figure of this table (0.175)",
    severity: Severity::Warning,
    at: (CYPS3, 22, 30),
    also: &[Code::NetMismatch],
});

slip!(sign_slip_negative_investment {
    file: CYPS7,
    from: "[0.000, 0.090,",
    to: "[0.000, (0.090),",
    code: Code::SignSlip,
    message: "Investment: investment of (0.090) is negative",
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
    message: "Gross Saving: a saving of 0.132 is positive",
    at: (CYPS7, 22, 21),
    also: &[Code::CumulativeMismatch],
});

slip!(kpi_total_mismatch {
    file: CYPS2,
    from: "total: 102",
    to: "total: 112",
    code: Code::KpiTotalMismatch,
    message: "KPI `LAC Reduction`: the total is stated as 112 but the values add up to 102",
    at: (CYPS2, 41, 12),
});

slip!(published_total_beyond_rounding {
    file: REPORT,
    from: "investment: [0.179, 3.607,",
    to: "investment: [0.179, 3.670,",
    code: Code::PublishedTotalMismatch,
    message: "Table 2: Investment Bids – Summary of Cost and Benefit: investment for 2017/18 is stated as 3.670 but the figures add up to 3.607 (a difference of 0.063)",
    at: (REPORT, 96, 23),
    binary: true,
});

slip!(published_total_within_rounding {
    file: REPORT,
    from: "investment: [0.179, 3.607,",
    to: "investment: [0.179, 3.608,",
    code: Code::RoundingDifference,
    severity: Severity::Warning,
    message: "Table 2: Investment Bids – Summary of Cost and Benefit: investment for 2017/18 is stated as 3.608 but the figures add up to 3.607 (a rounding difference of 0.001)",
    at: (REPORT, 96, 23),
});

// ---- Every other rule of an initiative file -------------------------------------------------

slip!(empty_reference {
    file: CYPS2,
    from: "reference: CYPS 2",
    to: "reference: \"\"",
    code: Code::EmptyText,
    message: "the reference is empty",
    at: (CYPS2, 5, 12),
    // The report lists `CYPS 2`, which no file now has.
    also: &[Code::UnknownInitiative],
});

slip!(no_investment_line {
    file: CYPS2,
    from: "  investment:\n    - label: Investment\n      values: [0.100, 0.164, 0.164, 0.164, 0.164]\n      cumulative: 0.756\n",
    to: "  investment: []\n",
    code: Code::MissingField,
    message: "an initiative needs at least one investment line",
    // And not the stated net of every year, out by the missing line (no knock-on message).
    at: (CYPS2, 17, 15),
});

slip!(blank_cell_where_a_figure_is_needed {
    file: CYPS2,
    from: "[0.100, 0.164,",
    to: "[0.100, ~,",
    code: Code::BadFigure,
    message: "Investment: a blank cell (`~`) where a figure is needed",
    at: (CYPS2, 19, 23),
});

slip!(bad_figure_in_a_stated_cumulative {
    file: CYPS2,
    from: "cumulative: 0.756",
    to: "cumulative: 0.75x",
    code: Code::BadFigure,
    message: "Investment: `0.75x` is not a figure (the figure is not a number)",
    at: (CYPS2, 20, 19),
});

slip!(no_years {
    file: CYPS2,
    from: "years: [2016/17, 2017/18, 2018/19, 2019/20, 2020/21]",
    to: "years: []",
    code: Code::MissingField,
    message: "`finance.years` is empty",
    at: (CYPS2, 16, 10),
});

slip!(gross_saving_cumulative_beyond_rounding {
    file: CYPS2,
    from: "cumulative: (3.960)",
    to: "cumulative: (3.690)",
    code: Code::CumulativeMismatch,
    message: "the Cumulative of `Gross Saving` is stated as (3.690) but the figures add up to (3.960) (a difference of 0.270)",
    at: (CYPS2, 24, 17),
});

slip!(net_cumulative_beyond_rounding {
    file: CYPS2,
    from: "cumulative: (3.204)",
    to: "cumulative: (3.240)",
    code: Code::CumulativeMismatch,
    message: "the Cumulative of the net row is stated as (3.240) but the figures add up to (3.204) (a difference of 0.036)",
    at: (CYPS2, 27, 17),
});

slip!(net_within_rounding {
    file: CYPS2,
    from: "(0.463)",
    to: "(0.464)",
    code: Code::RoundingDifference,
    severity: Severity::Warning,
    message: "the net figure for 2018/19 is stated as (0.464) but the figures add up to (0.463) (a rounding difference of 0.001)",
    at: (CYPS2, 26, 30),
});

slip!(one_changed_figure_is_told_once_at_the_figure {
    // The Cumulative of its row and the net of its year both make it 0.164: the figure is
    // what is wrong, not the three stated figures it spoils.
    file: CYPS2,
    from: "values: [0.100, 0.164, 0.164,",
    to: "values: [0.100, 0.264, 0.164,",
    code: Code::CumulativeMismatch,
    message: "`Investment` for 2017/18 is 0.264, but the stated Cumulative and the stated net for 2017/18 both make it 0.164",
    at: (CYPS2, 19, 23),
});

slip!(payback_unreadable {
    file: CYPS2,
    from: "payback: Year 2",
    to: "payback: soon",
    code: Code::BadValue,
    message: "cannot read the payback `soon`",
    at: (CYPS2, 30, 12),
});

slip!(payback_stated_where_no_year_saves {
    file: "initiatives/cyps-10.yaml",
    from: "payback: N/A",
    to: "payback: Year 4",
    code: Code::PaybackMismatch,
    message: "the payback is stated as `Year 4` but the first year of net saving is none (N/A)",
    at: ("initiatives/cyps-10.yaml", 37, 12),
});

slip!(kpi_row_length {
    file: CYPS2,
    from: "values: [0, 15, 27, 30, 30]",
    to: "values: [0, 15, 27, 30]",
    code: Code::RowLength,
    message: "KPI `LAC Reduction` has 4 values but there are 5 years",
    at: (CYPS2, 40, 13),
});

slip!(kpi_value_not_a_number {
    file: CYPS2,
    from: "values: [0, 15, 27, 30, 30]",
    to: "values: [0, lots, 27, 30, 30]",
    code: Code::BadFigure,
    message: "KPI `LAC Reduction`: `lots` is not a number",
    at: (CYPS2, 40, 17),
});

slip!(kpi_total_not_a_number {
    file: CYPS2,
    from: "total: 102",
    to: "total: many",
    code: Code::BadFigure,
    message: "KPI `LAC Reduction`: the total `many` is not a number",
    at: (CYPS2, 41, 12),
});

slip!(kpi_percentage_with_a_total {
    file: CYPS2,
    from: "unit: children\n    values: [0, 15, 27, 30, 30]",
    to: "unit: \"%\"\n    values: [0, 15, 27, 30, 30]",
    code: Code::KpiTotalMismatch,
    message: "KPI `LAC Reduction` is a percentage, which cannot be added up into a total",
    at: (CYPS2, 41, 12),
});

// ---- Every other rule of a report file ------------------------------------------------------

slip!(empty_committee {
    file: REPORT,
    from: "committee: Cabinet and Commissioners' Decision Making Meeting",
    to: "committee: \" \"",
    code: Code::EmptyText,
    message: "the report's committee is empty",
    at: (REPORT, 7, 12),
});

slip!(empty_recommendation {
    file: REPORT,
    from: "  - Note the contents of this report;",
    to: "  - \" \"",
    code: Code::EmptyText,
    message: "an empty recommendation",
    at: (REPORT, 64, 5),
});

slip!(unknown_chart_data_placement {
    file: REPORT,
    from: "negatives: brackets\n",
    to: "negatives: brackets\nchart_data: sidebar\n",
    code: Code::BadValue,
    message: "unknown chart data placement `sidebar`",
    at: (REPORT, 87, 13),
});

slip!(decimals_beyond_six {
    file: REPORT,
    from: "negatives: brackets\n",
    to: "negatives: brackets\ndecimals: 7\n",
    code: Code::BadValue,
    message: "7 decimal places is more than cabinet prints",
    at: (REPORT, 87, 11),
});

slip!(exempt_paragraph_not_in_schedule_12a {
    file: REPORT,
    from: "exempt: false",
    to: "exempt: { paragraph: 8 }",
    code: Code::BadValue,
    message: "Schedule 12A has paragraphs 1 to 7, not 8",
    at: (REPORT, 84, 9),
});

slip!(unknown_initiative_without_suggestion {
    file: REPORT,
    from: "CYPS 9, CYPS 10]",
    to: "CYPS 9, CYPS 10, Adult Care 1]",
    code: Code::UnknownInitiative,
    message: "no initiative file has the reference `Adult Care 1`",
    hint: "known references: CYPS 10, CYPS 1A",
    at: (REPORT, 87, 106),
});

slip!(unknown_section_omitted {
    file: REPORT,
    from: "negatives: brackets\n",
    to: "negatives: brackets\nomit: [apendices]\n",
    code: Code::BadValue,
    message: "unknown section `apendices`",
    at: (REPORT, 87, 8),
});

slip!(published_total_row_length {
    file: REPORT,
    from: "investment: [0.179, 3.607, 3.716, 3.527, 3.579]",
    to: "investment: [0.179, 3.607, 3.716, 3.527]",
    code: Code::RowLength,
    message: "Table 2: Investment Bids – Summary of Cost and Benefit (investment) has 4 figures but `finance.years` lists 5 years",
    at: (REPORT, 96, 15),
});

slip!(published_net_beyond_rounding {
    file: REPORT,
    from: "net: [0.179, 1.331,",
    to: "net: [0.179, 1.313,",
    code: Code::PublishedTotalMismatch,
    message: "Table 2: Investment Bids – Summary of Cost and Benefit: net for 2017/18 is stated as 1.313 but the figures add up to 1.331 (a difference of 0.018)",
    at: (REPORT, 98, 16),
});

// The published totals add one figure per initiative for investment (eleven: an allowance of
// 0.0055) and two for net (twenty-two: 0.011); each is pinned on either side.

slip!(published_investment_at_the_allowance_of_eleven_figures {
    file: REPORT,
    from: "investment: [0.179, 3.607,",
    to: "investment: [0.179, 3.612,",
    code: Code::RoundingDifference,
    severity: Severity::Warning,
    message: "Table 2: Investment Bids – Summary of Cost and Benefit: investment for 2017/18 is stated as 3.612 but the figures add up to 3.607 (a rounding difference of 0.005)",
    at: (REPORT, 96, 23),
});

slip!(published_investment_beyond_the_allowance_of_eleven_figures {
    file: REPORT,
    from: "investment: [0.179, 3.607,",
    to: "investment: [0.179, 3.613,",
    code: Code::PublishedTotalMismatch,
    message: "Table 2: Investment Bids – Summary of Cost and Benefit: investment for 2017/18 is stated as 3.613 but the figures add up to 3.607 (a difference of 0.006)",
    at: (REPORT, 96, 23),
});

slip!(published_net_at_the_allowance_of_twenty_two_figures {
    file: REPORT,
    from: "net: [0.179, 1.331,",
    to: "net: [0.179, 1.342,",
    code: Code::RoundingDifference,
    severity: Severity::Warning,
    message: "Table 2: Investment Bids – Summary of Cost and Benefit: net for 2017/18 is stated as 1.342 but the figures add up to 1.331 (a rounding difference of 0.011)",
    at: (REPORT, 98, 16),
});

slip!(published_net_beyond_the_allowance_of_twenty_two_figures {
    file: REPORT,
    from: "net: [0.179, 1.331,",
    to: "net: [0.179, 1.343,",
    code: Code::PublishedTotalMismatch,
    message: "Table 2: Investment Bids – Summary of Cost and Benefit: net for 2017/18 is stated as 1.343 but the figures add up to 1.331 (a difference of 0.012)",
    at: (REPORT, 98, 16),
});

slip!(unused_initiative {
    file: REPORT,
    from: ", CYPS 9, CYPS 10]",
    to: ", CYPS 9]",
    code: Code::UnusedInitiative,
    severity: Severity::Warning,
    message: "initiative `CYPS 10` is not listed by any report",
    at: ("initiatives/cyps-10.yaml", 4, 12),
    // The published totals include CYPS 10: its investment and net no longer add up, told
    // once a year, at the investment.
    also: &[Code::PublishedTotalMismatch; 5],
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
    message: "the reference `CYPS 2` is used by two initiative files",
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
    message: "the `financial` section cannot be omitted",
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
