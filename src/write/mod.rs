//! Write stage: the only module that writes files. Each output is written in full to a
//! temporary file beside its destination and renamed into place, so a reader never sees half
//! a file; the outputs of one command are committed together ([`txn`]), and what a build
//! wrote is remembered by the hashes of its bytes ([`manifest`]), so a rebuild reuses a file
//! only if it is still exactly what cabinet wrote.

pub mod manifest;
pub mod txn;

use crate::error::Error;
use std::io::Write;
use std::path::{Component, Path, PathBuf};

pub use txn::Txn;

/// What happened to one output file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Written,
    Unchanged,
}

/// Tally of a command's files, for the one-line summary.
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

/// Whether `relative` (`charts/cyps-2.svg`) names a file inside a folder: plain names joined
/// by `/`, nothing that climbs out or starts at a root. Names come from our own slugs, but the
/// check is kept so that no caller can ever escape the output folder.
pub fn safe_name(relative: &str) -> bool {
    !relative.is_empty()
        && !relative.contains('\\')
        && Path::new(relative)
            .components()
            .all(|c| matches!(c, Component::Normal(_)))
}

/// `relative` inside `root`, if it is a [`safe_name`].
pub fn resolve(root: &Path, relative: &str) -> Result<PathBuf, Error> {
    if !safe_name(relative) {
        return Err(Error::Write {
            path: PathBuf::from(relative),
            source: std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                "output names must stay inside the output folder",
            ),
        });
    }
    Ok(root.join(relative))
}

/// Folders among `dirs` that do not exist yet: what a failed command must remove again (if
/// still empty) to leave the disk as it found it.
pub fn missing(dirs: &[PathBuf]) -> Vec<PathBuf> {
    dirs.iter().filter(|d| !d.exists()).cloned().collect()
}

/// Removes the folders `missing` found, innermost first, where they are still empty.
pub fn remove_if_empty(dirs: &[PathBuf]) {
    let mut dirs = dirs.to_vec();
    dirs.sort_by_key(|d| std::cmp::Reverse(d.components().count()));
    dirs.dedup();
    for d in dirs {
        let _ = std::fs::remove_dir(d);
    }
}

/// Writes one file on its own (a starter file, the manifest) via a temporary file in the same
/// folder and a rename; a file already holding exactly `bytes` is left alone.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<Outcome, Error> {
    let err = |source| Error::Write {
        path: path.to_path_buf(),
        source,
    };
    if std::fs::metadata(path).is_ok_and(|m| m.len() == bytes.len() as u64)
        && std::fs::read(path).is_ok_and(|existing| existing == bytes)
    {
        return Ok(Outcome::Unchanged);
    }
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(err)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.{}.cabinet-tmp", std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        drop(f);
        std::fs::rename(&tmp, path)
    })();
    if let Err(e) = result {
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
        let path = dir.path().join("a/b.txt");
        assert_eq!(write_atomic(&path, b"one").unwrap(), Outcome::Written);
        assert_eq!(write_atomic(&path, b"one").unwrap(), Outcome::Unchanged);
        assert_eq!(write_atomic(&path, b"two").unwrap(), Outcome::Written);
        assert_eq!(std::fs::read(&path).unwrap(), b"two");
        let leftovers: Vec<_> = std::fs::read_dir(dir.path().join("a")).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "no temporary file is left behind");
    }

    #[test]
    fn only_plain_relative_names_are_safe() {
        for ok in ["a.html", "charts/a.svg", "exempt/charts/a.svg"] {
            assert!(safe_name(ok), "{ok}");
        }
        for bad in ["../x", "/etc/passwd", "a/../../x", "", "./a", "a\\..\\b"] {
            assert!(!safe_name(bad), "{bad}");
        }
    }
}
