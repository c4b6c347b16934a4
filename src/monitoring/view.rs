//! View models of the follow-up reports for their templates: the front matter as the standard
//! [`ReportView`], and every table already computed (templates do no arithmetic). Money stays
//! exact and is formatted by the `money` filter; counts and percentages arrive as text.

use super::calc::{self, Outcome};
use super::model::{LineKind, Monitored, MonitoringReport};
use super::view_common::{breakdown, count, front, pct, rounding_note, row, text, BreakdownView};
use super::view_monthly::{monthly_note, monthly_table};
use crate::model::{Money, NegativeStyle, Workspace};
use crate::render::text::{escape, narrative};
use crate::render::view::{chart_tables, Cell, ChartView, ReportView, RowView, TableView};
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct MonitoredView {
    pub reference: String,
    pub title: String,
    pub anchor: String,
    pub table: Option<TableView>,
    pub status: Option<String>,
    pub narrative: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct MonthlyView {
    pub title: String,
    pub intro: Option<String>,
    pub after: Option<String>,
    pub table: TableView,
    pub note: String,
    pub chart: Option<ChartView>,
}

/// Everything the monitoring template needs.
#[derive(Debug, Clone, Serialize)]
pub struct MonitoringView {
    pub front: ReportView,
    pub year: String,
    pub as_at: Option<String>,
    pub variance_note: String,
    pub initiatives: Vec<MonitoredView>,
    pub summary: Option<TableView>,
    pub summary_chart: Option<ChartView>,
    pub budget: Option<TableView>,
    pub breakdowns: Vec<BreakdownView>,
    pub proportions: Option<TableView>,
    pub monthly: Vec<MonthlyView>,
    pub rounding_note: Vec<String>,
}

fn value(kind: LineKind, m: Money) -> Cell {
    if kind.is_money() {
        Cell::Money(m)
    } else {
        text(count(m.decimal()))
    }
}

fn initiative_table(m: &Monitored, r: &MonitoringReport) -> Option<TableView> {
    if m.lines.is_empty() {
        return None;
    }
    let y = r.year.to_string();
    let label = match r.basis {
        super::model::Basis::Annual => "Approved profile",
        super::model::Basis::Incremental => "Approved change",
    };
    let approved = (m.has_profile && m.lines.iter().any(|l| l.approved.is_some())).then_some(label);
    let f = calc::initiative_figures(&m.lines, approved);
    let mut columns = vec![
        r.front.units.symbol().to_string(),
        "Target".to_string(),
        "Forecast".to_string(),
    ];
    if f.columns.actual.is_some() {
        columns.push("Actual to date".into());
    }
    if let Some(label) = approved {
        columns.push(label.into());
    }
    columns.extend(["Variance".to_string(), "(Favourable) / adverse".to_string()]);
    let net = f.net;
    let kinds = m
        .lines
        .iter()
        .map(|l| l.kind)
        .chain(net.filter(|n| n.added).map(|_| LineKind::Net));
    let labels = m
        .lines
        .iter()
        .map(|l| l.label.as_str())
        .chain(net.filter(|n| n.added).map(|_| "Net"));
    let rows = f
        .rows
        .iter()
        .zip(kinds.zip(labels))
        .enumerate()
        .map(|(i, (x, (kind, label)))| {
            let mut cells = vec![value(kind, x.target), value(kind, x.forecast)];
            // A net line's own actual or approved figure where its parts do not all have one.
            let own = m.lines.get(i);
            if f.columns.actual.is_some() {
                let a = x.actual.or(own.and_then(|l| l.actual));
                cells.push(a.map_or(Cell::Empty, |a| value(kind, a)));
            }
            if f.columns.approved.is_some() {
                let a = x.approved.or(own.and_then(|l| l.approved));
                cells.push(a.map_or(Cell::Empty, |a| value(kind, a)));
            }
            cells.push(value(kind, x.variance));
            cells.push(text(
                calc::outcome(kind.lower_is_better(), x.variance).label(),
            ));
            row(label, cells, kind == LineKind::Net)
        })
        .collect();
    Some(TableView {
        caption: format!(
            "{} – {}: target against forecast, {y}",
            escape(&m.reference),
            escape(&m.title)
        ),
        columns,
        rows,
    })
}

fn status(m: &Monitored, r: &MonitoringReport) -> Option<String> {
    let (rag, basis) = calc::initiative_rag(&m.lines, r.thresholds)
        .or_else(|| m.stated_rag.map(|s| (s, "stated")))?;
    Some(match basis {
        "stated" => format!("RAG status: **{}** (as stated).", rag.label()),
        b => format!("RAG status: **{}** (from the {b} figures).", rag.label()),
    })
}

impl MonitoringView {
    pub fn new(
        ws: &Workspace,
        r: &MonitoringReport,
        slug: &str,
        charts: &super::charts::Charts,
    ) -> MonitoringView {
        let mut front = front(ws, &r.front, slug);
        // In the order the template prints them: the monthly tables, then the summary.
        front.chart_tables = chart_tables(
            front.chart_data_appendix,
            charts.monthly.iter().flatten().chain(&charts.summary),
        );
        let u = r.front.units.symbol();
        let y = r.year.to_string();
        let initiatives = r
            .initiatives
            .iter()
            .map(|m| MonitoredView {
                reference: escape(&m.reference),
                title: escape(&m.title),
                anchor: m.slug.clone(),
                table: initiative_table(m, r),
                status: status(m, r),
                narrative: m.narrative.as_deref().map(|t| narrative(t, 4)),
            })
            .collect();
        let sums = calc::summary(&r.initiatives);
        let nets = &sums.nets;
        let summary = (!nets.is_empty()).then(|| {
            let mut rows: Vec<RowView> = nets
                .iter()
                .zip(&sums.variances)
                .map(|((m, n), v)| {
                    let v = *v;
                    let rag = calc::rag(r.thresholds, n.target, v, true);
                    row(
                        &format!("{} – {}", m.reference, m.title),
                        vec![
                            Cell::Money(n.target),
                            Cell::Money(n.forecast),
                            Cell::Money(v),
                            text(calc::outcome(true, v).label()),
                            text(rag.label()),
                        ],
                        false,
                    )
                })
                .collect();
            let (t, f, v) = (sums.target, sums.forecast, sums.variance);
            rows.push(row(
                "Total",
                vec![
                    Cell::Money(t),
                    Cell::Money(f),
                    Cell::Money(v),
                    text(calc::outcome(true, v).label()),
                    Cell::Empty,
                ],
                true,
            ));
            TableView {
                caption: format!("Net position by initiative, {y}: target against forecast ({u})"),
                columns: vec![
                    "Initiative".into(),
                    "Target".into(),
                    "Forecast".into(),
                    "Variance".into(),
                    "(Favourable) / adverse".into(),
                    "RAG".into(),
                ],
                rows,
            }
        });
        let budget = r.budget.as_ref().map(|b| {
            let figures = calc::budget_rows(b);
            let labels = b.lines.iter().map(|l| l.0.as_str()).chain(["Total"]);
            let rows: Vec<RowView> = figures
                .iter()
                .zip(labels)
                .enumerate()
                .map(|(i, (f, l))| budget_row(l, *f, r, i == b.lines.len()))
                .collect();
            TableView {
                caption: b
                    .caption
                    .as_deref()
                    .map_or_else(|| format!("Budget position ({u})"), escape),
                columns: vec![
                    u.into(),
                    "Budget".into(),
                    b.compare.into(),
                    "Variance".into(),
                    "Over / underspend".into(),
                    "RAG".into(),
                ],
                rows,
            }
        });
        let proportions = r.proportions.as_ref().map(|(caption, items)| TableView {
            caption: caption
                .as_deref()
                .map_or_else(|| "Key figures".to_string(), escape),
            columns: vec![
                "Figure".into(),
                "Number".into(),
                "Of".into(),
                "Percentage".into(),
            ],
            rows: items
                .iter()
                .map(|p| {
                    let dp = p.stated_percent.map_or(1, |s| s.normalize().scale());
                    let c = calc::percent(p.count, p.of).unwrap_or_default();
                    row(
                        &p.label,
                        vec![text(count(p.count)), text(count(p.of)), text(pct(c, dp))],
                        false,
                    )
                })
                .collect(),
        });
        let monthly = r
            .monthly
            .iter()
            .enumerate()
            .map(|(i, t)| MonthlyView {
                title: escape(&t.title),
                intro: t.intro.as_deref().map(|x| narrative(x, 5)),
                after: t.after.as_deref().map(|x| narrative(x, 5)),
                table: monthly_table(t),
                note: monthly_note(t),
                chart: charts.monthly.get(i).cloned().flatten(),
            })
            .collect();
        MonitoringView {
            year: y.clone(),
            as_at: r.as_at.map(|d| d.long()),
            variance_note: format!(
                "Variance is forecast − target for {y}. Savings are negative figures{}, so a negative variance is favourable on costs and savings alike; on an indicator it is favourable when the forecast beats the target. RAG status: green on target or better; amber when adverse by {}; red when adverse by more than {}% of the target.",
                match r.front.negatives { NegativeStyle::Brackets => " in brackets", NegativeStyle::Minus => " with a minus sign" },
                if r.thresholds.amber.is_zero() { "any amount".to_string() } else { format!("more than {}% of the target", r.thresholds.amber.normalize()) },
                r.thresholds.red.normalize()
            ),
            initiatives,
            summary,
            summary_chart: charts.summary.clone(),
            budget,
            breakdowns: r.breakdowns.iter().map(|b| breakdown(b, &r.front, 3)).collect(),
            proportions,
            monthly,
            rounding_note: rounding_note(&r.front, &r.rounding),
            front,
        }
    }
}

/// A row of the budget table: its figures as calculated (budget, actual, variance).
fn budget_row(
    label: &str,
    [budget, actual, v]: [Money; 3],
    r: &MonitoringReport,
    bold: bool,
) -> RowView {
    let word = match calc::outcome(true, v) {
        Outcome::OnTarget => "On budget",
        Outcome::Favourable => "Underspend",
        Outcome::Adverse => "Overspend",
    };
    let rag = if bold {
        Cell::Empty
    } else {
        text(calc::rag(r.thresholds, budget, v, true).label())
    };
    row(
        label,
        vec![
            Cell::Money(budget),
            Cell::Money(actual),
            Cell::Money(v),
            text(word),
            rag,
        ],
        bold,
    )
}
