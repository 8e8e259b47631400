//! Analyzers: pure functions from a [`Document`](crate::Document) and a
//! [`Config`](crate::Config) to plain data. None of them prints or keeps state.

pub mod keywords;
pub mod lexicon;
pub mod phrases;
pub mod placeholders;
pub mod quotes;
pub mod repetition;
pub mod segment;
