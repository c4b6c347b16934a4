//! Write stage: the only module that writes files. Each output is written in full to a
//! temporary file beside its destination and renamed into place, so an interrupted or failed
//! build leaves the previous file intact; files whose bytes have not changed are not touched.

use crate::Error;
use std::io::Write;
use std::path::{Component, Path, PathBuf};

/// What happened to one output file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Written,
    Unchanged,
}

/// Tally of a build's files, for the one-line summary.
#[derive(Debug, Default, Clone)]
pub struct Tally {
    pub written: Vec<PathBuf>,
    pub unchanged: Vec<PathBuf>,
}

impl Tally {
    pub fn record(&mut self, path: PathBuf, outcome: Outcome) {
        match outcome {
            Outcome::Written => self.written.push(path),
            Outcome::Unchanged => self.unchanged.push(path),
        }
    }
}

/// An output folder; every path written is checked to stay inside it.
#[derive(Debug, Clone)]
pub struct OutputDir {
    root: PathBuf,
}

impl OutputDir {
    /// Creates the folder if needed.
    pub fn create(root: &Path) -> Result<OutputDir, Error> {
        std::fs::create_dir_all(root).map_err(|source| Error::Write {
            path: root.to_path_buf(),
            source,
        })?;
        Ok(OutputDir {
            root: root.to_path_buf(),
        })
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Resolves a relative name (`charts/cyps-2.svg`) inside the folder. Names come from our
    /// own slugs, but the check is kept so that no future caller can escape the folder.
    pub fn path(&self, relative: &str) -> Result<PathBuf, Error> {
        let rel = Path::new(relative);
        let safe =
            !relative.is_empty() && rel.components().all(|c| matches!(c, Component::Normal(_)));
        if !safe {
            return Err(Error::Write {
                path: rel.to_path_buf(),
                source: std::io::Error::new(
                    std::io::ErrorKind::InvalidInput,
                    "output names must stay inside the output folder",
                ),
            });
        }
        Ok(self.root.join(rel))
    }

    /// Writes `bytes` to `relative` atomically, unless the file already holds exactly them.
    pub fn write(&self, relative: &str, bytes: &[u8]) -> Result<Outcome, Error> {
        let path = self.path(relative)?;
        write_atomic(&path, bytes)
    }
}

/// Writes via a temporary file in the same folder and a rename.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<Outcome, Error> {
    let err = |source| Error::Write {
        path: path.to_path_buf(),
        source,
    };
    if let Ok(existing) = std::fs::read(path) {
        if existing == bytes {
            return Ok(Outcome::Unchanged);
        }
    }
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(err)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        // No fsync: the rename already guarantees that a reader sees the old file or the new
        // one, never half of one, whatever happens to the process; surviving a power cut
        // mid-build is not worth 0.1–1 ms per file (a build writes dozens), since the
        // recovery is simply to build again. (cargo, mdBook and zola do the same.)
        std::fs::rename(&tmp, path)
    })();
    if let Err(e) = result {
        // Never leave the temporary behind; the old file is untouched.
        let _ = std::fs::remove_file(&tmp);
        return Err(err(e));
    }
    Ok(Outcome::Written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_then_reports_unchanged() {
        let dir = tempfile::tempdir().unwrap();
        let out = OutputDir::create(dir.path()).unwrap();
        assert_eq!(out.write("a/b.txt", b"one").unwrap(), Outcome::Written);
        assert_eq!(out.write("a/b.txt", b"one").unwrap(), Outcome::Unchanged);
        assert_eq!(out.write("a/b.txt", b"two").unwrap(), Outcome::Written);
        assert_eq!(std::fs::read(dir.path().join("a/b.txt")).unwrap(), b"two");
        let leftovers: Vec<_> = std::fs::read_dir(dir.path().join("a")).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "no temporary file is left behind");
    }

    #[test]
    fn refuses_names_that_escape() {
        let dir = tempfile::tempdir().unwrap();
        let out = OutputDir::create(dir.path()).unwrap();
        for bad in ["../x", "/etc/passwd", "a/../../x", ""] {
            assert!(out.write(bad, b"x").is_err(), "{bad}");
        }
    }
}
