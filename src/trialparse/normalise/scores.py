"""Performance-score bounds: ECOG, Karnofsky, Lansky, WHO performance status."""

from __future__ import annotations

import re

from ._common import CMP, Locator, Taken, anchor, comparator_of, finditer_in, near
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
}
_SCALE = (
    # "WHO" only in capitals: "who is = 18" (Chia NCT02062489) is not a scale
    r"(?<![^\W\d_])(?P<scale>ECOG|Eastern\s+Cooperative\s+Oncology\s+Group|Zubrod|(?-i:WHO)|Karnofsky|KPS|Lansky)"
    r"(?:\s*\([A-Z]{2,5}\))?"
    # "ECOG behavior status score" (NCT03873311), "ECOG standard score" (NCT06029816)
    r"(?:\s+(?:performance|play|behaviou?r|standard)(?:\s+(?:status|scale|score))?(?:\s*\(\w{2,4}\))?)?(?:\s+(?:scores?|scales?|status|PS))?"
    # "The patients' ECOG scores are =0-2" (Chia NCT02062489)
    r"(?:\s+(?:of|is|are|must\s+be|should\s+be))?\s*:?\s*"
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
# "ECOG performance status 0" (a single value)
_SINGLE = re.compile(_SCALE + r"(?P<num>\d{1,3})\b(?!\s*(?:-|–|to|or|,|%))", re.IGNORECASE)


# every pattern below starts with the name of a scale: only the text after one is searched
# "WHO" only in capitals, as `_SCALE` reads it: "who" starts many clauses
_ANCHOR = re.compile(
    "(?=[EeZzKkLlW])(?:"
    + anchor("ECOG", "Eastern", "Zubrod", "Karnofsky", "KPS", "Lansky").pattern
    + r"|(?<![^\W\d_])WHO)"
)


def find_scores(text: str, where: Locator) -> list[ScoreThreshold]:
    """Every performance-score bound the text states, in text order."""
    ranges = near(_ANCHOR, text, 0, 160)
    found: list[ScoreThreshold] = []
    spans = Taken()

    def add(scale: str, comparator: Comparator, value: float, start: int, end: int) -> None:
        side, _ = where.at(start)
        found.append(
            # the fields are built here with their types: no validation per value (5% of the time)
            ScoreThreshold.model_construct(
                scale=_SCALES[" ".join(scale.lower().split())],
                comparator=comparator,
                value=value,
                text=text[start:end],
                span=(start, end),
                side=side,
            )
        )
        spans.add(start, end)

    for match in finditer_in(_BOUND, text, ranges):
        add(match["scale"], comparator_of(match["cmp"]), float(match["num"]), *match.span())
    for match in finditer_in(_LIST, text, ranges):
        if not spans.free(*match.span()):
            continue
        low, high = float(match["low"]), float(match["high"])
        # a list of ECOG grades bounds from above; a Karnofsky range from below
        if match["scale"].lower() in ("karnofsky", "kps", "lansky"):
            add(match["scale"], ">=", min(low, high), *match.span())
        else:
            add(match["scale"], "<=", max(low, high), *match.span())
    for match in finditer_in(_SINGLE, text, ranges):
        if not spans.free(*match.span()):
            continue
        add(match["scale"], "=", float(match["num"]), *match.span())
    found.sort(key=lambda score: score.span)
    return found
