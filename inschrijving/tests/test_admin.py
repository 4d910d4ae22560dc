"""The transitions admin: a coordinator keeps their own network's, never every network's."""

import pytest

from inschrijving.models import Transition

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator(client, cast):
    user = cast.coordinator
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    client.force_login(user)
    return user


def _data(**values) -> dict:
    return {"at_month": 30, "title_nl": "Naar de kleuterschool", "text_nl": "", "url": "", **values}


def test_a_coordinator_adds_no_transition_for_every_network(client, cast, coordinator):
    """An empty network means "every network" (every network's monthly mail): an
    administrator's (transition.edit). The admin asked the rule "any transition?" and
    let the empty choice through."""
    response = client.post("/admin/inschrijving/transition/add/", _data(network=""))
    assert response.status_code == 200
    assert response.context["adminform"].form.errors
    assert not Transition.objects.exists()
    response = client.post("/admin/inschrijving/transition/add/", _data(network=cast.network.pk))
    assert response.status_code == 302
    assert Transition.objects.get().network == cast.network


def test_a_coordinator_cannot_turn_their_transition_into_every_networks(client, cast, coordinator):
    transition = Transition.objects.create(network=cast.network, at_month=30, title="Kleuter")
    url = f"/admin/inschrijving/transition/{transition.pk}/change/"
    response = client.post(url, _data(network=""))
    assert response.status_code == 200
    transition.refresh_from_db()
    assert transition.network == cast.network
