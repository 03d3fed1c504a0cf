"""conflictcoder: news articles in, ACLED-style political-violence events out.

    import conflictcoder
    events = conflictcoder.code_text("Gunmen killed five soldiers near Kandahar on Tuesday.",
                                     published="2019-03-14")
    frame = conflictcoder.read_events("conflictcoder.duckdb", country="AFG", since="2019-01-01")

The stages are modules named for what they produce: ingest, clean, nlp, extract, resolve
(dates, places, actors), merge, store, export. Nothing heavy is loaded at import time.
"""
from __future__ import annotations

from .errors import ConflictCoderError
from .settings import Options

__version__ = "0.1.0"
__all__ = ["ConflictCoderError", "Options", "code_paths", "code_documents", "code_text", "read_events",
           "__version__"]


def __getattr__(name: str):
    # The pipeline imports spaCy-facing modules and read_events pandas; keep `import conflictcoder` light.
    if name in ("code_paths", "code_documents"):
        from . import pipeline

        return getattr(pipeline, name)
    if name in ("code_text", "read_events"):
        from . import service

        return getattr(service, name)
    raise AttributeError(name)
