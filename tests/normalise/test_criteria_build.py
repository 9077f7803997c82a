"""The splitter builds its `Criterion` items directly: each must equal the item pydantic
validation gives for the same values (value, type and set fields), on every shared v2 record."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest

from tests.realdata import real_params
from trialparse._text import unescape_markdown
from trialparse.model.eligibility import Criterion
from trialparse.normalise.criteria import split_criteria


def _validated(item: Criterion) -> Criterion:
    return Criterion(
        text=item.text, number=item.number, children=[_validated(c) for c in item.children]
    )


def _same(built: Criterion, validated: Criterion) -> bool:
    return (
        built == validated
        and built.model_fields_set == validated.model_fields_set
        and list(built.__dict__) == list(validated.__dict__)
        and all(_same(a, b) for a, b in zip(built.children, validated.children, strict=True))
    )


@pytest.mark.parametrize("path", real_params("ctgov_v2", "NCT*.json"))
def test_built_items_equal_validated_items(path: Path) -> None:
    module = orjson.loads(path.read_bytes())["protocolSection"].get("eligibilityModule", {})
    text = module.get("eligibilityCriteria")
    inclusion, exclusion = split_criteria(None if text is None else unescape_markdown(text))
    for item in inclusion + exclusion:
        assert _same(item, _validated(item))


def test_a_nested_item_is_built_like_a_validated_one() -> None:
    inclusion, exclusion = split_criteria("Inclusion Criteria:\n1. Adults\n   a. aged 18\n")
    assert [(i.text, i.number) for i in inclusion] == [("Adults", "1")]
    assert [c.text for c in inclusion[0].children] == ["aged 18"]
    assert _same(inclusion[0], _validated(inclusion[0]))
    assert exclusion == []
