//! Render stage: for each report, the view model → Markdown (canonical text) → HTML, plus the
//! charts, handed to the write stage. Every renderer works from the same Markdown and figures.

pub mod html;
pub mod markdown;
pub mod templates;
pub mod text;
pub mod view;

use crate::chart::{self, Chart};
use crate::cli::{BuildArgs, Cli};
use crate::model::{Report, Workspace};
use crate::write::{OutputDir, Tally};
use crate::{Checked, Error};
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
    let md = markdown::render(&tera, &view)?;

    let mut svgs = HashMap::new();
    let mut chart_files = Vec::new();
    for c in &all {
        let key = view::chart_key(slug, c);
        let svg = c.svg()?;
        svgs.insert(format!("charts/{key}.svg"), svg.clone());
        chart_files.push(Artifact {
            name: format!("charts/{key}.svg"),
            bytes: svg.into_bytes(),
        });
    }
    let html = html_document(&tera, &view, &md, &svgs)?;
    Ok(Rendered {
        report_slug: slug.to_string(),
        files: vec![
            Artifact {
                name: format!("{slug}.md"),
                bytes: md.into_bytes(),
            },
            Artifact {
                name: format!("{slug}.html"),
                bytes: html.into_bytes(),
            },
        ],
        charts: chart_files,
    })
}

/// Wraps the HTML body in the page template, with the contents list after the title.
fn html_document(
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

/// `cabinet build`: render every report, then write everything (atomically, unchanged files
/// untouched), then print a one-line summary.
pub(crate) fn build(cli: &Cli, args: &BuildArgs, checked: &Checked) -> Result<(), Error> {
    let ws = &checked.workspace;
    let mut rendered = Vec::new();
    // Render everything before writing anything: a failure leaves every output as it was.
    for report in &ws.reports {
        let slug = report_slug(checked, report);
        let dir: Option<PathBuf> = args.templates.clone().or_else(|| {
            report.templates.as_ref().map(|t| {
                let base = checked
                    .sources
                    .get(report.file)
                    .path
                    .parent()
                    .map(Path::to_path_buf)
                    .unwrap_or_default();
                base.join(t)
            })
        });
        rendered.push(render_report(ws, report, &slug, dir.as_deref())?);
    }
    let out = OutputDir::create(&args.output)?;
    let mut files = Tally::default();
    let mut charts = Tally::default();
    for r in &rendered {
        for a in &r.charts {
            charts.record(out.path(&a.name)?, out.write(&a.name, &a.bytes)?);
        }
        for a in &r.files {
            files.record(out.path(&a.name)?, out.write(&a.name, &a.bytes)?);
        }
    }
    if !cli.quiet {
        for p in &files.written {
            eprintln!("wrote {}", p.display());
        }
        eprintln!(
            "built {} report(s) into {}: {} file(s) written, {} unchanged; {} chart(s) updated, {} unchanged",
            rendered.len(),
            out.root().display(),
            files.written.len(),
            files.unchanged.len(),
            charts.written.len(),
            charts.unchanged.len()
        );
    }
    Ok(())
}
