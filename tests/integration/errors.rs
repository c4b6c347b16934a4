//! Error text is interface (issue 21): for small files of every kind, each with several
//! independent problems, one run of `check` must report every problem, at its line and
//! column, with exactly this message, and nothing else: no knock-on message that names a
//! problem that is not there. Each row is what `--diagnostic-format short` prints.

use cabinet::Checked;
use std::path::Path;

/// One folder of input files and every line `check` must print about them.
pub(crate) struct Case {
    pub name: &'static str,
    pub files: &'static [(&'static str, &'static str)],
    /// `file:line:col: severity[code]: message`, in the order printed.
    pub expect: &'static [&'static str],
}

pub(crate) fn short(checked: &Checked, root: &Path) -> Vec<String> {
    checked
        .diagnostics
        .iter()
        .map(|d| {
            let (file, line, col) = crate::place(checked, d, root).expect("a located diagnostic");
            let sev = if d.is_error() { "error" } else { "warning" };
            format!("{file}:{line}:{col}: {sev}[{}]: {}", d.code.id(), d.message)
        })
        .collect()
}

pub(crate) fn run(case: &Case) -> (Checked, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in case.files {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, text).unwrap();
    }
    (cabinet::check_inputs(&[dir.path().to_path_buf()]), dir)
}

const REPORT: &str = "kind: report
committee: Cabinet
meeting_date: 2016-11-14
title: Investment report
summary: Investment proposals.
recommendations: [Note the report.]
initiatives: [CYPS 2]
";

const CASES: &[Case] = &[
    Case {
        // The three runs in one: a misspelt key, a bad year, a net that does not add up;
        // with a misspelt KPI key, an unknown key, a wrong type and a bad status besides. The
        // figures under the misspelt `gross_savings` are still read and checked.
        name: "initiative",
        files: &[
            ("report.yaml", REPORT),
            (
                "initiatives/cyps-2.yaml",
                "# CYPS 2
kind: initiative
reference: CYPS 2
title: Family Group Conferencing
status: propsed
finance:
  years: [2016/17, 2017/18, 2018/2O]
  investment:
    - label: Investment
      values: [0.100, 0.164, 0.164]
      cumulative: 0.428
      in_totals: perhaps
  gross_savings:
    values: [0.000, (0.165), (0.627)]
  net:
    values: [0.100, (0.011), (0.463)]
  colour: blue
kpis:
  - name: LAC Reduction
    units: children
    values: [0, 15, 27]
    total: 43
",
            ),
        ],
        expect: &[
            "initiatives/cyps-2.yaml:5:9: error[E0107]: unknown status `propsed`",
            "initiatives/cyps-2.yaml:7:29: error[E0102]: `2018/2O` is not a financial year: a financial year is written like `2016/17`",
            "initiatives/cyps-2.yaml:12:18: error[E0009]: `in_totals` takes `true` or `false`, not `perhaps`",
            "initiatives/cyps-2.yaml:13:3: error[E0007]: unknown key `gross_savings` in `finance`; did you mean `gross_saving`?",
            "initiatives/cyps-2.yaml:16:21: error[E0201]: the net figure for 2017/18 is stated as (0.011) but the figures add up to (0.001) (a difference of 0.010)",
            "initiatives/cyps-2.yaml:17:3: error[E0007]: unknown key `colour` in `finance`",
            "initiatives/cyps-2.yaml:20:5: error[E0007]: unknown key `units` in `kpis`; did you mean `unit`?",
            "initiatives/cyps-2.yaml:22:12: error[E0206]: KPI `LAC Reduction`: the total is stated as 43 but the values add up to 42",
        ],
    },
    Case {
        // A misspelt required key (read as meant), a date that does not exist, values out of
        // range, a misspelt reference, a misspelt section. CYPS 2 is not called unused: the
        // report is told it probably meant it.
        name: "report",
        files: &[
            (
                "report.yaml",
                "kind: report
comittee: Cabinet
meeting_date: 2016-11-31
title: Investment report
summary: Investment proposals.
recommendations: [Note the report.]
decimals: 9
negatives: red
initiatives: [CYPS 3]
sections:
  backgroud: Some background.
",
            ),
            (
                "initiatives/cyps-2.yaml",
                "kind: initiative
reference: CYPS 2
title: Family Group Conferencing
finance:
  years: [2016/17, 2017/18]
  investment:
    - values: [0.100, 0.164]
  gross_saving:
    values: [0.000, (0.165)]
",
            ),
        ],
        expect: &[
            "report.yaml:2:1: error[E0007]: unknown key `comittee`; did you mean `committee`?",
            "report.yaml:3:15: error[E0106]: `2016-11-31` is not a date",
            "report.yaml:7:11: error[E0107]: 9 decimal places is more than cabinet prints",
            "report.yaml:8:12: error[E0107]: unknown negative style `red`",
            "report.yaml:9:15: error[E0301]: no initiative file has the reference `CYPS 3`; did you mean `CYPS 2`?",
            "report.yaml:11:3: error[E0007]: unknown key `backgroud` in `sections`; did you mean `background`?",
        ],
    },
    Case {
        name: "monitoring",
        files: &[(
            "monitoring.yaml",
            "kind: monitoring
committee: Cabinet
meeting_date: 2018-09-18
title: Monitoring 2018
summary: A summary.
recommendations: [Note the report.]
year: 2018/19
basis: anual
initiatives:
  - reference: CYPS 1A
    title: Foster Carer Payments Scheme
    lines:
      - { type: investment, target: 0.442, forcast: 0.442, variance: 0.000 }
      - { type: saving, target: (1.286), forecast: (1.300), variance: 0.100 }
budget:
  caption: Children in Care budget position
  lines:
    - { label: Children In Care, budget: 29.8, actual: 42.3, variance: 12.6 }
",
        )],
        expect: &[
            "monitoring.yaml:8:8: error[E0107]: unknown basis `anual`",
            "monitoring.yaml:13:44: error[E0007]: unknown key `forcast` in `initiatives.lines`; did you mean `forecast`?",
            "monitoring.yaml:14:71: error[E0401]: the variance of CYPS 1A Gross saving (forecast − target) is stated as 0.100 but the figures give (0.014) (a difference of 0.114)",
            "monitoring.yaml:18:72: warning[W0208]: the variance of Children In Care (actual − budget) is stated as 12.6 but the figures give 12.5 (a rounding difference of 0.1)",
        ],
    },
    Case {
        // 0 ≤ amber ≤ red: amber above red is refused, at the thresholds.
        name: "RAG thresholds: amber above red",
        files: &[(
            "monitoring.yaml",
            "kind: monitoring
committee: Cabinet
meeting_date: 2018-09-18
title: Monitoring 2018
summary: A summary.
recommendations: [Note the report.]
year: 2018/19
rag_thresholds: { amber: 20%, red: 10% }
initiatives:
  - reference: CYPS 1A
    title: Foster Carer Payments Scheme
    lines:
      - { type: investment, target: 0.442, forecast: 0.442, variance: 0.000 }
",
        )],
        expect: &["monitoring.yaml:8:17: error[E0107]: RAG thresholds must satisfy 0 ≤ amber ≤ red; they are 20% and 10%"],
    },
    Case {
        // The other side: amber may equal red.
        name: "RAG thresholds: amber equal to red",
        files: &[(
            "monitoring.yaml",
            "kind: monitoring
committee: Cabinet
meeting_date: 2018-09-18
title: Monitoring 2018
summary: A summary.
recommendations: [Note the report.]
year: 2018/19
rag_thresholds: { amber: 10%, red: 10% }
initiatives:
  - reference: CYPS 1A
    title: Foster Carer Payments Scheme
    lines:
      - { type: investment, target: 0.442, forecast: 0.442, variance: 0.000 }
",
        )],
        expect: &[],
    },
    Case {
        // Below zero, though below red too.
        name: "RAG thresholds: amber below zero",
        files: &[(
            "monitoring.yaml",
            "kind: monitoring
committee: Cabinet
meeting_date: 2018-09-18
title: Monitoring 2018
summary: A summary.
recommendations: [Note the report.]
year: 2018/19
rag_thresholds: { amber: -5%, red: 10% }
initiatives:
  - reference: CYPS 1A
    title: Foster Carer Payments Scheme
    lines:
      - { type: investment, target: 0.442, forecast: 0.442, variance: 0.000 }
",
        )],
        expect: &["monitoring.yaml:8:17: error[E0107]: RAG thresholds must satisfy 0 ≤ amber ≤ red; they are -5% and 10%"],
    },
    Case {
        name: "scenario",
        files: &[(
            "scenarios.yaml",
            "kind: scenario
committee: Cabinet
meeting_date: 2016-11-14
title: Scenarios
summary: A summary.
recommendations: [Note the report.]
units: £k
scenarios:
  caption: Table 2 - LAC budget scenario analysis
  years: [2016/17, 2017/18]
  budget: [\"16,672\", \"13,672\"]
  variance_sign: budget-minus-actual
  cases:
    - name: Best Case
      actual: [\"18,673\", \"14,822\"]
      variance: [\"-2,001\", \"-1,250\"]
      asumptions: Fewer placements.
",
        )],
        expect: &[
            "scenarios.yaml:16:28: error[E0401]: Best Case 2017/18: the Variance (budget − actual) is stated as (1,250) but the figures give (1,150) (a difference of 100)",
            "scenarios.yaml:17:7: error[E0007]: unknown key `asumptions` in `scenarios.cases`; did you mean `assumptions`?",
        ],
    },
    Case {
        // A misspelt required key read as meant; a total that does not add up; a figure off
        // the scale, whose rating is then not checked as well.
        name: "improvement plan",
        files: &[(
            "plan.yaml",
            "kind: improvement-plan
committee: Cabinet
meeting_date: 2014-06-01
title: Improvement plan
summary: A summary.
recommendations: [Note the report.]
units: £k
objectivs:
  - title: Reduce agency staff
    targets:
      - target: 5 agency social workers
        saving: 95
      - target: Fewer placements
        saving: 40
total_saving: 145
risks:
  - risk: Culture change will be resisted
    likelihood: 3
    impact: 6
    rating: green
",
        )],
        expect: &[
            "plan.yaml:8:1: error[E0007]: unknown key `objectivs`; did you mean `objectives`?",
            "plan.yaml:15:15: error[E0403]: the total target saving is stated as 145 but the figures give 135 (a difference of 10)",
            "plan.yaml:19:13: error[E0107]: 6 is not on the 1 to 5 scale",
        ],
    },
    Case {
        // A control character written as an escape (a bell) in a title: told at the text.
        name: "control characters",
        files: &[
            ("report.yaml", REPORT),
            (
                "initiatives/cyps-2.yaml",
                "kind: initiative
reference: CYPS 2
title: \"Family\\a Group Conferencing\"
finance:
  years: [2016/17, 2017/18]
  investment:
    - values: [0.100, 0.164]
  gross_saving:
    values: [0.000, (0.165)]
",
            ),
        ],
        expect: &[
            "initiatives/cyps-2.yaml:3:8: error[E0011]: this text holds the control character U+0007, which no page can show",
        ],
    },
    Case {
        name: "pack",
        files: &[(
            "pack.yaml",
            "kind: pack
authority: Rotherham Metropolitan Borough Council
committee: Cabinet
meeting_date: 2016-11-14
venu: Town Hall
items:
  - number: 1
    title: Apologies for absence
  - number: 1
    title: Minutes
    exempt: { paragraph: 9 }
  - number: 2
    title: Report
    report: missing.yaml
",
        )],
        expect: &[
            "pack.yaml:5:1: error[E0007]: unknown key `venu`; did you mean `venue`?",
            "pack.yaml:9:13: error[E0501]: two agenda items are numbered `1`",
            "pack.yaml:11:13: error[E0503]: paragraph 9 is not a paragraph of Schedule 12A",
            "pack.yaml:14:13: error[E0502]: there is no file `missing.yaml`",
        ],
    },
    Case {
        // A pack whose report has an error of its own: that error alone, not E0502 besides.
        name: "pack with a broken report",
        files: &[
            (
                "pack.yaml",
                "kind: pack
authority: Rotherham Metropolitan Borough Council
committee: Cabinet
meeting_date: 2016-11-14
items:
  - number: 1
    title: Report
    report: report.yaml
",
            ),
            (
                "report.yaml",
                "kind: report
committee: Cabinet
meeting_date: 2016-11-31
title: Investment report
summary: Investment proposals.
recommendations: [Note the report.]
",
            ),
        ],
        expect: &["report.yaml:3:15: error[E0106]: `2016-11-31` is not a date"],
    },
    Case {
        // An indentation error in the initiative: that alone. Not E0301 from the report that
        // lists it, nor W0304.
        name: "indentation error in a listed initiative",
        files: &[
            ("report.yaml", REPORT),
            (
                "initiatives/cyps-2.yaml",
                "kind: initiative
reference: CYPS 2
title: Family Group Conferencing
finance:
  years: [2016/17, 2017/18]
   investment:
    - values: [0.100, 0.164]
  gross_saving:
    values: [0.000, (0.165)]
",
            ),
        ],
        expect: &["initiatives/cyps-2.yaml:6:4: error[E0004]: while parsing a block mapping, did not find expected key"],
    },
    Case {
        // The report cannot be read: its syntax error alone, and no initiative is unused.
        name: "syntax error in the report",
        files: &[
            ("report.yaml", "kind: report\ncommittee: Cabinet\ntitle: [Investment\n"),
            (
                "initiatives/cyps-2.yaml",
                "kind: initiative
reference: CYPS 2
title: Family Group Conferencing
finance:
  years: [2016/17]
  investment: [{values: [0.100]}]
  gross_saving: {values: [0.000]}
",
            ),
        ],
        expect: &["report.yaml:3:8: error[E0004]: unclosed bracket '['"],
    },
    Case {
        // One changed figure: once, at the figure, not as two Cumulatives, a net and a
        // payback that no longer follow from it.
        name: "one changed figure",
        files: &[
            ("report.yaml", REPORT),
            (
                "initiatives/cyps-2.yaml",
                "kind: initiative
reference: CYPS 2
title: Family Group Conferencing
finance:
  years: [2016/17, 2017/18, 2018/19]
  investment:
    - values: [0.100, 0.264, 0.164]
      cumulative: 0.428
  gross_saving:
    values: [0.000, (0.165), (0.627)]
    cumulative: (0.792)
  net:
    values: [0.100, (0.001), (0.463)]
    cumulative: (0.364)
  payback: Year 2
",
            ),
        ],
        expect: &["initiatives/cyps-2.yaml:7:23: error[E0202]: `Investment` for 2017/18 is 0.264, but the stated Cumulative and the stated net for 2017/18 both make it 0.164"],
    },
    Case {
        // One changed figure in an initiative with no stated totals puts the published
        // investment and net of its year out by the same amount: once, at the investment.
        name: "one changed figure against published totals",
        files: &[
            (
                "report.yaml",
                "kind: report
committee: Cabinet
meeting_date: 2016-11-14
title: Investment report
summary: Investment proposals.
recommendations: [Note the report.]
initiatives: [CYPS 2, CYPS 3]
published_totals:
  investment: [0.150, 0.264]
  net: [0.150, (0.052)]
",
            ),
            (
                "initiatives/cyps-2.yaml",
                "kind: initiative
reference: CYPS 2
title: Family Group Conferencing
finance:
  years: [2016/17, 2017/18]
  investment:
    - values: [0.100, 0.164]
  gross_saving:
    values: [0.000, (0.165)]
",
            ),
            (
                "initiatives/cyps-3.yaml",
                "kind: initiative
reference: CYPS 3
title: Edge of Care
finance:
  years: [2016/17, 2017/18]
  investment:
    - values: [0.050, 0.200]
  gross_saving:
    values: [0.000, (0.151)]
",
            ),
        ],
        expect: &["report.yaml:9:23: error[E0207]: the published total: investment for 2017/18 is stated as 0.264 but the figures add up to 0.364 (a difference of 0.100)"],
    },
    Case {
        // A tab: at the tab, in plain words; a misspelt key before it is still found.
        name: "tab",
        files: &[(
            "initiatives/cyps-2.yaml",
            "kind: initiative\nreference: CYPS 2\ntitel: Family Group Conferencing\nfinance:\n\tyears: [2016/17]\n",
        )],
        expect: &[
            "initiatives/cyps-2.yaml:3:1: error[E0007]: unknown key `titel`; did you mean `title`?",
            "initiatives/cyps-2.yaml:5:1: error[E0004]: a tab character is used for indentation",
        ],
    },
    Case {
        // A key given twice: the second, pointing back at the first; the rest still checked.
        name: "duplicate key",
        files: &[(
            "report.yaml",
            "kind: report
committee: Cabinet
meeting_date: 2016-11-14
title: Investment report
title: Investment report (revised)
summary: Investment proposals.
recommendations: [Note the report.]
key_decision: perhaps
exempt: maybe
units: £z
",
        )],
        expect: &[
            "report.yaml:5:1: error[E0006]: `title` is given twice",
            "report.yaml:8:15: error[E0009]: `key_decision` takes `true` or `false`, not `perhaps`",
            "report.yaml:9:9: error[E0009]: `exempt` is not in a form it takes",
            "report.yaml:10:8: error[E0107]: unknown units `£z`",
        ],
    },
];

/// Checks each case and compares its short listing with what the case expects, reporting every
/// case that differs at once (shared by the error and boundary tables).
pub fn assert_cases(cases: &[Case]) {
    let mut failures = Vec::new();
    for case in cases {
        let (checked, dir) = run(case);
        let got = short(&checked, dir.path());
        if got != case.expect {
            failures.push(format!(
                "{}:\n  got:\n    {}\n  expected:\n    {}",
                case.name,
                got.join("\n    "),
                case.expect.join("\n    ")
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_problem_is_reported_once_at_its_place_with_its_exact_message() {
    assert_cases(CASES);
}

#[test]
fn hints_say_what_to_do() {
    // The hints of a few of the cases above, pinned: the suggestion is acted on, the tab is
    // explained, the allowed keys are listed where nothing is near.
    let hints = |name: &str, at: &str| -> Vec<String> {
        let case = CASES.iter().find(|c| c.name == name).unwrap();
        let (checked, dir) = run(case);
        checked
            .diagnostics
            .iter()
            .find(|d| {
                crate::place(&checked, d, dir.path())
                    .is_some_and(|(f, l, c)| format!("{f}:{l}:{c}") == at)
            })
            .map(|d| d.hints.clone())
            .unwrap_or_default()
    };
    assert_eq!(
        hints("initiative", "initiatives/cyps-2.yaml:13:3"),
        ["the rest of the file is checked as if this key were `gross_saving`"]
    );
    assert_eq!(
        hints("initiative", "initiatives/cyps-2.yaml:17:3"),
        ["the keys allowed here are `current_budget`, `gross_saving`, `investment`, `net`, `notes`, `payback`, `years`"]
    );
    assert_eq!(
        hints("tab", "initiatives/cyps-2.yaml:5:1"),
        ["indent with spaces: YAML does not allow tab characters for indentation"]
    );
    assert_eq!(
        hints("duplicate key", "report.yaml:9:9"),
        ["`exempt`: `false`, or `{ paragraph: 3, reason: ... }` under Schedule 12A of the Local Government Act 1972."]
    );
}

/// A problem with the files and folders themselves, or with what a command was asked to do,
/// and everything the binary prints about it: `file:line:col` where there is a file (one that
/// cannot be read is pointed at its start), the code, the exact message, the summary line, and
/// the exit code. Paths are as given on the command line, relative to where it runs.
struct Printed {
    name: &'static str,
    /// Makes the folder the binary runs in; `false` when this system cannot (no `mkfifo`).
    setup: fn(&Path) -> bool,
    args: &'static [&'static str],
    exit: i32,
    stderr: &'static str,
}

fn put(dir: &Path, rel: &str, bytes: &[u8]) {
    let path = dir.join(rel);
    std::fs::create_dir_all(path.parent().expect("parent")).expect("dir");
    std::fs::write(path, bytes).expect("write");
}

const SHORT: &str = "--diagnostic-format=short";

const PLAIN_REPORT: &[u8] = b"kind: report
committee: Cabinet
meeting_date: 2016-11-14
title: T
summary: S
recommendations: [Note]
initiatives: []
";

const PACK: &[u8] = b"kind: pack
authority: Rotherham Metropolitan Borough Council
committee: Cabinet
meeting_date: 2016-11-14
items:
  - number: 1
    title: Apologies for absence
";

/// The E0505 explanation `cabinet pack` prints after each reason it cannot choose a pack.
macro_rules! no_pack {
    ($why:literal) => {
        concat!(
            "error: ",
            $why,
            " (E0505: `cabinet pack` needs a `kind: pack` file: give its path, or keep exactly one pack file in the input folder.)\n"
        )
    };
}

// The operating system's words for a missing file are pinned as Linux and macOS print them.
#[cfg(unix)]
const PRINTED: &[Printed] = &[
    Printed {
        name: "E0001: the input folder does not exist",
        setup: |_| true,
        args: &["check", SHORT, "inputs"],
        exit: 1,
        stderr: "error[E0001]: cannot read `inputs`: No such file or directory (os error 2)
checked 0 files: 0 reports, 0 initiatives; 1 error, 0 warnings
",
    },
    Printed {
        name: "E0001: a pipe with a .yaml name, which is not a file",
        setup: |dir| {
            std::fs::create_dir_all(dir.join("inputs")).expect("dir");
            std::process::Command::new("mkfifo")
                .arg(dir.join("inputs/pipe.yaml"))
                .status()
                .is_ok_and(|s| s.success())
        },
        args: &["check", SHORT, "inputs"],
        exit: 1,
        stderr: "inputs/pipe.yaml:1:1: error[E0001]: `inputs/pipe.yaml` is not a file
checked 1 file: 0 reports, 0 initiatives; 1 error, 0 warnings
",
    },
    Printed {
        name: "E0002: a NUL byte",
        setup: |dir| {
            put(dir, "inputs/report.yaml", b"kind: report\0\n");
            true
        },
        args: &["check", SHORT, "inputs"],
        exit: 1,
        stderr: "inputs/report.yaml:1:1: error[E0002]: `inputs/report.yaml` is not UTF-8 text (a NUL byte: this looks like a binary file at byte 12)
checked 1 file: 0 reports, 0 initiatives; 1 error, 0 warnings
",
    },
    Printed {
        name: "E0002: UTF-16",
        setup: |dir| {
            put(dir, "inputs/report.yaml", b"\xFF\xFEk\0i\0n\0d\0");
            true
        },
        args: &["check", SHORT, "inputs"],
        exit: 1,
        stderr: "inputs/report.yaml:1:1: error[E0002]: `inputs/report.yaml` is not UTF-8 text (it is UTF-16 at byte 0)
checked 1 file: 0 reports, 0 initiatives; 1 error, 0 warnings
",
    },
    Printed {
        name: "E0002: Latin-1",
        setup: |dir| {
            put(dir, "inputs/report.yaml", b"kind: report\ntitle: caf\xE9\n");
            true
        },
        args: &["check", SHORT, "inputs"],
        exit: 1,
        stderr: "inputs/report.yaml:1:1: error[E0002]: `inputs/report.yaml` is not UTF-8 text (an invalid byte at byte 23)
checked 1 file: 0 reports, 0 initiatives; 1 error, 0 warnings
",
    },
    Printed {
        name: "E0003: a file over 8 MiB",
        setup: |dir| {
            put(dir, "inputs/budget.yaml", &vec![b'#'; 9 * 1024 * 1024]);
            true
        },
        args: &["check", SHORT, "inputs"],
        exit: 1,
        stderr: "inputs/budget.yaml:1:1: error[E0003]: `inputs/budget.yaml` is 9 MiB; input files may be at most 8 MiB
checked 1 file: 0 reports, 0 initiatives; 1 error, 0 warnings
",
    },
    Printed {
        // 2,000 aliases, `kind:` last so that every alias is read: told at the 1,001st.
        name: "E0005: too many aliases",
        setup: |dir| {
            let aliases = vec!["*x"; 2_000].join(", ");
            let text = format!("appendices: &x [a]\nbackground_papers: [{aliases}]\nkind: report\n");
            put(dir, "inputs/aliases.yaml", text.as_bytes());
            true
        },
        args: &["check", SHORT, "inputs"],
        exit: 1,
        stderr: "inputs/aliases.yaml:2:4021: error[E0005]: the file goes past a safety limit on YAML structure: more than 1,000 aliases or anchors
checked 1 file: 1 report, 0 initiatives; 1 error, 0 warnings
",
    },
    Printed {
        // 300,000 one-character figures in under 8 MiB: told at the 200,001st value of the
        // file (its keys, its list and the 199,996th figure).
        name: "E0005: too many values",
        setup: |dir| {
            let values = vec!["0"; 300_000].join(",");
            let text = format!("kind: report\nappendices: [{values}]\n");
            put(dir, "inputs/flood.yaml", text.as_bytes());
            true
        },
        args: &["check", SHORT, "inputs"],
        exit: 1,
        stderr: "inputs/flood.yaml:2:400004: error[E0005]: the file goes past a safety limit on YAML structure: more than 200,000 values
checked 1 file: 1 report, 0 initiatives; 1 error, 0 warnings
",
    },
    Printed {
        name: "E0303: a folder with no .yaml file",
        setup: |dir| {
            put(dir, "inputs/notes.txt", b"not an input");
            true
        },
        args: &["check", SHORT, "inputs"],
        exit: 1,
        stderr: "error[E0303]: no .yaml files found in the input folder
checked 0 files: 0 reports, 0 initiatives; 1 error, 0 warnings
",
    },
    Printed {
        name: "E0505: no pack file",
        setup: |dir| {
            put(dir, "inputs/report.yaml", PLAIN_REPORT);
            true
        },
        args: &["pack", "-q"],
        exit: 2,
        stderr: no_pack!("there is no `kind: pack` file in `inputs`"),
    },
    Printed {
        name: "E0505: two pack files and none named",
        setup: |dir| {
            put(dir, "inputs/report.yaml", PLAIN_REPORT);
            put(dir, "inputs/pack-1.yaml", PACK);
            put(dir, "inputs/pack-2.yaml", PACK);
            true
        },
        args: &["pack", "-q"],
        exit: 2,
        stderr: no_pack!("there are 2 pack files in `inputs`; name the one to build"),
    },
    Printed {
        name: "E0505: the file named is not a pack",
        setup: |dir| {
            put(dir, "inputs/report.yaml", PLAIN_REPORT);
            true
        },
        args: &["pack", "-q", "inputs/report.yaml"],
        exit: 2,
        stderr: no_pack!("`inputs/report.yaml` is not a `kind: pack` file"),
    },
    Printed {
        name: "E0505: the file named does not exist",
        setup: |dir| {
            put(dir, "inputs/report.yaml", PLAIN_REPORT);
            true
        },
        args: &["pack", "-q", "inputs/pack.yaml"],
        exit: 2,
        stderr: no_pack!("there is no pack file `inputs/pack.yaml`"),
    },
    Printed {
        // Each reference's chart is named after it in lower-case letters and digits: two
        // that differ only in an accent collide. Said at the second, naming both files.
        name: "E0601: two charts to one file",
        setup: |dir| {
            put(
                dir,
                "inputs/report.yaml",
                "kind: report\ncommittee: Cabinet\nmeeting_date: 2016-11-14\ntitle: T\nsummary: S\nrecommendations: [Note]\ninitiatives: [CYPS É, CYPS È]\n".as_bytes(),
            );
            for (file, r) in [("a", "É"), ("b", "È")] {
                put(
                    dir,
                    &format!("inputs/initiatives/{file}.yaml"),
                    format!("kind: initiative\nreference: CYPS {r}\ntitle: Edge of Care\nfinance:\n  years: [2016/17]\n  investment: [{{values: [0.100]}}]\n  gross_saving: {{values: [0.000]}}\n").as_bytes(),
                );
            }
            true
        },
        args: &["check", SHORT, "inputs"],
        exit: 1,
        stderr: "inputs/initiatives/b.yaml:2:12: error[E0601]: `inputs/initiatives/b.yaml` and `inputs/initiatives/a.yaml` would both write `charts/report-cyps-profile.svg`, one replacing the other
checked 3 files: 1 report, 2 initiatives; 1 error, 0 warnings
",
    },
    Printed {
        name: "E0601: two papers to one file",
        setup: |dir| {
            put(dir, "inputs/a/report.yaml", PLAIN_REPORT);
            put(dir, "inputs/b/report.yaml", PLAIN_REPORT);
            true
        },
        args: &["check", SHORT, "inputs"],
        exit: 1,
        stderr: "inputs/b/report.yaml:1:1: error[E0601]: `inputs/b/report.yaml` and `inputs/a/report.yaml` would both write `report.md`, one replacing the other
checked 2 files: 2 reports, 0 initiatives; 1 error, 0 warnings
",
    },
    Printed {
        name: "E0602: templates outside the inputs",
        setup: |dir| {
            let mut report = PLAIN_REPORT.to_vec();
            report.extend_from_slice(b"templates: ..\n");
            put(dir, "inputs/report.yaml", &report);
            true
        },
        args: &["check", SHORT, "inputs"],
        exit: 1,
        stderr: "inputs/report.yaml:8:12: error[E0602]: the templates folder `..` is outside the input folder
checked 1 file: 1 report, 0 initiatives; 1 error, 0 warnings
",
    },
];

#[cfg(unix)]
#[test]
fn file_folder_and_command_problems_are_printed_exactly() {
    let mut failures = Vec::new();
    for case in PRINTED {
        let tmp = tempfile::tempdir().expect("tmp");
        if !(case.setup)(tmp.path()) {
            eprintln!("{}: cannot be set up here; skipped", case.name);
            continue;
        }
        let run = crate::cabinet(tmp.path(), case.args);
        if run.code() != Some(case.exit) || run.stderr != case.stderr {
            failures.push(format!(
                "{} (exit {:?}, expected {}):\n  got:\n{}  expected:\n{}",
                case.name,
                run.code(),
                case.exit,
                run.stderr,
                case.stderr
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
