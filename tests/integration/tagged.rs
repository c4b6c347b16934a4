//! Reading a tagged PDF back as assistive technology does, with lopdf: the structure tree,
//! the text of every marked-content sequence (through each font's ToUnicode map, and a
//! span's ActualText where it has one), the marked-content ids in the page content, and the
//! glyph codes shown. Also the tables of an HTML page, to compare the two cell by cell.

use lopdf::content::Content;
use lopdf::{Dictionary, Document, Object, ObjectId};
use std::collections::HashMap;

/// A kid of a structure element.
#[derive(Debug, Clone, PartialEq)]
pub enum Kid {
    Elem(usize),
    /// Marked content on page `page` (0-based).
    Mcid {
        page: usize,
        mcid: i64,
    },
    /// An annotation (or other object) reference.
    Objr(ObjectId),
}

/// A structure element.
#[derive(Debug, Clone)]
pub struct Elem {
    pub role: String,
    pub kids: Vec<Kid>,
    pub parent: Option<usize>,
    /// `/Scope` of a table attribute dictionary.
    pub scope: Option<String>,
    pub alt: Option<String>,
    pub id: Option<String>,
}

/// A tagged PDF, read back.
pub struct Tagged {
    pub doc: Document,
    pub pages: Vec<ObjectId>,
    pub elems: Vec<Elem>,
    /// The elements directly under the StructTreeRoot.
    pub roots: Vec<usize>,
    /// The text of each marked-content sequence, by (page, MCID).
    pub text: HashMap<(usize, i64), String>,
    /// Each page's MCIDs in content order.
    pub content_mcids: Vec<Vec<i64>>,
    /// Text shown outside any marked content (neither tagged nor an artifact).
    pub unmarked: Vec<String>,
    /// Glyph codes 0 (`.notdef`) shown, and codes with no Unicode mapping.
    pub notdef: usize,
    pub unmapped: Vec<(String, u16)>,
}

/// Decodes a PDF text string (PDFDocEncoding taken as Latin-1, or UTF-16BE with a BOM).
pub fn text_string(o: &Object) -> String {
    let b = match o.as_str() {
        Ok(b) => b,
        Err(_) => return String::new(),
    };
    if b.starts_with(&[0xfe, 0xff]) {
        let u: Vec<u16> = b[2..]
            .chunks(2)
            .map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)]))
            .collect();
        String::from_utf16_lossy(&u)
    } else {
        b.iter().map(|&c| c as char).collect()
    }
}

fn name(o: &Object) -> String {
    o.as_name()
        .map(|n| String::from_utf8_lossy(n).into_owned())
        .unwrap_or_default()
}

/// Parses the `bfchar` and `bfrange` entries of a ToUnicode CMap.
fn to_unicode(cmap: &[u8]) -> HashMap<u16, String> {
    let text = String::from_utf8_lossy(cmap);
    let hex = |s: &str| -> Vec<u16> {
        let s = s.trim_matches(|c| c == '<' || c == '>');
        (0..s.len() / 4)
            .filter_map(|i| u16::from_str_radix(&s[i * 4..i * 4 + 4], 16).ok())
            .collect()
    };
    let mut map = HashMap::new();
    let mut mode = "";
    for line in text.lines() {
        let line = line.trim();
        if line.ends_with("beginbfchar") {
            mode = "char";
        } else if line.ends_with("beginbfrange") {
            mode = "range";
        } else if line.starts_with("endbf") {
            mode = "";
        } else if !mode.is_empty() {
            let parts: Vec<&str> = line.split_whitespace().collect();
            if mode == "char" && parts.len() == 2 {
                if let Some(code) = hex(parts[0]).first() {
                    map.insert(*code, String::from_utf16_lossy(&hex(parts[1])));
                }
            } else if mode == "range" && parts.len() == 3 {
                let (lo, hi, dst) = (hex(parts[0]), hex(parts[1]), hex(parts[2]));
                if let (Some(lo), Some(hi), Some(first)) = (lo.first(), hi.first(), dst.first()) {
                    for (k, code) in (*lo..=*hi).enumerate() {
                        let mut d = dst.clone();
                        d[0] = first + k as u16;
                        map.insert(code, String::from_utf16_lossy(&d));
                    }
                }
            }
        }
    }
    map
}

impl Tagged {
    pub fn load(bytes: &[u8]) -> Tagged {
        let doc = Document::load_mem(bytes).expect("a readable PDF");
        let pages: Vec<ObjectId> = doc.get_pages().into_values().collect();
        let mut t = Tagged {
            doc,
            pages,
            elems: Vec::new(),
            roots: Vec::new(),
            text: HashMap::new(),
            content_mcids: Vec::new(),
            unmarked: Vec::new(),
            notdef: 0,
            unmapped: Vec::new(),
        };
        t.read_content();
        t.read_tree();
        t
    }

    pub fn dict(&self, id: ObjectId) -> &Dictionary {
        self.doc.get_dictionary(id).expect("a dictionary")
    }

    /// Follows a reference, or returns the object itself.
    pub fn resolve<'a>(&'a self, o: &'a Object) -> &'a Object {
        match o {
            Object::Reference(id) => self.doc.get_object(*id).expect("referenced object"),
            o => o,
        }
    }

    pub fn page_index(&self, id: ObjectId) -> Option<usize> {
        self.pages.iter().position(|p| *p == id)
    }

    fn fonts(&self, page: ObjectId) -> HashMap<Vec<u8>, HashMap<u16, String>> {
        let mut out = HashMap::new();
        let Ok(res) = self.dict(page).get(b"Resources") else {
            return out;
        };
        let Ok(res) = self.resolve(res).as_dict() else {
            return out;
        };
        let Ok(fonts) = res.get(b"Font").map(|f| self.resolve(f)) else {
            return out;
        };
        let Ok(fonts) = fonts.as_dict() else {
            return out;
        };
        for (key, font) in fonts.iter() {
            let font = self.resolve(font).as_dict().expect("font dictionary");
            let map = font
                .get(b"ToUnicode")
                .ok()
                .and_then(|u| self.resolve(u).as_stream().ok())
                .map(|s| {
                    to_unicode(
                        &s.decompressed_content()
                            .unwrap_or_else(|_| s.content.clone()),
                    )
                })
                .unwrap_or_default();
            out.insert(key.clone(), map);
        }
        out
    }

    fn read_content(&mut self) {
        for (p, page) in self.pages.clone().into_iter().enumerate() {
            let fonts = self.fonts(page);
            let bytes = self.doc.get_page_content(page);
            let ops = Content::decode(&bytes).expect("content parses").operations;
            // The marked-content stack: an MCID, an ActualText span, or anything else.
            enum Mark {
                Mcid(i64),
                Actual,
                Other,
            }
            let mut stack: Vec<Mark> = Vec::new();
            let mut font: Vec<u8> = Vec::new();
            let mut mcids = Vec::new();
            for op in ops {
                match op.operator.as_str() {
                    "BDC" => {
                        let props = op.operands.get(1).and_then(|o| o.as_dict().ok());
                        let mcid = props
                            .and_then(|d| d.get(b"MCID").ok())
                            .and_then(|m| m.as_i64().ok());
                        let actual = props
                            .and_then(|d| d.get(b"ActualText").ok())
                            .map(text_string);
                        if let Some(m) = mcid {
                            mcids.push(m);
                            stack.push(Mark::Mcid(m));
                        } else {
                            stack.push(Mark::Other);
                        }
                        if let Some(a) = actual {
                            let owner = stack.iter().rev().find_map(|m| match m {
                                Mark::Mcid(id) => Some(*id),
                                _ => None,
                            });
                            if let Some(id) = owner {
                                self.text.entry((p, id)).or_default().push_str(&a);
                            }
                            stack.push(Mark::Actual);
                        }
                    }
                    "BMC" => stack.push(Mark::Other),
                    "EMC" => {
                        if matches!(stack.last(), Some(Mark::Actual)) {
                            stack.pop();
                        }
                        stack.pop();
                    }
                    "Tf" => {
                        font = op
                            .operands
                            .first()
                            .and_then(|o| o.as_name().ok())
                            .unwrap_or_default()
                            .to_vec()
                    }
                    "Tj" | "TJ" => {
                        let strings: Vec<&[u8]> = match op.operator.as_str() {
                            "Tj" => op.operands.iter().filter_map(|o| o.as_str().ok()).collect(),
                            _ => op
                                .operands
                                .first()
                                .and_then(|a| a.as_array().ok())
                                .map(|a| a.iter().filter_map(|o| o.as_str().ok()).collect())
                                .unwrap_or_default(),
                        };
                        let map = fonts.get(&font);
                        let mut shown = String::new();
                        for s in strings {
                            for pair in s.chunks(2) {
                                let code =
                                    u16::from_be_bytes([pair[0], *pair.get(1).unwrap_or(&0)]);
                                if code == 0 {
                                    self.notdef += 1;
                                }
                                match map.and_then(|m| m.get(&code)) {
                                    Some(u) => shown.push_str(u),
                                    None => self
                                        .unmapped
                                        .push((String::from_utf8_lossy(&font).into_owned(), code)),
                                }
                            }
                        }
                        if stack.iter().any(|m| matches!(m, Mark::Actual)) {
                            continue;
                        }
                        if stack.is_empty() {
                            self.unmarked.push(shown);
                            continue;
                        }
                        let owner = stack.iter().rev().find_map(|m| match m {
                            Mark::Mcid(id) => Some(*id),
                            _ => None,
                        });
                        if let Some(id) = owner {
                            self.text.entry((p, id)).or_default().push_str(&shown);
                        }
                    }
                    _ => {}
                }
            }
            self.content_mcids.push(mcids);
        }
    }

    fn read_tree(&mut self) {
        let catalog = self.doc.catalog().expect("catalog").clone();
        let root = catalog
            .get(b"StructTreeRoot")
            .and_then(|r| r.as_reference())
            .expect("a StructTreeRoot");
        let root = self.dict(root).clone();
        let kids = match root.get(b"K") {
            Ok(Object::Array(a)) => a.clone(),
            Ok(o) => vec![o.clone()],
            Err(_) => Vec::new(),
        };
        for k in kids {
            if let Ok(id) = k.as_reference() {
                let e = self.element(id, None, None);
                self.roots.push(e);
            }
        }
    }

    fn element(&mut self, id: ObjectId, parent: Option<usize>, page: Option<usize>) -> usize {
        let d = self.dict(id).clone();
        let page = d
            .get(b"Pg")
            .ok()
            .and_then(|p| p.as_reference().ok())
            .and_then(|p| self.page_index(p))
            .or(page);
        let mut scope = None;
        let attrs = match d.get(b"A") {
            Ok(Object::Array(a)) => a.clone(),
            Ok(o) => vec![o.clone()],
            Err(_) => Vec::new(),
        };
        for a in attrs {
            if let Ok(a) = self.resolve(&a).as_dict() {
                if let Ok(s) = a.get(b"Scope") {
                    scope = Some(name(s));
                }
            }
        }
        let index = self.elems.len();
        self.elems.push(Elem {
            role: d.get(b"S").map(name).unwrap_or_default(),
            kids: Vec::new(),
            parent,
            scope,
            alt: d.get(b"Alt").ok().map(text_string),
            id: d.get(b"ID").ok().map(text_string),
        });
        let kids = match d.get(b"K") {
            Ok(Object::Array(a)) => a.clone(),
            Ok(o) => vec![o.clone()],
            Err(_) => Vec::new(),
        };
        let mut out = Vec::new();
        for k in kids {
            match k {
                Object::Integer(m) => out.push(Kid::Mcid {
                    page: page.expect("a bare MCID needs the element's /Pg"),
                    mcid: m,
                }),
                Object::Reference(r) => {
                    let kd = self.dict(r).clone();
                    match kd.get(b"Type").map(name).as_deref() {
                        Ok("OBJR") => out.push(Kid::Objr(
                            kd.get(b"Obj")
                                .and_then(|o| o.as_reference())
                                .expect("OBJR /Obj"),
                        )),
                        _ => out.push(Kid::Elem(self.element(r, Some(index), page))),
                    }
                }
                Object::Dictionary(kd) => match kd.get(b"Type").map(name).as_deref() {
                    Ok("MCR") => out.push(Kid::Mcid {
                        page: kd
                            .get(b"Pg")
                            .ok()
                            .and_then(|p| p.as_reference().ok())
                            .and_then(|p| self.page_index(p))
                            .or(page)
                            .expect("an MCR's page"),
                        mcid: kd.get(b"MCID").and_then(|m| m.as_i64()).expect("MCR /MCID"),
                    }),
                    Ok("OBJR") => out.push(Kid::Objr(
                        kd.get(b"Obj")
                            .and_then(|o| o.as_reference())
                            .expect("OBJR /Obj"),
                    )),
                    other => panic!("unexpected kid dictionary {other:?}"),
                },
                other => panic!("unexpected structure kid {other:?}"),
            }
        }
        self.elems[index].kids = out;
        index
    }

    /// The elements in document order (depth first).
    pub fn walk(&self) -> Vec<usize> {
        let mut out = Vec::new();
        fn go(t: &Tagged, e: usize, out: &mut Vec<usize>) {
            out.push(e);
            for k in &t.elems[e].kids {
                if let Kid::Elem(c) = k {
                    go(t, *c, out);
                }
            }
        }
        for r in &self.roots {
            go(self, *r, &mut out);
        }
        out
    }

    /// The text of an element and everything below it, in structure order.
    pub fn text_of(&self, e: usize) -> String {
        let mut s = String::new();
        for k in &self.elems[e].kids {
            match k {
                Kid::Elem(c) => s.push_str(&self.text_of(*c)),
                Kid::Mcid { page, mcid } => {
                    s.push_str(self.text.get(&(*page, *mcid)).map_or("", String::as_str))
                }
                Kid::Objr(_) => {}
            }
        }
        s
    }

    pub fn children(&self, e: usize) -> Vec<usize> {
        self.elems[e]
            .kids
            .iter()
            .filter_map(|k| match k {
                Kid::Elem(c) => Some(*c),
                _ => None,
            })
            .collect()
    }

    /// Every table as rows of (role, scope, text) cells, the header row first.
    pub fn tables(&self) -> Vec<Table> {
        self.walk()
            .into_iter()
            .filter(|e| self.elems[*e].role == "Table")
            .map(|t| {
                let mut table = Table::default();
                for part in self.children(t) {
                    let role = self.elems[part].role.as_str();
                    let rows = match role {
                        "Caption" => {
                            table.caption = Some(squash(&self.text_of(part)));
                            continue;
                        }
                        "THead" | "TBody" | "TFoot" => self.children(part),
                        "TR" => vec![part],
                        _ => continue,
                    };
                    for tr in rows {
                        table.rows.push(
                            self.children(tr)
                                .into_iter()
                                .map(|c| Cell {
                                    kind: match (
                                        self.elems[c].role.as_str(),
                                        self.elems[c].scope.as_deref(),
                                    ) {
                                        ("TH", Some("Column")) => "col",
                                        ("TH", Some("Row")) => "row",
                                        ("TH", _) => "th?",
                                        ("TD", _) => "td",
                                        _ => "not a cell",
                                    }
                                    .to_string(),
                                    text: squash(&self.text_of(c)),
                                })
                                .collect(),
                        );
                    }
                }
                table
            })
            .collect()
    }
}

/// One table cell: its kind (`col`, `row` header or `td`) and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    pub kind: String,
    pub text: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Table {
    pub caption: Option<String>,
    pub rows: Vec<Vec<Cell>>,
}

/// Whitespace collapsed, ends trimmed.
pub fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn unescape(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let Some(j) = rest[i..].find(';') else {
            out.push_str(&rest[i..]);
            rest = "";
            break;
        };
        let entity = &rest[i + 1..i + j];
        let c = match entity {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            "nbsp" => Some('\u{a0}'),
            e if e.starts_with("#x") => u32::from_str_radix(&e[2..], 16)
                .ok()
                .and_then(char::from_u32),
            e if e.starts_with('#') => e[1..].parse().ok().and_then(char::from_u32),
            _ => None,
        };
        match c {
            Some(c) => out.push(c),
            None => out.push_str(&rest[i..=i + j]),
        }
        rest = &rest[i + j + 1..];
    }
    out.push_str(rest);
    out
}

/// The text of an HTML fragment: tags dropped, entities decoded, whitespace collapsed.
fn html_text(s: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in s.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    squash(&unescape(&out))
}

/// Every table of an HTML page (as cabinet writes them), in document order.
pub fn html_tables(html: &str) -> Vec<Table> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<table>") {
        let end = rest[start..].find("</table>").expect("table end") + start;
        let body = &rest[start..end];
        let mut table = Table::default();
        if let (Some(a), Some(b)) = (body.find("<caption>"), body.find("</caption>")) {
            table.caption = Some(html_text(&body[a + 9..b]));
        }
        for row in body.split("<tr").skip(1) {
            let row = &row[..row.find("</tr>").unwrap_or(row.len())];
            let mut cells = Vec::new();
            let mut r = row;
            while let Some(i) = r.find(['<']) {
                let tag = &r[i..];
                let kind = if tag.starts_with("<th scope=\"col\"") {
                    "col"
                } else if tag.starts_with("<th scope=\"row\"") {
                    "row"
                } else if tag.starts_with("<th") && !tag.starts_with("<thead") {
                    "th?"
                } else if tag.starts_with("<td") {
                    "td"
                } else {
                    r = &r[i + 1..];
                    continue;
                };
                let open_end = tag.find('>').expect("tag end") + 1;
                let close = if kind == "td" { "</td>" } else { "</th>" };
                let content_end = tag.find(close).expect("cell end");
                cells.push(Cell {
                    kind: kind.to_string(),
                    text: html_text(&tag[open_end..content_end]),
                });
                r = &tag[content_end + close.len()..];
            }
            table.rows.push(cells);
        }
        out.push(table);
        rest = &rest[end..];
    }
    out
}

/// The XMP metadata packet of the catalog.
pub fn xmp(t: &Tagged) -> String {
    let catalog = t.doc.catalog().expect("catalog");
    let id = catalog
        .get(b"Metadata")
        .and_then(|m| m.as_reference())
        .expect("catalog /Metadata");
    let stream = t
        .doc
        .get_object(id)
        .and_then(|o| o.as_stream())
        .expect("metadata stream");
    String::from_utf8_lossy(&stream.content).into_owned()
}
