//! Measuring and breaking text: styled inline spans, their advance widths from the font, and
//! greedy line breaking (at spaces, after hyphens and slashes inside words, and inside words
//! that are wider than the line on their own).

use super::fonts::{Face, Fonts};

/// Inline style of a span.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Style {
    pub bold: bool,
    pub italic: bool,
    pub code: bool,
    pub strike: bool,
}

/// Where a link goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Link {
    /// An external URI.
    Uri(String),
    /// A heading of this document, by anchor (`#slug` without the `#`).
    Anchor(String),
}

/// A run of text in one style. `\n` in `text` is a hard line break.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    pub text: String,
    pub style: Style,
    pub link: Option<Link>,
}

impl Span {
    pub fn plain(text: impl Into<String>) -> Span {
        Span {
            text: text.into(),
            style: Style::default(),
            link: None,
        }
    }

    pub fn styled(text: impl Into<String>, style: Style) -> Span {
        Span {
            text: text.into(),
            style,
            link: None,
        }
    }
}

/// The plain text of some spans.
pub fn plain_text(spans: &[Span]) -> String {
    spans
        .iter()
        .map(|s| s.text.as_str())
        .collect::<String>()
        .replace('\n', " ")
}

/// A piece of a laid-out line in one face and link.
#[derive(Debug, Clone, PartialEq)]
pub struct Frag {
    /// Offset from the start of the line, in points.
    pub x: f32,
    pub width: f32,
    pub text: String,
    pub face: Face,
    pub style: Style,
    /// Index into the spans given to [`break_lines`], to find the link.
    pub span: usize,
}

/// One laid-out line.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Line {
    pub frags: Vec<Frag>,
    pub width: f32,
    /// The line was broken at a space: extracted text needs one after it.
    pub space_after: bool,
}

impl Line {
    #[cfg(test)]
    pub fn text(&self) -> String {
        self.frags.iter().map(|f| f.text.as_str()).collect()
    }
}

/// Text settings shared by a block: size and whether the block is bold/italic as a whole.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TextSpec {
    pub size: f32,
    pub bold: bool,
    pub italic: bool,
}

impl TextSpec {
    pub fn face(&self, style: Style) -> Face {
        Face::new(self.bold || style.bold, self.italic != style.italic)
    }
}

#[derive(Clone, Copy)]
struct Unit {
    ch: char,
    span: usize,
    face: Face,
    width: f32,
}

fn units(spans: &[Span], fonts: &Fonts, spec: TextSpec) -> Vec<Unit> {
    // A character is at least a byte: one allocation holds them all.
    let mut out = Vec::with_capacity(spans.iter().map(|s| s.text.len()).sum());
    for (i, span) in spans.iter().enumerate() {
        let face = spec.face(span.style);
        let metrics = fonts.face(face);
        // Arabic letters joined (in logical order, before any reordering), where the font
        // that shows them has the joined forms.
        let joined;
        let arabic = !span.text.is_ascii()
            && span
                .text
                .chars()
                .any(|c| ('\u{0620}'..='\u{064a}').contains(&c));
        let chars: &mut dyn Iterator<Item = char> = if arabic {
            let text: Vec<char> = span.text.chars().collect();
            let has = |c: char| fonts.resolve(face, c).is_some_and(|(_, d)| d == c);
            joined = super::arabic::join(&text, has);
            &mut joined.iter().copied()
        } else {
            &mut span.text.chars()
        };
        for c in chars {
            // Printable ASCII, most of any text, shown as itself (the font has every one):
            // its width straight from the face's table.
            if (' '..='~').contains(&c) && fonts.shows_ascii() {
                out.push(Unit {
                    ch: c,
                    span: i,
                    face,
                    width: metrics.advance(c) * spec.size,
                });
                continue;
            }
            // Anything else in the face that shows it: the span's own, or a fallback font.
            let (face, ch) = match c {
                '\n' | '\r' => (face, '\n'),
                c => match fonts.resolve(face, c) {
                    Some(r) => r,
                    None => continue,
                },
            };
            let width = if ch == '\n' {
                0.0
            } else {
                fonts.face(face).advance(ch) * spec.size
            };
            out.push(Unit {
                ch,
                span: i,
                face,
                width,
            });
        }
    }
    out
}

fn is_space(c: char) -> bool {
    c == ' ' || c == '\u{3000}'
}

/// A breakable chunk: units `start..end`, preceded by spaces `gap_start..start` (may be
/// empty), or by a hard break.
struct Word {
    gap_start: usize,
    start: usize,
    end: usize,
    hard_before: bool,
}

fn words(u: &[Unit]) -> Vec<Word> {
    // About one word in six characters.
    let mut out = Vec::with_capacity(u.len() / 6 + 1);
    let mut i = 0;
    let mut hard = false;
    while i < u.len() {
        let gap_start = i;
        while i < u.len() && (is_space(u[i].ch) || u[i].ch == '\n') {
            if u[i].ch == '\n' {
                hard = true;
            }
            i += 1;
        }
        if i >= u.len() {
            break;
        }
        let start = i;
        // A word ends at a space or hard break; it may also be split after a hyphen or
        // slash between two letters ("cost-effective", "and/or").
        while i < u.len() && !is_space(u[i].ch) && u[i].ch != '\n' {
            let c = u[i].ch;
            i += 1;
            if matches!(c, '-' | '/' | '\u{2013}' | '\u{2014}')
                && i >= start + 2
                && u[i - 2].ch.is_alphabetic()
                && i < u.len()
                && u[i].ch.is_alphabetic()
            {
                break;
            }
        }
        out.push(Word {
            gap_start: if gap_start == start { start } else { gap_start },
            start,
            end: i,
            hard_before: hard,
        });
        hard = false;
    }
    out
}

fn sum(u: &[Unit]) -> f32 {
    u.iter().map(|x| x.width).sum()
}

/// Breaks `spans` into lines no wider than `max_width` (greedy). A word wider than the line
/// is broken between characters. Always returns at least one line.
pub fn break_lines(spans: &[Span], fonts: &Fonts, spec: TextSpec, max_width: f32) -> Vec<Line> {
    let u = units(spans, fonts, spec);
    let max = max_width.max(spec.size);
    let eps = 0.01;
    let mut ranges: Vec<(usize, usize)> = Vec::new();
    let mut cur: Option<(usize, usize, f32)> = None;
    for w in words(&u) {
        if w.hard_before {
            let (s, e, _) = cur.take().unwrap_or((w.gap_start, w.gap_start, 0.0));
            ranges.push((s, e));
        }
        let ww = sum(&u[w.start..w.end]);
        if let Some((s, e, lw)) = cur {
            let gap = sum(&u[w.gap_start..w.start]);
            if lw + gap + ww <= max + eps {
                cur = Some((s, w.end, lw + gap + ww));
                continue;
            }
            ranges.push((s, e));
        }
        // Start a new line with this word, splitting it while it is too wide.
        let mut s = w.start;
        let mut width = ww;
        while width > max + eps {
            let mut acc = 0.0;
            let mut j = s;
            while j < w.end && (j == s || acc + u[j].width <= max + eps) {
                acc += u[j].width;
                j += 1;
            }
            ranges.push((s, j));
            width -= acc;
            s = j;
        }
        cur = Some((s, w.end, width));
    }
    if let Some((s, e, _)) = cur {
        ranges.push((s, e));
    }
    if ranges.is_empty() {
        ranges.push((0, 0));
    }
    let n = ranges.len();
    let base_rtl = base_rtl(&u);
    ranges
        .into_iter()
        .enumerate()
        .map(|(i, (s, e))| {
            let mut line = match visual(&u[s..e], base_rtl) {
                Some(v) => line_from(&v, s),
                None => line_from(&u[s..e], s),
            };
            line.space_after =
                i + 1 < n && u.get(e).is_some_and(|x| is_space(x.ch) || x.ch == '\n');
            line
        })
        .collect()
}

fn is_rtl(c: char) -> bool {
    !c.is_ascii()
        && matches!(
            unicode_bidi::bidi_class(c),
            unicode_bidi::BidiClass::R | unicode_bidi::BidiClass::AL
        )
}

/// Whether a paragraph reads right to left: its first strong character does (Unicode bidi
/// rules P2 and P3).
fn base_rtl(u: &[Unit]) -> bool {
    use unicode_bidi::BidiClass::{AL, L, R};
    u.iter()
        .map(|x| unicode_bidi::bidi_class(x.ch))
        .find(|c| matches!(c, L | R | AL))
        .is_some_and(|c| c != L)
}

/// A line's characters in the order they are drawn, left to right, where it holds
/// right-to-left text (Arabic, Hebrew): the Unicode bidi algorithm run on the line, so each
/// right-to-left run reads in its reading order (and a right-to-left paragraph's runs are in
/// its order). `None` for a line of left-to-right text alone (nearly every line).
fn visual(u: &[Unit], base_rtl: bool) -> Option<Vec<Unit>> {
    if !base_rtl && !u.iter().any(|x| is_rtl(x.ch)) {
        return None;
    }
    let text: String = u.iter().map(|x| x.ch).collect();
    let level = if base_rtl {
        unicode_bidi::Level::rtl()
    } else {
        unicode_bidi::Level::ltr()
    };
    let info = unicode_bidi::BidiInfo::new(&text, Some(level));
    let para = info.paragraphs.first()?;
    let levels = info.reordered_levels_per_char(para, para.range.clone());
    let order = unicode_bidi::BidiInfo::reorder_visual(&levels);
    (order.len() == u.len()).then(|| order.into_iter().map(|i| u[i]).collect())
}

fn line_from(u: &[Unit], _offset: usize) -> Line {
    let mut line = Line::default();
    let mut x = 0.0;
    for (k, unit) in u.iter().enumerate() {
        match line.frags.last_mut() {
            Some(f) if f.face == unit.face && f.span == unit.span => {
                f.text.push(unit.ch);
                f.width += unit.width;
            }
            _ => {
                // Room for the rest of the line in one allocation (most lines are one
                // fragment; a character is at least a byte).
                let mut text = String::with_capacity(u.len() - k);
                text.push(unit.ch);
                line.frags.push(Frag {
                    x,
                    width: unit.width,
                    text,
                    face: unit.face,
                    style: Style::default(),
                    span: unit.span,
                });
            }
        }
        x += unit.width;
    }
    line.width = x;
    line
}

/// Fills in each fragment's style from the spans it came from.
pub fn with_styles(mut lines: Vec<Line>, spans: &[Span]) -> Vec<Line> {
    for l in &mut lines {
        for f in &mut l.frags {
            f.style = spans[f.span].style;
        }
    }
    lines
}

/// The narrowest width the spans can take (their widest unbreakable word) and their natural
/// width (widest hard-broken line, unbroken otherwise).
pub fn extent(spans: &[Span], fonts: &Fonts, spec: TextSpec) -> (f32, f32) {
    let u = units(spans, fonts, spec);
    let min = words(&u)
        .iter()
        .map(|w| sum(&u[w.start..w.end]))
        .fold(0.0, f32::max);
    let mut natural: f32 = 0.0;
    for seg in u.split(|x| x.ch == '\n') {
        let t: &[Unit] = seg;
        let trimmed_start = t.iter().position(|x| !is_space(x.ch)).unwrap_or(t.len());
        let trimmed_end = t
            .iter()
            .rposition(|x| !is_space(x.ch))
            .map_or(trimmed_start, |p| p + 1);
        natural = natural.max(sum(&t[trimmed_start..trimmed_end.max(trimmed_start)]));
    }
    (min, natural.max(min))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::pdf::fonts::fonts;

    const SPEC: TextSpec = TextSpec {
        size: 10.5,
        bold: false,
        italic: false,
    };

    fn texts(lines: &[Line]) -> Vec<String> {
        lines.iter().map(Line::text).collect()
    }

    #[test]
    fn breaks_at_spaces_within_width() {
        let f = fonts().unwrap();
        let spans = vec![Span::plain(
            "The quick brown fox jumps over the lazy dog. ".repeat(8),
        )];
        let lines = break_lines(&spans, f, SPEC, 200.0);
        assert!(lines.len() > 3);
        for l in &lines {
            assert!(l.width <= 200.01, "{} too wide", l.width);
            assert!(!l.text().starts_with(' ') && !l.text().ends_with(' '));
        }
        // Nothing lost but the spaces at the breaks.
        let joined = texts(&lines).join(" ");
        assert_eq!(joined, spans[0].text.trim_end());
    }

    #[test]
    fn a_300_character_word_is_broken_to_fit() {
        let f = fonts().unwrap();
        let word: String = "abcdefghij".repeat(30);
        let spans = vec![Span::plain(format!("Start {word} end"))];
        let lines = break_lines(&spans, f, SPEC, 150.0);
        for l in &lines {
            assert!(l.width <= 150.01, "line of {} pt", l.width);
        }
        assert!(lines.len() >= 5);
        assert_eq!(
            texts(&lines).concat().replace(' ', ""),
            format!("Start{word}end")
        );
        assert_eq!(lines[0].text(), "Start");
    }

    #[test]
    fn styles_split_fragments_and_measure_bold_wider() {
        let f = fonts().unwrap();
        let bold = Style {
            bold: true,
            ..Style::default()
        };
        let spans = vec![
            Span::plain("Net "),
            Span::styled("saving", bold),
            Span::plain(" total"),
        ];
        let lines = with_styles(break_lines(&spans, f, SPEC, 400.0), &spans);
        assert_eq!(lines.len(), 1);
        let frags = &lines[0].frags;
        assert_eq!(frags.len(), 3);
        assert_eq!(frags[1].face, Face::Bold);
        assert!(frags[1].style.bold);
        assert!((frags[1].x - f.width(Face::Regular, 10.5, "Net ")).abs() < 0.001);
        assert!(frags[1].width > f.width(Face::Regular, 10.5, "saving"));
    }

    #[test]
    fn hard_breaks_and_hyphen_breaks() {
        let f = fonts().unwrap();
        let spans = vec![Span::plain("one\ntwo")];
        assert_eq!(texts(&break_lines(&spans, f, SPEC, 400.0)), ["one", "two"]);
        let spans = vec![Span::plain("cost-effective")];
        let w = f.width(Face::Regular, 10.5, "cost-effec");
        assert_eq!(
            texts(&break_lines(&spans, f, SPEC, w)),
            ["cost-", "effective"]
        );
        // Figures never break at their sign.
        let spans = vec![Span::plain("(0.165) -0.165")];
        let (min, natural) = extent(&spans, f, SPEC);
        assert!((min - f.width(Face::Regular, 10.5, "(0.165)")).abs() < 0.001);
        assert!(natural > min);
    }

    #[test]
    fn empty_text_gives_one_empty_line() {
        let f = fonts().unwrap();
        let lines = break_lines(&[], f, SPEC, 100.0);
        assert_eq!(lines.len(), 1);
        assert!(lines[0].frags.is_empty());
    }
}
