//! Initiatives found by reference: a hash index from each reference's key
//! ([`reference_key`](super::reference_key)) to the initiative that has it, and the nearest
//! known reference to a misspelt one, found through an index of deletions. A report listing N
//! references is then checked in time linear in N, where a scan of every initiative per
//! reference made 10,000 of them take longer than building the report.

use super::{reference_key, MAX_SUGGESTED_CHARS};
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

/// Only references suggested for one misspelt by at most this many edits are near enough.
const MAX_EDITS: usize = 2;

/// At most this many references are named in a hint.
const LISTED: usize = 20;

/// The known references, in order, looked up by key.
#[derive(Debug, Default)]
pub struct References<'a> {
    names: Vec<&'a str>,
    /// Key → the position of the first reference with that key.
    by_key: HashMap<String, usize>,
    keys: Vec<String>,
    /// Every string made by deleting up to [`MAX_EDITS`] characters from a key → the positions
    /// of the keys it comes from. Two keys within [`MAX_EDITS`] edits of each other share one
    /// (a substitution is a deletion from each, an insertion a deletion from the other), so
    /// the near candidates of a key are found by its own deletions, not by comparing it with
    /// every key. Built on the first misspelt reference only: a clean check never pays for it.
    deletions: OnceLock<HashMap<String, Vec<usize>>>,
}

impl<'a> References<'a> {
    /// Indexes `names`, in order; where two share a key, the first is the one found.
    pub fn new(names: impl IntoIterator<Item = &'a str>) -> Self {
        let names: Vec<&'a str> = names.into_iter().collect();
        let keys: Vec<String> = names.iter().map(|n| reference_key(n)).collect();
        let mut by_key = HashMap::with_capacity(keys.len());
        for (i, k) in keys.iter().enumerate() {
            by_key.entry(k.clone()).or_insert(i);
        }
        References {
            names,
            by_key,
            keys,
            deletions: OnceLock::new(),
        }
    }

    /// The known references, in the order given.
    pub fn names(&self) -> &[&'a str] {
        &self.names
    }

    /// Whether no reference is known.
    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// The known references for a hint: all of them, or the first [`LISTED`] and how many
    /// more (a hint naming 10,000 references, once per reference missing, would be longer
    /// than the report).
    pub fn list(&self) -> String {
        let shown = self.names[..self.names.len().min(LISTED)].join(", ");
        match self.names.len().checked_sub(LISTED) {
            None | Some(0) => shown,
            Some(more) => format!("{shown} and {more} more"),
        }
    }

    /// The position of the reference spelt `reference` is (compared as references are).
    pub fn find(&self, reference: &str) -> Option<usize> {
        self.find_key(&reference_key(reference))
    }

    /// The position of the reference with key `key`.
    pub fn find_key(&self, key: &str) -> Option<usize> {
        self.by_key.get(key).copied()
    }

    /// The known reference nearest to a misspelt one, if near enough to suggest: the fewest
    /// edits, and of those the first given. The same answer as comparing it with every known
    /// reference ([`closest`](super::closest)), from a few candidates.
    pub fn closest(&self, wanted: &str) -> Option<&'a str> {
        let w = reference_key(wanted);
        self.candidates(&w)
            .into_iter()
            .filter_map(|i| {
                let d = strsim::levenshtein(&w, &self.keys[i]);
                (d <= MAX_EDITS).then_some((d, i))
            })
            .min()
            .map(|(_, i)| self.names[i])
    }

    /// The positions of the keys that share a deletion with `w`: every key within
    /// [`MAX_EDITS`] edits of it, and a few more, in order.
    fn candidates(&self, w: &str) -> Vec<usize> {
        if w.chars().count() > MAX_SUGGESTED_CHARS {
            return Vec::new();
        }
        let index = self.deletions.get_or_init(|| {
            let mut index: HashMap<String, Vec<usize>> = HashMap::new();
            for (i, k) in self.keys.iter().enumerate() {
                // Longer keys are more than MAX_EDITS from any reference that is suggested for.
                if k.chars().count() > MAX_SUGGESTED_CHARS + MAX_EDITS {
                    continue;
                }
                for d in deletions(k) {
                    let at = index.entry(d).or_default();
                    if at.last() != Some(&i) {
                        at.push(i);
                    }
                }
            }
            index
        });
        let mut found: Vec<usize> = deletions(w)
            .iter()
            .filter_map(|d| index.get(d))
            .flatten()
            .copied()
            .collect();
        found.sort_unstable();
        found.dedup();
        found
    }
}

/// Every distinct string made by deleting up to [`MAX_EDITS`] characters from `key`, itself
/// included.
fn deletions(key: &str) -> HashSet<String> {
    let mut out = HashSet::from([key.to_string()]);
    let mut frontier = vec![key.to_string()];
    for _ in 0..MAX_EDITS {
        let mut next = Vec::new();
        for s in &frontier {
            for (at, c) in s.char_indices() {
                let mut d = String::with_capacity(s.len());
                d.push_str(&s[..at]);
                d.push_str(&s[at + c.len_utf8()..]);
                if out.insert(d.clone()) {
                    next.push(d);
                }
            }
        }
        frontier = next;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_are_found_by_key_the_first_of_a_key_winning() {
        let refs = References::new(["CYPS 1A", "CYPS 2", "cyps-2", "ACS 10"]);
        assert_eq!(refs.find("cyps1a"), Some(0));
        assert_eq!(refs.find("CYPS_2"), Some(1), "the first with the key");
        assert_eq!(refs.find("acs 10"), Some(3));
        assert_eq!(refs.find("CYPS 3"), None);
        assert_eq!(refs.names(), ["CYPS 1A", "CYPS 2", "cyps-2", "ACS 10"]);
        assert_eq!(References::new([]).find("x"), None);
        assert!(References::new([]).is_empty());
        assert_eq!(refs.list(), "CYPS 1A, CYPS 2, cyps-2, ACS 10");
        let many: Vec<String> = (1..=25).map(|i| format!("R{i}")).collect();
        let refs = References::new(many.iter().map(String::as_str));
        assert_eq!(refs.list(), format!("{} and 5 more", many[..20].join(", ")));
        let twenty = References::new(many[..20].iter().map(String::as_str));
        assert_eq!(twenty.list(), many[..20].join(", "));
    }

    #[test]
    fn deletions_of_a_key_are_every_string_two_deletions_make() {
        let mut d: Vec<String> = deletions("abc").into_iter().collect();
        d.sort();
        assert_eq!(d, ["a", "ab", "abc", "ac", "b", "bc", "c"]);
        // Repeated letters give fewer distinct strings, and letters are characters, not bytes.
        assert_eq!(deletions("aaa").len(), 3);
        assert!(deletions("é1").contains("1"));
    }

    /// The index gives the same answer as comparing with every reference, on near and far
    /// misses, ties (the first given wins) and names too long to suggest.
    #[test]
    fn the_nearest_reference_is_the_one_a_comparison_with_every_one_finds() {
        let known = [
            "CYPS 1A",
            "CYPS 1B",
            "CYPS 2",
            "CYPS 10",
            "ACS 4",
            "Adult Care 12",
            "SYN 100",
            "SYN 1000",
            "SYN 10001",
            "É 1",
        ];
        let long = "x".repeat(70);
        let refs = References::new(known);
        for wanted in [
            "CYPS 1C",
            "CYPS 11",
            "CYPS1",
            "CYPS 3",
            "ACS 5",
            "ACS",
            "Adult Car 12",
            "SYN 10",
            "SYN 1001",
            "SYN 100001",
            "E 1",
            "é 12",
            "Nothing like it",
            "",
            &long,
        ] {
            assert_eq!(
                refs.closest(wanted),
                super::super::closest(wanted, &known),
                "{wanted}"
            );
        }
        assert_eq!(refs.closest("CYPS 1C"), Some("CYPS 1A"), "a tie: the first");
    }

    /// 20,000 references: each is found by its key, and a misspelt one is compared with the
    /// few references that share a deletion with it, not with all of them.
    #[test]
    fn twenty_thousand_references_are_looked_up_without_comparing_them_all() {
        let names: Vec<String> = (1..=20_000).map(|i| format!("SYN {i}")).collect();
        let refs = References::new(names.iter().map(String::as_str));
        for (i, n) in names.iter().enumerate() {
            assert_eq!(refs.find(n), Some(i));
        }
        let all: Vec<&str> = names.iter().map(String::as_str).collect();
        for wanted in [
            "SYN 12O45",
            "SYM 19999",
            "SYN 200001",
            "SYN",
            "Nothing like it",
        ] {
            assert_eq!(
                refs.closest(wanted),
                super::super::closest(wanted, &all),
                "{wanted}"
            );
            let near = refs.candidates(&reference_key(wanted));
            // In a run of numbers this dense every key within four edits shares a deletion
            // (1,566 for `SYN 12O45`); a scan would compare all 20,000.
            assert!(near.len() < 2_000, "{wanted}: {} candidates", near.len());
        }
        assert_eq!(refs.closest("SYM 19999"), Some("SYN 19999"));
        assert!(refs
            .candidates(&reference_key("Nothing like it"))
            .is_empty());
    }
}
