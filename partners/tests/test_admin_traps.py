"""The coordinator's traps in the admin: each answer says what to do instead."""

import pytest
from django.utils import translation

from partners.choices import Pillar, Role
from partners.invitations import invitation_place_problem
from partners.models import Organisation
from partners.tests.factories import (
    MunicipalityFactory,
    OrganisationFactory,
    OrganisationTypeFactory,
    staff,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def network(network):
    network.name = "Huis van het Kind Scheldevallei"
    network.save(update_fields=["name"])
    return network


@pytest.fixture
def coordinator(cast):
    """The cast's coordinator (conftest.py), with the staff account the admin asks for."""
    user = staff(cast.coordinator)
    user.network = cast.network
    return user


def test_pillars_are_check_boxes_and_an_empty_slug_is_made_from_the_name(client, coordinator):
    client.force_login(coordinator)
    form_page = client.get("/admin/partners/organisation/add/").content.decode()
    assert 'type="checkbox" name="pillars" value="meeting"' in form_page
    response = client.post(
        "/admin/partners/organisation/add/",
        {
            "name": "Speelotheek De Knikker",
            "slug": "",
            "type": OrganisationTypeFactory().pk,
            "networks": [coordinator.network.pk],
            "pillars": [Pillar.MEETING, Pillar.PARENTING],
            "locations-TOTAL_FORMS": 0,
            "locations-INITIAL_FORMS": 0,
            "Organisation_networks-TOTAL_FORMS": 0,
            "agreements-TOTAL_FORMS": 0,
            "Agreement_partners-TOTAL_FORMS": 0,
            "Agreement_partners-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    organisation = Organisation.objects.get(name="Speelotheek De Knikker")
    assert organisation.slug == "speelotheek-de-knikker"
    assert organisation.pillars == [Pillar.MEETING, Pillar.PARENTING]


def test_a_taken_slug_gets_a_number():
    from partners.admin import unique_slug

    OrganisationFactory(slug="ckg-de-wiege")
    assert unique_slug(Organisation, "CKG De Wiege") == "ckg-de-wiege-2"


@pytest.mark.parametrize(
    ("role", "network", "organisation", "says"),
    [
        (Role.PARTNER_EDITOR, True, False, "choose the organisation"),
        (Role.SOCIAL_WORKER, True, False, "choose the organisation"),
        (Role.COORDINATOR, False, True, "choose the network"),
        (Role.PARTNER_EDITOR, False, False, "choose the organisation"),
        (Role.COORDINATOR, False, False, "choose the network"),
        (Role.VIEWER, False, False, "one organisation"),
        (Role.VIEWER, True, True, "not both"),
    ],
)
def test_each_invitation_error_says_what_to_choose(role, network, organisation, says):
    with translation.override("en"):
        problem = invitation_place_problem(
            role=role, has_network=network, has_organisation=organisation
        )
    assert says in problem


def test_a_fitting_invitation_has_no_problem():
    assert (
        invitation_place_problem(role=Role.VIEWER, has_network=True, has_organisation=False) == ""
    )
    assert (
        invitation_place_problem(role=Role.SOCIAL_WORKER, has_network=False, has_organisation=True)
        == ""
    )


def test_the_invite_page_says_what_to_choose_for_an_editor_without_organisation(
    client, coordinator
):
    client.force_login(coordinator)
    response = client.post(
        "/admin/partners/membership/invite/",
        {
            "email": "nieuw@example.be",
            "role": Role.PARTNER_EDITOR,
            "network": coordinator.network.pk,
        },
        HTTP_ACCEPT_LANGUAGE="nl",
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "Deze rol past daar niet" not in content
    assert "kies de organisatie" in content


def test_a_network_with_many_municipalities_is_listed_once(client, cast, coordinator):
    """Regression: the "Netwerken" list showed one network 25 times (a row per join)."""
    network = coordinator.network
    network.municipalities.set([MunicipalityFactory() for _ in range(25)])
    for _ in range(3):
        OrganisationFactory(networks=[network])
    viewer = staff(cast.viewer)
    municipality = network.municipalities.first()
    for user in (coordinator, viewer):
        client.force_login(user)
        for query in ("", "?q=Scheldevallei", f"?municipalities__id__exact={municipality.pk}"):
            response = client.get(f"/admin/partners/network/{query}")
            assert response.status_code == 200
            rows = [row.pk for row in response.context["cl"].result_list]
            assert rows == [network.pk], (user, query, rows)
            assert response.context["cl"].result_count == 1
