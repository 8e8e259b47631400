//! `zongjie phrases` (and `lint --rule repeated-phrase`) on the seed and odd inputs.
//!
//! The seed's counts below were checked by hand against its text (`grep -o`).

use serde_json::Value;

use crate::util::*;

fn phrases_json(path: &std::path::Path, extra: &[&str]) -> Value {
    let mut args = vec!["phrases", "--format", "json"];
    args.extend_from_slice(extra);
    args.push(s_static(path.to_path_buf()));
    let run = zongjie(&args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let json = run.json();
    assert_eq!(json["version"], 2);
    json["documents"][0].clone()
}

/// A path as a `&'static str` for argument lists built in a helper.
fn s_static(p: std::path::PathBuf) -> &'static str {
    Box::leak(
        p.into_os_string()
            .into_string()
            .expect("utf-8 path")
            .into_boxed_str(),
    )
}

fn count_of(list: &Value, key: &str, text: &str) -> Option<u64> {
    list.as_array()?
        .iter()
        .find(|e| e[key] == text)
        .and_then(|e| e["count"].as_u64())
}

#[test]
fn seed_titles_with_their_counts() {
    let Some(seed) = seed() else { return };
    let doc = phrases_json(&seed, &[]);
    let titles = &doc["titles"];
    // Lines 6 and 10.
    assert_eq!(count_of(titles, "text", "中国共产党纪律处分条例"), Some(2));
    // Lines 4 and 9, brackets inside kept whole.
    assert_eq!(
        count_of(
            titles,
            "text",
            "中国共产党党委（党组）理论学习中心组学习规则"
        ),
        Some(2)
    );
    assert_eq!(count_of(titles, "text", "中国共产党章程"), Some(1));
    // Short references as written: lines 9, 19 and 24.
    assert_eq!(count_of(titles, "text", "学习规则"), Some(3));
    // `《XXX》` on line 10 is an unfilled slot, not a title.
    assert_eq!(count_of(titles, "text", "XXX"), None);
    assert_eq!(
        titles[0]["text"], "学习规则",
        "most frequent first: {titles}"
    );
    let first = titles
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["text"] == "中国共产党章程")
        .unwrap();
    assert_eq!(first["first_line"], 6);
}

#[test]
fn seed_plenum_abbreviation_counts_two_full_names() {
    let Some(seed) = seed() else { return };
    let doc = phrases_json(&seed, &[]);
    let phrases = &doc["phrases"];
    // `十九届二中、三中全会` appears twice on line 6.
    for name in ["十九届二中全会", "十九届三中全会"] {
        assert_eq!(count_of(phrases, "phrase", name), Some(2), "{name}");
        let p = phrases
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["phrase"] == name)
            .unwrap();
        assert_eq!(p["category"], "meeting");
    }
    // Never the list's combined entry as well.
    assert_eq!(count_of(phrases, "phrase", "十九届二中、三中全会"), None);
    assert_eq!(count_of(phrases, "phrase", "中纪委二次全会"), Some(2));
}

#[test]
fn seed_slogans_and_campaigns() {
    let Some(seed) = seed() else { return };
    let doc = phrases_json(&seed, &[]);
    let phrases = &doc["phrases"];
    // “两学一做” on lines 4, 6 and 10, each time inside quotes.
    assert_eq!(count_of(phrases, "phrase", "两学一做"), Some(3));
    assert_eq!(count_of(&doc["quotes"], "text", "两学一做"), Some(3));
    assert_eq!(count_of(phrases, "phrase", "四个意识"), Some(1));
    assert_eq!(count_of(phrases, "phrase", "四个自信"), Some(1));
    let text = std::fs::read_to_string(&seed).unwrap();
    for p in phrases.as_array().unwrap() {
        let phrase = p["phrase"].as_str().unwrap();
        let offsets = p["offsets"].as_array().unwrap();
        assert_eq!(offsets.len() as u64, p["count"].as_u64().unwrap());
        // Expanded plenums begin at their mention, not at their full name.
        if !phrase.ends_with("中全会") {
            for o in offsets {
                assert!(text[o.as_u64().unwrap() as usize..].starts_with(phrase));
            }
        }
    }
    let counts: Vec<u64> = phrases
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["count"].as_u64().unwrap())
        .collect();
    assert!(counts.windows(2).all(|w| w[0] >= w[1]), "{counts:?}");
}

#[test]
fn seed_keywords_tokens_and_repetitions() {
    let Some(seed) = seed() else { return };
    let doc = phrases_json(&seed, &[]);
    assert!(doc["tokens"].as_u64().unwrap() > 1500, "{}", doc["tokens"]);
    let keywords = doc["keywords"].as_array().unwrap();
    assert_eq!(keywords.len(), 10);
    let words: Vec<&str> = keywords
        .iter()
        .map(|k| k["word"].as_str().unwrap())
        .collect();
    assert!(words.contains(&"中心组"), "{words:?}");
    assert!(words.iter().all(|w| w.chars().count() > 1 && *w != "XX"));
    let top3 = phrases_json(&seed, &["--top", "3"]);
    assert_eq!(top3["keywords"].as_array().unwrap().len(), 3);
    assert_eq!(top3["keywords"][0], keywords[0]);
    assert_eq!(
        count_of(&doc["repeated_phrases"], "phrase", "学习活动"),
        Some(9)
    );
    let overused = &doc["overused"][0];
    assert_eq!(
        (overused["word"].as_str(), overused["count"].as_u64()),
        (Some("进一步"), Some(13))
    );
    for key in ["path", "encoding", "error", "warnings"] {
        assert!(doc.get(key).is_some(), "{key}");
    }
}

#[test]
fn seed_text_output_groups_phrases_by_category() {
    let Some(seed) = seed() else { return };
    let run = zongjie(&["phrases", s(&seed)]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let out = &run.stdout;
    assert!(!out.contains('\x1b'));
    for line in [
        "    meeting: ",
        "  titles (",
        "    《中国共产党纪律处分条例》 ×2  (line 6)",
        "    “两学一做” ×3  (line 4)",
        "  keywords (10)",
        "  repeated phrases (",
        "    进一步 ×13 (3.2 per 1000 chars)",
    ] {
        assert!(out.contains(line), "missing {line:?} in\n{out}");
    }
    let campaign = out
        .lines()
        .find(|l| l.starts_with("    campaign: "))
        .unwrap();
    assert!(campaign.contains("两学一做 ×3"), "{campaign}");
}

#[test]
fn documents_in_path_order_and_bad_files_reported() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), "推进“两学一做”学习教育。").unwrap();
    std::fs::write(dir.path().join("b.txt"), b"\0\0\0\x01\x02").unwrap();
    std::fs::write(dir.path().join("c.txt"), "").unwrap();
    std::fs::write(dir.path().join("d.txt"), "。，！？……“”《》").unwrap();
    let run = zongjie(&["phrases", "--format", "json", s(dir.path())]);
    // Everything is reported, and the unreadable file makes the exit code 2.
    assert_eq!(run.code, 2, "{}", run.stderr);
    let json = run.json();
    let docs = json["documents"].as_array().unwrap();
    let names: Vec<&str> = docs
        .iter()
        .map(|d| d["path"].as_str().unwrap().rsplit('/').next().unwrap())
        .collect();
    assert_eq!(names, vec!["a.txt", "b.txt", "c.txt", "d.txt"]);
    assert_eq!(count_of(&docs[0]["phrases"], "phrase", "两学一做"), Some(1));
    assert!(docs[1]["error"].as_str().unwrap().contains("binary"));
    for d in &docs[2..] {
        assert_eq!(d["error"], Value::Null);
        for key in [
            "phrases",
            "quotes",
            "titles",
            "keywords",
            "repeated_phrases",
        ] {
            assert_eq!(d[key].as_array().unwrap().len(), 0, "{key} of {d}");
        }
    }
    // Text mode names the bad file on stderr and goes on.
    let text = zongjie(&["phrases", s(dir.path())]);
    assert!(text.stderr.contains("b.txt"), "{}", text.stderr);
    assert!(text.stdout.contains("a.txt"));
    // Nothing readable at all is exit 2.
    let bad = zongjie(&["phrases", s(&dir.path().join("b.txt"))]);
    assert_eq!(bad.code, 2);
}

#[test]
fn user_dicts_in_config_take_effect() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("mine.txt"), "甲乙工程\tpolicy\n").unwrap();
    std::fs::write(
        dir.path().join("zongjie.toml"),
        "[dicts]\nphrases = \"mine.txt\"\n",
    )
    .unwrap();
    let draft = dir.path().join("draft.txt");
    std::fs::write(&draft, "实施甲乙工程，实施甲乙工程。").unwrap();
    let run = zongjie_in(
        Some(dir.path()),
        &["phrases", "--format", "json", s(&draft)],
        None,
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let doc = &run.json()["documents"][0];
    assert_eq!(count_of(&doc["phrases"], "phrase", "甲乙工程"), Some(2));
    // A missing dictionary file is a fatal error, as JSON in JSON mode.
    std::fs::write(
        dir.path().join("zongjie.toml"),
        "[dicts]\nstopwords = \"missing.txt\"\n",
    )
    .unwrap();
    let run = zongjie_in(
        Some(dir.path()),
        &["phrases", "--format", "json", s(&draft)],
        None,
    );
    assert_eq!(run.code, 2);
    assert!(
        run.json()["error"]
            .as_str()
            .unwrap()
            .contains("missing.txt")
    );
}

#[test]
fn seed_repeated_phrase_rule_is_off_by_default_and_on_by_flag() {
    let Some(seed) = seed() else { return };
    let default = zongjie(&["lint", "--format", "json", s(&seed)]);
    let diags = default.json()["documents"][0]["diagnostics"].clone();
    assert!(
        diags
            .as_array()
            .unwrap()
            .iter()
            .all(|d| d["rule"] != "repeated-phrase")
    );
    let run = zongjie(&[
        "lint",
        "--format",
        "json",
        "--rule",
        "repeated-phrase",
        s(&seed),
    ]);
    assert_eq!(run.code, 1);
    let diags = run.json()["documents"][0]["diagnostics"].clone();
    let diags = diags.as_array().unwrap();
    assert!(diags.iter().all(|d| d["rule"] == "repeated-phrase"));
    let filler = diags.iter().find(|d| d["text"] == "进一步").unwrap();
    assert_eq!(
        filler["message"],
        "\"进一步\" used 13 times (3.2 per 1000 chars)"
    );
    // First occurrence: `得到了进一步转变` on line 6.
    assert_eq!(filler["line"], 6);
    let text = std::fs::read_to_string(&seed).unwrap();
    for d in diags {
        let (a, b) = (
            d["byte_start"].as_u64().unwrap() as usize,
            d["byte_end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&text[a..b], d["text"].as_str().unwrap());
    }
    let phrase = diags.iter().find(|d| d["text"] == "学习活动").unwrap();
    assert_eq!(phrase["message"], "phrase \"学习活动\" repeated 9 times");
    // In text, the message already quotes the phrase; it is not repeated.
    let text_run = zongjie(&["lint", "--rule", "repeated-phrase", s(&seed)]);
    assert!(
        text_run
            .stdout
            .contains("warning[repeated-phrase]: \"进一步\" used 13 times (3.2 per 1000 chars)\n"),
        "{}",
        text_run.stdout
    );
}

/// Our template's titles, counted by hand: brackets and quotes inside a title are
/// kept whole, the short form 《计划》 counts on its own, and `《XXX》` is a slot.
#[test]
fn study_template_titles_with_their_counts() {
    let doc = phrases_json(&study(), &[]);
    let titles = &doc["titles"];
    assert_eq!(count_of(titles, "text", "计划"), Some(2));
    assert_eq!(
        count_of(
            titles,
            "text",
            "中国共产党党委（党组）理论学习中心组学习规则"
        ),
        Some(1)
    );
    assert_eq!(
        count_of(titles, "text", "习近平关于“不忘初心、牢记使命”论述摘编"),
        Some(1)
    );
    assert_eq!(
        count_of(titles, "text", "中国共产党支部工作条例（试行）"),
        Some(1)
    );
    assert_eq!(count_of(titles, "text", "XXX"), None);
    assert_eq!(titles[0]["text"], "计划", "most frequent first: {titles}");
    assert_eq!(titles[0]["first_line"], 8);
}

/// `十九届二中、三中、四中全会` (line 3) names three plenums; 四中全会 is named again
/// on line 9, and `党的十九届四中全会` (line 5) is its own, longer entry.
#[test]
fn study_template_coordinated_plenums_count_each_full_name() {
    let doc = phrases_json(&study(), &[]);
    let phrases = &doc["phrases"];
    for (name, n) in [
        ("十九届二中全会", 1),
        ("十九届三中全会", 1),
        ("十九届四中全会", 2),
        ("党的十九届四中全会", 1),
    ] {
        assert_eq!(count_of(phrases, "phrase", name), Some(n), "{name}");
    }
    assert_eq!(
        count_of(phrases, "phrase", "十九届二中、三中、四中全会"),
        None
    );
}

#[test]
fn study_template_slogans_and_campaigns() {
    let doc = phrases_json(&study(), &[]);
    let phrases = &doc["phrases"];
    // Line 3 in quotes, line 9 in quotes inside a title.
    assert_eq!(count_of(phrases, "phrase", "不忘初心、牢记使命"), Some(2));
    assert_eq!(
        count_of(&doc["quotes"], "text", "不忘初心、牢记使命"),
        Some(2)
    );
    for slogan in ["四个意识", "四个自信", "两个维护"] {
        assert_eq!(count_of(phrases, "phrase", slogan), Some(1), "{slogan}");
        assert_eq!(
            count_of(&doc["quotes"], "text", slogan),
            Some(1),
            "{slogan}"
        );
    }
    let text = std::fs::read_to_string(study()).unwrap();
    for p in phrases.as_array().unwrap() {
        let phrase = p["phrase"].as_str().unwrap();
        let offsets = p["offsets"].as_array().unwrap();
        assert_eq!(offsets.len() as u64, p["count"].as_u64().unwrap());
        if !phrase.ends_with("中全会") {
            for o in offsets {
                assert!(text[o.as_u64().unwrap() as usize..].starts_with(phrase));
            }
        }
    }
}
