//! Where a paper's outputs go: the one place that decides, for a paper of any kind, the folder
//! its files are written to (the output folder, or `exempt/` for a paper exempt from
//! publication under Schedule 12A) and the names of its files and charts. Every command
//! (`build`, `charts`, `pack`, `watch`) and the collision check name outputs through it, so a
//! rule like "exempt goes to `exempt/`" cannot be forgotten by one kind of paper.

use crate::model::PaperId;
use crate::source::Sources;
use crate::workspace::Workspace;

/// The subfolder of the output folder that exempt papers are written to.
pub const EXEMPT_DIR: &str = "exempt";

/// [`EXEMPT_DIR`] as a prefix of names relative to the output folder.
pub const EXEMPT_FOLDER: &str = "exempt/";

/// The formats every paper is written in, by file extension.
pub const FORMATS: [&str; 3] = ["md", "html", "pdf"];

/// A paper's place in the output folder.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Route {
    /// The file stem of every output: the paper's YAML file stem, made safe.
    pub slug: String,
    /// Not for publication: written under [`EXEMPT_DIR`], never beside the public papers.
    pub exempt: bool,
}

impl Route {
    /// The route of paper `id`. A paper is exempt when its own file says so, or when an agenda
    /// pack lists it as an exempt item: a clerk's marking keeps it out of the public folder
    /// even if the report file forgot.
    pub fn of(ws: &Workspace, sources: &Sources, id: PaperId) -> Route {
        let front = ws.front(id);
        let path = &sources.get(front.file).path;
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let in_pack_as_exempt = ws
            .packs
            .iter()
            .flat_map(|p| &p.items)
            .any(|item| item.report == Some(id) && item.exempt.is_some());
        Route {
            slug: crate::validate::slug(&stem),
            exempt: front.exempt.is_exempt() || in_pack_as_exempt,
        }
    }

    /// `""` or `"exempt/"`: the folder, relative to the output folder, ending in `/`.
    pub fn folder(&self) -> &'static str {
        if self.exempt {
            EXEMPT_FOLDER
        } else {
            ""
        }
    }

    /// The paper's file in format `ext` (`report.html`, `exempt/land.pdf`).
    pub fn file(&self, ext: &str) -> String {
        format!("{}{}.{ext}", self.folder(), self.slug)
    }

    /// The key of chart `chart_id` of this paper: its file stem in `charts/` and the name the
    /// Markdown shows it by (`charts/<key>.svg`, relative to the paper's own files).
    pub fn chart_key(&self, chart_id: &str) -> String {
        super::view::chart_key_of(&self.slug, chart_id)
    }

    /// The chart's file in format `ext`, relative to the output folder.
    pub fn chart_file(&self, chart_id: &str, ext: &str) -> String {
        format!("{}charts/{}.{ext}", self.folder(), self.chart_key(chart_id))
    }
}
