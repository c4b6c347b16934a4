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

/// Everything derived from a monthly table. Month vectors are as long as `months`; `None` is
/// a blank cell.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct MonthlyFigures {
    /// Per row: the sum of its figures (`None` when every cell is blank).
    pub row_totals: Vec<Option<Decimal>>,
    /// Sum of the flow rows (not a `sums` row) per month, when the table has flows.
    pub net_change: Option<Vec<Decimal>>,
    /// With flows and a start: the number at the start and end of each month.
    pub opening: Option<Vec<Decimal>>,
    pub closing: Option<Vec<Decimal>>,
    /// Sum of the target rows per month (blank when all are blank).
    pub target_total: Option<Vec<Option<Decimal>>>,
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

/// The per-month sum of the rows of `group` that are parts (not `sums` rows); a month where
/// every part is blank is blank. `None` when the group has no parts.
pub fn group_total(t: &MonthlyTable, group: Group) -> Option<Vec<Option<Decimal>>> {
    let parts: Vec<_> = t
        .rows
        .iter()
        .filter(|r| r.group == group && !r.sums)
        .collect();
    if parts.is_empty() {
        return None;
    }
    Some(
        (0..t.months.len())
            .map(|m| {
                parts
                    .iter()
                    .filter_map(|r| r.values.get(m).copied().flatten())
                    .reduce(|a, b| a + b)
            })
            .collect(),
    )
}

fn running(values: &[Option<Decimal>]) -> Vec<Decimal> {
    let mut acc = Decimal::ZERO;
    values
        .iter()
        .map(|v| {
            acc += v.unwrap_or_default();
            acc
        })
        .collect()
}

/// Computes every derived row of a monthly table.
pub fn monthly(t: &MonthlyTable) -> MonthlyFigures {
    let n = t.months.len();
    let row_totals = t
        .rows
        .iter()
        .map(|r| r.values.iter().flatten().copied().reduce(|a, b| a + b))
        .collect();
    let net_change: Option<Vec<Decimal>> =
        group_total(t, Group::Flow).map(|v| v.into_iter().map(Option::unwrap_or_default).collect());
    let (opening, closing) = match (t.start, &net_change) {
        (Some(start), Some(net)) => {
            let mut open = Vec::with_capacity(n);
            let mut close = Vec::with_capacity(n);
            let mut level = start;
            for c in net {
                open.push(level);
                level += *c;
                close.push(level);
            }
            (Some(open), Some(close))
        }
        _ => (None, None),
    };
    let target_total = group_total(t, Group::Target);
    let cumulative_target = target_total.as_deref().map(running);
    let last = t.actuals_to.unwrap_or(n.saturating_sub(1));
    let actual_total = group_total(t, Group::Actual).map(|v| {
        v.into_iter()
            .enumerate()
            .map(|(m, x)| {
                if m <= last {
                    Some(x.unwrap_or_default())
                } else {
                    None
                }
            })
            .collect::<Vec<_>>()
    });
    let cumulative_actual = actual_total.as_ref().map(|v| {
        running(v)
            .into_iter()
            .enumerate()
            .map(|(m, c)| (m <= last).then_some(c))
            .collect::<Vec<_>>()
    });
    let remaining = match (t.start, &cumulative_actual) {
        (Some(s), Some(c)) => Some(c.iter().map(|v| v.map(|v| s - v)).collect()),
        _ => None,
    };
    let pct = match (t.start, &cumulative_actual) {
        (Some(s), Some(c)) => Some(c.iter().map(|v| v.and_then(|v| percent(v, s))).collect()),
        _ => None,
    };
    let target_percent = match (t.start, &cumulative_target) {
        (Some(s), Some(c)) => c.last().and_then(|v| percent(*v, s)),
        _ => None,
    };
    MonthlyFigures {
        row_totals,
        net_change,
        opening,
        closing,
        target_total,
        cumulative_target,
        actual_total,
        cumulative_actual,
        remaining,
        percent: pct,
        target_percent,
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
