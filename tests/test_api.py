"""`parse_record` and paths: a `pathlib.Path` is read, a `str` that looks like one is refused."""

from __future__ import annotations

import os

import pytest

from tests.realdata import SEED
from trialparse import parse_record
from trialparse.errors import TrialParseError, UnknownFormat


def test_a_path_is_read() -> None:
    assert parse_record(SEED).nct_id == "NCT06352281"


@pytest.mark.parametrize("as_text", [str, os.fspath, lambda p: os.path.relpath(p)])
def test_a_str_naming_an_existing_file_is_refused(as_text: object) -> None:
    text = as_text(SEED)  # type: ignore[operator]
    with pytest.raises(UnknownFormat) as refused:
        parse_record(text)
    assert f"this looks like a path: pass pathlib.Path({text!r})" in str(refused.value)


def test_a_str_shaped_like_a_missing_record_file_is_refused() -> None:
    with pytest.raises(UnknownFormat, match=r"this looks like a path \(of no existing file\)"):
        parse_record("no-such-folder/NCT00000000.json")


def test_record_content_is_never_taken_for_a_path() -> None:
    content = SEED.read_text(encoding="utf-8")
    assert parse_record(content).nct_id == "NCT06352281"
    # one-line content that is not a record fails as content, not as a path
    with pytest.raises(TrialParseError) as failed:
        parse_record('{"protocolSection": 1}')
    assert "looks like a path" not in str(failed.value)
