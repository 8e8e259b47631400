//! The library's error type: every variant names the file it is about.

use std::path::PathBuf;

use crate::i18n::{Lang, Message};

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

impl Error {
    /// The error as a person reads it, in `lang`: the same facts as its `Display` (the
    /// English text), with the common OS errors (no such file, no permission, a folder)
    /// said in our words rather than the OS's. Details that come from elsewhere (a zip library, the OS's
    /// other errors, LibreOffice) are kept as they are.
    pub fn message(&self, lang: Lang) -> String {
        let shown = |path: &std::path::Path| crate::input::path_name::shown(path).to_string();
        let msg = match self {
            Error::Io { path, source } => {
                let reason = match source.kind() {
                    std::io::ErrorKind::NotFound => Message::new("read-error-not-found"),
                    std::io::ErrorKind::PermissionDenied => Message::new("read-error-permission"),
                    std::io::ErrorKind::IsADirectory => Message::new("read-error-directory"),
                    _ => Message::new("read-error-os").arg("detail", source.to_string()),
                };
                Message::new("read-error-io")
                    .arg("path", shown(path))
                    .arg("reason", reason)
            }
            Error::Binary { path, reason } => Message::new("read-error-binary")
                .arg("path", shown(path))
                .arg("reason", reason.as_str()),
            Error::Unsupported { path, format } => Message::new("read-error-unsupported")
                .arg("path", shown(path))
                .arg("format", format.as_str()),
            Error::Convert { path, source } => Message::new("read-error-convert")
                .arg("path", shown(path))
                .arg("detail", source.to_string()),
            Error::Docx { path, source } => Message::new("read-error-docx")
                .arg("path", shown(path))
                .arg("detail", source.to_string()),
            Error::TooLarge { path, size, limit } => Message::new("read-error-too-large")
                .arg("path", shown(path))
                .arg("size", *size)
                .arg("limit", *limit),
            Error::UnknownEncoding { name } => {
                Message::new("read-error-encoding").arg("name", format!("{name:?}"))
            }
            Error::Walk { .. } | Error::Config { .. } => return self.to_string(),
        };
        msg.say(lang)
    }
}

/// Shorthand for results with [`Error`].
pub type Result<T> = std::result::Result<T, Error>;

#[cfg(test)]
mod tests {
    use super::*;

    /// In English the message is the `Display` text (the common OS errors aside), so logs
    /// and scripts that read it see no change; in Chinese it is another text, path first.
    #[test]
    fn messages_in_english_match_display_and_chinese_differs() {
        let io = |kind: std::io::ErrorKind| Error::Io {
            path: PathBuf::from("a.txt"),
            source: std::io::Error::from(kind),
        };
        let cases = [
            io(std::io::ErrorKind::NotFound),
            io(std::io::ErrorKind::PermissionDenied),
            Error::Binary {
                path: PathBuf::from("b.txt"),
                reason: "contains NUL bytes".into(),
            },
            Error::Unsupported {
                path: PathBuf::from("c.pdf"),
                format: "PDF".into(),
            },
            Error::TooLarge {
                path: PathBuf::from("d.txt"),
                size: 10,
                limit: 5,
            },
            Error::UnknownEncoding {
                name: "KOI9".into(),
            },
        ];
        for e in &cases {
            let en = e.message(Lang::En);
            let zh = e.message(Lang::Zh);
            if let Error::Io { .. } = e {
                // The common OS errors are said in our words, not the OS's.
                assert!(en.starts_with("a.txt: cannot read: "), "{en}");
                assert!(!en.contains("os error"), "{en}");
            } else {
                assert_eq!(en, e.to_string());
            }
            assert_ne!(zh, en);
            if let Some(path) = e.path() {
                assert!(zh.starts_with(&path.display().to_string()), "{zh}");
            }
            assert!(
                zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "{zh}"
            );
        }
    }
}
