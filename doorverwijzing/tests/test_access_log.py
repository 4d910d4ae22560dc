"""The referral access log: append-only, no TRUNCATE, and a hash chain that shows tampering."""

import threading

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, connections, transaction
from django.db.utils import InternalError, ProgrammingError

from doorverwijzing import services
from doorverwijzing.access_log import access_log_chain_check
from doorverwijzing.choices import AccessAction
from doorverwijzing.models import AccessLogEntry

from .factories import ReferralFactory, social_worker

pytestmark = pytest.mark.django_db


def _log(count: int, referral=None, actor=None) -> list[AccessLogEntry]:
    referral = referral or ReferralFactory()
    for index in range(count):
        services.access_log_record(
            referral=referral, actor=actor, action=AccessAction.READ, detail=f"lezing {index}"
        )
    return list(AccessLogEntry.objects.order_by("chain_index"))


def _verify() -> str:
    from io import StringIO

    out = StringIO()
    call_command("accesslog_verify", stdout=out, stderr=out)
    return out.getvalue()


def _verify_fails() -> str:
    from io import StringIO

    err = StringIO()
    with pytest.raises(CommandError) as error:
        call_command("accesslog_verify", stdout=StringIO(), stderr=err)
    return err.getvalue() + str(error.value)


def _as_superuser_with_triggers_off(statement: str, params: list) -> None:
    # What a database superuser can do: switch triggers off for one transaction.
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL session_replication_role = replica")
        cursor.execute(statement, params)


def test_truncate_is_refused():
    _log(2)
    with (
        pytest.raises((InternalError, ProgrammingError), match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        # The test database allows TRUNCATE for the runner's flush (conftest.py); on again here.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # no pending checks block ALTER TABLE
        cursor.execute(
            "ALTER TABLE doorverwijzing_accesslogentry ENABLE TRIGGER access_log_no_truncate"
        )
        cursor.execute("TRUNCATE doorverwijzing_accesslogentry CASCADE")
    assert AccessLogEntry.objects.count() == 2


def test_every_row_is_chained_to_the_one_before():
    entries = _log(4, actor=social_worker())
    assert [entry.chain_index for entry in entries] == [1, 2, 3, 4]
    assert all(len(entry.chain_hash) == 64 for entry in entries)
    assert len({entry.chain_hash for entry in entries}) == 4
    output = _verify()
    assert "intact: 4 rows" in output
    assert f"Head: 4:{entries[-1].chain_hash}" in output


def test_an_insert_cannot_choose_its_own_link():
    referral = ReferralFactory()
    AccessLogEntry.objects.create(
        referral=referral, action=AccessAction.READ, chain_index=99, chain_hash="f" * 64
    )
    entry = AccessLogEntry.objects.get()
    assert entry.chain_index == 1 and entry.chain_hash != "f" * 64
    assert not access_log_chain_check().breaks


def test_a_row_changed_with_triggers_off_is_reported():
    entries = _log(5)
    altered = entries[2]
    _as_superuser_with_triggers_off(
        "UPDATE doorverwijzing_accesslogentry SET detail = 'niets gezien' WHERE id = %s",
        [altered.id],
    )
    report = access_log_chain_check()
    assert [chain_break.entry_id for chain_break in report.breaks] == [altered.id]
    assert f"row id {altered.id} (link 3)" in _verify_fails()


def _rewrite_with_a_fresh_hash(entry: AccessLogEntry, previous: AccessLogEntry) -> None:
    """Change a row's detail and recompute its own hash, as a careful superuser would."""
    _as_superuser_with_triggers_off(
        "UPDATE doorverwijzing_accesslogentry SET detail = 'niets gezien' WHERE id = %s",
        [entry.id],
    )
    _as_superuser_with_triggers_off(
        "UPDATE doorverwijzing_accesslogentry SET chain_hash = "
        "doorverwijzing_access_log_row_hash(%s, doorverwijzing_accesslogentry) WHERE id = %s",
        [previous.chain_hash, entry.id],
    )


def test_a_row_changed_and_rehashed_breaks_the_next_link():
    entries = _log(4)
    _rewrite_with_a_fresh_hash(entries[1], previous=entries[0])
    assert [b.entry_id for b in access_log_chain_check().breaks] == [entries[2].id]


def test_a_deleted_row_is_reported():
    entries = _log(4)
    _as_superuser_with_triggers_off(
        "DELETE FROM doorverwijzing_accesslogentry WHERE id = %s", [entries[1].id]
    )
    (chain_break,) = access_log_chain_check().breaks
    assert chain_break.entry_id == entries[2].id
    assert "rows missing" in chain_break.reason


def test_a_whole_rewritten_tail_is_caught_by_a_head_noted_earlier():
    entries = _log(3)
    noted = f"{entries[-1].chain_index}:{entries[-1].chain_hash}"
    # A superuser who rewrites a row and every hash after it leaves a consistent chain...
    _rewrite_with_a_fresh_hash(entries[2], previous=entries[1])
    assert not access_log_chain_check().breaks
    # ...but not the head written down outside the database.
    from io import StringIO

    err = StringIO()
    with pytest.raises(CommandError):
        call_command("accesslog_verify", "--expect", noted, stdout=StringIO(), stderr=err)
    assert "link 3: noted hash" in err.getvalue()


@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_never_fork_the_chain():
    referral = ReferralFactory()
    writers, per_writer = 4, 10
    start = threading.Barrier(writers)
    errors = []

    def write():
        try:
            start.wait()
            for index in range(per_writer):
                with transaction.atomic():
                    services.access_log_record(
                        referral=referral, actor=None, action=AccessAction.READ, detail=str(index)
                    )
        except Exception as error:  # reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=write) for _ in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    report = access_log_chain_check()
    assert report.rows == writers * per_writer
    assert report.breaks == []
    assert report.head_index == writers * per_writer
