//! Command-line interface (clap derive): the commands officers and clerks run, explained in
//! council terms, with the exit codes documented where `--help` shows them.

use crate::diagnostic::DiagnosticFormat;
use crate::render::{Format, Formats};
use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

const EXIT_CODES: &str = "\
Exit codes:
  0  success (warnings may have been printed)
  1  the inputs have errors, or the build failed (no output file was half-written)
  2  usage error: an unknown command or option";

/// Turns YAML descriptions of council initiatives into finished committee papers.
///
/// Officers write one YAML file per initiative (an investment bid with its five-year financial
/// profile, KPIs and narrative) and one per cabinet report. `cabinet check` finds every
/// problem in them; `cabinet build` writes the cabinet report in Markdown, HTML, PDF and Word with
/// every total, table and chart computed from the figures.
#[derive(Debug, Parser)]
#[command(name = "cabinet", version, after_help = EXIT_CODES, max_term_width = 100)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// How to print problems: `human` (with the source line underlined) or `short` (one line
    /// each, for CI logs).
    #[arg(long, global = true, value_enum, default_value_t = DiagnosticFormat::Human)]
    pub diagnostic_format: DiagnosticFormat,
    /// Print only errors and warnings, not the summary line.
    #[arg(long, short, global = true, conflicts_with = "verbose")]
    pub quiet: bool,
    /// Also list every file left unchanged and every chart written.
    #[arg(long, short, global = true)]
    pub verbose: bool,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check every initiative and report file and print every problem found.
    ///
    /// Reads all .yaml files under INPUTS. Checks the YAML itself, every field, that years are
    /// consecutive and agree between files, that each stated net, cumulative and payback
    /// figure follows from the investment and gross saving, that figures have the right sign
    /// and scale, and that every initiative a report names exists. Nothing is written.
    #[command(after_help = EXIT_CODES)]
    Check(CheckArgs),
    /// Check the inputs, then write each cabinet report to the output folder.
    ///
    /// Writes, for each report file: Markdown, HTML, PDF and Word versions of the cabinet
    /// report and its charts (`--format` chooses which). Each file is written in full to a temporary name and then renamed, so a
    /// failed build leaves the previous outputs as they were.
    #[command(after_help = EXIT_CODES)]
    Build(BuildArgs),
    /// Check the inputs, then regenerate just the charts (SVG, and PNG with `--png`).
    ///
    /// A chart file is rewritten only when its content changes, so after a finance officer
    /// edits one initiative only that initiative's charts and the programme charts are
    /// updated; the summary says how many were updated and how many were unchanged.
    #[command(after_help = EXIT_CODES)]
    Charts(ChartsArgs),
    /// Check and build, then rebuild whenever an input file or template is saved.
    ///
    /// Only the reports that the saved file feeds are rebuilt; each rebuild prints the
    /// problems found or a one-line summary. Stop with Ctrl+C.
    #[command(after_help = EXIT_CODES)]
    Watch(BuildArgs),
    /// Build, then show the papers in a browser, updated each time an input is saved.
    ///
    /// Serves the output folder at http://127.0.0.1:PORT/ (this computer only, unless
    /// `--host` says otherwise) and prints the address; open it in a browser. Each save
    /// rebuilds, as `watch` does, and the open page reloads itself. While the inputs have
    /// errors, every page lists them (file, line, column, message) until they are fixed.
    /// Exempt reports are shown only when served to this computer. Stop with Ctrl+C.
    #[command(after_help = EXIT_CODES)]
    Serve(ServeArgs),
    /// Check the inputs, then typeset a committee meeting's agenda pack.
    ///
    /// Reads a `kind: pack` file (PACK, or the only pack file under INPUTS) and writes, in
    /// one layout of the whole pack: `<pack>-agenda.pdf` (front sheet and agenda, with each
    /// item's page), `<pack>-public.pdf` (the agenda and every public report, numbered
    /// continuously, exempt items as a notice only), `exempt/<pack>-exempt.pdf` (exempt items, not
    /// for publication), `<pack>-supplementary.pdf` (late items, numbered on their own) and
    /// `<pack>-index.html` (the meeting's web page, linking each public report's HTML).
    #[command(after_help = EXIT_CODES)]
    Pack(PackArgs),
    /// Write a commented starter file for a new initiative or report.
    ///
    /// The file has every field explained and example values filled in, so it passes
    /// `cabinet check` as written; replace the examples with yours. Initiatives go in
    /// `DIR/initiatives/`, reports in `DIR/` (DIR is `inputs/`, made if need be: the folder
    /// `check` and `build` read by default). An existing file is never overwritten. Also
    /// writes the JSON Schemas to `DIR/.cabinet/` so editors (VS Code with the YAML
    /// extension) offer completion and checks.
    #[command(after_help = EXIT_CODES)]
    New {
        /// What to make.
        #[arg(value_enum)]
        kind: crate::scaffold::NewKind,
        /// The initiative's reference (e.g. "CYPS 11") or the report's name; the file is named after it.
        name: String,
        /// The title to start with.
        #[arg(long)]
        title: Option<String>,
        /// Folder to write into (default: `inputs/`).
        #[arg(long)]
        dir: Option<PathBuf>,
    },
    /// Print the JSON Schema of one kind of input file, or write them all to a folder.
    #[command(after_help = EXIT_CODES)]
    Schema {
        /// Which kind of file.
        #[arg(default_value = "initiative", value_parser = clap::builder::PossibleValuesParser::new(crate::scaffold::KINDS))]
        kind: String,
        /// Write both schemas into this folder instead of printing one.
        #[arg(long)]
        output: Option<PathBuf>,
    },
    /// Print a shell completion script (bash, zsh, fish, powershell, elvish).
    #[command(after_help = EXIT_CODES)]
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), e.g. `cabinet man > cabinet.1`.
    #[command(after_help = EXIT_CODES)]
    Man,
    /// Explain a diagnostic code with an example (e.g. `cabinet explain E0201` or
    /// `cabinet explain net-mismatch`), or list every code with its meaning.
    #[command(after_help = EXIT_CODES)]
    Explain {
        /// The code shown in brackets after `error` or `warning`; leave out to list them all.
        code: Option<String>,
    },
}

/// Where the inputs are.
#[derive(Debug, Args)]
pub struct InputArgs {
    /// Folder (or files) holding the report and initiative YAML files.
    #[arg(default_value = "inputs")]
    pub inputs: Vec<PathBuf>,
    /// A TrueType font file for characters the built-in Noto Sans lacks (Arabic, Hebrew,
    /// Chinese …), embedded in every PDF; repeat for several, tried in order. Adds to each
    /// report's own `fonts:`. Fonts are never looked up on the system.
    #[arg(long = "font", value_name = "FILE")]
    pub fonts: Vec<PathBuf>,
}

/// Arguments of `cabinet check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Also print each report's programme totals by year (investment, gross saving, net).
    #[arg(long)]
    pub summary: bool,
}

/// Arguments of `cabinet charts`.
#[derive(Debug, Args)]
pub struct ChartsArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Folder the charts are written to (in its `charts/` subfolder).
    #[arg(long, short, default_value = "output")]
    pub output: PathBuf,
    /// Also write PNGs at this scale (3 ≈ 215 dpi, 4 ≈ 290 dpi at A4 text width).
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..=8))]
    pub png: Option<u32>,
}

/// Arguments of `cabinet serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub build: BuildArgs,
    /// Port to listen on; 0 picks a free one (the address is printed).
    #[arg(long, default_value_t = 8000)]
    pub port: u16,
    /// Address to listen on. The default, 127.0.0.1, is this computer only; another address
    /// (e.g. 0.0.0.0) lets other computers in, and then exempt reports are not served.
    #[arg(long, default_value = "127.0.0.1")]
    pub host: std::net::IpAddr,
}

/// Arguments of `cabinet pack`.
#[derive(Debug, Args)]
pub struct PackArgs {
    /// The pack file (default: the only `kind: pack` file under INPUTS).
    pub pack: Option<PathBuf>,
    /// Folder holding the report and initiative files (all are checked).
    #[arg(long, default_value = "inputs")]
    pub inputs: PathBuf,
    /// A TrueType font file for characters the built-in Noto Sans lacks; repeat for several.
    #[arg(long = "font", value_name = "FILE")]
    pub fonts: Vec<PathBuf>,
    /// Folder the pack is written to.
    #[arg(long, short, default_value = "output")]
    pub output: PathBuf,
    /// Folder of templates that replace the built-in ones by name (e.g. `pack-front.md.tera`,
    /// `pack-index.html.tera`).
    #[arg(long)]
    pub templates: Option<PathBuf>,
}

/// Arguments of `cabinet build`.
#[derive(Debug, Args)]
pub struct BuildArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Folder the finished papers are written to.
    #[arg(long, short, default_value = "output")]
    pub output: PathBuf,
    /// Folder of templates that replace the built-in ones by name (e.g. `report.md`).
    #[arg(long)]
    pub templates: Option<PathBuf>,
    /// Also print each report's programme totals by year.
    #[arg(long)]
    pub summary: bool,
    /// Which files to write for each report, e.g. `--format pdf,docx` (default: all four).
    #[arg(
        long = "format",
        value_enum,
        value_delimiter = ',',
        default_values_t = [Format::Md, Format::Html, Format::Pdf, Format::Docx]
    )]
    pub formats: Vec<Format>,
}

impl BuildArgs {
    /// The formats asked for.
    pub fn selected(&self) -> Formats {
        Formats::of(&self.formats)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn verify_cli() {
        Cli::command().debug_assert();
    }
}
