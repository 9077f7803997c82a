"""The `trialparse batch` subcommand."""

from __future__ import annotations

import argparse
import logging
import sys
from typing import Any

from ._sinks import SINK_KINDS
from ._sources import SOURCE_KINDS

__all__ = ["add_cli_commands"]


def _cmd_batch(args: argparse.Namespace) -> int:
    from ._run import run_batch

    # Plain progress lines (off a terminal) and the closing line go to stderr for this run.
    logger = logging.getLogger("trialparse.bulk")
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("trialparse batch: %(message)s"))
    logger.addHandler(handler)
    level, propagate = logger.level, logger.propagate
    logger.setLevel(logging.INFO)
    logger.propagate = False
    try:
        summary = run_batch(
            args.src,
            args.out,
            to=args.to,
            workers=args.workers,
            normalise=args.normalise,
            engine=args.engine,
            scheduler=args.scheduler,
            progress=False if args.no_progress else None,
            source_kind=args.source,
        )
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
        logger.propagate = propagate
    print(summary.line)
    return summary.exit_code


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a number of at least 1, got {text}")
    return value


def add_cli_commands(subparsers: Any) -> None:
    """Add `batch` to the `trialparse` command's subparsers."""
    batch = subparsers.add_parser(
        "batch",
        help="parse every record of a folder, zip, JSON array, API page or JSONL file",
        description="Bulk ETL into JSONL, Parquet or flat tables; records that fail go to "
        "errors.jsonl. Exit 0 when every record was written, 1 when some failed.",
    )
    batch.add_argument("src", metavar="SRC", help="folder, .zip, JSON array, API page or .jsonl")
    batch.add_argument("--out", required=True, metavar="DIR", help="output folder")
    batch.add_argument("--to", choices=SINK_KINDS, default="jsonl", help="output (default jsonl)")
    batch.add_argument("--workers", type=_positive, default=1, metavar="N", help="processes")
    batch.add_argument("--normalise", action="store_true", help="add the normalised values")
    batch.add_argument("--engine", choices=("local", "dask"), default="local")
    batch.add_argument("--scheduler", metavar="ADDR", help="Dask scheduler address")
    batch.add_argument("--source", choices=SOURCE_KINDS, help="force the kind of source")
    batch.add_argument("--no-progress", action="store_true", help="no progress bar or log lines")
    batch.set_defaults(run=_cmd_batch)
