//! PDF renderer: lays the report's canonical Markdown out on A4 pages (own layout engine,
//! Noto Sans embedded from bytes) and writes a deterministic, tagged PDF with a contents list,
//! outline, running header, "Page N of M" footer and charts drawn as vectors.
//!
//! Pipeline: `blocks`/`headings` (Markdown → blocks) → `layout`/`flow`/`table`/`figure`/
//! `furniture` (blocks → positioned items per page, measured by `fonts`/`measure`) →
//! `emit`/`paint`/`chart_backend` (items → content streams) → `finish`/`tagging`/`embed`
//! (objects: fonts, metadata, outline, structure tree) → `objects` (the file).

mod arabic;
mod blocks;
mod chart_backend;
mod embed;
mod emit;
mod figure;
mod finish;
mod flow;
mod fonts;
mod furniture;
mod headings;
mod layout;
mod measure;
mod objects;
pub mod pack;
mod paint;
mod parts;
mod table;
mod tagging;

use std::collections::HashMap;

/// Document metadata and page furniture.
#[derive(Debug, Clone)]
pub struct PdfMeta {
    pub title: String,
    pub author: String,
    pub subject: String,
    pub keywords: Vec<String>,
    /// BCP 47 language of the text, e.g. "en-GB".
    pub lang: String,
    /// Creation date: from the input, never the clock.
    pub date: crate::model::Date,
    /// Running header, left: the committee.
    pub header_left: String,
    /// Running header, right: meeting date and agenda item.
    pub header_right: String,
    /// Fallback font files (TrueType) for characters the built-in faces lack, in the order
    /// they are tried; embedded and subset like the built-in faces.
    pub fonts: Vec<std::path::PathBuf>,
}

/// Output options (both on in production; switchable for measurements).
#[derive(Debug, Clone, Copy)]
struct Options {
    /// A structure tree (tagged PDF) with marked content.
    tagged: bool,
    /// Font subsets holding only the glyphs used.
    subset: bool,
}

const DEFAULT: Options = Options {
    tagged: true,
    subset: true,
};

/// Lays out the rendered Markdown on A4 and returns the PDF bytes. `charts` maps a chart id
/// to the chart, used for images whose URL is `charts/<id>.svg`.
pub fn render(
    markdown: &str,
    meta: &PdfMeta,
    charts: &HashMap<String, &crate::chart::Chart>,
) -> Result<Vec<u8>, crate::error::Error> {
    render_with(markdown, meta, charts, DEFAULT).map(|(bytes, _)| bytes)
}

/// As [`render`], with what could not be laid out as it should (a table column wider than
/// the page on its own), for the build to report.
pub fn render_noting(
    markdown: &str,
    meta: &PdfMeta,
    charts: &HashMap<String, &crate::chart::Chart>,
) -> Result<(Vec<u8>, Vec<String>), crate::error::Error> {
    render_with(markdown, meta, charts, DEFAULT)
}

fn render_with(
    markdown: &str,
    meta: &PdfMeta,
    charts: &HashMap<String, &crate::chart::Chart>,
    options: Options,
) -> Result<(Vec<u8>, Vec<String>), crate::error::Error> {
    let fail = |message: String| crate::error::Error::Pdf {
        name: meta.title.clone(),
        message,
    };
    let fonts = fonts::fonts_with(&meta.fonts).map_err(fail)?;
    let laid = {
        let _t = crate::trace::span(|| "pdf: layout".into());
        lay_out(markdown, meta, charts).map_err(fail)?
    };
    let emitted = {
        let _t = crate::trace::span(|| "pdf: paint".into());
        emit::pages(&laid, fonts, charts, options.tagged).map_err(fail)?
    };
    // The pages' items are painted: only the headings and structure nodes are read from here
    // on, and the items (a few hundred bytes a line of text) are let go before the streams are
    // written and deflated, the most memory a long report takes.
    let layout::Laid {
        headings,
        nodes,
        warnings,
        ..
    } = laid;
    let _t = crate::trace::span(|| "pdf: finish".into());
    finish::Finish {
        meta,
        fonts,
        headings: &headings,
        nodes: &nodes,
        tagged: options.tagged,
        subset: options.subset,
        id: content_id(markdown, meta, charts),
    }
    .run(emitted)
    .map(|bytes| (bytes, warnings))
    .map_err(fail)
}

/// The parsed report the layout flows, shared with the other paged format (Word) so that the
/// two read the Markdown one way and cannot drift apart.
pub(crate) use blocks::{Align, Block, Table};
pub(crate) use figure::chart_id;
pub(crate) use headings::headings;
pub(crate) use measure::{plain_text, Link, Span};

/// A report's blocks: its Markdown parsed, with the contents list after the title.
pub(crate) fn report_blocks(markdown: &str) -> Vec<blocks::Block> {
    let mut blocks = blocks::parse(markdown);
    let at = blocks
        .iter()
        .position(|b| matches!(b, blocks::Block::Heading { level: 1, .. }))
        .map_or(0, |i| i + 1);
    blocks.insert(at, blocks::Block::Contents);
    blocks
}

/// Parses and lays out the document, furniture included.
fn lay_out(
    markdown: &str,
    meta: &PdfMeta,
    charts: &HashMap<String, &crate::chart::Chart>,
) -> Result<layout::Laid, String> {
    let fonts = fonts::fonts_with(&meta.fonts)?;
    let blocks = report_blocks(markdown);
    // Each page break ends a part (it is the part's last block, so what comes before it
    // still sees it when keeping headings with what follows); the parts are laid out on all
    // cores and joined, as one flow through them all would have laid them out.
    let index = layout::HeadingIndex::new(&headings::headings(&blocks));
    let pieces: Vec<&[blocks::Block]> = blocks
        .split_inclusive(|b| matches!(b, blocks::Block::PageBreak))
        .collect();
    let laid = parts::lay_out_all(fonts, charts, &index, &pieces, &[]);
    let errors = parts::errors(&laid);
    if !errors.is_empty() {
        return Err(errors.join("; "));
    }
    let (mut laid, _) = parts::join(laid);
    // Trailing empty page (e.g. a page break at the very end).
    if laid.pages.len() > 1 && laid.pages.last().is_some_and(|p| p.items.is_empty()) {
        laid.pages.pop();
    }
    furniture::furnish(&mut laid, fonts, &meta.header_left, &meta.header_right);
    Ok(laid)
}

/// Which characters a PDF made with some fallback fonts can show.
pub struct Coverage(&'static fonts::Fonts);

impl Coverage {
    /// The built-in faces and the fallback font files `fallbacks`.
    pub fn of(fallbacks: &[std::path::PathBuf]) -> Result<Coverage, String> {
        fonts::fonts_with(fallbacks).map(Coverage)
    }

    /// Whether some face shows `c` as itself (or it has no visible form to show).
    pub fn shows(&self, c: char) -> bool {
        self.0.shows(c)
    }
}

/// Reads `path` as a fallback font: an error says why it cannot be used.
pub fn check_font(path: &std::path::Path) -> Result<(), String> {
    fonts::fallback(path).map(|_| ())
}

/// Width of `text` set in the embedded Noto Sans at `size` (points, or pixels), bold or
/// not: the HTML page measures with it which tables cannot fit their column.
pub fn text_width(text: &str, bold: bool, size: f32) -> f32 {
    match fonts::fonts() {
        Ok(f) => f.width(fonts::Face::new(bold, false), size, text),
        // The faces are built in and always parse; an estimate all the same.
        Err(_) => text.chars().count() as f32 * size * 0.6,
    }
}

/// The document ID of the PDF `render` would make from these inputs, without making it.
pub fn document_id(
    markdown: &str,
    meta: &PdfMeta,
    charts: &HashMap<String, &crate::chart::Chart>,
) -> [u8; 16] {
    content_id(markdown, meta, charts)
}

/// The PDF already at `path` if it was made from the same inputs by this build of cabinet:
/// its trailer carries the same document ID (a fingerprint of the Markdown, metadata, chart
/// data and the build, see [`content_id`]). Re-laying out an unchanged report is most of a
/// rebuild's time, so `build` keeps the PDFs of reports whose inputs did not change.
pub fn reusable(path: &std::path::Path, id: &[u8; 16]) -> Option<Vec<u8>> {
    // Whatever sits there is read whole only if it could be one of ours.
    let len = std::fs::metadata(path).ok()?.len();
    if len > 1024 * 1024 * 1024 {
        return None;
    }
    let bytes = std::fs::read(path).ok()?;
    let hex = crate::render::hex(id);
    let want = format!("/ID[<{hex}><{hex}>]");
    // The trailer (here the cross-reference stream's dictionary) is at the end of the file.
    let tail = &bytes[bytes.len().saturating_sub(8192)..];
    let found = tail.windows(want.len()).any(|w| w == want.as_bytes());
    (found && tail.ends_with(b"%%EOF\n")).then_some(bytes)
}

/// A 16-byte document ID derived from everything that determines the output: the inputs,
/// and the build of cabinet that lays them out (its version and a fingerprint of its
/// sources, from `build.rs`).
fn content_id(
    markdown: &str,
    meta: &PdfMeta,
    charts: &HashMap<String, &crate::chart::Chart>,
) -> [u8; 16] {
    let mut keys: Vec<&String> = charts.keys().collect();
    keys.sort();
    let (keywords, date) = (meta.keywords.join("\u{1f}"), meta.date.iso());
    let fixed: [&str; 11] = [
        env!("CARGO_PKG_VERSION"),
        env!("CABINET_BUILD_FINGERPRINT"),
        markdown,
        &meta.title,
        &meta.author,
        &meta.subject,
        &keywords,
        &meta.lang,
        &date,
        &meta.header_left,
        &meta.header_right,
    ];
    // Each chart whole: what to draw as well as its data table.
    let mut charts: Vec<String> = keys
        .into_iter()
        .map(|k| format!("{k}\u{1f}{:?}", charts[k]))
        .collect();
    // Each fallback font by its name and a fingerprint of its bytes (a changed font file
    // makes a new PDF).
    for f in &meta.fonts {
        let bytes = std::fs::read(f).unwrap_or_default();
        let id = crate::render::fingerprint([&bytes[..]]);
        charts.push(format!(
            "font\u{1f}{}\u{1f}{}",
            f.display(),
            crate::render::hex(&id)
        ));
    }
    crate::render::fingerprint(
        fixed
            .iter()
            .map(|p| p.as_bytes())
            .chain(charts.iter().map(|c| c.as_bytes())),
    )
}

#[cfg(test)]
mod tests;
