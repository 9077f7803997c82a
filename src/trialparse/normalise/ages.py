"""Age bounds stated in criteria text: "aged 8-75", "≥ 18 years old", "18 years or older"."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ._common import (
    AGE_WORDS,
    CMP,
    CMP_AHEAD,
    CMP_FIRSTS,
    CMP_FOLDED,
    CMP_START,
    DIGIT,
    Anchor,
    Locator,
    Taken,
    _trie,
    anchor_words,
    comparator_after,
    comparator_of,
    finditer_from,
    finditer_in,
    folded,
    near,
    with_digits,
)
from .data import DAYS_PER_UNIT
from .models import AgeBound, Comparator

__all__ = ["find_age_bounds"]

# "Age of＜18y or＞75y" (Chia): "y" alone, not followed by a letter
_UNIT = r"(?P<unit>years?|yrs?|y(?![a-z])|months?|weeks?|days?)"
_N = r"\d{1,3}(?:\.\d+)?"
# the same number where a word starts (`\b` before it) or where no word, point or comma stands
# before it: the first digit comes first, so the regex engine skips to the next digit at once
# rather than trying the pattern at every position
_N_AT_WORD = r"\d(?<!\w\d)\d{0,2}(?:\.\d+)?"
_N_ALONE = r"\d(?<![\w.,]\d)\d{0,2}(?:\.\d+)?"
_RANGE = re.compile(
    # "Age: 10-18 years", "Age (20-50)", "Age 8yr-18yrs" (LCT, Chia)
    rf"\b(?:aged?|ages?|between|from)\s*[:(]?\s*(?:of\s+|between\s+|from\s+)?(?P<low>{_N})\s*(?:years?|yrs?|months?|weeks?|days?)?\s*"
    rf"(?:-|–|—|to|and)\s*(?P<high>{_N})\s*(?P<unit2>years?|yrs?|months?|weeks?|days?)?"
    r"(?:\s+(?:years?\s+)?(?:of\s+age|old))?",
    re.IGNORECASE,
)
# one range grammar: a comparator may open either end, units may stand on either end, the ends
# are joined by "-", "~", "to", "and" or "through": "≥ 3 and ≤ 18 years of age" (LCT
# NCT03868852), "≥ 12 to < 18 years of age" (LCT NCT03921411), "aged 19~45 years" (LCT
# NCT03864432), "between 20 years old and 65 years old" (LCT NCT03863925), "aged between 18- and
# 65-years" (LCT NCT03861312), "Age: >=40 and <=80 years of age" (Chia NCT01313676)
# "aged = 18 to = 60 years" (Chia NCT02564471): "=" is a sign that lost its "≥" or "≤"; "Aged 5
# years to less than 12 years" (Chia NCT02502734)
_LOW = r"\\?(?:>=|=>|>/=|≥|⩾|>|＞|˃|=)"
# "Patients 11 to no older than 17 years of age" (LCT NCT03869606): a negated comparator after
# "to" only ("at least 18 years and not more than 45 years" is two bounds, each with its own)
_HIGH = (
    r"\\?(?:<=|=<|</=|≤|⩽|<|＜|˂|=)|less\s+than|younger\s+than"
    r"|(?<=to\s)(?:no|not)\s+(?:older|more)\s+than"
)
# "Infant is 12-36 hours of age" (LCT NCT03927833)
_AGE_UNIT = r"years?|yrs?|months?|weeks?|days?|hours?"
_ANY_RANGE = re.compile(
    rf"(?<![\w.,])(?:(?P<c1>{_LOW})\s*)?(?P<low>{_N})(?:\s*-?\s*(?P<lowunit>{_AGE_UNIT}))?(?:\s*-?\s*old)?\s*"
    rf"(?:-\s*(?:and|to)|-|–|—|~|to|and|through)\s*(?:(?P<c2>{_HIGH})\s*)?(?P<high>{_N})(?![.,]?\d)"
    rf"(?:\s*-?\s*(?P<unit>{_AGE_UNIT}|y(?![a-z])))?(?:\s*-?\s*(?:of\s+age|old))?",
    re.IGNORECASE,
)
# what makes a number with a unit an age without the word: the people it is of just before, or
# the start of a criterion ("Male or female ≥ 18 years" LCT NCT03928769, "-  18-40 years" LCT
# NCT03863431, "Adult (=18 years)" Chia NCT01801072); never a duration ("> 2 years of sports")
# the words a range's text starts with: "aged 8-75" (seed NCT06352281), "Age: 19~45"
_INTRO = re.compile(
    r"\b(?:aged?|ages?)\s*[:(]?\s*(?:(?:between|from|of)\s*)?$|\b(?:between|from)\s*$",
    re.IGNORECASE,
)
_AGE_INTRO = re.compile(r"\b(?:age[ds]?|aged)\b[^.;\n]{0,30}$", re.IGNORECASE)
_PEOPLE = re.compile(
    r"(?:\b(?:patients?|subjects?|participants?|m[ae]n|wom[ae]n|males?|females?|adults?|people"
    r"|persons?|individuals?|volunteers?|children|boys|girls|inpatients?|outpatients?)\b"
    r"[\s,(]*(?:who\s+are|must\s+be|between|from|aged?|of)?|^[\s\-*•\d.)]*(?:between|from)?)\s*$",
    re.IGNORECASE,
)
_NOT_AN_AGE = re.compile(
    r"\s*(?:of\s+(?!age)|history|duration|since|ago|after|before|prior|post|from|in\s+duration)",
    re.IGNORECASE,
)


# "serum creatinine between 0.4 and 1.7 mg/dL, based on age" (NCT00716976) is no age range
_OTHER_UNIT = re.compile(r"\s*(?:[a-zµμ]{1,5}\s*/|%|mg\b|g\b|kg\b|cm\b|mm\b)", re.IGNORECASE)


def _is_age(text: str, start: int, end: int, unit: str | None, stated: bool) -> bool:
    """Whether a number (range) with `unit` at `start`-`end` is an age: age words in its own
    clause, or a year unit after the people it is of or at the start of a criterion."""
    context = _clause_context(text, start, end)
    if stated or _AGE_CONTEXT.search(context):
        return True
    if unit is None or _NOT_AN_AGE.match(text, end):
        return False
    lead = _lead(text, start, 60, _BREAK)
    return _unit(unit) == "years" and bool(_PEOPLE.search(lead))


# "6 months to 17 years": units on both ends
_UNIT_RANGE = re.compile(
    rf"(?P<low>{_N_AT_WORD})\s*(?P<lowunit>years?|months?|weeks?|days?)\s*(?:-|–|to)\s*(?P<high>{_N})\s*"
    r"(?P<highunit>years?|months?|weeks?|days?)(?:\s+(?:of\s+age|old))?",
    re.IGNORECASE,
)
# "30-69 years of age", "40 to 65 years of age"
_OF_AGE_RANGE = re.compile(
    # "18-35-year-old" (LCT)
    rf"(?P<low>{_N_AT_WORD})\s*(?:-|–|to)\s*(?P<high>{_N})\s*-?\s*(?P<unit>years?|months?)(?:\s+|-)(?:of\s+age|old)",
    re.IGNORECASE,
)
# "≥ 18 years old", "age > 65 years", "aged at least 18 years", "gestational age < 29 weeks"
_BOUND = re.compile(
    # "Men >50-year-old" (LCT NCT03868033)
    # "Adult men and women> 18 years old" (Chia NCT03299517): a sign may follow a word
    rf"(?<!\w(?=[^<>≤≥＜＞]))(?=gestational|postmenstrual|age|of|{CMP_START})(?:(?P<gest>gestational|postmenstrual)\s+)?(?:aged?|ages?)?\s*(?:of\s*)?{CMP}\s*(?P<num>{_N})\s*-?{_UNIT}"
    r"(?:\s+(?:of\s+age|old|of\s+gestation))?",
    re.IGNORECASE,
)
# two bounds with the unit after the second: "Patients under 40 or over 60 years of age" (LCT
# NCT03929874), "<30 or >69 years old" (LCT NCT03925142), "Male or female < 18 and > 62 years of
# age" (Chia NCT02429583)
_PAIR = re.compile(
    rf"{CMP_START}(?:{CMP.replace('?P<cmp>', '?P<first>', 1)})\s*(?P<low>{_N})\s*(?:or|and|,)\s*"
    rf"{CMP}\s*(?P<num>{_N})\s*-?{_UNIT}(?:\s+(?:of\s+age|old))?",
    re.IGNORECASE,
)
# what a pair cannot do without: a number, a connector and a second comparator
# ("Subject is at least 18 and not older than 75years old", Chia NCT01803438: negated)
_JOIN = (
    r"\s*(?:or\b|and\b|,)\s*(?:(?:no|not)\s+)?"
    r"(?:\\?[<>≤≥＜＞=]|(?:over|under|above|below|more|less|greater|older|younger|at)\b)"
)
_NEEDS_PAIR = re.compile(rf"(?<=\d){_JOIN}", re.IGNORECASE)
# the digit before a match of `_NEEDS_PAIR`: searched from the digit, the engine skips to the
# next digit at once instead of trying the lookbehind at every position
_BEFORE_JOIN = re.compile(rf"\d(?={_JOIN})", re.IGNORECASE)
_PAIR_REACH = 40
# the age between its bounds: "18 <Age <80 years old" (LCT NCT03921983), "20 = Age < 80 years"
# (Chia NCT02315287)
_AROUND_AGE = re.compile(
    rf"(?P<low>{_N_ALONE})\s*(?P<c1><=|=<|≤|<|=)\s*age\s*(?P<c2><=|=<|≤|<|=)\s*(?P<high>{_N})"
    rf"(?![.,]?\d)(?:\s*{_UNIT})?(?:\s+(?:of\s+age|old))?",
    re.IGNORECASE,
)
# "18 years or older", "18 years of age or older", "65 years and over", "18 years and above"
# "Males 18 years-of-age or older" (v2 NCT00631969), "18-years-of-age or older" (v2
# NCT01347112), "Age of 18 years and beyond" (v2 NCT03204344)
_OR_OLDER = re.compile(
    rf"(?P<num>{_N_AT_WORD})\s*-?\s*{_UNIT}(?:[\s-]+of[\s-]+age|\s+old)?\s+(?:or|and)\s+(?P<dir>older|over|above|beyond|more|greater|younger|under|below|less)(?!\s+than)",
    re.IGNORECASE,
)
# the unit left out after an explicit "age": "Age ≥18" (LCT NCT03921658), "Age <18" (LCT
# NCT03868228), "aged 18 or older" (LCT NCT03865420), "Aged 18 or more" (LCT NCT03866044)
_AGE_NO_UNIT = re.compile(
    rf"\b(?:aged?|ages?)\s*[:(]?\s*(?:of\s+)?{CMP}\s*(?P<num>{_N})(?![.,]?\d|[ \t]*(?:%|[-–]|to\b|{_UNIT}))",
    re.IGNORECASE,
)
# "over the age of 18", "Patients over the age of 85 years", "under the age of 18" (LCT, Chia)
# "Under age 50" (LCT NCT03926702); "older than 18 treated for" and "younger than 18," name the
# age in the comparator (LCT NCT03927287); a labelled bound, "Minimum Age: 18 Years Maximum Age:
# 99 Years" (LCT NCT03862105)
_THE_AGE_OF = re.compile(
    # at the start of a word, as the anchor it is searched near ("aseyounger than 18" has none)
    rf"{CMP_START}(?<![^\W\d_])(?:{CMP}\s+(?:the\s+)?age(?:\s*:\s*|\s+(?:of\s+)?)|(?P<aged>(?:older|younger)\s+than)\s*)(?P<num>{_N})"
    rf"(?:\s*{_UNIT})?(?![.,]?\d|\s*(?:%|[a-z]+\s*/))",
    re.IGNORECASE,
)
# the age at an event, before or after it: "had a heart condition before the age of 50" (Chia
# NCT02443623), "Diagnosis of T2DM before the age of 60 years of age" (Chia NCT02590822)
_AT_AN_AGE = re.compile(
    rf"\b(?P<when>before|after|prior\s+to)\s+(?:the\s+)?age\s+(?:of\s+)?(?P<num>{_N})(?![.,]?\d)"
    rf"(?:\s*{_UNIT})?(?:\s+of\s+age)?",
    re.IGNORECASE,
)
_NEEDS_WHEN = ("before", "after", "prior")
# a bound joined to an age bound just before it: "age < 18 or > 60," (LCT NCT03863977),
# "<30 or >69 years old" (LCT NCT03925142)
_JOINED = re.compile(
    rf"\s*(?:or|and|,)\s*{CMP_START}{CMP}\s*(?P<num>{_N})(?![.,]?\d|\s*(?:%|[a-z]+\s*/|mg|kg|cm))",
    re.IGNORECASE,
)
# "ages 18 and older" (LCT NCT03865303), "Be 60 or older" (LCT NCT03862937), "age 60+ years"
# (LCT NCT03869918)
_AGED_OR_OLDER = re.compile(
    rf"\b(?:(?:ages?|aged?)\s+(?:of\s+)?(?P<num>{_N})\s+(?:or|and)\s+(?P<dir>older|over|above|more|younger|under|below|less)\b"
    rf"|(?P<bare>{_N})\s+or\s+(?P<bare_dir>older|younger)\b|(?:ages?|aged?)\s+(?P<plus>{_N})\s*\+(?:\s*years?)?)",
    re.IGNORECASE,
)
# the word each pattern cannot match without: a range without it is not searched
_NEEDS_AGE = ("age",)
_NEEDS_AGE_OR_OLD = ("age", "old")
# where the patterns opening with a word can start, searched in the folded text (`finditer_from`):
# the word at the start of a word, its first letter first; `_AGED_OR_OLDER` opens with "age" or
# a number
_STARTS_AGE = re.compile(r"a(?<!\w.)ge")
_STARTS_RANGE_WORD = re.compile(_trie(["age", "between", "from"], r"(?<!\w.)"))
_STARTS_AGED_OR_OLDER = re.compile(r"[a\d](?<!\w.)(?<=\d|a(?=ge))")
_NEEDS_AGED_OR_OLDER = ("age", "older", "younger")
# `_ANY_RANGE` at a sign or a number no word, point or comma stands before, up to the word or
# sign joining the ends; `_BOUND` at its words or a comparator (after no word character unless
# at a sign) up to the number; `_THE_AGE_OF` at a comparator after no letter, up to "age" or
# "than", in a range with "age" or "than": each the opening of its pattern, looked ahead from
# its first character
_STARTS_ANY_RANGE = re.compile(
    rf"[\d\\>=≥⩾＞˃](?<![\w.,].)(?<=(?=(?:(?:{_LOW})\s*)?{_N}(?:\s*-?\s*(?:{_AGE_UNIT}))?"
    r"(?:\s*-?\s*old)?\s*(?:-|–|—|~|to|and|through)).)"
)
# the first two characters of `_BOUND`: those of `CMP` and of its own words ("age", "of",
# "postmenstrual", "gestational")
_BOUND_AHEAD = rf"{CMP_AHEAD}|ag|of|po|ge"
_STARTS_BOUND = re.compile(
    rf"[p{CMP_FIRSTS}](?<!\w(?=[^<>≤≥＜＞]).)(?<=(?={_BOUND_AHEAD}).)"
    r"(?<=(?=(?:(?:gestational|postmenstrual)\s+)?"
    rf"(?:aged?|ages?)?\s*(?:of\s*)?(?:{CMP_FOLDED})\s*\d).)"
)
_STARTS_THE_AGE_OF = re.compile(
    rf"[{CMP_FIRSTS}](?<![^\W\d_].)(?<=(?={CMP_AHEAD}).)"
    rf"(?<=(?=(?:{CMP_FOLDED})\s+(?:the\s+)?age|(?:older|younger)\s+than).)"
)
_NEEDS_AGE_OR_THAN = ("age", "than")
# "Inpatient ≥18 y.o." (LCT): "y.o." is "years old"
# "age" as a word: "investigational agent or therapy <=30 days before" (Chia NCT02301962) is no age
_AGE_CONTEXT = re.compile(
    # (the first letters looked ahead for first, as each pattern below that opens with
    # alternatives, which the engine would otherwise try at every position)
    r"(?=[aoyg])(?:\bage[sd]?\b|\bold\b|\bolder\b|\byounger\b|years of age|gestation|\by\.o\.)",
    re.IGNORECASE,
)


# ages of other people: "Subject's sexual partner is < 18 years of age" (NCT01601353), "Partners
# who are <18 years of age" (NCT02503306), "Subject's parent, guardian ..." (NCT03369899)
# "immediate family members under the age of 40" (NCT04870190), "sudden death under 40 years of
# age in first-degree relatives" (NCT04811001)
_SUBJECT = re.compile(
    r"(?=[pscghwfr])\b(?P<subject>partner|parent|spouse|care\s*giver|guardian|husband|wife|sibling|father"
    r"|relative|family\s+member)s?\b",
    re.IGNORECASE,
)
_SUBJECT_AFTER = re.compile(
    r"\s*(?:of\s+age\s+)?in\s+(?:(?:first|second)-degree\s+|immediate\s+)?(?P<subject>relative|family)",
    re.IGNORECASE,
)
# an age that conditions another requirement: "above 140 mmHg if <60 years of age" (NCT02753764),
# "Lansky PS 50-100% (for patients ≤ 16 years of age)" (NCT00716976), "APE ≥ 2.5 ng/ml in younger
# than 60 years" (NCT00555087), "If 6 year of age or older and weighing" (NCT03369899), and a
# duration after "for": "angina pectoris for 6 months or less" (NCT00661115)
_CONDITION = re.compile(
    r"(?=[iwufdao])(?:\b(?:if|when|whenever|unless|whereas)\b|\b(?:for|in)(?:\s+(?:the\s+)?(?:patients?|subjects?"
    r"|participants?|those|children|adults?|women|men|females?|males?|people|individuals|persons?"
    r"|cohorts?|groups?|arms?)(?:\s+(?:who\s+are|aged?|of))?)?"
    # "Post-menopausal defined as aged more than 50 years" (NCT04811001); an age at an event:
    # "age at diagnosis ≤ 18 years" (NCT01949129), "onset of cluster headache at ≤50 years of
    # age" (NCT05064397), "first symptoms ... from ≤60 years of age" (NCT04688775)
    # "age of PH onset was less than 50 years" (v2 NCT06841627)
    r"|\bdefined\s+as|\bage\s+at\s+[\w\s-]{1,30}|\bonset\b[\w\s-]{0,40}\bat|\bfrom"
    r"|\bage\s+of\s+(?:[\w-]+\s+){0,3}?(?:onset|diagnosis)\b[\w\s-]{0,30})"
    r"[\s(]*(?:aged?\b|ages?\b)?[\s(]*$",
    re.IGNORECASE,
)
# a requirement on the people of that age, after it: "Subjects aged 18 years and older must be
# willing and able to provide written informed consent" (v2 NCT05251116), "Patients under 6 years
# old must weigh at least 10 kg" (v2 NCT05658640)
_REQUIRED_AFTER = re.compile(
    r"(?:\s+(?:of\s+age|old))?\s*,?\s+(?=[msw])(?P<required>must|should|shall|will\s+need\s+to)\b",
    re.IGNORECASE,
)
_CLAUSE_START = re.compile(r"[.;:\n*•]\s|\n")
_CLAUSE_END = re.compile(r"[.;\n]|\s\*\s")


# where a clause ends: a list item, a sentence, a line; `_CLAUSE_START` also after a colon, for
# the requirement an age conditions ("Lansky PS 50-100% (for patients ≤ 16 years of age)")
_BREAK = re.compile(r"[\n;.*•]\s|\n")


def _lead(text: str, start: int, reach: int, breaks: re.Pattern[str]) -> str:
    """Up to `reach` characters before `start`, from the last clause break among them."""
    lead = text[max(0, start - reach) : start]
    found = [m.end() for m in breaks.finditer(lead)]
    return lead[found[-1] :] if found else lead


# an age word after its own number: "18-65 years old, had ED more than 6 months" (v2
# NCT00725790) gives the months no age context
_OWN_AGE = re.compile(rf"\d\s*-?\s*(?:(?:{_AGE_UNIT})\s*-?\s*)?(?:old|of\s+age)\b", re.IGNORECASE)


_JOINER = re.compile(r"[\s,]*(?:(?:and|or|but)\b)?\s*", re.IGNORECASE)


def _clause_context(text: str, start: int, end: int) -> str:
    """The words around a bound within its own clause: "Men >/= 18 years of age * ED >/= 6
    months" (NCT00667979) gives the second bound no age context."""
    after = text[end : end + 15]
    stop = _BREAK.search(after)
    lead = text[past_own_age(text, start, len(_lead(text, start, 25, _BREAK))) : start]
    return lead + text[start:end] + after[: stop.start() if stop else None]


def past_own_age(text: str, start: int, reach: int) -> int:
    """Where the `reach` characters before `start` begin, or, where an age word after its own
    number ends among them, where it ends: those words are that number's. Not where the text
    goes on from it ("over 40 years of age and under 70 years")."""
    begin = max(0, start - reach)
    region = text[max(0, begin - 20) : start].lower()
    if "old" not in region and "age" not in region:  # (the words `_OWN_AGE` ends with)
        return begin
    owned = [m.end() for m in _OWN_AGE.finditer(text, max(0, begin - 20), start)]
    if owned and owned[-1] > begin and not _JOINER.fullmatch(text, owned[-1], start):
        return owned[-1]
    return begin


def _rest_of_clause(text: str, start: int) -> str:
    """The text from `start` to the end of its clause, 120 characters at most."""
    limit = min(len(text), start + 120)
    stop = _CLAUSE_END.search(text, start, limit)
    return text[start : stop.start() if stop else limit]


def _whose(text: str, start: int, end: int) -> tuple[str | None, str | None]:
    """(subject, condition) of an age bound, from the clause it stands in."""
    lead = _lead(text, start, 120, _CLAUSE_START)
    found = _SUBJECT.search(lead) or _SUBJECT_AFTER.match(text, end)
    subject = " ".join(found["subject"].lower().split()) if found else None
    cue = _CONDITION.search(lead)
    if cue is None:
        required = _REQUIRED_AFTER.match(text, end)
        if required is None:
            return subject, None
        rest = required["required"] + _rest_of_clause(text, required.end())
        return subject, " ".join(rest.split()) or None
    after = _rest_of_clause(text, end)
    named = " ".join(cue[0].strip(" (").split())
    # an age at an event names the event itself: "age of PH onset was less than 50 years"
    condition = (
        " ".join(lead[: cue.start()].split())
        or (named if named.lower().startswith(("age ", "onset")) else None)
        or " ".join(after.strip(" ,)").split())
        or named
    )
    return subject, condition or None


# every pattern below needs one of these words: only the text around them is searched
_ANCHOR = Anchor(*AGE_WORDS)
_ANCHOR_WORDS = frozenset(AGE_WORDS)
# the anchor's words that some patterns cannot do without, where a word starts: every match of
# `_OF_AGE_RANGE`, `_AROUND_AGE`, `_AGE_NO_UNIT`, `_THE_AGE_OF` and `_AGED_OR_OLDER` holds "age",
# "old" (of "older") or "younger", one of `_RANGE` one of `_RANGE_WORDS`; they search only the
# text around those (a quarter of that around every anchor word)
_AGE_WORDS = frozenset({"age", "old", "younger"})
_RANGE_WORDS = _AGE_WORDS | {"between", "from"}


def anchor_ranges(text: str) -> tuple[list[tuple[int, int]], ...]:
    """The ranges searched for age bounds: around every anchor word, around the age words
    (`_AGE_WORDS`) and around `_RANGE_WORDS`, each with a digit."""
    # the spans of `_ANCHOR`, found with the units of time
    found = [word for word in anchor_words(text) if word[2] in _ANCHOR_WORDS]
    spans = [(start, end) for start, end, _ in found]
    age = [(start, end) for start, end, word in found if word in _AGE_WORDS]
    ranged = [(start, end) for start, end, word in found if word in _RANGE_WORDS]
    return (
        with_digits(text, near(spans, text, 120, 60)),
        with_digits(text, near(age, text, 120, 60)),
        with_digits(text, near(ranged, text, 120, 60)),
    )


def _unit(written: str | None) -> str:
    if not written:
        return "years"
    word = written.lower().rstrip("s")
    return {
        "y": "years",
        "yr": "years",
        "year": "years",
        "month": "months",
        "week": "weeks",
        "day": "days",
        "hour": "hours",
    }.get(word, "years")


def _bound(
    comparator: Comparator,
    value: float,
    unit: str,
    start: int,
    end: int,
    text: str,
    where: Locator,
    condition: str | None = None,
) -> AgeBound:
    """The bound at `start`-`end`, with the people it is of and what it conditions (its clause
    says; else `condition`)."""
    days = DAYS_PER_UNIT[unit.rstrip("s")]
    side, _ = where.at(start)
    subject, stated = _whose(text, start, end)
    condition = stated or condition
    return AgeBound.found(
        comparator=comparator,
        value=value,
        unit=unit,
        in_years=round(value * days / DAYS_PER_UNIT["year"], 6),
        text=text[start:end],
        span=(start, end),
        side=side,
        subject=subject,
        condition=condition,
    )


def _pairs(text: str, ranges: list[tuple[int, int]]) -> Iterator[re.Match[str]]:
    """Matches of `_PAIR`, searched only around a connector before a second comparator (the
    first bound is a comparator and a number: at most `_PAIR_REACH` characters before it)."""
    after = 0
    for start, end in ranges:
        # the matches of `_NEEDS_PAIR` in the range, one after each digit `_BEFORE_JOIN` finds
        # (the digit may stand just before the range)
        at = max(0, start - 1)
        while (digit := _BEFORE_JOIN.search(text, at, end)) is not None:
            join = _NEEDS_PAIR.match(text, digit.end(), end)
            if join is None:  # the same lookahead: not reached
                at = digit.end()
                continue
            at = join.end() - 1
            if join.start() < after:
                continue
            found = _PAIR.search(
                text, max(start, join.start() - _PAIR_REACH), min(end, join.end() + _PAIR_REACH)
            )
            if found is not None and found.start() <= join.start() < found.end():
                after = found.end()
                yield found


# what makes an age word after a range another number's: a number right after it ("over age 60")
_NUMBER_NEXT = re.compile(rf"\s*(?:(?:of|over|under|above|below)\s+|{CMP}\s*)?\d", re.IGNORECASE)


def _range_of_age(text: str, start: int, end: int) -> bool:
    """Whether an age word in a range or within 25 characters after it is the range's: one
    after the next number, or with a number of its own, is that number's ("PSA between 2.5 and
    10 if 50-60 years of age; or a PSA between 3.0 and 10 if over age 60", v2 NCT00056407)."""
    after = DIGIT.search(text, end, end + 25)
    context = _AGE_CONTEXT.search(text, start, after.start() if after else end + 25)
    return context is not None and (
        context.end() <= end or not _NUMBER_NEXT.match(text, context.end())
    )


def find_age_bounds(text: str, where: Locator) -> list[AgeBound]:
    """Every age bound the text states, in text order."""
    ranges, age_ranges, range_ranges = anchor_ranges(text)
    lowered = folded(text)
    found: list[AgeBound] = []
    taken = Taken()

    def add(
        match: re.Match[str],
        *bounds: tuple[Comparator, str, str],
        start: int | None = None,
        condition: str | None = None,
    ) -> None:
        """The bounds (comparator, number, unit) one match states; its span is taken."""
        end = match.end()
        start = match.start() if start is None else start
        for comparator, number, unit in bounds:
            found.append(
                _bound(comparator, float(number), unit, start, end, text, where, condition)
            )
        taken.add(start, end)

    for match in finditer_from(_ANY_RANGE, text, lowered, ranges, _STARTS_ANY_RANGE):
        start, end = match.span()
        low, high = float(match["low"]), float(match["high"])
        unit = match["unit"] or match["lowunit"]
        lead = text[max(0, start - 40) : start]
        if low >= high or not _is_age(text, start, end, unit, bool(_AGE_INTRO.search(lead))):
            continue
        if unit is None and not _AGE_INTRO.search(lead):
            continue
        high_unit = _unit(match["unit"] or match["lowunit"])
        intro = _INTRO.search(lead)
        add(
            match,
            (
                comparator_of(match["c1"]) if match["c1"] and match["c1"] != "=" else ">=",
                match["low"],
                _unit(match["lowunit"] or unit),
            ),
            (
                comparator_of(match["c2"]) if match["c2"] and match["c2"] != "=" else "<=",
                match["high"],
                high_unit,
            ),
            start=start - len(lead) + intro.start() if intro else start,
        )
    for match in finditer_in(_UNIT_RANGE, text, ranges):
        start, end = match.span()
        if taken.free(start, end) and _AGE_CONTEXT.search(text[max(0, start - 40) : end + 20]):
            add(
                match,
                (">=", match["low"], _unit(match["lowunit"])),
                ("<=", match["high"], _unit(match["highunit"])),
            )
    for match in finditer_in(_OF_AGE_RANGE, text, age_ranges, _NEEDS_AGE_OR_OLD):
        if not taken.free(*match.span()):
            continue
        unit = _unit(match["unit"])
        add(match, (">=", match["low"], unit), ("<=", match["high"], unit))
    for match in finditer_from(_RANGE, text, lowered, range_ranges, _STARTS_RANGE_WORD):
        start, end = match.span()
        if not taken.free(start, end):
            continue
        word = match[0].split()[0].lower()
        if word in ("between", "from") and (
            not _range_of_age(text, start, end) or _OTHER_UNIT.match(text, end)
        ):
            continue
        if float(match["low"]) < float(match["high"]):
            unit = _unit(match["unit2"])
            add(match, (">=", match["low"], unit), ("<=", match["high"], unit))
    for match in _pairs(text, ranges):
        start, end = match.span()
        if taken.free(start, end) and _is_age(text, start, end, match["unit"], False):
            # each bound keeps its own span; the second carries the unit
            unit = _unit(match["unit"])
            first = _bound(
                comparator_of(match["first"]),
                float(match["low"]),
                unit,
                start,
                match.end("low"),
                text,
                where,
            )
            found.append(first)
            second = match.start("cmp")
            found.append(
                _bound(
                    comparator_of(match["cmp"]), float(match["num"]), unit, second, end, text, where
                )
            )
            taken.add(start, end)
    for match in finditer_in(_AROUND_AGE, text, age_ranges, _NEEDS_AGE):
        if taken.free(*match.span()):
            unit = _unit(match["unit"])
            above: Comparator = ">" if match["c1"] == "<" else ">="
            below: Comparator = "<" if match["c2"] == "<" else "<="
            add(match, (above, match["low"], unit), (below, match["high"], unit))
    for match in finditer_from(_BOUND, text, lowered, ranges, _STARTS_BOUND):
        start, end = match.span()
        if taken.free(start, end) and (
            match["gest"]
            or _is_age(
                text,
                start,
                end,
                match["unit"],
                "younger" in match["cmp"].lower() or "older" in match["cmp"].lower(),
            )
        ):
            add(match, (comparator_of(match["cmp"]), match["num"], _unit(match["unit"])))
    for match in finditer_in(_OR_OLDER, text, ranges):
        start, end = match.span()
        # only "or older" and "or younger" say age by themselves: "diabetes for 2 years or more",
        # "unstable angina pectoris for 6 months or less" (v2 NCT00661115) are durations
        # (or joined to the age bound before it: "whose age is 19 years or more and 55 years or
        # less", v2 NCT05585931)
        if (
            match["dir"].lower() not in ("older", "younger")
            and not _is_age(text, start, end, match["unit"], False)
            and not any(
                bound.span[1] <= start and _JOINER.fullmatch(text, bound.span[1], start)
                for bound in found[-2:]
            )
        ):
            continue
        if taken.free(start, end):
            add(match, (comparator_after(match["dir"]), match["num"], _unit(match["unit"])))
    for match in finditer_from(_AGE_NO_UNIT, text, lowered, age_ranges, _STARTS_AGE):
        if taken.free(*match.span()):
            add(match, (comparator_of(match["cmp"]), match["num"], "years"))
    for match in finditer_in(_AT_AN_AGE, text, age_ranges, _NEEDS_WHEN):
        if taken.free(*match.span()):
            # the age at an event: what happened is the condition
            event = _lead(text, match.start(), 120, _CLAUSE_START).strip(" ,(")
            add(
                match,
                ("<" if match["when"].lower() != "after" else ">", match["num"], _unit(match["unit"])),
                condition=" ".join(event.split()) or " ".join(match["when"].lower().split()),
            )
    for match in finditer_from(
        _THE_AGE_OF, text, lowered, age_ranges, _STARTS_THE_AGE_OF, _NEEDS_AGE_OR_THAN
    ):
        if taken.free(*match.span()):
            written = match["aged"] or match["cmp"]
            add(match, (comparator_of(written), match["num"], _unit(match["unit"])))
    for bound in list(found):
        joined = _JOINED.match(text, bound.span[1])
        if joined is not None and taken.free(*joined.span()):
            add(joined, (comparator_of(joined["cmp"]), joined["num"], bound.unit))
    for match in finditer_from(
        _AGED_OR_OLDER, text, lowered, age_ranges, _STARTS_AGED_OR_OLDER, _NEEDS_AGED_OR_OLDER
    ):
        if taken.free(*match.span()):
            if match["plus"]:
                add(match, (">=", match["plus"], "years"))
            else:
                number = match["num"] or match["bare"]
                add(match, (comparator_after(match["dir"] or match["bare_dir"]), number, "years"))
    found.extend(_people_bounds(text, where, taken))
    found.sort(key=lambda bound: (bound.span, bound.comparator.startswith("<")))
    return found


# a sign and a number with no unit right after the people they bound, where the clause ends or
# goes on: "patients <18" (LCT NCT03864718), "Any patient ≥18 who presents" (LCT NCT03865537);
# not "males ≥ 450 ms" (a unit follows), "Male >7 Metabolic Equivalents", "Patients ≥1 and ≤6
# months after" (LCT NCT03926312)
_SIGNS = ("<", ">", "≤", "≥")
_PEOPLE_WORDS = frozenset(
    word + plural
    for word in ("patient", "subject", "participant", "adult", "person", "individual")
    for plural in ("", "s")
)
_PEOPLE_BOUND = re.compile(
    rf"{CMP}[ \t]*(?P<num>\d{{1,2}})(?=[ \t]*(?:\r?\n|$|[;,.)](?!\d)|[ \t]+(?:who|with|at)\b"
    r"|[ \t]+(?:and|or)\b(?![ \t]*\\?[<>≤≥=]?[ \t]*\d)))",
    re.IGNORECASE,
)


def _people_bounds(text: str, where: Locator, taken: Taken) -> list[AgeBound]:
    """The bounds `_PEOPLE_BOUND` reads right after a word of `_PEOPLE_WORDS`."""
    found = []
    for sign in _SIGNS:
        at = text.find(sign)
        while at >= 0:
            start = at - 1 if at and text[at - 1] == "\\" else at
            # the word right before the sign, a whole word
            lead = text[max(0, start - 14) : start].lower().split()
            bound = (
                _PEOPLE_BOUND.match(text, start)
                if lead and lead[-1] in _PEOPLE_WORDS and (len(lead) > 1 or start < 14)
                else None
            )
            if bound is not None and taken.free(start, bound.end()):
                found.append(
                    _bound(
                        comparator_of(bound["cmp"]),
                        float(bound["num"]),
                        "years",
                        start,
                        bound.end(),
                        text,
                        where,
                    )
                )
                taken.add(start, bound.end())
            at = text.find(sign, at + 1)
    return found
