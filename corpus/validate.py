"""Check a corpus file's format and labels, and print its counts.

    python3 corpus/validate.py corpus/train/w1.jsonl [more files]

Exits 1 when a record is malformed. Depends on the standard library only, so that writers can run
it anywhere.
"""
from __future__ import annotations

import collections
import json
import sys

EVENT_LABELS = [
    "Armed clash", "Government regains territory", "Non-state actor overtakes territory",
    "Chemical weapon", "Air/drone strike", "Suicide bomb", "Shelling/artillery/missile attack",
    "Remote explosive/landmine/IED", "Grenade", "Sexual violence", "Attack",
    "Abduction/forced disappearance", "Peaceful protest", "Protest with intervention",
    "Excessive force against protesters", "Violent demonstration", "Mob violence", "Agreement",
    "Arrests", "Change to group/activity", "Disrupted weapons use",
    "Headquarters or base established", "Looting/property destruction",
    "Non-violent transfer of territory", "Other",
]
NONE_KINDS = ["metaphor", "sport", "plan", "threat", "denial", "hypothetical", "aggregate",
              "past", "crime", "disaster", "accident", "fiction", "other"]
LABELS = set(EVENT_LABELS) | {f"none:{k}" for k in NONE_KINDS}
DOMAINS = {"conflict", "protest", "security", "sport", "business", "tech", "entertainment",
           "film_tv_games", "health", "weather_disasters", "accidents", "crime_courts",
           "history_anniversaries", "politics_diplomacy", "military_drills", "obituaries",
           "science", "lifestyle"}
REGISTERS = {"wire", "local", "press_release", "analysis", "headline", "lowercase", "allcaps",
             "translated", "social", "broadcast", "caption"}


def problems_of(record: dict) -> list[str]:
    found = []
    for key in ("id", "domain", "country", "register", "sentences"):
        if key not in record:
            found.append(f"missing {key}")
    if record.get("domain") not in DOMAINS:
        found.append(f"unknown domain {record.get('domain')!r}")
    if record.get("register") not in REGISTERS:
        found.append(f"unknown register {record.get('register')!r}")
    sentences = record.get("sentences")
    if not isinstance(sentences, list) or not 1 <= len(sentences) <= 8:
        found.append("sentences must be a list of 1 to 8")
        return found
    for sentence in sentences:
        if not isinstance(sentence, dict) or not str(sentence.get("text", "")).strip():
            found.append("a sentence without text")
        elif sentence.get("label") not in LABELS:
            found.append(f"unknown label {sentence.get('label')!r}")
    return found


def main(paths: list[str]) -> int:
    labels, domains, countries, registers = (collections.Counter() for _ in range(4))
    bad = 0
    ids = set()
    for path in paths:
        with open(path, encoding="utf-8") as handle:
            for number, line in enumerate(handle, 1):
                if not line.strip():
                    continue
                try:
                    record = json.loads(line)
                except json.JSONDecodeError as exc:
                    print(f"{path}:{number}: not JSON ({exc})")
                    bad += 1
                    continue
                problems = problems_of(record)
                if record.get("id") in ids:
                    problems.append(f"repeated id {record.get('id')}")
                ids.add(record.get("id"))
                for problem in problems:
                    print(f"{path}:{number}: {problem}")
                bad += bool(problems)
                if problems:
                    continue
                domains[record["domain"]] += 1
                countries[record["country"]] += 1
                registers[record["register"]] += 1
                for sentence in record["sentences"]:
                    labels[sentence["label"]] += 1
    events = sum(n for label, n in labels.items() if not label.startswith("none:"))
    print(f"{len(ids)} paragraphs, {sum(labels.values())} sentences: {events} event, "
          f"{sum(labels.values()) - events} non-event; {len(countries)} countries; {bad} bad records")
    for title, counter in (("labels", labels), ("domains", domains), ("registers", registers)):
        print(f"{title}: " + ", ".join(f"{k} {v}" for k, v in counter.most_common()))
    missing = [label for label in EVENT_LABELS if labels[label] == 0]
    if missing:
        print("event labels not yet used: " + ", ".join(missing))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
