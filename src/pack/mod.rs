//! Agenda packs for committee clerks: the `kind: pack` file (front sheet details and agenda
//! items in order), its validation, and `cabinet pack`, which typesets the agenda, the public
//! reports pack, the exempt pack, a supplementary pack and the meeting's HTML index.

pub mod raw;
pub mod render;

use crate::diagnostic::{Code, Diagnostic};
use crate::model::{Date, PaperId, Person};
use crate::source::{FileId, Sources};
use crate::validate::at;
use crate::workspace::Workspace;
use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};

/// A validated agenda pack.
#[derive(Debug, Clone)]
pub struct Pack {
    /// File stem of the pack file, made safe: outputs are `<slug>-agenda.pdf` and so on.
    pub slug: String,
    pub authority: String,
    pub committee: String,
    pub meeting_date: Date,
    pub time: Option<String>,
    pub venue: Option<String>,
    pub chair: Option<String>,
    pub vice_chair: Option<String>,
    pub members: Vec<String>,
    pub contact: Option<Person>,
    /// (heading, Markdown) of each notice given.
    pub notices: Vec<(String, String)>,
    pub items: Vec<Item>,
    pub file: FileId,
}

/// One agenda item.
#[derive(Debug, Clone)]
pub struct Item {
    pub number: String,
    pub title: String,
    /// The paper on the agenda under this item (a report of any kind).
    pub report: Option<PaperId>,
    pub text: Option<String>,
    /// Paragraph of Schedule 12A under which the item is exempt.
    pub exempt: Option<u8>,
    pub supplementary: bool,
}

/// Lexically normalised path (`.` and `..` resolved), canonical where the file exists.
fn normal(path: &Path) -> PathBuf {
    if let Ok(p) = std::fs::canonicalize(path) {
        return p;
    }
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// Validates every pack file against the reports in the workspace.
/// Whether the input file at `path` (normalised) is a report that did not pass its checks:
/// its own errors, or those of the initiatives it lists, are reported where they are.
fn has_errors(sources: &Sources, diags: &[Diagnostic], path: &Path) -> bool {
    diags.iter().any(Diagnostic::is_error)
        && (0..sources.len())
            .map(FileId)
            .filter(|id| normal(&sources.get(*id).path) == path)
            .any(|id| crate::load::kind_word(&sources.get(id).text).as_deref() == Some("report"))
}

pub fn validate_all(
    packs: Vec<(FileId, Box<raw::Pack>)>,
    sources: &Sources,
    ws: &Workspace,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Pack> {
    let by_path: HashMap<PathBuf, PaperId> = ws
        .papers()
        .map(|id| (normal(&sources.get(ws.front(id).file).path), id))
        .collect();
    packs
        .into_iter()
        .filter_map(|(id, raw)| validate(id, &raw, sources, &by_path, ws, diags))
        .collect()
}

fn validate(
    id: FileId,
    raw: &raw::Pack,
    sources: &Sources,
    by_path: &HashMap<PathBuf, PaperId>,
    ws: &Workspace,
    diags: &mut Vec<Diagnostic>,
) -> Option<Pack> {
    let start = diags.iter().filter(|d| d.is_error()).count();
    let mut withheld = false;
    let mut cx = crate::validate::Ctx { file: id, diags };
    let meeting_date = crate::rules::calendar::date(&mut cx, &raw.meeting_date, "2016-11-14");
    for (v, what) in [(&raw.authority, "authority"), (&raw.committee, "committee")] {
        if v.value.trim().is_empty() {
            cx.error(
                Code::EmptyText,
                at(v),
                format!("the pack's {what} is empty"),
                "empty",
                "",
            );
        }
    }
    if raw.items.value.is_empty() {
        cx.error(
            Code::EmptyText,
            at(&raw.items),
            "a pack needs at least one agenda item".into(),
            "no items",
            "e.g. `- { number: 1, title: Apologies for absence }`",
        );
    }
    let dir = sources
        .get(id)
        .path
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default();
    let mut numbers: HashMap<String, std::ops::Range<usize>> = HashMap::new();
    let mut reports_seen: HashMap<PaperId, std::ops::Range<usize>> = HashMap::new();
    let mut items = Vec::new();
    for item in &raw.items.value {
        let number = item.number.value.text();
        if number.is_empty() {
            cx.error(
                Code::EmptyText,
                at(&item.number),
                "the item number is empty".into(),
                "empty",
                "number items as the council does: 1, 2, 7a, 77/21",
            );
        } else if let Some(first) = numbers.get(&number.to_lowercase()) {
            let first = first.clone();
            cx.diags.push(
                Diagnostic::error(
                    Code::DuplicateItem,
                    format!("two agenda items are numbered `{number}`"),
                )
                .at(id, at(&item.number), "second use")
                .also(id, first, "first used here")
                .hint("give each agenda item its own number"),
            );
        } else {
            numbers.insert(number.to_lowercase(), at(&item.number));
        }
        let title = item.title.value.trim().to_string();
        if title.is_empty() {
            cx.diags.push(
                Diagnostic::error(Code::EmptyText, "the item's title is empty".to_string()).at(
                    id,
                    at(&item.title),
                    "empty",
                ),
            );
        }
        let exempt = match &item.exempt {
            Some(e) if !(1..=7).contains(&e.value.paragraph) => {
                cx.diags.push(
                    Diagnostic::error(
                        Code::ExemptParagraph,
                        format!(
                            "paragraph {} is not a paragraph of Schedule 12A",
                            e.value.paragraph
                        ),
                    )
                    .at(id, at(e), "not 1 to 7")
                    .hint("Part 1 of Schedule 12A has paragraphs 1 to 7; 3 is financial or business affairs"),
                );
                None
            }
            Some(e) => Some(e.value.paragraph),
            None => None,
        };
        let mut report = None;
        if let Some(rel) = &item.report {
            let path = normal(&dir.join(rel.value.trim()));
            match by_path.get(&path) {
                Some(&i) => {
                    if let Some(first) = reports_seen.get(&i) {
                        cx.diags.push(
                            Diagnostic::error(
                                Code::DuplicateItem,
                                format!("the report `{}` is on the agenda twice", rel.value.trim()),
                            )
                            .at(id, at(rel), "second use")
                            .also(id, first.clone(), "first used here")
                            .hint("list each report under one agenda item"),
                        );
                    } else {
                        reports_seen.insert(i, at(rel));
                    }
                    if ws.front(i).exempt.is_exempt() && item.exempt.is_none() {
                        cx.diags.push(
                            Diagnostic::error(
                                Code::ExemptNotMarked,
                                format!(
                                    "the report `{}` is exempt, but item {number} is not",
                                    rel.value.trim()
                                ),
                            )
                            .at(id, at(rel), "exempt report on the public agenda")
                            .hint("add `exempt: { paragraph: N }` to the item, so its content stays out of the public pack"),
                        );
                    }
                    report = Some(i);
                }
                // A report among the inputs that has errors of its own: they are reported
                // where they are, and the pack waits for them.
                None if has_errors(sources, cx.diags, &path) => withheld = true,
                None => {
                    let exists = path.is_file();
                    cx.diags.push(
                        Diagnostic::error(
                            Code::PackReportMissing,
                            if exists {
                                format!(
                                    "`{}` is not a report among the inputs that passed the checks",
                                    rel.value.trim()
                                )
                            } else {
                                format!("there is no file `{}`", rel.value.trim())
                            },
                        )
                        .at(id, at(rel), "no such report")
                        .hint(if exists {
                            "the file must be a report (of any kind) under the input folder, free of errors"
                        } else {
                            "the path is relative to the pack file, e.g. `report.yaml`"
                        }),
                    );
                }
            }
        }
        items.push(Item {
            number,
            title,
            report,
            text: item.text.clone(),
            exempt,
            supplementary: item.supplementary,
        });
    }
    if withheld || cx.diags.iter().filter(|d| d.is_error()).count() > start {
        return None;
    }
    let stem = sources
        .get(id)
        .path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let notices = [
        ("Filming and recording", &raw.notices.filming),
        ("Fire and emergency procedure", &raw.notices.fire),
        ("Questions from the public", &raw.notices.questions),
    ]
    .into_iter()
    .filter_map(|(h, t)| t.as_ref().map(|t| (h.to_string(), t.clone())))
    .collect();
    Some(Pack {
        slug: crate::validate::slug(&stem),
        authority: raw.authority.value.trim().to_string(),
        committee: raw.committee.value.trim().to_string(),
        meeting_date: meeting_date?,
        time: raw.time.as_ref().map(|t| t.value.trim().to_string()),
        venue: raw.venue.as_ref().map(|t| t.value.trim().to_string()),
        chair: raw.membership.chair.clone(),
        vice_chair: raw.membership.vice_chair.clone(),
        members: raw.membership.members.clone(),
        contact: raw.contact_officer.as_ref().map(|p| Person {
            name: p.name.clone(),
            role: p.role.clone(),
            phone: p.phone.clone(),
            email: p.email.clone(),
        }),
        notices,
        items,
        file: id,
    })
}
