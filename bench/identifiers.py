#!/usr/bin/env python3
"""Scores `horizon identify` on a labelled file of stories with identifiers: precision and recall
per identifier type. python3 bench/identifiers.py [--horizon PATH] FILE.json [--errors]"""
import argparse
import json
import subprocess
from collections import Counter

parser = argparse.ArgumentParser()
parser.add_argument("file")
parser.add_argument("--horizon", default=".build/release/horizon")
parser.add_argument("--errors", action="store_true")
args = parser.parse_args()
items = {i["id"]: i for i in json.load(open(args.file))["items"]}
out = subprocess.run([args.horizon, "identify", "--config", "/nonexistent.json", "--file", args.file, "--format", "json"],
                     capture_output=True, text=True, check=True).stdout
found = {i["id"]: {(x["type"], x["value"]) for x in i["identifiers"]} for i in json.loads(out)}
tp, fp, fn = Counter(), Counter(), Counter()
for id, item in items.items():
    truth = {(x["type"], x["value"]) for x in item["identifiers"]}
    for t in truth & found[id]: tp[t[0]] += 1
    for t in found[id] - truth:
        fp[t[0]] += 1
        if args.errors: print(f"  {id} false {t}: {item['summary'][:200]}")
    for t in truth - found[id]:
        fn[t[0]] += 1
        if args.errors: print(f"  {id} missed {t}: {item['summary'][:200]}")
print(f"{args.file}: {len(items)} stories, {sum(tp.values()) + sum(fn.values())} identifiers")
for kind in sorted(set(tp) | set(fp) | set(fn)):
    p = tp[kind] / (tp[kind] + fp[kind]) if tp[kind] + fp[kind] else 1
    r = tp[kind] / (tp[kind] + fn[kind]) if tp[kind] + fn[kind] else 1
    print(f"  {kind:7} precision {p:.3f} recall {r:.3f} ({tp[kind]} right, {fp[kind]} false, {fn[kind]} missed)")
