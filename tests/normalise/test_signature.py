"""`normalise(study_or_text)`: the parameter's name, and its former name `x` deprecated."""

from __future__ import annotations

import inspect
import warnings
from pathlib import Path

import pytest

from trialparse import normalise, parse_record

SEED = Path(__file__).resolve().parents[2] / "fixtures" / "NCT06352281.txt"
TEXT = "Inclusion Criteria:\n- Age 18 to 65 years\n- Hemoglobin >= 9 g/dL"


def test_parameter_is_named_study_or_text() -> None:
    assert next(iter(inspect.signature(normalise).parameters)) == "study_or_text"


def test_keyword_and_positional_agree_without_warning() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        by_name = normalise(study_or_text=TEXT)
        by_place = normalise(TEXT)
    assert by_name == by_place
    assert by_name.age is not None
    assert (by_name.age.min_years, by_name.age.max_years) == (18.0, 65.0)


def test_x_keyword_still_works_with_a_deprecation_warning() -> None:
    study = parse_record(SEED)
    with pytest.warns(DeprecationWarning, match="study_or_text"):
        old = normalise(x=study)
    assert old == normalise(study)
    assert old.age is not None
    assert old.age.origin == "structured"


def test_both_names_or_neither_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="both"):
        normalise(TEXT, x=TEXT)
    with pytest.raises(TypeError, match="missing"):
        normalise()
