"""PostgreSQL goes away and comes back: the next service call reconnects (pre-ping)."""

from __future__ import annotations

from typing import Any

import pytest
from accounts_fixture import staff_actor
from builders import SON, a_form
from pakn_test_pg import PG_URL, reset_postgres
from sqlalchemy import create_engine, text

from pakn_desktop.domain.queue import CaseFilter
from pakn_desktop.services import Services
from pakn_desktop.store.db import DatabaseUnavailable, describe_error

pytestmark = pytest.mark.skipif(not PG_URL, reason="PostgreSQL not configured")

FORM = a_form(**SON, title="Hỏi thủ tục", content="Nội dung")


def terminate_other_sessions() -> int:
    engine = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        killed = conn.execute(
            text(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
        ).scalar_one()
    engine.dispose()
    return int(killed)


def test_service_calls_work_after_the_server_drops_every_connection(clock: Any) -> None:
    reset_postgres(PG_URL)
    svc = Services.open(PG_URL, now=clock)
    actor = staff_actor(svc)
    svc.cases.receive(FORM, actor)
    assert terminate_other_sessions() >= 1
    # The pool's connections are dead; pre-ping notices and reconnects, nothing is raised.
    assert svc.case_reads.count(CaseFilter(), staff_actor(svc)) == 1
    assert terminate_other_sessions() >= 1
    code = svc.cases.receive(FORM, actor).code
    assert svc.case_reads.get(code, staff_actor(svc)).code == code
    assert svc.case_reads.count(CaseFilter(), staff_actor(svc)) == 2
    svc.close()


def test_a_save_cut_off_mid_transaction_gets_a_message_and_the_retry_works(
    clock: Any,
) -> None:
    reset_postgres(PG_URL)
    svc = Services.open(PG_URL, now=clock)
    actor = staff_actor(svc)
    with pytest.raises(DatabaseUnavailable) as info, svc.db.write() as s:
        s.execute(text("SELECT 1"))
        terminate_other_sessions()  # the server goes away in the middle of the save
        s.execute(text("SELECT 1"))
    assert "kết nối" in info.value.message and "thử lại" in info.value.message
    svc.cases.receive(FORM, actor)  # the retry
    assert svc.case_reads.count(CaseFilter(), staff_actor(svc)) == 1
    svc.close()


def test_unreachable_server_has_a_message() -> None:
    from sqlalchemy.exc import OperationalError

    engine = create_engine(
        "postgresql+psycopg://nobody@127.0.0.1:1/none", connect_args={"connect_timeout": 2}
    )
    with pytest.raises(OperationalError) as info, engine.connect():
        pass
    mapped = describe_error(info.value)
    assert isinstance(mapped, DatabaseUnavailable)
    assert "PostgreSQL" in mapped.message or "kết nối" in mapped.message
