//! View models and charts of the scenario and improvement-plan reports.

use super::calc;
use super::charts::Charts;
use super::model::{PlanReport, ScenarioReport, VarianceSign};
use super::view_common::{breakdown, count, front, rounding_note, row, text, BreakdownView};
use crate::model::Report;
use crate::render::text::{escape, narrative};
use crate::render::view::{Cell, ChartView, ReportView, TableView};
use crate::workspace::Workspace;
use serde::Serialize;

fn rule(sign: VarianceSign, label: &str) -> String {
    match sign {
        VarianceSign::ActualMinusBudget => format!("{label} is actual − budget: an overspend is a positive figure."),
        VarianceSign::BudgetMinusActual => format!("{label} is budget − actual, as the source prints it: an overspend is a negative figure."),
    }
}

/// The last of `tables` (built by a preset) as the table block prints it, every table in the
/// report's unit and places.
fn in_report_unit(tables: &mut [crate::model::table::Table], report: &Report) -> String {
    for t in tables.iter_mut() {
        t.unit = report.units.into();
        t.decimals = report.decimals;
    }
    let figures = crate::blocks::table::calc::figures(tables, &Default::default());
    let last = tables.len() - 1;
    crate::blocks::table::view::markdown(tables, &figures, last, report.negatives)
}

/// "A, B and C".
pub(super) fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

use crate::blocks::actions::amount;

#[derive(Debug, Clone, Serialize)]
pub struct CaseView {
    pub name: String,
    pub assumptions: String,
}

/// Everything the scenario template needs.
#[derive(Debug, Clone, Serialize)]
pub struct ScenarioView {
    pub front: ReportView,
    pub history: Option<TableView>,
    pub history_note: Option<String>,
    pub history_chart: Option<ChartView>,
    /// The scenarios as rows, for templates that print them themselves.
    pub scenarios: Option<TableView>,
    /// The scenarios as the table block prints them.
    pub scenarios_markdown: Option<String>,
    pub scenarios_note: Option<String>,
    pub scenarios_chart: Option<ChartView>,
    pub cases: Vec<CaseView>,
    pub breakdowns: Vec<BreakdownView>,
    pub rounding_note: Vec<String>,
}

impl ScenarioView {
    pub fn new(ws: &Workspace, r: &ScenarioReport, slug: &str, charts: &Charts) -> ScenarioView {
        let u = r.front.units.symbol();
        let history = r.history.as_ref().map(|h| {
            let mut columns = vec![
                "Financial year".to_string(),
                format!("Budget ({u})"),
                format!("{} ({u})", escape(&h.actual_label)),
                format!("{} ({u})", escape(&h.variance_label)),
            ];
            columns.extend(h.count_labels.iter().map(|l| escape(l)));
            let figures = calc::history_rows(h);
            let rows = h
                .years
                .iter()
                .enumerate()
                .map(|(i, y)| {
                    let mut cells: Vec<Cell> =
                        figures[i].iter().copied().map(Cell::Money).collect();
                    cells.extend(
                        h.counts[i]
                            .iter()
                            .map(|c| c.map_or(Cell::Empty, |c| text(count(c)))),
                    );
                    row(&y.to_string(), cells, false)
                })
                .collect();
            TableView {
                caption: h.caption.as_deref().map_or_else(
                    || format!("Budget against {} by year", h.actual_label.to_lowercase()),
                    escape,
                ),
                columns,
                rows,
            }
        });
        let scenarios = r.scenarios.as_ref().map(|s| {
            let mut columns = vec![u.to_string(), "Budget".to_string()];
            for c in &s.cases {
                columns.push(format!("{}: {}", escape(&c.name), escape(&s.actual_label)));
                columns.push(format!(
                    "{}: {}",
                    escape(&c.name),
                    escape(&s.variance_label)
                ));
            }
            let labels = s.years.iter().map(|y| y.to_string());
            let rows: Vec<_> = calc::scenarios_rows(s)
                .into_iter()
                .zip(labels.chain(["Total".to_string()]))
                .enumerate()
                .map(|(i, (figures, label))| {
                    let cells = figures.into_iter().map(Cell::Money).collect();
                    row(&label, cells, i == s.years.len())
                })
                .collect();
            TableView {
                caption: s
                    .caption
                    .as_deref()
                    .map_or_else(|| format!("Budget scenarios ({u})"), escape),
                columns,
                rows,
            }
        });
        // The scenarios as the table block prints them: its columns headed as the source
        // heads them, in the report's unit and places.
        let scenarios_markdown = r.scenarios.as_ref().map(|s| {
            let mut t = calc::scenarios_table(s);
            t.caption = Some(
                s.caption
                    .clone()
                    .unwrap_or_else(|| "Budget scenarios".into()),
            );
            let heads = s.cases.iter().flat_map(|c| {
                [
                    format!("{}: {}", c.name, s.actual_label),
                    format!("{}: {}", c.name, s.variance_label),
                ]
            });
            for (col, head) in t.columns.iter_mut().skip(1).zip(heads) {
                col.label = head;
            }
            in_report_unit(std::slice::from_mut(&mut t), &r.front)
        });
        let mut front = front(ws, &r.front, slug);
        front.chart_tables = crate::render::view::chart_tables(
            front.chart_data_appendix,
            charts.history.iter().chain(&charts.scenarios),
        );
        ScenarioView {
            front,
            history_note: r.history.as_ref().map(|h| rule(h.sign, &h.variance_label)),
            history,
            history_chart: charts.history.clone(),
            scenarios_markdown,
            scenarios_note: r
                .scenarios
                .as_ref()
                .map(|s| rule(s.sign, &s.variance_label)),
            scenarios,
            scenarios_chart: charts.scenarios.clone(),
            cases: r
                .scenarios
                .iter()
                .flat_map(|s| &s.cases)
                .filter_map(|c| {
                    c.assumptions.as_deref().map(|a| CaseView {
                        name: escape(&c.name),
                        assumptions: narrative(a, 5),
                    })
                })
                .collect(),
            breakdowns: r
                .breakdowns
                .iter()
                .map(|b| breakdown(b, &r.front, 3))
                .collect(),
            rounding_note: rounding_note(&r.front, &r.rounding),
        }
    }
}

use crate::blocks::actions::ObjectiveView;

/// Everything the improvement-plan template needs.
#[derive(Debug, Clone, Serialize)]
pub struct PlanView {
    pub front: ReportView,
    pub saving_year: Option<String>,
    pub aims: Vec<String>,
    pub principles: Vec<String>,
    pub objectives: Vec<ObjectiveView>,
    /// The savings by objective as rows, for templates that print them themselves.
    pub savings: TableView,
    /// The savings by objective as the table block prints them.
    pub savings_markdown: String,
    pub savings_note: String,
    pub savings_chart: Option<ChartView>,
    pub risks: Option<TableView>,
    pub rounding_note: Vec<String>,
}

impl PlanView {
    pub fn new(ws: &Workspace, r: &PlanReport, slug: &str, charts: &Charts) -> PlanView {
        let f = &r.front;
        let u = f.units.symbol();
        let objectives = crate::blocks::actions::view(&r.objectives, f.units, f.decimals);
        let (subtotals, total) = calc::plan_savings(&r.objectives);
        let mut rows: Vec<_> = r
            .objectives
            .iter()
            .zip(&subtotals)
            .map(|(o, s)| {
                row(
                    &format!("Objective {}: {}", o.number, o.title),
                    vec![Cell::Money(*s)],
                    false,
                )
            })
            .collect();
        rows.push(row("Total", vec![Cell::Money(total)], true));
        let year = r.saving_year.map(|y| y.to_string());
        let risks = (!r.risks.is_empty()).then(|| {
            let (columns, rows) = crate::blocks::risk::view(&r.risks);
            let rows = rows
                .into_iter()
                .map(|(label, cells)| {
                    let cells = cells
                        .into_iter()
                        .map(|c| c.map_or(Cell::Empty, text))
                        .collect();
                    row(&label, cells, false)
                })
                .collect();
            TableView {
                caption: "Risk matrix".into(),
                columns,
                rows,
            }
        });
        let mut front = front(ws, f, slug);
        front.chart_tables =
            crate::render::view::chart_tables(front.chart_data_appendix, &charts.savings);
        let savings_markdown = {
            let mut tables = calc::savings_by_objective(&r.objectives);
            if let Some(y) = &year {
                tables[1].caption = Some(format!("Target savings by objective, {y}"));
            }
            in_report_unit(&mut tables, f)
        };
        PlanView {
            front,
            savings_markdown,
            savings: TableView { caption: format!("Target savings by objective{} ({u})", year.as_deref().map_or(String::new(), |y| format!(", {y}"))), columns: vec!["Objective".into(), u.into()], rows },
            savings_note: match r.stated_total {
                Some(s) if s == total => format!("The target savings add up to {}, the total the plan states.", amount(total, f)),
                Some(s) => format!("The target savings add up to {}; the plan states {} (a rounding difference, see the rounding note).", amount(total, f), amount(s, f)),
                None => format!("The target savings add up to {}.", amount(total, f)),
            },
            saving_year: year,
            aims: r.aims.iter().map(|a| narrative(a, 6).replace('\n', " ")).collect(),
            principles: r.principles.iter().map(|a| narrative(a, 6).replace('\n', " ")).collect(),
            objectives,
            savings_chart: charts.savings.clone(),
            risks,
            rounding_note: rounding_note(f, &r.rounding),
        }
    }
}
