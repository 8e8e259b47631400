#!/usr/bin/env bash
# Issue 5 bench: zongjie analyze on generated archives of N documents: wall time
# with -j1 and -j2, peak RSS, throughput against bare jieba-rs cut of the same files,
# and near-duplicate recall on the planted pairs. Usage: benches/scale.sh N [DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-10000}
DIR=${2:-/tmp/zongjie-bench-$N}
cargo build --release --bin zongjie --example gen_corpus --example bare_cut --example recall
Z=target/release/zongjie
EX=target/release/examples
[ -d "$DIR" ] || "$EX/gen_corpus" "$DIR" "$N"
du -sh "$DIR"
for j in 1 2; do
  "$EX/bare_cut" "$DIR" "$j" >/dev/null   # warm the page cache
  "$EX/bare_cut" "$DIR" "$j"
done
OUT=$(mktemp -d)
for j in 1 2; do
  /usr/bin/time -f "analyze -j$j: %e s wall, %U s user, %M KB peak RSS" \
    "$Z" analyze --format json --quiet --max-pairs 100000000 -j "$j" -o "$OUT/j$j.json" "$DIR"
done
cmp "$OUT/j1.json" "$OUT/j2.json" && echo "-j1 and -j2 output identical"
"$EX/recall" "$DIR/planted_pairs.tsv" "$OUT/j2.json"
rm -rf "$OUT"
