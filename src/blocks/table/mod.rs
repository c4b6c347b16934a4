//! The financial table block: any table a council paper prints, as data. Columns are financial
//! years of any span, months or named columns; rows are entered figures or computed from other
//! rows (sums, differences, running totals, changes on the previous column, rows of other
//! tables or of the report's programme of initiatives); units convert exactly; every figure the
//! source states is checked, and where rounding explains a difference the table's note says so.
//!
//! raw (YAML) → validate (rules, names resolved) → model → calc (figures) → view (Markdown).

pub mod calc;
pub mod chart;
pub mod raw;
pub mod validate;
pub mod view;

pub use crate::model::table::{Table, Unit};
