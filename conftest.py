"""Fixtures shared by every app's tests: the access cast and a real Celery worker.

The cast (docs/architecture.md, "The test cast"): one network with two partner
organisations, and a person for every place a rule can put someone. Apps that need
more (an offer, a referral) extend it with their own fixtures, never a cast of their own.
"""

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


@pytest.fixture(scope="session")
def demo_snapshots(django_db_setup, django_db_blocker):
    """Each set of demo modules loaded once per run (tests/demo_snapshots.py)."""
    from tests.demo_snapshots import DemoSnapshots

    snapshots = DemoSnapshots()
    yield snapshots
    with django_db_blocker.unblock():
        snapshots.drop_all()


@pytest.fixture
def demo_data(demo_snapshots):
    """demo_data("partners.demo", "aanbod.demo"): those demo modules' rows, as the first rows
    of the test; in a `db` test only a set prepared before (see demo_network)."""
    from django.contrib.contenttypes.models import ContentType

    yield lambda *modules: demo_snapshots.load(modules)
    # A rolled-back test leaves the content type ids of before it; the cache must follow.
    ContentType.objects.clear_cache()


DEMO_NETWORK = ("partners.demo", "aanbod.demo")


@pytest.fixture(scope="session")
def _demo_network_prepared(demo_snapshots, django_db_blocker):
    with django_db_blocker.unblock():
        demo_snapshots.prepare(DEMO_NETWORK)


@pytest.fixture
def demo_network(_demo_network_prepared, demo_data):
    """The demo network and its catalogue, as a visitor of the demo site sees it."""
    demo_data(*DEMO_NETWORK)


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


# --- The cast ---------------------------------------------------------------------------


class Cast(dict):
    """The people of an access test, as `cast.owner` or `cast["owner"]`.

    - owner, colleague: partner editors of `organisation` (in `network`)
    - outsider: partner editor of `other_organisation`, a partner in the same network
    - coordinator: coordinates `network`; far_coordinator: coordinates `far_network`
    - viewer: read-only role in `network`
    - social_worker: social worker of `organisation` (refers, handles referrals)
    - volunteer: an account with no role at all (a volunteer, a parent with a login)
    - anonymous: not logged in
    """

    def __getattr__(self, name):
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None

    def __setattr__(self, name, value):
        self[name] = value


@pytest.fixture
def network(db):
    """The network most tests play in; a module may give its own `network` fixture."""
    from partners.tests.factories import MunicipalityFactory, NetworkFactory

    network = NetworkFactory(slug="scheldevallei-test")
    network.municipalities.set([MunicipalityFactory(name="Berkhove")])
    return network


def _member(role, **where):
    from partners.tests.factories import MembershipFactory, UserFactory

    user = UserFactory()
    MembershipFactory(user=user, role=role, **where)
    return user


@pytest.fixture
def far_network(db):
    """Another network: none of `network`'s cast works there."""
    from partners.tests.factories import NetworkFactory

    return NetworkFactory()


@pytest.fixture
def far_coordinator(far_network):
    """The coordinator of `far_network`; for tests that need no other cast member (a module
    with a world of its own) — the cast's far_coordinator is the same person."""
    from partners.choices import Role

    return _member(Role.COORDINATOR, network=far_network)


@pytest.fixture
def cast(network, far_network, far_coordinator):
    from django.contrib.auth.models import AnonymousUser

    from partners.choices import Role
    from partners.tests.factories import OrganisationFactory, UserFactory

    member = _member
    organisation = OrganisationFactory(networks=[network])
    other_organisation = OrganisationFactory(networks=[network])
    return Cast(
        network=network,
        organisation=organisation,
        other_organisation=other_organisation,
        far_network=far_network,
        owner=member(Role.PARTNER_EDITOR, organisation=organisation),
        colleague=member(Role.PARTNER_EDITOR, organisation=organisation),
        outsider=member(Role.PARTNER_EDITOR, organisation=other_organisation),
        coordinator=member(Role.COORDINATOR, network=network),
        far_coordinator=far_coordinator,
        viewer=member(Role.VIEWER, network=network),
        social_worker=member(Role.SOCIAL_WORKER, organisation=organisation),
        volunteer=UserFactory(),
        anonymous=AnonymousUser(),
    )
