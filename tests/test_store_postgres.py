"""The PostgreSQL store on a real server: concurrent writers killed and rerun, read-only readers,
clear errors. The store behaviour both stores share is in test_store.py and test_store_incremental.py."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from conflictcoder import errors
from conflictcoder.store import open_store

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))


def test_store_postgres_concurrent_writers_killed_and_rerun_lose_and_double_nothing(pg_server):
    import pg_concurrency

    urls = [pg_server.create_database(n) for n in ("conc", "conc_ref", "conc_timing")]
    result = pg_concurrency.run(urls[0], urls[1], writers=4, n=48, rounds=1, seed=3, out=lambda *_: None,
                                timing_url=urls[2])
    assert result.pop("writers_killed") >= 1
    assert result == dict.fromkeys(result, 0)


def test_store_postgres_reader_cannot_write(pg_server):
    url = pg_server.create_database("ro")
    open_store(url).close()
    with open_store(url, read_only=True) as reader:
        with pytest.raises(errors.StoreError):
            with reader.transaction():
                pass
        with pytest.raises(Exception, match="read-only"):
            reader.fetch("DELETE FROM events")
        with pytest.raises(Exception, match="read-only"):
            reader.fetch("CREATE TABLE sneaky (x int)")


def test_store_postgres_unreachable_server_is_a_clear_store_error(pg_server):
    from pg_server import free_port

    url = f"postgresql://postgres:secret@127.0.0.1:{free_port()}/nothing"
    with pytest.raises(errors.StoreError) as info:
        open_store(url)
    assert "cannot reach the PostgreSQL store" in str(info.value) and "secret" not in str(info.value)


def test_store_postgres_missing_store_for_readers(pg_server):
    url = pg_server.create_database("empty")
    with pytest.raises(errors.StoreMissing):
        open_store(url, read_only=True)
