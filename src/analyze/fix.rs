//! Machine-applicable fixes: replacements of byte ranges of a document's text.
//!
//! An analyzer attaches a [`Fix`] to a finding when the finding has exactly one right
//! answer (a 顿号 to delete, a half-width comma to widen, members to put in order). A fix
//! is one or more [`Edit`]s that belong together (both marks of a pair of parentheses);
//! [`apply_fixes`] applies any number of fixes at once and refuses when two of them touch
//! the same text, so a caller never writes a file whose fixes conflict.
//!
//! What must stay true: every edit's range lies on char boundaries of the text it was made
//! for, the edits of one fix never overlap, and applying the fixes of a document and
//! analysing the result again gives no finding with a fix ("fixing twice changes nothing";
//! the analyzers' tests check it).

use serde::Serialize;

/// Replace `byte_start..byte_end` of the text with `replacement` (empty to delete).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Edit {
    /// Byte offset of the first byte replaced.
    pub byte_start: usize,
    /// Byte offset just past the last byte replaced (equal to `byte_start` to insert).
    pub byte_end: usize,
    /// The text put in its place.
    pub replacement: String,
}

impl Edit {
    /// An edit replacing `byte_start..byte_end` with `replacement`.
    pub fn new(byte_start: usize, byte_end: usize, replacement: impl Into<String>) -> Self {
        Edit {
            byte_start,
            byte_end,
            replacement: replacement.into(),
        }
    }
}

/// Edits that together fix one finding, sorted by position, never overlapping.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Fix {
    /// The edits, in text order.
    pub edits: Vec<Edit>,
}

impl Fix {
    /// A fix made of one edit.
    pub fn single(edit: Edit) -> Self {
        Fix { edits: vec![edit] }
    }

    /// A fix made of several edits, put in text order.
    pub fn many(mut edits: Vec<Edit>) -> Self {
        edits.sort();
        Fix { edits }
    }
}

/// Two fixes that touch the same text, so they cannot both be applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FixConflict {
    /// The earlier of the two edits in the text.
    pub first: Edit,
    /// The edit that overlaps it.
    pub second: Edit,
}

impl std::fmt::Display for FixConflict {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "fixes overlap at bytes {}..{} and {}..{}",
            self.first.byte_start,
            self.first.byte_end,
            self.second.byte_start,
            self.second.byte_end
        )
    }
}

impl std::error::Error for FixConflict {}

/// `text` with every edit of `fixes` applied, or the first conflict when two edits overlap
/// (two insertions at the same place also conflict: their order would be a guess), or an
/// edit falls outside the text or off a char boundary.
pub fn apply_fixes<'a>(
    text: &str,
    fixes: impl IntoIterator<Item = &'a Fix>,
) -> Result<String, FixConflict> {
    let mut edits: Vec<&Edit> = fixes.into_iter().flat_map(|f| &f.edits).collect();
    edits.sort();
    edits.dedup();
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    let mut previous: Option<&Edit> = None;
    for edit in edits {
        let valid = edit.byte_start <= edit.byte_end
            && text.is_char_boundary(edit.byte_start)
            && text.is_char_boundary(edit.byte_end);
        let overlaps = previous.is_some_and(|p| {
            edit.byte_start < p.byte_end
                || (edit.byte_start == p.byte_start && edit.byte_start == edit.byte_end)
        });
        if !valid || overlaps {
            let first = previous.cloned().unwrap_or_else(|| edit.clone());
            return Err(FixConflict {
                first,
                second: edit.clone(),
            });
        }
        out.push_str(text.get(at..edit.byte_start).unwrap_or_default());
        out.push_str(&edit.replacement);
        at = edit.byte_end;
        previous = Some(edit);
    }
    out.push_str(text.get(at..).unwrap_or_default());
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn applies_edits_in_text_order() {
        let text = "“甲”、“乙”(丙)";
        let comma = text.find('、').unwrap();
        let open = text.find('(').unwrap();
        let close = text.find(')').unwrap();
        let fixes = [
            Fix::many(vec![
                Edit::new(close, close + 1, "）"),
                Edit::new(open, open + 1, "（"),
            ]),
            Fix::single(Edit::new(comma, comma + '、'.len_utf8(), "")),
        ];
        assert_eq!(apply_fixes(text, &fixes).unwrap(), "“甲”“乙”（丙）");
        assert_eq!(apply_fixes(text, []).unwrap(), text);
    }

    #[test]
    fn overlapping_fixes_are_refused() {
        let text = "两学一作学习教育";
        let a = Fix::single(Edit::new(0, 12, "两学一做"));
        let b = Fix::single(Edit::new(9, 12, "做"));
        let err = apply_fixes(text, [&a, &b]).unwrap_err();
        assert_eq!((err.first.byte_start, err.second.byte_start), (0, 9));
        // The same edit twice is one edit.
        assert_eq!(apply_fixes(text, [&b, &b]).unwrap(), "两学一做学习教育");
        // Two insertions at one place: which goes first would be a guess.
        let i = Fix::single(Edit::new(3, 3, "x"));
        let j = Fix::single(Edit::new(3, 3, "y"));
        assert!(apply_fixes(text, [&i, &j]).is_err());
    }

    #[test]
    fn edits_off_the_text_are_refused() {
        let text = "中文";
        assert!(apply_fixes(text, [&Fix::single(Edit::new(1, 3, ""))]).is_err());
        assert!(apply_fixes(text, [&Fix::single(Edit::new(3, 99, ""))]).is_err());
    }
}
