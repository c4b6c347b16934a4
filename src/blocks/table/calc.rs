//! The figures of a report's tables: every cell computed exactly from entered figures and
//! formulas, in an order in which each row comes after the rows it reads, with the number of
//! entered figures behind each cell (what the rounding allowance counts); and every stated
//! figure compared with the computed one. Floats never appear here.

use crate::calc::{compare, Agreement};
use crate::model::table::{
    Cell, ColumnFormula, ColumnKey, Figures, Finding, Formula, Programme, RowValues, Source, Table,
};
use crate::model::Money;
use rust_decimal::Decimal;

/// A row of a report's tables: (table, row).
pub type RowAt = (usize, usize);

/// The rows of `tables` in an order in which each comes after every row it reads; rows caught
/// in a cycle (reading themselves, directly or not) are returned apart, and left blank.
pub fn order(tables: &[Table]) -> (Vec<RowAt>, Vec<RowAt>) {
    let index = |t: usize, r: usize| -> usize {
        tables[..t].iter().map(|x| x.rows.len()).sum::<usize>() + r
    };
    let nodes: Vec<(usize, usize)> = tables
        .iter()
        .enumerate()
        .flat_map(|(t, x)| (0..x.rows.len()).map(move |r| (t, r)))
        .collect();
    let mut waiting = vec![0usize; nodes.len()];
    let mut readers: Vec<Vec<usize>> = vec![Vec::new(); nodes.len()];
    for (n, &(t, r)) in nodes.iter().enumerate() {
        for s in tables[t].rows[r].formula.sources() {
            if let Source::Row { table, row } = s {
                waiting[n] += 1;
                readers[index(table, row)].push(n);
            }
        }
    }
    let mut ready: std::collections::VecDeque<usize> =
        (0..nodes.len()).filter(|&n| waiting[n] == 0).collect();
    let mut out = Vec::with_capacity(nodes.len());
    while let Some(n) = ready.pop_front() {
        out.push(nodes[n]);
        for &m in &readers[n] {
            waiting[m] -= 1;
            if waiting[m] == 0 {
                ready.push_back(m);
            }
        }
    }
    let cyclic = (0..nodes.len())
        .filter(|&n| waiting[n] > 0)
        .map(|n| nodes[n])
        .collect();
    (out, cyclic)
}

/// Computes every table (see the module documentation).
pub fn figures(tables: &[Table], programme: &Programme) -> Figures {
    let mut f = Figures {
        rows: tables
            .iter()
            .map(|t| {
                vec![
                    RowValues {
                        cells: vec![Cell::BLANK; t.columns.len()],
                        total: None,
                    };
                    t.rows.len()
                ]
            })
            .collect(),
        findings: Vec::new(),
        tainted: Vec::new(),
    };
    let (order, cyclic) = order(tables);
    // A row is tainted when it, or a row it reads, could not be computed: its stated figures
    // are not compared (what is wrong has been said once, where it is wrong).
    let mut tainted: Vec<Vec<bool>> = tables
        .iter()
        .map(|t| t.rows.iter().map(|r| r.broken).collect())
        .collect();
    for &(t, r) in &cyclic {
        tainted[t][r] = true;
    }
    for &(t, r) in &order {
        let reads_tainted = tables[t].rows[r]
            .formula
            .sources()
            .iter()
            .any(|s| matches!(s, Source::Row { table, row } if tainted[*table][*row]));
        let before = f.findings.len();
        let values = row(tables, programme, &f.rows, t, r, &mut f.findings);
        if reads_tainted {
            // Too large because a row it reads is: said once, at that row.
            f.findings.truncate(before);
        } else if f.findings.len() == before {
            // Figures are printed with at most 15 digits before the point, as they are entered:
            // a sum beyond that is a slip `check` reports, not a figure for the template.
            if let Some(column) = unprintable(&values) {
                f.findings.push(Finding::TooLarge {
                    table: t,
                    row: r,
                    column,
                });
            }
        }
        tainted[t][r] |= reads_tainted || f.findings.len() > before;
        f.rows[t][r] = values;
    }
    for (t, table) in tables.iter().enumerate() {
        for (r, row) in table.rows.iter().enumerate() {
            if tainted[t][r] {
                continue;
            }
            let values = &f.rows[t][r];
            let pct = matches!(row.formula, Formula::Percent(..));
            for (c, stated) in row.stated.iter().enumerate() {
                if let Some((s, _)) = stated {
                    let cell = values.cells.get(c).copied().unwrap_or_default();
                    f.findings
                        .push(stated_finding(t, r, Some(c), *s, cell, pct));
                }
            }
            if let (Some((s, _)), Some(cell)) = (&row.stated_total, values.total) {
                f.findings.push(stated_finding(t, r, None, *s, cell, pct));
            }
            printed_sums(tables, &f.rows, t, r, &mut f.findings);
        }
    }
    f.tainted = tainted;
    f
}

/// The first column of a row (the Total after the last) whose figure is too large to print.
fn unprintable(values: &RowValues) -> Option<usize> {
    let large = |c: &Cell| c.value.is_some_and(|v| !Money::new(v).is_printable());
    values.cells.iter().position(large).or_else(|| {
        values
            .total
            .as_ref()
            .filter(|c| large(c))
            .map(|_| values.cells.len())
    })
}

/// A stated figure against its cell; a percentage (`pct`) agrees or not by the percentage
/// rule (at the stated figure's places, no rounding allowance).
fn stated_finding(
    table: usize,
    row: usize,
    column: Option<usize>,
    s: Decimal,
    c: Cell,
    pct: bool,
) -> Finding {
    let agreement = c.value.map(|v| match pct {
        true if crate::rules::percent::agrees(s, v) => Agreement::Exact,
        true => Agreement::Mismatch(Money::new(s) - Money::new(v)),
        false => compare_printed(s, v, c.terms),
    });
    Finding::Stated {
        table,
        row,
        column,
        stated: s,
        computed: c.value,
        agreement,
    }
}

/// A stated figure against the computed one: the same when the computed figure, printed to
/// the stated figure's places, is the stated figure (a stated 0.210 claims no more than three
/// places); otherwise as [`compare`] says, with `terms` entered figures behind it.
pub fn compare_printed(stated: Decimal, computed: Decimal, terms: usize) -> Agreement {
    let places = stated.scale();
    if Money::new(computed).round_dp(places).decimal() == stated {
        return Agreement::Exact;
    }
    compare(Money::new(stated), Money::new(computed), terms.max(1))
}

/// The figure of `source` for column `c` of table `t`, in table `t`'s unit: matched by column
/// key, converted exactly. Blank where the source has no such column.
fn read(
    tables: &[Table],
    programme: &Programme,
    rows: &[Vec<RowValues>],
    t: usize,
    c: usize,
    source: Source,
) -> Cell {
    let target = &tables[t];
    let key = &target.columns[c].key;
    let (cell, unit) = match source {
        Source::Row { table, row } => {
            let from = &tables[table];
            let Some(sc) = from.column(key) else {
                return Cell::BLANK;
            };
            (rows[table][row].cells[sc], from.cell_unit(row, sc))
        }
        Source::Programme(line) => {
            let ColumnKey::Year(y) = key else {
                return Cell::BLANK;
            };
            let Some(k) = programme.years.iter().position(|p| p == y) else {
                return Cell::BLANK;
            };
            let i = Programme::index(line);
            let value = programme.lines[i].get(k).map(|m| m.decimal());
            (
                Cell {
                    value,
                    terms: programme.terms[i].get(k).copied().unwrap_or(0),
                },
                programme.unit.unwrap_or(target.unit),
            )
        }
    };
    Cell {
        value: cell
            .value
            .and_then(|v| target.column_unit(c).convert(v, unit)),
        terms: cell.terms,
    }
}

/// `a` as a percentage of `b` (the percentage rule's computation); blank where either is blank
/// or `b` is zero.
fn percent(a: Cell, b: Cell) -> Cell {
    match (a.value, b.value) {
        (Some(x), Some(y)) => match crate::rules::percent::of(x, y) {
            Some(p) => Cell::of(p, a.terms + b.terms),
            None => Cell::BLANK,
        },
        _ => Cell::BLANK,
    }
}

fn add(a: Cell, b: Cell) -> Option<Cell> {
    Some(match (a.value, b.value) {
        (Some(x), Some(y)) => Cell::of(x.checked_add(y)?, a.terms + b.terms),
        (Some(_), None) => a,
        (None, Some(_)) => b,
        (None, None) => Cell::BLANK,
    })
}

fn sub(a: Cell, b: Cell) -> Option<Cell> {
    Some(match (a.value, b.value) {
        (Some(x), Some(y)) => Cell::of(x.checked_sub(y)?, a.terms + b.terms),
        _ => Cell::BLANK,
    })
}

/// One row's printed figures and Total.
fn row(
    tables: &[Table],
    programme: &Programme,
    rows: &[Vec<RowValues>],
    t: usize,
    r: usize,
    findings: &mut Vec<Finding>,
) -> RowValues {
    let table = &tables[t];
    let spec = &table.rows[r];
    let n = table.columns.len();
    let get = |c: usize, s: Source| read(tables, programme, rows, t, c, s);
    let mut too_large = |c: usize| {
        findings.push(Finding::TooLarge {
            table: t,
            row: r,
            column: c,
        });
        Cell::BLANK
    };
    let mut levels = vec![Cell::BLANK; n];
    let mut running = Cell::BLANK;
    // The last column a running total's row has a figure in.
    let running_to = match &spec.formula {
        Formula::RunningTotal(s) => Some(
            (0..n)
                .rev()
                .find(|&c| get(c, *s).value.is_some())
                .unwrap_or(0),
        ),
        _ => None,
    };
    #[allow(clippy::needless_range_loop)] // `c` is the column every source is read at
    for c in 0..n {
        let cell = match &spec.formula {
            Formula::Heading => Cell::BLANK,
            Formula::Entered(v) => match v.get(c).copied().flatten() {
                Some(x) => Cell::of(x, 1),
                None => Cell::BLANK,
            },
            Formula::Sum(sources) => {
                let mut acc = Some(Cell::BLANK);
                for s in sources {
                    acc = acc.and_then(|a| add(a, get(c, *s)));
                }
                acc.unwrap_or_else(|| too_large(c))
            }
            Formula::Difference(a, b) => {
                sub(get(c, *a), get(c, *b)).unwrap_or_else(|| too_large(c))
            }
            Formula::Percent(a, b) => percent(get(c, *a), get(c, *b)),
            Formula::From(s) => get(c, *s),
            // A blank month adds nothing; after the row's last figure the running total is
            // blank (months not yet reported are not zero).
            Formula::RunningTotal(s) if running_to.is_some_and(|last| c > last) => Cell::BLANK,
            Formula::RunningTotal(s) => {
                running = add(running, get(c, *s)).unwrap_or_else(|| too_large(c));
                running
            }
            Formula::Change(s) if c > 0 => {
                sub(get(c, *s), get(c - 1, *s)).unwrap_or_else(|| too_large(c))
            }
            Formula::Change(_) => Cell::BLANK,
        };
        let shown = spec.only.as_ref().is_none_or(|o| o.get(c) == Some(&true));
        levels[c] = if shown { cell } else { Cell::BLANK };
    }
    // Computed columns, in each row, from the columns to their left.
    for (c, col) in table.columns.iter().enumerate() {
        let Some(f) = &col.formula else { continue };
        let cell = match f {
            ColumnFormula::Difference(a, b) => sub(levels[*a], levels[*b]),
            ColumnFormula::Sum(cols) => cols
                .iter()
                .try_fold(Cell::BLANK, |acc, k| add(acc, levels[*k])),
        };
        let shown = spec.only.as_ref().is_none_or(|o| o.get(c) == Some(&true))
            && !matches!(spec.formula, Formula::Heading);
        levels[c] = match cell {
            Some(cell) if shown => cell,
            Some(_) => Cell::BLANK,
            None => too_large(c),
        };
    }
    let mut cells = levels.clone();
    if let Some(from) = spec.changes_from {
        for c in from.max(1)..n {
            cells[c] = sub(levels[c], levels[c - 1]).unwrap_or_else(|| too_large(c));
        }
    }
    let total = if let (true, Formula::Percent(a, b)) = (table.total_column, &spec.formula) {
        // A percentage's Total is the percentage of the two rows' Totals (when both are rows
        // of this table, which have Totals).
        let whole = |s: &Source| match s {
            Source::Row { table: st, row } if *st == t => rows[t][*row].total.unwrap_or_default(),
            _ => Cell::BLANK,
        };
        Some(percent(whole(a), whole(b)))
    } else if let (true, Formula::RunningTotal(_)) = (table.total_column, &spec.formula) {
        // A running total's Total is the total to date, its last figure (adding its figures
        // would count the early columns again in every later one).
        Some(
            cells
                .iter()
                .rev()
                .find(|c| c.value.is_some())
                .copied()
                .unwrap_or_default(),
        )
    } else if table.total_column && !matches!(spec.formula, Formula::Heading) {
        let mut acc = Some(Cell::BLANK);
        for cell in &cells {
            acc = acc.and_then(|a| add(a, *cell));
        }
        Some(acc.unwrap_or_else(|| too_large(n)))
    } else {
        None
    };
    RowValues { cells, total }
}

/// For a sum of rows of its own table: where its printed figure is not the sum of its rows'
/// printed figures (each rounded to the table's places on its own); and for any row with a
/// Total, where the Total is not the sum of the row's printed figures (a finding in the
/// column after the last).
fn printed_sums(
    tables: &[Table],
    rows: &[Vec<RowValues>],
    t: usize,
    r: usize,
    findings: &mut Vec<Finding>,
) {
    let table = &tables[t];
    let dp = table.decimals;
    let round = |v: Decimal| Money::new(v).round_dp(dp).decimal();
    if matches!(
        table.rows[r].formula,
        Formula::Percent(..) | Formula::RunningTotal(_)
    ) {
        // A percentage's or a running total's Total is not the sum of its figures.
        return;
    }
    if let Some(Cell {
        value: Some(total), ..
    }) = rows[t][r].total
    {
        let mut parts = Some(Decimal::ZERO);
        for v in rows[t][r].cells.iter().filter_map(|c| c.value) {
            parts = parts.and_then(|s| s.checked_add(round(v)));
        }
        if let Some(parts) = parts.filter(|p| *p != round(total)) {
            findings.push(Finding::PrintedSum {
                table: t,
                row: r,
                column: table.columns.len(),
                parts,
                total: round(total),
            });
        }
    }
    let Formula::Sum(sources) = &table.rows[r].formula else {
        return;
    };
    if table.rows[r].changes_from.is_some() {
        return;
    }
    let mut parts_rows = Vec::new();
    for s in sources {
        match s {
            Source::Row { table: st, row } if *st == t => parts_rows.push(*row),
            // Parts printed elsewhere: nothing on this page to add up.
            _ => return,
        }
    }
    for c in 0..table.columns.len() {
        let Some(total) = rows[t][r].cells[c].value else {
            continue;
        };
        let dp = table.cell_decimals(r, c);
        let round = |v: Decimal| Money::new(v).round_dp(dp).decimal();
        let mut parts = Some(Decimal::ZERO);
        for &p in &parts_rows {
            if let Some(v) = rows[t][p].cells[c].value {
                parts = parts.and_then(|s| s.checked_add(round(v)));
            }
        }
        // Too large to add up: already reported where it was computed.
        let Some(parts) = parts else { continue };
        if parts != round(total) {
            findings.push(Finding::PrintedSum {
                table: t,
                row: r,
                column: c,
                parts,
                total: round(total),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::table::{Column, Row, Unit};
    use crate::model::FinancialYear;
    use crate::source::FileId;

    fn d(s: &str) -> Decimal {
        s.parse().expect("decimal")
    }

    fn years(n: usize) -> Vec<Column> {
        (0..n)
            .map(|k| {
                let y = FinancialYear::new(2016 + k as u16).expect("year");
                Column {
                    unit: None,
                    key: ColumnKey::Year(y),
                    label: y.to_string(),
                    formula: None,
                }
            })
            .collect()
    }

    fn row(id: &str, formula: Formula) -> Row {
        Row {
            id: id.into(),
            label: id.into(),
            kind: None,
            formula,
            only: None,
            changes_from: None,
            stated: vec![None; 3],
            stated_total: None,
            bold: false,
            at: 0..0,
            cells_at: Vec::new(),
            broken: false,
        }
    }

    fn entered(v: &[Option<&str>]) -> Formula {
        Formula::Entered(v.iter().map(|x| x.map(d)).collect())
    }

    fn table(id: &str, unit: Unit, rows: Vec<Row>) -> Table {
        Table {
            id: id.into(),
            caption: None,
            unit,
            decimals: unit.default_decimals(),
            columns: years(3),
            rows,
            note: None,
            total_column: true,
            chart: None,
            file: FileId(0),
            at: 0..0,
        }
    }

    fn values(f: &Figures, t: usize, r: usize) -> Vec<Option<Decimal>> {
        f.rows[t][r].cells.iter().map(|c| c.value).collect()
    }

    fn at(t: usize, row: usize) -> Source {
        Source::Row { table: t, row }
    }

    #[test]
    fn formulas_compute_column_by_column_with_blanks_kept_apart_from_zero() {
        let t = table(
            "t",
            Unit::Millions,
            vec![
                row("a", entered(&[Some("0.100"), Some("0.200"), None])),
                row("b", entered(&[Some("0.050"), None, None])),
                row("sum", Formula::Sum(vec![at(0, 0), at(0, 1)])),
                row("diff", Formula::Difference(at(0, 0), at(0, 1))),
                row("run", Formula::RunningTotal(at(0, 0))),
                row("chg", Formula::Change(at(0, 0))),
            ],
        );
        let f = figures(&[t], &Programme::default());
        assert_eq!(
            values(&f, 0, 2),
            [Some(d("0.150")), Some(d("0.200")), None],
            "a blank adds nothing, all blank stays blank"
        );
        assert_eq!(
            values(&f, 0, 3),
            [Some(d("0.050")), None, None],
            "a difference needs both"
        );
        assert_eq!(
            values(&f, 0, 4),
            [Some(d("0.100")), Some(d("0.300")), None],
            "after the row's last figure a running total is blank, not its last level"
        );
        assert_eq!(
            f.rows[0][4].total.and_then(|c| c.value),
            Some(d("0.300")),
            "a running total's Total is the total to date"
        );
        assert_eq!(values(&f, 0, 5), [None, Some(d("0.100")), None]);
        assert_eq!(f.rows[0][2].total.and_then(|c| c.value), Some(d("0.350")));
        // Terms: the entered figures behind each cell.
        assert_eq!(f.rows[0][2].cells[0].terms, 2);
        assert_eq!(f.rows[0][3].cells[0].terms, 2);
        assert_eq!(f.rows[0][5].cells[1].terms, 2);
    }

    #[test]
    fn a_running_total_carries_over_a_blank_month_and_a_percentage_reads_two_rows() {
        let t = table(
            "t",
            Unit::Count,
            vec![
                row("actual", entered(&[Some("4"), None, Some("3")])),
                row("target", entered(&[Some("5"), Some("5"), Some("0")])),
                row("run", Formula::RunningTotal(at(0, 0))),
                row("pct", Formula::Percent(at(0, 0), at(0, 1))),
            ],
        );
        let f = figures(&[t], &Programme::default());
        assert_eq!(
            values(&f, 0, 2),
            [Some(d("4")), Some(d("4")), Some(d("7"))],
            "a blank month adds nothing"
        );
        assert_eq!(
            values(&f, 0, 3),
            [Some(d("80")), None, None],
            "blank where either row is blank or the base is 0"
        );
        // The Total: 7 of 10.
        assert_eq!(f.rows[0][3].total.and_then(|c| c.value), Some(d("70")));
    }

    #[test]
    fn a_stated_percentage_is_compared_at_its_own_places() {
        let mut pct = row("pct", Formula::Percent(at(0, 0), at(0, 1)));
        pct.stated = vec![
            Some((d("10.9"), 0..0)),
            Some((d("11"), 0..0)),
            Some((d("10"), 0..0)),
        ];
        let t = table(
            "t",
            Unit::Count,
            vec![
                row("n", entered(&[Some("7"), Some("7"), Some("7")])),
                row("of", entered(&[Some("64"), Some("64"), Some("64")])),
                pct,
            ],
        );
        let f = figures(&[t], &Programme::default());
        let agreements: Vec<_> = f
            .findings
            .iter()
            .filter_map(|x| match x {
                Finding::Stated { agreement, .. } => *agreement,
                _ => None,
            })
            .collect();
        assert_eq!(agreements.len(), 3);
        assert_eq!(agreements[0], Agreement::Exact);
        assert_eq!(agreements[1], Agreement::Exact);
        assert!(
            matches!(agreements[2], Agreement::Mismatch(_)),
            "10.94% is not 10%, and no rounding allowance makes it so"
        );
    }

    #[test]
    fn rows_read_other_tables_by_year_and_convert_exactly() {
        let k = table(
            "k",
            Unit::Thousands,
            vec![row(
                "posts",
                entered(&[Some("81"), Some("113"), Some("32")]),
            )],
        );
        let mut m = table(
            "m",
            Unit::Millions,
            vec![row("from", Formula::From(at(0, 0)))],
        );
        // This table starts a year later: 2017/18 to 2019/20.
        m.columns = years(4)[1..].to_vec();
        let f = figures(&[k, m], &Programme::default());
        assert_eq!(values(&f, 1, 0), [Some(d("0.113")), Some(d("0.032")), None]);
    }

    #[test]
    fn changes_from_a_column_print_the_change_on_the_previous_one() {
        let mut r = row(
            "gap",
            entered(&[Some("7.848"), Some("8.346"), Some("10.402")]),
        );
        r.changes_from = Some(2);
        let f = figures(
            &[table("t", Unit::Millions, vec![r])],
            &Programme::default(),
        );
        assert_eq!(
            values(&f, 0, 0),
            [Some(d("7.848")), Some(d("8.346")), Some(d("2.056"))]
        );
        assert_eq!(f.rows[0][0].cells[2].terms, 2);
    }

    #[test]
    fn the_rounding_allowance_is_half_a_unit_per_figure_added() {
        // Three entered figures at 3 places: up to 0.0015 is rounding, beyond is a mismatch.
        let parts = || {
            vec![
                row("a", entered(&[Some("0.100"), Some("0.100"), Some("0.100")])),
                row("b", entered(&[Some("0.100"), Some("0.100"), Some("0.100")])),
                row("c", entered(&[Some("0.100"), Some("0.100"), Some("0.100")])),
            ]
        };
        let agreement = |stated: &str| {
            let mut rows = parts();
            let mut total = row("total", Formula::Sum(vec![at(0, 0), at(0, 1), at(0, 2)]));
            total.stated = vec![Some((d(stated), 0..0)), None, None];
            rows.push(total);
            let f = figures(&[table("t", Unit::Millions, rows)], &Programme::default());
            f.findings.iter().find_map(|x| match x {
                Finding::Stated { agreement, .. } => *agreement,
                _ => None,
            })
        };
        assert_eq!(agreement("0.300"), Some(Agreement::Exact));
        assert!(matches!(agreement("0.301"), Some(Agreement::Rounding(_))));
        assert!(matches!(agreement("0.299"), Some(Agreement::Rounding(_))));
        assert!(matches!(agreement("0.302"), Some(Agreement::Mismatch(_))));
        // Trailing places claim nothing: 0.30 is 0.300 printed to two places.
        assert_eq!(agreement("0.30"), Some(Agreement::Exact));
    }

    #[test]
    fn cycles_are_found_and_left_blank() {
        let t = table(
            "t",
            Unit::Millions,
            vec![
                row("a", Formula::From(at(0, 1))),
                row("b", Formula::Sum(vec![at(0, 0)])),
                row("c", entered(&[Some("1"), None, None])),
            ],
        );
        let (order, cyclic) = order(std::slice::from_ref(&t));
        assert_eq!(order, [(0, 2)]);
        assert_eq!(cyclic, [(0, 0), (0, 1)]);
        let f = figures(&[t], &Programme::default());
        assert!(f.tainted[0][0] && f.tainted[0][1] && !f.tainted[0][2]);
    }

    #[test]
    fn a_figure_too_large_to_print_is_found_once_where_it_is_made() {
        // A table prints at most 15 digits before the point: 10^15 − 0.001 prints, 10^15 does
        // not. The sum is found at its column; the row that reads it, and the sum's stated
        // figure, say nothing more.
        let found = |a: [Option<&str>; 3]| {
            let mut sum = row("sum", Formula::Sum(vec![at(0, 0), at(0, 1)]));
            sum.stated = vec![Some((d("0.100"), 0..0)), None, None];
            let t = table(
                "t",
                Unit::Millions,
                vec![
                    row("a", entered(&a)),
                    row("b", entered(&[Some("0.001"), None, None])),
                    sum,
                    row("again", Formula::From(at(0, 2))),
                ],
            );
            let f = figures(&[t], &Programme::default());
            let large: Vec<(usize, usize)> = f
                .findings
                .iter()
                .filter_map(|x| match x {
                    Finding::TooLarge { row, column, .. } => Some((*row, *column)),
                    _ => None,
                })
                .collect();
            let stated = f
                .findings
                .iter()
                .filter(|x| matches!(x, Finding::Stated { .. }))
                .count();
            (large, stated, f.tainted[0].clone())
        };
        let (large, stated, tainted) = found([Some("999999999999999.999"), None, None]);
        assert_eq!(large, [(2, 0)]);
        assert_eq!(stated, 0);
        assert_eq!(tainted, [false, false, true, true]);
        // Just short: nothing found, and the stated figure is compared.
        let (large, stated, tainted) = found([Some("999999999999999.998"), None, None]);
        assert_eq!(large, []);
        assert_eq!(stated, 1);
        assert_eq!(tainted, [false; 4]);
        // Only the Total too large: found in the column after the last.
        let (large, _, _) = found([Some("999999999999999.999"), Some("0.001"), None]);
        assert_eq!(large, [(0, 3)]);
    }

    #[test]
    fn printed_rows_that_do_not_add_to_the_printed_total_are_found() {
        let rows = vec![
            row("a", entered(&[Some("0.0004"), Some("0.001"), None])),
            row("b", entered(&[Some("0.0004"), Some("0.001"), None])),
            row("t", Formula::Sum(vec![at(0, 0), at(0, 1)])),
        ];
        let f = figures(&[table("t", Unit::Millions, rows)], &Programme::default());
        let printed: Vec<_> = f
            .findings
            .iter()
            .filter_map(|x| match x {
                Finding::PrintedSum {
                    column,
                    parts,
                    total,
                    ..
                } => Some((*column, *parts, *total)),
                _ => None,
            })
            .collect();
        // 0.000 + 0.000 printed, the total 0.0008 prints as 0.001.
        assert_eq!(printed, [(0, d("0.000"), d("0.001"))]);
    }

    #[test]
    fn computed_columns_are_made_in_each_row_from_the_columns_to_their_left() {
        let mut t = table(
            "t",
            Unit::Millions,
            vec![
                row("a", entered(&[Some("10.770"), Some("16.771"), None])),
                row("b", entered(&[Some("1.000"), None, None])),
                row("sum", Formula::Sum(vec![at(0, 0), at(0, 1)])),
            ],
        );
        t.columns[2].formula = Some(crate::model::table::ColumnFormula::Difference(1, 0));
        let f = figures(&[t], &Programme::default());
        assert_eq!(values(&f, 0, 0)[2], Some(d("6.001")));
        assert_eq!(f.rows[0][0].cells[2].terms, 2);
        assert_eq!(values(&f, 0, 1)[2], None, "a difference needs both");
        assert_eq!(
            values(&f, 0, 2),
            [Some(d("11.770")), Some(d("16.771")), Some(d("5.001"))]
        );
    }

    #[test]
    fn a_row_with_figures_in_some_columns_only_leaves_the_others_blank_computed_ones_too() {
        // Budget, Actual and Over-spend (Actual − Budget): a row limited to Budget and Actual
        // prints no Over-spend, though both are there to compute it from; a row limited to
        // Actual and Over-spend prints no Budget, and so no Over-spend either.
        let mut t = table(
            "t",
            Unit::Thousands,
            vec![
                row("all", entered(&[Some("10770"), Some("16771"), None])),
                row("two", entered(&[Some("1000"), Some("900"), None])),
                row("late", entered(&[Some("500"), Some("700"), None])),
                row("heading", Formula::Heading),
            ],
        );
        t.rows[1].only = Some(vec![true, true, false]);
        t.rows[2].only = Some(vec![false, true, true]);
        t.columns[2].formula = Some(crate::model::table::ColumnFormula::Difference(1, 0));
        let f = figures(&[t], &Programme::default());
        assert_eq!(
            values(&f, 0, 0),
            [Some(d("10770")), Some(d("16771")), Some(d("6001"))]
        );
        assert_eq!(values(&f, 0, 1), [Some(d("1000")), Some(d("900")), None]);
        assert_eq!(values(&f, 0, 2), [None, Some(d("700")), None]);
        assert_eq!(values(&f, 0, 3), [None, None, None]);
        assert_eq!(f.rows[0][1].total.and_then(|c| c.value), Some(d("1900")));
        assert_eq!(f.rows[0][3].total, None, "a heading has no Total");
    }

    #[test]
    fn a_sum_of_rows_printed_in_another_table_is_not_added_up_as_printed_here() {
        // `s` adds the rows of table `a`; its own table's rows (itself and `z`) are not its
        // parts, and nothing on its page is said not to add up.
        let a = table(
            "a",
            Unit::Millions,
            vec![
                row("x", entered(&[Some("0.100"), Some("0.200"), None])),
                row("y", entered(&[Some("0.200"), Some("0.300"), None])),
            ],
        );
        let b = table(
            "b",
            Unit::Millions,
            vec![
                row("s", Formula::Sum(vec![at(0, 0), at(0, 1)])),
                row("z", entered(&[Some("5.000"), Some("5.000"), None])),
            ],
        );
        let f = figures(&[a, b], &Programme::default());
        assert_eq!(values(&f, 1, 0), [Some(d("0.300")), Some(d("0.500")), None]);
        let printed: Vec<&Finding> = f
            .findings
            .iter()
            .filter(|x| matches!(x, Finding::PrintedSum { .. }))
            .collect();
        assert!(printed.is_empty(), "{printed:?}");
    }

    #[test]
    fn programme_lines_are_read_by_year_in_the_report_unit() {
        let programme = Programme {
            years: vec![FinancialYear::new(2017).expect("year")],
            lines: [
                vec![Money::new(d("0.164"))],
                vec![Money::new(d("-0.165"))],
                vec![Money::new(d("-0.001"))],
            ],
            terms: [vec![11], vec![11], vec![22]],
            unit: Some(Unit::Millions),
        };
        let t = table(
            "k",
            Unit::Thousands,
            vec![row(
                "net",
                Formula::From(Source::Programme(crate::model::table::ProgrammeLine::Net)),
            )],
        );
        let f = figures(&[t], &programme);
        assert_eq!(values(&f, 0, 0), [None, Some(d("-1")), None]);
        assert_eq!(f.rows[0][0].cells[1].terms, 22);
    }
}
