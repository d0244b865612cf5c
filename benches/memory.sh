#!/usr/bin/env bash
# Peak memory of the reader (in tmux, VmHWM once its resident size has been steady for 5 s)
# and of `parallax stories`, on a generated 50,000-item RSS feed and on 5,000 small files.
# Usage: benches/memory.sh [BINARY...]   (default: this checkout's release binary; give
# several binaries to compare them in one run). Needs tmux and python3.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ $# -eq 0 ]; then
  cargo build --release --quiet --bin parallax
  set -- "${CARGO_TARGET_DIR:-target}/release/parallax"
fi
dir="$(mktemp -d)"
trap 'tmux kill-session -t pxmem 2>/dev/null || true; rm -rf "$dir"' EXIT
python3 - "$dir" <<'PY'
import os, sys
d = sys.argv[1]
items = ["<item><title>Report %d on item %d</title><description>Officials in town %d said on "
         "Monday that %d people attended the meeting about case %d. The meeting was held in the "
         "council hall and lasted for about two hours, the organisers said in a statement issued "
         "on Tuesday evening.</description></item>" % (i, i % 97, i % 13, i % 1000, i)
         for i in range(50000)]
open(os.path.join(d, "wire.rss"), "w").write(
    '<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>'
    + "".join(items) + "</channel></rss>")
os.makedirs(os.path.join(d, "files"))
for i in range(5000):
    open(os.path.join(d, "files", "r%04d.txt" % i), "w").write(
        "Report %d\n\nOfficials said on Monday that %d people came to town %d. The meeting was "
        "held in the council hall and lasted for about two hours, the organisers said.\n"
        % (i, i % 1000, i % 13))
PY
reader_peak() { # BINARY INPUT
  tmux kill-session -t pxmem 2>/dev/null || true
  tmux new-session -d -s pxmem -x 100 -y 30 "$1 $2"
  sleep 1
  local pid last=0 same=0 r
  pid=$(tmux list-panes -t pxmem -F '#{pane_pid}')
  for _ in $(seq 240); do
    r=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status" 2>/dev/null || true)
    [ -z "$r" ] && break
    if [ "$r" = "$last" ]; then same=$((same + 1)); else same=0; fi
    last=$r
    [ $same -ge 10 ] && break
    sleep 0.5
  done
  awk '/VmHWM/ {printf "%d MiB", $2 / 1024}' "/proc/$pid/status"
  tmux kill-session -t pxmem
}
for bin in "$@"; do
  echo "$bin"
  for input in wire.rss files; do
    printf '  reader on %-9s peak %s\n' "$input" "$(reader_peak "$bin" "$dir/$input")"
    /usr/bin/time -f "  stories on $input: %e s, %M KiB peak" "$bin" stories "$dir/$input" --json >/dev/null
  done
done
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
