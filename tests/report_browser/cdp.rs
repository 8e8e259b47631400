//! A small Chrome DevTools Protocol client for the browser tests: it starts Debian's
//! headless `chromium` with a fresh profile, talks to one page over the protocol's
//! WebSocket, and records what a test asks about afterwards: console messages,
//! uncaught exceptions, log entries and every request the page made.
//!
//! No WebDriver: the protocol needs only the browser, so CI installs `chromium` and
//! nothing else. [`Browser::launch`] returns `None` (and says so on stderr, which
//! the test harness does not capture) when there is no browser to run.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use tungstenite::{Message, WebSocket};

/// How long one protocol call may take.
const CALL_TIMEOUT: Duration = Duration::from_secs(60);

/// The browser: its process, the protocol connection and one page's session.
pub struct Browser {
    child: Child,
    ws: WebSocket<TcpStream>,
    session: String,
    next_id: u64,
    /// Every event received, in order.
    pub events: Vec<Value>,
    _profile: tempfile::TempDir,
}

/// The browser to run: `$ZONGJIE_CHROMIUM`, else `chromium` or `chromium-browser` on
/// the PATH.
fn find_chromium() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("ZONGJIE_CHROMIUM") {
        return Some(PathBuf::from(p));
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|dir| ["chromium", "chromium-browser"].map(|n| dir.join(n)))
        .find(|p| p.is_file())
}

/// Writes a note straight to stderr (the harness captures `eprintln!`, not this).
pub fn note(text: &str) {
    let _ = writeln!(std::io::stderr(), "{text}");
}

impl Browser {
    /// Starts headless chromium with a page open on `about:blank`; `None` when no
    /// browser is installed.
    pub fn launch() -> Option<Browser> {
        let Some(bin) = find_chromium() else {
            note(
                "note: chromium is not installed; skipping the browser test (apt-get install chromium)",
            );
            return None;
        };
        let profile = tempfile::tempdir().expect("temp profile");
        let mut child = Command::new(&bin)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-extensions",
                "--hide-scrollbars",
                "--remote-debugging-port=0",
            ])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .arg("about:blank")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("starting {}: {e}", bin.display()));
        // The browser names its endpoint on stderr: "DevTools listening on ws://…".
        let stderr = child.stderr.take().expect("stderr");
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if let Some(url) = line.strip_prefix("DevTools listening on ") {
                    let _ = tx.send(url.trim().to_string());
                }
            }
        });
        let url = match rx.recv_timeout(Duration::from_secs(30)) {
            Ok(url) => url,
            Err(_) => {
                let _ = child.kill();
                let _ = child.wait();
                panic!("{} did not open its DevTools endpoint", bin.display());
            }
        };
        let host = url
            .strip_prefix("ws://")
            .and_then(|rest| rest.split('/').next())
            .expect("a ws:// endpoint")
            .to_string();
        let stream = TcpStream::connect(&host).expect("connecting to DevTools");
        // The handshake blocks (a read timeout would interrupt it halfway); after it,
        // reads time out so the client can poll for events between calls.
        stream
            .set_read_timeout(Some(CALL_TIMEOUT))
            .expect("read timeout");
        let (ws, _) = tungstenite::client(url.as_str(), stream).expect("DevTools handshake");
        ws.get_ref()
            .set_read_timeout(Some(Duration::from_millis(200)))
            .expect("read timeout");
        let mut browser = Browser {
            child,
            ws,
            session: String::new(),
            next_id: 0,
            events: Vec::new(),
            _profile: profile,
        };
        let target = browser.call_browser("Target.createTarget", json!({"url": "about:blank"}));
        let target_id = target["targetId"].as_str().expect("targetId").to_string();
        let attached = browser.call_browser(
            "Target.attachToTarget",
            json!({"targetId": target_id, "flatten": true}),
        );
        browser.session = attached["sessionId"]
            .as_str()
            .expect("sessionId")
            .to_string();
        for domain in [
            "Page.enable",
            "Runtime.enable",
            "Log.enable",
            "Network.enable",
        ] {
            browser.call(domain, json!({}));
        }
        Some(browser)
    }

    fn send(&mut self, method: &str, params: Value, session: Option<String>) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        let mut msg = json!({"id": id, "method": method, "params": params});
        if let Some(s) = session {
            msg["sessionId"] = json!(s);
        }
        self.ws
            .send(Message::text(msg.to_string()))
            .unwrap_or_else(|e| panic!("{method}: {e}"));
        let start = Instant::now();
        loop {
            assert!(start.elapsed() < CALL_TIMEOUT, "{method}: no answer");
            let Some(v) = self.read() else { continue };
            if v["id"] == json!(id) {
                if let Some(err) = v.get("error") {
                    panic!("{method}: {err}");
                }
                return v["result"].clone();
            }
            if v.get("method").is_some() {
                self.events.push(v);
            }
        }
    }

    /// One message, or `None` when none came within the read timeout.
    fn read(&mut self) -> Option<Value> {
        match self.ws.read() {
            Ok(Message::Text(t)) => serde_json::from_str(t.as_str()).ok(),
            Ok(_) => None,
            Err(tungstenite::Error::Io(e))
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) =>
            {
                None
            }
            Err(e) => panic!("DevTools connection: {e}"),
        }
    }

    fn call_browser(&mut self, method: &str, params: Value) -> Value {
        self.send(method, params, None)
    }

    /// Calls `method` on the page; panics on a protocol error.
    pub fn call(&mut self, method: &str, params: Value) -> Value {
        let session = self.session.clone();
        self.send(method, params, Some(session))
    }

    /// Reads messages for `d`, keeping the events.
    pub fn pump(&mut self, d: Duration) {
        let start = Instant::now();
        while start.elapsed() < d {
            if let Some(v) = self.read()
                && v.get("method").is_some()
            {
                self.events.push(v);
            }
        }
    }

    /// Opens `path` and waits for its load event.
    pub fn open(&mut self, path: &Path, width: u32, height: u32) {
        self.call(
            "Emulation.setDeviceMetricsOverride",
            json!({"width": width, "height": height, "deviceScaleFactor": 1, "mobile": false}),
        );
        let url = format!("file://{}", path.display());
        let before = self.events.len();
        self.call("Page.navigate", json!({"url": url}));
        let start = Instant::now();
        while !self.events[before..]
            .iter()
            .any(|e| e["method"] == "Page.loadEventFired")
        {
            assert!(start.elapsed() < CALL_TIMEOUT, "{url} did not load");
            if let Some(v) = self.read()
                && v.get("method").is_some()
            {
                self.events.push(v);
            }
        }
    }

    /// The value of a JavaScript expression (promises awaited); panics on an exception.
    pub fn eval(&mut self, expression: &str) -> Value {
        let r = self.call(
            "Runtime.evaluate",
            json!({"expression": expression, "returnByValue": true, "awaitPromise": true}),
        );
        if let Some(e) = r.get("exceptionDetails") {
            panic!("{expression}\n  threw {e}");
        }
        r["result"]["value"].clone()
    }

    /// Waits until the expression is true (up to 10 s).
    pub fn wait_for(&mut self, condition: &str) {
        let ok = self.eval(&format!(
            "new Promise(done => {{ const t0 = Date.now(); (function poll() {{ \
               if ({condition}) done(true); else if (Date.now() - t0 > 10000) done(false); \
               else setTimeout(poll, 20); }})(); }})"
        ));
        assert_eq!(ok, json!(true), "timed out waiting for {condition}");
    }

    /// A screenshot of the whole page as PNG at `path`.
    pub fn screenshot(&mut self, path: &Path) {
        let r = self.call(
            "Page.captureScreenshot",
            json!({"format": "png", "captureBeyondViewport": true}),
        );
        write_base64(path, &r["data"]);
    }

    /// The page printed to PDF at `path` (A4, backgrounds on).
    pub fn print_pdf(&mut self, path: &Path) {
        let r = self.call(
            "Page.printToPDF",
            json!({"printBackground": true, "paperWidth": 8.27, "paperHeight": 11.69}),
        );
        write_base64(path, &r["data"]);
    }

    /// Console errors, uncaught exceptions and error log entries, as text.
    pub fn errors(&self) -> Vec<String> {
        self.events
            .iter()
            .filter_map(|e| match e["method"].as_str()? {
                "Runtime.exceptionThrown" => Some(e["params"]["exceptionDetails"].to_string()),
                "Runtime.consoleAPICalled" if e["params"]["type"] == "error" => {
                    Some(e["params"]["args"].to_string())
                }
                "Log.entryAdded" if e["params"]["entry"]["level"] == "error" => {
                    Some(e["params"]["entry"].to_string())
                }
                _ => None,
            })
            .collect()
    }

    /// Every URL the page requested.
    pub fn requests(&self) -> Vec<String> {
        self.events
            .iter()
            .filter(|e| e["method"] == "Network.requestWillBeSent")
            .filter_map(|e| e["params"]["request"]["url"].as_str().map(String::from))
            .collect()
    }
}

fn write_base64(path: &Path, data: &Value) {
    let data = data.as_str().expect("base64 data");
    let bytes = data_encoding::BASE64
        .decode(data.as_bytes())
        .expect("valid base64");
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).expect("screenshot folder");
    }
    std::fs::write(path, bytes).expect("writing a screenshot");
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.ws.close(None);
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
