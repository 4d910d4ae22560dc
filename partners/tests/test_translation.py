"""Network, organisation and place texts are translatable like offers, falling back to Dutch."""

import pytest
from django.core.cache import cache

from partners.tests.factories import NetworkFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_a_network_intro_shows_in_the_visitors_language_or_marked_dutch(client, settings):
    network = NetworkFactory(intro="Welkom bij ons huis.", opening_hours="Maandag 9-12")
    settings.PORTAL_NETWORK_SLUG = network.slug
    content = client.get(f"/ar{network.get_absolute_url()[3:]}").content.decode()
    assert '<p class="utrecht-paragraph" lang="nl" dir="ltr">Welkom bij ons huis.</p>' in content
    assert '<bdi lang="nl" dir="ltr">Maandag 9-12</bdi>' in content
    network.intro_ar = "مرحبا بكم."
    network.save()
    cache.clear()  # the portal's network and its page are cached for a minute
    content = client.get(f"/ar{network.get_absolute_url()[3:]}").content.decode()
    assert '<p class="utrecht-paragraph">مرحبا بكم.</p>' in content


def test_the_admin_shows_a_field_per_language_for_an_organisation(client):
    organisation = OrganisationFactory(description="Wij helpen gezinnen.")
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    content = client.get(f"/admin/partners/organisation/{organisation.pk}/change/").content.decode()
    for code in ("nl", "en", "fr", "ar", "tr", "uk"):
        assert f'name="description_{code}"' in content
    organisation.refresh_from_db()
    assert organisation.description_nl == "Wij helpen gezinnen."
