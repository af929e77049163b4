"""Schema migrations (Alembic), configured in code so they run from an installed package.

`upgrade(engine)` brings a database to the newest revision; `Store` calls it on open.
For a new revision after changing the tables in `models/store.py`:

    .venv/bin/python -m models.migrations revision "what changed"

(autogenerates `versions/NNNN_*.py` against a scratch SQLite database at head; review it).
"""
from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy.engine import Engine

HERE = Path(__file__).resolve().parent


def config(engine: Engine | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(HERE))
    cfg.set_main_option("path_separator", "os")
    if engine is not None:
        cfg.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False).replace("%", "%%"))
        cfg.attributes["engine"] = engine
    return cfg


class SchemaError(RuntimeError):
    """The database's schema is one this version of vanban cannot bring to its own."""


def head() -> str:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(config()).get_current_head()


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Migrate the database of `engine` to `revision`, in one transaction.

    Two processes opening a new database at once may both try; the one that loses
    finds the schema made and goes on."""
    from alembic.util import CommandError

    target = head() if revision == "head" else revision
    found = current(engine)
    if found == target:
        return
    try:
        command.upgrade(config(engine), revision)
    except CommandError as e:
        raise SchemaError(f"{engine.url.render_as_string()}: the database is at schema revision {found!r}, "
                          f"which this version of vanban does not know (newest: {head()!r}); "
                          f"use a newer vanban or another database ({e})") from e
    except Exception:
        if current(engine) != target:
            raise


def current(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()
