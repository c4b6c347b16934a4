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
