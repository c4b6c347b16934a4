//! The HTML allow-list every report body passes (tags, attributes, link schemes), enforced by
//! ammonia; and a strict single pass that recognises a body already inside it, written the
//! way ammonia would write it back, so that it need not be parsed and rebuilt.
//!
//! Why both: ammonia is the second line of defence behind the renderer's own escaping, and it
//! stays the sanitiser for anything unusual. But it parses the whole page into a DOM and
//! serialises it again, which was a ninth of a build's instructions, and for the renderer's
//! own output it always gave back the same bytes. [`already_clean`] accepts only a narrow,
//! regular form (known tags, known attributes with double-quoted values, balanced nesting,
//! no comments, only the entities ammonia itself writes); anything else goes to ammonia.
//! The property tests check that ammonia leaves every accepted input exactly as it is.

use std::collections::{HashMap, HashSet};

/// The only tags the HTML body may contain: ammonia's allow-list, shared with the tests and the
/// fuzz target that check it. Sorted, for a binary search.
pub const ALLOWED_TAGS: &[&str] = &[
    "a",
    "blockquote",
    "br",
    "caption",
    "code",
    "del",
    "div",
    "em",
    "figcaption",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "li",
    "ol",
    "p",
    "pre",
    "strong",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "ul",
];

/// Attributes allowed on every tag.
const GENERIC_ATTRIBUTES: &[&str] = &["id", "class"];

/// Attributes allowed on one tag only.
const TAG_ATTRIBUTES: &[(&str, &[&str])] = &[
    ("a", &["href", "title"]),
    ("th", &["scope"]),
    ("div", &["role", "tabindex", "aria-label"]),
    ("ol", &["start"]),
];

/// Schemes a link may use.
const URL_SCHEMES: &[&str] = &["http", "https", "mailto", "tel"];

/// `html` within the allow-list: unchanged when [`already_clean`] recognises it, otherwise
/// as ammonia rebuilds it.
pub fn sanitise(html: &str) -> String {
    if already_clean(html) {
        html.to_string()
    } else {
        clean(html)
    }
}

/// ammonia with the allow-list: the tags and attributes the renderer produces, nothing else.
pub fn clean(html: &str) -> String {
    let tags: HashSet<&str> = ALLOWED_TAGS.iter().copied().collect();
    let generic: HashSet<&str> = GENERIC_ATTRIBUTES.iter().copied().collect();
    let tag_attrs: HashMap<&str, HashSet<&str>> = TAG_ATTRIBUTES
        .iter()
        .map(|(tag, attrs)| (*tag, attrs.iter().copied().collect()))
        .collect();
    ammonia::Builder::default()
        .tags(tags)
        .generic_attributes(generic)
        .tag_attributes(tag_attrs)
        .url_schemes(URL_SCHEMES.iter().copied().collect())
        .link_rel(None)
        .clean(html)
        .to_string()
}

/// Elements with no end tag.
fn is_void(tag: &str) -> bool {
    matches!(tag, "br" | "hr")
}

/// Elements that may sit inside a paragraph (an HTML parser closes the paragraph before any
/// other, and so would restructure the page).
fn is_phrasing(tag: &str) -> bool {
    matches!(tag, "a" | "br" | "code" | "del" | "em" | "strong")
}

/// Elements in which a parser moves text and other elements elsewhere ("foster parenting").
fn is_table_part(tag: &str) -> bool {
    matches!(tag, "table" | "thead" | "tbody" | "tr")
}

fn is_heading(tag: &str) -> bool {
    matches!(tag, "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
}

/// Whether a paragraph is open inside the innermost cell or caption.
fn in_paragraph(open: &[&str]) -> bool {
    open.iter()
        .rev()
        .take_while(|t| !matches!(**t, "td" | "th" | "caption" | "table"))
        .any(|t| *t == "p")
}

/// Whether an HTML parser keeps `child` where it is, as a child of the open elements `open`
/// (innermost last). Where it would not (a cell outside a row, a block inside a paragraph,
/// a link inside a link), the page is not in the accepted form.
fn nests(open: &[&str], child: &str) -> bool {
    let parent = open.last().copied();
    match child {
        "caption" | "thead" | "tbody" => parent == Some("table"),
        "tr" => matches!(parent, Some("thead" | "tbody")),
        "td" | "th" => parent == Some("tr"),
        "li" => matches!(parent, Some("ul" | "ol")),
        _ => match parent {
            Some(p) if is_table_part(p) => false,
            Some("caption") => is_phrasing(child),
            Some(h) if is_heading(h) && is_heading(child) => false,
            // Any other start tag closes a paragraph open further out (up to the nearest
            // cell or caption), not just one that is the parent.
            _ if !is_phrasing(child) && in_paragraph(open) => false,
            _ => child != "a" || !open.contains(&"a"),
        },
    }
}

/// Whether `html` is already in the form ammonia would give back unchanged: every tag on the
/// allow-list with only allowed attributes, written `<tag attr="value">` with one space
/// before each attribute; end tags matching their start tags; `href`s to an anchor, a
/// relative path or an allowed scheme; no comments, doctype or processing instructions; and
/// only the character references ammonia writes itself (`&amp;`, `&lt;`, `&gt;` in text,
/// `&amp;`, `&quot;` in attribute values). One pass, no allocation but the element stack.
pub fn already_clean(html: &str) -> bool {
    let b = html.as_bytes();
    let mut open: Vec<&str> = Vec::new();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'<' => {
                let Some(next) = tag(html, i, &mut open) else {
                    return false;
                };
                i = next;
            }
            // Text directly in a table, its sections or a row is moved out by a parser.
            c if !c.is_ascii_whitespace() && open.last().is_some_and(|t| is_table_part(t)) => {
                return false
            }
            b'&' => {
                let rest = &b[i..];
                let Some(len) = ["&amp;", "&lt;", "&gt;"]
                    .iter()
                    .find(|e| rest.starts_with(e.as_bytes()))
                    .map(|e| e.len())
                else {
                    return false;
                };
                i += len;
            }
            // A parser changes carriage returns and NULs, and writes a no-break space back
            // as `&nbsp;`; other control characters are kept out as a precaution.
            c if c < 0x20 && c != b'\n' && c != b'\t' => return false,
            0xC2 if b.get(i + 1) == Some(&0xA0) => return false,
            b'>' => return false,
            _ => i += 1,
        }
    }
    open.is_empty()
}

/// Checks the tag starting at `at` (a `<`) and returns where it ends, or `None` if it is not
/// in the accepted form.
fn tag<'a>(html: &'a str, at: usize, open: &mut Vec<&'a str>) -> Option<usize> {
    let b = html.as_bytes();
    let mut i = at + 1;
    let end_tag = b.get(i) == Some(&b'/');
    if end_tag {
        i += 1;
    }
    let name_start = i;
    while i < b.len() && (b[i].is_ascii_lowercase() || b[i].is_ascii_digit()) {
        i += 1;
    }
    let name = &html[name_start..i];
    if name.is_empty() || !name.as_bytes()[0].is_ascii_lowercase() {
        return None;
    }
    let name = *ALLOWED_TAGS
        .binary_search(&name)
        .ok()
        .and_then(|k| ALLOWED_TAGS.get(k))?;
    if end_tag {
        if b.get(i) != Some(&b'>') || open.pop() != Some(name) {
            return None;
        }
        return Some(i + 1);
    }
    if !nests(open, name) {
        return None;
    }
    let mut seen: [&str; 4] = [""; 4];
    let mut count = 0;
    loop {
        match b.get(i) {
            Some(b'>') => break,
            Some(b' ') => i += 1,
            _ => return None,
        }
        let attr_start = i;
        while i < b.len() && (b[i].is_ascii_lowercase() || b[i] == b'-') {
            i += 1;
        }
        let attr = &html[attr_start..i];
        if !attribute_allowed(name, attr) || seen[..count].contains(&attr) || count == seen.len() {
            return None;
        }
        seen[count] = attr;
        count += 1;
        if !html[i..].starts_with("=\"") {
            return None;
        }
        i += 2;
        let value_start = i;
        while i < b.len() && b[i] != b'"' {
            match b[i] {
                b'<' | b'>' => return None,
                b'&' if !(html[i..].starts_with("&amp;") || html[i..].starts_with("&quot;")) => {
                    return None
                }
                c if c < 0x20 => return None,
                0xC2 if b.get(i + 1) == Some(&0xA0) => return None,
                _ => {}
            }
            i += 1;
        }
        if i >= b.len() {
            return None;
        }
        if attr == "href" && !plain_url(&html[value_start..i]) {
            return None;
        }
        i += 1;
    }
    // A parser drops a newline straight after `<pre>`.
    if name == "pre" && b.get(i + 1) == Some(&b'\n') {
        return None;
    }
    if !is_void(name) {
        open.push(name);
    }
    Some(i + 1)
}

fn attribute_allowed(tag: &str, attr: &str) -> bool {
    GENERIC_ATTRIBUTES.contains(&attr)
        || TAG_ATTRIBUTES
            .iter()
            .any(|(t, attrs)| *t == tag && attrs.contains(&attr))
}

/// A link target that is unambiguous without URL parsing: an anchor, a relative path with no
/// colon, or an allowed scheme, in printable ASCII with no backslash.
fn plain_url(url: &str) -> bool {
    if url.is_empty()
        || url.starts_with("//")
        || !url.bytes().all(|c| c.is_ascii_graphic() && c != b'\\')
    {
        return false;
    }
    match url.split_once(':') {
        None => true,
        Some((scheme, rest)) => {
            URL_SCHEMES.contains(&scheme) && !scheme.contains(['/', '?', '#']) && !rest.is_empty()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tag_list_is_sorted_for_its_binary_search() {
        assert!(ALLOWED_TAGS.windows(2).all(|w| w[0] < w[1]));
    }

    /// Bodies in the form the renderer writes: accepted, and ammonia agrees they need no change.
    #[test]
    fn the_renderers_own_forms_pass_unchanged() {
        for html in [
            "<p>Plain text &amp; more &lt;b&gt; escaped.</p>\n",
            "<h2 id=\"summary\">1. Summary</h2>\n<ul>\n<li>One</li>\n<li><strong>Two</strong></li>\n</ul>\n",
            "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"Table 1: &quot;Costs&quot;\">\n<table>\n<caption>Table 1</caption>\n<thead>\n<tr><th scope=\"col\" class=\"num\">2018/19</th></tr>\n</thead>\n<tbody>\n<tr class=\"total\"><th scope=\"row\">Net</th><td class=\"num\">(1.234)</td></tr>\n</tbody>\n</table>\n</div>\n",
            "<figure class=\"chart\">\nkey\n<figcaption><strong>T</strong><br>alt</figcaption>\n</figure>\n",
            "<p><a href=\"https://www.rotherham.gov.uk/x?a=1&amp;b=2\" title=\"t\">link</a> <a href=\"#s-2\">s</a> <a href=\"mailto:a@b.c\">m</a> <a href=\"page.html\">p</a></p>\n",
            "<ol start=\"3\">\n<li><em>three</em> <del>x</del> <code>y</code></li>\n</ol>\n<hr>\n<blockquote>\n<p>q</p>\n</blockquote>\n<pre><code class=\"language-text\">a\nb\n</code></pre>\n",
            "<div class=\"page-break\"></div>\n",
            "",
        ] {
            assert!(already_clean(html), "should pass: {html}");
            assert_eq!(clean(html), html, "ammonia changed an accepted body");
            assert_eq!(sanitise(html), html);
        }
    }

    /// Anything outside that form goes to ammonia, whose result is safe.
    #[test]
    fn anything_else_is_rebuilt_by_ammonia() {
        for html in [
            "<script>alert(1)</script>",
            "<p onclick=\"x\">a</p>",
            "<a href=\"javascript:alert(1)\">x</a>",
            "<a href=\"JAVASCRIPT:alert(1)\">x</a>",
            "<a href=\"java&#x09;script:alert(1)\">x</a>",
            "<a href=\" javascript:alert(1)\">x</a>",
            "<a href=\"//evil.example\">x</a>",
            "<a href=\"data:text/html,x\">x</a>",
            "<a href=\"https:\">x</a>",
            "<p class=x>a</p>",
            "<p class='x'>a</p>",
            "<p  class=\"x\">a</p>",
            "<p class=\"a\" class=\"b\">a</p>",
            "<P>a</P>",
            "<p>a",
            "a</p>",
            "<p><div>a</div></p>",
            "<p><table></table></p>",
            "<table>text<tr></tr></table>",
            "<table><tr><td>a</td></tr></table>",
            "<table><p>a</p></table>",
            "<td>a</td>",
            "<li>a</li>",
            "<ul><li><li>a</li></li></ul>",
            "<a href=\"#a\"><a href=\"#b\">x</a></a>",
            "<h2><h3>a</h3></h2>",
            "<p><caption>a</caption></p>",
            "<p><em><div class=\"page-break\"></div></em></p>",
            "<table>&amp;</table>",
            "<!-- comment -->",
            "<!DOCTYPE html>",
            "<?xml?>",
            "<br />",
            "<img src=\"x\">",
            "<iframe src=\"x\"></iframe>",
            "<style>p{}</style>",
            "a &nbsp; b",
            "a &#39; b",
            "a &quot; b",
            "<p title=\"a&lt;b\">x</p>",
            "a\rb",
            "a\0b",
            "a\u{a0}b",
            "a > b",
            "<pre>\ncode</pre>",
            "<strong>a</em>",
        ] {
            assert!(!already_clean(html), "should go to ammonia: {html:?}");
            let out = sanitise(html);
            assert_eq!(out, clean(html));
            let lower = out.to_ascii_lowercase();
            assert!(
                !lower.contains("<script")
                    && !lower.contains("javascript:")
                    && !lower.contains("onclick")
                    && !lower.contains("<iframe")
                    && !lower.contains("<img"),
                "{html:?} → {out:?}"
            );
        }
    }
}
