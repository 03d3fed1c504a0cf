"""`python -m conflictcoder.training`: rebuild the shipped event detector and the relevance model,
and their data cards (`--only detector|relevance`: one of them)."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ..errors import ConflictCoderError
from ..extract.detector import MODEL_DIR
from .examples import CORPUS
from .train import train


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m conflictcoder.training", description=__doc__)
    parser.add_argument("--shared", type=Path, default=Path("../shared"),
                        help="the shared folder with the public training data (MUC-4, PLOVER)")
    parser.add_argument("--corpus", type=Path, default=CORPUS / "train")
    parser.add_argument("--out", type=Path, default=MODEL_DIR)
    parser.add_argument("--no-cv", action="store_true", help="skip the writer-held-out cross-validation")
    parser.add_argument("--only", choices=("detector", "relevance"), help="rebuild one model only")
    args = parser.parse_args(argv)
    if not args.shared.is_dir():
        print(f"{args.shared} not found: training on the project's corpus alone", file=sys.stderr)
    try:
        return run(args)
    except ConflictCoderError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


def run(args: argparse.Namespace) -> int:
    if args.only != "relevance":
        card = train(args.shared, args.out, args.corpus, cross_validate=not args.no_cv)
        print(json.dumps({k: card[k] for k in ("examples", "features", "temperature", "cross_validation_by_writer")},
                         indent=1))
    if args.only != "detector":
        from .relevance import train_relevance

        card = train_relevance(args.shared, args.corpus, args.out)
        print(json.dumps({k: card[k] for k in ("examples", "positives", "threshold", "cross_validation")}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
