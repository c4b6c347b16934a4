//! Times each pipeline stage in-process on an input folder (default `inputs/`): a quick
//! profile for developers. The benchmark of record is `bench/run.sh` (see BENCHMARKS.md).
//!
//! `cargo run --release --example stages -- [INPUTS] [RUNS]`

use std::path::PathBuf;
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let input = PathBuf::from(args.get(1).map_or("inputs", String::as_str));
    let runs: u32 = args.get(2).and_then(|r| r.parse().ok()).unwrap_or(10);
    let mut totals = [0f64; 8];
    for _ in 0..runs {
        let t = Instant::now();
        let checked = cabinet::check_inputs(std::slice::from_ref(&input));
        totals[0] += t.elapsed().as_secs_f64();
        let ws = &checked.workspace;
        for report in &ws.reports {
            let slug = cabinet::render::report_slug(&checked, report);
            let t = Instant::now();
            let charts = cabinet::chart::report_charts(ws, report);
            totals[1] += t.elapsed().as_secs_f64();
            let t = Instant::now();
            for c in charts
                .programme
                .iter()
                .chain(charts.by_initiative.iter().flatten())
            {
                let _ = c.svg().expect("svg");
            }
            totals[2] += t.elapsed().as_secs_f64();
            let t = Instant::now();
            let view = cabinet::render::view::ReportView::new(ws, report, &charts, &slug);
            let style = cabinet::render::templates::Style {
                decimals: report.decimals,
                negatives: report.negatives,
            };
            let tera = cabinet::render::templates::engine(None, style).expect("tera");
            let t1 = t.elapsed().as_secs_f64();
            let md = cabinet::render::markdown::render(&tera, &view).expect("md");
            let t2 = t.elapsed().as_secs_f64();
            let _ = cabinet::render::html::body(&md, &std::collections::HashMap::new());
            let t3 = t.elapsed().as_secs_f64();
            totals[5] += t1;
            totals[6] += t2 - t1;
            totals[7] += t3 - t2;
            let t = Instant::now();
            let r = cabinet::render::render_report(ws, report, &slug, None).expect("render");
            totals[3] += t.elapsed().as_secs_f64();
            std::hint::black_box(r);
        }
    }
    let ms = |s: f64| s * 1000.0 / f64::from(runs);
    println!("load+validate {:8.2} ms", ms(totals[0]));
    println!("chart data    {:8.2} ms", ms(totals[1]));
    println!("chart svgs    {:8.2} ms", ms(totals[2]));
    println!("view + tera   {:8.2} ms", ms(totals[5]));
    println!("markdown      {:8.2} ms", ms(totals[6]));
    println!("html body     {:8.2} ms", ms(totals[7]));
    println!(
        "render all    {:8.2} ms (markdown, HTML, PDF and SVG charts together)",
        ms(totals[3])
    );
}
