//! Text safety for Markdown output: plain values are escaped so YAML text cannot change the
//! document's structure; narrative Markdown keeps its formatting but cannot inject raw HTML or
//! headings above the section it sits in.

/// Escapes a plain-text value (a title, a name) for use anywhere in Markdown, table cells
/// included. Newlines become spaces: a value must never start a new block.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for (i, c) in text.trim().chars().enumerate() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '~' | '!' => {
                out.push('\\');
                out.push(c);
            }
            '-' | '+' | '=' if i == 0 => {
                out.push('\\');
                out.push(c);
            }
            '\r' | '\n' | '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Prepares narrative Markdown from YAML: raw HTML is made literal text (`<` is escaped), and
/// ATX headings are pushed down to at least `min_level` so they nest under their section.
pub fn narrative(text: &str, min_level: usize) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut fence: Option<&str> = None;
    for line in text.trim().lines() {
        let trimmed = line.trim_start();
        if let Some(f) = fence {
            if trimmed.starts_with(f) {
                fence = None;
            }
            out.push_str(line);
            out.push('\n');
            continue;
        }
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            fence = Some(&trimmed[..3]);
            out.push_str(line);
            out.push('\n');
            continue;
        }
        let hashes = trimmed.chars().take_while(|&c| c == '#').count();
        let is_heading =
            (1..=6).contains(&hashes) && trimmed[hashes..].chars().next().is_none_or(|c| c == ' ');
        if is_heading && line.len() - trimmed.len() < 4 {
            let level = hashes.max(min_level).min(6);
            out.push_str(&"#".repeat(level));
            out.push_str(&escape_html(&trimmed[hashes..]));
        } else {
            out.push_str(&escape_html(line));
        }
        out.push('\n');
    }
    out.trim_end().to_string()
}

/// Escapes `<` so CommonMark never sees an HTML tag, autolink or comment in narrative text.
fn escape_html(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut prev_backslash = false;
    for c in line.chars() {
        match c {
            '<' if !prev_backslash => out.push_str("\\<"),
            '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' => {}
            c => out.push(c),
        }
        prev_backslash = c == '\\' && !prev_backslash;
    }
    out
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
    fn deeper_headings_are_kept() {
        assert_eq!(narrative("#### Deep", 3), "#### Deep");
        assert_eq!(narrative("#hashtag", 3), "#hashtag");
    }
}
