"""Baseline for issue 12: Python jieba.lcut over every .txt under DIR, nothing else.
Recorded in BENCHMARKS.md, never asserted. Needs jieba from PyPI (pip install jieba),
which the tests do not use.

    python3 benches/jieba_lcut.py DIR
"""
import jieba, sys, os, time
jieba.initialize()
root = sys.argv[1]
files = sorted(os.path.join(d, f) for d, _, fs in os.walk(root) for f in fs if f.endswith('.txt'))
t = time.process_time(); n = 0
for p in files:
    n += len(jieba.lcut(open(p, encoding='utf-8', errors='replace').read()))
print(f"{len(files)} files, {n} tokens, {time.process_time() - t:.2f} s CPU")
