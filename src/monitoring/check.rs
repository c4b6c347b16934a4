//! Validation helpers shared by the follow-up kinds: reading figures and counts, comparing a
//! stated figure with the computed one (rounding → warning and disclosure, more → error),
//! duplicates, years, dates, RAG values, scale, and itemised totals.

use super::model::Rounded;
use crate::calc::compare;
use crate::diagnostic::Code;
use crate::model::{Date, FinancialYear, Money, NegativeStyle};
use crate::raw::value::{Figure, S};
use crate::validate::{at, Ctx};
use rust_decimal::Decimal;
use std::ops::Range;

/// Validation state of one follow-up file: diagnostics and the rounding disclosures.
pub(crate) struct Check<'a, 'b> {
    pub cx: &'a mut Ctx<'b>,
    pub rounding: Vec<Rounded>,
}

/// A figure in house style at `dp` places (diagnostics show figures to their own precision).
pub(crate) fn show(d: Decimal, dp: u32, money: bool) -> String {
    if money {
        Money::new(d).format(dp, NegativeStyle::Brackets)
    } else {
        d.round_dp(dp).normalize().to_string()
    }
}

/// Trimmed text, `None` when empty.
pub(crate) fn text(v: &Option<S<String>>) -> Option<String> {
    v.as_ref()
        .map(|s| s.value.trim().to_string())
        .filter(|s| !s.is_empty())
}

impl Check<'_, '_> {
    pub fn errors(&self) -> usize {
        self.cx.diags.iter().filter(|d| d.is_error()).count()
    }

    /// Required text: an error when empty.
    pub fn required(&mut self, v: &S<String>, what: &str) -> String {
        crate::rules::required(self.cx, v, what)
    }

    /// A figure where one is needed; a blank (`~`) is an error.
    pub fn money(&mut self, v: &S<Figure>, what: &str) -> Option<Money> {
        let Some(t) = v.value.as_deref() else {
            self.cx.error(
                Code::BadFigure,
                at(v),
                format!("{what}: a blank cell (`~`) where a figure is needed"),
                "blank",
                "write 0.000 for nil",
            );
            return None;
        };
        match Money::parse(t) {
            Ok(m) => Some(m),
            Err(e) => {
                self.cx.error(
                    Code::BadFigure,
                    at(v),
                    format!("{what}: `{}` is not a figure ({e})", t.trim()),
                    "not a figure",
                    "write figures like `0.164`, `(0.165)` or `-0.165`",
                );
                None
            }
        }
    }

    /// An optional figure: `Ok(None)` when absent or blank, `Err` when unreadable.
    pub fn opt_money(&mut self, v: &Option<S<Figure>>, what: &str) -> Result<Option<Money>, ()> {
        match v {
            Some(f) if f.value.is_some() => self.money(f, what).map(Some).ok_or(()),
            _ => Ok(None),
        }
    }

    /// A count or percentage (`27`, `-22`, `2.60%`); blank allowed when `blank`.
    pub fn number(
        &mut self,
        v: &S<Figure>,
        what: &str,
        blank: bool,
    ) -> Result<Option<Decimal>, ()> {
        crate::rules::figures::number(self.cx, v, what, blank)
    }

    /// Compares a stated figure with the computed one. Within rounding of the `terms` printed
    /// figures: a warning and a disclosure when `rounding_ok`, else an error; beyond: an error.
    #[allow(clippy::too_many_arguments)]
    pub fn stated(
        &mut self,
        span: Range<usize>,
        what: &str,
        stated: Decimal,
        computed: Decimal,
        terms: usize,
        code: Code,
        money: bool,
        rounding_ok: bool,
    ) {
        let dp = stated.scale().max(computed.scale());
        let f = |d: Decimal| show(d, dp, money);
        let agreement = compare(Money::new(stated), Money::new(computed), terms);
        let wording = crate::rules::stated::Wording {
            gives: "the figures give",
            rounding_hint:
                "cabinet prints the computed figure and discloses the difference in the rounding note",
            mismatch_label: None,
            mismatch_hint: "correct the stated figure, or the figures it is computed from",
        };
        let found = crate::rules::stated::diagnostic(
            self.cx.file,
            span,
            what,
            stated,
            computed,
            &agreement,
            &f,
            code,
            rounding_ok,
            &wording,
        );
        if let Some(d) = found {
            if !d.is_error() {
                self.rounding.push(Rounded {
                    what: what.to_string(),
                    stated,
                    computed,
                    money,
                });
            }
            self.cx.diags.push(d);
        }
    }

    /// Reports the second of two equal keys (a duplicated row), pointing at both.
    pub fn duplicate(&mut self, what: &str, second: Range<usize>, first: Range<usize>) {
        crate::rules::duplicate(self.cx, what, second, first);
    }

    pub fn year(&mut self, v: &S<String>) -> Option<FinancialYear> {
        crate::rules::calendar::year(self.cx, v, "2018/19")
    }

    /// Years that must follow one another.
    pub fn years(&mut self, ys: &[&S<String>]) -> Option<Vec<FinancialYear>> {
        crate::rules::calendar::consecutive(self.cx, ys.iter().copied(), "2018/19", |_, _, _| true)
    }

    pub fn date(&mut self, v: &Option<S<String>>) -> Option<Date> {
        crate::rules::calendar::date(self.cx, v.as_ref()?, "2018-09-04")
    }
}
