"""Language data: the word lists and phrase tables that the rules read, one folder per language.

    from conflictcoder import lang
    lang.words("cue.reporting")        # frozenset of words
    lang.trigger_table()               # {"killed": "kill", ...}, in file order
    lang.phrase_table()                # {("opened", "fire"): "attack", ...}, in file order

A language folder (`lang/en/`) holds JSON files, one per family of rules (`triggers.json`,
`context.json`, ...). Each file is `{"about": ..., "rules": [...]}`; each rule has

* `id`: unique across the folder, `<family>.<name>` (`trigger.kill`, `cue.planned`);
* `note`: one line, what the rule is for and why;
* `kind`: `trigger` (single words that signal an event of a `category`), `phrase` (two-word
  phrases, each written "first second", of a `category`) or `words` (a plain word set);
* `words` (`phrases` for a phrase rule): lower-case surface forms, each inflection listed (the
  small model's lemmatiser is unreliable on news);
* optionally, for a word set, `include` (ids of word sets it extends) and `exclude` (words it
  takes out of them): the set is (the union of `include`, less `exclude`) plus `words`;
* `examples`: `match` and `no_match` sentences, checked by tests/test_lang_rules.py.

The files are read once, on first use. Rules are kept in file order: the trigger and phrase
tables are built in that order, a later rule winning for a word listed twice.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from ..errors import LanguageDataError

__all__ = ["Rule", "rules", "rule", "words", "alternation", "trigger_table", "phrase_table", "KINDS"]

KINDS = ("trigger", "phrase", "words")


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    kind: str
    note: str
    words: tuple[str, ...]
    source: str  # the file it was read from
    category: str | None = None
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    match: tuple[str, ...] = ()
    no_match: tuple[str, ...] = ()


def _rule(raw: dict, source: str) -> Rule:
    try:
        examples = raw.get("examples", {})
        listed = raw["phrases"] if raw.get("kind") == "phrase" else raw["words"]
        rule = Rule(id=raw["id"], kind=raw["kind"], note=raw["note"], words=tuple(listed),
                    source=source, category=raw.get("category"), include=tuple(raw.get("include", ())),
                    exclude=tuple(raw.get("exclude", ())), match=tuple(examples.get("match", ())),
                    no_match=tuple(examples.get("no_match", ())))
    except (KeyError, TypeError, AttributeError) as exc:
        raise LanguageDataError(f"a rule in {source} lacks a field or has one of the wrong shape: {exc!r}",
                                fix="give each rule an id, a kind, a note and its words") from exc
    if rule.kind not in KINDS:
        raise LanguageDataError(f"rule {rule.id} in {source} has kind {rule.kind!r}",
                                fix=f"use one of {', '.join(KINDS)}")
    if (rule.category is None) != (rule.kind == "words"):
        raise LanguageDataError(f"rule {rule.id} in {source}: a trigger or phrase rule needs a category, "
                                "a word set has none", fix="add or remove its category")
    if rule.kind == "phrase" and any(len(p.split()) != 2 for p in rule.words):
        raise LanguageDataError(f"rule {rule.id} in {source} has a phrase that is not two words",
                                fix='write each phrase as "first second"')
    return rule


@lru_cache(maxsize=None)
def rules(language: str = "en") -> dict[str, Rule]:
    """Every rule of a language folder, by id, in file order (files sorted by name)."""
    folder = resources.files(__name__).joinpath(language)
    if not folder.is_dir():
        raise LanguageDataError(f"no language folder {language!r} in conflictcoder/lang",
                                fix="pass a language that has a folder, such as 'en'")
    found: dict[str, Rule] = {}
    for entry in sorted((e for e in folder.iterdir() if e.name.endswith(".json")), key=lambda e: e.name):
        source = f"lang/{language}/{entry.name}"
        try:
            data = json.loads(entry.read_text(encoding="utf-8"))
            raws = data["rules"]
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise LanguageDataError(f"{source} cannot be read as a file of rules: {exc}",
                                    fix='write it as JSON: {"about": ..., "rules": [...]}') from exc
        for raw in raws:
            rule = _rule(raw, source)
            if rule.id in found:
                raise LanguageDataError(f"rule id {rule.id} is used twice ({found[rule.id].source}, {source})",
                                        fix="give each rule its own id")
            found[rule.id] = rule
    return found


def rule(rule_id: str, language: str = "en") -> Rule:
    try:
        return rules(language)[rule_id]
    except KeyError:
        raise LanguageDataError(f"no rule {rule_id!r} in lang/{language}",
                                fix="check the id against the folder's JSON files") from None


@lru_cache(maxsize=None)
def words(rule_id: str, language: str = "en") -> frozenset[str]:
    """The words of a rule; for a word set, with the words of the sets it includes, less its
    exclusions."""
    found = rule(rule_id, language)
    included: frozenset[str] = frozenset().union(*(words(i, language) for i in found.include))
    return (included - frozenset(found.exclude)) | frozenset(found.words)


def alternation(rule_id: str, language: str = "en") -> str:
    """A rule's words as a regex alternation, in file order: 'rose|risen|rises'."""
    return "|".join(rule(rule_id, language).words)


def trigger_table(language: str = "en") -> dict[str, str]:
    """Trigger word -> category, over every trigger rule in file order."""
    table: dict[str, str] = {}
    for found in rules(language).values():
        if found.kind == "trigger":
            for word in found.words:
                table[word] = found.category
    return table


def phrase_table(language: str = "en") -> dict[tuple[str, ...], str]:
    """Two-word phrase -> category, over every phrase rule in file order."""
    table: dict[tuple[str, ...], str] = {}
    for found in rules(language).values():
        if found.kind == "phrase":
            for phrase in found.words:
                table[tuple(phrase.split())] = found.category
    return table
