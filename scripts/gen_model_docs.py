"""Write docs/model.md, the data-model reference, from the pydantic models themselves.

Run: python scripts/gen_model_docs.py   (review the diff before committing)
"""

from __future__ import annotations

import enum
import types
import typing
from pathlib import Path

from pydantic import BaseModel

from trialparse import model

OUT = Path(__file__).resolve().parent.parent / "docs" / "model.md"


def type_name(annotation: object) -> str:
    """A readable name of a field's annotation."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return type_name(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        return " | ".join(type_name(arg) for arg in typing.get_args(annotation))
    if origin is list:
        return f"list[{type_name(typing.get_args(annotation)[0])}]"
    if origin is dict:
        key, value = typing.get_args(annotation)
        return f"dict[{type_name(key)}, {type_name(value)}]"
    if origin is typing.Literal:
        return " | ".join(repr(arg) for arg in typing.get_args(annotation))
    if annotation is type(None):
        return "None"
    return getattr(annotation, "__name__", str(annotation))


def main() -> None:
    """Render every model class and enum of `trialparse.model`."""
    lines = [
        "# Data model reference",
        "",
        "Generated from `trialparse.model` by `scripts/gen_model_docs.py`. Enum fields hold the",
        "ClinicalTrials.gov v2 value when it is known and the raw string otherwise (with a",
        "warning in `Study.warnings`).",
        "",
        "## Models",
        "",
    ]
    names = sorted(model.__all__, key=lambda n: (n != "Study", n))
    for name in names:
        obj = getattr(model, name)
        if isinstance(obj, type) and issubclass(obj, BaseModel):
            lines += [f"### `{name}`", "", (obj.__doc__ or "").strip().splitlines()[0], ""]
            lines += ["| field | type | holds (and the v2 path it maps to) |", "|---|---|---|"]
            for field_name, info in obj.model_fields.items():
                cell = type_name(info.annotation).replace(" | ", " \\| ")
                holds = (info.description or "").replace("|", "\\|")
                lines.append(f"| `{field_name}` | {cell} | {holds} |")
            lines.append("")
    lines += ["## Enums", ""]
    for name in names:
        obj = getattr(model, name)
        if isinstance(obj, type) and issubclass(obj, enum.Enum):
            values = ", ".join(f"`{member.value}`" for member in obj)
            lines += [f"### `{name}`", "", (obj.__doc__ or "").strip(), "", values, ""]
    OUT.parent.mkdir(exist_ok=True)
    OUT.write_text("\n".join(lines), encoding="utf-8")


if __name__ == "__main__":
    main()
