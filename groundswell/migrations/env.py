"""Alembic environment: runs on the connection that ``Store.migrate`` hands over."""

from alembic import context

from groundswell.store import metadata

connection = context.config.attributes.get("connection")
if connection is None:  # `alembic` command line, for writing new revisions
    import sqlalchemy as sa

    connection = sa.create_engine(context.config.get_main_option("sqlalchemy.url")).connect()

context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
