//! The Word package: the document part around the body (A4 page, margins as the PDF's,
//! running header and "Page N of M" footer), the document properties, the relationships and
//! content types, zipped with fixed timestamps so that the same report gives the same bytes.

use super::body::{Body, CHART_SCALE};
use super::styles::{self, W_NS};
use super::xml::{esc, field, run, RunStyle};
use crate::render::pdf::PdfMeta;
use std::io::Write;

/// Pictures drawn at once (on all cores) before they are written into the archive.
const PICTURES_AT_ONCE: usize = 32;

const XML_HEAD: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
const DRAWING_NS: &str =
    "xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\" \
     xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" \
     xmlns:pic=\"http://schemas.openxmlformats.org/drawingml/2006/picture\"";
const REL_NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG_REL_NS: &str = "http://schemas.openxmlformats.org/package/2006/relationships";

/// A4 in twips, and the PDF's margins: 22 mm at the sides and bottom, 26 mm at the top; the
/// header 14 mm and the footer 12 mm from the edge.
const SECTION: &str = "<w:sectPr><w:headerReference w:type=\"default\" r:id=\"rIdHeader\"/>\
     <w:footerReference w:type=\"default\" r:id=\"rIdFooter\"/>\
     <w:pgSz w:w=\"11906\" w:h=\"16838\"/>\
     <w:pgMar w:top=\"1474\" w:right=\"1247\" w:bottom=\"1247\" w:left=\"1247\" w:header=\"794\" w:footer=\"680\" w:gutter=\"0\"/>\
     <w:cols w:space=\"708\"/></w:sectPr>";

/// `word/document.xml` is what comes before the body, the body, and what comes after it.
fn document_around() -> (String, String) {
    (
        format!("{XML_HEAD}<w:document {W_NS} {DRAWING_NS}><w:body>"),
        format!("{SECTION}</w:body></w:document>"),
    )
}

/// The running header: committee on the left, meeting date (and agenda item) on the right.
fn header(meta: &PdfMeta) -> String {
    let mut p = String::new();
    run(&mut p, &meta.header_left, RunStyle::default());
    if !meta.header_right.is_empty() {
        p.push_str("<w:r><w:tab/></w:r>");
        run(&mut p, &meta.header_right, RunStyle::default());
    }
    format!(
        "{XML_HEAD}<w:hdr {W_NS}><w:p><w:pPr><w:pStyle w:val=\"Header\"/></w:pPr>{p}</w:p></w:hdr>"
    )
}

/// "Page N of M", as the PDF's footer, with Word's PAGE and NUMPAGES fields.
fn footer() -> String {
    let mut p = String::new();
    run(&mut p, "Page ", RunStyle::default());
    field(&mut p, "PAGE", "1");
    run(&mut p, " of ", RunStyle::default());
    field(&mut p, "NUMPAGES", "1");
    format!(
        "{XML_HEAD}<w:ftr {W_NS}><w:p><w:pPr><w:pStyle w:val=\"Footer\"/></w:pPr>{p}</w:p></w:ftr>"
    )
}

/// `docProps/core.xml`: title, author, subject, keywords and language from the report, and
/// its meeting date as the created and modified date (never the clock).
fn core(meta: &PdfMeta) -> String {
    let date = format!("{}T00:00:00Z", meta.date.iso());
    format!(
        "{XML_HEAD}<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" \
         xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" \
         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\
         <dc:title>{}</dc:title><dc:subject>{}</dc:subject><dc:creator>{}</dc:creator>\
         <cp:keywords>{}</cp:keywords><dc:language>{}</dc:language>\
         <dcterms:created xsi:type=\"dcterms:W3CDTF\">{date}</dcterms:created>\
         <dcterms:modified xsi:type=\"dcterms:W3CDTF\">{date}</dcterms:modified>\
         </cp:coreProperties>",
        esc(&meta.title),
        esc(&meta.subject),
        esc(&meta.author),
        esc(&meta.keywords.join(", ")),
        esc(&meta.lang),
    )
}

fn app() -> String {
    format!(
        "{XML_HEAD}<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\">\
         <Application>cabinet {}</Application></Properties>",
        env!("CARGO_PKG_VERSION")
    )
}

fn content_types(has_images: bool) -> String {
    let wml = "application/vnd.openxmlformats-officedocument.wordprocessingml";
    let png = if has_images {
        "<Default Extension=\"png\" ContentType=\"image/png\"/>"
    } else {
        ""
    };
    format!(
        "{XML_HEAD}<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
         <Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
         <Default Extension=\"xml\" ContentType=\"application/xml\"/>{png}\
         <Override PartName=\"/word/document.xml\" ContentType=\"{wml}.document.main+xml\"/>\
         <Override PartName=\"/word/styles.xml\" ContentType=\"{wml}.styles+xml\"/>\
         <Override PartName=\"/word/numbering.xml\" ContentType=\"{wml}.numbering+xml\"/>\
         <Override PartName=\"/word/settings.xml\" ContentType=\"{wml}.settings+xml\"/>\
         <Override PartName=\"/word/fontTable.xml\" ContentType=\"{wml}.fontTable+xml\"/>\
         <Override PartName=\"/word/header1.xml\" ContentType=\"{wml}.header+xml\"/>\
         <Override PartName=\"/word/footer1.xml\" ContentType=\"{wml}.footer+xml\"/>\
         <Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>\
         <Override PartName=\"/docProps/app.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>\
         </Types>"
    )
}

fn package_rels() -> String {
    format!(
        "{XML_HEAD}<Relationships xmlns=\"{PKG_REL_NS}\">\
         <Relationship Id=\"rId1\" Type=\"{REL_NS}/officeDocument\" Target=\"word/document.xml\"/>\
         <Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>\
         <Relationship Id=\"rId3\" Type=\"{REL_NS}/extended-properties\" Target=\"docProps/app.xml\"/>\
         </Relationships>"
    )
}

fn document_rels(body: &Body<'_>) -> String {
    let mut s = format!(
        "{XML_HEAD}<Relationships xmlns=\"{PKG_REL_NS}\">\
         <Relationship Id=\"rIdStyles\" Type=\"{REL_NS}/styles\" Target=\"styles.xml\"/>\
         <Relationship Id=\"rIdNumbering\" Type=\"{REL_NS}/numbering\" Target=\"numbering.xml\"/>\
         <Relationship Id=\"rIdSettings\" Type=\"{REL_NS}/settings\" Target=\"settings.xml\"/>\
         <Relationship Id=\"rIdFonts\" Type=\"{REL_NS}/fontTable\" Target=\"fontTable.xml\"/>\
         <Relationship Id=\"rIdHeader\" Type=\"{REL_NS}/header\" Target=\"header1.xml\"/>\
         <Relationship Id=\"rIdFooter\" Type=\"{REL_NS}/footer\" Target=\"footer1.xml\"/>"
    );
    for img in &body.images {
        s.push_str(&format!(
            "<Relationship Id=\"{}\" Type=\"{REL_NS}/image\" Target=\"media/{}\"/>",
            img.rel,
            esc(&img.file)
        ));
    }
    for (k, uri) in body.links.iter().enumerate() {
        s.push_str(&format!(
            "<Relationship Id=\"rIdL{}\" Type=\"{REL_NS}/hyperlink\" Target=\"{}\" TargetMode=\"External\"/>",
            k + 1,
            esc(uri)
        ));
    }
    s.push_str("</Relationships>");
    s
}

/// Zips the parts. Every entry is dated 1 January 1980 (the earliest a zip can say), so the
/// same report gives the same bytes. The body is taken, not borrowed: its text is written
/// into the archive where it lies (not copied into a whole `document.xml` first). The charts'
/// pictures, the slowest part and most of the bytes, are drawn here on all cores a few at a
/// time and each let go once it is in the archive: a report of 20,000 charts never holds
/// all of them (3 GB) besides the archive. `fail` makes an error of what went wrong writing.
pub fn zip(
    mut body: Body<'_>,
    meta: &PdfMeta,
    fail: impl Fn(String) -> crate::error::Error,
) -> Result<Vec<u8>, crate::error::Error> {
    let (before, after) = document_around();
    let text = [
        content_types(!body.images.is_empty()),
        package_rels(),
        core(meta),
        app(),
        document_rels(&body),
        styles::styles(),
        styles::numbering(&body.lists),
        styles::settings(),
        styles::font_table(),
        header(meta),
        footer(),
    ];
    // Each part's name and its text, in pieces.
    let parts: [(&str, Vec<&str>); 12] = [
        ("[Content_Types].xml", vec![&text[0]]),
        ("_rels/.rels", vec![&text[1]]),
        ("docProps/core.xml", vec![&text[2]]),
        ("docProps/app.xml", vec![&text[3]]),
        ("word/document.xml", vec![&before, &body.out, &after]),
        ("word/_rels/document.xml.rels", vec![&text[4]]),
        ("word/styles.xml", vec![&text[5]]),
        ("word/numbering.xml", vec![&text[6]]),
        ("word/settings.xml", vec![&text[7]]),
        ("word/fontTable.xml", vec![&text[8]]),
        ("word/header1.xml", vec![&text[9]]),
        ("word/footer1.xml", vec![&text[10]]),
    ];
    let zip_fail = |e: zip::result::ZipError| fail(format!("cannot write the Word file ({e})"));
    let io_fail = |e: std::io::Error| fail(format!("cannot write the Word file ({e})"));
    // Room for the compressed text and the pictures (stored as they are, some 200 KB each),
    // so the archive is seldom copied as it grows.
    let room = body.images.len() * 200 * 1024 + body.out.len() / 4;
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::with_capacity(room + 65_536)));
    let options = zip::write::SimpleFileOptions::default()
        .last_modified_time(zip::DateTime::default())
        .unix_permissions(0o644);
    let xml = options.compression_method(zip::CompressionMethod::Deflated);
    for (name, pieces) in &parts {
        w.start_file(*name, xml).map_err(zip_fail)?;
        for piece in pieces {
            w.write_all(piece.as_bytes()).map_err(io_fail)?;
        }
    }
    body.out = String::new();
    // PNG is compressed already.
    let stored = options.compression_method(zip::CompressionMethod::Stored);
    // Each chart shown is drawn for each showing, as its own picture.
    for batch in body.images.chunks(PICTURES_AT_ONCE) {
        let drawn = crate::parallel::parallel_map(batch.len(), |k| batch[k].chart.png(CHART_SCALE));
        for (img, png) in batch.iter().zip(drawn) {
            let png = png?;
            w.start_file(format!("word/media/{}", img.file), stored)
                .map_err(zip_fail)?;
            w.write_all(&png).map_err(io_fail)?;
        }
    }
    Ok(w.finish().map_err(zip_fail)?.into_inner())
}
