"""Performance-score bounds: ECOG, Karnofsky, Lansky, WHO performance status."""

from __future__ import annotations

import re

from ._common import (
    CMP,
    Anchor,
    Locator,
    Taken,
    comparator_after,
    comparator_of,
    finditer_at,
    near,
    with_digits,
)
from .models import Comparator, ScoreThreshold

__all__ = ["find_scores"]

_SCALES = {
    "ecog": "ECOG",
    "eastern cooperative oncology group": "ECOG",
    "zubrod": "ECOG",
    "who": "WHO",
    "karnofsky": "Karnofsky",
    "kps": "Karnofsky",
    "lansky": "Lansky",
    # "Cancer and Leukemia Group B (CALGB) performance status less than or equal to 2" (Chia
    # NCT00312429): the same grades as ECOG
    "calgb": "ECOG",
    "cancer and leukemia group b": "ECOG",
    # a performance status that names no scale: "Performance Status < 2" (LCT NCT03861676),
    # "Performance status 0-2" (Chia NCT01491763)
    "performance status": "performance status",
}
_SCALE = (
    # "WHO" only in capitals: "who is = 18" (Chia NCT02062489) is not a scale
    r"(?<![^\W\d_])(?P<scale>ECOG|Eastern\s+Cooperative\s+Oncology\s+Group|Zubrod|CALGB"
    r"|Cancer\s+and\s+Leukemia\s+Group\s+B|(?-i:WHO)|Karnofsky|KPS|Lansky|(?-i:[Pp])erformance\s+status)"
    # "Karnofsky/Lansky score 50 or greater" (Chia NCT01205334)
    # "ECOG (Easthern Cooperative Oncology Group) > = 4" (LCT NCT03921502): the name in full
    r"(?:\s*/\s*(?:Lansky|Karnofsky|ECOG|WHO|Zubrod))?"
    # in full-width or square brackets too: "Eastern Cooperative Oncology Group（ECOG）Performance
    # Status（PS）:0-2" (v2 NCT04007835), "Eastern Cooperative Oncology Group [ECOG] 0-1" (LCT
    # NCT03927456)
    r"(?:\s*[(（\[](?P<named>[A-Z]{2,5}|(?-i:[A-Z])[a-z]+(?:\s+[a-z]+){0,5})[)）\]])?"
    # what may stand between the scale and its value: "ECOG behavior status score" (NCT03873311),
    # "ECOG standard score" (NCT06029816), "The patients' ECOG scores are =0-2" (Chia NCT02062489),
    # "The ECOG score of performance status is 0-1" (LCT NCT03866499), "ECOG health rating (PS):
    # 0-1" (Chia NCT02466113), "Karnofsky performance score of 60 or higher" (Chia NCT00625742)
    # "Karnofsky performance index >70%" (v2), "ECOG performance status grade of 0, 1, or 2" (v2
    # NCT04811560), "ECOG physical status score is 0 or 1" (v2 NCT04870190)
    r"(?:\s*(?:performance|play|behaviou?r|standard|health|physical|status|scales?|scores?|index|grade"
    r"|rating|PS|of|is|are|must\s+be|should\s+be|[(（\[]\w{2,5}[)）\]])(?![\w-])){0,6}\s*:?\s*"
)
# "ECOG 0-1", "ECOG performance status of 0 or 1", "ECOG 0, 1 or 2"
_LIST = re.compile(
    _SCALE
    # the last of "0, 1, or 2", "0, 1 or 2", "0-1", "0 to 2" is the high end
    + r"=?\s*(?P<low>\d{1,3})\s*%?(?:\s*(?:,\s*or|,|or|-|–|to)\s*(?P<high>\d{1,3})\b)+",
    re.IGNORECASE,
)
# "ECOG ≤ 2", "Karnofsky ≥ 70%", "Lansky score of at least 50"
_BOUND = re.compile(_SCALE + CMP + r"\s*(?P<num>\d{1,3})(?!\s*(?:-|–|to)\s*\d)\s*%?", re.IGNORECASE)
# the comparator after the value: "Karnofsky performance score of 60 or higher" (Chia NCT00625742)
_AFTER = re.compile(
    _SCALE
    + r"(?P<num>\d{1,3})\s*%?\s+(?:or|and)\s+(?P<dir>higher|greater|more|better|above|lower|less|below|worse)\b",
    re.IGNORECASE,
)
# "ECOG performance status 0" (a single value)
_SINGLE = re.compile(_SCALE + r"(?P<num>\d{1,3})\b(?!\s*(?:-|–|to|or|,|%))", re.IGNORECASE)


# every pattern below starts with the name of a scale: only the text after one is searched
# "WHO" only in capitals, as `_SCALE` reads it: "who" starts many clauses
_ANCHOR = Anchor(
    "ECOG",
    "Eastern",
    "Zubrod",
    "CALGB",
    "Cancer",
    "Karnofsky",
    "KPS",
    "Lansky",
    "performance",
    # the character before "WHO" checked after it: a literal first lets the engine skip fast
    also=re.compile(r"WHO(?<![^\W\d_]WHO)"),
)


# the Kelvin sign, which `re.IGNORECASE` takes for a "K" ("Karnofsky", "KPS") and the anchor
# (its first letters checked on the text) does not
_KELVIN = "\u212a"


def _starts(text: str, spans: list[tuple[int, int]]) -> list[int]:
    """Where a scale's name can start: at an anchor word ("WHO" included), or at a Kelvin sign."""
    starts = [start for start, _ in spans]
    if _KELVIN in text:
        starts = sorted({*starts, *(m.start() for m in re.finditer(_KELVIN, text))})
    return starts


def _scale_of(match: re.Match[str]) -> str:
    """The scale a match names: a performance status named alone takes the scale in brackets
    after it ("performance status (ECOG) ≤ 1", hand-made)."""
    scale = match["scale"]
    named = match["named"]
    if named is not None and named.lower() in _SCALES and scale.lower() == "performance status":
        return named
    return scale


def find_scores(text: str, where: Locator) -> list[ScoreThreshold]:
    """Every performance-score bound the text states, in text order."""
    names = _ANCHOR.spans(text)
    ranges = with_digits(text, near(names, text, 0, 160))
    # every pattern starts with the name of a scale: tried only where one can start
    starts = _starts(text, names) if ranges else []
    found: list[ScoreThreshold] = []
    spans = Taken()

    def add(scale: str, comparator: Comparator, value: float, start: int, end: int) -> None:
        side, _ = where.at(start)
        found.append(
            ScoreThreshold.found(
                scale=_SCALES[" ".join(scale.lower().split())],
                comparator=comparator,
                value=value,
                text=text[start:end],
                span=(start, end),
                side=side,
            )
        )
        spans.add(start, end)

    for match in finditer_at(_BOUND, text, ranges, starts):
        add(_scale_of(match), comparator_of(match["cmp"]), float(match["num"]), *match.span())
    for match in finditer_at(_AFTER, text, ranges, starts):
        if spans.free(*match.span()):
            add(_scale_of(match), comparator_after(match["dir"]), float(match["num"]), *match.span())
    for match in finditer_at(_LIST, text, ranges, starts):
        if not spans.free(*match.span()):
            continue
        low, high = float(match["low"]), float(match["high"])
        # a list of ECOG grades bounds from above; a Karnofsky range from below
        scale = _scale_of(match)
        if scale.lower() in ("karnofsky", "kps", "lansky"):
            add(scale, ">=", min(low, high), *match.span())
        else:
            add(scale, "<=", max(low, high), *match.span())
    for match in finditer_at(_SINGLE, text, ranges, starts):
        if not spans.free(*match.span()):
            continue
        add(_scale_of(match), "=", float(match["num"]), *match.span())
    found.sort(key=lambda score: score.span)
    return found
