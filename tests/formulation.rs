//! The `formulation` and `punctuation` analyzers on whole documents: filled summaries
//! of our own that use many formulations correctly must give nothing, documents with one
//! of each error must give exactly those, and so must the samples and the seed.

use std::path::{Path, PathBuf};

use zongjie::{Analyzer, Config, Diagnostic, Document, Rule, document_year, edit};

use crate::util::{fixture, root, seed};

fn read(path: &Path) -> Document {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let text = String::from_utf8(bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    Document::from_str(path.display().to_string(), &text)
}

/// An analyzer with only the formulation and punctuation rules on (and the year,
/// when given, from config instead of the document).
fn analyzer(year: Option<i32>) -> Analyzer {
    let mut config = Config {
        year,
        ..Config::default()
    };
    for &rule in Rule::ALL {
        if matches!(rule, Rule::Formulation | Rule::Punctuation) {
            config.enable(rule);
        } else {
            config.disable(rule);
        }
    }
    Analyzer::new(config)
}

fn diagnostics(doc: &Document) -> Vec<Diagnostic> {
    analyzer(None).lint(doc)
}

/// `(check, line, text)` of every finding of both rules, with the detected year.
fn findings(doc: &Document) -> Vec<(String, usize, String)> {
    let mut out: Vec<(String, usize, String)> = diagnostics(doc)
        .into_iter()
        .map(|d| (d.check.unwrap_or_default().to_string(), d.span.line, d.text))
        .collect();
    out.sort();
    out
}

fn formulation_fixture(name: &str) -> PathBuf {
    fixture(&format!("formulations/{name}"))
}

/// Every file of a folder of the repository, in name order.
fn files(dir: &str) -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(root().join(dir))
        .unwrap_or_else(|e| panic!("{dir}: {e}"))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .collect();
    paths.sort();
    paths
}

/// Our filled summaries, which use many formulations correctly in every legitimate
/// variant (connectors, quoted members, line breaks, shared suffixes, names with their
/// lists), give nothing, and their years are detected.
#[test]
fn clean_summaries_give_nothing() {
    let cases = [
        ("clean_2018_study.txt", 2018),
        ("clean_2021_report.md", 2021),
        ("clean_2023_summary.txt", 2023),
        ("clean_2024_report.txt", 2024),
    ];
    for (name, year) in cases {
        let doc = read(&formulation_fixture(name));
        assert_eq!(document_year(&doc), Some(year), "{name}");
        assert_eq!(findings(&doc), vec![], "{name}");
    }
}

/// The samples and the other fixtures give nothing either. The UTF-8 ones are read as
/// they are; `04_gbk.txt` is covered by its UTF-8 twin in tests/fixtures.
#[test]
fn samples_and_fixtures_give_nothing() {
    let mut checked = 0;
    for path in files("samples").into_iter().chain(files("tests/fixtures")) {
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let doc = Document::from_str(path.display().to_string(), &text);
        assert_eq!(findings(&doc), vec![], "{}", path.display());
        checked += 1;
    }
    assert!(checked >= 10, "only {checked} files read");
}

/// The seed, when it is present beside the repository: no formulation finding, and one
/// true punctuation finding, the 顿号 in `“四个意识”、“四个自信”`.
#[test]
fn seed_gives_one_enumeration_comma() {
    let Some(path) = seed() else { return };
    let doc = read(&path);
    assert_eq!(document_year(&doc), Some(2018));
    let lines: Vec<String> = doc.text().lines().map(str::to_string).collect();
    let at = lines
        .iter()
        .position(|l| l.contains("“四个意识”、“四个自信”"))
        .unwrap()
        + 1;
    assert_eq!(
        findings(&doc),
        vec![("enumeration-comma".to_string(), at, "”、“".to_string())]
    );
}

/// One document with one of each error; every finding pinned by kind, line and text.
#[test]
fn every_kind_of_error_is_found() {
    let doc = read(&formulation_fixture("errors_2023.txt"));
    let want: Vec<(String, usize, String)> = [
        ("count-word", 5, "三个意识"),
        ("enumeration-comma", 8, "”、“"),
        ("enumeration-comma", 8, "》、《"),
        ("foreign-member", 6, "开发"),
        ("halfwidth-punct", 8, "(试行)"),
        ("halfwidth-punct", 8, ","),
        ("member-order", 4, "大局意识、政治意识、核心意识、看齐意识"),
        ("missing-member", 5, "道路自信、理论自信、制度自信"),
        ("mixed-quotes", 10, "\"两个确立\""),
        ("near-miss", 4, "不忘出心"),
        ("near-miss", 4, "两学一作"),
        ("not-yet-held", 2, "二十届三中全会"),
        ("outdated", 4, "三个自信"),
        (
            "outdated",
            6,
            "全面建成小康社会、全面深化改革、全面依法治国、全面从严治党",
        ),
        ("wrong-wording", 8, "以习近平总书记为核心的党中央"),
    ]
    .into_iter()
    .map(|(k, l, t)| (k.to_string(), l, t.to_string()))
    .collect();
    assert_eq!(findings(&doc), want);

    // A congress studied as the latest when a newer one had met, and never named.
    let doc = read(&formulation_fixture("outdated_2023.txt"));
    assert_eq!(
        findings(&doc),
        vec![
            ("outdated".to_string(), 2, "党的十九大".to_string()),
            ("outdated".to_string(), 2, "十九届历次全会".to_string()),
        ]
    );
    // Without a year (none in config, none in the document) the currency checks stay
    // silent.
    let undated = Document::from_str("undated", &doc.text().replace("2023", ""));
    assert_eq!(document_year(&undated), None);
    assert!(diagnostics(&undated).is_empty());
    // A year in config wins over the document's.
    let as_2018 = analyzer(Some(2018)).lint(&doc);
    assert!(as_2018.is_empty(), "{as_2018:?}");
}

/// Applying every fix of both rules at once works (no two overlap), and checking the
/// result again finds nothing with a fix: fixing twice changes nothing.
#[test]
fn fixing_twice_changes_nothing() {
    let doc = read(&formulation_fixture("errors_2023.txt"));
    let found = diagnostics(&doc);
    let once = edit::fixed_text(&doc, &found)
        .expect("fixes do not overlap")
        .expect("there are fixes");
    assert!(once.contains("增强政治意识、大局意识、核心意识、看齐意识"));
    assert!(once.contains(
        "“四个意识”“四个自信”，学习《中国共产党章程》《中国共产党纪律处分条例（试行）》"
    ));
    assert!(once.contains("推进“两学一做”学习教育") && once.contains("不忘初心、牢记使命"));
    // The year stays the one of the original (its title is unchanged).
    let again = Document::from_str("fixed", &once);
    let left = diagnostics(&again);
    let with_fix: Vec<&str> = left
        .iter()
        .filter(|d| d.fix.is_some())
        .map(|d| d.text.as_str())
        .collect();
    assert_eq!(with_fix, Vec::<&str>::new());
    // What has no one right answer stays for the writer.
    let checks: Vec<&str> = left.iter().filter_map(|d| d.check).collect();
    assert_eq!(checks, vec!["not-yet-held", "missing-member"]);
}
