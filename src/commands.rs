//! The commands: each one runs the pipeline stages it needs and prints a one-line summary.

use crate::calc;
use crate::cli::{BuildArgs, CheckArgs, Cli};
use crate::codes::Code;
use crate::diagnostic::counts;
use crate::model::{Report, Workspace};
use crate::{check_inputs_with, print_diagnostics, Checked, Error};

fn finish_check(cli: &Cli, checked: &Checked) -> Result<(), Error> {
    print_diagnostics(checked, cli.diagnostic_format);
    let (errors, warnings) = counts(&checked.diagnostics);
    if !cli.quiet {
        let ws = &checked.workspace;
        let follow = if ws.follow_ups.is_empty() {
            String::new()
        } else {
            format!(
                ", {} monitoring/scenario/plan report(s)",
                ws.follow_ups.len()
            )
        };
        eprintln!(
            "checked {} file(s): {} report(s), {} initiative(s){follow}; {} error(s), {} warning(s)",
            checked.sources.len(),
            ws.reports.len(),
            ws.initiatives.len(),
            errors,
            warnings
        );
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
    crate::render::build(cli, args, &checked)
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
    let out = crate::write::OutputDir::create(&args.output)?;
    let mut tally = crate::write::Tally::default();
    for report in &checked.workspace.reports {
        let slug = crate::render::report_slug(&checked, report);
        let set = crate::chart::report_charts(&checked.workspace, report);
        let all: Vec<&crate::chart::Chart> = set
            .programme
            .iter()
            .chain(set.by_initiative.iter().flatten())
            .collect();
        // The same files as `build` writes (and keeps, where their charts are unchanged).
        let (_, files) = crate::render::chart_svgs(&slug, &all, Some(out.root()))?;
        for a in files {
            tally.record(out.path(&a.name)?, out.write(&a.name, &a.bytes)?);
        }
        if let Some(scale) = args.png {
            for c in &all {
                let key = crate::render::view::chart_key(&slug, c);
                let name = format!("charts/{key}.png");
                tally.record(out.path(&name)?, out.write(&name, &c.png(scale)?)?);
            }
        }
    }
    if !cli.quiet {
        eprintln!(
            "{} chart file(s) updated, {} unchanged in {}",
            tally.written.len(),
            tally.unchanged.len(),
            out.root().join("charts").display()
        );
    }
    Ok(())
}

pub(crate) fn explain(code: &str) -> Result<(), Error> {
    match Code::find(code) {
        Some(c) => {
            println!("{} ({})\n\n{}", c.id(), c.slug(), c.explanation());
            Ok(())
        }
        None => Err(Error::UnknownCode(code.to_string())),
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
    let figs: Vec<calc::InitiativeFigures> = ws
        .initiatives_of(report)
        .map(|i| calc::initiative(&i.finance))
        .collect();
    let refs: Vec<&calc::InitiativeFigures> = figs.iter().collect();
    let p = calc::programme(&refs);
    let f = |m: crate::model::Money| m.format(report.decimals, report.negatives);
    let mut out = format!(
        "{} ({} initiatives, {})\n{:<14}",
        report.title,
        report.initiatives.len(),
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
    out
}

/// `cabinet pack`: check every input, typeset the pack, write it, print a one-line summary.
pub(crate) fn pack(cli: &Cli, args: &crate::cli::PackArgs) -> Result<(), Error> {
    let started = std::time::Instant::now();
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
    let out = crate::write::OutputDir::create(&args.output)?;
    let mut tally = crate::write::Tally::default();
    for (n, a) in rendered.files.iter().enumerate() {
        match out.write(&a.name, &a.bytes) {
            Ok(outcome) => tally.record(out.path(&a.name)?, outcome),
            Err(e) => {
                return Err(Error::NotUpdated {
                    cause: Box::new(e),
                    remaining: rendered.files[n..].iter().map(|a| a.name.clone()).collect(),
                })
            }
        }
    }
    if !cli.quiet {
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
