"""Alembic environment: the engine comes from `models.migrations.config`, the
target schema from the tables of `models.store`."""
from alembic import context
from sqlalchemy import create_engine

from models.migrations import managed
from models.store import Base

cfg = context.config
target_metadata = Base.metadata


def run() -> None:
    engine = cfg.attributes.get("engine") or create_engine(cfg.get_main_option("sqlalchemy.url"))
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=connection.dialect.name == "sqlite",  # SQLite alters tables by copying them
            compare_type=True,
            include_name=managed,
        )
        with context.begin_transaction():
            context.run_migrations()
        connection.commit()


if context.is_offline_mode():  # pragma: no cover - SQL scripts are not used
    context.configure(url=cfg.get_main_option("sqlalchemy.url"), target_metadata=target_metadata,
                      literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()
else:
    run()
