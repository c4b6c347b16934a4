//! `kind: improvement-plan`: aims and principles (narrative), objectives with their target
//! savings (checked against the stated total), the action plan, and the risk matrix block.

use crate::diagnostic::Diagnostic;
use crate::monitoring::check::Check;
use crate::monitoring::model::PlanReport;
use crate::monitoring::raw_plan::Plan;
use crate::rules::Ctx;
use crate::source::FileId;

/// The JSON Schema of the file.
pub fn schema() -> schemars::Schema {
    schemars::schema_for!(Plan)
}

/// Validates one improvement-plan file: its front matter, then its own keys.
pub(crate) fn validate(
    file: FileId,
    raw: Plan,
    diags: &mut Vec<Diagnostic>,
) -> (Option<PlanReport>, Option<crate::model::Report>) {
    let (front, rest) = raw.split();
    let mut cx = Ctx { file, diags };
    let mut front = super::Front::of(crate::validate::front_matter(&mut cx, &front));
    let mut ck = Check {
        cx: &mut cx,
        rounding: Vec::new(),
    };
    let paper = crate::monitoring::validate_plan::plan(&mut ck, &rest, front.buildable.take());
    let kept = front.unbuilt(&paper);
    (paper, kept)
}
