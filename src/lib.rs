//! zongjie (总结) reads Chinese work summaries (工作总结, 述职报告, 学习情况总结) and
//! reports what is in them: unfilled template slots, the section outline, official
//! phrases, completeness, and repetition within and across documents.
//!
//! The pipeline: [`input`] finds, reads and decodes files into a [`Document`]; an
//! [`Analyzer`] runs the analyzers (private modules, one job each) and gathers their
//! findings into [`Diagnostic`]s and a [`DocReport`]; [`corpus`] folds reports into
//! archive statistics, a state that saves to bytes ([`Corpus::to_bytes`]) and merges
//! with the states of other shards ([`Corpus::merge`]); [`render`] writes them in every format; [`edit`] applies fixes
//! and writes annotated Word copies. The library never prints.
//!
//! What a library user needs is re-exported here; the modules are namespaces for the
//! rest (report types, renderers, input, corpus statistics, the rule registry).
//!
//! ```
//! use zongjie::{Analyzer, Config, Document};
//!
//! let analyzer = Analyzer::new(Config::default());
//! let doc = Document::from_str("draft.txt", "2023年，XX局开展学习X次。");
//! let found = analyzer.lint(&doc);
//! let slots: Vec<_> = found.iter().filter(|d| d.rule.name() == "placeholder").collect();
//! assert_eq!(slots.len(), 2);
//! assert_eq!((slots[0].span.line, slots[0].span.column), (1, 7));
//! ```
#![deny(missing_docs)]
#![warn(clippy::print_stdout, clippy::print_stderr)]

mod analyze;
mod analyzer;
pub mod config;
pub mod corpus;
pub mod dicts;
pub mod document;
pub mod edit;
pub mod error;
pub mod i18n;
pub mod input;
mod lexicon;
mod numeral;
pub mod render;
pub mod report;
pub mod rules;

pub use analyzer::{Analyzer, document_warnings, document_year, is_blank, profile_name};
pub use config::Config;
pub use corpus::{
    Corpus, CorpusDoc, CorpusOptions, CorpusReport, DocFeatures, ListingOptions, StateError,
};
pub use document::{Document, Position, SourceFormat, Span};
pub use error::{Error, Result};
pub use i18n::{Lang, Message};
pub use input::{ReadOptions, Source, collect_sources, read_path, read_source};
pub use render::{Format, ReportOptions, Reporter, Style, Tally, View, reporter};
pub use report::{
    Diagnostic, DocReport, Replacement, Role, Rule, Severity, SlotKind, WordPosition,
};
pub use rules::{RULES, RuleInfo};
