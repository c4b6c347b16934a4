//! Rules for monthly tables: months that follow one another, one value per month, signs, row
//! totals, `sums` rows against their group, opening and closing numbers against the flows, and
//! cumulative, remaining and percentage rows against the actual rows.

use super::calc::{self, MonthlyFigures};
use super::check::{show, text, Check};
use super::model::{Group, MonthlyRow, MonthlyTable};
use super::raw;
use crate::diagnostic::Code;
use crate::raw::{Figure, S};
use crate::validate::at;
use rust_decimal::Decimal;
use std::ops::Range;

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Reads `Apr`, `April`, `Apr-18`, `Apr 2018`: (month 1–12, full year if written).
pub(crate) fn parse_month(s: &str) -> Option<(u32, Option<u32>)> {
    let t = s.trim().to_ascii_lowercase();
    let split = t
        .find(|c: char| !c.is_ascii_alphabetic())
        .unwrap_or(t.len());
    let (name, rest) = t.split_at(split);
    if name.len() < 3 {
        return None;
    }
    let month = MONTHS.iter().position(|m| m.starts_with(name))? as u32 + 1;
    let rest = rest.trim_start_matches([' ', '-', '\'', '/']);
    if rest.is_empty() {
        return Some((month, None));
    }
    if !rest.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let year = match rest.len() {
        2 => 2000 + rest.parse::<u32>().ok()?,
        4 => rest.parse().ok()?,
        _ => return None,
    };
    Some((month, Some(year)))
}

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
    let mut ok = true;
    let mut parsed: Vec<(u32, Option<u32>)> = Vec::new();
    for m in &ms.value {
        match parse_month(&m.value) {
            Some(p) => {
                if let Some(&(pm, py)) = parsed.last() {
                    let expected = if pm == 12 {
                        (1, py.map(|y| y + 1))
                    } else {
                        (pm + 1, py)
                    };
                    if py.is_some() != p.1.is_some() {
                        ck.cx.error(
                            Code::BadMonth,
                            at(m),
                            format!(
                                "`{}` and the month before it differ in whether they give the year",
                                m.value.trim()
                            ),
                            "year missing or extra",
                            "write the year on every month or on none",
                        );
                        ok = false;
                    } else if p != expected {
                        let seen = ms
                            .value
                            .iter()
                            .take(parsed.len())
                            .find(|o| parse_month(&o.value) == Some(p));
                        match seen {
                            Some(first) => ck.duplicate(
                                &format!("the month `{}`", m.value.trim()),
                                at(m),
                                at(first),
                            ),
                            None => ck.cx.error(
                                Code::BadMonth,
                                at(m),
                                format!(
                                    "`{}` does not follow `{}`",
                                    m.value.trim(),
                                    ms.value[parsed.len() - 1].value.trim()
                                ),
                                &format!(
                                    "expected {}",
                                    title_case(MONTHS[expected.0 as usize - 1])
                                ),
                                "months must be consecutive, with no gaps or repeats",
                            ),
                        }
                        ok = false;
                    }
                }
                parsed.push(p);
            }
            None => {
                ck.cx.error(
                    Code::BadMonth,
                    at(m),
                    format!("`{}` is not a month", m.value.trim()),
                    "not a month",
                    "write months as Apr, April, Apr-18 or Apr 2018",
                );
                ok = false;
            }
        }
    }
    if ok && parsed.len() > 12 && parsed[0].1.is_none() {
        ck.cx.error(
            Code::BadMonth,
            at(ms),
            "more than twelve months without years".into(),
            "months repeat",
            "add the year to each month, e.g. Apr-18",
        );
        ok = false;
    }
    ok.then(|| {
        ms.value
            .iter()
            .map(|m| m.value.trim().to_string())
            .collect()
    })
}

fn title_case(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_ascii_uppercase().to_string() + &c.as_str()[..2])
        .unwrap_or_default()
}

/// One value per month (blanks allowed); `None` if unusable.
fn values(
    ck: &mut Check,
    v: &S<Vec<S<Figure>>>,
    n: usize,
    what: &str,
) -> Option<(Vec<Option<Decimal>>, Vec<Range<usize>>)> {
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
    let n = months.as_ref().map_or(0, Vec::len);
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
    let mut spans: Vec<(Vec<Range<usize>>, Option<&S<Figure>>, Range<usize>)> = Vec::new();
    let mut seen: Vec<(String, Range<usize>)> = Vec::new();
    for row in &r.rows.value {
        let w = &row.value;
        let label = ck.required(&w.label, "a row label");
        let key = label.to_lowercase();
        if let Some((_, first)) = seen.iter().find(|(k, _)| *k == key) {
            ck.duplicate(&format!("the row `{label}`"), at(&w.label), first.clone());
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
        spans.push((cells, w.total.as_ref(), at(&w.label)));
        rows.push(MonthlyRow {
            label,
            group,
            values: vals,
            sums: w.sums,
        });
    }
    let table = MonthlyTable {
        title: title.clone(),
        intro: text(&r.intro),
        as_at: ck.date(&r.as_at),
        months: months?,
        unit: text(&r.unit).unwrap_or_else(|| "children".to_string()),
        start,
        actuals_to,
        rounded: r.rounded,
        rows,
    };
    if ck.errors() > start_errors {
        return None;
    }
    let f = calc::monthly(&table);
    stated_rows(ck, &table, &f, &spans, r);
    (ck.errors() == start_errors).then_some(table)
}

type RowSpans<'a> = [(Vec<Range<usize>>, Option<&'a S<Figure>>, Range<usize>)];

/// Checks every stated figure of a table against the computed rows.
fn stated_rows(
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
    let stated_at = |v: &Option<(Vec<Option<Decimal>>, Vec<Range<usize>>)>, m: usize| {
        v.as_ref().and_then(|(x, _)| x[m])
    };
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
    if !calc::percent_agrees(stated, computed) {
        let dp = stated.normalize().scale();
        ck.cx.error(
            Code::PercentMismatch,
            span,
            format!(
                "{what} is stated as {}% but the figures give {}%",
                stated.normalize(),
                show(calc::round(computed, dp + 2), dp + 2, false)
            ),
            &format!("expected {}%", show(calc::round(computed, dp), dp, false)),
            "correct the percentage, or the figures it is computed from",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::parse_month;

    #[test]
    fn months_read_the_ways_tables_print_them() {
        assert_eq!(parse_month("Apr"), Some((4, None)));
        assert_eq!(parse_month("September"), Some((9, None)));
        assert_eq!(parse_month("Jan-18"), Some((1, Some(2018))));
        assert_eq!(parse_month("Dec 2018"), Some((12, Some(2018))));
        assert_eq!(parse_month("Ap"), None);
        assert_eq!(parse_month("Apr-1"), None);
        assert_eq!(parse_month("Total"), None);
    }
}
