//! Tests of the charts module: descriptions, SVG structure, determinism, isolation, and an
//! ignored test that writes the real example's charts to /tmp/charts for looking at.

use super::fixtures::*;
use super::*;
use crate::workspace::Workspace;
use std::path::PathBuf;

/// `cargo test --lib chart::tests::write_example_charts -- --ignored`
#[test]
#[ignore]
fn write_example_charts() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("inputs");
    let checked = crate::check_inputs(&[root]);
    let ws = &checked.workspace;
    let out = PathBuf::from("/tmp/charts");
    std::fs::create_dir_all(&out).unwrap();
    for report in &ws.reports {
        let set = report_charts(&ws.initiatives, report);
        for chart in set
            .programme
            .iter()
            .chain(set.by_initiative.iter().flatten())
        {
            std::fs::write(out.join(format!("{}.svg", chart.id)), chart.svg().unwrap()).unwrap();
            std::fs::write(out.join(format!("{}.png", chart.id)), chart.png(1).unwrap()).unwrap();
            std::fs::write(
                out.join(format!("{}@3.png", chart.id)),
                chart.png(3).unwrap(),
            )
            .unwrap();
            println!("{}: {}\n  {}", chart.id, chart.title, chart.description);
        }
    }
}

fn charts(ws: &Workspace) -> ChartSet {
    report_charts(&ws.initiatives, &ws.reports[0])
}

fn all(set: &ChartSet) -> Vec<&Chart> {
    set.programme
        .iter()
        .chain(set.by_initiative.iter().flatten())
        .collect()
}

#[test]
fn ids_are_safe_unique_and_in_report_order() {
    let set = charts(&workspace());
    let ids: Vec<&str> = all(&set).iter().map(|c| c.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "programme-summary",
            "programme-net-by-initiative",
            "cyps-2-profile",
            "cyps-2-kpi-1", // the blank second KPI row has no chart
            "cyps-1b-profile",
            "cyps-6-profile",
            "cyps-6-kpi-1",
        ]
    );
    assert!(ids.iter().all(|id| id
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')));
    assert_eq!(make::safe_id(" CYPS 1A (x)"), "cyps-1a-x");
}

#[test]
fn describes_cyps2_from_its_figures() {
    let set = charts(&workspace());
    let c = &set.by_initiative[0][0];
    assert_eq!(
        c.title,
        "CYPS 2 \u{2013} Family Group Conferencing: investment, saving and net by year (£m)"
    );
    assert_eq!(
        c.description,
        "Over 2016/17 to 2020/21, investment of £0.756m and gross savings of £3.960m give a net \
         saving of £3.204m. The net position moves from a net cost of £0.100m in 2016/17 to a net \
         saving of £1.750m in 2020/21; the initiative first saves money in 2017/18 and breaks even \
         cumulatively in 2018/19."
    );
    let kpi = &set.by_initiative[0][1];
    assert_eq!(
        kpi.description,
        "LAC Reduction by year (children): 0 in 2016/17, 15 in 2017/18, 27 in 2018/19, 30 in \
         2019/20 and 30 in 2020/21; 102 in total."
    );
}

#[test]
fn describes_initiatives_that_never_save_or_save_at_once() {
    let set = charts(&workspace());
    let never = &set.by_initiative[1][0].description;
    assert!(
        never.contains("no gross saving give a net cost of £1.080m"),
        "{never}"
    );
    assert!(
        never.ends_with("the initiative does not produce a net saving in the years shown."),
        "{never}"
    );
    let at_once = &set.by_initiative[2][0].description;
    assert!(
        at_once.starts_with("Over 2016/17 to 2020/21, no investment and gross savings"),
        "{at_once}"
    );
    assert!(
        at_once.contains("Net saving rises from £0.010m in 2016/17 to £0.308m in 2020/21"),
        "{at_once}"
    );
    assert!(
        at_once.contains("first saves money, and breaks even cumulatively, in 2016/17"),
        "{at_once}"
    );
    let blanks = &set.by_initiative[2][1].description;
    assert!(blanks.contains("no figure for 2018/19"), "{blanks}");
}

#[test]
fn tables_carry_the_same_figures_in_house_style() {
    let set = charts(&workspace());
    let t = &set.by_initiative[0][0].table;
    assert_eq!(
        t.header,
        ["", "2016/17", "2017/18", "2018/19", "2019/20", "2020/21", "Total"]
    );
    assert_eq!(
        t.rows[0],
        [
            "Investment",
            "0.100",
            "0.164",
            "0.164",
            "0.164",
            "0.164",
            "0.756"
        ]
    );
    assert_eq!(
        t.rows[2],
        ["Net", "0.100", "(0.001)", "(0.463)", "(1.090)", "(1.750)", "(3.204)"]
    );
    assert_eq!(t.rows[3][6], "", "cumulative figures are not added up");
    let net = &set.programme[1].table;
    assert_eq!(net.rows.len(), 4);
    assert_eq!(net.rows[3][0], "Total net");
    let kpi = &set.by_initiative[2][1].table;
    assert_eq!(
        kpi.rows[0],
        ["LAC Reduction", "0", "4", "\u{2013}", "4", "4", "12"]
    );
}

#[test]
fn svg_names_and_describes_itself_first() {
    let set = charts(&workspace());
    for chart in all(&set) {
        let svg = chart.svg().unwrap();
        let id = &chart.id;
        let open = &svg[..svg.find('>').unwrap() + 1];
        assert!(open.contains("viewBox=\"0 0 480 320\""), "{open}");
        assert!(open.contains("role=\"img\""));
        assert!(open.contains(&format!(
            "aria-labelledby=\"chart-{id}-title chart-{id}-desc\""
        )));
        let rest = &svg[open.len()..];
        let title = format!("<title id=\"chart-{id}-title\">{}</title>", chart.title);
        let desc = format!("<desc id=\"chart-{id}-desc\">{}</desc>", chart.description);
        assert!(
            rest.starts_with(&format!("{title}{desc}")),
            "{id}: {}",
            &rest[..200]
        );
        assert!(!svg.contains("font-family=\"sans-serif\""));
        assert!(svg.trim_end().ends_with("</svg>"));
    }
}

#[test]
fn renders_are_byte_identical() {
    let ws = workspace();
    let (a, b) = (charts(&ws), charts(&ws));
    for (x, y) in all(&a).into_iter().zip(all(&b)) {
        assert_eq!(x.svg().unwrap(), y.svg().unwrap(), "{}", x.id);
    }
    let c = &a.by_initiative[0][0];
    let png = c.png(2).unwrap();
    assert_eq!(png, c.png(2).unwrap());
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    assert_eq!(
        u32::from_be_bytes(png[16..20].try_into().unwrap()),
        2 * Chart::WIDTH
    );
    assert!(!png.windows(4).any(|w| w == b"tIME"), "no timestamp chunk");
}

#[test]
fn a_changed_figure_changes_only_its_own_and_the_programme_charts() {
    let mut ws = workspace();
    let before = charts(&ws);
    ws.initiatives[0].finance.gross_saving[3] = m("(1.300)");
    let after = charts(&ws);
    let svgs = |set: &ChartSet| -> Vec<(String, String)> {
        all(set)
            .iter()
            .map(|c| (c.id.clone(), c.svg().unwrap()))
            .collect()
    };
    for ((id, x), (_, y)) in svgs(&before).into_iter().zip(svgs(&after)) {
        let should_change = id.starts_with("programme-") || id == "cyps-2-profile";
        assert_eq!(x != y, should_change, "{id}");
    }
}

#[test]
fn draws_on_any_area_size() {
    use plotters::prelude::{BitMapBackend, IntoDrawingArea};
    let set = charts(&workspace());
    let mut buf = vec![0u8; 700 * 300 * 3];
    let area = BitMapBackend::with_buffer(&mut buf, (700, 300)).into_drawing_area();
    set.programme[1].draw(&area).unwrap();
}

#[test]
fn every_meaningful_colour_has_3_to_1_contrast_on_white() {
    fn lum(c: plot::Colour) -> f64 {
        let ch = |v: u8| {
            let s = v as f64 / 255.0;
            if s <= 0.04045 {
                s / 12.92
            } else {
                ((s + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * ch(c.0) + 0.7152 * ch(c.1) + 0.0722 * ch(c.2)
    }
    for c in plot::MEANINGFUL {
        let ratio = 1.05 / (lum(c) + 0.05);
        assert!(ratio >= 3.0, "{c:?} has contrast {ratio:.2}");
    }
}

#[test]
#[ignore]
fn time_renders() {
    let set = charts(&workspace());
    let c = &set.by_initiative[0][0];
    for scale in [1, 2, 3, 4] {
        let t = std::time::Instant::now();
        let _ = c.png(scale).unwrap();
        println!("png({scale}): {:?}", t.elapsed());
    }
    let t = std::time::Instant::now();
    let _ = c.svg().unwrap();
    println!("svg: {:?}", t.elapsed());
}

#[test]
fn odd_shapes_draw_and_read() {
    let ws = odd_workspace();
    for report in &ws.reports {
        let set = report_charts(&ws.initiatives, report);
        for chart in all(&set) {
            chart.svg().unwrap();
            if std::env::var_os("CHART_DUMP").is_some() {
                std::fs::create_dir_all("/tmp/charts").unwrap();
                std::fs::write(
                    format!("/tmp/charts/odd-{}.png", chart.id),
                    chart.png(2).unwrap(),
                )
                .unwrap();
            }
        }
    }
    let one = &report_charts(&ws.initiatives, &ws.reports[1]).by_initiative[0][0];
    assert_eq!(
        one.description,
        "In 2016/17, investment of £12,345k and gross savings of £23,456k give a net saving of \
         £11,111k. The initiative first saves money, and breaks even cumulatively, in 2016/17."
    );
    assert_eq!(one.table.rows[2][1], "\u{2212}11,111");
}

#[test]
fn a_chart_is_never_titled_as_a_table() {
    use super::untabled;
    assert_eq!(
        untabled("Table 1: Right Child, Right Care"),
        "Right Child, Right Care"
    );
    assert_eq!(untabled("Table 2 – LAC budget"), "LAC budget");
    assert_eq!(untabled("Table 3A: Costs"), "Costs");
    assert_eq!(untabled("Tables of costs"), "Tables of costs");
    assert_eq!(untabled("Table 1"), "Table 1");
}

#[test]
fn scenario_lines_differ_by_pattern_and_marker_not_colour_alone() {
    use super::followup::{lines, Frame, Line};
    use rust_decimal::Decimal;
    let line = |label: &str, reference: bool| Line {
        label: label.into(),
        values: vec![Decimal::new(10, 0), Decimal::new(12, 0)],
        reference,
    };
    let frame = Frame {
        id: "scenarios".into(),
        title: "Budget and scenario costs by year (£k)".into(),
        description: "d".into(),
        table: DataTable {
            caption: "t".into(),
            header: vec![],
            rows: vec![],
        },
        unit: "£k".into(),
        decimals: Some(0),
        negatives: crate::model::NegativeStyle::Brackets,
    };
    let chart = lines(
        frame,
        vec!["2016/17".into(), "2017/18".into()],
        vec![
            line("Budget", true),
            line("Best case", false),
            line("Middle case", false),
            line("Worst case", false),
        ],
    );
    let looks: Vec<_> = chart
        .plot
        .lines
        .iter()
        .map(|l| (l.style.dash, l.style.marker))
        .collect();
    for (i, a) in looks.iter().enumerate() {
        for b in &looks[i + 1..] {
            assert_ne!(a.0, b.0, "two lines with one pattern: {looks:?}");
            assert_ne!(a.1, b.1, "two lines with one marker: {looks:?}");
        }
    }
}
