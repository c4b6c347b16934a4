//! Rendering the follow-up reports: charts built from the calculated figures, the view, the
//! kind's Markdown template, then HTML and PDF from that Markdown by the standard renderers.
//! Output files are named after the YAML file's stem, like every report's.

use super::charts::{monitoring_charts, Charts};
use super::model::{MonitoringReport, PlanReport, ScenarioReport};
use super::view::MonitoringView;
use super::view_plan::{PlanView, ScenarioView};
use crate::chart::Chart;
use crate::model::{Report, Workspace};
use crate::render::view::chart_key;
use crate::render::{html_document, pdf, pdf_meta, templates, Artifact, Rendered};
use crate::{Checked, Error};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Blank lines collapsed, trailing spaces dropped: the same tidying as the report's Markdown.
fn tidy(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut blank = 0;
    for line in raw.lines() {
        let line = line.trim_end();
        blank = if line.is_empty() { blank + 1 } else { 0 };
        if blank > 1 {
            continue;
        }
        out.push_str(line);
        out.push('\n');
    }
    out.trim_start().to_string()
}

/// Markdown from the kind's template, then HTML, PDF and the charts.
fn finish<V: serde::Serialize>(
    template: &str,
    view: &V,
    base: &crate::render::view::ReportView,
    report: &Report,
    slug: &str,
    charts: &Charts,
    dir: Option<&Path>,
) -> Result<Rendered, Error> {
    let style = templates::Style {
        decimals: report.decimals,
        negatives: report.negatives,
    };
    let tera = templates::engine(dir, style)?;
    let md = tidy(&templates::render(&tera, template, view)?);
    let mut svgs = HashMap::new();
    let mut chart_files = Vec::new();
    for c in &charts.list {
        let key = chart_key(slug, c);
        let svg = c.svg()?;
        svgs.insert(format!("charts/{key}.svg"), svg.clone());
        chart_files.push(Artifact {
            name: format!("charts/{key}.svg"),
            bytes: svg.into_bytes(),
        });
    }
    let html = html_document(&tera, base, &md, &svgs)?;
    let by_key: HashMap<String, &Chart> = charts
        .list
        .iter()
        .map(|c| (chart_key(slug, c), c))
        .collect();
    let pdf = pdf::render(&md, &pdf_meta(report), &by_key)?;
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
            Artifact {
                name: format!("{slug}.pdf"),
                bytes: pdf,
            },
        ],
        charts: chart_files,
    })
}

pub fn render_monitoring(
    ws: &Workspace,
    r: &MonitoringReport,
    slug: &str,
    dir: Option<&Path>,
) -> Result<Rendered, Error> {
    let charts = monitoring_charts(r, slug);
    let view = MonitoringView::new(ws, r, slug, &charts);
    finish(
        "monitoring.md.tera",
        &view,
        &view.front,
        &r.front,
        slug,
        &charts,
        dir,
    )
}

pub fn render_scenario(
    ws: &Workspace,
    r: &ScenarioReport,
    slug: &str,
    dir: Option<&Path>,
) -> Result<Rendered, Error> {
    let mut charts = Charts::default();
    super::charts_plan::scenario_charts(r, slug, &mut charts);
    let view = ScenarioView::new(ws, r, slug, &charts);
    finish(
        "scenario.md.tera",
        &view,
        &view.front,
        &r.front,
        slug,
        &charts,
        dir,
    )
}

pub fn render_plan(
    ws: &Workspace,
    r: &PlanReport,
    slug: &str,
    dir: Option<&Path>,
) -> Result<Rendered, Error> {
    let mut charts = Charts::default();
    super::charts_plan::plan_charts(r, slug, &mut charts);
    let view = PlanView::new(ws, r, slug, &charts);
    finish(
        "improvement-plan.md.tera",
        &view,
        &view.front,
        &r.front,
        slug,
        &charts,
        dir,
    )
}

/// The template folder: `--templates`, else the report's own `templates:` (beside its file).
fn template_dir(checked: &Checked, report: &Report, cli: Option<&Path>) -> Option<PathBuf> {
    cli.map(Path::to_path_buf).or_else(|| {
        let t = report.templates.as_ref()?;
        let file = &checked.sources.get(report.file).path;
        Some(
            file.parent()
                .map(Path::to_path_buf)
                .unwrap_or_default()
                .join(t),
        )
    })
}

/// Renders every follow-up report of the workspace, in memory.
pub fn render_all(checked: &Checked, templates: Option<&Path>) -> Result<Vec<Rendered>, Error> {
    let ws = &checked.workspace;
    let f = &ws.follow_ups;
    let mut out = Vec::with_capacity(f.len());
    let slug = |r: &Report| crate::render::report_slug(checked, r);
    for r in &f.monitoring {
        out.push(render_monitoring(
            ws,
            r,
            &slug(&r.front),
            template_dir(checked, &r.front, templates).as_deref(),
        )?);
    }
    for r in &f.scenarios {
        out.push(render_scenario(
            ws,
            r,
            &slug(&r.front),
            template_dir(checked, &r.front, templates).as_deref(),
        )?);
    }
    for r in &f.plans {
        out.push(render_plan(
            ws,
            r,
            &slug(&r.front),
            template_dir(checked, &r.front, templates).as_deref(),
        )?);
    }
    Ok(out)
}
