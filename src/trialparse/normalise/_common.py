"""Comparator and number patterns shared by the extractors, and the criterion each span is in."""

from __future__ import annotations

import bisect
import heapq
import re
from array import array
from collections.abc import Callable, Iterable, Iterator
from itertools import accumulate
from typing import Any

from .criteria import iter_item_spans
from .data import NUMBER_WORDS
from .models import Comparator, Side

__all__ = [
    "CMP",
    "CMP_AHEAD",
    "CMP_FIRSTS",
    "CMP_FOLDED",
    "CMP_START",
    "DIGIT",
    "NUM",
    "Anchor",
    "Locator",
    "Taken",
    "comparator_after",
    "comparator_of",
    "finditer_from",
    "finds",
    "folded",
    "furthest_before",
    "loose_key",
    "number_of",
]

# Comparators as criteria write them: symbols (also markdown-escaped "\<" and mangled "=<"),
# and words. Longest alternatives first; all bounded, no nested quantifiers.
CMP = (
    # full-width and modifier-letter signs as some registries write them: "＞ 2×ULN", "pH˂5.8"
    # "Hemoglobin > or = to 11.5g/dL" (Chia NCT00785213), "PSA<or=10" (Chia NCT01581749); "³" and
    # "£" are ≥ and ≤ of a symbol font read as Latin-1 ("leucocytes ³ 2000", Chia NCT00720031)
    # "ECOG ... > = 4" (LCT NCT03921502): the two signs apart; "aged =/> 18 years" (Chia
    # NCT02613039), "Gleason score =/< 7" (v2 NCT02706561); "?" is a sign lost in encoding, where
    # a number follows it ("INR ?1.5", v2 NCT05023889; "Urine cotinine level ? 100 ng/ml", Chia
    # NCT02968602), and states "=" (a question mark ends a word: "abstinent? 2.")
    r"(?P<cmp>\\?(?:>\s*or\s*=(?:\s*to)?|<\s*or\s*=(?:\s*to)?|>/=|</=|=/>|=/<|\?(?:(?<=[\s(]\?)(?=\s*\d)|(?=\d))|<=|=<|>=|=>|[<>][ \t]+=(?![<>=])|≤|≥|⩽|⩾|<|>|＞|＜|˃|˂|³|£)|"
    # the words, negated or not: "not more than", "no less than", "not exceeding", "not below";
    # `comparator_of` turns a negated comparator round
    r"(?:(?:no|not)\s+)?(?:"
    r"(?:less|lower|fewer|younger)\s+than\s+or\s+equal\s+to|(?:greater|more|higher|older|bigger|larger)\s+than\s+or\s+equal\s+to|"
    # "more or equal 18 years-old and less or equal 45 years-old" (LCT NCT03867422)
    # "higher or equal to 18,5 and lower or equal than 29,9 kg/m2" (v2 NCT00904748)
    r"(?:more|greater|less|lower|higher)\s+or\s+equal(?:\s+(?:to|than))?|"
    # "superior to 50%" (LCT NCT03922178), "asthma control test inferior to 20" (LCT NCT03928561),
    # "superior or equal to", "smaller than", "in excess of" (hand-made)
    r"(?:superior|inferior)(?:\s+or\s+equal)?\s+(?:to|than)|in\s+excess\s+of|"
    # "equal or greater than", "equal to or higher than", "equal or above" (hand-made)
    r"equal\s+(?:to\s+)?or\s+(?:greater|more|higher|above|bigger|larger|less|lower|below)(?:\s+than)?|"
    r"at\s+least|at\s+most|up\s+to|(?:a\s+)?minimum(?:\s+of)?|(?:a\s+)?maximum(?:\s+of)?|"
    # "major than" (a translation of "maior que"), "ALT exceeded 5 times the ULN", "at/above 100
    # umol per liter" (Chia NCT01774019)
    r"(?:less|lower|fewer|younger|smaller)\s+than|(?:greater|more|higher|older|major|bigger|larger)\s+than|"
    r"at\s*(?:/|or)\s*above|"
    r"at\s*(?:/|or)\s*below|above|below|over|under|beyond|exceeding|exceeded|exceeds?)|"
    r"equal\s+to|=)"
)
# the first characters `CMP` can start with, then its first two letters: put before a pattern
# that starts with `CMP`, it lets the regex engine skip every other position (a letter inside
# a word as well) without trying the alternatives
CMP_START = (
    r"(?=[\\<>=≤≥⩽⩾＜＞˂˃³£?lLfFyYgGmMhHoOnNaAuUbBeEsSiI])"
    r"(?=[\\<>=≤≥⩽⩾＜＞˂˃³£?]|le|lo|la|fe|yo|gr|mo|mi|hi|ol|no|at|up|ma|ab|be|bi|ov|un|ex|eq|a\s|su|sm|inf|in\s+e)"
)
# the characters `CMP` can start with in the `folded` text, as a class for `finditer_from` to
# skip to; not the rare "superior", "inferior", "smaller" and "in excess" ("s" and "i" begin one
# word in seven: skipping to them costs 2% of the normaliser), so the patterns searched from
# their first characters (ages, windows) do not read those four
CMP_FIRSTS = r"\\<>=≤≥⩽⩾＜＞˂˃³£?lfygmhonaube"
# the first two characters of `CMP` in the folded text: checked before `CMP_FOLDED` itself, they
# rule out most letters at once; one branch a first letter, the most frequent letters first (the
# engine tries the branches in turn, each at its first letter)
CMP_AHEAD = r"e[xq]|a[tb\s]|o[lv]|no|hi|l[eoa]|u[pn]|m[oai]|fe|yo|gr|b[ei]|[\\<>=≤≥⩽⩾＜＞˂˃³£?]"
# `CMP` without its group, to look ahead with in the folded text (its words are lower case)
CMP_FOLDED = CMP.replace("?P<cmp>", "?:", 1)
# "7,0 mmol/l" (LCT NCT03866421): a comma before one or two digits is a decimal comma; the
# lookahead keeps a number from being read in part
NUM = r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+,\d{1,2}(?!\d)|\d+(?:\.\d+)?)(?![.,]?\d)"
_WORDS: dict[str, Comparator] = {
    "<=": "<=",
    "=<": "<=",
    "</=": "<=",
    ">/=": ">=",
    "=/>": ">=",
    "=/<": "<=",
    "?": "=",
    "≤": "<=",
    "⩽": "<=",
    ">=": ">=",
    "=>": ">=",
    "≥": ">=",
    "⩾": ">=",
    "<": "<",
    ">": ">",
    "＜": "<",
    "＞": ">",
    "˂": "<",
    "˃": ">",
    "³": ">=",
    "£": "<=",
    "at/above": ">=",
    "at or above": ">=",
    "at/below": "<=",
    "at or below": "<=",
    "exceeded": ">",
    "=": "=",
    "equal to": "=",
    "at least": ">=",
    "a minimum of": ">=",
    "a minimum": ">=",
    "minimum of": ">=",
    "minimum": ">=",
    "at most": "<=",
    "up to": "<=",
    "a maximum of": "<=",
    "a maximum": "<=",
    "maximum of": "<=",
    "maximum": "<=",
    "beyond": ">",
    "above": ">",
    "over": ">",
    "exceeding": ">",
    "exceeds": ">",
    "exceed": ">",
    "below": "<",
    "under": "<",
}
_SPACES = re.compile(r"\s+")


def comparator_of(written: str) -> Comparator:
    """The comparator a written form states ("\\<" → "<", "more than" → ">", "not more than" →
    "<=")."""
    key = _SPACES.sub(" ", written.strip().lstrip("\\").lower())
    negated = key.startswith(("no ", "not "))
    if negated:
        key = key.split(" ", 1)[1]
    found = _base_comparator(key)
    return _NEGATED[found] if negated else found


_NEGATED: dict[Comparator, Comparator] = {">": "<=", ">=": "<", "<": ">=", "<=": ">", "=": "="}
_LOWER_WORDS = ("less", "lower", "fewer", "younger", "below", "inferior", "smaller")


def _base_comparator(key: str) -> Comparator:
    """The comparator of a written form without a negation."""
    found = _WORDS.get(key) or _WORDS.get(key.replace(" ", ""))
    if found is None and key[:1] in "<>" and "=" in key:
        return "<=" if key[0] == "<" else ">="
    if found is not None:
        return found
    if key.startswith("equal "):  # "equal or greater than"
        return "<=" if any(word in key for word in _LOWER_WORDS) else ">="
    if "or equal" in key:
        return "<=" if key.startswith(_LOWER_WORDS) else ">="
    if key.startswith(_LOWER_WORDS):
        return "<"
    return ">"


class Taken:
    """Spans of text already read, asked about in passes (each pattern's matches in text order).

    Checking a match against every span read so far made many matches quadratic; here the
    spans are kept sorted by start, and queries and additions in text order walk them with one
    pointer each. A query or an addition before the last one starts a new pass: the spans are
    merged then (time linear in the number of spans per pass).
    """

    def __init__(self, spans: Iterable[tuple[int, int]] = ()) -> None:
        self._merged: list[tuple[int, int]] = _union(sorted(spans))
        self._added: list[tuple[int, int]] = []
        self._at = self._added_at = 0
        self._last = -1

    def free(self, start: int, end: int) -> bool:
        """Whether the text from `start` to `end` overlaps no span read before."""
        if start < self._last:
            self._flush()
        self._last = start
        self._at, clear = _past(self._merged, self._at, start, end)
        if not clear:
            return False
        self._added_at, clear = _past(self._added, self._added_at, start, end)
        return clear

    def add(self, start: int, end: int) -> None:
        """Mark the text from `start` to `end` as read."""
        if self._added and start < self._added[-1][0]:
            self._flush()
        self._added.append((start, end))

    def _flush(self) -> None:
        if self._added:
            self._merged = _union(heapq.merge(self._merged, self._added))
            self._added = []
        self._at = self._added_at = 0
        self._last = -1


def _past(spans: list[tuple[int, int]], at: int, start: int, end: int) -> tuple[int, bool]:
    """(pointer past the spans that end before `start`, whether `start`-`end` overlaps none):
    with spans sorted by start, the first one left overlaps if any does."""
    while at < len(spans) and spans[at][1] <= start:
        at += 1
    return at, at == len(spans) or spans[at][0] >= end


def _union(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted spans merged where they overlap."""
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start < merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


_DOWNWARD = frozenset({"less", "lower", "fewer", "younger", "under", "below", "worse", "shorter"})


def comparator_after(word: str) -> Comparator:
    """The comparator a word after the value states: "18 years or older", "9 g/dL or less",
    "6 months or shorter"."""
    return "<=" if word.lower() in _DOWNWARD else ">="


_DECIMAL_COMMA = re.compile(r"\d+,\d{1,2}")


def finds(text: str, word: str) -> Iterator[int]:
    """The offsets of `word` in `text`."""
    at = text.find(word)
    while at >= 0:
        yield at
        at = text.find(word, at + 1)


def furthest_before(spans: Iterable[tuple[int, int]]) -> Callable[[int], int]:
    """For `spans` (start, end), a function of an offset: the furthest end among the spans that
    start before it, -1 where none does. The spans are ordered by their starts, with the
    furthest end so far, once: each question is then one search, not a scan of the spans."""
    ordered = sorted(spans)
    starts = [start for start, _ in ordered]
    furthest = list(accumulate((end for _, end in ordered), max))

    def before(at: int) -> int:
        count = bisect.bisect_left(starts, at)
        return furthest[count - 1] if count else -1

    return before


def number_of(written: str) -> float:
    """A number as written: "1,500" → 1500.0, "two" → 2.0."""
    word = NUMBER_WORDS.get(written.strip().lower())
    if word is not None:
        return float(word)
    if _DECIMAL_COMMA.fullmatch(written.strip()):
        return float(written.replace(",", "."))
    return float(written.replace(",", ""))


_SIDES: tuple[Side | None, ...] = (None, "inclusion", "exclusion")
_SIDE_CODES: dict[Side | None, int] = {side: code for code, side in enumerate(_SIDES)}


class Locator:
    """Which side and criterion item an offset of the criteria text falls in.

    Kept in arrays, a few bytes an item: a wall of one-line criteria has an item every few
    characters. `offset` is added to every offset asked about (a piece of a long text)."""

    __slots__ = ("_ends", "_numbers", "_sides", "offset", "starts")

    def __init__(
        self, starts: array[int], sides: bytearray, numbers: array[int], ends: array[int]
    ) -> None:
        self.starts = starts
        self._sides = sides
        self._numbers = numbers  # the item number, 0 for a heading
        self._ends = ends
        self.offset = 0

    @classmethod
    def of(cls, text: str) -> Locator:
        starts, numbers, ends = array("q"), array("q"), array("q")
        sides = bytearray()
        for side, number, start, end in iter_item_spans(text):
            starts.append(start)
            sides.append(_SIDE_CODES[side])
            numbers.append(number or 0)
            ends.append(end)
        return cls(starts, sides, numbers, ends)

    def shifted(self, offset: int) -> Locator:
        """The same items, asked about with offsets into a piece starting at `offset`."""
        view = Locator(self.starts, self._sides, self._numbers, self._ends)
        view.offset = self.offset + offset
        return view

    def at(self, offset: int) -> tuple[Side | None, int | None]:
        offset += self.offset
        position = bisect.bisect_right(self.starts, offset) - 1
        if position < 0:
            return None, None
        side = _SIDES[self._sides[position]]
        if offset >= self._ends[position]:
            return side, None
        return side, self._numbers[position] or None


# what separates the words of a name where spacing is loose: spaces, a hyphen with or without
# spaces, a line break into an indented line ("Absolute  neutrophil  count" with two spaces, XML
# NCT00077454; "C reactive protein" for "C-reactive protein", "NT -proBNP")
SEPARATOR = r"(?:[ \t‐‑-]+(?:\r?\n[ \t]+)?|\r?\n[ \t]+)"
_SEPARATORS = re.compile(r"[\s‐‑-]+")


def loose_key(name: str) -> str:
    """`name` in lower case with each run of spaces and hyphens one space: the key of a name
    matched with loose spacing."""
    return " ".join(_SEPARATORS.split(name.lower())).strip()


def _trie(words: list[str], after_first: str = "", *, loose: bool = False) -> str:
    """A regex matching any of `words` (lower case), built as a prefix tree, longest first;
    `after_first` (a lookbehind) stands after the first letter of each. With `loose`, a space
    or a hyphen inside a word matches any `SEPARATOR`.

    A plain alternation of a hundred names makes the engine try each name at each position;
    a tree tries one branch per letter.
    """
    tree: dict[str, Any] = {}
    for word in words:
        node = tree
        for char in word.replace("-", " ") if loose else word:
            node = node.setdefault(char, {})
        node[""] = {}

    def piece(char: str) -> str:
        return SEPARATOR if loose and char == " " else re.escape(char)

    def build(node: dict[str, Any], after: str = "") -> str:
        ends = "" in node
        branches = [
            piece(char) + after + build(child) for char, child in sorted(node.items()) if char
        ]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        # greedy: the longer word is tried first, the word ending here second
        return f"(?:{body})?" if ends else body

    return build(tree, after_first)


def anchor(*words: str) -> re.Pattern[str]:
    """A case-insensitive pattern for any of `words` at the start of a word (not after a
    letter: "18years" has one, "stage" has no "age"), the longest first; a lookahead on their
    first letters lets the engine skip other positions fast."""
    lowered = sorted({word.lower() for word in words})
    firsts = sorted({c for word in lowered for c in (word[0], word[0].upper())})
    return re.compile(f"(?=[{re.escape(''.join(firsts))}])(?<![^\\W\\d_])(?i:{_trie(lowered)})")


# the characters other than their own case that `re.IGNORECASE` matches to an ASCII letter
# (Python's `re` takes "İ" and "ı" for "i" and "ſ" for "s"; `str.lower` maps the Kelvin sign to
# "k" itself): replaced before lowering, `folded` text matches the ASCII words case-sensitively
# wherever the text matches them case-insensitively
_FOLDS = (("İ", "i"), ("ı", "i"), ("ſ", "s"))


# the last text folded and its fold, and the same with a space before: every finder folds the
# text it is given, and `normalise` gives them all the same one (a one-entry cache, by identity)
_LAST_FOLDED: list[tuple[str, str]] = [("", "")]
_LAST_PADDED: list[tuple[str, str]] = [("", " ")]


def folded(text: str) -> str:
    """`text` in lower case, offset for offset, with the letters `re.IGNORECASE` takes for an
    ASCII letter made that letter ("İ" would lower to two characters)."""
    last = _LAST_FOLDED[0]
    if last[0] is text:
        return last[1]
    original = text
    for char, letter in _FOLDS:
        if char in text:
            text = text.replace(char, letter)
    lowered = text.lower()
    _LAST_FOLDED[0] = (original, lowered)
    return lowered


def _padded_fold(text: str) -> str:
    """`folded(text)` with a space before it."""
    last = _LAST_PADDED[0]
    if last[0] is text:
        return last[1]
    padded = " " + folded(text)
    _LAST_PADDED[0] = (text, padded)
    return padded


# the most first letters of an anchor's words searched from the first letter
_FEW_FIRSTS = 10
# the most words of an anchor looked for by `str.find`
_FEW_WORDS = 20


def _complement(character_class: str) -> str:
    """`[abc]` as `[^abc]`, `[^abc]` as `[abc]`."""
    if not (character_class.startswith("[") and character_class.endswith("]")):
        raise ValueError(f"not a character class: {character_class!r}")
    if character_class.startswith("[^"):
        return "[" + character_class[2:]
    return "[^" + character_class[1:]


class Anchor:
    """Any of `words` at the start of a word, case-insensitively, the longest first: the
    matches of `anchor(*words)` (with `not_after` as the class the character before may not
    be in, `not_before` a class the character after may not be in), found faster.

    The words are searched case-sensitively in the `folded` text, by a regex every branch of
    which starts with a literal (their first letters) or, for words starting with many
    letters, with the character before a word (`not_after` turned round), so the engine skips
    positions without trying the words; folding keeps letters letters, so a class reads the
    fold as it reads the text. The first letter's case is checked on the text. `not_after` is a character class (`[...]`).
    `also` is a pattern searched on the text as well, whose matches never overlap those of the
    words ("WHO" in capitals only).
    With `loose`, a space or a hyphen inside a word matches any run of spaces and hyphens and a
    line break into an indented line (`SEPARATOR`): "Absolute  neutrophil  count", "C reactive
    protein" for "c-reactive protein".

    Words with other than ASCII letters ("γ-gt") are searched in the fold only while the text
    holds none of them: the fold is checked for ASCII letters only. A text in which one of
    them matches (found by a character class of a letter each, then their own regex) is
    searched with `regex`.
    """

    def __init__(
        self,
        *words: str,
        not_after: str = r"[^\W\d_]",
        not_before: str | None = None,
        also: re.Pattern[str] | None = None,
        loose: bool = False,
    ) -> None:
        lowered = sorted({word.lower() for word in words})
        self._firsts = frozenset(c for word in lowered for c in (word[0], word[0].upper()))
        tail = f"(?!{not_before})" if not_before else ""
        self.also = also
        self.regex = re.compile(
            f"(?=[{re.escape(''.join(sorted(self._firsts)))}])(?<!{not_after})"
            f"(?i:{_trie(lowered, loose=loose)}){tail}"
        )
        """The same search as one regex on the text (each word with its first letter)."""
        plain = [word for word in lowered if word.isascii()]
        others = [word for word in lowered if not word.isascii()]
        # words starting with many letters are searched from the character before them (the
        # class `not_after` turned round), so the engine tries them only after a character that
        # can stand before one, not at every letter a word can start with; words starting with
        # few letters are searched from a first letter, and the character before it checked by
        # a lookbehind. `_shift` is 1 where a match starts with the word itself, 0 where it
        # starts with the character before.
        self._shift = int(len({word[0] for word in plain}) <= _FEW_FIRSTS)
        # a few words are found faster by `str.find` in the fold than by the engine trying a
        # word at every letter one can start with: where one occurs the pattern is matched;
        # a word that starts with another is found with it
        self._few: tuple[str, ...] = ()
        if len(plain) <= _FEW_WORDS and not loose:
            self._few = tuple(
                word for word in plain if not any(w != word and word.startswith(w) for w in plain)
            )
        self._folded = (
            None
            if not plain
            else re.compile(_trie(plain, f"(?<!{not_after}.)", loose=loose) + tail)
            if self._shift
            else re.compile(f"{_complement(not_after)}(?:{_trie(plain, loose=loose)}){tail}")
        )
        # searched from the character before, `_folded` is split by that character: an ASCII
        # one from a class of its own (a table look-up, where `\w` in a class costs a look-up
        # of the character's category at every position), another one checked after it (found
        # only in a text not all ASCII)
        self._split: tuple[re.Pattern[str], re.Pattern[str]] | None = None
        if plain and not self._shift:
            before = re.compile(_complement(not_after))
            ascii_before = "".join(chr(c) for c in range(128) if before.fullmatch(chr(c)))
            body = f"(?:{_trie(plain, loose=loose)}){tail}"
            self._split = (
                re.compile(f"[{re.escape(ascii_before)}]{body}"),
                re.compile(f"[^\\x00-\\x7f](?<!{not_after}){body}"),
            )
        # where no word of other than ASCII letters matches, the words' trie matches what the
        # trie of the ASCII words alone does: a text without one is searched in the fold
        self._others: tuple[re.Pattern[str], re.Pattern[str]] | None = None
        # those letters as the fold writes them: looked for there with `in` first, as a
        # case-insensitive class costs a regex step at every character of the text (every
        # letter that the class matches folds to one of them, a test checks)
        self._folded_letters = ""
        if others:
            letters = sorted({next(c for c in word if not c.isascii()) for word in others})
            self._folded_letters = "".join(sorted({folded(c) for c in letters}))
            firsts = sorted({c for word in others for c in (word[0], word[0].upper())})
            self._others = (
                re.compile(f"(?i:[{re.escape(''.join(letters))}])"),
                re.compile(
                    f"(?=[{re.escape(''.join(firsts))}])(?<!{not_after})(?i:{_trie(others, loose=loose)}){tail}"
                ),
            )

    def spans(self, text: str) -> list[tuple[int, int]]:
        """(start, end) of every match in `text`, in text order."""
        found: list[tuple[int, int]] = []
        others = self._others
        if self._folded is None or (
            others is not None
            and any(letter in _padded_fold(text) for letter in self._folded_letters)
            and others[0].search(text) is not None
            and others[1].search(text) is not None
        ):
            found = [match.span() for match in self.regex.finditer(text)]
        elif self._few:
            found = self._found_few(text)
        elif self._split is not None:
            found = self._found_split(text, self._split)
        else:
            search = self._folded.search
            firsts = self._firsts
            # a space before the text stands for its start: an offset into `padded` is one
            # more than into `text`
            padded = _padded_fold(text)
            shift = self._shift
            at = 0
            while (match := search(padded, at + shift)) is not None:
                start = match.start() - shift
                end = match.end() - 1
                if text[start] in firsts:
                    found.append((start, end))
                    at = end
                else:
                    at = start + 1
        if self.also is not None:
            found = sorted(found + [match.span() for match in self.also.finditer(text)])
        return found

    def _found_split(
        self, text: str, split: tuple[re.Pattern[str], re.Pattern[str]]
    ) -> list[tuple[int, int]]:
        """`spans` of the ASCII words, searched from the character before them (`_shift` 0)
        by the two patterns of `_split`: at each offset the one whose match starts first."""
        padded = _padded_fold(text)
        firsts = self._firsts
        search_ascii = split[0].search
        search_other = None if padded.isascii() else split[1].search
        found: list[tuple[int, int]] = []
        at = 0
        ascii_match = search_ascii(padded, at)
        other_match = None if search_other is None else search_other(padded, at)
        while ascii_match is not None or other_match is not None:
            if other_match is None or (
                ascii_match is not None and ascii_match.start() < other_match.start()
            ):
                start, end = ascii_match.span() if ascii_match is not None else (0, 0)
            else:
                start, end = other_match.span()
            end -= 1
            if text[start] in firsts:
                found.append((start, end))
                at = end
            else:
                at = start + 1
            if ascii_match is not None and ascii_match.start() < at:
                ascii_match = search_ascii(padded, at)
            if other_match is not None and other_match.start() < at and search_other is not None:
                other_match = search_other(padded, at)
        return found

    def _found_few(self, text: str) -> list[tuple[int, int]]:
        """`spans` of the ASCII words, the search of `_folded` tried only where one of
        `_few` occurs in the fold (the only places it can match), in the same order."""
        padded = _padded_fold(text)
        lowered = folded(text)
        where: set[int] = set()
        for word in self._few:
            at = lowered.find(word)
            while at >= 0:
                where.add(at)
                at = lowered.find(word, at + 1)
        found: list[tuple[int, int]] = []
        assert self._folded is not None
        match = self._folded.match
        firsts = self._firsts
        shift = self._shift
        after = 0
        for at in sorted(where):
            if at < after or (matched := match(padded, at + shift)) is None:
                continue
            start = matched.start() - shift
            end = matched.end() - 1
            if text[start] in firsts:
                found.append((start, end))
                after = end
            else:
                after = start + 1
        return found

    def matches(self, text: str) -> list[re.Match[str]]:
        """The matches of `regex` in `text` (the words' only, not `also`'s): found as `spans`
        finds them, then matched where each starts."""
        match = self.regex.match
        return [m for start, _ in self.spans(text) if (m := match(text, start)) is not None]


AGE_WORDS = ("year", "yr", "y.o", "old", "younger", "month", "week", "day", "age", "between", "from")
"""The words every age pattern needs one of: the age finder searches only the text around them."""
UNIT_WORDS = ("hour", "hr", "day", "week", "wk", "month", "year", "yr", "minute", "min", "sec")
"""The units of time (but "h" and "mo", read only after a number) the window finder searches
around."""
# both searched for at once: as no word of one list starts another word of the other, and each
# is a word of letters ("y.o" aside, after which no unit starts), the words of each list found
# are those an anchor of that list alone finds (a test checks)
_AGE_AND_UNIT = Anchor(*AGE_WORDS, *UNIT_WORDS)
_LAST_WORDS: list[tuple[str, list[tuple[int, int, str]]]] = [("", [])]


def anchor_words(text: str) -> list[tuple[int, int, str]]:
    """(start, end, word in lower case) of each of `AGE_WORDS` and `UNIT_WORDS` in `text` as an
    `Anchor` finds them, in text order (of the last text asked about, kept: both finders ask)."""
    last = _LAST_WORDS[0]
    if last[0] is text:
        return last[1]
    lowered = folded(text)
    found = [(start, end, lowered[start:end]) for start, end in _AGE_AND_UNIT.spans(text)]
    _LAST_WORDS[0] = (text, found)
    return found


def near(
    anchor: Anchor | re.Pattern[str] | list[tuple[int, int]], text: str, before: int, after: int
) -> list[tuple[int, int]]:
    """Merged ranges of `text` reaching `before` characters before and `after` characters after
    each match of `anchor` (or each of its spans, found already): the only places a pattern that
    needs the anchor can match."""
    ranges: list[tuple[int, int]] = []
    size = len(text)
    spans = (
        anchor
        if isinstance(anchor, list)
        else anchor.spans(text)
        if isinstance(anchor, Anchor)
        else (match.span() for match in anchor.finditer(text))
    )
    for found_start, found_end in spans:
        start = max(0, found_start - before)
        end = min(size, found_end + after)
        if ranges and start <= ranges[-1][1]:
            ranges[-1] = (ranges[-1][0], end)
        else:
            ranges.append((start, end))
    return ranges


Needs = re.Pattern[str] | tuple[str, ...] | None
"""What every match of a pattern contains: a cheap pattern, or words (lower case) of which it
holds one, looked for in the `folded` text (where they occur wherever the text matches them
case-insensitively) by `str.find`, which costs less than a regex trying every position."""


def _holds(needs: Needs, searched: str, lowered: str, start: int, end: int) -> bool:
    """Whether `start`-`end` holds what `needs` asks for: its pattern in `searched`, else one
    of its words in `lowered` (the folded text)."""
    if needs is None:
        return True
    if isinstance(needs, tuple):
        # a loop, not `any()` over a generator: this runs for every range of most patterns
        for word in needs:  # noqa: SIM110
            if lowered.find(word, start, end) >= 0:
                return True
        return False
    return needs.search(searched, start, end) is not None


def finditer_in(
    pattern: re.Pattern[str],
    text: str,
    ranges: list[tuple[int, int]],
    needs: Needs = None,
) -> Iterator[re.Match[str]]:
    """`pattern.finditer` over each range only (lookbehinds still see the text before it).

    `needs` is what every match of `pattern` contains (a word it cannot do without): a range
    without it is skipped unsearched.
    """
    lowered = folded(text) if isinstance(needs, tuple) else text
    for start, end in ranges:
        if needs is None or _holds(needs, text, lowered, start, end):
            yield from pattern.finditer(text, start, end)


def finditer_at(
    pattern: re.Pattern[str], text: str, ranges: list[tuple[int, int]], starts: list[int]
) -> Iterator[re.Match[str]]:
    """`finditer_in`, with `pattern` tried only at `starts` (sorted): the only offsets where a
    match of it can start (where its first word is found, say)."""
    match = pattern.match
    at_start = 0
    count = len(starts)
    for start, end in ranges:
        while at_start < count and starts[at_start] < start:
            at_start += 1
        after = start
        while at_start < count and (offset := starts[at_start]) < end:
            at_start += 1
            if offset < after:
                continue
            found = match(text, offset, end)
            if found is not None:
                yield found
                after = max(found.end(), offset + 1)


def before_each(spans: list[tuple[int, int]], reach: int) -> list[tuple[int, int, int]]:
    """(first, last, end) of the text up to `reach` characters before each of `spans` (sorted),
    merged where they overlap: `first` to `last` (a span's start) is where a match of a pattern
    that opens at most `reach` characters before a span it holds can start; `end`, the last
    span's end, is as far as its opening reaches."""
    groups: list[tuple[int, int, int]] = []
    for start, end in spans:
        first = max(0, start - reach)
        if groups and first <= groups[-1][1]:
            begin, last, stop = groups[-1]
            groups[-1] = (begin, max(last, start), max(stop, end))
        else:
            groups.append((first, start, end))
    return groups


def finditer_before(
    pattern: re.Pattern[str],
    text: str,
    lowered: str,
    ranges: list[tuple[int, int]],
    starts: re.Pattern[str],
    groups: list[tuple[int, int, int]],
    needs: Needs = None,
) -> Iterator[re.Match[str]]:
    """`finditer_from`, with the matches that start in `groups` (of `before_each`) only: where
    every match opens within reach before a span it holds, the same matches, found without
    searching the text after the spans. `starts` is searched up to a group's `end`: it looks
    ahead no further than the span of the match it opens."""
    match = pattern.match
    search = starts.search
    at_group = 0
    count = len(groups)
    for start, end in ranges:
        if needs is not None and not _holds(needs, lowered, lowered, start, end):
            continue
        while at_group < count and groups[at_group][1] < start:
            at_group += 1
        at = start
        index = at_group
        while index < count and groups[index][0] < end:
            first, last, stop = groups[index]
            index += 1
            at = max(at, first)
            last = min(last, end - 1)
            limit = min(stop, end)
            while at <= last and (found := search(lowered, at, limit)) is not None:
                offset = found.start()
                if offset > last:
                    break
                matched = match(text, offset, end)
                if matched is None:
                    at = offset + 1
                else:
                    yield matched
                    at = max(matched.end(), offset + 1)


# what nearly every pattern needs: a range without a digit holds no number to read
DIGIT = re.compile(r"\d")


def with_digits(text: str, ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The ranges that hold a digit."""
    return [(start, end) for start, end in ranges if DIGIT.search(text, start, end)]


def finditer_from(
    pattern: re.Pattern[str],
    text: str,
    lowered: str,
    ranges: list[tuple[int, int]],
    starts: re.Pattern[str],
    needs: Needs = None,
) -> Iterator[re.Match[str]]:
    """`finditer_in`, with `pattern` tried only where `starts` matches in `lowered` (the
    `folded` text): a case-sensitive pattern matching wherever a match of `pattern` can start,
    written so the regex engine skips other positions without trying it (a literal or a
    class of characters first, the character before checked by a lookbehind after it).

    `needs` is looked for in `lowered` as well (lower-case words): a range without it is skipped.
    Every match of `pattern` is non-empty, so the next is tried from where one ends, as
    `finditer` does.
    """
    match = pattern.match
    search = starts.search
    for start, end in ranges:
        if needs is not None and not _holds(needs, lowered, lowered, start, end):
            continue
        at = start
        while (found := search(lowered, at, end)) is not None:
            at = found.start()
            matched = match(text, at, end)
            if matched is None:
                at += 1
            else:
                yield matched
                at = max(matched.end(), at + 1)
