//! The scale rule, for every table of every kind of paper: a figure hundreds of times the
//! typical figure of its table is most likely a slip (`(880.0)` typed for `(0.088)`, £k typed
//! into a £m table). 1,000 times or more is an error, 100 times a warning.

use super::Ctx;
use crate::diagnostic::Code;
use crate::model::{Money, NegativeStyle};
use rust_decimal::Decimal;
use std::ops::Range;

/// This many times the typical figure or more is an error.
const SCALE_ERROR: u32 = 1000;
/// This many times the typical figure or more is a warning.
const SCALE_WARNING: u32 = 100;

/// Flags the figures of one table (each with its place and a label naming it) that are out of
/// scale with the rest. The yardstick is the lower median of the non-zero magnitudes, so that
/// with two figures the smaller one is it. Figures are shown as entered, at their own
/// precision but at least `min_dp` places (the places the table prints).
pub(crate) fn scale(cx: &mut Ctx, figures: &[(Money, Range<usize>, String)], min_dp: u32) {
    let mut mags: Vec<Decimal> = figures
        .iter()
        .map(|(m, _, _)| m.decimal().abs())
        .filter(|d| !d.is_zero())
        .collect();
    if mags.len() < 2 {
        return;
    }
    mags.sort();
    let median = mags[(mags.len() - 1) / 2];
    let shown = |m: Money| m.format(m.scale().max(min_dp), NegativeStyle::Brackets);
    for (m, span, label) in figures {
        let ratio = m.decimal().abs() / median;
        let (is_error, times) = if ratio >= Decimal::from(SCALE_ERROR) {
            (true, SCALE_ERROR)
        } else if ratio >= Decimal::from(SCALE_WARNING) {
            (false, SCALE_WARNING)
        } else {
            continue;
        };
        let msg = format!(
            "{label}: {} is {} times or more the typical figure of this table ({})",
            shown(*m),
            Money::new(Decimal::from(times)).format(0, NegativeStyle::Brackets),
            shown(Money::new(median))
        );
        let hint =
            "check for reversed digits, a misplaced decimal point, or £k typed into a £m table";
        if is_error {
            cx.error(Code::OutOfScale, span.clone(), msg, "out of scale", hint);
        } else {
            cx.warn(Code::OutOfScale, span.clone(), msg, "out of scale?", hint);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Diagnostic, Severity};
    use crate::source::FileId;

    fn run(figures: &[&str], min_dp: u32) -> Vec<Diagnostic> {
        let mut diags = Vec::new();
        let mut cx = Ctx {
            file: FileId(0),
            diags: &mut diags,
        };
        let figures: Vec<_> = figures
            .iter()
            .enumerate()
            .map(|(i, f)| (Money::parse(f).expect("figure"), i..i + 1, format!("f{i}")))
            .collect();
        scale(&mut cx, &figures, min_dp);
        diags
    }

    #[test]
    fn the_boundaries_are_100_and_1000_times_the_lower_median() {
        // The lower median of 0.002, 0.002, x is 0.002: 0.199 is 99.5 times, 0.2 is 100.
        assert!(run(&["0.002", "0.002", "0.199"], 3).is_empty());
        let d = run(&["0.002", "0.002", "0.200"], 3);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].severity, Severity::Warning);
        assert_eq!(
            d[0].message,
            "f2: 0.200 is 100 times or more the typical figure of this table (0.002)"
        );
        let d = run(&["0.002", "0.002", "1.999"], 3);
        assert_eq!(d[0].severity, Severity::Warning);
        let d = run(&["0.002", "0.002", "2.000"], 3);
        assert_eq!(d[0].severity, Severity::Error);
        assert_eq!(d[0].code, Code::OutOfScale);
        // The lower median: of 0.002 and 0.300 the yardstick is 0.002, not their mean.
        let d = run(&["0.002", "0.300"], 3);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].severity, Severity::Warning);
    }

    #[test]
    fn figures_show_at_their_own_precision_but_at_least_the_printed_places() {
        let d = run(&["(0.088)", "(0.088)", "(880.0)"], 0);
        assert_eq!(
            d[0].message,
            "f2: (880.0) is 1,000 times or more the typical figure of this table (0.088)"
        );
        let d = run(&["(0.088)", "(0.088)", "(880.0)"], 3);
        assert_eq!(
            d[0].message,
            "f2: (880.000) is 1,000 times or more the typical figure of this table (0.088)"
        );
    }

    #[test]
    fn one_figure_or_zeros_have_no_yardstick() {
        assert!(run(&["880"], 0).is_empty());
        assert!(run(&["0", "0", "880"], 0).is_empty());
    }
}
