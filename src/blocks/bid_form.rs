//! The Appendix 1 investment bid form as data: its financial summary (the years it shows, the
//! funding sought and the savings as the form prints them) and its table of longer term
//! benefits (savings by year, the children or placements they stand for, a breakdown of the
//! investment), each figure checked against the initiative's own profile at its place. What the
//! form prints is computed from the profile; the figures written here are there to be checked.
//!
//! ```yaml
//! bid:
//!   form:
//!     years: [2017/18, 2018/19, 2019/20, 2020/21]
//!     funding_sought: [1.276, 1.718, 2.182, 2.182]
//!     savings_label: Estimated Savings (Cumulative)
//!     savings: [(1.374), (2.660), (3.980), (3.980)]
//!   benefits:
//!     rows:
//!       - { label: Savings year by year, values: [~, 1.374, 1.286, 1.320, ~], matches: new_saving }
//!       - { label: Additional in-house placements, unit: placements, values: [~, 15, 15, 15, ~] }
//! ```
//!
//! raw (YAML) → validate (rules, against the profile) → model ([`BidForm`]) → view (tables).

use crate::blocks::table::calc;
use crate::calc::{compare, rounding_tolerance, Agreement, InitiativeFigures};
use crate::codes::Code;
use crate::diagnostic::Diagnostic;
use crate::model::table::{
    Cell, Column, ColumnKey, Finding, Formula, Programme, Row, Source, Table, Unit,
};
use crate::model::{
    BenefitRounding, BenefitRow, Benefits, BidForm, FinancialProfile, FinancialYear, Money,
    NegativeStyle,
};
use crate::raw::value::{Figure, S};
use crate::rules::figures::money_text;
use crate::rules::{at, closest, Ctx};
use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::Deserialize;
use std::ops::Range;

/// The Appendix 1 investment bid form: its answers (Markdown), its financial summary and its
/// table of benefits.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Bid {
    /// 1. Outline why this growth in funding is required.
    pub why_needed: Option<String>,
    /// 2. Legal and statutory framework(s) relevant to the bid.
    pub legal_framework: Option<String>,
    /// 3. Management efforts taken to reduce the bid or contain the pressure.
    pub management_efforts: Option<String>,
    /// 4. Consequences and outcomes if the bid is not agreed.
    pub consequences: Option<String>,
    /// 5. Staffing implications (FTE where relevant).
    pub staffing: Option<String>,
    /// 6. Longer term benefits and revenue savings.
    pub longer_term_benefits: Option<String>,
    /// 6. How the outcomes will be monitored.
    pub outcomes_monitoring: Option<String>,
    /// The form's financial summary as printed: the years it shows, the funding sought and
    /// the savings, checked against `finance`.
    pub form: Option<S<Form>>,
    /// Section 6's table of longer term benefits, as data: savings by year, counts, a
    /// breakdown of the investment; money rows may be checked against `finance` (`matches:`).
    pub benefits: Option<S<RawBenefits>>,
}

/// The form's financial summary as printed.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Form {
    /// The years the form shows (default: those of `finance.years`); each must be one of them.
    pub years: Option<S<Vec<S<String>>>>,
    /// "Total amount of funding sought (net, after accounting for any other income sources)",
    /// one figure per year of the form, `~` where it prints N/A: checked against the
    /// investment lines that count towards totals.
    pub funding_sought: Option<S<Vec<S<Figure>>>>,
    /// The label of the form's savings row (default `Estimated savings`).
    pub savings_label: Option<S<String>>,
    /// The form's savings row ("Estimated Savings (Cumulative)", "Cumulative Cost
    /// Avoidance"): one negative figure per year of the form, `~` for N/A; checked against
    /// the gross saving.
    pub savings: Option<S<Vec<S<Figure>>>>,
}

/// Section 6's table of longer term benefits.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawBenefits {
    /// The caption (default `Longer term benefits`).
    pub caption: Option<S<String>>,
    /// The years of its columns (default: those of `finance.years`).
    pub years: Option<S<Vec<S<String>>>>,
    /// The unit of its money rows: `£m`, `£k` or `£` (default: the initiative's `units`).
    pub units: Option<S<String>>,
    /// Decimal places its money rows print with (default 3 for £m, 0 for £k and £).
    pub decimals: Option<S<u32>>,
    /// The rows, top to bottom.
    pub rows: S<Vec<S<RawBenefitRow>>>,
    /// A note printed under the table (Markdown), e.g. what a blank stands for.
    pub note: Option<String>,
}

/// A row of the benefits table.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawBenefitRow {
    /// The row's label, as printed.
    pub label: S<String>,
    /// What a row of counts counts (`placements`, `children`): its figures are numbers,
    /// printed as entered, never money. Leave out for money.
    pub unit: Option<S<String>>,
    /// One figure per year; `~` for a blank cell.
    pub values: Option<S<Vec<S<Figure>>>>,
    /// `true`: the sum of the money rows above it (since the last total), computed.
    pub total: Option<S<bool>>,
    /// The profile line its figures must follow, checked: `investment` (the lines in
    /// totals), `gross_saving`, `net`, `new_saving` (the saving added each year, as a positive
    /// figure: the fall in gross saving on the year before), or the label of an investment line.
    pub matches: Option<S<String>>,
}

/// What a row of a benefits table can be checked against.
#[derive(Debug, Clone, PartialEq)]
enum Line {
    Investment,
    GrossSaving,
    Net,
    NewSaving,
    /// An investment line, by index.
    Of(usize),
}

const LINES: &[&str] = &["investment", "gross_saving", "net", "new_saving"];

/// The profile a form is checked against: its figures, as entered and computed, in the
/// initiative's unit (`None`: the unit of each report that lists it).
pub(crate) struct Profile<'a> {
    pub profile: &'a FinancialProfile,
    pub figures: &'a InitiativeFigures,
    pub unit: Option<Unit>,
}

/// A bid form as written → the model, every figure checked against `profile` (where the
/// profile could be computed; its own problems are reported apart).
pub(crate) fn validate(
    cx: &mut Ctx,
    raw: &Bid,
    years: Option<&[FinancialYear]>,
    profile: Option<&Profile>,
) -> BidForm {
    let mut form = BidForm {
        why_needed: raw.why_needed.clone(),
        legal_framework: raw.legal_framework.clone(),
        management_efforts: raw.management_efforts.clone(),
        consequences: raw.consequences.clone(),
        staffing: raw.staffing.clone(),
        longer_term_benefits: raw.longer_term_benefits.clone(),
        outcomes_monitoring: raw.outcomes_monitoring.clone(),
        years: None,
        savings_label: None,
        benefits: None,
    };
    if let Some(f) = &raw.form {
        summary(cx, &f.value, years, profile, &mut form);
    }
    if let Some(b) = &raw.benefits {
        form.benefits = benefits(cx, &b.value, years, profile);
    }
    form
}

/// Reads a list of years: consecutive, and (with `within`) each a year of the profile.
fn read_years(
    cx: &mut Ctx,
    raw: &S<Vec<S<String>>>,
    within: Option<&[FinancialYear]>,
    what: &str,
) -> Option<Vec<FinancialYear>> {
    // Within the profile's years: a rule of the form's, on each year the calendar rules read.
    let within = |cx: &mut Ctx, y: &S<String>, fy: FinancialYear| {
        let Some(ys) = within.filter(|ys| !ys.contains(&fy)) else {
            return true;
        };
        let span = match (ys.first(), ys.last()) {
            (Some(a), Some(b)) => format!("{a} to {b}"),
            _ => "no years".into(),
        };
        cx.error(
            Code::BidFormMismatch,
            at(y),
            format!("{what} shows {fy}, but the profile covers {span}"),
            "not a year of the profile",
            "the form shows years of the profile (`finance.years`); leave out the others",
        );
        false
    };
    let read = crate::rules::calendar::consecutive(cx, &raw.value, "2016/17", within);
    let ok = read.is_some();
    let out = read.unwrap_or_default();
    if out.is_empty() && ok {
        cx.error(
            Code::MissingField,
            at(raw),
            format!("{what} lists no years"),
            "no years",
            "list the years it shows, or leave `years` out for those of the profile",
        );
        return None;
    }
    ok.then_some(out)
}

/// A row's figures (`None` for `~`) and where each is written.
type Entered = (Vec<Option<Decimal>>, Vec<Range<usize>>);

/// A row of a benefits table to check: its index, what it matches, where `matches:` is written
/// and where each of its figures is.
type Matched = (usize, Line, Range<usize>, Vec<Range<usize>>);

/// One figure per year, each `None` for `~`; `None` if the row is unusable (reported).
fn figures(cx: &mut Ctx, values: &S<Vec<S<Figure>>>, years: usize, what: &str) -> Option<Entered> {
    if values.value.len() != years {
        cx.error(
            Code::RowLength,
            at(values),
            format!(
                "{what} has {} figure(s) but the form shows {years} year(s)",
                values.value.len()
            ),
            "one figure per year expected",
            "give one figure per year; `~` where the form prints N/A or nothing",
        );
        return None;
    }
    let mut out = Vec::with_capacity(years);
    let mut spans = Vec::with_capacity(years);
    let mut ok = true;
    for v in &values.value {
        spans.push(at(v));
        match v.value.as_deref() {
            None => out.push(None),
            Some(text) => match money_text(cx, text, at(v), what) {
                Some(m) => out.push(Some(m.decimal())),
                None => {
                    ok = false;
                    out.push(None);
                }
            },
        }
    }
    ok.then_some((out, spans))
}

/// How a figure of the form compares with the profile's: `Exact` also when one is the other
/// printed to fewer places (the profile's 0.339 is the form's 338,945 in £), `Rounding` within
/// half a unit of the fewer places per figure the profile's adds, else `Mismatch`.
fn agreement(form: Decimal, profile: Decimal, terms: usize) -> Agreement {
    let (f, p) = (Money::new(form), Money::new(profile));
    let places = form.scale().min(profile.scale());
    if f == p || f.round_dp(places) == p.round_dp(places) && form.scale() != profile.scale() {
        return Agreement::Exact;
    }
    match compare(f, p, terms) {
        Agreement::Mismatch(d) if d.abs() <= rounding_tolerance(terms, places) => {
            Agreement::Rounding(d)
        }
        other => other,
    }
}

fn shown(v: Decimal) -> String {
    let m = Money::new(v);
    m.format(m.scale(), NegativeStyle::Brackets)
}

/// A figure of the form beside the profile's, as a message shows them: with their units
/// where the two differ (`338,945 (£)` against `0.339 (£m)`).
struct Shown {
    form: String,
    profile: String,
    /// The profile's unit, after a difference, where the units differ.
    unit: String,
}

impl Shown {
    fn new(form: Decimal, profile: Decimal, units: Option<(Unit, Unit)>) -> Shown {
        match units {
            Some((fu, pu)) if fu != pu => Shown {
                form: format!("{} ({})", shown(form), fu.symbol()),
                profile: format!("{} ({})", shown(profile), pu.symbol()),
                unit: format!(" ({})", pu.symbol()),
            },
            _ => Shown {
                form: shown(form),
                profile: shown(profile),
                unit: String::new(),
            },
        }
    }
}

/// The figures of one row of a form compared with the profile: rounding differences are
/// warned at each figure; figures beyond rounding are one error for the row (a form costing
/// another project is out in every year, and that is one slip), at the first of them with the
/// others beside it.
struct RowCheck<'a> {
    /// The row, as a message names it: "the form's funding sought".
    what: &'a str,
    /// What it is checked against: "the investment in the profile".
    against: &'a str,
    out: Vec<(FinancialYear, Range<usize>, Shown, Decimal)>,
}

impl<'a> RowCheck<'a> {
    fn new(what: &'a str, against: &'a str) -> Self {
        RowCheck {
            what,
            against,
            out: Vec::new(),
        }
    }

    /// Compares the figure of year `y` (`form`, in the profile's unit) with the profile's.
    #[allow(clippy::too_many_arguments)]
    fn figure(
        &mut self,
        cx: &mut Ctx,
        y: FinancialYear,
        span: Range<usize>,
        form: Decimal,
        profile: Decimal,
        terms: usize,
        show: Shown,
    ) -> Agreement {
        let agreement = agreement(form, profile, terms);
        match agreement {
            Agreement::Exact => {}
            Agreement::Rounding(d) => cx.diags.push(
                Diagnostic::warning(
                    Code::RoundingDifference,
                    format!(
                        "{} for {y} is {} but {} is {} (a rounding difference of {}{})",
                        self.what,
                        show.form,
                        self.against,
                        show.profile,
                        shown(d.decimal().abs()),
                        show.unit
                    ),
                )
                .at(cx.file, span, "rounding difference")
                .hint(
                    "the form prints its own figure and the table's note discloses the difference",
                ),
            ),
            Agreement::Mismatch(d) => self.out.push((y, span, show, d.decimal().abs())),
        }
        agreement
    }

    /// Says what was out, once.
    fn finish(self, cx: &mut Ctx) {
        let hint =
            "correct the form's figures, or the profile under `finance` they are checked against";
        let d = match self.out.as_slice() {
            [] => return,
            [(y, span, show, d)] => Diagnostic::error(
                Code::BidFormMismatch,
                format!(
                    "{} for {y} is {} but {} is {} (a difference of {}{})",
                    self.what,
                    show.form,
                    self.against,
                    show.profile,
                    shown(*d),
                    show.unit
                ),
            )
            .at(
                cx.file,
                span.clone(),
                format!("the profile gives {}", show.profile),
            ),
            [(_, first, show, _), ..] => {
                let years: Vec<String> = self
                    .out
                    .iter()
                    .map(|(y, _, s, _)| format!("{} for {y} where it gives {}", s.form, s.profile))
                    .collect();
                let mut d = Diagnostic::error(
                    Code::BidFormMismatch,
                    format!(
                        "{} differs from {} in {} years: {}",
                        self.what,
                        self.against,
                        self.out.len(),
                        years.join(", ")
                    ),
                )
                .at(
                    cx.file,
                    first.clone(),
                    format!("the profile gives {}", show.profile),
                );
                for (_, span, s, _) in &self.out[1..] {
                    d = d.also(
                        cx.file,
                        span.clone(),
                        format!("the profile gives {}", s.profile),
                    );
                }
                d
            }
        };
        cx.diags.push(d.hint(hint));
    }
}

/// The form's financial summary: its years, and its figures checked against the profile.
fn summary(
    cx: &mut Ctx,
    f: &Form,
    years: Option<&[FinancialYear]>,
    profile: Option<&Profile>,
    form: &mut BidForm,
) {
    let shown_years = match (&f.years, years) {
        (Some(y), _) => read_years(cx, y, years, "the form"),
        (None, Some(ys)) => Some(ys.to_vec()),
        (None, None) => None,
    };
    form.savings_label = f
        .savings_label
        .as_ref()
        .map(|l| l.value.trim().to_string())
        .filter(|l| !l.is_empty());
    let Some(form_years) = shown_years else {
        return;
    };
    if f.years.is_some() {
        form.years = Some(form_years.clone());
    }
    let n = form_years.len();
    let savings_label = form.savings_label.clone();
    let rows = [
        (
            &f.funding_sought,
            "the form's funding sought".to_string(),
            "the investment in the profile",
            0,
        ),
        (
            &f.savings,
            format!(
                "the form's {}",
                savings_label
                    .as_deref()
                    .map_or("savings".into(), |l| format!("`{l}`"))
            ),
            "the gross saving in the profile",
            1,
        ),
    ];
    for (values, what, against, line) in rows {
        let Some(values) = values else { continue };
        let Some((vals, spans)) = figures(cx, values, n, &what) else {
            continue;
        };
        let Some(p) = profile else { continue };
        let terms = match line {
            0 => p
                .profile
                .investment
                .iter()
                .filter(|l| l.in_totals)
                .count()
                .max(1),
            _ => 1,
        };
        let mut row_check = RowCheck::new(&what, against);
        for ((v, span), y) in vals.iter().zip(spans).zip(&form_years) {
            let (Some(v), Some(k)) = (v, p.profile.years.iter().position(|py| py == y)) else {
                continue;
            };
            let row = if line == 0 {
                &p.figures.investment
            } else {
                &p.figures.gross_saving
            };
            let Some(expected) = row.get(k) else { continue };
            row_check.figure(
                cx,
                *y,
                span,
                *v,
                expected.decimal(),
                terms,
                Shown::new(*v, expected.decimal(), None),
            );
        }
        row_check.finish(cx);
    }
}

/// A benefits table as written → the model, money rows checked against the profile lines they
/// match.
fn benefits(
    cx: &mut Ctx,
    raw: &RawBenefits,
    profile_years: Option<&[FinancialYear]>,
    profile: Option<&Profile>,
) -> Option<Benefits> {
    let years = match (&raw.years, profile_years) {
        (Some(y), _) => read_years(cx, y, None, "the benefits table")?,
        (None, Some(ys)) => ys.to_vec(),
        (None, None) => return None,
    };
    // A table that states its unit prints in it, as the form did (CYPS 10's £ breakdown);
    // one that does not is in the initiative's unit, and prints in the report's.
    let own_unit = profile.and_then(|p| p.unit);
    let explicit = match &raw.units {
        None => None,
        Some(u) => match Unit::parse(&u.value).filter(|u| u.is_money()) {
            Some(u) => Some(u),
            None => {
                cx.error(
                    Code::BadValue,
                    at(u),
                    format!("`{}` is not a unit of money", u.value.trim()),
                    "not a unit of money",
                    "use `£m`, `£k` or `£`; a row of counts says what it counts with `unit:`",
                );
                return None;
            }
        },
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
            return None;
        }
        Some(d) => Some(d.value),
        None => explicit.map(Unit::default_decimals),
    };
    let unit = explicit.or(own_unit);
    let n = years.len();
    let mut rows: Vec<BenefitRow> = Vec::new();
    // (row index, what it matches, the span of `matches`, the spans of its figures)
    let mut checks: Vec<Matched> = Vec::new();
    let mut model_rows: Vec<Row> = Vec::new();
    let mut since_total: Vec<usize> = Vec::new();
    let mut ok = true;
    for r in &raw.rows.value {
        let row = &r.value;
        let label = row.label.value.trim().to_string();
        let what = format!("`{label}`");
        let count = row.unit.as_ref().map(|u| u.value.trim().to_string());
        let total = row.total.as_ref().is_some_and(|t| t.value);
        let matches = match &row.matches {
            None => None,
            Some(m) => match line(&m.value, profile) {
                Ok(l) => Some((l, at(m))),
                Err(known) => {
                    let suggestion = closest(
                        &m.value,
                        &known.iter().map(String::as_str).collect::<Vec<_>>(),
                    )
                    .map(|k| format!("; did you mean `{k}`?"))
                    .unwrap_or_default();
                    cx.error(
                        Code::BadValue,
                        at(m),
                        format!(
                            "`{}` is not a line of the profile{suggestion}",
                            m.value.trim()
                        ),
                        "no such line",
                        &format!("use one of {}", known.join(", ")),
                    );
                    ok = false;
                    None
                }
            },
        };
        if let (Some(_), Some(u)) = (
            &count,
            row.total
                .as_ref()
                .filter(|_| total)
                .map(|t| at(t))
                .or_else(|| row.matches.as_ref().map(|m| at(m))),
        ) {
            cx.error(
                Code::UnitMismatch,
                u,
                format!("{what} counts {}, which is not money", count.as_deref().unwrap_or("")),
                "a count",
                "only money rows add up into a total or match the profile; leave out `unit:` for money",
            );
            ok = false;
            continue;
        }
        let (values, spans) = match (&row.values, total) {
            (Some(v), false) => match figures(cx, v, n, &what) {
                Some((vals, spans)) => (vals, spans),
                None => {
                    ok = false;
                    continue;
                }
            },
            (None, true) => (vec![None; n], Vec::new()),
            (Some(v), true) => {
                cx.error(
                    Code::BadValue,
                    at(v),
                    format!("{what} is a total, computed from the rows above it, and has figures"),
                    "a total has none",
                    "leave out `values`: cabinet adds up the rows above it",
                );
                ok = false;
                continue;
            }
            (None, false) => {
                cx.error(
                    Code::MissingField,
                    at(&row.label),
                    format!("the row {what} has no figures"),
                    "no figures",
                    "give `values`, or `total: true` for the sum of the money rows above it",
                );
                ok = false;
                continue;
            }
        };
        // Where it prints in its own unit; in the report's, the report checks its places.
        if let (None, Some(decimals), Some(_)) = (&count, decimals, explicit) {
            for (v, span) in values.iter().zip(&spans) {
                let Some(v) = v else { continue };
                let printed = Money::new(*v).round_dp(decimals);
                if printed.decimal() != *v {
                    cx.warn(
                        Code::MoreDecimalsThanPrinted,
                        span.clone(),
                        format!(
                            "{what}: {} has more decimal places than the benefits table prints ({decimals}), so it prints as {}",
                            Money::new(*v).format(v.scale(), NegativeStyle::Brackets),
                            printed.format(decimals, NegativeStyle::Brackets)
                        ),
                        "printed rounded",
                        "enter the figure as printed, or raise the table's `decimals`",
                    );
                }
            }
        }
        let index = rows.len();
        model_rows.push(Row {
            id: format!("r{index}"),
            label: label.clone(),
            kind: None,
            formula: if total {
                Formula::Sum(
                    std::mem::take(&mut since_total)
                        .into_iter()
                        .map(|row| Source::Row { table: 0, row })
                        .collect(),
                )
            } else {
                Formula::Entered(values.clone())
            },
            only: None,
            changes_from: None,
            stated: Vec::new(),
            stated_total: None,
            bold: total,
            at: at(&row.label),
            cells_at: spans.clone(),
            broken: false,
        });
        if count.is_none() && !total {
            since_total.push(index);
        }
        if let Some((l, m_at)) = matches {
            checks.push((index, l, m_at, spans.clone()));
        }
        rows.push(BenefitRow {
            label,
            count,
            values,
            total,
            at: spans,
        });
    }
    // The totals, computed as every table's are.
    let table = Table {
        id: "benefits".into(),
        caption: None,
        unit: unit.unwrap_or(Unit::Millions),
        decimals: decimals.unwrap_or(3),
        columns: years
            .iter()
            .map(|y| Column {
                unit: None,
                key: ColumnKey::Year(*y),
                label: y.to_string(),
                formula: None,
            })
            .collect(),
        rows: model_rows,
        note: None,
        total_column: false,
        chart: None,
        file: cx.file,
        at: at(&raw.rows),
    };
    let computed = calc::figures(std::slice::from_ref(&table), &Programme::default());
    for f in &computed.findings {
        if let Finding::TooLarge { row, .. } = f {
            cx.error(
                Code::FigureTooLarge,
                table.rows[*row].at.clone(),
                format!(
                    "`{}`: the total is too large to compute or print",
                    table.rows[*row].label
                ),
                "too large",
                "check for a misplaced decimal point or a figure in the wrong unit",
            );
            ok = false;
        }
    }
    for (row, values) in rows.iter_mut().zip(&computed.rows[0]) {
        if row.total {
            row.values = values.cells.iter().map(|c: &Cell| c.value).collect();
        }
    }
    // Money rows checked against the profile lines they match.
    let mut rounding = Vec::new();
    if let (Some(p), true) = (profile, ok) {
        let convertible = match (unit, p.unit) {
            (Some(u), None) if raw.units.is_some() => {
                if let (Some(u_at), false) = (raw.units.as_ref().map(|u| at(u)), checks.is_empty())
                {
                    cx.error(
                        Code::UnitMismatch,
                        u_at,
                        format!(
                            "the benefits table is in {} but the initiative states no `units:`, so its profile cannot be compared with it",
                            u.words()
                        ),
                        "no unit to convert from",
                        "say the initiative's unit at the top of the file, e.g. `units: £m`",
                    );
                }
                false
            }
            _ => true,
        };
        for (r, l, m_at, spans) in checks.iter().filter(|_| convertible) {
            let row = &rows[*r];
            let (expected, terms) = expected(p, l);
            let what = format!("`{}`", row.label);
            let against = format!("the profile's {}", describe(p.profile, l));
            let mut row_check = RowCheck::new(&what, &against);
            for (k, y) in years.iter().enumerate() {
                let (Some(v), Some(pk)) = (
                    row.values.get(k).copied().flatten(),
                    p.profile.years.iter().position(|py| py == y),
                ) else {
                    continue;
                };
                let Some(e) = expected.get(pk).copied() else {
                    continue;
                };
                // Compared in the profile's unit, where its figures were written.
                let to_profile = |d: Decimal| match (unit, p.unit) {
                    (Some(from), Some(to)) => to.convert(d, from),
                    _ => Some(d),
                };
                let Some(v_p) = to_profile(v) else { continue };
                let span = spans.get(k).cloned().unwrap_or_else(|| m_at.clone());
                let a = row_check.figure(
                    cx,
                    *y,
                    span,
                    v_p,
                    e,
                    terms[pk],
                    Shown::new(v, e, unit.zip(p.unit)),
                );
                if let Agreement::Rounding(_) = a {
                    let back = match (unit, p.unit) {
                        (Some(to), Some(from)) => to.convert(e, from).unwrap_or(e),
                        _ => e,
                    };
                    rounding.push(BenefitRounding {
                        row: row.label.clone(),
                        year: *y,
                        figure: v,
                        profile: back,
                    });
                }
            }
            row_check.finish(cx);
        }
    }
    if !ok {
        return None;
    }
    Some(Benefits {
        caption: raw
            .caption
            .as_ref()
            .map(|c| c.value.trim().to_string())
            .filter(|c| !c.is_empty()),
        years,
        unit: explicit,
        decimals,
        rows,
        rounding,
        note: raw
            .note
            .as_ref()
            .map(|n| n.trim().to_string())
            .filter(|n| !n.is_empty()),
    })
}

/// The benefits table of `reference`'s form as Markdown, in the table block's house style:
/// money rows in its unit (`unit` where it states none), counts as entered, totals in bold, and
/// a note disclosing each figure within rounding of the profile figure it matches and each
/// total that does not add up as printed.
pub fn markdown(
    b: &Benefits,
    reference: &str,
    own: Option<Unit>,
    report: (Unit, u32),
    style: NegativeStyle,
) -> String {
    use crate::blocks::table::view::figure;
    use crate::text::escape;
    let (unit, decimals) = shown_in(b, own, report);
    // Figures of a table in the initiative's unit, moved into the report's.
    let money = |v: Decimal| match (b.unit, own) {
        (None, Some(from)) => unit.convert(v, from).unwrap_or(v),
        _ => v,
    };
    let caption = b.caption.as_deref().unwrap_or("longer term benefits");
    let mut out = format!(
        "Table: {}: {} ({})\n\n| {} |",
        escape(reference),
        escape(caption),
        unit.symbol(),
        unit.symbol()
    );
    for y in &b.years {
        out.push_str(&format!(" {y} |"));
    }
    out.push_str("\n| :--- |");
    for _ in &b.years {
        out.push_str(" ---: |");
    }
    out.push('\n');
    for r in &b.rows {
        let bold = |s: String| {
            if r.total && !s.is_empty() {
                format!("**{s}**")
            } else {
                s
            }
        };
        let label = match &r.count {
            Some(c) if !c.is_empty() => format!("{} ({})", escape(&r.label), escape(c)),
            _ => escape(&r.label),
        };
        out.push_str(&format!("| {} |", bold(label)));
        for v in &r.values {
            let text = match (v, &r.count) {
                (None, _) => String::new(),
                (Some(v), Some(_)) => Money::new(*v).format(v.scale(), style),
                (Some(v), None) => figure(money(*v), decimals, style, false),
            };
            out.push_str(&format!(" {} |", bold(text)));
        }
        out.push('\n');
    }
    let mut notes = Vec::new();
    if let Some(note) = &b.note {
        notes.push(crate::text::narrative(note, 6));
    }
    if !b.rounding.is_empty() {
        let items: Vec<String> = b
            .rounding
            .iter()
            .map(|r| {
                format!(
                    "{}, {}: this table prints {}; the profile gives {}",
                    escape(&r.row),
                    r.year,
                    figure(
                        money(r.figure),
                        decimals.max(money(r.figure).scale()),
                        style,
                        false
                    ),
                    figure(
                        money(r.profile),
                        decimals.max(money(r.profile).scale()),
                        style,
                        false
                    )
                )
            })
            .collect();
        notes.push(format!(
            "Rounding: where this table differs from the initiative's profile, the difference is rounding: {}.",
            items.join("; ")
        ));
    }
    let lines: Vec<crate::blocks::profile::Line> = {
        let mut since = Vec::new();
        b.rows
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let sum = r.total.then(|| std::mem::take(&mut since));
                if !r.total && r.count.is_none() {
                    since.push(i);
                }
                // Counts are printed as entered and never added.
                let values = if r.count.is_some() {
                    vec![None; r.values.len()]
                } else {
                    r.values.iter().map(|v| v.map(money)).collect()
                };
                (r.label.clone(), values, sum)
            })
            .collect()
    };
    let sums = crate::blocks::profile::lines_sums(&b.years, lines, None, decimals);
    if let Some(n) = crate::blocks::profile::note(&sums, decimals, style) {
        notes.push(n);
    }
    if !notes.is_empty() {
        out.push('\n');
        out.push_str(&notes.join("\n\n"));
        out.push('\n');
    }
    out
}

/// The unit and places a benefits table prints in: its own where it states one, else the
/// report's (`report`), its figures moved there from the initiative's unit `own`.
pub fn shown_in(b: &Benefits, own: Option<Unit>, report: (Unit, u32)) -> (Unit, u32) {
    match b.unit {
        Some(u) => (u, b.decimals.unwrap_or(u.default_decimals())),
        None => {
            let _ = own;
            (report.0, b.decimals.unwrap_or(report.1))
        }
    }
}

/// The profile line a `matches:` names, or the names it could have used.
fn line(text: &str, profile: Option<&Profile>) -> Result<Line, Vec<String>> {
    let t = text.trim();
    match t {
        "investment" => return Ok(Line::Investment),
        "gross_saving" => return Ok(Line::GrossSaving),
        "net" => return Ok(Line::Net),
        "new_saving" => return Ok(Line::NewSaving),
        _ => {}
    }
    let labels: Vec<String> = profile
        .map(|p| {
            p.profile
                .investment
                .iter()
                .map(|l| l.label.clone())
                .collect()
        })
        .unwrap_or_default();
    match labels.iter().position(|l| l.trim() == t) {
        Some(i) => Ok(Line::Of(i)),
        None if profile.is_none() => Ok(Line::Investment),
        None => Err(LINES
            .iter()
            .map(|s| s.to_string())
            .chain(labels.iter().map(|l| format!("`{l}`")))
            .collect()),
    }
}

fn describe(p: &FinancialProfile, l: &Line) -> String {
    match l {
        Line::Investment => "investment".into(),
        Line::GrossSaving => "gross saving".into(),
        Line::Net => "net".into(),
        Line::NewSaving => "new saving (the fall in gross saving on the year before)".into(),
        Line::Of(i) => format!(
            "line `{}`",
            p.investment.get(*i).map_or("", |l| l.label.as_str())
        ),
    }
}

/// The figures a line gives, by year of the profile, and how many entered figures each adds.
fn expected(p: &Profile, l: &Line) -> (Vec<Decimal>, Vec<usize>) {
    let n = p.profile.years.len();
    let dec = |r: &[Money]| r.iter().map(|m| m.decimal()).collect::<Vec<_>>();
    let lines = p.profile.investment.iter().filter(|l| l.in_totals).count();
    match l {
        Line::Investment => (dec(&p.figures.investment), vec![lines.max(1); n]),
        Line::GrossSaving => (dec(&p.figures.gross_saving), vec![1; n]),
        Line::Net => (dec(&p.figures.net), vec![lines + 1; n]),
        Line::NewSaving => {
            let g = &p.figures.gross_saving;
            let values = (0..n)
                .map(|k| {
                    let before = if k == 0 { Money::ZERO } else { g[k - 1] };
                    (before - g[k]).decimal()
                })
                .collect();
            let terms = (0..n).map(|k| if k == 0 { 1 } else { 2 }).collect();
            (values, terms)
        }
        Line::Of(i) => (
            p.profile
                .investment
                .get(*i)
                .map(|l| dec(&l.values))
                .unwrap_or_default(),
            vec![1; n],
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        Money::parse(s).unwrap().decimal()
    }

    #[test]
    fn a_breakdown_printed_to_fewer_places_agrees() {
        // 338,945 (£) is 0.338945 (£m): the profile prints it as 0.339.
        assert_eq!(agreement(d("0.338945"), d("0.339"), 1), Agreement::Exact);
        assert_eq!(agreement(d("1.37"), d("1.374"), 1), Agreement::Exact);
        assert_eq!(agreement(d("1.374"), d("1.374"), 1), Agreement::Exact);
    }

    #[test]
    fn the_rounding_allowance_counts_the_profile_figures_added() {
        // Half a unit of the third place per figure added: 0.0005 for one, 0.001 for two.
        assert_eq!(
            agreement(d("0.135"), d("0.136"), 1),
            Agreement::Rounding(Money::new(d("-0.001")))
        );
        assert_eq!(
            agreement(d("0.135"), d("0.137"), 2),
            Agreement::Mismatch(Money::new(d("-0.002")))
        );
        assert_eq!(
            agreement(d("0.135"), d("0.000"), 1),
            Agreement::Mismatch(Money::new(d("0.135")))
        );
        // A breakdown in £ against a £m profile: 339,600 is 0.3396, which prints 0.340, not
        // 0.339: within a unit of the third place (a printed figure is itself rounded).
        assert_eq!(
            agreement(d("0.3396"), d("0.339"), 1),
            Agreement::Rounding(Money::new(d("0.0006")))
        );
        // 340,200 is 0.0012 off: beyond a unit for one or two figures, within 0.0015 for three.
        assert_eq!(
            agreement(d("0.3402"), d("0.339"), 2),
            Agreement::Mismatch(Money::new(d("0.0012")))
        );
        assert_eq!(
            agreement(d("0.3402"), d("0.339"), 3),
            Agreement::Rounding(Money::new(d("0.0012")))
        );
    }
}
