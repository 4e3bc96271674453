"""Querysets compiled to SQL once and run many times with new values.

Django compiles a queryset to SQL each time it is evaluated. For the few reads that every
page makes (the session with its user and team, the comparison's survey and choice) compiling
costs about ten times what the database takes to answer. A PreparedQuery builds its queryset
once per database connection with placeholder values, keeps the SQL and the compiler's column
map, and on each call binds the real values, runs the SQL and builds the same objects the
queryset would have (model instances with their select_related objects and annotations, or
dicts for ``values()``).

On PostgreSQL the statement is also prepared on the server (once per connection), which
saves the planner's work on every call: for the user query that was most of its cost.
Settings' DB_PREPARED_STATEMENTS turns that off for poolers that cannot keep prepared
statements (PgBouncer in transaction mode before 1.21).

Parameters are integers (primary and foreign keys) or, named in ``text``, strings (a session
key): each placeholder is a value no row can have, found in the compiled parameters, so a
query whose shape would depend on the values cannot be prepared by mistake (compiling fails
loudly instead).
"""

from __future__ import annotations

import sys
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connections
from django.db.models import Model, QuerySet
from django.db.models.query import ModelIterable, ValuesIterable, get_related_populators

_PLACEHOLDER = 7_340_912_000_000


@dataclass(frozen=True)
class _Compiled:
    sql: str
    params: tuple[Any, ...]
    slots: dict[str, tuple[int, ...]]
    compiler: Any
    converters: Any
    build_row: Callable[[Any], Any]


class PreparedQuery[T]:
    def __init__(
        self,
        build: Callable[..., QuerySet],
        *names: str,
        text: tuple[str, ...] = (),
        using: str = "default",
    ):
        self._build = build
        self._names = names
        self._text = text
        self._using = using
        # One compilation per connection object: connections are per thread, and a compiler
        # holds its connection's converters.
        self._compiled: weakref.WeakKeyDictionary[Any, _Compiled] = weakref.WeakKeyDictionary()

    def __call__(self, **values: int | str) -> list[T]:
        connection = connections[self._using]
        compiled = self._compiled.get(connection)
        if compiled is None:
            compiled = self._compiled[connection] = self._compile(connection)
        params = list(compiled.params)
        for name, positions in compiled.slots.items():
            value = values[name]
            for position in positions:
                params[position] = value
        with _cursor(connection) as cursor:
            cursor.execute(compiled.sql, params)
            rows = cursor.fetchall()
        if not rows:
            return []
        if compiled.compiler.has_extra_select:  # ordering columns the rows do not show
            rows = [row[: compiled.compiler.col_count] for row in rows]
        if compiled.converters:
            rows = compiled.compiler.apply_converters(rows, compiled.converters)
        return [compiled.build_row(row) for row in rows]

    def first(self, **values: int | str) -> T | None:
        rows = self(**values)
        return rows[0] if rows else None

    def _compile(self, connection) -> _Compiled:
        placeholders: dict[str, int | str] = {
            name: f"prepared-{_PLACEHOLDER + index}" if name in self._text else _PLACEHOLDER + index
            for index, name in enumerate(self._names)
        }
        queryset = self._build(**placeholders)
        compiler = queryset.query.get_compiler(connection=connection)
        sql, params = compiler.as_sql()
        slots = {
            name: tuple(i for i, param in enumerate(params) if param == placeholder)
            for name, placeholder in placeholders.items()
        }
        missing = [name for name, positions in slots.items() if not positions]
        if missing:
            raise ImproperlyConfigured(f"Parameters {missing} are not in the compiled query.")
        columns = [column[0] for column in compiler.select[: compiler.col_count]]
        if compiler.has_composite_fields(columns):
            raise ImproperlyConfigured("Composite primary keys are not supported here.")
        converters = compiler.get_converters(columns)
        return _Compiled(
            sql, tuple(params), slots, compiler, converters, _row_builder(queryset, compiler)
        )


def _cursor(connection):
    """Django's cursor (so the query is counted and logged), on PostgreSQL over a psycopg
    cursor that binds on the server and prepares the statement."""
    if connection.vendor != "postgresql" or not settings.DB_PREPARED_STATEMENTS:
        return connection.cursor()
    connection.ensure_connection()
    raw = connection.connection
    if raw.prepare_threshold is None:
        # Django turns preparing off for the whole connection; its own (client-binding)
        # cursors never prepare, so a threshold nobody reaches leaves them as they were
        # and lets this cursor's explicit prepare=True through.
        raw.prepare_threshold = sys.maxsize
    return connection._prepare_cursor(_preparing_cursor_class()(raw))


@cache
def _preparing_cursor_class():
    import psycopg

    class PreparingCursor(psycopg.Cursor):
        def execute(self, query, params=None, *, prepare=None, binary=None):
            return super().execute(query, params, prepare=True, binary=binary)

    return PreparingCursor


def _row_builder(queryset: QuerySet, compiler) -> Callable[[list], Any]:
    if queryset._iterable_class is ValuesIterable:
        query = queryset.query
        names = (
            list(query.selected)
            if query.selected
            else [
                *query.extra_select,
                *query.values_select,
                *query.annotation_select,
            ]
        )
        return lambda row: dict(zip(names, row, strict=False))
    if queryset._iterable_class is not ModelIterable or queryset._prefetch_related_lookups:  # type: ignore[attr-defined]
        raise ImproperlyConfigured("Only model and values() querysets can be prepared.")
    return _model_builder(queryset, compiler)


def _model_builder(queryset: QuerySet, compiler) -> Callable[[list], Model]:
    """What ModelIterable does for each row, with the column map worked out once."""
    db = compiler.connection.alias
    select, klass_info = compiler.select, compiler.klass_info
    annotations = tuple(compiler.annotation_col_map.items())
    model: type[Model] = klass_info["model"]
    start, end = klass_info["select_fields"][0], klass_info["select_fields"][-1] + 1
    field_names = [column[0].target.attname for column in select[start:end]]
    fetch_mode = queryset._fetch_mode  # type: ignore[attr-defined]
    populators = get_related_populators(klass_info, select, db, fetch_mode)

    def build(row: list) -> Model:
        instance = model.from_db(db, field_names, row[start:end], fetch_mode=fetch_mode)
        for populator in populators:
            populator.populate(row, instance)
        for name, position in annotations:
            setattr(instance, name, row[position])
        return instance

    return build
