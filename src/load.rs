//! Load stage: find the YAML files, read them safely (size cap, UTF-8, BOM), and parse them into
//! the raw structs. YAML problems become located diagnostics; nothing here judges the figures.

use crate::diagnostic::{Code, Diagnostic};
use crate::raw;
use crate::recover::Repair;
use crate::source::{Edits, FileId, Sources};
use schemars::JsonSchema;
use serde::de::DeserializeOwned;
use std::path::{Path, PathBuf};

/// Larger input files are refused before parsing: real ones are a few kilobytes.
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;
/// Folders deeper than this are not searched (guards against link loops and mistakes).
const MAX_DEPTH: usize = 16;

/// A parsed input file.
#[derive(Debug)]
pub enum RawFile {
    Initiative(FileId, Box<raw::Initiative>),
    Report(FileId, Box<raw::Report>),
    Monitoring(FileId, Box<crate::monitoring::raw::Monitoring>),
    Scenario(FileId, Box<crate::monitoring::raw_plan::Scenario>),
    ImprovementPlan(FileId, Box<crate::monitoring::raw_plan::Plan>),
    Pack(FileId, Box<crate::pack::raw::Pack>),
}

impl RawFile {
    /// The word after `kind:` for files of this kind.
    pub fn kind_word(&self) -> &'static str {
        match self {
            RawFile::Initiative(..) => "initiative",
            RawFile::Report(..) => "report",
            RawFile::Monitoring(..) => "monitoring",
            RawFile::Scenario(..) => "scenario",
            RawFile::ImprovementPlan(..) => "improvement-plan",
            RawFile::Pack(..) => "pack",
        }
    }
}

/// Everything the load stage produced: the files it could parse and the problems it found.
#[derive(Debug, Default)]
pub struct Loaded {
    pub files: Vec<RawFile>,
    pub diagnostics: Vec<Diagnostic>,
    /// Files that could not be read into their kind's structs (their problems are in
    /// `diagnostics`): later rules must not report what is missing because of them.
    pub unread: Vec<FileId>,
}

/// One file after parsing: its raw structs when they could be read (perhaps after recovery
/// from unknown keys), every problem found on the way, and what recovery changed in its text.
#[derive(Debug, Default)]
pub struct Parsed {
    pub file: Option<RawFile>,
    pub diagnostics: Vec<Diagnostic>,
    pub edits: Edits,
}

/// Lists the `.yaml`/`.yml` files under each input path, sorted so runs are deterministic.
/// A path that is a file is taken as it is.
pub fn discover(inputs: &[PathBuf], diagnostics: &mut Vec<Diagnostic>) -> Vec<PathBuf> {
    let before = diagnostics.len();
    let mut out = Vec::new();
    for input in inputs {
        match std::fs::metadata(input) {
            Ok(m) if m.is_dir() => walk(input, 0, &mut out, diagnostics),
            Ok(_) => out.push(input.clone()),
            Err(e) => diagnostics.push(
                Diagnostic::error(Code::Io, format!("cannot read `{}`: {e}", input.display()))
                    .hint(if e.kind() == std::io::ErrorKind::NotFound {
                        "give the folder that holds your report and initiative files, or start \
                         one with `cabinet new initiative NAME` (it writes to `inputs/`)"
                    } else {
                        "give the folder that holds your report and initiative files, e.g. `inputs/`"
                    }),
            ),
        }
    }
    out.sort();
    out.dedup();
    // A folder that was read and holds no input file; one that could not be read has its
    // own error already.
    if out.is_empty() && diagnostics.len() == before {
        diagnostics.push(
            Diagnostic::error(Code::NoInputs, "no .yaml files found in the input folder")
                .hint("`cabinet new initiative NAME` and `cabinet new report NAME` write starter files into `inputs/`"),
        );
    }
    out
}

fn walk(dir: &Path, depth: usize, out: &mut Vec<PathBuf>, diagnostics: &mut Vec<Diagnostic>) {
    if depth > MAX_DEPTH {
        return;
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            diagnostics.push(Diagnostic::error(
                Code::Io,
                format!("cannot read folder `{}`: {e}", dir.display()),
            ));
            return;
        }
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let hidden = path
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with('.'));
        // Symbolic links are not followed: an input folder must not reach outside itself.
        let Ok(ft) = entry.file_type() else { continue };
        if hidden || ft.is_symlink() {
            continue;
        }
        if ft.is_dir() {
            walk(&path, depth + 1, out, diagnostics);
        } else if matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("yaml" | "yml")
        ) {
            out.push(path);
        }
    }
}

/// Reads and parses every file. Never panics, whatever the bytes.
pub fn load(paths: &[PathBuf], sources: &mut Sources) -> Loaded {
    let mut loaded = Loaded::default();
    let read: Vec<Result<FileId, Diagnostic>> = paths
        .iter()
        .map(|path| match read_text(path) {
            Ok(text) => Ok(sources.add(path, text)),
            Err(d) => {
                // Register the file (with no text) so the diagnostic names it like any other.
                let id = sources.add(path, String::new());
                let label = d.code.slug().replace('-', " ");
                Err(d.at(id, 0..0, label))
            }
        })
        .collect();
    // Parsing is most of loading and the files are independent: both cores share them.
    // Results come back in file order, so diagnostics are in the same order as ever.
    let shared: &Sources = sources;
    let parsed = crate::parallel::parallel_map(read.len(), |k| {
        Ok::<_, std::convert::Infallible>(match &read[k] {
            Ok(id) => {
                let text = &shared.get(*id).text;
                Some((parse_file(shared, *id), crate::controls::check(*id, text)))
            }
            Err(_) => None,
        })
    });
    for (r, p) in read.into_iter().zip(parsed) {
        match (r, p) {
            (Err(d), _) => {
                if let Some(p) = &d.primary {
                    loaded.unread.push(p.file);
                }
                loaded.diagnostics.push(d);
            }
            (Ok(id), Ok(Some((p, controls)))) => {
                loaded.diagnostics.extend(p.diagnostics);
                match p.file {
                    Some(file) => loaded.files.push(file),
                    None => loaded.unread.push(id),
                }
                sources.set_edits(id, p.edits);
                loaded.diagnostics.extend(controls);
            }
            (Ok(_), Ok(None) | Err(_)) => {}
        }
    }
    loaded
}

fn read_text(path: &Path) -> Result<String, Diagnostic> {
    let shown = path.display();
    let meta = std::fs::metadata(path)
        .map_err(|e| Diagnostic::error(Code::Io, format!("cannot read `{shown}`: {e}")))?;
    if !meta.is_file() {
        return Err(Diagnostic::error(
            Code::Io,
            format!("`{shown}` is not a file"),
        ));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(Diagnostic::error(
            Code::TooLarge,
            format!(
                "`{shown}` is {} MiB; input files may be at most {} MiB",
                meta.len() / (1024 * 1024),
                MAX_FILE_BYTES / (1024 * 1024)
            ),
        )
        .hint("is this the right file? initiative and report files are a few kilobytes"));
    }
    let bytes = std::fs::read(path)
        .map_err(|e| Diagnostic::error(Code::Io, format!("cannot read `{shown}`: {e}")))?;
    decode(&bytes).map_err(|(offset, what)| {
        Diagnostic::error(
            Code::NotUtf8,
            format!("`{shown}` is not UTF-8 text ({what} at byte {offset})"),
        )
        .hint("save the file again as UTF-8 text; Word and Excel call it \"Unicode (UTF-8)\"")
    })
}

/// Decodes UTF-8, dropping a byte-order mark; refuses UTF-16 and NUL bytes with a reason.
pub fn decode(bytes: &[u8]) -> Result<String, (usize, &'static str)> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err((0, "it is UTF-16"));
    }
    let body = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    if let Some(nul) = body.iter().position(|&b| b == 0) {
        return Err((nul, "a NUL byte: this looks like a binary file"));
    }
    String::from_utf8(body.to_vec()).map_err(|e| (e.utf8_error().valid_up_to(), "an invalid byte"))
}

fn options() -> serde_saphyr::Options {
    // Both structs are non-exhaustive: start from the defaults and tighten what matters.
    let mut budget = serde_saphyr::Budget::default();
    budget.max_depth = 32;
    budget.max_aliases = 1_000;
    budget.max_anchors = 1_000;
    budget.max_nodes = 200_000;
    budget.max_total_scalar_bytes = MAX_FILE_BYTES as usize;
    budget.max_documents = 1;
    let mut options = serde_saphyr::Options::default();
    options.budget = Some(budget);
    options
}

/// The kinds of file cabinet reads, by the word `kind:` names them with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Initiative,
    Report,
    Monitoring,
    Scenario,
    ImprovementPlan,
    Pack,
}

impl Kind {
    fn from_word(word: &str) -> Option<Kind> {
        Some(match word {
            "initiative" => Kind::Initiative,
            "report" => Kind::Report,
            "monitoring" => Kind::Monitoring,
            "scenario" => Kind::Scenario,
            "improvement-plan" => Kind::ImprovementPlan,
            "pack" => Kind::Pack,
            _ => return None,
        })
    }
}

/// The kind a file states on its first line, read without parsing it: `kind: report` (an
/// optional comment after it) as the first line that is not blank, a comment or `---`, and
/// followed by a line that starts a new key (not one that continues the value). Files made
/// by `cabinet new` and every example look like this. Anything else (a quoted value, a flow
/// mapping, an unknown kind) gives `None` and the file is probed by the YAML parser; the
/// full parse that follows checks the whole file either way. Probing by parsing read every
/// file twice, which was half the time spent loading.
fn stated_kind(text: &str) -> Option<Kind> {
    let significant = |l: &&str| {
        let t = l.trim();
        !(t.is_empty() || t.starts_with('#'))
    };
    let mut lines = text.lines().filter(significant);
    let mut first = lines.next()?;
    if first.trim_end() == "---" {
        first = lines.next()?;
    }
    let value = first.strip_prefix("kind:")?;
    if !value.starts_with([' ', '\t']) {
        return None;
    }
    let mut words = value.split_whitespace();
    let word = words.next()?;
    if words.next().is_some_and(|w| !w.starts_with('#')) {
        return None;
    }
    let kind = Kind::from_word(word)?;
    // A more indented next line would continue the value as a multi-line plain scalar.
    match lines.next() {
        Some(next) if next.starts_with([' ', '\t']) => None,
        _ => Some(kind),
    }
}

/// The value of a top-level `key:` line of `text`, read without parsing (for a file that could
/// not be parsed): unquoted, with any comment after it dropped.
pub fn top_level_value(text: &str, key: &str) -> Option<String> {
    text.lines().find_map(|line| {
        let rest = line.strip_prefix(key)?.strip_prefix(':')?;
        let value = match rest.find(" #") {
            Some(i) => &rest[..i],
            None => rest,
        };
        let value = value.trim().trim_matches(|c| c == '"' || c == '\'').trim();
        (!value.is_empty()).then(|| value.to_string())
    })
}

/// The kind a file that could not be parsed seems to be, by its `kind:` line (a misspelt kind
/// read as the nearest one); `None` where it cannot be told.
pub fn kind_word(text: &str) -> Option<String> {
    let word = top_level_value(text, "kind")?;
    let kinds = crate::scaffold::KINDS;
    kinds
        .iter()
        .find(|k| **k == word)
        .copied()
        .or_else(|| crate::suggest::closest(&word, &kinds))
        .map(str::to_string)
}

/// Parses one file: first the `kind:` key, then the whole file with the schema it names.
pub fn parse_file(sources: &Sources, id: FileId) -> Parsed {
    let text = sources.get(id).text.as_str();
    let kind = match stated_kind(text) {
        Some(kind) => kind,
        None => match probe_kind(id, text) {
            Ok(kind) => kind,
            Err(d) => {
                return Parsed {
                    diagnostics: vec![d],
                    ..Parsed::default()
                }
            }
        },
    };
    fn read<T: DeserializeOwned + JsonSchema>(
        id: FileId,
        text: &str,
        wrap: impl FnOnce(FileId, Box<T>) -> RawFile,
    ) -> Parsed {
        let (value, diagnostics, edits) = parse_recovering::<T>(id, text);
        Parsed {
            file: value.map(|v| wrap(id, Box::new(v))),
            diagnostics,
            edits,
        }
    }
    match kind {
        Kind::Initiative => read(id, text, RawFile::Initiative),
        Kind::Report => read(id, text, RawFile::Report),
        Kind::Monitoring => read(id, text, RawFile::Monitoring),
        Kind::Scenario => read(id, text, RawFile::Scenario),
        Kind::ImprovementPlan => read(id, text, RawFile::ImprovementPlan),
        Kind::Pack => read(id, text, RawFile::Pack),
    }
}

/// Times recovery may set a value aside and parse again before it gives up.
const MAX_RECOVERIES: usize = 64;

/// Parses a file into its kind's structs. A file that does not fit them is walked for every
/// unknown key (each reported, a misspelt one read under its meant name, any other left out)
/// and parsed again, as strictly; a value of the wrong type under an optional key is reported
/// and left out in the same way, so the rest of the file is still checked. Returns the structs
/// if they could be read, every problem (placed in the file as written) and the edits made.
fn parse_recovering<T: DeserializeOwned + JsonSchema>(
    id: FileId,
    text: &str,
) -> (Option<T>, Vec<Diagnostic>, Edits) {
    let first = match serde_saphyr::from_str_with_options::<T>(text, options()) {
        Ok(v) => return (Some(v), Vec::new(), Edits::default()),
        Err(e) => yaml_error(id, text, &e),
    };
    // A file past a safety limit is not walked: the limit is the whole story.
    if first.code == Code::YamlLimit {
        return (None, vec![first], Edits::default());
    }
    let schema = schemars::schema_for!(T).to_value();
    let mut repair = match Repair::new(text, &schema) {
        Ok(repair) => repair,
        Err(unknown) => {
            // The text cannot be read to its end: the keys before the place the reader stops
            // are reported, then the reader's own complaint (not a type error it caused).
            let mut diagnostics: Vec<Diagnostic> =
                unknown.iter().map(|u| u.diagnostic(id)).collect();
            let syntax =
                match serde_saphyr::from_str_with_options::<serde::de::IgnoredAny>(text, options())
                {
                    Err(e) => yaml_error(id, text, &e),
                    Ok(_) => first,
                };
            if !diagnostics.iter().any(|d| d.primary == syntax.primary) {
                diagnostics.push(syntax);
            }
            return (None, diagnostics, Edits::default());
        }
    };
    let mut diagnostics: Vec<Diagnostic> =
        repair.unknown.iter().map(|u| u.diagnostic(id)).collect();
    let mut set_aside: Vec<usize> = Vec::new();
    for _ in 0..MAX_RECOVERIES {
        let e = match serde_saphyr::from_str_with_options::<T>(&repair.text, options()) {
            Ok(v) => return (Some(v), diagnostics, repair.edits),
            Err(e) => e,
        };
        let mut d = yaml_error(id, &repair.text, &e);
        if let Some(p) = d.primary.as_mut() {
            p.span = repair.edits.original_range(&p.span);
        }
        let at = d.primary.as_ref().map_or(0, |p| p.span.start);
        if d.code == Code::DuplicateKey {
            if let (Some(first), Some((key, _))) = (repair.first_of(at), repair.key_at(at, &schema))
            {
                d.message = format!("`{key}` is given twice");
                if let Some(p) = d.primary.as_mut() {
                    p.message = "given again here".into();
                }
                d = d.also(id, first, "first given here");
            }
        }
        if d.code == Code::WrongType {
            if let Some((key, about)) = repair.key_at(at, &schema) {
                let found = d.primary.as_ref().and_then(|p| text.get(p.span.clone()));
                d.message = crate::recover::wrong_type(&key, &d.message, found);
                if let Some(about) = about {
                    // What the format says the key holds beats a pointer to the docs.
                    d.hints = vec![format!("`{key}`: {}", about.replace('\n', " "))];
                }
            }
        }
        // The key walk already reported an unknown key the parser stops at.
        let known = diagnostics
            .iter()
            .any(|k| k.code == d.code && k.primary == d.primary);
        let again = matches!(d.code, Code::WrongType | Code::DuplicateKey)
            && !set_aside.contains(&at)
            && repair.set_aside(at, &schema).is_some();
        if !known {
            diagnostics.push(d);
        }
        if !again {
            break;
        }
        set_aside.push(at);
    }
    (None, diagnostics, repair.edits)
}

/// The `kind:` of a file, read by the YAML parser (the file's other keys are skipped).
fn probe_kind(id: FileId, text: &str) -> Result<Kind, Diagnostic> {
    let probe: raw::KindProbe = serde_saphyr::from_str_with_options(text, options())
        .map_err(|e| yaml_error(id, text, &e))?;
    let Some(kind) = probe.kind else {
        return Err(
            Diagnostic::error(Code::UnknownKind, "the file does not say what it is")
                .at(
                    id,
                    0..0,
                    "expected `kind: initiative` or `kind: report` here",
                )
                .hint("add `kind: initiative` or `kind: report` as the first line"),
        );
    };
    let word = kind.value.trim();
    Kind::from_word(word).ok_or_else(|| {
        Diagnostic::error(Code::UnknownKind, format!("unknown kind `{word}`"))
            .at(
                id,
                crate::rules::span(&kind.referenced),
                "not a kind cabinet knows",
            )
            .hint("use `kind: initiative`, `report`, `monitoring`, `scenario`, `improvement-plan` or `pack`")
    })
}

/// Turns a serde-saphyr error into our diagnostic, classified by rule; `text` is the text
/// that was parsed.
fn yaml_error(id: FileId, text: &str, e: &serde_saphyr::Error) -> Diagnostic {
    let mut message = e.without_snippet().render();
    // The library appends " at line L, column C", and for aliases " (defined at line ...)
    // (used at line ...)" after it; we show the place ourselves, so cut at the first.
    if let Some(cut) = message.find(" at line ") {
        message.truncate(cut);
    }
    let message = message.trim().to_string();
    let lower = message.to_ascii_lowercase();
    let (code, hint) = if lower.starts_with("unexpected character") && lower.contains("\\u{") {
        (
            Code::ControlCharacter,
            "delete the invisible control character (it was probably pasted in with the text)",
        )
    } else if lower.starts_with("while parsing") || lower.starts_with("while scanning") {
        // The YAML reader's own complaints about the text, whatever words follow.
        if lower.contains("tab") {
            (
                Code::YamlSyntax,
                "indent with spaces: YAML does not allow tab characters for indentation",
            )
        } else if lower.contains("block mapping") || lower.contains("indentation") {
            (
                Code::YamlSyntax,
                "check the indentation here and on the line above: the keys of one mapping start in the same column",
            )
        } else {
            (
                Code::YamlSyntax,
                "text containing `: ` or starting with `*`, `[`, `{`, `%` or `@` must be quoted",
            )
        }
    } else if lower.contains("duplicate mapping key") {
        (Code::DuplicateKey, "delete or rename one of the two keys")
    } else if lower.contains("unknown field") {
        (
            Code::UnknownField,
            "check the spelling; docs/input-format.md lists every key",
        )
    } else if lower.contains("missing field `gross_saving`") {
        // A pure-cost bid (a team funded for three years) has no savings: the row still
        // exists, as zeros, so net = investment and the chart draws no saving bars.
        (
            Code::MissingField,
            "a bid that saves nothing writes its saving row as zeros, one per year: `gross_saving: { values: [0, 0, 0, 0] }` (the chart then draws no saving bars)",
        )
    } else if lower.contains("missing field") {
        (
            Code::MissingField,
            "add the missing key; `cabinet new` writes a complete template",
        )
    } else if lower.contains("documents") {
        (
            Code::YamlSyntax,
            "each input file holds one document: remove the `---` line that starts the second, or split the file",
        )
    } else if lower.contains("budget") || lower.contains("limit") || lower.contains("exceeded") {
        (
            Code::YamlLimit,
            "real council files never need this much nesting or aliasing",
        )
    } else if lower.contains("invalid type")
        || lower.contains("did not match any variant")
        || lower.starts_with("invalid ") // `invalid boolean`, `invalid u32`: a scalar of the wrong kind
        || lower.contains("cannot deserialize")
        || lower.contains("expected") && !lower.contains("indicator")
    {
        (
            Code::WrongType,
            "compare the shape of this value with docs/input-format.md",
        )
    } else if lower.contains("tabs ") || lower.contains("tab character") {
        (
            Code::YamlSyntax,
            "indent with spaces: YAML does not allow tab characters for indentation",
        )
    } else {
        (
            Code::YamlSyntax,
            "text containing `: ` or starting with `*`, `[`, `{`, `%` or `@` must be quoted",
        )
    };
    let mut message = message.replace(", set DuplicateKeyPolicy in Options if acceptable", "");
    if code == Code::YamlSyntax && lower.contains("documents") {
        message = "the file holds more than one YAML document".into();
    }
    if code == Code::YamlLimit {
        // The library's text names its internal budget; say in words which limit it is.
        // Nesting past the parser's own recursion limit is the same limit, met earlier.
        let which = if message.contains("Depth") || lower.contains("recursion") {
            "lists and mappings nested more than 32 deep"
        } else if message.contains("Aliases") || message.contains("Anchors") {
            "more than 1,000 aliases or anchors"
        } else if message.contains("Nodes") || message.contains("Events") {
            "more than 200,000 values"
        } else {
            "more text than an input file can hold"
        };
        message = format!("the file goes past a safety limit on YAML structure: {which}");
    }
    let span = match e.location() {
        Some(loc) => {
            let (line, col) = (loc.line() as usize, loc.column() as usize);
            match loc.span().byte_offset() {
                Some(off) => {
                    let start = (off as usize).min(text.len());
                    let len = loc.span().byte_len().unwrap_or(0) as usize;
                    let end = (start + len.max(1)).min(text.len());
                    start..end.max(start)
                }
                None => {
                    let l = line_span(text, line);
                    let start = (l.start + col.saturating_sub(1)).min(l.end);
                    start..l.end.max(start)
                }
            }
        }
        None => 0..0,
    };
    // serde-saphyr puts a missing field on the last key it read, which can be far below;
    // point at the mapping that lacks the key instead.
    let span = if code == Code::MissingField {
        let start = mapping_of(text, span.start);
        start..start
    } else {
        span
    };
    // A tab is found where the indentation ends: point at the tab itself and say so plainly.
    if hint.starts_with("indent with spaces") {
        let line_start = text[..span.start.min(text.len())]
            .rfind('\n')
            .map_or(0, |i| i + 1);
        if let Some(tab) = text[line_start..].find('\t') {
            let tab = line_start + tab;
            return Diagnostic::error(code, "a tab character is used for indentation")
                .at(id, tab..tab + 1, "tab")
                .hint(hint);
        }
    }
    Diagnostic::error(code, message)
        .at(id, span, code.slug().replace('-', " "))
        .hint(hint)
}

/// The byte range of a whole line (1-based) of `text`, without its line break.
fn line_span(text: &str, line: usize) -> std::ops::Range<usize> {
    let start = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum::<usize>();
    let rest = &text[start.min(text.len())..];
    let len = rest.find('\n').unwrap_or(rest.len());
    start..start + rest[..len].trim_end().len()
}

/// For a block-mapping key at byte `offset`, the place that names its mapping: the parent key
/// (`finance:`), the first key of a list item (`- label:`), or the first key of the file.
fn mapping_of(text: &str, offset: usize) -> usize {
    let offset = offset.min(text.len());
    let Some(line_start) = text
        .get(..offset)
        .map(|t| t.rfind('\n').map_or(0, |i| i + 1))
    else {
        return offset;
    };
    let column = offset - line_start;
    if !text[line_start..offset].bytes().all(|b| b == b' ') {
        return offset; // not a block-mapping key at the start of its line (flow mapping, `- key`)
    }
    let mut first = offset;
    let mut end = line_start;
    while end > 0 {
        let start = text[..end - 1].rfind('\n').map_or(0, |i| i + 1);
        let line = &text[start..end - 1];
        end = start;
        let body = line.trim_start_matches(' ');
        let indent = line.len() - body.len();
        if body.trim().is_empty() || body.starts_with('#') || indent > column {
            continue; // blank, comment, or the inside of a nested value
        }
        if indent == column {
            if body.starts_with("---") || body.starts_with('%') {
                break;
            }
            first = start + indent;
            continue;
        }
        // A shallower line: the parent key, or a `- ` list item whose mapping this is.
        let item = body
            .strip_prefix('-')
            .map(|r| r.len() - r.trim_start_matches(' ').len() + 1);
        first = match item {
            Some(gap) if indent + gap == column => start + column,
            _ => start + indent,
        };
        break;
    }
    first
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The first-line shortcut names a kind only where the YAML parser would read the same;
    /// everything else is left to the parser.
    #[test]
    fn the_kind_on_the_first_line_is_read_without_parsing() {
        let cases: &[(&str, Option<Kind>)] = &[
            ("kind: report\ntitle: x\n", Some(Kind::Report)),
            ("kind: initiative", Some(Kind::Initiative)),
            (
                "# CYPS 2\n\n---\nkind: improvement-plan # the plan\nx: 1\n",
                Some(Kind::ImprovementPlan),
            ),
            ("kind:\tpack\r\nitems: []\r\n", Some(Kind::Pack)),
            (
                "kind: monitoring\n   # an indented comment\nyear: 2018\n",
                Some(Kind::Monitoring),
            ),
            // A more indented line continues the value: "report more".
            ("kind: report\n  more\n", None),
            ("kind: \"report\"\n", None),
            ("kind: 'report'\n", None),
            ("kind: report card\n", None),
            ("kind: nonsense\n", None),
            ("kind:report\n", None),
            ("title: x\nkind: report\n", None),
            ("{kind: report}\n", None),
            ("  kind: report\n", None),
            ("%YAML 1.2\n---\nkind: report\n", None),
            ("", None),
        ];
        for (text, want) in cases {
            assert_eq!(stated_kind(text), *want, "{text:?}");
        }
    }

    /// Whichever way the kind is found, the file is parsed the same.
    #[test]
    fn files_the_shortcut_skips_are_probed_by_the_parser() {
        let mut sources = Sources::default();
        let quoted = sources.add(Path::new("q.yaml"), "kind: \"pack\"\nitems: []\n".into());
        let unknown = sources.add(Path::new("u.yaml"), "title: x\nkind: nonsense\n".into());
        // Read as a pack: the pack schema's own complaint, not an unknown kind.
        let p = parse_file(&sources, quoted);
        assert!(p.file.is_none(), "a pack lacking its keys");
        assert!(
            p.diagnostics[0].message.contains("authority"),
            "{:?}",
            p.diagnostics
        );
        let p = parse_file(&sources, unknown);
        assert!(p.file.is_none());
        assert_eq!(p.diagnostics[0].code, Code::UnknownKind);
    }

    /// Files are parsed on both cores, but every problem is still reported, in file order,
    /// each against its own file.
    #[test]
    fn every_file_is_loaded_and_problems_keep_file_order() {
        let dir = tempfile::tempdir().unwrap();
        let mut paths = Vec::new();
        for (i, text) in [
            "kind: nonsense\n",
            "not: [closed\n",
            "kind: pack\n",
            "\u{0}binary",
            "kind: report\ntitle: [\n",
        ]
        .iter()
        .enumerate()
        {
            let p = dir.path().join(format!("f{i}.yaml"));
            std::fs::write(&p, text).unwrap();
            paths.push(p);
        }
        let mut sources = Sources::default();
        let loaded = load(&paths, &mut sources);
        let files: Vec<String> = loaded
            .diagnostics
            .iter()
            .map(|d| {
                let f = d.primary.as_ref().unwrap().file;
                sources
                    .get(f)
                    .path
                    .file_name()
                    .unwrap()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        let mut sorted = files.clone();
        sorted.sort();
        assert_eq!(files, sorted, "diagnostics in file order");
        for f in ["f0.yaml", "f1.yaml", "f3.yaml", "f4.yaml"] {
            assert!(files.iter().any(|x| x == f), "{f} reported: {files:?}");
        }
        assert_eq!(
            loaded.files.len() + files.len(),
            paths.len(),
            "one outcome per file: {files:?}"
        );
    }

    #[test]
    fn decode_handles_bom_and_refuses_binary() {
        assert_eq!(decode(b"\xEF\xBB\xBFkind: report").unwrap(), "kind: report");
        assert!(decode(b"\xFF\xFEk\0i\0").is_err());
        assert!(decode(b"kind\0").is_err());
        assert_eq!(decode(b"ok \xC3").unwrap_err().0, 3);
    }
}
