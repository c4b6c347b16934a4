//! Arbitrary bytes → `load::decode` → `load::parse_file` on an in-memory `Sources` (with its
//! recovery from unknown keys and wrong types), then every diagnostic printed the way
//! `cabinet check` prints it, mapped back through the recovery's edits. Must never panic.
#![no_main]

use cabinet::diagnostic::{emit, DiagnosticFormat};
use cabinet::load::{decode, parse_file};
use cabinet::source::Sources;
use codespan_reporting::term::termcolor::NoColor;
use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = decode(data) else { return };
    let mut sources = Sources::default();
    let id = sources.add(Path::new("fuzz.yaml"), text);
    let parsed = parse_file(&sources, id);
    for format in [DiagnosticFormat::Human, DiagnosticFormat::Short] {
        let mut out = NoColor::new(Vec::new());
        emit(&mut out, &sources, &parsed.diagnostics, format)
            .expect("diagnostics print to a buffer");
    }
});
