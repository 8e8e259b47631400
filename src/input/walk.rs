//! Command-line paths to the list of files to read.
//!
//! Directories are walked with the `ignore` crate, so hidden entries and
//! `.gitignore`d paths are skipped as in ripgrep, and symlinks inside a walk are not
//! followed (no loops). Files found by walking are picked by extension (or by the
//! user's `--glob`s); files named explicitly are always taken. What must stay true:
//! the result is sorted and free of duplicates, so output never depends on the order
//! of arguments or of the file system, and a walk error becomes an entry, not an abort.

use std::path::{Path, PathBuf};

use ignore::WalkBuilder;
use ignore::overrides::OverrideBuilder;

use crate::error::Error;

/// Extensions picked when walking a directory without `--glob`. Legacy formats are
/// included so that each one is reported as unsupported instead of silently skipped.
pub const DEFAULT_EXTENSIONS: &[&str] = &["txt", "md", "text", "docx", "doc", "wps", "pdf"];

/// One input to read.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Source {
    /// A file on disk.
    Path(PathBuf),
    /// Standard input (`-`).
    Stdin,
}

impl Source {
    /// The name used in output: the path, or `-` for standard input.
    pub fn display_name(&self) -> String {
        match self {
            Source::Path(p) => super::path_name::shown(p),
            Source::Stdin => "-".to_string(),
        }
    }

    /// The exact bytes of a path that is not UTF-8, in hex (see [`super::path_name`]).
    pub fn raw_path(&self) -> Option<String> {
        match self {
            Source::Path(p) => super::path_name::raw_hex(p),
            Source::Stdin => None,
        }
    }
}

/// Expands `paths` into sources, sorted by name. Errors met while walking are
/// returned in place, with the path they concern.
pub fn collect_sources(paths: &[PathBuf], globs: &[String]) -> Vec<Result<Source, Error>> {
    let mut out: Vec<Result<Source, Error>> = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            out.push(Ok(Source::Stdin));
            continue;
        }
        match std::fs::metadata(path) {
            Ok(meta) if meta.is_dir() => walk_dir(path, globs, &mut out),
            // An explicitly named file is always read, whatever its extension.
            Ok(_) => out.push(Ok(Source::Path(path.clone()))),
            Err(source) => out.push(Err(Error::Io {
                path: path.clone(),
                source,
            })),
        }
    }
    out.sort_by_key(sort_key);
    out.dedup_by(|a, b| match (a, b) {
        (Ok(x), Ok(y)) => x == y,
        _ => false,
    });
    out
}

/// The name an input is sorted by (and shown as): its path, or the path its error is
/// about.
pub fn sort_key(entry: &Result<Source, Error>) -> String {
    match entry {
        Ok(source) => source.display_name(),
        Err(err) => error_path(err),
    }
}

/// The path an error is about, as shown in output.
pub fn error_path(err: &Error) -> String {
    err.path().map(super::path_name::shown).unwrap_or_default()
}

fn walk_dir(root: &Path, globs: &[String], out: &mut Vec<Result<Source, Error>>) {
    let mut builder = WalkBuilder::new(root);
    builder.follow_links(false);
    if !globs.is_empty() {
        let mut overrides = OverrideBuilder::new(root);
        for glob in globs {
            if let Err(e) = overrides.add(glob) {
                out.push(Err(Error::Walk {
                    path: root.to_path_buf(),
                    message: format!("invalid --glob {glob:?}: {e}"),
                }));
                return;
            }
        }
        match overrides.build() {
            Ok(ov) => {
                builder.overrides(ov);
            }
            Err(e) => {
                out.push(Err(Error::Walk {
                    path: root.to_path_buf(),
                    message: format!("invalid --glob: {e}"),
                }));
                return;
            }
        }
    }
    // Only `!` globs exclude from the default set; any other glob replaces it.
    let picks_own = globs.iter().any(|g| !g.starts_with('!'));
    for entry in builder.build() {
        match entry {
            Ok(entry) => {
                let is_file = entry.file_type().is_some_and(|t| t.is_file());
                if is_file && (picks_own || has_default_extension(entry.path())) {
                    out.push(Ok(Source::Path(entry.into_path())));
                }
            }
            Err(err) => out.push(Err(walk_error(root, err))),
        }
    }
}

fn has_default_extension(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| DEFAULT_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

fn walk_error(root: &Path, err: ignore::Error) -> Error {
    fn find_path(err: &ignore::Error) -> Option<PathBuf> {
        match err {
            ignore::Error::WithPath { path, .. } => Some(path.clone()),
            ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
                find_path(err)
            }
            ignore::Error::Loop { child, .. } => Some(child.clone()),
            _ => None,
        }
    }
    let path = find_path(&err).unwrap_or_else(|| root.to_path_buf());
    // ignore's message repeats the path; keep only the reason after it.
    let message = err.to_string();
    let prefix = format!("{}: ", path.display());
    let message = message
        .strip_prefix(&prefix)
        .unwrap_or(&message)
        .to_string();
    Error::Walk { path, message }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(entries: &[Result<Source, Error>], root: &Path) -> Vec<String> {
        entries
            .iter()
            .filter_map(|e| e.as_ref().ok())
            .map(|s| match s {
                Source::Path(p) => p.strip_prefix(root).unwrap_or(p).display().to_string(),
                Source::Stdin => "-".into(),
            })
            .collect()
    }

    #[test]
    fn walks_sorted_by_extension_skipping_hidden() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("b/c")).unwrap();
        std::fs::create_dir_all(root.join(".hidden")).unwrap();
        for f in [
            "z.txt",
            "a.md",
            "b/c/d.text",
            "x.rs",
            ".hidden/h.txt",
            ".dot.txt",
        ] {
            std::fs::write(root.join(f), "text").unwrap();
        }
        let got = collect_sources(&[root.to_path_buf()], &[]);
        assert_eq!(names(&got, root), vec!["a.md", "b/c/d.text", "z.txt"]);
    }

    #[test]
    fn explicit_file_is_taken_whatever_its_extension() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("notes.rs");
        std::fs::write(&f, "x").unwrap();
        let got = collect_sources(&[f.clone(), f.clone()], &[]);
        assert_eq!(got.len(), 1);
    }

    #[test]
    fn globs_replace_extensions() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for f in ["a.txt", "b.log"] {
            std::fs::write(root.join(f), "x").unwrap();
        }
        let got = collect_sources(&[root.to_path_buf()], &["*.log".to_string()]);
        assert_eq!(names(&got, root), vec!["b.log"]);
    }

    #[test]
    fn exclusion_globs_keep_the_default_extensions() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("old")).unwrap();
        for f in ["a.txt", "b.log", "old/c.txt"] {
            std::fs::write(root.join(f), "x").unwrap();
        }
        let got = collect_sources(&[root.to_path_buf()], &["!old/**".to_string()]);
        assert_eq!(names(&got, root), vec!["a.txt"]);
    }

    #[test]
    fn missing_path_is_an_entry() {
        let got = collect_sources(&[PathBuf::from("/no/such/zongjie")], &[]);
        assert!(matches!(got.as_slice(), [Err(Error::Io { .. })]));
    }
}
