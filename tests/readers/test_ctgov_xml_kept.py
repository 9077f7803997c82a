"""The XML reader loses nothing without a word, and stays linear on wide elements.

Each case is a real download-layout record from the shared fixtures with one hand-made change
(an attribute on a mapped element, text between elements, a second copy of a mapped element,
mixed text in an unknown element, 200,000 attributes on the root); the last case is the real
record NCT02586688 of 2017-10-20, whose locations hold stray text ("backup", numbers).
"""

from __future__ import annotations

import pytest

from tests.realdata import real, real_data
from trialparse import parse_record
from trialparse.errors import WarningCode

pytestmark = real_data

NCT = "NCT00000122"


def record() -> bytes:
    return real("ctgov_xml", f"{NCT}.xml").read_bytes()


def changed(old: bytes, new: bytes) -> bytes:
    content = record()
    assert old in content
    return content.replace(old, new, 1)


def kept(content: bytes, path: str) -> object:
    study = parse_record(content)
    assert path in study.extras, sorted(study.extras)
    assert any(
        w.path == path and w.code == WarningCode.UNMAPPED_CONTENT.value for w in study.warnings
    )
    return study.extras[path]


def test_an_attribute_on_a_mapped_element_is_kept() -> None:
    content = changed(b"<brief_title>", b'<brief_title lang="en">')
    assert kept(content, "/clinical_study/brief_title/@lang") == "en"
    assert parse_record(content).brief_title  # and the title is still read


def test_text_between_mapped_elements_is_kept() -> None:
    content = changed(b"</brief_title>", b"</brief_title>stray words\n")
    assert kept(content, "/clinical_study/text()") == "stray words"


def test_a_second_copy_of_a_mapped_element_is_kept_and_the_first_read() -> None:
    first = parse_record(record()).brief_title
    content = changed(b"<brief_title>", b"<brief_title>An earlier title</brief_title><brief_title>")
    study = parse_record(content)
    assert study.brief_title == "An earlier title"
    assert kept(content, "/clinical_study/brief_title[2]") == first


def test_mixed_text_in_an_unknown_element_is_kept() -> None:
    content = changed(b"</brief_title>", b"</brief_title><note>before <b>bold</b> after</note>")
    assert kept(content, "/clinical_study/note") == {"b": "bold", "#text": "before after"}


def test_stray_text_of_a_real_record_is_kept() -> None:
    study = parse_record(real("ctgov_xml", "_other_versions", "NCT02586688__2017-10-20__1.xml"))
    strays = {p: v for p, v in study.extras.items() if p.endswith("/text()")}
    assert strays["/clinical_study/location[12]/text()"] == "10 backup"
    assert len(strays) == 11


@pytest.mark.parametrize("count", [20_000, 200_000])
def test_many_root_attributes_are_all_kept(count: int) -> None:
    # linear time is checked by the growth test in tests/fuzz (ratios, not a timing)
    attributes = b" ".join(b'a%d="v%d"' % (i, i) for i in range(count))
    content = changed(b"<clinical_study", b"<clinical_study " + attributes)
    study = parse_record(content)
    assert study.extras[f"/clinical_study/@a{count - 1}"] == f"v{count - 1}"
    # the record's own rank="1" as well
    assert sum(1 for p in study.extras if p.startswith("/clinical_study/@")) == count + 1


def wide(count: int, prefix: str) -> bytes:
    """`count` hand-made attributes whose values hold what a length-prefixed form could trip on:
    colons, digits, quotes, references, a tab by reference, a namespaced name, non-ASCII."""
    values = ["12:34", "3:x", "", "a &amp; b", "&#9;tab", "&quot;&amp;#38;", "Zürich", "x' y"]
    pairs = [f'{prefix}{i}="{values[i % len(values)]}"' for i in range(count)]
    return (" ".join(pairs) + ' xmlns:z="urn:z" z:n="spaced:value"').encode()


def test_elements_with_many_attributes_read_alike_set_aside_or_not() -> None:
    from trialparse.readers._xml import ASIDE, parse_xml
    from trialparse.readers.ctgov_xml import read_element

    content = changed(b"<clinical_study", b"<clinical_study " + wide(5_000, "r"))
    content = content.replace(
        b"<start_date>", b'<start_date type="Actual" ' + wide(ASIDE, "s") + b">"
    )
    content = content.replace(b"<eligibility>", b"<eligibility " + wide(ASIDE + 1, "e") + b">")
    content = content.replace(
        b"</clinical_study>", b"<zq " + wide(300, "q") + b">x</zq></clinical_study>"
    )
    plain = read_element(parse_xml(content))
    aside_root = parse_xml(content, set_aside=True)
    # the root's stretch of 5,000 attributes is set aside; the prefixed one and rank stay
    assert len(aside_root.attrib) == 3
    aside = read_element(aside_root)
    assert aside.data == plain.data
    assert list(aside.extras.items()) == list(plain.extras.items())
    assert aside.warnings == plain.warnings
    assert plain.extras["/clinical_study/@r3"] == "a & b"
    assert plain.extras["/clinical_study/@r4"] == "\ttab"
    assert plain.extras["/clinical_study/@r5"] == '"&#38;'
    assert plain.extras["/clinical_study/@{urn:z}n"] == "spaced:value"
    assert plain.extras["/clinical_study/zq"]["@q6"] == "Zürich"
    status = plain.data["protocolSection"]["statusModule"]
    assert status["startDateStruct"]["type"] == "ACTUAL"
    study = parse_record(content)
    assert study.status.start_date is not None
    assert study.status.start_date.type == "ACTUAL"
