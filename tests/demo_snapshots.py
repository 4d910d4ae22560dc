"""Demo data for tests, loaded once per run and copied back for each test that needs it.

Loading the demo (`<app>.demo.load()`, through the services) takes many seconds, and many
tests start from it: the browser tests (a live server sees only committed rows, so each of
them starts from an emptied database) and some page tests. The first time a set of demo
modules is asked for, it is loaded for real, between two tests; its rows are then copied,
table by table, into a schema of their own (`demo_snapshot_<n>`, outside the search path,
so the runner's flush leaves it alone) and the database is put back as it was. Each test
that asks for that set gets the rows back with one INSERT … SELECT per table and the
sequences where they were: the same ids, the same data, in about a second.

The fixtures are `demo_data` and `demo_network` in the root conftest.py. A test in a
transaction of its own (`db`) cannot take a snapshot: its set is prepared by a session
fixture before that transaction begins, as `demo_network` does.
"""

# ruff: noqa: S608 -- the SQL names only our own tables and schemas, quoted; no values.

from collections.abc import Sequence
from importlib import import_module

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction

# The referral access log is a hash chain that its insert trigger rebuilds: its rows go
# back in the order they were written, so every link comes out as it was. Its rows refuse
# DELETE (the test database lets TRUNCATE through, conftest.py).
ACCESS_LOG = "doorverwijzing_accesslogentry"
ORDER = {ACCESS_LOG: "chain_index"}

Snapshot = tuple[str, dict[str, str]]  # schema, the columns to copy back of each table


def _quote(name: str) -> str:
    return connection.ops.quote_name(name)


class DemoSnapshots:
    def __init__(self) -> None:
        self._taken: dict[tuple[str, ...], Snapshot] = {}

    def prepare(self, modules: Sequence[str]) -> None:
        """Take the snapshot of these modules if there is none; call outside any test's
        transaction. The database is left as it was."""
        key = tuple(modules)
        if key in self._taken:
            return
        before = self._take("demo_snapshot_before")
        try:
            with transaction.atomic():
                for module_name in key:
                    import_module(module_name).load()
            self._taken[key] = self._take(f"demo_snapshot_{len(self._taken)}")
        finally:
            self.restore(before)
            self._drop(before[0])

    def load(self, modules: Sequence[str]) -> None:
        """The rows of these modules, in place of what the tables hold (a fresh test's
        content types and permissions). Inside a test's transaction (`db`), the snapshot
        must have been prepared before it began."""
        if tuple(modules) not in self._taken:
            if connection.in_atomic_block:
                raise RuntimeError(
                    f"No demo snapshot of {modules} yet: prepare it in a session fixture, "
                    "as demo_network does, or use transactional_db."
                )
            self.prepare(modules)
        self.restore(self._taken[tuple(modules)])

    def drop_all(self) -> None:
        for schema, _tables in self._taken.values():
            self._drop(schema)
        self._taken.clear()

    @staticmethod
    def _tables() -> list[str]:
        return connection.introspection.django_table_names(only_existing=True, include_views=False)

    @staticmethod
    def _drop(schema: str) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"DROP SCHEMA IF EXISTS {_quote(schema)} CASCADE")

    def _take(self, schema: str) -> Snapshot:
        copied = {}
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"DROP SCHEMA IF EXISTS {_quote(schema)} CASCADE")
            cursor.execute(f"CREATE SCHEMA {_quote(schema)}")
            for table in self._tables():
                cursor.execute(f"SELECT EXISTS (SELECT FROM {_quote(table)})")
                if not cursor.fetchone()[0]:
                    continue
                # Generated columns are computed again on the way back.
                cursor.execute(
                    "SELECT attname FROM pg_attribute WHERE attrelid = %s::regclass "
                    "AND attnum > 0 AND NOT attisdropped AND attgenerated = '' ORDER BY attnum",
                    [_quote(table)],
                )
                columns = ", ".join(_quote(name) for (name,) in cursor.fetchall())
                cursor.execute(
                    f"CREATE TABLE {_quote(schema)}.{_quote(table)} AS "
                    f"SELECT {columns} FROM {_quote(table)}"
                )
                copied[table] = columns
            cursor.execute(
                f"CREATE TABLE {_quote(schema)}.pg_sequences AS "
                "SELECT sequencename, last_value FROM pg_sequences "
                "WHERE schemaname = current_schema()"
            )
        return schema, copied

    def restore(self, snapshot: Snapshot) -> None:
        schema, copied = snapshot
        tables = self._tables()
        with transaction.atomic(), connection.cursor() as cursor:
            # Empty only the tables that hold rows (after a flush: content types and
            # permissions, which the snapshot has with the ids its rows point to): a
            # TRUNCATE of every table takes a second.
            cursor.execute(
                " UNION ALL ".join(
                    f"SELECT %s WHERE EXISTS (SELECT FROM {_quote(table)})" for table in tables
                ),
                tables,
            )
            filled = [table for (table,) in cursor.fetchall()]
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
            for table in filled:
                verb = "TRUNCATE" if table == ACCESS_LOG else "DELETE FROM"
                cursor.execute(f"{verb} {_quote(table)}")
            for table, columns in copied.items():
                order = f" ORDER BY {_quote(ORDER[table])}" if table in ORDER else ""
                cursor.execute(
                    f"INSERT INTO {_quote(table)} ({columns}) "
                    f"SELECT {columns} FROM {_quote(schema)}.{_quote(table)}{order}"
                )
            cursor.execute(
                "SELECT setval(quote_ident(sequencename), coalesce(last_value, 1), "
                f"last_value IS NOT NULL) FROM {_quote(schema)}.pg_sequences"
            )
        ContentType.objects.clear_cache()
