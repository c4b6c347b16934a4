//! The input files as read from disk, kept for the whole run so diagnostics can quote them.

use codespan_reporting::files::{self, Files};
use std::ops::Range;
use std::path::{Path, PathBuf};

/// Index of a file in [`Sources`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FileId(pub usize);

/// One input file.
#[derive(Debug)]
pub struct SourceFile {
    pub path: PathBuf,
    /// The path as shown to the user (relative to where they ran the command).
    pub name: String,
    pub text: String,
    line_starts: Vec<usize>,
    /// What recovery from unknown keys changed in the text before it was parsed: places the
    /// parsed values carry are mapped back through these to the file as written.
    edits: Edits,
}

/// Every input file of the run.
#[derive(Debug, Default)]
pub struct Sources {
    files: Vec<SourceFile>,
}

impl Sources {
    pub fn add(&mut self, path: &Path, text: String) -> FileId {
        let line_starts = files::line_starts(&text).collect();
        self.files.push(SourceFile {
            path: path.to_path_buf(),
            name: path.display().to_string(),
            text,
            line_starts,
            edits: Edits::default(),
        });
        FileId(self.files.len() - 1)
    }

    pub fn get(&self, id: FileId) -> &SourceFile {
        &self.files[id.0]
    }

    /// Records the edits recovery made to a file's text before parsing it.
    pub fn set_edits(&mut self, id: FileId, edits: Edits) {
        if let Some(f) = self.files.get_mut(id.0) {
            f.edits = edits;
        }
    }

    /// A range in the text as parsed (after any recovery edits), as a range of the file.
    pub fn original_span(&self, id: FileId, span: &Range<usize>) -> Range<usize> {
        match self.files.get(id.0) {
            Some(f) if !f.edits.is_empty() => f.edits.original_range(span),
            _ => span.clone(),
        }
    }

    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, id: FileId, offset: usize) -> (usize, usize) {
        let f = self.get(id);
        let line = f.line_starts.partition_point(|&s| s <= offset).max(1) - 1;
        let start = f.line_starts[line];
        let end = offset.min(f.text.len());
        let col = f.text.get(start..end).map_or(1, |s| s.chars().count() + 1);
        (line + 1, col)
    }

    /// The byte range of a whole line (1-based), for diagnostics that have only a line.
    pub fn line_span(&self, id: FileId, line: usize) -> Range<usize> {
        let f = self.get(id);
        let idx = line
            .saturating_sub(1)
            .min(f.line_starts.len().saturating_sub(1));
        let start = f.line_starts.get(idx).copied().unwrap_or(0);
        let end = f.line_starts.get(idx + 1).copied().unwrap_or(f.text.len());
        let trimmed = f.text[start..end].trim_end().len();
        start..start + trimmed
    }
}

impl<'a> Files<'a> for Sources {
    type FileId = usize;
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, id: usize) -> Result<&'a str, files::Error> {
        self.files
            .get(id)
            .map(|f| f.name.as_str())
            .ok_or(files::Error::FileMissing)
    }

    fn source(&'a self, id: usize) -> Result<&'a str, files::Error> {
        self.files
            .get(id)
            .map(|f| f.text.as_str())
            .ok_or(files::Error::FileMissing)
    }

    fn line_index(&'a self, id: usize, byte_index: usize) -> Result<usize, files::Error> {
        let f = self.files.get(id).ok_or(files::Error::FileMissing)?;
        Ok(f.line_starts.partition_point(|&s| s <= byte_index).max(1) - 1)
    }

    fn line_range(&'a self, id: usize, line_index: usize) -> Result<Range<usize>, files::Error> {
        let f = self.files.get(id).ok_or(files::Error::FileMissing)?;
        let start = *f
            .line_starts
            .get(line_index)
            .ok_or(files::Error::LineTooLarge {
                given: line_index,
                max: f.line_starts.len() - 1,
            })?;
        let end = f
            .line_starts
            .get(line_index + 1)
            .copied()
            .unwrap_or(f.text.len());
        Ok(start..end)
    }
}

/// Replacements made to a file's text before it is parsed again (a misspelt key given the name
/// it was meant to have), so places in the edited text can be traced back to the file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Edits {
    /// `(start, old length, new length)` in the file as written, in order.
    pub(crate) replaced: Vec<(usize, usize, usize)>,
}

impl Edits {
    pub fn is_empty(&self) -> bool {
        self.replaced.is_empty()
    }

    /// The byte offset in the file as written of `offset` in the edited text. A place inside
    /// a replacement maps into the text it replaced.
    pub fn original(&self, offset: usize) -> usize {
        let mut shift: isize = 0;
        for &(start, old, new) in &self.replaced {
            let edited_start = start.saturating_add_signed(shift);
            if offset < edited_start {
                break;
            }
            if offset < edited_start + new {
                return start + (offset - edited_start).min(old);
            }
            shift += new as isize - old as isize;
        }
        offset.saturating_add_signed(-shift)
    }

    /// A byte range of the edited text as a range of the file as written.
    pub fn original_range(&self, r: &Range<usize>) -> Range<usize> {
        let start = self.original(r.start);
        let end = if r.end > r.start {
            self.original(r.end - 1) + 1
        } else {
            start
        };
        start..end.max(start)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_are_one_based_and_count_characters() {
        let mut s = Sources::default();
        let id = s.add(Path::new("a.yaml"), "a: 1\n£b: 2\n".to_string());
        assert_eq!(s.line_col(id, 0), (1, 1));
        assert_eq!(s.line_col(id, 5), (2, 1));
        // "£" is two bytes but one column.
        assert_eq!(s.line_col(id, 7), (2, 2));
        assert_eq!(s.line_span(id, 2), 5..11);
    }
}
