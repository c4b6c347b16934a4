//! The binary: exit codes, `--summary` totals (checked against an independent sum of the YAML),
//! the short diagnostic format, a pinned human-format error, `explain` and `--help`.

use crate::{cabinet, check_bin, example_dir, repo, Example};
use cabinet::codes::Code;
use std::collections::BTreeMap;

// ---- An independent reading of the initiative files -----------------------------------------

/// A figure in thousandths: `0.164` → 164, `(0.165)` → -165. Figures in the example have at
/// most three decimals.
fn thousandths(text: &str) -> i64 {
    let t = text.trim();
    let (negative, t) = match t.strip_prefix('(').and_then(|t| t.strip_suffix(')')) {
        Some(inner) => (true, inner),
        None => match t.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, t),
        },
    };
    let (int, frac) = t.split_once('.').unwrap_or((t, ""));
    assert!(frac.len() <= 3, "`{text}` has more than three decimals");
    let frac = format!("{frac:0<3}");
    let v = int.parse::<i64>().expect(text) * 1000 + frac.parse::<i64>().expect(text);
    if negative {
        -v
    } else {
        v
    }
}

/// `[0.100, (0.165), 0.000]` → thousandths.
fn row(text: &str) -> Vec<i64> {
    let inner = text
        .trim()
        .strip_prefix('[')
        .and_then(|t| t.strip_suffix(']'))
        .unwrap_or_else(|| panic!("not a one-line row: {text}"));
    inner.split(", ").map(thousandths).collect()
}

/// Per-year investment (lines counted in totals) and gross saving of one initiative file,
/// read line by line without the crate's parser.
fn read_profile(text: &str) -> (Vec<i64>, Vec<i64>) {
    let mut section = "";
    let mut lines: Vec<(Vec<i64>, bool)> = Vec::new();
    let mut gross = Vec::new();
    for line in text.lines() {
        let code = line.split(" #").next().unwrap_or("").trim_end();
        let t = code.trim_start();
        let indent = code.len() - t.len();
        if t.is_empty() || t.starts_with('#') {
            continue;
        }
        if indent <= 2 && t.ends_with(':') {
            section = t.trim_end_matches(':');
            continue;
        }
        if indent <= 2 {
            section = "";
        }
        match section {
            "investment" => {
                if t.starts_with("- ") {
                    lines.push((Vec::new(), true));
                }
                let t = t.trim_start_matches("- ");
                let last = lines.last_mut().expect("an investment line");
                if let Some(v) = t.strip_prefix("values:") {
                    last.0 = row(v);
                } else if t == "in_totals: false" {
                    last.1 = false;
                }
            }
            "gross_saving" => {
                if let Some(v) = t.strip_prefix("values:") {
                    gross = row(v);
                }
            }
            _ => {}
        }
    }
    let n = gross.len();
    let mut investment = vec![0; n];
    for (values, in_totals) in &lines {
        assert_eq!(values.len(), n);
        if *in_totals {
            for (t, v) in investment.iter_mut().zip(values) {
                *t += v;
            }
        }
    }
    (investment, gross)
}

/// As the summary prints a figure: three decimals, negatives in brackets.
fn show(v: i64) -> String {
    let body = format!("{}.{:03}", v.abs() / 1000, v.abs() % 1000);
    if v < 0 {
        format!("({body})")
    } else {
        body
    }
}

/// Expected summary rows, summed from the YAML files: name → five years and the total.
fn expected_rows() -> BTreeMap<&'static str, Vec<String>> {
    let mut inv = vec![0i64; 5];
    let mut gross = vec![0i64; 5];
    let mut files = 0;
    for entry in std::fs::read_dir(example_dir().join("initiatives")).expect("initiatives") {
        let text = std::fs::read_to_string(entry.expect("entry").path()).expect("read");
        let (i, g) = read_profile(&text);
        assert_eq!((i.len(), g.len()), (5, 5));
        for y in 0..5 {
            inv[y] += i[y];
            gross[y] += g[y];
        }
        files += 1;
    }
    assert_eq!(files, 11, "the report lists all eleven initiative files");
    let net: Vec<i64> = inv.iter().zip(&gross).map(|(a, b)| a + b).collect();
    let with_total = |r: &[i64]| -> Vec<String> {
        let mut out: Vec<String> = r.iter().copied().map(show).collect();
        out.push(show(r.iter().sum()));
        out
    };
    BTreeMap::from([
        ("Investment", with_total(&inv)),
        ("Gross saving", with_total(&gross)),
        ("Net", with_total(&net)),
    ])
}

/// The summary's rows: name → figures.
fn summary_rows(stdout: &str) -> BTreeMap<String, Vec<String>> {
    let mut out = BTreeMap::new();
    for name in ["Investment", "Gross saving", "Net"] {
        let line = stdout
            .lines()
            .find(|l| l.starts_with(name) && l[name.len()..].starts_with(' '))
            .unwrap_or_else(|| panic!("no `{name}` row in:\n{stdout}"));
        let figures = line[name.len()..]
            .split_whitespace()
            .map(String::from)
            .collect();
        out.insert(name.to_string(), figures);
    }
    out
}

// ---- check ------------------------------------------------------------------------------------

#[test]
fn check_of_the_real_example_exits_0_with_six_warnings() {
    let ex = Example::new();
    let run = cabinet(ex.tmp.path(), &["check", "inputs"]);
    run.assert_code(0);
    assert!(
        run.stderr
            .contains("checked 12 files: 1 report, 11 initiatives; 0 errors, 6 warnings"),
        "{}",
        run.stderr
    );
}

#[test]
fn check_reads_inputs_by_default() {
    let ex = Example::new();
    let run = cabinet(ex.tmp.path(), &["check"]);
    run.assert_code(0);
    assert!(
        run.stderr.contains("1 report, 11 initiatives"),
        "{}",
        run.stderr
    );
}

#[test]
fn summary_prints_the_programme_totals() {
    // The 2016 report alone (inputs/ also holds the agenda pack's other reports).
    let run = cabinet(
        &repo(),
        &[
            "check",
            "--summary",
            "inputs/report.yaml",
            "inputs/initiatives",
        ],
    );
    run.assert_code(0);
    let rows = summary_rows(&run.stdout);
    // The totals as the 2016 report's Table 2 should have printed them (it printed 3.716,
    // 3.579, (1.474) and (6.022): off by 0.001, disclosed as rounding warnings).
    let literal = |s: &str| s.split_whitespace().map(String::from).collect::<Vec<_>>();
    assert_eq!(
        rows["Investment"][..5],
        literal("0.179 3.607 3.715 3.527 3.578")[..]
    );
    assert_eq!(
        rows["Gross saving"][..5],
        literal("0.000 (2.276) (5.190) (8.061) (9.601)")[..]
    );
    assert_eq!(
        rows["Net"][..5],
        literal("0.179 1.331 (1.475) (4.534) (6.023)")[..]
    );
    assert!(
        run.stdout
            .contains("2016/17   2017/18   2018/19   2019/20   2020/21     Total"),
        "{}",
        run.stdout
    );
}

#[test]
fn summary_totals_equal_an_independent_sum_of_the_yaml() {
    // The 2016 report alone (inputs/ also holds the agenda pack's other reports).
    let run = cabinet(
        &repo(),
        &[
            "check",
            "--summary",
            "inputs/report.yaml",
            "inputs/initiatives",
        ],
    );
    run.assert_code(0);
    let rows = summary_rows(&run.stdout);
    for (name, expected) in expected_rows() {
        assert_eq!(rows[name], expected, "{name} row");
    }
}

#[test]
fn calc_on_the_loaded_model_agrees_with_the_independent_sum() {
    let checked = cabinet::check_inputs(&[example_dir()]);
    assert!(!checked.has_errors());
    let ws = &checked.workspace;
    // The 2016 MTFS report: the one with initiatives.
    let report = ws
        .reports
        .iter()
        .find(|r| !r.initiatives.is_empty())
        .expect("the 2016 report");
    let figs: Vec<_> = ws
        .initiatives_of(report)
        .map(|i| cabinet::calc::initiative(&i.finance))
        .collect();
    let p = cabinet::calc::programme(&figs.iter().collect::<Vec<_>>());
    let fmt = |r: &[cabinet::model::Money], total: cabinet::model::Money| {
        let mut v: Vec<String> = r.iter().map(|m| m.to_string()).collect();
        v.push(total.to_string());
        v
    };
    let expected = expected_rows();
    assert_eq!(
        fmt(&p.investment, p.total_investment),
        expected["Investment"]
    );
    assert_eq!(
        fmt(&p.gross_saving, p.total_gross_saving),
        expected["Gross saving"]
    );
    assert_eq!(fmt(&p.net, p.total_net), expected["Net"]);
}

#[test]
fn summary_follows_a_changed_figure() {
    // Move 0.100 of CYPS 2's 2016/17 investment: the summary's first column must follow.
    let ex = Example::new();
    ex.plant(
        "initiatives/cyps-2.yaml",
        "values: [0.100, 0.164,",
        "values: [0.200, 0.164,",
    )
    .plant(
        "initiatives/cyps-2.yaml",
        "cumulative: 0.756",
        "cumulative: 0.856",
    )
    .plant(
        "initiatives/cyps-2.yaml",
        "values: [0.100, (0.001),",
        "values: [0.200, (0.001),",
    )
    .plant(
        "initiatives/cyps-2.yaml",
        "cumulative: (3.204)",
        "cumulative: (3.104)",
    )
    .plant("report.yaml", "investment: [0.179,", "investment: [0.279,")
    .plant("report.yaml", "net: [0.179,", "net: [0.279,");
    let run = cabinet(ex.tmp.path(), &["check", "--summary", "-q", "inputs"]);
    run.assert_code(0);
    let rows = summary_rows(&run.stdout);
    assert_eq!(rows["Investment"][0], "0.279");
    assert_eq!(rows["Net"][0], "0.279");
    assert_eq!(rows["Investment"][5], "14.706");
}

#[test]
fn summary_is_not_printed_when_there_are_errors() {
    let ex = Example::new();
    ex.plant("initiatives/cyps-2.yaml", "(0.463)", "(0.643)");
    let run = cabinet(ex.tmp.path(), &["check", "--summary", "inputs"]);
    run.assert_code(1);
    assert!(run.stdout.is_empty(), "{}", run.stdout);
}

// ---- diagnostic formats -----------------------------------------------------------------------

/// `path:line:col: severity[CODE]: message`, split up.
fn parse_short(line: &str) -> Option<(String, usize, usize, String, String, String)> {
    let (place, rest) = line.split_once(": ")?;
    let mut parts = place.rsplitn(3, ':');
    let col = parts.next()?.parse().ok()?;
    let l = parts.next()?.parse().ok()?;
    let path = parts.next()?.to_string();
    let (sev_code, message) = rest.split_once(": ")?;
    let (sev, code) = sev_code.strip_suffix(']')?.split_once('[')?;
    Some((
        path,
        l,
        col,
        sev.to_string(),
        code.to_string(),
        message.to_string(),
    ))
}

#[test]
fn short_format_prints_one_line_per_diagnostic_pointing_at_the_figure() {
    let ex = Example::new();
    let run = cabinet(
        ex.tmp.path(),
        &["check", "--diagnostic-format", "short", "inputs"],
    );
    run.assert_code(0);
    let lines: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| !l.starts_with("checked "))
        .collect();
    assert_eq!(lines.len(), 6, "{}", run.stderr);
    for line in lines {
        let (path, l, col, sev, code, message) = parse_short(line)
            .unwrap_or_else(|| panic!("not `path:line:col: sev[CODE]: msg`: {line}"));
        assert_eq!(
            (sev.as_str(), code.as_str()),
            ("warning", "W0208"),
            "{line}"
        );
        assert!(
            path.starts_with("inputs/") && path.ends_with(".yaml"),
            "{line}"
        );
        // The stated figure the message quotes is where line:col points.
        let stated = message
            .split("is stated as ")
            .nth(1)
            .and_then(|r| r.split(' ').next())
            .unwrap_or_else(|| panic!("no stated figure in {line}"));
        let text = std::fs::read_to_string(ex.tmp.path().join(&path)).expect("read");
        let at: String = text
            .lines()
            .nth(l - 1)
            .expect("line")
            .chars()
            .skip(col - 1)
            .collect();
        assert!(
            at.starts_with(stated),
            "{line}\npoints at `{at}`, expected `{stated}`"
        );
    }
}

#[test]
fn short_format_of_an_error_case() {
    let ex = Example::new();
    ex.plant("initiatives/cyps-2.yaml", "(0.463)", "(0.643)");
    let run = check_bin(ex.tmp.path(), "inputs");
    run.assert_code(1);
    let errors: Vec<_> = run
        .stderr
        .lines()
        .filter_map(parse_short)
        .filter(|p| p.3 == "error")
        .collect();
    assert_eq!(errors.len(), 1, "{}", run.stderr);
    let (path, l, col, _, code, _) = &errors[0];
    assert_eq!(
        (path.as_str(), *l, *col, code.as_str()),
        ("inputs/initiatives/cyps-2.yaml", 26, 30, "E0201")
    );
    assert!(run.stderr.contains("1 error, 6 warnings"), "{}", run.stderr);
}

#[test]
fn human_format_of_an_error_case_is_pinned() {
    let ex = Example::new();
    ex.plant("initiatives/cyps-2.yaml", "(0.463)", "(0.643)");
    let run = cabinet(ex.tmp.path(), &["check", "inputs"]);
    run.assert_code(1);
    insta::assert_snapshot!("net_mismatch_human", run.stderr);
}

#[test]
fn quiet_drops_the_summary_line_but_not_the_problems() {
    let ex = Example::new();
    ex.plant("initiatives/cyps-2.yaml", "(0.463)", "(0.643)");
    let run = cabinet(
        ex.tmp.path(),
        &["check", "-q", "--diagnostic-format", "short", "inputs"],
    );
    run.assert_code(1);
    assert!(!run.stderr.contains("checked "), "{}", run.stderr);
    assert!(run.stderr.contains("error[E0201]"), "{}", run.stderr);
}

#[test]
fn no_colour_codes_when_not_a_terminal() {
    let ex = Example::new();
    ex.plant("initiatives/cyps-2.yaml", "(0.463)", "(0.643)");
    let run = cabinet(ex.tmp.path(), &["check", "inputs"]);
    assert!(
        !run.stderr.contains('\u{1b}'),
        "escape codes in:\n{}",
        run.stderr
    );
}

// ---- explain, usage, help ---------------------------------------------------------------------

#[test]
fn explain_prints_the_explanation() {
    for arg in ["E0201", "e0201", "net-mismatch"] {
        let run = cabinet(&repo(), &["explain", arg]);
        run.assert_code(0);
        assert!(
            run.stdout.starts_with("E0201 (net-mismatch)"),
            "{}",
            run.stdout
        );
        assert!(
            run.stdout.contains("For example") && run.stdout.contains("(0.011)"),
            "{}",
            run.stdout
        );
    }
}

#[test]
fn every_code_can_be_explained() {
    // The explanation is wrapped for the terminal: compare it word by word.
    let words = |s: &str| {
        s.split_whitespace()
            .map(str::to_string)
            .collect::<Vec<_>>()
            .join(" ")
    };
    for code in Code::ALL {
        let run = cabinet(&repo(), &["explain", code.id()]);
        run.assert_code(0);
        assert!(
            words(&run.stdout).contains(&words(code.explanation())),
            "{code}"
        );
    }
}

#[test]
fn explaining_an_unknown_code_fails() {
    let run = cabinet(&repo(), &["explain", "E9999"]);
    assert_ne!(run.code(), Some(0), "{}", run.stdout);
    assert!(
        run.stderr.contains("no diagnostic code `E9999`"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("panicked"));
}

#[test]
fn an_unknown_command_exits_2() {
    let run = cabinet(&repo(), &["chekc"]);
    run.assert_code(2);
    assert!(run.stderr.contains("chekc"), "{}", run.stderr);
}

#[test]
fn an_unknown_option_exits_2() {
    let run = cabinet(&repo(), &["check", "--sumary", "inputs"]);
    run.assert_code(2);
    let run = cabinet(&repo(), &["check", "--diagnostic-format", "long", "inputs"]);
    run.assert_code(2);
}

#[test]
fn no_command_exits_2() {
    let run = cabinet(&repo(), &[]);
    run.assert_code(2);
}

#[test]
fn help_mentions_the_exit_codes() {
    for args in [
        &["--help"][..],
        &["check", "--help"][..],
        &["build", "--help"][..],
    ] {
        let run = cabinet(&repo(), args);
        run.assert_code(0);
        let out = &run.stdout;
        assert!(out.contains("Exit codes:"), "{args:?}:\n{out}");
        for line in ["0  success", "1  the inputs have errors", "2  usage error"] {
            assert!(
                out.contains(line),
                "{args:?} should mention `{line}`:\n{out}"
            );
        }
    }
}
