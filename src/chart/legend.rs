//! The furniture around a plot: the wrapped title, the legend (measured, then drawn below or
//! beside the plot, never over it) and the bar and line swatches it shares with the plot.

use super::canvas::Canvas;
use super::plot::{BarStyle, Hatch, Key, LineStyle, Marker, WHITE};
use plotters::prelude::DrawingBackend;
use plotters::style::text_anchor::HPos;

pub(crate) const TITLE_EM: f64 = 15.0;
pub(crate) const TEXT_EM: f64 = 13.0;
pub(crate) const SMALL_EM: f64 = 12.0;
/// Noto Sans ascender, as a fraction of the em: the top of a line of text above its baseline.
pub(crate) const ASCENT: f64 = 2189.0 / 2048.0;

const SWATCH: f64 = 24.0;
const SWATCH_GAP: f64 = 6.0;
const ITEM_GAP: f64 = 18.0;
const ROW: f64 = 20.0;

/// Splits `text` into lines no wider than `width`, breaking at spaces only.
pub(crate) fn wrap<DB: DrawingBackend>(
    c: &Canvas<DB>,
    text: &str,
    width: f64,
    em: f64,
    bold: bool,
) -> Result<Vec<String>, crate::error::Error> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let candidate = if line.is_empty() {
            word.to_string()
        } else {
            format!("{line} {word}")
        };
        if !line.is_empty() && c.text_width(&candidate, em, bold)? > width {
            // A short word ("(x", "of", "–") reads better at the start of the next line.
            let carry = match line.rsplit_once(' ') {
                Some((head, tail)) if tail.chars().count() <= 2 => {
                    Some((head.to_string(), tail.to_string()))
                }
                _ => None,
            };
            match carry {
                Some((head, tail)) => {
                    lines.push(head);
                    line = format!("{tail} {word}");
                }
                None => lines.push(std::mem::replace(&mut line, word.to_string())),
            }
        } else {
            line = candidate;
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    Ok(lines)
}

fn label(key: &Key) -> &str {
    match key {
        Key::Bar(l, _) | Key::Line(l, _) => l,
    }
}

/// A legend laid out for a given width: item positions relative to its top-left corner.
pub(crate) struct LegendLayout {
    pub width: f64,
    pub height: f64,
    items: Vec<(f64, f64)>,
}

/// Lays the legend out in rows that wrap at `width` (below the plot).
pub(crate) fn rows<DB: DrawingBackend>(
    c: &Canvas<DB>,
    keys: &[Key],
    width: f64,
) -> Result<LegendLayout, crate::error::Error> {
    let mut items = Vec::new();
    let (mut x, mut y, mut widest) = (0.0f64, 0.0f64, 0.0f64);
    for key in keys {
        let w = SWATCH + SWATCH_GAP + c.text_width(label(key), TEXT_EM, false)?;
        if x > 0.0 && x + w > width {
            x = 0.0;
            y += ROW;
        }
        items.push((x, y));
        widest = widest.max(x + w);
        x += w + ITEM_GAP;
    }
    let height = if keys.is_empty() { 0.0 } else { y + ROW };
    Ok(LegendLayout {
        width: widest,
        height,
        items,
    })
}

/// Lays the legend out as one column (beside the plot).
pub(crate) fn column<DB: DrawingBackend>(
    c: &Canvas<DB>,
    keys: &[Key],
) -> Result<LegendLayout, crate::error::Error> {
    let mut items = Vec::new();
    let mut widest = 0.0f64;
    for (i, key) in keys.iter().enumerate() {
        let w = SWATCH + SWATCH_GAP + c.text_width(label(key), TEXT_EM, false)?;
        widest = widest.max(w);
        items.push((0.0, i as f64 * ROW));
    }
    Ok(LegendLayout {
        width: widest,
        height: keys.len() as f64 * ROW,
        items,
    })
}

/// Draws a laid-out legend with its top-left corner at `origin`.
pub(crate) fn draw<DB: DrawingBackend>(
    c: &Canvas<DB>,
    keys: &[Key],
    layout: &LegendLayout,
    origin: (f64, f64),
) -> Result<(), crate::error::Error> {
    for (key, &(dx, dy)) in keys.iter().zip(&layout.items) {
        let (x, y) = (origin.0 + dx, origin.1 + dy);
        let mid = y + ROW / 2.0;
        match key {
            Key::Bar(_, style) => {
                let a = (x + 5.0, mid - 7.0);
                let b = (x + SWATCH - 5.0, mid + 7.0);
                bar(c, a, b, *style)?;
            }
            Key::Line(_, style) => {
                let pts = [(x, mid), (x + SWATCH, mid)];
                line(c, &pts, *style)?;
                marker(c, (x + SWATCH / 2.0, mid), *style)?;
            }
        }
        let baseline = mid + 0.36 * TEXT_EM;
        let tx = x + SWATCH + SWATCH_GAP;
        c.text(
            label(key),
            tx,
            baseline,
            TEXT_EM,
            false,
            super::plot::TEXT,
            HPos::Left,
        )?;
    }
    Ok(())
}

/// A filled bar segment between two corners, with its hatch.
pub(crate) fn bar<DB: DrawingBackend>(
    c: &Canvas<DB>,
    a: (f64, f64),
    b: (f64, f64),
    style: BarStyle,
) -> Result<(), crate::error::Error> {
    let (x0, x1) = (a.0.min(b.0), a.0.max(b.0));
    let (y0, y1) = (a.1.min(b.1), a.1.max(b.1));
    c.rect((x0, y0), (x1, y1), style.colour)?;
    const SPACING: f64 = 6.0;
    const STRIPE: f64 = 1.5;
    match style.hatch {
        Hatch::None => {}
        Hatch::Horizontal => {
            let mut y = (y0 / SPACING).ceil() * SPACING;
            while y < y1 {
                c.line(&[(x0, y), (x1, y)], WHITE, STRIPE)?;
                y += SPACING;
            }
        }
        // Stripes sit on a fixed diagonal grid, so they line up across neighbouring bars.
        Hatch::Rising => {
            let mut k = ((x0 + y0) / SPACING).ceil() * SPACING;
            while k < x1 + y1 {
                let (xa, xb) = (x0.max(k - y1), x1.min(k - y0));
                if xb > xa {
                    c.line(&[(xa, k - xa), (xb, k - xb)], WHITE, STRIPE)?;
                }
                k += SPACING;
            }
        }
        Hatch::Falling => {
            let mut k = ((x0 - y1) / SPACING).ceil() * SPACING;
            while k < x1 - y0 {
                let (xa, xb) = (x0.max(k + y0), x1.min(k + y1));
                if xb > xa {
                    c.line(&[(xa, xa - k), (xb, xb - k)], WHITE, STRIPE)?;
                }
                k += SPACING;
            }
        }
    }
    Ok(())
}

pub(crate) const LINE_WIDTH: f64 = 2.0;

pub(crate) fn line<DB: DrawingBackend>(
    c: &Canvas<DB>,
    pts: &[(f64, f64)],
    style: LineStyle,
) -> Result<(), crate::error::Error> {
    match style.dash.pattern() {
        Some(pattern) => c.dashed(pts, style.colour, LINE_WIDTH, pattern),
        None => c.line(pts, style.colour, LINE_WIDTH),
    }
}

/// A point marker with a white halo, so it reads over bars and gridlines.
pub(crate) fn marker<DB: DrawingBackend>(
    c: &Canvas<DB>,
    (x, y): (f64, f64),
    style: LineStyle,
) -> Result<(), crate::error::Error> {
    match style.marker {
        Marker::Circle => {
            c.circle((x, y), 5.5, WHITE)?;
            c.circle((x, y), 4.0, style.colour)
        }
        Marker::Diamond => {
            let d = |r: f64| [(x, y - r), (x + r, y), (x, y + r), (x - r, y)];
            c.polygon(&d(7.5), WHITE)?;
            c.polygon(&d(5.5), style.colour)
        }
        Marker::Square => {
            let s = |r: f64| {
                [
                    (x - r, y - r),
                    (x + r, y - r),
                    (x + r, y + r),
                    (x - r, y + r),
                ]
            };
            c.polygon(&s(5.5), WHITE)?;
            c.polygon(&s(4.0), style.colour)
        }
        Marker::Triangle => {
            let t = |r: f64| {
                [
                    (x, y - r * 1.15),
                    (x + r, y + r * 0.7),
                    (x - r, y + r * 0.7),
                ]
            };
            c.polygon(&t(7.5), WHITE)?;
            c.polygon(&t(5.5), style.colour)
        }
    }
}
