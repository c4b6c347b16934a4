//! Joining Arabic letters for the PDF: each letter of the basic Arabic alphabet drawn in the
//! form its neighbours call for (isolated, final, initial or medial), through the Unicode
//! presentation forms that Arabic fonts map (U+FE80–U+FEFC), and those forms read back as the
//! letters they stand for (the Unicode map says the letter, so copied or extracted text is
//! the text written). Not full shaping: no ligatures (lam-alef is drawn as its two letters),
//! no marks positioned; letters outside the basic alphabet are drawn as they are.

/// Arabic letters and their presentation forms (isolated, final, initial, medial; 0: none),
/// from Unicode's compatibility decompositions of U+FE80–U+FEFC.
const FORMS: [(char, [u32; 4]); 36] = [
    ('\u{0621}', [0xFE80, 0x0000, 0x0000, 0x0000]),
    ('\u{0622}', [0xFE81, 0xFE82, 0x0000, 0x0000]),
    ('\u{0623}', [0xFE83, 0xFE84, 0x0000, 0x0000]),
    ('\u{0624}', [0xFE85, 0xFE86, 0x0000, 0x0000]),
    ('\u{0625}', [0xFE87, 0xFE88, 0x0000, 0x0000]),
    ('\u{0626}', [0xFE89, 0xFE8A, 0xFE8B, 0xFE8C]),
    ('\u{0627}', [0xFE8D, 0xFE8E, 0x0000, 0x0000]),
    ('\u{0628}', [0xFE8F, 0xFE90, 0xFE91, 0xFE92]),
    ('\u{0629}', [0xFE93, 0xFE94, 0x0000, 0x0000]),
    ('\u{062a}', [0xFE95, 0xFE96, 0xFE97, 0xFE98]),
    ('\u{062b}', [0xFE99, 0xFE9A, 0xFE9B, 0xFE9C]),
    ('\u{062c}', [0xFE9D, 0xFE9E, 0xFE9F, 0xFEA0]),
    ('\u{062d}', [0xFEA1, 0xFEA2, 0xFEA3, 0xFEA4]),
    ('\u{062e}', [0xFEA5, 0xFEA6, 0xFEA7, 0xFEA8]),
    ('\u{062f}', [0xFEA9, 0xFEAA, 0x0000, 0x0000]),
    ('\u{0630}', [0xFEAB, 0xFEAC, 0x0000, 0x0000]),
    ('\u{0631}', [0xFEAD, 0xFEAE, 0x0000, 0x0000]),
    ('\u{0632}', [0xFEAF, 0xFEB0, 0x0000, 0x0000]),
    ('\u{0633}', [0xFEB1, 0xFEB2, 0xFEB3, 0xFEB4]),
    ('\u{0634}', [0xFEB5, 0xFEB6, 0xFEB7, 0xFEB8]),
    ('\u{0635}', [0xFEB9, 0xFEBA, 0xFEBB, 0xFEBC]),
    ('\u{0636}', [0xFEBD, 0xFEBE, 0xFEBF, 0xFEC0]),
    ('\u{0637}', [0xFEC1, 0xFEC2, 0xFEC3, 0xFEC4]),
    ('\u{0638}', [0xFEC5, 0xFEC6, 0xFEC7, 0xFEC8]),
    ('\u{0639}', [0xFEC9, 0xFECA, 0xFECB, 0xFECC]),
    ('\u{063a}', [0xFECD, 0xFECE, 0xFECF, 0xFED0]),
    ('\u{0641}', [0xFED1, 0xFED2, 0xFED3, 0xFED4]),
    ('\u{0642}', [0xFED5, 0xFED6, 0xFED7, 0xFED8]),
    ('\u{0643}', [0xFED9, 0xFEDA, 0xFEDB, 0xFEDC]),
    ('\u{0644}', [0xFEDD, 0xFEDE, 0xFEDF, 0xFEE0]),
    ('\u{0645}', [0xFEE1, 0xFEE2, 0xFEE3, 0xFEE4]),
    ('\u{0646}', [0xFEE5, 0xFEE6, 0xFEE7, 0xFEE8]),
    ('\u{0647}', [0xFEE9, 0xFEEA, 0xFEEB, 0xFEEC]),
    ('\u{0648}', [0xFEED, 0xFEEE, 0x0000, 0x0000]),
    ('\u{0649}', [0xFEEF, 0xFEF0, 0x0000, 0x0000]),
    ('\u{064a}', [0xFEF1, 0xFEF2, 0xFEF3, 0xFEF4]),
];

/// The presentation forms of `c`, if it is a letter with any.
fn forms(c: char) -> Option<&'static [u32; 4]> {
    FORMS
        .binary_search_by_key(&c, |(b, _)| *b)
        .ok()
        .map(|i| &FORMS[i].1)
}

/// Marks that sit on a letter and do not break its joining (harakat, shadda, sukun …).
fn transparent(c: char) -> bool {
    matches!(c, '\u{0610}'..='\u{061a}' | '\u{064b}'..='\u{065f}' | '\u{0670}' | '\u{06d6}'..='\u{06dc}' | '\u{06df}'..='\u{06e4}' | '\u{06e7}' | '\u{06e8}' | '\u{06ea}'..='\u{06ed}')
}

/// Whether a letter joins the letter after it (has an initial form), and the one before it
/// (has a final form). The tatweel (U+0640) joins both ways.
fn joins(c: char) -> (bool, bool) {
    if c == '\u{0640}' {
        return (true, true);
    }
    match forms(c) {
        Some(f) => (f[2] != 0, f[1] != 0),
        None => (false, false),
    }
}

/// `chars` (in logical order) with each basic Arabic letter replaced by its presentation form
/// where `has` says the font has it.
pub fn join(chars: &[char], has: impl Fn(char) -> bool) -> Vec<char> {
    let mut out = chars.to_vec();
    for i in 0..chars.len() {
        let Some(f) = forms(chars[i]) else { continue };
        let prev = chars[..i].iter().rev().find(|c| !transparent(**c)).copied();
        let next = chars[i + 1..].iter().find(|c| !transparent(**c)).copied();
        let after_joiner = prev.is_some_and(|p| joins(p).0) && f[1] != 0;
        let before_joiner = next.is_some_and(|n| joins(n).1) && f[2] != 0;
        let form = match (after_joiner, before_joiner) {
            (true, true) if f[3] != 0 => f[3],
            (true, _) => f[1],
            (false, true) => f[2],
            _ => f[0],
        };
        if let Some(c) = char::from_u32(form).filter(|c| has(*c)) {
            out[i] = c;
        }
    }
    out
}

/// The letter a presentation form stands for (`c` itself for anything else).
pub fn letter(c: char) -> char {
    if !('\u{fe80}'..='\u{fefc}').contains(&c) {
        return c;
    }
    let n = u32::from(c);
    FORMS
        .iter()
        .find(|(_, f)| f.contains(&n))
        .map_or(c, |(b, _)| *b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_take_the_form_their_neighbours_call_for() {
        // محمد: meem initial, hah medial, meem medial, dal final.
        let word: Vec<char> = "محمد".chars().collect();
        let joined = join(&word, |_| true);
        assert_eq!(joined, ['\u{fee3}', '\u{fea4}', '\u{fee4}', '\u{feaa}']);
        // Read back as the letters written.
        let back: String = joined.iter().map(|c| letter(*c)).collect();
        assert_eq!(back, "محمد");
        // علي: ain initial, lam medial, yeh final; a lone letter is isolated.
        let joined = join(&"علي ب".chars().collect::<Vec<_>>(), |_| true);
        assert_eq!(
            joined,
            ['\u{fecb}', '\u{fee0}', '\u{fef2}', ' ', '\u{fe8f}']
        );
        // A font without the forms keeps the letters.
        assert_eq!(join(&word, |_| false), word);
        // Dal does not join the letter after it: داد is dal isolated, alef final, dal isolated.
        let joined = join(&"داد".chars().collect::<Vec<_>>(), |_| true);
        assert_eq!(joined, ['\u{fea9}', '\u{fe8d}', '\u{fea9}']);
    }
}
