//! A cabinet report: front matter, recommendations, body sections and the initiatives it covers.

use super::{Date, Money, NegativeStyle};
use crate::model::narrative::Narrative;
use crate::model::table::Table;
use crate::model::table::{Figures, Programme};
use crate::source::FileId;
use serde::Serialize;
use std::path::PathBuf;

/// The unit every figure of a report is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub enum Units {
    #[default]
    Millions,
    Thousands,
}

impl Units {
    pub fn parse(s: &str) -> Option<Units> {
        match s.trim().to_ascii_lowercase().as_str() {
            "£m" | "m" | "millions" => Some(Units::Millions),
            "£k" | "k" | "thousands" | "£000" | "£000s" => Some(Units::Thousands),
            _ => None,
        }
    }

    /// "£m" or "£k", for column headings.
    pub fn symbol(self) -> &'static str {
        match self {
            Units::Millions => "£m",
            Units::Thousands => "£k",
        }
    }

    /// "£ million" or "£ thousand", for captions read aloud.
    pub fn words(self) -> &'static str {
        match self {
            Units::Millions => "£ million",
            Units::Thousands => "£ thousand",
        }
    }

    pub fn default_decimals(self) -> u32 {
        match self {
            Units::Millions => 3,
            Units::Thousands => 0,
        }
    }
}

/// Where a chart's data table is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ChartData {
    /// Gathered in an appendix at the end; each chart says so.
    #[default]
    Appendix,
    /// Straight after its chart.
    Inline,
}

impl ChartData {
    pub fn parse(s: &str) -> Option<ChartData> {
        match s.trim() {
            "appendix" => Some(ChartData::Appendix),
            "inline" => Some(ChartData::Inline),
            _ => None,
        }
    }
}

/// Whether the report is exempt from the press and public (Schedule 12A, LGA 1972).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Exemption {
    #[default]
    No,
    Yes {
        paragraph: Option<u8>,
        reason: Option<String>,
    },
}

impl Exemption {
    /// Whether the paper is exempt: not for publication.
    pub fn is_exempt(&self) -> bool {
        matches!(self, Exemption::Yes { .. })
    }
}

/// A report's tables and their computed figures, with the programme of its initiatives that
/// they (and quoted figures) may read.
#[derive(Debug, Clone, Default)]
pub struct Tables {
    pub tables: Vec<Table>,
    pub figures: Figures,
    pub programme: Programme,
}

/// An officer named in the report.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Person {
    pub name: String,
    pub role: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
}

/// An approval obtained before publication.
#[derive(Debug, Clone, Serialize)]
pub struct Approval {
    pub role: String,
    pub name: String,
    pub date: Option<Date>,
}

/// Programme totals as printed in the source, per year, checked against the computed sums.
#[derive(Debug, Clone, Default)]
pub struct PublishedTotals {
    pub caption: Option<String>,
    pub investment: Option<Vec<Money>>,
    pub gross_saving: Option<Vec<Money>>,
    pub net: Option<Vec<Money>>,
}

/// The optional numbered body sections, in council order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SectionKey {
    Background,
    KeyIssues,
    Options,
    Consultation,
    Timetable,
    Financial,
    Legal,
    HumanResources,
    ChildrenYoungPeople,
    Equalities,
    Partners,
    Risks,
}

impl SectionKey {
    pub const ALL: [SectionKey; 12] = [
        SectionKey::Background,
        SectionKey::KeyIssues,
        SectionKey::Options,
        SectionKey::Consultation,
        SectionKey::Timetable,
        SectionKey::Financial,
        SectionKey::Legal,
        SectionKey::HumanResources,
        SectionKey::ChildrenYoungPeople,
        SectionKey::Equalities,
        SectionKey::Partners,
        SectionKey::Risks,
    ];

    /// The YAML key under `sections:` and in `omit:`.
    pub fn key(self) -> &'static str {
        match self {
            SectionKey::Background => "background",
            SectionKey::KeyIssues => "key_issues",
            SectionKey::Options => "options",
            SectionKey::Consultation => "consultation",
            SectionKey::Timetable => "timetable",
            SectionKey::Financial => "financial",
            SectionKey::Legal => "legal",
            SectionKey::HumanResources => "human_resources",
            SectionKey::ChildrenYoungPeople => "children_young_people",
            SectionKey::Equalities => "equalities",
            SectionKey::Partners => "partners",
            SectionKey::Risks => "risks",
        }
    }

    /// The heading councils use.
    pub fn title(self) -> &'static str {
        match self {
            SectionKey::Background => "Background",
            SectionKey::KeyIssues => "Key Issues",
            SectionKey::Options => "Options considered and recommended proposal",
            SectionKey::Consultation => "Consultation",
            SectionKey::Timetable => "Timetable and Accountability for Implementing this Decision",
            SectionKey::Financial => "Financial and Procurement Implications",
            SectionKey::Legal => "Legal Implications",
            SectionKey::HumanResources => "Human Resources Implications",
            SectionKey::ChildrenYoungPeople => {
                "Implications for Children and Young People and Vulnerable Adults"
            }
            SectionKey::Equalities => "Equalities and Human Rights Implications",
            SectionKey::Partners => "Implications for Partners and Other Directorates",
            SectionKey::Risks => "Risks and Mitigation",
        }
    }

    pub fn parse(s: &str) -> Option<SectionKey> {
        SectionKey::ALL.into_iter().find(|k| k.key() == s.trim())
    }

    /// Financial implications are always printed: the brief requires it.
    pub fn can_omit(self) -> bool {
        self != SectionKey::Financial
    }
}

/// Body section texts (narrative and blocks); `None` prints "None" unless the section is
/// omitted.
#[derive(Debug, Clone, Default)]
pub struct Sections {
    pub text: std::collections::BTreeMap<SectionKey, Narrative>,
    /// Key issues text printed after the per-initiative subsections.
    pub key_issues_after: Option<Narrative>,
    pub omit: Vec<SectionKey>,
}

/// A validated cabinet report.
#[derive(Debug, Clone)]
pub struct Report {
    /// File stem of the report file; output files are named after it.
    pub slug: String,
    /// The council the report is to, if the file names it.
    pub council: Option<String>,
    pub committee: String,
    pub meeting_date: Date,
    pub title: String,
    pub agenda_item: Option<String>,
    pub key_decision: bool,
    pub forward_plan: bool,
    pub strategic_director: Option<String>,
    pub authors: Vec<Person>,
    pub wards: Option<String>,
    pub summary: Narrative,
    pub recommendations_intro: String,
    pub recommendations: Vec<String>,
    /// Where each recommendation is written (for the place of a figure it quotes).
    pub recommendations_at: Vec<std::ops::Range<usize>>,
    pub reasons: Option<String>,
    pub appendices: Vec<String>,
    pub background_papers: Vec<String>,
    pub other_committees: Option<String>,
    pub council_approval: bool,
    pub exempt: Exemption,
    pub units: Units,
    pub decimals: u32,
    pub negatives: NegativeStyle,
    pub chart_data: ChartData,
    /// Indexes into `Workspace::initiatives`, in the report's order.
    pub initiatives: Vec<usize>,
    pub published_totals: Option<PublishedTotals>,
    pub sections: Sections,
    pub accountable_officers: Vec<Person>,
    pub approvals: Vec<Approval>,
    /// A template override folder named in the report file (resolved against its folder).
    pub templates: Option<PathBuf>,
    /// Fallback font files for the PDF (the report's `fonts:`, resolved against its folder,
    /// then any named on the command line), for characters the built-in faces lack.
    pub fonts: Vec<PathBuf>,
    /// Where each of the report's own `fonts:` entries is in its file (for diagnostics).
    pub font_spans: Vec<std::ops::Range<usize>>,
    /// Where `templates:` is written in the file.
    pub templates_at: std::ops::Range<usize>,
    /// The report's tables (the blocks its narrative places), validated and computed once.
    pub tables: std::sync::Arc<Tables>,
    pub file: FileId,
}
