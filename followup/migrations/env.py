"""Alembic environment of followup: upgrades the connection `followup.store` hands over.

A new revision: write an alembic.ini with `script_location = followup/migrations` and
`sqlalchemy.url = sqlite:////tmp/at-head.sqlite` (a database upgraded to head), change the
tables in followup/store/schema.py, then `alembic -c that.ini revision --autogenerate -m "..."` and
review the result (SQLite gets batch operations).
"""

from __future__ import annotations

from typing import Literal

import sqlalchemy as sa
from alembic import context
from alembic.autogenerate.api import AutogenContext

from followup.store.engine import create_engine
from followup.store.schema import UTCDateTime, metadata


def render_item(type_: str, obj: object, autogen_context: AutogenContext) -> str | Literal[False]:
    # Migrations stay frozen: they name plain SQLAlchemy types, never our Python classes.
    if type_ == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime(timezone=True)"
    return False


def run_migrations(connection: sa.Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        # SQLite cannot ALTER most things: batch mode copies the table instead.
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        render_item=render_item,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_offline() -> None:
    context.configure(
        url=context.config.get_main_option("sqlalchemy.url"),
        target_metadata=metadata,
        literal_binds=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    # followup.store.upgrade_schema passes its own connection, already in a transaction.
    connection = context.config.attributes.get("connection")
    if connection is not None:
        run_migrations(connection)
        return
    url = context.config.get_main_option("sqlalchemy.url")
    if not url:
        raise RuntimeError("set sqlalchemy.url, or let followup.store pass a connection")
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            run_migrations(conn)
            conn.commit()
    finally:
        engine.dispose()


if context.is_offline_mode():
    run_offline()
else:
    run_online()
