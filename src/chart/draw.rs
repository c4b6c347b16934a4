//! Lays out and draws a `Plot`: title, unit, value axis and gridlines, year labels, stacked
//! bars, lines with markers, end labels, the break-even marker and the legend.
//!
//! Figures are exact Decimals everywhere else; here, and only here, they become f64, because
//! pixel positions are inherently approximate and plotters takes integer device coordinates.

use super::axis::{ticks, Ticks};
use super::canvas::Canvas;
use super::legend::{self, ASCENT, SMALL_EM, TEXT_EM, TITLE_EM};
use super::plot::{LegendAt, Plot, DARK_GREY, GRID, TEXT, WHITE};
use plotters::prelude::DrawingBackend;
use plotters::style::text_anchor::HPos;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

const PAD: f64 = 10.0;
/// Share of a year's slot a bar takes.
const BAR_SHARE: f64 = 0.56;
/// Widest a bar gets, so one or two years do not draw slabs.
const MAX_BAR: f64 = 72.0;

/// Decimal → f64 for placing on screen only (see the module comment).
fn f(v: Decimal) -> f64 {
    v.to_f64().unwrap_or(0.0)
}

/// The data rectangle and the value → y mapping.
struct Frame {
    left: f64,
    right: f64,
    top: f64,
    bottom: f64,
    lo: f64,
    hi: f64,
    n: usize,
}

impl Frame {
    fn y(&self, v: Decimal) -> f64 {
        self.bottom - (f(v) - self.lo) / (self.hi - self.lo) * (self.bottom - self.top)
    }
    fn slot(&self) -> f64 {
        (self.right - self.left) / self.n.max(1) as f64
    }
    fn x(&self, i: usize) -> f64 {
        self.left + self.slot() * (i as f64 + 0.5)
    }
}

/// Per year, the top of the positive stack and the bottom of the negative one.
fn stack_extent(plot: &Plot) -> (Vec<Decimal>, Vec<Decimal>) {
    let n = plot.years.len();
    let (mut up, mut down) = (vec![Decimal::ZERO; n], vec![Decimal::ZERO; n]);
    for s in &plot.bars {
        for (i, v) in s.values.iter().enumerate().take(n) {
            match v {
                Some(v) if v.is_sign_positive() => up[i] += *v,
                Some(v) => down[i] += *v,
                None => {}
            }
        }
    }
    (up, down)
}

fn value_range(plot: &Plot) -> (Decimal, Decimal) {
    let (up, down) = stack_extent(plot);
    let line_values = plot.lines.iter().flat_map(|l| l.values.iter().copied());
    let all: Vec<Decimal> = up.into_iter().chain(down).chain(line_values).collect();
    let lo = all.iter().copied().min().unwrap_or_default();
    let hi = all.iter().copied().max().unwrap_or_default();
    if plot.bars.iter().any(|b| b.value_labels) {
        // Room for the figures printed beyond the bar ends.
        let room = (hi - lo) * Decimal::new(12, 2);
        let lo = if lo.is_sign_negative() && !lo.is_zero() {
            lo - room
        } else {
            lo
        };
        // A percentage axis stops at 100 when every figure is one (the labels of bars near
        // the top are printed above the plot, in the margin under the title).
        let hundred = Decimal::ONE_HUNDRED;
        if plot.unit.trim() == "%" && hi <= hundred && !lo.is_sign_negative() {
            return (lo, (hi + room).min(hundred));
        }
        return (lo, hi + room);
    }
    (lo, hi)
}

pub(crate) fn draw_plot<DB: DrawingBackend>(
    c: &Canvas<DB>,
    title: &str,
    plot: &Plot,
) -> Result<(), crate::error::Error> {
    c.fill(WHITE)?;
    let fmt = plot.format;

    // Title, wrapped.
    let mut y = PAD;
    for line in legend::wrap(c, title, c.w - 2.0 * PAD, TITLE_EM, true)? {
        y += TITLE_EM * 1.3;
        c.text(
            &line,
            PAD,
            y - TITLE_EM * 0.3,
            TITLE_EM,
            true,
            TEXT,
            HPos::Left,
        )?;
    }

    // The unit above the value axis, and the row the break-even label shares.
    let unit_baseline = y + 8.0 + TEXT_EM * ASCENT;
    c.text(
        &plot.unit,
        PAD,
        unit_baseline,
        TEXT_EM,
        false,
        TEXT,
        HPos::Left,
    )?;
    let top = unit_baseline + 10.0;

    // Legend: below, or in a column to the right.
    let mut right = c.w - PAD;
    let mut bottom = c.h - PAD;
    let legend_layout = match plot.legend_at {
        LegendAt::Below => {
            let l = legend::rows(c, &plot.legend, c.w - 2.0 * PAD)?;
            if l.height > 0.0 {
                bottom -= l.height + 6.0;
            }
            l
        }
        LegendAt::Right => {
            let l = legend::column(c, &plot.legend)?;
            right -= l.width + 16.0;
            l
        }
    };

    // Year labels under the plot: shrink to fit the slots, and thin out if still too wide.
    let year_row = TEXT_EM * 1.5;
    bottom -= year_row;

    // Value axis.
    let whole = plot.format.decimals == Some(0)
        || plot
            .bars
            .iter()
            .all(|b| b.values.iter().flatten().all(|v| v.fract().is_zero()))
            && plot
                .lines
                .iter()
                .all(|l| l.values.iter().all(|v| v.fract().is_zero()));
    let (lo, hi) = value_range(plot);
    let intervals = (((bottom - top) / 30.0).floor() as i64).clamp(2, 8);
    let t: Ticks = ticks(lo, hi, intervals, whole);
    let tick_fmt = super::plot::NumberFormat {
        decimals: Some(t.decimals),
        negatives: fmt.negatives,
    };
    let labels: Vec<String> = t.values.iter().map(|v| tick_fmt.format(*v)).collect();
    let mut tick_w = 0.0f64;
    for l in &labels {
        tick_w = tick_w.max(c.text_width(l, TEXT_EM, false)?);
    }
    let left = PAD + tick_w + 8.0;

    // End labels of lines need room to the right of the plot.
    let mut end_w = 0.0f64;
    for l in plot.lines.iter().filter(|l| l.end_label) {
        if let Some(v) = l.values.last() {
            end_w = end_w.max(c.text_width(&fmt.format(*v), SMALL_EM, true)?);
        }
    }
    if end_w > 0.0 {
        right -= end_w + 8.0;
    }

    let fr = Frame {
        left,
        right,
        top,
        bottom,
        lo: f(t.lo()),
        hi: f(t.hi()),
        n: plot.years.len(),
    };

    // Gridlines and tick labels.
    for (v, l) in t.values.iter().zip(&labels) {
        let y = fr.y(*v);
        if !v.is_zero() {
            c.line(&[(fr.left, y), (fr.right, y)], GRID, 1.0)?;
        }
        c.text(
            l,
            fr.left - 8.0,
            y + 0.36 * TEXT_EM,
            TEXT_EM,
            false,
            TEXT,
            HPos::Right,
        )?;
    }

    year_labels(c, plot, &fr)?;
    bars(c, plot, &fr)?;

    // The zero line, marked over the bars' bases.
    let zero = fr.y(Decimal::ZERO);
    c.line(&[(fr.left, zero), (fr.right, zero)], TEXT, 1.5)?;

    if let Some(i) = plot.break_even.filter(|&i| i < fr.n) {
        let x = fr.x(i);
        c.dashed(&[(x, fr.top), (x, fr.bottom)], DARK_GREY, 1.0, (3.0, 3.0))?;
        let text = format!("Break-even {}", plot.years[i]);
        let w = c.text_width(&text, SMALL_EM, true)?;
        let unit_right = PAD + c.text_width(&plot.unit, TEXT_EM, false)? + 10.0;
        let cx = x.clamp(
            unit_right + w / 2.0,
            (c.w - PAD - w / 2.0).max(unit_right + w / 2.0),
        );
        c.text(
            &text,
            cx,
            unit_baseline,
            SMALL_EM,
            true,
            DARK_GREY,
            HPos::Center,
        )?;
    }

    lines(c, plot, &fr)?;

    match plot.legend_at {
        LegendAt::Below => {
            let x = (c.w - legend_layout.width) / 2.0;
            legend::draw(
                c,
                &plot.legend,
                &legend_layout,
                (x, c.h - PAD - legend_layout.height),
            )?;
        }
        LegendAt::Right => {
            legend::draw(
                c,
                &plot.legend,
                &legend_layout,
                (c.w - PAD - legend_layout.width, fr.top),
            )?;
        }
    }
    Ok(())
}

fn year_labels<DB: DrawingBackend>(
    c: &Canvas<DB>,
    plot: &Plot,
    fr: &Frame,
) -> Result<(), crate::error::Error> {
    let mut em = TEXT_EM;
    let widest = |em: f64| -> Result<f64, crate::error::Error> {
        let mut w = 0.0f64;
        for y in &plot.years {
            w = w.max(c.text_width(y, em, false)?);
        }
        Ok(w)
    };
    while em > 10.0 && widest(em)? > fr.slot() * 0.92 {
        em -= 0.5;
    }
    let every = ((widest(em)? + 6.0) / fr.slot()).ceil().max(1.0) as usize;
    let baseline = fr.bottom + 6.0 + em * ASCENT;
    for (i, y) in plot.years.iter().enumerate() {
        if i % every == 0 {
            c.text(y, fr.x(i), baseline, em, false, TEXT, HPos::Center)?;
        }
    }
    Ok(())
}

fn bars<DB: DrawingBackend>(
    c: &Canvas<DB>,
    plot: &Plot,
    fr: &Frame,
) -> Result<(), crate::error::Error> {
    let half = (fr.slot() * BAR_SHARE / 2.0).min(MAX_BAR / 2.0);
    let stacked = plot.bars.len() > 1;
    for i in 0..fr.n {
        let x = fr.x(i);
        let (mut up, mut down) = (Decimal::ZERO, Decimal::ZERO);
        let mut joins = Vec::new();
        for s in &plot.bars {
            let Some(v) = s.values.get(i).copied().flatten() else {
                if s.value_labels {
                    let y = fr.y(Decimal::ZERO) - 6.0;
                    c.text("n/a", x, y, SMALL_EM, false, DARK_GREY, HPos::Center)?;
                }
                continue;
            };
            let acc = if v.is_sign_positive() {
                &mut up
            } else {
                &mut down
            };
            let (from, to) = (*acc, *acc + v);
            *acc = to;
            if !v.is_zero() {
                legend::bar(c, (x - half, fr.y(from)), (x + half, fr.y(to)), s.style)?;
                if stacked && !from.is_zero() {
                    joins.push(fr.y(from));
                }
            }
            if s.value_labels {
                let text = plot.format.format(v);
                let y = if v.is_sign_negative() && !v.is_zero() {
                    fr.y(to) + 4.0 + SMALL_EM * ASCENT
                } else {
                    fr.y(to) - 5.0
                };
                c.text(&text, x, y, SMALL_EM, true, TEXT, HPos::Center)?;
            }
        }
        // Thin white gaps between stacked segments keep same-coloured neighbours apart.
        for y in joins {
            c.line(&[(x - half, y), (x + half, y)], WHITE, 1.0)?;
        }
    }
    Ok(())
}

fn lines<DB: DrawingBackend>(
    c: &Canvas<DB>,
    plot: &Plot,
    fr: &Frame,
) -> Result<(), crate::error::Error> {
    let mut ends: Vec<(f64, String, super::plot::Colour)> = Vec::new();
    let points: Vec<Vec<(f64, f64)>> = plot
        .lines
        .iter()
        .map(|l| {
            l.values
                .iter()
                .enumerate()
                .take(fr.n)
                .map(|(i, v)| (fr.x(i), fr.y(*v)))
                .collect()
        })
        .collect();
    // Lines under markers, and the first series on top: where net and cumulative net meet
    // (always in the first year) the net's circle shows inside the cumulative's diamond.
    for (l, pts) in plot.lines.iter().zip(&points).rev() {
        if l.style.joined && pts.len() > 1 {
            legend::line(c, pts, l.style)?;
        }
    }
    for (l, pts) in plot.lines.iter().zip(&points).rev() {
        for p in pts {
            legend::marker(c, *p, l.style)?;
        }
        if let (true, Some(v), Some(p)) = (l.end_label, l.values.last(), pts.last()) {
            ends.push((p.1, plot.format.format(*v), l.style.colour));
        }
    }
    // End labels in value order, pushed apart so they never overprint.
    ends.sort_by(|a, b| a.0.total_cmp(&b.0));
    let gap = SMALL_EM * 1.25;
    for i in 1..ends.len() {
        if ends[i].0 - ends[i - 1].0 < gap {
            ends[i].0 = ends[i - 1].0 + gap;
        }
    }
    for (y, text, colour) in ends {
        c.text(
            &text,
            fr.right + 8.0,
            y + 0.36 * SMALL_EM,
            SMALL_EM,
            true,
            colour,
            HPos::Left,
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chart::axis::ticks;
    use crate::chart::plot::{BarSeries, BarStyle, Hatch, LegendAt, NumberFormat, BLUE};

    fn bars(unit: &str, values: &[i64]) -> Plot {
        Plot {
            years: values.iter().map(|v| v.to_string()).collect(),
            bars: vec![BarSeries {
                label: "Share".into(),
                values: values.iter().map(|v| Some(Decimal::from(*v))).collect(),
                style: BarStyle {
                    colour: BLUE,
                    hatch: Hatch::None,
                },
                value_labels: true,
            }],
            lines: Vec::new(),
            unit: unit.into(),
            format: NumberFormat {
                decimals: None,
                negatives: crate::model::NegativeStyle::Brackets,
            },
            break_even: None,
            legend: Vec::new(),
            legend_at: LegendAt::Below,
        }
    }

    /// Issue 21: room for the value labels put a 95% bar on an axis running to 120%.
    #[test]
    fn a_percentage_axis_stops_at_100() {
        for values in [&[43, 95][..], &[100, 100], &[5, 90, 99]] {
            let (lo, hi) = value_range(&bars("%", values));
            let t = ticks(lo, hi, 6, true);
            assert_eq!(t.hi(), Decimal::ONE_HUNDRED, "{values:?}");
        }
        // A count is not capped, and a percentage over 100 is not cut off.
        let (lo, hi) = value_range(&bars("children", &[43, 95]));
        assert!(ticks(lo, hi, 6, true).hi() > Decimal::ONE_HUNDRED);
        let (lo, hi) = value_range(&bars("%", &[43, 105]));
        assert!(ticks(lo, hi, 6, true).hi() > Decimal::from(105));
    }
}
