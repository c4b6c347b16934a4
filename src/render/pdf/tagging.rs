//! Tagged PDF: the structure tree (Document → H1/H2/P/L/Table/TR/TH/TD/Figure …) built from
//! the layout's nodes and the marked-content ids the emitter assigned, the parent tree, and
//! Link elements tying link annotations into the structure.

use super::finish::{text, Finish};
use lopdf::{Dictionary, Document, Object, ObjectId};

fn name(s: &str) -> Object {
    Object::Name(s.as_bytes().to_vec())
}

impl Finish<'_> {
    pub(super) fn structure(
        &self,
        doc: &mut Document,
        pages: &[ObjectId],
    ) -> Result<ObjectId, String> {
        let nodes = self.nodes;
        let n = nodes.len();
        let mut content: Vec<Vec<(usize, usize)>> = vec![Vec::new(); n];
        for (p, list) in self.marks.mcids.iter().enumerate() {
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

        // Link annotations become indirect objects, each owned by a Link element under the
        // element whose text it covers.
        let mut links: Vec<Vec<(ObjectId, usize)>> = vec![Vec::new(); n];
        let mut labels: Vec<(ObjectId, String)> = Vec::new();
        for (p, page_links) in self.marks.links.iter().enumerate() {
            let Some(page_id) = pages.get(p) else {
                continue;
            };
            let annots = match doc.get_dictionary(*page_id).and_then(|d| d.get(b"Annots")) {
                Ok(Object::Array(a)) => a.clone(),
                _ => Vec::new(),
            };
            let mut refs = Vec::new();
            for (k, annot) in annots.into_iter().enumerate() {
                let id = match annot {
                    Object::Reference(r) => r,
                    other => doc.add_object(other),
                };
                refs.push(Object::Reference(id));
                let (owner, label) = page_links.get(k).cloned().unwrap_or_default();
                let owner = owner.filter(|o| *o < n).unwrap_or(0);
                labels.push((id, label));
                links[owner].push((id, p));
            }
            if let Ok(d) = doc.get_dictionary_mut(*page_id) {
                d.set("Annots", Object::Array(refs));
                d.set("StructParents", Object::Integer(p as i64));
                d.set("Tabs", name("S"));
            }
        }

        // Each annotation describes itself by the text it covers.
        for (id, label) in labels {
            if let Ok(a) = doc.get_dictionary_mut(id) {
                a.set(
                    "Contents",
                    text(if label.is_empty() { "Link" } else { &label }),
                );
            }
        }

        // Drop elements with no content anywhere below them.
        let mut keep = vec![false; n];
        for i in (0..n).rev() {
            keep[i] = !content[i].is_empty()
                || !links[i].is_empty()
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
        let root = doc.new_object_id();
        let ids: Vec<Option<ObjectId>> = keep
            .iter()
            .map(|k| k.then(|| doc.new_object_id()))
            .collect();

        let mut parent_tree: Vec<Vec<Object>> = self
            .marks
            .mcids
            .iter()
            .map(|l| vec![Object::Null; l.len()])
            .collect();
        let mut link_entries: Vec<(i64, ObjectId)> = Vec::new();
        let mut next_key = pages.len() as i64;

        for i in 0..n {
            let Some(id) = ids[i] else { continue };
            let node = &nodes[i];
            // Kids in reading order: where an element mixes its own text with child elements
            // (a paragraph with links), by position in the content; otherwise as created.
            let mut keyed: Vec<((usize, usize), Object)> = children[i]
                .iter()
                .filter_map(|c| {
                    ids[*c].map(|r| (first[*c].unwrap_or((usize::MAX, 0)), Object::Reference(r)))
                })
                .collect();
            // Content on the element's own page is a bare MCID; elsewhere an MCR.
            let own_page = content[i].first().and_then(|(p, _)| pages.get(*p)).copied();
            for (p, mcid) in &content[i] {
                let Some(page) = pages.get(*p) else { continue };
                let kid = if Some(*page) == own_page {
                    Object::Integer(*mcid as i64)
                } else {
                    let mut mcr = Dictionary::new();
                    mcr.set("Type", name("MCR"));
                    mcr.set("Pg", Object::Reference(*page));
                    mcr.set("MCID", Object::Integer(*mcid as i64));
                    Object::Dictionary(mcr)
                };
                keyed.push(((*p, *mcid), kid));
                if let Some(slot) = parent_tree.get_mut(*p).and_then(|l| l.get_mut(*mcid)) {
                    *slot = Object::Reference(id);
                }
            }
            if !content[i].is_empty() {
                keyed.sort_by_key(|(k, _)| *k);
            }
            let mut kids: Vec<Object> = keyed.into_iter().map(|(_, o)| o).collect();
            for (annot, p) in &links[i] {
                let mut objr = Dictionary::new();
                objr.set("Type", name("OBJR"));
                objr.set("Obj", Object::Reference(*annot));
                objr.set("Pg", Object::Reference(pages[*p]));
                // A Link element owns its annotation; elsewhere one is made for it.
                let owner = if node.role == "Link" {
                    kids.push(Object::Dictionary(objr));
                    id
                } else {
                    let link_id = doc.new_object_id();
                    let mut le = Dictionary::new();
                    le.set("Type", name("StructElem"));
                    le.set("S", name("Link"));
                    le.set("P", Object::Reference(id));
                    le.set("K", Object::Array(vec![Object::Dictionary(objr)]));
                    doc.objects.insert(link_id, Object::Dictionary(le));
                    kids.push(Object::Reference(link_id));
                    link_id
                };
                if let Ok(a) = doc.get_dictionary_mut(*annot) {
                    a.set("StructParent", Object::Integer(next_key));
                }
                link_entries.push((next_key, owner));
                next_key += 1;
            }
            let mut d = Dictionary::new();
            d.set("Type", name("StructElem"));
            d.set("S", name(node.role));
            let parent = node
                .parent
                .and_then(|p| ids.get(p).copied().flatten())
                .unwrap_or(root);
            d.set("P", Object::Reference(parent));
            if let Some(page) = own_page {
                d.set("Pg", Object::Reference(page));
            }
            d.set("K", Object::Array(kids));
            if let Some(alt) = &node.alt {
                d.set("Alt", text(alt));
            }
            if let Some(b) = node.bbox {
                let mut a = Dictionary::new();
                a.set("O", name("Layout"));
                a.set(
                    "BBox",
                    Object::Array(
                        b.iter()
                            .map(|v| Object::Real(super::paint::r(*v)))
                            .collect(),
                    ),
                );
                d.set("A", Object::Dictionary(a));
            }
            if let Some(scope) = node.scope {
                let mut a = Dictionary::new();
                a.set("O", name("Table"));
                a.set("Scope", name(scope));
                d.set("A", Object::Dictionary(a));
            }
            doc.objects.insert(id, Object::Dictionary(d));
        }

        let mut nums = Vec::new();
        for (p, list) in parent_tree.into_iter().enumerate() {
            nums.push(Object::Integer(p as i64));
            nums.push(Object::Array(list));
        }
        for (key, link) in link_entries {
            nums.push(Object::Integer(key));
            nums.push(Object::Reference(link));
        }
        let mut pt = Dictionary::new();
        pt.set("Nums", Object::Array(nums));
        let pt_id = doc.add_object(pt);

        let mut r = Dictionary::new();
        r.set("Type", name("StructTreeRoot"));
        r.set(
            "K",
            Object::Array(ids[0].map(Object::Reference).into_iter().collect()),
        );
        r.set("ParentTree", Object::Reference(pt_id));
        r.set("ParentTreeNextKey", Object::Integer(next_key));
        doc.objects.insert(root, Object::Dictionary(r));
        Ok(root)
    }
}
