//! Arbitrary bytes → `load::decode` → `load::parse_file` on an in-memory `Sources`, then the
//! diagnostic (if any) printed the way `cabinet check` prints it. Must never panic.
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
    if let Err(d) = parse_file(&sources, id) {
        for format in [DiagnosticFormat::Human, DiagnosticFormat::Short] {
            let mut out = NoColor::new(Vec::new());
            emit(&mut out, &sources, std::slice::from_ref(&d), format)
                .expect("diagnostics print to a buffer");
        }
    }
});
