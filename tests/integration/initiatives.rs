//! The initiative side of issue 18, on slips planted in the first bundled example: initiatives
//! of different spans in one report, initiatives in their own units, bid forms as data, and
//! printed totals that do not add up as printed. One row per case, each asserting the code,
//! severity, file, line, column and exact message, with each boundary tested on both sides
//! (a case with no `expect` is the side where nothing may be said).

use crate::{listing, place, Example};
use cabinet::codes::Code;
use cabinet::diagnostic::Severity;

/// A 4-year Adult Care bid in £000 (2017/18 to 2020/21): beside the 5-year CYPS bids in £m.
const ACS: &str = "kind: initiative
reference: ACS 1
title: Brokerage Team
units: £k
finance:
  years: [2017/18, 2018/19, 2019/20, 2020/21]
  investment:
    - values: [210, 210, 0, 0]
  gross_saving:
    values: [0, (81), (113), (113)]
";

/// The report's list of initiatives, with ACS 1 added.
const LIST: (&str, &str, &str) = ("report.yaml", "CYPS 9, CYPS 10]", "CYPS 9, CYPS 10, ACS 1]");

/// The published totals of the CYPS bids, which no longer hold with ACS 1 added.
const PUBLISHED: (&str, &str, &str) = (
    "report.yaml",
    "published_totals:
  caption: \"Table 2: Investment Bids – Summary of Cost and Benefit\"
  investment: [0.179, 3.607, 3.716, 3.527, 3.579]
  gross_saving: [0.000, (2.276), (5.190), (8.061), (9.601)]
  net: [0.179, 1.331, (1.474), (4.534), (6.022)]
",
    "",
);

/// The programme of the CYPS bids and ACS 1, as published: each figure the sum of the bids that
/// cover the year (ACS 1 is blank in 2016/17).
fn published(investment: &str) -> String {
    format!(
        "published_totals:
  caption: Programme
  investment: {investment}
  gross_saving: [0.000, (2.276), (5.271), (8.174), (9.714)]
  net: [0.179, 1.541, (1.346), (4.647), (6.136)]
"
    )
}

/// CYPS 4's bid form, with its financial summary written as `form` (YAML under `bid:`).
fn cyps4_form(form: &str) -> (&'static str, &'static str, String) {
    (
        "initiatives/cyps-4.yaml",
        "bid:\n  why_needed: |",
        format!("bid:\n{form}  why_needed: |"),
    )
}

/// CYPS 2's bid form with a benefits table (YAML under `bid:`, after `benefits:`).
fn cyps2_benefits(rows: &str) -> (&'static str, &'static str, String) {
    (
        "initiatives/cyps-2.yaml",
        "bid:\n",
        format!("bid:\n  benefits:\n{rows}"),
    )
}

struct Case {
    name: &'static str,
    /// Slips: in `file`, `from` (which occurs once) becomes `to`; an empty `from` writes `to` as
    /// a new file.
    plants: Vec<(&'static str, &'static str, String)>,
    /// The one diagnostic the slip causes: code, severity, file, line, column, message.
    expect: Option<(Code, Severity, &'static str, usize, usize, &'static str)>,
    /// Other errors the slip is bound to cause.
    also: &'static [Code],
    /// Codes that must not appear at all.
    absent: &'static [Code],
}

impl Case {
    fn run(&self) {
        let ex = Example::new();
        for (file, from, to) in &self.plants {
            if from.is_empty() {
                std::fs::write(ex.file(file), to).expect("write");
            } else {
                ex.plant(file, from, to);
            }
        }
        let checked = ex.check();
        let root = ex.dir();
        let all = listing(&checked, &root);
        let name = self.name;
        let mut mine = None;
        if let Some((code, severity, file, line, col, message)) = self.expect {
            let found: Vec<usize> = checked
                .diagnostics
                .iter()
                .enumerate()
                .filter(|(_, d)| d.code == code)
                .filter(|(_, d)| place(&checked, d, &root) == Some((file.to_string(), line, col)))
                .map(|(i, _)| i)
                .collect();
            assert_eq!(
                found.len(),
                1,
                "{name}: expected one {code} at {file}:{line}:{col}; got:\n{all}"
            );
            let d = &checked.diagnostics[found[0]];
            assert_eq!(d.severity, severity, "{name}: severity\n{all}");
            assert_eq!(d.message, message, "{name}: message\n{all}");
            assert!(!d.hints.is_empty(), "{name}: a hint");
            mine = Some(found[0]);
        }
        let mut others: Vec<Code> = checked
            .diagnostics
            .iter()
            .enumerate()
            .filter(|(i, d)| Some(*i) != mine && d.is_error())
            .map(|(_, d)| d.code)
            .collect();
        others.sort();
        let mut also = self.also.to_vec();
        also.sort();
        assert_eq!(others, also, "{name}: other errors\n{all}");
        // The other side of a boundary: nothing of these codes beyond what the example itself
        // has (its six rounding warnings).
        for code in self.absent {
            let said: Vec<String> = checked
                .diagnostics
                .iter()
                .enumerate()
                .filter(|(i, d)| d.code == *code && Some(*i) != mine)
                .map(|(_, d)| format!("{:?} {}", place(&checked, d, &root), d.message))
                .collect();
            let before: Vec<&String> = baseline()
                .iter()
                .filter(|(c, _)| c == code)
                .map(|(_, t)| t)
                .collect();
            assert!(
                said.iter().all(|t| before.contains(&t)),
                "{name}: no {code} expected\n{all}"
            );
        }
    }
}

/// What `check` says of the example as it is: (code, place and message).
fn baseline() -> &'static [(Code, String)] {
    static SAID: std::sync::OnceLock<Vec<(Code, String)>> = std::sync::OnceLock::new();
    SAID.get_or_init(|| {
        let ex = Example::new();
        let checked = ex.check();
        let root = ex.dir();
        checked
            .diagnostics
            .iter()
            .map(|d| {
                (
                    d.code,
                    format!("{:?} {}", place(&checked, d, &root), d.message),
                )
            })
            .collect()
    })
}

fn plants(
    list: &[(&'static str, &'static str, &str)],
) -> Vec<(&'static str, &'static str, String)> {
    list.iter()
        .map(|(f, from, to)| (*f, *from, to.to_string()))
        .collect()
}

fn acs(text: &str) -> (&'static str, &'static str, String) {
    ("initiatives/acs-1.yaml", "", text.to_string())
}

// ---- Initiatives of different spans ---------------------------------------------------------

#[test]
fn spans_that_run_on_share_a_report_and_a_gap_does_not() {
    let cases = [
        Case {
            name: "a 4-year bid beside 5-year bids",
            plants: vec![acs(ACS), (LIST.0, LIST.1, LIST.2.into()), (PUBLISHED.0, PUBLISHED.1, PUBLISHED.2.into())],
            expect: None,
            also: &[],
            absent: &[Code::YearsInconsistent, Code::MoreDecimalsThanPrinted],
        },
        Case {
            name: "a bid starting the year after the others end",
            plants: vec![
                acs(&ACS.replace("[2017/18, 2018/19, 2019/20, 2020/21]", "[2021/22, 2022/23, 2023/24, 2024/25]")),
                (LIST.0, LIST.1, LIST.2.into()),
                (PUBLISHED.0, PUBLISHED.1, PUBLISHED.2.into()),
            ],
            expect: None,
            also: &[],
            absent: &[Code::YearsInconsistent],
        },
        Case {
            name: "a bid starting two years after the others end",
            plants: vec![
                acs(&ACS.replace("[2017/18, 2018/19, 2019/20, 2020/21]", "[2022/23, 2023/24, 2024/25, 2025/26]")),
                (LIST.0, LIST.1, LIST.2.into()),
                (PUBLISHED.0, PUBLISHED.1, PUBLISHED.2.into()),
            ],
            expect: Some((
                Code::YearsInconsistent,
                Severity::Error,
                "initiatives/acs-1.yaml",
                6,
                10,
                "no initiative of this report covers 2021/22: `ACS 1` covers 2022/23 to 2025/26 and `CYPS 1A` covers 2016/17 to 2020/21",
            )),
            also: &[],
            absent: &[],
        },
        Case {
            name: "a gap of three years, named as a span",
            plants: vec![
                acs(&ACS.replace("[2017/18, 2018/19, 2019/20, 2020/21]", "[2024/25, 2025/26, 2026/27, 2027/28]")),
                (LIST.0, LIST.1, LIST.2.into()),
                (PUBLISHED.0, PUBLISHED.1, PUBLISHED.2.into()),
            ],
            expect: Some((
                Code::YearsInconsistent,
                Severity::Error,
                "initiatives/acs-1.yaml",
                6,
                10,
                "no initiative of this report covers 2021/22 to 2023/24: `ACS 1` covers 2024/25 to 2027/28 and `CYPS 1A` covers 2016/17 to 2020/21",
            )),
            also: &[],
            absent: &[],
        },
        Case {
            // Within one initiative, years must still follow one another.
            name: "years not consecutive within a bid",
            plants: vec![
                acs(&ACS.replace("[2017/18, 2018/19, 2019/20, 2020/21]", "[2017/18, 2018/19, 2020/21, 2021/22]")),
                (LIST.0, LIST.1, LIST.2.into()),
                (PUBLISHED.0, PUBLISHED.1, PUBLISHED.2.into()),
            ],
            expect: Some((
                Code::YearsNotConsecutive,
                Severity::Error,
                "initiatives/acs-1.yaml",
                6,
                29,
                "2020/21 does not follow 2018/19",
            )),
            also: &[],
            absent: &[],
        },
    ];
    for c in cases {
        c.run();
    }
}

#[test]
fn published_totals_allow_rounding_for_the_bids_covering_each_year() {
    // 2016/17 adds the 11 CYPS bids only: half of 0.001 eleven times is 0.0055, so 0.184 (out
    // by 0.005) is rounding and 0.185 (0.006) is not; 2017/18 adds 12, so 0.006 is rounding.
    let exact = "[0.179, 3.817, 3.925, 3.527, 3.578]";
    let with = |investment: &str| {
        vec![
            acs(ACS),
            (LIST.0, LIST.1, LIST.2.into()),
            (PUBLISHED.0, PUBLISHED.1, published(investment)),
        ]
    };
    let cases = [
        Case {
            name: "the programme as published",
            plants: with(exact),
            expect: None,
            also: &[],
            absent: &[Code::RoundingDifference],
        },
        Case {
            name: "2016/17 within the rounding of 11 bids",
            plants: with("[0.184, 3.817, 3.925, 3.527, 3.578]"),
            expect: Some((
                Code::RoundingDifference,
                Severity::Warning,
                "report.yaml",
                96,
                16,
                "Programme: investment for 2016/17 is stated as 0.184 but the figures add up to 0.179 (a rounding difference of 0.005)",
            )),
            also: &[],
            absent: &[],
        },
        Case {
            name: "2016/17 beyond the rounding of 11 bids",
            plants: with("[0.185, 3.817, 3.925, 3.527, 3.578]"),
            expect: Some((
                Code::PublishedTotalMismatch,
                Severity::Error,
                "report.yaml",
                96,
                16,
                "Programme: investment for 2016/17 is stated as 0.185 but the figures add up to 0.179 (a difference of 0.006)",
            )),
            also: &[],
            absent: &[],
        },
        Case {
            name: "2017/18 within the rounding of 12 bids",
            plants: with("[0.179, 3.823, 3.925, 3.527, 3.578]"),
            expect: Some((
                Code::RoundingDifference,
                Severity::Warning,
                "report.yaml",
                96,
                23,
                "Programme: investment for 2017/18 is stated as 3.823 but the figures add up to 3.817 (a rounding difference of 0.006)",
            )),
            also: &[],
            absent: &[],
        },
    ];
    for c in cases {
        c.run();
    }
}

#[test]
fn a_table_reading_the_programme_follows_the_spans() {
    // `programme.investment` in a table block reads the union of the years; its stated figures
    // are allowed the rounding of the bids covering each year (11 in 2016/17, 12 after).
    let table = |stated: &str| {
        format!(
            "  legal:
    - text: 8.1 None directly from this report.
    - table: programme-check
      columns: [2016/17, 2017/18, 2018/19]
      rows:
        - {{ label: Investment, from: programme.investment, stated: {stated} }}
      caption: Programme check
"
        )
    };
    let with = |stated: &str| {
        vec![
            acs(ACS),
            (LIST.0, LIST.1, LIST.2.into()),
            (PUBLISHED.0, PUBLISHED.1, PUBLISHED.2.into()),
            (
                "report.yaml",
                "  legal: |\n    8.1 None directly from this report.\n",
                table(stated),
            ),
        ]
    };
    let cases = [
        Case {
            name: "the programme's figures",
            plants: with("[0.179, 3.817, 3.925]"),
            expect: None,
            also: &[],
            absent: &[Code::RoundingDifference, Code::TableFigureMismatch],
        },
        Case {
            name: "within the rounding of 11 bids",
            plants: with("[0.184, 3.817, 3.925]"),
            expect: Some((
                Code::RoundingDifference,
                Severity::Warning,
                "report.yaml",
                360,
                69,
                "`Investment` (programme-check), 2016/17 is stated as 0.184 but its figures give 0.179 (a rounding difference of 0.005)",
            )),
            also: &[],
            absent: &[],
        },
        Case {
            name: "beyond the rounding of 11 bids",
            plants: with("[0.185, 3.817, 3.925]"),
            expect: Some((
                Code::TableFigureMismatch,
                Severity::Error,
                "report.yaml",
                360,
                69,
                "`Investment` (programme-check), 2016/17 is stated as 0.185 but its figures give 0.179 (a difference of 0.006)",
            )),
            also: &[],
            absent: &[],
        },
    ];
    for c in cases {
        c.run();
    }
}

// ---- Units ----------------------------------------------------------------------------------

#[test]
fn initiatives_in_their_own_units_print_in_the_report_s() {
    let listed = |text: &str| {
        vec![
            acs(text),
            (LIST.0, LIST.1, LIST.2.into()),
            (PUBLISHED.0, PUBLISHED.1, PUBLISHED.2.into()),
        ]
    };
    let cases = [
        Case {
            name: "not a unit of money",
            plants: listed(&ACS.replace("units: £k", "units: count")),
            expect: Some((
                Code::BadValue,
                Severity::Error,
                "initiatives/acs-1.yaml",
                4,
                8,
                "`count` is not a unit of money",
            )),
            also: &[],
            absent: &[],
        },
        Case {
            name: "£000 that print whole in £m",
            plants: listed(ACS),
            expect: None,
            also: &[],
            absent: &[Code::MoreDecimalsThanPrinted],
        },
        Case {
            name: "£000 with a place more than £m prints",
            plants: listed(&ACS.replace("(81)", "(81.5)")),
            expect: Some((
                Code::MoreDecimalsThanPrinted,
                Severity::Warning,
                "initiatives/acs-1.yaml",
                10,
                17,
                "`ACS 1` Gross Saving, 2018/19: (81.5) (£k) is (0.0815) in this report's £m, which it prints to 3 decimal place(s), as (0.082)",
            )),
            also: &[],
            absent: &[],
        },
        Case {
            name: "a figure with a place more than the report prints",
            plants: plants(&[(
                "initiatives/cyps-2.yaml",
                "values: [~, 16.393,",
                "values: [~, 16.3935,",
            )]),
            expect: Some((
                Code::MoreDecimalsThanPrinted,
                Severity::Warning,
                "initiatives/cyps-2.yaml",
                36,
                17,
                "`CYPS 2` Current Budget – Net, 2017/18: 16.3935 has more decimal places than the report prints (3), so it prints as 16.394",
            )),
            also: &[],
            absent: &[],
        },
        Case {
            // The slip: a report switched to £k printed £m figures as 0, 1, 1, 1.
            name: "a £k report and a bid that states no unit",
            plants: plants(&[("report.yaml", "units: £m", "units: £k")]),
            expect: Some((
                Code::MoreDecimalsThanPrinted,
                Severity::Warning,
                "initiatives/cyps-2.yaml",
                36,
                17,
                "`CYPS 2` Current Budget – Net, 2017/18: 16.393 has more decimal places than the report prints (0), so it prints as 16",
            )),
            also: &[],
            absent: &[],
        },
        Case {
            name: "a total too large to print",
            plants: listed(
                "kind: initiative\nreference: ACS 1\ntitle: Brokerage Team\nunits: £k\nfinance:\n  years: [2017/18, 2018/19]\n  investment:\n    - values: [999999999999999, 999999999999999]\n  gross_saving:\n    values: [0, 0]\n",
            ),
            expect: Some((
                Code::FigureTooLarge,
                Severity::Error,
                "initiatives/acs-1.yaml",
                8,
                15,
                "the Cumulative of `Investment` is 1,999,999,999,999,998, more than a table can print",
            )),
            also: &[],
            absent: &[],
        },
        Case {
            name: "a total just short of too large",
            plants: listed(
                "kind: initiative\nreference: ACS 1\ntitle: Brokerage Team\nunits: £k\nfinance:\n  years: [2017/18, 2018/19]\n  investment:\n    - values: [499999999999999, 499999999999999]\n  gross_saving:\n    values: [0, 0]\n",
            ),
            expect: None,
            also: &[],
            absent: &[Code::FigureTooLarge],
        },
        Case {
            name: "a figure too large once in the report's unit",
            plants: vec![
                acs("kind: initiative\nreference: ACS 1\ntitle: Brokerage Team\nunits: £m\nfinance:\n  years: [2017/18]\n  investment:\n    - values: [1000000000000]\n  gross_saving:\n    values: [0]\n"),
                (LIST.0, LIST.1, LIST.2.into()),
                (PUBLISHED.0, PUBLISHED.1, PUBLISHED.2.into()),
                ("report.yaml", "units: £m", "units: £k".into()),
            ],
            expect: Some((
                Code::FigureTooLarge,
                Severity::Error,
                "report.yaml",
                87,
                106,
                "`ACS 1` has a figure of 1,000,000,000,000,000 in this report's unit, more than a table can print",
            )),
            also: &[],
            absent: &[],
        },
        Case {
            name: "a figure just short of too large in the report's unit",
            plants: vec![
                acs("kind: initiative\nreference: ACS 1\ntitle: Brokerage Team\nunits: £m\nfinance:\n  years: [2017/18]\n  investment:\n    - values: [999999999999]\n  gross_saving:\n    values: [0]\n"),
                (LIST.0, LIST.1, LIST.2.into()),
                (PUBLISHED.0, PUBLISHED.1, PUBLISHED.2.into()),
                ("report.yaml", "units: £m", "units: £k".into()),
            ],
            expect: None,
            also: &[],
            absent: &[Code::FigureTooLarge],
        },
        Case {
            name: "a programme too large to print",
            plants: vec![
                acs("kind: initiative\nreference: ACS 1\ntitle: Brokerage Team\nunits: £m\nfinance:\n  years: [2017/18]\n  investment:\n    - values: [600000000000000]\n  gross_saving:\n    values: [0]\n"),
                ("initiatives/acs-2.yaml", "", "kind: initiative\nreference: ACS 2\ntitle: Legal Services\nunits: £m\nfinance:\n  years: [2017/18]\n  investment:\n    - values: [600000000000000]\n  gross_saving:\n    values: [0]\n".into()),
                ("report.yaml", "CYPS 9, CYPS 10]", "CYPS 9, CYPS 10, ACS 1, ACS 2]".into()),
                (PUBLISHED.0, PUBLISHED.1, PUBLISHED.2.into()),
            ],
            expect: Some((
                Code::FigureTooLarge,
                Severity::Error,
                "report.yaml",
                87,
                106,
                "the programme of this report's initiatives adds up to 1,200,000,000,000,003.607 in 2017/18, more than a table can print (`ACS 1` adds the most)",
            )),
            also: &[],
            absent: &[],
        },
    ];
    for c in cases {
        c.run();
    }
}

// ---- Bid forms ------------------------------------------------------------------------------

#[test]
fn a_bid_form_is_checked_against_its_profile() {
    let cases = [
        Case {
            // The 2016 CYPS 4 form costs the full Pause project: 0.135 a year against 0.000.
            name: "CYPS 4's funding sought",
            plants: vec![cyps4_form("  form:\n    funding_sought: [0.018, 0.135, 0.135, 0.135, 0.135]\n")],
            expect: Some((
                Code::BidFormMismatch,
                Severity::Error,
                "initiatives/cyps-4.yaml",
                41,
                29,
                "the form's funding sought differs from the investment in the profile in 4 years: 0.135 for 2017/18 where it gives 0.000, 0.135 for 2018/19 where it gives 0.000, 0.135 for 2019/20 where it gives 0.000, 0.135 for 2020/21 where it gives 0.000",
            )),
            also: &[],
            absent: &[],
        },
        Case {
            // The whole of the seed's CYPS 4 form: its funding sought, its cumulative cost
            // avoidance and its benefit table's savings are each out, each said once at its row.
            name: "CYPS 4's form as the seed prints it",
            plants: vec![cyps4_form(
                "  form:
    funding_sought: [0.018, 0.135, 0.135, 0.135, 0.135]
    savings_label: Cumulative Cost Avoidance
    savings: [0.000, 0.000, (0.165), (0.495), (0.825)]
  benefits:
    rows:
      - { label: Savings year on year, values: [0, 0, 0.165, 0.330, 0.330], matches: new_saving }
      - { label: Children prevented from becoming Looked After, unit: children, values: [~, ~, 15, 15, 15] }
",
            )],
            expect: Some((
                Code::BidFormMismatch,
                Severity::Error,
                "initiatives/cyps-4.yaml",
                41,
                29,
                "the form's funding sought differs from the investment in the profile in 4 years: 0.135 for 2017/18 where it gives 0.000, 0.135 for 2018/19 where it gives 0.000, 0.135 for 2019/20 where it gives 0.000, 0.135 for 2020/21 where it gives 0.000",
            )),
            also: &[Code::BidFormMismatch, Code::BidFormMismatch],
            absent: &[],
        },
        Case {
            name: "CYPS 4's funding sought as the profile has it",
            plants: vec![cyps4_form("  form:\n    funding_sought: [0.018, 0.000, 0.000, 0.000, 0.000]\n")],
            expect: None,
            also: &[],
            absent: &[Code::BidFormMismatch, Code::RoundingDifference],
        },
        Case {
            name: "a figure a unit out: rounding",
            plants: vec![cyps4_form("  form:\n    funding_sought: [0.018, 0.001, 0.000, 0.000, 0.000]\n")],
            expect: Some((
                Code::RoundingDifference,
                Severity::Warning,
                "initiatives/cyps-4.yaml",
                41,
                29,
                "the form's funding sought for 2017/18 is 0.001 but the investment in the profile is 0.000 (a rounding difference of 0.001)",
            )),
            also: &[],
            absent: &[Code::BidFormMismatch],
        },
        Case {
            name: "a figure two units out",
            plants: vec![cyps4_form("  form:\n    funding_sought: [0.018, 0.002, 0.000, 0.000, 0.000]\n")],
            expect: Some((
                Code::BidFormMismatch,
                Severity::Error,
                "initiatives/cyps-4.yaml",
                41,
                29,
                "the form's funding sought for 2017/18 is 0.002 but the investment in the profile is 0.000 (a difference of 0.002)",
            )),
            also: &[],
            absent: &[],
        },
        Case {
            name: "the form's savings, by its own label",
            plants: vec![cyps4_form(
                "  form:\n    savings_label: Cumulative Cost Avoidance\n    savings: [0.000, 0.000, (0.165), 0.000, 0.000]\n",
            )],
            expect: Some((
                Code::BidFormMismatch,
                Severity::Error,
                "initiatives/cyps-4.yaml",
                42,
                29,
                "the form's `Cumulative Cost Avoidance` for 2018/19 is (0.165) but the gross saving in the profile is 0.000 (a difference of 0.165)",
            )),
            also: &[],
            absent: &[],
        },
        Case {
            name: "the form shows fewer years than the profile",
            plants: vec![cyps4_form(
                "  form:\n    years: [2017/18, 2018/19, 2019/20, 2020/21]\n    funding_sought: [0.000, 0.000, 0.000, 0.000]\n",
            )],
            expect: None,
            also: &[],
            absent: &[Code::BidFormMismatch],
        },
        Case {
            name: "a year the profile does not have",
            plants: vec![cyps4_form(
                "  form:\n    years: [2015/16, 2016/17]\n    funding_sought: [0.018, 0.018]\n",
            )],
            expect: Some((
                Code::BidFormMismatch,
                Severity::Error,
                "initiatives/cyps-4.yaml",
                41,
                13,
                "the form shows 2015/16, but the profile covers 2016/17 to 2020/21",
            )),
            also: &[],
            absent: &[],
        },
        Case {
            name: "a figure missing",
            plants: vec![cyps4_form("  form:\n    funding_sought: [0.018, 0.000, 0.000, 0.000]\n")],
            expect: Some((
                Code::RowLength,
                Severity::Error,
                "initiatives/cyps-4.yaml",
                41,
                21,
                "the form's funding sought has 4 figure(s) but the form shows 5 year(s)",
            )),
            also: &[],
            absent: &[],
        },
        Case {
            name: "N/A in every year",
            plants: vec![cyps4_form("  form:\n    funding_sought: [~, ~, ~, ~, ~]\n")],
            expect: None,
            also: &[],
            absent: &[Code::BidFormMismatch, Code::BadFigure],
        },
    ];
    for c in cases {
        c.run();
    }
}

#[test]
fn a_benefits_table_is_checked_against_the_profile_it_matches() {
    // CYPS 2's gross saving: 0.000 (0.165) (0.627) (1.254) (1.914); the saving added each year
    // is 0.000 0.165 0.462 0.627 0.660.
    let savings = |values: &str| {
        format!(
            "    rows:\n      - {{ label: Savings year by year, values: {values}, matches: new_saving }}\n"
        )
    };
    let cases = [
        Case {
            // Two rows of 10^15 − 1 add to more than a table prints: said at the total row.
            name: "a benefits total too large to print",
            plants: vec![cyps2_benefits(
                "    rows:
      - { label: Posts, values: [~, 999999999999999, 0, 0, 0] }
      - { label: Agency, values: [~, 999999999999999, 0, 0, 0] }
      - { label: Total, total: true }
",
            )],
            expect: Some((
                Code::FigureTooLarge,
                Severity::Error,
                "initiatives/cyps-2.yaml",
                47,
                18,
                "`Total`: the total is too large to compute or print",
            )),
            also: &[],
            absent: &[],
        },
        Case {
            name: "a benefits total just short of too large",
            plants: vec![cyps2_benefits(
                "    rows:
      - { label: Posts, values: [~, 999999999999998, 0, 0, 0] }
      - { label: Agency, values: [~, 1, 0, 0, 0] }
      - { label: Total, total: true }
",
            )],
            expect: None,
            also: &[],
            absent: &[Code::FigureTooLarge],
        },
        Case {
            name: "savings year by year",
            plants: vec![cyps2_benefits(&savings("[~, 0.165, 0.462, 0.627, 0.660]"))],
            expect: None,
            also: &[],
            absent: &[Code::BidFormMismatch, Code::RoundingDifference],
        },
        Case {
            name: "savings a unit out: rounding of the two figures it takes",
            plants: vec![cyps2_benefits(&savings("[~, 0.165, 0.463, 0.627, 0.660]"))],
            expect: Some((
                Code::RoundingDifference,
                Severity::Warning,
                "initiatives/cyps-2.yaml",
                45,
                59,
                "`Savings year by year` for 2018/19 is 0.463 but the profile's new saving (the fall in gross saving on the year before) is 0.462 (a rounding difference of 0.001)",
            )),
            also: &[],
            absent: &[Code::BidFormMismatch],
        },
        Case {
            name: "savings two units out",
            plants: vec![cyps2_benefits(&savings("[~, 0.165, 0.464, 0.627, 0.660]"))],
            expect: Some((
                Code::BidFormMismatch,
                Severity::Error,
                "initiatives/cyps-2.yaml",
                45,
                59,
                "`Savings year by year` for 2018/19 is 0.464 but the profile's new saving (the fall in gross saving on the year before) is 0.462 (a difference of 0.002)",
            )),
            also: &[],
            absent: &[],
        },
        Case {
            name: "a cumulative row taken for a yearly one",
            plants: vec![cyps2_benefits(&savings("[~, 0.165, 0.627, 1.254, 1.914]"))],
            expect: Some((
                Code::BidFormMismatch,
                Severity::Error,
                "initiatives/cyps-2.yaml",
                45,
                59,
                "`Savings year by year` differs from the profile's new saving (the fall in gross saving on the year before) in 3 years: 0.627 for 2018/19 where it gives 0.462, 1.254 for 2019/20 where it gives 0.627, 1.914 for 2020/21 where it gives 0.660",
            )),
            also: &[],
            absent: &[],
        },
        Case {
            name: "a line the profile does not have",
            plants: vec![cyps2_benefits(
                "    rows:\n      - { label: Savings, values: [~, 0.165, 0.462, 0.627, 0.660], matches: new_savings }\n",
            )],
            expect: Some((
                Code::BadValue,
                Severity::Error,
                "initiatives/cyps-2.yaml",
                45,
                77,
                "`new_savings` is not a line of the profile; did you mean `new_saving`?",
            )),
            also: &[],
            absent: &[],
        },
        Case {
            name: "a figure with a place more than the table prints",
            plants: vec![cyps2_benefits(
                "    decimals: 3\n    rows:\n      - { label: Savings, values: [~, 0.1654, 0.462, 0.627, 0.660] }\n",
            )],
            expect: Some((
                Code::MoreDecimalsThanPrinted,
                Severity::Warning,
                "initiatives/cyps-2.yaml",
                46,
                39,
                "`CYPS 2` benefits, `Savings`, 2017/18: 0.1654 has more decimal places than the report prints (3), so it prints as 0.165",
            )),
            also: &[],
            absent: &[],
        },
        Case {
            name: "a count added into a total",
            plants: vec![cyps2_benefits(
                "    rows:\n      - { label: Children, unit: children, total: true }\n",
            )],
            expect: Some((
                Code::UnitMismatch,
                Severity::Error,
                "initiatives/cyps-2.yaml",
                45,
                51,
                "`Children` counts children, which is not money",
            )),
            also: &[],
            absent: &[],
        },
        Case {
            name: "a total with figures of its own",
            plants: vec![cyps2_benefits(
                "    rows:\n      - { label: Savings, values: [~, 0.165, 0.462, 0.627, 0.660] }\n      - { label: Total, total: true, values: [~, 0.165, 0.462, 0.627, 0.660] }\n",
            )],
            expect: Some((
                Code::BadValue,
                Severity::Error,
                "initiatives/cyps-2.yaml",
                46,
                46,
                "`Total` is a total, computed from the rows above it, and has figures",
            )),
            also: &[],
            absent: &[],
        },
        Case {
            name: "a row with no figures",
            plants: vec![cyps2_benefits("    rows:\n      - { label: Savings }\n")],
            expect: Some((
                Code::MissingField,
                Severity::Error,
                "initiatives/cyps-2.yaml",
                45,
                18,
                "the row `Savings` has no figures",
            )),
            also: &[],
            absent: &[],
        },
        Case {
            name: "a table in £ beside a profile of no stated unit",
            plants: vec![cyps2_benefits(
                "    units: £\n    rows:\n      - { label: Investment, values: [100000, 164000, 164000, 164000, 164000], matches: investment }\n",
            )],
            expect: Some((
                Code::UnitMismatch,
                Severity::Error,
                "initiatives/cyps-2.yaml",
                44,
                12,
                "the benefits table is in £ but the initiative states no `units:`, so its profile cannot be compared with it",
            )),
            also: &[],
            absent: &[],
        },
    ];
    for c in cases {
        c.run();
    }
}

#[test]
fn a_breakdown_in_pounds_agrees_where_it_rounds_to_the_profile() {
    // CYPS 10's summary of investment, in £, against its £m profile: 338,945 is the 0.339 of
    // "Investment *" printed to three places.
    let table = |commission: &str| {
        (
            "initiatives/cyps-10.yaml",
            "bid:\n",
            format!(
                "bid:
  benefits:
    units: £
    rows:
      - {{ label: Expansion, values: [31000, 318945, 318945, 318945, 318945] }}
      - {{ label: Commission, values: {commission} }}
      - {{ label: Total Investment, total: true, matches: Investment * }}
"
            ),
        )
    };
    let units = (
        "initiatives/cyps-10.yaml",
        "title: Workforce Development and Practice Improvement\n",
        "title: Workforce Development and Practice Improvement\nunits: £m\n".to_string(),
    );
    let cases = [
        Case {
            name: "the source's breakdown",
            plants: vec![units.clone(), table("[30000, 20000, 175000, 87500, 87500]")],
            expect: None,
            also: &[],
            absent: &[Code::BidFormMismatch, Code::RoundingDifference],
        },
        Case {
            name: "a breakdown to the penny, in a table of whole pounds",
            plants: vec![units.clone(), table("[30000.50, 20000, 175000, 87500, 87500]")],
            expect: Some((
                Code::MoreDecimalsThanPrinted,
                Severity::Warning,
                "initiatives/cyps-10.yaml",
                54,
                39,
                "`Commission`: 30,000.50 has more decimal places than the benefits table prints (0), so it prints as 30,001",
            )),
            also: &[],
            absent: &[Code::BidFormMismatch],
        },
        Case {
            name: "a breakdown £2,000 out",
            plants: vec![units.clone(), table("[30000, 22000, 175000, 87500, 87500]")],
            expect: Some((
                Code::BidFormMismatch,
                Severity::Error,
                "initiatives/cyps-10.yaml",
                55,
                58,
                "`Total Investment` for 2017/18 is 340,945 (£) but the profile's line `Investment *` is 0.339 (£m) (a difference of 0.001945 (£m))",
            )),
            also: &[],
            absent: &[],
        },
    ];
    for c in cases {
        c.run();
    }
}

#[test]
fn a_bid_in_pounds_million_prints_whole_in_a_report_in_thousands() {
    // The slip the other way round: the bid says what its figures are, and the £k
    // report converts them (0.164 is 164), so none of its figures prints rounded.
    let ex = Example::new();
    ex.plant("report.yaml", "units: £m", "units: £k");
    ex.plant(PUBLISHED.0, PUBLISHED.1, PUBLISHED.2);
    ex.plant(
        "initiatives/cyps-2.yaml",
        "title: Family Group Conferencing\n",
        "title: Family Group Conferencing\nunits: £m\n",
    );
    let checked = ex.check();
    let root = ex.dir();
    let all = listing(&checked, &root);
    assert!(!checked.has_errors(), "{all}");
    let rounded = |file: &str| {
        checked
            .diagnostics
            .iter()
            .filter(|d| d.code == Code::MoreDecimalsThanPrinted)
            .filter(|d| place(&checked, d, &root).is_some_and(|p| p.0 == file))
            .count()
    };
    assert_eq!(rounded("initiatives/cyps-2.yaml"), 0, "{all}");
    // The bids that state no unit are in the report's, and their £m figures are told.
    assert_eq!(rounded("initiatives/cyps-3.yaml"), 12, "{all}");
    let hint = checked
        .diagnostics
        .iter()
        .find(|d| d.code == Code::MoreDecimalsThanPrinted)
        .and_then(|d| d.hints.first())
        .expect("a hint");
    assert_eq!(
        hint,
        "if the initiative's figures are in £m, say so with `units: £m` in its file and this report converts them exactly (0.164 is 164 £k); otherwise enter the figure as printed, or raise the report's `decimals`"
    );
}

// ---- What the page shows --------------------------------------------------------------------

/// The example with ACS 1 (4 years, £000) beside the eleven 5-year CYPS bids (£m), and the
/// CYPS published totals left out (they no longer hold).
fn with_acs() -> Example {
    let ex = Example::new();
    std::fs::write(ex.file("initiatives/acs-1.yaml"), ACS).expect("write");
    ex.plant(LIST.0, LIST.1, LIST.2);
    ex.plant(PUBLISHED.0, PUBLISHED.1, PUBLISHED.2);
    ex
}

fn rendered(ex: &Example) -> cabinet::render::Rendered {
    let checked = ex.check();
    assert!(!checked.has_errors(), "{}", listing(&checked, &ex.dir()));
    cabinet::render::render_paper(&checked, cabinet::model::PaperId::Report(0), None, None)
        .expect("render")
}

fn file(r: &cabinet::render::Rendered, ext: &str) -> Vec<u8> {
    r.files
        .iter()
        .find(|a| a.name.ends_with(ext))
        .unwrap_or_else(|| panic!("no {ext}"))
        .bytes
        .clone()
}

fn markdown(r: &cabinet::render::Rendered) -> String {
    String::from_utf8(file(r, ".md")).expect("utf-8")
}

/// The cells of the Markdown row starting `| label |` (or in bold) after `caption`.
fn md_row(md: &str, caption: &str, label: &str) -> Vec<String> {
    let start = md.find(caption).unwrap_or_else(|| panic!("no `{caption}`"));
    let line = md[start..]
        .lines()
        .find(|l| {
            l.starts_with(&format!("| {label} |")) || l.starts_with(&format!("| **{label}** |"))
        })
        .unwrap_or_else(|| panic!("no row `{label}` after `{caption}`"));
    line.trim_matches('|')
        .split('|')
        .map(|c| c.trim().trim_matches('*').to_string())
        .collect()
}

/// The cells of the HTML row whose first cell is `label`, after `caption`, as text.
fn html_row(html: &str, caption: &str, label: &str) -> Vec<String> {
    let start = html
        .find(caption)
        .unwrap_or_else(|| panic!("no `{caption}` in the HTML"));
    let rest = &html[start..];
    let row = rest
        .split("<tr")
        .find(|r| {
            let cells = cells(r);
            cells.first().map(String::as_str) == Some(label)
        })
        .unwrap_or_else(|| panic!("no HTML row `{label}` after `{caption}`"));
    cells(row)
}

fn cells(row: &str) -> Vec<String> {
    let row = row.split("</tr>").next().unwrap_or("");
    let mut out = Vec::new();
    let mut rest = row;
    while let Some(at) = rest.find("<t") {
        rest = &rest[at..];
        let (Some(open), Some(close)) = (rest.find('>'), rest.find("</t")) else {
            break;
        };
        // The text of the cell, without the tags inside it (`<strong>` on a total).
        let mut text = String::new();
        let mut in_tag = false;
        for c in rest[open + 1..close].chars() {
            match c {
                '<' => in_tag = true,
                '>' => in_tag = false,
                c if !in_tag => text.push(c),
                _ => {}
            }
        }
        out.push(text.trim().replace("&amp;", "&"));
        rest = &rest[close + 3..];
    }
    out
}

/// The PDF's text, each run of white space one space; `None` where pdftotext is not installed
/// (CI installs it).
pub(crate) fn pdf_text(pdf: &[u8]) -> Option<String> {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("report.pdf");
    std::fs::write(&path, pdf).expect("write");
    let out = match std::process::Command::new("pdftotext")
        .arg("-layout")
        .arg(&path)
        .arg("-")
        .output()
    {
        Ok(o) => o,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            eprintln!("note: `pdftotext` not installed; PDF text checks skipped");
            return None;
        }
        Err(e) => panic!("pdftotext: {e}"),
    };
    let text = String::from_utf8_lossy(&out.stdout);
    Some(text.split_whitespace().collect::<Vec<_>>().join(" "))
}

#[test]
fn a_4_year_and_a_5_year_bid_add_up_by_year_in_every_format() {
    let r = rendered(&with_acs());
    let md = markdown(&r);
    // 2016/17 is the CYPS bids' alone; from 2017/18 ACS 1 adds 0.210 of investment and its
    // savings of (0.081) and (0.113): 3.607 + 0.210, 3.715 + 0.210, 3.527 and 3.578.
    // The computed programme table (the report's own hand-typed Table 2 says otherwise).
    let summary = "Table: Investment bids: summary of cost and benefit (£m)";
    let investment = [
        "Investment",
        "0.179",
        "3.817",
        "3.925",
        "3.527",
        "3.578",
        "15.026",
    ];
    let gross = [
        "Savings / Cost Avoidance (from Investment)",
        "0.000",
        "(2.276)",
        "(5.271)",
        "(8.174)",
        "(9.714)",
        "(25.435)",
    ];
    let net = [
        "Net Investment / (Saving)",
        "0.179",
        "1.541",
        "(1.346)",
        "(4.647)",
        "(6.136)",
        "(10.409)",
    ];
    // ACS 1's net along the programme's years: blank in 2016/17, not 0.000.
    let acs = [
        "ACS 1 – Brokerage Team",
        "",
        "0.210",
        "0.129",
        "(0.113)",
        "(0.113)",
        "0.113",
    ];
    let by_initiative = "Table: Net investment / (saving) by initiative and year (£m)";
    assert_eq!(md_row(&md, summary, "Investment"), investment);
    assert_eq!(md_row(&md, summary, gross[0]), gross);
    assert_eq!(md_row(&md, summary, net[0]), net);
    assert_eq!(md_row(&md, by_initiative, acs[0]), acs);
    assert_eq!(
        md_row(&md, by_initiative, "Total net")[1..],
        net[1..],
        "the total of the by-initiative table is the programme's net"
    );
    assert!(md.contains("A blank cell is a year the initiative does not cover (it is not a zero); each year's total adds the initiatives that cover it."));
    // ACS 1's own table: its four years, in the report's £m.
    assert_eq!(
        md_row(
            &md,
            "ACS 1 – Brokerage Team: financial profile (£m)",
            "Investment"
        ),
        [
            "Investment",
            "0.210",
            "0.210",
            "0.000",
            "0.000",
            "0.420",
            ""
        ]
    );
    // The chart says which bid covers fewer years, and its data has the blank too.
    assert!(md
        .contains("Not every initiative covers every year: ACS 1 covers 2017/18 to 2020/21 only."));
    assert_eq!(
        md_row(
            &md,
            "Chart data: Net cost or saving of each initiative by year",
            acs[0]
        ),
        acs
    );

    let html = String::from_utf8(file(&r, ".html")).expect("utf-8");
    let caption = |md: &str| format!("<caption>{}</caption>", &md["Table: ".len()..]);
    assert_eq!(html_row(&html, &caption(summary), "Investment"), investment);
    assert_eq!(html_row(&html, &caption(summary), net[0]), net);
    assert_eq!(html_row(&html, &caption(by_initiative), acs[0]), acs);

    if let Some(pdf) = pdf_text(&file(&r, ".pdf")) {
        for row in [&investment[..], &net[..], &acs[..]] {
            let line = row
                .iter()
                .filter(|c| !c.is_empty())
                .cloned()
                .collect::<Vec<_>>()
                .join(" ");
            assert!(pdf.contains(&line), "the PDF has `{line}`");
        }
    }
}

#[test]
fn summary_says_how_many_bids_each_year_adds() {
    let ex = with_acs();
    let run = crate::cabinet(ex.tmp.path(), &["check", "inputs", "--summary", "--quiet"]);
    run.assert_code(0);
    assert!(
        run.stdout.contains(
            "Investment         0.179     3.817     3.925     3.527     3.578    15.026\n"
        ),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("Initiatives           11        12        12        12        12\n"),
        "{}",
        run.stdout
    );
    // Bids of one span: no such line.
    let run = crate::cabinet(
        Example::new().tmp.path(),
        &["check", "inputs", "--summary", "--quiet"],
    );
    assert!(!run.stdout.contains("Initiatives "), "{}", run.stdout);
}

#[test]
fn a_bid_without_a_form_prints_none_and_a_report_without_forms_no_appendix() {
    let ex = Example::new();
    let md = markdown(&rendered(&ex));
    let nones = md.matches("\nNone\n").count();
    assert!(md.contains("### Investment Bid: CYPS 2 – Family Group Conferencing"));
    // CYPS 2 without its form: no entry, and none of its seven answers as "None".
    let text = std::fs::read_to_string(ex.file("initiatives/cyps-2.yaml")).expect("read");
    let cut = &text[..text.find("\nbid:\n").expect("a bid") + 1];
    std::fs::write(ex.file("initiatives/cyps-2.yaml"), cut).expect("write");
    let md = markdown(&rendered(&ex));
    assert!(!md.contains("Investment Bid: CYPS 2"), "no form for CYPS 2");
    assert!(md.contains("## Appendix 1: Investment and Savings Proposals"));
    assert_eq!(
        md.matches("\nNone\n").count(),
        nones,
        "no answers printed as None"
    );
    // No initiative with a form: no Appendix 1 at all.
    for entry in std::fs::read_dir(ex.file("initiatives")).expect("dir") {
        let path = entry.expect("entry").path();
        let text = std::fs::read_to_string(&path).expect("read");
        if let Some(at) = text.find("\nbid:\n") {
            std::fs::write(&path, &text[..at + 1]).expect("write");
        }
    }
    let md = markdown(&rendered(&ex));
    assert!(
        !md.contains("Appendix 1: Investment and Savings Proposals"),
        "{md}"
    );
    assert!(!md.contains("Investment Bid:"));
}

#[test]
fn the_form_prints_the_profile_for_its_years_and_the_benefits_as_data() {
    let ex = Example::new();
    ex.plant(
        "initiatives/cyps-2.yaml",
        "bid:\n",
        "bid:
  form:
    years: [2017/18, 2018/19, 2019/20, 2020/21]
    funding_sought: [0.164, 0.164, 0.164, 0.164]
    savings_label: Cumulative Savings / Cost Avoidance
    savings: [(0.165), (0.627), (1.254), (1.914)]
  benefits:
    rows:
      - { label: Savings year by year, values: [~, 0.165, 0.463, 0.627, 0.660], matches: new_saving }
      - { label: Children prevented, unit: children, values: [~, 15, 27, 30, 30] }
",
    );
    let md = markdown(&rendered(&ex));
    let form = "CYPS 2: financial summary of the bid (£m)";
    assert_eq!(
        md_row(&md, form, "Cumulative Savings / Cost Avoidance"),
        [
            "Cumulative Savings / Cost Avoidance",
            "(0.165)",
            "(0.627)",
            "(1.254)",
            "(1.914)"
        ]
    );
    assert!(md[md.find(form).unwrap()..].starts_with(&format!(
        "{form}\n\n| £m | 2017/18 | 2018/19 | 2019/20 | 2020/21 |"
    )));
    let benefits = "CYPS 2: longer term benefits (£m)";
    assert_eq!(
        md_row(&md, benefits, "Savings year by year"),
        [
            "Savings year by year",
            "",
            "0.165",
            "0.463",
            "0.627",
            "0.660"
        ]
    );
    assert_eq!(
        md_row(&md, benefits, "Children prevented (children)"),
        ["Children prevented (children)", "", "15", "27", "30", "30"]
    );
    // The figure within rounding of the profile's is disclosed under the table.
    assert!(md.contains(
        "Rounding: where this table differs from the initiative's profile, the difference is rounding: Savings year by year, 2018/19: this table prints 0.463; the profile gives 0.462."
    ), "{md}");
}

#[test]
fn printed_totals_that_do_not_add_up_as_printed_are_named() {
    // At 3 places every figure of the example prints as entered: the note says every table
    // adds up as printed.
    let md = markdown(&rendered(&Example::new()));
    assert!(md.contains("Totals in this report are the sums of the figures as entered, so every table adds up as printed."));
    assert!(!md.contains("rounded to 3 decimal place(s) on its own"));
    // At one place, CYPS 2's Investment row prints 0.1 + 0.2 + 0.2 + 0.2 + 0.2 but its
    // Cumulative (0.756) prints 0.8; its 2018/19 net (0.463) prints (0.5) where its parts
    // print 0.2 and (0.6).
    for (decimals, cyps2) in [
        (
            1,
            "Investment, Cumulative: the figures of its row print as adding to 0.9, the total as 0.8",
        ),
        (
            0,
            "Investment, Cumulative: the figures of its row print as adding to 0, the total as 1",
        ),
    ] {
        let ex = Example::new();
        ex.plant("report.yaml", "units: £m\n", &format!("units: £m\ndecimals: {decimals}\n"));
        let md = markdown(&rendered(&ex));
        assert!(!md.contains("so every table adds up as printed"), "{decimals}");
        assert!(md.contains(&format!(
            "Each figure is printed rounded to {decimals} decimal place(s) on its own, so some printed totals differ from the sum of the printed figures: the note under each such table names them."
        )));
        let start = md.find("### CYPS 2 – Family Group Conferencing").expect("CYPS 2");
        let section = &md[start..start + md[start..].find("Payback (first year").expect("payback")];
        assert!(section.contains(cyps2), "{decimals}: {section}");
        if decimals == 1 {
            assert!(section.contains(
                "Net Investment / (Saving), 2018/19: the figures above it print as adding to (0.4), the total as (0.5)"
            ), "{section}");
        }
        assert!(section.contains(&format!(
            "Each figure is rounded to {decimals} decimal place(s) on its own, so some totals differ from the sum of the printed figures:"
        )), "{section}");
    }
}

#[test]
fn a_bid_written_in_thousands_reads_the_same_as_in_millions_everywhere() {
    // CYPS 1A of the bundled example written again in £000: the report (in £m) prints exactly
    // what it printed, and the monitoring report compares its targets with the same profile.
    let before = Example::all();
    let after = Example::all();
    let path = after.file("initiatives/cyps-1a.yaml");
    let text = std::fs::read_to_string(&path).expect("read");
    let mut text = text.replacen("units: £m ", "units: £k ", 1);
    for (m, k) in [
        (
            "[0.000, 1.276, 1.718, 2.182, 2.182]",
            "[0, 1276, 1718, 2182, 2182]",
        ),
        ("cumulative: 7.359", "cumulative: 7359"),
        (
            "[0.000, (1.374), (2.660), (3.980), (3.980)]",
            "[0, (1374), (2660), (3980), (3980)]",
        ),
        ("cumulative: (11.994)", "cumulative: (11994)"),
        (
            "[0.000, (0.098), (0.942), (1.798), (1.798)]",
            "[0, (98), (942), (1798), (1798)]",
        ),
        ("cumulative: (4.635)", "cumulative: (4635)"),
        (
            "[~, 16.393, 16.393, 16.393, 16.393]",
            "[~, 16393, 16393, 16393, 16393]",
        ),
        ("[1.276, 1.718, 2.182, 2.182]", "[1276, 1718, 2182, 2182]"),
        (
            "[(1.374), (2.660), (3.980), (3.980)]",
            "[(1374), (2660), (3980), (3980)]",
        ),
        ("[~, 1.374, 1.286, 1.320, ~]", "[~, 1374, 1286, 1320, ~]"),
    ] {
        assert_eq!(text.matches(m).count(), 1, "{m}");
        text = text.replacen(m, k, 1);
    }
    std::fs::write(&path, text).expect("write");
    let (b, a) = (before.check(), after.check());
    assert!(!a.has_errors(), "{}", listing(&a, &after.dir()));
    // The same diagnostics, by code and place, but CYPS 1A's two rounding warnings, which now
    // speak its own unit (7,359 against 7,358).
    let said = |c: &cabinet::Checked, ex: &Example| {
        c.diagnostics
            .iter()
            .map(|d| (d.code, place(c, d, &ex.dir())))
            .collect::<Vec<_>>()
    };
    assert_eq!(said(&b, &before), said(&a, &after));
    let ws = &a.workspace;
    let report = ws
        .reports
        .iter()
        .position(|r| r.title.starts_with("Medium Term Financial Strategy"))
        .expect("the MTFS report");
    let md = |c: &cabinet::Checked| {
        let r =
            cabinet::render::render_paper(c, cabinet::model::PaperId::Report(report), None, None)
                .expect("render");
        markdown(&r)
    };
    let (mb, ma) = (md(&b), md(&a));
    let differ: Vec<(&str, &str)> = mb.lines().zip(ma.lines()).filter(|(x, y)| x != y).collect();
    assert!(differ.is_empty() && mb.len() == ma.len(), "{differ:#?}");
}
