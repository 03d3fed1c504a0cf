"""How the coder meets news nobody tuned it on: invented texts written for this project.

    python benchmarks/newcomer_texts.py            # figures and the texts that went wrong
    python benchmarks/newcomer_texts.py --quiet    # figures only

`benchmarks/newcomer_texts/` holds short news texts in two kinds, told by the file name:
* no political violence at all, with every word a naive coder would take for it (sport, business,
  politics in words, accidents, disasters, ordinary crime, animals, fiction, history): names
  starting `f` or `p2_n`; the right answer is no event;
* political violence or demonstrations, in several styles (wire, local paper, lower case, capitals,
  a photo caption, several events in one text, the event told late or with a relative date):
  names starting `v`, `p2_v` or `p3_v`; each should give at least one event.

Three texts of the first kind rightly give an event (`EXPECTED`): two report peaceful marches,
which ACLED codes, and one recalls a dated massacre of 2010, a background event with its own date. It prints the share of each kind coded right: figures
to read, not a test.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
TEXTS = HERE / "newcomer_texts"
# events rightly found in texts of the first kind: peaceful marches, which ACLED codes, and a
# massacre of 2010 that an anniversary piece dates, coded as a background event with its own date
EXPECTED = ("f043_", "f051_", "p3_n12_")


def kind(name: str) -> str:
    stem = name[3:] if name.startswith(("p2_", "p3_")) else name
    return "violent" if stem.startswith("v") else "other"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quiet", action="store_true", help="figures only")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(HERE.parent / "src"))
    from conflictcoder.pipeline import code_paths

    events: dict[str, list[str]] = {}
    for result in code_paths([TEXTS], TEXTS / "meta.jsonl"):
        if not hasattr(result, "document"):
            print(f"could not read {result.doc_id}: {result.reason}")
            continue
        events[result.document.doc_id] = [f"{e.sub_event_type}: {e.sources[0].sentence[:90]!r}"
                                          for e in result.events]
    wrong_other, missed = [], []
    counts = {"other": 0, "violent": 0}
    for doc_id, found in sorted(events.items()):
        k = kind(doc_id)
        counts[k] += 1
        if k == "other" and found and not doc_id.startswith(EXPECTED):
            wrong_other.append((doc_id, found))
        if k == "violent" and not found:
            missed.append(doc_id)
    other, violent = counts["other"] - len(EXPECTED), counts["violent"]
    print(f"texts without political violence: {other - len(wrong_other)}/{other} give no event")
    print(f"texts of political violence or protest: {violent - len(missed)}/{violent} give an event")
    if not args.quiet:
        for doc_id, found in wrong_other:
            print(f"  false event in {doc_id}: {found[0]}")
        for doc_id in missed:
            print(f"  missed: {doc_id}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
