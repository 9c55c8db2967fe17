#!/usr/bin/env bash
# Last-changed for every customer folder: cuc's one history walk, side by
# side with `git log -1 -- customers/ID` per folder (a sample, extrapolated)
# and one `git log --name-only` pass, on the same generated repository.
#
# usage: bench/history.sh [CUSTOMERS=10000] [COMMITS=50000] [SAMPLE=50]
set -euo pipefail
cd "$(dirname "$0")/.."
customers="${1:-10000}"; commits="${2:-50000}"; sample="${3:-50}"
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
cargo build --release --quiet --example last-changed
walk="$PWD/target/release/examples/last-changed"

t0=$(date +%s.%N)
python3 bench/gen_history.py "$work/repo" "$customers" "$commits"
t1=$(date +%s.%N)
echo "generated $customers customers, $commits commits in $(python3 -c "print(round($t1 - $t0, 1))") s"

"$walk" "$work/repo" > "$work/cuc.txt" 2> "$work/cuc.err"
cat "$work/cuc.err"
cuc_s=$(sed -E 's/.* in ([0-9.]+) s/\1/' "$work/cuc.err")

# git log -1 per folder, on a sample, extrapolated to every folder.
ids=$(ls "$work/repo/customers" | shuf -n "$sample" --random-source=<(yes))
t0=$(date +%s.%N)
for id in $ids; do
  git -C "$work/repo" log -1 --format=%ct -- "customers/$id" > /dev/null
done
t1=$(date +%s.%N)
per_folder=$(python3 -c "print(($t1 - $t0) / $sample)")
all_folders=$(python3 -c "print($per_folder * $customers)")

# One pass of git log --name-only over the customers folder.
t0=$(date +%s.%N)
git -C "$work/repo" log --name-only --format=%ct -- customers > "$work/names.txt"
t1=$(date +%s.%N)
one_pass=$(python3 -c "print($t1 - $t0)")

# The answers agree on the sample.
for id in $ids; do
  expected=$(git -C "$work/repo" log -1 --format=%ct -- "customers/$id")
  got=$(grep "^$id " "$work/cuc.txt" | cut -d' ' -f2)
  [ "$expected" = "$got" ] || { echo "MISMATCH for $id: git $expected, cuc $got"; exit 1; }
done

python3 - "$cuc_s" "$per_folder" "$all_folders" "$one_pass" "$customers" <<'PY'
import sys
cuc, per, allf, one, n = map(float, sys.argv[1:])
print(f"cuc, one walk:                 {cuc:9.2f} s")
print(f"git log -1 per folder:         {allf:9.2f} s  ({per*1000:.1f} ms x {int(n)} folders, extrapolated)  ratio {allf/cuc:8.1f}x")
print(f"git log --name-only, one pass: {one:9.2f} s  ratio {one/cuc:6.2f}x")
PY
echo "sampled answers agree with git log; cpus: $(nproc)"
