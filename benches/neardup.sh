#!/usr/bin/env bash
# Issue 12 bench: near-duplicates on generated archives of N documents, in the
# default mode (about 5 % planted copies) and the template-heavy mode (80 % of the
# documents filled in from 30 templates). For each: the near-duplicate stage alone
# (examples/neardup_stage, -j1 and -j2), then `analyze --format json` at -j1 and
# -j2 (wall, CPU, peak RSS, output size, identical output), then the result against
# the manifest (examples/recall: planted pairs, or clusters against templates).
#
# Usage: benches/neardup.sh N [DIR]    (corpora go to DIR-default and DIR-templates)
# Set BASE=/path/to/an/older/zongjie to time that binary's `analyze` as well.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-10000}
DIR=${2:-/tmp/zongjie-neardup-$N}
cargo build --release --bin zongjie --example gen_corpus --example recall --example neardup_stage
Z=target/release/zongjie
EX=target/release/examples
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
for mode in default templates; do
  D="$DIR-$mode"
  if [ ! -d "$D" ]; then
    if [ "$mode" = templates ]; then
      "$EX/gen_corpus" "$D" "$N" --templates 30
    else
      "$EX/gen_corpus" "$D" "$N"
    fi
  fi
  manifest="$D/planted_pairs.tsv"
  [ "$mode" = templates ] && manifest="$D/templates.tsv"
  echo "== $mode: $N documents, $(du -sh "$D" | cut -f1)"
  for j in 1 2; do
    echo "-- near-duplicate stage, -j$j"
    "$EX/neardup_stage" "$D" "$j"
  done
  for j in 1 2; do
    /usr/bin/time -f "analyze -j$j: %e s wall, %U s user, %S s sys, %M KB peak RSS" \
      "$Z" analyze --format json --quiet --max-pairs 100000000 -j "$j" -o "$OUT/j$j.json" "$D"
  done
  ls -l "$OUT/j1.json" | awk '{print "output bytes:", $5}'
  cmp "$OUT/j1.json" "$OUT/j2.json" && echo "-j1 and -j2 output identical"
  "$EX/recall" "$manifest" "$OUT/j2.json"
  if [ -n "${BASE:-}" ]; then
    for j in 1 2; do
      /usr/bin/time -f "BASE analyze -j$j: %e s wall, %U s user, %S s sys, %M KB peak RSS" \
        "$BASE" analyze --format json --quiet -j "$j" -o "$OUT/base.json" "$D"
    done
    ls -l "$OUT/base.json" | awk '{print "BASE output bytes:", $5}'
  fi
done
