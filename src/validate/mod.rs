//! Validate stage: raw YAML structs → the model. Every rule lives here and every problem is
//! collected, never just the first, each pointing at the file, line and column it concerns.

mod figures;
mod initiative;
mod report;
pub mod templates;

use crate::diagnostic::{Code, Diagnostic};
use crate::load::RawFile;
use crate::model::Workspace;
use crate::source::FileId;
use serde_saphyr::{Location, Spanned};
use std::collections::{HashMap, HashSet};
use std::ops::Range;

/// The byte range a location covers, for labels. Falls back to an empty range at 0.
pub fn span(loc: &Location) -> Range<usize> {
    let s = loc.span();
    match (s.byte_offset(), s.byte_len()) {
        (Some(o), Some(l)) => o as usize..(o + l) as usize,
        (Some(o), None) => o as usize..o as usize,
        _ => 0..0,
    }
}

/// The range of a spanned value.
pub fn at<T>(v: &Spanned<T>) -> Range<usize> {
    span(&v.referenced)
}

/// Collects diagnostics for one file.
pub(crate) struct Ctx<'a> {
    pub file: FileId,
    pub diags: &'a mut Vec<Diagnostic>,
}

impl Ctx<'_> {
    pub fn error(&mut self, code: Code, range: Range<usize>, msg: String, label: &str, hint: &str) {
        let mut d = Diagnostic::error(code, msg).at(self.file, range, label);
        if !hint.is_empty() {
            d = d.hint(hint);
        }
        self.diags.push(d);
    }

    pub fn warn(&mut self, code: Code, range: Range<usize>, msg: String, label: &str, hint: &str) {
        let mut d = Diagnostic::warning(code, msg).at(self.file, range, label);
        if !hint.is_empty() {
            d = d.hint(hint);
        }
        self.diags.push(d);
    }
}

/// A key under which two spellings of a reference compare equal: "CYPS 10", "cyps10", "CYPS_10".
pub fn reference_key(reference: &str) -> String {
    reference
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// A file-name and anchor-safe slug: lowercase ASCII letters, digits and single hyphens.
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let trimmed = out.trim_end_matches('-');
    let mut s: String = trimmed.chars().take(60).collect();
    s = s.trim_end_matches('-').to_string();
    if s.is_empty() {
        s.push_str("item");
    }
    // Names Windows reserves for devices cannot be files there, whatever the extension.
    const RESERVED: [&str; 22] = [
        "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8",
        "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
    ];
    if RESERVED.contains(&s.as_str()) {
        s.push_str("-file");
    }
    s
}

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
