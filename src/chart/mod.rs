//! Charts for a report: what is drawn (built from `calc` figures), its text description and
//! data table, and the public API renderers use (`report_charts`, `Chart::svg`/`png`/`draw`).

use crate::model::{Report, Workspace};
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
}

/// Every chart of a report.
#[derive(Debug, Clone, Default)]
pub struct ChartSet {
    pub programme: Vec<Chart>,
    /// One list per initiative, in the order of `report.initiatives`.
    pub by_initiative: Vec<Vec<Chart>>,
}

/// Builds every chart of a report from the calculated figures.
pub fn report_charts(ws: &Workspace, report: &Report) -> ChartSet {
    let _ = ws;
    ChartSet {
        programme: Vec::new(),
        by_initiative: report.initiatives.iter().map(|_| Vec::new()).collect(),
    }
}

impl Chart {
    /// Logical width in pixels (SVG user units; PNG pixels at scale 1).
    pub const WIDTH: u32 = 640;
    /// Logical height in pixels.
    pub const HEIGHT: u32 = 360;

    /// The chart as a standalone SVG document.
    pub fn svg(&self) -> Result<String, crate::Error> {
        Err(self.error("not implemented yet"))
    }

    /// The chart as a PNG, `scale` times the logical size.
    pub fn png(&self, scale: u32) -> Result<Vec<u8>, crate::Error> {
        let _ = scale;
        Err(self.error("not implemented yet"))
    }

    /// Draws the chart on any plotters drawing area.
    pub fn draw<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
    ) -> Result<(), crate::Error> {
        let _ = area;
        Err(self.error("not implemented yet"))
    }

    fn error(&self, message: impl Into<String>) -> crate::Error {
        crate::Error::Chart {
            name: self.id.clone(),
            message: message.into(),
        }
    }
}
