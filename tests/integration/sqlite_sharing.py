"""A fixture for tests where a worker thread writes while the test (or a page) reads.

SQLite's shared-cache in-memory test database locks whole tables: a read during the worker's
write fails at once with "database table is locked" (and a write during a read likewise),
which a file or PostgreSQL database never does: readers wait or read a snapshot there. With
`read_uncommitted`, reads skip those table locks, as they would never meet them in
production. Other engines are left untouched.
"""

import pytest
from django.db import connection
from django.db.backends.signals import connection_created


def _relax(sender, connection, **kwargs) -> None:
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA read_uncommitted = 1")


@pytest.fixture
def readers_skip_table_locks(transactional_db):
    connection_created.connect(_relax)
    if connection.vendor == "sqlite" and connection.connection is not None:
        _relax(None, connection)
    yield
    connection_created.disconnect(_relax)
