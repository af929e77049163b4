"""Schema migrations (Alembic), configured in code so they run from an installed package.

`upgrade(engine)` brings a database to the newest revision; `Store` calls it on open.
A database already at the newest revision is recognized without loading Alembic (it
costs a second at every `vanban` command otherwise).

For a new revision after changing the tables in `models/store.py`:

    .venv/bin/python -m models.migrations revision "what changed"

(autogenerates `versions/NNNN_*.py` against a scratch SQLite database at head; review it).
"""
from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import inspect, text
from sqlalchemy.engine import Engine

if TYPE_CHECKING:
    from alembic.config import Config

HERE = Path(__file__).resolve().parent


def managed(name: str | None, type_: str, parent_names: dict) -> bool:  # noqa: ARG001
    """Whether autogenerate compares an object with the tables of `models.store`: not the
    search indexes that revision 0004 writes by hand (FTS5 tables and their shadow tables
    on SQLite, GIN and pattern indexes on PostgreSQL), which no table declares."""
    return not (name or "").startswith(("search_", "ix_search_"))


class SchemaError(RuntimeError):
    """The database's schema is one this version of vanban cannot bring to its own."""


def config(engine: Engine | None = None) -> "Config":
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(HERE))
    cfg.set_main_option("path_separator", "os")
    if engine is not None:
        cfg.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False).replace("%", "%%"))
        cfg.attributes["engine"] = engine
    return cfg


@cache
def head() -> str:
    """The newest revision: the one no other revision follows (read from the files)."""
    revisions, parents = set(), set()
    for path in (HERE / "versions").glob("[0-9]*.py"):
        source = path.read_text(encoding="utf-8")
        revisions.add(re.search(r"^revision\s*=\s*['\"](\w+)['\"]", source, re.M).group(1))
        parent = re.search(r"^down_revision\s*=\s*['\"](\w+)['\"]", source, re.M)
        if parent:
            parents.add(parent.group(1))
    heads = revisions - parents
    assert len(heads) == 1, f"migrations must form one line, heads: {heads}"
    return heads.pop()


def current(engine: Engine) -> str | None:
    """The database's revision (None for a new database)."""
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Migrate the database of `engine` to `revision`, in one transaction.

    Two processes opening a new database at once may both try; the one that loses
    finds the schema made and goes on."""
    target = head() if revision == "head" else revision
    found = current(engine)
    if found == target:
        return
    from alembic import command
    from alembic.util import CommandError

    try:
        command.upgrade(config(engine), revision)
    except CommandError as e:
        raise SchemaError(f"{engine.url.render_as_string()}: the database is at schema revision {found!r}, "
                          f"which this version of vanban does not know (newest: {head()!r}); "
                          f"use a newer vanban or another database ({e})") from e
    except Exception:
        if current(engine) != target:
            raise
