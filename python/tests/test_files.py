"""The *_path methods: files read and decoded as the CLI reads them (GBK, UTF-16,
.docx), the --encoding override, and ReadError for what cannot be read."""

import pytest

import zongjie
from conftest import DRAFT, FILLED, make_docx


def slots(record):
    return [(d["line"], d["column"], d["text"]) for d in record["diagnostics"] if d["rule"] == "placeholder"]


def test_gbk_file_is_detected_and_read(en, tmp_path):
    path = tmp_path / "办公室总结.txt"
    path.write_bytes(DRAFT.encode("gbk"))
    record = en.lint_path(path)
    assert record["encoding"] == "GBK"
    assert record["format"] == "text"
    assert record["path"] == str(path)
    assert slots(record) == [(1, 1, "XX"), (3, 9, "X")]
    assert record["warnings"] == []


def test_gb18030_and_utf16_files(en, tmp_path):
    utf16 = tmp_path / "utf16.txt"
    utf16.write_bytes(DRAFT.encode("utf-16"))
    assert en.lint_path(utf16)["encoding"].startswith("UTF-16")
    assert slots(en.lint_path(utf16)) == [(1, 1, "XX"), (3, 9, "X")]


def test_encoding_overrides_detection(en, tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(DRAFT.encode("gb18030"))
    assert en.lint_path(path, encoding="GB18030")["encoding"] == "gb18030"
    with pytest.raises(ValueError, match='unknown encoding "klingon"'):
        en.lint_path(path, encoding="klingon")


def test_docx_is_read_paragraph_by_paragraph(en, tmp_path):
    path = make_docx(tmp_path / "总结.docx", DRAFT.splitlines())
    record = en.lint_path(str(path))
    assert record["format"] == "docx"
    assert slots(record) == [(1, 1, "XX"), (3, 9, "X")]
    # Findings in a Word file also say where they are in Word.
    assert "word" in record["diagnostics"][0]


def test_every_path_method_matches_its_text_method(en, tmp_path):
    path = tmp_path / "filled.txt"
    path.write_text(FILLED, encoding="utf-8")
    pairs = [
        (en.lint_path, en.lint),
        (en.outline_path, en.outline),
        (en.phrases_path, en.phrases),
        (en.analyze_path, en.analyze),
    ]
    for from_file, from_text in pairs:
        assert from_file(path) == from_text(FILLED, path=path), from_file.__name__


def test_analyze_path_of_a_docx(en, tmp_path):
    path = make_docx(tmp_path / "filled.docx", FILLED.splitlines())
    record = en.analyze_path(path)
    assert record["format"] == "docx"
    assert record["completeness"]["score"] == en.analyze(FILLED)["completeness"]["score"]


def test_unreadable_files_raise_read_errors_naming_them(en, tmp_path):
    missing = tmp_path / "missing.txt"
    with pytest.raises(zongjie.ReadError, match="missing.txt: cannot read") as info:
        en.lint_path(missing)
    assert info.value.path == str(missing)
    assert isinstance(info.value, zongjie.ZongjieError)

    with pytest.raises(zongjie.ReadError, match="is a directory"):
        en.analyze_path(tmp_path)

    binary = tmp_path / "photo.txt"
    binary.write_bytes(bytes(range(256)) * 8)
    with pytest.raises(zongjie.ReadError, match="binary file, not text"):
        en.outline_path(binary)

    damaged = tmp_path / "damaged.docx"
    damaged.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(zongjie.ReadError, match="damaged.docx"):
        en.phrases_path(damaged)

    pdf = tmp_path / "scan.pdf"
    pdf.write_bytes(b"%PDF-1.4\n")
    with pytest.raises(zongjie.ReadError, match="unsupported format"):
        en.lint_path(pdf)
