//! Typesetting a pack: the front sheet and agenda, the public reports pack, the exempt pack,
//! the supplementary pack and the meeting's HTML index. Each PDF is laid out from all its
//! parts (never by merging finished PDFs), each part once; the agenda's page numbers come
//! from that layout, and only the agenda is laid out again until its own length stops moving
//! them.

use super::{Item, Pack};
use crate::chart::Chart;
use crate::model::PaperId;
use crate::render::pdf::pack::{self as typeset, Part};
use crate::render::pdf::PdfMeta;
use crate::render::{self, templates, Artifact, Route};
use crate::{Checked, Error};
use std::collections::HashMap;
use std::path::Path;

/// The description of each paragraph of Part 1 of Schedule 12A to the Local Government Act 1972.
pub fn paragraph_text(n: u8) -> &'static str {
    match n {
        1 => "information relating to any individual",
        2 => "information which is likely to reveal the identity of an individual",
        3 => "information relating to the financial or business affairs of any particular person (including the authority holding that information)",
        4 => "information relating to any consultations or negotiations, or contemplated consultations or negotiations, in connection with any labour relations matter arising between the authority or a Minister of the Crown and employees of, or office holders under, the authority",
        5 => "information in respect of which a claim to legal professional privilege could be maintained in legal proceedings",
        6 => "information which reveals that the authority proposes to give under any enactment a notice imposing requirements on a person, or to make an order or direction under any enactment",
        _ => "information relating to any action taken or to be taken in connection with the prevention, investigation or prosecution of crime",
    }
}

/// Everything `cabinet pack` writes, in memory.
#[derive(Debug)]
pub struct PackOutput {
    pub files: Vec<Artifact>,
    /// Pages of the public pack, the agenda, the exempt pack and the supplementary pack.
    pub public_pages: usize,
    pub agenda_pages: usize,
    pub exempt_pages: usize,
    pub supplementary_pages: usize,
    /// Page (1-based) of the public pack on which each item starts, `None` for items with no
    /// page there (no paper, or to follow in the supplementary pack).
    pub item_pages: Vec<Option<usize>>,
    /// Page of the supplementary pack on which each supplementary item starts.
    pub supplementary_item_pages: Vec<Option<usize>>,
}

/// A paper made ready for the pack: its route, its Markdown and its charts.
struct Ready {
    route: Route,
    prepared: render::Prepared,
}

fn prepare(checked: &Checked, id: PaperId, templates_dir: Option<&Path>) -> Result<Ready, Error> {
    let ws = &checked.workspace;
    let route = Route::of(ws, &checked.sources, id);
    let dir = render::template_dir(checked, ws.front(id), templates_dir);
    let prepared = render::prepare(ws, id, &route, dir.as_deref())?;
    Ok(Ready { route, prepared })
}

/// The chart table of one pack PDF: the charts of the items `which` (by agenda index), each
/// under its item's scope (see [`Part::chart_scope`]), so that no part can show another's.
fn chart_table<'a>(
    pack: &Pack,
    ready: &'a HashMap<PaperId, Ready>,
    which: impl Fn(&Item) -> bool,
) -> HashMap<String, &'a Chart> {
    let mut charts = HashMap::new();
    for (i, item) in pack.items.iter().enumerate() {
        let Some(r) = item.report.filter(|_| which(item)) else {
            continue;
        };
        let Some(p) = ready.get(&r) else { continue };
        for (key, c) in p.prepared.charts_by_key(&p.route) {
            charts.insert(format!("{}:{key}", scope(i)), c);
        }
    }
    charts
}

/// The chart scope of agenda item `i`.
fn scope(i: usize) -> String {
    format!("item{i}")
}

/// Text from the pack file for use inline in Markdown (table cells included).
fn esc(s: &str) -> String {
    crate::render::text::escape(s)
}

fn date_line(pack: &Pack) -> String {
    format!("{} {}", weekday(pack), pack.meeting_date.long())
}

/// The day of the week (Zeller's congruence), as agendas print it.
fn weekday(pack: &Pack) -> &'static str {
    let d = pack.meeting_date;
    let (mut y, mut m) = (i64::from(d.year), i64::from(d.month));
    if m < 3 {
        m += 12;
        y -= 1;
    }
    let k = y % 100;
    let j = y / 100;
    let h = (i64::from(d.day) + 13 * (m + 1) / 5 + k + k / 4 + j / 4 + 5 * j) % 7;
    [
        "Saturday",
        "Sunday",
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
    ][h as usize]
}

/// The front sheet and agenda. `pages[i]` is the page of item `i` in the public pack.
/// What the pack's templates (`pack-front.md.tera`, `pack-index.html.tera`) are given: the
/// front sheet's details and each agenda item with its page, every text escaped by `esc` for
/// the format (Markdown by hand; HTML by Tera's autoescape, so there `esc` leaves it be).
#[derive(serde::Serialize)]
struct PackView {
    authority: String,
    committee: String,
    meeting_date: String,
    date_line: String,
    time: Option<String>,
    venue: Option<String>,
    chair: Option<String>,
    vice_chair: Option<String>,
    members: Vec<String>,
    /// The contact officer in one line (Markdown), and by parts (HTML).
    contact: Option<String>,
    contact_name: Option<String>,
    contact_role: Option<String>,
    contact_phone: Option<String>,
    contact_email: Option<String>,
    notices: Vec<NoticeView>,
    items: Vec<ItemView>,
    slug: String,
    has_supplementary: bool,
    page_break: &'static str,
}

#[derive(serde::Serialize)]
struct NoticeView {
    heading: String,
    /// Markdown (the front sheet) or sanitised HTML (the index).
    text: String,
}

#[derive(serde::Serialize)]
struct ItemView {
    number: String,
    title: String,
    text: Option<String>,
    exempt: Option<u8>,
    exempt_text: String,
    supplementary: bool,
    page: String,
    href: Option<String>,
}

impl PackView {
    fn new(
        pack: &Pack,
        esc: &dyn Fn(&str) -> String,
        notices: Vec<NoticeView>,
        items: Vec<ItemView>,
    ) -> PackView {
        let opt = |o: &Option<String>| o.as_ref().map(|t| esc(t.trim()));
        let contact = pack.contact.as_ref().map(|p| {
            let mut parts = vec![format!("**{}**", esc(&p.name))];
            parts.extend(p.role.iter().map(|r| esc(r)));
            parts.extend(p.phone.iter().map(|r| format!("Tel. {}", esc(r))));
            parts.extend(p.email.iter().map(|r| esc(r)));
            parts.join(", ")
        });
        let c = pack.contact.as_ref();
        PackView {
            authority: esc(&pack.authority),
            committee: esc(&pack.committee),
            meeting_date: esc(&pack.meeting_date.long()),
            date_line: esc(&date_line(pack)),
            time: opt(&pack.time),
            venue: opt(&pack.venue),
            chair: opt(&pack.chair),
            vice_chair: opt(&pack.vice_chair),
            members: pack.members.iter().map(|m| esc(m)).collect(),
            contact,
            contact_name: c.map(|p| esc(&p.name)),
            contact_role: c.and_then(|p| opt(&p.role)),
            contact_phone: c.and_then(|p| opt(&p.phone)),
            contact_email: c.and_then(|p| opt(&p.email)),
            notices,
            items,
            slug: pack.slug.clone(),
            has_supplementary: false,
            page_break: crate::render::html::PAGE_BREAK,
        }
    }
}

/// Writes the front sheet given the page each agenda item starts on (typesetting runs it
/// until the numbers it prints no longer move the pages).
type Cover<'a> = dyn Fn(&[Option<usize>]) -> Result<String, Error> + 'a;

/// The front sheet and agenda (Markdown), with the public pack's page of each item.
fn front_sheet(tera: &tera::Tera, pack: &Pack, pages: &[Option<usize>]) -> Result<String, Error> {
    let items = pack
        .items
        .iter()
        .enumerate()
        .map(|(i, item)| ItemView {
            number: esc(&item.number),
            title: esc(&item.title),
            text: item.text.as_ref().map(|t| esc(t)),
            exempt: item.exempt,
            exempt_text: item.exempt.map(paragraph_text).unwrap_or_default().into(),
            supplementary: item.supplementary,
            page: if item.supplementary && item.report.is_some() {
                "to\u{a0}follow".to_string()
            } else {
                pages
                    .get(i)
                    .copied()
                    .flatten()
                    .map_or(String::new(), |p| p.to_string())
            },
            href: None,
        })
        .collect();
    let notices = pack
        .notices
        .iter()
        .map(|(heading, text)| NoticeView {
            heading: heading.clone(),
            text: text.trim().to_string(),
        })
        .collect();
    let view = PackView::new(pack, &esc, notices, items);
    templates::render(tera, "pack-front.md.tera", &view)
}

/// The page shown in the public pack in place of an exempt item's report.
fn exemption_notice(item: &Item, paragraph: u8) -> String {
    format!(
        "# Item {}: {}\n\n**Not for publication.**\n\nThe report for this item is exempt from \
         publication because it contains exempt information under paragraph {paragraph} of \
         Part 1 of Schedule 12A to the Local Government Act 1972: {}.\n\nThe press and public \
         are expected to be excluded from the meeting while it is considered.\n",
        esc(&item.number),
        esc(&item.title),
        paragraph_text(paragraph)
    )
}

/// Lays out `parts` (whose first part is `cover(pages)`), then the cover alone again with
/// its page numbers filled in, until they no longer move; then typesets once. `owner[k]` is the item of part
/// `k` (the cover has none).
fn typeset_with_cover(
    cover: &Cover,
    mut parts: Vec<Part>,
    owner: &[Option<usize>],
    items: usize,
    meta: &PdfMeta,
    charts: &HashMap<String, &Chart>,
    numbering: &str,
) -> Result<(typeset::Typeset, Vec<Option<usize>>), Error> {
    let fail = |message: String| Error::Pdf {
        name: meta.title.clone(),
        message,
    };
    let pages_of = |starts: &[usize]| {
        let mut pages = vec![None; items];
        for (k, o) in owner.iter().enumerate() {
            if let Some(i) = o {
                // `starts` are 0-based; the cover prints pages from 1.
                pages[*i] = Some(starts[k] + 1);
            }
        }
        pages
    };
    // A first layout with the cover's page numbers blank gives where the parts start; then
    // the cover is laid out again with those numbers and they are checked, again only if the
    // cover's length moved them. Only the cover is laid out again: every other part starts on
    // a page of its own, so its layout stays as it is (see `PackLayout`).
    let Some((first, body)) = parts.split_first_mut() else {
        return Err(fail("a pack has at least its cover".into()));
    };
    first.markdown = cover(&vec![None; items])?;
    let mut layout = typeset::PackLayout::new(first, body, charts, &meta.fonts).map_err(fail)?;
    let mut pages = pages_of(&layout.starts().0);
    for _ in 0..6 {
        first.markdown = cover(&pages)?;
        layout.set_cover(first).map_err(fail)?;
        let got = pages_of(&layout.starts().0);
        if got == pages {
            let laid = layout.join();
            let done = typeset::render(&parts, laid, meta, charts, numbering)?;
            return Ok((done, pages));
        }
        pages = got;
    }
    Err(fail("the agenda's page numbers did not settle".into()))
}

/// Renders a pack: every PDF and the HTML index (with each public item's HTML report).
pub fn render_pack(
    checked: &Checked,
    pack: &Pack,
    templates_dir: Option<&Path>,
    progress: &mut dyn FnMut(&str),
) -> Result<PackOutput, Error> {
    // Each item's report is made ready on whichever core is free; errors are met in agenda
    // order, as one after another would meet them.
    let with_report: Vec<PaperId> = pack.items.iter().filter_map(|i| i.report).collect();
    progress(&format!("preparing {} report(s)", with_report.len()));
    let results = crate::parallel::parallel_map_by(
        with_report.len(),
        |k| crate::render::paper_weight(checked, with_report[k]),
        |k| prepare(checked, with_report[k], templates_dir),
    );
    let mut ready: HashMap<PaperId, Ready> = HashMap::new();
    let items = pack.items.iter().filter(|i| i.report.is_some());
    for ((item, &id), result) in items.zip(&with_report).zip(results) {
        progress(&format!("item {}: {}", item.number, item.title));
        ready.insert(id, result?);
    }
    // One chart table for the public PDFs, one for the exempt PDF: an exempt chart is never
    // in a table a public PDF is made from, and within a table each part sees only its own.
    let public_charts = chart_table(pack, &ready, |i| i.exempt.is_none());
    let exempt_charts = chart_table(pack, &ready, |i| i.exempt.is_some());
    let n = pack.items.len();
    let date = pack.meeting_date.long();
    // The fallback fonts of every report in the pack, in agenda order, each once.
    let mut fonts: Vec<std::path::PathBuf> = Vec::new();
    for item in &pack.items {
        if let Some(r) = item.report {
            for f in &checked.workspace.front(r).fonts {
                if !fonts.contains(f) {
                    fonts.push(f.clone());
                }
            }
        }
    }
    let meta = |title: String, subject: &str| PdfMeta {
        title,
        author: pack.authority.clone(),
        subject: format!("{} – {date}{subject}", pack.committee),
        keywords: vec!["agenda".into(), pack.committee.clone()],
        lang: "en-GB".into(),
        date: pack.meeting_date,
        header_left: pack.committee.clone(),
        header_right: date.clone(),
        fonts: fonts.clone(),
    };
    let front_part = |header_right: String| Part {
        markdown: String::new(),
        header_left: pack.committee.clone(),
        header_right,
        bookmark: "Front sheet and agenda".into(),
        chart_scope: String::new(),
    };
    let markdown_of = |r: PaperId| ready[&r].prepared.markdown.clone();
    let item_part = |i: usize, markdown: String, left: &str| {
        let item = &pack.items[i];
        Part {
            markdown,
            header_left: left.to_string(),
            header_right: format!("Item {} · {date}", item.number),
            bookmark: format!("Item {}: {}", item.number, item.title),
            chart_scope: scope(i),
        }
    };

    // The public pack: front sheet and agenda, then every item with a paper (exempt ones as a
    // notice only), supplementary items left for their own pack.
    let mut parts = vec![front_part(format!("Agenda · {date}"))];
    let mut owner = vec![None];
    for (i, item) in pack.items.iter().enumerate() {
        let Some(r) = item.report else { continue };
        if item.supplementary {
            continue;
        }
        let md = match item.exempt {
            Some(p) => exemption_notice(item, p),
            None => markdown_of(r),
        };
        parts.push(item_part(i, md, &pack.committee));
        owner.push(Some(i));
    }
    let tera = templates::engine(templates_dir, templates::Style::default())?;
    let cover = |pages: &[Option<usize>]| front_sheet(&tera, pack, pages);
    progress("typesetting the pack");
    let (public, item_pages) = typeset_with_cover(
        &cover,
        parts,
        &owner,
        n,
        &meta(format!("{} – {date}: reports pack", pack.committee), ""),
        &public_charts,
        "Page",
    )?;

    // The agenda alone: the same front sheet, with the public pack's page numbers.
    let agenda_meta = meta(format!("{} – {date}: agenda", pack.committee), "");
    let agenda_parts = [Part {
        markdown: front_sheet(&tera, pack, &item_pages)?,
        ..front_part(format!("Agenda · {date}"))
    }];
    let layout = typeset::lay_out(&agenda_parts, &HashMap::new(), &agenda_meta.fonts).map_err(
        |message| Error::Pdf {
            name: agenda_meta.title.clone(),
            message,
        },
    )?;
    let agenda = typeset::render(&agenda_parts, layout, &agenda_meta, &HashMap::new(), "Page")?;

    let mut files = vec![
        Artifact {
            name: format!("{}-agenda.pdf", pack.slug),
            bytes: agenda.bytes,
            source: None,
            reused: false,
        },
        Artifact {
            name: format!("{}-public.pdf", pack.slug),
            bytes: public.bytes,
            source: None,
            reused: false,
        },
    ];

    // The exempt pack: exempt items only, every page marked not for publication.
    let exempt: Vec<(usize, &Item)> = pack
        .items
        .iter()
        .enumerate()
        .filter(|(_, it)| it.exempt.is_some() && it.report.is_some())
        .collect();
    let mut exempt_pages = 0;
    if !exempt.is_empty() {
        let mut parts = vec![Part {
            markdown: String::new(),
            header_left: "NOT FOR PUBLICATION".into(),
            header_right: format!("{} · {date}", pack.committee),
            bookmark: "Exempt items".into(),
            chart_scope: String::new(),
        }];
        let mut owner = vec![None];
        for (i, item) in &exempt {
            let Some(r) = item.report else { continue };
            let mut part = item_part(*i, markdown_of(r), "NOT FOR PUBLICATION");
            part.header_right = format!("{} · Item {}", pack.committee, item.number);
            parts.push(part);
            owner.push(Some(*i));
        }
        let cover = |pages: &[Option<usize>]| {
            let mut md = format!(
                "# Not for publication\n\n**{}**, {}\n\nThe reports in this pack contain exempt \
                 information under Schedule 12A to the Local Government Act 1972. They are for \
                 members of the committee and officers only.\n\n| Item | Business | Paragraph | Page |\n| :-- | :-- | :-- | --: |\n",
                esc(&pack.committee),
                date_line(pack)
            );
            for (i, item) in &exempt {
                md.push_str(&format!(
                    "| {} | {} | {} | {} |\n",
                    esc(&item.number),
                    esc(&item.title),
                    item.exempt.unwrap_or_default(),
                    pages[*i].map_or(String::new(), |p| p.to_string())
                ));
            }
            Ok(md)
        };
        progress("typesetting the pack");
        let (done, _) = typeset_with_cover(
            &cover,
            parts,
            &owner,
            n,
            &meta(
                format!(
                    "{} – {date}: exempt items (not for publication)",
                    pack.committee
                ),
                " – NOT FOR PUBLICATION",
            ),
            &exempt_charts,
            "Page",
        )?;
        exempt_pages = done.pages;
        files.push(Artifact {
            // Not for publication: kept apart, like every exempt paper's files.
            name: format!(
                "{}{}-exempt.pdf",
                crate::render::route::EXEMPT_FOLDER,
                pack.slug
            ),
            bytes: done.bytes,
            source: None,
            reused: false,
        });
    }

    // The supplementary pack: late and revised items with a paper, numbered on their own.
    let supplementary: Vec<(usize, &Item)> = pack
        .items
        .iter()
        .enumerate()
        .filter(|(_, it)| it.supplementary && it.report.is_some())
        .collect();
    let mut supplementary_pages = 0;
    let mut supplementary_item_pages = vec![None; n];
    if !supplementary.is_empty() {
        let mut parts = vec![Part {
            markdown: String::new(),
            header_left: pack.committee.clone(),
            header_right: format!("Supplementary agenda · {date}"),
            bookmark: "Supplementary agenda".into(),
            chart_scope: String::new(),
        }];
        let mut owner = vec![None];
        for (i, item) in &supplementary {
            let Some(r) = item.report else { continue };
            let md = match item.exempt {
                Some(p) => exemption_notice(item, p),
                None => markdown_of(r),
            };
            parts.push(item_part(*i, md, &pack.committee));
            owner.push(Some(*i));
        }
        let cover = |pages: &[Option<usize>]| {
            let mut md = format!(
                "# {}: supplementary agenda\n\n**{}**\n\n**Date:** {}\n\nThe following items were \
                 marked \"to follow\" on the agenda.\n\n| Item | Business | Page |\n| :-- | :-- | --: |\n",
                esc(&pack.committee),
                esc(&pack.authority),
                date_line(pack)
            );
            for (i, item) in &supplementary {
                md.push_str(&format!(
                    "| {} | {} | {} |\n",
                    esc(&item.number),
                    esc(&item.title),
                    pages[*i].map_or(String::new(), |p| format!("Supplementary page {p}"))
                ));
            }
            Ok(md)
        };
        progress("typesetting the pack");
        let (done, pages) = typeset_with_cover(
            &cover,
            parts,
            &owner,
            n,
            &meta(
                format!("{} – {date}: supplementary pack", pack.committee),
                "",
            ),
            &public_charts,
            "Supplementary page",
        )?;
        supplementary_pages = done.pages;
        supplementary_item_pages = pages;
        files.push(Artifact {
            name: format!("{}-supplementary.pdf", pack.slug),
            bytes: done.bytes,
            source: None,
            reused: false,
        });
    }

    // The HTML index, linking each public item's page (which `cabinet pack` builds with the
    // rest of the item's files, as `build` does).
    let mut links = HashMap::new();
    for item in &pack.items {
        let Some(r) = item.report else { continue };
        let p = &ready[&r];
        if item.exempt.is_none() && !p.route.exempt {
            links.insert(r, p.route.file("html"));
        }
    }
    files.push(Artifact {
        name: format!("{}-index.html", pack.slug),
        bytes: index_html(&tera, pack, &item_pages, &supplementary_item_pages, &links)?
            .into_bytes(),
        source: None,
        reused: false,
    });
    Ok(PackOutput {
        files,
        public_pages: public.pages,
        agenda_pages: agenda.pages,
        exempt_pages,
        supplementary_pages,
        item_pages,
        supplementary_item_pages,
    })
}

/// The meeting's HTML index: front-sheet details and the agenda, linking each public item's
/// HTML report. Exempt items are listed by title and paragraph only.
fn index_html(
    tera: &tera::Tera,
    pack: &Pack,
    pages: &[Option<usize>],
    supplementary_pages: &[Option<usize>],
    links: &HashMap<PaperId, String>,
) -> Result<String, Error> {
    let plain = |s: &str| s.to_string();
    let items = pack
        .items
        .iter()
        .enumerate()
        .map(|(i, item)| ItemView {
            number: item.number.clone(),
            title: item.title.clone(),
            text: item.text.as_ref().map(|t| t.trim().to_string()),
            exempt: item.exempt,
            exempt_text: item.exempt.map(paragraph_text).unwrap_or_default().into(),
            supplementary: item.supplementary,
            page: match (pages[i], supplementary_pages[i]) {
                (Some(p), _) => p.to_string(),
                (None, Some(p)) => format!("Supplementary page {p}"),
                _ => String::new(),
            },
            // Exempt items are listed by title and paragraph only, never linked.
            href: item
                .report
                .filter(|_| item.exempt.is_none())
                .and_then(|r| links.get(&r).cloned()),
        })
        .collect();
    let notices = pack
        .notices
        .iter()
        .map(|(heading, text)| NoticeView {
            heading: heading.clone(),
            text: crate::render::html::body(text, &HashMap::new()).body,
        })
        .collect();
    let mut view = PackView::new(pack, &plain, notices, items);
    view.has_supplementary = supplementary_pages.iter().any(Option::is_some);
    let page = templates::render(tera, "pack-index.html.tera", &view)?;
    // Whatever template wrote it, the page holds no code (its notices are sanitised).
    crate::render::html::check_page(&page).map_err(|message| Error::Template {
        name: "pack-index.html.tera".into(),
        message,
    })?;
    Ok(page)
}
