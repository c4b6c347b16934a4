//! A computed table as Markdown, in the house style of every table cabinet prints: a
//! `Table:` caption with its unit, the unit over the label column, figures right-aligned in the
//! report's negative style, totals in bold, headings in italics, and a note under the table
//! saying what the figures are (changes on the previous column) and, truthfully, where the
//! printed figures do not add up as printed or differ from what the source stated.

use crate::calc::Agreement;
use crate::model::table::{Figures, Finding, Formula, Table};
use crate::model::{Money, NegativeStyle};
use crate::text::escape;
use rust_decimal::Decimal;

/// A figure as the table prints it: `decimals` places, thousands separators, negatives in the
/// report's style; a change on the previous column with its sign (`+2.056`).
pub fn figure(value: Decimal, decimals: u32, style: NegativeStyle, change: bool) -> String {
    let m = Money::new(value);
    let text = m.format(decimals, style);
    if change && m.round_dp(decimals).is_positive() {
        format!("+{text}")
    } else {
        text
    }
}

/// The Markdown of table `t` of `tables`.
pub fn markdown(tables: &[Table], figures: &Figures, t: usize, style: NegativeStyle) -> String {
    let table = &tables[t];
    let mut out = String::new();
    let caption = table.caption.as_deref().unwrap_or(&table.id);
    let unit = table.unit.symbol();
    if unit.is_empty() {
        out.push_str(&format!("Table: {}\n\n", escape(caption)));
    } else {
        out.push_str(&format!("Table: {} ({unit})\n\n", escape(caption)));
    }
    // Columns from which any row prints changes on the previous column are starred.
    let first_change = table.rows.iter().filter_map(|r| r.changes_from).min();
    out.push('|');
    out.push_str(&format!(" {} |", escape(unit)));
    for (c, col) in table.columns.iter().enumerate() {
        let star = if first_change.is_some_and(|f| c >= f.max(1)) {
            "\\*"
        } else {
            ""
        };
        out.push_str(&format!(" {}{star} |", escape(&col.label)));
    }
    if table.total_column {
        out.push_str(" Total |");
    }
    out.push_str("\n| :--- |");
    for _ in 0..table.columns.len() + usize::from(table.total_column) {
        out.push_str(" ---: |");
    }
    out.push('\n');
    for (r, row) in table.rows.iter().enumerate() {
        let values = &figures.rows[t][r];
        let bold = |s: String| {
            if row.bold && !s.is_empty() {
                format!("**{s}**")
            } else {
                s
            }
        };
        let label = escape(&row.label);
        if matches!(row.formula, Formula::Heading) && !row.broken {
            out.push_str(&format!("| *{label}* |"));
        } else {
            out.push_str(&format!("| {} |", bold(label)));
        }
        for (c, cell) in values.cells.iter().enumerate() {
            let change = row.changes_from.is_some_and(|f| c >= f.max(1));
            let text = cell
                .value
                .map(|v| figure(v, table.decimals, style, change))
                .unwrap_or_default();
            out.push_str(&format!(" {} |", bold(text)));
        }
        if let Some(total) = values.total {
            let text = total
                .value
                .map(|v| figure(v, table.decimals, style, false))
                .unwrap_or_default();
            out.push_str(&format!(" {} |", bold(text)));
        }
        out.push('\n');
    }
    let notes = notes(tables, figures, t, style);
    if !notes.is_empty() {
        out.push('\n');
        out.push_str(&notes.join("\n\n"));
        out.push('\n');
    }
    out
}

/// What the table's note says, paragraph by paragraph: the author's note, what the starred
/// columns hold, and every difference rounding makes between what is printed and what the
/// source stated or what the printed rows add to.
pub fn notes(tables: &[Table], figures: &Figures, t: usize, style: NegativeStyle) -> Vec<String> {
    let table = &tables[t];
    let mut out = Vec::new();
    if let Some(note) = &table.note {
        out.push(crate::text::narrative(note, 4));
    }
    let changed: Vec<&str> = table
        .rows
        .iter()
        .filter(|r| r.changes_from.is_some())
        .map(|r| r.label.as_str())
        .collect();
    if let Some(first) = table.rows.iter().filter_map(|r| r.changes_from).min() {
        let from = &table.columns[first.max(1).min(table.columns.len() - 1)].label;
        out.push(format!(
            "\\* From {} the figures of {} are the increase (+) or decrease on the previous column, not the level.",
            escape(from),
            list(&changed.iter().map(|l| format!("“{}”", escape(l))).collect::<Vec<_>>())
        ));
    }
    let f = |v: Decimal| figure(v, table.decimals, style, false);
    let column = |c: Option<usize>| match c.and_then(|c| table.columns.get(c)) {
        Some(col) => col.label.clone(),
        None => "Total".to_string(),
    };
    let mut rounding = Vec::new();
    let mut printed = Vec::new();
    for finding in &figures.findings {
        match finding {
            Finding::Stated {
                table: ft,
                row,
                column: c,
                stated,
                computed: Some(computed),
                agreement: Some(Agreement::Rounding(_)),
            } if *ft == t => rounding.push(format!(
                "{}, {}: {}",
                escape(&table.rows[*row].label),
                escape(&column(*c)),
                super::super::rounding::clause(&f(*stated), &f(*computed))
            )),
            Finding::PrintedSum {
                table: ft,
                row,
                column: c,
                parts,
                total,
            } if *ft == t => printed.push(format!(
                "{}, {}: {} print as adding to {}, the total as {}",
                escape(&table.rows[*row].label),
                escape(&column(Some(*c))),
                if *c < table.columns.len() {
                    "the figures above it"
                } else {
                    "the figures of its row"
                },
                f(*parts),
                f(*total)
            )),
            _ => {}
        }
    }
    if !rounding.is_empty() {
        out.push(format!(
            "Rounding: this table prints the figures computed from its rows. Where the source printed another figure, the difference is rounding: {}.",
            rounding.join("; ")
        ));
    }
    if !printed.is_empty() {
        out.push(format!(
            "Each figure is rounded to {} decimal place(s) on its own, so some totals differ from the sum of the printed figures: {}.",
            table.decimals,
            printed.join("; ")
        ));
    }
    out
}

/// "a", "a and b", "a, b and c".
fn list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}
