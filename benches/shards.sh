#!/usr/bin/env bash
# Issue 15 bench: an archive analysed in N shards (analyze --shard I/N --partial) and
# merged (zongjie merge), against one run over everything: wall times, the size of
# the states against the JSON report, and whether the corpus reports are the same.
# Usage: benches/shards.sh [DOCS [SHARDS [DIR]]]   (default 3000 documents, 4 shards)
set -euo pipefail
N=${1:-3000}
S=${2:-4}
DIR=${3:-/tmp/zongjie-bench-$N}
# PROFILE=dev measures the dev build (to compare shards with one run when a release
# build is not at hand; its absolute times are slower).
PROFILE=${PROFILE:-release}
if [ "$PROFILE" = release ]; then B=target/release; F=--release; else B=target/debug; F=; fi
cargo build $F --bin zongjie --example gen_corpus
Z=$B/zongjie
[ -d "$DIR" ] || $B/examples/gen_corpus "$DIR" "$N"
du -sh "$DIR"
OUT=$(mktemp -d)
T="/usr/bin/time -f %e"
"$Z" analyze --format json --quiet -o "$OUT/warm.json" "$DIR"   # warm the page cache
for j in 1 2; do
  echo "one run -j$j: $($T "$Z" analyze --format json --quiet -j "$j" -o "$OUT/one$j.json" "$DIR" 2>&1) s"
  total=0
  for i in $(seq 1 "$S"); do
    t=$($T "$Z" analyze --format json --quiet -j "$j" --shard "$i/$S" \
      --partial "$OUT/s$i.zjs" -o "$OUT/r$i.json" "$DIR" 2>&1)
    echo "  shard $i/$S -j$j: $t s"
    total=$(echo "$total + $t" | bc)
  done
  m=$($T "$Z" merge -j "$j" --format json -o "$OUT/merged$j.json" "$OUT"/s*.zjs 2>&1)
  echo "shards one after another -j$j: $total s; merge: $m s"
done
echo "merge --format text: $($T "$Z" merge --format text -o "$OUT/merged.txt" "$OUT"/s*.zjs 2>&1) s"
ls -l "$OUT"/s*.zjs "$OUT/one2.json" | awk '{print $5, $9}'
echo "states total: $(cat "$OUT"/s*.zjs | wc -c) bytes"
python3 - "$OUT" "$S" <<'PY'
import json, sys
out, s = sys.argv[1], int(sys.argv[2])
one = json.load(open(f"{out}/one2.json"))
merged = json.load(open(f"{out}/merged2.json"))
corpus = json.dumps(one["corpus"], ensure_ascii=False, separators=(",", ":")).encode()
print(f"corpus object alone in the JSON report: {len(corpus)} bytes")
docs = []
for i in range(1, s + 1):
    docs += json.load(open(f"{out}/r{i}.json"))["documents"]
docs.sort(key=lambda d: d["path"])
print("records identical:", docs == one["documents"])
print("summary identical:", merged["summary"] == one["summary"])
for k in one["corpus"]:
    same = one["corpus"][k] == merged["corpus"][k]
    if not same:
        print("corpus differs:", k, "" if isinstance(one["corpus"][k], (list, dict))
              else f'(one run {one["corpus"][k]}, merged {merged["corpus"][k]})')
print("corpus identical:", one["corpus"] == merged["corpus"],
      "max_undercount", one["corpus"]["max_undercount"], merged["corpus"]["max_undercount"])
PY
cmp "$OUT/merged1.json" "$OUT/merged2.json" && echo "merge -j1 and -j2 output identical"
rm -rf "$OUT"
