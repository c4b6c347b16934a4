//! Everything read from one input folder: the cabinet reports and initiatives (the model),
//! the follow-up papers (presets of the kinds), the agenda packs, and the papers kept only so
//! their quoted figures are checked. It sits above `kinds` and `pack`, which it holds, so that
//! the model below depends on nothing above it.

use crate::model::{Initiative, PaperId, Report};

/// Everything read from one input folder: the reports and the initiatives they draw on.
#[derive(Debug, Default)]
pub struct Workspace {
    pub reports: Vec<Report>,
    pub initiatives: Vec<Initiative>,
    /// Monitoring, scenario and improvement-plan reports.
    pub follow_ups: crate::monitoring::FollowUps,
    /// Agenda packs (`kind: pack`).
    pub packs: Vec<crate::pack::Pack>,
    /// The front matter of papers (of any kind) that failed their checks but whose tables were
    /// computed: never built or listed as papers, kept so that the figures their text quotes
    /// are still checked in the same run (a slip in one table must not hide one in a sentence).
    pub unbuilt: Vec<Report>,
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
