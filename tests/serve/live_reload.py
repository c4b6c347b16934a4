#!/usr/bin/env python3
"""Live reload in a real browser: `cabinet serve` on a free port, the report page open in
headless Chromium, a figure edited in an input file, and the page shows the new figure with
no reload asked of the browser (only the page's own script reloads it). Then a broken input:
the page lists the error with its file, line and column; then fixed again.

Chromium is driven through the DevTools protocol over a pipe (--remote-debugging-pipe: file
descriptors 3 and 4, NUL-terminated JSON), so nothing beyond Python's standard library is
needed and nothing goes over the network but loopback.

Usage: live_reload.py CABINET_BINARY      exit 0 if every step held, 1 otherwise.
"""
import fcntl
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time

INITIATIVE = """kind: initiative
reference: CYPS 11
title: Family Time
finance:
  years: [2016/17, 2017/18]
  investment:
    - label: Investment
      values: [0.100, 0.164]
  gross_saving:
    values: [0.000, (0.165)]
"""


def fail(msg):
    print(f"live reload: FAIL: {msg}", file=sys.stderr)
    sys.exit(1)


class Browser:
    """Headless Chromium with the DevTools protocol on fds 3 (to it) and 4 (from it)."""

    def __init__(self):
        exe = shutil.which("chromium") or shutil.which("chromium-browser")
        if not exe:
            fail("chromium is not installed")
        to_r, self.to_w = os.pipe()
        self.from_r, from_w = os.pipe()
        self.profile = tempfile.mkdtemp()

        def fds():
            # Out of the way first, so that placing one cannot close the other; dup2 leaves
            # 3 and 4 open across exec (Python's own pipe ends close on exec).
            a = fcntl.fcntl(to_r, fcntl.F_DUPFD, 10)
            b = fcntl.fcntl(from_w, fcntl.F_DUPFD, 10)
            os.dup2(a, 3)
            os.dup2(b, 4)

        self.proc = subprocess.Popen(
            [exe, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={self.profile}", "--remote-debugging-pipe", "about:blank"],
            close_fds=False, preexec_fn=fds,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_r)
        os.close(from_w)
        self.next_id = 0
        self.buf = b""

    def call(self, method, params=None, session=None, timeout=20):
        self.next_id += 1
        msg = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = session
        os.write(self.to_w, json.dumps(msg).encode() + b"\0")
        deadline = time.time() + timeout
        while time.time() < deadline:
            while b"\0" in self.buf:
                raw, self.buf = self.buf.split(b"\0", 1)
                reply = json.loads(raw)
                if reply.get("id") == self.next_id:
                    if "error" in reply:
                        fail(f"{method}: {reply['error']}")
                    return reply.get("result", {})
            chunk = os.read(self.from_r, 1 << 16)
            if not chunk:
                fail("chromium closed the pipe")
            self.buf += chunk
        fail(f"{method}: no answer")

    def close(self):
        self.proc.kill()
        self.proc.wait()
        shutil.rmtree(self.profile, ignore_errors=True)


def main():
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    binary = os.path.abspath(sys.argv[1])
    work = tempfile.mkdtemp()
    inputs = os.path.join(work, "inputs")
    os.makedirs(os.path.join(inputs, "initiatives"))
    initiative = os.path.join(inputs, "initiatives", "cyps-11.yaml")
    with open(initiative, "w") as f:
        f.write(INITIATIVE)
    subprocess.run([binary, "-q", "new", "report", "Investment report", "--dir", inputs],
                   check=True)
    out = os.path.join(work, "output")
    server = subprocess.Popen(
        [binary, "serve", inputs, "--output", out, "--port", "0", "--format", "html"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    lines = []
    url = None
    deadline = time.time() + 60
    while url is None and time.time() < deadline:
        line = server.stderr.readline()
        if not line:
            break
        lines.append(line)
        m = re.search(r"at (http://127\.0\.0\.1:\d+/)", line)
        if m:
            url = m.group(1)
    if url is None:
        fail("serve printed no address:\n" + "".join(lines))
    threading.Thread(target=lambda: [lines.append(l) for l in server.stderr], daemon=True).start()

    browser = Browser()
    try:
        target = browser.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = browser.call("Target.attachToTarget",
                               {"targetId": target, "flatten": True})["sessionId"]

        def text():
            r = browser.call("Runtime.evaluate", {
                "expression": "document.readyState === 'complete' ? document.body.innerText : ''",
                "returnByValue": True}, session)
            return r.get("result", {}).get("value", "") or ""

        def navigations():
            r = browser.call("Runtime.evaluate", {
                "expression": "performance.getEntriesByType('navigation')[0].type",
                "returnByValue": True}, session)
            return r.get("result", {}).get("value", "")

        def wait_for(pred, what, timeout=45):
            end = time.time() + timeout
            while time.time() < end:
                t = text()
                if pred(t):
                    return t
                time.sleep(0.2)
            fail(f"{what}; the page says:\n{text()[:2000]}\n--- serve:\n{''.join(lines)}")

        def edit(old, new):
            with open(initiative) as f:
                src = f.read()
            if src.count(old) != 1:
                fail(f"`{old}` not once in the input")
            with open(initiative, "w") as f:
                f.write(src.replace(old, new))

        browser.call("Page.navigate", {"url": url + "investment-report.html"}, session)
        wait_for(lambda t: "0.164" in t and "Family Time" in t, "the report did not load")
        print("live reload: page loaded, investment 2017/18 shows 0.164")

        edit("[0.100, 0.164]", "[0.100, 0.555]")
        wait_for(lambda t: "0.555" in t and "0.164" not in t, "the edited figure did not appear")
        kind = navigations()
        if kind != "reload":
            fail(f"the page changed without its script reloading it (navigation: {kind})")
        print("live reload: edited 0.164 -> 0.555; the page reloaded itself and shows 0.555")

        edit("[0.100, 0.555]", "[0.100, 0.555, 0.1]")
        t = wait_for(lambda t: "error(s)" in t, "the error was not shown")
        if not re.search(r"initiatives/cyps-11\.yaml:8:\d+: error\[E\d+\]", t):
            fail("the error does not give file, line and column:\n" + t[:1500])
        print("live reload: broken input; the page lists "
              + re.search(r"initiatives/cyps-11\.yaml:8:\d+: error\[E\d+\][^\n]*", t).group(0))

        edit("[0.100, 0.555, 0.1]", "[0.100, 0.777]")
        wait_for(lambda t: "0.777" in t and "error(s)" not in t, "the fixed page did not return")
        print("live reload: fixed; the error is gone and the page shows 0.777")
    finally:
        browser.close()
        server.send_signal(2)  # SIGINT, as Ctrl+C
        try:
            code = server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            fail("serve did not stop on Ctrl+C")
        shutil.rmtree(work, ignore_errors=True)
    if code != 0:
        fail(f"serve exited with {code} on Ctrl+C")
    print("live reload: Ctrl+C stopped serve with exit code 0")
    print("1 passed, 0 failed")


if __name__ == "__main__":
    main()
