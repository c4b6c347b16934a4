//! The output plan: every file each paper and pack will write, named by its route
//! (`render::route`), and the check that no two of them share a name. Run by `cabinet check`
//! (so a collision is an error at its source, before anything is written) and so by every
//! command that writes.

use crate::codes::Code;
use crate::diagnostic::Diagnostic;
use crate::model::PaperId;
use crate::render::route::{Route, FORMATS};
use crate::source::{FileId, Sources};
use crate::workspace::Workspace;
use std::collections::{HashMap, HashSet};
use std::ops::Range;

/// What an output name belongs to: where it comes from, for the diagnostic.
#[derive(Debug, Clone)]
struct Owner {
    file: FileId,
    at: Range<usize>,
    /// What makes the name (`the file name`, `the reference \`CYPS É\``).
    what: String,
    /// Papers and charts are compared as wholes: one collision is reported once, not once per
    /// format or chart.
    key: (Option<PaperId>, Option<usize>, Option<FileId>),
}

/// The names a pack writes beside the papers.
pub fn pack_files(slug: &str) -> [String; 5] {
    [
        "agenda.pdf",
        "public.pdf",
        "exempt.pdf",
        "supplementary.pdf",
        "index.html",
    ]
    .map(|f| format!("{slug}-{f}"))
}

/// Every pair of outputs that would be written to the same file (names compared as Windows
/// and macOS do, ignoring case), as errors naming both sources.
pub fn collisions(ws: &Workspace, sources: &Sources) -> Vec<Diagnostic> {
    let mut claims: HashMap<String, Owner> = HashMap::new();
    let mut reported: HashSet<(String, String)> = HashSet::new();
    let mut out = Vec::new();
    let mut claim = |name: String, owner: &Owner, out: &mut Vec<Diagnostic>| {
        let folded = name.to_lowercase();
        match claims.get(&folded) {
            None => {
                claims.insert(folded, owner.clone());
            }
            Some(first) if first.key == owner.key => {}
            Some(first) => {
                let pair = (format!("{:?}", first.key), format!("{:?}", owner.key));
                if reported.insert(pair) {
                    out.push(diagnostic(sources, first, owner, &name));
                }
            }
        }
    };
    for id in ws.papers() {
        let route = Route::of(ws, sources, id);
        let front = ws.front(id);
        let paper = Owner {
            file: front.file,
            at: 0..0,
            what: "its file name".into(),
            key: (Some(id), None, None),
        };
        for ext in FORMATS {
            claim(route.file(ext), &paper, &mut out);
        }
        for (chart, initiative) in crate::render::chart_ids(ws, id) {
            let owner = match initiative {
                Some(k) => {
                    let init = &ws.initiatives[k];
                    Owner {
                        file: init.file,
                        at: init.reference_at.clone(),
                        what: format!("the reference `{}`", init.reference),
                        key: (Some(id), Some(k), None),
                    }
                }
                None => paper.clone(),
            };
            for ext in ["svg", "png"] {
                claim(route.chart_file(&chart, ext), &owner, &mut out);
            }
        }
    }
    for pack in &ws.packs {
        let owner = Owner {
            file: pack.file,
            at: 0..0,
            what: "its file name".into(),
            key: (None, None, Some(pack.file)),
        };
        for name in pack_files(&pack.slug) {
            claim(name, &owner, &mut out);
        }
    }
    out
}

fn diagnostic(sources: &Sources, first: &Owner, second: &Owner, name: &str) -> Diagnostic {
    let path = |o: &Owner| sources.get(o.file).path.display().to_string();
    let (a, b) = (path(first), path(second));
    let message = if a == b {
        format!("two outputs of `{a}` would both be written to `{name}`")
    } else {
        format!("`{b}` and `{a}` would both write `{name}`, one replacing the other")
    };
    let chart = name.contains("charts/");
    let hint = if chart {
        "chart files are named after the paper's file name and the initiative's reference, \
         keeping only letters and digits (accents and punctuation are dropped) and at most 60 \
         characters: make the references differ there"
    } else {
        "output files are named after the input file, keeping only lower-case letters and \
         digits: rename one of the files"
    };
    Diagnostic::error(Code::OutputCollision, message)
        .at(
            second.file,
            second.at.clone(),
            format!("{} names `{name}`", second.what),
        )
        .also(
            first.file,
            first.at.clone(),
            format!("{} names it too", first.what),
        )
        .hint(hint)
}
