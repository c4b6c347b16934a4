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
    /// The table as the table block prints it (caption, unit and notes in its style).
    pub markdown: String,
    /// The same table as rows, for templates that print it themselves.
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
    // The table as the table block prints it: in the report's unit and places, or a count
    // at the places its figures are written with, its unit named in the caption.
    let mut t = calc::breakdown_table(b);
    match &b.unit {
        None => {
            t.unit = report.units.into();
            t.decimals = report.decimals;
        }
        Some(unit) => {
            t.caption = Some(format!("{} ({unit})", b.title));
            t.columns[0].label = unit.clone();
            t.decimals = b
                .items
                .iter()
                .map(|(_, v, _)| v.decimal().normalize().scale())
                .chain([b.unitemised.decimal().normalize().scale()])
                .max()
                .unwrap_or(0);
        }
    }
    let tables = std::slice::from_ref(&t);
    let figures = crate::blocks::table::calc::figures(tables, &Default::default());
    let markdown = crate::blocks::table::view::markdown(tables, &figures, 0, report.negatives);
    let (sum, total) = calc::breakdown_totals(b);
    let note = (!b.unitemised.is_zero()).then(|| format!(
        "The source states a total of {}; its items add up to {}, {} {}. The difference is not itemised in the source.",
        show(total),
        show(sum),
        show(b.unitemised),
        if b.unitemised.is_negative() { "more" } else { "less" }
    ));
    // The same rows for templates that print `table` themselves (a template of the user's
    // own may): the table block's figures.
    let rows = t
        .rows
        .iter()
        .zip(&figures.rows[0])
        .map(|(r, v)| {
            let m = Money::new(v.cells[0].value.unwrap_or_default());
            let cell = if b.unit.is_some() {
                text(count(m.decimal()))
            } else {
                Cell::Money(m)
            };
            row(&r.label, vec![cell], r.bold)
        })
        .collect();
    BreakdownView {
        title: escape(&b.title),
        placement: b.placement.key(),
        intro: b.intro.as_deref().map(|t| narrative(t, level + 1)),
        table: TableView {
            caption: format!("{} ({})", escape(&b.title), escape(u)),
            columns: vec!["Item".into(), escape(u)],
            rows,
        },
        markdown,
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
