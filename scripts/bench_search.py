#!/usr/bin/env python3
"""Times typical `horizon search` queries as whole processes and checks each first screen.

Usage: bench_search.py HORIZON CONFIG DATA [RUNS]

Each query runs RUNS times (default 10) after one warm-up; the median and worst wall times and the
peak resident memory of the process are printed. Each query has a check that every item on its first
screen (10 results) must pass, read from the JSON output: the query's words in the title or summary,
the filter honoured.
"""
import json, os, re, statistics, subprocess, sys, time

horizon, config, data = sys.argv[1:4]
runs = int(sys.argv[4]) if len(sys.argv) > 4 else 10


def words(*needles):
    return lambda item: all(re.search(n, (item["title"] + " " + item["summary"]).lower()) for n in needles)


def in_title(*needles):
    return lambda item: all(re.search(n, item["title"].lower()) for n in needles)


def hub(name):
    return lambda item: any(m["hub"] == name for m in item["matches"])


def theme(name):
    return lambda item: any(m["theme"] == name for m in item["matches"])


QUERIES = [
    # (arguments, checks every first-screen item must pass)
    (["virtual", "ward", "--hub", "dorset"], [words(r"\bvirtual\b", r"\bwards?\b"), hub("dorset")]),
    (['"remote patient monitoring"', "--since", "2024-06-01"], [words(r"remote[- ]patient[- ]monitoring"), lambda i: (i.get("published") or i["firstSeen"]) >= "2024-06-01"]),
    (["sepsis", "ai", "--theme", "digital-transformation"], [words(r"\bsepsis\b", r"\bai\b"), theme("digital-transformation")]),
    (["diabetic", "retinopathy", "--status", "new"], [words(r"\bdiabetic\b", r"\bretinopathy\b"), lambda i: i["status"] == "new"]),
    (["heart failure -children"], [words(r"\bheart\b", r"\bfailure"), lambda i: "children" not in (i["title"] + " " + i["summary"]).lower()]),
    (["title:malaria", "vaccine", "--sort", "date"], [in_title(r"\bmalaria\b"), words(r"\bvaccin")]),
    (["copd", "OR", "asthma", "--hub", "cheshire-merseyside"], [words(r"\b(copd|asthma)\b"), hub("cheshire-merseyside")]),
    (["hospital-at-home", "copd"], [words(r"hospital[- ]at[- ]home", r"\bcopd\b")]),
    (["care"], [words(r"\bcare\b")]),
    (["--hub", "dorset", "--sort", "date"], [hub("dorset")]),
]


def run(arguments, fmt=None):
    command = [horizon, "--config", config, "--data", data, "search", *arguments, "--limit", "10"]
    if fmt:
        command += ["--format", fmt]
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out, err = process.communicate()
    wall = time.perf_counter() - start
    # communicate() reaped the child; its peak memory is in the children's usage (a running max).
    if process.returncode != 0:
        sys.exit(f"{' '.join(arguments)}: exit {process.returncode}: {err.decode().strip()}")
    return wall, out


import resource

index = os.path.join(data, "search.idx")
catalogue = os.path.join(data, "catalogue.json")
items = sum(1 for line in open(catalogue, "rb") if line.startswith(b"{\"id\""))
print(f"catalogue: {items} items, {os.path.getsize(catalogue) / 1e6:.0f} MB; index: {os.path.getsize(index) / 1e6:.0f} MB")
print(f"{'query':<58} {'median':>8} {'worst':>8} {'results':>8}  first screen")
all_walls = []
failures = 0
for arguments, checks in QUERIES:
    run(arguments)  # warm-up: pages in the page cache, as for an analyst's second query
    walls = [run(arguments)[0] for _ in range(runs)]
    all_walls += walls
    _, out = run(arguments, "json")
    results = json.loads(out)
    bad = [r["title"] for r in results if not all(check(r) for check in checks)]
    failures += bool(bad) or not results
    verdict = "ok" if results and not bad else f"WRONG: {bad[:2]}" if bad else "EMPTY"
    print(f"{' '.join(arguments):<58} {statistics.median(walls):>7.3f}s {max(walls):>7.3f}s {len(results):>8}  {verdict}")
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print(f"all queries: median {statistics.median(all_walls):.3f} s, worst {max(all_walls):.3f} s; peak memory of one search {peak:.0f} MB")
sys.exit(1 if failures else 0)
