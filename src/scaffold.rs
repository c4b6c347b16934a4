//! Scaffolding and editor help: `cabinet new` writes a commented starter file that passes
//! `cabinet check` as written, and `cabinet schema` writes JSON Schemas generated from the
//! very structs the loader parses, so editor completion can never drift from the tool.

use crate::error::Error;
use crate::raw;
use crate::write::write_atomic;
use std::io::Write;
use std::path::{Path, PathBuf};

/// What `cabinet new` can make.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum NewKind {
    Initiative,
    Report,
}

const INITIATIVE: &str = include_str!("../templates/new/initiative.yaml");
const REPORT: &str = include_str!("../templates/new/report.yaml");

/// Folder, under the input folder, where the schemas are written for editors.
pub const SCHEMA_DIR: &str = ".cabinet";

/// JSON Schema of an initiative file.
pub fn initiative_schema() -> String {
    schema(
        schemars::schema_for!(raw::Initiative),
        "cabinet initiative file",
    )
}

/// JSON Schema of a report file.
pub fn report_schema() -> String {
    schema(schemars::schema_for!(raw::Report), "cabinet report file")
}

fn schema(mut s: schemars::Schema, title: &str) -> String {
    s.insert("title".into(), title.into());
    // The schema is built from our own types; serialising it cannot fail.
    serde_json::to_string_pretty(&s).unwrap_or_default() + "\n"
}

/// Every `kind:` an input file can have.
pub const KINDS: [&str; 6] = [
    "initiative",
    "report",
    "monitoring",
    "scenario",
    "improvement-plan",
    "pack",
];

/// The JSON Schema for files of `kind`, if it is one cabinet knows.
pub fn schema_for_kind(kind: &str) -> Option<String> {
    match kind {
        "initiative" => Some(initiative_schema()),
        "report" => Some(report_schema()),
        "pack" => Some(schema(
            schemars::schema_for!(crate::pack::raw::Pack),
            "cabinet agenda pack file",
        )),
        other => crate::kinds::schema(other),
    }
}

/// Writes the schema of every kind into `dir` (`<kind>.schema.json`); returns their paths.
pub fn write_schemas(dir: &Path) -> Result<Vec<PathBuf>, Error> {
    let mut out = Vec::new();
    for kind in KINDS {
        let text = schema_for_kind(kind).unwrap_or_default();
        let path = dir.join(format!("{kind}.schema.json"));
        write_atomic(&path, text.as_bytes())?;
        out.push(path);
    }
    Ok(out)
}

/// YAML needs quoting for values that start with or contain these.
fn yaml_string(s: &str) -> String {
    let plain = !s.is_empty()
        && !s.starts_with(|c: char| "-?:,[]{}#&*!|>'\"%@`~ ".contains(c))
        && !s.contains(": ")
        && !s.contains(" #")
        && !s.ends_with(':');
    if plain {
        s.to_string()
    } else {
        format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
    }
}

/// `cabinet new KIND NAME`: writes the starter file, refusing to overwrite. Returns its path.
pub fn new_file(
    kind: NewKind,
    name: &str,
    dir: Option<&Path>,
    title: Option<&str>,
) -> Result<PathBuf, Error> {
    let name = name.trim();
    if name.is_empty() {
        return Err(Error::Usage(
            "give a name, e.g. `cabinet new initiative \"CYPS 11\"`".into(),
        ));
    }
    // `inputs/` is where every other command looks by default, so a first `new` in an empty
    // folder starts it there and `cabinet check` then finds the file.
    let base = dir.map_or_else(|| PathBuf::from("inputs"), Path::to_path_buf);
    let slug = crate::validate::slug(name);
    let (path, schema_rel, text) = match kind {
        NewKind::Initiative => {
            let text = INITIATIVE
                .replace("{{reference}}", &yaml_string(name))
                .replace("{{title}}", &yaml_string(title.unwrap_or("New initiative")));
            (
                base.join("initiatives").join(format!("{slug}.yaml")),
                format!("../{SCHEMA_DIR}/initiative.schema.json"),
                text,
            )
        }
        NewKind::Report => {
            let known = crate::check_inputs(std::slice::from_ref(&base))
                .workspace
                .initiatives;
            let refs: Vec<String> = known.iter().map(|i| yaml_string(&i.reference)).collect();
            let text = REPORT
                .replace("{{title}}", &yaml_string(title.unwrap_or(name)))
                .replace("{{initiatives}}", &refs.join(", "));
            (
                base.join(format!("{slug}.yaml")),
                format!("{SCHEMA_DIR}/report.schema.json"),
                text,
            )
        }
    };
    let text = text.replace("{{schema}}", &schema_rel);
    let parent = path.parent().unwrap_or(Path::new("."));
    let io = |source| Error::Write {
        path: path.clone(),
        source,
    };
    std::fs::create_dir_all(parent).map_err(io)?;
    // `create_new` refuses to replace an existing file, atomically.
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .map_err(|e| {
            if e.kind() == std::io::ErrorKind::AlreadyExists {
                Error::Usage(format!(
                    "`{}` already exists; cabinet new never overwrites a file",
                    path.display()
                ))
            } else {
                io(e)
            }
        })?;
    f.write_all(text.as_bytes()).map_err(io)?;
    write_schemas(&base.join(SCHEMA_DIR))?;
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scaffolded_files_pass_check_and_are_never_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let i = new_file(
            NewKind::Initiative,
            "CYPS 11",
            Some(dir.path()),
            Some("Family Time: new"),
        )
        .unwrap();
        let r = new_file(NewKind::Report, "Investment report", Some(dir.path()), None).unwrap();
        let text = std::fs::read_to_string(&r).unwrap();
        assert!(text.contains("initiatives: [CYPS 11]"), "{text}");
        assert!(std::fs::read_to_string(&i)
            .unwrap()
            .starts_with("# yaml-language-server: $schema=../.cabinet/initiative.schema.json"));
        let checked = crate::check_inputs(&[dir.path().to_path_buf()]);
        assert!(checked.diagnostics.is_empty(), "{:?}", checked.diagnostics);
        assert_eq!(checked.workspace.initiatives[0].title, "Family Time: new");
        assert!(new_file(NewKind::Initiative, "CYPS 11", Some(dir.path()), None).is_err());
        assert!(dir.path().join(".cabinet/report.schema.json").is_file());
    }

    #[test]
    fn schemas_describe_the_keys_and_figures() {
        let s: serde_json::Value = serde_json::from_str(&initiative_schema()).unwrap();
        let props = &s["properties"];
        for key in ["kind", "reference", "title", "finance", "kpis", "bid"] {
            assert!(props.get(key).is_some(), "no `{key}` in the schema");
        }
        assert!(
            initiative_schema().contains("(0.165)"),
            "figures are described"
        );
        assert!(report_schema().contains("recommendations"));
        // Keys added by issue 21, in every kind that has front matter.
        for kind in ["report", "monitoring", "scenario", "improvement-plan"] {
            let s: serde_json::Value =
                serde_json::from_str(&schema_for_kind(kind).unwrap()).unwrap();
            for key in ["council", "chart_data"] {
                assert!(s["properties"].get(key).is_some(), "no `{key}` in {kind}");
            }
        }
        assert!(initiative_schema().contains("the net row's label"));
        // Keys added by issue 18: the initiative's unit and its bid form as data.
        assert!(props.get("units").is_some(), "no `units` in the schema");
        let text = initiative_schema();
        for key in [
            "\"form\"",
            "\"funding_sought\"",
            "\"savings\"",
            "\"benefits\"",
            "\"matches\"",
        ] {
            assert!(text.contains(key), "no {key} in the initiative schema");
        }
    }
}
