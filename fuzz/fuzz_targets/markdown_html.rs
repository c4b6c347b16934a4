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
    assert!(!lower.contains("<iframe"), "iframe in {out:?}");
    assert!(!lower.contains("href=\"javascript:"), "javascript link in {out:?}");

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
