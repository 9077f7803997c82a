"""The HTML reader's entry: how a page's bytes are decoded and its tree built.

Cases are the real archive page NCT01169415 of 2013-04-18 (9.6 KB, shared fixtures) with one
hand-made change each: wrapped in 300 (then 3,000) nested divs, or given "Müller" in UTF-8 and
one Latin-1 byte in its title.
"""

from __future__ import annotations

import pytest

from tests.realdata import real, real_data
from trialparse import parse_record
from trialparse.errors import UnsafeInput, WarningCode

pytestmark = real_data


def page() -> bytes:
    return real(
        "html", "ctgov_archive_history_pages", "NCT01169415", "NCT01169415_20130418.html"
    ).read_bytes()


def wrapped(depth: int) -> bytes:
    content = page()
    body = content.index(b">", content.index(b"<body")) + 1
    end = content.rindex(b"</body>")
    return content[:body] + b"<div>" * depth + content[body:end] + b"</div>" * depth + content[end:]


def test_a_page_nested_past_the_default_limit_is_read_whole() -> None:
    plain = parse_record(page(), format="html")
    deep = parse_record(wrapped(300), format="html")
    assert deep.brief_title == plain.brief_title
    assert deep.brief_title is not None
    assert deep.brief_title.startswith("Effects of Steroid")
    assert deep.status.overall == plain.status.overall
    assert deep.eligibility.inclusion == plain.eligibility.inclusion
    assert len(deep.eligibility.inclusion) == 11
    assert deep.extras == plain.extras


def test_a_page_nested_past_any_limit_is_refused_not_cut() -> None:
    with pytest.raises(UnsafeInput, match="Excessive depth"):
        parse_record(wrapped(3000), format="html")


@pytest.mark.parametrize("declared", [True, False], ids=["declares-utf-8", "declares-nothing"])
def test_a_utf8_page_with_one_latin1_byte_stays_utf8(declared: bool) -> None:
    content = page()
    title = content.index(b"Effects of Steroid")
    content = content[:title] + "Müller ".encode() + b"caf\xe9 " + content[title:]
    if not declared:
        content = content.replace(b"charset=UTF-8", b"")
    study = parse_record(content, format="html")
    assert study.brief_title is not None
    assert study.brief_title.startswith("Müller caf\ufffd Effects of Steroid")
    assert [w.code for w in study.warnings].count(WarningCode.UNDECODABLE_BYTES.value) == 1


def test_a_latin1_page_without_utf8_is_still_windows_1252() -> None:
    content = page().replace(b"charset=UTF-8", b"")
    title = content.index(b"Effects of Steroid")
    content = content[:title] + b"M\xfcller " + content[title:]
    study = parse_record(content, format="html")
    assert study.brief_title is not None
    assert study.brief_title.startswith("Müller Effects")
    assert WarningCode.UNDECODABLE_BYTES.value not in [w.code for w in study.warnings]


def test_a_page_declaring_utf8_with_no_whole_sequence_stays_utf8() -> None:
    # a stray byte inside the page's only UTF-8 sequence ("M\xc3\xc0\xbcller") leaves none
    # whole: the declared charset still holds, with the bytes replaced and a warning
    content = page()
    title = content.index(b"Effects of Steroid")
    content = content[:title] + b"M\xc3\xc0\xbcller " + content[title:]
    study = parse_record(content, format="html")
    assert study.brief_title is not None
    assert study.brief_title.startswith("M\ufffd\ufffd\ufffdller Effects")
    assert [w.code for w in study.warnings].count(WarningCode.UNDECODABLE_BYTES.value) == 1
