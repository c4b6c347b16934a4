//! Follow-up reports, after cabinet approves investment: `kind: monitoring` (target against
//! forecast per initiative, budget against actual, mitigations, monthly numbers),
//! `kind: scenario` (budget pressure by year, best / middle / worst cases) and
//! `kind: improvement-plan` (objectives, savings, actions, progress, risk matrix).
//!
//! Each kind follows the pipeline: [`raw`] / [`raw_plan`] (YAML, front matter shared through
//! `crate::raw::with_front_matter`) → validate (located diagnostics) → [`model`] → [`calc`] → [`view`] → [`render`]
//! (Markdown from `templates/<kind>.md.tera`, then HTML and PDF from that Markdown).

pub mod calc;
mod charts;
mod charts_plan;
mod check;
pub mod model;
pub mod raw;
pub mod raw_plan;
pub mod render;
mod validate;
mod validate_breakdown;
mod validate_budget;
mod validate_monthly;
mod validate_plan;
mod validate_stated;
pub mod view;
mod view_common;
mod view_monthly;
mod view_plan;

pub use model::FollowUps;

/// The kinds this module reads, as written after `kind:`.
pub const KINDS: [&str; 3] = ["monitoring", "scenario", "improvement-plan"];

/// The JSON Schema of a follow-up kind's file (generated from the raw structs, so it cannot
/// drift from the loader), or `None` for another kind.
pub fn schema(kind: &str) -> Option<String> {
    let (mut s, title) = match kind {
        "monitoring" => (
            schemars::schema_for!(raw::Monitoring),
            "cabinet monitoring report file",
        ),
        "scenario" => (
            schemars::schema_for!(raw_plan::Scenario),
            "cabinet scenario report file",
        ),
        "improvement-plan" => (
            schemars::schema_for!(raw_plan::Plan),
            "cabinet improvement plan file",
        ),
        _ => return None,
    };
    s.insert("title".into(), title.into());
    // Built from our own types: serialising cannot fail.
    Some(serde_json::to_string_pretty(&s).unwrap_or_default() + "\n")
}

use crate::diagnostic::Diagnostic;
use crate::load::RawFile;
use crate::model::Initiative;
use crate::validate::Ctx;
use check::Check;

/// Validates the follow-up files (any other file is ignored). Runs after the initiatives, so a
/// monitoring report can show the approved profile of the initiatives it monitors.
pub fn validate_all(
    files: Vec<RawFile>,
    initiatives: &[Initiative],
    diags: &mut Vec<Diagnostic>,
) -> FollowUps {
    let mut out = FollowUps::default();
    for file in files {
        match file {
            RawFile::Monitoring(id, raw) => {
                let (front, rest) = raw.split();
                let mut cx = Ctx { file: id, diags };
                let front = crate::validate::front_matter(&mut cx, &front);
                let mut ck = Check {
                    cx: &mut cx,
                    rounding: Vec::new(),
                };
                out.monitoring
                    .extend(validate::monitoring(&mut ck, &rest, front, initiatives));
            }
            RawFile::Scenario(id, raw) => {
                let (front, rest) = raw.split();
                let mut cx = Ctx { file: id, diags };
                let front = crate::validate::front_matter(&mut cx, &front);
                let mut ck = Check {
                    cx: &mut cx,
                    rounding: Vec::new(),
                };
                out.scenarios
                    .extend(validate_plan::scenario(&mut ck, &rest, front));
            }
            RawFile::ImprovementPlan(id, raw) => {
                let (front, rest) = raw.split();
                let mut cx = Ctx { file: id, diags };
                let front = crate::validate::front_matter(&mut cx, &front);
                let mut ck = Check {
                    cx: &mut cx,
                    rounding: Vec::new(),
                };
                out.plans.extend(validate_plan::plan(&mut ck, &rest, front));
            }
            _ => {}
        }
    }
    out
}
