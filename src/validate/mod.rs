//! Validate stage: raw YAML structs → the model. Every rule lives here and every problem is
//! collected, never just the first, each pointing at the file, line and column it concerns.

mod initiative;
mod report;
pub mod templates;

// The shared machinery of rules, where every stage that checks something finds it.
use crate::rules::references::References;
pub(crate) use crate::rules::Ctx;
pub use crate::rules::{at, reference_key, slug, span};

use crate::diagnostic::{Code, Diagnostic};
use crate::load::RawFile;
use crate::model::Workspace;
use crate::source::FileId;
use std::collections::{HashMap, HashSet};
use std::ops::Range;

/// What can be told of the files that could not be read into their structs (their own errors
/// are reported): the references they seem to have, and whether any of them may be a report
/// or an initiative, so that no rule calls something missing or unused because of them.
#[derive(Debug, Default, Clone)]
pub struct Unread {
    /// Reference keys ([`reference_key`]) from the `reference:` line of each such file.
    pub references: HashSet<String>,
    /// One of them may be an initiative whose reference could not be found in it.
    pub unknown_initiative: bool,
    /// One of them may be a report, listing initiatives no one can see.
    pub report: bool,
}

impl Unread {
    /// Tells, from its text alone, what an unread file may be.
    pub fn add(&mut self, text: &str) {
        let kind = crate::load::kind_word(text);
        let initiative = matches!(kind.as_deref(), None | Some("initiative"));
        self.report |= matches!(kind.as_deref(), None | Some("report"));
        match crate::load::top_level_value(text, "reference") {
            Some(r) if initiative => {
                self.references.insert(reference_key(&r));
            }
            _ => self.unknown_initiative |= initiative,
        }
    }

    /// Whether the initiative with this reference key may be in an unread file.
    pub fn may_hold(&self, key: &str) -> bool {
        self.unknown_initiative || self.references.contains(key)
    }
}

/// Validates the front matter of a report kind other than `report` (which has no initiatives).
/// `Ok` when it may be built; otherwise the front as far as it was read (its tables computed),
/// kept so the figures its text quotes are still checked.
pub(crate) fn front_matter(
    cx: &mut Ctx,
    raw: &crate::raw::Report,
) -> Result<crate::model::Report, Option<crate::model::Report>> {
    match report::validate(
        cx,
        raw,
        &[],
        &References::default(),
        &[],
        &HashSet::new(),
        &Unread::default(),
    ) {
        Some(v) if v.buildable => Ok(v.report),
        v => Err(v.map(|v| v.report)),
    }
}

/// Validates everything loaded. Returns the model (partial where files failed) and every
/// diagnostic found, in file order.
pub fn validate(files: Vec<RawFile>, diags: &mut Vec<Diagnostic>) -> Workspace {
    validate_with(files, diags, &Unread::default())
}

/// [`validate`], told what may be in the files that could not be read.
pub fn validate_with(
    files: Vec<RawFile>,
    diags: &mut Vec<Diagnostic>,
    unread: &Unread,
) -> Workspace {
    let mut ws = Workspace::default();
    // Initiatives that were read but failed their own checks: a report listing one is not
    // told the reference is unknown (its errors are reported already).
    let mut rejected: HashSet<String> = HashSet::new();
    let mut years_spans = Vec::new();
    let mut reference_spans = Vec::new();
    let mut seen: HashMap<String, (FileId, Range<usize>)> = HashMap::new();
    let mut reports = Vec::new();
    let mut follow_ups = Vec::new();
    for file in files {
        match file {
            RawFile::Initiative(id, raw) => {
                let mut cx = Ctx { file: id, diags };
                let key = reference_key(&raw.reference.value);
                let ref_span = at(&raw.reference);
                if let Some((first_file, first_span)) = seen.get(&key) {
                    cx.diags.push(
                        Diagnostic::error(
                            Code::DuplicateReference,
                            format!(
                                "the reference `{}` is used by two initiative files",
                                raw.reference.value.trim()
                            ),
                        )
                        .at(id, ref_span, "second use")
                        .also(*first_file, first_span.clone(), "first used here")
                        .hint("give each initiative its own reference, or delete the copy"),
                    );
                    continue;
                }
                if let Some((init, ys)) = initiative::validate(&mut cx, &raw) {
                    seen.insert(key, (id, ref_span.clone()));
                    ws.initiatives.push(init);
                    years_spans.push(ys);
                    reference_spans.push(ref_span);
                } else {
                    rejected.insert(key);
                }
            }
            RawFile::Report(id, raw) => reports.push((id, raw)),
            other => follow_ups.push(other),
        }
    }
    let (follow_ups, unbuilt) = crate::kinds::validate_all(follow_ups, &ws.initiatives, diags);
    ws.follow_ups = follow_ups;
    ws.unbuilt.extend(unbuilt);
    // Every reference a report lists, whether or not the report passes its own checks: an
    // initiative listed by a report with errors is not unused.
    // A misspelt reference counts for the initiative it is told it means (E0301 says so).
    let known = References::new(ws.initiatives.iter().map(|i| i.reference.as_str()));
    let listed: HashSet<String> = reports
        .iter()
        .flat_map(|(_, raw)| raw.initiatives.iter())
        .map(|r| {
            let key = reference_key(&r.value);
            match known.find_key(&key) {
                Some(_) => key,
                None => known.closest(&r.value).map_or(key, reference_key),
            }
        })
        .collect();
    let any_report = !reports.is_empty();
    let first_of_reports = diags.len();
    for (id, raw) in reports {
        let mut cx = Ctx { file: id, diags };
        if let Some(r) = report::validate(
            &mut cx,
            &raw,
            &ws.initiatives,
            &known,
            &years_spans,
            &rejected,
            unread,
        ) {
            if r.buildable {
                ws.reports.push(r.report);
            } else {
                ws.unbuilt.push(r.report);
            }
        }
    }
    // An initiative's figure that two reports print alike is told once, at the figure.
    let mut seen_figures = HashSet::new();
    let told: Vec<Diagnostic> = diags.drain(first_of_reports..).collect();
    for d in told {
        let key = d
            .primary
            .as_ref()
            .filter(|_| d.code == Code::MoreDecimalsThanPrinted)
            .map(|p| (p.file, p.span.clone(), d.message.clone()));
        if key.is_none_or(|k| seen_figures.insert(k)) {
            diags.push(d);
        }
    }
    // Only where every report could be read can an initiative be known to be in none.
    if any_report && !unread.report {
        for (init, span) in ws.initiatives.iter().zip(reference_spans) {
            if !listed.contains(&reference_key(&init.reference)) {
                diags.push(
                    Diagnostic::warning(
                        Code::UnusedInitiative,
                        format!(
                            "initiative `{}` is not listed by any report",
                            init.reference
                        ),
                    )
                    .at(init.file, span, "this initiative appears in no output")
                    .hint("add its reference under `initiatives:` in a report file"),
                );
            }
        }
    }
    ws
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_compare_loosely_and_slugs_are_safe() {
        assert_eq!(reference_key("CYPS 10"), reference_key("CYPS10"));
        assert_eq!(reference_key("CYPS_1A"), reference_key("cyps 1a"));
        assert_eq!(slug("CYPS 1A"), "cyps-1a");
        assert_eq!(slug("../../etc/passwd"), "etc-passwd");
        assert_eq!(slug("***"), "item");
        assert_eq!(slug(&"x".repeat(300)).len(), 60);
        assert_eq!(slug("CON"), "con-file");
        assert_eq!(slug("C:\\Windows\\..\\x"), "c-windows-x");
    }
}
