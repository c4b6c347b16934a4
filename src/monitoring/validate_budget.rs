//! Rules for a monitoring report's RAG thresholds and budget table (proportions are a block:
//! `blocks::proportions`).

use super::calc;
use super::check::{text, Check};
use super::model::{BudgetTable, Thresholds};
use super::raw;
use crate::diagnostic::Code;
use crate::raw::value::S;
use crate::validate::at;
use std::ops::Range;

pub(super) fn budget(
    ck: &mut Check,
    b: &S<raw::BudgetTable>,
    th: Thresholds,
) -> Option<BudgetTable> {
    let start = ck.errors();
    let compare = match b.value.compare.as_ref().map(|c| c.value.trim()) {
        None | Some("actual") => "Actual",
        Some("forecast") => "Forecast",
        Some(other) => {
            let span = b.value.compare.as_ref().map(|c| at(c)).unwrap_or(0..0);
            ck.cx.error(
                Code::BadValue,
                span,
                format!("`compare: {other}`"),
                "not a column",
                "use `actual` or `forecast`",
            );
            "Actual"
        }
    };
    let mut lines = Vec::new();
    let mut seen: Vec<(String, Range<usize>)> = Vec::new();
    let mut figures = Vec::new();
    // The lines that read, with their raw entries: their stated variance and status are
    // checked against the table block's figures once every line is in the table.
    let mut checked = Vec::new();
    for l in &b.value.lines.value {
        let r = &l.value;
        let label = ck.required(&r.label, "a budget line's label");
        if let Some((_, first)) = seen.iter().find(|(k, _)| k.eq_ignore_ascii_case(&label)) {
            ck.duplicate(
                &format!("the budget line `{label}`"),
                at(&r.label),
                first.clone(),
            );
            continue;
        }
        seen.push((label.clone(), at(&r.label)));
        let (Some(budget), Some(actual)) = (
            ck.money(&r.budget, &format!("{label}: budget")),
            ck.money(&r.actual, &format!("{label}: {}", compare.to_lowercase())),
        ) else {
            continue;
        };
        figures.push((budget, at(&r.budget), format!("{label} budget")));
        figures.push((
            actual,
            at(&r.actual),
            format!("{label} {}", compare.to_lowercase()),
        ));
        checked.push((label.clone(), r));
        lines.push((label, budget, actual));
    }
    let table = BudgetTable {
        caption: text(&b.value.caption),
        compare,
        lines,
    };
    // Each line's variance as the table block computes it (the figure the report prints).
    let rows = calc::budget_rows(&table);
    for ((label, r), &[budget, _, variance]) in checked.into_iter().zip(&rows) {
        if let Some(vs) = &r.variance {
            if let Some(stated) = ck.money(vs, &format!("{label}: variance")) {
                ck.stated(
                    at(vs),
                    &format!(
                        "the variance of {label} ({} − budget)",
                        compare.to_lowercase()
                    ),
                    stated.decimal(),
                    variance.decimal(),
                    2,
                    Code::VarianceMismatch,
                    true,
                    true,
                );
            }
        }
        let stated_rag = crate::blocks::rag::stated(ck.cx, &r.rag);
        crate::blocks::rag::check_stated(
            ck.cx,
            &r.rag,
            stated_rag,
            calc::rag(th, budget, variance, true),
            &format!("the figures of {label}"),
        );
    }
    // Figures show as entered.
    crate::rules::scale::scale(ck.cx, &figures, 0);
    (ck.errors() == start).then_some(table)
}
