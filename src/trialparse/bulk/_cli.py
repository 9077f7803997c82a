"""The `trialparse batch` subcommand."""

from __future__ import annotations

import argparse
import logging
import sys
from typing import Any

from ._sinks import SINK_KINDS
from ._sources import SOURCE_KINDS

__all__ = ["add_cli_commands"]


EXIT_INTERRUPTED = 130


def _cmd_batch(args: argparse.Namespace) -> int:
    from ._run import BatchInterrupted, run_batch

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
            overwrite=args.force,
        )
    except BatchInterrupted as stopped:
        print(f"trialparse batch: {stopped.line}", file=sys.stderr)
        return EXIT_INTERRUPTED
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
        logger.propagate = propagate
    print(summary.line)
    if summary.read == 0:
        print(f"trialparse batch: {args.src} holds no records", file=sys.stderr)
    return summary.exit_code


def _address(text: str) -> str:
    if not text.strip():
        raise argparse.ArgumentTypeError("expected a scheduler address (host:port), got nothing")
    return text


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
        description="Bulk ETL into JSONL, Parquet or flat tables (Parquet or CSV); records that "
        "fail go to errors.jsonl. Exit 0 when every record was written, 1 when some failed, 2 "
        "for a usage or output error, 130 when interrupted (nothing is left half-written).",
    )
    batch.add_argument("src", metavar="SRC", help="folder, .zip, JSON array, API page or .jsonl")
    batch.add_argument("--out", required=True, metavar="DIR", help="output folder")
    batch.add_argument(
        "--to",
        choices=SINK_KINDS,
        default="jsonl",
        help="studies.jsonl, studies.parquet, flat Parquet tables or CSV tables (default jsonl)",
    )
    batch.add_argument(
        "--force", action="store_true", help="replace outputs already in the --out folder"
    )
    batch.add_argument("--workers", type=_positive, default=1, metavar="N", help="processes")
    batch.add_argument("--normalise", action="store_true", help="add the normalised values")
    batch.add_argument("--engine", choices=("local", "dask"), default="local")
    batch.add_argument("--scheduler", type=_address, metavar="ADDR", help="Dask scheduler address")
    batch.add_argument("--source", choices=SOURCE_KINDS, help="force the kind of source")
    batch.add_argument("--no-progress", action="store_true", help="no progress bar or log lines")
    batch.set_defaults(run=_cmd_batch)
