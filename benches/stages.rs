//! In-process benchmarks of each pipeline stage (divan): load, validate + calculate,
//! calculate alone, charts, Markdown, HTML, PDF and a whole report, on the bundled example
//! (`inputs/`, the 2016 report with its eleven initiatives) or on the folder named by
//! `CABINET_BENCH_INPUTS` (e.g. one made by `cargo run --release --example generate`).
//!
//! `cargo bench --bench stages` (divan prints median, mean, fastest and slowest per stage).
//! Whole-process timings, peak memory and the targets are in `bench/run.sh` / BENCHMARKS.md.

use cabinet::chart::{self, Chart};
use cabinet::render::{self, html, markdown, pdf, templates, view};
use std::collections::HashMap;
use std::path::PathBuf;

fn main() {
    divan::main();
}

fn inputs() -> PathBuf {
    std::env::var_os("CABINET_BENCH_INPUTS").map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("inputs"),
        PathBuf::from,
    )
}

/// The example, checked once: the stages after validation start from it.
fn checked() -> &'static cabinet::Checked {
    static CHECKED: std::sync::OnceLock<cabinet::Checked> = std::sync::OnceLock::new();
    CHECKED.get_or_init(|| {
        let c = cabinet::check_inputs(&[inputs()]);
        assert!(!c.has_errors(), "the benchmark inputs must be valid");
        assert!(
            !c.workspace.reports.is_empty(),
            "the benchmark needs a report"
        );
        c
    })
}

/// The report, with everything made before the stage being measured.
struct Prepared {
    slug: String,
    md: String,
    meta: pdf::PdfMeta,
}

/// The report with the most initiatives (in the bundled example, the 2016 MTFS report).
fn report() -> &'static cabinet::model::Report {
    &checked().workspace.reports[report_index()]
}

/// The index of the report with the most initiatives (the MTFS report).
fn report_index() -> usize {
    let reports = &checked().workspace.reports;
    (0..reports.len())
        .max_by_key(|&i| reports[i].initiatives.len())
        .expect("a report")
}

fn engine() -> std::sync::Arc<templates::Engine> {
    let r = report();
    templates::engine(
        None,
        templates::Style {
            decimals: r.decimals,
            negatives: r.negatives,
        },
    )
    .expect("built-in templates")
}

/// The file stem of the bundled report's outputs.
fn slug() -> String {
    render::Route::of(
        &checked().workspace,
        &checked().sources,
        cabinet::model::PaperId::Report(report_index()),
    )
    .slug
}

fn prepared() -> Prepared {
    let c = checked();
    let r = report();
    let slug = slug();
    let charts = chart::report_charts(&c.workspace.initiatives, r);
    let v = view::ReportView::new(&c.workspace, r, &charts, &slug);
    let md = markdown::render(&engine(), &v).expect("markdown");
    let meta = render::pdf_meta(r);
    Prepared { slug, md, meta }
}

#[divan::bench(sample_count = 30)]
fn load(b: divan::Bencher) {
    let paths = cabinet::load::discover(&[inputs()], &mut Vec::new());
    b.bench(|| {
        let mut sources = cabinet::source::Sources::default();
        cabinet::load::load(&paths, &mut sources).files.len()
    });
}

#[divan::bench(sample_count = 30)]
fn validate_and_calculate(b: divan::Bencher) {
    let paths = cabinet::load::discover(&[inputs()], &mut Vec::new());
    b.with_inputs(|| {
        let mut sources = cabinet::source::Sources::default();
        cabinet::load::load(&paths, &mut sources).files
    })
    .bench_values(|files| cabinet::validate::validate(files, &mut Vec::new()));
}

#[divan::bench(sample_count = 30)]
fn calculate(b: divan::Bencher) {
    let ws = &checked().workspace;
    b.bench(|| {
        let figures: Vec<_> = ws
            .initiatives
            .iter()
            .map(|i| cabinet::calc::initiative(&i.finance))
            .collect();
        cabinet::calc::programme(&figures.iter().collect::<Vec<_>>())
    });
}

#[divan::bench(sample_count = 30)]
fn charts_svg(b: divan::Bencher) {
    let c = checked();
    b.bench(|| {
        let charts = chart::report_charts(&c.workspace.initiatives, report());
        let all: Vec<&Chart> = charts
            .programme
            .iter()
            .chain(charts.by_initiative.iter().flatten())
            .collect();
        all.iter()
            .map(|c| c.svg().expect("svg").len())
            .sum::<usize>()
    });
}

#[divan::bench(sample_count = 30)]
fn markdown_from_templates(b: divan::Bencher) {
    let c = checked();
    let r = report();
    let slug = slug();
    let charts = chart::report_charts(&c.workspace.initiatives, r);
    let tera = engine();
    b.bench(|| {
        let v = view::ReportView::new(&c.workspace, r, &charts, &slug);
        markdown::render(&tera, &v).expect("markdown")
    });
}

#[divan::bench(sample_count = 30)]
fn html_body(b: divan::Bencher) {
    let p = prepared();
    let svgs = HashMap::new();
    b.bench(|| html::body(&p.md, &svgs));
}

#[divan::bench(sample_count = 20)]
fn pdf(b: divan::Bencher) {
    let p = prepared();
    let charts = chart::report_charts(&checked().workspace.initiatives, report());
    let by_key: HashMap<String, &Chart> = charts
        .programme
        .iter()
        .chain(charts.by_initiative.iter().flatten())
        .map(|c| (view::chart_key(&p.slug, c), c))
        .collect();
    b.bench(|| pdf::render(&p.md, &p.meta, &by_key).expect("pdf"));
}

#[divan::bench(sample_count = 20)]
fn whole_report_all_formats(b: divan::Bencher) {
    let c = checked();
    b.bench(|| {
        render::render_paper(
            c,
            cabinet::model::PaperId::Report(report_index()),
            None,
            None,
        )
        .expect("render")
    });
}
