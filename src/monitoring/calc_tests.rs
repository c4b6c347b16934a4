//! Unit tests of the follow-up calculations, on figures from seeds 000, 001 and 002.

use super::*;
use crate::monitoring::model::MonthlyRow;

fn m(s: &str) -> Money {
    Money::parse(s).unwrap()
}
fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}
fn line(kind: LineKind, t: &str, f: &str) -> VarianceLine {
    VarianceLine {
        kind,
        label: String::new(),
        target: m(t),
        forecast: m(f),
        actual: None,
        approved: None,
    }
}

#[test]
fn seed_000_cyps_1a_nets_and_is_on_target() {
    let lines = [
        line(LineKind::Investment, "0.442", "0.442"),
        line(LineKind::Saving, "(1.286)", "(1.286)"),
    ];
    let f = initiative_figures(&lines, None);
    let n = f.net().unwrap();
    assert_eq!((n.target, n.forecast), (m("(0.844)"), m("(0.844)")));
    assert_eq!(outcome(true, n.variance), Outcome::OnTarget);
    let th = Thresholds::default();
    assert_eq!(initiative_rag(&lines, th), Some((Rag::Green, "net")));
}

#[test]
fn an_initiatives_net_is_a_sum_row_of_its_table() {
    let mut lines = vec![
        line(LineKind::Investment, "0.051", "0.060"),
        line(LineKind::Saving, "(0.132)", "(0.150)"),
        line(LineKind::Net, "(0.081)", "(0.999)"),
        line(
            LineKind::Kpi {
                higher_is_better: true,
            },
            "6",
            "4",
        ),
    ];
    lines[0].actual = Some(m("0.020"));
    let f = initiative_figures(&lines, Some("Approved profile"));
    let net = f.net.unwrap();
    assert_eq!((net.row, net.computed, net.added), (2, true, false));
    let n = f.net().unwrap();
    // The stated (0.999) forecast is not printed: the net is the sum of the parts.
    assert_eq!(
        (n.target, n.forecast, n.variance),
        (m("(0.081)"), m("(0.090)"), m("(0.009)"))
    );
    assert_eq!(n.actual, None, "the saving has no actual: no partial sum");
    assert_eq!(f.rows[3].variance, m("-2"));
    assert_eq!(
        f.columns,
        LineColumns {
            actual: Some(2),
            approved: Some(3),
            variance: 4
        }
    );
    // Without a net line the table adds one after the lines.
    let f = initiative_figures(&lines[..2], None);
    let net = f.net.unwrap();
    assert_eq!((net.row, net.added), (2, true));
    assert_eq!(f.rows.len(), 3);
    // A net line alone is as entered; KPIs alone have no net.
    let f = initiative_figures(&lines[2..3], None);
    assert_eq!(f.net().map(|n| n.forecast), Some(m("(0.999)")));
    assert!(!f.net.unwrap().computed);
    assert_eq!(initiative_figures(&lines[3..], None).net, None);
    assert_eq!(
        initiative_rag(&lines[3..], Thresholds::default()).map(|r| r.1),
        Some("KPIs")
    );
}

#[test]
fn favourable_depends_on_sign_and_on_cost_or_saving() {
    let variance =
        |t: &str, f: &str| initiative_figures(&[line(LineKind::Net, t, f)], None).rows[0].variance;
    // A bigger saving (more negative) and a smaller cost are both favourable.
    assert_eq!(
        outcome(true, variance("(1.286)", "(1.386)")),
        Outcome::Favourable
    );
    assert_eq!(outcome(true, variance("0.442", "0.500")), Outcome::Adverse);
    // More children kept out of care than targeted is favourable.
    assert_eq!(outcome(false, variance("27", "30")), Outcome::Favourable);
    assert_eq!(outcome(false, variance("27", "20")), Outcome::Adverse);
}

#[test]
fn percentages_agree_at_their_own_precision() {
    // Seed 000 Table 2: 16 of 604 printed "2.60%"; seed 002: 7 of 64 printed "10%".
    assert!(percent_agrees(
        d("2.60"),
        percent(d("16"), d("604")).unwrap()
    ));
    assert!(percent_agrees(
        d("17.50"),
        percent(d("106"), d("604")).unwrap()
    ));
    assert!(percent_agrees(
        d("37"),
        percent(d("221"), d("604")).unwrap()
    ));
    assert!(!percent_agrees(d("10"), percent(d("7"), d("64")).unwrap()));
    assert!(percent_agrees(d("11"), percent(d("7"), d("64")).unwrap()));
    assert_eq!(percent(d("1"), d("0")), None);
}

fn row(label: &str, group: Group, v: &[Option<i64>], sums: bool) -> MonthlyRow {
    MonthlyRow {
        label: label.into(),
        group,
        values: v.iter().map(|x| x.map(Decimal::from)).collect(),
        sums,
        stated_total: None,
    }
}

#[test]
fn seed_000_table_2_cumulative_remaining_and_percent() {
    let t = MonthlyTable {
        title: "RCRC".into(),
        intro: None,
        after: None,
        as_at: None,
        months: vec![
            "Jan-18".into(),
            "Feb-18".into(),
            "Mar-18".into(),
            "Apr-18".into(),
        ],
        unit: "children".into(),
        start: Some(d("604")),
        actuals_to: Some(2),
        rounded: false,
        stated_opening: None,
        stated_closing: None,
        rows: vec![
            row(
                "Within workstream",
                Group::Target,
                &[None, Some(6), Some(17), Some(9)],
                false,
            ),
            row(
                "Will turn 18",
                Group::Target,
                &[None, Some(1), Some(4), Some(10)],
                false,
            ),
            row(
                "Target workstream",
                Group::Actual,
                &[Some(2), Some(7), Some(16), Some(0)],
                false,
            ),
            row(
                "Turned 18",
                Group::Actual,
                &[None, Some(1), Some(3), Some(0)],
                false,
            ),
            row(
                "Others",
                Group::Actual,
                &[Some(1), Some(5), Some(4), Some(0)],
                false,
            ),
            row(
                "Total actual",
                Group::Actual,
                &[Some(3), Some(13), Some(23), Some(0)],
                true,
            ),
        ],
    };
    let f = monthly(&t);
    assert_eq!(
        f.target_total.unwrap(),
        vec![None, Some(d("7")), Some(d("21")), Some(d("19"))]
    );
    assert_eq!(
        f.actual_total.unwrap(),
        vec![Some(d("3")), Some(d("13")), Some(d("23")), None]
    );
    assert_eq!(
        f.remaining.unwrap(),
        vec![Some(d("601")), Some(d("588")), Some(d("565")), None]
    );
    let p = f.percent.unwrap();
    assert!(percent_agrees(d("6.50"), p[2].unwrap()));
    assert_eq!(f.row_totals[5], Some(d("39")));
    assert!(percent_agrees(d("7.8"), f.target_percent.unwrap()));
}

#[test]
fn seed_000_table_1_flows_give_the_month_end_numbers() {
    let t = MonthlyTable {
        title: "LAC numbers".into(),
        intro: None,
        after: None,
        as_at: None,
        months: vec!["Apr".into(), "May".into()],
        unit: "children".into(),
        start: Some(d("616")),
        actuals_to: None,
        rounded: true,
        stated_opening: None,
        stated_closing: None,
        rows: vec![
            row("Admissions", Group::Flow, &[Some(29), Some(28)], false),
            row("Discharges", Group::Flow, &[Some(-22), Some(-22)], false),
            row(
                "Right Child, Right Care",
                Group::Flow,
                &[Some(-18), Some(-12)],
                false,
            ),
            row("LAC reduction", Group::Flow, &[Some(-11), Some(-5)], true),
        ],
    };
    let f = monthly(&t);
    assert_eq!(f.net_change.unwrap(), vec![d("-11"), d("-6")]);
    assert_eq!(f.closing.unwrap(), vec![d("605"), d("599")]);
    assert_eq!(f.opening.unwrap(), vec![d("616"), d("605")]);
}

#[test]
fn budget_variances_follow_the_sources_sign() {
    // Seed 001 Table 2, best case 2016/17: budget 16,672, actual 18,673, shortfall -2,001.
    let v = history_variances(
        &[m("16672")],
        &[m("18673")],
        VarianceSign::BudgetMinusActual,
    )[0];
    assert_eq!(v, m("-2001"));
    assert_eq!(
        budget_outcome(v, VarianceSign::BudgetMinusActual),
        Outcome::Adverse
    );
    // Seed 002: budget 29.8, actual 42.3, variance 12.5 (overspend).
    let v = history_variances(&[m("29.8")], &[m("42.3")], VarianceSign::ActualMinusBudget)[0];
    assert_eq!(v, m("12.5"));
    assert_eq!(
        budget_outcome(v, VarianceSign::ActualMinusBudget),
        Outcome::Adverse
    );
}

#[test]
fn an_itemised_total_is_computed_by_the_table_block() {
    use crate::monitoring::model::{Breakdown, Placement};
    // Seed 000's in-year mitigations: items and the part the source does not itemise.
    let b = Breakdown {
        title: "In year mitigations".into(),
        placement: Placement::KeyIssues,
        intro: None,
        unit: None,
        stated_total: Some(m("5.700")),
        unitemised: m("0.129"),
        items: vec![
            ("Agency".into(), m("2.100"), None),
            ("Placements".into(), m("3.471"), None),
        ],
    };
    let t = breakdown_table(&b);
    let labels: Vec<&str> = t.rows.iter().map(|r| r.label.as_str()).collect();
    assert_eq!(
        labels,
        [
            "Agency",
            "Placements",
            "Total of the items",
            "Not itemised in the source",
            "Total as stated"
        ]
    );
    assert_eq!(breakdown_totals(&b), (m("5.571"), m("5.700")));
    let none = Breakdown {
        unitemised: Money::ZERO,
        ..b
    };
    assert_eq!(breakdown_totals(&none), (m("5.571"), m("5.571")));
    let labels: Vec<String> = breakdown_table(&none)
        .rows
        .into_iter()
        .map(|r| r.label)
        .collect();
    assert_eq!(labels, ["Agency", "Placements", "Total"]);
}

#[test]
fn the_budget_table_is_computed_by_the_table_block() {
    use crate::monitoring::model::BudgetTable;
    // Seed 002: Children In Care 29.8 budget, 42.3 actual; a second line to total.
    let b = BudgetTable {
        caption: None,
        compare: "Actual",
        lines: vec![
            ("Children In Care".into(), m("29.8"), m("42.3")),
            ("Leaving care".into(), m("3.1"), m("2.9")),
        ],
    };
    assert_eq!(
        budget_rows(&b),
        [
            [m("29.8"), m("42.3"), m("12.5")],
            [m("3.1"), m("2.9"), m("(0.2)")],
            [m("32.9"), m("45.2"), m("12.3")],
        ]
    );
    let one = BudgetTable {
        lines: b.lines[..1].to_vec(),
        ..b
    };
    assert_eq!(budget_rows(&one).len(), 1, "one line has no Total row");
}

#[test]
fn scenario_tables_are_computed_by_the_table_block_in_the_sources_sign() {
    use crate::model::FinancialYear;
    use crate::monitoring::model::{Case, History, Scenarios};
    let fy = |s: &str| FinancialYear::parse(s).unwrap();
    // Seed 001, Table 2: budget − actual, so an overspend is negative.
    let case = |name: &str, a: [&str; 2]| Case {
        name: name.into(),
        actual: a.iter().map(|x| m(x)).collect(),
        assumptions: None,
    };
    let s = Scenarios {
        caption: None,
        years: vec![fy("2016/17"), fy("2017/18")],
        budget: vec![m("16672"), m("13672")],
        actual_label: "Actual".into(),
        variance_label: "Shortfall".into(),
        sign: VarianceSign::BudgetMinusActual,
        cases: vec![
            case("Best", ["18673", "14822"]),
            case("Worst", ["18981", "18981"]),
        ],
    };
    let rows = scenarios_rows(&s);
    assert_eq!(rows.len(), 3);
    assert_eq!(
        rows[0],
        [m("16672"), m("18673"), m("-2001"), m("18981"), m("-2309")]
    );
    assert_eq!(
        rows[2],
        [m("30344"), m("33495"), m("-3151"), m("37962"), m("-7618")]
    );
    let h = History {
        caption: None,
        actual_label: "Actual".into(),
        variance_label: "Variance".into(),
        sign: VarianceSign::ActualMinusBudget,
        count_labels: Vec::new(),
        years: vec![fy("2013/14")],
        budget: vec![m("9999")],
        actual: vec![m("13379")],
        counts: vec![Vec::new()],
    };
    assert_eq!(history_rows(&h), [vec![m("9999"), m("13379"), m("3380")]]);
}

#[test]
fn plan_savings_are_computed_by_the_table_block() {
    use crate::monitoring::model::{Objective, TargetRow};
    let target = |s: Option<&str>| TargetRow {
        target: None,
        saving: s.map(m),
        actions: Vec::new(),
        progress: Vec::new(),
    };
    let objective = |number: usize, savings: &[Option<&str>]| Objective {
        number,
        title: format!("Objective {number}"),
        indicators: None,
        targets: savings.iter().map(|s| target(*s)).collect(),
    };
    // Seed 003: "£8k + £106k + £10k = £124k" under one target; an objective with no saving.
    let plan = [
        objective(1, &[Some("95"), None]),
        objective(2, &[Some("8"), Some("106"), Some("10")]),
        objective(3, &[None]),
    ];
    let (each, total) = plan_savings(&plan);
    assert_eq!(each, [m("95"), m("124"), Money::ZERO]);
    assert_eq!(total, m("219"));
    // As printed: a row per objective read from its sum row, and their Total.
    let tables = savings_by_objective(&plan);
    let f = crate::blocks::table::calc::figures(&tables, &Programme::default());
    let printed: Vec<(&str, Option<Decimal>)> = tables[1]
        .rows
        .iter()
        .zip(&f.rows[1])
        .map(|(r, v)| (r.label.as_str(), v.cells[0].value))
        .collect();
    assert_eq!(
        printed,
        [
            ("Objective 1: Objective 1", Some(d("95"))),
            ("Objective 2: Objective 2", Some(d("124"))),
            // No saving is stated for it: blank, not a saving of nil.
            ("Objective 3: Objective 3", None),
            ("Total", Some(d("219"))),
        ]
    );
}

#[test]
fn the_net_summary_is_computed_by_the_table_block() {
    let monitored = |reference: &str, lines: Vec<VarianceLine>| Monitored {
        reference: reference.into(),
        slug: reference.to_lowercase(),
        title: String::new(),
        lines,
        stated_rag: None,
        narrative: None,
        has_profile: false,
    };
    let all = [
        monitored(
            "CYPS 1A",
            vec![
                line(LineKind::Investment, "0.442", "0.442"),
                line(LineKind::Saving, "(1.286)", "(1.200)"),
            ],
        ),
        // No money lines: no net, so not in the summary.
        monitored(
            "CYPS 7",
            vec![line(
                LineKind::Kpi {
                    higher_is_better: true,
                },
                "4",
                "3",
            )],
        ),
        monitored("CYPS 6", vec![line(LineKind::Net, "(0.088)", "(0.100)")]),
    ];
    let s = summary(&all);
    assert_eq!(s.nets.len(), 2);
    assert_eq!(s.variances, [m("0.086"), m("(0.012)")]);
    assert_eq!(
        (s.target, s.forecast, s.variance),
        (m("(0.932)"), m("(0.858)"), m("0.074"))
    );
    assert_eq!(summary(&[]).variance, Money::ZERO);
}
