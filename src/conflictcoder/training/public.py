"""Examples from licence-clean public data in ../shared/benchmarks, read there, never copied:

- MUC-4 training texts and keys (FBIS translations, US government work, public domain): a
  sentence that names a target, victim or instrument of an accomplished incident of its text is
  an example of that incident's type, mapped to ACLED. Only positives are taken: MUC-4 leaves
  out fighting between armies and guerrillas, which ACLED codes, so its irrelevant texts are no
  negatives for us.
- PLOVER gold-standard records (CC BY-SA 4.0, openeventdata/PLOVER): single sentences coded
  with PLOVER event types and modes, mapped to ACLED sub-event types or to non-events.
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

from ..extract.detector import context_of
from .examples import Example

MUC4_TRAIN = Path("benchmarks/muc4/muc4_train_rawkey.jsonl")
PLOVER_GSR = Path("benchmarks/plover_gsr/PLOVER_GSR_CAMEO.txt")

SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"\[(]?[A-Z])")
QUOTED = re.compile(r'"([^"]+)"')
FILLER_SLOTS = ("phys_tgt_id", "hum_tgt_name", "hum_tgt_description", "incident_instrument_id")
MAX_SENTENCES_PER_INCIDENT = 2


def muc4_sentences(text: str) -> list[str]:
    body = re.sub(r"\s+", " ", text).strip()
    return [s.strip() for s in SENTENCE_END.split(body) if len(s.strip()) > 20]


def muc4_label(template: dict) -> str | None:
    """The ACLED sub-event type of an accomplished MUC-4 incident, or None."""
    stage = " ".join(template.get("incident_stage_of_execution", []))
    kind = " ".join(template.get("incident_type", []))
    if "ACCOMPLISHED" not in stage:
        return None
    instruments = " ".join(template.get("incident_instrument_type", [])).upper()
    targets = " ".join(template.get("hum_tgt_type", [])).upper()
    if kind == "BOMBING":
        return "Remote explosive/landmine/IED"
    if kind == "KIDNAPPING":
        return "Abduction/forced disappearance"
    if kind == "ARSON":
        return "Looting/property destruction"
    if kind == "ATTACK":
        if "GRENADE" in instruments:
            return "Grenade"
        if re.search(r"MORTAR|ROCKET|MISSILE|ARTILLERY", instruments):
            return "Shelling/artillery/missile attack"
        if "ACTIVE MILITARY" in targets or "LAW ENFORCEMENT" in targets:
            return "Armed clash"
        return "Attack"
    return None


def fillers(template: dict) -> set[str]:
    found = set()
    for slot in FILLER_SLOTS:
        for value in template.get(slot, []):
            found.update(q.strip() for q in QUOTED.findall(value) if len(q.strip()) > 3)
    return found


def muc4_examples(shared: Path) -> Iterator[Example]:
    path = shared / MUC4_TRAIN
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            sentences = muc4_sentences(record["text"])
            labelled: dict[int, set[str]] = {}
            for template in record.get("templates", []):
                label = muc4_label(template)
                names = fillers(template)
                if label is None or not names:
                    continue
                pattern = re.compile(r"\b(?:" + "|".join(re.escape(n) for n in sorted(names)) + r")\b", re.I)
                hits = [i for i, s in enumerate(sentences) if pattern.search(s)]
                for i in hits[:MAX_SENTENCES_PER_INCIDENT]:
                    labelled.setdefault(i, set()).add(label)
            for i, labels in sorted(labelled.items()):
                if len(labels) == 1:  # a sentence of two incidents of different kinds tells neither alone
                    yield Example(sentences[i], context_of(sentences, i), labels.pop(), "muc4", record["doc_id"])


PLOVER_EVENTS = {
    ("FIGHT", "heavy-weapons"): "Shelling/artillery/missile attack",
    ("FIGHT", "firearms"): "Armed clash",
    ("FIGHT", "explosives"): "Remote explosive/landmine/IED",
    ("FIGHT", "other"): "Armed clash",
    ("FIGHT", None): "Armed clash",
    ("ASSAULT", "explosives"): "Remote explosive/landmine/IED",
    ("ASSAULT", "assassinate"): "Attack",
    ("ASSAULT", "torture"): "Attack",
    ("ASSAULT", "beat"): "Attack",
    ("ASSAULT", "primitive"): "Attack",
    ("ASSAULT", "suicide-attack"): "Suicide bomb",
    ("ASSAULT", "sexual"): "Sexual violence",
    ("PROTEST", "strike-hun"): "Peaceful protest",
    ("PROTEST", "strike-gen"): "Peaceful protest",
    ("PROTEST", "obstruct"): "Peaceful protest",
    ("PROTEST", "demo-org"): "Peaceful protest",
    ("PROTEST", "demo-spon"): "Peaceful protest",
    ("PROTEST", "riot"): "Violent demonstration",
    ("PROTEST", "riot-spon"): "Violent demonstration",
    ("COERCE", "destroy"): "Looting/property destruction",
    ("COERCE", "detain"): "Arrests",
    ("COERCE", "arrest"): "Arrests",
    ("COERCE", "curfew"): "Change to group/activity",
    ("COERCE", "martial-law"): "Change to group/activity",
    ("MOBILIZE", "troops"): "Change to group/activity",
    ("MOBILIZE", "police"): "Change to group/activity",
}
# PLOVER's other events are talk, aid and pressure: no ACLED event
PLOVER_NON_EVENTS = {"AGREE", "DEMAND", "REJECT", "DISAPPROVE", "SANCTION", "SUPPORT", "CONCEDE",
                     "AID", "INVESTIGATE", "CONSULT", "COOPERATE"}
CEASEFIRE = re.compile(r"\b(?:cease-?fire|truce|peace (?:deal|accord|agreement))", re.I)


def plover_label(record: dict) -> str | None:
    event, mode = record.get("event"), record.get("mode") or None
    if event == "THREATEN":
        return "none:threat"
    if event == "AGREE" and CEASEFIRE.search(record.get("text", "")):
        return "Agreement"
    if event in PLOVER_NON_EVENTS:
        return "none:other"
    return PLOVER_EVENTS.get((event, mode))


def plover_examples(shared: Path) -> Iterator[Example]:
    records = json.loads((shared / PLOVER_GSR).read_text(encoding="utf-8"))
    for record in records:
        label = plover_label(record)
        if label is not None and record.get("text"):
            yield Example(record["text"].strip(), "", label, "plover", f"plover-{record.get('id')}")
