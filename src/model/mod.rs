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

/// Everything read from one input folder: the reports and the initiatives they draw on.
#[derive(Debug, Default)]
pub struct Workspace {
    pub reports: Vec<Report>,
    pub initiatives: Vec<Initiative>,
    /// Monitoring, scenario and improvement-plan reports.
    pub follow_ups: crate::monitoring::FollowUps,
    /// Agenda packs (`kind: pack`).
    pub packs: Vec<crate::pack::Pack>,
    /// Cabinet reports that failed their checks but whose tables were computed: never built
    /// or listed as papers, kept so that the figures their text quotes are still checked in
    /// the same run (a slip in one table must not hide a slip in a sentence).
    pub unbuilt: Vec<Report>,
}

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

impl Workspace {
    /// Every paper, in build order: cabinet reports, then monitoring, scenario and
    /// improvement-plan reports, each in file order.
    pub fn papers(&self) -> impl Iterator<Item = PaperId> + '_ {
        let f = &self.follow_ups;
        (0..self.reports.len())
            .map(PaperId::Report)
            .chain((0..f.monitoring.len()).map(PaperId::Monitoring))
            .chain((0..f.scenarios.len()).map(PaperId::Scenario))
            .chain((0..f.plans.len()).map(PaperId::Plan))
    }

    /// The front matter of a paper (title, meeting, exemption, house style, its file),
    /// which every kind shares.
    pub fn front(&self, id: PaperId) -> &Report {
        let f = &self.follow_ups;
        match id {
            PaperId::Report(i) => &self.reports[i],
            PaperId::Monitoring(i) => &f.monitoring[i].front,
            PaperId::Scenario(i) => &f.scenarios[i].front,
            PaperId::Plan(i) => &f.plans[i].front,
        }
    }

    /// The initiatives a report covers, in the report's order.
    pub fn initiatives_of<'a>(
        &'a self,
        report: &'a Report,
    ) -> impl Iterator<Item = &'a Initiative> {
        report.initiatives.iter().map(|&i| &self.initiatives[i])
    }
}
