"""Where a batch writes: `studies.jsonl`, `studies.parquet`, flat tables, and `errors.jsonl`.

Every output is written to a hidden temporary file in the output folder and moved into place
(`os.replace`) only when the run completes, so a killed run leaves no file that looks finished.
"""

from __future__ import annotations

import contextlib
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
from ._tables import NORMALISED_TABLES, TABLES, Column, RecordRows, Row, Rows

__all__ = [
    "SINK_KINDS",
    "ErrorSink",
    "JsonlSink",
    "ParquetSink",
    "Sink",
    "SinkKind",
    "TablesSink",
    "make_sink",
    "prepare_arrow",
    "study_parquet_row",
]

SinkKind = Literal["jsonl", "parquet", "tables", "csv"]
SINK_KINDS: tuple[SinkKind, ...] = ("jsonl", "parquet", "tables", "csv")
_ROW_GROUP = 10_000
_ROW_GROUP_BYTES = 64 << 20
"""A table's rows are written as a row group once 10,000 are waiting, or 64 MiB of them (few
`studies` rows weigh that much: a group of them stays near the others' in size)."""


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
        with contextlib.suppress(OSError):
            self._out.close()
        self._file.abort()


class JsonlSink(_LineSink):
    """`studies.jsonl`: one Study per line, as `model_dump(mode="json")`."""

    def __init__(self, out_dir: Path) -> None:
        super().__init__(out_dir / "studies.jsonl")

    def write(self, payload: Any) -> None:
        encoded: Encoded = payload
        self._out.write(encoded[""])


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
        try:
            self._writer = pq.ParquetWriter(self._file.temp, schema, compression="zstd")
        except BaseException:
            self._file.abort()
            raise
        self._tables: list[Any] = []
        self._rows = 0
        self._bytes = 0

    def add_table(self, table: Any) -> None:
        self._tables.append(table)
        self._rows += table.num_rows
        self._bytes += table.nbytes
        if self._rows >= _ROW_GROUP or self._bytes >= _ROW_GROUP_BYTES:
            self._flush()

    def _flush(self) -> None:
        if self._tables:
            self._writer.write_table(self._pa.concat_tables(self._tables))
            self._tables = []
            self._rows = 0
            self._bytes = 0

    def commit(self) -> None:
        self._flush()
        self._writer.close()
        self._file.commit()

    def abort(self) -> None:
        with contextlib.suppress(Exception):
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
        encoded: Encoded = payload
        if encoded["studies"].num_rows:
            self._file.add_table(encoded["studies"])

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
        "date": pa.date32(),
        "list[string]": pa.list_(pa.string()),
    }
    return pa.schema([pa.field(c.name, names[c.type]) for c in columns])


# -- encoding in the worker ----------------------------------------------------------------------

Encoded = dict[str, Any]
"""A chunk's good records as Arrow tables, by output table name (or JSON lines under "")."""

_SCHEMAS: dict[tuple[str, bool], dict[str, Any]] = {}


def output_schemas(to: SinkKind, normalised: bool) -> dict[str, Any]:
    """The Arrow schema of each table an output of kind `to` writes (empty for JSONL)."""
    key = (to, normalised)
    if key not in _SCHEMAS:
        if to == "jsonl":
            _SCHEMAS[key] = {}
        elif to == "parquet":
            _SCHEMAS[key] = {"studies": _study_schema(_require_pyarrow())[0]}
        else:
            _SCHEMAS[key] = {
                name: table_schema(columns)
                for name, columns in TABLES.items()
                if normalised or name not in NORMALISED_TABLES
            }
    return _SCHEMAS[key]


def prepare_arrow() -> None:
    """Have pyarrow look for pandas now, as it does on its first array (importing pandas when
    installed: a few tenths of a second and tens of MB), so that workers forked after this
    share what it found instead of each importing pandas again."""
    pa = _require_pyarrow()
    pa.array([], type=pa.int64())


def _arrow_faults() -> tuple[type[BaseException], ...]:
    pa = _require_pyarrow()
    return (pa.ArrowException, OverflowError, TypeError, ValueError, UnicodeError)


def _row_tables(records: list[Rows], schemas: dict[str, Any]) -> Encoded:
    """Tables from rows as dicts (the nested `studies.parquet` rows)."""
    pa = _require_pyarrow()
    return {
        name: pa.Table.from_pylist(
            [row for record in records for row in record.get(name, ())], schema=schema
        )
        for name, schema in schemas.items()
    }


def _flat_tables(records: list[RecordRows], schemas: dict[str, Any]) -> Encoded:
    """The flat tables of a chunk's records, built column by column (tables with no row left
    out): each column is one `pyarrow.array` of its values, as `Table.from_pylist` builds it.

    The key columns (`nct_id`, `registry`, `registry_id`) are converted once per chunk, a value
    per record, and each table takes its rows' keys from them by the record's position."""
    pa = _require_pyarrow()
    out: Encoded = {}
    keys: list[Any] | None = None
    every = len(records)
    for name, schema in schemas.items():
        rows: list[Row] = []
        owners: list[int] = []
        for index, record in enumerate(records):
            found = record.tables.get(name)
            if found:
                rows += found
                owners += [index] * len(found)
        if not rows:
            continue
        types = schema.types
        if keys is None:
            columns = list(zip(*(record.key for record in records), strict=True))
            keys = [
                pa.array(values, type=kind)
                for values, kind in zip(columns, types[: len(columns)], strict=True)
            ]
        if owners == list(range(every)):  # a row per record, in order
            arrays = list(keys)
        else:
            taken = pa.array(owners, type=pa.int32())
            arrays = [key.take(taken) for key in keys]
        arrays += [
            pa.array(values, type=kind)
            for values, kind in zip(zip(*rows, strict=True), types[len(arrays) :], strict=True)
        ]
        out[name] = pa.Table.from_arrays(arrays, schema=schema)
    return out


def _fault(record: Rows, schemas: dict[str, Any], exc: BaseException) -> str:
    """Which table and column of `record` holds a value its column cannot take."""
    pa = _require_pyarrow()
    for name, schema in schemas.items():
        for row in record.get(name, ()):
            for field in schema:
                value = row.get(field.name)
                try:
                    pa.array([value], type=field.type)
                except _arrow_faults():
                    shown = repr(value)
                    shown = shown if len(shown) <= 60 else shown[:57] + "..."
                    return f"{name}.{field.name}: {shown} does not fit its column ({field.type})"
    return f"{type(exc).__name__}: {exc}"


def encode(
    to: SinkKind, payloads: list[Any], normalised: bool
) -> tuple[Encoded, dict[int, str]]:
    """The sink-ready form of a chunk's payloads, and why each payload that cannot be written
    failed (by index). A value that does not fit its column sinks its own record only.

    Payloads are JSON lines (``jsonl``), `studies.parquet` rows (``parquet``) or `RecordRows`
    (``tables`` and ``csv``)."""
    if to == "jsonl":
        return {"": b"".join(payloads)}, {}
    schemas = output_schemas(to, normalised)
    build: Callable[[list[Any], dict[str, Any]], Encoded]
    as_dicts: Callable[[Any], Rows]
    if to == "parquet":
        records: list[Any] = [{"studies": [p]} for p in payloads]
        build, as_dicts = _row_tables, _same
    else:
        records, build, as_dicts = payloads, _flat_tables, _record_dicts
    faults = _arrow_faults()
    try:
        return build(records, schemas), {}
    except faults:
        bad: dict[int, str] = {}
        for index, record in enumerate(records):
            try:
                build([record], schemas)
            except faults as exc:
                bad[index] = _fault(as_dicts(record), schemas, exc)
        good = [r for i, r in enumerate(records) if i not in bad]
        return build(good, schemas), bad


def pack(to: SinkKind, encoded: Encoded) -> Encoded:
    """`encoded` ready to cross to another process: each Arrow table as the bytes of an Arrow
    IPC stream, which pickle as one block (a pickled table is an object per buffer)."""
    if to == "jsonl":
        return encoded
    pa = _require_pyarrow()
    packed: Encoded = {}
    for name, table in encoded.items():
        out = pa.BufferOutputStream()
        with pa.ipc.new_stream(out, table.schema) as writer:
            writer.write_table(table)
        packed[name] = out.getvalue().to_pybytes()
    return packed


def unpack(to: SinkKind, packed: Encoded) -> Encoded:
    """The tables `pack` made bytes of (read in place, not copied)."""
    if to == "jsonl":
        return packed
    pa = _require_pyarrow()
    return {name: pa.ipc.open_stream(data).read_all() for name, data in packed.items()}


def _same(record: Rows) -> Rows:
    return record


def _record_dicts(record: RecordRows) -> Rows:
    return record.as_dicts()


# -- writing in the main process ------------------------------------------------------------------


class TablesSink:
    """Flat Parquet tables named as in AACT, one file per table, each keyed by the study's
    `nct_id`, `registry` and `registry_id`."""

    def __init__(self, out_dir: Path, *, normalised: bool) -> None:
        schemas = output_schemas("tables", normalised)
        self.paths = [out_dir / f"{name}.parquet" for name in schemas]
        self._files: dict[str, _ParquetFile] = {}
        try:
            for name, path in zip(schemas, self.paths, strict=True):
                self._files[name] = _ParquetFile(path, schemas[name])
        except BaseException:
            self.abort()
            raise

    def write(self, payload: Any) -> None:
        encoded: Encoded = payload
        for name, table in encoded.items():
            file = self._files.get(name)
            if file is not None and table.num_rows:
                file.add_table(table)

    def commit(self) -> None:
        for file in self._files.values():
            file.commit()

    def abort(self) -> None:
        for file in self._files.values():
            file.abort()


class CsvSink:
    """The flat tables as CSV files (list columns joined with "|"), one file per table."""

    def __init__(self, out_dir: Path, *, normalised: bool) -> None:
        pa = _require_pyarrow()
        self._csv = importlib.import_module("pyarrow.csv")
        self._pc = importlib.import_module("pyarrow.compute")
        self._pa = pa
        schemas = output_schemas("tables", normalised)
        self.paths = [out_dir / f"{name}.csv" for name in schemas]
        self._files: dict[str, tuple[_AtomicFile, Any]] = {}
        try:
            for name, path in zip(schemas, self.paths, strict=True):
                file = _AtomicFile(path)
                schema = self._flat_schema(schemas[name])
                self._files[name] = (file, self._csv.CSVWriter(str(file.temp), schema))
        except BaseException:
            self.abort()
            raise

    def _flat_schema(self, schema: Any) -> Any:
        pa = self._pa
        return pa.schema(
            [
                pa.field(f.name, pa.string()) if pa.types.is_list(f.type) else f
                for f in schema
            ]
        )

    def write(self, payload: Any) -> None:
        encoded: Encoded = payload
        for name, table in encoded.items():
            entry = self._files.get(name)
            if entry is None or not table.num_rows:
                continue
            for index, field in enumerate(table.schema):
                if self._pa.types.is_list(field.type):
                    joined = self._pc.binary_join(table.column(index), "|")
                    table = table.set_column(index, field.name, joined)
            entry[1].write_table(table)

    def commit(self) -> None:
        for file, writer in self._files.values():
            writer.close()
            file.commit()

    def abort(self) -> None:
        for file, writer in self._files.values():
            with contextlib.suppress(Exception):
                writer.close()
            file.abort()


def make_sink(to: SinkKind, out_dir: Path, *, normalised: bool) -> Sink:
    """The sink that writes `to` into `out_dir`."""
    if to == "csv":
        return CsvSink(out_dir, normalised=normalised)
    if to == "jsonl":
        return JsonlSink(out_dir)
    if to == "parquet":
        return ParquetSink(out_dir)
    if to == "tables":
        return TablesSink(out_dir, normalised=normalised)
    raise TrialParseError(f"unknown output {to!r}: expected one of {', '.join(SINK_KINDS)}")
