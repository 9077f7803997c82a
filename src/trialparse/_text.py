"""Small text helpers shared by readers and the normaliser."""

from __future__ import annotations

import re
from operator import itemgetter

__all__ = ["collapse_whitespace", "escape_backslashes", "unescape_markdown"]

# CT.gov v2 markup escapes markdown punctuation: "\>" "\<" "\*" "\_" "\[" "\~" ...
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!<>|~=^&\"'])")
# the escaped character, as a callable: Python 3.11 expands a template such as r"\1" in Python
# code for every match
_ESCAPED = itemgetter(1)


def unescape_markdown(text: str) -> str:
    """Resolve markdown backslash escapes: ``\\>`` → ``>``, ``\\\\`` → ``\\``."""
    if "\\" not in text:
        return text
    return _MD_ESCAPE.sub(_ESCAPED, text)


def escape_backslashes(text: str) -> str:
    """The inverse of `unescape_markdown` on its own output: double every backslash."""
    return text.replace("\\", "\\\\")


def collapse_whitespace(text: str) -> str:
    """Runs of whitespace to one space, trimmed (`str.split` splits on exactly the characters
    a regex `\\s` matches, and faster)."""
    return " ".join(text.split())
