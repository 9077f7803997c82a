"""Bulk ETL: every record of a folder, zip, JSON array, API page or JSONL file into JSONL,
Parquet or flat tables, with a dead-letter file for the records that fail.

>>> from trialparse.bulk import run_batch
>>> summary = run_batch("ctg-studies.json.zip", "out", to="tables", workers=2)  # doctest: +SKIP
>>> summary.line  # doctest: +SKIP
'read 580000, written 579990, failed 10'
"""

from __future__ import annotations

from ._cli import add_cli_commands
from ._memory import Backend, iter_studies, to_tables
from ._run import BatchInterrupted, BatchSummary, Engine, process_chunk, run_batch
from ._sinks import SINK_KINDS, SinkKind
from ._sources import SOURCE_KINDS, Failure, Item, SourceKind, detect_source, iter_source
from ._tables import NORMALISED_TABLES, TABLES, Column, study_rows

__all__ = [
    "NORMALISED_TABLES",
    "SINK_KINDS",
    "SOURCE_KINDS",
    "TABLES",
    "Backend",
    "BatchInterrupted",
    "BatchSummary",
    "Column",
    "Engine",
    "Failure",
    "Item",
    "SinkKind",
    "SourceKind",
    "add_cli_commands",
    "detect_source",
    "iter_source",
    "iter_studies",
    "process_chunk",
    "run_batch",
    "study_rows",
    "to_tables",
]
