"""Lint and analyse Chinese work summaries (工作总结, 述职报告, 学习情况总结).

Type stubs of the package. Records are plain dicts in the shape of the JSON contract
(version ``SCHEMA_VERSION``), the same objects ``zongjie <command> --format json``
writes in its ``documents`` array; their keys are documented in the repository's
README, section "JSON contract".
"""

import os
from typing import Any, Dict, List, Mapping, Optional, Union, final

__all__ = [
    "SCHEMA_VERSION",
    "Analyzer",
    "ConfigError",
    "Corpus",
    "ReadError",
    "Record",
    "ZongjieError",
    "__version__",
    "rules",
]

__version__: str
"""The package version (the zongjie crate's)."""

SCHEMA_VERSION: int
"""The version of the JSON contract the records follow."""

Record = Dict[str, Any]
"""One document's record: a dict as the CLI's JSON writes it."""

_StrPath = Union[str, "os.PathLike[str]"]

class ZongjieError(Exception):
    """Base class of zongjie's own errors."""

class ConfigError(ZongjieError):
    """A config that cannot be used: a zongjie.toml that cannot be read or does not
    parse, or settings that say something invalid. The message names the file."""

class ReadError(ZongjieError):
    """An input that cannot be read or decoded: missing, a folder, binary, too large,
    a damaged .docx, or a legacy format without LibreOffice. The message names the
    file."""

    path: Optional[str]
    """The file that could not be read."""

@final
class Analyzer:
    """Lints Chinese work summaries and analyses them.

    Build one and reuse it: the vocabularies (and, for ``phrases`` and ``analyze``,
    the jieba dictionary) are loaded once, on first use. One analyzer can be shared
    by many threads; the GIL is released while it works.
    """

    def __new__(
        cls,
        config: Union[_StrPath, Mapping[str, Any], None] = None,
        profile: Optional[str] = None,
        lang: Optional[str] = None,
    ) -> "Analyzer":
        """Builds an analyzer.

        Args:
            config: a path to a zongjie.toml, or a dict of its keys (``{"rules":
                {"numbering": "off"}, "lang": "zh"}``); default: built-in settings (no
                zongjie.toml is looked for).
            profile: judge every document by this genre profile (work-summary,
                debrief, debrief-integrity, study, disclosure, general) instead of
                detecting it.
            lang: language of messages, "zh" or "en"; default: the config's, else the
                locale's (LC_ALL, LC_MESSAGES, LANG), as the command line does.

        Raises:
            ConfigError: the config cannot be read or says something invalid.
            ValueError: an unknown profile or language.
            TypeError: ``config`` is neither a path nor a dict.
        """

    @property
    def lang(self) -> str:
        """The language of messages: "zh" or "en"."""

    @property
    def profile(self) -> Optional[str]:
        """The genre profile every document is judged by, or None when it is detected
        per document."""

    def lint(self, text: Union[str, bytes], path: Optional[_StrPath] = None) -> Record:
        """The lint record of one text: what ``zongjie lint --format json`` writes.

        Args:
            text: the document, as str, or as bytes in any encoding the CLI detects
                (UTF-8, GBK/GB18030, UTF-16 with a BOM …).
            path: the name the record carries, and the file name a genre profile may
                be detected from; default "-" (as the CLI names standard input).

        Returns:
            path, format, encoding, error, warnings, profile, and diagnostics (dicts
            with rule, severity, line, column, end_line, end_column, byte_start,
            byte_end, text, kind, check, message, fix).

        Raises:
            ReadError: bytes that are not text.
            TypeError: text is neither str nor bytes.
        """

    def outline(self, text: Union[str, bytes], path: Optional[_StrPath] = None) -> Record:
        """The outline record of one text: what ``zongjie outline --format json``
        writes.

        Returns:
            The header fields (path, format, encoding, error, warnings, profile),
            headings, sections_missing, numbering_errors, completeness.

        Raises:
            ReadError: bytes that are not text.
            TypeError: text is neither str nor bytes.
        """

    def phrases(self, text: Union[str, bytes], path: Optional[_StrPath] = None) -> Record:
        """The phrases record of one text: what ``zongjie phrases --format json``
        writes. The first call loads the jieba dictionary (about a second).

        Returns:
            The header fields, tokens, phrases, quotes, titles, keywords,
            repeated_phrases, overused.

        Raises:
            ReadError: bytes that are not text.
            TypeError: text is neither str nor bytes.
        """

    def analyze(self, text: Union[str, bytes], path: Optional[_StrPath] = None) -> Record:
        """The full record of one text: what ``zongjie analyze --format json`` writes
        for each document (corpus statistics are not part of it). The first call
        loads the jieba dictionary (about a second).

        Returns:
            Every per-document field of the JSON contract: chars, tokens,
            placeholders, headings, sections_missing, numbering_errors, phrases,
            quotes, titles, keywords, repeated_phrases, overused, completeness (with
            its score), diagnostics, and the header fields.

        Raises:
            ReadError: bytes that are not text.
            TypeError: text is neither str nor bytes.
        """

    def lint_path(self, path: _StrPath, encoding: Optional[str] = None) -> Record:
        """Reads a file as the CLI does and returns its lint record (see ``lint``).

        Text files in any encoding (detected, or ``encoding``), .docx, and .doc,
        .wps, .odt, .rtf through LibreOffice when it is installed.

        Args:
            path: the file.
            encoding: decode text files with this encoding instead of detecting it
                (UTF-8, GBK, GB18030, UTF-16LE …), as ``--encoding`` does.

        Raises:
            ReadError: the file cannot be read or decoded.
            ValueError: an unknown encoding.
        """

    def outline_path(self, path: _StrPath, encoding: Optional[str] = None) -> Record:
        """Reads a file as the CLI does and returns its outline record (see
        ``outline``).

        Raises:
            ReadError: the file cannot be read or decoded.
            ValueError: an unknown encoding.
        """

    def phrases_path(self, path: _StrPath, encoding: Optional[str] = None) -> Record:
        """Reads a file as the CLI does and returns its phrases record (see
        ``phrases``).

        Raises:
            ReadError: the file cannot be read or decoded.
            ValueError: an unknown encoding.
        """

    def analyze_path(self, path: _StrPath, encoding: Optional[str] = None) -> Record:
        """Reads a file as the CLI does and returns its full record (see
        ``analyze``).

        Raises:
            ReadError: the file cannot be read or decoded.
            ValueError: an unknown encoding.
        """

@final
class Corpus:
    """Corpus statistics over many documents, as ``zongjie analyze`` computes them,
    built up one document at a time and mergeable (``merge``, ``to_bytes``,
    ``from_bytes``: the state file of ``zongjie analyze --partial``).
    """

    def __new__(
        cls,
        analyzer: Analyzer,
        min_docs: int = 2,
        top: int = 50,
        dup_threshold: float = 0.5,
        max_pairs: int = 1000,
    ) -> "Corpus":
        """Builds an empty corpus whose documents ``analyzer`` analyses."""
    def add(self, text: Union[str, bytes], path: Optional[_StrPath] = None) -> Record:
        """Analyses one text, adds it and returns its record (as ``Analyzer.analyze``)."""
    def add_path(self, path: _StrPath, encoding: Optional[str] = None) -> Record:
        """Reads a file as the CLI does, adds it and returns its record."""
    def merge(self, other: "Corpus") -> None:
        """Folds ``other``'s documents into this corpus; ``other`` is left as it was."""
    def to_bytes(self) -> bytes:
        """The corpus state as bytes (what ``zongjie merge`` reads)."""
    @staticmethod
    def from_bytes(analyzer: Analyzer, data: bytes) -> "Corpus":
        """A corpus from bytes written by ``to_bytes`` or ``zongjie analyze --partial``."""
    def __len__(self) -> int:
        """Documents added so far."""
    def finish(self) -> Dict[str, Any]:
        """The corpus report (the ``corpus`` object of ``zongjie analyze --format json``);
        the corpus cannot be used afterwards."""

def rules(lang: Optional[str] = None) -> List[Dict[str, Any]]:
    """The lint rules, as ``zongjie rules --format json`` lists them.

    Args:
        lang: language of the summaries and explanations, "zh" or "en"; default: the
            locale's.

    Returns:
        Dicts with id, default_severity (None when off by default), producer,
        summary, explanation.

    Raises:
        ValueError: an unknown language.
    """
