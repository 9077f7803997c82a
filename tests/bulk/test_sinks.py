"""`studies.parquet` and the flat tables, checked against the records' own JSON."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson
import pytest

from tests.realdata import real_data
from trialparse import normalise, parse_record
from trialparse.bulk import NORMALISED_TABLES, TABLES, run_batch, study_rows

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
        start = status.get("startDateStruct", {}).get("date")
        assert row["start_month_year"] == start
        if start is not None:
            assert row["start_date"].isoformat()[: len(start)] == start
            assert row["start_date_precision"] == ("month" if len(start) == 7 else "day")
        phases = protocol["designModule"].get("phases", [])
        assert row["phase"] == ("/".join(phases) or None)
        assert row["phases"] == phases
        assert row["source_path"] == f"{nct_id}.json"
        assert row["source"] == protocol["sponsorCollaboratorsModule"]["leadSponsor"]["name"]
        assert row["last_update_submitted_date"].isoformat() == status["lastUpdateSubmitDate"]
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


@real_data
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


def test_normalised_tables(planted_jsonl: Planted, tmp_path: Path) -> None:
    summary = run_batch(planted_jsonl.path, tmp_path, to="tables", normalise=True, progress=False)
    assert summary.normalised
    assert (summary.read, summary.written, summary.failed) == (23, 20, 3)
    # what the normaliser finds in the same real records, row for row
    expected_labs, expected_ages = [], []
    for path in good_records():
        study = parse_record(path)
        found = normalise(study)
        expected_labs += [(study.nct_id, lab.analyte, lab.value, lab.span[0]) for lab in found.labs]
        expected_ages += [(study.nct_id, b.value, b.in_years) for b in found.age_bounds]
    assert expected_labs, "the planted records state lab thresholds"
    labs = pq.read_table(tmp_path / "lab_thresholds.parquet").to_pylist()
    assert [(r["nct_id"], r["analyte"], r["value"], r["span_start"]) for r in labs] == expected_labs
    ages = pq.read_table(tmp_path / "age_bounds.parquet").to_pylist()
    assert [(r["nct_id"], r["value"], r["in_years"]) for r in ages] == expected_ages


def test_criteria_rows_of_a_handmade_tree() -> None:
    # hand-made: items nested two deep, walked depth first with 1-based positions per side
    from trialparse.bulk._tables import _criteria
    from trialparse.model.eligibility import Criterion

    items = [
        Criterion(
            text="Adults",
            number="1",
            children=[
                Criterion(text="aged 18-75", number="a", children=[Criterion(text="inclusive")]),
                Criterion(text="consenting", number="b"),
            ],
        ),
        Criterion(text="ECOG 0-1", number="2"),
    ]
    assert _criteria("inclusion", items) == [
        ("inclusion", 1, None, 0, "1", "Adults"),
        ("inclusion", 2, 1, 1, "a", "aged 18-75"),
        ("inclusion", 3, 2, 2, None, "inclusive"),
        ("inclusion", 4, 1, 1, "b", "consenting"),
        ("inclusion", 5, None, 0, "2", "ECOG 0-1"),
    ]
    assert _criteria("exclusion", []) == []


def test_encoded_tables_carry_each_rows_key() -> None:
    # hand-made rows of three records: the key columns follow each row's own record, whether
    # a table has a row per record, several for one, or none for another
    from trialparse.bulk._sinks import encode
    from trialparse.bulk._tables import RecordRows

    records = [
        RecordRows(("NCT00000001", "ctgov", "NCT00000001"), {"conditions": [("Asthma", "asthma")]}),
        RecordRows(("NCT00000002", "ctgov", "NCT00000002"), {}),
        RecordRows(
            (None, "drks", "DRKS00000003"),
            {"conditions": [("Gout", "gout"), ("COPD", "copd")], "countries": [("Germany", False)]},
        ),
    ]
    encoded, unfit = encode("tables", records, False)
    assert unfit == {}
    assert encoded["conditions"].to_pylist() == [
        {"nct_id": "NCT00000001", "registry": "ctgov", "registry_id": "NCT00000001",
         "name": "Asthma", "downcase_name": "asthma"},
        {"nct_id": None, "registry": "drks", "registry_id": "DRKS00000003",
         "name": "Gout", "downcase_name": "gout"},
        {"nct_id": None, "registry": "drks", "registry_id": "DRKS00000003",
         "name": "COPD", "downcase_name": "copd"},
    ]  # fmt: skip
    assert encoded["countries"].column("registry_id").to_pylist() == ["DRKS00000003"]
    assert "keywords" not in encoded
    one_each = [RecordRows(r.key, {"countries": [("France", True)]}) for r in records]
    countries = encode("tables", one_each, False)[0]["countries"]
    assert countries.column("nct_id").to_pylist() == ["NCT00000001", "NCT00000002", None]
    assert countries.column("removed").to_pylist() == [True, True, True]
