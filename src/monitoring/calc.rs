//! Derived figures of the follow-up reports, as pure functions over exact decimals: each
//! kind's tables built as table blocks (an initiative's Target / Forecast / Variance with its
//! net a sum row, the net summary reading each net row) and read back from the table block's
//! calculation, RAG status,
//! monthly totals, cumulative, remaining and percentage rows, percentages checked at their own
//! precision, scenario variances and risk ratings.

use super::model::{
    Breakdown, BudgetTable, Group, History, LineKind, Monitored, MonthlyTable, Objective, Rag,
    Scenarios, Thresholds, VarianceLine, VarianceSign,
};
use crate::model::table::{
    Column, ColumnFormula, ColumnKey, Formula, Programme, Row, Source, Table, Unit,
};
use crate::model::Money;
use crate::source::FileId;
use rust_decimal::Decimal;

pub use crate::blocks::rag::{outcome, rag, Outcome};

/// The columns of an initiative's Target / Forecast / Variance table, by index: Target (0)
/// and Forecast (1) always, Actual to date and the approved figure when the table has them,
/// and the Variance (forecast − target) computed in each row, last.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineColumns {
    pub actual: Option<usize>,
    pub approved: Option<usize>,
    pub variance: usize,
}

/// Target, forecast, actual, approved and variance of one row of an initiative's table, as
/// the table block computes them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineFigures {
    pub target: Money,
    pub forecast: Money,
    pub actual: Option<Money>,
    pub approved: Option<Money>,
    /// Forecast − target: the seed's "(Favourable) / Adverse" column.
    pub variance: Money,
}

/// Where an initiative's net is in its table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NetRow {
    /// The row: the net line's own row, or the row after the last line.
    pub row: usize,
    /// A sum of the investment and saving rows (rather than a net line as entered).
    pub computed: bool,
    /// Added after the lines: no net line is entered, so the table prints its own.
    pub added: bool,
}

/// An initiative's lines as table `t` of a paper's tables: a row per line, entered, and the
/// net a sum row of the investment and saving rows (the net line's own row when one is
/// entered, else a `Net` row added after the lines); with no investment or saving line, a net
/// line is as entered, and with no money line at all there is no net. `approved` heads the
/// column of the approved profile's figures, when the table has one.
pub fn initiative_table(
    t: usize,
    lines: &[VarianceLine],
    approved: Option<&str>,
) -> (Table, LineColumns, Option<NetRow>) {
    let has_actual = lines.iter().any(|l| l.actual.is_some());
    let mut columns = vec![named("Target", None), named("Forecast", None)];
    let actual = has_actual.then(|| {
        columns.push(named("Actual to date", None));
        columns.len() - 1
    });
    let approved_at = approved.map(|label| {
        columns.push(named(label, None));
        columns.len() - 1
    });
    let variance = columns.len();
    columns.push(named("Variance", Some(ColumnFormula::Difference(1, 0))));
    let at = LineColumns {
        actual,
        approved: approved_at,
        variance,
    };
    let width = columns.len();
    let parts: Vec<usize> = (0..lines.len())
        .filter(|&i| matches!(lines[i].kind, LineKind::Investment | LineKind::Saving))
        .collect();
    let sum = Formula::Sum(
        parts
            .iter()
            .map(|&row| Source::Row { table: t, row })
            .collect(),
    );
    // The net's actual (or approved) figure is the sum of its parts' only when every part
    // has one: a part without would leave a partial sum.
    let every =
        |f: fn(&VarianceLine) -> Option<Money>| parts.iter().all(|&i| f(&lines[i]).is_some());
    let mut shown = vec![true; width];
    if let Some(c) = actual {
        shown[c] = every(|l| l.actual);
    }
    if let Some(c) = approved_at {
        shown[c] = every(|l| l.approved);
    }
    let mut rows: Vec<Row> = lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let mut figures = vec![Some(l.target.decimal()), Some(l.forecast.decimal())];
            if actual.is_some() {
                figures.push(l.actual.map(Money::decimal));
            }
            if approved_at.is_some() {
                figures.push(l.approved.map(Money::decimal));
            }
            figures.push(None);
            let is_net = l.kind == LineKind::Net;
            let mut row = preset_row(
                format!("line-{i}"),
                &l.label,
                Formula::Entered(figures),
                width,
                is_net,
            );
            if is_net && !parts.is_empty() {
                row.formula = sum.clone();
                row.only = Some(shown.clone());
            }
            row
        })
        .collect();
    let net = match lines.iter().position(|l| l.kind == LineKind::Net) {
        Some(row) => Some(NetRow {
            row,
            computed: !parts.is_empty(),
            added: false,
        }),
        None if !parts.is_empty() => {
            let mut row = preset_row("net".into(), "Net", sum, width, true);
            row.only = Some(shown);
            rows.push(row);
            Some(NetRow {
                row: rows.len() - 1,
                computed: true,
                added: true,
            })
        }
        None => None,
    };
    let table = preset_table(
        &format!("initiative-{t}"),
        "Target against forecast",
        Unit::Millions,
        columns,
        rows,
    );
    (table, at, net)
}

/// An initiative's table as the table block computes it: each row's figures (the lines in
/// order, then an added net row), and where its net is.
#[derive(Debug, Clone, PartialEq)]
pub struct InitiativeFigures {
    pub rows: Vec<LineFigures>,
    pub columns: LineColumns,
    pub net: Option<NetRow>,
}

impl InitiativeFigures {
    /// The net row's figures.
    pub fn net(&self) -> Option<&LineFigures> {
        self.net.and_then(|n| self.rows.get(n.row))
    }
}

/// Reads a row of an initiative's table computed by the table block.
fn line_figures(row: &crate::model::table::RowValues, at: LineColumns) -> LineFigures {
    let get = |c: usize| row.cells.get(c).and_then(|c| c.value).map(Money::new);
    // Target and forecast are entered or sums of entered figures (capped at 1e15 when read),
    // so they always have a figure; zero is only the fallback of an impossible blank.
    LineFigures {
        target: get(0).unwrap_or(Money::ZERO),
        forecast: get(1).unwrap_or(Money::ZERO),
        actual: at.actual.and_then(get),
        approved: at.approved.and_then(get),
        variance: get(at.variance).unwrap_or(Money::ZERO),
    }
}

/// An initiative's lines computed by the table block from [`initiative_table`].
pub fn initiative_figures(lines: &[VarianceLine], approved: Option<&str>) -> InitiativeFigures {
    let (table, columns, net) = initiative_table(0, lines, approved);
    let f =
        crate::blocks::table::calc::figures(std::slice::from_ref(&table), &Programme::default());
    InitiativeFigures {
        rows: f.rows[0].iter().map(|r| line_figures(r, columns)).collect(),
        columns,
        net,
    }
}

/// The net position of every monitored initiative that has one, in report order, and their
/// totals: the figures the summary table and the summary chart both print, computed by the
/// table block from [`monitoring_tables`].
pub struct Summary<'a> {
    /// Each initiative with a net, and its net row.
    pub nets: Vec<(&'a Monitored, LineFigures)>,
    /// Each initiative's net variance (forecast − target) as the summary computes it, in the
    /// order of `nets`.
    pub variances: Vec<Money>,
    pub target: Money,
    pub forecast: Money,
    pub variance: Money,
}

/// A monitoring report's tables: the net position by initiative first (table 0: a row per
/// initiative with a net, reading its Target and Forecast `from` the net row of that
/// initiative's table, Variance computed in each row, and a Total sum row), then each
/// initiative's table (table `1 + i` for initiative `i`, in report order).
pub fn monitoring_tables(initiatives: &[Monitored]) -> (Vec<Table>, Vec<Option<NetRow>>) {
    let mut tables = vec![preset_table(
        "summary",
        "Net position",
        Unit::Millions,
        Vec::new(),
        Vec::new(),
    )];
    let mut nets = Vec::new();
    for (i, m) in initiatives.iter().enumerate() {
        let (t, _, net) = initiative_table(1 + i, &m.lines, None);
        tables.push(t);
        nets.push(net);
    }
    let mut rows: Vec<Row> = initiatives
        .iter()
        .zip(&nets)
        .enumerate()
        .filter_map(|(i, (m, net))| {
            let from = Source::Row {
                table: 1 + i,
                row: net.as_ref()?.row,
            };
            Some(preset_row(
                format!("i{i}"),
                &m.reference,
                Formula::From(from),
                3,
                false,
            ))
        })
        .collect();
    rows.push(total_row(&rows, 0, 3));
    tables[0].columns = vec![
        named("Target", None),
        named("Forecast", None),
        named("Variance", Some(ColumnFormula::Difference(1, 0))),
    ];
    tables[0].rows = rows;
    (tables, nets)
}

pub fn summary(initiatives: &[Monitored]) -> Summary<'_> {
    let (tables, nets) = monitoring_tables(initiatives);
    let f = crate::blocks::table::calc::figures(&tables, &Programme::default());
    let all = LineColumns {
        actual: None,
        approved: None,
        variance: 2,
    };
    let (total, each) = f.rows[0]
        .split_last()
        .map_or((None, &[][..]), |(t, e)| (Some(line_figures(t, all)), e));
    let with_net = initiatives
        .iter()
        .zip(&nets)
        .enumerate()
        .filter_map(|(i, (m, net))| {
            let at = LineColumns {
                actual: None,
                approved: None,
                variance: tables[1 + i].columns.len() - 1,
            };
            Some((m, line_figures(&f.rows[1 + i][net.as_ref()?.row], at)))
        });
    Summary {
        nets: with_net.collect(),
        variances: each.iter().map(|r| line_figures(r, all).variance).collect(),
        target: total.map_or(Money::ZERO, |t| t.target),
        forecast: total.map_or(Money::ZERO, |t| t.forecast),
        variance: total.map_or(Money::ZERO, |t| t.variance),
    }
}

/// A row of a table built by a preset, with no place in a file (the preset's rules point at
/// the places; the table only computes).
fn preset_row(id: String, label: &str, formula: Formula, columns: usize, bold: bool) -> Row {
    Row {
        id,
        label: label.to_string(),
        kind: None,
        formula,
        only: None,
        changes_from: None,
        stated: vec![None; columns],
        stated_total: None,
        bold,
        at: 0..0,
        cells_at: Vec::new(),
        broken: false,
    }
}

/// The bold Total row of a preset table: the sum of every row above it (`rows`, in table
/// `table` of the preset's tables).
fn total_row(rows: &[Row], table: usize, columns: usize) -> Row {
    let all = (0..rows.len())
        .map(|row| Source::Row { table, row })
        .collect();
    preset_row("total".into(), "Total", Formula::Sum(all), columns, true)
}

/// A named column, entered or computed.
fn named(label: &str, formula: Option<ColumnFormula>) -> Column {
    Column {
        unit: None,
        key: ColumnKey::Name(label.into()),
        label: label.into(),
        formula,
    }
}

/// A table built by a preset: its id, caption, unit, columns and rows.
fn preset_table(
    id: &str,
    caption: &str,
    unit: Unit,
    columns: Vec<Column>,
    rows: Vec<Row>,
) -> Table {
    Table {
        id: id.into(),
        caption: Some(caption.into()),
        unit,
        decimals: 0,
        columns,
        rows,
        note: None,
        total_column: false,
        chart: None,
        file: FileId(0),
        at: 0..0,
    }
}

/// The budget table as a table block: named columns Budget and Actual (or Forecast) entered,
/// Variance computed in each row (actual − budget), a row per line, and a Total sum row when
/// there is more than one line.
pub fn budget_table(b: &BudgetTable) -> Table {
    let mut rows: Vec<Row> = b
        .lines
        .iter()
        .enumerate()
        .map(|(i, (label, budget, actual))| {
            let figures = vec![Some(budget.decimal()), Some(actual.decimal()), None];
            preset_row(
                format!("line-{i}"),
                label,
                Formula::Entered(figures),
                3,
                false,
            )
        })
        .collect();
    if rows.len() > 1 {
        let lines = (0..rows.len())
            .map(|row| Source::Row { table: 0, row })
            .collect();
        rows.push(preset_row(
            "total".into(),
            "Total",
            Formula::Sum(lines),
            3,
            true,
        ));
    }
    let columns = vec![
        named("Budget", None),
        named(b.compare, None),
        named("Variance", Some(ColumnFormula::Difference(1, 0))),
    ];
    preset_table("budget", "Budget", Unit::Millions, columns, rows)
}

/// The budget table's rows as the table block computes them: budget, actual (or forecast) and
/// variance of each line, then the Total row if there is one.
pub fn budget_rows(b: &BudgetTable) -> Vec<[Money; 3]> {
    let t = budget_table(b);
    let f = crate::blocks::table::calc::figures(std::slice::from_ref(&t), &Programme::default());
    f.rows[0]
        .iter()
        .map(|r| {
            // Entered figures and their sums and differences always have a figure (figures
            // are capped at 1e15 when read).
            let at = |c: usize| r.cells[c].value.map_or(Money::ZERO, Money::new);
            [at(0), at(1), at(2)]
        })
        .collect()
}

/// The variance column of a budget against a cost, signed the way the source prints it:
/// columns `budget` and `cost` (by index) to its left.
fn signed_variance(sign: VarianceSign, budget: usize, cost: usize) -> ColumnFormula {
    match sign {
        VarianceSign::ActualMinusBudget => ColumnFormula::Difference(cost, budget),
        VarianceSign::BudgetMinusActual => ColumnFormula::Difference(budget, cost),
    }
}

/// The figures of a table built by a preset, row by row, as the table block computes them.
fn computed(t: &Table) -> Vec<Vec<Money>> {
    let f = crate::blocks::table::calc::figures(std::slice::from_ref(t), &Programme::default());
    f.rows[0]
        .iter()
        .map(|r| {
            // Entered figures and their sums and differences always have a figure (figures
            // are capped at 1e15 when read).
            r.cells
                .iter()
                .map(|c| c.value.map_or(Money::ZERO, Money::new))
                .collect()
        })
        .collect()
}

/// Budget against actual by year as a table block: a row per year with Budget and Actual
/// entered and the variance computed in the source's sign.
pub fn history_table(h: &History) -> Table {
    let labels = h.years.iter().map(ToString::to_string);
    let columns = [h.actual_label.as_str(), &h.variance_label];
    by_year(labels, &h.budget, &h.actual, columns, h.sign)
}

/// A table of a budget against an actual figure by year: a row per year (as many as have
/// both figures), labelled `labels`; `columns` heads the actual and the variance columns.
fn by_year(
    labels: impl Iterator<Item = String>,
    budget: &[Money],
    actual: &[Money],
    [actual_label, variance_label]: [&str; 2],
    sign: VarianceSign,
) -> Table {
    let rows = labels
        .zip(budget.iter().zip(actual))
        .enumerate()
        .map(|(i, (label, (b, a)))| {
            let figures = vec![Some(b.decimal()), Some(a.decimal()), None];
            preset_row(format!("y{i}"), &label, Formula::Entered(figures), 3, false)
        })
        .collect();
    let columns = vec![
        named("Budget", None),
        named(actual_label, None),
        named(variance_label, Some(signed_variance(sign, 0, 1))),
    ];
    preset_table("history", "History", Unit::Millions, columns, rows)
}

/// Each year's budget, actual and variance, as the table block computes them.
pub fn history_rows(h: &History) -> Vec<Vec<Money>> {
    computed(&history_table(h))
}

/// The variance of each year of a history, in the source's sign, as the variance column of
/// [`history_table`] computes it: `budget` and `actual` hold a figure for each year whose
/// figures read (so a year with a bad figure is left out, not read past the end).
pub fn history_variances(budget: &[Money], actual: &[Money], sign: VarianceSign) -> Vec<Money> {
    let labels = (0..budget.len()).map(|i| i.to_string());
    let t = by_year(labels, budget, actual, ["Actual", "Variance"], sign);
    computed(&t).iter().map(|r| r[2]).collect()
}

/// Scenarios of cost as a table block: a row per year with the budget and each case's cost
/// entered, each case's variance computed in the source's sign, and a Total sum row.
pub fn scenarios_table(s: &Scenarios) -> Table {
    let mut columns = vec![named("Budget", None)];
    for (k, c) in s.cases.iter().enumerate() {
        let cost = columns.len();
        columns.push(named(&format!("{} {k}", c.name), None));
        columns.push(named(
            &format!("{} {k} variance", c.name),
            Some(signed_variance(s.sign, 0, cost)),
        ));
    }
    let width = columns.len();
    let mut rows: Vec<Row> = s
        .years
        .iter()
        .enumerate()
        .map(|(i, y)| {
            let mut figures = vec![Some(s.budget[i].decimal())];
            for c in &s.cases {
                figures.extend([Some(c.actual[i].decimal()), None]);
            }
            preset_row(
                format!("y{i}"),
                &y.to_string(),
                Formula::Entered(figures),
                width,
                false,
            )
        })
        .collect();
    let years = (0..rows.len())
        .map(|row| Source::Row { table: 0, row })
        .collect();
    rows.push(preset_row(
        "total".into(),
        "Total",
        Formula::Sum(years),
        width,
        true,
    ));
    preset_table("scenarios", "Scenarios", Unit::Millions, columns, rows)
}

/// Each year's (then the Total's) budget, and each case's cost and variance, as the table
/// block computes them.
pub fn scenarios_rows(s: &Scenarios) -> Vec<Vec<Money>> {
    computed(&scenarios_table(s))
}

/// An itemised total as a table block, in the order it prints: one column, an entered row per
/// item, then their sum as the Total; or, with an acknowledged unitemised part, the items'
/// sum, an entered row for the unitemised part and the total as stated (the sum of the two),
/// so that it is computed by the table block's calculation like every table of every paper.
pub fn breakdown_table(b: &Breakdown) -> Table {
    let row = |id: &str, label: &str, formula: Formula, bold: bool| {
        preset_row(id.into(), label, formula, 1, bold)
    };
    let mut rows: Vec<Row> = b
        .items
        .iter()
        .enumerate()
        .map(|(i, (label, v, _))| {
            let figure = Formula::Entered(vec![Some(v.decimal())]);
            row(&format!("item-{i}"), label, figure, false)
        })
        .collect();
    let items = Formula::Sum(
        (0..rows.len())
            .map(|row| Source::Row { table: 0, row })
            .collect(),
    );
    if b.unitemised.is_zero() {
        rows.push(row("total", "Total", items, true));
    } else {
        let sum = rows.len();
        rows.push(row("items", "Total of the items", items, true));
        let unitemised = Formula::Entered(vec![Some(b.unitemised.decimal())]);
        rows.push(row(
            "unitemised",
            "Not itemised in the source",
            unitemised,
            false,
        ));
        let parts = vec![
            Source::Row { table: 0, row: sum },
            Source::Row {
                table: 0,
                row: sum + 1,
            },
        ];
        rows.push(row("total", "Total as stated", Formula::Sum(parts), true));
    }
    let unit = if b.unit.is_some() {
        Unit::Count
    } else {
        Unit::Millions
    };
    preset_table(
        "breakdown",
        &b.title,
        unit,
        vec![named("Amount", None)],
        rows,
    )
}

/// An itemised total: what its items add up to, and that plus the acknowledged unitemised part
/// (the total as stated), as the table block computes them from [`breakdown_table`].
pub fn breakdown_totals(b: &Breakdown) -> (Money, Money) {
    let t = breakdown_table(b);
    let figures = computed(&t);
    let of = |id: &str| t.row(id).map_or(Money::ZERO, |r| figures[r][0]);
    let total = of("total");
    let sum = t.row("items").map_or(total, |r| figures[r][0]);
    (sum, total)
}

/// A plan's target savings as a table block: an entered row per saving, a sum row per
/// objective over its savings, and a Total sum row over the objectives.
pub fn savings_table(objectives: &[Objective]) -> Table {
    let mut rows: Vec<Row> = Vec::new();
    let mut subtotals = Vec::new();
    for o in objectives {
        let start = rows.len();
        for (i, s) in o.targets.iter().filter_map(|t| t.saving).enumerate() {
            let figure = Formula::Entered(vec![Some(s.decimal())]);
            let id = format!("o{}-{i}", o.number);
            rows.push(preset_row(id, "saving", figure, 1, false));
        }
        let parts = (start..rows.len())
            .map(|row| Source::Row { table: 0, row })
            .collect();
        subtotals.push(Source::Row {
            table: 0,
            row: rows.len(),
        });
        let label = format!("Objective {}", o.number);
        rows.push(preset_row(
            format!("o{}", o.number),
            &label,
            Formula::Sum(parts),
            1,
            false,
        ));
    }
    rows.push(preset_row(
        "total".into(),
        "Total",
        Formula::Sum(subtotals),
        1,
        true,
    ));
    preset_table(
        "savings",
        "Savings",
        Unit::Thousands,
        vec![named("Saving", None)],
        rows,
    )
}

/// The savings as a plan prints them: [`savings_table`] (table 0), then a table of a row per
/// objective reading that objective's sum row (`from:`) and a Total sum row over them, so the
/// printed total is checked against the printed rows like every table block's.
pub fn savings_by_objective(objectives: &[Objective]) -> Vec<Table> {
    let savings = savings_table(objectives);
    let mut rows: Vec<Row> = objectives
        .iter()
        .filter_map(|o| {
            let id = format!("o{}", o.number);
            let from = Source::Row {
                table: 0,
                row: savings.row(&id)?,
            };
            let label = format!("Objective {}: {}", o.number, o.title);
            Some(preset_row(id, &label, Formula::From(from), 1, false))
        })
        .collect();
    rows.push(total_row(&rows, 1, 1));
    let printed = preset_table(
        "savings-by-objective",
        "Target savings by objective",
        Unit::Thousands,
        vec![named("Saving", None)],
        rows,
    );
    vec![savings, printed]
}

/// Each objective's target savings added up, and the plan's total, as the table block
/// computes them from [`savings_table`].
pub fn plan_savings(objectives: &[Objective]) -> (Vec<Money>, Money) {
    let t = savings_table(objectives);
    let figures = computed(&t);
    let of = |id: &str| t.row(id).map_or(Money::ZERO, |r| figures[r][0]);
    let each = objectives
        .iter()
        .map(|o| of(&format!("o{}", o.number)))
        .collect();
    (each, of("total"))
}

/// A row of figures by year (a budget, a scenario's cost), added up.
pub fn total(values: &[Money]) -> Money {
    values.iter().sum()
}

/// The RAG of an initiative, and what it rests on: its net row, else its worst KPI; from the
/// variances of its table as the table block computes them.
pub fn initiative_rag(lines: &[VarianceLine], th: Thresholds) -> Option<(Rag, &'static str)> {
    let f = initiative_figures(lines, None);
    if let Some(n) = f.net() {
        return Some((rag(th, n.target, n.variance, true), "net"));
    }
    lines
        .iter()
        .zip(&f.rows)
        .filter(|(l, _)| !l.kind.is_money())
        .map(|(l, r)| rag(th, r.target, r.variance, l.kind.lower_is_better()))
        .max()
        .map(|r| (r, "KPIs"))
}

// Percentages are computed and compared by one rule for every kind of paper.
pub use crate::rules::percent::{agrees as percent_agrees, of as percent, round};

/// The per-month sum of the rows of `group` that are parts (not `sums` rows); a month where
/// every part is blank is blank. `None` when the group has no parts.
pub fn group_total(t: &MonthlyTable, group: Group) -> Option<Vec<Option<Decimal>>> {
    monthly(t)
        .group_totals
        .into_iter()
        .find(|(g, _, _)| *g == group)
        .map(|(_, v, _)| v)
}

/// The rows of a monthly table built as a table block, by index, for reading its figures.
#[derive(Debug, Default)]
struct MonthlyRows {
    groups: Vec<(Group, usize)>,
    net: Option<usize>,
    opening: Option<usize>,
    closing: Option<usize>,
    cumulative_target: Option<usize>,
    target_percent: Option<usize>,
    actual: Option<usize>,
    cumulative_actual: Option<usize>,
    remaining: Option<usize>,
    percent: Option<usize>,
}

/// A monthly table as a table block: months as columns and a Total column; its rows as
/// entered; then its derived figures as computed rows, so that they are computed once, by
/// `blocks::table::calc`: each group's total (a sum row of its parts, blank where all are
/// blank) and the same with a blank month as 0; the net change of the flows; the numbers at
/// the end of each month (`start` plus the running total of the net change) and at its start
/// (the end less the change); the cumulative target; the actual total up to the last month of
/// actuals (blank after it) and its running total; the number remaining (`start` less the
/// cumulative actual); and the cumulative actual and target as percentages of `start`.
fn monthly_table(t: &MonthlyTable) -> (Table, MonthlyRows) {
    let n = t.months.len();
    let at = |row: usize| Source::Row { table: 0, row };
    let mut rows: Vec<Row> = t
        .rows
        .iter()
        .enumerate()
        .map(|(i, r)| {
            preset_row(
                format!("row-{i}"),
                &r.label,
                Formula::Entered(r.values.clone()),
                n,
                r.sums,
            )
        })
        .collect();
    let push = |rows: &mut Vec<Row>, id: &str, formula: Formula| -> usize {
        rows.push(preset_row(id.into(), id, formula, n, false));
        rows.len() - 1
    };
    let mut ix = MonthlyRows::default();
    // Added to a sum of rows, a row of zeros makes a month whose rows are all blank 0.
    let zeros = push(
        &mut rows,
        "zeros",
        Formula::Entered(vec![Some(Decimal::ZERO); n]),
    );
    let last = t.actuals_to.unwrap_or(n.saturating_sub(1));
    let mut filled = Vec::new();
    for group in [Group::Flow, Group::Target, Group::Other, Group::Actual] {
        let parts: Vec<Source> = t
            .rows
            .iter()
            .enumerate()
            .filter(|(_, r)| r.group == group && !r.sums)
            .map(|(i, _)| at(i))
            .collect();
        if parts.is_empty() {
            continue;
        }
        let total = push(&mut rows, &format!("{group:?}-total"), Formula::Sum(parts));
        let each = push(
            &mut rows,
            &format!("{group:?}-each-month"),
            Formula::Sum(vec![at(zeros), at(total)]),
        );
        ix.groups.push((group, total));
        filled.push((group, each));
    }
    let filled_of = |g: Group| filled.iter().find(|(x, _)| *x == g).map(|(_, r)| *r);
    ix.net = filled_of(Group::Flow);
    if let Some(each) = filled_of(Group::Target) {
        ix.cumulative_target = Some(push(
            &mut rows,
            "cumulative-target",
            Formula::RunningTotal(at(each)),
        ));
    }
    if let Some(each) = filled_of(Group::Actual) {
        // Actual figures run to `actuals_to`: blank after it, a blank month 0 before.
        let actual = push(&mut rows, "actual-to-date", Formula::From(at(each)));
        rows[actual].only = Some((0..n).map(|m| m <= last).collect());
        ix.actual = Some(actual);
        ix.cumulative_actual = Some(push(
            &mut rows,
            "cumulative-actual",
            Formula::RunningTotal(at(actual)),
        ));
    }
    if let Some(start) = t.start {
        let every = push(&mut rows, "start", Formula::Entered(vec![Some(start); n]));
        if let Some(net) = ix.net {
            let mut once = vec![Some(Decimal::ZERO); n];
            if let Some(first) = once.first_mut() {
                *first = Some(start);
            }
            let once = push(&mut rows, "start-once", Formula::Entered(once));
            let moved = push(
                &mut rows,
                "start-and-change",
                Formula::Sum(vec![at(once), at(net)]),
            );
            let closing = push(&mut rows, "closing", Formula::RunningTotal(at(moved)));
            ix.closing = Some(closing);
            ix.opening = Some(push(
                &mut rows,
                "opening",
                Formula::Difference(at(closing), at(net)),
            ));
        }
        if let Some(c) = ix.cumulative_target {
            ix.target_percent = Some(push(
                &mut rows,
                "target-percent",
                Formula::Percent(at(c), at(every)),
            ));
        }
        if let Some(c) = ix.cumulative_actual {
            ix.remaining = Some(push(
                &mut rows,
                "remaining",
                Formula::Difference(at(every), at(c)),
            ));
            ix.percent = Some(push(
                &mut rows,
                "percent",
                Formula::Percent(at(c), at(every)),
            ));
        }
    }
    let columns = t
        .months
        .iter()
        .map(|m| Column {
            unit: None,
            key: ColumnKey::parse(m),
            label: m.clone(),
            formula: None,
        })
        .collect();
    let mut table = preset_table("monthly", &t.title, Unit::Count, columns, rows);
    table.total_column = true;
    (table, ix)
}

/// Everything derived from a monthly table. Month vectors are as long as `months`; `None` is
/// a blank cell.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct MonthlyFigures {
    /// Per row: the sum of its figures (`None` when every cell is blank).
    pub row_totals: Vec<Option<Decimal>>,
    /// Per group with parts: the sum of its parts per month (blank where all are blank), and
    /// over the months.
    pub group_totals: Vec<(Group, Vec<Option<Decimal>>, Option<Decimal>)>,
    /// Sum of the flow rows (not a `sums` row) per month, when the table has flows.
    pub net_change: Option<Vec<Decimal>>,
    /// With flows and a start: the number at the start and end of each month.
    pub opening: Option<Vec<Decimal>>,
    pub closing: Option<Vec<Decimal>>,
    pub cumulative_target: Option<Vec<Decimal>>,
    /// Sum of the actual rows per month, blank after the last month of actuals.
    pub actual_total: Option<Vec<Option<Decimal>>>,
    pub cumulative_actual: Option<Vec<Option<Decimal>>>,
    /// `start` − cumulative actual.
    pub remaining: Option<Vec<Option<Decimal>>>,
    /// Cumulative actual as % of `start`.
    pub percent: Option<Vec<Option<Decimal>>>,
    /// Total target as % of `start`.
    pub target_percent: Option<Decimal>,
}

/// Every derived figure of a monthly table, as the table block computes them.
pub fn monthly(t: &MonthlyTable) -> MonthlyFigures {
    let (table, ix) = monthly_table(t);
    let f =
        crate::blocks::table::calc::figures(std::slice::from_ref(&table), &Programme::default());
    let cells =
        |r: usize| -> Vec<Option<Decimal>> { f.rows[0][r].cells.iter().map(|c| c.value).collect() };
    let blank_as_zero = |r: usize| -> Vec<Decimal> {
        cells(r)
            .into_iter()
            .map(Option::unwrap_or_default)
            .collect()
    };
    MonthlyFigures {
        row_totals: (0..t.rows.len())
            .map(|r| f.rows[0][r].total.and_then(|c| c.value))
            .collect(),
        group_totals: ix
            .groups
            .iter()
            .map(|&(g, r)| (g, cells(r), f.rows[0][r].total.and_then(|c| c.value)))
            .collect(),
        net_change: ix.net.map(blank_as_zero),
        opening: ix.opening.map(blank_as_zero),
        closing: ix.closing.map(blank_as_zero),
        cumulative_target: ix.cumulative_target.map(blank_as_zero),
        actual_total: ix.actual.map(cells),
        cumulative_actual: ix.cumulative_actual.map(cells),
        remaining: ix.remaining.map(cells),
        percent: ix.percent.map(cells),
        target_percent: ix
            .target_percent
            .and_then(|r| f.rows[0][r].cells.last().and_then(|c| c.value)),
    }
}

/// Whether a budget variance (signed as `sign`) is an overspend, an underspend or on budget.
pub fn budget_outcome(variance: Money, sign: VarianceSign) -> Outcome {
    let over = match sign {
        VarianceSign::ActualMinusBudget => variance,
        VarianceSign::BudgetMinusActual => -variance,
    };
    outcome(true, over)
}

#[cfg(test)]
#[path = "calc_tests.rs"]
mod tests;
