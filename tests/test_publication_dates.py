"""Publication dates where the metadata gives none: the URL's path and, last, the latest full date
the text gives; an undated event claims no time precision, and the run says how many documents
had no publication date."""
from __future__ import annotations

from datetime import date

import pytest
from typer.testing import CliRunner

from conflictcoder.clean import clean_document
from conflictcoder.cli import app
from conflictcoder.records import Document
from conflictcoder.resolve.dates import latest_date_in_text, url_date


@pytest.mark.parametrize("url,day", [
    ("https://news.example.org/world/2018/01/15/market-fire", date(2018, 1, 15)),
    ("https://example.com/2019-03-02-rally-in-the-square", date(2019, 3, 2)),
    ("https://example.com/story/20200229/leap", date(2020, 2, 29)),
    ("https://example.com/story/123456789", None),          # an id, not a day
    ("https://example.com/2021/13/40/x", None),              # no such month or day
    ("https://20180115.example.com/a", None),                # the host is not the path
])
def test_url_date_reads_the_day_in_the_path(url, day):
    assert url_date(url) == day


def test_latest_full_date_of_the_text_bounds_the_publication():
    text = ("Gunmen killed five traders on 29th March 2018 near the river. A similar raid on "
            "4 January 2018 had killed two, and elections are due in May.")
    assert latest_date_in_text(text) == date(2018, 3, 29)
    assert latest_date_in_text("Gunmen killed five traders on Tuesday.") is None


def test_clean_finds_the_publication_date_in_url_then_text():
    by_url = clean_document(Document(doc_id="u", text="Police dispersed a march on Tuesday.",
                                     url="https://paper.example/2017/06/30/march"))
    assert (by_url.published, by_url.published_from) == (date(2017, 6, 30), "url")
    by_text = clean_document(Document(doc_id="t", text="Police dispersed a march in the town on 12 May 2016."))
    assert (by_text.published, by_text.published_from) == (date(2016, 5, 12), "text:latest_date")
    stamped = clean_document(Document(doc_id="s", text="Last Updated: 07/27/2016\nPolice dispersed a march on Tuesday."))
    assert stamped.published is None


def test_an_undated_event_claims_no_time_precision(code_text_patterns):
    events = code_text_patterns("Gunmen shot dead three farmers in a village in Zamfara, Nigeria, on Tuesday.",
                                published=None)
    assert events and all(e.event_date is None and e.time_precision is None for e in events)


def test_the_run_counts_documents_without_a_publication_date(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Gunmen shot dead three farmers in a village in Zamfara, Nigeria, on Tuesday.\n",
                                  encoding="utf-8")
    (folder / "b.txt").write_text("Gunmen shot dead three farmers in Zamfara, Nigeria, on 3 June 2021.\n",
                                  encoding="utf-8")
    result = CliRunner().invoke(app, ["code", str(folder), "--no-db", "-o", str(tmp_path / "out.jsonl")])
    assert result.exit_code == 0, result.output
    assert "1 of them had no publication date" in result.output
