#!/usr/bin/env python3
"""Writes a cuc workspace with a long git history, fast, through git fast-import.

usage: gen_history.py DIR [CUSTOMERS=10000] [COMMITS=50000] [SEED=1]

The first commit adds every customer; each later commit changes 1 to 3
customers, spread over three years. Deterministic for a given seed.
"""
import random
import subprocess
import sys

TEMPLATE = """schema: cuc/v1
customer:
  name: Customer {i}
  segment: {segment}
  team:
    cs: cs{cs}@vendor.example
business_context:
  problem: Orders are re-keyed by hand at site {i}.
  why_it_matters: Every re-keyed order costs time and errors.
  at_stake: Revision {rev} of the expansion plan.
  success_looks_like: Orders flow without re-keying.
success_criteria: []
stakeholders: []
review:
  cadence: 90d
"""


def blob(text):
    data = text.encode()
    return b"data %d\n%s\n" % (len(data), data)


def main():
    out = sys.argv[1]
    customers = int(sys.argv[2]) if len(sys.argv) > 2 else 10000
    commits = int(sys.argv[3]) if len(sys.argv) > 3 else 50000
    rng = random.Random(int(sys.argv[4]) if len(sys.argv) > 4 else 1)
    subprocess.run(["git", "init", "--quiet", out], check=True)
    with open(f"{out}/cuc.yaml", "w") as f:
        f.write("schema: cuc/v1\n")
    start = 1_700_000_000
    step = (3 * 365 * 24 * 3600) // max(commits, 1)
    proc = subprocess.Popen(["git", "fast-import", "--quiet"], cwd=out, stdin=subprocess.PIPE)
    w = proc.stdin.write
    for n in range(commits):
        when = start + n * step
        w(b"commit refs/heads/main\n")
        w(b"committer Bench <bench@example.com> %d +0000\n" % when)
        w(blob("commit %d" % n))
        if n == 0:
            w(b"M 100644 inline cuc.yaml\n" + blob("schema: cuc/v1\n"))
            for i in range(customers):
                w(b"M 100644 inline customers/c%05d/understanding.yaml\n" % i)
                w(blob(TEMPLATE.format(i=i, segment="mid-market", cs=i % 40, rev=0)))
        else:
            # fast-import chains commits to the same branch by itself.
            for i in rng.sample(range(customers), rng.randint(1, 3)):
                w(b"M 100644 inline customers/c%05d/understanding.yaml\n" % i)
                w(blob(TEMPLATE.format(i=i, segment="enterprise", cs=i % 40, rev=n)))
        w(b"\n")
    proc.stdin.close()
    if proc.wait() != 0:
        sys.exit("git fast-import failed")
    subprocess.run(["git", "checkout", "--quiet", "-f", "main"], cwd=out, check=True)


if __name__ == "__main__":
    main()
