"""The identity columns of the flat tables: `studies.registry`, `.registry_id` and `study_ids`."""

from __future__ import annotations

from tests.realdata import real, real_data
from trialparse import parse_record
from trialparse.bulk import study_rows
from trialparse.model import SecondaryId, Source, Study


def test_study_ids_of_a_handmade_study() -> None:
    # hand-made: a CT.gov study registered in EU CTR and ISRCTN too, with a sponsor's number
    study = Study(
        nct_id="NCT04136184",
        secondary_ids=[
            SecondaryId(id="2019-001698-10", type="EUDRACT_NUMBER"),
            SecondaryId(id="ISRCTN12949496"),
            SecondaryId(id="ION-682884-CS3"),
            SecondaryId(id="NCT04136184"),
        ],
        source=Source(format="ctgov-json"),
    )
    rows = study_rows(study, "handmade.json")
    assert rows["studies"][0]["registry"] == "ctgov"
    assert rows["studies"][0]["registry_id"] == "NCT04136184"
    assert [(r["id"], r["id_registry"], r["id_source"]) for r in rows["study_ids"]] == [
        ("NCT04136184", "ctgov", "registry_id"),
        ("2019-001698-10", "euctr", "secondary_id"),
        ("ISRCTN12949496", "isrctn", "secondary_id"),
        ("ION-682884-CS3", None, "secondary_id"),
    ]
    assert {r["registry_id"] for r in rows["study_ids"]} == {"NCT04136184"}


@real_data
def test_study_ids_of_an_ictrp_trial() -> None:
    study = parse_record(real("other_registries/who_ictrp/split/JPRN-jRCT2071210009.xml"))
    rows = study_rows(study, "JPRN-jRCT2071210009.xml")
    assert (rows["studies"][0]["registry"], rows["studies"][0]["registry_id"]) == (
        "jprn",
        "jRCT2071210009",
    )
    assert [(r["id"], r["id_registry"]) for r in rows["study_ids"]] == [
        ("jRCT2071210009", "jprn"),
        ("NCT04136184", "ctgov"),
        ("2019-001698-10", "euctr"),
    ]
