//! Word renderer: the report as a `.docx` that committee systems (ModernGov, CMIS) take and
//! officers pass round with tracked changes. It is written from the same parsed blocks the
//! PDF lays out (`pdf::report_blocks`) and the same charts, so the two carry the same
//! sections, tables and figures in the same order.
//!
//! Pipeline: `body` (blocks → paragraphs, lists, pictures) with `table` (Word tables) →
//! `package` (document, header, footer, properties, zip) with `styles` (styles, numbering).
//! The WordprocessingML is written here rather than through a crate: the one maintained
//! writer (docx-rs) cannot mark a header row to repeat (`tblHeader`) nor give a picture its
//! alternative text (`wp:docPr descr`), and both are what make the file accessible.

mod body;
mod package;
mod styles;
mod table;
mod xml;

use crate::chart::Chart;
use crate::render::pdf::{self, PdfMeta};
use std::collections::HashMap;

/// The report as a Word document.
pub fn render(
    markdown: &str,
    meta: &PdfMeta,
    charts: &HashMap<String, &Chart>,
) -> Result<Vec<u8>, crate::error::Error> {
    let fail = |message: String| crate::error::Error::Docx {
        name: meta.title.clone(),
        message,
    };
    let blocks = pdf::report_blocks(markdown);
    let mut body = body::Body::new(&blocks, charts);
    body.blocks(&blocks, 0);
    if !body.errors.is_empty() {
        return Err(fail(body.errors.join("; ")));
    }
    package::zip(body, meta, fail)
}

/// The fingerprint of the Word file made from a report whose PDF has document ID `pdf_id`
/// (which covers the Markdown, metadata, charts and this build of cabinet): a rebuild keeps
/// the file when this is unchanged and its bytes are still what was written (the manifest).
pub fn document_id(pdf_id: &[u8; 16]) -> [u8; 16] {
    crate::render::fingerprint([&pdf_id[..], b"docx"])
}

#[cfg(test)]
mod tests;
