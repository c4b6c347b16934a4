//! `cabinet serve`: builds, serves the output folder to a browser on this computer, rebuilds
//! on save (the `watch` loop) and reloads the open page when a rebuild finishes, through
//! server-sent events and a small script added to pages as they are served (never to the
//! files on disk). While the inputs have errors every served page shows them.
//!
//! `http` answers requests (only files inside the output folder), `page` makes what is
//! added to pages and the index.

mod http;
mod page;

use crate::cli::{Cli, ServeArgs};
use crate::error::Error;
use crate::watch::{self, Outcome};
use std::io::Write;
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::atomic::Ordering;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Threads answering requests: a page, its stylesheet-free assets and a PDF at once.
const WORKERS: usize = 4;
/// Open event streams (browser tabs) at most; more are refused with 503.
const MAX_STREAMS: usize = 32;
/// How often an idle event stream gets a comment, so that closed tabs are noticed.
const HEARTBEAT: Duration = Duration::from_secs(15);

/// An open event stream to one page.
type Stream = Box<dyn Write + Send>;

/// What every request handler and the rebuild loop share.
pub struct State {
    /// The output folder, canonical, so that a path can be checked to lie inside it.
    root: PathBuf,
    /// Whether `exempt/` is served: only to this computer (loopback).
    exempt: bool,
    /// Counts finished builds; a page loaded at an older one reloads.
    generation: Mutex<(u64, Outcome)>,
    streams: Mutex<Vec<Stream>>,
}

impl State {
    fn new(root: PathBuf, exempt: bool, first: Outcome) -> State {
        State {
            root,
            exempt,
            generation: Mutex::new((1, first)),
            streams: Mutex::new(Vec::new()),
        }
    }

    /// The build count and the last outcome.
    fn now(&self) -> (u64, Outcome) {
        self.generation
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone()
    }

    /// Records a finished rebuild and tells every open page to reload.
    fn finished(&self, outcome: Outcome) {
        let generation = {
            let mut g = self
                .generation
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            *g = (g.0 + 1, outcome);
            g.0
        };
        self.send(&format!("event: reload\ndata: {generation}\n\n"));
    }

    /// Writes `event` to every open stream, dropping the ones that have closed.
    fn send(&self, event: &str) {
        let mut streams = self
            .streams
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        streams.retain_mut(|s| {
            s.write_all(event.as_bytes())
                .and_then(|()| s.flush())
                .is_ok()
        });
    }

    /// Keeps `stream` to send reloads down, unless too many are open already.
    fn add_stream(&self, mut stream: Stream) -> bool {
        let mut streams = self
            .streams
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if streams.len() >= MAX_STREAMS {
            return false;
        }
        let hello = format!("retry: 1000\nevent: hello\ndata: {}\n\n", self.now().0);
        if stream
            .write_all(hello.as_bytes())
            .and_then(|()| stream.flush())
            .is_ok()
        {
            streams.push(stream);
        }
        true
    }
}

/// Whether `ip` is this computer only.
fn loopback(ip: IpAddr) -> bool {
    ip.is_loopback()
}

/// Runs `cabinet serve` until Ctrl+C.
pub fn serve(cli: &Cli, args: &ServeArgs) -> Result<(), Error> {
    let stop = watch::stop_on_ctrl_c()?;
    let build = &args.build;
    let wanted = SocketAddr::new(args.host, args.port);
    let server = tiny_http::Server::http(wanted).map_err(|e| {
        Error::Io(format!(
            "cannot listen on {wanted} ({e}); choose another port with `--port`, or `--port 0` for any free one"
        ))
    })?;
    let addr = server
        .server_addr()
        .to_ip()
        .ok_or_else(|| Error::Io("the server has no IP address".into()))?;
    let local = loopback(addr.ip());
    if !local {
        eprintln!(
            "warning: serving to other computers on {}: anyone who can reach it can read the \
             reports; exempt reports (under `{}`) are not served",
            addr.ip(),
            crate::render::EXEMPT_DIR
        );
    }
    // Watching starts before the first build and before the address is printed, so that no
    // save after either is missed.
    let changes = watch::Changes::watch(build)?;
    let first = watch::rebuild(cli, build, None);
    std::fs::create_dir_all(&build.output).map_err(|source| Error::Write {
        path: build.output.clone(),
        source,
    })?;
    let root = std::fs::canonicalize(&build.output).map_err(|source| Error::Write {
        path: build.output.clone(),
        source,
    })?;
    let state = State::new(root, local, first);
    let url = match addr {
        SocketAddr::V6(a) => format!("http://[{}]:{}/", a.ip(), a.port()),
        SocketAddr::V4(a) => format!("http://{a}/"),
    };
    changes.announce();
    eprintln!(
        "serving {} at {url} (Ctrl+C to stop)",
        build.output.display()
    );
    std::thread::scope(|s| {
        for _ in 0..WORKERS {
            s.spawn(|| {
                while !stop.load(Ordering::SeqCst) {
                    match server.recv_timeout(Duration::from_millis(200)) {
                        Ok(Some(request)) => http::answer(request, &state),
                        Ok(None) => {}
                        Err(_) => break,
                    }
                }
            });
        }
        s.spawn(|| {
            let mut last = Instant::now();
            while !stop.load(Ordering::SeqCst) {
                std::thread::sleep(Duration::from_millis(200));
                if last.elapsed() >= HEARTBEAT {
                    state.send(": still here\n\n");
                    last = Instant::now();
                }
            }
        });
        changes.rebuild_until(cli, build, &stop, |o| state.finished(o));
        // Whatever ended the loop ends the threads above too.
        stop.store(true, Ordering::SeqCst);
    });
    // Closing the streams ends every page's connection; the pages try again and find no one.
    state
        .streams
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .clear();
    eprintln!("stopped");
    Ok(())
}
