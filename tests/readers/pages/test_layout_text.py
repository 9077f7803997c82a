"""The text layout step on hand-made pages, and its properties on any text."""

from __future__ import annotations

from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from trialparse.readers.pages.entries import Entry
from trialparse.readers.pages.layout_text import text_entries


def _pairs(entries: list[Entry]) -> dict[str, str]:
    return {
        entry.text: entry.value or (entry.children[0].text if entry.children else "")
        for entry in entries
        if entry.kind == "pair"
    }


def test_handmade_label_then_value_on_the_next_lines() -> None:
    entries = text_entries("Recruitment Status\n\nRECRUITING\n\nStudy Phase\nPHASE2\n")
    assert _pairs(entries) == {"Recruitment Status": "RECRUITING", "Study Phase": "PHASE2"}
    assert [entry.field for entry in entries] == ["recruitment_status", "phases"]


def test_handmade_inline_pairs_columns_and_prefixed_labels() -> None:
    page = "Status: Completed\nType of Trial  Interventional\nStart date July 2009\n"
    assert _pairs(text_entries(page)) == {
        "Status": "Completed",
        "Type of Trial": "Interventional",
        "Start date": "July 2009",
    }


def test_handmade_prose_is_not_read_as_a_prefixed_label() -> None:
    entries = text_entries("Treatment of Hypertension\nStatus of the trial is unclear.\n")
    assert [entry.kind for entry in entries] == ["para", "para"]


def test_handmade_label_glued_to_the_value_before_it() -> None:
    entries = text_entries("Phase:\nPhase 2Accepts Healthy Volunteers?\nNo\n")
    assert _pairs(entries) == {"Phase": "Phase 2", "Accepts Healthy Volunteers": "No"}


def test_handmade_pipe_table_with_header_row_applied() -> None:
    page = (
        "Condition or disease | Intervention/treatment | Phase |\n"
        "---|---|---|\n"
        "Asthma | Drug: Fluticasone | Phase 3 |\n"
    )
    entries = text_entries(page)
    assert [(e.text, e.value, e.row) for e in entries] == [
        ("Condition or disease", "Asthma", 1),
        ("Intervention/treatment", "Drug: Fluticasone", 1),
        ("Phase", "Phase 3", 1),
    ]


def test_handmade_table_header_flattened_with_single_spaces() -> None:
    page = (
        "Condition or Disease Intervention/Treatment Phase\n"
        "  • Drug: Fluticasone\n"
        "  • Asthma, Viral\n"
        "Phase 3\n"
    )
    entries = text_entries(page)
    assert [(e.kind, e.field, [c.text for c in e.children]) for e in entries] == [
        ("row", None, []),
        ("pair", "interventions", ["Drug: Fluticasone"]),
        ("pair", "conditions", ["Asthma, Viral"]),
        ("pair", "phases", []),
    ]
    assert entries[0].cells == ("Condition or Disease", "Intervention/Treatment", "Phase")
    assert entries[-1].value == "3"


def test_handmade_header_row_written_with_runs_of_spaces() -> None:
    entries = text_entries("Secondary ID  Identifier\nNIL  NIL\n")
    assert [(e.text, e.value) for e in entries] == [("Secondary ID", "NIL"), ("Identifier", "NIL")]


def test_handmade_bullets_numbers_letters_and_nesting() -> None:
    page = (
        "Inclusion Criteria:\n"
        "• Adults\n"
        "  1. aged 18 to 65\n"
        "    a) with consent\n"
        "‣ Able to attend\n"
        "⁃ Not pregnant\n"
    )
    (heading,) = text_entries(page)
    assert heading.section == "inclusion"
    assert [(c.kind, c.marker, c.depth, c.text) for c in heading.children] == [
        ("item", "•", 0, "Adults"),
        ("item", "1.", 1, "aged 18 to 65"),
        ("item", "a)", 2, "with consent"),
        ("item", "‣", 0, "Able to attend"),
        ("item", "⁃", 0, "Not pregnant"),
    ]


def test_handmade_bilingual_block_keeps_the_english_lines() -> None:
    page = "一般向け試験名/Public title\n\n日本語\n試験\n\n英語\nA trial of tea\n"
    (entry,) = text_entries(page)
    assert entry.field == "brief_title"
    assert [child.text for child in entry.children] == ["A trial of tea"]


def test_handmade_value_cut_at_the_end_of_an_excerpt_is_flagged() -> None:
    entries = text_entries("Status\nRecruiting\nBrief Summary\nThis study tests whether te")
    assert entries[-1].children[-1].cut
    assert not text_entries("Status\nRecruiting\n")[-1].children[-1].cut


_LINES = st.lists(
    st.one_of(
        st.sampled_from(
            [
                "Status",
                "Status:",
                "Phase 2",
                "| a | b |",
                "---|---|",
                "• item",
                "  1. sub",
                "Inclusion Criteria:",
                "",
                "Sex\tBoth",
                "Condition or Disease Intervention/Treatment Phase",
                "  • Drug: Fluticasone",
                "Age  18 Years",
            ]
        ),
        st.text(st.characters(blacklist_categories=("Cs",)), max_size=40),
    ),
    max_size=30,
)


@settings(max_examples=300, deadline=None)
@given(_LINES)
def test_layout_never_fails_and_keeps_every_letter(lines: list[str]) -> None:
    text = "\n".join(lines)
    entries = text_entries(text)
    seen = "".join(
        "".join(
            [e.text, e.value, e.marker or "", *e.cells]
            + [(c.marker or "") + c.text for c in e.children]
        )
        for e in entries
    )
    assert Counter(char for char in text if char.isalnum()) <= Counter(
        char for char in seen if char.isalnum()
    )


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_layout_is_deterministic_and_ordered(text: str) -> None:
    first, second = text_entries(text), text_entries(text)
    assert first == second
    assert all(entry.kind in ("pair", "para", "item", "row") for entry in first)
