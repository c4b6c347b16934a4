//! Chart files: the SVG document (accessible name and description, scalable, real font
//! names) and the PNG (encoded in memory, no timestamp, resolution recorded).

use super::canvas::{BASELINE_PER_EM, FAMILY, LINE_PER_EM};
use super::Chart;
use plotters::prelude::{BitMapBackend, IntoDrawingArea, SVGBackend};

/// What SVG text asks for: Noto Sans, as the PNG and PDF use, then similar fallbacks.
const SVG_FONTS: &str = "'Noto Sans', 'Helvetica Neue', Arial, sans-serif";

fn escape(s: &str) -> std::borrow::Cow<'_, str> {
    crate::escape::markup(s)
}

/// Shortest exact-enough decimal for an SVG length.
fn number(v: f64) -> String {
    let s = format!("{v:.3}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

pub(crate) fn svg(chart: &Chart) -> Result<String, crate::error::Error> {
    let mut raw = String::new();
    {
        let area =
            SVGBackend::with_string(&mut raw, (Chart::WIDTH, Chart::HEIGHT)).into_drawing_area();
        chart.draw(&area)?;
        area.present().map_err(|e| chart.error(e.to_string()))?;
    }
    let body_start = raw
        .find("<svg")
        .and_then(|i| raw[i..].find('>').map(|j| i + j + 1))
        .ok_or_else(|| chart.error("plotters wrote no <svg> element"))?;
    let (w, h) = (Chart::WIDTH, Chart::HEIGHT);
    let id = &chart.id;
    let mut out = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {h}\" width=\"{w}\" \
         height=\"{h}\" role=\"img\" aria-labelledby=\"chart-{id}-title chart-{id}-desc\">\
         <title id=\"chart-{id}-title\">{}</title><desc id=\"chart-{id}-desc\">{}</desc>\n",
        escape(&chart.title),
        escape(&chart.description)
    );
    out.push_str(&fix_text(&raw[body_start..]));
    Ok(out)
}

/// plotters writes text at 1/1.24 of its ab_glyph size with a `dy` for its own baseline
/// guess; rewrite both so the SVG's text matches the layout (and the PNG) exactly, and
/// name real fonts rather than a bare `sans-serif`.
fn fix_text(body: &str) -> String {
    let family = format!("font-family=\"{FAMILY}\"");
    let mut out = String::with_capacity(body.len() + body.len() / 8);
    for line in body.split_inclusive('\n') {
        if !line.trim_start().starts_with("<text") {
            out.push_str(line);
            continue;
        }
        let mut line = line
            .replace(&family, &format!("font-family=\"{SVG_FONTS}\""))
            .replace(
                "dy=\"0.76em\"",
                &format!("dy=\"{}em\"", number(BASELINE_PER_EM)),
            );
        if let Some(start) = line.find("font-size=\"") {
            let v0 = start + "font-size=\"".len();
            if let Some(len) = line[v0..].find('"') {
                if let Ok(v) = line[v0..v0 + len].parse::<f64>() {
                    let em = v * 1.24 / LINE_PER_EM;
                    line.replace_range(v0..v0 + len, &number(em));
                }
            }
        }
        out.push_str(&line);
    }
    out
}

pub(crate) fn png(chart: &Chart, scale: u32) -> Result<Vec<u8>, crate::error::Error> {
    let scale = scale.clamp(1, 8);
    let (w, h) = (Chart::WIDTH * scale, Chart::HEIGHT * scale);
    // plotters' bitmap backend neither anti-aliases lines nor places glyphs to sub-pixel
    // precision, which shows at screen sizes; those are drawn at 4× and reduced. From
    // scale 3 (print) the difference is invisible and not worth the time.
    let k = if scale >= 3 { 1 } else { 4u32.div_ceil(scale) };
    let (bw, bh) = (w * k, h * k);
    let mut big = vec![0u8; (bw * bh * 3) as usize];
    {
        let area = BitMapBackend::with_buffer(&mut big, (bw, bh)).into_drawing_area();
        chart.draw(&area)?;
        area.present().map_err(|e| chart.error(e.to_string()))?;
    }
    let rgb = reduce(&big, bw, k);
    let mut bytes = Vec::new();
    {
        let mut enc = png::Encoder::new(&mut bytes, w, h);
        enc.set_color(png::ColorType::Rgb);
        enc.set_depth(png::BitDepth::Eight);
        // The design grid is CSS pixels (96 per inch); record the resolution that keeps the
        // chart at its design size in print. No tIME chunk is written: output is reproducible.
        let per_metre = (96.0 * scale as f64 / 0.0254).round() as u32;
        enc.set_pixel_dims(Some(png::PixelDimensions {
            xppu: per_metre,
            yppu: per_metre,
            unit: png::Unit::Meter,
        }));
        let mut writer = enc.write_header().map_err(|e| chart.error(e.to_string()))?;
        writer
            .write_image_data(&rgb)
            .map_err(|e| chart.error(e.to_string()))?;
        writer.finish().map_err(|e| chart.error(e.to_string()))?;
    }
    Ok(bytes)
}

/// Averages each k × k block of an RGB image `width` pixels wide (integer arithmetic, so
/// the result is the same everywhere).
fn reduce(rgb: &[u8], width: u32, k: u32) -> Vec<u8> {
    if k == 1 {
        return rgb.to_vec();
    }
    let (width, k) = (width as usize, k as usize);
    let height = rgb.len() / 3 / width;
    let (w, h) = (width / k, height / k);
    let n = (k * k) as u32;
    let mut out = Vec::with_capacity(w * h * 3);
    for y in 0..h {
        for x in 0..w {
            let mut sum = [0u32; 3];
            for dy in 0..k {
                let row = (y * k + dy) * width;
                for dx in 0..k {
                    let i = (row + x * k + dx) * 3;
                    for (c, s) in sum.iter_mut().enumerate() {
                        *s += rgb[i + c] as u32;
                    }
                }
            }
            out.extend(sum.map(|s| ((s + n / 2) / n) as u8));
        }
    }
    out
}
