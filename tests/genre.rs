//! Issue 10 "Real documents": the fixtures of `tests/fixtures/genre/` through the real
//! binary. Each fixture's findings are pinned; the filled documents of every genre
//! (and every form: Markdown, traditional script, flattened text, look-alikes) must
//! come out clean at the defaults.

use crate::util::*;

/// A fixture of `tests/fixtures/genre/`.
fn genre(name: &str) -> std::path::PathBuf {
    root().join("tests/fixtures/genre").join(name)
}

/// Every finding of `lint --format json` on one file as `rule@line:column text`,
/// and the profile it was judged by.
fn findings(name: &str) -> (String, Vec<String>) {
    let run = zongjie(&["lint", "--format", "json", s(&genre(name))]);
    let json = run.json();
    let file = &json["documents"][0];
    assert!(file["error"].is_null(), "{name}: {file}");
    let found = file["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            format!(
                "{}@{}:{} {}",
                d["rule"].as_str().unwrap(),
                d["line"],
                d["column"],
                d["text"].as_str().unwrap()
            )
        })
        .collect();
    let code = if json["summary"]["diagnostics"] == 0 {
        0
    } else {
        1
    };
    assert_eq!(run.code, code, "{name}: {}", run.stderr);
    (file["profile"].as_str().unwrap().to_string(), found)
}

/// Filled documents of each genre and form: one line a case, the fixture and the
/// profile it must be judged by. None may have a finding at the defaults.
const CLEAN: &[(&str, &str)] = &[
    ("work_summary_annual.txt", "work-summary"),
    ("work_summary_half_year.txt", "work-summary"),
    ("debrief.txt", "debrief"),
    ("debrief_integrity.txt", "debrief-integrity"),
    ("study_summary.txt", "study"),
    ("disclosure_report.txt", "disclosure"),
    ("general_untitled.txt", "general"),
    ("markdown_review.md", "work-summary"),
    ("markdown_gbt.md", "work-summary"),
    ("traditional_debrief.txt", "debrief"),
    ("flattened_one_line.txt", "work-summary"),
    ("flattened_two_lines.txt", "work-summary"),
    ("look_alikes.txt", "work-summary"),
    ("lists_not_sections.txt", "work-summary"),
];

#[test]
fn filled_documents_of_every_genre_have_no_finding() {
    for &(name, profile) in CLEAN {
        let (got_profile, found) = findings(name);
        assert_eq!(found, Vec::<String>::new(), "{name}");
        assert_eq!(got_profile, profile, "{name}");
    }
}

/// The documents with findings, each pinned: every one is a true problem.
#[test]
fn fixtures_with_findings_report_exactly_them() {
    #[rustfmt::skip]
    let cases: &[(&str, &str, &[&str])] = &[
        ("real_slips.txt", "work-summary", &[
            "missing-section@1:1 plans",
            "empty-section@7:1 （二）旅游市场加快复苏",
            "numbering@12:1 4.",
            "numbering@13:1 四、",
            "numbering@14:14 三是",
        ]),
        ("template_leftovers.txt", "work-summary", &[
            "placeholder@1:1 本文系网友投稿，仅供学习参考，请勿照搬照抄！",
            "placeholder@2:1 【单位名称】",
            "placeholder@2:9 XX",
            "placeholder@2:14 XX",
            "placeholder@4:3 XX",
            "placeholder@4:8 XX",
            "placeholder@7:1 （此处填写本单位主要工作）",
            "placeholder@8:13 X",
            "placeholder@8:20 XX",
            "placeholder@10:1 （根据实际情况填写）",
            "placeholder@14:1 〔单位〕",
            "placeholder@15:5 [姓名]",
            "placeholder@16:4 ____",
            "placeholder@16:9 __",
            "placeholder@16:12 __",
            "placeholder@17:6   ",
            "placeholder@17:9   ",
        ]),
        ("traditional_template.txt", "work-summary", &[
            "placeholder@1:1 （本模板僅供參考，請結合本單位實際修改完善）",
            "placeholder@2:1 【單位名稱】",
            "placeholder@2:9 XX",
            "placeholder@4:3 XX",
            "placeholder@4:7 XX",
            "placeholder@7:1 （此處填寫本單位主要工作）",
            "placeholder@8:10 X",
            "placeholder@8:19 XX",
            "placeholder@10:1 （根據實際情況填寫）",
            "placeholder@12:3 XX",
            "placeholder@14:1 [單位]",
            "placeholder@15:6   ",
            "placeholder@15:9   ",
        ]),
    ];
    for (name, profile, want) in cases {
        let (got_profile, found) = findings(name);
        assert_eq!(found, *want, "{name}");
        assert_eq!(got_profile, *profile, "{name}");
    }
}

/// Slot kinds are the same in traditional script as in simplified, and template
/// leftovers carry their own kinds.
#[test]
fn template_leftovers_have_their_kinds_in_both_scripts() {
    let kinds = |name: &str| -> Vec<String> {
        let run = zongjie(&["lint", "--format", "json", s(&genre(name))]);
        run.json()["documents"][0]["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["kind"].as_str().unwrap().to_string())
            .collect()
    };
    let simplified = kinds("template_leftovers.txt");
    assert_eq!(
        simplified,
        [
            "notice",
            "organization",
            "date",
            "date",
            "date",
            "date",
            "instruction",
            "number",
            "number",
            "instruction",
            "organization",
            "person",
            "date",
            "date",
            "date",
            "date",
            "date"
        ]
    );
    let traditional = kinds("traditional_template.txt");
    assert_eq!(
        traditional,
        [
            "notice",
            "organization",
            "date",
            "date",
            "organization",
            "instruction",
            "number",
            "number",
            "instruction",
            "date",
            "organization",
            "date",
            "date"
        ]
    );
}

/// The messages a person reads: sentences that quote what they are about once.
#[test]
fn messages_read_as_sentences() {
    let run = zongjie(&["lint", s(&genre("real_slips.txt"))]);
    let heads: Vec<&str> = run
        .stdout
        .lines()
        .filter(|l| l.contains(": warning["))
        .map(|l| l.split_once(": warning").unwrap().1)
        .collect();
    assert_eq!(
        heads,
        [
            "[missing-section]: no \"plans\" section (such as 下一步打算), which a 工作总结 should have",
            "[empty-section]: nothing under this heading \"（二）旅游市场加快复苏\"",
            "[numbering]: \"4.\" should be \"3.\": a number is skipped",
            "[numbering]: \"四、\" should be \"三、\": a number is skipped",
            "[numbering]: \"三是\" should be \"二是\": a number is skipped",
        ]
    );
    assert!(
        run.stdout.ends_with("; profile work-summary\n"),
        "{}",
        run.stdout
    );
}

/// The outline of a flattened document: headings found inside its one line, with
/// their columns in it, and every role of the profile.
#[test]
fn flattened_outline_finds_its_headings() {
    let run = zongjie(&[
        "outline",
        "--format",
        "json",
        s(&genre("flattened_one_line.txt")),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let doc = &run.json()["documents"][0];
    let text = std::fs::read_to_string(genre("flattened_one_line.txt")).unwrap();
    let headings = doc["headings"].as_array().unwrap();
    assert_eq!(headings.len(), 9);
    for h in headings {
        assert_eq!(h["line"], 1);
        let col = h["column"].as_u64().unwrap() as usize;
        let at: String = text.chars().skip(col - 1).take(4).collect();
        assert!(at.starts_with(h["marker"].as_str().unwrap()), "{h} at {at}");
    }
    assert_eq!(doc["sections_missing"], serde_json::json!([]));
    assert_eq!(doc["profile"], "work-summary");
}

/// `--profile` judges every document by one profile, overriding detection, in
/// lint, outline and analyze; an unknown name is a usage error.
#[test]
fn profile_flag_overrides_detection() {
    let debrief = genre("debrief.txt");
    let path = s(&debrief);
    let run = zongjie(&["lint", "--format", "json", "--profile", "disclosure", path]);
    let json = run.json();
    assert_eq!(json["documents"][0]["profile"], "disclosure");
    let missing: Vec<&str> = json["documents"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["text"].as_str().unwrap())
        .collect();
    assert_eq!(
        missing,
        [
            "proactive-disclosure",
            "disclosure-requests",
            "appeals",
            "other-matters"
        ]
    );
    let outline = zongjie(&["outline", "--format", "json", "--profile", "general", path]);
    assert_eq!(outline.json()["documents"][0]["profile"], "general");
    let analyze = zongjie(&[
        "analyze",
        "--format",
        "json",
        "--quiet",
        "--profile",
        "study",
        path,
    ]);
    assert_eq!(analyze.json()["documents"][0]["profile"], "study");
    let bad = zongjie(&["lint", "--profile", "novel", path]);
    assert_eq!(bad.code, 2);
    assert!(bad.stderr.contains("debrief-integrity"), "{}", bad.stderr);
}

/// Issue 9: an empty document is warned about and has no score, in every format.
#[test]
fn empty_document_has_a_warning_and_no_score() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, " \n\u{3000}\n").unwrap();
    let lint = zongjie(&["lint", s(&empty)]);
    assert_eq!(lint.code, 0);
    assert!(lint.stderr.contains("empty"), "{}", lint.stderr);
    let outline = zongjie(&["outline", s(&empty)]);
    assert!(
        outline.stdout.contains("completeness: none"),
        "{}",
        outline.stdout
    );
    let csv = zongjie(&["analyze", "--format", "csv", "--quiet", s(&empty)]);
    let rows: Vec<&str> = csv.stdout.lines().collect();
    let col = rows[0]
        .split(',')
        .position(|c| c == "completeness")
        .unwrap();
    assert_eq!(rows[1].split(',').nth(col), Some(""), "{}", csv.stdout);
    let text = zongjie(&["analyze", "--quiet", s(&empty)]);
    assert!(text.stdout.contains("mean none"), "{}", text.stdout);
    assert!(
        text.stdout.contains("1 empty, with no score"),
        "{}",
        text.stdout
    );
}
