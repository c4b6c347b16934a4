//! Derived figures of the follow-up reports, as pure functions over exact decimals: variance
//! (forecast − target) and whether it is favourable, RAG status, net of an initiative's lines,
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

/// Forecast − target: the seed's "(Favourable) / Adverse" column.
pub fn variance(target: Money, forecast: Money) -> Money {
    forecast - target
}

/// An initiative's net position: target, forecast, actual and approved figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Net {
    pub target: Money,
    pub forecast: Money,
    pub actual: Option<Money>,
    pub approved: Option<Money>,
    /// Computed from investment and saving lines (rather than taken from a stated net line).
    pub computed: bool,
}

fn sum_opt(values: impl Iterator<Item = Option<Money>>) -> Option<Money> {
    values.sum::<Option<Money>>()
}

/// Net = investment + saving lines; the stated net line when there are none.
pub fn net(lines: &[VarianceLine]) -> Option<Net> {
    let parts: Vec<&VarianceLine> = lines
        .iter()
        .filter(|l| matches!(l.kind, LineKind::Investment | LineKind::Saving))
        .collect();
    if parts.is_empty() {
        let l = lines.iter().find(|l| l.kind == LineKind::Net)?;
        return Some(Net {
            target: l.target,
            forecast: l.forecast,
            actual: l.actual,
            approved: l.approved,
            computed: false,
        });
    }
    Some(Net {
        target: parts.iter().map(|l| l.target).sum(),
        forecast: parts.iter().map(|l| l.forecast).sum(),
        actual: sum_opt(parts.iter().map(|l| l.actual)),
        approved: sum_opt(parts.iter().map(|l| l.approved)),
        computed: true,
    })
}

/// The net position of every monitored initiative that has one, in report order, and their
/// totals: the figures the summary table and the summary chart both print, computed by the
/// table block from [`summary_table`].
pub struct Summary<'a> {
    pub nets: Vec<(&'a Monitored, Net)>,
    /// Each initiative's net variance (forecast − target), in the order of `nets`.
    pub variances: Vec<Money>,
    pub target: Money,
    pub forecast: Money,
    pub variance: Money,
}

/// The net position by initiative as a table block: Target and Forecast entered per
/// initiative, Variance computed in each row (forecast − target), and a Total sum row.
pub fn summary_table(nets: &[(&Monitored, Net)]) -> Table {
    let mut rows: Vec<Row> = nets
        .iter()
        .enumerate()
        .map(|(i, (m, n))| {
            let figures = vec![Some(n.target.decimal()), Some(n.forecast.decimal()), None];
            preset_row(
                format!("i{i}"),
                &m.reference,
                Formula::Entered(figures),
                3,
                false,
            )
        })
        .collect();
    let all = (0..rows.len())
        .map(|row| Source::Row { table: 0, row })
        .collect();
    rows.push(preset_row(
        "total".into(),
        "Total",
        Formula::Sum(all),
        3,
        true,
    ));
    let columns = vec![
        named("Target", None),
        named("Forecast", None),
        named("Variance", Some(ColumnFormula::Difference(1, 0))),
    ];
    preset_table("summary", "Net position", Unit::Millions, columns, rows)
}

pub fn summary(initiatives: &[Monitored]) -> Summary<'_> {
    let nets: Vec<_> = initiatives
        .iter()
        .filter_map(|m| net(&m.lines).map(|n| (m, n)))
        .collect();
    let figures = computed(&summary_table(&nets));
    let (total, each) = figures
        .split_last()
        .map_or((&[][..], &[][..]), |(t, e)| (&t[..], e));
    let at = |row: &[Money], c: usize| row.get(c).copied().unwrap_or(Money::ZERO);
    Summary {
        variances: each.iter().map(|r| at(r, 2)).collect(),
        target: at(total, 0),
        forecast: at(total, 1),
        variance: at(total, 2),
        nets,
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
    let rows = h
        .years
        .iter()
        .enumerate()
        .map(|(i, y)| {
            let figures = vec![
                Some(h.budget[i].decimal()),
                Some(h.actual[i].decimal()),
                None,
            ];
            preset_row(
                format!("y{i}"),
                &y.to_string(),
                Formula::Entered(figures),
                3,
                false,
            )
        })
        .collect();
    let columns = vec![
        named("Budget", None),
        named(&h.actual_label, None),
        named(&h.variance_label, Some(signed_variance(h.sign, 0, 1))),
    ];
    preset_table("history", "History", Unit::Millions, columns, rows)
}

/// Each year's budget, actual and variance, as the table block computes them.
pub fn history_rows(h: &History) -> Vec<Vec<Money>> {
    computed(&history_table(h))
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

/// An itemised total as a table block: one column, an entered row per item and one for the
/// acknowledged unitemised part, then the items' sum and the total as stated (sum rows), so
/// that it is computed by the table block's calculation like every table of every paper.
pub fn breakdown_table(b: &Breakdown) -> Table {
    let row = |id: String, label: &str, formula: Formula, bold: bool| {
        preset_row(id, label, formula, 1, bold)
    };
    let mut rows: Vec<Row> = b
        .items
        .iter()
        .enumerate()
        .map(|(i, (label, v, _))| {
            let figure = Formula::Entered(vec![Some(v.decimal())]);
            row(format!("item-{i}"), label, figure, false)
        })
        .collect();
    let items: Vec<Source> = (0..rows.len())
        .map(|row| Source::Row { table: 0, row })
        .collect();
    let unitemised = Formula::Entered(vec![Some(b.unitemised.decimal())]);
    rows.push(row(
        "unitemised".into(),
        "Not itemised in the source",
        unitemised,
        false,
    ));
    let sum = rows.len();
    rows.push(row(
        "items".into(),
        "Total of the items",
        Formula::Sum(items),
        true,
    ));
    let parts = vec![
        Source::Row { table: 0, row: sum },
        Source::Row {
            table: 0,
            row: sum - 1,
        },
    ];
    rows.push(row(
        "total".into(),
        "Total as stated",
        Formula::Sum(parts),
        true,
    ));
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
    let f = crate::blocks::table::calc::figures(std::slice::from_ref(&t), &Programme::default());
    let n = t.rows.len();
    // Every row is entered or a sum of entered rows, and figures are capped at 1e15 when
    // read, so every cell has a figure (nil is only the fallback of an impossible blank).
    let at = |r: usize| f.rows[0][r].cells[0].value.map_or(Money::ZERO, Money::new);
    (at(n - 2), at(n - 1))
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

/// The RAG of an initiative, and what it rests on: its net line, else its worst KPI.
pub fn initiative_rag(lines: &[VarianceLine], th: Thresholds) -> Option<(Rag, &'static str)> {
    if let Some(n) = net(lines) {
        let v = variance(n.target, n.forecast);
        return Some((rag(th, n.target, v, true), "net"));
    }
    lines
        .iter()
        .filter(|l| !l.kind.is_money())
        .map(|l| {
            let v = variance(l.target, l.forecast);
            rag(th, l.target, v, l.kind.lower_is_better())
        })
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

/// A scenario's or a year's variance, signed the way the source prints it.
pub fn budget_variance(budget: Money, actual: Money, sign: VarianceSign) -> Money {
    match sign {
        VarianceSign::ActualMinusBudget => actual - budget,
        VarianceSign::BudgetMinusActual => budget - actual,
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
