"""Error paths of the XML, ICTRP and EU CTR readers, on hand-made bad inputs (no real record).

Each bad input raises a `TrialParseError` subclass that names the record (the NCT ID or
registry ID in the bytes before the fault, else the path) and says where it went wrong."""

from __future__ import annotations

from pathlib import Path

import pytest

from trialparse import parse_record
from trialparse.errors import MalformedRecord, TrialParseError, UnsafeInput
from trialparse.readers import ctgov_xml, euctr, ictrp

# hand-made heads of a legacy record and of an ICTRP export
NCT = b"<clinical_study><id_info><nct_id>NCT01234567</nct_id></id_info>"
ICT = b"<Trials_downloaded_from_ICTRP><Trial><main><TrialID>ISRCTN12345678</TrialID>"
END = b"</clinical_study>"
LAUGHS = (
    b'<!DOCTYPE c [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
    b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>'
)

# name, reader, hand-made input, exception, record named, text the location holds
CASES = [
    ("too deep", ctgov_xml.read, NCT + b"<a>" * 300 + b"</a>" * 300 + END,
     MalformedRecord, "NCT01234567", "(depth 256)"),
    ("unclosed tag", ctgov_xml.read, NCT + b"<brief_title>x" + END,
     MalformedRecord, "NCT01234567", "(column 95)"),
    ("bad bytes", ctgov_xml.read,
     b'<?xml version="1.0" encoding="utf-8"?>' + NCT + b"<brief_title>\xff\xfe</brief_title>" + END,
     MalformedRecord, "NCT01234567", "in /clinical_study/brief_title"),
    ("unknown encoding", ctgov_xml.read, b'<?xml version="1.0" encoding="klingon"?>' + NCT + END,
     MalformedRecord, None, "(column 39)"),
    ("external entity", ctgov_xml.read,
     b'<!DOCTYPE c [<!ENTITY x SYSTEM "http://127.0.0.1:9/x">]>' + NCT + b"<brief_title>&x;</brief_title>" + END,
     UnsafeInput, "NCT01234567", "<!DOCTYPE>"),
    ("billion laughs", ctgov_xml.read, LAUGHS + NCT + b"<brief_title>&c;</brief_title>" + END,
     UnsafeInput, "NCT01234567", "<!DOCTYPE>"),
    ("external DTD", ctgov_xml.read,
     b'<!DOCTYPE clinical_study SYSTEM "http://127.0.0.1:9/c.dtd">' + NCT + END,
     UnsafeInput, "NCT01234567", "<!DOCTYPE>"),
    ("undeclared entity", ctgov_xml.read, NCT + b"<brief_title>&nbsp;</brief_title>" + END,
     MalformedRecord, "NCT01234567", "in /clinical_study/brief_title"),
    ("truncated", ctgov_xml.read, NCT + b"<brief_title>A stu",
     MalformedRecord, "NCT01234567", "in /clinical_study/brief_title"),
    ("empty", ctgov_xml.read, b"", MalformedRecord, None, "(column 1)"),
    ("wrong root", ctgov_xml.read, b"<study><nct_id>NCT01234567</nct_id></study>",
     MalformedRecord, "NCT01234567", "line 1"),
    ("ICTRP too deep", ictrp.read, ICT + b"<x>" * 300 + b"</x>" * 300,
     MalformedRecord, "ISRCTN12345678", "/Trials_downloaded_from_ICTRP/Trial/main/"),
    ("ICTRP truncated", ictrp.read, ICT + b"<public_title>x",
     MalformedRecord, "ISRCTN12345678", "/Trial/main/public_title"),
    ("ICTRP external entity", ictrp.read,
     b'<!DOCTYPE T [<!ENTITY x SYSTEM "file:///etc/passwd">]>' + ICT + b"&x;",
     UnsafeInput, "ISRCTN12345678", "<!DOCTYPE>"),
    ("ICTRP wrong root", ictrp.read, b"<Studies><TrialID>ISRCTN12345678</TrialID></Studies>",
     MalformedRecord, "ISRCTN12345678", "line 1"),
    ("EU CTR no fields", euctr.read, b"<html><body><p>EudraCT Number: 2004-000001-11</p></body></html>",
     MalformedRecord, "2004-000001-11", "html"),
    ("EU CTR empty", euctr.read, b"", MalformedRecord, None, "html"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("reader", "content", "error", "record", "where"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_bad_input_names_record_and_place(
    reader: object, content: bytes, error: type[TrialParseError], record: str | None, where: str
) -> None:
    with pytest.raises(error) as caught:
        reader(content)  # type: ignore[operator]
    assert caught.value.record_id == record
    assert caught.value.location is not None
    assert where in f"{caught.value.location} {caught.value.message}"
    assert "XML_PARSE_HUGE" not in str(caught.value)
    assert ", line 1, column" not in caught.value.message  # libxml2's own position is dropped


def test_too_deep_message_is_plain() -> None:
    with pytest.raises(MalformedRecord) as caught:
        parse_record(NCT + b"<a>" * 300 + b"</a>" * 300 + END)
    assert caught.value.message == (
        "not well-formed XML: elements nested more than 256 levels deep (the limit)"
        " (column 831, in /clinical_study/a/a/.../a/a (depth 256))"
    )
    assert caught.value.location == "line 1"
    assert str(caught.value).startswith("NCT01234567: line 1: not well-formed XML")


def test_path_named_when_no_id(tmp_path: Path) -> None:
    file = tmp_path / "hand-made.xml"
    file.write_bytes(b"<clinical_study><brief_title>x")
    with pytest.raises(MalformedRecord) as caught:
        parse_record(file, "ctgov-xml")
    assert caught.value.record_id == str(file)
    assert caught.value.location == "line 1"
    assert caught.value.message.endswith("(column 31, in /clinical_study/brief_title)")


def test_id_of_the_trial_at_fault() -> None:
    # an export of two trials broken in the second: the second trial's ID is named
    first = b"<Trial><main><TrialID>ISRCTN11111111</TrialID></main></Trial>"
    content = (
        b"<Trials_downloaded_from_ICTRP>"
        + first
        + b"<Trial><main><TrialID>ISRCTN22222222</TrialID><x>"
    )
    with pytest.raises(MalformedRecord) as caught:
        list(ictrp.iter_trials(content))
    assert caught.value.record_id == "ISRCTN22222222"


def test_plain_doctype_is_read() -> None:
    # a DOCTYPE that declares nothing and names no DTD is read as before
    study = ctgov_xml.read(
        b"<!DOCTYPE clinical_study>" + NCT + b"<brief_title>T</brief_title>" + END
    )
    assert (study.nct_id, study.brief_title) == ("NCT01234567", "T")
