"""Lab thresholds: analyte, comparator, value, unit, canonical SI value, multiples of the ULN."""

from __future__ import annotations

import re

from ._common import CMP, NUM, Locator, anchor, comparator_after, comparator_of, number_of
from .data import ANALYTES, NUMBER_WORDS
from .models import Comparator, LabThreshold
from .units import canonical, normalise_unit

__all__ = ["find_labs"]

_ALIASES = sorted(
    ((alias, key) for key, aliases in ANALYTES.items() for alias in aliases),
    key=lambda pair: -len(pair[0]),
)
_ALIAS_KEY = dict(_ALIASES)
_ANALYTE = re.compile(r"(?<![\w-])" + anchor(*(alias for alias, _ in _ALIASES)).pattern + r"(?!\w)")
_WORD_NUMBERS = "|".join(sorted((re.escape(w) for w in NUMBER_WORDS), key=len, reverse=True))
# "> 3 × ULN", "≤ 2.5 x ULN", "more than 3 times the upper limit of normal",
# "more than two times higher than the upper limit of normal" (seed NCT06352281)
# the sign may be missing ("ALT and AST < 2.5 ULN", LCT NCT03868852; "bilirubin ≤1.5 ULN",
# NCT04946890); "times normal upper limit" (LCT NCT03868852), "upper limits of normal (ULN)"
# (NCT03830164), "the upper limit of the norm" (NCT04346355), "the upper normal range" (NCT04344951)
_ULN = re.compile(
    rf"(?:{CMP}\s*)?(?P<num>\d+(?:\.\d+)?|{_WORD_NUMBERS})\s*(?:-\s*)?(?:(?:x|×|\*|times|fold|-fold)\s*)?"
    r"(?:(?:higher|greater|above)\s+than\s+)?(?:the\s+)?(?:institutional\s+)?"
    r"(?:ULN|IULN|upper\s+limits?\s+of\s+(?:the\s+)?norm(?:al)?(?:\s+range)?|upper\s+normal\s+range"
    r"|(?:upper\s+)?normal\s+limit|normal\s+upper\s+limit|NL)(?!\w)",
    re.IGNORECASE,
)
_UNIT = (
    r"(?P<unit>(?:x|×)\s*10\s*(?:\^|e)?\s*(?:9|⁹|12)\s*/\s*l|(?:x|×)\s*109\s*/\s*l|10\^9\s*/\s*l|109\s*/\s*l"
    r"|cells\s*/\s*(?:mm3|mm³|µl|ul)|/\s*(?:mm3|mm³|µl|μl|ul|mcl)|g\s*/\s*dl|gm\s*/\s*dl|mg\s*/\s*dl|g\s*/\s*l"
    r"|(?:µ|μ|u)mol\s*/\s*l|mmol\s*/\s*mol|mmol\s*/\s*l|ml\s*/\s*min\s*/\s*1\.73\s*m\^?(?:2|²)|ml\s*/\s*min|%|i?u\s*/\s*l"
    r"|ng\s*/\s*(?:ml|dl)|nmol\s*/\s*l|kg\s*/\s*m(?:2|²)|pg\s*/\s*ml|(?:m|µ|μ|u)iu\s*/\s*ml"
    r"|copies\s*/\s*ml|mg\s*/\s*l|fl\b)"
)
# a number followed by a time unit is a time window, not a lab value ("HbA1c value less than or
# equal to 12 weeks prior", LCT NCT03862690)
_VALUE = re.compile(
    rf"{CMP}\s*{NUM}(?!\s*(?:hours?|days?|weeks?|months?|years?)\b)\s*{_UNIT}?", re.IGNORECASE
)
# the comparator after the value: "Hemoglobin 9 g/dL or higher", "platelets 100,000/mm3 or more"
_VALUE_AFTER = re.compile(
    rf"{NUM}\s*{_UNIT}?\s+(?:or|and)\s+"
    r"(?P<dir>higher|greater|more|above|over|lower|less|fewer|below|under)\b(?!\s+than)",
    re.IGNORECASE,
)
# "ALT and AST ≤ 2.5 × ULN", "SGOT or SGPT less than 2.5 x NL": an analyte joined to the next by
# a connector shares the next one's thresholds (NCT02795884, NCT01987596)
_SHARED = re.compile(
    r"\)?\s*(?:\([^()]{1,40}\)\s*)?(?:,|/|and|or|and/or|&)\s*(?:serum\s+)?", re.IGNORECASE
)
# "Aspartate aminotransferase (AST)": the abbreviation in brackets is the same mention
_ABBREVIATION = re.compile(r"\s*\(")
_RANGE = re.compile(
    rf"between\s+(?P<low>\d+(?:\.\d+)?)\s*(?P<lowunit>%|mg\s*/\s*dl|g\s*/\s*dl)?\s*and\s+(?P<high>\d+(?:\.\d+)?)\s*{_UNIT}?",
    re.IGNORECASE,
)
# how far after the analyte a threshold may stand, and where a clause ends
_REACH = 90
_CLAUSE_END = re.compile(r";|\n|\.\s|\.$")


def _threshold_window(text: str, start: int, limit: int) -> int:
    end = min(len(text), start + _REACH, limit)
    stop = _CLAUSE_END.search(text, start, end)
    return stop.start() if stop else end


def find_labs(text: str, where: Locator) -> list[LabThreshold]:
    """Every numeric bound on a lab value the text states, in text order."""
    mentions = list(_ANALYTE.finditer(text))
    found: list[LabThreshold] = []
    waiting: list[re.Match[str]] = []
    for position, mention in enumerate(mentions):
        following = mentions[position + 1].start() if position + 1 < len(mentions) else len(text)
        own = _thresholds(text, where, mention, following)
        found.extend(own)
        gap = text[mention.end() : following]
        if own:
            found.extend(_shared(text, where, waiting, own))
            waiting = []
        elif following < len(text) and _SHARED.fullmatch(gap):
            waiting.append(mention)
        elif not (following < len(text) and _ABBREVIATION.fullmatch(gap)):
            waiting = []
    found.sort(key=lambda threshold: threshold.span[0])
    return found


def _shared(
    text: str, where: Locator, waiting: list[re.Match[str]], own: list[LabThreshold]
) -> list[LabThreshold]:
    """Copies of `own` for the analytes waiting on them ("ALT and AST ≤ 2.5 × ULN")."""
    copies: list[LabThreshold] = []
    seen = {threshold.analyte for threshold in own}
    for mention in waiting:
        analyte = _ALIAS_KEY[mention[0].lower()]
        if analyte in seen:
            continue
        seen.add(analyte)
        side, index = where.at(mention.start())
        for threshold in own:
            end = threshold.span[1]
            copies.append(
                threshold.model_copy(
                    update={
                        "analyte": analyte,
                        "analyte_text": mention[0],
                        "side": side,
                        "criterion_index": index,
                        "span": (mention.start(), end),
                        "text": text[mention.start() : end],
                    }
                )
            )
    return copies


def _thresholds(
    text: str, where: Locator, mention: re.Match[str], following: int
) -> list[LabThreshold]:
    """The thresholds stated after one analyte mention, up to the next or the clause end."""
    found: list[LabThreshold] = []
    analyte_text = mention[0]
    analyte = _ALIAS_KEY[analyte_text.lower()]
    window_end = _threshold_window(text, mention.end(), following)
    side, index = where.at(mention.start())
    taken: list[tuple[int, int]] = []

    def add(comparator: Comparator, value: float, unit: str | None, end: int) -> None:
        if unit == "ULN":
            canonical_value, canonical_unit, multiple = None, None, value
        else:
            (canonical_value, canonical_unit), multiple = canonical(value, unit, analyte), None
        found.append(
            LabThreshold(
                analyte=analyte,
                analyte_text=analyte_text,
                comparator=comparator,
                value=value,
                unit=unit,
                canonical_value=canonical_value,
                canonical_unit=canonical_unit,
                uln_multiple=multiple,
                side=side,
                criterion_index=index,
                span=(mention.start(), end),
                text=text[mention.start() : end],
            )
        )

    for match in _ULN.finditer(text, mention.end(), window_end):
        cmp = match["cmp"]
        add(comparator_of(cmp) if cmp else "<=", number_of(match["num"]), "ULN", match.end())
        taken.append(match.span())
    for match in _RANGE.finditer(text, mention.end(), window_end):
        written = match["unit"] or match["lowunit"]
        unit = normalise_unit(written) if written else None
        add(">=", float(match["low"]), unit, match.end())
        add("<=", float(match["high"]), unit, match.end())
        taken.append(match.span())
    for match in _VALUE.finditer(text, mention.end(), window_end):
        if any(s <= match.start() < e for s, e in taken):
            continue
        unit = normalise_unit(match["unit"]) if match["unit"] else None
        add(comparator_of(match["cmp"]), number_of(match["num"]), unit, match.end())
        taken.append(match.span())
    for match in _VALUE_AFTER.finditer(text, mention.end(), window_end):
        if not all(match.end() <= s or match.start() >= e for s, e in taken):
            continue
        unit = normalise_unit(match["unit"]) if match["unit"] else None
        add(comparator_after(match["dir"]), number_of(match["num"]), unit, match.end())
    return found
