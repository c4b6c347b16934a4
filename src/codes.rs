//! Diagnostic codes: a stable identifier for every rule, with the longer explanation that
//! `cabinet explain CODE` prints (the way `rustc --explain` does).

use std::fmt;

macro_rules! codes {
    ($($variant:ident = $id:literal, $slug:literal, $meaning:literal, $explain:literal;)*) => {
        /// Every rule `cabinet` checks, one variant each.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code { $($variant,)* }

        impl Code {
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];

            /// The stable identifier, e.g. `E0201`.
            pub fn id(self) -> &'static str {
                match self { $(Code::$variant => $id,)* }
            }

            /// A short kebab-case name, e.g. `net-mismatch`.
            pub fn slug(self) -> &'static str {
                match self { $(Code::$variant => $slug,)* }
            }

            /// What the code means, in one line (`cabinet explain` lists them).
            pub fn meaning(self) -> &'static str {
                match self { $(Code::$variant => $meaning,)* }
            }

            /// The longer explanation.
            pub fn explanation(self) -> &'static str {
                match self { $(Code::$variant => $explain,)* }
            }
        }
    };
}

codes! {
    Io = "E0001", "unreadable-file", "a file or folder could not be read",
        "A file or folder could not be read: it does not exist, permissions forbid it, or it is not a regular file. Check the path you gave and that you can open the file.";
    NotUtf8 = "E0002", "not-utf8", "a file is not UTF-8 text",
        "Input files must be UTF-8 text. A file saved from Word or Excel in another encoding, or a binary file with a .yaml name, cannot be read. Save it again as UTF-8 (\"Unicode\") text.";
    TooLarge = "E0003", "file-too-large", "a file is larger than an input file can be",
        "An input file is larger than cabinet accepts (8 MiB). Real initiative and report files are a few kilobytes; a file this large is almost always the wrong file.";
    YamlSyntax = "E0004", "yaml-syntax", "the file is not valid YAML",
        "The file is not valid YAML: a missing colon, wrong indentation, a tab used to indent, an unclosed bracket or quote. The caret points at where the YAML reader gave up; the mistake is often on the line before. Indent with spaces (YAML does not allow tabs), line up the keys of one mapping in the same column, and quote text containing `: ` or starting with `*`, `&`, `[`, `{`, `%`, `@` or a quote. Nothing after the error can be read, so a file that lists initiatives or is listed by a report is not reported as missing as well.";
    YamlLimit = "E0005", "yaml-limit", "the file goes past a safety limit on YAML structure",
        "The file goes past a safety limit on YAML structure (nesting depth, number of aliases, total size). These limits stop a malicious or broken file from exhausting memory. Real council files never come near them.";
    DuplicateKey = "E0006", "duplicate-key", "a key is given twice in one mapping",
        "The same key appears twice in one mapping. YAML readers that silently keep the last value lose data, so cabinet refuses. Delete or rename one of them.";
    UnknownField = "E0007", "unknown-field", "a key the format does not have at that place",
        "A key that is not part of the format at that place. Usually a typo (`gross_savings` for `gross_saving`): a misspelt key would otherwise be silently ignored and its figures lost. The message names the nearest key allowed there (`did you mean ...?`), and the rest of the file is still checked as if the key were spelt so; where no key is near, the hint lists the keys allowed there. Every unknown key of a file is reported in one run.";
    MissingField = "E0008", "missing-field", "a required key is missing",
        "A required key is missing. See docs/input-format.md or `cabinet new` for a complete template.";
    WrongType = "E0009", "wrong-type", "a value has the wrong type",
        "A value has the wrong shape: a list where a single value is expected, text where a yes/no is expected, and so on.";
    UnknownKind = "E0010", "unknown-kind", "the file does not say what kind of file it is",
        "Every input file starts with `kind:` saying what it is: `initiative`, `report`, `monitoring`, `scenario`, `improvement-plan` or `pack`. Files without it, or with another word, cannot be understood.";
    BadFigure = "E0101", "bad-figure", "a figure cannot be read as money",
        "A figure could not be read as money. Write figures as a council table prints them: `0.164`, `(0.165)` or `-0.165`, `1,234.5`. Exponents (`1e3`), words and more than 6 decimal places are refused.";
    BadYear = "E0102", "bad-year", "a financial year is not written like 2016/17",
        "A financial year is written `2016/17`: the starting calendar year, a slash, and the last two digits of the next year.";
    YearsNotConsecutive = "E0103", "years-not-consecutive", "the years of a profile do not follow one another",
        "The years of a financial profile must follow one another without gaps or repeats (2016/17, 2017/18, 2018/19 ...), so that cumulative totals and payback mean what they say.";
    RowLength = "E0104", "row-length", "a row has more or fewer figures than there are years",
        "A row has a different number of figures from the number of years in `finance.years`. Every row needs one figure per year; use `0.000` for nil and `~` only where a blank cell is allowed.";
    YearsInconsistent = "E0105", "years-inconsistent", "the years of a report's initiatives leave a gap",
        "Initiatives of different spans may share a report (4-year bids beside 5-year ones): its programme covers every year any of them covers, each year's totals adding the initiatives that cover it (a year an initiative does not cover is blank for it, not zero). But those years must run on without a gap: a year between them that none of the report's initiatives covers would be a column of nothing, and is almost always a mistyped year (2061/62 for 2016/17). Correct the years, or report the initiatives apart.";
    BadDate = "E0106", "bad-date", "a date is not a real YYYY-MM-DD date",
        "Dates are written `YYYY-MM-DD` (for example `2016-11-14`) and must exist in the calendar.";
    BadValue = "E0107", "bad-value", "a value is not one of those allowed",
        "A value is not one of those allowed here. The message lists the allowed values.";
    EmptyText = "E0108", "empty-text", "a required text is empty",
        "A required text is empty. Reports need a title, a summary and at least one recommendation.";
    NetMismatch = "E0201", "net-mismatch", "a stated net is not investment + gross saving",
        "The stated net figure is not investment + gross saving for that year. cabinet always prints the computed net; a stated net is only there to be checked. Differences no bigger than rounding of the printed figures are warnings; larger ones are errors.";
    CumulativeMismatch = "E0202", "cumulative-mismatch", "a stated Cumulative is not the sum of its row",
        "The stated Cumulative figure of a row is not the sum of the row's figures. Differences no bigger than rounding of the printed figures are warnings; larger ones are errors. cabinet prints the computed sum. When one figure of a row puts the row's Cumulative, its year's net and the net's Cumulative out by the same amount, that figure is what disagrees with the stated ones, and it alone is reported, at the figure.";
    PaybackMismatch = "E0203", "payback-mismatch", "the stated payback does not follow from the net figures",
        "The stated payback does not follow from the net figures. cabinet's payback is the first year of net saving (net below zero), counted with the first year shown as Year 1, which is the rule the 2016 investment bids follow; `N/A` means no year shows a net saving.";
    OutOfScale = "E0204", "out-of-scale", "a figure is hundreds of times the rest of its table",
        "A figure is hundreds or thousands of times larger than the other figures of its table, the way `(880.0)` stands where `(0.088)` belongs in one published monitoring report: digits reversed, or £k typed into a £m table. 1,000 times or more is an error; 100 times or more is a warning.";
    SignSlip = "E0205", "sign-slip", "investment entered negative, or a saving positive",
        "Investment is a cost and is entered as a positive figure; gross saving reduces cost and is entered as a negative figure (in brackets). A figure with the other sign is almost always a slip.";
    KpiTotalMismatch = "E0206", "kpi-total-mismatch", "a KPI's stated total is not the sum of its values",
        "The stated total of a KPI row is not the sum of its figures. Percentages are never summed, so they cannot have a total.";
    PublishedTotalMismatch = "E0207", "published-total-mismatch", "a published programme total is not the sum of the initiatives",
        "A programme total as published is further from the sum of the initiatives' figures than rounding can explain. cabinet prints the computed sum; fix the initiative figures or the published total.";
    BidFormMismatch = "E0209", "bid-form-mismatch", "a figure of a bid form does not follow from the initiative's profile",
        "A figure the Appendix 1 bid form states (`bid.form`: the funding sought, the savings; or a row of `bid.benefits` with `matches:`) does not follow from the initiative's own profile under `finance`, by more than rounding of the printed figures can explain. The funding sought is the investment lines that count towards totals, the form's savings row is the gross saving, and a benefits row matches `investment`, `gross_saving`, `net`, `new_saving` (the saving added each year: the fall in gross saving on the year before, as a positive figure) or one investment line by its label. A breakdown written more finely (in £ beside a £m profile) agrees where it rounds to the profile's figure. The form prints the profile's figures; the ones written under `bid` are there to be checked, so a form costing a different project from the report's table is caught (the 2016 CYPS 4 form seeks 0.135 a year where the investment row is 0.000). A year the form shows must be a year of the profile.";
    RoundingDifference = "W0208", "rounding-difference", "a stated figure is off its sum by rounding (disclosed)",
        "A stated figure differs from the sum of the printed figures by no more than rounding explains: the source added unrounded figures and printed each one rounded. The allowance is half a unit in the last printed place for every figure added, and never less than one unit (a figure copied from another table, or a sum of one or two figures, may still be one unit out). cabinet prints the sum of the figures as entered and discloses the difference in the report's rounding note.";
    UnknownInitiative = "E0301", "unknown-initiative", "a report lists a reference no initiative file has",
        "The report lists an initiative reference that no initiative file has. Check the spelling against the `reference:` of the initiative files (the comparison ignores case and spaces); the message names the nearest reference there is. A reference whose file could not be read (a YAML error) is not reported: that file's own error is.";
    DuplicateReference = "E0302", "duplicate-reference", "a reference is used twice",
        "Two initiative files have the same reference, or a report lists the same initiative twice. References must be unique so every figure is counted once.";
    NoInputs = "E0303", "no-inputs", "the input folder has no .yaml files",
        "The input folder has no .yaml files. Run `cabinet new report` and `cabinet new initiative` to start, or point cabinet at the folder that holds your files.";
    UnusedInitiative = "W0304", "unused-initiative", "an initiative is listed by no report",
        "An initiative file is not listed by any report, so it appears in no output. List its reference under `initiatives:` in a report, or remove the file.";
    VarianceMismatch = "E0401", "variance-mismatch", "a stated variance does not follow from its figures",
        "A stated variance does not follow from its figures. In a monitoring table the variance is forecast − target (negative is favourable on costs and on savings entered as negative figures); in a budget table it is actual − budget, or budget − actual where `variance_sign: budget-minus-actual` says the source prints a shortfall as negative. Where target and forecast are equal the variance is nil: a figure there is a slip.";
    RagMismatch = "E0402", "rag-mismatch", "a stated RAG status does not follow from the figures",
        "A stated RAG status does not follow from the figures. A line on target or better is green; adverse by more than `rag_thresholds.amber`% of its target (default 0%) amber; by more than `rag_thresholds.red`% (default 10%) red. An initiative's status rests on its net line, else its worst KPI. A risk's rating is likelihood × impact: 15 or more red, 5 or more amber, else green.";
    ItemsTotalMismatch = "E0403", "items-total-mismatch", "a stated total is not the sum of its items",
        "A stated total is not the sum of its items (mitigations, the parts of a pressure, the target savings of a plan). When the source's items really do not add up to its total (seed 000 states £5.7m of mitigations whose items add to £5.571m), write the difference as `unitemised:` so the report prints it as its own row; the check then warns (W0404) instead.";
    TotalNotItemised = "W0404", "total-not-itemised", "a stated total differs from its items by an acknowledged amount",
        "The source states a total that its items do not account for, and the file acknowledges the difference with `unitemised:`. The report prints the items, their sum and the unitemised difference, so the reader sees both; this warning keeps the difference from being silent.";
    MonthlyMismatch = "E0405", "monthly-mismatch", "a figure of a monthly table does not follow from the others",
        "A figure of a monthly table does not follow from the others: a row's total is not the sum of its months, a `sums` row is not the sum of its group, a month's closing number is not its opening number plus the month's flows, a month does not open where the last one closed, or a cumulative or remaining figure does not follow from the actual rows and `start`. Tables marked `rounded: true` (rounded estimates) allow rounding differences, reported as warnings.";
    PercentMismatch = "E0406", "percent-mismatch", "a stated percentage is not the computed one",
        "A stated percentage is not the computed one rounded to the stated figure's decimal places (trailing zeros claim nothing: `2.60%` is read to one place). For example 7 of 64 is 10.9%, which prints as 11%, not 10%. The same rule checks a monitoring report's `percent` and `target_percent`, a proportion's `percent`, and the `stated:` figures of a table's percentage-of row (`percent: [a, b]`).";
    DuplicateLine = "E0407", "duplicate-line", "a row appears twice",
        "A row appears twice where it can appear once: two investment, saving or net lines in one initiative's table, two KPI, item or monthly rows with the same label, or the same month twice (in a monthly table's `months` or a table's month columns). A duplicated row is usually a copy-and-paste slip, and would be counted twice.";
    TargetOffProfile = "W0409", "target-off-profile", "a monitoring target differs from the approved profile",
        "A monitoring target differs from the initiative's approved profile for the year (the initiative file with the same reference): the profile's figure for the year under `basis: annual`, or its change on the year before under `basis: incremental`. Targets are sometimes re-profiled, so this is a warning; where it is not a re-profiling it is usually a figure copied from the wrong year.";
    BadMonth = "E0408", "bad-month", "a month is unreadable, or the months do not follow one another",
        "A month of a monthly table (or of a table whose first column is a month) is written `Apr`, `April`, `Apr-18` or `Apr 2018`, and the months must follow one another with no gaps or repeats (a year is needed where the table crosses one, unless the months are a financial year April to March).";
    DuplicateItem = "E0501", "duplicate-agenda-item", "two agenda items have one number, or one report twice",
        "Two agenda items of a pack have the same number, or two items name the same report. Each item needs its own number (`1`, `2`, `7a`, `77/21`) so councillors can refer to it, and each report appears once.";
    PackReportMissing = "E0502", "pack-report-missing", "an agenda item's report is not a report among the inputs",
        "An agenda item's `report:` does not name a report among the inputs (a `kind: report`, `monitoring`, `scenario` or `improvement-plan` file). The path is relative to the pack file (e.g. `report.yaml` or `reports/budget.yaml`); the file must be under the input folder and must itself pass `cabinet check`.";
    ExemptParagraph = "E0503", "exempt-paragraph", "an exemption names no paragraph of Schedule 12A",
        "An exempt item names the paragraph of Part 1 of Schedule 12A to the Local Government Act 1972 under which the press and public are excluded: 1 (an individual), 2 (identity of an individual), 3 (financial or business affairs), 4 (labour relations), 5 (legal professional privilege), 6 (notices, orders or directions) or 7 (crime). Other numbers are not paragraphs of the Schedule.";
    ExemptNotMarked = "E0504", "exempt-not-marked", "an exempt report is on a public agenda item",
        "An agenda item's report is exempt (`exempt: { paragraph: N }` in the report file) but the item is not, so its content would go into the public pack. Add `exempt: { paragraph: N }` to the item, or remove the exemption from the report if it is really for publication.";
    NoPack = "E0505", "no-pack", "`cabinet pack` cannot tell which pack file to build",
        "`cabinet pack` needs a `kind: pack` file: give its path, or keep exactly one pack file in the input folder.";
    TableReference = "E0701", "table-reference", "a table row names a row, table or column that is not there",
        "A table row names a row, table or column that is not there (`from: adult-care.funding-proposal`, `sum: [brokerage, legal]`, `changes_from: 2018/19`). A row is named by its `id:`, or by its label in lower case with words joined by `-` (`Funding Proposal` is `funding-proposal`); a row of another table is `table-id.row-id`, and the report's initiatives are `programme.investment`, `programme.gross_saving` and `programme.net`. The hint suggests the nearest name.";
    TableCycle = "E0702", "table-cycle", "rows of tables are computed from each other in a circle",
        "Rows of tables are computed from each other in a circle (a total that includes itself, or two rows each taken from the other), so no figure can be computed. One of them must be entered, or read rows that do not read it.";
    TableFigureMismatch = "E0703", "table-figure-mismatch", "a figure a table states is not what its rows give",
        "A figure a table states (`stated:` or `stated_total:`) is not what its rows give, by more than rounding of the printed figures can explain (half a unit in the last place for every entered figure it is made from, and never less than one unit). cabinet prints the computed figure; the stated one is there to be checked. Differences within rounding are warnings (W0208) and disclosed in the table's note.";
    DuplicateName = "E0704", "duplicate-name", "two tables, rows or columns share a name",
        "Two tables of a report, two rows of a table or two columns of a table have the same id or name, so a formula or a quoted figure could not say which it means. Give each its own `id:`.";
    UnitMismatch = "E0705", "unit-mismatch", "figures in one unit cannot be shown in a table in another",
        "Figures in one unit cannot be shown in a table in another: money converts exactly between £, £k and £m (£81k is 0.081 in a £m table), but a count or a percentage is not money. Check the row's, the column's or the table's `units`. A column in a unit of its own (`{ name: Children, units: count }`) cannot be read by a computed column together with columns in another unit, nor added into a Total column.";
    MoreDecimalsThanPrinted = "W0706", "more-decimals-than-printed", "a figure has more decimal places than its table prints",
        "A figure is entered with more decimal places than its table prints, so the page shows it rounded and the printed rows may not add up as printed (the table's note then names the totals that do not). The same holds for an initiative's figures in a report, at the report's `decimals` and in its `units`: 0.1645 prints as 0.165 at 3 places, and in a £k report at 0 places 0.1645 (£m) is 164.5 and prints as 165 (0.164 is 164 and prints whole). Enter the figure as printed, or raise the table's or the report's `decimals`.";
    FigureTooLarge = "E0707", "figure-too-large", "a computed figure is too large to compute or print",
        "A computed figure (a total, a net, a programme sum, a figure of a table, or a figure once converted to the report's or its table's unit) is too large to print: figures have at most 15 digits before the decimal point, as entered ones do, and sums are checked by `check` rather than failing the build. A figure of that size is a slip: a misplaced decimal point, a missing unit, or £ typed where £m is meant.";
    NarrativeFigure = "E0708", "narrative-figure", "a figure quoted in the text names nothing or disagrees with its table",
        "A figure quoted in the text (`{{ table.row.column }}`) names a table, row or column that is not there, or states a figure (`{{ funding-changes.revised-gap.2017/18 = 24.130 }}`) that the table does not give, beyond rounding. The text prints the table's figure, so the words always follow the figures; a stated figure within rounding is a warning (W0208).";
    OutputCollision = "E0601", "output-collision", "two papers or charts would be written to one file",
        "Two papers, or two charts, would be written to the same output file, so one would silently replace the other. Output files are named after each paper's file name and, for charts, the initiative's reference, keeping only lower-case letters and digits and at most 60 characters: `a/report.yaml` beside `b/report.yaml`, `Report.yaml` beside `report!.yaml`, or references that differ only in accents or after their 60th character all collide. Rename one of them. A public and an exempt paper may share a name: they are written to different folders.";
    TemplatesOutsideInputs = "E0602", "templates-outside-inputs", "a report's templates folder is outside the inputs",
        "A report's `templates:` names a folder outside the input folder, or no folder at all. Templates are code: they decide what a published page contains, so a report file may only use templates kept with its inputs, inside the folder given to cabinet. Move the folder there (or correct its path, which is relative to the report file), or pass `--templates DIR` on the command line (which you control).";
    ControlCharacter = "E0011", "control-character", "a text contains a control character",
        "A text contains a control character (written in YAML as an escape such as `\\0`, `\\a`, `\\e` or `\\x1b`), which no page can show and which makes HTML and chart files invalid. Delete it; a line break inside a text is written as a new line in a `|` block.";
    FontUnreadable = "E0902", "font-unreadable", "a fallback font cannot be read or embedded",
        "A fallback font named in a report's `fonts:` or with `--font` cannot be used: the file cannot be read, is not a font, or has CFF (PostScript) outlines, which cabinet does not embed. Name a TrueType font (.ttf), such as Debian's /usr/share/fonts/truetype/noto/NotoSansArabic-Regular.ttf; a report's paths are relative to the report file.";
    UnshowableCharacter = "W0903", "unshowable-character", "characters no font of the PDF can show",
        "A character of the text has no glyph in the built-in Noto Sans (Latin, Greek and Cyrillic) nor in any fallback font named for the PDF it goes into, so the PDF prints a replacement mark (�) in its place; the HTML and Markdown carry it as it is. Name a font that has it in the report's `fonts:` (a list of TrueType files, relative to the report) or with `--font FILE`: for example Noto Sans Arabic, Noto Sans Hebrew or a CJK font from your system's font folder. The font is embedded, subset to the characters used, so the PDF shows the text on any computer.";
    TableTooWide = "W0901", "table-too-wide", "a table column cannot fit the page even on its own",
        "A table of the PDF has a column too wide for the page even beside its row headers alone (a figure of a hundred digits, say). A table too wide for the page at its narrowest is split into groups of columns, each with the row headers repeated, so that no figure breaks across lines; this column cannot fit even so, and its figures are broken. Shorten the figures, or change the units (£k to £m).";
}

impl Code {
    /// Looks a code up by id (`E0201`) or slug (`net-mismatch`), case-insensitively.
    pub fn find(text: &str) -> Option<Code> {
        let t = text.trim();
        Code::ALL
            .iter()
            .copied()
            .find(|c| c.id().eq_ignore_ascii_case(t) || c.slug().eq_ignore_ascii_case(t))
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn ids_and_slugs_are_unique_and_findable() {
        let ids: HashSet<_> = Code::ALL.iter().map(|c| c.id()).collect();
        let slugs: HashSet<_> = Code::ALL.iter().map(|c| c.slug()).collect();
        assert_eq!(ids.len(), Code::ALL.len());
        assert_eq!(slugs.len(), Code::ALL.len());
        for c in Code::ALL {
            assert_eq!(Code::find(c.id()), Some(*c));
            assert_eq!(Code::find(c.slug()), Some(*c));
            assert!(c.explanation().len() > 40);
        }
    }
}
