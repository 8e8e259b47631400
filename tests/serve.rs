//! `zongjie serve` over real HTTP: the binary is started on a free loopback port and
//! every endpoint and every kind of bad request is sent to it with a small raw
//! HTTP/1.1 client (so requests can be as broken as a test needs).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::docx_fixture::{docx_from_lines, make_zip};
use crate::util::zongjie_in;

/// A summary of a county finance bureau, half filled in, with a numbering slip
/// (四、 after 二、) and a half-width comma.
pub const SUMMARY: &[&str] = &[
    "XX区财政局2023年度工作总结",
    "2023年，在区委、区政府的坚强领导下，我局深入学习贯彻党的二十大精神，全年组织集中学习X次，完成一般公共预算收入XX亿元。",
    "一、主要工作完成情况",
    "（一）狠抓收入组织。全年税收收入同比增长X%,非税收入结构持续优化。",
    "（二）保障重点支出。民生支出占一般公共预算支出的XX%，兜牢基层“三保”底线。",
    "二、存在的问题",
    "一是财源结构还比较单一，二是预算绩效管理还不够精细。",
    "四、下一步工作打算",
    "坚持稳中求进工作总基调，推动财政工作高质量发展。",
    "XX区财政局",
    "20XX年X月X日",
];

/// The summary as text, one line each.
pub fn summary_text() -> String {
    SUMMARY.iter().map(|l| format!("{l}\n")).collect()
}

/// The summary as a Word file, one paragraph a line.
pub fn summary_docx() -> Vec<u8> {
    docx_from_lines(SUMMARY)
}

/// A running `zongjie serve`, stopped when dropped.
pub struct Server {
    child: Child,
    /// Where it listens (a wildcard address is reached on 127.0.0.1).
    pub addr: SocketAddr,
    log: Arc<Mutex<String>>,
}

impl Server {
    /// Starts `zongjie serve --port 0 ARGS` with English messages and no token in the
    /// environment.
    pub fn start(args: &[&str]) -> Server {
        Self::start_env(args, &[])
    }

    /// Starts the service with `env` set; waits for its "listening on" line.
    pub fn start_env(args: &[&str], env: &[(&str, &str)]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_zongjie"))
            .args(["serve", "--port", "0"])
            .args(args)
            .env("LANG", "C.UTF-8")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env_remove("ZONGJIE_TOKEN")
            .envs(env.iter().copied())
            .current_dir(std::env::temp_dir())
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn zongjie serve");
        let stderr = child.stderr.take().expect("stderr");
        let log = Arc::new(Mutex::new(String::new()));
        let (tx, rx) = mpsc::channel();
        let sink = Arc::clone(&log);
        // The log is read all along, so the service never blocks on a full pipe.
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines() {
                let Ok(line) = line else { break };
                // The first URL the service prints is where it listens, in any language.
                if let Some(rest) = line.split("http://").nth(1) {
                    let addr = rest.split('/').next().unwrap_or("").to_string();
                    let _ = tx.send(addr);
                }
                let mut log = sink.lock().unwrap();
                log.push_str(&line);
                log.push('\n');
            }
        });
        let addr = match rx.recv_timeout(Duration::from_secs(60)) {
            Ok(a) => a,
            Err(_) => {
                let _ = child.kill();
                let _ = child.wait();
                panic!(
                    "zongjie serve did not start:\n{}",
                    log.lock().unwrap().clone()
                );
            }
        };
        let mut addr: SocketAddr = addr.parse().expect("listening address");
        if addr.ip().is_unspecified() {
            addr.set_ip(std::net::Ipv4Addr::LOCALHOST.into());
        }
        Server { child, addr, log }
    }

    /// What the service wrote on stderr so far.
    pub fn log(&self) -> String {
        self.log.lock().unwrap().clone()
    }

    /// `http://ADDR` (no slash).
    pub fn origin(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// A request with no extra headers.
    pub fn send(&self, method: &str, path: &str, headers: &[(&str, &str)], body: &[u8]) -> Reply {
        request(self.addr, method, path, headers, body)
    }

    /// Sends `signal` and waits for the service to end; returns its exit code and log.
    pub fn stop_with(mut self, signal: rustix::process::Signal) -> (i32, String) {
        let pid = rustix::process::Pid::from_child(&self.child);
        rustix::process::kill_process(pid, signal).expect("signal");
        let start = Instant::now();
        let status = loop {
            if let Some(status) = self.child.try_wait().expect("wait") {
                break status;
            }
            assert!(
                start.elapsed() < Duration::from_secs(30),
                "the service did not stop:\n{}",
                self.log()
            );
            std::thread::sleep(Duration::from_millis(20));
        };
        // The reader thread sees the pipe close; give it a moment to store the end.
        std::thread::sleep(Duration::from_millis(100));
        (status.code().unwrap_or(-1), self.log())
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// An HTTP answer.
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Reply {
    /// The first header `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text()))
    }

    /// The `error` of a JSON error answer, after checking its shape.
    pub fn error(&self) -> String {
        assert_eq!(
            self.header("content-type"),
            Some("application/json; charset=utf-8"),
            "{self:?}"
        );
        let v = self.json();
        assert_eq!(v["version"], 2, "{v}");
        let e = v["error"].as_str().expect("error").to_string();
        assert!(!e.is_empty());
        e
    }
}

/// Sends one request (`Connection: close`) and reads the whole answer.
pub fn request(
    addr: SocketAddr,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> Reply {
    let mut head = format!("{method} {path} HTTP/1.1\r\nConnection: close\r\n");
    if !headers.iter().any(|(k, _)| k.eq_ignore_ascii_case("host")) {
        head.push_str(&format!("Host: {addr}\r\n"));
    }
    if !headers
        .iter()
        .any(|(k, _)| k.eq_ignore_ascii_case("transfer-encoding"))
        && (!body.is_empty() || method == "POST")
    {
        head.push_str(&format!("Content-Length: {}\r\n", body.len()));
    }
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    let mut bytes = head.into_bytes();
    bytes.extend_from_slice(body);
    raw(addr, &bytes)
}

/// Sends `bytes` as they are and reads the answer.
pub fn raw(addr: SocketAddr, bytes: &[u8]) -> Reply {
    let mut stream = TcpStream::connect(addr).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(120)))
        .expect("timeout");
    // The service may answer (413) and close before the whole body is sent; the answer
    // is still there to read.
    let _ = stream.write_all(bytes);
    let mut data = Vec::new();
    let mut buf = [0u8; 65536];
    loop {
        match stream.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => data.extend_from_slice(&buf[..n]),
            Err(e) if data.is_empty() => panic!("no answer: {e}"),
            Err(_) => break,
        }
    }
    parse_reply(&data)
}

fn parse_reply(data: &[u8]) -> Reply {
    let end = data
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or_else(|| panic!("no header end in {:?}", String::from_utf8_lossy(data)));
    let head = String::from_utf8_lossy(&data[..end]).into_owned();
    let mut lines = head.split("\r\n");
    let status: u16 = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|c| c.parse().ok())
        .expect("status");
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect();
    let mut body = data[end + 4..].to_vec();
    let chunked = headers.iter().any(|(k, v)| {
        k.eq_ignore_ascii_case("transfer-encoding") && v.eq_ignore_ascii_case("chunked")
    });
    if chunked {
        body = dechunk(&body);
    }
    Reply {
        status,
        headers,
        body,
    }
}

fn dechunk(mut data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(line_end) = data.windows(2).position(|w| w == b"\r\n") {
        let size_text = String::from_utf8_lossy(&data[..line_end]);
        let size = usize::from_str_radix(size_text.split(';').next().unwrap_or("").trim(), 16)
            .unwrap_or(0);
        data = &data[line_end + 2..];
        if size == 0 || data.len() < size {
            break;
        }
        out.extend_from_slice(&data[..size]);
        data = data.get(size + 2..).unwrap_or_default();
    }
    out
}

/// A multipart form with the given fields: `(name, file name, bytes)`.
pub fn multipart(fields: &[(&str, Option<&str>, &[u8])]) -> (String, Vec<u8>) {
    let boundary = "zongjie-test-boundary-7Hq2";
    let mut body = Vec::new();
    for (name, file, bytes) in fields {
        body.extend_from_slice(format!("--{boundary}\r\n").as_bytes());
        match file {
            Some(f) => body.extend_from_slice(
                format!(
                    "Content-Disposition: form-data; name=\"{name}\"; filename=\"{f}\"\r\n\
                     Content-Type: application/octet-stream\r\n\r\n"
                )
                .as_bytes(),
            ),
            None => body.extend_from_slice(
                format!("Content-Disposition: form-data; name=\"{name}\"\r\n\r\n").as_bytes(),
            ),
        }
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

/// A `.docx` whose `word/document.xml` unpacks to 40 MiB (of spaces between two
/// elements, which deflate squeezes about a thousand times) from about 40 KiB.
fn zip_bomb() -> Vec<u8> {
    use zip::write::SimpleFileOptions;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let deflated = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(9))
        .large_file(true);
    zip.start_file("[Content_Types].xml", deflated).unwrap();
    zip.write_all(b"<Types/>").unwrap();
    zip.start_file("word/document.xml", deflated).unwrap();
    zip.write_all(b"<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>").unwrap();
    let spaces = vec![b' '; 1 << 20];
    for _ in 0..40 {
        zip.write_all(&spaces).unwrap();
    }
    zip.write_all(b"</w:body></w:document>").unwrap();
    zip.finish().unwrap().into_inner()
}

const TEXT: (&str, &str) = ("Content-Type", "text/plain");
const DOCX: (&str, &str) = (
    "Content-Type",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
);

/// `lint` and `outline` answer byte for byte what the CLI prints for the same file,
/// whether the file comes as the body or as a multipart field.
#[test]
fn serve_answers_what_the_cli_prints() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("draft.txt"), summary_text()).unwrap();
    std::fs::write(dir.path().join("draft.docx"), summary_docx()).unwrap();
    let server = Server::start(&[]);
    for (command, endpoint) in [("lint", "/api/lint"), ("outline", "/api/outline")] {
        for file in ["draft.txt", "draft.docx"] {
            let cli = zongjie_in(Some(dir.path()), &[command, "--format", "json", file], None);
            assert!(cli.stdout.starts_with("{\"version\":2"), "{}", cli.stdout);
            let bytes = std::fs::read(dir.path().join(file)).unwrap();
            let raw = server.send(
                "POST",
                &format!("{endpoint}?name={file}"),
                &[("Content-Type", "application/octet-stream")],
                &bytes,
            );
            assert_eq!(raw.status, 200, "{}", raw.text());
            assert_eq!(
                raw.header("content-type"),
                Some("application/json; charset=utf-8")
            );
            assert_eq!(raw.text(), cli.stdout, "{endpoint} {file} as the body");
            let (ct, form) = multipart(&[("file", Some(file), &bytes)]);
            let part = server.send("POST", endpoint, &[("Content-Type", &ct)], &form);
            assert_eq!(part.text(), cli.stdout, "{endpoint} {file} as a form field");
        }
    }
    let lint = server
        .send(
            "POST",
            "/api/lint?name=draft.txt",
            &[TEXT],
            summary_text().as_bytes(),
        )
        .json();
    let rules: Vec<&str> = lint["documents"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["rule"].as_str().unwrap())
        .collect();
    for rule in ["placeholder", "numbering", "punctuation"] {
        assert!(rules.contains(&rule), "{rule} in {rules:?}");
    }
    assert_eq!(lint["summary"]["documents"], 1);
}

/// `?text=true` ends the record with the text the byte offsets index into.
#[test]
fn serve_gives_the_text_the_offsets_index() {
    let server = Server::start(&[]);
    for (headers, body, name) in [
        (TEXT, summary_text().into_bytes(), "d.txt"),
        (DOCX, summary_docx(), "d.docx"),
    ] {
        let v = server
            .send(
                "POST",
                &format!("/api/lint?text=true&name={name}"),
                &[headers],
                &body,
            )
            .json();
        let doc = &v["documents"][0];
        let text = doc["text"].as_str().expect("text");
        assert_eq!(text, summary_text(), "{name}");
        for d in doc["diagnostics"].as_array().unwrap() {
            let (a, b) = (
                d["byte_start"].as_u64().unwrap(),
                d["byte_end"].as_u64().unwrap(),
            );
            assert_eq!(&text[a as usize..b as usize], d["text"].as_str().unwrap());
        }
    }
}

/// Pasted text comes as JSON; its name is a hint like any other.
#[test]
fn serve_reads_pasted_json() {
    let server = Server::start(&[]);
    let body = serde_json::json!({"text": summary_text(), "name": "粘贴的述职报告.md"});
    let r = server.send(
        "POST",
        "/api/lint",
        &[("Content-Type", "application/json")],
        body.to_string().as_bytes(),
    );
    assert_eq!(r.status, 200, "{}", r.text());
    let v = r.json();
    assert_eq!(v["documents"][0]["path"], "粘贴的述职报告.md");
    assert!(v["summary"]["diagnostics"].as_u64().unwrap() >= 5);
    let plain = server.send(
        "POST",
        "/api/lint",
        &[("Content-Type", "application/json")],
        r#"{"text":"2023年，XX局开展学习X次。"}"#.as_bytes(),
    );
    assert_eq!(plain.json()["documents"][0]["path"], "pasted.txt");
}

/// The annotated copy is the one `lint --annotate` writes, with a download name.
#[test]
fn serve_annotates_word_files() {
    let dir = tempfile::tempdir().unwrap();
    let docx = summary_docx();
    std::fs::write(dir.path().join("述职报告.docx"), &docx).unwrap();
    let cli = zongjie_in(
        Some(dir.path()),
        &["lint", "--annotate", "-q", "述职报告.docx"],
        None,
    );
    assert_eq!(cli.code, 1, "{}", cli.stderr);
    let expected = std::fs::read(dir.path().join("述职报告.zongjie.docx")).unwrap();
    let server = Server::start(&[]);
    let r = server.send(
        "POST",
        "/api/annotate?name=%E8%BF%B0%E8%81%8C%E6%8A%A5%E5%91%8A.docx",
        &[DOCX],
        &docx,
    );
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.header("content-type"), Some(DOCX.1));
    assert_eq!(
        r.header("content-disposition"),
        Some(
            "attachment; filename=\"____.zongjie.docx\"; \
             filename*=UTF-8''%E8%BF%B0%E8%81%8C%E6%8A%A5%E5%91%8A.zongjie.docx"
        )
    );
    let findings: usize = r.header("x-zongjie-findings").unwrap().parse().unwrap();
    let comments: usize = r.header("x-zongjie-comments").unwrap().parse().unwrap();
    assert!(
        findings >= 5 && comments == findings,
        "{findings} {comments}"
    );
    assert_eq!(r.body, expected, "the same bytes as lint --annotate");
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&r.body)).expect("a zip");
    let mut comments_xml = String::new();
    zip.by_name("word/comments.xml")
        .expect("comments part")
        .read_to_string(&mut comments_xml)
        .unwrap();
    assert!(
        comments_xml.contains("unfilled placeholder"),
        "{comments_xml}"
    );
    // With fixes as tracked changes, in Chinese.
    let fixed = server.send("POST", "/api/annotate?fix=true&lang=zh", &[DOCX], &docx);
    assert_eq!(fixed.status, 200, "{}", fixed.text());
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&fixed.body)).unwrap();
    let mut document = String::new();
    zip.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut document)
        .unwrap();
    assert!(document.contains("<w:ins "), "a tracked insertion");
    let mut comments_xml = String::new();
    zip.by_name("word/comments.xml")
        .unwrap()
        .read_to_string(&mut comments_xml)
        .unwrap();
    assert!(comments_xml.contains("未填写的占位符"), "{comments_xml}");
}

/// Messages follow `?lang=`, else `Accept-Language`, else the service's language.
#[test]
fn serve_speaks_the_language_asked_for() {
    let server = Server::start(&[]);
    let body = summary_text();
    let message = |path: &str, headers: &[(&str, &str)]| {
        let mut all = vec![TEXT];
        all.extend_from_slice(headers);
        let v = server.send("POST", path, &all, body.as_bytes()).json();
        v["documents"][0]["diagnostics"][0]["message"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert_eq!(message("/api/lint", &[]), "unfilled placeholder");
    let zh = [("Accept-Language", "zh-CN,zh;q=0.9,en;q=0.8")];
    assert_eq!(message("/api/lint", &zh), "未填写的占位符");
    assert_eq!(message("/api/lint?lang=en", &zh), "unfilled placeholder");
    let err = server.send("GET", "/nowhere", &zh, b"");
    assert_eq!(err.status, 404);
    assert!(err.error().contains("没有内容"), "{}", err.error());
    let page = server.send("GET", "/", &zh, b"");
    assert!(
        page.text()
            .starts_with("<!doctype html>\n<html lang=\"zh-CN\">")
    );
    let zh_server = Server::start(&["--lang", "zh"]);
    let v = zh_server
        .send("POST", "/api/lint", &[TEXT], body.as_bytes())
        .json();
    assert_eq!(
        v["documents"][0]["diagnostics"][0]["message"],
        "未填写的占位符"
    );
}

/// Every kind of bad request gets its 4xx and a JSON error, and the service goes on.
#[test]
fn serve_turns_every_bad_request_away_and_keeps_serving() {
    let server = Server::start(&["--max-body", "64k"]);
    let text = summary_text().into_bytes();
    let docx = summary_docx();
    let big = vec![b'a'; 100 << 10];
    let bomb = zip_bomb();
    assert!(
        bomb.len() < 64 << 10,
        "the bomb itself is small: {}",
        bomb.len()
    );
    let no_document = make_zip(&[("word/other.xml", b"<x/>")]);
    let (form_ct, no_file) = multipart(&[("note", None, b"hello")]);
    let (_, two_files) = multipart(&[
        ("file", Some("a.txt"), &text),
        ("file", Some("b.txt"), &text),
    ]);
    let (_, big_form) = multipart(&[("file", Some("a.txt"), &big)]);
    let truncated = b"--zongjie-test-boundary-7Hq2\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n\r\nunfinished".to_vec();
    let form = ("Content-Type", form_ct.as_str());
    type Case<'a> = (
        &'a str,
        &'a str,
        &'a str,
        Vec<(&'a str, &'a str)>,
        &'a [u8],
        u16,
        &'a str,
    );
    let cases: Vec<Case> = vec![
        (
            "an image type",
            "POST",
            "/api/lint",
            vec![("Content-Type", "image/png")],
            &text,
            415,
            "content type",
        ),
        (
            "a form post",
            "POST",
            "/api/lint",
            vec![("Content-Type", "application/x-www-form-urlencoded")],
            &text,
            415,
            "content type",
        ),
        (
            "a picture's name",
            "POST",
            "/api/lint?name=photo.png",
            vec![TEXT],
            &text,
            415,
            "only .docx",
        ),
        (
            "a legacy Word name",
            "POST",
            "/api/lint?name=old.doc",
            vec![TEXT],
            &text,
            415,
            "save .doc",
        ),
        (
            "an unknown charset",
            "POST",
            "/api/lint",
            vec![("Content-Type", "text/plain; charset=klingon")],
            &text,
            415,
            "charset",
        ),
        (
            "a broken docx",
            "POST",
            "/api/lint?name=a.docx",
            vec![DOCX],
            b"PK\x03\x04 not really a zip",
            422,
            "not a readable Word file",
        ),
        (
            "text named docx",
            "POST",
            "/api/lint?name=a.docx",
            vec![TEXT],
            &text,
            422,
            "not a readable Word file",
        ),
        (
            "a zip without a document",
            "POST",
            "/api/outline",
            vec![DOCX],
            &no_document,
            422,
            "word/document.xml",
        ),
        (
            "a zip bomb",
            "POST",
            "/api/lint?name=bomb.docx",
            vec![DOCX],
            &bomb,
            413,
            "zip bomb",
        ),
        (
            "a zip bomb to annotate",
            "POST",
            "/api/annotate",
            vec![DOCX],
            &bomb,
            413,
            "zip bomb",
        ),
        (
            "an oversized body",
            "POST",
            "/api/lint",
            vec![TEXT],
            &big,
            413,
            "65536 bytes",
        ),
        (
            "an oversized form",
            "POST",
            "/api/lint",
            vec![form],
            &big_form,
            413,
            "65536 bytes",
        ),
        (
            "broken JSON",
            "POST",
            "/api/lint",
            vec![("Content-Type", "application/json")],
            b"{\"text\": ",
            400,
            "JSON",
        ),
        (
            "JSON of the wrong shape",
            "POST",
            "/api/lint",
            vec![("Content-Type", "application/json")],
            b"{\"text\": 5}",
            400,
            "JSON",
        ),
        (
            "JSON with an unknown key",
            "POST",
            "/api/lint",
            vec![("Content-Type", "application/json")],
            b"{\"text\": \"a\", \"path\": \"/etc\"}",
            400,
            "JSON",
        ),
        (
            "JSON named docx",
            "POST",
            "/api/lint",
            vec![("Content-Type", "application/json")],
            b"{\"text\": \"a\", \"name\": \"a.docx\"}",
            415,
            "only .docx",
        ),
        (
            "a form without a file",
            "POST",
            "/api/lint",
            vec![form],
            &no_file,
            400,
            "\"file\"",
        ),
        (
            "a form with two files",
            "POST",
            "/api/lint",
            vec![form],
            &two_files,
            400,
            "one document",
        ),
        (
            "a truncated form",
            "POST",
            "/api/lint",
            vec![form],
            &truncated,
            400,
            "multipart",
        ),
        (
            "an empty body",
            "POST",
            "/api/lint",
            vec![TEXT],
            b"",
            400,
            "no document",
        ),
        (
            "binary bytes as text",
            "POST",
            "/api/lint?name=a.txt",
            vec![TEXT],
            b"\x00\x01\x02\x03binary\x00\x00\xff",
            422,
            "not a text file",
        ),
        (
            "text to annotate",
            "POST",
            "/api/annotate?name=a.txt",
            vec![TEXT],
            &text,
            415,
            "Word",
        ),
        (
            "an unknown parameter",
            "POST",
            "/api/lint?nmae=a.txt",
            vec![TEXT],
            &text,
            400,
            "nmae",
        ),
        (
            "a parameter of another endpoint",
            "POST",
            "/api/lint?fix=true",
            vec![TEXT],
            &text,
            400,
            "fix",
        ),
        (
            "an unknown language",
            "POST",
            "/api/lint?lang=fr",
            vec![TEXT],
            &text,
            400,
            "lang",
        ),
        (
            "a name with a line break",
            "POST",
            "/api/lint?name=a%0Ab.txt",
            vec![TEXT],
            &text,
            400,
            "file name",
        ),
        (
            "an unknown route",
            "GET",
            "/api/lint/extra",
            vec![],
            b"",
            404,
            "/api/lint/extra",
        ),
        (
            "an unknown file",
            "GET",
            "/index.php",
            vec![],
            b"",
            404,
            "nothing",
        ),
        (
            "the wrong method",
            "GET",
            "/api/lint",
            vec![],
            b"",
            405,
            "GET",
        ),
        (
            "the wrong method on the page",
            "POST",
            "/",
            vec![TEXT],
            &text,
            405,
            "POST",
        ),
    ];
    for (what, method, path, headers, body, status, says) in &cases {
        let r = server.send(method, path, headers, body);
        assert_eq!(r.status, *status, "{what}: {}", r.text());
        let error = r.error();
        assert!(
            error.contains(says),
            "{what}: {error:?} should say {says:?}"
        );
        assert!(r.header("retry-after").is_none(), "{what}");
    }
    // A body sent in chunks, with no length said, is cut off at the limit as well.
    let mut chunked = format!(
        "POST /api/lint HTTP/1.1\r\nHost: {}\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n",
        server.addr
    )
    .into_bytes();
    for _ in 0..10 {
        chunked.extend_from_slice(format!("{:x}\r\n", 16 << 10).as_bytes());
        chunked.extend(std::iter::repeat_n(b'a', 16 << 10));
        chunked.extend_from_slice(b"\r\n");
    }
    chunked.extend_from_slice(b"0\r\n\r\n");
    let r = raw(server.addr, &chunked);
    assert_eq!(r.status, 413, "{}", r.text());
    // Not HTTP at all: hyper's own 400, and the service goes on.
    let garbage = raw(server.addr, b"\x16\x03\x01 hello there\r\n\r\n");
    assert_eq!(garbage.status, 400);
    let ok = server.send("POST", "/api/lint?name=d.docx", &[DOCX], &docx);
    assert_eq!(ok.status, 200, "{}", ok.text());
    assert_eq!(
        server.send("GET", "/healthz", &[], b"").json()["status"],
        "ok"
    );
}

/// `/healthz` and the page's files.
#[test]
fn serve_serves_its_page_and_health() {
    let server = Server::start(&[]);
    let health = server.send("GET", "/healthz", &[], b"");
    assert_eq!(health.status, 200);
    let v = health.json();
    assert_eq!(
        (v["version"].clone(), v["status"].clone()),
        (2.into(), "ok".into())
    );
    let page = server.send("GET", "/", &[], b"");
    assert_eq!(page.status, 200);
    assert_eq!(
        page.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    let csp = page.header("content-security-policy").expect("a CSP");
    assert!(
        csp.contains("default-src 'none'") && csp.contains("connect-src 'self'"),
        "{csp}"
    );
    assert_eq!(page.header("x-content-type-options"), Some("nosniff"));
    let html = page.text();
    assert!(
        html.contains("<title>zongjie · check a work summary</title>"),
        "{html}"
    );
    assert!(!html.contains("{{"), "every slot of the template filled");
    for (path, ct) in [
        ("/app.js", "text/javascript; charset=utf-8"),
        ("/style.css", "text/css; charset=utf-8"),
        ("/favicon.svg", "image/svg+xml"),
    ] {
        let r = server.send("GET", path, &[], b"");
        assert_eq!(
            (r.status, r.header("content-type")),
            (200, Some(ct)),
            "{path}"
        );
        assert!(
            html.contains(&format!("\"{path}\"")),
            "the page links {path}"
        );
    }
    // Nothing in the page's files reaches outside the service.
    for path in ["/", "/app.js", "/style.css"] {
        let body = server.send("GET", path, &[], b"").text();
        for outside in ["http://", "https://", "//cdn", "@import"] {
            assert!(!body.contains(outside), "{path} holds {outside}");
        }
    }
}

/// Loopback is the default, and a request naming another host is refused there (a
/// page whose name was rebound to 127.0.0.1 cannot read the service).
#[test]
fn serve_on_loopback_answers_only_loopback_names() {
    let server = Server::start(&[]);
    assert!(server.addr.ip().is_loopback());
    let evil = server.send("GET", "/healthz", &[("Host", "evil.example:8080")], b"");
    assert_eq!(evil.status, 403);
    assert!(evil.error().contains("evil.example"));
    let page = server.send("GET", "/", &[("Host", "evil.example")], b"");
    assert_eq!(page.status, 403);
    for host in ["localhost:8080", "127.0.0.1", "[::1]:9"] {
        let r = server.send("GET", "/healthz", &[("Host", host)], b"");
        assert_eq!(r.status, 200, "{host}");
    }
}

/// Off loopback the service does not start without a token; with one, every API call
/// needs it (the page and /healthz hold no document and need none).
#[test]
fn serve_off_loopback_needs_a_token_on_every_api_call() {
    let refused = Command::new(env!("CARGO_BIN_EXE_zongjie"))
        .args(["serve", "--bind", "0.0.0.0", "--port", "0"])
        .env("LANG", "C.UTF-8")
        .env_remove("ZONGJIE_TOKEN")
        .output()
        .unwrap();
    assert_eq!(refused.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(
        stderr.contains("needs a token") && stderr.contains("ZONGJIE_TOKEN"),
        "{stderr}"
    );
    let bad = Command::new(env!("CARGO_BIN_EXE_zongjie"))
        .args(["serve", "--port", "0", "--token", "two words"])
        .env("LANG", "C.UTF-8")
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));

    let token = "k7-Qz9_vR2mX";
    let server = Server::start_env(&["--bind", "0.0.0.0"], &[("ZONGJIE_TOKEN", token)]);
    // The note follows the "listening on" line.
    let start = Instant::now();
    while !server.log().contains("Authorization: Bearer") {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "{}",
            server.log()
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(!server.log().contains(token), "the token is never printed");
    let body = summary_text();
    for endpoint in ["/api/lint", "/api/outline", "/api/annotate"] {
        let none = server.send("POST", endpoint, &[TEXT], body.as_bytes());
        assert_eq!(none.status, 401, "{endpoint}");
        assert!(none.error().contains("token"));
        assert_eq!(
            none.header("www-authenticate"),
            Some("Bearer realm=\"zongjie\"")
        );
        let wrong = server.send(
            "POST",
            endpoint,
            &[TEXT, ("Authorization", "Bearer k7-Qz9_vR2mY")],
            body.as_bytes(),
        );
        assert_eq!(wrong.status, 401, "{endpoint}");
        assert!(wrong.error().contains("not the one"), "{}", wrong.error());
    }
    let auth = format!("Bearer {token}");
    let ok = server.send(
        "POST",
        "/api/lint",
        &[
            TEXT,
            ("Authorization", &auth),
            ("Host", "review.example.org"),
        ],
        body.as_bytes(),
    );
    assert_eq!(ok.status, 200, "{}", ok.text());
    let page = server.send("GET", "/", &[], b"");
    assert_eq!(page.status, 200);
    assert!(page.text().contains("\"tokenRequired\":true"));
    assert_eq!(server.send("GET", "/healthz", &[], b"").status, 200);
    // The token from --token works the same way.
    let flagged = Server::start(&["--token", token]);
    let r = flagged.send(
        "POST",
        "/api/lint",
        &[TEXT, ("Authorization", &auth)],
        body.as_bytes(),
    );
    assert_eq!(r.status, 200);
    let r = flagged.send("POST", "/api/lint", &[TEXT], body.as_bytes());
    assert_eq!(r.status, 401);
}

/// A large document: the study template 2 000 times (about 9 MB), whose lint takes
/// well over a second in a test build.
fn large_document() -> Vec<u8> {
    let one = std::fs::read(crate::util::study()).unwrap();
    one.repeat(2000)
}

/// Past the time limit a request gets a 503 with Retry-After; its analysis keeps its
/// place until it really ends, so meanwhile the next request is turned away busy
/// (503, Retry-After); then the service serves again.
#[test]
fn serve_bounds_time_and_concurrency() {
    let server = Server::start(&["--jobs", "1", "--queue", "0", "--timeout", "300ms"]);
    let big = large_document();
    let slow = server.send("POST", "/api/lint?name=big.txt", &[TEXT], &big);
    assert_eq!(slow.status, 503, "{}", slow.text());
    assert!(
        slow.error().contains("longer than 0.3 s"),
        "{}",
        slow.error()
    );
    assert!(slow.header("retry-after").is_some());
    let small = summary_text();
    let busy = server.send("POST", "/api/lint", &[TEXT], small.as_bytes());
    assert_eq!(busy.status, 503, "{}", busy.text());
    assert!(busy.error().contains("busy"), "{}", busy.error());
    assert_eq!(busy.header("retry-after"), Some("1"));
    // The page and health need no analysis.
    assert_eq!(server.send("GET", "/healthz", &[], b"").status, 200);
    let start = Instant::now();
    loop {
        let r = server.send("POST", "/api/lint", &[TEXT], small.as_bytes());
        if r.status == 200 {
            break;
        }
        assert_eq!(r.status, 503, "{}", r.text());
        assert!(
            start.elapsed() < Duration::from_secs(120),
            "never free again"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// Many clients at once within the queue: every one gets its full answer.
#[test]
fn serve_answers_clients_at_once() {
    let server = Server::start(&["--jobs", "2", "--queue", "30"]);
    let addr = server.addr;
    let expected = server
        .send("POST", "/api/lint", &[TEXT], summary_text().as_bytes())
        .text();
    let handles: Vec<_> = (0..16)
        .map(|i| {
            std::thread::spawn(move || {
                (0..4)
                    .map(|j| {
                        if (i + j) % 2 == 0 {
                            let r = request(
                                addr,
                                "POST",
                                "/api/lint",
                                &[TEXT],
                                summary_text().as_bytes(),
                            );
                            (r.status, r.text())
                        } else {
                            let r = request(addr, "POST", "/api/lint?name=x.png", &[TEXT], b"x");
                            (r.status, String::new())
                        }
                    })
                    .collect::<Vec<_>>()
            })
        })
        .collect();
    for h in handles {
        for (status, text) in h.join().unwrap() {
            if text.is_empty() {
                assert_eq!(status, 415);
            } else {
                assert_eq!(status, 200);
                assert_eq!(text, expected);
            }
        }
    }
}

/// A log line per request, with no document text, no file name and no query; Ctrl-C
/// (SIGINT) lets a request under way finish, then the service ends with 0.
#[test]
fn serve_logs_no_content_and_stops_gracefully() {
    let server = Server::start(&[]);
    let secret = "机密：拟提拔干部王某某考察材料";
    let body = format!("{}{secret}\n", summary_text());
    let r = server.send(
        "POST",
        "/api/lint?name=%E7%BB%9D%E5%AF%86%E5%90%8D%E5%8D%95.txt",
        &[TEXT],
        body.as_bytes(),
    );
    assert_eq!(r.status, 200);
    let addr = server.addr;
    let big = large_document();
    let under_way =
        std::thread::spawn(move || request(addr, "POST", "/api/outline", &[TEXT], &big));
    std::thread::sleep(Duration::from_millis(300));
    let (code, log) = server.stop_with(rustix::process::Signal::INT);
    let r = under_way.join().unwrap();
    assert_eq!(r.status, 200, "the request under way got its answer");
    assert_eq!(code, 0, "{log}");
    assert!(log.contains("stopping") && log.contains("stopped"), "{log}");
    let line = log
        .lines()
        .find(|l| l.contains("POST /api/lint 200"))
        .unwrap_or_else(|| panic!("no log line:\n{log}"));
    assert!(line.contains(&format!("{} B in", body.len())), "{line}");
    for leak in [secret, "王某某", "绝密", "%E7", "name=", "XX区财政局"] {
        assert!(!log.contains(leak), "the log holds {leak:?}:\n{log}");
    }
}

/// SIGTERM, as service managers send it, stops it the same way.
#[test]
fn serve_stops_on_sigterm() {
    let server = Server::start(&[]);
    assert_eq!(server.send("GET", "/healthz", &[], b"").status, 200);
    let (code, log) = server.stop_with(rustix::process::Signal::TERM);
    assert_eq!(code, 0, "{log}");
    assert!(log.contains("stopped"));
}
