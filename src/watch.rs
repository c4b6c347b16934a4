//! `cabinet watch`: rebuild on save. Events are debounced (an editor's save is several file
//! events), and only the reports that the changed files feed are rebuilt.

use crate::cli::{BuildArgs, Cli};
use crate::model::PaperId;
use crate::{print_diagnostics, Error};
use notify::{RecursiveMode, Watcher};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
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

fn rebuild(cli: &Cli, args: &BuildArgs, changed: Option<&BTreeSet<PathBuf>>) {
    let started = Instant::now();
    let checked = crate::check_inputs_with(&args.input.inputs, &args.input.fonts);
    print_diagnostics(&checked, cli.diagnostic_format);
    if checked.has_errors() {
        eprintln!("not rebuilt: fix the errors above and save again");
        return;
    }
    let which = match changed {
        Some(c) => affected(&checked, c),
        None => checked.workspace.papers().collect(),
    };
    match crate::build::run(&checked, &which, &args.output, args.templates.as_deref()) {
        Ok(s) => eprintln!(
            "rebuilt: {} in {:.2} s",
            s.line(&args.output),
            started.elapsed().as_secs_f64()
        ),
        Err(e) => eprintln!("error: {e}"),
    }
}

/// Builds once, then rebuilds after every change until interrupted.
pub fn watch(cli: &Cli, args: &BuildArgs) -> Result<(), Error> {
    rebuild(cli, args, None);
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
    eprintln!(
        "watching {} for changes (Ctrl+C to stop)",
        watched
            .iter()
            .map(|p| p.display().to_string())
            .collect::<Vec<_>>()
            .join(", ")
    );
    loop {
        let Ok(first) = rx.recv() else { return Ok(()) };
        let mut changed = BTreeSet::new();
        if relevant(&first) {
            changed.insert(first);
        }
        // Collect the burst of events one save makes, then rebuild once.
        while let Ok(p) = rx.recv_timeout(DEBOUNCE) {
            if relevant(&p) {
                changed.insert(p);
            }
        }
        if !changed.is_empty() {
            let names: Vec<String> = changed.iter().map(|p| p.display().to_string()).collect();
            eprintln!("changed: {}", names.join(", "));
            rebuild(cli, args, Some(&changed));
        }
    }
}
