"""What a batch does, in memory: `iter_studies` over any source, `to_tables` as DataFrames."""

from __future__ import annotations

import importlib
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, Literal

from ..errors import MalformedRecord, TrialParseError
from ..model.study import Study
from ..normalise import normalise as run_normaliser
from ._run import error_row, study_of
from ._sinks import encode, output_schemas
from ._sources import Failure, SourceKind, iter_source
from ._tables import RecordRows, record_rows

__all__ = ["Backend", "iter_studies", "to_tables"]

Backend = Literal["arrow", "pandas", "polars"]
_BATCH = 1000


def iter_studies(
    source: str | os.PathLike[str],
    *,
    errors: list[dict[str, Any]] | None = None,
    kind: SourceKind | None = None,
) -> Iterator[Study]:
    """Every study of a file, folder, zip, JSON array, API page, JSONL or v1 file, one at a
    time, as `trialparse batch` reads them (`kind` forces the kind of source).

    A record that fails raises its `TrialParseError`; given an `errors` list, it is skipped and
    its error row (as `errors.jsonl` writes it) is appended there instead. Each study's
    `source.path` names its place in the source (``archive.zip!NCT01234567.json``).

    >>> from pathlib import Path
    >>> [s.nct_id for s in iter_studies(Path("fixtures/NCT06352281.txt"))]
    ['NCT06352281']
    """
    for item in iter_source(Path(source), kind):
        if isinstance(item, Failure):
            if errors is None:
                raise item.error
            errors.append(error_row(item.origin, item.error, None))
            continue
        try:
            yield study_of(item.origin, item.content)
        except TrialParseError as exc:
            if errors is None:
                raise
            errors.append(error_row(item.origin, exc, exc.record_id))


def _module(name: str, extra: str) -> Any:
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError:
        raise TrialParseError(
            f"to_tables(backend={extra!r}) needs {name}: pip install 'trialparse[{extra}]'"
        ) from None


def to_tables(
    studies: Iterable[Study], *, backend: Backend = "arrow", normalise: bool = False
) -> dict[str, Any]:
    """The flat tables of ``trialparse batch --to tables`` (docs/tables.md), in memory.

    Returns a table per name: a `pyarrow.Table` (``backend="arrow"``), a `pandas.DataFrame`
    (``"pandas"``) or a `polars.DataFrame` (``"polars"``), with the same columns and types as
    the Parquet files (date columns, `phases` a list column). `normalise` adds the
    normaliser's tables. A value that does not fit its column raises `MalformedRecord`.
    """
    if backend not in ("arrow", "pandas", "polars"):
        raise TrialParseError(f"unknown backend {backend!r}: expected arrow, pandas or polars")
    frames = _module("polars", "polars") if backend == "polars" else None
    pandas_ok = _module("pandas", "pandas") if backend == "pandas" else None
    pa = _module("pyarrow", "parquet")
    schemas = output_schemas("tables", normalise)
    parts: dict[str, list[Any]] = {name: [] for name in schemas}
    batch: list[RecordRows] = []
    ids: list[str | None] = []

    def flush() -> None:
        encoded, unfit = encode("tables", batch, normalise)
        for index, message in unfit.items():
            raise MalformedRecord(message, record_id=ids[index], location=message.split(":")[0])
        for name, table in encoded.items():
            parts[name].append(table)
        batch.clear()
        ids.clear()

    for study in studies:
        normalised = run_normaliser(study) if normalise else None
        origin = study.source.path if study.source and study.source.path else ""
        batch.append(record_rows(study, origin, normalised))
        ids.append(study.nct_id)
        if len(batch) >= _BATCH:
            flush()
    flush()
    tables = {
        name: pa.concat_tables(tables) if tables else schemas[name].empty_table()
        for name, tables in parts.items()
    }
    if frames is not None:
        return {name: frames.from_arrow(table) for name, table in tables.items()}
    if pandas_ok is not None:
        return {name: table.to_pandas() for name, table in tables.items()}
    return tables
