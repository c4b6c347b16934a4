//! A validated financial table, and its computed figures: its unit, columns (financial years
//! of any span, months, or named columns such as Budget / Actual / Variance, each perhaps in a
//! unit of its own) and rows, each either entered figures
//! or a formula over other rows (of this table, another table, or the report's programme of
//! initiatives). Every reference is resolved and checked for cycles before a figure is
//! computed, so calculation cannot fail on a name.

use crate::model::Agreement;
use crate::model::{FinancialYear, Money};
use crate::source::FileId;
use rust_decimal::Decimal;
use std::ops::Range;

/// The unit a table prints its figures in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Unit {
    Pounds,
    Thousands,
    Millions,
    Count,
    Percent,
}

impl Unit {
    /// What `units:` accepts, as documented.
    pub const NAMES: &'static [&'static str] = &["£", "£k", "£000", "£m", "count", "%"];

    pub fn parse(s: &str) -> Option<Unit> {
        Some(match s.trim().to_ascii_lowercase().as_str() {
            "£" | "pounds" => Unit::Pounds,
            "£k" | "k" | "thousands" | "£000" | "£000s" | "£'000" => Unit::Thousands,
            "£m" | "m" | "millions" => Unit::Millions,
            "count" | "number" | "no." | "people" => Unit::Count,
            "%" | "percent" | "per cent" | "percentage" => Unit::Percent,
            _ => return None,
        })
    }

    /// The heading of the label column: `£m`, `£k`, `£`, `%`, or nothing for counts.
    pub fn symbol(self) -> &'static str {
        match self {
            Unit::Pounds => "£",
            Unit::Thousands => "£k",
            Unit::Millions => "£m",
            Unit::Count => "",
            Unit::Percent => "%",
        }
    }

    /// Read aloud in captions: "£ million".
    pub fn words(self) -> &'static str {
        match self {
            Unit::Pounds => "£",
            Unit::Thousands => "£ thousand",
            Unit::Millions => "£ million",
            Unit::Count => "number",
            Unit::Percent => "per cent",
        }
    }

    /// Decimal places printed unless the table says otherwise.
    pub fn default_decimals(self) -> u32 {
        match self {
            Unit::Millions => 3,
            Unit::Percent => 1,
            _ => 0,
        }
    }

    /// Powers of ten of a pound, for money units.
    fn exponent(self) -> Option<u32> {
        match self {
            Unit::Pounds => Some(0),
            Unit::Thousands => Some(3),
            Unit::Millions => Some(6),
            Unit::Count | Unit::Percent => None,
        }
    }

    /// `value`, written in `from`, expressed exactly in `self` (£81k is £0.081m); `None` when the
    /// two cannot be converted (a count is not money). The decimal point moves and the figure
    /// keeps the precision it was written with: 0.164 (£m) is 164 (£k), not 164.000, and 81
    /// (£k) is 0.081 (£m), so a rounding allowance read from its places stays the same.
    pub fn convert(self, value: Decimal, from: Unit) -> Option<Decimal> {
        if self == from {
            return Some(value);
        }
        let (to, from) = (self.exponent()?, from.exponent()?);
        let shift = to.abs_diff(from);
        let factor = Decimal::from(10u64.pow(shift));
        if from > to {
            let mut v = value.checked_mul(factor)?;
            // Exact: the last `shift` places of the product are zeros.
            v.rescale(value.scale().saturating_sub(shift));
            Some(v)
        } else {
            match value.scale() + shift {
                s if s <= 28 => Some(Decimal::from_i128_with_scale(value.mantissa(), s)),
                _ => value.checked_div(factor),
            }
        }
    }

    pub fn is_money(self) -> bool {
        self.exponent().is_some()
    }
}

/// A row named in a formula, before it is resolved: `row`, `table.row` or `programme.line`.
#[derive(Debug, Clone)]
pub struct RowName {
    pub table: Option<String>,
    pub row: String,
    pub at: Range<usize>,
}

impl RowName {
    pub fn parse(text: &str, at: Range<usize>) -> RowName {
        let text = text.trim();
        match text.split_once('.') {
            Some((t, r)) if !t.is_empty() && !r.is_empty() => RowName {
                table: Some(t.trim().to_string()),
                row: r.trim().to_string(),
                at,
            },
            _ => RowName {
                table: None,
                row: text.to_string(),
                at,
            },
        }
    }
}

impl std::fmt::Display for RowName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.table {
            Some(t) => write!(f, "{t}.{}", self.row),
            None => f.write_str(&self.row),
        }
    }
}

impl From<crate::model::Units> for Unit {
    fn from(u: crate::model::Units) -> Unit {
        match u {
            crate::model::Units::Millions => Unit::Millions,
            crate::model::Units::Thousands => Unit::Thousands,
        }
    }
}

/// What a line of a table is, which states its sign convention: costs and funding are
/// positive, savings and income negative (in brackets).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    Investment,
    Pressure,
    Funding,
    Saving,
    Income,
    /// Investment less saving, or any figure that may take either sign.
    Net,
}

impl LineKind {
    pub const NAMES: &'static [&'static str] = &[
        "investment",
        "pressure",
        "funding",
        "saving",
        "income",
        "net",
    ];

    pub fn parse(s: &str) -> Option<LineKind> {
        Some(match s.trim().to_ascii_lowercase().as_str() {
            "investment" | "cost" => LineKind::Investment,
            "pressure" => LineKind::Pressure,
            "funding" => LineKind::Funding,
            "saving" | "savings" => LineKind::Saving,
            "income" => LineKind::Income,
            "net" => LineKind::Net,
            _ => return None,
        })
    }

    /// The sign every entered figure of the line must have (zero is always allowed): `Some(true)`
    /// for positive, `Some(false)` for negative, `None` for either.
    pub fn positive(self) -> Option<bool> {
        match self {
            LineKind::Investment | LineKind::Pressure | LineKind::Funding => Some(true),
            LineKind::Saving | LineKind::Income => Some(false),
            LineKind::Net => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            LineKind::Investment => "investment",
            LineKind::Pressure => "pressure",
            LineKind::Funding => "funding",
            LineKind::Saving => "saving",
            LineKind::Income => "income",
            LineKind::Net => "net",
        }
    }
}

/// What a column stands for, by which columns of different tables are matched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ColumnKey {
    Year(FinancialYear),
    /// A month (1–12) and its year where the heading gives one: `Apr`, `April` and `Apr-18`
    /// are the same column.
    Month(u32, Option<u32>),
    /// Any other named column, compared without regard to case.
    Name(String),
}

/// A column of a table.
#[derive(Debug, Clone)]
pub struct Column {
    pub key: ColumnKey,
    /// As printed in the heading.
    pub label: String,
    /// How the column's figure is made in each row from columns to its left (`None`: entered,
    /// or made by the row's own formula).
    pub formula: Option<ColumnFormula>,
    /// The column's own unit, when not the table's (a count beside money, a percentage
    /// beside counts).
    pub unit: Option<Unit>,
}

/// A column computed in each row, from columns (by index) to its left.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ColumnFormula {
    Difference(usize, usize),
    Sum(Vec<usize>),
}

impl ColumnKey {
    /// The key of a heading: a financial year (`2016/17`), a month (`Apr`, `Apr-18`), or a
    /// name.
    pub fn parse(label: &str) -> ColumnKey {
        let label = label.trim();
        if let Ok(y) = FinancialYear::parse(label) {
            return ColumnKey::Year(y);
        }
        match crate::model::date::month(label) {
            Some((m, y)) => ColumnKey::Month(m, y),
            None => ColumnKey::Name(label.to_string()),
        }
    }

    /// Whether two columns (perhaps of different tables) stand for the same thing.
    pub fn matches(&self, other: &ColumnKey) -> bool {
        match (self, other) {
            (ColumnKey::Year(a), ColumnKey::Year(b)) => a == b,
            // A month without its year matches that month of any year.
            (ColumnKey::Month(m, y), ColumnKey::Month(n, z)) => {
                m == n && (y == z || y.is_none() || z.is_none())
            }
            (ColumnKey::Name(a), ColumnKey::Name(b)) => a.eq_ignore_ascii_case(b),
            _ => false,
        }
    }
}

/// A line of the report's programme of initiatives (the sums of its initiatives' profiles).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProgrammeLine {
    Investment,
    GrossSaving,
    Net,
}

impl ProgrammeLine {
    pub const NAMES: &'static [&'static str] = &["investment", "gross_saving", "net"];

    pub fn parse(s: &str) -> Option<ProgrammeLine> {
        Some(match s.trim() {
            "investment" => ProgrammeLine::Investment,
            "gross_saving" | "gross-saving" | "saving" => ProgrammeLine::GrossSaving,
            "net" => ProgrammeLine::Net,
            _ => return None,
        })
    }
}

/// Where a formula reads a row from: a row of a table of the report (by index), or a line of
/// the programme of initiatives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Row { table: usize, row: usize },
    Programme(ProgrammeLine),
}

/// How a row's figures are made; `R` names the rows it reads (a [`Source`] once resolved).
#[derive(Debug, Clone)]
pub enum Formula<R = Source> {
    /// A label with no figures ("Consisting of:").
    Heading,
    /// Figures as entered (already in the table's unit), `None` for a blank cell.
    Entered(Vec<Option<Decimal>>),
    /// The sum of other rows, column by column.
    Sum(Vec<R>),
    /// The first row less the second.
    Difference(R, R),
    /// Another row's figures.
    From(R),
    /// The running total of another row along the columns.
    RunningTotal(R),
    /// The change of another row on the previous column.
    Change(R),
    /// The first row as a percentage of the second, column by column (a percentage-of row:
    /// always in %, whatever the table's unit).
    Percent(R, R),
}

impl<R: Clone> Formula<R> {
    /// The rows this formula reads.
    pub fn sources(&self) -> Vec<R> {
        match self {
            Formula::Heading | Formula::Entered(_) => Vec::new(),
            Formula::Sum(s) => s.clone(),
            Formula::Difference(a, b) | Formula::Percent(a, b) => vec![a.clone(), b.clone()],
            Formula::From(s) | Formula::RunningTotal(s) | Formula::Change(s) => vec![s.clone()],
        }
    }

    /// The same formula reading the rows `f` resolves each name to.
    pub fn map<T>(self, mut f: impl FnMut(R) -> T) -> Formula<T> {
        match self {
            Formula::Heading => Formula::Heading,
            Formula::Entered(v) => Formula::Entered(v),
            Formula::Sum(s) => Formula::Sum(s.into_iter().map(f).collect()),
            Formula::Difference(a, b) => {
                let a = f(a);
                Formula::Difference(a, f(b))
            }
            Formula::Percent(a, b) => {
                let a = f(a);
                Formula::Percent(a, f(b))
            }
            Formula::From(s) => Formula::From(f(s)),
            Formula::RunningTotal(s) => Formula::RunningTotal(f(s)),
            Formula::Change(s) => Formula::Change(f(s)),
        }
    }
}

/// A row of a table; `R` as in [`Formula`].
#[derive(Debug, Clone)]
pub struct Row<R = Source> {
    /// Unique in the table: how other rows, tables and the narrative name it.
    pub id: String,
    pub label: String,
    pub kind: Option<LineKind>,
    pub formula: Formula<R>,
    /// Which columns the row has figures in (`None`: all).
    pub only: Option<Vec<bool>>,
    /// From this column on the row prints the change on the previous column, not the level
    /// (the "increase or decrease on the previous year" columns of an MTFS table).
    pub changes_from: Option<usize>,
    /// Figures as the source printed them, per column, checked against the computed ones.
    pub stated: Vec<Option<(Decimal, Range<usize>)>>,
    /// The stated figure of the Total column.
    pub stated_total: Option<(Decimal, Range<usize>)>,
    /// Printed in bold (a total).
    pub bold: bool,
    /// Where the row is written (its label), and each entered figure.
    pub at: Range<usize>,
    pub cells_at: Vec<Range<usize>>,
    /// A name it reads could not be resolved, or it is part of a cycle: it has no figures,
    /// and neither its stated figures nor those of rows reading it are compared.
    pub broken: bool,
}

/// A validated table; `R` as in [`Formula`].
#[derive(Debug, Clone)]
pub struct Table<R = Source> {
    /// Unique in the report.
    pub id: String,
    pub caption: Option<String>,
    pub unit: Unit,
    pub decimals: u32,
    pub columns: Vec<Column>,
    pub rows: Vec<Row<R>>,
    /// Markdown printed under the table.
    pub note: Option<String>,
    /// A Total column: the sum of each row across the columns.
    pub total_column: bool,
    /// A chart of the table, drawn under it.
    pub chart: Option<TableChart>,
    pub file: FileId,
    pub at: Range<usize>,
}

/// A chart of a table: rows drawn along its columns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableChart {
    /// Bars (one row) rather than lines.
    pub bars: bool,
    /// The rows drawn, by index.
    pub rows: Vec<usize>,
    pub title: String,
}

impl TableChart {
    /// The chart's id among its paper's charts.
    pub fn id(table: &str) -> String {
        format!("table-{table}")
    }
}

impl<R> Table<R> {
    pub fn row(&self, id: &str) -> Option<usize> {
        self.rows.iter().position(|r| r.id == id)
    }

    pub fn column(&self, key: &ColumnKey) -> Option<usize> {
        self.columns.iter().position(|c| c.key.matches(key))
    }

    /// The unit of the figures in column `c` (the column's own, else the table's; past the
    /// last column, the Total's: the table's).
    pub fn column_unit(&self, c: usize) -> Unit {
        self.columns
            .get(c)
            .and_then(|col| col.unit)
            .unwrap_or(self.unit)
    }

    /// The unit of row `r`'s figure in column `c`: a percentage-of row is in %.
    pub fn cell_unit(&self, r: usize, c: usize) -> Unit {
        match self.rows.get(r).map(|row| &row.formula) {
            Some(Formula::Percent(..)) => Unit::Percent,
            _ => self.column_unit(c),
        }
    }

    /// The decimal places row `r`'s figure in column `c` prints to: the table's `decimals`
    /// in the table's unit, else the default places of the cell's own unit.
    pub fn cell_decimals(&self, r: usize, c: usize) -> u32 {
        match self.cell_unit(r, c) {
            u if u == self.unit => self.decimals,
            u => u.default_decimals(),
        }
    }
}

/// A computed cell: its figure (`None` for a blank) and how many entered figures it is made
/// from (each could be out by half a unit in its last printed place).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Cell {
    pub value: Option<Decimal>,
    pub terms: usize,
}

impl Cell {
    pub const BLANK: Cell = Cell {
        value: None,
        terms: 0,
    };

    pub fn of(value: Decimal, terms: usize) -> Cell {
        Cell {
            value: Some(value),
            terms,
        }
    }
}

/// The programme of the report's initiatives, for `programme.<line>` references.
#[derive(Debug, Clone, Default)]
pub struct Programme {
    pub years: Vec<FinancialYear>,
    /// Investment, gross saving and net by year, in `unit`.
    pub lines: [Vec<Money>; 3],
    /// How many entered figures each line's figure adds, per year (initiatives of different
    /// spans: a year fewer of them cover adds fewer).
    pub terms: [Vec<usize>; 3],
    pub unit: Option<Unit>,
}

impl Programme {
    /// The index of `line` in `lines` and `terms`.
    pub fn index(line: ProgrammeLine) -> usize {
        match line {
            ProgrammeLine::Investment => 0,
            ProgrammeLine::GrossSaving => 1,
            ProgrammeLine::Net => 2,
        }
    }
}

/// The computed figures of one row: as printed in each column, and its Total.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RowValues {
    pub cells: Vec<Cell>,
    pub total: Option<Cell>,
}

/// Something the figures show that a rule reports.
#[derive(Debug, Clone, PartialEq)]
pub enum Finding {
    /// A stated figure compared with the computed one (`None` column: the Total).
    Stated {
        table: usize,
        row: usize,
        column: Option<usize>,
        stated: Decimal,
        computed: Option<Decimal>,
        agreement: Option<Agreement>,
    },
    /// A figure too large to compute or print.
    TooLarge {
        table: usize,
        row: usize,
        column: usize,
    },
    /// The printed figures of a total's rows do not add to its printed figure (each is
    /// rounded on its own): the table's note says so. `column` past the last is the Total
    /// column, whose parts are the figures of the row.
    PrintedSum {
        table: usize,
        row: usize,
        column: usize,
        parts: Decimal,
        total: Decimal,
    },
}

/// Every row of every table, computed; and what the figures show.
#[derive(Debug, Clone, Default)]
pub struct Figures {
    /// `[table][row]`.
    pub rows: Vec<Vec<RowValues>>,
    pub findings: Vec<Finding>,
    /// `[table][row]`: the row, or a row it reads, has errors of its own; figures stated
    /// against it (in the table or quoted in the text) are not compared.
    pub tainted: Vec<Vec<bool>>,
}

#[cfg(test)]
mod tests {
    use super::Unit;
    use rust_decimal::Decimal;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn conversion_moves_the_decimal_point_and_keeps_the_places_written() {
        let k = Unit::Thousands.convert(d("0.164"), Unit::Millions).unwrap();
        assert_eq!(k, d("164"));
        assert_eq!(k.scale(), 0, "0.164 £m is 164 £k, not 164.000");
        let k = Unit::Thousands
            .convert(d("0.1645"), Unit::Millions)
            .unwrap();
        assert_eq!((k, k.scale()), (d("164.5"), 1));
        let m = Unit::Millions.convert(d("81"), Unit::Thousands).unwrap();
        assert_eq!((m, m.scale()), (d("0.081"), 3));
        let m = Unit::Millions.convert(d("338945"), Unit::Pounds).unwrap();
        assert_eq!((m, m.scale()), (d("0.338945"), 6));
        let p = Unit::Pounds.convert(d("1.5"), Unit::Millions).unwrap();
        assert_eq!((p, p.scale()), (d("1500000"), 0));
        assert_eq!(Unit::Millions.convert(d("1"), Unit::Count), None);
        // Back and forth is the same figure.
        let there = Unit::Pounds.convert(d("0.000001"), Unit::Millions).unwrap();
        assert_eq!(
            Unit::Millions.convert(there, Unit::Pounds),
            Some(d("0.000001"))
        );
    }
}
