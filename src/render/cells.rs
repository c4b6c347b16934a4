//! What each cell of a Markdown table is, the one rule the HTML page and the tagged PDF
//! share so that a screen reader hears the same table in both: the header row's cells are
//! column headers, the first cell of every other row is that row's header, the rest are data.
//! An empty cell is never a header (an empty header names nothing and screen readers announce
//! it as a blank); it stays in its place as an empty data cell, so no cell after it moves.

/// The role of one table cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cell {
    /// `<th scope="col">`, PDF `TH` with `/Scope /Column`.
    ColumnHeader,
    /// `<th scope="row">`, PDF `TH` with `/Scope /Row`.
    RowHeader,
    /// `<td>`, PDF `TD`.
    Data,
}

/// The role of the cell in column `col` of the header row (`head`) or of a body row.
pub fn kind(head: bool, col: usize, text: &str) -> Cell {
    if text.trim().is_empty() {
        Cell::Data
    } else if head {
        Cell::ColumnHeader
    } else if col == 0 {
        Cell::RowHeader
    } else {
        Cell::Data
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_are_the_first_row_and_column_unless_empty() {
        assert_eq!(kind(true, 0, "£m"), Cell::ColumnHeader);
        assert_eq!(kind(true, 3, "2016/17"), Cell::ColumnHeader);
        assert_eq!(kind(true, 0, " "), Cell::Data);
        assert_eq!(kind(false, 0, "Net"), Cell::RowHeader);
        assert_eq!(kind(false, 0, ""), Cell::Data);
        assert_eq!(kind(false, 1, "0.164"), Cell::Data);
    }
}
