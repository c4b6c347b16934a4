//! Table blocks and quoted figures (issue 18): one row per rule, a slip planted in a small
//! report with two tables, and the exact code, place and message `check` gives, with nothing
//! else; the figures a table computes; and where the bundled MTFS report's tables stand.

use crate::{cabinet, listing, place, Example};
use cabinet::codes::Code;
use cabinet::diagnostic::Severity;

/// A report with tables: sums, a heading, line kinds, changes on the previous column, a
/// running total, figures from another table, a £k row in a £m table, quoted figures.
const BASE: &str = "kind: report
committee: Cabinet
meeting_date: 2016-11-14
title: Funding proposals
summary:
  - text: The proposals total £{{ funding.total.2017/18 }}m in 2017/18.
  - table: funding
    caption: Funding proposals
    columns: [2016/17, 2017/18, 2018/19]
    rows:
      - { id: total, label: Funding Proposal, sum: below, total: true, stated: [0.128, 0.481, 0.210] }
      - { heading: \"Consisting of:\" }
      - { label: Brokerage Team, kind: funding, values: [0.053, 0.210, 0.210] }
      - { label: Direct Payments Team, kind: funding, values: [75, 271, 0], units: £k }
  - text: After the table.
recommendations:
  - Note the funding of £{{ funding.total.2016/17 = 0.128 }}m in 2016/17.
sections:
  financial:
    - text: The changes on the year before.
    - table: changes
      caption: Changes on the previous year
      columns: [2016/17, 2017/18, 2018/19]
      chart: { rows: [running], title: Funding added up year by year }
      rows:
        - { id: change, label: Funding, from: funding.total, changes_from: 2017/18, stated: [0.128, 0.353, -0.271] }
        - { id: running, label: Running total, running_total: funding.total, stated: [0.128, 0.609, 0.819] }
        - { id: less, label: Less brokerage, difference: [funding.total, funding.brokerage-team] }
    - text: Budget against actual.
    - table: budget
      caption: Budget and actual, 2015/16
      units: £k
      columns: [Budget, Actual, { name: Over-spend, difference: [Budget, Actual] }]
      rows:
        - { label: Placements, values: [\"10,770\", \"16,771\"], stated: [~, ~, \"-6,001\"] }
        - { label: Staffing, values: [1000, 900] }
        - { label: Total, sum: above, total: true, stated: [\"11,770\", \"17,671\", \"-5,901\"] }
";

pub(crate) struct Case {
    pub(crate) name: &'static str,
    pub(crate) from: &'static str,
    pub(crate) to: &'static str,
    pub(crate) code: Code,
    pub(crate) severity: Severity,
    /// The text the diagnostic points at, after the slip (its first occurrence from `after`).
    pub(crate) at: &'static str,
    pub(crate) after: &'static str,
    pub(crate) message: &'static str,
    pub(crate) hint: &'static str,
}

const CASES: &[Case] = &[
    Case {
        name: "a computed column's stated figure it does not give",
        from: "stated: [~, ~, \"-6,001\"]",
        to: "stated: [~, ~, \"-6,010\"]",
        code: Code::TableFigureMismatch,
        severity: Severity::Error,
        at: "\"-6,010\"",
        after: "",
        message: "`Placements` (budget), Over-spend is stated as (6,010) but its figures give (6,001) (a difference of 9)",
        hint: "correct the stated figure",
    },
    Case {
        name: "a computed column reading a column not to its left",
        from: "difference: [Budget, Actual] }",
        to: "difference: [Budget, Spent] }",
        code: Code::TableReference,
        severity: Severity::Error,
        at: "Spent",
        after: "",
        message: "the table has no column `Spent`",
        hint: "its columns are Budget, Actual",
    },
    Case {
        name: "a stated total its rows do not give",
        from: "stated: [0.128, 0.481, 0.210]",
        to: "stated: [0.128, 0.418, 0.210]",
        code: Code::TableFigureMismatch,
        severity: Severity::Error,
        at: "0.418",
        after: "",
        message: "`Funding Proposal` (funding), 2017/18 is stated as 0.418 but its figures give 0.481 (a difference of 0.063)",
        hint: "correct the stated figure",
    },
    Case {
        name: "within rounding: a warning, disclosed",
        from: "stated: [0.128, 0.481, 0.210]",
        to: "stated: [0.128, 0.482, 0.210]",
        code: Code::RoundingDifference,
        severity: Severity::Warning,
        at: "0.482",
        after: "",
        message: "`Funding Proposal` (funding), 2017/18 is stated as 0.482 but its figures give 0.481 (a rounding difference of 0.001)",
        hint: "discloses the difference in the table's note",
    },
    Case {
        // Two entered figures (0.210 and 271 £k): the allowance is 0.001, so 0.002 is a slip.
        name: "beyond the allowance of two figures",
        from: "stated: [0.128, 0.481, 0.210]",
        to: "stated: [0.128, 0.483, 0.210]",
        code: Code::TableFigureMismatch,
        severity: Severity::Error,
        at: "0.483",
        after: "",
        message: "`Funding Proposal` (funding), 2017/18 is stated as 0.483 but its figures give 0.481 (a difference of 0.002)",
        hint: "correct the stated figure",
    },
    Case {
        // A running total to 2018/19 adds six entered figures: up to 0.003 is rounding.
        name: "at the allowance of six figures: a warning",
        from: "stated: [0.128, 0.609, 0.819]",
        to: "stated: [0.128, 0.609, 0.822]",
        code: Code::RoundingDifference,
        severity: Severity::Warning,
        at: "0.822",
        after: "",
        message: "`Running total` (changes), 2018/19 is stated as 0.822 but its figures give 0.819 (a rounding difference of 0.003)",
        hint: "discloses the difference in the table's note",
    },
    Case {
        name: "beyond the allowance of six figures: an error",
        from: "stated: [0.128, 0.609, 0.819]",
        to: "stated: [0.128, 0.609, 0.823]",
        code: Code::TableFigureMismatch,
        severity: Severity::Error,
        at: "0.823",
        after: "",
        message: "`Running total` (changes), 2018/19 is stated as 0.823 but its figures give 0.819 (a difference of 0.004)",
        hint: "correct the stated figure",
    },
    Case {
        name: "a row named that is not there, with a suggestion",
        from: "from: funding.total, changes_from",
        to: "from: funding.totl, changes_from",
        code: Code::TableReference,
        severity: Severity::Error,
        at: "funding.totl",
        after: "",
        message: "no row of `funding` is called `totl`",
        hint: "did you mean `total`?",
    },
    Case {
        name: "a table named that is not there",
        from: "running_total: funding.total",
        to: "running_total: fundng.total",
        code: Code::TableReference,
        severity: Severity::Error,
        at: "fundng.total",
        after: "",
        message: "no table is called `fundng`",
        hint: "did you mean `funding`?",
    },
    Case {
        name: "a column named that is not there",
        from: "changes_from: 2017/18",
        to: "changes_from: 2017/19",
        code: Code::TableReference,
        severity: Severity::Error,
        at: "2017/19",
        after: "",
        message: "the table has no column `2017/19`",
        hint: "its columns are 2016/17, 2017/18, 2018/19",
    },
    Case {
        name: "a row that sums itself",
        from: "difference: [funding.total, funding.brokerage-team]",
        to: "difference: [funding.total, less]",
        code: Code::TableCycle,
        severity: Severity::Error,
        at: "Less brokerage",
        after: "",
        message: "these rows are computed from each other: `changes.less`",
        hint: "one of them must be entered",
    },
    Case {
        name: "two rows with one id",
        from: "{ id: less, label",
        to: "{ id: change, label",
        code: Code::DuplicateName,
        severity: Severity::Error,
        at: "change",
        after: "{ id: change, label: Less",
        message: "two rows have the id `change`",
        hint: "give each row its own id",
    },
    Case {
        name: "two tables with one id",
        from: "- table: changes",
        to: "- table: funding",
        code: Code::DuplicateName,
        severity: Severity::Error,
        at: "funding",
        after: "- table: funding\n      caption: Changes",
        message: "two tables have the id `funding`",
        hint: "give each table its own id",
    },
    Case {
        name: "a count in a £m table",
        from: "values: [75, 271, 0], units: £k",
        to: "values: [75, 271, 0], units: count",
        code: Code::UnitMismatch,
        severity: Severity::Error,
        at: "[75, 271, 0]",
        after: "",
        message: "`Direct Payments Team`: figures in number cannot be shown in a table in £ million",
        hint: "counts and percentages do not",
    },
    Case {
        name: "more places than the table prints",
        from: "values: [0.053, 0.210, 0.210]",
        to: "values: [0.053, 0.210, 0.2104]",
        code: Code::MoreDecimalsThanPrinted,
        severity: Severity::Warning,
        at: "0.2104",
        after: "",
        message: "`Brokerage Team`: 0.2104 has more decimal places than the table prints (3), so it prints as 0.210",
        hint: "raise the table's `decimals`",
    },
    Case {
        // 999,999,999,999,999.925 + 0.075 is exactly 10^15: one digit more than a table
        // prints. Said once, at the sum; not again at the rows and the quote that read it, nor
        // as a stated figure that disagrees.
        name: "a sum too large to print",
        from: "values: [0.053, 0.210, 0.210]",
        to: "values: [999999999999999.925, 0.210, 0.210]",
        code: Code::FigureTooLarge,
        severity: Severity::Error,
        at: "Funding Proposal",
        after: "{ id: total",
        message: "`Funding Proposal` (funding), 2016/17: the figure is too large to compute or print",
        hint: "misplaced decimal point",
    },
    Case {
        // 10^12 £m is 10^15 £k: entered in range, too large once in the table's unit.
        name: "a figure too large once in the table's unit",
        from: "values: [1000, 900] }",
        to: "values: [1000000000000, 900], units: £m }",
        code: Code::FigureTooLarge,
        severity: Severity::Error,
        at: "1000000000000",
        after: "",
        message: "`Staffing`: the figure is too large once shown in £ thousand",
        hint: "check the figure and its unit",
    },
    Case {
        name: "a funding line with a negative figure",
        from: "values: [0.053, 0.210, 0.210]",
        to: "values: [0.053, (0.210), 0.210]",
        code: Code::SignSlip,
        severity: Severity::Error,
        at: "(0.210)",
        after: "",
        message: "`Brokerage Team` is a funding line, entered positive, but this figure is negative",
        hint: "check the sign",
    },
    Case {
        name: "a row with one figure too few",
        from: "values: [0.053, 0.210, 0.210]",
        to: "values: [0.053, 0.210]",
        code: Code::RowLength,
        severity: Severity::Error,
        at: "[0.053, 0.210]",
        after: "",
        message: "`Brokerage Team` has 2 figure(s) but the table has 3 column(s)",
        hint: "one figure per column",
    },
    Case {
        name: "a decimal comma",
        from: "values: [0.053, 0.210, 0.210]",
        to: "values: [\"0,053\", 0.210, 0.210]",
        code: Code::BadFigure,
        severity: Severity::Error,
        at: "\"0,053\"",
        after: "",
        message: "`Brokerage Team`: `0,053` is not a figure (a comma is not a decimal point)",
        hint: "write `0.053`",
    },
    Case {
        name: "a row with two ways of making figures",
        from: "label: Less brokerage, difference",
        to: "label: Less brokerage, from: funding.total, difference",
        code: Code::BadValue,
        severity: Severity::Error,
        at: "funding.total",
        after: "Less brokerage, from:",
        message: "the row `Less brokerage` has both `difference` and `from`",
        hint: "one formula",
    },
    Case {
        name: "a quoted figure the table does not give",
        from: "{{ funding.total.2016/17 = 0.128 }}",
        to: "{{ funding.total.2016/17 = 0.182 }}",
        code: Code::NarrativeFigure,
        severity: Severity::Error,
        at: "{{ funding.total.2016/17 = 0.182 }}",
        after: "",
        message: "the text states 0.182 but the table gives 0.128",
        hint: "correct the figure",
    },
    Case {
        name: "a quoted figure within rounding",
        from: "{{ funding.total.2016/17 = 0.128 }}",
        to: "{{ funding.total.2016/17 = 0.129 }}",
        code: Code::RoundingDifference,
        severity: Severity::Warning,
        at: "{{ funding.total.2016/17 = 0.129 }}",
        after: "",
        message: "the text states 0.129 but the table gives 0.128 (a rounding difference); the text prints 0.128",
        hint: "always prints the table's figure",
    },
    Case {
        name: "an empty caption",
        from: "caption: Funding proposals",
        to: "caption: \"\"",
        code: Code::EmptyText,
        severity: Severity::Error,
        at: "\"\"",
        after: "",
        message: "the table `funding` has an empty `caption`",
        hint: "Table 3 – Adult Social Care Funding Proposals",
    },
    Case {
        name: "an unquoted comma in an inline row's label",
        from: "label: Staffing,",
        to: "label: Staffing, central and other,",
        code: Code::UnknownField,
        severity: Severity::Error,
        at: "central and other",
        after: "",
        message: "unknown key `central and other` in `sections.financial.rows`",
        hint: "inside `{ … }` a comma ends a value: if these words belong to the text before them, put that text in quotes",
    },
    Case {
        name: "a quote naming a column that is not there",
        from: "{{ funding.total.2017/18 }}",
        to: "{{ funding.total.2020/21 }}",
        code: Code::NarrativeFigure,
        severity: Severity::Error,
        at: "{{ funding.total.2020/21 }}",
        after: "",
        message: "the table `funding` has no column `2020/21`",
        hint: "name a table by its `table:` id",
    },
];

/// Builds `text` as `inputs/report.yaml` into `<tmp>/out` (with `args` added), asserting
/// success; returns the folder (kept alive) and the output path.
pub(crate) fn built(text: &str, args: &[&str]) -> (tempfile::TempDir, std::path::PathBuf) {
    let (tmp, _dir) = write(text);
    let out = tmp.path().join("out");
    let mut all = vec!["build", "inputs", "--output", out.to_str().unwrap(), "-q"];
    all.extend_from_slice(args);
    cabinet(tmp.path(), &all).assert_code(0);
    (tmp, out)
}

pub(crate) fn write(text: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path().join("inputs");
    std::fs::create_dir_all(&dir).expect("dir");
    std::fs::write(dir.join("report.yaml"), text).expect("write");
    (tmp, dir)
}

#[test]
fn the_base_report_checks_clean() {
    let (_tmp, dir) = write(BASE);
    let checked = cabinet::check_inputs(std::slice::from_ref(&dir));
    assert!(
        checked.diagnostics.is_empty(),
        "{}",
        listing(&checked, &dir)
    );
}

#[test]
fn each_table_rule_names_its_slip_at_its_place_and_nothing_else() {
    assert_table_cases(BASE, CASES);
}

/// Plants each case's slip in `base` and asserts `check` gives that one diagnostic, with its
/// code, severity, place and exact message (and the hint, where given), and nothing else.
pub(crate) fn assert_table_cases(base: &str, cases: &[Case]) {
    for case in cases {
        assert_eq!(
            base.matches(case.from).count(),
            1,
            "{}: `{}`",
            case.name,
            case.from
        );
        let text = base.replacen(case.from, case.to, 1);
        let (_tmp, dir) = write(&text);
        let checked = cabinet::check_inputs(std::slice::from_ref(&dir));
        let all = listing(&checked, &dir);
        assert_eq!(
            checked.diagnostics.len(),
            1,
            "{}: one diagnostic, got:\n{all}",
            case.name
        );
        let d = &checked.diagnostics[0];
        assert_eq!(
            (d.code, d.severity),
            (case.code, case.severity),
            "{}: {all}",
            case.name
        );
        let from = text.find(case.after).expect("after");
        let offset = from + text[from..].find(case.at).expect("at");
        let line = text[..offset].matches('\n').count() + 1;
        let col = text[..offset]
            .chars()
            .rev()
            .take_while(|c| *c != '\n')
            .count()
            + 1;
        assert_eq!(
            place(&checked, d, &dir),
            Some(("report.yaml".to_string(), line, col)),
            "{}: {all}",
            case.name
        );
        if !case.message.is_empty() {
            assert_eq!(d.message, case.message, "{}", case.name);
        }
        assert!(
            case.hint.is_empty() || d.hints.iter().any(|h| h.contains(case.hint)),
            "{}: hints {:?}",
            case.name,
            d.hints
        );
    }
}

/// The other side of each boundary of E0707 (figures are printed with at most 15 digits before
/// the point): a sum of 10^15 − 0.001 prints (the running total of it and 0.481 does not,
/// and is said at its year); a £m figure of 10^15 − 1,000 once in £k prints,
/// and it is the sum of it and 10,770 that is too large, said at the Total.
#[test]
fn figures_just_short_of_too_large_are_printed() {
    for (from, to, expect) in [
        (
            "values: [0.053, 0.210, 0.210]",
            "values: [999999999999999.924, 0.210, 0.210]",
            &["`Running total` (changes), 2017/18: the figure is too large to compute or print"][..],
        ),
        (
            "values: [1000, 900] }",
            "values: [999999999999, 900], units: £m }",
            &["`Total` (budget), Budget: the figure is too large to compute or print"][..],
        ),
    ] {
        let (_tmp, dir) = write(&BASE.replacen(from, to, 1));
        let checked = cabinet::check_inputs(std::slice::from_ref(&dir));
        let found: Vec<&str> = checked
            .diagnostics
            .iter()
            .filter(|d| d.code == Code::FigureTooLarge)
            .map(|d| d.message.as_str())
            .collect();
        assert_eq!(found, expect, "{to}:\n{}", listing(&checked, &dir));
    }
}

/// A slip in one table does not hide a slip in a sentence quoting another: both are told in
/// the one run, each at its place (the report cannot be built, but its text is still checked).
#[test]
fn a_table_slip_and_an_independent_quote_slip_are_both_told() {
    let text = BASE
        .replacen(
            "stated: [~, ~, \"-6,001\"]",
            "stated: [~, ~, \"-6,010\"]",
            1,
        )
        .replacen(
            "{{ funding.total.2016/17 = 0.128 }}",
            "{{ funding.total.2016/17 = 0.182 }}",
            1,
        );
    let (_tmp, dir) = write(&text);
    let checked = cabinet::check_inputs(std::slice::from_ref(&dir));
    let all = listing(&checked, &dir);
    let told: Vec<(Code, String)> = checked
        .diagnostics
        .iter()
        .map(|d| (d.code, d.message.clone()))
        .collect();
    assert_eq!(
        told,
        [
            (Code::NarrativeFigure, "the text states 0.182 but the table gives 0.128".to_string()),
            (
                Code::TableFigureMismatch,
                "`Placements` (budget), Over-spend is stated as (6,010) but its figures give (6,001) (a difference of 9)"
                    .to_string()
            ),
        ],
        "{all}"
    );
}

/// The figures the base report's tables print, computed: a £k row converted exactly, a
/// heading, changes on the previous column with their sign, a running total, a difference, and
/// the quoted figures in the text.
#[test]
fn tables_print_their_computed_figures_in_place() {
    let (_tmp, out) = built(BASE, &[]);
    let md = std::fs::read_to_string(out.join("report.md")).expect("md");
    let rows: Vec<&str> = md.lines().filter(|l| l.starts_with("| ")).collect();
    for row in [
        "| **Funding Proposal** | **0.128** | **0.481** | **0.210** |",
        "| *Consisting of:* |  |  |  |",
        "| Direct Payments Team | 0.075 | 0.271 | 0.000 |",
        "| Funding | 0.128 | +0.353 | (0.271) |",
        "| Running total | 0.128 | 0.609 | 0.819 |",
        "| Less brokerage | 0.075 | 0.271 | 0.000 |",
        "| Placements | 10,770 | 16,771 | (6,001) |",
        "| Staffing | 1,000 | 900 | 100 |",
        "| **Total** | **11,770** | **17,671** | **(5,901)** |",
    ] {
        assert!(rows.contains(&row), "{row} in:\n{}", rows.join("\n"));
    }
    // In place: the text before, the table, the text after.
    let before = md
        .find("The proposals total £0.481m in 2017/18.")
        .expect("quote filled in");
    let table = md.find("Table: Funding proposals (£m)").expect("table");
    let after = md.find("After the table.").expect("after");
    assert!(before < table && table < after);
    assert!(md.contains("Note the funding of £0.128m in 2016/17."));
    // A table can be charted: under it, described from the same figures, drawn to a file.
    assert!(md.contains("![Running total goes from £0.128m in 2016/17 to £0.819m in 2018/19, highest £0.819m in 2018/19.](charts/report-table-changes.svg \"Funding added up year by year\")"), "{md}");
    assert!(out.join("charts/report-table-changes.svg").is_file());
    assert!(
        md.contains("\\* From 2017/18 the figures of “Funding” are the increase (+) or decrease")
    );
    // The same figures, in the same place, in the HTML page.
    let html = std::fs::read_to_string(out.join("report.html")).expect("html");
    let text = crate::html_text(&html);
    let (b, t, a) = (
        text.find("The proposals total £0.481m")
            .expect("html quote"),
        text.find("Brokerage Team").expect("html table"),
        text.find("After the table.").expect("html after"),
    );
    assert!(b < t && t < a);
    assert!(text.contains("+0.353"));
    assert!(
        html.contains(
            "<title id=\"chart-table-changes-title\">Funding added up year by year</title>"
        ) || html.contains("Funding added up year by year</title>"),
        "the chart is inlined"
    );
}

/// A report of tables alone (no initiatives) prints no programme of bids: no empty "summary of
/// cost and benefit", no net-by-initiative table of one Total row, no note on how net savings
/// are signed; an empty Key Issues section says None like any other.
#[test]
fn a_report_without_initiatives_prints_no_empty_programme() {
    let text = BASE.replacen("sections:\n", "sections:\n  key_issues: ~\n", 1);
    let (_tmp, out) = built(&text, &["--format", "md"]);
    let md = std::fs::read_to_string(out.join("report.md")).expect("md");
    for absent in [
        "Investment bids: summary of cost and benefit",
        "Net investment / (saving) by initiative and year",
        "Net savings are shown as negative figures",
        "Across the programme",
    ] {
        assert!(!md.contains(absent), "`{absent}` printed:\n{md}");
    }
    let key_issues = &md[md.find("## 3. Key Issues").expect("3")..md.find("## 4.").expect("4")];
    assert_eq!(key_issues.trim_end(), "## 3. Key Issues\n\nNone");
    // The tables the author placed are still there, and section 7 still says how it rounds.
    assert!(md.contains("Table: Changes on the previous year (£m)"));
    assert!(md.contains("### Rounding"));
}

/// A planted slip in each table of the bundled MTFS report is caught at its line: the tables
/// are data, checked, not typed.
#[test]
fn a_slip_in_each_bundled_table_is_caught_at_its_line() {
    for (from, to, code) in [
        (
            "stated: [8.456, 11.005, 10.200, 8.986]",
            "stated: [8.456, 11.050, 10.200, 8.986]",
            Code::TableFigureMismatch,
        ),
        (
            "values: [0, 13.125, 8.659, 20.077]",
            "values: [0, 13.125, 8.695, 20.077]",
            Code::TableFigureMismatch,
        ),
        (
            "stated: [~, 24.130, 7.854, 18.863]",
            "stated: [~, 24.310, 7.854, 18.863]",
            Code::TableFigureMismatch,
        ),
        (
            "stated: [64.495, 64.694, 62.645, 60.641, 60.209]",
            "stated: [64.495, 64.694, 62.645, 60.614, 60.209]",
            Code::TableFigureMismatch,
        ),
        (
            "values: [0.053, 0.210, 0.210, 0]",
            "values: [0.053, 0.201, 0.210, 0]",
            Code::TableFigureMismatch,
        ),
        (
            "values: [0.188, 0.584, 0.699, 0.699]",
            "values: [0.188, 0.584, 0.699, 0.969]",
            Code::TableFigureMismatch,
        ),
    ] {
        let ex = Example::all();
        ex.plant("report.yaml", from, to);
        let checked = ex.check();
        let all = listing(&checked, &ex.dir());
        let errors: Vec<_> = checked
            .diagnostics
            .iter()
            .filter(|d| d.is_error())
            .collect();
        assert!(!errors.is_empty(), "{to}: nothing caught:\n{all}");
        assert!(errors.iter().all(|d| d.code == code), "{to}:\n{all}");
        let text = std::fs::read_to_string(ex.file("report.yaml")).expect("report");
        let planted_line = text[..text.find(to).expect("planted")]
            .matches('\n')
            .count()
            + 1;
        // Caught at the planted line, or at the stated figure it makes wrong.
        let lines: Vec<usize> = errors
            .iter()
            .filter_map(|d| place(&checked, d, &ex.dir()).map(|p| p.1))
            .collect();
        assert!(
            lines.contains(&planted_line) || to.starts_with("values"),
            "{to}: at {lines:?}, planted at {planted_line}:\n{all}"
        );
    }
}

/// In a follow-up paper too, a slip in its own figures does not hide a slip in a sentence: the
/// monitoring report's committee is left empty (an error of the paper) and its summary quotes a
/// table figure wrongly; both are told.
#[test]
fn a_follow_up_with_errors_still_has_its_quoted_figures_checked() {
    let ex = Example::all();
    ex.plant(
        "monitoring-2018.yaml",
        "committee: Cabinet",
        "committee: \"\"",
    );
    ex.plant(
        "monitoring-2018.yaml",
        "recommendations:\n  - Note the progress",
        "  - table: quoted\n    caption: A quoted table\n    columns: [2018/19]\n    rows:\n      - { id: a, label: A, values: [1.500] }\n  - text: The figure is £{{ quoted.a.2018/19 = 1.050 }}m.\nrecommendations:\n  - Note the progress",
    );
    ex.plant(
        "monitoring-2018.yaml",
        "summary: |\n  This report",
        "summary:\n  - text: |\n      This report",
    );
    let checked = ex.check();
    let all = listing(&checked, &ex.dir());
    let told: Vec<(&str, &str)> = checked
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| (d.code.id(), d.message.as_str()))
        .collect();
    assert_eq!(
        told,
        [
            ("E0108", "the report's committee is empty"),
            ("E0708", "the text states 1.050 but the table gives 1.500"),
        ],
        "{all}"
    );
}
