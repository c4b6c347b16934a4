//! `cabinet explain` (issue 21): with no code it lists every code with its meaning; each
//! code's explanation shows a failing example and its fix, and every example really fails
//! with its code while the fix passes.

use cabinet::codes::Code;
use cabinet::explain::{example, Example, BASE};
use std::path::Path;

fn write_base(dir: &Path) {
    for (name, text) in BASE {
        let path = dir.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
}

#[test]
fn the_ground_of_the_examples_passes_check_without_a_word() {
    let dir = tempfile::tempdir().unwrap();
    write_base(dir.path());
    let checked = cabinet::check_inputs(&[dir.path().to_path_buf()]);
    assert!(
        checked.diagnostics.is_empty(),
        "{}",
        crate::listing(&checked, dir.path())
    );
    let k = checked.kinds;
    assert_eq!(
        (k.reports, k.initiatives, k.follow_ups, k.packs),
        (1, 2, 3, 1)
    );
}

#[test]
fn every_example_fails_with_its_code_and_its_fix_passes() {
    let mut failures = Vec::new();
    for &code in Code::ALL {
        let Example::Slip { file, fix, slip } = example(code) else {
            continue;
        };
        let dir = tempfile::tempdir().unwrap();
        write_base(dir.path());
        let path = dir.path().join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        assert_eq!(
            text.matches(fix).count(),
            1,
            "{code}: `{fix}` once in {file}"
        );
        std::fs::write(&path, text.replacen(fix, slip, 1)).unwrap();
        let checked = cabinet::check_inputs(&[dir.path().to_path_buf()]);
        let errors: Vec<Code> = checked
            .diagnostics
            .iter()
            .filter(|d| d.is_error())
            .map(|d| d.code)
            .collect();
        let mine = checked
            .diagnostics
            .iter()
            .filter(|d| d.code == code)
            .count();
        // An error example fails with its code and no other; a warning example only warns.
        let ok = mine == 1
            && if code.id().starts_with('E') {
                errors == [code]
            } else {
                errors.is_empty()
            };
        if !ok {
            failures.push(format!("{code}:\n{}", crate::listing(&checked, dir.path())));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_examples_told_in_words_are_what_they_say() {
    let dir = tempfile::tempdir().unwrap();
    let codes = |path: &Path| -> Vec<Code> {
        cabinet::check_inputs(&[path.to_path_buf()])
            .diagnostics
            .iter()
            .map(|d| d.code)
            .collect()
    };
    assert_eq!(codes(&dir.path().join("reports")), [Code::Io]);
    assert_eq!(codes(dir.path()), [Code::NoInputs]);
    std::fs::write(dir.path().join("a.yaml"), b"\xFF\xFEk\0i\0n\0d\0").unwrap();
    assert_eq!(codes(dir.path()), [Code::NotUtf8]);
    std::fs::remove_file(dir.path().join("a.yaml")).unwrap();
    let big = vec![b'#'; (cabinet::load::MAX_FILE_BYTES + 1) as usize];
    std::fs::write(dir.path().join("budget.yaml"), big).unwrap();
    assert_eq!(codes(dir.path()), [Code::TooLarge]);
    // Two pack files and no choice: E0505, from the pack command.
    let dir = tempfile::tempdir().unwrap();
    write_base(&dir.path().join("inputs"));
    std::fs::copy(
        dir.path().join("inputs/pack.yaml"),
        dir.path().join("inputs/pack-2.yaml"),
    )
    .unwrap();
    let run = crate::cabinet(dir.path(), &["pack"]);
    assert_ne!(run.code(), Some(0));
    assert!(run.stderr.contains("E0505"), "{}", run.stderr);
    // Two reports named alike in two folders: E0601.
    let dir = tempfile::tempdir().unwrap();
    for sub in ["a", "b"] {
        write_base(&dir.path().join(sub));
        for name in ["monitoring.yaml", "scenario.yaml", "plan.yaml", "pack.yaml"] {
            std::fs::remove_file(dir.path().join(sub).join(name)).unwrap();
        }
    }
    // (The b folder's initiatives would be the a folder's again: only its report is kept.)
    std::fs::remove_dir_all(dir.path().join("b/initiatives")).unwrap();
    let found = codes(dir.path());
    assert!(found.contains(&Code::OutputCollision), "{found:?}");
    for code in [
        Code::OutputCollision,
        Code::Io,
        Code::NotUtf8,
        Code::TooLarge,
        Code::NoInputs,
        Code::NoPack,
    ] {
        assert!(matches!(example(code), Example::Words { .. }), "{code}");
    }
}

#[test]
fn explain_lists_every_code_and_shows_each_example() {
    let dir = tempfile::tempdir().unwrap();
    let run = crate::cabinet(dir.path(), &["explain"]);
    run.assert_code(0);
    for code in Code::ALL {
        let line = run
            .stdout
            .lines()
            .find(|l| l.starts_with(code.id()))
            .unwrap_or_else(|| panic!("{code} not listed:\n{}", run.stdout));
        assert!(
            line.contains(code.slug()) && line.ends_with(code.meaning()),
            "{line}"
        );
    }
    let run = crate::cabinet(dir.path(), &["explain", "gross-saving"]);
    run.assert_code(2);
    let run = crate::cabinet(dir.path(), &["explain", "unknown-field"]);
    run.assert_code(0);
    assert_eq!(
        run.stdout.lines().next(),
        Some("E0007 (unknown-field): a key the format does not have at that place")
    );
    assert!(
        run.stdout.contains(
            "For example, in `initiatives/cyps-2.yaml` this fails with E0007:\n\n      gross_savings:\n\nand this passes:\n\n      gross_saving:\n"
        ),
        "{}",
        run.stdout
    );
    for code in Code::ALL {
        let text = cabinet::explain::explain(*code);
        assert!(text.contains("For example"), "{code}: {text}");
        assert!(
            text.lines().all(|l| l.chars().count() <= 100),
            "{code}: {text}"
        );
    }
}
