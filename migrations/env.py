"""Alembic environment: uses the connection the app hands over (Opslag.upgrade), or DATABASE_URL on the command line."""
from __future__ import annotations

import os

from alembic import context
from sqlalchemy import create_engine

from wegwijs.opslag.modellen import Base
from wegwijs.opslag.opslag import STANDAARD_URL

config = context.config


def _draai(verbinding) -> None:
    context.configure(connection=verbinding, target_metadata=Base.metadata,
                      render_as_batch=verbinding.dialect.name == "sqlite")  # SQLite alters tables by copying
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    context.configure(url=os.environ.get("DATABASE_URL", STANDAARD_URL), target_metadata=Base.metadata,
                      literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()
elif config.attributes.get("connection") is not None:
    _draai(config.attributes["connection"])
else:
    engine = create_engine(os.environ.get("DATABASE_URL", STANDAARD_URL), future=True, hide_parameters=True)
    with engine.begin() as verbinding:
        _draai(verbinding)
