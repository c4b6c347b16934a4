//! The printed table of a monthly series: the rows as entered (a `sums` row shows the computed
//! total, with the printed one beneath where they differ), then the computed rows.

use super::calc;
use super::model::{Group, MonthlyTable};
use super::view_common::{count, pct, row, text};
use crate::render::text::escape;
use crate::render::view::{Cell, RowView, TableView};
use rust_decimal::Decimal;

fn cells(
    values: &[Option<Decimal>],
    total: Option<Decimal>,
    f: impl Fn(Decimal) -> String,
) -> Vec<Cell> {
    let mut out: Vec<Cell> = values
        .iter()
        .map(|v| v.map_or(Cell::Empty, |v| text(f(v))))
        .collect();
    out.push(total.map_or(Cell::Empty, |v| text(f(v))));
    out
}

/// The printed rows in order (a `sums` row shows the computed total under its label), then the
/// computed rows: month-end numbers, cumulative, remaining and percentages.
pub(crate) fn monthly_table(t: &MonthlyTable) -> TableView {
    let f = calc::monthly(t);
    let some = |v: &[Decimal]| v.iter().map(|x| Some(*x)).collect::<Vec<_>>();
    let mut rows = Vec::new();
    let printed = |rows: &mut Vec<RowView>,
                   label: &str,
                   stated: &Option<Vec<Option<Decimal>>>,
                   computed: &[Decimal],
                   total: Option<Decimal>| {
        if let Some(s) = stated.as_ref().filter(|s| {
            s.iter()
                .zip(computed)
                .any(|(a, b)| a.is_some_and(|a| a != *b))
        }) {
            rows.push(row(
                &format!("{label} (as printed in the source)"),
                cells(s, total, count),
                false,
            ));
        }
    };
    if let (Some(open), Some(start)) = (&f.opening, t.start) {
        rows.push(row(
            "Number at the start of the month",
            cells(&some(open), Some(start), count),
            false,
        ));
        printed(
            &mut rows,
            "Number at the start of the month",
            &t.stated_opening,
            open,
            Some(start),
        );
    }
    for (group, name) in [
        (Group::Flow, "Net change"),
        (Group::Target, "Total target"),
        (Group::Other, ""),
        (Group::Actual, "Total actual"),
    ] {
        // The group's total and its Total, as the table block computes them.
        let group_total = f
            .group_totals
            .iter()
            .find(|(g, _, _)| *g == group)
            .map(|(_, v, total)| (v.clone(), *total));
        let in_group: Vec<_> = t
            .rows
            .iter()
            .enumerate()
            .filter(|(_, r)| r.group == group)
            .collect();
        for &(i, r) in &in_group {
            let (values, total) = match (&group_total, r.sums) {
                (Some(g), true) => g.clone(),
                (None, true) => (Vec::new(), None),
                (_, false) => (r.values.clone(), f.row_totals[i]),
            };
            rows.push(row(&r.label, cells(&values, total, count), r.sums));
            if r.sums && r.values != values {
                let total = r.stated_total.or(f.row_totals[i]);
                rows.push(row(
                    &format!("{} (as printed in the source)", r.label),
                    cells(&r.values, total, count),
                    false,
                ));
            }
        }
        let has_sums = in_group.iter().any(|(_, r)| r.sums);
        if !name.is_empty() && !has_sums && in_group.len() > 1 {
            if let Some((v, total)) = &group_total {
                rows.push(row(name, cells(v, *total, count), true));
            }
        }
    }
    if let Some(close) = &f.closing {
        rows.push(row(
            "Number at the end of the month",
            cells(&some(close), close.last().copied(), count),
            true,
        ));
        let last = t
            .stated_closing
            .as_ref()
            .and_then(|s| s.last().copied().flatten());
        printed(
            &mut rows,
            "Number at the end of the month",
            &t.stated_closing,
            close,
            last,
        );
    }
    let last = |v: &Option<Vec<Option<Decimal>>>| {
        v.as_ref()
            .and_then(|v| v.iter().rev().flatten().next().copied())
    };
    if let Some(c) = &f.cumulative_target {
        rows.push(row(
            "Cumulative target",
            cells(&some(c), None, count),
            false,
        ));
    }
    if f.cumulative_actual.is_some() {
        rows.push(row(
            "Cumulative actual",
            cells(
                f.cumulative_actual.as_deref().unwrap_or_default(),
                None,
                count,
            ),
            false,
        ));
    }
    if f.remaining.is_some() {
        rows.push(row(
            "Number remaining",
            cells(
                f.remaining.as_deref().unwrap_or_default(),
                last(&f.remaining),
                count,
            ),
            false,
        ));
    }
    if f.percent.is_some() {
        rows.push(row(
            "Reduction on the starting number",
            cells(
                f.percent.as_deref().unwrap_or_default(),
                last(&f.percent),
                |d| pct(d, 1),
            ),
            false,
        ));
    }
    let mut columns = vec![escape(&t.unit)];
    columns.extend(t.months.iter().map(|m| escape(m)));
    columns.push("Total".into());
    TableView {
        caption: escape(&t.title),
        columns,
        rows,
    }
}

pub(crate) fn monthly_note(t: &MonthlyTable) -> String {
    let f = calc::monthly(t);
    let mut parts = Vec::new();
    if let (Some(s), true) = (t.start, f.opening.is_some()) {
        parts.push(format!("The number at the start is {}; each month's number at the end is its number at the start plus the month's changes.", count(s)));
    }
    if let (Some(s), Some(_)) = (t.start, &f.cumulative_actual) {
        parts.push(format!(
            "Reductions are counted against the starting number of {}.",
            count(s)
        ));
    }
    if let (Some(tp), Some(last)) = (f.target_percent, t.actuals_to) {
        parts.push(format!(
            "Actual figures run to {}; the target over the whole period is a reduction of {}.",
            escape(&t.months[last]),
            pct(tp, 1)
        ));
    }
    if t.rounded {
        parts.push("The source's figures are rounded estimates; totals here are computed from the rows as printed.".into());
    }
    parts.join(" ")
}
