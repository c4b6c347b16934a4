//! Markdown output: the canonical text of a report, rendered from the view by `report.md.tera`.

use super::templates;
use super::view::ReportView;
use crate::error::Error;

/// Renders the report's Markdown, normalising blank lines so output is tidy and stable.
pub fn render(tera: &tera::Tera, view: &ReportView) -> Result<String, Error> {
    let raw = templates::render(tera, "report.md.tera", view)?;
    let mut out = String::with_capacity(raw.len());
    let mut blank = 0;
    for line in raw.lines() {
        let line = line.trim_end();
        if line.is_empty() {
            blank += 1;
            if blank > 1 {
                continue;
            }
        } else {
            blank = 0;
        }
        out.push_str(line);
        out.push('\n');
    }
    // Every table leaves with a caption, which the HTML and PDF then both show.
    Ok(super::captions::complete(out.trim_start()))
}
