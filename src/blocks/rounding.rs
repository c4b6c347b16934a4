//! The rounding disclosure, in one wording for every kind of paper: where the source states a
//! figure that rounding puts off the computed one, the paper prints the computed figure and
//! says so, in its Rounding section (one sentence per figure) and in the note under a table
//! block (one clause per cell). Callers format the figures (in their own unit and places) and
//! escape the name of what is disclosed.

/// What the source states and what the figures give: the words every disclosure shares.
pub fn clause(stated: &str, computed: &str) -> String {
    format!("the source states {stated}; the figures as entered give {computed}")
}

/// One figure of a paper's Rounding section: what it is (escaped), the figure the source
/// states, the computed one the paper prints, and their difference, each as printed.
pub fn sentence(what: &str, stated: &str, computed: &str, difference: &str) -> String {
    format!(
        "{what}: {}, which is what this report prints (a rounding difference of {difference}).",
        clause(stated, computed)
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_disclosure_names_the_figure_both_values_and_the_difference() {
        assert_eq!(
            super::sentence("CYPS 1A Net, Cumulative", "(4.635)", "(4.636)", "0.001"),
            "CYPS 1A Net, Cumulative: the source states (4.635); the figures as entered give (4.636), which is what this report prints (a rounding difference of 0.001)."
        );
    }
}
