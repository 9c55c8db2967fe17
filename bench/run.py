#!/usr/bin/env python3
"""The scale benchmark: cuc side by side with the tools people use today, on
one generated portfolio, in one run. Wrapped by bench/run.sh, which builds cuc
and installs the other tools; BENCHMARKS.md shows the result.

Every command runs --runs times (after one warm-up run); the table gives the
median wall time and the largest peak memory (max RSS, from wait4). It also
checks that the validators agree on which understanding documents are
invalid, and that cuc's last-changed times equal git's.

With --smoke (CI), it runs each command once on a small portfolio and fails
unless the verdicts and the times agree; nothing is timed against a target.
"""
import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time

# Findings that need more than one document: no single-file schema validator
# can report them, so they are left out when comparing verdicts.
CROSS_DOCUMENT = {"unknown-reference", "duplicate-id"}
# Findings that mean the text is not YAML cuc reads at all.
YAML_LEVEL = {"yaml-syntax", "duplicate-key", "yaml-limit", "merge-conflict", "not-utf8"}


GNU_TIME = "/usr/bin/time" if os.access("/usr/bin/time", os.X_OK) else None


def run(cmd, cwd=None, env=None, stdout=subprocess.DEVNULL, check_exit=None):
    """Runs a command; returns (seconds, peak RSS in MiB, exit code, stdout,
    stderr). Peak memory comes from GNU time when it is installed (wait4's
    figure would include the Python process the child was forked from)."""
    out = subprocess.PIPE if stdout is None else stdout
    rss_file = None
    if GNU_TIME:
        rss_file = os.path.join(os.environ.get("TMPDIR", "/tmp"), f"cuc-bench-rss-{os.getpid()}")
        cmd = [GNU_TIME, "-q", "-f", "%M", "-o", rss_file, *cmd]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=out, stderr=subprocess.PIPE)
    captured = proc.stdout.read() if out == subprocess.PIPE else b""
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    peak = usage.ru_maxrss / 1024
    if rss_file:
        with open(rss_file) as f:
            peak = int(f.read().split()[-1]) / 1024
    if check_exit is not None and code not in check_exit:
        sys.exit(f"{cmd[0]} exited {code}: {err.decode(errors='replace')[-2000:]}")
    return seconds, peak, code, captured, err


class Table:
    def __init__(self):
        self.rows = []

    def measure(self, label, cmd, runs, baseline=None, **kw):
        os.sync()  # no write-back of earlier steps' files during the timing
        results = [run(cmd, **kw)]  # warm-up: the page cache, not the tool
        results = [run(cmd, **kw) for _ in range(runs)] if runs > 1 else results
        wall = statistics.median(r[0] for r in results)
        peak = max(r[1] for r in results)
        self.rows.append([label, wall, peak, baseline])
        print(f"  {label}: {wall:.3f} s, {peak:.0f} MiB", flush=True)
        return wall, results[-1]

    def add(self, label, wall, peak, baseline=None, note=""):
        self.rows.append([label, wall, peak, baseline, note])
        print(f"  {label}: {wall:.3f} s {note}", flush=True)

    def markdown(self, title, reference):
        lines = [f"### {title}", "", "| tool | wall (median) | peak memory | ratio to cuc |",
                 "|---|---|---|---|"]
        for row in self.rows:
            label, wall, peak, base = row[:4]
            note = row[4] if len(row) > 4 else ""
            ref = base if base is not None else reference
            if base == "self" or ref is None:
                ratio = "1 (reference)" if base == "self" else "—"
            else:
                ratio = f"{wall / ref:.2f}×"
            mem = f"{peak:.0f} MiB" if peak is not None else "—"
            lines.append(f"| {label} | {fmt_seconds(wall)}{note} | {mem} | {ratio} |")
        self.rows = []
        return "\n".join(lines) + "\n"


def fmt_seconds(s):
    return f"{s:.2f} s" if s < 100 else f"{s:.0f} s"


DATE_LINE = re.compile(r"^(\s*(?:- )?[A-Za-z_]+: )(\d{4}-\d\d-\d\d(?:T[0-9:+\-Z.]+)?)\s*$", re.M)


def quoted_copy(portfolio, out, unparsable, aside):
    """Copies every understanding.yaml with its dates quoted: js-yaml (ajv-cli)
    reads unquoted dates as Date objects, which no JSON Schema accepts. The
    documents that are not YAML at all go to `aside`: ajv-cli stops at the
    first of those."""
    files = []
    shutil.rmtree(out, ignore_errors=True)
    shutil.rmtree(aside, ignore_errors=True)
    for cid in sorted(os.listdir(os.path.join(portfolio, "customers"))):
        src = os.path.join(portfolio, "customers", cid, "understanding.yaml")
        if not os.path.exists(src):
            continue
        dst_dir = os.path.join(aside if cid in unparsable else out, cid)
        os.makedirs(dst_dir, exist_ok=True)
        with open(src, encoding="utf-8", errors="surrogateescape") as f:
            text = f.read()
        dst = os.path.join(dst_dir, "understanding.yaml")
        with open(dst, "w", encoding="utf-8", errors="surrogateescape") as f:
            f.write(DATE_LINE.sub(r"\1'\2'", text))
        files.append(dst)
    return files


def customer_of(path):
    parts = path.replace("\\", "/").split("/")
    return parts[parts.index("understanding.yaml") - 1]


def cuc_invalid(stdout):
    findings = json.loads(stdout)["findings"]
    return {customer_of(f["file"]) for f in findings
            if f["file"].endswith("/understanding.yaml") and f["severity"] == "error"
            and f["rule"] not in CROSS_DOCUMENT}


def ajv_invalid(stderr):
    bad = set()
    for line in stderr.decode(errors="replace").splitlines():
        m = re.match(r"^(\S+/understanding\.yaml) invalid$", line.strip())
        if m:
            bad.add(customer_of(m.group(1)))
        m = re.match(r"^error: .*?(\S+/understanding\.yaml)", line.strip())
        if m:
            bad.add(customer_of(m.group(1)))
    return bad


def check_jsonschema_invalid(stdout):
    data = json.loads(stdout)
    return {customer_of(e["filename"]) for e in data.get("errors", []) + data.get("parse_errors", [])}


def git(repo, *args, capture=True):
    return subprocess.run(["git", "-C", repo, *args], check=True, capture_output=capture,
                          text=True).stdout


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--customers", type=int, default=10000)
    ap.add_argument("--commits", type=int, default=50000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--slow-runs", type=int, default=1,
                    help="runs of check-jsonschema, which takes minutes at 10,000 customers")
    ap.add_argument("--render-customers", type=int, default=1000)
    ap.add_argument("--sample", type=int, default=50, help="folders timed with git log -1")
    ap.add_argument("--work", required=True)
    ap.add_argument("--cuc", required=True)
    ap.add_argument("--examples", help="folder with the parse-floor and last-changed examples")
    ap.add_argument("--ajv")
    ap.add_argument("--check-jsonschema")
    ap.add_argument("--before", help="an older build of cuc to compare with (its target/release)")
    ap.add_argument("--before-label", default="before")
    ap.add_argument("--smoke", action="store_true")
    ap.add_argument("--out")
    args = ap.parse_args()
    here = os.path.dirname(os.path.abspath(__file__))
    today = "2026-11-23"
    runs = 1 if args.smoke else args.runs
    os.makedirs(args.work, exist_ok=True)
    portfolio = os.path.join(args.work, f"portfolio-{args.customers}-{args.commits}")
    manifest = portfolio + ".manifest"
    if not os.path.exists(os.path.join(portfolio, "customers")):
        shutil.rmtree(portfolio, ignore_errors=True)
        t0 = time.perf_counter()
        subprocess.run([sys.executable, os.path.join(here, "gen_portfolio.py"), portfolio,
                        "--customers", str(args.customers), "--commits", str(args.commits),
                        "--manifest", manifest], check=True)
        print(f"generated {args.customers} customers, {args.commits} commits in "
              f"{time.perf_counter() - t0:.0f} s", flush=True)
    files = [os.path.join(dp, f) for dp, _, fs in os.walk(os.path.join(portfolio, "customers"))
             for f in fs]
    size = sum(os.path.getsize(f) for f in files)
    understanding = [f for f in files if f.endswith("/understanding.yaml")]
    u_size = sum(os.path.getsize(f) for f in understanding)
    expected = {line.split()[0] for line in open(manifest) if line.split()[1] == "understanding.yaml"}
    machine = f"{os.cpu_count()} cores"
    report = [f"Portfolio: {args.customers:,} customers, {len(files):,} files, {size / 2**20:.0f} MiB "
              f"({len(understanding):,} understanding documents, {u_size / 2**20:.0f} MiB); "
              f"{args.commits:,} commits; {machine}; {runs} timed runs after a warm-up.\n"]
    print(report[0], flush=True)
    problems = []

    # Validation, side by side.
    table = Table()
    schema = os.path.join(args.work, "understanding.schema.json")
    with open(schema, "wb") as f:
        f.write(run([args.cuc, "schema", "understanding"], stdout=None, check_exit={0})[3])
    cuc_wall, last = table.measure("`cuc validate` (all 4 document kinds, cross-document checks)",
                                   [args.cuc, "-C", portfolio, "--today", today, "validate",
                                    "--format", "json"], runs, stdout=None, check_exit={0, 1})
    verdicts = {"cuc validate": cuc_invalid(last[3])}
    table.rows[-1][3] = "self"
    unparsable = {customer_of(f["file"]) for f in json.loads(last[3])["findings"]
                  if f["file"].endswith("/understanding.yaml") and f["rule"] in YAML_LEVEL}
    aside = os.path.join(args.work, "quoted-unparsable")
    # The quoted copy is a workspace too, so cuc can check exactly what ajv-cli gets.
    quoted_ws = os.path.join(args.work, "quoted")
    quoted_copy(portfolio, os.path.join(quoted_ws, "customers"), unparsable, aside)
    shutil.copy(os.path.join(portfolio, "cuc.yaml"), quoted_ws)
    table.measure("`cuc validate` on the documents ajv-cli gets (quoted copy, understanding only)",
                  [args.cuc, "-C", quoted_ws, "--today", today, "validate", "--format", "json"],
                  runs, baseline=cuc_wall, check_exit={0, 1})
    before = os.path.join(args.before, "cuc") if args.before else None
    if before:
        table.measure(f"`cuc validate`, {args.before_label}", [before, "-C", portfolio, "--today", today,
                      "validate", "--format", "json"], 1, baseline=cuc_wall, check_exit={0, 1})
    if args.ajv:
        ajv = [args.ajv, "validate", "--spec=draft2020", "-c", "ajv-formats", "--strict=false",
               "--all-errors", "-s", schema, "-d", os.path.join(quoted_ws, "customers", "*",
                                                               "understanding.yaml")]
        _, last = table.measure("ajv-cli, quoted copy (understanding only, YAML errors set aside)", ajv, runs,
                                baseline=cuc_wall, check_exit={0, 1})
        verdicts["ajv-cli (quoted copy)"] = ajv_invalid(last[4])
        # ajv-cli exits at the first document js-yaml cannot read, without
        # naming it: those are given to it one at a time, untimed.
        stopped = 0
        for cid in sorted(unparsable):
            one = ajv[:-1] + [os.path.join(aside, cid, "understanding.yaml")]
            _, _, code, _, err = run(one)
            if code == 2 and b"error:" in err:
                verdicts["ajv-cli (quoted copy)"].add(cid)
                stopped += 1
        report.append(f"ajv-cli stops at the first document that is not valid YAML (exit 2, "
                      f"\"error: Invalid or unexpected token\", no file named), so the "
                      f"{len(unparsable)} such documents were given to it one at a time, untimed; "
                      f"it stopped on {stopped}.\n")
        # As is, unquoted dates become Date objects: every document fails.
        raw = ajv[:-1] + [os.path.join(portfolio, "customers", "*", "understanding.yaml")]
        _, _, _, _, err = run(raw)
        said = [l for l in err.decode(errors="replace").splitlines()
                if l.endswith(" valid") or l.endswith(" invalid")]
        invalid = sum(1 for l in said if l.endswith(" invalid"))
        report.append(f"ajv-cli on the documents as they are (dates not quoted) called {invalid:,} "
                      f"of the {len(said):,} documents it checked invalid (js-yaml reads YAML 1.1 "
                      f"dates as Date objects), then stopped at the first document that is not "
                      f"YAML.\n")
    if args.check_jsonschema:
        cj = [args.check_jsonschema, "--schemafile", schema, "-o", "json", *understanding]
        _, last = table.measure("check-jsonschema (understanding only)", cj,
                                1 if args.smoke else args.slow_runs, baseline=cuc_wall,
                                stdout=None, check_exit={0, 1})
        verdicts["check-jsonschema"] = check_jsonschema_invalid(last[3])
    table.measure("floor: `cat` every file", ["sh", "-c", f"find '{portfolio}/customers' -type f "
                  "-print0 | xargs -0 cat > /dev/null"], runs, baseline=cuc_wall)
    floor = os.path.join(args.examples or "", "parse-floor")
    if args.examples and os.path.exists(floor):
        table.measure("floor: granit-parser events, every YAML file, 2 threads",
                      [floor, "events", portfolio], runs, baseline=cuc_wall)
        table.measure("floor: cuc's spanned tree, every YAML file, 2 threads",
                      [floor, "tree", portfolio], runs, baseline=cuc_wall)
        table.measure("floor: serde-saphyr to serde_json::Value, every YAML file, 2 threads",
                      [floor, "value", portfolio], runs, baseline=cuc_wall)
    same = [r for r in table.rows if r[0].startswith("`cuc validate` on the documents ajv-cli gets")]
    others = [r for r in table.rows if r[0].startswith(("ajv-cli", "check-jsonschema"))]
    if same and others:
        report.append("On the same documents (the second row), " + "; ".join(
            f"{r[0].split(' ')[0].rstrip(',')} takes {r[1] / same[0][1]:.1f}× as long as cuc" for r in others) + ".\n")
    report.append(table.markdown("Validating", cuc_wall))
    agree = ["| tool | invalid understanding documents | same as cuc |", "|---|---|---|"]
    for tool, bad in verdicts.items():
        same = "yes" if bad == verdicts["cuc validate"] else "**no**"
        if bad != verdicts["cuc validate"]:
            problems.append(f"{tool} disagrees with cuc: only {tool}: "
                            f"{sorted(bad - verdicts['cuc validate'])[:10]}, only cuc: "
                            f"{sorted(verdicts['cuc validate'] - bad)[:10]}")
        agree.append(f"| {tool} | {len(bad)} | {same} |")
    agree.append(f"| planted by the generator | {len(expected)} | "
                 f"{'yes' if expected == verdicts['cuc validate'] else '**no**'} |")
    if expected != verdicts["cuc validate"]:
        problems.append(f"cuc's verdicts differ from the planted mistakes: "
                        f"{sorted(expected ^ verdicts['cuc validate'])[:10]}")
    report.append("\n".join(agree) + "\n")

    # Checking: everything, as CI would.
    check_wall, _ = table.measure("`cuc check` (validation, every rule, freshness)",
                                  [args.cuc, "-C", portfolio, "--today", today, "check",
                                   "--format", "json"], runs, check_exit={0, 1})
    table.rows[-1][3] = "self"
    if before:
        table.measure(f"`cuc check`, {args.before_label}", [before, "-C", portfolio, "--today", today,
                      "check", "--format", "json"], 1, baseline=check_wall, check_exit={0, 1})
    report.append(table.markdown("Checking", check_wall))

    # Last changed, for every customer.
    walker = os.path.join(args.examples or "", "last-changed")
    if args.commits and args.examples and os.path.exists(walker):
        index = os.path.join(portfolio, ".git", "cuc", "last-changed")
        if os.path.exists(index):
            os.remove(index)
        cold, last = table.measure("cuc, cold (no index: one walk of all history)",
                                   ["sh", "-c", f"rm -f '{index}'; exec '{walker}' '{portfolio}'"],
                                   runs, stdout=None, check_exit={0})
        table.rows[-1][3] = "self"
        cuc_times = dict(line.split() for line in last[3].decode().splitlines())
        old_walker = os.path.join(args.before, "examples", "last-changed") if args.before else None
        if old_walker and os.path.exists(old_walker):
            _, old = table.measure(f"cuc, {args.before_label} (one walk, no index)",
                                   [old_walker, portfolio], 1, baseline=cold, stdout=None,
                                   check_exit={0})
            if dict(line.split() for line in old[3].decode().splitlines()) != cuc_times:
                problems.append("the walk before and after disagree")
        # One pass of git log --name-only: the newest commit naming a folder dates it.
        wall, last = table.measure("one `git log --name-only` pass", [
            "git", "-C", portfolio, "log", "--name-only", "--format=%ct", "--", "customers"],
            1 if args.smoke else args.slow_runs, baseline=cold, stdout=None, check_exit={0})
        git_times, when = {}, None
        for line in last[3].decode().splitlines():
            if line.isdigit():
                when = line
            elif line.startswith("customers/"):
                git_times.setdefault(line.split("/")[1], when)
        if git_times != cuc_times:
            diff = [k for k in set(git_times) | set(cuc_times) if git_times.get(k) != cuc_times.get(k)]
            problems.append(f"last-changed differs from git log for {len(diff)} folders: {sorted(diff)[:5]}")
        ids = sorted(cuc_times)[:: max(1, len(cuc_times) // args.sample)][: args.sample]
        t0 = time.perf_counter()
        for cid in ids:
            got = git(portfolio, "log", "-1", "--format=%ct", "--", f"customers/{cid}").strip()
            if got != cuc_times[cid]:
                problems.append(f"last-changed of {cid}: git log -1 says {got}, cuc {cuc_times[cid]}")
        per = (time.perf_counter() - t0) / len(ids)
        table.add(f"`git log -1` per folder ({per * 1000:.0f} ms × {len(cuc_times):,}, "
                  f"{len(ids)} timed)", per * len(cuc_times), None, cold, " (extrapolated)")
        # Warm: the index as the cold walk left it, then ten new commits.
        with open(index) as f:
            at_cold = f.read()
        for n in range(10):
            target = os.path.join(portfolio, "customers", ids[n % len(ids)], "understanding.yaml")
            with open(target, "a") as f:
                f.write(f"# Call notes {n}.\n")
            git(portfolio, "-c", "user.name=Bench", "-c", "user.email=bench@example.com",
                "commit", "--quiet", "-am", f"Benchmark edit {n}")
        warm_runs = []
        for _ in range(max(runs, 1) + 1):
            # Each run starts from the index ten commits behind HEAD.
            with open(index, "w") as f:
                f.write(at_cold)
            warm_runs.append(run([walker, portfolio], stdout=None, check_exit={0}))
        warm_runs = warm_runs[1:]
        warm = statistics.median(r[0] for r in warm_runs)
        warm_times = dict(line.split() for line in warm_runs[-1][3].decode().splitlines())
        rm = subprocess.run(["sh", "-c", f"rm -f '{index}'; '{walker}' '{portfolio}'"],
                            capture_output=True, text=True, check=True)
        cold_after = dict(line.split() for line in rm.stdout.splitlines())
        if warm_times != cold_after:
            problems.append("warm last-changed differs from a cold walk after 10 new commits")
        table.add("cuc, warm (index 10 commits behind HEAD)", warm,
                  max(r[1] for r in warm_runs), cold)
        report.append(table.markdown("Last changed, every customer folder", cold))

    # Rendering every page of a smaller portfolio.
    k = min(args.render_customers, args.customers)
    part = os.path.join(args.work, f"render-{k}")
    if not os.path.exists(part):
        os.makedirs(os.path.join(part, "customers"))
        shutil.copy(os.path.join(portfolio, "cuc.yaml"), part)
        for cid in sorted(os.listdir(os.path.join(portfolio, "customers")))[:k]:
            shutil.copytree(os.path.join(portfolio, "customers", cid),
                            os.path.join(part, "customers", cid))
    pages = os.path.join(args.work, f"pages-{k}")
    render_wall, _ = table.measure(f"`cuc render --all`, {k:,} customers",
                                   ["sh", "-c", f"rm -rf '{pages}'; exec '{args.cuc}' -C '{part}' "
                                    f"--today {today} -q render --all -o '{pages}'"], runs,
                                   check_exit={0, 1})
    table.rows[-1][3] = "self"
    if before:
        table.measure(f"`cuc render --all`, {k:,} customers, {args.before_label}",
                      ["sh", "-c", f"rm -rf '{pages}'; exec '{before}' -C '{part}' --today {today} "
                       f"-q render --all -o '{pages}'"], runs, baseline=render_wall, check_exit={0, 1})
    written = len([f for f in os.listdir(pages) if f.endswith(".html") and f != "index.html"])
    report.append(table.markdown(f"Rendering ({written:,} pages written; customers with errors get none)",
                                 render_wall))
    text = "\n".join(report)
    if problems:
        text += "\n**Disagreements:**\n\n" + "\n".join(f"- {p}" for p in problems) + "\n"
    print("\n" + text)
    if args.out:
        with open(args.out, "w") as f:
            f.write(text)
    if problems:
        sys.exit(1)


if __name__ == "__main__":
    main()
