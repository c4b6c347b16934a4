//! No character silently lost: reads the fallback fonts each report names (its `fonts:`,
//! resolved against its file, then those given with `--font`), and reports every character
//! of the inputs' text that no font of the PDF it goes into can show, at its file, line and
//! column (W0903).
//!
//! A warning, not an error: the Markdown and HTML carry the character as it is, and the PDF
//! prints a visible replacement mark (`�`) in its place rather than dropping it, so nothing
//! is lost silently; but one name in Arabic should not stop a finance officer regenerating
//! every paper until a font is found. The warning says which font to name.

use crate::codes::Code;
use crate::diagnostic::Diagnostic;
use crate::render::pdf::Coverage;
use crate::source::FileId;
use crate::Checked;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Resolves and reads every report's fallback fonts (adding `cli` to each), then checks
/// every input file's text against the fonts of the PDFs it goes into.
pub fn check(checked: &mut Checked, cli: &[PathBuf]) {
    let mut diags = Vec::new();
    let mut cli_ok: Vec<PathBuf> = Vec::new();
    for f in cli {
        match crate::render::pdf::check_font(f) {
            Ok(()) => cli_ok.push(f.clone()),
            Err(e) => diags.push(
                Diagnostic::error(Code::FontUnreadable, e)
                    .hint("`--font` takes a TrueType font file (.ttf), e.g. /usr/share/fonts/truetype/noto/NotoSansArabic-Regular.ttf"),
            ),
        }
    }
    let sources = &checked.sources;
    let ws = &mut checked.workspace;
    let fronts = ws
        .reports
        .iter_mut()
        .chain(ws.follow_ups.monitoring.iter_mut().map(|r| &mut r.front))
        .chain(ws.follow_ups.scenarios.iter_mut().map(|r| &mut r.front))
        .chain(ws.follow_ups.plans.iter_mut().map(|r| &mut r.front));
    for report in fronts {
        let folder = sources
            .get(report.file)
            .path
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default();
        let mut fonts = Vec::new();
        for (k, f) in report.fonts.iter().enumerate() {
            let path = folder.join(f);
            match crate::render::pdf::check_font(&path) {
                Ok(()) => fonts.push(path),
                Err(e) => {
                    let span = report.font_spans.get(k).cloned().unwrap_or(0..0);
                    diags.push(
                        Diagnostic::error(Code::FontUnreadable, e)
                            .at(report.file, span, "not a font cabinet can embed")
                            .hint("name a TrueType font file (.ttf), relative to this report file"),
                    );
                }
            }
        }
        for f in &cli_ok {
            if !fonts.contains(f) {
                fonts.push(f.clone());
            }
        }
        report.fonts = fonts;
    }

    // The font sets of the PDFs each file goes into.
    let mut sets: HashMap<FileId, Vec<Vec<PathBuf>>> = HashMap::new();
    let ws = &checked.workspace;
    for r in &ws.reports {
        sets.entry(r.file).or_default().push(r.fonts.clone());
        for i in &r.initiatives {
            if let Some(init) = ws.initiatives.get(*i) {
                sets.entry(init.file).or_default().push(r.fonts.clone());
            }
        }
    }
    for r in ws
        .follow_ups
        .monitoring
        .iter()
        .map(|r| &r.front)
        .chain(ws.follow_ups.scenarios.iter().map(|r| &r.front))
        .chain(ws.follow_ups.plans.iter().map(|r| &r.front))
    {
        sets.entry(r.file).or_default().push(r.fonts.clone());
    }
    for pack in &ws.packs {
        let mut fonts: Vec<PathBuf> = Vec::new();
        for item in &pack.items {
            for f in item.report.iter().flat_map(|r| &ws.front(*r).fonts) {
                if !fonts.contains(f) {
                    fonts.push(f.clone());
                }
            }
        }
        sets.entry(pack.file).or_default().push(fonts);
    }
    let mut coverages: HashMap<Vec<PathBuf>, Coverage> = HashMap::new();
    for k in 0..sources.len() {
        let id = FileId(k);
        let wanted = sets.remove(&id).unwrap_or_else(|| vec![cli_ok.clone()]);
        let mut covs = Vec::new();
        for set in wanted {
            if !coverages.contains_key(&set) {
                match Coverage::of(&set) {
                    Ok(c) => {
                        coverages.insert(set.clone(), c);
                    }
                    // A font that read once reads again; nothing more to say if not.
                    Err(_) => continue,
                }
            }
            covs.push(set);
        }
        let shows = |c: char| covs.iter().all(|s| coverages[s].shows(c));
        diags.extend(unshowable(id, &sources.get(id).text, shows));
    }
    checked.diagnostics.extend(diags);
}

/// A diagnostic for each character of a scalar value of the YAML `text` that `shows` says
/// cannot be shown (keys and comments are never printed, so they are not looked at).
fn unshowable(file: FileId, text: &str, shows: impl Fn(char) -> bool) -> Vec<Diagnostic> {
    // Most files have nothing to report: look for a candidate first, in one pass.
    let candidates: Vec<(usize, char)> = text
        .char_indices()
        .filter(|(_, c)| !c.is_ascii() && !shows(*c))
        .collect();
    if candidates.is_empty() {
        return Vec::new();
    }
    let values = scalar_values(text);
    let in_value = |at: usize| values.iter().any(|r| r.contains(&at));
    // Characters next to each other (a word of Arabic, a name in Chinese) make one
    // diagnostic, which names each of them.
    let mut runs: Vec<(usize, String)> = Vec::new();
    for (at, c) in candidates.into_iter().filter(|(at, _)| in_value(*at)) {
        match runs.last_mut() {
            Some((start, run)) if *start + run.len() == at => run.push(c),
            _ => runs.push((at, c.to_string())),
        }
    }
    runs.into_iter()
        .map(|(at, run)| {
            let points: Vec<String> = run.chars().map(|c| format!("U+{:04X}", u32::from(c))).collect();
            let (what, them) = if points.len() == 1 {
                ("this character", "it")
            } else {
                ("these characters", "them")
            };
            Diagnostic::warning(
                Code::UnshowableCharacter,
                format!(
                    "`{run}` ({}) cannot be shown in the PDF: neither Noto Sans nor any font named for it has {what}",
                    points.join(" ")
                ),
            )
            .at(file, at..at + run.len(), "no font shows this")
            .hint(format!("name a font that has {them} in the report's `fonts:` or with `--font` (for Arabic, say, /usr/share/fonts/truetype/noto/NotoSansArabic-Regular.ttf); until then the PDF prints � in place of each"))
        })
        .collect()
}

/// The byte ranges of the scalar values (not mapping keys) of a YAML text.
fn scalar_values(text: &str) -> Vec<std::ops::Range<usize>> {
    crate::scalars::scalars(text)
        .into_iter()
        .filter(|s| !s.is_key)
        .map(|s| s.span)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_values_are_looked_at_never_keys_or_comments() {
        let text = "# كلمة in a comment\nname: Ali حسن  # تعليق\nlist: [a, b, 漢]\nblock: |\n  # not a comment: ب\n";
        let shows = |c: char| c.is_ascii() || c == ' ';
        let found: Vec<(usize, char)> = unshowable(FileId(0), text, shows)
            .iter()
            .map(|d| {
                let at = d.primary.as_ref().unwrap().span.start;
                (at, text[at..].chars().next().unwrap())
            })
            .collect();
        let chars: String = found.iter().map(|(_, c)| *c).collect();
        // One diagnostic per run of characters: the Arabic word, the Chinese one, the letter.
        assert_eq!(chars, "ح漢ب");
        let d = unshowable(FileId(0), text, shows);
        assert_eq!(d[0].message, "`حسن` (U+062D U+0633 U+0646) cannot be shown in the PDF: neither Noto Sans nor any font named for it has these characters");
        assert_eq!(d[1].message, "`漢` (U+6F22) cannot be shown in the PDF: neither Noto Sans nor any font named for it has this character");
    }
}
