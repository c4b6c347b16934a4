//! Rules for `kind: monitoring`: each initiative's lines (types, signs, duplicates, stated net
//! and variance, scale, RAG), the approved profile from the initiative file, the budget table,
//! proportions and RAG thresholds. Monthly tables are in [`super::validate_monthly`].

use super::calc;
use super::check::{show, text, Check};
use super::model::{Basis, LineKind, Monitored, MonitoringReport, Thresholds, VarianceLine};
use super::raw::{self, MonitoringRest};
use super::validate_budget::{budget, proportion};
use super::validate_monthly::monthly;
use crate::diagnostic::Code;
use crate::model::{Initiative, Money, Report};
use crate::raw::value::S;
use crate::validate::{at, reference_key, slug};
use std::ops::Range;

/// Validates the monitoring part of a file; `front` is its validated front matter (if valid).
pub(crate) fn monitoring(
    ck: &mut Check,
    rest: &MonitoringRest,
    front: Option<Report>,
    initiatives: &[Initiative],
) -> Option<MonitoringReport> {
    let start = ck.errors();
    let year = ck.year(&rest.year);
    let as_at = ck.date(&rest.as_at);
    let basis = match rest.basis.as_ref().map(|b| (b, b.value.trim())) {
        None | Some((_, "annual")) => Basis::Annual,
        Some((_, "incremental")) => Basis::Incremental,
        Some((b, other)) => {
            ck.cx.error(Code::BadValue, at(b), format!("unknown basis `{other}`"), "not a basis", "use `annual` (the profile's figure for the year) or `incremental` (its change on the year before)");
            Basis::Annual
        }
    };
    let thresholds = rest
        .rag_thresholds
        .as_ref()
        .map_or(Thresholds::default(), |t| {
            crate::blocks::rag::thresholds(ck.cx, t)
        });
    let mut monitored = Vec::new();
    let mut refs: Vec<(String, Range<usize>)> = Vec::new();
    // The approved profiles are compared in this report's unit (an initiative may state its own).
    let unit = front
        .as_ref()
        .map_or(crate::model::table::Unit::Millions, |f| f.units.into());
    for m in &rest.initiatives {
        let key = reference_key(&m.value.reference.value);
        if let Some((_, first)) = refs.iter().find(|(k, _)| *k == key) {
            ck.duplicate(
                &format!("the initiative `{}`", m.value.reference.value.trim()),
                at(&m.value.reference),
                first.clone(),
            );
            continue;
        }
        refs.push((key.clone(), at(&m.value.reference)));
        let profile = year.and_then(|y| {
            let init = initiatives
                .iter()
                .find(|i| reference_key(&i.reference) == key)?;
            let i = init.finance.years.iter().position(|fy| *fy == y)?;
            Some((init, i))
        });
        if let Some(x) = initiative(ck, &m.value, profile, thresholds, basis, unit) {
            monitored.push(x);
        }
    }
    let budget = rest.budget.as_ref().and_then(|b| budget(ck, b, thresholds));
    let breakdowns: Vec<_> = rest
        .breakdowns
        .iter()
        .filter_map(|b| ck.breakdown(b))
        .collect();
    let proportions = rest.proportions.as_ref().map(|p| {
        let items = p
            .value
            .items
            .value
            .iter()
            .filter_map(|i| proportion(ck, i))
            .collect();
        (text(&p.value.caption), items)
    });
    let monthly: Vec<_> = rest.monthly.iter().filter_map(|t| monthly(ck, t)).collect();
    if ck.errors() > start {
        return None;
    }
    Some(MonitoringReport {
        front: front?,
        year: year?,
        basis,
        as_at,
        thresholds,
        initiatives: monitored,
        budget,
        breakdowns,
        proportions,
        monthly,
        rounding: std::mem::take(&mut ck.rounding),
    })
}

/// Reads one line's kind, label and figures.
fn line(ck: &mut Check, l: &raw::Line, reference: &str, basis: Basis) -> Option<VarianceLine> {
    let kind = match l.kind.value.trim() {
        "investment" => LineKind::Investment,
        "saving" => LineKind::Saving,
        "net" => LineKind::Net,
        "kpi" => LineKind::Kpi {
            higher_is_better: match l.better.as_ref().map(|b| b.value.trim()) {
                None | Some("higher") => true,
                Some("lower") => false,
                Some(other) => {
                    let span = l.better.as_ref().map(|b| at(b)).unwrap_or(0..0);
                    ck.cx.error(
                        Code::BadValue,
                        span,
                        format!("`better: {other}`"),
                        "not a direction",
                        "use `higher` or `lower`",
                    );
                    true
                }
            },
        },
        other => {
            ck.cx.error(
                Code::BadValue,
                at(&l.kind),
                format!("unknown line type `{other}`"),
                "not a line type",
                &format!("use one of: {}", LineKind::NAMES.join(", ")),
            );
            return None;
        }
    };
    if let (Some(b), true) = (&l.better, kind.is_money()) {
        ck.cx.error(
            Code::BadValue,
            at(b),
            "`better` applies to KPI lines only".into(),
            "not a KPI",
            "costs and savings are favourable when lower (more negative for savings)",
        );
    }
    let label = match (text(&l.label), kind) {
        (Some(t), _) => t,
        (None, LineKind::Investment) => "Investment".into(),
        (None, LineKind::Saving) => "Gross saving".into(),
        (None, LineKind::Net) => "Net".into(),
        (None, LineKind::Kpi { .. }) => {
            ck.cx.error(
                Code::EmptyText,
                at(&l.kind),
                format!("{reference}: a KPI line needs a `label`"),
                "no label",
                "e.g. `label: LAC Reduction`",
            );
            String::new()
        }
    };
    let what = format!("{reference} {label}");
    let target = ck.money(&l.target, &format!("{what}: target"));
    let forecast = ck.money(&l.forecast, &format!("{what}: forecast"));
    let actual = ck.opt_money(&l.actual, &format!("{what}: actual")).ok()?;
    let (target, forecast) = (target?, forecast?);
    for (v, span, col) in [
        (Some(target), at(&l.target), "target"),
        (Some(forecast), at(&l.forecast), "forecast"),
        (
            actual,
            l.actual.as_ref().map(|a| at(a)).unwrap_or(0..0),
            "actual",
        ),
    ] {
        let Some(v) = v else { continue };
        // On the incremental basis a tapering investment is a negative change: the profile
        // check below judges those figures instead.
        let bad = match kind {
            _ if basis == Basis::Incremental => None,
            LineKind::Investment => v.is_negative().then_some((
                "investment is a cost and is entered as a positive figure",
                "a negative investment",
            )),
            LineKind::Saving => v.is_positive().then_some((
                "a saving (cost reduction) is entered as a negative figure, in brackets",
                "a positive saving",
            )),
            _ => None,
        };
        if let Some((hint, label)) = bad {
            ck.cx.error(
                Code::SignSlip,
                span,
                format!(
                    "{what}: the {col} {} has the wrong sign",
                    show(v.decimal(), v.scale(), true)
                ),
                label,
                hint,
            );
        }
    }
    if let Some(vs) = &l.variance {
        if let Some(stated) = ck.money(vs, &format!("{what}: variance")) {
            // The line's Variance as its table computes it (forecast − target).
            let one = VarianceLine {
                kind,
                label: label.clone(),
                target,
                forecast,
                actual,
                approved: None,
            };
            let computed =
                calc::initiative_figures(std::slice::from_ref(&one), None).rows[0].variance;
            if target == forecast && !stated.is_zero() {
                ck.cx.error(Code::VarianceMismatch, at(vs), format!("{what}: target and forecast are both {}, so there is no variance, but {} is stated", show(target.decimal(), target.scale(), kind.is_money()), show(stated.decimal(), stated.scale(), kind.is_money())), "expected 0", "a variance where target equals forecast is a slip: write 0.000");
            } else {
                ck.stated(
                    at(vs),
                    &format!("the variance of {what} (forecast − target)"),
                    stated.decimal(),
                    computed.decimal(),
                    2,
                    Code::VarianceMismatch,
                    kind.is_money(),
                    true,
                );
            }
        }
    }
    Some(VarianceLine {
        kind,
        label,
        target,
        forecast,
        actual,
        approved: None,
    })
}

/// The approved figure of a line for the year, from the initiative file: the year's figure, or
/// on the incremental basis its change on the year before (KPIs are always the year's).
fn approved(
    kind: LineKind,
    label: &str,
    init: &Initiative,
    i: usize,
    basis: Basis,
    unit: crate::model::table::Unit,
) -> Option<Money> {
    let f = crate::calc::initiative(&init.finance_in(unit));
    let pick = |row: &[Money]| match basis {
        Basis::Annual => row.get(i).copied(),
        Basis::Incremental => Some(*row.get(i)? - *row.get(i.checked_sub(1)?)?),
    };
    match kind {
        LineKind::Investment => pick(&f.investment),
        LineKind::Saving => pick(&f.gross_saving),
        LineKind::Net => pick(&f.net),
        LineKind::Kpi { .. } => {
            let k = init
                .kpis
                .iter()
                .find(|k| k.name.trim().eq_ignore_ascii_case(label.trim()))?;
            k.values.get(i).copied().flatten().map(Money::new)
        }
    }
}

fn initiative(
    ck: &mut Check,
    m: &raw::Monitored,
    profile: Option<(&Initiative, usize)>,
    th: Thresholds,
    basis: Basis,
    unit: crate::model::table::Unit,
) -> Option<Monitored> {
    let start = ck.errors();
    let reference = ck.required(&m.reference, "the reference");
    let title = ck.required(&m.title, "the title");
    let mut lines: Vec<VarianceLine> = Vec::new();
    let mut spans: Vec<(&S<raw::Line>, Range<usize>)> = Vec::new();
    let mut figures = Vec::new();
    for l in &m.lines {
        let Some(mut v) = line(ck, &l.value, &reference, basis) else {
            continue;
        };
        let same = |o: &VarianceLine| match (o.kind, v.kind) {
            (LineKind::Kpi { .. }, LineKind::Kpi { .. }) => o.label.eq_ignore_ascii_case(&v.label),
            (a, b) => a == b,
        };
        if let Some(first) = lines.iter().position(same) {
            ck.duplicate(
                &format!(
                    "{reference}: the {}",
                    if v.kind.is_money() {
                        format!(
                            "{} line (`{}`)",
                            format!("{:?}", v.kind).to_lowercase(),
                            v.label
                        )
                    } else {
                        format!("KPI line `{}`", v.label)
                    }
                ),
                at(l),
                spans[first].1.clone(),
            );
            continue;
        }
        if v.kind.is_money() {
            figures.push((
                v.target,
                at(&l.value.target),
                format!("{reference} {} target", v.label),
            ));
            figures.push((
                v.forecast,
                at(&l.value.forecast),
                format!("{reference} {} forecast", v.label),
            ));
        }
        v.approved = profile.and_then(|(init, i)| approved(v.kind, &v.label, init, i, basis, unit));
        if let (Some(a), Some((init, _))) = (v.approved.filter(|a| *a != v.target), profile) {
            let dp = a.scale().max(v.target.scale());
            let money = v.kind.is_money();
            ck.cx.warn(
                Code::TargetOffProfile,
                at(&l.value.target),
                format!(
                    "{reference} {}: the target {} differs from the approved profile ({} in {}'s file{})",
                    v.label,
                    show(v.target.decimal(), dp, money),
                    show(a.decimal(), dp, money),
                    init.reference,
                    if basis == Basis::Incremental && money { ", as the change on the year before" } else { "" }
                ),
                &format!("the profile gives {}", show(a.decimal(), dp, money)),
                "if the target was re-profiled say so in the narrative; otherwise it is probably a figure from the wrong year",
            );
        }
        spans.push((l, at(l)));
        lines.push(v);
    }
    // Figures show as entered.
    crate::rules::scale::scale(ck.cx, &figures, 0);
    // A stated net line against its table's net row, the sum of investment and saving.
    let table = calc::initiative_figures(&lines, None);
    if let (Some(pos), Some(n)) = (
        table.net.filter(|n| n.computed && !n.added).map(|n| n.row),
        table.net(),
    ) {
        let (l, raw_line) = (&lines[pos], &spans[pos].0.value);
        let parts = lines
            .iter()
            .filter(|l| matches!(l.kind, LineKind::Investment | LineKind::Saving))
            .count();
        let checks = [
            (
                Some(l.target),
                Some(n.target),
                at(&raw_line.target),
                "target",
            ),
            (
                Some(l.forecast),
                Some(n.forecast),
                at(&raw_line.forecast),
                "forecast",
            ),
            (
                l.actual,
                n.actual,
                raw_line.actual.as_ref().map(|a| at(a)).unwrap_or(0..0),
                "actual",
            ),
        ];
        for (s, c, span, col) in checks {
            if let (Some(s), Some(c)) = (s, c) {
                ck.stated(
                    span,
                    &format!("{reference} {}: the {col} (investment + saving)", l.label),
                    s.decimal(),
                    c.decimal(),
                    parts,
                    Code::NetMismatch,
                    true,
                    true,
                );
            }
        }
    }
    let stated_rag = crate::blocks::rag::stated(ck.cx, &m.rag);
    if let Some((computed, basis)) = calc::initiative_rag(&lines, th) {
        crate::blocks::rag::check_stated(
            ck.cx,
            &m.rag,
            stated_rag,
            computed,
            &format!("the {basis} figures of {reference}"),
        );
    }
    (ck.errors() == start).then(|| Monitored {
        slug: slug(&reference),
        reference,
        title,
        lines,
        stated_rag,
        narrative: text(&m.narrative),
        has_profile: profile.is_some(),
    })
}
