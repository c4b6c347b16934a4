//! The calendar rules, for every kind of paper: a financial year is written like `2016/17`,
//! the years of a table follow one another with no gaps or repeats, and a date is
//! `YYYY-MM-DD`. Each caller gives the example its hint shows (a year or date of its own
//! paper), so that the hint reads naturally in context.

use super::{at, Ctx};
use crate::diagnostic::Code;
use crate::model::{Date, FinancialYear};
use crate::raw::value::S;

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

    #[test]
    fn a_year_after_an_unreadable_one_is_not_compared() {
        let (out, d) = run(&["2016/17", "2017", "2018/19"]);
        assert!(out.is_none());
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].code, Code::BadYear);
        assert_eq!(d[0].hints, ["write years like 2016/17"]);
    }
}
