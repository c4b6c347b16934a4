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
