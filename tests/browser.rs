//! A headless Chromium driven over the DevTools protocol, for tests that use a page as
//! a person would: open it, pick files, click, read what it shows, download, take
//! screenshots — and check that nothing went wrong on the console and that no request
//! left for another site.
//!
//! Only Debian's `chromium` is needed (no driver, no Node): the browser is started with
//! `--remote-debugging-port=0` in a fresh profile, and this talks to it over one
//! WebSocket (tungstenite), in the protocol's flat session mode. Any page works: a
//! page of `zongjie serve`, or a report file opened as `file://…`.
//!
//! ```ignore
//! let Some(mut b) = Browser::launch("my_test") else { return }; // skipped, with a note
//! b.goto(&url);
//! b.set_files("#file", &[path]);
//! b.wait_for("document.querySelectorAll('#findings li').length > 0", "findings");
//! b.click("#findings li button");
//! let n = b.eval("document.querySelectorAll('mark.active').length");
//! b.screenshot("my_test_findings");                // target/screenshots/my_test_findings.png
//! assert_eq!(b.console_errors(), Vec::<String>::new());
//! assert_eq!(b.requests_outside(&[&origin]), Vec::<String>::new());
//! ```
//!
//! The browser is found as `$CHROMIUM`, else `chromium`, `chromium-browser` or
//! `google-chrome` on the PATH; without one, [`Browser::launch`] prints a note on
//! stderr (directly, so the test harness does not swallow it) and returns `None`.
//! Chromium runs in a process group of its own, ended when the [`Browser`] drops.
#![allow(dead_code)]

use std::io::Write;
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use tungstenite::protocol::WebSocketConfig;
use tungstenite::{Message, WebSocket};

/// How long one wait may last before the test fails.
const WAIT: Duration = Duration::from_secs(30);

/// A running headless Chromium with one page open.
pub struct Browser {
    child: Child,
    ws: WebSocket<TcpStream>,
    session: String,
    next_id: u64,
    events: Vec<Value>,
    profile: tempfile::TempDir,
    downloads: PathBuf,
}

/// Writes to stderr directly, so that the test harness does not swallow a skip note.
pub fn note(message: &str) {
    let _ = writeln!(std::io::stderr(), "note: {message}");
}

/// The Chromium binary, if there is one.
pub fn chromium() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("CHROMIUM").filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(p));
    }
    let path = std::env::var_os("PATH")?;
    ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .flat_map(|name| std::env::split_paths(&path).map(move |dir| dir.join(name)))
        .find(|p| p.is_file())
}

/// Where screenshots go: `target/screenshots/` of the build (`$CARGO_TARGET_DIR` when
/// set, as CI sets it).
pub fn screenshot_dir() -> PathBuf {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .map(|t| if t.is_absolute() { t } else { root.join(t) })
        .unwrap_or_else(|| root.join("target"));
    target.join("screenshots")
}

impl Browser {
    /// Starts Chromium with a fresh profile and one blank page; `None`, with a note
    /// naming `test`, when no Chromium is installed.
    pub fn launch(test: &str) -> Option<Browser> {
        let Some(binary) = chromium() else {
            note(&format!(
                "no chromium on this machine; skipping the browser test {test} \
                 (apt-get install chromium)"
            ));
            return None;
        };
        let profile = tempfile::tempdir().expect("profile dir");
        let downloads = profile.path().join("downloads");
        std::fs::create_dir_all(&downloads).expect("downloads dir");
        let log = std::fs::File::create(profile.path().join("chromium.log")).expect("log");
        let mut cmd = Command::new(&binary);
        cmd.args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--no-default-browser-check",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-default-apps",
            "--disable-extensions",
            "--disable-features=Translate,MediaRouter,OptimizationHints",
            "--mute-audio",
            "--hide-scrollbars",
            "--window-size=1280,900",
            "--remote-debugging-port=0",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg("about:blank")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(log);
        #[cfg(unix)]
        {
            use std::os::unix::process::CommandExt;
            cmd.process_group(0);
        }
        let mut child = cmd
            .spawn()
            .unwrap_or_else(|e| panic!("starting {}: {e}", binary.display()));
        let port_file = profile.path().join("DevToolsActivePort");
        let start = Instant::now();
        let (port, path) = loop {
            if let Ok(text) = std::fs::read_to_string(&port_file) {
                let mut lines = text.lines();
                if let (Some(port), Some(path)) = (lines.next(), lines.next()) {
                    break (port.trim().to_string(), path.trim().to_string());
                }
            }
            if let Ok(Some(status)) = child.try_wait() {
                let log = std::fs::read_to_string(profile.path().join("chromium.log"))
                    .unwrap_or_default();
                panic!(
                    "{} exited ({status}) before it listened:\n{log}",
                    binary.display()
                );
            }
            assert!(start.elapsed() < WAIT, "chromium did not start in time");
            std::thread::sleep(Duration::from_millis(50));
        };
        let stream = TcpStream::connect(format!("127.0.0.1:{port}")).expect("connect");
        stream.set_read_timeout(Some(WAIT)).expect("timeout");
        let config = WebSocketConfig::default()
            .max_message_size(Some(512 << 20))
            .max_frame_size(Some(512 << 20));
        let url = format!("ws://127.0.0.1:{port}{path}");
        let (ws, _) = tungstenite::client::client_with_config(url.as_str(), stream, Some(config))
            .unwrap_or_else(|e| panic!("DevTools WebSocket: {e}"));
        let mut browser = Browser {
            child,
            ws,
            session: String::new(),
            next_id: 0,
            events: Vec::new(),
            profile,
            downloads,
        };
        let target = browser.browser_call("Target.createTarget", json!({"url": "about:blank"}));
        let target_id = target["targetId"].as_str().expect("targetId").to_string();
        let attached = browser.browser_call(
            "Target.attachToTarget",
            json!({"targetId": target_id, "flatten": true}),
        );
        browser.session = attached["sessionId"]
            .as_str()
            .expect("sessionId")
            .to_string();
        for domain in ["Page", "Runtime", "Log", "Network"] {
            browser.call(&format!("{domain}.enable"), json!({}));
        }
        let dir = browser.downloads.display().to_string();
        browser.browser_call(
            "Browser.setDownloadBehavior",
            json!({"behavior": "allow", "downloadPath": dir, "eventsEnabled": true}),
        );
        Some(browser)
    }

    /// A command to the browser itself.
    pub fn browser_call(&mut self, method: &str, params: Value) -> Value {
        self.send(method, params, false)
    }

    /// A command to the page.
    pub fn call(&mut self, method: &str, params: Value) -> Value {
        self.send(method, params, true)
    }

    fn send(&mut self, method: &str, params: Value, page: bool) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        let mut msg = json!({"id": id, "method": method, "params": params});
        if page {
            msg["sessionId"] = json!(self.session);
        }
        self.ws
            .send(Message::Text(msg.to_string().into()))
            .unwrap_or_else(|e| panic!("{method}: {e}"));
        loop {
            let reply = self.receive(method);
            if reply["id"].as_u64() == Some(id) {
                if let Some(err) = reply.get("error") {
                    panic!("{method} failed: {err}");
                }
                return reply["result"].clone();
            }
            if reply.get("method").is_some() {
                self.events.push(reply);
            }
        }
    }

    fn receive(&mut self, during: &str) -> Value {
        loop {
            match self.ws.read() {
                Ok(Message::Text(text)) => {
                    return serde_json::from_str(text.as_str())
                        .unwrap_or_else(|e| panic!("DevTools sent bad JSON ({e})"));
                }
                Ok(_) => continue,
                Err(e) => panic!("DevTools connection lost during {during}: {e}"),
            }
        }
    }

    /// Opens `url` and waits until it has loaded.
    pub fn goto(&mut self, url: &str) {
        let r = self.call("Page.navigate", json!({"url": url}));
        if let Some(err) = r.get("errorText") {
            panic!("navigating to {url}: {err}");
        }
        self.wait_for("document.readyState === 'complete'", "the page to load");
    }

    /// The value of a JavaScript expression (promises are awaited); a thrown error
    /// fails the test.
    pub fn eval(&mut self, expression: &str) -> Value {
        let r = self.call(
            "Runtime.evaluate",
            json!({"expression": expression, "returnByValue": true, "awaitPromise": true}),
        );
        if let Some(ex) = r.get("exceptionDetails") {
            panic!("{expression}\nthrew: {ex}");
        }
        r["result"]["value"].clone()
    }

    /// Waits until `condition` (JavaScript) is true; fails naming `what` after 30 s.
    pub fn wait_for(&mut self, condition: &str, what: &str) {
        let start = Instant::now();
        let expr = format!("!!({condition})");
        loop {
            if self.eval(&expr) == json!(true) {
                return;
            }
            assert!(
                start.elapsed() < WAIT,
                "waited 30 s for {what} ({condition})"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Clicks the middle of the first element `selector` matches, with real mouse
    /// events (scrolled into view first).
    pub fn click(&mut self, selector: &str) {
        let sel = serde_json::to_string(selector).expect("selector");
        let rect = self.eval(&format!(
            "(() => {{ const el = document.querySelector({sel}); if (!el) return null; \
             el.scrollIntoView({{block: 'center'}}); const r = el.getBoundingClientRect(); \
             return {{x: r.x + r.width / 2, y: r.y + r.height / 2}}; }})()"
        ));
        let (Some(x), Some(y)) = (rect["x"].as_f64(), rect["y"].as_f64()) else {
            panic!("nothing to click at {selector}");
        };
        for kind in ["mouseMoved", "mousePressed", "mouseReleased"] {
            self.call(
                "Input.dispatchMouseEvent",
                json!({"type": kind, "x": x, "y": y, "button": "left", "clickCount": 1}),
            );
        }
    }

    /// Types `text` into the focused element, as a keyboard would insert it.
    pub fn type_text(&mut self, text: &str) {
        self.call("Input.insertText", json!({"text": text}));
    }

    /// Gives the file input `selector` these files, as a file picker would.
    pub fn set_files(&mut self, selector: &str, files: &[&Path]) {
        let root = self.call("DOM.getDocument", json!({"depth": 0}));
        let node = self.call(
            "DOM.querySelector",
            json!({"nodeId": root["root"]["nodeId"], "selector": selector}),
        );
        let files: Vec<String> = files
            .iter()
            .map(|f| {
                std::fs::canonicalize(f)
                    .unwrap_or_else(|e| panic!("{}: {e}", f.display()))
                    .display()
                    .to_string()
            })
            .collect();
        self.call(
            "DOM.setFileInputFiles",
            json!({"nodeId": node["nodeId"], "files": files}),
        );
    }

    /// Saves the viewport as `target/screenshots/NAME.png`; returns the path.
    pub fn screenshot(&mut self, name: &str) -> PathBuf {
        let shot = self.call("Page.captureScreenshot", json!({"format": "png"}));
        let png = decode_base64(shot["data"].as_str().expect("screenshot data"));
        let dir = screenshot_dir();
        std::fs::create_dir_all(&dir).expect("screenshot dir");
        let path = dir.join(format!("{name}.png"));
        std::fs::write(&path, png).expect("write screenshot");
        path
    }

    /// Everything logged as an error: console errors, uncaught exceptions, and the
    /// browser's own errors (failed loads, refused content).
    pub fn console_errors(&mut self) -> Vec<String> {
        self.flush();
        let mut out = Vec::new();
        for e in &self.events {
            let p = &e["params"];
            match e["method"].as_str() {
                Some("Runtime.consoleAPICalled")
                    if matches!(p["type"].as_str(), Some("error" | "assert")) =>
                {
                    let args: Vec<String> = p["args"]
                        .as_array()
                        .into_iter()
                        .flatten()
                        .map(|a| {
                            a.get("value")
                                .map(Value::to_string)
                                .or_else(|| a["description"].as_str().map(str::to_string))
                                .unwrap_or_default()
                        })
                        .collect();
                    out.push(format!("console.error: {}", args.join(" ")));
                }
                Some("Runtime.exceptionThrown") => {
                    let d = &p["exceptionDetails"];
                    out.push(format!(
                        "exception: {} {}",
                        d["text"].as_str().unwrap_or(""),
                        d["exception"]["description"].as_str().unwrap_or("")
                    ));
                }
                Some("Log.entryAdded") if p["entry"]["level"] == "error" => {
                    out.push(format!(
                        "log: {} ({})",
                        p["entry"]["text"].as_str().unwrap_or(""),
                        p["entry"]["url"].as_str().unwrap_or("")
                    ));
                }
                _ => {}
            }
        }
        out
    }

    /// Every URL the page requested.
    pub fn requests(&mut self) -> Vec<String> {
        self.flush();
        self.events
            .iter()
            .filter(|e| e["method"] == "Network.requestWillBeSent")
            .filter_map(|e| e["params"]["request"]["url"].as_str().map(str::to_string))
            .collect()
    }

    /// The requests that went anywhere but these origins (`data:` and `blob:` URLs,
    /// which never leave the page, aside).
    pub fn requests_outside(&mut self, origins: &[&str]) -> Vec<String> {
        self.requests()
            .into_iter()
            .filter(|u| !u.starts_with("data:") && !u.starts_with("blob:"))
            .filter(|u| !origins.iter().any(|o| u.starts_with(o)))
            .collect()
    }

    /// Waits for a download to complete; returns the file.
    pub fn wait_download(&mut self) -> PathBuf {
        let start = Instant::now();
        loop {
            self.flush();
            let done = self.events.iter().find_map(|e| {
                (e["method"] == "Browser.downloadProgress" && e["params"]["state"] == "completed")
                    .then(|| e["params"]["guid"].as_str().map(str::to_string))
                    .flatten()
            });
            if let Some(guid) = done {
                let name = self
                    .events
                    .iter()
                    .find(|e| {
                        e["method"] == "Browser.downloadWillBegin" && e["params"]["guid"] == guid
                    })
                    .and_then(|e| e["params"]["suggestedFilename"].as_str())
                    .expect("the download's name")
                    .to_string();
                return self.downloads.join(name);
            }
            assert!(start.elapsed() < WAIT, "waited 30 s for a download");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Reads the events sent so far (a round trip: every event sent before its answer
    /// has arrived).
    fn flush(&mut self) {
        self.call("Runtime.evaluate", json!({"expression": "0"}));
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        // Close politely, then make sure: the whole process group, renderers included.
        self.next_id += 1;
        let close = json!({"id": self.next_id, "method": "Browser.close"});
        let _ = self.ws.send(Message::Text(close.to_string().into()));
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(5) {
            if let Ok(Some(_)) = self.child.try_wait() {
                break;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        #[cfg(unix)]
        {
            let group = rustix::process::Pid::from_child(&self.child);
            let _ = rustix::process::kill_process_group(group, rustix::process::Signal::KILL);
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Standard base64 (the screenshots' encoding).
pub fn decode_base64(text: &str) -> Vec<u8> {
    let value = |c: u8| -> Option<u32> {
        Some(match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        } as u32)
    };
    let mut out = Vec::with_capacity(text.len() / 4 * 3);
    let mut acc = 0u32;
    let mut bits = 0;
    for c in text.bytes() {
        let Some(v) = value(c) else { continue };
        acc = (acc << 6) | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    out
}

#[test]
fn base64_decodes() {
    assert_eq!(decode_base64("aGVsbG8gd29ybGQ="), b"hello world");
    assert_eq!(decode_base64("5oC757uT"), "总结".as_bytes());
    assert_eq!(decode_base64(""), b"");
}
