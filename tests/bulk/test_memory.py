"""`iter_studies` and `to_tables`: what a batch does, in memory, as Arrow, pandas or polars."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from tests.realdata import SEED, real, real_data
from trialparse import Study, iter_studies, normalise, parse_record, to_tables
from trialparse.bulk import NORMALISED_TABLES, TABLES, run_batch
from trialparse.errors import MalformedRecord, TrialParseError

CONTAINER = ("ctgov_v2_containers", "array_ctg-studies_10.json")


def test_iter_studies_of_the_bundled_record() -> None:
    [study] = list(iter_studies(SEED))
    assert study.nct_id == "NCT06352281"
    assert study.source is not None
    assert study.source.path == SEED.name
    assert isinstance(study, Study)


@real_data
def test_iter_studies_raises_or_reports(tmp_path: Path) -> None:
    root = tmp_path / "records"
    root.mkdir()
    good = real("ctgov_v2", "NCT04930887.json")
    (root / "a.json").write_bytes(good.read_bytes())
    (root / "handmade_not_a_study.json").write_bytes(b'{"hello": 1}')
    with pytest.raises(TrialParseError):
        list(iter_studies(str(root)))
    errors: list[dict[str, Any]] = []
    assert [s.nct_id for s in iter_studies(root, errors=errors)] == ["NCT04930887"]
    assert [(e["source"], e["error"]) for e in errors] == [
        ("handmade_not_a_study.json", "MalformedRecord")
    ]


@real_data
def test_to_tables_arrow_matches_the_batch_tables(tmp_path: Path) -> None:
    source = real(*CONTAINER)
    tables = to_tables(iter_studies(source), normalise=True)
    assert set(tables) == set(TABLES)
    run_batch(source, tmp_path, to="tables", normalise=True, progress=False)
    for name in TABLES:
        written = pq.read_table(tmp_path / f"{name}.parquet")
        assert tables[name].schema.equals(written.schema), name
        assert tables[name].to_pylist() == written.to_pylist(), name
    studies = tables["studies"]
    assert studies.num_rows == 10
    assert studies.schema.field("start_date").type == pa.date32()
    assert studies.schema.field("phases").type == pa.list_(pa.string())


def test_to_tables_without_normalising_has_no_normaliser_tables() -> None:
    tables = to_tables([parse_record(SEED)])
    assert set(tables) == set(TABLES) - NORMALISED_TABLES
    [row] = tables["studies"].to_pylist()
    assert row["phases"] == ["PHASE1", "PHASE2"]
    assert row["start_date"] == dt.date(2024, 2, 1)
    assert row["start_date_precision"] == "day"
    assert tables["design_groups"].column("title").to_pylist() == ["CAR-T Cells Therapy"]


def test_to_tables_normalised_windows_and_scores() -> None:
    study = parse_record(SEED)
    tables = to_tables([study], normalise=True)
    found = normalise(study)
    windows = tables["time_windows"].to_pylist()
    assert [(w["comparator"], w["value"], w["unit"], w["days"], w["text"]) for w in windows] == [
        (w.comparator, w.value, w.unit, w.days, w.text) for w in found.windows
    ]
    # the seed record states a window of more than 12 months, and no performance score
    assert any(w["value"] == 12.0 and w["unit"].startswith("month") for w in windows)
    assert all(w["nct_id"] == "NCT06352281" for w in windows)
    assert tables["score_thresholds"].num_rows == len(found.scores) == 0


def test_a_value_that_does_not_fit_raises_naming_the_study() -> None:
    study = parse_record(SEED)
    assert study.design.enrollment is not None
    study.design.enrollment.count = 2**64
    with pytest.raises(MalformedRecord, match=r"studies\.enrollment") as raised:
        to_tables([study])
    assert raised.value.record_id == "NCT06352281"


def test_unknown_backend() -> None:
    with pytest.raises(TrialParseError, match="unknown backend 'spark'"):
        to_tables([], backend="spark")  # type: ignore[arg-type]


def test_pandas_frames() -> None:
    pandas = pytest.importorskip("pandas", reason="the pandas extra is not installed")
    tables = to_tables([parse_record(SEED)], backend="pandas")
    studies = tables["studies"]
    assert isinstance(studies, pandas.DataFrame)
    assert studies.loc[0, "overall_status"] == "RECRUITING"
    assert list(studies.loc[0, "phases"]) == ["PHASE1", "PHASE2"]
    assert studies.loc[0, "start_date"] == dt.date(2024, 2, 1)
    assert len(tables["conditions"]) == 1


def test_polars_frames() -> None:
    polars = pytest.importorskip("polars", reason="the polars extra is not installed")
    tables = to_tables([parse_record(SEED)], backend="polars")
    studies = tables["studies"]
    assert isinstance(studies, polars.DataFrame)
    assert studies["start_date"].dtype == polars.Date
    assert studies["phases"].to_list() == [["PHASE1", "PHASE2"]]


@real_data
def test_polars_reads_studies_jsonl_with_its_default_inference(tmp_path: Path) -> None:
    polars = pytest.importorskip("polars", reason="the polars extra is not installed")
    summary = run_batch(real("ctgov_v2"), tmp_path, normalise=True, progress=False)
    frame = polars.read_ndjson(tmp_path / "studies.jsonl")  # infer_schema_length left at 100
    assert frame.height == summary.written > 1000
    assert frame["nct_id"].n_unique() == frame.height
