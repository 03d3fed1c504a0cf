"""`conflictcoder watch`: a directory and RSS/Atom feeds, served from a local HTTP server on
127.0.0.1. A new file and a new feed item are each coded once, also after a restart; a page that
cannot be fetched is tried again. Real articles through the real pipeline, real DuckDB files."""
from __future__ import annotations

import queue
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conflictcoder.cli import app
from conflictcoder.store import open_store
from conflictcoder.watch import code_new_files, poll_feeds, watch_dir

KANDAHAR = ("Gunmen killed five soldiers in an ambush near Kandahar, Afghanistan, on Tuesday, officials said. "
            "The attackers fled into the hills after the fighting, a provincial spokesman said.")
MOGADISHU = ("A roadside bomb killed three policemen in Mogadishu, Somalia, on Monday, a police officer said. "
             "Al-Shabaab said it carried out the attack on the patrol.")


def page(title: str, text: str) -> bytes:
    return (f"<html><head><title>{title}</title></head><body><nav>Home | World | Sport</nav>"
            f"<article><h1>{title}</h1><p>{text}</p><p>More details were not immediately available, "
            f"the report added.</p></article><footer>Copyright The Wire</footer></body></html>").encode()


def rss(base: str, items: list[str]) -> bytes:
    entries = "".join(
        f"<item><title>{name}</title><link>{base}/news/{name}.html</link><guid>urn:wire:{name}</guid>"
        f"<pubDate>Wed, 10 Apr 2024 08:00:00 GMT</pubDate></item>" for name in items)
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>The Wire</title><link>{base}</link>'
            f"<description>News</description>{entries}</channel></rss>").encode()


class Site:
    """A feed and its pages on 127.0.0.1; counts what was fetched."""

    def __init__(self):
        self.routes: dict[str, tuple[int, str, bytes]] = {}
        self.hits: dict[str, int] = {}
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                site.hits[self.path] = site.hits.get(self.path, 0) + 1
                status, kind, body = site.routes.get(self.path, (404, "text/plain", b"not found"))
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def publish(self, items: dict[str, str | None]) -> None:
        """The feed lists `items`; each one's page holds its text (None: the page is missing)."""
        self.routes["/feed.xml"] = (200, "application/rss+xml", rss(self.base, list(items)))
        for name, text in items.items():
            if text is None:
                self.routes.pop(f"/news/{name}.html", None)
            else:
                self.routes[f"/news/{name}.html"] = (200, "text/html; charset=utf-8", page(name, text))


@pytest.fixture
def site():
    s = Site()
    yield s
    s.server.shutdown()


def documents(db: Path) -> list[str]:
    with open_store(str(db), read_only=True) as s:
        return s.documents()


def test_watch_feed_codes_a_new_item_once_across_restarts(site, tmp_path):
    db = tmp_path / "events.duckdb"
    site.publish({"ambush": KANDAHAR})
    with open_store(str(db)) as store:
        first = poll_feeds(store, [site.base + "/feed.xml"])
        assert first.documents == 1 and first.event_ids and not first.failures
        again = poll_feeds(store, [site.base + "/feed.xml"])
        assert again.documents == 0 and again.seen_before == 1
    # a restart: a new process, the same store
    site.publish({"ambush": KANDAHAR, "bomb": MOGADISHU})
    with open_store(str(db)) as store:
        report = poll_feeds(store, [site.base + "/feed.xml"])
        assert report.documents == 1 and report.seen_before == 1 and report.event_ids
        [record] = store.records_for(report.event_ids)
        assert record["country"] == "Somalia"
    assert site.hits["/news/ambush.html"] == 1 and site.hits["/news/bomb.html"] == 1
    assert documents(db) == ["urn:wire:ambush", "urn:wire:bomb"]


def test_watch_feed_from_the_command_line_once_then_nothing_new(site, tmp_path):
    db = tmp_path / "events.duckdb"
    site.publish({"ambush": KANDAHAR})
    args = ["watch", "--feed", site.base + "/feed.xml", "--db", str(db), "--once"]
    first = CliRunner().invoke(app, args)
    assert first.exit_code == 0, first.output
    assert "coded 1 documents" in first.output
    second = CliRunner().invoke(app, args)
    assert second.exit_code == 0 and "coded 0 documents: 0 events (1 taken in before)" in second.output
    assert site.hits["/news/ambush.html"] == 1
    with open_store(str(db), read_only=True) as s:
        assert s.counts()["documents"] == 1 and s.counts()["events"] >= 1


def test_watch_feed_page_that_cannot_be_fetched_is_tried_again(site, tmp_path):
    site.publish({"ambush": None})
    with open_store(str(tmp_path / "events.duckdb")) as store:
        report = poll_feeds(store, [site.base + "/feed.xml"])
        assert report.documents == 0 and [f.code for f in report.unreachable] == ["E112"]
        site.publish({"ambush": KANDAHAR})
        report = poll_feeds(store, [site.base + "/feed.xml"])
        assert report.documents == 1 and not report.unreachable
        missing = poll_feeds(store, [site.base + "/nofeed.xml"])
        assert [f.code for f in missing.unreachable] == ["E112"] and "404" in missing.unreachable[0].reason


def test_watch_feed_refuses_what_is_not_http(tmp_path):
    with open_store(str(tmp_path / "events.duckdb")) as store:
        report = poll_feeds(store, ["file:///etc/passwd"])
    assert [f.code for f in report.unreachable] == ["E112"] and "http" in report.unreachable[0].reason


def test_watch_dir_codes_new_files_once_across_restarts(tmp_path):
    inbox, db = tmp_path / "inbox", tmp_path / "events.duckdb"
    inbox.mkdir()
    (inbox / "ambush.txt").write_text(KANDAHAR)
    (inbox / "notes.csv").write_text("not an article")
    args = ["watch", str(inbox), "--db", str(db), "--once"]
    first = CliRunner().invoke(app, args)
    assert first.exit_code == 0, first.output
    assert "coded 1 documents" in first.output
    (inbox / "bomb.txt").write_text(MOGADISHU)
    second = CliRunner().invoke(app, args)
    assert "coded 1 documents" in second.output and "(1 taken in before)" in second.output
    third = CliRunner().invoke(app, args)
    assert "coded 0 documents: 0 events (2 taken in before)" in third.output
    assert documents(db) == ["ambush", "bomb"]


def test_watch_dir_codes_a_file_as_it_arrives(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "ambush.txt").write_text(KANDAHAR)
    reports: queue.Queue = queue.Queue()
    stop = threading.Event()
    with open_store(str(tmp_path / "events.duckdb")) as store:
        def run():
            try:
                for report in watch_dir(store, inbox, rounds=1, stop=stop):
                    reports.put(report)
            except BaseException as exc:  # handed to the test
                reports.put(exc)
            reports.put(None)

        worker = threading.Thread(target=run, daemon=True)
        worker.start()
        try:
            start = reports.get(timeout=120)
            assert start.documents == 1  # what was there before
            (inbox / "bomb.txt").write_text(MOGADISHU)
            arrived = reports.get(timeout=120)
            assert arrived.documents == 1 and arrived.event_ids and arrived.seen_before == 0
            assert reports.get(timeout=60) is None  # one round asked for: the loop ends
        finally:
            stop.set()
            worker.join(timeout=30)
        assert store.documents() == ["ambush", "bomb"]


def test_watch_dir_recodes_a_changed_file_in_place(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    f = inbox / "story.txt"
    f.write_text(KANDAHAR)
    with open_store(str(tmp_path / "events.duckdb")) as store:
        assert code_new_files(store, [f]).documents == 1
        assert code_new_files(store, [f]).seen_before == 1
        f.write_text(MOGADISHU)
        assert code_new_files(store, [f]).documents == 1
        assert store.documents() == ["story"]
        assert [r["country"] for r in store.records()] == ["Somalia"]  # the new text replaced the old


@pytest.mark.parametrize("kind", ["duckdb", "postgresql"])
def test_watch_what_was_taken_in_is_kept_by_every_store(kind, store_url, tmp_path):
    f = tmp_path / "story.txt"
    f.write_text(KANDAHAR)
    url = store_url(kind)
    with open_store(url) as store:
        assert code_new_files(store, [f]).documents == 1
    with open_store(url) as store:  # a restart
        again = code_new_files(store, [f])
        assert again.documents == 0 and again.seen_before == 1
        assert store.counts()["documents"] == 1


def test_watch_needs_a_directory_or_feeds(tmp_path):
    assert CliRunner().invoke(app, ["watch", "--db", str(tmp_path / "x.duckdb")]).exit_code == 2
    both = CliRunner().invoke(app, ["watch", str(tmp_path), "--feed", "http://127.0.0.1:1/f", "--once"])
    assert both.exit_code == 2
