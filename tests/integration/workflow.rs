//! How officers work: the schemas accept the bundled example (so editor checks agree with
//! `cabinet check`), scaffolding passes check, and `watch` rebuilds once per save.

use crate::{repo, Example};
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn yaml_files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            yaml_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "yaml") {
            out.push(p);
        }
    }
}

#[test]
fn bundled_examples_validate_against_the_json_schemas() {
    let initiative: serde_json::Value =
        serde_json::from_str(&cabinet::scaffold::initiative_schema()).unwrap();
    let report: serde_json::Value =
        serde_json::from_str(&cabinet::scaffold::report_schema()).unwrap();
    let vi = jsonschema::validator_for(&initiative).expect("initiative schema compiles");
    let vr = jsonschema::validator_for(&report).expect("report schema compiles");
    let mut files = Vec::new();
    yaml_files(&repo().join("inputs"), &mut files);
    assert!(files.len() >= 12);
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap();
        let doc: serde_json::Value = serde_saphyr::from_str(&text).unwrap();
        let kind = doc["kind"].as_str().expect("kind");
        let schema: serde_json::Value =
            serde_json::from_str(&cabinet::scaffold::schema_for_kind(kind).expect("known kind"))
                .unwrap();
        let own = jsonschema::validator_for(&schema).expect("schema compiles");
        let v = match kind {
            "report" => &vr,
            "initiative" => &vi,
            _ => &own,
        };
        let errors: Vec<String> = v
            .iter_errors(&doc)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{}: {errors:?}", f.display());
    }
    // And the schema rejects what check rejects: an unknown key, a word for a figure.
    let bad: serde_json::Value = serde_saphyr::from_str("kind: initiative\nreference: X\ntitle: T\nfinance:\n  years: [2016/17]\n  investment: [{values: [abc]}]\n  gross_saving: {values: [0]}\ngross_savings: 1\n").unwrap();
    assert!(vi.iter_errors(&bad).count() >= 2);
}

#[test]
fn watch_rebuilds_once_per_save() {
    let ex = Example::new();
    let out = ex.tmp.path().join("out");
    let mut child = Command::new(env!("CARGO_BIN_EXE_cabinet"))
        .args(["watch", "inputs", "--output", out.to_str().unwrap()])
        .current_dir(ex.tmp.path())
        .env("NO_COLOR", "1")
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .expect("spawn watch");
    let (tx, rx) = std::sync::mpsc::channel();
    let stderr = child.stderr.take().unwrap();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let wait_for = |want: &str, limit: Duration| -> Vec<String> {
        let start = Instant::now();
        let mut seen = Vec::new();
        while start.elapsed() < limit {
            if let Ok(l) = rx.recv_timeout(Duration::from_millis(100)) {
                let hit = l.contains(want);
                seen.push(l);
                if hit {
                    return seen;
                }
            }
        }
        panic!("no `{want}` within {limit:?}; saw {seen:?}");
    };
    wait_for("watching", Duration::from_secs(120));
    // One save of one initiative: a figure and its stated cumulative change together.
    let path = ex.file("initiatives/cyps-3.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replacen("# ", "#  ", 1)).unwrap();
    let lines = wait_for("rebuilt:", Duration::from_secs(120));
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("changed:") && l.contains("cyps-3.yaml")),
        "{lines:?}"
    );
    // Nothing else happens after that one rebuild.
    std::thread::sleep(Duration::from_millis(1500));
    let extra: Vec<String> = rx.try_iter().filter(|l| l.contains("rebuilt:")).collect();
    let _ = child.kill();
    let _ = child.wait();
    assert!(
        extra.is_empty(),
        "one save must trigger exactly one rebuild, saw {extra:?}"
    );
}

/// The numbered steps of the README's "Your first report, step by step", as the commands
/// they start with: each step's first code span.
fn readme_steps() -> Vec<String> {
    let readme = std::fs::read_to_string(repo().join("README.md")).expect("README.md");
    let section = readme
        .split("## Your first report, step by step")
        .nth(1)
        .expect("the walkthrough section")
        .split("\n## ")
        .next()
        .unwrap_or_default();
    section
        .lines()
        .filter(|l| {
            let digits = l.len() - l.trim_start_matches(|c: char| c.is_ascii_digit()).len();
            digits > 0 && l[digits..].starts_with(". `")
        })
        .filter_map(|l| l.split('`').nth(1).map(str::to_string))
        .collect()
}

/// Splits a command as a shell would for the README's simple commands: words, and
/// double-quoted words with spaces.
fn words(command: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut quoted = false;
    let mut any = false;
    for c in command.chars() {
        match c {
            '"' => {
                quoted = !quoted;
                any = true;
            }
            ' ' if !quoted => {
                if any {
                    out.push(std::mem::take(&mut word));
                    any = false;
                }
            }
            c => {
                word.push(c);
                any = true;
            }
        }
    }
    if any {
        out.push(word);
    }
    out
}

/// Issue 21: the walkthrough works as written. Its commands run literally, in order, in an
/// empty folder, with the built binary standing in for `cargo install`: each exits 0, and
/// the last leaves a built report.
#[test]
fn the_readme_walkthrough_works_as_written_in_an_empty_folder() {
    let steps = readme_steps();
    assert!(
        steps
            .first()
            .is_some_and(|s| s.starts_with("cargo install")),
        "step 1 installs cabinet: {steps:?}"
    );
    let commands: Vec<&String> = steps.iter().filter(|s| s.starts_with("cabinet ")).collect();
    assert_eq!(
        commands.len(),
        steps.len() - 1,
        "every other step is a cabinet command: {steps:?}"
    );
    assert!(
        commands
            .iter()
            .any(|c| c.starts_with("cabinet new initiative"))
            && commands.iter().any(|c| c.starts_with("cabinet new report"))
            && commands.iter().any(|c| *c == "cabinet check")
            && commands.last().is_some_and(|c| *c == "cabinet build"),
        "{commands:?}"
    );
    let dir = tempfile::tempdir().unwrap();
    for command in commands {
        let args = words(command);
        let args: Vec<&str> = args[1..].iter().map(String::as_str).collect();
        let run = crate::cabinet(dir.path(), &args);
        assert_eq!(run.code(), Some(0), "`{command}`:\n{}", run.stderr);
        assert!(
            !run.stderr.contains("error[") && !run.stderr.contains("warning["),
            "`{command}`:\n{}",
            run.stderr
        );
    }
    for file in [
        "inputs/initiatives/cyps-11.yaml",
        "inputs/investment-report.yaml",
        "inputs/.cabinet/initiative.schema.json",
        "output/investment-report.md",
        "output/investment-report.html",
        "output/investment-report.pdf",
    ] {
        assert!(dir.path().join(file).is_file(), "no {file}");
    }
    let md = std::fs::read_to_string(dir.path().join("output/investment-report.md")).unwrap();
    assert!(md.contains("CYPS 11 – Family Time"), "{md}");
    // The counts read as English: one report, one initiative.
    let run = crate::cabinet(dir.path(), &["check", "--summary"]);
    run.assert_code(0);
    assert!(
        run.stderr
            .contains("checked 2 files: 1 report, 1 initiative; 0 errors, 0 warnings"),
        "{}",
        run.stderr
    );
    assert!(
        run.stdout.contains("Investment report (1 initiative, £m)"),
        "{}",
        run.stdout
    );
}

#[test]
fn check_in_a_folder_with_no_inputs_says_so_once() {
    let dir = tempfile::tempdir().unwrap();
    let run = crate::cabinet(dir.path(), &["check", "--diagnostic-format", "short"]);
    run.assert_code(1);
    let problems: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.contains("error["))
        .collect();
    assert_eq!(problems.len(), 1, "{}", run.stderr);
    assert!(problems[0].contains("E0001"), "{}", run.stderr);
    std::fs::create_dir(dir.path().join("inputs")).unwrap();
    let run = crate::cabinet(dir.path(), &["check"]);
    run.assert_code(1);
    assert!(run.stderr.contains("error[E0303]"), "{}", run.stderr);
    assert!(
        run.stderr.contains("cabinet new initiative NAME"),
        "{}",
        run.stderr
    );
}
