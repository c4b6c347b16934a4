//! A table drawn as a chart: its chosen rows along its columns, described in words written from
//! the same figures. The table printed above the chart is its data table.

use crate::chart::followup::{bars, lines, Frame, Line};
use crate::chart::{Chart, DataTable};
use crate::model::report::Tables;
use crate::model::table::TableChart;
use crate::model::NegativeStyle;
use rust_decimal::Decimal;

/// Every chart the tables of a paper draw, in table order.
pub fn charts(tables: &Tables, negatives: NegativeStyle) -> Vec<Chart> {
    (0..tables.tables.len())
        .filter_map(|t| chart(tables, t, negatives))
        .collect()
}

/// The chart of table `t`, if it draws one.
pub fn chart(tables: &Tables, t: usize, negatives: NegativeStyle) -> Option<Chart> {
    let table = &tables.tables[t];
    let spec = table.chart.as_ref()?;
    {
        let fmt = |v: Decimal| super::view::figure(v, table.decimals, negatives, false);
        let categories: Vec<String> = table.columns.iter().map(|c| c.label.clone()).collect();
        // Each row's figures from the first column, up to its first blank.
        let series: Vec<(String, Vec<Decimal>)> = spec
            .rows
            .iter()
            .map(|&r| {
                let values = tables.figures.rows[t][r]
                    .cells
                    .iter()
                    .map_while(|c| c.value)
                    .collect();
                (table.rows[r].label.clone(), values)
            })
            .collect();
        let unit = table.unit.symbol();
        let money = |v: Decimal| match unit {
            "£m" => format!("£{}m", fmt(v)),
            "£k" => format!("£{}k", fmt(v)),
            "£" => format!("£{}", fmt(v)),
            "%" => format!("{}%", fmt(v)),
            _ => fmt(v),
        };
        let mut words = Vec::new();
        for (label, values) in &series {
            let (Some(first), Some(last)) = (values.first(), values.last()) else {
                words.push(format!("{label} has no figures"));
                continue;
            };
            let n = values.len() - 1;
            let (top, at) = values
                .iter()
                .enumerate()
                .map(|(k, v)| (*v, k))
                .max()
                .unwrap_or((*first, 0));
            words.push(format!(
                "{label} goes from {} in {} to {} in {}, highest {} in {}",
                money(*first),
                categories[0],
                money(*last),
                categories[n],
                money(top),
                categories[at]
            ));
        }
        let description = format!("{}.", words.join("; "));
        let mut header = vec![unit.to_string()];
        header.extend(categories.iter().cloned());
        let rows = spec
            .rows
            .iter()
            .map(|&r| {
                let mut row = vec![table.rows[r].label.clone()];
                row.extend(
                    tables.figures.rows[t][r]
                        .cells
                        .iter()
                        .map(|c| c.value.map(fmt).unwrap_or_default()),
                );
                row
            })
            .collect();
        let frame = Frame {
            id: TableChart::id(&table.id),
            title: spec.title.clone(),
            description,
            table: DataTable {
                caption: spec.title.clone(),
                header,
                rows,
            },
            unit: if unit.is_empty() {
                String::new()
            } else {
                unit.to_string()
            },
            decimals: Some(table.decimals),
            negatives,
        };
        Some(if spec.bars {
            let (label, values) = series.into_iter().next().unwrap_or_default();
            let cats = categories[..values.len()].to_vec();
            bars(frame, cats, &label, values)
        } else {
            let cats = categories.clone();
            lines(
                frame,
                cats,
                series
                    .into_iter()
                    .map(|(label, values)| Line {
                        label,
                        values,
                        reference: false,
                    })
                    .collect(),
            )
        })
    }
}

/// The Markdown that shows table `t`'s chart, if it has one: the image, named by the key the
/// paper's charts have (`chart_key` of the chart's id).
pub fn markdown(
    tables: &Tables,
    t: usize,
    negatives: NegativeStyle,
    chart_key: &dyn Fn(&str) -> String,
) -> Option<String> {
    let c = chart(tables, t, negatives)?;
    Some(format!(
        "![{}](charts/{}.svg \"{}\")",
        crate::text::escape(&c.description),
        chart_key(&c.id),
        c.title.replace('"', "'")
    ))
}
