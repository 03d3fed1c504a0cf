"""RSS and Atom feeds: fetch a feed (feedparser reads it), its items, and the pages they link to.

Pages become `Document`s with their HTML; the pipeline's clean stage extracts the article text
(trafilatura), as for an .html file. Only http and https are fetched.
"""
from __future__ import annotations

import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlparse

from .. import errors
from ..records import Document
from .files import decode_bytes

TIMEOUT_S = 20  # seconds a feed or page may take to answer


@dataclass(slots=True)
class FeedItem:
    """One item of a feed: `key` says which item it is across polls and feeds (its id or link)."""

    key: str
    link: str | None
    title: str | None
    published: date | None
    source: str | None


def fetch(url: str, max_bytes: int, timeout: float = TIMEOUT_S) -> tuple[bytes, str]:
    """The body and content type at `url`. FetchError says why not."""
    if urlparse(url).scheme not in ("http", "https"):
        raise errors.FetchError(f"{url}: only http and https addresses are fetched",
                                fix="Give the feed's or page's http(s) address.")
    from .. import __version__

    request = urllib.request.Request(url, headers={"User-Agent": f"conflictcoder/{__version__}"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            body = response.read(max_bytes + 1)
            kind = response.headers.get_content_type()
    except urllib.error.HTTPError as exc:
        raise errors.FetchError(f"{url}: the server answered {exc.code} {exc.reason}",
                                fix="Check the address; it is tried again at the next poll.") from exc
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        raise errors.FetchError(f"{url}: cannot be fetched ({reason})",
                                fix="Check the address and the network; it is tried again at the next poll.") from exc
    if len(body) > max_bytes:
        raise errors.InputTooLarge(f"{url}: more than {max_bytes} bytes", fix="Raise --max-bytes if it is an article.")
    return body, kind


def feed_items(url: str, max_bytes: int) -> list[FeedItem]:
    """The items of the feed at `url`, as the feed lists them."""
    import feedparser

    body, _ = fetch(url, max_bytes)
    parsed = feedparser.parse(body)
    if not parsed.entries and parsed.get("bozo"):
        raise errors.FetchError(f"{url}: not an RSS or Atom feed ({parsed.get('bozo_exception')})",
                                fix="Give the address of the feed itself (often /feed, /rss or /atom.xml).")
    source = parsed.feed.get("title")
    items = []
    for entry in parsed.entries:
        key = entry.get("id") or entry.get("link")
        if not key:
            continue
        when = entry.get("published_parsed") or entry.get("updated_parsed")
        items.append(FeedItem(key=key, link=entry.get("link"), title=entry.get("title"),
                              published=date(when.tm_year, when.tm_mon, when.tm_mday) if when else None,
                              source=source))
    return items


def item_document(item: FeedItem, max_bytes: int) -> Document:
    """The page an item links to, as a document (its doc_id is the item's key)."""
    if not item.link:
        raise errors.FetchError(f"feed item {item.key} links to no page", fix="Nothing to fetch; it is skipped.")
    body, kind = fetch(item.link, max_bytes)
    text = decode_bytes(body, item.link)
    doc = Document(doc_id=item.key, published=item.published, source=item.source, url=item.link,
                   title=item.title, path=item.link)
    if kind == "text/plain":
        doc.text = text
    else:
        doc.html = text
    return doc
