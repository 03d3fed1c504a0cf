"""Group the triggers of a sentence into event mentions, clause by clause.

"Three gunmen had been killed and five guards wounded in the port, and two more
gunmen were killed on the ring road" holds two events; "ten were killed when forces clashed
with gunmen" holds one. A clause joins the clause it depends on when it is a coordinated clause
without an additive cue ("more", "another") or a when/as/while clause; clauses after "after",
"before" or in relative clauses tell other events.
"""
from __future__ import annotations

from . import lexicon as lx

CLAUSE_DEPS = {"ROOT", "ccomp", "advcl", "relcl", "conj", "parataxis", "acl", "xcomp", "pcomp",
               "csubj", "csubjpass"}
SAME_EVENT_MARKERS = {"when", "as", "while", "where", "during", "in", "with", "by", "and"}
OTHER_EVENT_MARKERS = {"after", "before", "following", "since", "until", "ahead", "once"}


def is_clause_head(tok) -> bool:
    if tok.dep_ == "ROOT":
        return True
    if tok.dep_ not in CLAUSE_DEPS:
        return False
    if tok.dep_ == "xcomp":
        return False  # "began to attack", "appear to have been shot": one clause with its head
    if tok.dep_ == "conj":
        return tok.pos_ in ("VERB", "AUX") or tok.tag_ == "VBN"
    return tok.pos_ in ("VERB", "AUX") or tok.tag_ in ("VBN", "VBD", "VBG")


def clause_head(tok):
    cur = tok
    while not is_clause_head(cur):
        if cur.head is cur:
            return cur
        cur = cur.head
    return cur


def clause_tokens(sent) -> dict[int, list]:
    groups: dict[int, list] = {}
    for tok in sent:
        groups.setdefault(clause_head(tok).i, []).append(tok)
    return groups


def own_day(verb) -> bool:
    """The verb's clause names its own day or time ("on Tuesday", "late Monday")."""
    for child in verb.children:
        if child.dep_ == "npadvmod" and child.ent_type_ in ("DATE", "TIME"):
            return True
        if child.dep_ == "prep" and any(p.dep_ == "pobj" and (p.ent_type_ in ("DATE", "TIME") or any(
                c.ent_type_ in ("DATE", "TIME") for c in p.children)) for p in child.children):
            return True
    return False


def joins_parent(head) -> bool:
    """Whether the clause headed by `head` tells the same event as the clause above it."""
    if head.dep_ == "ROOT":
        return False
    markers = {c.lower_ for c in head.children if c.dep_ in ("mark", "advmod", "prep")}
    if head.dep_ == "conj":
        subjects = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")]
        for subj in subjects:
            if any(t.lower_ in lx.ADDITIVE_CUES for t in subj.subtree):
                return False
        if subjects and own_day(head) and own_day(head.head):
            return False  # "troops fought rebels on Tuesday, and a shell struck a camp on Wednesday"
        return not markers & OTHER_EVENT_MARKERS
    if head.dep_ == "advcl":
        if markers & OTHER_EVENT_MARKERS:
            return False
        return True
    if head.dep_ == "pcomp":
        # "killed after fatally wounding two officers": before/after makes another time
        return not (head.head.lower_ in OTHER_EVENT_MARKERS or markers & OTHER_EVENT_MARKERS)
    if head.dep_ == "ccomp":
        return False  # the reporting clause above has no event of its own
    return False


def group_clauses(sent) -> tuple[dict[int, int], dict[int, list]]:
    """Map each clause head to the representative head of its event group; and clause tokens."""
    tokens = clause_tokens(sent)
    parent: dict[int, int] = {h: h for h in tokens}

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    doc = sent.doc
    for head_i in tokens:
        head = doc[head_i]
        if joins_parent(head):
            above = clause_head(head.head)
            if above.i in parent:
                parent[find(head_i)] = find(above.i)
    return {h: find(h) for h in tokens}, tokens


def enclosing_context(sent, heads: list[int], clause_heads: dict[int, list], hit_heads: set[int]) -> list:
    """Tokens of the clauses above a group that tell no event of their own and report nothing:
    "hid in a warehouse in Tema on Sunday night after fatally wounding two guards"
    dates and places the wounding."""
    doc = sent.doc
    out = []
    tok = doc[heads[0]]
    for _ in range(3):
        if tok.dep_ == "ROOT" or tok.head is tok:
            break
        above = clause_head(tok.head)
        if above.i in hit_heads or above.lower_ in lx.REPORTING_VERBS:
            break
        out.extend(clause_heads.get(above.i, []))
        tok = above
    return out


def reporting_frame(sent, head_i: int, clause_heads: dict[int, list]) -> list:
    """Tokens of the reporting clause ("police said on Thursday") above an event clause."""
    doc = sent.doc
    tok = doc[head_i]
    frame = []
    while tok.dep_ != "ROOT" and tok.head is not tok:
        above = clause_head(tok.head)
        if above.lower_ in lx.REPORTING_VERBS and above.pos_ in ("VERB", "AUX"):
            frame.extend(clause_heads.get(above.i, []))
        tok = above
    # "X were killed, prosecutors said on Sunday": the event clause is the root's complement
    for child in doc[head_i].children:
        if child.lower_ in lx.REPORTING_VERBS and child.i in clause_heads:
            frame.extend(clause_heads[child.i])
    return frame


def char_spans(tokens) -> list[tuple[int, int]]:
    """Contiguous character ranges covering the tokens."""
    spans: list[tuple[int, int]] = []
    for tok in sorted(tokens, key=lambda t: t.i):
        start, end = tok.idx, tok.idx + len(tok.text)
        if spans and start - spans[-1][1] <= 1:
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    return spans
