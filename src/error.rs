//! The library's error type: every variant names the file it is about.

use std::path::PathBuf;

/// Everything that can go wrong reading input or config.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The file could not be opened or read.
    #[error("{}: cannot read: {source}", crate::input::path_name::shown(path))]
    Io {
        /// The file.
        path: PathBuf,
        /// The OS error.
        source: std::io::Error,
    },
    /// Walking a directory failed at some entry.
    #[error("{}: {message}", crate::input::path_name::shown(path))]
    Walk {
        /// The entry or directory.
        path: PathBuf,
        /// What went wrong.
        message: String,
    },
    /// The bytes are not text (NUL bytes, control codes, or another format).
    #[error(
        "{}: binary file, not text ({reason})",
        crate::input::path_name::shown(path)
    )]
    Binary {
        /// The file.
        path: PathBuf,
        /// Why it was judged binary.
        reason: String,
    },
    /// `--encoding` named no encoding we know.
    #[error("unknown encoding {name:?} (try UTF-8, GBK, GB18030, UTF-16LE, UTF-16BE, Big5)")]
    UnknownEncoding {
        /// The label given.
        name: String,
    },
    /// A format we cannot read (legacy Word, WPS, PDF).
    #[error(
        "{}: unsupported format ({format}); convert it to .docx or .txt first, e.g. `libreoffice --headless --convert-to docx FILE`",
        crate::input::path_name::shown(path)
    )]
    Unsupported {
        /// The file.
        path: PathBuf,
        /// The format detected.
        format: String,
    },
    /// A legacy word-processor file LibreOffice could not convert.
    #[error(
        "{}: cannot convert it with LibreOffice: {source}",
        crate::input::path_name::shown(path)
    )]
    Convert {
        /// The file.
        path: PathBuf,
        /// What went wrong.
        source: crate::input::convert::ConvertError,
    },
    /// A .docx file that could not be read.
    #[error("{}: {source}", crate::input::path_name::shown(path))]
    Docx {
        /// The file.
        path: PathBuf,
        /// What the extractor found wrong.
        source: crate::input::docx::DocxError,
    },
    /// The file is larger than the configured limit.
    #[error(
        "{}: file too large ({size} bytes; limit {limit})",
        crate::input::path_name::shown(path)
    )]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// Its size.
        size: u64,
        /// The limit.
        limit: u64,
    },
    /// A config file that does not parse or says something invalid.
    #[error("{}: invalid config: {message}", crate::input::path_name::shown(path))]
    Config {
        /// The config file.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
}

impl Error {
    /// The file the error is about, if it is about one.
    pub fn path(&self) -> Option<&std::path::Path> {
        match self {
            Error::Io { path, .. }
            | Error::Walk { path, .. }
            | Error::Binary { path, .. }
            | Error::Unsupported { path, .. }
            | Error::Convert { path, .. }
            | Error::Docx { path, .. }
            | Error::TooLarge { path, .. }
            | Error::Config { path, .. } => Some(path),
            Error::UnknownEncoding { .. } => None,
        }
    }
}

/// Shorthand for results with [`Error`].
pub type Result<T> = std::result::Result<T, Error>;
