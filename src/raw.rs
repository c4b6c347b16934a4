//! Raw input: serde structs that mirror the YAML files exactly, with source spans kept on every
//! value a later rule may need to point at. Nothing past `validate` sees these types, so the
//! choice of YAML library (serde-saphyr and its `Spanned`) stays inside `load` and here.

use schemars::JsonSchema;
use serde::Deserialize;

pub mod value;
pub use value::{Figure, S};

/// Read first from every file, to learn which schema applies before the strict parse.
#[derive(Debug, Deserialize)]
pub struct KindProbe {
    pub kind: Option<S<String>>,
}

/// One initiative (investment bid), as written in its YAML file.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Initiative {
    /// Always `initiative`.
    pub kind: S<String>,
    /// The reference as printed, e.g. `CYPS 2`; unique across initiative files.
    pub reference: S<String>,
    /// The title of the investment request.
    pub title: S<String>,
    /// Service area, e.g. Children's Social Care.
    pub service_area: Option<S<String>>,
    /// Directorate, e.g. Children and Young People's Services.
    pub directorate: Option<S<String>>,
    /// The responsible (advisory) cabinet member.
    pub cabinet_member: Option<S<String>>,
    /// The lead officer.
    pub lead_officer: Option<S<String>>,
    /// proposed | approved | in-delivery | completed | withdrawn (default proposed).
    pub status: Option<S<String>>,
    /// Markdown printed under the initiative in the report's Key Issues section; or a list of
    /// paragraphs (`text:`) with `show: profile` and `show: chart` placing the financial table
    /// and the chart between them (by default the table and chart come first).
    pub summary: Option<S<crate::blocks::narrative::RawNarrative>>,
    /// The unit of every figure in this file: `£m`, `£k` or `£`. A report in another unit
    /// converts them exactly (0.164 £m is 164 £k). Without it the figures are in the unit of
    /// each report that lists the initiative, as before.
    pub units: Option<S<String>>,
    /// The financial profile: years, investment lines, gross saving, and figures as stated.
    pub finance: S<Finance>,
    /// Key performance indicator rows, one value per year.
    #[serde(default)]
    pub kpis: Vec<S<Kpi>>,
    /// The Appendix 1 investment bid form narrative (Markdown).
    pub bid: Option<Bid>,
}

/// The five-year (or any length) financial profile of an initiative.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Finance {
    /// Consecutive financial years, e.g. [2016/17, 2017/18, 2018/19].
    pub years: S<Vec<S<String>>>,
    /// One or more investment lines (costs: positive figures).
    pub investment: S<Vec<S<InvestmentLine>>>,
    /// Savings / cost avoidance (negative figures).
    pub gross_saving: S<Row>,
    /// Optional: the net row as printed; checked against investment + gross saving.
    pub net: Option<S<Row>>,
    /// Optional: the payback as printed (`Year 2`, `2017/18` or `N/A`); checked.
    pub payback: Option<S<String>>,
    /// Optional: the current net budget the bid adds to (bid form); `~` where not stated.
    pub current_budget: Option<S<OptionalRow>>,
    /// Footnotes printed under the financial table.
    #[serde(default)]
    pub notes: Vec<S<String>>,
}

/// One investment line of the profile.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct InvestmentLine {
    /// Row label (default `Investment`).
    pub label: Option<S<String>>,
    /// One figure per year.
    pub values: S<Vec<S<Figure>>>,
    /// Optional: the Cumulative column as printed; checked against the sum.
    pub cumulative: Option<S<Figure>>,
    /// false to print the line but leave it out of every total (default true).
    pub in_totals: Option<S<bool>>,
}

/// A row of figures, one per year, with an optional stated total (the "Cumulative" column).
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Row {
    /// Row label (for `net`, the net row's label in the table and the chart).
    pub label: Option<S<String>>,
    /// One figure per year.
    pub values: S<Vec<S<Figure>>>,
    /// Optional: the Cumulative column as printed; checked against the sum.
    pub cumulative: Option<S<Figure>>,
}

/// A row where blank cells (`~`) are allowed, such as a budget the bid form does not state.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OptionalRow {
    /// Row label.
    pub label: Option<S<String>>,
    /// One figure per year; `~` where not stated.
    pub values: S<Vec<S<Figure>>>,
}

/// A key performance indicator row.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Kpi {
    /// The indicator, e.g. `LAC Reduction`.
    pub name: S<String>,
    /// Unit, e.g. `children`; `%` marks a percentage (never summed).
    pub unit: Option<S<String>>,
    /// One value per year; `~` for none.
    pub values: S<Vec<S<Figure>>>,
    /// Optional: the total as printed; checked.
    pub total: Option<S<Figure>>,
}

pub use crate::blocks::bid_form::Bid;

/// Declares a kind of paper's YAML file: the front matter every kind shares (committee, date,
/// summary, recommendations, numbered sections, officers, units, exempt …), listed here once,
/// and the kind's own keys; unknown keys are refused. `kind = "…"` documents the `kind:` key.
///
/// With `, $rest` after the name it also declares `$rest` (the kind's own keys alone) and
/// `$name::split`, which parts a file into its front matter as a [`Report`] with no
/// initiatives (validated by the same front-matter rules as every kind's) and the rest.
macro_rules! with_front_matter {
    (
        $(#[$meta:meta])*
        pub struct $name:ident, $rest:ident (kind = $kind:literal) {
            $( $(#[$fmeta:meta])* pub $field:ident : $ty:ty, )*
        }
    ) => {
        $crate::raw::with_front_matter! {
            $(#[$meta])*
            pub struct $name (kind = $kind) {
                $( $(#[$fmeta])* pub $field : $ty, )*
            }
        }

        /// The part of the file that is not front matter.
        #[derive(Debug)]
        pub struct $rest {
            $( pub $field: $ty, )*
        }

        impl $name {
            /// The front matter as a report file (with no initiatives), and the rest.
            pub fn split(self) -> ($crate::raw::Report, $rest) {
                let front = $crate::raw::Report {
                    kind: self.kind,
                    council: self.council,
                    committee: self.committee,
                    meeting_date: self.meeting_date,
                    title: self.title,
                    agenda_item: self.agenda_item,
                    key_decision: self.key_decision,
                    forward_plan: self.forward_plan,
                    strategic_director: self.strategic_director,
                    authors: self.authors,
                    wards: self.wards,
                    summary: self.summary,
                    recommendations_intro: self.recommendations_intro,
                    recommendations: self.recommendations,
                    reasons: self.reasons,
                    appendices: self.appendices,
                    background_papers: self.background_papers,
                    other_committees: self.other_committees,
                    council_approval: self.council_approval,
                    exempt: self.exempt,
                    units: self.units,
                    negatives: self.negatives,
                    decimals: self.decimals,
                    chart_data: self.chart_data,
                    initiatives: Vec::new(),
                    published_totals: None,
                    sections: self.sections,
                    omit: self.omit,
                    accountable_officers: self.accountable_officers,
                    approvals: self.approvals,
                    templates: self.templates,
                    fonts: self.fonts,
                };
                (front, $rest { $( $field: self.$field, )* })
            }
        }
    };
    (
        $(#[$meta:meta])*
        pub struct $name:ident (kind = $kind:literal) {
            $( $(#[$fmeta:meta])* pub $field:ident : $ty:ty, )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, serde::Deserialize, schemars::JsonSchema)]
        #[serde(deny_unknown_fields)]
        pub struct $name {
            #[doc = $kind]
            pub kind: $crate::raw::S<String>,
            /// The council, e.g. `Rotherham Metropolitan Borough Council`: printed on the front page
            /// with the report's Public or Exempt marking, and in the PDF's metadata.
            pub council: Option<$crate::raw::S<String>>,
            /// The committee, e.g. `Cabinet`.
            pub committee: $crate::raw::S<String>,
            /// Date of the meeting, YYYY-MM-DD.
            pub meeting_date: $crate::raw::S<String>,
            /// The report title.
            pub title: $crate::raw::S<String>,
            /// Agenda item number, e.g. `7`.
            pub agenda_item: Option<$crate::raw::S<String>>,
            /// Is this a key decision?
            #[serde(default)]
            pub key_decision: bool,
            /// Has it been included on the Forward Plan?
            #[serde(default)]
            pub forward_plan: bool,
            /// Strategic director approving submission of the report.
            pub strategic_director: Option<$crate::raw::S<String>>,
            /// Report author(s) with contact details.
            #[serde(default)]
            pub authors: Vec<$crate::raw::Person>,
            /// Ward(s) affected, e.g. `All wards`.
            pub wards: Option<$crate::raw::S<String>>,
            /// The summary: Markdown, or a list of `text:` and `table:` items.
            pub summary: $crate::raw::S<$crate::blocks::narrative::RawNarrative>,
            /// Words before the recommendations (default `Cabinet is asked to:`).
            pub recommendations_intro: Option<String>,
            /// The recommendations; lettered a, b, c … by cabinet.
            pub recommendations: $crate::raw::S<Vec<$crate::raw::S<String>>>,
            /// Reasons for the recommendations (Markdown).
            pub reasons: Option<String>,
            /// List of appendices included.
            #[serde(default)]
            pub appendices: Vec<String>,
            /// Background papers.
            #[serde(default)]
            pub background_papers: Vec<String>,
            /// Consideration by any other council committee, scrutiny or advisory panel.
            pub other_committees: Option<String>,
            /// Is council approval required?
            #[serde(default)]
            pub council_approval: bool,
            /// `false`, or `{ paragraph: 3, reason: ... }` under Schedule 12A of the Local Government Act 1972.
            pub exempt: Option<$crate::raw::S<$crate::raw::Exempt>>,
            /// `£m` (default) or `£k`.
            pub units: Option<$crate::raw::S<String>>,
            /// `brackets` (default) or `minus`.
            pub negatives: Option<$crate::raw::S<String>>,
            /// Decimal places printed (default 3 for £m, 0 for £k).
            pub decimals: Option<$crate::raw::S<u32>>,
            /// Where each chart's data table is printed: `appendix` (default: gathered at the end,
            /// each chart saying so) or `inline` (straight after its chart).
            pub chart_data: Option<$crate::raw::S<String>>,
            /// The numbered body sections (Markdown); a missing one prints "None".
            #[serde(default)]
            pub sections: $crate::raw::Sections,
            /// Optional sections to leave out instead of printing "None".
            #[serde(default)]
            pub omit: Vec<$crate::raw::S<String>>,
            /// Accountable officer(s).
            #[serde(default)]
            pub accountable_officers: Vec<$crate::raw::Person>,
            /// Approvals obtained (role, name, date).
            #[serde(default)]
            pub approvals: Vec<$crate::raw::Approval>,
            /// A folder of templates replacing the built-in ones by name (relative to this file).
            pub templates: Option<$crate::raw::S<String>>,
            /// Font files (TrueType, relative to this file) for characters the built-in Noto Sans
            /// lacks, tried in order: e.g. Noto Sans Arabic for Arabic names. Embedded in the PDF.
            #[serde(default)]
            pub fonts: Vec<$crate::raw::S<String>>,
            $( $(#[$fmeta])* pub $field: $ty, )*
        }
    };
}

pub(crate) use with_front_matter;

with_front_matter! {
    /// A cabinet report, as written in its YAML file.
    pub struct Report (kind = "Always `report`.") {
        /// References of the initiatives this report covers, in order.
        #[serde(default)]
        pub initiatives: Vec<S<String>>,
        /// Programme totals as printed in a source document; checked, rounding disclosed.
        pub published_totals: Option<S<PublishedTotals>>,
    }
}

/// `exempt: false` or `exempt: { paragraph: 3, reason: "..." }`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum Exempt {
    Flag(bool),
    Paragraph {
        paragraph: u8,
        reason: Option<String>,
    },
}

/// A named officer with optional contact details.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Person {
    /// Full name.
    pub name: String,
    /// Job title.
    pub role: Option<String>,
    /// Telephone.
    pub phone: Option<String>,
    /// E-mail address.
    pub email: Option<String>,
}

/// An approval obtained for the report.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Approval {
    /// The approving role.
    pub role: String,
    /// Who approved.
    pub name: String,
    /// When, YYYY-MM-DD.
    pub date: Option<S<String>>,
}

/// Programme totals as printed in the source document, to be checked against the sums.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PublishedTotals {
    /// The source table caption, e.g. `Table 2: ...`.
    pub caption: Option<String>,
    /// Investment per year as printed.
    pub investment: Option<S<Vec<S<Figure>>>>,
    /// Gross saving per year as printed.
    pub gross_saving: Option<S<Vec<S<Figure>>>>,
    /// Net per year as printed.
    pub net: Option<S<Vec<S<Figure>>>>,
}

/// The numbered body sections, as Markdown.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Sections {
    /// 2. Background.
    pub background: Option<S<crate::blocks::narrative::RawNarrative>>,
    /// 3. Key issues: printed before the per-initiative subsections.
    pub key_issues: Option<S<crate::blocks::narrative::RawNarrative>>,
    /// 3. Key issues: printed after the per-initiative subsections.
    pub key_issues_after: Option<S<crate::blocks::narrative::RawNarrative>>,
    /// 4. Options considered and recommended proposal.
    pub options: Option<S<crate::blocks::narrative::RawNarrative>>,
    /// 5. Consultation.
    pub consultation: Option<S<crate::blocks::narrative::RawNarrative>>,
    /// 6. Timetable and accountability for implementing this decision.
    pub timetable: Option<S<crate::blocks::narrative::RawNarrative>>,
    /// 7. Financial and procurement implications: printed after the computed programme tables.
    pub financial: Option<S<crate::blocks::narrative::RawNarrative>>,
    /// 8. Legal implications.
    pub legal: Option<S<crate::blocks::narrative::RawNarrative>>,
    /// 9. Human resources implications.
    pub human_resources: Option<S<crate::blocks::narrative::RawNarrative>>,
    /// 10. Implications for children and young people and vulnerable adults.
    pub children_young_people: Option<S<crate::blocks::narrative::RawNarrative>>,
    /// 11. Equalities and human rights implications.
    pub equalities: Option<S<crate::blocks::narrative::RawNarrative>>,
    /// 12. Implications for partners and other directorates.
    pub partners: Option<S<crate::blocks::narrative::RawNarrative>>,
    /// 13. Risks and mitigation.
    pub risks: Option<S<crate::blocks::narrative::RawNarrative>>,
}
