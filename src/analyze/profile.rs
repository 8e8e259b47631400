//! Which genre a document is (`dicts/profiles.txt`): a 述职报告, a 学习情况总结, a
//! 政府信息公开工作年度报告, a 工作总结, or none of those (`general`).
//!
//! The config's profile wins; otherwise the title line decides: one of the first
//! three non-blank lines before the first heading, at most [`TITLE_CHARS`] chars long
//! (only the first line may be longer, for a document flattened onto one line: its
//! first [`TITLE_CHARS`] chars are read). Lines are tried in order and, for each
//! line, profiles in file order, so `述职述廉报告` is `debrief-integrity`, not
//! `debrief`. When no title line fits, the file name is tried the same way; when
//! nothing fits, the profile is `general`. Titles and names are compared in
//! simplified script.
//!
//! What must stay true: detection is cheap (a few short strings) and needs no
//! segmentation, so `lint` can afford it for every document.

use super::headings;
use super::script::simplified;
use crate::config::Config;
use crate::dicts::{Dicts, Profile};
use crate::document::Document;

/// Chars of a line that may hold a title.
pub const TITLE_CHARS: usize = 50;

/// Non-blank lines looked at for a title.
const TITLE_LINES: usize = 3;

/// How a document's profile was chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// The config or `--profile` named it.
    Config,
    /// Its title line holds one of the profile's words.
    Title,
    /// Its file name holds one of the profile's words.
    FileName,
    /// Nothing fits: the general profile.
    Default,
}

/// The profile `doc` is judged by, and how it was chosen.
pub fn profile_of<'a>(doc: &Document, config: &'a Config) -> (&'a Profile, Source) {
    let dicts = &config.dicts;
    if let Some(p) = config
        .profile
        .as_deref()
        .and_then(|name| dicts.profile(name))
    {
        return (p, Source::Config);
    }
    if let Some(p) = title_lines(doc).find_map(|line| fits(line, dicts)) {
        return (p, Source::Title);
    }
    if let Some(p) = fits(file_stem(&doc.path), dicts) {
        return (p, Source::FileName);
    }
    (dicts.general_profile(), Source::Default)
}

/// The lines that may be the document's title, each cut to [`TITLE_CHARS`] chars.
fn title_lines(doc: &Document) -> impl Iterator<Item = &str> {
    doc.lines()
        .map(|l| l.text.trim())
        .filter(|t| !t.is_empty())
        .take(TITLE_LINES)
        .enumerate()
        .take_while(|(_, t)| {
            // A numbered heading ends the title block; a Markdown title is no heading.
            headings::heading_in_line(t).is_none_or(|h| h.marker.is_none())
        })
        .filter_map(|(i, t)| {
            let cut = t.char_indices().nth(TITLE_CHARS).map(|(at, _)| at);
            match cut {
                None => Some(t),
                Some(at) if i == 0 => Some(&t[..at]),
                Some(_) => None,
            }
        })
}

/// The first profile (in file order) with a title word in `text`.
fn fits<'a>(text: &str, dicts: &'a Dicts) -> Option<&'a Profile> {
    if text.is_empty() {
        return None;
    }
    let text = simplified(text);
    dicts
        .profiles
        .iter()
        .find(|p| p.titles.iter().any(|w| text.contains(w.as_str())))
}

/// The file name of `path` without its folders and extension.
fn file_stem(path: &str) -> &str {
    let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
    name.rsplit_once('.').map_or(name, |(stem, _)| stem)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn profile(path: &str, text: &str) -> (String, Source) {
        let config = Config::default();
        let (p, source) = profile_of(&Document::from_str(path, text), &config);
        (p.name.clone(), source)
    }

    /// One line a case: file name, text, the profile and how it was found.
    #[test]
    fn profiles_from_titles_and_names() {
        use Source::*;
        #[rustfmt::skip]
        let cases: &[(&str, &str, &str, Source)] = &[
            ("a.txt", "XX镇党委副书记述职报告\n各位领导：", "debrief", Title),
            ("a.txt", "2023年度述职述廉报告\n正文", "debrief-integrity", Title),
            ("a.txt", "述職報告\n正文", "debrief", Title),
            ("a.txt", "某市人民政府2023年政府信息公开工作年度报告\n正文", "disclosure", Title),
            ("a.txt", "2018年度理论学习中心组工作总结\n正文", "study", Title),
            ("a.txt", "个人学习情况总结\n正文", "study", Title),
            ("a.txt", "北城区人社局\n2023年工作总结\n正文", "work-summary", Title),
            ("a.txt", "# 2023 年终总结\n## 工作回顾", "work-summary", Title),
            ("a.txt", "2023年度工作總結\n正文", "work-summary", Title),
            // The notice at the top of a template is passed over.
            ("a.txt", "本文系邮箱投稿，仅供学习参考，请勿照搬照抄！\n\n2018年度理论学习中心组工作总结", "study", Title),
            // A title flattened into a long first line.
            ("a.txt", &format!("XX局2023年上半年工作总结 {}", "正文".repeat(100)), "work-summary", Title),
            // Not a title: a heading ends the title block.
            ("a.txt", "一、主要工作\n述职报告", "general", Default),
            // Not a title: a long third line.
            ("a.txt", &format!("甲\n乙\n{}述职", "正文".repeat(30)), "general", Default),
            ("dir/张三述职报告.txt", "各位领导：\n正文", "debrief", FileName),
            ("dir/draft.txt", "各位领导：\n正文", "general", Default),
            ("", "", "general", Default),
        ];
        for (path, text, want, source) in cases {
            assert_eq!(
                profile(path, text),
                (want.to_string(), *source),
                "{path}: {text}"
            );
        }
    }

    #[test]
    fn config_wins() {
        let mut config = Config::default();
        config.set_profile("disclosure").unwrap();
        let doc = Document::from_str("a.txt", "述职报告\n正文");
        let (p, source) = profile_of(&doc, &config);
        assert_eq!((p.name.as_str(), source), ("disclosure", Source::Config));
        assert!(config.set_profile("novel").unwrap_err().contains("debrief"));
    }
}
