"""Searching only near an anchor word finds exactly what searching the whole text finds."""

from __future__ import annotations

import re
import string
import sys
from functools import cache

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scripts.criteria_corpora import chia, lct, split_of

from tests.realdata import real, real_data, real_files
from trialparse import normalise
from trialparse.normalise import ages, labs, scores, windows
from trialparse.normalise._common import (
    AGE_WORDS,
    CMP,
    CMP_AHEAD,
    CMP_FIRSTS,
    CMP_FOLDED,
    CMP_START,
    DIGIT,
    Anchor,
    anchor,
    anchor_words,
    comparator_of,
    finditer_at,
    finditer_before,
    finditer_from,
    finditer_in,
    folded,
    near,
    with_digits,
)


@cache
def _criteria() -> list[str]:
    """The criteria of every real v2 record and of the corpora's dev documents."""
    texts = []
    for path in real_files("ctgov_v2", "NCT*.json"):
        module = orjson.loads(path.read_bytes())["protocolSection"].get("eligibilityModule", {})
        if module.get("eligibilityCriteria"):
            texts.append(module["eligibilityCriteria"])
    corpora = real("criteria_corpora")
    texts += [source.text() for source in split_of(lct(corpora) + chia(corpora), "dev")]
    return texts


# (module, its anchor, before, after, the patterns it searches near the anchor)
SEARCHES = [
    (
        ages,
        120,
        60,
        [
            "_UNIT_RANGE",
            "_OF_AGE_RANGE",
            "_RANGE",
            "_BOUND",
            "_OR_OLDER",
            "_AGE_NO_UNIT",
            "_AGED_OR_OLDER",
            "_THE_AGE_OF",
            "_AROUND_AGE",
        ],
    ),
    (windows, 60, 40, ["_WITHIN", "_COMPARED", "_PRIOR", "_RANGE", "_STATED"]),
    (scores, 0, 160, ["_BOUND", "_AFTER", "_LIST", "_SINGLE"]),
]


# the word a pattern cannot match without, as its finder asks for it before searching a range
NEEDS = {
    (ages, "_OF_AGE_RANGE"): ages._NEEDS_AGE_OR_OLD,
    (ages, "_AROUND_AGE"): ages._NEEDS_AGE,
    (windows, "_RANGE"): DIGIT,
}
# where a pattern can start in the folded text, and the word it needs there, as its finder
# searches it (`finditer_from`)
STARTS = {
    (ages, "_RANGE"): (ages._STARTS_RANGE_WORD, None),
    (ages, "_AGE_NO_UNIT"): (ages._STARTS_AGE, None),
    (ages, "_AGED_OR_OLDER"): (ages._STARTS_AGED_OR_OLDER, ages._NEEDS_AGED_OR_OLDER),
    (ages, "_ANY_RANGE"): (ages._STARTS_ANY_RANGE, None),
    (ages, "_BOUND"): (ages._STARTS_BOUND, None),
    (ages, "_THE_AGE_OF"): (ages._STARTS_THE_AGE_OF, ages._NEEDS_AGE_OR_THAN),
    (windows, "_WITHIN"): (windows._STARTS_WITHIN, None),
    (windows, "_COMPARED"): (windows._STARTS_COMPARED, None),
    (windows, "_PRIOR"): (windows._STARTS_NUMBER, windows._NEEDS_PRIOR),
    (windows, "_STATED"): (windows._STARTS_NUMBER_ALONE, None),
}
# the finders whose patterns all need a digit: they search only the ranges that hold one
DIGITS_ONLY = (ages, scores)
# the age patterns searched only around some of the anchor's words: which of
# `ages.anchor_ranges` each searches (0, around every anchor word, for the others)
AGE_RANGES = {
    "_OF_AGE_RANGE": 1,
    "_AROUND_AGE": 1,
    "_AGE_NO_UNIT": 1,
    "_THE_AGE_OF": 1,
    "_AGED_OR_OLDER": 1,
    "_RANGE": 2,
}


# the window patterns that open before their unit: searched only where they can start
WINDOWS_BEFORE = ("_WITHIN", "_COMPARED", "_PRIOR", "_STATED")


def _ranges(module: object, name: str, text: str, before: int, after: int) -> list[tuple[int, int]]:
    """The ranges the finder of `module` searches for pattern `name`."""
    if module is ages:
        found = ages.anchor_ranges(text)
        assert found[0] == with_digits(text, near(ages._ANCHOR, text, before, after))
        return found[AGE_RANGES.get(name, 0)]
    ranges = near(module._ANCHOR, text, before, after)
    if module in DIGITS_ONLY:
        ranges = with_digits(text, ranges)
    return ranges


def _same(module: object, before: int, after: int, names: list[str], text: str) -> None:
    lowered = folded(text)
    for name in names:
        ranges = _ranges(module, name, text, before, after)
        pattern: re.Pattern[str] = getattr(module, name)
        whole = [m.span() for m in pattern.finditer(text)]
        if module is scores:
            offsets = scores._starts(text, scores._ANCHOR.spans(text))
            searched = finditer_at(pattern, text, ranges, offsets)
        elif module is windows and name in WINDOWS_BEFORE:
            starts, needs = STARTS[module, name]
            found_ranges, groups = windows.searched(text)
            assert found_ranges == ranges
            searched = finditer_before(pattern, text, lowered, ranges, starts, groups, needs)
        elif (module, name) in STARTS:
            starts, needs = STARTS[module, name]
            searched = finditer_from(pattern, text, lowered, ranges, starts, needs)
        else:
            searched = finditer_in(pattern, text, ranges, NEEDS.get((module, name)))
        assert [m.span() for m in searched] == whole, name


@pytest.mark.parametrize(
    ("module", "before", "after", "names"),
    SEARCHES,
    ids=["ages", "windows", "scores"],
)
@real_data
def test_anchored_search_equals_whole_search_on_real_criteria(
    module: object, before: int, after: int, names: list[str]
) -> None:
    texts = _criteria()
    assert len(texts) > 2500
    for text in texts:
        _same(module, before, after, names, text)


FRAGMENTS = st.sampled_from(
    [
        "aged ",
        "18",
        " years",
        " of age",
        "≥ ",
        "within ",
        "4 weeks",
        " prior to",
        "ECOG ",
        "0-1",
        "between 18 and 65",
        " months",
        "Karnofsky ≥ 70%",
        "xWHO 1",
        "during the following 2 consecutive weeks",
        "\n* ",
        " ",
        "x",
        "older",
        " or ",
        "younger than ",
        "Under the AGE of ",
        "aſe",
        "from 6",
        "FROM 6",
        "BETWEEN 2 AND 6",
        "In the past 3 MONTHS",
        "İn ",
        "ONE week",
        "Eleven days before",
        "x> 5 days",
        "(≥3 to 8 YEARS)",
        "\\>= 12 hours",
        "a\nminimum of 2 weeks",
        "gestational age < 29 weeks",
        "Older than 60",
        "aged 18 or older",
        "ages 60+",
        "18,",
        "2.",
        "mAx ",
        "3 H",
        "3-Mo",
        "2hA",
        "5 mo.",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(FRAGMENTS, max_size=30).map("".join))
def test_anchored_search_equals_whole_search_on_made_up_text(text: str) -> None:
    for module, before, after, names in SEARCHES:
        _same(module, before, after, names, text)


def _started_same(text: str) -> None:
    """Each pattern tried only where it can start finds in the finder's ranges what
    `finditer_in` finds there ("_ANY_RANGE" included, whose ranges cut some matches short)."""
    lowered = folded(text)
    for (module, name), (starts, needs) in STARTS.items():
        before, after = (120, 60) if module is ages else (60, 40)
        ranges = _ranges(module, name, text, before, after)
        pattern: re.Pattern[str] = getattr(module, name)
        expected = [m.span() for m in finditer_in(pattern, text, ranges)]
        found = finditer_from(pattern, text, lowered, ranges, starts, needs)
        assert [m.span() for m in found] == expected, name
    whole = [(0, len(text))]
    anchored = finditer_from(windows._ANCHOR, text, lowered, whole, windows._STARTS_ANCHOR)
    assert [m.span() for m in anchored] == [m.span() for m in windows._ANCHOR.finditer(text)]


@real_data
def test_started_search_equals_range_search_on_real_criteria() -> None:
    for text in _criteria():
        _started_same(text)


@settings(max_examples=300, deadline=None)
@given(st.lists(FRAGMENTS, max_size=30).map("".join))
def test_started_search_equals_range_search_on_made_up_text(text: str) -> None:
    _started_same(text)


def test_anchor_is_case_insensitive() -> None:
    found = [m[0] for m in anchor("year", "Month").finditer("5 YEARS, 2 months, 3 yEaRs")]
    assert found == ["YEAR", "month", "yEaR"]


def test_near_merges_overlapping_ranges() -> None:
    assert near(anchor("day"), "a day, a day later; no more", 2, 3) == [(0, 15)]
    assert near(anchor("day"), "a day and a day later; no more", 2, 3) == [(0, 8), (10, 18)]
    assert near(anchor("day"), "day" + " " * 20 + "day", 0, 0) == [(0, 3), (23, 26)]


def test_anchor_prefers_the_longest_word_like_a_sorted_alternation() -> None:
    words = ["creatinine", "creatinine clearance", "serum creatinine", "cr", "crcl", "c-peptide"]
    tree = re.compile(rf"(?<![\w-]){anchor(*words).pattern}(?!\w)")
    plain = re.compile(
        r"(?<![\w-])(?:"
        + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
        + r")(?!\w)",
        re.IGNORECASE,
    )
    text = "Serum creatinine 1, creatinine clearance 2, CrCl 3, cr 4, creat 5, C-peptide, crc"
    assert (
        [m[0] for m in tree.finditer(text)]
        == [m[0] for m in plain.finditer(text)]
        == [
            "Serum creatinine",
            "creatinine clearance",
            "CrCl",
            "cr",
            "C-peptide",
        ]
    )


# comparators in words (hand-made), each with the comparator it states
COMPARATORS = [
    ("Not Below", ">="),
    ("not above", "<="),
    ("not exceeding", "<="),
    ("no less than", ">="),
    ("not more than", "<="),
    ("not older than", "<="),
    ("equal or above", ">="),
    ("equal to or greater than", ">="),
    ("equal or less than", "<="),
    ("beyond", ">"),
    ("bigger than", ">"),
    ("larger than or equal to", ">="),
    ("minimum", ">="),
    ("a maximum of", "<="),
    ("maximum", "<="),
]
_WORDED = "".join(f", {words} {number}" for number, (words, _) in enumerate(COMPARATORS, 7))


@pytest.mark.parametrize(("written", "comparator"), COMPARATORS)
def test_comparator_words(written: str, comparator: str) -> None:
    started = re.compile(CMP_START + CMP + r"\s*7", re.IGNORECASE)
    folded_ahead = re.compile(
        rf"[{CMP_FIRSTS}](?<=(?={CMP_AHEAD}).)(?<=(?=(?:{CMP_FOLDED})\s*7).)"
    )
    found = started.search(f"x {written} 7")
    assert found is not None
    assert found["cmp"] == written
    assert comparator_of(found["cmp"]) == comparator
    # the folded text's look-ahead finds it at its first character too
    assert folded_ahead.search(f"x {written.lower()} 7") is not None


@real_data
def test_comparator_start_skips_no_comparator() -> None:
    bare = re.compile(CMP, re.IGNORECASE)
    started = re.compile(CMP_START + CMP, re.IGNORECASE)
    text = "\n".join(_criteria()) + " A MINIMUM OF 2, at/above 3, Exceeds 4, \\< 5, ³ 6" + _WORDED
    found = [m.span() for m in started.finditer(text)]
    assert len(found) > 5_000
    assert found == [m.span() for m in bare.finditer(text)]


# --- anchors searched in the folded text ---------------------------------------------------------

# the finders' anchors searched in the folded text (a finder may use a plain regex instead)
ANCHORS = {
    name: found
    for name, found in {
        "ages": ages._ANCHOR,
        "windows": windows._ANCHOR,
        "scores": scores._ANCHOR,
        "labs": labs._ANALYTE,
    }.items()
    if isinstance(found, Anchor)
}


def _every_character() -> str:
    return "".join(chr(code) for code in range(0x110000) if not 0xD800 <= code < 0xE000)


def test_folded_text_matches_an_ascii_word_where_ignorecase_does() -> None:
    everything = _every_character()
    lowered = folded(everything)
    assert len(lowered) == len(everything)
    words = {c.lower() for found in ANCHORS.values() for c in found.regex.pattern if c.isascii()}
    for char in sorted(words | set(string.ascii_lowercase)):
        ignoring_case = [m.start() for m in re.finditer("(?i)" + re.escape(char), everything)]
        assert [m.start() for m in re.finditer(re.escape(char), lowered)] == ignoring_case, char
    for kind in (r"\w", r"[^\W\d_]"):
        assert [m.start() for m in re.finditer(kind, lowered)] == [
            m.start() for m in re.finditer(kind, everything)
        ], kind


def _anchor_same(text: str) -> None:
    assert len(ANCHORS) >= 3
    # the age words and the units of time, searched for at once, are what each anchor finds
    found = anchor_words(text)
    assert [(s, e) for s, e, w in found if w in AGE_WORDS] == ages._ANCHOR.spans(text)
    assert windows.unit_spans(text) == [m.span() for m in windows._ANCHOR.finditer(text)]
    for name, found in ANCHORS.items():
        expected = [m.span() for m in found.regex.finditer(text)]
        if found.also is not None:
            expected = sorted(expected + [m.span() for m in found.also.finditer(text)])
        assert found.spans(text) == expected, name


@real_data
def test_anchor_spans_equal_its_regex_on_real_criteria() -> None:
    for text in _criteria():
        _anchor_same(text)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                *("ECOG", "WHO", "who", "Who", "platelets", "ALT", "a", "-", "_", "1", " ", "\n"),
                *("\u212aPS", "Kps", "ſ", "İ", "ı", "daY", "xday", "Hour", "AGE", "İNR", "ınr"),
                *("creatinine clearance", "Bilirubin", "weeks", "Year", "mins", "performance"),
                *("γ-GT", "Γgt", "Anti-Müllerian hormone", "anti-mÜllerian HORMONE", "ü", "γ"),
                *("y.o", "Y.O", "y.old", "older", "YOUNGER", "from", "betweenage", "Zubrod", "yr"),
            ]
        ),
        max_size=30,
    ).map("".join)
)
def test_anchor_spans_equal_its_regex_on_made_up_text(text: str) -> None:
    _anchor_same(text)


def test_anchor_finds_words_of_other_than_ascii_letters_as_its_regex() -> None:
    # hand-made: words with "γ" and "ü" beside ASCII words that start like them
    found = Anchor(
        "γ-gt", "gt", "anti-müllerian hormone", "anti", not_after=r"[\w-]", not_before=r"\w"
    )
    text = "Γ-GT 3, gt 2, Anti-Müllerian Hormone 1, anti 4, xγ-gt, γ-gtx"
    assert [text[start:end] for start, end in found.spans(text)] == [
        "Γ-GT",
        "gt",
        "Anti-Müllerian Hormone",
        "anti",
    ]
    assert found.spans(text) == [m.span() for m in found.regex.finditer(text)]
    assert found.spans("anti 4, gt 2") == [(0, 4), (8, 10)]


def test_every_letter_the_class_of_other_letters_matches_folds_to_one_looked_for() -> None:
    """An anchor with words of other than ASCII letters first looks for those letters in the
    fold with `in`; every character its case-insensitive class matches must fold to one of them."""
    every = "".join(chr(code) for code in range(sys.maxunicode + 1) if not 0xD800 <= code < 0xE000)
    anchors = [labs._ANALYTE, Anchor("γ-gt", "ß-x", "ſe", "ǅx", "anti-müllerian", "ω")]
    for found in anchors:
        assert found._others is not None
        matched = found._others[0].findall(every)
        assert matched
        assert all(set(folded(char)) <= set(found._folded_letters) for char in matched)
        text = "Ω and ǄX, Γ-GT ſE"
        assert found.spans(text) == [m.span() for m in found.regex.finditer(text)]


@pytest.mark.parametrize(
    "text",
    [
        # hand-made: a Kelvin sign for the "K" of a scale within reach of another scale's name
        "ECOG 0-1 or \u212aarnofsky 60 or higher",
        "ECOG 2, \u212aPS ≥ 70%, WHO 1, xWHO 2, Lansky 50",
    ],
)
def test_scores_tried_at_their_starts_find_what_a_range_search_finds(text: str) -> None:
    ranges = with_digits(text, near(scores._ANCHOR, text, 0, 160))
    offsets = scores._starts(text, scores._ANCHOR.spans(text))
    for name in ("_BOUND", "_AFTER", "_LIST", "_SINGLE"):
        pattern = getattr(scores, name)
        expected = [m.span() for m in finditer_in(pattern, text, ranges)]
        assert [m.span() for m in finditer_at(pattern, text, ranges, offsets)] == expected, name
    assert [s.value for s in normalise(text).scores]


@pytest.mark.parametrize(
    "text",
    [
        # hand-made: a long s for the "s" of "sec" after another unit, which only the unit's
        # range brings into the search
        "3 days, 5 ſec, > 2 ſecs, within 4 ſeconds",
        "ſec 5 days, within the past 10 ſec",
    ],
)
def test_windows_searched_before_their_units_find_what_a_range_search_finds(text: str) -> None:
    ranges, groups = windows.searched(text)
    lowered = folded(text)
    read = []
    for name in WINDOWS_BEFORE:
        starts, needs = STARTS[windows, name]
        pattern = getattr(windows, name)
        expected = [m.span() for m in finditer_from(pattern, text, lowered, ranges, starts, needs)]
        found = finditer_before(pattern, text, lowered, ranges, starts, groups, needs)
        assert [m.span() for m in found] == expected, name
        read += [text[start:end] for start, end in expected]
    assert any("ſ" in window for window in read)
