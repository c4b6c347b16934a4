//! Table blocks with month columns, a percentage-of row, running totals over months and a
//! column in a unit of its own (issue 18), on a plain cabinet report: one row per rule, a slip
//! planted in a small report, and the exact code, place and message `check` gives, with
//! nothing else; and the figures the tables print.

use crate::listing;
use crate::tables::{built, write};
use cabinet::codes::Code;

/// A report with a monthly table (counts, a blank month, a running total, a percentage-of
/// row, a Total column) and a money table with a count column.
const BASE: &str = "kind: report
committee: Cabinet
meeting_date: 2018-09-04
title: Looked-after children
summary:
  - text: By June the cumulative reduction is {{ lac.cumulative.June }} children.
  - table: lac
    caption: Reductions in looked-after children, 2018/19
    units: count
    columns: [Apr, May, Jun, Jul]
    total: true
    rows:
      - { id: target, label: Target reduction, values: [5, 5, 5, 5] }
      - { id: actual, label: Actual reduction, values: [4, 6, 3, ~], stated_total: 13 }
      - { id: cumulative, label: Cumulative actual, running_total: actual, stated: [4, 10, 13, ~] }
      - { id: met, label: Actual as % of target, percent: [actual, target], stated: [80, 120, 60, ~] }
  - table: placements
    caption: Placements, budget and actual
    units: £k
    columns: [Budget, Actual, { name: Children, units: count }]
    rows:
      - { label: Fostering, values: [100, 120, 12] }
      - { label: Residential, values: [300, 280, 4] }
      - { label: Total, sum: above, total: true, stated: [400, 400, 16] }
recommendations:
  - Note the reductions.
";

struct Case {
    name: &'static str,
    from: &'static str,
    to: &'static str,
    code: Code,
    /// The text the diagnostic points at, after the slip (its first occurrence from `after`).
    at: &'static str,
    after: &'static str,
    message: &'static str,
}

const CASES: &[Case] = &[
    Case {
        name: "a gap in the months",
        from: "columns: [Apr, May, Jun, Jul]",
        to: "columns: [Apr, Jun, Jul, Aug]",
        code: Code::BadMonth,
        at: "Jun",
        after: "columns: [Apr",
        message: "`Jun` does not follow `Apr`",
    },
    Case {
        name: "a month twice",
        from: "columns: [Apr, May, Jun, Jul]",
        to: "columns: [Apr, May, May, Jun]",
        code: Code::DuplicateLine,
        at: "May, Jun",
        after: "May, May",
        message: "the month `May` appears twice",
    },
    Case {
        name: "a month misspelt",
        from: "columns: [Apr, May, Jun, Jul]",
        to: "columns: [Apr, Mai, Jun, Jul]",
        code: Code::BadMonth,
        at: "Mai",
        after: "",
        message: "`Mai` is not a month",
    },
    Case {
        name: "the year on some months only",
        from: "columns: [Apr, May, Jun, Jul]",
        to: "columns: [Apr-18, May-18, Jun, Jul]",
        code: Code::BadMonth,
        at: "Jun",
        after: "May-18",
        message: "`Jun` and the month before it differ in whether they give the year",
    },
    Case {
        name: "a stated percentage the rows do not give",
        from: "stated: [80, 120, 60, ~]",
        to: "stated: [80, 120, 65, ~]",
        code: Code::PercentMismatch,
        at: "65",
        after: "percent:",
        message: "`Actual as % of target` (lac), Jun: 65% is stated, but its figures give 60%",
    },
    Case {
        name: "a percentage of one row",
        from: "percent: [actual, target]",
        to: "percent: [actual]",
        code: Code::BadValue,
        at: "[actual]",
        after: "",
        message: "a percentage is of one row against another, not of 1 row(s)",
    },
    Case {
        name: "a running total stated wrongly",
        from: "stated: [4, 10, 13, ~]",
        to: "stated: [4, 12, 13, ~]",
        code: Code::TableFigureMismatch,
        at: "12",
        after: "running_total",
        message: "`Cumulative actual` (lac), May is stated as 12 but its figures give 10 (a difference of 2)",
    },
    Case {
        name: "a stated figure in a running total's months not yet reported",
        from: "stated: [4, 10, 13, ~]",
        to: "stated: [4, 10, 13, 13]",
        code: Code::TableFigureMismatch,
        at: "13]",
        after: "running_total",
        message: "`Cumulative actual` (lac), Jul: 13 is stated, but the row has no figure there",
    },
    Case {
        name: "a column's unit misspelt",
        from: "{ name: Children, units: count }",
        to: "{ name: Children, units: heads }",
        code: Code::BadValue,
        at: "heads",
        after: "",
        message: "`heads` is not a unit",
    },
    Case {
        name: "a computed column across units",
        from: "{ name: Children, units: count }]",
        to: "{ name: Children, units: count }, { name: Odd, difference: [Children, Actual] }]",
        code: Code::UnitMismatch,
        at: "[Children, Actual]",
        after: "",
        message: "the column `Odd` reads `Children` in number and `Actual` in £ thousand",
    },
    Case {
        name: "a Total column across units",
        from: "    units: £k\n",
        to: "    units: £k\n    total: true\n",
        code: Code::UnitMismatch,
        at: "true",
        after: "units: £k",
        message: "a Total column would add `Children` (in number) to figures in £ thousand",
    },
];

#[test]
fn the_monthly_report_checks_clean() {
    let (_tmp, dir) = write(BASE);
    let checked = cabinet::check_inputs(std::slice::from_ref(&dir));
    assert!(
        checked.diagnostics.is_empty(),
        "{}",
        listing(&checked, &dir)
    );
}

#[test]
fn each_month_percent_and_unit_rule_names_its_slip_at_its_place() {
    // Every case here is an error; the table rules' runner also checks severity and place.
    let cases: Vec<crate::tables::Case> = CASES
        .iter()
        .map(|c| crate::tables::Case {
            name: c.name,
            from: c.from,
            to: c.to,
            code: c.code,
            severity: cabinet::diagnostic::Severity::Error,
            at: c.at,
            after: c.after,
            message: c.message,
            hint: "",
        })
        .collect();
    crate::tables::assert_table_cases(BASE, &cases);
}

/// What the tables print: months as columns, a blank month blank (not 0), a running total
/// blank after the last month reported and its Total the total to date, percentages of
/// another row with their sign and a Total that is the percentage of the Totals, a count
/// column in a £k table headed as such, and a quoted figure named by another spelling of its
/// month.
#[test]
fn monthly_tables_print_their_computed_figures() {
    let (_tmp, out) = built(BASE, &[]);
    let md = std::fs::read_to_string(out.join("report.md")).expect("md");
    let rows: Vec<&str> = md.lines().filter(|l| l.starts_with("| ")).collect();
    for row in [
        "|  | Apr | May | Jun | Jul | Total |",
        "| Target reduction | 5 | 5 | 5 | 5 | 20 |",
        "| Actual reduction | 4 | 6 | 3 |  | 13 |",
        "| Cumulative actual | 4 | 10 | 13 |  | 13 |",
        "| Actual as % of target | 80.0% | 120.0% | 60.0% |  | 65.0% |",
        "| £k | Budget | Actual | Children (no.) |",
        "| Fostering | 100 | 120 | 12 |",
        "| **Total** | **400** | **400** | **16** |",
    ] {
        assert!(rows.contains(&row), "{row} in:\n{}", rows.join("\n"));
    }
    assert!(
        md.contains("By June the cumulative reduction is 13 children."),
        "{md}"
    );
    let html = std::fs::read_to_string(out.join("report.html")).expect("html");
    let text = crate::html_text(&html);
    assert!(text.contains("120.0%"), "{text}");
    assert!(text.contains("Children (no.)"), "{text}");
}
