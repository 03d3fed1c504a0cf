"""Code documents on several processes, or on a Dask cluster, with the single-process results.

    results = code_documents_parallel(documents, options, workers=4)
    results = code_documents_dask(documents, options, "tcp://scheduler:8786")

Documents go out in chunks; each worker codes a chunk with `pipeline.code_documents` (the same
code as one process) and sends back its `DocResult`s. Results come back in input order, and only
a bounded number of chunks is in flight at a time, so memory stays flat however many documents
stream in. Each worker process loads the spaCy model and opens the gazetteer once (the loaders
are cached per process) and keeps them for every chunk it codes.

Dask workers must have this package installed (the same version). Start them with one thread
each (`dask worker ADDRESS --nworkers N --nthreads 1`): a worker process codes one chunk at a
time whatever its thread count, since spaCy models are not made to be shared across threads.
"""
from __future__ import annotations

import os
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from itertools import chain, islice

from . import errors
from .pipeline import DocResult
from .records import Document
from .settings import Options

DEFAULT_CHUNK = 32
CONNECT_TIMEOUT_S = 30


def available_cores() -> int:
    """The cores this process may run on (the affinity mask, where the OS has one)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def chunked(items: Iterable, size: int) -> Iterator[list]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


# --- the worker side -------------------------------------------------------------------------

_LOCK = threading.Lock()


WARM_UP_TEXT = "Gunmen killed two villagers near Kaduna on Monday, police said on Tuesday."


def warm_up(options: Options) -> None:
    """Load what every document needs (the model, the gazetteer, the date parser) once, by
    coding a one-sentence text written for this purpose."""
    from .pipeline import code_documents

    text = Document(doc_id="conflictcoder-warm-up", text=WARM_UP_TEXT)
    for _ in code_documents([text], options):
        pass


def code_chunk(documents: list[Document], options: Options) -> list[DocResult]:
    """Code one chunk in this process (a pool worker or a Dask worker)."""
    from .pipeline import code_documents

    with _LOCK:  # one chunk at a time per process, whatever the number of threads
        return list(code_documents(documents, options))


def _pool_init(options: Options) -> None:
    global _POOL_OPTIONS
    _POOL_OPTIONS = options
    # one BLAS thread per worker: the workers already fill the cores (set before numpy loads)
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(var, "1")
    warm_up(options)


_POOL_OPTIONS: Options | None = None


def _pool_code_chunk(documents: list[Document]) -> list[DocResult]:
    return code_chunk(documents, _POOL_OPTIONS or Options())


# --- the driver side -------------------------------------------------------------------------

def code_documents_parallel(documents: Iterable[Document], options: Options | None = None,
                            workers: int | None = None, chunk_size: int = DEFAULT_CHUNK,
                            ahead: int = 3) -> Iterator[DocResult]:
    """Code `documents` on `workers` processes (default: every available core), in input order.

    One worker codes in this process, without a pool. Worker processes are started fresh
    ("spawn"): nothing open in this process (database handles, threads) leaks into them.
    At most `ahead` chunks per worker are in flight.
    """
    import multiprocessing as mp

    options = options or Options()
    workers = workers or available_cores()
    if workers <= 1:
        from .pipeline import code_documents

        yield from code_documents(documents, options)
        return
    chunks = chunked(documents, chunk_size)
    first = next(chunks, None)
    second = next(chunks, None) if first is not None else None
    if second is None:  # one chunk or none: starting processes would cost more than it saves
        from .pipeline import code_documents

        yield from code_documents(first or [], options)
        return
    ctx = mp.get_context("spawn")
    with ctx.Pool(workers, initializer=_pool_init, initargs=(options,)) as pool:
        pending: deque = deque()
        for chunk in chain([first, second], chunks):
            pending.append((chunk, pool.apply_async(_pool_code_chunk, (chunk,))))
            while len(pending) >= workers * ahead:
                yield from chunk_results(*pending.popleft(), lambda r: r.get())
        while pending:
            yield from chunk_results(*pending.popleft(), lambda r: r.get())


def chunk_results(chunk: list[Document], handle, wait) -> list[DocResult]:
    """The results of a chunk sent to a worker; when the chunk itself failed there (its results
    could not be sent back, the worker died), a failure for each of its documents. Each document's
    own errors are caught inside the worker (pipeline.code_documents)."""
    try:
        return wait(handle)
    except Exception as exc:  # noqa: BLE001 - whatever a worker or the transport raises
        from .pipeline import failed

        return [failed(doc, "worker", exc) for doc in chunk]


def code_documents_dask(documents: Iterable[Document], options: Options | None = None,
                        address: str | object = None, chunk_size: int = DEFAULT_CHUNK,
                        ahead: int = 3, connect_timeout: float = CONNECT_TIMEOUT_S) -> Iterator[DocResult]:
    """Code `documents` on the Dask cluster at `address` (or an existing `distributed.Client`).

    Results come back in input order; about `ahead` chunks per worker thread are in flight.
    """
    from distributed import Client

    options = options or Options()
    own = not isinstance(address, Client)
    try:
        client = Client(address, timeout=connect_timeout) if own else address
    except (OSError, TimeoutError) as exc:
        raise errors.ConflictCoderError(
            f"cannot reach the Dask scheduler at {address}: {exc}",
            fix="Start one (`dask scheduler`) and workers (`dask worker ADDRESS --nthreads 1`), "
                "or leave out --dask.") from exc
    try:
        slots = max(1, sum(client.nthreads().values()))
        pending: deque = deque()
        for index, chunk in enumerate(chunked(documents, chunk_size)):
            # pure=False: two chunks with equal contents are still two tasks
            pending.append((chunk, client.submit(code_chunk, chunk, options, pure=False,
                                                 key=f"conflictcoder-chunk-{index}-{os.getpid()}-{id(pending)}")))
            while len(pending) >= slots * ahead:
                yield from chunk_results(*pending.popleft(), lambda f: f.result())
        while pending:
            yield from chunk_results(*pending.popleft(), lambda f: f.result())
    finally:
        if own:
            client.close()
