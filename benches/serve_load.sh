#!/usr/bin/env bash
# Issue 14 bench: a bounded load test of `zongjie serve` on loopback. Starts the
# release service on a free port (--max-body 2M, so the oversized request is cheap to
# send), runs examples/serve_load (REQUESTS per round from CLIENTS at once, mixed good
# and bad requests, ROUNDS rounds), then stops it with Ctrl-C (SIGINT).
# Usage: benches/serve_load.sh [REQUESTS] [CLIENTS] [ROUNDS]   (default 2000 50 2)
set -euo pipefail
cd "$(dirname "$0")/.."
REQUESTS=${1:-2000}
CLIENTS=${2:-50}
ROUNDS=${3:-2}
cargo build --release --bin zongjie --example serve_load
LOG=$(mktemp)
LANG=C.UTF-8 target/release/zongjie serve --port 0 --max-body 2M 2>"$LOG" &
PID=$!
trap 'kill "$PID" 2>/dev/null || true; rm -f "$LOG"' EXIT
for _ in $(seq 100); do
  grep -q 'listening on' "$LOG" && break
  sleep 0.1
done
ADDR=$(grep -o 'listening on http://[^/]*' "$LOG" | head -1 | sed 's|.*http://||')
echo "zongjie serve (pid $PID) on $ADDR, $(nproc) cores"
STATUS=0
target/release/examples/serve_load "$ADDR" "$PID" "$REQUESTS" "$CLIENTS" "$ROUNDS" || STATUS=$?
kill -INT "$PID"
wait "$PID" || true
echo "log: $(grep -c ' ms, ' "$LOG") request lines; last: $(tail -n 1 "$LOG")"
exit "$STATUS"
