//! What a newcomer meets in the first hour (issue "First contact"): the progress bar
//! on a terminal, exit codes of bad inputs, the `-o` file inside the archive, slots
//! kept out of keywords and repeated phrases, config files from Chinese Windows,
//! GBK file names. Each test failed before its fix.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::util::*;

/// Writes `n` filled-in copies of our template (each about 2.6 KB) into `dir`.
fn archive_of(dir: &Path, n: usize) {
    let template = std::fs::read_to_string(study()).unwrap();
    for i in 0..n {
        let text = template
            .replace("XX局", &format!("第{i}局"))
            .replace("X次", &format!("{}次", i % 17 + 1));
        std::fs::write(dir.join(format!("d{i:05}.txt")), text).unwrap();
    }
}

/// Runs `zongjie args` under a pseudo-terminal (util-linux `script`), so stdout and
/// stderr are terminals, killing it after `limit`. Returns what the terminal showed,
/// or `None` when `script` is not installed.
fn under_terminal(args: &[&str], limit: Duration) -> Option<(i32, String)> {
    let found = Command::new("script")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !found {
        use std::io::Write;
        let _ = writeln!(
            std::io::stderr(),
            "note: `script` (util-linux) is not installed; skipping the terminal test"
        );
        return None;
    }
    let mut line = shell_quote(env!("CARGO_BIN_EXE_zongjie"));
    for a in args {
        line.push(' ');
        line.push_str(&shell_quote(a));
    }
    let log = tempfile::NamedTempFile::new().unwrap();
    let mut child = Command::new("script")
        .args(["-q", "-e", "-c", &line])
        .arg(log.path())
        .env("TERM", "xterm")
        .env("COLUMNS", "100")
        .env("LANG", "C.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("NO_COLOR")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn script");
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!(
                "`zongjie {}` under a terminal did not finish in {limit:?}",
                args.join(" ")
            );
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let shown = String::from_utf8_lossy(&std::fs::read(log.path()).unwrap()).into_owned();
    Some((status.code().unwrap_or(-1), shown))
}

fn shell_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', r"'\''"))
}

/// Regression: the main thread held stderr locked while workers drew the bar, so
/// `analyze` on a terminal never finished; and the bar never appeared.
#[test]
fn analyze_on_a_terminal_finishes_and_draws_its_bar() {
    let dir = tempfile::tempdir().unwrap();
    archive_of(dir.path(), 3000);
    for format in ["text", "json"] {
        let Some((code, shown)) = under_terminal(
            &["analyze", "-j2", "--format", format, s(dir.path())],
            Duration::from_secs(300),
        ) else {
            return;
        };
        assert_eq!(code, 0, "{format}: {shown}");
        // The bar: `<bar> 1234/3000 files …`, drawn at least once before the end.
        assert!(
            shown.contains("/3000 files"),
            "{format}: no progress bar in {} bytes of terminal output",
            shown.len()
        );
        match format {
            "text" => assert!(shown.contains("zongjie analyze report"), "{shown}"),
            _ => assert!(shown.contains("\"corpus\""), "{format}"),
        }
    }
}

/// A mistyped path must fail a pre-commit hook: exit 2 after the good file's findings.
#[test]
fn unreadable_inputs_exit_2_after_reporting_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.txt");
    std::fs::write(&good, "一、主要工作\n全年开展学习12次。\n").unwrap();
    let binary = dir.path().join("scan.txt");
    std::fs::write(&binary, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0").unwrap();
    // A PDF is never read (a .doc would be converted where LibreOffice is installed).
    let legacy = dir.path().join("old.pdf");
    std::fs::write(&legacy, b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n").unwrap();
    let slotted = dir.path().join("slotted.txt");
    std::fs::write(&slotted, "XX局开展学习X次。\n").unwrap();
    let missing = "/nonexistent/draft.txt";
    for bad in [missing, s(&binary), s(&legacy)] {
        for cmd in ["lint", "outline", "phrases"] {
            let run = zongjie(&[cmd, bad, s(&slotted)]);
            assert_eq!(run.code, 2, "{cmd} {bad}: {}", run.stderr);
            assert!(
                run.stdout.contains("slotted.txt"),
                "{cmd} {bad}: {}",
                run.stdout
            );
            let name = Path::new(bad).file_name().unwrap().to_str().unwrap();
            assert!(run.stderr.contains(name), "{cmd} {bad}: {}", run.stderr);
        }
    }
    // Findings and an unreadable file: still 2, and the findings are printed.
    let run = zongjie(&["lint", missing, s(&slotted)]);
    assert_eq!(run.code, 2);
    assert!(
        run.stdout.contains("warning[placeholder]"),
        "{}",
        run.stdout
    );
    let json = zongjie(&["lint", "--format", "json", missing, s(&good)]);
    assert_eq!(json.code, 2);
    assert_eq!(json.json()["summary"]["failed"], 1);
}

/// A file that cannot be read is told in the reader's language, in text and in JSON.
#[test]
fn unreadable_inputs_are_told_in_chinese() {
    let dir = tempfile::tempdir().unwrap();
    let binary = dir.path().join("scan.txt");
    std::fs::write(&binary, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0").unwrap();
    let missing = "/nonexistent/draft.txt";
    let run = zongjie(&["lint", "--lang", "zh", missing, s(&binary)]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("/nonexistent/draft.txt：无法读取：文件或文件夹不存在"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("不是文本文件"), "{}", run.stderr);
    assert!(!run.stderr.contains("os error"), "{}", run.stderr);
    let json = zongjie(&["lint", "--lang", "zh", "--format", "json", missing]);
    let error = json.json()["documents"][0]["error"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(error.ends_with("文件或文件夹不存在"), "{error}");
    let en = zongjie(&["lint", "--lang", "en", missing]);
    assert!(
        en.stderr
            .contains("draft.txt: cannot read: no such file or folder"),
        "{}",
        en.stderr
    );
}

/// `analyze` goes on past junk but names every failed file, in text too.
#[test]
fn analyze_names_every_failed_file_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    archive_of(dir.path(), 3);
    std::fs::write(dir.path().join("broken.txt"), b"\0\x01\x02\x03\0\0").unwrap();
    // A PDF is never read (a .wps would be converted where LibreOffice is installed).
    std::fs::write(dir.path().join("legacy.pdf"), b"%PDF-1.4\n").unwrap();
    let text = zongjie(&["analyze", "-q", s(dir.path())]);
    assert_eq!(text.code, 0, "{}", text.stderr);
    let tail = text
        .stdout
        .split("Could not be read (2)")
        .nth(1)
        .unwrap_or_else(|| panic!("no list of failed files in\n{}", text.stdout));
    assert!(
        tail.contains("broken.txt") && tail.contains("legacy.pdf"),
        "{tail}"
    );
    for format in ["json", "ndjson", "csv"] {
        let run = zongjie(&["analyze", "-q", "--format", format, s(dir.path())]);
        assert_eq!(run.code, 0, "{format}");
        for name in ["broken.txt", "legacy.pdf"] {
            assert!(run.stderr.contains(name), "{format}: {}", run.stderr);
            assert!(run.stdout.contains(name), "{format}");
        }
    }
}

/// Regression: `analyze DIR -o DIR/report.txt` refused to run a second time, and a
/// report saved under another name was analysed as a document.
#[test]
fn a_report_written_into_the_archive_is_never_an_input() {
    let dir = tempfile::tempdir().unwrap();
    archive_of(dir.path(), 4);
    let report = dir.path().join("report.txt");
    for round in 0..2 {
        let run = zongjie(&["analyze", "-q", s(dir.path()), "-o", s(&report)]);
        assert_eq!(run.code, 0, "round {round}: {}", run.stderr);
        let written = std::fs::read_to_string(&report).unwrap();
        assert!(written.contains("4 documents"), "round {round}: {written}");
    }
    // Saved under another name, the report is recognised and left out, with a note.
    std::fs::copy(&report, dir.path().join("old_summary.txt")).unwrap();
    let json_report = dir.path().join("report.json");
    let run = zongjie(&[
        "analyze",
        "-q",
        "--format",
        "json",
        s(dir.path()),
        "-o",
        s(&json_report),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("old_summary.txt"), "{}", run.stderr);
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json_report).unwrap()).unwrap();
    assert_eq!(json["documents"].as_array().unwrap().len(), 4);
    // A JSON report read back with --glob is recognised too.
    let run = zongjie(&[
        "analyze",
        "-q",
        "--glob",
        "*.json",
        "--glob",
        "*.txt",
        s(dir.path()),
    ]);
    assert!(run.stdout.contains("4 documents"), "{}", run.stdout);
}

/// Regression: `XX%`, `20XX` and `XX省委` came out as keywords and repeated phrases.
#[test]
fn slots_never_reach_keywords_or_repeated_phrases() {
    let run = zongjie(&["phrases", "--format", "json", s(&study())]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let doc = &run.json()["documents"][0];
    let slotty = |s: &str| s.contains(['X', 'x', '×', 'Ｘ', 'ｘ']) || s.contains("某某");
    for key in ["keywords", "repeated_phrases"] {
        let field = if key == "keywords" { "word" } else { "phrase" };
        let list = doc[key].as_array().unwrap();
        assert!(!list.is_empty(), "{key}");
        for item in list {
            let text = item[field].as_str().unwrap();
            assert!(!slotty(text), "{key}: {text}");
        }
    }
    // `XX局党委理论学习中心组` ×4 in the template is counted as what is around the slot.
    let repeated = doc["repeated_phrases"].as_array().unwrap();
    assert!(
        repeated
            .iter()
            .any(|p| p["phrase"] == "局党委理论学习中心组" && p["count"] == 4),
        "{repeated:?}"
    );
    let lint = zongjie(&[
        "lint",
        "--rule",
        "repeated-phrase",
        "--format",
        "json",
        s(&study()),
    ]);
    for d in lint.json()["documents"][0]["diagnostics"]
        .as_array()
        .unwrap()
    {
        assert!(!slotty(d["text"].as_str().unwrap()), "{d}");
    }
}

#[test]
fn dump_config_needs_no_path_in_any_command() {
    for cmd in ["lint", "outline", "phrases", "analyze"] {
        let run = zongjie(&[cmd, "--dump-config"]);
        assert_eq!(run.code, 0, "{cmd}: {}", run.stderr);
        assert!(run.stdout.contains("[rules]"), "{cmd}: {}", run.stdout);
        assert!(
            run.stdout.contains("placeholder = \"warning\""),
            "{}",
            run.stdout
        );
    }
    // Still a usage error without paths otherwise.
    assert_eq!(zongjie(&["lint"]).code, 2);
}

/// Notepad and WPS on Chinese Windows save zongjie.toml as GBK or UTF-16.
#[test]
fn config_saved_as_gbk_or_utf16_is_read() {
    let toml =
        "# 本单位的规则设置\n[rules]\nnumbering = \"off\"\n[roles]\nproblems = [\"短板弱项\"]\n";
    let (gbk, _, _) = encoding_rs::GBK.encode(toml);
    let mut utf16 = vec![0xff, 0xfe];
    for unit in toml.encode_utf16() {
        utf16.extend_from_slice(&unit.to_le_bytes());
    }
    for (name, bytes) in [("GBK", gbk.into_owned()), ("UTF-16LE", utf16)] {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("zongjie.toml"), bytes).unwrap();
        let run = zongjie_in(Some(dir.path()), &["lint", "--dump-config"], None);
        assert_eq!(run.code, 0, "{name}: {}", run.stderr);
        assert!(
            run.stdout.contains("numbering = \"off\""),
            "{name}: {}",
            run.stdout
        );
    }
}

/// Regression: `loading config X: X: cannot read: … (os error 2)`.
#[test]
fn config_errors_name_the_file_once() {
    let run = zongjie(&[
        "lint",
        "--config",
        "/nonexistent/zongjie.toml",
        "--dump-config",
    ]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr.matches("/nonexistent/zongjie.toml").count(),
        1,
        "{}",
        run.stderr
    );
    assert_eq!(run.stderr.matches("os error").count(), 1, "{}", run.stderr);
}

/// File names that are GBK bytes (an archive unzipped on Linux) are shown decoded, and
/// JSON keeps their exact bytes.
#[cfg(unix)]
#[test]
fn gbk_file_names_are_shown_decoded() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    // 总结.txt in GBK.
    let name = OsStr::from_bytes(b"\xd7\xdc\xbd\xe1.txt");
    let path: PathBuf = dir.path().join(name);
    if std::fs::write(&path, "XX局开展学习X次。\n").is_err() {
        use std::io::Write;
        let _ = writeln!(
            std::io::stderr(),
            "note: this file system refuses non-UTF-8 names; skipped"
        );
        return;
    }
    let text = zongjie(&["lint", s(dir.path())]);
    assert!(text.stdout.contains("总结.txt:1:1"), "{}", text.stdout);
    assert!(!text.stdout.contains('\u{fffd}'), "{}", text.stdout);
    let json = zongjie(&["lint", "--format", "json", s(dir.path())]).json();
    let file = &json["documents"][0];
    assert!(file["path"].as_str().unwrap().ends_with("总结.txt"));
    assert!(
        file["path_bytes"]
            .as_str()
            .unwrap()
            .ends_with("d7dcbde12e747874")
    );
}

/// `--diff` shows the fixes and changes nothing (exit 1 when there is a diff);
/// `--fix` writes them in the file's own encoding, and fixing twice changes nothing.
#[test]
fn fixes_are_shown_then_written_in_the_files_own_encoding() {
    let dir = tempfile::tempdir().unwrap();
    let text = "一、主要工作\r\n全年学习,推进工作(详见附件)。\r\n二、存在的问题\r\n学习不够。\r\n三、下一步打算\r\n继续加强。\r\n";
    let (gbk, _, _) = encoding_rs::GBK.encode(text);
    let path = dir.path().join("draft.txt");
    std::fs::write(&path, &gbk).unwrap();
    let diff = zongjie(&["lint", "--diff", s(&path)]);
    assert_eq!(diff.code, 1, "{}", diff.stderr);
    assert!(
        diff.stdout.contains("-全年学习,推进工作(详见附件)。"),
        "{}",
        diff.stdout
    );
    assert!(
        diff.stdout.contains("+全年学习，推进工作（详见附件）。"),
        "{}",
        diff.stdout
    );
    assert_eq!(
        std::fs::read(&path).unwrap(),
        gbk.as_ref(),
        "--diff changed the file"
    );
    // JSON carries each fix as replacement spans.
    let json = zongjie(&["lint", "--format", "json", s(&path)]).json();
    let fixes: Vec<&serde_json::Value> = json["documents"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|d| d["fix"].as_array().map(|f| &f[0]))
        .collect();
    assert!(fixes.iter().any(|r| r["replacement"] == "，"), "{fixes:?}");
    let fix = zongjie(&["lint", "--fix", s(&path)]);
    assert_eq!(fix.code, 0, "{}\n{}", fix.stdout, fix.stderr);
    assert!(fix.stderr.contains("fixed 2 problems"), "{}", fix.stderr);
    let written = std::fs::read(&path).unwrap();
    let (back, _, had_errors) = encoding_rs::GBK.decode(&written);
    assert!(!had_errors);
    assert_eq!(
        back,
        text.replace(",推进工作(详见附件)", "，推进工作（详见附件）")
    );
    let twice = zongjie(&["lint", "--fix", s(&path)]);
    assert_eq!(twice.code, 0);
    assert!(!twice.stderr.contains("fixed"), "{}", twice.stderr);
    assert_eq!(std::fs::read(&path).unwrap(), written);
    let nothing = zongjie(&["lint", "--diff", s(&path)]);
    assert_eq!((nothing.code, nothing.stdout.as_str()), (0, ""));
}
