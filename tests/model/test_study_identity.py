"""A study's identity across registries: `registry`, `registry_id`, `SecondaryId.registry`, `ids()`."""

from __future__ import annotations

from tests.realdata import SEED
from trialparse import parse_record
from trialparse.model import SecondaryId, Source, Study
from trialparse.model.registry_ids import RegistryId


def test_a_ctgov_record_is_its_own_registry_id() -> None:
    study = parse_record(SEED)
    assert study.registry == "ctgov"
    assert study.registry_id == study.nct_id == "NCT06352281"
    assert study.ids()[0] == RegistryId("ctgov", "NCT06352281")


def test_registry_follows_the_source_unless_given() -> None:
    # hand-made studies
    drks = Study(source=Source(format="ictrp-xml", registry="drks"), registry_id="DRKS00015863")
    assert (drks.registry, drks.registry_id) == ("drks", "DRKS00015863")
    given = Study(registry="isrctn", registry_id="ISRCTN12949496", source=Source(format="html"))
    assert given.registry == "isrctn"
    assert Study().registry == "ctgov"
    assert Study().registry_id is None


def test_secondary_ids_carry_the_registry_their_form_names() -> None:
    ids = [
        SecondaryId(id="2019-001698-10", type="EUDRACT_NUMBER"),
        SecondaryId(id="JapicCTI-194846"),
        SecondaryId(id="ALN-TTR02-004"),
        SecondaryId(id="12345", registry="isrctn"),
    ]
    assert [s.registry for s in ids] == ["euctr", "jprn", None, "isrctn"]


def test_ids_are_each_once_own_first() -> None:
    # hand-made: one trial in jRCT, CT.gov and EU CTR, its NCT number written twice
    study = Study(
        registry="jprn",
        registry_id="jRCT2071210009",
        nct_id="NCT04136184",
        secondary_ids=[
            SecondaryId(id="NCT04136184"),
            SecondaryId(id="EUCTR2019-001698-10-GB"),
            SecondaryId(id="ION-682884-CS3"),
        ],
    )
    assert [(i.registry, i.id) for i in study.ids()] == [
        ("jprn", "jRCT2071210009"),
        ("ctgov", "NCT04136184"),
        ("euctr", "2019-001698-10-GB"),
    ]
    assert study.ids()[2].trial_id == "2019-001698-10"


def test_schema_publishes_the_identity_fields() -> None:
    schema = Study.model_json_schema()
    assert {"registry", "registry_id"} <= set(schema["properties"])
    assert "registry" in schema["$defs"]["SecondaryId"]["properties"]
    formats = schema["$defs"]["Source"]["properties"]["format"]["enum"]
    assert {"ictrp-xml", "euctr-html"} <= set(formats)


def test_round_trip_keeps_the_identity() -> None:
    study = parse_record(SEED)
    again = parse_record(study.to_ctgov_json())
    assert (again.registry, again.registry_id, again.secondary_ids) == (
        study.registry,
        study.registry_id,
        study.secondary_ids,
    )
