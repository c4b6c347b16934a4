//! Fatal errors: failures that stop a command after the inputs were read (writing files,
//! templates, PDF). Problems *in* the inputs are `Diagnostic`s, not errors.

use std::path::PathBuf;

/// A failure that ends a command: exit code 2 for [`Error::Usage`] and [`Error::UnknownCode`]
/// (the command line is wrong), 1 for everything else.
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
    #[error("two outputs of this run are both named `{name}`; nothing was written")]
    Duplicate { name: String },
    /// The command line asks for something impossible (a missing folder, no pack file):
    /// exit code 2, like an unknown option.
    #[error("{0}")]
    Usage(String),
    #[error("{0}")]
    Io(String),
    #[error("no diagnostic code `{0}`; codes look like E0201 or net-mismatch")]
    UnknownCode(String),
}

impl Error {
    /// The process exit code for this failure (the README documents them).
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Usage(_) | Error::UnknownCode(_) => 2,
            _ => 1,
        }
    }
}
