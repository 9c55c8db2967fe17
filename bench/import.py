#!/usr/bin/env python3
"""The import benchmark: `cuc import salesforce` of a generated export
(bench/crm.py, 10,000 accounts and 50,000 contacts by default), side by side
in one run with the floor of reading the same files with Python's csv module
and with the alternative of scripting `cuc new` once per account. Wrapped by
bench/import.sh; BENCHMARKS.md shows the result.

Each import runs into a fresh empty workspace --runs times (after one
warm-up); the table gives the median wall time and the largest peak memory.
It also checks that every created customer validates and that importing
again writes nothing.
"""
import argparse
import csv
import hashlib
import os
import shutil
import statistics
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from run import Table, run  # noqa: E402

FILES = ["Account.csv", "User.csv", "AccountTeamMember.csv", "Contact.csv",
         "AccountContactRole.csv", "Opportunity.csv"]
CS = "bench.cs@ourco.example"


def workspace(path):
    shutil.rmtree(path, ignore_errors=True)
    os.makedirs(os.path.join(path, "customers"))
    with open(os.path.join(path, "cuc.yaml"), "w") as f:
        f.write("schema: cuc/v1\n")


def tree_hash(path):
    h = hashlib.sha256()
    for root, dirs, files in sorted(os.walk(path)):
        dirs.sort()
        for name in sorted(files):
            full = os.path.join(root, name)
            h.update(full.encode())
            with open(full, "rb") as f:
                h.update(f.read())
    return h.hexdigest()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--accounts", type=int, default=10000)
    ap.add_argument("--contacts", type=int, default=50000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--sample", type=int, default=200, help="accounts timed with `cuc new`")
    ap.add_argument("--work", required=True)
    ap.add_argument("--cuc", required=True)
    ap.add_argument("--out")
    a = ap.parse_args()

    here = os.path.dirname(os.path.abspath(__file__))
    export = os.path.join(a.work, f"sf-{a.accounts}-{a.contacts}")
    if not os.path.exists(os.path.join(export, "Opportunity.csv")):
        subprocess.run([sys.executable, os.path.join(here, "crm.py"), "--accounts", str(a.accounts),
                        "--contacts", str(a.contacts), "--out", export], check=True)
    size = sum(os.path.getsize(os.path.join(export, f)) for f in FILES)
    env = dict(os.environ, CUC_TODAY="2026-11-23")
    table = Table()
    print("importing", flush=True)

    # Each run into a fresh workspace of its own; they are deleted only after
    # every timing, so no run pays for deleting the files of the one before.
    results = []
    for i in range(a.runs + 1):
        ws = os.path.join(a.work, f"workspace-{i}")
        workspace(ws)
        os.sync()
        r = run([a.cuc, "import", "salesforce", "--from", export, "--cs", CS], cwd=ws, env=env,
                check_exit=[0])
        if i > 0:  # the first is the warm-up
            results.append(r)
    wall = statistics.median(r[0] for r in results)
    table.add("`cuc import salesforce` (read, build, check and write every customer)",
              wall, max(r[1] for r in results), baseline="self")
    created = len(os.listdir(os.path.join(ws, "customers")))
    if created != a.accounts:
        sys.exit(f"cuc import created {created} customers for {a.accounts} accounts")
    empty = os.path.join(a.work, "workspace-dry")
    workspace(empty)
    table.measure("`cuc import salesforce --dry-run` (the same, writing nothing)",
                  [a.cuc, "import", "salesforce", "--from", export, "--cs", CS, "--dry-run"],
                  a.runs, cwd=empty, env=env, check_exit=[0])

    before = tree_hash(ws)
    again, _ = table.measure("`cuc import` again (nothing to create; every account compared)",
                             [a.cuc, "import", "salesforce", "--from", export, "--cs", CS],
                             a.runs, cwd=ws, env=env, check_exit=[0])
    if tree_hash(ws) != before:
        sys.exit("importing again changed the workspace")
    table.measure("`cuc validate` of the imported customers",
                  [a.cuc, "validate", "-q"], a.runs, cwd=ws, env=env, check_exit=[0])
    table.measure("floor: Python's csv module reading the six files",
                  [sys.executable, "-c",
                   "import csv,sys\n"
                   "for p in sys.argv[1:]:\n"
                   "    with open(p, newline='', encoding='utf-8') as f:\n"
                   "        sum(1 for _ in csv.reader(f))\n",
                   *[os.path.join(export, f) for f in FILES]], a.runs)

    # The alternative: a script running `cuc new` once per account (name,
    # CS and sales owner, renewal; no contacts, no CRM ids), timed on a sample.
    sample_ws = os.path.join(a.work, "by-hand")
    workspace(sample_ws)
    with open(os.path.join(export, "Account.csv"), newline="", encoding="utf-8") as f:
        accounts = list(csv.DictReader(f))[: a.sample]
    seconds = 0.0
    for n, account in enumerate(accounts):
        s, _, _, _, _ = run([a.cuc, "new", f"account-{n}", "--name", account["Name"], "--cs", CS],
                            cwd=sample_ws, env=env, check_exit=[0])
        seconds += s
    per = seconds / max(len(accounts), 1)
    table.add(f"a script running `cuc new` per account ({per * 1000:.0f} ms × {a.accounts:,}, "
              f"{len(accounts)} timed; no contacts)", per * a.accounts, None)

    for i in range(a.runs + 1):
        shutil.rmtree(os.path.join(a.work, f"workspace-{i}"), ignore_errors=True)

    header = (f"Export: {a.accounts:,} accounts, {a.contacts:,} contacts, "
              f"{size / 1048576:.1f} MiB in six files (bench/crm.py); {os.cpu_count()} cores; "
              f"{a.runs} timed runs after a warm-up.\n\n")
    text = header + table.markdown("Importing", wall)
    print()
    print(text)
    if a.out:
        with open(a.out, "w") as f:
            f.write(text)


if __name__ == "__main__":
    main()
