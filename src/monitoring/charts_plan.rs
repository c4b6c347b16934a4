//! The charts of scenario and improvement-plan reports: budget against actual by year, each
//! scenario against the budget, and target savings by objective.

use super::calc;
use super::charts::{frame, Charts};
use super::model::{PlanReport, ScenarioReport};
use super::view_plan::and_list;
use crate::blocks::actions::amount;
use crate::chart::followup::{self, Line};
use crate::chart::DataTable;
use crate::model::Money;

/// Budget against actual by year, and each scenario's cost against the budget.
pub(crate) fn scenario_charts(r: &ScenarioReport, slug: &str, charts: &mut Charts) {
    let f = &r.front;
    let u = f.units.symbol();
    let fmt = |m: &Money| m.format(f.decimals, f.negatives);
    let row = |label: &str, v: &[Money]| {
        std::iter::once(label.to_string())
            .chain(v.iter().map(fmt))
            .collect::<Vec<_>>()
    };
    let dec = |v: &[Money]| v.iter().map(|m| m.decimal()).collect::<Vec<_>>();
    if let Some(h) = &r.history {
        let years: Vec<String> = h.years.iter().map(|y| y.to_string()).collect();
        let title = format!("Budget and {} by year ({u})", h.actual_label.to_lowercase());
        let over: Vec<usize> = (0..years.len())
            .filter(|&i| h.actual[i] > h.budget[i])
            .collect();
        let worst = (0..years.len()).max_by_key(|&i| h.actual[i] - h.budget[i]);
        let description = match (years.first(), years.last(), worst) {
            (Some(a), Some(b), Some(w)) => format!(
                "{} was above budget in {} of the {} years from {a} to {b}; the gap was largest in {} ({} against a budget of {}).",
                h.actual_label,
                over.len(),
                years.len(),
                years[w],
                amount(h.actual[w], f),
                amount(h.budget[w], f)
            ),
            _ => "No years.".into(),
        };
        let table = DataTable {
            caption: title.clone(),
            header: std::iter::once(String::new())
                .chain(years.iter().cloned())
                .collect(),
            rows: vec![row("Budget", &h.budget), row(&h.actual_label, &h.actual)],
        };
        let lines = vec![
            Line {
                label: "Budget".into(),
                values: dec(&h.budget),
                reference: true,
            },
            Line {
                label: h.actual_label.clone(),
                values: dec(&h.actual),
                reference: false,
            },
        ];
        let c = followup::lines(
            frame("budget-history", title, description, table, u, Some(f)),
            years,
            lines,
        );
        charts.history = Some(charts.add(slug, c));
    }
    if let Some(s) = &r.scenarios {
        let years: Vec<String> = s.years.iter().map(|y| y.to_string()).collect();
        let title = format!("Budget and scenario costs by year ({u})");
        let last = years.len().saturating_sub(1);
        let cases: Vec<String> = s
            .cases
            .iter()
            .map(|c| {
                let gap = c.actual[last] - s.budget[last];
                format!(
                    "{} {} ({} {} budget)",
                    c.name,
                    amount(c.actual[last], f),
                    amount(gap, f),
                    if gap.is_negative() { "under" } else { "over" }
                )
            })
            .collect();
        let description = format!(
            "The budget moves from {} in {} to {} in {}. In {} the scenarios cost: {}.",
            amount(s.budget[0], f),
            years[0],
            amount(s.budget[last], f),
            years[last],
            years[last],
            and_list(&cases)
        );
        let mut rows = vec![row("Budget", &s.budget)];
        rows.extend(s.cases.iter().map(|c| row(&c.name, &c.actual)));
        let table = DataTable {
            caption: title.clone(),
            header: std::iter::once(String::new())
                .chain(years.iter().cloned())
                .collect(),
            rows,
        };
        let mut lines = vec![Line {
            label: "Budget".into(),
            values: dec(&s.budget),
            reference: true,
        }];
        lines.extend(s.cases.iter().map(|c| Line {
            label: c.name.clone(),
            values: dec(&c.actual),
            reference: false,
        }));
        let c = followup::lines(
            frame("scenarios", title, description, table, u, Some(f)),
            years,
            lines,
        );
        charts.scenarios = Some(charts.add(slug, c));
    }
}

/// Target savings by objective, as bars.
pub(crate) fn plan_charts(r: &PlanReport, slug: &str, charts: &mut Charts) {
    let f = &r.front;
    if r.objectives.is_empty() {
        return;
    }
    let u = f.units.symbol();
    let (values, total) = calc::plan_savings(&r.objectives);
    let labels: Vec<String> = r
        .objectives
        .iter()
        .map(|o| format!("Objective {}", o.number))
        .collect();
    let title = format!("Target savings by objective ({u})");
    let (big, _) = values
        .iter()
        .enumerate()
        .max_by_key(|(_, v)| **v)
        .unwrap_or((0, &Money::ZERO));
    let description = format!(
        "The plan's target savings total {}. Objective {} ({}) carries the most, {}; the objectives in order: {}.",
        amount(total, f),
        big + 1,
        r.objectives[big].title,
        amount(values[big], f),
        values.iter().map(|v| amount(*v, f)).collect::<Vec<_>>().join(", ")
    );
    let table = DataTable {
        caption: title.clone(),
        header: vec![String::new(), u.into()],
        rows: r
            .objectives
            .iter()
            .zip(&values)
            .map(|(o, v)| {
                vec![
                    format!("Objective {}: {}", o.number, o.title),
                    v.format(f.decimals, f.negatives),
                ]
            })
            .collect(),
    };
    let c = followup::bars(
        frame(
            "savings-by-objective",
            title,
            description,
            table,
            u,
            Some(f),
        ),
        labels,
        "Target saving",
        values.iter().map(|m| m.decimal()).collect(),
    );
    charts.savings = Some(charts.add(slug, c));
}
