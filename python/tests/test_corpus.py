"""zongjie.Corpus: corpus statistics built one document at a time, merged across
corpora and carried as bytes, giving what one corpus over everything gives."""

import json
import subprocess

import pytest

import zongjie

from conftest import DRAFT, FILLED, cli_binary

# Three filled-in copies of one template and two other documents: one cluster.
COPIES = [
    FILLED.replace("临江县档案馆", name) for name in ("东川县档案馆", "西山县档案馆", "南湖县档案馆")
]
OTHERS = [DRAFT, "关于做好年度考核工作的通知\n各科室：请于月底前报送材料。\n"]
DOCS = [(f"copy{i}.txt", t) for i, t in enumerate(COPIES)] + [
    (f"other{i}.txt", t) for i, t in enumerate(OTHERS)
]


def corpus_of(analyzer, docs):
    corpus = zongjie.Corpus(analyzer)
    for path, text in docs:
        corpus.add(text, path=path)
    return corpus


def test_a_corpus_reports_the_copies_as_one_cluster():
    analyzer = zongjie.Analyzer(lang="en")
    corpus = corpus_of(analyzer, DOCS)
    assert len(corpus) == 5
    report = corpus.finish()
    assert report["documents"] == 5
    clusters = report["clusters"]
    assert len(clusters) == 1, clusters
    members = sorted(
        [clusters[0]["representative"]] + [m["path"] for m in clusters[0]["members"]]
    )
    assert members == ["copy0.txt", "copy1.txt", "copy2.txt"], clusters[0]
    assert report["near_duplicates_total"] == 3
    with pytest.raises(ValueError):
        corpus.finish()


def test_merged_corpora_and_bytes_give_the_report_of_one_corpus():
    analyzer = zongjie.Analyzer(lang="en")
    whole = corpus_of(analyzer, DOCS).finish()
    first, second = corpus_of(analyzer, DOCS[:2]), corpus_of(analyzer, DOCS[2:])
    carried = zongjie.Corpus.from_bytes(analyzer, second.to_bytes())
    first.merge(carried)
    assert len(first) == 5 and len(second) == 3
    assert first.finish() == whole
    # Either order, and the one merged from is left as it was.
    again = corpus_of(analyzer, DOCS[2:])
    again.merge(corpus_of(analyzer, DOCS[:2]))
    assert again.finish() == whole


def test_a_document_in_two_corpora_and_damaged_bytes_are_refused():
    analyzer = zongjie.Analyzer(lang="en")
    a, b = corpus_of(analyzer, DOCS[:2]), corpus_of(analyzer, DOCS[1:3])
    with pytest.raises(zongjie.ZongjieError, match="copy1.txt"):
        a.merge(b)
    assert len(a) == 2  # unchanged by the refused merge
    with pytest.raises(ValueError, match="dup_threshold"):
        zongjie.Corpus(analyzer, dup_threshold=1.5)
    with pytest.raises(zongjie.ZongjieError, match="not a zongjie corpus state"):
        zongjie.Corpus.from_bytes(analyzer, b"garbage")
    data = a.to_bytes()
    with pytest.raises(zongjie.ZongjieError):
        zongjie.Corpus.from_bytes(analyzer, data[: len(data) // 2])


def test_add_path_reads_files(tmp_path):
    analyzer = zongjie.Analyzer(lang="en")
    corpus = zongjie.Corpus(analyzer)
    for path, text in DOCS:
        (tmp_path / path).write_text(text, encoding="utf-8")
        record = corpus.add_path(tmp_path / path)
        assert record["path"].endswith(path)
    with pytest.raises(zongjie.ReadError):
        corpus.add_path(tmp_path / "missing.txt")
    report = corpus.finish()
    assert report["documents"] == 5
    assert len(report["clusters"]) == 1


@pytest.mark.skipif(
    cli_binary() is None, reason="no zongjie binary built (cargo build; or set ZONGJIE_BIN)"
)
def test_the_cli_merges_a_state_python_wrote(tmp_path):
    cli = cli_binary()
    analyzer = zongjie.Analyzer(lang="en")
    corpus = zongjie.Corpus(analyzer)
    for path, text in DOCS:
        (tmp_path / path).write_text(text, encoding="utf-8")
        record = corpus.add_path(tmp_path / path)
        assert record["path"].endswith(path)
    state = tmp_path / "py.zjs"
    state.write_bytes(corpus.to_bytes())
    run = subprocess.run(
        [cli, "merge", str(state), "--format", "json", "--lang", "en"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    merged = json.loads(run.stdout)["corpus"]
    assert merged == corpus.finish()
