//! What cabinet wrote to an output folder: for each file, the SHA-256 of its bytes and a
//! fingerprint of everything it was made from. A rebuild keeps a PDF, page or chart instead
//! of making it again only when the fingerprint is unchanged *and* the file's bytes still hash
//! to what was written; anything else (a file edited by hand, or by someone with write access
//! to a shared or deployed folder) is made again and so restored.
//!
//! The manifest is kept outside the output folder, in the user's cache folder: whoever can
//! write the output folder cannot also rewrite the record the next build trusts. Without a
//! cache folder nothing is reused, which is slower, never wrong.

use crate::error::Error;
use crate::fingerprint::{hex, sha256};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

const HEADER: &str = "cabinet manifest 1";
/// A kept file larger than this is made again rather than read back.
const MAX_KEPT_BYTES: u64 = 256 * 1024 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Entry {
    sha: [u8; 32],
    source: [u8; 16],
}

/// The record of one output folder (see the module documentation).
#[derive(Debug, Default)]
pub struct Manifest {
    /// Where the record is kept; `None` when there is no cache folder.
    file: Option<PathBuf>,
    root: PathBuf,
    entries: BTreeMap<String, Entry>,
}

/// The folder cabinet keeps its records in: `CABINET_CACHE_DIR` (set empty to keep none), else
/// the platform's cache folder.
pub fn cache_dir() -> Option<PathBuf> {
    cache_dir_from(|k| std::env::var_os(k))
}

fn cache_dir_from(env: impl Fn(&str) -> Option<std::ffi::OsString>) -> Option<PathBuf> {
    let var = |k: &str| env(k).filter(|v| !v.is_empty()).map(PathBuf::from);
    if let Some(v) = env("CABINET_CACHE_DIR") {
        return (!v.is_empty()).then(|| PathBuf::from(v));
    }
    if cfg!(windows) {
        return var("LOCALAPPDATA").map(|d| d.join("cabinet"));
    }
    var("XDG_CACHE_HOME")
        .or_else(|| var("HOME").map(|h| h.join(".cache")))
        .map(|d| d.join("cabinet"))
}

impl Manifest {
    /// The record of the folder `root` (which exists), or an empty one.
    pub fn load(root: &Path) -> Manifest {
        let file = cache_dir().map(|dir| {
            let canon = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
            let id = hex(&sha256(canon.as_os_str().as_encoded_bytes())[..16]);
            dir.join("outputs").join(format!("{id}.manifest"))
        });
        let entries = file
            .as_ref()
            .and_then(|f| std::fs::read_to_string(f).ok())
            .map(|text| parse(&text))
            .unwrap_or_default();
        Manifest {
            file,
            root: root.to_path_buf(),
            entries,
        }
    }

    /// The bytes of `name` if the last run wrote them from `source` and they have not changed
    /// since. Only such bytes are ever reused (or inlined into a page).
    pub fn kept(&self, name: &str, source: &[u8; 16]) -> Option<Vec<u8>> {
        let entry = self.entries.get(name)?;
        if entry.source != *source {
            return None;
        }
        let path = super::resolve(&self.root, name).ok()?;
        let meta = std::fs::symlink_metadata(&path).ok()?;
        if !meta.is_file() || meta.len() > MAX_KEPT_BYTES {
            return None;
        }
        let bytes = std::fs::read(&path).ok()?;
        (sha256(&bytes) == entry.sha).then_some(bytes)
    }

    /// Records that `name` now holds `bytes`, made from `source`.
    pub fn record(&mut self, name: &str, bytes: &[u8], source: [u8; 16]) {
        self.entries.insert(
            name.to_string(),
            Entry {
                sha: sha256(bytes),
                source,
            },
        );
    }

    /// Forgets `name` (written without a fingerprint, so never to be reused).
    pub fn forget(&mut self, name: &str) {
        self.entries.remove(name);
    }

    /// Writes the record back (atomically). A record that cannot be written only costs the
    /// next build its reuse, so the caller may ignore the error.
    pub fn save(&self) -> Result<(), Error> {
        let Some(file) = &self.file else {
            return Ok(());
        };
        let mut text = format!("{HEADER}\n");
        for (name, e) in &self.entries {
            text.push_str(&format!("{} {} {name}\n", hex(&e.sha), hex(&e.source)));
        }
        super::write_atomic(file, text.as_bytes()).map(|_| ())
    }
}

fn parse(text: &str) -> BTreeMap<String, Entry> {
    let mut lines = text.lines();
    if lines.next() != Some(HEADER) {
        return BTreeMap::new();
    }
    lines
        .filter_map(|line| {
            let mut parts = line.splitn(3, ' ');
            let sha = unhex::<32>(parts.next()?)?;
            let source = unhex::<16>(parts.next()?)?;
            let name = parts.next()?;
            super::safe_name(name).then(|| (name.to_string(), Entry { sha, source }))
        })
        .collect()
}

fn unhex<const N: usize>(s: &str) -> Option<[u8; N]> {
    if s.len() != 2 * N || !s.is_ascii() {
        return None;
    }
    let mut out = [0u8; N];
    for (k, b) in out.iter_mut().enumerate() {
        *b = u8::from_str_radix(&s[2 * k..2 * k + 2], 16).ok()?;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn manifest(root: &Path, cache: &Path) -> Manifest {
        let mut m = Manifest::load(root);
        m.file = Some(cache.join("m.manifest"));
        m
    }

    #[test]
    fn a_file_is_kept_only_while_its_bytes_and_source_are_unchanged() {
        let dir = tempfile::tempdir().unwrap();
        let (root, cache) = (dir.path().join("out"), dir.path().join("cache"));
        std::fs::create_dir_all(root.join("charts")).unwrap();
        std::fs::write(root.join("charts/a.svg"), b"<svg/>").unwrap();
        let mut m = manifest(&root, &cache);
        m.record("charts/a.svg", b"<svg/>", [1; 16]);
        m.save().unwrap();
        let text = std::fs::read_to_string(cache.join("m.manifest")).unwrap();
        let m = Manifest {
            entries: parse(&text),
            ..manifest(&root, &cache)
        };
        assert_eq!(m.kept("charts/a.svg", &[1; 16]).unwrap(), b"<svg/>");
        assert_eq!(m.kept("charts/a.svg", &[2; 16]), None, "another source");
        assert_eq!(m.kept("charts/b.svg", &[1; 16]), None, "never written");
        // Edited after the build, whatever it still ends with: not ours any more.
        std::fs::write(root.join("charts/a.svg"), b"<svg/><script/>").unwrap();
        assert_eq!(m.kept("charts/a.svg", &[1; 16]), None);
    }

    #[test]
    fn a_damaged_record_keeps_nothing() {
        assert!(parse("not a manifest\n").is_empty());
        let sha = "00".repeat(32);
        let src = "11".repeat(16);
        let good = format!("{HEADER}\n{sha} {src} a.html\n{sha} {src} ../x\n{sha} zz b.html\n");
        let entries = parse(&good);
        assert_eq!(entries.keys().collect::<Vec<_>>(), ["a.html"]);
    }

    #[test]
    fn the_cache_folder_is_chosen_from_the_environment_and_can_be_turned_off() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |k: &str| {
                pairs
                    .iter()
                    .find(|(n, _)| *n == k)
                    .map(|(_, v)| std::ffi::OsString::from(v))
            }
        };
        assert_eq!(cache_dir_from(env(&[("CABINET_CACHE_DIR", "")])), None);
        assert_eq!(
            cache_dir_from(env(&[("CABINET_CACHE_DIR", "/c"), ("HOME", "/h")])),
            Some(PathBuf::from("/c"))
        );
        if cfg!(not(windows)) {
            assert_eq!(
                cache_dir_from(env(&[("XDG_CACHE_HOME", "/x"), ("HOME", "/h")])),
                Some(PathBuf::from("/x/cabinet"))
            );
            assert_eq!(
                cache_dir_from(env(&[("HOME", "/h")])),
                Some(PathBuf::from("/h/.cache/cabinet"))
            );
            assert_eq!(cache_dir_from(env(&[])), None);
        }
    }
}
