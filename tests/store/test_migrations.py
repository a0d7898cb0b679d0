"""Migrations proven: a database filled at each earlier revision upgrades to head with its data,
and the migrated schema equals the models (Alembic's autogenerate comparison finds nothing)."""

from __future__ import annotations

import shutil
from datetime import date, datetime
from typing import Any

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from pakn_test_pg import reset_postgres
from pg_fresh import copy_database, ensure_database
from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    func,
    insert,
    make_url,
    select,
)
from sqlalchemy.sql.schema import SchemaItem

from pakn_desktop.store.db import Database
from pakn_desktop.store.models import Base

# Objects the migrations create in raw SQL because SQLAlchemy models cannot express them:
# SQLite's full-text index (a virtual table and its shadow tables), PostgreSQL's full-text GIN
# index, and the expression index of the queue's default order (migration 0003).
# Made by the migrations in raw SQL, not in the models: the FTS table and expression index,
# and PostgreSQL's generated search column with its index (migration 0011).
RAW_SQL_OBJECTS = {
    "ix_cases_search",
    "ix_cases_deadline_order",
    "ix_cases_no_deadline",  # partial (0018): in the models it would import the PG dialect
    # upper(trim(portal_code)) of portal records and of cases (0021): expression indexes.
    "ix_portal_imports_code_key",
    "ix_cases_portal_code_key",
    "ix_cases_search_tsv",
    "search_tsv",
    # PostgreSQL only (0025): the list sorted by unit or official, group by group.
    "ix_cases_unit_id_id",
    "ix_cases_official_id_id",
    "ix_cases_no_unit",
    "ix_cases_no_official",
}

# Tables filled before upgrading, parents first; every row gets id 1 where it has one.
FILL_ORDER = [
    "units",
    "users",
    "submitters",
    "cases",
    "case_events",
    "attachments",
    "calendar_adjustments",
    "office_settings",
    "counters",
    "letters",
    "letter_templates",
]


def revisions(db: Database) -> list[str]:
    script = ScriptDirectory.from_config(db._alembic_config())
    return [r.revision for r in reversed(list(script.walk_revisions()))]


def upgrade(db: Database, target: str) -> None:
    cfg = db._alembic_config()
    with db.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, target)


def value_for(column: Any, table: str) -> Any:
    t = column.type
    if column.name == "id" or (column.foreign_keys and isinstance(t, Integer)):
        return 1
    if column.name == "name" and table == "counters":
        return "case:2026"
    if isinstance(t, Boolean):
        return True
    if isinstance(t, Integer):
        return 7
    if isinstance(t, DateTime):
        return datetime(2026, 3, 2, 9, 30)
    if isinstance(t, Date):
        return date(2026, 3, 2)
    if isinstance(t, JSON):
        return {"k": "v"}
    if isinstance(t, LargeBinary):
        return b"%PDF-1.4"
    if isinstance(t, (String, Text)):
        length = getattr(t, "length", None) or 20
        return f"{table[:4]}-{column.name}"[: min(length, 20)]
    if column.nullable:
        return None
    raise AssertionError(f"no test value for {table}.{column.name} ({t})")


def fill(db: Database) -> dict[str, int]:
    """One row in every table that exists at this revision, built from the reflected schema."""
    meta = MetaData()
    meta.reflect(db.engine)
    counts = {}
    with db.engine.begin() as conn:
        for name in FILL_ORDER:
            if name not in meta.tables:
                continue
            table = meta.tables[name]
            # A generated column (PostgreSQL's search_tsv, migration 0011) takes no value.
            row = {c.name: value_for(c, name) for c in table.columns if c.computed is None}
            conn.execute(insert(table).values(**row))
            counts[name] = 1
    return counts


def schema_differences(db: Database) -> list[Any]:
    def include(obj: SchemaItem, name: str | None, kind: str, reflected: bool, _: Any) -> bool:
        raw = name in RAW_SQL_OBJECTS
        fts = kind == "table" and (name or "").startswith("cases_fts")
        return not (raw or fts)

    with db.engine.connect() as conn:
        ctx = MigrationContext.configure(
            conn, opts={"compare_type": True, "include_object": include}
        )
        return list(compare_metadata(ctx, Base.metadata))


@pytest.mark.filterwarnings("ignore:Skipped unsupported reflection of expression-based index")
def test_each_earlier_revision_upgrades_with_its_data(db_url: str, tmp_path: Any) -> None:
    probe = Database(db_url)
    revs = revisions(probe)
    probe.engine.dispose()
    assert len(revs) >= 7
    # One empty database upgraded a revision at a time, copied at each start (the same
    # database an upgrade from nothing to that start makes): n steps instead of n²/2. SQLite
    # copies the file; PostgreSQL makes a database with the chain's as its template.
    chain = tmp_path / "chain.db"
    if not db_url.startswith("sqlite"):
        chain_url, copy_url = (
            make_url(db_url)
            .set(database=f"{make_url(db_url).database}_{suffix}")
            .render_as_string(hide_password=False)
            for suffix in ("chain", "from")
        )
        ensure_database(chain_url)
        reset_postgres(chain_url)
    for start in revs[:-1]:
        if db_url.startswith("sqlite"):
            path = tmp_path / f"from-{start}.db"
            chained = Database(f"sqlite:///{chain}")
            upgrade(chained, start)
            chained.engine.dispose()
            assert not chain.with_name(f"{chain.name}-wal").exists()  # the file is whole
            shutil.copyfile(chain, path)
            url = f"sqlite:///{path}"
        else:
            chained = Database(chain_url)
            upgrade(chained, start)
            chained.engine.dispose()  # a template database has no connections
            assert copy_database(chain_url, copy_url), "the chain still has a connection"
            url = copy_url
        db = Database(url)
        upgrade(db, start)  # SQLite: already there
        filled = fill(db)
        assert filled, start
        copy = db.migrate()
        if db.is_sqlite:
            assert copy is not None and copy.exists()  # the file was copied first
        assert db.current_revision() == revs[-1]
        with db.engine.connect() as conn:
            meta = MetaData()
            meta.reflect(conn, only=list(filled))
            for name in filled:
                n = conn.execute(select(func.count()).select_from(meta.tables[name])).scalar()
                if name == "counters":
                    # Later migrations add counters of their own (the audit chain's sequence,
                    # the receipts' series): the filled row must still be there.
                    assert n is not None and n >= 1, f"{name} lost its row upgrading from {start}"
                else:
                    assert n == 1, f"{name} lost its row upgrading from {start}"
            code = conn.execute(select(meta.tables["cases"].c.code)).scalar()
            assert code == "case-code"
        assert schema_differences(db) == [], f"schema differs after upgrading from {start}"
        db.engine.dispose()


@pytest.mark.filterwarnings("ignore:Skipped unsupported reflection of expression-based index")
def test_a_fresh_database_matches_the_models(services: Any) -> None:
    assert schema_differences(services.db) == []


@pytest.mark.filterwarnings("ignore:Skipped unsupported reflection of expression-based index")
def test_0022_keeps_free_text_addresses_and_counts_them(db_url: str, tmp_path: Any) -> None:
    """A database at 0020 holding a case upgrades: the case keeps its address, has no codes,
    and is counted under "no province" without a rebuild."""
    from pakn_desktop.store.models import Case, StatsDaily, Submitter

    if not db_url.startswith("sqlite"):
        reset_postgres(db_url)
    url = f"sqlite:///{tmp_path / 'at-0020.db'}" if db_url.startswith("sqlite") else db_url
    db = Database(url)
    upgrade(db, "0020")
    fill(db)
    db.migrate()
    assert db.current_revision() == revisions(db)[-1]
    with db.engine.begin() as conn:
        row = conn.execute(select(Case.province_code, Case.commune_code)).one()
        assert tuple(row) == (None, None)
        assert conn.execute(select(Submitter.address)).scalar() == "subm-address"
        got = conn.execute(
            select(StatsDaily.measure, StatsDaily.key, StatsDaily.n)
            .where(StatsDaily.measure.in_(["province", "commune"]))
            .order_by(StatsDaily.measure)
        ).all()
        assert [tuple(r) for r in got] == [("commune", "", 1), ("province", "", 1)]
    db.engine.dispose()
