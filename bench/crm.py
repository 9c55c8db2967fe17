#!/usr/bin/env python3
"""Writes a generated CRM export for benchmarking and stress-testing
`cuc import`.

usage: crm.py --accounts N --contacts M --out DIR [--system salesforce]
              [--seed S]

--system salesforce (the only one so far) writes the six files of a
Salesforce Data Export, with API field names as headers, every field
quoted, UTF-8 without BOM and CRLF line endings, as in
tests/fixtures/crm/salesforce/:

  User.csv               Id,Email,Name,IsActive  (50 users: AEs, CSMs, SEs; a few inactive)
  Account.csv            Id,Name,OwnerId,Industry,Type,Website,AnnualRevenue,Region__c
  AccountTeamMember.csv  Id,AccountId,UserId,TeamMemberRole
  Contact.csv            Id,AccountId,FirstName,LastName,Title,Email,Phone
  AccountContactRole.csv Id,AccountId,ContactId,Role,IsPrimary
  Opportunity.csv        Id,AccountId,Name,StageName,Amount,CloseDate,Type,IsWon,CurrencyIsoCode

What the data holds, so that an importer meets the awkward cases at scale:
- account names repeat: about 3% are one of a few names shared by many
  accounts ("Acme Corp", "Globex Inc." ...), some of them spelt so that only
  their slug collides ("ACME Corp.", "Acme-Corp", "Café Olé, Inc." and
  "Cafe Ole Inc"), and random combinations give further natural duplicates;
- every account has an Account Manager (its owner); about 92% have a
  Customer Success Manager, some a Sales Engineer; a few team members are
  inactive users;
- M contacts are spread over the N accounts (each account gets at least one
  while M >= N, the rest skewed towards a minority of big accounts); some
  titles hold a comma, a newline or doubled double quotes; some phones,
  titles and (rarely) e-mails are empty;
- about 60% of contacts have an AccountContactRole, at most one primary per
  account; about 5% of those have a second role on the same account and
  about 1% of all contacts a role on a second, different account;
- every account has 1-3 opportunities; about 96% have at least one
  "Closed Won" and a third an older won one too, with another amount, so
  "latest won by CloseDate" matters; the rest are "Closed Lost" or open stages.
  Rows of one account are not in date order.

Deterministic for a given seed (default 1). 10,000 accounts and 50,000
contacts take about two seconds.
"""
import argparse
import csv
import datetime
import os
import random
import sys
import time
import unicodedata

ID_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
SUFFIX_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345"

FIRST = ["Anna", "Ben", "Chloe", "David", "Elif", "Femi", "Greta", "Hugo", "Inès", "Jonas",
         "Kira", "Lars", "Mei", "Nadia", "Omar", "Paula", "Quentin", "Rosa", "Sven", "Tariq",
         "Ulla", "Vik", "Wen", "Xavier", "Yara", "Zoë", "Sabine", "Henrik", "Marco", "Priya",
         "José", "Aisha", "Dana", "Marcus", "Ellen", "Jürgen", "Sofía", "Luc", "Oliver", "Kenji"]
LAST = ["Albers", "Brandt", "Costa", "Dubois", "Eriksen", "Fischer", "García", "Hansen",
        "Ivanova", "Jensen", "Kowalski", "Lenz", "Moreau", "Nakamura", "Okafor", "Petersen",
        "Quinn", "Rossi", "Schmidt", "Tanaka", "Ueda", "Varga", "Weber", "Xu", "Yilmaz", "Zhang",
        "O'Brien", "Weiß", "Ramírez", "Whitfield", "Chen", "Patel", "Müller", "da Silva"]
PLAIN_TITLES = ["Chief Operating Officer", "VP Operations", "Head of Logistics", "Head of IT",
                "Finance Director", "Procurement Lead", "Operations Manager", "Planning Lead",
                "Site Manager", "Head of Customer Service", "Data Analyst", "CFO", "CTO",
                "Chief Information Officer", "IT Manager", "Project Manager", "Buyer"]
AWKWARD_TITLES = ["Director, Procurement & Supply Chain", "VP, Operations", "Head of IT, EMEA",
                  "Chief Operating Officer\nand Co-Founder", "Operations Manager\nSite North",
                  'Head of "Smart Factory" Program', 'Lead, "Project Phoenix"',
                  "Director, Finance\n(interim)"]
NAME_FIRST = ["Northwind", "Blue Harbor", "Acme", "Globex", "Initech", "Umbrella", "Stark",
              "Wayne", "Cyberdyne", "Soylent", "Hooli", "Vandelay", "Contoso", "Fabrikam",
              "Tailspin", "Wingtip", "Litware", "Adventure Works", "Alpine", "Summit", "Redwood",
              "Silver Lake", "Ironclad", "Evergreen", "Bright Path", "Polar", "Harbor Point",
              "Meridian", "Crescent", "Golden Gate", "Nordlicht", "Zephyr", "Café Olé", "Müller",
              "São Paulo", "Kite", "Orbit", "Pioneer", "Keystone", "Lighthouse"]
NAME_SECOND = ["Logistics", "Robotics", "Health", "Foods", "Systems", "Analytics", "Energy",
               "Freight", "Pharma", "Retail", "Manufacturing", "Labs", "Networks", "Medical",
               "Industries", "Software", "Capital", "Materials", "Mobility", "Foods & Beverages"]
LEGAL = ["", "", "", " Inc.", ", Inc.", " GmbH", " AG", " Ltd", " LLC", " S.A.", " B.V.",
         " Corp", " plc", " SE", " K.K."]
# Shared names: several accounts are called exactly this, or something
# whose slug is the same.
SHARED_NAMES = ["Acme Corp", "Acme Corp", "ACME Corp.", "Acme-Corp", "Globex Inc.",
                "Globex, Inc.", "Café Olé, Inc.", "Cafe Ole Inc", "Northwind Logistics",
                "Blue Harbor Health"]
INDUSTRIES = ["Transportation", "Machinery", "Food & Beverage", "Healthcare", "Retail",
              "Manufacturing", "Technology", "Energy", "Finance", "Pharmaceuticals", ""]
ACCOUNT_TYPES = ["Customer - Direct", "Customer - Direct", "Customer - Channel", "Partner",
                 "Prospect"]
REGIONS = ["EMEA", "EMEA", "AMER", "AMER", "APAC"]
CONTACT_ROLES = ["Business User", "Decision Maker", "Economic Buyer", "Economic Decision Maker",
                 "Evaluator", "Executive Sponsor", "Influencer", "Technical Buyer", "Other"]
OPEN_STAGES = ["Prospecting", "Qualification", "Needs Analysis", "Value Proposition",
               "Id. Decision Makers", "Perception Analysis", "Proposal/Price Quote",
               "Negotiation/Review"]
OPP_SUFFIXES = ["Initial Platform", "Renewal", "Expansion", "Upgrade, Phase 2", "Pilot",
                "Add-on Seats", "Multi-year, EMEA", "Analytics Module"]
CURRENCIES = ["USD", "USD", "USD", "EUR", "EUR", "GBP"]


def sf_id(prefix, n):
    """An 18-character Salesforce id: 3-char key prefix, "Hp", a base-62
    serial, and the case-checksum suffix Salesforce appends to 15-char ids."""
    digits = ""
    for _ in range(10):
        n, r = divmod(n, 62)
        digits = ID_ALPHABET[r] + digits
    id15 = prefix + "Hp" + digits
    suffix = ""
    for i in range(0, 15, 5):
        flags = 0
        for bit, ch in enumerate(id15[i:i + 5]):
            if "A" <= ch <= "Z":
                flags |= 1 << bit
        suffix += SUFFIX_ALPHABET[flags]
    return id15 + suffix


def fold(text):
    """Lower-case ASCII: "Café Olé" -> "cafe ole", "Weiß" -> "weiss"."""
    text = unicodedata.normalize("NFKD", text.lower().replace("ß", "ss"))
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def slug(text):
    out = []
    for ch in fold(text):
        if ch.isascii() and ch.isalnum():
            out.append(ch)
        elif out and out[-1] != "-":
            out.append("-")
    return "".join(out).strip("-") or "account"


def local_part(first, last):
    return f"{slug(first)}.{slug(last).replace('-', '')}"


def date_between(rng, start, end):
    return start + datetime.timedelta(days=rng.randrange((end - start).days + 1))


def writer(path):
    f = open(path, "w", encoding="utf-8", newline="")
    return f, csv.writer(f, quoting=csv.QUOTE_ALL, lineterminator="\r\n")


def salesforce(out, n_accounts, n_contacts, seed):
    rng = random.Random(seed)
    os.makedirs(out, exist_ok=True)

    # Users: 20 AEs, 20 CSMs, 10 SEs; about one in twelve inactive.
    users = []  # (id, email, name, active, kind)
    seen_email = set()
    kinds = ["AE"] * 20 + ["CSM"] * 20 + ["SE"] * 10
    for i, kind in enumerate(kinds):
        while True:
            first, last = rng.choice(FIRST), rng.choice(LAST)
            email = f"{local_part(first, last)}@ourco.example"
            if email not in seen_email:
                seen_email.add(email)
                break
        active = rng.random() > 0.08
        users.append((sf_id("005", 1000 + i), email, f"{first} {last}", active, kind))
    f, w = writer(os.path.join(out, "User.csv"))
    w.writerow(["Id", "Email", "Name", "IsActive"])
    for uid, email, name, active, _ in users:
        w.writerow([uid, email, name, "true" if active else "false"])
    f.close()
    aes = [u for u in users if u[4] == "AE"]
    csms = [u for u in users if u[4] == "CSM"]
    ses = [u for u in users if u[4] == "SE"]
    active_aes = [u for u in aes if u[3]] or aes
    active_csms = [u for u in csms if u[3]] or csms

    # Accounts and their team.
    accounts = []  # (id, name, domain)
    fa, wa = writer(os.path.join(out, "Account.csv"))
    wa.writerow(["Id", "Name", "OwnerId", "Industry", "Type", "Website", "AnnualRevenue",
                 "Region__c"])
    ft, wt = writer(os.path.join(out, "AccountTeamMember.csv"))
    wt.writerow(["Id", "AccountId", "UserId", "TeamMemberRole"])
    atm_serial = 0
    for i in range(n_accounts):
        if rng.random() < 0.03:
            name = rng.choice(SHARED_NAMES)
        else:
            name = f"{rng.choice(NAME_FIRST)} {rng.choice(NAME_SECOND)}{rng.choice(LEGAL)}"
        aid = sf_id("001", 5000 + i)
        domain = f"{slug(name)}-{i}.example"
        owner = rng.choice(active_aes if rng.random() < 0.97 else aes)
        website = rng.choice([f"https://www.{domain}", f"https://{domain}", domain, ""])
        revenue = "" if rng.random() < 0.15 else str(rng.randrange(1, 5000) * 100000)
        region = "" if rng.random() < 0.05 else rng.choice(REGIONS)
        wa.writerow([aid, name, owner[0], rng.choice(INDUSTRIES), rng.choice(ACCOUNT_TYPES),
                     website, revenue, region])
        accounts.append((aid, name, domain))

        team = [(owner, "Account Manager")]
        if rng.random() < 0.92:
            team.append((rng.choice(active_csms if rng.random() < 0.95 else csms),
                         "Customer Success Manager"))
        if rng.random() < 0.3:
            team.append((rng.choice(ses), "Sales Engineer"))
        rng.shuffle(team)
        for user, role in team:
            wt.writerow([sf_id("01M", 9000 + atm_serial), aid, user[0], role])
            atm_serial += 1
    fa.close()
    ft.close()

    # Contacts: at least one per account while there are enough, the rest
    # skewed towards a fifth of the accounts.
    big = max(1, n_accounts // 5)
    homes = list(range(n_accounts)) if n_contacts >= n_accounts else []
    while len(homes) < n_contacts:
        homes.append(rng.randrange(big) if rng.random() < 0.6 else rng.randrange(n_accounts))
    rng.shuffle(homes)

    fc, wc = writer(os.path.join(out, "Contact.csv"))
    wc.writerow(["Id", "AccountId", "FirstName", "LastName", "Title", "Email", "Phone"])
    fr, wr = writer(os.path.join(out, "AccountContactRole.csv"))
    wr.writerow(["Id", "AccountId", "ContactId", "Role", "IsPrimary"])
    acr_serial = 0
    has_primary = set()
    emails = set()
    for j, home in enumerate(homes):
        aid, _, domain = accounts[home]
        cid = sf_id("003", 20000 + j)
        first, last = rng.choice(FIRST), rng.choice(LAST)
        r = rng.random()
        if r < 0.04:
            title = rng.choice(AWKWARD_TITLES)
        elif r < 0.10:
            title = ""
        else:
            title = rng.choice(PLAIN_TITLES)
        if rng.random() < 0.01:
            email = ""
        else:
            email = f"{local_part(first, last)}@{domain}"
            if email in emails:
                email = f"{local_part(first, last)}{j}@{domain}"
            emails.add(email)
        phone = "" if rng.random() < 0.3 else f"+1 (555) {rng.randrange(100, 1000)}-{rng.randrange(10000):04d}"
        wc.writerow([cid, aid, first, last, title, email, phone])

        if rng.random() < 0.6:
            roles = [rng.choice(CONTACT_ROLES)]
            if rng.random() < 0.05:
                roles.append(rng.choice([x for x in CONTACT_ROLES if x != roles[0]]))
            for role in roles:
                primary = aid not in has_primary and rng.random() < 0.5
                if primary:
                    has_primary.add(aid)
                wr.writerow([sf_id("02Z", 40000 + acr_serial), aid, cid, role,
                             "true" if primary else "false"])
                acr_serial += 1
        if n_accounts > 1 and rng.random() < 0.01:
            other = rng.randrange(n_accounts - 1)
            other += other >= home
            wr.writerow([sf_id("02Z", 40000 + acr_serial), accounts[other][0], cid,
                         rng.choice(CONTACT_ROLES), "false"])
            acr_serial += 1
    fc.close()
    fr.close()

    # Opportunities: 1-3 per account.
    fo, wo = writer(os.path.join(out, "Opportunity.csv"))
    wo.writerow(["Id", "AccountId", "Name", "StageName", "Amount", "CloseDate", "Type",
                 "IsWon", "CurrencyIsoCode"])
    opp_serial = 0
    d2023, d2024, d2025 = (datetime.date(2023, 1, 1), datetime.date(2024, 6, 30),
                           datetime.date(2025, 12, 31))
    for aid, name, _ in accounts:
        currency = rng.choice(CURRENCIES)
        count = rng.choice((1, 2, 2, 3))
        opps = []
        if rng.random() < 0.9:
            opps.append(("Closed Won", date_between(rng, datetime.date(2024, 7, 1), d2025)))
        while len(opps) < count:
            r = rng.random()
            if r < 0.4:
                opps.append(("Closed Won", date_between(rng, d2023, d2024)))
            elif r < 0.65:
                opps.append(("Closed Lost", date_between(rng, d2023, d2025)))
            else:
                opps.append((rng.choice(OPEN_STAGES),
                             date_between(rng, datetime.date(2026, 1, 1),
                                          datetime.date(2026, 12, 31))))
        rng.shuffle(opps)
        for stage, close in opps:
            won = stage == "Closed Won"
            amount = "" if (not stage.startswith("Closed") and rng.random() < 0.2) \
                else f"{rng.randrange(10, 900) * 500}.00"
            if won and not amount:
                amount = "10000.00"
            kind = "New Customer" if rng.random() < 0.4 else rng.choice(
                ["Existing Customer - Upgrade", "Existing Customer - Replacement",
                 "Existing Customer - Downgrade"])
            wo.writerow([sf_id("006", 70000 + opp_serial), aid,
                         f"{name} - {rng.choice(OPP_SUFFIXES)}", stage, amount,
                         close.isoformat(), kind, "true" if won else "false", currency])
            opp_serial += 1
    fo.close()
    return {"users": len(users), "accounts": n_accounts, "team members": atm_serial,
            "contacts": n_contacts, "contact roles": acr_serial, "opportunities": opp_serial}


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--accounts", type=int, required=True, metavar="N")
    p.add_argument("--contacts", type=int, required=True, metavar="M")
    p.add_argument("--out", required=True, metavar="DIR")
    p.add_argument("--system", default="salesforce", choices=["salesforce"])
    p.add_argument("--seed", type=int, default=1)
    args = p.parse_args()
    if args.accounts < 1 or args.contacts < 0:
        p.error("--accounts must be at least 1 and --contacts at least 0")
    start = time.monotonic()
    counts = salesforce(args.out, args.accounts, args.contacts, args.seed)
    took = time.monotonic() - start
    print(f"wrote {args.system} export to {args.out} in {took:.1f}s: "
          + ", ".join(f"{v} {k}" for k, v in counts.items()), file=sys.stderr)


if __name__ == "__main__":
    main()
