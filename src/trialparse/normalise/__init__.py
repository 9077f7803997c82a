"""The normaliser: age bounds, lab thresholds, time windows and performance scores from
eligibility criteria, each with the text and span it came from."""

from __future__ import annotations

import bisect
import heapq
import io
import itertools
import re
import warnings
from collections.abc import Iterable, Iterator
from typing import Any, TypeVar, cast

from ..errors import WarningCode
from ..model.study import ParseWarning, Study
from ._common import (
    AGE_WORDS,
    UNIT_WORDS,
    Locator,
    anchor_words,
    finds,
    folded,
    furthest_before,
)
from .ages import find_age_bounds
from .data import SPELLED_NUMBERS
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
    "MAX_VALUES",
    "AgeBound",
    "AgeRange",
    "LabThreshold",
    "Normalised",
    "ScoreThreshold",
    "TimeWindow",
    "normalise",
]


MAX_VALUES = 5_000
"""The most values of one kind (age bounds, lab thresholds, windows, scores) kept from one
criteria text, the first in text order; `Normalised.warnings` counts the rest. Real criteria
hold a few dozen; a wall of thousands is not criteria, and would cost memory a value each."""
LONG_TEXT = 65_536
"""Criteria text longer than this many characters is read a piece at a time (real criteria
texts are a few thousand), so that the memory needed stays within a few times the text's."""
_PIECE = 16_384
# how far before and after its piece the finders see: each reads its context within this
_CONTEXT = 512
_WHERE = "protocolSection.eligibilityModule.eligibilityCriteria"

_Value = TypeVar("_Value", AgeBound, LabThreshold, TimeWindow, ScoreThreshold)
_Found = tuple[list[AgeBound], list[LabThreshold], list[TimeWindow], list[ScoreThreshold]]


def _find(text: str, where: Locator) -> _Found:
    """Every value of `text`, in text order, each kind apart."""
    age_bounds = [b for b in find_age_bounds(text, where) if b.text]
    labs = find_labs(text, where)
    if age_bounds and labs:
        # a bound with no unit that ends inside an age is the age's: "≤ 0.8 mg/dL for patients
        # age 5 and under" (v2 NCT00077454) bounds the creatinine once, not at 5 too
        reach = furthest_before(b.span for b in age_bounds)
        labs = [lab for lab in labs if lab.unit is not None or reach(lab.span[1]) < lab.span[1]]
    windows = find_windows(text, where, [b.span for b in age_bounds] + [lab.span for lab in labs])
    return age_bounds, labs, windows, find_scores(text, where)


def _cuts(text: str, where: Locator) -> list[int]:
    """Where the pieces of a long text start: at a criterion within each `_PIECE` characters,
    else at a space (else anywhere)."""
    cuts = [0]
    while len(text) - cuts[-1] > _PIECE:
        start, limit = cuts[-1], cuts[-1] + _PIECE
        item = bisect.bisect_right(where.starts, limit) - 1
        cut = where.starts[item] if item >= 0 and where.starts[item] > start else -1
        if cut < 0:
            cut = max(text.rfind(" ", start + 1, limit), text.rfind("\n", start + 1, limit))
        cuts.append(cut if cut > start else limit)
    return cuts


def _in_pieces(text: str, where: Locator) -> tuple[_Found, list[int]]:
    """The values of a long text read a piece at a time, each piece with `_CONTEXT` characters
    of the text either side of it (a value is kept from the piece it starts in); of each kind
    the first `MAX_VALUES`, and how many more there were."""
    kept: list[list[Any]] = [[], [], [], []]
    more = [0, 0, 0, 0]
    cuts = [*_cuts(text, where), len(text)]
    for start, end in itertools.pairwise(cuts):
        begin = max(0, start - _CONTEXT)
        found = _find(text[begin : end + _CONTEXT], where.shifted(begin))
        for kind, values in enumerate(cast(tuple[list[Any], ...], found)):
            into = kept[kind]
            for value in values:
                if not start <= value.span[0] + begin < end:
                    continue
                if len(into) < MAX_VALUES:
                    into.append(_moved(value, begin))
                else:
                    more[kind] += 1
    return (kept[0], kept[1], kept[2], kept[3]), more


def _moved(value: _Value, by: int) -> _Value:
    if not by:
        return value
    start, end = value.span
    return value.model_copy(update={"span": (start + by, end + by)})


def _capped(found: _Found) -> tuple[_Found, list[int]]:
    """Of each kind the first `MAX_VALUES` values, and how many more there were."""
    more = [max(0, len(values) - MAX_VALUES) for values in found]
    if not any(more):
        return found, more
    age_bounds, labs, windows, scores = found
    return (
        age_bounds[:MAX_VALUES],
        labs[:MAX_VALUES],
        windows[:MAX_VALUES],
        scores[:MAX_VALUES],
    ), more


def _warnings(more: list[int]) -> list[ParseWarning]:
    kinds = ("age bounds", "lab thresholds", "time windows", "scores")
    return [
        ParseWarning(
            code=WarningCode.TOO_MANY_VALUES.value,
            path=_WHERE,
            message=(
                f"{count:,} more {kind} not extracted: the first {MAX_VALUES:,} of a kind are "
                "kept (trialparse.normalise.MAX_VALUES)"
            ),
        )
        for kind, count in zip(kinds, more, strict=True)
        if count
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


# a gestational age, named after the bound: "Obstetric delivery at less than 20 weeks gestation"
# (v2 NCT06609317), "born before 37 weeks of gestation"
_GESTATION = re.compile(r"\s*(?:of\s+)?(?:gestation|postmenstrual)", re.IGNORECASE)


def _text_age(bounds: list[AgeBound], text: str) -> AgeRange | None:
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
            or _GESTATION.match(text, bound.span[1])
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


# signs some registries write for "≥" and "≤" ("WBC ≧3500/mm3, Platelet ≧100000/mm3", XML
# NCT00201331; "creatinine clearance≧45mL/min", v2 NCT02759614): read as those, a character for a
# character, so that every offset holds; each value's text is then the text as written
_SIGNS = str.maketrans({"≧": "≥", "≦": "≤"})

# a number restated in brackets after itself, as legal and US criteria write it: "three (3)
# months" (Chia NCT00050349), "two (2) years" (Chia NCT03366779), "5 (five) days"
_BRACKETED = re.compile(r"\((\d{1,2}|[a-z]+(?:[- ][a-z]+)?)\)")
_WORDS_BEFORE = re.compile(r"(?:\b([A-Za-z]+[- ])?\b([A-Za-z]+)|\b(\d{1,2}))[ \t]?$")


def _rewritten(text: str, edits: Iterable[tuple[int, int, str]]) -> str:
    """`text` with each (start, end, replacement) of `edits` made, in text order, each
    replacement as long as what it replaces, so that every offset holds; `text` itself where
    there is none."""
    written = io.StringIO()
    done = 0
    for start, end, replacement in edits:
        written.write(text[done:start])
        written.write(replacement)
        done = end
    if not written.tell():
        return text
    written.write(text[done:])
    return written.getvalue()


def _unbracketed(text: str) -> str:
    """`text` with each number restated in brackets read once: "three (3) months" as
    "3         months", "5 (five) days" as "5        days"; a character for a character, so
    that every offset holds."""
    if "(" not in text:
        return text
    return _rewritten(text, _bracketed_edits(text))


def _bracketed_edits(text: str) -> Iterator[tuple[int, int, str]]:
    """The edits `_unbracketed` makes."""
    done = 0
    for match in _BRACKETED.finditer(text):
        inner = match[1]
        digits = inner.isdigit()
        if not digits and inner not in SPELLED_NUMBERS:
            continue
        before = _WORDS_BEFORE.search(text, max(done, match.start() - 20), match.start())
        if before is None:
            continue
        first, word, number = before.groups()
        if digits and word is not None:
            value = int(inner)
            if first is not None and SPELLED_NUMBERS.get((first + word).lower()) == value:
                start = before.start()
            elif SPELLED_NUMBERS.get(word.lower()) == value:
                start = before.start(2)
            else:
                continue
            # the digits take the word's place, the rest becomes spaces
            yield start, match.end(), inner.ljust(match.end() - start)
        elif not digits and number is not None and SPELLED_NUMBERS[inner] == int(number):
            yield match.start(), match.end(), " " * (match.end() - match.start())
        else:
            continue
        done = match.end()


# a number spelled out before a unit of time, or before "to" and the digits of a range in one:
# "Age between one year and 18 years" (Chia NCT03397914), "children under three years of age"
# (v2 NCT02028676), "aged three to 16 years of age" (v2 NCT05136261)
_TIME_UNITS = frozenset({"year", "month", "week", "day", "hour"})
# the age words that are no unit of time ("age", "old", "younger", "between", "from", "y.o")
_AGE_CONTEXT_WORDS = tuple(word for word in AGE_WORDS if word not in UNIT_WORDS)
# the digits of a range before a unit, after "to" or "and": "three to 16 years"
_RANGE_TAIL = re.compile(r"[ \t]+(?:to|and)[ \t]+\d{1,3}(?:\.\d+)?\Z")
_GAP = " \t-"
_DIGITS_OR_POINT = frozenset("0123456789.")


def _word_before(text: str, end: int, limit: int) -> int:
    """Where the word of letters and hyphens that ends at `end` starts (no further back than
    `limit`); `end` where none does."""
    start = end
    while start > limit and (text[start - 1].isalpha() or text[start - 1] == "-"):
        start -= 1
    return start


def _spelled(text: str) -> str:
    """`text` with each number spelled out before a unit of time read as digits: "three years"
    as "3     years"; a character for a character, so that every offset holds."""
    places: Iterable[int]
    if len(text) > LONG_TEXT:  # one offset at a time: no list the size of the text
        lowered = folded(text)
        places = heapq.merge(*(finds(lowered, unit) for unit in sorted(_TIME_UNITS)))
    else:
        # the words the age and window finders anchor on, kept for them when nothing is read here
        places = [start for start, _, word in anchor_words(text) if word in _TIME_UNITS]
        if not places:
            return text
    return _rewritten(text, _spelled_edits(text, places))


def _spelled_edits(text: str, places: Iterable[int]) -> Iterator[tuple[int, int, str]]:
    """The edits `_spelled` makes, looking back from each unit of time at `places`."""
    lowered = folded(text)
    done = 0
    for at in places:
        if at == 0 or lowered[at - 1].isalpha():
            continue
        # only near an age word: the window finder reads the number words of durations itself
        around = lowered[max(0, at - 40) : at + 40]
        if not any(word in around for word in _AGE_CONTEXT_WORDS):
            continue
        limit = max(done, at - 40)
        end = at
        while end > limit and text[end - 1] in _GAP:
            end -= 1
        if end in (at, limit):
            continue
        if text[end - 1].isdigit():
            # (most units follow digits: the word before them is looked at only after "to")
            digits_start = end - 1
            while digits_start > limit and text[digits_start - 1] in _DIGITS_OR_POINT:
                digits_start -= 1
            word = lowered[max(limit, digits_start - 6) : digits_start].rstrip(" \t")
            if not word.endswith((" to", " and")):
                continue
            tail = _RANGE_TAIL.search(text, max(limit, end - 16), end)
            if tail is None:
                continue
            end = tail.start()
        start = _word_before(text, end, limit)
        if start == end or (start == limit and start > 0 and text[start - 1].isalnum()):
            continue
        value = SPELLED_NUMBERS.get(lowered[start:end])
        if value is None:
            continue
        # "twenty four": the word before may be the tens
        if start - 1 > limit and text[start - 1] == " ":
            tens = _word_before(text, start - 1, limit)
            both = SPELLED_NUMBERS.get(lowered[tens:end])
            if tens < start - 1 and both is not None:
                start, value = tens, both
        yield start, end, str(value).ljust(end - start)
        done = end


# a duration restated in brackets in other units, right after one: "Children between 1 year (≥
# 12 months) and 18 years of age" (v2 NCT05658640), "6-12 weeks (42 to 90 days) of age" (Chia
# NCT00344318); read without the restatement, which states the same bound, where it stands
# inside an age
_RESTATED = re.compile(
    r"\([ \t]*(?:[<>≤≥]=?[ \t]*)?\d{1,3}(?:[ \t]*(?:-|–|to)[ \t]*\d{1,3})?"
    r"[ \t]*(?:years?|months?|weeks?|days?)[ \t]*\)"
    # (inside an age: the range goes on after it, or "of age" follows)
    r"(?=[ \t]*(?:(?:and|to|-)[ \t]*\d|of[ \t]+age|old\b))",
    re.IGNORECASE,
)
_UNIT_BEFORE = re.compile(
    r"\d[ \t]*-?[ \t]*(?:years?|months?|weeks?|days?)[ \t]*\Z", re.IGNORECASE
)


def _unrestated(text: str) -> str:
    """`text` with each duration restated in brackets right after another blanked out; a
    character for a character, so that every offset holds."""
    if "(" not in text:
        return text
    return _rewritten(text, _restated_edits(text))


def _restated_edits(text: str) -> Iterator[tuple[int, int, str]]:
    """The edits `_unrestated` makes."""
    done = 0
    for at in finds(text, "("):
        # (the bracket right after a letter, the last of a unit)
        before = at
        while before > done and text[before - 1] in " \t":
            before -= 1
        if before == done or not text[before - 1].isalpha():
            continue
        match = _RESTATED.match(text, at)
        if match is None or _UNIT_BEFORE.search(text, max(done, before - 12), at) is None:
            continue
        yield before, match.end(), " " * (match.end() - before)
        done = match.end()


def _as_written(found: _Found, text: str) -> _Found:
    """The values found in the text with its signs read, with their texts as written."""
    age_bounds, labs, windows, scores = found

    def written(values: list[_Value]) -> list[_Value]:
        return [
            value.model_copy(update={"text": text[value.span[0] : value.span[1]]})
            for value in values
        ]

    return written(age_bounds), written(labs), written(windows), written(scores)


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
    read = _unrestated(
        _spelled(_unbracketed(text.translate(_SIGNS) if "≧" in text or "≦" in text else text))
    )
    where = Locator.of(read)
    if len(read) > LONG_TEXT:
        found, more = _in_pieces(read, where)
    else:
        found, more = _capped(_find(read, where))
    if read is not text:
        found = _as_written(found, text)
    age_bounds, labs, windows, scores = found
    age = (
        AgeRange(
            min_years=None if minimum is None else minimum.in_years,
            max_years=None if maximum is None else maximum.in_years,
            origin="structured",
        )
        if minimum is not None or maximum is not None
        else _text_age(age_bounds, text)
    )
    return Normalised(
        age=age,
        age_bounds=age_bounds,
        labs=labs,
        windows=windows,
        scores=scores,
        warnings=_warnings(more),
    )
