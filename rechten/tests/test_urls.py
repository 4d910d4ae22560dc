"""URL access table of the rights check: a new URL without a row fails here."""

import pytest
from django.urls import reverse

from doorverwijzing.tests.factories import social_worker
from partners.choices import Role
from partners.tests.factories import MembershipFactory, NetworkFactory, UserFactory
from rechten import urls

pytestmark = pytest.mark.django_db

# URL name -> status of a GET for: anonymous, coordinator, social worker.
URLS = {
    "check": (200, 200, 200),  # public: families need no account
    "help": (405, 405, 405),  # POST only (the hand-off from the result page)
    "desk": (302, 403, 200),  # social workers at the desk
}


def test_every_url_of_the_rights_check_has_a_row():
    assert {pattern.name for pattern in urls.urlpatterns} == set(URLS)


@pytest.mark.parametrize("name", sorted(URLS))
def test_url_access(client, name):
    network = NetworkFactory(slug="scheldevallei")
    coordinator = UserFactory()
    MembershipFactory(user=coordinator, role=Role.COORDINATOR, network=network)
    worker = social_worker()
    worker.organisation.networks.add(network)
    url = f"{reverse(f'rechten:{name}')}?netwerk={network.slug}"
    for user, expected in zip((None, coordinator, worker), URLS[name], strict=True):
        client.logout()
        if user is not None:
            client.force_login(user)
        response = client.get(url)
        assert response.status_code == expected, (name, user, response.status_code)
        assert "no-store" in response.get("Cache-Control", "no-store")
