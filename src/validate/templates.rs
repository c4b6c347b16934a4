//! What a paper may take code from. Templates are code: they decide what a published page
//! says and holds. So a paper file may name only a template folder kept with the inputs,
//! inside a folder given to cabinet; a folder elsewhere (a shared drive, `/tmp`, another
//! project) must be given on the command line, by whoever runs the build.

use crate::codes::Code;
use crate::diagnostic::Diagnostic;
use crate::source::Sources;
use crate::workspace::Workspace;
use std::path::{Path, PathBuf};

/// An error for each paper whose `templates:` folder is not inside one of `inputs` (the input
/// folders; for an input file, its folder), symbolic links followed.
pub fn outside_inputs(ws: &Workspace, sources: &Sources, inputs: &[PathBuf]) -> Vec<Diagnostic> {
    let roots: Vec<PathBuf> = inputs
        .iter()
        .filter_map(|i| {
            let dir = if i.is_dir() { i.as_path() } else { i.parent()? };
            let dir = if dir.as_os_str().is_empty() {
                Path::new(".")
            } else {
                dir
            };
            std::fs::canonicalize(dir).ok()
        })
        .collect();
    let mut out = Vec::new();
    for id in ws.papers() {
        let front = ws.front(id);
        let Some(dir) = &front.templates else {
            continue;
        };
        let file = &sources.get(front.file).path;
        let joined = file.parent().unwrap_or(Path::new(".")).join(dir);
        let inside = std::fs::canonicalize(&joined)
            .is_ok_and(|c| c.is_dir() && roots.iter().any(|r| c.starts_with(r)));
        if inside {
            continue;
        }
        let (message, label) = if joined.is_dir() {
            (
                format!(
                    "the templates folder `{}` is outside the input folder",
                    dir.display()
                ),
                "outside the inputs",
            )
        } else {
            (
                format!("there is no templates folder `{}`", joined.display()),
                "no such folder",
            )
        };
        out.push(
            Diagnostic::error(Code::TemplatesOutsideInputs, message)
                .at(front.file, front.templates_at.clone(), label)
                .hint(
                    "templates are code: keep them in a folder inside the input folder (e.g. \
                     `inputs/templates/`), or give `--templates DIR` on the command line",
                ),
        );
    }
    out
}
