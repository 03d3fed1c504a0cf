"""Clean: HTML to text, normalised characters, web furniture marked, publication date found.

Furniture that sits inside plain text (newsletter and donation appeals, "Get the latest
updates", bylines, photo captions, datelines) stays in the text, so that evidence offsets are
honest, but is marked as boilerplate spans that extraction skips.
"""
from __future__ import annotations

import re
from datetime import date

from . import errors
from .records import CleanDocument, Document, Span

# Characters that break tokenisation or number parsing when left in.
_CHAR_MAP = {
    "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u2009": " ", "\u200a": " ",
    "\u2002": " ", "\u2003": " ", "\u3000": " ",
    "\u200b": "", "\u200c": "", "\u200d": "", "\ufeff": "", "\u00ad": "",
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u00ab": '"', "\u00bb": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2212": "-",
    "\u2026": "...",
    "\r\n": "\n", "\r": "\n", "\u2028": "\n", "\u2029": "\n\n", "\x85": "\n", "\x0b": "\n", "\x0c": "\n",
}
_CHAR_RE = re.compile("|".join(re.escape(k) for k in sorted(_CHAR_MAP, key=len, reverse=True)))
# A dash glued between two words ("card–the") would join them into one token.
_GLUED_DASH = re.compile(r"(?<=\w)\s*[\u2013\u2014]\s*(?=\w)|[\u2013\u2014]")
_MD_LINK = re.compile(r"\[([^\]\n]{1,200})\]\((?:[^)\s]{0,500})\)")
_MD_AUTOLINK = re.compile(r"<(https?://[^>\s]+)>")
_SPACES = re.compile(r"[ \t]{2,}")
# "four (4) soldiers killed": a figure written out, then again in digits, as releases do; the
# digits in brackets come out, so that the parser reads one number
_NUMBER_WORD = (r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
                r"fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|"
                r"eighty|ninety|hundred)")
_REPEATED_DIGITS = re.compile(rf"(\b{_NUMBER_WORD})\s*\(\d{{1,4}}\)(?=\s)", re.I)

_FURNITURE = re.compile(
    r"\b(sign up|subscrib\w*|newsletter|donat(?:e|ion|ions)|support us|your support|"
    r"support (?:our|independent)|contribution makes|privacy policy|terms of (?:use|service)|"
    r"cookies?|all rights reserved|copyright|unauthori[sz]ed reproduction|redistribution|"
    r"ad-free|advertisement|read more|follow us|share this|click here|get the latest|"
    r"latest updates|remind me later|not ready to support|in your mailbox|download (?:our|the) app|"
    r"please contact|funded by|produced (?:jointly )?under|sole responsibility|reflect the views|"
    r"site maintenance|e-mail at|journalism is banned|we need your help|ads|ad blocker|"
    r"reading experience|paywall|log in|sign in|create an account)\b", re.I)
_METADATA = re.compile(
    r"^\s*(?:\.\s*)?(last updated|updated|posted|published|author|location|topic|source url|tags?|"
    r"filed under|photo|image|credit|reporting by|editing by|writing by|publication|"
    r"\(reporting by)\b\s*[:\-]?", re.I)
_CAPTION_VERB = re.compile(
    r"\b(displayed|pictured|seen|shown|photographed|poses?|posing|gathers?|gathered|gathering|"
    r"stands?|standing|walks?|walking|holds?|holding|looks? on|carr(?:y|ies|ying)|rests?|sits?|"
    r"sitting|wave|waves|waving|attend|attends|arrives?|arriving)\b", re.I)
_REPORTING = re.compile(r"\b(said|says|told|reported|according to|announced|stated)\b", re.I)
_BIO = re.compile(
    r"^[A-Z][\w.'-]+(?: [A-Z][\w.'-]+){0,3} is (?:an?|the) [^.]{0,80}"
    r"\b(journalist|correspondent|editor|reporter|writer|analyst|contributor)\b", re.I)
_BYLINE = re.compile(r"^\s*[Bb][Yy]\s+[A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+){0,3}\s*$")
# A place's words, in capitals ("BISHKEK", "YAOUNDE" with its accent) or in title case
# ("Ciudad Bolivar" with its accent); several such places joined by "/" when filed from two
_UP = "A-ZÀ-ÖØ-Þ"
_CAPS_WORD = rf"[{_UP}][{_UP}.'\-]+"
_TITLE_WORD = rf"[{_UP}][A-Za-zÀ-ÖØ-öø-ÿ.'\-]+"
_CAPS_NAME = rf"(?:{_CAPS_WORD})(?:[ ]{_CAPS_WORD}){{0,3}}"
_TITLE_NAME = rf"(?:{_TITLE_WORD})(?:[ ]{_TITLE_WORD}){{0,3}}"
_DATELINE = re.compile(
    rf"^\s*({_CAPS_NAME}"  # BISHKEK, SAN SALVADOR
    rf"(?:/{_CAPS_NAME}){{0,2}}"  # BEIRUT/DAMASCUS: filed from two places
    r"(?:,\s*[A-Z][A-Za-z.]+(?: [A-Z][A-Za-z.]+){0,2})?"    # , Kyrgyzstan
    r"(?:,?\s*\([^)\n]{0,60}\))?"                           # (Reuters), (Jan. 25, 2013)
    r"(?:,\s*\d{1,2}\s+[A-Z]{3}\s+\d{2,4}(?:\s*\([^)\n]{0,30}\))?)?"  # , 3 JAN 90 (EFE)
    r"(?:,\s*(?:[A-Z][a-z]{2,8}|[A-Z]{3,9})\.?\s+\d{1,2})?)"  # , Sept 19 / , FEB 15: the report's day
    r"\s*(?:--|-|\u2013|\u2014)\s")
# "DODOMA, Tanzania (Feb. 21, 2011) Police officers in the region ...": a dated dateline, no dash
_DATED_DATELINE = re.compile(
    rf"^\s*({_CAPS_NAME}(?:,\s*[A-Z][A-Za-z.]+(?: [A-Z][A-Za-z.]+){{0,2}})?"
    r"\s*\((?:[A-Z][a-z]{2,9}\.?\s+\d{1,2}(?:,\s*\d{4})?|\d{1,2}\s+[A-Z][a-z]{2,9}\.?(?:\s+\d{4})?)\))"
    r"\s*(?:--|-|\u2013|\u2014)?\s*")

# The dateline forms of other presses: a place in capitals or in title case, then the report's
# day written out ("Maputo, 24 Nov 2022 (Lusa) - ", "NAIROBI, Sept. 10, 2020 - ", "BAMAKO,
# 9 September 2021 (AFP) - "); a place in title case needs the day, which tells it from a
# sentence's first words
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]{0,6}\.?"
_WRITTEN_DAY = rf"(?:\d{{1,2}}\s+{_MONTH}(?:,?\s+\d{{4}})?|{_MONTH}\s+\d{{1,2}}(?:,?\s+\d{{4}})?)"
_WRITTEN_DATELINE = re.compile(
    rf"^\s*({_TITLE_NAME}"
    rf"(?:/{_TITLE_NAME}){{0,2}}"
    r"(?:,\s*[A-Z][A-Za-z.]+(?: [A-Z][A-Za-z.]+){0,2})?"
    rf",\s*{_WRITTEN_DAY}"
    r"(?:\s*\([^)\n]{0,60}\))?)"
    r"\s*(?:--|-|\u2013|\u2014)\s")
# "Raipur, Oct 29 (PTI) Two jawans ...", "Imphal, Jan 3 (IANS): ...": a news agency's dateline, its
# name in brackets ending it, with or without a dash or a colon
_AGENCY_DATELINE = re.compile(
    rf"^\s*({_TITLE_NAME}"
    rf",\s*{_WRITTEN_DAY}\s*\([A-Z][A-Za-z]{{1,9}}\))"
    r"\s*(?:--|-|\u2013|\u2014|:)?\s+(?=[A-Z0-9\"'])")
# "RAIPUR: Six jawans ...": South Asian papers end the place, in capitals, with a colon
_COLON_DATELINE = re.compile(rf"^\s*([A-Z][A-Z.'\-]{{2,}}(?:[ ]{_CAPS_WORD}){{0,2}})\s*:\s+(?=[A-Z0-9\"'])")


def normalise_text(text: str) -> str:
    text = _CHAR_RE.sub(lambda m: _CHAR_MAP[m.group(0)], text)
    text = _GLUED_DASH.sub(" - ", text)
    text = _MD_LINK.sub(r"\1", text)
    text = _MD_AUTOLINK.sub(r"\1", text)
    text = _REPEATED_DIGITS.sub(r"\1", text)
    return _SPACES.sub(" ", text)


def html_to_text(html: str, name: str) -> tuple[str, str | None, date | None]:
    """Main text, title and publication date of an HTML page."""
    import trafilatura

    try:
        text = trafilatura.extract(html, include_comments=False, include_tables=False,
                                   favor_precision=True)
    except Exception as exc:  # trafilatura raises many lxml errors on broken pages
        raise errors.BrokenHTML(f"{name}: the HTML cannot be parsed ({exc.__class__.__name__}).",
                                fix="Check that the file is a whole HTML page.") from exc
    if not text or not text.strip():
        raise errors.BrokenHTML(f"{name}: no article text found in the HTML.",
                                fix="Check that the page holds an article, or give its text.")
    title, published = None, None
    try:
        meta = trafilatura.extract_metadata(html, extensive=False)
        if meta is not None:
            title = meta.title
            if meta.date:
                published = date.fromisoformat(meta.date[:10])
    except Exception:  # noqa: BLE001 - htmldate asserts on odd pages (an 80-byte MathML page)
        pass  # a page whose metadata cannot be read still has its text; the date is looked for there
    return text, title, published


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Line spans of the text, without their newline, empty ones dropped."""
    spans, pos = [], 0
    for line in text.split("\n"):
        end = pos + len(line)
        if line.strip():
            spans.append((pos, end))
        pos = end + 1
    return spans


def furniture_kind(line: str, index: int) -> str | None:
    """What kind of web furniture a paragraph is, or None for article text."""
    words = line.split()
    if _METADATA.match(line):
        return "metadata"
    if _BYLINE.match(line) or _BIO.match(line):
        return "byline"
    if len(words) <= 3 and not line.rstrip().endswith((".", '"')):
        return "furniture" if index > 0 or len(words) <= 1 else None
    if _FURNITURE.search(line) and (len(words) < 60 or len(_FURNITURE.findall(line)) >= 2):
        return "furniture"
    if is_caption(line, words):
        return "caption"
    return None


def is_caption(line: str, words: list[str]) -> bool:
    """A photo caption: a short description around a participle, naming a place, no reporting."""
    if len(words) > 35 or _REPORTING.search(line):
        return False
    if re.search(r"\((?:AP|AFP|Reuters|Getty|EPA)[^)]*(?:Photo|Images)[^)]*\)|\bphoto\b|"
                 r"\bfile picture\b|\bPhotograph:", line, re.I):
        return True
    first_clause = line.split(",")[0]
    return bool(_CAPTION_VERB.search(first_clause)) and bool(re.search(r",\s*[A-Z][\w-]+\.?\s*$", line))


def find_boilerplate(text: str) -> list[Span]:
    spans: list[Span] = []
    caseless = not any(c.isupper() for c in text[:5000])
    for index, (start, end) in enumerate(paragraphs(text)):
        line = text[start:end]
        kind = furniture_kind(line, index)
        if kind:
            spans.append(Span(start, end, line, kind))
            continue
        # a text all in lower case writes its dateline so too ("raipur, april 18 - "); read it
        # in capitals, which keeps its length
        shown = line.upper() if caseless and len(line.upper()) == len(line) else line
        dateline = (_DATELINE.match(shown) or _DATED_DATELINE.match(shown)
                    or (None if shown is not line else _WRITTEN_DATELINE.match(line) or _AGENCY_DATELINE.match(line)
                          or _COLON_DATELINE.match(line)))
        if dateline and shown is not line and not re.search(r"[,(]", dateline.group(1)):
            dateline = None  # "two visiting choir singers -- aged 19": words, not a place and a day
        if dateline and len(dateline.group(1).split()) <= 8:
            spans.append(Span(start, start + dateline.end(), line[:dateline.end()], "dateline"))
    return spans


def clean_document(doc: Document) -> CleanDocument:
    """Normalise the document's text and mark what extraction must not read."""
    html_published = None
    if doc.text is None and doc.html is not None:
        raw, title, html_published = html_to_text(doc.html, doc.path or doc.doc_id)
        doc.title = doc.title or title
    else:
        raw = doc.text or ""
    text = normalise_text(raw)
    if not text.strip():
        raise errors.EmptyInput(f"{doc.path or doc.doc_id}: no text after cleaning.",
                                fix="Remove the document from the input.")
    clean = CleanDocument(doc=doc, text=text, boilerplate=find_boilerplate(text))
    clean.published, clean.published_from = publication_date(doc, text, html_published)
    return clean


def plausible_published(doc: Document, value: date | None, where: str) -> date | None:
    """`value`, unless its year is outside errors.PUBLISHED_YEARS (a placeholder such as
    0001-01-01, or a typo): then no publication date, and a warning on the document."""
    if value is None:
        return None
    low, high = errors.PUBLISHED_YEARS
    if low <= value.year <= high:
        return value
    doc.warnings.append((errors.W_PUBLISHED_RANGE,
                         f"publication date {value.isoformat()} ({where}) is outside {low}-{high}; ignored"))
    return None


def publication_date(doc: Document, text: str, html_published: date | None) -> tuple[date | None, str]:
    published = plausible_published(doc, doc.published, "meta")
    if published:
        return published, "meta"
    html_published = plausible_published(doc, html_published, "html")
    if html_published:
        return html_published, "html"
    from .resolve.dates import find_publication_date, latest_date_in_text, url_date

    found = find_publication_date(text)
    if found is not None and plausible_published(doc, found[0], "text") is None:
        found = None
    # A lone "Last Updated" stamp says when a page was touched, often years later (a 1999
    # wire story stamped 2016): no date is better than that one.
    if found is not None and found[1] != "updated":
        return found[0], f"text:{found[1]}"
    # news sites put the day of publication in the path: /2018/01/15/, /2018-01-15-...
    if doc.url and (in_url := url_date(doc.url)) is not None:
        return in_url, "url"
    # an article is published on or after the latest full date it gives ("on 29th March 2018")
    if (in_text := latest_date_in_text(text)) is not None:
        return in_text, "text:latest_date"
    return None, ""
