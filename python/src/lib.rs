//! `zongjie._zongjie`: the native half of the Python package `zongjie`, over the same
//! library the command line uses.
//!
//! What must stay true:
//! - A method returns the very record the CLI writes for its command (the JSON
//!   contract's document record): it is serialised by `zongjie::render::json` and read
//!   back with Python's `json.loads`, never built by hand here.
//! - The GIL is released while Rust reads, analyses and serialises, so one `Analyzer`
//!   serves many Python threads at once; it is immutable after construction (`frozen`),
//!   and the Rust `Analyzer` is `Sync`.
//! - Every error is a Python exception carrying the CLI's message: config problems are
//!   `ConfigError`, inputs that cannot be read are `ReadError` (both `ZongjieError`),
//!   and usage errors (an unknown profile, language or encoding) are `ValueError`.
//!
//! Every text a Python user reads here (docstrings and the few messages of this layer)
//! is in this file; the analysis messages come from the library in the chosen language.

use std::path::{Path, PathBuf};

use pyo3::create_exception;
use pyo3::exceptions::{PyException, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBytes, PyDict, PyString};

use zongjie::config::ConfigFile;
use zongjie::corpus::{CorpusDoc, StateError};
use zongjie::i18n::Lang;
use zongjie::input::decode::encoding_for_label;
use zongjie::input::{self, ReadOptions, path_name};
use zongjie::render::View;
use zongjie::render::json::write_record;
use zongjie::report::DocReport;
use zongjie::{Analyzer, Config, Corpus, CorpusOptions, Document};

create_exception!(
    zongjie,
    ZongjieError,
    PyException,
    "Base class of zongjie's own errors."
);
create_exception!(
    zongjie,
    ConfigError,
    ZongjieError,
    "A config that cannot be used: a zongjie.toml that cannot be read or does not \
     parse, or settings that say something invalid. The message names the file."
);
create_exception!(
    zongjie,
    ReadError,
    ZongjieError,
    "An input that cannot be read or decoded: missing, a folder, binary, too large, a \
     damaged .docx, or a legacy format without LibreOffice. The message names the file; \
     the `path` attribute holds it."
);

/// How errors of this layer name a config given as a dict (there is no file to name).
const DICT_CONFIG_ORIGIN: &str = "config dict";

/// The messages of this layer, in one place.
mod msg {
    /// `config=` of a type that is neither a path nor a dict.
    pub fn config_type(got: &str) -> String {
        format!("config must be a path to a zongjie.toml or a dict of its keys, not {got}")
    }

    /// `lang=` that is neither Chinese nor English.
    pub fn unknown_lang(got: &str) -> String {
        format!("unknown language {got:?}; zongjie speaks zh and en")
    }

    /// `text` of a type that is neither str nor bytes.
    pub fn text_type(got: &str) -> String {
        format!("text must be str or bytes, not {got}")
    }

    /// `dup_threshold=` outside [0, 1].
    pub const DUP_THRESHOLD: &str = "dup_threshold must be between 0 and 1";

    /// A `Corpus` used after `finish()`.
    pub const FINISHED: &str = "this Corpus is finished; build a new one";

    /// A record that could not be serialised (a bug, never expected).
    pub fn serialise(why: &str) -> String {
        format!("could not serialise the record: {why}")
    }
}

/// The settings given to `Analyzer(...)`, turned into a library config.
fn build_config(
    config: Option<&Bound<'_, PyAny>>,
    profile: Option<&str>,
    lang: Option<&str>,
) -> PyResult<Config> {
    let mut built = match config {
        None => Config::default(),
        Some(obj) if obj.is_none() => Config::default(),
        Some(obj) => {
            if let Ok(dict) = obj.cast::<PyDict>() {
                let origin = Path::new(DICT_CONFIG_ORIGIN);
                let file: ConfigFile = pythonize::depythonize(dict.as_any()).map_err(|e| {
                    config_error(zongjie::Error::Config {
                        path: origin.to_path_buf(),
                        message: e.to_string(),
                    })
                })?;
                // The files of `[dicts]` are found as Python finds files: from the
                // current directory.
                Config::from_settings(file, origin, Path::new(".")).map_err(config_error)?
            } else if let Ok(path) = obj.extract::<PathBuf>() {
                Config::from_file(&path).map_err(config_error)?
            } else {
                return Err(PyTypeError::new_err(msg::config_type(&type_name(obj))));
            }
        }
    };
    if let Some(code) = lang {
        let parsed =
            Lang::parse(code).ok_or_else(|| PyValueError::new_err(msg::unknown_lang(code)))?;
        built.lang = Some(parsed);
    }
    // Fixed now: the locale of the process may change later, the analyzer must not.
    built.lang = Some(built.language());
    if let Some(name) = profile {
        built.set_profile(name).map_err(PyValueError::new_err)?;
    }
    Ok(built)
}

/// A config error as the CLI says it, whatever the variant (a missing config file is
/// a config problem here, not an unreadable input).
fn config_error(e: zongjie::Error) -> PyErr {
    ConfigError::new_err(e.to_string())
}

/// A reading error as the CLI says it: an unknown encoding is a usage error, anything
/// else an unreadable input with its path.
fn read_error(py: Python<'_>, e: zongjie::Error) -> PyErr {
    match &e {
        zongjie::Error::UnknownEncoding { .. } => PyValueError::new_err(e.to_string()),
        zongjie::Error::Config { .. } => config_error(e),
        _ => {
            let err = ReadError::new_err(e.to_string());
            let path = e.path().map(path_name::shown);
            // Setting an attribute on a fresh exception object cannot fail in practice;
            // if it did, the exception still carries the message.
            let _ = err.value(py).setattr("path", path);
            err
        }
    }
}

/// The Python type name of `obj`, for messages.
fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| "this type".to_string())
}

/// A text argument: `str` as is, `bytes` decoded as the CLI decodes a text file.
enum Text {
    Str(String),
    Bytes(Vec<u8>),
}

impl Text {
    fn extract(obj: &Bound<'_, PyAny>) -> PyResult<Self> {
        if let Ok(s) = obj.cast::<PyString>() {
            Ok(Text::Str(s.extract()?))
        } else if let Ok(b) = obj.cast::<PyBytes>() {
            Ok(Text::Bytes(b.as_bytes().to_vec()))
        } else {
            Err(PyTypeError::new_err(msg::text_type(&type_name(obj))))
        }
    }

    /// The document, named `path` (the CLI names standard input `-`).
    fn into_document(self, path: Option<&Path>) -> Result<Document, zongjie::Error> {
        let path = path.unwrap_or(Path::new("-"));
        match self {
            Text::Str(text) => {
                let mut doc = Document::new(path_name::shown(path), "UTF-8", text);
                doc.path_bytes = path_name::raw_hex(path);
                Ok(doc)
            }
            Text::Bytes(bytes) => input::document_from_bytes(path, bytes, &ReadOptions::default()),
        }
    }
}

/// Reading options for `*_path(path, encoding=...)`, as `--encoding` sets them.
fn read_options(encoding: Option<&str>) -> PyResult<ReadOptions> {
    let mut opts = ReadOptions::default();
    if let Some(name) = encoding {
        let enc = encoding_for_label(name).ok_or_else(|| {
            PyValueError::new_err(
                zongjie::Error::UnknownEncoding {
                    name: name.to_string(),
                }
                .to_string(),
            )
        })?;
        opts.encoding = Some(enc);
    }
    Ok(opts)
}

/// Serialises `report` as the record of `view`, as the CLI's JSON writes it.
fn record_bytes(view: View, report: &DocReport) -> Result<Vec<u8>, String> {
    let mut buf = Vec::new();
    write_record(&mut buf, view, report).map_err(|e| msg::serialise(&e.to_string()))?;
    Ok(buf)
}

/// JSON text to Python objects with `json.loads` (looked up once).
fn json_loads<'py>(py: Python<'py>, json: &[u8]) -> PyResult<Bound<'py, PyAny>> {
    static LOADS: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
    let loads = LOADS.get_or_try_init(py, || -> PyResult<Py<PyAny>> {
        Ok(py.import("json")?.getattr("loads")?.unbind())
    })?;
    loads.bind(py).call1((PyBytes::new(py, json),))
}

/// Lints Chinese work summaries (工作总结, 述职报告, 学习情况总结) and analyses them.
///
/// Build one and reuse it: the vocabularies (and, for `phrases` and `analyze`, the
/// jieba dictionary) are loaded once, on first use. One analyzer can be shared by many
/// threads; the GIL is released while it works.
///
/// Args:
///     config: a path to a zongjie.toml, or a dict of its keys (`{"rules":
///         {"numbering": "off"}, "lang": "zh"}`); default: built-in settings (no
///         zongjie.toml is looked for).
///     profile: judge every document by this genre profile (work-summary, debrief,
///         debrief-integrity, study, disclosure, general) instead of detecting it.
///     lang: language of messages, "zh" or "en"; default: the config's, else the
///         locale's (LC_ALL, LC_MESSAGES, LANG), as the command line does.
///
/// Raises:
///     ConfigError: the config cannot be read or says something invalid.
///     ValueError: an unknown profile or language.
///     TypeError: `config` is neither a path nor a dict.
#[pyclass(frozen, module = "zongjie", name = "Analyzer")]
struct PyAnalyzer {
    inner: Analyzer,
}

impl PyAnalyzer {
    /// Runs `view` on a text argument, without the GIL.
    fn run_text(
        &self,
        py: Python<'_>,
        view: View,
        text: &Bound<'_, PyAny>,
        path: Option<PathBuf>,
    ) -> PyResult<Py<PyAny>> {
        let text = Text::extract(text)?;
        let result = py.detach(|| {
            let doc = text.into_document(path.as_deref()).map_err(Failure::Read)?;
            self.record(view, &doc).map_err(Failure::Serialise)
        });
        self.finish(py, result)
    }

    /// Reads the file at `path` and runs `view` on it, without the GIL.
    fn run_path(
        &self,
        py: Python<'_>,
        view: View,
        path: PathBuf,
        encoding: Option<&str>,
    ) -> PyResult<Py<PyAny>> {
        let opts = read_options(encoding)?;
        let result = py.detach(|| {
            let doc = input::read_path(&path, &opts).map_err(Failure::Read)?;
            self.record(view, &doc).map_err(Failure::Serialise)
        });
        self.finish(py, result)
    }

    /// The serialised record of `view` for one document.
    fn record(&self, view: View, doc: &Document) -> Result<Vec<u8>, String> {
        let report = match view {
            View::Lint => self.inner.lint_report(doc),
            View::Outline => self.inner.structure(doc),
            // Merge has no documents of its own; its records are analyze's.
            View::Phrases | View::Analyze | View::Merge => self.inner.analyze(doc),
        };
        record_bytes(view, &report)
    }

    /// The record as Python objects, or the error as a Python exception.
    fn finish(&self, py: Python<'_>, result: Result<Vec<u8>, Failure>) -> PyResult<Py<PyAny>> {
        match result {
            Ok(json) => Ok(json_loads(py, &json)?.unbind()),
            Err(Failure::Read(e)) => Err(read_error(py, e)),
            Err(Failure::Serialise(m)) => Err(ZongjieError::new_err(m)),
        }
    }
}

/// What went wrong while the GIL was released.
enum Failure {
    Read(zongjie::Error),
    Serialise(String),
}

#[pymethods]
impl PyAnalyzer {
    #[new]
    #[pyo3(signature = (config=None, profile=None, lang=None))]
    fn new(
        config: Option<&Bound<'_, PyAny>>,
        profile: Option<&str>,
        lang: Option<&str>,
    ) -> PyResult<Self> {
        let config = build_config(config, profile, lang)?;
        Ok(PyAnalyzer {
            inner: Analyzer::new(config),
        })
    }

    /// The language of messages: "zh" or "en".
    #[getter]
    fn lang(&self) -> &'static str {
        self.inner.config().language().code()
    }

    /// The genre profile every document is judged by, or None when it is detected per
    /// document.
    #[getter]
    fn profile(&self) -> Option<String> {
        self.inner.config().profile.clone()
    }

    fn __repr__(&self) -> String {
        // Python's spelling of strings (profile names and language codes are ASCII).
        match self.profile() {
            Some(p) => format!("Analyzer(lang='{}', profile='{p}')", self.lang()),
            None => format!("Analyzer(lang='{}')", self.lang()),
        }
    }

    /// The lint record of one text: what `zongjie lint --format json` writes for it.
    ///
    /// Args:
    ///     text: the document, as str, or as bytes in any encoding the CLI detects
    ///         (UTF-8, GBK/GB18030, UTF-16 with a BOM …).
    ///     path: the name the record carries, and the file name a genre profile may
    ///         be detected from; default "-" (as the CLI names standard input).
    ///
    /// Returns:
    ///     A dict: path, format, encoding, error, warnings, profile, and
    ///     diagnostics (a list of dicts with rule, severity, line, column, message …).
    ///
    /// Raises:
    ///     ReadError: bytes that are not text.
    ///     TypeError: text is neither str nor bytes.
    #[pyo3(signature = (text, path=None))]
    fn lint(
        &self,
        py: Python<'_>,
        text: &Bound<'_, PyAny>,
        path: Option<PathBuf>,
    ) -> PyResult<Py<PyAny>> {
        self.run_text(py, View::Lint, text, path)
    }

    /// The outline record of one text: what `zongjie outline --format json` writes.
    ///
    /// Args:
    ///     text: the document (str, or bytes in any encoding the CLI detects).
    ///     path: the record's name; default "-".
    ///
    /// Returns:
    ///     A dict: the header fields (path, format, encoding, error, warnings,
    ///     profile), headings, sections_missing, numbering_errors, completeness.
    ///
    /// Raises:
    ///     ReadError: bytes that are not text.
    ///     TypeError: text is neither str nor bytes.
    #[pyo3(signature = (text, path=None))]
    fn outline(
        &self,
        py: Python<'_>,
        text: &Bound<'_, PyAny>,
        path: Option<PathBuf>,
    ) -> PyResult<Py<PyAny>> {
        self.run_text(py, View::Outline, text, path)
    }

    /// The phrases record of one text: what `zongjie phrases --format json` writes.
    ///
    /// The first call loads the jieba dictionary (about a second).
    ///
    /// Args:
    ///     text: the document (str, or bytes in any encoding the CLI detects).
    ///     path: the record's name; default "-".
    ///
    /// Returns:
    ///     A dict: the header fields, tokens, phrases, quotes, titles, keywords,
    ///     repeated_phrases, overused.
    ///
    /// Raises:
    ///     ReadError: bytes that are not text.
    ///     TypeError: text is neither str nor bytes.
    #[pyo3(signature = (text, path=None))]
    fn phrases(
        &self,
        py: Python<'_>,
        text: &Bound<'_, PyAny>,
        path: Option<PathBuf>,
    ) -> PyResult<Py<PyAny>> {
        self.run_text(py, View::Phrases, text, path)
    }

    /// The full record of one text: what `zongjie analyze --format json` writes for
    /// each document (corpus statistics are not part of it).
    ///
    /// The first call loads the jieba dictionary (about a second).
    ///
    /// Args:
    ///     text: the document (str, or bytes in any encoding the CLI detects).
    ///     path: the record's name; default "-".
    ///
    /// Returns:
    ///     A dict with every per-document field of the JSON contract: chars,
    ///     placeholders, headings, sections_missing, numbering_errors, phrases,
    ///     keywords, completeness (with its score) and the rest.
    ///
    /// Raises:
    ///     ReadError: bytes that are not text.
    ///     TypeError: text is neither str nor bytes.
    #[pyo3(signature = (text, path=None))]
    fn analyze(
        &self,
        py: Python<'_>,
        text: &Bound<'_, PyAny>,
        path: Option<PathBuf>,
    ) -> PyResult<Py<PyAny>> {
        self.run_text(py, View::Analyze, text, path)
    }

    /// Reads a file as the CLI does and returns its lint record (see `lint`).
    ///
    /// Text files in any encoding (detected, or `encoding`), .docx, and .doc, .wps,
    /// .odt, .rtf through LibreOffice when it is installed.
    ///
    /// Args:
    ///     path: the file (str or os.PathLike).
    ///     encoding: decode text files with this encoding instead of detecting it
    ///         (UTF-8, GBK, GB18030, UTF-16LE …), as `--encoding` does.
    ///
    /// Raises:
    ///     ReadError: the file cannot be read or decoded.
    ///     ValueError: an unknown encoding.
    #[pyo3(signature = (path, encoding=None))]
    fn lint_path(
        &self,
        py: Python<'_>,
        path: PathBuf,
        encoding: Option<&str>,
    ) -> PyResult<Py<PyAny>> {
        self.run_path(py, View::Lint, path, encoding)
    }

    /// Reads a file as the CLI does and returns its outline record (see `outline`).
    ///
    /// Args:
    ///     path: the file (str or os.PathLike).
    ///     encoding: decode text files with this encoding instead of detecting it.
    ///
    /// Raises:
    ///     ReadError: the file cannot be read or decoded.
    ///     ValueError: an unknown encoding.
    #[pyo3(signature = (path, encoding=None))]
    fn outline_path(
        &self,
        py: Python<'_>,
        path: PathBuf,
        encoding: Option<&str>,
    ) -> PyResult<Py<PyAny>> {
        self.run_path(py, View::Outline, path, encoding)
    }

    /// Reads a file as the CLI does and returns its phrases record (see `phrases`).
    ///
    /// Args:
    ///     path: the file (str or os.PathLike).
    ///     encoding: decode text files with this encoding instead of detecting it.
    ///
    /// Raises:
    ///     ReadError: the file cannot be read or decoded.
    ///     ValueError: an unknown encoding.
    #[pyo3(signature = (path, encoding=None))]
    fn phrases_path(
        &self,
        py: Python<'_>,
        path: PathBuf,
        encoding: Option<&str>,
    ) -> PyResult<Py<PyAny>> {
        self.run_path(py, View::Phrases, path, encoding)
    }

    /// Reads a file as the CLI does and returns its full record (see `analyze`).
    ///
    /// Args:
    ///     path: the file (str or os.PathLike).
    ///     encoding: decode text files with this encoding instead of detecting it.
    ///
    /// Raises:
    ///     ReadError: the file cannot be read or decoded.
    ///     ValueError: an unknown encoding.
    #[pyo3(signature = (path, encoding=None))]
    fn analyze_path(
        &self,
        py: Python<'_>,
        path: PathBuf,
        encoding: Option<&str>,
    ) -> PyResult<Py<PyAny>> {
        self.run_path(py, View::Analyze, path, encoding)
    }
}

/// Corpus statistics over many documents, as `zongjie analyze` computes them, built up
/// one document at a time and mergeable: repeated phrases, shared sentences,
/// near-duplicate clusters and pairs, completeness across the archive.
///
/// Corpora built in different processes or machines (one per Spark partition, say)
/// merge into one with `merge`, or travel as bytes (`to_bytes`, `from_bytes`: the
/// state file of `zongjie analyze --partial`). Merging gives the same clusters and
/// pairs as one corpus over every document; phrase counts are within the report's
/// `max_undercount`.
///
/// Args:
///     analyzer: the Analyzer whose settings every document is analysed with.
///     min_docs: fewest documents a corpus phrase or shared sentence must occur in.
///     top: corpus phrases and shared sentences listed.
///     dup_threshold: least similarity of a near-duplicate pair.
///     max_pairs: near-duplicate pairs listed (the total is always given).
#[pyclass(frozen, module = "zongjie", name = "Corpus")]
struct PyCorpus {
    analyzer: Py<PyAnalyzer>,
    state: std::sync::Mutex<Option<Corpus>>,
}

impl PyCorpus {
    /// Runs `f` on the corpus, or raises when it is finished.
    fn with<T>(&self, f: impl FnOnce(&mut Corpus) -> PyResult<T>) -> PyResult<T> {
        let mut guard = self
            .state
            .lock()
            .map_err(|_| ZongjieError::new_err(msg::FINISHED))?;
        match guard.as_mut() {
            Some(corpus) => f(corpus),
            None => Err(PyValueError::new_err(msg::FINISHED)),
        }
    }

    /// Analyses `doc`, folds it in (`source`: where it can be read again) and returns
    /// its analyze record.
    fn fold(
        &self,
        py: Python<'_>,
        doc: Result<Document, zongjie::Error>,
        source: Option<PathBuf>,
    ) -> PyResult<Py<PyAny>> {
        let analyzer = self.analyzer.get();
        let opts = self.with(|c| Ok(c.options().clone()))?;
        let result = py.detach(|| {
            let doc = doc.map_err(Failure::Read)?;
            let (report, mut features) = analyzer.inner.analyze_for_corpus(&doc, &opts);
            let entry = match source {
                Some(path) => CorpusDoc::new(&report, Some(features)).with_source(path),
                None => {
                    // A text has no file to read again: near-duplicate checks use it.
                    features.keep_text();
                    CorpusDoc::new(&report, Some(features))
                }
            };
            let record = record_bytes(View::Analyze, &report).map_err(Failure::Serialise)?;
            Ok((record, entry))
        });
        match result {
            Ok((record, entry)) => {
                self.with(|c| {
                    c.add(entry);
                    Ok(())
                })?;
                analyzer.finish(py, Ok(record))
            }
            Err(e) => analyzer.finish(py, Err(e)),
        }
    }
}

/// A corpus state problem as the CLI says it, in the analyzer's language.
fn state_error(e: StateError, lang: Lang) -> PyErr {
    ZongjieError::new_err(e.message().say(lang))
}

#[pymethods]
impl PyCorpus {
    #[new]
    #[pyo3(signature = (analyzer, min_docs=2, top=50, dup_threshold=0.5, max_pairs=1000))]
    fn new(
        analyzer: Py<PyAnalyzer>,
        min_docs: u32,
        top: usize,
        dup_threshold: f64,
        max_pairs: usize,
    ) -> PyResult<Self> {
        if !(0.0..=1.0).contains(&dup_threshold) {
            return Err(PyValueError::new_err(msg::DUP_THRESHOLD));
        }
        let opts = CorpusOptions {
            min_docs,
            top,
            dup_threshold,
            max_pairs,
            settings: analyzer.get().inner.config().fingerprint(),
            ..CorpusOptions::default()
        };
        Ok(PyCorpus {
            analyzer,
            state: std::sync::Mutex::new(Some(Corpus::new(opts))),
        })
    }

    /// Analyses one text, adds it to the corpus and returns its record (the same dict
    /// as `Analyzer.analyze`).
    ///
    /// Args:
    ///     text: the document (str, or bytes in any encoding the CLI detects).
    ///     path: its name in the report; default "-". Give each document its own.
    ///
    /// Raises:
    ///     ReadError: bytes that are not text.
    ///     ValueError: the corpus is finished.
    #[pyo3(signature = (text, path=None))]
    fn add(
        &self,
        py: Python<'_>,
        text: &Bound<'_, PyAny>,
        path: Option<PathBuf>,
    ) -> PyResult<Py<PyAny>> {
        let text = Text::extract(text)?;
        let doc = text.into_document(path.as_deref());
        self.fold(py, doc, None)
    }

    /// Reads a file as the CLI does, adds it and returns its record.
    ///
    /// Raises:
    ///     ReadError: the file cannot be read.
    ///     ValueError: an unknown encoding, or the corpus is finished.
    #[pyo3(signature = (path, encoding=None))]
    fn add_path(
        &self,
        py: Python<'_>,
        path: PathBuf,
        encoding: Option<&str>,
    ) -> PyResult<Py<PyAny>> {
        let opts = read_options(encoding)?;
        let doc = py.detach(|| input::read_path(&path, &opts));
        self.fold(py, doc, Some(path))
    }

    /// Folds another corpus's documents into this one; `other` is left as it was.
    ///
    /// Raises:
    ///     ZongjieError: the corpora were built with other settings, or share a
    ///         document.
    fn merge(&self, other: &PyCorpus) -> PyResult<()> {
        let lang = self.analyzer.get().inner.config().language();
        let theirs = other.with(|c| Ok(c.clone()))?;
        let mut guard = self
            .state
            .lock()
            .map_err(|_| ZongjieError::new_err(msg::FINISHED))?;
        let ours = guard
            .take()
            .ok_or_else(|| PyValueError::new_err(msg::FINISHED))?;
        match ours.clone().merge(theirs) {
            Ok(merged) => {
                *guard = Some(merged);
                Ok(())
            }
            Err(e) => {
                *guard = Some(ours);
                Err(state_error(e, lang))
            }
        }
    }

    /// The corpus state as bytes (the file format of `zongjie analyze --partial`, which
    /// `zongjie merge` reads).
    fn to_bytes<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyBytes>> {
        let lang = self.analyzer.get().inner.config().language();
        let bytes = self.with(|c| c.to_bytes().map_err(|e| state_error(e, lang)))?;
        Ok(PyBytes::new(py, &bytes))
    }

    /// A corpus from bytes written by `to_bytes` or `zongjie analyze --partial`.
    ///
    /// Raises:
    ///     ZongjieError: not a corpus state, another format or zongjie version, or
    ///         damaged.
    #[staticmethod]
    fn from_bytes(analyzer: Py<PyAnalyzer>, data: &[u8]) -> PyResult<Self> {
        let lang = analyzer.get().inner.config().language();
        let corpus = Corpus::from_bytes(data).map_err(|e| state_error(e, lang))?;
        Ok(PyCorpus {
            analyzer,
            state: std::sync::Mutex::new(Some(corpus)),
        })
    }

    /// Documents added so far.
    fn __len__(&self) -> PyResult<usize> {
        self.with(|c| Ok(c.documents()))
    }

    /// The corpus report: the `corpus` object of `zongjie analyze --format json`.
    /// Near-duplicate candidates are compared on their text (kept for `add`, read
    /// again for `add_path`). The corpus cannot be used afterwards.
    fn finish(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        let corpus = self
            .state
            .lock()
            .map_err(|_| ZongjieError::new_err(msg::FINISHED))?
            .take()
            .ok_or_else(|| PyValueError::new_err(msg::FINISHED))?;
        let json = py.detach(|| {
            let report = corpus.finish_reading(&ReadOptions::default());
            serde_json::to_vec(&report)
        });
        let json = json.map_err(|e| ZongjieError::new_err(msg::serialise(&e.to_string())))?;
        Ok(json_loads(py, &json)?.unbind())
    }
}

/// The lint rules, as `zongjie rules --format json` lists them.
///
/// Args:
///     lang: language of the summaries and explanations, "zh" or "en"; default: the
///         locale's.
///
/// Returns:
///     A list of dicts: id, default_severity (None when off by default), producer,
///     summary, explanation.
///
/// Raises:
///     ValueError: an unknown language.
#[pyfunction]
#[pyo3(signature = (lang=None))]
fn rules(py: Python<'_>, lang: Option<&str>) -> PyResult<Py<PyAny>> {
    let lang = match lang {
        Some(code) => {
            Lang::parse(code).ok_or_else(|| PyValueError::new_err(msg::unknown_lang(code)))?
        }
        None => Lang::from_env(),
    };
    let rows = zongjie::rules::rows(lang);
    let json = serde_json::to_vec(&rows)
        .map_err(|e| ZongjieError::new_err(msg::serialise(&e.to_string())))?;
    Ok(json_loads(py, &json)?.unbind())
}

/// Native part of the Python package `zongjie`; import `zongjie`, not this.
#[pymodule(name = "_zongjie")]
mod native {
    use super::*;

    #[pymodule_export]
    use super::PyAnalyzer;
    #[pymodule_export]
    use super::PyCorpus;
    #[pymodule_export]
    use super::rules;
    #[pymodule_export]
    use super::{ConfigError, ReadError, ZongjieError};

    #[pymodule_init]
    fn init(m: &Bound<'_, PyModule>) -> PyResult<()> {
        m.add("__version__", env!("CARGO_PKG_VERSION"))?;
        m.add("SCHEMA_VERSION", zongjie::report::SCHEMA_VERSION)?;
        Ok(())
    }
}
