"""A chunk's records go through each step together (`process_chunk`), in groups bounded by their
raw size; a record that fails a step is its own error row, in its place, as when the records
went through the steps one by one."""

from __future__ import annotations

from typing import Any

import pytest

from tests.realdata import real_data, real_files
from trialparse.bulk import _run
from trialparse.bulk._run import _groups, process_chunk
from trialparse.model.study import Study
from trialparse.normalise import Normalised

RECORDS = real_files("ctgov_v2", "NCT*.json")[:5]


def test_groups_are_bounded_by_raw_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    # hand-made sizes
    monkeypatch.setattr(_run, "_STEP_BYTES", 100)
    chunk: list[Any] = [("a", b"x" * 60), ("b", b"x" * 30), ("c", b"x" * 20), ("d", b"x" * 250)]
    chunk.append(("e", b"x" * 10))
    assert list(_groups(chunk)) == [range(0, 2), range(2, 3), range(3, 4), range(4, 5)]
    assert list(_groups([])) == []
    monkeypatch.setattr(_run, "_STEP_BYTES", 16 << 20)
    assert list(_groups(chunk)) == [range(0, 5)]


def _one_by_one(chunk: list[Any]) -> list[Any]:
    return [process_chunk([record], "tables", True)[0][0] for record in chunk]


@real_data
@pytest.mark.parametrize("step_bytes", [1, 16 << 20])
def test_a_record_failing_the_normaliser_is_its_own_error_row(
    monkeypatch: pytest.MonkeyPatch, step_bytes: int
) -> None:
    chunk: list[Any] = [(p.name, p.read_bytes()) for p in RECORDS]
    chunk.insert(2, ("handmade_not_a_study.json", b'{"hello": "world"}'))
    failing = RECORDS[3].stem
    real_normaliser = _run.run_normaliser

    def normaliser(study: Study) -> Normalised:
        if study.nct_id == failing:
            raise ValueError("hand-made failure")
        return real_normaliser(study)

    monkeypatch.setattr(_run, "run_normaliser", normaliser)
    monkeypatch.setattr(_run, "_STEP_BYTES", step_bytes)
    outcomes, encoded = process_chunk(chunk, "tables", True)
    assert [row and row["error"] for row in outcomes] == [
        None,
        None,
        "MalformedRecord",
        None,
        "ValueError",
        None,
    ]
    assert outcomes[4] == {
        "source": RECORDS[3].name,
        "record_id": failing,
        "error": "ValueError",
        "message": "hand-made failure",
        "location": None,
    }
    assert outcomes == _one_by_one(chunk)
    written = [p.stem for i, p in enumerate(RECORDS) if i != 3]
    assert encoded["studies"].column("nct_id").to_pylist() == written
