"""Time windows: "within 4 weeks", "> 12 months", "at least 2 weeks prior", "in the past 3 months"."""

from __future__ import annotations

import re

from ._common import (
    CMP,
    CMP_AHEAD,
    CMP_FIRSTS,
    CMP_FOLDED,
    CMP_START,
    DIGIT,
    UNIT_WORDS,
    Locator,
    Taken,
    _trie,
    anchor,
    anchor_words,
    before_each,
    comparator_after,
    comparator_of,
    finditer_before,
    finditer_in,
    folded,
    near,
    number_of,
)
from .ages import past_own_age
from .data import DAYS_PER_UNIT, MULTIPLE_WORDS, NUMBER_WORDS
from .models import Comparator, TimeWindow

__all__ = ["find_windows"]

# "2-hr oral glucose tolerance test", "> 1 min", "12 wks" as criteria abbreviate them
# "within the first 24h" (LCT NCT03923439), "over prior 3-mo" (LCT NCT03860584), "reduced salivary
# flow (>60 sec)" (LCT NCT03927794): "h", "mo" and "sec" only right after the number, in lower case
# ("Stage 2 H. pylori" is no window); "5 h-1" is a rate (Chia NCT02557412)
_UNIT = (
    r"(?P<unit>hours?|hrs?|days?|weeks?|wks?|months?|years?|yrs?|minutes?|mins?|seconds?|secs?"
    # a character that is no letter must follow: a search range that ends after "3 h" of "Grade 3
    # hyperbilirubinemia" (Chia NCT02510404) cannot read a window there
    r"|(?:(?<=\d)|(?<=\d[\s-]))(?-i:h|mo)(?=[^a-zA-Z]))(?![a-z]|-1\b)"
)
_UNITS = {
    "hr": "hour",
    "h": "hour",
    "min": "minute",
    "wk": "week",
    "yr": "year",
    "mo": "month",
    "sec": "second",
}
# "within 6 calendar week" (LCT NCT03927339)
_ADJ = r"(?:(?:calendar|consecutive|successive|complete|completed|full)\s+)?"
# numbers in words: "within the previous six months" (Chia NCT01214096)
# as a prefix tree: one branch per letter, not one alternative per word at each position
_COUNT_WORDS = [word for word in NUMBER_WORDS if word not in MULTIPLE_WORDS]
_WORDS = _trie(_COUNT_WORDS)
_N = rf"(?P<num>\d{{1,4}}(?:\.\d+)?|\b(?:{_WORDS})\b)"
# "within 2 weeks", "in the 4 weeks prior", "in the past 3 months", "during the last 6 months"
# "Antibiotic treatment the prior 3 months" (LCT NCT03863730), "in the next 12 months" (LCT
# NCT03924414), "within recent 6 months" (Chia NCT03231982), "during the 48 hours preceding"
_WITHIN_OPENING = (
    r"(?:within(?:\s+the)?(?:\s+(?:past|last|previous|preceding|recent|prior|next|first))?"
    r"|(?:in|during|over)\s+the(?:\s+(?:past|last|previous|preceding|prior|next|first|recent|following))?"
    r"|(?:the\s+)?(?:past|last|previous|preceding|prior|next|recent))"
)
# a count of half-lives offered first, the time after "or" bounded as the opening says: "at least
# 5 drug half-lives or 21 days (whichever is shorter)" (v2 NCT04870190), "within 5 half-lives or
# 28 days" (hand-made)
_HALF_LIVES_OR = r"(?:\d{1,3}\s*(?:drug\s+)?half[- ]?li(?:ves|fe)\s*,?\s*or\s+)?"
_WITHIN = re.compile(
    # "within the 6 previous months" (LCT NCT03928561)
    rf"\b{_WITHIN_OPENING}\s+{_HALF_LIVES_OR}{_N}\s*-?\s*{_ADJ}"
    rf"(?:(?:previous|past|last)\s+)?{_UNIT}",
    re.IGNORECASE,
)
# "cycles lasting from 8 to 12 weeks" (LCT NCT03862235), "in next 12-24 months" (Chia
# NCT02488057), "between 11 and 42 weeks of amenorrhea" (LCT NCT03860103): one window per end
_RANGE = re.compile(
    # the first digit first (the lookbehind after it): the engine skips to the next digit at once
    rf"(?P<low>\d(?<![\w.,]\d)\d{{0,3}}(?:\.\d+)?)\s*(?:-|–|to|and)\s*(?P<num>\d{{1,4}}(?:\.\d+)?)\s*-?\s*{_UNIT}",
    re.IGNORECASE,
)
# a stated duration: "for a period of 24 weeks" (LCT NCT03867890), "a 2-year history" (LCT
# NCT03861559), "for 2 weeks" (LCT NCT03924076), "hospitalization for 72 hours" (Chia NCT02548013)
# "forced expiratory volume in 1 second (FEV1)" (Chia NCT01313676) names a measure, not a window
# a number after "+" is no duration of its own: "37+0 - 42+0 weeks of gestation" (weeks and days,
# Chia NCT01720394), a "7+3 days" regimen
_STATED = re.compile(
    rf"(?<![\w.,+])(?<!volume\sin\s)(?<!flow\sin\s){_N}\s*-?\s*{_UNIT}", re.IGNORECASE
)
# "> 12 months", "at least 2 weeks", "more than 6 months"
_COMPARED = re.compile(
    rf"{CMP_START}{CMP}\s*{_HALF_LIVES_OR}{_N}\s*{_UNIT}(?!\s+(?:of\s+age|old))", re.IGNORECASE
)
# a comparator in words after the duration: "ED 6 months or longer" (v2 NCT00681772), "2 years or
# more postprostatectomy" (v2 NCT02344849)
_OR_AFTER = re.compile(
    r"\s+or\s+(?P<dir>more|longer|greater|over|above|less|shorter|fewer|under|below)\b(?!\s+than)",
    re.IGNORECASE,
)
# "30 days prior to the date of randomization" (Chia NCT00391690): a window up to that event
_PRIOR = re.compile(rf"\b{_N}\s*{_UNIT}\s+(?:prior\s+to|before)\b", re.IGNORECASE)
# where the patterns can start in the folded text (`finditer_from`): `_WITHIN` at its opening
# words, then a number; `_PRIOR` and `_STATED` at a number, in digits or in words, where a word
# starts or no word, point or comma stands before it; `_PRIOR` needs "prior" or "before"
_STARTS_WITHIN = re.compile(rf"[dilnoprtw](?<!\w.)(?<=(?={_WITHIN_OPENING}\s+(?:\d|{_WORDS})).)")
_NUMBER_FIRSTS = "".join(sorted({word[0] for word in _COUNT_WORDS}))
# (a number, then a unit of time: its words in lower case, "h" and "mo" whatever the case)
_NUMBER_UNIT = (
    rf"(?:\d{{1,4}}(?:\.\d+)?|{_WORDS})\s*-?\s*"
    r"(?:hours?|hrs?|days?|weeks?|wks?|months?|years?|yrs?|minutes?|mins?|seconds?|secs?|h|mo)"
)
_STARTS_NUMBER = re.compile(rf"[\d{_NUMBER_FIRSTS}](?<!\w.)(?<=(?={_NUMBER_UNIT}).)")
_STARTS_NUMBER_ALONE = re.compile(rf"[\d{_NUMBER_FIRSTS}](?<![\w.,+].)(?<=(?={_NUMBER_UNIT}).)")
_NEEDS_PRIOR = ("prior", "before")
# `_COMPARED` where a comparator, then a number, starts
_STARTS_COMPARED = re.compile(
    rf"[{CMP_FIRSTS}](?<=(?={CMP_AHEAD}).)(?<=(?=(?:{CMP_FOLDED})\s*(?:\d|{_WORDS})).)"
)
# its first letters looked ahead for first: the engine skips other positions at once
_AGE_CONTEXT = re.compile(
    r"(?=[ayo])(?:\bage[sd]?\b|years?\s+old|of\s+age|\bolder\b|\byounger\b)", re.IGNORECASE
)


# where the clause of a window ends after it: "partner for more than 6 months; 2. age≥20 year"
# (v2 NCT02573805), "for at least 3 month * Age ranging between 35-65" (v2 NCT00498680)
_CLAUSE_AFTER = re.compile(r"[\n;•]|\.\s|\s\*\s")


def _near_age(text: str, start: int, end: int) -> bool:
    """Whether age words stand within 12 characters of a window in its clause, not counting
    those of a number before it: "at least 21 years of age for at least 6 months prior to" (v2
    NCT00644631)."""
    if _AGE_CONTEXT.search(text, max(0, start - 12), end + 12) is None:
        return False
    stop = _CLAUSE_AFTER.search(text, end, end + 12)
    return (
        _AGE_CONTEXT.search(text, past_own_age(text, start, 12), stop.start() if stop else end + 12)
        is not None
    )


# every pattern below needs a unit of time: only the text around one is searched
_WORD_ANCHOR = anchor(*UNIT_WORDS).pattern
# "24h", "3-mo": a unit of one or two letters only right after a number; the first-letter
# lookahead stays in front so other positions are still skipped at once
_FIRSTS, _, _WORDS_AT = _WORD_ANCHOR.partition("(?<![^\\W\\d_])")
_ANCHOR = re.compile(
    rf"{_FIRSTS}(?:(?<![^\W\d_]){_WORDS_AT}|(?<=\d)(?:h|mo)(?![a-z])|(?<=\d[\s-])(?:h|mo)(?![a-z]))"
)
# where `_ANCHOR` can match in the folded text: a unit's word where a word starts, or "h" or "mo"
# after a number (a lookahead from the first letter, the engine skipping to it)
_STARTS_ANCHOR = re.compile(
    r"[dhmswy](?<=(?=(?:(?<![^\W\d_])(?:hour|hr|day|week|wk|month|year|yr|minute|min|sec)"
    r"|(?<=\d)(?:h|mo)|(?<=\d[\s-])(?:h|mo))).)"
)


def _window(
    comparator: Comparator, value: float, unit: str, start: int, end: int, text: str, where: Locator
) -> TimeWindow:
    base = unit.casefold().rstrip("s")
    base = _UNITS.get(base, base)
    side, _ = where.at(start)
    return TimeWindow.found(
        comparator=comparator,
        value=value,
        unit=base + "s",
        days=round(value * DAYS_PER_UNIT[base], 4),
        text=text[start:end],
        span=(start, end),
        side=side,
    )


# how far before its unit of time a window opens, at most: as far as the ranges searched reach
# before one ("during the following 2 consecutive weeks" is 34 characters)
_LEAD = 60
# the long s, which `re.IGNORECASE` takes for an "s" ("5 ſec") and the anchor (its first letters
# checked on the text) does not
_LONG_S = "ſ"


_UNIT_WORDS = frozenset(UNIT_WORDS)
# `_ANCHOR`'s "h" and "mo" after a number, found from their letters (a literal first, which the
# engine skips to)
_SHORT_UNITS = (
    re.compile(r"h(?:(?<=\dh)|(?<=\d[\s-]h))(?![a-z])"),
    re.compile(r"mo(?:(?<=\dmo)|(?<=\d[\s-]mo))(?![a-z])"),
)


def unit_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each match of `_ANCHOR` in `text`, in text order: its words found with
    the age words (`anchor_words`), then "h" and "mo" (a word and one of those never overlap;
    at one start, the word is the match)."""
    spans = [(start, end) for start, end, word in anchor_words(text) if word in _UNIT_WORDS]
    short = [match.span() for pattern in _SHORT_UNITS for match in pattern.finditer(text)]
    if not short:
        return spans
    starts = {start for start, _ in spans}
    return sorted(spans + [span for span in short if span[0] not in starts])


def searched(text: str) -> tuple[list[tuple[int, int]], list[tuple[int, int, int]]]:
    """The ranges searched for windows (around each unit of time), and where in them a window
    that opens before its unit can start (`before_each` of the units)."""
    units = unit_spans(text)
    ranges = near(units, text, 60, 40)
    if _LONG_S in text:
        units = sorted(units + [(m.start(), m.start() + 3) for m in re.finditer(_LONG_S, text)])
    return ranges, before_each(units, _LEAD)


def find_windows(text: str, where: Locator, taken: list[tuple[int, int]]) -> list[TimeWindow]:
    """Every time window the text states, in text order; spans in `taken` (ages) are skipped."""
    lowered = folded(text)
    ranges, groups = searched(text)
    found: list[TimeWindow] = []
    spans = Taken(taken)

    def add(
        match: re.Match[str],
        comparator: Comparator,
        number: str | None = None,
        end: int | None = None,
    ) -> None:
        start = match.start()
        end = match.end() if end is None else end
        value = number_of(number or match["num"])
        found.append(_window(comparator, value, match["unit"], start, end, text, where))
        spans.add(start, end)

    for match in finditer_before(_WITHIN, text, lowered, ranges, _STARTS_WITHIN, groups):
        if spans.free(*match.span()):
            add(match, "<=")
    for match in finditer_before(_COMPARED, text, lowered, ranges, _STARTS_COMPARED, groups):
        start, end = match.span()
        if spans.free(start, end) and not _near_age(text, start, end):
            add(match, comparator_of(match["cmp"]))
    for match in finditer_before(
        _PRIOR, text, lowered, ranges, _STARTS_NUMBER, groups, _NEEDS_PRIOR
    ):
        if spans.free(*match.span()):
            add(match, "<=")
    for match in finditer_in(_RANGE, text, ranges, DIGIT):
        start, end = match.span()
        if (
            spans.free(start, end)
            and float(match["low"]) < float(match["num"])
            and not _near_age(text, start, end)
        ):
            add(match, ">=", match["low"])
            add(match, "<=")
    for match in finditer_before(_STATED, text, lowered, ranges, _STARTS_NUMBER_ALONE, groups):
        start, end = match.span()
        if spans.free(start, end) and not _near_age(text, start, end):
            after = _OR_AFTER.match(text, end)
            if after is None:
                add(match, "=")
            else:
                add(match, comparator_after(after["dir"]), end=after.end())
    found.sort(key=lambda window: window.span)
    return found
