"""The audit of kept content: the check of all objects at one schema position at once finds an
unknown key exactly where the object-by-object walk finds one (kept here as the reference)."""

from __future__ import annotations

from typing import Any

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.fuzz.harness import JSON_VALUE, json_paths
from tests.realdata import real_data, real_files
from trialparse.v2 import _mapper
from trialparse.v2._mapper import CHILDREN, KNOWN, _grouped_unknown, _has_unknown


def _reference(value: Any, schema: str) -> bool:
    stack = [(value, schema)]
    while stack:
        node, node_schema = stack.pop()
        nodes = [node] if type(node) is dict else []
        if type(node) is list:
            nodes = [item for item in node if type(item) is dict]
        for item in nodes:
            if not item.keys() <= KNOWN[node_schema]:
                return True
            for key, child in CHILDREN.get(node_schema, {}).items():
                if item.get(key) is not None:
                    stack.append((item[key], child))
    return False


KEPT = [
    (record[key], CHILDREN["Study"][key])
    for record in (orjson.loads(p.read_bytes()) for p in real_files("ctgov_v2", "NCT*.json")[::25])
    for key in ("resultsSection", "derivedSection", "documentSection")
    if key in record
]


def test_handmade_unknown_key_deep_in_a_list_is_found() -> None:
    section = {
        "conditionBrowseModule": {"meshes": [{"id": "D1", "term": "x"}, {"id": "D2", "bad": 1}]}
    }
    assert _has_unknown(section, "DerivedSection") is True
    assert _reference(section, "DerivedSection") is True
    section["conditionBrowseModule"]["meshes"][1] = {"id": "D2"}
    assert _has_unknown(section, "DerivedSection") is False
    assert _grouped_unknown(section, "DerivedSection") is False


class _Key(str):
    """A str subclass as a key (hand-made): left to the Python audit, which compares it."""


def test_the_walk_leaves_what_it_cannot_compare_alone_to_python() -> None:
    walk = _mapper._HAS_UNKNOWN
    if walk is None:
        pytest.skip("the C extension trialparse.readers._nesting is not built here")
    known = {"conditionBrowseModule": {"meshes": [{_Key("id"): "D1"}]}}
    assert walk(known, "DerivedSection", KNOWN, CHILDREN) is None
    assert _has_unknown(known, "DerivedSection") is False
    unknown = {"conditionBrowseModule": {"meshes": [{_Key("zId"): "D1"}]}}
    assert _has_unknown(unknown, "DerivedSection") is True
    assert _has_unknown({1: "a"}, "DerivedSection") is True
    deep: Any = {"id": "D1"}
    for _ in range(600):  # a schema that holds itself, followed further than the walk goes
        deep = {"x": deep}
    loop = {"Node": frozenset({"x", "id"})}
    assert walk(deep, "Node", loop, {"Node": {"x": "Node"}}) is None
    assert walk({"x": {"x": {"id": 1, "zz": 2}}}, "Node", loop, {"Node": {"x": "Node"}}) is True
    with pytest.raises(KeyError):
        walk({"a": 1}, "NoSuchSchema", KNOWN, CHILDREN)
    with pytest.raises(TypeError):
        walk({}, "DerivedSection", list(KNOWN), CHILDREN)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        walk({"a": 1}, "Node", {"Node": ["a"]}, {})  # type: ignore[dict-item]
    with pytest.raises(TypeError):
        walk({"a": 1}, "Node", {"Node": frozenset("a")}, {"Node": ["a"]})  # type: ignore[dict-item]


@real_data
@settings(max_examples=200, deadline=None)
@given(st.data())
def test_same_answer_as_the_object_by_object_walk(data: st.DataObject) -> None:
    value, schema = data.draw(st.sampled_from(KEPT or [({}, "DerivedSection")]))
    value = orjson.loads(orjson.dumps(value))
    for _ in range(data.draw(st.integers(0, 3))):
        paths = list(json_paths(value))
        if not paths:
            break
        path = data.draw(st.sampled_from(paths))
        parent: Any = value
        for key in path[:-1]:
            parent = parent[key]
        if data.draw(st.booleans()):
            parent[path[-1]] = data.draw(JSON_VALUE)
        elif isinstance(parent, dict):
            parent["x" + data.draw(st.text(max_size=4))] = 1
    expected = _reference(value, schema)
    assert _has_unknown(value, schema) == expected
    assert _grouped_unknown(value, schema) == expected
    if _mapper._HAS_UNKNOWN is not None:
        assert _mapper._HAS_UNKNOWN(value, schema, KNOWN, CHILDREN) == expected
