//! Figure rules shared by initiatives and reports: reading money in rows, and comparing a stated
//! figure with the computed one (rounding → warning, anything more → error).

use super::{at, Ctx};
use crate::calc::{compare, Agreement};
use crate::diagnostic::{Code, Diagnostic};
use crate::model::{Money, NegativeStyle};
use crate::raw::value::{Figure, S};
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
    if let Some(d) = stated_diagnostic(cx.file, span, what, stated, computed, terms, mismatch) {
        cx.diags.push(d);
    }
}

/// What [`check_stated`] reports, if anything, for the caller to add to.
pub(crate) fn stated_diagnostic(
    file: crate::source::FileId,
    span: Range<usize>,
    what: &str,
    stated: Money,
    computed: Money,
    terms: usize,
    mismatch: Code,
) -> Option<Diagnostic> {
    let shown = |d: rust_decimal::Decimal| fmt(Money::new(d));
    super::stated::diagnostic(
        file,
        span,
        what,
        stated.decimal(),
        computed.decimal(),
        &compare(stated, computed, terms),
        &shown,
        mismatch,
        true,
        &super::stated::Wording {
            gives: "the figures add up to",
            rounding_hint:
                "cabinet prints the computed figure and discloses the difference in the rounding note",
            mismatch_label: None,
            mismatch_hint: "correct the stated figure, or the figures it is computed from",
        },
    )
}

/// A row of an initiative's table as entered: its figures (each with its place) and whether
/// it counts towards the net.
pub(crate) struct Entered {
    pub label: String,
    pub values: Vec<Money>,
    pub spans: Vec<Range<usize>>,
    pub in_net: bool,
}

/// Which stated figure of an initiative's table a check is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    /// The Cumulative of the entered row with this index.
    RowTotal(usize),
    /// The stated net for the year with this index.
    NetYear(usize),
    /// The Cumulative of the stated net row.
    NetTotal,
}

/// A stated figure and the one computed from the figures as entered.
pub(crate) struct Stated {
    pub what: String,
    pub span: Range<usize>,
    pub stated: Money,
    pub computed: Money,
    pub terms: usize,
    pub code: Code,
    pub role: Role,
}

/// Compares every stated figure of an initiative's table with the computed one and reports
/// each disagreement once, where it is. One mistyped figure puts its row's Cumulative, the
/// net of its year and the net's Cumulative all out by the same amount: when a row's
/// Cumulative and exactly one year's net are out by the same amount, the figure at that
/// place is what the stated figures disagree with, and it alone is reported; a net
/// Cumulative out by the amount a row's Cumulative is out is told beside that row's.
/// Returns whether a figure as entered was found wrong.
pub(crate) fn reconcile(
    cx: &mut Ctx,
    rows: &[Entered],
    checks: &[Stated],
    years: &[String],
) -> bool {
    let mut figure_wrong = false;
    let outcome: Vec<Agreement> = checks
        .iter()
        .map(|c| compare(c.stated, c.computed, c.terms))
        .collect();
    let mismatch = |i: usize| match outcome[i] {
        Agreement::Mismatch(d) => Some(d),
        _ => None,
    };
    let mut told = vec![false; checks.len()];
    // A figure already reported as wrong where it stands (out of scale, say) is not reported
    // again as a sum it spoils.
    let flagged: Vec<Range<usize>> = cx
        .diags
        .iter()
        .filter(|d| d.is_error())
        .filter_map(|d| d.primary.as_ref())
        .filter(|p| p.file == cx.file)
        .map(|p| p.span.clone())
        .collect();
    for (i, c) in checks.iter().enumerate() {
        let (Role::RowTotal(r), Some(diff)) = (c.role, mismatch(i)) else {
            continue;
        };
        let Some(row) = rows.get(r) else { continue };
        let same = |role: fn(Role) -> bool, told: &[bool]| -> Vec<usize> {
            (0..checks.len())
                .filter(|&j| !told[j] && role(checks[j].role) && mismatch(j) == Some(diff))
                .collect()
        };
        let years_out = if row.in_net {
            same(|r| matches!(r, Role::NetYear(_)), &told)
        } else {
            Vec::new()
        };
        let net_total = if row.in_net {
            same(|r| r == Role::NetTotal, &told).first().copied()
        } else {
            None
        };
        let figure = match years_out.as_slice() {
            [j] => match checks[*j].role {
                Role::NetYear(y) => row
                    .values
                    .get(y)
                    .zip(row.spans.get(y))
                    .map(|(v, s)| (y, *j, *v, s.clone())),
                _ => None,
            },
            _ => None,
        };
        told[i] = true;
        if let Some((_, j, _, span)) = &figure {
            if flagged.contains(span) {
                told[*j] = true;
                figure_wrong = true;
                continue;
            }
        }
        let mut d = match figure {
            Some((y, j, v, span)) => {
                told[j] = true;
                figure_wrong = true;
                let meant = v + diff;
                let year = years.get(y).map_or("?", String::as_str);
                Diagnostic::error(
                    c.code,
                    format!(
                        "`{}` for {year} is {}, but the stated Cumulative and the stated net for {year} both make it {}",
                        row.label,
                        fmt(v),
                        fmt(meant)
                    ),
                )
                .at(cx.file, span, format!("expected {}?", fmt(meant)))
                .also(cx.file, c.span.clone(), format!("this Cumulative is {} with it", fmt(c.computed)))
                .also(cx.file, checks[j].span.clone(), format!("this net is {} with it", fmt(checks[j].computed)))
                .hint("correct this figure; if it is right, correct the stated Cumulative and net instead")
            }
            None => Diagnostic::error(
                c.code,
                format!(
                    "{} is stated as {} but the figures add up to {} (a difference of {})",
                    c.what,
                    fmt(c.stated),
                    fmt(c.computed),
                    fmt(diff.abs())
                ),
            )
            .at(
                cx.file,
                c.span.clone(),
                format!("expected {}", fmt(c.computed)),
            )
            .hint("correct the stated figure, or the figures it is computed from"),
        };
        if let Some(k) = net_total {
            told[k] = true;
            d = d.also(
                cx.file,
                checks[k].span.clone(),
                "the net Cumulative is out by the same, and for the same reason",
            );
        }
        cx.diags.push(d);
    }
    for (i, c) in checks.iter().enumerate() {
        if !told[i] && !flagged.contains(&c.span) {
            check_stated(
                cx,
                c.span.clone(),
                &c.what,
                c.stated,
                c.computed,
                c.terms,
                c.code,
            );
        }
    }
    figure_wrong
}

/// Reads a count or a percentage (`27`, `-22`, `2.60%`); a blank (`~`) is allowed when `blank`
/// (`Ok(None)`), else an error. `Err` when it is not a number (a diagnostic is pushed then).
pub(crate) fn number(
    cx: &mut Ctx,
    v: &S<Figure>,
    what: &str,
    blank: bool,
) -> Result<Option<rust_decimal::Decimal>, ()> {
    let Some(t) = v.value.as_deref() else {
        if blank {
            return Ok(None);
        }
        cx.error(
            Code::BadFigure,
            at(v),
            format!("{what}: a blank cell (`~`) where a number is needed"),
            "blank",
            "write 0 for none",
        );
        return Err(());
    };
    let s = t.trim().trim_end_matches('%').trim();
    match Money::parse(s) {
        Ok(m) if !s.contains(['e', 'E']) => Ok(Some(m.decimal())),
        _ => {
            cx.error(
                Code::BadFigure,
                at(v),
                format!("{what}: `{}` is not a number", t.trim()),
                "not a number",
                "write a number such as 27, -22 or 17.5%",
            );
            Err(())
        }
    }
}
