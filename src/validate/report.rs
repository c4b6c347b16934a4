//! Rules for report files: front matter, recommendations, sections, the initiatives it covers,
//! year consistency across those files, and published programme totals.

use super::{at, reference_key, slug, Ctx};
use crate::blocks::narrative;
use crate::calc;
use crate::diagnostic::{Code, Diagnostic};
use crate::model::report::Tables;
use crate::model::{
    Approval, ChartData, Exemption, Initiative, Money, NegativeStyle, Person, PublishedTotals,
    Report, SectionKey, Sections, Units,
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
) -> Option<Validated> {
    let start = cx.diags.iter().filter(|d| d.is_error()).count();
    let date = |cx: &mut Ctx, v: &raw::S<String>| crate::rules::calendar::date(cx, v, "2016-11-14");
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
    // The figures of its initiatives in the report's unit, and their programme over the
    // union of their years.
    let unit = crate::model::table::Unit::from(units);
    let profiles: Vec<std::borrow::Cow<crate::model::FinancialProfile>> = chosen
        .iter()
        .map(|(i, _)| initiatives[*i].finance_in(unit))
        .collect();
    let figs: Vec<calc::InitiativeFigures> = profiles.iter().map(|p| calc::initiative(p)).collect();
    let programme = {
        let refs: Vec<&calc::InitiativeFigures> = figs.iter().collect();
        calc::programme(&refs)
    };
    let gap = years_gap(cx, initiatives, &chosen, years_spans, &programme);
    printed_places(cx, initiatives, &chosen, &profiles, raw, unit, decimals);
    let printable = too_large_in_report(cx, initiatives, &chosen, &figs, &programme);

    // Published programme totals, checked against the computed sums.
    let published = raw
        .published_totals
        .as_ref()
        .filter(|_| !incomplete && !gap && printable)
        .map(|pt| {
            let n = programme.years.len();
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
                ),
                (
                    "gross saving",
                    read(cx, &pt.value.gross_saving, "gross saving"),
                    &programme.gross_saving,
                ),
                ("net", read(cx, &pt.value.net, "net"), &programme.net),
            ];
            for (y, year) in programme.years.iter().enumerate() {
                let terms = programme.terms(y);
                let off = |r: usize| {
                    let (_, stated, computed) = &rows[r];
                    let (vals, _) = stated.as_ref()?;
                    match calc::compare(*vals.get(y)?, *computed.get(y)?, terms[r]) {
                        calc::Agreement::Mismatch(d) => Some(d),
                        _ => None,
                    }
                };
                // One figure of an initiative puts its row's total and the net total of the
                // year out by the same amount: said once, at the row, with the net beside it.
                let net_follows = [0, 1]
                    .into_iter()
                    .find(|&r| off(r).is_some() && off(r) == off(2));
                for (r, (name, stated, computed)) in rows.iter().enumerate() {
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
                        terms[r],
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
    let tables = tables(cx, drafts, &programme, !chosen.is_empty(), units);
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
    // Without its initiatives or a printable programme, its tables (and so its quotes) were
    // not computed: anything said of them would be a knock-on.
    if incomplete || gap || !printable {
        return None;
    }
    let buildable = cx.diags.iter().filter(|d| d.is_error()).count() == start;
    let file_stem = slug(&raw.title.value);
    let report = Report {
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
    };
    Some(Validated { report, buildable })
}

/// A report as validated. One with errors is still returned when its tables could be
/// computed, so that checks of its independent parts (the figures its text quotes) still
/// run in the same pass; it is never built.
pub(crate) struct Validated {
    pub report: Report,
    /// No error was found in the file: the report may be built.
    pub buildable: bool,
}

/// The report's tables: names resolved across them, figures computed (from the programme of
/// its initiatives where they read it), and what the figures show reported at its place.
fn tables(
    cx: &mut Ctx,
    drafts: Vec<crate::blocks::table::Table<crate::model::table::RowName>>,
    p: &calc::ProgrammeFigures,
    has_programme: bool,
    units: Units,
) -> Tables {
    let programme = crate::model::table::Programme {
        years: p.years.clone(),
        lines: [p.investment.clone(), p.gross_saving.clone(), p.net.clone()],
        terms: {
            let by_year: Vec<[usize; 3]> = (0..p.years.len()).map(|y| p.terms(y)).collect();
            [0, 1, 2].map(|l| by_year.iter().map(|t| t[l]).collect())
        },
        unit: Some(units.into()),
    };
    let tables = crate::blocks::table::validate::resolve(cx.diags, drafts, has_programme);
    let figures = crate::blocks::table::calc::figures(&tables, &programme);
    crate::blocks::table::validate::report(cx.diags, &tables, &figures);
    Tables {
        tables,
        figures,
        programme,
    }
}

/// Initiatives of different spans share one programme over the union of their years, but the
/// years must still run on without a gap: a year between them that none of them covers would be
/// a column of nothing (most often one initiative's years are mistyped, 2061/62 for 2016/17).
/// Returns whether there is such a gap.
fn years_gap(
    cx: &mut Ctx,
    initiatives: &[Initiative],
    chosen: &[(usize, Range<usize>)],
    years_spans: &[Range<usize>],
    programme: &calc::ProgrammeFigures,
) -> bool {
    let Some((before, after)) = calc::gap(&programme.years) else {
        return false;
    };
    let show = |ys: &[crate::model::FinancialYear]| match (ys.first(), ys.last()) {
        (Some(a), Some(b)) if a == b => format!("{a}"),
        (Some(a), Some(b)) => format!("{a} to {b}"),
        _ => "no years".into(),
    };
    // The initiative whose years start after the gap, and one whose years end before it.
    let starts = chosen
        .iter()
        .find(|(i, _)| initiatives[*i].finance.years.first() == Some(&after));
    let ends = chosen
        .iter()
        .find(|(i, _)| initiatives[*i].finance.years.last() == Some(&before));
    // The years of the gap: from the one after `before` to the one before `after`.
    let first = before.next();
    let mut last = first;
    while last.next() < after {
        last = last.next();
    }
    let missing = if first == last {
        first.to_string()
    } else {
        format!("{first} to {last}")
    };
    let (Some((a, a_at)), Some((b, _))) = (starts, ends) else {
        return true;
    };
    let (late, early) = (&initiatives[*a], &initiatives[*b]);
    cx.diags.push(
        Diagnostic::error(
            Code::YearsInconsistent,
            format!(
                "no initiative of this report covers {missing}: `{}` covers {} and `{}` covers {}",
                late.reference,
                show(&late.finance.years),
                early.reference,
                show(&early.finance.years)
            ),
        )
        .at(late.file, years_spans[*a].clone(), "these years")
        .also(early.file, years_spans[*b].clone(), "end before the gap")
        .also(cx.file, a_at.clone(), "both are in this report")
        .hint("initiatives of different spans may share a report, but their years must run on without a gap: check the years for a typo, or report them apart"),
    );
    true
}

/// A row of an initiative's profile: its label, its figures as entered, the same in the
/// report's unit, and where each is written.
type PrintedRow<'a> = (
    String,
    Vec<Option<Money>>,
    Vec<Option<Money>>,
    &'a [Range<usize>],
    &'a [crate::model::FinancialYear],
    u32,
);

/// A figure of an initiative that the report prints rounded: more decimal places, once in the
/// report's unit, than the report prints (0.1645 at 3 places; 0.164 £m in a £k report at 0
/// places is 164 and fine, but 0.1645 £m is 164.5 and prints as 165). Warned at the figure.
fn printed_places(
    cx: &mut Ctx,
    initiatives: &[Initiative],
    chosen: &[(usize, Range<usize>)],
    profiles: &[std::borrow::Cow<crate::model::FinancialProfile>],
    raw: &raw::Report,
    unit: crate::model::table::Unit,
    decimals: u32,
) {
    let report_at = raw
        .decimals
        .as_ref()
        .map(|d| at(d))
        .or_else(|| raw.units.as_ref().map(|u| at(u)));
    let budget = |p: &crate::model::FinancialProfile| -> Vec<Option<Money>> {
        p.current_budget
            .as_ref()
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    for ((i, listed), shown_profile) in chosen.iter().zip(profiles) {
        let init = &initiatives[*i];
        let (own, shown) = (&init.finance, shown_profile.as_ref());
        let from = init.unit_in(unit);
        // (label, entered figures, the same in the report's unit, their places)
        let mut rows: Vec<PrintedRow> = Vec::new();
        for ((o, s), at) in own
            .investment
            .iter()
            .zip(&shown.investment)
            .zip(&init.places.investment)
        {
            let some = |v: &[Money]| v.iter().map(|m| Some(*m)).collect();
            rows.push((
                o.label.clone(),
                some(&o.values),
                some(&s.values),
                at,
                &own.years,
                decimals,
            ));
        }
        let some = |v: &[Money]| v.iter().map(|m| Some(*m)).collect();
        rows.push((
            own.gross_saving_label.clone(),
            some(&own.gross_saving),
            some(&shown.gross_saving),
            &init.places.gross_saving,
            &own.years,
            decimals,
        ));
        if let Some((label, _)) = &own.current_budget {
            rows.push((
                label.clone(),
                budget(own),
                budget(shown),
                &init.places.current_budget,
                &own.years,
                decimals,
            ));
        }
        // A benefits table in the initiative's unit prints in the report's, at its places
        // (its totals are computed from these; counts print as entered).
        if let Some(b) = init
            .bid
            .as_ref()
            .and_then(|b| b.benefits.as_ref())
            .filter(|b| b.unit.is_none())
        {
            for r in b.rows.iter().filter(|r| r.count.is_none() && !r.total) {
                let entered: Vec<Option<Money>> =
                    r.values.iter().map(|v| v.map(Money::new)).collect();
                let shown = entered
                    .iter()
                    .map(|v| v.map(|m| init.money_in(m, unit)))
                    .collect();
                rows.push((
                    format!("benefits, `{}`", r.label),
                    entered,
                    shown,
                    &r.at,
                    &b.years,
                    b.decimals.unwrap_or(decimals),
                ));
            }
        }
        for (label, entered, values, spans, years, decimals) in rows {
            for (((e, v), span), year) in entered.iter().zip(&values).zip(spans).zip(years) {
                let (Some(e), Some(v)) = (e, v) else { continue };
                let printed = v.round_dp(decimals);
                if printed == *v {
                    continue;
                }
                let what = format!("`{}` {label}, {year}", init.reference);
                let printed = printed.format(decimals, NegativeStyle::Brackets);
                // Each figure as written: to its own places, in the house negative style.
                let as_written = |m: &Money| m.format(m.scale(), NegativeStyle::Brackets);
                let message = if from == unit {
                    format!(
                        "{what}: {} has more decimal places than the report prints ({decimals}), so it prints as {printed}",
                        as_written(e),
                    )
                } else {
                    format!(
                        "{what}: {} ({}) is {} in this report's {}, which it prints to {decimals} decimal place(s), as {printed}",
                        as_written(e),
                        from.symbol(),
                        as_written(v),
                        unit.symbol(),
                    )
                };
                // An initiative that states no unit is in the report's: in a £k report, £m
                // figures print as 0, 1, 1, 1 unless the file says what they are.
                let hint = if init.units.is_none() && unit != crate::model::table::Unit::Millions {
                    format!(
                        "if the initiative's figures are in £m, say so with `units: £m` in its file and this report converts them exactly (0.164 is 164 {}); otherwise enter the figure as printed, or raise the report's `decimals`",
                        unit.symbol()
                    )
                } else {
                    "enter the figure as the report prints it, or raise the report's `decimals`"
                        .to_string()
                };
                let mut d = Diagnostic::warning(Code::MoreDecimalsThanPrinted, message)
                    .at(init.file, span.clone(), "printed rounded")
                    .hint(hint);
                d = match &report_at {
                    Some(r) => d.also(cx.file, r.clone(), "the report's unit and places"),
                    None => d.also(cx.file, listed.clone(), "listed in this report"),
                };
                cx.diags.push(d);
            }
        }
    }
}

/// Which line of an initiative's figures a programme line adds.
type LineOf = fn(&calc::InitiativeFigures) -> &[Money];

/// A figure of the report's initiatives or their programme too large to print once in the
/// report's unit (a £m figure in a £k report is 1,000 times larger; a programme adds many):
/// said once, at the initiative (or the list) it comes from. Returns whether all print.
fn too_large_in_report(
    cx: &mut Ctx,
    initiatives: &[Initiative],
    chosen: &[(usize, Range<usize>)],
    figs: &[calc::InitiativeFigures],
    programme: &calc::ProgrammeFigures,
) -> bool {
    let all = |f: &calc::InitiativeFigures| {
        f.investment
            .iter()
            .chain(&f.gross_saving)
            .chain(&f.net)
            .chain(&f.cumulative_net)
            .chain(&f.line_totals)
            .chain([&f.total_investment, &f.total_gross_saving, &f.total_net])
            .find(|m| !m.is_printable())
            .copied()
    };
    for ((i, listed), f) in chosen.iter().zip(figs) {
        if let Some(m) = all(f) {
            cx.error(
                Code::FigureTooLarge,
                listed.clone(),
                format!(
                    "`{}` has a figure of {} in this report's unit, more than a table can print",
                    initiatives[*i].reference,
                    m.format(0, NegativeStyle::Brackets)
                ),
                "too large to print",
                "figures print with at most 15 digits before the decimal point: check the initiative's figures and `units:`",
            );
            return false;
        }
    }
    // A year's total too large to print, said at the initiative adding the most to it.
    let p = programme;
    let lines: [(&[Money], LineOf); 3] = [
        (&p.investment, |f| &f.investment),
        (&p.gross_saving, |f| &f.gross_saving),
        (&p.net, |f| &f.net),
    ];
    for (totals, of) in lines {
        let Some(y) = totals.iter().position(|m| !m.is_printable()) else {
            continue;
        };
        let year = p.years[y];
        let most = chosen
            .iter()
            .zip(figs)
            .filter_map(|((i, listed), f)| {
                let k = f.years.iter().position(|fy| *fy == year)?;
                Some((of(f).get(k)?.abs(), *i, listed))
            })
            // The first of equals, in the report's order.
            .rev()
            .max_by_key(|(m, ..)| *m);
        let Some((_, i, listed)) = most else { continue };
        cx.diags.push(
            Diagnostic::error(
                Code::FigureTooLarge,
                format!(
                    "the programme of this report's initiatives adds up to {} in {year}, more than a table can print (`{}` adds the most)",
                    totals[y].format(totals[y].scale(), NegativeStyle::Brackets),
                    initiatives[i].reference
                ),
            )
            .at(cx.file, listed.clone(), "too large to print")
            .hint("figures print with at most 15 digits before the decimal point: check the initiatives' figures and `units:`"),
        );
        return false;
    }
    // The totals across years: one year printable, their sum not.
    let across = [&p.total_investment, &p.total_gross_saving, &p.total_net]
        .into_iter()
        .chain(&p.cumulative_net)
        .find(|m| !m.is_printable());
    if let (Some(m), Some(first)) = (across, chosen.first()) {
        cx.diags.push(
            Diagnostic::error(
                Code::FigureTooLarge,
                format!(
                    "the programme of this report's initiatives adds up to {} over its years, more than a table can print",
                    m.format(m.scale(), NegativeStyle::Brackets)
                ),
            )
            .at(cx.file, first.1.clone(), "too large to print")
            .hint("figures print with at most 15 digits before the decimal point: check the initiatives' figures and `units:`"),
        );
        return false;
    }
    true
}
