//! The stated-figure rule, for every kind of paper: a figure the source states (a total, a net,
//! a variance, a cell of a table) is compared with the one cabinet computes from the figures
//! it is made of. Equal: nothing to say. Within the rounding allowance of the figures added
//! (half a unit in the last place per figure, `calc::compare`): a warning, and the paper
//! discloses the difference. Beyond it: an error with the caller's code. Each caller words the
//! message for what it checks; the outcome, the labels and the severity are decided here.

use crate::calc::Agreement;
use crate::diagnostic::{Code, Diagnostic};
use crate::source::FileId;
use rust_decimal::Decimal;
use std::ops::Range;

/// How a caller words its stated-figure diagnostics.
pub(crate) struct Wording<'a> {
    /// What comes between the computed figure and "is stated as … but": e.g.
    /// `the figures add up to`, `its figures give`.
    pub gives: &'a str,
    /// Where the rounding difference is disclosed (the hint of the warning).
    pub rounding_hint: &'a str,
    /// The label at a mismatch; `None` labels it `expected <computed>`.
    pub mismatch_label: Option<&'a str>,
    /// The hint of the error.
    pub mismatch_hint: &'a str,
}

/// The diagnostic for a stated figure, if it disagrees with the computed one. `agreement` is
/// the outcome of the comparison (`calc::compare`); `shown` prints a figure as the message
/// shows it; a rounding difference is an error when `rounding_ok` is false (a source that
/// states exact counts, say).
#[allow(clippy::too_many_arguments)]
pub(crate) fn diagnostic(
    file: FileId,
    span: Range<usize>,
    what: &str,
    stated: Decimal,
    computed: Decimal,
    agreement: &Agreement,
    shown: &dyn Fn(Decimal) -> String,
    mismatch: Code,
    rounding_ok: bool,
    w: &Wording,
) -> Option<Diagnostic> {
    let diff = match agreement {
        Agreement::Exact => return None,
        Agreement::Rounding(d) if rounding_ok => {
            return Some(
                Diagnostic::warning(
                    Code::RoundingDifference,
                    format!(
                        "{what} is stated as {} but {} {} (a rounding difference of {})",
                        shown(stated),
                        w.gives,
                        shown(computed),
                        shown(d.decimal().abs())
                    ),
                )
                .at(file, span, "rounding difference")
                .hint(w.rounding_hint),
            )
        }
        Agreement::Rounding(d) | Agreement::Mismatch(d) => d.decimal().abs(),
    };
    let label = match w.mismatch_label {
        Some(l) => l.to_string(),
        None => format!("expected {}", shown(computed)),
    };
    Some(
        Diagnostic::error(
            mismatch,
            format!(
                "{what} is stated as {} but {} {} (a difference of {})",
                shown(stated),
                w.gives,
                shown(computed),
                shown(diff)
            ),
        )
        .at(file, span, label)
        .hint(w.mismatch_hint),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calc::compare;
    use crate::diagnostic::Severity;
    use crate::model::Money;

    const W: Wording = Wording {
        gives: "the figures give",
        rounding_hint: "disclosed",
        mismatch_label: None,
        mismatch_hint: "correct it",
    };

    fn run(stated: &str, computed: &str, terms: usize, rounding_ok: bool) -> Option<Diagnostic> {
        let (s, c) = (
            Money::parse(stated).expect("s"),
            Money::parse(computed).expect("c"),
        );
        let a = compare(s, c, terms);
        let shown = |d: Decimal| d.to_string();
        diagnostic(
            FileId(0),
            0..1,
            "x",
            s.decimal(),
            c.decimal(),
            &a,
            &shown,
            Code::NetMismatch,
            rounding_ok,
            &W,
        )
    }

    #[test]
    fn equal_is_silent_rounding_warns_more_is_an_error() {
        assert!(run("0.150", "0.150", 2, true).is_none());
        let d = run("0.151", "0.150", 2, true).expect("rounding");
        assert_eq!(d.severity, Severity::Warning);
        assert_eq!(d.code, Code::RoundingDifference);
        assert_eq!(
            d.message,
            "x is stated as 0.151 but the figures give 0.150 (a rounding difference of 0.001)"
        );
        let d = run("0.160", "0.150", 2, true).expect("mismatch");
        assert_eq!(d.severity, Severity::Error);
        assert_eq!(d.code, Code::NetMismatch);
        assert_eq!(
            d.message,
            "x is stated as 0.160 but the figures give 0.150 (a difference of 0.010)"
        );
    }

    #[test]
    fn a_rounding_difference_is_an_error_where_rounding_is_not_allowed() {
        let d = run("0.151", "0.150", 2, false).expect("error");
        assert_eq!(d.severity, Severity::Error);
        assert_eq!(d.code, Code::NetMismatch);
    }
}
