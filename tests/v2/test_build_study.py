"""`build_study` pauses the cyclic garbage collector for one record and restores it exactly."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from trialparse.errors import MalformedRecord
from trialparse.readers import ctgov_json
from trialparse.readers.base import RawRecord
from trialparse.v2 import build_study


@pytest.fixture
def collector() -> Iterator[None]:
    enabled = gc.isenabled()
    yield
    if enabled:
        gc.enable()
    else:
        gc.disable()


def _raw(protocol: object) -> RawRecord:
    return RawRecord(data={"protocolSection": protocol}, format="ctgov-json")


@pytest.mark.usefixtures("collector")
@pytest.mark.parametrize("enabled", [True, False])
def test_the_collector_is_as_the_caller_left_it(enabled: bool) -> None:
    gc.enable() if enabled else gc.disable()
    study = build_study(_raw({"identificationModule": {"nctId": "NCT01234567"}}))
    assert study.nct_id == "NCT01234567"
    assert gc.isenabled() is enabled
    with pytest.raises(MalformedRecord):
        build_study(_raw({"identificationModule": {"nctId": 5}}))
    assert gc.isenabled() is enabled


@pytest.mark.usefixtures("collector")
@pytest.mark.parametrize("enabled", [True, False])
def test_reading_json_leaves_the_collector_as_it_was(enabled: bool) -> None:
    gc.enable() if enabled else gc.disable()
    study = ctgov_json.read(b'{"protocolSection": {"identificationModule": {"nctId": "NCT01234567"}}}')
    assert study.nct_id == "NCT01234567"
    assert gc.isenabled() is enabled
    for bad in (b'{"protocolSection": ', b'{"protocolSection": {"identificationModule": 5}}'):
        with pytest.raises(MalformedRecord):
            ctgov_json.read(bad)
        assert gc.isenabled() is enabled
