//! An initiative (investment bid): its identity, five-year financial profile, KPIs and narrative.

use super::{FinancialYear, Money};
use crate::model::table::Unit;
use crate::source::FileId;
use rust_decimal::Decimal;
use serde::Serialize;
use std::borrow::Cow;
use std::ops::Range;

/// Where an initiative stands in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    Proposed,
    Approved,
    InDelivery,
    Completed,
    Withdrawn,
}

impl Status {
    pub const NAMES: &'static [&'static str] = &[
        "proposed",
        "approved",
        "in-delivery",
        "completed",
        "withdrawn",
    ];

    pub fn parse(s: &str) -> Option<Status> {
        Some(
            match s
                .trim()
                .to_ascii_lowercase()
                .replace(['_', ' '], "-")
                .as_str()
            {
                "proposed" => Status::Proposed,
                "approved" => Status::Approved,
                "in-delivery" => Status::InDelivery,
                "completed" => Status::Completed,
                "withdrawn" => Status::Withdrawn,
                _ => return None,
            },
        )
    }

    pub fn label(self) -> &'static str {
        match self {
            Status::Proposed => "Proposed",
            Status::Approved => "Approved",
            Status::InDelivery => "In delivery",
            Status::Completed => "Completed",
            Status::Withdrawn => "Withdrawn",
        }
    }
}

/// One investment line of a profile.
#[derive(Debug, Clone)]
pub struct InvestmentLine {
    pub label: String,
    pub values: Vec<Money>,
    /// False for lines shown for information but outside every total (CYPS 10's "**" line).
    pub in_totals: bool,
    /// The Cumulative figure as printed in the source, kept only to disclose differences.
    pub stated_cumulative: Option<Money>,
}

/// A five-year (or other length) financial profile. Figures are in the initiative's `units`
/// (or, where it states none, the unit of each report that lists it).
#[derive(Debug, Clone)]
pub struct FinancialProfile {
    pub years: Vec<FinancialYear>,
    pub investment: Vec<InvestmentLine>,
    pub gross_saving_label: String,
    pub gross_saving: Vec<Money>,
    pub stated_gross_cumulative: Option<Money>,
    pub stated_net: Option<Vec<Money>>,
    pub stated_net_cumulative: Option<Money>,
    pub stated_payback: Option<String>,
    pub current_budget: Option<(String, Vec<Option<Money>>)>,
    pub notes: Vec<String>,
    /// The label of the net row (`finance.net.label`), if the file gives one.
    pub net_label: Option<String>,
}

/// A key performance indicator row (e.g. "LAC Reduction", children, 0 15 27 30 30).
#[derive(Debug, Clone)]
pub struct Kpi {
    pub name: String,
    pub unit: String,
    pub values: Vec<Option<Decimal>>,
    pub stated_total: Option<Decimal>,
}

impl Kpi {
    /// Percentages and rates are never added up; counts are.
    pub fn is_summed(&self) -> bool {
        let u = self.unit.trim();
        !(u == "%" || u.eq_ignore_ascii_case("percent") || u.eq_ignore_ascii_case("percentage"))
    }
}

/// The Appendix 1 investment bid form: its answers (Markdown), the years its financial summary
/// shows, and its table of longer term benefits. Its figures have been checked against the
/// profile; what it prints is computed from the profile.
#[derive(Debug, Clone, Default)]
pub struct BidForm {
    pub why_needed: Option<String>,
    pub legal_framework: Option<String>,
    pub management_efforts: Option<String>,
    pub consequences: Option<String>,
    pub staffing: Option<String>,
    pub longer_term_benefits: Option<String>,
    pub outcomes_monitoring: Option<String>,
    /// The years the form's financial summary shows, where not the profile's.
    pub years: Option<Vec<FinancialYear>>,
    /// The form's label for its savings row (`Estimated Savings (Cumulative)`).
    pub savings_label: Option<String>,
    /// Section 6's table of benefits, as data.
    pub benefits: Option<Benefits>,
}

/// The table of longer term benefits of a bid form (section 6): savings by year, the people
/// it helps, a breakdown of the investment; money rows may be checked against the profile.
#[derive(Debug, Clone)]
pub struct Benefits {
    pub caption: Option<String>,
    pub years: Vec<FinancialYear>,
    /// The unit its money rows are written and printed in, where it states one; `None`: the
    /// initiative's unit, printed in the report's.
    pub unit: Option<Unit>,
    /// Decimal places its money rows print with, where it or its unit says; `None`: the
    /// report's.
    pub decimals: Option<u32>,
    pub rows: Vec<BenefitRow>,
    /// Figures within rounding of the profile figure they match, disclosed under the table.
    pub rounding: Vec<BenefitRounding>,
    /// The author's note under the table (Markdown).
    pub note: Option<String>,
}

/// A row of a benefits table.
#[derive(Debug, Clone)]
pub struct BenefitRow {
    pub label: String,
    /// `Some(unit)` for a count (`placements`), printed as entered; `None` for money.
    pub count: Option<String>,
    /// One per year of the table, `None` for a blank; a total row's are computed.
    pub values: Vec<Option<Decimal>>,
    /// The sum of the money rows above it (printed in bold).
    pub total: bool,
    /// Where each entered figure is written.
    pub at: Vec<Range<usize>>,
}

/// A figure of a benefits table that differs from the profile figure it matches by rounding.
#[derive(Debug, Clone, PartialEq)]
pub struct BenefitRounding {
    pub row: String,
    pub year: FinancialYear,
    /// The table's figure, in its unit.
    pub figure: Decimal,
    /// What the profile gives, in the table's unit.
    pub profile: Decimal,
}

impl FinancialProfile {
    /// The same profile with every figure moved from `from` to `to` (exact: the decimal point
    /// moves). `None` if a figure would not fit, which no figure that can be entered does.
    pub fn in_unit(&self, from: Unit, to: Unit) -> Option<FinancialProfile> {
        let m = |v: Money| to.convert(v.decimal(), from).map(Money::new);
        let row = |r: &[Money]| r.iter().map(|v| m(*v)).collect::<Option<Vec<Money>>>();
        let opt = |v: Option<Money>| v.map(m).map_or(Some(None), |x| x.map(Some));
        let mut investment = Vec::with_capacity(self.investment.len());
        for l in &self.investment {
            investment.push(InvestmentLine {
                label: l.label.clone(),
                values: row(&l.values)?,
                in_totals: l.in_totals,
                stated_cumulative: opt(l.stated_cumulative)?,
            });
        }
        let current_budget = match &self.current_budget {
            None => None,
            Some((label, values)) => Some((
                label.clone(),
                values
                    .iter()
                    .map(|v| opt(*v))
                    .collect::<Option<Vec<Option<Money>>>>()?,
            )),
        };
        Some(FinancialProfile {
            years: self.years.clone(),
            investment,
            gross_saving_label: self.gross_saving_label.clone(),
            gross_saving: row(&self.gross_saving)?,
            stated_gross_cumulative: opt(self.stated_gross_cumulative)?,
            stated_net: match &self.stated_net {
                None => None,
                Some(r) => Some(row(r)?),
            },
            stated_net_cumulative: opt(self.stated_net_cumulative)?,
            stated_payback: self.stated_payback.clone(),
            current_budget,
            notes: self.notes.clone(),
            net_label: self.net_label.clone(),
        })
    }
}

/// Where each entered figure of a profile is written in its file, for the rules about how a
/// report prints them (a figure with more places than the report prints).
#[derive(Debug, Clone, Default)]
pub struct Places {
    /// Per investment line, one per year.
    pub investment: Vec<Vec<Range<usize>>>,
    pub gross_saving: Vec<Range<usize>>,
    /// One per year, where the row is given.
    pub current_budget: Vec<Range<usize>>,
}

/// A validated initiative.
#[derive(Debug, Clone)]
pub struct Initiative {
    pub reference: String,
    /// A file-name-safe form of the reference (`cyps-2`), used for chart files and anchors.
    pub slug: String,
    pub title: String,
    pub service_area: Option<String>,
    pub directorate: Option<String>,
    pub cabinet_member: Option<String>,
    pub lead_officer: Option<String>,
    pub status: Status,
    /// The summary's text, all of it (Markdown).
    pub summary: Option<String>,
    /// The initiative's subsection in the order the author placed it: paragraphs, the
    /// financial table and the chart.
    pub layout: Vec<Part>,
    pub finance: FinancialProfile,
    pub kpis: Vec<Kpi>,
    /// The Appendix 1 bid form, where the file has one (`bid:`).
    pub bid: Option<BidForm>,
    pub file: FileId,
    /// Where `reference:` is written in the file (what names its chart files).
    pub reference_at: std::ops::Range<usize>,
    /// The unit its figures are written in (`units:`); `None` where the file states none,
    /// and its figures are in the unit of each report that lists it (as they always were).
    pub units: Option<Unit>,
    /// Where its entered figures are written.
    pub places: Places,
}

impl Initiative {
    /// Its profile in the unit `to` a report prints (the file's own figures where it states no
    /// unit, or states that one).
    pub fn finance_in(&self, to: Unit) -> Cow<'_, FinancialProfile> {
        match self.units {
            Some(from) if from != to => Cow::Owned(
                self.finance
                    .in_unit(from, to)
                    // Entered figures are below 10^15 with at most 6 places, and money units
                    // are at most 10^6 apart: every one fits a Decimal once moved.
                    .expect("every figure that can be entered converts between money units"),
            ),
            _ => Cow::Borrowed(&self.finance),
        }
    }

    /// One of its figures in the unit `to`.
    pub fn money_in(&self, m: Money, to: Unit) -> Money {
        match self.units {
            Some(from) => to.convert(m.decimal(), from).map_or(m, Money::new),
            None => m,
        }
    }

    /// The unit its figures are in, in a report printing in `report`.
    pub fn unit_in(&self, report: Unit) -> Unit {
        self.units.unwrap_or(report)
    }
}

/// One part of an initiative's subsection of a report, in the order printed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part {
    /// Markdown.
    Text(String),
    /// The financial table, with its rounding note, payback sentence, notes and KPIs.
    Profile,
    /// The initiative's charts.
    Chart,
}

impl Part {
    /// The order of a summary written as one Markdown text: table, chart, then the text.
    pub fn default_layout(text: Option<String>) -> Vec<Part> {
        let mut parts = vec![Part::Profile, Part::Chart];
        parts.extend(text.map(Part::Text));
        parts
    }
}
