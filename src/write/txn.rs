//! Transactions on an output folder. Every command that writes outputs (`build`, `charts`,
//! `pack`, and the rebuilds of `watch`) opens one: it holds the folder's lock, stages each file
//! in full beside its destination, and commits them together through a journal.
//!
//! Why a journal: a set of files cannot be renamed into place in one step, and a report's
//! Markdown, HTML, PDF and charts must come from one build. So the renames are written down
//! first (`.cabinet/journal`, itself written whole and renamed into place), and whoever next
//! opens the folder finishes them. A run killed at any moment therefore leaves the previous set
//! (killed before the journal) or the new set once the next command on the folder has rolled
//! the journal forward (killed during the renames), and the next command removes every
//! temporary file the killed run left. A rename that fails mid-commit (a full disk, a file
//! held open elsewhere) puts back the files already renamed, from hard links taken before the
//! first rename, so a failed commit changes nothing.

use super::{safe_name, Outcome, Tally};
use crate::error::Error;
use std::collections::HashSet;
use std::fs::{self, File};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;

/// The folder inside an output folder that holds cabinet's own bookkeeping.
pub const META_DIR: &str = ".cabinet";
const LOCK: &str = "lock";
const JOURNAL: &str = "journal";
/// Present while files may be staged: a run that finds it knows the last one did not finish
/// and looks for its leftovers (a clean run skips that search).
const STAGING: &str = "staging";
const TMP: &str = ".cabinet-tmp";
const OLD: &str = ".cabinet-old";
/// First line of a journal.
const JOURNAL_HEADER: &str = "cabinet journal 1";

/// What opening a folder found and put right.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Recovered {
    /// Files of an interrupted commit renamed into place (the journal rolled forward).
    pub completed: usize,
    /// Temporary and backup files of interrupted runs removed.
    pub removed: usize,
}

/// One file staged for the commit.
#[derive(Debug)]
struct Staged {
    name: String,
    /// `None` when the destination already holds exactly these bytes.
    tmp: Option<PathBuf>,
}

/// An open transaction on an output folder (see the module documentation).
#[derive(Debug)]
pub struct Txn {
    root: PathBuf,
    /// Held until the transaction ends: a second cabinet writing the same folder waits.
    lock: Option<File>,
    /// Folders this transaction created, removed again (if empty) when it fails.
    created: Mutex<Vec<PathBuf>>,
    staged: Mutex<Vec<Staged>>,
    /// Every name staged, folded to lower case (as Windows and macOS compare names): no
    /// output is ever written twice.
    names: Mutex<HashSet<String>>,
    marked: AtomicBool,
    committed: bool,
    pub recovered: Recovered,
}

impl Txn {
    /// Opens `root` for writing, creating it if need be: takes its lock (waiting for any other
    /// cabinet writing there), finishes an interrupted commit and removes what interrupted
    /// runs left behind.
    pub fn open(root: &Path) -> Result<Txn, Error> {
        let meta = root.join(META_DIR);
        let created = super::missing(&[root.to_path_buf(), meta.clone()]);
        let err = |path: &Path| {
            let path = path.to_path_buf();
            move |source| Error::Write { path, source }
        };
        fs::create_dir_all(&meta).map_err(err(&meta))?;
        let lock_path = meta.join(LOCK);
        let lock = File::options()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&lock_path)
            .map_err(err(&lock_path))?;
        lock.lock().map_err(err(&lock_path))?;
        let mut txn = Txn {
            root: root.to_path_buf(),
            lock: Some(lock),
            created: Mutex::new(created),
            staged: Mutex::new(Vec::new()),
            names: Mutex::new(HashSet::new()),
            marked: AtomicBool::new(false),
            committed: false,
            recovered: Recovered::default(),
        };
        txn.recovered = txn.recover()?;
        Ok(txn)
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    fn meta(&self, name: &str) -> PathBuf {
        self.root.join(META_DIR).join(name)
    }

    /// Rolls an interrupted commit forward and removes leftovers, if the last run left any.
    fn recover(&self) -> Result<Recovered, Error> {
        let mut out = Recovered::default();
        let journal = self.meta(JOURNAL);
        if let Ok(text) = fs::read_to_string(&journal) {
            let entries = parse_journal(&text);
            for e in &entries {
                let tmp = self.root.join(&e.tmp);
                if tmp.exists() {
                    fs::rename(&tmp, self.root.join(&e.dest)).map_err(|source| Error::Write {
                        path: self.root.join(&e.dest),
                        source,
                    })?;
                    out.completed += 1;
                }
            }
            for e in &entries {
                if let Some(old) = &e.old {
                    if fs::remove_file(self.root.join(old)).is_ok() {
                        out.removed += 1;
                    }
                }
            }
            remove(&journal)?;
        }
        let marker = self.meta(STAGING);
        if marker.exists() {
            out.removed += sweep(&self.root, 0);
            remove(&marker)?;
        }
        Ok(out)
    }

    /// Writes `bytes` to a temporary file beside `name` (relative to the folder), to be
    /// renamed into place by [`Txn::commit`]; nothing is written if the file already holds
    /// exactly these bytes. Safe to call from several threads.
    pub fn stage(&self, name: &str, bytes: &[u8]) -> Result<(), Error> {
        let path = super::resolve(&self.root, name)?;
        let folded = name.to_lowercase();
        if !lock(&self.names).insert(folded) {
            return Err(Error::Duplicate {
                name: name.to_string(),
            });
        }
        if !self.marked.swap(true, Ordering::SeqCst) {
            let marker = self.meta(STAGING);
            fs::write(&marker, b"").map_err(|source| Error::Write {
                path: marker,
                source,
            })?;
        }
        let err = |source| Error::Write {
            path: path.clone(),
            source,
        };
        // Only a file of the same length is read to compare.
        let same = fs::symlink_metadata(&path)
            .is_ok_and(|m| m.is_file() && m.len() == bytes.len() as u64)
            && fs::read(&path).is_ok_and(|existing| existing == bytes);
        if same {
            lock(&self.staged).push(Staged {
                name: name.to_string(),
                tmp: None,
            });
            return Ok(());
        }
        let dir = path.parent().unwrap_or(Path::new("."));
        {
            let mut created = lock(&self.created);
            let new = super::missing(&ancestors_within(&self.root, dir));
            fs::create_dir_all(dir).map_err(err)?;
            created.extend(new);
        }
        let tmp = sibling(&path, TMP);
        let result = (|| {
            let mut f = File::create(&tmp)?;
            f.write_all(bytes)
            // No fsync: the rename already guarantees that a reader sees the old file or the
            // new one, never half of one, whatever happens to the process; surviving a power
            // cut mid-build is not worth 0.1–1 ms per file, since the recovery is to build
            // again. (cargo, mdBook and zola do the same.)
        })();
        if let Err(e) = result {
            let _ = fs::remove_file(&tmp);
            return Err(err(e));
        }
        lock(&self.staged).push(Staged {
            name: name.to_string(),
            tmp: Some(tmp),
        });
        Ok(())
    }

    /// Renames every staged file into place, charts first (a page never names a chart that
    /// is not there yet), and returns what was written and what was already up to date.
    /// On failure nothing is changed: renames already done are undone.
    pub fn commit(mut self) -> Result<Tally, Error> {
        let mut staged = std::mem::take(&mut *lock(&self.staged));
        staged.sort_by(|a, b| {
            let chart = |s: &Staged| !s.name.contains("charts/");
            (chart(a), &a.name).cmp(&(chart(b), &b.name))
        });
        let mut tally = Tally::default();
        let mut entries = Vec::new();
        for s in &staged {
            let dest = self.root.join(&s.name);
            match &s.tmp {
                None => tally.record(dest, Outcome::Unchanged),
                Some(tmp) => entries.push(Entry {
                    dest: s.name.clone(),
                    tmp: relative(&self.root, tmp),
                    old: None,
                }),
            }
        }
        if let Err(e) = self.apply(&mut entries) {
            // `apply` has put everything back; dropping `staged` removes the temporaries.
            for s in staged.iter_mut() {
                if let Some(tmp) = s.tmp.take() {
                    let _ = fs::remove_file(tmp);
                }
            }
            return Err(e);
        }
        for e in &entries {
            tally.record(self.root.join(&e.dest), Outcome::Written);
        }
        for s in staged.iter_mut() {
            s.tmp = None;
        }
        self.committed = true;
        let _ = fs::remove_file(self.meta(STAGING));
        Ok(tally)
    }

    /// Backups, journal, renames; on a failed rename, everything put back.
    fn apply(&self, entries: &mut [Entry]) -> Result<(), Error> {
        if entries.is_empty() {
            return Ok(());
        }
        // A hard link to each file about to be replaced: what a failed commit puts back.
        for e in entries.iter_mut() {
            let dest = self.root.join(&e.dest);
            if fs::symlink_metadata(&dest).is_ok_and(|m| m.is_file()) {
                let old = sibling(&dest, OLD);
                let _ = fs::remove_file(&old);
                let kept = fs::hard_link(&dest, &old)
                    .or_else(|_| fs::copy(&dest, &old).map(|_| ()))
                    .map_err(|source| Error::Write {
                        path: old.clone(),
                        source,
                    });
                if let Err(err) = kept {
                    self.discard_backups(entries);
                    return Err(err);
                }
                e.old = Some(relative(&self.root, &old));
            }
        }
        let journal = self.meta(JOURNAL);
        if let Err(err) = super::write_atomic(&journal, journal_text(entries).as_bytes()) {
            self.discard_backups(entries);
            return Err(err);
        }
        let pause = slow_commit();
        for (k, e) in entries.iter().enumerate() {
            let dest = self.root.join(&e.dest);
            if let Some(pause) = pause {
                std::thread::sleep(pause);
            }
            if let Err(source) = fs::rename(self.root.join(&e.tmp), &dest) {
                let undone = self.undo(&entries[..k]);
                self.discard_backups(entries);
                let _ = fs::remove_file(&journal);
                let cause = Error::Write { path: dest, source };
                return Err(match undone {
                    Ok(()) => Error::NotUpdated {
                        cause: Box::new(cause),
                        remaining: entries.iter().map(|e| e.dest.clone()).collect(),
                    },
                    Err(undo) => undo,
                });
            }
        }
        let _ = fs::remove_file(&journal);
        self.discard_backups(entries);
        Ok(())
    }

    /// Puts back the files of `done` (already renamed into place).
    fn undo(&self, done: &[Entry]) -> Result<(), Error> {
        let mut first = None;
        for e in done.iter().rev() {
            let dest = self.root.join(&e.dest);
            let result = match &e.old {
                Some(old) => fs::rename(self.root.join(old), &dest),
                None => fs::remove_file(&dest),
            };
            if let Err(source) = result {
                first.get_or_insert(Error::Write { path: dest, source });
            }
        }
        first.map_or(Ok(()), Err)
    }

    fn discard_backups(&self, entries: &[Entry]) {
        for e in entries {
            if let Some(old) = &e.old {
                let _ = fs::remove_file(self.root.join(old));
            }
        }
    }
}

impl Drop for Txn {
    /// A transaction that ends without committing (a failed build) removes its temporary
    /// files and the folders it made, so the disk is as it found it.
    fn drop(&mut self) {
        if self.committed {
            return;
        }
        for s in lock(&self.staged).drain(..) {
            if let Some(tmp) = s.tmp {
                let _ = fs::remove_file(tmp);
            }
        }
        let _ = fs::remove_file(self.meta(STAGING));
        let created = std::mem::take(&mut *lock(&self.created));
        if created.iter().any(|d| d == &self.root) {
            // The folder is ours alone: its bookkeeping goes too.
            drop(self.lock.take());
            let _ = fs::remove_file(self.meta(LOCK));
        }
        super::remove_if_empty(&created);
    }
}

/// `CABINET_SLOW_COMMIT_MS`: a pause before each rename of a commit, for the test that kills
/// builds at random moments (`tests/kill/run.sh`): it widens the few milliseconds of renames
/// so that kills land there too. Unset, nothing pauses.
fn slow_commit() -> Option<std::time::Duration> {
    let ms: u64 = std::env::var("CABINET_SLOW_COMMIT_MS").ok()?.parse().ok()?;
    Some(std::time::Duration::from_millis(ms.min(1000)))
}

/// One rename of a commit, as the journal records it (names relative to the folder).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Entry {
    dest: String,
    tmp: String,
    old: Option<String>,
}

fn journal_text(entries: &[Entry]) -> String {
    let mut text = format!("{JOURNAL_HEADER}\n");
    for e in entries {
        text.push_str(&format!(
            "{}\t{}\t{}\n",
            e.dest,
            e.tmp,
            e.old.as_deref().unwrap_or("")
        ));
    }
    text
}

/// The entries of a journal. A journal is written whole before it is renamed into place, so
/// one that does not start with the header is not ours and is ignored (its lines are not
/// trusted to name files to rename).
fn parse_journal(text: &str) -> Vec<Entry> {
    let mut lines = text.lines();
    if lines.next() != Some(JOURNAL_HEADER) {
        return Vec::new();
    }
    lines
        .filter_map(|line| {
            let mut parts = line.split('\t');
            let (dest, tmp, old) = (parts.next()?, parts.next()?, parts.next()?);
            let ours = |n: &str| safe_name(n);
            let tmp_ok = ours(tmp) && tmp.ends_with(TMP);
            let old_ok = old.is_empty() || (ours(old) && old.ends_with(OLD));
            (ours(dest) && tmp_ok && old_ok).then(|| Entry {
                dest: dest.to_string(),
                tmp: tmp.to_string(),
                old: (!old.is_empty()).then(|| old.to_string()),
            })
        })
        .collect()
}

/// `.name.<pid><suffix>` beside `path`.
fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!(".{name}.{}{suffix}", std::process::id()))
}

fn relative(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

/// `dir` and its ancestors up to (not including) `root`.
fn ancestors_within(root: &Path, dir: &Path) -> Vec<PathBuf> {
    dir.ancestors()
        .take_while(|d| *d != root && d.starts_with(root))
        .map(Path::to_path_buf)
        .collect()
}

/// Removes the temporary and backup files interrupted runs left under `dir` (into the
/// folders cabinet writes: `charts/`, `exempt/`, and its own `.cabinet/`). Returns how many.
fn sweep(dir: &Path, depth: usize) -> usize {
    let Ok(entries) = fs::read_dir(dir) else {
        return 0;
    };
    let mut removed = 0;
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Ok(ft) = entry.file_type() else { continue };
        // `.cabinet` too: the journal itself is written whole beside its place and renamed,
        // so a run killed while writing it leaves its temporary file there.
        let swept =
            matches!(name.as_str(), "charts" | "exempt") || (depth == 0 && name == META_DIR);
        if ft.is_dir() && depth < 2 && swept {
            removed += sweep(&entry.path(), depth + 1);
        } else if ft.is_file()
            && name.starts_with('.')
            && (name.ends_with(TMP) || name.ends_with(OLD))
            && fs::remove_file(entry.path()).is_ok()
        {
            removed += 1;
        }
    }
    removed
}

fn remove(path: &Path) -> Result<(), Error> {
    match fs::remove_file(path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(source) => Err(Error::Write {
            path: path.to_path_buf(),
            source,
        }),
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(dir: &Path) -> Vec<String> {
        let mut out = Vec::new();
        for e in walk(dir) {
            out.push(relative(dir, &e));
        }
        out.sort();
        out
    }

    fn walk(dir: &Path) -> Vec<PathBuf> {
        let mut out = Vec::new();
        for e in fs::read_dir(dir).unwrap().flatten() {
            if e.file_type().unwrap().is_dir() {
                out.extend(walk(&e.path()));
            } else {
                out.push(e.path());
            }
        }
        out
    }

    #[test]
    fn staged_files_appear_only_when_committed() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("out");
        let txn = Txn::open(&root).unwrap();
        txn.stage("a.txt", b"new").unwrap();
        txn.stage("charts/b.svg", b"chart").unwrap();
        assert!(
            !root.join("a.txt").exists(),
            "nothing in place before commit"
        );
        let tally = txn.commit().unwrap();
        assert_eq!(tally.written.len(), 2);
        assert_eq!(fs::read(root.join("a.txt")).unwrap(), b"new");
        assert_eq!(files(&root), [".cabinet/lock", "a.txt", "charts/b.svg"]);
        // Same bytes: nothing to do.
        let txn = Txn::open(&root).unwrap();
        txn.stage("a.txt", b"new").unwrap();
        let tally = txn.commit().unwrap();
        assert_eq!((tally.written.len(), tally.unchanged.len()), (0, 1));
    }

    #[test]
    fn a_transaction_dropped_unfinished_leaves_the_disk_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("out");
        let txn = Txn::open(&root).unwrap();
        txn.stage("exempt/charts/x.svg", b"x").unwrap();
        drop(txn);
        assert!(!root.exists(), "a folder it made is removed again");
        // An existing folder keeps what it had.
        fs::create_dir_all(&root).unwrap();
        fs::write(root.join("keep.html"), b"old").unwrap();
        let txn = Txn::open(&root).unwrap();
        txn.stage("keep.html", b"new").unwrap();
        txn.stage("charts/c.svg", b"c").unwrap();
        drop(txn);
        assert_eq!(files(&root), [".cabinet/lock", "keep.html"]);
        assert_eq!(fs::read(root.join("keep.html")).unwrap(), b"old");
    }

    #[test]
    fn one_name_is_never_staged_twice() {
        let dir = tempfile::tempdir().unwrap();
        let txn = Txn::open(dir.path()).unwrap();
        txn.stage("report.html", b"one").unwrap();
        let err = txn.stage("Report.HTML", b"two").unwrap_err();
        assert_eq!(
            err.to_string(),
            "two outputs of this run are both named `Report.HTML`; nothing was written"
        );
    }

    #[test]
    fn names_that_escape_the_folder_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let txn = Txn::open(dir.path()).unwrap();
        for bad in ["../x", "/etc/passwd", "a/../../x", "", "a\\..\\b"] {
            assert!(txn.stage(bad, b"x").is_err(), "{bad}");
        }
    }

    /// A run killed after writing its journal: the next open finishes the renames and removes
    /// the backups; a run killed while staging: the next open removes its temporaries.
    #[test]
    fn the_next_open_rolls_an_interrupted_commit_forward_and_sweeps_leftovers() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().to_path_buf();
        fs::create_dir_all(root.join("charts")).unwrap();
        fs::write(root.join("r.html"), b"old page").unwrap();
        fs::write(root.join("charts/c.svg"), b"old chart").unwrap();
        // What a killed commit leaves: the chart renamed, the page not yet.
        fs::write(root.join("charts/c.svg"), b"new chart").unwrap();
        fs::write(root.join("charts/.c.svg.9.cabinet-old"), b"old chart").unwrap();
        fs::write(root.join(".r.html.9.cabinet-tmp"), b"new page").unwrap();
        fs::write(root.join(".r.html.9.cabinet-old"), b"old page").unwrap();
        fs::create_dir_all(root.join(".cabinet")).unwrap();
        let journal = journal_text(&[
            Entry {
                dest: "charts/c.svg".into(),
                tmp: "charts/.c.svg.9.cabinet-tmp".into(),
                old: Some("charts/.c.svg.9.cabinet-old".into()),
            },
            Entry {
                dest: "r.html".into(),
                tmp: ".r.html.9.cabinet-tmp".into(),
                old: Some(".r.html.9.cabinet-old".into()),
            },
        ]);
        fs::write(root.join(".cabinet/journal"), journal).unwrap();
        // And a staging run's leftover elsewhere, with the marker it leaves.
        fs::create_dir_all(root.join("exempt/charts")).unwrap();
        fs::write(root.join("exempt/charts/.x.svg.7.cabinet-tmp"), b"x").unwrap();
        // A journal's own temporary, from a run killed while writing it.
        fs::write(root.join(".cabinet/.journal.8.cabinet-tmp"), b"half").unwrap();
        fs::write(root.join(".cabinet/staging"), b"").unwrap();
        let txn = Txn::open(&root).unwrap();
        assert_eq!(
            txn.recovered,
            Recovered {
                completed: 1,
                removed: 4
            }
        );
        drop(txn);
        assert_eq!(fs::read(root.join("r.html")).unwrap(), b"new page");
        assert_eq!(fs::read(root.join("charts/c.svg")).unwrap(), b"new chart");
        assert_eq!(
            files(&root),
            [".cabinet/lock", "charts/c.svg", "r.html"],
            "no journal, backup or temporary is left"
        );
    }

    #[test]
    fn a_journal_not_written_by_cabinet_names_nothing() {
        assert!(parse_journal("dest\ttmp\t\n").is_empty());
        let forged = format!("{JOURNAL_HEADER}\n../../etc/passwd\t.x.cabinet-tmp\t\n");
        assert!(parse_journal(&forged).is_empty());
        let not_ours = format!("{JOURNAL_HEADER}\nr.html\tinputs/report.yaml\t\n");
        assert!(parse_journal(&not_ours).is_empty());
    }

    /// A rename that fails mid-commit (here: the destination is a folder) puts back the
    /// files already renamed: the commit changes nothing.
    #[test]
    fn a_failed_rename_undoes_the_commit() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().to_path_buf();
        fs::create_dir_all(root.join("charts")).unwrap();
        fs::write(root.join("charts/a.svg"), b"old a").unwrap();
        fs::create_dir_all(root.join("z.html/inside")).unwrap();
        let txn = Txn::open(&root).unwrap();
        txn.stage("charts/a.svg", b"new a").unwrap();
        txn.stage("charts/b.svg", b"new b").unwrap();
        txn.stage("z.html", b"page").unwrap();
        let err = txn.commit().unwrap_err();
        assert!(
            err.to_string()
                .contains("these outputs were not updated and keep their previous contents"),
            "{err}"
        );
        assert_eq!(fs::read(root.join("charts/a.svg")).unwrap(), b"old a");
        assert!(!root.join("charts/b.svg").exists());
        assert_eq!(
            files(&root),
            [".cabinet/lock", "charts/a.svg"],
            "no temporary or backup is left"
        );
    }
}
