//! HTML output, made from the rendered Markdown (one source, so the two cannot disagree):
//! pulldown-cmark events, with raw HTML turned into text, unsafe links dropped, headings given
//! anchors, tables given captions and scoped header cells, and charts inlined as accessible SVG.
//! The body is then held to an allow-list by ammonia, as a second line of defence
//! (`sanitise.rs`), and every finished page is checked for script ([`check_page`]).

use super::cells::{self, Cell};
use pulldown_cmark::{html, Alignment, CowStr, Event, HeadingLevel, Parser, Tag, TagEnd};
use serde::Serialize;
use std::collections::{HashMap, HashSet};

/// Marker the Markdown template uses before appendices; the only HTML comment we honour.
pub const PAGE_BREAK: &str = "<!-- cabinet:pagebreak -->";

/// A heading for the contents list.
#[derive(Debug, Clone, Serialize)]
pub struct TocEntry {
    pub level: u8,
    pub id: String,
    pub text: String,
}

/// The HTML body and its contents list.
#[derive(Debug, Clone, Serialize)]
pub struct HtmlBody {
    pub body: String,
    pub toc: Vec<TocEntry>,
}

pub use crate::text::options;

/// Links may only go to the web, e-mail, telephone or an anchor in the page.
pub fn safe_url(url: &str) -> bool {
    let u = url.trim().to_ascii_lowercase();
    let scheme_end = u.find(':');
    let first_sep = u.find(['/', '?', '#']);
    match scheme_end {
        Some(i) if first_sep.is_none_or(|s| i < s) => ["http:", "https:", "mailto:", "tel:"]
            .iter()
            .any(|s| u.starts_with(s)),
        _ => !u.starts_with("//"),
    }
}

/// Anchors given so far, and for each base the number its next repeat tries first.
#[derive(Default)]
struct Anchors {
    used: HashSet<String>,
    next: HashMap<String, usize>,
}

fn slugify(text: &str, anchors: &mut Anchors) -> String {
    let base = crate::validate::slug(text);
    let mut id = base.clone();
    // Numbering resumes where this base's last repeat stopped (anchors are never freed, so
    // the numbers tried then are still taken): n repeats take linear, not quadratic, time.
    let n = anchors.next.entry(base.clone()).or_insert(2);
    while !anchors.used.insert(id.clone()) {
        id = format!("{base}-{n}");
        *n += 1;
    }
    id
}

fn plain_text(events: &[Event]) -> String {
    events
        .iter()
        .filter_map(|e| match e {
            Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
            Event::SoftBreak | Event::HardBreak => Some(" "),
            _ => None,
        })
        .collect()
}

fn inline_html(events: &[Event]) -> String {
    let mut s = String::new();
    html::push_html(&mut s, events.iter().cloned());
    s
}

fn esc(s: &str) -> std::borrow::Cow<'_, str> {
    crate::escape::markup(s)
}

/// Renders the Markdown body. `svgs` maps an image URL (`charts/<key>.svg`) to inline SVG.
pub fn body(markdown: &str, svgs: &HashMap<String, &str>) -> HtmlBody {
    let Unsanitised {
        raw,
        between,
        toc,
        placeholders,
    } = unsanitised(markdown, svgs);
    let clean = super::sanitise::sanitise_pieces(&raw, &between);
    // One pass: the placeholders are in document order, so each is looked for after the one
    // before. (Replacing them one by one over the whole page was quadratic: 1,000 initiatives
    // spent most of 18 seconds copying the page.)
    let extra: usize = placeholders.iter().map(|(_, svg)| svg.len()).sum();
    let mut body = String::with_capacity(clean.len() + extra);
    let mut rest = clean.as_str();
    for (key, svg) in &placeholders {
        if let Some(at) = rest.find(key.as_str()) {
            body.push_str(&rest[..at]);
            body.push_str(svg);
            rest = &rest[at + key.len()..];
        }
    }
    body.push_str(rest);
    HtmlBody { body, toc }
}

/// The body as the renderer writes it, before the allow-list pass (for the property tests
/// and the fuzz target, which check that pass).
pub fn raw_body(markdown: &str) -> String {
    unsanitised(markdown, &HashMap::new()).raw
}

/// What makes a chart's placeholder unforgeable: 128 random bits drawn once per process. The
/// placeholder is plain text that survives the sanitiser and is then replaced by the chart's
/// SVG; text from the inputs could otherwise spell it and so move a chart into a paragraph or
/// a link. Never in any output, so the output stays the same from run to run.
static NONCE: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    use std::hash::{BuildHasher, Hasher};
    let half = || {
        let mut h = std::collections::hash_map::RandomState::new().build_hasher();
        h.write_u8(0);
        h.finish()
    };
    format!("{:016x}{:016x}", half(), half())
});

/// A chart's placeholder in the body and the SVG that replaces it after the allow-list pass.
type Placeholder<'s> = (String, &'s str);

/// The body before the allow-list pass, with what the pass and the page need to know of it.
struct Unsanitised<'s> {
    raw: String,
    /// Offsets in `raw` between two top-level elements (every element opened before is
    /// closed): where the allow-list pass may cut the body into pieces.
    between: Vec<usize>,
    toc: Vec<TocEntry>,
    placeholders: Vec<Placeholder<'s>>,
}

/// The body before the allow-list pass, its contents list and its chart placeholders.
fn unsanitised<'s>(markdown: &str, svgs: &HashMap<String, &'s str>) -> Unsanitised<'s> {
    let events = sanitise(Parser::new_ext(markdown, options()));
    let mut out: Vec<Event> = Vec::with_capacity(events.len());
    let mut toc = Vec::new();
    let mut used = Anchors::default();
    let mut placeholders: Vec<Placeholder> = Vec::new();
    let mut i = 0;
    while i < events.len() {
        match &events[i] {
            Event::Start(Tag::Heading { level, .. }) => {
                let end = find_end(&events, i);
                let inner = &events[i + 1..end];
                let text = plain_text(inner);
                let id = slugify(&text, &mut used);
                let n = *level as u8;
                if matches!(level, HeadingLevel::H2 | HeadingLevel::H3) {
                    toc.push(TocEntry {
                        level: n,
                        id: id.clone(),
                        text: text.clone(),
                    });
                }
                out.push(Event::Html(CowStr::from(format!(
                    "<h{n} id=\"{id}\">{}</h{n}>\n",
                    inline_html(inner)
                ))));
                i = end + 1;
            }
            Event::Start(Tag::Paragraph) if is_caption(&events, i) => {
                let end = find_end(&events, i);
                let caption_events = strip_caption_prefix(&events[i + 1..end]);
                let table_end = find_end(&events, end + 1);
                out.push(Event::Html(CowStr::from(table(
                    &events[end + 1..=table_end],
                    Some(&caption_events),
                ))));
                i = table_end + 1;
            }
            Event::Start(Tag::Table(_)) => {
                let end = find_end(&events, i);
                out.push(Event::Html(CowStr::from(table(&events[i..=end], None))));
                i = end + 1;
            }
            Event::Start(Tag::Paragraph) if is_lone_chart(&events, i, svgs) => {
                let end = find_end(&events, i);
                if let Event::Start(Tag::Image { dest_url, .. }) = &events[i + 1] {
                    let alt = plain_text(&events[i + 2..end - 1]);
                    // Plain text survives the sanitiser; the SVG (ours, not the user's) goes in after it.
                    let key = format!("cabinet-chart-{}-{}", *NONCE, placeholders.len());
                    placeholders.push((key.clone(), svgs[dest_url.as_ref()]));
                    // The chart draws its own title (and names itself with it): the caption
                    // is the description alone, so the title is not printed twice.
                    out.push(Event::Html(CowStr::from(format!(
                        "<figure class=\"chart\">\n{key}\n<figcaption>{}</figcaption>\n</figure>\n",
                        esc(&alt)
                    ))));
                }
                i = end + 1;
            }
            Event::Start(Tag::Image { .. }) => {
                // Images other than our charts would load from elsewhere: keep only their alt text.
                let end = find_end(&events, i);
                out.push(Event::Text(CowStr::from(plain_text(&events[i + 1..end]))));
                i = end + 1;
            }
            e => {
                out.push(e.clone());
                i += 1;
            }
        }
    }
    let (raw, between) = write_html(out, markdown.len() * 2);
    Unsanitised {
        raw,
        between,
        toc,
        placeholders,
    }
}

/// The HTML of `events` (one writer for them all, as `push_html` would write it), and the
/// offsets in it between top-level elements, where every element opened so far is closed.
fn write_html(events: Vec<Event>, capacity: usize) -> (String, Vec<usize>) {
    use std::cell::Cell;
    use std::fmt::Write;
    /// The HTML written so far, its length shared with the events' iterator.
    struct Out<'a> {
        html: String,
        len: &'a Cell<usize>,
    }
    impl Write for Out<'_> {
        fn write_str(&mut self, s: &str) -> std::fmt::Result {
            self.html.push_str(s);
            self.len.set(self.html.len());
            Ok(())
        }
    }
    let len = Cell::new(0);
    let mut out = Out {
        html: String::with_capacity(capacity),
        len: &len,
    };
    let mut between = Vec::new();
    let mut depth = 0usize;
    // The writer writes each event's HTML before it asks for the next one, so the length
    // read when an event is asked for is where that event's HTML will start.
    let events = events.into_iter().inspect(|e| {
        if depth == 0 {
            between.push(len.get());
        }
        match e {
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
    });
    // Writing to a `String` cannot fail.
    let _ = html::write_html_fmt(&mut out, events);
    (out.html, between)
}

/// Raw HTML from the Markdown becomes text, except our page-break marker; unsafe links lose
/// their link (the text stays). A stack pairs each dropped link start with its end.
fn sanitise<'a>(events: impl Iterator<Item = Event<'a>>) -> Vec<Event<'a>> {
    let mut links: Vec<bool> = Vec::new();
    let mut out = Vec::new();
    for e in events {
        match e {
            Event::Html(h) | Event::InlineHtml(h) if h.trim() == PAGE_BREAK => {
                out.push(Event::Html(CowStr::from(
                    "<div class=\"page-break\"></div>\n",
                )));
            }
            Event::Html(h) | Event::InlineHtml(h) => out.push(Event::Text(h)),
            Event::Start(Tag::Link { ref dest_url, .. }) => {
                let ok = safe_url(dest_url);
                links.push(ok);
                if ok {
                    out.push(e);
                }
            }
            Event::End(TagEnd::Link) => {
                if links.pop().unwrap_or(false) {
                    out.push(e);
                }
            }
            other => out.push(other),
        }
    }
    out
}

fn find_end(events: &[Event], start: usize) -> usize {
    let mut depth = 0usize;
    for (j, e) in events.iter().enumerate().skip(start) {
        match e {
            Event::Start(_) => depth += 1,
            Event::End(_) => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return j;
                }
            }
            _ => {}
        }
    }
    events.len() - 1
}

fn is_caption(events: &[Event], i: usize) -> bool {
    let starts = matches!(events.get(i + 1), Some(Event::Text(t)) if t.starts_with("Table: "));
    starts
        && matches!(
            events.get(find_end(events, i) + 1),
            Some(Event::Start(Tag::Table(_)))
        )
}

fn strip_caption_prefix<'a>(events: &[Event<'a>]) -> Vec<Event<'a>> {
    let mut v = events.to_vec();
    if let Some(Event::Text(t)) = v.first_mut() {
        *t = CowStr::from(t.trim_start_matches("Table: ").to_string());
    }
    v
}

fn is_lone_chart(events: &[Event], i: usize, svgs: &HashMap<String, &str>) -> bool {
    match events.get(i + 1) {
        Some(Event::Start(Tag::Image { dest_url, .. })) => {
            let img_end = find_end(events, i + 1);
            svgs.contains_key(dest_url.as_ref())
                && matches!(events.get(img_end + 1), Some(Event::End(TagEnd::Paragraph)))
        }
        _ => false,
    }
}

/// A table with caption, `scope`d header cells, row headers, numeric alignment and bold totals
/// (each cell's role from [`cells::kind`], the rule the tagged PDF follows too). An empty
/// header row is left out. The wrapper scrolls a table wider than the column. Only a table
/// too wide for the column of an 800-pixel window ([`min_width`], [`COLUMN_PX`]) makes its wrapper a region
/// named by the caption and a Tab stop, so that keyboard users can scroll it and are not
/// stopped at every other table. (Whether a box scrolls is known only in the browser, and
/// the page carries no script: narrower windows leave it to the browsers that make any
/// scrolling box focusable, as Chromium and Firefox do.)
fn table(events: &[Event], caption: Option<&[Event]>) -> String {
    let aligns: Vec<Alignment> = match events.first() {
        Some(Event::Start(Tag::Table(a))) => a.clone(),
        _ => Vec::new(),
    };
    let rows = rows(events);
    let head_empty = rows
        .first()
        .is_none_or(|r| r.iter().all(|c| plain_text(c).trim().is_empty()));
    let mut html = String::from("<div class=\"table-wrap\"");
    if min_width(&rows, &aligns) > COLUMN_PX {
        html.push_str(" role=\"region\" tabindex=\"0\"");
        if let Some(c) = caption {
            html.push_str(&format!(" aria-label=\"{}\"", esc(&plain_text(c))));
        }
    }
    html.push_str(">\n<table>\n");
    if let Some(c) = caption {
        html.push_str(&format!("<caption>{}</caption>\n", inline_html(c)));
    }
    for (r, row) in rows.iter().enumerate() {
        let head = r == 0;
        if head {
            if head_empty {
                html.push_str("<tbody>\n");
                continue;
            }
            html.push_str("<thead>\n");
        }
        let total = !head
            && matches!(
                row.first().and_then(|c| c.first()),
                Some(Event::Start(Tag::Strong))
            );
        html.push_str(if total {
            "<tr class=\"total\">"
        } else {
            "<tr>"
        });
        for (col, cell) in row.iter().enumerate() {
            let content = inline_html(cell);
            let num = matches!(aligns.get(col), Some(Alignment::Right));
            let class = if num { " class=\"num\"" } else { "" };
            match cells::kind(head, col, &plain_text(cell)) {
                Cell::ColumnHeader => {
                    html.push_str(&format!("<th scope=\"col\"{class}>{content}</th>"))
                }
                Cell::RowHeader => {
                    html.push_str(&format!("<th scope=\"row\"{class}>{content}</th>"))
                }
                Cell::Data => html.push_str(&format!("<td{class}>{content}</td>")),
            }
        }
        html.push_str("</tr>\n");
        if head {
            html.push_str("</thead>\n<tbody>\n");
        }
    }
    if rows.is_empty() {
        html.push_str("<tbody>\n");
    }
    html.push_str("</tbody>\n</table>\n</div>\n");
    html
}

/// The table's rows (the header row first), each a list of cells' inline events.
fn rows<'a, 'b>(events: &'b [Event<'a>]) -> Vec<Vec<&'b [Event<'a>]>> {
    let mut rows: Vec<Vec<&[Event]>> = Vec::new();
    let mut cell_start = 0;
    for (j, e) in events.iter().enumerate() {
        match e {
            Event::Start(Tag::TableHead) | Event::Start(Tag::TableRow) => rows.push(Vec::new()),
            Event::Start(Tag::TableCell) => cell_start = j + 1,
            Event::End(TagEnd::TableCell) => {
                if let Some(row) = rows.last_mut() {
                    row.push(&events[cell_start..j]);
                }
            }
            _ => {}
        }
    }
    rows
}

/// Width of the page's column in CSS pixels in the 800 × 600 window a headless Chromium opens
/// (where axe checks the page; a small laptop's window is no narrower). A table whose
/// narrowest layout is wider than this scrolls there.
const COLUMN_PX: f32 = 733.0;

/// The narrowest a table can be laid out, in CSS pixels, measured with the page's font
/// (Noto Sans, 16px) as the stylesheet lays it out: figures never wrap and sit in `.num`
/// cells with 8px before and 9.6px after them; text wraps anywhere; a row header is at
/// least 8rem. (Chromium, with Noto Sans, agrees to a pixel or two on every bundled table.)
/// A table narrower than the column never scrolls; a wider one is "wide by construction".
fn min_width(rows: &[Vec<&[Event]>], aligns: &[Alignment]) -> f32 {
    const SIZE: f32 = 16.0;
    let cols = rows.iter().map(Vec::len).max().unwrap_or(0);
    let mut width = 0.0f32;
    for col in 0..cols {
        let num = matches!(aligns.get(col), Some(Alignment::Right));
        let mut widest = 0.0f32;
        for (r, row) in rows.iter().enumerate() {
            let Some(cell) = row.get(col) else { continue };
            let text = plain_text(cell);
            let bold = r == 0 || matches!(cell.first(), Some(Event::Start(Tag::Strong)));
            let w = if num {
                super::pdf::text_width(text.trim(), bold, SIZE)
            } else {
                // Wraps anywhere: about its widest character.
                text.chars()
                    .map(|c| super::pdf::text_width(c.encode_utf8(&mut [0; 4]), bold, SIZE))
                    .fold(0.0, f32::max)
            };
            widest = widest.max(w);
        }
        let padding = if num { 8.0 + 9.6 } else { 9.6 };
        let min = widest + padding;
        // `th[scope="row"] { min-width: 8rem }`.
        width += if col == 0 && rows.len() > 1 {
            min.max(8.0 * SIZE)
        } else {
            min
        };
    }
    width
}

pub use super::sanitise::ALLOWED_TAGS;

/// Checks a finished page, whatever template wrote it: no element that runs or loads code or
/// another document (`script`, `iframe`, `object`, `embed`, `frame`, `base`, `form`, a
/// `meta` refresh), no event-handler attribute (`on…`), and no `javascript:` or `vbscript:`
/// URL in any attribute. The page body is already sanitised; this holds the page shell (a
/// user's `report.html.tera`) to the same guarantee. The check reads the page as tokens, so it
/// sees every tag a browser would see (and more: the inside of `<style>` too).
pub fn check_page(page: &str) -> Result<(), String> {
    check_shell(page, &[])
}

/// As [`check_page`], for a page shell into which sanitised HTML will be put in place of each
/// of `slots` (placeholder words): each must also stand where a browser reads text, never in
/// an attribute, a comment or the raw text of `<style>`, `<title>` or the like, where the HTML
/// put there could break out. Checking the shell, not the whole page, keeps the check to the
/// few kilobytes a template writes (the body is the sanitiser's).
pub fn check_shell(page: &str, slots: &[&str]) -> Result<(), String> {
    use html5ever::tendril::StrTendril;
    use html5ever::tokenizer::{
        BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer,
    };
    use std::cell::{Cell, RefCell};

    /// Elements whose content a browser does not read as markup.
    const RAW: [&str; 9] = [
        "style", "script", "title", "textarea", "xmp", "iframe", "noembed", "noframes", "noscript",
    ];
    struct Sink<'a> {
        problem: RefCell<Option<String>>,
        slots: &'a [&'a str],
        /// Occurrences of each slot seen as text.
        seen: RefCell<Vec<usize>>,
        raw: Cell<usize>,
    }
    impl Sink<'_> {
        fn flag(&self, line: u64, what: String) {
            self.problem
                .borrow_mut()
                .get_or_insert_with(|| format!("line {line} of the page: {what}"));
        }
    }
    impl TokenSink for Sink<'_> {
        type Handle = ();
        fn process_token(&self, token: Token, line: u64) -> TokenSinkResult<()> {
            let tag = match token {
                Token::CharacterTokens(text) if self.raw.get() == 0 => {
                    for (k, slot) in self.slots.iter().enumerate() {
                        self.seen.borrow_mut()[k] += text.matches(slot).count();
                    }
                    return TokenSinkResult::Continue;
                }
                Token::TagToken(tag) => tag,
                _ => return TokenSinkResult::Continue,
            };
            let Tag {
                kind, name, attrs, ..
            } = tag;
            let name = name.to_ascii_lowercase().to_string();
            if RAW.contains(&name.as_str()) {
                let depth = self.raw.get();
                self.raw.set(match kind {
                    TagKind::StartTag => depth + 1,
                    TagKind::EndTag => depth.saturating_sub(1),
                });
            }
            if kind == TagKind::EndTag {
                return TokenSinkResult::Continue;
            }
            const CODE: [&str; 10] = [
                "script", "iframe", "object", "embed", "frame", "frameset", "applet", "base",
                "form", "portal",
            ];
            if CODE.contains(&name.as_str()) {
                self.flag(line, format!("a `<{name}>` element"));
            }
            for a in &attrs {
                let attr = a.name.local.to_ascii_lowercase().to_string();
                let value: String = a
                    .value
                    .chars()
                    .filter(|c| !c.is_whitespace() && !c.is_control())
                    .collect::<String>()
                    .to_ascii_lowercase();
                // Attributes a browser follows as a URL (or, for `style`, may load one from).
                const URLS: [&str; 12] = [
                    "href",
                    "src",
                    "action",
                    "formaction",
                    "data",
                    "poster",
                    "background",
                    "srcset",
                    "ping",
                    "cite",
                    "xlink:href",
                    "codebase",
                ];
                let script_url = ["javascript:", "vbscript:", "data:text/html"]
                    .iter()
                    .any(|s| value.starts_with(s));
                if attr.starts_with("on") {
                    self.flag(line, format!("an event handler `{attr}` on `<{name}>`"));
                } else if URLS.contains(&attr.as_str()) && script_url
                    || attr == "style"
                        && (value.contains("javascript:") || value.contains("expression("))
                {
                    self.flag(line, format!("a script URL in `{attr}` of `<{name}>`"));
                } else if name == "meta" && attr == "http-equiv" && value == "refresh" {
                    self.flag(line, "a `<meta>` refresh".into());
                }
            }
            TokenSinkResult::Continue
        }
    }
    let input = BufferQueue::default();
    input.push_back(StrTendril::from(page));
    let sink = Sink {
        problem: RefCell::new(None),
        slots,
        seen: RefCell::new(vec![0; slots.len()]),
        raw: Cell::new(0),
    };
    let tokenizer = Tokenizer::new(sink, Default::default());
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    let sink = &tokenizer.sink;
    let mut problem = sink.problem.take();
    for (slot, seen) in slots.iter().zip(sink.seen.borrow().iter()) {
        if page.matches(slot).count() != *seen {
            problem.get_or_insert_with(|| {
                "the report's body inside an attribute, a comment or raw text".into()
            });
        }
    }
    match problem {
        None => Ok(()),
        Some(problem) => Err(format!(
            "the page would carry {problem}; pages may not run code (a template is held to the same rule as the text it shows)"
        )),
    }
}

/// A word that stands for sanitised HTML in a page shell until [`check_shell`] has passed it
/// (unforgeable, like the chart placeholders).
pub fn slot(name: &str) -> String {
    format!("cabinet-{name}-{}", *NONCE)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_check_refuses_code_wherever_a_template_puts_it() {
        let page = |inner: &str| {
            format!("<!doctype html><html><head><title>t</title></head><body>{inner}</body></html>")
        };
        assert_eq!(check_page(&page("<p>£1.5m</p>")), Ok(()));
        for (bad, what) in [
            ("<script>x()</script>", "a `<script>` element"),
            ("<SCRIPT src=x></SCRIPT>", "a `<script>` element"),
            ("<svg><script>x()</script></svg>", "a `<script>` element"),
            ("<iframe src=\"x\"></iframe>", "a `<iframe>` element"),
            (
                "<p onclick=\"x()\">p</p>",
                "an event handler `onclick` on `<p>`",
            ),
            (
                "<svg onload=x></svg>",
                "an event handler `onload` on `<svg>`",
            ),
            (
                "<a href=\" java\tscript:x\">a</a>",
                "a script URL in `href` of `<a>`",
            ),
            (
                "<a href=\"JavaScript:x\">a</a>",
                "a script URL in `href` of `<a>`",
            ),
            ("<form action=\"vbscript:x\"></form>", "a `<form>` element"),
            (
                "<div style=\"background:url(javascript:x)\"></div>",
                "a script URL in `style` of `<div>`",
            ),
            (
                "<meta http-equiv=\"refresh\" content=\"0;url=x\">",
                "a `<meta>` refresh",
            ),
            ("<base href=\"//evil.example/\">", "a `<base>` element"),
        ] {
            let err = check_page(&page(bad)).expect_err(bad);
            assert!(err.contains(what), "{bad}: {err}");
        }
        // Text that merely mentions them is text.
        assert_eq!(
            check_page(&page(
                "<p aria-label=\"javascript:x\">&lt;script&gt; onclick=</p>"
            )),
            Ok(())
        );
    }

    #[test]
    fn the_body_may_only_stand_where_a_browser_reads_text() {
        let body = slot("body");
        let ok = format!("<html><body><main>{body}</main></body></html>");
        assert_eq!(check_shell(&ok, &[&body]), Ok(()));
        for bad in [
            format!("<div title='{body}'></div>"),
            format!("<!-- {body} -->"),
            format!("<style>{body}</style>"),
            format!("<title>{body}</title>"),
            format!("<main>{body}</main><div data-x=\"{body}\"></div>"),
        ] {
            let err = check_shell(&bad, &[&body]).expect_err(&bad);
            assert!(
                err.contains("inside an attribute, a comment or raw text"),
                "{bad}: {err}"
            );
        }
    }

    /// The allow-list pass, cut at every place between top-level elements, gives the page
    /// the pass over the whole body gives, whatever the Markdown holds.
    #[test]
    fn the_body_sanitised_in_pieces_is_the_body_sanitised_whole() {
        let md = "# Title & <b>more</b>\n\nA paragraph with *emphasis*, **strong**, ~~struck~~, \
            `code <x>`, a [link](https://example.org \"t\") and a [bad one](javascript:alert(1)).\n\
            Second line &amp; &notin; &not in <script>alert(1)</script> <em>raw</em>\n\n\
            <div onclick=\"x()\">a raw block\n\n<!-- cabinet:pagebreak -->\n\n\
            ## Section\n\n- one\n- two\n  1. nested\n  2. list\n\n> a quote\n> over lines\n\n\
            ```\ncode <block> &\n```\n\n    indented code\n\n\
            Table: A caption with *style*\n\n| Line | 2016/17 |\n| --- | ---: |\n| a | 1.000 |\n\
            | **Total** | **(1.000)** |\n\n| no | caption |\n| - | - |\n| x | y |\n\n\
            ![an image](https://example.org/x.png) text after\\\nhard break\n\n---\n\n\
            ## Section\n\n<pre>\npre text</pre>\n\n1. a\n\n   b\n2. c\n";
        let page = md.repeat(5);
        let u = unsanitised(&page, &HashMap::new());
        assert!(u.between.len() > 50, "{} places", u.between.len());
        let whole = crate::render::sanitise::sanitise(&u.raw);
        for piece in [1, 7, 500, usize::MAX] {
            let pieces = crate::render::sanitise::sanitise_cut(&u.raw, &u.between, piece);
            assert_eq!(pieces, whole, "pieces of {piece}");
        }
    }

    #[test]
    fn text_spelling_a_placeholder_stays_where_it_is() {
        let svgs = HashMap::from([("charts/c.svg".to_string(), "<svg></svg>")]);
        let forged = format!("cabinet-chart-{}-0", "0".repeat(32));
        let md = format!("{forged} [x](cabinet-chart-0)\n\n![C](charts/c.svg)\n");
        let html = body(&md, &svgs).body;
        assert_eq!(html.matches("<svg>").count(), 1);
        let text = html.find(&forged).expect("text kept");
        assert!(html.find("<svg>").expect("chart") > text, "{html}");
    }

    #[test]
    fn every_chart_is_inlined_in_its_place() {
        let n = 120;
        let mut md = String::new();
        let mut svgs = HashMap::new();
        for i in 0..n {
            md.push_str(&format!(
                "Before chart {i}.\n\n![Chart {i}](charts/c{i}.svg)\n\n"
            ));
            svgs.insert(
                format!("charts/c{i}.svg"),
                format!("<svg><title>svg {i}</title></svg>"),
            );
        }
        let svgs = svgs.iter().map(|(k, v)| (k.clone(), v.as_str())).collect();
        let html = body(&md, &svgs).body;
        assert!(!html.contains(&*NONCE), "{html}");
        let mut from = 0;
        for i in 0..n {
            let text = html[from..]
                .find(&format!("Before chart {i}."))
                .expect("text")
                + from;
            let svg = html[text..]
                .find(&format!("<title>svg {i}</title>"))
                .expect("svg")
                + text;
            from = svg;
        }
    }

    #[test]
    fn only_safe_urls_survive() {
        for ok in [
            "https://example.org",
            "mailto:a@b.c",
            "#section",
            "page.html",
            "tel:01709",
        ] {
            assert!(safe_url(ok), "{ok}");
        }
        for bad in [
            "javascript:alert(1)",
            " JavaScript:x",
            "data:text/html,x",
            "vbscript:x",
            "//evil.example",
        ] {
            assert!(!safe_url(bad), "{bad}");
        }
    }

    #[test]
    fn hostile_markdown_renders_as_harmless_text() {
        let md = "<script>alert(1)</script>\n\nHello <img src=x onerror=alert(1)> [x](javascript:alert(1))\n";
        let out = body(md, &HashMap::new()).body;
        assert!(!out.contains("<script"), "{out}");
        assert!(!out.contains("<img"), "{out}");
        assert!(!out.contains("javascript:"), "{out}");
        assert!(out.contains("&lt;script&gt;"), "{out}");
    }

    #[test]
    fn tables_get_captions_scopes_and_numeric_cells() {
        let md = "Table: Programme (£m)\n\n| £m | 2016/17 |\n| :--- | ---: |\n| **Net** | **0.179** |\n| Gross | (1.000) |\n";
        let out = body(md, &HashMap::new()).body;
        assert!(out.contains("<caption>Programme (£m)</caption>"), "{out}");
        assert!(
            out.contains("<th scope=\"col\" class=\"num\">2016/17</th>"),
            "{out}"
        );
        assert!(
            out.contains("<tr class=\"total\"><th scope=\"row\"><strong>Net</strong></th>"),
            "{out}"
        );
        assert!(out.contains("<td class=\"num\">(1.000)</td>"), "{out}");
    }

    #[test]
    fn empty_header_cells_are_data_cells_in_their_place() {
        let md = "Table: T\n\n| | 2016/17 |\n|---|--:|\n| | £m |\n| Net | 1.000 |\n";
        let out = body(md, &HashMap::new()).body;
        assert!(
            out.contains("<thead>\n<tr><td></td><th scope=\"col\" class=\"num\">2016/17</th></tr>"),
            "{out}"
        );
        assert!(
            out.contains("<tr><td></td><td class=\"num\">£m</td></tr>"),
            "{out}"
        );
        assert!(out.contains("<tr><th scope=\"row\">Net</th>"), "{out}");
        assert!(!out.contains("></th>"), "{out}");
        // A header row with nothing in it is left out.
        let out = body("| | |\n|---|---|\n| a | b |\n", &HashMap::new()).body;
        assert!(!out.contains("<thead>"), "{out}");
        assert!(
            out.contains("<tbody>\n<tr><th scope=\"row\">a</th><td>b</td></tr>"),
            "{out}"
        );
    }

    #[test]
    fn only_a_table_wider_than_the_column_is_a_named_tab_stop() {
        let table = |years: usize| {
            let head: String = (0..years)
                .map(|y| format!(" {}/{} |", 2016 + y, 17 + y))
                .collect();
            let rule: String = "--:|".repeat(years);
            let row: String = " (1,234.567) |".repeat(years);
            format!("Table: Costs (£m)\n\n| £m |{head}\n|---|{rule}\n| Net |{row}\n")
        };
        let narrow = body(&table(5), &HashMap::new()).body;
        assert!(
            narrow.contains("<div class=\"table-wrap\">\n<table>"),
            "{narrow}"
        );
        assert!(!narrow.contains("tabindex"), "{narrow}");
        let wide = body(&table(12), &HashMap::new()).body;
        assert!(
            wide.contains("<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"Costs (£m)\">"),
            "{wide}"
        );
    }

    #[test]
    fn headings_get_unique_anchors_and_a_contents_entry() {
        let out = body(
            "## 1. Recommendations\n\n## 1. Recommendations\n",
            &HashMap::new(),
        );
        assert!(out.body.contains("id=\"1-recommendations\""));
        assert!(out.body.contains("id=\"1-recommendations-2\""));
        assert_eq!(out.toc.len(), 2);
    }
}
