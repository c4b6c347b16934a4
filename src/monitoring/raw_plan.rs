//! Raw input of `kind: scenario` (budget pressure by year, best / middle / worst cases) and
//! `kind: improvement-plan` (aims, principles, the action plan block's objectives, the total
//! saving, the risk matrix block).

use super::raw::Breakdown;
use crate::raw::value::{Figure, S};
use crate::raw::with_front_matter;
use schemars::JsonSchema;
use serde::Deserialize;

with_front_matter! {
    /// A budget scenario report: budget against actual by year, and scenarios of future cost.
    pub struct Scenario, ScenarioRest (kind = "The kind of file (`monitoring`, `scenario` or `improvement-plan`).") {
        /// Optional: budget against actual (or forecast) for past and current years.
        pub history: Option<S<History>>,
        /// Optional: scenarios of cost against budget for the coming years.
        pub scenarios: Option<S<Scenarios>>,
        /// Itemised totals: a pressure and its parts.
        #[serde(default)]
        pub breakdowns: Vec<S<Breakdown>>,
    }
}

with_front_matter! {
    /// A cost improvement plan: aims, objectives with targets, savings, actions and progress,
    /// and a risk matrix.
    pub struct Plan, PlanRest (kind = "The kind of file (`monitoring`, `scenario` or `improvement-plan`).") {
        /// The year the target savings are for, e.g. `2014/15`.
        pub saving_year: Option<S<String>>,
        /// Agreed aims (Markdown, one per item).
        #[serde(default)]
        pub aims: Vec<S<String>>,
        /// Underlying principles (Markdown, one per item).
        #[serde(default)]
        pub principles: Vec<S<String>>,
        /// The objectives, numbered 1, 2, 3 … in order.
        pub objectives: S<Vec<S<Objective>>>,
        /// Optional: the total target saving as printed; checked against the targets.
        pub total_saving: Option<S<Figure>>,
        /// The risk matrix.
        #[serde(default)]
        pub risks: Vec<S<Risk>>,
    }
}

/// How the source prints a variance: `actual-minus-budget` (overspend positive, the default)
/// or `budget-minus-actual` (overspend negative, as a "shortfall").
pub type VarianceSign = Option<S<String>>;

/// Budget against actual by year (e.g. "Table 1 – Budget pressures").
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct History {
    pub caption: Option<S<String>>,
    /// Heading of the actual column (default `Actual`).
    pub actual_label: Option<S<String>>,
    /// Heading of the variance column (default `Variance`).
    pub variance_label: Option<S<String>>,
    /// How the stated variances are signed.
    pub variance_sign: VarianceSign,
    /// Headings of extra count columns (e.g. `LAC at 31 March`), one per `counts` value.
    #[serde(default)]
    pub count_labels: Vec<S<String>>,
    /// One row per consecutive year.
    pub years: S<Vec<S<HistoryYear>>>,
}

/// One year of the history table.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct HistoryYear {
    pub year: S<String>,
    pub budget: S<Figure>,
    pub actual: S<Figure>,
    /// Optional: the variance as printed; checked.
    pub variance: Option<S<Figure>>,
    /// Values of the count columns, in `count_labels` order.
    #[serde(default)]
    pub counts: Vec<S<Figure>>,
}

/// Scenarios of cost for the coming years (e.g. best, middle and worst case).
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Scenarios {
    pub caption: Option<S<String>>,
    /// Consecutive years.
    pub years: S<Vec<S<String>>>,
    /// The budget for each year.
    pub budget: S<Vec<S<Figure>>>,
    /// Heading of the cost columns (default `Actual`).
    pub actual_label: Option<S<String>>,
    /// Heading of the variance columns (default `Variance`).
    pub variance_label: Option<S<String>>,
    /// How the stated variances are signed.
    pub variance_sign: VarianceSign,
    /// The scenarios, in printed order.
    pub cases: S<Vec<S<Case>>>,
}

/// One scenario.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Case {
    /// E.g. `Best Case`.
    pub name: S<String>,
    /// The cost for each year.
    pub actual: S<Vec<S<Figure>>>,
    /// Optional: the variances as printed; checked.
    pub variance: Option<S<Vec<S<Figure>>>>,
    /// Optional: the assumptions behind the case (Markdown).
    pub assumptions: Option<S<String>>,
}

pub use crate::blocks::actions::raw::{Objective, Target};
pub use crate::blocks::risk::Risk;
