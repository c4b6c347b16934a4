//! `Money`: an exact amount in the report's unit (£m by default), parsed from the way council
//! tables print figures and formatted back in house style. Floats never touch it.

use rust_decimal::{Decimal, RoundingStrategy};
use serde::Serialize;
use std::fmt;
use std::iter::Sum;
use std::ops::{Add, Neg, Sub};

/// An exact sum of money in the report's unit. Negative figures are savings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize)]
#[serde(transparent)]
pub struct Money(Decimal);

/// How negative figures are printed: `(0.165)` in most council papers, or `-0.165`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum NegativeStyle {
    /// `(0.165)`: the convention of the seed reports.
    #[default]
    Brackets,
    /// `-0.165`, using a true minus sign (U+2212) so screen readers say "minus".
    Minus,
}

/// Why a figure could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MoneyError {
    Empty,
    NotANumber,
    TooManyDecimals,
    TooLarge,
    /// `0,612` or `1,5`: a decimal comma, not a thousands separator.
    CommaDecimal,
}

impl fmt::Display for MoneyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            MoneyError::Empty => "the figure is empty",
            MoneyError::NotANumber => "the figure is not a number",
            MoneyError::TooManyDecimals => "the figure has more than 6 decimal places",
            MoneyError::TooLarge => "the figure is too large",
            MoneyError::CommaDecimal => "a comma is not a decimal point",
        })
    }
}

/// More decimal places than this is almost certainly a paste from a spreadsheet cell.
const MAX_DECIMALS: u32 = 6;

/// Figures have fewer than 16 digits before the decimal point: what can be entered and printed.
const MAX_PRINTED: u64 = 1_000_000_000_000_000;

impl Money {
    pub const ZERO: Money = Money(Decimal::ZERO);

    pub fn new(value: Decimal) -> Self {
        Money(value)
    }

    pub fn decimal(self) -> Decimal {
        self.0
    }

    pub fn is_zero(self) -> bool {
        self.0.is_zero()
    }

    pub fn is_negative(self) -> bool {
        self.0.is_sign_negative() && !self.0.is_zero()
    }

    pub fn is_positive(self) -> bool {
        self.0.is_sign_positive() && !self.0.is_zero()
    }

    pub fn abs(self) -> Money {
        Money(self.0.abs())
    }

    /// Reads a figure as printed in a council table: `0.164`, `(0.165)`, `-0.165`, `1,234.5`,
    /// optionally with a leading `£`. Exponents, hex and the like are refused on purpose.
    pub fn parse(text: &str) -> Result<Money, MoneyError> {
        let mut s = text.trim();
        if s.is_empty() {
            return Err(MoneyError::Empty);
        }
        let mut negative = false;
        if let Some(inner) = s.strip_prefix('(').and_then(|r| r.strip_suffix(')')) {
            negative = true;
            s = inner.trim();
        }
        for minus in ["-", "\u{2212}"] {
            if let Some(rest) = s.strip_prefix(minus) {
                if negative {
                    return Err(MoneyError::NotANumber);
                }
                negative = true;
                s = rest.trim_start();
            }
        }
        if let Some(rest) = s.strip_prefix('+') {
            s = rest;
        }
        if let Some(rest) = s.strip_prefix('£') {
            s = rest;
        }
        let digits: String = s.chars().filter(|c| *c != ',').collect();
        let valid_commas = s.split('.').next().is_some_and(valid_thousands);
        let (int, frac) = match digits.split_once('.') {
            Some((i, f)) => (i, Some(f)),
            None => (digits.as_str(), None),
        };
        let all_digits = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
        if !valid_commas && !s.contains('.') && s.matches(',').count() == 1 {
            // `0,612`, `1,5`, `12,34`: a decimal written the continental way, which read as a
            // thousands separator would make 0.612 into 612.
            return Err(MoneyError::CommaDecimal);
        }
        if !valid_commas || !all_digits(int) || frac.is_some_and(|f| !all_digits(f)) {
            return Err(MoneyError::NotANumber);
        }
        if frac.is_some_and(|f| f.len() as u32 > MAX_DECIMALS) {
            return Err(MoneyError::TooManyDecimals);
        }
        if int.trim_start_matches('0').len() > 15 {
            return Err(MoneyError::TooLarge);
        }
        let value: Decimal = digits.parse().map_err(|_| MoneyError::NotANumber)?;
        Ok(Money(if negative { -value } else { value }))
    }

    /// Whether the figure can be printed and read back: below 10^15 in size, as every figure
    /// that can be entered is (a sum of many may not be, and a table could not hold it).
    pub fn is_printable(self) -> bool {
        self.0.abs() < Decimal::from(MAX_PRINTED)
    }

    /// Number of decimal places the figure was written with (`0.100` → 3).
    pub fn scale(self) -> u32 {
        self.0.scale()
    }

    /// Rounds half away from zero, the way finance spreadsheets and published tables do.
    pub fn round_dp(self, dp: u32) -> Money {
        Money(
            self.0
                .round_dp_with_strategy(dp, RoundingStrategy::MidpointAwayFromZero),
        )
    }

    /// Formats to `dp` places with thousands separators and the house negative style.
    /// A figure that rounds to zero prints as `0.000`, never `(0.000)`.
    pub fn format(self, dp: u32, style: NegativeStyle) -> String {
        let rounded = self.round_dp(dp);
        let abs = rounded.0.abs();
        let text = format!("{:.*}", dp as usize, abs);
        let (int, frac) = match text.split_once('.') {
            Some((i, f)) => (i.to_string(), Some(f.to_string())),
            None => (text.clone(), None),
        };
        let mut grouped = String::with_capacity(int.len() + int.len() / 3);
        for (i, ch) in int.chars().enumerate() {
            if i > 0 && (int.len() - i) % 3 == 0 {
                grouped.push(',');
            }
            grouped.push(ch);
        }
        let body = match frac {
            Some(f) => format!("{grouped}.{f}"),
            None => grouped,
        };
        if rounded.is_negative() {
            match style {
                NegativeStyle::Brackets => format!("({body})"),
                NegativeStyle::Minus => format!("\u{2212}{body}"),
            }
        } else {
            body
        }
    }
}

fn valid_thousands(int: &str) -> bool {
    if !int.contains(',') {
        return true;
    }
    let mut groups = int.split(',');
    let first = groups.next().unwrap_or("");
    // A leading zero group (`0,612`) is never a thousands separator.
    (1..=3).contains(&first.len()) && !first.starts_with('0') && groups.all(|g| g.len() == 3)
}

impl Add for Money {
    type Output = Money;
    fn add(self, rhs: Money) -> Money {
        // Decimal addition only overflows beyond 7.9e28; inputs are capped at 1e15.
        Money(self.0 + rhs.0)
    }
}

impl Sub for Money {
    type Output = Money;
    fn sub(self, rhs: Money) -> Money {
        Money(self.0 - rhs.0)
    }
}

impl Neg for Money {
    type Output = Money;
    fn neg(self) -> Money {
        Money(-self.0)
    }
}

impl Sum for Money {
    fn sum<I: Iterator<Item = Money>>(iter: I) -> Money {
        iter.fold(Money::ZERO, Add::add)
    }
}

impl<'a> Sum<&'a Money> for Money {
    fn sum<I: Iterator<Item = &'a Money>>(iter: I) -> Money {
        iter.copied().sum()
    }
}

impl fmt::Display for Money {
    /// Three decimals in brackets: the default house style. Renderers pass the report's style.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.format(3, NegativeStyle::Brackets))
    }
}

/// How a stated figure compares with the computed one. Defined with the money it compares
/// (the rules that decide it are in `calc`), so that tables in the model can carry it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Agreement {
    Exact,
    /// Differs by no more than rounding of the printed terms can explain.
    Rounding(Money),
    Mismatch(Money),
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(s: &str) -> Money {
        Money::parse(s).expect(s)
    }

    #[test]
    fn parses_council_notation() {
        assert_eq!(m("(0.165)"), -m("0.165"));
        assert_eq!(m("-0.165"), m("(0.165)"));
        assert_eq!(m("\u{2212}0.165"), m("(0.165)"));
        assert_eq!(m("£1,234.5"), m("1234.5"));
        assert_eq!(m(" 0.000 "), Money::ZERO);
        assert_eq!(m("0.100").scale(), 3);
    }

    #[test]
    fn refuses_what_is_not_a_figure() {
        for bad in [
            "", "abc", "1e3", "0x10", "1.2.3", "(-1)", "1,23", "12,3456", "--1", "nan",
        ] {
            assert!(Money::parse(bad).is_err(), "{bad:?} should be refused");
        }
        assert_eq!(Money::parse("0.1234567"), Err(MoneyError::TooManyDecimals));
        // A decimal comma is named as such, never read as thousands (0,612 is not 612).
        for comma in ["0,612", "1,5", "12,34", "(0,612)", "012,345"] {
            assert_eq!(
                Money::parse(comma),
                Err(MoneyError::CommaDecimal),
                "{comma}"
            );
        }
        assert_eq!(m("1,234"), m("1234"));
        assert_eq!(m("12,345,678"), m("12345678"));
        assert_eq!(Money::parse("9999999999999999"), Err(MoneyError::TooLarge));
    }

    #[test]
    fn formats_in_house_style() {
        assert_eq!(m("(0.165)").format(3, NegativeStyle::Brackets), "(0.165)");
        assert_eq!(
            m("(0.165)").format(3, NegativeStyle::Minus),
            "\u{2212}0.165"
        );
        assert_eq!(
            m("1234567.5").format(1, NegativeStyle::Brackets),
            "1,234,567.5"
        );
        assert_eq!(m("0.1").format(3, NegativeStyle::Brackets), "0.100");
        assert_eq!(m("16.393").format(0, NegativeStyle::Brackets), "16");
    }

    #[test]
    fn rounds_half_away_from_zero_and_never_prints_negative_zero() {
        assert_eq!(m("0.0005").format(3, NegativeStyle::Brackets), "0.001");
        assert_eq!(m("-0.0005").format(3, NegativeStyle::Brackets), "(0.001)");
        assert_eq!(m("-0.0004").format(3, NegativeStyle::Brackets), "0.000");
    }

    #[test]
    fn sums_are_exact() {
        // 0.1 + 0.2 is the classic float slip; Decimal keeps it exact.
        let total: Money = [m("0.1"), m("0.2")].iter().sum();
        assert_eq!(total, m("0.3"));
    }
}
