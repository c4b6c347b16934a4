//! Which files a build writes for each report: `--format md,html,pdf,docx` (all four unless
//! the command line says otherwise).

/// One output format of a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, clap::ValueEnum)]
pub enum Format {
    /// `<report>.md`: the canonical text, and the charts it shows (`charts/*.svg`).
    Md,
    /// `<report>.html`: the web page, charts inline (and `charts/*.svg`).
    Html,
    /// `<report>.pdf`: the printed paper, tagged for screen readers.
    Pdf,
    /// `<report>.docx`: the Word document committee systems take.
    Docx,
}

/// A set of formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Formats {
    pub md: bool,
    pub html: bool,
    pub pdf: bool,
    pub docx: bool,
}

impl Formats {
    /// Every format: what `build` writes by default.
    pub const ALL: Formats = Formats {
        md: true,
        html: true,
        pdf: true,
        docx: true,
    };

    /// The formats named (an empty list names none).
    pub fn of(list: &[Format]) -> Formats {
        Formats {
            md: list.contains(&Format::Md),
            html: list.contains(&Format::Html),
            pdf: list.contains(&Format::Pdf),
            docx: list.contains(&Format::Docx),
        }
    }

    /// Whether the chart SVG files are wanted: the Markdown and the HTML page show them.
    pub fn chart_files(&self) -> bool {
        self.md || self.html
    }
}

impl Default for Formats {
    fn default() -> Formats {
        Formats::ALL
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_list_names_its_formats_only() {
        let f = Formats::of(&[Format::Pdf, Format::Docx]);
        assert_eq!(
            (f.md, f.html, f.pdf, f.docx, f.chart_files()),
            (false, false, true, true, false)
        );
        assert_eq!(
            Formats::of(&[Format::Md, Format::Html, Format::Pdf, Format::Docx]),
            Formats::ALL
        );
    }
}
