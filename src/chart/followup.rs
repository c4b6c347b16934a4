//! Chart builders for the follow-up reports (monitoring, scenario, improvement plan): target
//! against forecast by category, lines by month or year, and single bar series. The caller
//! supplies the title, the description and the data table, computed from the same figures.

use super::plot::*;
use super::{Chart, DataTable};
use crate::model::NegativeStyle;
use rust_decimal::Decimal;

/// What every follow-up chart shares: id, words, axis unit and number format.
pub struct Frame {
    /// File stem, unique in a report, `[a-z0-9-]`.
    pub id: String,
    pub title: String,
    pub description: String,
    pub table: DataTable,
    /// The y-axis unit, e.g. `£m` or `children`.
    pub unit: String,
    /// Decimal places of value labels; `None` prints each figure with its own places.
    pub decimals: Option<u32>,
    pub negatives: NegativeStyle,
}

/// A line: its label, its values from the first category (shorter than the categories when
/// the later ones have no figure yet), and whether it is a reference line (dashed, black).
pub struct Line {
    pub label: String,
    pub values: Vec<Decimal>,
    pub reference: bool,
}

const SERIES: [Colour; 4] = [BLUE, VERMILLION, GREEN, PURPLE];

fn chart(
    f: Frame,
    categories: Vec<String>,
    bars: Vec<BarSeries>,
    lines: Vec<LineSeries>,
    legend: Vec<Key>,
) -> Chart {
    let plot = Plot {
        years: categories,
        bars,
        lines,
        unit: f.unit,
        format: NumberFormat {
            decimals: f.decimals,
            negatives: f.negatives,
        },
        break_even: None,
        legend,
        legend_at: LegendAt::Below,
    };
    Chart {
        id: f.id,
        title: f.title,
        description: f.description,
        table: f.table,
        plot,
    }
}

/// Target as labelled bars, forecast as unjoined diamonds, one pair per category.
pub fn target_forecast(
    f: Frame,
    categories: Vec<String>,
    target: Vec<Decimal>,
    forecast: Vec<Decimal>,
) -> Chart {
    let bar = BarStyle {
        colour: BLUE,
        hatch: Hatch::None,
    };
    let marks = LineStyle {
        colour: BLACK,
        dash: Dash::Solid,
        joined: false,
        marker: Marker::Diamond,
    };
    let bars = vec![BarSeries {
        label: "Target".into(),
        values: target.into_iter().map(Some).collect(),
        style: bar,
        value_labels: true,
    }];
    let lines = vec![LineSeries {
        label: "Forecast".into(),
        values: forecast,
        style: marks,
        end_label: false,
    }];
    let legend = vec![
        Key::Bar("Target".into(), bar),
        Key::Line("Forecast".into(), marks),
    ];
    chart(f, categories, bars, lines, legend)
}

/// The pattern and marker of the k-th line that is not a reference line: each different
/// from the others and from the reference line's (dashed, circles), so lines are told
/// apart without their colour.
const LOOKS: [(Dash, Marker); 4] = [
    (Dash::Solid, Marker::Diamond),
    (Dash::Dotted, Marker::Square),
    (Dash::Long, Marker::Triangle),
    (Dash::Solid, Marker::Circle),
];

/// Lines over months or years: reference lines dashed black, the others in the palette, each
/// with its own pattern and marker.
pub fn lines(f: Frame, categories: Vec<String>, series: Vec<Line>) -> Chart {
    let mut colour = 0;
    let mut legend = Vec::new();
    let lines = series
        .into_iter()
        .map(|l| {
            let style = if l.reference {
                LineStyle {
                    colour: BLACK,
                    dash: Dash::Dashed,
                    joined: true,
                    marker: Marker::Circle,
                }
            } else {
                colour += 1;
                let (dash, marker) = LOOKS[(colour - 1) % LOOKS.len()];
                LineStyle {
                    colour: SERIES[(colour - 1) % SERIES.len()],
                    dash,
                    joined: true,
                    marker,
                }
            };
            legend.push(Key::Line(l.label.clone(), style));
            LineSeries {
                label: l.label,
                values: l.values,
                style,
                end_label: true,
            }
        })
        .collect();
    chart(f, categories, Vec::new(), lines, legend)
}

/// One labelled bar per category.
pub fn bars(f: Frame, categories: Vec<String>, label: &str, values: Vec<Decimal>) -> Chart {
    let style = BarStyle {
        colour: BLUE,
        hatch: Hatch::None,
    };
    let bars = vec![BarSeries {
        label: label.to_string(),
        values: values.into_iter().map(Some).collect(),
        style,
        value_labels: true,
    }];
    chart(f, categories, bars, Vec::new(), Vec::new())
}
