//! An initiative (investment bid): its identity, five-year financial profile, KPIs and narrative.

use super::{FinancialYear, Money};
use crate::source::FileId;
use rust_decimal::Decimal;
use serde::Serialize;

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

/// A five-year (or other length) financial profile. Figures are in the report's unit.
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

/// The narrative sections of the Appendix 1 investment bid form, as Markdown.
#[derive(Debug, Clone, Default)]
pub struct BidForm {
    pub why_needed: Option<String>,
    pub legal_framework: Option<String>,
    pub management_efforts: Option<String>,
    pub consequences: Option<String>,
    pub staffing: Option<String>,
    pub longer_term_benefits: Option<String>,
    pub outcomes_monitoring: Option<String>,
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
    pub summary: Option<String>,
    pub finance: FinancialProfile,
    pub kpis: Vec<Kpi>,
    pub bid: BidForm,
    pub file: FileId,
    /// Where `reference:` is written in the file (what names its chart files).
    pub reference_at: std::ops::Range<usize>,
}
