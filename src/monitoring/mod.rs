//! The follow-up kinds' own tables, while they move into blocks: `kind: monitoring` (target
//! against forecast per initiative, budget against actual, mitigations, monthly numbers),
//! `kind: scenario` (budget pressure by year, best / middle / worst cases) and
//! `kind: improvement-plan` (objectives, savings, actions, progress).
//!
//! Each kind is read by its preset in `crate::kinds` (front matter shared through
//! `crate::raw::with_front_matter`, RAG, risk matrix, proportions and action plan as blocks, scale, stated-figure and
//! calendar rules in `crate::rules`); what is left here is [`raw`] / [`raw_plan`] → validate →
//! [`model`] → [`calc`] → [`view`] → [`render`] (Markdown from `templates/<kind>.md.tera`, then
//! HTML and PDF from that Markdown) for the tables that are not yet table blocks.

pub mod calc;
mod charts;
mod charts_plan;
pub(crate) mod check;
pub mod model;
pub mod raw;
pub mod raw_plan;
pub mod render;
pub(crate) mod validate;
mod validate_breakdown;
mod validate_budget;
mod validate_monthly;
pub(crate) mod validate_plan;
pub mod view;
mod view_common;
mod view_monthly;
mod view_plan;

pub use model::FollowUps;

// Where the follow-up kinds were read before they became presets (`crate::kinds`); kept so
// that callers of `monitoring::schema` keep working.
pub use crate::kinds::schema;
