//! Blocks: what a section of any paper holds between its paragraphs. Each block type owns its
//! YAML shape, its rules, its figures and its view, in one place; a section is narrative and
//! blocks in the order the author writes them ([`narrative`]).

pub mod actions;
pub mod bid_form;
pub mod narrative;
pub mod profile;
pub mod proportions;
pub mod rag;
pub mod risk;
pub mod rounding;
pub mod table;
