"""The coordinator's traps in the admin: each answer says what to do instead."""

import pytest
from django.contrib.messages import get_messages
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


def test_a_new_partner_joins_only_networks_its_maker_coordinates(client, cast, coordinator):
    """organisation.create is the coordinator's of the network the partner joins: a
    coordinator who also edits a partner elsewhere adds none there, nor one in no network."""
    from .factories import MembershipFactory

    elsewhere = OrganisationFactory(networks=[cast.far_network])
    MembershipFactory(user=coordinator, role=Role.PARTNER_EDITOR, organisation=elsewhere)
    client.force_login(coordinator)
    data = {
        "name": "Speelotheek Elders",
        "type": OrganisationTypeFactory().pk,
        "pillars": [Pillar.MEETING],
        "locations-TOTAL_FORMS": 0,
        "locations-INITIAL_FORMS": 0,
        "Agreement_partners-TOTAL_FORMS": 0,
        "Agreement_partners-INITIAL_FORMS": 0,
    }
    url = "/admin/partners/organisation/add/"
    for networks in ([cast.far_network.pk], []):
        response = client.post(url, {**data, "networks": networks})
        assert response.status_code == 200
        assert "networks" in response.context["adminform"].form.errors
    assert not Organisation.objects.filter(name="Speelotheek Elders").exists()
    assert client.post(url, {**data, "networks": [cast.network.pk]}).status_code == 302
    assert list(Organisation.objects.get(name="Speelotheek Elders").networks.all()) == [
        cast.network
    ]


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


def test_a_partner_editor_adds_no_other_organisation(client, cast):
    """A partner editor keeps their own organisation; adding partners to the network is the
    coordinator's (organisation.create). The add page asked organisation.edit with no
    object ("any"), so an editor could put new partners of their making in the network."""
    editor = cast.owner
    editor.is_staff = True
    editor.save(update_fields=["is_staff"])
    client.force_login(editor)
    assert client.get("/admin/partners/organisation/add/").status_code == 403
    response = client.post(
        "/admin/partners/organisation/add/",
        {
            "name": "Nep partner",
            "type": OrganisationTypeFactory().pk,
            "networks": [cast.network.pk],
            "locations-TOTAL_FORMS": 0,
            "locations-INITIAL_FORMS": 0,
            "Agreement_partners-TOTAL_FORMS": 0,
            "Agreement_partners-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 403
    assert not Organisation.objects.filter(name="Nep partner").exists()
    # Their own organisation is still theirs to change.
    own = f"/admin/partners/organisation/{cast.organisation.pk}/change/"
    assert client.get(own).status_code == 200


def test_inviting_contact_persons_says_who_was_not_invited_and_why(client, coordinator):
    network = coordinator.network
    organisations = [
        OrganisationFactory(name="CKG De Wiege", contact_email="wiege@example.be"),
        OrganisationFactory(name="Kind en Gezin Aalst", contact_email=""),
        OrganisationFactory(name="OCMW Aalst", contact_email=coordinator.email),
    ]
    for organisation in organisations:
        organisation.networks.set([network])
    client.force_login(coordinator)
    response = client.post(
        "/admin/partners/organisation/",
        {
            "action": "invite_contact_persons",
            "_selected_action": [organisation.pk for organisation in organisations],
        },
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 302
    assert sorted((m.level_tag, str(m)) for m in get_messages(response.wsgi_request)) == [
        ("info", "1 invitation(s) sent."),
        ("warning", "Not invited: Kind en Gezin Aalst"),
        (
            "warning",
            "Not invited: OCMW Aalst: Nobody can give a role to themself. "
            "Ask another coordinator or an administrator.",
        ),
    ]
