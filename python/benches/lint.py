"""Per-document time of `Analyzer.lint` and `Analyzer.analyze` from Python, on the
samples `cargo bench --bench outline` times in Rust (lint_record/*), and the throughput
of one analyzer shared by 1 and 2 threads. Recorded in BENCHMARKS.md, never asserted.

    python python/benches/lint.py          # from the repository's root, zongjie installed
"""

import sys
import time
import timeit
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import zongjie

REPO = Path(__file__).resolve().parents[2]
SAMPLES = {
    "filled": REPO / "samples" / "02_filled.txt",
    "template": REPO / "samples" / "01_template.txt",
}


def per_call(fn, number):
    """The best of 5 runs of `number` calls, per call, in microseconds."""
    return min(timeit.repeat(fn, number=number, repeat=5)) / number * 1e6


def threaded(fn, docs, threads):
    """Documents per second through `fn` on a pool of `threads`."""
    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=threads) as pool:
        for _ in pool.map(fn, docs):
            pass
    return len(docs) / (time.perf_counter() - start)


def main():
    analyzer = zongjie.Analyzer(lang="en")
    analyzer.analyze("预热。")  # load jieba outside the timings
    print(f"zongjie {zongjie.__version__}, Python {sys.version.split()[0]}")
    print(f"{'sample':<10} {'chars':>6} {'lint µs':>9} {'analyze µs':>11}")
    for name, path in SAMPLES.items():
        text = path.read_text(encoding="utf-8")
        lint = per_call(lambda: analyzer.lint(text), 2000)
        analyze = per_call(lambda: analyzer.analyze(text), 100)
        print(f"{name:<10} {len(text):>6} {lint:>9.1f} {analyze:>11.1f}")
    text = SAMPLES["filled"].read_text(encoding="utf-8")
    for method, count in (("lint", 20000), ("analyze", 1000)):
        fn = getattr(analyzer, method)
        docs = [text] * count
        one = threaded(fn, docs, 1)
        two = threaded(fn, docs, 2)
        print(f"{method} of {count} filled: 1 thread {one:,.0f} docs/s, 2 threads {two:,.0f} docs/s ({two / one:.2f}x)")


if __name__ == "__main__":
    main()
