//! The follow-up kinds (monitoring, scenario, improvement plan) keep their diagnostics while
//! their tables and rules move into shared blocks: the full `check` listing (place, code,
//! message and hints) of every bundled follow-up file, of the seed-faithful fixtures, and of
//! each planted slip in `tests/fixtures/follow-up-slips.cases` is pinned in
//! `tests/fixtures/follow-up-slips.check`. Set `CABINET_PIN=write` to record it afresh (and
//! review the difference: every change must be a deliberate one).

use crate::{listing, repo, Example};
use std::path::Path;

const FOLLOW_UPS: [&str; 4] = [
    "lac-sufficiency.yaml",
    "monitoring-2018.yaml",
    "scenarios.yaml",
    "improvement-plan.yaml",
];

/// The listing lines of one file (`inputs/<file>:…`), hints included.
fn lines_of(all: &str, file: &str) -> String {
    let mut out = String::new();
    let mut keep = false;
    for l in all.lines() {
        if l.starts_with("      hint: ") {
            if keep {
                out.push_str(l);
                out.push('\n');
            }
            continue;
        }
        keep = l.trim_start().starts_with(file);
        if keep {
            out.push_str(l.trim_start());
            out.push('\n');
        }
    }
    out
}

fn record() -> String {
    let mut out = String::new();
    let ex = Example::all();
    let listed = listing(&ex.check(), ex.tmp.path());
    for f in FOLLOW_UPS {
        out.push_str(&format!("## bundled {f}\n"));
        out.push_str(&lines_of(&listed, &format!("inputs/{f}:")));
    }
    let seed = repo().join("tests/fixtures");
    let checked = cabinet::check_inputs(&[seed.join("seed-faithful")]);
    out.push_str("## seed-faithful\n");
    out.push_str(&lines_of(&listing(&checked, &seed), "seed-faithful/"));
    let cases = std::fs::read_to_string(seed.join("follow-up-slips.cases")).expect("cases");
    for case in cases
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
    {
        let parts: Vec<String> = case.split('\t').map(|p| p.replace("\\n", "\n")).collect();
        let [file, from, to] = &parts[..] else {
            panic!("a case is file<TAB>from<TAB>to: {case}")
        };
        let ex = Example::all();
        ex.plant(file, from, to);
        let listed = listing(&ex.check(), ex.tmp.path());
        out.push_str(&format!("## {case}\n"));
        out.push_str(&lines_of(&listed, &format!("inputs/{file}:")));
    }
    out
}

#[test]
fn follow_up_diagnostics_are_pinned_word_for_word() {
    let path = repo().join("tests/fixtures/follow-up-slips.check");
    let found = record();
    if std::env::var("CABINET_PIN").as_deref() == Ok("write") {
        std::fs::write(&path, &found).expect("write pin");
        return;
    }
    let pinned = std::fs::read_to_string(Path::new(&path)).expect("pinned listing");
    if found != pinned {
        let diff: Vec<String> = pinned
            .lines()
            .zip(found.lines())
            .filter(|(a, b)| a != b)
            .take(5)
            .map(|(a, b)| format!("- {a}\n+ {b}"))
            .collect();
        panic!(
            "the follow-up diagnostics changed ({} pinned lines, {} found):\n{}",
            pinned.lines().count(),
            found.lines().count(),
            diff.join("\n")
        );
    }
}

/// A year of the scenario history whose figures do not read is left out of the table the
/// stated variances are checked against: the years after it are checked against their own
/// figures (not read one row off, nor past the end), and nothing panics.
#[test]
fn a_history_year_with_a_bad_figure_leaves_the_other_years_checked() {
    let ex = Example::all();
    ex.plant(
        "scenarios.yaml",
        r#"budget: "10,628", actual: "13,332""#,
        r#"budget: "10,6x8", actual: "13,332""#,
    );
    let listed = lines_of(
        &listing(&ex.check(), ex.tmp.path()),
        "inputs/scenarios.yaml:",
    );
    let history: Vec<&str> = listed
        .lines()
        .filter(|l| !l.starts_with("      hint"))
        .filter(|l| l.starts_with("inputs/scenarios.yaml:4"))
        .collect();
    // 2015/16 and 2016/17 give their own variances (10,770 − 16,771 and 12,520 − 19,122), as
    // without the bad year.
    assert_eq!(
        history,
        [
            "inputs/scenarios.yaml:44:69: warning[W0208]: 2013/14: the Over-spend (budget − actual) is stated as (3,379) but the figures give (3,380) (a rounding difference of 1)",
            "inputs/scenarios.yaml:45:32: error[E0101]: 2014/15: budget: `10,6x8` is not a figure (the figure is not a number)",
            "inputs/scenarios.yaml:46:70: warning[W0208]: 2015/16: the Over-spend (budget − actual) is stated as (6,000) but the figures give (6,001) (a rounding difference of 1)",
            "inputs/scenarios.yaml:47:70: warning[W0208]: 2016/17: the Over-spend (budget − actual) is stated as (6,603) but the figures give (6,602) (a rounding difference of 1)",
        ]
    );
}
