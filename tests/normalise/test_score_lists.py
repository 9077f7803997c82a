"""Score lists and bounds as real criteria write them (Chia documents in fixtures/criteria_corpora)."""

from __future__ import annotations

from pathlib import Path

import pytest

from trialparse import normalise

CHIA = Path(__file__).resolve().parents[2] / "fixtures" / "criteria_corpora" / "chia"

ROWS = [
    # (document, text in it, (scale, comparator, value) of each score found)
    (
        "NCT00391690_inc",
        "Eastern Cooperative Oncology Group (ECOG) score of 0, 1 or 2",
        [("ECOG", "<=", 2.0)],
    ),
    ("NCT00061308_inc", "ECOG performance status of 0,1, or 2", [("ECOG", "<=", 2.0)]),
    ("NCT00599924_inc", "Eastern Cooperative Oncology Group (ECOG) 0 or 1", [("ECOG", "<=", 1.0)]),
    ("NCT01850147_inc", "ECOG PS: 0,1", [("ECOG", "<=", 1.0)]),
    ("NCT02062489_inc", "The patients' ECOG scores are =0-2.", [("ECOG", "<=", 2.0)]),
    ("NCT02062489_inc", "who is = 18", []),
]


@pytest.mark.parametrize(("document", "text", "expected"), ROWS)
def test_scores(document: str, text: str, expected: list[tuple[str, str, float]]) -> None:
    assert text in (CHIA / f"{document}.txt").read_text(encoding="utf-8")
    found = [(s.scale, s.comparator, s.value) for s in normalise(text).scores]
    assert found == expected
