//! The charts of the follow-up reports, built from the calculated figures: net target against
//! forecast by initiative, monthly tables as lines, with their descriptions and data tables.

use super::calc;
use super::model::{MonitoringReport, MonthlyTable};
use super::view_common::{count, pct};
use crate::chart::followup::{self, Frame, Line};
use crate::chart::{Chart, DataTable};
use crate::model::{Money, Report};
use crate::render::view::ChartView;
use rust_decimal::Decimal;

/// A report's charts, and their views for the template.
#[derive(Default)]
pub struct Charts {
    pub list: Vec<Chart>,
    pub summary: Option<ChartView>,
    pub monthly: Vec<Option<ChartView>>,
    pub history: Option<ChartView>,
    pub scenarios: Option<ChartView>,
    pub savings: Option<ChartView>,
}

impl Charts {
    /// Adds a chart; returns its view for the template.
    pub(crate) fn add(&mut self, slug: &str, c: Chart) -> ChartView {
        let view = crate::render::view::chart_view(slug, &c);
        self.list.push(c);
        view
    }
}

/// The frame of a chart in the report's money style.
pub(crate) fn frame(
    id: &str,
    title: String,
    description: String,
    table: DataTable,
    unit: &str,
    report: Option<&Report>,
) -> Frame {
    Frame {
        id: id.to_string(),
        title,
        description,
        table,
        unit: unit.to_string(),
        decimals: report.map(|r| r.decimals),
        negatives: report.map_or(crate::model::NegativeStyle::Minus, |r| r.negatives),
    }
}

/// "a saving of £0.844m", "a cost of £0.051m", "nil".
pub(crate) fn position(m: Money, r: &Report) -> String {
    let body = m
        .abs()
        .format(r.decimals, crate::model::NegativeStyle::Minus);
    let amount = match r.units {
        crate::model::Units::Millions => format!("£{body}m"),
        crate::model::Units::Thousands => format!("£{body}k"),
    };
    if m.round_dp(r.decimals).is_zero() {
        "nil".into()
    } else if m.is_negative() {
        format!("a saving of {amount}")
    } else {
        format!("a cost of {amount}")
    }
}

pub(super) fn monitoring_charts(r: &MonitoringReport, slug: &str) -> Charts {
    let mut charts = Charts::default();
    let f = &r.front;
    let money = |m: Money| m.format(f.decimals, f.negatives);
    let sums = calc::summary(&r.initiatives);
    let nets = &sums.nets;
    if !nets.is_empty() {
        let y = r.year.to_string();
        let title = format!(
            "Net position by initiative, {y}: target and forecast ({})",
            f.units.symbol()
        );
        let (mut on, mut fav, mut adv) = (0, 0, 0);
        let rows = nets
            .iter()
            .zip(&sums.variances)
            .map(|((m, n), v)| {
                let v = *v;
                match calc::outcome(true, v) {
                    calc::Outcome::OnTarget => on += 1,
                    calc::Outcome::Favourable => fav += 1,
                    calc::Outcome::Adverse => adv += 1,
                }
                vec![
                    m.reference.clone(),
                    money(n.target),
                    money(n.forecast),
                    money(v),
                ]
            })
            .collect();
        let (t, fc) = (sums.target, sums.forecast);
        let description = format!(
            "Bars show each initiative's net target for {y} and diamonds its forecast. Of {} initiatives, {on} {} forecast on target, {fav} better than target and {adv} worse. In total the target is {} and the forecast {}.",
            nets.len(),
            if on == 1 { "is" } else { "are" },
            position(t, f),
            position(fc, f)
        );
        let table = DataTable {
            caption: title.clone(),
            header: vec![
                String::new(),
                "Target".into(),
                "Forecast".into(),
                "Variance".into(),
            ],
            rows,
        };
        let c = followup::target_forecast(
            frame(
                "net-by-initiative",
                title,
                description,
                table,
                f.units.symbol(),
                Some(f),
            ),
            nets.iter().map(|(m, _)| m.reference.clone()).collect(),
            nets.iter().map(|(_, n)| n.target.decimal()).collect(),
            nets.iter().map(|(_, n)| n.forecast.decimal()).collect(),
        );
        charts.summary = Some(charts.add(slug, c));
    }
    for (i, t) in r.monthly.iter().enumerate() {
        let c = monthly_chart(t, i + 1);
        let v = c.map(|c| charts.add(slug, c));
        charts.monthly.push(v);
    }
    charts
}

/// Cumulative target against cumulative actual; else the number at the end of each month.
fn monthly_chart(t: &MonthlyTable, n: usize) -> Option<Chart> {
    let f = calc::monthly(t);
    let header: Vec<String> = std::iter::once(String::new())
        .chain(t.months.iter().cloned())
        .collect();
    let unit = t.unit.clone();
    let row = |label: &str, v: &[Decimal]| {
        std::iter::once(label.to_string())
            .chain(v.iter().map(|d| count(*d)))
            .collect::<Vec<_>>()
    };
    if let (Some(target), Some(actual)) = (&f.cumulative_target, &f.cumulative_actual) {
        let actual: Vec<Decimal> = actual.iter().map_while(|v| *v).collect();
        let last = actual.len().checked_sub(1)?;
        let title = format!(
            "{}: cumulative target and actual ({unit})",
            crate::chart::untabled(&t.title)
        );
        let mut description = format!(
            "By {}, the cumulative actual is {} {unit} against a cumulative target of {}; the target for {} to {} is {}.",
            t.months[last],
            count(actual[last]),
            count(target[last]),
            t.months[0],
            t.months[t.months.len() - 1],
            count(*target.last()?)
        );
        if let (Some(s), Some(p)) = (t.start, f.percent.as_ref().and_then(|p| p[last])) {
            description.push_str(&format!(
                " That is a reduction of {} on the starting number of {}.",
                pct(p, 1),
                count(s)
            ));
        }
        let table = DataTable {
            caption: title.clone(),
            header,
            rows: vec![
                row("Cumulative target", target),
                row("Cumulative actual", &actual),
            ],
        };
        let lines = vec![
            Line {
                label: "Cumulative target".into(),
                values: target.clone(),
                reference: true,
            },
            Line {
                label: "Cumulative actual".into(),
                values: actual,
                reference: false,
            },
        ];
        return Some(followup::lines(
            frame(
                &format!("monthly-{n}"),
                title,
                description,
                table,
                &unit,
                None,
            ),
            t.months.clone(),
            lines,
        ));
    }
    let (close, start) = (f.closing?, t.start?);
    let title = format!(
        "{}: number at the end of each month ({unit})",
        crate::chart::untabled(&t.title)
    );
    let end = *close.last()?;
    let description = format!(
        "The number {} from {} at the start of {} to {} at the end of {}, with its lowest month-end figure {} and its highest {}.",
        if end < start { "falls" } else { "rises" },
        count(start),
        t.months[0],
        count(end),
        t.months[t.months.len() - 1],
        count(close.iter().copied().min()?),
        count(close.iter().copied().max()?)
    );
    let table = DataTable {
        caption: title.clone(),
        header,
        rows: vec![row("Number at the end of the month", &close)],
    };
    let lines = vec![Line {
        label: "Number at the end of the month".into(),
        values: close,
        reference: false,
    }];
    Some(followup::lines(
        frame(
            &format!("monthly-{n}"),
            title,
            description,
            table,
            &unit,
            None,
        ),
        t.months.clone(),
        lines,
    ))
}
