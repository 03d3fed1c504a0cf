"""Shared fixtures: the real pipeline on short texts written for these tests."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def coder(detector: bool):
    from conflictcoder.pipeline import code_documents
    from conflictcoder.records import Document
    from conflictcoder.settings import Options

    options = Options(detector=detector)

    def run(text: str, published: date | None = date(2024, 3, 14), doc_id: str = "t1"):
        (result,) = list(code_documents([Document(doc_id=doc_id, text=text, published=published)], options))
        assert result.failure is None, result.failure
        return result.events

    return run


def mention_reader(detector: bool):
    from conflictcoder.clean import clean_document
    from conflictcoder.extract import extract_mentions
    from conflictcoder.nlp import parse_document
    from conflictcoder.records import Document
    from conflictcoder.settings import Options

    options = Options(detector=detector)

    def run(text: str, published: date | None = date(2024, 3, 14)):
        parsed = parse_document(clean_document(Document(doc_id="m1", text=text, published=published)))
        return extract_mentions(parsed, options)

    return run


@pytest.fixture(scope="session")
def code_text():
    """Code one article text (with a publication date) into events, through every stage: the
    patterns propose, the trained detector decides."""
    return coder(detector=True)


@pytest.fixture(scope="session")
def mentions_of():
    """The extract stage's mentions of a text (clean + nlp + extract), as the coder keeps them."""
    return mention_reader(detector=True)


# The patterns alone: every candidate they propose, typed by them. Tests of how the patterns read
# a clause (its trigger, modality, counts, sides, type) use these; what the detector keeps of
# them is measured on the frozen gate (tests/test_quality_gate.py) and end to end.
@pytest.fixture(scope="session")
def code_text_patterns():
    return coder(detector=False)


@pytest.fixture(scope="session")
def mentions_of_patterns():
    return mention_reader(detector=False)


def shared_or_skip(*parts: str) -> Path:
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent: ../shared (seeds, gold, benchmarks) is not beside this checkout")
    return path


def main_type(events):
    """The sub-event type of a text's main event (its most confident one), as the CASE scorer reads it."""
    best = max(events, key=lambda e: e.confidence) if events else None
    return best.sub_event_type if best else None


@pytest.fixture(scope="session")
def pg_server():
    """A real PostgreSQL server for the session, on a free port in a temporary directory. Absent
    server binaries fail the tests that need them (install them; see README), never skip."""
    from pg_server import PostgresServer

    try:
        server = PostgresServer().start()
    except RuntimeError as exc:
        pytest.fail(str(exc))
    yield server
    server.stop()


@pytest.fixture
def store_url(request, tmp_path):
    """`store_url(kind, name)`: a fresh store location: a DuckDB file under tmp_path, or a new
    database on the session's PostgreSQL server."""
    counter = [0]

    def make(kind: str, name: str = "events.duckdb") -> str:
        if kind == "duckdb":
            return str(tmp_path / name)
        server = request.getfixturevalue("pg_server")
        counter[0] += 1
        return server.create_database(f"t_{abs(hash(request.node.nodeid)) % 10**9}_{counter[0]}")

    return make
