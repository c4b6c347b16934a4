//! The validated follow-up reports: monitoring, scenario and improvement-plan. Each carries its
//! front matter as a [`Report`] (validated by the report rules) and its own figures, exact.

use crate::model::{Date, FinancialYear, Money, Report};
use crate::source::FileId;
use rust_decimal::Decimal;

/// What a monitored line is, which decides its sign rule and which way is favourable.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    /// A cost: positive figures, lower is better.
    Investment,
    /// A saving: negative figures, more negative is better.
    Saving,
    /// Investment + saving: lower is better.
    Net,
    /// A count; `higher_is_better` says which way is favourable.
    Kpi { higher_is_better: bool },
}

impl LineKind {
    pub const NAMES: &'static [&'static str] = &["investment", "saving", "net", "kpi"];

    /// Whether a lower figure is the better outcome.
    pub fn lower_is_better(self) -> bool {
        !matches!(
            self,
            LineKind::Kpi {
                higher_is_better: true
            }
        )
    }

    pub fn is_money(self) -> bool {
        !matches!(self, LineKind::Kpi { .. })
    }
}

/// One row of an initiative's Target / Forecast / Variance table.
#[derive(Debug, Clone, PartialEq)]
pub struct VarianceLine {
    pub kind: LineKind,
    pub label: String,
    pub target: Money,
    pub forecast: Money,
    pub actual: Option<Money>,
    /// The figure for the year in the approved profile (the initiative file), if there is one.
    pub approved: Option<Money>,
}

pub use crate::blocks::rag::{Rag, Thresholds};

/// One initiative's monitoring.
#[derive(Debug, Clone)]
pub struct Monitored {
    pub reference: String,
    /// A file-name and anchor-safe form of the reference.
    pub slug: String,
    pub title: String,
    pub lines: Vec<VarianceLine>,
    pub stated_rag: Option<Rag>,
    pub narrative: Option<String>,
    /// Whether an initiative file supplied the approved profile for the year.
    pub has_profile: bool,
}

/// A Budget / Actual / Variance table.
#[derive(Debug, Clone)]
pub struct BudgetTable {
    pub caption: Option<String>,
    /// "Actual" or "Forecast".
    pub compare: &'static str,
    /// (label, budget, actual or forecast).
    pub lines: Vec<(String, Money, Money)>,
}

/// The section an itemised total is printed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Placement {
    Background,
    KeyIssues,
    Financial,
}

impl Placement {
    pub fn parse(s: &str) -> Option<Placement> {
        match s.trim() {
            "background" => Some(Placement::Background),
            "key_issues" => Some(Placement::KeyIssues),
            "financial" => Some(Placement::Financial),
            _ => None,
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Placement::Background => "background",
            Placement::KeyIssues => "key_issues",
            Placement::Financial => "financial",
        }
    }
}

/// A stated total and its items.
#[derive(Debug, Clone)]
pub struct Breakdown {
    pub title: String,
    pub placement: Placement,
    pub intro: Option<String>,
    /// What is counted, when the items are numbers rather than money.
    pub unit: Option<String>,
    pub stated_total: Option<Money>,
    /// The acknowledged part of the stated total that no item accounts for.
    pub unitemised: Money,
    /// (label, value, narrative).
    pub items: Vec<(String, Money, Option<String>)>,
}

pub use crate::blocks::proportions::Proportion;

/// The role of a monthly row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Group {
    Flow,
    Target,
    Actual,
    Other,
}

impl Group {
    pub const NAMES: &'static [&'static str] = &["flow", "target", "actual", "other"];

    pub fn parse(s: &str) -> Option<Group> {
        match s.trim() {
            "flow" => Some(Group::Flow),
            "target" => Some(Group::Target),
            "actual" => Some(Group::Actual),
            "other" => Some(Group::Other),
            _ => None,
        }
    }
}

/// A row of a monthly table.
#[derive(Debug, Clone)]
pub struct MonthlyRow {
    pub label: String,
    pub group: Group,
    pub values: Vec<Option<Decimal>>,
    /// This row is the printed total of its group (checked), not a part of it.
    pub sums: bool,
    /// The row's total as printed (checked).
    pub stated_total: Option<Decimal>,
}

/// A monthly table.
#[derive(Debug, Clone)]
pub struct MonthlyTable {
    pub title: String,
    pub intro: Option<String>,
    pub after: Option<String>,
    pub as_at: Option<Date>,
    pub months: Vec<String>,
    pub unit: String,
    pub start: Option<Decimal>,
    /// Index of the last month with actual figures.
    pub actuals_to: Option<usize>,
    pub rounded: bool,
    pub rows: Vec<MonthlyRow>,
    /// The numbers at the start and end of each month as printed (checked), shown beside the
    /// computed ones where they differ.
    pub stated_opening: Option<Vec<Option<Decimal>>>,
    pub stated_closing: Option<Vec<Option<Decimal>>>,
}

/// How monitoring targets relate to the approved profile of an initiative.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Basis {
    /// The profile's figure for the year; investment is positive and savings negative.
    #[default]
    Annual,
    /// The change in the year on the year before (a tapering investment is negative).
    Incremental,
}

/// A monitoring report.
#[derive(Debug, Clone)]
pub struct MonitoringReport {
    pub front: Report,
    pub year: FinancialYear,
    pub basis: Basis,
    pub as_at: Option<Date>,
    pub thresholds: Thresholds,
    pub initiatives: Vec<Monitored>,
    pub budget: Option<BudgetTable>,
    pub breakdowns: Vec<Breakdown>,
    pub proportions: Option<(Option<String>, Vec<Proportion>)>,
    pub monthly: Vec<MonthlyTable>,
    pub rounding: Vec<Rounded>,
}

/// A stated figure that differs from the computed one by rounding: disclosed in the report.
#[derive(Debug, Clone, PartialEq)]
pub struct Rounded {
    pub what: String,
    pub stated: Decimal,
    pub computed: Decimal,
    /// Money (formatted in house style) or a count (printed as it is).
    pub money: bool,
}

/// How a source signs its variances.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum VarianceSign {
    /// Actual − budget: an overspend is positive.
    #[default]
    ActualMinusBudget,
    /// Budget − actual: an overspend (a shortfall) is negative.
    BudgetMinusActual,
}

/// Budget against actual by year.
#[derive(Debug, Clone)]
pub struct History {
    pub caption: Option<String>,
    pub actual_label: String,
    pub variance_label: String,
    pub sign: VarianceSign,
    pub count_labels: Vec<String>,
    pub years: Vec<FinancialYear>,
    pub budget: Vec<Money>,
    pub actual: Vec<Money>,
    /// Per year, one value per count label.
    pub counts: Vec<Vec<Option<Decimal>>>,
}

/// One scenario: its cost by year.
#[derive(Debug, Clone)]
pub struct Case {
    pub name: String,
    pub actual: Vec<Money>,
    pub assumptions: Option<String>,
}

/// Scenarios of cost against budget.
#[derive(Debug, Clone)]
pub struct Scenarios {
    pub caption: Option<String>,
    pub years: Vec<FinancialYear>,
    pub budget: Vec<Money>,
    pub actual_label: String,
    pub variance_label: String,
    pub sign: VarianceSign,
    pub cases: Vec<Case>,
}

/// A budget scenario report.
#[derive(Debug, Clone)]
pub struct ScenarioReport {
    pub front: Report,
    pub history: Option<History>,
    pub scenarios: Option<Scenarios>,
    pub breakdowns: Vec<Breakdown>,
    pub rounding: Vec<Rounded>,
}

pub use crate::blocks::actions::{Objective, TargetRow};

/// A cost improvement plan.
#[derive(Debug, Clone)]
pub struct PlanReport {
    pub front: Report,
    pub saving_year: Option<FinancialYear>,
    pub aims: Vec<String>,
    pub principles: Vec<String>,
    pub objectives: Vec<Objective>,
    pub stated_total: Option<Money>,
    pub risks: Vec<crate::blocks::risk::RatedRisk>,
    pub rounding: Vec<Rounded>,
}

/// Every follow-up report of a workspace.
#[derive(Debug, Clone, Default)]
pub struct FollowUps {
    pub monitoring: Vec<MonitoringReport>,
    pub scenarios: Vec<ScenarioReport>,
    pub plans: Vec<PlanReport>,
}

impl FollowUps {
    pub fn len(&self) -> usize {
        self.monitoring.len() + self.scenarios.len() + self.plans.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The file each report came from, in build order.
    pub fn files(&self) -> Vec<FileId> {
        let m = self.monitoring.iter().map(|r| r.front.file);
        let s = self.scenarios.iter().map(|r| r.front.file);
        let p = self.plans.iter().map(|r| r.front.file);
        m.chain(s).chain(p).collect()
    }
}
