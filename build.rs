//! Fingerprints the sources of this build (`src/`, `templates/`, `Cargo.lock`) for
//! `render::pdf::document_id`: a PDF made by a different build of cabinet is then never
//! mistaken for an up-to-date one and reused, even when the version number is the same.

use std::path::{Path, PathBuf};

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            files(&p, out);
        } else {
            out.push(p);
        }
    }
}

fn main() {
    let mut all = Vec::new();
    for dir in ["src", "templates"] {
        files(Path::new(dir), &mut all);
        println!("cargo:rerun-if-changed={dir}");
    }
    all.push(PathBuf::from("Cargo.lock"));
    println!("cargo:rerun-if-changed=Cargo.lock");
    all.sort();
    // FNV-1a over every path and its bytes: not cryptographic, only a change detector.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for p in &all {
        let bytes = std::fs::read(p).unwrap_or_default();
        for b in p.to_string_lossy().bytes().chain([0]).chain(bytes) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    println!("cargo:rustc-env=CABINET_BUILD_FINGERPRINT={h:016x}");
}
