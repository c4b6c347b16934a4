//! Arbitrary bytes written as an initiative file beside a fixed report and a fixed initiative
//! (CYPS 3, from the bundled example) in a temporary folder → `cabinet::check_inputs`, then the
//! diagnostics printed the way `cabinet check` prints them and, for each report that passed,
//! its figures calculated. Must never panic.
#![no_main]

use cabinet::diagnostic::{emit, DiagnosticFormat};
use cabinet::{calc, check_inputs};
use codespan_reporting::term::termcolor::NoColor;
use libfuzzer_sys::fuzz_target;
use std::path::PathBuf;
use std::sync::OnceLock;

/// Lists the fuzzed file's seed reference (CYPS 2) and the fixed CYPS 3, with their totals.
const REPORT: &str = "\
kind: report
committee: Cabinet
meeting_date: 2016-11-14
title: Fuzz report
summary: A fixed report beside a fuzzed initiative.
recommendations:
  - Note the report.
initiatives: [CYPS 2, CYPS 3]
published_totals:
  caption: Table 2
  investment: [0.100, 0.216, 0.267, 0.319, 0.370]
  gross_saving: [0.000, (0.231), (0.825), (1.584), (2.376)]
  net: [0.100, (0.015), (0.558), (1.265), (2.006)]
";

const FIXED_INITIATIVE: &str = include_str!("../../inputs/initiatives/cyps-3.yaml");

fn folder() -> &'static (tempfile::TempDir, PathBuf) {
    static DIR: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temporary folder");
        std::fs::write(dir.path().join("report.yaml"), REPORT).expect("write report");
        std::fs::write(dir.path().join("cyps-3.yaml"), FIXED_INITIATIVE).expect("write CYPS 3");
        let fuzzed = dir.path().join("fuzzed.yaml");
        (dir, fuzzed)
    })
}

fuzz_target!(|data: &[u8]| {
    let (dir, fuzzed) = folder();
    std::fs::write(fuzzed, data).expect("write fuzzed file");
    let checked = check_inputs(&[dir.path().to_path_buf()]);
    for format in [DiagnosticFormat::Human, DiagnosticFormat::Short] {
        let mut out = NoColor::new(Vec::new());
        emit(&mut out, &checked.sources, &checked.diagnostics, format)
            .expect("diagnostics print to a buffer");
    }
    if checked.has_errors() {
        return;
    }
    let ws = &checked.workspace;
    for report in &ws.reports {
        // The figures every view and chart of the report prints, as the build computes them.
        let rf = calc::report(&ws.initiatives, report);
        let pairs: Vec<_> = rf.initiatives.iter().copied().zip(rf.figures.iter()).collect();
        let unit = cabinet::model::table::Unit::from(report.units);
        let _ = calc::disclosures(&pairs, report.published_totals.as_ref(), &rf.programme, unit);
        for f in &rf.figures {
            assert_eq!(
                f.cumulative_net.last().copied().unwrap_or_default(),
                f.total_net
            );
        }
    }
});
