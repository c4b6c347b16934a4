//! Arbitrary Markdown → `render::html::body`: never panics, never lets a script through.
#![no_main]

use cabinet::render::html::body;
use libfuzzer_sys::fuzz_target;
use std::collections::HashMap;

fuzz_target!(|markdown: &str| {
    let out = body(markdown, &HashMap::new()).body;
    let lower = out.to_ascii_lowercase();
    assert!(!lower.contains("<script"), "script tag in {out:?}");
    assert!(!lower.contains("<iframe"), "iframe in {out:?}");
    assert!(!lower.contains("href=\"javascript:"), "javascript link in {out:?}");
});
