//! The rule registry: one table, one row per lint rule.
//!
//! A row names the rule, its default severity and the analyzer that produces its
//! findings; its summary and explanation are the Fluent messages `rule-<id>` and
//! `rule-<id>.explanation` in `locales/` (so they exist in every language).
//! `zongjie rules` prints the table and `zongjie rules ID` one row, as `ruff rule` does.
//!
//! Adding a rule: a variant of [`Rule`], its row here, its two messages, and the
//! analyzer that produces it. The tests below fail if a rule has no row, or a row
//! no messages.

use serde::Serialize;

use crate::i18n::Lang;
use crate::report::{Rule, Severity};

/// The analyzer that finds a rule's problems; it runs when any of its rules is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Producer {
    /// Unfilled slots (`analyze::placeholders`).
    Placeholders,
    /// Headings as a whole: numbering, marker style, sections (`analyze::outline`).
    Outline,
    /// Unmatched brackets and quotes (`analyze::brackets`).
    Brackets,
    /// Repeated phrases and filler words, on jieba's words (`analyze::repetition`).
    Repetition,
    /// Official formulations checked against `dicts/formulations.txt` and
    /// `dicts/party_events.txt` (`analyze::formulation`).
    Formulation,
    /// Punctuation of the genre, GB/T 15834 (`analyze::punctuation`).
    Punctuation,
}

/// One row of the registry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RuleInfo {
    /// The rule.
    pub rule: Rule,
    /// Severity when the config says nothing; `None`: off unless turned on.
    pub default: Option<Severity>,
    /// The analyzer that produces it.
    pub producer: Producer,
}

impl RuleInfo {
    /// The kebab-case id (also the config key and the name in output).
    pub fn id(&self) -> &'static str {
        self.rule.name()
    }

    /// The one-line summary in `lang`.
    pub fn summary(&self, lang: Lang) -> String {
        lang.tr(&format!("rule-{}", self.id()))
    }

    /// The longer explanation in `lang`.
    pub fn explanation(&self, lang: Lang) -> String {
        lang.tr(&format!("rule-{}.explanation", self.id()))
    }
}

use Producer::*;
use Severity::*;

/// Every rule, in the order `zongjie rules` lists them.
pub const RULES: &[RuleInfo] = &[
    RuleInfo {
        rule: Rule::Placeholder,
        default: Some(Warning),
        producer: Placeholders,
    },
    RuleInfo {
        rule: Rule::Numbering,
        default: Some(Warning),
        producer: Outline,
    },
    RuleInfo {
        rule: Rule::HeadingStyle,
        default: Some(Warning),
        producer: Outline,
    },
    RuleInfo {
        rule: Rule::MissingSection,
        default: Some(Warning),
        producer: Outline,
    },
    RuleInfo {
        rule: Rule::EmptySection,
        default: Some(Warning),
        producer: Outline,
    },
    RuleInfo {
        rule: Rule::Unbalanced,
        default: Some(Warning),
        producer: Brackets,
    },
    RuleInfo {
        rule: Rule::RepeatedPhrase,
        default: None,
        producer: Repetition,
    },
    RuleInfo {
        rule: Rule::Formulation,
        default: Some(Warning),
        producer: Formulation,
    },
    RuleInfo {
        rule: Rule::Punctuation,
        default: Some(Warning),
        producer: Punctuation,
    },
];

/// A row as programs read it (`zongjie rules --format json`, Python's `zongjie.rules()`):
/// the id, the default severity (`None`: off unless turned on), the producer, and the
/// summary and explanation in one language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RuleRow {
    /// The kebab-case id.
    pub id: &'static str,
    /// `info`, `warning` or `error`; `None` when the rule is off by default.
    pub default_severity: Option<&'static str>,
    /// The analyzer that produces it.
    pub producer: Producer,
    /// The one-line summary.
    pub summary: String,
    /// The longer explanation.
    pub explanation: String,
}

impl RuleRow {
    /// The row of `info` with its texts in `lang`.
    pub fn new(info: &RuleInfo, lang: Lang) -> Self {
        RuleRow {
            id: info.id(),
            default_severity: info.default.map(|s| s.name()),
            producer: info.producer,
            summary: info.summary(lang),
            explanation: info.explanation(lang),
        }
    }
}

/// Every row in `lang`, in the order `zongjie rules` lists them.
pub fn rows(lang: Lang) -> Vec<RuleRow> {
    RULES.iter().map(|r| RuleRow::new(r, lang)).collect()
}

/// The row of `rule`.
pub fn info(rule: Rule) -> &'static RuleInfo {
    RULES.iter().find(|r| r.rule == rule).unwrap_or(&RULES[0])
}

/// The rules `producer` finds.
pub fn produced_by(producer: Producer) -> impl Iterator<Item = Rule> {
    RULES
        .iter()
        .filter(move |r| r.producer == producer)
        .map(|r| r.rule)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_has_exactly_one_row() {
        for &rule in Rule::ALL {
            assert_eq!(RULES.iter().filter(|r| r.rule == rule).count(), 1, "{rule}");
            assert_eq!(info(rule).rule, rule);
        }
        assert_eq!(RULES.len(), Rule::ALL.len());
    }

    #[test]
    fn every_row_has_its_texts_in_every_language() {
        for row in RULES {
            for lang in Lang::ALL {
                let summary = row.summary(lang);
                let explanation = row.explanation(lang);
                assert!(!summary.starts_with("rule-"), "{} {lang:?}", row.id());
                assert!(!explanation.starts_with("rule-"), "{} {lang:?}", row.id());
                assert!(explanation.len() > summary.len(), "{}", row.id());
            }
        }
    }

    #[test]
    fn rows_follow_the_registry_in_the_language_asked() {
        let en = rows(Lang::En);
        let zh = rows(Lang::Zh);
        let ids: Vec<&str> = RULES.iter().map(|r| r.id()).collect();
        assert_eq!(en.iter().map(|r| r.id).collect::<Vec<_>>(), ids);
        assert_eq!(zh.iter().map(|r| r.id).collect::<Vec<_>>(), ids);
        for (e, z) in en.iter().zip(&zh) {
            assert_ne!(e.summary, z.summary, "{}", e.id);
            assert_eq!(e.default_severity, z.default_severity);
        }
        let placeholder = &en[0];
        assert_eq!(placeholder.id, "placeholder");
        assert_eq!(placeholder.default_severity, Some("warning"));
    }
}
