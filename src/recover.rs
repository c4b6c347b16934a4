//! Recovery from YAML that does not fit its kind's structs: every unknown key found at once
//! (with the nearest key allowed at that place), a misspelt key read under the name it was
//! meant to have, and a value of the wrong type under an optional key set aside, so that one
//! run of `check` reports every independent problem and still checks the figures beside them.
//!
//! The structs keep `deny_unknown_fields`: a file that parses first time never comes here, and
//! whatever this module edits is parsed again just as strictly. The keys allowed at each place
//! are read from the JSON Schema generated from those same structs, so they cannot drift.

use crate::diagnostic::{Code, Diagnostic};
use crate::source::FileId;
use serde_json::Value;
use serde_saphyr::granit_parser::{Event, Parser, Span as YamlSpan};
use std::ops::Range;

use crate::source::Edits;

/// A key that is not allowed where it stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownKey {
    pub key: String,
    /// The key as written, in the file as written.
    pub span: Range<usize>,
    /// The mapping's path, e.g. `finance.investment` (empty at the top level).
    pub path: String,
    /// The nearest key allowed here and not already used, if one is near enough.
    pub suggestion: Option<String>,
    /// Every key allowed here, in the order the format lists them.
    pub allowed: Vec<String>,
    /// The mapping is written inline (`{ label: …, values: … }`), where a comma in
    /// unquoted text ends the value and starts a new key.
    pub in_flow: bool,
}

/// A wrong-type message that names the key and says what it takes, in words.
pub fn wrong_type(key: &str, parser: &str, found: Option<&str>) -> String {
    let lower = parser.to_ascii_lowercase();
    let wants = if lower.starts_with("invalid boolean") {
        "`true` or `false`".to_string()
    } else if lower.starts_with("invalid u") || lower.starts_with("invalid i") {
        "a whole number".to_string()
    } else if lower.contains("expected string") {
        "text".to_string()
    } else if lower.contains("did not match any variant") {
        return format!("`{key}` is not in a form it takes");
    } else {
        return format!("`{key}`: {parser}");
    };
    match found.map(str::trim) {
        // A scalar as written; the bracket that opens a list or mapping says nothing.
        Some(f)
            if !f.is_empty()
                && !f.starts_with(['[', '{', '-'])
                && !f.contains('\n')
                && f.chars().count() <= 40 =>
        {
            format!("`{key}` takes {wants}, not `{f}`")
        }
        _ => format!("`{key}` takes {wants}"),
    }
}

impl UnknownKey {
    /// E0007 for a key the format does not have at that place. The suggestion is in the
    /// message itself, so the one-line form (`--diagnostic-format short`) carries it too.
    pub fn diagnostic(&self, id: FileId) -> Diagnostic {
        let place = if self.path.is_empty() {
            String::new()
        } else {
            format!(" in `{}`", self.path)
        };
        match &self.suggestion {
            Some(s) => Diagnostic::error(
                Code::UnknownField,
                format!("unknown key `{}`{place}; did you mean `{s}`?", self.key),
            )
            .at(id, self.span.clone(), "unknown key")
            .hint(format!(
                "the rest of the file is checked as if this key were `{s}`"
            )),
            // Words with spaces after a comma of an inline mapping are the rest of a text
            // value, not a key: the fix is quotes, not another key.
            None if self.in_flow && self.key.contains(' ') => Diagnostic::error(
                Code::UnknownField,
                format!("unknown key `{}`{place}", self.key),
            )
            .at(id, self.span.clone(), "unknown key")
            .hint(
                "inside `{ … }` a comma ends a value: if these words belong to the text before \
                 them, put that text in quotes (`label: \"Team (in-year, then full year)\"`)",
            ),
            None => {
                let allowed: Vec<String> = self.allowed.iter().map(|k| format!("`{k}`")).collect();
                Diagnostic::error(
                    Code::UnknownField,
                    format!("unknown key `{}`{place}", self.key),
                )
                .at(id, self.span.clone(), "unknown key")
                .hint(format!("the keys allowed here are {}", allowed.join(", ")))
            }
        }
    }
}

/// What the key check found, and the text to parse next.
#[derive(Debug, Default)]
pub struct Repair {
    pub unknown: Vec<UnknownKey>,
    /// The text with each misspelt key renamed and each other unknown key blanked out.
    pub text: String,
    pub edits: Edits,
    /// The file's tree, for [`Repair::set_aside`].
    tree: Option<Node>,
    /// Where each entry set aside starts (its key, in the file as written).
    blanked: Vec<usize>,
}

/// One node of the YAML tree with the places recovery needs (byte offsets in the file).
#[derive(Debug)]
enum Node {
    Map { entries: Vec<Entry>, flow: bool },
    Seq(Vec<Node>),
    Other,
}

#[derive(Debug)]
struct Entry {
    key: String,
    key_span: Range<usize>,
    value: Node,
    /// Where the value's last token ends.
    end: usize,
}

/// Nesting deeper than this is not walked (the parser's own budget stops such files first).
const MAX_DEPTH: usize = 64;

impl Repair {
    /// Walks `text` against the JSON Schema of its kind. Where the text is not YAML that can
    /// be read to its end (a syntax error, more than one document), returns the unknown keys
    /// before the place the reader stopped: the parser's own message says the rest.
    pub fn new(text: &str, schema: &Value) -> Result<Repair, Vec<UnknownKey>> {
        let (tree, whole) = read_tree(text);
        let Some(tree) = tree else {
            return Err(Vec::new());
        };
        if !whole {
            let mut unknown = Vec::new();
            check(
                &tree,
                schema,
                schema,
                &mut Vec::new(),
                &mut unknown,
                &mut Vec::new(),
                &mut Vec::new(),
                text,
            );
            return Err(unknown);
        }
        let mut repair = Repair {
            text: text.to_string(),
            ..Repair::default()
        };
        let mut blanks = Vec::new();
        let mut renames = Vec::new();
        check(
            &tree,
            schema,
            schema,
            &mut Vec::new(),
            &mut repair.unknown,
            &mut renames,
            &mut blanks,
            text,
        );
        for r in &blanks {
            blank(&mut repair.text, r.clone());
        }
        for r in blanks.iter().filter(|r| r.is_empty()) {
            if repair.text.get(r.start..r.start + 2) == Some("  ") {
                repair.text.replace_range(r.start..r.start + 2, "{}");
            }
        }
        // Renames last and from the end, so each offset still points at its key.
        renames.sort_by_key(|(r, _): &(Range<usize>, String)| r.start);
        for (r, name) in renames.iter().rev() {
            repair.text.replace_range(r.clone(), name);
        }
        repair.edits.replaced = renames
            .iter()
            .map(|(r, name)| (r.start, r.len(), name.len()))
            .collect();
        repair.tree = Some(tree);
        Ok(repair)
    }

    /// Sets aside the value at `offset` (in the file as written) if it belongs to an optional
    /// key, blanking the whole entry so the next parse reads the file without it. Returns the
    /// key set aside, or `None` where the innermost entry is required (or there is none).
    pub fn set_aside(&mut self, offset: usize, schema: &Value) -> Option<String> {
        let tree = self.tree.as_ref()?;
        let (entry, flow, required, siblings) = innermost(tree, schema, schema, offset)?;
        // A key given twice is set aside even where it is required: the first one stands.
        let repeated = self.first_of(offset).is_some();
        if required && !repeated {
            return None;
        }
        let range = entry_range(&self.text, entry, flow);
        let key = entry.key.clone();
        self.blanked.push(entry.key_span.start);
        // A mapping left with no entries would read as nothing at all (not an empty
        // mapping), and its parent then as the wrong type: write `{}` in its first place.
        let emptied = siblings
            .iter()
            .all(|e| self.blanked.contains(&e.key_span.start));
        let first = siblings.first().map(|e| e.key_span.start);
        // The blanked range is given in the file's offsets; renames only ever touch keys,
        // which lie outside any value that can be set aside or wholly inside it.
        let start = self.edited(range.start);
        let end = self.edited(range.end);
        blank(&mut self.text, start..end);
        if let (true, Some(first)) = (emptied && !flow, first) {
            let at = self.edited(first);
            if self.text.get(at..at + 2) == Some("  ") {
                self.text.replace_range(at..at + 2, "{}");
            }
        }
        Some(key)
    }

    /// Where the key at `offset` was first given, when it is given again in the same mapping.
    pub fn first_of(&self, offset: usize) -> Option<Range<usize>> {
        fn find(node: &Node, offset: usize) -> Option<Range<usize>> {
            match node {
                Node::Map { entries, .. } => {
                    let i = entries.iter().position(|e| {
                        e.key_span.start <= offset && offset < e.end.max(e.key_span.end)
                    })?;
                    let e = &entries[i];
                    if e.key_span.contains(&offset) {
                        return entries[..i]
                            .iter()
                            .find(|f| f.key == e.key)
                            .map(|f| f.key_span.clone());
                    }
                    find(&e.value, offset)
                }
                Node::Seq(items) => items.iter().find_map(|i| find(i, offset)),
                Node::Other => None,
            }
        }
        find(self.tree.as_ref()?, offset)
    }

    /// The key of the innermost entry holding `offset` (in the file as written), with the
    /// format's description of it.
    pub fn key_at(&self, offset: usize, schema: &Value) -> Option<(String, Option<String>)> {
        let (entry, ..) = innermost(self.tree.as_ref()?, schema, schema, offset)?;
        let description = describe(self.tree.as_ref()?, schema, schema, offset);
        Some((entry.key.clone(), description))
    }

    /// The offset in the edited text of `offset` in the file as written.
    fn edited(&self, offset: usize) -> usize {
        let mut shift: isize = 0;
        for &(start, old, new) in &self.edits.replaced {
            if offset < start + old {
                break;
            }
            shift += new as isize - old as isize;
        }
        offset.saturating_add_signed(shift)
    }
}

/// Replaces every character in `r` but line breaks with spaces: the text keeps its lines and
/// columns, and the YAML its structure (a blank line, or a blank flow entry).
fn blank(text: &mut String, r: Range<usize>) {
    let Some(part) = text.get(r.clone()) else {
        return;
    };
    let spaces: String = part
        .chars()
        .flat_map(|c| {
            let n = if c == '\n' || c == '\r' {
                0
            } else {
                c.len_utf8()
            };
            std::iter::repeat_n(' ', n).chain((c == '\n' || c == '\r').then_some(c))
        })
        .collect();
    text.replace_range(r, &spaces);
}

/// The bytes of an entry from its key to the end of its value, with the comma after it in a
/// flow mapping (`{ a: 1, b: 2 }` keeps its shape without `a: 1,`).
fn entry_range(text: &str, e: &Entry, flow: bool) -> Range<usize> {
    let mut end = e.end.min(text.len());
    if flow {
        let rest = &text[end..];
        let gap = rest.len() - rest.trim_start_matches([' ', '\t', '\r', '\n']).len();
        if rest[gap..].starts_with(',') {
            end += gap + 1;
        }
    }
    e.key_span.start.min(end)..end
}

fn offset(span: &YamlSpan) -> Range<usize> {
    let s = span.start.byte_offset().unwrap_or(0);
    let e = span.end.byte_offset().unwrap_or(s);
    s..e.max(s)
}

/// Reads the single document of `text` as a tree, and whether it was read to its end. On a
/// parser error the tree holds what came before it (so keys before a syntax error are still
/// checked); a second document counts as an error, left to the parser to report.
fn read_tree(text: &str) -> (Option<Node>, bool) {
    let mut events = Parser::new_from_str(text).filter_map(|r| match r {
        Ok((Event::StreamStart | Event::StreamEnd | Event::DocumentStart(..), _)) => None,
        Ok((Event::DocumentEnd, _)) => None,
        Ok((e, s)) if is_structural(&e) => Some(Ok((e, s))),
        Ok(_) => None,
        Err(e) => Some(Err(e)),
    });
    let Some(Ok((first, span))) = events.next() else {
        return (None, false);
    };
    let (node, _, whole) = node(first, &span, &mut events, 0);
    (Some(node), whole && events.next().is_none())
}

fn is_structural(e: &Event) -> bool {
    matches!(
        e,
        Event::Scalar(..)
            | Event::Alias(..)
            | Event::SequenceStart(..)
            | Event::SequenceEnd
            | Event::MappingStart(..)
            | Event::MappingEnd
    )
}

/// Reads the node that starts with `first`: the node (as much of it as could be read), where
/// its last token ends, and whether it was read whole.
fn node<'a, I>(
    first: Event<'a>,
    span: &YamlSpan,
    events: &mut I,
    depth: usize,
) -> (Node, usize, bool)
where
    I: Iterator<Item = Result<(Event<'a>, YamlSpan), serde_saphyr::granit_parser::ScanError>>,
{
    let start = offset(span);
    if depth > MAX_DEPTH {
        return (Node::Other, start.end, false);
    }
    match first {
        Event::MappingStart(style, ..) => {
            let flow = style == serde_saphyr::granit_parser::StructureStyle::Flow;
            let mut entries = Vec::new();
            let mut end = start.end;
            loop {
                let Some(Ok((k, ks))) = events.next() else {
                    return (Node::Map { entries, flow }, end, false);
                };
                if matches!(k, Event::MappingEnd) {
                    if flow {
                        end = offset(&ks).end.max(end);
                    }
                    return (Node::Map { entries, flow }, end, true);
                }
                let key = match &k {
                    Event::Scalar(text, ..) => Some(text.to_string()),
                    _ => None,
                };
                let key_span = offset(&ks);
                // A complex key (a mapping or list as a key) is read and passed over.
                let (_, key_end, whole) = node(k, &ks, events, depth + 1);
                let next = if whole { events.next() } else { None };
                let Some(Ok((v, vs))) = next else {
                    return (Node::Map { entries, flow }, end.max(key_end), false);
                };
                let (value, value_end, whole) = node(v, &vs, events, depth + 1);
                end = value_end.max(key_end);
                if let Some(key) = key {
                    entries.push(Entry {
                        key,
                        key_span,
                        value,
                        end,
                    });
                }
                if !whole {
                    return (Node::Map { entries, flow }, end, false);
                }
            }
        }
        Event::SequenceStart(style, ..) => {
            let flow = style == serde_saphyr::granit_parser::StructureStyle::Flow;
            let mut items = Vec::new();
            let mut end = start.end;
            loop {
                let Some(Ok((e, s))) = events.next() else {
                    return (Node::Seq(items), end, false);
                };
                if matches!(e, Event::SequenceEnd) {
                    if flow {
                        end = offset(&s).end.max(end);
                    }
                    return (Node::Seq(items), end, true);
                }
                let (item, item_end, whole) = node(e, &s, events, depth + 1);
                end = item_end.max(end);
                items.push(item);
                if !whole {
                    return (Node::Seq(items), end, false);
                }
            }
        }
        Event::Scalar(..) | Event::Alias(..) => (Node::Other, start.end, true),
        _ => (Node::Other, start.end, false),
    }
}

/// The schemas a value may match: `$ref`s followed, `anyOf`/`oneOf`/`allOf` flattened.
fn alternatives<'a>(schema: &'a Value, root: &'a Value, out: &mut Vec<&'a Value>, depth: usize) {
    if depth > 16 {
        return;
    }
    if let Some(r) = schema.get("$ref").and_then(Value::as_str) {
        if let Some(target) = r
            .strip_prefix("#/$defs/")
            .and_then(|name| root.get("$defs")?.get(name))
        {
            alternatives(target, root, out, depth + 1);
        }
        return;
    }
    let mut nested = false;
    for k in ["anyOf", "oneOf", "allOf"] {
        if let Some(list) = schema.get(k).and_then(Value::as_array) {
            nested = true;
            for s in list {
                alternatives(s, root, out, depth + 1);
            }
        }
    }
    if !nested || schema.get("properties").is_some() || schema.get("items").is_some() {
        out.push(schema);
    }
}

/// The keys allowed in a mapping matched against `schema`, in schema order, with the schema
/// of each, whether each is required, and whether other keys are refused.
fn keys_of<'a>(schema: &'a Value, root: &'a Value) -> (Vec<(&'a str, &'a Value, bool)>, bool) {
    let mut alts = Vec::new();
    alternatives(schema, root, &mut alts, 0);
    let objects: Vec<&Value> = alts
        .into_iter()
        .filter(|s| s.get("properties").is_some())
        .collect();
    let closed = !objects.is_empty()
        && objects
            .iter()
            .all(|o| o.get("additionalProperties") == Some(&Value::Bool(false)));
    let mut keys: Vec<(&str, &Value, bool)> = Vec::new();
    for o in objects {
        let required: Vec<&str> = o
            .get("required")
            .and_then(Value::as_array)
            .map(|r| r.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        if let Some(props) = o.get("properties").and_then(Value::as_object) {
            for (k, v) in props {
                if !keys.iter().any(|(name, ..)| name == k) {
                    keys.push((k.as_str(), v, required.contains(&k.as_str())));
                }
            }
        }
    }
    (keys, closed)
}

/// The schema of a list's items, if `schema` describes a list.
fn items_of<'a>(schema: &'a Value, root: &'a Value) -> Option<&'a Value> {
    let mut alts = Vec::new();
    alternatives(schema, root, &mut alts, 0);
    alts.into_iter().find_map(|s| s.get("items"))
}

#[allow(clippy::too_many_arguments)]
fn check(
    node: &Node,
    schema: &Value,
    root: &Value,
    path: &mut Vec<String>,
    unknown: &mut Vec<UnknownKey>,
    renames: &mut Vec<(Range<usize>, String)>,
    blanks: &mut Vec<Range<usize>>,
    text: &str,
) {
    match node {
        Node::Map { entries, flow } => {
            let (keys, closed) = keys_of(schema, root);
            if keys.is_empty() {
                return;
            }
            let present: Vec<&str> = entries.iter().map(|e| e.key.as_str()).collect();
            let blanks_before = blanks.len();
            // Names already given to a misspelling in this mapping: a second one near the
            // same name is set aside rather than read twice.
            let mut taken: Vec<&str> = Vec::new();
            for e in entries {
                let (name, child) = match keys.iter().find(|(k, ..)| *k == e.key) {
                    Some((k, s, _)) => (*k, *s),
                    None if !closed => continue,
                    None => {
                        let free: Vec<&str> = keys
                            .iter()
                            .map(|(k, ..)| *k)
                            .filter(|k| !present.contains(k))
                            .collect();
                        let suggestion = crate::suggest::closest(&e.key, &free);
                        unknown.push(UnknownKey {
                            key: e.key.clone(),
                            span: e.key_span.clone(),
                            path: path.join("."),
                            suggestion: suggestion.map(str::to_string),
                            allowed: keys.iter().map(|(k, ..)| k.to_string()).collect(),
                            in_flow: *flow,
                        });
                        match suggestion.and_then(|s| keys.iter().find(|(k, ..)| *k == s)) {
                            Some((k, s, _)) if !taken.contains(k) => {
                                taken.push(k);
                                renames.push((e.key_span.clone(), k.to_string()));
                                (*k, *s)
                            }
                            _ => {
                                blanks.push(entry_range(text, e, *flow));
                                continue;
                            }
                        }
                    }
                };
                path.push(name.to_string());
                check(&e.value, child, root, path, unknown, renames, blanks, text);
                path.pop();
            }
            // Every entry blanked: the mapping would read as nothing at all, and its parent
            // as the wrong type; an empty range marks where `{}` is written instead.
            if !*flow && !entries.is_empty() && blanks.len() - blanks_before == entries.len() {
                let at = entries[0].key_span.start;
                blanks.push(at..at);
            }
        }
        Node::Seq(items) => {
            if let Some(item_schema) = items_of(schema, root) {
                for item in items {
                    check(
                        item,
                        item_schema,
                        root,
                        path,
                        unknown,
                        renames,
                        blanks,
                        text,
                    );
                }
            }
        }
        Node::Other => {}
    }
}

/// The innermost mapping entry whose key or value holds `offset`, with whether its mapping is
/// a flow mapping, whether the key is required there, and the mapping's entries.
fn innermost<'n>(
    node: &'n Node,
    schema: &Value,
    root: &Value,
    offset: usize,
) -> Option<(&'n Entry, bool, bool, &'n [Entry])> {
    match node {
        Node::Map { entries, flow } => {
            let (keys, _) = keys_of(schema, root);
            let e = entries
                .iter()
                .find(|e| e.key_span.start <= offset && offset < e.end.max(e.key_span.end))?;
            let known = keys.iter().find(|(k, ..)| *k == e.key);
            let deeper = known.and_then(|(_, s, _)| innermost(&e.value, s, root, offset));
            deeper.or(Some((
                e,
                *flow,
                known.is_none_or(|(_, _, req)| *req),
                entries.as_slice(),
            )))
        }
        Node::Seq(items) => {
            let item_schema = items_of(schema, root)?;
            items
                .iter()
                .find_map(|i| innermost(i, item_schema, root, offset))
        }
        Node::Other => None,
    }
}

/// The description the schema gives the innermost key holding `offset`.
fn describe(node: &Node, schema: &Value, root: &Value, offset: usize) -> Option<String> {
    match node {
        Node::Map { entries, .. } => {
            let (keys, _) = keys_of(schema, root);
            let e = entries
                .iter()
                .find(|e| e.key_span.start <= offset && offset < e.end.max(e.key_span.end))?;
            let (_, s, _) = keys.iter().find(|(k, ..)| *k == e.key)?;
            describe(&e.value, s, root, offset).or_else(|| {
                let mut alts = Vec::new();
                alternatives(s, root, &mut alts, 0);
                std::iter::once(*s)
                    .chain(alts)
                    .find_map(|v| v.get("description").and_then(Value::as_str))
                    .map(str::to_string)
            })
        }
        Node::Seq(items) => {
            let item_schema = items_of(schema, root)?;
            items
                .iter()
                .find_map(|i| describe(i, item_schema, root, offset))
        }
        Node::Other => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn schema() -> Value {
        schemars::schema_for!(crate::raw::Initiative).to_value()
    }

    #[test]
    fn edits_map_places_back_to_the_file_as_written() {
        let e = Edits {
            replaced: vec![(10, 13, 12), (40, 3, 5)],
        };
        assert_eq!(e.original(5), 5);
        assert_eq!(e.original(10), 10);
        assert_eq!(e.original(21), 21, "inside the first replacement");
        // After the first replacement, one byte shorter.
        assert_eq!(e.original(22), 23);
        assert_eq!(e.original(38), 39);
        // After both: -1 + 2.
        assert_eq!(e.original(50), 49);
        assert_eq!(e.original_range(&(22..25)), 23..26);
    }

    #[test]
    fn every_unknown_key_is_found_with_the_nearest_allowed_key() {
        let text = "kind: initiative\nreference: X 1\ntitel: T\nfinance:\n  years: [2016/17]\n  investment:\n    - values: [1]\n      cumulativ: 1\n  gross_savings:\n    values: [0]\n  colour: red\n";
        let r = Repair::new(text, &schema()).expect("YAML read whole");
        let found: Vec<(&str, &str, Option<&str>)> = r
            .unknown
            .iter()
            .map(|u| (u.key.as_str(), u.path.as_str(), u.suggestion.as_deref()))
            .collect();
        assert_eq!(
            found,
            vec![
                ("titel", "", Some("title")),
                ("cumulativ", "finance.investment", Some("cumulative")),
                ("gross_savings", "finance", Some("gross_saving")),
                ("colour", "finance", None),
            ]
        );
        // Misspellings renamed, the unknown key blanked with its lines kept.
        assert!(r.text.contains("\ntitle: T\n"), "{}", r.text);
        assert!(r.text.contains("      cumulative: 1\n"));
        assert!(r.text.contains("  gross_saving:\n"));
        assert!(r.text.ends_with("\n             \n"), "{:?}", r.text);
        let parsed: crate::raw::Initiative =
            serde_saphyr::from_str(&r.text).expect("the repaired text parses strictly");
        // The figures under a renamed key keep their place in the file as written.
        let at = crate::validate::at(&parsed.finance.value.gross_saving);
        let start = r.edits.original(at.start);
        assert_eq!(&text[start..start + 6], "values");
    }

    #[test]
    fn a_key_already_present_is_not_suggested_and_flow_entries_are_blanked() {
        let text = "kind: initiative\nreference: X\ntitle: T\ntitle2: U\nfinance: { years: [2016/17], investment: [{values: [1], lable: x}], gross_saving: {values: [0]}, bogus: 1 }\n";
        let r = Repair::new(text, &schema()).expect("YAML read whole");
        let found: Vec<(&str, Option<&str>)> = r
            .unknown
            .iter()
            .map(|u| (u.key.as_str(), u.suggestion.as_deref()))
            .collect();
        assert_eq!(
            found,
            vec![("title2", None), ("lable", Some("label")), ("bogus", None)]
        );
        let _: crate::raw::Initiative =
            serde_saphyr::from_str(&r.text).expect("the repaired text parses strictly");
    }

    #[test]
    fn a_mapping_left_with_no_keys_is_an_empty_mapping() {
        let text = "kind: initiative\nreference: X\ntitle: T\nfinance:\n  years: [2016/17]\n  investment:\n    - values: [1]\n  gross_saving:\n    values: [0]\nbid:\n  colour: red\n";
        let r = Repair::new(text, &schema()).expect("YAML read whole");
        assert!(r.text.contains("bid:\n  {}"), "{:?}", r.text);
        let _: crate::raw::Initiative =
            serde_saphyr::from_str(&r.text).expect("`bid` is an empty mapping");
        let s = schema();
        let text = "kind: initiative\nreference: X\ntitle: T\nfinance:\n  years: [2016/17]\n  investment:\n    - values: [1]\n  gross_saving:\n    values: [0]\nbid:\n  why_needed: [a]\n";
        let mut r = Repair::new(text, &s).expect("YAML read whole");
        assert_eq!(
            r.set_aside(text.find("[a]").unwrap(), &s).as_deref(),
            Some("why_needed")
        );
        let _: crate::raw::Initiative =
            serde_saphyr::from_str(&r.text).expect("`bid` is an empty mapping");
    }

    #[test]
    fn only_optional_values_are_set_aside() {
        let text = "kind: initiative\nreference: X\ntitle: T\nstatus: [a]\nfinance:\n  years: [2016/17]\n  investment:\n    - values: [1]\n      in_totals: perhaps\n  gross_saving: {values: [0]}\n";
        let s = schema();
        let mut r = Repair::new(text, &s).expect("YAML read whole");
        let at = text.find("perhaps").unwrap();
        assert_eq!(r.set_aside(at, &s).as_deref(), Some("in_totals"));
        let title = text.find("T\n").unwrap();
        assert_eq!(r.set_aside(title, &s), None, "the title is required");
        assert_eq!(
            r.set_aside(text.find("[a]").unwrap(), &s).as_deref(),
            Some("status")
        );
        let _: crate::raw::Initiative =
            serde_saphyr::from_str(&r.text).expect("parses without the set-aside values");
    }

    #[test]
    fn keys_before_a_syntax_error_are_still_checked() {
        let keys = |text: &str| -> Vec<String> {
            match Repair::new(text, &schema()) {
                Ok(_) => panic!("{text:?} is not read whole"),
                Err(u) => u.into_iter().map(|u| u.key).collect(),
            }
        };
        assert_eq!(keys("titel: x\nfinance: [1\n"), ["titel"]);
        assert_eq!(keys("titel: x\n---\nb: 2\n"), ["titel"]);
        assert_eq!(
            keys("finance:\n  yeers: [2016/17]\n   investment: []\nbogus: 1\n"),
            ["yeers"],
            "nothing after the error is trusted"
        );
    }
}
