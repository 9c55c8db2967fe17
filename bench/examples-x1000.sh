#!/usr/bin/env bash
# Throughput on the example portfolio copied N times (default 1000): builds
# cuc in release mode, makes the workspace in a temporary folder, and times
# `cuc validate`, `cuc check` and `cuc render --all` (median of 5 runs each).
# Not part of CI.
set -euo pipefail
cd "$(dirname "$0")/.."
copies="${1:-1000}"
cargo build --release --quiet
cuc="$PWD/target/release/cuc"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp examples/portfolio/cuc.yaml "$work/"
mkdir -p "$work/customers"
for i in $(seq 1 "$copies"); do
  for dir in examples/portfolio/customers/*/; do
    cp -r "$dir" "$work/customers/$(basename "$dir")-$i"
  done
done
files=$(find "$work/customers" -type f \( -name '*.yaml' -o -name '*.md' \) | wc -l)
bytes=$(find "$work/customers" -type f \( -name '*.yaml' -o -name '*.md' \) -exec cat {} + | wc -c)
echo "workspace: $((copies * 5)) customers, $files files, $((bytes / 1024 / 1024)) MiB"
median() {
  local label=$1; shift
  local times=()
  for _ in 1 2 3 4 5; do
    local start end
    start=$(date +%s.%N)
    "$@" > /dev/null || true
    end=$(date +%s.%N)
    times+=("$(python3 -c "print($end - $start)")")
  done
  local mid
  mid=$(printf '%s\n' "${times[@]}" | sort -n | sed -n 3p)
  printf '%-10s median %6.2f s  %8.0f files/s\n' "$label" "$mid" "$(python3 -c "print($files / $mid)")"
}
median validate "$cuc" -C "$work" --today 2026-11-23 validate --format json
median check "$cuc" -C "$work" --today 2026-11-23 check --format json
# Rendering every page (the customers with planted errors get none).
median render "$cuc" -C "$work" --today 2026-11-23 -q render --all -o "$work/pages"
pages=$(find "$work/pages" -maxdepth 1 -name '*.html' ! -name index.html | wc -l)
echo "render --all wrote $pages pages and the index"
echo "cpus: $(nproc)"
