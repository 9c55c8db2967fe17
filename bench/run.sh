#!/usr/bin/env bash
# The scale benchmark (BENCHMARKS.md): builds cuc and its benchmark helpers
# in release mode, installs ajv-cli (npm) and check-jsonschema (PyPI) into
# target/bench-tools, generates the portfolio (kept in target/bench between
# runs) and runs bench/run.py. Not part of CI, which runs `--smoke` instead.
#
# usage: bench/run.sh [--customers N] [--commits M] [--runs R] [--smoke] ...
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
tools="${CUC_BENCH_TOOLS:-$root/target/bench-tools}"
mkdir -p "$tools"
cargo build --release --quiet --bin cuc --example parse-floor --example last-changed
if [ ! -x "$tools/node/node_modules/.bin/ajv" ]; then
  npm install --silent --no-audit --no-fund --prefix "$tools/node" ajv-cli@5 ajv-formats@3 >/dev/null
fi
if [ ! -x "$tools/python/bin/check-jsonschema" ]; then
  python3 -m pip install --quiet --disable-pip-version-check --target "$tools/python" 'check-jsonschema>=0.29'
fi
export PYTHONPATH="$tools/python${PYTHONPATH:+:$PYTHONPATH}"
exec python3 bench/run.py \
  --work "${CUC_BENCH_WORK:-$root/target/bench}" \
  --cuc "$root/target/release/cuc" \
  --examples "$root/target/release/examples" \
  --ajv "$tools/node/node_modules/.bin/ajv" \
  --check-jsonschema "$tools/python/bin/check-jsonschema" \
  "$@"
