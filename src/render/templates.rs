//! The template engine: one Tera with the built-in templates embedded at compile time, any of
//! which a `--templates` folder may replace by name, and the formatting filters written in Rust.

use crate::error::Error;
use crate::model::{Money, NegativeStyle};
use rust_decimal::Decimal;
use serde_json::Value;
use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, Mutex};
use tera::Tera;

/// Built-in templates: (name, source). Overrides use the same names.
pub const BUILT_IN: &[(&str, &str)] = &[
    (
        "macros.md.tera",
        include_str!("../../templates/macros.md.tera"),
    ),
    (
        "report.md.tera",
        include_str!("../../templates/report.md.tera"),
    ),
    (
        "report.html.tera",
        include_str!("../../templates/report.html.tera"),
    ),
    (
        "front.md.tera",
        include_str!("../../templates/front.md.tera"),
    ),
    (
        "monitoring.md.tera",
        include_str!("../../templates/monitoring.md.tera"),
    ),
    (
        "scenario.md.tera",
        include_str!("../../templates/scenario.md.tera"),
    ),
    (
        "improvement-plan.md.tera",
        include_str!("../../templates/improvement-plan.md.tera"),
    ),
    (
        "pack-front.md.tera",
        include_str!("../../templates/pack-front.md.tera"),
    ),
    (
        "pack-index.html.tera",
        include_str!("../../templates/pack-index.html.tera"),
    ),
];

/// Template files larger than this are refused (a template is a few kilobytes).
const MAX_TEMPLATE_BYTES: u64 = 1024 * 1024;

/// House style the filters format with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Style {
    pub decimals: u32,
    pub negatives: NegativeStyle,
}

impl Default for Style {
    /// £m to three places, negatives in brackets.
    fn default() -> Style {
        Style {
            decimals: 3,
            negatives: NegativeStyle::default(),
        }
    }
}

impl Style {
    /// The house style a paper's front matter sets.
    pub fn of(front: &crate::model::Report) -> Style {
        Style {
            decimals: front.decimals,
            negatives: front.negatives,
        }
    }
}

/// Builds the template set: built-ins, then any same-named file from `overrides`.
/// Only names that are built-in are read from the folder, so a template cannot pull in
/// arbitrary files, and Tera's `include` only sees templates registered here.
///
/// Parsing the templates costs more than rendering a report from them, so a parsed set is
/// kept for the life of the process and shared by every report with the same sources and
/// style. The override files are read on every call (cheap), so an edited template is seen
/// by the next build in `cabinet watch`.
pub fn engine(overrides: Option<&Path>, style: Style) -> Result<Arc<Engine>, Error> {
    let sources = sources(overrides)?;
    let mut cache = CACHE
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if let Some(e) = cache.iter().find(|e| e.sources == sources) {
        if let Some((_, tera)) = e.styled.iter().find(|(st, _)| *st == style) {
            return Ok(Arc::clone(tera));
        }
    }
    // The lock is held while parsing: another report wanting the same set waits rather than
    // parsing it too.
    let at = match cache.iter().position(|e| e.sources == sources) {
        Some(at) => at,
        None => {
            let parsed = parse(sources.clone())?;
            if cache.len() >= CACHE_ENTRIES {
                cache.remove(0);
            }
            cache.push(Entry {
                sources,
                parsed,
                styled: Vec::new(),
            });
            cache.len() - 1
        }
    };
    let entry = &mut cache[at];
    // A copy of the parsed set with this style's filters: cloning the parsed templates costs
    // a small fraction of parsing them again.
    let mut tera = entry.parsed.clone();
    register_filters(&mut tera, style);
    let sources_id = crate::render::fingerprint(
        entry
            .sources
            .iter()
            .flat_map(|(name, source)| [name.as_bytes(), source.as_bytes()]),
    );
    let engine = Arc::new(Engine { tera, sources_id });
    entry.styled.push((style, Arc::clone(&engine)));
    Ok(engine)
}

/// A parsed template set with a house style's filters, and a fingerprint of its sources
/// (what an output made from it depends on besides its data).
pub struct Engine {
    pub tera: Tera,
    pub sources_id: [u8; 16],
}

impl std::ops::Deref for Engine {
    type Target = Tera;

    fn deref(&self) -> &Tera {
        &self.tera
    }
}

/// Parses the template set for `overrides` into the cache ahead of need: `build` and `pack`
/// call it on a second thread while the inputs load, which takes about as long, so the first
/// report does not wait for it. A template error is left for the report that uses the set
/// to meet and report.
pub fn warm(overrides: Option<&Path>) {
    let style = Style {
        decimals: 3,
        negatives: NegativeStyle::default(),
    };
    let _ = engine(overrides, style);
}

type Sources = Vec<(String, String)>;

/// One template set: its sources, parsed once, and a copy with the filters of each house
/// style in use.
struct Entry {
    sources: Sources,
    parsed: Tera,
    styled: Vec<(Style, Arc<Engine>)>,
}

/// Parsed template sets, one per template folder in use (a handful at most).
static CACHE: Mutex<Vec<Entry>> = Mutex::new(Vec::new());
const CACHE_ENTRIES: usize = 8;

fn parse(sources: Sources) -> Result<Tera, Error> {
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html.tera"]);
    // Templates see the view model and nothing else: Tera's functions that read the
    // environment (CI secrets), the clock or a random source are replaced by ones that
    // refuse, so a template cannot print them into a published report, and output stays
    // deterministic.
    for name in ["get_env", "now", "get_random"] {
        tera.register_function(name, move |_: &HashMap<String, Value>| {
            Err(tera::Error::msg(format!(
                "`{name}()` is not available in cabinet templates: a template sees only the report's figures and text"
            )))
        });
    }
    tera.add_raw_templates(sources)
        .map_err(|e| template_error("templates", &e))?;
    Ok(tera)
}

/// The template sources: built-ins, each replaced by a same-named file in `overrides`.
fn sources(overrides: Option<&Path>) -> Result<Sources, Error> {
    let mut sources: Vec<(String, String)> = BUILT_IN
        .iter()
        .map(|(n, s)| (n.to_string(), s.to_string()))
        .collect();
    if let Some(dir) = overrides {
        if !dir.is_dir() {
            return Err(Error::Usage(format!(
                "the templates folder `{}` does not exist",
                dir.display()
            )));
        }
        for (name, source) in sources.iter_mut() {
            let path = dir.join(name.as_str());
            let Ok(meta) = std::fs::symlink_metadata(&path) else {
                continue;
            };
            if !meta.is_file() || meta.len() > MAX_TEMPLATE_BYTES {
                return Err(Error::Template {
                    name: path.display().to_string(),
                    message: "not a regular file of at most 1 MiB".into(),
                });
            }
            *source = std::fs::read_to_string(&path).map_err(|e| Error::Template {
                name: path.display().to_string(),
                message: e.to_string(),
            })?;
        }
    }
    Ok(sources)
}

/// Renders `name` with a serialisable context, reporting Tera's whole error chain.
pub fn render<T: serde::Serialize>(tera: &Tera, name: &str, context: &T) -> Result<String, Error> {
    let ctx = tera::Context::from_serialize(context).map_err(|e| template_error(name, &e))?;
    tera.render(name, &ctx)
        .map_err(|e| template_error(name, &e))
}

/// Tera puts the useful part (line, variable) in the source chain; show all of it.
fn template_error(name: &str, e: &tera::Error) -> Error {
    let mut message = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        message.push_str(": ");
        message.push_str(&s.to_string());
        source = s.source();
    }
    Error::Template {
        name: name.to_string(),
        message,
    }
}

fn decimal(v: &Value) -> Option<Decimal> {
    match v {
        // A computed figure arrives exact (`-0.0811234`): read it as it is, whatever its places
        // (a £k figure in a £m report has more than anyone may type), before the forms people
        // write (`(0.165)`, `1,234.5`) that a template may pass.
        Value::String(s) => std::str::FromStr::from_str(s.trim())
            .ok()
            .or_else(|| Money::parse(s).ok().map(Money::decimal)),
        Value::Number(n) => Money::parse(&n.to_string()).ok().map(Money::decimal),
        _ => None,
    }
}

fn register_filters(tera: &mut Tera, style: Style) {
    // `money`: exact figure → house style, e.g. "-0.165" → "(0.165)". Optional `dp` argument.
    tera.register_filter("money", move |v: &Value, args: &HashMap<String, Value>| {
        let d = decimal(v)
            .ok_or_else(|| tera::Error::msg(format!("`money` needs a figure, got {v}")))?;
        let dp = args
            .get("dp")
            .and_then(Value::as_u64)
            .map_or(style.decimals, |n| n.min(6) as u32);
        Ok(Value::String(Money::new(d).format(dp, style.negatives)))
    });
    // `pct`: 43 → "43%", 12.5 → "12.5%".
    tera.register_filter("pct", |v: &Value, _: &HashMap<String, Value>| {
        let d =
            decimal(v).ok_or_else(|| tera::Error::msg(format!("`pct` needs a number, got {v}")))?;
        Ok(Value::String(format!("{}%", d.normalize())))
    });
    // `year`: "2016/17" stays; 2016 → "2016/17".
    tera.register_filter("year", |v: &Value, _: &HashMap<String, Value>| {
        let fy = match v {
            Value::Number(n) => n
                .as_u64()
                .and_then(|y| u16::try_from(y).ok())
                .and_then(|y| crate::model::FinancialYear::new(y).ok()),
            Value::String(s) => crate::model::FinancialYear::parse(s).ok(),
            _ => None,
        };
        fy.map(|y| Value::String(y.to_string()))
            .ok_or_else(|| tera::Error::msg(format!("`year` needs a financial year, got {v}")))
    });
    // `variance`: forecast − target with its label. Negative = favourable on a cost line.
    tera.register_filter(
        "variance",
        move |v: &Value, args: &HashMap<String, Value>| {
            let d = decimal(v)
                .ok_or_else(|| tera::Error::msg(format!("`variance` needs a figure, got {v}")))?;
            let m = Money::new(d);
            let figure = m.format(style.decimals, style.negatives);
            let label = if m.is_zero() {
                "on target"
            } else if m.is_negative()
                != args.get("saving").and_then(Value::as_bool).unwrap_or(false)
            {
                "favourable"
            } else {
                "adverse"
            };
            Ok(Value::String(format!("{figure} {label}")))
        },
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A private copy of the shared engine, for tests that add templates to it.
    fn tera() -> Tera {
        Tera::clone(
            &engine(
                None,
                Style {
                    decimals: 3,
                    negatives: NegativeStyle::Brackets,
                },
            )
            .unwrap(),
        )
    }

    #[test]
    fn parsed_templates_are_shared_and_an_edited_override_is_seen() {
        let brackets = Style {
            decimals: 3,
            negatives: NegativeStyle::Brackets,
        };
        let minus = Style {
            decimals: 1,
            negatives: NegativeStyle::Minus,
        };
        assert!(Arc::ptr_eq(
            &engine(None, brackets).unwrap(),
            &engine(None, brackets).unwrap()
        ));
        assert!(!Arc::ptr_eq(
            &engine(None, brackets).unwrap(),
            &engine(None, minus).unwrap()
        ));
        let ctx = tera::Context::from_serialize(serde_json::json!({"a": "-1.25"})).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("macros.md.tera");
        std::fs::write(&file, "{% macro m(a) %}one {{ a | money }}{% endmacro m %}").unwrap();
        let render = |style| {
            let mut t = Tera::clone(&engine(Some(dir.path()), style).unwrap());
            t.add_raw_template("t", "{% import \"macros.md.tera\" as x %}{{ x::m(a=a) }}")
                .unwrap();
            t.render("t", &ctx).unwrap()
        };
        assert_eq!(render(brackets), "one (1.250)");
        assert_eq!(render(minus), "one \u{2212}1.3");
        std::fs::write(&file, "{% macro m(a) %}two {{ a | money }}{% endmacro m %}").unwrap();
        assert_eq!(render(brackets), "two (1.250)");
    }

    #[test]
    fn filters_format_in_house_style() {
        let mut t = tera();
        t.add_raw_template("t", "{{ a | money }} {{ b | money(dp=1) }} {{ c | pct }} {{ d | year }} {{ e | variance }} {{ e | variance(saving=true) }}").unwrap();
        let ctx = tera::Context::from_serialize(
            serde_json::json!({"a": "-0.165", "b": "1234.56", "c": 43, "d": 2016, "e": "-0.044"}),
        )
        .unwrap();
        assert_eq!(
            t.render("t", &ctx).unwrap(),
            "(0.165) 1,234.6 43% 2016/17 (0.044) favourable (0.044) adverse"
        );
    }

    #[test]
    fn money_prints_computed_figures_of_any_places_and_size() {
        // A £k figure in a £m report has more places than anyone may type (81.1234 is
        // 0.0811234), and a programme total more digits: neither fails the build.
        let mut t = tera();
        t.add_raw_template("t", "{{ a | money }} {{ b | money }}")
            .unwrap();
        let ctx = tera::Context::from_serialize(
            serde_json::json!({"a": "-0.0811234", "b": "1234567890123456.5"}),
        )
        .unwrap();
        assert_eq!(
            t.render("t", &ctx).unwrap(),
            "(0.081) 1,234,567,890,123,456.500"
        );
    }

    #[test]
    fn a_failing_template_names_itself_and_the_variable() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("report.md.tera"),
            "line one\n{{ no_such_variable }}\n",
        )
        .unwrap();
        let t = engine(
            Some(dir.path()),
            Style {
                decimals: 3,
                negatives: NegativeStyle::Brackets,
            },
        )
        .unwrap();
        let err = render(&t, "report.md.tera", &serde_json::json!({}))
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("report.md.tera") && err.contains("no_such_variable"),
            "{err}"
        );
    }

    #[test]
    fn templates_cannot_include_files_outside_the_set() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("report.md.tera"),
            "{% include \"/etc/passwd\" %}",
        )
        .unwrap();
        // Tera resolves includes only among registered templates: the build fails, naming it.
        let style = Style {
            decimals: 3,
            negatives: NegativeStyle::Brackets,
        };
        let err = engine(Some(dir.path()), style)
            .and_then(|t| render(&t, "report.md.tera", &serde_json::json!({})))
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("/etc/passwd") && !err.contains("root:"),
            "{err}"
        );
    }
}
