"""The README's Python section runs as written: its examples are executed here, and their
shown results compared with what they give (the pandas one only when pandas is
installed; it is not a dependency of the package)."""

import contextlib
import io
import os
import re
from pathlib import Path

import pytest

from conftest import REPO


def section():
    text = (REPO / "README.md").read_text(encoding="utf-8")
    start = text.index("\n## Python\n")
    end = text.index("\n## ", start + 1)
    return text[start:end]


def blocks(lang):
    return re.findall(rf"```{lang}\n(.*?)```", section(), re.S)


@contextlib.contextmanager
def in_repo():
    before = os.getcwd()
    os.chdir(REPO)
    try:
        yield
    finally:
        os.chdir(before)


def sample_paths():
    return sorted(p for p in (REPO / "samples").iterdir() if p.suffix in {".txt", ".md"})


def test_first_example_gives_what_it_shows():
    example = blocks("python")[0]
    namespace = {}
    lines = example.splitlines()
    checked = 0
    for i, line in enumerate(lines):
        if not line or line.startswith("#"):
            continue
        shown = lines[i + 1] if i + 1 < len(lines) else ""
        if shown.startswith("# "):
            assert repr(eval(line, namespace)) == shown[2:], line
            checked += 1
        else:
            exec(line, namespace)
    assert checked == 2


def test_thread_pool_example_runs():
    setup, threads = blocks("python")[0], blocks("python")[1]
    namespace = {}
    exec(setup, namespace)
    namespace["paths"] = sample_paths()
    exec(threads, namespace)
    records = namespace["records"]
    assert [r["path"] for r in records] == [str(p) for p in sample_paths()]


def test_corpus_example_runs():
    setup, example = blocks("python")[0], blocks("python")[2]
    namespace = {}
    exec(setup, namespace)
    analyzer = namespace["analyzer"]
    namespace["paths"] = sample_paths()
    elsewhere = namespace["zongjie"].Corpus(analyzer)
    elsewhere.add("一、主要工作\n全年开展学习12次。\n", path="elsewhere.txt")
    namespace["state_bytes"] = elsewhere.to_bytes()
    exec(example, namespace)
    report = namespace["report"]
    assert report["documents"] == len(sample_paths()) + 1


def test_pandas_example_prints_what_it_shows():
    pytest.importorskip("pandas", reason="pandas is not installed (pip install pandas)")
    example = blocks("python")[3]
    shown = blocks("text")[0]
    out = io.StringIO()
    with in_repo(), contextlib.redirect_stdout(out):
        exec(example, {})
    assert [line.split() for line in out.getvalue().splitlines()] == [
        line.split() for line in shown.splitlines()
    ]


def test_the_documented_commands_name_real_paths():
    commands = blocks("sh")[0]
    assert "pip install ./python" in commands
    assert Path(REPO / "python" / "pyproject.toml").is_file()
    assert "pytest python/tests" in commands
