//! The programme's net-by-initiative chart: each initiative's net stacked by year, the
//! largest contributors picked out in the palette, the rest in grey, total net as a line.

use super::describe;
use super::make::{year_header, Flow, Style};
use super::plot::*;
use super::{Chart, DataTable};
use crate::calc::InitiativeFigures;
use crate::model::{Initiative, Money};

/// Net of each initiative by year, stacked; the largest contributors (by the area they take
/// up, the sum of |net|) get the palette, the rest share a grey.
pub(crate) fn chart(
    inits: &[&Initiative],
    figures: &[InitiativeFigures],
    prog: &Flow,
    st: &Style,
) -> Chart {
    let title = format!(
        "Net cost or saving of each initiative by year ({})",
        st.unit
    );
    let weight = |f: &InitiativeFigures| -> Money { f.net.iter().map(|m| m.abs()).sum() };
    let mut order: Vec<usize> = (0..inits.len()).collect();
    // Stable sort: ties keep the report's order.
    order.sort_by_key(|&i| std::cmp::Reverse(weight(&figures[i])));
    let highlighted = if inits.len() <= RANKED.len() + 1 {
        inits.len()
    } else {
        RANKED.len()
    };
    let other = BarStyle {
        colour: OTHER_GREY,
        hatch: Hatch::None,
    };
    let mut bars = Vec::new();
    let mut legend = Vec::new();
    for (rank, &i) in order.iter().enumerate() {
        let style = RANKED
            .get(rank)
            .copied()
            .filter(|_| rank < highlighted)
            .unwrap_or(other);
        let label = inits[i].reference.trim().to_string();
        if rank < highlighted {
            legend.push(Key::Bar(label.clone(), style));
        }
        // Laid along the programme's years: no bar in a year the initiative does not cover.
        let f = &figures[i];
        bars.push(BarSeries {
            label,
            values: crate::calc::aligned(&f.years, &f.net, prog.years)
                .into_iter()
                .map(|m| m.map(Money::decimal))
                .collect(),
            style,
            value_labels: false,
        });
    }
    if inits.len() > highlighted {
        legend.push(Key::Bar(
            format!("Other ({})", inits.len() - highlighted),
            other,
        ));
    }
    let total_style = LineStyle {
        colour: BLACK,
        dash: Dash::Solid,
        joined: true,
        marker: Marker::Diamond,
    };
    legend.push(Key::Line("Total net".into(), total_style));
    let plot = Plot {
        years: prog.years.iter().map(|y| y.to_string()).collect(),
        bars,
        lines: vec![LineSeries {
            label: "Total net".into(),
            values: prog.net.iter().map(|m| m.decimal()).collect(),
            style: total_style,
            end_label: true,
        }],
        unit: st.unit.to_string(),
        format: st.format,
        break_even: None,
        legend,
        legend_at: LegendAt::Right,
    };
    let mut rows: Vec<Vec<String>> = inits
        .iter()
        .zip(figures)
        .map(|(init, f)| {
            let label = format!("{} \u{2013} {}", init.reference.trim(), init.title.trim());
            st.aligned_row(
                &label,
                &crate::calc::aligned(&f.years, &f.net, prog.years),
                f.total_net,
            )
        })
        .collect();
    rows.push(st.row("Total net", prog.net, Some(prog.total_net)));
    let items: Vec<(String, Money)> = inits
        .iter()
        .zip(figures)
        .map(|(init, f)| (init.reference.trim().to_string(), f.total_net))
        .collect();
    let mut description = describe::contributors(&items, prog, st.words);
    // Initiatives of different spans: which ones have no bar in some years, and why.
    let partial: Vec<String> = inits
        .iter()
        .zip(figures)
        .filter(|(_, f)| f.years.len() < prog.years.len())
        .filter_map(|(init, f)| {
            let (a, b) = (f.years.first()?, f.years.last()?);
            Some(format!("{} covers {a} to {b} only", init.reference.trim()))
        })
        .collect();
    if !partial.is_empty() {
        description.push_str(&format!(
            " Not every initiative covers every year: {}.",
            partial.join("; ")
        ));
    }
    Chart {
        id: super::make::PROGRAMME_CHART_IDS[1].to_string(),
        description,
        table: DataTable {
            caption: title.clone(),
            header: year_header(prog.years, true),
            rows,
        },
        title,
        plot,
    }
}
