//! Figures: a chart image (`charts/<id>.svg`) drawn in the flow at full column width (the
//! chart draws its own title, which serves as the caption) with its text description below;
//! other images print their alt text.

use super::layout::{Flow, Item, GREY, PARA_GAP};
use super::measure::{Span, Style, TextSpec};

const DESC: TextSpec = TextSpec {
    size: 9.0,
    bold: false,
    italic: false,
};
const DESC_LH: f32 = 12.5;

/// The chart id of an image URL `charts/<id>.svg` (or `.png`).
pub fn chart_id(url: &str) -> Option<&str> {
    let rest = url
        .strip_prefix("./")
        .unwrap_or(url)
        .strip_prefix("charts/")?;
    rest.strip_suffix(".svg")
        .or_else(|| rest.strip_suffix(".png"))
        .filter(|id| {
            // Chart keys are made of these; anything else (a `:` that would reach into another
            // part's scope, a `/`) names no chart.
            !id.is_empty()
                && id
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        })
}

fn chart_size(w: f32) -> (f32, f32) {
    let (cw, ch) = (
        crate::chart::Chart::WIDTH as f32,
        crate::chart::Chart::HEIGHT as f32,
    );
    // 135 mm: chart text then sits near the body size instead of above it.
    let width = w.min(135.0 * 72.0 / 25.4);
    (width, width * ch / cw)
}

impl<'a> Flow<'a> {
    /// The key of the chart an image URL names, in this flow's chart scope.
    fn chart_key(&self, url: &str) -> Option<String> {
        let id = chart_id(url)?;
        Some(if self.chart_scope.is_empty() {
            id.to_string()
        } else {
            format!("{}:{id}", self.chart_scope)
        })
    }

    /// Height of the caption and chart (what must stay together).
    pub fn figure_height(&self, url: &str, w: f32) -> f32 {
        match self.chart_key(url).and_then(|k| self.charts.get(&k)) {
            Some(chart) => {
                let desc = self.line_count(&[Span::plain(chart.description.clone())], DESC, w);
                chart_size(w).1 + 6.0 + desc.min(2) as f32 * DESC_LH
            }
            None => 2.0 * super::layout::BODY_LH,
        }
    }

    pub fn figure(&mut self, url: &str, alt: &str, x: f32, w: f32) {
        let chart = self
            .chart_key(url)
            .and_then(|k| self.charts.get(&k).map(|c| (k, *c)));
        let Some((id, chart)) = chart else {
            if chart_id(url).is_some() {
                self.errors.push(format!(
                    "the Markdown shows the chart `{url}` but no such chart was supplied"
                ));
            }
            let spans = [Span::styled(
                format!("[Image: {alt}]"),
                Style {
                    italic: true,
                    ..Style::default()
                },
            )];
            self.open("P");
            self.paragraph(
                &spans,
                super::layout::BODY,
                super::layout::BODY_LH,
                x,
                w,
                GREY,
            );
            self.close();
            self.gap(PARA_GAP);
            return;
        };
        let (cw, ch) = chart_size(w);
        let description = if chart.description.trim().is_empty() {
            alt.to_string()
        } else {
            chart.description.clone()
        };
        // The chart and the start of its description stay on one page.
        let desc_lines = self.line_count(&[Span::plain(description.clone())], DESC, w);
        self.gap(PARA_GAP + 4.0);
        self.need(ch + 6.0 + desc_lines.min(2) as f32 * DESC_LH);
        self.start();
        let fig = self.open("Figure");
        if let Some(n) = self.out.nodes.get_mut(fig) {
            n.alt = Some(format!("{}. {}", chart.title, description));
        }
        let node = self.node();
        let x0 = x + (w - cw) / 2.0;
        if let Some(n) = self.out.nodes.get_mut(fig) {
            let top = super::layout::PAGE_H - self.y;
            n.bbox = Some([x0, top - ch, x0 + cw, top]);
        }
        self.push(Item::Chart {
            x: x0,
            y: self.y,
            w: cw,
            h: ch,
            id,
            node,
        });
        self.y += ch;
        self.close();
        if !description.trim().is_empty() {
            self.gap(6.0);
            self.open("P");
            let spans = [Span::plain(description)];
            self.paragraph(&spans, DESC, DESC_LH, x, w, GREY);
            self.close();
        }
        self.gap(PARA_GAP + 4.0);
    }
}

#[cfg(test)]
mod tests {
    use super::chart_id;

    #[test]
    fn chart_ids_come_from_chart_urls_only() {
        assert_eq!(
            chart_id("charts/cyps-2-profile.svg"),
            Some("cyps-2-profile")
        );
        assert_eq!(chart_id("./charts/x.png"), Some("x"));
        assert_eq!(chart_id("images/x.svg"), None);
        assert_eq!(chart_id("charts/a/b.svg"), None);
    }
}
