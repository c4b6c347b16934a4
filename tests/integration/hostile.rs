//! Hostile files: each must be refused with exit 1 and a diagnostic naming the file, never a
//! panic, never a hang (every run of the binary is killed after `TIME_LIMIT`).

use crate::{check_bin, listing, place, Example, Run};
use cabinet::codes::Code;
use std::time::Duration;
use tempfile::TempDir;

/// A folder holding one file `name` with `bytes`.
fn folder_with(name: &str, bytes: &[u8]) -> TempDir {
    let tmp = TempDir::new().expect("temp dir");
    std::fs::create_dir(tmp.path().join("inputs")).expect("inputs dir");
    std::fs::write(tmp.path().join("inputs").join(name), bytes).expect("write hostile file");
    tmp
}

/// Runs the binary and the library on `<tmp>/inputs`; asserts exit 1, no panic, the code and
/// the file name in the output. Returns the run and the library's diagnostics as a listing.
fn refused(tmp: &TempDir, file: &str, code: Code) -> (Run, cabinet::Checked) {
    let run = check_bin(tmp.path(), "inputs");
    run.assert_code(1);
    let tag = format!("error[{}]", code.id());
    let shown = format!("inputs/{file}");
    assert!(
        run.stderr
            .lines()
            .any(|l| l.contains(&tag) && l.contains(&shown)),
        "expected a line with `{tag}` naming `{shown}`:\n{}",
        run.stderr
    );
    let checked = cabinet::check_inputs(&[tmp.path().join("inputs")]);
    assert!(
        checked.diagnostics.iter().any(|d| d.code == code),
        "library: no {}:\n{}",
        code.id(),
        listing(&checked, &tmp.path().join("inputs"))
    );
    (run, checked)
}

/// The place of the first diagnostic with `code`, relative to `<tmp>/inputs`.
fn place_of(
    tmp: &TempDir,
    checked: &cabinet::Checked,
    code: Code,
) -> Option<(String, usize, usize)> {
    let d = checked.diagnostics.iter().find(|d| d.code == code)?;
    place(checked, d, &tmp.path().join("inputs"))
}

#[test]
fn deep_nesting_is_refused_by_the_depth_limit() {
    let mut text = String::from("kind: report\nappendices: ");
    text.push_str(&"[".repeat(10_000));
    let tmp = folder_with("deep.yaml", text.as_bytes());
    let (_, checked) = refused(&tmp, "deep.yaml", Code::YamlLimit);
    let (file, line, _) = place_of(&tmp, &checked, Code::YamlLimit).expect("located");
    assert_eq!((file.as_str(), line), ("deep.yaml", 2));
    let d = checked
        .diagnostics
        .iter()
        .find(|d| d.code == Code::YamlLimit);
    assert_eq!(
        d.map(|d| d.message.as_str()),
        Some("the file goes past a safety limit on YAML structure: lists and mappings nested more than 32 deep")
    );
}

#[test]
fn deep_nesting_of_mappings_is_refused() {
    // With `kind:` later in the file, the YAML parser reads the whole file to find it and
    // meets the depth limit.
    let mut text = String::from("bid: ");
    text.push_str(&"{a: ".repeat(5_000));
    text.push_str("\nkind: initiative\n");
    let tmp = folder_with("deep-map.yaml", text.as_bytes());
    let (_, checked) = refused(&tmp, "deep-map.yaml", Code::YamlLimit);
    assert_eq!(message_of(&checked, Code::YamlLimit), "the file goes past a safety limit on YAML structure: lists and mappings nested more than 32 deep");
    // With `kind:` first, the file is read as an initiative, which has no `bid` key: refused
    // there, before the nesting is read at all.
    let text = format!("kind: initiative\nbid: {}", "{a: ".repeat(5_000));
    let tmp = folder_with("deep-map.yaml", text.as_bytes());
    refused(&tmp, "deep-map.yaml", Code::UnknownField);
}

/// The "billion laughs": nine levels of nine aliases each, 9^9 strings if expanded.
fn billion_laughs(under: &str) -> String {
    let mut text = String::from(
        "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    let names: Vec<char> = ('a'..='i').collect();
    for w in names.windows(2) {
        let (prev, cur) = (w[0], w[1]);
        let refs = vec![format!("*{prev}"); 9].join(",");
        text.push_str(&format!("{cur}: &{cur} [{refs}]\n"));
    }
    text.push_str(&format!("{under}: *i\n"));
    text
}

#[test]
fn alias_bomb_in_ignored_keys_does_not_expand() {
    // Keys the kind probe skips: the bomb must not be expanded while skipping them.
    let text = format!("kind: report\n{}", billion_laughs("z"));
    let tmp = folder_with("laughs.yaml", text.as_bytes());
    let run = check_bin(tmp.path(), "inputs");
    run.assert_code(1);
    assert!(run.stderr.contains("inputs/laughs.yaml"), "{}", run.stderr);
    assert!(
        run.elapsed < Duration::from_secs(10),
        "took {:?}",
        run.elapsed
    );
    assert_no_dangling_location(&run);
}

#[test]
fn alias_bomb_in_a_real_field_is_refused() {
    let text =
        format!("kind: initiative\n{}", billion_laughs("title")).replacen("a: &a", "x_a: &a", 1);
    let tmp = folder_with("laughs.yaml", text.as_bytes());
    let run = check_bin(tmp.path(), "inputs");
    run.assert_code(1);
    assert!(run.stderr.contains("inputs/laughs.yaml:"), "{}", run.stderr);
    assert_no_dangling_location(&run);
}

/// The library's " at line L, column C (defined at ...) (used at ...)" tail is cut whole.
/// The message of the library's first diagnostic with `code`.
fn message_of(checked: &cabinet::Checked, code: Code) -> &str {
    checked
        .diagnostics
        .iter()
        .find(|d| d.code == code)
        .map_or("", |d| d.message.as_str())
}

#[track_caller]
fn assert_no_dangling_location(run: &Run) {
    for line in run.stderr.lines() {
        assert!(
            !line.contains(" at line ") && !line.trim_end().ends_with("(used"),
            "half-cut location in `{line}`"
        );
    }
}

#[test]
fn many_aliases_hit_the_alias_limit() {
    // 2,000 aliases of one anchor: past the limit of 1,000 whatever they expand to.
    // `kind:` last, so the YAML parser reads every alias to find it.
    let mut text = String::from("appendices: &x [a]\nbackground_papers: [");
    text.push_str(&vec!["*x"; 2_000].join(", "));
    text.push_str("]\nkind: report\n");
    let tmp = folder_with("aliases.yaml", text.as_bytes());
    let (_, checked) = refused(&tmp, "aliases.yaml", Code::YamlLimit);
    assert_eq!(
        message_of(&checked, Code::YamlLimit),
        "the file goes past a safety limit on YAML structure: more than 1,000 aliases or anchors"
    );
    // The same aliases of a string, in a report read as one from its first line.
    let mut text = String::from("kind: report\ntitle: &x a\nappendices: [");
    text.push_str(&vec!["*x"; 2_000].join(", "));
    text.push_str("]\n");
    let tmp = folder_with("aliases.yaml", text.as_bytes());
    refused(&tmp, "aliases.yaml", Code::YamlLimit);
}

#[test]
fn a_flood_of_nodes_is_refused() {
    // 300,000 one-character figures in under 8 MiB: past the node limit.
    let mut text = String::from("kind: report\nappendices: [");
    text.push_str(&vec!["0"; 300_000].join(","));
    text.push_str("]\n");
    assert!(text.len() < 8 * 1024 * 1024);
    let tmp = folder_with("flood.yaml", text.as_bytes());
    let (_, checked) = refused(&tmp, "flood.yaml", Code::YamlLimit);
    assert_eq!(
        message_of(&checked, Code::YamlLimit),
        "the file goes past a safety limit on YAML structure: more than 200,000 values"
    );
}

#[test]
fn a_file_over_8_mib_is_refused() {
    let line = format!("# {}\n", "x".repeat(98));
    let text = format!(
        "kind: report\n{}",
        line.repeat(9 * 1024 * 1024 / line.len() + 1)
    );
    assert!(text.len() > 9_000_000);
    let tmp = folder_with("big.yaml", text.as_bytes());
    let (run, checked) = refused(&tmp, "big.yaml", Code::TooLarge);
    assert!(run.stderr.contains("8 MiB"), "{}", run.stderr);
    assert_eq!(
        message_of(&checked, Code::TooLarge),
        format!(
            "`{}` is 9 MiB; input files may be at most 8 MiB",
            tmp.path().join("inputs/big.yaml").display()
        )
    );
}

#[test]
fn a_100_mb_file_is_refused_by_its_size_without_reading_it() {
    let tmp = TempDir::new().expect("temp dir");
    std::fs::create_dir(tmp.path().join("inputs")).expect("inputs dir");
    let f = std::fs::File::create(tmp.path().join("inputs/huge.yaml")).expect("create");
    f.set_len(100 * 1024 * 1024).expect("sparse file");
    drop(f);
    // All NUL bytes: had it been read, it would be refused as binary (E0002), not by size.
    let (run, checked) = refused(&tmp, "huge.yaml", Code::TooLarge);
    assert!(run.stderr.contains("100 MiB"), "{}", run.stderr);
    assert!(!checked.diagnostics.iter().any(|d| d.code == Code::NotUtf8));
    assert!(
        run.elapsed < Duration::from_secs(5),
        "took {:?}",
        run.elapsed
    );
}

/// A fixed stream of random-looking bytes (xorshift, fixed seed), with NULs in it.
fn junk(len: usize) -> Vec<u8> {
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 24) as u8
        })
        .collect()
}

#[test]
fn binary_junk_is_refused_as_not_text() {
    let bytes = junk(64 * 1024);
    assert!(bytes.contains(&0));
    let tmp = folder_with("junk.yaml", &bytes);
    refused(&tmp, "junk.yaml", Code::NotUtf8);
}

#[test]
fn binary_junk_without_nul_is_refused_as_not_text() {
    let bytes: Vec<u8> = junk(64 * 1024).into_iter().map(|b| b.max(1)).collect();
    let tmp = folder_with("junk.yaml", &bytes);
    refused(&tmp, "junk.yaml", Code::NotUtf8);
}

#[test]
fn utf16_with_bom_is_refused_with_the_reason() {
    let mut bytes = vec![0xFF, 0xFE];
    for u in "kind: report\ntitle: Budget\n".encode_utf16() {
        bytes.extend_from_slice(&u.to_le_bytes());
    }
    let tmp = folder_with("utf16.yaml", &bytes);
    let (run, _) = refused(&tmp, "utf16.yaml", Code::NotUtf8);
    assert!(run.stderr.contains("UTF-16"), "{}", run.stderr);
}

#[test]
fn utf16_big_endian_with_bom_is_refused() {
    let mut bytes = vec![0xFE, 0xFF];
    for u in "kind: report\n".encode_utf16() {
        bytes.extend_from_slice(&u.to_be_bytes());
    }
    let tmp = folder_with("utf16be.yaml", &bytes);
    refused(&tmp, "utf16be.yaml", Code::NotUtf8);
}

#[test]
fn utf8_bom_is_accepted_and_positions_are_unchanged() {
    let ex = Example::new();
    for rel in ["report.yaml", "initiatives/cyps-2.yaml"] {
        let path = ex.file(rel);
        let mut bytes = vec![0xEF, 0xBB, 0xBF];
        bytes.extend(std::fs::read(&path).expect("read"));
        std::fs::write(&path, bytes).expect("write");
    }
    let run = check_bin(ex.tmp.path(), "inputs");
    run.assert_code(0);
    // A slip in the BOM file is still placed where it is in the text.
    ex.plant("initiatives/cyps-2.yaml", "(0.463)", "(0.643)");
    let checked = ex.check();
    let d = checked
        .diagnostics
        .iter()
        .find(|d| d.code == Code::NetMismatch)
        .expect("net mismatch");
    assert_eq!(
        place(&checked, d, &ex.dir()),
        Some(("initiatives/cyps-2.yaml".to_string(), 26, 30))
    );
}

#[test]
fn invalid_utf8_is_refused_with_the_byte_offset() {
    // "café" saved as Latin-1.
    let tmp = folder_with("latin1.yaml", b"kind: report\ntitle: caf\xE9\n");
    let (run, _) = refused(&tmp, "latin1.yaml", Code::NotUtf8);
    assert!(run.stderr.contains("at byte 23"), "{}", run.stderr);
}

#[test]
fn an_empty_file_is_refused() {
    let tmp = folder_with("empty.yaml", b"");
    let run = check_bin(tmp.path(), "inputs");
    run.assert_code(1);
    assert!(run.stderr.contains("inputs/empty.yaml"), "{}", run.stderr);
    let checked = cabinet::check_inputs(&[tmp.path().join("inputs")]);
    assert!(
        checked.has_errors(),
        "{}",
        listing(&checked, &tmp.path().join("inputs"))
    );
}

#[test]
fn a_file_of_only_comments_is_refused() {
    let tmp = folder_with("comments.yaml", b"# nothing here yet\n");
    let run = check_bin(tmp.path(), "inputs");
    run.assert_code(1);
    assert!(
        run.stderr.contains("inputs/comments.yaml"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_file_that_is_just_kind_report_lacks_fields() {
    let tmp = folder_with("bare.yaml", b"kind: report\n");
    let (_, checked) = refused(&tmp, "bare.yaml", Code::MissingField);
    assert_eq!(
        place_of(&tmp, &checked, Code::MissingField),
        Some(("bare.yaml".to_string(), 1, 1))
    );
}

#[test]
fn a_top_level_list_is_refused() {
    let tmp = folder_with("list.yaml", b"- kind: report\n- kind: initiative\n");
    let run = check_bin(tmp.path(), "inputs");
    run.assert_code(1);
    assert!(run.stderr.contains("inputs/list.yaml"), "{}", run.stderr);
}

#[test]
fn two_documents_in_one_file_are_refused() {
    let ex = Example::new();
    let path = ex.file("initiatives/cyps-4.yaml");
    let text = std::fs::read_to_string(&path).expect("read");
    std::fs::write(&path, format!("{text}\n---\n{text}")).expect("write");
    let run = check_bin(ex.tmp.path(), "inputs");
    run.assert_code(1);
    assert!(
        run.stderr
            .lines()
            .any(|l| l.starts_with("inputs/initiatives/cyps-4.yaml:")),
        "{}",
        run.stderr
    );
}

#[test]
fn a_folder_without_yaml_files_is_refused() {
    let tmp = TempDir::new().expect("temp dir");
    std::fs::create_dir(tmp.path().join("inputs")).expect("inputs dir");
    std::fs::write(tmp.path().join("inputs/notes.txt"), "kind: report\n").expect("write");
    std::fs::write(tmp.path().join("inputs/.hidden.yaml"), "kind: report\n").expect("write");
    let run = check_bin(tmp.path(), "inputs");
    run.assert_code(1);
    assert!(run.stderr.contains("error[E0303]"), "{}", run.stderr);
}

#[test]
fn a_nonexistent_input_is_refused() {
    let tmp = TempDir::new().expect("temp dir");
    let run = check_bin(tmp.path(), "no-such-folder");
    run.assert_code(1);
    assert!(run.stderr.contains("error[E0001]"), "{}", run.stderr);
    assert!(run.stderr.contains("no-such-folder"), "{}", run.stderr);
}

#[cfg(unix)]
#[test]
fn a_fifo_named_yaml_is_refused_without_blocking() {
    let tmp = TempDir::new().expect("temp dir");
    std::fs::create_dir(tmp.path().join("inputs")).expect("inputs dir");
    let fifo = tmp.path().join("inputs/pipe.yaml");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("mkfifo unavailable; skipped");
        return;
    }
    // Named on the command line too: a file path is taken as it is.
    for input in ["inputs", "inputs/pipe.yaml"] {
        let run = check_bin(tmp.path(), input);
        run.assert_code(1);
        assert!(run.stderr.contains("pipe.yaml"), "{}", run.stderr);
    }
}

#[cfg(unix)]
#[test]
fn a_symlink_loop_does_not_hang() {
    let tmp = TempDir::new().expect("temp dir");
    let inputs = tmp.path().join("inputs");
    std::fs::create_dir(&inputs).expect("inputs dir");
    std::os::unix::fs::symlink(&inputs, inputs.join("again")).expect("symlink");
    std::os::unix::fs::symlink(inputs.join("loop.yaml"), inputs.join("loop.yaml")).ok();
    let run = check_bin(tmp.path(), "inputs");
    run.assert_code(1);
}

#[test]
fn hostile_files_next_to_the_real_example_do_not_hide_its_other_problems() {
    // A broken file among good ones: the good ones are still checked.
    let ex = Example::new();
    std::fs::write(ex.file("junk.yaml"), junk(4096)).expect("write junk");
    ex.plant("initiatives/cyps-2.yaml", "(0.463)", "(0.643)");
    let checked = ex.check();
    let codes: Vec<Code> = checked
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.code)
        .collect();
    assert!(codes.contains(&Code::NotUtf8), "{codes:?}");
    assert!(codes.contains(&Code::NetMismatch), "{codes:?}");
}

/// Regression for the hardening issue: script and path tricks in every kind of field a council
/// officer might paste into — plain values, narrative, recommendations, references — give
/// harmless text and files only inside the output folder.
#[test]
fn script_and_path_tricks_in_fields_stay_harmless_and_inside_the_output_folder() {
    let ex = crate::Example::new();
    let evil = "<script>alert(1)</script><img src=x onerror=alert(2)>[x](javascript:alert(3))";
    ex.plant(
        "initiatives/cyps-2.yaml",
        "reference: CYPS 2",
        "reference: \"../../CYPS 2\"",
    );
    ex.plant(
        "initiatives/cyps-2.yaml",
        "title: Family Group Conferencing",
        &format!("title: \"FGC {evil}\""),
    );
    ex.plant(
        "initiatives/cyps-2.yaml",
        "summary: |\n",
        &format!("summary: |\n  {evil}\n\n"),
    );
    ex.plant(
        "initiatives/cyps-2.yaml",
        "  why_needed: |\n",
        &format!("  why_needed: |\n    {evil}\n\n"),
    );
    ex.plant(
        "report.yaml",
        "wards: All wards",
        &format!("wards: \"{evil}\""),
    );
    ex.plant(
        "report.yaml",
        "  - Note the contents of this report;",
        &format!("  - \"Note {evil}\""),
    );
    ex.plant(
        "report.yaml",
        "  background: |\n",
        &format!("  background: |\n    {evil}\n\n"),
    );
    let out = ex.tmp.path().join("out");
    let run = crate::cabinet(
        ex.tmp.path(),
        &[
            "build",
            "inputs",
            "--output",
            out.to_str().unwrap(),
            "--quiet",
        ],
    );
    run.assert_code(0);
    // Nothing but the inputs and the output folder exists in the working folder.
    let mut top: Vec<String> = std::fs::read_dir(ex.tmp.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    top.sort();
    assert_eq!(top, ["inputs", "out"]);
    let charts: Vec<String> = std::fs::read_dir(out.join("charts"))
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        charts.iter().any(|c| c == "report-cyps-2-profile.svg"),
        "the reference is made safe: {charts:?}"
    );
    let html = std::fs::read_to_string(out.join("report.html")).unwrap();
    let lower = html.to_ascii_lowercase();
    assert!(
        !lower.contains("<script"),
        "a script element reached the page"
    );
    assert!(!lower.contains("<img"), "an img element reached the page");
    for tag in lower
        .split('<')
        .skip(1)
        .map(|t| t.split('>').next().unwrap_or(""))
    {
        // Attribute names and URL values only: quoted values (an id, an aria-label) may spell
        // the words as harmless text, so look at the tag with its quoted values taken out,
        // and at each href/src value's start.
        let bare: String = tag.split('"').step_by(2).collect::<Vec<_>>().join("\"\"");
        let urls = tag.split("href=\"").chain(tag.split("src=\"")).skip(1);
        let unsafe_attr = bare.contains("onerror")
            || bare.contains("javascript:")
            || urls.clone().any(|u| u.starts_with("javascript:"));
        assert!(!unsafe_attr, "unsafe markup: <{tag}>");
    }
    assert!(
        html.matches("&lt;script&gt;alert(1)").count() >= 5,
        "the text is shown, escaped, in every field"
    );
    let svg = std::fs::read_to_string(out.join("charts/report-cyps-2-profile.svg")).unwrap();
    assert!(!svg.contains("<script"), "chart titles are escaped too");
}
