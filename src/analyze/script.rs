//! Traditional script: the dictionaries are written in simplified characters, so
//! every dictionary-based analyzer (roles, profiles, slot cues, template leftovers,
//! official phrases) compares text after converting it to simplified script.
//!
//! The conversion is OpenCC's traditional-to-simplified table (TSCharacters and
//! TSPhrases) through the `hanconv` crate. Every entry of that table maps a string to
//! one of the same number of chars, so the n-th char of the converted text stands
//! for the n-th char of the original; a few chars change their UTF-8 length (a
//! BMP char to a supplementary one), which [`SimplifiedText`] maps back. What must
//! stay true: positions reported to users are always in the original text, and a
//! text without traditional chars is never copied.

use std::borrow::Cow;
use std::sync::LazyLock;

use rustc_hash::FxHashSet;

/// Every char the traditional-to-simplified table changes: a text holding none of
/// them is already simplified, and is not run through the converter. Most text
/// is simplified, and this look-up per char costs far less than the conversion.
static TRADITIONAL: LazyLock<FxHashSet<char>> = LazyLock::new(|| {
    [
        hanconv::RawDictionary::TSCharacters,
        hanconv::RawDictionary::TSPhrases,
    ]
    .iter()
    .flat_map(|d| d.iter())
    // The chars an entry changes: a phrase's key holds simplified chars too.
    .flat_map(|(key, value)| {
        key.chars()
            .zip(value.chars().map(Some).chain(std::iter::repeat(None)))
            .filter(|&(k, v)| v != Some(k))
            .map(|(k, _)| k)
    })
    .collect()
});

/// Whether `text` may hold traditional chars (false: it is certainly simplified).
pub fn may_be_traditional(text: &str) -> bool {
    !text.is_ascii()
        && text
            .chars()
            .any(|c| !c.is_ascii() && TRADITIONAL.contains(&c))
}

/// `text` in simplified script; borrowed when nothing changes (ASCII, or already
/// simplified).
pub fn simplified(text: &str) -> Cow<'_, str> {
    if !may_be_traditional(text) {
        return Cow::Borrowed(text);
    }
    let out = hanconv::t2s(text);
    if out == text {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(out)
    }
}

/// A text in simplified script that can map its byte offsets back to the original.
#[derive(Debug, Clone)]
pub struct SimplifiedText<'a> {
    text: Cow<'a, str>,
    /// `(converted byte, original byte)` at every char where the two differ in
    /// UTF-8 length from then on; empty when every offset is the same in both.
    shifts: Vec<(usize, usize)>,
}

impl<'a> SimplifiedText<'a> {
    /// Converts `original`, line by line so a line whose conversion does not keep
    /// its char count (never with the current table) is converted char by char.
    pub fn new(original: &'a str) -> Self {
        let converted = simplified(original);
        let Cow::Owned(converted) = converted else {
            return SimplifiedText {
                text: Cow::Borrowed(original),
                shifts: Vec::new(),
            };
        };
        let text = if converted.chars().count() == original.chars().count() {
            converted
        } else {
            char_by_char(original)
        };
        let mut shifts = Vec::new();
        let mut delta_seen = 0isize;
        // Char starts of both texts, and their ends.
        let starts = text.char_indices().map(|(i, _)| i).chain([text.len()]).zip(
            original
                .char_indices()
                .map(|(i, _)| i)
                .chain([original.len()]),
        );
        for (conv, orig) in starts {
            let delta = conv as isize - orig as isize;
            if delta != delta_seen {
                shifts.push((conv, orig));
                delta_seen = delta;
            }
        }
        SimplifiedText {
            text: Cow::Owned(text),
            shifts,
        }
    }

    /// The simplified text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The byte offset in the original text of byte `converted` of the simplified one
    /// (a char boundary there is a char boundary here; the end maps to the end).
    pub fn to_original(&self, converted: usize) -> usize {
        let at = self.shifts.partition_point(|&(c, _)| c <= converted);
        match at.checked_sub(1).and_then(|i| self.shifts.get(i)) {
            Some(&(c, o)) => o + (converted - c),
            None => converted,
        }
    }
}

/// Each char converted on its own, keeping one char for one: a char whose
/// conversion is not a single char stays as it is.
fn char_by_char(original: &str) -> String {
    let mut out = String::with_capacity(original.len());
    let mut buf = [0u8; 4];
    for c in original.chars() {
        let conv = hanconv::t2s(c.encode_utf8(&mut buf));
        let mut chars = conv.chars();
        match (chars.next(), chars.next()) {
            (Some(one), None) => out.push(one),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One line a case: traditional text, its simplified twin.
    #[test]
    fn converts_the_genre_s_words() {
        let cases: &[(&str, &str)] = &[
            ("述職報告", "述职报告"),
            ("存在的問題", "存在的问题"),
            ("下半年工作重點", "下半年工作重点"),
            ("2023年度工作總結", "2023年度工作总结"),
            ("【單位名稱】", "【单位名称】"),
            ("（此處填寫本單位主要工作）", "（此处填写本单位主要工作）"),
            ("僅供學習參考，請勿照搬照抄", "仅供学习参考，请勿照搬照抄"),
            ("XX廳黨組", "XX厅党组"),
            ("主要工作情况", "主要工作情况"),
            ("plain ASCII", "plain ASCII"),
        ];
        for (t, s) in cases {
            assert_eq!(simplified(t), *s, "{t}");
        }
        assert!(matches!(simplified("主要工作情况"), Cow::Borrowed(_)));
        assert!(!may_be_traditional("主要工作情况，XX厅") && may_be_traditional("XX廳"));
    }

    #[test]
    fn offsets_map_back_to_the_original() {
        // 二噁英 → 二𫫇英: the middle char grows from 3 to 4 bytes.
        let original = "甲二噁英乙，述職";
        let s = SimplifiedText::new(original);
        assert_eq!(s.text(), "甲二𫫇英乙，述职");
        for ((conv, _), (orig, _)) in s.text().char_indices().zip(original.char_indices()) {
            assert_eq!(s.to_original(conv), orig, "{conv}");
        }
        assert_eq!(s.to_original(s.text().len()), original.len());
        let plain = SimplifiedText::new("主要工作");
        assert_eq!(plain.to_original(6), 6);
    }
}
