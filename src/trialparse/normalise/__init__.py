"""The normaliser: age bounds, lab thresholds, time windows and performance scores from
eligibility criteria, each with the text and span it came from."""

from __future__ import annotations

from ..model.study import Study
from ._common import Locator
from .ages import find_age_bounds
from .labs import find_labs
from .models import (
    AgeBound,
    AgeRange,
    LabThreshold,
    Normalised,
    ScoreThreshold,
    TimeWindow,
)
from .scores import find_scores
from .windows import find_windows

__all__ = [
    "AgeBound",
    "AgeRange",
    "LabThreshold",
    "Normalised",
    "ScoreThreshold",
    "TimeWindow",
    "normalise",
]


def _text_age(bounds: list[AgeBound]) -> AgeRange | None:
    lows = [b for b in bounds if b.comparator in (">", ">=")]
    highs = [b for b in bounds if b.comparator in ("<", "<=")]
    if not lows and not highs:
        return None
    low = max(lows, key=lambda b: b.in_years) if lows else None
    high = min(highs, key=lambda b: b.in_years) if highs else None
    return AgeRange(
        min_years=None if low is None else low.in_years,
        max_years=None if high is None else high.in_years,
        min_inclusive=low is None or low.comparator == ">=",
        max_inclusive=high is None or high.comparator == "<=",
        origin="text",
    )


def normalise(x: Study | str) -> Normalised:
    """Normalised values of a study's criteria (structured ages win), or of criteria text."""
    if isinstance(x, Study):
        text = x.eligibility.criteria_text or ""
        minimum, maximum = x.eligibility.minimum_age, x.eligibility.maximum_age
    else:
        text = x
        minimum = maximum = None
    where = Locator.of(text)
    age_bounds = [b for b in find_age_bounds(text, where) if b.text]
    labs = find_labs(text, where)
    windows = find_windows(text, where, [b.span for b in age_bounds] + [lab.span for lab in labs])
    scores = find_scores(text, where)
    age = (
        AgeRange(
            min_years=None if minimum is None else minimum.in_years,
            max_years=None if maximum is None else maximum.in_years,
            origin="structured",
        )
        if minimum is not None or maximum is not None
        else _text_age(age_bounds)
    )
    return Normalised(age=age, age_bounds=age_bounds, labs=labs, windows=windows, scores=scores)
