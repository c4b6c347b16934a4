//! `cabinet serve` as a user meets it: it prints its address, serves pages with the reload
//! script added (the files on disk untouched), refuses every path outside the output folder,
//! listens on loopback only, tells open pages to reload when a saved edit is rebuilt, and
//! stops cleanly on Ctrl+C. The browser test (`tests/serve/live_reload.py`) drives headless
//! Chromium through the same steps.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};
use tempfile::TempDir;

const INITIATIVE: &str = "kind: initiative\nreference: CYPS 11\ntitle: Family Time\nfinance:\n  \
years: [2016/17, 2017/18]\n  investment:\n    - label: Investment\n      values: [0.100, 0.164]\n  \
gross_saving:\n    values: [0.000, (0.165)]\n";

/// A running `cabinet serve` over a one-initiative report, killed when dropped.
struct Serve {
    tmp: TempDir,
    child: Child,
    addr: SocketAddr,
    lines: mpsc::Receiver<String>,
}

impl Serve {
    fn start(extra: &[&str]) -> Serve {
        let tmp = TempDir::new().expect("temp");
        let inputs = tmp.path().join("inputs");
        std::fs::create_dir_all(inputs.join("initiatives")).expect("mkdir");
        std::fs::write(inputs.join("initiatives/cyps-11.yaml"), INITIATIVE).expect("write");
        // A file a traversal out of the output folder would reach.
        std::fs::write(tmp.path().join("Cargo.toml"), "[package] secret").expect("write");
        let run = crate::cabinet(
            tmp.path(),
            &[
                "-q",
                "new",
                "report",
                "Investment report",
                "--dir",
                "inputs",
            ],
        );
        run.assert_code(0);
        let mut args = vec!["serve", "inputs", "--output", "output", "--port", "0"];
        args.extend_from_slice(extra);
        let mut child = Command::new(env!("CARGO_BIN_EXE_cabinet"))
            .args(&args)
            .current_dir(tmp.path())
            .env("NO_COLOR", "1")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn serve");
        let (tx, lines) = mpsc::channel();
        let err = child.stderr.take().expect("stderr");
        std::thread::spawn(move || {
            for line in BufReader::new(err).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        let mut seen = String::new();
        let addr = loop {
            let line = lines
                .recv_timeout(Duration::from_secs(60))
                .unwrap_or_else(|_| panic!("serve printed no address:\n{seen}"));
            seen.push_str(&line);
            seen.push('\n');
            if let Some(rest) = line.split(" at http://").nth(1) {
                let addr = rest.split('/').next().expect("address");
                break addr.parse().expect("socket address");
            }
        };
        Serve {
            tmp,
            child,
            addr,
            lines,
        }
    }

    fn initiative(&self) -> PathBuf {
        self.tmp.path().join("inputs/initiatives/cyps-11.yaml")
    }

    /// Sends `target` as typed (no client tidies it) and returns the status and body.
    fn get(&self, target: &str) -> (u16, String) {
        let mut s = TcpStream::connect(self.addr).expect("connect");
        s.set_read_timeout(Some(Duration::from_secs(20)))
            .expect("timeout");
        write!(
            s,
            "GET {target} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
            self.addr
        )
        .expect("send");
        let mut reply = Vec::new();
        let _ = s.read_to_end(&mut reply);
        let reply = String::from_utf8_lossy(&reply).into_owned();
        let status = reply
            .split(' ')
            .nth(1)
            .and_then(|c| c.parse().ok())
            .unwrap_or(0);
        let body = reply
            .split_once("\r\n\r\n")
            .map(|(_, b)| b.to_string())
            .unwrap_or_default();
        (status, body)
    }

    /// Waits for a line of serve's output containing `want`.
    fn wait_line(&self, want: &str) {
        let end = Instant::now() + Duration::from_secs(60);
        while Instant::now() < end {
            if let Ok(line) = self.lines.recv_timeout(Duration::from_millis(200)) {
                if line.contains(want) {
                    return;
                }
            }
        }
        panic!("serve never printed `{want}`");
    }
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).expect("read");
    assert_eq!(text.matches(from).count(), 1, "{from}");
    std::fs::write(path, text.replace(from, to)).expect("write");
}

#[test]
fn serve_refuses_every_path_outside_the_output_folder() {
    let serve = Serve::start(&["--format", "html"]);
    let (status, page) = serve.get("/investment-report.html");
    assert_eq!(status, 200);
    assert!(page.contains("<script src=\"/_cabinet/reload.js\" data-generation=\"1\"></script>"));
    // The script is added on the way out, never written to the file.
    let on_disk = std::fs::read_to_string(serve.tmp.path().join("output/investment-report.html"))
        .expect("page on disk");
    assert!(!on_disk.contains("_cabinet"));
    let cargo = serve.tmp.path().join("Cargo.toml");
    let absolute = format!("/{}", cargo.display());
    for target in [
        "/../Cargo.toml",
        "/%2e%2e/Cargo.toml",
        "/%2E%2E%2FCargo.toml",
        "/charts/../../Cargo.toml",
        "/..%5cCargo.toml",
        absolute.as_str(),
        cargo.to_str().expect("utf-8"),
    ] {
        let (status, body) = serve.get(target);
        assert_eq!(status, 404, "{target}: {body}");
        assert!(!body.contains("secret"), "{target}");
    }
    let (status, _) = serve.get("/");
    assert_eq!(status, 200);
}

/// The listening socket's local address, from the kernel's table (Linux).
#[cfg(target_os = "linux")]
fn listening_address(port: u16) -> Vec<String> {
    let mut found = Vec::new();
    for table in ["/proc/net/tcp", "/proc/net/tcp6"] {
        let Ok(text) = std::fs::read_to_string(table) else {
            continue;
        };
        for line in text.lines().skip(1) {
            let cols: Vec<&str> = line.split_whitespace().collect();
            // Column 2 is local address:port in hex, column 4 the state (0A: listening).
            if cols.len() > 3 && cols[3] == "0A" {
                if let Some((ip, p)) = cols[1].split_once(':') {
                    if u16::from_str_radix(p, 16).ok() == Some(port) {
                        found.push(ip.to_string());
                    }
                }
            }
        }
    }
    found
}

#[test]
fn serve_listens_on_loopback_only() {
    let serve = Serve::start(&["--format", "html"]);
    assert!(serve.addr.ip().is_loopback(), "{}", serve.addr);
    #[cfg(target_os = "linux")]
    assert_eq!(
        listening_address(serve.addr.port()),
        ["0100007F"],
        "listening on 127.0.0.1 only"
    );
    // This computer's address on its network, if it has one, is not answered.
    let probe = std::net::UdpSocket::bind("0.0.0.0:0").expect("udp");
    if probe.connect("10.255.255.255:9").is_ok() {
        if let Ok(local) = probe.local_addr() {
            if !local.ip().is_loopback() && !local.ip().is_unspecified() {
                let there = SocketAddr::new(local.ip(), serve.addr.port());
                assert!(
                    TcpStream::connect_timeout(&there, Duration::from_secs(2)).is_err(),
                    "answered on {there}"
                );
            }
        }
    }
}

#[test]
fn a_saved_edit_tells_open_pages_to_reload_and_errors_show_in_the_page() {
    let serve = Serve::start(&["--format", "html"]);
    let mut events = TcpStream::connect(serve.addr).expect("connect");
    events
        .set_read_timeout(Some(Duration::from_secs(60)))
        .expect("timeout");
    write!(
        events,
        "GET /_cabinet/events HTTP/1.1\r\nHost: {}\r\nAccept: text/event-stream\r\n\r\n",
        serve.addr
    )
    .expect("send");
    let mut events = BufReader::new(events);
    let mut read_until = |want: &str| {
        let mut seen = String::new();
        // Comments every 15 s keep the stream alive, so the wait needs its own end.
        let end = Instant::now() + Duration::from_secs(60);
        loop {
            assert!(Instant::now() < end, "no `{want}` within a minute:\n{seen}");
            let mut line = String::new();
            match events.read_line(&mut line) {
                Ok(0) | Err(_) => panic!("stream ended before `{want}`:\n{seen}"),
                Ok(_) => {}
            }
            seen.push_str(&line);
            if line.trim_end() == want {
                return seen;
            }
        }
    };
    let head = read_until("event: hello");
    assert!(head.starts_with("HTTP/1.1 200"), "{head}");
    assert!(head.contains("Content-Type: text/event-stream"), "{head}");
    edit(&serve.initiative(), "[0.100, 0.164]", "[0.100, 0.555]");
    read_until("event: reload");
    let (_, page) = serve.get("/investment-report.html");
    assert!(page.contains("0.555"));
    assert!(!page.contains("cabinet-problems"));
    // A broken input: the page (still the last good build) starts with the error, placed.
    edit(&serve.initiative(), "[0.100, 0.555]", "[0.100, 0.555, 0.1]");
    read_until("event: reload");
    let (_, page) = serve.get("/investment-report.html");
    let panel = page.find("cabinet-problems").expect("the problems panel");
    assert!(panel < page.find("Family Time").expect("the report"));
    assert!(
        page.contains(
            "initiatives/cyps-11.yaml:8:15: </code>error[E0104]: Investment has 3 figures"
        ),
        "{}",
        &page[panel..panel + 800]
    );
    edit(&serve.initiative(), "[0.100, 0.555, 0.1]", "[0.100, 0.777]");
    read_until("event: reload");
    let (_, page) = serve.get("/investment-report.html");
    assert!(page.contains("0.777") && !page.contains("cabinet-problems"));
}

#[cfg(unix)]
#[test]
fn ctrl_c_stops_serve_cleanly() {
    let mut serve = Serve::start(&["--format", "html"]);
    let pid = serve.child.id().to_string();
    let sent = Command::new("kill")
        .args(["-INT", &pid])
        .status()
        .expect("kill");
    assert!(sent.success());
    let end = Instant::now() + Duration::from_secs(20);
    let status = loop {
        if let Some(s) = serve.child.try_wait().expect("wait") {
            break s;
        }
        assert!(Instant::now() < end, "serve did not stop on Ctrl+C");
        std::thread::sleep(Duration::from_millis(50));
    };
    assert_eq!(status.code(), Some(0));
    serve.wait_line("stopped");
}

#[test]
fn a_taken_port_is_a_usage_error_with_a_hint() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = taken.local_addr().expect("addr").port().to_string();
    let tmp = TempDir::new().expect("temp");
    let run = crate::cabinet(
        tmp.path(),
        &["serve", "inputs", "--port", &port, "--format", "html"],
    );
    run.assert_code(1);
    assert!(
        run.stderr.contains(&format!(
            "error: cannot listen on 127.0.0.1:{port} (Address already in use"
        )),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("`--port 0` for any free one"));
}

/// The browser test: headless Chromium loads the page, an input is edited, and the page
/// shows the new figure by itself. Needs chromium and python3 (CI installs both).
#[test]
fn a_browser_page_updates_itself_after_an_edit() {
    let have = |cmd: &str| {
        Command::new("sh")
            .args(["-c", &format!("command -v {cmd}")])
            .stdout(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    };
    if !(have("chromium") || have("chromium-browser")) || !have("python3") {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must have chromium and python3 for the browser test"
        );
        eprintln!("skipped: chromium or python3 is not installed");
        return;
    }
    let out = Command::new("python3")
        .arg(crate::repo().join("tests/serve/live_reload.py"))
        .arg(env!("CARGO_BIN_EXE_cabinet"))
        .output()
        .expect("run the browser test");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "{text}");
    assert!(
        text.contains("the page reloaded itself and shows 0.555"),
        "{text}"
    );
    assert!(text.contains("error is gone"), "{text}");
}
