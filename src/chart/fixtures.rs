//! Test fixtures for the charts module: CYPS-like initiatives and a report built in code.

use crate::model::{
    Date, FinancialProfile, FinancialYear, Initiative, InvestmentLine, Kpi, Money, NegativeStyle,
    Report, Sections, Status, Units, Workspace,
};
use crate::source::FileId;
use rust_decimal::Decimal;

pub(crate) fn m(s: &str) -> Money {
    Money::parse(s).unwrap()
}

pub(super) fn years(n: usize) -> Vec<FinancialYear> {
    let first = FinancialYear::parse("2016/17").unwrap();
    std::iter::successors(Some(first), |y| Some(y.next()))
        .take(n)
        .collect()
}

pub(crate) fn profile(investment: &[&str], gross: &[&str]) -> FinancialProfile {
    FinancialProfile {
        years: years(gross.len()),
        investment: vec![InvestmentLine {
            label: "Investment".into(),
            values: investment.iter().map(|s| m(s)).collect(),
            in_totals: true,
            stated_cumulative: None,
        }],
        gross_saving_label: "Gross Saving".into(),
        gross_saving: gross.iter().map(|s| m(s)).collect(),
        stated_gross_cumulative: None,
        stated_net: None,
        stated_net_cumulative: None,
        stated_payback: None,
        current_budget: None,
        notes: vec![],
        net_label: None,
    }
}

pub(super) fn initiative(
    reference: &str,
    title: &str,
    finance: FinancialProfile,
    kpis: Vec<Kpi>,
) -> Initiative {
    Initiative {
        reference: reference.into(),
        slug: reference.to_lowercase().replace(' ', "-"),
        title: title.into(),
        service_area: None,
        directorate: None,
        cabinet_member: None,
        lead_officer: None,
        status: Status::Proposed,
        summary: None,
        layout: crate::model::initiative::Part::default_layout(None),
        finance,
        kpis,
        bid: None,
        file: FileId(0),
        reference_at: 0..0,
        units: None,
        places: Default::default(),
    }
}

pub(super) fn lac(values: &[Option<i64>]) -> Kpi {
    Kpi {
        name: "LAC Reduction".into(),
        unit: "children".into(),
        values: values.iter().map(|v| v.map(Decimal::from)).collect(),
        stated_total: None,
    }
}

/// Three initiatives: CYPS 2 as in the seed, one that never saves, one that saves at once.
pub(super) fn workspace() -> Workspace {
    let cyps2 = initiative(
        "CYPS 2",
        "Family Group Conferencing",
        profile(
            &["0.100", "0.164", "0.164", "0.164", "0.164"],
            &["0.000", "(0.165)", "(0.627)", "(1.254)", "(1.914)"],
        ),
        vec![
            lac(&[Some(0), Some(15), Some(27), Some(30), Some(30)]),
            lac(&[None; 5]),
        ],
    );
    let cyps1b = initiative(
        "CYPS 1B",
        "Therapeutic Service",
        profile(
            &["0.000", "0.270", "0.270", "0.270", "0.270"],
            &["0.000"; 5],
        ),
        vec![],
    );
    let cyps6 = initiative(
        "CYPS 6",
        "Multi-systemic Therapy (MST)",
        profile(
            &["0.000"; 5],
            &["(0.010)", "(0.044)", "(0.132)", "(0.220)", "(0.308)"],
        ),
        vec![lac(&[Some(0), Some(4), None, Some(4), Some(4)])],
    );
    let report = Report {
        slug: "report".into(),
        council: None,
        chart_data: Default::default(),
        committee: "Cabinet".into(),
        meeting_date: Date::parse("2016-11-14").unwrap(),
        title: "MTFS Update".into(),
        agenda_item: None,
        key_decision: true,
        forward_plan: true,
        strategic_director: None,
        authors: vec![],
        wards: None,
        summary: Default::default(),
        recommendations_intro: String::new(),
        recommendations: vec![],
        reasons: None,
        appendices: vec![],
        background_papers: vec![],
        other_committees: None,
        council_approval: false,
        exempt: Default::default(),
        units: Units::Millions,
        decimals: 3,
        negatives: NegativeStyle::Brackets,
        initiatives: vec![0, 1, 2],
        published_totals: None,
        sections: Sections::default(),
        accountable_officers: vec![],
        approvals: vec![],
        templates: None,
        fonts: Vec::new(),
        font_spans: Vec::new(),
        templates_at: 0..0,
        recommendations_at: Vec::new(),
        tables: Default::default(),
        file: FileId(0),
    };
    Workspace {
        reports: vec![report],
        initiatives: vec![cyps2, cyps1b, cyps6],
        ..Workspace::default()
    }
}

/// Odd shapes: one year, twelve years, thousands with big figures, minus signs, negative KPIs.
pub(super) fn odd_workspace() -> Workspace {
    let mut ws = workspace();
    let twelve: Vec<String> = (0..12).map(|i| format!("{}", 100 + i * 37)).collect();
    let twelve_gross: Vec<String> = (0..12).map(|i| format!("({})", i * 95)).collect();
    let t: Vec<&str> = twelve.iter().map(String::as_str).collect();
    let g: Vec<&str> = twelve_gross.iter().map(String::as_str).collect();
    let mut long = initiative(
        "ADULTS 12",
        "A very long initiative title that goes on and on about care",
        profile(&t, &g),
        vec![],
    );
    long.kpis.push(Kpi {
        name: "Change in waiting list".into(),
        unit: "people".into(),
        values: (0..12).map(|i| Some(Decimal::from(-3 * i))).collect(),
        stated_total: None,
    });
    let one = initiative(
        "ONE",
        "Single year",
        profile(&["12,345"], &["(23,456)"]),
        vec![],
    );
    ws.initiatives = vec![long, one];
    ws.reports[0].initiatives = vec![0];
    ws.reports[0].units = Units::Thousands;
    ws.reports[0].decimals = 0;
    ws.reports[0].negatives = NegativeStyle::Minus;
    let mut second = ws.reports[0].clone();
    second.initiatives = vec![1];
    ws.reports.push(second);
    ws
}
