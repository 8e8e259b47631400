//! `zongjie lint` on the seed, the samples and bad inputs.

use crate::util::*;

/// Every slot of our own template `template_study_2019.txt`, checked by hand against
/// the text (each is a maximal run; the kind read off the words around it):
/// (line, column, text, kind).
pub const STUDY_SLOTS: &[(usize, usize, &str, &str)] = &[
    (1, 7, "XX", "organization"),
    (3, 7, "XX", "organization"),
    (3, 121, "XX", "other"),
    (5, 16, "X", "number"),
    (5, 25, "X", "number"),
    (5, 32, "XX", "number"),
    (5, 41, "XX", "number"),
    (5, 112, "XX", "organization"),
    (5, 117, "XX", "organization"),
    (5, 134, "XX", "person"),
    (5, 142, "X", "number"),
    (5, 160, "XX", "number"),
    (7, 19, "XX", "organization"),
    (7, 25, "XX", "organization"),
    (8, 25, "XX", "organization"),
    (8, 65, "X", "number"),
    (9, 26, "X", "date"),
    (9, 28, "X", "date"),
    (9, 50, "X", "number"),
    (9, 87, "XX", "other"),
    (9, 137, "XX", "organization"),
    (9, 141, "XX", "person"),
    (9, 161, "XX", "organization"),
    (9, 169, "X", "number"),
    (9, 201, "XX", "other"),
    (9, 216, "X", "number"),
    (9, 225, "XX", "number"),
    (9, 232, "XXX", "title"),
    (9, 237, "XX", "organization"),
    (10, 19, "XX", "person"),
    (10, 30, "XX", "number"),
    (10, 40, "XX", "number"),
    (10, 50, "XX", "organization"),
    (10, 65, "XX", "number"),
    (10, 80, "XX", "number"),
    (13, 49, "XX", "organization"),
    (13, 54, "XX", "organization"),
    (13, 96, "XX", "number"),
    (13, 104, "X", "number"),
    (13, 139, "XX", "number"),
    (13, 148, "XX", "number"),
    (13, 152, "XX", "number"),
    (15, 58, "XX", "other"),
    (15, 89, "XX", "other"),
    (17, 3, "XX", "date"),
    (17, 76, "XX", "other"),
    (18, 45, "X", "number"),
    (19, 23, "XX", "other"),
    (19, 44, "X", "number"),
    (20, 35, "XX", "organization"),
    (22, 6, "某某", "person"),
    (22, 14, "XXXX", "other"),
    (22, 19, "XXXXXXX", "other"),
    (23, 1, "XX", "organization"),
    (24, 3, "XX", "date"),
    (24, 6, "X", "date"),
    (24, 8, "X", "date"),
];

/// Every slot of the seed, verified by hand against the text: (line, column, text, kind).
pub const SEED_SLOTS: &[(usize, usize, &str, &str)] = &[
    (4, 7, "XX", "organization"),
    (4, 79, "XX", "other"),
    (6, 184, "X", "number"),
    (6, 200, "X", "number"),
    (6, 293, "XX", "organization"),
    (6, 299, "XX", "organization"),
    (8, 9, "XX", "organization"),
    (8, 15, "XX", "organization"),
    (8, 29, "XXX", "other"),
    (8, 43, "XX", "organization"),
    (8, 47, "XXXX", "other"),
    (9, 62, "XX", "organization"),
    (9, 74, "XX", "organization"),
    (9, 138, "XX", "organization"),
    (10, 156, "X", "number"),
    (10, 163, "X", "date"),
    (10, 263, "XX", "organization"),
    (10, 279, "XX", "organization"),
    (10, 332, "XX", "organization"),
    (10, 339, "XX", "organization"),
    (10, 387, "X", "number"),
    (10, 415, "XXX", "other"),
    (10, 429, "XX", "other"),
    (10, 435, "XX", "other"),
    (10, 442, "XX", "organization"),
    (10, 448, "XX", "other"),
    (10, 469, "X", "number"),
    (10, 479, "XX", "other"),
    (10, 493, "X", "number"),
    (10, 500, "XX", "organization"),
    (10, 505, "XX", "organization"),
    (10, 576, "XX", "other"),
    (10, 652, "XX", "other"),
    (10, 773, "X", "number"),
    (10, 779, "X", "number"),
    (10, 810, "XXX", "other"),
    (10, 845, "XX", "person"),
    (10, 857, "XXX", "title"),
    (10, 864, "XXX", "other"),
    (10, 874, "XX", "other"),
    (11, 14, "XX", "organization"),
    (11, 103, "XX", "person"),
    (11, 153, "XX", "organization"),
    (11, 208, "XX", "number"),
    (11, 216, "XX", "number"),
    (11, 332, "XX", "number"),
    (14, 109, "XX", "organization"),
    (14, 115, "XX", "organization"),
    (19, 1, "XX", "organization"),
    (19, 53, "XX", "organization"),
    (19, 70, "XXXX", "other"),
    (22, 125, "XXXX", "organization"),
    (22, 146, "XXXX", "other"),
    (24, 37, "XX", "organization"),
    (24, 43, "XX", "organization"),
    (24, 61, "XX", "organization"),
    (25, 77, "XX", "organization"),
];

/// The seed's first line is a template notice left at the top (issue 10: a notice is
/// a slot of its own kind): (line, column, kind).
pub const SEED_NOTICE: (usize, usize, &str) = (1, 1, "notice");

/// Runs `lint --format json` on `path` and checks that its slots are exactly `want`.
fn assert_slots(path: &std::path::Path, want: &[(usize, usize, &str, &str)]) {
    let run = zongjie(&["lint", "--format", "json", s(path)]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let json = run.json();
    assert_eq!(json["version"], 2);
    let diags = json["documents"][0]["diagnostics"].as_array().unwrap();
    let slots: Vec<(usize, usize, String, String)> = diags
        .iter()
        .filter(|d| d["rule"] == "placeholder" && d["kind"] != "notice")
        .map(|d| {
            (
                d["line"].as_u64().unwrap() as usize,
                d["column"].as_u64().unwrap() as usize,
                d["text"].as_str().unwrap().to_string(),
                d["kind"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let want: Vec<(usize, usize, String, String)> = want
        .iter()
        .map(|&(l, c, t, k)| (l, c, t.to_string(), k.to_string()))
        .collect();
    assert_eq!(slots, want);
    assert_eq!(json["documents"][0]["encoding"], "UTF-8");
    assert_eq!(json["documents"][0]["error"], serde_json::Value::Null);
}

#[test]
fn study_template_has_exactly_its_57_slots_at_their_positions() {
    assert_eq!(STUDY_SLOTS.len(), 57);
    assert_slots(&study(), STUDY_SLOTS);
}

/// The same check on the real seed, when it is beside the checkout.
#[test]
fn seed_has_exactly_its_57_slots_at_their_positions() {
    let Some(seed) = seed() else { return };
    assert_eq!(SEED_SLOTS.len(), 57);
    assert_slots(&seed, SEED_SLOTS);
    // And the template notice on its first line.
    let json = zongjie(&["lint", "--format", "json", s(&seed)]).json();
    let notices: Vec<(u64, u64)> = json["documents"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["kind"] == SEED_NOTICE.2)
        .map(|d| (d["line"].as_u64().unwrap(), d["column"].as_u64().unwrap()))
        .collect();
    assert_eq!(notices, vec![(SEED_NOTICE.0 as u64, SEED_NOTICE.1 as u64)]);
}

#[test]
fn json_byte_offsets_slice_the_slot_text() {
    let run = zongjie(&[
        "lint",
        "--format",
        "json",
        "--rule",
        "placeholder",
        s(&study()),
    ]);
    let text = std::fs::read_to_string(study()).unwrap();
    for d in run.json()["documents"][0]["diagnostics"]
        .as_array()
        .unwrap()
    {
        let (a, b) = (
            d["byte_start"].as_u64().unwrap() as usize,
            d["byte_end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&text[a..b], d["text"].as_str().unwrap());
        assert_eq!(d["end_line"], d["line"]);
        assert_eq!(d["severity"], "warning");
    }
}

#[test]
fn text_output_is_compiler_style_without_colour_when_piped() {
    let run = zongjie(&["lint", "--rule", "placeholder", s(&study())]);
    assert_eq!(run.code, 1);
    let first = run.stdout.lines().next().unwrap();
    assert!(
        first.ends_with("template_study_2019.txt:1:7: warning[placeholder]: unfilled placeholder \"XX\" (organization)"),
        "{first}"
    );
    assert!(!run.stdout.contains('\x1b'));
    let last = run.stdout.lines().last().unwrap();
    assert!(last.starts_with("1 file checked, 57 findings"), "{last}");
    assert!(last.contains("organization 15"), "{last}");
    assert!(last.ends_with("; profile study"), "{last}");
}

#[test]
fn colour_can_be_forced() {
    let run = zongjie(&["lint", "--color", "always", s(&study())]);
    assert!(run.stdout.contains("\x1b[1;33mwarning"));
}

#[test]
fn gbk_sample_has_the_same_slots_as_its_utf8_twin() {
    let gbk = zongjie(&[
        "lint",
        "--format",
        "json",
        "--rule",
        "placeholder",
        s(&sample("04_gbk.txt")),
    ]);
    let utf8 = zongjie(&[
        "lint",
        "--format",
        "json",
        "--rule",
        "placeholder",
        s(&fixture("04_gbk.utf8.txt")),
    ]);
    let (g, u) = (gbk.json(), utf8.json());
    assert_eq!(g["documents"][0]["encoding"], "GBK");
    assert_eq!(u["documents"][0]["encoding"], "UTF-8");
    let strip = |v: &serde_json::Value| -> Vec<(u64, u64, String)> {
        v["documents"][0]["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| {
                (
                    d["line"].as_u64().unwrap(),
                    d["column"].as_u64().unwrap(),
                    d["text"].to_string(),
                )
            })
            .collect()
    };
    assert_eq!(strip(&g).len(), 12);
    assert_eq!(strip(&g), strip(&u));
}

#[test]
fn forced_encoding_is_used() {
    let run = zongjie(&[
        "lint",
        "--format",
        "json",
        "--encoding",
        "gb18030",
        s(&sample("04_gbk.txt")),
    ]);
    assert_eq!(run.json()["documents"][0]["encoding"], "gb18030");
    let bad = zongjie(&["lint", "--encoding", "klingon", s(&study())]);
    assert_eq!(bad.code, 2);
    assert!(bad.stderr.contains("unknown encoding"), "{}", bad.stderr);
}

#[test]
fn samples_find_what_the_readme_says() {
    for (name, slots) in [
        ("01_template.txt", 74),
        ("02_filled.txt", 0),
        ("03_half_filled.txt", 11),
        ("04_gbk.txt", 12),
        ("05_non_slots.txt", 0),
        ("06_report.md", 6),
    ] {
        let run = zongjie(&[
            "lint",
            "--format",
            "json",
            "--rule",
            "placeholder",
            s(&sample(name)),
        ]);
        let n = run.json()["summary"]["diagnostics"].as_u64().unwrap();
        assert_eq!(n, slots, "{name}");
        assert_eq!(run.code, if slots == 0 { 0 } else { 1 }, "{name}");
    }
}

#[test]
fn filled_sample_is_clean_under_every_rule() {
    for name in ["02_filled.txt", "05_non_slots.txt"] {
        let run = zongjie(&["lint", s(&sample(name))]);
        assert_eq!(run.code, 0, "{name}: {}", run.stdout);
    }
}

#[test]
fn binary_file_is_a_per_file_error_and_the_run_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a_bin.txt"),
        b"\x7fELF\x02\x01\x01\0\0\0\0\0\x03\0>\0",
    )
    .unwrap();
    std::fs::write(dir.path().join("b_draft.txt"), "XX局开展X次学习。").unwrap();
    // Slots only: a one-line draft also misses every section, which is not the point here.
    let run = zongjie(&[
        "lint",
        "--rule",
        "placeholder",
        "--format",
        "json",
        s(dir.path()),
    ]);
    // Both files are reported; the unreadable one makes the exit code 2, not 1.
    assert_eq!(run.code, 2);
    let json = run.json();
    let files = json["documents"].as_array().unwrap();
    assert_eq!(files.len(), 2);
    assert!(
        files[0]["error"].as_str().unwrap().contains("binary"),
        "{}",
        files[0]
    );
    assert_eq!(files[1]["diagnostics"].as_array().unwrap().len(), 2);
    assert_eq!(json["summary"]["failed"], 1);
    // Text mode names the file on stderr.
    let text = zongjie(&["lint", s(dir.path())]);
    assert!(
        text.stderr.contains("a_bin.txt") && text.stderr.contains("binary"),
        "{}",
        text.stderr
    );
}

#[test]
fn only_unreadable_input_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let bin = dir.path().join("x.txt");
    std::fs::write(&bin, b"\0\0\0\x01\x02").unwrap();
    let run = zongjie(&["lint", "--format", "json", s(&bin)]);
    assert_eq!(run.code, 2);
    assert_eq!(run.json()["summary"]["failed"], 1);
    let missing = zongjie(&["lint", "/no/such/file.txt"]);
    assert_eq!(missing.code, 2);
}

#[test]
fn empty_file_has_no_findings() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("empty.txt");
    std::fs::write(&f, b"").unwrap();
    let run = zongjie(&["lint", "--rule", "placeholder", "--format", "json", s(&f)]);
    assert_eq!(run.code, 0);
    assert_eq!(
        run.json()["documents"][0]["diagnostics"]
            .as_array()
            .unwrap()
            .len(),
        0
    );
}

#[test]
fn stray_invalid_bytes_decode_lossily_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("damaged.txt");
    let mut bytes = "一、主要工作情况\n本年度XX局共开展学习活动十二次，"
        .as_bytes()
        .to_vec();
    bytes.extend_from_slice(b"\xff\xfe");
    bytes.extend_from_slice("组织专题研讨X次，形成调研报告三篇。\n".as_bytes());
    std::fs::write(&f, &bytes).unwrap();
    let run = zongjie(&["lint", "--rule", "placeholder", "--format", "json", s(&f)]);
    assert_eq!(run.code, 1);
    let file = &run.json()["documents"][0];
    assert_eq!(file["warnings"].as_array().unwrap().len(), 1, "{file}");
    let texts: Vec<&str> = file["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["text"].as_str().unwrap())
        .collect();
    assert_eq!(texts, vec!["XX", "X"]);
}

#[test]
fn stdin_is_read_with_dash() {
    let run = zongjie_in(
        None,
        // Slots only: a one-line notice also misses every section, not the point here.
        &["lint", "--rule", "placeholder", "--format", "json", "-"],
        Some("请XX同志于X月X日前报送".as_bytes()),
    );
    assert_eq!(run.code, 1);
    let json = run.json();
    assert_eq!(json["documents"][0]["path"], "-");
    assert_eq!(json["summary"]["diagnostics"], 3);
}

#[test]
fn ndjson_is_a_line_per_file_then_summary() {
    let run = zongjie(&[
        "lint",
        "--format",
        "ndjson",
        "--rule",
        "placeholder",
        s(&sample("01_template.txt")),
        s(&sample("02_filled.txt")),
    ]);
    let lines = run.ndjson();
    assert_eq!(lines.len(), 3);
    assert!(
        lines[0]["path"]
            .as_str()
            .unwrap()
            .ends_with("01_template.txt")
    );
    assert_eq!(lines[2]["summary"]["documents"], 2);
    assert_eq!(lines[2]["summary"]["diagnostics"], 74);
}

#[test]
fn fail_level_error_lets_warnings_pass() {
    let run = zongjie(&["lint", "--fail-level", "error", s(&study())]);
    assert_eq!(run.code, 0);
    assert!(run.stdout.contains("warning[placeholder]"));
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(zongjie(&["lint"]).code, 2);
    assert_eq!(zongjie(&["lint", "--rule", "nonsense", "x"]).code, 2);
    assert_eq!(zongjie(&["frobnicate"]).code, 2);
}

#[test]
fn fatal_error_in_json_mode_is_json() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("zongjie.toml"), "not = [valid").unwrap();
    let run = zongjie_in(
        Some(dir.path()),
        &["lint", "--format", "json", s(&study())],
        None,
    );
    assert_eq!(run.code, 2);
    let json = run.json();
    assert_eq!(json["version"], 2);
    assert!(
        json["error"].as_str().unwrap().contains("zongjie.toml"),
        "{json}"
    );
}

#[test]
fn empty_directory_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let run = zongjie(&["lint", s(dir.path())]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("no input files"), "{}", run.stderr);
}

#[test]
fn walking_skips_hidden_and_non_text_files() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join(".git")).unwrap();
    std::fs::write(dir.path().join(".git/HEAD.txt"), "XX").unwrap();
    std::fs::write(dir.path().join("code.rs"), "let XX = 1;").unwrap();
    std::fs::write(dir.path().join("draft.txt"), "XX局").unwrap();
    let run = zongjie(&["lint", "--format", "json", s(dir.path())]);
    let json = run.json();
    assert_eq!(json["summary"]["documents"], 1, "{json}");
}
