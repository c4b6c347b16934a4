//! The tables cabinet prints from initiatives (each initiative's financial profile, and the
//! programme of a report: its summary and its net by initiative) laid out as table-block
//! models, so that the table block's calculation says where their printed rows do not add up
//! to their printed totals (each figure rounded on its own), and the page can say so under the
//! table instead of claiming that every table adds up as printed.

use crate::blocks::table::calc;
use crate::calc::{InitiativeFigures, ProgrammeFigures};
use crate::model::table::{
    Column, ColumnKey, Finding, Formula, Programme, Row, Source, Table, Unit,
};
use crate::model::{FinancialProfile, FinancialYear, Money, NegativeStyle};
use crate::source::FileId;
use rust_decimal::Decimal;

/// A printed total that is not the sum of the printed figures it adds.
#[derive(Debug, Clone, PartialEq)]
pub struct PrintedSum {
    /// The row of the total.
    pub row: String,
    /// Its column: a year, or the total column's heading.
    pub column: String,
    /// What the printed figures it adds come to.
    pub parts: Decimal,
    /// The total as printed.
    pub total: Decimal,
    /// The total is the sum of the figures of its row (the total column), not of the rows
    /// above it.
    pub across: bool,
}

/// A line of a table as printed: its label, its figures (`None` for a blank) and, for a total,
/// the lines (by index) it adds.
pub type Line = (String, Vec<Option<Decimal>>, Option<Vec<usize>>);

/// Where the printed totals of a table of `lines` along `years` (with a total column headed
/// `total`, if any) do not add up as printed at `decimals`.
pub fn lines_sums(
    years: &[FinancialYear],
    lines: Vec<Line>,
    total: Option<&str>,
    decimals: u32,
) -> Vec<PrintedSum> {
    let rows = lines
        .into_iter()
        .enumerate()
        .map(|(i, (label, values, sum))| Row {
            id: format!("r{i}"),
            label,
            kind: None,
            formula: match sum {
                Some(of) => Formula::Sum(
                    of.into_iter()
                        .map(|row| Source::Row { table: 0, row })
                        .collect(),
                ),
                None => Formula::Entered(values),
            },
            only: None,
            changes_from: None,
            stated: Vec::new(),
            stated_total: None,
            bold: false,
            at: 0..0,
            cells_at: Vec::new(),
            broken: false,
        })
        .collect();
    let t = Table {
        id: "printed".into(),
        caption: None,
        // Only the places matter here: the figures are already in the unit printed.
        unit: Unit::Millions,
        decimals,
        columns: years
            .iter()
            .map(|y| Column {
                unit: None,
                key: ColumnKey::Year(*y),
                label: y.to_string(),
                formula: None,
            })
            .collect(),
        rows,
        note: None,
        total_column: total.is_some(),
        chart: None,
        file: FileId(0),
        at: 0..0,
    };
    let figures = calc::figures(std::slice::from_ref(&t), &Programme::default());
    figures
        .findings
        .iter()
        .filter_map(|f| match f {
            Finding::PrintedSum {
                row,
                column,
                parts,
                total: printed,
                ..
            } => Some(PrintedSum {
                row: t.rows[*row].label.clone(),
                column: t
                    .columns
                    .get(*column)
                    .map_or(total.unwrap_or("Total").to_string(), |c| c.label.clone()),
                parts: *parts,
                total: *printed,
                across: *column >= t.columns.len(),
            }),
            _ => None,
        })
        .collect()
}

fn some(values: &[Money]) -> Vec<Option<Decimal>> {
    values.iter().map(|m| Some(m.decimal())).collect()
}

/// An initiative's profile table (its lines, gross saving and net, with their Cumulative
/// column) at `decimals`: where its printed totals do not add up as printed.
pub fn profile_sums(p: &FinancialProfile, net_label: &str, decimals: u32) -> Vec<PrintedSum> {
    let mut lines: Vec<Line> = Vec::new();
    let mut net_parts = Vec::new();
    for (i, l) in p.investment.iter().enumerate() {
        if l.in_totals {
            net_parts.push(i);
        }
        lines.push((l.label.clone(), some(&l.values), None));
    }
    net_parts.push(lines.len());
    lines.push((p.gross_saving_label.clone(), some(&p.gross_saving), None));
    lines.push((net_label.to_string(), Vec::new(), Some(net_parts)));
    lines_sums(&p.years, lines, Some("Cumulative"), decimals)
}

/// The programme summary table (investment, gross saving, net, with a Total column) at
/// `decimals`: where its printed totals do not add up as printed.
pub fn programme_sums(p: &ProgrammeFigures, net_label: &str, decimals: u32) -> Vec<PrintedSum> {
    let lines = vec![
        ("Investment".to_string(), some(&p.investment), None),
        (
            "Savings / Cost Avoidance (from Investment)".to_string(),
            some(&p.gross_saving),
            None,
        ),
        (net_label.to_string(), Vec::new(), Some(vec![0, 1])),
    ];
    lines_sums(&p.years, lines, Some("Total"), decimals)
}

/// The net-by-initiative table (one row per initiative along the programme's years, blank
/// where it does not cover a year, and their total) at `decimals`: where its printed totals
/// do not add up as printed.
pub fn by_initiative_sums(
    labels: &[String],
    figures: &[InitiativeFigures],
    years: &[FinancialYear],
    total_label: &str,
    decimals: u32,
) -> Vec<PrintedSum> {
    let mut lines: Vec<Line> = labels
        .iter()
        .zip(figures)
        .map(|(label, f)| {
            let values = crate::calc::aligned(&f.years, &f.net, years)
                .into_iter()
                .map(|m| m.map(Money::decimal))
                .collect();
            (label.clone(), values, None)
        })
        .collect();
    let parts = (0..lines.len()).collect();
    lines.push((total_label.to_string(), Vec::new(), Some(parts)));
    lines_sums(years, lines, Some("Total"), decimals)
}

/// The note under a table whose printed totals do not all add up as printed, naming each
/// such cell; `None` where every one does.
pub fn note(sums: &[PrintedSum], decimals: u32, style: NegativeStyle) -> Option<String> {
    if sums.is_empty() {
        return None;
    }
    let f = |v: Decimal| crate::blocks::table::view::figure(v, decimals, style, false);
    let cells: Vec<String> = sums
        .iter()
        .map(|s| {
            let what = if s.across {
                "the figures of its row"
            } else {
                "the figures above it"
            };
            format!(
                "{}, {}: {what} print as adding to {}, the total as {}",
                crate::text::escape(&s.row),
                crate::text::escape(&s.column),
                f(s.parts),
                f(s.total)
            )
        })
        .collect();
    Some(format!(
        "Each figure is rounded to {decimals} decimal place(s) on its own, so some totals differ from the sum of the printed figures: {}.",
        cells.join("; ")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    // The charts' fixtures: one CYPS-like profile from 2016/17, built in one place.
    use crate::chart::fixtures::profile;

    #[test]
    fn exact_figures_add_up_as_printed_at_their_places() {
        let p = profile(&["0.100", "0.164"], &["0.000", "(0.165)"]);
        assert!(profile_sums(&p, "Net", 3).is_empty());
    }

    #[test]
    fn rounded_figures_are_named_where_they_do_not_add_up() {
        // CYPS 2 at one decimal place: 0.100 + 0.164 × 4 = 0.756 prints 0.8, but its figures
        // print 0.1 + 0.2 × 4 = 0.9; the net of 2017/18, (0.001), prints 0.0 = 0.2 + (0.2).
        let p = profile(
            &["0.100", "0.164", "0.164", "0.164", "0.164"],
            &["0.000", "(0.165)", "(0.627)", "(1.254)", "(1.914)"],
        );
        let sums = profile_sums(&p, "Net", 1);
        let investment = sums
            .iter()
            .find(|s| s.row == "Investment")
            .expect("the Cumulative of Investment");
        assert_eq!(investment.column, "Cumulative");
        assert!(investment.across);
        assert_eq!(investment.parts, "0.9".parse().unwrap());
        assert_eq!(investment.total, "0.8".parse().unwrap());
        // 2018/19: 0.164 + (0.627) = (0.463) prints (0.5); its parts print 0.2 + (0.6) = (0.4).
        let net = sums
            .iter()
            .find(|s| s.row == "Net" && s.column == "2018/19")
            .expect("the net of 2018/19");
        assert!(!net.across);
        assert_eq!(net.parts, "-0.4".parse().unwrap());
        assert_eq!(net.total, "-0.5".parse().unwrap());
        let note = note(&sums, 1, NegativeStyle::Brackets).unwrap();
        assert!(
            note.contains(
                "Net, 2018/19: the figures above it print as adding to (0.4), the total as (0.5)"
            ),
            "{note}"
        );
    }
}
