//! Properties that hold for any input (proptest).

use proptest::prelude::*;
use zongjie::{Analyzer, Config, Document};

use crate::util::*;

/// Text built from the pieces that matter to the analyzers: slot letters and
/// their neighbours, line ends of every kind, heading markers, brackets.
fn genre_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("X".to_string()),
        Just("x".to_string()),
        Just("×".to_string()),
        Just("Ｘ".to_string()),
        Just("某".to_string()),
        Just("○".to_string()),
        Just("〇".to_string()),
        Just("_".to_string()),
        Just("＿".to_string()),
        Just("\n".to_string()),
        Just("\r\n".to_string()),
        Just("\r".to_string()),
        Just("一、".to_string()),
        Just("（一）".to_string()),
        Just("(1)".to_string()),
        Just("1.".to_string()),
        Just("一是".to_string()),
        Just("“".to_string()),
        Just("”".to_string()),
        Just("《".to_string()),
        Just("》".to_string()),
        Just("（".to_string()),
        Just("）".to_string()),
        Just("。".to_string()),
        Just(" ".to_string()),
        Just("\u{feff}".to_string()),
        "[a-zA-Z0-9]{1,3}",
        "[厅局省委同志次年月日射线光存在问题下一步打算主要做法成效]{1,4}",
        any::<char>().prop_map(|c| c.to_string()),
    ];
    prop::collection::vec(piece, 0..60).prop_map(|v| v.concat())
}

/// Line and column of `byte` computed the slow, obvious way.
fn naive_position(text: &str, byte: usize) -> (usize, usize) {
    let (mut line, mut col) = (1, 1);
    let mut chars = text[..byte].chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => {
                line += 1;
                col = 1;
            }
            _ => col += 1,
        }
    }
    (line, col)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn positions_point_at_the_reported_text(text in genre_text()) {
        let doc = Document::from_str("p.txt", &text);
        let t = doc.text();
        let analyzer = Analyzer::new(Config::default());
        for d in analyzer.lint(&doc) {
            let (a, b) = (d.span.byte_start, d.span.byte_end);
            prop_assert!(a <= b && b <= t.len());
            prop_assert!(t.is_char_boundary(a) && t.is_char_boundary(b));
            prop_assert_eq!(naive_position(t, a), (d.span.line, d.span.column));
            prop_assert_eq!(naive_position(t, b), (d.span.end_line, d.span.end_column));
            if d.rule == zongjie::Rule::Placeholder {
                prop_assert_eq!(&t[a..b], d.text.as_str());
            }
        }
        let report = analyzer.analyze(&doc);
        for s in &report.placeholders {
            prop_assert_eq!(&t[s.span.byte_start..s.span.byte_end], s.text.as_str());
        }
    }

    #[test]
    fn completeness_stays_in_unit_interval(text in genre_text()) {
        let doc = Document::from_str("p.txt", &text);
        let score = Analyzer::new(Config::default()).analyze(&doc).completeness.score;
        prop_assert!(score.is_none_or(|s| (0.0..=1.0).contains(&s)), "{:?}", score);
        prop_assert_eq!(score.is_none(), text.trim_start_matches('\u{feff}').trim().is_empty());
    }
}

proptest! {
    // Each case runs the binary twice; a few permutations are enough.
    #![proptest_config(ProptestConfig::with_cases(6))]

    #[test]
    fn analyze_output_is_the_same_under_any_permutation(perm in Just(vec![0usize, 1, 2, 3, 4, 5]).prop_shuffle()) {
        let names = ["01_template.txt", "02_filled.txt", "03_half_filled.txt", "04_gbk.txt", "05_non_slots.txt", "06_report.md"];
        let paths: Vec<String> = names.iter().map(|n| sample(n).to_str().unwrap().to_string()).collect();
        let sorted: Vec<&str> = paths.iter().map(String::as_str).collect();
        let permuted: Vec<&str> = perm.iter().map(|&i| paths[i].as_str()).collect();
        let run = |p: &[&str]| {
            let mut args = vec!["analyze", "--format", "json", "--quiet"];
            args.extend_from_slice(p);
            zongjie(&args).stdout
        };
        prop_assert_eq!(run(&sorted), run(&permuted));
    }
}
