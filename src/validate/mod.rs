//! Validate stage: raw YAML structs → the model. Every rule lives here and every problem is
//! collected, never just the first, each pointing at the file, line and column it concerns.

mod initiative;
mod report;
pub mod templates;

// The shared machinery of rules, where every stage that checks something finds it.
pub use crate::rules::{at, reference_key, slug, span};
pub(crate) use crate::rules::{closest, Ctx};

use crate::diagnostic::{Code, Diagnostic};
use crate::load::RawFile;
use crate::model::Workspace;
use crate::source::FileId;
use std::collections::{HashMap, HashSet};
use std::ops::Range;

/// Validates the front matter of a report kind other than `report` (which has no initiatives).
pub(crate) fn front_matter(
    cx: &mut Ctx,
    raw: &crate::raw::Report,
    unreadable: usize,
) -> Option<crate::model::Report> {
    report::validate(cx, raw, &[], &[], &HashSet::new(), unreadable)
}

/// Validates everything loaded. Returns the model (partial where files failed) and every
/// diagnostic found, in file order.
pub fn validate(files: Vec<RawFile>, diags: &mut Vec<Diagnostic>) -> Workspace {
    // Errors already here are files the load stage could not read.
    let unreadable = diags.iter().filter(|d| d.is_error()).count();
    let mut ws = Workspace::default();
    // Initiatives that were read but failed their own checks: a report listing one is not
    // told the reference is unknown (its errors are reported already).
    let mut rejected: HashSet<String> = HashSet::new();
    let mut years_spans = Vec::new();
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
                    seen.insert(key, (id, ref_span));
                    ws.initiatives.push(init);
                    years_spans.push(ys);
                } else {
                    rejected.insert(key);
                }
            }
            RawFile::Report(id, raw) => reports.push((id, raw)),
            other => follow_ups.push(other),
        }
    }
    ws.follow_ups = crate::monitoring::validate_all(follow_ups, &ws.initiatives, diags, unreadable);
    let mut used = vec![false; ws.initiatives.len()];
    for (id, raw) in reports {
        let mut cx = Ctx { file: id, diags };
        if let Some(r) = report::validate(
            &mut cx,
            &raw,
            &ws.initiatives,
            &years_spans,
            &rejected,
            unreadable,
        ) {
            for &i in &r.initiatives {
                used[i] = true;
            }
            ws.reports.push(r);
        }
    }
    if !ws.reports.is_empty() {
        for (i, init) in ws.initiatives.iter().enumerate() {
            if !used[i] {
                diags.push(
                    Diagnostic::warning(
                        Code::UnusedInitiative,
                        format!(
                            "initiative `{}` is not listed by any report",
                            init.reference
                        ),
                    )
                    .at(init.file, 0..0, "this initiative appears in no output")
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
