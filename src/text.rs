//! Text safety for Markdown output: plain values are escaped so YAML text cannot change the
//! document's structure; narrative Markdown keeps its formatting but cannot inject raw HTML or
//! headings above the section it sits in.

use pulldown_cmark::{Event, Options, Parser, Tag};

/// The Markdown every renderer reads: CommonMark with tables and strikethrough.
pub fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH
}

/// Escapes a plain-text value (a title, a name) for use anywhere in Markdown, table cells
/// included. Newlines become spaces: a value must never start a new block.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    // Control characters are dropped before trimming, so the value starts where it is seen.
    let visible: String = text
        .chars()
        .filter(|c| !c.is_control() || matches!(c, '\r' | '\n' | '\t'))
        .collect();
    let chars: Vec<char> = visible.trim().chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '~' | '!' | '"' => {
                out.push('\\');
                out.push(c);
            }
            '-' | '+' | '=' if i == 0 => {
                out.push('\\');
                out.push(c);
            }
            // `1.` or `2016)` at the start would begin an ordered list.
            '.' | ')'
                if i > 0
                    && chars[..i].iter().all(char::is_ascii_digit)
                    && chars.get(i + 1).is_none_or(|n| n.is_whitespace()) =>
            {
                out.push('\\');
                out.push(c);
            }
            // `&amp;` or `&#35;` would print as the character it names, not as written.
            '&' if is_entity(&chars[i + 1..]) => out.push_str("\\&"),
            '\r' | '\n' | '\t' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Whether the text after an `&` would make it an entity or character reference: a name or
/// `#`number (up to 32 characters) closed by `;`.
fn is_entity(rest: &[char]) -> bool {
    let name = rest
        .iter()
        .take(33)
        .take_while(|c| c.is_ascii_alphanumeric() || **c == '#')
        .count();
    name > 0 && rest.get(name) == Some(&';')
}

/// Prepares narrative Markdown from YAML: raw HTML is made literal text (`<` is escaped), and
/// headings are pushed down to at least `min_level` so they nest under their section.
pub fn narrative(text: &str, min_level: usize) -> String {
    // A lone carriage return ends a line in CommonMark but not for `str::lines`.
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut out = prepare(&text, min_level, true);
    if has_raw_html(&out) {
        // The line-by-line reading of code fences disagreed with CommonMark's (a fence inside
        // a list or a quote): escape every `<`, code included, rather than let HTML through.
        out = prepare(&text, min_level, false);
    }
    demote_headings(out, min_level)
}

/// The line-by-line pass: escapes `<` outside code fences (all of them unless `fences`) and
/// pushes ATX headings at the start of a line down to `min_level`.
fn prepare(text: &str, min_level: usize, fences: bool) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut fence: Option<(char, usize)> = None;
    for line in text.trim().lines() {
        if let Some(f) = fence {
            if fence_close(line, f) {
                fence = None;
            }
            out.push_str(line);
            out.push('\n');
            continue;
        }
        if let Some(f) = fence_open(line).filter(|_| fences) {
            fence = Some(f);
            out.push_str(line);
            out.push('\n');
            continue;
        }
        let trimmed = line.trim_start_matches([' ', '\t']);
        let hashes = trimmed.chars().take_while(|&c| c == '#').count();
        let is_heading = (1..=6).contains(&hashes)
            && trimmed[hashes..]
                .chars()
                .next()
                .is_none_or(|c| c == ' ' || c == '\t');
        if is_heading && indent(line) < 4 {
            let level = hashes.max(min_level).min(6);
            out.push_str(&"#".repeat(level));
            escape_html(&mut out, &trimmed[hashes..]);
        } else {
            escape_html(&mut out, line);
        }
        out.push('\n');
    }
    out.trim_end().to_string()
}

fn has_raw_html(markdown: &str) -> bool {
    Parser::new_ext(markdown, options()).any(|e| matches!(e, Event::Html(_) | Event::InlineHtml(_)))
}

/// Pushes down the headings the line pass cannot see (inside a quote or list item, or
/// underlined with `===`/`---`): ATX headings get more `#`, and a setext underline is escaped
/// so it stays text. Each pass can turn a following line into an underline, hence the loop;
/// real text needs one pass, and the bound keeps hostile text linear.
fn demote_headings(mut md: String, min_level: usize) -> String {
    let min = min_level.min(6);
    for _ in 0..8 {
        let mut edits: Vec<(usize, String)> = Vec::new();
        for (e, range) in Parser::new_ext(&md, options()).into_offset_iter() {
            let Event::Start(Tag::Heading { level, .. }) = e else {
                continue;
            };
            let level = level as usize;
            if level >= min {
                continue;
            }
            let src = &md[range.clone()];
            let body = src.trim_end_matches(['\n', '\r', ' ', '\t']);
            if let Some(last) = body.rfind('\n') {
                // Setext: the underline is the last line.
                let at = body[last..].find(['=', '-']).map_or(last + 1, |i| last + i);
                edits.push((range.start + at, "\\".to_string()));
            } else {
                let lead = src.len() - src.trim_start_matches([' ', '\t']).len();
                edits.push((range.start + lead, "#".repeat(min - level)));
            }
        }
        if edits.is_empty() {
            break;
        }
        // Rebuilt in one go (edits are in document order): inserting one at a time would
        // take time in the product of the edits and the length.
        let mut rebuilt = String::with_capacity(md.len() + edits.len() * 2);
        let mut from = 0;
        for (at, insert) in edits {
            rebuilt.push_str(&md[from..at]);
            rebuilt.push_str(&insert);
            from = at;
        }
        rebuilt.push_str(&md[from..]);
        md = rebuilt;
    }
    md
}

/// Columns of indentation, a tab counting to the next multiple of 4 as in CommonMark.
fn indent(line: &str) -> usize {
    let mut col = 0;
    for c in line.chars() {
        match c {
            ' ' => col += 1,
            '\t' => col += 4 - col % 4,
            _ => break,
        }
    }
    col
}

/// An opening code fence, as CommonMark reads one: at most 3 columns of indentation, 3 or more
/// backticks or tildes, and no backtick in a backtick fence's info string.
fn fence_open(line: &str) -> Option<(char, usize)> {
    if indent(line) >= 4 {
        return None;
    }
    let t = line.trim_start_matches([' ', '\t']);
    let c = t.chars().next().filter(|c| matches!(c, '`' | '~'))?;
    let n = t.chars().take_while(|&x| x == c).count();
    (n >= 3 && !(c == '`' && t[n..].contains('`'))).then_some((c, n))
}

/// Whether `line` closes a fence opened with `n` of `c`: as long a run at most 3 columns in,
/// with nothing after it but spaces.
fn fence_close(line: &str, (c, n): (char, usize)) -> bool {
    let t = line.trim_start_matches([' ', '\t']);
    let run = t.chars().take_while(|&x| x == c).count();
    indent(line) < 4 && run >= n && t[run..].trim_matches([' ', '\t']).is_empty()
}

/// Appends `line` to `out` with `<` escaped, so CommonMark never sees an HTML tag, autolink
/// or comment in narrative text, and control characters dropped.
fn escape_html(out: &mut String, line: &str) {
    // Most lines have neither: copied whole.
    if !line
        .bytes()
        .any(|b| b == b'<' || (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r')))
    {
        out.push_str(line);
        return;
    }
    let mut prev_backslash = false;
    for c in line.chars() {
        match c {
            '<' if !prev_backslash => out.push_str("\\<"),
            // Dropped, so it must not come between a backslash and what it escapes.
            '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' => continue,
            c => out.push(c),
        }
        prev_backslash = c == '\\' && !prev_backslash;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_values_cannot_make_structure() {
        assert_eq!(escape("Investment **"), "Investment \\*\\*");
        assert_eq!(escape("# Not a heading"), "\\# Not a heading");
        assert_eq!(escape("a | b\nc"), "a \\| b c");
        assert_eq!(escape("- item"), "\\- item");
        assert_eq!(escape("<script>"), "\\<script\\>");
        // A quote would end an image title early (chart titles go in `![..](src "title")`).
        assert_eq!(escape("say \"hi\""), "say \\\"hi\\\"");
    }

    #[test]
    fn escape_ordered_list_marker_at_start() {
        // Found by tests/properties.rs: `1. ` came out as an ordered list.
        assert_eq!(escape("1. Item"), "1\\. Item");
        assert_eq!(escape("2016) Item"), "2016\\) Item");
        assert_eq!(escape("Para 3.45"), "Para 3.45");
        assert_eq!(escape("3.45 Para"), "3.45 Para");
        assert_eq!(escape("7."), "7\\.");
    }

    #[test]
    fn escape_control_character_before_block_marker() {
        // A control character is dropped, so what follows it is the start of the value.
        assert_eq!(escape("\u{7}- item"), "\\- item");
        assert_eq!(escape("\u{7}    code"), "code");
        assert_eq!(escape("a \u{7}"), "a");
    }

    #[test]
    fn escape_entity_reference_prints_as_written() {
        assert_eq!(escape("R&amp;D"), "R\\&amp;D");
        assert_eq!(escape("&#35;1"), "\\&\\#35;1");
        assert_eq!(escape("Children & Young People"), "Children & Young People");
        assert_eq!(escape("A&B; C"), "A\\&B; C");
        assert_eq!(escape("a & b;"), "a & b;");
    }

    #[test]
    fn narrative_keeps_markdown_but_not_html() {
        let n = narrative(
            "# Top\n\nSome *text* <script>alert(1)</script>\n\n```\n<b>\n```",
            3,
        );
        assert!(n.starts_with("### Top"));
        assert!(n.contains("*text* \\<script>alert(1)\\</script>"));
        assert!(
            n.contains("```\n<b>\n```"),
            "code blocks are left alone: {n}"
        );
    }

    #[test]
    fn narrative_heading_after_tab_is_pushed_down() {
        // Found by tests/properties.rs: `#<tab>Title` is a level-1 heading in CommonMark.
        assert_eq!(narrative("#\tTitle", 3), "###\tTitle");
    }

    #[test]
    fn narrative_setext_underline_makes_no_heading() {
        // Found by tests/properties.rs: an underline made a level-1 or level-2 heading.
        assert_eq!(narrative("Title\n===", 3), "Title\n\\===");
        assert_eq!(narrative("Title\n---", 3), "Title\n\\---");
        assert_eq!(narrative("> a\n> ---", 3), "> a\n> \\---");
        assert_eq!(narrative("a\n---\n===", 3), "a\n\\---\n\\===");
        assert_eq!(narrative("####### Seven\n===", 3), "####### Seven\n\\===");
        assert_eq!(
            narrative("Above\n\n---\n\nBelow", 3),
            "Above\n\n---\n\nBelow"
        );
    }

    #[test]
    fn narrative_heading_in_quote_or_list_is_pushed_down() {
        // Found by tests/properties.rs: `> # Quoted heading` stayed a level-1 heading.
        assert_eq!(narrative("> # Quoted", 3), "> ### Quoted");
        assert_eq!(narrative("- # Listed", 4), "- #### Listed");
        assert_eq!(narrative("1.  a\n\n    # x", 3), "1.  a\n\n    ### x");
    }

    #[test]
    fn narrative_fence_closed_by_its_list_item_does_not_shield_html() {
        // The fence ends with the list item, so `<script>` below it is raw HTML to CommonMark.
        let n = narrative("- a\n  ```\n<script>", 3);
        assert!(!has_raw_html(&n), "{n}");
        assert!(n.contains("\\<script>"), "{n}");
    }

    #[test]
    fn narrative_indented_or_false_fence_does_not_shield_html() {
        // Neither line opens a fence in CommonMark, so the HTML after them must be escaped.
        assert_eq!(
            narrative("Text\n\n    ```\n<b>", 3),
            "Text\n\n    ```\n\\<b>"
        );
        assert_eq!(narrative("``` a`b\n<b>", 3), "``` a`b\n\\<b>");
        assert_eq!(
            narrative("Text\n\n\u{a0}```\n<b>", 3),
            "Text\n\n\u{a0}```\n\\<b>"
        );
        // A fence closes only with a run at least as long as the one that opened it.
        assert_eq!(
            narrative("````\n```\n<b>\n````\n<b>", 3),
            "````\n```\n<b>\n````\n\\<b>"
        );
    }

    #[test]
    fn narrative_control_character_between_backslash_and_tag() {
        // Found by the `markdown_html` fuzz target (minimised): `\<NUL><i>` lost the NUL but
        // the NUL still ended the backslash, so `<` was escaped too: `\\<i>`, an escaped
        // backslash followed by raw HTML. The backslash now escapes the `<` as written.
        let n = narrative("\\\u{0}<i>", 3);
        assert_eq!(n, "\\<i>");
        assert!(!has_raw_html(&n), "{n}");
        assert!(!has_raw_html(&narrative("\\\\\u{1}<i>", 3)));
    }

    #[test]
    fn narrative_lone_carriage_return_ends_a_line() {
        // Found by the `markdown_html` fuzz target (minimised to `n\r-`): CommonMark reads a
        // lone CR as a line break, so this was a setext heading `str::lines` could not see.
        assert_eq!(narrative("n\r-", 3), "n\n\\-");
        assert_eq!(narrative("# Top\r<b>", 3), "### Top\n\\<b>");
        assert_eq!(narrative("a\r\nb", 3), "a\nb");
    }

    #[test]
    fn deeper_headings_are_kept() {
        assert_eq!(narrative("#### Deep", 3), "#### Deep");
        assert_eq!(narrative("#hashtag", 3), "#hashtag");
    }
}
