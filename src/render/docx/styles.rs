//! The fixed parts of every Word file: styles (Word's built-in heading, caption, quote and
//! contents styles, in Arial), list numbering, settings and the font table.

use super::body::{ListInstance, BULLETS, DECIMAL, LETTERS};

pub const W_NS: &str = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" \
                        xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"";

/// Colours as the PDF: headings in dark blue, notes in grey.
const HEADING: &str = "0D3057";
const GREY: &str = "616161";

/// Heading sizes in half-points and space before/after in twips, as the PDF's levels.
const HEADINGS: [(u32, u32, u32); 6] = [
    (40, 0, 280),
    (29, 360, 120),
    (24, 280, 80),
    (21, 220, 60),
    (21, 200, 40),
    (21, 200, 40),
];

/// A paragraph style based on Normal. Word reads a style's parts in the schema's order only
/// (a misplaced one makes the file "unreadable"): `next` after `basedOn`, then `qFormat`, then
/// the paragraph and run properties, each in its own schema order.
fn paragraph_style(id: &str, name: &str, next: Option<&str>, properties: &str) -> String {
    let next = next
        .map(|n| format!("<w:next w:val=\"{n}\"/>"))
        .unwrap_or_default();
    format!(
        "<w:style w:type=\"paragraph\" w:customStyle=\"{custom}\" w:styleId=\"{id}\"><w:name w:val=\"{name}\"/>\
         <w:basedOn w:val=\"Normal\"/>{next}<w:qFormat/>{properties}</w:style>",
        custom = u8::from(!is_builtin(name)),
    )
}

/// Names Word knows as its own (lower-case in the file, as Word writes them).
fn is_builtin(name: &str) -> bool {
    name.starts_with("heading ")
        || name.starts_with("toc ")
        || matches!(
            name,
            "Normal" | "caption" | "Quote" | "TOC Heading" | "List Paragraph" | "header" | "footer"
        )
}

/// `word/styles.xml`.
pub fn styles() -> String {
    let mut s = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:styles {W_NS}>\
         <w:docDefaults><w:rPrDefault><w:rPr>\
         <w:rFonts w:ascii=\"Arial\" w:hAnsi=\"Arial\" w:eastAsia=\"Arial\" w:cs=\"Arial\"/>\
         <w:color w:val=\"1A1A1A\"/><w:sz w:val=\"21\"/><w:szCs w:val=\"21\"/>\
         <w:lang w:val=\"en-GB\" w:eastAsia=\"en-GB\" w:bidi=\"ar-SA\"/></w:rPr></w:rPrDefault>\
         <w:pPrDefault><w:pPr><w:spacing w:after=\"150\" w:line=\"276\" w:lineRule=\"auto\"/></w:pPr></w:pPrDefault>\
         </w:docDefaults>\
         <w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/><w:qFormat/>\
         <w:pPr><w:widowControl/></w:pPr></w:style>\
         <w:style w:type=\"character\" w:default=\"1\" w:styleId=\"DefaultParagraphFont\">\
         <w:name w:val=\"Default Paragraph Font\"/><w:uiPriority w:val=\"1\"/><w:semiHidden/></w:style>\
         <w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\"><w:name w:val=\"Normal Table\"/>\
         <w:semiHidden/><w:tblPr><w:tblInd w:w=\"0\" w:type=\"dxa\"/><w:tblCellMar>\
         <w:top w:w=\"0\" w:type=\"dxa\"/><w:left w:w=\"108\" w:type=\"dxa\"/>\
         <w:bottom w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"108\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr></w:style>\
         <w:style w:type=\"numbering\" w:default=\"1\" w:styleId=\"NoList\"><w:name w:val=\"No List\"/><w:semiHidden/></w:style>"
    );
    for (k, (size, before, after)) in HEADINGS.iter().enumerate() {
        let level = k + 1;
        let italic = if level >= 5 { "<w:i/><w:iCs/>" } else { "" };
        s.push_str(&format!(
            "<w:style w:type=\"paragraph\" w:styleId=\"Heading{level}\"><w:name w:val=\"heading {level}\"/>\
             <w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:uiPriority w:val=\"9\"/><w:qFormat/>\
             <w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before=\"{before}\" w:after=\"{after}\"/>\
             <w:outlineLvl w:val=\"{k}\"/></w:pPr>\
             <w:rPr><w:b/><w:bCs/>{italic}<w:color w:val=\"{HEADING}\"/><w:sz w:val=\"{size}\"/><w:szCs w:val=\"{size}\"/></w:rPr></w:style>"
        ));
    }
    s.push_str(&paragraph_style(
        "Caption",
        "caption",
        Some("Normal"),
        "<w:pPr><w:keepNext/><w:spacing w:before=\"120\" w:after=\"60\"/></w:pPr>\
         <w:rPr><w:b/><w:bCs/><w:sz w:val=\"19\"/><w:szCs w:val=\"19\"/></w:rPr>",
    ));
    s.push_str(&paragraph_style(
        "TableText",
        "Table Text",
        None,
        "<w:pPr><w:spacing w:before=\"40\" w:after=\"40\" w:line=\"240\" w:lineRule=\"auto\"/></w:pPr>\
         <w:rPr><w:sz w:val=\"18\"/><w:szCs w:val=\"18\"/></w:rPr>",
    ));
    s.push_str(&paragraph_style(
        "AfterTable",
        "After Table",
        None,
        "<w:pPr><w:spacing w:before=\"0\" w:after=\"0\" w:line=\"160\" w:lineRule=\"exact\"/></w:pPr>\
         <w:rPr><w:sz w:val=\"8\"/><w:szCs w:val=\"8\"/></w:rPr>",
    ));
    s.push_str(&paragraph_style(
        "Quote",
        "Quote",
        None,
        "<w:pPr><w:pBdr><w:left w:val=\"single\" w:sz=\"12\" w:space=\"8\" w:color=\"BFBFBF\"/></w:pBdr><w:ind w:left=\"567\"/></w:pPr>\
         <w:rPr><w:color w:val=\"404040\"/></w:rPr>",
    ));
    s.push_str(&paragraph_style(
        "Code",
        "Code",
        None,
        "<w:pPr><w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"F2F2F2\"/><w:spacing w:line=\"240\" w:lineRule=\"auto\"/></w:pPr>\
         <w:rPr><w:rFonts w:ascii=\"Courier New\" w:hAnsi=\"Courier New\" w:cs=\"Courier New\"/><w:sz w:val=\"18\"/></w:rPr>",
    ));
    s.push_str(&paragraph_style(
        "ListParagraph",
        "List Paragraph",
        None,
        "<w:pPr><w:spacing w:after=\"60\"/><w:contextualSpacing/></w:pPr>",
    ));
    s.push_str(&paragraph_style(
        "Recommendation",
        "Recommendation",
        None,
        "<w:pPr><w:spacing w:after=\"150\"/></w:pPr>",
    ));
    s.push_str(&paragraph_style(
        "Figure",
        "Figure",
        None,
        "<w:pPr><w:keepNext/><w:spacing w:before=\"160\" w:after=\"80\"/><w:jc w:val=\"center\"/></w:pPr>",
    ));
    s.push_str(&paragraph_style(
        "ChartDescription",
        "Chart Description",
        None,
        &format!(
            "<w:pPr><w:spacing w:after=\"200\"/></w:pPr><w:rPr><w:color w:val=\"{GREY}\"/><w:sz w:val=\"18\"/><w:szCs w:val=\"18\"/></w:rPr>"
        ),
    ));
    s.push_str(&paragraph_style(
        "TOCHeading",
        "TOC Heading",
        Some("Normal"),
        &format!(
            "<w:pPr><w:keepNext/><w:spacing w:before=\"360\" w:after=\"120\"/></w:pPr>\
             <w:rPr><w:b/><w:bCs/><w:color w:val=\"{HEADING}\"/><w:sz w:val=\"29\"/><w:szCs w:val=\"29\"/></w:rPr>"
        ),
    ));
    s.push_str(&paragraph_style(
        "TOC2",
        "toc 2",
        Some("Normal"),
        "<w:pPr><w:tabs><w:tab w:val=\"right\" w:leader=\"dot\" w:pos=\"9412\"/></w:tabs>\
         <w:spacing w:after=\"60\"/></w:pPr>",
    ));
    s.push_str(&paragraph_style(
        "Header",
        "header",
        None,
        &format!(
            "<w:pPr><w:pBdr><w:bottom w:val=\"single\" w:sz=\"4\" w:space=\"4\" w:color=\"C7C7C7\"/></w:pBdr>\
             <w:tabs><w:tab w:val=\"right\" w:pos=\"9412\"/></w:tabs><w:spacing w:after=\"0\"/></w:pPr>\
             <w:rPr><w:color w:val=\"{GREY}\"/><w:sz w:val=\"16\"/><w:szCs w:val=\"16\"/></w:rPr>"
        ),
    ));
    s.push_str(&paragraph_style(
        "Footer",
        "footer",
        None,
        &format!(
            "<w:pPr><w:spacing w:after=\"0\"/><w:jc w:val=\"center\"/></w:pPr>\
             <w:rPr><w:color w:val=\"{GREY}\"/><w:sz w:val=\"16\"/><w:szCs w:val=\"16\"/></w:rPr>"
        ),
    ));
    s.push_str(
        "<w:style w:type=\"character\" w:styleId=\"Hyperlink\"><w:name w:val=\"Hyperlink\"/>\
         <w:basedOn w:val=\"DefaultParagraphFont\"/><w:uiPriority w:val=\"99\"/>\
         <w:rPr><w:color w:val=\"0F4C9E\"/><w:u w:val=\"single\"/></w:rPr></w:style>",
    );
    s.push_str(
        "<w:style w:type=\"table\" w:customStyle=\"1\" w:styleId=\"CabinetTable\"><w:name w:val=\"Cabinet Table\"/>\
         <w:basedOn w:val=\"TableNormal\"/><w:tblPr><w:tblBorders>\
         <w:top w:val=\"single\" w:sz=\"6\" w:space=\"0\" w:color=\"737373\"/>\
         <w:bottom w:val=\"single\" w:sz=\"6\" w:space=\"0\" w:color=\"737373\"/>\
         <w:insideH w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"C7C7C7\"/>\
         </w:tblBorders></w:tblPr></w:style>",
    );
    s.push_str("</w:styles>");
    s
}

/// One numbering level: `format` (`bullet`, `decimal`, `lowerLetter`), the text shown and
/// the indents.
fn level(ilvl: usize, format: &str, text: &str, bold: bool) -> String {
    let left = super::body::list_indent(ilvl + 1);
    let rpr = match (format, bold) {
        ("bullet", _) => "<w:rPr><w:rFonts w:ascii=\"Arial\" w:hAnsi=\"Arial\"/></w:rPr>",
        (_, true) => "<w:rPr><w:b/><w:bCs/></w:rPr>",
        _ => "",
    };
    format!(
        "<w:lvl w:ilvl=\"{ilvl}\"><w:start w:val=\"1\"/><w:numFmt w:val=\"{format}\"/>\
         <w:lvlText w:val=\"{text}\"/><w:lvlJc w:val=\"left\"/>\
         <w:pPr><w:ind w:left=\"{left}\" w:hanging=\"360\"/></w:pPr>{rpr}</w:lvl>"
    )
}

/// `word/numbering.xml`: bullets, decimal numbers, and the lettered recommendations; one
/// instance per list, so each list counts from its own start.
pub fn numbering(lists: &[ListInstance]) -> String {
    let mut s = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:numbering {W_NS}>"
    );
    let bullets = ["\u{2022}", "\u{2013}", "\u{25e6}"];
    let abstracts: [(u32, &str); 3] = [
        (BULLETS, "bullet"),
        (DECIMAL, "decimal"),
        (LETTERS, "lowerLetter"),
    ];
    for (id, format) in abstracts {
        s.push_str(&format!(
            "<w:abstractNum w:abstractNumId=\"{id}\"><w:multiLevelType w:val=\"hybridMultilevel\"/>"
        ));
        for ilvl in 0..9 {
            let text = match format {
                "bullet" => bullets[ilvl % bullets.len()].to_string(),
                _ => format!("%{}.", ilvl + 1),
            };
            s.push_str(&level(ilvl, format, &text, id == LETTERS));
        }
        s.push_str("</w:abstractNum>");
    }
    for (k, l) in lists.iter().enumerate() {
        s.push_str(&format!(
            "<w:num w:numId=\"{}\"><w:abstractNumId w:val=\"{}\"/>\
             <w:lvlOverride w:ilvl=\"0\"><w:startOverride w:val=\"{}\"/></w:lvlOverride></w:num>",
            k + 1,
            l.abstract_id,
            l.start
        ));
    }
    s.push_str("</w:numbering>");
    s
}

/// `word/settings.xml`.
pub fn settings() -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:settings {W_NS}>\
         <w:zoom w:percent=\"100\"/><w:defaultTabStop w:val=\"720\"/>\
         <w:characterSpacingControl w:val=\"doNotCompress\"/>\
         <w:compat><w:compatSetting w:name=\"compatibilityMode\" w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat>\
         <w:themeFontLang w:val=\"en-GB\"/></w:settings>"
    )
}

/// `word/fontTable.xml`: Arial for the text, Courier New for code; both come with every
/// copy of Word (and LibreOffice maps them to metric-compatible Liberation fonts).
pub fn font_table() -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:fonts {W_NS}>\
         <w:font w:name=\"Arial\"><w:panose1 w:val=\"020B0604020202020204\"/><w:charset w:val=\"00\"/>\
         <w:family w:val=\"swiss\"/><w:pitch w:val=\"variable\"/></w:font>\
         <w:font w:name=\"Courier New\"><w:panose1 w:val=\"02070309020205020404\"/><w:charset w:val=\"00\"/>\
         <w:family w:val=\"modern\"/><w:pitch w:val=\"fixed\"/></w:font></w:fonts>"
    )
}

/// Word reads the parts of paragraph, run and style properties in the schema's order only.
#[cfg(test)]
pub(super) mod order {
    /// ECMA-376 order of the children this writer uses, per parent element.
    const ORDERS: [(&str, &[&str]); 4] = [
        (
            "w:pPr",
            &[
                "w:pStyle",
                "w:keepNext",
                "w:keepLines",
                "w:pageBreakBefore",
                "w:widowControl",
                "w:numPr",
                "w:pBdr",
                "w:shd",
                "w:tabs",
                "w:spacing",
                "w:ind",
                "w:contextualSpacing",
                "w:jc",
                "w:outlineLvl",
                "w:rPr",
            ],
        ),
        (
            "w:rPr",
            &[
                "w:rStyle", "w:rFonts", "w:b", "w:bCs", "w:i", "w:iCs", "w:strike", "w:color",
                "w:sz", "w:szCs", "w:u", "w:lang",
            ],
        ),
        (
            "w:style",
            &[
                "w:name",
                "w:basedOn",
                "w:next",
                "w:uiPriority",
                "w:semiHidden",
                "w:qFormat",
                "w:pPr",
                "w:rPr",
                "w:tblPr",
            ],
        ),
        (
            "w:tblPr",
            &[
                "w:tblStyle",
                "w:tblW",
                "w:tblInd",
                "w:tblBorders",
                "w:tblLayout",
                "w:tblCellMar",
                "w:tblLook",
                "w:tblCaption",
            ],
        ),
    ];

    /// Every element of `xml` named in [`ORDERS`] whose children are out of order or unknown.
    pub fn misplaced(xml: &str) -> Vec<String> {
        let mut out = Vec::new();
        // (parent name, position reached among its children)
        let mut stack: Vec<(String, usize)> = Vec::new();
        let mut rest = xml;
        while let Some(open) = rest.find('<') {
            rest = &rest[open + 1..];
            let end = rest.find('>').unwrap_or(rest.len());
            let tag = &rest[..end];
            rest = &rest[end.min(rest.len())..];
            if tag.starts_with('?') || tag.starts_with('!') {
                continue;
            }
            if let Some(name) = tag.strip_prefix('/') {
                if stack.last().is_some_and(|(n, _)| n == name) {
                    stack.pop();
                }
                continue;
            }
            let name = tag.split([' ', '/']).next().unwrap_or("").to_string();
            if let Some((parent, reached)) = stack.last_mut() {
                if let Some((_, order)) = ORDERS.iter().find(|(p, _)| p == parent) {
                    match order.iter().position(|c| *c == name) {
                        Some(i) if i >= *reached => *reached = i,
                        Some(_) => out.push(format!("{name} too late in {parent}")),
                        None => out.push(format!("{name} unexpected in {parent}")),
                    }
                }
            }
            if !tag.ends_with('/') {
                stack.push((name, 0));
            }
        }
        out
    }

    #[test]
    fn the_fixed_parts_follow_the_schema_order() {
        assert_eq!(misplaced(&super::styles()), Vec::<String>::new());
        assert_eq!(
            misplaced("<w:pPr><w:jc/><w:spacing/></w:pPr>"),
            ["w:spacing too late in w:pPr"]
        );
    }
}
