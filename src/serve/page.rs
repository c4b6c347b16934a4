//! What `serve` adds to pages on their way to the browser: the reload script, and while the
//! inputs have errors a panel listing them (file, line, column, message); plus the index of
//! the output folder at `/`. Files on disk are never changed.

use crate::watch::{Outcome, Problem};
use std::path::Path;

/// Reloads the page when a rebuild finishes, or at once if one finished between loading the
/// page and connecting (the build count it was served at differs). The browser reconnects by
/// itself if the server restarts.
pub const RELOAD_JS: &str = r#"(function () {
  var me = document.currentScript;
  var served = me ? me.getAttribute("data-generation") : null;
  var events = new EventSource("/_cabinet/events");
  events.addEventListener("hello", function (e) {
    if (served !== null && e.data !== served) { location.reload(); }
  });
  events.addEventListener("reload", function () { location.reload(); });
})();
"#;

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn place(p: &Problem) -> String {
    if p.file.is_empty() {
        String::new()
    } else {
        format!("{}:{}:{}: ", p.file, p.line, p.column)
    }
}

/// The panel shown at the top of every page while the last rebuild failed; empty otherwise.
pub fn problems_panel(outcome: &Outcome) -> String {
    let (title, items) = match outcome {
        Outcome::Built => return String::new(),
        Outcome::Invalid(problems) => (
            format!(
                "The inputs have {} error(s); this page is from the last build that worked. \
                 Fix them and save: the page updates by itself.",
                problems.len()
            ),
            problems
                .iter()
                .map(|p| {
                    let hints: String = p
                        .hints
                        .iter()
                        .map(|h| format!("<br>hint: {}", esc(h)))
                        .collect();
                    format!(
                        "<li><code>{}</code>{}: {}{hints}</li>",
                        esc(&place(p)),
                        esc(&p.code),
                        esc(&p.message)
                    )
                })
                .collect::<String>(),
        ),
        Outcome::Failed(message) => (
            "The last rebuild failed; this page is from the last build that worked.".to_string(),
            format!("<li>{}</li>", esc(message)),
        ),
    };
    format!(
        "<aside id=\"cabinet-problems\" role=\"alert\" style=\"position:sticky;top:0;z-index:9;\
         margin:0 0 1em;padding:0.75em 1em;background:#fff4f4;color:#1a1a1a;\
         border:2px solid #a4262c;font:15px/1.45 system-ui,sans-serif\">\
         <strong>{}</strong><ul style=\"margin:0.5em 0 0;padding-left:1.2em\">{items}</ul></aside>",
        esc(&title)
    )
}

fn script(generation: u64) -> String {
    format!("<script src=\"/_cabinet/reload.js\" data-generation=\"{generation}\"></script>")
}

/// `html` with the problems panel after `<body …>` and the reload script before `</body>`.
pub fn inject(html: &str, generation: u64, outcome: &Outcome) -> String {
    let panel = problems_panel(outcome);
    let script = script(generation);
    let mut out = String::with_capacity(html.len() + panel.len() + script.len());
    let lower = html.to_ascii_lowercase();
    let body_open = lower
        .find("<body")
        .and_then(|i| lower[i..].find('>').map(|j| i + j + 1));
    let body_close = lower.rfind("</body>");
    match body_open {
        Some(i) if body_close.is_none_or(|c| c >= i) => {
            out.push_str(&html[..i]);
            out.push_str(&panel);
            match body_close {
                Some(c) => {
                    out.push_str(&html[i..c]);
                    out.push_str(&script);
                    out.push_str(&html[c..]);
                }
                None => {
                    out.push_str(&html[i..]);
                    out.push_str(&script);
                }
            }
        }
        _ => {
            out.push_str(&panel);
            out.push_str(html);
            out.push_str(&script);
        }
    }
    out
}

/// The reports in `dir` (by file stem, sorted) and which formats each has.
fn reports(dir: &Path) -> Vec<(String, Vec<&'static str>)> {
    let mut stems: std::collections::BTreeMap<String, Vec<&'static str>> = Default::default();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    for e in entries.flatten() {
        let p = e.path();
        let (Some(stem), Some(ext)) = (
            p.file_stem().and_then(|s| s.to_str()),
            p.extension().and_then(|s| s.to_str()),
        ) else {
            continue;
        };
        let ext = match ext {
            "html" => "html",
            "pdf" => "pdf",
            "docx" => "docx",
            "md" => "md",
            _ => continue,
        };
        if p.is_file() {
            stems.entry(stem.to_string()).or_default().push(ext);
        }
    }
    let order = ["html", "pdf", "docx", "md"];
    stems
        .into_iter()
        .map(|(stem, mut exts)| {
            exts.sort_by_key(|e| order.iter().position(|o| o == e));
            (stem, exts)
        })
        .collect()
}

fn list(prefix: &str, items: &[(String, Vec<&'static str>)]) -> String {
    let mut s = String::from("<ul>");
    for (stem, exts) in items {
        let label = |e: &str| match e {
            "html" => "web page",
            "pdf" => "PDF",
            "docx" => "Word",
            _ => "Markdown",
        };
        let links: Vec<String> = exts
            .iter()
            .map(|e| {
                format!(
                    "<a href=\"/{prefix}{}.{e}\">{}</a>",
                    esc(&percent_encode(stem)),
                    label(e)
                )
            })
            .collect();
        s.push_str(&format!(
            "<li><strong>{}</strong>: {}</li>",
            esc(stem),
            links.join(" · ")
        ));
    }
    s.push_str("</ul>");
    s
}

/// `s` with everything but unreserved characters percent-encoded, for a path segment.
fn percent_encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                char::from(b).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The index at `/`: every report in the output folder with a link to each of its files.
pub fn index(root: &Path, exempt: bool, generation: u64, outcome: &Outcome) -> String {
    let mut body = String::from("<h1>Reports</h1>");
    let public = reports(root);
    if public.is_empty() {
        body.push_str("<p>No reports have been built yet.</p>");
    } else {
        body.push_str(&list("", &public));
    }
    if exempt {
        let kept = reports(&root.join(crate::render::EXEMPT_DIR));
        if !kept.is_empty() {
            body.push_str(
                "<h2>Exempt: not for publication</h2><p>Shown here because this preview is \
                 served to this computer only.</p>",
            );
            body.push_str(&list("exempt/", &kept));
        }
    }
    let page = format!(
        "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>cabinet preview</title>\n<style>body{{font:16px/1.5 system-ui,sans-serif;\
         max-width:48rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}} a{{color:#0f4c9e}}</style>\n\
         </head>\n<body>\n<main>{body}</main>\n</body>\n</html>\n"
    );
    inject(&page, generation, outcome)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem() -> Outcome {
        Outcome::Invalid(vec![Problem {
            file: "inputs/initiatives/cyps-11.yaml".into(),
            line: 8,
            column: 15,
            code: "error[E0105]".into(),
            message: "`values` has 3 figures but there are 2 years".into(),
            hints: vec!["give one figure per year".into()],
        }])
    }

    #[test]
    fn pages_get_the_script_and_while_broken_the_problems() {
        let html = "<!DOCTYPE html><html><body class=\"x\"><p>Report</p></body></html>";
        let ok = inject(html, 7, &Outcome::Built);
        assert_eq!(
            ok,
            "<!DOCTYPE html><html><body class=\"x\"><p>Report</p>\
             <script src=\"/_cabinet/reload.js\" data-generation=\"7\"></script></body></html>"
        );
        let broken = inject(html, 8, &problem());
        let panel = broken.find("cabinet-problems").expect("panel");
        assert!(panel < broken.find("<p>Report").expect("body"));
        assert!(broken.contains(
            "<code>inputs/initiatives/cyps-11.yaml:8:15: </code>error[E0105]: \
             `values` has 3 figures but there are 2 years<br>hint: give one figure per year"
        ));
        // Text that is not a page still gets both.
        let bare = inject("hello", 1, &problem());
        assert!(bare.starts_with("<aside") && bare.ends_with("</script>"));
    }

    #[test]
    fn the_index_lists_each_report_and_exempt_ones_only_locally() {
        let dir = tempfile::tempdir().expect("temp");
        let root = dir.path();
        std::fs::create_dir_all(root.join("exempt")).expect("mkdir");
        for f in [
            "report.html",
            "report.pdf",
            "report.docx",
            "report.md",
            "exempt/land.pdf",
        ] {
            std::fs::write(root.join(f), "x").expect("write");
        }
        let local = index(root, true, 1, &Outcome::Built);
        assert!(local.contains(
            "<a href=\"/report.html\">web page</a> · <a href=\"/report.pdf\">PDF</a> · \
             <a href=\"/report.docx\">Word</a> · <a href=\"/report.md\">Markdown</a>"
        ));
        assert!(local.contains("<a href=\"/exempt/land.pdf\">PDF</a>"));
        let shared = index(root, false, 1, &Outcome::Built);
        assert!(!shared.contains("exempt"));
    }
}
