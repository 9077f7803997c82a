"""A `Study` prints short, and every field of the JSON Schema says what it holds and its v2 path."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.realdata import SEED
from trialparse import Study, parse_record


def test_repr_is_short_and_says_what_the_study_is() -> None:
    study = parse_record(SEED)
    text = repr(study)
    assert len(text) < 250
    assert text.startswith("Study('NCT06352281', 'Efficacy and Safety of CAR-T Cells")
    assert "status=RECRUITING" in text
    assert "phases=PHASE1/PHASE2" in text
    assert "arms=1, interventions=1, locations=1, inclusion=8, exclusion=18" in text
    assert repr(Study()) == (
        "Study(None, None, status=None, phases=None, arms=0, interventions=0, locations=0, "
        "inclusion=0, exclusion=0, warnings=0)"
    )


def fields(schema: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    found = [("Study", name, spec) for name, spec in schema["properties"].items()]
    for model, definition in schema.get("$defs", {}).items():
        found += [(model, name, spec) for name, spec in definition.get("properties", {}).items()]
    return found


def test_every_field_has_a_description_with_its_v2_path() -> None:
    every = fields(Study.model_json_schema())
    assert len(every) > 80
    for model, name, spec in every:
        description = spec.get("description", "")
        assert description, (model, name)
    # the Study's own fields name the v2 path they map to, or say they have none
    for model, name, spec in every:
        if model in ("Study", "Status", "Design", "Eligibility"):
            text = spec["description"]
            assert "v2 " in text or "not in v2" in text or name in ("warnings", "extras"), name
    study = Study.model_json_schema()["properties"]
    assert "protocolSection.identificationModule.nctId" in study["nct_id"]["description"]


def test_docs_model_md_shows_the_descriptions() -> None:
    doc = (Path(__file__).resolve().parents[2] / "docs" / "model.md").read_text(encoding="utf-8")
    for name, info in Study.model_fields.items():
        assert f"| `{name}` |" in doc
        assert str(info.description).replace("|", "\\|") in doc, name
