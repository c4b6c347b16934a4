//! The risk matrix block: each risk with an optional likelihood and impact (1 to 5), a rating
//! from their product (15 or more red, 5 or more amber, else green) checked against a rating
//! as stated, and its mitigations; printed as a table whose rating column shows the product.

use super::rag::{self, Rag};
use crate::diagnostic::Code;
use crate::raw::value::S;
use crate::rules::{at, required, Ctx};
use schemars::JsonSchema;
use serde::Deserialize;

/// One row of the risk matrix.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Risk {
    pub risk: S<String>,
    /// Optional: likelihood 1 (rare) to 5 (almost certain).
    pub likelihood: Option<S<u8>>,
    /// Optional: impact 1 (negligible) to 5 (severe).
    pub impact: Option<S<u8>>,
    /// Optional: `green`, `amber` or `red` as stated; checked against likelihood × impact.
    pub rating: Option<S<String>>,
    #[serde(default)]
    pub mitigations: Vec<S<String>>,
}

/// A validated row of the risk matrix.
#[derive(Debug, Clone)]
pub struct RatedRisk {
    pub risk: String,
    pub likelihood: Option<u8>,
    pub impact: Option<u8>,
    pub mitigations: Vec<String>,
}

impl RatedRisk {
    /// Likelihood × impact and its rating, when both are given.
    pub fn rating(&self) -> Option<(u8, Rag)> {
        Some(rating(self.likelihood?, self.impact?))
    }
}

/// A product of this much or more is red.
const RED_FROM: u8 = 15;
/// A product of this much or more (and below red) is amber.
const AMBER_FROM: u8 = 5;

/// Likelihood × impact (each 1–5) and its rating: 15 or more red, 5 or more amber, else green.
pub fn rating(likelihood: u8, impact: u8) -> (u8, Rag) {
    let score = likelihood.saturating_mul(impact);
    let rag = if score >= RED_FROM {
        Rag::Red
    } else if score >= AMBER_FROM {
        Rag::Amber
    } else {
        Rag::Green
    };
    (score, rag)
}

/// The rules of the matrix: a risk is named, likelihood and impact are on the 1 to 5 scale and
/// come together, and a stated rating follows from them.
pub(crate) fn validate(cx: &mut Ctx, rows: &[S<Risk>]) -> Vec<RatedRisk> {
    let mut risks = Vec::new();
    for r in rows {
        let w = &r.value;
        let risk = required(cx, &w.risk, "a risk");
        let mut on_scale = true;
        for v in [&w.likelihood, &w.impact].into_iter().flatten() {
            if !(1..=5).contains(&v.value) {
                on_scale = false;
                cx.error(
                    Code::BadValue,
                    at(v),
                    format!("{} is not on the 1 to 5 scale", v.value),
                    "1 to 5",
                    "likelihood: 1 rare … 5 almost certain; impact: 1 negligible … 5 severe",
                );
            }
        }
        let stated = rag::stated(cx, &w.rating);
        match (&w.likelihood, &w.impact) {
            // A rating from a figure off the scale would only repeat that figure's error.
            (Some(_), Some(_)) if !on_scale => {}
            (Some(l), Some(i)) => rag::check_stated(
                cx,
                &w.rating,
                stated,
                rating(l.value, i.value).1,
                "likelihood × impact",
            ),
            (None, None) => {}
            _ => cx.error(
                Code::MissingField,
                at(r),
                format!("`{risk}` has a likelihood or an impact but not both"),
                "both needed",
                "give both, or neither",
            ),
        }
        risks.push(RatedRisk {
            risk,
            likelihood: w.likelihood.as_ref().map(|v| v.value),
            impact: w.impact.as_ref().map(|v| v.value),
            mitigations: w
                .mitigations
                .iter()
                .map(|m| m.value.trim().to_string())
                .collect(),
        });
    }
    risks
}

/// A printed row: its label and its cells (`None` for an empty cell).
pub type RowCells = (String, Vec<Option<String>>);

/// The printed matrix: its column headings and, per risk, its label and cells (`None` for an
/// empty cell), text already escaped for Markdown. Likelihood, impact and rating columns
/// appear only when some risk is rated.
pub fn view(risks: &[RatedRisk]) -> (Vec<String>, Vec<RowCells>) {
    let rated = risks.iter().any(|k| k.likelihood.is_some());
    let mut columns = vec!["Risk".to_string()];
    if rated {
        columns.extend(["Likelihood".into(), "Impact".into(), "Rating".into()]);
    }
    columns.push("Mitigation".into());
    let rows = risks
        .iter()
        .map(|k| {
            let mut cells = Vec::new();
            if rated {
                cells.extend([
                    k.likelihood.map(|v| v.to_string()),
                    k.impact.map(|v| v.to_string()),
                    k.rating().map(|(s, g)| format!("{} ({s})", g.label())),
                ]);
            }
            cells.push(Some(
                k.mitigations
                    .iter()
                    .map(|m| crate::text::escape(m.trim_end_matches(['.', ';'])))
                    .collect::<Vec<_>>()
                    .join("; "),
            ));
            (k.risk.clone(), cells)
        })
        .collect();
    (columns, rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratings_and_each_boundary_on_both_sides() {
        assert_eq!(rating(5, 5), (25, Rag::Red));
        assert_eq!(rating(3, 5), (15, Rag::Red));
        assert_eq!(rating(2, 7), (14, Rag::Amber));
        assert_eq!(rating(2, 3), (6, Rag::Amber));
        assert_eq!(rating(5, 1), (5, Rag::Amber));
        assert_eq!(rating(1, 4), (4, Rag::Green));
        assert_eq!(rating(1, 1), (1, Rag::Green));
    }

    #[test]
    fn the_view_shows_rating_columns_only_when_a_risk_is_rated() {
        let plain = RatedRisk {
            risk: "Capacity".into(),
            likelihood: None,
            impact: None,
            mitigations: vec!["Recruit.".into(), "Train;".into()],
        };
        let (cols, rows) = view(std::slice::from_ref(&plain));
        assert_eq!(cols, ["Risk", "Mitigation"]);
        assert_eq!(rows[0].1, [Some("Recruit; Train".to_string())]);
        let rated = RatedRisk {
            likelihood: Some(3),
            impact: Some(4),
            ..plain.clone()
        };
        let (cols, rows) = view(&[plain, rated]);
        assert_eq!(cols.len(), 5);
        assert_eq!(rows[0].1[2], None);
        assert_eq!(rows[1].1[2].as_deref(), Some("Amber (12)"));
    }
}
