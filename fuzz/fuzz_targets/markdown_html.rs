//! Arbitrary Markdown → `render::html::body`: never panics, never lets a script through.
//! The same text is also put through `render::text::narrative` (what section bodies get) and
//! `render::text::escape` (what plain values get), checking what each promises.
#![no_main]

use cabinet::render::html::{body, options};
use cabinet::render::text::{escape, narrative};
use libfuzzer_sys::fuzz_target;
use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use std::collections::HashMap;

fuzz_target!(|markdown: &str| {
    let out = body(markdown, &HashMap::new()).body;
    let lower = out.to_ascii_lowercase();
    assert!(!lower.contains("<script"), "script tag in {out:?}");
    for (name, attrs) in tags(&out) {
        assert!(ALLOWED.contains(&name.as_str()), "<{name}> in {out:?}");
        for (attr, value) in attrs {
            // Only the allow-listed attributes, so no event handler; `href` is the only URL.
            assert!(ATTRIBUTES.contains(&attr.as_str()), "{attr}= in {out:?}");
            if attr == "href" {
                let url: String = value
                    .chars()
                    .filter(|c| !c.is_whitespace() && !c.is_control())
                    .collect::<String>()
                    .to_ascii_lowercase()
                    .replace("&amp;", "&");
                let scheme = url
                    .split_once(':')
                    .map(|(s, _)| s)
                    .filter(|s| !s.contains(['/', '?', '#']));
                assert!(
                    scheme.is_none_or(|s| ["http", "https", "mailto", "tel"].contains(&s)),
                    "href={value:?} in {out:?}"
                );
            }
        }
    }

    // Narrative: no raw HTML, no heading above the section's level.
    let prepared = narrative(markdown, 3);
    for e in Parser::new_ext(&prepared, options()) {
        match e {
            Event::Html(h) | Event::InlineHtml(h) => panic!("raw HTML {h:?} in {prepared:?}"),
            Event::Start(Tag::Heading { level, .. }) => {
                assert!(level as usize >= 3, "{level:?} heading in {prepared:?}")
            }
            _ => {}
        }
    }

    // Plain value: one paragraph of text, whatever it holds.
    let escaped = escape(markdown);
    let events: Vec<Event> = Parser::new_ext(&escaped, options()).collect();
    if let [first, inner @ .., last] = events.as_slice() {
        assert!(
            matches!(first, Event::Start(Tag::Paragraph))
                && matches!(last, Event::End(TagEnd::Paragraph))
                && inner.iter().all(|e| matches!(e, Event::Text(_))),
            "{escaped:?} is not one paragraph of text: {events:?}"
        );
    }
});

/// The tags `render::html` may produce (its ammonia allow-list, shared).
use cabinet::render::html::ALLOWED_TAGS as ALLOWED;

/// The attributes it may produce. Text in `title`, `aria-label`, `id` or `class` (a code
/// block's language) is never followed, so `javascript:` there is only words.
const ATTRIBUTES: &[&str] = &[
    "id",
    "class",
    "href",
    "title",
    "scope",
    "role",
    "tabindex",
    "aria-label",
    "start",
];

/// Tags and their attributes in serialised HTML (text `<` is always `&lt;` there).
fn tags(html: &str) -> Vec<(String, Vec<(String, String)>)> {
    let b = html.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'<' {
            i += 1;
            continue;
        }
        let mut j = i + 1 + usize::from(b.get(i + 1) == Some(&b'/'));
        let start = j;
        while j < b.len() && !b[j].is_ascii_whitespace() && b[j] != b'>' && b[j] != b'/' {
            j += 1;
        }
        let name = html[start..j].to_ascii_lowercase();
        let mut attrs = Vec::new();
        loop {
            while j < b.len() && (b[j].is_ascii_whitespace() || b[j] == b'/') {
                j += 1;
            }
            if j >= b.len() || b[j] == b'>' {
                break;
            }
            let a = j;
            while j < b.len() && !b[j].is_ascii_whitespace() && !matches!(b[j], b'=' | b'>') {
                j += 1;
            }
            let attr = html[a..j].to_ascii_lowercase();
            let mut value = String::new();
            if b.get(j) == Some(&b'=') {
                j += 1;
                if let Some(&q) = b.get(j).filter(|q| matches!(q, b'"' | b'\'')) {
                    let v = j + 1;
                    j = v;
                    while j < b.len() && b[j] != q {
                        j += 1;
                    }
                    value = html[v..j.min(b.len())].to_string();
                    j += 1;
                } else {
                    let v = j;
                    while j < b.len() && !b[j].is_ascii_whitespace() && b[j] != b'>' {
                        j += 1;
                    }
                    value = html[v..j].to_string();
                }
            }
            attrs.push((attr, value));
        }
        out.push((name, attrs));
        i = j + 1;
    }
    out
}
