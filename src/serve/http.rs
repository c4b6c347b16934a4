//! Answering one request: the index, the reload script, the event stream, or a file of the
//! output folder. A path is decoded, then refused (404) if any segment starts with a dot (`.`,
//! `..`, and cabinet's own `.cabinet/` lock and journal), if it holds a backslash, a colon or
//! a NUL, if it leads outside the output folder once links are followed, or if it is under
//! `exempt/` while serving beyond this computer.

use super::{page, State};
use std::io::Write;
use std::path::{Component, Path, PathBuf};
use tiny_http::{Header, Method, Request, Response, StatusCode};

/// Longest request target answered (a report's name is far shorter).
const MAX_URL: usize = 2048;
/// Largest file served: the output folder holds papers, not archives.
const MAX_FILE: u64 = 512 * 1024 * 1024;

fn header(name: &str, value: &str) -> Header {
    // Both are ASCII constants or built from ASCII here, so this cannot fail; a header that
    // somehow did would only be left out.
    Header::from_bytes(name.as_bytes(), value.as_bytes())
        .unwrap_or_else(|()| Header::from_bytes(&b"X-Cabinet"[..], &b"1"[..]).expect("ASCII"))
}

fn send<R: std::io::Read>(request: Request, response: Response<R>) {
    let response = response
        .with_header(header("Cache-Control", "no-store"))
        .with_header(header("X-Content-Type-Options", "nosniff"));
    // A browser that went away is no concern of the server's.
    let _ = request.respond(response);
}

fn text(request: Request, status: u16, body: &str) {
    let response = Response::from_string(body)
        .with_status_code(StatusCode(status))
        .with_header(header("Content-Type", "text/plain; charset=utf-8"));
    send(request, response);
}

fn not_found(request: Request) {
    text(request, 404, "not found\n");
}

/// The content type of a file of the output folder, by its extension.
pub fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("md") => "text/markdown; charset=utf-8",
        Some("pdf") => "application/pdf",
        Some("docx") => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("json") => "application/json",
        Some("css") => "text/css; charset=utf-8",
        Some("txt") => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// Decodes `%XX` escapes; `None` for a malformed escape or a result that is not UTF-8.
fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes.get(i + 1..i + 3)?;
            let hex = std::str::from_utf8(hex).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The file of the output folder `root` (canonical) that request path `target` names, if it
/// names one that may be served.
pub fn resolve(root: &Path, target: &str, exempt: bool) -> Option<PathBuf> {
    let path = target.split(['?', '#']).next().unwrap_or("");
    let path = path.strip_prefix('/')?;
    let decoded = percent_decode(path)?;
    if decoded.contains(['\\', ':', '\0']) {
        return None;
    }
    let mut relative = PathBuf::new();
    for segment in decoded.split('/').filter(|s| !s.is_empty()) {
        if segment.starts_with('.') {
            return None;
        }
        relative.push(segment);
    }
    // Only plain names below the root: no root, prefix or parent component survives.
    if !relative
        .components()
        .all(|c| matches!(c, Component::Normal(_)))
    {
        return None;
    }
    if !exempt
        && relative
            .components()
            .next()
            .is_some_and(|c| c.as_os_str() == crate::render::EXEMPT_DIR)
    {
        return None;
    }
    // Links are followed, and what they lead to must still be inside the folder.
    let real = std::fs::canonicalize(root.join(&relative)).ok()?;
    if !real.starts_with(root) || !real.is_file() {
        return None;
    }
    if !exempt
        && real
            .strip_prefix(root)
            .ok()?
            .starts_with(crate::render::EXEMPT_DIR)
    {
        return None;
    }
    Some(real)
}

/// Answers `request`.
pub fn answer(request: Request, state: &State) {
    let head = match request.method() {
        Method::Get => false,
        Method::Head => true,
        _ => {
            let response = Response::from_string("only GET and HEAD\n")
                .with_status_code(StatusCode(405))
                .with_header(header("Allow", "GET, HEAD"));
            return send(request, response);
        }
    };
    if request.body_length().is_some_and(|n| n > 0) {
        return text(request, 413, "a request here has no body\n");
    }
    if request.url().len() > MAX_URL {
        return text(request, 414, "address too long\n");
    }
    let target = request
        .url()
        .split(['?', '#'])
        .next()
        .unwrap_or("")
        .to_string();
    match target.as_str() {
        "/_cabinet/events" => events(request, state),
        "/_cabinet/reload.js" => {
            let response = Response::from_string(page::RELOAD_JS)
                .with_header(header("Content-Type", "text/javascript; charset=utf-8"));
            send(request, response);
        }
        "/" | "/index.html" if !state.root.join("index.html").is_file() => {
            let (generation, outcome) = state.now();
            let html = page::index(&state.root, state.exempt, generation, &outcome);
            html_response(request, html, head);
        }
        _ => match resolve(&state.root, &target, state.exempt) {
            Some(path) => file(request, &path, state, head),
            None => not_found(request),
        },
    }
}

fn html_response(request: Request, html: String, head: bool) {
    let body = if head { String::new() } else { html };
    let response =
        Response::from_string(body).with_header(header("Content-Type", "text/html; charset=utf-8"));
    send(request, response);
}

fn file(request: Request, path: &Path, state: &State, head: bool) {
    let kind = content_type(path);
    let too_big = std::fs::metadata(path).map_or(true, |m| m.len() > MAX_FILE);
    if too_big {
        return not_found(request);
    }
    if kind.starts_with("text/html") {
        // Pages are read whole to add the reload script (and any problems) on the way out.
        let Ok(html) = std::fs::read_to_string(path) else {
            return not_found(request);
        };
        let (generation, outcome) = state.now();
        return html_response(request, page::inject(&html, generation, &outcome), head);
    }
    let Ok(f) = std::fs::File::open(path) else {
        return not_found(request);
    };
    let response = if head {
        Response::new(
            StatusCode(200),
            Vec::new(),
            Box::new(std::io::empty()) as Box<dyn std::io::Read + Send>,
            None,
            None,
        )
    } else {
        let len = f
            .metadata()
            .ok()
            .and_then(|m| usize::try_from(m.len()).ok());
        Response::new(
            StatusCode(200),
            Vec::new(),
            Box::new(f) as Box<dyn std::io::Read + Send>,
            len,
            None,
        )
    };
    send(request, response.with_header(header("Content-Type", kind)));
}

/// The event stream: headers, then the build count, then an event per finished rebuild.
fn events(request: Request, state: &State) {
    let mut writer = request.into_writer();
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\n\
                Connection: keep-alive\r\nX-Content-Type-Options: nosniff\r\n\r\n";
    if writer.write_all(head.as_bytes()).is_err() {
        return;
    }
    if !state.add_stream(writer) {
        // Too many open: the page keeps working, it only stops reloading itself.
        log_refused();
    }
}

fn log_refused() {
    eprintln!("serve: too many pages open; a new one will not reload by itself");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_files_inside_the_output_folder_are_served() {
        let dir = tempfile::tempdir().expect("temp");
        let root = std::fs::canonicalize(dir.path()).expect("canonical");
        std::fs::create_dir_all(root.join("charts")).expect("mkdir");
        std::fs::create_dir_all(root.join("exempt")).expect("mkdir");
        std::fs::create_dir_all(root.join(".cabinet")).expect("mkdir");
        std::fs::write(root.join(".cabinet/lock"), "").expect("write");
        std::fs::write(root.join("charts/.hidden.svg"), "").expect("write");
        std::fs::write(root.join("report.html"), "<p>hi</p>").expect("write");
        std::fs::write(root.join("charts/a b.svg"), "<svg/>").expect("write");
        std::fs::write(root.join("exempt/land.html"), "secret").expect("write");
        let outside = tempfile::tempdir().expect("temp");
        std::fs::write(outside.path().join("secret.txt"), "x").expect("write");
        #[cfg(unix)]
        std::os::unix::fs::symlink(outside.path().join("secret.txt"), root.join("link.txt"))
            .expect("symlink");
        let ok = |t: &str| resolve(&root, t, false);
        assert_eq!(ok("/report.html"), Some(root.join("report.html")));
        assert_eq!(ok("/report.html?x=1"), Some(root.join("report.html")));
        assert_eq!(ok("/charts/a%20b.svg"), Some(root.join("charts/a b.svg")));
        for refused in [
            "/../Cargo.toml",
            "/charts/../report.html",
            "/%2e%2e/Cargo.toml",
            "/%2E%2E%2fCargo.toml",
            "/..%2fCargo.toml",
            "//etc/passwd",
            "/etc/passwd",
            "report.html",
            "/C:/Windows/win.ini",
            "/charts%5c..%5creport.html",
            "/report.html%00.png",
            "/%zz",
            "/charts",
            "/link.txt",
            "/exempt/land.html",
            "/Exempt/../exempt/land.html",
            "/.cabinet/lock",
            "/charts/.hidden.svg",
        ] {
            assert_eq!(ok(refused), None, "{refused}");
        }
        // On this computer only, the author sees their exempt report.
        assert_eq!(
            resolve(&root, "/exempt/land.html", true),
            Some(root.join("exempt/land.html"))
        );
    }

    #[test]
    fn files_carry_their_content_type() {
        assert_eq!(
            content_type(Path::new("a.docx")),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        );
        assert_eq!(content_type(Path::new("a.pdf")), "application/pdf");
        assert_eq!(content_type(Path::new("a")), "application/octet-stream");
    }
}
