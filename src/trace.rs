//! Build timings: with `CABINET_TIMINGS=<file>` set, every instrumented stage records when it
//! ran and on which thread, and the build writes them as a Chrome trace (open it in
//! `chrome://tracing` or Perfetto). Off, a span costs one relaxed atomic load.

use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::Mutex;
use std::time::Instant;

static STATE: AtomicU8 = AtomicU8::new(0); // 0 unknown, 1 off, 2 on
static EVENTS: Mutex<Vec<Event>> = Mutex::new(Vec::new());

struct Event {
    name: String,
    thread: u64,
    start: f64,
    end: f64,
}

fn epoch() -> Instant {
    static EPOCH: std::sync::OnceLock<Instant> = std::sync::OnceLock::new();
    *EPOCH.get_or_init(Instant::now)
}

fn on() -> bool {
    match STATE.load(Ordering::Relaxed) {
        2 => true,
        1 => false,
        _ => {
            let on = std::env::var_os("CABINET_TIMINGS").is_some_and(|v| !v.is_empty());
            epoch();
            STATE.store(if on { 2 } else { 1 }, Ordering::Relaxed);
            on
        }
    }
}

fn thread_number() -> u64 {
    use std::sync::atomic::AtomicU64;
    static NEXT: AtomicU64 = AtomicU64::new(1);
    thread_local!(static ID: u64 = NEXT.fetch_add(1, Ordering::Relaxed));
    ID.with(|id| *id)
}

/// Records the time from now until the guard is dropped, under `name`.
pub struct Span {
    name: Option<(String, Instant)>,
}

/// Starts a span; `name` is only built when timings are on.
pub fn span(name: impl FnOnce() -> String) -> Span {
    Span {
        name: on().then(|| (name(), Instant::now())),
    }
}

impl Drop for Span {
    fn drop(&mut self) {
        if let Some((name, start)) = self.name.take() {
            let e = epoch();
            let event = Event {
                name,
                thread: thread_number(),
                start: start.duration_since(e).as_secs_f64() * 1e6,
                end: Instant::now().duration_since(e).as_secs_f64() * 1e6,
            };
            EVENTS
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .push(event);
        }
    }
}

/// Writes the recorded spans to the file `CABINET_TIMINGS` names, if it is set, and lists
/// them on standard error in the order they started.
pub fn finish() {
    if !on() {
        return;
    }
    let Some(path) = std::env::var_os("CABINET_TIMINGS") else {
        return;
    };
    let mut events = std::mem::take(
        &mut *EVENTS
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner),
    );
    events.sort_by(|a, b| a.start.total_cmp(&b.start));
    for e in &events {
        eprintln!(
            "[thread {}] {:>8.2} ms  {:>8.2} ms  {}",
            e.thread,
            e.start / 1000.0,
            (e.end - e.start) / 1000.0,
            e.name
        );
    }
    if let Err(e) = std::fs::write(&path, chrome_trace(&events)) {
        eprintln!(
            "cannot write the timings to {}: {e}",
            path.to_string_lossy()
        );
    }
}

/// The spans in the Chrome trace-event format: complete ("X") events in microseconds.
fn chrome_trace(events: &[Event]) -> String {
    let list: Vec<serde_json::Value> = events
        .iter()
        .map(|e| {
            serde_json::json!({
                "name": e.name, "ph": "X", "pid": 1, "tid": e.thread,
                "ts": e.start, "dur": e.end - e.start,
            })
        })
        .collect();
    serde_json::Value::Array(list).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_become_complete_trace_events() {
        let events = [
            Event {
                name: "report: pdf".into(),
                thread: 2,
                start: 1500.0,
                end: 4000.0,
            },
            Event {
                name: "load".into(),
                thread: 1,
                start: 0.0,
                end: 900.5,
            },
        ];
        let v: serde_json::Value = serde_json::from_str(&chrome_trace(&events)).unwrap();
        assert_eq!(v[0]["name"], "report: pdf");
        assert_eq!(v[0]["ph"], "X");
        assert_eq!(v[0]["tid"], 2);
        assert_eq!(v[0]["ts"], 1500.0);
        assert_eq!(v[0]["dur"], 2500.0);
        assert_eq!(v[1]["dur"], 900.5);
    }

    #[test]
    fn a_span_records_nothing_when_timings_are_off() {
        // Tests never set CABINET_TIMINGS, so spans are free and record nothing.
        let mut built = false;
        drop(span(|| {
            built = true;
            "never".into()
        }));
        if std::env::var_os("CABINET_TIMINGS").is_none() {
            assert!(!built);
            assert!(EVENTS.lock().unwrap().is_empty());
        }
    }
}
