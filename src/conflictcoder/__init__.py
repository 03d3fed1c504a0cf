"""conflictcoder: news articles in, ACLED-style political-violence events out.

    from conflictcoder import code_paths, Options
    result = code_paths(["articles/"], options=Options())

The stages are modules named for what they produce: ingest, clean, nlp, extract, resolve
(dates, places, actors), merge, store, export. Nothing heavy is loaded at import time.
"""
from __future__ import annotations

from .errors import ConflictCoderError
from .settings import Options

__version__ = "0.1.0"
__all__ = ["ConflictCoderError", "Options", "code_paths", "code_documents", "__version__"]


def __getattr__(name: str):
    # The pipeline imports spaCy-facing modules; keep `import conflictcoder` light.
    if name in ("code_paths", "code_documents"):
        from . import pipeline

        return getattr(pipeline, name)
    raise AttributeError(name)
