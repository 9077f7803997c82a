"""Every flat table carries the study's key (`nct_id`, `registry`, `registry_id`), and the
normaliser tables the `subject` and `condition` of what they hold."""

from __future__ import annotations

from tests.realdata import real, real_data
from trialparse import iter_studies, to_tables
from trialparse.bulk import TABLES, study_rows
from trialparse.model import Eligibility, Study
from trialparse.normalise import normalise

EXPORT = ("other_registries", "who_ictrp", "ICTRP-Results(1)_2024-06-09_95trials.xml")
KEY = ["nct_id", "registry", "registry_id"]

# hand-made criteria: an age of another person, an age that conditions a requirement, and a
# lab threshold with its conditional alternative
CRITERIA = """Inclusion Criteria:
- Age 18 to 65 years
- Parent at least 18 years old
- ALT <= 3 x ULN, or <= 5 x ULN with liver involvement
Exclusion Criteria:
- Systolic blood pressure above 140 mmHg if < 60 years of age
"""


def test_every_table_starts_with_the_study_key() -> None:
    for name, columns in TABLES.items():
        assert [column.name for column in columns[:3]] == KEY, name


def _handmade_rows() -> dict[str, list[dict[str, object]]]:
    study = Study(
        registry="isrctn",
        registry_id="ISRCTN00000000",
        eligibility=Eligibility(criteria_text=CRITERIA),
    )
    return study_rows(study, "handmade.xml", normalise(study))


def test_age_bounds_carry_subject_and_condition() -> None:
    rows = _handmade_rows()["age_bounds"]
    assert [(r["comparator"], r["value"], r["subject"], r["condition"]) for r in rows] == [
        (">=", 18.0, None, None),
        ("<=", 65.0, None, None),
        (">=", 18.0, "parent", None),
        ("<", 60.0, None, "- Systolic blood pressure above 140 mmHg"),
    ]
    assert {(r["nct_id"], r["registry"], r["registry_id"]) for r in rows} == {
        (None, "isrctn", "ISRCTN00000000")
    }


def test_lab_thresholds_carry_their_condition() -> None:
    rows = _handmade_rows()["lab_thresholds"]
    assert [(r["analyte"], r["uln_multiple"], r["condition"]) for r in rows] == [
        ("alt", 3.0, None),
        ("alt", 5.0, "with liver involvement"),
    ]


@real_data
def test_rows_of_ictrp_trials_without_an_nct_id_join_back_to_studies() -> None:
    tables = to_tables(iter_studies(real(*EXPORT)), backend="arrow", normalise=True)
    studies = tables["studies"].select(KEY).to_pylist()
    assert len(studies) == 95
    keys = {(s["registry"], s["registry_id"]) for s in studies}
    assert len(keys) == 95  # the key is unique
    without_nct = {(s["registry"], s["registry_id"]) for s in studies if s["nct_id"] is None}
    assert len(without_nct) >= 40
    assert {registry for registry, _ in without_nct} >= {"euctr", "drks", "jprn", "chictr"}
    joined: dict[str, int] = {}
    for name, table in tables.items():
        assert table.column_names[:3] == KEY, name
        for row in table.select(KEY).to_pylist():
            assert (row["registry"], row["registry_id"]) in keys, name
            if row["nct_id"] is None:
                joined[name] = joined.get(name, 0) + 1
    # rows of the trials without an NCT number, in the tables they fill
    for name in ("conditions", "eligibility_criteria", "design_outcomes", "study_ids", "sponsors"):
        assert joined.get(name, 0) > 0, name


@real_data
def test_ictrp_rows_join_in_pandas() -> None:
    tables = to_tables(iter_studies(real(*EXPORT)), backend="pandas")
    merged = tables["conditions"].merge(
        tables["studies"][["registry", "registry_id", "overall_status"]],
        on=["registry", "registry_id"],
        how="left",
        validate="many_to_one",
        indicator=True,
    )
    assert len(merged) == len(tables["conditions"]) > 95
    assert set(merged["_merge"]) == {"both"}
    assert merged["nct_id"].isna().sum() > 0
