"""`studies.parquet` and the flat tables, checked against the records' own JSON."""

from __future__ import annotations

import types
from pathlib import Path
from typing import Any

import orjson
import pytest

from trialparse import parse_record
from trialparse.bulk import NORMALISED_TABLES, TABLES, run_batch, study_rows
from trialparse.bulk import _run as bulk_run

from .conftest import V2, Planted, good_records

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")


def raw(nct_id: str) -> dict[str, Any]:
    data: dict[str, Any] = orjson.loads((V2 / f"{nct_id}.json").read_bytes())
    return data["protocolSection"]


def test_studies_parquet(planted_zip: Planted, tmp_path: Path) -> None:
    summary = run_batch(planted_zip.path, tmp_path, to="parquet", progress=False)
    assert (summary.read, summary.written, summary.failed) == (23, 20, 3)
    table = pq.read_table(tmp_path / "studies.parquet")
    assert table.num_rows == 20
    rows = {row["nct_id"]: row for row in table.to_pylist()}
    assert sorted(rows) == planted_zip.good_ids
    for nct_id in planted_zip.good_ids:
        protocol = raw(nct_id)
        row = rows[nct_id]
        assert row["conditions"] == protocol["conditionsModule"]["conditions"]
        assert row["design"]["phases"] == protocol["designModule"].get("phases", [])
        assert row["status"]["overall"] == protocol["statusModule"]["overallStatus"]
        study = parse_record(V2 / f"{nct_id}.json")
        assert orjson.loads(row["extras"]) == orjson.loads(orjson.dumps(study.extras))
        assert len(row["eligibility"]["inclusion"]) == len(study.eligibility.inclusion)


def test_tables(planted_dir: Planted, tmp_path: Path) -> None:
    tmp_path = tmp_path / "out"
    summary = run_batch(planted_dir.path, tmp_path, to="tables", progress=False)
    assert (summary.read, summary.written, summary.failed) == (23, 20, 3)
    written = sorted(p.name for p in tmp_path.iterdir())
    expected = sorted([f"{n}.parquet" for n in TABLES if n not in NORMALISED_TABLES])
    assert written == sorted([*expected, "errors.jsonl"])
    tables = {
        n: pq.read_table(tmp_path / f"{n}.parquet") for n in TABLES if n not in NORMALISED_TABLES
    }
    for name, table in tables.items():
        assert table.column_names == [c.name for c in TABLES[name]], name
    studies = {r["nct_id"]: r for r in tables["studies"].to_pylist()}
    assert sorted(studies) == planted_dir.good_ids
    conditions = tables["conditions"].to_pylist()
    facilities = tables["facilities"].to_pylist()
    outcomes = tables["design_outcomes"].to_pylist()
    sponsors = tables["sponsors"].to_pylist()
    for nct_id in planted_dir.good_ids:
        protocol = raw(nct_id)
        row = studies[nct_id]
        status = protocol["statusModule"]
        assert row["overall_status"] == status["overallStatus"]
        assert row["start_date"] == status.get("startDateStruct", {}).get("date")
        assert row["phase"] == ("/".join(protocol["designModule"].get("phases", [])) or None)
        assert row["source"] == f"{nct_id}.json"
        assert [c["name"] for c in conditions if c["nct_id"] == nct_id] == protocol[
            "conditionsModule"
        ]["conditions"]
        sites = protocol.get("contactsLocationsModule", {}).get("locations", [])
        mine = [f for f in facilities if f["nct_id"] == nct_id]
        assert [f["city"] for f in mine] == [s.get("city") for s in sites]
        assert [f["facility_index"] for f in mine] == list(range(len(sites)))
        module = protocol.get("outcomesModule", {})
        assert sum(o["nct_id"] == nct_id for o in outcomes) == sum(
            len(module.get(key, []))
            for key in ("primaryOutcomes", "secondaryOutcomes", "otherOutcomes")
        )
        lead = [
            s for s in sponsors if s["nct_id"] == nct_id and s["lead_or_collaborator"] == "lead"
        ]
        assert [s["name"] for s in lead] == [
            protocol["sponsorCollaboratorsModule"]["leadSponsor"]["name"]
        ]


def test_eligibility_criteria_rows() -> None:
    # NCT00069082: a real record whose criteria have items on both sides
    path = good_records()[0]
    study = parse_record(path)
    rows = study_rows(study, path.name)["eligibility_criteria"]
    inclusion = [r for r in rows if r["side"] == "inclusion"]
    exclusion = [r for r in rows if r["side"] == "exclusion"]
    top_inclusion = [r for r in inclusion if r["depth"] == 0]
    assert [r["criterion"] for r in top_inclusion] == [c.text for c in study.eligibility.inclusion]
    assert len(exclusion) >= len(study.eligibility.exclusion)
    assert [r["position"] for r in inclusion] == list(range(1, len(inclusion) + 1))
    for row in rows:
        assert row["nct_id"] == study.nct_id
        assert (row["parent_position"] is None) == (row["depth"] == 0)


def test_normalised_tables(
    planted_jsonl: Planted, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fake_normalise(study: Any) -> Any:
        # hand-made stand-in for the normaliser: one lab bound and one age bound per study
        lab = types.SimpleNamespace(
            analyte="platelets",
            analyte_text="Platelets",
            comparator="<",
            value=30.0,
            unit="10^9/L",
            canonical_value=30.0,
            canonical_unit="10^9/L",
            uln_multiple=None,
            side="inclusion",
            criterion_index=4,
            span=(10, 30),
            text="Platelets < 30 x 10^9/L",
        )
        age = types.SimpleNamespace(
            comparator=">=",
            value=18,
            unit="YEARS",
            in_years=18.0,
            side=None,
            span=(0, 8),
            text="aged 18+",
        )
        return types.SimpleNamespace(
            labs=[lab], age_bounds=[age], model_dump=lambda mode: {"labs": 1}
        )

    monkeypatch.setattr(bulk_run, "_normaliser", lambda: fake_normalise)
    summary = run_batch(planted_jsonl.path, tmp_path, to="tables", normalise=True, progress=False)
    assert summary.normalised
    assert (summary.read, summary.written, summary.failed) == (23, 20, 3)
    labs = pq.read_table(tmp_path / "lab_thresholds.parquet").to_pylist()
    assert [r["nct_id"] for r in labs] == planted_jsonl.good_ids
    assert labs[0]["span_start"] == 10
    assert labs[0]["value"] == 30.0
    ages = pq.read_table(tmp_path / "age_bounds.parquet").to_pylist()
    assert len(ages) == 20
    assert ages[0]["in_years"] == 18.0


def test_normalise_without_a_normaliser(
    planted_jsonl: Planted, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(bulk_run, "_normaliser", lambda: None)
    summary = run_batch(planted_jsonl.path, tmp_path, to="tables", normalise=True, progress=False)
    assert not summary.normalised
    assert not (tmp_path / "lab_thresholds.parquet").exists()
    assert (tmp_path / "studies.parquet").exists()
