//! `cabinet explain`: the list of every diagnostic code with its meaning, and for one code its
//! explanation with a short failing example and its fix. The examples are slips planted in a
//! small folder of valid files ([`BASE`]), so a test can check that each one really fails
//! with its code and that the fix passes.

use crate::codes::Code;

/// A small folder of valid input files of every kind: the ground the examples are planted in.
pub const BASE: &[(&str, &str)] = &[
    (
        "initiatives/cyps-2.yaml",
        "kind: initiative
reference: CYPS 2
title: Family Group Conferencing
finance:
  years: [2016/17, 2017/18]
  investment:
    - values: [0.100, 0.164]
      cumulative: 0.264
  gross_saving:
    values: [0.000, (0.165)]
  net:
    values: [0.100, (0.001)]
  payback: Year 2
kpis:
  - { name: LAC Reduction, values: [0, 15], total: 15 }
bid:
  why_needed: Families need support earlier.
  form:
    funding_sought: [0.100, 0.164]
    savings: [0.000, (0.165)]
",
    ),
    (
        "initiatives/cyps-3.yaml",
        "kind: initiative
reference: CYPS 3
title: Edge of Care
finance:
  years: [2016/17, 2017/18]
  investment:
    - values: [0.050, 0.100]
  gross_saving:
    values: [0.000, (0.151)]
",
    ),
    (
        "report.yaml",
        "kind: report
committee: Cabinet
meeting_date: 2016-11-14
title: Investment report
summary:
  - text: Investment proposals, with £{{ funding.funding-proposal.2017/18 }}m of other funding.
  - table: funding
    caption: Funding proposals
    columns: [2016/17, 2017/18]
    rows:
      - { label: Funding Proposal, sum: below, stated: [0.128, 0.481] }
      - { label: Brokerage Team, kind: funding, values: [0.053, 0.210] }
      - { label: Direct Payments Team, kind: funding, values: [0.075, 0.271] }
recommendations: [Note the report.]
exempt: false
initiatives: [CYPS 2, CYPS 3]
published_totals:
  net: [0.150, (0.052)]
",
    ),
    (
        "monitoring.yaml",
        "kind: monitoring
committee: Cabinet
meeting_date: 2018-01-15
title: Monitoring 2017/18
summary: Progress of the investment.
recommendations: [Note the report.]
year: 2017/18
initiatives:
  - reference: CYPS 2
    title: Family Group Conferencing
    lines:
      - { type: investment, target: 0.164, forecast: 0.164, variance: 0.000 }
      - { type: saving, target: (0.165), forecast: (0.165), variance: 0.000 }
    rag: green
budget:
  lines:
    - { label: Children in care, budget: 29.8, actual: 42.3, variance: 12.5, rag: red }
breakdowns:
  - title: In-year mitigations
    stated_total: 0.500
    items:
      - { label: In-house fostering, value: 0.300 }
      - { label: Placement reviews, value: 0.200 }
proportions:
  items:
    - { label: Admissions progressed, count: 7, of: 64, percent: 11% }
monthly:
  - title: Children looked after
    months: [Apr, May, Jun]
    start: 400
    rows:
      - { label: Admissions, group: flow, values: [10, 12, 8] }
      - { label: Discharges, group: flow, values: [-9, -11, -10] }
    closing: [401, 402, 400]
",
    ),
    (
        "scenario.yaml",
        "kind: scenario
committee: Cabinet
meeting_date: 2016-11-14
title: Budget scenarios
summary: The cost of care in three cases.
recommendations: [Note the report.]
units: £k
scenarios:
  years: [2016/17, 2017/18]
  budget: [\"16,672\", \"13,672\"]
  cases:
    - name: Best Case
      actual: [\"18,673\", \"14,822\"]
      variance: [\"2,001\", \"1,150\"]
",
    ),
    (
        "plan.yaml",
        "kind: improvement-plan
committee: Cabinet
meeting_date: 2014-06-02
title: Cost improvement plan
summary: How the savings will be made.
recommendations: [Note the plan.]
units: £k
objectives:
  - title: Reduce agency staff
    targets:
      - target: 5 agency social workers
        saving: 95
total_saving: 95
risks:
  - { risk: Culture change is resisted, likelihood: 3, impact: 4, rating: amber }
",
    ),
    (
        "pack.yaml",
        "kind: pack
authority: Rotherham Metropolitan Borough Council
committee: Cabinet
meeting_date: 2016-11-14
items:
  - number: 1
    title: Apologies for absence
  - number: 2
    title: Investment report
    report: report.yaml
",
    ),
];

/// How a code is shown going wrong.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Example {
    /// In `file` of [`BASE`], `fix` (which occurs there once) written as `slip` fails.
    Slip {
        file: &'static str,
        fix: &'static str,
        slip: &'static str,
    },
    /// A problem with the files themselves rather than their text, told in words.
    Words {
        fails: &'static str,
        fix: &'static str,
    },
}

use Example::{Slip, Words};

const I2: &str = "initiatives/cyps-2.yaml";
const I3: &str = "initiatives/cyps-3.yaml";
const R: &str = "report.yaml";
const M: &str = "monitoring.yaml";
const S: &str = "scenario.yaml";
const P: &str = "plan.yaml";
const K: &str = "pack.yaml";

/// The example of a code.
pub fn example(code: Code) -> Example {
    let slip = |file, fix, slip| Slip { file, fix, slip };
    match code {
        Code::Io => Words {
            fails: "cabinet check reports/      (there is no folder `reports/`)",
            fix: "cabinet check inputs/       (the folder that holds the files)",
        },
        Code::NotUtf8 => Words {
            fails: "a report file saved from Word as \"Unicode (UTF-16)\"",
            fix: "the same file saved again as \"Unicode (UTF-8)\"",
        },
        Code::TooLarge => Words {
            fails: "a 10 MiB spreadsheet export renamed to budget.yaml",
            fix: "the initiative's own few-kilobyte file",
        },
        Code::NoInputs => Words {
            fails: "cabinet check inputs/       (a folder with no .yaml file in it)",
            fix: "cabinet new initiative \"CYPS 11\" && cabinet check",
        },
        Code::NoPack => Words {
            fails: "cabinet pack                (with two pack files under inputs/)",
            fix: "cabinet pack inputs/pack-2016-11-14.yaml",
        },
        Code::YamlSyntax => slip(I2, "  investment:\n", "   investment:\n"),
        Code::YamlLimit => slip(
            R,
            "exempt: false",
            "exempt: [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[false]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
        ),
        Code::DuplicateKey => slip(
            I2,
            "title: Family Group Conferencing\n",
            "title: Family Group Conferencing\ntitle: Family Group Conferences\n",
        ),
        Code::UnknownField => slip(I2, "  gross_saving:\n", "  gross_savings:\n"),
        Code::MissingField => slip(I2, "title: Family Group Conferencing\n", ""),
        Code::WrongType => slip(
            I2,
            "title: Family Group Conferencing",
            "title: [Family Group Conferencing]",
        ),
        Code::UnknownKind => slip(I2, "kind: initiative", "kind: intiative plan"),
        Code::BadFigure => slip(I2, "values: [0.100, 0.164]", "values: [0.100, £164k]"),
        Code::BadYear => slip(I2, "years: [2016/17, 2017/18]", "years: [2016/17, 2017-19]"),
        Code::YearsNotConsecutive => {
            slip(I2, "years: [2016/17, 2017/18]", "years: [2016/17, 2018/19]")
        }
        Code::RowLength => slip(
            I2,
            "values: [0.000, (0.165)]",
            "values: [0.000, (0.165), (0.627)]",
        ),
        // Initiatives of different spans share a report; a year none of them covers does not.
        Code::YearsInconsistent => {
            slip(I3, "years: [2016/17, 2017/18]", "years: [2019/20, 2020/21]")
        }
        Code::BadDate => slip(R, "meeting_date: 2016-11-14", "meeting_date: 14/11/2016"),
        Code::BadValue => slip(R, "exempt: false", "exempt: { paragraph: 9 }"),
        Code::EmptyText => slip(R, "title: Investment report", "title: \"\""),
        Code::NetMismatch => slip(I2, "values: [0.100, (0.001)]", "values: [0.100, (0.011)]"),
        Code::CumulativeMismatch => slip(I2, "cumulative: 0.264", "cumulative: 0.246"),
        Code::PaybackMismatch => slip(I2, "payback: Year 2", "payback: Year 1"),
        Code::OutOfScale => slip(I3, "values: [0.000, (0.151)]", "values: [0.000, (151.0)]"),
        Code::SignSlip => slip(I3, "values: [0.050, 0.100]", "values: [0.050, -0.100]"),
        Code::KpiTotalMismatch => slip(I2, "total: 15", "total: 51"),
        Code::PublishedTotalMismatch => slip(R, "net: [0.150, (0.052)]", "net: [0.150, (0.025)]"),
        Code::RoundingDifference => slip(R, "net: [0.150, (0.052)]", "net: [0.150, (0.053)]"),
        Code::BidFormMismatch => slip(
            I2,
            "funding_sought: [0.100, 0.164]",
            "funding_sought: [0.100, 0.135]",
        ),
        Code::UnknownInitiative => slip(
            R,
            "initiatives: [CYPS 2, CYPS 3]",
            "initiatives: [CYPS 2, CYPS 4]",
        ),
        Code::DuplicateReference => slip(
            R,
            "initiatives: [CYPS 2, CYPS 3]",
            "initiatives: [CYPS 2, CYPS 3, CYPS 2]",
        ),
        Code::UnusedInitiative => slip(
            R,
            "initiatives: [CYPS 2, CYPS 3]\npublished_totals:\n  net: [0.150, (0.052)]\n",
            "initiatives: [CYPS 2]\n",
        ),
        Code::VarianceMismatch => slip(
            S,
            "variance: [\"2,001\", \"1,150\"]",
            "variance: [\"2,001\", \"1,510\"]",
        ),
        Code::RagMismatch => slip(M, "    rag: green\n", "    rag: red\n"),
        Code::ItemsTotalMismatch => slip(P, "total_saving: 95", "total_saving: 59"),
        Code::TotalNotItemised => slip(
            M,
            "stated_total: 0.500\n",
            "stated_total: 0.600\n    unitemised: 0.100\n",
        ),
        Code::MonthlyMismatch => slip(M, "closing: [401, 402, 400]", "closing: [401, 403, 400]"),
        Code::PercentMismatch => slip(M, "percent: 11%", "percent: 10%"),
        Code::DuplicateLine => slip(
            M,
            "      - { label: Placement reviews, value: 0.200 }\n",
            "      - { label: In-house fostering, value: 0.200 }\n",
        ),
        Code::TargetOffProfile => slip(
            M,
            "type: investment, target: 0.164, forecast: 0.164",
            "type: investment, target: 0.100, forecast: 0.100",
        ),
        Code::BadMonth => slip(M, "months: [Apr, May, Jun]", "months: [Apr, Jun, Jul]"),
        Code::DuplicateItem => slip(K, "  - number: 2\n", "  - number: 1\n"),
        Code::PackReportMissing => slip(K, "report: report.yaml", "report: reports.yaml"),
        Code::ExemptParagraph => slip(
            K,
            "    report: report.yaml\n",
            "    report: report.yaml\n    exempt: { paragraph: 8 }\n",
        ),
        Code::ExemptNotMarked => slip(R, "exempt: false", "exempt: { paragraph: 3 }"),
        Code::ControlCharacter => slip(
            I3,
            "title: Edge of Care",
            "title: \"Edge of\\aCare\"",
        ),
        Code::TemplatesOutsideInputs => slip(
            R,
            "exempt: false\n",
            "exempt: false\ntemplates: ../house-style\n",
        ),
        Code::TableReference => slip(
            R,
            "sum: below",
            "sum: [brokerage-team, direct-payment-team]",
        ),
        Code::TableCycle => slip(R, "sum: below", "sum: [funding-proposal]"),
        Code::TableFigureMismatch => slip(R, "stated: [0.128, 0.481]", "stated: [0.128, 0.418]"),
        Code::DuplicateName => slip(
            R,
            "- { label: Direct Payments Team",
            "- { id: brokerage-team, label: Direct Payments Team",
        ),
        Code::UnitMismatch => slip(
            R,
            "values: [0.075, 0.271] }",
            "values: [75, 271], units: count }",
        ),
        Code::MoreDecimalsThanPrinted => slip(
            R,
            "values: [0.075, 0.271] }",
            "values: [0.0751, 0.271] }",
        ),
        // An initiative's figure is printed at the report's places too: in `initiatives/cyps-3.yaml`
        // `values: [0.050, 0.1004]` warns the same way, at the figure.
        Code::FigureTooLarge => slip(
            I3,
            "values: [0.050, 0.100]",
            "values: [999999999999999, 999999999999999]",
        ),
        Code::NarrativeFigure => slip(
            R,
            "{{ funding.funding-proposal.2017/18 }}",
            "{{ funding.funding-proposal.2017/18 = 0.418 }}",
        ),
        Code::FontUnreadable => slip(
            R,
            "exempt: false\n",
            "exempt: false\nfonts: [fonts/no-such-font.ttf]\n",
        ),
        Code::UnshowableCharacter => slip(I3, "title: Edge of Care", "title: Edge of Care 家庭"),
        Code::TableTooWide => Words {
            fails: "a table of 40 columns, each as wide as the page (`cabinet build` says so)",
            fix: "the same figures in two tables, or columns of shorter headings",
        },
        Code::OutputCollision => Words {
            fails: "inputs/a/report.yaml beside inputs/b/report.yaml   (both would be output/report.pdf)",
            fix: "inputs/a/report.yaml beside inputs/b/budget-report.yaml",
        },
    }
}

/// Every code with its one-line meaning, in code order: what `cabinet explain` prints alone.
pub fn list() -> String {
    let mut codes = Code::ALL.to_vec();
    codes.sort_by_key(|c| &c.id()[1..]);
    let width = codes.iter().map(|c| c.slug().len()).max().unwrap_or(0);
    let mut out = String::new();
    for c in codes {
        out.push_str(&format!(
            "{}  {:width$}  {}\n",
            c.id(),
            c.slug(),
            c.meaning()
        ));
    }
    out.push_str(
        "\n`cabinet explain CODE` (e.g. E0201 or net-mismatch) says more, with an example.\n",
    );
    out
}

fn indent(text: &str) -> String {
    text.lines()
        .map(|l| format!("    {l}\n"))
        .collect::<String>()
}

/// `text` broken into lines of at most `width` characters, at spaces.
fn wrap(text: &str, width: usize) -> String {
    let mut out = String::new();
    let mut line = 0;
    for word in text.split(' ') {
        let n = word.chars().count();
        if line > 0 && line + 1 + n > width {
            out.push('\n');
            line = 0;
        } else if line > 0 {
            out.push(' ');
            line += 1;
        }
        out.push_str(word);
        line += n;
    }
    out
}

/// A code's explanation as `cabinet explain CODE` prints it.
pub fn explain(code: Code) -> String {
    let mut out = format!(
        "{} ({}): {}\n\n{}\n\n",
        code.id(),
        code.slug(),
        code.meaning(),
        wrap(code.explanation(), 90)
    );
    let (warns, name) = (code.id().starts_with('W'), code.id());
    match example(code) {
        Slip {
            file,
            fix,
            slip: "",
        } => {
            out.push_str(&format!(
                "For example, in `{file}` leaving out this line fails with {name}:\n\n{}",
                indent(fix)
            ));
        }
        Slip { file, fix, slip } => {
            let verb = if warns { "warns" } else { "fails" };
            out.push_str(&format!(
                "For example, in `{file}` this {verb} with {name}:\n\n{}\nand this passes:\n\n{}",
                indent(slip),
                indent(fix)
            ));
        }
        Words { fails, fix } => {
            out.push_str(&format!(
                "For example, this fails with {name}:\n\n{}\nand this passes:\n\n{}",
                indent(fails),
                indent(fix)
            ));
        }
    }
    out
}
