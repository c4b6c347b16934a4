//! Write stage: the only module that writes files. Each output is written in full to a
//! temporary file beside its destination and renamed into place, so an interrupted or failed
//! build leaves the previous file intact; files whose bytes have not changed are not touched.
//! A build stages each report's files as soon as it is rendered (the writing overlaps the
//! rendering of the others) and renames them all only once every report has rendered.

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

    /// An output folder at `root`, not created until a file is staged in it.
    pub fn at(root: &Path) -> OutputDir {
        OutputDir {
            root: root.to_path_buf(),
        }
    }

    /// Writes `bytes` to `relative` atomically, unless the file already holds exactly them.
    pub fn write(&self, relative: &str, bytes: &[u8]) -> Result<Outcome, Error> {
        let path = self.path(relative)?;
        write_atomic(&path, bytes)
    }

    /// Writes `bytes` to a temporary file beside `relative`, to be renamed into place by
    /// [`Staged::commit`].
    pub fn stage(&self, relative: &str, bytes: &[u8]) -> Result<Staged, Error> {
        stage(self.path(relative)?, bytes)
    }
}

/// Folders among `dirs` that do not exist yet: what a failed build must remove again (if
/// still empty) to leave the disk as it found it.
pub fn missing(dirs: &[PathBuf]) -> Vec<PathBuf> {
    dirs.iter().filter(|d| !d.exists()).cloned().collect()
}

/// Removes the folders `missing` found, innermost first, where they are still empty.
pub fn remove_if_empty(dirs: &[PathBuf]) {
    let mut dirs = dirs.to_vec();
    dirs.sort_by_key(|d| std::cmp::Reverse(d.components().count()));
    for d in dirs {
        let _ = std::fs::remove_dir(d);
    }
}

/// One output written to a temporary file beside its destination (or found already holding
/// the same bytes). Dropped without [`Staged::commit`], the temporary file is removed.
#[derive(Debug)]
pub struct Staged {
    path: PathBuf,
    tmp: Option<PathBuf>,
}

impl Staged {
    /// The destination.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Renames the temporary file into place.
    pub fn commit(mut self) -> Result<Outcome, Error> {
        let Some(tmp) = self.tmp.take() else {
            return Ok(Outcome::Unchanged);
        };
        if let Err(source) = std::fs::rename(&tmp, &self.path) {
            // Never leave the temporary behind; the old file is untouched.
            let _ = std::fs::remove_file(&tmp);
            return Err(Error::Write {
                path: self.path.clone(),
                source,
            });
        }
        Ok(Outcome::Written)
    }
}

impl Drop for Staged {
    fn drop(&mut self) {
        if let Some(tmp) = self.tmp.take() {
            let _ = std::fs::remove_file(tmp);
        }
    }
}

/// Writes via a temporary file in the same folder and a rename.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<Outcome, Error> {
    stage(path.to_path_buf(), bytes)?.commit()
}

fn stage(path: PathBuf, bytes: &[u8]) -> Result<Staged, Error> {
    let err = |source| Error::Write {
        path: path.clone(),
        source,
    };
    // Only a file of the same length is read to compare.
    if std::fs::metadata(&path).is_ok_and(|m| m.len() == bytes.len() as u64)
        && std::fs::read(&path).is_ok_and(|existing| existing == bytes)
    {
        return Ok(Staged { path, tmp: None });
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
        f.write_all(bytes)
        // No fsync: the rename already guarantees that a reader sees the old file or the new
        // one, never half of one, whatever happens to the process; surviving a power cut
        // mid-build is not worth 0.1–1 ms per file (a build writes dozens), since the
        // recovery is simply to build again. (cargo, mdBook and zola do the same.)
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(err(e));
    }
    Ok(Staged {
        path,
        tmp: Some(tmp),
    })
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
    fn staged_files_appear_only_when_committed_and_leave_nothing_when_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let out = OutputDir::at(&dir.path().join("out"));
        let created = missing(&[dir.path().join("out"), dir.path().join("out/c")]);
        assert_eq!(created.len(), 2);
        let a = out.stage("a.txt", b"new").unwrap();
        let b = out.stage("c/b.txt", b"new").unwrap();
        assert!(
            !a.path().exists() && !b.path().exists(),
            "nothing in place before commit"
        );
        assert_eq!(a.commit().unwrap(), Outcome::Written);
        assert_eq!(std::fs::read(dir.path().join("out/a.txt")).unwrap(), b"new");
        // A build that fails after staging drops the rest and removes the folders it made.
        drop(b);
        remove_if_empty(&created);
        assert!(
            !dir.path().join("out/c").exists(),
            "an empty folder it made is removed"
        );
        assert!(
            dir.path().join("out").exists(),
            "a folder with a file in it stays"
        );
        let left: Vec<_> = std::fs::read_dir(dir.path().join("out")).unwrap().collect();
        assert_eq!(left.len(), 1, "no temporary file is left behind");
        // Same bytes: nothing to do.
        let same = out.stage("a.txt", b"new").unwrap();
        assert_eq!(same.commit().unwrap(), Outcome::Unchanged);
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
