"""The field tables of `docs/records.md`, made from the pydantic models of the contract
(`models.records`), so that the prose and the code cannot drift apart.

In the Markdown, a table sits between `<!-- fields: Model -->` and `<!-- /fields -->`;
`render(text)` rewrites every such block from the model of that name. Run

    python -m api.contract_docs            # rewrite docs/records.md
    python -m api.contract_docs --check    # exit 1 if it is not what the models say

`tests/test_docs.py` runs the check.
"""
from __future__ import annotations

import re
import sys
import types
import typing
from pathlib import Path

from pydantic import BaseModel

from models import records

DOC = Path(__file__).resolve().parent.parent / "docs" / "records.md"
BLOCK = re.compile(r"(<!-- fields: (\w+) -->\n)(.*?)(<!-- /fields -->)", re.S)
MODELS: dict[str, type[BaseModel]] = {
    name: obj for name, obj in vars(records).items()
    if isinstance(obj, type) and issubclass(obj, BaseModel) and obj.__module__ == records.__name__
    and not name.startswith("_")
}


def type_words(annotation: typing.Any) -> str:
    """A field's type as the tables write it: `str or null`, `list of Member`, one of `a`, `b`."""
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in args if a is not type(None)]
        words = " or ".join(type_words(a) for a in inner)
        return f"{words} or null" if len(inner) < len(args) else words
    if origin is typing.Literal:
        return "one of " + ", ".join(f"`{a}`" for a in args)
    if origin is list:
        return f"list of {type_words(args[0])}"
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return f"[{annotation.__name__}](#{annotation.__name__.lower()})"
    return getattr(annotation, "__name__", str(annotation))


def _default(info: typing.Any) -> str:
    if info.is_required():
        return "required"
    if info.default_factory is not None:
        return "`[]`" if info.default_factory is list else "empty"
    if info.default is None:
        return "null"
    return f"`{info.default!r}`".replace("'", '"')


def field_table(model: type[BaseModel]) -> str:
    """The model's fields as a Markdown table, after an anchor the type column links to."""
    lines = [f'<a id="{model.__name__.lower()}"></a>', "", "| field | type | default | meaning |", "|---|---|---|---|"]
    for name, info in model.model_fields.items():
        meaning = (info.description or "").replace("|", "\\|")
        lines.append(f"| `{name}` | {type_words(info.annotation)} | {_default(info)} | {meaning} |")
    return "\n".join(lines) + "\n"


def render(text: str) -> str:
    """`text` with every fields block made anew from its model."""
    def block(m: re.Match) -> str:
        name = m.group(2)
        if name not in MODELS:
            raise KeyError(f"docs/records.md: no model {name!r} in models.records (blocks name one of "
                           f"{', '.join(sorted(MODELS))})")
        return f"{m.group(1)}{field_table(MODELS[name])}{m.group(4)}"

    return BLOCK.sub(block, text)


def main(argv: list[str]) -> int:
    text = DOC.read_text(encoding="utf-8")
    fresh = render(text)
    if "--check" in argv:
        if fresh != text:
            print(f"{DOC}: its field tables differ from models/records.py; run python -m api.contract_docs",
                  file=sys.stderr)
            return 1
        return 0
    DOC.write_text(fresh, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
