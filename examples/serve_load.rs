//! `serve_load`: a bounded load test of a running `zongjie serve` on loopback — mixed
//! good and bad requests from many clients at once — with latency percentiles and the
//! service's memory before, during and after. `benches/serve_load.sh` starts the
//! service and runs this.
//!
//! ```text
//! cargo run --release --example serve_load -- ADDR PID [REQUESTS] [CLIENTS] [ROUNDS]
//! ```
//!
//! * `ADDR`: where the service listens (`127.0.0.1:PORT`); only a loopback address is
//!   accepted.
//! * `PID`: the service's process id, for its memory (`/proc/PID/status`).
//! * `REQUESTS` per round (default 2000), `CLIENTS` at once (default 50), `ROUNDS`
//!   (default 2: memory after the second round shows whether it stays flat).
//!
//! Every request is a new connection (`Connection: close`). The mix, in a fixed order:
//! 11 good kinds in 20 (text, GBK text, Markdown as a form, pasted JSON, Word files as
//! the body and as a form, annotated Word files), 9 bad (wrong content type, broken Word file, zip bomb,
//! oversized body — the service must run with `--max-body 2M` —, bad JSON, empty
//! body, binary text, unknown route). A good request must get 200, a bad one the 4xx
//! its kind expects; anything else is counted as a failure and the exit code is 1.

use std::io::{Cursor, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// One kind of request and the status it must get.
struct Kind {
    name: &'static str,
    good: bool,
    expect: u16,
    request: Vec<u8>,
}

fn request(path: &str, content_type: Option<&str>, body: &[u8]) -> Vec<u8> {
    let mut head = format!(
        "POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    if let Some(ct) = content_type {
        head.push_str(&format!("Content-Type: {ct}\r\n"));
    }
    head.push_str("\r\n");
    let mut out = head.into_bytes();
    out.extend_from_slice(body);
    out
}

const DOCX_TYPE: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/// A Word file with one paragraph per line of `text`.
fn docx(text: &str) -> Vec<u8> {
    use zip::write::SimpleFileOptions;
    let esc = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    };
    let body: String = text
        .lines()
        .map(|l| {
            format!(
                "<w:p><w:r><w:t xml:space=\"preserve\">{}</w:t></w:r></w:p>",
                esc(l)
            )
        })
        .collect();
    let document = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>{body}</w:body></w:document>"
    );
    let parts: [(&str, &str); 3] = [
        (
            "[Content_Types].xml",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>",
        ),
        (
            "_rels/.rels",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>",
        ),
        ("word/document.xml", &document),
    ];
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, data) in parts {
        zip.start_file(name, opts).expect("zip entry");
        zip.write_all(data.as_bytes()).expect("zip write");
    }
    zip.finish().expect("zip").into_inner()
}

/// A Word file whose document part unpacks to 40 MiB (spaces, squeezed about a
/// thousand times).
fn zip_bomb() -> Vec<u8> {
    use zip::write::SimpleFileOptions;
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(9))
        .large_file(true);
    zip.start_file("word/document.xml", opts)
        .expect("zip entry");
    let spaces = vec![b' '; 1 << 20];
    for _ in 0..40 {
        zip.write_all(&spaces).expect("zip write");
    }
    zip.finish().expect("zip").into_inner()
}

fn multipart(name: &str, bytes: &[u8]) -> (String, Vec<u8>) {
    let boundary = "serve-load-boundary";
    let mut body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

fn kinds() -> Vec<Kind> {
    let template = include_str!("../samples/01_template.txt");
    let filled = include_str!("../samples/02_filled.txt");
    let half = include_str!("../samples/03_half_filled.txt");
    let gbk: &[u8] = include_bytes!("../samples/04_gbk.txt");
    let md = include_str!("../samples/06_report.md");
    let word = docx(half);
    let (form_type, form) = multipart("06_report.md", md.as_bytes());
    let pasted = format!(
        "{{\"text\":{},\"name\":\"pasted.txt\"}}",
        serde_json::to_string(filled).expect("json")
    );
    let k = |name, good, expect, request| Kind {
        name,
        good,
        expect,
        request,
    };
    let docx_ct = Some(DOCX_TYPE);
    vec![
        k(
            "lint text",
            true,
            200,
            request(
                "/api/lint?name=01_template.txt",
                Some("text/plain"),
                template.as_bytes(),
            ),
        ),
        k(
            "bad: image type",
            false,
            415,
            request("/api/lint", Some("image/png"), half.as_bytes()),
        ),
        k(
            "lint GBK text",
            true,
            200,
            request("/api/lint?name=04_gbk.txt", Some("text/plain"), gbk),
        ),
        k(
            "bad: broken docx",
            false,
            422,
            request("/api/lint?name=a.docx", docx_ct, b"PK\x03\x04 broken"),
        ),
        k(
            "outline Markdown form",
            true,
            200,
            request("/api/outline", Some(&form_type), &form),
        ),
        k(
            "bad: zip bomb",
            false,
            413,
            request("/api/lint", docx_ct, &zip_bomb()),
        ),
        k(
            "lint pasted JSON",
            true,
            200,
            request(
                "/api/lint?text=true",
                Some("application/json"),
                pasted.as_bytes(),
            ),
        ),
        k(
            "bad: oversized",
            false,
            413,
            request("/api/lint", Some("text/plain"), &vec![b'a'; 2_500_000]),
        ),
        k(
            "lint docx",
            true,
            200,
            request("/api/lint?name=03.docx", docx_ct, &word),
        ),
        k(
            "bad: JSON",
            false,
            400,
            request("/api/lint", Some("application/json"), b"{\"text\":"),
        ),
        k(
            "annotate docx",
            true,
            200,
            request("/api/annotate?name=03.docx", docx_ct, &word),
        ),
        k(
            "bad: empty",
            false,
            400,
            request("/api/lint", Some("text/plain"), b""),
        ),
        k(
            "outline text",
            true,
            200,
            request(
                "/api/outline?name=02_filled.txt",
                Some("text/plain"),
                filled.as_bytes(),
            ),
        ),
        k(
            "bad: binary",
            false,
            422,
            request(
                "/api/lint?name=a.txt",
                Some("text/plain"),
                b"\x00\x01\x02binary\x00",
            ),
        ),
        k(
            "lint text (zh)",
            true,
            200,
            request(
                "/api/lint?lang=zh&name=03.txt",
                Some("text/plain"),
                half.as_bytes(),
            ),
        ),
        k(
            "bad: route",
            false,
            404,
            request("/api/nothing", Some("text/plain"), b"x"),
        ),
        k("lint docx (form)", true, 200, {
            let (ct, body) = multipart("03.docx", &word);
            request("/api/lint", Some(&ct), &body)
        }),
        k(
            "lint text again",
            true,
            200,
            request(
                "/api/lint?name=02.txt",
                Some("text/plain"),
                filled.as_bytes(),
            ),
        ),
        k(
            "annotate docx (fix)",
            true,
            200,
            request("/api/annotate?fix=true", docx_ct, &word),
        ),
        k(
            "bad: annotate text",
            false,
            415,
            request(
                "/api/annotate?name=a.txt",
                Some("text/plain"),
                half.as_bytes(),
            ),
        ),
    ]
}

/// Sends one request; returns the status (0 when there was no answer).
fn send(addr: SocketAddr, bytes: &[u8]) -> u16 {
    let Ok(mut stream) = TcpStream::connect(addr) else {
        return 0;
    };
    let _ = stream.set_read_timeout(Some(Duration::from_secs(120)));
    // A 413 may come before the whole body is sent: still read the answer.
    let _ = stream.write_all(bytes);
    let mut data = Vec::new();
    let _ = stream.read_to_end(&mut data);
    let head = String::from_utf8_lossy(&data[..data.len().min(64)]).into_owned();
    head.split(' ')
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0)
}

/// `VmRSS` and `VmHWM` of `pid`, in KiB.
fn memory(pid: u32) -> (u64, u64) {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|v| v.parse().ok())
            .unwrap_or(0)
    };
    (field("VmRSS:"), field("VmHWM:"))
}

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i].as_secs_f64() * 1000.0
}

struct Round {
    wall: Duration,
    good: Vec<Duration>,
    bad: Vec<Duration>,
    failures: Vec<String>,
    peak_rss: u64,
}

fn round(addr: SocketAddr, pid: u32, kinds: &[Kind], total: usize, clients: usize) -> Round {
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<(usize, u16, Duration)>> = Mutex::new(Vec::with_capacity(total));
    let done = AtomicBool::new(false);
    let peak = AtomicUsize::new(0);
    let start = Instant::now();
    std::thread::scope(|scope| {
        scope.spawn(|| {
            while !done.load(Ordering::Relaxed) {
                let (rss, _) = memory(pid);
                peak.fetch_max(rss as usize, Ordering::Relaxed);
                std::thread::sleep(Duration::from_millis(20));
            }
        });
        let workers: Vec<_> = (0..clients)
            .map(|_| {
                scope.spawn(|| {
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        if i >= total {
                            break;
                        }
                        let k = i % kinds.len();
                        let t = Instant::now();
                        let status = send(addr, &kinds[k].request);
                        let took = t.elapsed();
                        results.lock().expect("results").push((k, status, took));
                    }
                })
            })
            .collect();
        for w in workers {
            let _ = w.join();
        }
        done.store(true, Ordering::Relaxed);
    });
    let wall = start.elapsed();
    let mut good = Vec::new();
    let mut bad = Vec::new();
    let mut failures = Vec::new();
    for (k, status, took) in results.into_inner().expect("results") {
        let kind = &kinds[k];
        if status != kind.expect {
            failures.push(format!(
                "{}: {status} (expected {})",
                kind.name, kind.expect
            ));
        }
        if kind.good {
            good.push(took);
        } else {
            bad.push(took);
        }
    }
    good.sort();
    bad.sort();
    Round {
        wall,
        good,
        bad,
        failures,
        peak_rss: peak.into_inner() as u64,
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 2 {
        eprintln!("usage: serve_load ADDR PID [REQUESTS] [CLIENTS] [ROUNDS]");
        std::process::exit(2);
    }
    let addr: SocketAddr = args[0].parse().unwrap_or_else(|e| {
        eprintln!("serve_load: {}: {e}", args[0]);
        std::process::exit(2)
    });
    if !addr.ip().is_loopback() {
        eprintln!("serve_load: {addr} is not a loopback address; this test stays on this machine");
        std::process::exit(2);
    }
    let pid: u32 = args[1].parse().expect("PID");
    let number = |i: usize, default: usize| {
        args.get(i)
            .map(|a| a.parse().expect("a number"))
            .unwrap_or(default)
    };
    let (total, clients, rounds) = (number(2, 2000), number(3, 50), number(4, 2));
    let kinds = kinds();
    // Warm-up: every kind once, so the first round does not pay for first touches.
    for k in &kinds {
        send(addr, &k.request);
    }
    let (rss_before, _) = memory(pid);
    println!(
        "serve_load: {total} requests × {rounds} rounds, {clients} clients, {} kinds ({} good, {} bad)",
        kinds.len(),
        kinds.iter().filter(|k| k.good).count(),
        kinds.iter().filter(|k| !k.good).count()
    );
    println!("RSS after warm-up: {:.1} MiB", rss_before as f64 / 1024.0);
    let mut failed = false;
    for r in 1..=rounds {
        let res = round(addr, pid, &kinds, total, clients);
        std::thread::sleep(Duration::from_millis(500));
        let (rss_after, hwm) = memory(pid);
        println!(
            "round {r}: {:.2} s, {:.0} req/s; good {} (p50 {:.1} ms, p90 {:.1} ms, p99 {:.1} ms, max {:.1} ms); \
             bad {} (p50 {:.1} ms, p99 {:.1} ms); failures {}; RSS peak {:.1} MiB, after {:.1} MiB, high-water mark {:.1} MiB",
            res.wall.as_secs_f64(),
            total as f64 / res.wall.as_secs_f64(),
            res.good.len(),
            percentile(&res.good, 0.5),
            percentile(&res.good, 0.9),
            percentile(&res.good, 0.99),
            percentile(&res.good, 1.0),
            res.bad.len(),
            percentile(&res.bad, 0.5),
            percentile(&res.bad, 0.99),
            res.failures.len(),
            res.peak_rss as f64 / 1024.0,
            rss_after as f64 / 1024.0,
            hwm as f64 / 1024.0,
        );
        for f in res.failures.iter().take(20) {
            println!("  failure: {f}");
        }
        failed |= !res.failures.is_empty();
    }
    let ok = send(
        addr,
        b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n",
    );
    println!("healthz after the load: {ok}");
    if failed || ok != 200 {
        std::process::exit(1);
    }
}
