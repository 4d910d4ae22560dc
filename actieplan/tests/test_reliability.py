"""A build killed with SIGKILL half-way leaves the previous evidence pack intact and can run again.

Real worker processes on the test database and a Redis of the test's own. The test
holds a row lock on the current pack, so the worker's build stops right before the
swap (the figures computed, the new files written); then the worker is killed.
"""

import datetime as dt
import time

import pytest
from django.db import transaction
from django.utils import timezone

from actieplan.choices import BuildStatus, PackKind
from actieplan.models import EvidencePack
from actieplan.services import BUILD_STALLED_AFTER, evidence_pack_build, evidence_pack_request
from tests.redis_server import RedisServer, use_broker
from tests.worker_process import WorkerProcess

from .conftest import PLAN_YEAR

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]


@pytest.fixture
def broker(tmp_path):
    from huisvanhetkind.celery import app

    server = RedisServer(tmp_path)
    old = app.conf.broker_url
    use_broker(app, server.url)
    yield server
    use_broker(app, old)
    server.stop()


def _wait_until(condition, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("timed out")
        time.sleep(0.2)


def test_a_build_killed_before_the_swap_leaves_the_previous_pack_and_runs_again(
    evidence_world, broker, media
):
    network = evidence_world["network"]
    env = {"MEDIA_ROOT": str(media)}
    previous = evidence_pack_build(
        pack_id=evidence_pack_request(network=network, year=PLAN_YEAR, kind=PackKind.PLAN).id
    )
    assert previous.status == BuildStatus.DONE and previous.is_current

    # Queued now (the message waits in Redis until a worker starts).
    build = evidence_pack_request(network=network, year=PLAN_YEAR, kind=PackKind.PLAN)
    with transaction.atomic():
        EvidencePack.objects.select_for_update().get(id=previous.id)
        worker = WorkerProcess(broker_url=broker.url, **env)
        try:
            _wait_until(lambda: EvidencePack.objects.get(id=build.id).progress >= 95)
            time.sleep(1)  # now waiting for our lock, inside the swap's transaction
            worker.kill()
        finally:
            worker.kill()

    half_done = EvidencePack.objects.get(id=build.id)
    assert half_done.status == BuildStatus.RUNNING and not half_done.is_current
    kept = EvidencePack.objects.get(id=previous.id)
    assert kept.is_current and kept.status == BuildStatus.DONE
    assert kept.figures == previous.figures
    assert (media / kept.pdf.name).exists() and (media / kept.docx.name).exists()

    # Asking again once the build stopped moving queues it again; a new worker finishes it.
    later = timezone.now() + BUILD_STALLED_AFTER + dt.timedelta(minutes=1)
    again = evidence_pack_request(network=network, year=PLAN_YEAR, kind=PackKind.PLAN, now=later)
    assert again.id == build.id
    worker = WorkerProcess(broker_url=broker.url, **env)
    try:
        worker.wait_for("succeeded", timeout=120)
    finally:
        worker.stop()
    done = EvidencePack.objects.get(id=build.id)
    assert done.status == BuildStatus.DONE and done.is_current and done.progress == 100
    assert done.figures == previous.figures
    assert not EvidencePack.objects.filter(id=previous.id).exists()
    assert not (media / previous.pdf.name).exists()
    assert (media / done.pdf.name).exists()
    # The files the killed attempt wrote were cleaned up by the retry.
    assert half_done.pdf.name != done.pdf.name and not (media / half_done.pdf.name).exists()


def test_the_task_run_twice_gives_the_same_json(evidence_world, broker, media):
    from huisvanhetkind.celery import app

    network = evidence_world["network"]
    worker = WorkerProcess(broker_url=broker.url, MEDIA_ROOT=str(media))
    try:
        first = evidence_pack_request(network=network, year=PLAN_YEAR, kind=PackKind.REPORT)
        worker.wait_for("succeeded", count=1, timeout=120)
        first_figures = EvidencePack.objects.get(id=first.id).figures
        second = evidence_pack_request(network=network, year=PLAN_YEAR, kind=PackKind.REPORT)
        worker.wait_for("succeeded", count=2, timeout=120)
        # The same build delivered twice (e.g. redelivered): the second run leaves it alone.
        app.send_task("actieplan.tasks.evidence_pack_build", args=[second.id])
        worker.wait_for("succeeded", count=3, timeout=120)
    finally:
        worker.stop()
    assert first.id != second.id
    current = EvidencePack.objects.get(network=network, kind=PackKind.REPORT, is_current=True)
    assert current.id == second.id
    assert not EvidencePack.objects.filter(id=first.id).exists()
    assert current.figures["evidence_year"] == PLAN_YEAR
    assert current.figures == first_figures
