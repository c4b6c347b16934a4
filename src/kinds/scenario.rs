//! `kind: scenario`: budget against actual by year, scenarios of future cost against the
//! budget (best, middle, worst case), and itemised totals.

use crate::diagnostic::Diagnostic;
use crate::monitoring::model::ScenarioReport;
use crate::monitoring::raw_plan::Scenario;
use crate::source::FileId;

/// The JSON Schema of the file.
pub fn schema() -> schemars::Schema {
    schemars::schema_for!(Scenario)
}

/// Validates one scenario file: its front matter, then its own keys.
pub(crate) fn validate(
    file: FileId,
    raw: Scenario,
    diags: &mut Vec<Diagnostic>,
) -> (Option<ScenarioReport>, Option<crate::model::Report>) {
    let (front, rest) = raw.split();
    super::validate_paper(file, &front, diags, |ck, front| {
        crate::monitoring::validate_plan::scenario(ck, &rest, front)
    })
}
