//! Plain serde data that analyzers return and renderers print.
//!
//! Nothing here analyses or prints. Field names are the JSON contract of DESIGN.md
//! (version [`SCHEMA_VERSION`]): keys may be added, never renamed without a bump.

use serde::{Deserialize, Serialize};

use crate::document::Span;

/// Version of the JSON output schema.
pub const SCHEMA_VERSION: u32 = 2;

/// How serious a diagnostic is. Ordered from least to most serious.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Severity {
    /// Worth knowing, not a defect.
    Info,
    /// A likely defect (the default for every rule).
    Warning,
    /// A defect that must be fixed.
    Error,
}

impl Severity {
    /// The kebab-case name used in output and config.
    pub fn name(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

macro_rules! named_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(rename_all = "kebab-case")]
        pub enum $name {
            $($(#[$vmeta])* $variant),+
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The kebab-case name used in output, config and `dicts/`.
            pub fn name(self) -> &'static str {
                match self {
                    $($name::$variant => $text),+
                }
            }

            /// Parses a kebab-case name.
            pub fn from_name(name: &str) -> Option<Self> {
                match name {
                    $($text => Some($name::$variant),)+
                    _ => None,
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.name())
            }
        }
    };
}

named_enum!(
    /// A lint rule; its kebab-case id is also its config key and its name in output.
    Rule {
        /// An unfilled template slot (`XX厅`, `X次`).
        Placeholder => "placeholder",
        /// Heading or inline enumeration numbers that jump, repeat or mix styles.
        Numbering => "numbering",
        /// A heading marker not written the GB/T 9704 way (`（一）、`, `一.`).
        HeadingStyle => "heading-style",
        /// A required section role is missing.
        MissingSection => "missing-section",
        /// A heading directly followed by a heading of the same or a higher level.
        EmptySection => "empty-section",
        /// An unmatched bracket or quote within a paragraph.
        Unbalanced => "unbalanced",
        /// A phrase or filler word repeated too often in one document.
        RepeatedPhrase => "repeated-phrase",
        /// An official formulation written wrong: members out of order or missing,
        /// a near-miss of a fixed phrase, an outdated congress or plenum.
        Formulation => "formulation",
        /// Punctuation against GB/T 15834: a 顿号 between quoted items, half-width
        /// marks in Chinese text, mixed quotation marks.
        Punctuation => "punctuation",
    }
);

named_enum!(
    /// What an unfilled slot stands for, judged from its context.
    SlotKind {
        /// A count or amount: `X次`, `XX%`, `XX万元`.
        Number => "number",
        /// A date: `X月X日`, `20XX年`.
        Date => "date",
        /// A unit or body: `XX厅`, `XX省委`.
        Organization => "organization",
        /// A person: `XX同志`, `XX厅长`.
        Person => "person",
        /// The whole text inside 《》.
        Title => "title",
        /// Anything else: `XX事业`.
        Other => "other",
        /// A template's fill-in instruction left in brackets: `（此处填写本单位主要工作）`.
        Instruction => "instruction",
        /// A template's notice left in the text: `（本模板仅供参考）`, `本文系…投稿，仅供学习参考`.
        Notice => "notice",
    }
);

named_enum!(
    /// The role a top-level section plays in a summary. Which roles a document must
    /// have depends on its genre profile (`dicts/profiles.txt`).
    Role {
        /// What was done: 主要工作, 基本情况, 学习情况, 履职情况.
        Situation => "situation",
        /// How: 主要做法, 措施.
        Practice => "practice",
        /// Results: 成效, 成绩.
        Results => "results",
        /// Shortcomings: 存在的问题, 不足.
        Problems => "problems",
        /// Plans: 下一步, 打算, 计划, 努力方向.
        Plans => "plans",
        /// Integrity, in a 述职述廉报告: 廉洁自律情况.
        Integrity => "integrity",
        /// Information published on the government's own initiative: 主动公开政府信息情况.
        ProactiveDisclosure => "proactive-disclosure",
        /// Requests for information and how they were handled: 收到和处理政府信息公开申请情况.
        DisclosureRequests => "disclosure-requests",
        /// Administrative reviews and lawsuits: 政府信息公开行政复议、行政诉讼情况.
        Appeals => "appeals",
        /// Other matters to report: 其他需要报告的事项.
        OtherMatters => "other-matters",
    }
);

/// One finding of a lint rule.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Diagnostic {
    /// The rule that found it.
    pub rule: Rule,
    /// Its severity after config.
    pub severity: Severity,
    /// Where it is.
    #[serde(flatten)]
    pub span: Span,
    /// The text at the span.
    pub text: String,
    /// The slot kind, for `placeholder` findings.
    pub kind: Option<SlotKind>,
    /// Which check of its rule found it (`member-order`, `halfwidth-punct`), for rules
    /// with several; `null` otherwise.
    pub check: Option<&'static str>,
    /// A one-line explanation, in the run's language.
    pub message: String,
    /// The fix, when there is exactly one right answer: replacements of the text, in
    /// text order (`null` when there is none).
    pub fix: Option<Vec<Replacement>>,
    /// For a Word file: where the finding is as Word shows it (absent otherwise).
    /// `line` and `column` still count in the extracted text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub word: Option<WordPosition>,
}

/// Where a finding is in a Word file, and a short quote to find it by.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WordPosition {
    /// Part, text box, paragraph, table cell, run, char offset.
    #[serde(flatten)]
    pub location: crate::input::docx::WordLocation,
    /// The finding with a few chars of its paragraph on each side.
    pub quote: String,
}

/// One replacement of a fix: put `replacement` where `span` is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Replacement {
    /// The text replaced (empty for an insertion).
    #[serde(flatten)]
    pub span: Span,
    /// The text put in its place (empty for a deletion).
    pub replacement: String,
}

/// An unfilled template slot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Slot {
    /// Where it is.
    #[serde(flatten)]
    pub span: Span,
    /// The slot's text (`XX`, `某某`, `____`).
    pub text: String,
    /// What it stands for.
    pub kind: SlotKind,
}

/// A section heading (GB/T 9704 levels 1–4).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Heading {
    /// 1 (`一、`) to 4 (`（1）`); a Markdown heading without a marker gets the level of its depth.
    pub level: u8,
    /// 1-based line.
    pub line: usize,
    /// 1-based char column of the marker.
    pub column: usize,
    /// The marker as written (`一、`, `（一）`, `1.`); empty for a Markdown heading without one.
    pub marker: String,
    /// The ordinal the marker stands for (一 → 1); 0 for a Markdown heading without a number.
    pub number: u32,
    /// The title: text after the marker up to the first `。`/`：` or the line end.
    pub title: String,
    /// Whether body text follows the title on the same line.
    pub has_body: bool,
    /// Roles of a top-level section, from its title's keywords.
    pub roles: Vec<Role>,
    /// Whether this is an item of a numbered list (`1.`, `（1）`, `①` outside a
    /// Markdown heading) rather than a section heading: a list item may have no body.
    pub list_item: bool,
}

/// A numbering slip: a marker that is not the one expected.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NumberingError {
    /// 1-based line.
    pub line: usize,
    /// 1-based char column.
    pub column: usize,
    /// The marker expected there (`三、`).
    pub expected: String,
    /// The marker found (`四、`).
    pub found: String,
}

/// An official phrase and how often it occurs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PhraseCount {
    /// The phrase as listed in `dicts/phrases.txt`.
    pub phrase: String,
    /// Its category (`theory`, `campaign`, …).
    pub category: String,
    /// Occurrences.
    pub count: usize,
    /// Byte offsets of each occurrence in the decoded text.
    pub offsets: Vec<usize>,
}

/// A quoted slogan or a 《title》 with its count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TextCount {
    /// The text inside the marks.
    pub text: String,
    /// Occurrences.
    pub count: usize,
    /// 1-based line of the first occurrence.
    pub first_line: usize,
}

/// A keyword with its TF-IDF weight.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Keyword {
    /// The word.
    pub word: String,
    /// TF-IDF weight.
    pub weight: f64,
}

/// A phrase repeated within one document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RepeatedPhrase {
    /// The phrase.
    pub phrase: String,
    /// Occurrences.
    pub count: usize,
}

/// A filler word used too often for the document's length.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OverusedWord {
    /// The word, as listed in `dicts/overused.txt`.
    pub word: String,
    /// Occurrences as a whole token.
    pub count: usize,
    /// Occurrences per 1000 chars, to one decimal.
    pub per_1000_chars: f64,
}

/// The completeness score and what lowered it (formula: [`crate::analyze::completeness`]).
///
/// A document with nothing to score (empty, whitespace only, or unreadable) has no
/// score: every part is `None` (`null` in JSON), never 0, so averages and
/// spreadsheets skip it instead of counting it as a zero.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Completeness {
    /// In [0, 1]; 1.0 for a filled report with every required role and no finding.
    pub score: Option<f64>,
    /// Share of the required roles present, in [0, 1].
    pub structure: Option<f64>,
    /// 1 / (1 + slots / 5), in (0, 1].
    pub filled: Option<f64>,
    /// 1 / (1 + form findings / 4), in (0, 1].
    pub form: Option<f64>,
    /// Counts behind the score.
    pub breakdown: CompletenessBreakdown,
}

impl Default for Completeness {
    fn default() -> Self {
        Completeness {
            score: Some(1.0),
            structure: Some(1.0),
            filled: Some(1.0),
            form: Some(1.0),
            breakdown: CompletenessBreakdown::default(),
        }
    }
}

impl Completeness {
    /// No score: the document had nothing to score.
    pub fn none() -> Self {
        Completeness {
            score: None,
            structure: None,
            filled: None,
            form: None,
            breakdown: CompletenessBreakdown::default(),
        }
    }
}

/// The findings that lower the completeness score.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CompletenessBreakdown {
    /// Unfilled slots by kind name.
    pub slots: std::collections::BTreeMap<String, usize>,
    /// Required roles with no section.
    pub missing_roles: usize,
    /// Headings with no body.
    pub empty_sections: usize,
    /// Numbering slips (headings and inline enumerations).
    pub numbering_errors: usize,
    /// Unmatched brackets and quotes.
    pub unbalanced: usize,
    /// Heading markers not written the GB/T 9704 way.
    pub heading_style: usize,
}

/// Everything the analyzers found in one document (one record of `analyze`).
///
/// A file that could not be read has `error` set and every other field empty.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct DocReport {
    /// The path as given or found.
    pub path: String,
    /// What kind of file it is: `text`, `docx`, or the legacy format LibreOffice
    /// converted (`doc`, `wps`, `odt`, `rtf`); empty when unread.
    pub format: String,
    /// The exact bytes of a file name that is not UTF-8, in hex (only then present).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path_bytes: Option<String>,
    /// The encoding the text was decoded from; empty when unread.
    pub encoding: String,
    /// Why the file could not be analysed, if it could not.
    pub error: Option<String>,
    /// Repairs made while reading (lossy decoding).
    pub warnings: Vec<String>,
    /// Chars in the decoded text.
    pub chars: usize,
    /// The genre profile the document was judged by (`work-summary`, `debrief`, …;
    /// `dicts/profiles.txt`); `None` when it could not be read.
    pub profile: Option<String>,
    /// Jieba tokens in the text (0 when segmentation did not run).
    pub tokens: usize,
    /// Unfilled slots.
    pub placeholders: Vec<Slot>,
    /// Section headings in order.
    pub headings: Vec<Heading>,
    /// Required roles no level-1 section holds (empty when `missing-section` is off).
    pub sections_missing: Vec<Role>,
    /// Numbering slips of headings and inline enumerations, in text order (empty when
    /// `numbering` is off).
    pub numbering_errors: Vec<NumberingError>,
    /// Official phrases, most frequent first.
    pub phrases: Vec<PhraseCount>,
    /// “Quoted” slogans.
    pub quotes: Vec<TextCount>,
    /// 《Titles》 of documents cited.
    pub titles: Vec<TextCount>,
    /// Top keywords by TF-IDF.
    pub keywords: Vec<Keyword>,
    /// Phrases repeated within the document.
    pub repeated_phrases: Vec<RepeatedPhrase>,
    /// Filler words used too often for the document's length.
    pub overused: Vec<OverusedWord>,
    /// The completeness score.
    pub completeness: Completeness,
    /// Every lint finding, in text order.
    pub diagnostics: Vec<Diagnostic>,
}

impl DocReport {
    /// The record of a file that could not be read.
    pub fn failed(path: String, error: String) -> Self {
        Self::unread(Unread {
            path,
            path_bytes: None,
            error,
        })
    }

    /// The record of an input that could not be read.
    pub fn unread(unread: Unread) -> Self {
        DocReport {
            path: unread.path,
            path_bytes: unread.path_bytes,
            error: Some(unread.error),
            completeness: Completeness::none(),
            ..DocReport::default()
        }
    }
}

/// An input that could not be read, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unread {
    /// The path as shown.
    pub path: String,
    /// The exact bytes of a file name that is not UTF-8, in hex.
    pub path_bytes: Option<String>,
    /// Why it could not be read.
    pub error: String,
}
