//! The front matter every report kind shares (committee, date, summary, recommendations,
//! numbered sections, officers): one macro that adds the keys of a `kind: report` file to a
//! kind's raw struct, and splits a parsed file into a [`crate::raw::Report`] (validated by the
//! report rules, so every kind gets the same checks) and the kind's own part.

/// Declares `$name` (the YAML file: front matter + the listed keys, unknown keys refused) and
/// `$rest` (the listed keys alone), with `$name::split`.
macro_rules! with_front_matter {
    (
        $(#[$meta:meta])*
        pub struct $name:ident, $rest:ident {
            $( $(#[$fmeta:meta])* pub $field:ident : $ty:ty, )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, serde::Deserialize, schemars::JsonSchema)]
        #[serde(deny_unknown_fields)]
        pub struct $name {
            /// The kind of file (`monitoring`, `scenario` or `improvement-plan`).
            pub kind: S<String>,
            /// The council, e.g. `Rotherham Metropolitan Borough Council`: printed on the
            /// front page with the report's Public or Exempt marking, and in the PDF's metadata.
            pub council: Option<S<String>>,
            /// The committee, e.g. `Cabinet`.
            pub committee: S<String>,
            /// Date of the meeting, YYYY-MM-DD.
            pub meeting_date: S<String>,
            /// The report title.
            pub title: S<String>,
            /// Agenda item number, e.g. `7`.
            pub agenda_item: Option<S<String>>,
            /// Is this a key decision?
            #[serde(default)]
            pub key_decision: bool,
            /// Has it been included on the Forward Plan?
            #[serde(default)]
            pub forward_plan: bool,
            /// Strategic director approving submission of the report.
            pub strategic_director: Option<S<String>>,
            /// Report author(s) with contact details.
            #[serde(default)]
            pub authors: Vec<crate::raw::Person>,
            /// Ward(s) affected, e.g. `All wards`.
            pub wards: Option<S<String>>,
            /// The summary: Markdown, or a list of `text:` and `table:` items.
            pub summary: S<crate::blocks::narrative::RawNarrative>,
            /// Words before the recommendations (default `Cabinet is asked to:`).
            pub recommendations_intro: Option<String>,
            /// The recommendations; lettered a, b, c … by cabinet.
            pub recommendations: S<Vec<S<String>>>,
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
            /// `false`, or `{ paragraph: 3, reason: ... }` (Schedule 12A, LGA 1972).
            pub exempt: Option<S<crate::raw::Exempt>>,
            /// `£m` (default) or `£k`.
            pub units: Option<S<String>>,
            /// `brackets` (default) or `minus`.
            pub negatives: Option<S<String>>,
            /// Decimal places printed (default 3 for £m, 0 for £k).
            pub decimals: Option<S<u32>>,
            /// Where each chart's data table is printed: `appendix` (default: gathered at the
            /// end, each chart saying so) or `inline` (straight after its chart).
            pub chart_data: Option<S<String>>,
            /// The numbered body sections (Markdown); a missing one prints "None".
            #[serde(default)]
            pub sections: crate::raw::Sections,
            /// Optional sections to leave out instead of printing "None".
            #[serde(default)]
            pub omit: Vec<S<String>>,
            /// Accountable officer(s).
            #[serde(default)]
            pub accountable_officers: Vec<crate::raw::Person>,
            /// Approvals obtained (role, name, date).
            #[serde(default)]
            pub approvals: Vec<crate::raw::Approval>,
            /// A folder of templates replacing the built-in ones by name (relative to this file).
            pub templates: Option<S<String>>,
            /// Font files (TrueType, relative to this file) for characters the built-in Noto
            /// Sans lacks, tried in order. Embedded in the PDF.
            #[serde(default)]
            pub fonts: Vec<S<String>>,
            $( $(#[$fmeta])* pub $field: $ty, )*
        }

        /// The part of the file that is not front matter.
        #[derive(Debug)]
        pub struct $rest {
            $( pub $field: $ty, )*
        }

        impl $name {
            /// The front matter as a report file (with no initiatives), and the rest.
            pub fn split(self) -> (crate::raw::Report, $rest) {
                let front = crate::raw::Report {
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
}

pub(crate) use with_front_matter;
