#!/usr/bin/env bash
# Whole-process start-up: `parallax --dump FILE` (one file read, parsed and printed) against
# `cat FILE`, and `parallax --version`, in the same run. Prints each command's median wall
# time over N runs (default 200) with hyperfine when it is installed, else with date +%s%N.
# Usage: benches/startup.sh [N]   (builds the release binary first)
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-200}"
cargo build --release --quiet
bin="${CARGO_TARGET_DIR:-target}/release/parallax"
f=$(ls seeds/*.txt | head -1)
if command -v hyperfine >/dev/null; then
  out="$(mktemp)"; trap 'rm -f "$out"' EXIT
  hyperfine -N -w 20 -r "$n" --export-json "$out" "cat $f" "$bin --version" "$bin --dump $f" >/dev/null 2>&1
  python3 - "$out" <<'PY'
import json, sys
for r in json.load(open(sys.argv[1]))["results"]:
    cmd = " ".join(w.split("/")[-1] if "/" in w else w for w in r["command"].split())
    print(f"{cmd:<48} median {r['median'] * 1e3:.2f} ms")
PY
else
  median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
  t() { local s e; s=$(date +%s%N); "$@" >/dev/null 2>&1; e=$(date +%s%N); echo $(( (e - s) / 1000 )); }
  for cmd in "cat $f" "$bin --version" "$bin --dump $f"; do
    xs=(); for _ in $(seq "$n"); do xs+=("$(t $cmd)"); done
    printf '%-48s median %s us\n' "$cmd" "$(printf '%s\n' "${xs[@]}" | median)"
  done
fi
