//! Finishing with lopdf after printpdf has written the document: the Info dictionary (dates
//! from the input), catalog entries printpdf lacks (/Lang, /ViewerPreferences, a correct
//! /PageMode), the nested outline in document order, a content-derived document ID, the
//! structure tree of the tagged PDF, then compression and serialisation.

use super::emit::Marks;
use super::layout::{HeadingPos, Node, PAGE_H};
use super::PdfMeta;
use lopdf::{Dictionary, Document, Object, ObjectId, StringFormat};

/// A PDF text string: literal when plain ASCII, UTF-16BE with a byte-order mark otherwise.
pub fn text(s: &str) -> Object {
    if s.chars().all(|c| (' '..='~').contains(&c)) {
        Object::String(s.as_bytes().to_vec(), StringFormat::Literal)
    } else {
        let mut b = vec![0xfe, 0xff];
        for u in s.encode_utf16() {
            b.extend(u.to_be_bytes());
        }
        Object::String(b, StringFormat::Hexadecimal)
    }
}

fn name(s: &str) -> Object {
    Object::Name(s.as_bytes().to_vec())
}

fn dict(entries: Vec<(&str, Object)>) -> Dictionary {
    let mut d = Dictionary::new();
    for (k, v) in entries {
        d.set(k, v);
    }
    d
}

const PRODUCER: &str = concat!("cabinet ", env!("CARGO_PKG_VERSION"), " (printpdf, lopdf)");

pub struct Finish<'a> {
    pub meta: &'a PdfMeta,
    pub headings: &'a [Option<HeadingPos>],
    pub nodes: &'a [Node],
    pub marks: &'a Marks,
    pub tagged: bool,
    /// 16 bytes identifying the content (the same input always gives the same ID).
    pub id: [u8; 16],
}

impl Finish<'_> {
    pub fn run(&self, mut doc: Document) -> Result<Vec<u8>, String> {
        doc.version = "1.7".to_string();
        let pages: Vec<ObjectId> = doc.get_pages().into_values().collect();
        let root = doc
            .trailer
            .get(b"Root")
            .and_then(Object::as_reference)
            .map_err(|e| format!("no catalog: {e}"))?;

        let info = self.info();
        let info_id = doc.add_object(info);
        doc.trailer.set("Info", Object::Reference(info_id));
        let id = Object::String(self.id.to_vec(), StringFormat::Hexadecimal);
        doc.trailer.set("ID", Object::Array(vec![id.clone(), id]));

        let outline = self.outline(&mut doc, &pages);
        let tree = if self.tagged {
            Some(self.structure(&mut doc, &pages)?)
        } else {
            None
        };

        let catalog = doc.get_dictionary_mut(root).map_err(|e| e.to_string())?;
        catalog.set("Lang", text(&self.meta.lang));
        catalog.set(
            "ViewerPreferences",
            dict(vec![("DisplayDocTitle", Object::Boolean(true))]),
        );
        match outline {
            Some(o) => {
                catalog.set("Outlines", Object::Reference(o));
                catalog.set("PageMode", name("UseOutlines"));
            }
            None => {
                catalog.remove(b"Outlines");
                catalog.set("PageMode", name("UseNone"));
            }
        }
        if let Some(t) = tree {
            catalog.set("StructTreeRoot", Object::Reference(t));
            catalog.set("MarkInfo", dict(vec![("Marked", Object::Boolean(true))]));
        }
        super::compact::prune_and_renumber(&mut doc);
        super::compact::compress(&mut doc);
        // XMP metadata mirrors the Info dictionary; left uncompressed, as is customary.
        let mut xmp = lopdf::Stream::new(
            dict(vec![("Type", name("Metadata")), ("Subtype", name("XML"))]),
            self.xmp().into_bytes(),
        );
        xmp.allows_compression = false;
        let xmp_id = doc.add_object(xmp);
        if let Ok(catalog) = doc.get_dictionary_mut(root) {
            catalog.set("Metadata", Object::Reference(xmp_id));
        }
        let mut out = Vec::new();
        let options = lopdf::SaveOptions::builder()
            .use_object_streams(true)
            .use_xref_streams(true)
            .compression_level(super::compact::LEVEL)
            .build();
        doc.save_with_options(&mut out, options)
            .map_err(|e| e.to_string())?;
        Ok(super::xref::compress(out))
    }

    fn xmp(&self) -> String {
        let esc = |t: &str| {
            t.replace('&', "&amp;")
                .replace('<', "&lt;")
                .replace('>', "&gt;")
                .replace('"', "&quot;")
        };
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
             </rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>",
            title = esc(&m.title),
            author = esc(&m.author),
            subject = esc(&m.subject),
            lang = esc(&m.lang),
            keywords = esc(&m.keywords.join("; ")),
            producer = esc(PRODUCER),
        )
    }

    fn info(&self) -> Dictionary {
        let d = self.meta.date;
        let date = format!("D:{:04}{:02}{:02}000000Z", d.year, d.month, d.day);
        let mut entries = vec![("Title", text(&self.meta.title))];
        if !self.meta.author.is_empty() {
            entries.push(("Author", text(&self.meta.author)));
        }
        if !self.meta.subject.is_empty() {
            entries.push(("Subject", text(&self.meta.subject)));
        }
        if !self.meta.keywords.is_empty() {
            entries.push(("Keywords", text(&self.meta.keywords.join("; "))));
        }
        entries.push(("Creator", text("cabinet")));
        entries.push(("Producer", text(PRODUCER)));
        entries.push((
            "CreationDate",
            Object::String(date.clone().into_bytes(), StringFormat::Literal),
        ));
        entries.push((
            "ModDate",
            Object::String(date.into_bytes(), StringFormat::Literal),
        ));
        dict(entries)
    }

    fn dest(&self, pages: &[ObjectId], h: &HeadingPos) -> Object {
        let page = pages.get(h.page).copied().unwrap_or((0, 0));
        Object::Array(vec![
            Object::Reference(page),
            name("XYZ"),
            Object::Null,
            Object::Real(super::paint::r(PAGE_H - h.y + 10.0)),
            Object::Null,
        ])
    }

    /// The outline: h2 headings at the top level, h3 nested under the h2 before them, all in
    /// document order, each pointing at its heading.
    fn outline(&self, doc: &mut Document, pages: &[ObjectId]) -> Option<ObjectId> {
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
        let root = doc.new_object_id();
        let ids: Vec<ObjectId> = tops.iter().map(|_| doc.new_object_id()).collect();
        for (i, (h, kids)) in tops.iter().enumerate() {
            let mut d = dict(vec![
                ("Title", text(&h.text)),
                ("Parent", Object::Reference(root)),
                ("Dest", self.dest(pages, h)),
            ]);
            if i > 0 {
                d.set("Prev", Object::Reference(ids[i - 1]));
            }
            if i + 1 < ids.len() {
                d.set("Next", Object::Reference(ids[i + 1]));
            }
            if !kids.is_empty() {
                let kid_ids: Vec<ObjectId> = kids.iter().map(|_| doc.new_object_id()).collect();
                for (k, kh) in kids.iter().enumerate() {
                    let mut kd = dict(vec![
                        ("Title", text(&kh.text)),
                        ("Parent", Object::Reference(ids[i])),
                        ("Dest", self.dest(pages, kh)),
                    ]);
                    if k > 0 {
                        kd.set("Prev", Object::Reference(kid_ids[k - 1]));
                    }
                    if k + 1 < kid_ids.len() {
                        kd.set("Next", Object::Reference(kid_ids[k + 1]));
                    }
                    doc.objects.insert(kid_ids[k], Object::Dictionary(kd));
                }
                d.set("First", Object::Reference(kid_ids[0]));
                d.set("Last", Object::Reference(*kid_ids.last().expect("kids")));
                // Closed: the reader sees the sections, and opens one for its subsections.
                d.set("Count", Object::Integer(-(kid_ids.len() as i64)));
            }
            doc.objects.insert(ids[i], Object::Dictionary(d));
        }
        let r = dict(vec![
            ("Type", name("Outlines")),
            ("First", Object::Reference(ids[0])),
            ("Last", Object::Reference(*ids.last().expect("tops"))),
            ("Count", Object::Integer(ids.len() as i64)),
        ]);
        doc.objects.insert(root, Object::Dictionary(r));
        Some(root)
    }
}
