"""Format detection by content: leading whitespace, BOMs, encodings, XML prologs."""

from __future__ import annotations

import pytest

from trialparse.errors import UnknownFormat
from trialparse.readers.detect import decode_text, detect_format


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b'{"protocolSection": {}}', "ctgov-json"),
        # hand-made: an ISRCTN record as ctrdata stores it, and JSON that only names the key
        (b'{\n  "isrctn": "20343063",\n  "trialDescription": {}}', "isrctn-json"),
        (b'{"trial": {"isrctn": "20343063"}}', "ctgov-json"),
        (b'\n\t  [{"protocolSection": {}}]', "ctgov-json"),
        (b'\xef\xbb\xbf{"a": 1}', "ctgov-json"),
        ('{"a": 1}'.encode("utf-16"), "ctgov-json"),
        (b'<?xml version="1.0" encoding="UTF-8"?>\n<clinical_study rank="1">', "ctgov-xml"),
        (b"<!-- generated -->\n<clinical_study>", "ctgov-xml"),
        (b"<!DOCTYPE html>\n<html><head>", "html"),
        (b"  <html lang='en'>", "html"),
        (
            b'<?xml version="1.0"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0//EN" "x">\n<html>',
            "html",
        ),
        # hand-made fragments of the trial site's page, starting at a block of its body
        (b"<main><h1>A trial</h1><dl><dt>NCT ID</dt><dd>NCT06352281</dd></dl>", "html"),
        (b"\n<section><h2>Basic Information</h2>", "html"),
        (b"<dl><dt>Recruitment Status</dt><dd>RECRUITING</dd></dl>", "html"),
        (b"<!-- page -->\n<h1>Efficacy and Safety</h1>", "html"),
        # hand-made: a WHO ICTRP export, and one of its trials on its own
        (
            b"<?xml version='1.0' encoding='UTF-8' ?>\n<Trials_downloaded_from_ICTRP>\n<Trial>",
            "ictrp-xml",
        ),
        (b"<Trial><TrialID>DRKS00015863</TrialID></Trial>", "ictrp-xml"),
        (b"<Trials><Trial/></Trials>", "ctgov-xml"),
        # hand-made: an EU CTR page's banner and summary row
        (
            b"<!DOCTYPE html><html><body><span>EU Clinical Trials Register</span>"
            b"<td>EudraCT Number:</td><td>2005-002909-23</td>",
            "euctr-html",
        ),
        (b"<html><body><p>EU Clinical Trials Register</p></body></html>", "html"),
        (b"Efficacy and Safety of CAR-T Cells\n\nNCT ID: NCT06352281", "text"),
        ("Étude de phase 2\n".encode("cp1252"), "text"),
    ],
)
def test_detect(content: bytes, expected: str) -> None:
    assert detect_format(content) == expected
    if expected != "ctgov-json" or not content.startswith(b"\xff\xfe"):
        assert detect_format(decode_text(content)) == expected


@pytest.mark.parametrize("content", [b"", b"   \n\t", ""])
def test_empty_input_is_unknown(content: bytes | str) -> None:
    with pytest.raises(UnknownFormat, match="empty"):
        detect_format(content)


def test_decode_text_falls_back_to_cp1252() -> None:
    assert decode_text("Ménière".encode("cp1252")) == "Ménière"
    assert decode_text("Ménière".encode()) == "Ménière"


def test_binary_junk_is_unknown() -> None:
    # hand-made: bytes of no text encoding
    with pytest.raises(UnknownFormat, match="binary"):
        detect_format(bytes(range(256)) * 4)


def test_v2_record_with_a_non_ascii_head_is_told_by_its_first_bytes() -> None:
    # hand-made: non-ASCII text in the first 512 bytes, control characters past them
    head = '{"protocolSection": {"identificationModule": {"briefTitle": "Étude ' + "é" * 300
    assert detect_format(head.encode() + b'"}}}') == "ctgov-json"
    assert detect_format(head.encode() + b"x" * 200 + b"\x01" * 30) == "ctgov-json"
    with pytest.raises(UnknownFormat, match="binary"):  # 30 of the first 512 characters
        detect_format(head.encode() + b"\x01" * 30 + b"x" * 200)
    # within the first 512 characters only as many as the ASCII bytes that make them up
    assert detect_format(b'{"hasResults": "' + b"\xff" * 700 + b"\x01" * 25 + b"x" * 500) == (
        "ctgov-json"
    )
