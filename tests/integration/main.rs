//! Integration tests of `cabinet`: the rules on planted slips in a copy of the real example
//! (`validation`), hostile files (`hostile`) and the binary's command line (`cli`).
//!
//! Shared helpers live here: copying the bundled example into a temporary folder, planting a
//! slip in one of its files, and running the binary with a time limit.

mod boundaries;
mod cli;
mod compat;
mod docx;
mod errors;
mod explain;
mod hostile;
mod initiatives;
mod kinds;
mod layout;
mod monitoring;
mod pack;
mod pdf;
mod placement;
mod publishing;
mod render;
mod scripts;
mod serve;
mod structure;
mod tables;
mod tagged;
mod validation;
mod workflow;

use cabinet::diagnostic::{Diagnostic, Severity};
use cabinet::Checked;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};
use tempfile::TempDir;

/// The repository root (where `inputs/` lives).
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The bundled real example.
pub fn example_dir() -> PathBuf {
    repo().join("inputs")
}

/// A copy of the real example: `<tmp>/inputs/report.yaml`, `<tmp>/inputs/initiatives/*.yaml`.
pub struct Example {
    pub tmp: TempDir,
}

impl Default for Example {
    fn default() -> Self {
        Example::new()
    }
}

impl Example {
    /// The 2016 cabinet report and its eleven initiatives (the other bundled report kinds,
    /// tested in `monitoring`, are left out so counts here concern this report alone), as
    /// first written: `tests/fixtures/v1-inputs/`, a user's file from before tables became
    /// data. Every rule test plants its slip in it, so they also pin that such files keep
    /// working, with the same diagnostics at the same places.
    pub fn new() -> Example {
        let tmp = TempDir::new().expect("temp dir");
        let to = tmp.path().join("inputs");
        let v1 = repo().join("tests/fixtures/v1-inputs");
        copy_dir(&v1.join("initiatives"), &to.join("initiatives"));
        std::fs::copy(v1.join("report.yaml"), to.join("report.yaml")).expect("copy report");
        Example { tmp }
    }

    /// Every bundled example: the 2016 report and the monitoring, scenario and plan reports.
    pub fn all() -> Example {
        let tmp = TempDir::new().expect("temp dir");
        copy_dir(&example_dir(), &tmp.path().join("inputs"));
        Example { tmp }
    }

    /// The copied input folder.
    pub fn dir(&self) -> PathBuf {
        self.tmp.path().join("inputs")
    }

    /// A file of the copy, by its path relative to the input folder.
    pub fn file(&self, rel: &str) -> PathBuf {
        self.dir().join(rel)
    }

    /// Replaces `from` (which must occur exactly once) with `to` in `rel`: plants one slip.
    pub fn plant(&self, rel: &str, from: &str, to: &str) -> &Self {
        let path = self.file(rel);
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{rel}: {e}"));
        let n = text.matches(from).count();
        assert_eq!(
            n, 1,
            "`{from}` occurs {n} times in {rel}; the slip must be unambiguous"
        );
        std::fs::write(&path, text.replacen(from, to, 1)).expect("write slip");
        self
    }

    /// Runs the library's `check` on the copy.
    pub fn check(&self) -> Checked {
        cabinet::check_inputs(&[self.dir()])
    }
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create dir");
    for entry in std::fs::read_dir(from).expect("read example") {
        let entry = entry.expect("dir entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("file type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy example file");
        }
    }
}

/// Where a diagnostic points: the file relative to `root`, and the 1-based line and column.
pub fn place(checked: &Checked, d: &Diagnostic, root: &Path) -> Option<(String, usize, usize)> {
    let label = d.primary.as_ref()?;
    let file = checked.sources.get(label.file);
    let rel = file.path.strip_prefix(root).unwrap_or(&file.path);
    let (line, col) = checked.sources.line_col(label.file, label.span.start);
    Some((rel.to_string_lossy().replace('\\', "/"), line, col))
}

/// Every diagnostic in one line each (`file:line:col: error[E0201]: message`), for failures.
pub fn listing(checked: &Checked, root: &Path) -> String {
    let mut out = String::new();
    for d in &checked.diagnostics {
        let sev = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let at = match place(checked, d, root) {
            Some((f, l, c)) => format!("{f}:{l}:{c}"),
            None => "<no file>".to_string(),
        };
        out.push_str(&format!("  {at}: {sev}[{}]: {}\n", d.code.id(), d.message));
        for h in &d.hints {
            out.push_str(&format!("      hint: {h}\n"));
        }
    }
    out
}

/// The outcome of one run of the binary.
#[derive(Debug)]
pub struct Run {
    pub status: ExitStatus,
    pub stdout: String,
    pub stderr: String,
    pub elapsed: Duration,
}

impl Run {
    pub fn code(&self) -> Option<i32> {
        self.status.code()
    }

    /// Asserts the exit code and that nothing panicked, showing the output otherwise.
    #[track_caller]
    pub fn assert_code(&self, expected: i32) -> &Self {
        assert!(
            !self.stderr.contains("panicked") && !self.stdout.contains("panicked"),
            "the binary panicked:\n{}",
            self.stderr
        );
        assert_eq!(
            self.code(),
            Some(expected),
            "exit code\n--- stdout\n{}\n--- stderr\n{}",
            self.stdout,
            self.stderr
        );
        self
    }
}

/// Longest a single run of the binary may take before it counts as a hang.
pub const TIME_LIMIT: Duration = Duration::from_secs(20);

/// Runs the `cabinet` binary in `cwd`, killing it (and failing the test) after [`TIME_LIMIT`].
/// The cache folder of every `cabinet` this test binary runs.
pub fn test_cache() -> std::path::PathBuf {
    std::env::temp_dir().join(format!("cabinet-tests-{}", std::process::id()))
}

pub fn cabinet(cwd: &Path, args: &[&str]) -> Run {
    let start = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_cabinet"))
        .args(args)
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        // What a build wrote is remembered here (not in the tester's own cache folder).
        .env("CABINET_CACHE_DIR", test_cache())
        .env_remove("RUST_BACKTRACE")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn cabinet");
    // Drain both pipes on their own threads so a chatty child cannot block on a full pipe.
    let drain = |mut r: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut buf = Vec::new();
            let _ = r.read_to_end(&mut buf);
            String::from_utf8_lossy(&buf).into_owned()
        })
    };
    let out = drain(Box::new(child.stdout.take().expect("stdout")));
    let err = drain(Box::new(child.stderr.take().expect("stderr")));
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if start.elapsed() > TIME_LIMIT {
            let _ = child.kill();
            let _ = child.wait();
            panic!(
                "`cabinet {}` took more than {TIME_LIMIT:?}: killed",
                args.join(" ")
            );
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    Run {
        status,
        stdout: out.join().expect("stdout thread"),
        stderr: err.join().expect("stderr thread"),
        elapsed: start.elapsed(),
    }
}

/// Runs `cabinet check --diagnostic-format short PATH` from `cwd`.
pub fn check_bin(cwd: &Path, input: &str) -> Run {
    cabinet(cwd, &["check", "--diagnostic-format", "short", input])
}

/// Whether `html` parses cleanly: no tokenizer error (html5ever, exact errors), and every
/// element closed in order (void elements and self-closed SVG elements apart).
pub fn html_parses(html: &str) -> Result<(), String> {
    use html5ever::tendril::StrTendril;
    use html5ever::tokenizer::{
        BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
    };
    use std::cell::RefCell;
    struct Sink {
        open: RefCell<Vec<String>>,
        problem: RefCell<Option<String>>,
    }
    impl TokenSink for Sink {
        type Handle = ();
        fn process_token(&self, token: Token, line: u64) -> TokenSinkResult<()> {
            let fail = |m: String| {
                self.problem
                    .borrow_mut()
                    .get_or_insert_with(|| format!("line {line}: {m}"));
            };
            match token {
                Token::ParseError(e) => fail(e.to_string()),
                Token::TagToken(t) => {
                    let name = t.name.to_string();
                    const VOID: [&str; 6] = ["br", "hr", "meta", "link", "img", "input"];
                    match t.kind {
                        TagKind::StartTag if !t.self_closing && !VOID.contains(&name.as_str()) => {
                            self.open.borrow_mut().push(name)
                        }
                        TagKind::StartTag => {}
                        TagKind::EndTag => match self.open.borrow_mut().pop() {
                            Some(open) if open == name => {}
                            other => fail(format!("`</{name}>` closes {other:?}")),
                        },
                    }
                }
                _ => {}
            }
            TokenSinkResult::Continue
        }
    }
    let input = BufferQueue::default();
    input.push_back(StrTendril::from(html));
    let sink = Sink {
        open: RefCell::new(Vec::new()),
        problem: RefCell::new(None),
    };
    let opts = TokenizerOpts {
        exact_errors: true,
        ..TokenizerOpts::default()
    };
    let tok = Tokenizer::new(sink, opts);
    let _ = tok.feed(&input);
    tok.end();
    if let Some(p) = tok.sink.problem.take() {
        return Err(p);
    }
    let open = tok.sink.open.take();
    if open
        .iter()
        .any(|t| t != "html" && t != "body" && t != "head")
        && !open.is_empty()
    {
        return Err(format!("left open: {open:?}"));
    }
    Ok(())
}

/// The text of an HTML page a reader sees (character data), without markup or attributes.
pub fn html_text(html: &str) -> String {
    use html5ever::tendril::StrTendril;
    use html5ever::tokenizer::{BufferQueue, Token, TokenSink, TokenSinkResult, Tokenizer};
    use std::cell::RefCell;
    struct Sink(RefCell<String>);
    impl TokenSink for Sink {
        type Handle = ();
        fn process_token(&self, token: Token, _: u64) -> TokenSinkResult<()> {
            if let Token::CharacterTokens(t) = token {
                self.0.borrow_mut().push_str(&t);
            }
            TokenSinkResult::Continue
        }
    }
    let input = BufferQueue::default();
    input.push_back(StrTendril::from(html));
    let tok = Tokenizer::new(Sink(RefCell::new(String::new())), Default::default());
    let _ = tok.feed(&input);
    tok.end();
    tok.sink.0.take()
}
