//! The commands: each one runs the pipeline stages it needs and prints a one-line summary.

use crate::calc;
use crate::cli::{BuildArgs, CheckArgs, Cli};
use crate::codes::Code;
use crate::diagnostic::counts;
use crate::model::{PaperId, Report};
use crate::workspace::Workspace;
use crate::{check_inputs_with, print_diagnostics, Checked, Error};

/// "1 report", "2 reports": a count with its noun.
pub(crate) fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The one-line summary of a check: files read by kind (whether or not they passed), then
/// errors and warnings.
fn check_summary(checked: &Checked) -> String {
    let (errors, warnings) = counts(&checked.diagnostics);
    let k = checked.kinds;
    let mut kinds = vec![
        count(k.reports, "report", "reports"),
        count(k.initiatives, "initiative", "initiatives"),
    ];
    if k.follow_ups > 0 {
        kinds.push(count(
            k.follow_ups,
            "monitoring, scenario or plan report",
            "monitoring, scenario or plan reports",
        ));
    }
    if k.packs > 0 {
        kinds.push(count(k.packs, "agenda pack", "agenda packs"));
    }
    format!(
        "checked {}: {}; {}, {}",
        count(checked.sources.len(), "file", "files"),
        kinds.join(", "),
        count(errors, "error", "errors"),
        count(warnings, "warning", "warnings")
    )
}

fn finish_check(cli: &Cli, checked: &Checked) -> Result<(), Error> {
    print_diagnostics(checked, cli.diagnostic_format);
    let (errors, _) = counts(&checked.diagnostics);
    if !cli.quiet {
        eprintln!("{}", check_summary(checked));
    }
    if errors > 0 {
        Err(Error::Invalid(errors))
    } else {
        Ok(())
    }
}

pub(crate) fn check(cli: &Cli, args: &CheckArgs) -> Result<(), Error> {
    let checked = check_inputs_with(&args.input.inputs, &args.input.fonts);
    finish_check(cli, &checked)?;
    if args.summary {
        for r in &checked.workspace.reports {
            print!("{}", programme_summary(&checked.workspace, r));
        }
    }
    Ok(())
}

pub(crate) fn build(cli: &Cli, args: &BuildArgs) -> Result<(), Error> {
    templates_given(args.templates.as_deref())?;
    // The output folder first: its lock is taken and anything an interrupted build left is
    // put right, even if this build then stops at errors in the inputs.
    let txn = crate::write::Txn::open(&args.output)?;
    if !cli.quiet {
        say_recovered(&args.output, txn.recovered);
    }
    let checked = check_warming_templates(
        &args.input.inputs,
        &args.input.fonts,
        args.templates.as_deref(),
    );
    finish_check(cli, &checked)?;
    if args.summary {
        for r in &checked.workspace.reports {
            print!("{}", programme_summary(&checked.workspace, r));
        }
    }
    let started = std::time::Instant::now();
    let which: Vec<PaperId> = checked.workspace.papers().collect();
    let summary = crate::build::run_in(
        txn,
        &checked,
        &which,
        args.templates.as_deref(),
        args.selected(),
    )?;
    for w in &summary.warnings {
        eprintln!("warning[{}]: {w}", Code::TableTooWide.id());
    }
    if !cli.quiet {
        for p in &summary.files.written {
            eprintln!("wrote {}", p.display());
        }
        if cli.verbose {
            for p in &summary.charts.written {
                eprintln!("wrote {}", p.display());
            }
            for p in summary
                .files
                .unchanged
                .iter()
                .chain(&summary.charts.unchanged)
            {
                eprintln!("unchanged {}", p.display());
            }
            for name in &summary.reused {
                eprintln!("reused {name} (its sources and bytes are as the last build left them)");
            }
        }
        eprintln!(
            "{} in {:.2} s",
            summary.line(&args.output),
            started.elapsed().as_secs_f64()
        );
    }
    Ok(())
}

/// Says what opening the output folder put right after an interrupted run, if anything.
pub(crate) fn say_recovered(output: &std::path::Path, r: crate::write::txn::Recovered) {
    if r.completed > 0 {
        eprintln!(
            "note: completed {} file(s) of an interrupted build in {}",
            r.completed,
            output.display()
        );
    }
    if r.removed > 0 {
        eprintln!(
            "note: removed {} temporary file(s) an interrupted run left in {}",
            r.removed,
            output.display()
        );
    }
}

/// A `--templates` folder must exist: a usage error (exit 2) before anything is checked.
fn templates_given(dir: Option<&std::path::Path>) -> Result<(), Error> {
    match dir {
        Some(d) if !d.is_dir() => Err(Error::Usage(format!(
            "the templates folder `{}` does not exist",
            d.display()
        ))),
        _ => Ok(()),
    }
}

/// Loads and checks the inputs while a second thread parses the templates the reports will
/// be rendered with (the two take about as long as each other).
fn check_warming_templates(
    inputs: &[std::path::PathBuf],
    fonts: &[std::path::PathBuf],
    templates: Option<&std::path::Path>,
) -> crate::Checked {
    std::thread::scope(|s| {
        s.spawn(|| {
            let _t = crate::trace::span(|| "templates: parse".into());
            crate::render::templates::warm(templates)
        });
        let _t = crate::trace::span(|| "check inputs".into());
        check_inputs_with(inputs, fonts)
    })
}

pub(crate) fn charts(cli: &Cli, args: &crate::cli::ChartsArgs) -> Result<(), Error> {
    let checked = check_inputs_with(&args.input.inputs, &args.input.fonts);
    finish_check(cli, &checked)?;
    let ws = &checked.workspace;
    let txn = crate::write::Txn::open(&args.output)?;
    let manifest = crate::write::manifest::Manifest::load(&args.output);
    let mut files = Vec::new();
    for id in ws.papers() {
        // The same files, in the same places, as `build` writes (and keeps, where their charts
        // are unchanged): exempt papers' charts under `exempt/charts/`.
        let route = crate::render::Route::of(ws, &checked.sources, id);
        let charts = crate::render::paper_charts(ws, id);
        files.extend(crate::render::chart_svgs(&route, &charts, Some(&manifest))?);
        if let Some(scale) = args.png {
            for c in &charts {
                files.push(crate::render::Artifact {
                    name: route.chart_file(&c.id, "png"),
                    bytes: c.png(scale)?,
                    source: None,
                    reused: false,
                });
            }
        }
    }
    for a in &files {
        txn.stage(&a.name, &a.bytes)?;
    }
    let recovered = txn.recovered;
    let tally = txn.commit()?;
    crate::build::remember(manifest, files.iter());
    if !cli.quiet {
        say_recovered(&args.output, recovered);
        eprintln!(
            "{} chart file(s) updated, {} unchanged in {}",
            tally.written.len(),
            tally.unchanged.len(),
            args.output.display()
        );
    }
    Ok(())
}

pub(crate) fn explain(code: Option<&str>) -> Result<(), Error> {
    match code.map(|c| (c, Code::find(c))) {
        None => {
            print!("{}", crate::explain::list());
            Ok(())
        }
        Some((_, Some(c))) => {
            print!("{}", crate::explain::explain(c));
            Ok(())
        }
        Some((code, None)) => Err(Error::UnknownCode(code.to_string())),
    }
}

pub(crate) fn schema(kind: &str, output: Option<&std::path::Path>) -> Result<(), Error> {
    match output {
        Some(dir) => {
            for p in crate::scaffold::write_schemas(dir)? {
                eprintln!("wrote {}", p.display());
            }
        }
        None => print!(
            "{}",
            crate::scaffold::schema_for_kind(kind).unwrap_or_default()
        ),
    }
    Ok(())
}

/// The programme totals of a report as a plain-text table, for `--summary`.
pub fn programme_summary(ws: &Workspace, report: &Report) -> String {
    let p = calc::report(&ws.initiatives, report).programme;
    let f = |m: crate::model::Money| m.format(report.decimals, report.negatives);
    let mut out = format!(
        "{} ({}, {})\n{:<14}",
        report.title,
        count(report.initiatives.len(), "initiative", "initiatives"),
        report.units.symbol(),
        ""
    );
    for y in &p.years {
        out.push_str(&format!("{:>10}", y.to_string()));
    }
    out.push_str(&format!("{:>10}\n", "Total"));
    for (name, row, total) in [
        ("Investment", &p.investment, p.total_investment),
        ("Gross saving", &p.gross_saving, p.total_gross_saving),
        ("Net", &p.net, p.total_net),
    ] {
        out.push_str(&format!("{name:<14}"));
        for v in row {
            out.push_str(&format!("{:>10}", f(*v)));
        }
        out.push_str(&format!("{:>10}\n", f(total)));
    }
    // Initiatives of different spans: each year's totals add the initiatives covering it.
    if p.covering.iter().any(|c| *c != report.initiatives.len()) {
        out.push_str(&format!("{:<14}", "Initiatives"));
        for c in &p.covering {
            out.push_str(&format!("{c:>10}"));
        }
        out.push('\n');
    }
    out
}

/// `cabinet pack`: check every input, typeset the pack, write it, print a one-line summary.
pub(crate) fn pack(cli: &Cli, args: &crate::cli::PackArgs) -> Result<(), Error> {
    let started = std::time::Instant::now();
    templates_given(args.templates.as_deref())?;
    if let Some(p) = &args.pack {
        if !p.is_file() {
            return Err(Error::Usage(format!(
                "there is no pack file `{}` ({}: {})",
                p.display(),
                Code::NoPack.id(),
                Code::NoPack.explanation()
            )));
        }
    }
    let mut inputs = vec![args.inputs.clone()];
    if let Some(p) = &args.pack {
        let inside = match (
            std::fs::canonicalize(p),
            std::fs::canonicalize(&args.inputs),
        ) {
            (Ok(p), Ok(dir)) => p.starts_with(dir),
            _ => false,
        };
        if !inside {
            inputs.push(p.clone());
        }
    }
    let checked = check_warming_templates(&inputs, &args.fonts, args.templates.as_deref());
    finish_check(cli, &checked)?;
    let packs = &checked.workspace.packs;
    let chosen = match &args.pack {
        Some(p) => {
            let want = std::fs::canonicalize(p).ok();
            packs.iter().find(|k| {
                std::fs::canonicalize(&checked.sources.get(k.file).path).ok() == want
                    && want.is_some()
            })
        }
        None if packs.len() == 1 => packs.first(),
        None => None,
    };
    let Some(pack) = chosen else {
        let why = match (&args.pack, packs.len()) {
            (Some(p), _) => format!("`{}` is not a `kind: pack` file", p.display()),
            (None, 0) => format!(
                "there is no `kind: pack` file in `{}`",
                args.inputs.display()
            ),
            (None, n) => format!(
                "there are {n} pack files in `{}`; name the one to build",
                args.inputs.display()
            ),
        };
        return Err(Error::Usage(format!(
            "{why} ({}: {})",
            Code::NoPack.id(),
            Code::NoPack.explanation()
        )));
    };
    // A progress bar on a terminal only: CI logs and pipes get just the summary line.
    let bar = if std::io::IsTerminal::is_terminal(&std::io::stderr()) && !cli.quiet {
        indicatif::ProgressBar::new((pack.items.len() + 4) as u64)
    } else {
        indicatif::ProgressBar::hidden()
    };
    bar.set_style(
        indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} {msg}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    let mut tick = |msg: &str| {
        bar.set_message(msg.to_string());
        bar.inc(1);
    };
    let rendered =
        crate::pack::render::render_pack(&checked, pack, args.templates.as_deref(), &mut tick);
    bar.finish_and_clear();
    let rendered = rendered?;
    // Every paper on the agenda is built too (its Markdown, page, PDF and charts, in its
    // route's folder), so the index never links to a page that is not there or that another
    // build made from other inputs. Staged and committed together with the pack's own files:
    // a failure part way (a full disk) leaves every file as it was.
    let txn = crate::write::Txn::open(&args.output)?;
    let manifest = crate::write::manifest::Manifest::load(&args.output);
    let papers: Vec<PaperId> = pack.items.iter().filter_map(|i| i.report).collect();
    let built = crate::build::render_and_stage(
        &txn,
        &checked,
        &papers,
        args.templates.as_deref(),
        &manifest,
        crate::render::Formats::ALL,
    )?;
    // The pack's PDFs carry these papers' tables: what their PDFs could not lay out as they
    // should, the pack could not either.
    for w in built.iter().flat_map(|r| &r.warnings) {
        eprintln!("warning[{}]: {w}", Code::TableTooWide.id());
    }
    for a in &rendered.files {
        txn.stage(&a.name, &a.bytes)?;
    }
    let recovered = txn.recovered;
    let tally = txn.commit()?;
    let paper_files = built.iter().flat_map(crate::build::all_files);
    crate::build::remember(manifest, paper_files.chain(&rendered.files));
    if !cli.quiet {
        say_recovered(&args.output, recovered);
        for p in &tally.written {
            eprintln!("wrote {}", p.display());
        }
        let papers = pack.items.iter().filter(|i| i.report.is_some()).count();
        let exempt = pack.items.iter().filter(|i| i.exempt.is_some()).count();
        let late = pack.items.iter().filter(|i| i.supplementary).count();
        eprintln!(
            "pack {} into {}: {} item(s) ({} with a report, {} exempt, {} supplementary); \
             public pack {} page(s), agenda {}, exempt {}, supplementary {}; \
             {} file(s) written, {} unchanged in {:.2} s",
            pack.slug,
            args.output.display(),
            pack.items.len(),
            papers,
            exempt,
            late,
            rendered.public_pages,
            rendered.agenda_pages,
            rendered.exempt_pages,
            rendered.supplementary_pages,
            tally.written.len(),
            tally.unchanged.len(),
            started.elapsed().as_secs_f64()
        );
    }
    Ok(())
}
