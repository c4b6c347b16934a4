//! The painter: turns drawing calls in PDF user space (points, y up) into printpdf content
//! operations, tracking text objects, fonts and colours so the stream stays small.

use super::fonts::Face;
use super::layout::Rgb;
use printpdf::{
    Color, DictItem, FontId, Line, LineCapStyle, LineDashPattern, LinePoint, Op, PaintMode,
    PdfFontHandle, Point, Polygon, PolygonRing, Pt, Rect, TextItem, TextMatrix, WindingOrder,
};
use std::collections::BTreeMap;

/// Rounds to 1/100 pt: enough precision, short numbers, stable bytes.
pub fn r(v: f32) -> f32 {
    (v * 100.0).round() / 100.0 + 0.0
}

fn color(c: Rgb) -> Color {
    let q = |v: f32| (v.clamp(0.0, 1.0) * 1000.0).round() / 1000.0;
    Color::Rgb(printpdf::Rgb {
        r: q(c.0),
        g: q(c.1),
        b: q(c.2),
        icc_profile: None,
    })
}

fn pt(x: f32, y: f32) -> LinePoint {
    LinePoint {
        p: Point {
            x: Pt(r(x)),
            y: Pt(r(y)),
        },
        bezier: false,
    }
}

#[derive(Default)]
pub struct Painter {
    pub ops: Vec<Op>,
    in_text: bool,
    font: Option<(Face, f32)>,
    fill: Option<Rgb>,
    stroke: Option<Rgb>,
    width: Option<f32>,
    dashed: bool,
    marked: bool,
}

impl Painter {
    fn end_text(&mut self) {
        if self.in_text {
            self.ops.push(Op::EndTextSection);
            self.in_text = false;
        }
    }

    fn set_fill(&mut self, c: Rgb) {
        if self.fill != Some(c) {
            self.ops.push(Op::SetFillColor { col: color(c) });
            self.fill = Some(c);
        }
    }

    fn set_stroke(&mut self, c: Rgb, width: f32, dashed: bool) {
        if self.stroke != Some(c) {
            self.ops.push(Op::SetOutlineColor { col: color(c) });
            self.stroke = Some(c);
        }
        let w = r(width.max(0.05));
        if self.width != Some(w) {
            self.ops.push(Op::SetOutlineThickness { pt: Pt(w) });
            self.width = Some(w);
        }
        if self.dashed != dashed {
            if dashed {
                self.ops.push(Op::SetLineCapStyle {
                    cap: LineCapStyle::Round,
                });
                self.ops.push(Op::SetLineDashPattern {
                    dash: LineDashPattern::new(0.0, &[0.0, 3.0]),
                });
            } else {
                self.ops.push(Op::SetLineCapStyle {
                    cap: LineCapStyle::Butt,
                });
                self.ops.push(Op::SetLineDashPattern {
                    dash: LineDashPattern::new(0.0, &[]),
                });
            }
            self.dashed = dashed;
        }
    }

    /// Text with its baseline origin at `(x, y)`, rotated `angle` degrees anticlockwise.
    pub fn text(&mut self, (x, y): (f32, f32), face: Face, size: f32, c: Rgb, s: &str, angle: f32) {
        if s.is_empty() {
            return;
        }
        if !self.in_text {
            self.ops.push(Op::StartTextSection);
            self.in_text = true;
        }
        let size = r(size);
        if self.font != Some((face, size)) {
            self.ops.push(Op::SetFont {
                font: PdfFontHandle::External(FontId(face.resource().to_string())),
                size: Pt(size),
            });
            self.font = Some((face, size));
        }
        self.set_fill(c);
        let (sin, cos) = angle.to_radians().sin_cos();
        let q = |v: f32| (v * 10000.0).round() / 10000.0 + 0.0;
        self.ops.push(Op::SetTextMatrix {
            matrix: TextMatrix::Raw([q(cos), q(sin), q(-sin), q(cos), r(x), r(y)]),
        });
        self.ops.push(Op::ShowText {
            items: vec![TextItem::Text(s.to_string())],
        });
    }

    pub fn fill_rect(&mut self, x: f32, y: f32, w: f32, h: f32, c: Rgb) {
        self.end_text();
        self.set_fill(c);
        self.ops.push(Op::DrawRectangle {
            rectangle: Rect {
                x: Pt(r(x)),
                y: Pt(r(y)),
                width: Pt(r(w)),
                height: Pt(r(h)),
                mode: Some(PaintMode::Fill),
                winding_order: None,
            },
        });
    }

    pub fn stroke_rect(&mut self, x: f32, y: f32, w: f32, h: f32, c: Rgb, width: f32) {
        self.end_text();
        self.set_stroke(c, width, false);
        self.ops.push(Op::DrawRectangle {
            rectangle: Rect {
                x: Pt(r(x)),
                y: Pt(r(y)),
                width: Pt(r(w)),
                height: Pt(r(h)),
                mode: Some(PaintMode::Stroke),
                winding_order: None,
            },
        });
    }

    pub fn polyline(&mut self, points: &[(f32, f32)], c: Rgb, width: f32, dashed: bool) {
        if points.len() < 2 {
            return;
        }
        self.end_text();
        self.set_stroke(c, width, dashed);
        self.ops.push(Op::DrawLine {
            line: Line {
                points: points.iter().map(|p| pt(p.0, p.1)).collect(),
                is_closed: false,
            },
        });
    }

    pub fn polygon(&mut self, points: &[(f32, f32)], c: Rgb) {
        if points.len() < 3 {
            return;
        }
        self.end_text();
        self.set_fill(c);
        self.ops.push(Op::DrawPolygon {
            polygon: Polygon {
                rings: vec![PolygonRing {
                    points: points.iter().map(|p| pt(p.0, p.1)).collect(),
                }],
                mode: PaintMode::Fill,
                winding_order: WindingOrder::NonZero,
            },
        });
    }

    /// A circle from four Bézier arcs, filled or stroked.
    pub fn circle(&mut self, cx: f32, cy: f32, radius: f32, c: Rgb, fill: bool, width: f32) {
        self.end_text();
        let k = 0.552_284_8 * radius;
        let (rr, mut pts) = (radius, Vec::new());
        let quads = [
            (
                (cx + rr, cy),
                (cx + rr, cy + k),
                (cx + k, cy + rr),
                (cx, cy + rr),
            ),
            (
                (cx, cy + rr),
                (cx - k, cy + rr),
                (cx - rr, cy + k),
                (cx - rr, cy),
            ),
            (
                (cx - rr, cy),
                (cx - rr, cy - k),
                (cx - k, cy - rr),
                (cx, cy - rr),
            ),
            (
                (cx, cy - rr),
                (cx + k, cy - rr),
                (cx + rr, cy - k),
                (cx + rr, cy),
            ),
        ];
        pts.push(pt(quads[0].0 .0, quads[0].0 .1));
        for q in quads {
            let mut c1 = pt(q.1 .0, q.1 .1);
            let mut c2 = pt(q.2 .0, q.2 .1);
            c1.bezier = true;
            c2.bezier = true;
            pts.extend([c1, c2, pt(q.3 .0, q.3 .1)]);
        }
        if fill {
            self.set_fill(c);
        } else {
            self.set_stroke(c, width, false);
        }
        self.ops.push(Op::DrawPolygon {
            polygon: Polygon {
                rings: vec![PolygonRing { points: pts }],
                mode: if fill {
                    PaintMode::Fill
                } else {
                    PaintMode::Stroke
                },
                winding_order: WindingOrder::NonZero,
            },
        });
    }

    pub fn save(&mut self) {
        self.end_text();
        self.ops.push(Op::SaveGraphicsState);
    }

    /// Restores the graphics state and forgets what it knew about it.
    pub fn restore(&mut self) {
        self.end_text();
        self.ops.push(Op::RestoreGraphicsState);
        let marked = self.marked;
        let ops = std::mem::take(&mut self.ops);
        *self = Painter {
            ops,
            marked,
            ..Painter::default()
        };
    }

    pub fn clip(&mut self, x: f32, y: f32, w: f32, h: f32) {
        self.end_text();
        self.ops.push(Op::DrawRectangle {
            rectangle: Rect {
                x: Pt(r(x)),
                y: Pt(r(y)),
                width: Pt(r(w)),
                height: Pt(r(h)),
                mode: Some(PaintMode::Clip),
                winding_order: None,
            },
        });
    }

    /// Opens a marked-content sequence: a structure element's content (`Some(mcid)`) or an
    /// artifact (`None`).
    pub fn begin_marked(&mut self, tag: &str, mcid: Option<i64>) {
        self.end_marked();
        self.end_text();
        match mcid {
            Some(id) => {
                let mut map = BTreeMap::new();
                map.insert("MCID".to_string(), DictItem::Int(id));
                self.ops.push(Op::BeginMarkedContentWithProperties {
                    tag: tag.to_string(),
                    properties: DictItem::Dict { map },
                });
            }
            None => self.ops.push(Op::BeginMarkedContent {
                tag: tag.to_string(),
            }),
        }
        self.marked = true;
    }

    pub fn end_marked(&mut self) {
        if self.marked {
            self.end_text();
            self.ops.push(Op::EndMarkedContent);
            self.marked = false;
        }
    }

    pub fn push_raw(&mut self, op: Op) {
        self.end_text();
        self.ops.push(op);
    }

    pub fn finish(mut self) -> Vec<Op> {
        self.end_marked();
        self.end_text();
        self.ops
    }
}
