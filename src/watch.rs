//! `cabinet watch`: rebuild on save. Events are debounced (an editor's save is several file
//! events), and only the reports that the changed files feed are rebuilt. `cabinet serve`
//! runs the same loop and shows each outcome in the browser. Ctrl+C stops either once the
//! build under way has finished.

use crate::cli::{BuildArgs, Cli};
use crate::model::PaperId;
use crate::{print_diagnostics, Error};
use notify::{RecursiveMode, Watcher};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Arc};
use std::time::{Duration, Instant};

/// Quiet time after the last event before rebuilding.
const DEBOUNCE: Duration = Duration::from_millis(250);

fn relevant(path: &Path) -> bool {
    // Only the file's own name: the watched folder itself may sit under a hidden folder.
    let hidden = path
        .file_name()
        .is_some_and(|n| n.to_string_lossy().starts_with('.'));
    !hidden
        && matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("yaml" | "yml" | "tera")
        )
}

/// The papers a set of changed files affects; all of them when a changed file is not one the
/// last check knew (a new file, a template).
fn affected(checked: &crate::Checked, changed: &BTreeSet<PathBuf>) -> Vec<PaperId> {
    let ws = &checked.workspace;
    let canon = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    let changed: BTreeSet<PathBuf> = changed.iter().map(|p| canon(p)).collect();
    let mut known = BTreeSet::new();
    let mut out = Vec::new();
    for id in ws.papers() {
        let front = ws.front(id);
        let mut files = vec![canon(&checked.sources.get(front.file).path)];
        if let PaperId::Report(_) = id {
            files.extend(
                ws.initiatives_of(front)
                    .map(|x| canon(&checked.sources.get(x.file).path)),
            );
        }
        if files.iter().any(|f| changed.contains(f)) {
            out.push(id);
        }
        known.extend(files);
    }
    // Pack files change which papers are exempt, so they rebuild everything too.
    if changed.iter().any(|c| !known.contains(c)) {
        return ws.papers().collect();
    }
    out
}

/// One problem in the inputs, placed, for showing outside a terminal (`serve`'s page).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The file as the user named it, or empty for a problem with no file.
    pub file: String,
    pub line: usize,
    pub column: usize,
    /// `error[E0201]`-style: severity and code.
    pub code: String,
    pub message: String,
    pub hints: Vec<String>,
}

/// What a build or rebuild came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The outputs are up to date.
    Built,
    /// The inputs have errors (listed); nothing was written.
    Invalid(Vec<Problem>),
    /// Rendering or writing failed; the outputs were left as they were.
    Failed(String),
}

/// The errors among `checked`'s diagnostics, each with its file, line and column.
pub fn problems(checked: &crate::Checked) -> Vec<Problem> {
    checked
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| {
            let (file, line, column) = match &d.primary {
                Some(l) => {
                    let (line, column) = checked.sources.line_col(l.file, l.span.start);
                    (checked.sources.get(l.file).name.clone(), line, column)
                }
                None => (String::new(), 0, 0),
            };
            Problem {
                file,
                line,
                column,
                code: format!("error[{}]", d.code.id()),
                message: d.message.clone(),
                hints: d.hints.clone(),
            }
        })
        .collect()
}

/// Checks and builds (only the papers `changed` files feed, when given), printing the
/// problems or a one-line summary.
pub fn rebuild(cli: &Cli, args: &BuildArgs, changed: Option<&BTreeSet<PathBuf>>) -> Outcome {
    let started = Instant::now();
    let checked = crate::check_inputs_with(&args.input.inputs, &args.input.fonts);
    print_diagnostics(&checked, cli.diagnostic_format);
    if checked.has_errors() {
        eprintln!("not rebuilt: fix the errors above and save again");
        return Outcome::Invalid(problems(&checked));
    }
    let which = match changed {
        Some(c) => affected(&checked, c),
        None => checked.workspace.papers().collect(),
    };
    match crate::build::run_formats(
        &checked,
        &which,
        &args.output,
        args.templates.as_deref(),
        args.selected(),
    ) {
        Ok(s) => {
            eprintln!(
                "rebuilt: {} in {:.2} s",
                s.line(&args.output),
                started.elapsed().as_secs_f64()
            );
            Outcome::Built
        }
        Err(e) => {
            eprintln!("error: {e}");
            Outcome::Failed(e.to_string())
        }
    }
}

/// A flag set by Ctrl+C (SIGINT, SIGTERM, or the console's Ctrl+C on Windows).
pub fn stop_on_ctrl_c() -> Result<Arc<AtomicBool>, Error> {
    let stop = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&stop);
    ctrlc::set_handler(move || flag.store(true, Ordering::SeqCst))
        .map_err(|e| Error::Io(format!("cannot catch Ctrl+C: {e}")))?;
    Ok(stop)
}

/// Builds once, then rebuilds after every change until interrupted.
pub fn watch(cli: &Cli, args: &BuildArgs) -> Result<(), Error> {
    let stop = stop_on_ctrl_c()?;
    // Watching starts before the first build, so a file saved during it is not missed.
    let changes = Changes::watch(args)?;
    rebuild(cli, args, None);
    changes.announce();
    changes.rebuild_until(cli, args, &stop, |_| {});
    eprintln!("stopped");
    Ok(())
}

/// How often the loop looks at the stop flag while no file changes.
const POLL: Duration = Duration::from_millis(100);

/// Changes to the inputs and templates, as they are saved.
pub struct Changes {
    // Kept alive: dropping the watcher stops the events.
    _watcher: notify::RecommendedWatcher,
    rx: mpsc::Receiver<PathBuf>,
    watched: Vec<PathBuf>,
}

impl Changes {
    /// Starts watching the inputs and templates of `args`.
    pub fn watch(args: &BuildArgs) -> Result<Changes, Error> {
        let (tx, rx) = mpsc::channel();
        let mut watcher = notify::recommended_watcher(move |ev: notify::Result<notify::Event>| {
            if let Ok(ev) = ev {
                if !matches!(ev.kind, notify::EventKind::Access(_)) {
                    for p in ev.paths {
                        let _ = tx.send(p);
                    }
                }
            }
        })
        .map_err(|e| Error::Io(format!("cannot watch files: {e}")))?;
        let mut watched = args.input.inputs.clone();
        watched.extend(args.templates.clone());
        for p in &watched {
            watcher
                .watch(p, RecursiveMode::Recursive)
                .map_err(|e| Error::Io(format!("cannot watch `{}`: {e}", p.display())))?;
        }
        Ok(Changes {
            _watcher: watcher,
            rx,
            watched,
        })
    }

    /// Says what is watched.
    pub fn announce(&self) {
        eprintln!(
            "watching {} for changes (Ctrl+C to stop)",
            self.watched
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        );
    }

    /// Rebuilds after every change until `stop` is set, handing each outcome to `done`.
    /// Returns once stopped (a rebuild under way is finished first).
    pub fn rebuild_until(
        &self,
        cli: &Cli,
        args: &BuildArgs,
        stop: &AtomicBool,
        mut done: impl FnMut(Outcome),
    ) {
        loop {
            let first = match self.rx.recv_timeout(POLL) {
                Ok(p) => p,
                Err(mpsc::RecvTimeoutError::Timeout) if !stop.load(Ordering::SeqCst) => continue,
                Err(_) => return,
            };
            if stop.load(Ordering::SeqCst) {
                return;
            }
            let mut changed = BTreeSet::new();
            if relevant(&first) {
                changed.insert(first);
            }
            // Collect the burst of events one save makes, then rebuild once.
            while let Ok(p) = self.rx.recv_timeout(DEBOUNCE) {
                if relevant(&p) {
                    changed.insert(p);
                }
            }
            if !changed.is_empty() {
                let names: Vec<String> = changed.iter().map(|p| p.display().to_string()).collect();
                eprintln!("changed: {}", names.join(", "));
                done(rebuild(cli, args, Some(&changed)));
            }
        }
    }
}
