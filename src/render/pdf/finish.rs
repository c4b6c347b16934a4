//! Finishing: writes the document's objects (pages, content streams, link annotations,
//! fonts, the Info dictionary dated from the input, XMP metadata with the PDF/UA-1 claim, the
//! nested outline, the structure tree of the tagged PDF) and the catalog that ties them together (/Lang,
//! /ViewerPreferences, /PageMode, /MarkInfo), with a content-derived document ID.

use super::emit::{Emitted, LinkTo};
use super::layout::{HeadingPos, Node, PAGE_H, PAGE_W};
use super::objects::{reals, reference, refs, Dict, Pdf};
use super::PdfMeta;

const PRODUCER: &str = concat!("cabinet ", env!("CARGO_PKG_VERSION"));

pub struct Finish<'a> {
    pub meta: &'a PdfMeta,
    /// The document's faces, built-in and fallback.
    pub fonts: &'a super::fonts::Fonts,
    pub headings: &'a [Option<HeadingPos>],
    pub nodes: &'a [Node],
    pub tagged: bool,
    /// Font subsets holding only the glyphs used (off only for measurements).
    pub subset: bool,
    /// 16 bytes identifying the content (the same input always gives the same ID).
    pub id: [u8; 16],
}

/// `[page 0 R/XYZ null top null]`: a page, scrolled so that `top` is at the window's top.
fn dest(page: u32, top: f32) -> Vec<u8> {
    let mut d = vec![b'['];
    reference(&mut d, page);
    d.extend_from_slice(b"/XYZ null ");
    super::objects::num(&mut d, top, 100);
    d.extend_from_slice(b" null]");
    d
}

impl Finish<'_> {
    pub fn run(&self, emitted: Emitted) -> Result<Vec<u8>, String> {
        let fonts = self.fonts;
        let Emitted { pages, marks, used } = emitted;
        let mut pdf = Pdf::default();
        let catalog = pdf.reserve();
        let page_tree = pdf.reserve();
        let page_ids: Vec<u32> = pages.iter().map(|_| pdf.reserve()).collect();
        let annot_ids: Vec<Vec<u32>> = pages
            .iter()
            .map(|p| p.annots.iter().map(|_| pdf.reserve()).collect())
            .collect();

        let tags = if self.tagged {
            Some(self.structure(&mut pdf, &marks, &page_ids, &annot_ids))
        } else {
            None
        };

        let mut font_dict = Dict::new();
        for (face, id) in super::embed::fonts(&mut pdf, fonts, &used, self.subset) {
            font_dict = font_dict.r(face.resource(), id);
        }
        let resources = pdf.add(Dict::new().raw("Font", &font_dict.end()).end());
        // A4 to the thousandth of a point (210 × 297 mm), as readers report it.
        let mut media_box = b"[0 0 ".to_vec();
        super::objects::num(&mut media_box, PAGE_W, 1000);
        media_box.push(b' ');
        super::objects::num(&mut media_box, PAGE_H, 1000);
        media_box.push(b']');

        for (p, page) in pages.into_iter().enumerate() {
            for (k, annot) in page.annots.iter().enumerate() {
                let label = marks
                    .links
                    .get(p)
                    .and_then(|l| l.get(k))
                    .map(|(_, t)| t.as_str())
                    .filter(|t| !t.is_empty())
                    .unwrap_or("Link");
                let action = match &annot.to {
                    LinkTo::Uri(u) => Dict::new().name("S", "URI").bytes("URI", u.as_bytes()),
                    LinkTo::Page { page, top } => Dict::new().name("S", "GoTo").raw(
                        "D",
                        &dest(
                            page_ids
                                .get(*page)
                                .or(page_ids.first())
                                .copied()
                                .unwrap_or(0),
                            *top,
                        ),
                    ),
                };
                let mut d = Dict::new()
                    .name("Type", "Annot")
                    .name("Subtype", "Link")
                    .raw("Rect", &reals(&annot.rect))
                    .raw("Border", b"[0 0 0]")
                    .int("F", 4)
                    .name("H", "I")
                    .text("Contents", label)
                    .raw("A", &action.end());
                if let Some(key) = tags
                    .as_ref()
                    .and_then(|t| t.annot_keys.get(&annot_ids[p][k]))
                {
                    d = d.int("StructParent", *key);
                }
                pdf.set(annot_ids[p][k], d.end());
            }
            let content = pdf.add_stream(Dict::new().end(), page.content, true);
            let mut d = Dict::new()
                .name("Type", "Page")
                .r("Parent", page_tree)
                .raw("MediaBox", &media_box)
                .r("Resources", resources)
                .r("Contents", content);
            if !annot_ids[p].is_empty() {
                d = d.raw("Annots", &refs(annot_ids[p].iter().copied()));
            }
            if self.tagged {
                d = d.int("StructParents", p as i64).name("Tabs", "S");
            }
            pdf.set(page_ids[p], d.end());
        }
        pdf.set(
            page_tree,
            Dict::new()
                .name("Type", "Pages")
                .raw("Kids", &refs(page_ids.iter().copied()))
                .int("Count", page_ids.len() as i64)
                .end(),
        );

        let info = pdf.add(self.info());
        let outline = self.outline(&mut pdf, &page_ids);
        // XMP metadata mirrors the Info dictionary and claims PDF/UA-1 (`pdfuaid:part`, with
        // the extension schema that declares it); left uncompressed, as is customary.
        let xmp = pdf.add_stream(
            Dict::new()
                .name("Type", "Metadata")
                .name("Subtype", "XML")
                .end(),
            self.xmp().into_bytes(),
            false,
        );
        let mut c = Dict::new()
            .name("Type", "Catalog")
            .r("Pages", page_tree)
            .text("Lang", &self.meta.lang)
            .raw("ViewerPreferences", b"<</DisplayDocTitle true>>")
            .r("Metadata", xmp);
        c = match outline {
            Some(o) => c.r("Outlines", o).name("PageMode", "UseOutlines"),
            None => c.name("PageMode", "UseNone"),
        };
        if let Some(t) = &tags {
            c = c
                .r("StructTreeRoot", t.root)
                .raw("MarkInfo", b"<</Marked true>>");
        }
        pdf.set(catalog, c.end());

        let mut trailer = b"/Root ".to_vec();
        reference(&mut trailer, catalog);
        trailer.extend_from_slice(b"/Info ");
        reference(&mut trailer, info);
        let hex = crate::render::hex(&self.id);
        trailer.extend_from_slice(format!("/ID[<{hex}><{hex}>]").as_bytes());
        Ok(pdf.finish(&trailer))
    }

    fn xmp(&self) -> String {
        let esc = crate::escape::markup;
        let m = self.meta;
        let d = m.date;
        let date = format!("{:04}-{:02}-{:02}T00:00:00Z", d.year, d.month, d.day);
        format!(
            "<?xpacket begin=\"\u{feff}\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n\
             <x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n\
             <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n\
             <rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" \
             xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\">\n\
             <dc:format>application/pdf</dc:format>\n\
             <dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">{title}</rdf:li></rdf:Alt></dc:title>\n\
             <dc:creator><rdf:Seq><rdf:li>{author}</rdf:li></rdf:Seq></dc:creator>\n\
             <dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">{subject}</rdf:li></rdf:Alt></dc:description>\n\
             <dc:language><rdf:Bag><rdf:li>{lang}</rdf:li></rdf:Bag></dc:language>\n\
             <pdf:Keywords>{keywords}</pdf:Keywords>\n\
             <pdf:Producer>{producer}</pdf:Producer>\n\
             <xmp:CreatorTool>cabinet</xmp:CreatorTool>\n\
             <xmp:CreateDate>{date}</xmp:CreateDate>\n\
             <xmp:ModifyDate>{date}</xmp:ModifyDate>\n\
             </rdf:Description>\n\
             <rdf:Description rdf:about=\"\" xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\">\n\
             <pdfuaid:part>1</pdfuaid:part>\n\
             </rdf:Description>\n\
             <rdf:Description rdf:about=\"\" \
             xmlns:pdfaExtension=\"http://www.aiim.org/pdfa/ns/extension/\" \
             xmlns:pdfaSchema=\"http://www.aiim.org/pdfa/ns/schema#\" \
             xmlns:pdfaProperty=\"http://www.aiim.org/pdfa/ns/property#\">\n\
             <pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType=\"Resource\">\n\
             <pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>\n\
             <pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>\n\
             <pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>\n\
             <pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType=\"Resource\">\n\
             <pdfaProperty:name>part</pdfaProperty:name>\n\
             <pdfaProperty:valueType>Integer</pdfaProperty:valueType>\n\
             <pdfaProperty:category>internal</pdfaProperty:category>\n\
             <pdfaProperty:description>Indicates which part of ISO 14289 the file conforms to</pdfaProperty:description>\n\
             </rdf:li></rdf:Seq></pdfaSchema:property>\n\
             </rdf:li></rdf:Bag></pdfaExtension:schemas>\n\
             </rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>",
            title = esc(&m.title),
            author = esc(&m.author),
            subject = esc(&m.subject),
            lang = esc(&m.lang),
            keywords = esc(&m.keywords.join("; ")),
            producer = esc(PRODUCER),
        )
    }

    fn info(&self) -> Vec<u8> {
        let d = self.meta.date;
        let date = format!("D:{:04}{:02}{:02}000000Z", d.year, d.month, d.day);
        let mut info = Dict::new().text("Title", &self.meta.title);
        if !self.meta.author.is_empty() {
            info = info.text("Author", &self.meta.author);
        }
        if !self.meta.subject.is_empty() {
            info = info.text("Subject", &self.meta.subject);
        }
        if !self.meta.keywords.is_empty() {
            info = info.text("Keywords", &self.meta.keywords.join("; "));
        }
        info.text("Creator", "cabinet")
            .text("Producer", PRODUCER)
            .bytes("CreationDate", date.as_bytes())
            .bytes("ModDate", date.as_bytes())
            .end()
    }

    fn dest(&self, pages: &[u32], h: &HeadingPos) -> Vec<u8> {
        let page = pages.get(h.page).or(pages.first()).copied().unwrap_or(0);
        dest(page, super::paint::r(PAGE_H - h.y + 10.0))
    }

    /// The outline: h2 headings at the top level, h3 nested under the h2 before them, all in
    /// document order, each pointing at its heading.
    fn outline(&self, pdf: &mut Pdf, pages: &[u32]) -> Option<u32> {
        let mut tops: Vec<(&HeadingPos, Vec<&HeadingPos>)> = Vec::new();
        for h in self.headings.iter().flatten() {
            match h.level {
                2 => tops.push((h, Vec::new())),
                3 => match tops.last_mut() {
                    Some(t) => t.1.push(h),
                    None => tops.push((h, Vec::new())),
                },
                _ => {}
            }
        }
        if tops.is_empty() {
            return None;
        }
        let root = pdf.reserve();
        let ids: Vec<u32> = tops.iter().map(|_| pdf.reserve()).collect();
        for (i, (h, kids)) in tops.iter().enumerate() {
            let mut d = self.item(h, root, &ids, i, pages);
            if !kids.is_empty() {
                let kid_ids: Vec<u32> = kids.iter().map(|_| pdf.reserve()).collect();
                for (k, kh) in kids.iter().enumerate() {
                    let kd = self.item(kh, ids[i], &kid_ids, k, pages);
                    pdf.set(kid_ids[k], kd.end());
                }
                d = d
                    .r("First", kid_ids[0])
                    .r("Last", kid_ids[kid_ids.len() - 1])
                    // Closed: the reader sees the sections, and opens one for its subsections.
                    .int("Count", -(kid_ids.len() as i64));
            }
            pdf.set(ids[i], d.end());
        }
        pdf.set(
            root,
            Dict::new()
                .name("Type", "Outlines")
                .r("First", ids[0])
                .r("Last", ids[ids.len() - 1])
                .int("Count", ids.len() as i64)
                .end(),
        );
        Some(root)
    }

    /// Outline item `i` of the siblings `ids` under `parent`, its links to its siblings made.
    fn item(&self, h: &HeadingPos, parent: u32, ids: &[u32], i: usize, pages: &[u32]) -> Dict {
        let mut d = Dict::new()
            .text("Title", &h.text)
            .r("Parent", parent)
            .raw("Dest", &self.dest(pages, h));
        if i > 0 {
            d = d.r("Prev", ids[i - 1]);
        }
        if i + 1 < ids.len() {
            d = d.r("Next", ids[i + 1]);
        }
        d
    }
}
