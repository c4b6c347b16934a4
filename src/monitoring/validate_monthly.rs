//! Rules for monthly tables: months that follow one another, one value per month, signs, row
//! totals, `sums` rows against their group, opening and closing numbers against the flows, and
//! cumulative, remaining and percentage rows against the actual rows (each stated figure
//! compared by the table block's rule, in this kind's words).

use super::calc::{self, MonthlyFigures};
use super::check::{text, Check};
use super::model::{Group, MonthlyRow, MonthlyTable, Rounded};
use super::raw;
use crate::blocks::table::validate::{stated_as, PresetWording};
use crate::diagnostic::Code;
use crate::model::table::{Formula, Programme, Source};
use crate::raw::value::{Figure, S};
use crate::validate::at;
use rust_decimal::Decimal;
use std::ops::Range;

/// A row's values (blank cells `None`) and the span of each.
pub(super) type Cells = (Vec<Option<Decimal>>, Vec<Range<usize>>);
/// Stated figures as a table block row holds them: per month, the figure and its span.
type StatedCells = Vec<Option<(Decimal, Range<usize>)>>;
/// A row's cell spans, its stated total and its label's span.
pub(super) type RowSpan<'a> = (Vec<Range<usize>>, Option<&'a S<Figure>>, Range<usize>);

/// Reads `Apr`, `April`, `Apr-18`, `Apr 2018`: (month 1–12, full year if written).
pub(crate) use crate::rules::calendar::month as parse_month;

fn months(ck: &mut Check, ms: &S<Vec<S<String>>>) -> Option<Vec<String>> {
    if ms.value.is_empty() {
        ck.cx.error(
            Code::MissingField,
            at(ms),
            "a monthly table needs its months".into(),
            "no months",
            "e.g. [Apr, May, Jun]",
        );
        return None;
    }
    let items: Vec<(&str, Range<usize>)> =
        ms.value.iter().map(|m| (m.value.as_str(), at(m))).collect();
    crate::rules::calendar::months(ck.cx, &items, at(ms))?;
    Some(
        ms.value
            .iter()
            .map(|m| m.value.trim().to_string())
            .collect(),
    )
}

/// One value per month (blanks allowed); `None` if unusable.
pub(super) fn values(ck: &mut Check, v: &S<Vec<S<Figure>>>, n: usize, what: &str) -> Option<Cells> {
    if v.value.len() != n {
        ck.cx.error(
            Code::RowLength,
            at(v),
            format!(
                "{what} has {} values but the table has {n} months",
                v.value.len()
            ),
            "one value per month expected",
            "use ~ for a blank cell",
        );
        return None;
    }
    let mut out = Vec::with_capacity(n);
    let mut ok = true;
    for c in &v.value {
        match ck.number(c, what, true) {
            Ok(x) => out.push(x),
            Err(()) => ok = false,
        }
    }
    ok.then(|| (out, v.value.iter().map(|c| at(c)).collect()))
}

/// Validates one monthly table.
pub(crate) fn monthly(ck: &mut Check, t: &S<raw::Monthly>) -> Option<MonthlyTable> {
    let start_errors = ck.errors();
    let r = &t.value;
    let title = ck.required(&r.title, "the monthly table's title");
    let months = months(ck, &r.months);
    // Rows are measured against the months as listed even where one is unreadable, so a
    // bad month is not also every row's wrong length.
    let n = months.as_ref().map_or(r.months.value.len(), Vec::len);
    let start = match &r.start {
        Some(s) => ck
            .number(s, &format!("{title}: start"), false)
            .ok()
            .flatten(),
        None => None,
    };
    let actuals_to = r.actuals_to.as_ref().and_then(|a| {
        let found = months
            .as_ref()?
            .iter()
            .position(|m| parse_month(m) == parse_month(&a.value) && parse_month(m).is_some());
        if found.is_none() {
            ck.cx.error(
                Code::BadMonth,
                at(a),
                format!("`{}` is not one of the table's months", a.value.trim()),
                "not a month of the table",
                "name the last month with actual figures, as written in `months`",
            );
        }
        found
    });
    let mut rows: Vec<MonthlyRow> = Vec::new();
    let mut spans: Vec<RowSpan> = Vec::new();
    let mut seen: Vec<(String, Range<usize>)> = Vec::new();
    for row in &r.rows.value {
        let w = &row.value;
        let label = ck.required(&w.label, "a row label");
        let key = label.to_lowercase();
        if let Some((_, first)) = seen.iter().find(|(k, _)| *k == key) {
            ck.duplicate(&format!("the row `{label}`"), at(&w.label), first.clone());
            continue;
        }
        seen.push((key, at(&w.label)));
        let Some(group) = Group::parse(&w.group.value) else {
            ck.cx.error(
                Code::BadValue,
                at(&w.group),
                format!("unknown group `{}`", w.group.value.trim()),
                "not a group",
                &format!("use one of: {}", Group::NAMES.join(", ")),
            );
            continue;
        };
        if w.sums && rows.iter().any(|o| o.group == group && o.sums) {
            ck.cx.error(
                Code::DuplicateLine,
                at(&w.label),
                format!("`{label}` is a second `sums` row for the same group"),
                "second total row",
                "a group has one printed total row",
            );
        }
        let Some((vals, cells)) = values(ck, &w.values, n, &format!("{title}: {label}")) else {
            continue;
        };
        if matches!(group, Group::Target | Group::Actual) {
            for (v, s) in vals.iter().zip(&cells) {
                if v.is_some_and(|v| v.is_sign_negative() && !v.is_zero()) {
                    ck.cx.error(Code::SignSlip, s.clone(), format!("{title}: {label}: a {} count of {} is negative", if group == Group::Target { "target" } else { "actual" }, v.unwrap_or_default()), "reductions are counted as positive numbers", "write the number of children discharged (or of whatever is counted) as a positive figure");
                }
            }
        }
        if group == Group::Actual {
            if let Some(last) = actuals_to {
                for (v, s) in vals.iter().zip(&cells).skip(last + 1) {
                    if v.is_some_and(|v| !v.is_zero()) {
                        ck.cx.error(
                            Code::MonthlyMismatch,
                            s.clone(),
                            format!("{title}: {label} has an actual figure after `actuals_to`"),
                            "after the last month of actuals",
                            "move `actuals_to` on, or blank the cell",
                        );
                    }
                }
            }
        }
        let stated_total = w.total.as_ref().and_then(|t| {
            ck.number(t, &format!("{title}: {label} total"), true)
                .ok()
                .flatten()
        });
        spans.push((cells, w.total.as_ref(), at(&w.label)));
        rows.push(MonthlyRow {
            label,
            group,
            values: vals,
            sums: w.sums,
            stated_total,
        });
    }
    let table = MonthlyTable {
        title: title.clone(),
        intro: text(&r.intro),
        after: text(&r.after),
        as_at: ck.date(&r.as_at),
        months: months?,
        unit: text(&r.unit).unwrap_or_else(|| "children".to_string()),
        start,
        actuals_to,
        rounded: r.rounded,
        rows,
        stated_opening: None,
        stated_closing: None,
    };
    if ck.errors() > start_errors {
        return None;
    }
    let f = calc::monthly(&table);
    stated(ck, &table, &f, &spans, r);
    let mut table = table;
    let stated = |ck: &mut Check, v: &Option<S<Vec<S<Figure>>>>| {
        v.as_ref()
            .and_then(|v| values(ck, v, n, ""))
            .map(|(x, _)| x)
    };
    table.stated_opening = stated(ck, &r.opening);
    table.stated_closing = stated(ck, &r.closing);
    (ck.errors() == start_errors).then_some(table)
}

/// What a stated figure of a monthly table is, by the row of the table block it is set on.
enum Stated {
    /// A row's total: its label and how many figures it has.
    Total(String, usize),
    /// A `sums` row's month: its label and how many rows its group sums.
    Sums(String, usize),
    /// The number at the start of a month, checked against the last stated closing number.
    Opening,
    /// The number at the end of a month, checked against its stated opening number; how many
    /// flow rows move it.
    Closing(usize),
    /// A cumulative, remaining or percentage row's month, as the message names the row.
    Series(&'static str),
    TargetPercent,
}

/// Every stated figure of a table (row totals, `sums` rows, opening and closing numbers, the
/// cumulative actual, number remaining and % reduction rows, the target %), set on the rows of
/// the table block that computes the table's figures (`calc::monthly_table`) and compared by
/// the block's rule, worded as this kind's papers always have been (E0405). A stated figure
/// is set on a row of its own that reads the computed one, so the figures are compared, and
/// disclosed, in the order they are written.
fn stated(
    ck: &mut Check,
    t: &MonthlyTable,
    f: &MonthlyFigures,
    spans: &[RowSpan],
    r: &raw::Monthly,
) {
    let title = &t.title;
    let n = t.months.len();
    let (mut table, ix) = calc::monthly_table(t);
    table.file = ck.cx.file;
    let mut said: Vec<Option<Stated>> = table.rows.iter().map(|_| None).collect();
    let add = |table: &mut crate::model::table::Table,
               said: &mut Vec<Option<Stated>>,
               formula: Formula,
               what: Stated| {
        let id = format!("stated-{}", table.rows.len());
        table
            .rows
            .push(calc::preset_row(id.clone(), &id, formula, n, false));
        said.push(Some(what));
        table.rows.len() - 1
    };
    let row = |r: usize| Source::Row { table: 0, row: r };
    for (i, (w, (cells, total, _))) in t.rows.iter().zip(spans).enumerate() {
        if let (Some(s), Some(tot), Some(_)) = (w.stated_total, total, f.row_totals[i]) {
            let n = w.values.iter().flatten().count();
            let k = add(
                &mut table,
                &mut said,
                Formula::From(row(i)),
                Stated::Total(w.label.clone(), n),
            );
            table.rows[k].stated_total = Some((s, at(tot)));
        }
        let each = ix.each_month.iter().find(|(g, _)| *g == w.group);
        if let (true, Some(&(_, each))) = (w.sums, each) {
            let parts = t
                .rows
                .iter()
                .filter(|o| o.group == w.group && !o.sums)
                .count();
            let k = add(
                &mut table,
                &mut said,
                Formula::From(row(each)),
                Stated::Sums(w.label.clone(), parts),
            );
            for (m, v) in w.values.iter().enumerate() {
                table.rows[k].stated[m] = v.map(|s| (s, cells[m].clone()));
            }
        }
    }
    if r.opening.is_some() || r.closing.is_some() {
        stock(ck, t, f, r, &mut |formula, what, stated| {
            let k = add(&mut table, &mut said, formula, what);
            table.rows[k].stated = stated;
        });
    }
    let series = [
        (&r.cumulative, ix.cumulative_actual, "cumulative actual"),
        (&r.remaining, ix.remaining, "number remaining"),
        (&r.percent, ix.percent, "% reduction"),
    ];
    for (stated, computed, what) in series {
        let Some(stated) = stated else { continue };
        let Some(computed) = computed else {
            ck.cx.error(
                Code::MonthlyMismatch,
                at(stated),
                format!(
                    "{title}: a stated {what} row needs `actual` rows{}",
                    if what == "cumulative actual" {
                        ""
                    } else {
                        " and `start`"
                    }
                ),
                "nothing to check it against",
                "add the rows it is computed from, or remove it",
            );
            continue;
        };
        let Some((vals, cells)) = values(ck, stated, n, &format!("{title}: {what}")) else {
            continue;
        };
        let cells: Vec<_> = vals
            .into_iter()
            .zip(cells)
            .map(|(v, c)| v.map(|v| (v, c)))
            .collect();
        if matches!(table.rows[computed].formula, Formula::Percent(..)) {
            // A percentage is compared by the percentage rule, which reads the row's formula.
            table.rows[computed].stated = cells;
            said[computed] = Some(Stated::Series(what));
        } else {
            let k = add(
                &mut table,
                &mut said,
                Formula::From(row(computed)),
                Stated::Series(what),
            );
            table.rows[k].stated = cells;
        }
    }
    if let Some(tp) = &r.target_percent {
        match (
            ck.number(tp, &format!("{title}: target %"), false),
            f.target_percent,
            ix.target_percent,
        ) {
            (Ok(Some(s)), Some(_), Some(k)) => {
                table.rows[k].stated[n - 1] = Some((s, at(tp)));
                said[k] = Some(Stated::TargetPercent);
            }
            (Ok(_), None, _) | (Ok(_), _, None) => ck.cx.error(
                Code::MonthlyMismatch,
                at(tp),
                format!("{title}: a target % needs `target` rows and `start`"),
                "nothing to check it against",
                "",
            ),
            _ => {}
        }
    }
    let figures =
        crate::blocks::table::calc::figures(std::slice::from_ref(&table), &Programme::default());
    let month = |c: Option<usize>| c.and_then(|c| t.months.get(c)).map_or("", String::as_str);
    let what = |r: usize, c: Option<usize>| match &said[r] {
        Some(Stated::Total(label, _)) => format!("{title}: the total of `{label}`"),
        Some(Stated::Sums(label, _)) => format!("{title}: `{label}` for {}", month(c)),
        Some(Stated::Opening) => format!("{title}: the opening number for {}", month(c)),
        Some(Stated::Closing(_)) => format!("{title}: the closing number for {}", month(c)),
        Some(Stated::Series(what)) => format!("{title}: {what} for {}", month(c)),
        Some(Stated::TargetPercent) => format!("{title}: the target % reduction"),
        None => title.clone(),
    };
    let terms = |r: usize, c: Option<usize>| match &said[r] {
        Some(Stated::Total(_, n) | Stated::Sums(_, n)) => *n,
        Some(Stated::Closing(flows)) => (*flows).max(1),
        // A cumulative figure for a month is made of that month's figure and every one before.
        Some(Stated::Series(_)) => c.map_or(1, |c| c + 1),
        _ => 1,
    };
    let rounding_ok = |r: usize| t.rounded && !matches!(said[r], Some(Stated::Opening));
    // Only a cumulative, remaining or percentage row has blank months: those after the last
    // month of actuals.
    let after =
        |what: &str| format!("{what} is stated for a month after the last month of actuals");
    let wording = PresetWording {
        code: Code::MonthlyMismatch,
        what: &what,
        terms: &terms,
        rounding_ok: &rounding_ok,
        no_figure: &after,
        no_figure_label: "no actuals yet",
        no_figure_hint: "blank the cell, or move `actuals_to` on",
        percent_hint: "correct the percentage, or the figures it is computed from",
    };
    for found in stated_as(ck.cx, &table, 0, &figures, &wording) {
        ck.rounding.push(Rounded {
            what: found.what,
            stated: found.stated,
            computed: found.computed,
            money: false,
        });
    }
}

/// Opening and closing numbers: each month opens where the last closed (exactly), and closes
/// at its opening plus its flows. Each is checked against its stated neighbours, so one slip is
/// reported once rather than in every later month: the figure each is checked against is set
/// as a row (`add`: its figures, what it is, the stated figures set on it).
fn stock(
    ck: &mut Check,
    t: &MonthlyTable,
    f: &MonthlyFigures,
    r: &raw::Monthly,
    add: &mut dyn FnMut(Formula, Stated, StatedCells),
) {
    let title = &t.title;
    let n = t.months.len();
    let (Some(open_c), Some(close_c), Some(net)) = (&f.opening, &f.closing, &f.net_change) else {
        let span = r
            .opening
            .as_ref()
            .or(r.closing.as_ref())
            .map(|s| at(s))
            .unwrap_or(0..0);
        ck.cx.error(
            Code::MonthlyMismatch,
            span,
            format!("{title}: stated opening or closing numbers need `flow` rows and `start`"),
            "nothing to check them against",
            "",
        );
        return;
    };
    let flows = t
        .rows
        .iter()
        .filter(|o| o.group == Group::Flow && !o.sums)
        .count();
    let read = |ck: &mut Check, v: &Option<S<Vec<S<Figure>>>>, what: &str| {
        v.as_ref()
            .and_then(|v| values(ck, v, n, &format!("{title}: {what}")))
    };
    let open = read(ck, &r.opening, "opening");
    let close = read(ck, &r.closing, "closing");
    let stated_at = |v: &Option<Cells>, m: usize| v.as_ref().and_then(|(x, _)| x[m]);
    let set = |v: &Cells| -> StatedCells {
        v.0.iter()
            .zip(&v.1)
            .map(|(x, c)| x.map(|x| (x, c.clone())))
            .collect()
    };
    if let Some(o) = &open {
        let expected = (0..n)
            .map(|m| {
                Some(match m {
                    0 => open_c[0],
                    _ => stated_at(&close, m - 1).unwrap_or(open_c[m]),
                })
            })
            .collect();
        add(Formula::Entered(expected), Stated::Opening, set(o));
    }
    if let Some(c) = &close {
        let expected = (0..n)
            .map(|m| Some(stated_at(&open, m).map_or(close_c[m], |o| o + net[m])))
            .collect();
        add(Formula::Entered(expected), Stated::Closing(flows), set(c));
    }
}
