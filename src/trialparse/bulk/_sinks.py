"""Where a batch writes: `studies.jsonl`, `studies.parquet`, flat tables, and `errors.jsonl`.

Every output is written to a hidden temporary file in the output folder and moved into place
(`os.replace`) only when the run completes, so a killed run leaves no file that looks finished.
"""

from __future__ import annotations

import importlib
import os
import tempfile
import types
import typing
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import IO, Any, Literal, Protocol

import orjson
from pydantic import BaseModel

from ..errors import TrialParseError
from ..model.study import Study
from ..normalise.models import Normalised
from ._tables import NORMALISED_TABLES, TABLES, Column, Rows

__all__ = [
    "SINK_KINDS",
    "ErrorSink",
    "JsonlSink",
    "ParquetSink",
    "Sink",
    "SinkKind",
    "TablesSink",
    "make_sink",
    "study_parquet_row",
]

SinkKind = Literal["jsonl", "parquet", "tables"]
SINK_KINDS: tuple[SinkKind, ...] = ("jsonl", "parquet", "tables")
_ROW_GROUP = 2000


class Sink(Protocol):
    """An output of a batch: takes one record's payload at a time, then commits or aborts."""

    paths: list[Path]

    def write(self, payload: Any) -> None:
        """Write one record's payload (as made in the worker for this kind of sink)."""

    def commit(self) -> None:
        """Move the finished output into place."""

    def abort(self) -> None:
        """Remove the unfinished output."""


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


class _AtomicFile:
    """A hidden temporary file beside `final`, moved onto it by `commit`."""

    def __init__(self, final: Path) -> None:
        self.final = final
        fd, name = tempfile.mkstemp(dir=final.parent, prefix=f".{final.name}.", suffix=".part")
        os.close(fd)
        self.temp = Path(name)
        # mkstemp makes the file private; the output gets the mode a plain open() would give.
        os.chmod(self.temp, 0o666 & ~_umask())

    def commit(self) -> None:
        os.replace(self.temp, self.final)

    def abort(self) -> None:
        self.temp.unlink(missing_ok=True)


class _LineSink:
    """JSON lines written to an atomic file."""

    def __init__(self, final: Path) -> None:
        self._file = _AtomicFile(final)
        self._out: IO[bytes] = self._file.temp.open("wb")
        self.paths = [final]

    def write(self, payload: Any) -> None:
        self._out.write(payload)

    def commit(self) -> None:
        self._out.close()
        self._file.commit()

    def abort(self) -> None:
        self._out.close()
        self._file.abort()


class JsonlSink(_LineSink):
    """`studies.jsonl`: one Study per line, as `model_dump(mode="json")`."""

    def __init__(self, out_dir: Path) -> None:
        super().__init__(out_dir / "studies.jsonl")


class ErrorSink(_LineSink):
    """`errors.jsonl`: one line per record that failed (source, record id, error, message)."""

    def __init__(self, out_dir: Path) -> None:
        super().__init__(out_dir / "errors.jsonl")

    def write(self, payload: Any) -> None:
        self._out.write(orjson.dumps(payload) + b"\n")


# -- Parquet -----------------------------------------------------------------------------------


def _require_pyarrow() -> Any:
    try:
        return importlib.import_module("pyarrow")
    except ModuleNotFoundError:
        raise TrialParseError(
            "Parquet output needs pyarrow: pip install 'trialparse[parquet]'"
        ) from None


def _json_text(value: Any) -> Any:
    return None if value is None else orjson.dumps(value).decode("utf-8")


Convert = Callable[[Any], Any] | None
_SCALARS: dict[type, str] = {bool: "bool_", int: "int64", float: "float64", str: "string"}


def _arrow_type(pa: Any, tp: Any, seen: tuple[type, ...]) -> tuple[Any, Convert]:
    """The Arrow type of a model annotation and how to convert a dumped value to it.

    Free-form content (`extras`, `Any`) and recursive models (`Criterion.children`) have no
    fixed Arrow type: they are stored as JSON text.
    """
    origin = typing.get_origin(tp)
    if origin is typing.Annotated:
        return _arrow_type(pa, typing.get_args(tp)[0], seen)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        if len(args) == 1:
            return _arrow_type(pa, args[0], seen)
        if set(args) <= {int, float}:
            return pa.float64(), None
        if all(isinstance(a, type) and issubclass(a, str) for a in args):
            return pa.string(), None
        return pa.string(), _json_text
    if origin is Literal:
        return pa.string(), None
    if origin is list:
        inner, convert = _arrow_type(pa, typing.get_args(tp)[0], seen)
        if convert is None:
            return pa.list_(inner), None
        item_convert = convert
        return pa.list_(inner), lambda v: None if v is None else [item_convert(x) for x in v]
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        if tp in seen:
            return pa.string(), _json_text
        return _struct(pa, tp, (*seen, tp))
    if isinstance(tp, type) and issubclass(tp, Enum):
        return pa.string(), None
    if isinstance(tp, type) and tp in _SCALARS:
        return getattr(pa, _SCALARS[tp])(), None
    return pa.string(), _json_text


def _struct(pa: Any, model: type[BaseModel], seen: tuple[type, ...]) -> tuple[Any, Convert]:
    hints = typing.get_type_hints(model, include_extras=True)
    fields = []
    converts: dict[str, Callable[[Any], Any]] = {}
    for name in model.model_fields:
        arrow, convert = _arrow_type(pa, hints[name], seen)
        fields.append(pa.field(name, arrow))
        if convert is not None:
            converts[name] = convert
    if not converts:
        return pa.struct(fields), None

    def convert_row(value: Any) -> Any:
        if value is None:
            return None
        return {k: (converts[k](v) if k in converts else v) for k, v in value.items()}

    return pa.struct(fields), convert_row


_STUDY_CONVERT: Convert = None
_STUDY_CONVERT_READY = False


def study_parquet_row(study: Study, normalised: Normalised | None = None) -> dict[str, Any]:
    """`study` as a row of `studies.parquet` (free-form parts as JSON text)."""
    global _STUDY_CONVERT, _STUDY_CONVERT_READY
    if not _STUDY_CONVERT_READY:
        _STUDY_CONVERT = _study_schema(_require_pyarrow())[1]
        _STUDY_CONVERT_READY = True
    row: dict[str, Any] = study.model_dump(mode="json")
    if _STUDY_CONVERT is not None:
        row = _STUDY_CONVERT(row)
    row["normalised"] = _json_text(normalised.model_dump(mode="json")) if normalised else None
    return row


def _study_schema(pa: Any) -> tuple[Any, Convert]:
    struct, convert = _struct(pa, Study, ())
    fields = [struct.field(i) for i in range(struct.num_fields)]
    fields.append(pa.field("normalised", pa.string()))
    return pa.schema(fields), convert


class _ParquetFile:
    """One Parquet file with a fixed schema, written a row group at a time."""

    def __init__(self, final: Path, schema: Any) -> None:
        self._pa = _require_pyarrow()
        pq = importlib.import_module("pyarrow.parquet")
        self._file = _AtomicFile(final)
        self._schema = schema
        self._writer = pq.ParquetWriter(self._file.temp, schema, compression="zstd")
        self._rows: list[dict[str, Any]] = []

    def add(self, rows: list[dict[str, Any]]) -> None:
        self._rows.extend(rows)
        if len(self._rows) >= _ROW_GROUP:
            self._flush()

    def _flush(self) -> None:
        if self._rows:
            table = self._pa.Table.from_pylist(self._rows, schema=self._schema)
            self._writer.write_table(table)
            self._rows = []

    def commit(self) -> None:
        self._flush()
        self._writer.close()
        self._file.commit()

    def abort(self) -> None:
        self._writer.close()
        self._file.abort()


class ParquetSink:
    """`studies.parquet`: one row per Study, nested as the model is (needs pyarrow)."""

    def __init__(self, out_dir: Path) -> None:
        pa = _require_pyarrow()
        final = out_dir / "studies.parquet"
        self._file = _ParquetFile(final, _study_schema(pa)[0])
        self.paths = [final]

    def write(self, payload: Any) -> None:
        self._file.add([payload])

    def commit(self) -> None:
        self._file.commit()

    def abort(self) -> None:
        self._file.abort()


def table_schema(columns: tuple[Column, ...]) -> Any:
    """The Arrow schema of a flat table."""
    pa = _require_pyarrow()
    names = {
        "string": pa.string(),
        "int64": pa.int64(),
        "float64": pa.float64(),
        "bool": pa.bool_(),
    }
    return pa.schema([pa.field(c.name, names[c.type]) for c in columns])


class TablesSink:
    """Flat Parquet tables named as in AACT, one file per table, keyed by `nct_id`."""

    def __init__(self, out_dir: Path, *, normalised: bool) -> None:
        _require_pyarrow()
        names = [n for n in TABLES if normalised or n not in NORMALISED_TABLES]
        self.paths = [out_dir / f"{name}.parquet" for name in names]
        self._files = {
            name: _ParquetFile(path, table_schema(TABLES[name]))
            for name, path in zip(names, self.paths, strict=True)
        }

    def write(self, payload: Any) -> None:
        rows: Rows = payload
        for name, table_rows in rows.items():
            file = self._files.get(name)
            if file is not None and table_rows:
                file.add(table_rows)

    def commit(self) -> None:
        for file in self._files.values():
            file.commit()

    def abort(self) -> None:
        for file in self._files.values():
            file.abort()


def make_sink(to: SinkKind, out_dir: Path, *, normalised: bool) -> Sink:
    """The sink that writes `to` into `out_dir`."""
    if to == "jsonl":
        return JsonlSink(out_dir)
    if to == "parquet":
        return ParquetSink(out_dir)
    if to == "tables":
        return TablesSink(out_dir, normalised=normalised)
    raise TrialParseError(f"unknown output {to!r}: expected one of {', '.join(SINK_KINDS)}")
