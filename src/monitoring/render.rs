//! Rendering the follow-up reports: charts built from the calculated figures, the view, the
//! kind's Markdown template, then HTML and PDF from that Markdown by the standard renderers.
//! Output files are named after the YAML file's stem, like every report's.

use super::charts::{monitoring_charts, Charts};
use super::model::{MonitoringReport, PlanReport, ScenarioReport};
use super::view::MonitoringView;
use super::view_plan::{PlanView, ScenarioView};
use crate::chart::Chart;
use crate::model::{Report, Workspace};
use crate::render::{formats, pdf_meta, template_dir, templates, Formats, Rendered, Task};
use crate::{Checked, Error};
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

/// Where a report's templates come from and where its outputs go (an up-to-date PDF there
/// is kept rather than made again).
#[derive(Debug, Clone, Copy, Default)]
pub struct Dirs<'a> {
    pub templates: Option<&'a Path>,
    pub output: Option<&'a Path>,
    /// The formats to make (all by default).
    pub formats: Formats,
}

/// Markdown from the kind's template, then HTML, PDF and the charts.
fn finish<V: serde::Serialize>(
    template: &str,
    view: &V,
    base: &crate::render::view::ReportView,
    report: &Report,
    slug: &str,
    charts: &Charts,
    dirs: Dirs<'_>,
) -> Result<Rendered, Error> {
    let (dir, output) = (dirs.templates, dirs.output);
    let style = templates::Style {
        decimals: report.decimals,
        negatives: report.negatives,
    };
    let tera = templates::engine(dir, style)?;
    let md = tidy(&templates::render(&tera, template, view)?);
    let list: Vec<&Chart> = charts.list.iter().collect();
    let previous = output.map(|o| o.join(format!("{slug}.pdf")));
    formats(
        &tera,
        base,
        md,
        slug,
        &list,
        &pdf_meta(report),
        previous.as_deref(),
        dirs.formats,
    )
}

pub fn render_monitoring(
    ws: &Workspace,
    r: &MonitoringReport,
    slug: &str,
    dirs: Dirs<'_>,
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
        dirs,
    )
}

pub fn render_scenario(
    ws: &Workspace,
    r: &ScenarioReport,
    slug: &str,
    dirs: Dirs<'_>,
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
        dirs,
    )
}

pub fn render_plan(
    ws: &Workspace,
    r: &PlanReport,
    slug: &str,
    dirs: Dirs<'_>,
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
        dirs,
    )
}

/// One task per follow-up report of the workspace (monitoring, then scenarios, then plans),
/// for the build to run alongside the reports. `output` is the folder the build writes to,
/// where an up-to-date PDF is kept.
pub(crate) fn tasks<'a>(
    checked: &'a Checked,
    templates: Option<&'a Path>,
    output: &'a Path,
    formats: Formats,
) -> Vec<Task<'a>> {
    let f = &checked.workspace.follow_ups;
    let mut out: Vec<Task<'a>> = Vec::with_capacity(f.len());
    let at = Where {
        checked,
        templates,
        output,
        formats,
    };
    out.extend(
        f.monitoring
            .iter()
            .map(|r| at.task(r, &r.front, render_monitoring)),
    );
    out.extend(
        f.scenarios
            .iter()
            .map(|r| at.task(r, &r.front, render_scenario)),
    );
    out.extend(f.plans.iter().map(|r| at.task(r, &r.front, render_plan)));
    out
}

/// What every follow-up task shares: the workspace, the template folder and the output.
#[derive(Clone, Copy)]
struct Where<'a> {
    checked: &'a Checked,
    templates: Option<&'a Path>,
    output: &'a Path,
    formats: Formats,
}

type RenderFn<R> = fn(&Workspace, &R, &str, Dirs<'_>) -> Result<Rendered, Error>;

impl<'a> Where<'a> {
    /// The task rendering `report` (whose front matter is `front`) with `render`.
    fn task<R: Sync>(self, report: &'a R, front: &'a Report, render: RenderFn<R>) -> Task<'a> {
        Task {
            // Everything a follow-up report shows is in its one file.
            weight: self.checked.sources.get(front.file).text.len(),
            run: Box::new(move || {
                let templates = template_dir(self.checked, front, self.templates);
                let slug = crate::render::report_slug(self.checked, front);
                let _t = crate::trace::span(|| format!("{slug}: report"));
                render(
                    &self.checked.workspace,
                    report,
                    &slug,
                    Dirs {
                        templates: templates.as_deref(),
                        output: Some(self.output),
                        formats: self.formats,
                    },
                )
            }),
        }
    }
}
