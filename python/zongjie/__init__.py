"""Lint and analyse Chinese work summaries (工作总结, 述职报告, 学习情况总结).

The same Rust library as the ``zongjie`` command line, in Python: build one
:class:`Analyzer`, then ask it for the record the CLI's JSON holds for each document::

    import zongjie

    analyzer = zongjie.Analyzer(lang="zh")
    record = analyzer.lint("2023年，XX局开展学习X次。")
    record["diagnostics"][0]["rule"]        # 'placeholder'

    report = analyzer.analyze_path("archive/2023/办公室.docx")
    report["completeness"]["score"]

Every method returns plain dicts and lists in the shape of the JSON contract
(version :data:`SCHEMA_VERSION`); errors are :class:`ZongjieError` (:class:`ConfigError`,
:class:`ReadError`) or ``ValueError`` for usage errors, with the CLI's messages.
"""

from typing import Any, Dict

from ._zongjie import (
    SCHEMA_VERSION,
    Analyzer,
    ConfigError,
    Corpus,
    ReadError,
    ZongjieError,
    __version__,
    rules,
)

Record = Dict[str, Any]
"""One document's record: a dict as the CLI's JSON writes it (see the JSON contract)."""

__all__ = [
    "Record",
    "SCHEMA_VERSION",
    "Analyzer",
    "ConfigError",
    "Corpus",
    "ReadError",
    "ZongjieError",
    "__version__",
    "rules",
]
