"""`run_batch`: read a source, parse every record (here, in a process pool or on Dask), write.

The main process reads raw records and sends them to the workers in chunks; the workers parse,
normalise and turn each chunk into what the sink writes (JSON lines, or Arrow tables sent back
as Arrow IPC bytes), so the main process only moves bytes. Results come back in input order, with a bounded number of
chunks in flight (memory stays flat). A record whose values the output cannot hold (an
enrollment above 64 bits) is that record's error row; the rest of its chunk is written.

Ctrl-C stops every worker at once and removes the unfinished output (`BatchInterrupted`);
workers also exit by themselves when the main process is killed.
"""

from __future__ import annotations

import contextlib
import importlib
import logging
import re
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, Future
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import orjson

from .._api import parse_record
from ..errors import TrialParseError
from ..model.study import Source, Study
from ..normalise import Normalised
from ..normalise import normalise as run_normaliser
from ..normalise.units import prepare as prepare_units
from ._pool import WorkerPool
from ._sinks import (
    SINK_KINDS,
    ErrorSink,
    Sink,
    SinkKind,
    encode,
    make_sink,
    pack,
    prepare_arrow,
    study_parquet_row,
    unpack,
)
from ._sources import Failure, Item, SourceKind, iter_source
from ._tables import TABLES, record_rows

__all__ = ["BatchInterrupted", "BatchSummary", "Engine", "process_chunk", "run_batch"]

log = logging.getLogger("trialparse.bulk")

Engine = Literal["local", "dask"]
ChunkResult = tuple[list[dict[str, Any] | None], Any]
"""Per record, None (written) or its error row; and the sink-ready form of the good records."""

_CHUNK = 256  # records a worker takes at a time: per-chunk costs (26 tables each) stay small
_STEP_BYTES = 16 << 20
"""Raw bytes of the records of a chunk that go through each step together (`process_chunk`):
their studies, a few times the size, are held at once."""
_UNSIZED = 64 << 10  # what a record given as a dict or a Study counts as
_ZIP_TAIL = (1 << 16) + 98  # end record, its longest comment, the zip64 end record and locator
_LOG_EVERY_SECONDS = 10.0
_DRAW_EVERY_SECONDS = 0.5
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


class BatchInterrupted(KeyboardInterrupt):
    """A batch stopped by Ctrl-C (SIGINT): workers stopped, the unfinished output removed."""

    def __init__(self, summary: BatchSummary, out_dir: Path) -> None:
        super().__init__(summary.read)
        self.summary = summary
        self.out_dir = out_dir

    @property
    def line(self) -> str:
        """The line to show: interrupted after N records: nothing written to DIR."""
        return f"interrupted after {self.summary.read} records: nothing written to {self.out_dir}"


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


def _pruned(value: dict[str, Any]) -> dict[str, Any]:
    """`value` without its null members and empty lists, at every depth.

    A JSONL line then states only what the record holds (`extras`, the source's own content,
    is kept whole): `Study.model_validate` gives the same study back, and a reader that infers
    column types from the first lines (polars) never meets a null or an empty list standing for
    what a later line holds as an object.
    """
    out: dict[str, Any] = {}
    for key, item in value.items():
        if isinstance(item, dict):
            item = _pruned(item)
        elif isinstance(item, list) and item and isinstance(item[0], dict):
            item = [_pruned(x) if isinstance(x, dict) else x for x in item]
        if item is not None and item != []:
            out[key] = item
    return out


def _payload(study: Study, origin: str, to: SinkKind, normalised: Normalised | None) -> Any:
    if to in ("tables", "csv"):
        return record_rows(study, origin, normalised)
    if to == "jsonl":
        dumped = study.model_dump(mode="json")
        extras = dumped.pop("extras")  # the source's own content: kept exactly as it was
        out = _pruned(dumped)
        if extras:
            out["extras"] = extras
        if normalised is not None:
            out["normalised"] = _pruned(normalised.model_dump(mode="json"))
        return orjson.dumps(out) + b"\n"
    return study_parquet_row(study, normalised)


def study_of(origin: str, content: bytes | dict[str, Any] | Study) -> Study:
    """The `Study` of one record read from a source, named by its place in the source."""
    study = content if isinstance(content, Study) else parse_record(content)
    # Name the record by its place in the batch input (the reader saw only bytes).
    study.source = Source(
        format=study.source.format if study.source else "ctgov-json",
        registry=study.source.registry if study.source else "ctgov",
        path=origin,
    )
    return study


Raw = tuple[str, bytes | dict[str, Any] | Study]
"""A record as a source gives it: its place in the source, and its content."""


def _groups(chunk: list[Raw]) -> Iterator[range]:
    """The positions of the chunk's records in groups that go through each step together, each
    of at most `_STEP_BYTES` of raw content (or one record)."""
    start = held = 0
    for position, (_, content) in enumerate(chunk):
        size = len(content) if isinstance(content, (bytes, str)) else _UNSIZED
        if position > start and held + size > _STEP_BYTES:
            yield range(start, position)
            start, held = position, 0
        held += size
    if start < len(chunk):
        yield range(start, len(chunk))


def _dead_letter(origin: str, content: Any, exc: Exception) -> dict[str, Any]:
    record_id = getattr(exc, "record_id", None)
    if not (isinstance(record_id, str) and _NCT_IN_NAME.fullmatch(record_id)):
        record_id = _record_id(origin, content)
    return error_row(origin, exc, record_id)


def _warned(study: Study) -> Study:
    _ = study.warnings  # every output reads them: the audit of the sections kept whole
    return study


def _split(study: Study) -> Study:
    _ = study.eligibility.inclusion  # every output reads the criteria items
    return study


def process_chunk(chunk: list[Raw], to: SinkKind, normalise: bool) -> ChunkResult:
    """Parse (and normalise) a chunk of raw records and encode them for the sink.

    Returns, per record in order, None for a record written or its error row, and the encoded
    good records. The records go through each step together (all parsed, then all
    normalised, ...), in groups of at most `_STEP_BYTES` of raw content: one step's code and
    tables then stay in the processor's caches, which takes about a tenth less CPU time than
    taking the records one by one through every step. A record that fails a step is its error
    row and leaves the group; the steps come in the order a record's errors are told in.
    """
    outcomes: list[dict[str, Any] | None] = [None] * len(chunk)
    payloads: list[Any] = []
    positions: list[int] = []

    def step(
        group: list[tuple[int, Any]], work: Callable[[int, Any], Any]
    ) -> list[tuple[int, Any]]:
        kept: list[tuple[int, Any]] = []
        for position, value in group:
            try:
                kept.append((position, work(position, value)))
            except Exception as exc:  # every failure is a dead letter; the batch goes on
                outcomes[position] = _dead_letter(*chunk[position], exc)
        return kept

    for positions_in_group in _groups(chunk):
        group = step([(p, None) for p in positions_in_group], lambda p, _: study_of(*chunk[p]))
        group = step(
            group,
            lambda _, study: (study, run_normaliser(study) if normalise else None),
        )
        group = step(group, lambda _, found: (_warned(found[0]), found[1]))
        group = step(group, lambda _, found: (_split(found[0]), found[1]))
        group = step(group, lambda p, found: _payload(found[0], chunk[p][0], to, found[1]))
        for position, payload in group:
            payloads.append(payload)
            positions.append(position)
    encoded, unfit = encode(to, payloads, normalise)
    for index, message in unfit.items():
        position = positions[index]
        origin, content = chunk[position]
        outcomes[position] = {
            "source": origin,
            "record_id": _record_id(origin, content),
            "error": "UnfitValue",
            "message": message,
            "location": message.split(":", 1)[0],
        }
    return outcomes, encoded


def _packed_chunk(chunk: list[Raw], to: SinkKind, normalise: bool) -> ChunkResult:
    """`process_chunk` in a worker: its tables packed to cross back to the main process."""
    outcomes, encoded = process_chunk(chunk, to, normalise)
    return outcomes, pack(to, encoded)


class _InlineExecutor(Executor):
    """Runs each task at once in this process (one worker: no pool to start)."""

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        future: Future[Any] = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as exc:
            future.set_exception(exc)
        return future


_SCHEDULER_TIMEOUT = "10s"


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
    elif not scheduler.strip():
        raise TrialParseError("the Dask scheduler address is empty: give host:port")
    else:
        try:
            client = distributed.Client(scheduler, timeout=_SCHEDULER_TIMEOUT)
        except Exception as exc:  # OSError, TimeoutError, ValueError for a bad address
            raise TrialParseError(
                f"cannot reach the Dask scheduler at {scheduler!r}: "
                f"{type(exc).__name__}: {exc}".rstrip(": ")
            ) from None

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


def _failed(failure: Failure) -> Future[ChunkResult]:
    future: Future[ChunkResult] = Future()
    row = error_row(failure.origin, failure.error, _record_id(failure.origin, None))
    future.set_result(([row], None))
    return future


class _Runner:
    """Where chunks are processed: in this process, in a `WorkerPool`, or on Dask."""

    def __init__(self, engine: Engine, workers: int, scheduler: str | None) -> None:
        self.pool: WorkerPool | None = None
        self._executor: Executor | None = None
        self._close: Callable[[], None] = lambda: None
        self.remote = True
        if engine == "dask":
            self._executor, self._close = _dask_executor(workers, scheduler)
        elif engine != "local":
            raise TrialParseError(f"unknown engine {engine!r}: expected local or dask")
        elif workers == 1:
            self._executor = _InlineExecutor()
            self.remote = False
        else:
            self.pool = WorkerPool(_packed_chunk, workers)

    def submit(self, chunk: list[tuple[str, Any]], to: SinkKind, normalise: bool) -> Any:
        if self.pool is not None:
            return self.pool.submit(chunk, to, normalise)
        assert self._executor is not None
        task = _packed_chunk if self.remote else process_chunk
        return self._executor.submit(task, chunk, to, normalise)

    def result(self, handle: Any, to: SinkKind) -> ChunkResult:
        if isinstance(handle, Future):
            outcomes, encoded = handle.result()
        else:
            assert self.pool is not None
            outcomes, encoded = self.pool.result(handle)
        if self.remote and encoded is not None:
            encoded = unpack(to, encoded)
        return outcomes, encoded

    def close(self) -> None:
        if self.pool is not None:
            self.pool.close()
        self._close()

    def stop(self) -> None:
        """Stop now: workers terminated, queued work dropped."""
        if self.pool is not None:
            self.pool.terminate()
        with contextlib.suppress(Exception):
            self._close()


@contextlib.contextmanager
def _sigint_ignored() -> Iterator[None]:
    """No second KeyboardInterrupt while the first one's cleanup runs (main thread only)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def _prepare_out(out: Path, to: SinkKind, normalise: bool, overwrite: bool) -> bool:
    """Check and create the output folder; returns whether it was created here."""
    if out.exists() and not out.is_dir():
        raise TrialParseError(f"output {out} is a file, not a folder")
    created = not out.exists()
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise TrialParseError(
            f"cannot create the output folder {out}: {exc.strerror or exc}"
        ) from None
    if not overwrite:
        names = {"errors.jsonl"}
        if to in ("tables", "csv"):
            names |= {f"{name}.{'csv' if to == 'csv' else 'parquet'}" for name in TABLES}
        else:
            names.add(f"studies.{to}")
        found = sorted(n for n in names if (out / n).exists())
        if found:
            shown = ", ".join(found[:3]) + (f" and {len(found) - 3} more" if len(found) > 3 else "")
            raise TrialParseError(
                f"{out} already holds {shown}: pass --force (overwrite=True) to replace them"
            )
    return created


def _clock(seconds: float) -> str:
    minutes, secs = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def progress_text(summary: BatchSummary, total: int | None, elapsed: float) -> str:
    """The plain progress line: records read (of the total), failed, rate and time left."""
    rate = summary.read / elapsed if elapsed > 0 else 0.0
    done = f"{summary.read:,}" + (f" of {total:,} ({summary.read / total:.0%})" if total else "")
    text = f"{done}, failed {summary.failed:,}, {rate:,.0f} records/s"
    if total and rate > 0:
        text += f", ETA {_clock(max(0, total - summary.read) / rate)}"
    return text


class _Progress:
    """Progress on stderr: a rich bar on a terminal (with the `progress` extra), else a plain
    line rewritten in place on a terminal, else a log line every few seconds."""

    def __init__(self, enabled: bool | None, total: int | None, label: str) -> None:
        self._bar: Any = None
        self._task: Any = None
        self._total = total
        self._last = time.monotonic()
        self._start = self._last
        self._enabled = enabled is not False
        self._tty = self._enabled and sys.stderr.isatty()
        self._drawn = False
        if not self._tty:
            return
        try:
            rich: Any = importlib.import_module("rich.progress")
        except ModuleNotFoundError:
            return
        self._bar = rich.Progress(
            rich.TextColumn("[bold]{task.description}"),
            rich.BarColumn(),
            rich.MofNCompleteColumn(),
            rich.TextColumn("failed {task.fields[failed]}"),
            rich.TextColumn("{task.fields[rate]} records/s"),
            rich.TimeElapsedColumn(),
            rich.TextColumn("ETA"),
            rich.TimeRemainingColumn(),
        )
        self._bar.start()
        self._task = self._bar.add_task(label, total=total, failed=0, rate="0")

    def update(self, summary: BatchSummary) -> None:
        now = time.monotonic()
        elapsed = now - self._start
        if self._bar is not None:
            rate = f"{summary.read / elapsed:,.0f}" if elapsed > 0 else "0"
            self._bar.update(
                self._task, completed=summary.read, failed=summary.failed, rate=rate
            )
            return
        every = _DRAW_EVERY_SECONDS if self._tty else _LOG_EVERY_SECONDS
        if not self._enabled or now - self._last < every:
            return
        self._last = now
        text = progress_text(summary, self._total, elapsed)
        if self._tty:
            sys.stderr.write(f"\r\x1b[Ktrialparse batch: {text}")
            sys.stderr.flush()
            self._drawn = True
        else:
            log.info("%s", text)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.stop()
        elif self._drawn:
            sys.stderr.write("\r\x1b[K")
            sys.stderr.flush()


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
    overwrite: bool = False,
) -> BatchSummary:
    """Parse every record of `src` into `out_dir`; failures go to `errors.jsonl`.

    `src` is a folder, a zip (the ClinicalTrials.gov download), a JSON array, an API page, a
    JSONL file or a classic v1 file (`source_kind` forces one). `to` is ``"jsonl"``
    (`studies.jsonl`), ``"parquet"`` (`studies.parquet`), ``"tables"`` (flat Parquet tables, see
    docs/tables.md) or ``"csv"`` (the same tables as CSV). `workers` > 1 parses in a process
    pool; ``engine="dask"`` on a Dask cluster (`scheduler` address, or a local one). `progress`:
    None shows progress on a terminal. Outputs already in `out_dir` are refused unless
    `overwrite`. A Ctrl-C raises `BatchInterrupted` once every worker has stopped and the
    unfinished output is removed; a failed write raises `TrialParseError` likewise.
    """
    src, out = Path(src), Path(out_dir)
    if workers < 1:
        raise TrialParseError(f"workers must be at least 1, got {workers}")
    if to not in SINK_KINDS:
        raise TrialParseError(f"unknown output {to!r}: expected one of {', '.join(SINK_KINDS)}")
    items = iter_source(src, source_kind)
    if normalise:  # once here, not in every worker the batch starts
        prepare_units()
    created = _prepare_out(out, to, normalise, overwrite)
    summary = BatchSummary(normalised=normalise)
    started = time.perf_counter()
    sink: Sink | None = None
    errors: ErrorSink | None = None
    runner: _Runner | None = None
    bar: _Progress | None = None
    window: deque[Any] = deque()
    in_flight = max(2, workers * 4)

    def drain(runner: _Runner, bar: _Progress, handle: Any) -> None:
        assert sink is not None
        assert errors is not None
        outcomes, encoded = runner.result(handle, to)
        for row in outcomes:
            summary.read += 1
            if row is None:
                summary.written += 1
            else:
                errors.write(row)
                summary.failed += 1
        if encoded is not None:
            sink.write(encoded)
        bar.update(summary)

    try:
        sink = make_sink(to, out, normalised=normalise)
        errors = ErrorSink(out)
        if to != "jsonl" and engine == "local" and workers > 1:
            prepare_arrow()  # once here, before the workers are forked
        runner = _Runner(engine, workers, scheduler)
        bar = _Progress(progress, _zip_total(src, source_kind), f"trialparse batch {src.name}")
        for chunk in _chunks(items, chunk_size, runner.remote):
            if isinstance(chunk, Failure):
                window.append(_failed(chunk))
            else:
                window.append(runner.submit(chunk, to, normalise))
            while len(window) >= in_flight or (
                window and isinstance(window[0], Future) and window[0].done()
            ):
                drain(runner, bar, window.popleft())
        while window:
            drain(runner, bar, window.popleft())
        sink.commit()
        errors.commit()
        runner.close()
    except BaseException as exc:
        with _sigint_ignored():
            if runner is not None:
                runner.stop()
            for output in (sink, errors):
                if output is not None:
                    output.abort()
            if bar is not None:
                bar.close()
                bar = None
            _remove_if_empty(out, created)
        if isinstance(exc, KeyboardInterrupt):
            raise BatchInterrupted(summary, out) from None
        if isinstance(exc, OSError) and errors is None:
            raise TrialParseError(f"cannot write in {out}: {exc.strerror or exc}") from None
        if isinstance(exc, OSError):
            raise TrialParseError(
                f"writing to {out} failed after {summary.read} records: "
                f"{exc.strerror or exc}; the partial output was removed"
            ) from None
        raise
    finally:
        if bar is not None:
            bar.close()
    summary.seconds = time.perf_counter() - started
    assert sink is not None
    assert errors is not None
    summary.outputs = [*sink.paths, *errors.paths]
    log.info("%s in %.1f s", summary.line, summary.seconds)
    return summary


def _remove_if_empty(out: Path, created: bool) -> None:
    if created:
        with contextlib.suppress(OSError):
            out.rmdir()
