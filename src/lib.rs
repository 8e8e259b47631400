//! zongjie (总结) reads Chinese work summaries (工作总结, 述职报告, 学习情况总结) and
//! reports what is in them: unfilled template slots, the section outline, official
//! phrases, completeness, and repetition within and across documents.
//!
//! The pipeline: [`input`] finds, reads and decodes files into a [`Document`]; the
//! [`analyze`] modules turn a document into plain data; an [`Analyzer`] gathers that
//! data into diagnostics and a [`DocReport`]; [`render`] prints them. The library
//! never prints.
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

pub mod analyze;
mod analyzer;
pub mod config;
pub mod corpus;
pub mod dicts;
pub mod document;
pub mod edit;
pub mod error;
pub mod i18n;
pub mod input;
pub mod lexicon;
pub mod render;
pub mod report;
pub mod rules;

pub use analyzer::{Analyzer, document_warnings, is_blank, profile_name};
pub use config::Config;
pub use document::{Document, Position, Span};
pub use error::{Error, Result};
pub use report::{Diagnostic, DocReport, Role, Rule, Severity, SlotKind};
