//! A section's text: Markdown as before, or a list of paragraphs and blocks in the order the
//! author wants them (a table between two paragraphs); and figures a sentence quotes from a
//! table, bound to the data: `{{ funding-changes.revised-gap.2017/18 }}` prints the table's
//! figure, so the words follow the figures, and `{{ … = 24.130 }}` also checks a figure typed
//! by hand against it.

use super::table::raw::Block;
use crate::calc::Agreement;
use crate::codes::Code;
use crate::diagnostic::Diagnostic;
use crate::model::initiative::Part;
use crate::model::narrative::{Content, Narrative};
use crate::model::table::{
    Cell, ColumnKey, Figures, Programme, ProgrammeLine, RowName, Table, Unit,
};
use crate::model::{FinancialYear, Money, NegativeStyle};
use crate::raw::value::S;
use crate::source::FileId;
use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::de::{Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use std::borrow::Cow;
use std::ops::Range;

/// A text field as written: Markdown, or a list of items.
#[derive(Debug)]
pub enum RawNarrative {
    Text(String),
    Items(Vec<RawItem>),
}

/// One item of a list: a string of Markdown, or a mapping (`text:` or a block).
#[derive(Debug)]
pub enum RawItem {
    Text(String),
    Block(Box<Block>),
}

impl<'de> Deserialize<'de> for RawNarrative {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = RawNarrative;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("Markdown text, or a list of `text:` and `table:` items")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<RawNarrative, E> {
                Ok(RawNarrative::Text(v.to_string()))
            }
            // The items are read from the parser's own sequence, so every value in them keeps
            // its place in the file (a buffered, "untagged" reading would lose it).
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<RawNarrative, A::Error> {
                let mut out = Vec::new();
                while let Some(item) = seq.next_element()? {
                    out.push(item);
                }
                Ok(RawNarrative::Items(out))
            }
        }
        d.deserialize_any(V)
    }
}

impl<'de> Deserialize<'de> for RawItem {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = RawItem;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("Markdown text, `text: …` or a `table: …` block")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<RawItem, E> {
                Ok(RawItem::Text(v.to_string()))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<RawItem, A::Error> {
                let block = Block::deserialize(serde::de::value::MapAccessDeserializer::new(map))?;
                Ok(RawItem::Block(Box::new(block)))
            }
        }
        d.deserialize_any(V)
    }
}

impl JsonSchema for RawNarrative {
    fn schema_name() -> Cow<'static, str> {
        "Narrative".into()
    }
    fn json_schema(g: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let block = g.subschema_for::<Block>();
        schemars::json_schema!({
            "description": "Markdown text; or a list of items in order: Markdown strings, `text:` items and `table:` blocks.",
            "anyOf": [
                { "type": "string" },
                { "type": "array", "items": { "anyOf": [ { "type": "string" }, block ] } }
            ]
        })
    }
}

/// A figure a text quotes: `{{ table.row.column }}`, `{{ … | abs }}`, `{{ … = 24.130 }}`.
#[derive(Debug, Clone, PartialEq)]
pub struct Quote {
    /// Byte range of the whole `{{ … }}` in the text.
    pub span: Range<usize>,
    pub table: String,
    pub row: String,
    pub column: String,
    pub abs: bool,
    /// The figure typed by hand, to be checked.
    pub stated: Option<String>,
}

/// Every `{{ … }}` of `text` (a `{{` with no closing `}}` is left as text).
pub fn quotes(text: &str) -> Vec<Result<Quote, (Range<usize>, String)>> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(open) = text[from..].find("{{").map(|i| i + from) {
        let Some(close) = text[open..].find("}}").map(|i| i + open + 2) else {
            break;
        };
        let inner = text[open + 2..close - 2].trim();
        out.push(
            parse_quote(inner)
                .map_err(|e| (open..close, e))
                .map(|mut q| {
                    q.span = open..close;
                    q
                }),
        );
        from = close;
    }
    out
}

fn parse_quote(inner: &str) -> Result<Quote, String> {
    let (name, stated) = match inner.split_once('=') {
        Some((n, s)) => (n.trim(), Some(s.trim().to_string())),
        None => (inner, None),
    };
    let (name, abs) = match name.split_once('|') {
        Some((n, f)) if f.trim() == "abs" => (n.trim(), true),
        Some((_, f)) => return Err(format!("`{}` is not a format (only `abs` is)", f.trim())),
        None => (name, false),
    };
    // `table.row.column`, where the column may itself hold a `.` no more than a year does.
    let mut parts = name.splitn(3, '.');
    let (Some(table), Some(row), Some(column)) = (parts.next(), parts.next(), parts.next()) else {
        return Err(format!(
            "`{name}` does not name a figure: write `{{{{ table.row.column }}}}`, e.g. `{{{{ funding-changes.revised-gap.2017/18 }}}}`"
        ));
    };
    Ok(Quote {
        span: 0..0,
        table: table.trim().to_string(),
        row: row.trim().to_string(),
        column: column.trim().to_string(),
        abs,
        stated,
    })
}

/// What a quote names, once found.
#[derive(Debug, Clone, Copy)]
pub struct Found {
    pub cell: Cell,
    pub decimals: u32,
    /// The row has errors of its own (or reads one that has): not compared.
    pub tainted: bool,
    /// The figure the table itself states for the cell, if it states one.
    pub table_states: Option<Decimal>,
}

/// Looks up the cell a quote names among the report's tables and its programme (`programme.net.
/// 2020/21`: decimals `programme_decimals`).
pub fn find(
    q: &Quote,
    tables: &[Table],
    figures: &Figures,
    programme: &Programme,
    programme_decimals: u32,
) -> Result<Found, String> {
    if q.table == super::table::validate::PROGRAMME {
        let line = ProgrammeLine::parse(&q.row).ok_or_else(|| {
            format!(
                "the programme has no line `{}` (it has investment, gross_saving and net)",
                q.row
            )
        })?;
        let year = FinancialYear::parse(&q.column)
            .map_err(|_| format!("`{}` is not a financial year", q.column))?;
        let k = programme
            .years
            .iter()
            .position(|y| *y == year)
            .ok_or_else(|| format!("the programme has no figures for {year}"))?;
        let i = Programme::index(line);
        return Ok(Found {
            cell: Cell {
                value: programme.lines[i].get(k).map(|m| m.decimal()),
                terms: programme.terms[i].get(k).copied().unwrap_or(0),
            },
            decimals: programme_decimals,
            tainted: false,
            table_states: None,
        });
    }
    let t = tables
        .iter()
        .position(|t| t.id == q.table)
        .ok_or_else(|| format!("no table is called `{}`", q.table))?;
    let table = &tables[t];
    let r = table
        .row(&q.row)
        .ok_or_else(|| format!("the table `{}` has no row `{}`", q.table, q.row))?;
    let r_index = r;
    let values = &figures.rows[t][r];
    let row = &table.rows[r];
    let (cell, table_states) = if q.column.eq_ignore_ascii_case("total") && table.total_column {
        (
            values.total.unwrap_or_default(),
            row.stated_total.as_ref().map(|s| s.0),
        )
    } else {
        let key = match FinancialYear::parse(&q.column) {
            Ok(y) => ColumnKey::Year(y),
            Err(_) => ColumnKey::Name(q.column.clone()),
        };
        let c = table
            .column(&key)
            .ok_or_else(|| format!("the table `{}` has no column `{}`", q.table, q.column))?;
        (
            values.cells[c],
            row.stated.get(c).and_then(|s| s.as_ref()).map(|s| s.0),
        )
    };
    Ok(Found {
        cell,
        decimals: table.decimals,
        tainted: figures
            .tainted
            .get(t)
            .and_then(|r| r.get(r_index))
            .copied()
            .unwrap_or(false),
        table_states,
    })
}

/// The text with every quote replaced by the figure it names (as the table prints it);
/// quotes that name nothing are left as written (`check` reports them).
pub fn expand(
    text: &str,
    tables: &[Table],
    figures: &Figures,
    programme: &Programme,
    programme_decimals: u32,
    style: NegativeStyle,
) -> String {
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for q in quotes(text).into_iter().flatten() {
        let Ok(found) = find(&q, tables, figures, programme, programme_decimals) else {
            continue;
        };
        out.push_str(&text[last..q.span.start]);
        if let Some(v) = found.cell.value {
            let v = if q.abs { v.abs() } else { v };
            out.push_str(&super::table::view::figure(v, found.decimals, style, false));
        }
        last = q.span.end;
    }
    out.push_str(&text[last..]);
    out
}

/// Checks every quote of `text` (written in `file` within `at`): each names a figure, and a
/// figure typed by hand agrees with it (rounding → warning W0208, more → error E0708).
#[allow(clippy::too_many_arguments)]
pub fn check(
    diags: &mut Vec<Diagnostic>,
    file: FileId,
    source: &str,
    text: &str,
    at: &Range<usize>,
    tables: &[Table],
    figures: &Figures,
    programme: &Programme,
    programme_decimals: u32,
) {
    // Each quote is found in the file's own text, within the field, in order.
    let region = source.get(at.clone()).unwrap_or("");
    let mut search = 0;
    let mut place = |literal: &str| -> Range<usize> {
        match region[search.min(region.len())..].find(literal) {
            Some(i) => {
                let start = at.start + search + i;
                search += i + literal.len();
                start..start + literal.len()
            }
            None => at.start..at.start,
        }
    };
    for q in quotes(text) {
        match q {
            Err((span, message)) => {
                let span = place(&text[span]);
                diags.push(
                    Diagnostic::error(Code::NarrativeFigure, message)
                        .at(file, span, "not a figure")
                        .hint("`{{ table.row.column }}` prints a table's figure"),
                );
            }
            Ok(q) => {
                let span = place(&text[q.span.clone()]);
                let found = match find(&q, tables, figures, programme, programme_decimals) {
                    Ok(f) => f,
                    Err(message) => {
                        diags.push(
                            Diagnostic::error(Code::NarrativeFigure, message)
                                .at(file, span, "names no figure")
                                .hint("name a table by its `table:` id, a row by its id and a column by its heading"),
                        );
                        continue;
                    }
                };
                let Some(stated) = &q.stated else { continue };
                if found.tainted {
                    continue;
                }
                let Ok(s) = Money::parse(stated) else {
                    diags.push(
                        Diagnostic::error(
                            Code::NarrativeFigure,
                            format!("`{stated}` is not a figure"),
                        )
                        .at(file, span, "not a figure")
                        .hint("write the figure as the text prints it, e.g. `= 24.130`"),
                    );
                    continue;
                };
                let Some(v) = found.cell.value else {
                    diags.push(
                        Diagnostic::error(
                            Code::NarrativeFigure,
                            format!("the text states {stated} for a blank cell"),
                        )
                        .at(file, span, "blank in the table"),
                    );
                    continue;
                };
                // The text states what the table states for the cell: the table's own check
                // of that figure says all there is to say (once, at the table).
                if found
                    .table_states
                    .is_some_and(|t| t == s.decimal() || (q.abs && t.abs() == s.decimal()))
                {
                    continue;
                }
                let v = Money::new(if q.abs { v.abs() } else { v });
                let shown =
                    |m: Money| m.format(m.scale().max(found.decimals), NegativeStyle::Brackets);
                match super::table::calc::compare_printed(s.decimal(), v.decimal(), found.cell.terms) {
                    Agreement::Exact => {}
                    Agreement::Rounding(_) => diags.push(
                        Diagnostic::warning(
                            Code::RoundingDifference,
                            format!(
                                "the text states {} but the table gives {} (a rounding difference); the text prints {}",
                                shown(s),
                                shown(v),
                                shown(v)
                            ),
                        )
                        .at(file, span, "rounding difference")
                        .hint("the text always prints the table's figure"),
                    ),
                    Agreement::Mismatch(_) => diags.push(
                        Diagnostic::error(
                            Code::NarrativeFigure,
                            format!(
                                "the text states {} but the table gives {}",
                                shown(s),
                                shown(v)
                            ),
                        )
                        .at(file, span, "does not agree with the table")
                        .hint("correct the figure, or the table it names"),
                    ),
                }
            }
        }
    }
}

/// The Markdown of a narrative: each text with the figures it quotes filled in (raw HTML
/// made text, headings pushed below `level`), each table as the table block prints it.
pub fn markdown(
    n: &Narrative,
    tables: &crate::model::report::Tables,
    style: NegativeStyle,
    programme_decimals: u32,
    level: usize,
    chart_key: &dyn Fn(&str) -> String,
) -> String {
    let mut parts = Vec::with_capacity(n.items.len());
    for item in &n.items {
        match item {
            Content::Text { text, .. } => {
                let text = expand(
                    text,
                    &tables.tables,
                    &tables.figures,
                    &tables.programme,
                    programme_decimals,
                    style,
                );
                parts.push(crate::text::narrative(&text, level));
            }
            Content::Table(t) => {
                parts.push(super::table::view::markdown(
                    &tables.tables,
                    &tables.figures,
                    *t,
                    style,
                ));
                // Its chart, if it draws one, under it: the table above is its data.
                parts.extend(super::table::chart::markdown(tables, *t, style, chart_key));
            }
        }
    }
    parts.join("\n\n")
}

/// Checks every figure quoted in a paper's text (its summary, sections and recommendations)
/// at its place in the file: see [`check`].
pub fn check_paper(diags: &mut Vec<Diagnostic>, source: &str, front: &crate::model::Report) {
    let t = &front.tables;
    let mut one = |text: &str, at: &Range<usize>| {
        if text.contains("{{") {
            check(
                diags,
                front.file,
                source,
                text,
                at,
                &t.tables,
                &t.figures,
                &t.programme,
                front.decimals,
            );
        }
    };
    let sections = front.sections.text.values();
    for n in std::iter::once(&front.summary)
        .chain(sections)
        .chain(front.sections.key_issues_after.iter())
    {
        for (text, at) in n.texts() {
            one(text, at);
        }
    }
    for (r, at) in front.recommendations.iter().zip(&front.recommendations_at) {
        one(r, at);
    }
}

/// A field as written → its narrative. Tables in it are validated and added to `tables`
/// (their names resolved later, across the whole report), each item pointing at its index.
pub(crate) fn validate(
    cx: &mut crate::rules::Ctx,
    field: &S<RawNarrative>,
    unit: Unit,
    tables: &mut Vec<Table<RowName>>,
) -> Narrative {
    let whole = crate::rules::at(field);
    let mut items = Vec::new();
    match &field.value {
        RawNarrative::Text(t) => items.push(Content::Text {
            text: t.clone(),
            at: whole,
        }),
        RawNarrative::Items(list) => {
            for item in list {
                match item {
                    RawItem::Text(t) => items.push(Content::Text {
                        text: t.clone(),
                        at: whole.clone(),
                    }),
                    RawItem::Block(b) if b.table.is_some() => {
                        if let Some(t) = super::table::validate::table(cx, b, unit) {
                            items.push(Content::Table(tables.len()));
                            tables.push(t);
                        }
                    }
                    RawItem::Block(b) if b.show.is_some() => {
                        if let Some(s) = &b.show {
                            cx.error(
                                Code::BadValue,
                                crate::rules::at(s),
                                "`show:` places a part of an initiative, in the initiative's own `summary`".into(),
                                "not here",
                                "an initiative's file can write `summary:` as a list with `- show: profile` and `- show: chart`",
                            );
                        }
                    }
                    RawItem::Block(b) => match &b.text {
                        Some(t) => items.push(Content::Text {
                            text: t.value.clone(),
                            at: crate::rules::at(t),
                        }),
                        None => cx.error(
                            Code::MissingField,
                            whole.clone(),
                            "an item of this list is neither `text` nor a `table`".into(),
                            "empty item",
                            "write `- text: …` for a paragraph or `- table: an-id` for a table",
                        ),
                    },
                }
            }
        }
    }
    Narrative { items }
}

/// An initiative's `summary` → its text (all paragraphs, for templates that print it whole)
/// and the order of its subsection. Written as Markdown, the table and chart come first, as
/// they always did; as a list, `- show: profile` and `- show: chart` place them between the
/// paragraphs, and one not placed keeps its usual place (the table first, the chart after it).
pub(crate) fn initiative_layout(
    cx: &mut crate::rules::Ctx,
    field: Option<&S<RawNarrative>>,
) -> (Option<String>, Vec<Part>) {
    let trimmed = |t: &str| Some(t.trim().to_string()).filter(|t| !t.is_empty());
    let Some(field) = field else {
        return (None, Part::default_layout(None));
    };
    let list = match &field.value {
        RawNarrative::Text(t) => return (trimmed(t), Part::default_layout(trimmed(t))),
        RawNarrative::Items(list) => list,
    };
    let mut parts = Vec::new();
    for item in list {
        let block = match item {
            RawItem::Text(t) => {
                parts.extend(trimmed(t).map(Part::Text));
                continue;
            }
            RawItem::Block(b) => b,
        };
        if let Some(t) = &block.table {
            cx.error(
                Code::BadValue,
                crate::rules::at(t),
                "a table cannot stand in an initiative's summary".into(),
                "not here",
                "put the table in a section of the report (`sections:` or `key_issues_after:`); here `- show: profile` places the initiative's own table",
            );
        } else if let Some(s) = &block.show {
            let part = match s.value.trim() {
                "profile" => Part::Profile,
                "chart" => Part::Chart,
                other => {
                    cx.error(
                        Code::BadValue,
                        crate::rules::at(s),
                        format!("`show: {other}` is not a part of an initiative"),
                        "not a part",
                        "`show: profile` (the financial table, its notes and KPIs) or `show: chart`",
                    );
                    continue;
                }
            };
            if parts.contains(&part) {
                cx.error(
                    Code::BadValue,
                    crate::rules::at(s),
                    format!("`show: {}` is given twice", s.value.trim()),
                    "placed already",
                    "each part is printed once: delete one",
                );
            } else {
                parts.push(part);
            }
        } else if let Some(t) = &block.text {
            parts.extend(trimmed(&t.value).map(Part::Text));
        } else {
            cx.error(
                Code::MissingField,
                crate::rules::at(field),
                "an item of this list is neither `text` nor `show`".into(),
                "empty item",
                "write `- text: …` for a paragraph, `- show: profile` or `- show: chart`",
            );
        }
    }
    // A part not placed keeps its usual place: the table first, the chart after it.
    if !parts.contains(&Part::Profile) {
        parts.insert(0, Part::Profile);
    }
    if !parts.contains(&Part::Chart) {
        let after = parts
            .iter()
            .position(|p| *p == Part::Profile)
            .map_or(0, |i| i + 1);
        parts.insert(after, Part::Chart);
    }
    let texts: Vec<&str> = parts
        .iter()
        .filter_map(|p| match p {
            Part::Text(t) => Some(t.as_str()),
            _ => None,
        })
        .collect();
    let whole = Some(texts.join("\n\n")).filter(|t| !t.is_empty());
    (whole, parts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_are_found_with_their_parts() {
        let q = quotes("gap of £{{ funding-changes.revised-gap.2017/18 = 24.130 }}m and {{programme.net.2020/21|abs}}");
        assert_eq!(q.len(), 2);
        let a = q[0].clone().expect("first");
        assert_eq!(
            (
                a.table.as_str(),
                a.row.as_str(),
                a.column.as_str(),
                a.stated.as_deref()
            ),
            ("funding-changes", "revised-gap", "2017/18", Some("24.130"))
        );
        let b = q[1].clone().expect("second");
        assert!(b.abs);
        assert_eq!(b.column, "2020/21");
        assert!(quotes("{{ just-a-word }}")[0].is_err());
        assert!(quotes("{{ a.b.c | round }}")[0].is_err());
        assert!(quotes("no quote {{ here").is_empty());
    }
}
