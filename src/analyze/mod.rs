//! Analyzers: pure functions from a [`Document`](crate::Document) and a
//! [`Config`](crate::Config) to plain data. None of them prints or keeps state.
//!
//! Each module has one job: [`placeholders`] finds unfilled slots, [`headings`]
//! recognises a heading on a line, [`profile`] tells the document's genre,
//! [`outline`] checks the headings as a whole (numbering, marker style, empty and
//! missing sections), [`script`] converts traditional script for the dictionary
//! look-ups, [`enumerations`] checks
//! inline `一是……二是……` lists, [`brackets`] finds unmatched marks, and
//! [`completeness`] scores a document from the findings. [`segment`] cuts text into
//! words with jieba and our dictionary ([`crate::lexicon`] builds the vocabularies);
//! [`phrases`], [`quotes`], [`keywords`] and [`repetition`] work on the text and its
//! words. [`formulation`] checks official formulations (members, order, wording, currency)
//! and [`punctuation`] the genre's punctuation (GB/T 15834); both attach [`fix::Fix`]es to
//! findings that have one right answer. Findings carry no severity: the config gives it
//! when they become diagnostics.

pub mod brackets;
pub(crate) mod cjk;
pub mod completeness;
pub mod enumerations;
pub mod fix;
pub mod formulation;
pub mod headings;
pub mod keywords;
pub mod outline;
pub mod phrases;
pub mod placeholders;
pub mod profile;
pub mod punctuation;
pub mod quotes;
pub mod repetition;
pub mod script;
pub mod segment;

use crate::document::Span;
use crate::i18n::Message;
use crate::report::{NumberingError, Rule, SlotKind};
use fix::Fix;

/// A rule's finding before the config gives it a severity and the run's language
/// says its message.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    /// The rule that found it.
    pub rule: Rule,
    /// Where it is.
    pub span: Span,
    /// The text at the span (or the role name, for `missing-section`).
    pub text: String,
    /// A one-line explanation, to be said in the run's language.
    pub message: Message,
    /// The slot kind, for `placeholder` findings.
    pub kind: Option<SlotKind>,
    /// Which check of its rule found it (`member-order`, `halfwidth-punct`), for rules
    /// with several.
    pub check: Option<&'static str>,
    /// The fix, when there is exactly one right answer.
    pub fix: Option<Fix>,
}

impl Finding {
    /// A finding with no kind, check or fix.
    pub fn new(rule: Rule, span: Span, text: impl Into<String>, message: Message) -> Self {
        Finding {
            rule,
            span,
            text: text.into(),
            message,
            kind: None,
            check: None,
            fix: None,
        }
    }

    /// The same finding with a fix.
    pub fn with_fix(mut self, fix: Option<Fix>) -> Self {
        self.fix = fix;
        self
    }

    /// The same finding from the check `check` of its rule.
    pub fn with_check(mut self, check: &'static str) -> Self {
        self.check = Some(check);
        self
    }
}

/// A number that is not the one expected: a heading marker or an inline list item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slip {
    /// The marker or item found.
    pub span: Span,
    /// What should stand there, in the document's style (`三、`, `二是`).
    pub expected: String,
    /// What stands there (`四、`, `三是`).
    pub found: String,
    /// How the number is wrong.
    pub kind: SlipKind,
}

/// How a number is wrong.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SlipKind {
    /// The first number of its sequence is not one (`二、` first).
    Start,
    /// A number is left out (`二、四、`).
    Skip,
    /// The previous number again (`二、二、`).
    Repeat,
    /// A number below the previous one (`三、二、`).
    Back,
}

impl SlipKind {
    /// The kind of a slip: `found` where `previous + 1` was expected (`previous` 0:
    /// nothing before it).
    pub fn of(previous: u32, found: u32) -> Self {
        if previous == 0 {
            SlipKind::Start
        } else if found > previous {
            SlipKind::Skip
        } else if found == previous {
            SlipKind::Repeat
        } else {
            SlipKind::Back
        }
    }
}

impl Slip {
    /// The slip as a `numbering` finding.
    pub fn finding(&self) -> Finding {
        Finding::new(
            Rule::Numbering,
            self.span,
            self.found.clone(),
            messages::slip(self),
        )
    }

    /// The slip as a record of `DocReport::numbering_errors`.
    pub fn error(&self) -> NumberingError {
        NumberingError {
            line: self.span.line,
            column: self.span.column,
            expected: self.expected.clone(),
            found: self.found.clone(),
        }
    }
}

/// The `numbering` messages, in one place for translation.
mod messages {
    use super::{Slip, SlipKind};
    use crate::i18n::Message;

    /// What is wrong with a number, quoting it and what should stand there.
    pub fn slip(s: &Slip) -> Message {
        let id = match s.kind {
            SlipKind::Start => "numbering-start",
            SlipKind::Skip => "numbering-skip",
            SlipKind::Repeat => "numbering-repeat",
            SlipKind::Back => "numbering-back",
        };
        Message::new(id)
            .arg("found", &s.found)
            .arg("expected", &s.expected)
    }
}

/// A set of UTF-8 first bytes, for scanning text without decoding every char.
pub(crate) type LeadBytes = [bool; 256];

/// The set holding `bytes`.
pub(crate) const fn lead_bytes(bytes: &[u8]) -> LeadBytes {
    let mut set = [false; 256];
    let mut i = 0;
    while i < bytes.len() {
        set[bytes[i] as usize] = true;
        i += 1;
    }
    set
}

/// The chars of `text` (with their byte offsets) whose first byte is in `leads`.
///
/// Chinese text is mostly ideographs with first bytes 0xE4–0xE9; analyzers that
/// look only for punctuation or Latin letters skip those with one table look-up per
/// byte instead of decoding every char. Continuation bytes (0x80–0xBF) must not be
/// in `leads`, so every hit is the start of a char.
pub(crate) fn chars_with_lead<'a>(
    text: &'a str,
    leads: &'static LeadBytes,
) -> impl Iterator<Item = (usize, char)> + 'a {
    text.bytes().enumerate().filter_map(move |(i, b)| {
        if leads[b as usize] {
            text.get(i..)
                .and_then(|rest| rest.chars().next())
                .map(|c| (i, c))
        } else {
            None
        }
    })
}

#[cfg(test)]
mod scan_tests {
    use super::*;

    static PUNCT: LeadBytes = lead_bytes(b"(\xE3\xEF");

    #[test]
    fn finds_only_chars_with_the_lead_bytes() {
        let got: Vec<(usize, char)> = chars_with_lead("学（习)《规则》(", &PUNCT).collect();
        // ）is EF BC 89 and 《》 are E3 80 8A/8B; ASCII ')' is not in the set.
        assert_eq!(got, vec![(3, '（'), (10, '《'), (19, '》'), (22, '(')]);
    }
}
