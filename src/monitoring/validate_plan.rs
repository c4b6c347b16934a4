//! Rules for `kind: scenario` (years, budget against actual, stated variances in the source's
//! sign, count columns) and `kind: improvement-plan` (the action plan block, its savings against
//! the stated total, the risk matrix block).

use super::calc;
use super::check::{text, Check};
use super::model::{Case, History, PlanReport, ScenarioReport, Scenarios, VarianceSign};
use super::raw_plan::{self as raw, PlanRest, ScenarioRest};
use crate::diagnostic::Code;
use crate::model::{Money, Report};
use crate::raw::value::{Figure, S};
use crate::validate::at;
use std::ops::Range;

fn sign(ck: &mut Check, v: &raw::VarianceSign) -> VarianceSign {
    match v.as_ref().map(|s| (s, s.value.trim())) {
        None | Some((_, "actual-minus-budget")) => VarianceSign::ActualMinusBudget,
        Some((_, "budget-minus-actual")) => VarianceSign::BudgetMinusActual,
        Some((s, other)) => {
            ck.cx.error(Code::BadValue, at(s), format!("unknown variance sign `{other}`"), "not a sign convention", "use actual-minus-budget (overspend positive) or budget-minus-actual (overspend negative)");
            VarianceSign::default()
        }
    }
}

fn label(v: &Option<S<String>>, default: &str) -> String {
    text(v).unwrap_or_else(|| default.to_string())
}

fn row(
    ck: &mut Check,
    v: &S<Vec<S<Figure>>>,
    n: usize,
    what: &str,
) -> Option<Vec<(Money, Range<usize>)>> {
    if v.value.len() != n {
        ck.cx.error(
            Code::RowLength,
            at(v),
            format!(
                "{what} has {} figures but there are {n} years",
                v.value.len()
            ),
            "one figure per year expected",
            "",
        );
        return None;
    }
    let out: Vec<_> = v
        .value
        .iter()
        .map(|c| ck.money(c, what).map(|m| (m, at(c))))
        .collect();
    out.into_iter().collect()
}

fn variance(
    ck: &mut Check,
    span: Range<usize>,
    what: &str,
    stated: Money,
    computed: Money,
    sign: VarianceSign,
    vlabel: &str,
) {
    let rule = match sign {
        VarianceSign::ActualMinusBudget => "actual − budget",
        VarianceSign::BudgetMinusActual => "budget − actual",
    };
    ck.stated(
        span,
        &format!("{what}: the {vlabel} ({rule})"),
        stated.decimal(),
        computed.decimal(),
        2,
        Code::VarianceMismatch,
        true,
        true,
    );
}

pub(crate) fn scenario(
    ck: &mut Check,
    rest: &ScenarioRest,
    front: Option<Report>,
) -> Option<ScenarioReport> {
    let start = ck.errors();
    let history = rest.history.as_ref().and_then(|h| history(ck, h));
    let scenarios = rest.scenarios.as_ref().and_then(|s| scenarios(ck, s));
    let breakdowns: Vec<_> = rest
        .breakdowns
        .iter()
        .filter_map(|b| ck.breakdown(b))
        .collect();
    if ck.errors() > start {
        return None;
    }
    Some(ScenarioReport {
        front: front?,
        history,
        scenarios,
        breakdowns,
        rounding: std::mem::take(&mut ck.rounding),
    })
}

fn history(ck: &mut Check, h: &S<raw::History>) -> Option<History> {
    let start = ck.errors();
    let r = &h.value;
    let sign = sign(ck, &r.variance_sign);
    let (actual_label, variance_label) = (
        label(&r.actual_label, "Actual"),
        label(&r.variance_label, "Variance"),
    );
    let years = ck.years(
        &r.years
            .value
            .iter()
            .map(|y| &y.value.year)
            .collect::<Vec<_>>(),
    );
    let count_labels: Vec<String> = r
        .count_labels
        .iter()
        .map(|l| l.value.trim().to_string())
        .collect();
    let (mut budget, mut actual, mut counts) = (Vec::new(), Vec::new(), Vec::new());
    let mut figures = Vec::new();
    // Each stated variance, by its year's row among the years whose figures read.
    let mut stated = Vec::new();
    for y in &r.years.value {
        let w = &y.value;
        let name = w.year.value.trim();
        let (Some(b), Some(a)) = (
            ck.money(&w.budget, &format!("{name}: budget")),
            ck.money(&w.actual, &format!("{name}: {actual_label}")),
        ) else {
            continue;
        };
        figures.push((b, at(&w.budget), format!("{name} budget")));
        figures.push((a, at(&w.actual), format!("{name} {actual_label}")));
        if let Some(v) = &w.variance {
            if let Some(s) = ck.money(v, &format!("{name}: {variance_label}")) {
                stated.push((budget.len(), at(v), name, s));
            }
        }
        if w.counts.len() != count_labels.len() {
            let span = w.counts.first().map(|c| at(c)).unwrap_or(at(y));
            ck.cx.error(
                Code::RowLength,
                span,
                format!(
                    "{name} has {} count(s) but `count_labels` names {}",
                    w.counts.len(),
                    count_labels.len()
                ),
                "one value per count label",
                "",
            );
        }
        counts.push(
            w.counts
                .iter()
                .map(|c| ck.number(c, &format!("{name}: count"), true).ok().flatten())
                .collect(),
        );
        budget.push(b);
        actual.push(a);
    }
    // Each year's variance as the table computes it, from the years whose figures read only.
    let computed = calc::history_variances(&budget, &actual, sign);
    for (row, span, name, s) in stated {
        if let Some(c) = computed.get(row) {
            variance(ck, span, name, s, *c, sign, &variance_label);
        }
    }
    // Figures show as entered.
    crate::rules::scale::scale(ck.cx, &figures, 0);
    (ck.errors() == start).then(|| History {
        caption: text(&r.caption),
        actual_label,
        variance_label,
        sign,
        count_labels,
        years: years.unwrap_or_default(),
        budget,
        actual,
        counts,
    })
}

fn scenarios(ck: &mut Check, s: &S<raw::Scenarios>) -> Option<Scenarios> {
    let start = ck.errors();
    let r = &s.value;
    let sign = sign(ck, &r.variance_sign);
    let (actual_label, variance_label) = (
        label(&r.actual_label, "Actual"),
        label(&r.variance_label, "Variance"),
    );
    let years = ck.years(&r.years.value.iter().collect::<Vec<_>>())?;
    let n = years.len();
    let budget = row(ck, &r.budget, n, "the budget");
    let mut cases = Vec::new();
    let mut seen: Vec<(String, Range<usize>)> = Vec::new();
    // Each case's stated variances (by its index in `cases`), checked against the table
    // block's figures once every case is in the table.
    let mut pending = Vec::new();
    let mut figures: Vec<(Money, Range<usize>, String)> = budget
        .iter()
        .flatten()
        .map(|(m, s)| (*m, s.clone(), "budget".to_string()))
        .collect();
    for c in &r.cases.value {
        let w = &c.value;
        let name = ck.required(&w.name, "a scenario's name");
        if let Some((_, first)) = seen.iter().find(|(k, _)| k.eq_ignore_ascii_case(&name)) {
            ck.duplicate(
                &format!("the scenario `{name}`"),
                at(&w.name),
                first.clone(),
            );
            continue;
        }
        seen.push((name.clone(), at(&w.name)));
        let Some(actual) = row(ck, &w.actual, n, &format!("{name}: {actual_label}")) else {
            continue;
        };
        figures.extend(
            actual
                .iter()
                .map(|(m, s)| (*m, s.clone(), format!("{name} {actual_label}"))),
        );
        if let (Some(vs), Some(_)) = (&w.variance, &budget) {
            if let Some(stated) = row(ck, vs, n, &format!("{name}: {variance_label}")) {
                pending.push((cases.len(), stated));
            }
        }
        cases.push(Case {
            name,
            actual: actual.into_iter().map(|(m, _)| m).collect(),
            assumptions: text(&w.assumptions),
        });
    }
    // Figures show as entered.
    crate::rules::scale::scale(ck.cx, &figures, 0);
    let budget = budget?;
    let table = Scenarios {
        caption: text(&r.caption),
        years,
        budget: budget.into_iter().map(|(m, _)| m).collect(),
        actual_label,
        variance_label,
        sign,
        cases,
    };
    // Each case's variance by year as the table block computes it (the figure the report
    // prints): the case's variance column, the years its rows.
    let rows = calc::scenarios_rows(&table);
    for (k, stated) in pending {
        let (Some(case), column) = (table.cases.get(k), 2 + 2 * k) else {
            continue;
        };
        for (((s, sp), y), row) in stated.iter().zip(&table.years).zip(&rows) {
            if let Some(computed) = row.get(column) {
                variance(
                    ck,
                    sp.clone(),
                    &format!("{} {y}", case.name),
                    *s,
                    *computed,
                    sign,
                    &table.variance_label,
                );
            }
        }
    }
    (ck.errors() == start).then_some(table)
}

pub(crate) fn plan(ck: &mut Check, rest: &PlanRest, front: Option<Report>) -> Option<PlanReport> {
    let start = ck.errors();
    let saving_year = rest.saving_year.as_ref().and_then(|y| ck.year(y));
    // The action plan: its objectives, targets, savings, actions and progress.
    let actions = crate::blocks::actions::validate(ck.cx, &rest.objectives);
    let stated_total = ck
        .opt_money(&rest.total_saving, "the total saving")
        .ok()
        .flatten();
    // A saving already found wrong (unreadable, negative, out of scale) is the slip: the total
    // it throws out would be that slip told again.
    if let (Some(s), Some(span), false) = (stated_total, &rest.total_saving, actions.saving_wrong) {
        // The plan's total as the table block computes it (the figure the report prints).
        let (_, sum) = calc::plan_savings(&actions.objectives);
        ck.stated(
            at(span),
            "the total target saving",
            s.decimal(),
            sum.decimal(),
            actions.savings,
            Code::ItemsTotalMismatch,
            true,
            true,
        );
    }
    let risks = crate::blocks::risk::validate(ck.cx, &rest.risks);
    if ck.errors() > start {
        return None;
    }
    Some(PlanReport {
        front: front?,
        saving_year,
        aims: rest
            .aims
            .iter()
            .map(|a| a.value.trim().to_string())
            .collect(),
        principles: rest
            .principles
            .iter()
            .map(|a| a.value.trim().to_string())
            .collect(),
        objectives: actions.objectives,
        stated_total,
        risks,
        rounding: std::mem::take(&mut ck.rounding),
    })
}
