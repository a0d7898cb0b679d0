"""A PostgreSQL test database brought back to its first state in place, for each test.

``Services.open`` on an empty schema migrates and seeds it: seconds per test. A copy of a
template database (CREATE DATABASE … TEMPLATE) costs a few hundred milliseconds, but each DROP
DATABASE forces a checkpoint, seconds on a busy server. So the database is made once a session
and what it then holds is kept in memory: the rows of each table (binary COPY), the sequences,
a digest of the schema. ``FreshDatabase.fresh`` puts back, in one transaction, the tables a test
changed (and those whose foreign keys lead to them) and every sequence: tens of milliseconds.

A table counts as changed when its number of rows differs or a row was written by a
transaction after the last restore (its ``xmin``). A test that changed the schema (a migration
test, an emptied schema) leaves another digest: the schema is then emptied and migrated again,
as every test's was before."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import make_url

# What makes up the schema of the database, as one digest: every relation with its columns
# and defaults, the constraints, indexes, triggers, functions and views, and the schemas there
# are. Two databases with the same digest differ in their rows and sequences only.
SCHEMA_DIGEST = r"""
SELECT md5(coalesce(string_agg(part, E'\n' ORDER BY part), '')) FROM (
  SELECT 'schema ' || nspname AS part FROM pg_namespace
   WHERE nspname NOT LIKE 'pg\_%' AND nspname <> 'information_schema'
  UNION ALL
  SELECT 'rel ' || n.nspname || '.' || c.relname || ' ' || c.relkind::text || ' ' || coalesce((
           SELECT string_agg(a.attname || ' ' || format_type(a.atttypid, a.atttypmod)
                  || CASE WHEN a.attnotnull THEN ' not null' ELSE '' END
                  || coalesce(' default ' || pg_get_expr(d.adbin, d.adrelid), ''),
                  ', ' ORDER BY a.attnum)
             FROM pg_attribute a
             LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
            WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped), '')
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
   WHERE n.nspname NOT LIKE 'pg\_%' AND n.nspname <> 'information_schema'
  UNION ALL
  SELECT 'constraint ' || conrelid::regclass::text || ' ' || conname || ' '
         || pg_get_constraintdef(oid)
    FROM pg_constraint WHERE connamespace = 'public'::regnamespace
  UNION ALL
  SELECT 'index ' || pg_get_indexdef(i.indexrelid)
    FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid
   WHERE c.relnamespace = 'public'::regnamespace
  UNION ALL
  SELECT 'trigger ' || pg_get_triggerdef(oid) FROM pg_trigger WHERE NOT tgisinternal
  UNION ALL
  SELECT 'function ' || p.oid::regprocedure::text || ' ' || md5(p.prosrc)
    FROM pg_proc p WHERE p.pronamespace = 'public'::regnamespace
  UNION ALL
  SELECT 'view ' || c.relname || ' ' || pg_get_viewdef(c.oid)
    FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('v', 'm')
) parts
"""

XID_SPACE = 2**32  # a row's xmin is the 32-bit transaction id that wrote it


@dataclass
class Table:
    name: str  # quoted, in the public schema
    rows: int
    data: bytes  # binary COPY
    parents: frozenset[str]  # tables its foreign keys point to


def connect(url: str, database: str | None = None) -> Any:
    import psycopg

    u = make_url(url)
    return psycopg.connect(
        host=u.host or "localhost",
        port=u.port or 5432,
        user=u.username,
        password=u.password,
        dbname=database or u.database,
        **{k: v for k, v in u.query.items() if isinstance(v, str)},
    )


def copy_database(source_url: str, url: str) -> bool:
    """Make the database ``url`` names a copy of ``source_url``'s (CREATE DATABASE …
    TEMPLATE: a file copy on the server, instead of a migration), dropping any older one of
    that name. False, and nothing made, while the source has connections (a copy needs none)."""
    import psycopg

    name, source = str(make_url(url).database), str(make_url(source_url).database)
    with connect(url, "postgres") as conn:
        conn.autocommit = True
        # A copy an earlier run left, even with a connection still open (a run cut short).
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        try:
            conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{source}"')
        except psycopg.errors.ObjectInUse:
            return False
    return True


def ensure_database(url: str) -> None:
    """Make the database ``url`` names when the server has none of that name."""
    name = str(make_url(url).database)
    with connect(url, "postgres") as conn:
        conn.autocommit = True
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


class FreshDatabase:
    def __init__(self, url: str, make: Callable[[str], None]) -> None:
        """``make`` migrates and seeds the empty schema of ``url``."""
        self.url = url
        self.make = make
        self.digest: str | None = None
        self.tables: list[Table] = []  # parents before children
        self.sequences: list[tuple[str, int, bool]] = []
        self.restored_at = 0  # the transaction of the last restore (32-bit)
        self.remade = 0  # how many times the schema was migrated again
        self.restores = 0

    def fresh(self) -> None:
        """The database as ``make`` left it."""
        with connect(self.url) as conn:
            digest = conn.execute(SCHEMA_DIGEST).fetchone()[0]
            if digest == self.digest:
                self._restore(conn)
                return
        self._remake()

    def adopt(self) -> None:
        """What the database holds now is its first state (made by other means than
        ``make``, for instance copied from a template database)."""
        with connect(self.url) as conn:
            self._snapshot(conn)

    def _remake(self) -> None:
        with connect(self.url) as conn:
            conn.autocommit = True
            conn.execute("DROP SCHEMA IF EXISTS public CASCADE")
            conn.execute("CREATE SCHEMA public")
        self.make(self.url)
        self.remade += 1
        with connect(self.url) as conn:
            self._snapshot(conn)

    def _snapshot(self, conn: Any) -> None:
        self.digest = conn.execute(SCHEMA_DIGEST).fetchone()[0]
        names = [
            r[0]
            for r in conn.execute(
                "SELECT quote_ident(relname) FROM pg_class "
                "WHERE relnamespace = 'public'::regnamespace AND relkind IN ('r', 'p') "
                "ORDER BY relname"
            )
        ]
        parents: dict[str, set[str]] = {name: set() for name in names}
        for child, parent in conn.execute(
            "SELECT quote_ident(c.relname), quote_ident(p.relname) FROM pg_constraint k "
            "JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class p ON p.oid = k.confrelid "
            "WHERE k.contype = 'f' AND k.connamespace = 'public'::regnamespace"
        ):
            if child != parent:
                parents[child].add(parent)
        ordered: list[str] = []
        while len(ordered) < len(names):
            ready = [n for n in names if n not in ordered and parents[n] <= set(ordered)]
            assert ready, f"foreign keys in a cycle: {parents}"
            ordered.extend(ready)
        cur = conn.cursor()
        self.tables = []
        for name in ordered:
            data = bytearray()
            with cur.copy(f"COPY {name} TO STDOUT (FORMAT binary)") as copy:
                for chunk in copy:
                    data += chunk
            rows = conn.execute(f"SELECT count(*) FROM {name}").fetchone()[0]
            self.tables.append(Table(name, rows, bytes(data), frozenset(parents[name])))
        self.sequences = [
            (f"public.{seq}", int(value), bool(called))
            for seq, value, called in conn.execute(
                "SELECT quote_ident(sequencename), coalesce(last_value, start_value), "
                "last_value IS NOT NULL FROM pg_sequences WHERE schemaname = 'public'"
            )
        ]
        self.restored_at = self._xid(conn)
        conn.commit()

    @staticmethod
    def _xid(conn: Any) -> int:
        return int(conn.execute("SELECT pg_current_xact_id()::text::bigint").fetchone()[0]) % (
            XID_SPACE
        )

    def _changed(self, conn: Any) -> set[str]:
        """The tables written since the last restore: another count of rows, or a row whose
        transaction came after it."""
        since = self.restored_at
        counts = " UNION ALL ".join(
            f"SELECT {i}, count(*), count(*) FILTER (WHERE xmin::text::bigint > {since}) "
            f"FROM {t.name}"
            for i, t in enumerate(self.tables)
        )
        changed = {
            self.tables[i].name
            for i, rows, newer in conn.execute(counts)
            if rows != self.tables[i].rows or newer
        }
        # A table whose foreign keys lead to a changed one is put back with it.
        grew = True
        while grew:
            more = {t.name for t in self.tables if t.parents & changed} - changed
            changed |= more
            grew = bool(more)
        return changed

    def _restore(self, conn: Any) -> None:
        xid = self._xid(conn)  # this transaction's: every earlier write has a smaller one
        changed = {t.name for t in self.tables} if xid < self.restored_at else self._changed(conn)
        # Nothing waits for the disk: the database is for this test run only.
        conn.execute("SET LOCAL synchronous_commit = off")
        for t in reversed(self.tables):
            if t.name in changed:
                conn.execute(f"DELETE FROM {t.name}")
        cur = conn.cursor()
        for t in self.tables:
            if t.name in changed and t.rows:
                with cur.copy(f"COPY {t.name} FROM STDIN (FORMAT binary)") as copy:
                    copy.write(t.data)
        if self.sequences:
            conn.execute(
                "SELECT "
                + ", ".join(
                    f"setval('{seq}', {value}, {str(called).lower()})"
                    for seq, value, called in self.sequences
                )
            )
        conn.commit()
        self.restored_at = xid
        self.restores += 1
