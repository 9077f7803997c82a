"""Score lists and bounds as real criteria write them (Chia dev documents of the real
`criteria_corpora/`, read by `scripts/criteria_corpora.py`)."""

from __future__ import annotations

import pytest
from scripts.criteria_corpora import chia

from tests.realdata import real, real_data
from trialparse import normalise

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
    (
        "NCT00312429_inc",
        "Cancer and Leukemia Group B (CALGB) performance status less than or equal to 2",
        [("ECOG", "<=", 2.0)],
    ),
    (
        "NCT00625742_inc",
        "Have a Karnofsky performance score of 60 or higher.",
        [("Karnofsky", ">=", 60.0)],
    ),
    ("NCT01205334_inc", "Karnofsky/Lansky score 50 or greater", [("Karnofsky", ">=", 50.0)]),
    ("NCT01491763_inc", "Performance status 0-2", [("performance status", "<=", 2.0)]),
    ("NCT02466113_inc", "ECOG health rating (PS): 0-1 score.", [("ECOG", "<=", 1.0)]),
]


@pytest.mark.parametrize(("document", "text", "expected"), ROWS)
def test_scores(document: str, text: str, expected: list[tuple[str, str, float]]) -> None:
    found = [(s.scale, s.comparator, s.value) for s in normalise(text).scores]
    assert found == expected


@real_data
@pytest.mark.parametrize(("document", "text"), sorted({(row[0], row[1]) for row in ROWS}))
def test_rows_are_in_their_dev_documents(document: str, text: str) -> None:
    sources = {source.stem: source for source in chia(real("criteria_corpora"))}
    assert sources[document].split == "dev"
    assert text in sources[document].text()
