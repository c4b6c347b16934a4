//! What a chart draws, independent of any backend: series of exact figures, their styles
//! (the colour-blind-safe palette, hatches, markers), the legend and the number format.

use crate::model::NegativeStyle;
use rust_decimal::Decimal;

/// An sRGB colour. Every colour used on white passes WCAG 3:1 for graphics (tested).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Colour(pub u8, pub u8, pub u8);

/// Okabe–Ito blue.
pub(crate) const BLUE: Colour = Colour(0x00, 0x72, 0xB2);
/// Okabe–Ito vermillion.
pub(crate) const VERMILLION: Colour = Colour(0xD5, 0x5E, 0x00);
/// Okabe–Ito bluish green.
pub(crate) const GREEN: Colour = Colour(0x00, 0x9E, 0x73);
/// Okabe–Ito reddish purple.
pub(crate) const PURPLE: Colour = Colour(0xCC, 0x79, 0xA7);
/// The colour of every initiative that is not among the largest contributors.
pub(crate) const OTHER_GREY: Colour = Colour(0x8F, 0x8F, 0x8F);
pub(crate) const BLACK: Colour = Colour(0x00, 0x00, 0x00);
pub(crate) const DARK_GREY: Colour = Colour(0x4D, 0x4D, 0x4D);
/// Axis text and ticks.
pub(crate) const TEXT: Colour = Colour(0x1A, 0x1A, 0x1A);
/// Gridlines only: decoration, so exempt from the 3:1 rule.
pub(crate) const GRID: Colour = Colour(0xDD, 0xDD, 0xDD);
pub(crate) const WHITE: Colour = Colour(0xFF, 0xFF, 0xFF);

/// Every colour that carries meaning, for the contrast test.
#[cfg(test)]
pub(crate) const MEANINGFUL: [Colour; 8] = [
    BLUE, VERMILLION, GREEN, PURPLE, OTHER_GREY, BLACK, DARK_GREY, TEXT,
];

/// White stripes over a bar's fill, so neighbouring segments differ in greyscale too.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Hatch {
    None,
    /// Stripes rising left to right.
    Rising,
    /// Stripes falling left to right.
    Falling,
    Horizontal,
}

/// How a bar series is filled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct BarStyle {
    pub colour: Colour,
    pub hatch: Hatch,
}

/// Line-series point markers; each line has a different one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Marker {
    Circle,
    Diamond,
    Square,
    Triangle,
}

/// How a line is stroked: lines told apart by their pattern as well as their colour, so a
/// reader who cannot tell the colours apart (or prints in black) can still tell the lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Dash {
    Solid,
    /// 6 on, 4 off: the reference line (a budget, a target).
    Dashed,
    /// 2 on, 3 off.
    Dotted,
    /// 12 on, 4 off.
    Long,
}

impl Dash {
    /// The (dash, gap) lengths of a broken line, or `None` for a solid one.
    pub(crate) fn pattern(self) -> Option<(f64, f64)> {
        match self {
            Dash::Solid => None,
            Dash::Dashed => Some((6.0, 4.0)),
            Dash::Dotted => Some((2.0, 3.0)),
            Dash::Long => Some((12.0, 4.0)),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct LineStyle {
    pub colour: Colour,
    pub dash: Dash,
    /// Whether the points are joined; `false` draws markers only.
    pub joined: bool,
    pub marker: Marker,
}

/// The styles given to the largest contributors of a stacked chart, largest first.
pub(crate) const RANKED: [BarStyle; 4] = [
    BarStyle {
        colour: BLUE,
        hatch: Hatch::None,
    },
    BarStyle {
        colour: VERMILLION,
        hatch: Hatch::Rising,
    },
    BarStyle {
        colour: GREEN,
        hatch: Hatch::Falling,
    },
    BarStyle {
        colour: PURPLE,
        hatch: Hatch::Horizontal,
    },
];

/// How figures of a plot are printed on its axis and labels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct NumberFormat {
    /// Decimal places of value labels; `None` prints each figure with its own places.
    pub decimals: Option<u32>,
    pub negatives: NegativeStyle,
}

impl NumberFormat {
    pub fn format(&self, value: Decimal) -> String {
        let dp = self.decimals.unwrap_or(value.scale());
        crate::model::Money::new(value).format(dp, self.negatives)
    }
}

/// A bar per year (blank years have none). Bars of one year stack away from zero: positive
/// values upwards, negative ones downwards, in series order.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct BarSeries {
    pub label: String,
    pub values: Vec<Option<Decimal>>,
    pub style: BarStyle,
    /// Print each bar's figure next to it (used when a chart has a single bar series).
    pub value_labels: bool,
}

/// A line through the year midpoints.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct LineSeries {
    pub label: String,
    pub values: Vec<Decimal>,
    pub style: LineStyle,
    /// Print the last figure to the right of the plot, in the line's colour.
    pub end_label: bool,
}

/// One legend entry.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Key {
    Bar(String, BarStyle),
    Line(String, LineStyle),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum LegendAt {
    Below,
    Right,
}

/// Everything a chart draws.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Plot {
    pub years: Vec<String>,
    pub bars: Vec<BarSeries>,
    pub lines: Vec<LineSeries>,
    /// The y-axis unit, printed above the axis: "£m", "children", "%".
    pub unit: String,
    pub format: NumberFormat,
    /// Index of the year by which cumulative net turns into a saving.
    pub break_even: Option<usize>,
    pub legend: Vec<Key>,
    pub legend_at: LegendAt,
}
