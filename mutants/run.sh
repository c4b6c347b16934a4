#!/bin/sh
# Mutation testing of the calculate and rules modules: cargo-mutants changes one operator,
# constant or function body at a time and runs the tests that can notice; a mutant the tests
# do not catch is a rule or a figure no test pins. Too slow for CI (hours on 2 cores): run by
# hand, then record the outcome in mutants/RESULTS.md. See mutants/README.md.
#
#   mutants/run.sh                      every file below
#   mutants/run.sh -f src/calc.rs       one file (the `-f`s here are then replaced)
#   mutants/run.sh --iterate            only the mutants the last run did not catch
#
# Needs `cargo install cargo-mutants` and cargo-nextest.
set -eu
cd "$(dirname "$0")/.."

files="-f src/calc.rs -f src/rules/mod.rs -f src/rules/figures.rs -f src/rules/references.rs
       -f src/rules/stated.rs -f src/rules/scale.rs -f src/rules/calendar.rs
       -f src/blocks/rag.rs -f src/blocks/risk.rs
       -f src/blocks/table/calc.rs -f src/monitoring/calc.rs
       -f src/validate/initiative.rs -f src/validate/report.rs -f src/validate/mod.rs
       -f src/monitoring/validate.rs -f src/monitoring/validate_breakdown.rs
       -f src/monitoring/validate_budget.rs -f src/monitoring/validate_monthly.rs
       -f src/monitoring/validate_plan.rs -f src/monitoring/validate_stated.rs"
case " $* " in
*" -f "* | *" --file "*) files="" ;;
esac

# The tests that can see a rule or a printed figure: the unit tests (without the PDF, Word and
# chart drawing ones, which take most of the time and read no rule), the property tests of
# money and sums, and the integration tests of rules, diagnostics and printed figures. A
# mutant these miss would also be missed by the rest (the HTML and escaping property tests,
# the PDF and pack layouts, the served preview), which read no rule and add a minute a mutant.
filter='(kind(lib) & !test(/^(render::(pdf|docx|webfont|templates)|chart|serve|write|watch)::/))
  | (binary(properties) & test(/^(calc_|money_|largest_figure|unknown_reference)/))
  | (binary(integration) & (
        test(/^(validation|errors|boundaries|monitoring|kinds|tables|explain)::/)
      | test(/^render::(example_markdown_snapshot|programme_totals|changing_one_figure|pure_cost_bids)/)
      | test(/^cli::(summary|calc_on|check_of|short_format)/)
      | test(/^pack::pack_file_problems/)))'

# Debug info off: the test binaries link several times faster, and the target folder is a
# few GB smaller. One target folder kept between runs (cargo-mutants copies the sources to a
# scratch folder each run), so a second run does not build every dependency again.
CARGO_PROFILE_DEV_DEBUG=0 CARGO_PROFILE_TEST_DEBUG=0 \
CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target/mutants-build}" \
exec cargo mutants \
    --test-tool nextest \
    --jobs 1 \
    --timeout 180 \
    --build-timeout 900 \
    --output target \
    $files \
    "$@" \
    -- --lib --test integration --test properties -E "$filter"
