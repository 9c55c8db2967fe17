#!/usr/bin/env bash
# Saves what cuc prints for every read-only command and format, on the
# example portfolio and on a generated one, so that a restructure can be
# shown to change no output: run it with the build before and the build
# after, then `diff -r BEFORE AFTER`.
#
# usage: scripts/outputs.sh CUC_BINARY OUT_DIR [CUSTOMERS]
#
# Each run writes OUT_DIR/<name>.out (standard output), .err (standard
# error) and .rc (exit code). render --all writes its folder under
# OUT_DIR/<name>.d. The generated portfolio (CUSTOMERS customers, default
# 300, with 40 commits of history) is made once under OUT_DIR/../generated.
set -euo pipefail
cd "$(dirname "$0")/.."
cuc="$(realpath "$1")"
out="$(realpath -m "$2")"
customers="${3:-300}"
generated="$(dirname "$out")/generated"
examples="$(dirname "$out")/examples"
mkdir -p "$out"
# A copy of the example portfolio outside this repository, so that what is
# printed does not depend on this repository's latest commit (the page
# names the commit it was rendered from).
rm -rf "$examples" && cp -r examples/portfolio "$examples"
if [ ! -d "$generated" ]; then
  python3 bench/gen_portfolio.py "$generated" --customers "$customers" --commits 40 >/dev/null
fi

run() {
  local name="$1" dir="$2"
  shift 2
  (cd "$dir" && "$cuc" --color never --today 2026-11-23 "$@") \
    >"$out/$name.out" 2>"$out/$name.err" && echo 0 >"$out/$name.rc" || echo $? >"$out/$name.rc"
}

for place in examples generated; do
  if [ "$place" = examples ]; then dir="$examples"; else dir="$generated"; fi
  ids=$(ls "$dir/customers" | head -5)
  for format in human json github sarif markdown table; do
    for command in validate check status review; do
      run "$place-$command-$format" "$dir" --format "$format" "$command"
    done
    for id in $ids; do
      run "$place-review-$id-$format" "$dir" --format "$format" review "$id"
      run "$place-diff-$id-$format" "$dir" --format "$format" diff "$id"
    done
  done
  for id in $ids; do
    run "$place-render-$id-html" "$dir" render "$id"
    run "$place-render-$id-markdown" "$dir" --format markdown render "$id"
  done
  rm -rf "$out/$place-render-all-html.d" "$out/$place-render-all-markdown.d"
  run "$place-render-all-html" "$dir" render --all -o "$out/$place-render-all-html.d"
  run "$place-render-all-markdown" "$dir" --format markdown render --all -o "$out/$place-render-all-markdown.d"
done
# The examples in this repository against a fixed commit of it (their
# reviews record none): the same answer whatever has been committed since.
for id in northwind globex acme-logistics; do
  for format in human json markdown; do
    run "examples-diff-$id-f35c1bb-$format" examples/portfolio --format "$format" diff "$id" f35c1bb
  done
done
# Pull-request diffs over the generated history.
for format in human json markdown; do
  run "generated-diff-base-$format" "$generated" --format "$format" diff --base HEAD~10
done
run "generated-diff-base-first" "$generated" diff --base HEAD~39 --head HEAD~30
# Where the output folder is named, name it the same in every run.
sed -i "s|$out|OUT|g" "$out"/*.err
echo "saved $(ls "$out" | wc -l) outputs in $out"
