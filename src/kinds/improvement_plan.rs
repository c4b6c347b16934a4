//! `kind: improvement-plan`: aims and principles (narrative), objectives with their target
//! savings (checked against the stated total), the action plan, and the risk matrix block.

use crate::diagnostic::Diagnostic;
use crate::monitoring::model::PlanReport;
use crate::monitoring::raw_plan::Plan;
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
    super::validate_paper(file, &front, diags, |ck, front| {
        crate::monitoring::validate_plan::plan(ck, &rest, front)
    })
}
