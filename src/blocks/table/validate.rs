//! The rules of a table block, each at its place in the file: its shape (columns, one figure
//! per column, one formula per row), its units (converted exactly, never silently), the sign
//! its line kind states, figures written more finely than the table prints, and every name a
//! formula uses (resolved across the report's tables, cycles refused).

use super::raw::{Block, ColumnSpec, ComputedColumn, Refs, Row as RawRow};
use crate::codes::Code;
use crate::diagnostic::Diagnostic;
use crate::model::table::{
    Column, ColumnFormula, ColumnKey, Formula, LineKind, ProgrammeLine, Row, RowName, Source,
    Table, TableChart, Unit,
};
use crate::model::{Agreement, Money};
use crate::raw::value::{Figure, S};
use crate::rules::{at, closest, Ctx};
use crate::source::FileId;
use rust_decimal::Decimal;
use std::ops::Range;

/// The id `programme.<line>` reads from: the report's initiatives.
pub const PROGRAMME: &str = "programme";

/// A table block as written (its `table:` key present) → a table whose formulas still name
/// rows. `unit` is the report's, the default.
pub(crate) fn table(cx: &mut Ctx, raw: &Block, unit: Unit) -> Option<Table<RowName>> {
    let id_raw = raw.table.as_ref()?;
    let id = id_raw.value.trim().to_string();
    if !valid_id(&id) {
        cx.error(
            Code::BadValue,
            at(id_raw),
            format!("`{id}` cannot name a table"),
            "not a table id",
            "use lower-case letters, digits and `-`, e.g. `adult-care`",
        );
    }
    if let Some(t) = &raw.text {
        cx.error(
            Code::BadValue,
            at(t),
            "an item is either `text` or a `table`, not both".into(),
            "text beside a table",
            "put the text in an item of its own, before or after the table",
        );
    }
    let unit = match &raw.units {
        Some(u) => match Unit::parse(&u.value) {
            Some(u) => u,
            None => {
                bad_unit(cx, u);
                return None;
            }
        },
        None => unit,
    };
    let decimals = raw
        .decimals
        .as_ref()
        .map_or(unit.default_decimals(), |d| d.value.min(6));
    if raw.caption.is_none() {
        // Every table is named for every reader: a screen reader announces the caption.
        missing(
            cx,
            id_raw,
            "caption",
            "e.g. `caption: \"Table 3 – Adult Social Care Funding Proposals\"`",
        );
    } else if let Some(c) = raw.caption.as_ref().filter(|c| c.value.trim().is_empty()) {
        // An empty caption names nothing: the same as none, said at the caption.
        cx.error(
            Code::EmptyText,
            at(c),
            format!("the table `{}` has an empty `caption`", id_raw.value.trim()),
            "empty",
            "e.g. `caption: \"Table 3 – Adult Social Care Funding Proposals\"`",
        );
    }
    let Some(columns_raw) = &raw.columns else {
        missing(
            cx,
            id_raw,
            "columns",
            "e.g. `columns: [2016/17, 2017/18, 2018/19]`",
        );
        return None;
    };
    let Some(rows_raw) = &raw.rows else {
        missing(
            cx,
            id_raw,
            "rows",
            "e.g. `rows: [{ label: Legal Services, values: [0.188, 0.584] }]`",
        );
        return None;
    };
    let (columns, months_ok) = columns(cx, columns_raw, unit)?;
    let total_column = raw.total.as_ref().is_some_and(|t| t.value);
    if let (Some(t), Some(c)) = (
        raw.total.as_ref().filter(|t| t.value),
        columns.iter().find(|c| c.unit.is_some()),
    ) {
        // A Total adds across the columns: figures in different units do not add.
        cx.error(
            Code::UnitMismatch,
            at(t),
            format!(
                "a Total column would add `{}` (in {}) to figures in {}",
                c.label,
                c.unit.unwrap_or(unit).words(),
                unit.words()
            ),
            "different units",
            "remove `total`, or give every column the table's unit",
        );
        return None;
    }
    let mut rows: Vec<Row<RowName>> = Vec::new();
    for r in &rows_raw.value {
        // A row with errors stays, without figures, so that what reads it is not told it is
        // missing (its own errors are the problem, said once where they are).
        rows.push(
            row(cx, r, &columns, unit, decimals, total_column)
                .unwrap_or_else(|| broken_row(r, columns.len())),
        );
    }
    if rows_raw.value.is_empty() {
        cx.error(
            Code::EmptyText,
            at(rows_raw),
            format!("the table `{id}` has no rows"),
            "no rows",
            "",
        );
    }
    if !months_ok {
        for r in &mut rows {
            r.broken = true;
        }
    }
    // `sum: above` / `below`: every row with figures above or below, by index.
    resolve_directions(&mut rows);
    duplicate_ids(cx, &rows, rows_raw);
    let caption = raw.caption.as_ref().map(|c| c.value.trim().to_string());
    let chart = raw
        .chart
        .as_ref()
        .and_then(|c| chart(cx, c, &rows, caption.as_deref().unwrap_or(&id)));
    Some(Table {
        id,
        caption,
        unit,
        decimals,
        columns,
        rows,
        note: raw.note.clone(),
        total_column,
        chart,
        file: cx.file,
        at: at(id_raw),
    })
}

/// A table's `chart:`: its type and rows, checked.
fn chart(
    cx: &mut Ctx,
    spec: &S<super::raw::ChartSpec>,
    rows: &[Row<RowName>],
    caption: &str,
) -> Option<TableChart> {
    let c = &spec.value;
    let bars = match c.kind.as_ref().map(|k| (k, k.value.trim())) {
        None | Some((_, "lines")) => false,
        Some((_, "bars")) => true,
        Some((k, other)) => {
            cx.error(
                Code::BadValue,
                at(k),
                format!("`{other}` is not a type of chart"),
                "not a type",
                "use `lines` or `bars`",
            );
            return None;
        }
    };
    let chosen: Vec<usize> = match &c.rows {
        None => (0..rows.len())
            .filter(|&r| !matches!(rows[r].formula, Formula::Heading))
            .collect(),
        Some(list) => {
            let mut out = Vec::new();
            for id in &list.value {
                match rows.iter().position(|r| r.id == id.value.trim()) {
                    Some(r) => out.push(r),
                    None => {
                        let known: Vec<&str> = rows.iter().map(|r| r.id.as_str()).collect();
                        let hint = closest(&id.value, &known)
                            .map_or_else(String::new, |k| format!("did you mean `{k}`?"));
                        cx.error(
                            Code::TableReference,
                            at(id),
                            format!("the table has no row `{}` to chart", id.value.trim()),
                            "no such row",
                            &hint,
                        );
                        return None;
                    }
                }
            }
            out
        }
    };
    let most = if bars { 1 } else { 4 };
    if chosen.is_empty() || chosen.len() > most {
        cx.error(
            Code::BadValue,
            at(spec),
            format!(
                "a chart of {} draws 1 to {most} row(s), not {}",
                if bars { "bars" } else { "lines" },
                chosen.len()
            ),
            "rows to draw",
            "name the rows to draw with `rows: [id, …]`",
        );
        return None;
    }
    Some(TableChart {
        bars,
        rows: chosen,
        title: c
            .title
            .as_ref()
            .map_or_else(|| caption.to_string(), |t| t.value.trim().to_string()),
    })
}

/// The stand-in for a row that has errors: its name, no figures.
fn broken_row(raw: &S<RawRow>, columns: usize) -> Row<RowName> {
    let r = &raw.value;
    let label = r
        .label
        .as_ref()
        .or(r.heading.as_ref())
        .map(|l| l.value.trim().to_string())
        .unwrap_or_default();
    Row {
        id: r.id.as_ref().map_or_else(
            || crate::rules::slug(&label),
            |i| i.value.trim().to_string(),
        ),
        label,
        kind: None,
        formula: Formula::Heading,
        only: None,
        changes_from: None,
        stated: vec![None; columns],
        stated_total: None,
        bold: r.total,
        at: at(raw),
        cells_at: Vec::new(),
        broken: true,
    }
}

/// Table and row ids: lower-case letters, digits, `-` and `_`.
fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
}

fn missing(cx: &mut Ctx, table: &S<String>, key: &str, hint: &str) {
    cx.error(
        Code::MissingField,
        at(table),
        format!("the table `{}` has no `{key}`", table.value.trim()),
        &format!("needs `{key}`"),
        hint,
    );
}

fn bad_unit(cx: &mut Ctx, u: &S<String>) {
    cx.error(
        Code::BadValue,
        at(u),
        format!("`{}` is not a unit", u.value.trim()),
        "not a unit",
        &format!("use one of {}", Unit::NAMES.join(", ")),
    );
}

/// The columns, and whether their months (if they are months) follow one another: when they
/// do not, the table is still built, but its stated figures are not compared (a month out of
/// place would make every later figure look wrong).
fn columns(cx: &mut Ctx, raw: &S<Vec<S<ColumnSpec>>>, unit: Unit) -> Option<(Vec<Column>, bool)> {
    let mut out: Vec<Column> = Vec::new();
    let mut ok = true;
    let label_of = |c: &ColumnSpec| match c {
        ColumnSpec::Plain(l) => l.trim().to_string(),
        ColumnSpec::Computed(k) => k.name.value.trim().to_string(),
    };
    let entered = |c: &ColumnSpec| match c {
        ColumnSpec::Plain(_) => true,
        ColumnSpec::Computed(k) => k.difference.is_none() && k.sum.is_none(),
    };
    // Month columns: when the first entered column is a month, every entered column is, and
    // they follow one another (the calendar rule, which also reports a month twice).
    let first = raw.value.iter().find(|c| entered(&c.value));
    let months = first
        .is_some_and(|c| matches!(ColumnKey::parse(&label_of(&c.value)), ColumnKey::Month(..)));
    let mut months_ok = true;
    if months {
        let labels: Vec<(String, Range<usize>)> = raw
            .value
            .iter()
            .filter(|c| entered(&c.value))
            .map(|c| (label_of(&c.value), at(c)))
            .collect();
        let items: Vec<(&str, Range<usize>)> = labels
            .iter()
            .map(|(l, s)| (l.as_str(), s.clone()))
            .collect();
        // A month slip is said once, here; the table is still computed (its columns are
        // named, if not well), so that rows and sentences reading it are not told it is missing.
        months_ok = crate::rules::calendar::months(cx, &items, at(raw)).is_some();
    }
    for c in &raw.value {
        let label = label_of(&c.value);
        let computed = match &c.value {
            ColumnSpec::Plain(_) => None,
            ColumnSpec::Computed(k) => Some(k),
        };
        if label.is_empty() {
            cx.error(
                Code::EmptyText,
                at(c),
                "a column has no name".into(),
                "empty",
                "name it by its year (`2016/17`), month or heading",
            );
            ok = false;
            continue;
        }
        let key = ColumnKey::parse(&label);
        // A month twice has been reported by the month rule.
        let repeated_month = months && matches!(key, ColumnKey::Month(..));
        if !repeated_month && out.iter().any(|o| o.key.matches(&key)) {
            cx.error(
                Code::DuplicateName,
                at(c),
                format!("the column `{label}` is there twice"),
                "second use",
                "each column of a table stands for a different year or heading",
            );
            ok = false;
            continue;
        }
        let own_unit = match computed.and_then(|k| k.units.as_ref()) {
            Some(u) => match Unit::parse(&u.value) {
                Some(u) => Some(u),
                None => {
                    bad_unit(cx, u);
                    ok = false;
                    continue;
                }
            },
            None => None,
        };
        let (formula, unit_of) = match computed {
            Some(k) if k.difference.is_some() || k.sum.is_some() => {
                match column_formula(cx, &out, k, unit) {
                    Some((f, u)) => (Some(f), u),
                    None => {
                        ok = false;
                        continue;
                    }
                }
            }
            Some(k) if k.units.is_none() => {
                column_formula(cx, &out, k, unit);
                ok = false;
                continue;
            }
            _ => (None, own_unit.unwrap_or(unit)),
        };
        if let (Some(_), Some(own), Some(u)) =
            (&formula, own_unit, computed.and_then(|k| k.units.as_ref()))
        {
            if own != unit_of {
                cx.error(
                    Code::UnitMismatch,
                    at(u),
                    format!(
                        "the column `{label}` is computed in {}, not {}",
                        unit_of.words(),
                        own.words()
                    ),
                    "not its columns' unit",
                    "a computed column is in the unit of the columns it reads; remove `units`",
                );
                ok = false;
                continue;
            }
        }
        out.push(Column {
            key,
            label,
            formula,
            unit: (unit_of != unit).then_some(unit_of),
        });
    }
    if out.is_empty() && ok {
        cx.error(
            Code::EmptyText,
            at(raw),
            "a table needs at least one column".into(),
            "no columns",
            "",
        );
        return None;
    }
    ok.then_some((out, months_ok))
}

/// A computed column's formula, reading columns to its left by heading, and its unit (that of
/// the columns it reads, which must share one).
fn column_formula(
    cx: &mut Ctx,
    left: &[Column],
    k: &ComputedColumn,
    unit: Unit,
) -> Option<(ColumnFormula, Unit)> {
    let name = k.name.value.trim();
    let find = |cx: &mut Ctx, n: &S<String>| column_of(cx, left, n);
    let formula = match (&k.difference, &k.sum) {
        (Some(d), None) if d.value.len() == 2 => {
            let a = find(cx, &d.value[0]);
            let b = find(cx, &d.value[1]);
            ColumnFormula::Difference(a?, b?)
        }
        (Some(d), None) => {
            cx.error(
                Code::BadValue,
                at(d),
                format!("a difference is of two columns, not {}", d.value.len()),
                "two columns",
                "e.g. `{ name: Variance, difference: [Actual, Budget] }` (actual less budget)",
            );
            return None;
        }
        (None, Some(s)) => {
            let mut cols = Vec::new();
            for n in &s.value {
                cols.push(find(cx, n));
            }
            ColumnFormula::Sum(cols.into_iter().collect::<Option<Vec<_>>>()?)
        }
        (None, None) | (Some(_), Some(_)) => {
            cx.error(
                Code::BadValue,
                at(&k.name),
                format!("the column `{name}` needs one of `difference` or `sum`"),
                "one formula",
                "a computed column is `difference: [a, b]` or `sum: [a, b, …]` of columns to its left",
            );
            return None;
        }
    };
    let read = match &formula {
        ColumnFormula::Difference(a, b) => vec![*a, *b],
        ColumnFormula::Sum(cols) => cols.clone(),
    };
    let unit_of = |c: usize| left[c].unit.unwrap_or(unit);
    let first = read.first().map_or(unit, |&c| unit_of(c));
    if let Some(&other) = read.iter().find(|&&c| unit_of(c) != first) {
        let span = k
            .difference
            .as_ref()
            .or(k.sum.as_ref())
            .map_or_else(|| at(&k.name), |v| at(v));
        cx.error(
            Code::UnitMismatch,
            span,
            format!(
                "the column `{name}` reads `{}` in {} and `{}` in {}",
                left[read[0]].label,
                first.words(),
                left[other].label,
                unit_of(other).words()
            ),
            "different units",
            "a computed column reads columns of one unit",
        );
        return None;
    }
    Some((formula, first))
}

/// The column of `name` among `columns`, or an error at it.
fn column_of(cx: &mut Ctx, columns: &[Column], name: &S<String>) -> Option<usize> {
    let text = name.value.trim();
    let key = ColumnKey::parse(text);
    let found = columns.iter().position(|c| c.key.matches(&key));
    if found.is_none() {
        let names: Vec<&str> = columns.iter().map(|c| c.label.as_str()).collect();
        cx.error(
            Code::TableReference,
            at(name),
            format!("the table has no column `{text}`"),
            "no such column",
            &format!("its columns are {}", names.join(", ")),
        );
    }
    found
}

/// A row's entered figures (`None` for a blank) and where each is written.
type Entered = (Vec<Option<Decimal>>, Vec<Range<usize>>);

/// Figures of a row: one per column, each read in its `from` unit and converted to its `to`
/// unit (`units`, one pair per column). `None` if unusable.
fn figures(
    cx: &mut Ctx,
    values: &S<Vec<S<Figure>>>,
    units: &[(Unit, Unit)],
    what: &str,
) -> Option<Entered> {
    let columns = units.len();
    if values.value.len() != columns {
        cx.error(
            Code::RowLength,
            at(values),
            format!(
                "{what} has {} figure(s) but the table has {columns} column(s)",
                values.value.len()
            ),
            "wrong number of figures",
            "give one figure per column; `~` for a blank cell",
        );
        return None;
    }
    // One unit that cannot convert is one problem, said once for the row.
    if let Some(&(unit, from)) = units
        .iter()
        .find(|(to, from)| to.convert(rust_decimal::Decimal::ONE, *from).is_none())
    {
        cx.error(
            Code::UnitMismatch,
            at(values),
            format!(
                "{what}: figures in {} cannot be shown in a table in {}",
                from.words(),
                unit.words()
            ),
            "cannot convert",
            "money converts between £, £k and £m; counts and percentages do not",
        );
        return None;
    }
    let mut out = Vec::with_capacity(columns);
    let mut spans = Vec::with_capacity(columns);
    let mut ok = true;
    for (v, &(unit, from)) in values.value.iter().zip(units) {
        spans.push(at(v));
        let Some(text) = v.value.as_deref() else {
            out.push(None);
            continue;
        };
        match crate::rules::figures::money_text(cx, text, at(v), what) {
            // Convertible units, but the figure is too large to print once converted (£m
            // to £ multiplies by a million): entered figures are below 10^15 in their own unit.
            Some(m) => match unit
                .convert(m.decimal(), from)
                .filter(|d| Money::new(*d).is_printable())
            {
                Some(d) => out.push(Some(d)),
                None => {
                    cx.error(
                        Code::FigureTooLarge,
                        at(v),
                        format!(
                            "{what}: the figure is too large once shown in {}",
                            unit.words()
                        ),
                        "too large",
                        "check the figure and its unit",
                    );
                    ok = false;
                    out.push(None);
                }
            },
            None => {
                ok = false;
                out.push(None);
            }
        }
    }
    ok.then_some((out, spans))
}

/// One row as written.
fn row(
    cx: &mut Ctx,
    raw: &S<RawRow>,
    columns: &[Column],
    unit: Unit,
    decimals: u32,
    total_column: bool,
) -> Option<Row<RowName>> {
    let r = &raw.value;
    let n = columns.len();
    let (label, label_at, heading) = match (&r.label, &r.heading) {
        (Some(l), None) => (l.value.trim().to_string(), at(l), false),
        (None, Some(h)) => (h.value.trim().to_string(), at(h), true),
        (Some(l), Some(_)) => {
            cx.error(
                Code::BadValue,
                at(l),
                "a row has a `label` or is a `heading`, not both".into(),
                "label and heading",
                "",
            );
            return None;
        }
        (None, None) => {
            cx.error(
                Code::MissingField,
                at(raw),
                "a row needs a `label` (or is a `heading`)".into(),
                "no label",
                "e.g. `{ label: Legal Services, values: [0.188, 0.584, 0.699, 0.699] }`",
            );
            return None;
        }
    };
    let what = format!("`{label}`");
    let row_unit = match &r.units {
        Some(u) => match Unit::parse(&u.value) {
            Some(u) => u,
            None => {
                bad_unit(cx, u);
                return None;
            }
        },
        None => unit,
    };
    let kind = match &r.kind {
        Some(k) => match LineKind::parse(&k.value) {
            Some(k) => Some(k),
            None => {
                cx.error(
                    Code::BadValue,
                    at(k),
                    format!("`{}` is not a kind of line", k.value.trim()),
                    "not a kind",
                    &format!("use one of {}", LineKind::NAMES.join(", ")),
                );
                return None;
            }
        },
        None => None,
    };
    let name = |s: &S<String>| RowName::parse(&s.value, at(s));
    let mut formulas: Vec<(&str, Range<usize>, Formula<RowName>)> = Vec::new();
    let mut cells_at = Vec::new();
    let mut sign_slip = false;
    let mut ok = true;
    if let Some(v) = &r.values {
        // Figures that cannot be read have been reported: the row says nothing more. One
        // figure per entered column; computed columns are filled in.
        // A column in a unit of its own reads its figures in that unit; the others in the
        // row's `units`, converted to the table's.
        let units: Vec<(Unit, Unit)> = columns
            .iter()
            .filter(|c| c.formula.is_none())
            .map(|c| c.unit.map_or((unit, row_unit), |u| (u, u)))
            .collect();
        let (values, spans) = figures(cx, v, &units, &what)?;
        let (values, spans) = widen(columns, values, spans);
        let places: Vec<u32> = columns
            .iter()
            .map(|c| match c.unit {
                Some(u) if u != unit => u.default_decimals(),
                _ => decimals,
            })
            .collect();
        // A figure of the wrong sign is one problem: the totals made from it say nothing more.
        sign_slip = signs_and_places(cx, &values, &spans, kind, &places, &what);
        cells_at = spans;
        formulas.push(("values", at(v), Formula::Entered(values)));
    }
    if let Some(s) = &r.sum {
        let f = match &s.value {
            Refs::List(list) => Formula::Sum(list.iter().map(|x| name_in(x, at(s))).collect()),
            Refs::Word(w) if matches!(w.trim(), "above" | "below") => Formula::Sum(vec![RowName {
                table: None,
                row: format!("\u{0}{}", w.trim()),
                at: at(s),
            }]),
            Refs::Word(w) => Formula::Sum(vec![RowName::parse(w, at(s))]),
        };
        formulas.push(("sum", at(s), f));
    }
    if let Some(d) = &r.difference {
        if d.value.len() == 2 {
            formulas.push((
                "difference",
                at(d),
                Formula::Difference(name_in(&d.value[0], at(d)), name_in(&d.value[1], at(d))),
            ));
        } else {
            cx.error(
                Code::BadValue,
                at(d),
                format!("a difference is of two rows, not {}", d.value.len()),
                "two rows",
                "e.g. `difference: [forecast, budget]` (forecast less budget)",
            );
            ok = false;
        }
    }
    if let Some(p) = &r.percent {
        if p.value.len() == 2 {
            formulas.push((
                "percent",
                at(p),
                Formula::Percent(name_in(&p.value[0], at(p)), name_in(&p.value[1], at(p))),
            ));
        } else {
            cx.error(
                Code::BadValue,
                at(p),
                format!(
                    "a percentage is of one row against another, not of {} row(s)",
                    p.value.len()
                ),
                "two rows",
                "e.g. `percent: [cumulative, start]` (cumulative as a percentage of start)",
            );
            ok = false;
        }
    }
    if let Some(f) = &r.from {
        formulas.push(("from", at(f), Formula::From(name(f))));
    }
    if let Some(f) = &r.running_total {
        formulas.push(("running_total", at(f), Formula::RunningTotal(name(f))));
    }
    if let Some(f) = &r.change {
        formulas.push(("change", at(f), Formula::Change(name(f))));
    }
    if !ok && formulas.is_empty() {
        // Its one formula was written wrongly, and has been reported: not "no figures" too.
        return None;
    }
    let formula = match (heading, formulas.len()) {
        (true, 0) => Formula::Heading,
        (true, _) => {
            cx.error(
                Code::BadValue,
                formulas[0].1.clone(),
                format!("the heading `{label}` has figures"),
                "a heading has none",
                "make it a row with a `label`, or move the figures to a row of their own",
            );
            return None;
        }
        (false, 1) => formulas.pop().map(|f| f.2).unwrap_or(Formula::Heading),
        (false, 0) => {
            cx.error(
                Code::MissingField,
                label_at.clone(),
                format!("the row {what} has no figures"),
                "no figures",
                "give `values`, or one of `sum`, `difference`, `percent`, `from`, `running_total`, `change`; or make it a `heading`",
            );
            return None;
        }
        (false, _) => {
            let names: Vec<&str> = formulas.iter().map(|f| f.0).collect();
            cx.error(
                Code::BadValue,
                formulas[1].1.clone(),
                format!("the row {what} has both `{}` and `{}`", names[0], names[1]),
                "one way of making figures per row",
                "a row is entered (`values`) or computed by one formula",
            );
            return None;
        }
    };
    let only = match &r.columns {
        Some(list) => {
            let mut mask = vec![false; n];
            for c in &list.value {
                match column_of(cx, columns, c) {
                    Some(k) => mask[k] = true,
                    None => ok = false,
                }
            }
            Some(mask)
        }
        None => None,
    };
    let changes_from = match &r.changes_from {
        Some(c) => match column_of(cx, columns, c) {
            Some(k) => Some(k),
            None => {
                ok = false;
                None
            }
        },
        None => None,
    };
    let stated_units: Vec<(Unit, Unit)> = columns
        .iter()
        .map(|c| {
            let u = match formula {
                Formula::Percent(..) => Unit::Percent,
                _ => c.unit.unwrap_or(unit),
            };
            (u, u)
        })
        .collect();
    let stated = match &r.stated {
        Some(s) => match figures(
            cx,
            s,
            &stated_units,
            &format!("the stated figures of {what}"),
        ) {
            Some((v, spans)) => v
                .into_iter()
                .zip(spans)
                .map(|(v, sp)| v.map(|v| (v, sp)))
                .collect(),
            None => {
                ok = false;
                vec![None; n]
            }
        },
        None => vec![None; n],
    };
    let stated_total = match &r.stated_total {
        Some(s) if !total_column => {
            cx.error(
                Code::BadValue,
                at(s),
                "`stated_total` needs a Total column".into(),
                "no Total column",
                "add `total: true` to the table",
            );
            ok = false;
            None
        }
        Some(s) => match s.value.as_deref() {
            Some(text) => crate::rules::figures::money_text(cx, text, at(s), &what)
                .map(|m| (m.decimal(), at(s))),
            None => None,
        },
        None => None,
    };
    ok.then(|| Row {
        broken: sign_slip,
        id: match &r.id {
            Some(id) => id.value.trim().to_string(),
            None => crate::rules::slug(&label),
        },
        label,
        kind,
        formula,
        only,
        changes_from,
        stated,
        stated_total,
        bold: r.total,
        at: label_at,
        cells_at,
    })
}

/// Entered figures (one per entered column) spread over every column, computed ones blank.
fn widen(columns: &[Column], values: Vec<Option<Decimal>>, spans: Vec<Range<usize>>) -> Entered {
    let mut v = values.into_iter();
    let mut s = spans.into_iter();
    columns
        .iter()
        .map(|c| match c.formula {
            Some(_) => (None, 0..0),
            None => (v.next().flatten(), s.next().unwrap_or(0..0)),
        })
        .unzip()
}

/// A name in a list: its own place when the parser kept it, else the list's.
fn name_in(s: &S<String>, list: Range<usize>) -> RowName {
    let own = at(s);
    RowName::parse(&s.value, if own.is_empty() { list } else { own })
}

/// Entered figures: the sign the line's kind states, and no more decimal places than the
/// table prints (a figure printed rounded would not add up as printed). Whether a sign was
/// wrong.
fn signs_and_places(
    cx: &mut Ctx,
    values: &[Option<Decimal>],
    spans: &[Range<usize>],
    kind: Option<LineKind>,
    places: &[u32],
    what: &str,
) -> bool {
    let mut slipped = false;
    for ((v, span), &decimals) in values.iter().zip(spans).zip(places) {
        let Some(v) = v else { continue };
        if let Some(positive) = kind.and_then(LineKind::positive) {
            if !v.is_zero() && v.is_sign_positive() != positive {
                slipped = true;
                let k = kind.map_or("", LineKind::name);
                cx.error(
                    Code::SignSlip,
                    span.clone(),
                    format!(
                        "{what} is a {k} line, entered {}, but this figure is {}",
                        if positive {
                            "positive"
                        } else {
                            "negative (in brackets)"
                        },
                        if positive { "negative" } else { "positive" }
                    ),
                    "wrong sign",
                    "check the sign, or the line's `kind`",
                );
            }
        }
        let places = v.normalize().scale();
        if places > decimals {
            let printed = Money::new(*v).format(decimals, Default::default());
            cx.warn(
                Code::MoreDecimalsThanPrinted,
                span.clone(),
                format!(
                    "{what}: {} has more decimal places than the table prints ({decimals}), so it prints as {printed}",
                    v.normalize()
                ),
                "printed rounded",
                "enter the figure as printed, or raise the table's `decimals`",
            );
        }
    }
    slipped
}

/// `sum: above` / `below`, resolved to the rows with figures above or below each such row.
fn resolve_directions(rows: &mut [Row<RowName>]) {
    let figure_rows: Vec<(usize, String)> = rows
        .iter()
        .enumerate()
        // A row with errors counts: a total of it is not compared with what is left. A
        // percentage is not a part of a total.
        .filter(|(_, r)| r.broken || !matches!(r.formula, Formula::Heading | Formula::Percent(..)))
        .map(|(i, r)| (i, r.id.clone()))
        .collect();
    #[allow(clippy::needless_range_loop)] // the row is replaced while others are read
    for i in 0..rows.len() {
        let Formula::Sum(names) = &rows[i].formula else {
            continue;
        };
        let [only] = names.as_slice() else { continue };
        let dir = match only.row.as_str() {
            "\u{0}above" => true,
            "\u{0}below" => false,
            _ => continue,
        };
        let at = only.at.clone();
        let picked = figure_rows
            .iter()
            .filter(|(k, _)| if dir { *k < i } else { *k > i })
            .map(|(k, _)| RowName {
                table: None,
                // By index: ids may repeat where nothing names them.
                row: format!("\u{0}#{k}"),
                at: at.clone(),
            })
            .collect();
        rows[i].formula = Formula::Sum(picked);
    }
}

/// Explicit row ids must be unique in their table.
fn duplicate_ids(cx: &mut Ctx, rows: &[Row<RowName>], raw: &S<Vec<S<RawRow>>>) {
    for (i, r) in raw.value.iter().enumerate() {
        let Some(id) = &r.value.id else { continue };
        let id = id.value.trim();
        let first = rows.iter().take(i).position(|o| o.id == id);
        if let Some(first) = first {
            cx.diags.push(
                Diagnostic::error(Code::DuplicateName, format!("two rows have the id `{id}`"))
                    .at(
                        cx.file,
                        at(r.value.id.as_ref().expect("checked")),
                        "second use",
                    )
                    .also(cx.file, rows[first].at.clone(), "first used here")
                    .hint("give each row its own id"),
            );
        }
    }
}

/// Resolves every row name of a report's tables (to a row of a table, or a programme line),
/// refusing unknown names and cycles: the tables, ready to compute.
pub fn resolve(
    diags: &mut Vec<Diagnostic>,
    tables: Vec<Table<RowName>>,
    has_programme: bool,
) -> Vec<Table> {
    // Table ids are unique in the report.
    let mut ok = vec![true; tables.len()];
    for (i, t) in tables.iter().enumerate() {
        if let Some(first) = tables[..i].iter().position(|o| o.id == t.id) {
            diags.push(
                Diagnostic::error(
                    Code::DuplicateName,
                    format!("two tables have the id `{}`", t.id),
                )
                .at(t.file, t.at.clone(), "second use")
                .also(
                    tables[first].file,
                    tables[first].at.clone(),
                    "first used here",
                )
                .hint("give each table its own id"),
            );
            ok[i] = false;
        }
        if t.id == PROGRAMME {
            diags.push(
                Diagnostic::error(
                    Code::DuplicateName,
                    "`programme` names the report's initiatives".to_string(),
                )
                .at(t.file, t.at.clone(), "reserved")
                .hint("give the table another id"),
            );
            ok[i] = false;
        }
    }
    let ids: Vec<String> = tables.iter().map(|t| t.id.clone()).collect();
    let mut out = Vec::with_capacity(tables.len());
    for (ti, t) in tables.iter().enumerate() {
        let file = t.file;
        let resolve_one = |n: &RowName, diags: &mut Vec<Diagnostic>| -> Option<Source> {
            if let Some(k) = n.row.strip_prefix("\u{0}#") {
                return k.parse().ok().map(|row| Source::Row { table: ti, row });
            }
            let (table, name) = match &n.table {
                None => (ti, None),
                Some(p) if p == PROGRAMME => {
                    return match ProgrammeLine::parse(&n.row) {
                        Some(line) if has_programme => Some(Source::Programme(line)),
                        Some(_) => {
                            diags.push(
                                Diagnostic::error(
                                    Code::TableReference,
                                    format!("`{n}` reads the report's initiatives, but it lists none"),
                                )
                                .at(file, n.at.clone(), "no initiatives")
                                .hint("list the initiatives under `initiatives:`, or enter the figures"),
                            );
                            None
                        }
                        None => {
                            unknown(
                                diags,
                                file,
                                n,
                                "line of the programme",
                                ProgrammeLine::NAMES,
                            );
                            None
                        }
                    };
                }
                Some(p) => match ids.iter().position(|id| id == p) {
                    Some(k) => (k, Some(p)),
                    None => {
                        let known: Vec<&str> = ids.iter().map(String::as_str).collect();
                        unknown(diags, file, n, "table", &known);
                        return None;
                    }
                },
            };
            let rows: Vec<&str> = tables[table].rows.iter().map(|r| r.id.as_str()).collect();
            match rows.iter().position(|r| *r == n.row) {
                Some(row) if rows.iter().filter(|r| **r == n.row).count() > 1 => {
                    diags.push(
                        Diagnostic::error(
                            Code::TableReference,
                            format!("two rows of `{}` are called `{}`", tables[table].id, n.row),
                        )
                        .at(file, n.at.clone(), "which one?")
                        .hint("give the row you mean an `id:` of its own"),
                    );
                    let _ = row;
                    None
                }
                Some(row) => Some(Source::Row { table, row }),
                None => {
                    let what = match name {
                        Some(t) => format!("row of `{t}`"),
                        None => "row of this table".to_string(),
                    };
                    unknown(diags, file, n, &what, &rows);
                    None
                }
            }
        };
        let mut rows = Vec::with_capacity(t.rows.len());
        for r in &t.rows {
            let mut all = true;
            let formula = r.formula.clone().map(|n| {
                let s = resolve_one(&n, diags);
                all &= s.is_some();
                s.unwrap_or(Source::Row { table: ti, row: 0 })
            });
            // A row whose names do not all resolve has no figures (what is wrong has been
            // said; its stated figures are not compared with nothing).
            let (formula, broken) = if all {
                (formula, r.broken || !ok[ti])
            } else {
                (Formula::Heading, true)
            };
            rows.push(Row {
                broken,
                id: r.id.clone(),
                label: r.label.clone(),
                kind: r.kind,
                formula,
                only: r.only.clone(),
                changes_from: r.changes_from,
                stated: r.stated.clone(),
                stated_total: r.stated_total.clone(),
                bold: r.bold,
                at: r.at.clone(),
                cells_at: r.cells_at.clone(),
            });
        }
        out.push(Table {
            id: t.id.clone(),
            caption: t.caption.clone(),
            unit: t.unit,
            decimals: t.decimals,
            columns: t.columns.clone(),
            rows,
            note: t.note.clone(),
            total_column: t.total_column,
            chart: t.chart.clone(),
            file: t.file,
            at: t.at.clone(),
        });
    }
    // Cycles: a row that reads itself, directly or through others.
    let (_, cyclic) = super::calc::order(&out);
    for &(t, r) in &cyclic {
        out[t].rows[r].broken = true;
    }
    if let Some(&(t, r)) = cyclic.first() {
        let names: Vec<String> = cyclic
            .iter()
            .map(|&(t, r)| format!("`{}.{}`", out[t].id, out[t].rows[r].id))
            .collect();
        let mut d = Diagnostic::error(
            Code::TableCycle,
            format!(
                "these rows are computed from each other: {}",
                names.join(", ")
            ),
        )
        .at(
            out[t].file,
            out[t].rows[r].at.clone(),
            "computed from itself",
        );
        for &(t2, r2) in cyclic.iter().skip(1).take(4) {
            d = d.also(
                out[t2].file,
                out[t2].rows[r2].at.clone(),
                "part of the cycle",
            );
        }
        diags.push(d.hint("one of them must be entered, or read rows that do not read it"));
    }
    out
}

fn unknown(diags: &mut Vec<Diagnostic>, file: FileId, n: &RowName, what: &str, known: &[&str]) {
    let wanted = n
        .table
        .as_ref()
        .filter(|_| what == "table")
        .unwrap_or(&n.row);
    let hint = match closest(wanted, known) {
        Some(k) => format!("did you mean `{k}`?"),
        None if known.len() <= 12 => format!("the names here are {}", known.join(", ")),
        None => String::new(),
    };
    let mut d = Diagnostic::error(
        Code::TableReference,
        format!("no {what} is called `{wanted}`"),
    )
    .at(file, n.at.clone(), "no such name");
    if !hint.is_empty() {
        d = d.hint(hint);
    }
    diags.push(d);
}

/// What the figures of a report's tables show, as diagnostics at their places: stated figures
/// that disagree (rounding: a warning, disclosed in the table's note; more: an error), stated
/// figures with nothing to compare, and figures too large to compute.
pub fn report(
    diags: &mut Vec<Diagnostic>,
    tables: &[Table],
    figures: &crate::model::table::Figures,
) {
    use crate::model::table::Finding;
    for f in &figures.findings {
        match f {
            Finding::Stated {
                table,
                row,
                column,
                stated,
                computed,
                agreement,
            } => {
                let t = &tables[*table];
                let r = &t.rows[*row];
                let (span, col) = match column {
                    Some(c) => (
                        r.stated[*c].as_ref().map(|s| s.1.clone()),
                        t.columns[*c].label.clone(),
                    ),
                    None => (r.stated_total.as_ref().map(|s| s.1.clone()), "Total".into()),
                };
                let span = span.unwrap_or_else(|| r.at.clone());
                let shown = |v: Decimal| {
                    let m = Money::new(v);
                    m.format(m.scale().max(t.decimals), Default::default())
                };
                let what = format!("`{}` ({}), {col}", r.label, t.id);
                if let (Formula::Percent(..), Some(c), Some(Agreement::Mismatch(_))) =
                    (&r.formula, computed, agreement)
                {
                    let message = |s: &str, c: &str| {
                        format!("{what}: {s}% is stated, but its figures give {c}%")
                    };
                    let mut cx = Ctx {
                        file: t.file,
                        diags,
                    };
                    crate::rules::percent::check(
                        &mut cx,
                        span,
                        *stated,
                        *c,
                        &crate::rules::percent::Wording {
                            message: &message,
                            extra_places: 2,
                            hint:
                                "correct the stated percentage, or the figures it is computed from",
                        },
                    );
                    continue;
                }
                match (computed, agreement) {
                    (None, _) => diags.push(
                        Diagnostic::error(
                            Code::TableFigureMismatch,
                            format!("{what}: {} is stated, but the row has no figure there", shown(*stated)),
                        )
                        .at(t.file, span, "nothing to compare")
                        .hint("write `~` where the table prints no figure"),
                    ),
                    (Some(c), Some(agreement)) => diags.extend(crate::rules::stated::diagnostic(
                        t.file,
                        span,
                        &what,
                        *stated,
                        *c,
                        agreement,
                        &shown,
                        Code::TableFigureMismatch,
                        true,
                        &crate::rules::stated::Wording {
                            gives: "its figures give",
                            rounding_hint: "cabinet prints the computed figure and discloses the difference in the table's note",
                            mismatch_label: Some("does not follow from the figures"),
                            mismatch_hint: "correct the stated figure, or the figures it is made from",
                        },
                    )),
                    _ => {}
                }
            }
            Finding::TooLarge { table, row, column } => {
                let t = &tables[*table];
                let r = &t.rows[*row];
                let col = t
                    .columns
                    .get(*column)
                    .map_or("Total".to_string(), |c| c.label.clone());
                diags.push(
                    Diagnostic::error(
                        Code::FigureTooLarge,
                        format!(
                            "`{}` ({}), {col}: the figure is too large to compute or print",
                            r.label, t.id
                        ),
                    )
                    .at(t.file, r.at.clone(), "too large")
                    .hint("check for a misplaced decimal point or a figure in the wrong unit"),
                );
            }
            Finding::PrintedSum { .. } => {}
        }
    }
}

/// How a preset words the stated figures of a table it builds, so that its papers keep the
/// code and the messages their users have always read while the comparison is this block's:
/// what a stated cell is called, how many figures it is made of (its rounding allowance),
/// whether a rounding difference is allowed, and what a figure stated where the row has none
/// means. Figures are shown to the places of the stated or computed figure, whichever has more.
pub(crate) struct PresetWording<'a> {
    /// The code of a stated figure beyond rounding.
    pub code: Code,
    /// What a stated cell is, by row and column (`None`: the Total).
    pub what: &'a dyn Fn(usize, Option<usize>) -> String,
    /// How many printed figures a stated cell is made of, by row and column.
    pub terms: &'a dyn Fn(usize, Option<usize>) -> usize,
    /// Whether a rounding difference is a warning (else an error), by row.
    pub rounding_ok: &'a dyn Fn(usize) -> bool,
    /// A figure stated where the row has none: the message (given `what`), its label and hint.
    pub no_figure: &'a dyn Fn(&str) -> String,
    pub no_figure_label: &'a str,
    pub no_figure_hint: &'a str,
    /// The hint of a percentage that disagrees.
    pub percent_hint: &'a str,
}

/// A stated figure within rounding of the computed one, for the paper's rounding disclosure.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct RoundingFound {
    pub what: String,
    pub stated: Decimal,
    pub computed: Decimal,
}

/// The stated figures of table `t` against its figures, worded as the preset says (see
/// [`PresetWording`]); returns the figures that differ by rounding only (each also warned).
pub(crate) fn stated_as(
    cx: &mut Ctx,
    table: &Table,
    t: usize,
    figures: &crate::model::table::Figures,
    w: &PresetWording,
) -> Vec<RoundingFound> {
    use crate::model::table::Finding;
    let mut rounding = Vec::new();
    for f in &figures.findings {
        let Finding::Stated {
            table: ft,
            row,
            column,
            stated,
            computed,
            ..
        } = f
        else {
            continue;
        };
        if *ft != t {
            continue;
        }
        let r = &table.rows[*row];
        let span = match column {
            Some(c) => r.stated[*c].as_ref().map(|s| s.1.clone()),
            None => r.stated_total.as_ref().map(|s| s.1.clone()),
        }
        .unwrap_or_else(|| r.at.clone());
        let what = (w.what)(*row, *column);
        let Some(c) = *computed else {
            cx.error(
                w.code,
                span,
                (w.no_figure)(&what),
                w.no_figure_label,
                w.no_figure_hint,
            );
            continue;
        };
        if matches!(r.formula, Formula::Percent(..)) {
            let message =
                |s: &str, c: &str| format!("{what} is stated as {s}% but the figures give {c}%");
            crate::rules::percent::check(
                cx,
                span,
                *stated,
                c,
                &crate::rules::percent::Wording {
                    message: &message,
                    extra_places: 2,
                    hint: w.percent_hint,
                },
            );
            continue;
        }
        let dp = stated.scale().max(c.scale());
        let shown = |d: Decimal| d.round_dp(dp).normalize().to_string();
        let agreement =
            crate::calc::compare(Money::new(*stated), Money::new(c), (w.terms)(*row, *column));
        let found = crate::rules::stated::diagnostic(
            cx.file,
            span,
            &what,
            *stated,
            c,
            &agreement,
            &shown,
            w.code,
            (w.rounding_ok)(*row),
            &crate::rules::stated::Wording {
                gives: "the figures give",
                rounding_hint: "cabinet prints the computed figure and discloses the difference in the rounding note",
                mismatch_label: None,
                mismatch_hint: "correct the stated figure, or the figures it is computed from",
            },
        );
        if let Some(d) = found {
            if !d.is_error() {
                rounding.push(RoundingFound {
                    what,
                    stated: *stated,
                    computed: c,
                });
            }
            cx.diags.push(d);
        }
    }
    rounding
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::table::Programme;

    /// One entered row (1, 2; Total 3) whose Total is stated as 5.
    fn table() -> Table {
        let at = |s: usize| s..s + 1;
        Table {
            id: "t".into(),
            caption: None,
            unit: Unit::Count,
            decimals: 0,
            columns: ["A", "B"]
                .iter()
                .map(|l| Column {
                    key: ColumnKey::parse(l),
                    label: (*l).into(),
                    formula: None,
                    unit: None,
                })
                .collect(),
            rows: vec![Row {
                id: "r".into(),
                label: "r".into(),
                kind: None,
                formula: Formula::Entered(vec![Some(Decimal::ONE), Some(Decimal::TWO)]),
                only: None,
                changes_from: None,
                stated: vec![None, None],
                stated_total: Some((Decimal::from(5), at(7))),
                bold: false,
                at: at(0),
                cells_at: vec![at(2), at(4)],
                broken: false,
            }],
            note: None,
            total_column: true,
            chart: None,
            file: FileId(0),
            at: 0..0,
        }
    }

    fn run(terms: usize) -> (Vec<Diagnostic>, Vec<RoundingFound>) {
        let t = table();
        let figures = super::super::calc::figures(std::slice::from_ref(&t), &Programme::default());
        let mut diags = Vec::new();
        let mut cx = Ctx {
            file: FileId(0),
            diags: &mut diags,
        };
        let what = |_: usize, c: Option<usize>| format!("the sum ({c:?})");
        let terms = move |_: usize, _: Option<usize>| terms;
        let none = |w: &str| format!("{w}: none");
        let found = stated_as(
            &mut cx,
            &t,
            0,
            &figures,
            &PresetWording {
                code: Code::MonthlyMismatch,
                what: &what,
                terms: &terms,
                rounding_ok: &|_| true,
                no_figure: &none,
                no_figure_label: "none",
                no_figure_hint: "",
                percent_hint: "",
            },
        );
        (diags, found)
    }

    #[test]
    fn a_preset_words_the_finding_and_sets_its_rounding_allowance() {
        // Four figures behind the Total, half a unit each: 2 is within rounding (a warning, disclosed).
        let (diags, found) = run(4);
        assert_eq!(diags.len(), 1);
        assert_eq!(diags[0].code, Code::RoundingDifference);
        assert_eq!(
            diags[0].message,
            "the sum (None) is stated as 5 but the figures give 3 (a rounding difference of 2)"
        );
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].what, "the sum (None)");
        assert_eq!(
            (found[0].stated, found[0].computed),
            (Decimal::from(5), Decimal::from(3))
        );
        // The preset says the Total is one figure: 2 is beyond rounding, the preset's code.
        let (diags, found) = run(1);
        assert_eq!(diags.len(), 1);
        assert_eq!(diags[0].code, Code::MonthlyMismatch);
        assert_eq!(
            diags[0].message,
            "the sum (None) is stated as 5 but the figures give 3 (a difference of 2)"
        );
        assert!(found.is_empty());
    }
}
