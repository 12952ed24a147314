#!/usr/bin/env python3
"""Writes labelled/identifiers.json: stories with identifiers in the forms news and press releases
use (bare, bracketed, in links, with prefixes, at the end of a sentence), and decoys that must give
nothing (phone numbers, postcodes, dates, money, version numbers, NICE-like codes outside NICE, wrong
digit counts). Each item lists the identifiers it holds, canonical: python3 labelled/make_identifiers.py
"""
import json
import random

random.seed(23)


def digits(n):
    return "".join(random.choice("0123456789") for _ in range(n))


def nct():
    v = "NCT" + digits(8)
    forms = [f"(ClinicalTrials.gov: {v})", f"registered as {v}.", f"trial {v},", f"https://clinicaltrials.gov/study/{v}",
             f"https://clinicaltrials.gov/ct2/show/{v}?term=x", f"NCT number {v}", f"[{v}]", f"{v.lower()}"]
    return random.choice(forms), ("nct", v)


def isrctn():
    v = "ISRCTN" + digits(8)
    forms = [f"ISRCTN registry ({v})", f"trial registration: {v}.", f"https://www.isrctn.com/{v}", f"{v};"]
    return random.choice(forms), ("isrctn", v)


def euct():
    if random.random() < 0.5:
        v = f"20{digits(2)}-{digits(6)}-{digits(2)}"
        forms = [f"EudraCT number {v}", f"(EudraCT {v})", f"EudraCT: {v}."]
    else:
        v = f"202{random.randint(2, 5)}-5{digits(5)}-{digits(2)}-00"
        forms = [f"EU CT number {v}", f"(EU CT {v})", f"registered in CTIS as {v}."]
    return random.choice(forms), ("euct", v)


def doi():
    prefix = random.choice(["10.1136", "10.1016", "10.1038", "10.1371", "10.3310", "10.1093", "10.1186"])
    suffix = random.choice([f"bmj.n{digits(3)}", f"S0140-6736({digits(2)}){digits(5)}-{random.randint(0, 9)}",
                            f"s41591-0{digits(2)}-0{digits(4)}-{random.randint(0, 9)}", f"journal.pmed.{digits(7)}",
                            f"hta{digits(5)}", f"ageing/afad{digits(3)}", f"s12913-0{digits(2)}-{digits(5)}-{random.randint(0, 9)}"])
    v = f"{prefix}/{suffix}"
    forms = [f"doi:{v}", f"https://doi.org/{v}", f"(doi: {v}).", f"DOI {v.upper() if random.random() < 0.3 else v},",
             f"http://dx.doi.org/{v}", f"published at https://doi.org/{v}."]
    return random.choice(forms), ("doi", v.lower())


def pmid():
    v = str(random.randint(10000000, 39999999))
    forms = [f"PMID: {v}", f"(PMID {v})", f"PubMed ID {v}.", f"https://pubmed.ncbi.nlm.nih.gov/{v}/", f"PMID:{v};"]
    return random.choice(forms), ("pmid", v)


def pmcid():
    v = "PMC" + str(random.randint(1000000, 11999999))
    forms = [f"({v})", f"full text at {v}.", f"https://www.ncbi.nlm.nih.gov/pmc/articles/{v}/", f"PMCID: {v}"]
    return random.choice(forms), ("pmcid", v)


def nice():
    prefix = random.choice(["TA", "NG", "QS", "MTG", "DG", "HTE", "IPG", "ES"])
    v = prefix + str(random.randint(1, 999) if prefix != "TA" else random.randint(100, 1050))
    forms = [f"NICE guidance {v}", f"in NICE's {v}", f"NICE ({v})", f"https://www.nice.org.uk/guidance/{v.lower()}",
             f"The National Institute for Health and Care Excellence published {v}."]
    return random.choice(forms), ("nice", v)


def nihr():
    v = "NIHR" + str(random.randint(130000, 209999))
    forms = [f"funded by the NIHR ({v})", f"NIHR award {v}.", f"grant {v}", f"https://fundingawards.nihr.ac.uk/award/{v}"]
    return random.choice(forms), ("nihr", v)


KINDS = [nct, isrctn, euct, doi, pmid, pmcid, nice, nihr]

DECOYS = [
    lambda: f"Call 0{digits(3)} {digits(3)} {digits(4)} for details.",
    lambda: f"Call 01202 {digits(6)} or text 07{digits(3)} {digits(6)}.",
    lambda: f"The clinic is at NG{random.randint(1, 25)} {random.randint(1, 9)}PB in Nottingham.",
    lambda: f"Write to us at TA{random.randint(1, 9)} {random.randint(1, 9)}AB.",
    lambda: f"The event runs from 2025-{random.randint(1, 12):02d}-{random.randint(10, 28)} to 2025-12-01.",
    lambda: f"It cost £{random.randint(1, 99)}.{digits(2)}m, or 10.{digits(2)} per cent more than planned.",
    lambda: f"Version 10.{random.randint(1, 9)}.{random.randint(1, 20)} of the app adds dark mode.",
    lambda: f"The TA{random.randint(100, 999)} bus route and the NG{random.randint(10, 99)} form were mentioned.",
    lambda: f"Reference NCT{digits(6)} was a typo; so was ISRCTN{digits(5)}.",
    lambda: f"Order PMC-{digits(4)} and part QS{random.randint(1, 99)}-B from the catalogue.",
    lambda: f"Ward 10.{digits(4)} opened at 10.30am.",
    lambda: f"Invoice 2024-{digits(5)}-{digits(2)} was paid.",
    lambda: f"Staff ID NIHR-{digits(3)} badge.",
    lambda: f"Sales grew 10.{digits(4)}% to $1.{digits(3)}bn.",
    lambda: f"See figure 10.{random.randint(1, 9)} on page {random.randint(10, 99)}.",
]

OPENERS = [
    "Results of a study of remote monitoring for older people were published this week",
    "A trial of a new approach to diabetes care in Dorset has begun recruiting",
    "Researchers evaluating a falls prevention programme reported their findings",
    "A digital tool for heart failure patients showed promise",
    "The hub's innovation lead shared the evidence behind a new frailty service",
    "NICE has published advice on a device for people with COPD",
    "A study of AI in breast screening reported early results",
    "An NHS trust described how it adopted a virtual ward",
]


def main():
    items = []
    k = 0
    for n in range(340):
        k += 1
        parts = [random.choice(OPENERS) + "."]
        truth = []
        count = random.choice([0, 1, 1, 1, 2, 2, 3])
        for _ in range(count):
            text, ident = random.choice(KINDS)()
            if ident[0] == "nice" and "nice" not in text.lower() and "national institute" not in text.lower():
                text = "NICE guidance " + text
            text = text.rstrip(",;")
            parts.append(random.choice(["Details: ", "See ", "The paper is ", "Registered: ", "", "Read more: "]) + text
                         + ("" if text.endswith(".") else "."))
            if ident not in truth:
                truth.append(ident)
        for _ in range(random.choice([0, 1, 1, 2])):
            parts.append(random.choice(DECOYS)())
        random.shuffle(parts[1:])
        summary = " ".join(parts)
        # Decoy stories never mention NICE, so TA/NG/QS codes in them are not guidance.
        if not any(t[0] == "nice" for t in truth):
            summary = summary.replace("NICE has published", "The hub has published")
        items.append({"id": f"i{k:03d}", "title": "Health innovation news", "summary": summary,
                      "link": f"https://news.example.org/story/{k}",
                      "identifiers": [{"type": t, "value": v} for t, v in truth]})
    print(json.dumps({"name": "identifiers", "note": "Stories with identifiers in the forms found in the wild, and decoys; made by make_identifiers.py.",
                      "items": items}, indent=1))


main()
