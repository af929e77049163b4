"""`python -m models.migrations revision "what changed"`: autogenerate the next revision
by comparing the tables of `models.store` with a scratch SQLite database at head."""
import sys
import tempfile

from alembic import command
from sqlalchemy import create_engine

from models.migrations import HERE, config, upgrade


def main(argv: list[str]) -> None:
    if len(argv) < 2 or argv[0] != "revision":
        sys.exit(__doc__)
    with tempfile.TemporaryDirectory() as tmp:
        engine = create_engine(f"sqlite:///{tmp}/scratch.sqlite3")
        upgrade(engine)
        count = len(list((HERE / "versions").glob("[0-9]*.py")))
        command.revision(config(engine), message=" ".join(argv[1:]), autogenerate=True, rev_id=f"{count + 1:04d}")


main(sys.argv[1:])
