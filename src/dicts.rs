//! The vocabularies of `dicts/`, embedded at build time and merged with the user's config.
//!
//! Every list the analyzers use lives here as data, never as Rust literals. Files are
//! UTF-8, one entry a line, `#` starts a comment line. What must stay true: parsing
//! the embedded files never fails (a unit test proves it), and an entry a user adds
//! in config behaves exactly like an embedded one.

use crate::report::{Role, SlotKind};

/// Embedded `dicts/known_terms.txt`.
pub const KNOWN_TERMS: &str = include_str!("../dicts/known_terms.txt");
/// Embedded `dicts/slot_cues.txt`.
pub const SLOT_CUES: &str = include_str!("../dicts/slot_cues.txt");
/// Embedded `dicts/roles.txt`.
pub const ROLES: &str = include_str!("../dicts/roles.txt");

/// Where a cue word stands relative to the slot it describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CueSide {
    /// The cue follows the slot (`X次`).
    After,
    /// The cue precedes the slot (`第X`).
    Before,
}

/// One cue word for a slot kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cue {
    /// The kind the cue signals.
    pub kind: SlotKind,
    /// Which side of the slot it must stand on.
    pub side: CueSide,
    /// The cue text.
    pub word: String,
}

/// The merged vocabularies an analysis uses.
#[derive(Debug, Clone)]
pub struct Dicts {
    /// Terms beginning with a lone `X` that are not slots (`X射线`), normalised to ASCII `X`.
    pub known_terms: Vec<String>,
    /// Cue words for slot kinds, longest first.
    pub cues: Vec<Cue>,
    /// Role keywords for level-1 section titles.
    pub role_keywords: Vec<(Role, String)>,
    /// Users' jieba dictionaries (`word freq tag` text), layered on `dicts/user.dict`.
    pub extra_user_dict: Vec<String>,
    /// Users' phrase lists (`phrase<TAB>category` text), added to `dicts/phrases.txt`.
    pub extra_phrases: Vec<String>,
    /// Users' stopword lists, added to `dicts/stopwords.txt`.
    pub extra_stopwords: Vec<String>,
    /// Users' overused-word lists, added to `dicts/overused.txt`.
    pub extra_overused: Vec<String>,
}

impl Default for Dicts {
    fn default() -> Self {
        Dicts::embedded()
    }
}

impl Dicts {
    /// The embedded vocabularies only.
    pub fn embedded() -> Self {
        let mut dicts = Dicts {
            known_terms: entries(KNOWN_TERMS).map(normalize_term).collect(),
            cues: entries(SLOT_CUES).filter_map(parse_cue).collect(),
            role_keywords: entries(ROLES).filter_map(parse_role).collect(),
            extra_user_dict: Vec::new(),
            extra_phrases: Vec::new(),
            extra_stopwords: Vec::new(),
            extra_overused: Vec::new(),
        };
        dicts.finish();
        dicts
    }

    /// Adds known terms (as from a user's config).
    pub fn add_known_terms<I: IntoIterator<Item = String>>(&mut self, terms: I) {
        self.known_terms
            .extend(terms.into_iter().map(|t| normalize_term(&t)));
        self.finish();
    }

    /// Adds cue words for a kind.
    pub fn add_cues<I: IntoIterator<Item = String>>(
        &mut self,
        kind: SlotKind,
        side: CueSide,
        words: I,
    ) {
        self.cues
            .extend(words.into_iter().map(|word| Cue { kind, side, word }));
        self.finish();
    }

    /// Adds role keywords.
    pub fn add_role_keywords<I: IntoIterator<Item = String>>(&mut self, role: Role, words: I) {
        self.role_keywords
            .extend(words.into_iter().map(|w| (role, w)));
        self.finish();
    }

    /// Sorts and deduplicates so lookups can take the first (longest) match.
    fn finish(&mut self) {
        self.known_terms.retain(|t| !t.is_empty());
        self.known_terms.sort();
        self.known_terms.dedup();
        self.cues.retain(|c| !c.word.is_empty());
        self.cues.sort_by(|a, b| {
            b.word
                .chars()
                .count()
                .cmp(&a.word.chars().count())
                .then_with(|| a.word.cmp(&b.word))
        });
        self.cues
            .dedup_by(|a, b| a.word == b.word && a.side == b.side);
        self.role_keywords.retain(|(_, w)| !w.is_empty());
        self.role_keywords.sort();
        self.role_keywords.dedup();
    }
}

/// The entries of a dictionary file: trimmed, non-empty, non-comment lines.
pub fn entries(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

fn normalize_term(term: &str) -> String {
    let term = term.trim();
    match term.strip_prefix('Ｘ') {
        Some(rest) => format!("X{rest}"),
        None => term.to_string(),
    }
}

fn parse_cue(line: &str) -> Option<Cue> {
    let mut parts = line.split_whitespace();
    let kind = SlotKind::from_name(parts.next()?)?;
    let side = match parts.next()? {
        "after" => CueSide::After,
        "before" => CueSide::Before,
        _ => return None,
    };
    let word = parts.next()?.to_string();
    Some(Cue { kind, side, word })
}

fn parse_role(line: &str) -> Option<(Role, String)> {
    let (role, keyword) = line.split_once(char::is_whitespace)?;
    Some((Role::from_name(role)?, keyword.trim().to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every non-comment line of an embedded file must parse; a typo would
    /// otherwise silently drop an entry.
    #[test]
    fn embedded_files_parse_completely() {
        assert_eq!(
            entries(SLOT_CUES).count(),
            entries(SLOT_CUES).filter_map(parse_cue).count()
        );
        assert_eq!(
            entries(ROLES).count(),
            entries(ROLES).filter_map(parse_role).count()
        );
        let d = Dicts::embedded();
        assert!(d.known_terms.iter().all(|t| t.starts_with('X')));
        assert!(d.known_terms.contains(&"X射线".to_string()));
    }

    #[test]
    fn cues_are_longest_first() {
        let d = Dicts::embedded();
        let lens: Vec<usize> = d.cues.iter().map(|c| c.word.chars().count()).collect();
        assert!(lens.windows(2).all(|w| w[0] >= w[1]));
    }

    #[test]
    fn user_additions_are_normalised() {
        let mut d = Dicts::embedded();
        d.add_known_terms(["Ｘ档案".to_string()]);
        assert!(d.known_terms.contains(&"X档案".to_string()));
    }
}
