//! The figures of a report's tables: every cell computed exactly from entered figures and
//! formulas, in an order in which each row comes after the rows it reads, with the number of
//! entered figures behind each cell (what the rounding allowance counts); and every stated
//! figure compared with the computed one. Floats never appear here.

use crate::calc::compare;
use crate::model::table::{
    Cell, ColumnKey, Figures, Finding, Formula, Programme, RowValues, Source, Table,
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
        let values = row(tables, programme, &f.rows, t, r, &mut f.findings);
        f.rows[t][r] = values;
        let reads_tainted = tables[t].rows[r]
            .formula
            .sources()
            .iter()
            .any(|s| matches!(s, Source::Row { table, row } if tainted[*table][*row]));
        tainted[t][r] |= reads_tainted;
    }
    for (t, table) in tables.iter().enumerate() {
        for (r, row) in table.rows.iter().enumerate() {
            if tainted[t][r] {
                continue;
            }
            let values = &f.rows[t][r];
            for (c, stated) in row.stated.iter().enumerate() {
                if let Some((s, _)) = stated {
                    let cell = values.cells.get(c).copied().unwrap_or_default();
                    f.findings.push(stated_finding(t, r, Some(c), *s, cell));
                }
            }
            if let (Some((s, _)), Some(cell)) = (&row.stated_total, values.total) {
                f.findings.push(stated_finding(t, r, None, *s, cell));
            }
            printed_sums(tables, &f.rows, t, r, &mut f.findings);
        }
    }
    f
}

fn stated_finding(table: usize, row: usize, column: Option<usize>, s: Decimal, c: Cell) -> Finding {
    Finding::Stated {
        table,
        row,
        column,
        stated: s,
        computed: c.value,
        agreement: c
            .value
            .map(|v| compare(Money::new(s), Money::new(v), c.terms.max(1))),
    }
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
            (rows[table][row].cells[sc], from.unit)
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
        value: cell.value.and_then(|v| target.unit.convert(v, unit)),
        terms: cell.terms,
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
            Formula::From(s) => get(c, *s),
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
    let mut cells = levels.clone();
    if let Some(from) = spec.changes_from {
        for c in from.max(1)..n {
            cells[c] = sub(levels[c], levels[c - 1]).unwrap_or_else(|| too_large(c));
        }
    }
    let total = if table.total_column && !matches!(spec.formula, Formula::Heading) {
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
