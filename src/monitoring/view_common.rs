//! View helpers shared by the follow-up reports: counts and percentages in print, table rows,
//! the front matter as the standard report view, the rounding note and itemised totals.

use super::calc;
use super::model::{Breakdown, Rounded};
use crate::chart::ChartSet;
use crate::model::{Money, NegativeStyle, Report, Workspace};
use crate::render::text::{escape, narrative};
use crate::render::view::{Cell, ReportView, RowView, TableView};
use rust_decimal::Decimal;
use serde::Serialize;

/// A count in print: `27`, `1,541`, `−22` (a true minus sign, read aloud as "minus").
pub fn count(d: Decimal) -> String {
    let n = d.normalize();
    Money::new(n).format(n.scale(), NegativeStyle::Minus)
}

/// A percentage to `dp` places: `17.5%`.
pub fn pct(d: Decimal, dp: u32) -> String {
    format!(
        "{}%",
        Money::new(calc::round(d, dp)).format(dp, NegativeStyle::Minus)
    )
}

pub(crate) fn row(label: &str, cells: Vec<Cell>, total: bool) -> RowView {
    RowView {
        label: escape(label),
        cells,
        total,
    }
}

pub(crate) fn text(s: impl Into<String>) -> Cell {
    Cell::Text(s.into())
}

/// The front matter of a follow-up report as the standard report view.
pub(crate) fn front(ws: &Workspace, report: &Report, slug: &str) -> ReportView {
    ReportView::new(ws, report, &ChartSet::default(), slug)
}

/// `label` → “label”: diagnostics quote with backticks, print with quotation marks.
fn quoted(s: &str) -> String {
    let mut open = true;
    s.chars()
        .map(|c| match c {
            '`' => {
                open = !open;
                if open {
                    '\u{201D}'
                } else {
                    '\u{201C}'
                }
            }
            c => c,
        })
        .collect()
}

/// The rounding note: every stated figure that differs from the computed one by rounding.
pub(crate) fn rounding_note(report: &Report, rounded: &[Rounded]) -> Vec<String> {
    rounded
        .iter()
        .map(|r| {
            let what = quoted(&r.what);
            let dp = r.stated.scale().max(r.computed.scale()).max(if r.money {
                report.decimals
            } else {
                0
            });
            let f = |d: Decimal| {
                if r.money {
                    Money::new(d).format(dp, report.negatives)
                } else {
                    count(d)
                }
            };
            crate::blocks::rounding::sentence(
                &escape(&what),
                &f(r.stated),
                &f(r.computed),
                &f((r.stated - r.computed).abs()),
            )
        })
        .collect()
}

/// A breakdown: its items, their sum and any unitemised difference.
#[derive(Debug, Clone, Serialize)]
pub struct BreakdownView {
    pub title: String,
    pub placement: &'static str,
    pub intro: Option<String>,
    pub table: TableView,
    pub note: Option<String>,
    pub items: Vec<ItemView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ItemView {
    pub label: String,
    pub body: String,
}

pub(crate) fn breakdown(b: &Breakdown, report: &Report, level: usize) -> BreakdownView {
    let u = b.unit.as_deref().unwrap_or(report.units.symbol());
    let cell = |m: Money| {
        if b.unit.is_some() {
            text(count(m.decimal()))
        } else {
            Cell::Money(m)
        }
    };
    let show = |m: Money| match &b.unit {
        Some(unit) => format!("{} {unit}", count(m.abs().decimal())),
        None => {
            let body = m.abs().format(report.decimals, report.negatives);
            match report.units {
                crate::model::Units::Millions => format!("£{body}m"),
                crate::model::Units::Thousands => format!("£{body}k"),
            }
        }
    };
    let (sum, total) = calc::breakdown_totals(b);
    let mut rows: Vec<RowView> = b
        .items
        .iter()
        .map(|(l, v, _)| row(l, vec![cell(*v)], false))
        .collect();
    let mut note = None;
    if b.unitemised.is_zero() {
        rows.push(row("Total", vec![cell(sum)], true));
    } else {
        rows.push(row("Total of the items", vec![cell(sum)], true));
        rows.push(row(
            "Not itemised in the source",
            vec![cell(b.unitemised)],
            false,
        ));
        rows.push(row("Total as stated", vec![cell(total)], true));
        note = Some(format!(
            "The source states a total of {}; its items add up to {}, {} {}. The difference is not itemised in the source.",
            show(total),
            show(sum),
            show(b.unitemised),
            if b.unitemised.is_negative() { "more" } else { "less" }
        ));
    }
    BreakdownView {
        title: escape(&b.title),
        placement: b.placement.key(),
        intro: b.intro.as_deref().map(|t| narrative(t, level + 1)),
        table: TableView {
            caption: format!("{} ({})", escape(&b.title), escape(u)),
            columns: vec!["Item".into(), escape(u)],
            rows,
        },
        note,
        items: b
            .items
            .iter()
            .filter_map(|(l, _, n)| {
                n.as_deref().map(|n| ItemView {
                    label: escape(l),
                    body: narrative(n, level + 2),
                })
            })
            .collect(),
    }
}
