//! Input: find files, read them, decode them, and build [`Document`]s.
//!
//! What must stay true: reading never panics and never writes; every failure is an
//! [`Error`] naming the file, so a batch can report it and go on.

pub mod convert;
pub mod decode;
pub mod docx;
pub mod path_name;
pub mod walk;

use std::io::Read;
use std::path::Path;

use encoding_rs::Encoding;

use crate::document::Document;
use crate::error::Error;
pub use walk::{Source, collect_sources};

/// How to read inputs.
#[derive(Debug, Clone)]
pub struct ReadOptions {
    /// Decode with this encoding instead of detecting one.
    pub encoding: Option<&'static Encoding>,
    /// Files larger than this are refused (bytes).
    pub max_file_bytes: u64,
    /// Limits for .docx extraction.
    pub docx: docx::DocxLimits,
    /// How `.doc`, `.wps`, `.odt` and `.rtf` files are converted with LibreOffice;
    /// `None` never converts (they are reported as unsupported).
    pub convert: Option<convert::ConvertOptions>,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            encoding: None,
            max_file_bytes: 256 * 1024 * 1024,
            docx: docx::DocxLimits::default(),
            convert: Some(convert::ConvertOptions::default()),
        }
    }
}

/// Reads and decodes one source into a document.
pub fn read_source(source: &Source, opts: &ReadOptions) -> Result<Document, Error> {
    match source {
        Source::Stdin => {
            let mut bytes = Vec::new();
            std::io::stdin()
                .lock()
                .take(opts.max_file_bytes)
                .read_to_end(&mut bytes)
                .map_err(|e| Error::Io {
                    path: "-".into(),
                    source: e,
                })?;
            document_from_bytes(Path::new("-"), bytes, opts)
        }
        Source::Path(path) => read_path(path, opts),
    }
}

/// Reads and decodes one file into a document.
pub fn read_path(path: &Path, opts: &ReadOptions) -> Result<Document, Error> {
    let io_err = |source| Error::Io {
        path: path.to_path_buf(),
        source,
    };
    let meta = std::fs::metadata(path).map_err(io_err)?;
    if meta.is_dir() {
        return Err(Error::Walk {
            path: path.to_path_buf(),
            message: "is a directory".to_string(),
        });
    }
    if meta.len() > opts.max_file_bytes {
        return Err(Error::TooLarge {
            path: path.to_path_buf(),
            size: meta.len(),
            limit: opts.max_file_bytes,
        });
    }
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    if let Some(format) = unsupported_format(&ext) {
        // With LibreOffice at hand, legacy word-processor files are converted.
        let program = opts
            .convert
            .as_ref()
            .filter(|_| convert::CONVERTIBLE.contains(&ext.as_str()))
            .and_then(|c| Some((c, c.program()?)));
        let Some((convert_opts, program)) = program else {
            return Err(Error::Unsupported {
                path: path.to_path_buf(),
                format: format.to_string(),
            });
        };
        let bytes =
            convert::to_docx(path, &program, convert_opts).map_err(|source| Error::Convert {
                path: path.to_path_buf(),
                source,
            })?;
        let extracted = docx::extract(&bytes, &opts.docx).map_err(|source| Error::Docx {
            path: path.to_path_buf(),
            source,
        })?;
        let mut doc = Document::from_word(path_name::shown(path), extracted);
        doc.path_bytes = path_name::raw_hex(path);
        doc.format = crate::document::SourceFormat::Converted(ext.clone());
        doc.converted = Some(std::sync::Arc::new(bytes));
        return Ok(doc);
    }
    let bytes = std::fs::read(path).map_err(io_err)?;
    if ext == "docx" {
        let extracted = docx::extract(&bytes, &opts.docx).map_err(|source| Error::Docx {
            path: path.to_path_buf(),
            source,
        })?;
        let mut doc = Document::from_word(path_name::shown(path), extracted);
        doc.path_bytes = path_name::raw_hex(path);
        return Ok(doc);
    }
    document_from_bytes(path, bytes, opts)
}

/// Decodes bytes that should be text into a document.
pub fn document_from_bytes(
    path: &Path,
    bytes: Vec<u8>,
    opts: &ReadOptions,
) -> Result<Document, Error> {
    let decoded = decode::decode_owned(bytes, opts.encoding).map_err(|e| match e {
        decode::DecodeError::Binary(reason) => Error::Binary {
            path: path.to_path_buf(),
            reason,
        },
    })?;
    let mut doc = Document::new(path_name::shown(path), decoded.encoding, decoded.text);
    doc.warnings = decoded.warnings;
    doc.path_bytes = path_name::raw_hex(path);
    Ok(doc)
}

fn unsupported_format(ext: &str) -> Option<&'static str> {
    match ext {
        "doc" => Some("legacy Word .doc"),
        "wps" => Some("WPS .wps"),
        "pdf" => Some("PDF"),
        "rtf" => Some("RTF"),
        "odt" => Some("OpenDocument .odt"),
        _ => None,
    }
}
