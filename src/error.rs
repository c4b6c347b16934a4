//! Fatal errors: failures that stop a command after the inputs were read (writing files,
//! templates, PDF). Problems *in* the inputs are `Diagnostic`s, not errors.

use std::path::PathBuf;

/// A failure that ends a command with exit code 1.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The inputs have errors; they have been printed already.
    #[error("the inputs have {0} error(s)")]
    Invalid(usize),
    #[error("failed to write `{path}`: {source}")]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("template `{name}` failed: {message}")]
    Template { name: String, message: String },
    #[error("failed to draw chart `{name}`: {message}")]
    Chart { name: String, message: String },
    #[error("failed to make the PDF `{name}`: {message}")]
    Pdf { name: String, message: String },
    #[error("failed to make the Word file `{name}`: {message}")]
    Docx { name: String, message: String },
    #[error("{cause}; these outputs were not updated and keep their previous contents: {}", remaining.join(", "))]
    NotUpdated {
        cause: Box<Error>,
        remaining: Vec<String>,
    },
    #[error("{0}")]
    Usage(String),
    #[error("no diagnostic code `{0}`; codes look like E0201 or net-mismatch")]
    UnknownCode(String),
}
