//! The `kind: pack` file as written: an agenda pack for one committee meeting. Mirrors the
//! YAML exactly (unknown keys refused), with spans kept on every value a rule points at.

use crate::raw::{Person, S};
use schemars::JsonSchema;
use serde::Deserialize;

/// An agenda pack: the front sheet details and the agenda items in order.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Pack {
    /// Always `pack`.
    pub kind: S<String>,
    /// The council, e.g. "Rotherham Metropolitan Borough Council".
    pub authority: S<String>,
    /// The committee meeting, e.g. "Cabinet and Commissioners' Decision Making Meeting".
    pub committee: S<String>,
    /// Meeting date, `YYYY-MM-DD`.
    pub meeting_date: S<String>,
    /// Start time as it should be printed, e.g. "10.00 a.m.".
    pub time: Option<S<String>>,
    /// Where the meeting is held.
    pub venue: Option<S<String>>,
    /// Who sits on the committee.
    #[serde(default)]
    pub membership: Membership,
    /// The officer to contact about the agenda.
    pub contact_officer: Option<Person>,
    /// Notices printed on the front sheet (Markdown).
    #[serde(default)]
    pub notices: Notices,
    /// The agenda items, in the order they are taken.
    pub items: S<Vec<Item>>,
}

/// The committee's membership.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Membership {
    /// The chair.
    pub chair: Option<String>,
    /// The vice-chair.
    pub vice_chair: Option<String>,
    /// The other members.
    #[serde(default)]
    pub members: Vec<String>,
}

/// Public notices on the front sheet (Markdown each).
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Notices {
    /// Filming and recording of the meeting.
    pub filming: Option<String>,
    /// Fire and emergency evacuation procedure.
    pub fire: Option<String>,
    /// How members of the public may ask a question.
    pub questions: Option<String>,
}

/// One agenda item.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Item {
    /// The item number as the council prints it: `1`, `7a`, `77/21`.
    pub number: S<ItemNumber>,
    /// The item's title.
    pub title: S<String>,
    /// The `kind: report` file that is this item's paper, relative to the pack file.
    pub report: Option<S<String>>,
    /// For an item with no paper (Apologies, Declarations of interest): what happens (Markdown).
    pub text: Option<String>,
    /// Exempt from the press and public under Schedule 12A of the Local Government Act 1972.
    pub exempt: Option<S<ItemExempt>>,
    /// A late or revised item: published in a supplementary pack, "to follow" in the agenda.
    #[serde(default)]
    pub supplementary: bool,
}

/// An item number: written as text or as a plain number.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum ItemNumber {
    Number(u64),
    Text(String),
}

impl ItemNumber {
    pub fn text(&self) -> String {
        match self {
            ItemNumber::Number(n) => n.to_string(),
            ItemNumber::Text(t) => t.trim().to_string(),
        }
    }
}

/// `exempt: { paragraph: 3 }`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ItemExempt {
    /// The paragraph of Part 1 of Schedule 12A (1 to 7).
    pub paragraph: u8,
}
