//! Rules for report files: front matter, recommendations, sections, the initiatives it covers,
//! year consistency across those files, and published programme totals.

use super::{at, reference_key, slug, Ctx};
use crate::blocks::narrative;
use crate::calc;
use crate::diagnostic::{Code, Diagnostic};
use crate::model::report::Tables;
use crate::model::{
    Approval, ChartData, Date, Exemption, Initiative, Money, NegativeStyle, Person,
    PublishedTotals, Report, SectionKey, Sections, Units,
};
use crate::raw;
use crate::rules::figures::{row, stated_diagnostic};
use crate::rules::references::References;
use std::collections::HashMap;
use std::ops::Range;

fn person(p: &raw::Person) -> Person {
    let clean = |o: &Option<String>| {
        o.as_ref()
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
    };
    Person {
        name: p.name.trim().to_string(),
        role: clean(&p.role),
        phone: clean(&p.phone),
        email: clean(&p.email),
    }
}

fn opt_text(s: &Option<String>) -> Option<String> {
    s.as_ref()
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty())
}

pub(crate) fn validate(
    cx: &mut Ctx,
    raw: &raw::Report,
    initiatives: &[Initiative],
    known: &References,
    years_spans: &[Range<usize>],
    rejected: &std::collections::HashSet<String>,
    unread: &super::Unread,
) -> Option<Report> {
    let start = cx.diags.iter().filter(|d| d.is_error()).count();
    let date = |cx: &mut Ctx, v: &raw::S<String>| {
        Date::parse(&v.value).or_else(|| {
            cx.error(
                Code::BadDate,
                at(v),
                format!("`{}` is not a date", v.value.trim()),
                "not a date",
                "write dates as YYYY-MM-DD, e.g. 2016-11-14",
            );
            None
        })
    };
    let meeting_date = date(cx, &raw.meeting_date);
    for (v, what) in [(&raw.title, "title"), (&raw.committee, "committee")] {
        if v.value.trim().is_empty() {
            cx.error(
                Code::EmptyText,
                at(v),
                format!("the report's {what} is empty"),
                "empty",
                "",
            );
        }
    }
    if raw.recommendations.value.is_empty() {
        cx.error(
            Code::EmptyText,
            at(&raw.recommendations),
            "a report needs at least one recommendation".into(),
            "no recommendations",
            "e.g. `- Note the contents of this report;`",
        );
    }
    for r in &raw.recommendations.value {
        if r.value.trim().is_empty() {
            cx.error(
                Code::EmptyText,
                at(r),
                "an empty recommendation".into(),
                "empty",
                "",
            );
        }
    }
    let units = match &raw.units {
        None => Units::default(),
        Some(u) => Units::parse(&u.value).unwrap_or_else(|| {
            cx.error(
                Code::BadValue,
                at(u),
                format!("unknown units `{}`", u.value.trim()),
                "not a unit",
                "use `£m` or `£k`",
            );
            Units::default()
        }),
    };
    let negatives = match raw.negatives.as_ref().map(|n| (n, n.value.trim())) {
        None => NegativeStyle::default(),
        Some((_, "brackets")) => NegativeStyle::Brackets,
        Some((_, "minus")) => NegativeStyle::Minus,
        Some((n, other)) => {
            cx.error(
                Code::BadValue,
                at(n),
                format!("unknown negative style `{other}`"),
                "not a style",
                "use `brackets` or `minus`",
            );
            NegativeStyle::default()
        }
    };
    let chart_data = match &raw.chart_data {
        None => ChartData::default(),
        Some(c) => ChartData::parse(&c.value).unwrap_or_else(|| {
            cx.error(
                Code::BadValue,
                at(c),
                format!("unknown chart data placement `{}`", c.value.trim()),
                "not a placement",
                "use `appendix` (tables gathered at the end) or `inline` (each after its chart)",
            );
            ChartData::default()
        }),
    };
    let decimals = match &raw.decimals {
        Some(d) if d.value > 6 => {
            cx.error(
                Code::BadValue,
                at(d),
                format!("{} decimal places is more than cabinet prints", d.value),
                "too many",
                "use 0 to 6",
            );
            units.default_decimals()
        }
        Some(d) => d.value,
        None => units.default_decimals(),
    };
    let exempt = match raw.exempt.as_ref().map(|e| &e.value) {
        None | Some(raw::Exempt::Flag(false)) => Exemption::No,
        Some(raw::Exempt::Flag(true)) => Exemption::Yes {
            paragraph: None,
            reason: None,
        },
        Some(raw::Exempt::Paragraph { paragraph, reason }) => {
            if !(1..=7).contains(paragraph) {
                let e = raw.exempt.as_ref().map(|e| at(e)).unwrap_or(0..0);
                cx.error(
                    Code::BadValue,
                    e,
                    format!("Schedule 12A has paragraphs 1 to 7, not {paragraph}"),
                    "no such paragraph",
                    "",
                );
            }
            Exemption::Yes {
                paragraph: Some(*paragraph),
                reason: opt_text(reason),
            }
        }
    };

    // The initiatives it covers, resolved by reference.
    let mut chosen: Vec<(usize, Range<usize>)> = Vec::new();
    // Where each chosen initiative is first listed, to find a second listing in one look.
    let mut first_listed: HashMap<usize, Range<usize>> = HashMap::new();
    // Set when a listed initiative is missing, so programme totals would leave it out.
    let mut incomplete = false;
    for r in &raw.initiatives {
        let key = reference_key(&r.value);
        match known.find_key(&key) {
            Some(i) => {
                if let Some(first) = first_listed.get(&i) {
                    cx.diags.push(
                        Diagnostic::error(
                            Code::DuplicateReference,
                            format!("`{}` is listed twice", r.value.trim()),
                        )
                        .at(cx.file, at(r), "listed again")
                        .also(cx.file, first.clone(), "first listed here")
                        .hint("list each initiative once, so its figures are counted once"),
                    );
                } else {
                    first_listed.insert(i, at(r));
                    chosen.push((i, at(r)));
                }
            }
            // Its file has errors of its own, reported where they are.
            None if rejected.contains(&key) || unread.may_hold(&key) => incomplete = true,
            None => {
                incomplete = true;
                let message = format!("no initiative file has the reference `{}`", r.value.trim());
                let (message, hint) = match known.closest(&r.value) {
                    Some(c) => (
                        format!("{message}; did you mean `{c}`?"),
                        "references are compared ignoring case, spaces and punctuation".to_string(),
                    ),
                    None if known.is_empty() => (
                        message,
                        "no initiative files were found; `cabinet new initiative NAME` starts one"
                            .to_string(),
                    ),
                    None => (message, format!("known references: {}", known.list())),
                };
                cx.error(
                    Code::UnknownInitiative,
                    at(r),
                    message,
                    "unknown initiative",
                    &hint,
                );
            }
        }
    }
    // Every initiative of one report must cover the same years.
    if let Some((first, first_ref)) = chosen.first() {
        let base = &initiatives[*first];
        for (i, r) in chosen.iter().skip(1) {
            let other = &initiatives[*i];
            if other.finance.years != base.finance.years {
                let show = |ys: &[crate::model::FinancialYear]| match (ys.first(), ys.last()) {
                    (Some(a), Some(b)) => format!("{a} to {b}"),
                    _ => "no years".into(),
                };
                cx.diags.push(
                    Diagnostic::error(
                        Code::YearsInconsistent,
                        format!(
                            "`{}` covers {} but `{}` covers {}",
                            other.reference,
                            show(&other.finance.years),
                            base.reference,
                            show(&base.finance.years)
                        ),
                    )
                    .at(other.file, years_spans[*i].clone(), "these years")
                    .also(base.file, years_spans[*first].clone(), "differ from these")
                    .also(cx.file, r.clone(), "both are in this report")
                    .hint("align the years of the initiatives in one report"),
                );
                let _ = first_ref;
            }
        }
    }

    // Published programme totals, checked against the computed sums.
    let published = raw
        .published_totals
        .as_ref()
        .filter(|_| !incomplete)
        .map(|pt| {
            let figs: Vec<calc::InitiativeFigures> = chosen
                .iter()
                .map(|(i, _)| calc::initiative(&initiatives[*i].finance))
                .collect();
            let refs: Vec<&calc::InitiativeFigures> = figs.iter().collect();
            let programme = calc::programme(&refs);
            let n = programme.years.len();
            let [ti, tg, tn] = calc::programme_terms(chosen.len());
            let caption = pt.value.caption.clone();
            let label = caption
                .clone()
                .unwrap_or_else(|| "the published total".to_string());
            let read = |cx: &mut Ctx,
                        v: &Option<raw::S<Vec<raw::S<raw::Figure>>>>,
                        name: &str|
             -> Option<(Vec<Money>, Vec<Range<usize>>)> {
                let v = v.as_ref()?;
                let (vals, spans) = row(cx, v, n, &format!("{label} ({name})"), false)?;
                Some((vals.into_iter().flatten().collect(), spans))
            };
            let rows = [
                (
                    "investment",
                    read(cx, &pt.value.investment, "investment"),
                    &programme.investment,
                    ti,
                ),
                (
                    "gross saving",
                    read(cx, &pt.value.gross_saving, "gross saving"),
                    &programme.gross_saving,
                    tg,
                ),
                ("net", read(cx, &pt.value.net, "net"), &programme.net, tn),
            ];
            for (y, year) in programme.years.iter().enumerate() {
                let off = |r: usize| {
                    let (_, stated, computed, terms) = &rows[r];
                    let (vals, _) = stated.as_ref()?;
                    match calc::compare(*vals.get(y)?, *computed.get(y)?, *terms) {
                        calc::Agreement::Mismatch(d) => Some(d),
                        _ => None,
                    }
                };
                // One figure of an initiative puts its row's total and the net total of the
                // year out by the same amount: said once, at the row, with the net beside it.
                let net_follows = [0, 1]
                    .into_iter()
                    .find(|&r| off(r).is_some() && off(r) == off(2));
                for (r, (name, stated, computed, terms)) in rows.iter().enumerate() {
                    let Some((vals, spans)) = stated else {
                        continue;
                    };
                    if r == 2 && net_follows.is_some() {
                        continue;
                    }
                    let (Some(s), Some(c), Some(sp)) = (vals.get(y), computed.get(y), spans.get(y))
                    else {
                        continue;
                    };
                    let Some(mut d) = stated_diagnostic(
                        cx.file,
                        sp.clone(),
                        &format!("{label}: {name} for {year}"),
                        *s,
                        *c,
                        *terms,
                        Code::PublishedTotalMismatch,
                    ) else {
                        continue;
                    };
                    if Some(r) == net_follows {
                        if let Some(net_span) = rows[2].1.as_ref().and_then(|(_, sp)| sp.get(y)) {
                            d = d.also(
                                cx.file,
                                net_span.clone(),
                                "the net is out by the same, and for the same reason",
                            );
                        }
                    }
                    cx.diags.push(d);
                }
            }
            let [(_, investment, ..), (_, gross_saving, ..), (_, net, ..)] = rows;
            PublishedTotals {
                investment: investment.map(|(v, _)| v),
                gross_saving: gross_saving.map(|(v, _)| v),
                net: net.map(|(v, _)| v),
                caption,
            }
        });

    let mut omit = Vec::new();
    for o in &raw.omit {
        match SectionKey::parse(&o.value) {
            Some(k) if !k.can_omit() => cx.error(
                Code::BadValue,
                at(o),
                format!("the `{}` section cannot be omitted", k.key()),
                "always printed",
                "financial implications are part of every cabinet report",
            ),
            Some(k) => omit.push(k),
            None => {
                let names: Vec<&str> = SectionKey::ALL
                    .iter()
                    .filter(|k| k.can_omit())
                    .map(|k| k.key())
                    .collect();
                cx.error(
                    Code::BadValue,
                    at(o),
                    format!("unknown section `{}`", o.value.trim()),
                    "not a section",
                    &format!("sections: {}", names.join(", ")),
                );
            }
        }
    }
    // The narrative fields, with the tables they place (validated now, their names resolved
    // once every table of the report is known).
    let unit = crate::model::table::Unit::from(units);
    let mut drafts = Vec::new();
    let summary = narrative::validate(cx, &raw.summary, unit, &mut drafts);
    if summary.is_empty() {
        cx.error(
            Code::EmptyText,
            at(&raw.summary),
            "the report's summary is empty".into(),
            "empty",
            "",
        );
    }
    let mut text = |cx: &mut Ctx, f: &Option<raw::S<narrative::RawNarrative>>| {
        f.as_ref()
            .map(|f| narrative::validate(cx, f, unit, &mut drafts))
            .filter(|n| !n.is_empty())
    };
    let s = &raw.sections;
    let mut sections = Sections {
        omit,
        key_issues_after: text(cx, &s.key_issues_after),
        ..Sections::default()
    };
    for (key, value) in [
        (SectionKey::Background, &s.background),
        (SectionKey::KeyIssues, &s.key_issues),
        (SectionKey::Options, &s.options),
        (SectionKey::Consultation, &s.consultation),
        (SectionKey::Timetable, &s.timetable),
        (SectionKey::Financial, &s.financial),
        (SectionKey::Legal, &s.legal),
        (SectionKey::HumanResources, &s.human_resources),
        (SectionKey::ChildrenYoungPeople, &s.children_young_people),
        (SectionKey::Equalities, &s.equalities),
        (SectionKey::Partners, &s.partners),
        (SectionKey::Risks, &s.risks),
    ] {
        if let Some(t) = text(cx, value) {
            sections.text.insert(key, t);
        }
    }
    let tables = tables(cx, drafts, initiatives, &chosen, units);
    let approvals = raw
        .approvals
        .iter()
        .map(|a| Approval {
            role: a.role.trim().to_string(),
            name: a.name.trim().to_string(),
            date: a.date.as_ref().and_then(|d| date(cx, d)),
        })
        .collect();

    let meeting_date = meeting_date?;
    if incomplete || cx.diags.iter().filter(|d| d.is_error()).count() > start {
        return None;
    }
    let file_stem = slug(&raw.title.value);
    Some(Report {
        slug: file_stem,
        council: raw
            .council
            .as_ref()
            .map(|c| c.value.trim().to_string())
            .filter(|c| !c.is_empty()),
        committee: raw.committee.value.trim().to_string(),
        meeting_date,
        title: raw.title.value.trim().to_string(),
        agenda_item: raw.agenda_item.as_ref().map(|a| a.value.trim().to_string()),
        key_decision: raw.key_decision,
        forward_plan: raw.forward_plan,
        strategic_director: raw
            .strategic_director
            .as_ref()
            .map(|s| s.value.trim().to_string()),
        authors: raw.authors.iter().map(person).collect(),
        wards: raw.wards.as_ref().map(|w| w.value.trim().to_string()),
        summary,
        recommendations_intro: opt_text(&raw.recommendations_intro)
            .unwrap_or_else(|| "Cabinet is asked to:".to_string()),
        recommendations: raw
            .recommendations
            .value
            .iter()
            .map(|r| r.value.trim().to_string())
            .collect(),
        recommendations_at: raw.recommendations.value.iter().map(|r| at(r)).collect(),
        reasons: opt_text(&raw.reasons),
        appendices: raw
            .appendices
            .iter()
            .map(|a| a.trim().to_string())
            .collect(),
        background_papers: raw
            .background_papers
            .iter()
            .map(|a| a.trim().to_string())
            .collect(),
        other_committees: opt_text(&raw.other_committees),
        council_approval: raw.council_approval,
        exempt,
        units,
        decimals,
        negatives,
        chart_data,
        initiatives: chosen.into_iter().map(|(i, _)| i).collect(),
        published_totals: published,
        sections,
        accountable_officers: raw.accountable_officers.iter().map(person).collect(),
        approvals,
        templates: raw
            .templates
            .as_ref()
            .map(|t| std::path::PathBuf::from(t.value.trim())),
        // As written (relative to the report file); resolved and read with the other fonts
        // once every file is checked.
        fonts: raw
            .fonts
            .iter()
            .map(|f| std::path::PathBuf::from(f.value.trim()))
            .collect(),
        font_spans: raw.fonts.iter().map(|f| at(f)).collect(),
        templates_at: raw.templates.as_ref().map(|t| at(t)).unwrap_or_default(),
        tables: std::sync::Arc::new(tables),
        file: cx.file,
    })
}

/// The report's tables: names resolved across them, figures computed (from the programme of
/// its initiatives where they read it), and what the figures show reported at its place.
fn tables(
    cx: &mut Ctx,
    drafts: Vec<crate::blocks::table::Table<crate::model::table::RowName>>,
    initiatives: &[Initiative],
    chosen: &[(usize, std::ops::Range<usize>)],
    units: Units,
) -> Tables {
    let figs: Vec<calc::InitiativeFigures> = chosen
        .iter()
        .map(|(i, _)| calc::initiative(&initiatives[*i].finance))
        .collect();
    let refs: Vec<&calc::InitiativeFigures> = figs.iter().collect();
    let p = calc::programme(&refs);
    let programme = crate::model::table::Programme {
        years: p.years.clone(),
        lines: [p.investment.clone(), p.gross_saving.clone(), p.net.clone()],
        terms: calc::programme_terms(chosen.len()),
        unit: Some(units.into()),
    };
    let tables = crate::blocks::table::validate::resolve(cx.diags, drafts, !chosen.is_empty());
    let figures = crate::blocks::table::calc::figures(&tables, &programme);
    crate::blocks::table::validate::report(cx.diags, &tables, &figures);
    Tables {
        tables,
        figures,
        programme,
    }
}
