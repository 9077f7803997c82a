"""Batch runs over real v2 records with planted bad entries: exact counts in every output."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.realdata import real_data
from trialparse import Study, parse_record
from trialparse.bulk import TABLES, BatchInterrupted, detect_source, iter_source, run_batch
from trialparse.bulk import _run as bulk_run
from trialparse.cli import main
from trialparse.errors import TrialParseError

from .conftest import CONTAINERS, V1, V2, XML, Planted, good_records, handmade_bad

BAD_ERRORS = {"MalformedRecord", "UnknownFormat"}


def jsonl(path: Path) -> list[dict[str, Any]]:
    return [orjson.loads(line) for line in path.read_bytes().splitlines()]


def check_planted(planted: Planted, out: Path, **options: Any) -> list[dict[str, Any]]:
    summary = run_batch(planted.path, out, progress=False, **options)
    assert (summary.read, summary.written, summary.failed) == (23, 20, 3)
    assert summary.line == "read 23, written 20, failed 3"
    assert summary.exit_code == 1
    errors = jsonl(out / "errors.jsonl")
    assert sorted(e["source"] for e in errors) == sorted(planted.bad_origins)
    assert {e["error"] for e in errors} <= BAD_ERRORS
    assert all(e["message"] for e in errors)
    by_source = {e["source"]: e for e in errors}
    # the truncated record is named by the NCT ID it still holds
    assert by_source[planted.bad_origins[0]]["record_id"] == planted.good_ids[0]
    assert by_source[planted.bad_origins[1]]["record_id"] is None
    assert sorted(p.name for p in out.iterdir()) == sorted(p.name for p in summary.outputs)
    return errors


# -- sources ------------------------------------------------------------------------------------


def test_folder_to_jsonl(planted_dir: Planted, tmp_path: Path) -> None:
    out = tmp_path / "out"
    check_planted(planted_dir, out)
    studies = jsonl(out / "studies.jsonl")
    assert sorted(s["nct_id"] for s in studies) == planted_dir.good_ids
    first = next(s for s in studies if s["nct_id"] == "NCT00410098")
    expected = parse_record(V2 / "NCT00410098.json")
    assert first["source"]["path"] == "NCT00410098.json"
    expected.source = Study.model_validate(first).source
    # a line leaves out nulls and empty lists; the study it gives back is the same
    assert Study.model_validate(first) == expected
    assert "related_trials" not in first
    assert first["has_results"] is False


def test_zip_like_the_registry_download(planted_zip: Planted, tmp_path: Path) -> None:
    assert detect_source(planted_zip.path) == "zip"
    out = tmp_path / "out"
    check_planted(planted_zip, out)
    studies = jsonl(out / "studies.jsonl")
    # written in the order of the zip's members
    assert [s["nct_id"] for s in studies] == planted_zip.good_ids
    assert studies[0]["source"]["path"] == f"ctg-studies.json.zip!{planted_zip.good_ids[0]}.json"


def test_jsonl_source_names_lines(planted_jsonl: Planted, tmp_path: Path) -> None:
    assert detect_source(planted_jsonl.path) == "jsonl"
    out = tmp_path / "out"
    check_planted(planted_jsonl, out)
    assert [s["nct_id"] for s in jsonl(out / "studies.jsonl")] == planted_jsonl.good_ids


@real_data
def test_json_array_download(tmp_path: Path) -> None:
    source = CONTAINERS / "array_ctg-studies_10.json"
    assert detect_source(source) == "array"
    summary = run_batch(source, tmp_path, progress=False)
    assert (summary.read, summary.written, summary.failed, summary.exit_code) == (10, 10, 0, 0)
    expected = [
        s["protocolSection"]["identificationModule"]["nctId"]
        for s in orjson.loads(source.read_bytes())
    ]
    assert [s["nct_id"] for s in jsonl(tmp_path / "studies.jsonl")] == expected
    assert (tmp_path / "errors.jsonl").read_bytes() == b""


@real_data
def test_truncated_json_array_fails_the_rest(tmp_path: Path) -> None:
    content = (CONTAINERS / "array_ctg-studies_10.json").read_bytes()
    studies = orjson.loads(content)
    # hand-made: the real download cut off inside its fourth study
    cut = content.index(studies[3]["protocolSection"]["identificationModule"]["nctId"].encode())
    source = tmp_path / "handmade_truncated_array.json"
    source.write_bytes(content[:cut])
    summary = run_batch(source, tmp_path / "out", progress=False)
    assert (summary.read, summary.written, summary.failed) == (4, 3, 1)
    [error] = jsonl(tmp_path / "out" / "errors.jsonl")
    assert error["source"] == "handmade_truncated_array.json[3]"
    assert error["error"] == "MalformedRecord"


@pytest.mark.parametrize(
    ("name", "count"),
    [
        ("page_studies_2025-06-17T11-15-33-773Z.json", 1),
        ("page_studies_2025-06-17T11-16-37-179Z.json", 2),
    ],
)
@real_data
def test_api_page(name: str, count: int, tmp_path: Path) -> None:
    source = CONTAINERS / name
    assert detect_source(source) == "page"
    summary = run_batch(source, tmp_path, progress=False)
    assert (summary.read, summary.written, summary.failed) == (count, count, 0)
    expected = [
        s["protocolSection"]["identificationModule"]["nctId"]
        for s in orjson.loads(source.read_bytes())["studies"]
    ]
    studies = jsonl(tmp_path / "studies.jsonl")
    assert [s["nct_id"] for s in studies] == expected
    assert studies[0]["source"]["path"] == f"{name}[0]"


@real_data
@pytest.mark.parametrize(("name", "count"), [("results_2.json", 3), ("covid-19-search.json", 100)])
def test_v1_full_studies_response(name: str, count: int, tmp_path: Path) -> None:
    source = V1 / name
    assert detect_source(source) == "v1"
    summary = run_batch(source, tmp_path, progress=False)
    assert (summary.read, summary.written, summary.failed) == (count, count, 0)
    response = orjson.loads(source.read_bytes())["FullStudiesResponse"]["FullStudies"]
    expected = [s["Study"]["ProtocolSection"]["IdentificationModule"]["NCTId"] for s in response]
    studies = jsonl(tmp_path / "studies.jsonl")
    assert [s["nct_id"] for s in studies] == expected
    assert studies[1]["source"] == {
        "format": "ctgov-json",
        "registry": "ctgov",
        "path": f"{name}[1]",
    }


@real_data
def test_v1_bad_element_is_one_dead_letter(tmp_path: Path) -> None:
    response = orjson.loads((V1 / "results_2.json").read_bytes())
    # hand-made: a real response with a second element that is not a study
    response["FullStudiesResponse"]["FullStudies"].insert(1, {"Rank": 2, "NotAStudy": {}})
    source = tmp_path / "handmade_v1_bad_element.json"
    source.write_bytes(orjson.dumps(response))
    summary = run_batch(source, tmp_path / "out", progress=False, workers=2)
    assert (summary.read, summary.written, summary.failed) == (4, 3, 1)
    [error] = jsonl(tmp_path / "out" / "errors.jsonl")
    assert error["source"] == "handmade_v1_bad_element.json[1]"
    assert error["error"] == "MalformedRecord"


def test_sources_stream_one_record_at_a_time(planted_zip: Planted) -> None:
    items = iter_source(planted_zip.path)
    first = next(items)
    assert first.origin == f"ctg-studies.json.zip!{planted_zip.good_ids[0]}.json"


# -- engines ----------------------------------------------------------------------------------


def test_process_pool_gives_the_same_output(planted_zip: Planted, tmp_path: Path) -> None:
    check_planted(planted_zip, tmp_path / "one")
    check_planted(planted_zip, tmp_path / "two", workers=2, chunk_size=4)
    for name in ("studies.jsonl", "errors.jsonl"):
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes()


def test_dask_local_cluster(planted_jsonl: Planted, tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    check_planted(planted_jsonl, tmp_path / "local")
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None
    ) as cluster:
        check_planted(
            planted_jsonl, tmp_path / "dask", engine="dask", scheduler=cluster.scheduler_address
        )
    for name in ("studies.jsonl", "errors.jsonl"):
        assert (tmp_path / "local" / name).read_bytes() == (tmp_path / "dask" / name).read_bytes()


@pytest.mark.parametrize("engine", ["pool", "dask"])
def test_tables_from_workers_equal_one_process(
    planted_zip: Planted, tmp_path: Path, engine: str
) -> None:
    """The tables a worker sends back (as Arrow IPC bytes) are written as if made in place."""
    pq = pytest.importorskip("pyarrow.parquet")
    options: dict[str, Any] = {"to": "tables", "normalise": True, "progress": False}
    one = run_batch(planted_zip.path, tmp_path / "one", **options)
    if engine == "pool":
        other = run_batch(planted_zip.path, tmp_path / "two", workers=2, chunk_size=4, **options)
    else:
        distributed = pytest.importorskip("distributed")
        with distributed.LocalCluster(
            n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None
        ) as cluster:
            other = run_batch(
                planted_zip.path,
                tmp_path / "two",
                engine="dask",
                scheduler=cluster.scheduler_address,
                chunk_size=4,
                **options,
            )
    assert (other.read, other.written, other.failed) == (one.read, one.written, one.failed)
    assert one.written == len(planted_zip.good_ids)
    for path in one.outputs:
        twin = tmp_path / "two" / path.name
        if path.suffix == ".parquet":
            assert pq.read_table(path).equals(pq.read_table(twin)), path.name
        else:
            assert path.read_bytes() == twin.read_bytes(), path.name


# -- atomic outputs ---------------------------------------------------------------------------


def test_a_run_that_dies_leaves_no_finished_looking_file(
    planted_dir: Planted, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = bulk_run.iter_source

    def dying(path: Path, kind: Any = None) -> Any:
        for index, item in enumerate(real(path, kind)):
            if index == 10:
                raise KeyboardInterrupt
            yield item

    monkeypatch.setattr(bulk_run, "iter_source", dying)
    out = tmp_path / "out"
    with pytest.raises(KeyboardInterrupt) as interrupted:
        run_batch(planted_dir.path, out, progress=False, chunk_size=2)
    # the folder this run made is removed again, with every unfinished output in it
    assert not out.exists()
    assert isinstance(interrupted.value, BatchInterrupted)
    assert interrupted.value.line == f"interrupted after 10 records: nothing written to {out}"
    kept = tmp_path / "kept"
    kept.mkdir()
    with pytest.raises(KeyboardInterrupt):
        run_batch(planted_dir.path, kept, progress=False, chunk_size=2)
    assert list(kept.iterdir()) == []


# -- command line -----------------------------------------------------------------------------


def test_cli_batch(
    planted_zip: Planted, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    assert main(["batch", str(planted_zip.path), "--out", str(out), "--no-progress"]) == 1
    assert capsys.readouterr().out == "read 23, written 20, failed 3\n"
    assert len(jsonl(out / "studies.jsonl")) == 20


@real_data
def test_cli_batch_all_good_and_usage_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = str(CONTAINERS / "array_ctg-studies_10.json")
    assert main(["batch", source, "--out", str(tmp_path / "a"), "--workers", "2"]) == 0
    assert capsys.readouterr().out == "read 10, written 10, failed 0\n"
    assert main(["batch", str(tmp_path / "missing.zip"), "--out", str(tmp_path / "b")]) == 2
    assert "no such file" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exited:
        main(["batch", source, "--out", str(tmp_path / "c"), "--workers", "0"])
    assert exited.value.code == 2


# -- properties -------------------------------------------------------------------------------

_LINES = [orjson.dumps(orjson.loads(p.read_bytes())) for p in good_records()[:8]]
_BAD_LINES = [v.replace(b"\n", b" ") for v in handmade_bad().values()]


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@real_data
@given(st.lists(st.one_of(st.sampled_from(_LINES), st.sampled_from(_BAD_LINES)), max_size=12))
def test_every_line_is_written_or_a_dead_letter(tmp_path: Path, lines: list[bytes]) -> None:
    run = tmp_path / f"run{len(list(tmp_path.iterdir()))}"
    run.mkdir()
    source = run / "in.jsonl"
    source.write_bytes(b"".join(line + b"\n" for line in lines))
    summary = run_batch(source, run / "out", progress=False, chunk_size=3)
    good = sum(line in _LINES for line in lines)
    assert (summary.read, summary.written, summary.failed) == (len(lines), good, len(lines) - good)
    assert len(jsonl(run / "out" / "studies.jsonl")) == good
    errors = jsonl(run / "out" / "errors.jsonl")
    expected = [f"in.jsonl:{n}" for n, line in enumerate(lines, 1) if line not in _LINES]
    assert [e["source"] for e in errors] == expected


def test_tables_are_documented() -> None:
    doc = (Path(__file__).resolve().parents[2] / "docs" / "tables.md").read_text()
    for name, columns in TABLES.items():
        assert f"## `{name}`" in doc
        section = doc.split(f"## `{name}`", 1)[1].split("\n## ", 1)[0]
        for column in columns:
            assert f"| `{column.name}` | {column.type} |" in section, (name, column.name)


def test_truncated_zip_fails_the_rest(planted_zip: Planted, tmp_path: Path) -> None:
    content = planted_zip.path.read_bytes()
    # hand-made: the zip cut off inside its tenth member
    cut = content.index(planted_zip.good_ids[9].encode() + b".json") + 200
    source = tmp_path / "handmade_truncated.zip"
    source.write_bytes(content[:cut])
    summary = run_batch(source, tmp_path / "out", progress=False)
    # nine good members and one bad one were complete before the cut
    assert (summary.read, summary.written, summary.failed) == (11, 9, 2)
    errors = jsonl(tmp_path / "out" / "errors.jsonl")
    assert errors[-1]["source"] == f"handmade_truncated.zip!{planted_zip.good_ids[9]}.json"


def test_zip_entry_count_from_its_end_record(planted_zip: Planted) -> None:
    assert bulk_run._zip_total(planted_zip.path, None) == 23


def test_folder_of_mixed_formats(planted_dir: Planted, tmp_path: Path) -> None:
    xml = sorted(XML.glob("NCT*.xml"))[:3]
    nested = planted_dir.path / "xml" / "deeper"
    nested.mkdir(parents=True)
    for path in xml:
        (nested / path.name).write_bytes(path.read_bytes())
    summary = run_batch(planted_dir.path, tmp_path / "out", progress=False)
    assert (summary.read, summary.written, summary.failed) == (26, 23, 3)
    studies = {s["nct_id"]: s for s in jsonl(tmp_path / "out" / "studies.jsonl")}
    for path in xml:
        assert studies[path.stem]["source"] == {
            "format": "ctgov-xml",
            "registry": "ctgov",
            "path": f"xml/deeper/{path.name}",
        }


def test_dask_missing_or_unknown_engine_leaves_nothing(
    planted_jsonl: Planted, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)
    out = tmp_path / "out"
    with pytest.raises(TrialParseError, match=r"trialparse\[dask\]"):
        run_batch(planted_jsonl.path, out, engine="dask", progress=False)
    with pytest.raises(TrialParseError, match="unknown engine 'spark'"):
        run_batch(planted_jsonl.path, out, engine="spark", progress=False)  # type: ignore[arg-type]
    with pytest.raises(TrialParseError, match="unknown output 'xlsx'"):
        run_batch(planted_jsonl.path, out, to="xlsx", progress=False)  # type: ignore[arg-type]
    assert not out.exists()  # the folder this run made is removed again


def test_plain_log_lines_off_a_terminal(
    planted_jsonl: Planted, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level("INFO", logger="trialparse.bulk"):
        run_batch(planted_jsonl.path, tmp_path / "out")
    assert caplog.messages[-1].startswith("read 23, written 20, failed 3 in ")
