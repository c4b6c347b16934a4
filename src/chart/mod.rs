//! Charts for a report: what is drawn (built from `calc` figures), its text description and
//! data table, and the public API renderers use (`report_charts`, `Chart::svg`/`png`/`draw`).

mod axis;
mod canvas;
mod contributors;
mod describe;
mod draw;
#[cfg(test)]
pub(crate) mod fixtures;
pub mod followup;
mod legend;
mod make;
mod output;
mod plot;
#[cfg(test)]
mod tests;

pub use make::{initiative_chart_ids, InitiativeChartIds, PROGRAMME_CHART_IDS};

use crate::model::Report;
use plotters::coord::Shift;
use plotters::prelude::{DrawingArea, DrawingBackend};

/// The figures behind a chart, as a table (first column = row label). Figures are already
/// formatted in house style; renderers right-align every column but the first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataTable {
    pub caption: String,
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// One chart: a file stem, title, text description and data table, plus what to draw.
#[derive(Debug, Clone)]
pub struct Chart {
    /// File stem, unique in a report, made of `[a-z0-9-]` (e.g. `cyps-2-profile`).
    pub id: String,
    pub title: String,
    /// A text description generated from the figures, for `<desc>` and alt text.
    pub description: String,
    pub table: DataTable,
    plot: plot::Plot,
}

/// Every chart of a report.
#[derive(Debug, Clone, Default)]
pub struct ChartSet {
    pub programme: Vec<Chart>,
    /// One list per initiative, in the order of `report.initiatives`.
    pub by_initiative: Vec<Vec<Chart>>,
}

/// Builds every chart of a report from the calculated figures.
///
/// Per initiative: `<slug>-profile`, then `<slug>-kpi-<n>` for each KPI row with a figure
/// (`n` counts every row, so ids stay put when a blank row gains figures). For the report:
/// `programme-summary` and `programme-net-by-initiative` (none without initiatives).
/// A table's title as a chart's: without the source's "Table 1: " (or "Table 1 – ") in front,
/// since a chart is not a table and its own figure caption names it.
pub fn untabled(title: &str) -> &str {
    let Some(rest) = title.strip_prefix("Table ") else {
        return title;
    };
    let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if digits == 0 {
        return title;
    }
    let after =
        rest[digits..].trim_start_matches(|c: char| c.is_ascii_uppercase() && c.is_alphabetic());
    for sep in [":", " –", " —", " -"] {
        if let Some(t) = after.strip_prefix(sep) {
            let t = t.trim_start();
            if !t.is_empty() {
                return t;
            }
        }
    }
    title
}

/// Every chart of a cabinet report, from the initiatives of the input folder.
pub fn report_charts(initiatives: &[crate::model::Initiative], report: &Report) -> ChartSet {
    make::report_charts(initiatives, report)
}

impl Chart {
    /// Logical width in pixels (SVG user units; PNG pixels at scale 1).
    pub const WIDTH: u32 = 480;
    /// Logical height in pixels.
    pub const HEIGHT: u32 = 320;

    /// The chart as a standalone SVG document: `<title>` and `<desc>` first, `role="img"`,
    /// `aria-labelledby` (ids `chart-<id>-title`, `chart-<id>-desc`), a `viewBox` so CSS
    /// `width: 100%; height: auto` scales it. The same chart always gives the same bytes.
    pub fn svg(&self) -> Result<String, crate::error::Error> {
        output::svg(self)
    }

    /// The chart as a PNG of `scale` × (WIDTH × HEIGHT) pixels (1 to 8), recording
    /// 96 × `scale` dpi so it prints at its design size. Scale 3 is 1440 px across: about
    /// 215 dpi over the full 170 mm A4 text width; scale 4 gives about 290 dpi there.
    /// No timestamp: the same chart always gives the same bytes.
    pub fn png(&self, scale: u32) -> Result<Vec<u8>, crate::error::Error> {
        output::png(self, scale)
    }

    /// Draws the chart on any plotters drawing area, scaling the design grid to fill it
    /// (a different aspect ratio widens or heightens the plot). Text is drawn with `HPos`
    /// left/centre/right and `VPos::Top` only, in the `sans-serif` family, which this
    /// registers (once) with the embedded Noto Sans.
    pub fn draw<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
    ) -> Result<(), crate::error::Error> {
        canvas::register_fonts().map_err(|m| self.error(m))?;
        let c = canvas::Canvas::new(area, &self.id)?;
        draw::draw_plot(&c, &self.title, &self.plot)
    }

    fn error(&self, message: impl Into<String>) -> crate::error::Error {
        crate::error::Error::Chart {
            name: self.id.clone(),
            message: message.into(),
        }
    }
}
