"""The normaliser: age bounds, lab thresholds, time windows and performance scores from
eligibility criteria, each with the text and span it came from."""

from __future__ import annotations

import warnings

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


# what an exclusion bound says of the eligible range: "Age < 18" excluded means 18 or more
_EXCLUDED: dict[str, tuple[str, bool]] = {
    "<": ("min", True),
    "<=": ("min", False),
    ">": ("max", True),
    ">=": ("max", False),
}
_INCLUDED: dict[str, tuple[str, bool]] = {
    ">": ("min", False),
    ">=": ("min", True),
    "<": ("max", False),
    "<=": ("max", True),
}


def _text_age(bounds: list[AgeBound]) -> AgeRange | None:
    """The widest age range the text's own bounds admit: inclusion bounds as stated, exclusion
    bounds turned round ("exclude: Age < 18 or > 70" is 18-70); ages of other people, ages
    that condition another requirement and gestational ages are left out."""
    lows: list[tuple[float, bool]] = []
    highs: list[tuple[float, bool]] = []
    for bound in bounds:
        if (
            bound.subject
            or bound.condition
            or bound.text.lower().startswith(("gestation", "postmenstrual"))
        ):
            continue
        table = _EXCLUDED if bound.side == "exclusion" else _INCLUDED
        end = table.get(bound.comparator)
        if end is None:
            continue
        (lows if end[0] == "min" else highs).append((bound.in_years, end[1]))
    if not lows and not highs:
        return None
    # the loosest of each end: alternatives ("Age ≥ 60 ... OR ... Age ≥ 18") widen the range
    low = min(lows, key=lambda end: (end[0], not end[1])) if lows else None
    high = max(highs, key=lambda end: (end[0], end[1])) if highs else None
    return AgeRange(
        min_years=None if low is None else low[0],
        max_years=None if high is None else high[0],
        min_inclusive=low is None or low[1],
        max_inclusive=high is None or high[1],
        origin="text",
    )


def normalise(
    study_or_text: Study | str | None = None, *, x: Study | str | None = None
) -> Normalised:
    """Normalised values of a study's criteria (structured ages win), or of criteria text.

    `x=` is the parameter's former name: it still works, with a `DeprecationWarning`."""
    if x is not None:
        if study_or_text is not None:
            raise TypeError("normalise() got both study_or_text and x; pass study_or_text only")
        warnings.warn(
            "normalise(x=...) is deprecated: pass normalise(study_or_text=...) or positionally",
            DeprecationWarning,
            stacklevel=2,
        )
        study_or_text = x
    if study_or_text is None:
        raise TypeError("normalise() missing its argument: a Study or criteria text")
    if isinstance(study_or_text, Study):
        eligibility = study_or_text.eligibility
        text = eligibility.criteria_text or ""
        minimum, maximum = eligibility.minimum_age, eligibility.maximum_age
    else:
        text = study_or_text
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
