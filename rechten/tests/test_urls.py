"""URL access table of the rights check: a new URL without a row fails here."""

import pytest
from django.urls import reverse

from rechten import urls

pytestmark = pytest.mark.django_db

# The cast (root conftest.py), in the order of the columns below.
PEOPLE = (
    "anonymous",
    "owner",
    "colleague",
    "outsider",
    "coordinator",
    "far_coordinator",
    "viewer",
    "social_worker",
    "volunteer",
)

# URL name -> status of a GET for each of PEOPLE.
URLS = {
    "check": (200,) * 9,  # public: families need no account
    "help": (405,) * 9,  # POST only (the hand-off from the result page)
    "desk": (302, 403, 403, 403, 403, 403, 403, 200, 403),  # social workers at the desk
}


def test_every_url_of_the_rights_check_has_a_row():
    assert {pattern.name for pattern in urls.urlpatterns} == set(URLS)


@pytest.mark.parametrize("name", sorted(URLS))
def test_url_access(client, cast, name):
    url = f"{reverse(f'rechten:{name}')}?netwerk={cast.network.slug}"
    for person, expected in zip(PEOPLE, URLS[name], strict=True):
        client.logout()
        if person != "anonymous":
            client.force_login(cast[person])
        response = client.get(url)
        assert response.status_code == expected, (name, person, response.status_code)
        assert "no-store" in response.get("Cache-Control", "no-store")
