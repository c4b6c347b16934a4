//! A validated text field of a paper: paragraphs of Markdown and blocks, in the order the author
//! wrote them.

use std::ops::Range;

/// A validated text field: paragraphs and blocks in order.
#[derive(Debug, Clone, Default)]
pub struct Narrative {
    pub items: Vec<Content>,
}

/// One item of a narrative.
#[derive(Debug, Clone)]
pub enum Content {
    /// Markdown, with where it is written (for the place of a quoted figure).
    Text { text: String, at: Range<usize> },
    /// A table of the report, by its index among the report's tables.
    Table(usize),
}

impl Narrative {
    /// Plain Markdown (a field written as a string).
    pub fn text(text: impl Into<String>, at: Range<usize>) -> Narrative {
        Narrative {
            items: vec![Content::Text {
                text: text.into(),
                at,
            }],
        }
    }

    /// Whether there is nothing to print.
    pub fn is_empty(&self) -> bool {
        self.items.iter().all(|i| match i {
            Content::Text { text, .. } => text.trim().is_empty(),
            Content::Table(_) => false,
        })
    }

    /// The texts, in order.
    pub fn texts(&self) -> impl Iterator<Item = (&str, &Range<usize>)> {
        self.items.iter().filter_map(|i| match i {
            Content::Text { text, at } => Some((text.as_str(), at)),
            Content::Table(_) => None,
        })
    }
}
