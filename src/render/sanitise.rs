//! The HTML allow-list every page body passes (tags, attributes, link schemes), enforced by
//! ammonia, the sanitiser: the second line of defence behind the renderer's own escaping.
//! Every body goes through it; there is no fast path around it (a hand-written check of
//! "already clean" HTML is a second HTML parser, and any gap between it and a real one is a
//! way for script through). ammonia's `Builder` is made once and shared.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

/// The only tags the HTML body may contain, shared with the tests and the fuzz target that
/// check it. Sorted.
pub const ALLOWED_TAGS: &[&str] = &[
    "a",
    "blockquote",
    "br",
    "caption",
    "code",
    "del",
    "div",
    "em",
    "figcaption",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "li",
    "ol",
    "p",
    "pre",
    "strong",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "ul",
];

/// Attributes allowed on every tag.
const GENERIC_ATTRIBUTES: &[&str] = &["id", "class"];

/// Attributes allowed on one tag only.
const TAG_ATTRIBUTES: &[(&str, &[&str])] = &[
    ("a", &["href", "title"]),
    ("th", &["scope"]),
    ("div", &["role", "tabindex", "aria-label"]),
    ("ol", &["start"]),
];

/// Schemes a link may use.
const URL_SCHEMES: &[&str] = &["http", "https", "mailto", "tel"];

static BUILDER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let tags: HashSet<&str> = ALLOWED_TAGS.iter().copied().collect();
    let generic: HashSet<&str> = GENERIC_ATTRIBUTES.iter().copied().collect();
    let tag_attrs: HashMap<&str, HashSet<&str>> = TAG_ATTRIBUTES
        .iter()
        .map(|(tag, attrs)| (*tag, attrs.iter().copied().collect()))
        .collect();
    let mut b = ammonia::Builder::default();
    b.tags(tags)
        .generic_attributes(generic)
        .tag_attributes(tag_attrs)
        .url_schemes(URL_SCHEMES.iter().copied().collect())
        .link_rel(None);
    b
});

/// `html` held to the allow-list by ammonia.
pub fn sanitise(html: &str) -> String {
    BUILDER.clean(html).to_string()
}

/// Pieces of at least this many bytes go through ammonia one at a time.
const PIECE: usize = 256 * 1024;

/// [`sanitise`], a piece at a time: `html` is cut only at offsets in `between` (each a place
/// between two top-level elements, where every element opened before it is closed), into
/// pieces of about [`PIECE`] bytes. ammonia builds a tree of the whole of what it is given, at
/// some twenty times the size of the text: given a 10,000-initiative report whole, that tree
/// was a quarter of the build's memory. Cut where nothing is open, the pieces make the same
/// tree as the whole, so the same HTML; and every byte still passes the allow-list.
pub fn sanitise_pieces(html: &str, between: &[usize]) -> String {
    sanitise_cut(html, between, PIECE)
}

/// [`sanitise_pieces`] with pieces of at least `piece` bytes (1: cut at every place allowed).
pub(crate) fn sanitise_cut(html: &str, between: &[usize], piece: usize) -> String {
    let mut out = String::with_capacity(html.len());
    let mut start = 0usize;
    for &at in between {
        if at >= start.saturating_add(piece.max(1)) && html.is_char_boundary(at) {
            out.push_str(&sanitise(&html[start..at]));
            start = at;
        }
    }
    out.push_str(&sanitise(&html[start..]));
    out
}
