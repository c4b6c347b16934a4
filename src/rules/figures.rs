//! Figure rules shared by initiatives and reports: reading money in rows, and comparing a stated
//! figure with the computed one (rounding → warning, anything more → error).

use super::{at, Ctx};
use crate::calc::{compare, Agreement};
use crate::diagnostic::Code;
use crate::model::{Money, NegativeStyle};
use crate::raw::{Figure, S};
use std::ops::Range;

pub(crate) fn fmt(m: Money) -> String {
    // Diagnostics show figures as entered, to the figure's own precision.
    m.format(m.scale().max(3), NegativeStyle::Brackets)
}

/// Reads one figure. `None` when it is blank (`~`) or unreadable (a diagnostic is pushed then).
pub(crate) fn money(cx: &mut Ctx, v: &S<Figure>, what: &str) -> Option<Money> {
    let text = v.value.as_deref()?;
    money_at(cx, text, at(v), what)
}

/// Reads a stated total written as a plain string.
pub(crate) fn stated(cx: &mut Ctx, v: &S<Figure>, what: &str) -> Option<Money> {
    money(cx, v, what)
}

/// Reads a figure written as `text` at `span`, or says why it is not one.
pub(crate) fn money_text(
    cx: &mut Ctx,
    text: &str,
    span: Range<usize>,
    what: &str,
) -> Option<Money> {
    money_at(cx, text, span, what)
}

fn money_at(cx: &mut Ctx, text: &str, span: Range<usize>, what: &str) -> Option<Money> {
    match Money::parse(text) {
        Ok(m) => Some(m),
        Err(e) => {
            let hint = match e {
                crate::model::money::MoneyError::CommaDecimal => format!(
                    "write `{}`: a full stop is the decimal point, and a comma only groups thousands",
                    text.trim().replace(',', ".")
                ),
                _ => "write figures like `0.164`, `(0.165)` or `-0.165`".to_string(),
            };
            cx.error(
                Code::BadFigure,
                span,
                format!("{what}: `{}` is not a figure ({e})", text.trim()),
                "not a figure",
                &hint,
            );
            None
        }
    }
}

/// A row's figures (`None` for blank cells) and the span of each.
pub(crate) type ParsedRow = (Vec<Option<Money>>, Vec<Range<usize>>);

/// Reads a row with one figure per year. Blank cells are refused unless `blanks` is set.
/// Returns `None` if the row is unusable (wrong length or unreadable figures).
pub(crate) fn row(
    cx: &mut Ctx,
    values: &S<Vec<S<Figure>>>,
    years: usize,
    what: &str,
    blanks: bool,
) -> Option<ParsedRow> {
    let mut ok = true;
    if years > 0 && values.value.len() != years {
        cx.error(
            Code::RowLength,
            at(values),
            format!(
                "{what} has {} figures but `finance.years` lists {years} years",
                values.value.len()
            ),
            "one figure per year expected",
            "add or remove figures so the row lines up with the years; use 0.000 for nil",
        );
        ok = false;
    }
    let mut out = Vec::with_capacity(values.value.len());
    let mut spans = Vec::with_capacity(values.value.len());
    for v in &values.value {
        spans.push(at(v));
        if v.value.is_none() {
            if !blanks {
                cx.error(
                    Code::BadFigure,
                    at(v),
                    format!("{what}: a blank cell (`~`) where a figure is needed"),
                    "blank",
                    "write 0.000 for nil",
                );
                ok = false;
            }
            out.push(None);
            continue;
        }
        match money(cx, v, what) {
            Some(m) => out.push(Some(m)),
            None => ok = false,
        }
    }
    ok.then_some((out, spans))
}

/// Checks a stated figure against the computed one and reports the outcome.
pub(crate) fn check_stated(
    cx: &mut Ctx,
    span: Range<usize>,
    what: &str,
    stated: Money,
    computed: Money,
    terms: usize,
    mismatch: Code,
) {
    match compare(stated, computed, terms) {
        Agreement::Exact => {}
        Agreement::Rounding(diff) => cx.warn(
            Code::RoundingDifference,
            span,
            format!(
                "{what} is stated as {} but the figures add up to {} (a rounding difference of {})",
                fmt(stated),
                fmt(computed),
                fmt(diff.abs())
            ),
            "rounding difference",
            "cabinet prints the computed figure and discloses the difference in the rounding note",
        ),
        Agreement::Mismatch(diff) => cx.error(
            mismatch,
            span,
            format!(
                "{what} is stated as {} but the figures add up to {} (out by {})",
                fmt(stated),
                fmt(computed),
                fmt(diff)
            ),
            &format!("expected {}", fmt(computed)),
            "correct the stated figure, or the figures it is computed from",
        ),
    }
}
