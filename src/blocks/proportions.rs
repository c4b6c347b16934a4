//! The proportions block: key figures stated as "N of M (P%)" ("293 of 607 children
//! (48.3%)"). It owns its YAML shape, its rule (a count between 0 and the whole, the whole
//! above 0, and a stated percentage checked by the percentage rule at its own places), its
//! figure (the percentage, computed) and its view (the printed cells). Not a sum, so not a
//! table.

use crate::diagnostic::Code;
use crate::model::{Money, NegativeStyle};
use crate::raw::value::S;
use crate::rules::{at, figures, percent, required, Ctx};
use rust_decimal::Decimal;

/// The block as written in YAML.
pub mod raw {
    use crate::raw::value::{Figure, S};
    use schemars::JsonSchema;
    use serde::Deserialize;

    /// Key figures stated as "N of M (P%)".
    #[derive(Debug, Deserialize, JsonSchema)]
    #[serde(deny_unknown_fields)]
    pub struct Proportions {
        pub caption: Option<S<String>>,
        pub items: S<Vec<S<Proportion>>>,
    }

    /// "293 of 607 children (48.3%)".
    #[derive(Debug, Deserialize, JsonSchema)]
    #[serde(deny_unknown_fields)]
    pub struct Proportion {
        pub label: S<String>,
        pub count: S<Figure>,
        pub of: S<Figure>,
        /// Optional: the percentage as printed; checked at its own decimal places.
        pub percent: Option<S<Figure>>,
    }
}

/// "N of M", validated: `count` between 0 and `of`, `of` above 0.
#[derive(Debug, Clone)]
pub struct Proportion {
    pub label: String,
    pub count: Decimal,
    pub of: Decimal,
    pub stated_percent: Option<Decimal>,
}

impl Proportion {
    /// The percentage, computed (exact to 20 places; `of` is never 0 once validated).
    pub fn percent(&self) -> Option<Decimal> {
        percent::of(self.count, self.of)
    }

    /// The printed cells: the count, the whole, and the percentage at the places the source
    /// stated it to (one place when it stated none).
    pub fn cells(&self) -> [String; 3] {
        let dp = self.stated_percent.map_or(1, |s| s.normalize().scale());
        let c = self.percent().unwrap_or_default();
        let pct = format!(
            "{}%",
            Money::new(percent::round(c, dp)).format(dp, NegativeStyle::Minus)
        );
        [count(self.count), count(self.of), pct]
    }
}

/// A count as written, to its own places.
fn count(d: Decimal) -> String {
    let n = d.normalize();
    Money::new(n).format(n.scale(), NegativeStyle::Minus)
}

/// The rule of one proportion; `None` (with the errors said) when it cannot be used.
pub(crate) fn proportion(cx: &mut Ctx, p: &S<raw::Proportion>) -> Option<Proportion> {
    let r = &p.value;
    let label = required(cx, &r.label, "a proportion's label");
    let count = figures::number(cx, &r.count, &format!("{label}: count"), false)
        .ok()
        .flatten()?;
    let of = figures::number(cx, &r.of, &format!("{label}: of"), false)
        .ok()
        .flatten()?;
    if count > of || of <= Decimal::ZERO || count.is_sign_negative() {
        cx.error(
            Code::BadValue,
            at(p),
            format!("{label}: {count} of {of} is not a proportion"),
            "count must be between 0 and the whole",
            "check the two numbers",
        );
        return None;
    }
    let stated_percent = match &r.percent {
        Some(s) => figures::number(cx, s, &format!("{label}: percent"), false)
            .ok()
            .flatten(),
        None => None,
    };
    if let (Some(s), Some(span), Some(c)) = (stated_percent, &r.percent, percent::of(count, of)) {
        let message =
            |s: &str, c: &str| format!("{label}: {count} of {of} is stated as {s}% but is {c}%");
        percent::check(
            cx,
            at(span),
            s,
            c,
            &percent::Wording {
                message: &message,
                extra_places: 1,
                hint: "correct the percentage, or the two numbers",
            },
        );
    }
    Some(Proportion {
        label,
        count,
        of,
        stated_percent,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Diagnostic;
    use crate::source::FileId;

    fn run(yaml: &str) -> (Option<Proportion>, Vec<Diagnostic>) {
        let p: S<raw::Proportion> = serde_saphyr::from_str(yaml).expect("yaml");
        let mut diags = Vec::new();
        let mut cx = Ctx {
            file: FileId(0),
            diags: &mut diags,
        };
        let out = proportion(&mut cx, &p);
        (out, diags)
    }

    #[test]
    fn a_proportion_prints_its_percentage_at_the_stated_places() {
        let (p, d) = run("{ label: Admissions, count: 7, of: 64, percent: 11% }");
        assert!(d.is_empty(), "{d:?}");
        let p = p.expect("valid");
        assert_eq!(p.cells(), ["7".to_string(), "64".into(), "11%".into()]);
        let (p, _) = run("{ label: Admissions, count: 7, of: 64 }");
        assert_eq!(p.expect("valid").cells()[2], "10.9%");
    }

    #[test]
    fn a_stated_percentage_the_numbers_do_not_give_is_e0406() {
        let (_, d) = run("{ label: Admissions, count: 7, of: 64, percent: 10% }");
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].code, Code::PercentMismatch);
        assert_eq!(
            d[0].message,
            "Admissions: 7 of 64 is stated as 10% but is 10.9%"
        );
    }

    #[test]
    fn a_count_above_its_whole_is_not_a_proportion() {
        let (p, d) = run("{ label: Admissions, count: 65, of: 64 }");
        assert!(p.is_none());
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].message, "Admissions: 65 of 64 is not a proportion");
    }
}
