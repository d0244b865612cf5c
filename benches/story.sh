#!/usr/bin/env bash
# Whole-process story speed and memory: `parallax story DIR --json` on generated stories of
# 30, 300 and 1,000 reports (`examples/story_corpus.rs`, from the seeds' sentences), each run
# under /usr/bin/time -v. Prints per size the median wall time over RUNS runs (default 5;
# the 1,000-report story runs once), the largest peak resident set, and the 300/30 ratio
# (all pairs of reports would be 100x; the target is <= 15x).
# Usage: benches/story.sh [RUNS]   (builds the release binary and the generator first)
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-5}"
cargo build --release --quiet --bin parallax --example story_corpus
target="${CARGO_TARGET_DIR:-target}/release"
dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
declare -A med
for n in 30 300 1000; do
  "$target/examples/story_corpus" "$dir/s$n" "$n"
  k=$runs; [ "$n" = 1000 ] && k=1
  times=(); peak=0
  for _ in $(seq "$k"); do
    /usr/bin/time -v -o "$dir/time" "$target/parallax" story "$dir/s$n" --json >/dev/null
    t=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,p,":"); s=0; for(i=1;i<=n;i++) s=s*60+p[i]; print s}' "$dir/time")
    m=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$dir/time")
    times+=("$t"); [ "$m" -gt "$peak" ] && peak=$m
  done
  med[$n]=$(printf '%s\n' "${times[@]}" | median)
  printf 'story of %4d reports: median %6.2f s over %d run(s), peak RSS %4d MiB\n' \
    "$n" "${med[$n]}" "$k" $((peak / 1024))
done
awk -v a="${med[300]}" -v b="${med[30]}" 'BEGIN {printf "300/30 ratio: %.1fx (target <= 15x)\n", a / b}'
echo "machine: $(nproc) cores, $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo), load $(cut -d' ' -f1-3 /proc/loadavg)"
