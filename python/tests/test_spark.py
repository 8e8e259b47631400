"""The Spark job of examples/spark/ in local mode (local[2], three partitions): its
Parquet records and its merged corpus report are, number for number, what
`zongjie analyze --format json` writes for the same files, and what one Corpus gives. Runs where pyspark and Java are installed (CI
installs both); skips otherwise, saying so."""

import importlib.util
import json
import shutil
import subprocess
import sys

import pytest

import zongjie

from conftest import REPO, cli_binary

pytest.importorskip("pyspark", reason="pyspark is not installed (pip install pyspark)")
if shutil.which("java") is None:
    pytest.skip("no Java on this machine (pyspark needs one)", allow_module_level=True)


def load_job():
    path = REPO / "examples" / "spark" / "job.py"
    # Named as its file, so executors (given the file by addPyFile) import the same.
    spec = importlib.util.spec_from_file_location("job", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_the_spark_job_gives_the_records_and_the_corpus_of_one_run(tmp_path):
    from pyspark.sql import SparkSession

    job = load_job()
    samples = str(REPO / "samples")
    files = job.inputs([samples])
    assert len(files) >= 5
    spark = (
        SparkSession.builder.master("local[2]")
        .appName("zongjie-test")
        .config("spark.ui.enabled", "false")
        .getOrCreate()
    )
    try:
        count, report = job.run(spark, [samples], str(tmp_path), lang="en", partitions=3)
        rows = spark.read.parquet(str(tmp_path / "records.parquet")).collect()
    finally:
        spark.stop()
    assert count == len(files) == len(rows)
    analyzer = zongjie.Analyzer(lang="en")
    one = zongjie.Corpus(analyzer)
    by_path = {}
    for f in files:
        by_path[f] = one.add_path(f)
    for row in rows:
        want = by_path[row["path"]]
        assert row["error"] is None
        assert row["score"] == want["completeness"]["score"]
        assert row["slots"] == len(want["placeholders"])
    assert report == one.finish()
    assert json.loads((tmp_path / "corpus.json").read_text(encoding="utf-8")) == report
    # And every number is the command line's on the same files.
    cli = cli_binary()
    if cli is None:
        print("note: no zongjie binary built; the Spark job was compared with zongjie.Corpus only")
        return
    run = subprocess.run(
        [cli, "analyze", "-q", "--format", "json", "--lang", "en", samples],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    out = json.loads(run.stdout)
    assert out["corpus"] == report
    records = {row["path"]: json.loads(row["record"]) for row in rows}
    assert {d["path"]: d for d in out["documents"]} == records
