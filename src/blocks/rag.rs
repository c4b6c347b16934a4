//! The RAG status block: red / amber / green from a variance and the paper's thresholds, with
//! whether the variance is favourable, the thresholds as written (`rag_thresholds:`), a status
//! as stated (`rag:`) and the rule that a stated status follows from the figures. Any table
//! line of any kind of paper (a monitored initiative, a budget line) rates the same way.

use crate::diagnostic::Code;
use crate::model::Money;
use crate::raw::value::{Figure, S};
use crate::rules::{at, figures, Ctx};
use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::Deserialize;

/// `{ amber: 0%, red: 10% }`: a line adverse by more than `amber`% of its target is amber, by
/// more than `red`% red; on target or favourable is green.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RagThresholds {
    /// Adverse by more than this % of target → amber (default 0%).
    pub amber: Option<S<Figure>>,
    /// Adverse by more than this % of target → red (default 10%).
    pub red: Option<S<Figure>>,
}

/// Red / amber / green.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Rag {
    Green,
    Amber,
    Red,
}

impl Rag {
    pub fn parse(s: &str) -> Option<Rag> {
        match s.trim().to_ascii_lowercase().as_str() {
            "green" | "g" => Some(Rag::Green),
            "amber" | "a" => Some(Rag::Amber),
            "red" | "r" => Some(Rag::Red),
            _ => None,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Rag::Green => "Green",
            Rag::Amber => "Amber",
            Rag::Red => "Red",
        }
    }
}

/// RAG thresholds: adverse by more than `amber`% of target is amber, by more than `red`% red.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Thresholds {
    pub amber: Decimal,
    pub red: Decimal,
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds {
            amber: Decimal::ZERO,
            red: Decimal::TEN,
        }
    }
}

/// Whether a variance is good news.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    OnTarget,
    Favourable,
    Adverse,
}

impl Outcome {
    pub fn label(self) -> &'static str {
        match self {
            Outcome::OnTarget => "On target",
            Outcome::Favourable => "Favourable",
            Outcome::Adverse => "Adverse",
        }
    }
}

/// Favourable or adverse by the sign of the variance and which way is better: on a cost or a
/// saving entered as a negative figure, a negative variance is favourable; on a count where
/// more is better (children kept out of care), a positive one is.
pub fn outcome(lower_is_better: bool, variance: Money) -> Outcome {
    if variance.is_zero() {
        Outcome::OnTarget
    } else if variance.is_negative() == lower_is_better {
        Outcome::Favourable
    } else {
        Outcome::Adverse
    }
}

/// Green when on target or better; amber when adverse by more than `amber`% of the target;
/// red when adverse by more than `red`%. An adverse variance on a zero target is red.
pub fn rag(th: Thresholds, target: Money, variance: Money, lower_is_better: bool) -> Rag {
    if outcome(lower_is_better, variance) != Outcome::Adverse {
        return Rag::Green;
    }
    let base = target.decimal().abs();
    if base.is_zero() {
        return Rag::Red;
    }
    let share = variance.decimal().abs() / base * Decimal::ONE_HUNDRED;
    if share > th.red {
        Rag::Red
    } else if share > th.amber {
        Rag::Amber
    } else {
        Rag::Green
    }
}

/// The thresholds as written, each a percentage; amber above red, or below 0, is an error.
pub(crate) fn thresholds(cx: &mut Ctx, t: &S<RagThresholds>) -> Thresholds {
    let d = Thresholds::default();
    let mut read = |v: &Option<S<Figure>>, what: &str, default: Decimal| match v {
        Some(f) => figures::number(cx, f, what, false)
            .ok()
            .flatten()
            .unwrap_or(default),
        None => default,
    };
    let amber = read(&t.value.amber, "the amber threshold", d.amber);
    let red = read(&t.value.red, "the red threshold", d.red);
    if amber > red || amber.is_sign_negative() {
        cx.error(
            Code::BadValue,
            at(t),
            format!("RAG thresholds must satisfy 0 ≤ amber ≤ red; they are {amber}% and {red}%"),
            "amber above red",
            "e.g. `{ amber: 0%, red: 10% }`",
        );
    }
    Thresholds { amber, red }
}

/// A status as stated (`rag: green`), if it is one.
pub(crate) fn stated(cx: &mut Ctx, v: &Option<S<String>>) -> Option<Rag> {
    let v = v.as_ref()?;
    Rag::parse(&v.value).or_else(|| {
        cx.error(
            Code::BadValue,
            at(v),
            format!("unknown RAG status `{}`", v.value.trim()),
            "not a RAG status",
            "use green, amber or red",
        );
        None
    })
}

/// A stated status that differs from the one `why` (the figures it rests on) gives is an error.
pub(crate) fn check_stated(
    cx: &mut Ctx,
    v: &Option<S<String>>,
    stated: Option<Rag>,
    computed: Rag,
    why: &str,
) {
    if let (Some(s), Some(v)) = (stated, v) {
        if s != computed {
            cx.error(
                Code::RagMismatch,
                at(v),
                format!(
                    "the RAG status is stated as {} but {why} make it {}",
                    s.label(),
                    computed.label()
                ),
                &format!("expected {}", computed.label().to_ascii_lowercase()),
                "correct the status, or the figures; thresholds are set by `rag_thresholds`",
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(s: &str) -> Money {
        Money::parse(s).expect("figure")
    }
    fn d(s: &str) -> Decimal {
        s.parse().expect("decimal")
    }
    const TH: Thresholds = Thresholds {
        amber: Decimal::ZERO,
        red: Decimal::TEN,
    };

    #[test]
    fn rag_follows_the_thresholds() {
        // Saving of 1.000 targeted; forecast 0.950 is 5% adverse: amber. 0.850 is 15%: red.
        assert_eq!(rag(TH, m("(1.000)"), m("0.050"), true), Rag::Amber);
        assert_eq!(rag(TH, m("(1.000)"), m("0.150"), true), Rag::Red);
        assert_eq!(rag(TH, m("(1.000)"), m("(0.150)"), true), Rag::Green);
        let lenient = Thresholds {
            amber: d("5"),
            red: d("20"),
        };
        assert_eq!(rag(lenient, m("(1.000)"), m("0.050"), true), Rag::Green);
        assert_eq!(rag(TH, m("0.000"), m("0.001"), true), Rag::Red);
        // Seed 002: Children in Care 29.8 budget, 42.3 actual.
        assert_eq!(rag(TH, m("29.8"), m("12.5"), true), Rag::Red);
    }

    #[test]
    fn each_boundary_is_exclusive_with_a_test_on_each_side() {
        // Exactly 10% adverse is amber ("more than red% is red"); a hair more is red.
        assert_eq!(rag(TH, m("1.000"), m("0.100"), true), Rag::Amber);
        assert_eq!(rag(TH, m("1.000"), m("0.101"), true), Rag::Red);
        // Exactly the amber threshold is green; a hair more is amber.
        let five = Thresholds {
            amber: d("5"),
            red: d("10"),
        };
        assert_eq!(rag(five, m("1.000"), m("0.050"), true), Rag::Green);
        assert_eq!(rag(five, m("1.000"), m("0.051"), true), Rag::Amber);
        // On target is green whatever the thresholds; higher-is-better flips the sign.
        assert_eq!(rag(TH, m("1.000"), m("0.000"), true), Rag::Green);
        assert_eq!(rag(TH, m("20"), m("-3"), false), Rag::Red);
        assert_eq!(rag(TH, m("20"), m("3"), false), Rag::Green);
    }

    #[test]
    fn outcomes_follow_the_sign_and_which_way_is_better() {
        assert_eq!(outcome(true, m("0.000")), Outcome::OnTarget);
        assert_eq!(outcome(true, m("(0.001)")), Outcome::Favourable);
        assert_eq!(outcome(true, m("0.001")), Outcome::Adverse);
        assert_eq!(outcome(false, m("1")), Outcome::Favourable);
        assert_eq!(outcome(false, m("-1")), Outcome::Adverse);
    }

    #[test]
    fn statuses_read_as_written() {
        assert_eq!(Rag::parse(" Amber "), Some(Rag::Amber));
        assert_eq!(Rag::parse("r"), Some(Rag::Red));
        assert_eq!(Rag::parse("purple"), None);
    }
}
