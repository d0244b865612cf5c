#!/usr/bin/env bash
# Whole-process timing of `parallax compare` against `git diff --no-index --word-diff=porcelain`
# on the large pair (A = seeds 000..004, B = 004..000, each cycle 20 times), in the same run.
# Prints each tool's median wall time over N runs (default 15) and parallax's coverage,
# then the same for an unrelated pair (A against other stories' reports).
# Usage: benches/large_pair.sh [N]   (builds the release binary first)
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-15}"
cargo build --release --quiet
bin="${CARGO_TARGET_DIR:-target}/release/parallax"
dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT
python3 - "$dir" <<'PY'
import glob, sys
texts = [open(p, encoding="utf-8").read().strip("\n") for p in sorted(glob.glob("seeds/*.txt"))]
cyc = lambda order: "\n\n".join(texts[i] for i in order)
open(sys.argv[1] + "/a.txt", "w").write("\n\n".join([cyc(range(5))] * 20) + "\n")
open(sys.argv[1] + "/b.txt", "w").write("\n\n".join([cyc(range(4, -1, -1))] * 20) + "\n")
# An unrelated pair: A against other stories' reports (tests/fixtures), cycled to ~50,000
# words: two long reports that share little, where the word diffs do most of the work.
other = [open(p, encoding="utf-8").read().strip("\n") for p in sorted(
    glob.glob("tests/fixtures/other_stories/*.txt") + glob.glob("tests/fixtures/stories/*/*.txt"))]
out, n, k = [], 0, 0
while n < 50000:
    out.append(other[k % len(other)]); n += len(out[-1].split()); k += 1
open(sys.argv[1] + "/u.txt", "w").write("\n\n".join(out) + "\n")
PY
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
time_ms() { # command... → wall ms
  local s e; s=$(date +%s%N); "$@" >/dev/null 2>&1 || true; e=$(date +%s%N); echo $(( (e - s) / 1000000 ))
}
g=(); p=(); gu=(); pu=()
for _ in $(seq "$n"); do
  g+=("$(time_ms git diff --no-index --word-diff=porcelain "$dir/a.txt" "$dir/b.txt")")
  p+=("$(time_ms "$bin" compare "$dir/a.txt" "$dir/b.txt" --json)")
  gu+=("$(time_ms git diff --no-index --word-diff=porcelain "$dir/a.txt" "$dir/u.txt")")
  pu+=("$(time_ms "$bin" compare "$dir/a.txt" "$dir/u.txt" --json)")
done
echo "words: $(wc -w < "$dir/a.txt") / $(wc -w < "$dir/b.txt")"
echo "git diff --word-diff=porcelain  median $(printf '%s\n' "${g[@]}" | median) ms"
echo "parallax compare --json         median $(printf '%s\n' "${p[@]}" | median) ms"
echo "unrelated pair (A against $(wc -w < "$dir/u.txt") words of other stories):"
echo "git diff --word-diff=porcelain  median $(printf '%s\n' "${gu[@]}" | median) ms"
echo "parallax compare --json         median $(printf '%s\n' "${pu[@]}" | median) ms"
"$bin" compare "$dir/a.txt" "$dir/b.txt" --json | python3 -c 'import json,sys; d=json.load(sys.stdin); print("parallax coverage", d["coverage"])'
