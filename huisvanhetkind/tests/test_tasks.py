import time

from huisvanhetkind.models import Heartbeat
from huisvanhetkind.tasks import heartbeat


def test_heartbeat_task_records_when_a_real_worker_ran_it(celery_worker):
    heartbeat.delay()
    deadline = time.monotonic() + 15
    while not Heartbeat.objects.filter(name="beat").exists():
        assert time.monotonic() < deadline, "the worker did not run the heartbeat"
        time.sleep(0.1)
    assert Heartbeat.objects.get(name="beat").last_seen is not None


def test_heartbeat_is_idempotent_one_row_per_name(db):
    heartbeat()
    first = Heartbeat.objects.get(name="beat").last_seen
    heartbeat()
    assert Heartbeat.objects.filter(name="beat").count() == 1
    assert Heartbeat.objects.get(name="beat").last_seen >= first
