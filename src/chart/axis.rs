//! Value-axis ticks: a "nice" step (1, 2, 2.5 or 5 × 10ⁿ) chosen and applied in exact
//! Decimal arithmetic, so tick labels print exactly in house style.

use rust_decimal::Decimal;

/// The ticks of a value axis, lowest first; the axis runs from the first to the last.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Ticks {
    pub values: Vec<Decimal>,
    /// Decimal places that print every tick exactly.
    pub decimals: u32,
}

impl Ticks {
    pub fn lo(&self) -> Decimal {
        self.values[0]
    }
    pub fn hi(&self) -> Decimal {
        self.values[self.values.len() - 1]
    }
}

/// At most `max_intervals` intervals covering `min..=max` and zero. With `whole`, steps are
/// whole numbers (counts of children are never shown in halves).
pub(crate) fn ticks(min: Decimal, max: Decimal, max_intervals: i64, whole: bool) -> Ticks {
    let mut lo = min.min(Decimal::ZERO);
    let mut hi = max.max(Decimal::ZERO);
    if lo == hi {
        hi = Decimal::ONE;
    }
    // Rounding away the sign keeps `floor` and `ceil` exact on Decimals.
    lo = lo.normalize();
    hi = hi.normalize();
    let mantissas = [
        Decimal::ONE,
        Decimal::TWO,
        Decimal::new(25, 1),
        Decimal::new(5, 0),
    ];
    let first_exp = if whole { 0 } else { -6 };
    for exp in first_exp..=18i32 {
        let base = if exp < 0 {
            Decimal::new(1, (-exp) as u32)
        } else {
            Decimal::from(10i64.pow(exp as u32))
        };
        for m in mantissas {
            if whole && exp == 0 && m.scale() > 0 {
                continue;
            }
            let step = base * m;
            let a = (lo / step).floor();
            let b = (hi / step).ceil();
            if b - a <= Decimal::from(max_intervals) {
                let values = steps(a, b, step);
                return Ticks {
                    values,
                    decimals: step.normalize().scale(),
                };
            }
        }
    }
    // Unreachable for figures capped at 10^15, but a sane answer all the same.
    Ticks {
        values: vec![lo, hi],
        decimals: 0,
    }
}

fn steps(a: Decimal, b: Decimal, step: Decimal) -> Vec<Decimal> {
    let mut out = Vec::new();
    let mut k = a;
    while k <= b {
        out.push((k * step).normalize());
        k += Decimal::ONE;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn nice_steps_cover_zero_and_the_data() {
        let t = ticks(d("-1.914"), d("0.164"), 6, false);
        assert_eq!(
            t.values,
            vec![d("-2"), d("-1.5"), d("-1"), d("-0.5"), d("0"), d("0.5")]
        );
        assert_eq!(t.decimals, 1);
        let t = ticks(d("0"), d("30"), 6, true);
        assert_eq!(t.values.first(), Some(&d("0")));
        assert_eq!(t.values.last(), Some(&d("30")));
        assert_eq!(t.decimals, 0);
    }

    #[test]
    fn flat_data_still_gets_an_axis() {
        let t = ticks(d("0"), d("0"), 6, false);
        assert_eq!(t.lo(), d("0"));
        assert_eq!(t.hi(), d("1"));
        let t = ticks(d("0"), d("2"), 6, true);
        assert!(t.values.iter().all(|v| v.fract().is_zero()));
    }
}
