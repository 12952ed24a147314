#!/usr/bin/env python3
"""Learning benchmark (#16): does a hub's own triage make its priorities better?

Labelled items (the shape of ../shared/data/dev-items.json) are split in time. The first half is
fetched from a feed file into a fresh data directory and triaged with `horizon mark --hub`: an item
whose labels touch the hub's themes is shortlisted, any other rejected. The second half then arrives
in a second fetch. Its items' stored priorities for the hub are ranked against the truth (relevant
to the hub or not), once with the decisions and once in a twin data directory without them:
ROC AUC (unmatched items count as priority 0) and precision at 20.

With --focus, the hub wants only items on some of its themes (its decisions are narrower than its
configuration): the case where the themes alone cannot rank well and the decisions must teach.

    python3 bench/learning.py [--hub dorset] [--horizon .build/release/horizon] FILE.json...
"""
import argparse, json, os, shutil, subprocess, sys, tempfile
from email.utils import format_datetime
from datetime import datetime
from xml.sax.saxutils import escape

def rss(items, path):
    parts = ['<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>labelled</title>'
             '<link>https://example.org/</link><description>labelled items</description>']
    for item in items:
        date = datetime.fromisoformat(item["published"].replace("Z", "+00:00"))
        parts.append("<item><title>%s</title><link>%s</link><guid>%s</guid><pubDate>%s</pubDate>"
                     "<description>%s</description></item>" % (
                         escape(item["title"]), escape(item["link"]), escape(item["id"]),
                         format_datetime(date), escape(item["summary"])))
    parts.append("</channel></rss>\n")
    with open(path, "w", encoding="utf-8") as out:
        out.write("".join(parts))

def auc(scores, labels):
    pos = [s for s, l in zip(scores, labels) if l]
    neg = [s for s, l in zip(scores, labels) if not l]
    if not pos or not neg:
        return 0.5
    wins = sum(1 if p > n else 0.5 if p == n else 0 for p in pos for n in neg)
    return wins / (len(pos) * len(neg))

def precision_at(scores, labels, k):
    order = sorted(range(len(scores)), key=lambda i: (-scores[i], i))[:k]
    return sum(labels[i] for i in order) / max(1, len(order))

def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("files", nargs="+")
    parser.add_argument("--hub", default="dorset")
    parser.add_argument("--horizon", default=".build/release/horizon")
    parser.add_argument("--config", default="feeds.json")
    parser.add_argument("--keep", action="store_true")
    parser.add_argument("--focus", default="",
                        help="comma-separated themes the hub really wants (default: all its themes): a hub "
                             "whose decisions are narrower than its configured themes")
    args = parser.parse_args()
    horizon = os.path.abspath(args.horizon)

    items = []
    for number, name in enumerate(args.files):
        for index, item in enumerate(json.load(open(name))["items"]):
            # Sets without dates or links (test fixtures) take them from their order in the file.
            item.setdefault("published", "2026-%02d-%02dT09:00:00Z" % (1 + index // 28 % 12, 1 + index % 28))
            item.setdefault("link", "https://example.org/labelled/%d/%s" % (number, item["id"]))
            item["id"] = "%d-%s" % (number, item["id"])
            items.append(item)
    items.sort(key=lambda i: (i["published"], i["id"]))
    half = len(items) // 2
    first, second = items[:half], items[half:]

    config = json.load(open(args.config))
    hub = next(h for h in config["hubs"] if h["id"] == args.hub)
    themes = set(args.focus.split(",")) if args.focus else set(hub["themes"])
    relevant = {i["link"]: bool(themes & set(i["labels"])) for i in items}

    work = tempfile.mkdtemp(prefix="horizon-learning-")
    feed = os.path.join(work, "feed.xml")
    config["feeds"] = [{"id": "labelled", "url": "file://" + feed, "title": "Labelled items"}]
    config_path = os.path.join(work, "feeds.json")
    json.dump(config, open(config_path, "w"))
    env = dict(os.environ, HORIZON_CONFIG=config_path, HORIZON_USER="bench")

    def run(data, *arguments):
        return subprocess.run([horizon, "--data", data] + list(arguments), env=env, check=True,
                              capture_output=True, text=True).stdout

    def catalogue(data):
        return json.load(open(os.path.join(data, "catalogue.json")))["items"]

    with_decisions, without = os.path.join(work, "with"), os.path.join(work, "without")
    rss(first, feed)
    run(with_decisions, "fetch", "--quiet")
    shutil.copytree(with_decisions, without)
    wanted, unwanted = [], []
    for item in catalogue(with_decisions):
        (wanted if relevant.get(item["link"]) else unwanted).append(item["id"])
    if wanted:
        run(with_decisions, "mark", *wanted, "--hub", args.hub, "--status", "shortlisted", "--by", "bench")
    if unwanted:
        run(with_decisions, "mark", *unwanted, "--hub", args.hub, "--status", "rejected", "--by", "bench")
    rss(first + second, feed)
    results = {}
    for name, data in (("without decisions", without), ("with decisions", with_decisions)):
        run(data, "fetch", "--quiet", "--all")
        links = {i["link"] for i in second}
        stored = [i for i in catalogue(data) if i["link"] in links]
        scores = [(i.get("priorities") or {}).get(args.hub, 0.0) for i in stored]
        labels = [relevant[i["link"]] for i in stored]
        results[name] = (auc(scores, labels), precision_at(scores, labels, 20), len(stored), sum(labels))
        if os.environ.get("LEARNING_TOP"):
            byLink = {i["link"]: i for i in items}
            for n, i in enumerate(sorted(range(len(stored)), key=lambda k: (-scores[k], k))[:25]):
                print("  %s %2d %.2f %s %-60s %s" % (name[:7], n + 1, scores[i], "+" if labels[i] else "-",
                      stored[i]["title"][:60], ",".join(byLink[stored[i]["link"]]["labels"])))
    learn = json.loads(run(with_decisions, "themes", "learn", "--hub", args.hub, "--format", "json"))
    print("hub %s%s: %d decisions on the first half (%d wanted, %d rejected); second half %d items, %d relevant"
          % (args.hub, " (focus: %s)" % args.focus if args.focus else "", len(wanted) + len(unwanted), len(wanted), len(unwanted), results["with decisions"][2],
             results["with decisions"][3]))
    print("%-20s %8s %8s" % ("", "ROC AUC", "P@20"))
    for name, (a, p, _, _) in results.items():
        print("%-20s %8.3f %8.2f" % (name, a, p))
    gain = results["with decisions"][0] - results["without decisions"][0]
    print("AUC gain %.3f; themes learn (cross-validated on the decisions): AUC %.3f without, %.3f with"
          % (gain, learn.get("withoutLearning", {}).get("rocAUC", 0), learn.get("withLearning", {}).get("rocAUC", 0)))
    if not args.keep:
        shutil.rmtree(work)
    else:
        print("kept", work)

if __name__ == "__main__":
    main()
