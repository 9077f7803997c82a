"""`trialparse batch` as a real process tree: Ctrl-C, kill -9 of the parent, output faults."""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import orjson
import psutil
import pyarrow.parquet as pq
import pytest

from tests.realdata import real_data, real_files

pytestmark = real_data

RECORDS = real_files("ctgov_v2", "NCT*.json")
COPIES = 6  # enough records for a run of several seconds on two workers


def command(*args: str) -> list[str]:
    return [sys.executable, "-m", "trialparse", *args]


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(command(*args), capture_output=True, input=stdin, check=False)


@pytest.fixture(scope="module")
def long_source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A JSONL file of the real v2 records, repeated so that a batch runs for seconds."""
    path = tmp_path_factory.mktemp("long") / "studies.jsonl"
    lines = [orjson.dumps(orjson.loads(p.read_bytes())) for p in RECORDS]
    path.write_bytes(b"\n".join(lines * COPIES) + b"\n")
    return path


def _as_foreground_job() -> None:
    # A shell without job control starts background commands with SIGINT ignored, and the
    # child would inherit that; a terminal's foreground job has the default disposition.
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def start_batch(source: Path, out: Path, workers: int = 2) -> subprocess.Popen[bytes]:
    """A batch in a session of its own (as a terminal's foreground job)."""
    return subprocess.Popen(
        command(
            "batch",
            str(source),
            "--out",
            str(out),
            "--to",
            "tables",
            "--normalise",
            "--workers",
            str(workers),
            "--no-progress",
        ),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
        preexec_fn=_as_foreground_job,
    )


def workers_of(process: subprocess.Popen[bytes], count: int = 2) -> list[int]:
    """The PIDs of the batch's worker processes, once they have started."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        children = psutil.Process(process.pid).children()
        if len(children) >= count:
            time.sleep(1.5)  # let the workers get into their first chunks
            return [c.pid for c in psutil.Process(process.pid).children()]
        time.sleep(0.05)
    raise AssertionError("the batch started no workers")


def gone(pid: int) -> bool:
    try:
        return psutil.Process(pid).status() == psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return True


def session_processes(sid: int) -> list[int]:
    """Live processes of the session `sid` (zombies waiting for a reaper are not running)."""
    found = []
    for pid in psutil.pids():
        try:
            if os.getsid(pid) == sid and not gone(pid):
                found.append(pid)
        except (ProcessLookupError, PermissionError):
            continue
    return found


@pytest.mark.slow
@pytest.mark.parametrize("to_group", [True, False], ids=["ctrl-c-to-the-group", "sigint-to-parent"])
def test_ctrl_c_stops_every_worker_and_says_so(
    long_source: Path, tmp_path: Path, to_group: bool
) -> None:
    out = tmp_path / "out"
    batch = start_batch(long_source, out)
    workers = workers_of(batch)
    if to_group:  # what a terminal does on Ctrl-C: SIGINT to the whole foreground group
        os.killpg(batch.pid, signal.SIGINT)
    else:
        os.kill(batch.pid, signal.SIGINT)
    started = time.monotonic()
    stdout, stderr = batch.communicate(timeout=20)
    assert time.monotonic() - started < 5
    assert batch.returncode == 130
    lines = stderr.decode().strip().splitlines()
    assert len(lines) == 1, stderr.decode()
    assert lines[0].startswith("trialparse batch: interrupted after ")
    assert lines[0].endswith(f" records: nothing written to {out}")
    assert stdout == b""
    assert all(gone(pid) for pid in workers)
    assert session_processes(batch.pid) == []
    assert not out.exists()


@pytest.mark.slow
def test_ctrl_c_with_one_worker_says_so_too(long_source: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    batch = start_batch(long_source, out, workers=1)
    deadline = time.monotonic() + 30
    while not out.exists() and time.monotonic() < deadline:  # the run has started
        time.sleep(0.05)
    time.sleep(1)  # and is into its records
    assert batch.poll() is None
    os.killpg(batch.pid, signal.SIGINT)
    _, stderr = batch.communicate(timeout=20)
    assert batch.returncode == 130
    [line] = stderr.decode().strip().splitlines()
    assert line.startswith("trialparse batch: interrupted after ")
    assert not out.exists()


@pytest.mark.slow
def test_workers_exit_when_the_parent_is_killed(long_source: Path, tmp_path: Path) -> None:
    batch = start_batch(long_source, tmp_path / "out")
    workers = workers_of(batch)
    batch.kill()  # SIGKILL: no chance to clean up
    batch.wait(timeout=10)
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and not all(gone(pid) for pid in workers):
        time.sleep(0.05)
    assert all(gone(pid) for pid in workers)
    assert session_processes(batch.pid) == []


# -- output faults, one line and exit 2 -------------------------------------------------------


@pytest.fixture
def small_source(tmp_path: Path) -> Path:
    root = tmp_path / "records"
    root.mkdir()
    for path in RECORDS[:3]:
        (root / path.name).write_bytes(path.read_bytes())
    return root


def one_line_exit_2(result: subprocess.CompletedProcess[bytes]) -> str:
    err = result.stderr.decode()
    assert result.returncode == 2, err
    assert len(err.strip().splitlines()) == 1, err
    assert "Traceback" not in err
    return err


def test_out_that_is_a_file_or_under_one(small_source: Path, tmp_path: Path) -> None:
    file = tmp_path / "taken.txt"
    file.write_text("not a folder")
    err = one_line_exit_2(run("batch", str(small_source), "--out", str(file)))
    assert f"output {file} is a file, not a folder" in err
    err = one_line_exit_2(run("batch", str(small_source), "--out", str(file / "sub")))
    assert "cannot create the output folder" in err


def test_out_where_nothing_can_be_written(small_source: Path) -> None:
    # /proc takes no new folders, not even from root
    err = one_line_exit_2(run("batch", str(small_source), "--out", "/proc/trialparse-out"))
    assert "cannot create the output folder /proc/trialparse-out" in err


def _small_file_size_limit() -> None:
    # writes past 64 KB fail with EFBIG as on a full disk (Python ignores SIGXFSZ)
    resource.setrlimit(resource.RLIMIT_FSIZE, (1 << 16, 1 << 16))


def test_a_write_that_fails_mid_run_is_one_line_and_leaves_no_partial_output(
    tmp_path: Path,
) -> None:
    root = tmp_path / "records"
    root.mkdir()
    for path in RECORDS[:40]:
        (root / path.name).write_bytes(path.read_bytes())
    out = tmp_path / "out"
    result = subprocess.run(
        command("batch", str(root), "--out", str(out), "--no-progress"),
        capture_output=True,
        check=False,
        preexec_fn=_small_file_size_limit,
    )
    err = one_line_exit_2(result)
    assert f"writing to {out} failed after " in err
    assert err.rstrip().endswith("File too large; the partial output was removed")
    assert not out.exists()


def test_existing_output_needs_force(small_source: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run("batch", str(small_source), "--out", str(out)).returncode == 0
    first = (out / "studies.jsonl").read_bytes()
    err = one_line_exit_2(run("batch", str(small_source), "--out", str(out)))
    assert "already holds errors.jsonl, studies.jsonl: pass --force" in err
    assert (out / "studies.jsonl").read_bytes() == first
    again = run("batch", str(small_source), "--out", str(out), "--force")
    assert again.returncode == 0
    assert again.stdout == b"read 3, written 3, failed 0\n"


def test_empty_source_says_so(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    result = run("batch", str(empty), "--out", str(tmp_path / "out"))
    assert result.returncode == 0
    assert result.stdout == b"read 0, written 0, failed 0\n"
    last = result.stderr.decode().strip().splitlines()[-1]
    assert last == f"trialparse batch: {empty} holds no records"


@pytest.mark.parametrize("to", ["parquet", "tables"])
def test_a_count_that_fits_no_column_is_one_error_row_of_a_run_that_goes_on(
    small_source: Path, tmp_path: Path, to: str
) -> None:
    # a hand-made change of a real record: its enrollment count set to 2^64 - 1
    record = orjson.loads(RECORDS[3].read_bytes())
    record["protocolSection"]["designModule"]["enrollmentInfo"] = {"count": 7, "type": "ACTUAL"}
    text = orjson.dumps(record).replace(b'"count":7', b'"count":18446744073709551615')
    (small_source / "unfit.json").write_bytes(text)
    out = tmp_path / "out"
    result = run("batch", str(small_source), "--out", str(out), "--to", to, "--no-progress")
    assert result.returncode == 1, result.stderr.decode()  # 1: some records failed
    assert result.stdout == b"read 4, written 3, failed 1\n"
    [error] = [orjson.loads(line) for line in (out / "errors.jsonl").read_bytes().splitlines()]
    assert (error["source"], error["record_id"], error["error"]) == (
        "unfit.json",
        RECORDS[3].stem,
        "UnfitValue",
    )
    assert "Traceback" not in result.stderr.decode()
    written = pq.read_table(out / "studies.parquet")
    assert written.num_rows == 3
    assert sorted(written.column("nct_id").to_pylist()) == sorted(p.stem for p in RECORDS[:3])


def test_dask_scheduler_empty_or_unreachable(small_source: Path, tmp_path: Path) -> None:
    base = ("batch", str(small_source), "--out", str(tmp_path / "out"), "--engine", "dask")
    err = one_line_exit_2(run(*base, "--scheduler", ""))
    assert "expected a scheduler address" in err
    err = one_line_exit_2(run(*base, "--scheduler", "tcp://127.0.0.1:9"))
    assert "cannot reach the Dask scheduler at 'tcp://127.0.0.1:9'" in err
    assert not (tmp_path / "out").exists()


# -- parse: stdin, and folders or zips pointed to batch ---------------------------------------


def test_parse_dash_reads_stdin() -> None:
    result = run("parse", "-", stdin=RECORDS[0].read_bytes())
    assert result.returncode == 0, result.stderr
    assert orjson.loads(result.stdout)["nct_id"] == RECORDS[0].stem


def test_parse_points_folders_and_zips_to_batch(small_source: Path, tmp_path: Path) -> None:
    archive = tmp_path / "records.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.write(RECORDS[0], RECORDS[0].name)
    for target, kind in ((small_source, "folder"), (archive, "zip")):
        err = one_line_exit_2(run("parse", str(target)))
        assert f"{target} is a {kind}: use `trialparse batch {target} --out DIR`" in err
