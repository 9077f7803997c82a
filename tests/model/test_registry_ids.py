"""Registry IDs: a table of real IDs, each with where it was seen, and hand-made near-misses.

The real IDs were read from the shared fixtures (the WHO ICTRP export's `TrialID` and
`Secondary_ID` fields, the EU CTR pages, the ctrdata documents, the CT.gov pages' text).
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from trialparse.model.registry_ids import (
    ID_FORMS,
    RegistryId,
    classify_id,
    find_ids,
    registry_of,
)

# text as written, registry, normalised ID, where it was seen
REAL_IDS = [
    ("NCT04136184", "ctgov", "NCT04136184", "ICTRP export, Secondary_ID of EUCTR2019-001698-10"),
    ("ISRCTN12949496", "isrctn", "ISRCTN12949496", "isrctn/ctrdata_json"),
    ("ISRCTN71488751", "isrctn", "ISRCTN71488751", "EU CTR page A.5.1"),
    ("ACTRN12623000895684", "anzctr", "ACTRN12623000895684", "pages_dev criteria text"),
    ("ChiCTR2100050713", "chictr", "ChiCTR2100050713", "ICTRP export TrialID"),
    ("CTRI/2021/10/037531", "ctri", "CTRI/2021/10/037531", "pages_dev criteria text"),
    ("CTIS2023-507385-11-00", "ctis", "2023-507385-11-00", "ICTRP export TrialID"),
    ("2022-500244-37-00", "ctis", "2022-500244-37-00", "ctis/ctrdata_json"),
    ("EUCTR2006-002792-41-SE", "euctr", "2006-002792-41-SE", "ICTRP export TrialID"),
    ("2021-000037-14-DK", "euctr", "2021-000037-14-DK", "ICTRP export Secondary_ID"),
    ("2019-001698-10", "euctr", "2019-001698-10", "ICTRP export Secondary_ID"),
    ("2011-005852-33/3rd", "euctr", "2011-005852-33-3RD", "EU CTR page address"),
    ("2005-002909-23-PT", "euctr", "2005-002909-23-PT", "EU CTR page"),
    ("DRKS00015863", "drks", "DRKS00015863", "ICTRP export TrialID"),
    ("JPRN-jRCT2071210009", "jprn", "jRCT2071210009", "ICTRP export TrialID"),
    ("JPRN-jRCTs031210156", "jprn", "jRCTs031210156", "ICTRP export TrialID"),
    ("JPRN-UMIN000001825", "jprn", "UMIN000001825", "ICTRP export TrialID"),
    ("JapicCTI-194846", "jprn", "JapicCTI-194846", "ICTRP export Secondary_ID"),
    ("KCT0000379", "cris", "KCT0000379", "ICTRP export TrialID"),
    ("NL-OMON31535", "nl-omon", "NL-OMON31535", "ICTRP export TrialID"),
    ("NL73848.000.21", "nl-omon", "NL73848.000.21", "ICTRP export Secondary_ID"),
    ("EUPAS37728", "eu-pas", "EUPAS37728", "ICTRP export Secondary_ID"),
]

# forms of registries the fixtures hold no record of, written from each registry's own scheme
HANDMADE_IDS = [
    ("nct04136184", "ctgov", "NCT04136184"),
    ("IRCT20190101042129N1", "irct", "IRCT20190101042129N1"),
    ("PACTR201905536720185", "pactr", "PACTR201905536720185"),
    ("NTR1234", "nl-omon", "NTR1234"),
    ("NL7890", "nl-omon", "NL7890"),
    ("TCTR20200310001", "tctr", "TCTR20200310001"),
    ("SLCTR/2019/012", "slctr", "SLCTR/2019/012"),
    ("RBR-7B9P5H", "rebec", "RBR-7b9p5h"),
    ("ITMCTR2100004830", "itmctr", "ITMCTR2100004830"),
    ("ChiCTR-TRC-10001234", "chictr", "ChiCTR-TRC-10001234"),
    ("chictr-ior-17011882", "chictr", "ChiCTR-IOR-17011882"),
    ("  DRKS00015863 \n", "drks", "DRKS00015863"),
    ("2023-501234-56-00", "ctis", "2023-501234-56-00"),
]

# hand-made near-misses: none of these is an ID
NEAR_MISSES = [
    "NCT0413618",  # seven digits
    "NCT041361845",  # nine digits
    "XNCT04136184",  # inside a word
    "ISRCTN1294949",
    "ACTRN1262300089568",
    "CTRI/2021/10/03753",
    "2019-001698-1",
    "1999-001698-10",  # EudraCT numbers start in 2004: the 20xx year is required
    "2019-0016981-10",
    "2019-001698-10-PTX",
    "2023-501234-56-0",
    "DRKS0001586",
    "jRCT20712100",
    "UMIN00000182",
    "KCT000037",
    "IRCT20190101042129",
    "NL-OMON",
    "NL123",
    "RBR-7b9",
    "SLCTR/19/012",
    "Not applicable",
    "ALN-TTR02-004",  # a sponsor's protocol number
]


@pytest.mark.parametrize(("text", "registry", "expected", "seen"), REAL_IDS)
def test_real_ids(text: str, registry: str, expected: str, seen: str) -> None:
    found = classify_id(text)
    assert found == RegistryId(registry, expected, None), seen
    assert registry_of(text) == registry


@pytest.mark.parametrize(("text", "registry", "expected"), HANDMADE_IDS)
def test_handmade_ids(text: str, registry: str, expected: str) -> None:
    assert classify_id(text) == RegistryId(registry, expected, None)


@pytest.mark.parametrize("text", NEAR_MISSES)
def test_near_misses(text: str) -> None:
    assert classify_id(text) is None
    assert registry_of(text) is None


def test_find_ids_in_text_with_spans() -> None:
    text = (
        "Also registered as EudraCT No: 2019-001698-10 and NCT04136184; see "
        "EUCTR2019-001698-10-NL, not ALN-TTR02-004 or NCT041361845."
    )
    found = find_ids(text)
    assert [(f.registry, f.id) for f in found] == [
        ("euctr", "2019-001698-10"),
        ("ctgov", "NCT04136184"),
        ("euctr", "2019-001698-10-NL"),
    ]
    start, end = found[1].span or (0, 0)
    assert text[start:end] == "NCT04136184"
    assert found[2].trial_id == "2019-001698-10"
    assert found[1].trial_id == "NCT04136184"


def test_every_form_names_a_seen_example() -> None:
    assert all(form.seen and form.registry for form in ID_FORMS)


@given(st.text(max_size=200))
def test_find_ids_never_raises_and_spans_match(text: str) -> None:
    for found in find_ids(text):
        assert found.span is not None
        start, end = found.span
        assert classify_id(text[start:end]) is not None
