//! Users' files keep working: the input format is a public interface. The bundled example as
//! it was before tables became data (`tests/fixtures/v1-inputs/`, every kind of file) and the
//! starter files `cabinet new` wrote then (`tests/fixtures/v1-scaffolds/`) are checked and
//! built by today's cabinet, and `check` gives the same codes at the same places as it did
//! (pinned in `tests/fixtures/v1-inputs.check`, recorded with the cabinet of that time).

use crate::{cabinet, repo};

/// `file:line:col: severity[CODE]` of every diagnostic `check` prints for `folder` (run in
/// `tests/fixtures/`), in order.
fn places(folder: &str) -> Vec<String> {
    let run = cabinet(
        &repo().join("tests/fixtures"),
        &["check", folder, "--diagnostic-format", "short"],
    );
    run.assert_code(0);
    run.stderr
        .lines()
        .filter(|l| l.contains("]: "))
        .map(|l| l.split("]: ").next().unwrap_or_default().to_string() + "]")
        .collect()
}

#[test]
fn the_first_bundled_example_checks_with_the_same_codes_at_the_same_places() {
    let pinned = std::fs::read_to_string(repo().join("tests/fixtures/v1-inputs.check"))
        .expect("pinned listing");
    // The same set, whatever order they are listed in.
    let mut pinned: Vec<&str> = pinned.lines().collect();
    pinned.sort_unstable();
    let mut found = places("v1-inputs");
    found.sort_unstable();
    assert_eq!(found, pinned);
}

#[test]
fn the_first_bundled_example_and_scaffolds_still_build() {
    for folder in ["v1-inputs", "v1-scaffolds"] {
        let out = tempfile::tempdir().expect("tmp");
        let o = out.path().join("out");
        let src = repo().join("tests/fixtures").join(folder);
        cabinet(
            &repo(),
            &[
                "build",
                src.to_str().expect("utf-8"),
                "--output",
                o.to_str().expect("utf-8"),
                "-q",
            ],
        )
        .assert_code(0);
        assert!(o.join("report.pdf").is_file() || o.join("investment-report.pdf").is_file());
    }
    assert!(
        places("v1-scaffolds").is_empty(),
        "the starter files check clean"
    );
}
