"""Adversarial but accepted inputs for every reader, grown from real records to a chosen size.

Each shape takes a real record of the shared fixtures (tests/realdata.py) or the bundled text
record and makes one part of it huge: a criteria field, many attributes, many elements, many
small values, nesting as deep as is allowed, many locations, many table rows, a long line, many
lines. ``SHAPES[name].build(units)`` gives the input with `units` repeats of the grown part; a
unit is a few dozen bytes, so the size is about proportional to `units`.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from tests.realdata import SEED, real

V2 = ("ctgov_v2", "NCT04930887.json")
XML = ("ctgov_xml", "NCT00000122.xml")
XML_LOCATED = ("ctgov_xml", "NCT00000193.xml")
XML_STRAY = ("ctgov_xml", "_other_versions", "NCT02586688__2017-10-20__1.xml")
V1 = ("ctgov_classic_v1_json", "NCT04780763.json")
PAGE = ("html", "ctgov_archive_history_pages", "NCT01169415", "NCT01169415_20130418.html")
ICTRP = ("other_registries", "who_ictrp", "split", "DRKS00018881.xml")
EUCTR = ("other_registries", "euctr", "html", "2005-002909-23_PT.html")
ISRCTN = ("other_registries", "isrctn", "ctrdata_json", "ISRCTN20343063.json")

CRITERION = "Platelets >= 100 x 10^9/L and ECOG 0-1 within 4 weeks of enrolment"
"""One line of a hand-made criteria text: the grown part of every criteria shape."""

DEEP = 200
"""Levels of the deep shapes: deep, yet within every reader's limit (250 for JSON, 256 for
libxml2 without huge_tree, 255 for lxml's HTML parser)."""


@dataclass(frozen=True)
class Shape:
    """One adversarial input: the format it is read as and how to grow it."""

    format: str
    build: Callable[[int], bytes]
    unit: int
    """Repeats that make about one MB."""


def _bytes(*parts: str) -> bytes:
    return real(*parts).read_bytes()


def _json(*parts: str) -> Any:
    return json.loads(_bytes(*parts))


def _after(content: bytes, marker: bytes, extra: bytes) -> bytes:
    """`content` with `extra` put right after the first `marker`."""
    at = content.index(marker) + len(marker)
    return content[:at] + extra + content[at:]


def _before(content: bytes, marker: bytes, extra: bytes) -> bytes:
    """`content` with `extra` put right before the last `marker`."""
    at = content.rindex(marker)
    return content[:at] + extra + content[at:]


def _repeat_element(content: bytes, open_tag: bytes, close_tag: bytes, count: int) -> bytes:
    """`content` with its first element from `open_tag` to `close_tag` repeated `count` times."""
    start = content.index(open_tag)
    end = content.index(close_tag, start) + len(close_tag)
    return content[:start] + content[start:end] * count + content[end:]


def _criteria_lines(count: int, bullet: str = "* ") -> str:
    return "".join(f"{bullet}{CRITERION} (item {i})\n" for i in range(count))


def _nested_json(levels: int) -> Any:
    value: Any = "bottom"
    for i in range(levels):
        value = {"x": value} if i % 2 else [value]
    return value


def _nested_xml(levels: int) -> bytes:
    return b"<n>" * levels + b"bottom" + b"</n>" * levels


# --- v2 JSON -----------------------------------------------------------------------------------


def _v2(change: Callable[[dict[str, Any]], None], *, compact: bool = False) -> bytes:
    record = _json(*V2)
    change(record["protocolSection"])
    return json.dumps(record, separators=(",", ":") if compact else None).encode()


def v2_criteria(count: int) -> bytes:
    def change(protocol: dict[str, Any]) -> None:
        text = "Inclusion Criteria:\n\n" + _criteria_lines(count)
        protocol["eligibilityModule"]["eligibilityCriteria"] = text

    return _v2(change)


def v2_small_values(count: int) -> bytes:
    return _v2(lambda protocol: protocol.update(zValues=list(range(count))))


def v2_many_keys(count: int) -> bytes:
    return _v2(lambda protocol: protocol.update(zObject={f"k{i}": i for i in range(count)}))


def v2_deep(count: int) -> bytes:
    return _v2(lambda protocol: protocol.update(zDeep=[_nested_json(DEEP)] * count))


def v2_empty_objects(count: int) -> bytes:
    """Many empty objects: the most containers a byte of JSON can hold."""
    return _v2(lambda protocol: protocol.update(zEmpty=[{}] * count), compact=True)


def v2_locations(count: int) -> bytes:
    def change(protocol: dict[str, Any]) -> None:
        module = protocol["contactsLocationsModule"]
        module["locations"] = module["locations"][:1] * count

    return _v2(change)


def v2_conditions(count: int) -> bytes:
    def change(protocol: dict[str, Any]) -> None:
        protocol["conditionsModule"]["conditions"] = [f"c{i}" for i in range(count)]

    return _v2(change)


# --- legacy XML --------------------------------------------------------------------------------


def xml_root_attributes(count: int) -> bytes:
    attributes = b" ".join(b'a%d="v%d"' % (i, i) for i in range(count))
    return _after(_bytes(*XML), b"<clinical_study", b" " + attributes)


def xml_inner_attributes(count: int) -> bytes:
    """Many attributes on a mapped element (read by the pass over stray content)."""
    attributes = b" ".join(b'a%d="v%d"' % (i, i) for i in range(count))
    return _after(_bytes(*XML), b"<eligibility", b" " + attributes)


def xml_elements(count: int) -> bytes:
    extra = b"".join(b"<zextra>value %d</zextra>\n" % i for i in range(count))
    return _before(_bytes(*XML), b"</clinical_study>", extra)


def xml_empty_elements(count: int) -> bytes:
    """Many empty elements: the most elements a byte of XML can hold."""
    return _before(_bytes(*XML), b"</clinical_study>", b"<z/>" * count)


def xml_keywords(count: int) -> bytes:
    extra = b"".join(b"<keyword>k%d</keyword>\n" % i for i in range(count))
    return _before(_bytes(*XML), b"</clinical_study>", extra)


def xml_deep(count: int) -> bytes:
    extra = b"<zdeep>" + _nested_xml(DEEP) * count + b"</zdeep>"
    return _before(_bytes(*XML), b"</clinical_study>", extra)


def xml_locations(count: int) -> bytes:
    return _repeat_element(_bytes(*XML_LOCATED), b"<location>", b"</location>", count)


def xml_stray_text(count: int) -> bytes:
    """NCT02586688 of 2017-10-20, its first location (which holds stray text) repeated."""
    return _repeat_element(_bytes(*XML_STRAY), b"<location>", b"</location>", count)


def xml_criteria(count: int) -> bytes:
    text = _criteria_lines(count, "        - ").encode()
    block = b"<criteria>\n      <textblock>\n" + text + b"      </textblock>\n    </criteria>"
    content = _bytes(*XML)
    start = content.index(b"<criteria>")
    end = content.index(b"</criteria>", start) + len(b"</criteria>")
    return content[:start] + block + content[end:]


# --- classic v1 JSON ---------------------------------------------------------------------------


def _v1(change: Callable[[dict[str, Any]], None]) -> bytes:
    record = _json(*V1)
    change(record["FullStudiesResponse"]["FullStudies"][0]["Study"]["ProtocolSection"])
    return json.dumps(record).encode()


def v1_criteria(count: int) -> bytes:
    def change(protocol: dict[str, Any]) -> None:
        text = "Inclusion Criteria:\n\n" + _criteria_lines(count)
        protocol["EligibilityModule"]["EligibilityCriteria"] = text

    return _v1(change)


def v1_small_values(count: int) -> bytes:
    return _v1(lambda protocol: protocol.update(ZValues=[str(i) for i in range(count)]))


def v1_many_keys(count: int) -> bytes:
    return _v1(lambda protocol: protocol.update(ZObject={f"K{i}": str(i) for i in range(count)}))


def v1_deep(count: int) -> bytes:
    return _v1(lambda protocol: protocol.update(ZDeep=[_nested_json(DEEP)] * count))


def v1_locations(count: int) -> bytes:
    def change(protocol: dict[str, Any]) -> None:
        listing = protocol["ContactsLocationsModule"]["LocationList"]
        listing["Location"] = listing["Location"][:1] * count

    return _v1(change)


# --- HTML page ---------------------------------------------------------------------------------


def page_rows(count: int) -> bytes:
    rows = b"".join(b"<tr><th>Label %d</th><td>value %d</td></tr>\n" % (i, i) for i in range(count))
    return _before(_bytes(*PAGE), b"</table>", rows)


def page_criteria(count: int) -> bytes:
    lines = "".join(f"{i}) {CRITERION},<br>" for i in range(count)).encode()
    return _after(_bytes(*PAGE), b"<p>Inclusion Criteria:<br>\n<br>", lines)


def page_elements(count: int) -> bytes:
    extra = b"".join(b"<div>v%d</div>" % i for i in range(count))
    return _before(_bytes(*PAGE), b"</body>", extra)


def page_long_line(count: int) -> bytes:
    words = " ".join(f"word{i}" for i in range(count)).encode()
    return _before(_bytes(*PAGE), b"</body>", b"<p>" + words + b"</p>")


def page_deep(count: int) -> bytes:
    nested = b"<div>" * DEEP + b"bottom" + b"</div>" * DEEP
    return _before(_bytes(*PAGE), b"</body>", nested * count)


# --- text page ---------------------------------------------------------------------------------


def text_long_line(count: int) -> bytes:
    return (SEED.read_text() + "\n" + " ".join(f"word{i}" for i in range(count)) + "\n").encode()


def text_lines(count: int) -> bytes:
    return (SEED.read_text() + "\n" + "".join(f"line {i}\n" for i in range(count))).encode()


def text_related_trials(count: int) -> bytes:
    return (SEED.read_text() + "\n" + "A related trial's title, one more line\n" * count).encode()


def text_criteria(count: int) -> bytes:
    text = SEED.read_text()
    at = text.index("Inclusion Criteria")
    at = text.index("\n", at) + 1
    return (text[:at] + _criteria_lines(count) + text[at:]).encode()


# --- WHO ICTRP XML -----------------------------------------------------------------------------


def ictrp_criteria(count: int) -> bytes:
    text = _criteria_lines(count, "").encode()
    return _after(_bytes(*ICTRP), b"<Inclusion_Criteria>", text)


def ictrp_elements(count: int) -> bytes:
    extra = b"".join(b"<Zextra>value %d</Zextra>\n" % i for i in range(count))
    return _before(_bytes(*ICTRP), b"</Trial>", extra)


def ictrp_attributes(count: int) -> bytes:
    attributes = b" ".join(b'a%d="v%d"' % (i, i) for i in range(count))
    return _bytes(*ICTRP).replace(b"<Trial>", b"<Trial " + attributes + b">", 1)


def ictrp_lines(count: int) -> bytes:
    lines = b"".join(b"Condition %d\n" % i for i in range(count))
    return _after(_bytes(*ICTRP), b"<Condition>", lines)


# --- EU CTR HTML -------------------------------------------------------------------------------


def euctr_rows(count: int) -> bytes:
    rows = b"".join(
        b'<tr class="tricell"><td class="first">Z.%d</td><td class="second">Label %d </td>'
        b'<td class="third"> value </td></tr>\n' % (i, i)
        for i in range(count)
    )
    return _before(_bytes(*EUCTR), b"</table>", rows)


def euctr_criteria(count: int) -> bytes:
    lines = "".join(f"{i}) {CRITERION}.<br>" for i in range(count)).encode()
    content = _bytes(*EUCTR)
    at = content.index(b"Principal inclusion criteria")
    at = content.index(b'<td width="90%">', at) + len(b'<td width="90%">')
    return content[:at] + lines + content[at:]


# --- ISRCTN JSON -------------------------------------------------------------------------------


def _isrctn(change: Callable[[dict[str, Any]], None]) -> bytes:
    record = _json(*ISRCTN)
    change(record)
    return json.dumps(record).encode()


def isrctn_criteria(count: int) -> bytes:
    return _isrctn(lambda r: r["participants"].update(inclusion=_criteria_lines(count, "")))


def isrctn_small_values(count: int) -> bytes:
    return _isrctn(lambda r: r.update(zValues=[str(i) for i in range(count)]))


def isrctn_many_keys(count: int) -> bytes:
    return _isrctn(lambda r: r.update(zObject={f"k{i}": str(i) for i in range(count)}))


def isrctn_deep(count: int) -> bytes:
    return _isrctn(lambda r: r.update(zDeep=[_nested_json(DEEP)] * count))


def isrctn_centres(count: int) -> bytes:
    def change(record: dict[str, Any]) -> None:
        centres = record["participants"]["trialCentres"]
        centres["trialCentre"] = [centres["trialCentre"]] * count

    return _isrctn(change)


SHAPES: dict[str, Shape] = {
    "v2-criteria": Shape("ctgov-json", v2_criteria, 12_000),
    "v2-small-values": Shape("ctgov-json", v2_small_values, 130_000),
    "v2-many-keys": Shape("ctgov-json", v2_many_keys, 60_000),
    "v2-deep": Shape("ctgov-json", v2_deep, 800),
    "v2-empty-objects": Shape("ctgov-json", v2_empty_objects, 330_000),
    "v2-locations": Shape("ctgov-json", v2_locations, 6_000),
    "v2-conditions": Shape("ctgov-json", v2_conditions, 100_000),
    "xml-root-attributes": Shape("ctgov-xml", xml_root_attributes, 80_000),
    "xml-inner-attributes": Shape("ctgov-xml", xml_inner_attributes, 80_000),
    "xml-elements": Shape("ctgov-xml", xml_elements, 40_000),
    "xml-empty-elements": Shape("ctgov-xml", xml_empty_elements, 250_000),
    "xml-keywords": Shape("ctgov-xml", xml_keywords, 40_000),
    "xml-deep": Shape("ctgov-xml", xml_deep, 600),
    "xml-locations": Shape("ctgov-xml", xml_locations, 3_700),
    "xml-stray-text": Shape("ctgov-xml", xml_stray_text, 1_500),
    "xml-criteria": Shape("ctgov-xml", xml_criteria, 12_000),
    "v1-criteria": Shape("ctgov-json", v1_criteria, 12_000),
    "v1-small-values": Shape("ctgov-json", v1_small_values, 100_000),
    "v1-many-keys": Shape("ctgov-json", v1_many_keys, 60_000),
    "v1-deep": Shape("ctgov-json", v1_deep, 800),
    "v1-locations": Shape("ctgov-json", v1_locations, 4_000),
    "page-rows": Shape("html", page_rows, 25_000),
    "page-criteria": Shape("html", page_criteria, 12_000),
    "page-elements": Shape("html", page_elements, 60_000),
    "page-long-line": Shape("html", page_long_line, 100_000),
    "page-deep": Shape("html", page_deep, 400),
    "text-long-line": Shape("text", text_long_line, 100_000),
    "text-lines": Shape("text", text_lines, 100_000),
    "text-related-trials": Shape("text", text_related_trials, 25_000),
    "text-criteria": Shape("text", text_criteria, 12_000),
    "ictrp-criteria": Shape("ictrp-xml", ictrp_criteria, 12_000),
    "ictrp-elements": Shape("ictrp-xml", ictrp_elements, 40_000),
    "ictrp-attributes": Shape("ictrp-xml", ictrp_attributes, 80_000),
    "ictrp-lines": Shape("ictrp-xml", ictrp_lines, 70_000),
    "euctr-rows": Shape("euctr-html", euctr_rows, 8_000),
    "euctr-criteria": Shape("euctr-html", euctr_criteria, 12_000),
    "isrctn-criteria": Shape("isrctn-json", isrctn_criteria, 12_000),
    "isrctn-small-values": Shape("isrctn-json", isrctn_small_values, 100_000),
    "isrctn-many-keys": Shape("isrctn-json", isrctn_many_keys, 60_000),
    "isrctn-deep": Shape("isrctn-json", isrctn_deep, 800),
    "isrctn-centres": Shape("isrctn-json", isrctn_centres, 8_000),
}

WARM: list[tuple[str, tuple[str, ...]]] = [
    ("ctgov-json", V2),
    ("ctgov-xml", XML),
    ("ctgov-json", V1),
    ("html", PAGE),
    ("ictrp-xml", ICTRP),
    ("euctr-html", EUCTR),
    ("isrctn-json", ISRCTN),
]
"""One small real record of every reader, read before measuring (lazy imports, caches)."""
