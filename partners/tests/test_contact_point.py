"""A network's contact point must have someone who reads the families' questions."""

import pytest
from django.core import checks

from partners.checks import contact_point_has_reader
from partners.choices import Role
from partners.forms import NetworkAdminForm
from partners.selectors import network_contact_point_readers

from .factories import (
    MembershipFactory,
    MunicipalityFactory,
    NetworkFactory,
    OrganisationFactory,
    UserFactory,
    staff,
)

pytestmark = pytest.mark.django_db


def _network_form_data(network, organiser) -> dict:
    if not network.municipalities.exists():
        network.municipalities.add(MunicipalityFactory())
    return {
        "name": network.name,
        "slug": network.slug,
        "municipalities": [municipality.pk for municipality in network.municipalities.all()],
        "organiser": organiser.pk,
        "phone": network.phone,
        "email": network.email,
    }


def _social_worker(organisation, **user):
    person = UserFactory(**user)
    MembershipFactory(user=person, role=Role.SOCIAL_WORKER, organisation=organisation)
    return person


def test_the_admin_form_refuses_an_organiser_without_a_social_worker():
    network = NetworkFactory()
    nobody_reads = OrganisationFactory(networks=[network], name="Gemeente Zonderwerker")
    form = NetworkAdminForm(data=_network_form_data(network, nobody_reads), instance=network)
    assert not form.is_valid()
    assert "Gemeente Zonderwerker" in form.errors["organiser"][0]


def test_the_admin_form_accepts_an_organiser_with_an_active_social_worker():
    network = NetworkFactory()
    organiser = OrganisationFactory(networks=[network])
    _social_worker(organiser, is_active=False)
    assert not NetworkAdminForm(
        data=_network_form_data(network, organiser), instance=network
    ).is_valid()
    _social_worker(organiser)
    form = NetworkAdminForm(data=_network_form_data(network, organiser), instance=network)
    assert form.is_valid(), form.errors


def test_a_network_whose_organiser_lost_its_worker_can_still_correct_its_phone():
    network = NetworkFactory()
    network.organiser = OrganisationFactory(networks=[network])
    network.save()
    data = _network_form_data(network, network.organiser) | {"phone": "09 111 22 33"}
    assert NetworkAdminForm(data=data, instance=network).is_valid()


def test_the_network_admin_uses_the_contact_point_form(client):
    network = NetworkFactory()
    nobody_reads = OrganisationFactory(networks=[network])
    admin = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(admin)
    url = f"/admin/partners/network/{network.pk}/change/"
    response = client.post(url, _network_form_data(network, nobody_reads))
    assert response.status_code == 200  # the form again, with the error
    network.refresh_from_db()
    assert network.organiser_id is None


def test_the_system_check_warns_for_every_network_nobody_reads():
    served = NetworkFactory(slug="met-lezer")
    served.organiser = OrganisationFactory(networks=[served])
    served.save()
    _social_worker(served.organiser)
    NetworkFactory(slug="zonder-organisator")
    unread = NetworkFactory(slug="zonder-werker")
    unread.organiser = OrganisationFactory(networks=[unread])
    unread.save()
    warnings = contact_point_has_reader(databases=["default"])
    assert {warning.obj for warning in warnings} == {"zonder-organisator", "zonder-werker"}
    assert all(warning.level == checks.WARNING for warning in warnings)
    assert contact_point_has_reader(databases=None) == []  # plain `check`: no queries


def test_the_check_is_registered_for_the_database_tag():
    registered = checks.registry.registry.get_checks(include_deployment_checks=False)
    assert contact_point_has_reader in registered
    assert "database" in contact_point_has_reader.tags


def test_the_coordinators_start_page_names_the_network_nobody_reads(client, cast):
    # The organiser is the outsider's partner: a partner editor there reads no questions.
    network, elsewhere = cast.network, cast.far_network
    network.name, network.organiser = "Huis van het Kind Onbereikbaar", cast.other_organisation
    network.save(update_fields=["name", "organiser"])
    elsewhere.name = "Huis van het Kind Elders"
    elsewhere.save(update_fields=["name"])
    client.force_login(staff(cast.coordinator))
    content = client.get("/admin/").content.decode()
    assert (
        f'<a href="/admin/partners/network/{network.pk}/change/">Huis van het Kind Onbereikbaar</a>'
        " — de organisator heeft geen maatschappelijk werker"
    ) in content
    assert elsewhere.name not in content
    _social_worker(network.organiser)
    attention = client.get("/admin/").content.decode().split('id="flyers"')[0]  # not the flyers
    assert "Huis van het Kind Onbereikbaar" not in attention


def test_readers_are_the_active_social_workers_of_the_organiser(cast):
    # The cast's organisation organises: its social worker reads, its partner editors don't.
    network = cast.network
    network.organiser = cast.organisation
    network.save(update_fields=["organiser"])
    _social_worker(network.organiser, is_active=False)
    assert list(network_contact_point_readers(network=network)) == [cast.social_worker]


def test_the_check_names_every_network_whose_alerts_reach_no_coordinator():
    from partners.checks import network_has_coordinator

    covered = NetworkFactory(slug="met-coordinator")
    MembershipFactory(user=UserFactory(), role=Role.COORDINATOR, network=covered)
    NetworkFactory(slug="zonder-coordinator")
    gone = NetworkFactory(slug="coordinator-vertrokken")
    MembershipFactory(user=UserFactory(is_active=False), role=Role.COORDINATOR, network=gone)
    viewer_only = NetworkFactory(slug="alleen-kijker")
    MembershipFactory(user=UserFactory(), role=Role.VIEWER, network=viewer_only)
    warnings = network_has_coordinator(databases=["default"])
    assert {warning.obj for warning in warnings} == {
        "zonder-coordinator",
        "coordinator-vertrokken",
        "alleen-kijker",
    }
    assert {warning.id for warning in warnings} == {"partners.W002"}
    assert network_has_coordinator(databases=None) == []
    assert "database" in network_has_coordinator.tags


def test_the_administrators_start_page_names_the_network_without_a_coordinator(client):
    orphan = NetworkFactory(name="Huis van het Kind Zonder Trekker")
    led = NetworkFactory(name="Huis van het Kind Met Trekker")
    MembershipFactory(user=UserFactory(), role=Role.COORDINATOR, network=led)
    admin = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(admin)
    content = client.get("/admin/").content.decode()
    section = content.split('id="networks-without-coordinator"')[1].split("</ul>")[0]
    assert "Netwerken zonder coördinator" in content
    assert f'<a href="/admin/partners/network/{orphan.pk}/change/">{orphan.name}</a>' in section
    assert led.name not in section
