"""Ingest: files, directories and JSONL in; `Document` records (or `Failure`s) out.

A file or line that cannot be read becomes a `Failure` with the path, a code and the reason;
the caller records it and goes on with the rest.
"""
from __future__ import annotations

from .files import InputItem, iter_documents, load_meta

__all__ = ["InputItem", "iter_documents", "load_meta"]
