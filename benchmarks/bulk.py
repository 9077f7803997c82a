"""Records per second of `trialparse batch` on a zip shaped like the ClinicalTrials.gov download.

Run: python benchmarks/bulk.py [--records 20000] [--to jsonl|parquet|tables|csv]
     [--workers 1 2] [--normalise]
     python benchmarks/bulk.py --compare OTHER_SRC   (outputs against another checkout's)
Builds, in a temporary folder, a zip of one JSON file per study from the real v2 records
(`tests/realdata.py`; repeated until there are `--records` entries), then runs the batch once per
worker count, each in a fresh process so that peak memory is its own. Prints records/s, the
ratio to merely unzipping and decoding the same members, peak RSS (main process and the largest
worker), and the projected time for the full download (580,000 studies): at the run's own rate,
and on a quiet machine, from the CPU time per record of the main process and of the workers
(the rate moves with whatever else the machine runs; CPU time barely does), with whether that
is within 5 minutes. The CPU time per record leaves out the start-up: each worker count is also
run on a fifth of the records, and the difference taken; the start-up (the run's CPU time beyond
that per record) is then spread over the full download's records. Last, where one record's CPU time goes: parse, normalise, table rows and
Arrow encoding (in the workers), the trip to the main process and writing (there), measured
stage by stage on the same records in this process (median of interleaved rounds).

`--compare OTHER_SRC` runs a batch over every real v2 record once with this checkout's package
and once with the one under OTHER_SRC (another checkout's `src`, say main's), for each output
(JSONL, Parquet, tables and CSV, with and without the normaliser, 2 workers), and says whether
every file holds the same: the same bytes, or for Parquet the same schema, row groups and rows.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path
from typing import Any

import orjson

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.realdata import require_real  # noqa: E402

FULL_DOWNLOAD = 580_000
TARGET_MINUTES = 5.0
STAGES = ("parse", "warnings", "criteria", "normalise", "rows", "encode", "ipc", "write")
"""The stages of `stage_split`; the first three are what `parse_record` costs in a batch."""


def build_zip(path: Path, records: int) -> int:
    """Write `records` members (the real records repeated) into the zip at `path`; its size."""
    sources = sorted((require_real() / "ctgov_v2").glob("NCT*.json"))
    blobs = [(p.stem, p.read_bytes()) for p in sources]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for index in range(records):
            stem, blob = blobs[index % len(blobs)]
            archive.writestr(f"{stem}-{index // len(blobs)}.json", blob)
    return path.stat().st_size


def decode_seconds(path: Path) -> float:
    """Time to read and decode every member, the floor any batch run stands on."""
    start = time.perf_counter()
    with zipfile.ZipFile(path) as archive:
        for info in archive.infolist():
            orjson.loads(archive.read(info))
    return time.perf_counter() - start


def peak_rss_mb() -> float:
    """Peak RSS of this process since it started its program (VmHWM on Linux).

    `ru_maxrss` would also count the parent's memory that the forked child held before exec.
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def stage_split(
    to: str, normalise: bool, records: int | None = None, rounds: int = 3
) -> dict[str, float]:
    """CPU microseconds per record of each stage, median of interleaved rounds on the same
    records, staged as a worker runs them (each step over every record of a chunk, then the
    chunk's encoding, the collector off during a chunk and run on its young objects after it):
    parse (`parse_record` and the batch's name for the record), the two things the reader
    leaves for first use and every output reads (the warnings, whose count needs the audit of
    the sections kept whole, and the criteria items), normalise, table rows, Arrow encoding
    (with the collection after the chunk), the trip of a chunk's tables from a worker to the
    main process (packed, pickled and back), and writing. CPU time of this process, so other
    work on the machine barely moves it."""
    import gc
    import pickle
    import statistics

    from trialparse.bulk._run import _CHUNK, _payload, study_of
    from trialparse.bulk._sinks import encode, make_sink, pack, unpack
    from trialparse.normalise import normalise as run_normaliser

    sources = sorted((require_real() / "ctgov_v2").glob("NCT*.json"))[:records]
    blobs = [(p.name, p.read_bytes()) for p in sources]
    times: dict[str, list[float]] = {name: [] for name in STAGES}
    clock = time.process_time
    # as in a worker: modules imported and tables built on first use, then kept out of the
    # collector's passes, which scan only what a chunk holds
    for origin, blob in blobs[:8]:
        study = study_of(origin, blob)
        _payload(study, origin, to, run_normaliser(study) if normalise else None)  # type: ignore[arg-type]
    gc.collect()
    gc.freeze()
    with tempfile.TemporaryDirectory() as tmp:
        for index in range(rounds):
            spent = dict.fromkeys(STAGES, 0.0)
            out = Path(tmp) / str(index)
            out.mkdir()
            sink = make_sink(to, out, normalised=normalise)  # type: ignore[arg-type]
            for start in range(0, len(blobs), _CHUNK):
                records = blobs[start : start + _CHUNK]
                gc.disable()
                marks = [clock()]
                studies = [study_of(origin, blob) for origin, blob in records]
                marks.append(clock())
                found = [run_normaliser(s) if normalise else None for s in studies]
                marks.append(clock())
                for study in studies:
                    _ = study.warnings
                marks.append(clock())
                for study in studies:
                    _ = study.eligibility.inclusion
                marks.append(clock())
                payloads = [
                    _payload(study, origin, to, values)  # type: ignore[arg-type]
                    for study, (origin, _), values in zip(studies, records, found, strict=True)
                ]
                marks.append(clock())
                steps = ("parse", "normalise", "warnings", "criteria", "rows")  # a worker's order
                for name, (a, b) in zip(steps, itertools.pairwise(marks), strict=True):
                    spent[name] += b - a
                del studies, found
                marks = [clock()]
                encoded = encode(to, payloads, normalise)[0]  # type: ignore[arg-type]
                marks.append(clock())
                packed = pickle.dumps(pack(to, encoded))  # type: ignore[arg-type]
                marks.append(clock())
                del payloads, encoded
                gc.enable()
                gc.collect(0)
                marks.append(clock())
                encoded = unpack(to, pickle.loads(packed))  # type: ignore[arg-type]
                marks.append(clock())
                sink.write(encoded)
                marks.append(clock())
                # the worker's collection after its chunk counts in encoding
                spent["encode"] += marks[1] - marks[0] + marks[3] - marks[2]
                spent["ipc"] += marks[2] - marks[1] + marks[4] - marks[3]
                spent["write"] += marks[5] - marks[4]
            start_commit = clock()
            sink.commit()
            spent["write"] += clock() - start_commit
            for name in STAGES:
                times[name].append(spent[name] / len(blobs) * 1e6)
    return {name: statistics.median(values) for name, values in times.items()}


def _cpu_seconds(who: int) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def run_one(source: Path, out: Path, workers: int, to: str, normalise: bool) -> None:
    """Run one batch in this process and print its figures as JSON."""
    from trialparse.bulk import run_batch

    start = time.perf_counter()
    cpu_main = _cpu_seconds(resource.RUSAGE_SELF)
    cpu_workers = _cpu_seconds(resource.RUSAGE_CHILDREN)
    summary = run_batch(
        source,
        out,
        to=to,  # type: ignore[arg-type]
        workers=workers,
        normalise=normalise,
        progress=False,
    )
    seconds = time.perf_counter() - start
    figures = {
        "read": summary.read,
        "failed": summary.failed,
        "seconds": seconds,
        "cpu_main": _cpu_seconds(resource.RUSAGE_SELF) - cpu_main,
        # the workers have exited (and been waited for): their CPU time is the children's
        "cpu_workers": _cpu_seconds(resource.RUSAGE_CHILDREN) - cpu_workers,
        "rss_main_mb": peak_rss_mb(),
        "rss_worker_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
    }
    print(json.dumps(figures))


def quiet_minutes(main: float, pool: float, workers: int, cores: int) -> float:
    """The full download's minutes on a machine with nothing else running, from CPU time.

    Per record, the main process needs `main` seconds of CPU and the workers `pool` between
    them; with `workers` processes on `cores` cores the run can go no faster than the busiest of
    the main process, one worker, or the cores shared by all of them.
    """
    per_record = max(main, pool / workers, (main + pool) / min(cores, workers + (pool > 0)))
    return FULL_DOWNLOAD * per_record / 60


def run_subprocess(
    source: Path,
    out: Path,
    workers: int,
    to: str,
    normalise: bool,
    src: Path | None = None,
    hash_seed: str | None = None,
) -> Any:
    """`run_one` in a fresh process (its peak memory its own), with the package under `src`
    (else the one this process imports) and `PYTHONHASHSEED` set to `hash_seed` (else as
    this process has it); its figures."""
    env = None
    if src is not None:
        env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(src), str(ROOT)])}
    if hash_seed is not None:
        env = {**(env or os.environ), "PYTHONHASHSEED": hash_seed}
    done = subprocess.run(
        [
            sys.executable,
            __file__,
            "--to",
            to,
            *(["--normalise"] if normalise else []),
            "--one",
            str(source),
            str(out),
            str(workers),
        ],
        check=True,
        capture_output=True,
        text=True,
        env=env,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def _parquet_same(path: Path, twin: Path) -> str | None:
    """Why two Parquet files hold different content (None when they hold the same)."""
    import pyarrow.parquet as pq

    one, other = pq.ParquetFile(path), pq.ParquetFile(twin)
    if not one.schema_arrow.equals(other.schema_arrow, check_metadata=True):
        return "schemas differ"
    groups = [
        [f.metadata.row_group(i).num_rows for i in range(f.num_row_groups)] for f in (one, other)
    ]
    if groups[0] != groups[1]:
        return f"row groups differ: {groups[0]} and {groups[1]}"
    if not one.read().equals(other.read()):
        return "rows differ"
    return None


def compare(other_src: Path) -> bool:
    """Batch every real v2 record with this package and the one under `other_src`; print, per
    output, whether the two wrote the same; True when every output is the same."""
    records = sorted((require_real() / "ctgov_v2").glob("NCT*.json"))
    same = True
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "ctg-studies.json.zip"
        build_zip(source, len(records))
        for to, normalise in itertools.product(
            ("jsonl", "parquet", "tables", "csv"), (False, True)
        ):
            label = f"{to}{' --normalise' if normalise else ''}"
            outs = [Path(tmp) / f"{label}-{side}".replace(" ", "") for side in ("this", "other")]
            # one hash seed for both: the order of a record's unmapped keys in `extras` (and so
            # the JSON lines and studies.parquet) follows the order of a set of strings
            figures = [
                run_subprocess(source, outs[0], 2, to, normalise, hash_seed="0"),
                run_subprocess(source, outs[1], 2, to, normalise, other_src, "0"),
            ]
            names = [sorted(p.name for p in out.iterdir()) for out in outs]
            problems = [] if names[0] == names[1] else [f"files differ: {names[0]} {names[1]}"]
            if (
                figures[0]["read"] != figures[1]["read"]
                or figures[0]["failed"] != figures[1]["failed"]
            ):
                problems.append("counts differ")
            for name in names[0] if not problems else []:
                path, twin = outs[0] / name, outs[1] / name
                if path.read_bytes() == twin.read_bytes():
                    continue
                why = _parquet_same(path, twin) if name.endswith(".parquet") else "bytes differ"
                if why:
                    problems.append(f"{name}: {why}")
            same = same and not problems
            files = len(names[0])
            print(
                f"{label:20s} {figures[0]['read']} records, {files} files: "
                + ("the same" if not problems else "; ".join(problems))
            )
    return same


def main() -> None:
    """Build the zip, run the batch per worker count, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=20_000)
    parser.add_argument("--to", default="jsonl", choices=("jsonl", "parquet", "tables", "csv"))
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--normalise", action="store_true", help="add the normaliser's values")
    parser.add_argument("--one", nargs=3, metavar=("ZIP", "OUT", "WORKERS"), help=argparse.SUPPRESS)
    parser.add_argument(
        "--compare", type=Path, metavar="OTHER_SRC", help="compare outputs with another src"
    )
    args = parser.parse_args()
    if args.compare:
        raise SystemExit(0 if compare(args.compare.resolve()) else 1)
    if args.one:
        run_one(Path(args.one[0]), Path(args.one[1]), int(args.one[2]), args.to, args.normalise)
        return
    cores = os.cpu_count() or 1
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "ctg-studies.json.zip"
        size = build_zip(source, args.records)
        # A fifth of the records, run as well: the difference is the CPU time per record
        # without the start-up (imports, first-use tables), which the full download spreads
        # over 580,000 records and a short run over a few thousand.
        small = Path(tmp) / "small.zip"
        small_records = max(1, args.records // 5)
        build_zip(small, small_records)
        decode = decode_seconds(source)
        extra = ", with --normalise" if args.normalise else ""
        print(
            f"zip                {args.records} members, {size / 1e6:.1f} MB; "
            f"output {args.to}{extra}"
        )
        print(f"unzip + decode     {args.records / decode:10.0f} records/s")
        for workers in args.workers:
            figures = run_subprocess(
                source, Path(tmp) / f"out{workers}", workers, args.to, args.normalise
            )
            short = run_subprocess(
                small, Path(tmp) / f"small{workers}", workers, args.to, args.normalise
            )
            worker = f"{figures['rss_worker_mb']:.0f} MB" if workers > 1 else "none"
            read = figures["read"]
            rate = read / figures["seconds"]
            minutes = FULL_DOWNLOAD / rate / 60
            more = read - short["read"]
            main_cpu = max(0.0, figures["cpu_main"] - short["cpu_main"]) / more
            pool_cpu = max(0.0, figures["cpu_workers"] - short["cpu_workers"]) / more
            # the start-up (what the run spent beyond its records), spread over the download
            main_start = max(0.0, figures["cpu_main"] - main_cpu * read)
            pool_start = max(0.0, figures["cpu_workers"] - pool_cpu * read)
            quiet = quiet_minutes(
                main_cpu + main_start / FULL_DOWNLOAD,
                pool_cpu + pool_start / FULL_DOWNLOAD,
                workers,
                cores,
            )
            within = "within" if quiet <= TARGET_MINUTES else "over"
            print(
                f"workers {workers}          {rate:10.0f} records/s, "
                f"{figures['seconds'] / decode:5.1f} x decode, "
                f"peak RSS main {figures['rss_main_mb']:.0f} MB, "
                f"worker {worker}, failed {figures['failed']}"
            )
            print(
                f"  CPU per record   main {main_cpu * 1e6:.0f} us, workers {pool_cpu * 1e6:.0f} us "
                f"(start-up left out; with it {figures['cpu_main'] / read * 1e6:.0f} and "
                f"{figures['cpu_workers'] / read * 1e6:.0f} us); start-up {main_start:.1f} s "
                f"main, {pool_start:.1f} s workers, spread over {FULL_DOWNLOAD:,} records"
            )
            print(
                f"  projected {FULL_DOWNLOAD:,} records: {minutes:.1f} min at this run's rate, "
                f"{quiet:.1f} min on a quiet machine of {cores} cores "
                f"({within} {TARGET_MINUTES:.0f} min)"
            )
        split = stage_split(args.to, args.normalise)
        total = sum(split.values())
        print(
            "CPU per record, stage by stage (one process): "
            + ", ".join(f"{k} {v:.0f} us ({v / total:.0%})" for k, v in split.items())
            + f"; total {total:.0f} us"
        )
        parse = split["parse"] + split["warnings"] + split["criteria"]
        writing = split["rows"] + split["encode"] + split["ipc"] + split["write"]
        print(
            f"  parse {parse:.0f} us (reading {split['parse']:.0f}, warnings "
            f"{split['warnings']:.0f}, criteria items {split['criteria']:.0f}), normalise "
            f"{split['normalise']:.0f} us, writing {writing:.0f} us (rows, encoding, trip, write)"
        )


if __name__ == "__main__":
    main()
