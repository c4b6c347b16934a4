//! `kind: monitoring`: one financial year's target against forecast for each initiative (with
//! its approved profile from the initiative's file), a budget table, itemised totals, key
//! proportions and monthly tables, each line rated by the RAG block.

use crate::diagnostic::Diagnostic;
use crate::model::Initiative;
use crate::monitoring::model::MonitoringReport;
use crate::monitoring::raw::Monitoring;
use crate::source::FileId;

/// The JSON Schema of the file.
pub fn schema() -> schemars::Schema {
    schemars::schema_for!(Monitoring)
}

/// Validates one monitoring file: its front matter, then its own keys.
pub(crate) fn validate(
    file: FileId,
    raw: Monitoring,
    initiatives: &[Initiative],
    diags: &mut Vec<Diagnostic>,
) -> (Option<MonitoringReport>, Option<crate::model::Report>) {
    let (front, rest) = raw.split();
    super::validate_paper(file, &front, diags, |ck, front| {
        crate::monitoring::validate::monitoring(ck, &rest, front, initiatives)
    })
}
