//! The calendar rules, for every kind of paper: a financial year is written like `2016/17`,
//! the years of a table follow one another with no gaps or repeats, a month is written `Apr`,
//! `April`, `Apr-18` or `Apr 2018` and the months of a table follow one another too, and a
//! date is `YYYY-MM-DD`. Each caller gives the example its hint shows (a year or date of its own
//! paper), so that the hint reads naturally in context.

use super::{at, Ctx};
use crate::diagnostic::Code;
use crate::model::{Date, FinancialYear};
use crate::raw::value::S;
use std::ops::Range;

pub(crate) use crate::model::date::month;

/// `March` as `Mar`: the short name hints use.
fn short(month: u32) -> String {
    crate::model::date::month_name(month)
        .chars()
        .take(3)
        .collect()
}

/// A month as read: (month 1–12, the full year if written).
pub(crate) type Month = (u32, Option<u32>);

/// Reads months (each as written, at its place) that must follow one another, for every
/// table with month columns: each must be a month (E0408), the same month twice is a
/// repeated row (E0407, at both), a gap or a year written on some months only is E0408, and
/// more than twelve months need their years (at `list`, the whole list). `None` when any rule
/// failed.
pub(crate) fn months(
    cx: &mut Ctx,
    ms: &[(&str, Range<usize>)],
    list: Range<usize>,
) -> Option<Vec<Month>> {
    let mut ok = true;
    // Each month as read (`None`: unreadable), in step with `ms`.
    let mut parsed: Vec<Option<(u32, Option<u32>)>> = Vec::new();
    for (k, (text, span)) in ms.iter().enumerate() {
        let text = text.trim();
        let Some(p) = month(text) else {
            cx.error(
                Code::BadMonth,
                span.clone(),
                format!("`{text}` is not a month"),
                "not a month",
                "write months as Apr, April, Apr-18 or Apr 2018",
            );
            ok = false;
            parsed.push(None);
            continue;
        };
        // A month after an unreadable one is not compared with anything (its error would only
        // repeat the unreadable one's).
        if let Some(Some((pm, py))) = parsed.last().copied() {
            let expected = if pm == 12 {
                (1, py.map(|y| y + 1))
            } else {
                (pm + 1, py)
            };
            if py.is_some() != p.1.is_some() {
                cx.error(
                    Code::BadMonth,
                    span.clone(),
                    format!(
                        "`{text}` and the month before it differ in whether they give the year"
                    ),
                    "year missing or extra",
                    "write the year on every month or on none",
                );
                ok = false;
            } else if p != expected {
                // A repeat points at the first.
                let seen = parsed.iter().position(|o| *o == Some(p));
                match seen {
                    Some(first) => super::duplicate(
                        cx,
                        &format!("the month `{text}`"),
                        span.clone(),
                        ms[first].1.clone(),
                    ),
                    None => cx.error(
                        Code::BadMonth,
                        span.clone(),
                        format!("`{text}` does not follow `{}`", ms[k - 1].0.trim()),
                        &format!("expected {}", short(expected.0)),
                        "months must be consecutive, with no gaps or repeats",
                    ),
                }
                ok = false;
            }
        }
        parsed.push(Some(p));
    }
    let parsed: Vec<(u32, Option<u32>)> = parsed.into_iter().flatten().collect();
    if ok && parsed.len() > 12 && parsed[0].1.is_none() {
        cx.error(
            Code::BadMonth,
            list,
            "more than twelve months without years".into(),
            "months repeat",
            "add the year to each month, e.g. Apr-18",
        );
        ok = false;
    }
    ok.then_some(parsed)
}

/// Reads a financial year; an error (hint: `write years like {example}`) when it is not one.
pub(crate) fn year(cx: &mut Ctx, v: &S<String>, example: &str) -> Option<FinancialYear> {
    match FinancialYear::parse(&v.value) {
        Ok(y) => Some(y),
        Err(e) => {
            cx.error(
                Code::BadYear,
                at(v),
                format!("`{}` is not a financial year: {e}", v.value.trim()),
                "not a financial year",
                &format!("write years like {example}"),
            );
            None
        }
    }
}

/// Reads years that must follow one another. A year after an unreadable one is not compared
/// with anything (its error would only repeat the unreadable one's). `each` may add a rule of
/// the caller's on every readable year, returning whether it holds. `None` when any rule
/// failed.
pub(crate) fn consecutive<'a>(
    cx: &mut Ctx,
    ys: impl IntoIterator<Item = &'a S<String>>,
    example: &str,
    mut each: impl FnMut(&mut Ctx, &S<String>, FinancialYear) -> bool,
) -> Option<Vec<FinancialYear>> {
    let mut out = Vec::new();
    let mut ok = true;
    // The year before, if it could be read.
    let mut last: Option<FinancialYear> = None;
    for y in ys {
        let Some(fy) = year(cx, y, example) else {
            last = None;
            ok = false;
            continue;
        };
        if let Some(prev) = last.replace(fy) {
            if fy != prev.next() {
                cx.error(
                    Code::YearsNotConsecutive,
                    at(y),
                    format!("{fy} does not follow {prev}"),
                    &format!("expected {}", prev.next()),
                    "years must be consecutive, with no gaps or repeats",
                );
                ok = false;
            }
        }
        ok &= each(cx, y, fy);
        out.push(fy);
    }
    ok.then_some(out)
}

/// Reads a date; an error (hint: `… e.g. {example}`) when it is not one.
pub(crate) fn date(cx: &mut Ctx, v: &S<String>, example: &str) -> Option<Date> {
    Date::parse(&v.value).or_else(|| {
        cx.error(
            Code::BadDate,
            at(v),
            format!("`{}` is not a date", v.value.trim()),
            "not a date",
            &format!("write dates as YYYY-MM-DD, e.g. {example}"),
        );
        None
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Diagnostic;
    use crate::source::FileId;
    use serde_saphyr::{Location, Spanned};

    fn s(t: &str) -> S<String> {
        S(Spanned::new(
            t.to_string(),
            Location::UNKNOWN,
            Location::UNKNOWN,
        ))
    }

    fn run(ys: &[&str]) -> (Option<Vec<FinancialYear>>, Vec<Diagnostic>) {
        let mut diags = Vec::new();
        let mut cx = Ctx {
            file: FileId(0),
            diags: &mut diags,
        };
        let ys: Vec<S<String>> = ys.iter().map(|y| s(y)).collect();
        let out = consecutive(&mut cx, &ys, "2016/17", |_, _, _| true);
        (out, diags)
    }

    #[test]
    fn consecutive_years_read_and_a_gap_is_an_error() {
        let (out, d) = run(&["2016/17", "2017/18"]);
        assert_eq!(out.map(|v| v.len()), Some(2));
        assert!(d.is_empty());
        let (out, d) = run(&["2016/17", "2018/19"]);
        assert!(out.is_none());
        assert_eq!(d[0].code, Code::YearsNotConsecutive);
        assert_eq!(d[0].message, "2018/19 does not follow 2016/17");
    }

    fn run_months(ms: &[&str]) -> (Option<Vec<Month>>, Vec<Diagnostic>) {
        let mut diags = Vec::new();
        let mut cx = Ctx {
            file: FileId(0),
            diags: &mut diags,
        };
        let items: Vec<(&str, Range<usize>)> = ms
            .iter()
            .enumerate()
            .map(|(k, m)| (*m, k * 10..k * 10 + m.len()))
            .collect();
        let out = months(&mut cx, &items, 0..100);
        (out, diags)
    }

    #[test]
    fn months_read_the_ways_tables_print_them() {
        assert_eq!(month("Apr"), Some((4, None)));
        assert_eq!(month("September"), Some((9, None)));
        assert_eq!(month("Jan-18"), Some((1, Some(2018))));
        assert_eq!(month("Dec 2018"), Some((12, Some(2018))));
        assert_eq!(month("Ap"), None);
        assert_eq!(month("Apr-1"), None);
        assert_eq!(month("Total"), None);
    }

    #[test]
    fn consecutive_months_read_across_a_year_end() {
        let (out, d) = run_months(&["Nov-18", "Dec-18", "Jan-19"]);
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(
            out,
            Some(vec![(11, Some(2018)), (12, Some(2018)), (1, Some(2019))])
        );
    }

    #[test]
    fn each_month_slip_has_its_own_message() {
        let one = |ms: &[&str]| {
            let (out, d) = run_months(ms);
            assert!(out.is_none());
            assert_eq!(d.len(), 1, "{d:?}");
            (d[0].code, d[0].message.clone(), d[0].hints.clone())
        };
        assert_eq!(
            one(&["Apr", "Jun"]),
            (
                Code::BadMonth,
                "`Jun` does not follow `Apr`".to_string(),
                vec!["months must be consecutive, with no gaps or repeats".to_string()]
            )
        );
        assert_eq!(
            one(&["Apr", "Mai"]).1,
            "`Mai` is not a month",
            "not a month"
        );
        assert_eq!(
            one(&["Apr-18", "May"]).1,
            "`May` and the month before it differ in whether they give the year"
        );
        let (code, message, _) = one(&["Apr", "May", "April"]);
        assert_eq!(
            (code, message.as_str()),
            (Code::DuplicateLine, "the month `April` appears twice")
        );
        let thirteen = [
            "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec", "Jan", "Feb", "Mar",
            "Apr",
        ];
        let (_, d) = run_months(&thirteen);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].message, "more than twelve months without years");
        // Twelve months without years are a financial year, April to March.
        assert_eq!(run_months(&thirteen[..12]).1.len(), 0);
    }

    #[test]
    fn a_year_after_an_unreadable_one_is_not_compared() {
        let (out, d) = run(&["2016/17", "2017", "2018/19"]);
        assert!(out.is_none());
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].code, Code::BadYear);
        assert_eq!(d[0].hints, ["write years like 2016/17"]);
    }
}
