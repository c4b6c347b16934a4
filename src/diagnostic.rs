//! The one diagnostic type: every problem `cabinet` finds in the input, with the file, the place
//! in it, a plain message and hints, printed like rustc/typst through codespan-reporting.

use crate::source::{FileId, Sources};
use codespan_reporting::diagnostic as cs;
use codespan_reporting::term::{self, termcolor::WriteColor};
use std::ops::Range;

pub use crate::codes::Code;

/// Whether a diagnostic stops the build.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Suspicious but possible: reported, the build goes on.
    Warning,
    /// Wrong: `check` and `build` exit with 1.
    Error,
}

/// A place in an input file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    pub file: FileId,
    pub span: Range<usize>,
    pub message: String,
}

/// One problem found in the input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub code: Code,
    pub message: String,
    /// Where the problem is. `None` only for problems with no file (an empty input folder).
    pub primary: Option<Label>,
    /// Other places that explain it (the first definition of a duplicate, say).
    pub secondary: Vec<Label>,
    pub hints: Vec<String>,
}

impl Diagnostic {
    pub fn error(code: Code, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            code,
            message: message.into(),
            primary: None,
            secondary: Vec::new(),
            hints: Vec::new(),
        }
    }

    pub fn warning(code: Code, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(code, message)
        }
    }

    /// Points at `span` in `file`, with a short label under the underline.
    pub fn at(mut self, file: FileId, span: Range<usize>, label: impl Into<String>) -> Self {
        self.primary = Some(Label {
            file,
            span,
            message: label.into(),
        });
        self
    }

    pub fn also(mut self, file: FileId, span: Range<usize>, label: impl Into<String>) -> Self {
        self.secondary.push(Label {
            file,
            span,
            message: label.into(),
        });
        self
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hints.push(hint.into());
        self
    }

    /// Moves every label through `f` (a place in the text as parsed → in the file).
    pub fn map_spans(&mut self, f: impl Fn(FileId, &Range<usize>) -> Range<usize>) {
        for l in self.primary.iter_mut().chain(self.secondary.iter_mut()) {
            l.span = f(l.file, &l.span);
        }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// How diagnostics are printed: `human` with source excerpts, or `short` one line each for CI.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum DiagnosticFormat {
    #[default]
    Human,
    Short,
}

/// Writes diagnostics to a terminal or buffer.
pub fn emit(
    out: &mut dyn WriteColor,
    sources: &Sources,
    diagnostics: &[Diagnostic],
    format: DiagnosticFormat,
) -> std::io::Result<()> {
    let mut config = term::Config::default();
    if format == DiagnosticFormat::Short {
        config.display_style = term::DisplayStyle::Short;
    }
    for d in diagnostics {
        let severity = match d.severity {
            Severity::Error => cs::Severity::Error,
            Severity::Warning => cs::Severity::Warning,
        };
        let mut labels = Vec::new();
        if let Some(p) = &d.primary {
            labels.push(cs::Label::primary(p.file.0, p.span.clone()).with_message(&p.message));
        }
        for s in &d.secondary {
            labels.push(cs::Label::secondary(s.file.0, s.span.clone()).with_message(&s.message));
        }
        let mut notes: Vec<String> = d.hints.iter().map(|h| format!("hint: {h}")).collect();
        notes.push(format!("help: `cabinet explain {}` says more", d.code.id()));
        let diag = cs::Diagnostic::new(severity)
            .with_code(d.code.id())
            .with_message(&d.message)
            .with_labels(labels)
            .with_notes(if format == DiagnosticFormat::Short {
                Vec::new()
            } else {
                notes
            });
        term::emit_to_write_style(out, &config, sources, &diag)
            .map_err(|e| std::io::Error::other(e.to_string()))?;
    }
    Ok(())
}

/// Counts of errors and warnings, for the one-line summary.
pub fn counts(diagnostics: &[Diagnostic]) -> (usize, usize) {
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    (errors, diagnostics.len() - errors)
}
