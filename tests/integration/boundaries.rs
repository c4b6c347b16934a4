//! Every boundary that `cabinet explain` states, tested on each side with the exact line
//! `check` prints: the rounding allowance (half a unit in the last place per figure added,
//! never less than one unit; W0208 against E0201 / E0202 / E0207 / E0703), the RAG thresholds
//! (E0402: on target green, adverse by more than `amber`% amber, by more than `red`% red), the
//! risk rating (likelihood × impact: 15 or more red, 5 or more amber) and the scale rule
//! (E0204: 100 times a warning, 1,000 times an error). Moving a boundary by one, or making the
//! rounding allowance ignore how many figures were added, changes a line here.
//!
//! Each file states the wrong side of a boundary on purpose where the rule reports only a
//! disagreement (a RAG status): the message then names the side the figures fall on.

use crate::errors::{assert_cases, run, Case};

const REPORT_OF_TWO: &str = "kind: report
committee: Cabinet
meeting_date: 2016-11-14
title: Investment report
summary: Investment proposals.
recommendations: [Note the report.]
initiatives: [CYPS 1, CYPS 2]
";

/// Four years of three investment lines of 0.100 and a saving of (0.100): a Cumulative of
/// four figures may be out by 0.002 (4 × 0.0005), a year's net (three lines and the saving)
/// by 0.002, the net row's Cumulative (sixteen figures) by 0.008. The stated figures are line
/// A's Cumulative, the net of 2016/17 and the net row's Cumulative.
macro_rules! four_years {
    ($reference:literal, $a:literal, $n1:literal, $nc:literal) => {
        concat!(
            "kind: initiative
reference: ",
            $reference,
            "
title: Rounding
finance:
  years: [2016/17, 2017/18, 2018/19, 2019/20]
  investment:
    - label: A
      values: [0.100, 0.100, 0.100, 0.100]
      cumulative: ",
            $a,
            "
    - label: B
      values: [0.100, 0.100, 0.100, 0.100]
    - label: C
      values: [0.100, 0.100, 0.100, 0.100]
  gross_saving:
    values: [(0.100), (0.100), (0.100), (0.100)]
  net:
    values: [",
            $n1,
            ", 0.200, 0.200, 0.200]
    cumulative: ",
            $nc,
            "
"
        )
    };
}

/// Two years: investment 0.100 a year, a saving of nothing and then `{saving}`, whose size
/// is measured against the typical figure, 0.100.
macro_rules! scaled {
    ($reference:literal, $saving:literal) => {
        concat!(
            "kind: initiative
reference: ",
            $reference,
            "
title: Scale
finance:
  years: [2016/17, 2017/18]
  investment:
    - values: [0.100, 0.100]
  gross_saving:
    values: [0.000, ",
            $saving,
            "]
"
        )
    };
}

const CASES: &[Case] = &[
    Case {
        // CYPS 1 is out by exactly the allowance everywhere (warnings), CYPS 2 by one unit in
        // the last place more (errors): a Cumulative of four figures (0.002), a year's net of
        // four figures (0.002), the net Cumulative of sixteen (0.008). The year's net is out
        // the other way from line A's Cumulative, so that the two are not taken for one slip
        // of line A's 2016/17 figure.
        name: "rounding allowance of half a unit per figure added",
        files: &[
            ("report.yaml", REPORT_OF_TWO),
            (
                "initiatives/cyps-1.yaml",
                four_years!("CYPS 1", "0.402", "0.198", "0.808"),
            ),
            (
                "initiatives/cyps-2.yaml",
                four_years!("CYPS 2", "0.403", "0.197", "0.809"),
            ),
        ],
        expect: &[
            "initiatives/cyps-1.yaml:9:19: warning[W0208]: the Cumulative of `A` is stated as 0.402 but the figures add up to 0.400 (a rounding difference of 0.002)",
            "initiatives/cyps-1.yaml:17:14: warning[W0208]: the net figure for 2016/17 is stated as 0.198 but the figures add up to 0.200 (a rounding difference of 0.002)",
            "initiatives/cyps-1.yaml:18:17: warning[W0208]: the Cumulative of the net row is stated as 0.808 but the figures add up to 0.800 (a rounding difference of 0.008)",
            "initiatives/cyps-2.yaml:9:19: error[E0202]: the Cumulative of `A` is stated as 0.403 but the figures add up to 0.400 (a difference of 0.003)",
            "initiatives/cyps-2.yaml:17:14: error[E0201]: the net figure for 2016/17 is stated as 0.197 but the figures add up to 0.200 (a difference of 0.003)",
            "initiatives/cyps-2.yaml:18:17: error[E0202]: the Cumulative of the net row is stated as 0.809 but the figures add up to 0.800 (a difference of 0.009)",
        ],
    },
    Case {
        // Default thresholds (amber 0%, red 10%) on a saving of (1.000): on target, 0.1%
        // adverse, exactly 10% adverse, 10.1% adverse. Each states the status the other
        // side of its boundary would have.
        name: "RAG thresholds, by default",
        files: &[(
            "monitoring.yaml",
            "kind: monitoring
committee: Cabinet
meeting_date: 2018-09-18
title: Monitoring 2018
summary: A summary.
recommendations: [Note the report.]
year: 2018/19
basis: annual
initiatives:
  - reference: CYPS 1
    title: On target
    rag: amber
    lines:
      - { type: saving, target: (1.000), forecast: (1.000), variance: 0.000 }
  - reference: CYPS 2
    title: Just adverse
    rag: green
    lines:
      - { type: saving, target: (1.000), forecast: (0.999), variance: 0.001 }
  - reference: CYPS 3
    title: Adverse by the red threshold
    rag: red
    lines:
      - { type: saving, target: (1.000), forecast: (0.900), variance: 0.100 }
  - reference: CYPS 4
    title: Adverse beyond the red threshold
    rag: amber
    lines:
      - { type: saving, target: (1.000), forecast: (0.899), variance: 0.101 }
",
        )],
        expect: &[
            "monitoring.yaml:12:10: error[E0402]: the RAG status is stated as Amber but the net figures of CYPS 1 make it Green",
            "monitoring.yaml:17:10: error[E0402]: the RAG status is stated as Green but the net figures of CYPS 2 make it Amber",
            "monitoring.yaml:22:10: error[E0402]: the RAG status is stated as Red but the net figures of CYPS 3 make it Amber",
            "monitoring.yaml:27:10: error[E0402]: the RAG status is stated as Amber but the net figures of CYPS 4 make it Red",
        ],
    },
    Case {
        // Thresholds set by the report (amber 5%, red 20%), on a budget line of 100.0: each
        // threshold exactly, and one tenth beyond it.
        name: "RAG thresholds, set by the report",
        files: &[(
            "monitoring.yaml",
            "kind: monitoring
committee: Cabinet
meeting_date: 2018-09-18
title: Monitoring 2018
summary: A summary.
recommendations: [Note the report.]
year: 2018/19
basis: annual
rag_thresholds: { amber: 5, red: 20 }
budget:
  caption: Budget position
  lines:
    - { label: At amber, budget: 100.0, actual: 105.0, variance: 5.0, rag: amber }
    - { label: Beyond amber, budget: 100.0, actual: 105.1, variance: 5.1, rag: green }
    - { label: At red, budget: 100.0, actual: 120.0, variance: 20.0, rag: red }
    - { label: Beyond red, budget: 100.0, actual: 120.1, variance: 20.1, rag: amber }
",
        )],
        expect: &[
            "monitoring.yaml:13:76: error[E0402]: the RAG status is stated as Amber but the figures of At amber make it Green",
            "monitoring.yaml:14:80: error[E0402]: the RAG status is stated as Green but the figures of Beyond amber make it Amber",
            "monitoring.yaml:15:75: error[E0402]: the RAG status is stated as Red but the figures of At red make it Amber",
            "monitoring.yaml:16:79: error[E0402]: the RAG status is stated as Amber but the figures of Beyond red make it Red",
        ],
    },
    Case {
        // Likelihood × impact: 4 and 5 either side of amber, 12 and 15 either side of red (no
        // product of two figures from 1 to 5 falls between). Each states the other side.
        name: "risk rating",
        files: &[(
            "plan.yaml",
            "kind: improvement-plan
committee: Cabinet
meeting_date: 2014-06-01
title: Improvement plan
summary: A summary.
recommendations: [Note the report.]
units: £k
objectives:
  - title: Reduce agency staff
    targets:
      - target: 5 agency social workers
        saving: 95
total_saving: 95
risks:
  - risk: Four
    likelihood: 2
    impact: 2
    rating: amber
  - risk: Five
    likelihood: 1
    impact: 5
    rating: green
  - risk: Twelve
    likelihood: 3
    impact: 4
    rating: red
  - risk: Fifteen
    likelihood: 5
    impact: 3
    rating: amber
",
        )],
        expect: &[
            "plan.yaml:18:13: error[E0402]: the RAG status is stated as Amber but likelihood × impact make it Green",
            "plan.yaml:22:13: error[E0402]: the RAG status is stated as Green but likelihood × impact make it Amber",
            "plan.yaml:26:13: error[E0402]: the RAG status is stated as Red but likelihood × impact make it Amber",
            "plan.yaml:30:13: error[E0402]: the RAG status is stated as Amber but likelihood × impact make it Red",
        ],
    },
    Case {
        // The typical figure is the lower median of the table's non-zero figures (0.100
        // here): 99.99 times it is nothing, 100 times a warning, 999.99 times still a
        // warning, 1,000 times an error.
        name: "scale",
        files: &[
            (
                "report.yaml",
                "kind: report
committee: Cabinet
meeting_date: 2016-11-14
title: Investment report
summary: Investment proposals.
recommendations: [Note the report.]
initiatives: [CYPS 1, CYPS 2, CYPS 3, CYPS 4]
",
            ),
            ("initiatives/cyps-1.yaml", scaled!("CYPS 1", "(9.999)")),
            ("initiatives/cyps-2.yaml", scaled!("CYPS 2", "(10.000)")),
            ("initiatives/cyps-3.yaml", scaled!("CYPS 3", "(99.999)")),
            ("initiatives/cyps-4.yaml", scaled!("CYPS 4", "(100.000)")),
        ],
        expect: &[
            "initiatives/cyps-2.yaml:9:21: warning[E0204]: Gross Saving: (10.000) is 100 times or more the typical figure of this table (0.100)",
            "initiatives/cyps-3.yaml:9:21: warning[E0204]: Gross Saving: (99.999) is 100 times or more the typical figure of this table (0.100)",
            "initiatives/cyps-4.yaml:9:21: error[E0204]: Gross Saving: (100.000) is 1,000 times or more the typical figure of this table (0.100)",
        ],
    },
    Case {
        // The allowance never falls below one unit in the last place: a figure copied from one
        // entered figure (half a unit by the count) may be one unit out, not two.
        name: "rounding allowance of at least one unit",
        files: &[(
            "report.yaml",
            "kind: report
committee: Cabinet
meeting_date: 2016-11-14
title: Floor
summary:
  - table: t
    caption: One figure copied
    columns: [2016/17]
    rows:
      - { id: a, label: Entered, values: [0.100] }
      - { label: One unit out, from: a, stated: [0.101] }
      - { label: Two units out, from: a, stated: [0.102] }
recommendations: [Note the report.]
",
        )],
        expect: &[
            "report.yaml:11:50: warning[W0208]: `One unit out` (t), 2016/17 is stated as 0.101 but its figures give 0.100 (a rounding difference of 0.001)",
            "report.yaml:12:51: error[E0703]: `Two units out` (t), 2016/17 is stated as 0.102 but its figures give 0.100 (a difference of 0.002)",
        ],
    },
];

#[test]
fn each_boundary_is_pinned_on_both_sides() {
    assert_cases(CASES);
}

#[test]
fn every_figure_warned_of_as_rounding_is_disclosed_in_the_report() {
    // The report's rounding note lists what `check` warns of (W0208), by the same allowance:
    // CYPS 1's three stated figures, each at the allowance of its own number of figures.
    let (checked, _dir) = run(&CASES[0]);
    let ws = &checked.workspace;
    let init = ws
        .initiatives
        .iter()
        .find(|i| i.reference == "CYPS 1")
        .expect("CYPS 1 is read, with warnings only");
    let figures = cabinet::calc::initiative(&init.finance);
    let programme = cabinet::calc::programme(&[&figures]);
    let disclosed: Vec<String> = cabinet::calc::disclosures(
        &[(init, &figures)],
        None,
        &programme,
        cabinet::model::table::Unit::Millions,
    )
    .iter()
    .map(|d| format!("{}: {} for {}", d.what, d.stated, d.computed))
    .collect();
    assert_eq!(
        disclosed,
        [
            "CYPS 1 A, Cumulative: 0.402 for 0.400",
            "CYPS 1 Net, 2016/17: 0.198 for 0.200",
            "CYPS 1 Net, Cumulative: 0.808 for 0.800",
        ]
    );
}
