//! The shared machinery of rules, for every stage that checks something (validate, blocks,
//! packs): a context that collects located diagnostics, the place of a YAML value, the names
//! of things made comparable and safe, suggestions for a misspelt name, and the figure rules
//! ([`figures`]: reading a figure, comparing a stated one with the computed one), and the
//! initiatives found by reference ([`references`]). Rules every kind of paper shares are
//! defined here once: [`scale`], [`stated`] figures, [`percent`]ages, [`calendar`] (years,
//! months and dates), a repeated row ([`duplicate`]).

pub mod calendar;
pub mod figures;
pub mod percent;
pub mod references;
pub mod scale;
pub mod stated;

use crate::diagnostic::{Code, Diagnostic};
use crate::source::FileId;
use serde_saphyr::{Location, Spanned};
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

/// The second of two equal rows (a duplicated line, a month twice), pointing at both (E0407):
/// a copy-and-paste slip that would be counted twice.
pub(crate) fn duplicate(cx: &mut Ctx, what: &str, second: Range<usize>, first: Range<usize>) {
    let file = cx.file;
    cx.diags.push(
        Diagnostic::error(Code::DuplicateLine, format!("{what} appears twice"))
            .at(file, second, "repeated here")
            .also(file, first, "first here")
            .hint("delete the repeated row, or correct its label if it is a different row"),
    );
}

/// Required text, trimmed: empty is an error naming `what`.
pub(crate) fn required(cx: &mut Ctx, v: &Spanned<String>, what: &str) -> String {
    let t = v.value.trim().to_string();
    if t.is_empty() {
        cx.error(
            Code::EmptyText,
            at(v),
            format!("{what} is empty"),
            "empty",
            "",
        );
    }
    t
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

/// References longer than this (as compared) are never suggested: no real one is, and the edit
/// distance takes time in the product of the two lengths.
const MAX_SUGGESTED_CHARS: usize = 64;

/// The known name nearest to a misspelt one (compared as references are, ignoring case and
/// punctuation), if it is near enough to suggest.
pub(crate) fn closest<'a>(wanted: &str, known: &[&'a str]) -> Option<&'a str> {
    let w = reference_key(wanted);
    let len = w.chars().count();
    if len > MAX_SUGGESTED_CHARS {
        return None;
    }
    known
        .iter()
        .map(|k| (reference_key(k), *k))
        // The distance is at least the difference in length.
        .filter(|(key, _)| key.chars().count().abs_diff(len) <= 2)
        .map(|(key, k)| (strsim::levenshtein(&w, &key), k))
        .filter(|(d, _)| *d <= 2)
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_is_suggested_within_two_edits_and_two_characters_of_length() {
        let known = ["CYPS 1A", "Family Time"];
        assert_eq!(closest("cyps-1", &known), Some("CYPS 1A"));
        // Two letters left out: two edits, two characters shorter.
        assert_eq!(closest("Famly Tim", &known), Some("Family Time"));
        assert_eq!(closest("Fxmily Tyme", &known), Some("Family Time"));
        // Three edits, or three characters shorter: nothing is near enough.
        assert_eq!(closest("Fxmily Tyxe", &known), None);
        assert_eq!(closest("Fmly Tim", &known), None);
    }

    #[test]
    fn only_references_up_to_64_characters_are_compared() {
        let long = "a".repeat(64);
        let known = [long.as_str()];
        assert_eq!(
            closest(&format!("{}b", "a".repeat(63)), &known),
            Some(long.as_str())
        );
        assert_eq!(closest(&"a".repeat(65), &known), None);
    }

    #[test]
    fn a_span_covers_the_value_it_locates() {
        let v: Spanned<String> = serde_saphyr::from_str("  figure").unwrap();
        assert_eq!(at(&v), 2..8);
    }
}
