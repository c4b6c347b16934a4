//! Render stage: each paper, of any kind, is made ready ([`prepare`]: its view → Markdown, the
//! canonical text, and its charts), then written in every format from that one Markdown
//! ([`formats`]: HTML, PDF, Word, chart SVGs), so the formats cannot drift apart.

pub mod captions;
pub mod cells;
pub mod docx;
pub mod format;
pub mod html;
pub mod markdown;
pub mod pdf;
pub mod route;
pub mod sanitise;
pub mod templates;
pub mod view;
pub mod webfont;

/// Text safety for Markdown output (kept below the renderers, for every block's view).
pub use crate::text;

use crate::chart::{self, Chart};
use crate::model::{PaperId, Report};
use crate::workspace::Workspace;
use crate::write::manifest::Manifest;
use crate::{Checked, Error};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub(crate) use crate::fingerprint::{fingerprint, hex};
pub use format::{Format, Formats};
pub use route::{Route, EXEMPT_DIR};

/// One finished output file, not yet on disk.
#[derive(Debug, Clone)]
pub struct Artifact {
    /// Path relative to the output folder.
    pub name: String,
    pub bytes: Vec<u8>,
    /// A fingerprint of everything the file is made from, for files a rebuild may keep (see
    /// [`Manifest`]); `None` for files that are always made again.
    pub source: Option<[u8; 16]>,
    /// Taken as it was from the last run, not made again.
    pub reused: bool,
}

/// Everything made for one paper.
#[derive(Debug, Clone)]
pub struct Rendered {
    pub route: Route,
    pub files: Vec<Artifact>,
    pub charts: Vec<Artifact>,
    /// The names of the files taken as they were from the last run (sources unchanged, bytes
    /// still what was written) instead of being made again.
    pub reused: Vec<String>,
    /// What the PDF could not lay out as it should (a table column too wide for the page
    /// even on its own), each with the PDF's name, for the build to report.
    pub warnings: Vec<String>,
}

/// What the HTML page template needs besides the body.
#[derive(Debug, Clone)]
pub struct PageFacts {
    pub title: String,
    pub committee: String,
    pub meeting_date: String,
}

/// A paper made ready for its formats: its Markdown (the canonical text every format is made
/// from), its charts (the only ones its pages may show), the facts its page and PDF need, and
/// the template set it is rendered with.
pub struct Prepared {
    pub markdown: String,
    pub charts: Vec<Chart>,
    pub page: PageFacts,
    pub meta: pdf::PdfMeta,
    pub tera: Arc<templates::Engine>,
}

impl Prepared {
    /// The paper's charts by the key its Markdown names them by (`charts/<key>.svg`).
    pub fn charts_by_key(&self, route: &Route) -> HashMap<String, &Chart> {
        self.charts
            .iter()
            .map(|c| (route.chart_key(&c.id), c))
            .collect()
    }
}

/// Renders paper `id` in every format, in memory, named by its route: what a build writes for
/// it. `templates` is `--templates` (else the paper's own `templates:`); `kept` is the record
/// of what the last run wrote, for reuse.
pub fn render_paper(
    checked: &Checked,
    id: PaperId,
    templates: Option<&Path>,
    kept: Option<&Manifest>,
) -> Result<Rendered, Error> {
    render_paper_in(checked, id, templates, kept, Formats::ALL)
}

/// As [`render_paper`], in the `selected` formats only.
pub fn render_paper_in(
    checked: &Checked,
    id: PaperId,
    templates: Option<&Path>,
    kept: Option<&Manifest>,
    selected: Formats,
) -> Result<Rendered, Error> {
    let ws = &checked.workspace;
    let route = Route::of(ws, &checked.sources, id);
    let dir = template_dir(checked, ws.front(id), templates);
    let prepared = prepare(ws, id, &route, dir.as_deref())?;
    formats_in(&prepared, &route, kept, selected)
}

/// Makes paper `id` ready: its view, Markdown and charts, from the templates in `template_dir`
/// (else the built-in ones).
pub fn prepare(
    ws: &Workspace,
    id: PaperId,
    route: &Route,
    template_dir: Option<&Path>,
) -> Result<Prepared, Error> {
    let slug = route.slug.as_str();
    let _t = crate::trace::span(|| format!("{slug}: report"));
    let f = &ws.follow_ups;
    let mut prepared = match id {
        PaperId::Report(i) => prepare_report(ws, &ws.reports[i], slug, template_dir),
        PaperId::Monitoring(i) => {
            crate::monitoring::render::prepare_monitoring(ws, &f.monitoring[i], slug, template_dir)
        }
        PaperId::Scenario(i) => {
            crate::monitoring::render::prepare_scenario(ws, &f.scenarios[i], slug, template_dir)
        }
        PaperId::Plan(i) => {
            crate::monitoring::render::prepare_plan(ws, &f.plans[i], slug, template_dir)
        }
    }?;
    // The charts its table blocks draw, whatever the kind of paper.
    let front = ws.front(id);
    prepared.charts.extend(crate::blocks::table::chart::charts(
        &front.tables,
        front.negatives,
    ));
    Ok(prepared)
}

fn prepare_report(
    ws: &Workspace,
    report: &Report,
    slug: &str,
    template_dir: Option<&Path>,
) -> Result<Prepared, Error> {
    let set = chart::report_charts(&ws.initiatives, report);
    let view = view::ReportView::new(ws, report, &set, slug);
    let tera = templates::engine(template_dir, templates::Style::of(report))?;
    let markdown = {
        let _t = crate::trace::span(|| format!("{slug}: markdown"));
        markdown::render(&tera, &view)?
    };
    let charts = set
        .programme
        .into_iter()
        .chain(set.by_initiative.into_iter().flatten())
        .collect();
    Ok(Prepared {
        markdown,
        charts,
        page: page_facts(report),
        meta: pdf_meta(report),
        tera,
    })
}

/// The page facts of a paper's front matter.
pub(crate) fn page_facts(report: &Report) -> PageFacts {
    PageFacts {
        title: report.title.clone(),
        committee: report.committee.clone(),
        meeting_date: report.meeting_date.long(),
    }
}

/// The ids of paper `id`'s charts, each with the index of the initiative it is drawn for
/// (`None` for a chart of the whole paper): what its chart files are named after.
pub fn chart_ids(ws: &Workspace, id: PaperId) -> Vec<(String, Option<usize>)> {
    let tables = &ws.front(id).tables.tables;
    let table_charts = tables
        .iter()
        .filter(|t| t.chart.is_some())
        .map(|t| (crate::model::table::TableChart::id(&t.id), None));
    let mut out: Vec<(String, Option<usize>)> = match id {
        PaperId::Report(i) => {
            let report = &ws.reports[i];
            let mut out: Vec<(String, Option<usize>)> = Vec::new();
            if !report.initiatives.is_empty() {
                out.extend(chart::PROGRAMME_CHART_IDS.map(|c| (c.to_string(), None)));
            }
            for &k in &report.initiatives {
                let ids = chart::initiative_chart_ids(&ws.initiatives[k]);
                out.extend(ids.all().map(|c| (c.to_string(), Some(k))));
            }
            out
        }
        _ => crate::monitoring::render::charts_of(ws, id)
            .into_iter()
            .map(|c| (c.id, None))
            .collect(),
    };
    out.extend(table_charts);
    out
}

/// Every chart of paper `id`, drawn from its figures (for `cabinet charts`).
pub fn paper_charts(ws: &Workspace, id: PaperId) -> Vec<Chart> {
    let front = ws.front(id);
    let tables = crate::blocks::table::chart::charts(&front.tables, front.negatives);
    let mut out: Vec<Chart> = match id {
        PaperId::Report(i) => {
            let set = chart::report_charts(&ws.initiatives, &ws.reports[i]);
            set.programme
                .into_iter()
                .chain(set.by_initiative.into_iter().flatten())
                .collect()
        }
        _ => crate::monitoring::render::charts_of(ws, id),
    };
    out.extend(tables);
    out
}

/// The fingerprint of a chart file: everything it is drawn from (its data and drawing spec,
/// in its `Debug`) and how it is drawn (the build of cabinet).
fn chart_source(c: &Chart) -> [u8; 16] {
    let drawn_from = format!("{c:?}");
    fingerprint([
        env!("CARGO_PKG_VERSION").as_bytes(),
        env!("CABINET_BUILD_FINGERPRINT").as_bytes(),
        drawn_from.as_bytes(),
    ])
}

/// The SVG file of each chart, in the order of `charts`. A chart file the last run wrote from
/// the same chart, and that is still byte for byte what it wrote, is kept rather than drawn
/// again (see [`Manifest`]).
pub(crate) fn chart_svgs(
    route: &Route,
    charts: &[Chart],
    kept: Option<&Manifest>,
) -> Result<Vec<Artifact>, Error> {
    let mut files = Vec::with_capacity(charts.len());
    for c in charts {
        let name = route.chart_file(&c.id, "svg");
        let source = chart_source(c);
        let kept = kept
            .and_then(|m| m.kept(&name, &source))
            .and_then(|b| String::from_utf8(b).ok());
        let reused = kept.is_some();
        let svg = match kept {
            Some(svg) => svg,
            None => c.svg()?,
        };
        files.push(Artifact {
            name,
            bytes: svg.into_bytes(),
            source: Some(source),
            reused,
        });
    }
    Ok(files)
}

/// The SVG of each chart by its URL in the Markdown (`charts/<key>.svg`), for inlining in the
/// page: read from the chart files made by [`chart_svgs`] (in the same order), not a copy.
fn svgs_by_url<'a>(
    route: &Route,
    charts: &[Chart],
    files: &'a [Artifact],
) -> HashMap<String, &'a str> {
    charts
        .iter()
        .zip(files)
        .filter_map(|(c, f)| {
            let svg = std::str::from_utf8(&f.bytes).ok()?;
            Some((format!("charts/{}.svg", route.chart_key(&c.id)), svg))
        })
        .collect()
}

/// From a paper made ready: its Markdown, HTML page, PDF, Word file and chart files, named by
/// its route. Every kind of paper ends here, so the formats cannot drift apart. A PDF, page or
/// Word file the last run wrote from the same sources, still byte for byte as written, is kept
/// (see [`Manifest`]).
pub fn formats(p: &Prepared, route: &Route, kept: Option<&Manifest>) -> Result<Rendered, Error> {
    formats_in(p, route, kept, Formats::ALL)
}

/// As [`formats`], making only the `selected` formats (chart SVGs go with the Markdown and
/// the page).
pub fn formats_in(
    p: &Prepared,
    route: &Route,
    kept: Option<&Manifest>,
    selected: Formats,
) -> Result<Rendered, Error> {
    let slug = route.slug.as_str();
    let by_key = p.charts_by_key(route);
    let id = pdf::document_id(&p.markdown, &p.meta, &by_key);
    let (pdf_name, page_name) = (route.file("pdf"), route.file("html"));
    let kept_pdf = kept.and_then(|m| m.kept(&pdf_name, &id));
    // The page is made from the same Markdown, metadata and charts, with the HTML template.
    let page_id = fingerprint([
        &id[..],
        &p.tera.sources_id,
        p.page.title.as_bytes(),
        p.page.committee.as_bytes(),
        p.page.meeting_date.as_bytes(),
    ]);
    let kept_page = kept
        .and_then(|m| m.kept(&page_name, &page_id))
        .and_then(|b| String::from_utf8(b).ok());
    // The Word file is made from the same Markdown, metadata and charts as the PDF.
    let docx_name = route.file("docx");
    let docx_id = docx::document_id(&id);
    let kept_docx = kept.and_then(|m| m.kept(&docx_name, &docx_id));
    let (kept_pdf_used, kept_page_used, kept_docx_used) = (
        selected.pdf && kept_pdf.is_some(),
        selected.html && kept_page.is_some(),
        selected.docx && kept_docx.is_some(),
    );
    // The PDF (the larger half of the work) is laid out on a second core, and the Word file
    // (its charts drawn as PNGs) on a third thread, while this one draws the SVG charts and
    // the HTML; all read the same Markdown and charts.
    let (pdf, docx, html_and_charts) = std::thread::scope(|s| {
        let pdf = s.spawn(|| match kept_pdf {
            _ if !selected.pdf => Ok(None),
            Some(bytes) => Ok(Some((bytes, Vec::new()))),
            None => {
                let _t = crate::trace::span(|| format!("{slug}: pdf"));
                pdf::render_noting(&p.markdown, &p.meta, &by_key).map(Some)
            }
        });
        let docx = s.spawn(|| match kept_docx {
            _ if !selected.docx => Ok(None),
            Some(bytes) => Ok(Some(bytes)),
            None => {
                let _t = crate::trace::span(|| format!("{slug}: docx"));
                docx::render(&p.markdown, &p.meta, &by_key).map(Some)
            }
        });
        let rest = if selected.chart_files() {
            let _t = crate::trace::span(|| format!("{slug}: chart svgs"));
            chart_svgs(route, &p.charts, kept)
        } else {
            Ok(Vec::new())
        }
        .and_then(|files| {
            if !selected.html {
                return Ok((None, files));
            }
            let page = match kept_page {
                Some(page) => page,
                None => {
                    let _t = crate::trace::span(|| format!("{slug}: html"));
                    let svgs = svgs_by_url(route, &p.charts, &files);
                    html_document(&p.tera, &p.page, &p.markdown, &svgs)?
                }
            };
            Ok((Some(page), files))
        });
        let pdf = pdf
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        let docx = docx
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (pdf, docx, rest)
    });
    // Errors in the order the sequential build met them: charts and HTML before the PDF.
    let (html, chart_files) = html_and_charts?;
    let (pdf, warnings) = match pdf? {
        Some((bytes, warnings)) => (Some(bytes), warnings),
        None => (None, Vec::new()),
    };
    let warnings = warnings
        .into_iter()
        .map(|w| format!("{pdf_name}: {w}"))
        .collect();
    let docx = docx?;
    let mut reused: Vec<String> = Vec::new();
    if kept_pdf_used {
        reused.push(pdf_name.clone());
    }
    if kept_page_used {
        reused.push(page_name.clone());
    }
    if kept_docx_used {
        reused.push(docx_name.clone());
    }
    reused.extend(
        chart_files
            .iter()
            .filter(|a| a.reused)
            .map(|a| a.name.clone()),
    );
    let mut files = Vec::with_capacity(4);
    if selected.md {
        files.push(Artifact {
            name: route.file("md"),
            bytes: p.markdown.clone().into_bytes(),
            source: None,
            reused: false,
        });
    }
    let made = [
        (
            page_name,
            html.map(String::into_bytes),
            page_id,
            kept_page_used,
        ),
        (pdf_name, pdf, id, kept_pdf_used),
        (docx_name, docx, docx_id, kept_docx_used),
    ];
    for (name, bytes, source, reused) in made {
        if let Some(bytes) = bytes {
            files.push(Artifact {
                name,
                bytes,
                source: Some(source),
                reused,
            });
        }
    }
    Ok(Rendered {
        reused,
        warnings,
        route: route.clone(),
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
    // The council and the Public / Exempt marking travel with the file, as the front page
    // shows them; an exempt report says so on every page too.
    let marking = view::marking(&report.exempt);
    let mut subject = format!(
        "{marking}. {} – {}",
        report.committee,
        report.meeting_date.long()
    );
    let mut keywords = vec![
        "cabinet report".into(),
        report.committee.clone(),
        "financial implications".into(),
    ];
    if let Some(council) = &report.council {
        subject = format!("{council}. {subject}");
        keywords.insert(0, council.clone());
    }
    let exempt = matches!(report.exempt, crate::model::Exemption::Yes { .. });
    keywords.push(if exempt { "exempt" } else { "public" }.into());
    if exempt {
        right = format!("NOT FOR PUBLICATION · {right}");
    }
    pdf::PdfMeta {
        title: report.title.clone(),
        author,
        subject,
        keywords,
        lang: "en-GB".into(),
        date: report.meeting_date,
        header_left: report.committee.clone(),
        header_right: right,
        fonts: report.fonts.clone(),
    }
}

/// Wraps the HTML body in the page template, with the contents list after the title.
pub(crate) fn html_document(
    tera: &tera::Tera,
    facts: &PageFacts,
    md: &str,
    svgs: &HashMap<String, &str>,
) -> Result<String, Error> {
    let body = html::body(md, svgs);
    // The body is the heading (up to the end of the `h1`) and the rest.
    let split = body.body.find("</h1>").map_or(0, |i| i + "</h1>".len());
    #[derive(serde::Serialize)]
    struct Page<'a> {
        /// `@font-face` rules: Noto Sans cut to the characters of this page.
        font_faces: String,
        title: &'a str,
        committee: &'a str,
        meeting_date: &'a str,
        description: String,
        heading: &'a str,
        body: &'a str,
        toc: &'a [html::TocEntry],
    }
    // The template is rendered with placeholders where the sanitised heading and body go, the
    // result checked, and only then the two put in: the check reads what the template wrote,
    // not the (already sanitised) body.
    let (heading_slot, body_slot) = (html::slot("heading"), html::slot("body"));
    let page = Page {
        font_faces: webfont::font_faces(&body.body),
        title: &facts.title,
        committee: &facts.committee,
        meeting_date: &facts.meeting_date,
        description: format!("Cabinet report: {}", facts.title),
        heading: &heading_slot,
        body: &body_slot,
        toc: &body.toc,
    };
    let shell = templates::render(tera, "report.html.tera", &page)?;
    html::check_shell(&shell, &[&heading_slot, &body_slot]).map_err(|message| Error::Template {
        name: "report.html.tera".into(),
        message,
    })?;
    let shell = shell.replace(&heading_slot, &body.body[..split]);
    let mut around = shell.split(body_slot.as_str());
    match (around.next(), around.next(), around.next()) {
        // The body's slot once, as in every page template: the page is made in the body's own
        // buffer (the heading replaced by the shell before the body), not in a copy of it,
        // which at 10,000 initiatives is 300 MB.
        (Some(before), Some(after), None) => {
            let mut page = body.body;
            page.reserve(before.len() + after.len());
            page.replace_range(..split, before);
            page.push_str(after);
            Ok(page)
        }
        _ => Ok(shell.replace(&body_slot, &body.body[split..])),
    }
}

/// The template folder for a paper: `--templates`, else its own `templates:` key (relative to
/// its file; the check keeps that inside the input folder).
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

/// Bytes of input behind a paper (its file and its initiatives'): how much work it is,
/// roughly, so that the largest starts first.
pub(crate) fn paper_weight(checked: &Checked, id: PaperId) -> usize {
    let ws = &checked.workspace;
    let front = ws.front(id);
    let initiatives = match id {
        PaperId::Report(_) => front.initiatives.as_slice(),
        _ => &[],
    };
    std::iter::once(front.file)
        .chain(initiatives.iter().map(|&k| ws.initiatives[k].file))
        .map(|f| checked.sources.get(f).text.len())
        .sum()
}
