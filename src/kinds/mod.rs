//! Kinds of paper as presets: which sections and blocks a monitoring report, a scenario paper
//! or an improvement plan holds, read from the keys its file has always had (the file format
//! does not change). Each kind is one small module: its YAML file is split into the front
//! matter every kind shares (validated by the same rules as a cabinet report's) and its own
//! keys, which its blocks validate.
//!
//! The kinds' own tables still live in `crate::monitoring` while they move into blocks (see
//! docs/design/follow-up-kinds.md); the RAG status and the risk matrix already are blocks.

pub mod improvement_plan;
pub mod monitoring;
pub mod scenario;

use crate::diagnostic::Diagnostic;
use crate::load::RawFile;
use crate::model::{Initiative, Report};
use crate::monitoring::FollowUps;

/// The follow-up kinds, as written after `kind:`.
pub const FOLLOW_UP: [&str; 3] = ["monitoring", "scenario", "improvement-plan"];

/// The JSON Schema of a follow-up kind's file (generated from the raw structs, so it cannot
/// drift from the loader), or `None` for another kind.
pub fn schema(kind: &str) -> Option<String> {
    let (mut s, title) = match kind {
        "monitoring" => (monitoring::schema(), "cabinet monitoring report file"),
        "scenario" => (scenario::schema(), "cabinet scenario report file"),
        "improvement-plan" => (improvement_plan::schema(), "cabinet improvement plan file"),
        _ => return None,
    };
    s.insert("title".into(), title.into());
    // Built from our own types: serialising cannot fail.
    Some(serde_json::to_string_pretty(&s).unwrap_or_default() + "\n")
}

/// Validates the follow-up files (any other file is ignored). Runs after the initiatives, so a
/// monitoring report can show the approved profile of the initiatives it monitors. Also
/// returns the front matter of each paper that failed its checks (see [`Front`]).
pub fn validate_all(
    files: Vec<RawFile>,
    initiatives: &[Initiative],
    diags: &mut Vec<Diagnostic>,
) -> (FollowUps, Vec<Report>) {
    let mut out = FollowUps::default();
    let mut unbuilt = Vec::new();
    for file in files {
        match file {
            RawFile::Monitoring(id, raw) => {
                let (paper, kept) = monitoring::validate(id, *raw, initiatives, diags);
                out.monitoring.extend(paper);
                unbuilt.extend(kept);
            }
            RawFile::Scenario(id, raw) => {
                let (paper, kept) = scenario::validate(id, *raw, diags);
                out.scenarios.extend(paper);
                unbuilt.extend(kept);
            }
            RawFile::ImprovementPlan(id, raw) => {
                let (paper, kept) = improvement_plan::validate(id, *raw, diags);
                out.plans.extend(paper);
                unbuilt.extend(kept);
            }
            _ => {}
        }
    }
    (out, unbuilt)
}

/// Validates one follow-up file the way every kind does: its front matter by the cabinet
/// report's rules, then its own keys by `own` (given the front matter when that may be built);
/// returns the paper, or the front matter kept for the quote check when the paper failed.
pub(crate) fn validate_paper<T>(
    file: crate::source::FileId,
    front: &crate::raw::Report,
    diags: &mut Vec<Diagnostic>,
    own: impl FnOnce(&mut crate::monitoring::check::Check, Option<Report>) -> Option<T>,
) -> (Option<T>, Option<Report>) {
    let mut cx = crate::rules::Ctx { file, diags };
    let mut front = Front::of(crate::validate::front_matter(&mut cx, front));
    let mut ck = crate::monitoring::check::Check {
        cx: &mut cx,
        rounding: Vec::new(),
    };
    let paper = own(&mut ck, front.buildable.take());
    let kept = front.unbuilt(&paper);
    (paper, kept)
}

/// A follow-up's front matter as validated: `buildable` is what the kind's own validation
/// builds on; `kept` is a copy kept in case the paper fails, so that the figures its text
/// quotes are still checked in the same run (an error in its own tables must not hide a slip
/// in a sentence).
pub(crate) struct Front {
    pub buildable: Option<Report>,
    kept: Option<Report>,
}

impl Front {
    pub(crate) fn of(v: Result<Report, Option<Report>>) -> Front {
        match v {
            Ok(r) => Front {
                kept: Some(r.clone()),
                buildable: Some(r),
            },
            Err(kept) => Front {
                buildable: None,
                kept,
            },
        }
    }

    /// What to keep for the quote check once the kind's validation has made `paper` (or not).
    pub(crate) fn unbuilt<T>(self, paper: &Option<T>) -> Option<Report> {
        self.kept.filter(|_| paper.is_none())
    }
}
