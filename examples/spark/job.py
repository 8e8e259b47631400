"""Analyse an archive of work summaries on Apache Spark with zongjie.

Files in; each partition gets one `zongjie.Analyzer` and one `zongjie.Corpus`; the
per-document records come out as Parquet, and the partitions' corpus states are merged
(the same state format `zongjie analyze --partial` writes) into the corpus report, the
`corpus` object of `zongjie analyze --format json`.

    spark-submit examples/spark/job.py --out OUT FILE_OR_DIR...
    python3 examples/spark/job.py --master 'local[2]' --out OUT FILE_OR_DIR...

Writes OUT/records.parquet (path, error, profile, score, slots, diagnostics and the whole
record as JSON text) and OUT/corpus.json. Every executor needs the zongjie package
(`pip install ./python`).
"""

import argparse
import json
import os
import sys
from functools import reduce

from pyspark.sql import SparkSession
from pyspark.sql.types import (
    DoubleType,
    IntegerType,
    StringType,
    StructField,
    StructType,
)

SCHEMA = StructType(
    [
        StructField("path", StringType(), False),
        StructField("error", StringType(), True),
        StructField("profile", StringType(), True),
        StructField("score", DoubleType(), True),
        StructField("slots", IntegerType(), True),
        StructField("diagnostics", IntegerType(), True),
        StructField("record", StringType(), False),
    ]
)

TEXT_SUFFIXES = (".txt", ".md", ".text", ".docx", ".doc", ".wps")


def inputs(paths):
    """Every file named, and every document under a folder named, sorted."""
    found = []
    for p in paths:
        if os.path.isdir(p):
            for root, _, files in os.walk(p):
                found += [os.path.join(root, f) for f in files if f.endswith(TEXT_SUFFIXES)]
        else:
            found.append(p)
    return sorted(found)


def analyse_partition(paths, lang, options):
    """One analyzer and one corpus per partition: ("record", row) per document, then
    ("state", bytes) once."""
    import zongjie

    analyzer = zongjie.Analyzer(lang=lang)
    corpus = zongjie.Corpus(analyzer, **options)
    for path in paths:
        try:
            record = corpus.add_path(path)
        except zongjie.ReadError as e:
            # An unreadable file is a record with its error, as the CLI writes it.
            record = {"path": path, "error": str(e)}
        completeness = record.get("completeness") or {}
        yield (
            "record",
            (
                record["path"],
                record.get("error"),
                record.get("profile"),
                completeness.get("score"),
                len(record.get("placeholders", [])),
                len(record.get("diagnostics", [])),
                json.dumps(record, ensure_ascii=False),
            ),
        )
    yield ("state", corpus.to_bytes())


def merge_states(lang, states):
    """The corpus report of every partition's state."""
    import zongjie

    analyzer = zongjie.Analyzer(lang=lang)

    def merge(a, b):
        a.merge(b)
        return a

    corpora = [zongjie.Corpus.from_bytes(analyzer, s) for s in states]
    return reduce(merge, corpora).finish()


def run(spark, paths, out, lang="zh", partitions=None, options=None):
    """Runs the job; returns (number of records, the corpus report)."""
    options = options or {}
    files = inputs(paths)
    if __name__ != "__main__":
        # Imported (as `job`): executors import this file too, to unpickle its functions.
        spark.sparkContext.addPyFile(os.path.abspath(__file__))
    rdd = spark.sparkContext.parallelize(files, partitions or spark.sparkContext.defaultParallelism)
    parts = rdd.mapPartitions(lambda it: analyse_partition(it, lang, options)).cache()
    records = parts.filter(lambda kv: kv[0] == "record").map(lambda kv: kv[1])
    frame = spark.createDataFrame(records, SCHEMA)
    frame.write.mode("overwrite").parquet(os.path.join(out, "records.parquet"))
    states = parts.filter(lambda kv: kv[0] == "state").map(lambda kv: bytes(kv[1])).collect()
    report = merge_states(lang, states)
    with open(os.path.join(out, "corpus.json"), "w", encoding="utf-8") as f:
        json.dump(report, f, ensure_ascii=False, indent=1)
    return frame.count(), report


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="+")
    ap.add_argument("--out", required=True)
    ap.add_argument("--master", default=None, help="e.g. local[2]; spark-submit sets it")
    ap.add_argument("--lang", default="zh")
    ap.add_argument("--partitions", type=int, default=None)
    args = ap.parse_args(argv)
    builder = SparkSession.builder.appName("zongjie")
    if args.master:
        builder = builder.master(args.master)
    spark = builder.getOrCreate()
    try:
        n, report = run(spark, args.paths, args.out, args.lang, args.partitions)
    finally:
        spark.stop()
    print(f"{n} records, {report['documents']} documents in the corpus report, "
          f"{len(report['clusters'])} near-duplicate clusters -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
