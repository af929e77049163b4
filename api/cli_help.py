"""Help screens in the usual Unix style: `vanban extract [OPTIONS] PATH...`,
`--format FORMAT`, a flag without a value.

Typer (0.2x) writes a required argument as `{paths}`, every value as its Python type
(`<str>`, `<list[str]>`) and even flags as `<bool>`. Importing this module changes how
its parameter classes show themselves, nothing else: an argument by its metavar or
its name in capitals, an option's value by its metavar or its name in capitals, a
flag by nothing.
"""
from __future__ import annotations

from typer.core import TyperArgument, TyperOption


def _argument_name(self: TyperArgument) -> str:
    return self.metavar or (self.name or "").upper()


def _argument_usage(self: TyperArgument) -> str:
    name = _argument_name(self) + ("..." if self.nargs != 1 else "")
    return name if self.required else f"[{name}]"


def _argument_help_name(self: TyperArgument) -> str:
    return _argument_name(self) + ("..." if self.nargs != 1 else "")


def _argument_type(self: TyperArgument, ctx: object) -> str | None:
    return None  # the name column already says what it is


def _option_type(self: TyperOption, ctx: object) -> str | None:
    if self.is_flag or self.count:
        return None
    name = self.metavar or (self.name or "").upper()
    return name + ("..." if self.nargs != 1 else "")


TyperArgument.display_name_raw = property(_argument_name)  # type: ignore[assignment]
TyperArgument._usage_display_name = _argument_usage  # type: ignore[method-assign]
TyperArgument._rich_display_name = _argument_help_name  # type: ignore[method-assign]
TyperArgument.display_type_rich = _argument_type  # type: ignore[method-assign]
TyperOption.display_type_rich = _option_type  # type: ignore[method-assign]
