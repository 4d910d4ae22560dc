"""Fixtures shared by every app's tests: the access cast and a real Celery worker."""

import os

import pytest

# Playwright's sync API runs an event loop in the test thread; Django's ORM
# calls from that thread are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def _dutch_by_default():
    """Each test starts in Dutch: a request in /ar/ leaves Arabic active in the thread, and
    django-modeltranslation would then write `title=` into title_ar."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _clean_cache():
    """Each test starts with an empty cache (its own Redis database), so rate limits don't leak."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test runner empties tables between transactional tests with one TRUNCATE, which
    the referral access log refuses in production; the test database allows it.
    doorverwijzing/tests/test_access_log.py switches the refusal back on to test it."""
    from django.db import connection

    with django_db_blocker.unblock(), connection.cursor() as cursor:
        cursor.execute(
            "ALTER TABLE doorverwijzing_accesslogentry DISABLE TRIGGER access_log_no_truncate"
        )


@pytest.fixture
def client():
    """pytest-django's client, but force_login is a complete login: password and second
    factor (huisvanhetkind/testing.py). `force_login(user, second_factor=False)` skips it."""
    from huisvanhetkind.testing import Client

    return Client()


@pytest.fixture
def celery_worker(transactional_db):
    """A real Celery worker consuming from the test Redis database, in a thread."""
    from celery.contrib.testing.worker import start_worker

    from huisvanhetkind.celery import app

    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10) as worker:
        yield worker


# Figures a test wants everyone to see (e.g. the search relevance hit rate), printed in
# pytest's closing summary: a passing test's own output is hidden by capture.
_SUITE_REPORT: list[str] = []


@pytest.fixture
def suite_report():
    return _SUITE_REPORT.append


def pytest_terminal_summary(terminalreporter):
    if _SUITE_REPORT:
        terminalreporter.section("figures")
        for line in _SUITE_REPORT:
            terminalreporter.write_line(line)
