#!/usr/bin/env python3
"""Scores `horizon identify` on a labelled file of stories about innovations.

Each item has "innovation" (a name, or null) and "stage". Grouping is scored over pairs of stories:
a pair is grouped when Horizon puts both into one innovation record, and truly grouped when both
carry the same label. Stage accuracy counts every story.

    python3 bench/innovations.py [--horizon PATH] FILE.json [--errors]
"""
import argparse
import json
import subprocess
from itertools import combinations


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("file")
    parser.add_argument("--horizon", default=".build/release/horizon")
    parser.add_argument("--errors", action="store_true")
    args = parser.parse_args()
    items = {i["id"]: i for i in json.load(open(args.file))["items"]}
    out = subprocess.run([args.horizon, "identify", "--config", "/nonexistent.json", "--file", args.file,
                          "--format", "json"], capture_output=True, text=True, check=True).stdout
    found = {i["id"]: i for i in json.loads(out)}
    tp = fp = fn = 0
    for a, b in combinations(sorted(items), 2):
        truth = items[a].get("innovation") is not None and items[a].get("innovation") == items[b].get("innovation")
        guess = bool(set(found[a]["innovations"]) & set(found[b]["innovations"]))
        tp += truth and guess
        fp += guess and not truth
        fn += truth and not guess
    p = tp / (tp + fp) if tp + fp else 0
    r = tp / (tp + fn) if tp + fn else 0
    f = 2 * p * r / (p + r) if p + r else 0
    right = sum(found[i]["stage"] == items[i]["stage"] for i in items)
    print(f"{args.file}: {len(items)} stories, {len({i['innovation'] for i in items.values() if i['innovation']})} innovations")
    print(f"grouping pairs: precision {p:.3f} recall {r:.3f} F1 {f:.3f} (tp {tp}, fp {fp}, fn {fn})")
    print(f"stage accuracy: {right / len(items):.3f} ({right}/{len(items)})")
    if args.errors:
        for i in sorted(items):
            if found[i]["stage"] != items[i]["stage"] or (items[i]["innovation"] or "-") not in (found[i]["innovations"] or ["-"]):
                print(f"  {i} want {items[i]['innovation']!r}/{items[i]['stage']} got {found[i]['innovations']}/{found[i]['stage']}: {items[i]['title']} | {items[i]['summary'][:160]}")


main()
