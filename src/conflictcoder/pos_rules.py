"""The English model's attribute rules (tag -> coarse POS, and its exceptions), applied as arrays.

spaCy's `attribute_ruler` runs a Matcher of about 180 token patterns over every token: a fifth
of the parse's time on news, more than the tagger. The stages read only three of the
attributes it sets (POS, and TAG and DEP of whitespace tokens), never MORPH or LEMMA. So the
rules are taken from the loaded model itself (nothing hand-written, nothing that can drift from
the model) and applied to whole token arrays: the tag map as one table lookup, each other
pattern as a boolean mask, in the ruler's order (a later rule wins, as in spaCy). The result is
the same POS, TAG and DEP for every token; `tests/test_pos_rules.py` checks that against the ruler.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable

ATTRS = ("POS", "TAG", "DEP")  # what the stages read of what the ruler sets
KEYS = ("TAG", "LOWER", "DEP", "IS_SPACE")  # the token attributes a pattern may test here


class Unsupported(ValueError):
    """A pattern this module cannot apply as masks (the ruler is then kept as it is)."""


def token_test(spec: dict, strings) -> Callable:
    """A function of the token arrays (dict attr -> numpy array) giving the mask of tokens that
    match one token of a Matcher pattern."""
    import numpy

    tests = []
    for key, want in spec.items():
        if key not in KEYS:
            raise Unsupported(key)
        if key == "IS_SPACE":
            if not isinstance(want, bool):
                raise Unsupported(key)
            tests.append((key, lambda a, w=want: a == int(w)))
        elif isinstance(want, str):
            tests.append((key, lambda a, h=strings.add(want): a == h))
        elif isinstance(want, dict) and set(want) <= {"IN", "NOT_IN"}:
            for op, values in want.items():
                hashes = numpy.array([strings.add(v) for v in values], dtype="uint64")
                tests.append((key, (lambda a, h=hashes: numpy.isin(a, h)) if op == "IN"
                              else (lambda a, h=hashes: ~numpy.isin(a, h))))
        else:
            raise Unsupported(f"{key}: {want!r}")

    def mask(arrays):
        out = numpy.ones(len(arrays["TAG"]), dtype=bool)
        for key, test in tests:
            out &= test(arrays[key])
        return out
    return mask


def pattern_mask(pattern: list[dict], index: int, strings) -> Callable:
    """The mask of the tokens a whole pattern sets (its `index`-th token), for patterns of one
    or more tokens: each token's mask shifted onto the one set."""
    import numpy

    tests = [token_test(spec, strings) for spec in pattern]
    index = index % len(pattern)

    def mask(arrays):
        n = len(arrays["TAG"])
        out = numpy.ones(n, dtype=bool)
        for offset, test in enumerate(tests):
            shift = offset - index  # this pattern token lies `shift` tokens after the one set
            m = test(arrays)
            moved = numpy.zeros(n, dtype=bool)
            if shift >= 0:
                moved[: n - shift] = m[shift:]
            else:
                moved[-shift:] = m[: n + shift]
            out &= moved
        return out
    return mask


class PosRules:
    """The ruler's rules that set POS, TAG or DEP, compiled: calling it on a Doc sets them."""

    def __init__(self, patterns: Iterable[dict], strings):
        import numpy

        tag_keys, tag_pos = [], []
        self.rules: list[tuple[Callable, dict[str, int]]] = []
        for rule in patterns:
            attrs = {k: strings.add(v) for k, v in rule["attrs"].items() if k in ATTRS}
            if not attrs:
                continue  # MORPH or LEMMA only: nothing reads them
            for pattern in rule["patterns"]:
                if (not self.rules and len(pattern) == 1 and set(pattern[0]) == {"TAG"}
                        and isinstance(pattern[0]["TAG"], str) and set(attrs) == {"POS"}):
                    # the tag map, before any exception: one table
                    tag_keys.append(strings.add(pattern[0]["TAG"]))
                    tag_pos.append(attrs["POS"])
                    continue
                self.rules.append((pattern_mask(pattern, rule.get("index", 0), strings), attrs))
        order = numpy.argsort(numpy.array(tag_keys, dtype="uint64"))
        self.tag_keys = numpy.array(tag_keys, dtype="uint64")[order]
        self.tag_pos = numpy.array(tag_pos, dtype="uint64")[order]

    def __call__(self, doc):
        import numpy

        if not len(doc):
            return doc
        table = doc.to_array(list(KEYS)).astype("uint64")
        arrays = dict(zip(KEYS, table.T))
        new = {"POS": self.mapped_tags(arrays["TAG"]), "TAG": arrays["TAG"].copy(),
               "DEP": arrays["DEP"].copy()}
        for mask, attrs in self.rules:
            m = mask(arrays)
            if m.any():
                for attr, value in attrs.items():
                    new[attr][m] = value
        doc.from_array(["POS"], new["POS"].reshape(-1, 1))
        for attr in ("TAG", "DEP"):  # set only on whitespace tokens: a few, one at a time
            for i in numpy.nonzero(new[attr] != arrays[attr])[0].tolist():
                setattr(doc[i], attr.lower(), int(new[attr][i]))
        return doc

    def mapped_tags(self, tags):
        import numpy

        if not len(self.tag_keys):
            return numpy.zeros(len(tags), dtype="uint64")
        at = numpy.searchsorted(self.tag_keys, tags).clip(0, len(self.tag_keys) - 1)
        return numpy.where(self.tag_keys[at] == tags, self.tag_pos[at], 0).astype("uint64")


def compile_ruler(ruler) -> PosRules | None:
    """The ruler's rules compiled, or None when one of them is of a kind not supported here."""
    try:
        return PosRules(ruler.patterns, ruler.vocab.strings)
    except Unsupported:
        return None
