//! Rules for monthly tables: months that follow one another, one value per month, signs, row
//! totals, `sums` rows against their group, opening and closing numbers against the flows, and
//! cumulative, remaining and percentage rows against the actual rows.

use super::calc::{self};
use super::check::{text, Check};
use super::model::{Group, MonthlyRow, MonthlyTable};
use super::raw;
use super::validate_stated::stated_rows;
use crate::diagnostic::Code;
use crate::raw::value::{Figure, S};
use crate::validate::at;
use rust_decimal::Decimal;
use std::ops::Range;

/// A row's values (blank cells `None`) and the span of each.
pub(super) type Cells = (Vec<Option<Decimal>>, Vec<Range<usize>>);
/// A row's cell spans, its stated total and its label's span.
pub(super) type RowSpan<'a> = (Vec<Range<usize>>, Option<&'a S<Figure>>, Range<usize>);

/// Reads `Apr`, `April`, `Apr-18`, `Apr 2018`: (month 1–12, full year if written).
pub(crate) use crate::rules::calendar::month as parse_month;

fn months(ck: &mut Check, ms: &S<Vec<S<String>>>) -> Option<Vec<String>> {
    if ms.value.is_empty() {
        ck.cx.error(
            Code::MissingField,
            at(ms),
            "a monthly table needs its months".into(),
            "no months",
            "e.g. [Apr, May, Jun]",
        );
        return None;
    }
    let items: Vec<(&str, Range<usize>)> =
        ms.value.iter().map(|m| (m.value.as_str(), at(m))).collect();
    crate::rules::calendar::months(ck.cx, &items, at(ms))?;
    Some(
        ms.value
            .iter()
            .map(|m| m.value.trim().to_string())
            .collect(),
    )
}

/// One value per month (blanks allowed); `None` if unusable.
pub(super) fn values(ck: &mut Check, v: &S<Vec<S<Figure>>>, n: usize, what: &str) -> Option<Cells> {
    if v.value.len() != n {
        ck.cx.error(
            Code::RowLength,
            at(v),
            format!(
                "{what} has {} values but the table has {n} months",
                v.value.len()
            ),
            "one value per month expected",
            "use ~ for a blank cell",
        );
        return None;
    }
    let mut out = Vec::with_capacity(n);
    let mut ok = true;
    for c in &v.value {
        match ck.number(c, what, true) {
            Ok(x) => out.push(x),
            Err(()) => ok = false,
        }
    }
    ok.then(|| (out, v.value.iter().map(|c| at(c)).collect()))
}

/// Validates one monthly table.
pub(crate) fn monthly(ck: &mut Check, t: &S<raw::Monthly>) -> Option<MonthlyTable> {
    let start_errors = ck.errors();
    let r = &t.value;
    let title = ck.required(&r.title, "the monthly table's title");
    let months = months(ck, &r.months);
    // Rows are measured against the months as listed even where one is unreadable, so a
    // bad month is not also every row's wrong length.
    let n = months.as_ref().map_or(r.months.value.len(), Vec::len);
    let start = match &r.start {
        Some(s) => ck
            .number(s, &format!("{title}: start"), false)
            .ok()
            .flatten(),
        None => None,
    };
    let actuals_to = r.actuals_to.as_ref().and_then(|a| {
        let found = months
            .as_ref()?
            .iter()
            .position(|m| parse_month(m) == parse_month(&a.value) && parse_month(m).is_some());
        if found.is_none() {
            ck.cx.error(
                Code::BadMonth,
                at(a),
                format!("`{}` is not one of the table's months", a.value.trim()),
                "not a month of the table",
                "name the last month with actual figures, as written in `months`",
            );
        }
        found
    });
    let mut rows: Vec<MonthlyRow> = Vec::new();
    let mut spans: Vec<RowSpan> = Vec::new();
    let mut seen: Vec<(String, Range<usize>)> = Vec::new();
    for row in &r.rows.value {
        let w = &row.value;
        let label = ck.required(&w.label, "a row label");
        let key = label.to_lowercase();
        if let Some((_, first)) = seen.iter().find(|(k, _)| *k == key) {
            ck.duplicate(&format!("the row `{label}`"), at(&w.label), first.clone());
            continue;
        }
        seen.push((key, at(&w.label)));
        let Some(group) = Group::parse(&w.group.value) else {
            ck.cx.error(
                Code::BadValue,
                at(&w.group),
                format!("unknown group `{}`", w.group.value.trim()),
                "not a group",
                &format!("use one of: {}", Group::NAMES.join(", ")),
            );
            continue;
        };
        if w.sums && rows.iter().any(|o| o.group == group && o.sums) {
            ck.cx.error(
                Code::DuplicateLine,
                at(&w.label),
                format!("`{label}` is a second `sums` row for the same group"),
                "second total row",
                "a group has one printed total row",
            );
        }
        let Some((vals, cells)) = values(ck, &w.values, n, &format!("{title}: {label}")) else {
            continue;
        };
        if matches!(group, Group::Target | Group::Actual) {
            for (v, s) in vals.iter().zip(&cells) {
                if v.is_some_and(|v| v.is_sign_negative() && !v.is_zero()) {
                    ck.cx.error(Code::SignSlip, s.clone(), format!("{title}: {label}: a {} count of {} is negative", if group == Group::Target { "target" } else { "actual" }, v.unwrap_or_default()), "reductions are counted as positive numbers", "write the number of children discharged (or of whatever is counted) as a positive figure");
                }
            }
        }
        if group == Group::Actual {
            if let Some(last) = actuals_to {
                for (v, s) in vals.iter().zip(&cells).skip(last + 1) {
                    if v.is_some_and(|v| !v.is_zero()) {
                        ck.cx.error(
                            Code::MonthlyMismatch,
                            s.clone(),
                            format!("{title}: {label} has an actual figure after `actuals_to`"),
                            "after the last month of actuals",
                            "move `actuals_to` on, or blank the cell",
                        );
                    }
                }
            }
        }
        let stated_total = w.total.as_ref().and_then(|t| {
            ck.number(t, &format!("{title}: {label} total"), true)
                .ok()
                .flatten()
        });
        spans.push((cells, w.total.as_ref(), at(&w.label)));
        rows.push(MonthlyRow {
            label,
            group,
            values: vals,
            sums: w.sums,
            stated_total,
        });
    }
    let table = MonthlyTable {
        title: title.clone(),
        intro: text(&r.intro),
        after: text(&r.after),
        as_at: ck.date(&r.as_at),
        months: months?,
        unit: text(&r.unit).unwrap_or_else(|| "children".to_string()),
        start,
        actuals_to,
        rounded: r.rounded,
        rows,
        stated_opening: None,
        stated_closing: None,
    };
    if ck.errors() > start_errors {
        return None;
    }
    let f = calc::monthly(&table);
    stated_rows(ck, &table, &f, &spans, r);
    let mut table = table;
    let stated = |ck: &mut Check, v: &Option<S<Vec<S<Figure>>>>| {
        v.as_ref()
            .and_then(|v| values(ck, v, n, ""))
            .map(|(x, _)| x)
    };
    table.stated_opening = stated(ck, &r.opening);
    table.stated_closing = stated(ck, &r.closing);
    (ck.errors() == start_errors).then_some(table)
}
