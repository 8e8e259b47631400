//! Settings: which rules run at which severity, the genre profile and required
//! roles, and vocabulary added to the embedded `dicts/`.
//!
//! Precedence (lowest first): built-in defaults, then `zongjie.toml` or
//! `.zongjie.toml` found in the current directory or its nearest parent, or the
//! file given with `--config`, then command-line flags. A config file that does not
//! parse is an error naming the file, never a silent fall back to defaults.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::dicts::{self, CueSide, Dicts};
use crate::error::{Error, Result};
use crate::i18n::Lang;
use crate::report::{Role, Rule, Severity, SlotKind};

/// Config file names looked for, nearest directory first.
pub const CONFIG_NAMES: &[&str] = &["zongjie.toml", ".zongjie.toml"];

/// The effective settings of an analysis.
#[derive(Debug, Clone)]
pub struct Config {
    /// Embedded vocabularies merged with the user's.
    pub dicts: Dicts,
    /// The genre profile every document is judged by (`--profile`, `profile =`);
    /// `None`: detected per document from its title line or file name.
    pub profile: Option<String>,
    /// Roles every document must have (`missing-section`), whatever its profile;
    /// `None`: the roles its profile requires.
    pub required_roles: Option<Vec<Role>>,
    /// Severity per rule; `None` turns a rule off.
    pub rules: BTreeMap<Rule, Option<Severity>>,
    /// Keywords listed per document.
    pub top_keywords: usize,
    /// The language of messages; `None`: the locale's.
    pub lang: Option<Lang>,
    /// The year documents are about, for the currency of formulations; `None`: read
    /// from each document (its title, or its first dated sentence).
    pub year: Option<i32>,
    /// Author of the comments and tracked changes in annotated Word copies; `None`:
    /// `zongjie`.
    pub author: Option<String>,
}

/// Keywords listed per document by default.
pub const DEFAULT_TOP_KEYWORDS: usize = 10;

impl Default for Config {
    fn default() -> Self {
        let rules = Rule::ALL
            .iter()
            .map(|&r| (r, default_severity(r)))
            .collect();
        Config {
            dicts: Dicts::embedded(),
            profile: None,
            required_roles: None,
            rules,
            top_keywords: DEFAULT_TOP_KEYWORDS,
            lang: None,
            year: None,
            author: None,
        }
    }
}

/// Built-in severity of a rule, from the rule registry.
pub fn default_severity(rule: Rule) -> Option<Severity> {
    crate::rules::info(rule).default
}

impl Config {
    /// The severity of `rule`, or `None` when it is off.
    pub fn severity(&self, rule: Rule) -> Option<Severity> {
        self.rules.get(&rule).copied().flatten()
    }

    /// The language of messages: the configured one, else the locale's.
    pub fn language(&self) -> Lang {
        self.lang.unwrap_or_else(Lang::from_env)
    }

    /// Whether `rule` is on.
    pub fn enabled(&self, rule: Rule) -> bool {
        self.severity(rule).is_some()
    }

    /// Turns a rule on at its configured severity (warning if it was off).
    pub fn enable(&mut self, rule: Rule) {
        let sev = self.severity(rule).unwrap_or(Severity::Warning);
        self.rules.insert(rule, Some(sev));
    }

    /// Turns a rule off.
    pub fn disable(&mut self, rule: Rule) {
        self.rules.insert(rule, None);
    }

    /// Sets the profile every document is judged by; an error names the profiles
    /// when there is none called `name`.
    pub fn set_profile(&mut self, name: &str) -> std::result::Result<(), String> {
        if self.dicts.profile(name).is_none() {
            let names: Vec<&str> = self
                .dicts
                .profiles
                .iter()
                .map(|p| p.name.as_str())
                .collect();
            return Err(format!(
                "there is no profile {name:?}; the profiles are {}",
                names.join(", ")
            ));
        }
        self.profile = Some(name.to_string());
        Ok(())
    }

    /// Loads defaults updated by the config file at `path`.
    pub fn from_file(path: &Path) -> Result<Config> {
        let bytes = std::fs::read(path).map_err(|source| Error::Io {
            path: path.to_path_buf(),
            source,
        })?;
        // Notepad and WPS on Chinese Windows save as GBK or UTF-16: read it like a document.
        let text = crate::input::decode::decode_owned(bytes, None)
            .map_err(
                |crate::input::decode::DecodeError::Binary(reason)| Error::Config {
                    path: path.to_path_buf(),
                    message: format!("not a text file ({reason})"),
                },
            )?
            .text;
        let file: ConfigFile = toml::from_str(&text).map_err(|e| Error::Config {
            path: path.to_path_buf(),
            message: e.to_string(),
        })?;
        let base = path.parent().unwrap_or(Path::new("."));
        Config::from_settings(file, path, base)
    }

    /// Loads defaults updated by settings that come from a program rather than a file
    /// (Python's `Analyzer(config={...})`): errors name `origin`, and the files of
    /// `[dicts]` are read relative to `base`.
    pub fn from_settings(file: ConfigFile, origin: &Path, base: &Path) -> Result<Config> {
        let mut config = Config::default();
        file.apply(origin, base, &mut config)?;
        Ok(config)
    }

    /// The nearest config file from `start` upward, if any.
    pub fn discover(start: &Path) -> Option<PathBuf> {
        start.ancestors().find_map(|dir| {
            CONFIG_NAMES
                .iter()
                .map(|name| dir.join(name))
                .find(|p| p.is_file())
        })
    }

    /// An id of everything that decides what analysis finds (rules, profile,
    /// required roles, year, vocabularies with the user's additions), not of how it
    /// is said (language, comment author): corpus states made with different ids do
    /// not merge.
    pub fn fingerprint(&self) -> String {
        let mut same = self.clone();
        same.lang = None;
        same.author = None;
        // Debug lists every field, the vocabularies in order; nothing in it is a
        // hash map, so the text is the same on every run of this build.
        let described = format!("{same:?}");
        format!("{:016x}", crate::corpus::hash::hash_str(&described))
    }

    /// The effective settings as a config file (for `--dump-config`).
    pub fn to_file(&self) -> ConfigFile {
        ConfigFile {
            lang: Some(self.language()),
            year: self.year,
            author: self.author.clone(),
            profile: self.profile.clone(),
            required_roles: self.required_roles.clone(),
            rules: self
                .rules
                .iter()
                .map(|(&r, &s)| (r, s.map_or(Level::Off, Level::from)))
                .collect(),
            ..ConfigFile::default()
        }
    }
}

/// A rule's level in a config file: a severity or `off`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Level {
    /// The rule does not run.
    Off,
    /// Reported as info.
    Info,
    /// Reported as warning.
    Warning,
    /// Reported as error.
    Error,
}

impl From<Severity> for Level {
    fn from(s: Severity) -> Self {
        match s {
            Severity::Info => Level::Info,
            Severity::Warning => Level::Warning,
            Severity::Error => Level::Error,
        }
    }
}

impl Level {
    fn severity(self) -> Option<Severity> {
        match self {
            Level::Off => None,
            Level::Info => Some(Severity::Info),
            Level::Warning => Some(Severity::Warning),
            Level::Error => Some(Severity::Error),
        }
    }
}

/// The `zongjie.toml` file as written by a user.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ConfigFile {
    /// Language of messages: `zh` or `en` (default: the locale).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<Lang>,
    /// The year the documents are about (default: read from each document).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
    /// Author of comments and tracked changes in annotated Word copies (default: zongjie).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    /// The genre profile every document is judged by, instead of detecting it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profile: Option<String>,
    /// Roles every document must have, whatever its profile.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub required_roles: Option<Vec<Role>>,
    /// Level per rule id.
    #[serde(default)]
    pub rules: BTreeMap<Rule, Level>,
    /// Placeholder settings.
    #[serde(default)]
    pub placeholders: PlaceholderSection,
    /// Extra cue words per slot kind (matched after the slot).
    #[serde(default)]
    pub cues: BTreeMap<SlotKind, Vec<String>>,
    /// Extra role keywords per role.
    #[serde(default)]
    pub roles: BTreeMap<Role, Vec<String>>,
    /// Extra dictionary files, relative to the config file.
    #[serde(default)]
    pub dicts: DictFiles,
}

/// `[placeholders]` in `zongjie.toml`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct PlaceholderSection {
    /// Terms beginning with a lone `X` that are not slots.
    #[serde(default)]
    pub known_terms: Vec<String>,
}

/// `[dicts]` in `zongjie.toml`: files in the formats of `dicts/`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct DictFiles {
    /// A jieba user dictionary (`word freq tag`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_dict: Option<PathBuf>,
    /// Official phrases (`phrase<TAB>category`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phrases: Option<PathBuf>,
    /// Stopwords for keywords.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stopwords: Option<PathBuf>,
    /// Overused filler words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub overused: Option<PathBuf>,
}

impl ConfigFile {
    fn apply(self, origin: &Path, base: &Path, config: &mut Config) -> Result<()> {
        let invalid = |message: String| Error::Config {
            path: origin.to_path_buf(),
            message,
        };
        if self.lang.is_some() {
            config.lang = self.lang;
        }
        if self.year.is_some() {
            config.year = self.year;
        }
        if self.author.is_some() {
            config.author = self.author;
        }
        if let Some(roles) = self.required_roles {
            config.required_roles = Some(roles);
        }
        if let Some(name) = &self.profile {
            config.set_profile(name).map_err(invalid)?;
        }
        for (rule, level) in self.rules {
            config.rules.insert(rule, level.severity());
        }
        config.dicts.add_known_terms(self.placeholders.known_terms);
        for (kind, words) in self.cues {
            if kind == SlotKind::Title || kind == SlotKind::Other {
                return Err(invalid(format!(
                    "[cues] {kind}: title and other are decided by rule, not by cue words"
                )));
            }
            config.dicts.add_cues(kind, CueSide::After, words);
        }
        for (role, words) in self.roles {
            config.dicts.add_role_keywords(role, words);
        }
        let read = |rel: &Path| -> Result<String> {
            let full = base.join(rel);
            let bytes =
                std::fs::read(&full).map_err(|e| invalid(format!("{}: {e}", full.display())))?;
            crate::input::decode::decode_owned(bytes, None)
                .map(|d| d.text)
                .map_err(|crate::input::decode::DecodeError::Binary(reason)| {
                    invalid(format!("{}: not a text file ({reason})", full.display()))
                })
        };
        if let Some(p) = &self.dicts.user_dict {
            let text = read(p)?;
            // A bad frequency would silently drop the word; say where it is instead.
            if let Some(e) = dicts::user_words(&text).find_map(|r| r.err()) {
                return Err(invalid(format!("[dicts] user-dict {}: {e}", p.display())));
            }
            config.dicts.extra_user_dict.push(text);
        }
        if let Some(p) = &self.dicts.phrases {
            config.dicts.extra_phrases.push(read(p)?);
        }
        if let Some(p) = &self.dicts.stopwords {
            config.dicts.extra_stopwords.push(read(p)?);
        }
        if let Some(p) = &self.dicts.overused {
            config.dicts.extra_overused.push(read(p)?);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
        let p = dir.join(name);
        std::fs::write(&p, text).unwrap();
        p
    }

    #[test]
    fn defaults() {
        let c = Config::default();
        assert_eq!(c.severity(Rule::Placeholder), Some(Severity::Warning));
        assert_eq!(c.severity(Rule::RepeatedPhrase), None);
        assert_eq!(c.required_roles, None);
        assert_eq!(c.profile, None);
    }

    #[test]
    fn file_updates_defaults() {
        let dir = tempfile::tempdir().unwrap();
        let p = write(
            dir.path(),
            "zongjie.toml",
            r#"
required-roles = ["situation", "plans"]
profile = "debrief"
[rules]
numbering = "error"
placeholder = "off"
[placeholders]
known-terms = ["X档案"]
[cues]
number = ["批次"]
[roles]
problems = ["短板弱项"]
"#,
        );
        let c = Config::from_file(&p).unwrap();
        assert_eq!(c.required_roles, Some(vec![Role::Situation, Role::Plans]));
        assert_eq!(c.profile.as_deref(), Some("debrief"));
        assert_eq!(c.severity(Rule::Numbering), Some(Severity::Error));
        assert!(!c.enabled(Rule::Placeholder));
        assert!(c.dicts.known_terms.contains(&"X档案".to_string()));
        assert!(c.dicts.cues.iter().any(|q| q.word == "批次"));
    }

    #[test]
    fn unknown_keys_and_bad_values_are_errors_naming_the_file() {
        let dir = tempfile::tempdir().unwrap();
        for bad in [
            "colour = 1",
            "[rules]\nplaceholdr = \"off\"",
            "[rules]\nplaceholder = \"loud\"",
            "required-roles = [\"summary\"]",
            "profile = \"novel\"",
            "[cues]\ntitle = [\"书\"]",
            "[dicts]\nphrases = \"missing.txt\"",
        ] {
            let p = write(dir.path(), "zongjie.toml", bad);
            let err = Config::from_file(&p).unwrap_err().to_string();
            assert!(err.contains("zongjie.toml"), "{bad}: {err}");
        }
    }

    #[test]
    fn bad_user_dict_names_the_config_the_file_and_the_line() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "mine.dict", "好词 10 n\n坏词 many n\n");
        let p = write(
            dir.path(),
            "zongjie.toml",
            "[dicts]\nuser-dict = \"mine.dict\"\n",
        );
        let err = Config::from_file(&p).unwrap_err().to_string();
        assert!(
            err.contains("zongjie.toml") && err.contains("mine.dict") && err.contains("line 2"),
            "{err}"
        );
    }

    #[test]
    fn settings_from_a_program_name_their_origin_and_read_dicts_from_base() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "extra.txt", "守正创新\tslogan\n");
        let file: ConfigFile = toml::from_str(
            "lang = \"zh\"\n[rules]\nnumbering = \"off\"\n[dicts]\nphrases = \"extra.txt\"\n",
        )
        .unwrap();
        let c = Config::from_settings(file, Path::new("<settings>"), dir.path()).unwrap();
        assert_eq!(c.lang, Some(Lang::Zh));
        assert!(!c.enabled(Rule::Numbering));
        assert_eq!(c.dicts.extra_phrases.len(), 1);

        let missing: ConfigFile = toml::from_str("[dicts]\nphrases = \"nowhere.txt\"\n").unwrap();
        let err = Config::from_settings(missing, Path::new("<settings>"), dir.path())
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("<settings>: invalid config:") && err.contains("nowhere.txt"),
            "{err}"
        );
    }

    #[test]
    fn discover_finds_nearest() {
        let dir = tempfile::tempdir().unwrap();
        let sub = dir.path().join("a/b");
        std::fs::create_dir_all(&sub).unwrap();
        write(dir.path(), "zongjie.toml", "");
        let near = write(&dir.path().join("a"), ".zongjie.toml", "");
        assert_eq!(Config::discover(&sub), Some(near));
    }
}
