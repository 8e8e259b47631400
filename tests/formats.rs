//! Every output format of every command, the rule registry, and the interface
//! language: SARIF and rdjson against their official schemas (vendored in
//! `tests/schemas/` with their licences), CSV, `zongjie rules`, `--lang`.

use serde_json::Value;

use crate::util::*;

fn schema(name: &str) -> jsonschema::Validator {
    let text = std::fs::read_to_string(root().join("tests/schemas").join(name)).unwrap();
    let schema: Value = serde_json::from_str(&text).unwrap();
    jsonschema::validator_for(&schema).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn assert_valid(validator: &jsonschema::Validator, doc: &Value) {
    let errors: Vec<String> = validator.iter_errors(doc).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:#?}\n{doc:#}");
}

/// A folder with our template, a draft whose slot sits after a char outside the Basic
/// Multilingual Plane (two UTF-16 units, four UTF-8 bytes), and an unreadable file.
fn drafts() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(study(), dir.path().join("a_template.txt")).unwrap();
    std::fs::write(
        dir.path().join("b_rare.txt"),
        "一、主要工作\n𠀀XX局开展学习,推进工作。\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("c_bad.txt"), b"\0\x01\x02\x03\0\0").unwrap();
    dir
}

#[test]
fn sarif_is_valid_and_carries_every_finding_with_utf16_columns() {
    let dir = drafts();
    let run = zongjie(&["lint", "--format", "sarif", s(dir.path())]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    let log = run.json();
    assert_valid(&schema("sarif-schema-2.1.0.json"), &log);
    let json = zongjie(&["lint", "--format", "json", s(dir.path())]).json();
    let run0 = &log["runs"][0];
    let results = run0["results"].as_array().unwrap();
    assert_eq!(
        results.len() as u64,
        json["summary"]["diagnostics"].as_u64().unwrap()
    );
    // Every rule of the registry is described.
    let rules = run0["tool"]["driver"]["rules"].as_array().unwrap();
    let rules_json = zongjie(&["rules", "--format", "json"]).json();
    assert_eq!(rules.len(), rules_json["rules"].as_array().unwrap().len());
    assert!(
        rules
            .iter()
            .all(|r| !r["fullDescription"]["text"].as_str().unwrap().is_empty())
    );
    // `𠀀XX局`: the slot starts at char column 2, UTF-16 column 3.
    let rare = results
        .iter()
        .find(|r| {
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                .as_str()
                .unwrap()
                .ends_with("b_rare.txt")
                && r["ruleId"] == "placeholder"
        })
        .unwrap();
    let region = &rare["locations"][0]["physicalLocation"]["region"];
    assert_eq!(
        (region["startLine"].as_u64(), region["startColumn"].as_u64()),
        (Some(2), Some(3))
    );
    assert_eq!(region["endColumn"], 5);
    assert_eq!(run0["columnKind"], "utf16CodeUnits");
    // The half-width comma's fix: 𠀀 is two UTF-16 units, X X 局开展学习 seven more, so
    // the comma is UTF-16 column 10 of line 2; it is replaced by `，`.
    let fixed = results
        .iter()
        .find(|r| r["ruleId"] == "punctuation")
        .unwrap();
    let replacement = &fixed["fixes"][0]["artifactChanges"][0]["replacements"][0];
    assert_eq!(replacement["insertedContent"]["text"], "，");
    assert_eq!(replacement["deletedRegion"]["startLine"], 2);
    assert_eq!(replacement["deletedRegion"]["startColumn"], 10);
    assert_eq!(replacement["deletedRegion"]["endColumn"], 11);
    // Artifacts with their encodings; the unreadable file is a notification.
    let artifacts = run0["artifacts"].as_array().unwrap();
    assert_eq!(artifacts.len(), 2);
    assert!(artifacts.iter().all(|a| a["encoding"] == "UTF-8"));
    let notes = run0["invocations"][0]["toolExecutionNotifications"]
        .as_array()
        .unwrap();
    assert_eq!(notes.len(), 1);
    assert!(
        notes[0]["message"]["text"]
            .as_str()
            .unwrap()
            .contains("c_bad.txt")
    );
}

#[test]
fn rdjson_is_valid_with_utf8_byte_columns() {
    let dir = drafts();
    let run = zongjie(&["lint", "--format", "rdjson", s(dir.path())]);
    assert_eq!(run.code, 2);
    let doc = run.json();
    assert_valid(&schema("rdjson-DiagnosticResult.json"), &doc);
    let diags = doc["diagnostics"].as_array().unwrap();
    let json = zongjie(&["lint", "--format", "json", s(dir.path())]).json();
    assert_eq!(
        diags.len() as u64,
        json["summary"]["diagnostics"].as_u64().unwrap()
    );
    let rare = diags
        .iter()
        .find(|d| {
            d["location"]["path"]
                .as_str()
                .unwrap()
                .ends_with("b_rare.txt")
                && d["code"]["value"] == "placeholder"
        })
        .unwrap();
    // `𠀀` is four bytes: the slot starts at byte column 5 and ends before byte 7.
    assert_eq!(
        rare["location"]["range"]["start"],
        serde_json::json!({"line": 2, "column": 5})
    );
    assert_eq!(
        rare["location"]["range"]["end"],
        serde_json::json!({"line": 2, "column": 7})
    );
    assert_eq!(rare["severity"], "WARNING");
    // The comma's suggestion, in UTF-8 byte columns: 1 + 4 (𠀀) + 2 (XX) + 3·5 = 22.
    let comma = diags
        .iter()
        .find(|d| d["code"]["value"] == "punctuation")
        .unwrap();
    assert_eq!(comma["suggestions"][0]["text"], "，");
    assert_eq!(
        comma["suggestions"][0]["range"]["start"],
        serde_json::json!({"line": 2, "column": 22})
    );
}

#[test]
fn lint_csv_is_a_row_per_finding() {
    let run = zongjie(&["lint", "--format", "csv", s(&study())]);
    assert_eq!(run.code, 1);
    let rows: Vec<&str> = run.stdout.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(
        rows[0],
        "path,line,column,end_line,end_column,rule,severity,kind,text,message"
    );
    assert_eq!(rows.len(), 58);
    assert!(
        rows[1].contains(",1,7,1,9,placeholder,warning,organization,XX,"),
        "{}",
        rows[1]
    );
}

/// Every command writes `{"version":2,"documents":[…],"summary":{…}}`; analyze adds corpus.
#[test]
fn every_command_has_the_same_top_level_shape() {
    for cmd in ["lint", "outline", "phrases", "analyze"] {
        let run = zongjie(&[cmd, "--format", "json", "-q", s(&study())]);
        let json = run.json();
        assert_eq!(json["version"], 2, "{cmd}");
        assert_eq!(json["documents"].as_array().unwrap().len(), 1, "{cmd}");
        assert_eq!(json["summary"]["documents"], 1, "{cmd}");
        assert_eq!(json["summary"]["failed"], 0, "{cmd}");
        assert_eq!(json.get("corpus").is_some(), cmd == "analyze", "{cmd}");
        let lines = zongjie(&[cmd, "--format", "ndjson", "-q", s(&study())]).ndjson();
        assert_eq!(lines.len(), 2, "{cmd}");
        assert_eq!(lines[1]["version"], 2);
        assert_eq!(lines[1]["summary"]["documents"], 1);
    }
}

#[test]
fn formats_a_command_does_not_have_are_usage_errors() {
    for (cmd, format) in [
        ("outline", "sarif"),
        ("phrases", "csv"),
        ("analyze", "rdjson"),
    ] {
        let run = zongjie(&[cmd, "--format", format, s(&study())]);
        assert_eq!(run.code, 2, "{cmd} {format}");
        assert!(run.stderr.contains(format), "{}", run.stderr);
    }
}

#[test]
fn rules_lists_the_registry_and_explains_one() {
    let run = zongjie(&["rules"]);
    assert_eq!(run.code, 0);
    for id in [
        "placeholder",
        "numbering",
        "heading-style",
        "missing-section",
        "empty-section",
        "unbalanced",
        "repeated-phrase",
    ] {
        assert!(
            run.stdout.lines().any(|l| l.starts_with(id)),
            "{id}:\n{}",
            run.stdout
        );
    }
    let json = zongjie(&["rules", "--format", "json"]).json();
    let rules = json["rules"].as_array().unwrap();
    let repeated = rules.iter().find(|r| r["id"] == "repeated-phrase").unwrap();
    assert_eq!(repeated["default_severity"], Value::Null);
    assert_eq!(repeated["producer"], "repetition");
    let one = zongjie(&["rules", "numbering"]);
    assert!(one.stdout.starts_with("numbering\n"), "{}", one.stdout);
    assert!(one.stdout.contains("GB/T 9704"));
    let zh = zongjie(&["rules", "numbering", "--lang", "zh"]);
    assert!(zh.stdout.contains("序号"), "{}", zh.stdout);
    let bad = zongjie(&["rules", "nonsense"]);
    assert_eq!(bad.code, 2);
    assert!(bad.stderr.contains("placeholder"), "{}", bad.stderr);
}

/// The language follows --lang, then the locale; JSON keys, rule ids and enum values
/// stay English whatever the language.
#[test]
fn chinese_and_english_interfaces() {
    let en = zongjie(&["lint", s(&study())]);
    let zh = zongjie(&["lint", "--lang", "zh", s(&study())]);
    assert_eq!(en.code, 1);
    assert_eq!(zh.code, 1);
    assert!(en.stdout.contains("warning[placeholder]"));
    assert!(zh.stdout.contains("警告[placeholder]"), "{}", zh.stdout);
    assert!(
        zh.stdout
            .lines()
            .last()
            .unwrap()
            .starts_with("共检查 1 个文件，发现 57 处问题")
    );
    let dir = tempfile::tempdir().unwrap();
    let by_locale = {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_zongjie"));
        cmd.args(["lint", s(&study())])
            .current_dir(dir.path())
            .env("LANG", "zh_CN.UTF-8")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES");
        String::from_utf8(cmd.output().unwrap().stdout).unwrap()
    };
    assert!(by_locale.contains("警告[placeholder]"));
    let json = zongjie(&["lint", "--lang", "zh", "--format", "json", s(&study())]).json();
    let d = &json["documents"][0]["diagnostics"][0];
    assert_eq!(d["rule"], "placeholder");
    assert_eq!(d["kind"], "organization");
    assert_eq!(d["severity"], "warning");
    let csv = zongjie(&[
        "analyze",
        "-q",
        "--lang",
        "zh",
        "--format",
        "csv",
        s(&study()),
    ]);
    assert!(
        csv.stdout
            .trim_start_matches('\u{feff}')
            .starts_with("文件,编码,错误"),
        "{}",
        csv.stdout
    );
    let help = zongjie(&["lint", "--lang", "zh", "--help"]);
    assert!(
        help.stdout.contains("用法") && help.stdout.contains("输出格式"),
        "{}",
        help.stdout
    );
}
