//! Acting on findings: applying fixes to a text file (in its own encoding), showing
//! them as a unified diff, and writing a Word file's annotated copy (findings as
//! comments, fixes as tracked changes).
//!
//! What must stay true: a file is written back only when its bytes decode and encode
//! back to themselves exactly (so nothing but the fixes changes: not the encoding, the
//! byte order mark or the line ends), never when two fixes overlap, and an annotated
//! copy is never written over its original.

use std::path::{Path, PathBuf};

use encoding_rs::Encoding;

use crate::analyze::fix::{Edit, Fix, FixConflict, apply_fixes};
use crate::document::Document;
use crate::input::docx::{self, AnnotateOptions, Annotated, Comment, Revision};
use crate::render::Style;
use crate::render::text::{full_message, word_place};
use crate::report::Diagnostic;

/// Why a fix could not be written.
#[derive(Debug, thiserror::Error)]
pub enum EditError {
    /// Two fixes touch the same text.
    #[error("{0}")]
    Conflict(#[from] FixConflict),
    /// The file was read with repairs, or does not encode back to its own bytes.
    #[error("the file does not read back exactly as it is ({0}); it is left as it is")]
    NotExact(String),
    /// The annotated copy would be written over the original.
    #[error("the annotated copy would overwrite {0}")]
    OverOriginal(PathBuf),
    /// The Word file could not be annotated.
    #[error("{0}")]
    Docx(#[from] docx::DocxError),
    /// Reading or writing failed.
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

/// The fixes of `diagnostics`, as byte edits of the document's text.
pub fn fixes_of(diagnostics: &[Diagnostic]) -> Vec<Fix> {
    diagnostics
        .iter()
        .filter_map(|d| d.fix.as_ref())
        .map(|replacements| {
            Fix::many(
                replacements
                    .iter()
                    .map(|r| Edit::new(r.span.byte_start, r.span.byte_end, r.replacement.clone()))
                    .collect(),
            )
        })
        .collect()
}

/// The document's text with every fix of `diagnostics` applied; `None` when no finding
/// has a fix.
pub fn fixed_text(doc: &Document, diagnostics: &[Diagnostic]) -> Result<Option<String>, EditError> {
    let fixes = fixes_of(diagnostics);
    if fixes.is_empty() {
        return Ok(None);
    }
    Ok(Some(apply_fixes(doc.text(), &fixes)?))
}

/// `text` encoded as `doc` was read from `original`: the same encoding, the same byte
/// order mark. Refused unless `original` itself decodes and encodes back to its exact
/// bytes, so a fix can never change anything else.
pub fn encode_like(doc: &Document, original: &[u8], text: &str) -> Result<Vec<u8>, EditError> {
    if !doc.warnings.is_empty() {
        return Err(EditError::NotExact("it was read with repairs".to_string()));
    }
    let (bom, body) = split_bom(original);
    let encode = |s: &str| -> Option<Vec<u8>> {
        let mut out = bom.to_vec();
        match doc.encoding.as_str() {
            "UTF-16LE" => out.extend(s.encode_utf16().flat_map(u16::to_le_bytes)),
            "UTF-16BE" => out.extend(s.encode_utf16().flat_map(u16::to_be_bytes)),
            name => {
                let encoding = Encoding::for_label(name.as_bytes())?;
                let (bytes, _, unmappable) = encoding.encode(s);
                if unmappable {
                    return None;
                }
                out.extend_from_slice(&bytes);
            }
        }
        Some(out)
    };
    let same = encode(doc.text()).is_some_and(|b| b.get(bom.len()..) == Some(body));
    if !same {
        return Err(EditError::NotExact(format!(
            "{} does not encode back to the same bytes",
            doc.encoding
        )));
    }
    encode(text).ok_or_else(|| {
        EditError::NotExact(format!("a fix has a char {} cannot hold", doc.encoding))
    })
}

fn split_bom(bytes: &[u8]) -> (&[u8], &[u8]) {
    for bom in [&b"\xEF\xBB\xBF"[..], b"\xFF\xFE", b"\xFE\xFF"] {
        if let Some(rest) = bytes.strip_prefix(bom) {
            return (bom, rest);
        }
    }
    (&[], bytes)
}

/// A unified diff of `old` and `new` for `path` (`--- path` / `+++ path`), with three
/// lines of context.
pub fn unified_diff(path: &str, old: &str, new: &str) -> String {
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .header(path, path)
        .to_string()
}

/// Where the annotated copy of `input` goes by default: beside it, `draft.zongjie.docx`
/// for `draft.docx` (or `draft.doc`); for a copy annotated before
/// (`draft.zongjie.docx`), `draft.zongjie.2.docx`, never the input itself.
pub fn annotated_path(input: &Path) -> PathBuf {
    let stem = input
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let base = stem.strip_suffix(".zongjie").unwrap_or(&stem);
    let dir = input.parent().unwrap_or(Path::new(""));
    let first = dir.join(format!("{base}.zongjie.docx"));
    if first != input {
        first
    } else {
        dir.join(format!("{base}.zongjie.2.docx"))
    }
}

/// An annotated copy of a Word document: every finding a comment (its message, the
/// text it is about, and where it really is when Word cannot hold a comment there:
/// headers, footers, notes, text boxes; then the rule id), and, with `fix`, every fix a
/// tracked change. `original` is the `.docx` the document was read from (for a
/// converted legacy file, the converted bytes).
pub fn annotate_document(
    original: &[u8],
    diagnostics: &[Diagnostic],
    fix: bool,
    opts: &AnnotateOptions,
    style: Style,
) -> Result<Annotated, EditError> {
    let comments: Vec<Comment> = diagnostics
        .iter()
        .map(|d| {
            let mut text = full_message(d, style);
            if let Some(w) = &d.word
                && (!w.location.part.takes_comments() || w.location.text_box.is_some())
            {
                text.push_str(&word_place(w, style));
            }
            Comment {
                byte_start: d.span.byte_start,
                byte_end: d.span.byte_end,
                text,
                rule: d.rule.name().to_string(),
            }
        })
        .collect();
    let revisions: Vec<Revision> = if fix {
        fixes_of(diagnostics)
            .into_iter()
            .flat_map(|f| f.edits)
            .map(|e| Revision {
                byte_start: e.byte_start,
                byte_end: e.byte_end,
                replacement: e.replacement,
            })
            .collect()
    } else {
        Vec::new()
    };
    Ok(docx::annotate(original, &comments, &revisions, opts)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Analyzer, Config};

    #[test]
    fn gbk_with_crlf_is_written_back_in_gbk_with_crlf() {
        let text = "一、主要工作\r\n学习\"两学一做\",推进工作。\r\n";
        let (gbk, _, _) = encoding_rs::GBK.encode(text);
        let decoded = crate::input::decode::decode(&gbk, None).unwrap();
        let mut doc = Document::new("d.txt", decoded.encoding, decoded.text);
        doc.warnings = decoded.warnings;
        assert_eq!(doc.encoding, "GBK");
        let diags = Analyzer::new(Config::default()).lint(&doc);
        let fixed = fixed_text(&doc, &diags).unwrap().expect("a fix");
        assert!(fixed.contains("，推进工作"), "{fixed}");
        assert!(fixed.contains("\r\n"));
        let bytes = encode_like(&doc, &gbk, &fixed).unwrap();
        let (back, _, _) = encoding_rs::GBK.decode(&bytes);
        assert_eq!(back, fixed);
    }

    #[test]
    fn boms_are_kept_and_repaired_files_are_refused() {
        let utf8 = b"\xEF\xBB\xBFabc,\xE5\xAD\xA6";
        let doc = Document::new(
            "d.txt",
            "UTF-8",
            String::from_utf8_lossy(&utf8[3..]).into_owned(),
        );
        let out = encode_like(&doc, utf8, "xyz").unwrap();
        assert_eq!(out, b"\xEF\xBB\xBFxyz");
        let mut repaired = doc.clone();
        repaired.warnings.push("replaced 1 invalid byte".into());
        assert!(matches!(
            encode_like(&repaired, utf8, "xyz"),
            Err(EditError::NotExact(_))
        ));
        // Bytes that do not round-trip (here: not the text) are refused.
        assert!(encode_like(&doc, b"other", "xyz").is_err());
        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend("学习".encode_utf16().flat_map(u16::to_le_bytes));
        let doc16 = Document::new("d.txt", "UTF-16LE", "学习".to_string());
        let out = encode_like(&doc16, &utf16, "学").unwrap();
        assert_eq!(out, [0xFF, 0xFE, 0x66, 0x5B]);
    }

    #[test]
    fn annotated_copies_never_take_the_input_name() {
        assert_eq!(
            annotated_path(Path::new("a/draft.docx")),
            PathBuf::from("a/draft.zongjie.docx")
        );
        assert_eq!(
            annotated_path(Path::new("a/draft.doc")),
            PathBuf::from("a/draft.zongjie.docx")
        );
        let again = Path::new("a/draft.zongjie.docx");
        assert_eq!(
            annotated_path(again),
            PathBuf::from("a/draft.zongjie.2.docx")
        );
    }

    #[test]
    fn diffs_are_unified() {
        let d = unified_diff("d.txt", "甲,乙\n丙\n", "甲，乙\n丙\n");
        assert!(d.starts_with("--- d.txt\n+++ d.txt\n@@"), "{d}");
        assert!(d.contains("-甲,乙\n+甲，乙\n"), "{d}");
    }
}
