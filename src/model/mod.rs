//! The validated model: what the inputs mean once every rule has passed. Renderers and
//! calculations see only these types, never the raw YAML structs.

pub mod date;
pub mod financial_year;
pub mod initiative;
pub mod money;
pub mod report;

pub use date::Date;
pub use financial_year::FinancialYear;
pub use initiative::{BidForm, FinancialProfile, Initiative, InvestmentLine, Kpi, Status};
pub use money::{Money, NegativeStyle};
pub use report::{
    Approval, ChartData, Exemption, Person, PublishedTotals, Report, SectionKey, Sections, Units,
};

/// Everything read from one input folder: the reports and the initiatives they draw on.
#[derive(Debug, Default)]
pub struct Workspace {
    pub reports: Vec<Report>,
    pub initiatives: Vec<Initiative>,
    /// Monitoring, scenario and improvement-plan reports.
    pub follow_ups: crate::monitoring::FollowUps,
    /// Agenda packs (`kind: pack`).
    pub packs: Vec<crate::pack::Pack>,
}

impl Workspace {
    /// The initiatives a report covers, in the report's order.
    pub fn initiatives_of<'a>(
        &'a self,
        report: &'a Report,
    ) -> impl Iterator<Item = &'a Initiative> {
        report.initiatives.iter().map(|&i| &self.initiatives[i])
    }
}
