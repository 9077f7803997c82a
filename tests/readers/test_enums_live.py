"""The display/legacy → v2 table against the registry's own `/studies/enums`.

Each enum the API lists carries `legacyValue` (and `exceptions` per data piece): every one of
them must map, through `readers.labels`, to the v2 value the API pairs it with. The live test
asks the registry; the offline tests check the comparison itself on a hand-made answer.
"""

from __future__ import annotations

import os
from enum import StrEnum
from typing import Any

import httpx
import pytest

from trialparse.model.enums import Phase
from trialparse.readers import labels

BASE_URL = os.environ.get("TRIALPARSE_BASE_URL", "https://clinicaltrials.gov/api/v2")
PHASES = {member.value for member in Phase}


def _our_enum(values: set[str]) -> type[StrEnum] | None:
    """The mapped enum whose values are exactly those the API lists."""
    for enum_type in labels.MAPPED_ENUMS:
        if {member.value for member in enum_type} == values:
            return enum_type
    return None


def compare(enums: list[dict[str, Any]]) -> tuple[list[str], list[str]]:
    """(enum types compared, legacy values that map to another v2 value than the API's)."""
    checked: list[str] = []
    wrong: list[str] = []
    for info in enums:
        values = {item["value"] for item in info["values"]}
        enum_type = _our_enum(values)
        if enum_type is None and values != PHASES:
            continue
        checked.append(info["type"])
        for item in info["values"]:
            for text in [item["legacyValue"], *item.get("exceptions", {}).values()]:
                got = (
                    [labels.to_v2(enum_type, text)]
                    if enum_type is not None
                    else labels.phases_from_display(text)
                )
                if got != [item["value"]]:
                    wrong.append(f"{info['type']}: {text!r} -> {got}, the API says {item['value']}")
    return checked, wrong


# Hand-made in the shape of the API's answer (EnumInfoList in the OpenAPI description),
# with legacy values as the legacy XML records of the real-data `ctgov_xml/` write them.
HANDMADE = [
    {
        "type": "Status",
        "pieces": ["OverallStatus"],
        "values": [
            {"value": member.value, "legacyValue": member.value.replace("_", " ").capitalize()}
            for member in labels.MAPPED_ENUMS[0]
        ],
    },
    {
        "type": "Phase",
        "pieces": ["Phase"],
        "values": [
            {"value": "EARLY_PHASE1", "legacyValue": "Early Phase 1"},
            {"value": "PHASE1", "legacyValue": "Phase 1"},
            {"value": "PHASE2", "legacyValue": "Phase 2"},
            {"value": "PHASE3", "legacyValue": "Phase 3"},
            {"value": "PHASE4", "legacyValue": "Phase 4"},
            {"value": "NA", "legacyValue": "N/A"},
        ],
    },
    {
        "type": "Sex",
        "pieces": ["Sex"],
        "values": [
            {"value": "ALL", "legacyValue": "All", "exceptions": {"Gender": "Both"}},
            {"value": "FEMALE", "legacyValue": "Female"},
            {"value": "MALE", "legacyValue": "Male"},
        ],
    },
    {"type": "Unrelated", "pieces": ["X"], "values": [{"value": "A", "legacyValue": "a"}]},
]


def test_comparison_on_a_handmade_answer() -> None:
    checked, wrong = compare(HANDMADE)
    assert checked == ["Status", "Phase", "Sex"]
    assert wrong == []


def test_comparison_reports_a_wrong_mapping() -> None:
    sex = HANDMADE[2]
    answer = [{**sex, "values": [{"value": "ALL", "legacyValue": "Male"}, *sex["values"][1:]]}]
    assert compare(answer) == (["Sex"], ["Sex: 'Male' -> ['MALE'], the API says ALL"])


@pytest.mark.live
def test_legacy_values_map_to_the_v2_values() -> None:
    try:
        response = httpx.get(f"{BASE_URL}/studies/enums", timeout=10.0)
        response.raise_for_status()
    except httpx.HTTPError as exc:
        pytest.skip(f"ClinicalTrials.gov cannot be reached from here: {type(exc).__name__}")
    checked, wrong = compare(response.json())
    assert len(checked) >= 12, f"only {checked} matched the label tables"
    assert not wrong, "\n".join(wrong)
