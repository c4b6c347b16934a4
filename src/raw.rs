//! Raw input: serde structs that mirror the YAML files exactly, with source spans kept on every
//! value a later rule may need to point at. Nothing past `validate` sees these types, so the
//! choice of YAML library (serde-saphyr and its `Spanned`) stays inside `load` and here.

use serde::Deserialize;
use serde_saphyr::Spanned;

/// A value with the place in the YAML it came from.
pub type S<T> = Spanned<T>;

/// Read first from every file, to learn which schema applies before the strict parse.
#[derive(Debug, Deserialize)]
pub struct KindProbe {
    pub kind: Option<S<String>>,
}

/// One initiative (investment bid), as written in its YAML file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Initiative {
    pub kind: S<String>,
    pub reference: S<String>,
    pub title: S<String>,
    pub service_area: Option<S<String>>,
    pub directorate: Option<S<String>>,
    pub cabinet_member: Option<S<String>>,
    pub lead_officer: Option<S<String>>,
    pub status: Option<S<String>>,
    pub summary: Option<S<String>>,
    pub finance: S<Finance>,
    #[serde(default)]
    pub kpis: Vec<S<Kpi>>,
    pub bid: Option<Bid>,
}

/// The five-year (or any length) financial profile of an initiative.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Finance {
    pub years: S<Vec<S<String>>>,
    pub investment: S<Vec<S<InvestmentLine>>>,
    pub gross_saving: S<Row>,
    pub net: Option<S<Row>>,
    pub payback: Option<S<String>>,
    pub current_budget: Option<S<OptionalRow>>,
    #[serde(default)]
    pub notes: Vec<S<String>>,
}

/// One investment line of the profile.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InvestmentLine {
    pub label: Option<S<String>>,
    pub values: S<Vec<S<Option<String>>>>,
    pub cumulative: Option<S<String>>,
    pub in_totals: Option<S<bool>>,
}

/// A row of figures, one per year, with an optional stated total (the "Cumulative" column).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Row {
    pub label: Option<S<String>>,
    pub values: S<Vec<S<Option<String>>>>,
    pub cumulative: Option<S<String>>,
}

/// A row where blank cells (`~`) are allowed, such as a budget the bid form does not state.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OptionalRow {
    pub label: Option<S<String>>,
    pub values: S<Vec<S<Option<String>>>>,
}

/// A key performance indicator row.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Kpi {
    pub name: S<String>,
    pub unit: Option<S<String>>,
    pub values: S<Vec<S<Option<String>>>>,
    pub total: Option<S<String>>,
}

/// The narrative sections of the Appendix 1 investment bid form.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Bid {
    pub why_needed: Option<String>,
    pub legal_framework: Option<String>,
    pub management_efforts: Option<String>,
    pub consequences: Option<String>,
    pub staffing: Option<String>,
    pub longer_term_benefits: Option<String>,
    pub outcomes_monitoring: Option<String>,
}

/// A cabinet report, as written in its YAML file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Report {
    pub kind: S<String>,
    pub committee: S<String>,
    pub meeting_date: S<String>,
    pub title: S<String>,
    pub agenda_item: Option<S<String>>,
    #[serde(default)]
    pub key_decision: bool,
    #[serde(default)]
    pub forward_plan: bool,
    pub strategic_director: Option<S<String>>,
    #[serde(default)]
    pub authors: Vec<Person>,
    pub wards: Option<S<String>>,
    pub summary: S<String>,
    pub recommendations_intro: Option<String>,
    pub recommendations: S<Vec<S<String>>>,
    pub reasons: Option<String>,
    #[serde(default)]
    pub appendices: Vec<String>,
    #[serde(default)]
    pub background_papers: Vec<String>,
    pub other_committees: Option<String>,
    #[serde(default)]
    pub council_approval: bool,
    pub exempt: Option<S<Exempt>>,
    pub units: Option<S<String>>,
    pub negatives: Option<S<String>>,
    pub decimals: Option<S<u32>>,
    #[serde(default)]
    pub initiatives: Vec<S<String>>,
    pub published_totals: Option<S<PublishedTotals>>,
    #[serde(default)]
    pub sections: Sections,
    #[serde(default)]
    pub omit: Vec<S<String>>,
    #[serde(default)]
    pub accountable_officers: Vec<Person>,
    #[serde(default)]
    pub approvals: Vec<Approval>,
    pub templates: Option<S<String>>,
}

/// `exempt: false` or `exempt: { paragraph: 3, reason: "..." }`.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum Exempt {
    Flag(bool),
    Paragraph {
        paragraph: u8,
        reason: Option<String>,
    },
}

/// A named officer with optional contact details.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Person {
    pub name: String,
    pub role: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
}

/// An approval obtained for the report.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Approval {
    pub role: String,
    pub name: String,
    pub date: Option<S<String>>,
}

/// Programme totals as printed in the source document, to be checked against the sums.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PublishedTotals {
    pub caption: Option<String>,
    pub investment: Option<S<Vec<S<Option<String>>>>>,
    pub gross_saving: Option<S<Vec<S<Option<String>>>>>,
    pub net: Option<S<Vec<S<Option<String>>>>>,
}

/// The numbered body sections, as Markdown.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sections {
    pub background: Option<String>,
    pub key_issues: Option<String>,
    pub key_issues_after: Option<String>,
    pub options: Option<String>,
    pub consultation: Option<String>,
    pub timetable: Option<String>,
    pub financial: Option<String>,
    pub legal: Option<String>,
    pub human_resources: Option<String>,
    pub children_young_people: Option<String>,
    pub equalities: Option<String>,
    pub partners: Option<String>,
    pub risks: Option<String>,
}
