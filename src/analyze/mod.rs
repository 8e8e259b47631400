//! Analyzers: pure functions from a [`Document`](crate::Document) and a
//! [`Config`](crate::Config) to plain data. None of them prints or keeps state.
//!
//! Each module has one job: [`placeholders`] finds unfilled slots, [`headings`]
//! recognises a heading on a line, [`outline`] checks the headings as a whole
//! (numbering, marker style, empty and missing sections), [`enumerations`] checks
//! inline `一是……二是……` lists, [`brackets`] finds unmatched marks, and
//! [`completeness`] scores a document from the findings. Findings carry no severity:
//! the config gives it when they become diagnostics.

pub mod brackets;
pub mod completeness;
pub mod enumerations;
pub mod headings;
pub mod numeral;
pub mod outline;
pub mod placeholders;

use crate::document::Span;
use crate::report::{NumberingError, Rule};

/// A rule's finding before the config gives it a severity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// The rule that found it.
    pub rule: Rule,
    /// Where it is.
    pub span: Span,
    /// The text at the span (or the role name, for `missing-section`).
    pub text: String,
    /// A one-line explanation.
    pub message: String,
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
}

impl Slip {
    /// The slip as a `numbering` finding.
    pub fn finding(&self) -> Finding {
        Finding {
            rule: Rule::Numbering,
            span: self.span,
            text: self.found.clone(),
            message: format!("expected {}, found {}", self.expected, self.found),
        }
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
