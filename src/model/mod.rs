//! The validated model: what the inputs mean once every rule has passed. Renderers and
//! calculations see only these types, never the raw YAML structs.

pub mod date;
pub mod financial_year;
pub mod initiative;
pub mod money;
pub mod narrative;
pub mod report;
pub mod table;

pub use date::Date;
pub use financial_year::FinancialYear;
pub use initiative::{
    BenefitRounding, BenefitRow, Benefits, BidForm, FinancialProfile, Initiative, InvestmentLine,
    Kpi, Places, Status,
};
pub use money::{Agreement, Money, NegativeStyle};
pub use report::{
    Approval, ChartData, Exemption, Person, PublishedTotals, Report, SectionKey, Sections, Units,
};

/// One paper of any kind in the workspace: what a build renders and a pack can list. Every
/// per-paper output (files, charts, the pack's parts) is keyed by this identity, never by a
/// file name, which two papers in different folders may share.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PaperId {
    /// A cabinet report (`kind: report`), by its index in `Workspace::reports`.
    Report(usize),
    /// `kind: monitoring`, by its index in `follow_ups.monitoring`.
    Monitoring(usize),
    /// `kind: scenario`, by its index in `follow_ups.scenarios`.
    Scenario(usize),
    /// `kind: improvement-plan`, by its index in `follow_ups.plans`.
    Plan(usize),
}
