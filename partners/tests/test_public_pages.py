import pytest

from partners.models import OpeningPeriod, Zitdag

from .factories import LocationFactory, NetworkFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def network_with_partners():
    network = NetworkFactory(slug="rivierenland")
    for index in range(12):
        organisation = OrganisationFactory(networks=[network])
        location = LocationFactory(organisation=organisation, network=network)
        OpeningPeriod.objects.create(
            location=location, weekday=index % 5, starts="09:00", ends="12:00"
        )
        Zitdag.objects.create(
            location=location, organisation=organisation, weekday=1, starts="09:00", ends="11:00"
        )
    return network


def test_partner_directory_lists_the_partners_of_that_network_only(client, network_with_partners):
    outsider = OrganisationFactory(name="Organisatie van elders", networks=[NetworkFactory()])
    response = client.get("/nl/netwerk/rivierenland/partners/")
    assert response.status_code == 200
    assert len(response.context["organisations"]) == 12
    assert outsider.name not in response.content.decode()


def test_partner_directory_runs_a_constant_number_of_queries(
    client, network_with_partners, django_assert_max_num_queries
):
    with django_assert_max_num_queries(6):
        response = client.get("/nl/netwerk/rivierenland/partners/")
    assert response.status_code == 200


def test_location_page_runs_a_constant_number_of_queries(
    client, network_with_partners, django_assert_max_num_queries
):
    location = network_with_partners.locations.first()
    for _extra in range(10):
        Zitdag.objects.create(
            location=location,
            organisation=OrganisationFactory(),
            weekday=2,
            starts="13:00",
            ends="15:00",
        )
    with django_assert_max_num_queries(8):
        response = client.get(location.get_absolute_url())
    assert response.status_code == 200


def test_location_page_shows_address_route_link_and_office_days(client, network_with_partners):
    location = network_with_partners.locations.select_related("organisation").first()
    content = client.get(location.get_absolute_url()).content.decode()
    assert location.street in content
    assert "destination=" in content  # the route planner works without JavaScript
    assert location.organisation.name in content
    assert 'aria-current="date"' in content  # today is marked in the hours table


def test_unknown_location_and_network_are_404(client):
    assert client.get("/nl/locatie/bestaat-niet/").status_code == 404
    assert client.get("/nl/netwerk/bestaat-niet/partners/").status_code == 404


def test_every_page_shows_the_network_contact_block(client, network_with_partners):
    location = network_with_partners.locations.first()
    content = client.get(location.get_absolute_url()).content.decode()
    assert network_with_partners.name in content
    assert 'href="tel:091234567"' in content


def test_a_networks_own_page_leads_with_its_questions_and_this_week(client):
    import datetime as dt

    from django.utils import timezone

    from aanbod.tests.factories import OccurrenceFactory, OfferFactory

    NetworkFactory(slug="eerste")  # the installation's default network is another one
    network = NetworkFactory(slug="rivierenland", name="Huis van het Kind Rivierenland")
    starts = timezone.now() + dt.timedelta(minutes=5)
    ours = OfferFactory(status="published", title="Babbelhoek aan de rivier", networks=[network])
    OccurrenceFactory(offer=ours, starts_at=starts)

    response = client.get("/nl/netwerk/rivierenland/")

    assert response.status_code == 200
    labels = [label for label, _query, _icon in response.context["entry_points"]]
    assert len(labels) == 6
    assert all(
        f"network={network.pk}" in query for _l, query, _i in response.context["entry_points"]
    )
    if timezone.localdate(starts) == timezone.localdate():
        assert "Babbelhoek aan de rivier" in response.content.decode()


def test_location_map_markers_point_at_collected_images(
    client, network_with_partners, settings, tmp_path
):
    # Production stores static files under hashed names; Leaflet's own guess of its image
    # folder then fails (markers 404), so the page hands the map the real addresses.
    import re

    from django.core.management import call_command

    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
    }
    call_command("collectstatic", "--no-input", verbosity=0)
    location = network_with_partners.locations.first()
    location.latitude, location.longitude = 51.05, 3.72
    location.save(update_fields=["latitude", "longitude"])
    content = client.get(location.get_absolute_url()).content.decode()
    for attribute in ("data-marker-icon", "data-marker-icon-2x", "data-marker-shadow"):
        url = re.search(rf'{attribute}="([^"]+)"', content).group(1)
        assert re.search(r"\.[0-9a-f]{12}\.png$", url), url  # the hashed name
        assert (tmp_path / url.removeprefix(settings.STATIC_URL)).is_file(), url


def test_network_page_links_the_qr_flyer_with_its_filter(client):
    network = NetworkFactory(slug="rivierenland")
    content = client.get("/nl/netwerk/rivierenland/").content.decode()
    assert f'href="/nl/aanbod/flyer/?network={network.pk}"' in content
