//! Inputs found by fuzzing (`fuzz/`), kept so that a fixed crash stays fixed.
//!
//! Every file of `tests/fuzz_regressions/` goes through the real binary, `lint` and
//! `analyze`, in JSON: neither may panic (exit 101) or die by a signal, and both must
//! print JSON. Files named `crash_*` reproduced a crash before their fix; `seed_*` are
//! edge-case seeds of the fuzz corpora (encodings, line endings, .docx features).
//! To add one: copy the minimised artifact here with the extension the CLI reads it
//! by (`.txt` for the `analyze` target, `.docx` for the `docx` target).

use std::path::PathBuf;

use crate::util::*;

fn regression_files() -> Vec<PathBuf> {
    let dir = root().join("tests/fuzz_regressions");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.expect("dir entry").path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    files
}

#[test]
fn regression_folder_is_not_empty() {
    let files = regression_files();
    assert!(files.len() >= 5, "only {} files", files.len());
}

#[test]
fn lint_survives_every_regression_input() {
    for path in regression_files() {
        let run = zongjie(&["lint", "--format", "json", s(&path)]);
        assert!(
            matches!(run.code, 0..=2),
            "{}: exit {}\n{}",
            path.display(),
            run.code,
            run.stderr
        );
        let json = run.json();
        let files = json["documents"].as_array().expect("files array");
        assert_eq!(files.len(), 1, "{}", path.display());
    }
}

#[test]
fn analyze_survives_every_regression_input() {
    for path in regression_files() {
        let run = zongjie(&["analyze", "--format", "json", "--quiet", s(&path)]);
        assert!(
            matches!(run.code, 0 | 2),
            "{}: exit {}\n{}",
            path.display(),
            run.code,
            run.stderr
        );
        let json = run.json();
        assert!(json.is_object(), "{}", path.display());
    }
}

/// The seeds are all readable documents; none may come out as an error.
#[test]
fn seeds_are_read_without_error() {
    for path in regression_files() {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if !name.starts_with("seed_") {
            continue;
        }
        let run = zongjie(&["lint", "--format", "json", s(&path)]);
        let json = run.json();
        assert!(
            json["documents"][0]["error"].is_null(),
            "{name}: {}",
            json["documents"][0]["error"]
        );
    }
}
