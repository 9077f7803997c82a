"""One record cannot sink or cut short a batch: read = written + failed, always."""

from __future__ import annotations

import errno
import zipfile
from pathlib import Path
from typing import Any

import orjson
import pytest

from tests.realdata import real_data, real_files
from trialparse.bulk import _sinks, run_batch
from trialparse.errors import TrialParseError

pytestmark = real_data

RECORDS = real_files("ctgov_v2", "NCT*.json")[:6]
BIG = 2**64 - 1


def jsonl(path: Path) -> list[dict[str, Any]]:
    return [orjson.loads(line) for line in path.read_bytes().splitlines()]


def with_enrollment(record: Path, count: str) -> bytes:
    """A real record whose enrollment count is replaced by `count` (JSON text, as written)."""
    text = record.read_bytes()
    data = orjson.loads(text)
    data["protocolSection"]["designModule"]["enrollmentInfo"] = {"count": 7, "type": "ACTUAL"}
    return orjson.dumps(data).replace(b'"count":7', b'"count":' + count.encode())


def records_with(bad: bytes) -> list[bytes]:
    return [RECORDS[0].read_bytes(), bad, *(p.read_bytes() for p in RECORDS[1:])]


@pytest.mark.parametrize("to", ["parquet", "tables", "csv"])
def test_a_value_that_does_not_fit_its_column_is_its_record_error(
    tmp_path: Path, to: str
) -> None:
    root = tmp_path / "records"
    root.mkdir()
    for index, content in enumerate(records_with(with_enrollment(RECORDS[0], str(BIG)))):
        (root / f"{index:02d}.json").write_bytes(content)
    summary = run_batch(root, tmp_path / "out", to=to, progress=False)  # type: ignore[arg-type]
    assert (summary.read, summary.written, summary.failed) == (7, 6, 1)
    [error] = jsonl(tmp_path / "out" / "errors.jsonl")
    assert error["source"] == "01.json"
    assert error["record_id"] == RECORDS[0].stem
    assert error["error"] == "UnfitValue"
    if to == "parquet":
        assert error["location"] == "studies.design"
    else:
        assert error["location"] == "studies.enrollment"
        assert str(BIG) in error["message"]


def test_the_same_with_two_workers(tmp_path: Path) -> None:
    source = tmp_path / "studies.jsonl"
    lines = [orjson.dumps(orjson.loads(c)) for c in records_with(b"")[2:]]
    lines.insert(3, with_enrollment(RECORDS[0], str(BIG)))
    source.write_bytes(b"\n".join(lines) + b"\n")
    summary = run_batch(source, tmp_path / "out", to="tables", workers=2, progress=False)
    assert (summary.read, summary.written, summary.failed) == (6, 5, 1)
    assert [e["source"] for e in jsonl(tmp_path / "out" / "errors.jsonl")] == ["studies.jsonl:4"]


@pytest.mark.parametrize("value", [str(BIG * 10**12), "NaN", "-Infinity"])
@pytest.mark.parametrize("container", ["array", "page"])
def test_one_undecodable_number_fails_one_record_of_a_container(
    tmp_path: Path, value: str, container: str
) -> None:
    studies = records_with(with_enrollment(RECORDS[0], value))
    body = b"[" + b",\n".join(studies) + b"]"
    if container == "page":
        body = b'{"studies": ' + body + b', "nextPageToken": "abc"}'
    source = tmp_path / f"{container}.json"
    source.write_bytes(body)
    summary = run_batch(source, tmp_path / "out", progress=False)
    assert (summary.read, summary.written, summary.failed) == (7, 6, 1)
    [error] = jsonl(tmp_path / "out" / "errors.jsonl")
    assert error["source"] == f"{container}.json[1]"
    assert error["record_id"] == RECORDS[0].stem
    written = [s["nct_id"] for s in jsonl(tmp_path / "out" / "studies.jsonl")]
    assert written == [RECORDS[0].stem, *(p.stem for p in RECORDS[1:])]


def test_a_zip_entry_named_like_a_folder_is_read(tmp_path: Path) -> None:
    archive = tmp_path / "studies.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("folder/", b"")  # a real folder entry: not a record
        zipped.writestr("looks-like-a-folder/", RECORDS[1].read_bytes())
        zipped.writestr("junk/", b"not json")
        zipped.writestr(RECORDS[2].name, RECORDS[2].read_bytes())
    summary = run_batch(archive, tmp_path / "out", progress=False)
    assert (summary.read, summary.written, summary.failed) == (3, 2, 1)
    assert [s["nct_id"] for s in jsonl(tmp_path / "out" / "studies.jsonl")] == [
        RECORDS[1].stem,
        RECORDS[2].stem,
    ]
    assert [e["source"] for e in jsonl(tmp_path / "out" / "errors.jsonl")] == ["studies.zip!junk/"]


def test_a_full_disk_fails_the_batch_in_one_line_and_removes_the_partial_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(self: Any, payload: Any) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(_sinks.JsonlSink, "write", full)
    root = tmp_path / "records"
    root.mkdir()
    for path in RECORDS:
        (root / path.name).write_bytes(path.read_bytes())
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(TrialParseError) as failed:
        run_batch(root, out, progress=False)
    assert str(failed.value) == (
        f"writing to {out} failed after 6 records: No space left on device; "
        "the partial output was removed"
    )
    assert list(out.iterdir()) == []
