#!/usr/bin/env bash
# Issue 2 bench: zongjie lint against the grep users run today, and lint's start-up
# on the seed. Needs hyperfine, ripgrep and GNU time (apt-get install hyperfine
# ripgrep time). Results go to BENCHMARKS.md by hand.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --bin zongjie --example gen_corpus
Z=target/release/zongjie
# The real seed when it sits beside the checkout, else our own template in its style.
SEED=$(ls ../shared/seeds/000_*.txt 2>/dev/null || echo tests/fixtures/template_study_2019.txt)
DIR=${1:-/tmp/zongjie-bench-3k}
[ -d "$DIR" ] || target/release/examples/gen_corpus "$DIR" 3000
hyperfine -N --warmup 10 --runs 100 -i "$Z lint --format json $SEED" "$Z lint --color never $SEED"
for _ in 1 2 3 4 5; do /usr/bin/time -f "peak RSS %M KB" "$Z" lint --format json "$SEED" >/dev/null || true; done
hyperfine -N --warmup 3 --runs 20 -i \
  "rg -o -n --column '[Xx×Ｘｘ]+' $DIR" \
  "$Z lint --format json --rule placeholder $DIR" \
  "$Z lint --format json $DIR"
echo "rg runs:        $(rg -o -n --column '[Xx×Ｘｘ]+' "$DIR" | wc -l)"
echo "zongjie slots:  $("$Z" lint --format ndjson --rule placeholder "$DIR" | tail -1)"
