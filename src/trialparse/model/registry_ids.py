"""Trial registry identifiers: recognise one, find all of them in text, normalise each.

The forms are data (`ID_FORMS`): one row per form, naming the registry it belongs to, the
regular expression of its body (without the surrounding word boundaries) and how its canonical
spelling is built. Every pattern has bounded repetition, so scanning a text is linear in its
length.

Registry names are those of `Study.registry`: `ctgov`, `isrctn`, `anzctr`, `chictr`, `ctri`,
`euctr`, `ctis`, `drks`, `jprn`, `cris`, `irct`, `pactr`, `nl-omon`, `tctr`, `slctr`, `rebec`,
`itmctr`, `lbctr`, `rpcec`, `eu-pas`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final, Literal

__all__ = ["ID_FORMS", "IdForm", "RegistryId", "classify_id", "find_ids", "registry_of"]


@dataclass(frozen=True, slots=True)
class RegistryId:
    """A registry identifier: which registry, its canonical spelling, where it was found."""

    registry: str
    id: str
    span: tuple[int, int] | None = None

    @property
    def trial_id(self) -> str:
        """The ID of the trial as a whole: an EU CTR record without its country suffix."""
        if self.registry == "euctr" and len(self.id) > 14:
            return self.id[:14]
        return self.id


@dataclass(frozen=True, slots=True)
class IdForm:
    """One written form of a registry's identifiers.

    `pattern` matches the whole ID (named group `body` is the part kept); `prefix` is put before
    the body in the canonical spelling; `case` is how the body is cased (`upper`, `lower`, `keep`).
    """

    registry: str
    pattern: str
    prefix: str
    case: Literal["upper", "lower", "keep"]
    seen: str


# Each row: registry, pattern, canonical prefix, body case, where the form was seen.
# Prefixes are matched case-insensitively ("nct01234567" is an NCT number); ICTRP puts a
# registry prefix before some IDs ("EUCTR2006-002792-41-SE", "JPRN-UMIN000001825"), which is
# accepted and dropped.
ID_FORMS: Final[tuple[IdForm, ...]] = (
    IdForm("ctgov", r"NCT(?P<body>\d{8})", "NCT", "keep", "every ClinicalTrials.gov record"),
    IdForm("isrctn", r"ISRCTN(?P<body>\d{8})", "ISRCTN", "keep", "ISRCTN12949496 (ctrdata)"),
    IdForm(
        "anzctr",
        r"ACTRN(?P<body>\d{14})",
        "ACTRN",
        "keep",
        "ACTRN12623000895684 (pages_dev criteria text)",
    ),
    # ChiCTR wrote "ChiCTR-TRC-10001234" until 2016, "ChiCTR2100050713" since.
    IdForm(
        "chictr",
        r"ChiCTR(?P<body>(?:-[A-Za-z]{3,4}-)?\d{8,10})",
        "ChiCTR",
        "upper",
        "ChiCTR2100050713 (ICTRP export)",
    ),
    IdForm(
        "ctri",
        r"CTRI/(?P<body>\d{4}/\d{2,3}/\d{6})",
        "CTRI/",
        "keep",
        "CTRI/2021/10/037531 (pages_dev criteria text)",
    ),
    # CTIS numbers run from 500000 in the middle part and always carry a two-digit suffix.
    IdForm(
        "ctis",
        r"(?:CTIS)?(?P<body>20\d{2}-5\d{5}-\d{2}-\d{2})",
        "",
        "keep",
        "CTIS2023-507385-11-00 (ICTRP export), 2022-500244-37-00 (ctrdata)",
    ),
    # EudraCT numbers; an EU CTR record adds the member state ("-PT") or "-3RD".
    IdForm(
        "euctr",
        r"(?:EUCTR|EudraCT[ :]{0,3}(?:No\.?|number)?[ :]{0,3})?"
        r"(?P<body>20\d{2}-[0-4]\d{5}-\d{2}(?:-(?:[A-Za-z]{2}|3RD))?)",
        "",
        "upper",
        "EUCTR2006-002792-41-SE (ICTRP export), 2011-005852-33/3rd (EU CTR)",
    ),
    IdForm("drks", r"DRKS(?P<body>\d{8})", "DRKS", "keep", "DRKS00015863 (ICTRP export)"),
    IdForm(
        "jprn",
        r"(?:JPRN-)?jRCT(?P<body>[a-z]\d{9}|\d{10})",
        "jRCT",
        "lower",
        "JPRN-jRCTs031210156 (ICTRP export)",
    ),
    IdForm(
        "jprn",
        r"(?:JPRN-)?UMIN(?P<body>\d{9})",
        "UMIN",
        "keep",
        "JPRN-UMIN000001825 (ICTRP export)",
    ),
    IdForm(
        "jprn",
        r"(?:JPRN-)?JapicCTI-(?P<body>\d{6})",
        "JapicCTI-",
        "keep",
        "JapicCTI-194846 (ICTRP secondary IDs)",
    ),
    IdForm(
        "jprn",
        r"(?:JPRN-)?JMA-(?P<body>IIA\d{5})",
        "JMA-",
        "upper",
        "JMA-IIA00001 (the registry's form; not in the fixtures)",
    ),
    IdForm("cris", r"KCT(?P<body>\d{7})", "KCT", "keep", "KCT0000379 (ICTRP export)"),
    IdForm(
        "irct",
        r"IRCT(?P<body>\d{10,14}N\d{1,3})",
        "IRCT",
        "upper",
        "IRCT20190101042129N1 (the registry's form; not in the fixtures)",
    ),
    IdForm(
        "pactr",
        r"PACTR(?P<body>\d{12,16})",
        "PACTR",
        "keep",
        "PACTR201905536720185 (the registry's form; not in the fixtures)",
    ),
    IdForm("nl-omon", r"NL-OMON(?P<body>\d{1,6})", "NL-OMON", "keep", "NL-OMON31535 (ICTRP)"),
    IdForm(
        "nl-omon",
        r"NTR(?P<body>\d{1,5})",
        "NTR",
        "keep",
        "NTR1234 (the Netherlands register's form; not in the fixtures)",
    ),
    # CCMO (ABR) numbers, the Dutch ethics file numbers that OMON records carry.
    IdForm(
        "nl-omon",
        r"NL(?P<body>\d{5}\.\d{3}\.\d{2})",
        "NL",
        "keep",
        "NL73848.000.21 (ICTRP secondary IDs)",
    ),
    IdForm(
        "nl-omon",
        r"NL(?P<body>\d{4,5})",
        "NL",
        "keep",
        "NL7890 (the Netherlands register's form; not in the fixtures)",
    ),
    IdForm(
        "tctr",
        r"TCTR(?P<body>\d{11})",
        "TCTR",
        "keep",
        "TCTR20200310001 (the registry's form; not in the fixtures)",
    ),
    IdForm(
        "slctr",
        r"SLCTR/(?P<body>\d{4}/\d{3})",
        "SLCTR/",
        "keep",
        "SLCTR/2019/012 (the registry's form; not in the fixtures)",
    ),
    IdForm(
        "rebec",
        r"RBR-(?P<body>[0-9A-Za-z]{6,8})",
        "RBR-",
        "lower",
        "RBR-7b9p5h (the registry's form; not in the fixtures)",
    ),
    IdForm(
        "itmctr",
        r"ITMCTR(?P<body>\d{10,13})",
        "ITMCTR",
        "keep",
        "ITMCTR2100004830 (the registry's form; not in the fixtures)",
    ),
    IdForm(
        "lbctr",
        r"LBCTR(?P<body>\d{10})",
        "LBCTR",
        "keep",
        "LBCTR2019020197 (the registry's form; not in the fixtures)",
    ),
    IdForm(
        "rpcec",
        r"RPCEC(?P<body>\d{8})",
        "RPCEC",
        "keep",
        "RPCEC00000263 (the registry's form; not in the fixtures)",
    ),
    IdForm("eu-pas", r"EUPAS(?P<body>\d{4,6})", "EUPAS", "keep", "EUPAS37728 (ICTRP)"),
)

# An ID is not part of a longer word or number: "XNCT01234567" and "NCT012345678" are not IDs.
_BEFORE = r"(?<![0-9A-Za-z])"
_AFTER = r"(?![0-9A-Za-z])"
_GROUP = re.compile(r"\(\?P<body>")


def _combined() -> re.Pattern[str]:
    parts = []
    for index, form in enumerate(ID_FORMS):
        parts.append(f"(?P<f{index}>" + _GROUP.sub(f"(?P<b{index}>", form.pattern) + ")")
    return re.compile(_BEFORE + "(?:" + "|".join(parts) + ")" + _AFTER, re.IGNORECASE)


_ANY_ID: Final = _combined()


def _make(match: re.Match[str], span: tuple[int, int] | None) -> RegistryId:
    index = int(match.lastgroup[1:]) if match.lastgroup else 0
    form = ID_FORMS[index]
    body = match.group(f"b{index}")
    if form.case == "upper":
        body = body.upper()
    elif form.case == "lower":
        body = body.lower()
    return RegistryId(form.registry, form.prefix + body, span)


def classify_id(text: str) -> RegistryId | None:
    """The registry ID that `text` is (surrounding blanks allowed), normalised; else None."""
    candidate = text.strip()
    if not candidate or len(candidate) > 64:
        return None
    # An EU CTR page address writes the country after a slash: "2011-005852-33/3rd".
    candidate = _SLASH_COUNTRY.sub(r"\1-\2", candidate)
    match = _ANY_ID.fullmatch(candidate)
    return _make(match, None) if match else None


_SLASH_COUNTRY = re.compile(r"^(20\d{2}-\d{6}-\d{2})/([A-Za-z]{2}|3rd)$", re.IGNORECASE)


def find_ids(text: str) -> list[RegistryId]:
    """Every registry ID written in `text`, in order, each with its (start, end) span."""
    return [_make(match, match.span()) for match in _ANY_ID.finditer(text)]


def registry_of(text: str | None) -> str | None:
    """The registry an ID belongs to by its form, or None when its form names none."""
    if not text:
        return None
    found = classify_id(text)
    return found.registry if found else None
