"""Safe XML parsing (`trialparse.readers._xml`): entity bombs, XXE, external DTDs, bad syntax.

All inputs here are hand-made attack documents (named ``handmade_*``); the well-formed
baseline is the real record ctgov_xml/NCT02931214.xml of the real-data folder.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pytest_httpserver import HTTPServer

from tests.realdata import real, real_data
from trialparse import parse_record
from trialparse.errors import MalformedRecord, TrialParseError, UnsafeInput
from trialparse.model import Study
from trialparse.readers._xml import parse_xml, text_of
from trialparse.readers.ctgov_xml import read


def _billion_laughs() -> bytes:
    entities = [b'<!ENTITY lol0 "lol">']
    for level in range(1, 10):
        entities.append(b'<!ENTITY lol%d "%s">' % (level, b"&lol%d;" % (level - 1) * 10))
    return (
        b'<?xml version="1.0"?>\n<!DOCTYPE clinical_study [\n'
        + b"\n".join(entities)
        + b"\n]>\n<clinical_study><brief_title>&lol9;</brief_title></clinical_study>"
    )


HANDMADE_XXE = (
    b'<?xml version="1.0"?>\n'
    b'<!DOCTYPE clinical_study [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
    b"<clinical_study><id_info><nct_id>&xxe;</nct_id></id_info></clinical_study>"
)
HANDMADE_PARAMETER_XXE = (
    b'<?xml version="1.0"?>\n'
    b'<!DOCTYPE clinical_study [<!ENTITY % remote SYSTEM "http://127.0.0.1:9/evil.dtd"> %remote;]>\n'
    b"<clinical_study/>"
)
HANDMADE_EXTERNAL_DTD = (
    b'<?xml version="1.0"?>\n'
    b'<!DOCTYPE clinical_study SYSTEM "file:///etc/passwd">\n'
    b"<clinical_study><brief_title>x</brief_title></clinical_study>"
)


def test_billion_laughs_refused_fast() -> None:
    bomb = _billion_laughs()
    started = time.perf_counter()
    with pytest.raises(UnsafeInput, match="entities"):
        read(bomb, path="handmade_billion_laughs.xml")
    assert time.perf_counter() - started < 1.0


def test_billion_laughs_in_utf16_refused() -> None:
    # the byte check cannot see it; libxml2's amplification limit or the DTD check must
    bomb = _billion_laughs().replace(b'<?xml version="1.0"?>\n', b"").decode().encode("utf-16")
    with pytest.raises(UnsafeInput):
        read(bomb, path="handmade_billion_laughs_utf16.xml")


@pytest.mark.parametrize(
    "data",
    [HANDMADE_XXE, HANDMADE_PARAMETER_XXE, HANDMADE_EXTERNAL_DTD],
    ids=["handmade_xxe_file", "handmade_xxe_parameter_entity", "handmade_external_dtd"],
)
def test_external_entities_refused_never_fetched(data: bytes) -> None:
    with pytest.raises(UnsafeInput) as info:
        read(data, path="handmade.xml")
    assert "root:" not in str(info.value)  # nothing of /etc/passwd leaks into the message


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
def test_nothing_is_fetched(httpserver: HTTPServer, encoding: str) -> None:
    # UTF-16 hides the declarations from the byte check: libxml2 itself must not fetch
    url = httpserver.url_for("/evil.dtd")
    httpserver.expect_request("/evil.dtd").respond_with_data('<!ENTITY leak "leaked">')
    documents = [
        f'<!DOCTYPE clinical_study SYSTEM "{url}"><clinical_study>&leak;</clinical_study>',
        f'<!DOCTYPE clinical_study [<!ENTITY leak SYSTEM "{url}">]>'
        "<clinical_study><brief_title>&leak;</brief_title></clinical_study>",
        f'<!DOCTYPE clinical_study [<!ENTITY % p SYSTEM "{url}"> %p;]><clinical_study/>',
    ]
    for document in documents:
        with pytest.raises(TrialParseError) as info:
            read(document.encode(encoding), path="handmade_remote.xml")
        assert "leaked" not in str(info.value)
    assert httpserver.log == []


def test_xxe_through_parse_record(tmp_path: Path) -> None:
    path = tmp_path / "handmade_xxe.xml"
    path.write_bytes(HANDMADE_XXE)
    with pytest.raises(UnsafeInput):
        parse_record(path)


def test_undeclared_entity_is_malformed_with_line() -> None:
    with pytest.raises(MalformedRecord) as info:
        parse_xml(b"<clinical_study>\n<brief_title>&nbsp;</brief_title>\n</clinical_study>")
    assert info.value.location == "line 2"


def test_tag_mismatch_names_line() -> None:
    # shaped on the one malformed download left out of the real records (NCT02654730, 2017-08-08)
    data = b"<clinical_study>\n<id_info/>\n<last_known_status>Recruiting</overall_status>\n</clinical_study>"
    with pytest.raises(MalformedRecord) as info:
        read(data, path="handmade_tag_mismatch.xml")
    assert info.value.location == "line 3"
    assert info.value.record_id == "handmade_tag_mismatch.xml"


def test_str_with_declared_encoding() -> None:
    data = '<?xml version="1.0" encoding="ISO-8859-1"?><clinical_study><brief_title>Café</brief_title></clinical_study>'
    assert read(data).brief_title == "Café"


@real_data
def test_real_record_as_str_and_bytes_agree() -> None:
    data = real("ctgov_xml", "NCT02931214.xml").read_bytes()
    from_bytes = read(data)
    from_str = read(data.decode("utf-8"))
    assert from_bytes.model_dump() == from_str.model_dump()


def test_text_of_collapses_whitespace() -> None:
    root = parse_xml(b"<a><b>\n  Childhood   Germ\n  Cell Tumor\n</b><c>  </c></a>")
    assert text_of(root.find("b")) == "Childhood Germ Cell Tumor"
    assert text_of(root.find("c")) is None
    assert text_of(None) is None


@settings(max_examples=80, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(list("<>/!&;%[]\"' =?abcdENTITYDOCTYPEclinical_study\n")),
        max_size=200,
    )
)
def test_markup_like_text_gives_study_or_trialparse_error(data: str) -> None:
    try:
        result = read(data)
    except TrialParseError:
        return
    assert isinstance(result, Study)


WIDE = " ".join(f'a{i}="v{i}"' for i in range(5_000))
"""Enough attributes on one element for the reader to set them aside while parsing."""


@pytest.mark.parametrize(
    "content",
    [
        ('<?xml version="1.0" encoding="UTF-16"?>\n' + HANDMADE_XXE.decode()[22:])
        .replace("<clinical_study>", f"<clinical_study {WIDE}>")
        .encode("utf-16"),
        HANDMADE_XXE.replace(b"<clinical_study>", f"<clinical_study {WIDE}>".encode()),
        _billion_laughs().replace(b"<clinical_study>", f"<clinical_study {WIDE}>".encode()),
    ],
    ids=["handmade_utf16_xxe_wide", "handmade_xxe_wide", "handmade_bomb_wide"],
)
def test_wide_documents_with_entities_are_refused(content: bytes) -> None:
    with pytest.raises(UnsafeInput):
        read(content, path="handmade_wide.xml")


def test_a_wide_document_that_is_not_well_formed_names_its_line() -> None:
    content = f'<?xml version="1.0"?>\n<clinical_study {WIDE}>\n<a></b></clinical_study>'
    with pytest.raises(MalformedRecord) as raised:
        read(content.encode(), path="handmade_wide_broken.xml")
    assert raised.value.location == "line 3"


def test_a_wide_document_with_another_root_names_its_line() -> None:
    content = f'<?xml version="1.0"?>\n<!-- a <note> -->\n<other_root {WIDE}><x/></other_root>'
    with pytest.raises(MalformedRecord, match="clinical_study") as raised:
        read(content.encode(), path="handmade_wide_other_root.xml")
    assert raised.value.location == "line 3"
