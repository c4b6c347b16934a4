//! Making the follow-up reports ready to render: charts built from the calculated figures,
//! the view, then the kind's Markdown template. HTML, PDF and chart files follow from that
//! Markdown by the same code as every paper's (`render::formats`).

use super::charts::{monitoring_charts, Charts};
use super::model::{MonitoringReport, PlanReport, ScenarioReport};
use super::view::MonitoringView;
use super::view_plan::{PlanView, ScenarioView};
use crate::chart::Chart;
use crate::error::Error;
use crate::model::{PaperId, Report};
use crate::render::{page_facts, pdf_meta, templates, Prepared};
use crate::workspace::Workspace;
use std::path::Path;

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

/// Markdown from the kind's template, with the charts and front matter.
fn finish<V: serde::Serialize>(
    template: &str,
    view: &V,
    front: &Report,
    charts: Charts,
    template_dir: Option<&Path>,
) -> Result<Prepared, Error> {
    let tera = templates::engine(template_dir, templates::Style::of(front))?;
    // Every table leaves with a caption, which the HTML and PDF then both show.
    let markdown =
        crate::render::captions::complete(&tidy(&templates::render(&tera, template, view)?));
    Ok(Prepared {
        markdown,
        charts: charts.list,
        page: page_facts(front),
        meta: pdf_meta(front),
        tera,
    })
}

pub fn prepare_monitoring(
    ws: &Workspace,
    r: &MonitoringReport,
    slug: &str,
    template_dir: Option<&Path>,
) -> Result<Prepared, Error> {
    let charts = monitoring_charts(r, slug);
    let view = MonitoringView::new(ws, r, slug, &charts);
    finish("monitoring.md.tera", &view, &r.front, charts, template_dir)
}

pub fn prepare_scenario(
    ws: &Workspace,
    r: &ScenarioReport,
    slug: &str,
    template_dir: Option<&Path>,
) -> Result<Prepared, Error> {
    let mut charts = Charts::default();
    super::charts_plan::scenario_charts(r, slug, &mut charts);
    let view = ScenarioView::new(ws, r, slug, &charts);
    finish("scenario.md.tera", &view, &r.front, charts, template_dir)
}

pub fn prepare_plan(
    ws: &Workspace,
    r: &PlanReport,
    slug: &str,
    template_dir: Option<&Path>,
) -> Result<Prepared, Error> {
    let mut charts = Charts::default();
    super::charts_plan::plan_charts(r, slug, &mut charts);
    let view = PlanView::new(ws, r, slug, &charts);
    finish(
        "improvement-plan.md.tera",
        &view,
        &r.front,
        charts,
        template_dir,
    )
}

/// Every chart of a follow-up paper (none for a cabinet report: see `chart::report_charts`).
pub fn charts_of(ws: &Workspace, id: PaperId) -> Vec<Chart> {
    let f = &ws.follow_ups;
    match id {
        PaperId::Monitoring(i) => monitoring_charts(&f.monitoring[i], "").list,
        PaperId::Scenario(i) => {
            let mut charts = Charts::default();
            super::charts_plan::scenario_charts(&f.scenarios[i], "", &mut charts);
            charts.list
        }
        PaperId::Plan(i) => {
            let mut charts = Charts::default();
            super::charts_plan::plan_charts(&f.plans[i], "", &mut charts);
            charts.list
        }
        PaperId::Report(_) => Vec::new(),
    }
}
