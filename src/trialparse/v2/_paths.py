"""JSON paths of kept content: ``protocolSection.contactsLocationsModule.locations[3].geoPoint``.

`join` builds one (odd keys quoted: ``a['x.y']``), `put` sets a value at one; both directions of
the v2 mapping key `Study.extras` by these paths.
"""

from __future__ import annotations

import itertools
import re
from typing import Any

__all__ = ["join", "put"]

_PLAIN_KEY = re.compile(r"[A-Za-z_$][\w$-]*")
_PATH_PART = re.compile(r"\.?([^.\[\]']+)|\[(\d+)\]|\['((?:[^'\\]|\\.)*)'\]")
_QUOTED_ESCAPE = re.compile(r"\\(.)")
PLAIN: dict[str, bool] = {}
"""Whether a key needs no quoting, by key (keys repeat across records: v2 names)."""
_PLAIN_LIMIT = 4096


def join(path: str, key: str) -> str:
    """`path` + `key` as a JSON path; odd keys (empty, with dots or brackets) are quoted."""
    plain = PLAIN.get(key)
    if plain is None:
        plain = _PLAIN_KEY.fullmatch(key) is not None
        if len(PLAIN) < _PLAIN_LIMIT:
            PLAIN[key] = plain
    if plain:
        return f"{path}.{key}" if path else key
    quoted = key.replace("\\", "\\\\").replace("'", "\\'")
    return f"{path}['{quoted}']"


def _split(path: str) -> list[str | int]:
    parts: list[str | int] = []
    for plain, index, quoted in _PATH_PART.findall(path):
        if index:
            parts.append(int(index))
        elif plain:
            parts.append(plain)
        else:
            parts.append(_QUOTED_ESCAPE.sub(r"\1", quoted))
    return parts


def put(root: dict[str, Any], path: str, value: Any) -> None:
    """Set `value` at a JSON path such as ``a.b[2].c``, creating objects on the way."""
    parts = _split(path)
    if not parts:
        return
    node: Any = root
    for part, following in itertools.pairwise(parts):
        if isinstance(part, int):
            if not isinstance(node, list) or part >= len(node):
                return
            node = node[part]
            continue
        if not isinstance(node, dict):
            return
        child = node.get(part)
        if child is None:
            child = node[part] = [] if isinstance(following, int) else {}
        node = child
    last = parts[-1]
    if isinstance(node, dict) and isinstance(last, str):
        node[last] = value
