//! The two value types every raw file and block is made of: a value with its place in the
//! YAML ([`S`]) and a figure cell as written ([`Figure`]). A leaf, so that blocks owning their
//! raw shapes and the report files that hold those blocks can both use them.

use schemars::JsonSchema;
use serde::Deserialize;
use serde_saphyr::Spanned;
use std::borrow::Cow;

/// A value with the place in the YAML it came from. A newtype rather than an alias so that the
/// JSON Schema (generated from these very structs, so it cannot drift) describes the value.
#[derive(Debug, Deserialize)]
#[serde(transparent)]
pub struct S<T>(pub Spanned<T>);

impl<T> std::ops::Deref for S<T> {
    type Target = Spanned<T>;
    fn deref(&self) -> &Spanned<T> {
        &self.0
    }
}

impl<T: JsonSchema> JsonSchema for S<T> {
    fn inline_schema() -> bool {
        T::inline_schema()
    }
    fn schema_name() -> Cow<'static, str> {
        T::schema_name()
    }
    fn schema_id() -> Cow<'static, str> {
        T::schema_id()
    }
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        T::json_schema(generator)
    }
}

/// A figure cell: a number, a bracketed negative such as `(0.165)`, or `~` for blank.
#[derive(Debug, Deserialize)]
#[serde(transparent)]
pub struct Figure(pub Option<String>);

impl std::ops::Deref for Figure {
    type Target = Option<String>;
    fn deref(&self) -> &Option<String> {
        &self.0
    }
}

impl JsonSchema for Figure {
    fn schema_name() -> Cow<'static, str> {
        "Figure".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A figure as a council table prints it: 0.164, (0.165) or -0.165; ~ for a blank cell.",
            "anyOf": [
                { "type": "number" },
                { "type": "string", "pattern": "^\\s*(\\(\\s*£?[0-9][0-9,]*(\\.[0-9]+)?\\s*\\)|[-−+]?\\s*£?[0-9][0-9,]*(\\.[0-9]+)?%?)\\s*$" },
                { "type": "null" }
            ]
        })
    }
}
