//! "Did you mean …?": the nearest of the names allowed at a place to a name that is not, by
//! edit distance, for keys a file misspells.

/// The candidate nearest to `word`, if it is near enough to be what was meant and no other
/// candidate is as near. Case, spaces and hyphens are not counted as differences
/// (`Gross Saving` and `gross-saving` both mean `gross_saving`).
pub fn closest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let w = normal(word);
    let len = w.chars().count();
    // Names longer than any real key are never compared (the distance costs their product).
    if len > 64 {
        return None;
    }
    let allowed = match len {
        0..=4 => 1,
        5..=8 => 2,
        _ => 3,
    };
    let mut best: Option<(usize, &str)> = None;
    let mut tie = false;
    for &c in candidates {
        let d = strsim::damerau_levenshtein(&w, &normal(c));
        if d > allowed {
            continue;
        }
        match best {
            Some((b, _)) if d > b => {}
            Some((b, _)) if d == b => tie = true,
            _ => {
                best = Some((d, c));
                tie = false;
            }
        }
    }
    best.filter(|_| !tie).map(|(_, c)| c)
}

fn normal(s: &str) -> String {
    s.trim()
        .chars()
        .map(|c| match c {
            ' ' | '-' => '_',
            c => c.to_ascii_lowercase(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::closest;

    #[test]
    fn near_misses_are_suggested_and_far_or_ambiguous_ones_are_not() {
        let keys = [
            "label",
            "values",
            "cumulative",
            "gross_saving",
            "net",
            "payback",
        ];
        assert_eq!(closest("gross_savings", &keys), Some("gross_saving"));
        assert_eq!(closest("Gross Saving", &keys), Some("gross_saving"));
        assert_eq!(closest("cumulativ", &keys), Some("cumulative"));
        assert_eq!(closest("lable", &keys), Some("label"), "a transposition");
        assert_eq!(closest("pay-back", &keys), Some("payback"));
        assert_eq!(closest("nett", &keys), Some("net"));
        assert_eq!(closest("colour", &keys), None);
        assert_eq!(closest("x", &keys), None);
        assert_eq!(closest("year", &["years", "yeas"]), None, "two at one edit");
    }
}
