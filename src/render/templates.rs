//! The template engine: one Tera with the built-in templates embedded at compile time, any of
//! which a `--templates` folder may replace by name, and the formatting filters written in Rust.

use crate::model::{Money, NegativeStyle};
use crate::Error;
use rust_decimal::Decimal;
use serde_json::Value;
use std::collections::HashMap;
use std::path::Path;
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
];

/// Template files larger than this are refused (a template is a few kilobytes).
const MAX_TEMPLATE_BYTES: u64 = 1024 * 1024;

/// House style the filters format with.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub decimals: u32,
    pub negatives: NegativeStyle,
}

/// Builds the template set: built-ins, then any same-named file from `overrides`.
/// Only names that are built-in are read from the folder, so a template cannot pull in
/// arbitrary files, and Tera's `include` only sees templates registered here.
pub fn engine(overrides: Option<&Path>, style: Style) -> Result<Tera, Error> {
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
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html.tera"]);
    tera.add_raw_templates(sources)
        .map_err(|e| template_error("templates", &e))?;
    register_filters(&mut tera, style);
    Ok(tera)
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
        Value::String(s) => Money::parse(s).ok().map(Money::decimal),
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

    fn tera() -> Tera {
        engine(
            None,
            Style {
                decimals: 3,
                negatives: NegativeStyle::Brackets,
            },
        )
        .unwrap()
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
