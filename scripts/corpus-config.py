#!/usr/bin/env python3
"""Writes a horizon configuration that lists the feeds of a corpus made by
../shared/bench/gen_corpus.py at the URLs ../shared/bench/serve.sh serves them on, with the
shipped feeds.json's themes and hubs.

    scripts/corpus-config.py CORPUS PORT OUT.json [FEEDS.json]

FEEDS.json (default: the shipped one) gives the themes, hubs and settings: an older build is measured
with the feeds.json of its own commit.
"""
import json
import pathlib
import sys

corpus, port, out = sys.argv[1:4]
source = sys.argv[4] if len(sys.argv) > 4 else pathlib.Path(__file__).resolve().parent.parent / "feeds.json"
files = [line.strip() for line in open(f"{corpus}/files.txt") if line.strip()]
config = json.load(open(source))
config["feeds"] = [{"id": f"f{i:04d}", "url": f"http://127.0.0.1:{port}/{f}", "title": f} for i, f in enumerate(files)]
json.dump(config, open(out, "w"))
