"""One Analyzer shared by many threads: the same records as one thread, and the GIL
released while Rust works (so Python threads run meanwhile)."""

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import zongjie
from conftest import DRAFT, FILLED


def corpus(n):
    """`n` different documents: the two samples with numbered slots and lines."""
    docs = []
    for i in range(n):
        base = DRAFT if i % 2 else FILLED
        docs.append(base.replace("12", str(i)) + f"第{i}号文件，XX科{i}。\n" * (i % 5))
    return docs


def test_thread_pool_gives_the_same_records_as_one_thread():
    analyzer = zongjie.Analyzer(lang="en")
    docs = corpus(200)
    sequential = [analyzer.lint(d, path=f"{i}.txt") for i, d in enumerate(docs)]
    with ThreadPoolExecutor(max_workers=8) as pool:
        threaded = list(pool.map(lambda p: analyzer.lint(p[1], path=f"{p[0]}.txt"), enumerate(docs)))
    assert threaded == sequential
    # The documents differ, so equal lists mean each record went to its own document.
    assert len({len(r["diagnostics"]) for r in sequential}) > 1


def test_threads_share_one_analyzer_for_analyze_too():
    analyzer = zongjie.Analyzer(lang="zh")
    docs = corpus(24)
    # Threads start together on a fresh analyzer: the jieba dictionary is loaded once,
    # by whichever comes first, while the others wait for it.
    with ThreadPoolExecutor(max_workers=4) as pool:
        threaded = list(pool.map(analyzer.analyze, docs))
    assert threaded == [analyzer.analyze(d) for d in docs]


def test_the_gil_is_released_while_rust_works():
    analyzer = zongjie.Analyzer(lang="en")
    analyzer.analyze(FILLED)  # jieba loaded before the timing
    # A long body with a small record: the time is spent in Rust, not in converting
    # the result. Grown until one call takes long enough to measure.
    body = FILLED.splitlines()[3] + "\n"
    copies = 5000
    while True:
        big = FILLED + body * copies
        start = time.perf_counter()
        analyzer.analyze(big)
        alone = time.perf_counter() - start
        if alone > 0.2 or copies >= 320_000:
            break
        copies *= 2

    done = threading.Event()

    def work():
        analyzer.analyze(big)
        done.set()

    worker = threading.Thread(target=work)
    # The longest pause the main thread sees while the worker is in Rust: with the GIL
    # held for the whole call it would be the call's length; released, it is the
    # interpreter's switch interval (5 ms) and the short conversions at both ends.
    longest = 0.0
    last = time.perf_counter()
    worker.start()
    while not done.is_set():
        now = time.perf_counter()
        longest = max(longest, now - last)
        last = now
    worker.join()
    assert alone > 0.1, f"the call took {alone:.3f} s: too short to tell"
    assert longest < alone / 2, f"main thread stalled {longest:.3f} s of a {alone:.3f} s call"
