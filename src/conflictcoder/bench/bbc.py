"""BBC news 2004-2005, the control for false events: events per 100 stories in the categories
outside politics (sport, business, tech, entertainment), where the right answer is (almost) none.
Politics stories may report real violence and are counted apart, not scored. No publication
dates are given (the stories are from 2004-2005)."""
from __future__ import annotations

from collections import Counter
from pathlib import Path

from .common import code_rows, read_jsonl, write_predictions

FILE = Path("benchmarks/bbc/bbc_news_dev.jsonl")
SCORED = ("sport", "business", "tech", "entertainment")


def score(rows: list[dict], events: dict[str, list[dict]]) -> dict:
    stories, found = Counter(), Counter()
    examples = []
    for row in rows:
        category = row.get("category", "")
        stories[category] += 1
        found[category] += len(events.get(row["doc_id"], []))
        if category in SCORED:
            examples += [f"{row['doc_id']}: {e['sub_event_type']}: {e['sources'][0]['sentence'][:100]!r}"
                         for e in events.get(row["doc_id"], []) if e.get("sources")]
    scored_stories = sum(stories[c] for c in SCORED)
    scored_events = sum(found[c] for c in SCORED)
    return {
        "stories_scored": scored_stories,
        "false_events": scored_events,
        "false_events_per_100": round(100 * scored_events / scored_stories, 2) if scored_stories else 0.0,
        "per_category": {c: f"{found[c]} events in {stories[c]} stories" for c in sorted(stories)},
        "false_event_examples": examples[:40],
    }


def run(shared_dir: Path, options=None, limit: int | None = None, pred_out=None) -> dict:
    rows = read_jsonl(Path(shared_dir) / FILE, limit)
    events = code_rows(rows, options)
    write_predictions(events, pred_out)
    return score(rows, events)
