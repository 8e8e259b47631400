//! The vocabularies of `dicts/`, embedded at build time and merged with the user's config.
//!
//! Every list the analyzers use lives here as data, never as Rust literals. Files are
//! UTF-8, one entry a line, `#` starts a comment line. What must stay true: parsing
//! the embedded files never fails (a unit test proves it), and an entry a user adds
//! in config behaves exactly like an embedded one.

use std::sync::{Arc, LazyLock};

use crate::report::{Role, SlotKind};

/// Embedded `dicts/known_terms.txt`.
pub const KNOWN_TERMS: &str = include_str!("../dicts/known_terms.txt");
/// Embedded `dicts/slot_cues.txt`.
pub const SLOT_CUES: &str = include_str!("../dicts/slot_cues.txt");
/// Embedded `dicts/roles.txt`.
pub const ROLES: &str = include_str!("../dicts/roles.txt");
/// Embedded `dicts/profiles.txt`: genre profiles and the roles each requires.
pub const PROFILES: &str = include_str!("../dicts/profiles.txt");
/// Embedded `dicts/template.txt`: field names, instructions and notices templates leave.
pub const TEMPLATE: &str = include_str!("../dicts/template.txt");
/// The profile of documents no other profile fits.
pub const GENERAL_PROFILE: &str = "general";
/// Embedded `dicts/user.dict`: jieba entries (`word freq tag`) for official vocabulary.
pub const USER_DICT: &str = include_str!("../dicts/user.dict");
/// Embedded `dicts/phrases.txt`: official phrases (`phrase<TAB>category`).
pub const PHRASES: &str = include_str!("../dicts/phrases.txt");
/// Embedded `dicts/stopwords.txt`: words never reported as keywords.
pub const STOPWORDS: &str = include_str!("../dicts/stopwords.txt");
/// Embedded `dicts/overused.txt`: filler words counted per 1000 chars.
pub const OVERUSED: &str = include_str!("../dicts/overused.txt");

/// Category given to a user's phrase written without one.
pub const DEFAULT_PHRASE_CATEGORY: &str = "custom";

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

/// A genre profile (`dicts/profiles.txt`): how to recognise the genre and which
/// section roles it must have.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Profile {
    /// The kebab-case id used in config, `--profile` and output (`debrief`).
    pub name: String,
    /// The genre's Chinese name, for messages (`述职报告`).
    pub label: String,
    /// Words of a title line (or file name) that pick this profile.
    pub titles: Vec<String>,
    /// Roles the genre must have.
    pub required: Vec<Role>,
    /// Roles the genre often has but need not.
    pub optional: Vec<Role>,
    /// Title keywords for roles in this genre only, beside `dicts/roles.txt`.
    pub keywords: Vec<(Role, String)>,
}

impl Profile {
    fn named(name: &str) -> Self {
        Profile {
            name: name.to_string(),
            label: String::new(),
            titles: Vec::new(),
            required: Vec::new(),
            optional: Vec::new(),
            keywords: Vec::new(),
        }
    }
}

/// Where a field name may stand for [`FieldName`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldBrackets {
    /// 【】 [] 〔〕 and parentheses （） ().
    Any,
    /// 【】 [] 〔〕 only: the name is common in parentheses in real text.
    Tags,
}

/// A template field name that is a slot when brackets hold exactly it (`【单位名称】`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldName {
    /// The slot kind it stands for.
    pub kind: SlotKind,
    /// The name.
    pub name: String,
    /// Which brackets it may stand in.
    pub brackets: FieldBrackets,
}

/// What templates leave behind besides X runs (`dicts/template.txt`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TemplateCues {
    /// Field names in brackets.
    pub fields: Vec<FieldName>,
    /// Words that make bracketed text a fill-in instruction (`填写`).
    pub instructions: Vec<String>,
    /// Words that make a short line or bracketed text a template notice (`仅供参考`).
    pub notices: Vec<String>,
}

/// The merged vocabularies an analysis uses.
#[derive(Debug, Clone)]
pub struct Dicts {
    /// Terms beginning with a lone `X` that are not slots (`X射线`), normalised to ASCII `X`.
    pub known_terms: Vec<String>,
    /// Cue words for slot kinds, longest first.
    pub cues: Vec<Cue>,
    /// Role keywords for top-level section titles (`=` first: whole titles only).
    pub role_keywords: Vec<(Role, String)>,
    /// Genre profiles in detection order; `general` among them.
    pub profiles: Vec<Profile>,
    /// Template leftovers that are slots.
    pub template: TemplateCues,
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
            profiles: parse_profiles(PROFILES),
            template: parse_template(TEMPLATE),
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

    /// The profile named `name`, if there is one.
    pub fn profile(&self, name: &str) -> Option<&Profile> {
        self.profiles.iter().find(|p| p.name == name)
    }

    /// The profile of documents no other profile fits.
    pub fn general_profile(&self) -> &Profile {
        static FALLBACK: std::sync::LazyLock<Profile> = std::sync::LazyLock::new(|| Profile {
            required: vec![Role::Situation],
            ..Profile::named(GENERAL_PROFILE)
        });
        self.profile(GENERAL_PROFILE).unwrap_or(&FALLBACK)
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

/// One entry of a jieba dictionary (`word [freq [tag]]`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UserWord<'a> {
    /// The word to keep whole.
    pub word: &'a str,
    /// Its frequency; `None` lets jieba suggest one that keeps the word whole.
    pub freq: Option<usize>,
    /// Its part-of-speech tag, if given.
    pub tag: Option<&'a str>,
}

/// Parses a jieba dictionary (`word [freq [tag]]` lines) entry by entry; an error
/// names the 1-based line and what is wrong with it. Builders skip bad lines, config
/// loading reports the first one.
pub fn user_words(text: &str) -> impl Iterator<Item = Result<UserWord<'_>, String>> {
    text.lines().enumerate().filter_map(|(i, line)| {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            return None;
        }
        Some(parse_user_word(line).map_err(|e| format!("line {}: {e}", i + 1)))
    })
}

fn parse_user_word(line: &str) -> Result<UserWord<'_>, String> {
    let mut parts = line.split_whitespace();
    let word = parts.next().unwrap_or(line);
    let freq = match parts.next() {
        Some(f) => Some(
            f.parse::<usize>()
                .map_err(|_| format!("frequency {f:?} of {word:?} is not a whole number"))?,
        ),
        None => None,
    };
    let tag = parts.next();
    if parts.next().is_some() {
        return Err(format!("expected `word [freq [tag]]`, found {line:?}"));
    }
    Ok(UserWord { word, freq, tag })
}

/// The entries of a phrase list: `(phrase, category)`. A line without a TAB is a
/// phrase of category [`DEFAULT_PHRASE_CATEGORY`], so a user's plain word list works.
pub fn phrase_entries(text: &str) -> impl Iterator<Item = (&str, &str)> {
    entries(text).filter_map(|line| {
        let (phrase, category) = match line.split_once('\t') {
            Some((p, c)) => (p.trim(), c.trim()),
            None => (line, DEFAULT_PHRASE_CATEGORY),
        };
        let category = if category.is_empty() {
            DEFAULT_PHRASE_CATEGORY
        } else {
            category
        };
        (!phrase.is_empty()).then_some((phrase, category))
    })
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

/// The embedded instance when `extra` is empty, otherwise `build` over the embedded
/// list followed by the user's (so later entries can override earlier ones).
pub(crate) fn with_extra_lists<T>(
    embedded: &LazyLock<Arc<T>>,
    base: &'static str,
    extra: &[String],
    build: impl FnOnce(&[&str]) -> Option<T>,
) -> Arc<T> {
    if extra.is_empty() {
        return Arc::clone(embedded);
    }
    let mut lists = vec![base];
    lists.extend(extra.iter().map(String::as_str));
    build(&lists).map_or_else(|| Arc::clone(embedded), Arc::new)
}

/// The label of an embedded genre profile (`work-summary` → `工作总结`), for showing a
/// profile to a Chinese reader; `None` for a name the embedded list does not hold (a
/// profile added by config is shown by its name).
pub fn profile_label(name: &str) -> Option<&'static str> {
    static EMBEDDED: std::sync::LazyLock<Vec<Profile>> =
        std::sync::LazyLock::new(|| parse_profiles(PROFILES));
    EMBEDDED
        .iter()
        .find(|p| p.name == name && !p.label.is_empty())
        .map(|p| p.label.as_str())
}

/// One line of `dicts/profiles.txt`, or `None` when it does not parse.
fn parse_profile_line(line: &str) -> Option<(&str, &str, Vec<&str>)> {
    let mut parts = line.split_whitespace();
    let name = parts.next()?;
    let field = parts.next()?;
    let values: Vec<&str> = parts.collect();
    let valid = match field {
        "label" | "title" => values.len() == 1,
        "require" | "optional" => values.iter().all(|r| Role::from_name(r).is_some()),
        "keyword" => values.len() == 2 && Role::from_name(values[0]).is_some(),
        _ => false,
    };
    (valid && !values.is_empty()).then_some((name, field, values))
}

/// The profiles of a profiles file, in the order they first appear.
pub fn parse_profiles(text: &str) -> Vec<Profile> {
    let mut profiles: Vec<Profile> = Vec::new();
    for (name, field, values) in entries(text).filter_map(parse_profile_line) {
        let at = match profiles.iter().position(|p| p.name == name) {
            Some(i) => i,
            None => {
                profiles.push(Profile::named(name));
                profiles.len() - 1
            }
        };
        let Some(p) = profiles.get_mut(at) else {
            continue;
        };
        let roles = || values.iter().filter_map(|r| Role::from_name(r));
        match field {
            "label" => p.label = values.concat(),
            "title" => p.titles.push(values.concat()),
            "require" => p.required.extend(roles()),
            "optional" => p.optional.extend(roles()),
            _ => {
                if let (Some(role), Some(word)) = (
                    values.first().and_then(|r| Role::from_name(r)),
                    values.get(1),
                ) {
                    p.keywords.push((role, (*word).to_string()));
                }
            }
        }
    }
    profiles
}

/// One line of `dicts/template.txt` into `cues`; false when it does not parse.
fn parse_template_line(line: &str, cues: &mut TemplateCues) -> bool {
    let mut parts = line.split_whitespace();
    let (Some(kind), Some(first)) = (parts.next(), parts.next()) else {
        return false;
    };
    let second = parts.next();
    if parts.next().is_some() {
        return false;
    }
    match (kind, second) {
        ("field" | "tag-field", Some(name)) => {
            let Some(slot) = SlotKind::from_name(first) else {
                return false;
            };
            let brackets = if kind == "field" {
                FieldBrackets::Any
            } else {
                FieldBrackets::Tags
            };
            cues.fields.push(FieldName {
                kind: slot,
                name: name.to_string(),
                brackets,
            });
        }
        ("instruction", None) => cues.instructions.push(first.to_string()),
        ("notice", None) => cues.notices.push(first.to_string()),
        _ => return false,
    }
    true
}

/// The template cues of a template file.
pub fn parse_template(text: &str) -> TemplateCues {
    let mut cues = TemplateCues::default();
    for line in entries(text) {
        parse_template_line(line, &mut cues);
    }
    cues
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
        assert_eq!(
            entries(PROFILES).count(),
            entries(PROFILES).filter_map(parse_profile_line).count()
        );
        let mut cues = TemplateCues::default();
        assert!(entries(TEMPLATE).all(|l| parse_template_line(l, &mut cues)));
        let d = Dicts::embedded();
        assert!(d.known_terms.iter().all(|t| t.starts_with('X')));
        assert!(d.known_terms.contains(&"X射线".to_string()));
    }

    /// The four vocabularies of the phrases analyzer parse line for line: a stray
    /// space for a TAB or a bad frequency would otherwise drop or garble an entry.
    #[test]
    fn phrase_vocabularies_parse_completely() {
        let words: Vec<UserWord> = user_words(USER_DICT)
            .collect::<Result<_, _>>()
            .expect("dicts/user.dict parses");
        assert_eq!(words.len(), entries(USER_DICT).count());
        assert!(words.iter().all(|w| w.freq.is_some() && w.tag.is_some()));
        assert!(entries(PHRASES).all(|l| l.split('\t').count() == 2));
        let phrases: Vec<_> = phrase_entries(PHRASES).collect();
        assert_eq!(phrases.len(), entries(PHRASES).count());
        assert!(phrases.contains(&("两学一做", "campaign")));
        assert!(phrases.iter().all(|(_, c)| *c != DEFAULT_PHRASE_CATEGORY));
        assert!(entries(STOPWORDS).all(|w| !w.contains(char::is_whitespace)));
        assert!(entries(OVERUSED).all(|w| !w.contains(char::is_whitespace)));
        assert!(entries(OVERUSED).any(|w| w == "进一步"));
    }

    #[test]
    fn user_formats_are_lenient_where_harmless_and_strict_where_not() {
        let words: Vec<UserWord> = user_words("# c\n以上率下\n工学矛盾 5000\n中心组 9 n\n")
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(
            words,
            vec![
                UserWord {
                    word: "以上率下",
                    freq: None,
                    tag: None
                },
                UserWord {
                    word: "工学矛盾",
                    freq: Some(5000),
                    tag: None
                },
                UserWord {
                    word: "中心组",
                    freq: Some(9),
                    tag: Some("n")
                },
            ]
        );
        let err = user_words("好词 1 n\n坏词 many n\n")
            .find_map(Result::err)
            .unwrap();
        assert!(err.starts_with("line 2:"), "{err}");
        assert!(user_words("a 1 n extra").all(|r| r.is_err()));
        let phrases: Vec<_> = phrase_entries("甲乙\tslogan\n丙丁\n戊己\t\n").collect();
        assert_eq!(
            phrases,
            vec![("甲乙", "slogan"), ("丙丁", "custom"), ("戊己", "custom")]
        );
    }

    /// Every profile is labelled and requires something; only `general` has no
    /// title words, and it comes last so it never shadows another.
    #[test]
    fn profiles_are_complete() {
        let d = Dicts::embedded();
        let names: Vec<&str> = d.profiles.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "disclosure",
                "debrief-integrity",
                "debrief",
                "study",
                "work-summary",
                "general"
            ]
        );
        for p in &d.profiles {
            assert!(!p.label.is_empty() && !p.required.is_empty(), "{}", p.name);
            assert_eq!(p.titles.is_empty(), p.name == GENERAL_PROFILE, "{}", p.name);
            assert!(
                p.required.iter().all(|r| !p.optional.contains(r)),
                "{}",
                p.name
            );
        }
        assert_eq!(d.general_profile().required, vec![Role::Situation]);
        let t = &d.template;
        assert!(t.fields.iter().any(|f| f.name == "单位名称"));
        assert!(t.notices.iter().any(|n| n == "仅供学习参考"));
        assert!(t.instructions.iter().any(|n| n == "填写"));
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
