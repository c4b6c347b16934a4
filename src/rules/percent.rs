//! The percentage rule, for every kind of paper: a percentage is computed exactly from its two
//! figures, and a stated one agrees when the computed one, rounded to the stated figure's
//! decimal places (trailing zeros claim nothing: `2.60%` is read to one place), is the stated
//! figure; otherwise E0406. Each caller words the message; the comparison is one.

use super::Ctx;
use crate::diagnostic::Code;
use rust_decimal::{Decimal, RoundingStrategy};
use std::ops::Range;

/// `count` as a percentage of `of`, exact to 20 places; `None` when `of` is zero.
pub fn of(count: Decimal, of: Decimal) -> Option<Decimal> {
    if of.is_zero() {
        return None;
    }
    Some(
        count
            .checked_mul(Decimal::ONE_HUNDRED)?
            .checked_div(of)?
            .round_dp(20),
    )
}

/// Rounds half away from zero, as published tables do.
pub fn round(d: Decimal, dp: u32) -> Decimal {
    d.round_dp_with_strategy(dp, RoundingStrategy::MidpointAwayFromZero)
}

/// Whether a stated percentage agrees with the computed one, at the stated figure's places.
pub fn agrees(stated: Decimal, computed: Decimal) -> bool {
    let s = stated.normalize();
    round(computed, s.scale()) == s
}

/// A figure at `dp` places, as diagnostics show percentages (`10.94`, `11`).
fn show(d: Decimal, dp: u32) -> String {
    d.round_dp(dp).normalize().to_string()
}

/// How a caller words a percentage that disagrees.
pub(crate) struct Wording<'a> {
    /// The message, from the stated figure as written and the computed one shown to
    /// `extra_places` more places than the stated figure has.
    pub message: &'a dyn Fn(&str, &str) -> String,
    pub extra_places: u32,
    pub hint: &'a str,
}

/// Checks a stated percentage against the computed one: an E0406 error at `span` (its label
/// the expected figure at the stated places) when they disagree. Whether they agree.
pub(crate) fn check(
    cx: &mut Ctx,
    span: Range<usize>,
    stated: Decimal,
    computed: Decimal,
    wording: &Wording,
) -> bool {
    if agrees(stated, computed) {
        return true;
    }
    let dp = stated.normalize().scale();
    cx.error(
        Code::PercentMismatch,
        span,
        (wording.message)(
            &stated.normalize().to_string(),
            &show(
                round(computed, dp + wording.extra_places),
                dp + wording.extra_places,
            ),
        ),
        &format!("expected {}%", show(round(computed, dp), dp)),
        wording.hint,
    );
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Diagnostic;
    use crate::source::FileId;

    fn d(s: &str) -> Decimal {
        s.parse().expect("decimal")
    }

    #[test]
    fn a_percentage_agrees_at_the_places_it_is_stated_to() {
        let c = of(d("7"), d("64")).expect("not zero");
        assert_eq!(round(c, 2), d("10.94"));
        assert!(agrees(d("11"), c));
        assert!(agrees(d("10.9"), c));
        // Trailing zeros claim nothing: 10.90 is read to one place.
        assert!(agrees(d("10.90"), c));
        assert!(!agrees(d("10"), c));
        assert!(!agrees(d("10.8"), c));
        assert_eq!(of(d("1"), Decimal::ZERO), None);
        // Half a unit rounds away from zero: 1 of 8 is 12.5%, printed 13.
        assert!(agrees(d("13"), of(d("1"), d("8")).expect("not zero")));
    }

    #[test]
    fn a_disagreeing_percentage_is_e0406_in_the_callers_words() {
        let mut diags: Vec<Diagnostic> = Vec::new();
        let mut cx = Ctx {
            file: FileId(0),
            diags: &mut diags,
        };
        let message = |s: &str, c: &str| format!("stated as {s}% but the figures give {c}%");
        let wording = Wording {
            message: &message,
            extra_places: 2,
            hint: "correct it",
        };
        let c = of(d("7"), d("64")).expect("not zero");
        assert!(check(&mut cx, 3..5, d("11"), c, &wording));
        assert!(!check(&mut cx, 3..5, d("10"), c, &wording));
        assert_eq!(diags.len(), 1);
        assert_eq!(diags[0].code, Code::PercentMismatch);
        assert_eq!(
            diags[0].message,
            "stated as 10% but the figures give 10.94%"
        );
        assert_eq!(diags[0].hints, ["correct it"]);
    }
}
