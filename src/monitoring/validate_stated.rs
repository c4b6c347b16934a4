//! The stated figures of a monthly table against the computed ones: row totals, `sums` rows,
//! opening and closing numbers, cumulative, remaining and percentage rows.

use super::calc::{self, MonthlyFigures};
use super::check::Check;
use super::model::{Group, MonthlyTable};
use super::raw;
use super::validate_monthly::{values, Cells, RowSpan};
use crate::diagnostic::Code;
use crate::raw::value::{Figure, S};
use crate::validate::at;
use rust_decimal::Decimal;
use std::ops::Range;

type RowSpans<'a> = [RowSpan<'a>];

/// Checks every stated figure of a table against the computed rows.
pub(super) fn stated_rows(
    ck: &mut Check,
    t: &MonthlyTable,
    f: &MonthlyFigures,
    spans: &RowSpans,
    r: &raw::Monthly,
) {
    let rounded = t.rounded;
    let title = &t.title;
    for ((row, (cells, total, _)), computed) in t.rows.iter().zip(spans).zip(&f.row_totals) {
        if let Some(tot) = total {
            if let (Ok(Some(s)), Some(c)) = (
                ck.number(tot, &format!("{title}: {} total", row.label), true),
                computed,
            ) {
                let n = row.values.iter().flatten().count();
                ck.stated(
                    at(tot),
                    &format!("{title}: the total of `{}`", row.label),
                    s,
                    *c,
                    n,
                    Code::MonthlyMismatch,
                    false,
                    rounded,
                );
            }
        }
        if row.sums {
            let parts = t
                .rows
                .iter()
                .filter(|o| o.group == row.group && !o.sums)
                .count();
            if let Some(sum) = calc::group_total(t, row.group) {
                for (m, (s, c)) in row.values.iter().zip(&sum).enumerate() {
                    let what = format!("{title}: `{}` for {}", row.label, t.months[m]);
                    match (s, c) {
                        (Some(s), Some(c)) => ck.stated(
                            cells[m].clone(),
                            &what,
                            *s,
                            *c,
                            parts,
                            Code::MonthlyMismatch,
                            false,
                            rounded,
                        ),
                        (Some(s), None) if !s.is_zero() => ck.stated(
                            cells[m].clone(),
                            &what,
                            *s,
                            Decimal::ZERO,
                            parts,
                            Code::MonthlyMismatch,
                            false,
                            rounded,
                        ),
                        _ => {}
                    }
                }
            }
        }
    }
    let flows = t
        .rows
        .iter()
        .filter(|o| o.group == Group::Flow && !o.sums)
        .count();
    if r.opening.is_some() || r.closing.is_some() {
        stock(ck, t, f, r, flows);
    }
    let series = [
        (
            &r.cumulative,
            f.cumulative_actual.as_ref(),
            "cumulative actual",
            false,
        ),
        (
            &r.remaining,
            f.remaining.as_ref(),
            "number remaining",
            false,
        ),
        (&r.percent, f.percent.as_ref(), "% reduction", true),
    ];
    for (stated, computed, what, is_pct) in series {
        let Some(stated) = stated else { continue };
        let Some(computed) = computed else {
            ck.cx.error(
                Code::MonthlyMismatch,
                at(stated),
                format!(
                    "{title}: a stated {what} row needs `actual` rows{}",
                    if what == "cumulative actual" {
                        ""
                    } else {
                        " and `start`"
                    }
                ),
                "nothing to check it against",
                "add the rows it is computed from, or remove it",
            );
            continue;
        };
        let Some((vals, cells)) = values(ck, stated, t.months.len(), &format!("{title}: {what}"))
        else {
            continue;
        };
        for (m, ((s, c), sp)) in vals.iter().zip(computed).zip(cells).enumerate() {
            let what = format!("{title}: {what} for {}", t.months[m]);
            match (s, c) {
                (Some(s), Some(c)) if is_pct => percent(ck, sp, &what, *s, *c),
                (Some(s), Some(c)) => ck.stated(
                    sp,
                    &what,
                    *s,
                    *c,
                    m + 1,
                    Code::MonthlyMismatch,
                    false,
                    rounded,
                ),
                (Some(_), None) => ck.cx.error(
                    Code::MonthlyMismatch,
                    sp,
                    format!("{what} is stated for a month after the last month of actuals"),
                    "no actuals yet",
                    "blank the cell, or move `actuals_to` on",
                ),
                _ => {}
            }
        }
    }
    if let Some(tp) = &r.target_percent {
        match (
            ck.number(tp, &format!("{title}: target %"), false),
            f.target_percent,
        ) {
            (Ok(Some(s)), Some(c)) => percent(
                ck,
                at(tp),
                &format!("{title}: the target % reduction"),
                s,
                c,
            ),
            (Ok(_), None) => ck.cx.error(
                Code::MonthlyMismatch,
                at(tp),
                format!("{title}: a target % needs `target` rows and `start`"),
                "nothing to check it against",
                "",
            ),
            _ => {}
        }
    }
}

/// Opening and closing numbers: each month opens where the last closed (exactly), and closes
/// at its opening plus its flows. Each is checked against its stated neighbours, so one slip is
/// reported once rather than in every later month.
fn stock(ck: &mut Check, t: &MonthlyTable, f: &MonthlyFigures, r: &raw::Monthly, flows: usize) {
    let title = &t.title;
    let n = t.months.len();
    let (Some(open_c), Some(close_c), Some(net)) = (&f.opening, &f.closing, &f.net_change) else {
        let span = r
            .opening
            .as_ref()
            .or(r.closing.as_ref())
            .map(|s| at(s))
            .unwrap_or(0..0);
        ck.cx.error(
            Code::MonthlyMismatch,
            span,
            format!("{title}: stated opening or closing numbers need `flow` rows and `start`"),
            "nothing to check them against",
            "",
        );
        return;
    };
    let read = |ck: &mut Check, v: &Option<S<Vec<S<Figure>>>>, what: &str| {
        v.as_ref()
            .and_then(|v| values(ck, v, n, &format!("{title}: {what}")))
    };
    let open = read(ck, &r.opening, "opening");
    let close = read(ck, &r.closing, "closing");
    let stated_at = |v: &Option<Cells>, m: usize| v.as_ref().and_then(|(x, _)| x[m]);
    if let Some((vals, cells)) = &open {
        for m in 0..n {
            let Some(s) = vals[m] else { continue };
            let expected = if m == 0 {
                open_c[0]
            } else {
                stated_at(&close, m - 1).unwrap_or(open_c[m])
            };
            let what = format!("{title}: the opening number for {}", t.months[m]);
            ck.stated(
                cells[m].clone(),
                &what,
                s,
                expected,
                1,
                Code::MonthlyMismatch,
                false,
                false,
            );
        }
    }
    if let Some((vals, cells)) = &close {
        for m in 0..n {
            let Some(s) = vals[m] else { continue };
            let expected = stated_at(&open, m).map_or(close_c[m], |o| o + net[m]);
            let what = format!("{title}: the closing number for {}", t.months[m]);
            ck.stated(
                cells[m].clone(),
                &what,
                s,
                expected,
                flows.max(1),
                Code::MonthlyMismatch,
                false,
                t.rounded,
            );
        }
    }
}

fn percent(ck: &mut Check, span: Range<usize>, what: &str, stated: Decimal, computed: Decimal) {
    let message = |s: &str, c: &str| format!("{what} is stated as {s}% but the figures give {c}%");
    crate::rules::percent::check(
        ck.cx,
        span,
        stated,
        computed,
        &crate::rules::percent::Wording {
            message: &message,
            extra_places: 2,
            hint: "correct the percentage, or the figures it is computed from",
        },
    );
}
