"""`run_batch`: read a source, parse every record (here, in a process pool or on Dask), write.

The main process reads raw records and sends them to the workers in chunks; the workers parse,
normalise and turn each study into what the sink writes, so the main process only moves bytes.
Results come back in input order, with a bounded number of chunks in flight (memory stays flat).
"""

from __future__ import annotations

import importlib
import logging
import re
import sys
import time
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import orjson

from .._api import parse_record
from ..errors import TrialParseError
from ..model.study import Source, Study
from ..normalise import Normalised
from ..normalise import normalise as run_normaliser
from ._sinks import ErrorSink, SinkKind, make_sink, study_parquet_row
from ._sources import Failure, Item, SourceKind, iter_source
from ._tables import study_rows

__all__ = ["BatchSummary", "Engine", "process_chunk", "run_batch"]

log = logging.getLogger("trialparse.bulk")

Engine = Literal["local", "dask"]
Outcome = tuple[bool, str, Any]
"""(ok, origin, payload for the sink) or (False, origin, error row)."""

_CHUNK = 64
_ZIP_TAIL = (1 << 16) + 98  # end record, its longest comment, the zip64 end record and locator
_LOG_EVERY_SECONDS = 10.0
_NCT_IN_BYTES = re.compile(rb'"nctId"\s*:\s*"(NCT\d{8})"')
_NCT_IN_NAME = re.compile(r"NCT\d{8}")


@dataclass
class BatchSummary:
    """What a batch did: records read, written and failed, and the files it wrote."""

    read: int = 0
    written: int = 0
    failed: int = 0
    seconds: float = 0.0
    outputs: list[Path] = field(default_factory=list)
    normalised: bool = False

    @property
    def line(self) -> str:
        """The summary line: "read N, written W, failed F"."""
        return f"read {self.read}, written {self.written}, failed {self.failed}"

    @property
    def exit_code(self) -> int:
        """1 when any record failed, else 0."""
        return 1 if self.failed else 0


def _record_id(origin: str, content: Any) -> str | None:
    if isinstance(content, bytes):
        found = _NCT_IN_BYTES.search(content, 0, 65536)
        if found:
            return found[1].decode("ascii")
    elif isinstance(content, dict):
        try:
            nct_id = content["protocolSection"]["identificationModule"]["nctId"]
        except (KeyError, TypeError):
            nct_id = None
        if isinstance(nct_id, str):
            return nct_id
    name = _NCT_IN_NAME.search(origin)
    return name[0] if name else None


def error_row(origin: str, exc: BaseException, record_id: str | None) -> dict[str, Any]:
    """The `errors.jsonl` line for a record that failed."""
    location = getattr(exc, "location", None)
    message = getattr(exc, "message", None) or str(exc)
    return {
        "source": origin,
        "record_id": record_id,
        "error": type(exc).__name__,
        "message": message,
        "location": location,
    }


def _payload(study: Study, origin: str, to: SinkKind, normalised: Normalised | None) -> Any:
    if to == "jsonl":
        out = study.model_dump(mode="json")
        if normalised is not None:
            out["normalised"] = normalised.model_dump(mode="json")
        return orjson.dumps(out) + b"\n"
    if to == "parquet":
        return study_parquet_row(study, normalised)
    return study_rows(study, origin, normalised)


def process_chunk(
    chunk: list[tuple[str, bytes | dict[str, Any] | Study]], to: SinkKind, normalise: bool
) -> list[Outcome]:
    """Parse (and normalise) a chunk of raw records; one outcome per record, in order."""
    out: list[Outcome] = []
    for origin, content in chunk:
        try:
            study = content if isinstance(content, Study) else parse_record(content)
            # Name the record by its place in the batch input (the reader saw only bytes).
            study.source = Source(
                format=study.source.format if study.source else "ctgov-json",
                registry=study.source.registry if study.source else "ctgov",
                path=origin,
            )
            normalised = run_normaliser(study) if normalise else None
            out.append((True, origin, _payload(study, origin, to, normalised)))
        except Exception as exc:  # every failure is a dead letter; the batch goes on
            record_id = getattr(exc, "record_id", None)
            if not (isinstance(record_id, str) and _NCT_IN_NAME.fullmatch(record_id)):
                record_id = _record_id(origin, content)
            out.append((False, origin, error_row(origin, exc, record_id)))
    return out


class _InlineExecutor(Executor):
    """Runs each task at once in this process (one worker: no pool to start)."""

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        future: Future[Any] = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as exc:
            future.set_exception(exc)
        return future


def _dask_executor(workers: int, scheduler: str | None) -> tuple[Executor, Callable[[], None]]:
    try:
        distributed = importlib.import_module("distributed")
    except ModuleNotFoundError:
        raise TrialParseError(
            "the dask engine needs dask.distributed: pip install 'trialparse[dask]'"
        ) from None
    cluster: Any = None
    client: Any
    if scheduler is None:
        cluster = distributed.LocalCluster(
            n_workers=workers, threads_per_worker=1, dashboard_address=None, processes=True
        )
        client = distributed.Client(cluster)
    else:
        client = distributed.Client(scheduler)

    def close() -> None:
        client.close()
        if cluster is not None:
            cluster.close()

    executor: Executor = client.get_executor(pure=False)
    return executor, close


def _chunks(
    items: Iterator[Item | Failure], size: int, as_bytes: bool
) -> Iterator[list[tuple[str, Any]] | Failure]:
    """Chunks of raw records; a failure ends the chunk before it, so order is kept."""
    chunk: list[tuple[str, Any]] = []
    for item in items:
        if isinstance(item, Failure):
            if chunk:
                yield chunk
                chunk = []
            yield item
            continue
        content = item.content
        # Raw bytes travel to a worker faster than the dict they decode to.
        if as_bytes and isinstance(content, dict):
            content = orjson.dumps(content)
        chunk.append((item.origin, content))
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _failed(failure: Failure) -> Future[list[Outcome]]:
    future: Future[list[Outcome]] = Future()
    row = error_row(failure.origin, failure.error, _record_id(failure.origin, None))
    future.set_result([(False, failure.origin, row)])
    return future


class _Progress:
    """A rich progress bar on a terminal; otherwise an INFO log line every few seconds."""

    def __init__(self, enabled: bool | None, total: int | None, label: str) -> None:
        self._bar: Any = None
        self._task: Any = None
        self._last = time.monotonic()
        self._start = self._last
        self._enabled = enabled is not False
        if enabled is not False and sys.stderr.isatty():
            try:
                rich: Any = importlib.import_module("rich.progress")
            except ModuleNotFoundError:
                return
            self._bar = rich.Progress(
                rich.TextColumn("[bold]{task.description}"),
                rich.BarColumn(),
                rich.MofNCompleteColumn(),
                rich.TextColumn("failed {task.fields[failed]}"),
                rich.TimeElapsedColumn(),
            )
            self._bar.start()
            self._task = self._bar.add_task(label, total=total, failed=0)

    def update(self, summary: BatchSummary) -> None:
        if self._bar is not None:
            self._bar.update(self._task, completed=summary.read, failed=summary.failed)
            return
        now = time.monotonic()
        if self._enabled and now - self._last >= _LOG_EVERY_SECONDS:
            self._last = now
            rate = summary.read / max(now - self._start, 1e-9)
            log.info("%s (%.0f records/s)", summary.line, rate)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.stop()


def _zip_total(src: Path, kind: SourceKind | None) -> int | None:
    """The number of entries a zip's end record states (read from its tail, not its index)."""
    if kind not in (None, "zip") or not src.is_file() or src.suffix.lower() != ".zip":
        return None
    with src.open("rb") as file:
        file.seek(0, 2)
        size = file.tell()
        file.seek(max(0, size - _ZIP_TAIL))
        tail = file.read()
    end = tail.rfind(b"PK\x05\x06")
    if end < 0 or end + 22 > len(tail):
        return None
    total = int.from_bytes(tail[end + 10 : end + 12], "little")
    locator = tail.rfind(b"PK\x06\x06", 0, end)  # zip64 end record: more than 65,535 entries
    if total == 0xFFFF and locator >= 0 and locator + 40 <= len(tail):
        total = int.from_bytes(tail[locator + 32 : locator + 40], "little")
    return total


def run_batch(
    src: str | Path,
    out_dir: str | Path,
    *,
    to: SinkKind = "jsonl",
    workers: int = 1,
    normalise: bool = False,
    engine: Engine = "local",
    scheduler: str | None = None,
    progress: bool | None = None,
    source_kind: SourceKind | None = None,
    chunk_size: int = _CHUNK,
) -> BatchSummary:
    """Parse every record of `src` into `out_dir`; failures go to `errors.jsonl`.

    `src` is a folder, a zip (the ClinicalTrials.gov download), a JSON array, an API page, a
    JSONL file or a classic v1 file (`source_kind` forces one). `to` is ``"jsonl"``
    (`studies.jsonl`), ``"parquet"`` (`studies.parquet`) or ``"tables"`` (flat tables, see
    docs/tables.md). `workers` > 1 parses in a process pool; ``engine="dask"`` on a Dask
    cluster (`scheduler` address, or a local one). `progress`: None shows a bar on a terminal.
    """
    src, out = Path(src), Path(out_dir)
    if workers < 1:
        raise TrialParseError(f"workers must be at least 1, got {workers}")
    items = iter_source(src, source_kind)
    out.mkdir(parents=True, exist_ok=True)
    summary = BatchSummary(normalised=normalise)
    started = time.perf_counter()
    close: Callable[[], None] = lambda: None  # noqa: E731
    executor: Executor
    if engine == "dask":
        executor, close = _dask_executor(workers, scheduler)
    elif engine != "local":
        raise TrialParseError(f"unknown engine {engine!r}: expected local or dask")
    elif workers == 1:
        executor = _InlineExecutor()
    else:
        executor = ProcessPoolExecutor(max_workers=workers)
        close = executor.shutdown
    try:
        sink = make_sink(to, out, normalised=normalise)
    except BaseException:
        close()
        raise
    errors = ErrorSink(out)
    remote = engine == "dask" or workers > 1
    bar = _Progress(progress, _zip_total(src, source_kind), f"trialparse batch {src.name}")
    window: deque[Future[list[Outcome]]] = deque()
    in_flight = max(2, workers * 4)

    def drain(future: Future[list[Outcome]]) -> None:
        for ok, _origin, payload in future.result():
            summary.read += 1
            if ok:
                sink.write(payload)
                summary.written += 1
            else:
                errors.write(payload)
                summary.failed += 1
        bar.update(summary)

    try:
        for chunk in _chunks(items, chunk_size, remote):
            if isinstance(chunk, Failure):
                window.append(_failed(chunk))
            else:
                window.append(executor.submit(process_chunk, chunk, to, normalise))
            while len(window) >= in_flight or (window and window[0].done()):
                drain(window.popleft())
        while window:
            drain(window.popleft())
        sink.commit()
        errors.commit()
    except BaseException:
        for future in window:
            future.cancel()
        sink.abort()
        errors.abort()
        raise
    finally:
        bar.close()
        close()
    summary.seconds = time.perf_counter() - started
    summary.outputs = [*sink.paths, *errors.paths]
    log.info("%s in %.1f s", summary.line, summary.seconds)
    return summary
