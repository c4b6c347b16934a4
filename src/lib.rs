//! `cabinet`: YAML descriptions of council initiatives → finished committee papers.
//!
//! The pipeline is load → validate → calculate → render → write, one module each:
//! [`load`] reads YAML into [`raw`] structs, [`validate`] turns them into the [`model`] and
//! collects every [`diagnostic`], [`calc`] derives the figures, [`render`] produces Markdown,
//! HTML, PDF and charts, and [`write`] puts files on disk atomically.

pub mod blocks;
pub mod build;
pub mod calc;
pub mod chart;
pub mod cli;
pub mod codes;
pub mod controls;
pub mod diagnostic;
pub mod error;
pub mod escape;
pub mod explain;
pub mod fingerprint;
pub mod glyphs;
pub mod kinds;
pub mod load;
pub mod model;
pub mod monitoring;
pub mod pack;
pub mod parallel;
pub mod raw;
pub mod recover;
pub mod render;
pub mod rules;
pub mod scaffold;
pub mod scalars;
pub mod serve;
pub mod source;
pub mod suggest;
pub mod text;
pub mod validate;
pub mod watch;
pub mod write;

mod commands;
pub mod trace;

pub use error::Error;

use cli::{Cli, Command};
use diagnostic::{Diagnostic, DiagnosticFormat};
use model::Workspace;
use source::Sources;
use std::io::IsTerminal;
use std::path::PathBuf;

/// The inputs after load and validate, with everything found wrong in them.
#[derive(Debug, Default)]
pub struct Checked {
    pub sources: Sources,
    pub workspace: Workspace,
    pub diagnostics: Vec<Diagnostic>,
    /// How many files of each kind were read, whether or not they passed their checks.
    pub kinds: Kinds,
}

/// Files read, by kind (a file that could not be parsed counted by its `kind:` line).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Kinds {
    pub reports: usize,
    pub initiatives: usize,
    /// Monitoring, scenario and improvement-plan reports.
    pub follow_ups: usize,
    pub packs: usize,
}

impl Kinds {
    fn count(&mut self, kind: &str) {
        match kind {
            "report" => self.reports += 1,
            "initiative" => self.initiatives += 1,
            "pack" => self.packs += 1,
            _ => self.follow_ups += 1,
        }
    }
}

impl Checked {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// Load and validate: the whole of `cabinet check`, reusable by every command and by tests.
pub fn check_inputs(inputs: &[PathBuf]) -> Checked {
    check_inputs_with(inputs, &[])
}

/// As [`check_inputs`], with fallback font files named on the command line (`--font`), which
/// every report's PDF may use for characters the built-in faces lack.
pub fn check_inputs_with(inputs: &[PathBuf], fonts: &[PathBuf]) -> Checked {
    let mut checked = Checked::default();
    let paths = load::discover(inputs, &mut checked.diagnostics);
    let loaded = {
        let _t = trace::span(|| "load".into());
        load::load(&paths, &mut checked.sources)
    };
    checked.diagnostics.extend(loaded.diagnostics);
    // Later rules point at places in the text as parsed; where recovery edited a file, they
    // are mapped back to the file as written (load's own problems already are).
    let from = checked.diagnostics.len();
    let (packs, files): (Vec<_>, Vec<_>) = loaded
        .files
        .into_iter()
        .partition(|f| matches!(f, load::RawFile::Pack(..)));
    let mut unread = validate::Unread::default();
    for id in &loaded.unread {
        let text = &checked.sources.get(*id).text;
        unread.add(text);
        if let Some(kind) = load::kind_word(text) {
            checked.kinds.count(&kind);
        }
    }
    for f in packs.iter().chain(&files) {
        checked.kinds.count(f.kind_word());
    }
    checked.workspace = validate::validate_with(files, &mut checked.diagnostics, &unread);
    let packs = packs
        .into_iter()
        .filter_map(|f| match f {
            load::RawFile::Pack(id, raw) => Some((id, raw)),
            _ => None,
        })
        .collect();
    checked.workspace.packs = pack::validate_all(
        packs,
        &checked.sources,
        &checked.workspace,
        &mut checked.diagnostics,
    );
    // What the papers may use and where their outputs go: checked here, so that `check`
    // finds what a build would otherwise meet half way.
    let ws = &checked.workspace;
    let trust = validate::templates::outside_inputs(ws, &checked.sources, inputs);
    let collisions = build::plan::collisions(ws, &checked.sources);
    checked.diagnostics.extend(trust);
    checked.diagnostics.extend(collisions);
    // Figures the text quotes, checked against the tables they name.
    let ws = &checked.workspace;
    let fronts = ws.papers().map(|id| ws.front(id)).chain(&ws.unbuilt);
    for front in fronts {
        let source = &checked.sources.get(front.file).text;
        blocks::narrative::check_paper(&mut checked.diagnostics, source, front);
    }
    // Every character of the text can be shown by a font the PDF embeds.
    glyphs::check(&mut checked, fonts);
    let sources = &checked.sources;
    for d in &mut checked.diagnostics[from..] {
        d.map_spans(|file, span| sources.original_span(file, span));
    }
    drop_knock_ons_of_scale(&mut checked.diagnostics, from);
    // File by file, top to bottom, the way an officer works through them (problems with no
    // file, such as an empty folder, first).
    checked
        .diagnostics
        .sort_by_key(|d| d.primary.as_ref().map(|p| (p.file, p.span.start)));
    checked
}

/// A figure out of scale by an error's margin (E0204: a thousand times its table's typical
/// figure, almost always £k typed into a £m table or a slipped decimal point) is the slip; any
/// other diagnostic pointing at that same figure (a stated total it no longer matches, a target
/// off the approved profile) is that slip told again, and goes.
fn drop_knock_ons_of_scale(diags: &mut Vec<Diagnostic>, from: usize) {
    let at = |d: &Diagnostic| d.primary.as_ref().map(|p| (p.file, p.span.clone()));
    let slips: std::collections::HashSet<_> = diags[from..]
        .iter()
        .filter(|d| d.code == codes::Code::OutOfScale && d.is_error())
        .filter_map(at)
        .collect();
    if slips.is_empty() {
        return;
    }
    let mut i = 0;
    diags.retain(|d| {
        i += 1;
        i <= from || d.code == codes::Code::OutOfScale || at(d).is_none_or(|p| !slips.contains(&p))
    });
}

/// Prints diagnostics to stderr, in colour only on a terminal and never when `NO_COLOR` is set.
pub fn print_diagnostics(checked: &Checked, format: DiagnosticFormat) {
    use codespan_reporting::term::termcolor::{BufferedStandardStream, ColorChoice};
    use std::io::Write;
    let colour = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    // Buffered: the renderer writes a diagnostic in dozens of small pieces, each a system
    // call on an unbuffered stderr (1,800 of them for the bundled example's warnings).
    let mut stream = BufferedStandardStream::stderr(if colour {
        ColorChoice::Auto
    } else {
        ColorChoice::Never
    });
    // A failure to print to stderr leaves nothing better to do than carry on.
    let _ = diagnostic::emit(&mut stream, &checked.sources, &checked.diagnostics, format);
    let _ = stream.flush();
}

/// Runs a parsed command line.
pub fn run(cli: &Cli) -> Result<(), Error> {
    let result = run_command(cli);
    trace::finish();
    result
}

fn run_command(cli: &Cli) -> Result<(), Error> {
    match &cli.command {
        Command::Check(args) => commands::check(cli, args),
        Command::Build(args) => commands::build(cli, args),
        Command::Pack(args) => commands::pack(cli, args),
        Command::Explain { code } => commands::explain(code.as_deref()),
        Command::Watch(args) => watch::watch(cli, args),
        Command::Serve(args) => serve::serve(cli, args),
        Command::Charts(args) => commands::charts(cli, args),
        Command::New {
            kind,
            name,
            title,
            dir,
        } => {
            let path = scaffold::new_file(*kind, name, dir.as_deref(), title.as_deref())?;
            if !cli.quiet {
                eprintln!(
                    "wrote {} (fill it in, then run `cabinet check`)",
                    path.display()
                );
            }
            Ok(())
        }
        Command::Schema { kind, output } => commands::schema(kind, output.as_deref()),
        Command::Completions { shell } => {
            let mut cmd = <Cli as clap::CommandFactory>::command();
            clap_complete::generate(*shell, &mut cmd, "cabinet", &mut std::io::stdout());
            Ok(())
        }
        Command::Man => {
            let cmd = <Cli as clap::CommandFactory>::command();
            clap_mangen::Man::new(cmd)
                .render(&mut std::io::stdout())
                .map_err(|e| Error::Io(format!("cannot print the manual page: {e}")))
        }
    }
}
