//! The build loop, one for every kind of paper: plan (each paper's route, from the one place
//! that decides it), render on all cores (reusing what the last run wrote where its sources
//! are unchanged and its bytes are still ours), stage each paper's files as soon as it is
//! rendered, then commit them all together. `build`, `watch` and `cabinet charts` run it;
//! `pack` commits through the same transaction.

pub mod plan;

use crate::model::PaperId;
use crate::render::{self, Artifact, Formats, Rendered};
use crate::write::manifest::Manifest;
use crate::write::{Tally, Txn};
use crate::{Checked, Error};
use std::path::Path;

/// What a build wrote.
#[derive(Debug, Default)]
pub struct BuildSummary {
    pub reports: usize,
    /// Exempt papers (Schedule 12A), written under `exempt/`, not beside the public ones.
    pub exempt: usize,
    pub files: Tally,
    pub charts: Tally,
    /// What an interrupted earlier run had left, put right before this one.
    pub recovered: crate::write::txn::Recovered,
    /// Files taken from the last run as they were (sources unchanged, bytes verified).
    pub reused: Vec<String>,
    /// What a PDF could not lay out as it should, by file (W0901).
    pub warnings: Vec<String>,
}

impl BuildSummary {
    /// "built 1 report(s) into output: 3 file(s) written, 0 unchanged; 2 chart(s) updated, 24 unchanged".
    pub fn line(&self, output: &Path) -> String {
        let exempt = if self.exempt > 0 {
            format!(
                " ({} exempt, not for publication, under {})",
                self.exempt,
                output.join(render::EXEMPT_DIR).display()
            )
        } else {
            String::new()
        };
        format!(
            "built {} report(s){exempt} into {}: {} file(s) written, {} unchanged; {} chart(s) updated, {} unchanged",
            self.reports,
            output.display(),
            self.files.written.len(),
            self.files.unchanged.len(),
            self.charts.written.len(),
            self.charts.unchanged.len()
        )
    }
}

/// Renders the papers `which` and writes them into `output`. Each paper's files are staged
/// on the core that rendered it, as soon as it is rendered; only when every paper has rendered
/// are they committed together. So a render failure changes no file, a write failure puts back
/// what it had changed, and a kill at any moment is put right by the next run.
pub fn run(
    checked: &Checked,
    which: &[PaperId],
    output: &Path,
    templates: Option<&Path>,
) -> Result<BuildSummary, Error> {
    run_in(Txn::open(output)?, checked, which, templates, Formats::ALL)
}

/// As [`run`], writing only the `selected` formats of each paper (`--format`).
pub fn run_formats(
    checked: &Checked,
    which: &[PaperId],
    output: &Path,
    templates: Option<&Path>,
    selected: Formats,
) -> Result<BuildSummary, Error> {
    run_in(Txn::open(output)?, checked, which, templates, selected)
}

/// As [`run`], in a transaction already open on the output folder (a build opens it before
/// it checks the inputs, so that even a build that stops at their errors first puts right
/// what an interrupted one left).
pub fn run_in(
    txn: Txn,
    checked: &Checked,
    which: &[PaperId],
    templates: Option<&Path>,
    selected: Formats,
) -> Result<BuildSummary, Error> {
    let manifest = Manifest::load(txn.root());
    let done = render_and_stage(&txn, checked, which, templates, &manifest, selected)?;
    let recovered = txn.recovered;
    let _t = crate::trace::span(|| "write".into());
    let tally = txn.commit()?;
    remember(manifest, done.iter().flat_map(all_files));
    let (charts, files) = split(tally);
    Ok(BuildSummary {
        reused: done.iter().flat_map(|r| r.reused.iter().cloned()).collect(),
        warnings: done
            .iter()
            .flat_map(|r| r.warnings.iter().cloned())
            .collect(),
        reports: done.len(),
        exempt: done.iter().filter(|r| r.route.exempt).count(),
        files,
        charts,
        recovered,
    })
}

/// Renders the papers `which` on all cores and stages each one's files in `txn` as soon as it
/// is rendered, reusing what `manifest` vouches for. Returns them in paper order, or the first
/// error in paper order (the caller drops the transaction, which removes what was staged).
pub fn render_and_stage(
    txn: &Txn,
    checked: &Checked,
    which: &[PaperId],
    templates: Option<&Path>,
    manifest: &Manifest,
    selected: Formats,
) -> Result<Vec<Rendered>, Error> {
    let rendered = crate::parallel::parallel_map_by(
        which.len(),
        |k| render::paper_weight(checked, which[k]),
        |k| {
            let r =
                render::render_paper_in(checked, which[k], templates, Some(manifest), selected)?;
            let _t = crate::trace::span(|| format!("{}: stage", r.route.slug));
            stage(txn, &r)?;
            Ok(r)
        },
    );
    rendered.into_iter().collect()
}

/// Charts first, then the paper's own files, as a reader would need them.
pub fn all_files(r: &Rendered) -> impl Iterator<Item = &Artifact> {
    r.charts.iter().chain(&r.files)
}

/// Stages every file of a rendered paper.
pub fn stage(txn: &Txn, r: &Rendered) -> Result<(), Error> {
    for a in all_files(r) {
        txn.stage(&a.name, &a.bytes)?;
    }
    Ok(())
}

/// Records what was committed, so the next run can keep what is still ours. The record is a
/// convenience: failing to save it only costs the next run its reuse.
pub fn remember<'a>(mut manifest: Manifest, files: impl Iterator<Item = &'a Artifact>) {
    for a in files {
        if a.reused {
            // Verified against its entry when it was reused: the entry stands as it is.
            continue;
        }
        match a.source {
            Some(source) => manifest.record(&a.name, &a.bytes, source),
            None => manifest.forget(&a.name),
        }
    }
    let _ = manifest.save();
}

/// A commit's tally split into (charts, other files).
pub fn split(tally: Tally) -> (Tally, Tally) {
    let is_chart = |p: &std::path::PathBuf| {
        p.parent()
            .and_then(|d| d.file_name())
            .is_some_and(|n| n == "charts")
    };
    let mut charts = Tally::default();
    let mut files = Tally::default();
    for (list, outcome) in [
        (tally.written, crate::write::Outcome::Written),
        (tally.unchanged, crate::write::Outcome::Unchanged),
    ] {
        for p in list {
            if is_chart(&p) {
                charts.record(p, outcome);
            } else {
                files.record(p, outcome);
            }
        }
    }
    (charts, files)
}
