#!/usr/bin/env bash
# The import benchmark (BENCHMARKS.md, "Importing from a CRM"): builds cuc in
# release mode, generates a Salesforce export with bench/crm.py (kept in
# target/bench-import between runs) and runs bench/import.py.
#
# usage: bench/import.sh [--accounts N] [--contacts M] [--runs R] [--sample S] [--out FILE]
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
cargo build --release --quiet --bin cuc
exec python3 bench/import.py \
  --work "${CUC_BENCH_WORK:-$root/target/bench-import}" \
  --cuc "$root/target/release/cuc" \
  "$@"
