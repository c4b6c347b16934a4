//! A table block as written in YAML, with the place of every value kept for the rules.
//!
//! ```yaml
//! - text: 3.77 … the following time limited investment requirement has been identified
//! - table: adult-care
//!   caption: "Table 3 – Adult Social Care Funding Proposals"
//!   units: £m
//!   columns: [2016/17, 2017/18, 2018/19, 2019/20]
//!   rows:
//!     - { label: Funding Proposal, sum: below, stated: [0.128, 0.481, 0.210, 0], total: true }
//!     - { heading: "Consisting of:" }
//!     - { label: Brokerage Team, kind: funding, values: [0.053, 0.210, 0.210, 0] }
//! ```

use crate::raw::value::{Figure, S};
use schemars::JsonSchema;
use serde::de::{Deserializer, SeqAccess, Visitor};
use serde::Deserialize;
use std::borrow::Cow;

/// One item of a section, written as a mapping: a paragraph of `text`, or a `table` (with its
/// keys below). More block types will add their keys here.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Block {
    /// Markdown text: paragraphs, lists, headings below the section's.
    pub text: Option<S<String>>,
    /// In an initiative's `summary`: `profile` places its financial table (with its notes and
    /// KPIs) here, `chart` its chart.
    pub show: Option<S<String>>,
    /// A table, by its id (unique in the report): how other tables and the narrative name it.
    pub table: Option<S<String>>,
    /// The caption, e.g. `Table 3 – Adult Social Care Funding Proposals`.
    pub caption: Option<S<String>>,
    /// `£m`, `£k` (or `£000`), `£`, `count` or `%` (default: the report's unit).
    pub units: Option<S<String>>,
    /// Decimal places printed (default 3 for £m, 1 for %, 0 otherwise).
    pub decimals: Option<S<u32>>,
    /// The columns: financial years (`2016/17`), months or names (`Budget`, `Actual`), or a
    /// column computed from others in each row: `{ name: Variance, difference: [Actual, Budget] }`.
    pub columns: Option<S<Vec<S<ColumnSpec>>>>,
    /// The rows, top to bottom.
    pub rows: Option<S<Vec<S<Row>>>>,
    /// A note printed under the table (Markdown).
    pub note: Option<String>,
    /// Add a Total column: each row summed across the columns.
    pub total: Option<S<bool>>,
    /// Draw the table as a chart under it (its description beside it; the table is its data).
    pub chart: Option<S<ChartSpec>>,
}

/// A chart of a table: its rows along the columns.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ChartSpec {
    /// `lines` (default: one line per row) or `bars` (one row).
    #[serde(rename = "type")]
    pub kind: Option<S<String>>,
    /// The rows to draw, by id (default: every row with figures).
    pub rows: Option<S<Vec<S<String>>>>,
    /// The chart's title (default: the table's caption).
    pub title: Option<S<String>>,
}

/// A row of a table: entered `values`, or one formula (`sum`, `difference`, `from`,
/// `running_total`, `change`), or a `heading` with no figures.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Row {
    /// The row's label, as printed.
    pub label: Option<S<String>>,
    /// A label-only row (`Consisting of:`), printed in italics.
    pub heading: Option<S<String>>,
    /// How other rows name this one (default: its label in lower case, words joined by `-`).
    pub id: Option<S<String>>,
    /// `investment`, `pressure`, `funding` (positive) or `saving`, `income` (negative), or `net`.
    pub kind: Option<S<String>>,
    /// One figure per column; `~` for a blank cell.
    pub values: Option<S<Vec<S<Figure>>>>,
    /// The unit the `values` are written in, when not the table's (`£k` figures in a £m table
    /// are converted exactly).
    pub units: Option<S<String>>,
    /// The sum of other rows: a list of row ids (`other-table.row` for another table's row,
    /// `programme.net` for the report's initiatives), or `above` or `below`.
    pub sum: Option<S<Refs>>,
    /// The first row less the second: `[forecast, net-budget]`.
    pub difference: Option<S<Vec<S<String>>>>,
    /// Another row's figures: `adult-care.funding-proposal`, `programme.net`.
    pub from: Option<S<String>>,
    /// The running total of a row along the columns.
    pub running_total: Option<S<String>>,
    /// The change of a row on the previous column.
    pub change: Option<S<String>>,
    /// From this column on, print the change on the previous column instead of the level.
    pub changes_from: Option<S<String>>,
    /// Only these columns have figures (the others are blank).
    pub columns: Option<S<Vec<S<String>>>>,
    /// Figures as the source prints them, one per column (`~` where none is stated), checked
    /// against the computed ones.
    pub stated: Option<S<Vec<S<Figure>>>>,
    /// The Total column's figure as the source prints it, checked.
    pub stated_total: Option<S<Figure>>,
    /// Print the row in bold, as a total.
    #[serde(default)]
    pub total: bool,
}

/// A column: its heading, or a mapping for a column computed in each row from others.
#[derive(Debug)]
pub enum ColumnSpec {
    Plain(String),
    Computed(Box<ComputedColumn>),
}

/// A column computed in each row from other columns of the table.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ComputedColumn {
    /// The heading.
    pub name: S<String>,
    /// The first column less the second, in each row: `[Actual, Budget]`.
    pub difference: Option<S<Vec<S<String>>>>,
    /// The sum of these columns, in each row.
    pub sum: Option<S<Vec<S<String>>>>,
}

impl<'de> Deserialize<'de> for ColumnSpec {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = ColumnSpec;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a column heading, or `{ name: …, difference: [a, b] }`")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<ColumnSpec, E> {
                Ok(ColumnSpec::Plain(v.to_string()))
            }
            // Years and counts written bare (`2016`) are headings too.
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<ColumnSpec, E> {
                Ok(ColumnSpec::Plain(v.to_string()))
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<ColumnSpec, E> {
                Ok(ColumnSpec::Plain(v.to_string()))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                map: A,
            ) -> Result<ColumnSpec, A::Error> {
                let c =
                    ComputedColumn::deserialize(serde::de::value::MapAccessDeserializer::new(map))?;
                Ok(ColumnSpec::Computed(Box::new(c)))
            }
        }
        d.deserialize_any(V)
    }
}

impl JsonSchema for ColumnSpec {
    fn schema_name() -> Cow<'static, str> {
        "Column".into()
    }
    fn json_schema(g: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let computed = g.subschema_for::<ComputedColumn>();
        schemars::json_schema!({
            "description": "A column heading (a year such as 2016/17, a month, a name), or a computed column.",
            "anyOf": [ { "type": "string" }, computed ]
        })
    }
}

/// `above`, `below`, or a list of row ids.
#[derive(Debug)]
pub enum Refs {
    Word(String),
    List(Vec<S<String>>),
}

impl<'de> Deserialize<'de> for Refs {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Refs;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("`above`, `below` or a list of row ids")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Refs, E> {
                Ok(Refs::Word(v.to_string()))
            }
            // Read from the parser's own sequence, so each id keeps its place in the file.
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Refs, A::Error> {
                let mut out = Vec::new();
                while let Some(item) = seq.next_element()? {
                    out.push(item);
                }
                Ok(Refs::List(out))
            }
        }
        d.deserialize_any(V)
    }
}

impl JsonSchema for Refs {
    fn schema_name() -> Cow<'static, str> {
        "RowRefs".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "`above`, `below`, or a list of row ids (`row`, `table.row`, `programme.net`).",
            "anyOf": [
                { "type": "string", "enum": ["above", "below"] },
                { "type": "array", "items": { "type": "string" } }
            ]
        })
    }
}
