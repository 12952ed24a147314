#!/usr/bin/env python3
"""Duplicate detection quality of a catalogue against a corpus's known duplicate groups.

    dedup_quality.py CORPUS_DIR CATALOGUE.json FEEDS_CONFIG.json

CORPUS_DIR is written by ../shared/bench/gen_corpus.py (manifest.json lists the true groups of
re-published stories); the catalogue is Horizon's after fetching that corpus with FEEDS_CONFIG (whose
feed ids map to the corpus files in order). Prints precision and recall over duplicate pairs: two
entries form a predicted pair when they ended in the same catalogue item, a true pair when the
manifest puts them in the same story."""
import itertools
import json
import sys

corpus, catalogue_path, config_path = sys.argv[1:4]
manifest = json.load(open(f"{corpus}/manifest.json"))
config = json.load(open(config_path))
feed_index = {feed["id"]: i for i, feed in enumerate(config["feeds"])}

# True story of every (feed index, link as written).
story_of = {}
with open(f"{corpus}/items.jsonl") as f:
    for line in f:
        item = json.loads(line)
        # Horizon stores links resolved against the feed; the corpus gives both forms.
        story_of[(item["feed"], item["link_written"])] = item["story"]
        story_of.setdefault((item["feed"], item["link"]), item["story"])

predicted = {}
catalogue = json.load(open(catalogue_path))
for item in catalogue["items"]:
    for source in item["sources"]:
        key = (feed_index.get(source["feed"]), source["link"])
        if key in story_of:
            predicted[key] = item["id"]

def pairs(groups):
    result = set()
    for members in groups.values():
        for a, b in itertools.combinations(sorted(members), 2):
            result.add((a, b))
    return result

true_groups, predicted_groups = {}, {}
seen_entries = set()
for key, story in story_of.items():
    if key in predicted and (key[0], story) not in seen_entries:
        seen_entries.add((key[0], story))
        true_groups.setdefault(story, []).append(key)
        predicted_groups.setdefault(predicted[key], []).append(key)
true_pairs, predicted_pairs = pairs(true_groups), pairs(predicted_groups)
hits = len(true_pairs & predicted_pairs)
precision = hits / len(predicted_pairs) if predicted_pairs else 1.0
recall = hits / len(true_pairs) if true_pairs else 1.0
print(f"entries matched to the corpus: {len(seen_entries)} of {manifest['totals']['items']}")
print(f"true duplicate pairs: {len(true_pairs)}; predicted pairs: {len(predicted_pairs)}; both: {hits}")
print(f"precision {precision:.4f}  recall {recall:.4f}")
