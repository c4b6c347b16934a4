//! Raw input of the follow-up report kinds, mirroring the YAML exactly (spans on every value a
//! rule may point at): `kind: monitoring` here, `scenario` and `improvement-plan` in
//! [`super::raw_plan`]. Shared pieces (itemised totals, monthly tables) are defined once here.

use crate::raw::value::{Figure, S};
use crate::raw::with_front_matter;
use schemars::JsonSchema;
use serde::Deserialize;

with_front_matter! {
    /// A monitoring report: one financial year's target against forecast for each initiative,
    /// a budget / actual / variance table, itemised totals (mitigations), key proportions and
    /// monthly tables.
    pub struct Monitoring, MonitoringRest (kind = "The kind of file (`monitoring`, `scenario` or `improvement-plan`).") {
        /// The financial year monitored, e.g. `2018/19`.
        pub year: S<String>,
        /// Optional: the date the figures are as at, YYYY-MM-DD.
        pub as_at: Option<S<String>>,
        /// How money targets relate to an initiative's approved profile: `annual` (the
        /// profile's figure for the year, the default) or `incremental` (the change in the
        /// year on the year before, as the 2018/19 monitoring of the 2016/17 bids prints).
        pub basis: Option<S<String>>,
        /// Optional: RAG thresholds, as % of target by which a line is adverse.
        pub rag_thresholds: Option<S<RagThresholds>>,
        /// Target against forecast, per initiative, in the report's order.
        #[serde(default)]
        pub initiatives: Vec<S<Monitored>>,
        /// Optional: a Budget / Actual (or Forecast) / Variance table.
        pub budget: Option<S<BudgetTable>>,
        /// Itemised totals: in-year mitigations, a pressure and its parts.
        #[serde(default)]
        pub breakdowns: Vec<S<Breakdown>>,
        /// Optional: key figures stated as "N of M (P%)", checked.
        pub proportions: Option<S<Proportions>>,
        /// Monthly tables (target and actual, or the flows of a number such as LAC).
        #[serde(default)]
        pub monthly: Vec<S<Monthly>>,
    }
}

pub use crate::blocks::rag::RagThresholds;

/// One initiative's monitoring: its lines as printed, narrative, and a RAG status if stated.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Monitored {
    /// The reference as printed, e.g. `CYPS 1A`; an initiative file with the same reference
    /// supplies the approved profile for the year.
    pub reference: S<String>,
    /// The initiative's title.
    pub title: S<String>,
    /// The rows of its Target / Forecast / (Favourable) Adverse table, in printed order.
    #[serde(default)]
    pub lines: Vec<S<Line>>,
    /// Optional: `green`, `amber` or `red` as stated; checked against the computed status.
    pub rag: Option<S<String>>,
    /// Progress narrative (Markdown).
    pub narrative: Option<S<String>>,
}

/// One row: `type` is `investment` (a cost, positive), `saving` (negative figures), `net`
/// (checked against investment + saving) or `kpi` (a count, with `better`).
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Line {
    /// investment | saving | net | kpi.
    #[serde(rename = "type")]
    pub kind: S<String>,
    /// The row label as printed (defaults by type).
    pub label: Option<S<String>>,
    /// The target for the year.
    pub target: S<Figure>,
    /// The forecast outturn for the year.
    pub forecast: S<Figure>,
    /// Optional: actual to date.
    pub actual: Option<S<Figure>>,
    /// Optional: the (Favourable) / Adverse variance as printed; checked (forecast − target).
    pub variance: Option<S<Figure>>,
    /// KPIs only: `higher` (default) or `lower` is better.
    pub better: Option<S<String>>,
}

/// A Budget / Actual / Variance table (variance = actual − budget; positive = overspend).
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BudgetTable {
    /// The table caption.
    pub caption: Option<S<String>>,
    /// `actual` (default) or `forecast`: what the second column holds.
    pub compare: Option<S<String>>,
    /// The budget lines.
    pub lines: S<Vec<S<BudgetLine>>>,
}

/// One budget line.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BudgetLine {
    pub label: S<String>,
    pub budget: S<Figure>,
    /// The actual (or forecast) spend.
    pub actual: S<Figure>,
    /// Optional: the variance as printed; checked (actual − budget).
    pub variance: Option<S<Figure>>,
    /// Optional: `green`, `amber` or `red` as stated; checked.
    pub rag: Option<S<String>>,
}

/// A stated total and the items it is made of (mitigations, the parts of a pressure).
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Breakdown {
    /// The heading, e.g. `In-year mitigations`.
    pub title: S<String>,
    /// `background`, `key_issues` (default) or `financial`: the section it is printed in.
    pub section: Option<S<String>>,
    /// Markdown printed before the table.
    pub intro: Option<S<String>>,
    /// Optional: what is counted (e.g. `placements`) when the items are numbers, not money.
    pub unit: Option<S<String>>,
    /// The total as the source states it; checked against the items.
    pub stated_total: Option<S<Figure>>,
    /// The part of the stated total no item accounts for, when the source's items do not add
    /// up to it: acknowledged here, printed as its own row, and reported as a warning.
    pub unitemised: Option<S<Figure>>,
    /// The items, in the report's units.
    pub items: S<Vec<S<Item>>>,
}

/// One item of a breakdown.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Item {
    pub label: S<String>,
    pub value: S<Figure>,
    /// Markdown printed under the table, headed by the label.
    pub narrative: Option<S<String>>,
}

pub use crate::blocks::proportions::raw::{Proportion, Proportions};

/// A monthly table: rows of counts by month, with computed totals, cumulative, remaining and
/// percentage rows, and the stated versions of those checked.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Monthly {
    /// The heading and caption, e.g. `Table 2: Right Child, Right Care`.
    pub title: S<String>,
    /// Markdown printed before the table.
    pub intro: Option<S<String>>,
    /// Markdown printed after the table.
    pub after: Option<S<String>>,
    /// Optional: the date of the update, YYYY-MM-DD.
    pub as_at: Option<S<String>>,
    /// Consecutive months: `Apr`, `April`, `Apr-18` or `Apr 2018`.
    pub months: S<Vec<S<String>>>,
    /// What is counted (default `children`).
    pub unit: Option<S<String>>,
    /// The number at the start: the opening stock for flows, the baseline for reductions.
    pub start: Option<S<Figure>>,
    /// The last month with actual figures; later months' actual cells must be blank or 0.
    pub actuals_to: Option<S<String>>,
    /// The source's figures are rounded estimates: differences within rounding are warnings.
    #[serde(default)]
    pub rounded: bool,
    /// The rows as printed.
    pub rows: S<Vec<S<MonthlyRow>>>,
    /// Optional: the number at the start of each month as printed; checked.
    pub opening: Option<S<Vec<S<Figure>>>>,
    /// Optional: the number at the end of each month as printed; checked.
    pub closing: Option<S<Vec<S<Figure>>>>,
    /// Optional: cumulative actual as printed; checked.
    pub cumulative: Option<S<Vec<S<Figure>>>>,
    /// Optional: `start` − cumulative actual as printed; checked.
    pub remaining: Option<S<Vec<S<Figure>>>>,
    /// Optional: cumulative actual as % of `start`, as printed; checked.
    pub percent: Option<S<Vec<S<Figure>>>>,
    /// Optional: total target as % of `start`, as printed; checked.
    pub target_percent: Option<S<Figure>>,
}

/// One row of a monthly table.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MonthlyRow {
    pub label: S<String>,
    /// `flow` (signed changes to the number), `target` or `actual` (reductions, positive), or
    /// `other` (shown only).
    pub group: S<String>,
    /// One value per month; `~` for a blank cell.
    pub values: S<Vec<S<Figure>>>,
    /// Optional: the row's total as printed; checked.
    pub total: Option<S<Figure>>,
    /// This row is the printed total of the other rows of its group; checked month by month.
    #[serde(default)]
    pub sums: bool,
}
