//! Tests of the charts module: descriptions, SVG structure, determinism, isolation, and an
//! ignored test that writes the real example's charts to /tmp/charts for looking at.

use super::*;
use std::path::PathBuf;

/// `cargo test --lib chart::tests::write_example_charts -- --ignored`
#[test]
#[ignore]
fn write_example_charts() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("inputs");
    let checked = crate::check_inputs(&[root]);
    let ws = &checked.workspace;
    let out = PathBuf::from("/tmp/charts");
    std::fs::create_dir_all(&out).unwrap();
    for report in &ws.reports {
        let set = report_charts(ws, report);
        for chart in set.programme.iter().chain(set.by_initiative.iter().flatten()) {
            std::fs::write(out.join(format!("{}.svg", chart.id)), chart.svg().unwrap()).unwrap();
            std::fs::write(out.join(format!("{}.png", chart.id)), chart.png(1).unwrap()).unwrap();
            std::fs::write(out.join(format!("{}@3.png", chart.id)), chart.png(3).unwrap()).unwrap();
            println!("{}: {}\n  {}", chart.id, chart.title, chart.description);
        }
    }
}
