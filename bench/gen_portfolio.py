#!/usr/bin/env python3
"""Writes a cuc workspace of N generated customers, optionally with a long git
history, for the benchmarks (bench/run.sh) and CI's smoke run.

usage: gen_portfolio.py DIR [--customers N] [--commits M] [--seed S]
                            [--invalid-rate R] [--manifest FILE]

Each customer gets an understanding.yaml of 2-8 KB, a decision log, a review
file and a note of about 2 KB, varied in size and content. About R (default
2%) of customers carry one planted mistake, of a varied kind: schema errors
(missing field, wrong value, wrong type, misspelt key, impossible date, bad
e-mail), YAML errors (unclosed quote, tab, duplicate key) and cross-document
mistakes only cuc checks. --manifest writes one line per planted mistake:
"customer file kind".

With --commits M (default 0: no history), DIR becomes a git repository whose
history has M commits over three years (ending 2026-11-20), written through
`git fast-import`: the first adds every customer, each later one edits 1-3
customers' understanding. The work tree is then checked out from HEAD.

Deterministic for a given seed.
"""
import argparse
import os
import random
import subprocess
import sys

FIRST = ["Anna", "Ben", "Chloe", "David", "Elif", "Femi", "Greta", "Hugo", "Ines", "Jonas",
         "Kira", "Lars", "Mei", "Nadia", "Omar", "Paula", "Quentin", "Rosa", "Sven", "Tariq",
         "Ulla", "Vik", "Wen", "Xavier", "Yara", "Zoe", "Sabine", "Henrik", "Marco", "Priya"]
LAST = ["Albers", "Brandt", "Costa", "Dubois", "Eriksen", "Fischer", "García", "Hansen",
        "Ivanova", "Jensen", "Kowalski", "Lenz", "Moreau", "Nakamura", "Okafor", "Petersen",
        "Quinn", "Rossi", "Schmidt", "Tanaka", "Ueda", "Varga", "Weber", "Xu", "Yilmaz", "Zhang"]
TITLES = ["Chief Operating Officer", "VP Operations", "Head of Logistics", "Head of IT",
          "Finance Director", "Procurement Lead", "Operations Manager", "Planning Lead",
          "Site Manager", "Head of Customer Service", "Data Analyst", "CFO", "CTO"]
SEGMENTS = ["enterprise, retail", "mid-market, logistics", "mid-market, food & beverage",
            "enterprise, healthcare", "SMB, manufacturing", "mid-market, wholesale (DACH)",
            "enterprise, public sector", "mid-market, pharma distribution"]
NOUNS = ["orders", "shipments", "invoices", "tickets", "claims", "slots", "returns",
         "work orders", "deliveries", "appointments", "quotes", "pallets"]
PLACES = ["Hamburg", "Lyon", "Leeds", "Porto", "Gdańsk", "Malmö", "Graz", "Utrecht",
          "Bilbao", "Turin", "Aarhus", "Brno"]
PHRASES = [
    "are re-keyed by hand between two systems",
    "wait for a manual approval that nobody owns",
    "arrive without the data the next team needs",
    "are tracked in spreadsheets that drift apart",
    "are booked by phone and e-mail",
    "miss their promised date without anyone noticing in time",
]
UNITS = ["minutes", "percent", "EUR per month", "hours per week", "days", "tickets per week"]
CURRENCIES = ["EUR", "USD", "GBP", "SEK", "CHF"]
CUSTOMER_ROLES = ["economic_buyer", "champion", "potential_blocker", "end_user",
                  "decision_maker", "influencer"]


def sentence(rng, words=14):
    noun = rng.choice(NOUNS)
    place = rng.choice(PLACES)
    text = f"{noun.capitalize()} at {place} {rng.choice(PHRASES)}"
    while len(text.split()) < words:
        text += f", and {rng.choice(NOUNS)} at {rng.choice(PLACES)} {rng.choice(PHRASES)}"
    return text + "."


def day(rng, start=2025, end=2027):
    return f"{rng.randint(start, end)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


def folded(key, text, indent):
    """A long text as a folded block scalar, wrapped at about 88 columns."""
    pad = " " * (indent + 2)
    lines, line = [], ""
    for word in text.split():
        if line and len(pad) + len(line) + 1 + len(word) > 88:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    lines.append(line)
    return f"{' ' * indent}{key}: >-\n" + "".join(f"{pad}{l}\n" for l in lines)


class Customer:
    def __init__(self, index, rng):
        self.id = f"customer-{index:05d}"
        self.index = index
        self.rng = rng
        # Richness decides how much there is to say: 2 KB at 0, about 8 KB at 1.
        self.richness = rng.random()
        r = self.richness
        self.people = []
        used = set()
        for _ in range(5 + int(r * 4)):
            while True:
                name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
                if name not in used:
                    used.add(name)
                    break
            self.people.append(name)
        self.vendor = [self.people.pop(), self.people.pop()]
        self.criteria = [f"sc-{n + 1}" for n in range(1 + int(r * 4))]
        self.milestones = ["onboarding", "first_value", "mid_year", "renewal"]
        if r < 0.3:
            self.milestones = ["onboarding", "first_value", "renewal"]

    def understanding(self, rev=0):
        rng = random.Random(self.index * 7919 + 1)
        r = self.richness
        out = [f"# Shared understanding for customer {self.index}; change {rev}.\n",
               "schema: cuc/v1\n\n",
               "customer:\n",
               f"  name: Customer {self.index} {rng.choice(LAST)} AG\n",
               f"  segment: {rng.choice(SEGMENTS)}\n",
               "  team:\n",
               f"    sales: {self.email(self.vendor[0])}\n",
               f"    cs: {self.email(self.vendor[1])}\n",
               "  contract:\n",
               f"    signed: 2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}\n",
               f"    start: 2026-{rng.randint(1, 6):02d}-01\n",
               f"    renewal: 2027-{rng.randint(1, 12):02d}-01\n",
               f"    arr: {rng.randint(20, 900) * 1000}\n",
               f"    currency: {rng.choice(CURRENCIES)}\n\n",
               "business_context:\n",
               folded("problem", sentence(rng, 8 + int(r * 24)), 2),
               folded("why_it_matters", sentence(rng, 8 + int(r * 16)), 2),
               folded("at_stake", sentence(rng, 8 + int(r * 16)), 2),
               folded("success_looks_like", sentence(rng, 8 + int(r * 12)), 2),
               f"  strategy: Grow volume {rng.randint(5, 40)}% by 2028 without new sites.\n",
               "  initiatives:\n",
               "    - name: Throughput programme\n"]
        if r > 0.4:
            out += ["      critical_success_factors:\n",
                    f"        - {sentence(rng, 8)}\n",
                    f"        - {sentence(rng, 8)}\n"]
        out.append("\nsuccess_criteria:\n")
        customer_side = self.people
        for n, cid in enumerate(self.criteria):
            baseline = rng.randint(50, 200)
            current = baseline - rng.randint(0, 40) - (rev if n == 0 else 0) % 7
            out += [f"  - id: {cid}\n",
                    f"    outcome: {sentence(rng, 7)}\n",
                    f"    metric: {sentence(rng, 9)}\n",
                    f"    baseline: {baseline}\n",
                    f"    target: {baseline // 2}\n",
                    f"    unit: {rng.choice(UNITS)}\n",
                    f"    by: {day(rng, 2026, 2027)}\n",
                    f"    non_negotiable: {'true' if n % 2 == 0 else 'false'}\n",
                    f"    status: {rng.choice(['not_started', 'on_track', 'at_risk', 'met'])}\n",
                    f"    current: {current}\n",
                    f"    agreed_by: [{', '.join(customer_side[:3])}]\n"]
        out.append("\nstakeholders:\n")
        for n, name in enumerate(customer_side):
            roles = [["exec_sponsor", "economic_buyer"], ["project_sponsor", "decision_maker"],
                     ["operating_owner", "end_user"]][n] if n < 3 else [rng.choice(CUSTOMER_ROLES)]
            out += [f"  - name: {name}\n",
                    f"    title: {rng.choice(TITLES)}\n",
                    "    side: customer\n",
                    f"    roles: [{', '.join(roles)}]\n",
                    f"    sentiment: {rng.choice(['supporter', 'neutral', 'skeptic', 'unknown'])}\n",
                    f"    definition_of_success: {sentence(rng, 8 + int(r * 3.2))}\n",
                    f"    last_contact: 2026-{rng.randint(6, 11):02d}-{rng.randint(1, 20):02d}\n"]
        for name in self.vendor:
            out += [f"  - name: {name}\n", "    title: Customer Success Manager\n",
                    "    side: vendor\n", "    sentiment: supporter\n"]
        out += ["\nconstraints:\n", "  budget:\n", f"    - {sentence(rng, 8 + int(r * 3.2))}\n",
                "  technical:\n"]
        out += [f"    - {sentence(rng, 8 + int(r * 3.2))}\n" for _ in range(1 + int(r * 2))]
        risks = int(r * 6)
        out.append("\nrisks:\n" if risks else "\nrisks: []\n")
        for n in range(risks):
            out += [f"  - id: r-{n + 1}\n",
                    f"    what: {sentence(rng, 10)}\n",
                    f"    likelihood: {rng.choice(['low', 'medium', 'high'])}\n",
                    f"    impact: {rng.choice(['low', 'medium', 'high'])}\n",
                    f"    pull_the_plug: {sentence(rng, 9)}\n",
                    f"    mitigation: {sentence(rng, 11)}\n",
                    f"    owner: {rng.choice(customer_side)}\n",
                    f"    status: {rng.choice(['open', 'open', 'mitigated', 'closed'])}\n"]
        out += ["\nscope:\n", "  in:\n"]
        out += [f"    - {sentence(rng, 8)}\n" for _ in range(1 + int(r * 3))]
        out += ["  out:\n", f"    - {sentence(rng, 8)}\n"]
        commitments = int(r * 4)
        out.append("\ncommitments:\n" if commitments else "\ncommitments: []\n")
        for n in range(commitments):
            out += [f"  - id: c-{n + 1}\n",
                    f"    what: {sentence(rng, 8)}\n",
                    f"    promised_by: {self.vendor[0]}\n",
                    f"    promised_on: {day(rng, 2025, 2026)}\n",
                    f"    confirmed_with_product: {rng.choice(['true', 'false'])}\n",
                    f"    due: {day(rng, 2026, 2027)}\n",
                    f"    status: {rng.choice(['planned', 'in_progress', 'delivered'])}\n"]
        out.append("\nmilestones:\n")
        for n, kind in enumerate(self.milestones):
            out += [f"  - id: {kind}\n", f"    kind: {kind}\n",
                    f"    due: {2026 + n // 3}-{(3 * n + 4) % 12 + 1:02d}-15\n",
                    f"    success: {sentence(rng, 8 + int(r * 3.2))}\n"]
            if n < 2:
                out.append(f"    done: 2026-{(3 * n + 4) % 12 + 1:02d}-14\n")
        out += ["\nreview:\n", f"  cadence: {rng.choice(['60d', '90d', '12w'])}\n"]
        return "".join(out)

    def decisions(self):
        rng = random.Random(self.index * 7919 + 2)
        out = [f"# Decision log for customer {self.index}.\n", "schema: cuc/v1\n\n", "decisions:\n"]
        for n in range(1 + int(self.richness * 5)):
            month = 1 + n % 11
            out += [f"  - id: d-{n + 1}\n",
                    f"    made: 2026-{month:02d}-{rng.randint(1, 28):02d}T{rng.randint(8, 17):02d}:00+01:00\n",
                    folded("decision", sentence(rng, 14 + rng.randint(0, 20)), 4),
                    f"    owner: {rng.choice(self.people)}\n",
                    f"    circulated: 2026-{month:02d}-28T18:00+01:00\n",
                    f"    to: [{', '.join(self.people[:2] + self.vendor[1:])}]\n",
                    "    status: active\n\n"]
        return "".join(out)

    def reviews(self):
        rng = random.Random(self.index * 7919 + 3)
        out = [f"# Reviews and sign-offs for customer {self.index}.\n", "schema: cuc/v1\n\n",
               "reviews:\n"]
        for n, milestone in enumerate(self.milestones[:2]):
            out += [f"  - milestone: {milestone}\n",
                    f"    date: 2026-{(3 * n + 4) % 12 + 1:02d}-16\n",
                    f"    by: [{self.vendor[1]}, {self.people[1]}]\n",
                    f"    outcome: {rng.choice(['on_track', 'at_risk'])}\n",
                    folded("notes", sentence(rng, 20 + rng.randint(0, 20)), 4)]
        out += ["\nsignoffs:\n"]
        for role, person in zip(["exec_sponsor", "project_sponsor", "operating_owner"], self.people):
            out += [f"  - by: {person}\n", f"    role: {role}\n", "    date: 2026-05-20\n"]
        return "".join(out)

    def note(self):
        rng = random.Random(self.index * 7919 + 4)
        out = ["---\n", "title: Handover from sales to customer success\n", "date: 2026-05-12\n",
               f"attendees: [{', '.join(self.vendor + self.people[:2])}]\n", "---\n\n",
               f"# Handover: customer {self.index}\n\n"]
        size = 0
        for heading in ["How it started", "Who pushed for it", "What almost killed it",
                        "What was said about delivery", "What to watch"]:
            para = f"**{heading}.** " + " ".join(sentence(rng, 12) for _ in range(3)) + "\n\n"
            out.append(para)
            size += len(para)
        return "".join(out)

    @staticmethod
    def email(name):
        first, last = name.split(" ", 1)
        ascii_last = last.encode("ascii", "ignore").decode().lower() or "x"
        return f"{first.lower()}.{ascii_last}@vendor.example"


# Planted mistakes: (kind, file, change). Each change takes the text and the
# customer and returns the broken text. Those in understanding.yaml are what
# every JSON Schema validator must also find; the others only cuc checks.
def replace_once(old, new):
    def change(text, c):
        assert old in text, (old, c.id)
        return text.replace(old, new, 1)
    return change


def drop_line(prefix):
    def change(text, c):
        lines = text.split("\n")
        for i, line in enumerate(lines):
            if line.startswith(prefix):
                # Drop the key and any folded continuation lines under it.
                j = i + 1
                while j < len(lines) and lines[j].startswith(" " * (len(prefix) - len(prefix.lstrip()) + 2)):
                    j += 1
                return "\n".join(lines[:i] + lines[j:])
        raise AssertionError((prefix, c.id))
    return change


def regex_once(pattern, repl):
    import re

    def change(text, c):
        new, n = re.subn(pattern, repl, text, count=1, flags=re.M)
        assert n == 1, (pattern, c.id)
        return new
    return change


MISTAKES = [
    ("missing-field", "understanding.yaml", drop_line("  why_it_matters:")),
    ("wrong-enum", "understanding.yaml", regex_once(r"^(    status: )\w+$", r"\1ontrack")),
    ("wrong-type", "understanding.yaml", regex_once(r"^(    arr: )(\d+)000$", r"\1\2k")),
    ("misspelt-key", "understanding.yaml", replace_once("\nstakeholders:\n", "\nstakeholder:\n")),
    ("impossible-date", "understanding.yaml", regex_once(r"^(    by: )\d{4}-\d\d-\d\d$", r"\g<1>2027-02-30")),
    ("date-format", "understanding.yaml", regex_once(r"^(    renewal: )(\d{4})-(\d\d)-(\d\d)$", r"\1\4/\3/\2")),
    ("bad-email", "understanding.yaml", regex_once(r"^(    cs: [^@\n]+)@", r"\1 at ")),
    ("bad-currency", "understanding.yaml", regex_once(r"^(    currency: )([A-Z]{3})$", r"\1euro")),
    ("unclosed-quote", "understanding.yaml", regex_once(r"^(  strategy: )(.*)$", r'\1"\2')),
    ("tab-indent", "understanding.yaml", regex_once(r"^  (segment: )", "\t\\1")),
    ("duplicate-key", "understanding.yaml", regex_once(r"^(  segment: .*)$", "\\1\n  segment: again")),
    ("decision-time", "decisions.yaml", regex_once(r"^(    made: )\S+$", r"\1yesterday afternoon")),
    ("unknown-owner", "decisions.yaml", regex_once(r"^(    owner: ).*$", r"\1Somebody Else")),
    ("review-outcome", "reviews.yaml", regex_once(r"^(    outcome: )\w+$", r"\1green")),
    ("note-date", "notes/2026-05-12-handover.md", regex_once(r"^date: .*$", "date: May 12th")),
]


def files_of(c, mistake):
    files = {
        "understanding.yaml": c.understanding(),
        "decisions.yaml": c.decisions(),
        "reviews.yaml": c.reviews(),
        "notes/2026-05-12-handover.md": c.note(),
    }
    if mistake:
        _, name, change = mistake
        files[name] = change(files[name], c)
    return files


def blob(data):
    return b"data %d\n%s\n" % (len(data), data)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("dir")
    ap.add_argument("--customers", type=int, default=10000)
    ap.add_argument("--commits", type=int, default=0)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--invalid-rate", type=float, default=0.02)
    ap.add_argument("--manifest")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    if os.path.exists(os.path.join(args.dir, "customers")):
        sys.exit(f"{args.dir}/customers already exists: pick an empty folder")
    os.makedirs(args.dir, exist_ok=True)

    customers = [Customer(i, random.Random(args.seed * 1_000_003 + i)) for i in range(args.customers)]
    broken = {}
    n_broken = round(args.customers * args.invalid_rate)
    for k, i in enumerate(sorted(rng.sample(range(args.customers), n_broken))):
        broken[i] = MISTAKES[k % len(MISTAKES)]
    if args.manifest:
        with open(args.manifest, "w") as f:
            for i, (kind, name, _) in sorted(broken.items()):
                f.write(f"{customers[i].id} {name} {kind}\n")

    config = b"# Generated by bench/gen_portfolio.py\nschema: cuc/v1\n"
    if not args.commits:
        with open(os.path.join(args.dir, "cuc.yaml"), "wb") as f:
            f.write(config)
        for c in customers:
            for name, text in files_of(c, broken.get(c.index)).items():
                path = os.path.join(args.dir, "customers", c.id, name)
                os.makedirs(os.path.dirname(path), exist_ok=True)
                with open(path, "w", encoding="utf-8") as f:
                    f.write(text)
        return

    # History: commit 0 adds everything; each later commit edits 1-3
    # customers' understanding, so the last edit of each is what HEAD holds.
    subprocess.run(["git", "init", "--quiet", "--initial-branch=main", args.dir], check=True)
    edits = [[] for _ in customers]
    for n in range(1, args.commits):
        for i in rng.sample(range(args.customers), rng.randint(1, 3)):
            edits[i].append(n)
    touched = [[] for _ in range(args.commits)]
    for i, ns in enumerate(edits):
        for n in ns:
            touched[n].append(i)
    end = 1_795_132_800  # 2026-11-20
    start = end - 3 * 365 * 24 * 3600
    step = (end - start) / max(args.commits - 1, 1)
    proc = subprocess.Popen(["git", "fast-import", "--quiet", "--done"], cwd=args.dir,
                            stdin=subprocess.PIPE)
    w = proc.stdin.write
    for n in range(args.commits):
        when = int(start + n * step)
        w(b"commit refs/heads/main\n")
        w(b"committer Bench <bench@example.com> %d +0000\n" % when)
        if n == 0:
            w(blob(b"Add %d customers" % args.customers))
            w(b"M 100644 inline cuc.yaml\n" + blob(config))
            for c in customers:
                last = edits[c.index][-1] if edits[c.index] else None
                for name, text in files_of(c, broken.get(c.index)).items():
                    if last is not None and name == "understanding.yaml":
                        continue
                    w(b"M 100644 inline customers/%s/%s\n" % (c.id.encode(), name.encode()))
                    w(blob(text.encode()))
            # A customer edited later starts from revision 0 here.
            for c in customers:
                if edits[c.index]:
                    w(b"M 100644 inline customers/%s/understanding.yaml\n" % c.id.encode())
                    w(blob(c.understanding(0).encode()))
        else:
            w(blob(b"Update %d customers after calls" % len(touched[n])))
            for i in touched[n]:
                c = customers[i]
                text = c.understanding(n)
                if n == edits[i][-1] and broken.get(i, ("", ""))[1] == "understanding.yaml":
                    text = broken[i][2](text, c)
                w(b"M 100644 inline customers/%s/understanding.yaml\n" % c.id.encode())
                w(blob(text.encode()))
    w(b"done\n")
    proc.stdin.close()
    if proc.wait() != 0:
        sys.exit("git fast-import failed")
    subprocess.run(["git", "-C", args.dir, "reset", "--hard", "--quiet", "main"], check=True)


if __name__ == "__main__":
    main()
