//! Render stage: for each report, the view model → Markdown (canonical text) → HTML, plus the
//! charts, handed to the write stage. Every renderer works from the same Markdown and figures.

pub mod allow;
pub mod docx;
pub mod format;
pub mod html;
pub mod markdown;
pub mod pdf;
pub mod templates;
pub mod text;
pub mod view;

use crate::chart::{self, Chart};
use crate::cli::{BuildArgs, Cli};
use crate::model::{Report, Workspace};
use crate::write::{OutputDir, Tally};
use crate::{Checked, Error};
pub use format::{Format, Formats};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// One finished output file, not yet on disk.
#[derive(Debug, Clone)]
pub struct Artifact {
    /// Path relative to the output folder.
    pub name: String,
    pub bytes: Vec<u8>,
}

/// Everything made for one report.
#[derive(Debug, Clone)]
pub struct Rendered {
    pub report_slug: String,
    pub files: Vec<Artifact>,
    pub charts: Vec<Artifact>,
}

/// The file stem of a report's outputs: its YAML file's stem, made safe.
pub fn report_slug(checked: &Checked, report: &Report) -> String {
    let path = &checked.sources.get(report.file).path;
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    crate::validate::slug(&stem)
}

/// Renders one report in every format, in memory.
pub fn render_report(
    ws: &Workspace,
    report: &Report,
    slug: &str,
    template_dir: Option<&Path>,
) -> Result<Rendered, Error> {
    render_report_reusing(ws, report, slug, template_dir, None, Formats::ALL)
}

/// As [`render_report`] in the `selected` formats, keeping the PDF at `previous` (and the
/// HTML and Word files beside it) if still up to date.
pub fn render_report_reusing(
    ws: &Workspace,
    report: &Report,
    slug: &str,
    template_dir: Option<&Path>,
    previous: Option<&Path>,
    selected: Formats,
) -> Result<Rendered, Error> {
    let _t = crate::trace::span(|| format!("{slug}: report"));
    let charts = chart::report_charts(ws, report);
    let all: Vec<&Chart> = charts
        .programme
        .iter()
        .chain(charts.by_initiative.iter().flatten())
        .collect();
    let view = view::ReportView::new(ws, report, &charts, slug);
    let style = templates::Style {
        decimals: report.decimals,
        negatives: report.negatives,
    };
    let tera = templates::engine(template_dir, style)?;
    let md = {
        let _t = crate::trace::span(|| format!("{slug}: markdown"));
        markdown::render(&tera, &view)?
    };
    formats(
        &tera,
        &view,
        md,
        slug,
        &all,
        &pdf_meta(report),
        previous,
        selected,
    )
}

/// A 16-byte fingerprint of `parts` (in order, each length-delimited): two 64-bit FNV-style
/// hashes over 8-byte words, finally mixed. Not cryptographic; it only has to change when
/// anything it covers changes. (A byte at a time cost 1.5% of a build.)
pub(crate) fn fingerprint<'a>(parts: impl IntoIterator<Item = &'a [u8]>) -> [u8; 16] {
    let mut out = [0u8; 16];
    let mut h = [0xcbf2_9ce4_8422_2325u64, 0x6c62_272e_07bb_0142];
    for bytes in parts {
        let mut words = bytes.chunks_exact(8);
        for w in &mut words {
            let v = u64::from_le_bytes([w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7]]);
            h[0] = (h[0] ^ v).wrapping_mul(0x0100_0000_01b3);
            h[1] = (h[1] ^ v.rotate_left(29)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        }
        for b in words.remainder().iter().chain(&[0xff]) {
            h[0] = (h[0] ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3);
            h[1] = (h[1] ^ u64::from(*b)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        }
        // The length, so that moving bytes between parts changes the fingerprint.
        h[0] = (h[0] ^ bytes.len() as u64).wrapping_mul(0x0100_0000_01b3);
    }
    for (half, v) in h.iter().enumerate() {
        // Final mixing, so that every input bit reaches every output bit.
        let mut x = *v;
        x ^= x >> 33;
        x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
        x ^= x >> 33;
        out[half * 8..half * 8 + 8].copy_from_slice(&x.to_be_bytes());
    }
    out
}

/// Upper-case hex of `bytes`.
pub(crate) fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes.iter().fold(String::new(), |mut s, b| {
        let _ = write!(s, "{b:02X}");
        s
    })
}

/// The comment ending a report's HTML page and each chart's SVG file: a fingerprint of
/// everything the file was made from (like the PDF's document ID), so that a rebuild can
/// keep a file whose inputs have not changed instead of making it again.
fn source_mark(id: &[u8; 16]) -> String {
    format!("<!-- cabinet source {} -->\n", hex(id))
}

/// The text already at `path` without its last line, if that line is the mark of `id` (see
/// [`source_mark`]).
fn reusable_text(path: &Path, id: &[u8; 16]) -> Option<String> {
    // Whatever sits there is read whole only if it could be one of ours.
    if std::fs::metadata(path).ok()?.len() > 1024 * 1024 * 1024 {
        return None;
    }
    let mut text = std::fs::read_to_string(path).ok()?;
    let kept = text.len().checked_sub(source_mark(id).len())?;
    if !text.ends_with(&source_mark(id)) {
        return None;
    }
    text.truncate(kept);
    Some(text)
}

/// The SVG of each chart: by its URL in the Markdown (`charts/<key>.svg`, for inlining in
/// the HTML) and as files to write, each file ending with its source mark. A chart file in
/// `folder` made from the same chart by this build of cabinet is kept, not drawn again.
pub(crate) fn chart_svgs(
    slug: &str,
    charts: &[&Chart],
    folder: Option<&Path>,
) -> Result<(HashMap<String, String>, Vec<Artifact>), Error> {
    let mut svgs = HashMap::new();
    let mut files = Vec::new();
    for c in charts {
        let name = format!("charts/{}.svg", view::chart_key(slug, c));
        // Everything a chart is drawn from is in the chart; how it is drawn, in the build.
        let drawn_from = format!("{c:?}");
        let id = fingerprint([
            env!("CARGO_PKG_VERSION").as_bytes(),
            env!("CABINET_BUILD_FINGERPRINT").as_bytes(),
            drawn_from.as_bytes(),
        ]);
        let svg = match folder.and_then(|f| reusable_text(&f.join(&name), &id)) {
            Some(svg) => svg,
            None => c.svg()?,
        };
        let mut file = String::with_capacity(svg.len() + 60);
        file.push_str(&svg);
        file.push_str(&source_mark(&id));
        svgs.insert(name.clone(), svg);
        files.push(Artifact {
            name,
            bytes: file.into_bytes(),
        });
    }
    Ok((svgs, files))
}

/// From a report's Markdown (the canonical text) and its charts: the HTML page, the PDF, the
/// Word file and the chart files, those of them `selected`. Every kind of report ends here,
/// so the formats cannot drift apart.
#[allow(clippy::too_many_arguments)]
pub(crate) fn formats(
    tera: &templates::Engine,
    view: &view::ReportView,
    md: String,
    slug: &str,
    charts: &[&Chart],
    meta: &pdf::PdfMeta,
    previous: Option<&Path>,
    selected: Formats,
) -> Result<Rendered, Error> {
    let by_key: HashMap<String, &Chart> = charts
        .iter()
        .map(|c| (view::chart_key(slug, c), *c))
        .collect();
    let id = pdf::document_id(&md, meta, &by_key);
    let kept = previous.and_then(|p| pdf::reusable(p, &id));
    // The page is made from the same Markdown, metadata and charts, with the HTML template.
    let page_id = fingerprint([
        &id[..],
        &tera.sources_id,
        view.title_plain.as_bytes(),
        view.committee.as_bytes(),
        view.meeting_date.as_bytes(),
    ]);
    let kept_page = previous.and_then(|p| reusable_text(&p.with_extension("html"), &page_id));
    let docx_id = docx::document_id(&id);
    let kept_docx = previous.and_then(|p| docx::reusable(&p.with_extension("docx"), &docx_id));
    // The PDF (the larger half of the work) is laid out on a second core while this one draws
    // the SVG charts and the HTML; both read the same Markdown and charts.
    // The Word file (its charts drawn as PNGs) on a third thread: the three share the cores.
    let (pdf, docx, html_and_charts) = std::thread::scope(|s| {
        let pdf = s.spawn(|| match kept {
            _ if !selected.pdf => Ok(None),
            Some(bytes) => Ok(Some(bytes)),
            None => {
                let _t = crate::trace::span(|| format!("{slug}: pdf"));
                pdf::render(&md, meta, &by_key).map(Some)
            }
        });
        let docx = s.spawn(|| match kept_docx {
            _ if !selected.docx => Ok(None),
            Some(bytes) => Ok(Some(bytes)),
            None => {
                let _t = crate::trace::span(|| format!("{slug}: docx"));
                docx::render(&md, meta, &by_key, &docx_id).map(Some)
            }
        });
        let rest = if selected.chart_files() {
            let _t = crate::trace::span(|| format!("{slug}: chart svgs"));
            chart_svgs(slug, charts, previous.and_then(Path::parent))
        } else {
            Ok((HashMap::new(), Vec::new()))
        }
        .and_then(|(svgs, files)| {
            if !selected.html {
                return Ok((None, files));
            }
            let mut page = match kept_page {
                Some(page) => page,
                None => {
                    let _t = crate::trace::span(|| format!("{slug}: html"));
                    html_document(tera, view, &md, &svgs)?
                }
            };
            page.push_str(&source_mark(&page_id));
            Ok((Some(page), files))
        });
        let join = |h: std::thread::ScopedJoinHandle<'_, Result<Option<Vec<u8>>, Error>>| {
            h.join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
        };
        (join(pdf), join(docx), rest)
    });
    // Errors in the order the sequential build met them: charts and HTML before the PDF.
    let (html, chart_files) = html_and_charts?;
    let pdf = pdf?;
    let docx = docx?;
    let mut files = Vec::with_capacity(4);
    let mut add = |ext: &str, bytes: Option<Vec<u8>>| {
        if let Some(bytes) = bytes {
            files.push(Artifact {
                name: format!("{slug}.{ext}"),
                bytes,
            });
        }
    };
    add("md", selected.md.then(|| md.into_bytes()));
    add("html", html.map(String::into_bytes));
    add("pdf", pdf);
    add("docx", docx);
    Ok(Rendered {
        report_slug: slug.to_string(),
        files,
        charts: chart_files,
    })
}

/// PDF metadata and running header from the report: dates from the input, never the clock.
pub fn pdf_meta(report: &Report) -> pdf::PdfMeta {
    let mut right = report.meeting_date.long();
    if let Some(item) = &report.agenda_item {
        right = format!("Agenda item {item} · {right}");
    }
    let author = report
        .authors
        .iter()
        .map(|a| a.name.clone())
        .collect::<Vec<_>>()
        .join(", ");
    pdf::PdfMeta {
        title: report.title.clone(),
        author,
        subject: format!("{} – {}", report.committee, report.meeting_date.long()),
        keywords: vec![
            "cabinet report".into(),
            report.committee.clone(),
            "financial implications".into(),
        ],
        lang: "en-GB".into(),
        date: report.meeting_date,
        header_left: report.committee.clone(),
        header_right: right,
    }
}

/// Wraps the HTML body in the page template, with the contents list after the title.
pub(crate) fn html_document(
    tera: &tera::Tera,
    view: &view::ReportView,
    md: &str,
    svgs: &HashMap<String, String>,
) -> Result<String, Error> {
    let body = html::body(md, svgs);
    let (heading, rest) = match body.body.find("</h1>") {
        Some(i) => body.body.split_at(i + "</h1>".len()),
        None => ("", body.body.as_str()),
    };
    #[derive(serde::Serialize)]
    struct Page<'a> {
        title: &'a str,
        committee: &'a str,
        meeting_date: &'a str,
        description: String,
        heading: &'a str,
        body: &'a str,
        toc: &'a [html::TocEntry],
    }
    let page = Page {
        title: &view.title_plain,
        committee: &view.committee,
        meeting_date: &view.meeting_date,
        description: format!("Cabinet report: {}", view.title_plain),
        heading,
        body: rest,
        toc: &body.toc,
    };
    templates::render(tera, "report.html.tera", &page)
}

/// The subfolder of the output folder that exempt reports are written to.
pub const EXEMPT_DIR: &str = "exempt";

/// What a build wrote.
#[derive(Debug, Default)]
pub struct BuildSummary {
    pub reports: usize,
    /// Exempt reports (Schedule 12A), written under `exempt/`, not beside the public ones.
    pub exempt: usize,
    pub files: Tally,
    pub charts: Tally,
}

impl BuildSummary {
    /// "built 1 report(s) into output: 3 file(s) written, 0 unchanged; 2 chart(s) updated, 24 unchanged".
    pub fn line(&self, output: &Path) -> String {
        let exempt = if self.exempt > 0 {
            format!(
                " ({} exempt, not for publication, under {})",
                self.exempt,
                output.join(EXEMPT_DIR).display()
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

/// The template folder for a report: `--templates`, else the report's own `templates:` key
/// (relative to the report file).
pub(crate) fn template_dir(
    checked: &Checked,
    report: &Report,
    cli_dir: Option<&Path>,
) -> Option<PathBuf> {
    cli_dir.map(Path::to_path_buf).or_else(|| {
        report.templates.as_ref().map(|t| {
            let file = &checked.sources.get(report.file).path;
            file.parent()
                .map(Path::to_path_buf)
                .unwrap_or_default()
                .join(t)
        })
    })
}

/// Bytes of input behind a report (its file and its initiatives'): how much work it is,
/// roughly, so that the largest starts first.
pub(crate) fn report_weight(checked: &Checked, report: &Report) -> usize {
    let ws = &checked.workspace;
    std::iter::once(report.file)
        .chain(report.initiatives.iter().map(|&k| ws.initiatives[k].file))
        .map(|f| checked.sources.get(f).text.len())
        .sum()
}

/// One report to render: run on whichever core is free.
pub(crate) struct Task<'a> {
    /// A rough measure of the work (bytes of input behind the report), so that the largest
    /// report starts first and the small ones fill in around it.
    pub weight: usize,
    pub run: Box<dyn Fn() -> Result<Rendered, Error> + Send + Sync + 'a>,
}

/// `f(0)`, `f(1)`, … `f(count - 1)` computed on all cores (whichever is free takes the next),
/// returned in index order. On one core they run in order and stop after the first error.
pub(crate) fn parallel_map<T: Send, E: Send>(
    count: usize,
    f: impl Fn(usize) -> Result<T, E> + Sync,
) -> Vec<Result<T, E>> {
    parallel_map_by(count, |_| 0, f)
}

/// As [`parallel_map`], starting the items of greatest `weight` first (ties in index
/// order): the longest job is then never the one left running alone at the end, which is
/// what decides the wall time when one report is much larger than the rest.
pub(crate) fn parallel_map_by<T: Send, E: Send>(
    count: usize,
    weight: impl Fn(usize) -> usize,
    f: impl Fn(usize) -> Result<T, E> + Sync,
) -> Vec<Result<T, E>> {
    let workers = std::thread::available_parallelism()
        .map_or(1, std::num::NonZeroUsize::get)
        .min(count);
    if workers <= 1 {
        let mut out = Vec::new();
        for k in 0..count {
            let r = f(k);
            let failed = r.is_err();
            out.push(r);
            if failed {
                break;
            }
        }
        return out;
    }
    let mut order: Vec<usize> = (0..count).collect();
    // Stable: equal weights keep index order.
    order.sort_by_key(|&k| std::cmp::Reverse(weight(k)));
    let next = std::sync::atomic::AtomicUsize::new(0);
    let slots: std::sync::Mutex<Vec<Option<Result<T, E>>>> =
        std::sync::Mutex::new((0..count).map(|_| None).collect());
    std::thread::scope(|s| {
        for _ in 0..workers {
            s.spawn(|| loop {
                let n = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let Some(&k) = order.get(n) else {
                    break;
                };
                let r = f(k);
                slots
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner)[k] = Some(r);
            });
        }
    });
    slots
        .into_inner()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .into_iter()
        .flatten()
        .collect()
}

/// Renders the reports at `which` (indexes into the workspace) and writes them. Each report's
/// files are staged (written to temporary files beside their destinations) on the core that
/// rendered it, as soon as it is rendered; only when every report has rendered are they all
/// renamed into place. So a render failure changes no file, and a write failure names every
/// output left as it was.
pub fn build_reports(
    checked: &Checked,
    which: &[usize],
    output: &Path,
    templates: Option<&Path>,
) -> Result<BuildSummary, Error> {
    build_reports_in(checked, which, output, templates, Formats::ALL)
}

/// As [`build_reports`], writing only the `selected` formats of each report.
pub fn build_reports_in(
    checked: &Checked,
    which: &[usize],
    output: &Path,
    templates: Option<&Path>,
    selected: Formats,
) -> Result<BuildSummary, Error> {
    let ws = &checked.workspace;
    let mut tasks: Vec<Task<'_>> = which
        .iter()
        .map(|&i| -> Task<'_> {
            let report = &ws.reports[i];
            let weight = report_weight(checked, report);
            let run = Box::new(move || {
                let report = &ws.reports[i];
                let slug = report_slug(checked, report);
                let dir = template_dir(checked, report, templates);
                let exempt = matches!(report.exempt, crate::model::Exemption::Yes { .. });
                let folder = if exempt {
                    output.join(EXEMPT_DIR)
                } else {
                    output.to_path_buf()
                };
                let previous = folder.join(format!("{slug}.pdf"));
                let mut r = render_report_reusing(
                    ws,
                    report,
                    &slug,
                    dir.as_deref(),
                    Some(&previous),
                    selected,
                )?;
                if exempt {
                    // Not for publication: kept apart so a published output folder never
                    // holds it. Its HTML links its charts relatively, so they move with it.
                    for a in r.files.iter_mut().chain(r.charts.iter_mut()) {
                        a.name = format!("{EXEMPT_DIR}/{}", a.name);
                    }
                }
                Ok(r)
            });
            Task { weight, run }
        })
        .collect();
    tasks.extend(crate::monitoring::render::tasks(
        checked, templates, output, selected,
    ));
    let out = OutputDir::at(output);
    let created = crate::write::missing(&[
        output.to_path_buf(),
        output.join("charts"),
        output.join(EXEMPT_DIR),
        output.join(EXEMPT_DIR).join("charts"),
    ]);
    let staged = parallel_map_by(
        tasks.len(),
        |k| tasks[k].weight,
        |k| {
            let r = (tasks[k].run)()?;
            let _t = crate::trace::span(|| format!("{}: stage", r.report_slug));
            // Charts first, then the report's own files, as a reader would need them.
            let charts = r.charts.iter().map(|a| (a, true));
            let files = r.files.iter().map(|a| (a, false));
            charts
                .chain(files)
                .map(|(a, is_chart)| Ok((a.name.clone(), is_chart, out.stage(&a.name, &a.bytes)?)))
                .collect::<Result<Vec<_>, Error>>()
        },
    );
    let mut all = Vec::new();
    let mut failed = None;
    for r in staged {
        match r {
            Ok(files) => all.extend(files),
            Err(e) => {
                failed.get_or_insert(e);
            }
        }
    }
    if let Some(e) = failed {
        // Every staged file is dropped (its temporary removed) before the folders this
        // build made are removed again.
        drop(all);
        crate::write::remove_if_empty(&created);
        return Err(e);
    }
    let _t = crate::trace::span(|| "write".into());
    let exempt = which
        .iter()
        .filter(|&&i| matches!(ws.reports[i].exempt, crate::model::Exemption::Yes { .. }))
        .count();
    let mut summary = BuildSummary {
        reports: tasks.len(),
        exempt,
        ..BuildSummary::default()
    };
    let names: Vec<String> = all.iter().map(|(name, ..)| name.clone()).collect();
    for (n, (_, is_chart, file)) in all.into_iter().enumerate() {
        let path = file.path().to_path_buf();
        match file.commit() {
            Ok(outcome) => {
                let tally = if is_chart {
                    &mut summary.charts
                } else {
                    &mut summary.files
                };
                tally.record(path, outcome);
            }
            Err(e) => {
                return Err(Error::NotUpdated {
                    cause: Box::new(e),
                    remaining: names[n..].to_vec(),
                });
            }
        }
    }
    Ok(summary)
}

/// `cabinet build`: render every report, write, and print a one-line summary.
pub(crate) fn build(cli: &Cli, args: &BuildArgs, checked: &Checked) -> Result<(), Error> {
    let started = std::time::Instant::now();
    let which: Vec<usize> = (0..checked.workspace.reports.len()).collect();
    let summary = build_reports_in(
        checked,
        &which,
        &args.output,
        args.templates.as_deref(),
        args.selected(),
    )?;
    if !cli.quiet {
        for p in &summary.files.written {
            eprintln!("wrote {}", p.display());
        }
        if cli.verbose {
            for p in &summary.charts.written {
                eprintln!("wrote {}", p.display());
            }
            for p in summary
                .files
                .unchanged
                .iter()
                .chain(&summary.charts.unchanged)
            {
                eprintln!("unchanged {}", p.display());
            }
        }
        eprintln!(
            "{} in {:.2} s",
            summary.line(&args.output),
            started.elapsed().as_secs_f64()
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whatever order the items run in (heaviest first), results come back in index order,
    /// each item run once.
    #[test]
    fn weighted_items_run_once_each_and_return_in_index_order() {
        let runs = std::sync::atomic::AtomicUsize::new(0);
        let weights = [3, 50, 0, 50, 7, 1];
        let out = parallel_map_by(
            weights.len(),
            |k| weights[k],
            |k| {
                runs.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                if k == 4 {
                    Err(format!("item {k}"))
                } else {
                    Ok(k * 10)
                }
            },
        );
        // On one core the run stops at the first error, in index order.
        let ran = runs.load(std::sync::atomic::Ordering::Relaxed);
        assert!(ran == weights.len() || ran == 5, "{ran} runs");
        assert_eq!(out[..4], [Ok(0), Ok(10), Ok(20), Ok(30)]);
        assert_eq!(out[4], Err("item 4".to_string()));
        if out.len() == weights.len() {
            assert_eq!(out[5], Ok(50));
        }
    }
}
