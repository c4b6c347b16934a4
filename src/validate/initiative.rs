//! Rules for initiative files: identity, years, rows, signs, stated figures and scale.

use super::{at, slug, Ctx};
use crate::blocks::bid_form;
use crate::calc;
use crate::diagnostic::Code;
use crate::model::table::Unit;
use crate::model::{
    FinancialProfile, FinancialYear, Initiative, InvestmentLine, Kpi, Money, NegativeStyle, Places,
    Status,
};
use crate::raw;
use crate::rules::figures::{fmt, reconcile, row, stated, Entered, Role, Stated};
use rust_decimal::Decimal;
use std::ops::Range;

fn text(v: &Option<raw::S<String>>) -> Option<String> {
    v.as_ref()
        .map(|s| s.value.trim().to_string())
        .filter(|s| !s.is_empty())
}

/// Validates one initiative. Returns it with the span of its `years` (for cross-file checks).
pub(crate) fn validate(cx: &mut Ctx, raw: &raw::Initiative) -> Option<(Initiative, Range<usize>)> {
    let start = cx.diags.iter().filter(|d| d.is_error()).count();
    let reference = raw.reference.value.trim().to_string();
    if reference.is_empty() {
        cx.error(
            Code::EmptyText,
            at(&raw.reference),
            "the reference is empty".into(),
            "empty",
            "e.g. `reference: CYPS 2`",
        );
    }
    if raw.title.value.trim().is_empty() {
        cx.error(
            Code::EmptyText,
            at(&raw.title),
            "the title is empty".into(),
            "empty",
            "",
        );
    }
    let status = match &raw.status {
        None => Status::Proposed,
        Some(s) => Status::parse(&s.value).unwrap_or_else(|| {
            cx.error(
                Code::BadValue,
                at(s),
                format!("unknown status `{}`", s.value.trim()),
                "not a status",
                &format!("use one of: {}", Status::NAMES.join(", ")),
            );
            Status::Proposed
        }),
    };
    let units = raw.units.as_ref().and_then(|u| units(cx, u));
    let f = &raw.finance.value;
    let years = years(cx, &f.years);
    // The rows are checked against the number of years even where a year is unreadable, so
    // a malformed year hides none of the figures' own problems.
    let n = years.as_ref().map_or(f.years.value.len(), Vec::len);
    let year_names: Vec<String> = f
        .years
        .value
        .iter()
        .map(|y| y.value.trim().to_string())
        .collect();
    // Every row read whole, so the computed net can be compared with the stated one.
    let mut rows_ok = n > 0;
    let mut rows: Vec<Entered> = Vec::new();
    let mut stated_checks: Vec<Stated> = Vec::new();

    let mut investment = Vec::new();
    if f.investment.value.is_empty() {
        cx.error(
            Code::MissingField,
            at(&f.investment),
            "an initiative needs at least one investment line".into(),
            "empty list",
            "write a line of 0.000 figures if there is no investment",
        );
        // Without its investment the net cannot be computed: the stated net is not compared
        // (each year would be told it is out by the missing line).
        rows_ok = false;
    }
    let mut all_figures: Vec<(Money, Range<usize>, String)> = Vec::new();
    let mut places = Places::default();
    for line in &f.investment.value {
        let l = &line.value;
        let label = l
            .label
            .as_ref()
            .map_or("Investment".to_string(), |s| s.value.trim().to_string());
        let Some((vals, spans)) = row(cx, &l.values, n, &label, false) else {
            rows_ok = false;
            continue;
        };
        let vals: Vec<Money> = vals.into_iter().flatten().collect();
        for (v, s) in vals.iter().zip(&spans) {
            if v.is_negative() {
                cx.error(
                    Code::SignSlip,
                    s.clone(),
                    format!("{label}: investment of {} is negative", fmt(*v)),
                    "investment is a cost",
                    "enter investment as a positive figure; savings go under `gross_saving`",
                );
            }
            all_figures.push((*v, s.clone(), label.clone()));
        }
        let stated_cumulative = l.cumulative.as_ref().and_then(|c| stated(cx, c, &label));
        let in_totals = l.in_totals.as_ref().is_none_or(|b| b.value);
        if let (Some(s), Some(c)) = (stated_cumulative, l.cumulative.as_ref()) {
            stated_checks.push(Stated {
                what: format!("the Cumulative of `{label}`"),
                span: at(c),
                stated: s,
                computed: vals.iter().sum(),
                terms: n,
                code: Code::CumulativeMismatch,
                role: Role::RowTotal(rows.len()),
            });
        }
        places.investment.push(spans.clone());
        rows.push(Entered {
            label: label.clone(),
            values: vals.clone(),
            spans,
            in_net: in_totals,
        });
        investment.push(InvestmentLine {
            label,
            values: vals,
            in_totals,
            stated_cumulative,
        });
    }

    let g = &f.gross_saving.value;
    let gross_label = g
        .label
        .as_ref()
        .map_or("Gross Saving".to_string(), |s| s.value.trim().to_string());
    let gross = row(cx, &g.values, n, &gross_label, false).map(|(vals, spans)| {
        let vals: Vec<Money> = vals.into_iter().flatten().collect();
        for (v, s) in vals.iter().zip(&spans) {
            if v.is_positive() {
                cx.error(
                    Code::SignSlip,
                    s.clone(),
                    format!("{gross_label}: a saving of {} is positive", fmt(*v)),
                    "savings are negative figures",
                    &format!("write it as ({}) or -{}", fmt(*v), fmt(*v)),
                );
            }
            all_figures.push((*v, s.clone(), gross_label.clone()));
        }
        (vals, spans)
    });
    let stated_gross_cumulative = g
        .cumulative
        .as_ref()
        .and_then(|c| stated(cx, c, &gross_label));
    match (&gross, stated_gross_cumulative, g.cumulative.as_ref()) {
        (Some((vals, spans)), Some(s), Some(c)) => {
            stated_checks.push(Stated {
                what: format!("the Cumulative of `{gross_label}`"),
                span: at(c),
                stated: s,
                computed: vals.iter().sum(),
                terms: n,
                code: Code::CumulativeMismatch,
                role: Role::RowTotal(rows.len()),
            });
            rows.push(Entered {
                label: gross_label.clone(),
                values: vals.clone(),
                spans: spans.clone(),
                in_net: true,
            });
        }
        (Some((vals, spans)), ..) => rows.push(Entered {
            label: gross_label.clone(),
            values: vals.clone(),
            spans: spans.clone(),
            in_net: true,
        }),
        (None, ..) => rows_ok = false,
    }
    let gross = gross.map(|(vals, spans)| {
        places.gross_saving = spans;
        vals
    });

    let net_label = f
        .net
        .as_ref()
        .and_then(|net| net.value.label.as_ref())
        .map(|l| l.value.trim().to_string())
        .filter(|l| !l.is_empty());
    let mut stated_net = None;
    let mut stated_net_cumulative = None;
    if let Some(net) = &f.net {
        if let Some((vals, spans)) = row(cx, &net.value.values, n, "the stated net row", false) {
            let vals: Vec<Money> = vals.into_iter().flatten().collect();
            for (v, s) in vals.iter().zip(&spans) {
                all_figures.push((*v, s.clone(), "Net".to_string()));
            }
            stated_net = Some((vals, spans));
        }
        stated_net_cumulative = net
            .value
            .cumulative
            .as_ref()
            .and_then(|c| stated(cx, c, "the stated net row"));
    }

    let current_budget = f.current_budget.as_ref().and_then(|cb| {
        let label = cb
            .value
            .label
            .as_ref()
            .map_or("Current net budget".to_string(), |s| {
                s.value.trim().to_string()
            });
        row(cx, &cb.value.values, n, &label, true).map(|(v, spans)| {
            places.current_budget = spans;
            (label, v)
        })
    });

    let kpis = raw
        .kpis
        .iter()
        .filter_map(|k| kpi(cx, &k.value, n))
        .collect();

    // Initiative tables print three places.
    crate::rules::scale::scale(cx, &all_figures, 3);

    // The stated net figures are compared with the net computed from the rows as entered,
    // whenever every row could be read (an unreadable year does not stop it: the sums do
    // not depend on the years' names).
    let counting_years = match &years {
        Some(ys) => Some(ys.clone()),
        None => placeholder_years(n),
    };
    let mut figures = None;
    if let (true, Some(gross_vals), Some(ys)) = (rows_ok, gross.as_ref(), counting_years) {
        let computing = FinancialProfile {
            years: ys,
            investment: investment.clone(),
            gross_saving_label: gross_label.clone(),
            gross_saving: gross_vals.clone(),
            stated_gross_cumulative,
            stated_net: None,
            stated_net_cumulative,
            stated_payback: None,
            current_budget: None,
            notes: Vec::new(),
            net_label: None,
        };
        let computed = calc::initiative(&computing);
        too_large(
            cx,
            &computed,
            &investment,
            &gross_label,
            &f.investment.value,
            at(&f.gross_saving),
        );
        let terms = calc::net_terms(&computing);
        if let Some((vals, spans)) = &stated_net {
            for (y, ((s, c), sp)) in vals.iter().zip(&computed.net).zip(spans).enumerate() {
                stated_checks.push(Stated {
                    what: format!(
                        "the net figure for {}",
                        year_names.get(y).map_or("?", String::as_str)
                    ),
                    span: sp.clone(),
                    stated: *s,
                    computed: *c,
                    terms,
                    code: Code::NetMismatch,
                    role: Role::NetYear(y),
                });
            }
        }
        if let (Some(s), Some(c)) = (
            stated_net_cumulative,
            f.net.as_ref().and_then(|n| n.value.cumulative.as_ref()),
        ) {
            stated_checks.push(Stated {
                what: "the Cumulative of the net row".into(),
                span: at(c),
                stated: s,
                computed: computed.total_net,
                // Every figure added: each year's lines in the totals and its saving.
                terms: n * terms,
                code: Code::CumulativeMismatch,
                role: Role::NetTotal,
            });
        }
        figures = Some(computed);
    } else {
        // Without the computed net, only the rows' own totals can be checked.
        stated_checks.retain(|c| matches!(c.role, Role::RowTotal(_)));
    }
    // A stated figure that disagrees is reported, but the figures as entered still make a
    // whole initiative (cabinet prints its own sums); a figure found wrong does not.
    let structural = cx.diags.iter().filter(|d| d.is_error()).count() > start;
    let figure_wrong = reconcile(cx, &rows, &stated_checks, &year_names);
    // Where the stated net is reported as disagreeing, a payback that follows from the stated
    // net is that same disagreement, not another one.
    let net_disagrees = stated_checks.iter().any(|c| {
        matches!(c.role, Role::NetYear(_))
            && matches!(
                calc::compare(c.stated, c.computed, c.terms),
                calc::Agreement::Mismatch(_)
            )
    });
    let stated_first = stated_net
        .as_ref()
        .map(|(v, _)| v.iter().position(|m| m.is_negative()));

    // The payback names a year, so it is checked only against years that could be read.
    if let (Some(p), Some(figures), Some(_)) = (&f.payback, &figures, &years) {
        let computed = calc::payback_label(figures.first_net_saving);
        match calc::parse_payback(&p.value, &figures.years) {
            Some(stated) if net_disagrees && Some(stated) == stated_first => {}
            None => cx.error(Code::BadValue, at(p), format!("cannot read the payback `{}`", p.value.trim()), "not a payback", "write `Year 2` (the first year shown is Year 1), a year like `2017/18`, or `N/A`"),
            Some(stated) if stated != figures.first_net_saving => cx.error(
                Code::PaybackMismatch,
                at(p),
                format!("the payback is stated as `{}` but the first year of net saving is {}", p.value.trim(),
                    match figures.first_net_saving { Some(i) => format!("{computed} ({})", figures.years[i]), None => "none (N/A)".to_string() }),
                &format!("expected `{computed}`"),
                "payback here is the first year whose net figure is a saving, counting the first year shown as Year 1",
            ),
            Some(_) => {}
        }
    }

    // The bid form, its figures checked against the profile as entered (not where a figure of
    // the profile is itself wrong: that is said once, at the figure).
    let bid = raw.bid.as_ref().map(|b| {
        let computing = match (&figures, gross.as_ref(), figure_wrong) {
            (Some(f), Some(g), false) => Some((
                FinancialProfile {
                    years: f.years.clone(),
                    investment: investment.clone(),
                    gross_saving_label: gross_label.clone(),
                    gross_saving: g.clone(),
                    stated_gross_cumulative: None,
                    stated_net: None,
                    stated_net_cumulative: None,
                    stated_payback: None,
                    current_budget: None,
                    notes: Vec::new(),
                    net_label: None,
                },
                f,
            )),
            _ => None,
        };
        let profile = computing.as_ref().map(|(p, f)| bid_form::Profile {
            profile: p,
            figures: f,
            unit: units,
        });
        bid_form::validate(cx, b, years.as_deref(), profile.as_ref())
    });
    let years = years?;
    let gross = gross?;
    if structural || figure_wrong {
        return None;
    }
    let profile = FinancialProfile {
        years,
        investment,
        gross_saving_label: gross_label,
        gross_saving: gross,
        stated_gross_cumulative,
        stated_net: stated_net.as_ref().map(|(v, _)| v.clone()),
        stated_net_cumulative,
        stated_payback: raw
            .finance
            .value
            .payback
            .as_ref()
            .map(|p| p.value.trim().to_string()),
        current_budget,
        notes: f.notes.iter().map(|n| n.value.trim().to_string()).collect(),
        net_label,
    };
    // The subsection's order: an error in it leaves the figures whole.
    let (summary, layout) = crate::blocks::narrative::initiative_layout(cx, raw.summary.as_ref());
    let years_span = at(&f.years);
    Some((
        Initiative {
            slug: slug(&reference),
            reference,
            title: raw.title.value.trim().to_string(),
            service_area: text(&raw.service_area),
            directorate: text(&raw.directorate),
            cabinet_member: text(&raw.cabinet_member),
            lead_officer: text(&raw.lead_officer),
            status,
            summary,
            layout,
            finance: profile,
            kpis,
            bid,
            file: cx.file,
            reference_at: at(&raw.reference),
            units,
            places,
        },
        years_span,
    ))
}

/// Reads `units:`: an initiative's figures are money.
fn units(cx: &mut Ctx, u: &raw::S<String>) -> Option<Unit> {
    match Unit::parse(&u.value) {
        Some(unit) if unit.is_money() => Some(unit),
        _ => {
            cx.error(
                Code::BadValue,
                at(u),
                format!("`{}` is not a unit of money", u.value.trim()),
                "not a unit of money",
                "use `£m`, `£k` or `£`; leave `units:` out for the unit of the report",
            );
            None
        }
    }
}

/// A computed figure of the profile too large to print (more digits than any figure that can
/// be entered), said once, at the first row it is in: the rows computed from it follow.
fn too_large(
    cx: &mut Ctx,
    f: &calc::InitiativeFigures,
    lines: &[InvestmentLine],
    gross_label: &str,
    raw_lines: &[raw::S<raw::InvestmentLine>],
    gross_at: Range<usize>,
) {
    let mut found: Option<(String, Money, Range<usize>)> = None;
    for ((l, total), r) in lines.iter().zip(&f.line_totals).zip(raw_lines) {
        if !total.is_printable() {
            found = Some((
                format!("the Cumulative of `{}`", l.label),
                *total,
                at(&r.value.values),
            ));
            break;
        }
    }
    if found.is_none() && !f.total_gross_saving.is_printable() {
        found = Some((
            format!("the Cumulative of `{gross_label}`"),
            f.total_gross_saving,
            gross_at,
        ));
    }
    let first_at = raw_lines.first().map_or(0..0, |r| at(&r.value.values));
    if found.is_none() {
        let net = f
            .investment
            .iter()
            .chain(&f.net)
            .chain(&f.cumulative_net)
            .chain([&f.total_investment, &f.total_net])
            .find(|m| !m.is_printable());
        if let Some(m) = net {
            found = Some(("a total of the profile".into(), *m, first_at));
        }
    }
    if let Some((what, m, span)) = found {
        cx.error(
            Code::FigureTooLarge,
            span,
            format!(
                "{what} is {}, more than a table can print",
                m.format(0, NegativeStyle::Brackets)
            ),
            "too large to print",
            "figures print with at most 15 digits before the decimal point: check for a misplaced decimal point or a figure in the wrong unit",
        );
    }
}

/// Stand-in years for computing the sums of a profile whose years could not all be read: the
/// sums depend only on how many years there are.
fn placeholder_years(n: usize) -> Option<Vec<FinancialYear>> {
    let mut y = FinancialYear::new(2000).ok()?;
    let mut out = Vec::with_capacity(n);
    for _ in 0..n {
        out.push(y);
        y = y.next();
    }
    (n > 0).then_some(out)
}

/// Parses `finance.years` and checks the years follow one another.
fn years(cx: &mut Ctx, ys: &raw::S<Vec<raw::S<String>>>) -> Option<Vec<FinancialYear>> {
    if ys.value.is_empty() {
        cx.error(
            Code::MissingField,
            at(ys),
            "`finance.years` is empty".into(),
            "no years",
            "list the years, e.g. [2016/17, 2017/18, 2018/19]",
        );
        return None;
    }
    crate::rules::calendar::consecutive(cx, &ys.value, "2016/17", |_, _, _| true)
}

fn kpi(cx: &mut Ctx, k: &raw::Kpi, n: usize) -> Option<Kpi> {
    let name = k.name.value.trim().to_string();
    let unit = k
        .unit
        .as_ref()
        .map_or(String::new(), |u| u.value.trim().to_string());
    if n > 0 && k.values.value.len() != n {
        cx.error(
            Code::RowLength,
            at(&k.values),
            format!(
                "KPI `{name}` has {} values but there are {n} years",
                k.values.value.len()
            ),
            "one value per year expected",
            "use ~ for a year with no value",
        );
        return None;
    }
    let mut values = Vec::new();
    let mut ok = true;
    for v in &k.values.value {
        match v.value.as_deref().map(parse_number) {
            None => values.push(None),
            Some(Some(d)) => values.push(Some(d)),
            Some(None) => {
                cx.error(
                    Code::BadFigure,
                    at(v),
                    format!(
                        "KPI `{name}`: `{}` is not a number",
                        v.value.as_deref().unwrap_or("").trim()
                    ),
                    "not a number",
                    "write a number, or ~ for none",
                );
                ok = false;
            }
        }
    }
    let stated_total = k
        .total
        .as_ref()
        .and_then(|t| match parse_number(t.value.as_deref()?) {
            Some(d) => Some(d),
            None => {
                cx.error(
                    Code::BadFigure,
                    at(t),
                    format!(
                        "KPI `{name}`: the total `{}` is not a number",
                        t.value.as_deref().unwrap_or("").trim()
                    ),
                    "not a number",
                    "",
                );
                None
            }
        });
    if !ok {
        return None;
    }
    let kpi = Kpi {
        name,
        unit,
        values,
        stated_total,
    };
    if let (Some(total), Some(t)) = (stated_total, k.total.as_ref()) {
        match calc::kpi_total(&kpi) {
            Some(sum) if sum != total => cx.error(
                Code::KpiTotalMismatch,
                at(t),
                format!(
                    "KPI `{}`: the total is stated as {total} but the values add up to {sum}",
                    kpi.name
                ),
                &format!("expected {sum}"),
                "correct the total or the yearly values",
            ),
            None if !kpi.is_summed() => cx.error(
                Code::KpiTotalMismatch,
                at(t),
                format!(
                    "KPI `{}` is a percentage, which cannot be added up into a total",
                    kpi.name
                ),
                "percentages have no total",
                "remove `total:`",
            ),
            _ => {}
        }
    }
    Some(kpi)
}

/// Reads a KPI value: a number, optionally followed by `%`.
fn parse_number(s: &str) -> Option<Decimal> {
    let t = s.trim().trim_end_matches('%').trim();
    if t.is_empty() || t.contains(['e', 'E', 'x', 'X']) {
        return None;
    }
    Money::parse(t).ok().map(Money::decimal)
}
