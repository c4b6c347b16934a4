//! Tagged PDF: the structure tree (Document → H1/H2/P/L/Table/TR/TH/TD/Figure …) built from
//! the layout's nodes and the marked-content ids the emitter assigned, the parent tree, and
//! Link elements tying link annotations into the structure.

use super::emit::Marks;
use super::finish::Finish;
use super::objects::{array, int, reals, reference, reference_value, Dict, Pdf};
use std::collections::HashMap;

/// What the rest of the document needs from the structure tree.
pub struct Tags {
    /// The StructTreeRoot.
    pub root: u32,
    /// Each link annotation's key in the parent tree (its `/StructParent`).
    pub annot_keys: HashMap<u32, i64>,
}

/// Structure elements of a table, kept even when empty so that every row has all its cells.
const TABLE_PARTS: [&str; 6] = ["Table", "THead", "TBody", "TR", "TH", "TD"];

/// A kid of a structure element: its sort key (page, MCID) and its serialised form.
type Kid = ((usize, usize), Vec<u8>);

impl Finish<'_> {
    /// Writes the structure tree. `pages` are the page objects, `annots` each page's link
    /// annotation objects (written later by the caller, with the keys returned here).
    pub(super) fn structure(
        &self,
        pdf: &mut Pdf,
        marks: &Marks,
        pages: &[u32],
        annots: &[Vec<u32>],
    ) -> Tags {
        let nodes = self.nodes;
        let n = nodes.len();
        let mut content: Vec<Vec<(usize, usize)>> = vec![Vec::new(); n];
        for (p, list) in marks.mcids.iter().enumerate() {
            for (mcid, node) in list.iter().enumerate() {
                if let Some(c) = content.get_mut(*node) {
                    c.push((p, mcid));
                }
            }
        }
        let mut children: Vec<Vec<usize>> = vec![Vec::new(); n];
        for (i, node) in nodes.iter().enumerate() {
            if let Some(p) = node.parent.filter(|p| *p < n && *p != i) {
                children[p].push(i);
            }
        }

        // Each link annotation is owned by a Link element under the element whose text it
        // covers.
        let mut links: Vec<Vec<(u32, usize)>> = vec![Vec::new(); n];
        for (p, page_annots) in annots.iter().enumerate() {
            for (k, annot) in page_annots.iter().enumerate() {
                let owner = marks
                    .links
                    .get(p)
                    .and_then(|l| l.get(k))
                    .and_then(|(o, _)| *o)
                    .filter(|o| *o < n)
                    .unwrap_or(0);
                if n > 0 {
                    links[owner].push((*annot, p));
                }
            }
        }

        // Drop elements with no content anywhere below them, except the parts of a table:
        // an empty cell keeps its place, or every cell after it in its row would be read
        // out under the wrong column heading.
        let mut keep = vec![false; n];
        for i in (0..n).rev() {
            keep[i] = !content[i].is_empty()
                || !links[i].is_empty()
                || TABLE_PARTS.contains(&nodes[i].role)
                || children[i].iter().any(|c| keep[*c]);
        }
        if let Some(k) = keep.first_mut() {
            *k = true;
        }
        // Where each element's content starts, (page, MCID), for ordering mixed content.
        let mut first: Vec<Option<(usize, usize)>> =
            content.iter().map(|c| c.first().copied()).collect();
        for i in (0..n).rev() {
            for c in &children[i] {
                if let Some(k) = first[*c] {
                    first[i] = Some(first[i].map_or(k, |f| f.min(k)));
                }
            }
        }
        let root = pdf.reserve();
        let ids: Vec<Option<u32>> = keep.iter().map(|k| k.then(|| pdf.reserve())).collect();

        let mut parent_tree: Vec<Vec<Option<u32>>> =
            marks.mcids.iter().map(|l| vec![None; l.len()]).collect();
        let mut link_entries: Vec<(i64, u32)> = Vec::new();
        let mut annot_keys = HashMap::new();
        let mut next_key = pages.len() as i64;

        for i in 0..n {
            let Some(id) = ids[i] else { continue };
            let node = &nodes[i];
            // Kids in reading order: where an element mixes its own text with child elements
            // (a paragraph with links), by position in the content; otherwise as created.
            let mut keyed: Vec<Kid> = children[i]
                .iter()
                .filter_map(|c| {
                    ids[*c].map(|r| (first[*c].unwrap_or((usize::MAX, 0)), reference_value(r)))
                })
                .collect();
            // Content on the element's own page is a bare MCID; elsewhere an MCR.
            let own_page = content[i].first().and_then(|(p, _)| pages.get(*p)).copied();
            for (p, mcid) in &content[i] {
                let Some(page) = pages.get(*p) else { continue };
                let kid = if Some(*page) == own_page {
                    let mut b = Vec::new();
                    int(&mut b, *mcid as u64);
                    b
                } else {
                    Dict::new()
                        .name("Type", "MCR")
                        .r("Pg", *page)
                        .int("MCID", *mcid as i64)
                        .end()
                };
                keyed.push(((*p, *mcid), kid));
                if let Some(slot) = parent_tree.get_mut(*p).and_then(|l| l.get_mut(*mcid)) {
                    *slot = Some(id);
                }
            }
            if !content[i].is_empty() {
                keyed.sort_by_key(|(k, _)| *k);
            }
            let mut kids: Vec<Vec<u8>> = keyed.into_iter().map(|(_, o)| o).collect();
            for (annot, p) in &links[i] {
                let objr = Dict::new()
                    .name("Type", "OBJR")
                    .r("Obj", *annot)
                    .r("Pg", pages[*p])
                    .end();
                // A Link element owns its annotation; elsewhere one is made for it.
                let owner = if node.role == "Link" {
                    kids.push(objr);
                    id
                } else {
                    let link_id = pdf.reserve();
                    let k = array(&[objr]);
                    pdf.set(
                        link_id,
                        Dict::new()
                            .name("Type", "StructElem")
                            .name("S", "Link")
                            .r("P", id)
                            .raw("K", &k)
                            .end(),
                    );
                    kids.push(reference_value(link_id));
                    link_id
                };
                annot_keys.insert(*annot, next_key);
                link_entries.push((next_key, owner));
                next_key += 1;
            }
            let parent = node
                .parent
                .and_then(|p| ids.get(p).copied().flatten())
                .unwrap_or(root);
            let mut d = Dict::new()
                .name("Type", "StructElem")
                .name("S", node.role)
                .r("P", parent);
            if let Some(page) = own_page {
                d = d.r("Pg", page);
            }
            // One kid is written bare (`/K 3`), as most writers do and some checkers expect.
            match kids.len() {
                0 => {}
                1 => d = d.raw("K", &kids[0]),
                _ => d = d.raw("K", &array(&kids)),
            }
            if let Some(alt) = &node.alt {
                d = d.text("Alt", alt);
            }
            // PDF/UA-1 7.9: every Note has an ID, unique in the document.
            if node.role == "Note" {
                d = d.text("ID", &format!("note-{i}"));
            }
            let mut attributes: Vec<Vec<u8>> = Vec::new();
            if let Some(b) = node.bbox {
                let a = Dict::new().name("O", "Layout").raw("BBox", &reals(&b));
                attributes.push(a.end());
            }
            if let Some(scope) = node.scope {
                let a = Dict::new().name("O", "Table").name("Scope", scope);
                attributes.push(a.end());
            }
            match attributes.len() {
                0 => {}
                1 => d = d.raw("A", &attributes[0]),
                _ => d = d.raw("A", &array(&attributes)),
            }
            pdf.set(id, d.end());
        }

        let mut nums: Vec<Vec<u8>> = Vec::new();
        for (p, list) in parent_tree.into_iter().enumerate() {
            let mut key = Vec::new();
            int(&mut key, p as u64);
            nums.push(key);
            let entries: Vec<Vec<u8>> = list
                .into_iter()
                .map(|e| match e {
                    Some(id) => reference_value(id),
                    None => b"null".to_vec(),
                })
                .collect();
            nums.push(array(&entries));
        }
        for (key, link) in link_entries {
            let mut b = Vec::new();
            int(&mut b, key as u64);
            b.push(b' ');
            reference(&mut b, link);
            nums.push(b);
        }
        let parent_tree = pdf.add(Dict::new().raw("Nums", &array(&nums)).end());
        let top: Vec<Vec<u8>> = ids
            .first()
            .copied()
            .flatten()
            .map(reference_value)
            .into_iter()
            .collect();
        pdf.set(
            root,
            Dict::new()
                .name("Type", "StructTreeRoot")
                .raw("K", &array(&top))
                .r("ParentTree", parent_tree)
                .int("ParentTreeNextKey", next_key)
                .end(),
        );
        Tags { root, annot_keys }
    }
}
