//! `zongjie outline`, and the structure rules of `zongjie lint`, on the seed, the
//! samples and the one-defect fixtures.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::lint::{SEED_SLOTS, STUDY_SLOTS};
use crate::util::*;

/// The one document of an `outline --format json` run.
fn outline_json(args: &[&str]) -> Value {
    let mut all = vec!["outline", "--format", "json"];
    all.extend_from_slice(args);
    let run = zongjie(&all);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let json = run.json();
    assert_eq!(json["version"], 2);
    let docs = json["documents"].as_array().unwrap();
    assert_eq!(docs.len(), 1);
    docs[0].clone()
}

/// Every diagnostic of a `lint --format json` run as (rule, line, column, text).
fn lint_findings(path: &str) -> Vec<(String, u64, u64, String)> {
    let run = zongjie(&["lint", "--format", "json", path]);
    run.json()["documents"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["rule"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
                d["column"].as_u64().unwrap(),
                d["text"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

type OutlineRow<'a> = (u64, u64, &'a str, &'a str, &'a [&'a str]);

/// The outline of our own template, read off the text by hand: (level, line, marker,
/// title, roles).
const STUDY_OUTLINE: &[OutlineRow] = &[
    (1, 4, "一、", "基本情况", &["situation"]),
    (1, 6, "二、", "主要做法", &["practice"]),
    (2, 8, "（一）", "健全制度、压实责任", &[]),
    (2, 9, "（二）", "突出重点、深学细悟", &[]),
    (2, 10, "（三）", "领导带头、以上率下", &[]),
    (1, 11, "三、", "取得的成效", &["results"]),
    (1, 14, "四、", "存在的问题", &["problems"]),
    (1, 16, "五、", "下一步工作打算", &["plans"]),
    (2, 18, "（一）", "坚持政治引领，在学懂弄通做实上下功夫", &[]),
    (2, 19, "（二）", "坚持问题导向，在学用结合上下功夫", &[]),
    (2, 20, "（三）", "坚持从严从实，在督促检查上下功夫", &[]),
];

/// The seed's outline, read off the text by hand: (level, line, marker, title, roles).
const SEED_OUTLINE: &[OutlineRow] = &[
    (1, 5, "一、", "主要学习情况", &["situation"]),
    (1, 7, "二、", "主要做法", &["practice"]),
    (2, 9, "（一）", "制度先行、严格规范", &[]),
    (2, 10, "（二）", "重点突出、学用结合", &[]),
    (2, 11, "（三）", "以上率下、率先垂范", &[]),
    (1, 12, "三、", "学习成效", &["results"]),
    (1, 18, "四、", "存在的主要问题", &["problems"]),
    (1, 21, "五、", "下一步打算", &["plans"]),
    (
        2,
        23,
        "（一）",
        "要更加突出政治站位抓好中心组的学习活动",
        &[],
    ),
    (2, 24, "（二）", "要更加严格规范抓好中心组的学习活动", &[]),
    (2, 25, "（三）", "要更加注重实效抓好中心组的学习活动", &[]),
];

/// Checks the outline of `path` against `want`: the headings, the level-2 headings'
/// bodies on the same line, and no missing section or numbering slip.
fn assert_outline(path: &std::path::Path, want: &[OutlineRow]) {
    let doc = outline_json(&[s(path)]);
    let got: Vec<(u64, u64, String, String, Vec<String>)> = doc["headings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| {
            let roles = h["roles"].as_array().unwrap();
            (
                h["level"].as_u64().unwrap(),
                h["line"].as_u64().unwrap(),
                h["marker"].as_str().unwrap().to_string(),
                h["title"].as_str().unwrap().to_string(),
                roles
                    .iter()
                    .map(|r| r.as_str().unwrap().to_string())
                    .collect(),
            )
        })
        .collect();
    let want: Vec<(u64, u64, String, String, Vec<String>)> = want
        .iter()
        .map(|&(level, line, marker, title, roles)| {
            let roles = roles.iter().map(|r| r.to_string()).collect();
            (level, line, marker.to_string(), title.to_string(), roles)
        })
        .collect();
    assert_eq!(got, want);
    // The level-2 headings carry their body on the same line.
    assert_eq!(doc["headings"][2]["has_body"], true);
    assert_eq!(doc["headings"][0]["has_body"], false);
    assert_eq!(doc["sections_missing"], serde_json::json!([]));
    assert_eq!(doc["numbering_errors"], serde_json::json!([]));
}

#[test]
fn study_template_outline_is_exact() {
    assert_outline(&study(), STUDY_OUTLINE);
}

#[test]
fn seed_outline_is_exact() {
    let Some(seed) = seed() else { return };
    assert_outline(&seed, SEED_OUTLINE);
}

/// A template that is clean but for its slots (its inline 一是…四是 lists in order,
/// brackets and quotes balanced, markers GB/T style) scores lower only for them.
/// `notices` template notices (a slot kind of their own) come on top of `slots`.
///
/// `others` are the findings of other rules the document is known to hold, as (rule,
/// line): they are wording and punctuation, which do not move the score.
fn assert_only_slots(
    path: &std::path::Path,
    slots: &[(usize, usize, &str, &str)],
    notices: usize,
    others: &[(&str, u64)],
) {
    let findings = lint_findings(s(path));
    let (slot_findings, other): (Vec<_>, Vec<_>) =
        findings.iter().partition(|f| f.0 == "placeholder");
    assert_eq!(slot_findings.len(), slots.len() + notices);
    let other: Vec<(&str, u64)> = other.iter().map(|f| (f.0.as_str(), f.1)).collect();
    assert_eq!(other, others, "{findings:?}");

    let c = &outline_json(&[s(path)])["completeness"];
    let mut kinds: BTreeMap<String, u64> = BTreeMap::new();
    for &(_, _, _, kind) in slots {
        *kinds.entry(kind.to_string()).or_default() += 1;
    }
    if notices > 0 {
        kinds.insert("notice".to_string(), notices as u64);
    }
    let b = &c["breakdown"];
    assert_eq!(b["slots"], serde_json::to_value(&kinds).unwrap());
    for other in [
        "missing_roles",
        "empty_sections",
        "numbering_errors",
        "unbalanced",
        "heading_style",
    ] {
        assert_eq!(b[other], 0, "{other}");
    }
    assert_eq!(c["structure"], 1.0);
    assert_eq!(c["form"], 1.0);
    // filled = 1 / (1 + n/5) = 5/(5 + n); score = (2 + 2·filled + 1) / 5.
    let n = (slots.len() + notices) as f64;
    let score = c["score"].as_f64().unwrap();
    assert!(
        (score - (3.0 + 10.0 / (5.0 + n)) / 5.0).abs() < 1e-12,
        "{score}"
    );
}

#[test]
fn study_template_has_only_slot_findings_and_its_score_falls_only_for_them() {
    assert_only_slots(&study(), STUDY_SLOTS, 0, &[]);
}

#[test]
fn seed_has_only_slot_findings_and_its_score_falls_only_for_them() {
    let Some(seed) = seed() else { return };
    // Line 23 writes “四个意识”、“四个自信”: no 、 between quoted items (GB/T 15834).
    assert_only_slots(&seed, SEED_SLOTS, 1, &[("punctuation", 23)]);
}

/// Each fixture has one defect, at the line tests/fixtures/README.md gives, and
/// nothing else: one line a case.
#[test]
fn fixtures_have_exactly_their_one_defect() {
    let cases: &[(&str, &str, u64, u64, &str)] = &[
        ("skipped_number.txt", "numbering", 9, 1, "四、"),
        ("repeated_number.txt", "numbering", 7, 1, "（二）"),
        ("missing_section.txt", "missing-section", 1, 1, "problems"),
        (
            "empty_section.txt",
            "empty-section",
            6,
            1,
            "（二）社会保障体系不断完善",
        ),
        ("unbalanced_quote.txt", "unbalanced", 10, 22, "“"),
    ];
    for &(name, rule, line, column, text) in cases {
        let got = lint_findings(s(&fixture(name)));
        let want = vec![(rule.to_string(), line, column, text.to_string())];
        assert_eq!(got, want, "{name}");
    }
}

#[test]
fn fixture_numbering_errors_name_expected_and_found() {
    let cases: &[(&str, u64, &str, &str)] = &[
        ("skipped_number.txt", 9, "三、", "四、"),
        ("repeated_number.txt", 7, "（三）", "（二）"),
    ];
    for &(name, line, expected, found) in cases {
        let doc = outline_json(&[s(&fixture(name))]);
        let want =
            serde_json::json!([{"line": line, "column": 1, "expected": expected, "found": found}]);
        assert_eq!(doc["numbering_errors"], want, "{name}");
    }
    let doc = outline_json(&[s(&fixture("missing_section.txt"))]);
    assert_eq!(doc["sections_missing"], serde_json::json!(["problems"]));
}

#[test]
fn filled_samples_score_exactly_one() {
    for name in ["02_filled.txt", "05_non_slots.txt"] {
        let doc = outline_json(&[s(&sample(name))]);
        assert_eq!(doc["completeness"]["score"], 1.0, "{name}");
        let level_one = doc["headings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|h| h["level"] == 1)
            .count();
        assert_eq!(level_one, 5, "{name}");
        assert_eq!(doc["sections_missing"], serde_json::json!([]), "{name}");
    }
}

#[test]
fn template_sample_has_only_slot_findings() {
    let findings = lint_findings(s(&sample("01_template.txt")));
    // 73 X slots and the notice of line 2.
    assert_eq!(findings.len(), 74);
    assert!(
        findings.iter().all(|f| f.0 == "placeholder"),
        "{findings:?}"
    );
}

#[test]
fn text_outline_is_a_tree_then_the_findings() {
    let run = zongjie(&["outline", s(&fixture("skipped_number.txt"))]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let body: Vec<&str> = run.stdout.lines().skip(2).collect();
    assert_eq!(run.stdout.lines().nth(1), Some("profile: work-summary"));
    assert!(
        run.stdout
            .lines()
            .next()
            .unwrap()
            .ends_with("skipped_number.txt")
    );
    assert_eq!(
        body,
        vec![
            " 3  一、主要工作情况  [situation]",
            " 5    （一）档案收集更加规范",
            " 6    （二）档案利用更加便捷",
            " 7  二、主要做法  [practice]",
            " 9  四、工作成效  [results]",
            "11  五、存在的问题和不足  [problems]",
            "13  六、下一步工作打算  [plans]",
            "missing sections: none",
            "numbering errors:",
            "  9:1: expected 三、, found 四、",
            "completeness: 0.960 (structure 1.000 · filled 1.000 · form 0.800)",
            "  slots 0 · missing roles 0 · empty sections 0 · numbering errors 1 · heading style 0 · unbalanced 0",
        ]
    );
}

#[test]
fn several_files_come_in_path_order_and_a_bad_one_does_not_stop_the_run() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a_bin.txt"), b"\0\0\0\x01\x02").unwrap();
    std::fs::write(
        dir.path().join("b.txt"),
        "一、主要工作\n正文\n三、下一步打算\n正文",
    )
    .unwrap();
    let run = zongjie(&["outline", "--format", "json", s(dir.path())]);
    // Both are reported; the unreadable one makes the exit code 2.
    assert_eq!(run.code, 2);
    let json = run.json();
    let docs = json["documents"].as_array().unwrap();
    assert_eq!(docs.len(), 2);
    assert!(docs[0]["error"].as_str().unwrap().contains("binary"));
    assert_eq!(docs[0]["headings"], serde_json::json!([]));
    assert_eq!(docs[1]["error"], Value::Null);
    // No title: the general profile, which requires only an account of the work.
    assert_eq!(docs[1]["profile"], "general");
    assert_eq!(docs[1]["sections_missing"], serde_json::json!([]));
    assert_eq!(docs[1]["numbering_errors"][0]["expected"], "二、");

    let text = zongjie(&["outline", s(dir.path())]);
    assert!(text.stderr.contains("a_bin.txt"), "{}", text.stderr);
    assert!(
        text.stdout
            .contains("b.txt\nprofile: general\n1  一、主要工作  [situation]"),
        "{}",
        text.stdout
    );
}

#[test]
fn unreadable_input_only_exits_2_and_json_stays_json() {
    assert_eq!(zongjie(&["outline", "/no/such/file.txt"]).code, 2);
    assert_eq!(zongjie(&["outline"]).code, 2);
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("zongjie.toml"),
        "required-roles = [\"summary\"]",
    )
    .unwrap();
    let run = zongjie_in(
        Some(dir.path()),
        &["outline", "--format", "json", s(&study())],
        None,
    );
    assert_eq!(run.code, 2);
    assert!(
        run.json()["error"]
            .as_str()
            .unwrap()
            .contains("zongjie.toml")
    );
}

/// Required roles, extra role keywords and rule levels come from zongjie.toml;
/// `--skip-rule` goes on top.
#[test]
fn config_chooses_required_roles_keywords_and_rules() {
    let dir = tempfile::tempdir().unwrap();
    let draft = dir.path().join("draft.txt");
    std::fs::write(
        &draft,
        "一、主要工作\n正文\n二、有待改进之处\n正文\n四、明年打算\n（一)加强“学习\n正文\n",
    )
    .unwrap();
    let rules_of = |run: &Run| -> Vec<String> {
        run.json()["documents"][0]["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| format!("{}@{}", d["rule"].as_str().unwrap(), d["line"]))
            .collect()
    };
    // Untitled, the draft is judged by the general profile, which it satisfies;
    // judged as a 工作总结 it lacks a problems section (有待改进 is no keyword yet).
    let defaults = zongjie_in(
        Some(dir.path()),
        &["lint", "--format", "json", s(&draft)],
        None,
    );
    assert_eq!(
        rules_of(&defaults),
        ["numbering@5", "heading-style@6", "unbalanced@6"]
    );
    let as_summary = zongjie_in(
        Some(dir.path()),
        &[
            "lint",
            "--format",
            "json",
            "--profile",
            "work-summary",
            s(&draft),
        ],
        None,
    );
    assert_eq!(
        rules_of(&as_summary),
        [
            "missing-section@1",
            "numbering@5",
            "heading-style@6",
            "unbalanced@6",
        ]
    );
    assert_eq!(as_summary.json()["documents"][0]["profile"], "work-summary");
    std::fs::write(
        dir.path().join("zongjie.toml"),
        r#"required-roles = ["situation", "problems", "plans"]
profile = "work-summary"
[roles]
problems = ["有待改进"]
[rules]
heading-style = "off"
numbering = "error"
"#,
    )
    .unwrap();
    let configured = zongjie_in(
        Some(dir.path()),
        &["lint", "--format", "json", s(&draft)],
        None,
    );
    assert_eq!(rules_of(&configured), ["numbering@5", "unbalanced@6"]);
    assert_eq!(
        configured.json()["documents"][0]["diagnostics"][0]["severity"],
        "error"
    );
    let skipped = zongjie_in(
        Some(dir.path()),
        &[
            "lint",
            "--format",
            "json",
            "--skip-rule",
            "unbalanced",
            s(&draft),
        ],
        None,
    );
    assert_eq!(rules_of(&skipped), ["numbering@5"]);
    // The outline follows the same config: a rule turned off lowers nothing.
    let outline = zongjie_in(
        Some(dir.path()),
        &[
            "outline",
            "--format",
            "json",
            "--skip-rule",
            "numbering",
            s(&draft),
        ],
        None,
    );
    let doc = &outline.json()["documents"][0];
    assert_eq!(doc["numbering_errors"], serde_json::json!([]));
    assert_eq!(doc["sections_missing"], serde_json::json!([]));
    assert_eq!(doc["completeness"]["breakdown"]["unbalanced"], 1);
    assert_eq!(doc["completeness"]["breakdown"]["numbering_errors"], 0);
}
