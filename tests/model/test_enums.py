"""Our enums hold exactly the values of the official ClinicalTrials.gov v2 OpenAPI description.

The description is read from `spec/ctg-oas-v2.yaml` beside the real-data folder (`SPEC` of
tests/realdata.py); when the registry changes an enum, replacing that file makes this test name
the drift.
"""

from __future__ import annotations

import pytest
import yaml

from tests.realdata import AVAILABLE, SPEC, real_data
from trialparse.model import enums

pytestmark = [
    real_data,
    pytest.mark.skipif(
        AVAILABLE and not SPEC.is_file(), reason=f"the OpenAPI description is not at {SPEC}"
    ),
]

# our enum -> the schema it mirrors in components.schemas
MIRRORS = {
    enums.OverallStatus: "Status",
    enums.RecruitmentStatus: "RecruitmentStatus",
    enums.StudyType: "StudyType",
    enums.Phase: "Phase",
    enums.Sex: "Sex",
    enums.Allocation: "DesignAllocation",
    enums.InterventionModel: "InterventionalAssignment",
    enums.PrimaryPurpose: "PrimaryPurpose",
    enums.Masking: "DesignMasking",
    enums.EnrollmentType: "EnrollmentType",
    enums.DateType: "DateType",
    enums.ArmGroupType: "ArmGroupType",
    enums.InterventionType: "InterventionType",
    enums.ContactRole: "ContactRole",
    enums.OfficialRole: "OfficialRole",
    enums.AgencyClass: "AgencyClass",
    enums.ResponsiblePartyType: "ResponsiblePartyType",
    enums.SecondaryIdType: "SecondaryIdType",
}


@pytest.fixture(scope="module")
def schemas() -> dict[str, dict[str, object]]:
    spec = yaml.safe_load(SPEC.read_text(encoding="utf-8"))
    found: dict[str, dict[str, object]] = spec["components"]["schemas"]
    return found


@pytest.mark.parametrize("enum_type", list(MIRRORS), ids=lambda e: e.__name__)
def test_enum_matches_spec(
    enum_type: type[enums.StrEnum], schemas: dict[str, dict[str, object]]
) -> None:
    spec_values = schemas[MIRRORS[enum_type]]["enum"]
    assert [member.value for member in enum_type] == spec_values


def test_age_units_match_the_age_pattern(schemas: dict[str, dict[str, object]]) -> None:
    pattern = schemas["EligibilityModule"]["properties"]["minimumAge"]["pattern"]  # type: ignore[index]
    for unit in enums.AgeUnit:
        assert unit.value.capitalize() in pattern
